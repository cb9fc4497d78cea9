"""pytest support for mapping templates, loaded automatically once apigw-vtl is installed.

Render a template in one line with the ``vtl_render`` fixture::

    from pathlib import Path

    def test_create_order(vtl_render):
        result = vtl_render(Path("templates/create_order.vm"), {"body": '{"id": 7}'})
        assert result.json()["Item"]["id"] == {"S": "7"}

A ``pathlib.Path`` is a template file (relative paths are taken from the test file's
folder); a ``str`` is the template text itself. The event is a mapping (an API Gateway
REST proxy event), a ``Path`` to a JSON file, or omitted for the built-in sample request.
The result is a ``vtl.RenderResult`` (``body``, ``status``, ``headers``, ``json()``...).

Turn a folder of cases into one test per case with ``case_directories``::

    from vtl.pytest_plugin import case_directories

    @case_directories("cases")  # relative to this test file
    def test_templates(vtl_case):
        vtl_case.check()

Every folder under ``cases/`` holding a ``template.vm`` is a case, and its path below
``cases/`` is the test id (``test_templates[orders/create]``). A case holds
``template.vm``, optionally ``event.json`` (else the sample request), and one of
``expected.txt`` (compared byte for byte) or ``expected.json`` (compared as parsed JSON).
A mismatch fails with a unified diff. ``pytest --vtl-update`` writes the expected files
from the current output instead of comparing (``expected.txt`` when a case has neither).
"""

from __future__ import annotations

import difflib
import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import pytest

# Whole methods (vtl_api, vtl_invoke, vtl_api_case) live in vtl/pytest_api.py.
from vtl.pytest_api import vtl_api, vtl_api_case, vtl_invoke  # noqa: F401

if TYPE_CHECKING:
    from vtl.apigw import RenderResult

F = TypeVar("F", bound=Callable[..., Any])

TEMPLATE_FILE = "template.vm"
EVENT_FILE = "event.json"
EXPECTED_TEXT = "expected.txt"
EXPECTED_JSON = "expected.json"

_UPDATED = pytest.StashKey[list[Path]]()


# --- hooks ----------------------------------------------------------------------------


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("vtl", "API Gateway mapping templates (apigw-vtl)")
    group.addoption(
        "--vtl-update",
        action="store_true",
        default=False,
        help="write the expected files of vtl cases from the current output instead of comparing",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.stash.setdefault(_UPDATED, [])


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    updated = config.stash.get(_UPDATED, [])
    if updated:
        count = len(updated)
        terminalreporter.write_sep("-", f"vtl: wrote {count} expected file{'s' * (count != 1)}")
        for path in updated:
            terminalreporter.write_line(_relative(path, config))


# --- rendering ------------------------------------------------------------------------


class Renderer:
    """The ``vtl_render`` fixture: ``vtl_render(template, event=None, *, stage_variables=None)``."""

    def __init__(self, base: Path) -> None:
        self.base = base

    def __call__(
        self,
        template: str | os.PathLike[str],
        event: Mapping[str, Any] | os.PathLike[str] | None = None,
        *,
        stage_variables: Mapping[str, str] | None = None,
        name: str | None = None,
    ) -> RenderResult:
        """Render ``template`` (text, or a ``Path`` to a file) against ``event``."""
        if isinstance(template, os.PathLike):
            path = self.base / Path(template)
            source = _read_text(path)
            name = name or str(template)
        elif isinstance(template, str):
            source = template
        else:
            raise TypeError(
                "template must be the template text (str) or a pathlib.Path, "
                f"not {type(template).__name__}"
            )
        return _render(source, self._event(event), stage_variables=stage_variables, name=name)

    def _event(
        self, event: Mapping[str, Any] | os.PathLike[str] | None
    ) -> Mapping[str, Any] | None:
        if event is None or isinstance(event, Mapping):
            return event
        if isinstance(event, os.PathLike):
            return _read_event(self.base / Path(event))
        raise TypeError(
            "event must be a mapping (an API Gateway proxy event), a pathlib.Path to a JSON "
            f"file, or None for the sample request, not {type(event).__name__}"
        )


@pytest.fixture
def vtl_render(request: pytest.FixtureRequest) -> Renderer:
    """Render a template against an event in one line; returns a ``RenderResult``."""
    return Renderer(Path(request.path).parent)


def _render(
    source: str,
    event: Mapping[str, Any] | None,
    *,
    stage_variables: Mapping[str, str] | None = None,
    name: str | None = None,
) -> RenderResult:
    from vtl.apigw import render, sample_event

    # No event means the sample request, as for `vtl render` (vtl.render's own default
    # is a bare GET).
    event = sample_event() if event is None else event
    return render(source, event, stage_variables=stage_variables, name=name)


# --- case folders ---------------------------------------------------------------------


def case_directories(folder: str | os.PathLike[str]) -> Callable[[F], F]:
    """Parametrize a test over the case folders under ``folder`` (relative to the test file).

    The test takes the ``vtl_case`` fixture, a :class:`Case`, and usually just calls
    ``vtl_case.check()``; the test id of each case is its folder's path below ``folder``.
    """

    def decorate(test: F) -> F:
        module_file = test.__globals__.get("__file__") if hasattr(test, "__globals__") else None
        base = Path(module_file).parent if module_file else Path.cwd()
        root = (base / Path(folder)).resolve()
        cases = find_cases(root)
        if not cases:
            raise ValueError(
                f"case_directories: no case folder (with {TEMPLATE_FILE}) under {root}"
            )
        ids = [case.relative_to(root).as_posix() for case in cases]
        mark = pytest.mark.parametrize("vtl_case", cases, ids=ids, indirect=True)
        return cast(F, mark(test))

    return decorate


def find_cases(root: Path) -> list[Path]:
    """Every folder under ``root`` (itself included) that holds a ``template.vm``, sorted."""
    if not root.is_dir():
        return []
    return sorted(path.parent for path in root.rglob(TEMPLATE_FILE) if path.is_file())


@pytest.fixture
def vtl_case(request: pytest.FixtureRequest) -> Case:
    """One case folder, given by ``@case_directories(...)``."""
    directory = getattr(request, "param", None)
    if directory is None:
        pytest.fail(
            "the vtl_case fixture comes from @case_directories(folder) on the test function",
            pytrace=False,
        )
    update = bool(request.config.getoption("vtl_update", default=False))
    return Case(Path(directory), update=update, config=request.config)


class Case:
    """A case folder: ``template.vm``, ``event.json`` (optional), the expected output."""

    def __init__(
        self, directory: Path, *, update: bool = False, config: pytest.Config | None = None
    ):
        self.directory = directory
        self.update = update
        self._config = config

    @property
    def template_path(self) -> Path:
        return self.directory / TEMPLATE_FILE

    @property
    def event(self) -> dict[str, Any] | None:
        """The case's event, or None (the sample request) when it has no ``event.json``."""
        path = self.directory / EVENT_FILE
        return _read_event(path) if path.exists() else None

    @property
    def expected_path(self) -> Path | None:
        """``expected.txt`` or ``expected.json``, whichever exists (None if neither)."""
        text, data = self.directory / EXPECTED_TEXT, self.directory / EXPECTED_JSON
        if text.exists() and data.exists():
            shown = self._shown(self.directory)
            pytest.fail(f"{shown}: has both {EXPECTED_TEXT} and {EXPECTED_JSON}", pytrace=False)
        return text if text.exists() else data if data.exists() else None

    def render(self) -> RenderResult:
        """Render the template against the event; a template error fails the test cleanly."""
        from vtl.apigw import EventError
        from vtl.errors import TemplateError

        source = _read_text(self.template_path)
        try:
            event = self.event
        except (ValueError, TypeError) as error:  # not JSON, or not an object
            pytest.fail(f"{self._shown(self.directory / EVENT_FILE)}: {error}", pytrace=False)
        try:
            return _render(source, event, name=self._shown(self.template_path))
        except EventError as error:
            pytest.fail(f"{self._shown(self.directory / EVENT_FILE)}: {error}", pytrace=False)
        except TemplateError as error:
            pytest.fail(error.format(), pytrace=False)

    def check(self, result: RenderResult | None = None) -> RenderResult:
        """Compare the output with the expected file (or write it, under ``--vtl-update``)."""
        result = result if result is not None else self.render()
        expected = self.expected_path
        if self.update:
            self._write_expected(result, expected)
        elif expected is None:
            pytest.fail(
                f"{self._shown(self.directory)}: no {EXPECTED_TEXT} or {EXPECTED_JSON}; "
                "run pytest --vtl-update to write it from the current output",
                pytrace=False,
            )
        elif expected.name == EXPECTED_TEXT:
            self._compare_text(result.body, expected)
        else:
            self._compare_json(result, expected)
        return result

    def _compare_text(self, body: str, expected_path: Path) -> None:
        expected = _read_text(expected_path)
        if body != expected:
            shown = self._shown(expected_path)
            diff = unified_diff(expected, body, shown, "rendered output")
            pytest.fail(f"output differs from {shown}:\n{diff}", pytrace=False)

    def _compare_json(self, result: RenderResult, expected_path: Path) -> None:
        shown = self._shown(expected_path)
        actual = self._output_json(result, f"{shown} expects JSON")
        expected = _read_json(expected_path)
        if not json_equal(actual, expected):
            diff = unified_diff(
                _canonical_json(expected), _canonical_json(actual), shown, "rendered output"
            )
            pytest.fail(f"output differs from {shown} (as JSON):\n{diff}", pytrace=False)

    def _output_json(self, result: RenderResult, why: str) -> Any:
        from vtl.apigw import OutputNotJsonError

        try:
            return result.json()
        except OutputNotJsonError as error:
            pytest.fail(f"output is not JSON ({why}):\n{error}", pytrace=False)

    def _write_expected(self, result: RenderResult, expected: Path | None) -> None:
        """Write the expected file from ``result``, only if it differs (keeps your formatting)."""
        if expected is not None and expected.name == EXPECTED_JSON:
            data = self._output_json(result, f"cannot update {self._shown(expected)}")
            if json_equal(data, _read_json(expected)):
                return
            content = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        else:
            expected = self.directory / EXPECTED_TEXT
            if expected.exists() and _read_text(expected) == result.body:
                return
            content = result.body
        expected.write_bytes(content.encode("utf-8", "surrogatepass"))
        if self._config is not None:
            self._config.stash.setdefault(_UPDATED, []).append(expected)

    def _shown(self, path: Path) -> str:
        return _relative(path, self._config)


# --- comparing ------------------------------------------------------------------------


def json_equal(a: object, b: object) -> bool:
    """JSON equality: key order is ignored; ``true`` differs from ``1``, ``"1"`` from ``1``."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(json_equal(a[key], b[key]) for key in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


def _canonical_json(data: object) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def unified_diff(expected: str, actual: str, fromfile: str, tofile: str) -> str:
    """A unified diff in which carriage returns and a missing final newline show."""
    return "".join(
        difflib.unified_diff(_visible_lines(expected), _visible_lines(actual), fromfile, tofile)
    )


def _visible_lines(text: str) -> list[str]:
    # Split on "\n" only (str.splitlines also breaks at \v, \f, U+2028...).
    lines = [line.replace("\r", "\\r") + "\n" for line in text.split("\n")]
    last = lines.pop()
    if last != "\n":
        lines += [last, "\\ No newline at end of file\n"]
    return lines


# --- files ----------------------------------------------------------------------------


def _relative(path: Path, config: pytest.Config | None) -> str:
    """``path`` relative to the rootdir, as pytest shows test files."""
    root = config.rootpath if config is not None else Path.cwd()
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _read_text(path: Path) -> str:
    """A file's text, decoded as UTF-8 without newline translation."""
    return path.read_bytes().decode("utf-8")


def _read_json(path: Path) -> Any:
    return json.loads(path.read_bytes())


def _read_event(path: Path) -> dict[str, Any]:
    event = _read_json(path)
    if not isinstance(event, dict):
        raise TypeError(f"an event must be a JSON object, not {type(event).__name__}")
    return event

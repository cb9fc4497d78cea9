"""pytest support for mapping templates, loaded automatically once apigw-vtl is installed.

Render a template in one line with the ``vtl_render`` fixture::

    from pathlib import Path

    def test_create_order(vtl_render):
        result = vtl_render(Path("templates/create_order.vm"), {"body": '{"id": 7}'})
        assert result.json()["Item"]["id"] == {"S": "7"}

A ``pathlib.Path`` is a template file (relative paths are taken from the test file's
folder); a ``str`` is the template text itself. The event is a mapping (an API Gateway
REST proxy event), a ``Path`` to a JSON file, or omitted for the built-in sample request.
The result is a ``vtl.RenderResult`` (``body``, ``status``, ``headers``, ``json()``...);
the template's warnings (``$s.lower()`` renders ``""``) are issued as
:class:`MappingTemplateWarning`, in pytest's warnings summary.

Turn a folder of cases into one test per case with ``case_directories``::

    from vtl.pytest_plugin import case_directories

    @case_directories("cases")  # relative to this test file
    def test_templates(vtl_case):
        vtl_case.check()

Every folder under ``cases/`` holding a ``template.vm`` is a case, and its path below
``cases/`` is the test id (``test_templates[orders/create]``). A case holds
``template.vm``, optionally ``event.json`` (else the sample request) and ``body.json`` /
``body.txt`` (the integration's answer, for a response template), and ``expected.txt``
(compared byte for byte) or ``expected.json`` (compared as parsed JSON, or the whole
response ``{"status", "headers", "body"}``), with ``expected-overrides.json`` for the
status and headers beside ``expected.txt``. ``events/NAME.json`` with ``expected/NAME.json``
runs one template over many requests, one test each. The layout is :mod:`vtl.cases`; a
folder that looks like a case but is not well formed fails collection. A mismatch fails
with a unified diff. ``pytest --vtl-update`` writes the expected files from the current
output instead of comparing (``expected.txt`` when a case has neither).
"""

from __future__ import annotations

import json
import os
import re
import sys
import warnings
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar, cast

import pytest

from vtl import cases
from vtl.cases import CaseError, CaseFailure, json_equal, unified_diff

# Whole methods (vtl_api, vtl_invoke, vtl_api_case) live in vtl/pytest_api.py.
from vtl.pytest_api import vtl_api, vtl_api_case, vtl_invoke  # noqa: F401
from vtl.textfiles import TextFileError, decode_json, decode_text

if TYPE_CHECKING:
    from vtl.apigw import RenderResult

__all__ = [
    "Case", "MappingTemplateWarning", "Renderer", "case_directories", "find_cases", "json_equal",
    "unified_diff",
]

F = TypeVar("F", bound=Callable[..., Any])

TEMPLATE_FILE = cases.TEMPLATE_FILE

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
    """The ``vtl_render`` fixture: ``vtl_render(template, event=None, *, stage_variables=None,
    body=None, status=None)``."""

    def __init__(self, base: Path) -> None:
        self.base = base

    def __call__(
        self,
        template: str | os.PathLike[str],
        event: Mapping[str, Any] | os.PathLike[str] | None = None,
        *,
        stage_variables: Mapping[str, str] | None = None,
        name: str | None = None,
        body: str | os.PathLike[str] | Mapping[str, Any] | list[Any] | None = None,
        status: int | None = None,
    ) -> RenderResult:
        """Render ``template`` (text, or a ``Path`` to a file) against ``event``.

        For a response template, ``body`` is the integration's answer: text, a ``Path`` to
        a file, or a dict/list written as JSON; ``status`` the integration response's status.
        A template error raises ``vtl.TemplateError`` (reported with the template line, no
        engine frames); a malformed event ``vtl.EventError``.
        """
        __tracebackhide__ = True
        from vtl.apigw import EventError, render
        from vtl.errors import TemplateError

        if isinstance(template, os.PathLike):
            source = _read_text(self.base / Path(template))
            name = name or str(template)
        elif isinstance(template, str):
            if _LOOKS_LIKE_FILE_NAME.fullmatch(template):
                # Rendered, the name is its own output: a test comparing it fails far from
                # the cause, or one checking only the status passes without the template.
                raise ValueError(
                    f"vtl_render got the text {template!r}, which is a file name, not a "
                    f"template: pass Path({template!r}) to render the file (a str is the "
                    "template text itself)"
                )
            source = template
        else:
            raise TypeError(
                "template must be the template text (str) or a pathlib.Path, "
                f"not {type(template).__name__}"
            )
        loaded = self._event(event)
        try:
            result = render(source, loaded, stage_variables=stage_variables, name=name,
                            body=self._body(body), status=status)
            warn_templates(result.warnings)
            return result
        except TemplateError as error:
            problem: Exception = error
        except EventError as error:
            from vtl.cases import body_hint

            hint = body_hint(loaded)
            problem = EventError(f"{error}{hint}") if hint else error
        # Raised again here, outside the except block and without the engine's frames, so
        # pytest shows the user's line and the template report once (pytest.raises still
        # catches the same exception type).
        raise problem.with_traceback(None)

    def _event(
        self, event: Mapping[str, Any] | os.PathLike[str] | None
    ) -> Mapping[str, Any] | None:
        __tracebackhide__ = True
        if event is None or isinstance(event, Mapping):
            return event
        if isinstance(event, os.PathLike):
            return _read_event(self.base / Path(event))
        raise TypeError(
            "event must be a mapping (an API Gateway proxy event), a pathlib.Path to a JSON "
            f"file, or None for the sample request, not {type(event).__name__}"
        )

    def _body(self, body: object) -> str | None:
        __tracebackhide__ = True
        if body is None or isinstance(body, str):
            return body
        if isinstance(body, os.PathLike):
            return _read_text(self.base / Path(body))
        if isinstance(body, (Mapping, list)):
            return json.dumps(body, ensure_ascii=False)
        raise TypeError(
            "body must be the integration's answer as text (str), a pathlib.Path to a file, "
            f"or a dict/list to send as JSON, not {type(body).__name__}"
        )


#: A template file's name given as text: one word ending in a template extension.
_LOOKS_LIKE_FILE_NAME = re.compile(r"[\w./\\-]+\.(vm|vtl|velocity|tpl|tmpl)", re.IGNORECASE)


class MappingTemplateWarning(UserWarning):
    """What a rendered template does that API Gateway accepts but nobody means (``$s.lower()``
    renders ``""``): the warnings ``vtl render`` prints, in pytest's warnings summary (an
    error under ``-W error::vtl.pytest_plugin.MappingTemplateWarning``)."""


def warn_templates(found: list[Any]) -> None:
    """Issue each template warning (``vtl.TemplateWarning``) at the test's line."""
    for warning in found:
        warnings.warn(f"{warning.location}: {warning.message}", MappingTemplateWarning,
                      stacklevel=_outside_the_plugin())


def _outside_the_plugin() -> int:
    """The ``stacklevel`` of the first caller outside vtl's pytest modules (the test)."""
    level, frame = 1, sys._getframe(1)
    while frame.f_back is not None and frame.f_code.co_filename in _PLUGIN_FILES:
        level, frame = level + 1, frame.f_back
    return level


_PLUGIN_FILES = {__file__, __file__.replace("pytest_plugin", "pytest_api")}


@pytest.fixture
def vtl_render(request: pytest.FixtureRequest) -> Renderer:
    """Render a template against an event in one line; returns a ``RenderResult``."""
    return Renderer(Path(request.path).parent)


def _fail(message: str) -> NoReturn:
    __tracebackhide__ = True
    pytest.fail(message, pytrace=False)


# --- case folders ---------------------------------------------------------------------


def case_directories(folder: str | os.PathLike[str]) -> Callable[[F], F]:
    """Parametrize a test over the case folders under ``folder`` (relative to the test file).

    The test takes the ``vtl_case`` fixture, a :class:`Case`, and usually just calls
    ``vtl_case.check()``; the test id of each case is its folder's path below ``folder``
    (and ``/NAME`` for each event of an ``events/`` folder). A malformed case folder fails
    collection with a message naming it.
    """

    def decorate(test: F) -> F:
        module_file = test.__globals__.get("__file__") if hasattr(test, "__globals__") else None
        base = Path(module_file).parent if module_file else Path.cwd()
        root = (base / Path(folder)).resolve()
        try:
            found = cases.find_cases(root, _shown_from_cwd)
        except CaseError as error:
            problem = f"case_directories: {error}"
        else:
            problem = ""
        if problem:
            pytest.fail(problem, pytrace=False)
        if not found:
            raise ValueError(
                f"case_directories: no case folder (with {TEMPLATE_FILE}) under {root}"
            )
        ids = [case.id for case in found]
        mark = pytest.mark.parametrize("vtl_case", found, ids=ids, indirect=True)
        return cast(F, mark(test))

    return decorate


def find_cases(root: Path) -> list[Path]:
    """Every folder under ``root`` (itself included) that holds a ``template.vm``, sorted."""
    return sorted({case.directory for case in cases.find_cases(root)})


@pytest.fixture
def vtl_case(request: pytest.FixtureRequest) -> Case:
    """One case, given by ``@case_directories(...)``."""
    param = getattr(request, "param", None)
    if param is None:
        pytest.fail(
            "the vtl_case fixture comes from @case_directories(folder) on the test function",
            pytrace=False,
        )
    update = bool(request.config.getoption("vtl_update", default=False))
    if isinstance(param, (str, os.PathLike)):
        param = cases.Case(Path(param).name, Path(param), None, Path(param) / "expected")
    return Case(param, update=update, config=request.config)


class Case:
    """A case (:class:`vtl.cases.Case`) as a test sees it: ``render()`` and ``check()``."""

    def __init__(
        self, case: cases.Case, *, update: bool = False, config: pytest.Config | None = None
    ):
        case.shown = self._shown
        case.update_hint = "run pytest --vtl-update to write it from the current output"
        self.case = case
        self.directory = case.directory
        self.update = update
        self._config = config

    @property
    def template_path(self) -> Path:
        return self.case.template_path

    @property
    def event(self) -> dict[str, Any] | None:
        """The case's event, or None (the sample request) when it has none."""
        __tracebackhide__ = True
        try:
            return self.case.event
        except CaseError as error:
            message = str(error)
        _fail(message)

    @property
    def expected_path(self) -> Path | None:
        """``expected.txt`` or ``expected.json``, whichever exists (None if neither)."""
        return self.case.expected_path

    def render(self) -> RenderResult:
        """Render the template against the event; a template error fails the test cleanly."""
        __tracebackhide__ = True
        from vtl.errors import TemplateError

        try:
            return self.case.render()
        except CaseError as error:
            message = str(error)
        except TemplateError as error:
            message = error.format()
        _fail(message)

    def check(self, result: RenderResult | None = None) -> RenderResult:
        """Compare the output, status and headers with the expected files (or write them,
        under ``--vtl-update``)."""
        __tracebackhide__ = True
        result = result if result is not None else self.render()
        try:
            if self.update:
                written = self.case.update(result)
                if self._config is not None:
                    self._config.stash.setdefault(_UPDATED, []).extend(written)
            else:
                self.case.check(result)
        except (CaseError, CaseFailure) as error:
            message = str(error)
        else:
            return result
        _fail(message)

    def _shown(self, path: Path) -> str:
        return _relative(path, self._config)


# --- files ----------------------------------------------------------------------------


def _relative(path: Path, config: pytest.Config | None) -> str:
    """``path`` relative to the rootdir, as pytest shows test files."""
    root = config.rootpath if config is not None else Path.cwd()
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _shown_from_cwd(path: Path) -> str:
    return _relative(path, None)


def _read_text(path: Path, json_file: bool = False) -> str:
    """A file's text, decoded as UTF-8 without newline translation (``json_file``: without
    a byte order mark, RFC 8259 §8.1); a missing or non-UTF-8 file fails the test with one
    line naming it."""
    __tracebackhide__ = True
    try:
        data = path.read_bytes()
        return decode_json(data) if json_file else decode_text(data)
    except FileNotFoundError:
        message = "no such file"
    except IsADirectoryError:
        message = "is a directory, not a file"
    except TextFileError as error:
        message = str(error)
    _fail(f"{_relative(path, None)}: {message}")


def _read_event(path: Path) -> dict[str, Any]:
    __tracebackhide__ = True
    try:
        event = json.loads(_read_text(path, json_file=True))
    except json.JSONDecodeError as error:
        message = f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
    else:
        message = ""
    if message:
        _fail(f"{_relative(path, None)}: {message}")
    if not isinstance(event, dict):
        _fail(f"{_relative(path, None)}: an event must be a JSON object, not "
              f"{type(event).__name__}")
    return event

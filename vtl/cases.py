"""Golden case folders: a template, its input and the expected output, checked or recorded.

Shared by the pytest plugin (``@case_directories``) and ``vtl test``. A case folder holds:

    template.vm                 the mapping template
    event.json                  the request (optional: the sample request otherwise)
    body.json | body.txt        the integration's answer, for a response template (optional)
    expected.txt                the body, compared byte for byte, or
    expected.json               the body compared as parsed JSON; or the whole response
                                {"status": 404, "headers": {...}, "body": <JSON>}
    expected-overrides.json     beside expected.txt/.json: {"status", "headers", "path",
                                "querystring"} the template must set (none: it sets none)

One template with many requests: ``events/NAME.json`` instead of ``event.json``, one test
per event (id ``case/NAME``), with ``expected/NAME.txt`` or ``expected/NAME.json`` (and
``expected/NAME-overrides.json``). The overrides are always compared: a template that sets
a status or a header the case does not expect fails.

A folder that looks like a case but is not well formed (a misspelt ``templete.vm``, two
expected files, an unknown file) raises :class:`CaseError` when cases are looked for, so
it is never silently skipped.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vtl.textfiles import TextFileError, decode_json, decode_text

if TYPE_CHECKING:
    from vtl.apigw import RenderResult

__all__ = [
    "Case", "CaseError", "CaseFailure", "find_cases", "json_equal", "unified_diff",
]

TEMPLATE_FILE = "template.vm"
EVENT_FILE = "event.json"
EVENTS_DIR = "events"
BODY_FILES = ("body.json", "body.txt")
EXPECTED_TEXT = "expected.txt"
EXPECTED_JSON = "expected.json"
EXPECTED_OVERRIDES = "expected-overrides.json"
EXPECTED_DIR = "expected"
CASE_FILES = frozenset(
    (TEMPLATE_FILE, EVENT_FILE, *BODY_FILES, EXPECTED_TEXT, EXPECTED_JSON, EXPECTED_OVERRIDES)
)
OVERRIDE_KEYS = ("status", "headers", "path", "querystring")
_SKIPPED_DIRS = ("__pycache__",)


class CaseError(Exception):
    """A case folder that is not well formed, or an input file that cannot be read.

    ``problems`` lists one message per folder when several are wrong (``str()`` joins them
    with line breaks)."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems if problems is not None else [message]


class CaseFailure(Exception):
    """The rendered output differs from the expected files; the message holds the diff."""


# --- finding cases --------------------------------------------------------------------


def find_cases(root: Path, shown: Any = str) -> list[Case]:
    """Every case under ``root`` (itself included), sorted by id; :class:`CaseError` naming
    every folder that looks like a case but is not one, so one run reports them all.
    ``shown(path)`` formats paths in messages."""
    if not root.is_dir():
        return []
    cases: list[Case] = []
    problems: list[str] = []
    for directory in _folders(root):
        try:
            if (directory / TEMPLATE_FILE).is_file():
                cases.extend(_cases_in(directory, root, shown))
            elif directory != root:
                # The root may hold loose templates and events of its own (examples/ does).
                _check_not_a_case(directory, shown)
        except CaseError as error:
            problems += error.problems
    if problems:
        raise CaseError("\n".join(problems), problems)
    return sorted(cases, key=lambda case: case.id)


def _folders(root: Path) -> Iterator[Path]:
    """``root`` and the folders below it, not descending into a case's own folders."""
    stack = [root]
    while stack:
        directory = stack.pop()
        yield directory
        inner = (EVENTS_DIR, EXPECTED_DIR) if (directory / TEMPLATE_FILE).is_file() else ()
        stack.extend(
            child for child in sorted(directory.iterdir(), reverse=True)
            if child.is_dir() and not child.name.startswith(".")
            and child.name not in _SKIPPED_DIRS and child.name not in inner
        )


def _ignored(path: Path) -> bool:
    """Notes kept beside a case (``README.md``) and hidden files are not case files."""
    return path.name.startswith(".") or path.suffix == ".md"


def _check_not_a_case(directory: Path, shown: Any) -> None:
    """A folder with a case's inputs or expectations but no template.vm (a misspelt
    ``templete.vm``…) is an error; a folder of templates alone is not a case."""
    if (directory / "request.json").is_file():  # a whole-method case (below), not a template's
        return
    children = [child for child in directory.iterdir() if not _ignored(child)]
    case_files = [
        child.name for child in children
        if child.name in CASE_FILES or child.name.startswith("expected")
        or (child.is_dir() and child.name == EVENTS_DIR)
    ]
    if case_files:
        templates = [child.name for child in children if child.suffix == ".vm"]
        raise CaseError(
            f"{shown(directory)}: looks like a case (it has "
            f"{', '.join(sorted(case_files + templates))}) but has no {TEMPLATE_FILE}"
        )


def _cases_in(directory: Path, root: Path, shown: Any) -> list[Case]:
    names = {child.name for child in directory.iterdir() if not _ignored(child)}
    for name in sorted(names - CASE_FILES - {EVENTS_DIR, EXPECTED_DIR}):
        what = "folder" if (directory / name).is_dir() else "file"
        raise CaseError(
            f"{shown(directory / name)}: unknown {what} in a case folder (a case holds "
            f"{TEMPLATE_FILE}, {EVENT_FILE} or {EVENTS_DIR}/, body.json or body.txt, "
            f"{EXPECTED_TEXT} or {EXPECTED_JSON}, {EXPECTED_OVERRIDES})"
        )
    _at_most_one(directory, BODY_FILES, shown)
    case_id = directory.relative_to(root).as_posix()
    if case_id == ".":  # CASES_DIR is itself one case: named after its folder
        case_id = root.resolve().name
    if EVENTS_DIR not in names:
        if EXPECTED_DIR in names:
            raise CaseError(f"{shown(directory / EXPECTED_DIR)}: an {EXPECTED_DIR}/ folder goes "
                            f"with an {EVENTS_DIR}/ folder (one expected file per event)")
        _at_most_one(directory, (EXPECTED_TEXT, EXPECTED_JSON), shown)
        event = directory / EVENT_FILE
        return [Case(case_id, directory, event if event.exists() else None,
                     directory / "expected", shown)]
    return _event_cases(directory, names, case_id, shown)


def _event_cases(directory: Path, names: set[str], case_id: str, shown: Any) -> list[Case]:
    events_dir = directory / EVENTS_DIR
    if EVENT_FILE in names:
        raise CaseError(f"{shown(directory)}: has both {EVENT_FILE} and {EVENTS_DIR}/; keep one")
    for name in names & {EXPECTED_TEXT, EXPECTED_JSON, EXPECTED_OVERRIDES}:
        raise CaseError(f"{shown(directory / name)}: with {EVENTS_DIR}/, expected files go in "
                        f"{EXPECTED_DIR}/ as NAME.txt or NAME.json, one per event")
    events = sorted(p for p in events_dir.iterdir() if not _ignored(p))
    for path in events:
        if path.suffix != ".json" or not path.is_file():
            raise CaseError(f"{shown(path)}: {EVENTS_DIR}/ holds only NAME.json events")
    if not events:
        raise CaseError(f"{shown(events_dir)}: no events (NAME.json) in it")
    stems = {path.stem for path in events}
    expected_dir = directory / EXPECTED_DIR
    if expected_dir.is_dir():
        for path in sorted(expected_dir.iterdir()):
            if _ignored(path):
                continue
            stem = path.name.removesuffix("-overrides.json").removesuffix(".json")
            stem = stem.removesuffix(".txt")
            if stem not in stems:
                raise CaseError(f"{shown(path)}: no event {EVENTS_DIR}/{stem}.json goes with it")
        for stem in sorted(stems):
            _at_most_one(expected_dir, (f"{stem}.txt", f"{stem}.json"), shown)
    return [Case(f"{case_id}/{path.stem}", directory, path, expected_dir / path.stem, shown)
            for path in events]


def _at_most_one(directory: Path, names: tuple[str, ...], shown: Any) -> None:
    present = [name for name in names if (directory / name).exists()]
    if len(present) > 1:
        raise CaseError(f"{shown(directory)}: has both {present[0]} and {present[1]}; keep one")


# --- one case -------------------------------------------------------------------------


@dataclass
class Case:
    """One test: a case folder's template against one event, and where its expectations are.

    ``expected_base`` is the expected files' path without suffix: ``folder/expected`` (so
    ``expected.txt``, ``expected.json``, ``expected-overrides.json``) or
    ``folder/expected/NAME`` for the events of an ``events/`` folder.
    """

    id: str
    directory: Path
    event_path: Path | None
    expected_base: Path
    shown: Any = str
    #: How to record the expected files, said when there are none.
    update_hint: str = "run vtl test --update to write it"

    @property
    def template_path(self) -> Path:
        return self.directory / TEMPLATE_FILE

    @property
    def expected_text(self) -> Path:
        return self.expected_base.with_name(self.expected_base.name + ".txt")

    @property
    def expected_json(self) -> Path:
        return self.expected_base.with_name(self.expected_base.name + ".json")

    @property
    def expected_overrides(self) -> Path:
        return self.expected_base.with_name(self.expected_base.name + "-overrides.json")

    @property
    def expected_path(self) -> Path | None:
        """``expected.txt`` or ``expected.json``, whichever exists (None if neither)."""
        for path in (self.expected_text, self.expected_json):
            if path.exists():
                return path
        return None

    # - inputs -

    def read_text(self, path: Path, json_file: bool = False) -> str:
        """A case file's text; :class:`CaseError` naming the file when it cannot be read.
        ``json_file``: a JSON document, whose byte order mark is dropped (RFC 8259 §8.1)."""
        try:
            data = path.read_bytes()
            return decode_json(data) if json_file else decode_text(data)
        except FileNotFoundError:
            raise CaseError(f"{self.shown(path)}: no such file") from None
        except TextFileError as error:
            raise CaseError(f"{self.shown(path)}: {error}") from None

    def read_json(self, path: Path) -> Any:
        try:
            return json.loads(self.read_text(path, json_file=True))
        except json.JSONDecodeError as error:
            raise CaseError(f"{self.shown(path)}: not valid JSON: {error.msg} "
                            f"(line {error.lineno}, column {error.colno})") from None

    @property
    def event(self) -> dict[str, Any] | None:
        """The case's event, or None (the sample request) when it has none."""
        if self.event_path is None:
            return None
        event = self.read_json(self.event_path)
        if not isinstance(event, dict):
            raise CaseError(f"{self.shown(self.event_path)}: an event must be a JSON object, "
                            f"not {type(event).__name__}")
        return event

    @property
    def body(self) -> str | None:
        """The integration's answer (``body.json`` / ``body.txt``), for a response template."""
        for name in BODY_FILES:
            path = self.directory / name
            if path.exists():
                text = self.read_text(path)
                if name == "body.json":
                    self.read_json(path)  # a body.json that is not JSON is a mistake
                return text
        return None

    def render(self) -> RenderResult:
        """Render the template; CaseError for bad inputs, TemplateError for the template."""
        from vtl.apigw import EventError, render

        source = self.read_text(self.template_path)
        event, body = self.event, self.body
        try:
            return render(source, event, body=body, name=self.shown(self.template_path))
        except EventError as error:
            where = self.event_path if self.event_path is not None else "the sample event"
            raise CaseError(f"{self.shown(where) if isinstance(where, Path) else where}: "
                            f"{error}{body_hint(event)}") from None

    # - checking -

    def check(self, result: RenderResult) -> None:
        """Compare ``result`` with the expected files; :class:`CaseFailure` with a diff,
        followed by the template's warnings (``$s.lower()`` renders ``""``: often why)."""
        try:
            self._check(result)
        except CaseFailure as failure:
            found = result.warnings
            if not found:
                raise
            shown = "\n".join(warning.format() for warning in found)
            raise CaseFailure(f"{failure}\nthe template's warnings:\n{shown}") from None

    def _check(self, result: RenderResult) -> None:
        expected = self.expected_path
        if expected is None:
            raise CaseError(
                f"{self.shown(self.expected_base.parent)}: no {self.expected_text.name} or "
                f"{self.expected_json.name}; {self.update_hint}"
            )
        if expected == self.expected_text:
            body_expected: Any = self.read_text(expected)
            overrides = self._overrides_file()
            if result.body != body_expected:
                shown = self.shown(expected)
                diff = unified_diff(body_expected, result.body, shown, "rendered output")
                raise CaseFailure(f"output differs from {shown}:\n{diff}")
        else:
            data = self.read_json(expected)
            if _is_full_response(data):
                if self.expected_overrides.exists():
                    raise CaseError(
                        f"{self.shown(self.expected_overrides)}: {expected.name} already holds "
                        "the whole response (status, headers, body); keep one of them"
                    )
                overrides = {key: data[key] for key in OVERRIDE_KEYS if key in data}
                body_expected = data["body"]
            else:
                overrides, body_expected = self._overrides_file(), data
            actual = self._output_json(result, f"{self.shown(expected)} expects JSON")
            if not json_equal(actual, body_expected):
                shown = self.shown(expected)
                raise CaseFailure(
                    f"output differs from {shown} (as JSON):\n" + unified_diff(
                        _canonical(body_expected), _canonical(actual), shown, "rendered output")
                )
        self._compare_overrides(result, overrides, expected)

    def _overrides_file(self) -> dict[str, Any]:
        path = self.expected_overrides
        if not path.exists():
            return {}
        data = self.read_json(path)
        if not isinstance(data, dict) or set(data) - set(OVERRIDE_KEYS):
            raise CaseError(f"{self.shown(path)}: must be a JSON object with only "
                            + ", ".join(OVERRIDE_KEYS))
        return data

    def _compare_overrides(self, result: RenderResult, expected: dict[str, Any],
                           expected_file: Path) -> None:
        actual = result.overrides
        wanted = {key: value for key, value in expected.items() if value not in (None, {})}
        if json_equal(actual, wanted):
            return
        where = (self.shown(self.expected_overrides) if self.expected_overrides.exists()
                 else self.shown(expected_file))
        raise CaseFailure(
            f"the status and headers the template set differ from {where}:\n"
            + unified_diff(_canonical(wanted), _canonical(actual), where, "rendered overrides")
        )

    def _output_json(self, result: RenderResult, why: str) -> Any:
        from vtl.apigw import OutputNotJsonError

        try:
            return result.json()
        except OutputNotJsonError as error:
            raise CaseFailure(f"output is not JSON ({why}):\n{error}") from None

    # - recording -

    def update(self, result: RenderResult) -> list[Path]:
        """Write the expected files from ``result`` where they differ; the paths written
        (or removed: an ``expected-overrides.json`` the template no longer needs)."""
        changed: list[Path] = []
        overrides = result.overrides
        expected = self.expected_path
        self.expected_base.parent.mkdir(parents=True, exist_ok=True)
        if expected == self.expected_json:
            data = self._output_json(result, f"cannot update {self.shown(expected)}")
            separate = self.expected_overrides.exists()
            content = data if separate or not overrides else {**overrides, "body": data}
            old = self.read_json(expected)
            if not (json_equal(old, content) and _is_full_response(old) == (content is not data)):
                _write(expected, json.dumps(content, indent=2, ensure_ascii=False) + "\n")
                changed.append(expected)
            if separate:
                changed += self._update_overrides(overrides)
            return changed
        path = self.expected_text
        if not path.exists() or self.read_text(path) != result.body:
            _write(path, result.body)
            changed.append(path)
        return changed + self._update_overrides(overrides)

    def _update_overrides(self, overrides: dict[str, Any]) -> list[Path]:
        path = self.expected_overrides
        if not overrides:
            if path.exists():
                path.unlink()
                return [path]
            return []
        if path.exists() and json_equal(self._overrides_file(), overrides):
            return []
        _write(path, json.dumps(overrides, indent=2, ensure_ascii=False) + "\n")
        return [path]


def _write(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8", "surrogatepass"))


def _is_full_response(data: object) -> bool:
    """``{"status": 404, "headers": {...}, "body": ...}``: the whole response, not a body.

    Only keys from status/headers/path/querystring/body, ``body`` and at least one other
    present, ``status`` a number (or null) and the others objects of strings, so a template
    whose output merely has a "body" key is not mistaken for one.
    """
    if not isinstance(data, dict) or "body" not in data or len(data) < 2:
        return False
    if set(data) - {*OVERRIDE_KEYS, "body"}:
        return False
    status = data.get("status")
    if status is not None and (isinstance(status, bool) or not isinstance(status, int)):
        return False
    return all(
        isinstance(data.get(key, {}), dict)
        and all(isinstance(v, str) for v in data.get(key, {}).values())
        for key in ("headers", "path", "querystring")
    )


def body_hint(event: object) -> str:
    """What to add to an event error when the body is not where or what an event has it:
    the "event" is a request body (none of its keys is a proxy event's), or its "body" is
    JSON written as an object rather than as the text a client sent."""
    from vtl.apigw.event import EVENT_FIELDS

    if not isinstance(event, dict) or not event:
        return ""
    if isinstance(event.get("body"), (dict, list)):
        return ('. An event carries the body as the text the client sent: write it as a JSON '
                'string ("body": "{\\"customer\\": ...}"; in Python json.dumps(body))')
    if set(event) & set(EVENT_FIELDS):
        return ""
    return ('. This looks like a request body, not an event: an event carries the body as a '
            'string in its "body" field ({"body": "{\\"customer\\": ...}"}); '
            '`vtl sample-event` prints one to start from')


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


def _canonical(data: object) -> str:
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


# --- whole-method cases ---------------------------------------------------------------
#
# A folder holding request.json is a case of a whole method (vtl.api.Api.invoke), shared by
# the pytest plugin's @api_case_directories and `vtl test`: request.json, at most one backend
# answer and expected.json ({"status", "headers", "body"}, optionally "error",
# "integration_request", "integration_response").

REQUEST_FILE = "request.json"
API_FILES = ("api.yaml", "api.yml", "api.json")
BACKEND_FILES = ("lambda-result.json", "lambda-error.json", "http-response.json")
REQUEST_KEYS = ("method", "path", "headers", "body", "stage", "stage_variables", "authorizer",
                "identity", "authorizer_outcome")


def find_api_cases(root: Path) -> list[Path]:
    """Every folder under ``root`` holding a ``request.json``, sorted."""
    if not root.is_dir():
        return []
    return sorted(path.parent for path in root.rglob(REQUEST_FILE) if path.is_file())


def nearest_api(directory: Path, top: Path) -> Path | None:
    """The nearest ``api.yaml`` (``api.yml``, ``api.json``) in ``directory`` or above it,
    up to ``top``; None if there is none."""
    for folder in (directory, *directory.parents):
        for name in API_FILES:
            if (folder / name).is_file():
                return folder / name
        if folder == top:
            break
    return None


def read_json_document(path: Path, shown: Any = str) -> Any:
    """The JSON document in ``path`` (a BOM dropped); :class:`CaseError` naming the file."""
    try:
        return json.loads(decode_json(path.read_bytes()))
    except OSError as error:
        raise CaseError(f"{shown(path)}: {error.strerror or error}") from None
    except TextFileError as error:
        raise CaseError(f"{shown(path)}: {error}") from None
    except json.JSONDecodeError as error:
        raise CaseError(f"{shown(path)}: not valid JSON: {error.msg} "
                        f"(line {error.lineno}, column {error.colno})") from None


def read_request(directory: Path, shown: Any = str) -> dict[str, Any]:
    """``request.json`` as keyword arguments of ``Api.invoke`` (with ``method`` and ``path``);
    errors name the file as ``shown`` writes it."""
    path = directory / REQUEST_FILE
    data = read_json_document(path, shown)
    if not isinstance(data, dict) or not {"method", "path"} <= data.keys():
        raise CaseError(f"{shown(path)}: must be a JSON object with at least method and path")
    unknown = set(data) - set(REQUEST_KEYS)
    if unknown:
        raise CaseError(f"{shown(path)}: unknown key {min(unknown)!r} "
                        f"(expected {', '.join(REQUEST_KEYS)})")
    if isinstance(data.get("body"), (dict, list)):
        data["body"] = json.dumps(data["body"], ensure_ascii=False)
    return data


def read_backend(directory: Path, shown: Any = str) -> Any:
    """The case's backend answer (None when it has none: MOCK, or a pipeline that stops early)."""
    from vtl.api import HttpResponse, InvocationError, LambdaError, LambdaResult

    present = [name for name in BACKEND_FILES if (directory / name).is_file()]
    if len(present) > 1:
        raise CaseError(f"{shown(directory)}: more than one backend file ({', '.join(present)})")
    if not present:
        return None
    path = directory / present[0]
    document = read_json_document(path, shown)
    try:
        if present[0] == "lambda-result.json":
            return LambdaResult(document, path.read_bytes().decode("utf-8"))  # byte for byte
        if present[0] == "lambda-error.json":
            return LambdaError.from_document(document)
        return HttpResponse.from_document(document)
    except InvocationError as error:
        raise CaseError(f"{shown(path)}: {error}") from None


def invoke_api_case(api: Any, directory: Path, shown: Any = str) -> Any:
    """Run the case in ``directory`` through ``api``; the ``Invocation``. A case that cannot
    run raises :class:`CaseError` naming its file."""
    from vtl.api import InvocationError, ModelError

    request = read_request(directory, shown)
    backend = read_backend(directory, shown)
    method, path = request.pop("method"), request.pop("path")
    try:
        return api.invoke(method, path, backend=backend, **request)
    except InvocationError as error:
        raise CaseError(f"{shown(directory / REQUEST_FILE)}: {error}") from None
    except ModelError as error:
        raise CaseError(str(error)) from None


def api_case_problems(invocation: Any, expected_path: Path, shown: Any, update_hint: str) -> list[str]:
    """What differs from ``expected.json`` (empty: the case passes), followed by the failing
    template's error and the warnings of the templates that ran; :class:`CaseError` when the
    file is missing or not a JSON object."""
    if not expected_path.is_file():
        raise CaseError(f"{shown(expected_path)}: missing; {update_hint}")
    expected = read_json_document(expected_path, shown)
    if not isinstance(expected, dict):
        raise CaseError(f"{shown(expected_path)}: must be a JSON object {{status, headers, body…}}")
    problems = differences(invocation, expected)
    if problems and invocation.template_error is not None:
        problems.append(invocation.template_error.format())  # why the 500
    if problems:
        # What the templates that ran do that nobody means ($s.lower() renders ""): often why.
        problems += [warning.format() for warning in invocation.warnings]
    return problems


def update_api_case(invocation: Any, path: Path) -> bool:
    """Write ``expected.json`` from ``invocation`` (keeping what the file checks and how: a
    body written as JSON stays JSON); whether it changed."""
    actual = invocation.to_json()
    response = actual["response"]
    try:
        old = read_json_document(path) if path.is_file() else {}
    except CaseError:
        old = {}  # rewritten whole
    if not isinstance(old, dict):
        old = {}
    new = {**old, **response}
    if isinstance(old.get("body"), (dict, list)):
        parsed = parsed_body(response["body"])
        if isinstance(parsed, (dict, list)):
            new["body"] = parsed  # the body stays written as JSON, as the user wrote it
    if invocation.error is not None or "error" in old:
        new["error"] = invocation.error
    for part in ("integration_request", "integration_response"):
        if part not in old:
            continue
        checked, got = old[part], actual[part]
        if isinstance(checked, dict) and got is not None:
            got = {key: got.get(key) for key in checked}  # the keys the case checks
        new[part] = got
    if new == old:
        return False
    path.write_text(json.dumps(new, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return True


def differences(invocation: Any, expected: dict[str, Any]) -> list[str]:
    """What differs between ``invocation`` and an ``expected.json`` (empty: nothing)."""
    actual = invocation.to_json()
    problems = []
    for key in ("status", "headers", "body"):
        got = actual["response"][key]
        if key == "body" and isinstance(expected.get(key), (dict, list)):
            got = parsed_body(got)
        if key in expected and expected[key] != got:
            problems.append(f"response {key}: expected {expected[key]!r}, got {got!r}")
    if "error" in expected and expected["error"] != actual["error"]:
        problems.append(f"error: expected {expected['error']!r}, got {actual['error']!r}")
    for part in ("integration_request", "integration_response"):
        if part not in expected:
            continue
        want, got = expected[part], actual[part]
        if want is None or got is None:
            if want != got:
                problems.append(f"{part}: expected {want!r}, got {got!r}")
            continue
        for key, value in want.items():
            if got.get(key) != value:
                problems.append(f"{part}.{key}: expected {value!r}, got {got.get(key)!r}")
    return problems


def parsed_body(body: str) -> Any:
    """A response body as JSON, for an expected body given as JSON; the text if not JSON."""
    try:
        return json.loads(body)
    except json.JSONDecodeError:
        return body

"""``vtl test CASES_DIR``: golden case folders checked without pytest.

For teams whose CI is not Python (CDK in TypeScript, Terraform): the same case folders as
the pytest plugin (:mod:`vtl.cases`), a line per failure with a unified diff, a progress
count on long runs, a summary line, exit 1 if any case fails, and a JUnit XML report
(``--junit FILE``) that CI systems read. ``--update`` records the expected files instead.
"""

from __future__ import annotations

import os
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vtl.cases import (
    API_FILES,
    EXPECTED_JSON,
    REQUEST_FILE,
    Case,
    CaseError,
    CaseFailure,
    api_case_problems,
    find_api_cases,
    find_cases,
    invoke_api_case,
    nearest_api,
    update_api_case,
)
from vtl.cli import EXIT_OK, EXIT_TEMPLATE_ERROR, UsageError, _plural, _write

__all__ = ["run_cases"]

#: Above this many cases, ``vtl test`` shows how far it has got.
PROGRESS_FROM = 50
PROGRESS_EVERY = 50

PASSED, FAILED, ERROR = "passed", "failed", "error"


@dataclass
class Outcome:
    """One case's result: ``kind`` is passed, failed (output differs) or error."""

    case: Case | ApiCase
    kind: str
    message: str = ""


@dataclass
class ApiCase:
    """A whole-method case folder (``request.json``) and the API it runs on."""

    id: str
    directory: Path
    api: Path | None

    @property
    def template_path(self) -> Path:
        """The file a report names for the case (JUnit's ``file``)."""
        return self.directory / REQUEST_FILE


def run_cases(folder: str, *, update: bool = False, junit: str | None = None,
              api: str | None = None, params: list[str] | None = None) -> int:
    """Run (or, with ``update``, record) every case under ``folder``: template cases and
    whole-method cases (on ``api``, else each one's nearest api.yaml); the exit status."""
    root = Path(folder)
    if not root.is_dir():
        problem = "no such folder" if not root.exists() else "not a folder"
        raise UsageError(f"cases {folder}: {problem}")
    try:
        cases: list[Case | ApiCase] = [*find_cases(root, _shown)]
    except CaseError as error:
        raise UsageError("\nvtl: error: ".join(error.problems)) from None  # one line each
    if api is not None and not Path(api).exists():
        raise UsageError(f"--api {api}: no such file or folder")
    api_path = Path(api) if api is not None else None
    cases += sorted((ApiCase(_case_id(directory, root), directory, api_path)
                     for directory in find_api_cases(root)), key=lambda case: case.id)
    if not cases:
        raise UsageError(f"cases {folder}: no case folder (with template.vm, or "
                         f"{REQUEST_FILE} for a whole method) under it")
    apis = _Apis(root, params or [])
    outcomes: list[Outcome] = []
    written: list[Path] = []
    progress = _Progress(len(cases))
    for number, case in enumerate(cases, 1):
        if isinstance(case, ApiCase):
            outcome, paths = _run_api_case(case, apis, update)
        else:
            outcome, paths = _run_one(case, update)
        outcomes.append(outcome)
        written += paths
        if outcome.kind != PASSED:
            progress.clear()
            message = outcome.message.rstrip("\n")
            _write(sys.stderr, f"{outcome.kind.upper()} {case.id}\n{message}\n\n")
        progress.show(number)
    progress.clear()
    if junit is not None:
        _write_junit(Path(junit), root, outcomes)
    for path in written:
        _write(sys.stdout, f"wrote {_shown(path)}\n")
    _write(sys.stdout, _summary(outcomes, written, update) + "\n")
    return EXIT_OK if all(o.kind == PASSED for o in outcomes) else EXIT_TEMPLATE_ERROR


def _run_one(case: Case, update: bool) -> tuple[Outcome, list[Path]]:
    from vtl.errors import TemplateError

    case.update_hint = "run vtl test --update to write it from the current output"
    try:
        result = case.render()
        if update:
            return Outcome(case, PASSED), case.update(result)
        case.check(result)
    except CaseFailure as failure:
        return Outcome(case, FAILED, str(failure)), []
    except CaseError as error:
        return Outcome(case, ERROR, str(error)), []
    except TemplateError as error:
        return Outcome(case, ERROR, error.format()), []
    return Outcome(case, PASSED), []


def _case_id(directory: Path, root: Path) -> str:
    case_id = directory.relative_to(root).as_posix()
    return root.resolve().name if case_id == "." else case_id


class _Apis:
    """The API definitions of the whole-method cases, each read once."""

    def __init__(self, root: Path, params: list[str]) -> None:
        self.root = root
        self.params = params
        self.loaded: dict[Path, Any] = {}

    def get(self, case: ApiCase) -> Any:
        """The case's API; :class:`CaseError` when there is none or it cannot be read."""
        from vtl import cli_routes

        # Looked for up to the working folder (the cases folder, when not under it), as
        # the pytest plugin looks up to the test file's folder.
        here, root = Path.cwd().resolve(), self.root.resolve()
        top = here if root.is_relative_to(here) else root
        path = case.api or nearest_api(case.directory.resolve(), top)
        if path is None:
            raise CaseError(f"{_shown(case.directory)}: no {' / '.join(API_FILES)} in the case "
                            "folder or above it (up to the working folder): give --api API_FILE")
        if path not in self.loaded:
            try:
                self.loaded[path] = cli_routes._load(str(path), self.params)
            except UsageError as error:  # said for each of its cases, read once
                self.loaded[path] = CaseError(str(error))
            else:
                for message in self.loaded[path].warnings:  # as `vtl invoke` says them
                    _write(sys.stderr, f"vtl: warning: {message}\n")
        found = self.loaded[path]
        if isinstance(found, CaseError):
            raise found
        return found


def _run_api_case(case: ApiCase, apis: _Apis, update: bool) -> tuple[Outcome, list[Path]]:
    expected = case.directory / EXPECTED_JSON
    try:
        invocation = invoke_api_case(apis.get(case), case.directory, _shown)
        if update:
            return Outcome(case, PASSED), [expected] if update_api_case(invocation, expected) else []
        problems = api_case_problems(invocation, expected, _shown,
                                     "run vtl test --update to write it from the current response")
    except CaseError as error:
        return Outcome(case, ERROR, str(error)), []
    if problems:
        return Outcome(case, FAILED, f"{_shown(expected)}:\n" + "\n".join(problems)), []
    return Outcome(case, PASSED), []


def _summary(outcomes: list[Outcome], written: list[Path], update: bool) -> str:
    counts = {kind: sum(o.kind == kind for o in outcomes) for kind in (PASSED, FAILED, ERROR)}
    parts = [f"{counts[PASSED]} passed"]
    if counts[FAILED]:
        parts.append(f"{counts[FAILED]} failed")
    if counts[ERROR]:
        parts.append(f"{_plural(counts[ERROR], 'error')}")
    if update:
        parts.append(f"{_plural(len(written), 'expected file')} written")
    return f"vtl: {', '.join(parts)} ({_plural(len(outcomes), 'case')})"


class _Progress:
    """``[120/400]`` on stderr for long runs: in place on a terminal, every 50 cases in a log."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.active = total > PROGRESS_FROM
        isatty = getattr(sys.stderr, "isatty", None)
        self.terminal = bool(isatty and isatty())
        self.shown = False

    def show(self, number: int) -> None:
        if not self.active or number == self.total:
            return
        if self.terminal:
            _write(sys.stderr, f"\r[{number}/{self.total}]")
            self.shown = True
        elif number % PROGRESS_EVERY == 0:
            _write(sys.stderr, f"[{number}/{self.total}]\n")

    def clear(self) -> None:
        if self.shown:
            _write(sys.stderr, "\r\x1b[K")
            self.shown = False


def _write_junit(path: Path, root: Path, outcomes: list[Outcome]) -> None:
    """A JUnit XML report: one ``testcase`` per case, ``failure`` or ``error`` with the message."""
    suite = ET.Element(
        "testsuite",
        name=f"vtl test {root.as_posix()}",
        tests=str(len(outcomes)),
        failures=str(sum(o.kind == FAILED for o in outcomes)),
        errors=str(sum(o.kind == ERROR for o in outcomes)),
        skipped="0",
    )
    for outcome in outcomes:
        element = ET.SubElement(suite, "testcase", classname=root.name or "cases",
                                name=outcome.case.id, file=_shown(outcome.case.template_path))
        if outcome.kind != PASSED:
            tag = "failure" if outcome.kind == FAILED else "error"
            detail = ET.SubElement(element, tag, message=outcome.message.split("\n", 1)[0])
            detail.text = outcome.message
    root_element = ET.Element("testsuites")
    root_element.append(suite)
    tree = ET.ElementTree(root_element)
    ET.indent(tree)
    try:
        tree.write(path, encoding="utf-8", xml_declaration=True)
    except OSError as error:
        raise UsageError(f"--junit {path}: {error.strerror or error}") from None


def _shown(path: Path | str) -> str:
    """A path as the user gave it: relative to the working folder when it is below it."""
    path = Path(path)
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return os.fspath(path)

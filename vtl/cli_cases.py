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

from vtl.cases import Case, CaseError, CaseFailure, find_cases
from vtl.cli import EXIT_OK, EXIT_TEMPLATE_ERROR, UsageError, _plural, _write

__all__ = ["run_cases"]

#: Above this many cases, ``vtl test`` shows how far it has got.
PROGRESS_FROM = 50
PROGRESS_EVERY = 50

PASSED, FAILED, ERROR = "passed", "failed", "error"


@dataclass
class Outcome:
    """One case's result: ``kind`` is passed, failed (output differs) or error."""

    case: Case
    kind: str
    message: str = ""


def run_cases(folder: str, *, update: bool = False, junit: str | None = None) -> int:
    """Run (or, with ``update``, record) every case under ``folder``; the exit status."""
    root = Path(folder)
    if not root.is_dir():
        problem = "no such folder" if not root.exists() else "not a folder"
        raise UsageError(f"cases {folder}: {problem}")
    try:
        cases = find_cases(root, _shown)
    except CaseError as error:
        raise UsageError("\nvtl: error: ".join(error.problems)) from None  # one line each
    if not cases:
        raise UsageError(f"cases {folder}: no case folder (with template.vm) under it")
    outcomes: list[Outcome] = []
    written: list[Path] = []
    progress = _Progress(len(cases))
    for number, case in enumerate(cases, 1):
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

"""The Java exception inside a recorded MethodInvocationException is ours word for word.

tests/test_conformance.py checks an error case's exception category and position only;
here the thrown exception's class and message (``threw exception <class>: <message>``
in the jar's ``error.<profile>.txt``, recorded by conformance/recorder) must appear in
our error message too, for every engine case (both profiles).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import vtl

CASES_ROOT = Path(__file__).resolve().parents[2] / "conformance" / "cases"
THREW = re.compile(r"threw exception (.+) at template\[line \d+, column \d+\]\Z", re.S)
TOPICS = tuple(sorted(p.relative_to(CASES_ROOT).as_posix() for p in (CASES_ROOT / "velocity").iterdir()))


def _cases() -> list[tuple[Path, str, str]]:
    found = []
    for topic in TOPICS:
        for error in sorted((CASES_ROOT / topic).glob("*/error.*.txt")):
            thrown = THREW.search(error.read_bytes().decode("utf-8"))
            if thrown:
                profile = error.name.split(".")[1]
                found.append((error.parent, profile, thrown.group(1)))
    return found


CASES = _cases()


@pytest.mark.parametrize(
    ("case", "profile", "thrown"), CASES,
    ids=[f"{c.relative_to(CASES_ROOT)}[{p}]" for c, p, _ in CASES],
)
def test_thrown_exception_message(case: Path, profile: str, thrown: str) -> None:
    source = (case / "template.vm").read_bytes().decode("utf-8")
    variables = json.loads((case / "vars.json").read_bytes().decode("utf-8"))
    with pytest.raises(vtl.TemplateRenderError) as info:
        vtl.Template(source, profile=profile, name="template").render(variables)
    assert f"threw {thrown}" in info.value.message

"""Jayway's PathCompiler and FilterCompiler errors (and the errors of reading a path), class
and message, as API Gateway shows them: every error
case of conformance/cases/apigateway/jsonpath whose template is one ``$input.json(...)``
read, against the exception the recorder's Jayway 2.10.0 threw (its error.apigateway.txt).
tests/test_conformance.py compares only an error's category and position; this pins the
Java exception itself."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from vtl.apigw import jsonpath
from vtl.apigw.jsonsmart import parse as parse_json
from vtl.java.registry import JavaException

CASES = Path(__file__).resolve().parents[2] / "conformance" / "cases" / "apigateway" / "jsonpath"
_ONE_READ = re.compile(r"\$input\.json\('((?:[^']|'')*)'\)")
_THREW = re.compile(r"threw exception (.*) at template\[line \d+, column \d+\]$", re.DOTALL)


def _recorded() -> list[tuple[str, str, str]]:
    cases = []
    for error in sorted(CASES.glob("*/error.apigateway.txt")):
        template = (error.parent / "template.vm").read_text(encoding="utf-8")
        read = _ONE_READ.fullmatch(template)
        threw = _THREW.search(error.read_text(encoding="utf-8"))
        if read and threw:
            body = json.loads((error.parent / "event.json").read_text(encoding="utf-8"))["body"]
            cases.append((read[1].replace("''", "'"), body, threw[1]))
    return cases


@pytest.mark.parametrize(("path", "body", "exception"), _recorded())
def test_path_errors_like_jayway(path: str, body: str, exception: str) -> None:
    with pytest.raises(JavaException) as caught:
        jsonpath.read(parse_json(body), path)
    assert str(caught.value) == exception


def test_every_error_case_is_checked() -> None:
    assert len(_recorded()) >= 10

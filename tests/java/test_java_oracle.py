"""Every oracle case: vtl.java must give what Velocity 1.7 on JDK 17 gave.

One test per case (``kind:receiver.method(args)``); the expected output or Java
exception comes from ``tests/data/java/velocity_cases.out.jsonl`` (real Java).
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from java_oracle import (
    RENDERERS,
    java_error,
    load_cases,
    normalise,
)
from java_oracle_custom import CUSTOM

from vtl import java

CASES = load_cases()

def _render(case: dict[str, Any]) -> str:
    variables = copy.deepcopy(case["vars"])
    if case["kind"] == "custom":
        return CUSTOM[case["id"]](variables)
    return RENDERERS[case["kind"]](case, variables)


def _same(case: dict[str, Any], expected: str, actual: str) -> bool:
    return normalise(expected) == normalise(actual)


@pytest.mark.parametrize("case, result", CASES, ids=[c["id"] for c, _ in CASES])
def test_case(case: dict[str, Any], result: dict[str, Any]) -> None:
    if "output" in result:
        actual = _render(case)
        assert _same(case, result["output"], actual), (
            f"template {case['template']!r}: Java {result['output']!r}, vtl.java {actual!r}")
    else:
        expected = java_error(result)
        with pytest.raises(java.JavaException) as caught:
            _render(case)
        assert normalise(str(caught.value)) == normalise(expected)

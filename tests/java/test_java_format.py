"""String.format / String.formatted through Velocity 1.7 on JDK 17 (locale en_US).

Each case of ``tests/data/java/format_cases.in.jsonl`` (written by
``make_format_cases.py``) was rendered by the real Velocity jar
(``format_cases.out.jsonl``, see ``regen.sh``); ``vtl.java`` must give the
same output or the same Java exception, or, for cases marked unsupported, raise
``UnsupportedJava``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from java_oracle import DATA, decode, java_error, normalise, show

from vtl import java
from vtl.java.printing import JavaChar


def _load() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    with open(DATA / "format_cases.out.jsonl", encoding="utf-8") as f:
        outputs = {r["id"]: r for r in map(json.loads, f)}
    with open(DATA / "format_cases.in.jsonl", encoding="utf-8") as f:
        cases = [json.loads(line, object_hook=decode) for line in f]
    return [(c, outputs[c["id"]]) for c in cases]


CASES = _load()


def _arg(kind: str, value: Any) -> Any:
    if kind == "char":
        return JavaChar(value[0])
    if kind == "chars":
        return java.invoke(value, "toCharArray", [])
    return value


def _render(case: dict[str, Any]) -> str:
    v = case["vars"]
    args = [_arg(kind, v[f"a{i}"]) for i, kind in enumerate(case["args"])]
    return show(java.invoke(v["r"], case["method"], args), case["literal"])


def test_enough_cases() -> None:
    assert len(CASES) >= 300


@pytest.mark.parametrize("case, result", CASES, ids=[c["id"] for c, _ in CASES])
def test_format(case: dict[str, Any], result: dict[str, Any]) -> None:
    if case["unsupported"]:
        with pytest.raises(java.UnsupportedJava):
            _render(case)
    elif "output" in result:
        assert normalise(_render(case)) == normalise(result["output"])
    else:
        with pytest.raises(java.JavaException) as caught:
            _render(case)
        assert normalise(str(caught.value)) == normalise(java_error(result))


def test_huge_width_is_unsupported() -> None:
    with pytest.raises(java.UnsupportedJava):
        java.invoke("", "format", ["%99999999s", "x"])

"""Load the Velocity 1.7 / JDK 17 oracle cases and evaluate them with ``vtl.java``.

``tests/data/java/velocity_cases.in.jsonl`` holds the cases (written by
``make_cases.py``), ``velocity_cases.out.jsonl`` what the real Velocity 1.7 jar on
JDK 17 rendered for each (written by ``VelocityOracle.java``; see ``regen.sh``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from vtl import java

DATA = Path(__file__).resolve().parent.parent / "data" / "java"
HASH = re.compile(r"@[0-9a-f]+\b")
LOCATION = re.compile(r" at template\[line \d+, column \d+\]$")


def decode(obj: dict[str, Any]) -> Any:
    """JSON object hook: the oracle's encodings of doubles, arrays and BigDecimals."""
    if len(obj) == 1:
        key, value = next(iter(obj.items()))
        if key == "@double":
            return float(value)
        if key == "@array":
            return tuple(value)
        if key == "@bigdecimal":
            return Decimal(value)
    return obj


def load_cases() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(case, Java's result) pairs, in file order."""
    outputs = {}
    with open(DATA / "velocity_cases.out.jsonl", encoding="utf-8") as f:
        for line in f:
            result = json.loads(line)
            outputs[result["id"]] = result
    pairs = []
    with open(DATA / "velocity_cases.in.jsonl", encoding="utf-8") as f:
        for line in f:
            case = json.loads(line, object_hook=decode)
            pairs.append((case, outputs[case["id"]]))
    return pairs


def show(value: Any, literal: str) -> str:
    """How Velocity renders a reference: the value, or its source text when null."""
    if value is None:
        return literal
    text = java.to_string(value)
    return literal if text is None else text


def java_error(result: dict[str, Any]) -> str:
    """The Java exception thrown by the operation itself (Velocity's wrapper removed)."""
    if result.get("causes"):
        return str(result["causes"][-1])
    return LOCATION.sub("", result["error"])


def normalise(text: str) -> str:
    """Identity hash codes differ from run to run (``[Ljava.lang.String;@1b6d3586``)."""
    return HASH.sub("@HASH", text)


def _chain(case: dict[str, Any], v: dict[str, Any]) -> Any:
    obj = v["r"]
    for name in case.get("via", []):
        obj = java.invoke(obj, name, [])
    if obj is None:
        return None
    args = [v.get(f"a{i}") for i in range(case["nargs"])]
    return java.invoke(obj, case["method"], args)


def render_call(case: dict[str, Any], v: dict[str, Any]) -> str:
    text = show(_chain(case, v), case["literal"])
    if case["show"]:
        text += "|" + show(v["r"], "$r")
    return text


def render_iter(case: dict[str, Any], v: dict[str, Any]) -> str:
    iterable = java.iterate(_chain(case, v))
    return "" if iterable is None else "".join(f"<{show(e, '$e')}>" for e in iterable)


def render_foreach(case: dict[str, Any], v: dict[str, Any]) -> str:
    iterator = java.iterate(v["r"])
    if iterator is None:
        return ""
    out = []
    for element in iterator:
        has_next = iterator.has_next()  # type: ignore[attr-defined]
        out.append(f"<{show(element, '$e')}:{'true' if has_next else 'false'}>")
    return "".join(out)


OPERATORS: dict[str, Callable[..., Any]] = {
    "+": lambda a, b: java.add(a, b, "$a0", "$a1"),
    "-": java.sub, "*": java.mul, "/": java.div, "%": java.mod,
}
COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "==": java.equals, "!=": lambda a, b: not java.equals(a, b), "<": java.less,
    "<=": java.less_equal, ">": java.greater, ">=": java.greater_equal,
}


def render_op(case: dict[str, Any], v: dict[str, Any]) -> str:
    result = OPERATORS[case["op"]](v.get("a0"), v.get("a1"))
    if result is None:
        return "$x|$x.class.name"
    return f"{show(result, '$x')}|{java.class_name(result)}"


def render_set_property(case: dict[str, Any], v: dict[str, Any]) -> str:
    java.set_property(v["r"], case["name"], v["a0"])
    return show(v["r"], "$r")


def render_set_index(case: dict[str, Any], v: dict[str, Any]) -> str:
    java.set_index(v["r"], v["a0"], v["a1"])
    return show(v["r"], "$r")


def render_class(case: dict[str, Any], v: dict[str, Any]) -> str:
    cls = java.get_property(v["r"], "class")
    return show(java.get_property(cls, "name"), "$r.class.name")


RENDERERS: dict[str, Callable[[dict[str, Any], dict[str, Any]], str]] = {
    "call": render_call,
    "iter": render_iter,
    "foreach": render_foreach,
    "prop": lambda c, v: show(java.get_property(v["r"], c["name"]), f"$r.{c['name']}"),
    "index": lambda c, v: show(java.get_index(v["r"], v.get("a0")), "$r[$a0]"),
    "setprop": render_set_property,
    "setindex": render_set_index,
    "print": lambda c, v: show(v["r"], "$r"),
    "class": render_class,
    "op": render_op,
    "cmp": lambda c, v: "T" if COMPARISONS[c["op"]](v.get("a0"), v.get("a1")) else "F",
    "truth": lambda c, v: "T" if java.is_true(v.get("a0")) else "F",
}

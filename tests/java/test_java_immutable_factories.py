"""Java 9's immutable collection factories called through a List or Map (``$list.of(1, 2)``).

The jar (Velocity 1.7 on JDK 17) gives ``ImmutableCollections`` values: their own classes,
null-hostile, unmodifiable, and a ``Map.of``/``Map.copyOf`` iterating in an order drawn per
JVM (``{a=1, c=[1, 2], b=two}`` in one run, ``{c=[1, 2], b=two, a=1}`` in the next). This
engine does not model them, so where Java's overloads fit the call is a clear "not
supported" render error instead of a different value; where none fits, the reference stays
as written, as the jar prints it (the recorded case velocity/lists/immutable-factories-no-fit).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import vtl

VARS = json.loads((Path(__file__).resolve().parents[2] / "conformance" / "standard-vars.json")
                  .read_text(encoding="utf-8"))


@pytest.mark.parametrize("source", [
    "$list.of(1, 2)", "$list.of()", "$map.of()", "$map.of('a', 1)", "$map.entry('a', 1)",
    "$map.ofEntries()", "$list.copyOf($map.keySet())", "$map.copyOf($map)",
    "#foreach($e in $map.entrySet())$map.ofEntries($e)#end",
])
@pytest.mark.parametrize("profile", ["velocity", "apigateway"])
def test_a_fitting_call_is_not_supported(source: str, profile: str) -> None:
    with pytest.raises(vtl.TemplateRenderError, match="not supported"):
        vtl.Template(source, profile=profile).render(VARS)

"""The spec context and a render helper for the core engine tests.

Expected outputs come from ``../shared/spec/velocity-1.7.md`` (rendered by the real
Velocity 1.7 jar with the context below) or, for the ``apigateway`` profile, from the
engine model of ``../shared/spec/apigateway.md`` §1: never from this engine's output.
"""

from __future__ import annotations

import copy
from typing import Any

#: The context every example of velocity-1.7.md was rendered with.
SPEC_VARS: dict[str, Any] = {
    "name": "World",
    "n": 5,
    "big": 3000000000,
    "d": 2.5,
    "neg": -3,
    "flag": True,
    "f": False,
    "empty": "",
    "sp": "  ",
    "zero": 0,
    "list": [1, 2, 3],
    "slist": ["a", "b", "c"],
    "elist": [],
    "map": {"a": 1, "b": "two", "c": [1, 2]},
    "emap": {},
    "nested": {"items": [{"id": 1, "name": "x"}, {"id": 2, "name": "y"}]},
    "nul": None,
    "s": "Hello, World",
    "csv": "a,b,,c,,",
    "num_s": "5",
    "json_s": 'say "hi"\n',
}


def render(source: str, profile: str = "velocity", variables: dict[str, Any] | None = None) -> str:
    """Render ``source`` with a fresh copy of the spec context (or ``variables``)."""
    from vtl import Template

    context = copy.deepcopy(SPEC_VARS if variables is None else variables)
    return Template(source, profile=profile, name="template").render(context)

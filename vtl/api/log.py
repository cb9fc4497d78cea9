"""The test-invoke log (spec pipeline §15): its lines, and maps printed the Java way.

API Gateway's execution log prints maps as Java does, ``{k=v, k2=v2}``; the method
request's maps (path, query string, headers) are ``java.util.HashMap``\\ s, so they print
in HashMap order [INFERRED, spec §15: recomputed from ``String.hashCode`` on three public
logs]. [LOCAL] The date prefix of every line (``Sun Jan 19 17:19:42 UTC 2020 : ``) is
left out: it would make the log differ on every run.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vtl.apigw.hashmap import HashMap
from vtl.java import to_string

__all__ = ["Log", "hashmap_order", "java_map"]


def java_map(mapping: Mapping[str, Any]) -> str:
    """``AbstractMap.toString()``: ``{k=v, k2=v2}``, in the mapping's own order (the Java
    layer's printing, so a null value prints ``null`` and nothing prints as Python)."""
    return to_string(dict(mapping)) or "{}"


def hashmap_order(mapping: Mapping[str, Any]) -> dict[str, Any]:
    """``mapping`` in the iteration order of a ``java.util.HashMap`` holding it."""
    return dict(HashMap(dict(mapping)))


class Log:
    """The lines of one invocation's log, in order."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def __call__(self, line: str) -> None:
        """Add one line."""
        self.lines.append(line)

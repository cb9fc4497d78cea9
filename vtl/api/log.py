"""The test-invoke log (spec pipeline §15): its lines, and maps printed the Java way.

API Gateway's execution log prints maps as Java does, ``{k=v, k2=v2}``; the method
request's maps (path, query string, headers) are ``java.util.HashMap``\\ s, so they print
in HashMap order [INFERRED, spec §15: recomputed from ``String.hashCode`` on three public
logs]. [LOCAL] The date prefix of every line (``Sun Jan 19 17:19:42 UTC 2020 : ``) is
left out: it would make the log differ on every run.

A line that prints a map or a body is written when the log is first read, not when the
step runs: most invocations never read their log, and printing maps the Java way (HashMap
order, ``to_string`` of each value) and copying bodies into lines is most of what writing
the log costs. The map is copied when the line is logged, so the line reads the same
whenever it is read.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vtl.apigw.hashmap import HashMap
from vtl.java import to_string

__all__ = ["Log", "LogLines", "hashmap_order", "java_map"]


def java_map(mapping: Mapping[str, Any]) -> str:
    """``AbstractMap.toString()``: ``{k=v, k2=v2}``, in the mapping's own order (the Java
    layer's printing, so a null value prints ``null`` and nothing prints as Python)."""
    return to_string(dict(mapping)) or "{}"


def hashmap_order(mapping: Mapping[str, Any]) -> dict[str, Any]:
    """``mapping`` in the iteration order of a ``java.util.HashMap`` holding it."""
    return dict(HashMap(dict(mapping)))


# A line not written yet: (its start, then a text or a copy of a map, and how to print that:
# None for a text, False for a map in its order, True for a map in HashMap order).
_Later = tuple[str, Any, "bool | None"]


class Log:
    """The lines of one invocation's log, in order."""

    def __init__(self) -> None:
        self._entries: list[str | _Later] = []

    def __call__(self, line: str) -> None:
        """Add one line."""
        self._entries.append(line)

    def text_line(self, prefix: str, text: str) -> None:
        """Add the line ``prefix`` + ``text``, joined when the log is read (``text`` is a
        body, perhaps large, which most invocations never print)."""
        self._entries.append((prefix, text, None))

    def map_line(self, prefix: str, mapping: Mapping[str, Any], *, hashmap: bool = False) -> None:
        """Add the line ``prefix`` + ``mapping`` printed as :func:`java_map` does (in
        :func:`hashmap_order` when ``hashmap``), written when the log is read. The values
        must be immutable (strings, None): the map itself is copied now."""
        self._entries.append((prefix, dict(mapping), hashmap))

    @property
    def lines(self) -> list[str]:
        """Every line, in order (the lines not written yet are written now, once)."""
        entries = self._entries
        for index, entry in enumerate(entries):
            if not isinstance(entry, str):
                prefix, value, hashmap = entry
                if hashmap is None:
                    entries[index] = f"{prefix}{value}"
                else:
                    entries[index] = prefix + java_map(hashmap_order(value) if hashmap else value)
        return entries  # type: ignore[return-value]  # every entry is a str now


class LogLines:
    """``Invocation.log`` (a dataclass field of this descriptor type): given a :class:`Log`
    or a list of lines, read as the list of lines, the Log's written on first reading."""

    def __set_name__(self, owner: type, name: str) -> None:
        self._slot = "_" + name

    def __get__(self, instance: Any, owner: type | None = None) -> list[str]:
        if instance is None:
            # No default value: the dataclass field stays a required argument.
            raise AttributeError(self._slot[1:])
        value = instance.__dict__[self._slot]
        if isinstance(value, Log):
            value = instance.__dict__[self._slot] = value.lines
        return value  # type: ignore[no-any-return]

    def __set__(self, instance: Any, value: Log | list[str]) -> None:
        instance.__dict__[self._slot] = value

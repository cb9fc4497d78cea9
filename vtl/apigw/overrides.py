"""``$context.requestOverride`` and ``$context.responseOverride``.

A request template may set ``$context.requestOverride.{header,path,querystring}.<name>``,
a response template ``$context.responseOverride.header.<name>`` and
``$context.responseOverride.status`` (spec §4). They are written with ``#set`` (dot or
bracket) or ``.put(k, v)``, read back like any map, and unknown keys are kept. Setting the
same override twice is an error on AWS (a 5XX): here the second ``put`` throws, so the
render error points at the template line that did it.

All these maps are HashMaps: ``$context.requestOverride.keySet()`` is ``path, header,
querystring`` and ``$context.responseOverride.keySet()`` is ``header`` until ``status`` is
set (AWS-REC).
"""

from __future__ import annotations

from typing import Any

from vtl.apigw.hashmap import HashMap, Plan, plan
from vtl.java.objects import class_cast
from vtl.java.registry import JavaException

__all__ = ["OVERRIDE_ERROR", "OverrideMap", "request_override", "response_override"]

#: The Java exception class a second assignment throws (the recorder's OverrideMap uses it).
OVERRIDE_ERROR = "java.lang.IllegalStateException"


class OverrideMap(HashMap):
    """A HashMap whose keys can each be set once; ``name`` says which override it is."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def __setitem__(self, key: Any, value: Any) -> None:
        # Whatever path a template takes to write (put, #set with dot or bracket), the
        # rule holds: the second write of a key throws.
        if key is not None and not isinstance(key, str):
            # The model's map is a HashMap<String, Object> overriding put(String, Object):
            # javac's bridge put(Object, Object) casts the key, so a key that is no String
            # (#set($context.responseOverride.header[1] = ...)) is a ClassCastException.
            # AWS is not on record (case apigateway/realworld/override-key-not-a-string).
            raise class_cast(key, "java.lang.String")
        if key in self:
            existing = self.get(key)
            if type(existing) is OverrideMap:
                # the map of header (path, querystring) overrides, there before the template
                # runs: replacing it is refused like any second write (the model's choice;
                # AWS is not on record), said as what it is
                raise JavaException(
                    OVERRIDE_ERROR,
                    f"$context.{self.name}.{key} is the map of {key} overrides, which cannot be "
                    f"replaced: set each one, #set($context.{self.name}.{key}.NAME = value)",
                )
            raise JavaException(
                OVERRIDE_ERROR,
                f"$context.{self.name}.{key} is already set: an override can be set only once",
            )
        super().__setitem__(key, value)


def _override(name: str) -> OverrideMap:
    """An empty override map (what ``OverrideMap(name)`` makes, without the generic puts)."""
    override: OverrideMap = OverrideMap.__new__(OverrideMap)
    override._capacity = _EMPTY_CAPACITY
    override.name = name
    return override


def _parts(name: str, layout: Plan, values: tuple[Any, ...]) -> OverrideMap:
    override: OverrideMap = OverrideMap.from_plan(layout, values)
    override.name = name
    return override


_EMPTY_CAPACITY = plan(())[0]
_REQUEST_PARTS = plan(("path", "header", "querystring"))
_RESPONSE_PARTS = plan(("header",))


def request_override() -> OverrideMap:
    """A fresh ``$context.requestOverride``: ``path``, ``header``, ``querystring`` maps."""
    return _parts(
        "requestOverride",
        _REQUEST_PARTS,
        (_override("requestOverride.path"), _override("requestOverride.header"),
         _override("requestOverride.querystring")),
    )


def response_override() -> OverrideMap:
    """A fresh ``$context.responseOverride``: a ``header`` map; ``status`` once set."""
    return _parts("responseOverride", _RESPONSE_PARTS, (_override("responseOverride.header"),))

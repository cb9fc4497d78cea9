"""``java.util.HashMap`` iteration order, for the maps API Gateway builds as HashMaps.

AWS's ``$context.keySet()`` iterates ``resourceId, resourcePath, httpMethod, ...`` (spec
§4, AWS-REC 2025-05): exactly the order a default ``new HashMap<>()`` gives those keys, as
do ``$context.identity``, ``$input.params()`` (``path, querystring, header``) and the
override maps (``path, header, querystring``). :class:`HashMap` is a ``dict`` that keeps
its items in that order: bucket ``(h ^ h >>> 16) & (capacity - 1)`` of ``String.hashCode``,
insertion order within a bucket, capacity doubling past a 0.75 load factor.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterable

from vtl.java.registry import java_class

__all__ = ["HashMap", "string_hash"]

_DEFAULT_CAPACITY = 16
_LOAD_FACTOR = 0.75


@lru_cache(maxsize=4096)
def string_hash(text: str) -> int:
    """``String.hashCode()`` over UTF-16 code units, as a signed 32-bit int."""
    h = 0
    for unit in _units(text):
        h = (31 * h + unit) & 0xFFFFFFFF
    return h - (1 << 32) if h & 0x80000000 else h


def _units(text: str) -> Iterable[int]:
    for ch in text:
        code = ord(ch)
        if code < 0x10000:
            yield code
        else:
            code -= 0x10000
            yield 0xD800 + (code >> 10)
            yield 0xDC00 + (code & 0x3FF)


def _java_hash(key: Any) -> int:
    if isinstance(key, str):
        return string_hash(key)
    if isinstance(key, bool):
        return 1231 if key else 1237
    if isinstance(key, int) and -(2**31) <= key < 2**31:
        return key
    if isinstance(key, int):  # Long.hashCode: (int) (value ^ value >>> 32)
        bits = key & 0xFFFFFFFFFFFFFFFF
        h = (bits ^ (bits >> 32)) & 0xFFFFFFFF
        return h - (1 << 32) if h & 0x80000000 else h
    if key is None:
        return 0
    return string_hash(str(key))


class HashMap(dict):  # type: ignore[type-arg]
    """A dict iterating in ``java.util.HashMap`` order. Prints like any Java map.

    Every write goes through ``__setitem__`` (the Java map methods registered for ``dict``
    store with ``mapping[key] = value``), which keeps the order.
    """

    __slots__ = ("_capacity", "_sequence", "_counter")

    def __init__(self, items: Iterable[tuple[Any, Any]] | dict[Any, Any] = ()) -> None:
        super().__init__()
        self._capacity = _DEFAULT_CAPACITY
        # key -> (spread hash, insertion number): the order is (bucket, insertion number)
        self._sequence: dict[Any, tuple[int, int]] = {}
        self._counter = 0
        pairs = items.items() if isinstance(items, dict) else items
        for key, value in pairs:
            self[key] = value

    def _order_key(self, key: Any) -> tuple[int, int]:
        spread, number = self._sequence[key]
        return spread & (self._capacity - 1), number

    def __setitem__(self, key: Any, value: Any) -> None:
        if key in self:
            dict.__setitem__(self, key, value)
            return
        h = _java_hash(key) & 0xFFFFFFFF
        self._sequence[key] = (h ^ (h >> 16), self._counter)
        self._counter += 1
        last = next(reversed(self), None) if self else None
        dict.__setitem__(self, key, value)
        resized = False
        while len(self) > self._capacity * _LOAD_FACTOR:
            self._capacity *= 2
            resized = True
        if resized or (last is not None and self._order_key(key) < self._order_key(last)):
            self._reorder()

    def __delitem__(self, key: Any) -> None:
        dict.__delitem__(self, key)
        del self._sequence[key]

    def pop(self, key: Any, *default: Any) -> Any:
        if key in self:
            del self._sequence[key]
        return dict.pop(self, key, *default)

    def clear(self) -> None:
        dict.clear(self)
        self._sequence.clear()

    def update(self, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def setdefault(self, key: Any, default: Any = None) -> Any:
        if key not in self:
            self[key] = default
        return self[key]

    def _reorder(self) -> None:
        order = sorted(self, key=self._order_key)
        if order != list(self):
            items = [(k, dict.__getitem__(self, k)) for k in order]
            dict.clear(self)
            for key, value in items:
                dict.__setitem__(self, key, value)

    def __copy__(self) -> HashMap:
        return HashMap(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> HashMap:
        import copy

        result = HashMap()
        memo[id(self)] = result
        for key, value in self.items():
            result[copy.deepcopy(key, memo)] = copy.deepcopy(value, memo)
        return result

    def __reduce__(self) -> Any:
        return (HashMap, (list(self.items()),))


java_class(HashMap, "java.util.HashMap")

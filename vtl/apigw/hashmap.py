"""``java.util.HashMap`` iteration order, for the maps API Gateway builds as HashMaps.

AWS's ``$context.keySet()`` iterates ``resourceId, resourcePath, httpMethod, ...`` (spec
§4, AWS-REC 2025-05): exactly the order a default ``new HashMap<>()`` gives those keys, as
do ``$context.identity``, ``$input.params()`` (``path, querystring, header``) and the
override maps (``path, header, querystring``). :class:`HashMap` is a ``dict`` that keeps
its items in that order: bucket ``(h ^ h >>> 16) & (capacity - 1)`` of ``String.hashCode``,
insertion order within a bucket, capacity doubling past a 0.75 load factor.

The dict's own order is the only bookkeeping: keys sharing a bucket are always in their
insertion order there (a resize splits a bucket and keeps the relative order, as Java's
does), so a new key goes after the last key of a bucket not above its own, and a resize is
a stable sort by the new bucket. :meth:`HashMap.build` makes a map from keys in insertion
order with the final order computed once per key sequence and cached: the per-request maps
(``$context``, ``identity``, ``$input.params()``) cost one ``dict.update``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from operator import itemgetter
from typing import Any, cast

from vtl.java.registry import java_class

__all__ = ["HashMap", "plan", "string_hash"]

_DEFAULT_CAPACITY = 16
_LOAD_FACTOR = 0.75


@lru_cache(maxsize=8192)
def string_hash(text: str) -> int:
    """``String.hashCode()`` over UTF-16 code units, as a signed 32-bit int (cached)."""
    h = 0
    if text.isascii() or max(text) < "\U00010000":
        for ch in text:
            h = (31 * h + ord(ch)) & 0xFFFFFFFF
    else:
        data = text.encode("utf-16-be", "surrogatepass")
        for i in range(0, len(data), 2):
            h = (31 * h + (data[i] << 8 | data[i + 1])) & 0xFFFFFFFF
    return h - (1 << 32) if h & 0x80000000 else h


@lru_cache(maxsize=8192)
def _string_spread(text: str) -> int:
    h = string_hash(text) & 0xFFFFFFFF
    return h ^ (h >> 16)


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


def _spread(key: Any) -> int:
    """``HashMap.hash(key)``: the hash code with its high half folded in (unsigned)."""
    if type(key) is str:
        return _string_spread(key)
    h = _java_hash(key) & 0xFFFFFFFF
    return h ^ (h >> 16)


def _capacity_for(size: int, capacity: int = _DEFAULT_CAPACITY) -> int:
    while size > capacity * _LOAD_FACTOR:
        capacity *= 2
    return capacity


def _clone_capacity(size: int) -> int:
    """The table of ``HashMap.putMapEntries`` into an empty map: ``tableSizeFor(size /
    0.75 + 1)``, or the default one when there is nothing to put."""
    if not size:
        return _DEFAULT_CAPACITY
    wanted = int(size / _LOAD_FACTOR + 1.0)
    return 1 << (wanted - 1).bit_length()


_STR_ONLY = frozenset((str,))


@lru_cache(maxsize=1024)
def _layout(keys: tuple[str, ...]) -> tuple[int, tuple[int, ...]]:
    """(capacity, iteration order as indexes into ``keys``) after putting distinct string
    ``keys`` in this order into a default HashMap."""
    capacity = _capacity_for(len(keys))
    mask = capacity - 1
    order = sorted(range(len(keys)), key=lambda i: (_string_spread(keys[i]) & mask, i))
    return capacity, tuple(order)


Plan = tuple[int, tuple[str, ...], Callable[[Sequence[Any]], Sequence[Any]]]


@lru_cache(maxsize=1024)
def plan(keys: tuple[str, ...]) -> Plan:
    """:func:`_layout` ready to use: (capacity, the keys in iteration order, a function
    picking the values in that order from values given in ``keys``' order)."""
    capacity, order = _layout(keys)
    ordered = tuple(keys[i] for i in order)
    pick: Callable[[Sequence[Any]], Sequence[Any]]
    if len(order) > 1:
        pick = cast(Callable[[Sequence[Any]], Sequence[Any]], itemgetter(*order))
    elif order:
        index = order[0]

        def pick(values: Sequence[Any]) -> Sequence[Any]:
            return (values[index],)
    else:
        pick = _no_values
    return capacity, ordered, pick


def _no_values(values: Sequence[Any]) -> Sequence[Any]:
    return ()


class HashMap(dict):  # type: ignore[type-arg]
    """A dict iterating in ``java.util.HashMap`` order. Prints like any Java map.

    Every write goes through ``__setitem__`` (the Java map methods registered for ``dict``
    store with ``mapping[key] = value``), which keeps the order.
    """

    __slots__ = ("_capacity",)

    def __init__(self, items: Iterable[tuple[Any, Any]] | dict[Any, Any] = ()) -> None:
        super().__init__()
        self._capacity = _DEFAULT_CAPACITY
        pairs = items.items() if isinstance(items, dict) else items
        for key, value in pairs:
            self[key] = value

    @classmethod
    def build(cls, keys: tuple[str, ...], values: Sequence[Any]) -> Any:
        """A map of ``cls`` holding distinct string ``keys`` put in this order with ``values``.

        The same as putting them one by one (the layout is cached per key sequence);
        ``cls.__init__`` is not called, so a subclass with more slots sets them itself.
        """
        if not _STR_ONLY.issuperset(map(type, keys)):  # 1 == True: no cache for these
            mapping = cls.__new__(cls)
            mapping._capacity = _DEFAULT_CAPACITY
            for key, value in zip(keys, values):
                mapping[key] = value
            return mapping
        capacity, ordered, pick = plan(keys)
        mapping = cls.__new__(cls)
        mapping._capacity = capacity
        dict.update(mapping, zip(ordered, pick(values)))
        return mapping

    @classmethod
    def from_plan(cls, layout: Plan, values: Sequence[Any]) -> Any:
        """:meth:`build` with the :func:`plan` of its keys already at hand."""
        capacity, ordered, pick = layout
        mapping = cls.__new__(cls)
        mapping._capacity = capacity
        dict.update(mapping, zip(ordered, pick(values)))
        return mapping

    @classmethod
    def from_lookup(cls, layout: Plan, get: Callable[[str], Any]) -> Any:
        """:meth:`from_plan` with the value of each key given by ``get(key)`` (a map's
        ``get``): the values are looked up in iteration order, with nothing to reorder."""
        capacity, ordered, _ = layout
        mapping = cls.__new__(cls)
        mapping._capacity = capacity
        dict.update(mapping, zip(ordered, map(get, ordered)))
        return mapping

    def __setitem__(self, key: Any, value: Any) -> None:
        if key in self:
            dict.__setitem__(self, key, value)
            return
        size = len(self) + 1
        if size > self._capacity * _LOAD_FACTOR:
            self._capacity = _capacity_for(size, self._capacity)
            dict.__setitem__(self, key, value)
            self._reorder()
            return
        mask = self._capacity - 1
        bucket = _spread(key) & mask
        if size == 1 or _spread(next(reversed(self))) & mask <= bucket:
            dict.__setitem__(self, key, value)
            return
        # Goes before the first key of a higher bucket (the keys are sorted by bucket).
        items = list(dict.items(self))
        at = next(i for i, (k, _) in enumerate(items) if _spread(k) & mask > bucket)
        items.insert(at, (key, value))
        dict.clear(self)
        dict.update(self, items)

    def _reorder(self) -> None:
        mask = self._capacity - 1
        items = list(dict.items(self))
        ordered = sorted(items, key=lambda item: _spread(item[0]) & mask)  # stable
        if ordered != items:
            dict.clear(self)
            dict.update(self, ordered)

    def update(self, *args: Any, **kwargs: Any) -> None:
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def setdefault(self, key: Any, default: Any = None) -> Any:
        if key not in self:
            self[key] = default
        return self[key]

    def __copy__(self) -> HashMap:
        """``HashMap.clone()``: a map of the same class (its fields copied, an OverrideMap's
        name too) whose entries are put in this map's iteration order into a table sized
        for them, as ``putMapEntries`` does: a later put may then land elsewhere than in
        the original (case apigateway/input-params/clone-then-put)."""
        cls = type(self)
        result = cls.__new__(cls)
        for owner in cls.__mro__:
            for slot in getattr(owner, "__slots__", ()):
                if hasattr(self, slot):
                    setattr(result, slot, getattr(self, slot))
        result._capacity = _clone_capacity(len(self))
        dict.update(result, dict.items(self))
        result._reorder()
        return result

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

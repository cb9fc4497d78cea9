"""Java iterators over plain values: what ``#foreach`` walks and ``iterator()`` returns.

They are Python iterators with Java's behaviour: ``has_next()`` is Java's
``hasNext()`` (live, so the runtime can set ``$foreach.hasNext`` exactly), and a
collection whose size changed under the iterator fails fast with
``java.util.ConcurrentModificationException`` where Java's would. (Java counts
modifications; a change that keeps the size, such as an add and a remove, is not
detected here.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vtl.java.registry import JavaException, java_class, java_method


def concurrent_modification() -> JavaException:
    """The exception a fail-fast Java iterator throws."""
    return JavaException("java.util.ConcurrentModificationException", None)


class JavaIterator:
    """Base of the iterators: a Python iterator with Java's ``hasNext()``."""

    __slots__ = ()

    def __iter__(self) -> JavaIterator:
        return self

    def __next__(self) -> Any:
        raise NotImplementedError

    def has_next(self) -> bool:
        """Java's ``hasNext()``."""
        raise NotImplementedError

    def remove(self) -> None:
        """Java's ``remove()``: unsupported unless the iterator overrides it."""
        raise JavaException("java.lang.UnsupportedOperationException", "remove")


class ListIterator(JavaIterator):
    """``ArrayList.iterator()`` (``java.util.ArrayList$Itr``)."""

    __slots__ = ("_cursor", "_last", "_list", "_size")

    def __init__(self, values: list[Any]) -> None:
        self._list = values
        self._cursor = 0
        self._size = len(values)
        self._last = -1

    def has_next(self) -> bool:
        return self._cursor != len(self._list)

    def __next__(self) -> Any:
        values = self._list
        i = self._cursor
        if i == len(values):
            raise StopIteration
        if len(values) != self._size:
            raise concurrent_modification()
        self._cursor = i + 1
        self._last = i
        return values[i]

    def remove(self) -> None:
        if self._last < 0:
            raise JavaException("java.lang.IllegalStateException", None)
        if len(self._list) != self._size:
            raise concurrent_modification()
        del self._list[self._last]
        self._cursor = self._last
        self._last = -1
        self._size = len(self._list)


class ArrayIterator(JavaIterator):
    """An iterator over a Java array (Velocity's ``ArrayIterator`` in ``#foreach``)."""

    __slots__ = ("_array", "_cursor")

    def __init__(self, values: tuple[Any, ...]) -> None:
        self._array = values
        self._cursor = 0

    def has_next(self) -> bool:
        return self._cursor < len(self._array)

    def __next__(self) -> Any:
        i = self._cursor
        if i >= len(self._array):
            raise StopIteration
        self._cursor = i + 1
        return self._array[i]


class WrappedArrayIterator(ArrayIterator):
    """``iterator()`` called on an array, through Velocity's ``ArrayListWrapper``."""

    __slots__ = ()


class MapIterator(JavaIterator):
    """Base of the ``LinkedHashMap`` iterators (insertion order)."""

    __slots__ = ("_cursor", "_keys", "_map", "_size")

    def __init__(self, mapping: dict[Any, Any]) -> None:
        self._map = mapping
        self._keys = list(mapping)
        self._cursor = 0
        self._size = len(mapping)

    def has_next(self) -> bool:
        return self._cursor < len(self._keys)

    def _next_key(self) -> Any:
        i = self._cursor
        if i >= len(self._keys):
            raise StopIteration
        if len(self._map) != self._size:
            raise concurrent_modification()
        self._cursor = i + 1
        return self._keys[i]

    def remove(self) -> None:
        if self._cursor == 0 or self._keys[self._cursor - 1] not in self._map:
            raise JavaException("java.lang.IllegalStateException", None)
        if len(self._map) != self._size:
            raise concurrent_modification()
        del self._map[self._keys[self._cursor - 1]]
        self._size = len(self._map)


class MapKeyIterator(MapIterator):
    """``keySet().iterator()``"""

    __slots__ = ()

    # the key step itself, with no extra call: it runs for every key of every
    # #foreach over keySet()
    __next__ = MapIterator._next_key


class MapValueIterator(MapIterator):
    """``values().iterator()``; also what ``#foreach`` walks over a Map."""

    __slots__ = ()

    def __next__(self) -> Any:
        return self._map[self._next_key()]


class MapEntryIterator(MapIterator):
    """``entrySet().iterator()``: entries made by ``make_entry(map, key)``."""

    __slots__ = ("_make_entry",)

    def __init__(self, mapping: dict[Any, Any],
                 make_entry: Callable[[dict[Any, Any], Any], Any]) -> None:
        super().__init__(mapping)
        self._make_entry = make_entry

    def __next__(self) -> Any:
        return self._make_entry(self._map, self._next_key())


java_class(ListIterator, "java.util.ArrayList$Itr")
java_class(ArrayIterator, "org.apache.velocity.util.ArrayIterator")
java_class(WrappedArrayIterator, "java.util.AbstractList$Itr")
java_class(MapKeyIterator, "java.util.LinkedHashMap$LinkedKeyIterator")
java_class(MapValueIterator, "java.util.LinkedHashMap$LinkedValueIterator")
java_class(MapEntryIterator, "java.util.LinkedHashMap$LinkedEntryIterator")


@java_method(JavaIterator, "hasNext")
def iterator_has_next(iterator: JavaIterator) -> bool:
    """``boolean Iterator.hasNext()``"""
    return iterator.has_next()


@java_method(JavaIterator, "next")
def iterator_next(iterator: JavaIterator) -> Any:
    """``E Iterator.next()``; ``NoSuchElementException`` when exhausted."""
    try:
        return next(iterator)
    except StopIteration:
        raise JavaException("java.util.NoSuchElementException", None) from None


@java_method(JavaIterator, "remove")
def iterator_remove(iterator: JavaIterator) -> str:
    """``void Iterator.remove()``"""
    iterator.remove()
    return ""

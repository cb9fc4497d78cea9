"""Java iterators over plain values: what ``#foreach`` walks and ``iterator()`` returns.

They are Python iterators with Java's behaviour: ``has_next()`` is Java's
``hasNext()`` (live, so the runtime can set ``$foreach.hasNext`` exactly), and a
collection changed under the iterator fails fast with
``java.util.ConcurrentModificationException`` where Java's would. Java counts
modifications (``modCount``); a Python collection carries no count, so a change of size is
what the iterators see, and a list's methods also tell its iterators of the changes that
keep the size (``sort``, an ``add`` then a ``remove``: :func:`list_changed`). A map changed
that way is not detected.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from typing import Any

from vtl.java.registry import JavaException, NoMatchingSignature, java_class, java_method

#: The Java methods, by name, that change a List or a Map (or a Map.Entry's value) that an
#: iterator may be walking. A ``#foreach`` body calling none of them (on any object) changes
#: no collection, so the loop may walk a snapshot (``loop_values``); otherwise it walks a
#: live iterator, which sees the changes and fails fast as Java's does. String.replace
#: shares a name with Map.replace: such a loop is merely slower.
COLLECTION_CHANGING_METHODS = frozenset((
    "add", "addAll", "clear", "put", "putAll", "putIfAbsent", "remove", "removeAll",
    "retainAll", "replace", "set", "setValue", "sort",
))

#: For a class whose ``iterator()`` walks a snapshot-able sequence (a map view, a list
#: type): its elements as that sequence, so that ``loop_values`` need not make the
#: iterator. Filled in by the modules defining the classes (``loop_elements``).
LOOP_ELEMENTS: dict[type, Callable[[Any], Sequence[Any]]] = {}


def loop_elements(cls: type) -> Callable[[Callable[[Any], Sequence[Any]]], Callable[[Any], Sequence[Any]]]:
    """Register what ``#foreach`` walks over a ``cls`` value (its iterator's elements)."""

    def register(function: Callable[[Any], Sequence[Any]]) -> Callable[[Any], Sequence[Any]]:
        LOOP_ELEMENTS[cls] = function
        return function

    return register


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

    def remaining(self) -> Sequence[Any]:
        """The elements still to come, as a sequence, consuming the iterator. Walking it
        is walking the iterator only while no collection changes (``loop_values``)."""
        return list(self)


#: The live iterators of each list, by the list's id (an iterator holds its list, so the
#: id cannot be reused while one lives); see :func:`list_changed`.
_WALKERS: dict[int, weakref.WeakSet[ListIterator]] = {}
#: Past this many lists, the entries whose iterators have all gone are dropped.
_WALKERS_PRUNED_AT = 1024


def list_changed(values: list[Any], keep: ListIterator | None = None) -> None:
    """An ``ArrayList``'s ``modCount++``: the iterators walking ``values`` (but ``keep``,
    the one that made the change) fail at their next step, as Java's do. The List methods
    call it for every change Java counts, including those that keep the size."""
    walkers = _WALKERS.get(id(values))
    if walkers:
        for walker in list(walkers):
            if walker is not keep:
                walker._size = -1


class ListIterator(JavaIterator):
    """``ArrayList.iterator()`` (``java.util.ArrayList$Itr``)."""

    __slots__ = ("__weakref__", "_cursor", "_last", "_list", "_size")

    def __init__(self, values: list[Any]) -> None:
        self._list = values
        self._cursor = 0
        self._size = len(values)
        self._last = -1
        walkers = _WALKERS.get(id(values))
        if walkers is None:
            if len(_WALKERS) >= _WALKERS_PRUNED_AT:
                for key in [key for key, found in list(_WALKERS.items()) if not found]:
                    _WALKERS.pop(key, None)
            walkers = _WALKERS[id(values)] = weakref.WeakSet()
        walkers.add(self)

    def has_next(self) -> bool:
        return self._cursor != len(self._list)

    def remaining(self) -> Sequence[Any]:
        start, self._cursor = self._cursor, len(self._list)
        return self._list if start == 0 else self._list[start:]

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
        list_changed(self._list, keep=self)
        self._cursor = self._last
        self._last = -1
        self._size = len(self._list)


class ListItr(ListIterator):
    """``ArrayList.listIterator([index])`` (``java.util.ArrayList$ListItr``): an iterator
    that also walks back, and sets or adds at its position (case
    velocity/lists/list-iterator)."""

    __slots__ = ()

    def __init__(self, values: list[Any], index: int) -> None:
        super().__init__(values)
        self._cursor = index

    def check(self) -> None:
        """``checkForComodification``: the list changed behind this iterator."""
        if len(self._list) != self._size:
            raise concurrent_modification()

    def previous(self) -> Any:
        """``E previous()``"""
        self.check()
        i = self._cursor - 1
        if i < 0:
            raise JavaException("java.util.NoSuchElementException", None)
        self._cursor = self._last = i
        return self._list[i]

    def set(self, value: Any) -> None:
        """``void set(E)``: replaces the element last returned (no structural change)."""
        if self._last < 0:
            raise JavaException("java.lang.IllegalStateException", None)
        self.check()
        self._list[self._last] = value

    def add(self, value: Any) -> None:
        """``void add(E)``: inserts before the cursor, which moves past it."""
        self.check()
        self._list.insert(self._cursor, value)
        list_changed(self._list, keep=self)
        self._cursor += 1
        self._last = -1
        self._size = len(self._list)


class ArrayIterator(JavaIterator):
    """An iterator over a Java array (Velocity's ``ArrayIterator`` in ``#foreach``)."""

    __slots__ = ("_array", "_cursor")

    def __init__(self, values: tuple[Any, ...]) -> None:
        self._array = values
        self._cursor = 0

    def remaining(self) -> Sequence[Any]:
        start, self._cursor = self._cursor, len(self._array)
        return self._array[start:]

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

    def _remaining_keys(self) -> list[Any]:
        start, self._cursor = self._cursor, len(self._keys)
        return self._keys if start == 0 else self._keys[start:]

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
    remaining = MapIterator._remaining_keys


class MapValueIterator(MapIterator):
    """``values().iterator()``; also what ``#foreach`` walks over a Map."""

    __slots__ = ()

    def __next__(self) -> Any:
        return self._map[self._next_key()]

    def remaining(self) -> Sequence[Any]:
        return [*map(self._map.__getitem__, self._remaining_keys())]


class MapEntryIterator(MapIterator):
    """``entrySet().iterator()``: entries made by ``make_entry(map, key)``."""

    __slots__ = ("_make_entry",)

    def __init__(self, mapping: dict[Any, Any],
                 make_entry: Callable[[dict[Any, Any], Any], Any]) -> None:
        super().__init__(mapping)
        self._make_entry = make_entry

    def __next__(self) -> Any:
        return self._make_entry(self._map, self._next_key())

    def remaining(self) -> Sequence[Any]:
        mapping, make_entry = self._map, self._make_entry
        return [make_entry(mapping, key) for key in self._remaining_keys()]


java_class(ListIterator, "java.util.ArrayList$Itr")
java_class(ListItr, "java.util.ArrayList$ListItr")
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


@java_method(JavaIterator, "forEachRemaining")
def iterator_for_each_remaining(iterator: JavaIterator, action: Any) -> str:
    """``void forEachRemaining(Consumer)``: no template value is a Consumer; null is
    ``Objects.requireNonNull``'s NullPointerException."""
    if action is not None:
        raise NoMatchingSignature
    raise JavaException("java.lang.NullPointerException", None)


@java_method(ListItr, "hasPrevious")
def list_itr_has_previous(iterator: ListItr) -> bool:
    """``boolean hasPrevious()``"""
    return iterator._cursor != 0


@java_method(ListItr, "nextIndex")
def list_itr_next_index(iterator: ListItr) -> int:
    """``int nextIndex()``"""
    return iterator._cursor


@java_method(ListItr, "previousIndex")
def list_itr_previous_index(iterator: ListItr) -> int:
    """``int previousIndex()``"""
    return iterator._cursor - 1


@java_method(ListItr, "previous")
def list_itr_previous(iterator: ListItr) -> Any:
    """``E previous()``"""
    return iterator.previous()


@java_method(ListItr, "set")
def list_itr_set(iterator: ListItr, value: Any) -> str:
    """``void set(E)``"""
    iterator.set(value)
    return ""


@java_method(ListItr, "add")
def list_itr_add(iterator: ListItr, value: Any) -> str:
    """``void add(E)``"""
    iterator.add(value)
    return ""

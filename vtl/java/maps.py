"""``java.util.Map`` methods on ``dict`` (a ``LinkedHashMap``), its views and entries.

``keySet()``, ``values()`` and ``entrySet()`` return live views, as in Java: they
print like collections (``[a, b]``), iterate, and write through to the map.
Keys are compared with Java's ``equals`` (see :mod:`vtl.java.objects`).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from vtl.java.iterators import (
    JavaIterator,
    MapEntryIterator,
    MapKeyIterator,
    MapValueIterator,
    loop_elements,
)
from vtl.java.objects import (
    hash_code,
    identity_hash_code,
    java_equals,
    map_equals,
    map_find_key,
    map_get,
    map_hash,
    map_put,
    npe,
    require,
)
from vtl.java.printing import ObjectArray, collection_to_string, element_to_string, map_to_string
from vtl.java.registry import JavaException, java_class, java_method

Map = dict[Any, Any]


def unsupported() -> JavaException:
    """``UnsupportedOperationException`` with no message."""
    return JavaException("java.lang.UnsupportedOperationException", None)


# --- views -------------------------------------------------------------------------


class MapView:
    """Base of the live views of a map (``keySet()``, ``values()``, ``entrySet()``)."""

    __slots__ = ("map",)

    def __init__(self, mapping: Map) -> None:
        self.map = mapping

    def __len__(self) -> int:
        return len(self.map)

    def __iter__(self) -> Iterator[Any]:
        return self.iterator()

    def iterator(self) -> JavaIterator:
        """The Java iterator over the view."""
        raise NotImplementedError

    def contains(self, value: Any) -> bool:
        """``Collection.contains(Object)``"""
        raise NotImplementedError

    def remove(self, value: Any) -> bool:
        """``Collection.remove(Object)``"""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.map!r})"


class KeySetView(MapView):
    """``map.keySet()`` (``java.util.LinkedHashMap$LinkedKeySet``)."""

    __slots__ = ()

    def iterator(self) -> JavaIterator:
        return MapKeyIterator(self.map)

    def contains(self, value: Any) -> bool:
        return map_find_key(self.map, value)[0]

    def remove(self, value: Any) -> bool:
        found, stored = map_find_key(self.map, value)
        if found:
            del self.map[stored]
        return found


class ValuesView(MapView):
    """``map.values()`` (``java.util.LinkedHashMap$LinkedValues``)."""

    __slots__ = ()

    def iterator(self) -> JavaIterator:
        return MapValueIterator(self.map)

    def contains(self, value: Any) -> bool:
        return any(java_equals(value, v) for v in self.map.values())

    def remove(self, value: Any) -> bool:
        for key, v in self.map.items():
            if java_equals(value, v):
                del self.map[key]
                return True
        return False


class EntrySetView(MapView):
    """``map.entrySet()`` (``java.util.LinkedHashMap$LinkedEntrySet``)."""

    __slots__ = ()

    def iterator(self) -> JavaIterator:
        return MapEntryIterator(self.map, MapEntry)

    def contains(self, value: Any) -> bool:
        if not isinstance(value, MapEntry):
            return False
        found, stored = map_find_key(self.map, value.key)
        return found and java_equals(self.map[stored], value.get_value())

    def remove(self, value: Any) -> bool:
        if not self.contains(value):
            return False
        del self.map[map_find_key(self.map, value.key)[1]]
        return True


@loop_elements(KeySetView)
def _key_elements(view: KeySetView) -> list[Any]:
    return [*view.map]


@loop_elements(ValuesView)
def _value_elements(view: ValuesView) -> list[Any]:
    return [*view.map.values()]


@loop_elements(EntrySetView)
def _entry_elements(view: EntrySetView) -> list[Any]:
    mapping = view.map
    return [MapEntry(mapping, key) for key in mapping]


class MapEntry:
    """A ``Map.Entry`` of a live map (``java.util.LinkedHashMap$Entry``)."""

    __slots__ = ("key", "map", "value")

    def __init__(self, mapping: Map, key: Any) -> None:
        self.map = mapping
        self.key = key
        self.value = mapping[key]

    def get_value(self) -> Any:
        """The entry's current value (a later ``put`` of the same key shows through)."""
        if self.key in self.map:
            self.value = self.map[self.key]
        return self.value

    def __repr__(self) -> str:
        return f"MapEntry({self.key!r}, {self.value!r})"


java_class(KeySetView, "java.util.LinkedHashMap$LinkedKeySet")
java_class(ValuesView, "java.util.LinkedHashMap$LinkedValues")
java_class(EntrySetView, "java.util.LinkedHashMap$LinkedEntrySet")
java_class(MapEntry, "java.util.LinkedHashMap$Entry")


def is_collection(value: Any) -> bool:
    """True for a ``java.util.Collection`` (List or map view); arrays and Maps are not."""
    return isinstance(value, (list, MapView))


# --- Map ---------------------------------------------------------------------------


@java_method(dict, "get")
def map_get_method(mapping: Map, key: Any) -> Any:
    """``V Map.get(Object key)``"""
    if type(key) is str:
        return mapping.get(key)
    return map_get(mapping, key)


@java_method(dict, "getOrDefault")
def map_get_or_default(mapping: Map, key: Any, default: Any) -> Any:
    """``V Map.getOrDefault(Object key, V defaultValue)``"""
    found, stored = map_find_key(mapping, key)
    return mapping[stored] if found else default


@java_method(dict, "put")
def map_put_method(mapping: Map, key: Any, value: Any) -> Any:
    """``V Map.put(K key, V value)``: returns the previous value (null for a new key)."""
    if type(key) is str:
        previous = mapping.get(key)
        mapping[key] = value
        return previous
    return map_put(mapping, key, value)


@java_method(dict, "putAll")
def map_put_all(mapping: Map, other: Any) -> str:
    """``void Map.putAll(Map m)``"""
    if other is None:
        raise npe('Cannot invoke "java.util.Map.size()" because "m" is null')
    require(isinstance(other, dict))
    for key, value in list(other.items()):
        map_put(mapping, key, value)
    return ""


@java_method(dict, "putIfAbsent")
def map_put_if_absent(mapping: Map, key: Any, value: Any) -> Any:
    """``V Map.putIfAbsent(K key, V value)``: the current value, or null after putting."""
    found, stored = map_find_key(mapping, key)
    if found and mapping[stored] is not None:
        return mapping[stored]
    map_put(mapping, key, value)
    return None


@java_method(dict, "containsKey")
def map_contains_key(mapping: Map, key: Any) -> bool:
    """``boolean Map.containsKey(Object key)``"""
    if type(key) is str:
        return key in mapping
    return map_find_key(mapping, key)[0]


@java_method(dict, "containsValue")
def map_contains_value(mapping: Map, value: Any) -> bool:
    """``boolean Map.containsValue(Object value)``"""
    return any(v is value or java_equals(value, v) for v in mapping.values())


@java_method(dict, "remove")
def map_remove(mapping: Map, key: Any, *value: Any) -> Any:
    """``V Map.remove(Object key)`` (the removed value) and
    ``boolean Map.remove(Object key, Object value)``."""
    require(len(value) <= 1)
    found, stored = map_find_key(mapping, key)
    if value:
        if found and java_equals(mapping[stored], value[0]):
            del mapping[stored]
            return True
        return False
    return mapping.pop(stored) if found else None


@java_method(dict, "replace")
def map_replace(mapping: Map, key: Any, *values: Any) -> Any:
    """``V Map.replace(K key, V value)`` and ``boolean Map.replace(K, V oldValue, V newValue)``."""
    require(1 <= len(values) <= 2)
    found, stored = map_find_key(mapping, key)
    if len(values) == 2:
        if found and java_equals(mapping[stored], values[0]):
            mapping[stored] = values[1]
            return True
        return False
    if not found:
        return None
    previous = mapping[stored]
    mapping[stored] = values[0]
    return previous


@java_method(dict, "size")
def map_size(mapping: Map) -> int:
    """``int Map.size()``"""
    return len(mapping)


@java_method(dict, "isEmpty")
def map_is_empty(mapping: Map) -> bool:
    """``boolean Map.isEmpty()``"""
    return not mapping


@java_method(dict, "clear")
def map_clear(mapping: Map) -> str:
    """``void Map.clear()``"""
    mapping.clear()
    return ""


@java_method(dict, "keySet")
def map_key_set(mapping: Map) -> KeySetView:
    """``Set<K> Map.keySet()``: a live view."""
    return KeySetView(mapping)


@java_method(dict, "values")
def map_values(mapping: Map) -> ValuesView:
    """``Collection<V> Map.values()``: a live view."""
    return ValuesView(mapping)


@java_method(dict, "entrySet")
def map_entry_set(mapping: Map) -> EntrySetView:
    """``Set<Map.Entry<K,V>> Map.entrySet()``: a live view."""
    return EntrySetView(mapping)


@java_method(dict, "toString")
def map_to_string_method(mapping: Map) -> str:
    """``String AbstractMap.toString()``: ``{a=1, b=two}``."""
    return map_to_string(mapping)


@java_method(dict, "equals")
def map_equals_method(mapping: Map, other: Any) -> bool:
    """``boolean AbstractMap.equals(Object)``"""
    return map_equals(mapping, other)


@java_method(dict, "hashCode")
def map_hash_code(mapping: Map) -> int:
    """``int AbstractMap.hashCode()``"""
    return map_hash(mapping)


@java_method(dict, "clone")
def map_clone(mapping: Map) -> Map:
    """``Object HashMap.clone()``: a shallow copy of the same class (``Object.clone``
    keeps the runtime class: a HashMap's clone iterates and prints as the original does;
    case apigateway/input-path/clone-keeps-class). A dict subclass says how it is copied
    by its ``__copy__``."""
    return copy.copy(mapping)


# --- views' methods ------------------------------------------------------------------


@java_method(MapView, "size")
def view_size(view: MapView) -> int:
    """``int Collection.size()``"""
    return len(view.map)


@java_method(MapView, "isEmpty")
def view_is_empty(view: MapView) -> bool:
    """``boolean Collection.isEmpty()``"""
    return not view.map


@java_method(MapView, "contains")
def view_contains(view: MapView, value: Any) -> bool:
    """``boolean Collection.contains(Object)``"""
    return view.contains(value)


@java_method(MapView, "containsAll")
def view_contains_all(view: MapView, other: Any) -> bool:
    """``boolean Collection.containsAll(Collection<?>)``"""
    if other is None:
        raise npe('Cannot invoke "java.util.Collection.iterator()" because "c" is null')
    require(is_collection(other))
    return all(view.contains(value) for value in other)


@java_method(MapView, "remove")
def view_remove(view: MapView, value: Any) -> bool:
    """``boolean Collection.remove(Object)``: removes the mapping from the map."""
    return view.remove(value)


@java_method(MapView, "clear")
def view_clear(view: MapView) -> str:
    """``void Collection.clear()``: clears the map."""
    view.map.clear()
    return ""


@java_method(MapView, "add")
def view_add(view: MapView, value: Any) -> bool:
    """``boolean Collection.add(E)``: views do not support it."""
    raise unsupported()


@java_method(MapView, "iterator")
def view_iterator(view: MapView) -> JavaIterator:
    """``Iterator<E> Collection.iterator()``"""
    return view.iterator()


@java_method(MapView, "toArray")
def view_to_array(view: MapView) -> ObjectArray:
    """``Object[] Collection.toArray()``: an ``Object[]`` even when every element is a
    String (case velocity/maps/view-to-array-class)."""
    return ObjectArray(view)


@java_method(MapView, "toString")
def view_to_string(view: MapView) -> str:
    """``String AbstractCollection.toString()``: ``[a, b]``."""
    return collection_to_string(view, view)


def _set_equals(view: MapView, other: Any) -> bool:
    """``AbstractSet.equals``: a Set of the same size containing the same elements."""
    if other is view:
        return True
    if not isinstance(other, (KeySetView, EntrySetView)) or len(other) != len(view):
        return False
    return all(view.contains(value) for value in other)


def _set_hash(view: MapView) -> int:
    """``AbstractSet.hashCode``: the sum of the elements' hash codes."""
    h = 0
    for value in view:
        h += hash_code(value)
    return ((h + 0x80000000) & 0xFFFFFFFF) - 0x80000000


java_method(KeySetView, "equals")(_set_equals)
java_method(KeySetView, "hashCode")(_set_hash)
java_method(EntrySetView, "equals")(_set_equals)
java_method(EntrySetView, "hashCode")(_set_hash)
@java_method(ValuesView, "equals")
def values_equals(view: ValuesView, other: Any) -> bool:
    """``values()`` has Object's identity ``equals``; Java caches the view, so every
    ``values()`` of one map is the same object."""
    return type(other) is ValuesView and other.map is view.map


@java_method(ValuesView, "hashCode")
def values_hash_code(view: ValuesView) -> int:
    """Object's identity ``hashCode`` of the (cached) view."""
    return identity_hash_code(view.map) ^ 0x5A5A5A5A


# --- entries -----------------------------------------------------------------------


@java_method(MapEntry, "getKey")
def entry_get_key(entry: MapEntry) -> Any:
    """``K Map.Entry.getKey()``"""
    return entry.key


@java_method(MapEntry, "getValue")
def entry_get_value(entry: MapEntry) -> Any:
    """``V Map.Entry.getValue()``"""
    return entry.get_value()


@java_method(MapEntry, "setValue")
def entry_set_value(entry: MapEntry, value: Any) -> Any:
    """``V Map.Entry.setValue(V)``: writes through to the map, returns the old value."""
    previous = entry.get_value()
    entry.value = value
    if entry.key in entry.map:
        entry.map[entry.key] = value
    return previous


@java_method(MapEntry, "toString")
def entry_to_string(entry: MapEntry) -> str:
    """``String Map.Entry.toString()``: ``key=value``."""
    return f"{element_to_string(entry.key)}={element_to_string(entry.get_value())}"


@java_method(MapEntry, "equals")
def entry_equals(entry: MapEntry, other: Any) -> bool:
    """``boolean Map.Entry.equals(Object)``: same key and value."""
    return isinstance(other, MapEntry) and java_equals(entry.key, other.key) and java_equals(
        entry.get_value(), other.get_value())


@java_method(MapEntry, "hashCode")
def entry_hash_code(entry: MapEntry) -> int:
    """``int Map.Entry.hashCode()``: ``key.hashCode() ^ value.hashCode()``."""
    return hash_code(entry.key) ^ hash_code(entry.get_value())

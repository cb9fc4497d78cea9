"""``java.util.List`` methods on ``list`` (an ``ArrayList``) and Java arrays (``tuple``).

Velocity 1.7 calls methods on an array through its ``ArrayListWrapper`` (an
``AbstractList``): ``get``, ``size``, ``contains``, ``subList``… work, methods that
would change the size throw ``UnsupportedOperationException``, and
``toString``/``equals``/``hashCode`` are the array's own (identity) methods.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cmp_to_key
from typing import Any

from vtl.java.floats import JavaFloat
from vtl.java.iterators import (
    JavaIterator,
    ListIterator,
    ListItr,
    WrappedArrayIterator,
    list_changed,
)
from vtl.java.maps import MapEntry, is_collection, unsupported
from vtl.java.objects import (
    UnsupportedJava,
    class_cast,
    identity_equals,
    identity_hash_code,
    java_equals,
    list_equals,
    list_hash,
    npe,
    require,
)
from vtl.java.printing import (
    JavaBigInteger,
    JavaByte,
    JavaChar,
    JavaLong,
    JavaShort,
    ObjectArray,
    array_class_name,
    collection_to_string,
    default_to_string,
    fits_int,
)
from vtl.java.registry import JavaException, find_method, java_method

List = list[Any]


def is_int(value: Any) -> bool:
    """True if ``value`` fits a Java ``int`` parameter (an Integer, Short or Byte; not a
    Long or Boolean)."""
    return fits_int(value)


def check_index(index: int, length: int) -> None:
    """``Objects.checkIndex``: ``Index 5 out of bounds for length 3``."""
    if not 0 <= index < length:
        raise JavaException("java.lang.IndexOutOfBoundsException",
                            f"Index {index} out of bounds for length {length}")


def check_index_for_add(index: int, size: int) -> None:
    """``ArrayList.rangeCheckForAdd``: ``Index: 5, Size: 3``."""
    if not 0 <= index <= size:
        raise JavaException("java.lang.IndexOutOfBoundsException", f"Index: {index}, Size: {size}")


def check_sub_list(from_index: int, to_index: int, size: int) -> None:
    """``AbstractList.subListRangeCheck``."""
    if from_index < 0:
        raise JavaException("java.lang.IndexOutOfBoundsException", f"fromIndex = {from_index}")
    if to_index > size:
        raise JavaException("java.lang.IndexOutOfBoundsException", f"toIndex = {to_index}")
    if from_index > to_index:
        raise JavaException("java.lang.IllegalArgumentException",
                            f"fromIndex({from_index}) > toIndex({to_index})")


def index_of(values: Any, value: Any) -> int:
    """``List.indexOf(Object)`` with Java's ``equals``."""
    for i, element in enumerate(values):
        if element is value or java_equals(value, element):
            return i
    return -1


def last_index_of(values: Any, value: Any) -> int:
    """``List.lastIndexOf(Object)`` with Java's ``equals``."""
    for i in range(len(values) - 1, -1, -1):
        element = values[i]
        if element is value or java_equals(value, element):
            return i
    return -1


def _collection_argument(other: Any) -> list[Any]:
    """A snapshot of a ``Collection`` argument (``c.toArray()``); NPE for null."""
    if other is None:
        raise npe('Cannot invoke "java.util.Collection.toArray()" because "c" is null')
    require(is_collection(other))
    return list(other)


# --- ArrayList ---------------------------------------------------------------------


@java_method(list, "get")
def list_get(values: List, index: Any) -> Any:
    """``E List.get(int index)``"""
    require(is_int(index))
    check_index(index, len(values))
    return values[index]


@java_method(list, "set")
def list_set(values: List, index: Any, value: Any) -> Any:
    """``E List.set(int index, E element)``: returns the old element."""
    require(is_int(index))
    check_index(index, len(values))
    previous = values[index]
    values[index] = value
    return previous


@java_method(list, "add")
def list_add(values: List, first: Any, *rest: Any) -> Any:
    """``boolean List.add(E)`` (true) and ``void List.add(int index, E element)``."""
    args = (first, *rest)
    if len(args) == 1:
        values.append(args[0])
        list_changed(values)
        return True
    require(len(args) == 2 and is_int(args[0]))
    check_index_for_add(args[0], len(values))
    values.insert(args[0], args[1])
    list_changed(values)
    return ""


@java_method(list, "addAll")
def list_add_all(values: List, first: Any, *rest: Any) -> bool:
    """``boolean List.addAll(Collection)`` and ``boolean List.addAll(int, Collection)``."""
    args = (first, *rest)
    if len(args) == 1:
        added = _collection_argument(args[0])
        values.extend(added)
    else:
        require(len(args) == 2 and is_int(args[0]))
        require(args[1] is None or is_collection(args[1]))
        check_index_for_add(args[0], len(values))
        added = _collection_argument(args[1])
        values[args[0]:args[0]] = added
    list_changed(values)  # ArrayList.addAll counts a change even when nothing is added
    return bool(added)


@java_method(list, "remove")
def list_remove(values: List, value: Any) -> Any:
    """``E List.remove(int index)`` for an Integer argument, else
    ``boolean List.remove(Object)``."""
    if is_int(value):
        check_index(value, len(values))
        list_changed(values)
        return values.pop(value)
    i = index_of(values, value)
    if i < 0:
        return False
    del values[i]
    list_changed(values)
    return True


@java_method(list, "removeAll")
def list_remove_all(values: List, other: Any) -> bool:
    """``boolean List.removeAll(Collection)``"""
    if other is None:
        raise JavaException("java.lang.NullPointerException", None)  # Objects.requireNonNull
    require(is_collection(other))
    return _keep(values, other, keep_contained=False)


@java_method(list, "retainAll")
def list_retain_all(values: List, other: Any) -> bool:
    """``boolean List.retainAll(Collection)``"""
    if other is None:
        raise JavaException("java.lang.NullPointerException", None)  # Objects.requireNonNull
    require(is_collection(other))
    return _keep(values, other, keep_contained=True)


def _keep(values: List, other: Any, keep_contained: bool) -> bool:
    """Keep the elements that are (or are not) in ``other``; True if any was removed."""
    members = list(other)
    kept = [v for v in values if (index_of(members, v) >= 0) == keep_contained]
    changed = len(kept) != len(values)
    if changed:
        values[:] = kept
        list_changed(values)
    return changed


@java_method(list, "contains")
def list_contains(values: List, value: Any) -> bool:
    """``boolean List.contains(Object)``"""
    return index_of(values, value) >= 0


@java_method(list, "containsAll")
def list_contains_all(values: List, other: Any) -> bool:
    """``boolean List.containsAll(Collection)``"""
    if other is None:
        raise npe('Cannot invoke "java.util.Collection.iterator()" because "c" is null')
    require(is_collection(other))
    return all(index_of(values, v) >= 0 for v in other)


@java_method(list, "indexOf")
def list_index_of(values: List, value: Any) -> int:
    """``int List.indexOf(Object)``"""
    return index_of(values, value)


@java_method(list, "lastIndexOf")
def list_last_index_of(values: List, value: Any) -> int:
    """``int List.lastIndexOf(Object)``"""
    return last_index_of(values, value)


@java_method(list, "size")
def list_size(values: List) -> int:
    """``int List.size()``"""
    return len(values)


@java_method(list, "isEmpty")
def list_is_empty(values: List) -> bool:
    """``boolean List.isEmpty()``"""
    return not values


@java_method(list, "clear")
def list_clear(values: List) -> str:
    """``void List.clear()``"""
    values.clear()
    list_changed(values)
    return ""


@java_method(list, "subList")
def list_sub_list(values: List, from_index: Any, to_index: Any) -> List:
    """``List<E> List.subList(int fromIndex, int toIndex)`` (a copy here, not a view)."""
    require(is_int(from_index) and is_int(to_index))
    check_sub_list(from_index, to_index, len(values))
    return values[from_index:to_index]


@java_method(list, "iterator")
def list_iterator(values: List) -> JavaIterator:
    """``Iterator<E> List.iterator()``"""
    return ListIterator(values)


@java_method(list, "listIterator")
def list_list_iterator(values: List, *index: Any) -> ListItr:
    """``ListIterator<E> listIterator([int index])``"""
    require(len(index) <= 1 and (not index or is_int(index[0])))
    start = index[0] if index else 0
    if not 0 <= start <= len(values):
        raise JavaException("java.lang.IndexOutOfBoundsException", f"Index: {start}, Size: {len(values)}")
    return ListItr(values, start)


@java_method(list, "toArray")
def list_to_array(values: List, *args: Any) -> Any:
    """``Object[] toArray()``, ``T[] toArray(T[] a)``, ``toArray(IntFunction)``. Velocity
    1.7 gathers arguments that are no array into an ``Object[]`` for ``toArray(T[])``
    (case velocity/lists/to-array-varargs); a null alone is the IntFunction."""
    if not args:
        return ObjectArray(values)
    if len(args) == 1 and args[0] is None:
        raise npe('Cannot invoke "java.util.function.IntFunction.apply(int)" because "generator" is null')
    if len(args) == 1 and isinstance(args[0], tuple):
        target = args[0]
        if len(target) < len(values):  # Arrays.copyOf into a new array of the same type
            return ObjectArray(values) if type(target) is ObjectArray else type(target)(values)
        if target[:len(values)] != tuple(values) or len(target) > len(values):
            raise UnsupportedJava("changing the elements of a Java array (List.toArray(T[]))")
        return target
    if len(args) < len(values):
        return ObjectArray(values)
    filled = list(values) + list(args[len(values):])
    if len(filled) > len(values):
        filled[len(values)] = None
    return ObjectArray(filled)


@java_method(list, "trimToSize")
def list_trim_to_size(values: List) -> str:
    """``void ArrayList.trimToSize()``: capacity only."""
    return ""


@java_method(list, "ensureCapacity")
def list_ensure_capacity(values: List, capacity: Any) -> str:
    """``void ArrayList.ensureCapacity(int)``: capacity only."""
    require(is_int(capacity))
    return ""


def _takes_no_lambda(owner: type, name: str, leading: int) -> None:
    """A method whose last parameter is a lambda (``forEach(Consumer)``...): no template
    value is one, so only null fits, and JDK 17 checks it first (``Objects.requireNonNull``:
    a NullPointerException without message; case velocity/lists/lambda-methods-null)."""

    def method(receiver: Any, *args: Any) -> Any:
        require(len(args) == leading + 1 and args[-1] is None)
        raise JavaException("java.lang.NullPointerException", None)

    method.__doc__ = f"``{name}(...)`` whose lambda parameter can only be null."
    method.java_nullary = _no_parameterless  # type: ignore[attr-defined]
    java_method(owner, name)(method)


def _no_parameterless(obj: Any) -> bool:
    return False


for _owner, _name, _leading in (
    (list, "forEach", 0), (list, "removeIf", 0), (list, "replaceAll", 0),
    (dict, "forEach", 0), (dict, "replaceAll", 0), (dict, "compute", 1),
    (dict, "computeIfAbsent", 1), (dict, "computeIfPresent", 1), (dict, "merge", 2),
):
    _takes_no_lambda(_owner, _name, _leading)


_COMPARABLE = (str, int, float, bool, Decimal, JavaChar, JavaLong, JavaBigInteger, JavaFloat, JavaByte, JavaShort)


def _compare(a: Any, b: Any, a_name: str) -> int:
    """``((Comparable) a).compareTo(b)`` as ``Arrays.sort`` calls it."""
    if a is None:
        raise npe(f'Cannot invoke "java.lang.Comparable.compareTo(Object)" because "{a_name}" '
                  f'is null')
    if type(a) not in _COMPARABLE:
        raise class_cast(a, "java.lang.Comparable")
    cls: type = type(a)
    compare_to = find_method(cls, "compareTo")
    assert compare_to is not None
    return compare_to(a, b)  # type: ignore[no-any-return]


def _sort_small(a: List) -> None:
    """``ComparableTimSort`` below 32 elements: a run, then a binary insertion sort (the
    same comparisons in the same order, so the same exception for incomparable values)."""
    hi = len(a)
    run = 1
    if _compare(a[run], a[0], "a[runHi]") < 0:
        run += 1
        while run < hi and _compare(a[run], a[run - 1], "a[runHi]") < 0:
            run += 1
        a[0:run] = a[0:run][::-1]
    else:
        run += 1
        while run < hi and _compare(a[run], a[run - 1], "a[runHi]") >= 0:
            run += 1
    for start in range(run, hi):
        pivot = a[start]
        left, right = 0, start
        while left < right:
            mid = (left + right) >> 1
            if _compare(pivot, a[mid], "pivot") < 0:
                right = mid
            else:
                left = mid + 1
        a[left + 1:start + 1] = a[left:start]
        a[left] = pivot


@java_method(list, "sort")
def list_sort(values: List, comparator: Any) -> str:
    """``void List.sort(Comparator)``: only null (natural order) can come from a template.

    Stable, like Java's; from 32 elements on the comparisons (and so which pair of
    incomparable values raises) may differ from TimSort's."""
    require(comparator is None)
    if len(values) < 2:
        list_changed(values)  # ArrayList.sort counts a change, whatever the order was
        return ""
    if len(values) < 32:
        work = list(values)
        _sort_small(work)
    else:
        work = sorted(values, key=cmp_to_key(lambda x, y: _compare(x, y, "a[runHi]")))
    values[:] = work
    list_changed(values)  # once sorted: an element Java cannot compare leaves no change counted
    return ""


@java_method(list, "clone")
def list_clone(values: List) -> List:
    """``Object ArrayList.clone()``: a shallow copy of the same class (``Object.clone``
    keeps the runtime class, so a json-smart JSONArray's clone still prints as JSON;
    case apigateway/input-path/clone-keeps-class)."""
    return type(values)(values)


@java_method(list, "toString")
def list_to_string(values: List) -> str:
    """``String AbstractCollection.toString()``: ``[a, b]``."""
    return collection_to_string(values, values)


@java_method(list, "equals")
def list_equals_method(values: List, other: Any) -> bool:
    """``boolean AbstractList.equals(Object)``"""
    return list_equals(values, other)


@java_method(list, "hashCode")
def list_hash_code(values: List) -> int:
    """``int AbstractList.hashCode()``"""
    return list_hash(values)


# --- arrays (through Velocity's ArrayListWrapper) ---------------------------------

Array = tuple[Any, ...]


@java_method(tuple, "get")
def array_get(values: Array, index: Any) -> Any:
    """``Object ArrayListWrapper.get(int)`` (``Array.get``)."""
    require(is_int(index))
    if not 0 <= index < len(values):
        raise JavaException("java.lang.ArrayIndexOutOfBoundsException", None)
    return values[index]


@java_method(tuple, "set")
def array_set(values: Array, index: Any, value: Any) -> Any:
    """``Object ArrayListWrapper.set(int, Object)`` (``Array.set``). Arrays are immutable
    tuples here: a valid assignment cannot be reproduced."""
    require(is_int(index))
    if not 0 <= index < len(values):
        raise JavaException("java.lang.ArrayIndexOutOfBoundsException", None)
    if value is not None and type(value) is not str and array_class_name(values) == \
            "[Ljava.lang.String;":
        raise JavaException("java.lang.IllegalArgumentException", "array element type mismatch")
    raise UnsupportedJava("changing an element of a Java array (a String[] from split)")


@java_method(tuple, "size")
def array_size(values: Array) -> int:
    """``int ArrayListWrapper.size()``"""
    return len(values)


@java_method(tuple, "isEmpty")
def array_is_empty(values: Array) -> bool:
    """``boolean AbstractCollection.isEmpty()``"""
    return not values


@java_method(tuple, "contains")
def array_contains(values: Array, value: Any) -> bool:
    """``boolean AbstractCollection.contains(Object)``"""
    return index_of(values, value) >= 0


@java_method(tuple, "containsAll")
def array_contains_all(values: Array, other: Any) -> bool:
    """``boolean AbstractCollection.containsAll(Collection)``"""
    if other is None:
        raise npe('Cannot invoke "java.util.Collection.iterator()" because "c" is null')
    require(is_collection(other))
    return all(index_of(values, v) >= 0 for v in other)


@java_method(tuple, "indexOf")
def array_index_of(values: Array, value: Any) -> int:
    """``int AbstractList.indexOf(Object)``"""
    return index_of(values, value)


@java_method(tuple, "lastIndexOf")
def array_last_index_of(values: Array, value: Any) -> int:
    """``int AbstractList.lastIndexOf(Object)``"""
    return last_index_of(values, value)


@java_method(tuple, "subList")
def array_sub_list(values: Array, from_index: Any, to_index: Any) -> List:
    """``List AbstractList.subList(int, int)`` (a copy here, not a view)."""
    require(is_int(from_index) and is_int(to_index))
    check_sub_list(from_index, to_index, len(values))
    return list(values[from_index:to_index])


@java_method(tuple, "iterator")
def array_iterator(values: Array) -> JavaIterator:
    """``Iterator AbstractList.iterator()``"""
    return WrappedArrayIterator(values)


@java_method(tuple, "toArray")
def array_to_array(values: Array) -> ObjectArray:
    """``Object[] AbstractCollection.toArray()``"""
    return ObjectArray(values)


@java_method(tuple, "add")
def array_add(values: Array, first: Any, *rest: Any) -> Any:
    """``add(E)`` / ``add(int, E)``: an array's size is fixed."""
    require(not rest or (len(rest) == 1 and is_int(first)))
    raise unsupported()


@java_method(tuple, "addAll")
def array_add_all(values: Array, first: Any, *rest: Any) -> bool:
    """``addAll(Collection)`` / ``addAll(int, Collection)``: unsupported unless empty."""
    args = (first, *rest)
    require(len(args) == 1 or (len(args) == 2 and is_int(args[0])))
    if len(args) == 2:
        check_index_for_add(args[0], len(values))
    other = args[-1]
    if other is None:
        raise npe('Cannot invoke "java.util.Collection.iterator()" because "c" is null')
    require(is_collection(other))
    if len(other):
        raise unsupported()
    return False


@java_method(tuple, "remove")
def array_remove(values: Array, value: Any) -> bool:
    """``remove(int)`` is unsupported; ``remove(Object)`` is false when absent."""
    if is_int(value) or index_of(values, value) >= 0:
        raise unsupported()
    return False


@java_method(tuple, "clear")
def array_clear(values: Array) -> str:
    """``void AbstractList.clear()``: unsupported unless the array is empty."""
    if values:
        raise unsupported()
    return ""


# An array's own Object methods come before the wrapper's List methods.
java_method(tuple, "toString")(default_to_string)
java_method(tuple, "equals")(identity_equals)
java_method(tuple, "hashCode")(identity_hash_code)


# --- Java 9's immutable collections (List.of, Map.of...), called through an instance ----


def _immutable_factory(owner: type, name: str, what: str, arity: Any, nullary: bool = False) -> None:
    """``List.of``, ``Map.entry``...: Java gives an ``ImmutableCollections`` value (its own
    classes, null-hostile, unmodifiable, a Map.of iterating in a per-JVM random order)
    that this engine does not model. Where the arguments fit Java's overloads (``arity``
    says which counts do) the call is a clear UnsupportedJava error, never a different
    value (probed against the jar: conformance/tools fuzz probes, seed 9300)."""

    def method(receiver: Any, *args: Any) -> Any:
        require(arity(args))
        raise UnsupportedJava(f"{what}.{name}(...) (an immutable Java 9 collection)")

    method.__doc__ = f"static ``{what}.{name}(...)``: UnsupportedJava."
    if not nullary:  # no parameterless overload: arguments that fit nothing are no method
        method.java_nullary = _no_parameterless  # type: ignore[attr-defined]
    java_method(owner, name)(method)


def _is_collection_arg(args: tuple[Any, ...]) -> bool:
    return len(args) == 1 and (args[0] is None or is_collection(args[0]))


def _is_map_arg(args: tuple[Any, ...]) -> bool:
    return len(args) == 1 and (args[0] is None or isinstance(args[0], dict))


_immutable_factory(list, "of", "List", lambda args: True, nullary=True)
_immutable_factory(list, "copyOf", "List", _is_collection_arg)
_immutable_factory(dict, "of", "Map", lambda args: len(args) % 2 == 0 and len(args) <= 20, nullary=True)
_immutable_factory(dict, "entry", "Map", lambda args: len(args) == 2)
_immutable_factory(dict, "ofEntries", "Map", lambda args: all(a is None or isinstance(a, MapEntry) for a in args))
_immutable_factory(dict, "copyOf", "Map", _is_map_arg)

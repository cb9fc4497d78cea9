"""What a template can do to a value: Velocity 1.7's ``UberspectImpl`` on plain values.

Only registered Java methods, map keys and list indexes are reachable. No Python
attribute is ever read (``getattr`` is never used on a value), so ``$x.__class__``,
``$s.upper()`` or ``$d.items()`` behave as a missing Java method or property does
in Velocity: they evaluate to null.

A registered function's Python signature is its arity: positional parameters after
the receiver (defaults for optional ones, ``*args`` for varargs). Velocity 1.7 finds a
parameterless method applicable to any arguments, so ``$map.size(1)`` throws
``IllegalArgumentException: wrong number of arguments`` when no other overload fits;
a function that accepts no arguments is taken to have such an overload (or says so
with a ``java_nullary(receiver)`` attribute).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache, partial
from typing import Any

from vtl.java.iterators import (
    LOOP_ELEMENTS,
    ArrayIterator,
    JavaIterator,
    ListIterator,
    MapValueIterator,
)
from vtl.java.objects import OBJECT_METHODS
from vtl.java.printing import INT_MIN, JavaBigInteger, JavaByte, JavaLong, JavaShort, class_name
from vtl.java.registry import JavaException, NoMatchingSignature, find_method

JavaMethod = Callable[..., Any]
_NOT_ITERABLE = frozenset({str, int, float, bool, type(None), JavaLong, JavaBigInteger, JavaByte, JavaShort})


def method(cls: type, name: str) -> JavaMethod | None:
    """The Java method ``name`` of values of type ``cls``: registered, else Object's.

    ``bool`` is a subclass of ``int`` in Python but Boolean is no Number in Java: an
    Integer method is not a Boolean's."""
    found = find_method(cls, name)
    if cls is bool and found is not None and found is find_method(int, name):
        found = None
    if found is None:
        found = OBJECT_METHODS.get(name)
    return found


@lru_cache(maxsize=2048)
def arity(function: JavaMethod) -> tuple[int, float]:
    """How many template arguments (after the receiver) ``function`` accepts."""
    low = high = 0
    unbounded = False
    parameters = list(inspect.signature(function).parameters.values())[1:]
    for parameter in parameters:
        if parameter.kind is inspect.Parameter.VAR_POSITIONAL:
            unbounded = True
        elif parameter.kind in (inspect.Parameter.POSITIONAL_ONLY,
                                inspect.Parameter.POSITIONAL_OR_KEYWORD):
            high += 1
            if parameter.default is inspect.Parameter.empty:
                low += 1
    return low, (float("inf") if unbounded else high)


@lru_cache(maxsize=4096)
def resolve(cls: type, name: str, count: int) -> JavaMethod | None:
    """How Velocity 1.7 calls ``$obj.name(…)`` with ``count`` arguments on a ``cls`` value:
    a function ``f(obj, *args)``, or None if there is no such method. ``f`` raises
    NoMatchingSignature when no overload fits (the reference is then null) and JavaException
    when the method throws. Cached per (type, name, count): a call costs one lookup."""
    function = method(cls, name)
    if function is None:
        return None
    low, high = arity(function)
    may_be_nullary = low == 0 or hasattr(function, "java_nullary")
    if count < low:
        return None
    if count <= high:
        return partial(_or_nullary, function) if count and may_be_nullary else function
    return partial(_nullary_only, function) if count and may_be_nullary else None


def _or_nullary(function: JavaMethod, obj: Any, *args: Any) -> Any:
    """``function``, falling back to the parameterless-overload rule when no overload
    with arguments fits."""
    try:
        return function(obj, *args)
    except NoMatchingSignature:
        return _nullary_only(function, obj, *args)


def _nullary_only(function: JavaMethod, obj: Any, *args: Any) -> Any:
    """Velocity 1.7's MethodMap finds a parameterless method applicable to any arguments;
    reflection then refuses the call (case velocity/fuzz/nullary-method-with-arguments)."""
    if has_nullary_overload(function, obj):
        raise JavaException("java.lang.IllegalArgumentException", "wrong number of arguments")
    raise NoMatchingSignature


def invoke(obj: Any, name: str, args: tuple[Any, ...] | list[Any]) -> Any:
    """``$obj.name(args)``: the method's result; None if there is no such method or no
    overload fits; ``""`` for a void method. Raises JavaException from the method."""
    if obj is None:
        return None
    cls: type = type(obj)
    function = resolve(cls, name, len(args))
    if function is None:
        return None
    try:
        return function(obj, *args)
    except NoMatchingSignature:
        return None


def has_nullary_overload(function: JavaMethod, obj: Any) -> bool:
    """Whether the Java method has a parameterless overload for this receiver.

    By default, when the function accepts no arguments; a function can say otherwise
    with a ``java_nullary(receiver) -> bool`` attribute (one Python type standing for
    several Java classes, such as ``int`` for Integer and BigInteger).
    """
    nullary = getattr(function, "java_nullary", None)
    if nullary is not None:
        return bool(nullary(obj))
    return arity(function)[0] == 0


def _flip(name: str) -> str:
    """Velocity's convenience: the first character's ASCII case flipped."""
    first = name[:1]
    if "a" <= first <= "z":
        return first.upper() + name[1:]
    if "A" <= first <= "Z":
        return first.lower() + name[1:]
    return name


@lru_cache(maxsize=4096)
def _accessor(cls: type, prefix: str, name: str) -> JavaMethod | None:
    """A zero-argument ``<prefix><name>()`` or ``<prefix><Name>()`` method (or None)."""
    candidates = (prefix + name, prefix + _flip(name))
    for candidate in candidates:
        if issubclass(cls, tuple):
            function = OBJECT_METHODS.get(candidate)  # an array's own methods only
        else:
            function = method(cls, candidate)
        if function is not None and arity(function)[0] == 0:
            return function
    return None


_GETTER, _MAP, _GET_OR_IS, _IS, _NONE = range(5)
Plan = tuple[int, "JavaMethod | None", "JavaMethod | None"]


@lru_cache(maxsize=4096)
def _property_plan(cls: type, name: str) -> Plan:
    """How ``$obj.name`` resolves for values of type ``cls`` (Velocity caches it too)."""
    getter = _accessor(cls, "get", name)
    boolean = _accessor(cls, "is", name)
    if getter is not None:
        return _GETTER, getter, None
    if issubclass(cls, dict):
        return _MAP, method(cls, "get"), None
    if not issubclass(cls, tuple):
        get = method(cls, "get")
        if get is not None and arity(get)[0] <= 1 <= arity(get)[1]:
            return _GET_OR_IS, get, boolean
        if get is not None and arity(get)[1] == 0:
            # Velocity 1.7's GetExecutor takes a zero-argument get() (Optional's) for
            # get("name"); invoking it throws IllegalArgumentException, which
            # ASTIdentifier turns into null: isName() is never tried (case
            # velocity/strings/describe-constable).
            return _NONE, None, None
    if boolean is not None:
        return _IS, boolean, None
    return _NONE, None, None


@lru_cache(maxsize=1024)
def is_plain_get(cls: type) -> bool:
    """Whether ``$obj.get(key)`` with a String key on a ``cls`` value is exactly
    ``obj.get(key)``: a dict subclass keeping dict's ``get`` and Map's Java ``get``."""
    return (issubclass(cls, dict) and cls.get is dict.get
            and method(cls, "get") is method(dict, "get"))


@lru_cache(maxsize=4096)
def is_key_lookup(cls: type, name: str) -> bool:
    """Whether ``$obj.name`` on a ``cls`` value is exactly ``obj.get(name)``: a dict, or a
    dict subclass keeping dict's ``get`` and Map's Java ``get``, with no getter named after
    ``name`` (``class`` is ``getClass()``). Lets callers skip :func:`get_property`."""
    if not issubclass(cls, dict) or cls.get is not dict.get:
        return False
    kind, first, _ = _property_plan(cls, name)
    return kind == _MAP and first is method(dict, "get")


def get_property(obj: Any, name: str) -> Any:
    """``$obj.name``: ``getName()``/``getname()``, then a Map's ``get("name")``, then a
    ``get(String)`` method, then ``isName()``; None if none applies."""
    if obj is None:
        return None
    cls: type = type(obj)
    kind, first, second = _property_plan(cls, name)
    if kind == _MAP:
        if cls is dict:
            return obj.get(name)
        return None if first is None else first(obj, name)
    if first is None:
        return None
    if kind == _GET_OR_IS:
        try:
            return first(obj, name)
        except NoMatchingSignature:
            return None if second is None else second(obj)
    return first(obj)


def _adjust_index(obj: Any, index: Any) -> Any:
    """``ASTIndex.adjMinusIndexArg``: a negative Integer counts from the end (``size()``)."""
    if type(index) is int and INT_MIN <= index < 0:
        size = method(type(obj), "size")
        if size is None or arity(size)[0] != 0:
            raise JavaException(
                "org.apache.velocity.exception.VelocityException",
                f"A 'size()' method required for negative value {index} does not exist for "
                f"class '{class_name(obj)}'")
        return size(obj) + index
    return index


def get_index(obj: Any, index: Any, missing: Any = None) -> Any:
    """``$obj[index]``: ``get(index)`` (List, Map, array); ``missing`` (None) if no
    ``get`` method takes that index, so that a caller can tell it from a ``get`` whose
    result is null.

    Raises JavaException: the Java exception of ``get`` (out of range), or a
    ``VelocityException`` (its message lacks Velocity's `` at <location>``) for a
    negative index on a value without ``size()``.
    """
    if obj is None:
        return missing
    cls: type = type(obj)
    if cls is dict and type(index) is str:
        return obj.get(index)
    index = _adjust_index(obj, index)
    if cls is list and type(index) is int and 0 <= index < len(obj):
        return obj[index]
    get = method(cls, "get")
    if get is None or not arity(get)[0] <= 1 <= arity(get)[1]:
        return missing
    try:
        return get(obj, index)
    except NoMatchingSignature:
        return missing


@lru_cache(maxsize=4096)
def _setters(cls: type, name: str) -> tuple[JavaMethod, ...]:
    """The one-argument ``setName``/``setname`` methods of ``cls``."""
    found = []
    for candidate in ("set" + name, "set" + _flip(name)):
        setter = method(cls, candidate)
        if setter is not None and arity(setter)[0] <= 1 <= arity(setter)[1]:
            found.append(setter)
    return tuple(found)


def set_property(obj: Any, name: str, value: Any) -> bool:
    """``#set($obj.name = value)``: a ``setName(value)`` method, else a Map's ``put``;
    False when the value has neither (a String, a number)."""
    if obj is None:
        return False
    cls: type = type(obj)
    for setter in _setters(cls, name):
        try:
            setter(obj, value)
            return True
        except NoMatchingSignature:
            pass
    if cls is dict:
        obj[name] = value
        return True
    if isinstance(obj, dict):
        put = method(cls, "put")
        if put is not None:
            put(obj, name, value)
            return True
    return False


def set_index(obj: Any, index: Any, value: Any) -> bool:
    """``#set($obj[index] = value)``: ``set(index, value)`` (List, array), else
    ``put(index, value)`` (Map); False if neither fits. Raises the Java exception."""
    if obj is None:
        return False
    cls: type = type(obj)
    index = _adjust_index(obj, index)
    for name in ("set", "put"):
        function = method(cls, name)
        if function is not None and arity(function)[0] <= 2 <= arity(function)[1]:
            try:
                function(obj, index, value)
                return True
            except NoMatchingSignature:
                pass
    return False


def iterate(value: Any) -> Iterable[Any] | None:
    """What ``#foreach`` walks: a Collection's elements, an array's, a Map's values,
    an Iterator, or what a registered ``iterator()`` method returns; None otherwise.

    The result is a :class:`~vtl.java.iterators.JavaIterator`: ``has_next()`` gives
    Java's ``hasNext()`` and a collection changed in the loop fails as in Java.
    """
    cls: type = type(value)
    if cls is list:
        return ListIterator(value)
    if cls is dict:
        return MapValueIterator(value)
    if cls in _NOT_ITERABLE:
        return None
    if isinstance(value, tuple):
        return ArrayIterator(value)
    if isinstance(value, JavaIterator):
        return value
    if isinstance(value, dict):
        return MapValueIterator(value)
    iterator = method(cls, "iterator")
    if iterator is not None and arity(iterator)[0] == 0:
        result = iterator(value)
        if isinstance(result, JavaIterator):
            return result
        return iter(result)  # type: ignore[no-any-return]
    return None


def loop_values(value: Any) -> Sequence[Any] | Iterator[Any] | None:
    """What ``#foreach`` walks when the compiler has checked that the loop body changes no
    collection: the elements as a sequence (``list``/``tuple``) that Python walks in C,
    or, when ``value`` is itself an Iterator the template holds (it must advance as the
    loop runs), that iterator; None when there is nothing to walk.

    Walking the sequence is walking :func:`iterate`'s Java iterator: with no collection
    changed, ``hasNext()`` is "not at the end" and no ``ConcurrentModificationException``
    can occur (:func:`loop_size`).
    """
    cls: type = type(value)
    if cls is list or cls is tuple:
        return value  # type: ignore[no-any-return]
    if cls is dict:
        return [*value.values()]
    elements = LOOP_ELEMENTS.get(cls)
    if elements is not None:
        return elements(value)
    iterator = iterate(value)
    if iterator is None or iterator is value:
        return iterator
    remaining = getattr(iterator, "remaining", None)
    return remaining() if remaining is not None else [*iterator]


def loop_size(values: Sequence[Any] | Iterator[Any]) -> tuple[int, Callable[[], bool] | None]:
    """For :func:`loop_values`' result: ``(length, None)`` for a sequence (the loop's
    ``hasNext`` is then ``count != length``), ``(-1, has_next)`` for an Iterator."""
    has_next = getattr(values, "has_next", None)
    if has_next is not None:
        return -1, has_next
    return len(values), None  # type: ignore[arg-type]

"""``java.util.Optional``: what ``String.describeConstable()`` returns (always present).

No template value is a lambda: the methods taking one accept only null, and throw as
JDK 17 does when they would call it.
"""

from __future__ import annotations

from typing import Any

from vtl.java.objects import hash_code, java_equals, npe, require
from vtl.java.printing import to_string
from vtl.java.registry import JavaException, java_class, java_method
from vtl.java.streams import Stream


class JavaOptional:
    """An ``Optional`` holding ``value`` (None: ``Optional.empty()``)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


java_class(JavaOptional, "java.util.Optional")


@java_method(JavaOptional, "get")
def optional_get(optional: JavaOptional) -> Any:
    """``T get()``"""
    return optional_or_else_throw(optional)


@java_method(JavaOptional, "orElseThrow")
def optional_or_else_throw(optional: JavaOptional, *supplier: Any) -> Any:
    """``T orElseThrow([Supplier exceptionSupplier])``: only a null Supplier can be given,
    unused while a value is present."""
    require(len(supplier) <= 1 and (not supplier or supplier[0] is None))
    if supplier and optional.value is None:
        raise npe('Cannot invoke "java.util.function.Supplier.get()" because "exceptionSupplier" is null')
    if optional.value is None:
        raise JavaException("java.util.NoSuchElementException", "No value present")
    return optional.value


@java_method(JavaOptional, "isPresent")
def optional_is_present(optional: JavaOptional) -> bool:
    """``boolean isPresent()``"""
    return optional.value is not None


@java_method(JavaOptional, "isEmpty")
def optional_is_empty(optional: JavaOptional) -> bool:
    """``boolean isEmpty()``"""
    return optional.value is None


@java_method(JavaOptional, "orElse")
def optional_or_else(optional: JavaOptional, other: Any) -> Any:
    """``T orElse(T other)``"""
    return other if optional.value is None else optional.value


@java_method(JavaOptional, "orElseGet")
def optional_or_else_get(optional: JavaOptional, supplier: Any) -> Any:
    """``T orElseGet(Supplier supplier)``: only null fits, unused while a value is present."""
    require(supplier is None)
    if optional.value is None:
        raise npe('Cannot invoke "java.util.function.Supplier.get()" because "supplier" is null')
    return optional.value


@java_method(JavaOptional, "stream")
def optional_stream(optional: JavaOptional) -> Stream:
    """``Stream<T> stream()``: the value, or nothing."""
    return Stream(0 if optional.value is None else 1)


def _null_only(name: str) -> None:
    """A method taking a lambda that checks it first (``Objects.requireNonNull``): only a
    null argument fits, and it throws ``NullPointerException`` with no message."""

    def method(optional: JavaOptional, function: Any) -> Any:
        require(function is None)
        raise JavaException("java.lang.NullPointerException", None)

    method.__doc__ = f"``Optional {name}(...)``: ``Objects.requireNonNull`` of its function."
    java_method(JavaOptional, name)(method)


for _name in ("map", "flatMap", "filter", "or"):
    _null_only(_name)


@java_method(JavaOptional, "ifPresent")
def optional_if_present(optional: JavaOptional, action: Any) -> str:
    """``void ifPresent(Consumer action)``: only null fits; it is called if a value is there."""
    require(action is None)
    if optional.value is not None:
        raise npe('Cannot invoke "java.util.function.Consumer.accept(Object)" because "action" is null')
    return ""


@java_method(JavaOptional, "ifPresentOrElse")
def optional_if_present_or_else(optional: JavaOptional, action: Any, empty_action: Any) -> str:
    """``void ifPresentOrElse(Consumer action, Runnable emptyAction)``: only nulls fit."""
    require(action is None and empty_action is None)
    if optional.value is not None:
        raise npe('Cannot invoke "java.util.function.Consumer.accept(Object)" because "action" is null')
    raise npe('Cannot invoke "java.lang.Runnable.run()" because "emptyAction" is null')


@java_method(JavaOptional, "empty")
def optional_empty(optional: JavaOptional) -> JavaOptional:
    """``static Optional empty()``"""
    return JavaOptional(None)


@java_method(JavaOptional, "of")
def optional_of(optional: JavaOptional, value: Any) -> JavaOptional:
    """``static Optional of(T value)``: null is ``Objects.requireNonNull``'s exception."""
    if value is None:
        raise JavaException("java.lang.NullPointerException", None)
    return JavaOptional(value)


@java_method(JavaOptional, "ofNullable")
def optional_of_nullable(optional: JavaOptional, value: Any) -> JavaOptional:
    """``static Optional ofNullable(T value)``"""
    return JavaOptional(value)


@java_method(JavaOptional, "equals")
def optional_equals(optional: JavaOptional, other: Any) -> bool:
    """``boolean equals(Object)``: another Optional with an equal value."""
    return type(other) is JavaOptional and java_equals(optional.value, other.value)


@java_method(JavaOptional, "hashCode")
def optional_hash_code(optional: JavaOptional) -> int:
    """``int hashCode()``: ``Objects.hashCode(value)``."""
    return hash_code(optional.value)


@java_method(JavaOptional, "toString")
def optional_to_string(optional: JavaOptional) -> str:
    """``String toString()``: ``Optional[value]`` or ``Optional.empty``."""
    if optional.value is None:
        return "Optional.empty"
    return f"Optional[{to_string(optional.value)}]"

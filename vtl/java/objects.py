"""``java.lang.Object`` semantics on plain values: ``equals``, ``hashCode``, map keys.

Python's ``==`` must never stand in for Java's ``equals``: in Java ``Integer 1``,
``Double 1.0``, ``Long 1`` and ``Boolean true`` are all different, ``0.0`` is not
``-0.0`` and ``NaN`` equals itself. :func:`java_equals` and :func:`hash_code` give
Java's answers; collections (``contains``, ``indexOf``, map keys) use them.

``OBJECT_METHODS`` holds the methods every Java object has (``getClass``,
``hashCode``, ``equals``, ``toString``); method lookup falls back to it.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from vtl.java.printing import (
    INT_TYPES,
    INTEGER,
    LONG,
    LONG_MAX,
    LONG_MIN,
    JavaChar,
    JavaClass,
    class_name,
    default_to_string,
    identity_hash,
    int_kind,
    to_string,
)
from vtl.java.registry import JavaException, NoMatchingSignature, find_method

_PACK_DOUBLE = struct.Struct("<d").pack
_CANONICAL_NAN_BITS = 0x7FF8000000000000


class UnsupportedJava(Exception):
    """A Java behaviour this engine cannot reproduce exactly (never a silent difference)."""


def wrap32(value: int) -> int:
    """Java ``int`` overflow."""
    return ((value + 0x80000000) & 0xFFFFFFFF) - 0x80000000


def double_bits(value: float) -> int:
    """``Double.doubleToLongBits`` (NaN canonicalised), as an unsigned 64-bit int."""
    if math.isnan(value):
        return _CANONICAL_NAN_BITS
    return int.from_bytes(_PACK_DOUBLE(value), "little")


def double_equals(a: float, b: float) -> bool:
    """``Double.equals``: by bits, so NaN equals NaN and 0.0 is not -0.0."""
    if a == b:
        return a != 0.0 or math.copysign(1.0, a) == math.copysign(1.0, b)
    return math.isnan(a) and math.isnan(b)


def java_equals(a: Any, b: Any) -> bool:
    """``Objects.equals(a, b)`` with Java's ``equals`` for each type."""
    cls: type = type(a)
    if cls is str:
        return type(b) is str and a == b
    if a is None:
        return b is None
    if cls is int:
        return type(b) is int and a == b or (type(b) in INT_TYPES and int_equals(a, b))
    if cls is bool:
        return a is b
    if cls is float:
        return type(b) is float and double_equals(a, b)
    if cls in INT_TYPES:  # (int is answered above)
        return type(b) in INT_TYPES and int_equals(a, b)
    if cls is list:
        return list_equals(a, b)
    if cls is dict:
        return map_equals(a, b)
    method = find_method(cls, "equals")
    if method is not None:
        return method(a, b)  # type: ignore[no-any-return]
    return a is b


def list_equals(a: list[Any], b: Any) -> bool:
    """``AbstractList.equals``: ``b`` is a List with equal elements in order."""
    if a is b:
        return True
    if not isinstance(b, list) or len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if x is not y and not java_equals(x, y):
            return False
    return True


def map_equals(a: dict[Any, Any], b: Any) -> bool:
    """``AbstractMap.equals``: ``b`` is a Map with the same mappings."""
    if a is b:
        return True
    if not isinstance(b, dict) or len(a) != len(b):
        return False
    for key, value in a.items():
        found, stored = map_find_key(b, key)
        if not found or not java_equals(value, b[stored]):
            return False
    return True


def string_hash(value: str) -> int:
    """``String.hashCode()`` over UTF-16 code units."""
    h = 0
    if value.isascii():
        for c in value.encode("ascii"):
            h = (31 * h + c) & 0xFFFFFFFF
    else:
        units = value.encode("utf-16-le", "surrogatepass")
        for i in range(0, len(units), 2):
            h = (31 * h + units[i] + (units[i + 1] << 8)) & 0xFFFFFFFF
    return wrap32(h)


def int_equals(a: int, b: int) -> bool:
    """``Integer/Long/BigInteger.equals``: the same class and value."""
    return a == b and int_kind(a) == int_kind(b)


def int_hash(value: int) -> int:
    """``hashCode()`` of an Integer, Long or BigInteger."""
    kind = int_kind(value)
    if kind <= INTEGER:  # Byte and Short too
        return int(value)
    if kind == LONG:
        bits = value & 0xFFFFFFFFFFFFFFFF
        return wrap32(bits ^ (bits >> 32))
    return big_integer_hash(value)


def big_integer_hash(value: int) -> int:
    """``BigInteger.hashCode()``: over the big-endian 32-bit words of the magnitude."""
    magnitude = abs(value)
    words = []
    while magnitude:
        words.append(magnitude & 0xFFFFFFFF)
        magnitude >>= 32
    h = 0
    for word in reversed(words):
        h = (31 * h + word) & 0xFFFFFFFF
    h = wrap32(h)
    return wrap32(-h) if value < 0 else h


def big_decimal_hash(value: Decimal) -> int:
    """``BigDecimal.hashCode()``: ``31 * unscaledValue.hashCode() + scale``."""
    sign, digits, exponent = value.as_tuple()
    unscaled = int("".join(map(str, digits)) or "0")
    if sign:
        unscaled = -unscaled
    scale = -exponent if isinstance(exponent, int) else 0
    if LONG_MIN < unscaled <= LONG_MAX:
        # The compact form: hashes the long, as the JDK does for intCompact.
        magnitude = abs(unscaled)
        temp = wrap32(wrap32(magnitude >> 32) * 31 + (magnitude & 0xFFFFFFFF))
        return wrap32(31 * (-temp if unscaled < 0 else temp) + scale)
    return wrap32(31 * big_integer_hash(unscaled) + scale)


def double_hash(value: float) -> int:
    """``Double.hashCode()``."""
    bits = double_bits(value)
    return wrap32(bits ^ (bits >> 32))


def hash_code(value: Any) -> int:
    """``Objects.hashCode(value)``: Java's ``hashCode()``, 0 for null."""
    cls: type = type(value)
    if cls is str:
        return string_hash(value)
    if value is None:
        return 0
    if cls in INT_TYPES:
        return int_hash(value)
    if cls is bool:
        return 1231 if value else 1237
    if cls is float:
        return double_hash(value)
    if cls is list:
        return list_hash(value)
    if cls is dict:
        return map_hash(value)
    method = find_method(cls, "hashCode")
    if method is not None:
        return method(value)  # type: ignore[no-any-return]
    return identity_hash(value)


def list_hash(values: Any) -> int:
    """``AbstractList.hashCode()``."""
    h = 1
    for element in values:
        h = (31 * h + hash_code(element)) & 0xFFFFFFFF
    return wrap32(h)


def map_hash(mapping: dict[Any, Any]) -> int:
    """``AbstractMap.hashCode()``: the sum of ``key.hashCode() ^ value.hashCode()``."""
    h = 0
    for key, value in mapping.items():
        h += hash_code(key) ^ hash_code(value)
    return wrap32(h)


# Map keys. A Python dict finds keys by Python equality, which is wider than Java's
# (1 == 1.0 == True): a non-String key is looked up by Python first, then confirmed
# with Java's equals. The one key Python cannot find is NaN, hence the scan.


def map_find_key(mapping: dict[Any, Any], key: Any) -> tuple[bool, Any]:
    """Whether ``mapping`` holds a key Java-equal to ``key``, and that stored key."""
    if type(key) is str:
        return (key in mapping), key
    try:
        if key in mapping:
            for stored in mapping:
                if stored is key or java_equals(key, stored):
                    return True, stored
            return False, None
    except TypeError:  # an unhashable key (a list) cannot be in a Python dict
        return False, None
    if isinstance(key, float) and math.isnan(key):  # a Double NaN, or a Float NaN
        for stored in mapping:
            if type(stored) is type(key) and math.isnan(stored):
                return True, stored
    return False, None


def map_get(mapping: dict[Any, Any], key: Any) -> Any:
    """``Map.get(key)`` with Java key equality."""
    if type(key) is str:
        return mapping.get(key)
    found, stored = map_find_key(mapping, key)
    return mapping[stored] if found else None


def map_put(mapping: dict[Any, Any], key: Any, value: Any) -> Any:
    """``Map.put(key, value)`` with Java key equality; returns the previous value."""
    if type(key) is str:
        previous = mapping.get(key)
        mapping[key] = value
        return previous
    found, stored = map_find_key(mapping, key)
    if found:
        previous = mapping[stored]
        mapping[stored] = value
        return previous
    try:
        clash = key in mapping
    except TypeError:
        raise UnsupportedJava(
            f"a {class_name(key)} cannot be a map key here (it is not hashable in Python)"
        ) from None
    if clash:
        raise UnsupportedJava(
            f"the map already has a key equal to {to_string(key)} in Python but not in "
            f"Java; this engine cannot hold both keys"
        )
    mapping[key] = value
    return None


# The methods of java.lang.Object, which every value has.


def object_get_class(value: Any) -> JavaClass:
    """``Class<?> Object.getClass()``"""
    return JavaClass(class_name(value))


def object_hash_code(value: Any) -> int:
    """``int Object.hashCode()``"""
    return hash_code(value)


def object_equals(value: Any, other: Any) -> bool:
    """``boolean Object.equals(Object)``"""
    return java_equals(value, other)


def object_to_string(value: Any) -> str | None:
    """``String Object.toString()``"""
    return to_string(value)


OBJECT_METHODS: dict[str, Callable[..., Any]] = {
    "getClass": object_get_class,
    "hashCode": object_hash_code,
    "equals": object_equals,
    "toString": object_to_string,
}


def identity_equals(value: Any, other: Any) -> bool:
    """``Object.equals``: identity."""
    return value is other


def identity_hash_code(value: Any) -> int:
    """``Object.hashCode``: the identity hash."""
    return identity_hash(value)


def require(condition: bool) -> None:
    """Raise NoMatchingSignature unless ``condition`` (an argument fits the Java type)."""
    if not condition:
        raise NoMatchingSignature


def npe(message: str) -> JavaException:
    """A ``NullPointerException`` with JDK 17's helpful message."""
    return JavaException("java.lang.NullPointerException", message)


def class_cast(value: Any, target: str) -> JavaException:
    """The ``ClassCastException`` JDK 17 throws casting ``value`` to ``target``."""
    source = class_name(value)
    if source.startswith("java."):
        where = f"{source} and {target} are in module java.base of loader 'bootstrap'"
    else:
        where = (f"{source} is in unnamed module of loader 'app'; "
                 f"{target} is in module java.base of loader 'bootstrap'")
    return JavaException(
        "java.lang.ClassCastException", f"class {source} cannot be cast to class {target} ({where})"
    )


__all__ = [
    "OBJECT_METHODS",
    "JavaChar",
    "UnsupportedJava",
    "default_to_string",
    "hash_code",
    "java_equals",
    "map_find_key",
    "map_get",
    "map_put",
]

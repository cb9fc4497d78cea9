"""Methods of ``java.lang.Byte`` (``JavaByte``) and ``java.lang.Short`` (``JavaShort``).

A template meets them through ``byteValue()``/``shortValue()`` and Velocity's arithmetic
on them (``MathUtils.wrapPrimitive`` keeps the narrower class while the result fits:
``vtl/java/printing.py``'s ``make_int``). They are ``int`` subclasses, but have none of
Integer's methods (``own_methods_only``). A ``byte`` parameter takes only a Byte, a
``short`` one a Short or a Byte (Velocity's ``isMethodInvocationConvertible``). Statics
are callable through an instance, as in Velocity. Checked against JDK 17 through the jar:
cases velocity/arithmetic/byte-short-*.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vtl.java.floats import JavaFloat, to_float
from vtl.java.numbers import int_decode, parse_integer
from vtl.java.objects import UnsupportedJava, class_cast, java_equals, npe, require
from vtl.java.printing import INT_MAX, INT_MIN, LONG, JavaByte, JavaShort, make_int
from vtl.java.registry import JavaException, JavaMethod, java_method, own_methods_only

own_methods_only(JavaByte)
own_methods_only(JavaShort)

_NAMES = {JavaByte: "Byte", JavaShort: "Short"}
_BITS = {JavaByte: 8, JavaShort: 16}


def _fits(cls: type, value: Any) -> bool:
    """``value`` fits a ``byte`` (``cls`` JavaByte) or ``short`` (JavaShort) parameter."""
    kind = type(value)
    return kind is cls or (cls is JavaShort and kind is JavaByte)


def _int_arg(value: Any) -> bool:
    """``value`` fits an ``int`` parameter."""
    return type(value) is int and INT_MIN <= value <= INT_MAX or type(value) in _NAMES


def _parse(cls: type, text: Any, radix: Any) -> Any:
    """``Byte.parseByte``/``Short.parseShort``: ``Integer.parseInt``, then the range."""
    require(text is None or type(text) is str)
    value = parse_integer(text, radix, INT_MIN, INT_MAX)
    half = 1 << (_BITS[cls] - 1)
    if not -half <= value < half:
        raise JavaException("java.lang.NumberFormatException",
                            f'Value out of range. Value:"{text}" Radix:{radix}')
    return cls(value)


def _register(cls: type) -> None:
    """Register Byte's or Short's methods for ``cls``."""
    name = _NAMES[cls]
    mask = (1 << _BITS[cls]) - 1

    def method(java_name: str) -> Callable[[JavaMethod], JavaMethod]:
        return java_method(cls, java_name)

    @method(f"{name.lower()}Value")
    def own_value(value: int) -> Any:
        """``byteValue()`` of a Byte, ``shortValue()`` of a Short: the value itself."""
        return value

    @method("byteValue" if cls is JavaShort else "shortValue")
    def other_value(value: int) -> Any:
        """``shortValue()`` of a Byte, ``byteValue()`` of a Short (the low 8 bits)."""
        if cls is JavaShort:
            return JavaByte(((value + 0x80) & 0xFF) - 0x80)
        return JavaShort(int(value))

    @method("intValue")
    def int_value(value: int) -> int:
        """``int intValue()``"""
        return int(value)

    @method("longValue")
    def long_value(value: int) -> int:
        """``long longValue()``: a Long."""
        return make_int(int(value), LONG)

    @method("floatValue")
    def float_value(value: int) -> JavaFloat:
        """``float floatValue()``"""
        return JavaFloat(to_float(int(value)))

    @method("doubleValue")
    def double_value(value: int) -> float:
        """``double doubleValue()``"""
        return float(value)

    @method("toString")
    def to_string(value: int, *args: Any) -> str:
        """``String toString()``; static ``toString(byte|short)``."""
        require(len(args) <= 1 and (not args or _fits(cls, args[0])))
        return str(int(args[0] if args else value))

    @method("hashCode")
    def hash_code(value: int, *args: Any) -> int:
        """``int hashCode()``; static ``hashCode(byte|short)``: the value."""
        require(len(args) <= 1 and (not args or _fits(cls, args[0])))
        return int(args[0] if args else value)

    @method("equals")
    def equals(value: int, other: Any) -> bool:
        """``boolean equals(Object)``: the same class and value."""
        return java_equals(value, other)

    @method("compareTo")
    def compare_to(value: int, other: Any) -> int:
        """``int compareTo(Byte|Short)``: another class is a ClassCastException."""
        if other is None:
            raise npe(f'Cannot read field "value" because "another{name}" is null')
        if not isinstance(other, int) or type(other) is not cls:
            raise class_cast(other, f"java.lang.{name}")
        return int(value) - int(other)

    @method("compare")
    def compare(value: int, x: Any, y: Any) -> int:
        """static ``int compare(byte x, byte y)``: ``x - y``."""
        require(_fits(cls, x) and _fits(cls, y))
        return int(x) - int(y)

    @method("compareUnsigned")
    def compare_unsigned(value: int, x: Any, y: Any) -> int:
        """static ``int compareUnsigned(byte x, byte y)``"""
        require(_fits(cls, x) and _fits(cls, y))
        return (int(x) & mask) - (int(y) & mask)

    @method("toUnsignedInt")
    def to_unsigned_int(value: int, x: Any) -> int:
        """static ``int toUnsignedInt(byte x)``"""
        require(_fits(cls, x))
        return int(x) & mask

    @method("toUnsignedLong")
    def to_unsigned_long(value: int, x: Any) -> int:
        """static ``long toUnsignedLong(byte x)``: a Long."""
        require(_fits(cls, x))
        return make_int(int(x) & mask, LONG)

    @method(f"parse{name}")
    def parse(value: int, text: Any, *radix: Any) -> Any:
        """static ``byte parseByte(String s[, int radix])``"""
        require(len(radix) <= 1 and (not radix or _int_arg(radix[0])))
        return _parse(cls, text, radix[0] if radix else 10)

    @method("valueOf")
    def value_of(value: int, arg: Any, *radix: Any) -> Any:
        """static ``valueOf(byte)``, ``valueOf(String[, int radix])``"""
        if not radix and _fits(cls, arg):
            return cls(int(arg))
        require(len(radix) <= 1 and (not radix or _int_arg(radix[0])))
        return _parse(cls, arg, radix[0] if radix else 10)

    @method("decode")
    def decode(value: int, text: Any) -> Any:
        """static ``decode(String)``: ``Integer.decode``, then the range."""
        number = int_decode(0, text)
        half = (mask + 1) >> 1
        if not -half <= number < half:
            raise JavaException("java.lang.NumberFormatException",
                                f"Value {number} out of range from input {text}")
        return cls(number)

    @method("describeConstable")
    def describe_constable(value: int) -> Any:
        """``Optional<DynamicConstantDesc> describeConstable()``: a constant description
        this engine has no model of."""
        raise UnsupportedJava(f"{name}.describeConstable() (a java.lang.constant.DynamicConstantDesc)")


@java_method(JavaShort, "reverseBytes")
def short_reverse_bytes(value: int, x: Any) -> JavaShort:
    """static ``short Short.reverseBytes(short x)``"""
    require(type(x) is JavaShort or type(x) is JavaByte)
    bits = int(x) & 0xFFFF
    swapped = ((bits & 0xFF) << 8) | (bits >> 8)
    return JavaShort(swapped - 0x10000 if swapped >= 0x8000 else swapped)


_register(JavaByte)
_register(JavaShort)

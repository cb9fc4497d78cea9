"""Methods of ``Integer``/``Long``/``BigInteger`` (``int``), ``Double`` (``float``),
``Boolean`` (``bool``) and ``BigDecimal`` (``Decimal``).

A Python ``int`` is an Integer, a Long or a BigInteger by magnitude, so the methods
check which class the receiver is: ``parseInt`` exists on an Integer, ``parseLong``
on a Long. Static methods are callable through an instance, as in Velocity
(``#set($i = 0)$i.parseInt("42")``).
"""

from __future__ import annotations

import math
import re
import struct
import unicodedata
from decimal import Decimal
from typing import Any

from vtl.java.doubles import double_to_string
from vtl.java.limits import check_digits
from vtl.java.objects import (
    UnsupportedJava,
    big_decimal_hash,
    class_cast,
    double_equals,
    double_hash,
    int_hash,
    java_equals,
    npe,
    require,
    wrap32,
)
from vtl.java.optional import JavaOptional
from vtl.java.printing import (
    BIG_INTEGER,
    INT_MAX,
    INT_MIN,
    INT_TYPES,
    LONG,
    LONG_MAX,
    LONG_MIN,
    JavaByte,
    JavaShort,
    fits_int,
    int_class_name,
    int_kind,
    int_to_string,
    make_int,
)
from vtl.java.registry import JavaException, java_method


def is_integer(value: Any) -> bool:
    """The receiver is a ``java.lang.Integer``, or the argument fits an ``int`` parameter
    (a Short or Byte does: Velocity widens them; a Byte or Short receiver has its own
    methods, vtl/java/small_ints.py)."""
    return fits_int(value)


def is_long(value: Any) -> bool:
    """The value is a ``java.lang.Long``."""
    return type(value) in INT_TYPES and int_kind(value) == LONG


def is_big_integer(value: Any) -> bool:
    """The value is a ``java.math.BigInteger``."""
    return type(value) in INT_TYPES and int_kind(value) == BIG_INTEGER


def fits_long(value: Any) -> bool:
    """The value fits a Java ``long`` parameter (an Integer or a Long)."""
    return type(value) in INT_TYPES and int_kind(value) != BIG_INTEGER


def fits_double(value: Any) -> bool:
    """The value fits a Java ``double`` parameter (an Integer, Long, Float or Double: a
    ``JavaFloat`` is a ``float``)."""
    return isinstance(value, float) or fits_long(value)


def wrap64(value: int) -> int:
    """Java ``long`` overflow."""
    return ((value + 0x8000000000000000) & 0xFFFFFFFFFFFFFFFF) - 0x8000000000000000


def d2i(value: float) -> int:
    """Java's ``(int) double``: truncating, saturating, NaN is 0."""
    if math.isnan(value):
        return 0
    if value >= INT_MAX:
        return INT_MAX
    if value <= INT_MIN:
        return INT_MIN
    return int(value)


def d2l(value: float) -> int:
    """Java's ``(long) double``: truncating, saturating, NaN is 0."""
    if math.isnan(value):
        return 0
    if value >= 9.223372036854775807e18:
        return LONG_MAX
    if value <= -9.223372036854775808e18:
        return LONG_MIN
    return int(value)


def int_to_double(value: int) -> float:
    """``longValue``/``BigInteger.doubleValue()`` as a double (Infinity when too big)."""
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


def number_class(value: int) -> str:
    """``java.lang.Integer``, ``java.lang.Long`` or ``java.math.BigInteger``."""
    return int_class_name(value)


# --- parsing (Integer.parseInt, Long.parseLong, Double.parseDouble) ----------------


def char_digit(char: str, radix: int) -> int:
    """``Character.digit(char, radix)`` for one UTF-16 code unit."""
    code = ord(char)
    if 48 <= code <= 57:
        value = code - 48
    elif 97 <= code <= 122 or 65 <= code <= 90:
        value = (code | 32) - 87
    elif 0xFF21 <= code <= 0xFF3A:
        value = code - 0xFF21 + 10
    elif 0xFF41 <= code <= 0xFF5A:
        value = code - 0xFF41 + 10
    elif code > 0x7F and code <= 0xFFFF and unicodedata.category(char) == "Nd":
        value = unicodedata.decimal(char, -1)
    else:
        return -1
    return value if value < radix else -1


def _for_input_string(text: str, radix: int) -> JavaException:
    suffix = "" if radix == 10 else f" under radix {radix}"
    return JavaException("java.lang.NumberFormatException", f'For input string: "{text}"{suffix}')


def parse_integer(text: Any, radix: Any, low: int, high: int) -> int:
    """``Integer.parseInt``/``Long.parseLong`` (``low``/``high`` are the type's bounds)."""
    if text is None:
        raise JavaException("java.lang.NumberFormatException", "Cannot parse null string")
    if radix < 2:
        raise JavaException("java.lang.NumberFormatException",
                            f"radix {radix} less than Character.MIN_RADIX")
    if radix > 36:
        raise JavaException("java.lang.NumberFormatException",
                            f"radix {radix} greater than Character.MAX_RADIX")
    units = _utf16_units(text)
    if not units:
        raise _for_input_string(text, radix)
    sign, start = 1, 0
    if units[0] < "0":
        if units[0] == "-":
            sign = -1
        elif units[0] != "+":
            raise _for_input_string(text, radix)
        if len(units) == 1:
            raise _for_input_string(text, radix)
        start = 1
    value = 0
    for char in units[start:]:
        digit = char_digit(char, radix)
        if digit < 0:
            raise _for_input_string(text, radix)
        value = value * radix + digit
        if sign * value < low or sign * value > high:
            raise _for_input_string(text, radix)
    return sign * value


def _utf16_units(text: str) -> str:
    """``text`` with each supplementary character as its two surrogate code units."""
    if text.isascii():
        return text
    data = text.encode("utf-16-le", "surrogatepass")
    return "".join(chr(data[i] | data[i + 1] << 8) for i in range(0, len(data), 2))


_DECIMAL = re.compile(
    r"[+-]?(?:NaN|Infinity|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?[fFdD]?)")
_HEX = re.compile(
    r"([+-]?)0[xX]((?:[0-9a-fA-F]+\.?)|(?:[0-9a-fA-F]*\.[0-9a-fA-F]+))[pP]([+-]?[0-9]+)[fFdD]?")
_TRIM = "".join(map(chr, range(0x21)))


def parse_double(text: Any) -> float:
    """``Double.parseDouble(String)`` (``FloatingDecimal.readJavaFormatString``)."""
    if text is None:
        raise npe('Cannot invoke "String.trim()" because "in" is null')
    trimmed = text.strip(_TRIM)
    if not trimmed:
        raise JavaException("java.lang.NumberFormatException", "empty String")
    if _DECIMAL.fullmatch(trimmed):
        body = trimmed.rstrip("fFdD") if trimmed[-1] in "fFdD" else trimmed
        if body.lstrip("+-") == "NaN":
            return math.nan
        if body.lstrip("+-") == "Infinity":
            return -math.inf if body[0] == "-" else math.inf
        return float(body)
    hex_match = _HEX.fullmatch(trimmed)
    if hex_match:
        sign, mantissa, exponent = hex_match.groups()
        return float.fromhex(f"{sign}0x{mantissa}p{exponent}")
    raise JavaException("java.lang.NumberFormatException", f'For input string: "{trimmed}"')


def _radix_string(value: int, radix: int) -> str:
    """``Long.toString(long, radix)``/``BigInteger.toString(radix)``: lower-case digits."""
    if radix < 2 or radix > 36:
        radix = 10
    if radix == 10:
        return int_to_string(value)
    sign, value = ("-", -value) if value < 0 else ("", value)
    return sign + _magnitude_digits(value, radix)


_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
_FORMATS = {2: "b", 8: "o", 16: "x"}


def _magnitude_digits(value: int, radix: int) -> str:
    """``value`` (>= 0) in ``radix``: Python's formatting for 2, 8 and 16; otherwise split
    in halves by a power of the radix (a digit at a time is quadratic: minutes for a
    BigInteger of a hundred thousand digits)."""
    if radix in _FORMATS:
        return format(value, _FORMATS[radix])
    if value.bit_length() > 512:
        half = int(value.bit_length() / math.log2(radix)) // 2
        high, low = divmod(value, radix**half)
        return _magnitude_digits(high, radix) + _magnitude_digits(low, radix).rjust(half, "0")
    out = []
    while True:
        value, digit = divmod(value, radix)
        out.append(_DIGITS[digit])
        if not value:
            break
    return "".join(reversed(out))


def _unsigned_string(value: int, bits: int, shift: int) -> str:
    """``Integer.toHexString`` and friends: the two's complement bits, unsigned."""
    value &= (1 << bits) - 1
    return _radix_string(value, 1 << shift)


# --- Integer, Long, BigInteger (int) -----------------------------------------------


@java_method(int, "toString")
def int_to_string_method(value: int, *args: Any) -> str:
    """``String toString()``; static ``Integer.toString(int[, int radix])``,
    ``Long.toString(long[, int radix])``; ``BigInteger.toString(int radix)``."""
    if not args:
        return int_to_string(value)
    if is_big_integer(value):
        require(len(args) == 1 and is_integer(args[0]))
        return _radix_string(value, args[0])
    fits = is_integer if is_integer(value) else fits_long
    require(len(args) <= 2 and fits(args[0]) and (len(args) == 1 or is_integer(args[1])))
    return _radix_string(args[0], args[1] if len(args) == 2 else 10)


@java_method(int, "intValue")
def int_int_value(value: int) -> int:
    """``int Number.intValue()`` (the low 32 bits)."""
    return wrap32(value)


def _narrow(value: int, bits: int) -> int:
    """Java's narrowing to ``byte`` (8 bits) or ``short`` (16)."""
    half = 1 << (bits - 1)
    return ((value + half) & ((1 << bits) - 1)) - half


@java_method(int, "byteValue")
def int_byte_value(value: int) -> JavaByte:
    """``byte Number.byteValue()`` (the low 8 bits, signed)."""
    return JavaByte(_narrow(value, 8))


@java_method(int, "shortValue")
def int_short_value(value: int) -> JavaShort:
    """``short Number.shortValue()`` (the low 16 bits, signed)."""
    return JavaShort(_narrow(value, 16))


@java_method(float, "byteValue")
def double_byte_value(value: float) -> JavaByte:
    """``byte Double.byteValue()``: ``(byte) (int) value``."""
    return JavaByte(_narrow(d2i(value), 8))


@java_method(float, "shortValue")
def double_short_value(value: float) -> JavaShort:
    """``short Double.shortValue()``: ``(short) (int) value``."""
    return JavaShort(_narrow(d2i(value), 16))


@java_method(int, "longValue")
def int_long_value(value: int) -> int:
    """``long Number.longValue()`` (the low 64 bits)."""
    return make_int(wrap64(value), LONG)


@java_method(int, "doubleValue")
def int_double_value(value: int) -> float:
    """``double Number.doubleValue()``"""
    return int_to_double(value)


@java_method(int, "equals")
def int_equals(value: int, other: Any) -> bool:
    """``boolean equals(Object)``: same class and value (``Integer 1`` is not ``Long 1``)."""
    return java_equals(value, other)


@java_method(int, "hashCode")
def int_hash_code(value: int, *args: Any) -> int:
    """``int hashCode()``; static ``Integer.hashCode(int)``, ``Long.hashCode(long)``."""
    if not args:
        return int_hash(value)
    require(not is_big_integer(value) and len(args) == 1)
    require((is_integer if is_integer(value) else fits_long)(args[0]))
    if is_integer(value):
        return args[0]  # type: ignore[no-any-return]
    bits = args[0] & 0xFFFFFFFFFFFFFFFF
    return wrap32(bits ^ (bits >> 32))


@java_method(int, "compareTo")
def int_compare_to(value: int, other: Any) -> int:
    """``int compareTo(Integer|Long|BigInteger)``; another class is a ClassCastException."""
    if other is None:
        field = "anotherInteger" if is_integer(value) else "anotherLong"
        if is_big_integer(value):
            raise npe('Cannot read field "signum" because "val" is null')
        raise npe(f'Cannot read field "value" because "{field}" is null')
    own = number_class(value)
    if type(other) not in INT_TYPES or number_class(other) != own:
        raise class_cast(other, own)
    return int(value > other) - int(value < other)


def _same_class(receiver: int, result: int) -> int:
    """A static method's ``int``/``long`` result, as the receiver's class declares it."""
    return int(result) if is_integer(receiver) else make_int(result, LONG)


def _static_int_args(value: int, count: int, *args: Any) -> None:
    """Require ``count`` arguments of the receiver's primitive type (int or long)."""
    fits = is_integer if is_integer(value) else fits_long
    require(not is_big_integer(value) and len(args) == count and all(fits(a) for a in args))


@java_method(int, "parseInt")
def int_parse_int(value: int, text: Any, *radix: Any) -> int:
    """static ``int Integer.parseInt(String s[, int radix])`` and
    ``parseInt(CharSequence s, int beginIndex, int endIndex, int radix)``"""
    require(is_integer(value) and (text is None or type(text) is str))
    if len(radix) == 3:
        return _parse_signed_sequence(text, radix, INT_MIN, INT_MAX)
    require(len(radix) == 0 or (len(radix) == 1 and is_integer(radix[0])))
    return parse_integer(text, radix[0] if radix else 10, INT_MIN, INT_MAX)


@java_method(int, "parseLong")
def int_parse_long(value: int, text: Any, *radix: Any) -> int:
    """static ``long Long.parseLong(String s[, int radix])`` and
    ``parseLong(CharSequence s, int beginIndex, int endIndex, int radix)``"""
    require(is_long(value) and (text is None or type(text) is str))
    if len(radix) == 3:
        return make_int(_parse_signed_sequence(text, radix, LONG_MIN, LONG_MAX), LONG)
    require(len(radix) == 0 or (len(radix) == 1 and is_integer(radix[0])))
    return make_int(parse_integer(text, radix[0] if radix else 10, LONG_MIN, LONG_MAX), LONG)


def _parse_signed_sequence(text: Any, bounds: tuple[Any, ...], low: int, high: int) -> int:
    """``parseInt``/``parseLong(CharSequence, int, int, int)``; an empty range is
    Integer's "For input string" but Long's bare NumberFormatException (JDK 17)."""
    units, begin, end, radix = _sequence_bounds(text, bounds)
    if begin == end:
        _check_radix(radix)
        raise _for_input_string("", radix) if high == INT_MAX else _nfe("")
    return _parse_sequence(units, begin, end, radix, low, high)


@java_method(int, "valueOf")
def int_value_of(value: int, arg: Any, *radix: Any) -> int:
    """static ``Integer.valueOf(int|String[, int radix])``, ``Long.valueOf(long|String[, int])``,
    ``BigInteger.valueOf(long)``."""
    if is_big_integer(value):
        require(fits_long(arg) and not radix)
        return make_int(arg, BIG_INTEGER)
    integer = is_integer(value)
    if type(arg) in INT_TYPES and not radix:
        require(is_integer(arg) if integer else fits_long(arg))
        return int(arg) if integer else make_int(arg, LONG)
    require(arg is None or type(arg) is str)
    require(len(radix) == 0 or (len(radix) == 1 and is_integer(radix[0])))
    if integer:
        return parse_integer(arg, radix[0] if radix else 10, INT_MIN, INT_MAX)
    return make_int(parse_integer(arg, radix[0] if radix else 10, LONG_MIN, LONG_MAX), LONG)


def _big_integer_argument(args: tuple[Any, ...]) -> int:
    """The one BigInteger argument of ``BigInteger.max``/``min`` (null: the JDK's NPE)."""
    require(len(args) == 1)
    if args[0] is None:
        raise npe('Cannot read field "signum" because "val" is null')
    require(is_big_integer(args[0]))
    return int(args[0])


@java_method(int, "max")
def int_max(value: int, *args: Any) -> int:
    """static ``Integer.max(int, int)``, ``Long.max(long, long)``; ``BigInteger.max(BigInteger)``"""
    if is_big_integer(value):
        return make_int(max(int(value), _big_integer_argument(args)), BIG_INTEGER)
    _static_int_args(value, 2, *args)
    return _same_class(value, max(args))


@java_method(int, "min")
def int_min(value: int, *args: Any) -> int:
    """static ``Integer.min(int, int)``, ``Long.min(long, long)``; ``BigInteger.min(BigInteger)``"""
    if is_big_integer(value):
        return make_int(min(int(value), _big_integer_argument(args)), BIG_INTEGER)
    _static_int_args(value, 2, *args)
    return _same_class(value, min(args))


# Neither max nor min has a parameterless overload (the *args above would say otherwise).
int_max.java_nullary = int_min.java_nullary = lambda _value: False  # type: ignore[attr-defined]


@java_method(int, "sum")
def int_sum(value: int, a: Any, b: Any) -> int:
    """static ``Integer.sum(int, int)`` (overflows), ``Long.sum(long, long)``"""
    _static_int_args(value, 2, a, b)
    return wrap32(a + b) if is_integer(value) else make_int(wrap64(a + b), LONG)


@java_method(int, "compare")
def int_compare(value: int, a: Any, b: Any) -> int:
    """static ``Integer.compare(int, int)``, ``Long.compare(long, long)``"""
    _static_int_args(value, 2, a, b)
    return (a > b) - (a < b)  # type: ignore[no-any-return]


@java_method(int, "signum")
def int_signum(value: int, *args: Any) -> int:
    """``int BigInteger.signum()``; static ``Integer.signum(int)``, ``Long.signum(long)``"""
    if is_big_integer(value):
        require(not args)
        return (value > 0) - (value < 0)  # 0 for a zero BigInteger ($x - $x)
    _static_int_args(value, 1, *args)
    return (args[0] > 0) - (args[0] < 0)  # type: ignore[no-any-return]


int_signum.java_nullary = is_big_integer  # type: ignore[attr-defined]


def _unsigned_method(shift: int) -> Any:
    def method(value: int, arg: Any) -> str:
        _static_int_args(value, 1, arg)
        return _unsigned_string(arg, 32 if is_integer(value) else 64, shift)

    return method


_HEX_DOC = "static ``Integer.to{}String(int)``, ``Long.to{}String(long)``: unsigned digits."
for _name, _shift in (("Hex", 4), ("Octal", 3), ("Binary", 1)):
    _method = _unsigned_method(_shift)
    _method.__doc__ = _HEX_DOC.format(_name, _name)
    _method.__name__ = f"int_to_{_name.lower()}_string"
    java_method(int, f"to{_name}String")(_method)


@java_method(int, "negate")
def int_negate(value: int) -> int:
    """``BigInteger BigInteger.negate()``"""
    require(is_big_integer(value))
    return make_int(-value, BIG_INTEGER)


@java_method(int, "abs")
def int_abs(value: int) -> int:
    """``BigInteger BigInteger.abs()``"""
    require(is_big_integer(value))
    return make_int(abs(value), BIG_INTEGER)


# --- Double (float) ----------------------------------------------------------------


def _double(value: Any) -> float:
    """A ``double`` argument (Integer, Long and Double widen; others do not fit)."""
    require(fits_double(value))
    return float(value)


def double_compare(a: float, b: float) -> int:
    """``Double.compare``: -0.0 < 0.0, NaN is the greatest and equals itself."""
    if a < b:
        return -1
    if a > b:
        return 1
    if a == b and a != 0.0:
        return 0
    a_bits, b_bits = _signed_bits(a), _signed_bits(b)
    return (a_bits > b_bits) - (a_bits < b_bits)


def _signed_bits(value: float) -> int:
    """``Double.doubleToLongBits`` as a signed long (NaN canonicalised)."""
    if math.isnan(value):
        return 0x7FF8000000000000
    return int.from_bytes(struct.pack(">d", value), "big", signed=True)


@java_method(float, "toString")
def double_to_string_method(value: float, *args: Any) -> str:
    """``String toString()``; static ``Double.toString(double)``."""
    if not args:
        return double_to_string(value)
    require(len(args) == 1)
    return double_to_string(_double(args[0]))


@java_method(float, "intValue")
def double_int_value(value: float) -> int:
    """``int Double.intValue()`` (truncating, saturating)."""
    return d2i(value)


@java_method(float, "longValue")
def double_long_value(value: float) -> int:
    """``long Double.longValue()`` (truncating, saturating)."""
    return make_int(d2l(value), LONG)


@java_method(float, "doubleValue")
def double_double_value(value: float) -> float:
    """``double Double.doubleValue()``"""
    return value


@java_method(float, "isNaN")
def double_is_nan(value: float, *args: Any) -> bool:
    """``boolean isNaN()``; static ``Double.isNaN(double)``."""
    require(len(args) <= 1)
    v = _double(args[0]) if args else value
    return math.isnan(v)


@java_method(float, "isInfinite")
def double_is_infinite(value: float, *args: Any) -> bool:
    """``boolean isInfinite()``; static ``Double.isInfinite(double)``."""
    require(len(args) <= 1)
    return math.isinf(_double(args[0]) if args else value)


@java_method(float, "isFinite")
def double_is_finite(value: float, arg: Any) -> bool:
    """static ``boolean Double.isFinite(double)``."""
    return math.isfinite(_double(arg))


@java_method(float, "equals")
def double_equals_method(value: float, other: Any) -> bool:
    """``boolean Double.equals(Object)``: a Double with the same bits."""
    return type(other) is float and double_equals(value, other)


@java_method(float, "hashCode")
def double_hash_code(value: float, *args: Any) -> int:
    """``int hashCode()``; static ``Double.hashCode(double)``."""
    require(len(args) <= 1)
    return double_hash(_double(args[0]) if args else value)


@java_method(float, "compareTo")
def double_compare_to(value: float, other: Any) -> int:
    """``int Double.compareTo(Double)``"""
    if other is None:
        raise npe('Cannot read field "value" because "anotherDouble" is null')
    if type(other) is not float:
        raise class_cast(other, "java.lang.Double")
    return double_compare(value, other)


@java_method(float, "compare")
def double_compare_static(value: float, a: Any, b: Any) -> int:
    """static ``int Double.compare(double, double)``"""
    return double_compare(_double(a), _double(b))


@java_method(float, "parseDouble")
def double_parse_double(value: float, text: Any) -> float:
    """static ``double Double.parseDouble(String)``"""
    require(text is None or type(text) is str)
    return parse_double(text)


@java_method(float, "valueOf")
def double_value_of(value: float, arg: Any) -> float:
    """static ``Double.valueOf(double|String)``"""
    if arg is None or type(arg) is str:
        return parse_double(arg)
    return _double(arg)


@java_method(float, "max")
def double_max(value: float, a: Any, b: Any) -> float:
    """static ``double Double.max(double, double)`` (``Math.max``: NaN wins, -0.0 < 0.0)."""
    x, y = _double(a), _double(b)
    if math.isnan(x) or math.isnan(y):
        return math.nan
    return x if double_compare(x, y) >= 0 else y


@java_method(float, "min")
def double_min(value: float, a: Any, b: Any) -> float:
    """static ``double Double.min(double, double)`` (``Math.min``: NaN wins, -0.0 < 0.0)."""
    x, y = _double(a), _double(b)
    if math.isnan(x) or math.isnan(y):
        return math.nan
    return x if double_compare(x, y) <= 0 else y


@java_method(float, "sum")
def double_sum(value: float, a: Any, b: Any) -> float:
    """static ``double Double.sum(double, double)``"""
    return _double(a) + _double(b)


# --- Boolean (bool) ----------------------------------------------------------------


def _boolean(value: Any) -> bool:
    require(type(value) is bool)
    return value  # type: ignore[no-any-return]


@java_method(bool, "toString")
def bool_to_string(value: bool, *args: Any) -> str:
    """``String toString()``; static ``Boolean.toString(boolean)``."""
    require(len(args) <= 1)
    v = _boolean(args[0]) if args else value
    return "true" if v else "false"


@java_method(bool, "booleanValue")
def bool_boolean_value(value: bool) -> bool:
    """``boolean Boolean.booleanValue()``"""
    return value


@java_method(bool, "equals")
def bool_equals(value: bool, other: Any) -> bool:
    """``boolean Boolean.equals(Object)``"""
    return value is other


@java_method(bool, "hashCode")
def bool_hash_code(value: bool, *args: Any) -> int:
    """``int hashCode()``; static ``Boolean.hashCode(boolean)``: 1231 or 1237."""
    require(len(args) <= 1)
    return 1231 if (_boolean(args[0]) if args else value) else 1237


@java_method(bool, "compareTo")
def bool_compare_to(value: bool, other: Any) -> int:
    """``int Boolean.compareTo(Boolean)``"""
    if other is None:
        raise npe('Cannot read field "value" because "b" is null')
    if type(other) is not bool:
        raise class_cast(other, "java.lang.Boolean")
    return int(value) - int(other)


@java_method(bool, "compare")
def bool_compare(value: bool, a: Any, b: Any) -> int:
    """static ``int Boolean.compare(boolean, boolean)``"""
    return int(_boolean(a)) - int(_boolean(b))


@java_method(bool, "parseBoolean")
def bool_parse_boolean(value: bool, text: Any) -> bool:
    """static ``boolean Boolean.parseBoolean(String)``: true only for "true" in any case."""
    require(text is None or type(text) is str)
    return text is not None and len(text) == 4 and text.lower() == "true"


@java_method(bool, "valueOf")
def bool_value_of(value: bool, arg: Any) -> bool:
    """static ``Boolean.valueOf(boolean|String)``"""
    if type(arg) is bool:
        return arg
    return bool_parse_boolean(value, arg)


@java_method(bool, "logicalAnd")
def bool_logical_and(value: bool, a: Any, b: Any) -> bool:
    """static ``boolean Boolean.logicalAnd(boolean, boolean)`` (both must be Booleans)."""
    x, y = _boolean(a), _boolean(b)
    return x and y


@java_method(bool, "logicalOr")
def bool_logical_or(value: bool, a: Any, b: Any) -> bool:
    """static ``boolean Boolean.logicalOr(boolean, boolean)`` (both must be Booleans)."""
    x, y = _boolean(a), _boolean(b)
    return x or y


@java_method(bool, "logicalXor")
def bool_logical_xor(value: bool, a: Any, b: Any) -> bool:
    """static ``boolean Boolean.logicalXor(boolean, boolean)``"""
    return _boolean(a) != _boolean(b)


# --- BigDecimal (Decimal) ----------------------------------------------------------


@java_method(Decimal, "toString")
def decimal_to_string(value: Decimal) -> str:
    """``String BigDecimal.toString()`` (scientific notation as Java chooses it)."""
    return str(value)


@java_method(Decimal, "toPlainString")
def decimal_to_plain_string(value: Decimal) -> str:
    """``String BigDecimal.toPlainString()`` (a number of more digits than the render's
    limit is its error: ``1E+2147483647`` would be two billion of them, and so would the
    zeros after the point of ``1E-2147483647``)."""
    _, digits, exponent = value.as_tuple()
    if isinstance(exponent, int):
        check_digits(max(len(digits) + exponent, 1) + max(-exponent, 0))
    return f"{value:f}"


def _low_bits(value: Decimal) -> int:
    """``value`` truncated to an integer, as far as its low 64 bits go: a value times 10**64
    or more has them all zero (10**64 is a multiple of 2**64), as JDK 17's ``longValue``
    answers at once for ``scale <= -64``; making the whole integer of ``1E+2147483647``
    would take hours (found by the hostile fuzzer)."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent >= 64:
        return 0
    return int(value)


@java_method(Decimal, "intValue")
def decimal_int_value(value: Decimal) -> int:
    """``int BigDecimal.intValue()``: truncated, then the low 32 bits."""
    return wrap32(_low_bits(value))


@java_method(Decimal, "longValue")
def decimal_long_value(value: Decimal) -> int:
    """``long BigDecimal.longValue()``: truncated, then the low 64 bits."""
    return make_int(wrap64(_low_bits(value)), LONG)


@java_method(Decimal, "doubleValue")
def decimal_double_value(value: Decimal) -> float:
    """``double BigDecimal.doubleValue()``"""
    return float(value)


@java_method(Decimal, "scale")
def decimal_scale(value: Decimal) -> int:
    """``int BigDecimal.scale()``"""
    return -int(value.as_tuple().exponent)


@java_method(Decimal, "signum")
def decimal_signum(value: Decimal) -> int:
    """``int BigDecimal.signum()``"""
    return (value > 0) - (value < 0)


@java_method(Decimal, "equals")
def decimal_equals(value: Decimal, other: Any) -> bool:
    """``boolean BigDecimal.equals(Object)``: same value **and** scale (2.0 is not 2.00)."""
    if type(other) is not Decimal:
        return False
    mine, theirs = value.as_tuple(), other.as_tuple()
    if mine.exponent != theirs.exponent:
        return False
    # BigDecimal has no negative zero: compare the unscaled values.
    return value == other


@java_method(Decimal, "hashCode")
def decimal_hash_code(value: Decimal) -> int:
    """``int BigDecimal.hashCode()``"""
    return big_decimal_hash(value)


@java_method(Decimal, "compareTo")
def decimal_compare_to(value: Decimal, other: Any) -> int:
    """``int BigDecimal.compareTo(BigDecimal)``: by value (2.0 equals 2.00)."""
    if other is None:
        raise npe('Cannot read field "scale" because "val" is null')
    if type(other) is not Decimal:
        raise class_cast(other, "java.math.BigDecimal")
    return (value > other) - (value < other)


# --- Integer/Long bit statics (called through a value: ``$n.highestOneBit(100)``) -------


def _bits_of(value: int) -> int:
    """The receiver class's width: 32 for an Integer, 64 for a Long."""
    return 32 if is_integer(value) else 64


def _signed(bits: int, pattern: int, receiver: int) -> int:
    """The two's complement ``pattern`` of ``bits`` bits as the receiver class's value."""
    pattern &= (1 << bits) - 1
    return _same_class(receiver, pattern - (1 << bits) if pattern >> (bits - 1) else pattern)


def _bit_static(name: str, operation: Any, int_result: bool = False) -> None:
    """Register static ``Integer.<name>(int)`` / ``Long.<name>(long)``; ``operation``
    takes the argument's unsigned bit pattern and the width."""

    def method(value: int, arg: Any) -> int:
        _static_int_args(value, 1, arg)
        bits = _bits_of(value)
        result = operation(arg & ((1 << bits) - 1), bits)
        return int(result) if int_result else _signed(bits, result, value)

    method.__name__ = f"int_{name}"
    method.__doc__ = f"static ``Integer.{name}(int)``, ``Long.{name}(long)``"
    java_method(int, name)(method)


def _reverse_bits(pattern: int, bits: int) -> int:
    return int(format(pattern, f"0{bits}b")[::-1], 2)


def _reverse_bytes(pattern: int, bits: int) -> int:
    return int.from_bytes(pattern.to_bytes(bits // 8, "big"), "little")


_bit_static("reverse", _reverse_bits)
_bit_static("reverseBytes", _reverse_bytes)
_bit_static("highestOneBit", lambda p, bits: 1 << (p.bit_length() - 1) if p else 0)
_bit_static("lowestOneBit", lambda p, bits: p & -p)
_bit_static("numberOfLeadingZeros", lambda p, bits: bits - p.bit_length(), int_result=True)
_bit_static("numberOfTrailingZeros", lambda p, bits: (p & -p).bit_length() - 1 if p else bits,
            int_result=True)


def _rotate(name: str, left: bool) -> None:
    def method(value: int, arg: Any, distance: Any) -> int:
        require(not is_big_integer(value) and is_integer(distance))
        require((is_integer if is_integer(value) else fits_long)(arg))
        bits = _bits_of(value)
        pattern, shift = arg & ((1 << bits) - 1), distance % bits if left else -distance % bits
        return _signed(bits, (pattern << shift) | (pattern >> (bits - shift)), value)

    method.__name__ = f"int_{name}"
    method.__doc__ = f"static ``Integer.{name}(int, int)``, ``Long.{name}(long, int)``"
    java_method(int, name)(method)


_rotate("rotateLeft", True)
_rotate("rotateRight", False)


def _unsigned_pair(value: int, a: Any, b: Any) -> tuple[int, int]:
    _static_int_args(value, 2, a, b)
    mask = (1 << _bits_of(value)) - 1
    return a & mask, b & mask


@java_method(int, "compareUnsigned")
def int_compare_unsigned(value: int, a: Any, b: Any) -> int:
    """static ``Integer.compareUnsigned(int, int)``, ``Long.compareUnsigned(long, long)``"""
    x, y = _unsigned_pair(value, a, b)
    return (x > y) - (x < y)


@java_method(int, "divideUnsigned")
def int_divide_unsigned(value: int, a: Any, b: Any) -> int:
    """static ``Integer.divideUnsigned(int, int)``, ``Long.divideUnsigned(long, long)``"""
    x, y = _unsigned_pair(value, a, b)
    if y == 0:
        raise JavaException("java.lang.ArithmeticException", "/ by zero")
    return _signed(_bits_of(value), x // y, value)


@java_method(int, "remainderUnsigned")
def int_remainder_unsigned(value: int, a: Any, b: Any) -> int:
    """static ``Integer.remainderUnsigned(int, int)``, ``Long.remainderUnsigned(long, long)``"""
    x, y = _unsigned_pair(value, a, b)
    if y == 0:
        raise JavaException("java.lang.ArithmeticException", "/ by zero")
    return _signed(_bits_of(value), x % y, value)


@java_method(int, "toUnsignedString")
def int_to_unsigned_string(value: int, arg: Any, *radix: Any) -> str:
    """static ``Integer.toUnsignedString(int[, int radix])``,
    ``Long.toUnsignedString(long[, int radix])``"""
    _static_int_args(value, 1, arg)
    require(len(radix) <= 1 and all(is_integer(r) for r in radix))
    return _radix_string(arg & ((1 << _bits_of(value)) - 1), radix[0] if radix else 10)


@java_method(int, "toUnsignedLong")
def int_to_unsigned_long(value: int, arg: Any) -> int:
    """static ``long Integer.toUnsignedLong(int)``"""
    require(is_integer(value) and is_integer(arg))
    return make_int(arg & 0xFFFFFFFF, LONG)


# --- unsigned parsing and decode (static, through an Integer or a Long) -----------------


def _nfe(message: str) -> JavaException:
    return JavaException("java.lang.NumberFormatException", message)


def _check_radix(radix: int) -> None:
    if radix < 2:
        raise _nfe(f"radix {radix} less than Character.MIN_RADIX")
    if radix > 36:
        raise _nfe(f"radix {radix} greater than Character.MAX_RADIX")


def _from_units(text: str) -> str:
    """UTF-16 code units back to text (a surrogate pair is one character again)."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def _sequence_bounds(text: Any, bounds: tuple[Any, ...]) -> tuple[str, int, int, int]:
    """The ``(CharSequence s, int beginIndex, int endIndex, int radix)`` arguments of the
    parse methods' four-argument overloads, checked as JDK 17 does first: a null is a
    NullPointerException, bounds outside the string an IndexOutOfBoundsException (both
    without a message)."""
    require(len(bounds) == 3 and all(is_integer(b) for b in bounds))
    if text is None:
        raise JavaException("java.lang.NullPointerException", None)
    units = _utf16_units(text)
    begin, end, radix = bounds
    if begin < 0 or begin > end or end > len(units):
        raise JavaException("java.lang.IndexOutOfBoundsException", None)
    return units, begin, end, radix


def _parse_sequence(text: str, begin: int, end: int, radix: int, low: int, high: int) -> int:
    """JDK 17's ``parseInt``/``parseLong(CharSequence, begin, end, radix)`` on UTF-16 units
    (bounds already checked, ``begin < end``): its errors name the index from ``begin``,
    ``Error at index 3 in: "…"``."""
    _check_radix(radix)

    def error(index: int) -> JavaException:
        return _nfe(f'Error at index {index - begin} in: "{_from_units(text[begin:end])}"')

    index, sign = begin, 1
    if text[index] < "0":
        if text[index] == "-":
            sign = -1
        elif text[index] != "+":
            raise error(index)
        index += 1
        if index == end:
            raise error(index)
    magnitude_limit = -low if sign < 0 else high
    value = 0
    for position in range(index, end):
        digit = char_digit(text[position], radix)
        if digit < 0 or value * radix + digit > magnitude_limit:
            raise error(position)
        value = value * radix + digit
    return sign * value


def _parse_long_prefix(text: str, radix: int) -> int:
    """``Long.parseLong(text, 0, len, radix)`` (text not empty)."""
    return _parse_sequence(text, 0, len(text), radix, LONG_MIN, LONG_MAX)


def _parse_unsigned(text: Any, radix: int, bits: int) -> int:
    """``Integer.parseUnsignedInt``/``Long.parseUnsignedLong`` (bits 32/64): JDK 17 parses
    short strings as signed, longer ones in two steps, each with its own messages
    (recorded: case velocity/arithmetic/parse-unsigned-and-decode)."""
    if text is None:
        raise _nfe("Cannot parse null string")
    units = _utf16_units(text)
    if not units:  # before any radix check
        raise _for_input_string(text, radix)
    if units[0] == "-":
        raise _nfe(f"Illegal leading minus sign on unsigned string {text}.")
    if bits == 32:
        if len(units) <= 5 or (radix == 10 and len(units) <= 9):
            return parse_integer(text, radix, INT_MIN, INT_MAX)
        value = parse_integer(text, radix, LONG_MIN, LONG_MAX)
        if value >> 32:
            raise _nfe(f"String value {text} exceeds range of unsigned int.")
        return wrap32(value)
    return _unsigned_long(units, radix, sequence=False)


def _unsigned_long(units: str, radix: int, *, sequence: bool) -> int:
    """``Long.parseUnsignedLong`` of a non-empty string: short ones parsed signed (by the
    String or the CharSequence parser, whose messages differ), longer ones as a signed
    prefix and a last digit."""
    text = _from_units(units)
    if units[0] == "-":
        raise _nfe(f"Illegal leading minus sign on unsigned string {text}.")
    if len(units) <= 12 or (radix == 10 and len(units) <= 18):
        if sequence:
            return _parse_sequence(units, 0, len(units), radix, LONG_MIN, LONG_MAX)
        return parse_integer(text, radix, LONG_MIN, LONG_MAX)
    first = _parse_long_prefix(units[:-1], radix)
    last = char_digit(units[-1], radix)
    if last < 0:
        raise _nfe(f"Bad digit at end of {text}")
    if first * radix + last >> 64:
        raise _nfe(f"String value {text} exceeds range of unsigned long.")
    return wrap64(first * radix + last)


@java_method(int, "parseUnsignedInt")
def int_parse_unsigned_int(value: int, text: Any, *radix: Any) -> int:
    """static ``int Integer.parseUnsignedInt(String s[, int radix])`` and
    ``parseUnsignedInt(CharSequence s, int beginIndex, int endIndex, int radix)``"""
    require(is_integer(value) and (text is None or type(text) is str))
    if len(radix) == 3:
        return _parse_unsigned_int_sequence(text, radix)
    require(len(radix) <= 1 and all(is_integer(r) for r in radix))
    return _parse_unsigned(text, radix[0] if radix else 10, 32)


@java_method(int, "parseUnsignedLong")
def int_parse_unsigned_long(value: int, text: Any, *radix: Any) -> int:
    """static ``long Long.parseUnsignedLong(String s[, int radix])`` and
    ``parseUnsignedLong(CharSequence s, int beginIndex, int endIndex, int radix)``"""
    require(is_long(value) and (text is None or type(text) is str))
    if len(radix) == 3:
        return make_int(_parse_unsigned_long_sequence(text, radix), LONG)
    require(len(radix) <= 1 and all(is_integer(r) for r in radix))
    return make_int(_parse_unsigned(text, radix[0] if radix else 10, 64), LONG)


def _parse_unsigned_int_sequence(text: Any, bounds: tuple[Any, ...]) -> int:
    """``Integer.parseUnsignedInt(CharSequence, int, int, int)``: JDK 17 names the whole
    string, not the range, in its minus-sign and range messages."""
    units, begin, end, radix = _sequence_bounds(text, bounds)
    if begin == end:
        raise _nfe("")
    if units[begin] == "-":
        raise _nfe(f"Illegal leading minus sign on unsigned string {text}.")
    if end - begin <= 5 or (radix == 10 and end - begin <= 9):
        return _parse_sequence(units, begin, end, radix, INT_MIN, INT_MAX)
    number = _parse_sequence(units, begin, end, radix, LONG_MIN, LONG_MAX)
    if number >> 32:
        raise _nfe(f"String value {text} exceeds range of unsigned int.")
    return wrap32(number)


def _parse_unsigned_long_sequence(text: Any, bounds: tuple[Any, ...]) -> int:
    """``Long.parseUnsignedLong(CharSequence, int, int, int)`` (its messages name the range)."""
    units, begin, end, radix = _sequence_bounds(text, bounds)
    if begin == end:
        raise _for_input_string("", radix)
    return _unsigned_long(units[begin:end], radix, sequence=True)


@java_method(int, "decode")
def int_decode(value: int, text: Any) -> int:
    """static ``Integer.decode(String)``, ``Long.decode(String)``: an optional sign, then
    ``0x``/``0X``/``#`` (hex), ``0`` (octal) or decimal digits."""
    require(not is_big_integer(value) and (text is None or type(text) is str))
    if text is None:
        raise npe('Cannot invoke "String.isEmpty()" because "nm" is null')
    if not text:
        raise _nfe("Zero length string")
    low, high = (INT_MIN, INT_MAX) if is_integer(value) else (LONG_MIN, LONG_MAX)
    negative = text[0] == "-"
    index = 1 if text[0] in "+-" else 0
    radix = 10
    if text.startswith(("0x", "0X"), index):
        index, radix = index + 2, 16
    elif text.startswith("#", index):
        index, radix = index + 1, 16
    elif text.startswith("0", index) and len(text) > index + 1:
        index, radix = index + 1, 8
    if text.startswith(("-", "+"), index):
        raise _nfe("Sign character in wrong position")
    digits = text[index:]
    try:
        result = parse_integer(digits, radix, low, high)
        result = -result if negative else result
        if not low <= result <= high:  # only -MIN_VALUE, which the retry parses signed
            raise _nfe("")
    except JavaException:
        result = parse_integer("-" + digits if negative else digits, radix, low, high)
    return _same_class(value, result)


# --- Double bit statics -----------------------------------------------------------------


@java_method(float, "doubleToRawLongBits")
def double_to_raw_long_bits(value: float, arg: Any) -> int:
    """static ``long Double.doubleToRawLongBits(double)``"""
    return make_int(int.from_bytes(struct.pack(">d", _double(arg)), "big", signed=True), LONG)


@java_method(float, "doubleToLongBits")
def double_to_long_bits(value: float, arg: Any) -> int:
    """static ``long Double.doubleToLongBits(double)``: every NaN is the canonical one."""
    number = _double(arg)
    return make_int(0x7FF8000000000000 if math.isnan(number) else _signed_bits(number), LONG)


@java_method(float, "longBitsToDouble")
def double_long_bits_to_double(value: float, arg: Any) -> float:
    """static ``double Double.longBitsToDouble(long)``"""
    require(fits_long(arg))
    return struct.unpack(">d", struct.pack(">q", arg))[0]  # type: ignore[no-any-return]


@java_method(float, "toHexString")
def double_to_hex_string(value: float, arg: Any) -> str:
    """static ``String Double.toHexString(double)``: ``0x1.0p0``, ``0x0.0000000000001p-1022``."""
    number = _double(arg)
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    sign = "-" if math.copysign(1.0, number) < 0 else ""
    if number == 0:
        return sign + "0x0.0p0"
    bits = _signed_bits(abs(number))
    exponent, fraction = bits >> 52, bits & ((1 << 52) - 1)
    digits = f"{fraction:013x}".rstrip("0") or "0"
    if exponent == 0:  # subnormal
        return f"{sign}0x0.{digits}p-1022"
    return f"{sign}0x1.{digits}p{exponent - 1023}"


# --- system properties (Integer.getInteger, Long.getLong, Boolean.getBoolean) -------------


def _system_property(name: Any) -> None:
    """These statics read a JVM system property of the runtime that renders the template
    (API Gateway's, unknown here: ``sun.arch.data.model`` is 64 on a desktop JVM): a clear
    render error rather than a guess. A null or empty name reads no property (Java catches
    the NullPointerException/IllegalArgumentException and returns the default)."""
    if name:
        raise UnsupportedJava(f'reading the JVM system property "{name}" (getInteger, getLong, '
                              "getBoolean): the API Gateway runtime's properties are unknown")


@java_method(int, "getInteger")
def int_get_integer(value: int, name: Any, *default: Any) -> int | None:
    """static ``Integer getInteger(String nm[, int|Integer val])``"""
    require(is_integer(value) and (name is None or type(name) is str) and len(default) <= 1)
    require(all(d is None or is_integer(d) for d in default))
    _system_property(name)
    return default[0] if default else None


@java_method(int, "getLong")
def int_get_long(value: int, name: Any, *default: Any) -> int | None:
    """static ``Long getLong(String nm[, long|Long val])``"""
    require(is_long(value) and (name is None or type(name) is str) and len(default) <= 1)
    require(all(d is None or fits_long(d) for d in default))
    _system_property(name)
    return make_int(default[0], LONG) if default and default[0] is not None else None


@java_method(bool, "getBoolean")
def bool_get_boolean(value: bool, name: Any) -> bool:
    """static ``boolean Boolean.getBoolean(String name)``"""
    require(name is None or type(name) is str)
    _system_property(name)
    return False


# --- java.lang.constant (Java 12): Integer, Long, Float, Double and String are their own
# constant descriptions; Boolean's is a DynamicConstantDesc.


@java_method(int, "describeConstable")
def int_describe_constable(value: int) -> JavaOptional:
    """``Optional<Integer|Long> describeConstable()``: ``Optional.of(this)`` (BigInteger
    has no such method)."""
    require(not is_big_integer(value))
    return JavaOptional(value)


@java_method(float, "describeConstable")
def double_describe_constable(value: float) -> JavaOptional:
    """``Optional<Double|Float> describeConstable()``: ``Optional.of(this)``."""
    return JavaOptional(value)


@java_method(int, "resolveConstantDesc")
def int_resolve_constant_desc(value: int, lookup: Any) -> int:
    """``Integer|Long resolveConstantDesc(MethodHandles.Lookup)``: this; no template value
    is a Lookup, so only null fits."""
    require(not is_big_integer(value) and lookup is None)
    return value


@java_method(float, "resolveConstantDesc")
def double_resolve_constant_desc(value: float, lookup: Any) -> float:
    """``Double|Float resolveConstantDesc(MethodHandles.Lookup)``: this (only null fits)."""
    require(lookup is None)
    return value


@java_method(bool, "describeConstable")
def bool_describe_constable(value: bool) -> JavaOptional:
    """``Optional<DynamicConstantDesc<Boolean>> describeConstable()``: a constant
    description this engine has no model of."""
    raise UnsupportedJava("Boolean.describeConstable() (a java.lang.constant.DynamicConstantDesc)")

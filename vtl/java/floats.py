"""``java.lang.Float`` values (``JavaFloat``) and their methods.

A template meets a Float only through ``Number.floatValue()``, the Float statics it then
reaches (``$f.valueOf("1.5")``) and Velocity's arithmetic on a Float (``MathUtils``'s
float base, in ``operators.py``). A ``JavaFloat`` is a Python ``float`` whose value is
exactly the Java ``float``'s (every IEEE single is a double), so comparisons and the
widening ``doubleValue()`` come for free; what differs from a Double is its class, its
printing (``Float.toString``: ``0.1f`` prints ``0.1`` where its double prints
``0.10000000149011612``), ``equals``/``hashCode`` (the float's bits) and its statics.

Every method registered for ``float`` (Double) is registered here again, so that no
Double method reaches a Float through the MRO (``tests/java/test_java_floats.py`` checks
it).
"""

from __future__ import annotations

import math
import struct
from decimal import Decimal
from typing import Any

from vtl.java.doubles import float_to_string
from vtl.java.numbers import d2i, d2l, double_compare, fits_long, parse_double
from vtl.java.objects import class_cast, npe, require, wrap32
from vtl.java.optional import JavaOptional
from vtl.java.printing import (
    BIG_INTEGER,
    INT_TYPES,
    INTEGER,
    LONG,
    JavaByte,
    JavaShort,
    int_kind,
    make_int,
)
from vtl.java.registry import NoMatchingSignature, java_class, java_method


class JavaFloat(float):
    """A ``java.lang.Float``: a float whose value is an IEEE single (make one with
    :func:`to_float`, never from an arbitrary double)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"JavaFloat({float(self)!r})"


java_class(JavaFloat, "java.lang.Float")

_SINGLE = struct.Struct("<f")
_BITS = struct.Struct("<I")
FLOAT_MAX = 3.4028234663852886e38
_MIN_EXPONENT = -126  # Float.MIN_EXPONENT
_MANTISSA_BITS = 23
_CANONICAL_NAN = 0x7FC00000
_KEPT_DIGITS = 200  # significant digits of a BigDecimal that decide its float


def round_double(value: float) -> float:
    """Java's ``(float) double``: round to nearest even, Infinity past ``Float.MAX_VALUE``,
    subnormals and underflow to (signed) zero as IEEE says."""
    try:
        return _SINGLE.unpack(_SINGLE.pack(value))[0]  # type: ignore[no-any-return]
    except OverflowError:  # C's cast rounded to an infinity: so does Java
        return math.copysign(math.inf, value)


def round_ratio(numerator: int, denominator: int) -> float:
    """``numerator / denominator`` (``denominator > 0``) rounded once to a Java float:
    ``(float) long``, ``BigInteger.floatValue()`` and ``Float.parseFloat`` round the exact
    value, where going through a double would round twice."""
    if numerator == 0:
        return 0.0
    negative = numerator < 0
    n = abs(numerator)
    # 2**e <= n / d < 2**(e + 1)
    e = n.bit_length() - denominator.bit_length()
    if (n << max(-e, 0)) < (denominator << max(e, 0)):
        e -= 1
    if e > 128:
        return -math.inf if negative else math.inf
    if e < _MIN_EXPONENT - _MANTISSA_BITS - 2:
        return -0.0 if negative else 0.0
    shift = _MANTISSA_BITS - max(e, _MIN_EXPONENT)  # the result is units of 2**-shift
    scaled_n, scaled_d = (n << shift, denominator) if shift >= 0 else (n, denominator << -shift)
    units, rest = divmod(scaled_n, scaled_d)
    if 2 * rest > scaled_d or (2 * rest == scaled_d and units & 1):
        units += 1
    result = math.ldexp(units, -shift)
    if result > FLOAT_MAX:
        result = math.inf
    return -result if negative else result


def to_float(value: Any) -> JavaFloat:
    """``Number.floatValue()`` of an Integer, Long, BigInteger, Double, Float or BigDecimal."""
    cls = type(value)
    if cls is JavaFloat:
        return value  # type: ignore[no-any-return]
    if cls is float:
        return JavaFloat(round_double(value))
    if cls is Decimal:
        return JavaFloat(_decimal_to_float(value))
    if int_kind(value) == BIG_INTEGER and value.bit_length() > 130:
        return JavaFloat(-math.inf if value < 0 else math.inf)  # far beyond Float.MAX_VALUE
    return JavaFloat(round_ratio(int(value), 1))


def _decimal_to_float(value: Decimal) -> float:
    """``BigDecimal.floatValue()``: the exact value rounded once (JDK 17's fast path divides
    two exact floats, its slow path is ``Float.parseFloat(toString())``: both round once)."""
    if not value.is_finite():  # a BigDecimal is always finite; Decimal's specials are not ours
        return float(value)
    if value.is_zero():
        return 0.0  # BigDecimal has no negative zero
    # Far outside the float range: Infinity or zero without building a huge integer.
    if value.adjusted() > 40:
        return -math.inf if value.is_signed() else math.inf
    if value.adjusted() < -50:
        return -0.0 if value.is_signed() else 0.0
    sign, digits, exponent = value.as_tuple()
    exponent = int(exponent)
    if len(digits) > _KEPT_DIGITS:
        # A long fraction (a request body's number): the digits past the first 200 only
        # tell which side of a tie the value is on, which a sticky 1 keeps (a tie between
        # two floats has fewer than 120 significant digits).
        sticky = any(digits[_KEPT_DIGITS:])
        exponent += len(digits) - _KEPT_DIGITS - 1
        digits = (*digits[:_KEPT_DIGITS], 1 if sticky else 0)
    unscaled = int("".join(map(str, digits)))
    if sign:
        unscaled = -unscaled
    if exponent >= 0:
        return round_ratio(unscaled * 10**exponent, 1)
    return round_ratio(unscaled, 10**-exponent)


def float_bits(value: float) -> int:
    """``Float.floatToIntBits`` (NaN canonicalised) as a signed Java int."""
    if math.isnan(value):
        return _CANONICAL_NAN
    return wrap32(_BITS.unpack(_SINGLE.pack(value))[0])


def _raw_bits(value: float) -> int:
    """``Float.floatToRawIntBits`` (a NaN keeps its payload)."""
    return wrap32(_BITS.unpack(_SINGLE.pack(value))[0])


def fits_float(value: Any) -> bool:
    """The value fits a Java ``float`` parameter: a Float, an Integer or a Long (Velocity's
    ``MethodMap`` widens those; a Double or BigInteger does not fit)."""
    return type(value) is JavaFloat or fits_long(value)


def _float(value: Any) -> JavaFloat:
    """A ``float`` argument, widened as Java does (``(float) long`` rounds)."""
    require(fits_float(value))
    return to_float(value)


def parse_float(text: Any) -> JavaFloat:
    """``Float.parseFloat(String)``: the same syntax as ``Double.parseDouble`` (and the
    same exceptions), the digits rounded once to a float."""
    double = parse_double(text)  # validates, raising Java's NumberFormatException
    body = text.strip("".join(map(chr, range(0x21))))
    if body[-1:] in ("f", "F", "d", "D"):
        body = body[:-1]
    if not math.isfinite(double):
        return JavaFloat(double)
    if "x" in body or "X" in body:
        return JavaFloat(_hex_to_float(body))
    return JavaFloat(_decimal_to_float_signed(Decimal(body)))


def _hex_to_float(body: str) -> float:
    """A valid hexadecimal floating literal (``0x1.8p3``) rounded once to a float."""
    negative = body.startswith("-")
    mantissa, _, exponent = body.lstrip("+-")[2:].lower().partition("p")
    whole, _, fraction = mantissa.partition(".")
    units = int(whole + fraction or "0", 16)
    power = int(exponent) - 4 * len(fraction)
    if units == 0:
        magnitude = 0.0
    elif units.bit_length() + power > 200:  # far beyond Float.MAX_VALUE (no huge shift)
        magnitude = math.inf
    elif units.bit_length() + power < -200:  # far below the smallest subnormal
        magnitude = 0.0
    elif power >= 0:
        magnitude = round_ratio(units << power, 1)
    else:
        magnitude = round_ratio(units, 1 << -power)
    return -magnitude if negative else magnitude


def _decimal_to_float_signed(value: Decimal) -> float:
    """As :func:`_decimal_to_float`, but ``-0`` stays negative (a parsed ``"-0.0"``)."""
    if value.is_zero():
        return -0.0 if value.is_signed() else 0.0
    return _decimal_to_float(value)


def _hex_string(value: float) -> str:
    """``Float.toHexString(float)``: Double's layout; a subnormal float is written with
    ``p-126`` (``0x0.000002p-126``)."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "-Infinity" if value < 0 else "Infinity"
    sign = "-" if math.copysign(1.0, value) < 0 else ""
    magnitude = abs(value)
    if magnitude == 0.0:
        return sign + "0x0.0p0"
    if magnitude < 2.0**_MIN_EXPONENT:
        # A subnormal float: 24-bit-aligned hex digits of its multiple of 2**-149.
        units = round(magnitude * 2.0**149)  # exact: a subnormal float is n * 2**-149
        digits = f"{units << 1:06x}".rstrip("0") or "0"  # 23 bits + 1 = six hex digits
        return f"{sign}0x0.{digits}p-126"
    mantissa, exponent = math.frexp(magnitude)  # 0.5 <= mantissa < 1
    fraction = int((mantissa * 2 - 1) * (1 << 52))
    digits = f"{fraction:013x}".rstrip("0") or "0"
    return f"{sign}0x1.{digits}p{exponent - 1}"


# --- floatValue() on the other Numbers ------------------------------------------------

for _owner in (int, float, Decimal):
    java_method(_owner, "floatValue")(to_float)


# --- Float's own methods ---------------------------------------------------------------


@java_method(JavaFloat, "floatValue")
def float_float_value(value: JavaFloat) -> JavaFloat:
    """``float Float.floatValue()``"""
    return value


@java_method(JavaFloat, "doubleValue")
def float_double_value(value: JavaFloat) -> float:
    """``double Float.doubleValue()``: the exact widening."""
    return float(value)


@java_method(JavaFloat, "intValue")
def float_int_value(value: JavaFloat) -> int:
    """``int Float.intValue()`` (truncating, saturating, NaN is 0)."""
    return d2i(value)


@java_method(JavaFloat, "longValue")
def float_long_value(value: JavaFloat) -> int:
    """``long Float.longValue()`` (truncating, saturating, NaN is 0)."""
    return make_int(d2l(value), LONG)


@java_method(JavaFloat, "byteValue")
def float_byte_value(value: JavaFloat) -> JavaByte:
    """``byte Float.byteValue()``: ``(byte) (int) value``."""
    return JavaByte(((d2i(value) + 0x80) & 0xFF) - 0x80)


@java_method(JavaFloat, "shortValue")
def float_short_value(value: JavaFloat) -> JavaShort:
    """``short Float.shortValue()``: ``(short) (int) value``."""
    return JavaShort(((d2i(value) + 0x8000) & 0xFFFF) - 0x8000)


@java_method(JavaFloat, "toString")
def float_to_string_method(value: JavaFloat, *args: Any) -> str:
    """``String toString()``; static ``Float.toString(float)``."""
    if not args:
        return float_to_string(value)
    require(len(args) == 1)
    return float_to_string(_float(args[0]))


@java_method(JavaFloat, "toHexString")
def float_to_hex_string(value: JavaFloat, arg: Any) -> str:
    """static ``String Float.toHexString(float)``"""
    return _hex_string(_float(arg))


@java_method(JavaFloat, "isNaN")
def float_is_nan(value: JavaFloat, *args: Any) -> bool:
    """``boolean isNaN()``; static ``Float.isNaN(float)``."""
    require(len(args) <= 1)
    return math.isnan(_float(args[0]) if args else value)


@java_method(JavaFloat, "isInfinite")
def float_is_infinite(value: JavaFloat, *args: Any) -> bool:
    """``boolean isInfinite()``; static ``Float.isInfinite(float)``."""
    require(len(args) <= 1)
    return math.isinf(_float(args[0]) if args else value)


@java_method(JavaFloat, "isFinite")
def float_is_finite(value: JavaFloat, arg: Any) -> bool:
    """static ``boolean Float.isFinite(float)``."""
    return math.isfinite(_float(arg))


@java_method(JavaFloat, "equals")
def float_equals(value: JavaFloat, other: Any) -> bool:
    """``boolean Float.equals(Object)``: a Float with the same ``floatToIntBits``."""
    return type(other) is JavaFloat and float_bits(value) == float_bits(other)


@java_method(JavaFloat, "hashCode")
def float_hash_code(value: JavaFloat, *args: Any) -> int:
    """``int hashCode()``; static ``Float.hashCode(float)``: ``floatToIntBits``."""
    require(len(args) <= 1)
    return float_bits(_float(args[0]) if args else value)


@java_method(JavaFloat, "compareTo")
def float_compare_to(value: JavaFloat, other: Any) -> int:
    """``int Float.compareTo(Float)`` (through the bridge ``compareTo(Object)``, another
    class is a ClassCastException)."""
    if other is None:
        raise npe('Cannot read field "value" because "anotherFloat" is null')
    if type(other) is not JavaFloat:
        raise class_cast(other, "java.lang.Float")
    return double_compare(value, other)  # the same order: -0.0 < 0.0, NaN greatest


@java_method(JavaFloat, "compare")
def float_compare_static(value: JavaFloat, a: Any, b: Any) -> int:
    """static ``int Float.compare(float, float)``"""
    return double_compare(_float(a), _float(b))


@java_method(JavaFloat, "parseFloat")
def float_parse_float(value: JavaFloat, text: Any) -> JavaFloat:
    """static ``float Float.parseFloat(String)``"""
    require(text is None or type(text) is str)
    return parse_float(text)


def _double_only(value: JavaFloat, arg: Any) -> Any:
    """A Double static Float does not have: Double's must not reach a Float through the MRO
    (the reference is then null, as for any missing method)."""
    raise NoMatchingSignature


for _name in ("parseDouble", "doubleToLongBits", "doubleToRawLongBits", "longBitsToDouble"):
    java_method(JavaFloat, _name)(_double_only)


@java_method(JavaFloat, "valueOf")
def float_value_of(value: JavaFloat, arg: Any) -> JavaFloat:
    """static ``Float.valueOf(float|String)``"""
    if arg is None or type(arg) is str:
        return parse_float(arg)
    return _float(arg)


@java_method(JavaFloat, "max")
def float_max(value: JavaFloat, a: Any, b: Any) -> JavaFloat:
    """static ``float Float.max(float, float)`` (``Math.max``: NaN wins, -0.0 < 0.0)."""
    x, y = _float(a), _float(b)
    if math.isnan(x) or math.isnan(y):
        return JavaFloat(math.nan)
    return x if double_compare(x, y) >= 0 else y


@java_method(JavaFloat, "min")
def float_min(value: JavaFloat, a: Any, b: Any) -> JavaFloat:
    """static ``float Float.min(float, float)`` (``Math.min``: NaN wins, -0.0 < 0.0)."""
    x, y = _float(a), _float(b)
    if math.isnan(x) or math.isnan(y):
        return JavaFloat(math.nan)
    return x if double_compare(x, y) <= 0 else y


@java_method(JavaFloat, "sum")
def float_sum(value: JavaFloat, a: Any, b: Any) -> JavaFloat:
    """static ``float Float.sum(float, float)`` (the double sum of two floats rounds to
    the float sum: a double holds more than twice a float's bits)."""
    return JavaFloat(round_double(_float(a) + _float(b)))


@java_method(JavaFloat, "floatToIntBits")
def float_float_to_int_bits(value: JavaFloat, arg: Any) -> int:
    """static ``int Float.floatToIntBits(float)``"""
    return float_bits(_float(arg))


@java_method(JavaFloat, "floatToRawIntBits")
def float_float_to_raw_int_bits(value: JavaFloat, arg: Any) -> int:
    """static ``int Float.floatToRawIntBits(float)``"""
    return _raw_bits(_float(arg))


@java_method(JavaFloat, "intBitsToFloat")
def float_int_bits_to_float(value: JavaFloat, arg: Any) -> JavaFloat:
    """static ``float Float.intBitsToFloat(int)``"""
    require(type(arg) in INT_TYPES and int_kind(arg) <= INTEGER)
    return JavaFloat(_SINGLE.unpack(_BITS.pack(arg & 0xFFFFFFFF))[0])


@java_method(JavaFloat, "describeConstable")
def float_describe_constable(value: JavaFloat) -> JavaOptional:
    """``Optional<Float> describeConstable()``: ``Optional.of(this)`` (case
    velocity/arithmetic/number-describe-constable)."""
    return JavaOptional(value)


@java_method(JavaFloat, "resolveConstantDesc")
def float_resolve_constant_desc(value: JavaFloat, lookup: Any) -> JavaFloat:
    """``Float resolveConstantDesc(MethodHandles.Lookup)``: this (only null fits)."""
    require(lookup is None)
    return value

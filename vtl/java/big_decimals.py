"""``java.math.BigDecimal``'s exact arithmetic and scale methods (JDK 17).

A BigDecimal comes from mixing a BigInteger (a JSON number beyond a ``long``) with a
Double (``$big * 1.5``), so a template can call ``$amount.setScale(2, 4)``,
``$amount.add($other)`` or ``$amount.stripTrailingZeros()``. Values are ``Decimal`` s whose
exponent is the negated scale; every operation here is exact (an unbounded context), and
a zero never keeps a sign (Java has no -0 BigDecimal). A BigDecimal parameter takes only a
BigDecimal; a null argument is the NullPointerException the JDK meets first (messages
recorded: cases velocity/realworld/big-decimal-*, velocity/arithmetic/big-decimal-*).

The ``MathContext`` and ``RoundingMode`` overloads (``divide(BigDecimal, MathContext)``,
``round``, ``sqrt``, ``setScale(int, RoundingMode)`` ...) are not registered: a template
has no way to obtain a MathContext or a RoundingMode (Velocity 1.7 has no ``new``, and no
value of this engine returns one), so the ``int`` rounding-mode overloads are the only
ones reachable.
"""

from __future__ import annotations

import decimal
import math
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from vtl.java.doubles import double_to_string
from vtl.java.limits import check_digits
from vtl.java.numbers import decimal_int_value, fits_long, is_integer
from vtl.java.objects import npe, require, wrap32
from vtl.java.printing import (
    BIG_INTEGER,
    LONG,
    LONG_MAX,
    LONG_MIN,
    JavaByte,
    JavaShort,
    ObjectArray,
    digits_to_int,
    int_to_string,
    make_int,
)
from vtl.java.registry import JavaException, java_class, java_method

_EXACT = decimal.Context(prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN,
                         traps=[decimal.InvalidOperation])

# BigDecimal.ROUND_UP .. ROUND_UNNECESSARY (0..7) as Python's rounding names.
_ROUNDING = (decimal.ROUND_UP, decimal.ROUND_DOWN, decimal.ROUND_CEILING, decimal.ROUND_FLOOR,
             decimal.ROUND_HALF_UP, decimal.ROUND_HALF_DOWN, decimal.ROUND_HALF_EVEN, None)


def _unsigned_zero(value: Decimal) -> Decimal:
    """``value``, a zero without its sign (Python keeps -0; Java has none)."""
    return value.copy_abs() if value.is_zero() else value


def _operand(other: Any, null_message: str) -> Decimal:
    if other is None:
        raise npe(null_message)
    require(type(other) is Decimal)
    return other  # type: ignore[no-any-return]


_MC_NULL = 'Cannot read field "precision" because "mc" is null'
_ROUNDING_MODE_NULL = 'Cannot read field "oldMode" because "roundingMode" is null'


def _math_context(mc: tuple[Any, ...]) -> None:
    """A trailing ``MathContext`` argument: no template value is one, so only null fits,
    and every such overload reads ``mc.precision`` first (case
    velocity/arithmetic/big-decimal-null-math-context)."""
    require(len(mc) <= 1 and (not mc or mc[0] is None))
    if mc:
        raise npe(_MC_NULL)


def _binary(name: str, null_message: str, operation: Callable[[Decimal, Decimal], Decimal],
            math_context: bool = True) -> None:
    """Register ``BigDecimal name(BigDecimal[, MathContext])``."""

    def method(value: Decimal, other: Any, *mc: Any) -> Decimal:
        require(other is None or type(other) is Decimal)
        if math_context:
            _math_context(mc)
        require(not mc)
        return _unsigned_zero(operation(value, _operand(other, null_message)))

    method.__name__ = f"big_decimal_{name}"
    method.__doc__ = f"``BigDecimal BigDecimal.{name}(BigDecimal)``"
    java_method(Decimal, name)(method)


def _exact_sum_digits(a: Decimal, b: Decimal) -> None:
    """Check the digits an exact sum of ``a`` and ``b`` takes before computing it: from the
    larger one's leading digit down to the smaller exponent (``1E+999999999`` plus ``1.5``
    has a billion digits; a zero adds none)."""
    exponents = [value.as_tuple().exponent for value in (a, b)]
    leading = [value.adjusted() for value in (a, b) if not value.is_zero()]
    if leading:
        check_digits(max(leading) - min(exponents) + 2)  # type: ignore[operator]


def _add(a: Decimal, b: Decimal) -> Decimal:
    _exact_sum_digits(a, b)
    return _EXACT.add(a, b)


def _subtract(a: Decimal, b: Decimal) -> Decimal:
    _exact_sum_digits(a, b)
    return _EXACT.subtract(a, b)


def _multiply(a: Decimal, b: Decimal) -> Decimal:
    check_digits(len(a.as_tuple().digits) + len(b.as_tuple().digits))
    return _EXACT.multiply(a, b)


_binary("add", 'Cannot read field "intCompact" because "augend" is null', _add)
_binary("subtract", 'Cannot read field "intCompact" because "subtrahend" is null', _subtract)
_binary("multiply", 'Cannot read field "scale" because "multiplicand" is null', _multiply)
# Ties keep the receiver (2.0 against 2.00), as compareTo(val) >= 0 ? this : val does;
# Python's max and min return their first argument on a tie too.
_binary("max", 'Cannot read field "scale" because "val" is null', max, math_context=False)
_binary("min", 'Cannot read field "scale" because "val" is null', min, math_context=False)


@java_method(Decimal, "negate")
def big_decimal_negate(value: Decimal, *mc: Any) -> Decimal:
    """``BigDecimal BigDecimal.negate([MathContext])``"""
    _math_context(mc)
    return _unsigned_zero(value.copy_negate())


@java_method(Decimal, "abs")
def big_decimal_abs(value: Decimal, *mc: Any) -> Decimal:
    """``BigDecimal BigDecimal.abs([MathContext])``"""
    _math_context(mc)
    return value.copy_abs()


@java_method(Decimal, "precision")
def big_decimal_precision(value: Decimal) -> int:
    """``int BigDecimal.precision()``: the unscaled value's digits (1 for zero)."""
    return len(value.as_tuple().digits)


@java_method(Decimal, "unscaledValue")
def big_decimal_unscaled_value(value: Decimal) -> int:
    """``BigInteger BigDecimal.unscaledValue()``"""
    sign, digits, _ = value.as_tuple()
    unscaled = int("".join(map(str, digits)) or "0")
    return make_int(-unscaled if sign else unscaled, BIG_INTEGER)


@java_method(Decimal, "toBigInteger")
def big_decimal_to_big_integer(value: Decimal) -> int:
    """``BigInteger BigDecimal.toBigInteger()``: the fraction dropped."""
    if not value.is_zero():
        check_digits(value.adjusted() + 1)  # 1E+999999999 is a billion digits
    return make_int(int(value), BIG_INTEGER)


@java_method(Decimal, "stripTrailingZeros")
def big_decimal_strip_trailing_zeros(value: Decimal) -> Decimal:
    """``BigDecimal BigDecimal.stripTrailingZeros()`` (a zero is ``0``, scale 0)."""
    if value.is_zero():
        return Decimal(0)
    return value.normalize(_EXACT)


@java_method(Decimal, "setScale")
def big_decimal_set_scale(value: Decimal, scale: Any, *mode: Any) -> Decimal:
    """``BigDecimal BigDecimal.setScale(int newScale[, int roundingMode])``; without a mode
    (or with ``ROUND_UNNECESSARY``) a value that would need rounding is refused."""
    require(is_integer(scale) and len(mode) <= 1)
    if mode and mode[0] is None:  # setScale(int, RoundingMode)
        raise npe(_ROUNDING_MODE_NULL)
    require(all(is_integer(m) for m in mode))
    rounding = mode[0] if mode else 7
    if not 0 <= rounding <= 7:
        raise JavaException("java.lang.IllegalArgumentException", "Invalid rounding mode")
    check_digits(max(0, scale))
    if not value.is_zero():
        check_digits(value.adjusted() + scale + 1)  # 1E+999999999 at scale 0: a billion digits
    target = Decimal((0, (1,), -scale))
    if _ROUNDING[rounding] is None:
        result = value.quantize(target, rounding=decimal.ROUND_DOWN, context=_EXACT)
        if result != value:
            raise JavaException("java.lang.ArithmeticException", "Rounding necessary")
    else:
        result = value.quantize(target, rounding=_ROUNDING[rounding], context=_EXACT)
    return _unsigned_zero(result)


def _move_point(value: Decimal, scale: int) -> Decimal:
    """The unscaled value at ``scale`` (``checkScale``d: a zero's is clamped, another's
    past an int is ArithmeticException); a negative scale is set to 0, as movePoint* do."""
    scale = _check_scale(scale, not value.is_zero())
    sign, digits, _ = value.as_tuple()
    moved = Decimal((sign, digits, -scale))
    if scale < 0:
        if not value.is_zero():
            check_digits(len(digits) - scale)
        moved = moved.quantize(Decimal(1), context=_EXACT)
    return _unsigned_zero(moved)


@java_method(Decimal, "movePointLeft")
def big_decimal_move_point_left(value: Decimal, n: Any) -> Decimal:
    """``BigDecimal BigDecimal.movePointLeft(int)``"""
    require(is_integer(n))
    return value if n == 0 else _move_point(value, -int(value.as_tuple().exponent) + n)


@java_method(Decimal, "movePointRight")
def big_decimal_move_point_right(value: Decimal, n: Any) -> Decimal:
    """``BigDecimal BigDecimal.movePointRight(int)``"""
    require(is_integer(n))
    return value if n == 0 else _move_point(value, -int(value.as_tuple().exponent) - n)


# --- division (JDK 17's divide, divideToIntegralValue, remainder, divideAndRemainder) ---

_INT_MAX = 2**31 - 1


def _arithmetic(message: str) -> JavaException:
    return JavaException("java.lang.ArithmeticException", message)


def _parts(value: Decimal) -> tuple[int, int]:
    """``(unscaledValue, scale)``; the unscaled digits are checked against the digit limit."""
    sign, digits, exponent = value.as_tuple()
    unscaled = digits_to_int("".join(map(str, digits)))
    return (-unscaled if sign else unscaled), -int(exponent)


def _decimal(unscaled: int, scale: int) -> Decimal:
    """The BigDecimal ``unscaled × 10^-scale`` (a zero keeps its scale, without a sign)."""
    digits = tuple(map(int, int_to_string(abs(unscaled))))
    return Decimal((int(unscaled < 0), digits, -scale))


def _check_scale(scale: int, nonzero: bool) -> int:
    """``BigDecimal.checkScale``: a scale past a Java int is Java's ArithmeticException for
    a non-zero value ("Underflow" above, "Overflow" below); a zero's is clamped."""
    if -_INT_MAX - 1 <= scale <= _INT_MAX:
        return scale
    if nonzero:
        raise _arithmetic("Underflow" if scale > 0 else "Overflow")
    return _INT_MAX if scale > 0 else -_INT_MAX - 1


def _fits_compact(unscaled: int) -> bool:
    """Whether JDK 17 keeps ``unscaled`` in its ``long intCompact`` (Long.MIN_VALUE is its
    INFLATED marker, so that one value is held as a BigInteger)."""
    return LONG_MIN < unscaled <= LONG_MAX


def _zero_divisor_message(dividend: Decimal, divisor_scale: int, scale: int) -> str:
    """The message of ``divide(zero, scale, mode)``: JDK 17 divides a dividend held in a
    ``long``, scaled by a power of ten that keeps it a ``long``, with Java's ``/``; anything
    bigger goes through BigInteger (recorded: cases
    velocity/arithmetic/big-decimal-divide-by-zero-scale and -inflated)."""
    unscaled, own_scale = _parts(dividend)
    if not _fits_compact(unscaled):
        return "BigInteger divide by zero"
    raise_by = scale + divisor_scale - own_scale
    if raise_by > 0:  # the dividend is multiplied by 10^raise_by
        if raise_by >= 19 or not _fits_compact(unscaled * 10**raise_by):
            return "BigInteger divide by zero"
    elif -raise_by >= 19:  # the (zero) divisor is multiplied by 10^-raise_by
        return "BigInteger divide by zero"
    return "/ by zero"


_DIVISOR_SCALE = 'Cannot read field "scale" because "divisor" is null'


def _divisor(other: Any, null_message: str = _DIVISOR_SCALE) -> Decimal:
    """A BigDecimal divisor; null is the NPE the JDK's method meets first (recorded:
    case velocity/arithmetic/big-decimal-divide-null)."""
    if other is None:
        raise npe(null_message)
    require(type(other) is Decimal)
    return other  # type: ignore[no-any-return]


def _power_of_five(value: int) -> int | None:
    """``k`` if ``value`` is ``5**k``, else None (from its size: dividing a number of
    thousands of digits by 5 one factor at a time would take quadratic time)."""
    if value == 1:
        return 0
    estimate = round((value.bit_length() - 1) / math.log2(5))
    for k in (estimate - 1, estimate, estimate + 1):
        if k > 0 and 5**k == value:
            return k
    return None


def _exact_quotient(a: Decimal, b: Decimal) -> Decimal:
    """``BigDecimal.divide(BigDecimal)``: the exact quotient at the preferred scale
    ``a.scale - b.scale`` or the least larger one that holds it."""
    if b.is_zero():
        raise _arithmetic("Division undefined" if a.is_zero() else "Division by zero")
    a_unscaled, a_scale = _parts(a)
    b_unscaled, b_scale = _parts(b)
    preferred = a_scale - b_scale
    if a.is_zero():
        return _decimal(0, _check_scale(preferred, False))
    common = math.gcd(a_unscaled, b_unscaled)
    numerator, denominator = a_unscaled // common, b_unscaled // common
    if denominator < 0:
        numerator, denominator = -numerator, -denominator
    twos = (denominator & -denominator).bit_length() - 1
    fives = _power_of_five(denominator >> twos)
    if fives is None:  # a prime factor other than 2 and 5: the decimal expansion never ends
        raise _arithmetic(_NON_TERMINATING)
    places = max(twos, fives)
    if not -_INT_MAX - 1 <= places + preferred <= _INT_MAX:
        # JDK 17 divides through divide(BigDecimal, MathContext) and reports any
        # ArithmeticException from it, a scale past an int's too, as this one.
        raise _arithmetic(_NON_TERMINATING)
    check_digits(len(a.as_tuple().digits) + places)
    # 10^places / denominator is a power of 2 or of 5: no trailing zero to strip.
    return _decimal(numerator * (10**places // denominator), places + preferred)


_NON_TERMINATING = "Non-terminating decimal expansion; no exact representable decimal result."


def _round_quotient(numerator: int, denominator: int, rounding: int) -> int:
    """``numerator / denominator`` (denominator > 0) rounded to an integer by Java's
    rounding mode ``rounding`` (0..7; 7, UNNECESSARY, refuses an inexact quotient)."""
    quotient, remainder = divmod(abs(numerator), denominator)
    negative = numerator < 0
    if remainder:
        twice = 2 * remainder
        up = {
            0: True,  # UP
            1: False,  # DOWN
            2: not negative,  # CEILING
            3: negative,  # FLOOR
            4: twice >= denominator,  # HALF_UP
            5: twice > denominator,  # HALF_DOWN
            6: twice > denominator or (twice == denominator and quotient % 2 == 1),  # HALF_EVEN
        }.get(rounding)
        if up is None:
            raise _arithmetic("Rounding necessary")
        quotient += up
    return -quotient if negative else quotient


#: BigInteger.MAX_MAG_LENGTH: the most 32-bit words a BigInteger may have.
_MAX_MAG_LENGTH = 2**31 // 32


def _scaled_quotient(a: Decimal, divisor: Any, scale: int, rounding: int) -> Decimal:
    """``BigDecimal.divide(BigDecimal, int scale, int roundingMode)``"""
    if not 0 <= rounding <= 7:
        raise JavaException("java.lang.IllegalArgumentException", "Invalid rounding mode")
    b = _divisor(divisor, 'Cannot read field "intCompact" because "divisor" is null')
    a_unscaled, a_scale = _parts(a)
    b_unscaled, b_scale = _parts(b)
    if b.is_zero():
        raise _arithmetic(_zero_divisor_message(a, b_scale, scale))
    if a.is_zero():
        return _decimal(0, scale)
    numerator, denominator = a_unscaled, b_unscaled
    # JDK 17 brings the dividend (or else the divisor) to the scale that makes the integer
    # quotient the result's unscaled value, multiplying it by 10^raise where raise is an
    # int difference that can wrap (then nothing is multiplied: 149999999999999999998.5
    # divided by 1E+2147483666 at scale 0 is 150 in JDK 17, hostile test). A power of ten past
    # BigInteger's range (TEN.pow's estimate: 3 bits a factor of 5, over 2^31 bits) is
    # refused; one past the digit limit is this engine's limit.
    if scale + b_scale > a_scale:
        raise_by = wrap32(_check_scale(scale + b_scale, True) - a_scale)
    else:
        raise_by = wrap32(_check_scale(a_scale - scale, True) - b_scale)
    if raise_by * 3 // 32 > _MAX_MAG_LENGTH:
        raise _arithmetic("BigInteger would overflow supported range")
    if raise_by > 0:
        check_digits(max(raise_by, a.adjusted() - b.adjusted() + scale + 1))
        if scale + b_scale > a_scale:
            numerator *= 10**raise_by
        else:
            denominator *= 10**raise_by
    if denominator < 0:
        numerator, denominator = -numerator, -denominator
    return _decimal(_round_quotient(numerator, denominator, rounding), scale)


@java_method(Decimal, "divide")
def big_decimal_divide(value: Decimal, divisor: Any, *modes: Any) -> Decimal:
    """``BigDecimal.divide(BigDecimal)`` (exact, or ArithmeticException),
    ``divide(BigDecimal, int roundingMode)`` (at this scale) and
    ``divide(BigDecimal, int scale, int roundingMode)``."""
    require(len(modes) <= 2)
    if len(modes) == 2 and modes[1] is None and is_integer(modes[0]):  # (…, int, RoundingMode)
        require(divisor is None or type(divisor) is Decimal)
        raise npe(_ROUNDING_MODE_NULL)
    require(all(is_integer(m) for m in modes))
    if not modes:
        null_message = 'Cannot invoke "java.math.BigDecimal.signum()" because "divisor" is null'
        return _exact_quotient(value, _divisor(divisor, null_message))
    require(divisor is None or type(divisor) is Decimal)
    scale = modes[0] if len(modes) == 2 else -int(value.as_tuple().exponent)
    return _scaled_quotient(value, divisor, scale, modes[-1])


def _integral_quotient(a: Decimal, b: Decimal) -> Decimal:
    """``BigDecimal.divideToIntegralValue(BigDecimal)``: the quotient truncated to an
    integer, at the preferred scale ``a.scale - b.scale`` when its trailing zeros allow,
    else the nearest scale that holds it (recorded: case
    velocity/arithmetic/big-decimal-divide-to-integral)."""
    preferred = int(b.as_tuple().exponent) - int(a.as_tuple().exponent)
    if a.copy_abs() < b.copy_abs() or (a.is_zero() and not b.is_zero()):
        return _decimal(0, _check_scale(preferred, False))
    if b.is_zero():
        raise _arithmetic("Division undefined" if a.is_zero() else "Division by zero")
    check_digits(a.adjusted() - b.adjusted() + 1 + max(preferred, 0))
    # Decimal's integer division and normalize (in C: no quadratic loop over the trailing
    # zeros of a quotient such as 1E+99999) give the quotient at its least exponent.
    stripped = _EXACT.divide_int(a, b).normalize(_EXACT)  # not zero: |a| >= |b| here
    if -int(stripped.as_tuple().exponent) < preferred:
        stripped = stripped.quantize(Decimal((0, (1,), -preferred)), context=_EXACT)
    _check_scale(-int(stripped.as_tuple().exponent), True)
    return _unsigned_zero(stripped)


def _divisor_mc(divisor: Any, mc: tuple[Any, ...]) -> Decimal:
    """A divisor and an optional (null) MathContext, checked in the JDK's order."""
    require(divisor is None or type(divisor) is Decimal)
    _math_context(mc)
    return _divisor(divisor)


@java_method(Decimal, "divideToIntegralValue")
def big_decimal_divide_to_integral_value(value: Decimal, divisor: Any, *mc: Any) -> Decimal:
    """``BigDecimal BigDecimal.divideToIntegralValue(BigDecimal[, MathContext])``"""
    return _integral_quotient(value, _divisor_mc(divisor, mc))


def _quotient_and_remainder(a: Decimal, b: Decimal) -> tuple[Decimal, Decimal]:
    """``divideAndRemainder``: the integral quotient and ``a - quotient × b``."""
    quotient = _integral_quotient(a, b)
    return quotient, _unsigned_zero(_subtract(a, _multiply(quotient, b)))


@java_method(Decimal, "remainder")
def big_decimal_remainder(value: Decimal, divisor: Any, *mc: Any) -> Decimal:
    """``BigDecimal BigDecimal.remainder(BigDecimal[, MathContext])`` (the dividend's sign)."""
    return _quotient_and_remainder(value, _divisor_mc(divisor, mc))[1]


class BigDecimalArray(ObjectArray):
    """A Java ``BigDecimal[]`` (what ``divideAndRemainder`` returns)."""

    __slots__ = ()


java_class(BigDecimalArray, "[Ljava.math.BigDecimal;")


@java_method(Decimal, "divideAndRemainder")
def big_decimal_divide_and_remainder(value: Decimal, divisor: Any, *mc: Any) -> BigDecimalArray:
    """``BigDecimal[] BigDecimal.divideAndRemainder(BigDecimal[, MathContext])``"""
    return BigDecimalArray(_quotient_and_remainder(value, _divisor_mc(divisor, mc)))


# --- powers, scale and exact conversions ------------------------------------------------


@java_method(Decimal, "pow")
def big_decimal_pow(value: Decimal, n: Any, *mc: Any) -> Decimal:
    """``BigDecimal BigDecimal.pow(int[, MathContext])``: exact; ``n`` outside 0..999999999
    is refused."""
    require(is_integer(n))
    _math_context(mc)
    if not 0 <= n <= 999_999_999:
        raise _arithmetic("Invalid operation")
    unscaled, scale = _parts(value)
    new_scale = _check_scale(scale * n, not value.is_zero())
    if value.is_zero():
        return _decimal(0 if n else 1, new_scale)
    check_digits(len(value.as_tuple().digits) * n)
    return _decimal(unscaled**n, new_scale)


@java_method(Decimal, "scaleByPowerOfTen")
def big_decimal_scale_by_power_of_ten(value: Decimal, n: Any) -> Decimal:
    """``BigDecimal BigDecimal.scaleByPowerOfTen(int)``: the same digits at scale - n."""
    require(is_integer(n))
    sign, digits, exponent = value.as_tuple()
    scale = _check_scale(-int(exponent) - n, not value.is_zero())
    return Decimal((sign, digits, -scale))


@java_method(Decimal, "plus")
def big_decimal_plus(value: Decimal, *mc: Any) -> Decimal:
    """``BigDecimal BigDecimal.plus([MathContext])``: the value itself."""
    _math_context(mc)
    return value


@java_method(Decimal, "round")
def big_decimal_round(value: Decimal, mc: Any) -> Decimal:
    """``BigDecimal BigDecimal.round(MathContext)``: only null fits (``plus(mc)``)."""
    _math_context((mc,))
    return value


@java_method(Decimal, "ulp")
def big_decimal_ulp(value: Decimal) -> Decimal:
    """``BigDecimal BigDecimal.ulp()``: one unit of the last place (1 at this scale)."""
    return _decimal(1, -int(value.as_tuple().exponent))


@java_method(Decimal, "toEngineeringString")
def big_decimal_to_engineering_string(value: Decimal) -> str:
    """``String BigDecimal.toEngineeringString()`` (Python's ``to_eng_string`` follows the
    same General Decimal Arithmetic rules: checked against JDK 17 on every case's values)."""
    return value.to_eng_string()


def _integral(value: Decimal) -> int:
    """``setScale(0, ROUND_UNNECESSARY)``'s unscaled value: refused if a fraction is left."""
    if not value.is_zero():
        check_digits(value.adjusted() + 1)
    integral = int(value)
    if integral != value:
        raise _arithmetic("Rounding necessary")
    return integral


@java_method(Decimal, "toBigIntegerExact")
def big_decimal_to_big_integer_exact(value: Decimal) -> int:
    """``BigInteger BigDecimal.toBigIntegerExact()``"""
    return make_int(_integral(value), BIG_INTEGER)


def _long_value_exact(value: Decimal) -> int:
    """JDK 17's ``longValueExact`` checks, in its order: below one is "Rounding
    necessary", over 19 integer digits "Overflow" before any fraction is looked at."""
    if value.is_zero():
        return 0
    # precision() - scale in Java int arithmetic: past an int it wraps (1E+2147483647's is
    # negative, so JDK 17 says "Rounding necessary" there).
    integer_digits = wrap32(len(value.as_tuple().digits) + int(value.as_tuple().exponent))
    if integer_digits <= 0:
        raise _arithmetic("Rounding necessary")
    if integer_digits > 19:
        raise _arithmetic("Overflow")
    integral = _integral(value)
    if not LONG_MIN <= integral <= LONG_MAX:
        raise _arithmetic("Overflow")
    return integral


def _exact(name: str, bits: int, result_kind: int | None) -> None:
    """Register ``BigDecimal.<name>ValueExact()`` (``(int) longValueExact()`` etc., checked)."""

    def method(value: Decimal) -> int:
        integral = _long_value_exact(value)
        if not -(2 ** (bits - 1)) <= integral < 2 ** (bits - 1):
            raise _arithmetic("Overflow")
        return integral if result_kind is None else make_int(integral, result_kind)

    method.__name__ = f"big_decimal_{name}_value_exact"
    method.__doc__ = f"``{name} BigDecimal.{name}ValueExact()``"
    java_method(Decimal, f"{name}ValueExact")(method)


_exact("long", 64, LONG)
_exact("int", 32, None)
# No Short or Byte in this engine: the result is a plain number (as BigInteger's are).
_exact("short", 16, None)
_exact("byte", 8, None)


@java_method(Decimal, "byteValue")
def big_decimal_byte_value(value: Decimal) -> JavaByte:
    """``byte Number.byteValue()``: ``(byte) intValue()``."""
    return JavaByte(((decimal_int_value(value) + 128) & 0xFF) - 128)


@java_method(Decimal, "shortValue")
def big_decimal_short_value(value: Decimal) -> JavaShort:
    """``short Number.shortValue()``: ``(short) intValue()``."""
    return JavaShort(((decimal_int_value(value) + 32768) & 0xFFFF) - 32768)


_NOT_A_DIGIT = ('is neither a decimal digit number, decimal point, nor "e" notation '
                'exponential mark.')


@java_method(Decimal, "valueOf")
def big_decimal_value_of(value: Decimal, number: Any, *scale: Any) -> Decimal:
    """static ``BigDecimal.valueOf(long)``, ``valueOf(long unscaled, int scale)`` and
    ``valueOf(double)`` (``new BigDecimal(Double.toString(d))``), called through a value."""
    require(len(scale) <= 1 and all(is_integer(s) for s in scale))
    if isinstance(number, float) and not scale:  # a Double, or a Float widened to double
        if not math.isfinite(number):  # "NaN", "Infinity", "-Infinity": the sign is read
            first = "N" if math.isnan(number) else "I"
            message = f"Character {first} {_NOT_A_DIGIT}"
            raise JavaException("java.lang.NumberFormatException", message)
        return _unsigned_zero(Decimal(double_to_string(float(number))))
    require(type(number) is not bool and fits_long(number))
    return _decimal(int(number), scale[0] if scale else 0)


@java_method(Decimal, "sqrt")
def big_decimal_sqrt(value: Decimal, mc: Any) -> Decimal:
    """``BigDecimal BigDecimal.sqrt(MathContext)`` (Java 9): no template value is a
    MathContext, so only null fits; JDK 17 answers a zero, a negative value and an exact
    power of ten at the preferred scale before it reads the null (case
    velocity/arithmetic/big-decimal-null-math-context)."""
    require(mc is None)
    scale = -int(value.as_tuple().exponent)
    preferred = -(-scale // 2) if scale < 0 else scale // 2  # Java's scale() / 2
    if value.is_zero():
        return _decimal(0, preferred)
    if value < 0:
        raise _arithmetic("Attempted square root of negative BigDecimal")
    stripped = value.normalize(_EXACT)
    stripped_scale = -int(stripped.as_tuple().exponent)
    if stripped.as_tuple().digits == (1,) and stripped_scale % 2 == 0:
        if stripped_scale // 2 == preferred:
            return _decimal(1, preferred)
        raise npe(_MC_NULL)  # result.add(zeroWithFinalPreferredScale, mc)
    raise npe('Cannot invoke "java.math.MathContext.getPrecision()" because "mc" is null')

"""Velocity 1.7's operators: ``MathUtils`` arithmetic, ``==`` and the comparisons.

Integers use Java ``long`` arithmetic, widening Integer → Long → BigInteger instead
of overflowing; ``/`` truncates and ``%`` takes the dividend's sign. A Double makes
the operation double arithmetic; a Float (``JavaFloat``) with Integers, Longs or Floats
makes it float arithmetic, whose result is a Float; a BigInteger with a Double, or a BigDecimal, makes
it BigDecimal arithmetic (``decimal.Decimal``). Division or modulo by zero, and any
non-Number operand, give null (None). Only ``+`` accepts Strings: it concatenates.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal
from typing import Any

from vtl.java.floats import JavaFloat, round_double, to_float
from vtl.java.limits import check_bits, check_digits
from vtl.java.numbers import wrap64
from vtl.java.objects import java_equals
from vtl.java.printing import (
    BIG_INTEGER,
    INT_TYPES,
    LONG_MAX,
    LONG_MIN,
    JavaBigInteger,
    JavaByte,
    JavaLong,
    JavaShort,
    concat,
    int_kind,
    make_int,
    to_string,
)
from vtl.java.registry import JavaException

# Exact BigDecimal arithmetic: results are never rounded (the digit checks below stop the
# ones too long to compute), and exponents as large as Java's int scales allow.
_EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)
#: The most decimal digits a Java BigInteger (a BigDecimal's unscaled value) can hold:
#: 2**31 bits (BigInteger.MAX_MAG_LENGTH ints); past it Java throws ArithmeticException.
_JAVA_BIG_DIGITS = 646_456_993
_INT_MIN, _INT_MAX = -(2**31), 2**31 - 1
_NUMBER = (int, float, Decimal, JavaLong, JavaBigInteger, JavaFloat, JavaByte, JavaShort)
_LONG, _BIGINTEGER, _DOUBLE, _BIGDECIMAL, _FLOAT = 0, 1, 2, 3, 4


def is_true(value: Any) -> bool:
    """``ASTReference.evaluate``: only null and ``false`` are false."""
    return value is not None and value is not False


def is_number(value: Any) -> bool:
    """A ``java.lang.Number`` (not a Boolean)."""
    return type(value) in _NUMBER


def _is_big(value: Any) -> bool:
    return type(value) in INT_TYPES and int_kind(value) == BIG_INTEGER


def _base(left: Any, right: Any) -> int:
    """``MathUtils.findCalculationBase``."""
    lt, rt = type(left), type(right)
    if lt in INT_TYPES and rt in INT_TYPES:
        return _BIGINTEGER if _is_big(left) or _is_big(right) else _LONG
    if lt is Decimal or rt is Decimal or _is_big(left) or _is_big(right):
        return _BIGDECIMAL
    # MathUtils.findCalculationBase: a Double makes it double; otherwise a Float with
    # Integers, Longs or Floats is BASE_FLOAT (Number.floatValue() of both, a Float result).
    if lt is float or rt is float:
        return _DOUBLE
    return _FLOAT


def _float_arith(operation: Callable[[float, float], float], left: Any, right: Any) -> JavaFloat:
    """BASE_FLOAT: ``new Float(left.floatValue() op right.floatValue())`` (a Long rounds to
    a float first). The operation runs on doubles and the result is rounded to a float:
    for ``+ - * /`` that is the float operation's own result (a double holds more than
    twice a float's bits), and ``%`` is exact."""
    return JavaFloat(round_double(operation(to_float(left), to_float(right))))


def _small(left: Any, right: Any) -> bool:
    """Two Integers (the common case, whose result class follows from its magnitude)."""
    return (type(left) is int and type(right) is int and -0x80000000 <= left <= 0x7FFFFFFF
            and -0x80000000 <= right <= 0x7FFFFFFF)


def _long_result(value: int, left: int, right: int) -> int:
    """``MathUtils.wrapPrimitive``: the wider operand's class (Integer or Long), widened
    to Long if the value needs it."""
    return make_int(value, max(int_kind(left), int_kind(right)))


def _big_decimal(value: Any) -> Decimal:
    """``MathUtils.toBigDecimal``: a BigDecimal or BigInteger as it is, any other Number
    through ``doubleValue()`` (so a Long loses precision); NaN and infinities fail."""
    cls = type(value)
    if cls is Decimal:
        return value  # type: ignore[no-any-return]
    if _is_big(value):
        return Decimal(int(value))
    number = float(value)
    if not math.isfinite(number):
        raise JavaException("java.lang.NumberFormatException", "Infinite or NaN")
    return Decimal(number)


def _positive_zero(value: Decimal) -> Decimal:
    """BigDecimal has no negative zero."""
    return value.copy_abs() if value.is_zero() else value


def _is_zero(value: Any) -> bool:
    """``MathUtils.isZero`` (0.0 and -0.0 are both zero)."""
    return value == 0  # type: ignore[no-any-return]


def add(left: Any, right: Any, left_text: str, right_text: str) -> Any:
    """``$a + $b``: a String on either side concatenates (a null side contributes its
    source text); two Numbers add; anything else is null."""
    lt, rt = type(left), type(right)
    if _small(left, right):
        return left + right
    if lt is str or rt is str:
        a = left_text if left is None else to_string(left)
        b = right_text if right is None else to_string(right)
        return concat("null" if a is None else a, "null" if b is None else b)
    if lt not in _NUMBER or rt not in _NUMBER:
        return None
    base = _base(left, right)
    if base == _LONG:
        total = int(left) + int(right)
        if LONG_MIN <= total <= LONG_MAX:
            return _long_result(total, left, right)
        return make_int(total, BIG_INTEGER)
    if base == _BIGINTEGER:
        return make_int(int(left) + int(right), BIG_INTEGER)
    if base == _DOUBLE:
        return float(left) + float(right)
    if base == _FLOAT:
        return _float_arith(operator.add, left, right)
    x, y = _big_decimal(left), _big_decimal(right)
    _check_sum_digits(x, y)
    return _positive_zero(_EXACT.add(x, y))


def sub(left: Any, right: Any) -> Any:
    """``$a - $b``"""
    lt, rt = type(left), type(right)
    if _small(left, right):
        return left - right
    if lt not in _NUMBER or rt not in _NUMBER:
        return None
    base = _base(left, right)
    if base == _LONG:
        difference = int(left) - int(right)
        if LONG_MIN <= difference <= LONG_MAX:
            return _long_result(difference, left, right)
        return make_int(difference, BIG_INTEGER)
    if base == _BIGINTEGER:
        return make_int(int(left) - int(right), BIG_INTEGER)
    if base == _DOUBLE:
        return float(left) - float(right)
    if base == _FLOAT:
        return _float_arith(operator.sub, left, right)
    x, y = _big_decimal(left), _big_decimal(right)
    _check_sum_digits(x, y)
    return _positive_zero(_EXACT.subtract(x, y))


def mul(left: Any, right: Any) -> Any:
    """``$a * $b`` (a Long overflow becomes a BigInteger, except Java's own blind spot
    ``Long.MIN_VALUE * -1``, which stays ``Long.MIN_VALUE``)."""
    if _small(left, right):
        return left * right  # fits a long; Integer or Long by magnitude, as Java's
    lt, rt = type(left), type(right)
    if lt not in _NUMBER or rt not in _NUMBER:
        return None
    base = _base(left, right)
    if base == _LONG:
        a, b = int(left), int(right)
        product = wrap64(a * b)
        if b != 0 and _long_div(product, b) != a:
            return make_int(a * b, BIG_INTEGER)
        return _long_result(product, left, right)
    if base == _BIGINTEGER:
        # Repeated squaring stops at the output limit (a number too long to print).
        check_bits(int(left).bit_length() + int(right).bit_length())
        return make_int(int(left) * int(right), BIG_INTEGER)
    if base == _DOUBLE:
        return float(left) * float(right)
    if base == _FLOAT:
        return _float_arith(operator.mul, left, right)
    x, y = _big_decimal(left), _big_decimal(right)
    check_digits(len(x.as_tuple().digits) + len(y.as_tuple().digits))
    if x and y:
        _check_scale(_scale(x) + _scale(y))  # BigDecimal.multiply: scale1 + scale2
    return _positive_zero(_EXACT.multiply(x, y))


def _scale(value: Decimal) -> int:
    """A finite BigDecimal's scale (minus Python's exponent)."""
    return -int(value.as_tuple().exponent)


def _check_scale(scale: int) -> None:
    """``BigDecimal.checkScale`` of a non-zero result: its scale must be a Java int."""
    if scale > _INT_MAX:
        raise JavaException("java.lang.ArithmeticException", "Underflow")
    if scale < _INT_MIN:
        raise JavaException("java.lang.ArithmeticException", "Overflow")


def _check_sum_digits(x: Decimal, y: Decimal) -> None:
    """Before adding or subtracting BigDecimals: Java aligns both to the larger scale, so
    the exact result has digits from the higher leading digit down to the lower last digit
    (1E+2147483666 + 3 would need two billion). Past the render's digit limit, or past
    what a Java BigInteger holds (ArithmeticException), it is not computed (issue 14: a
    fuzzed body number made Python's decimal raise Overflow after seconds)."""
    lowest = min(x.as_tuple().exponent, y.as_tuple().exponent)
    _check_exact_digits(max(x.adjusted(), y.adjusted()) - int(lowest) + 2)


def _check_exact_digits(digits: int) -> None:
    """An exact result of ``digits`` digits is computed only within the render's digit
    limit and what a Java BigInteger can hold (past it Java throws)."""
    check_digits(digits)
    if digits > _JAVA_BIG_DIGITS:
        raise JavaException("java.lang.ArithmeticException", "BigInteger would overflow supported range")


def _long_div(a: int, b: int) -> int:
    """Java ``long`` division: truncating, ``Long.MIN_VALUE / -1`` overflows."""
    q = abs(a) // abs(b)
    return wrap64(q if (a < 0) == (b < 0) else -q)


def div(left: Any, right: Any) -> Any:
    """``$a / $b``: integer division truncates; division by zero is null."""
    if _small(left, right):
        if right == 0:
            return None
        q = abs(left) // abs(right)
        return q if (left < 0) == (right < 0) else -q
    lt, rt = type(left), type(right)
    if lt not in _NUMBER or rt not in _NUMBER or _is_zero(right):
        return None
    base = _base(left, right)
    if base == _LONG:
        return _long_result(_long_div(int(left), int(right)), left, right)
    if base == _BIGINTEGER:
        q = abs(int(left)) // abs(int(right))
        return make_int(q if (left < 0) == (right < 0) else -q, BIG_INTEGER)
    if base == _DOUBLE:
        return float(left) / float(right)
    if base == _FLOAT:
        return _float_arith(operator.truediv, left, right)
    return _decimal_divide(_big_decimal(left), _big_decimal(right))


def _unscaled(value: Decimal) -> tuple[int, int]:
    """A BigDecimal's (unscaledValue, scale)."""
    sign, digits, exponent = value.as_tuple()
    unscaled = int("".join(map(str, digits)) or "0")
    return (-unscaled if sign else unscaled), -int(exponent)


def _decimal_divide(left: Decimal, right: Decimal) -> Decimal:
    """``left.divide(right, ROUND_HALF_DOWN)``: the result keeps ``left``'s scale."""
    u1, s1 = _unscaled(left)
    u2, s2 = _unscaled(right)
    # result * 10**s1 == u1 * 10**s2 / u2: a scale far from the other's makes these huge
    _check_exact_digits(len(str(abs(u1))) + len(str(abs(u2))) + abs(s2))
    numerator = u1 * 10 ** max(s2, 0)
    denominator = u2 * 10 ** max(-s2, 0)
    quotient = _round_half_down(numerator, denominator)
    return Decimal((0 if quotient >= 0 else 1, tuple(map(int, str(abs(quotient)))), -s1))


def _round_half_down(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` rounded to an integer, ties towards zero."""
    negative = (numerator < 0) != (denominator < 0)
    q, r = divmod(abs(numerator), abs(denominator))
    if 2 * r > abs(denominator):
        q += 1
    return -q if negative else q


def mod(left: Any, right: Any) -> Any:
    """``$a % $b``: the sign of the dividend; modulo by zero is null."""
    if _small(left, right):
        if right == 0:
            return None
        r = abs(left) % abs(right)
        return -r if left < 0 else r
    lt, rt = type(left), type(right)
    if lt not in _NUMBER or rt not in _NUMBER or _is_zero(right):
        return None
    base = _base(left, right)
    if base == _LONG:
        r = abs(int(left)) % abs(int(right))
        return _long_result(-r if left < 0 else r, left, right)
    if base == _BIGINTEGER:
        # BigInteger.mod: never negative, and the modulus must be positive.
        if right < 0:
            raise JavaException("java.lang.ArithmeticException",
                                "BigInteger: modulus not positive")
        return make_int(int(left) % int(right), BIG_INTEGER)
    if base == _DOUBLE:
        return _fmod(float(left), float(right))
    if base == _FLOAT:
        return _float_arith(_fmod, left, right)
    raise JavaException("java.lang.ArithmeticException",
                        "Cannot calculate the modulo of BigDecimals.")


def _fmod(a: float, b: float) -> float:
    """Java's ``%`` on doubles (C ``fmod``; Python's raises on infinities)."""
    if math.isnan(a) or math.isnan(b) or math.isinf(a):
        return math.nan
    if math.isinf(b):
        return a
    return math.fmod(a, b)


def compare(left: Any, right: Any) -> int:
    """``MathUtils.compare`` of two Numbers: -1, 0 or 1 (NaN compares equal to anything)."""
    base = _base(left, right)
    if base == _LONG or base == _BIGINTEGER:
        return int(left > right) - int(left < right)
    if base == _DOUBLE:
        a, b = float(left), float(right)
        return -1 if a < b else (1 if a > b else 0)
    if base == _FLOAT:
        fa, fb = to_float(left), to_float(right)
        return -1 if fa < fb else (1 if fa > fb else 0)
    a_dec, b_dec = _big_decimal(left), _big_decimal(right)
    return (a_dec > b_dec) - (a_dec < b_dec)


def _assignable(left: Any, right: Any) -> bool:
    """One value's class is assignable from the other's (Boolean is no Integer)."""
    lt, rt = type(left), type(right)
    if lt is bool or rt is bool:
        return lt is rt
    return isinstance(left, rt) or isinstance(right, lt)


def equals(left: Any, right: Any) -> bool:
    """``ASTEQNode`` (``!=`` is its negation): Numbers compare numerically, related
    classes use ``equals``, anything else compares ``toString()``s."""
    lt, rt = type(left), type(right)
    if lt is rt and (lt is str or lt is int):
        return left == right  # type: ignore[no-any-return]
    if lt in _NUMBER and rt in _NUMBER:
        return compare(left, right) == 0
    if left is not None and right is not None and _assignable(left, right):
        return java_equals(left, right)
    a = None if left is None else to_string(left)
    b = None if right is None else to_string(right)
    if a is None or b is None:
        return a is None and b is None
    return a == b


def _relational(left: Any, right: Any) -> int | None:
    lt, rt = type(left), type(right)
    if lt is int and rt is int:
        return (left > right) - (left < right)  # type: ignore[no-any-return]
    if lt not in _NUMBER or rt not in _NUMBER:
        return None
    return compare(left, right)


def less(left: Any, right: Any) -> bool:
    """``$a < $b``: only for two Numbers; false otherwise."""
    c = _relational(left, right)
    return c is not None and c < 0


def less_equal(left: Any, right: Any) -> bool:
    """``$a <= $b``"""
    c = _relational(left, right)
    return c is not None and c <= 0


def greater(left: Any, right: Any) -> bool:
    """``$a > $b``"""
    c = _relational(left, right)
    return c is not None and c > 0


def greater_equal(left: Any, right: Any) -> bool:
    """``$a >= $b``"""
    c = _relational(left, right)
    return c is not None and c >= 0

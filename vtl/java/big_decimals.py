"""``java.math.BigDecimal``'s exact arithmetic and scale methods (JDK 17).

A BigDecimal comes from mixing a BigInteger (a JSON number beyond a ``long``) with a
Double (``$big * 1.5``), so a template can call ``$amount.setScale(2, 4)``,
``$amount.add($other)`` or ``$amount.stripTrailingZeros()``. Values are ``Decimal`` s whose
exponent is the negated scale; every operation here is exact (an unbounded context), and
a zero never keeps a sign (Java has no -0 BigDecimal). A BigDecimal parameter takes only a
BigDecimal; a null argument is the NullPointerException the JDK meets first (messages
recorded: cases velocity/realworld/big-decimal-*).

``divide``, ``remainder`` and the ``MathContext`` overloads are not modelled.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from vtl.java.limits import check_digits
from vtl.java.numbers import is_integer
from vtl.java.objects import npe, require
from vtl.java.printing import BIG_INTEGER, make_int
from vtl.java.registry import JavaException, java_method

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


def _binary(name: str, null_message: str, operation: Callable[[Decimal, Decimal], Decimal]) -> None:
    """Register ``BigDecimal name(BigDecimal)``."""

    def method(value: Decimal, other: Any) -> Decimal:
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
_binary("max", 'Cannot read field "scale" because "val" is null', max)
_binary("min", 'Cannot read field "scale" because "val" is null', min)


@java_method(Decimal, "negate")
def big_decimal_negate(value: Decimal) -> Decimal:
    """``BigDecimal BigDecimal.negate()``"""
    return _unsigned_zero(value.copy_negate())


@java_method(Decimal, "abs")
def big_decimal_abs(value: Decimal) -> Decimal:
    """``BigDecimal BigDecimal.abs()``"""
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
    require(is_integer(scale) and len(mode) <= 1 and all(is_integer(m) for m in mode))
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
    """The unscaled value at ``scale``; a negative scale is set to 0, as movePoint* do."""
    sign, digits, _ = value.as_tuple()
    moved = Decimal((sign, digits, -scale))
    if scale < 0:
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

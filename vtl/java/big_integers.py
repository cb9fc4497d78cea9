"""``java.math.BigInteger``'s arithmetic and bit methods (JDK 17).

A JSON number beyond a ``long`` is a BigInteger (json-smart), so a template reading one
can call ``$big.add($other)``, ``$big.pow(2)`` or ``$big.bitLength()``. The receiver must
be a BigInteger (an Integer or a Long has no ``add``); a BigInteger parameter takes only a
BigInteger (Velocity converts nothing: ``$big.add(1)`` finds no method), an ``int``
parameter only an Integer. A null argument is the NullPointerException the JDK's code
meets first (the messages were recorded: cases velocity/numbers/big-integer-*).

``max``/``min`` share their names with ``Integer.max``/``min`` (vtl/java/numbers.py).
``toByteArray``, ``divideAndRemainder`` (arrays), ``modPow``, ``modInverse`` and the prime
tests are not modelled.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from vtl.java.limits import check_bits
from vtl.java.numbers import is_big_integer, is_integer
from vtl.java.objects import npe, require
from vtl.java.printing import BIG_INTEGER, INT_MAX, INT_MIN, LONG, LONG_MAX, LONG_MIN, make_int
from vtl.java.registry import JavaException, java_method


def _arithmetic(message: str) -> JavaException:
    return JavaException("java.lang.ArithmeticException", message)


def _big(value: int) -> int:
    return make_int(value, BIG_INTEGER)


def _operand(value: Any, other: Any, null_message: str) -> int:
    """Check a BigInteger receiver and a BigInteger argument (null: the JDK's NPE)."""
    require(is_big_integer(value))
    if other is None:
        raise npe(null_message)
    require(is_big_integer(other))
    return int(other)


def _bit_address(value: Any, bit: Any) -> int:
    """Check a BigInteger receiver and an ``int`` bit address (negative: refused)."""
    require(is_big_integer(value) and is_integer(bit))
    if bit < 0:
        raise _arithmetic("Negative bit address")
    check_bits(bit)
    return int(bit)


_SIGNUM = 'Cannot read field "signum" because "val" is null'
_MAG = 'Cannot read field "mag" because "val" is null'
_INT_LENGTH = 'Cannot invoke "java.math.BigInteger.intLength()" because "val" is null'


def _truncating_divide(a: int, b: int) -> int:
    """Java's integer division: the quotient rounded toward zero."""
    if b == 0:
        raise _arithmetic("BigInteger divide by zero")
    quotient = abs(a) // abs(b)
    return quotient if (a < 0) == (b < 0) else -quotient


def _binary(name: str, null_message: str, operation: Callable[[int, int], int]) -> None:
    """Register ``BigInteger name(BigInteger val)``."""

    def method(value: int, other: Any) -> int:
        return _big(operation(int(value), _operand(value, other, null_message)))

    method.__name__ = f"big_integer_{name}"
    method.__doc__ = f"``BigInteger BigInteger.{name}(BigInteger)``"
    java_method(int, name)(method)


def _remainder(a: int, b: int) -> int:
    return a - b * _truncating_divide(a, b)


def _mod(a: int, m: int) -> int:
    if m <= 0:
        raise _arithmetic("BigInteger: modulus not positive")
    return a % m


def _multiply(a: int, b: int) -> int:
    check_bits(a.bit_length() + b.bit_length())
    return a * b


_binary("add", _SIGNUM, lambda a, b: a + b)
_binary("subtract", _SIGNUM, lambda a, b: a - b)
_binary("multiply", _SIGNUM, _multiply)
_binary("divide", _MAG, _truncating_divide)
_binary("remainder", _MAG, _remainder)
_binary("mod", 'Cannot read field "signum" because "m" is null', _mod)
_binary("gcd", _SIGNUM, math.gcd)
_binary("and", _INT_LENGTH, lambda a, b: a & b)
_binary("or", _INT_LENGTH, lambda a, b: a | b)
_binary("xor", _INT_LENGTH, lambda a, b: a ^ b)
_binary("andNot", _INT_LENGTH, lambda a, b: a & ~b)


@java_method(int, "not")
def big_integer_not(value: int) -> int:
    """``BigInteger BigInteger.not()``: ``~this``."""
    require(is_big_integer(value))
    return _big(~int(value))


@java_method(int, "bitLength")
def big_integer_bit_length(value: int) -> int:
    """``int BigInteger.bitLength()``: two's-complement bits without the sign bit."""
    require(is_big_integer(value))
    return (~value if value < 0 else int(value)).bit_length()


@java_method(int, "bitCount")
def big_integer_bit_count(value: int) -> int:
    """``int BigInteger.bitCount()``: the bits that differ from the sign bit."""
    require(is_big_integer(value))
    return (~value if value < 0 else int(value)).bit_count()


@java_method(int, "getLowestSetBit")
def big_integer_lowest_set_bit(value: int) -> int:
    """``int BigInteger.getLowestSetBit()`` (-1 for zero)."""
    require(is_big_integer(value))
    return (value & -value).bit_length() - 1


@java_method(int, "testBit")
def big_integer_test_bit(value: int, bit: Any) -> bool:
    """``boolean BigInteger.testBit(int)``"""
    return bool((int(value) >> _bit_address(value, bit)) & 1)


@java_method(int, "setBit")
def big_integer_set_bit(value: int, bit: Any) -> int:
    """``BigInteger BigInteger.setBit(int)``"""
    return _big(int(value) | (1 << _bit_address(value, bit)))


@java_method(int, "clearBit")
def big_integer_clear_bit(value: int, bit: Any) -> int:
    """``BigInteger BigInteger.clearBit(int)``"""
    return _big(int(value) & ~(1 << _bit_address(value, bit)))


@java_method(int, "flipBit")
def big_integer_flip_bit(value: int, bit: Any) -> int:
    """``BigInteger BigInteger.flipBit(int)``"""
    return _big(int(value) ^ (1 << _bit_address(value, bit)))


def _shift(value: int, left: int) -> int:
    if left <= 0:
        return value >> -left
    check_bits(value.bit_length() + left)
    return value << left


@java_method(int, "shiftLeft")
def big_integer_shift_left(value: int, n: Any) -> int:
    """``BigInteger BigInteger.shiftLeft(int)`` (a negative ``n`` shifts right)."""
    require(is_big_integer(value) and is_integer(n))
    return _big(_shift(int(value), n))


@java_method(int, "shiftRight")
def big_integer_shift_right(value: int, n: Any) -> int:
    """``BigInteger BigInteger.shiftRight(int)``: floor division by 2^n, as ``>>``."""
    require(is_big_integer(value) and is_integer(n))
    return _big(_shift(int(value), -n))


@java_method(int, "pow")
def big_integer_pow(value: int, exponent: Any) -> int:
    """``BigInteger BigInteger.pow(int)``"""
    require(is_big_integer(value) and is_integer(exponent))
    if exponent < 0:
        raise _arithmetic("Negative exponent")
    check_bits(value.bit_length() * exponent)
    return _big(int(value) ** exponent)


@java_method(int, "sqrt")
def big_integer_sqrt(value: int) -> int:
    """``BigInteger BigInteger.sqrt()``: the floor of the square root."""
    require(is_big_integer(value))
    if value < 0:
        raise _arithmetic("Negative BigInteger")
    return _big(math.isqrt(value))


def _exact(name: str, low: int, high: int, kind: str, result_kind: int | None) -> None:
    """Register ``BigInteger.<name>ValueExact()``."""

    def method(value: int) -> int:
        require(is_big_integer(value))
        if not low <= value <= high:
            raise _arithmetic(f"BigInteger out of {kind} range")
        return int(value) if result_kind is None else make_int(int(value), result_kind)

    method.__name__ = f"big_integer_{name}_value_exact"
    method.__doc__ = f"``{kind} BigInteger.{name}ValueExact()``"
    java_method(int, f"{name}ValueExact")(method)


_exact("long", LONG_MIN, LONG_MAX, "long", LONG)
_exact("int", INT_MIN, INT_MAX, "int", None)
# No Short or Byte here: like shortValue()/byteValue(), the result is a plain number.
_exact("short", -(2**15), 2**15 - 1, "short", None)
_exact("byte", -(2**7), 2**7 - 1, "byte", None)

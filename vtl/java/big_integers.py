"""``java.math.BigInteger``'s arithmetic and bit methods (JDK 17).

A JSON number beyond a ``long`` is a BigInteger (json-smart), so a template reading one
can call ``$big.add($other)``, ``$big.pow(2)`` or ``$big.bitLength()``. The receiver must
be a BigInteger (an Integer or a Long has no ``add``); a BigInteger parameter takes only a
BigInteger (Velocity converts nothing: ``$big.add(1)`` finds no method), an ``int``
parameter only an Integer. A null argument is the NullPointerException the JDK's code
meets first (the messages were recorded: cases velocity/realworld/big-integer-* and
velocity/arithmetic/big-integer-*).

``max``/``min`` share their names with ``Integer.max``/``min`` (vtl/java/numbers.py).
``divideAndRemainder``/``sqrtAndRemainder`` return a ``BigInteger[]`` and ``toByteArray`` a
``byte[]``, indexed and walked as Velocity does any array. The prime tests answer what a
true primality test answers: JDK 17's are probabilistic (random Miller-Rabin bases, plus a
Lucas test from 100 bits), wrong for a composite with a chance below 2^-certainty, which no
recording can show; here they are Baillie-PSW, with no known counterexample.
``probablePrime(int, Random)`` needs a ``java.util.Random``, which no template can obtain.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from vtl.java.limits import check_bits, check_now
from vtl.java.numbers import fits_long, is_big_integer, is_integer
from vtl.java.objects import npe, require
from vtl.java.printing import (
    BIG_INTEGER,
    INT_MAX,
    INT_MIN,
    LONG,
    LONG_MAX,
    LONG_MIN,
    int_to_string,
    make_int,
)
from vtl.java.registry import JavaException, find_method, java_class, java_method


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
def big_integer_bit_count(value: int, *args: Any) -> int:
    """``int BigInteger.bitCount()``: the bits that differ from the sign bit; static
    ``Integer.bitCount(int)``, ``Long.bitCount(long)`` through an Integer or a Long."""
    if is_big_integer(value):
        require(not args)
        return (~value if value < 0 else int(value)).bit_count()
    require(len(args) == 1 and (is_integer if is_integer(value) else fits_long)(args[0]))
    return (args[0] & ((1 << (32 if is_integer(value) else 64)) - 1)).bit_count()  # type: ignore[no-any-return]


# Only BigInteger has a parameterless bitCount (the *args above would say otherwise).
big_integer_bit_count.java_nullary = is_big_integer  # type: ignore[attr-defined]


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
    if value == 0:  # BigInteger.shiftLeft/shiftRight: ZERO at once, whatever the distance
        return 0
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


# --- arrays: divideAndRemainder, sqrtAndRemainder, toByteArray ------------------------


class BigIntegerArray(tuple):  # type: ignore[type-arg]
    """A Java ``BigInteger[]``: ``divideAndRemainder`` and ``sqrtAndRemainder`` results."""

    __slots__ = ()


java_class(BigIntegerArray, "[Ljava.math.BigInteger;")


class ByteArray(tuple):  # type: ignore[type-arg]
    """A Java ``byte[]`` (``toByteArray``); its elements are plain numbers here, as this
    engine has no ``java.lang.Byte`` (``byteValue()`` gives a plain number too)."""

    __slots__ = ()


java_class(ByteArray, "[B")


@java_method(int, "divideAndRemainder")
def big_integer_divide_and_remainder(value: int, other: Any) -> BigIntegerArray:
    """``BigInteger[] BigInteger.divideAndRemainder(BigInteger)``: {quotient, remainder}."""
    divisor = _operand(value, other, _MAG)
    quotient = _truncating_divide(int(value), divisor)
    return BigIntegerArray((_big(quotient), _big(int(value) - quotient * divisor)))


@java_method(int, "sqrtAndRemainder")
def big_integer_sqrt_and_remainder(value: int) -> BigIntegerArray:
    """``BigInteger[] BigInteger.sqrtAndRemainder()``: {s, this - s*s}."""
    root = big_integer_sqrt(value)
    return BigIntegerArray((root, _big(int(value) - root * root)))


@java_method(int, "toByteArray")
def big_integer_to_byte_array(value: int) -> ByteArray:
    """``byte[] BigInteger.toByteArray()``: two's complement, big-endian, fewest bytes."""
    require(is_big_integer(value))
    length = big_integer_bit_length(value) // 8 + 1
    unsigned = int(value).to_bytes(length, "big", signed=True)
    return ByteArray(b - 256 if b > 127 else b for b in unsigned)


# --- modular arithmetic ---------------------------------------------------------------

#: Modulus bits times exponent bits per built-in ``pow`` call between two checks of the
#: render's time limit: Python's ``pow`` cannot be interrupted, and one squaring modulo a
#: number of a hundred thousand digits takes a tenth of a second.
_POW_WORK = 2**16


def _power_mod(base: int, exponent: int, modulus: int) -> int:
    """``base ** exponent % modulus`` (exponent >= 0, modulus > 1), a few exponent bits at
    a time, checking the render's time limit in between."""
    step = max(1, min(64, _POW_WORK // modulus.bit_length()))
    result = 1
    for start in range(((exponent.bit_length() - 1) // step) * step, -1, -step):
        chunk = (exponent >> start) & ((1 << step) - 1)
        result = pow(result, 1 << step, modulus) * pow(base, chunk, modulus) % modulus
        check_now()
    return result


def _modulus(value: Any, m: Any) -> int:
    """Check a BigInteger receiver and a positive BigInteger modulus, in the JDK's order."""
    require(is_big_integer(value))
    if m is None:
        raise npe('Cannot read field "signum" because "m" is null')
    require(is_big_integer(m))
    if m <= 0:
        raise _arithmetic("BigInteger: modulus not positive")
    return int(m)


def _inverse(value: int, modulus: int) -> int:
    try:
        return pow(value, -1, modulus)
    except ValueError:  # not coprime to the modulus
        raise _arithmetic("BigInteger not invertible.") from None


@java_method(int, "modInverse")
def big_integer_mod_inverse(value: int, m: Any) -> int:
    """``BigInteger BigInteger.modInverse(BigInteger m)``"""
    modulus = _modulus(value, m)
    return _big(0 if modulus == 1 else _inverse(int(value), modulus))


@java_method(int, "modPow")
def big_integer_mod_pow(value: int, exponent: Any, m: Any) -> int:
    """``BigInteger BigInteger.modPow(BigInteger exponent, BigInteger m)``: a negative
    exponent raises the inverse (ArithmeticException when there is none)."""
    require(exponent is None or is_big_integer(exponent))  # Velocity's overload match first
    modulus = _modulus(value, m)
    if exponent is None:
        raise npe('Cannot read field "signum" because "exponent" is null')
    require(is_big_integer(exponent))
    if modulus == 1:
        return _big(0)
    base = int(value) % modulus
    if exponent < 0:
        base = _inverse(base, modulus)
    return _big(_power_mod(base, abs(int(exponent)), modulus))


# --- primes (Baillie-PSW: Miller-Rabin base 2 and a strong Lucas test) ------------------

_SMALL_PRIMES = tuple(p for p in range(2, 1000) if all(p % q for q in range(2, math.isqrt(p) + 1)))
_SMALL_PRIMES_PRODUCT = math.prod(_SMALL_PRIMES)


def _strong_probable_prime(n: int, base: int) -> bool:
    """Miller-Rabin with one base (n odd, > base)."""
    odd, twos = n - 1, 0
    while odd % 2 == 0:
        odd //= 2
        twos += 1
    x = _power_mod(base, odd, n)
    if x in (1, n - 1):
        return True
    for _ in range(twos - 1):
        x = x * x % n
        check_now()
        if x == n - 1:
            return True
    return False


def _jacobi(a: int, n: int) -> int:
    """The Jacobi symbol (a/n), n odd and positive."""
    a %= n
    result = 1
    while a:
        while a % 2 == 0:
            a //= 2
            if n % 8 in (3, 5):
                result = -result
        a, n = n, a
        if a % 4 == 3 and n % 4 == 3:
            result = -result
        a %= n
    return result if n == 1 else 0


def _half(x: int, n: int) -> int:
    """x / 2 modulo the odd n."""
    x %= n
    return (x + n) // 2 if x % 2 else x // 2


def _strong_lucas_probable_prime(n: int) -> bool:
    """The strong Lucas test with Selfridge's parameters (n odd, not a square)."""
    d = 5
    while _jacobi(d, n) != -1:
        if _jacobi(d, n) == 0 and abs(d) != n:
            return False
        d = -d - 2 if d > 0 else -d + 2
    q = (1 - d) // 4
    odd, twos = n + 1, 0
    while odd % 2 == 0:
        odd //= 2
        twos += 1
    u, v, q_power = 1, 1, q % n
    for bit in bin(odd)[3:]:
        u, v, q_power = u * v % n, (v * v - 2 * q_power) % n, q_power * q_power % n
        if bit == "1":
            u, v = _half(u + v, n), _half(d * u + v, n)
            q_power = q_power * q % n
        check_now()
    if u == 0 or v == 0:
        return True
    for _ in range(twos - 1):
        v, q_power = (v * v - 2 * q_power) % n, q_power * q_power % n
        if v == 0:
            return True
    return False


def _is_prime(n: int) -> bool:
    """Whether ``n`` (>= 0) is prime, by Baillie-PSW (exact below 2^64, and no composite
    is known to pass it)."""
    if n < 2:
        return False
    if n in _SMALL_PRIMES:
        return True
    if math.gcd(n, _SMALL_PRIMES_PRODUCT) != 1:
        return False
    if not _strong_probable_prime(n, 2):
        return False
    if math.isqrt(n) ** 2 == n:
        return False
    return _strong_lucas_probable_prime(n)


@java_method(int, "isProbablePrime")
def big_integer_is_probable_prime(value: int, certainty: Any) -> bool:
    """``boolean BigInteger.isProbablePrime(int certainty)``: of the absolute value; a
    certainty of 0 or less is always true."""
    require(is_big_integer(value) and is_integer(certainty))
    return certainty <= 0 or _is_prime(abs(int(value)))


@java_method(int, "nextProbablePrime")
def big_integer_next_probable_prime(value: int) -> int:
    """``BigInteger BigInteger.nextProbablePrime()``: the first prime above this."""
    require(is_big_integer(value))
    if value < 0:
        raise _arithmetic(f"start < 0: {int_to_string(value)}")
    candidate = int(value) + 1
    if candidate <= 2:
        return _big(2)
    candidate |= 1
    while not _is_prime(candidate):
        candidate += 2
        check_now()
    return _big(candidate)


# These parameterless methods are BigInteger's alone: on an Integer or a Long, a call
# with arguments finds no method at all rather than Velocity's parameterless-overload
# rule (recorded: case velocity/arithmetic/big-integer-methods-on-integer).
for _name in ("not", "bitLength", "getLowestSetBit", "sqrt", "sqrtAndRemainder", "toByteArray",
              "nextProbablePrime", "longValueExact", "intValueExact", "shortValueExact",
              "byteValueExact", "negate", "abs"):
    _function = find_method(int, _name)
    assert _function is not None and not hasattr(_function, "java_nullary"), _name
    _function.java_nullary = is_big_integer  # type: ignore[attr-defined]

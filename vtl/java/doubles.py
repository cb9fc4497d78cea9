"""``Double.toString`` and ``Float.toString`` exactly as JDK 17 prints them.

A port of ``jdk.internal.math.FloatingDecimal.BinaryToASCIIBuffer.dtoa`` (the
"compatible format" used by ``Double.toString`` up to Java 18). Its digits are not
always the shortest that round-trip: ``2e23`` prints ``1.9999999999999998E23`` and
``1e23`` prints ``9.999999999999999E22``. Python's ``repr`` (shortest digits, other
layout) must never be used for a Java double.

Java's ``int``/``long`` fast paths overflow in places the algorithm relies on
("m might overflow"); :func:`_wrap32` and :func:`_wrap64` reproduce that.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Callable
from functools import lru_cache

_PACK = struct.Struct("<d").pack
_PACK_SINGLE = struct.Struct("<f").pack
_SINGLE_EXP_SHIFT = 23
_SINGLE_SIGNIF_MASK = (1 << _SINGLE_EXP_SHIFT) - 1
_SINGLE_EXP_BIAS = 127

_EXP_SHIFT = 52
_FRACT_HOB = 1 << _EXP_SHIFT
_SIGNIF_MASK = _FRACT_HOB - 1
_EXP_BIAS = 1023
_MAX_SMALL_BIN_EXP = 62
_MIN_SMALL_BIN_EXP = -(63 // 3)

_LONG_5_POW = [5**i for i in range(27)]
_SMALL_5_POW = [5**i for i in range(14)]
# Approximately ceil(log2(5**i)), as in the JDK.
_N_5_BITS = [0, 3, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28, 31, 33, 35, 38, 40, 42, 45,
             47, 49, 52, 54, 56, 59, 61]
_INSIGNIFICANT_DIGITS = [
    0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7,
    8, 8, 8, 9, 9, 9, 9, 10, 10, 10, 11, 11, 11, 12, 12, 12, 12, 13, 13, 13, 14, 14, 14,
    15, 15, 15, 15, 16, 16, 16, 17, 17, 17, 18, 18, 18, 19,
]


def _wrap32(v: int) -> int:
    """Java ``int`` overflow."""
    return ((v + 0x80000000) & 0xFFFFFFFF) - 0x80000000


def _wrap64(v: int) -> int:
    """Java ``long`` overflow."""
    return ((v + 0x8000000000000000) & 0xFFFFFFFFFFFFFFFF) - 0x8000000000000000


def double_to_string(d: float) -> str:
    """``Double.toString(double)`` of JDK 17: ``1.0``, ``1.0E7``, ``1.0E-4``, ``NaN``."""
    if math.isnan(d):
        return "NaN"
    if d == 0.0:  # before the cache: 0.0 and -0.0 are equal keys
        return "-0.0" if _PACK(d)[7] & 0x80 else "0.0"
    return _nonzero_to_string(d)


@lru_cache(maxsize=8192)
def _nonzero_to_string(d: float) -> str:
    if math.isinf(d):
        return "-Infinity" if d < 0 else "Infinity"
    digits, dec_exponent = double_digits(abs(d))
    return _format(d < 0, digits, dec_exponent)


def float_to_string(f: float) -> str:
    """``Float.toString(float)`` of JDK 17 for ``f``, a value that is an IEEE single:
    ``0.1``, ``1.0E10``, ``3.4028235E38``. ``FloatingDecimal`` runs the double's ``dtoa``
    on the float's bits (fraction shifted up 29 bits) with 24 significant bits, so its
    digits are a float's (``0.1f`` is not ``0.10000000149011612``)."""
    if math.isnan(f):
        return "NaN"
    if f == 0.0:
        return "-0.0" if _PACK(f)[7] & 0x80 else "0.0"
    if math.isinf(f):
        return "-Infinity" if f < 0 else "Infinity"
    return _nonzero_float_to_string(f)


@lru_cache(maxsize=4096)
def _nonzero_float_to_string(f: float) -> str:
    bits = int.from_bytes(_PACK_SINGLE(f), "little")
    fract_bits, bin_exp, n_significant_bits = _normalised(
        bits & _SINGLE_SIGNIF_MASK, (bits >> _SINGLE_EXP_SHIFT) & 0xFF, _SINGLE_EXP_SHIFT, 32)
    digits, dec_exponent = _dtoa(bin_exp - _SINGLE_EXP_BIAS,
                                 fract_bits << (_EXP_SHIFT - _SINGLE_EXP_SHIFT), n_significant_bits)
    return _format(f < 0, digits, dec_exponent)


def _develop_long_digits(lvalue: int, insignificant: int) -> tuple[str, int]:
    """The easy case: the value is an integer held in ``lvalue``."""
    dec_exponent = 0
    if insignificant != 0:
        pow10 = _LONG_5_POW[insignificant] << insignificant
        residue = lvalue % pow10
        lvalue //= pow10
        dec_exponent += insignificant
        if residue >= (pow10 >> 1):
            lvalue += 1
    text = str(lvalue)
    stripped = text.rstrip("0")
    dec_exponent += len(text) - len(stripped)
    return stripped, dec_exponent + len(stripped)


def double_digits(d: float, compatible: bool = True) -> tuple[str, int]:
    """The decimal digits and decExponent of a finite ``d >= 0`` as JDK 17's
    ``FloatingDecimal`` develops them: ``compatible`` for ``Double.toString``; without it
    (``String.format``) at least two digits are developed before stopping."""
    if d == 0.0:
        return "0", 0
    bits = int.from_bytes(_PACK(d), "little")
    fract_bits, bin_exp, n_significant_bits = _normalised(
        bits & _SIGNIF_MASK, (bits >> _EXP_SHIFT) & 0x7FF, _EXP_SHIFT, 64)
    return _dtoa(bin_exp - _EXP_BIAS, fract_bits, n_significant_bits, compatible)


def _normalised(fract_bits: int, bin_exp: int, exp_shift: int, width: int) -> tuple[int, int, int]:
    """(fraction with its hidden bit, biased exponent, significant bits) of a double
    (``width`` 64) or a float (32), a subnormal normalised as FloatingDecimal's
    getBinaryToASCIIConverter does."""
    if bin_exp == 0:
        leading_zeros = width - fract_bits.bit_length()
        shift = leading_zeros - (width - 1 - exp_shift)
        return fract_bits << shift, 1 - shift, width - leading_zeros
    return fract_bits | (1 << exp_shift), bin_exp, exp_shift + 1


def _dtoa(bin_exp: int, fract_bits: int, n_significant_bits: int,
          compatible: bool = True) -> tuple[str, int]:
    """Return (digits, decExponent) as ``BinaryToASCIIBuffer.dtoa`` computes them."""
    tail_zeros = (fract_bits & -fract_bits).bit_length() - 1
    n_fract_bits = _EXP_SHIFT + 1 - tail_zeros
    n_tiny_bits = max(0, n_fract_bits - bin_exp - 1)
    if (_MIN_SMALL_BIN_EXP <= bin_exp <= _MAX_SMALL_BIN_EXP and n_tiny_bits == 0
            and n_fract_bits + _N_5_BITS[n_tiny_bits] < 64):
        # The easy case: an integer that fits a long.
        insignificant = 0
        p2 = bin_exp - n_significant_bits - 1
        if bin_exp > n_significant_bits and 1 < p2 < len(_INSIGNIFICANT_DIGITS):
            insignificant = _INSIGNIFICANT_DIGITS[p2]
        if bin_exp >= _EXP_SHIFT:
            fract_bits <<= bin_exp - _EXP_SHIFT
        else:
            fract_bits >>= _EXP_SHIFT - bin_exp
        return _develop_long_digits(fract_bits, insignificant)
    dec_exp = _estimate_dec_exp(fract_bits, bin_exp)
    b5 = max(0, -dec_exp)
    b2 = b5 + n_tiny_bits + bin_exp
    s5 = max(0, dec_exp)
    s2 = s5 + n_tiny_bits
    m5 = b5
    m2 = b2 - n_significant_bits
    fract_bits >>= tail_zeros
    b2 -= n_fract_bits - 1
    common2 = min(b2, s2)
    b2 -= common2
    s2 -= common2
    m2 -= common2
    if n_fract_bits == 1:
        m2 -= 1
    if m2 < 0:
        b2 -= m2
        s2 -= m2
        m2 = 0
    b_bits = n_fract_bits + b2 + (_N_5_BITS[b5] if b5 < len(_N_5_BITS) else b5 * 3)
    ten_s_bits = s2 + 1 + (_N_5_BITS[s5 + 1] if s5 + 1 < len(_N_5_BITS) else (s5 + 1) * 3)
    if b_bits < 64 and ten_s_bits < 64:
        wrap = _wrap32 if (b_bits < 32 and ten_s_bits < 32) else _wrap64
        return _dtoa_fixed(wrap, fract_bits, b5, b2, s5, s2, m5, m2, dec_exp, compatible)
    return _dtoa_big(fract_bits, b5, b2, s5, s2, m5, m2, dec_exp, compatible)


def _dtoa_fixed(wrap: Callable[[int], int], fract_bits: int, b5: int, b2: int, s5: int, s2: int,
                m5: int, m2: int, dec_exp: int, compatible: bool = True) -> tuple[str, int]:
    """The ``int`` and ``long`` paths, with Java's overflow (``wrap``)."""
    w = wrap
    b = w(fract_bits * _LONG_5_POW[b5] << b2)
    s = w(_LONG_5_POW[s5] << s2)
    m = w(_LONG_5_POW[m5] << m2)
    tens = w(s * 10)
    digits: list[int] = []
    q = _java_div(b, s)
    b = w(10 * _java_rem(b, s))
    m = w(m * 10)
    low = b < m
    high = w(b + m) > tens
    if q == 0 and not high:
        dec_exp -= 1
    else:
        digits.append(q)
    # JDK: "we always have at least one digit after the ." (and String.format wants more)
    if not compatible or dec_exp < -3 or dec_exp >= 8:
        high = low = False
    while not low and not high:
        q = _java_div(b, s)
        b = w(10 * _java_rem(b, s))
        m = w(m * 10)
        if m > 0:
            low = b < m
            high = w(b + m) > tens
        else:
            low = high = True
        digits.append(q)
    low_digit_difference = w((b << 1) - tens)
    return _round(digits, dec_exp, low, high, low_digit_difference)


def _java_div(a: int, b: int) -> int:
    """Java integer division (truncating)."""
    q = abs(a) // abs(b)
    return q if (a < 0) == (b < 0) else -q


def _java_rem(a: int, b: int) -> int:
    """Java ``%`` (sign of the dividend)."""
    r = abs(a) % abs(b)
    return -r if a < 0 else r


def _dtoa_big(fract_bits: int, b5: int, b2: int, s5: int, s2: int, m5: int, m2: int,
              dec_exp: int, compatible: bool = True) -> tuple[str, int]:
    """The ``FDBigInteger`` path (exact arithmetic; the common scale factor is dropped)."""
    s = 5**s5 << s2
    b = fract_bits * 5**b5 << b2
    m = 5 ** (m5 + 1) << (m2 + 1)
    ten_s = 5 ** (s5 + 1) << (s2 + 1)
    digits: list[int] = []
    q, b = divmod(b, s)
    b *= 10
    low = b < m
    high = ten_s <= b + m
    if q == 0 and not high:
        dec_exp -= 1
    else:
        digits.append(q)
    # JDK: "we always have at least one digit after the ." (and String.format wants more)
    if not compatible or dec_exp < -3 or dec_exp >= 8:
        high = low = False
    while not low and not high:
        q, b = divmod(b, s)
        b *= 10
        m *= 10
        low = b < m
        high = ten_s <= b + m
        digits.append(q)
    low_digit_difference = 0
    if high and low:
        low_digit_difference = (b << 1) - ten_s
    return _round(digits, dec_exp, low, high, low_digit_difference)


def _round(digits: list[int], dec_exp: int, low: bool, high: bool,
           low_digit_difference: int) -> tuple[str, int]:
    """Round the last digit on the stopping condition, as ``dtoa`` does."""
    dec_exponent = dec_exp + 1
    if high and (not low or low_digit_difference > 0 or (
            low_digit_difference == 0 and digits[-1] & 1)):
        return _roundup(digits, dec_exponent)
    return "".join(map(str, digits)), dec_exponent


def _roundup(digits: list[int], dec_exponent: int) -> tuple[str, int]:
    """Add one to the last digit, carrying (``BinaryToASCIIBuffer.roundup``)."""
    i = len(digits) - 1
    while digits[i] == 9 and i > 0:
        digits[i] = 0
        i -= 1
    if digits[i] == 9:
        # Carry out: a high-order 1, the rest zeros, one more decimal exponent.
        digits[0] = 1
        return "".join(map(str, digits)), dec_exponent + 1
    digits[i] += 1
    return "".join(map(str, digits)), dec_exponent


def _estimate_dec_exp(fract_bits: int, bin_exp: int) -> int:
    """``estimateDecExp``: floor(log10(d)) estimated from the bits, maybe one too high."""
    d2 = struct.unpack("<d", ((_EXP_BIAS << _EXP_SHIFT) | (fract_bits & _SIGNIF_MASK))
                       .to_bytes(8, "little"))[0]
    d = (d2 - 1.5) * 0.289529654 + 0.176091259 + float(bin_exp) * 0.301029995663981
    d_bits = int.from_bytes(_PACK(d), "little")
    exponent = ((d_bits >> _EXP_SHIFT) & 0x7FF) - _EXP_BIAS
    is_negative = d_bits >> 63 != 0
    if 0 <= exponent < 52:
        mask = _SIGNIF_MASK >> exponent
        r = ((d_bits & _SIGNIF_MASK) | _FRACT_HOB) >> (_EXP_SHIFT - exponent)
        if is_negative:
            return -r if (mask & d_bits) == 0 else -r - 1
        return r
    if exponent < 0:
        if d_bits & ~(1 << 63) == 0:
            return 0
        return -1 if is_negative else 0
    return int(d)


def _format(negative: bool, digits: str, dec_exponent: int) -> str:
    """``BinaryToASCIIBuffer.getChars``: plain form for 1e-3 <= |d| < 1e7, else E-form."""
    sign = "-" if negative else ""
    n = len(digits)
    if 0 < dec_exponent < 8:
        if n <= dec_exponent:
            return f"{sign}{digits}{'0' * (dec_exponent - n)}.0"
        return f"{sign}{digits[:dec_exponent]}.{digits[dec_exponent:]}"
    if -3 < dec_exponent <= 0:
        return f"{sign}0.{'0' * -dec_exponent}{digits}"
    mantissa = f"{digits[0]}.{digits[1:] or '0'}"
    return f"{sign}{mantissa}E{dec_exponent - 1}"

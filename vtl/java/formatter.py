"""``java.util.Formatter`` (``String.format``) as JDK 17 runs it, locale ``en_US``.

Supported: the conversions ``b B s S h H c C d o x X e E f g G n %``, the flags
``- # + space 0 , ( <``, width, precision and explicit argument indexes (``%2$s``),
with JDK 17's checks and exception messages. Not supported (a clear
:class:`UnsupportedJava`, never a different result): ``%a``/``%A``, date/time
(``%t``/``%T``), ``%e``/``%g`` of a BigDecimal, ``%h`` of a collection or array, and
widths or precisions too large for this process.

Doubles are formatted as ``FormattedFloatingDecimal`` does: the digits of
``FloatingDecimal``'s non-"compatible" conversion (not the exact binary value, not
Python's shortest ``repr``), rounded half-up in decimal (``0.125`` → ``%.2f`` →
``0.13``, ``0.15`` → ``%.1f`` → ``0.2``).
"""

from __future__ import annotations

import math
import re
import struct
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any

from vtl.java.casing import to_upper
from vtl.java.doubles import double_digits
from vtl.java.limits import check_digits
from vtl.java.objects import UnsupportedJava, hash_code
from vtl.java.printing import (
    INT_MAX,
    INT_MIN,
    JavaChar,
    class_name,
    int_kind,
    to_string,
)
from vtl.java.registry import JavaException

_PACK = struct.Struct("<d").pack
_MAX_SIZE = 1 << 20  # a width or precision beyond this is refused (not Java's limit)

# %[argument_index$][flags][width][.precision][t]conversion
_SPEC = re.compile(r"%(\d+\$)?([-#+ 0,(<]*)?(\d+)?(\.\d+)?([tT])?([a-zA-Z%])")
_VALID = set("bBsShHcCdoxXeEgGfaAn%")

# Flags, in Flags.toString() order.
_FLAG_ORDER = "-#+ 0,(<"
LEFT, ALT, PLUS, SPACE, ZERO, GROUP, PAREN, PREV = "-", "#", "+", " ", "0", ",", "(", "<"
UPPER = "^"


def _exc(name: str, message: str | None) -> JavaException:
    return JavaException(f"java.util.{name}", message)


def _flags_text(flags: str) -> str:
    return "".join(c for c in _FLAG_ORDER if c in flags)


def _java_int(text: str) -> int | None:
    value = int(text)
    return value if value <= INT_MAX else None


class _Spec:
    """One format specifier (``FormatSpecifier``)."""

    __slots__ = ("conv", "dt", "flags", "index", "precision", "width")

    def __init__(self, conv: str, index: int = 0, flags: str = "", width: int = -1,
                 precision: int = -1, dt: bool = False) -> None:
        self.index = index
        self.flags = flags
        self.width = width
        self.precision = precision
        self.dt = dt
        self.conv = conv
        if not dt:
            if conv not in _VALID:
                raise _exc("UnknownFormatConversionException", f"Conversion = '{conv}'")
            if conv.isupper():
                self.flags += UPPER
                self.conv = conv.lower()
            if self.conv in "n%":
                self.index = -2

    def __str__(self) -> str:
        text = "%" + _flags_text(self.flags)
        if self.index > 0:
            text += f"{self.index}$"
        if self.width != -1:
            text += str(self.width)
        if self.precision != -1:
            text += f".{self.precision}"
        upper = UPPER in self.flags
        if self.dt:
            text += "T" if upper else "t"
        return text + (self.conv.upper() if upper else self.conv)

    def has(self, flag: str) -> bool:
        return flag in self.flags

    def mismatch(self, flag: str) -> JavaException:
        return _exc("FormatFlagsConversionMismatchException",
                    f"Conversion = {self.conv}, Flags = {flag}")

    def bad_flags(self, flags: str) -> None:
        for flag in flags:
            if flag in self.flags:
                raise self.mismatch(flag)

    def check(self) -> None:
        c = self.conv
        if self.dt:
            return
        if c in "bsh":
            if c in "bh" and self.has(ALT):
                raise self.mismatch(ALT)
            if self.width == -1 and self.has(LEFT):
                raise _exc("MissingFormatWidthException", str(self))
            self.bad_flags(PLUS + SPACE + ZERO + GROUP + PAREN)
        elif c == "c":
            if self.precision != -1:
                raise _exc("IllegalFormatPrecisionException", str(self.precision))
            self.bad_flags(ALT + PLUS + SPACE + ZERO + GROUP + PAREN)
            if self.width == -1 and self.has(LEFT):
                raise _exc("MissingFormatWidthException", str(self))
        elif c in "doxX":
            self.check_numeric()
            if self.precision != -1:
                raise _exc("IllegalFormatPrecisionException", str(self.precision))
            self.bad_flags(ALT if c == "d" else GROUP)
        elif c in "efga":
            self.check_numeric()
            if c == "a":
                self.bad_flags(PAREN + GROUP)
            elif c == "e":
                self.bad_flags(GROUP)
            elif c == "g":
                self.bad_flags(ALT)
        elif c == "%":
            if self.precision != -1:
                raise _exc("IllegalFormatPrecisionException", str(self.precision))
            if self.flags.replace(UPPER, "") not in ("", LEFT):
                raise _exc("IllegalFormatFlagsException", f"Flags = '{_flags_text(self.flags)}'")
            if self.width == -1 and self.has(LEFT):
                raise _exc("MissingFormatWidthException", str(self))
        elif c == "n":
            if self.precision != -1:
                raise _exc("IllegalFormatPrecisionException", str(self.precision))
            if self.width != -1:
                raise _exc("IllegalFormatWidthException", str(self.width))
            if self.flags:
                raise _exc("IllegalFormatFlagsException", f"Flags = '{_flags_text(self.flags)}'")

    def check_numeric(self) -> None:
        if self.width == -1 and (self.has(LEFT) or self.has(ZERO)):
            raise _exc("MissingFormatWidthException", str(self))
        if (self.has(PLUS) and self.has(SPACE)) or (self.has(LEFT) and self.has(ZERO)):
            raise _exc("IllegalFormatFlagsException", f"Flags = '{_flags_text(self.flags)}'")


def _parse_spec(fmt: str, m: re.Match[str]) -> _Spec:
    index = 0
    if m.group(1) is not None:
        parsed = _java_int(m.group(1)[:-1])
        if parsed is None:
            raise _exc("IllegalFormatArgumentIndexException",
                       "Format argument index: (not representable as int)")
        if parsed <= 0:
            raise _exc("IllegalFormatArgumentIndexException",
                       f"Illegal format argument index = {parsed}")
        index = parsed
    flags = ""
    for ch in m.group(2) or "":
        if ch in flags:
            raise _exc("DuplicateFormatFlagsException", f"Flags = '{ch}'")
        flags += ch
    if PREV in flags:
        index = -1
    width = -1
    if m.group(3) is not None:
        parsed = _java_int(m.group(3))
        if parsed is None:
            raise _exc("IllegalFormatWidthException", str(INT_MIN))
        width = parsed
    precision = -1
    if m.group(4) is not None:
        parsed = _java_int(m.group(4)[1:])
        if parsed is None:
            raise _exc("IllegalFormatPrecisionException", str(INT_MIN))
        precision = parsed
    dt = m.group(5) is not None
    if dt:
        raise UnsupportedJava(f"String.format: date/time conversion '{m.group()}' is not "
                              "supported")
    spec = _Spec(m.group(6), index, flags, width, precision, dt)
    spec.check()
    return spec


def parse(fmt: str) -> list[str | _Spec]:
    """``Formatter.parse``: fixed text and specifiers (all checked before any printing)."""
    out: list[str | _Spec] = []
    i, end = 0, len(fmt)
    while i < end:
        n = fmt.find("%", i)
        if n < 0:
            out.append(fmt[i:])
            break
        if n != i:
            out.append(fmt[i:n])
        i = n + 1
        if i >= end:
            raise _exc("UnknownFormatConversionException", "Conversion = '%'")
        c = fmt[i]
        if c in _VALID:
            out.append(_Spec(c))
            i += 1
            continue
        m = _SPEC.match(fmt, n)
        if m is None:
            raise _exc("UnknownFormatConversionException", f"Conversion = '{c}'")
        out.append(_parse_spec(fmt, m))
        i = m.end()
    return out


def format(fmt: str, args: Sequence[Any] | None) -> str:
    """``String.format(fmt, args)``; ``args`` None is a null ``Object[]``."""
    pieces = parse(fmt)
    out: list[str] = []
    last = -1
    lasto = -1
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece)
            continue
        index = piece.index
        if index == -2:
            out.append(_print(piece, None))
            continue
        if index == -1:
            if last < 0 or (args is not None and last > len(args) - 1):
                raise _exc("MissingFormatArgumentException", f"Format specifier '{piece}'")
        elif index == 0:
            lasto += 1
            last = lasto
            if args is not None and lasto > len(args) - 1:
                raise _exc("MissingFormatArgumentException", f"Format specifier '{piece}'")
        else:
            last = index - 1
            if args is not None and last > len(args) - 1:
                raise _exc("MissingFormatArgumentException", f"Format specifier '{piece}'")
        out.append(_print(piece, None if args is None else args[last]))
    return "".join(out)


# --- printing --------------------------------------------------------------------------


def _units_len(text: str) -> int:
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _check_size(spec: _Spec) -> None:
    if spec.width > _MAX_SIZE or spec.precision > _MAX_SIZE:
        raise UnsupportedJava(f"String.format: width or precision too large in '{spec}'")


def _justify(spec: _Spec, text: str) -> str:
    if spec.width == -1:
        return text
    pad = " " * max(0, spec.width - _units_len(text))
    return text + pad if spec.has(LEFT) else pad + text


def _print_string(spec: _Spec, text: str) -> str:
    if spec.precision != -1:
        from vtl.java.strings import from_units, units  # a cycle: strings imports us

        u = units(text)
        if spec.precision < len(u):
            text = from_units(u[:spec.precision])
    if spec.has(UPPER):
        text = to_upper(text)
    return _justify(spec, text)


def _print(spec: _Spec, arg: Any) -> str:
    _check_size(spec)
    c = spec.conv
    if c == "n":
        return "\n"
    if c == "%":
        return _print_string(spec, "%")
    if c == "s":
        if spec.has(ALT):
            raise spec.mismatch(ALT)
        return _print_string(spec, "null" if arg is None else _to_string(arg))
    if c == "b":
        text = "false" if arg is None else (
            ("true" if arg else "false") if type(arg) is bool else "true")
        return _print_string(spec, text)
    if c == "h":
        if arg is None:
            return _print_string(spec, "null")
        if not isinstance(arg, (str, int, float, Decimal, JavaChar)):
            raise UnsupportedJava(
                f"String.format: '{spec}' of a {class_name(arg)} (its hashCode) is not supported")
        return _print_string(spec, f"{hash_code(arg) & 0xFFFFFFFF:x}")
    if c == "c":
        return _print_char(spec, arg)
    if c in "dox":
        return _print_integer(spec, arg)
    return _print_float(spec, arg)


def _to_string(arg: Any) -> str:
    text = to_string(arg)
    return "null" if text is None else text


def _fail_conversion(spec: _Spec, arg: Any) -> JavaException:
    return _exc("IllegalFormatConversionException", f"{spec.conv} != {class_name(arg)}")


def _print_char(spec: _Spec, arg: Any) -> str:
    if arg is None:
        return _print_string(spec, "null")
    if type(arg) is JavaChar:
        from vtl.java.strings import from_units

        return _print_string(spec, from_units(arg.char))
    if isinstance(arg, int) and type(arg) is not bool and int_kind(arg) <= 0:  # Byte, Short too
        if 0 <= arg <= 0x10FFFF:
            return _print_string(spec, chr(arg))
        raise _exc("IllegalFormatCodePointException", f"Code point = 0x{arg & 0xFFFFFFFF:x}")
    raise _fail_conversion(spec, arg)


def _leading_sign(spec: _Spec, neg: bool) -> str:
    if not neg:
        if spec.has(PLUS):
            return "+"
        if spec.has(SPACE):
            return " "
        return ""
    return "(" if spec.has(PAREN) else "-"


def _adjust_width(spec: _Spec, neg: bool) -> int:
    if spec.width != -1 and neg and spec.has(PAREN):
        return spec.width - 1
    return spec.width


def _magnitude(prefix: str, digits: str, spec: _Spec, width: int) -> str:
    """``localizedMagnitude`` (en_US): grouping, then zero padding to ``width``."""
    dot = digits.find(".")
    if dot < 0:
        dot = len(digits)
    whole, frac = digits[:dot], digits[dot:]
    if spec.has(GROUP) and len(whole) > 3:
        head = len(whole) % 3 or 3
        whole = whole[:head] + "".join(
            "," + whole[k:k + 3] for k in range(head, len(whole), 3))
    body = prefix + whole + frac
    if width != -1 and spec.has(ZERO) and len(body) < width:
        body = prefix + "0" * (width - len(body)) + whole + frac
    return body


_BITS = {-2: 8, -1: 16, 0: 32, 1: 64}


def _print_integer(spec: _Spec, arg: Any) -> str:
    if arg is None:
        return _print_string(spec, "null")
    if type(arg) is bool or not isinstance(arg, int):
        raise _fail_conversion(spec, arg)
    kind = int_kind(arg)
    value = int(arg)
    c = spec.conv
    if kind == 2:
        return _print_big_integer(spec, value)
    if c == "d":
        neg = value < 0
        text = _magnitude(_leading_sign(spec, neg), str(abs(value)), spec,
                          _adjust_width(spec, neg))
        if neg and spec.has(PAREN):
            text += ")"
        return _justify(spec, text)
    spec.bad_flags(PAREN + SPACE + PLUS)
    if value < 0:
        value += 1 << _BITS[kind]  # Formatter: 2**SIZE of Byte, Short, Integer or Long
    if c == "o":
        digits = f"{value:o}"
        prefix = "0" if spec.has(ALT) else ""
    else:
        digits = f"{value:x}"
        prefix = ("0X" if spec.has(UPPER) else "0x") if spec.has(ALT) else ""
    if spec.has(ZERO):
        prefix += "0" * max(0, spec.width - len(digits) - len(prefix))
    if spec.has(UPPER):
        digits = digits.upper()
    return _justify(spec, prefix + digits)


def _print_big_integer(spec: _Spec, value: int) -> str:
    neg = value < 0
    v = abs(value)
    sign = _leading_sign(spec, neg)
    c = spec.conv
    if c == "d":
        text = _magnitude(sign, str(v), spec, _adjust_width(spec, neg))
    else:
        digits = f"{v:o}" if c == "o" else f"{v:x}"
        length = len(digits) + len(sign) + (1 if neg and spec.has(PAREN) else 0)
        text = sign
        if spec.has(ALT):
            if c == "o":
                length += 1
                text += "0"
            else:
                length += 2
                text += "0X" if spec.has(UPPER) else "0x"
        if spec.has(ZERO):
            text += "0" * max(0, spec.width - length)
        text += digits.upper() if spec.has(UPPER) else digits
    if neg and spec.has(PAREN):
        text += ")"
    return _justify(spec, text)


# --- floating point ------------------------------------------------------------------


def _print_float(spec: _Spec, arg: Any) -> str:
    if arg is None:
        return _print_string(spec, "null")
    if spec.conv == "a" and isinstance(arg, (float, Decimal)):
        raise UnsupportedJava(f"String.format: hexadecimal float conversion '{spec}' "
                              "is not supported")
    if isinstance(arg, float):  # a Float prints as its double (Formatter widens it)
        return _print_double(spec, float(arg))
    if type(arg) is Decimal:
        return _print_big_decimal(spec, arg)
    raise _fail_conversion(spec, arg)


def _print_double(spec: _Spec, value: float) -> str:
    if math.isnan(value):
        return _justify(spec, "NAN" if spec.has(UPPER) else "NaN")
    neg = value < 0 or (value == 0.0 and _PACK(value)[7] & 0x80 != 0)
    v = abs(value)
    sign = _leading_sign(spec, neg)
    if math.isinf(v):
        text = sign + ("INFINITY" if spec.has(UPPER) else "Infinity")
    else:
        text = _double_body(spec, v, sign, neg)
    if neg and spec.has(PAREN):
        text += ")"
    return _justify(spec, text)


def _double_body(spec: _Spec, v: float, sign: str, neg: bool) -> str:
    c = spec.conv
    upper = spec.has(UPPER)
    if c == "e":
        prec = 6 if spec.precision == -1 else spec.precision
        digits, dec_exp = _digits(v)
        digits, dec_exp = _apply_precision(dec_exp, digits, prec + 1)
        mant, sci_exp = _fill_scientific(prec, digits, dec_exp)
        mant = _add_zeros(mant, prec)
        if spec.has(ALT) and prec == 0:
            mant += "."
        if v == 0.0:
            sci_exp = "+00"
        width = spec.width
        if width != -1:
            width = _adjust_width_n(spec, width - len(sci_exp) - 1, neg)
        return _magnitude(sign, mant, spec, width) + ("E" if upper else "e") + sci_exp
    if c == "f":
        prec = 6 if spec.precision == -1 else spec.precision
        digits, dec_exp = _digits(v)
        digits, dec_exp = _apply_precision(dec_exp, digits, dec_exp + prec)
        mant = _add_zeros(_fill_decimal(prec, digits, dec_exp), prec)
        if spec.has(ALT) and prec == 0:
            mant += "."
        return _magnitude(sign, mant, spec, _adjust_width(spec, neg))
    # c == "g"
    prec = spec.precision
    if prec == -1:
        prec = 6
    elif prec == 0:
        prec = 1
    exp: str | None
    if v == 0.0:
        exp = None
        mant = "0"
        exp_rounded = 0  # FormattedFloatingDecimal.getExponentRounded()
    else:
        digits, dec_exp = _digits(v)
        digits, dec_exp = _apply_precision(dec_exp, digits, prec)
        if dec_exp - 1 < -4 or dec_exp - 1 >= prec:
            mant, exp = _fill_scientific(prec - 1, digits, dec_exp)
        else:
            mant, exp = _fill_decimal(prec - dec_exp, digits, dec_exp), None
        exp_rounded = dec_exp - 1
    prec = prec - 1 if exp is not None else prec - (exp_rounded + 1)
    mant = _add_zeros(mant, prec)
    if spec.has(ALT) and prec == 0:
        mant += "."
    if spec.width == -1:
        width = -1
    elif exp is not None:
        width = _adjust_width_n(spec, spec.width - len(exp) - 1, neg)
    else:
        width = _adjust_width(spec, neg)
    text = _magnitude(sign, mant, spec, width)
    if exp is not None:
        text += ("E" if upper else "e") + exp
    return text


def _adjust_width_n(spec: _Spec, width: int, neg: bool) -> int:
    return width - 1 if neg and spec.has(PAREN) else width


def _add_zeros(mant: str, prec: int) -> str:
    dot = mant.find(".")
    if dot < 0:
        out_prec = 0
    else:
        out_prec = len(mant) - dot - 1
    if out_prec == prec:
        return mant
    return mant + ("." if dot < 0 else "") + "0" * (prec - out_prec)


def _apply_precision(dec_exp: int, digits: str, prec: int) -> tuple[str, int]:
    """``FormattedFloatingDecimal.applyPrecision``: half-up on the decimal digits."""
    n = len(digits)
    if prec >= n or prec < 0:
        return digits, dec_exp
    if prec == 0:
        if digits[0] >= "5":
            return "1" + "0" * (n - 1), dec_exp + 1
        return "0" * n, dec_exp
    if digits[prec] >= "5":
        i = prec - 1
        while digits[i] == "9" and i > 0:
            i -= 1
        if digits[i] == "9":
            return "1" + "0" * (n - 1), dec_exp + 1
        return digits[:i] + chr(ord(digits[i]) + 1) + "0" * (n - i - 1), dec_exp
    return digits[:prec] + "0" * (n - prec), dec_exp


def _fill_decimal(precision: int, digits: str, exp: int) -> str:
    n = len(digits)
    if exp > 0:
        if n < exp:
            return digits + "0" * (exp - n)
        t = min(n - exp, precision)
        return digits[:exp] + ("." + digits[exp:exp + t] if t > 0 else "")
    zeros = max(0, min(-exp, precision))
    t = max(0, min(n, precision + exp))
    if zeros > 0:
        return "0." + "0" * zeros + (digits[:t] if t > 0 else "")
    if t > 0:
        return "0." + digits[:t]
    return "0"


def _fill_scientific(precision: int, digits: str, exp: int) -> tuple[str, str]:
    t = max(0, min(len(digits) - 1, precision))
    mant = digits[0] + "." + digits[1:1 + t] if t > 0 else digits[0]
    if exp <= 0:
        sign, e = "-", -exp + 1
    else:
        sign, e = "+", exp - 1
    return mant, sign + (f"{e:02d}" if e <= 99 else str(e))


def _digits(v: float) -> tuple[str, int]:
    """Digits and decExponent of a finite ``v >= 0`` as ``String.format`` develops them."""
    return double_digits(v, compatible=False)


# --- BigDecimal ------------------------------------------------------------------------


def _print_big_decimal(spec: _Spec, value: Decimal) -> str:
    if spec.conv != "f":
        raise UnsupportedJava(f"String.format: '{spec}' of a java.math.BigDecimal "
                              "is not supported")
    if not value.is_finite():
        raise UnsupportedJava("String.format: a non-finite BigDecimal")
    neg = value.is_signed() and value != 0
    v = value.copy_abs()  # abs() would round in the default context (Emax 999999)
    prec = 6 if spec.precision == -1 else spec.precision
    # The plain digits of a body number like 1E+2147483666 are billions: bounded before
    # they are made, as BigDecimal.toPlainString is (issue 14).
    check_digits(max(v.adjusted(), 0) + 1 + prec)
    scale = -v.as_tuple().exponent  # type: ignore[operator]
    if scale > prec:
        with localcontext() as ctx:
            ctx.prec = max(28, len(v.as_tuple().digits) + 2)
            v = v.quantize(Decimal(1).scaleb(-prec), rounding=ROUND_HALF_UP)
    mant = f"{v:f}"
    if "." not in mant and (spec.has(ALT) or prec > 0):
        mant += "."
    frac = len(mant) - mant.index(".") - 1 if "." in mant else 0
    mant += "0" * max(0, prec - frac)
    text = _magnitude(_leading_sign(spec, neg), mant, spec, _adjust_width(spec, neg))
    if neg and spec.has(PAREN):
        text += ")"
    return _justify(spec, text)



"""The static methods of ``java.lang.Character``, called through a Character (``JavaChar``,
what ``charAt`` gives), as Velocity allows: ``$c.isDigit($c)``, ``$c.toChars(128512)``.

A ``char`` parameter takes only a Character; an ``int`` (code point) parameter an Integer,
Short or Byte. The surrogate and code-point arithmetic is exact for every value. The
methods that read Unicode properties (``isDigit``, ``getType``...) are JDK 17's for
U+0000..U+00FF, where Java's ``CharacterDataLatin1`` and Python's ``unicodedata`` agree
(checked against the jar: case velocity/strings/character-statics-latin1); past it,
where the Unicode versions differ, they are ``UnsupportedJava``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

from vtl.java.casing import char_lower, char_upper
from vtl.java.numbers import char_digit
from vtl.java.objects import UnsupportedJava, require
from vtl.java.printing import JavaChar, fits_int
from vtl.java.registry import JavaException, java_method
from vtl.java.strings import CharArray, from_units

_MAX_CODE_POINT = 0x10FFFF
#: Character.getType's constants, by Unicode general category.
_TYPES = {"Cn": 0, "Lu": 1, "Ll": 2, "Lt": 3, "Lm": 4, "Lo": 5, "Mn": 6, "Me": 7, "Mc": 8,
          "Nd": 9, "Nl": 10, "No": 11, "Zs": 12, "Zl": 13, "Zp": 14, "Cc": 15, "Cf": 16,
          "Co": 18, "Cs": 19, "Pd": 20, "Ps": 21, "Pe": 22, "Pc": 23, "Po": 24, "Sm": 25,
          "Sc": 26, "Sk": 27, "So": 28, "Pi": 29, "Pf": 30}
#: Character.getDirectionality's constants, by Unicode bidirectional class.
_DIRECTIONS = {"L": 0, "R": 1, "AL": 2, "EN": 3, "ES": 4, "ET": 5, "AN": 6, "CS": 7,
               "NSM": 8, "BN": 9, "B": 10, "S": 11, "WS": 12, "ON": 13, "LRE": 14,
               "LRO": 15, "RLE": 16, "RLO": 17, "PDF": 18, "LRI": 19, "RLI": 20,
               "FSI": 21, "PDI": 22}
_WHITESPACE = frozenset(range(0x09, 0x0E)) | frozenset(range(0x1C, 0x21))


def _unit(value: Any) -> int:
    """A ``char`` argument: a Character's code unit."""
    require(type(value) is JavaChar)
    return ord(value.char)


def _code(value: Any) -> int:
    """A ``char`` or ``int`` argument (the overloads most methods have): its code."""
    if type(value) is JavaChar:
        return ord(value.char)
    require(fits_int(value))
    return int(value)


def _latin1(code: int, name: str) -> str:
    """The character of a code point whose Unicode properties this engine reproduces."""
    if not 0 <= code <= 0xFF:
        if 0 <= code <= _MAX_CODE_POINT:
            raise UnsupportedJava(f"Character.{name} of U+{code:04X} (JDK 17's Unicode "
                                  "properties are reproduced for U+0000..U+00FF only)")
        return ""
    return chr(code)


def _invalid(code: int) -> JavaException:
    return JavaException("java.lang.IllegalArgumentException",
                         f"Not a valid Unicode code point: 0x{code & 0xFFFFFFFF:X}")


#: The properties with no ``char`` overload (Java 7's).
_INT_ONLY = frozenset({"isAlphabetic", "isIdeographic"})


def _property(name: str, test: Callable[[str], bool]) -> None:
    """Register ``Character.<name>(char|int)``: a Unicode property, false for an invalid
    code point."""

    def method(char: JavaChar, value: Any) -> bool:
        require(name not in _INT_ONLY or fits_int(value))
        text = _latin1(_code(value), name)
        return bool(text) and bool(test(text))

    method.__doc__ = f"static ``boolean Character.{name}(char|int)``"
    java_method(JavaChar, name)(method)


def _is_identifier_ignorable(c: str) -> bool:
    code = ord(c)
    return 0 <= code <= 8 or 0x0E <= code <= 0x1B or 0x7F <= code <= 0x9F or \
        unicodedata.category(c) == "Cf"


def is_digit(c: str) -> bool:
    """Java's Character.isDigit: a decimal digit of any script (Unicode category Nd)."""
    return unicodedata.category(c) == "Nd"


def _is_identifier_start(c: str) -> bool:
    return c.isalpha() or unicodedata.category(c) in ("Pc", "Sc", "Nl")


for _name, _test in (
    ("isDigit", is_digit),
    ("isLetter", str.isalpha),
    ("isLetterOrDigit", lambda c: c.isalpha() or is_digit(c)),
    ("isAlphabetic", str.isalpha),
    ("isUpperCase", lambda c: c.isupper()),
    ("isLowerCase", lambda c: c.islower() or c in "\xaa\xba"),
    ("isTitleCase", lambda c: unicodedata.category(c) == "Lt"),
    ("isWhitespace", lambda c: ord(c) in _WHITESPACE),
    ("isSpaceChar", lambda c: unicodedata.category(c) in ("Zs", "Zl", "Zp")),
    ("isISOControl", lambda c: ord(c) <= 0x1F or 0x7F <= ord(c) <= 0x9F),
    ("isDefined", lambda c: unicodedata.category(c) != "Cn"),
    ("isIdeographic", lambda c: False),
    ("isMirrored", lambda c: bool(unicodedata.mirrored(c))),
    ("isJavaIdentifierStart", _is_identifier_start),
    ("isJavaIdentifierPart", lambda c: _is_identifier_start(c) or unicodedata.category(c)
     in ("Nd", "Mn", "Mc") or _is_identifier_ignorable(c)),
    ("isUnicodeIdentifierStart", lambda c: c.isalpha() or unicodedata.category(c) == "Nl"),
    ("isIdentifierIgnorable", _is_identifier_ignorable),
):
    _property(_name, _test)


@java_method(JavaChar, "getType")
def char_get_type(char: JavaChar, value: Any) -> int:
    """static ``int getType(char|int)``: the general category's constant."""
    text = _latin1(_code(value), "getType")
    return _TYPES[unicodedata.category(text)] if text else 0


@java_method(JavaChar, "getDirectionality")
def char_get_directionality(char: JavaChar, value: Any) -> int:
    """static ``byte getDirectionality(char|int)``: the bidirectional class's constant."""
    text = _latin1(_code(value), "getDirectionality")
    return _DIRECTIONS[unicodedata.bidirectional(text)] if text else -1


@java_method(JavaChar, "toTitleCase")
def char_to_title_case(char: JavaChar, value: Any) -> Any:
    """static ``char toTitleCase(char)``, ``int toTitleCase(int)``: in Latin-1 the upper
    case (``CharacterDataLatin1.toTitleCase``)."""
    code = _code(value)
    text = _latin1(code, "toTitleCase")
    title = char_upper(code) if text else code
    return JavaChar(chr(title)) if type(value) is JavaChar else title


@java_method(JavaChar, "getName")
def char_get_name(char: JavaChar, code: Any) -> str | None:
    """static ``String getName(int codePoint)``: the Unicode name, or the control's."""
    require(fits_int(code))
    if not 0 <= code <= _MAX_CODE_POINT:
        raise _invalid(code)
    text = _latin1(code, "getName")
    return _CONTROL_NAMES.get(code) or unicodedata.name(text)


#: JDK 17's names of the C0 and C1 controls, which have none in Python's unicodedata
#: (Character.getName through the jar; case velocity/strings/character-statics-latin1).
_CONTROL_NAMES = {
    0x00: "NULL", 0x01: "START OF HEADING", 0x02: "START OF TEXT", 0x03: "END OF TEXT",
    0x04: "END OF TRANSMISSION", 0x05: "ENQUIRY", 0x06: "ACKNOWLEDGE", 0x07: "BEL",
    0x08: "BACKSPACE", 0x09: "CHARACTER TABULATION", 0x0A: "LINE FEED (LF)",
    0x0B: "LINE TABULATION", 0x0C: "FORM FEED (FF)", 0x0D: "CARRIAGE RETURN (CR)",
    0x0E: "SHIFT OUT", 0x0F: "SHIFT IN", 0x10: "DATA LINK ESCAPE", 0x11: "DEVICE CONTROL ONE",
    0x12: "DEVICE CONTROL TWO", 0x13: "DEVICE CONTROL THREE", 0x14: "DEVICE CONTROL FOUR",
    0x15: "NEGATIVE ACKNOWLEDGE", 0x16: "SYNCHRONOUS IDLE", 0x17: "END OF TRANSMISSION BLOCK",
    0x18: "CANCEL", 0x19: "END OF MEDIUM", 0x1A: "SUBSTITUTE", 0x1B: "ESCAPE",
    0x1C: "INFORMATION SEPARATOR FOUR", 0x1D: "INFORMATION SEPARATOR THREE",
    0x1E: "INFORMATION SEPARATOR TWO", 0x1F: "INFORMATION SEPARATOR ONE", 0x7F: "DELETE",
    0x80: "PADDING CHARACTER", 0x81: "HIGH OCTET PRESET", 0x82: "BREAK PERMITTED HERE",
    0x83: "NO BREAK HERE", 0x84: "LATIN 1 SUPPLEMENT 84", 0x85: "NEXT LINE (NEL)",
    0x86: "START OF SELECTED AREA", 0x87: "END OF SELECTED AREA",
    0x88: "CHARACTER TABULATION SET", 0x89: "CHARACTER TABULATION WITH JUSTIFICATION",
    0x8A: "LINE TABULATION SET", 0x8B: "PARTIAL LINE FORWARD", 0x8C: "PARTIAL LINE BACKWARD",
    0x8D: "REVERSE LINE FEED", 0x8E: "SINGLE SHIFT TWO", 0x8F: "SINGLE SHIFT THREE",
    0x90: "DEVICE CONTROL STRING", 0x91: "PRIVATE USE ONE", 0x92: "PRIVATE USE TWO",
    0x93: "SET TRANSMIT STATE", 0x94: "CANCEL CHARACTER", 0x95: "MESSAGE WAITING",
    0x96: "START OF GUARDED AREA", 0x97: "END OF GUARDED AREA", 0x98: "START OF STRING",
    0x99: "SINGLE GRAPHIC CHARACTER INTRODUCER", 0x9A: "SINGLE CHARACTER INTRODUCER",
    0x9B: "CONTROL SEQUENCE INTRODUCER", 0x9C: "STRING TERMINATOR",
    0x9D: "OPERATING SYSTEM COMMAND", 0x9E: "PRIVACY MESSAGE",
    0x9F: "APPLICATION PROGRAM COMMAND",
}


@java_method(JavaChar, "getNumericValue")
def char_get_numeric_value(char: JavaChar, value: Any) -> int:
    """static ``int getNumericValue(char|int)``: a digit's or letter's value (``a`` is 10),
    -2 for a fraction, -1 for none."""
    text = _latin1(_code(value), "getNumericValue")
    if not text:
        return -1
    if text.isascii() and text.isalnum():
        return int(text, 36)
    number = unicodedata.numeric(text, -1)
    if number == -1:
        return -1
    return int(number) if number == int(number) else -2


@java_method(JavaChar, "toUpperCase")
def char_to_upper_case(char: JavaChar, value: Any) -> Any:
    """static ``char toUpperCase(char)``, ``int toUpperCase(int)``"""
    return _case_mapped(value, char_upper)


@java_method(JavaChar, "toLowerCase")
def char_to_lower_case(char: JavaChar, value: Any) -> Any:
    """static ``char toLowerCase(char)``, ``int toLowerCase(int)``"""
    return _case_mapped(value, char_lower)


def _case_mapped(value: Any, mapping: Callable[[int], int]) -> Any:
    """A char (kept when its mapping is past the BMP) or a code point (an int past the
    last code point is returned as it is) mapped by ``mapping``."""
    if type(value) is JavaChar:
        mapped = mapping(ord(value.char))
        return JavaChar(chr(mapped)) if mapped <= 0xFFFF else value
    require(fits_int(value))
    return mapping(value) if 0 <= value <= _MAX_CODE_POINT else int(value)


@java_method(JavaChar, "digit")
def char_digit_method(char: JavaChar, value: Any, radix: Any) -> int:
    """static ``int digit(char|int, int radix)``"""
    require(fits_int(radix))
    code = _code(value)
    if not 2 <= radix <= 36 or not 0 <= code <= _MAX_CODE_POINT:
        return -1
    if code > 0xFFFF:  # mathematical digits...: Unicode properties
        _latin1(code, "digit")
    return char_digit(chr(code), radix)


@java_method(JavaChar, "forDigit")
def char_for_digit(char: JavaChar, digit: Any, radix: Any) -> JavaChar:
    """static ``char forDigit(int digit, int radix)``: ``'\\0'`` when out of range."""
    require(fits_int(digit) and fits_int(radix))
    if not 2 <= radix <= 36 or not 0 <= digit < radix:
        return JavaChar("\0")
    return JavaChar("0123456789abcdefghijklmnopqrstuvwxyz"[digit])


@java_method(JavaChar, "isHighSurrogate")
def char_is_high_surrogate(char: JavaChar, value: Any) -> bool:
    """static ``boolean isHighSurrogate(char)``"""
    return 0xD800 <= _unit(value) <= 0xDBFF


@java_method(JavaChar, "isLowSurrogate")
def char_is_low_surrogate(char: JavaChar, value: Any) -> bool:
    """static ``boolean isLowSurrogate(char)``"""
    return 0xDC00 <= _unit(value) <= 0xDFFF


@java_method(JavaChar, "isSurrogate")
def char_is_surrogate(char: JavaChar, value: Any) -> bool:
    """static ``boolean isSurrogate(char)``"""
    return 0xD800 <= _unit(value) <= 0xDFFF


@java_method(JavaChar, "isSurrogatePair")
def char_is_surrogate_pair(char: JavaChar, high: Any, low: Any) -> bool:
    """static ``boolean isSurrogatePair(char high, char low)``"""
    first, second = _unit(high), _unit(low)
    return 0xD800 <= first <= 0xDBFF and 0xDC00 <= second <= 0xDFFF


@java_method(JavaChar, "toCodePoint")
def char_to_code_point(char: JavaChar, high: Any, low: Any) -> int:
    """static ``int toCodePoint(char high, char low)``: no check, as Java's."""
    return _wrap32((_unit(high) << 10) + _unit(low) + (0x10000 - (0xD800 << 10) - 0xDC00))


def _wrap32(value: int) -> int:
    return ((value + 0x80000000) & 0xFFFFFFFF) - 0x80000000


@java_method(JavaChar, "charCount")
def char_char_count(char: JavaChar, code: Any) -> int:
    """static ``int charCount(int codePoint)``"""
    require(fits_int(code))
    return 2 if code >= 0x10000 else 1


@java_method(JavaChar, "isBmpCodePoint")
def char_is_bmp_code_point(char: JavaChar, code: Any) -> bool:
    """static ``boolean isBmpCodePoint(int)``"""
    require(fits_int(code))
    return 0 <= int(code) <= 0xFFFF


@java_method(JavaChar, "isSupplementaryCodePoint")
def char_is_supplementary_code_point(char: JavaChar, code: Any) -> bool:
    """static ``boolean isSupplementaryCodePoint(int)``"""
    require(fits_int(code))
    return 0x10000 <= int(code) <= _MAX_CODE_POINT


@java_method(JavaChar, "isValidCodePoint")
def char_is_valid_code_point(char: JavaChar, code: Any) -> bool:
    """static ``boolean isValidCodePoint(int)``"""
    require(fits_int(code))
    return 0 <= int(code) <= _MAX_CODE_POINT


@java_method(JavaChar, "highSurrogate")
def char_high_surrogate(char: JavaChar, code: Any) -> JavaChar:
    """static ``char highSurrogate(int)``: no check, as Java's."""
    require(fits_int(code))
    return JavaChar(chr((((code & 0xFFFFFFFF) >> 10) + (0xD800 - (0x10000 >> 10))) & 0xFFFF))


@java_method(JavaChar, "lowSurrogate")
def char_low_surrogate(char: JavaChar, code: Any) -> JavaChar:
    """static ``char lowSurrogate(int)``: no check, as Java's."""
    require(fits_int(code))
    return JavaChar(chr(((code & 0x3FF) + 0xDC00) & 0xFFFF))


@java_method(JavaChar, "toChars")
def char_to_chars(char: JavaChar, code: Any) -> CharArray:
    """static ``char[] toChars(int codePoint)``"""
    require(fits_int(code))
    if not 0 <= code <= _MAX_CODE_POINT:
        raise _invalid(code)
    text = chr(code)
    if code > 0xFFFF:
        text = chr(0xD800 + ((code - 0x10000) >> 10)) + chr(0xDC00 + (code & 0x3FF))
    return CharArray(JavaChar(c) for c in text)


@java_method(JavaChar, "compare")
def char_compare(char: JavaChar, x: Any, y: Any) -> int:
    """static ``int compare(char x, char y)``: ``x - y``."""
    return _unit(x) - _unit(y)


@java_method(JavaChar, "reverseBytes")
def char_reverse_bytes(char: JavaChar, value: Any) -> JavaChar:
    """static ``char reverseBytes(char)``"""
    unit = _unit(value)
    return JavaChar(chr(((unit & 0xFF) << 8) | (unit >> 8)))


@java_method(JavaChar, "valueOf")
def char_value_of(char: JavaChar, value: Any) -> JavaChar:
    """static ``Character valueOf(char)``"""
    _unit(value)
    return value  # type: ignore[no-any-return]


@java_method(JavaChar, "describeConstable")
def char_describe_constable(char: JavaChar) -> Any:
    """``Optional<DynamicConstantDesc<Character>> describeConstable()``: a constant
    description this engine has no model of."""
    raise UnsupportedJava("Character.describeConstable() (a java.lang.constant.DynamicConstantDesc)")


def static_to_string(value: Any) -> str:
    """static ``String Character.toString(char|int codePoint)``."""
    if type(value) is JavaChar:
        return from_units(value.char)
    require(fits_int(value))
    if not 0 <= value <= _MAX_CODE_POINT:
        raise _invalid(value)
    return chr(value)

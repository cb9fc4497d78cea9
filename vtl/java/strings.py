"""``java.lang.String`` methods on ``str``, with Java's overloads and exceptions.

Java strings are UTF-16: ``length()``, ``charAt``, ``substring`` and ``indexOf``
count code units, so a character outside the BMP (an emoji) counts two. Python
strings count code points; :func:`units` gives the UTF-16 view (each supplementary
character as its two surrogates) and :func:`from_units` turns a result back (pairs
recombined, a lone surrogate kept, as Java keeps it).

A Java ``int`` parameter accepts only an Integer (not a Long, Double or String:
the call then has no matching signature and the reference renders as written).
A ``char`` parameter accepts only a Character (``JavaChar``); ``'W'`` in a template
is a String.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from vtl.java import formatter
from vtl.java import regex as jregex
from vtl.java.casing import char_lower, char_upper, to_lower, to_upper
from vtl.java.limits import check_length
from vtl.java.maps import MapView
from vtl.java.objects import UnsupportedJava, class_cast, npe, require, string_hash
from vtl.java.optional import JavaOptional
from vtl.java.printing import INT_MAX, INT_MIN, JavaChar, concat, fits_int, to_string
from vtl.java.registry import JavaException, NoMatchingSignature, java_class, java_method
from vtl.java.streams import IntStream, Stream

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_TRIM = "".join(map(chr, range(0x21)))
# Character.isWhitespace: what strip()/isBlank() remove.
_JAVA_WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \u1680\u2000\u2001\u2002\u2003\u2004"
                    "\u2005\u2006\u2008\u2009\u200a\u2028\u2029\u205f\u3000")
# Latin-1 strings use StringLatin1 (charAt's message differs from StringUTF16's).
_LATIN1 = re.compile("[^\x00-\xff]")
_MAX_LENGTH = 1 << 24  # beyond this, repeat() would exhaust this process, not Java's heap


def _split_pair(match: re.Match[str]) -> str:
    code = ord(match.group()) - 0x10000
    return chr(0xD800 + (code >> 10)) + chr(0xDC00 + (code & 0x3FF))


def units(text: str) -> str:
    """The UTF-16 code units of ``text`` (supplementary characters as surrogate pairs)."""
    if text.isascii() or _ASTRAL.search(text) is None:
        return text
    return _ASTRAL.sub(_split_pair, text)


def from_units(text: str) -> str:
    """The inverse of :func:`units`: surrogate pairs become one character again."""
    if text.isascii() or _SURROGATE.search(text) is None:
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


# A UTF-8-encoded surrogate (ED A0..BF, then a continuation byte if there is one).
_ENCODED_SURROGATE = re.compile(rb"\xED[\xA0-\xBF][\x80-\xBF]?")


def decode_utf8(data: bytes) -> str:
    """``new String(bytes, UTF_8)`` (JDK 17's ``String.decodeUTF8_UTF16``).

    Malformed input becomes U+FFFD where Python's decoder puts it too, but for one
    sequence: the JDK reads ED A0..BF (xx) as a three-byte unit and rejects the decoded
    surrogate as a whole, one U+FFFD, where Python writes one per byte (case
    apigateway/realworld/base64-decode-encoded-surrogate).
    """
    if b"\xed" in data:
        data = _ENCODED_SURROGATE.sub("\ufffd".encode(), data)
    return data.decode("utf-8", "replace")


def java_encoded(text: str) -> str:
    """``text`` as Java's UTF-8 encoder writes it out: a surrogate pair (written in two
    pieces, ``$e.substring(0,1)$e.substring(1)``) as its character, a lone surrogate as
    ``?``. What a render's output becomes (case velocity/strings/lone-surrogate-output)."""
    if text.isascii() or _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub("?", from_units(text))


def has_surrogate(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate (half of a character, as Java allows)."""
    return not text.isascii() and _SURROGATE.search(text) is not None


def is_int(value: Any) -> bool:
    """True if ``value`` fits a Java ``int`` parameter (an Integer, Short or Byte)."""
    return fits_int(value)


def _string(value: Any) -> str | None:
    """A ``String``/``CharSequence`` argument: a str or null; anything else does not fit."""
    require(value is None or type(value) is str)
    return value  # type: ignore[no-any-return]


def _is_latin1(text: str) -> bool:
    return text.isascii() or _LATIN1.search(text) is None


# --- length, characters, substrings ------------------------------------------------


@java_method(str, "length")
def length(text: str) -> int:
    """``int length()``: UTF-16 code units."""
    if text.isascii():
        return len(text)
    return len(units(text))


@java_method(str, "isEmpty")
def is_empty(text: str) -> bool:
    """``boolean isEmpty()``"""
    return not text


@java_method(str, "isBlank")
def is_blank(text: str) -> bool:
    """``boolean isBlank()``: empty or only ``Character.isWhitespace``."""
    return not text.strip(_JAVA_WHITESPACE)


@java_method(str, "charAt")
def char_at(text: str, index: Any) -> JavaChar:
    """``char charAt(int index)``"""
    require(is_int(index))
    u = units(text)
    if not 0 <= index < len(u):
        if _is_latin1(text):
            raise JavaException("java.lang.StringIndexOutOfBoundsException",
                                f"String index out of range: {index}")
        raise JavaException("java.lang.StringIndexOutOfBoundsException",
                            f"index {index}, length {len(u)}")
    return JavaChar(u[index])


@java_method(str, "codePointAt")
def code_point_at(text: str, index: Any) -> int:
    """``int codePointAt(int index)``"""
    require(is_int(index))
    u = units(text)
    if not 0 <= index < len(u):
        raise JavaException("java.lang.StringIndexOutOfBoundsException",
                            f"index {index}, length {len(u)}")
    high = ord(u[index])
    if 0xD800 <= high <= 0xDBFF and index + 1 < len(u) and "\udc00" <= u[index + 1] <= "\udfff":
        return 0x10000 + ((high - 0xD800) << 10) + (ord(u[index + 1]) - 0xDC00)
    return high


@java_method(str, "codePointBefore")
def code_point_before(text: str, index: Any) -> int:
    """``int codePointBefore(int index)``: the code point ending at unit ``index - 1`` (a
    low surrogate after a high one is their pair)."""
    require(is_int(index))
    u = units(text)
    if not 1 <= index <= len(u):
        raise JavaException("java.lang.StringIndexOutOfBoundsException",
                            f"String index out of range: {index}")
    low = ord(u[index - 1])
    if 0xDC00 <= low <= 0xDFFF and index >= 2 and _is_high(u[index - 2]):
        return 0x10000 + ((ord(u[index - 2]) - 0xD800) << 10) + (low - 0xDC00)
    return low


@java_method(str, "substring")
def substring(text: str, begin: Any, *end: Any) -> str:
    """``String substring(int beginIndex[, int endIndex])``"""
    if not fits_int(begin) or len(end) > 1:
        raise NoMatchingSignature
    u = text if text.isascii() else units(text)
    if end:
        stop = end[0]
        if not fits_int(stop):
            raise NoMatchingSignature
    else:
        stop = len(u)
    if begin < 0 or begin > stop or stop > len(u):
        raise JavaException("java.lang.StringIndexOutOfBoundsException",
                            f"begin {begin}, end {stop}, length {len(u)}")
    return u[begin:stop] if u is text else from_units(u[begin:stop])


def _is_high(unit: str) -> bool:
    return "\ud800" <= unit <= "\udbff"


def _is_low(unit: str) -> bool:
    return "\udc00" <= unit <= "\udfff"


@java_method(str, "codePointCount")
def code_point_count(text: str, begin: Any, end: Any) -> int:
    """``int codePointCount(int beginIndex, int endIndex)``: the code points among the
    UTF-16 units ``[begin, end)``, a lone surrogate counting as one (case
    velocity/strings/code-point-count-offset)."""
    require(is_int(begin) and is_int(end))
    u = units(text)
    if begin < 0 or begin > end or end > len(u):
        raise JavaException("java.lang.IndexOutOfBoundsException", None)
    count, i = 0, begin
    while i < end:
        i += 2 if _is_high(u[i]) and i + 1 < end and _is_low(u[i + 1]) else 1
        count += 1
    return count


@java_method(str, "offsetByCodePoints")
def offset_by_code_points(text: str, index: Any, offset: Any) -> int:
    """``int offsetByCodePoints(int index, int codePointOffset)``: the unit index
    ``offset`` code points away from ``index`` (``Character.offsetByCodePoints``)."""
    require(is_int(index) and is_int(offset))
    u = units(text)
    if index < 0 or index > len(u):
        raise JavaException("java.lang.IndexOutOfBoundsException", None)
    x: int = index
    for _ in range(abs(offset)):
        if offset > 0:
            if x >= len(u):
                raise JavaException("java.lang.IndexOutOfBoundsException", None)
            x += 2 if _is_high(u[x]) and x + 1 < len(u) and _is_low(u[x + 1]) else 1
        else:
            if x <= 0:
                raise JavaException("java.lang.IndexOutOfBoundsException", None)
            x -= 2 if _is_low(u[x - 1]) and x > 1 and _is_high(u[x - 2]) else 1
    return x


@java_method(str, "subSequence")
def sub_sequence(text: str, begin: Any, end: Any) -> str:
    """``CharSequence subSequence(int beginIndex, int endIndex)``"""
    return substring(text, begin, end)


class CharArray(tuple):  # type: ignore[type-arg]
    """A Java ``char[]`` (what ``toCharArray`` returns): prints as ``[C@hash``."""

    __slots__ = ()


java_class(CharArray, "[C")


@java_method(str, "toCharArray")
def to_char_array(text: str) -> CharArray:
    """``char[] toCharArray()``"""
    return CharArray(JavaChar(c) for c in units(text))


@java_method(str, "getChars")
def get_chars(text: str, begin: Any, end: Any, dst: Any, dst_begin: Any) -> str:
    """``void getChars(int srcBegin, int srcEnd, char[] dst, int dstBegin)``: JDK 17's
    bounds checks, in its order. Arrays are immutable tuples here: a copy that would
    change ``dst`` cannot be reproduced (one that writes the chars already there can)."""
    require(is_int(begin) and is_int(end) and is_int(dst_begin))
    require(dst is None or type(dst) is CharArray)
    u = units(text)
    if begin < 0 or begin > end or end > len(u):
        raise JavaException("java.lang.StringIndexOutOfBoundsException",
                            f"begin {begin}, end {end}, length {len(u)}")
    if dst is None:
        raise npe('Cannot read the array length because "dst" is null')
    count = end - begin
    if dst_begin < 0 or dst_begin > len(dst) - count:
        raise JavaException("java.lang.StringIndexOutOfBoundsException",
                            f"offset {dst_begin}, count {count}, length {len(dst)}")
    if "".join(c.char for c in dst[dst_begin:dst_begin + count]) != u[begin:end]:
        raise UnsupportedJava("changing the elements of a Java array (String.getChars into a char[])")
    return ""


# --- searching ---------------------------------------------------------------------


def _char_text(code: int) -> str | None:
    """The UTF-16 units of code point ``code`` (``indexOf(int ch)``), or None if invalid."""
    if 0 <= code <= 0xFFFF:
        return chr(code)
    if 0x10000 <= code <= 0x10FFFF:
        return units(chr(code))
    return None


def _index_of(u: str, needle: str, start: int) -> int:
    """``String.indexOf(String, int)`` on code units (start clamped as Java does)."""
    if start >= len(u):
        return len(u) if not needle else -1
    return u.find(needle, max(start, 0))


def _last_index_of(u: str, needle: str, start: int) -> int:
    """``String.lastIndexOf(String, int)`` on code units."""
    right = len(u) - len(needle)
    start = min(start, right)
    if start < 0:
        return -1
    return u.rfind(needle, 0, start + len(needle))


def _needle(value: Any, null_message: str) -> str | None:
    """The String or ``int ch`` argument of indexOf/lastIndexOf, in code units."""
    if is_int(value):
        return _char_text(value)
    if value is None:
        raise npe(null_message)
    require(type(value) is str)
    return units(value)


@java_method(str, "indexOf")
def index_of(text: str, value: Any, *start: Any) -> int:
    """``int indexOf(String str[, int fromIndex])``, ``int indexOf(int ch[, int fromIndex])``"""
    require(len(start) <= 1 and (not start or is_int(start[0])))
    needle = _needle(value, 'Cannot invoke "String.coder()" because "str" is null')
    if needle is None:
        return -1
    return _index_of(units(text), needle, start[0] if start else 0)


@java_method(str, "lastIndexOf")
def last_index_of(text: str, value: Any, *start: Any) -> int:
    """``int lastIndexOf(String str[, int fromIndex])``, ``int lastIndexOf(int ch[, int])``"""
    require(len(start) <= 1 and (not start or is_int(start[0])))
    needle = _needle(value, 'Cannot read field "value" because "tgtStr" is null')
    if needle is None:
        return -1
    u = units(text)
    return _last_index_of(u, needle, start[0] if start else len(u))


@java_method(str, "contains")
def contains(text: str, value: Any) -> bool:
    """``boolean contains(CharSequence s)``"""
    if value is None:
        raise npe('Cannot invoke "java.lang.CharSequence.toString()" because "s" is null')
    require(type(value) is str)
    if has_surrogate(value):
        return units(value) in units(text)
    return value in text


@java_method(str, "startsWith")
def starts_with(text: str, prefix: Any, *offset: Any) -> bool:
    """``boolean startsWith(String prefix[, int toffset])``"""
    require(len(offset) <= 1 and (not offset or is_int(offset[0])))
    if prefix is None:
        raise npe('Cannot invoke "String.length()" because "prefix" is null')
    require(type(prefix) is str)
    if not offset and not has_surrogate(prefix):
        return text.startswith(prefix)
    u, p = units(text), units(prefix)
    start = offset[0] if offset else 0
    if start < 0 or start > len(u) - len(p):
        return False
    return u.startswith(p, start)


@java_method(str, "endsWith")
def ends_with(text: str, suffix: Any) -> bool:
    """``boolean endsWith(String suffix)``"""
    if suffix is None:
        raise npe('Cannot invoke "String.length()" because "suffix" is null')
    require(type(suffix) is str)
    if has_surrogate(suffix):
        return units(text).endswith(units(suffix))
    return text.endswith(suffix)


# --- comparing ---------------------------------------------------------------------


@java_method(str, "equals")
def equals(text: str, other: Any) -> bool:
    """``boolean equals(Object anObject)``"""
    return type(other) is str and text == other


def _unit_ci_diff(c1: int, c2: int) -> int:
    """One UTF-16 unit of ``compareToIgnoreCase``: 0, or the difference of the
    lower-cased upper-cased units (``(char)`` casts included)."""
    if c1 == c2:
        return 0
    u1, u2 = char_upper(c1) & 0xFFFF, char_upper(c2) & 0xFFFF
    if u1 == u2:
        return 0
    return (char_lower(u1) & 0xFFFF) - (char_lower(u2) & 0xFFFF)


def _code_point_ci_diff(c1: int, c2: int) -> int:
    """``StringUTF16.compareCodePointCI``."""
    u1, u2 = char_upper(c1), char_upper(c2)
    if u1 == u2:
        return 0
    return char_lower(u1) - char_lower(u2)


def _code_point_including(u: str, k: int) -> tuple[int, bool]:
    """``StringUTF16.codePointIncluding``: the code point at unit ``k`` (with its other
    surrogate), and whether it took the next unit too."""
    c = ord(u[k])
    if 0xDC00 <= c <= 0xDFFF and k > 0 and 0xD800 <= ord(u[k - 1]) <= 0xDBFF:
        return 0x10000 + ((ord(u[k - 1]) - 0xD800) << 10) + (c - 0xDC00), False
    if 0xD800 <= c <= 0xDBFF and k + 1 < len(u) and 0xDC00 <= ord(u[k + 1]) <= 0xDFFF:
        return 0x10000 + ((c - 0xD800) << 10) + (ord(u[k + 1]) - 0xDC00), True
    return c, False


def _compare_ci(a: str, b: str) -> int:
    """``String.CASE_INSENSITIVE_ORDER``."""
    return _compare_ci_units(units(a), units(b), _is_latin1(a) or _is_latin1(b))


def _compare_ci_units(ua: str, ub: str, unit_wise: bool) -> int:
    """Case-insensitive comparison of UTF-16 units: unit by unit when either string is
    Latin-1 coded, else with surrogate pairs as code points
    (``StringUTF16.compareToCIImpl``)."""
    if unit_wise:
        for x, y in zip(ua, ub):
            diff = _unit_ci_diff(ord(x), ord(y))
            if diff:
                return diff
        return len(ua) - len(ub)
    k1 = k2 = 0
    while k1 < len(ua) and k2 < len(ub):
        c1, c2 = ord(ua[k1]), ord(ub[k2])
        if c1 != c2 and _code_point_ci_diff(c1, c2) != 0:
            cp1, skip1 = _code_point_including(ua, k1)
            cp2, skip2 = _code_point_including(ub, k2)
            k1 += skip1
            k2 += skip2
            diff = _code_point_ci_diff(cp1, cp2)
            if diff:
                return diff
        k1 += 1
        k2 += 1
    return len(ua) - len(ub)


@java_method(str, "equalsIgnoreCase")
def equals_ignore_case(text: str, other: Any) -> bool:
    """``boolean equalsIgnoreCase(String anotherString)``"""
    if other is None:
        return False
    require(type(other) is str)
    if text.isascii() and other.isascii():
        return len(text) == len(other) and text.lower() == other.lower()
    if len(units(text)) != len(units(other)):
        return False
    return _compare_ci(text, other) == 0


@java_method(str, "compareTo")
def compare_to(text: str, other: Any) -> int:
    """``int compareTo(String anotherString)``: the first differing UTF-16 unit, or lengths."""
    if other is None:
        raise npe('Cannot read field "value" because "anotherString" is null')
    if type(other) is not str:
        raise class_cast(other, "java.lang.String")
    a, b = units(text), units(other)
    for x, y in zip(a, b):
        if x != y:
            return ord(x) - ord(y)
    return len(a) - len(b)


@java_method(str, "compareToIgnoreCase")
def compare_to_ignore_case(text: str, other: Any) -> int:
    """``int compareToIgnoreCase(String str)`` (``CASE_INSENSITIVE_ORDER``)."""
    if other is None:
        raise npe('Cannot read field "value" because "s2" is null')
    require(type(other) is str)
    return _compare_ci(text, other)


@java_method(str, "regionMatches")
def region_matches(text: str, first: Any, *rest: Any) -> bool:
    """``boolean regionMatches([boolean ignoreCase,] int toffset, String other,
    int ooffset, int len)``"""
    args = (first, *rest)
    ignore_case = False
    if len(args) == 5:
        require(type(args[0]) is bool)
        ignore_case, args = args[0], args[1:]
    require(len(args) == 4)
    toffset, other, ooffset, length = args
    require(is_int(toffset) and is_int(ooffset) and is_int(length))
    require(other is None or type(other) is str)
    if other is None and not ignore_case:
        raise npe('Cannot read field "value" because "other" is null')
    u = units(text)
    if ooffset < 0 or toffset < 0 or toffset > len(u) - length:
        return False
    if other is None:
        raise npe('Cannot invoke "String.length()" because "other" is null')
    o = units(other)
    if ooffset > len(o) - length:
        return False
    if length <= 0:
        return True
    a, b = u[toffset:toffset + length], o[ooffset:ooffset + length]
    if not ignore_case:
        return a == b
    return _compare_ci_units(a, b, _is_latin1(text) or _is_latin1(other)) == 0


def _chars_to_string(data: Any, bounds: tuple[Any, ...]) -> str:
    """``new String(char[] data[, int offset, int count])`` (the char[] a template can
    have is a ``toCharArray()`` result; recorded: case velocity/strings/copy-value-of)."""
    require(len(bounds) in (0, 2) and all(is_int(b) for b in bounds))
    require(data is None or isinstance(data, CharArray))
    if data is None:
        raise npe('Cannot read the array length because "value" is null')
    if bounds:
        offset, count = bounds
        if offset < 0 or count < 0 or offset > len(data) - count:
            raise JavaException("java.lang.StringIndexOutOfBoundsException",
                                f"offset {offset}, count {count}, length {len(data)}")
        data = data[offset:offset + count]
    return from_units("".join(c.char for c in data))


def _char_varargs(args: tuple[Any, ...]) -> str | None:
    """Velocity 1.7 calls a method whose last parameter is an array with the arguments
    gathered into one (``valueOf(char[])`` with no argument, or with Characters: case
    velocity/strings/value-of-char-varargs); None if they are not that."""
    if all(type(a) is JavaChar for a in args):
        return from_units("".join(a.char for a in args))
    return None


def _no_parameterless(obj: Any) -> bool:
    """A ``java_nullary``: the method has no parameterless overload (a call with
    arguments that fit nothing is no method, not "wrong number of arguments")."""
    return False


@java_method(str, "copyValueOf")
def copy_value_of(text: str, *args: Any) -> str:
    """static ``String.copyValueOf(char[] data[, int offset, int count])``"""
    chars = _char_varargs(args)
    if chars is not None:
        return chars
    return _chars_to_string(args[0], args[1:])


copy_value_of.java_nullary = _no_parameterless  # type: ignore[attr-defined]


@java_method(str, "valueOf")
def value_of(text: str, *args: Any) -> str:
    """static ``String.valueOf(Object|int|long|double|boolean|char|char[])`` and
    ``valueOf(char[], int offset, int count)``: a null alone prints ``null`` (Velocity
    picks ``valueOf(Object)``)."""
    chars = _char_varargs(args)
    if chars is not None:
        return chars
    value, bounds = args[0], args[1:]
    if bounds:
        return _chars_to_string(value, bounds)
    if value is None:
        return "null"
    if isinstance(value, CharArray):
        return from_units("".join(c.char for c in value))
    printed = to_string(value)
    return "null" if printed is None else printed  # "" stays "" (case velocity/strings/value-of-empty-string)


value_of.java_nullary = _no_parameterless  # type: ignore[attr-defined]


_CHARSETS = {"utf-8": "utf-8", "utf8": "utf-8", "iso-8859-1": "latin-1", "latin1": "latin-1",
             "iso8859_1": "latin-1", "iso-latin-1": "latin-1", "us-ascii": "ascii",
             "ascii": "ascii", "utf-16be": "utf-16-be", "utf-16le": "utf-16-le",
             "utf-16": "utf-16", "utf-32": "utf-32-be", "utf-32be": "utf-32-be",
             "utf-32le": "utf-32-le", "windows-1252": "cp1252", "cp1252": "cp1252"}


class ByteArray(tuple):  # type: ignore[type-arg]
    """A Java ``byte[]`` (what ``getBytes`` returns): signed byte values."""

    __slots__ = ()


java_class(ByteArray, "[B")


@java_method(str, "getBytes")
def get_bytes(text: str, *charset: Any) -> ByteArray:
    """``byte[] getBytes()`` (UTF-8) and ``byte[] getBytes(String charsetName)``:
    unmappable characters become ``?``."""
    if len(charset) == 1 and charset[0] is None:
        return None  # type: ignore[return-value]  # getBytes(String) or (Charset): ambiguous
    require(len(charset) <= 1 and (not charset or type(charset[0]) is str))
    name = charset[0] if charset else "UTF-8"
    codec = _CHARSETS.get(name.lower())
    if codec is None:
        raise JavaException("java.io.UnsupportedEncodingException", name)
    if codec.startswith(("utf-16", "utf-32")):
        # A lone surrogate becomes U+FFFD; "UTF-16" adds a big-endian byte order mark.
        clean = _SURROGATE.sub("\ufffd", text) if has_surrogate(text) else text
        data = clean.encode("utf-16-be" if codec == "utf-16" else codec)
        if codec == "utf-16" and data:
            data = b"\xfe\xff" + data
    else:
        data = text.encode(codec, "replace")
    return ByteArray(b - 256 if b > 127 else b for b in data)


@java_method(str, "contentEquals")
def content_equals(text: str, other: Any) -> bool:
    """``boolean contentEquals(CharSequence cs)``"""
    if other is None:
        raise npe('Cannot invoke "java.lang.CharSequence.length()" because "cs" is null')
    require(type(other) is str)
    return bool(text == other)


@java_method(str, "hashCode")
def hash_code(text: str) -> int:
    """``int hashCode()``"""
    return string_hash(text)


@java_method(str, "toString")
def to_string_method(text: str) -> str:
    """``String toString()``"""
    return text


@java_method(str, "intern")
def intern(text: str) -> str:
    """``String intern()``"""
    return text


# --- transforming ------------------------------------------------------------------


@java_method(str, "trim")
def trim(text: str) -> str:
    """``String trim()``: removes characters <= U+0020 from both ends."""
    return text.strip(_TRIM)


@java_method(str, "strip")
def strip(text: str) -> str:
    """``String strip()``: removes ``Character.isWhitespace`` from both ends."""
    return text.strip(_JAVA_WHITESPACE)


@java_method(str, "stripLeading")
def strip_leading(text: str) -> str:
    """``String stripLeading()``"""
    return text.lstrip(_JAVA_WHITESPACE)


@java_method(str, "stripTrailing")
def strip_trailing(text: str) -> str:
    """``String stripTrailing()``"""
    return text.rstrip(_JAVA_WHITESPACE)


def _leading_whitespace(line: str) -> int:
    """``String.indexOfNonWhitespace()``: the length of the ``Character.isWhitespace``
    prefix (no supplementary character is whitespace, so units do)."""
    return len(line) - len(line.lstrip(_JAVA_WHITESPACE))


def _lines(text: str) -> list[str]:
    """``String.lines()``'s lines: a trailing line break ends the last line."""
    pieces = _LINE_BREAK.split(text)
    return pieces[:-1] if pieces[-1] == "" else pieces


@java_method(str, "indent")
def indent(text: str, n: Any) -> str:
    """``String indent(int n)`` (Java 12): each line gets ``n`` spaces more (``n`` > 0) or
    up to ``-n`` leading whitespace characters fewer, and ends with \n."""
    require(is_int(n))
    if not text:
        return ""
    lines = _lines(text)
    if n > 0:
        check_length(len(text) + (n + 1) * len(lines))
        lines = [" " * n + line for line in lines]
    elif n == INT_MIN:
        lines = [line.lstrip(_JAVA_WHITESPACE) for line in lines]
    elif n < 0:
        lines = [line[min(-n, _leading_whitespace(line)):] for line in lines]
    return "".join(line + "\n" for line in lines)


@java_method(str, "stripIndent")
def strip_indent(text: str) -> str:
    """``String stripIndent()`` (Java 15): the text-block algorithm. The least indentation
    of the non-blank lines (and of a blank last line) goes from every line, trailing
    whitespace too; lines join with \n, and a final line break (which makes the
    indentation 0) is kept as \n."""
    if not text:
        return ""
    opt_out = text[-1] in "\n\r"
    lines = _lines(text)
    outdent = 0
    if not opt_out:
        leading = [_leading_whitespace(line) for line in lines]
        outdent = min((w for w, line in zip(leading, lines) if w != len(line)), default=INT_MAX)
        if not lines[-1].strip(_JAVA_WHITESPACE):
            outdent = min(outdent, len(units(lines[-1])))
    out = []
    for line in lines:
        first = _leading_whitespace(line)
        kept = line.rstrip(_JAVA_WHITESPACE)
        out.append("" if first >= len(line) else kept[min(outdent, first):])
    return "\n".join(out) + ("\n" if opt_out else "")


_ESCAPES = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "s": " ", "t": "\t",
            "'": "'", '"': '"', "\\": "\\"}


@java_method(str, "translateEscapes")
def translate_escapes(text: str) -> str:
    """``String translateEscapes()`` (Java 15): the escapes of a Java string literal,
    octal included (up to \\377), and a backslash before a line break removes both; no
    \\u escapes (they are an ``IllegalArgumentException``, as any unknown escape)."""
    u = units(text)
    out: list[str] = []
    i, n = 0, len(u)
    while i < n:
        ch = u[i]
        i += 1
        if ch != "\\":
            out.append(ch)
            continue
        ch = u[i] if i < n else "\0"
        i += 1
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif "0" <= ch <= "7":
            limit, code = min(i + (2 if ch <= "3" else 1), n), ord(ch) - 48
            while i < limit and "0" <= u[i] <= "7":
                code, i = code * 8 + ord(u[i]) - 48, i + 1
            out.append(chr(code))
        elif ch == "\r":
            i += i < n and u[i] == "\n"
        elif ch != "\n":
            raise JavaException("java.lang.IllegalArgumentException",
                                f"Invalid escape sequence: \\{ch} \\\\u{ord(ch):04X}")
    return from_units("".join(out))


@java_method(str, "transform")
def transform(text: str, function: Any) -> Any:
    """``<R> R transform(Function<? super String, ? extends R> f)`` (Java 12): no template
    value is a Function, so only a null argument fits, and it throws."""
    require(function is None)
    raise npe('Cannot invoke "java.util.function.Function.apply(Object)" because "f" is null')


@java_method(str, "describeConstable")
def describe_constable(text: str) -> JavaOptional:
    """``Optional<String> describeConstable()`` (Java 12): ``Optional.of(this)``."""
    return JavaOptional(text)


@java_method(str, "resolveConstantDesc")
def resolve_constant_desc(text: str, lookup: Any) -> str:
    """``String resolveConstantDesc(MethodHandles.Lookup lookup)`` (Java 12): the string
    itself; no template value is a Lookup, so only null fits."""
    require(lookup is None)
    return text


@java_method(str, "toLowerCase")
def to_lower_case(text: str) -> str:
    """``String toLowerCase()`` (default locale en)."""
    return to_lower(text)


@java_method(str, "toUpperCase")
def to_upper_case(text: str) -> str:
    """``String toUpperCase()`` (default locale en): ``ß`` becomes ``SS``."""
    return to_upper(text)


@java_method(str, "concat")
def concat_method(text: str, other: Any) -> str:
    """``String concat(String str)``"""
    if other is None:
        raise npe('Cannot invoke "String.isEmpty()" because "str" is null')
    require(type(other) is str)
    return concat(text, other)


@java_method(str, "repeat")
def repeat(text: str, count: Any) -> str:
    """``String repeat(int count)``"""
    require(is_int(count))
    if count < 0:
        raise JavaException("java.lang.IllegalArgumentException", f"count is negative: {count}")
    size = len(units(text)) * (1 if _is_latin1(text) else 2)
    if size * count > INT_MAX:
        raise JavaException(
            "java.lang.OutOfMemoryError",
            f"Repeating {size} bytes String {count} times will produce a String exceeding "
            f"maximum size.")
    check_length(len(text) * count)
    if len(text) * count > _MAX_LENGTH:
        raise UnsupportedJava(f"a String of {len(text) * count} characters (repeat)")
    return text * int(count)


@java_method(str, "replace")
def replace(text: str, target: Any, replacement: Any) -> str:
    """``String replace(char oldChar, char newChar)`` and
    ``String replace(CharSequence target, CharSequence replacement)`` (literal)."""
    if type(target) is JavaChar and type(replacement) is JavaChar:
        return from_units(units(text).replace(target.char, replacement.char))
    require(target is None or type(target) is str)
    require(replacement is None or type(replacement) is str)
    if target is None:
        raise npe('Cannot invoke "java.lang.CharSequence.toString()" because "target" is null')
    if replacement is None:
        raise npe(
            'Cannot invoke "java.lang.CharSequence.toString()" because "replacement" is null')
    if len(replacement) > len(target):  # each match may grow the text: check before
        matches = text.count(target) if target else len(text) + 1
        check_length(len(text) + matches * (len(replacement) - len(target)))
    if (target == "" and not (text.isascii() and replacement.isascii())) or has_surrogate(
            target) or has_surrogate(replacement):
        return from_units(units(text).replace(units(target), units(replacement)))
    return text.replace(target, replacement)


@java_method(str, "replaceAll")
def replace_all(text: str, regex: Any, replacement: Any) -> str:
    """``String replaceAll(String regex, String replacement)`` (Java regex and ``$n``)."""
    _string(regex)
    _string(replacement)
    if regex is None:
        raise npe('Cannot invoke "String.isEmpty()" because "this.pattern" is null')
    if replacement is None:
        if jregex.compile_java(regex).regex.search(text) is None:
            return text
        raise npe('Cannot invoke "String.length()" because "replacement" is null')
    return jregex.replace_all(text, regex, replacement)


@java_method(str, "replaceFirst")
def replace_first(text: str, regex: Any, replacement: Any) -> str:
    """``String replaceFirst(String regex, String replacement)``"""
    _string(regex)
    _string(replacement)
    if regex is None:
        raise npe('Cannot invoke "String.isEmpty()" because "this.pattern" is null')
    if replacement is None:
        jregex.compile_java(regex)
        raise JavaException("java.lang.NullPointerException", "replacement")
    return jregex.replace_first(text, regex, replacement)


@java_method(str, "matches")
def matches(text: str, regex: Any) -> bool:
    """``boolean matches(String regex)``: the whole string must match."""
    _string(regex)
    if regex is None:
        raise npe('Cannot invoke "String.isEmpty()" because "this.pattern" is null')
    return jregex.matches(text, regex)


@java_method(str, "split")
def split(text: str, regex: Any, *limit: Any) -> tuple[str, ...]:
    """``String[] split(String regex[, int limit])``"""
    _string(regex)
    require(len(limit) <= 1 and (not limit or is_int(limit[0])))
    if regex is None:
        raise npe('Cannot invoke "String.length()" because "regex" is null')
    return jregex.split(text, regex, limit[0] if limit else 0)


@java_method(str, "join")
def join(text: str, delimiter: Any, *elements: Any) -> str:
    """static ``String.join(CharSequence delimiter, CharSequence... elements)`` and
    ``String.join(CharSequence delimiter, Iterable<? extends CharSequence> elements)``."""
    _string(delimiter)
    if len(elements) == 1 and (isinstance(elements[0], (list, MapView))):
        if delimiter is None:
            raise JavaException("java.lang.NullPointerException", None)
        return _join_iterable(delimiter, elements[0])
    if len(elements) == 1 and type(elements[0]) is tuple:
        items: Iterable[Any] = elements[0]
        require(all(e is None or type(e) is str for e in elements[0]))
    else:
        require(all(e is None or type(e) is str for e in elements))
        items = elements
    if delimiter is None:
        raise npe('Cannot invoke "java.lang.CharSequence.toString()" because "delimiter" is null')
    return str(delimiter).join("null" if e is None else e for e in items)


def _join_iterable(delimiter: str, elements: Iterable[Any]) -> str:
    parts = []
    for element in elements:
        if element is None:
            parts.append("null")
        elif type(element) is str:
            parts.append(element)
        else:
            raise class_cast(element, "java.lang.CharSequence")
    return delimiter.join(parts)


# --- Character (what charAt returns) -----------------------------------------------


@java_method(JavaChar, "toString")
def char_to_string(char: JavaChar, *args: Any) -> str:
    """``String Character.toString()``; static ``toString(char|int codePoint)``
    (vtl/java/characters.py)."""
    if args:
        from vtl.java.characters import static_to_string

        require(len(args) == 1)
        return static_to_string(args[0])
    return from_units(char.char)


@java_method(JavaChar, "charValue")
def char_value(char: JavaChar) -> JavaChar:
    """``char Character.charValue()``"""
    return char


@java_method(JavaChar, "equals")
def char_equals(char: JavaChar, other: Any) -> bool:
    """``boolean Character.equals(Object)``: only another Character (not ``"H"``)."""
    return type(other) is JavaChar and other.char == char.char


@java_method(JavaChar, "hashCode")
def char_hash_code(char: JavaChar, *args: Any) -> int:
    """``int Character.hashCode()``: the UTF-16 code unit; static ``hashCode(char)``."""
    require(len(args) <= 1 and (not args or type(args[0]) is JavaChar))
    return ord((args[0] if args else char).char)


@java_method(JavaChar, "compareTo")
def char_compare_to(char: JavaChar, other: Any) -> int:
    """``int Character.compareTo(Character)``"""
    if other is None:
        raise npe('Cannot read field "value" because "anotherCharacter" is null')
    if type(other) is not JavaChar:
        raise class_cast(other, "java.lang.Character")
    return ord(char.char) - ord(other.char)


# --- String.format -------------------------------------------------------------------


def _varargs(rest: tuple[Any, ...]) -> tuple[Any, ...] | None:
    """The ``Object[]`` Velocity 1.7 passes for a varargs parameter: a single argument
    that is already an object array (``String[]``) is passed as is, a single null as a
    null array, anything else is wrapped. A primitive array fits no signature."""
    if len(rest) == 1:
        only = rest[0]
        if only is None:
            return None
        if isinstance(only, tuple):
            require(type(only) is tuple and not any(type(e) is JavaChar for e in only))
            return only
    return rest


def _format_null() -> JavaException:
    return npe('Cannot invoke "String.length()" because "s" is null')


@java_method(str, "format")
def format_method(text: str, fmt: Any, *args: Any) -> str:
    """static ``String.format(String format, Object... args)`` (and
    ``format(Locale l, String format, Object... args)`` with a null Locale, which
    Velocity prefers when the first argument is null and the second a String)."""
    if fmt is None and args and (args[0] is None or type(args[0]) is str):
        # format(Locale, String, Object...) is the more specific match: a null Locale
        # formats as en_US does.
        fmt, args = args[0], args[1:]
    require(fmt is None or type(fmt) is str)
    array = _varargs(args)
    if fmt is None:
        raise _format_null()
    return formatter.format(fmt, array)


@java_method(str, "formatted")
def formatted(text: str, *args: Any) -> str:
    """``String formatted(Object... args)`` (Java 15): ``String.format(this, args)``."""
    return formatter.format(text, _varargs(args))



#: What ends a line for ``String.lines()``: \n, \r or \r\n.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@java_method(str, "chars")
def chars(text: str) -> IntStream:
    """``IntStream chars()``: one element per UTF-16 unit."""
    return IntStream(length(text))


@java_method(str, "codePoints")
def code_points(text: str) -> IntStream:
    """``IntStream codePoints()``: one element per code point (a surrogate pair is one)."""
    return IntStream(len(from_units(text)))


@java_method(str, "lines")
def lines(text: str) -> Stream:
    """``Stream<String> lines()``: a line break ends a line, so a trailing one adds none."""
    pieces = _LINE_BREAK.split(text)
    return Stream(len(pieces) - (pieces[-1] == ""))

"""JSON as API Gateway's JSONPath library sees it: json-smart 2.6, permissive mode.

API Gateway evaluates ``$input.json``/``$input.path`` with Jayway JsonPath, whose default
provider parses with json-smart in ``MODE_PERMISSIVE`` and builds objects as
``LinkedHashMap`` and arrays as json-smart ``JSONArray``. Permissive mode is why a body
such as ``a=b`` reads as the String ``a=b`` (unquoted text is a string), why ``{a:1}`` and
``{'a':'b'}`` parse, and why text after a complete value is ignored.

- :func:`parse` turns text into values: ``dict`` (LinkedHashMap), :class:`JSONArray`,
  ``str``, ``int`` (Integer/Long/BigInteger), ``float`` (Double; ``NaN`` is json-smart's
  ``Float.NaN``, a :class:`~vtl.java.floats.JavaFloat`), :class:`decimal.Decimal` (BigDecimal, for decimals over 18 characters),
  ``bool`` and ``None``. Strict JSON takes a fast path through :mod:`json`; anything else
  goes through a port of json-smart's ``JSONParserString``, so both give the jar's values.
- :func:`to_json` is json-smart's ``JSONValue.toJSONString`` (default style: compact,
  ``/`` escaped as ``\\/``, control and U+007F..U+009F, U+2000..U+20FF characters as
  upper-case ``\\uXXXX``, infinite doubles as ``null``). It is also ``JSONArray.toString()``.

A parse failure raises :class:`JsonSmartParseError` whose message is json-smart's
``ParseException`` message (positions count UTF-16 code units, as Java does).
"""

from __future__ import annotations

import gc
import json
import math
import re
import sys
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from itertools import chain, compress, filterfalse
from typing import Any

from vtl.java import to_string as _java_to_string
from vtl.java.floats import JavaFloat
from vtl.java.iterators import loop_elements
from vtl.java.limits import check_length, max_length, tick
from vtl.java.maps import KeySetView
from vtl.java.numbers import parse_double
from vtl.java.printing import digits_to_int
from vtl.java.registry import JavaException, java_class, java_method

__all__ = [
    "JSONArray", "JsonSmartParseError", "from_utf16", "json_arrays", "parse", "parse_document",
    "parse_document_raw", "parse_document_tree", "to_json", "to_json_plain", "to_utf16",
]


class JSONArray(list):  # type: ignore[type-arg]
    """json-smart's ``net.minidev.json.JSONArray``: an ArrayList that prints as compact JSON.

    Java list methods come from ``list``'s registrations through the MRO; ``toString()``
    is the JSON of the whole subtree, maps inside included (AWS recording 2025-06:
    ``[{"foo":"bar"}]``).
    """

    __slots__ = ()


java_class(JSONArray, "net.minidev.json.JSONArray")


@loop_elements(JSONArray)
def _array_elements(array: JSONArray) -> JSONArray:
    """What ``#foreach`` walks: the array itself (its iterator is ArrayList's)."""
    return array


@java_method(JSONArray, "toString")
def _json_array_to_string(self: JSONArray) -> str:
    """String JSONArray.toString(): JSONValue.toJSONString(this)."""
    return to_json(self)


@java_method(JSONArray, "toJSONString")
def _json_array_to_json_string(self: JSONArray) -> str:
    """String JSONArray.toJSONString()."""
    return to_json(self)


# --- parsing ----------------------------------------------------------------------------

_EOI = "\x1a"  # json-smart's end-of-input marker; a literal U+001A in the text reads as EOI
_FLOAT_NAN = JavaFloat(math.nan)
_MAX_STOP = "~"  # chars at or above '~' never stop an unquoted string
_MAX_DEPTH = 400

_STOP_KEY = frozenset(":" + _EOI)
_STOP_VALUE = frozenset(",}" + _EOI)
_STOP_ARRAY = frozenset(",]" + _EOI)
_STOP_X = frozenset(_EOI)

# ParseException error types.
_CHAR, _TOKEN, _EOF, _UNICODE, _DEPTH = 0, 1, 3, 4, 7

# java.lang.Character.isWhitespace: Unicode space separators except no-break spaces, plus
# \t \n \u000B \f \r and \u001C..\u001F.
_JAVA_WHITESPACE = frozenset(
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2008\u2009\u200a\u2028\u2029\u205f\u3000"
)
_HEX = "0123456789abcdef"
_SURROGATE = re.compile("[\ud800-\udfff]")
_NON_BMP = re.compile("[\U00010000-\U0010ffff]")


class JsonSmartParseError(ValueError):
    """json-smart's ``net.minidev.json.parser.ParseException``."""

    java_class = "net.minidev.json.parser.ParseException"

    def __init__(self, position: int, error_type: int, unexpected: object) -> None:
        self.position = position
        self.error_type = error_type
        super().__init__(_message(position, error_type, unexpected))


def _message(position: int, error_type: int, unexpected: object) -> str:
    shown = "null" if unexpected is None else str(unexpected)
    if error_type == _CHAR:
        return f"Unexpected character ({shown}) at position {position}."
    if error_type == _TOKEN:
        return f"Unexpected token {shown} at position {position}."
    if error_type == _EOF:
        return f"Unexpected End Of File position {position}: {shown}"
    if error_type == _UNICODE:
        return f"Unexpected unicode escape sequence {shown} at position {position}."
    if error_type == _DEPTH:
        return (
            "Malicious payload, having non natural depths, parsing stoped on "
            f"{shown} at position {position}."
        )
    return f"Unkown error at position {position}."


def to_utf16(text: str) -> str:
    """``text`` as a Java String holds it: characters outside the BMP as two surrogates.

    Indexes and lengths of the result count UTF-16 code units, as Java's do.
    """
    if not _NON_BMP.search(text):
        return text
    return "".join(
        c if ord(c) < 0x10000 else chr(0xD7C0 + (ord(c) >> 10)) + chr(0xDC00 + (ord(c) & 0x3FF))
        for c in text
    )


def from_utf16(units: str) -> str:
    """Join surrogate pairs back into characters; lone surrogates stay as they are."""
    if not _SURROGATE.search(units):
        return units
    return units.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


class _Parser:
    """A port of json-smart 2.6.0's JSONParserString in MODE_PERMISSIVE.

    Method names follow the Java ones (``read_object`` is ``readObject``) so the two can be
    read side by side. ``c`` is the current char, ``_EOI`` past the end.
    """

    def __init__(self, text: str) -> None:
        self.s = to_utf16(text)
        self.n = len(self.s)
        self.pos = -1
        self.c = _EOI
        self.xs = ""
        self.depth = 0

    # reading

    def read(self) -> None:
        self.pos += 1
        self.c = self.s[self.pos] if self.pos < self.n else _EOI

    def read_no_end(self) -> None:
        self.pos += 1
        if self.pos >= self.n:
            self.c = _EOI
            raise JsonSmartParseError(self.pos - 1, _EOF, "EOF")
        self.c = self.s[self.pos]

    def skip_digits(self) -> None:
        while "0" <= self.c <= "9":
            self.read()

    def skip_space(self) -> None:
        while self.c <= " " and self.c != _EOI:
            self.read()

    def skip_nq_string(self, stop: frozenset[str]) -> None:
        while self.c != _EOI and not (self.c < _MAX_STOP and self.c in stop):
            self.read()

    def extract_string_trim(self, start: int, stop: int) -> None:
        s = self.s
        while start < stop - 1 and s[start] in _JAVA_WHITESPACE:
            start += 1
        while stop - 1 > start and s[stop - 1] in _JAVA_WHITESPACE:
            stop -= 1
        self.xs = s[start:stop]

    def read_nq_string(self, stop: frozenset[str]) -> None:
        start = self.pos
        self.skip_nq_string(stop)
        self.extract_string_trim(start, self.pos)

    # values

    def parse(self) -> Any:
        self.read()
        return self.read_first()

    def read_first(self) -> Any:
        while True:
            c = self.c
            if c in " \r\n\t":
                self.read()
                continue
            if c in ":}]":
                raise JsonSmartParseError(self.pos, _CHAR, c)
            if c == "{":
                return self.read_object()
            if c == "[":
                return self.read_array()
            return self.read_scalar(_STOP_X)

    def read_value(self, stop: frozenset[str]) -> Any:
        """readMain, with the container cases left to the caller's frame.

        Nesting may be 400 deep: recursing only through read_object/read_array keeps that
        within Python's recursion limit.
        """
        while True:
            c = self.c
            if c in " \r\n\t":
                self.read()
                continue
            if c in ":}]":
                raise JsonSmartParseError(self.pos, _CHAR, c)
            if c == "{":
                return self.read_object()
            if c == "[":
                return self.read_array()
            if c == _EOI:
                raise JsonSmartParseError(self.pos - 1, _EOF, "EOF")
            return self.read_scalar(stop)

    def read_scalar(self, stop: frozenset[str]) -> Any:
        """The string / keyword / number cases shared by readFirst and readMain."""
        c = self.c
        if c in "\"'":
            self.read_string()
            return self.xs
        if c in "-0123456789":
            return self.read_number(stop)
        self.read_nq_string(stop)
        xs = self.xs
        if c == "n" and xs == "null":
            return None
        if c == "f" and xs == "false":
            return False
        if c == "t" and xs == "true":
            return True
        if c == "N" and xs == "NaN":
            # json-smart's Float.NaN, a java.lang.Float. Case apigateway/input-body/nan-is-float.
            return _FLOAT_NAN
        return xs

    def read_object(self) -> dict[str, Any]:
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise JsonSmartParseError(self.pos, _DEPTH, self.c)
        current: dict[str, Any] = {}
        while True:
            self.read()
            c = self.c
            if c in " \r\t\n":
                continue
            if c in ":][{":
                raise JsonSmartParseError(self.pos, _CHAR, c)
            if c == "}":
                self.depth -= 1
                self.read()
                return current
            if c == ",":
                continue
            if c in "\"'":
                self.read_string()
            else:
                self.read_nq_string(_STOP_KEY)
            key = self.xs
            self.skip_space()
            if self.c != ":":
                if self.c == _EOI:
                    raise JsonSmartParseError(self.pos - 1, _EOF, None)
                raise JsonSmartParseError(self.pos - 1, _CHAR, self.c)
            self.read_no_end()
            current[key] = self.read_value(_STOP_VALUE)
            self.skip_space()
            if self.c == "}":
                self.depth -= 1
                self.read()
                return current
            if self.c == _EOI:
                raise JsonSmartParseError(self.pos - 1, _EOF, None)
            if self.c != ",":
                raise JsonSmartParseError(self.pos - 1, _TOKEN, self.c)

    def read_array(self) -> JSONArray:
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise JsonSmartParseError(self.pos, _DEPTH, self.c)
        current = JSONArray()
        self.read()
        while True:
            c = self.c
            if c in " \r\n\t" or c == ",":
                self.read()
                continue
            if c == "]":
                self.depth -= 1
                self.read()
                return current
            if c in ":}":
                raise JsonSmartParseError(self.pos, _CHAR, c)
            if c == _EOI:
                raise JsonSmartParseError(self.pos - 1, _EOF, "EOF")
            current.append(self.read_value(_STOP_ARRAY))

    # strings

    def read_string(self) -> None:
        end = self.s.find(self.c, self.pos + 1)
        if end == -1:
            raise JsonSmartParseError(self.n, _EOF, None)
        xs = self.s[self.pos + 1 : end]
        if "\\" not in xs:
            # IGNORE_CONTROL_CHAR: raw control characters are kept on this path.
            self.xs = xs
            self.pos = end
            self.read()
            return
        self.read_string2()

    def read_string2(self) -> None:
        sep = self.c
        out: list[str] = []
        while True:
            self.read()
            c = self.c
            if c == _EOI:
                raise JsonSmartParseError(self.pos - 1, _EOF, None)
            if c in "\"'":
                if c == sep:
                    self.read()
                    self.xs = "".join(out)
                    return
                out.append(c)
            elif c == "\\":
                self.read()
                out.append(self.read_escape())
            elif c < " " or c == "\x7f":
                # IGNORE_CONTROL_CHAR: on this path raw control characters are dropped.
                continue
            else:
                out.append(c)

    def read_escape(self) -> str:
        c = self.c
        simple = {"t": "\t", "n": "\n", "r": "\r", "f": "\f", "b": "\b"}
        if c in simple:
            return simple[c]
        if c in "\\/'\"":
            return c
        if c == "u":
            return self.read_unicode(4)
        if c == "x":
            return self.read_unicode(2)
        return ""  # an unknown escape is dropped, backslash and all

    def read_unicode(self, digits: int) -> str:
        value = 0
        for _ in range(digits):
            value *= 16
            self.read()
            c = self.c
            if c == _EOI:
                raise JsonSmartParseError(self.pos, _EOF, "EOF")
            digit = _HEX.find(c.lower()) if len(c) == 1 and c.isascii() else -1
            if digit < 0:
                raise JsonSmartParseError(self.pos, _UNICODE, c)
            value += digit
        return chr(value)

    # numbers

    def _number_is_text(self, stop: frozenset[str]) -> bool:
        """After a number: does an unquoted string continue here instead?"""
        self.skip_space()
        return self.c < _MAX_STOP and self.c not in stop and self.c != _EOI

    def _as_text(self, start: int, stop: frozenset[str]) -> str:
        self.skip_nq_string(stop)
        self.extract_string_trim(start, self.pos)
        return self.xs

    def read_number(self, stop: frozenset[str]) -> Any:
        start = self.pos
        self.read()
        self.skip_digits()
        if self.c not in ".Ee":
            if self._number_is_text(stop):
                return self._as_text(start, stop)
            self.extract_string_trim(start, self.pos)
            return _parse_integer(self.xs)
        if self.c == ".":
            self.read()
            self.skip_digits()
        if self.c not in "Ee":
            if self._number_is_text(stop):
                return self._as_text(start, stop)
            self.extract_string_trim(start, self.pos)
            return self.extract_float()
        self.read()
        if self.c in "+-" or "0" <= self.c <= "9":
            self.read()
            self.skip_digits()
            if self._number_is_text(stop):
                return self._as_text(start, stop)
            self.extract_string_trim(start, self.pos)
            return self.extract_float()
        return self._as_text(start, stop)

    def extract_float(self) -> float | Decimal:
        xs = self.xs
        try:
            # USE_HI_PRECISION_FLOAT with BIG_DIGIT_UNRESTRICTED: long literals are BigDecimal.
            if len(xs) > 18:
                return _big_decimal(xs)
            # json-smart calls Double.parseDouble, which trims as String.trim (every char
            # <= ' '): a control char the whitespace trim kept is dropped there, `1e5\x00`
            # is 100000.0. Case apigateway/input-body/double-then-nul.
            return parse_double(xs)
        except (ValueError, InvalidOperation, JavaException):
            raise JsonSmartParseError(self.pos, _TOKEN, xs) from None


def _wrap64(value: int) -> int:
    return (value + 2**63) % 2**64 - 2**63


def _parse_integer(xs: str) -> int:
    """JSONParserBase.parseNumber: Integer, Long or BigInteger, digit arithmetic and all.

    The text may hold characters other than digits (skipSpace passes control characters
    that the trim keeps): Java folds them in as ``'0' - c`` and so does this.
    """
    p, length, limit = 0, len(xs), 19
    negative = xs[0] == "-"
    if negative:
        p, limit = 1, 20
    if length > limit:
        return _big_integer(xs)
    must_check = length == limit
    limit = length - 1 if must_check else length
    r = 0
    while p < limit:
        r = _wrap64(r * 10 + (48 - ord(xs[p])))
        p += 1
    if must_check:
        edge = -922337203685477580
        big = r < edge or (r == edge and xs[p] > ("8" if negative else "7"))
        if big:
            return _big_integer(xs)
        r = _wrap64(r * 10 + (48 - ord(xs[p])))
    return r if negative else _wrap64(-r)


def _big_integer(xs: str) -> int:
    """``new BigInteger(xs, 10)``."""
    if xs.isascii() and xs.lstrip("-+").isdigit() and xs[:2].count("-") + xs[:2].count("+") <= 1:
        return digits_to_int(xs)  # no 4,300-digit limit (case apigateway/fuzz/body-5000-digit-number)
    raise JsonSmartParseError(0, _TOKEN, xs)  # a NumberFormatException in Java; never seen


# Strict JSON is read by the json module, which gives json-smart's values for it, except
# where json-smart is permissive in a way that changes a value: a raw DEL inside a string
# (dropped when the string also holds an escape) and nesting deeper than 400 (an error).
_BRACKETS_QUOTES = {code: None for code in range(128) if chr(code) not in '[]{}"\\'}
_STRING_LITERAL = re.compile('"[^"]*"')


def _reject_constant(name: str) -> Any:
    raise ValueError(name)


def _nesting_within(text: str, limit: int) -> bool:
    """Whether valid JSON ``text`` nests at most ``limit`` containers deep.

    All in C string operations: only brackets, quotes and backslashes are kept; without
    the escapes (``\\\\`` then ``\\"``) every ``"`` delimits a string, and strings holding
    no bracket become ``""``; then each pass replaces the innermost pairs by a marker and
    drops the markers, one level per pass.
    """
    kept = text.translate(_BRACKETS_QUOTES).replace("\\\\", "").replace('\\"', "")
    brackets = kept.replace('""', "")
    if '"' in brackets:
        brackets = _STRING_LITERAL.sub("", brackets)
    for _ in range(limit):
        if not brackets:
            return True
        brackets = brackets.replace("{}", "x").replace("[]", "x").replace("x", "")
    return not brackets


class _NotPlain(Exception):
    """A number literal that :func:`to_json_plain` could not write as Java does."""


@lru_cache(maxsize=4096)
def _java_prints_as_python(value: float) -> bool:
    return _java_to_string(value) == repr(value)


def _plain_float(literal: str) -> float:
    """parse_float of the first attempt: a double Java prints as Python's ``repr`` does
    (JDK 17's digits are not always the shortest; 1.0E7 and 1.0E-4 are laid out
    differently), else :class:`_NotPlain` and the document is read again by
    :func:`_any_float`."""
    if len(literal) > 18:
        raise _NotPlain
    value = float(literal)
    if not _java_prints_as_python(value):
        raise _NotPlain
    return value


def _any_float(literal: str) -> float | Decimal:
    # USE_HI_PRECISION_FLOAT with BIG_DIGIT_UNRESTRICTED: long literals are BigDecimal.
    return _big_decimal(literal) if len(literal) > 18 else float(literal)


_INT_MAX = 2**31 - 1


def _big_decimal(literal: str) -> Decimal:
    """``new BigDecimal(literal)``: a ValueError where Java throws NumberFormatException,
    for an exponent past an int or a scale (fraction digits minus exponent) out of int
    range (json-smart then reports the token; cases apigateway/fuzz/body-huge-exponent*)."""
    mantissa, _, exponent = literal.lower().partition("e")
    if exponent:
        if len(exponent.lstrip("+-").lstrip("0")) > 10:
            raise ValueError(literal)
        exp = int(exponent)
        fraction = len(mantissa.partition(".")[2])
        if abs(exp) > _INT_MAX or not -_INT_MAX - 1 <= fraction - exp <= _INT_MAX:
            raise ValueError(literal)
    return Decimal(literal)


# Stateless decoders made once (the json module's own ``json.loads`` shares one the same way).
_DECODE_PLAIN = json.JSONDecoder(parse_float=_plain_float, parse_constant=_reject_constant).decode
_DECODE_ANY = json.JSONDecoder(parse_float=_any_float, parse_constant=_reject_constant).decode


def _strict_raw(text: str) -> tuple[Any, bool, bool] | None:
    """``text`` read by the json module: (value, whether it is plain, whether its arrays
    are JSONArrays already), or None when json-smart's own reading is needed."""
    if "\x7f" in text:
        return None
    try:
        try:
            value, plain = _DECODE_PLAIN(text), True
        except _NotPlain:
            value, plain = _DECODE_ANY(text), False
    except (ValueError, RecursionError):
        return None
    # 401 levels take at least 802 characters; counting is C, and rarely needed after it.
    if len(text) > 2 * _MAX_DEPTH:
        opens = text.count("{")
        if opens <= _MAX_DEPTH:
            opens += text.count("[")
        if opens > _MAX_DEPTH:
            # The walk that measures the depth makes the arrays JSONArrays on its way: a
            # value handed to a template needs no second walk (see json_arrays).
            value, within = _arrays_within(value, _MAX_DEPTH)
            if not within and not _nesting_within(text, _MAX_DEPTH):
                return None
            return value, plain, within
    return value, plain, False


# --- arrays ---------------------------------------------------------------------------
#
# The json module reads arrays as ``list``; json-smart's are JSONArrays. Converting them
# during the parse (a hook per object) costs as much as the parse itself on a large body, so
# it is done after it, where a value is handed to a template (or on a large body, by the
# walk that checks its depth anyway), with C doing the search:
# ``gc.get_referents`` lists the children of a whole level of containers at once, and on
# CPython a dict that is not GC-tracked holds no container (a new dict is untracked and
# becomes tracked when it stores a list or a dict; a collection untracks only a dict whose
# values are all atomic), so the search skips the leaves. Where that does not hold (checked
# once, below) every container is walked.

_WALKED = frozenset((dict, JSONArray))
_CONTAINERS = frozenset((dict, list, JSONArray))


def _untracked_dicts_are_leaves() -> bool:
    if sys.implementation.name != "cpython":
        return False
    empty: dict[str, Any] = {}
    holder = {"a": empty}
    return not gc.is_tracked(empty) and gc.is_tracked(holder) and gc.is_tracked([])


_TRACKING = _untracked_dicts_are_leaves()


def _is_container(value: Any) -> bool:
    return type(value) in _CONTAINERS


_may_hold_containers: Callable[[Any], bool] = gc.is_tracked if _TRACKING else _is_container


def _nesting_at_most(value: Any, limit: int) -> bool:
    """Whether a value the json module read (dicts and lists) nests at most ``limit``
    containers deep: one C call per level, leaves skipped (see above)."""
    if not isinstance(value, (dict, list)):
        return True
    level, depth = [value], 1
    while True:
        level = [*filter(_may_hold_containers, gc.get_referents(*level))]
        if not level:
            break
        depth += 1
        if depth >= limit:  # an untracked dict below the last level adds one more
            return False
    return depth + (1 if _TRACKING else 0) <= limit


def _replace_lists(node: Any) -> None:
    """Make the ``list`` children of one dict or JSONArray JSONArrays (in place)."""
    if type(node) is dict:
        if list in map(type, node.values()):
            for key, item in node.items():
                if type(item) is list:
                    node[key] = JSONArray(item)
    elif list in map(type, node):
        for index, item in enumerate(node):
            if type(item) is list:
                node[index] = JSONArray(item)


def json_arrays(value: Any) -> Any:
    """``value`` with every ``list`` in it made a :class:`JSONArray`, in place (a top-level
    ``list`` is copied into one). Maps and JSONArrays already converted are walked too."""
    return _arrays_within(value, None)[0]


def _arrays_within(value: Any, limit: int | None) -> tuple[Any, bool]:
    """:func:`json_arrays`, and whether ``value`` nests at most ``limit`` containers deep
    (None: no limit), judged as :func:`_nesting_at_most` does, on the same levels. A value
    found deeper is left partly converted."""
    if type(value) is list:
        value = JSONArray(value)
    elif not isinstance(value, (dict, list)):
        return value, True
    if not _TRACKING:
        _json_arrays_walk(value)
        return value, limit is None or _nesting_at_most(value, limit)
    level: list[Any] = [value]
    arrays_only = type(value) is JSONArray
    depth = 1
    while True:
        tracked = _tracked_children(level, arrays_only)
        kinds = {*map(type, tracked)}
        if list in kinds:
            for node in level:
                _replace_lists(node)
            tracked = _tracked_children(level, arrays_only)
            kinds = {*map(type, tracked)}
        if not _WALKED.issuperset(kinds):
            tracked = _walked(tracked, kinds)
        if not tracked:
            # An untracked dict below the last level adds one more.
            return value, limit is None or depth + 1 <= limit
        depth += 1
        if limit is not None and depth >= limit:
            return value, False
        # The next level holds JSONArrays only when no map is among its kinds.
        level, arrays_only = tracked, dict not in kinds


def _tracked_children(level: list[Any], arrays_only: bool) -> list[Any]:
    """The GC-tracked children of a level of maps and JSONArrays. A JSONArray's referents
    include its class, so a level of JSONArrays only is read as their items, which are
    its other referents."""
    children = chain.from_iterable(level) if arrays_only else gc.get_referents(*level)
    return [*filter(gc.is_tracked, children)]


def _walked(tracked: list[Any], kinds: set[type]) -> list[Any]:
    """The maps and JSONArrays of ``tracked`` (whose types are ``kinds``)."""
    if _WALKED_OR_CLASS.issuperset(kinds):
        # Only JSONArray classes to drop: of these objects, only a class is callable.
        return [*filterfalse(callable, tracked)]
    return [*compress(tracked, map(_WALKED.__contains__, map(type, tracked)))]


_WALKED_OR_CLASS = _WALKED | {type}


def _json_arrays_walk(root: Any) -> None:
    stack = [root]
    while stack:
        node = stack.pop()
        _replace_lists(node)
        stack.extend(item for item in (node.values() if isinstance(node, dict) else node)
                     if type(item) in _WALKED)


def parse_document_raw(text: str) -> tuple[Any, bool]:
    """:func:`parse_document`, with arrays read as strict JSON possibly left as ``list``\\ s:
    the form ``$input`` keeps (:func:`to_json` and :func:`to_json_plain` write both alike;
    a value handed to a template goes through :func:`json_arrays` first)."""
    value, plain, _ = parse_document_tree(text)
    return value, plain


def parse_document_tree(text: str) -> tuple[Any, bool, bool]:
    """:func:`parse_document_raw`, and whether every array is a JSONArray already (the
    value needs no :func:`json_arrays`)."""
    strict = _strict_raw(text)
    if strict is not None:
        return strict
    return _python_strings(_Parser(text).parse()), False, True


def parse_document(text: str) -> tuple[Any, bool]:
    """:func:`parse`, also saying whether the value is *plain*: read as strict JSON, with
    no BigDecimal and only doubles that Java prints as Python's ``repr`` does, so that
    :func:`to_json_plain` can write it."""
    value, plain, arrays = parse_document_tree(text)
    return (value if arrays else json_arrays(value)), plain


def parse(text: str) -> Any:
    """Parse ``text`` as Jayway JsonPath's json-smart provider does.

    Raises :class:`JsonSmartParseError` where json-smart throws ``ParseException``.
    """
    return parse_document(text)[0]


def _python_strings(value: Any) -> Any:
    """Rejoin surrogate pairs in every string of a value the port produced."""
    if isinstance(value, str):
        return from_utf16(value)
    if isinstance(value, dict):
        return {from_utf16(k): _python_strings(v) for k, v in value.items()}
    if isinstance(value, list):
        return JSONArray(_python_strings(v) for v in value)
    return value


def decimal_to_string(value: Decimal) -> str:
    """``BigDecimal.toString()``: the same scientific-notation rule as Python's, no ``-0``."""
    return str(abs(value) if value.is_zero() else value)


# --- writing ----------------------------------------------------------------------------


def _escape_char(ch: str) -> str:
    code = ord(ch)
    if code > 0xFFFF:
        return ch
    if code <= 0x1F or 0x7F <= code <= 0x9F or 0x2000 <= code <= 0x20FF:
        return f"\\u{code:04X}"
    return ch


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r",
            "\t": "\\t", "/": "\\/"}
_TO_ESCAPE = re.compile('["\\\\/\x00-\x1f\x7f-\x9f\u2000-\u20ff]')
_TO_ESCAPE_BUT_SLASH = re.compile('["\\\\\x00-\x1f\x7f-\x9f\u2000-\u20ff]')


def _escaped(match: re.Match[str]) -> str:
    return _ESCAPES.get(match[0]) or _escape_char(match[0])


def _quote(text: str) -> str:
    """A JSON string literal with json-smart's Escape4Web rules."""
    return '"' + _TO_ESCAPE.sub(_escaped, text) + '"'


def _quote_keeping_slash(text: str) -> str:
    """:func:`_quote` leaving ``/`` alone (json-smart's ``LT_COMPRESS`` style)."""
    return '"' + _TO_ESCAPE_BUT_SLASH.sub(_escaped, text) + '"'


def to_json(
    value: Any, to_string: Callable[[Any], str | None] | None = None, *, escape_slash: bool = True
) -> str:
    """``JSONValue.toJSONString(value)``: compact JSON in json-smart's default style.

    ``to_string`` prints numbers and unknown objects as Java does (``String.valueOf``);
    it defaults to :func:`vtl.java.to_string`. ``escape_slash=False`` writes ``/`` as is
    (``LT_COMPRESS``); for ``$input.json`` :data:`vtl.apigw.input.INPUT_JSON_ESCAPES_SLASH`
    decides.
    """
    if to_string is None:
        from vtl.java import to_string as java_to_string

        to_string = java_to_string
    writer = _JsonWriter(to_string, _quote if escape_slash else _quote_keeping_slash)
    writer.write(value)
    return "".join(writer.out)


class _JsonWriter:
    """The compact JSON of a value, appended to ``out``. A value can print far longer than
    it is (the maps a deep scan returns each hold the ones below: quadratic), so the
    render's time and output limits are checked inside one write too (issue 14)."""

    __slots__ = ("limit", "out", "quote", "size", "to_string")

    def __init__(self, to_string: Callable[[Any], str | None], quote: Callable[[str], str]) -> None:
        self.out: list[str] = []
        self.to_string = to_string
        self.quote = quote
        self.size = 0  # characters of the strings and numbers written so far
        self.limit = max_length()

    def text(self, text: str) -> None:
        self.out.append(text)
        self.size += len(text)
        if self.limit is not None and self.size > self.limit:
            check_length(self.size)

    def write(self, value: Any) -> None:
        out, to_string = self.out, self.to_string
        if value is None:
            out.append("null")
        elif isinstance(value, str):
            self.text(self.quote(value))
        elif isinstance(value, bool):
            out.append("true" if value else "false")
        elif isinstance(value, float) and math.isinf(value):
            out.append("null")
        elif isinstance(value, Decimal):
            self.text(decimal_to_string(value))
        elif isinstance(value, (int, float)):
            self.text(to_string(value) or "null")
        elif isinstance(value, dict):
            tick()
            out.append("{")
            first = True
            for key, item in value.items():
                if not first:
                    out.append(",")
                first = False
                self.text("null" if key is None else self.quote(key if isinstance(key, str) else to_string(key) or ""))
                out.append(":")
                self.write(item)
            out.append("}")
        elif isinstance(value, (list, tuple, KeySetView)):  # a key set: Jayway's keys()
            tick()
            out.append("[")
            for index, item in enumerate(value):
                if index:
                    out.append(",")
                self.write(item)
            out.append("]")
        else:
            text = to_string(value)
            self.text("null" if text is None else self.quote(text))


# The json module's C writer gives json-smart's text for a *plain* value (strings, ints,
# booleans, null, doubles whose repr is Java's, str-keyed maps and lists), once
# its lower-case ``\u00xx`` escapes are upper-cased and the characters json-smart escapes
# but json does not (``/``, U+007F..U+009F, U+2000..U+20FF) are escaped. ``\\`` is matched
# so that an escaped backslash followed by ``u00..`` is left alone.
_PLAIN_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode


def _c_encoder() -> Callable[[Any], str]:
    """``_PLAIN_ENCODE`` without its per-call set-up: the json module's C encoder, made once
    (it keeps no state: no circular-reference markers), when this Python has it."""
    try:
        from _json import make_encoder

        default = json.JSONEncoder().default
        encoder = make_encoder(None, default, json.encoder.encode_basestring, None, ":", ",",
                               False, False, True)
        probe: Any = {"a": [1, -2.5, None, True, "x/\u00e9\u2028\x01"], "b": {}}

        def encode(value: Any, _encoder: Any = encoder, _join: Any = "".join) -> str:
            return _join(_encoder(value, 0))  # type: ignore[no-any-return]

        if encode(probe) == _PLAIN_ENCODE(probe):
            return encode
    except (ImportError, TypeError):  # another Python or another signature
        pass
    return _PLAIN_ENCODE


_ENCODE = _c_encoder()
_PLAIN_FIX = re.compile("\\\\\\\\|\\\\u00[01][0-9a-f]|[/\x7f-\x9f\u2000-\u20ff]")
_PLAIN_FIX_BUT_SLASH = re.compile("\\\\\\\\|\\\\u00[01][0-9a-f]|[\x7f-\x9f\u2000-\u20ff]")


def _plain_fix(match: re.Match[str]) -> str:
    text = match[0]
    if text == "/":
        return "\\/"
    if len(text) == 1:
        return f"\\u{ord(text):04X}"
    return "\\u" + text[2:].upper() if text[1] == "u" else text


def to_json_plain(value: Any, *, escape_slash: bool = True) -> str:
    """:func:`to_json` for a plain value (see :func:`parse_document`), in C."""
    text = _ENCODE(value)
    if not text.isascii():
        return _fix_wide(text, escape_slash)
    if "\\u00" in text or "\x7f" in text:
        # A control character (json writes its escape in lower case) or DEL: the general
        # rewrite. Otherwise only the slashes change.
        return (_PLAIN_FIX if escape_slash else _PLAIN_FIX_BUT_SLASH).sub(_plain_fix, text)
    return text.replace("/", "\\/") if escape_slash else text


# Non-ASCII text is searched as UTF-8, where the characters json-smart escapes start with
# bytes of their own: U+007F is 7F, U+0080..U+009F are C2 80..9F, U+2000..U+20FF are
# E2 80..83 xx. ``in`` and a regex starting with a literal byte skip to such a byte in a
# tight C loop, where a character-class regex over the text (the general rewrite) tests
# every character, several times slower. A lead byte is never part of another character's
# encoding, so each match is one whole character.
_C1_UTF8 = re.compile(b"\xc2[\x80-\x9f]")
_PUNCTUATION_UTF8 = re.compile(b"\xe2[\x80-\x83][\x80-\xbf]")


def _utf8_escape(match: re.Match[bytes]) -> bytes:
    return b"\\u%04X" % ord(match[0].decode("utf-8"))


def _fix_wide(text: str, escape_slash: bool) -> str:
    """:func:`to_json_plain`'s fix-ups for text holding non-ASCII characters."""
    data = text.encode("utf-8", "surrogatepass")  # json keeps lone surrogates as they are
    if b"\\u00" in data:  # a control character: the general rewrite
        return (_PLAIN_FIX if escape_slash else _PLAIN_FIX_BUT_SLASH).sub(_plain_fix, text)
    if escape_slash:
        data = data.replace(b"/", b"\\/")
    data = data.replace(b"\x7f", b"\\u007F")
    if b"\xc2" in data:
        data = _C1_UTF8.sub(_utf8_escape, data)
    if b"\xe2" in data:
        data = _PUNCTUATION_UTF8.sub(_utf8_escape, data)
    return data.decode("utf-8", "surrogatepass")

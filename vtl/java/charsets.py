"""Sets of code points for the Java regex translator.

A Java character class (``[a-z&&[^aeiou]]``, ``\\p{Lu}``, a case-insensitive
``[a-f]``) is computed here as an explicit, immutable set of code point ranges and
emitted as one Python ``[...]`` class, so Java's semantics (intersections,
negation of the whole class, ASCII-only case folding) never depend on Python's.

Unicode data comes from Python's ``unicodedata`` (Unicode 14; Java 17 has 13), and
Java's simple case mappings from :mod:`vtl.java.casing`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from vtl.java.casing import char_lower, char_upper

MAX_CODE_POINT = 0x10FFFF
Ranges = tuple[tuple[int, int], ...]


class CharSet:
    """An immutable set of code points, as sorted, disjoint, non-adjacent ranges."""

    __slots__ = ("ranges",)

    def __init__(self, ranges: Ranges) -> None:
        self.ranges = ranges

    @staticmethod
    def of(*ranges: tuple[int, int]) -> CharSet:
        """The set of the given (inclusive) ranges, normalised."""
        return CharSet(_normalise(list(ranges)))

    @staticmethod
    def chars(text: str) -> CharSet:
        """The set of the characters of ``text``."""
        return CharSet(_normalise([(ord(c), ord(c)) for c in text]))

    def union(self, other: CharSet) -> CharSet:
        """``A || B``"""
        return CharSet(_normalise(list(self.ranges) + list(other.ranges)))

    def negate(self) -> CharSet:
        """Every code point not in the set."""
        out = []
        start = 0
        for lo, hi in self.ranges:
            if lo > start:
                out.append((start, lo - 1))
            start = hi + 1
        if start <= MAX_CODE_POINT:
            out.append((start, MAX_CODE_POINT))
        return CharSet(tuple(out))

    def intersect(self, other: CharSet) -> CharSet:
        """``A && B``"""
        out = []
        i = j = 0
        a, b = self.ranges, other.ranges
        while i < len(a) and j < len(b):
            lo = max(a[i][0], b[j][0])
            hi = min(a[i][1], b[j][1])
            if lo <= hi:
                out.append((lo, hi))
            if a[i][1] < b[j][1]:
                i += 1
            else:
                j += 1
        return CharSet(tuple(out))

    def contains(self, code: int) -> bool:
        """Whether ``code`` is in the set."""
        for lo, hi in self.ranges:
            if code < lo:
                return False
            if code <= hi:
                return True
        return False

    def to_regex(self) -> str:
        """A Python regex matching exactly one code point of the set."""
        if not self.ranges:
            return "(?!)"
        if self.ranges == ((0, MAX_CODE_POINT),):
            return "(?s:.)"
        if len(self.ranges) == 1 and self.ranges[0][0] == self.ranges[0][1]:
            return re.escape(chr(self.ranges[0][0]))
        parts = []
        for lo, hi in self.ranges:
            parts.append(_class_char(lo) if lo == hi else
                         f"{_class_char(lo)}{'-' if hi > lo + 1 else ''}{_class_char(hi)}")
        return "[" + "".join(parts) + "]"


def _class_char(code: int) -> str:
    """A code point written inside a Python character class."""
    char = chr(code)
    if char in "\\]^-[":
        return "\\" + char
    if code < 0x20 or 0xD800 <= code <= 0xDFFF:
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return char


def _normalise(ranges: list[tuple[int, int]]) -> Ranges:
    ranges.sort()
    out: list[tuple[int, int]] = []
    for lo, hi in ranges:
        if out and lo <= out[-1][1] + 1:
            if hi > out[-1][1]:
                out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return tuple(out)


EMPTY = CharSet(())
ALL = CharSet(((0, MAX_CODE_POINT),))

# --- ASCII classes (Java's defaults for \d \w \s and the POSIX names) -------------

ASCII_DIGIT = CharSet.of((0x30, 0x39))
ASCII_LOWER = CharSet.of((0x61, 0x7A))
ASCII_UPPER = CharSet.of((0x41, 0x5A))
ASCII_ALPHA = ASCII_LOWER.union(ASCII_UPPER)
ASCII_ALNUM = ASCII_ALPHA.union(ASCII_DIGIT)
ASCII_WORD = ASCII_ALNUM.union(CharSet.chars("_"))
ASCII_SPACE = CharSet.chars(" \t\n\x0b\f\r")
ASCII_PUNCT = CharSet.chars("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
ASCII_XDIGIT = CharSet.chars("0123456789abcdefABCDEF")
HORIZONTAL_SPACE = CharSet.of((0x09, 0x09), (0x20, 0x20), (0xA0, 0xA0), (0x1680, 0x1680),
                              (0x180E, 0x180E), (0x2000, 0x200A), (0x202F, 0x202F),
                              (0x205F, 0x205F), (0x3000, 0x3000))
VERTICAL_SPACE = CharSet.of((0x0A, 0x0D), (0x85, 0x85), (0x2028, 0x2029))
LINE_TERMINATORS = CharSet.of((0x0A, 0x0A), (0x0D, 0x0D), (0x85, 0x85), (0x2028, 0x2029))

POSIX = {
    "ASCII": CharSet.of((0, 0x7F)),
    "Alnum": ASCII_ALNUM,
    "Alpha": ASCII_ALPHA,
    "Blank": CharSet.chars(" \t"),
    "Cntrl": CharSet.of((0, 0x1F), (0x7F, 0x7F)),
    "Digit": ASCII_DIGIT,
    "Graph": ASCII_PUNCT.union(ASCII_ALNUM),
    "Lower": ASCII_LOWER,
    "Print": CharSet.of((0x20, 0x7E)),
    "Punct": ASCII_PUNCT,
    "Space": ASCII_SPACE,
    "Upper": ASCII_UPPER,
    "XDigit": ASCII_XDIGIT,
    "L1": CharSet.of((0, 0xFF)),
    "all": ALL,
}

# --- Unicode general categories ----------------------------------------------------

CATEGORY_GROUPS = {
    "L": ("Lu", "Ll", "Lt", "Lm", "Lo"),
    "M": ("Mn", "Me", "Mc"),
    "N": ("Nd", "Nl", "No"),
    "Z": ("Zs", "Zl", "Zp"),
    "C": ("Cc", "Cf", "Co", "Cs", "Cn"),
    "P": ("Pd", "Ps", "Pe", "Pc", "Po", "Pi", "Pf"),
    "S": ("Sm", "Sc", "Sk", "So"),
    "LC": ("Lu", "Ll", "Lt"),
    "LD": ("Lu", "Ll", "Lt", "Lm", "Lo", "Nd"),
}
CATEGORIES = ("Cn", "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Me", "Mc", "Nd", "Nl", "No", "Zs",
              "Zl", "Zp", "Cc", "Cf", "Co", "Cs", "Pd", "Ps", "Pe", "Pc", "Po", "Sm", "Sc", "Sk",
              "So", "Pi", "Pf")


@lru_cache(maxsize=1)
def _category_table() -> dict[str, CharSet]:
    """The ranges of every general category (one pass over all code points)."""
    ranges: dict[str, list[tuple[int, int]]] = {name: [] for name in CATEGORIES}
    category = unicodedata.category
    start, current = 0, category("\0")
    for code in range(1, MAX_CODE_POINT + 2):
        cat = category(chr(code)) if code <= MAX_CODE_POINT else ""
        if cat != current:
            ranges[current].append((start, code - 1))
            start, current = code, cat
    return {name: CharSet(tuple(r)) for name, r in ranges.items()}


@lru_cache(maxsize=64)
def categories(*names: str) -> CharSet:
    """The union of the given general categories (``Lu``) or groups (``L``)."""
    table = _category_table()
    result = EMPTY
    for name in names:
        for cat in CATEGORY_GROUPS.get(name, (name,)):
            result = result.union(table[cat])
    return result


def word_boundary_chars() -> CharSet:
    """What Java 17's ``\\b`` counts as a word character: letters, digits, ``_``, and
    (approximately: Java also wants a base character) non-spacing marks."""
    return categories("L", "Nd", "Mn").union(CharSet.chars("_"))


JAVA_WHITESPACE = CharSet.of((0x09, 0x0D), (0x1C, 0x20), (0x1680, 0x1680), (0x2000, 0x2006),
                             (0x2008, 0x200A), (0x2028, 0x2029), (0x205F, 0x205F),
                             (0x3000, 0x3000))
UNICODE_WHITE_SPACE = CharSet.of((0x09, 0x0D), (0x20, 0x20), (0x85, 0x85), (0xA0, 0xA0),
                                 (0x1680, 0x1680), (0x2000, 0x200A), (0x2028, 0x2029),
                                 (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000))


@lru_cache(maxsize=1)
def _mirrored() -> CharSet:
    return CharSet(_normalise([(c, c) for c in range(MAX_CODE_POINT + 1)
                               if unicodedata.mirrored(chr(c))]))


def noncharacters() -> CharSet:
    """``\\p{IsNoncharacterCodePoint}``"""
    ranges = [(0xFDD0, 0xFDEF)] + [(p << 16 | 0xFFFE, p << 16 | 0xFFFF) for p in range(17)]
    return CharSet.of(*ranges)


def java_property(name: str, case_insensitive: bool) -> CharSet | None:
    """``CharPredicates.forProperty``: a category, POSIX or ``java*`` name, or None.

    Raises KeyError for a Java name this engine cannot compute (``javaAlphabetic``).
    """
    if name in ("Lu", "Ll", "Lt") and case_insensitive:
        return categories("Lu", "Ll", "Lt")
    if name in CATEGORIES or name in CATEGORY_GROUPS:
        return categories(name)
    if name in ("Lower", "Upper") and case_insensitive:
        return ASCII_ALPHA
    if name in POSIX:
        return POSIX[name]
    java: dict[str, Callable[[], CharSet]] = {
        "javaDigit": lambda: categories("Nd"),
        "javaLetter": lambda: categories("L"),
        "javaLetterOrDigit": lambda: categories("L", "Nd"),
        "javaWhitespace": lambda: JAVA_WHITESPACE,
        "javaSpaceChar": lambda: categories("Z"),
        "javaISOControl": lambda: CharSet.of((0, 0x1F), (0x7F, 0x9F)),
        "javaDefined": lambda: categories("Cn").negate(),
        "javaTitleCase": lambda: categories("Lu", "Ll", "Lt") if case_insensitive
        else categories("Lt"),
        "javaMirrored": _mirrored,
    }
    if name in java:
        return java[name]()
    if name in ("javaLowerCase", "javaUpperCase", "javaAlphabetic", "javaIdeographic",
                "javaJavaIdentifierStart", "javaJavaIdentifierPart",
                "javaUnicodeIdentifierStart", "javaUnicodeIdentifierPart",
                "javaIdentifierIgnorable"):
        raise KeyError(name)
    return None


def _hex_digits() -> CharSet:
    return ASCII_XDIGIT.union(CharSet.of((0xFF10, 0xFF19), (0xFF21, 0xFF26), (0xFF41, 0xFF46)))


def unicode_binary_property(name: str, case_insensitive: bool) -> CharSet | None:
    """``CharPredicates.forUnicodeProperty`` (``\\p{IsPunctuation}``), or None.

    Raises KeyError for a property Python's ``unicodedata`` cannot give exactly.
    """
    upper = name.upper()
    table: dict[str, Callable[[], CharSet]] = {
        "ASSIGNED": lambda: categories("Cn").negate(),
        "CONTROL": lambda: categories("Cc"),
        "HEXDIGIT": _hex_digits,
        "HEX_DIGIT": _hex_digits,
        "JOINCONTROL": lambda: CharSet.of((0x200C, 0x200D)),
        "JOIN_CONTROL": lambda: CharSet.of((0x200C, 0x200D)),
        "LETTER": lambda: categories("L"),
        "NONCHARACTERCODEPOINT": noncharacters,
        "NONCHARACTER_CODE_POINT": noncharacters,
        "PUNCTUATION": lambda: categories("P"),
        "TITLECASE": lambda: categories("Lu", "Ll", "Lt") if case_insensitive
        else categories("Lt"),
        "WHITESPACE": lambda: UNICODE_WHITE_SPACE,
        "WHITE_SPACE": lambda: UNICODE_WHITE_SPACE,
    }
    if upper in table:
        return table[upper]()
    if upper in ("ALPHABETIC", "EMOJI", "EMOJI_PRESENTATION", "EMOJI_MODIFIER",
                 "EMOJI_MODIFIER_BASE", "EMOJI_COMPONENT", "EXTENDED_PICTOGRAPHIC",
                 "IDEOGRAPHIC", "LOWERCASE", "UPPERCASE", "WORD"):
        raise KeyError(name)
    return None


# --- case folding ------------------------------------------------------------------


def ascii_case_closure(chars: CharSet) -> CharSet:
    """Add the other ASCII case of every ASCII letter in the set (Java's ``(?i)``)."""
    extra = []
    for code in list(range(0x41, 0x5B)) + list(range(0x61, 0x7B)):
        if chars.contains(code):
            other = code ^ 0x20
            extra.append((other, other))
    return chars.union(CharSet.of(*extra)) if extra else chars


@lru_cache(maxsize=1)
def _cased() -> tuple[tuple[int, int, int], ...]:
    """(code point, Character.toUpperCase, Character.toLowerCase) where either differs."""
    out = []
    for code in range(MAX_CODE_POINT + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        up, low = char_upper(code), char_lower(code)
        if up != code or low != code:
            out.append((code, up, low))
    return tuple(out)


def fold(code: int) -> int:
    """``Character.toLowerCase(Character.toUpperCase(c))``: Java's ``(?iu)`` key."""
    return char_lower(char_upper(code))


def unicode_fold_set(code: int) -> CharSet:
    """Every code point whose fold equals ``code``'s (``SingleU``/``SliceU``)."""
    key = fold(code)
    members = [(key, key)]
    for c, up, _low in _cased():
        if char_lower(up) == key:
            members.append((c, c))
    return CharSet.of(*members)


def unicode_case_range(lo: int, hi: int) -> CharSet:
    """``CIRangeU``: c, toUpperCase(c) or toLowerCase(toUpperCase(c)) in [lo, hi]."""
    extra = []
    for c, up, _low in _cased():
        if lo <= up <= hi or lo <= char_lower(up) <= hi:
            extra.append((c, c))
    return CharSet.of((lo, hi), *extra)


def ascii_case_range(lo: int, hi: int) -> CharSet:
    """``CIRange``: c in [lo, hi], or an ASCII c whose other case is."""
    return ascii_case_closure(CharSet.of((lo, hi)))

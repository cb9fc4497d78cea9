"""Java 17 case mappings (default locale ``en``) on Python strings.

``String.toUpperCase``/``toLowerCase`` use the full mappings (``ß`` → ``SS``) as
Python's ``str.upper``/``lower`` do; ``Character.toUpperCase``/``toLowerCase`` use
the simple one-to-one mappings. Python and Java agree except where their Unicode
versions differ; :mod:`vtl.java.casing_tables` lists those code points.

Known difference: a capital sigma becomes final ``ς`` by Python's Final_Sigma rule;
Java 17 also wants the preceding cased letter in the same word (``BreakIterator``),
so rare contexts differ (``"A:Σ"``, ``"Α_Σ"``, ``"ªΣ"``).
"""

from __future__ import annotations

import re

from vtl.java.casing_tables import CHAR_LOWER, CHAR_UPPER, STRING_LOWER, STRING_UPPER


def _pattern(table: dict[int, object]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(chr(c)) for c in table) + "]")


_UPPER_FIX = _pattern(STRING_UPPER)  # type: ignore[arg-type]
_LOWER_FIX = _pattern(STRING_LOWER)  # type: ignore[arg-type]


def to_upper(text: str) -> str:
    """``String.toUpperCase()``"""
    if text.isascii():
        return text.upper()
    if _UPPER_FIX.search(text) is None:
        return text.upper()
    return "".join(STRING_UPPER.get(ord(c)) or c.upper() for c in text)


def to_lower(text: str) -> str:
    """``String.toLowerCase()`` (final sigma included, as Python does)."""
    if text.isascii():
        return text.lower()
    if _LOWER_FIX.search(text) is None:
        return text.lower()
    parts = _LOWER_FIX.split(text)
    fixes = _LOWER_FIX.findall(text)
    out = [parts[0].lower()]
    for fix, part in zip(fixes, parts[1:]):
        out.append(STRING_LOWER[ord(fix)])
        out.append(part.lower())
    return "".join(out)


def char_upper(code: int) -> int:
    """``Character.toUpperCase(int)``"""
    fixed = CHAR_UPPER.get(code)
    if fixed is not None:
        return fixed
    if 0xD800 <= code <= 0xDFFF:
        return code
    upper = chr(code).upper()
    return ord(upper) if len(upper) == 1 else code


def char_lower(code: int) -> int:
    """``Character.toLowerCase(int)``"""
    fixed = CHAR_LOWER.get(code)
    if fixed is not None:
        return fixed
    if 0xD800 <= code <= 0xDFFF:
        return code
    lower = chr(code).lower()
    return ord(lower) if len(lower) == 1 else code

"""Java 17's case mappings (default locale en) for every code point.

``tests/data/java/casing.tsv`` is the output of ``CaseMappings.java``: every code point
whose ``Character.toUpperCase``/``toLowerCase`` or one-character
``String.toUpperCase``/``toLowerCase`` is not the identity.
"""

from __future__ import annotations

from pathlib import Path

from vtl.java.casing import char_lower, char_upper, to_lower, to_upper

TSV = Path(__file__).resolve().parent.parent / "data" / "java" / "casing.tsv"
CODE_POINTS = [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]


def _load() -> dict[int, tuple[int, int, str, str]]:
    rows = {}
    for line in TSV.read_text(encoding="ascii").splitlines():
        cp, cu, cl, su, sl = line.split("\t")
        text = lambda cps: "".join(chr(int(c, 16)) for c in cps.split(" "))
        rows[int(cp, 16)] = (int(cu, 16), int(cl, 16), text(su), text(sl))
    return rows


JAVA = _load()


def _expected(cp: int) -> tuple[int, int, str, str]:
    return JAVA.get(cp, (cp, cp, chr(cp), chr(cp)))


def test_string_to_upper_case_of_every_code_point() -> None:
    wrong = [hex(c) for c in CODE_POINTS if to_upper(chr(c)) != _expected(c)[2]]
    assert not wrong, wrong[:20]


def test_string_to_lower_case_of_every_code_point() -> None:
    wrong = [hex(c) for c in CODE_POINTS if to_lower(chr(c)) != _expected(c)[3]]
    assert not wrong, wrong[:20]


def test_character_to_upper_case_of_every_code_point() -> None:
    wrong = [hex(c) for c in CODE_POINTS if char_upper(c) != _expected(c)[0]]
    assert not wrong, wrong[:20]


def test_character_to_lower_case_of_every_code_point() -> None:
    wrong = [hex(c) for c in CODE_POINTS if char_lower(c) != _expected(c)[1]]
    assert not wrong, wrong[:20]


def test_sharp_s_upper_cases_to_two_letters() -> None:
    assert to_upper("stra\u00dfe") == _expected(0xDF)[2].join(["STRA", "E"])

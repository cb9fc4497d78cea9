"""``java.lang.Float``: printing and rounding as JDK 17 does them.

``tests/data/java/floats.tsv`` and ``float_rounding.tsv`` are written by
``FloatToString.java`` on JDK 17 (``regen.sh``): ``Float.toString``/``toHexString`` of
~17,000 floats, and the float that longs, BigIntegers, BigDecimals, strings and doubles
round to.
"""

from __future__ import annotations

import struct
from decimal import Decimal
from pathlib import Path

from vtl.java import to_string
from vtl.java.floats import JavaFloat, float_bits, parse_float, to_float
from vtl.java.printing import BIG_INTEGER, make_int
from vtl.java.registry import _METHODS, find_method

DATA = Path(__file__).resolve().parent.parent / "data" / "java"


def _single(bits: int) -> float:
    return struct.unpack("<f", bits.to_bytes(4, "little"))[0]  # type: ignore[no-any-return]


def _raw_bits(value: float) -> int:
    return int.from_bytes(struct.pack("<f", value), "little")


def test_every_reference_float_prints_as_java() -> None:
    wrong = []
    rows = DATA.joinpath("floats.tsv").read_text(encoding="ascii").splitlines()
    to_hex = find_method(JavaFloat, "toHexString")
    assert to_hex is not None
    for line in rows:
        bits, text, hex_text = line.split("\t")
        value = JavaFloat(_single(int(bits, 16)))
        ours = (to_string(value), to_hex(value, value))
        if ours != (text, hex_text):
            wrong.append((bits, text, hex_text, ours))
    assert len(rows) > 15000
    assert not wrong, f"{len(wrong)} of {len(rows)} differ, e.g. {wrong[:5]}"


def _rounded(kind: str, text: str) -> float:
    if kind == "long":
        return to_float(int(text))
    if kind == "bigint":
        return to_float(make_int(int(text), BIG_INTEGER))
    if kind == "bigdec":
        return to_float(Decimal(text))
    if kind == "parse":
        return parse_float(text)
    assert kind == "double"
    return to_float(struct.unpack("<d", int(text, 16).to_bytes(8, "little"))[0])


def test_values_round_to_the_float_java_rounds_them_to() -> None:
    wrong = []
    rows = DATA.joinpath("float_rounding.tsv").read_text(encoding="ascii").splitlines()
    for line in rows:
        kind, text, bits = line.split("\t")
        ours = _raw_bits(_rounded(kind, text))
        if ours != int(bits, 16):
            wrong.append((kind, text, bits, f"{ours:x}"))
    assert {row.split("\t")[0] for row in rows} == {"long", "bigint", "bigdec", "parse", "double"}
    assert not wrong, f"{len(wrong)} of {len(rows)} differ, e.g. {wrong[:5]}"


def test_rounding_is_once_not_through_a_double() -> None:
    # (float) long rounds the exact value: 2**60 + 2**36 + 1 is just above the tie between
    # the floats 2**60 and 2**60 + 2**37, so it rounds up; its double drops the 1, lands on
    # the tie and would round to even (2**60).
    value = (1 << 60) + (1 << 36) + 1
    assert float(to_float(value)) == float((1 << 60) + (1 << 37))
    assert struct.unpack("<f", struct.pack("<f", float(value)))[0] == float(1 << 60)


def test_float_bits_canonicalise_nan() -> None:
    assert float_bits(JavaFloat(float("nan"))) == 0x7FC00000
    assert float_bits(JavaFloat(-0.0)) == -(1 << 31)


def test_no_double_method_reaches_a_float() -> None:
    # JavaFloat is a float subclass: a Double method not registered again for it would be
    # found through the MRO and answer as a Double would.
    missing = set(_METHODS[float]) - set(_METHODS[JavaFloat])
    assert not missing, f"Double methods a Float would inherit: {sorted(missing)}"

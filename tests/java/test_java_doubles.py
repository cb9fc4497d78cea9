"""``Double.toString`` as JDK 17 prints it.

``tests/data/java/doubles.tsv`` is the output of ``DoubleToString.java`` on JDK 17:
the raw bits of ~28,000 doubles and their ``Double.toString``.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from vtl.java import to_string
from vtl.java.doubles import double_to_string

TSV = Path(__file__).resolve().parent.parent / "data" / "java" / "doubles.tsv"


def _load() -> dict[int, str]:
    rows = {}
    for line in TSV.read_text(encoding="ascii").splitlines():
        bits, text = line.split("\t")
        rows[int(bits, 16)] = text
    return rows


JAVA = _load()


def _double(bits: int) -> float:
    return struct.unpack("<d", bits.to_bytes(8, "little"))[0]  # type: ignore[no-any-return]


def _java(value: float) -> str:
    """Java's Double.toString for ``value``, looked up in the reference data."""
    return JAVA[int.from_bytes(struct.pack("<d", value), "little")]


def test_every_reference_double_prints_as_java() -> None:
    wrong = [(f"{bits:016x}", text, double_to_string(_double(bits)))
             for bits, text in JAVA.items() if double_to_string(_double(bits)) != text]
    assert not wrong, f"{len(wrong)} of {len(JAVA)} differ, e.g. {wrong[:5]}"


@pytest.mark.parametrize("value", [
    2e23, 1e23, 1e7, 1e-4, 0.1 + 0.2, 100.0 * 100000, 12345678.9, 0.001, 9999999.0, 1e21,
    -0.0, 0.0, float("nan"), float("inf"), float("-inf"), 5e-324, 1.7976931348623157e308,
    2.2250738585072014e-308, 6.0, 1.0, 0.5, 0.1, 9.999999999999999e-4,
])
def test_notable_double(value: float) -> None:
    assert to_string(value) == _java(value)


def test_not_python_repr() -> None:
    # Python prints these as '2e+23', '10000000.0' and '0.0001'.
    assert [to_string(v) for v in (2e23, 1e7, 1e-4)] == [_java(2e23), _java(1e7), _java(1e-4)]


def test_negative_zero_is_not_cached_as_zero() -> None:
    assert (to_string(0.0), to_string(-0.0), to_string(0.0)) == (_java(0.0), _java(-0.0),
                                                                  _java(0.0))

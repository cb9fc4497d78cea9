"""Writes vtl/java/casing_tables.py from casing.tsv (Java's case mappings, see CaseMappings.java).

The tables hold only the code points where Python's own case mapping (Unicode 14 in
Python 3.11) differs from Java 17's (Unicode 13): usage ``python3 make_casing.py``.
"""

from __future__ import annotations

import pathlib

HERE = pathlib.Path(__file__).parent
OUT = HERE.parent.parent.parent / "vtl" / "java" / "casing_tables.py"


def main() -> None:
    rows = {}
    for line in (HERE / "casing.tsv").read_text().splitlines():
        cp, cu, cl, su, sl = line.split("\t")
        rows[int(cp, 16)] = (int(cu, 16), int(cl, 16), su, sl)

    def text(cps: str) -> str:
        return "".join(chr(int(c, 16)) for c in cps.split(" "))

    upper, lower, char_upper, char_lower = {}, {}, {}, {}
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        cu, cl, su, sl = rows.get(cp, (cp, cp, f"{cp:x}", f"{cp:x}"))
        if c.upper() != text(su):
            upper[cp] = text(su)
        if c.lower() != text(sl):
            lower[cp] = text(sl)
        pu, pl = c.upper(), c.lower()
        if (ord(pu) if len(pu) == 1 else cp) != cu:
            char_upper[cp] = cu
        if (ord(pl) if len(pl) == 1 else cp) != cl:
            char_lower[cp] = cl

    def dump(name: str, table: dict, doc: str) -> str:
        items = [f"0x{k:X}: {v!a}," if isinstance(v, str) else f"0x{k:X}: 0x{v:X},"
                 for k, v in sorted(table.items())]
        lines, line = [], "   "
        for item in items:
            if len(line) + len(item) > 90:
                lines.append(line)
                line = "   "
            line += " " + item
        lines.append(line)
        kind = "str" if name.startswith("STRING") else "int"
        return f"\n# {doc}\n{name}: dict[int, {kind}] = {{\n" + "\n".join(lines) + "\n}\n"

    OUT.write_text(
        '"""Where Java 17\'s case mappings differ from Python\'s (generated, do not edit).\n\n'
        "Written by ``tests/data/java/make_casing.py`` from ``tests/data/java/casing.tsv``,\n"
        "the output of ``CaseMappings.java`` on JDK 17 (Unicode 13, default locale en).\n"
        '"""\n'
        + dump("STRING_UPPER", upper, "String.toUpperCase of one code point, where str.upper() differs")
        + dump("STRING_LOWER", lower, "String.toLowerCase of one code point, where str.lower() differs")
        + dump("CHAR_UPPER", char_upper,
               "Character.toUpperCase(int), where a one-character str.upper() (else identity) differs")
        + dump("CHAR_LOWER", char_lower,
               "Character.toLowerCase(int), where a one-character str.lower() (else identity) differs")
    )


if __name__ == "__main__":
    main()

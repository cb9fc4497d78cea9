"""Writes the inputs of the String.format oracle cases (JSON lines on stdout).

Each case is a Velocity template calling ``$r.format(...)`` (or ``$r.formatted(...)``)
with variables; ``VelocityOracle.java`` renders it with the real Velocity 1.7 jar on
JDK 17, default locale en_US (``format_cases.out.jsonl``, see ``regen.sh``),
and ``tests/java/test_java_format.py`` checks that ``vtl.java`` gives the same output
or the same Java exception. Only inputs are written here.

An argument is ``("v", value)`` (a variable ``$aN``), ``("char", "x")``
(``$aN.charAt(0)``, a Character) or ``("chars", "xy")`` (``$aN.toCharArray()``).
"""

from __future__ import annotations

import json
import math
from decimal import Decimal
from typing import Any

from make_cases import encode  # the same JSON encoding of Java values as the other cases

CASES: list[dict[str, Any]] = []
IDS: set[str] = set()
UNSUPPORTED: list[str] = []


def case(receiver: str, method: str, args: list[tuple[str, Any]], unsupported: bool = False,
         ) -> None:
    variables: dict[str, Any] = {"r": receiver}
    texts = []
    for i, (kind, value) in enumerate(args):
        variables[f"a{i}"] = value
        texts.append(f"$a{i}" + {"v": "", "char": ".charAt(0)", "chars": ".toCharArray()"}[kind])
    call = f"$r.{method}({', '.join(texts)})"
    cid = f"{method}:{json.dumps(receiver)}:" + json.dumps(
        [[k, encode(v)] for k, v in args], ensure_ascii=True)
    base, n = cid, 1
    while cid in IDS:
        n += 1
        cid = f"{base}#{n}"
    IDS.add(cid)
    CASES.append({"id": cid, "template": call, "vars": encode(variables), "literal": call,
                  "method": method, "args": [k for k, _ in args], "unsupported": unsupported})


def fmt(pattern: str, *values: Any, unsupported: bool = False) -> None:
    case("", "format", [("v", pattern)] + [("v", v) for v in values], unsupported)


INTS = [0, 42, -42, 2147483647, -2147483648, 3000000000, -3000000000,
        9223372036854775807, -9223372036854775808, 12345678901234567890123,
        -12345678901234567890123]
INT_FORMATS = ["%d", "%5d", "%-5d|", "%05d", "%+d", "% d", "%,d", "%(d", "%+,015d", "%(5d",
               "%x", "%X", "%#x", "%08X", "%#010x", "%o", "%#o", "%010o", "%-8x|", "%,015d",
               "%(,d", "%+x", "%(o", "% X", "%#X", "%(#010x", "%+#o"]
FLOATS = [0.0, -0.0, 0.125, 2.5, -2.5, 0.5, 1.5, 0.15, 0.35, 1e-5, 1e20, 1e23, 2e23, 1e-300,
          123456.789, -1234567.891, math.nan, math.inf, -math.inf, 0.1, 5e-324,
          1.7976931348623157e308, 0.0005, 9.995, 999999.5, 3.0000000000000004, 1e7, 0.3,
          100.0, 1e-4, 0.00012345, 99999.95, 123456789012.0]
FLOAT_FORMATS = ["%f", "%.0f", "%.1f", "%.2f", "%.3f", "%10.3f", "%-10.2f|", "%010.2f", "%+.2f",
                 "%(.2f", "%,.2f", "%e", "%.0e", "%.2e", "%E", "%12.4e", "%g", "%.0g", "%.3g",
                 "%G", "%#.0f", "%#.0e", "%.10f", "%.20f", "%,f", "% .3f", "%.15g", "%.17g",
                 "%(012.1e", "%+,g", "%-12g|", "%#.3g", "%018.3e"]
OBJECTS = [None, True, False, "hi", "\u00dftra\u00dfe", 42, 3000000000, 3.5, [1, "x"],
           {"a": 1}, Decimal("1.50"), ("a", "b"), "\U0001F600x", ""]
OBJECT_FORMATS = ["%s", "%S", "%10s|", "%-10s|", "%.2s", "%.1s", "%b", "%B", "%5b", "%.3b",
                  "%c", "%C", "%-3c|", "%d", "%x", "%f", "%e", "%h", "%H"]
DECIMALS = [Decimal("1.005"), Decimal("2.5"), Decimal("-0.001"), Decimal("1E+3"),
            Decimal("123456789.123456789"), Decimal("0.5"), Decimal("-2.5"), Decimal(0),
            Decimal("9.995"), Decimal("99.5")]
DECIMAL_FORMATS = ["%f", "%.0f", "%.2f", "%,.2f", "%(10.1f", "%#.0f", "%015.3f", "%+.1f"]


def main() -> None:
    for f in INT_FORMATS:
        for v in INTS:
            fmt(f, v)
    for f in FLOAT_FORMATS:
        for v in FLOATS:
            fmt(f, v)
    for f in OBJECT_FORMATS:
        for v in OBJECTS:
            unsupported = f in ("%h", "%H") and isinstance(v, (list, dict))
            unsupported = unsupported or (f == "%e" and isinstance(v, Decimal))
            fmt(f, v, unsupported=unsupported)
    for f in DECIMAL_FORMATS:
        for v in DECIMALS:
            fmt(f, v)
    for v in DECIMALS[:3]:
        fmt("%e", v, unsupported=True)
        fmt("%g", v, unsupported=True)
    # Characters and code points.
    for f in ["%c", "%C", "%3c", "%-3c|", "%s", "%d", "%b"]:
        case("", "format", [("v", f), ("char", "\u00e9")])
    for cp in [65, 0x1F600, 0x10FFFF, 0x110000, -1, 0xD800, 0]:
        fmt("%c", cp)
    # Several arguments, indexes.
    fmt("%05d|%s|%.2f", 42, "x", 2.5)
    fmt("%s %s %s", "a", "b", "c")
    fmt("%2$s %1$s", "a", "b")
    fmt("%s %<s %s", "a", "b")
    fmt("%1$s %s %s %1$s", "a", "b")
    fmt("%3$s", "a", "b")
    fmt("%s %s", "a")
    fmt("%<s", "a")
    fmt("%0$s", "a")
    fmt("%99999999999$s", "a")
    fmt("%2$s %s", "a", "b")
    fmt("%1$-5s|%1$5s|", "ab")
    fmt("%<d %<x", 1)
    fmt("%d %<x %<o", 255)
    fmt("no specifiers", "extra")
    fmt("100%% sure%n", "x")
    fmt("%5%|%-5%|", 1)
    fmt("")
    fmt("%n")
    fmt("%s")
    fmt("a%%b")
    # Parse and check errors.
    for bad in ["%q", "%", "abc%", "%5", "%-d", "%05s", "%#s", "%+s", "%-s", "%0d", "%+ d",
                "%-05d", "%.2d", "%,x", "%#d", "%.2c", "%#c", "%--5d", "%a", "%A", "%-%", "%#%",
                "%.2%", "%,%", "%5n", "%-n", "%.1n", "%ld", "%D", "%F", "%99999999999d",
                "%.99999999999f", "%,e", "%#g", "%(a", "%#b", "%#h", "%+c", "%0c", "%(s",
                "%,s", "%+b", "%-b", "%-h", "%-c", "%#x %q", "%s %q", "%d %",
                "%1$#s", "%<-5d", "%0,(8d", "%+(d", "%(+d"]:
        fmt(bad, 5)
    fmt("%tY", 5, unsupported=True)
    fmt("%TH", 5, unsupported=True)
    fmt("%a", 1.5, unsupported=True)
    fmt("%d", "5")
    fmt("%d", 2.5)
    fmt("%f", 5)
    fmt("%x", True)
    fmt("%c", "x")
    fmt("%c", 3000000000)
    fmt("%e", "x")
    fmt("%s %d", "a", None)
    fmt("%d %f %c %x %e %g", None, None, None, None, None, None)
    fmt("%5d|%-6f|%.2S|%X", None, None, None, None)
    # How Velocity passes the varargs.
    case("", "format", [])
    case("", "format", [("v", "%s")])
    case("", "format", [("v", "%s %s")])
    case("", "format", [("v", "%s"), ("v", None)])
    case("", "format", [("v", "%s %s"), ("v", None)])
    case("", "format", [("v", "%s %s"), ("v", None), ("v", None)])
    case("", "format", [("v", "%s|%s"), ("v", ("a", "b"))])
    case("", "format", [("v", "%s|%s"), ("v", ("a", 1))])
    case("", "format", [("v", "%s|%s"), ("v", ("a", "b")), ("v", "c")])
    case("", "format", [("v", "%s"), ("v", [1, 2, 3])])
    case("", "format", [("v", "%s"), ("v", [])])
    case("", "format", [("v", "%s"), ("chars", "ab")])
    case("", "format", [("v", None)])
    case("", "format", [("v", None), ("v", "%s")])
    case("", "format", [("v", None), ("v", "%s"), ("v", 1)])
    case("", "format", [("v", None), ("v", "%s|%s"), ("v", 1), ("v", 2)])
    case("", "format", [("v", None), ("v", None)])
    case("", "format", [("v", None), ("v", 5)])
    case("", "format", [("v", 5), ("v", 1)])
    case("", "format", [("v", 2.5)])
    case("", "format", [("v", ["%s"]), ("v", 1)])
    case("%s-%s", "formatted", [("v", 1), ("v", 2)])
    case("%s", "formatted", [])
    case("plain", "formatted", [])
    case("%s|%s", "formatted", [("v", ("a", "b"))])
    case("%s", "formatted", [("v", None)])
    case("%05.1f", "formatted", [("v", 2.25)])
    case("%q", "formatted", [("v", 1)])
    case("Hello, %s", "format", [("v", "%s!"), ("v", "World")])
    for c in CASES:
        print(json.dumps(c, ensure_ascii=True))


if __name__ == "__main__":
    main()

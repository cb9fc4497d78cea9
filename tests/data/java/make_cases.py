"""Writes the inputs of the Velocity/Java oracle cases (JSON lines on stdout).

Each case is a template plus variables; ``VelocityOracle.java`` renders it with the
real Velocity 1.7 jar on JDK 17 (``velocity_cases.out.jsonl``), and
``tests/java/test_oracle.py`` checks that ``vtl.java`` gives the same answer for
the same operation. Only inputs are written here: expected outputs come from Java.

Kinds (what the template does, and what the Python side calls):

* ``call``     ``$r.m($a0, ...)|$r``            ``invoke(r, m, args)``, then print r
* ``iter``     ``#foreach($e in $r.m(...))``    ``iterate(invoke(r, m, args))``
* ``prop``     ``$r.name``                      ``get_property(r, name)``
* ``index``    ``$r[$a0]``                      ``get_index(r, a0)``
* ``setprop``  ``#set($r.name = $a0)$r``        ``set_property(r, name, a0)``
* ``setindex`` ``#set($r[$a0] = $a1)$r``        ``set_index(r, a0, a1)``
* ``foreach``  ``#foreach($e in $r)``           ``iterate(r)`` with ``has_next()``
* ``print``    ``$r``                           ``to_string(r)``
* ``class``    ``$r.class.name``                ``class_name(r)``
* ``op``       ``#set($x = $a0 OP $a1)``        ``add``/``sub``/``mul``/``div``/``mod``
* ``cmp``      ``#if($a0 OP $a1)``              ``equals``/``less``/...
* ``truth``    ``#if($a0)``                     ``is_true(a0)``
"""

from __future__ import annotations

import json
import math
import random
import sys
from decimal import Decimal
from typing import Any

CASES: list[dict[str, Any]] = []
IDS: set[str] = set()


def encode(value: Any) -> Any:
    """A value as JSON for the oracle (doubles Jackson cannot read, arrays, BigDecimal)."""
    if isinstance(value, float):
        if math.isnan(value):
            return {"@double": "NaN"}
        if math.isinf(value):
            return {"@double": "Infinity" if value > 0 else "-Infinity"}
        if value == 0 and math.copysign(1, value) < 0:
            return {"@double": "-0.0"}
        return value
    if isinstance(value, tuple):
        return {"@array": [encode(v) for v in value]}
    if isinstance(value, Decimal):
        return {"@bigdecimal": str(value)}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    return value


def case(kind: str, cid: str, template: str, variables: dict[str, Any], **extra: Any) -> None:
    base = f"{kind}:{cid}"
    unique, n = base, 1
    while unique in IDS:
        n += 1
        unique = f"{base}#{n}"
    IDS.add(unique)
    CASES.append({"id": unique, "kind": kind, "template": template,
                  "vars": encode(variables), **extra})


def short(value: Any) -> str:
    text = json.dumps(encode(value), ensure_ascii=True)
    return text if len(text) <= 40 else text[:37] + "..."


def call(receiver: Any, method: str, *args: Any, show: bool = True, iterate: bool = False,
         via: tuple[str, ...] = ()) -> None:
    """``$r.via1().via2().method(args)``; ``show`` also prints the receiver afterwards."""
    names = [f"$a{i}" for i in range(len(args))]
    expr = "$r" + "".join(f".{v}()" for v in via) + f".{method}({', '.join(names)})"
    variables = {"r": receiver, **{f"a{i}": a for i, a in enumerate(args)}}
    cid = (f"{short(receiver)}" + "".join(f".{v}()" for v in via)
           + f".{method}({', '.join(short(a) for a in args)})")
    if iterate:
        case("iter", cid, f"#foreach($e in {expr})<$e>#end", variables, method=method,
             nargs=len(args), via=list(via))
    else:
        case("call", cid, expr + ("|$r" if show else ""), variables, method=method,
             nargs=len(args), show=show, literal=expr, via=list(via))


def prop(receiver: Any, name: str) -> None:
    case("prop", f"{short(receiver)}.{name}", f"$r.{name}", {"r": receiver}, name=name)


def index(receiver: Any, key: Any) -> None:
    case("index", f"{short(receiver)}[{short(key)}]", "$r[$a0]", {"r": receiver, "a0": key})


# --- strings -----------------------------------------------------------------------

S = "Hello, World"
LATIN = "h\u00e9llo w\u00f6rld"
CJK = "\u65e5\u672c\u8a9e\u30c6\u30ad\u30b9\u30c8"
ASTRAL = "a\U0001F600b\U0001F600c"
RECEIVERS = [S, LATIN, CJK, ASTRAL, "", "  padded\t\n"]


def string_cases() -> None:
    for r in RECEIVERS + ["\u03bf\u03b4\u03bf\u03c2", "stra\u00dfe", "\U00010400x"]:
        call(r, "length")
        call(r, "isEmpty")
        call(r, "isBlank")
        call(r, "hashCode")
        call(r, "toUpperCase")
        call(r, "toLowerCase")
        call(r, "trim")
        call(r, "toString")
        call(r, "toCharArray", iterate=True)
    for r in [S, LATIN, CJK, ASTRAL, ""]:
        for i in [0, 1, 2, 5, -1, 12, 20, 3000000000, 1.0, "1", None]:
            call(r, "charAt", i)
        for i in [0, 1, 2, -1, 50]:
            call(r, "codePointAt", i)
        for args in [(0,), (1,), (2,), (7,), (12,), (50,), (-1,), (3, 1), (0, 5), (2, 2), (1, 3),
                     (0, 50), (-1, 2), (3000000000,), (2.0,), ("2",), (None,), (1, None)]:
            call(r, "substring", *args)
        call(r, "subSequence", 1, 3)
        for args in [("o",), ("o", 5), ("o", -5), ("o", 100), ("", 100), ("",), ("", -3), (111,),
                     (111, 5), (0x1F600,), (-1,), (0x110000,), (None,), ("\U0001F600",),
                     ("zz",), ("l", 3000000000), (1.0,), ("b", 2)]:
            call(r, "indexOf", *args)
        for args in [("o",), ("o", 5), ("o", -1), ("", 3), ("",), ("", 100), (111,), (111, 4),
                     (None,), ("\U0001F600",), ("c", 2), (0x1F600, 100)]:
            call(r, "lastIndexOf", *args)
        for args in [("World",), ("",), (None,), (5,), ("\U0001F600",)]:
            call(r, "contains", *args)
        for args in [("Hell",), ("Hell", 0), ("World", 7), ("x", -1), ("", 12), ("", 13),
                     (None,), ("b", 2), (5,)]:
            call(r, "startsWith", *args)
        for args in [("World",), ("",), (None,), ("c",)]:
            call(r, "endsWith", *args)
        for args in [(S,), (None,), (5,), ("hello, world",), (r,)]:
            call(r, "equals", *args)
            call(r, "contentEquals", *args)
        for args in [("HELLO, WORLD",), (None,), (5,), (r.upper(),), (r.lower(),)]:
            call(r, "equalsIgnoreCase", *args)
        for args in [("Hello",), ("Hello, World!",), ("a",), (None,), (5,), ("\uffff",),
                     ("\U0001F600",), (r,)]:
            call(r, "compareTo", *args)
        for args in [("hello, world",), ("HELLO",), (None,), (5,), ("\u00c9",)]:
            call(r, "compareToIgnoreCase", *args)
        for args in [("!",), (None,), (5,), ("",)]:
            call(r, "concat", *args)
        for args in [(3,), (0,), (-1,), (1.0,)]:
            call(r, "repeat", *args)
        for args in [("l", "L"), ("", "-"), ("\U0001F600", "x"), (None, "x"), ("l", None),
                     ("o", ""), ("lo", "$1"), (5, "x")]:
            call(r, "replace", *args)
    # whitespace flavours
    for r in ["\u00a0x\u00a0", "\u2000x\u3000", "\x1cx\x1f", "\x00x\x00", " \t\n\x0b\f\r",
              "\u2007x\u202f", "\u0085x\u0085", ""]:
        for m in ["trim", "strip", "stripLeading", "stripTrailing", "isBlank"]:
            call(r, m)
    # case mapping
    for r in ["\u039f\u0394\u039f\u03a3", "\u03a3", "\u0391\u03a3.", "\u0391\u03a3\u0391",
              "\u0391\u03a3 \u0392", "\u0130stanbul", "stra\u00dfe", "\ufb00", "\u0149",
              "\u01f0", "\u0390", "\u1fb3", "\U00010400", "\u01c5", "\u00ff\u00b5",
              "I\u0307", "\u212a\u212b", "\u1e9e", "\u0345"]:
        call(r, "toUpperCase")
        call(r, "toLowerCase")
        call(r, "equalsIgnoreCase", r.upper())
        call(r, "equalsIgnoreCase", r.lower())
        call(r, "compareToIgnoreCase", r.upper())
    for a, b in [("\u01c5", "\u01c4"), ("\u01c5", "\u01c6"), ("\u03c3", "\u03c2"),
                 ("\u0130", "i"), ("\u0131", "I"), ("\u212a", "k"), ("\u00df", "SS"),
                 ("\U00010400", "\U00010428"), ("a\U00010400", "A\U00010428"),
                 ("\ud801", "\ud801"), ("\u1fb3", "\u1fbc")]:
        call(a, "equalsIgnoreCase", b)
        call(a, "compareToIgnoreCase", b)
        call(a, "compareTo", b)
    # String.join (static, varargs)
    call(S, "join", "-", "a", "b")
    call(S, "join", "-", "a")
    call(S, "join", "-")
    call(S, "join", "-", "a", None)
    call(S, "join", "-", ["a", "b", "c"])
    call(S, "join", "-", ("x", "y"))
    call(S, "join", "-", [1, 2])
    call(S, "join", "-", [])
    call(S, "join", "-", ["a", None])
    call(S, "join", None, ["a"])
    call(S, "join", None, "a", "b")
    call(S, "join", "-", 1, 2)
    call(S, "join", "-", {"a": 1})
    call(S, "intern")
    for v in [None, 5, 2.5, True, 3000000000, [1, 2], {"a": 1}, "x", ("a", "b"), ()]:
        call(S, "valueOf", v)
    for r in [S, LATIN, CJK, ASTRAL, "", "\ud800x"]:
        call(r, "getBytes", iterate=True)
        for charset in ["UTF-8", "utf8", "ISO-8859-1", "latin1", "US-ASCII", "UTF-16",
                        "UTF-16BE", "UTF-16LE", "nope", None, 5]:
            call(r, "getBytes", charset, iterate=True)
        for args in [(7, "World", 0, 5), (-1, "W", 0, 1), (True, 7, "WORLD", 0, 5),
                     (False, 7, "WORLD", 0, 5), (0, None, 0, 1), (True, 0, None, 0, 1),
                     (True, -1, None, 0, 1), (0, "x", 0, -1), (0, "", 0, 0), (1, r, 1, 3),
                     (True, 1, r.upper(), 1, 3), (True, 0, r.lower(), 0, 2), (1,), (0, "x")]:
            call(r, "regionMatches", *args)
    call(S, "getBytes", "UTF-8", "x")
    # missing or non-Java methods
    # Python's methods are not Java's (a name must start with a letter to be a method
    # call at all; dunder names are covered by the API tests).
    for m in ["upper", "lower", "format_map", "nope", "startswith", "encode", "find"]:
        call(S, m)
    call(S, "split", ",", "x")


# --- regular expressions -----------------------------------------------------------

MATCHES = [
    ("\\d+", ["123", "12a", "", "\u0663"]),
    ("[a-z]+", ["abc", "aBc", "\u00e9"]),
    ("(?i)[a-z]+", ["aBc", "\u00c9", "\u212a"]),
    ("(?iu)[a-z]+", ["aBc", "\u212a", "\u017f"]),
    ("(?i)abc", ["ABC", "aBc", "abd"]),
    ("(?iu)stra\u00dfe", ["STRASSE", "STRA\u00dfE", "stra\u1e9ee"]),
    ("(?i)\u00e9", ["\u00c9", "\u00e9"]),
    ("(?iu)\u00e9", ["\u00c9", "\u00e9"]),
    ("(?i)k", ["K", "\u212a"]),
    ("(?iu)k", ["K", "\u212a"]),
    ("(?iu)\u00ff", ["\u0178"]),
    ("[^abc]", ["d", "a", "\n", "\U0001F600"]),
    ("[a-z&&[^aeiou]]+", ["bcd", "bad"]),
    ("[^a-z&&[aeiou]]", ["b", "a", "1"]),
    ("[a-c[x-z]]+", ["abxz", "abd"]),
    ("[]a]+", ["]a]", "b"]),
    ("[^]a]", ["b", "]"]),
    ("[a-]+", ["a-a", "b"]),
    ("[-a]+", ["-a"]),
    ("[a&b]+", ["a&b"]),
    ("[\\w&&\\D]+", ["ab_", "a1"]),
    ("\\p{Alpha}+", ["abc", "\u00e9"]),
    ("\\p{L}+", ["abc\u00e9\u65e5", "a1"]),
    ("\\p{Lu}", ["A", "a", "\u00c9"]),
    ("(?i)\\p{Lu}", ["a"]),
    ("\\p{IsL}+", ["abc"]),
    ("\\p{javaLetter}+", ["abc\u00e9"]),
    ("\\p{Punct}+", ["!?", "\u00bf"]),
    ("\\P{Digit}+", ["abc", "a1"]),
    ("\\pL\\pN", ["a1", "\u00e9\u0663"]),
    ("\\p{IsPunctuation}", ["!", "\u00bf"]),
    ("\\p{gc=Nd}+", ["123\u0663"]),
    ("\\p{Space}+", [" \t\n\x0b\f\r", "\u00a0"]),
    ("\\s+", [" \t\n\x0b\f\r", "\u00a0", "\u2028"]),
    ("\\h+", [" \t\u00a0\u3000", "\n"]),
    ("\\v+", ["\n\x0b\f\r\u0085\u2028\u2029", " "]),
    ("\\R", ["\r\n", "\n", "\r", "\u2028", "\n\r"]),
    ("\\R\\R", ["\r\n", "\r\n\r\n"]),
    ("\\w+", ["abc_123", "\u00e9"]),
    ("\\W", ["\u00e9", "a"]),
    (".", ["a", "\n", "\r", "\u0085", "\u2028", "\U0001F600"]),
    ("(?s).", ["\n"]),
    ("(?d).", ["\r", "\n"]),
    ("a.c", ["abc", "a\nc"]),
    ("\\x41\\u0042\\0103\\x{44}\\t", ["ABCD\t"]),
    ("\\cA", ["\x01"]),
    ("\\Qa.b\\E.", ["a.bx", "axbx"]),
    ("\\Q(\\E+", ["(((", ""]),
    ("(?x) a b # comment\n c", ["abc", "a b c"]),
    ("(?x)[a b]+", ["ab", " "]),
    ("a{2}", ["aa", "a"]),
    ("a{2,}", ["aaaa", "a"]),
    ("a{1,2}", ["aa", "aaa"]),
    ("a{2}{3}", ["aaaaaa", "aa"]),
    ("x{0}", [""]),
    ("(ab)+", ["abab", "aba"]),
    ("(a|ab)(c|bcd)(d*)", ["abcd"]),
    ("a*+a", ["aaa"]),
    ("(?>a+)a", ["aaa"]),
    ("a++b", ["aab"]),
    ("a*?b", ["aab"]),
    ("(\\w)\\1", ["aa", "ab"]),
    ("(?i)(a)\\1", ["aA"]),
    ("(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)\\10", ["abcdefghijj", "abcdefghija0"]),
    ("(a)\\10", ["aa0", "aa"]),
    ("(?<year>\\d{4})-\\k<year>", ["2024-2024", "2024-2025"]),
    ("(?=\\d{3})\\d+", ["123", "12"]),
    ("(?!abc)\\w+", ["abd", "abc"]),
    ("\\w+(?<=c)", ["abc", "abd"]),
    ("\\w+(?<!c)", ["abc", "abd"]),
    ("\\w(?<=a|bc)", ["a", "c"]),
    (".*(?<=ab|c)", ["xab", "xc", "xb"]),
    ("^abc$", ["abc", "abc\n", "abc\r\n", "abc\r", "abc\u0085", "abc\n\n"]),
    ("abc$", ["abc\n"]),
    ("abc\\Z", ["abc\n", "abc"]),
    ("abc\\z", ["abc\n", "abc"]),
    ("(?m)^a$\\n^b$", ["a\nb"]),
    ("(?m)^", [""]),
    ("^", [""]),
    ("$", [""]),
    ("(?m)$", [""]),
    ("\\bfoo\\b", ["foo"]),
    (".*\\bfoo\\b.*", ["a foo b", "afoob", "\u00e9foo", "_foo", "1foo", "\u00b2foo"]),
    (".*\\Bfoo.*", ["afoo", " foo"]),
    ("\\Aab", ["ab"]),
    ("a|", ["a", ""]),
    ("|a", ["a", ""]),
    ("()", [""]),
    ("[\\Q]\\E]", ["]"]),
    ("\\N{LATIN SMALL LETTER A}", ["a"]),
    ("\u00e9", ["\u00e9", "e\u0301"]),
    ("\U0001F600+", ["\U0001F600\U0001F600"]),
    ("[\U0001F600-\U0001F64F]", ["\U0001F610"]),
    ("a\\", ["a"]),
    ("\\", [""]),
    ("}", ["}"]),
    ("]", ["]"]),
    ("a{,3}", ["a"]),
    ("{", ["{"]),
    ("a{", ["a{"]),
    ("a{x}", ["a"]),
    ("a{2", ["aa"]),
    ("a{2,1}", ["aa"]),
    ("(?m)^.+$", ["a\r\nb", "a\rb", "a\u0085b", "a\u2028b", "a\nb\n"]),
    ("(?md)^.+$", ["a\rb"]),
    ("(?i)[\u00e0-\u00ff]+", ["\u00c0\u00e9", "\u00e0"]),
    ("(?iu)[\u00e0-\u00ff]+", ["\u00c0\u00e9", "\u0178"]),
    ("(?iu)\u03c3+", ["\u03a3\u03c2\u03c3"]),
    ("(?i)[^a]", ["A", "b"]),
    ("(?i)\\p{Lower}+", ["ABC"]),
    ("(?i:a)b", ["Ab", "AB"]),
    ("a(?i)b(?-i)c", ["aBc", "aBC"]),
    ("(?s:a.)b", ["a\nb"]),
    ("[\\p{L}&&\\p{Lu}]+", ["AB\u00c9", "Ab"]),
    ("[a-z&&[^c-e]&&[^x]]+", ["abfy", "abc"]),
    ("[\\w\\s]+", ["a b_1"]),
    ("\\Q\\E", [""]),
    ("\\Qa\\E", ["a\\"]),
    ("x\\Q", ["x"]),
    ("[", ["["]),
    ("[a", ["a"]),
    ("[]", ["]"]),
    ("[^]", ["a"]),
    ("(ab", ["ab"]),
    ("ab)", ["ab"]),
    (")", [""]),
    ("*a", ["a"]),
    ("a**", ["a"]),
    ("+", [""]),
    ("a|*", ["a"]),
    ("\\q", ["q"]),
    ("\\y", ["y"]),
    ("[z-a]", ["a"]),
    ("[\\d-z]", ["-"]),
    ("(?<n>a)\\k<m>", ["aa"]),
    ("(?<n>a)(?<n>b)", ["ab"]),
    ("(?<1n>a)", ["a"]),
    ("(?<n", ["a"]),
    ("\\k<n>", ["a"]),
    ("\\kn", ["a"]),
    ("\\p{Foo}", ["a"]),
    ("\\p{", ["a"]),
    ("\\p{}", ["a"]),
    ("\\p{gc=Zz}", ["a"]),
    ("(?Q)", [""]),
    ("(?$)", [""]),
    ("(?<=(ab)*)c", ["c"]),
    ("(?<=(?:a|b){2})c", ["abc"]),
    ("(?<=\\1(a))b", ["ab"]),
    ("\\x", [""]),
    ("\\xG1", [""]),
    ("\\x{110000}", [""]),
    ("\\x{41", [""]),
    ("\\u12", [""]),
    ("\\0", [""]),
    ("\\08", ["\x008"]),
    ("\\c", [""]),
    ("\\N{NOT A NAME}", [""]),
    ("[a&&]", ["a"]),
    ("[&&a]", ["a"]),
    ("a{99999999999}", ["a"]),
    ("(?i", [""]),
    ("(?", [""]),
    ("(", [""]),
    ("[\\1]", ["1"]),
    ("x\\b{", ["x"]),
]

REPLACE = [
    ("(\\w+), (\\w+)", S, ["$2 $1", "$0!", "\\$1", "\\\\", "$", "$3", "$a", "x\\", "${x}",
                           "$10", "$1$2$", "${", "${}", "${1a}", "${ab", "\\", "\\q"]),
    ("(?<first>\\w+), (?<second>\\w+)", S, ["${second} ${first}", "${third}", "$2$1"]),
    ("l", S, ["L", "", "$0$0", "$1"]),
    ("x", S, ["$", "$1", "\\"]),
    ("", "abc", ["-"]),
    ("x*", "abxd", ["-"]),
    ("|a", "a", ["-"]),
    ("a|", "a", ["-"]),
    ("\\b", "ab cd", ["|"]),
    ("(?=b)", "abab", ["|"]),
    ("^", "a\nb", ["#"]),
    ("(?m)^", "a\nb\n", ["#"]),
    ("(?m)$", "a\r\nb\n", ["#"]),
    ("$", "a\n", ["#"]),
    ("\\s+", " a  b ", [" "]),
    ("\"", "say \"hi\"", ["\\\\\""]),
    ("'", "it's", ["\\\\'"]),
    ("(a)|(b)", "ab", ["[$1|$2]"]),
    ("(a)(b)?", "a", ["[$2]"]),
    ("\\.", "a.b.c", ["\\\\."]),
    ("[aeiou]", "education", ["*"]),
    ("(?i)E", "eEe", ["x"]),
    ("(\\d)(\\d)(\\d)(\\d)(\\d)(\\d)(\\d)(\\d)(\\d)(\\d)(\\d)", "12345678901", ["$11-$12"]),
    ("(?m)$", "a\rb\u2028c", ["#"]),
    ("(?m)^", "a\r\nb\rc\u0085d", ["#"]),
    ("$", "ab\r\n", ["#"]),
    ("\\Z", "ab\n", ["#"]),
    ("(?i)hello", "HeLLo hello", ["hi"]),
    ("(\\w+)@(\\w+)\\.com", "joe@example.com bob@test.com", ["$2:$1"]),
    ("(?<user>\\w+)@", "joe@x", ["${user} at "]),
    ("\\s*,\\s*", "a , b,c ,d", [","]),
    ("[^\\x20-\\x7e]", "caf\u00e9 \u65e5", ["?"]),
    ("\\p{Cntrl}", "a\u0001b\tc", [""]),
    ("(a*)+", "aab", ["<$1>"]),
    ("(a|b)*?c", "abc", ["[$1]"]),
    ("[", "a", ["x"]),
    ("\U0001F600", ASTRAL, ["x"]),
    (".", ASTRAL, ["-"]),
]

SPLIT = [
    (",", ["a,b,,c,,", ",a,,b", "", ",", ",,", "abc"]),
    ("\\.", ["a.b.c", "a..b.", "."]),
    (".", ["a.b.c", "abc"]),
    ("", ["abc", ""]),
    ("(?=b)", ["abab", "bab"]),
    ("\\s*", ["a b  c", " a"]),
    ("a*", ["baaac", "aaa"]),
    ("|", ["a|b|c"]),
    ("\\|", ["a|b|c"]),
    ("x", ["axbxc", "x"]),
    ("\\d", ["a1b2c3"]),
    ("b", ["abc", "b", "bbb"]),
    ("\\t", ["a\tb"]),
    ("-", ["2024-01-02"]),
    ("[,;]", ["a,b;c"]),
    ("\u00e9", ["a\u00e9b"]),
    ("\U0001F600", [ASTRAL]),
    ("\\\\", ["a\\b"]),
    ("\\Q.\\E", ["a.b"]),
    ("(", ["a"]),
]


def regex_cases() -> None:
    for pattern, subjects in MATCHES:
        for subject in subjects:
            call(subject, "matches", pattern)
    for pattern, subject, replacements in REPLACE:
        for replacement in replacements:
            call(subject, "replaceAll", pattern, replacement)
            call(subject, "replaceFirst", pattern, replacement)
    for pattern, subjects in SPLIT:
        for subject in subjects:
            for limit in [None, 0, -1, 1, 2, 5]:
                if limit is None:
                    call(subject, "split", pattern, iterate=True)
                else:
                    call(subject, "split", pattern, limit, iterate=True)
    for pattern in ["a", None]:
        call(S, "replaceAll", pattern, None)
        call(S, "replaceFirst", pattern, None)
        call(S, "matches", pattern)
        call(S, "split", pattern, iterate=True)


# --- maps, lists, arrays -----------------------------------------------------------

MAP = {"a": 1, "b": "two", "c": [1, 2]}
MIXED = [1, "1", 1.0, True, None, [1], {"a": 1}, 3000000000, -0.0]


def map_cases() -> None:
    for m in [MAP, {}, {"x": None}]:
        for method, args in [
                ("get", ("a",)), ("get", ("zz",)), ("get", (None,)), ("get", (1,)),
                ("get", ("x",)), ("getOrDefault", ("a", 9)), ("getOrDefault", ("zz", 9)),
                ("getOrDefault", ("x", 9)),
                ("put", ("a", 5)), ("put", ("new", 1)), ("put", ("x", None)),
                ("putAll", ({"a": 7, "z": 8},)), ("putAll", (None,)), ("putAll", ("x",)),
                ("putAll", ([1],)), ("putIfAbsent", ("a", 9)), ("putIfAbsent", ("q", 9)),
                ("putIfAbsent", ("x", 9)), ("containsKey", ("a",)), ("containsKey", ("x",)),
                ("containsKey", (None,)), ("containsValue", (1,)), ("containsValue", (1.0,)),
                ("containsValue", ("1",)), ("containsValue", (None,)),
                ("containsValue", ([1, 2],)), ("remove", ("a",)), ("remove", ("zz",)),
                ("remove", ("a", 1)), ("remove", ("a", 2)), ("remove", ("x", None)),
                ("replace", ("a", 9)), ("replace", ("zz", 9)), ("replace", ("a", 1, 9)),
                ("replace", ("a", 2, 9)), ("size", ()), ("isEmpty", ()), ("clear", ()),
                ("keySet", ()), ("values", ()), ("entrySet", ()), ("toString", ()),
                ("equals", (dict(MAP),)), ("equals", ({},)), ("equals", ("x",)),
                ("equals", ({"a": 1.0, "b": "two", "c": [1, 2]},)), ("hashCode", ()),
                ("clone", ()), ("get", ()), ("put", ("a",)), ("items", ()), ("keys", ()),
                ("size", (1,)), ("isEmpty", ("x", "y")), ("clear", (None,))]:
            call(m, method, *args)
        call(m, "keySet", iterate=True)
        call(m, "values", iterate=True)
        call(m, "entrySet", iterate=True)
        for method, args in [("size", ()), ("isEmpty", ()), ("contains", ("a",)),
                             ("contains", (1,)), ("toString", ()), ("hashCode", ()),
                             ("getClass", ()), ("add", ("q",)), ("size", (1,))]:
            for view in ["keySet", "values", "entrySet"]:
                if not (method == "hashCode" and view == "values"):  # an identity hash
                    call(m, method, *args, via=(view,))


def list_cases() -> None:
    for lst in [["b", None, "a"], [None, "a"], ["a", [1]], [[1], "a"], [[1]], [3, 1, 2],
                [2.0, -0.0, 0.0, math.nan, 1.0], [1, 3000000000], [True, False],
                list("qwertyuiopasdfghjklzxcvbnm1234567890")]:
        call(lst, "sort", None)
    for lst in [[1, 2, 3], ["a", "b", "c"], [], list(MIXED)]:
        for method, args in [
                ("get", (0,)), ("get", (2,)), ("get", (5,)), ("get", (-1,)), ("get", ("0",)),
                ("get", (3000000000,)), ("get", (0.0,)), ("get", (None,)),
                ("set", (0, "x")), ("set", (5, 1)), ("set", (-1, 1)), ("set", ("0", 1)),
                ("add", ("x",)), ("add", (None,)), ("add", (0, "x")), ("add", (3, "x")),
                ("add", (5, "x")), ("add", (-1, "x")), ("add", ("0", "x")),
                ("addAll", (["p", "q"],)), ("addAll", ([],)), ("addAll", (0, ["p"]),),
                ("addAll", (9, ["p"])), ("addAll", (None,)), ("addAll", (0, None)),
                ("addAll", ("x",)), ("addAll", (("p",),)), ("addAll", ({"a": 1},)),
                ("remove", (1,)), ("remove", (0,)), ("remove", (5,)), ("remove", (-1,)),
                ("remove", ("b",)), ("remove", ("zz",)), ("remove", (1.0,)), ("remove", (True,)),
                ("remove", (None,)), ("remove", (3000000000,)),
                ("contains", (1,)), ("contains", (1.0,)), ("contains", ("1",)),
                ("contains", (True,)), ("contains", (None,)), ("contains", ([1],)),
                ("contains", (0.0,)), ("contains", (-0.0,)),
                ("indexOf", (1,)), ("indexOf", ("b",)), ("indexOf", (None,)),
                ("lastIndexOf", (1,)), ("lastIndexOf", ("c",)), ("size", ()), ("isEmpty", ()),
                ("subList", (0, 2)), ("subList", (2, 1)), ("subList", (-1, 1)),
                ("subList", (0, 5)), ("subList", (1, 1)), ("clear", ()), ("toString", ()),
                ("equals", ([1, 2, 3],)), ("equals", (["1", "2", "3"],)),
                ("equals", ([1.0, 2.0, 3.0],)), ("equals", ("[1, 2, 3]",)), ("hashCode", ()),
                ("containsAll", ([1, 2],)), ("containsAll", ([],)), ("containsAll", (None,)),
                ("removeAll", ([1, "a"],)), ("retainAll", ([1, "a"],)), ("removeAll", (None,)),
                ("clone", ()), ("append", ("x",)), ("pop", ()), ("sort", (None,)),
                ("sort", ("x",)), ("size", (1,)), ("iterator", (1,))]:
            call(lst, method, *args)
        call(lst, "iterator", show=False)
        call(lst, "subList", 0, 1, iterate=True)
    arrays = [("x", "y", "z"), (), ("a", None)]
    for arr in arrays:
        for method, args in [
                ("size", ()), ("get", (0,)), ("get", (5,)), ("get", (-1,)), ("get", ("0",)),
                ("isEmpty", ()), ("contains", ("x",)), ("contains", (None,)),
                ("indexOf", ("y",)), ("lastIndexOf", ("x",)), ("subList", (0, 1)),
                ("subList", (0, 5)), ("add", ("q",)), ("add", (0, "q")), ("add", (9, "q")),
                ("remove", (0,)), ("remove", ("x",)), ("remove", ("q",)), ("clear", ()),
                ("addAll", ([],)), ("addAll", (["q"],)), ("addAll", (None,)),
                ("containsAll", (["x"],)), ("set", (0, 5)), ("set", (5, "q")),
                ("set", ("0", "q")), ("equals", ("x",)), ("length", ()), ("toArray", ()),
                ("iterator", ())]:
            call(arr, method, *args, show=False)
        call(arr, "toArray", iterate=True)
        call(arr, "subList", 0, 0, iterate=True)


# --- numbers and booleans ----------------------------------------------------------

NUMBERS = [5, -3, 0, 2147483647, 3000000000, -9223372036854775808, 30000000000000000000,
           -30000000000000000000]
DOUBLES = [2.5, -0.0, 0.0, math.nan, math.inf, 1e7, 1e-5, -2.5e300, 0.1]


def number_cases() -> None:
    for n in NUMBERS:
        for method, args in [
                ("toString", ()), ("toString", (255,)), ("toString", (255, 16)),
                ("toString", (-255, 2)), ("toString", (3000000000,)), ("toString", (5, 99)),
                ("toString", (16,)), ("intValue", ()), ("longValue", ()),
                ("doubleValue", ()), ("equals", (5,)), ("equals", (5.0,)),
                ("equals", (n,)), ("equals", ("5",)), ("hashCode", ()), ("hashCode", (7,)),
                ("compareTo", (5,)), ("compareTo", (3000000000,)), ("compareTo", (None,)),
                ("compareTo", ("5",)), ("compareTo", (30000000000000000000,)),
                ("compareTo", (n,)), ("parseInt", ("42",)), ("parseInt", ("abc",)),
                ("parseInt", ("",)), ("parseInt", (None,)), ("parseInt", ("+5",)),
                ("parseInt", ("-",)), ("parseInt", ("2147483648",)),
                ("parseInt", ("-2147483648",)), ("parseInt", ("ff", 16)),
                ("parseInt", ("zz", 16)), ("parseInt", ("1", 40)), ("parseInt", ("1", 1)),
                ("parseInt", ("\u0663\u0664",)), ("parseInt", (" 5",)), ("parseInt", ("1_0",)),
                ("parseInt", ("\uff11",)), ("parseInt", (5,)),
                ("parseLong", ("42",)), ("parseLong", ("9223372036854775808",)),
                ("parseLong", ("x",)), ("valueOf", ("5",)), ("valueOf", (5,)),
                ("valueOf", ("x",)), ("valueOf", (3000000000,)), ("valueOf", ("7", 8)),
                ("max", (1, 2)), ("min", (1, 2)), ("sum", (2147483647, 1)),
                ("sum", (9223372036854775807, 1)), ("compare", (1, 2)), ("signum", (-7,)),
                ("signum", ()), ("toHexString", (-1,)), ("toHexString", (255,)),
                ("toBinaryString", (5,)), ("toOctalString", (8,)), ("negate", ()), ("abs", ()),
                ("real", ()), ("intValue", (1,)), ("signum", (1, 2)), ("max", (1,)),
                ("byteValue", ()), ("shortValue", ()),
                ("toString", ("x",))]:
            call(n, method, *args)
    for d in DOUBLES:
        for method, args in [
                ("toString", ()), ("toString", (1.5,)), ("toString", (5,)), ("intValue", ()),
                ("longValue", ()), ("doubleValue", ()), ("isNaN", ()), ("isInfinite", ()),
                ("isNaN", (1.0,)), ("isInfinite", (math.inf,)), ("isFinite", (1.0,)),
                ("isFinite", (5,)), ("equals", (2.5,)), ("equals", (d,)), ("equals", (0.0,)),
                ("equals", (2,)), ("hashCode", ()), ("hashCode", (1.5,)),
                ("compareTo", (2.5,)), ("compareTo", (0.0,)), ("compareTo", (None,)),
                ("compareTo", (5,)), ("compare", (-0.0, 0.0)), ("compare", (math.nan, 1.0)),
                ("compare", (1, 2)), ("max", (-0.0, 0.0)), ("min", (-0.0, 0.0)),
                ("max", (math.nan, 1.0)), ("min", (1, 2.5)), ("sum", (0.1, 0.2)),
                ("valueOf", ("1.5",)), ("valueOf", (2,)), ("parseDouble", ("x",)),
                ("byteValue", ()), ("shortValue", ())]:
            call(d, method, *args)
    for text in ["1.5", " 1.5 ", "1e3", "1e", ".5", "5.", "0x1.8p1", "0x1.8", "NaN", "-Infinity",
                 "+Infinity", "infinity", "1_000", "1.5f", "1.5D", "inf", "", "  ", None, "1e400",
                 "-1e-400", "0x10", "0x1p-1074", "1.7976931348623157E308", "2e23", "\u0661",
                 "1.0e+10", "--1", "+.5e-2"]:
        call(2.5, "parseDouble", text)
    for b in [True, False]:
        for method, args in [
                ("booleanValue", ()), ("toString", ()), ("toString", (False,)),
                ("equals", (True,)), ("equals", ("true",)), ("equals", (1,)), ("hashCode", ()),
                ("hashCode", (True,)), ("compareTo", (False,)), ("compareTo", (True,)),
                ("compareTo", (None,)), ("compareTo", ("true",)), ("compare", (True, False)),
                ("parseBoolean", ("TRUE",)), ("parseBoolean", ("yes",)),
                ("parseBoolean", (None,)), ("valueOf", ("true",)), ("valueOf", (False,)),
                ("valueOf", (1,)), ("logicalAnd", (True, False)), ("logicalOr", (True, False)),
                ("logicalXor", (True, True)), ("intValue", ())]:
            call(b, method, *args)
    for d in [Decimal("1.50"), Decimal("-0.000001"), Decimal("1E+3"), Decimal("1E-7"),
              Decimal("123456789012345678901234567890.5"), Decimal("0.00")]:
        for method, args in [("toString", ()), ("toPlainString", ()), ("scale", ()),
                             ("intValue", ()), ("longValue", ()), ("doubleValue", ()),
                             ("signum", ()), ("hashCode", ()), ("equals", (Decimal("1.5"),)),
                             ("equals", (Decimal("1.50"),)), ("equals", (1.5,)),
                             ("compareTo", (Decimal("1.5"),)), ("compareTo", (None,)),
                             ("compareTo", (1.5,))]:
            call(d, method, *args)


# --- operators, truthiness, printing, properties -----------------------------------

OPERANDS = [5, -7, 2, 0, 3000000000, -9223372036854775808, 9223372036854775807, -1,
            30000000000000000000, 2.5, -0.0, 0.0, math.nan, math.inf, 7.5, "a", "5", None, True,
            [1], {}, Decimal("1.50"), Decimal(-3)]


def operator_cases() -> None:
    for a in OPERANDS:
        for b in OPERANDS:
            for op in "+-*/%":
                case("op", f"{short(a)} {op} {short(b)}", f"#set($x = $a0 {op} $a1)$x|$x.class.name",
                     {"a0": a, "a1": b}, op=op)
            for op in ["==", "!=", "<", "<=", ">", ">="]:
                case("cmp", f"{short(a)} {op} {short(b)}",
                     f"#if($a0 {op} $a1)T#{{else}}F#end", {"a0": a, "a1": b}, op=op)
    extra = [([1], [1.0]), ([1], ["1"]), ([1, 2, 3], "[1, 2, 3]"), ({"a": 1}, "{a=1}"),
             ({"a": 1}, {"a": 1}), ({"a": 1}, {"a": 1.0}), (["a"], ("a",)), (("a",), ("a",)),
             (True, "true"), (False, "false"), (True, 1), (0.1, "0.1"), (1e7, "1.0E7"),
             ("", None), (None, None), (-0.0, 0.0), (math.nan, math.nan), (math.nan, 1),
             (30000000000000000000, math.nan), (3000000000, 3000000000.0),
             (9007199254740993, 9007199254740992.0), (30000000000000000001, 3e19)]
    for a, b in extra:
        for op in ["==", "!="]:
            case("cmp", f"{short(a)} {op} {short(b)}", f"#if($a0 {op} $a1)T#{{else}}F#end",
                 {"a0": a, "a1": b}, op=op)
    for a, b in [(9007199254740993, 9007199254740992.0), (-9223372036854775808, -1),
                 (-1, -9223372036854775808), (4611686018427387904, 2), (-4611686018427387904, 2),
                 (3037000500, 3037000500), (-9223372036854775808, 1),
                 (9223372036854775807, -1), (2147483647, 1), (-2147483648, -1),
                 (30000000000000000000, 1.5), (30000000000000000000, -7), (-30000000000000000000, 7),
                 (Decimal("1.50"), 3), (Decimal("1.5"), 0.1), (Decimal(10), Decimal(4)),
                 (Decimal("1E+1"), 3), (Decimal("-1.55"), Decimal("0.1")), (1e308, 10.0),
                 (Decimal("1.25"), 2), (Decimal("1.35"), 2), (Decimal("-1.35"), 2),
                 (Decimal("1.26"), 2), (Decimal(10), 4), (Decimal(1), 3), (Decimal("0.00"), 7),
                 (Decimal(5), Decimal("0.3")), (Decimal("1E+2"), Decimal("3E-1")),
                 (30000000000000000000, 0.1), (-30000000000000000000, 2.5),
                 (1e308, 1e-10), (5, "x"), ("x", None), (None, "x"), (None, None), ([1], "a")]:
        for op in "+-*/%":
            case("op", f"{short(a)} {op} {short(b)}", f"#set($x = $a0 {op} $a1)$x|$x.class.name",
                 {"a0": a, "a1": b}, op=op)
    for v in ["", "  ", "false", 0, 0.0, -0.0, math.nan, [], {}, None, False, True, "x", ("a",),
              Decimal(0)]:
        case("truth", short(v), "#if($a0)T#{else}F#end", {"a0": v})


PRINTABLE = [None, True, False, 0, -5, 3000000000, 30000000000000000000, 2.5, 1e7, 1e-4, 0.001,
             1e21, 2e23, 1e23, 0.30000000000000004, -0.0, math.nan, math.inf, -math.inf, "x", "",
             [1, "a", None, 2.5, True, [], {}], {"a": None, "b": {"c": [1, {"d": 2}]}},
             {"k=v": "1, 2", "": ""}, [[]], Decimal("1.50"), Decimal("1E+3"), Decimal("-0.00001"),
             Decimal("1E-7"), Decimal("0E-2")]


def printing_cases() -> None:
    for v in PRINTABLE:
        case("print", short(v), "$r", {"r": v})
        if v is not None:
            case("class", short(v), "$r.class.name", {"r": v})
    for v in [("a", "b"), ("a", None), ()]:
        case("class", short(v), "$r.class.name", {"r": v})
    for container in [MAP, [1, 2, 3], ("x", "y"), {}, [], "abc", 5, None, True]:
        case("foreach", short(container), "#foreach($e in $r)<$e:$foreach.hasNext>#end",
             {"r": container})


def property_cases() -> None:
    m = {"a": 1, "size": "XL", "class": "c", "empty": "E", "length": 3, "Class": "C", "key": "k",
         "__class__": "dunder", "items": "it"}
    for name in ["a", "zz", "size", "class", "Class", "empty", "length", "key", "items", "keys",
                 "orDefault", "A", "getClass", "isEmpty"]:
        prop(m, name)
        prop({}, name)
    for receiver in [S, "", [1, 2], [], ("x",), 5, 2.5, True, Decimal("1.5")]:
        for name in ["empty", "Empty", "size", "class", "length", "blank", "a", "upper", "nan",
                     "infinite", "NaN", "first", "integer", "booleanValue"]:
            prop(receiver, name)
    for receiver, key in [([1, 2, 3], 0), ([1, 2, 3], -1), ([1, 2, 3], -3), ([1, 2, 3], 3),
                          ([1, 2, 3], -4), ([1, 2, 3], "0"), ([1, 2, 3], 3000000000),
                          ([1, 2, 3], 1.0), ([1, 2, 3], None), ([1, 2, 3], True),
                          (MAP, "a"), (MAP, "zz"), (MAP, 0), (MAP, -1), (MAP, None),
                          (("x", "y"), 1), (("x", "y"), -1), (("x", "y"), 2), (("x", "y"), "0"),
                          (S, 0), (S, -1), (S, "a"), (5, 0), (5, -1), (True, 0), ({}, -1),
                          ([], -1), ([], 0), (2.5, -1)]:
        index(receiver, key)
    for receiver, name, value in [(MAP, "a", 9), (MAP, "new", "v"), ({}, "x", [1]),
                                  (S, "x", 1), ([1], "x", 1), (5, "x", 1), (MAP, "size", 1),
                                  (MAP, "class", 1)]:
        case("setprop", f"{short(receiver)}.{name}={short(value)}", f"#set($r.{name} = $a0)$r",
             {"r": receiver, "a0": value}, name=name)
    for receiver, key, value in [([1, 2, 3], 1, "x"), ([1, 2, 3], -1, 9), ([1, 2, 3], 5, 9),
                                 ([1, 2, 3], "a", 9), ([1, 2, 3], 3000000000, 9),
                                 (MAP, "a", 9), (MAP, 1, 9), (MAP, -1, 9), ({}, "k", "v"),
                                 (S, 0, "x"), (S, -1, "x"), (("x", "y"), 5, "q"),
                                 (("x", "y"), 0, 5), (5, 0, 1)]:
        case("setindex", f"{short(receiver)}[{short(key)}]={short(value)}",
             "#set($r[$a0] = $a1)$r", {"r": receiver, "a0": key, "a1": value})


def custom_cases() -> None:
    """Templates whose Python counterpart is written out in tests/java/test_oracle.py."""
    v = {"s": S, "map": dict(MAP), "list": [1, 2, 3, 5], "n": 5, "huge": 30000000000000000000}
    for cid, template in [
            ("char-class", "$s.charAt(0).class.name $s.charAt(0)"),
            ("char-eq-string", "#set($c = $s.charAt(0))#if($c == \"H\")T#{else}F#end $c.equals(\"H\")"),
            ("char-eq-char", "#if($s.charAt(0) == $s.charAt(0))T#{else}F#end $s.charAt(2).equals($s.charAt(3))"),
            ("char-plus", "#set($c = $s.charAt(0) + 1)[$c] #set($d = $s.charAt(0) + \"x\")$d"),
            ("char-replace", "$s.replace($s.charAt(0), $s.charAt(1))"),
            ("char-indexof", "$s.indexOf($s.charAt(4))"),
            ("char-hash-compare", "$s.charAt(0).hashCode() $s.charAt(0).compareTo($s.charAt(1)) $s.charAt(0).charValue()"),
            ("entry-key-value", "#foreach($e in $map.entrySet())$e.key=$e.value;$e.getKey()#end"),
            ("entry-set-value", "#foreach($e in $map.entrySet())$e.setValue(0)#end $map"),
            ("entry-class", "#foreach($e in $map.entrySet())$e.class.name $e.toString() $e.hashCode()#break#end"),
            ("keyset-remove", "$map.keySet().remove(\"a\") $map"),
            ("values-remove", "$map.values().remove(\"two\") $map"),
            ("keyset-clear", "$map.keySet().clear() $map"),
            ("keyset-equals", "#if($map.keySet() == $map.keySet())T#{else}F#end #if($map.keySet() == [\"a\",\"b\",\"c\"])T#{else}F#end $map.keySet().equals($map.keySet())"),
            ("values-equals", "$map.values().equals($map.values())"),
            ("self-map", "#set($m = {})#set($d = $m.put(\"self\", $m))$m"),
            ("self-list", "#set($l = [])#set($d = $l.add($l))$l"),
            ("number-keys", "#set($m = {1: \"a\", \"1\": \"b\"})$m.get(1) $m.get(\"1\") $m[1] $m.size() $m"),
            ("double-key", "#set($m = {1.0: \"a\"})$m.get(1.0) [$m.get(1)] $m.containsKey(1.0)"),
            ("bool-key", "#set($m = {true: \"a\"})$m.get(true) [$m.get(1)]"),
            ("list-key", "#set($m = {})#set($k = [1])[$m.get($k)] $m.containsKey($k)"),
            ("iterator", "#set($it = $list.iterator())$it.hasNext() $it.next() $it.next() $it.next() $it.hasNext()"),
            ("iterator-remove", "#set($it = $list.iterator())$it.next() $it.remove() $list"),
            ("iterator-exhausted", "#set($it = $list.iterator())$it.next()$it.next()$it.next()$it.next()"),
            ("foreach-iterator", "#foreach($e in $list.iterator())$e#end"),
            ("foreach-modify", "#foreach($e in $list)#set($d = $list.add(9))$e#end"),
            ("foreach-modify-last", "#foreach($e in $list)#if($e == 3)#set($d = $list.add(9))#end$e#end"),
            ("foreach-map-modify", "#foreach($e in $map)#set($d = $map.put(\"new$velocityCount\", 1))$e;#end"),
            ("foreach-map-modify-last", "#foreach($e in $map)#if($velocityCount == 3)#set($d = $map.put(\"z\", 1))#end$e;#end"),
            ("foreach-map-existing", "#foreach($e in $map)#set($d = $map.put(\"a\", 5))$e;#end"),
            ("class-object", "$s.class $s.class.simpleName $s.class.class $s.class.getName() $s.class.typeName"),
            ("array-class", "$s.split(\",\").class.simpleName $s.split(\",\").class.typeName $s.split(\",\").class"),
            ("toarray-class", "$list.toArray().class.name"),
            ("keyset-classes", "$map.keySet().class.name $map.values().class.name $map.entrySet().class.name"),
            ("iterator-classes", "$list.iterator().class.name $map.keySet().iterator().class.name $map.values().iterator().class.name $map.entrySet().iterator().class.name"),
            ("sublist-printing", "$list.subList(1, 3) $list.subList(0, 0)"),
            ("double-arith-print", "#set($a = 2.0 * 3)#set($b = 0.1 + 0.2)#set($c = 100.0 * 100000)#set($e = 0.0001 * 1)#set($g = 12345678.9 * 1)$a $b $c $e $g"),
            ("big-literals", "#set($x = 2147483647 + 1)#set($y = 9223372036854775807 + 1)$x $x.class.name $y $y.class.name"),
            ("null-key", "#set($m = {})#set($d = $m.put($nope, 1))$m $m.get($nope) $m.containsKey($nope) #set($d = $m.put(\"k\", $nope))$m"),
            ("null-elements", "#set($l = [1])#set($d = $l.add($nope))$l $l.contains($nope) $l.indexOf($nope) $l.size()"),
            ("map-literal-order", "#set($m = {\"z\": 1, \"a\": 2})#set($d = $m.put(\"z\", 3))#set($d = $m.remove(\"a\"))#set($d = $m.put(\"a\", 4))$m"),
            ("typed-long", "#set($l = $n.longValue())#set($a = $l + 1)#set($b = $l * $l)#set($c = $l / 2)#set($d = $l - $l)$a $a.class.name $b.class.name $c.class.name $d.class.name $l.equals(5) $l.equals($n) #if($l == $n)T#end $list.contains($l) $list.indexOf($l) [$s.substring($l)] $l.hashCode() $l.compareTo($n) $l.compareTo($l)"),
            ("typed-biginteger", "#set($g = $huge - $huge)$g $g.class.name $g.intValue() [$s.substring($g)] $g.equals(0) #set($h = $g + 1)$h.class.name #set($k = $g * 1.5)$k $k.class.name"),
            ("string-plus", "#set($a = \"a\" + 1)#set($b = 1 + \"a\")#set($e = $nope + \"x\")#set($g = $list + \"a\")$a $b $e $g"),
    ]:
        case("custom", cid, template, v)


def _random_pattern(rng: random.Random, depth: int = 0) -> str:
    """A random Java regex over a small alphabet (the same seed gives the same cases)."""
    atoms = ["a", "b", "c", " ", "[a-c]", "[^ab]", "\\d", "\\w", "\\s", ".", "\\b", "^", "$",
             "\\W", "[\\d\\s]", "(?i)B", "\\n"]
    parts = []
    for _ in range(rng.randint(1, 4)):
        roll = rng.random()
        if roll < 0.2 and depth < 2:
            kind = rng.choice(["(", "(?:", "(?=", "(?!", "(?>"])
            body = _random_pattern(rng, depth + 1)
            if rng.random() < 0.3:
                body += "|" + _random_pattern(rng, depth + 1)
            atom = f"{kind}{body})"
        else:
            atom = rng.choice(atoms)
        if atom not in ("^", "$", "\\b") and rng.random() < 0.4:
            atom += rng.choice(["*", "+", "?", "{1,2}", "{2}", "*?", "+?", "??", "*+", "++"])
        parts.append(atom)
    return "".join(parts)


def fuzz_cases() -> None:
    rng = random.Random(20240617)
    for _ in range(400):
        pattern = _random_pattern(rng)
        subject = "".join(rng.choice("abc 1\nB") for _ in range(rng.randint(0, 8)))
        call(subject, "matches", pattern)
        call(subject, "replaceAll", pattern, "<$0>")
        call(subject, "split", pattern, iterate=True)


def string_fuzz_cases() -> None:
    """Random strings (surrogates, emoji, case oddities) through the index- and
    case-sensitive String methods. (No capital sigma: see the final-sigma gap.)"""
    rng = random.Random(20240618)
    alphabet = ["a", "B", "\u00df", "\u0130", "\u03c3", "\u00b5", "\u00ff", "\u0178", "\u212a",
                "k", "\u0131", "I", "i", "\u00e9", "\U0001F600", "\U00010400", "\U00010428", " ",
                "\t", "\u00a0", "\u2000", "x", "\ud800", "\udc00", "\u01c5", "\ufb00", "\u1fb3"]

    def text(n: int = 6) -> str:
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, n)))

    def index() -> int:
        return rng.choice([0, 1, 2, 3, 4, 5, -1, 10, rng.randint(0, 12)])

    methods = ["indexOf", "lastIndexOf", "substring", "charAt", "codePointAt", "compareTo",
               "compareToIgnoreCase", "equalsIgnoreCase", "toUpperCase", "toLowerCase", "trim",
               "strip", "split", "replace", "contains", "startsWith", "endsWith", "length",
               "hashCode", "isBlank", "concat", "toCharArray"]
    for _ in range(600):
        r, t, method = text(), text(3), rng.choice(methods)
        args: tuple[Any, ...] = ()
        if method in ("indexOf", "lastIndexOf"):
            args = rng.choice([(t,), (t, index()), (rng.choice([97, 0x1F600, 0xD800]),),
                               (rng.choice([97, 0x1F600]), index())])
        elif method == "substring":
            args = rng.choice([(index(),), (index(), index())])
        elif method in ("charAt", "codePointAt"):
            args = (index(),)
        elif method in ("compareTo", "compareToIgnoreCase", "equalsIgnoreCase", "contains",
                        "endsWith", "concat"):
            args = (rng.choice([t, r.upper(), r.lower(), r]),)
        elif method == "startsWith":
            args = rng.choice([(t,), (t, index())])
        elif method == "split":
            args = (rng.choice(["a", "\U0001F600", " ", "\\s", "x"]),)
        elif method == "replace":
            args = (t, text(2))
        call(r, method, *args, iterate=method in ("split", "toCharArray"))


def main() -> None:
    string_cases()
    regex_cases()
    map_cases()
    list_cases()
    number_cases()
    operator_cases()
    printing_cases()
    property_cases()
    custom_cases()
    fuzz_cases()
    string_fuzz_cases()
    out = sys.stdout
    for c in CASES:
        out.write(json.dumps(c, ensure_ascii=True) + "\n")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Record what the real Java libraries return, as data for tests/apigw.

    conformance/recorder/apigw_probe_data.py

Runs ``record_apigw.sh --probe parse|path|util`` (json-smart 2.6.0 through Jayway
JsonPath 2.10.0, Commons Lang 2.6, the JDK's URLEncoder/URLDecoder/Base64) over a fixed
list of inputs plus seeded random ones, and writes tests/apigw/data/{parse,path,util}.json:
each entry the input and the jar's answer (a value dumped with its Java class, its
JSON, or the exception). The unit tests compare vtl.apigw against these files.
"""

from __future__ import annotations

import base64
import json
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
RECORD = ROOT / "conformance" / "recorder" / "record_apigw.sh"
DATA = ROOT / "tests" / "apigw" / "data"

BODIES = [
    '{"a":1}', "a=b", "some raw data", '{"a":1} x', '{"a":', "[1,2", "'x'", "{a:1}", "{'a':'b'}",
    '"str"', "123", "1.0", "10.00", "1e5", "1E400", "12345678901", "123456789012345678901234",
    "3.14159265358979323846", "0.1", "-0", "-0.0", "true", "false", "null", "", "   ", " ",
    '{"u":"a/b\\u00e9\\u2028\\n\\t\\u0001\'\\""}', '["a/b"]', '{"a":1,}', "[1,2,]", "abc def",
    '{"a":NaN}', "NaN", "hello\nworld", "{", "[", '"abc', "'abc", '{"a":"x\\qy"}',
    '{"a":"t\tab\\n"}', '{"a":"t\tab"}', "[1 2]", "[1,,2]", '{,"a":1}', '{"a" 1}', '{"a":1 "b":2}',
    "-", "--1", "1-2", "12abc", "[12abc, 3]", '{"a":12 abc}', "1e", "1e+", "1.e5", "-.5", "007",
    "[007]", '{"a":tru}', "[true ,false , null]", "true story", "nullx", "NaNa", "Infinity",
    "-Infinity", '{"a":"\\u12"}', '{"a":"\\u12G4"}', '"\\x41"', ":", "}", "]", "[:]", "[}]", "{:}",
    "{]}", '{"a":}', '{"a":]}', '[{"a":[{"b":null}]}]', '{"k":"v"}trailing', "\u00e9", "1\u00e9",
    "[1\u00e9]", "12~", '"\\ud83d\\ude00"', '"\U0001F600"', "[\U0001F600 x]", '{"\U0001F600":1',
    "\x1a", '"a\x1ab"', '"a\\n\x1ab"', "[1\x1a]", '{"a":"\x7f"}', '{"a":"\x7f\\n"}', "\x01abc",
    "[\x01]", '{"a":\x01}', '{"a":1\x01}', '  {"a":1}  ', "\t[1]\n", "12 34", "1.5 x",
    '{"a":1.5 x}', "[1e5 x]", '{"a":b c}', "{a b:1}", "[[[[[]]]]]", "[" * 401 + "]" * 401,
    "[" * 400 + "]" * 400, '{"a":' * 401 + "1" + "}" * 401, "0.1234567890123456789",
    "-0.123456789012345678", "1234567890123456789", "-1234567890123456789", "9223372036854775807",
    "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "99999999999999999999",
    "12345678901234567.8", "1.5e300", "4.9e-324", "1e-400", '"\\/"', '"a\\\'b"', "'a\\\"b'",
    "'a\"b'", '"a\'b"', '{"a":"b","a":"c","d":1}', "[1,2]]", '{"a":1}}', "   x   ", "x   y", ' "q" ',
    '["a" "b"]', '{"a":"b" c}', "tRue", "TRUE",
    '{"s":"\\u0000\\u001f\\u007f\\u0080\\u009f\\u00a0\\u2000\\u20ac\\u20ff\\u2100\\ud800"}',
    '{"n":[1.0,2.50,1e-7,1E+2,-0.0,100,2147483648,-2147483649]}',
]

PATH_DOCS = [
    '{"a":[{"b":1},{"b":2},{"c":3}],"x":{"y":{"z":1},"b":"top"},"k":"v","n":null,"e":[],"m":{}}',
    '{"store":{"book":[{"category":"reference","author":"Nigel","price":8.95},'
    '{"category":"fiction","author":"Evelyn","price":12.99,"isbn":"0-553"},'
    '{"category":"fiction","author":"Herman","isbn":"0-395","price":22.99}],'
    '"bicycle":{"color":"red","price":19.95}},"expensive":10}',
    '[1,2,3,{"a":[4,5]},[6,7]]',
    '"just a string"',
    "a=b",
    '{"f":[{"v":1},{"v":2},{"v":"2"},{"v":"s"},{"v":true},{"v":null},{"w":{"x":1}},{"v":2.5}]}',
    '{"f":[{"v":2.0},{"v":"2.0"},{"v":"S"},{"v":[1,"s"]},{"v":[]},{"v":""},{"v":{"k":1}},{"v":1e5},'
    '{"v":" 2"},{"v":false},{"v":0}]}',
    '{"g":{"it\'s":1,"cognito:groups":"a,b","$metadata":{"x":2},"1st":3,"\u00fc":4,"a,b":5,'
    '"where":6,"a*b":7,"a/b?c=d":8,"l":[{"a:b":1},{"a:b":2,"n":{"c:d":3}}],"a b":9}}',
    '{"f":[{"v&&@":{"w":1}},{"v":1,"w":1},{"v||@":{"w":1}},{"v":2}]}',
]
PATHS = [
    "$", "$.a", "$.a[0]", "$.a[0].b", "$.a[*].b", "$.a[*]", "$..b", "$..*", "$.*", "$.a[-1]",
    "$.a[5]", "$.a[0:2]", "$.a[:2]", "$.a[-2:]", "$.a[1:]", "$.a[0,1]", "$.a[0,2].c", "$['a']",
    "$['a'][1]['b']", '$["k"]', "$['a','k']", "$['k','missing']", "$.k", "$.k[0]", "$.k.x", "$.n",
    "$.n.x", "$.missing", "$.missing.x", "$.e", "$.e[0]", "$.e[*]", "$.m", "$.m.x", "$.m.*",
    "$.a[?(@.b > 1)]", "$.a[?(@.b)]", "$.a[?(@.b == 2)]",
    "$.store.book[?(@.category == 'fiction')].author", "$.store.book[?(@.price < 10)]",
    "$.store.book[?(@.isbn)].author",
    "$.store.book[?(@.price > 10 && @.category == 'fiction')].author", "$..price",
    "$.store..price", "$..book[0]", "$..book[-1].author", "$..book[*].author", "$.store.*",
    "$.store.book.length()", "$.a.length()", "$.k.length()", "$.length()", "$.x.length()", "a",
    "a[0]", "k", "$[0]", "$[-1]", "$[3].a", "$[3].a[1]", "$[4][0]", "$[*]", "$[1:3]", "$..a",
    "$.x.y", "$.x..z", "$.x.*.z", "$.", "$..", "$.a.", "", " ", "$.a[x]", "@.a",
    "$.f[?(@.v == 2)]", "$.f[?(@.v == '2')]", "$.f[?(@.v != 2)]", "$.f[?(@.v > 1.5)]",
    "$.f[?(@.v >= 2)]", "$.f[?(@.v < 'b')]", "$.f[?(@.v == true)]", "$.f[?(@.v == null)]",
    "$.f[?(@.v)]", "$.f[?(@.w.x == 1)]", '$.f[?(@.v == "s")]', "$.f[?(@.v != 's')]", "$..v",
    "$.f[0:1].v", "$.f[*].w.x", "$.f[?(@.v > 1 && @.v < 3)].v",
    "$.f[?(!@.v)]", "$.f[?(!@.w.x)]", "$.f[?(@.v == 2 || @.v == 's')]",
    "$.f[?(@.v > 1 && @.v < 3 || @.w)]", "$.f[?(@.w || @.v == 1 && @.v == 2)]",
    "$.f[?(!@.v && !@.w)]", "$.f[?(@.v > 1 && (@.v < 3 || @.w))]", "$.f[?(! @.v)].w",
    "$.store.book[?(@.isbn && !@.missing)].author", "$..book[?(!@.isbn)]", "$[?(!@.a)]",
    "$.a[?(!@.b || @.c)]", "$..[?(@.b == 2 || @.c)]",
    "$.f[?(@.v in [2, 's'])]", "$.f[?(@.v in ['2'])]", "$.f[?(@.v in [2.0, true, null])]",
    "$.f[?(@.v nin [2, 's'])]", "$.f[?(@.v in [])]", "$.f[?(@.w.x in [1])]",
    "$.f[?(@.v =~ /s/)]", "$.f[?(@.v =~ /S/i)]", "$.f[?(@.v =~ /2.*/)]", "$.f[?(@.v =~ /tr.*/)]",
    "$.f[?(@.v =~ /.*/)]", "$.f[?(@.v=~/s/)]", "$.f[?(@.v size 1)]", "$.f[?(@.v size 0)]",
    "$.f[?(@.v anyof [1])]", "$.f[?(@.v noneof [7])]", "$.f[?(@.v subsetof [1, 's', 2])]",
    "$.f[?(@.v in [[1]])]", "$.f[?(@.v == 2 || @.v in ['s'])]", "$.f[?(@.v == '2.0')]",
    "$..book[?(@.category in ['fiction'] && @.author =~ /H.*/)].title", "$.a[?(@.b in [1, 3])]",
    "$.g.it's", "$.g.cognito:groups", "$.g.$metadata", "$.g.1st", "$.g.\u00fc", "$.g.a,b",
    "$.g.where", "$.g.a*b", "$.g.a/b?c=d", "$..it's", "$.g.l[*].a:b", "$.g.l[?(@.a:b == 1)]",
    "$.g.l[?(@.n.c:d > 2)]", "$.g.a b", "g.$metadata.x", "$.g.it's.length()",
    "$.f[?(@.v size -1)]", "$.f[?(@.v&&@.w)]", "$.f[?(@.v||@.w)]", "$.f[?(!@.v||@.w)]",
    "$.f[?(@.v == 2&&@.w)]", "$.f[?(@.v ||@.w)]", "$.f[?(@.v|| @.w)]", "$.f[?(@.v == ' in [1]' || @.v in [1])]", "$.f[?(@.v =~ /[0-9]+/)]",
]

UTIL_INPUTS = [
    "", "hello world", '{"some": "value"}', "it's", "a/b", "~", "%", "%%", "a%2", "%2G", "%G2",
    "YQ==", "YQ", "YQ=", "Y", "YWJj\n", "Y Q==", "é", "😀", "ab==cd", "YQ==YQ==", "-_",
    "aGVsbG8gd29ybGQ=", "4pyTIMOgIGxhIG1vZGU=", "%E2%9C%93", "%FF", "%-F", "%+1", "+%20+",
    "\x7f\x80\x9f", "\u0100\u0fff\u1000\uffff", "a b+c&d=e/f?g#h~i*j-k_l.m!n'o(p)q%r",
    'say "hi"\\ \t\n\r\b\f\x00\x1f\u2028\u2029\ufeff', "%C3", "%e2%82%ac", "w6nwn5iA", "/w==",
    "not base64!", "a-_b", "Q===", "QQ=a", "====",
]
FUNCTIONS = ["escapeJavaScript", "urlEncode", "urlDecode", "base64Encode", "base64Decode"]


def _b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8", "surrogatepass")).decode("ascii")


def probe(mode: str, rows: list[list[str]]) -> list[dict[str, object]]:
    lines = "".join("\t".join(_b64(f) for f in row) + "\n" for row in rows)
    done = subprocess.run([str(RECORD), "--probe", mode], input=lines.encode("utf-8"),
                          capture_output=True, check=True)
    answers = done.stdout.decode("utf-8").split("\n")[: len(rows)]
    return [json.loads(answer) for answer in answers]


def main() -> int:
    rng = random.Random(20240601)
    alphabet = list("{}[]:,\"'\\ \t\nabcntruelfsN0123456789.-+eE/uxX") + [
        "\x01", "\x7f", "\u00e9", "\U0001F600", "\u2028", "\x1a"]
    bodies = BODIES + ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14)))
                       for _ in range(400)]
    parts = ["{", '"k"', ":", "[", "1", ",", '"s\\n"', "]", "}", " ", "'q'", "x", "1.5e3", "-",
             "null", "true"]
    bodies += ["".join(rng.choice(parts) for _ in range(rng.randint(1, 10))) for _ in range(200)]
    util_alphabet = list("aZ09 +%/=\\'\"~*-_.!@#&?:;\n\t\r\x00\x01\x1f\x7f\x80é€😀\u2028") + [
        "%2", "%41", "%zz", "%-1", "%+1", "%e2%82%ac", "%C3", "==", "YQ", "YWJj", "QQ==", "Q==="]
    util_inputs = UTIL_INPUTS + ["".join(rng.choice(util_alphabet) for _ in range(rng.randint(0, 8)))
                                 for _ in range(150)]

    DATA.mkdir(parents=True, exist_ok=True)
    parse_rows = [[b] for b in bodies]
    path_rows = [[d, p] for d in PATH_DOCS for p in PATHS]
    util_rows = [[f, s] for s in util_inputs for f in FUNCTIONS]
    outputs = {
        "parse": [{"body": r[0], **a} for r, a in zip(parse_rows, probe("parse", parse_rows))],
        "path": [{"body": r[0], "path": r[1], **a} for r, a in zip(path_rows, probe("path", path_rows))],
        "util": [{"function": r[0], "input": r[1], **a}
                 for r, a in zip(util_rows, probe("util", util_rows))],
    }
    for name, entries in outputs.items():
        target = DATA / f"{name}.json"
        lines = ",\n".join(json.dumps(entry, ensure_ascii=True) for entry in entries)
        target.write_text("[\n" + lines + "\n]\n", encoding="utf-8")
        print(f"{target.relative_to(ROOT)}: {len(entries)} entries")
    return 0


if __name__ == "__main__":
    sys.exit(main())

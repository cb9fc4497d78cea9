#!/usr/bin/env python3
"""Differential fuzzing of the API Gateway layer: random realistic proxy events and mapping
templates, rendered by the recorder (ApigwRecorder: Velocity 1.7 + Jayway JsonPath/json-smart,
Commons Lang, URLEncoder, Base64) and by ``vtl.apigw.render``, compared byte for byte
(body, and the overrides the template set).

    conformance/tools/fuzz_apigw.py run --seed 1 --count 2000     # generate, render, compare
    conformance/tools/fuzz_apigw.py show --seed 1 --index 17      # print one (template, event)
    conformance/tools/fuzz_apigw.py min --seed 1 --index 17       # minimise a difference
    conformance/tools/fuzz_apigw.py case SLUG --seed 1 --index 17 [--min] [--note TEXT]
                                                                   # write a case directory
                                                                   # (then record it with
                                                                   #  record_apigw.sh)

Pair *i* of seed *s* is always the same (``random.Random(f"{s}:{i}")``). The jar side is
``FuzzApigwBatch.java`` (many pairs in one JVM, ``ApigwRecorder.render``); differences go
to ``--out`` (default /tmp/vtl-fuzz-apigw) as JSON lines. Errors are compared as
tests/test_conformance.py compares them: by class category and ``[line L, column C]``.
"""

from __future__ import annotations

import argparse
import base64
import json
import multiprocessing
import random
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fuzzlib import POSITION, RENDER_ERRORS, SYNTAX_ERRORS, shrink

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
M2 = Path.home() / ".m2/repository"
JARS = [
    M2 / "org/apache/velocity/velocity/1.7/velocity-1.7.jar",
    M2 / "commons-collections/commons-collections/3.2.2/commons-collections-3.2.2.jar",
    M2 / "commons-lang/commons-lang/2.6/commons-lang-2.6.jar",
    M2 / "com/jayway/jsonpath/json-path/2.10.0/json-path-2.10.0.jar",
    M2 / "net/minidev/json-smart/2.6.0/json-smart-2.6.0.jar",
    M2 / "net/minidev/accessors-smart/2.5.2/accessors-smart-2.5.2.jar",
    M2 / "org/ow2/asm/asm/9.7.1/asm-9.7.1.jar",
    M2 / "org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar",
    M2 / "org/slf4j/slf4j-nop/2.0.17/slf4j-nop-2.0.17.jar",
]
BUILD = HERE / "build"
RECORDER = HERE.parent / "recorder"
RECORDER_BUILD = RECORDER / "build" / "apigw"
CASES = HERE.parent / "cases" / "apigateway" / "fuzz"
RECORDER_CLASSES = re.compile(r"ApigwRecorder\$(?:OverrideMap|SilentMap)")

# --------------------------------------------------------------------------- events

KEYS = ["a", "b", "c", "id", "name", "items", "price", "tags", "user", "x-y", "k 1", "é", "", "0", "1", "$"]
SAFE_KEYS = ["a", "b", "c", "id", "name", "items", "price", "tags", "user"]
NUMBERS = ["0", "-0", "1", "-17", "42", "2147483647", "2147483648", "-2147483649",
           "9223372036854775807", "9223372036854775808", "123456789012345678901234567890",
           "1.0", "1.50", "-0.0", "0.1", "3.14159", "1e5", "1E-3", "1.5e+10", "-2.5E-7", "1e400",
           "12345678.9", "1.0E7", "100.000", "0.000001", "123456789012345678901234567890.5",
           "4.9e-324", "1.7976931348623157e308", "2e0", "10E2"]
STRING_BITS = ["hello", " ", "a b", "\\\"", "\\\\", "\\/", "\\n", "\\t", "\\r", "\\b", "\\f",
               "\\u00e9", "\\u20ac", "\\ud83d\\ude00", "é", "€", "😀", "𝄞", "'", "<", ">", "&",
               "=", "%", "+", "\\u0000", "\\u001f", "\\u2028", "/", "x", "1", "true", "null", "{", "]"]
HEADER_VALUES = ["", "text/plain", "application/json; charset=UTF-8", "a\"b", "back\\slash", "a/b",
                 "é", "日本", "😀", "\t", "x\u0001y", "  spaced  ", "a,b", "k=v; k2=v2", "'q'",
                 "Mozilla/5.0 (X11)", "*/*", "%41+%2B", "null", "1", "{\"j\":1}"]
HEADER_NAMES = ["Accept", "Content-Type", "Host", "User-Agent", "X-Custom", "x-lower", "X-Dup",
                "Content-Length", "Connection", "X-Empty", "X-Ünicode", "Authorization", "id", "q"]
QUERY_NAMES = ["q", "page", "id", "x", "empty", "a b", "é", "name"]
QUERY_VALUES = ["1", "", "hello world", "a+b", "%20", "é", "😀", "x\"y", "a\\b", "1,2", "true"]


class EventGen:
    def __init__(self, r: random.Random) -> None:
        self.r = r
        self.keys: list[list[Any]] = []  # paths seen in the body (for realistic JSONPaths)

    def chance(self, p: float) -> bool:
        return self.r.random() < p

    def ws(self) -> str:
        return self.r.choice(["", "", "", " ", "\n", "  ", "\t"])

    def jstring(self) -> str:
        return '"' + "".join(self.r.choice(STRING_BITS) for _ in range(self.r.randint(0, 3))) + '"'

    def jvalue(self, depth: int, where: list[Any]) -> str:
        k = self.r.randint(0, 9)
        if depth < 3 and k <= 2:
            items = []
            n = self.r.randint(0, 4)
            used: set[str] = set()
            for _ in range(n):
                key = self.r.choice(SAFE_KEYS if self.chance(0.8) else KEYS)
                if key in used and self.chance(0.8):
                    continue
                used.add(key)
                self.keys.append(where + [key])
                items.append(self.ws() + json.dumps(key, ensure_ascii=self.chance(0.5)) + self.ws() + ":"
                             + self.ws() + self.jvalue(depth + 1, where + [key]))
            return "{" + ",".join(items) + self.ws() + "}"
        if depth < 3 and k <= 4:
            items = [self.ws() + self.jvalue(depth + 1, where + [i]) for i in range(self.r.randint(0, 4))]
            return "[" + ",".join(items) + self.ws() + "]"
        if k <= 6:
            return self.r.choice(NUMBERS)
        if k <= 8:
            return self.jstring()
        return self.r.choice(["true", "false", "null"])

    def body(self) -> tuple[str | None, bool]:
        k = self.r.randint(0, 19)
        if k == 0:
            return None, False
        if k == 1:
            return "", False
        if k == 2:
            return self.r.choice(["some raw data", "a=b&c=d", "<xml/>", "{broken", "[1, 2", "tru",
                                  "'single'", "{a:1}", "  {\"a\": 1}  ", "123abc", "\"str\"", "1.5",
                                  "{\"a\":1}x", "null", "{\"a\":1,}", "[1,,2]", "{'a': 'b'}"]), False
        text = self.ws() + self.jvalue(0, []) + self.ws()
        if k == 3:
            return text, False
        if k == 4:
            raw = text.encode("utf-8") if self.chance(0.7) else b"\xff\xfe" + text.encode("utf-8") + b"\xc3"
            return base64.b64encode(raw).decode("ascii"), True
        # mostly an object at the top
        obj_items = []
        used: set[str] = set()
        for _ in range(self.r.randint(1, 5)):
            key = self.r.choice(SAFE_KEYS)
            if key in used:
                continue
            used.add(key)
            self.keys.append([key])
            obj_items.append(json.dumps(key) + ":" + self.ws() + self.jvalue(1, [key]))
        return "{" + self.ws() + ("," + self.ws()).join(obj_items) + "}", False

    def event(self) -> dict[str, Any]:
        r = self.r
        ev: dict[str, Any] = {}
        if self.chance(0.8):
            headers = {}
            multi = {}
            for _ in range(r.randint(0, 6)):
                name = r.choice(HEADER_NAMES)
                if self.chance(0.2):
                    values = [r.choice(HEADER_VALUES) for _ in range(r.randint(1, 3))]
                    multi[name] = values
                    if self.chance(0.7):
                        headers[name] = values[-1]
                    elif name in headers:
                        del headers[name]
                else:
                    headers[name] = r.choice(HEADER_VALUES)
                    multi.pop(name, None)
            ev["headers"] = headers
            if multi or self.chance(0.3):
                ev["multiValueHeaders"] = multi
        if self.chance(0.6):
            q = {}
            mq = {}
            for _ in range(r.randint(0, 4)):
                name = r.choice(QUERY_NAMES)
                if self.chance(0.3):
                    values = [r.choice(QUERY_VALUES) for _ in range(r.randint(1, 3))]
                    mq[name] = values
                    q[name] = values[-1]
                else:
                    q[name] = r.choice(QUERY_VALUES)
                    mq.pop(name, None)
            ev["queryStringParameters"] = q if q or self.chance(0.5) else None
            if mq:
                ev["multiValueQueryStringParameters"] = mq
        if self.chance(0.5):
            pp = {"id": r.choice(["7", "abc", "", "a/b", "é", "x y"])}
            if self.chance(0.4):
                pp["proxy"] = r.choice(["a/b/c", "x", ""])
            ev["pathParameters"] = pp
            ev["resource"] = r.choice(["/pets/{id}", "/pets/{id}/{proxy+}", "/{proxy+}", "/x/{id}"])
            if self.chance(0.5):
                ev["path"] = "/pets/" + pp["id"]
        if self.chance(0.4):
            ev["stageVariables"] = {r.choice(["env", "url", "a", "x-y", "n"]): r.choice(["prod", "", "http://x/y", "1", "é"])
                                    for _ in range(r.randint(0, 3))}
        if self.chance(0.5):
            ev["httpMethod"] = r.choice(["GET", "POST", "PUT", "DELETE"])
        body, b64 = self.body()
        if body is not None or self.chance(0.5):
            ev["body"] = body
        if b64 or self.chance(0.1):
            ev["isBase64Encoded"] = b64
        if self.chance(0.6):
            rc: dict[str, Any] = {}
            if self.chance(0.5):
                rc["identity"] = {f: r.choice(["", "abc", "1.2.3.4", "arn:aws:iam::1:user/x", "é", None])
                                  for f in r.sample(["sourceIp", "user", "caller", "apiKey", "accountId",
                                                     "userArn", "userAgent", "cognitoIdentityId",
                                                     "accessKey", "apiKeyId", "principalOrgId"], r.randint(1, 4))}
            if self.chance(0.5):
                if self.chance(0.5):
                    claims = {c: r.choice(["x", "", "123", "a@b.c", "é", "true"])
                              for c in r.sample(["sub", "email", "cognito:username", "custom:role", "iss"], r.randint(1, 3))}
                    if self.chance(0.3):
                        claims["n"] = r.choice([1, 1.5, True, 10**10, 0.1, -0.0])
                    rc["authorizer"] = {"claims": claims}
                else:
                    rc["authorizer"] = {k: r.choice(["s", "", 1, 0, -5, 1.0, 2.5, 1e20, 1e-7, True, False,
                                                     2**31, 2**63, 12345678.9, 100.0, -0.0])
                                        for k in r.sample(["principalId", "role", "count", "ok", "n", "x-y", "score"],
                                                          r.randint(1, 4))}
            if self.chance(0.3):
                rc["stage"] = r.choice(["dev", "prod", "v1"])
            if self.chance(0.2):
                rc["requestTimeEpoch"] = r.choice([0, 1700000000123, 1428582896000])
            if self.chance(0.2):
                rc["domainName"] = r.choice(["api.example.com", "x", "a.b.c"])
            ev["requestContext"] = rc
        return ev


# --------------------------------------------------------------------------- templates

CONTEXT_KEYS = ["accountId", "apiId", "resourceId", "resourcePath", "httpMethod", "stage", "requestId",
                "extendedRequestId", "requestTime", "requestTimeEpoch", "path", "protocol", "domainName",
                "domainPrefix", "deploymentId", "nope", "authorizer.principalId", "authorizer.role",
                "authorizer.count", "authorizer.n", "authorizer.claims.sub", "authorizer.claims.n",
                "authorizer.claims.email", "identity.sourceIp", "identity.userAgent", "identity.user",
                "identity.apiKey", "identity.caller", "identity.nope", "authorizer.claims",
                "identity", "authorizer", "requestOverride", "responseOverride",
                "requestOverride.header", "responseOverride.status"]
UTILS = ["escapeJavaScript", "urlEncode", "urlDecode", "base64Encode", "base64Decode", "parseJson"]
STR_LITS = ["'a b'", "'it''s'", '"q\\"x"', "'é/€'", "'%41%zz'", "'a+b%20c'", "'aGVsbG8='", "'aGVsbG8'",
            "'{\"a\":[1,2.50,{\"b\":null}]}'", "'[1,2]'", "'x'", "''", "'😀'", "'\\u0041'", "'a\tb'",
            "'1e5'", "'{a:1}'", "'==='", "'-_.*~'", "'<\\/>'"]


class TemplateGen:
    def __init__(self, r: random.Random, keys: list[list[Any]]) -> None:
        self.r = r
        self.keys = keys

    def chance(self, p: float) -> bool:
        return self.r.random() < p

    def jsonpath(self) -> str:
        r = self.r
        if self.keys and self.chance(0.6):
            where = r.choice(self.keys)
            out = "$"
            for step in where:
                if isinstance(step, int):
                    out += r.choice([f"[{step}]", "[*]", f"[{step}]", "[-1]"])
                elif re.fullmatch(r"[A-Za-z_][\w]*", step) and self.chance(0.7):
                    out += "." + step
                elif "'" not in step and "\\" not in step:
                    out += f"['{step}']" if self.chance(0.5) else f'["{step}"]'
                else:
                    return "$"
            if self.chance(0.15):
                out += r.choice([".nope", "[0]", ".length()", "[*]", "..a", "[0:2]"])
            return out
        return r.choice(["$", "$", "$.a", "$.a.b", "$['a']", "$.a[0]", "$.a[*].b", "$..b", "$..a",
                         "$.nope", "$.nope.deeper", "$[0]", "$[*]", "$.items[*]", "$.items[0].name",
                         "$.items.length()", "$.*", "$['a','b']", "$.a[-1]", "$.a[1:]", "$..*",
                         "$.items[?(@.price > 1)]", "$.user.name", "$.tags[0]", "$.a.length()",
                         "a", "", "$.", "$[", "$..", "$['a'", "$.price", "$.id",
                         "$..price.length()", "$.*.length()", "$..[?(@.id)]", "$.items[?(@.name == 'x')]",
                         "$..items[0]", "$.a[?(@ > 1)]", "$[?(@.a)]", "$.price.size()", "$..c.b",
                         "$.tags[0,1]", "$.items[?(@.price >= 2 && @.id)]", "$['price']['a']", "@.a"])

    def pathlit(self) -> str:
        p = self.jsonpath()
        if self.chance(0.5):
            return "'" + p.replace("'", "''") + "'"
        return '"' + p.replace('"', '""').replace("$", "\\$") + '"' if "$" in p and self.chance(0.0) else "'" + p.replace("'", "''") + "'"

    def suffix(self) -> str:
        r = self.r
        return r.choice(["", "", "", ".size()", "[0]", "[1]", "[-1]", ".keySet()", ".toString()", ".a", ".name",
                         ".get('a')", ".get(0)", ".class.name", ".isEmpty()", ".values()", ".entrySet()",
                         ".length()", ".contains('a')", ".containsKey('a')", "[0].a", ".equals('')",
                         ".intValue()", ".doubleValue()", ".hashCode()", "['a']", ".items[0]", ".toUpperCase()",
                         ".substring(1)", ".replaceAll('a','b')"])

    def value(self) -> str:
        r = self.r
        k = r.randint(0, 13)
        if k <= 2:
            return f"$input.path({self.pathlit()})"
        if k <= 4:
            return f"$input.json({self.pathlit()})"
        if k == 5:
            return "$input.body"
        if k == 6:
            return f"$input.params('{r.choice(HEADER_NAMES + QUERY_NAMES + ['id', 'proxy', 'nope'])}')"
        if k == 7:
            return "$context." + r.choice(CONTEXT_KEYS)
        if k == 8:
            return r.choice(["$stageVariables.env", "$stageVariables['x-y']", "$stageVariables", "$stageVariables.a",
                             "$stageVariables.nope"])
        if k == 9:
            return r.choice(["$undefined", "$nope.x", "$null"])
        if k == 10:
            return r.choice(STR_LITS)
        if k == 11:
            return f"$util.{r.choice(UTILS)}({self.value()})"
        if k == 12:
            return r.choice(["$input.params()", "$input.params().header", "$input.params().querystring",
                             "$input.params().path", "$input.params().header.Host", "$input.params().path.id"])
        if self.chance(0.5):
            return f"$input.path({self.pathlit()}) {r.choice(['+', '-', '*', '/', '%'])} {r.choice(['1', '2.5', '-3', '$input.path(' + self.pathlit() + ')'])}"
        return r.choice(["1", "-2", "1.5", "true", "[1, 'a']", "{'k': 'v'}"])

    def ref_of(self, v: str) -> str:
        if v.startswith("$"):
            return v + self.suffix()
        return v

    def piece(self) -> str:
        r = self.r
        k = r.randint(0, 21)
        if k <= 3:
            return self.ref_of(f"$input.path({self.pathlit()})")
        if k <= 6:
            return f"$input.json({self.pathlit()})"
        if k == 7:
            return self.ref_of("$input.body")
        if k == 8:
            p = self.pathlit()
            return (f"#set($r = $input.path({p}))#foreach($x in $r)"
                    + r.choice(["$x", "$x.a", "$foreach.index:$x", "$x.class.simpleName"])
                    + "#if($foreach.hasNext),#end#end")
        if k == 9:
            p = self.pathlit()
            return f"#foreach($k in $input.path({p}).keySet())$k=$input.path({p}).get($k);#end"
        if k <= 11:
            return "$util." + r.choice(UTILS) + "(" + self.value() + ")" + (self.suffix() if self.chance(0.3) else "")
        if k == 12:
            return "\"$util.escapeJavaScript(" + self.value() + ")\""
        if k == 13:
            return "$" + r.choice(["!", ""]) + "context." + r.choice(CONTEXT_KEYS) + self.suffix()
        if k == 14:
            return r.choice(["$context.keySet()", "$context.identity.keySet()", "$context.authorizer.keySet()",
                             "$context.authorizer.claims.keySet()", "#foreach($k in $context.authorizer.keySet())$k=$context.authorizer.get($k) #end",
                             "$stageVariables.keySet()", "#foreach($k in $input.params().keySet())$k:$input.params().get($k);#end",
                             "#foreach($h in $input.params().header.entrySet())$h.key=$h.value|#end",
                             "$context.requestOverride", "$context.responseOverride.keySet()"])
        if k == 15:
            return self.ref_of(self.value())
        if k == 16:
            return self.override()
        if k == 17:
            return f"#set($v = {self.value()})$v" + self.suffix()
        if k == 18:
            return f"#if({self.value()} == {self.value()})EQ#{{else}}NE#end"
        if k == 19:
            return f"$input.params('{r.choice(HEADER_NAMES + QUERY_NAMES + ['id', 'proxy', 'nope'])}')"
        if k == 20:
            return f"#set($p = $util.parseJson({self.value()}))$p" + self.suffix()
        if self.chance(0.5):
            return self.change()
        return f"{{\"v\": {self.value()}}}"

    def change(self) -> str:
        """A change made through a ``$input.path`` result, then a read of the document
        (one parsed body per request: apigateway §2, 2026-12-03)."""
        r = self.r
        edit = r.choice(["#set($d = $m.put('z', {v}))", "#set($m.z = {v})", "#set($m[0] = {v})",
                         "#set($d = $m.add({v}))", "#set($d = $m.remove(0))", "#set($d = $m.clear())",
                         "#set($m.a.b = {v})"]).format(v=self.value())
        read = r.choice(["$input.json({p})", "$input.path({p})", "$input.json('$')"]).format(p=self.pathlit())
        return f"#set($m = $input.path({self.pathlit()})){edit}{read}"

    def override(self) -> str:
        r = self.r
        k = r.randint(0, 6)
        if k == 0:
            status = r.choice(['404', '200', '"500"', '444', '$input.path("$.id")', '" 201 "'])
            return f"#set($context.responseOverride.status = {status})"
        if k == 1:
            return f"#set($context.responseOverride.header.{r.choice(['X-A', 'Location', 'x'])} = {self.value()})"
        if k == 2:
            value = r.choice(['"v"', '["a", "b"]', '$input.params("q")', '1'])
            return f"#set($context.requestOverride.querystring.{r.choice(['q', 'page'])} = {value})"
        if k == 3:
            return f"#set($context.requestOverride.header['{r.choice(['X-B', 'Accept'])}'] = {self.value()})"
        if k == 4:
            return f"#set($context.requestOverride.path.id = {self.value()})"
        if k == 5:
            return "$context.responseOverride.header.put('X-P', 'v')"
        return "#set($context.responseOverride.status = 404)#set($context.responseOverride.status = 405)"

    def template(self) -> str:
        r = self.r
        seps = ["\n", " ", ",", "|", "\n  "]
        parts = [self.piece() for _ in range(r.randint(1, 5))]
        t = r.choice(seps).join(parts)
        if self.chance(0.3):
            t = "{\n  \"out\": " + t + "\n}"
        return t


def generate(seed: int, index: int, jsonpath: bool = False) -> tuple[str, dict[str, Any]]:
    if jsonpath:
        return generate_jsonpath(seed, index)
    r = random.Random(f"apigw:{seed}:{index}")
    eg = EventGen(r)
    event = eg.event()
    template = TemplateGen(r, eg.keys).template()
    return template, event


# --------------------------------------------------------------------------- JsonPath mode

JP_KEYS = ["a", "b", "x", "n", "name", "tags", "price", "items", "k 1", "é", ")", "0", "$", "*", "@"]
JP_NUMBERS = NUMBERS + ["1E+2", "0.0", "-1", "2.50", "1e-0", "100", "3", "-0.5", "1e2", "07", "0x1"]
JP_LITERALS = ["1", "2", "-1", "0", "2.5", "1e2", "1E0", "1.5e1", "'a'", '"b"', "'x'", "''", "true", "false",
               "null", "[1,2]", "['a']", '{"a":1}', "{}", "[]", "'1'", "'é'", "100", "1e400"]
JP_OPERATORS = ["==", "!=", "<", "<=", ">", ">=", "=~", "in", "nin", "subsetof", "anyof", "noneof", "size",
                "empty", "contains", "==="]
JP_FUNCTIONS = ["length()", "size()", "sum()", "avg()", "min()", "max()", "stddev()", "keys()", "first()",
                "last()", "index(1)", "index(-1)", "index(0)", 'concat("x")', 'concat($.{k}, "y")',
                "length($.{k})", "sum($.{k}[*])", "append(1)", "nope()", "max(1, $.{k})", "length(@.{k})",
                "concat(@.{k})", 'append({{"z":1}})', "min($..{k})"]
JP_MUTATION = ".[]()$@*?'\",: -0123456789ax~!=<>{}\\&|/"


class JsonPathGen:
    """JsonPath-heavy pairs (``run --jsonpath``): a body of nested arrays, odd numbers and
    unicode, and templates reading it through paths with filters, functions (also followed by
    more path), literals on either side, deep scans; a quarter of the paths mutated."""

    def __init__(self, r: random.Random) -> None:
        self.r = r

    def key(self) -> str:
        return self.r.choice(SAFE_KEYS[:6] + ["x", "n"] if self.r.random() < 0.85 else JP_KEYS)

    def value(self, depth: int) -> str:
        r = self.r
        k = r.randint(0, 11)
        if depth < 4 and k <= 3:
            keys = {self.key() for _ in range(r.randint(0, 4))}
            return "{" + ",".join(json.dumps(key, ensure_ascii=r.random() < 0.5) + ":" + self.value(depth + 1)
                                  for key in keys) + "}"
        if depth < 4 and k <= 6:
            return "[" + ",".join(self.value(depth + 1) for _ in range(r.randint(0, 4))) + "]"
        if k <= 8:
            return r.choice(JP_NUMBERS)
        if k <= 10:
            return '"' + "".join(r.choice(STRING_BITS) for _ in range(r.randint(0, 2))) + '"'
        return r.choice(["true", "false", "null"])

    def body(self) -> str:
        keys = {self.key() for _ in range(self.r.randint(2, 6))}
        return "{" + ",".join(json.dumps(key) + ":" + self.value(1) for key in keys) + "}"

    def literal(self) -> str:
        return self.r.choice(JP_LITERALS)

    def operand(self, left: bool) -> str:
        r = self.r
        k = r.randint(0, 9)
        if k <= 3 or (left and k <= 5):
            return r.choice(["@.", "@.", "$.", "@['"]) .replace("@['", "@['" + self.key() + "']") + (
                "" if r.random() < 0.2 else self.key()) + r.choice(["", "", "", ".length()", "[0]", ".*", "..n",
                                                                     ".size()", ".sum()", ".first()"])
        if k <= 5:
            return r.choice(["@", "$.", "@."]) + (self.key() + r.choice(["", ".length()", "[*]", ".keys()"])
                                                 if r.random() < 0.8 else "")
        if k == 6 and not left:
            return r.choice(["/a.*/", "/^[0-9]+$/i", "/x/"])
        return self.literal()

    def comparison(self) -> str:
        r = self.r
        k = r.randint(0, 9)
        if k == 0:
            return r.choice(["", "!"]) + self.operand(True)
        if k == 1:
            return "!(" + self.comparison() + ")"
        return f"{self.operand(True)} {r.choice(JP_OPERATORS)} {self.operand(False)}"

    def filter(self) -> str:
        r = self.r
        parts = [self.comparison()]
        for _ in range(r.choice([0, 0, 0, 1, 2])):
            parts.append(r.choice([" && ", " || "]) + self.comparison())
        return "[?(" + "".join(parts) + ")]"

    def step(self) -> str:
        r = self.r
        key = self.key()
        if r.random() < 0.3:
            return "." + key if re.fullmatch(r"[A-Za-z_]\w*", key) else f"['{key}']"
        if r.random() < 0.1:
            return self.filter()
        return r.choice([f"['{key}']", f'["{key}"]', f"['{key}','{self.key()}']", "[0]", "[-1]", "[1,0]", "[0:2]",
                         "[-2:]", "[:1]", "[*]", ".*", f"..{key}", "..*", "..[0]"])

    def function(self) -> str:
        return "." + self.r.choice(JP_FUNCTIONS).format(k=self.key())

    def path(self) -> str:
        r = self.r
        out = r.choice(["$"] * 9 + ["@", ""])
        steps = [self.step() for _ in range(r.randint(0, 4))]
        if r.random() < 0.3:
            steps.append(self.filter())
        if r.random() < 0.15 and steps:
            steps.insert(r.randrange(len(steps) + 1), self.function())
        if r.random() < 0.35:
            steps.append(self.function())
            if r.random() < 0.2:
                steps.append(r.choice([".x", "[0]", ")", ").n", "x", ".length()", "['n']", "..n", ".*"]))
        out += "".join(steps)
        if out == "":
            out = "$"
        if r.random() < 0.25:
            out = self.mutate(out)
        return out

    def mutate(self, path: str) -> str:
        r = self.r
        for _ in range(r.randint(1, 2)):
            i = r.randrange(len(path) + 1)
            k = r.randint(0, 2)
            if k == 0 and path:
                path = path[:i] + path[i + 1:]
            elif k == 1:
                path = path[:i] + r.choice(JP_MUTATION) + path[i:]
            elif i < len(path):
                path = path[:i] + path[i] + path[i:]
        return path or "$"

    def template(self) -> str:
        r = self.r
        pieces = []
        for _ in range(r.choice([1, 1, 1, 2, 3])):
            p = self.path().replace("'", "''")
            pieces.append(f"$input.json('{p}')" if r.random() < 0.75 else f"$input.path('{p}')")
        return "|".join(pieces)


def generate_jsonpath(seed: int, index: int) -> tuple[str, dict[str, Any]]:
    """Pair ``index`` of JsonPath-mode seed ``seed``."""
    r = random.Random(f"jsonpath:{seed}:{index}")
    g = JsonPathGen(r)
    body = g.body()
    return g.template(), {"body": body}


# --------------------------------------------------------------------------- jar side


def classpath() -> str:
    return ":".join([str(BUILD), str(RECORDER_BUILD)] + [str(j) for j in JARS])


def build_java() -> None:
    subprocess.run([str(RECORDER / "record_apigw.sh"), "--dry-run", "/nonexistent"], capture_output=True, check=False)
    src = HERE / "FuzzApigwBatch.java"
    cls = BUILD / "FuzzApigwBatch.class"
    rec = RECORDER_BUILD / "ApigwRecorder.class"
    if not cls.exists() or src.stat().st_mtime > cls.stat().st_mtime or rec.stat().st_mtime > cls.stat().st_mtime:
        BUILD.mkdir(exist_ok=True)
        subprocess.run(["javac", "-encoding", "UTF-8", "-d", str(BUILD), "-cp",
                        f"{RECORDER_BUILD}:" + ":".join(str(j) for j in JARS), str(src)], check=True)


def wire(template: str, event: dict[str, Any]) -> str:
    return json.dumps([template, json.dumps(event)])


def java_batch(pairs: list[tuple[str, dict[str, Any]]]) -> list[list[Any]]:
    data = "".join(wire(t, e) + "\n" for t, e in pairs).encode("utf-8")
    res = subprocess.run(["java", "-Dfile.encoding=UTF-8", "-Xss64m", "-cp", classpath(), "FuzzApigwBatch"],
                         input=data, capture_output=True, check=True)
    return [json.loads(line) for line in res.stdout.decode("utf-8").split("\n") if line]


class JavaStream:
    def __init__(self) -> None:
        self.p = subprocess.Popen(["java", "-Dfile.encoding=UTF-8", "-Xss64m", "-cp", classpath(), "FuzzApigwBatch",
                                   "--stream"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def __call__(self, template: str, event: dict[str, Any]) -> list[Any]:
        assert self.p.stdin and self.p.stdout
        self.p.stdin.write((wire(template, event) + "\n").encode("utf-8"))
        self.p.stdin.flush()
        return json.loads(self.p.stdout.readline().decode("utf-8"))


# --------------------------------------------------------------------------- our side


def ours(template: str, event: dict[str, Any]) -> tuple[str, str, dict[str, Any] | None]:
    """("ok", body, overrides|None) | (kind, "message [line L, column C]", None)."""
    import vtl
    from vtl.apigw import EventError, render

    try:
        res = render(template, json.loads(json.dumps(event)), name="template")
    except vtl.TemplateSyntaxError as e:
        return "syntax", f"{e.message} [line {e.line}, column {e.column}]", None
    except vtl.TemplateRenderError as e:
        return "render", f"{e.message} [line {e.line}, column {e.column}]", None
    except vtl.TemplateError as e:
        return "error", f"{e.message} [line {e.line}, column {e.column}]", None
    except EventError as e:
        return "event", str(e), None
    except RecursionError as e:
        return "crash", f"RecursionError: {e}", None
    except Exception as e:  # noqa: BLE001 - an engine crash is a difference too
        return "crash", f"{type(e).__name__}: {e}", None
    ov = {"status": res.status, "headers": res.headers, "path": res.path, "querystring": res.querystring}
    if ov == {"status": None, "headers": {}, "path": {}, "querystring": {}}:
        ov = None
    return "ok", res.body, ov


def java_kind(kind: str, text: str) -> str:
    if kind != "error":
        return kind
    cls = text.split(":", 1)[0]
    if cls in SYNTAX_ERRORS:
        return "syntax"
    if cls in RENDER_ERRORS:
        return "render"
    return "error"  # any other Java class: any TemplateError


def differs(java: list[Any], mine: tuple[str, str, Any]) -> str | None:
    jkind, jtext, jov = java
    okind, otext, oov = mine
    jk = java_kind(jkind, jtext)
    if jk in ("timeout",):
        return None
    if jk == "throwable":
        if okind == "event":
            return None
        if jtext.startswith("java.lang.StackOverflowError") and (
            "RecursionError" in otext or "StackOverflowError" in otext
        ):
            return None  # a self-containing map printed (or set as an override): both sides overflow
        if jtext.startswith("java.lang.NumberFormatException") and "responseOverride.status" in otext:
            return None  # the recorder's overrides() rejects the status as render() does
        return f"jar-throwable-vs-{okind}"
    if jk == "ok" and okind == "ok":
        # Java writes a lone surrogate (half of an astral char) as '?' in UTF-8
        otext = otext.encode("utf-8", "replace").decode("utf-8")
        # the recorder's own map classes stand for HashMaps (AWS's class names are unknown)
        jtext = RECORDER_CLASSES.sub("java.util.HashMap", jtext)
        if jtext != otext:
            return "output"
        if (json.loads(jov) if jov else None) != oov:
            return "overrides"
        return None
    if jk == "ok":
        return f"ours-{okind}"
    if okind == "ok":
        return f"jar-{jk}"
    if jk != "error" and jk != okind:
        return f"kind-{jk}-vs-{okind}"
    if jk == "error" and okind not in ("syntax", "render", "error"):
        return f"kind-{jk}-vs-{okind}"
    jmessage = jsonpath_message(jtext)
    if jmessage is not None and jmessage != jsonpath_message(otext):
        return "message"
    jp = POSITION.search(jtext)
    if jp:
        op = POSITION.search(otext)
        if not op or op.groups() != jp.groups():
            return f"position-{jk}"
    return None


# A library exception a method call threw: the jar's and ours, as API Gateway shows it.
_JAVA_THREW = re.compile(r"threw exception (.*) at template\[line \d+, column \d+\]$", re.DOTALL)
_OURS_THREW = re.compile(r" threw (.*) \[line \d+, column \d+\]$", re.DOTALL)


def jsonpath_message(text: str) -> str | None:
    """The JsonPath / json-smart exception (class and message) in an error's text, if any."""
    m = _JAVA_THREW.search(text) or _OURS_THREW.search(text)
    if m and m[1].startswith(("com.jayway.", "net.minidev.", "java.lang.")):
        return m[1]
    return None


def _compare_job(args: tuple[int, str, dict[str, Any], list[Any]]) -> tuple[int, dict[str, Any] | None]:
    index, template, event, java = args
    mine = ours(template, event)
    d = differs(java, mine)
    if not d:
        return index, None
    return index, {"kind": d, "template": template, "event": event, "java": java, "ours": list(mine)}


# --------------------------------------------------------------------------- minimising


def minimise(template: str, event: dict[str, Any], kind: str, java: JavaStream) -> tuple[str, dict[str, Any]]:
    def still(t: str, e: dict[str, Any]) -> bool:
        return bool(t) and differs(java(t, e), ours(t, e)) == kind

    # the event: drop top-level fields, then keys of nested maps
    changed = True
    while changed:
        changed = False
        for key in list(event):
            cand = {k: v for k, v in event.items() if k != key}
            if still(template, cand):
                event, changed = cand, True
                break
            if isinstance(event[key], dict):
                for sub in list(event[key]):
                    inner = {k: v for k, v in event[key].items() if k != sub}
                    cand = dict(event, **{key: inner})
                    if still(template, cand):
                        event, changed = cand, True
                        break
            if changed:
                break
    return shrink(template, lambda t: still(t, event)), event


# --------------------------------------------------------------------------- main


def run(seed: int, count: int, out: Path, start: int = 0, batch: int = 1000, jsonpath: bool = False) -> None:
    build_java()
    out.mkdir(parents=True, exist_ok=True)
    diffs_file = out / f"diffs-{'jp-' if jsonpath else ''}{seed}.jsonl"
    total = ndiff = 0
    kinds: dict[str, int] = {}
    with diffs_file.open("w", encoding="utf-8") as fh, multiprocessing.Pool() as pool:
        for lo in range(start, start + count, batch):
            idx = list(range(lo, min(lo + batch, start + count)))
            pairs = [generate(seed, i, jsonpath) for i in idx]
            java = java_batch(pairs)
            jobs = [(i, t, e, j) for i, (t, e), j in zip(idx, pairs, java)]
            for i, found in pool.imap_unordered(_compare_job, jobs, chunksize=20):
                if found:
                    found["seed"], found["index"] = seed, i
                    fh.write(json.dumps(found) + "\n")
                    ndiff += 1
                    kinds[found["kind"]] = kinds.get(found["kind"], 0) + 1
            fh.flush()
            total += len(idx)
            print(f"seed {seed}: {total} pairs, {ndiff} differing {kinds}", flush=True)


def write_case(slug: str, template: str, event: dict[str, Any], note: str) -> Path:
    d = CASES / slug
    d.mkdir(parents=True, exist_ok=True)
    (d / "template.vm").write_bytes(template.encode("utf-8"))
    (d / "event.json").write_text(json.dumps(event, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    meta = {"provenance": "velocity-1.7 recorder", "behaviours": ["apigateway §2"], "note": note}
    (d / "case.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return d


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("--seed", type=int, default=1)
    r.add_argument("--count", type=int, default=1000)
    r.add_argument("--start", type=int, default=0)
    r.add_argument("--out", type=Path, default=Path("/tmp/vtl-fuzz-apigw"))
    r.add_argument("--jsonpath", action="store_true", help="JsonPath-heavy pairs (JsonPathGen)")
    for name in ("show", "min"):
        s = sub.add_parser(name)
        s.add_argument("--seed", type=int, default=1)
        s.add_argument("--index", type=int, required=True)
        s.add_argument("--jsonpath", action="store_true")
    c = sub.add_parser("case")
    c.add_argument("slug")
    c.add_argument("--seed", type=int, default=1)
    c.add_argument("--index", type=int, required=True)
    c.add_argument("--min", action="store_true")
    c.add_argument("--jsonpath", action="store_true")
    c.add_argument("--note", default="found by conformance/tools/fuzz_apigw.py")
    a = ap.parse_args(argv)
    sys.setrecursionlimit(10000)
    if a.cmd == "run":
        run(a.seed, a.count, a.out, a.start, jsonpath=a.jsonpath)
        return 0
    template, event = generate(a.seed, a.index, a.jsonpath)
    if a.cmd == "show":
        print(json.dumps({"template": template, "event": event}, indent=2, ensure_ascii=False))
        return 0
    build_java()
    js = JavaStream()
    j = js(template, event)
    mine = ours(template, event)
    kind = differs(j, mine)
    if a.cmd == "min" or a.min:
        if kind:
            template, event = minimise(template, event, kind, js)
        j, mine = js(template, event), ours(template, event)
    print(json.dumps({"kind": kind, "template": template, "event": event, "jar": j, "ours": list(mine)},
                     indent=2, ensure_ascii=False))
    if a.cmd == "case":
        print(write_case(a.slug, template, event, a.note))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())

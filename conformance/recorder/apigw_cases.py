#!/usr/bin/env python3
"""Write the API Gateway conformance cases (conformance/cases/apigateway).

    conformance/recorder/apigw_cases.py            write template.vm, event.json, case.json
    conformance/recorder/record_apigw.sh           then record the expected outputs

This script writes each case's inputs and metadata. Expected outputs come from the
recorder (``record_apigw.sh``), except for ``aws-recording`` / ``aws-docs`` cases, whose
expected text is transcribed here from ../shared/spec/apigateway.md (the recorder only
compares those). It never writes anything from our engine's output.

The passthrough cases run the API Gateway console's "Method Request passthrough" template
(conformance/templates/passthrough.vm) over many requests.
"""

from __future__ import annotations

import base64
import json
import shutil
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "cases" / "apigateway"
PASSTHROUGH = (ROOT / "templates" / "passthrough.vm").read_bytes().decode("utf-8")
RECORDER = "velocity-1.7 recorder"
AWS_REC = "aws-recording"
AWS_DOCS = "aws-docs"

_written: list[Path] = []


def case(
    topic: str,
    name: str,
    template: str,
    event: dict[str, Any] | None = None,
    *,
    behaviours: list[str],
    note: str,
    provenance: str = RECORDER,
    expected: str | None = None,
    error: str | None = None,
    recorder: str | None = None,
) -> None:
    """One case directory. ``expected``/``error`` only for AWS-sourced cases."""
    directory = CASES / topic / name
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "template.vm").write_bytes(template.encode("utf-8"))
    (directory / "event.json").write_text(
        json.dumps(event or {}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    meta: dict[str, Any] = {"provenance": provenance, "behaviours": behaviours, "note": note}
    if recorder is not None:
        meta["recorder"] = recorder
    (directory / "case.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n",
                                         encoding="utf-8")
    if provenance != RECORDER:
        assert (expected is None) != (error is None), f"{topic}/{name}: give expected or error"
        for kind, text in (("expected", expected), ("error", error)):
            target = directory / f"{kind}.apigateway.txt"
            if text is None:
                target.unlink(missing_ok=True)
            else:
                target.write_bytes(text.encode("utf-8"))
    _written.append(directory)


def passthrough(name: str, event: dict[str, Any], note: str, *extra: str) -> None:
    case("passthrough", name, PASSTHROUGH, event,
         behaviours=["apigateway §2", "apigateway §3", "apigateway §4", *extra],
         note="AWS console 'Method Request passthrough' template: " + note)


def b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


# --------------------------------------------------------------------------- passthrough

CLOUDFRONT_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Encoding": "gzip, deflate, br",
    "Accept-Language": "en-US,en;q=0.8",
    "CloudFront-Forwarded-Proto": "https",
    "CloudFront-Is-Desktop-Viewer": "true",
    "CloudFront-Is-Mobile-Viewer": "false",
    "CloudFront-Viewer-Country": "US",
    "Host": "abcd1234.execute-api.us-east-1.amazonaws.com",
    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64)",
    "Via": "1.1 08f323deadbeefa7af34d5feb414ce27.cloudfront.net (CloudFront)",
    "X-Amz-Cf-Id": "cDehVQoZnx43VYQb9j2-nvCh-9z396Uhbp027Y2JvkCPNLmGJHqlaA==",
    "X-Amzn-Trace-Id": "Root=1-5e66d96f-7491f09xmpl79d18acf3d050",
    "X-Forwarded-For": "198.51.100.1, 130.176.1.75",
    "X-Forwarded-Port": "443",
    "X-Forwarded-Proto": "https",
}


def passthrough_cases() -> None:
    passthrough("empty-event", {}, "an empty event: every default (GET /, no body, no parameters)")
    passthrough("get-no-body", {"httpMethod": "GET", "path": "/pets", "resource": "/pets",
                                "headers": {"Accept": "*/*"}}, "a GET without a body reads as {}")
    passthrough("body-null", {"httpMethod": "POST", "body": None}, "body null: empty")
    passthrough("body-empty-string", {"httpMethod": "POST", "body": ""}, "body \"\": empty")
    passthrough("json-object", {"httpMethod": "POST", "body": '{"name": "Rex", "age": 3}'},
                "a JSON object body is re-serialised compactly")
    passthrough("json-array", {"httpMethod": "POST", "body": '[1, 2, {"a": "b"}, [3]]'},
                "a JSON array body")
    passthrough("json-string-scalar", {"httpMethod": "POST", "body": '"just a string"'},
                "a JSON string body keeps its quotes")
    passthrough("json-number-scalar", {"httpMethod": "POST", "body": "42"}, "a number body")
    passthrough("json-true-scalar", {"httpMethod": "POST", "body": "true"}, "a boolean body")
    passthrough("json-null-body", {"httpMethod": "POST", "body": "null"},
                "the body `null`: Jayway refuses a null document")
    passthrough("json-numbers", {"httpMethod": "POST", "body":
                '{"a": 1.0, "b": 10.00, "c": 1e5, "d": 12345678901, "e": 123456789012345678901234, '
                '"f": 3.14159265358979323846, "g": -0, "h": 1E400, "i": 0.1, "j": -2.5e-7}'},
                "numbers as json-smart re-serialises them (open question §7)", "apigateway §7")
    passthrough("unicode-body", {"httpMethod": "POST", "body":
                '{"fr": "déjà vu", "zh": "中文", "emoji": "😀", "esc": "\\u00e9\\u2028"}'},
                "non-ASCII text: json-smart writes it raw, U+2028 as \\u2028")
    passthrough("special-chars-body", {"httpMethod": "POST", "body":
                '{"q": "say \\"hi\\"", "s": "it\'s", "b": "back\\\\slash", "u": "http://x/y", '
                '"c": "tab\\tnl\\ncr\\rbs\\bff\\fnul\\u0000us\\u001f"}'},
                "quotes, apostrophe, backslash, slash and control characters inside JSON strings")
    passthrough("raw-control-chars-body", {"httpMethod": "POST", "body":
                '{"raw": "a\tb\nc", "mixed": "x\ty\\n"}'},
                "raw control characters in strings: kept without an escape, dropped with one")
    passthrough("del-char-body", {"httpMethod": "POST", "body": '{"d": "a\x7fb", "e": "\x7f\\n"}'},
                "DEL (U+007F) in strings: json-smart escapes it as \\u007F")
    passthrough("non-json-body", {"httpMethod": "POST", "body": "a=b&c=d",
                                  "headers": {"Content-Type": "application/x-www-form-urlencoded"}},
                "a form body is not JSON: json-smart reads it as a string")
    passthrough("raw-text-body", {"httpMethod": "POST", "body": "some raw data"},
                "plain text body")
    passthrough("broken-json-body", {"httpMethod": "POST", "body": '{"name": "Rex", '},
                "a body that starts like JSON but breaks off: the render fails")
    passthrough("permissive-json-body", {"httpMethod": "POST", "body": "{a: 1, 'b': 'c', d: x y,}"},
                "json-smart's permissive mode: unquoted keys and values, single quotes")
    passthrough("trailing-garbage-body", {"httpMethod": "POST", "body": '{"a": 1} and more'},
                "text after a complete JSON value is ignored")
    passthrough("whitespace-body", {"httpMethod": "POST", "body": "   "},
                "a whitespace-only body reads as an empty string")
    passthrough("base64-json-body", {"httpMethod": "POST", "isBase64Encoded": True,
                                     "body": b64('{"encoded": true}')},
                "a base64 body is decoded before the template sees it")
    passthrough("base64-text-body", {"httpMethod": "POST", "isBase64Encoded": True,
                                     "body": b64("héllo wörld")}, "a base64 text body")
    passthrough("deep-nesting", {"httpMethod": "POST", "body":
                '{"a": {"b": {"c": {"d": [{"e": [1, {"f": null}]}]}}}}'}, "nested objects and arrays")
    passthrough("headers-special-chars", {"headers": {
                "X-Quote": 'say "hi"', "X-Apostrophe": "it's", "X-Backslash": "a\\b",
                "X-Slash": "a/b", "X-Tab": "a\tb", "X-Unicode": "déjà 中 😀", "X-Sep": "a\u2028b"}},
                "header values through escapeJavaScript: \\\" \\' \\\\ \\/ \\t \\uXXXX")
    passthrough("query-special-chars", {"queryStringParameters": {
                "q": 'say "hi"', "s": "it's", "b": "back\\slash", "u": "http://x/y?z=1&w=2",
                "plus": "a+b c", "ctl": "a\nb\u0001"}}, "query values through escapeJavaScript")
    passthrough("empty-header-value", {"headers": {"X-Empty": "", "Accept": "*/*"}},
                "an empty header value")
    passthrough("headers-null", {"headers": None, "multiValueHeaders": None},
                "headers null: an empty header map")
    passthrough("headers-empty", {"headers": {}, "multiValueHeaders": {}}, "headers {}")
    passthrough("query-null", {"queryStringParameters": None,
                               "multiValueQueryStringParameters": None}, "no query string")
    passthrough("query-empty-value", {"queryStringParameters": {"flag": "", "q": "x"}},
                "`?flag&q=x`: an empty query value")
    passthrough("path-parameters", {"resource": "/users/{userId}/orders/{orderId}",
                                    "path": "/users/u-1/orders/42",
                                    "pathParameters": {"userId": "u-1", "orderId": "42"}},
                "path parameters and the resource template")
    passthrough("path-parameters-null", {"resource": "/items", "path": "/items",
                                         "pathParameters": None}, "no path parameters")
    passthrough("proxy-path-parameter", {"resource": "/{proxy+}", "path": "/a/b/c",
                                         "pathParameters": {"proxy": "a/b/c"}},
                "a greedy {proxy+} parameter holding slashes")
    passthrough("stage-variables", {"stageVariables": {"table": "orders", "url": "https://x/y",
                                                      "quote": 'a"b', "empty": ""}},
                "stage variables through escapeJavaScript")
    passthrough("stage-variables-null", {"stageVariables": None}, "no stage variables: an empty map")
    passthrough("multi-value-headers", {"headers": {"Accept": "text/html", "X-Multi": "second"},
                                        "multiValueHeaders": {"Accept": ["text/html"],
                                                              "X-Multi": ["first", "second"]}},
                "a repeated header: the last value (open question §7)", "apigateway §7")
    passthrough("multi-value-only", {"multiValueHeaders": {"X-Only-Multi": ["one", "two"]},
                                     "multiValueQueryStringParameters": {"tag": ["a", "b", "c"]}},
                "values given only as multi-value maps: the last one", "apigateway §7")
    passthrough("multi-value-query", {"queryStringParameters": {"tag": "b", "page": "2"},
                                      "multiValueQueryStringParameters": {"tag": ["a", "b"],
                                                                          "page": ["2"]}},
                "a repeated query parameter: the last value (open question §7)", "apigateway §7")
    passthrough("header-case-variants", {"headers": {"accept": "a", "Accept": "b", "ACCEPT": "c"}},
                "header names are case-sensitive keys")
    passthrough("removed-headers", {"headers": {
                "Accept": "*/*", "Connection": "keep-alive", "Content-Length": "12",
                "Content-MD5": "Q2hlY2s=", "Expect": "100-continue", "Max-Forwards": "10",
                "Proxy-Authenticate": "Basic", "Server": "x", "TE": "trailers", "Trailer": "X",
                "Transfer-Encoding": "chunked", "Upgrade": "h2c", "WWW-Authenticate": "Basic",
                "X-Kept": "yes"}}, "the headers API Gateway removes never reach the template")
    passthrough("cloudfront-headers", {"httpMethod": "GET", "resource": "/", "path": "/",
                                       "headers": CLOUDFRONT_HEADERS},
                "a browser request through CloudFront")
    passthrough("cognito-user-pool", {
        "headers": {"Authorization": "eyJraWQiOiJrMSJ9.eyJzdWIiOiJ1MSJ9.sig"},
        "requestContext": {"authorizer": {"claims": {
            "sub": "7d8ca528-4931-4254-9273-ea5ee853f271", "cognito:username": "alice",
            "email": "alice@example.com", "email_verified": "true"}}}},
        "a Cognito user pool authorizer: claims are not in this template's output")
    passthrough("cognito-identity-pool", {"requestContext": {"identity": {
        "cognitoIdentityPoolId": "us-east-1:11111111-2222-3333-4444-555555555555",
        "cognitoIdentityId": "us-east-1:66666666-7777-8888-9999-000000000000",
        "cognitoAuthenticationType": "authenticated",
        "cognitoAuthenticationProvider": "cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab,"
                                         "cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab:CognitoSignIn:u1",
        "accountId": "123456789012", "caller": "AROAEXAMPLE:CognitoIdentityCredentials",
        "userArn": "arn:aws:sts::123456789012:assumed-role/Cognito_Auth_Role/CognitoIdentityCredentials",
        "user": "AROAEXAMPLE:CognitoIdentityCredentials", "sourceIp": "198.51.100.7",
        "userAgent": "aws-sdk-js/2.0"}}}, "Cognito identity pool (IAM) credentials")
    passthrough("lambda-authorizer", {"requestContext": {"authorizer": {
        "principalId": "user|a1b2c3", "integrationLatency": 120, "tenant": "acme",
        "admin": True, "quota": 2.5}}}, "a Lambda authorizer: principalId and context")
    passthrough("api-key", {"headers": {"x-api-key": "d41d8cd98f00b204e9800998ecf8427e"},
                            "requestContext": {"identity": {"apiKey": "d41d8cd98f00b204e9800998ecf8427e",
                                                            "apiKeyId": "abcd1234ef"}}},
                "a request with an API key")
    passthrough("iam-caller", {"requestContext": {"identity": {
        "accountId": "111122223333", "caller": "AIDAEXAMPLE", "user": "AIDAEXAMPLE",
        "userArn": "arn:aws:iam::111122223333:user/carlos", "accessKey": "AKIAIOSFODNN7EXAMPLE",
        "principalOrgId": "o-abc123"}}}, "an IAM-signed request")
    passthrough("custom-context", {"httpMethod": "DELETE", "resource": "/things/{id}",
                                   "path": "/things/9", "pathParameters": {"id": "9"},
                                   "requestContext": {"stage": "dev", "requestId": "req-123",
                                                      "resourceId": "r3s0rc", "apiId": "api999"}},
                "requestContext values given by the event")
    passthrough("sam-aws-proxy-event", {
        "body": "eyJ0ZXN0IjoiYm9keSJ9", "resource": "/{proxy+}", "path": "/path/to/resource",
        "httpMethod": "POST", "isBase64Encoded": True,
        "queryStringParameters": {"foo": "bar"},
        "multiValueQueryStringParameters": {"foo": ["bar"]},
        "pathParameters": {"proxy": "/path/to/resource"}, "stageVariables": {"baz": "qux"},
        "headers": {"Accept": "text/html", "Accept-Encoding": "gzip, deflate, sdch",
                    "Host": "1234567890.execute-api.us-east-1.amazonaws.com",
                    "User-Agent": "Custom User Agent String", "X-Forwarded-Port": "443"},
        "multiValueHeaders": {"Accept": ["text/html"], "Accept-Encoding": ["gzip, deflate, sdch"],
                              "Host": ["1234567890.execute-api.us-east-1.amazonaws.com"],
                              "User-Agent": ["Custom User Agent String"],
                              "X-Forwarded-Port": ["443"]},
        "requestContext": {"accountId": "123456789012", "resourceId": "123456", "stage": "prod",
                           "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
                           "requestTime": "09/Apr/2015:12:34:56 +0000",
                           "requestTimeEpoch": 1428582896000,
                           "identity": {"cognitoIdentityPoolId": None, "accountId": None,
                                        "cognitoIdentityId": None, "caller": None,
                                        "accessKey": None, "sourceIp": "127.0.0.1",
                                        "cognitoAuthenticationType": None,
                                        "cognitoAuthenticationProvider": None, "userArn": None,
                                        "userAgent": "Custom User Agent String", "user": None},
                           "path": "/prod/path/to/resource", "resourcePath": "/{proxy+}",
                           "httpMethod": "POST", "apiId": "1234567890", "protocol": "HTTP/1.1"}},
                "the event `sam local generate-event apigateway aws-proxy` writes")
    passthrough("json-with-urls", {"httpMethod": "POST", "body":
                '{"url": "https://example.com/a/b?c=d", "path": "/var/log"}'},
                "slashes in JSON strings come out as \\/ (json-smart)")
    passthrough("json-null-values", {"httpMethod": "POST", "body": '{"a": null, "b": [null], "c": {}}'},
                "null values and empty containers")
    passthrough("array-of-objects", {"httpMethod": "PUT", "body":
                '[{"id": 1, "tags": ["x", "y"]}, {"id": 2, "tags": []}]'}, "an array of objects")
    passthrough("duplicate-keys-body", {"httpMethod": "POST", "body": '{"a": 1, "b": 2, "a": 3}'},
                "a repeated key keeps its first position and last value")
    passthrough("unicode-header-names", {"headers": {"X-Ünïcode": "v", "x-lower": "w"},
                                         "queryStringParameters": {"ключ": "значение"}},
                "non-ASCII parameter names (printed as written)")
    passthrough("everything", {
        "resource": "/pets/{petId}", "path": "/pets/42", "httpMethod": "POST",
        "headers": {"Content-Type": "application/json", "X-Trace": "t/1"},
        "queryStringParameters": {"notify": "true"}, "pathParameters": {"petId": "42"},
        "stageVariables": {"table": "pets"},
        "requestContext": {"authorizer": {"principalId": "alice"},
                           "identity": {"apiKey": "key-1", "sourceIp": "203.0.113.9"}},
        "body": '{"name": "Rex"}'}, "every part at once")


# ------------------------------------------------------------------------------- $input

JSON_DOC = ('{"store": {"book": [{"category": "reference", "author": "Nigel Rees", "price": 8.95}, '
            '{"category": "fiction", "author": "Evelyn Waugh", "price": 12.99, "isbn": "0-553"}], '
            '"bicycle": {"color": "red", "price": 19.95}}, "expensive": 10}')


def input_cases() -> None:
    b2 = ["apigateway §2"]
    # AWS recordings and docs (spec §2)
    case("input-body", "aws-empty-body", "$input.body", {"httpMethod": "POST", "body": ""},
         behaviours=b2, provenance=AWS_REC, expected="{}",
         note="AWS-REC 2025-03: an empty body gives {}")
    case("input-body", "aws-json-byte-for-byte", "$input.body",
         {"httpMethod": "POST", "body": '{"some": "value"}'}, behaviours=b2, provenance=AWS_REC,
         expected='{"some": "value"}', note="AWS-REC 2025-03: the body comes back byte for byte")
    case("input-body", "aws-raw-data", "$input.body", {"httpMethod": "POST", "body": "some raw data"},
         behaviours=b2, provenance=AWS_REC, expected="some raw data",
         note="AWS-REC 2025-03: a non-JSON body comes back unchanged, no error")
    case("input-json", "aws-docs-compact", "$input.json('$')",
         {"httpMethod": "POST", "body": '{ "Price" : "249.99", "Age": "6" }'}, behaviours=b2,
         provenance=AWS_DOCS, expected='{"Price":"249.99","Age":"6"}',
         note="AWS docs: $input.json output is compact")
    case("input-json", "aws-docs-string-keeps-quotes", "$input.json('$.Age')",
         {"httpMethod": "POST", "body": '{ "Price" : "249.99", "Age": "6" }'}, behaviours=b2,
         provenance=AWS_DOCS, expected='"6"', note="AWS docs: a string result keeps its quotes")
    case("input-json", "aws-empty-body", "$input.json('$')", {"httpMethod": "POST"},
         behaviours=b2, provenance=AWS_REC, expected="{}", note="AWS-REC ~2016: empty body → {}")
    case("input-json", "aws-non-json-body", "$input.json('$')", {"httpMethod": "POST", "body": "a=b"},
         behaviours=b2, provenance=AWS_REC, expected='"a=b"',
         note='AWS-REC ~2016: non-JSON body a=b → "a=b"')
    case("input-path", "aws-non-json-body", "$input.path('$')", {"httpMethod": "POST", "body": "a=b"},
         behaviours=b2, provenance=AWS_REC, expected="a=b",
         note="AWS-REC ~2016: non-JSON body a=b → the String a=b")
    case("input-path", "aws-docs-map-size", "$input.path('$.things').size()",
         {"httpMethod": "POST", "body": '{"things":{"1":{},"2":{},"3":{}}}'}, behaviours=b2,
         provenance=AWS_DOCS, expected="3", note="AWS docs: a JSON object is a Map (Map.size)")
    table = [
        ("object", '{"foo":"bar"}', "$r", "{foo=bar}"),
        ("array-of-object", '[{"foo":"bar"}]', "$r", '[{"foo":"bar"}]'),
        ("array-index", '[{"foo":"bar"}]', "$r[0]", "{foo=bar}"),
        ("nested-array-index", '[[{"foo":"bar"}]]', "$r[0]", '[{"foo":"bar"}]'),
        ("map-holding-array", '{"foo":[{"nested":"bar"}]}', "$r", '{foo=[{"nested":"bar"}]}'),
        ("map-separators", '{"bigger":"dict","to":"test","with":"separators"}', "$r",
         "{bigger=dict, to=test, with=separators}"),
        ("map-tostring", '{"list":[{"foo":"bar"}]}', "$r.toString()", '{list=[{"foo":"bar"}]}'),
    ]
    for name, body, expr, out in table:
        case("input-path", f"aws-prints-{name}", f"#set($r = $input.path('$'))\n{expr}",
             {"httpMethod": "POST", "body": body}, behaviours=b2, provenance=AWS_REC, expected=out,
             note="AWS-REC 2025-06: how $input.path values print")
    nulls = "#set($r = $input.path('$.x'))[$r][$r.nested][#if($r == $null)eq-null#end][#if($r == \"\")eq-empty#end]"
    case("input-path", "aws-missing-path", nulls, {"httpMethod": "POST", "body": '{"a":1}'},
         behaviours=b2, provenance=AWS_REC, expected="[][][eq-null][eq-empty]",
         note="AWS-REC 2025-06: a missing path prints empty and equals both $null and \"\"")
    case("input-path", "aws-json-null", nulls, {"httpMethod": "POST", "body": '{"x":null}'},
         behaviours=b2, provenance=AWS_REC, expected="[][][eq-null][eq-empty]",
         note="AWS-REC 2025-06: a JSON null prints empty and equals both $null and \"\"")
    case("input-path", "aws-empty-array",
         "#set($r = $input.path('$'))[$r][#if($r == $null)eq-null#end][#if($r == \"\")eq-empty#end]",
         {"httpMethod": "POST", "body": "[]"}, behaviours=b2, provenance=AWS_REC, expected="[[]][][]",
         note="AWS-REC 2025-06: [] prints [] and equals neither $null nor \"\"")
    case("input-params", "aws-params-path-map", "$input.params().path",
         {"pathParameters": {"arg": "value"}}, behaviours=b2, provenance=AWS_REC,
         expected="{arg=value}", note="AWS-REC 2016 (user report): a Java Map toString")
    case("input-params", "aws-params-path-dot", "$input.params().path.id",
         {"pathParameters": {"id": "42"}}, behaviours=b2, provenance=AWS_REC, expected="42",
         note="AWS-REC: dot access on the params map")
    case("input-params", "aws-removed-headers",
         "#foreach($h in $input.params().header.keySet())$h;#end",
         {"headers": {"Connection": "close", "Content-Length": "3", "Expect": "100-continue",
                      "Upgrade": "h2c", "X-Kept": "1", "TE": "trailers"}},
         behaviours=b2, provenance=AWS_REC, expected="X-Kept;",
         note="AWS-REC 2024-12: removed headers never reach $input.params()")

    # recorded with the jar
    def rec(topic: str, name: str, template: str, event: dict[str, Any], note: str, *extra: str) -> None:
        case(topic, name, template, event, behaviours=b2 + list(extra), note=note)

    post = {"httpMethod": "POST", "body": JSON_DOC}
    rec("input-json", "paths", "\n".join([
        "$input.json('$.store.book[0]')", "$input.json('$.store.book[0].author')",
        "$input.json('$.store.book[*].author')", "$input.json('$..price')",
        "$input.json('$.store.book[-1].price')", "$input.json('$.store.book[0:1]')",
        "$input.json(\"$['store']['bicycle']\")", "$input.json('$.store.bicycle.*')",
        "$input.json('$.store.book[?(@.price > 10)].author')",
        "$input.json('$.store.book[?(@.isbn)].category')", "$input.json('$.store.book.length()')",
        "$input.json('expensive')", "$input.json('$.store.*')"]), post,
        "Jayway JSONPath forms: properties, brackets, wildcards, deep scan, slices, filters, length()")
    rec("input-json", "missing", "[$input.json('$.nope')][$input.json('$.nope.deeper')]"
        "[$input.json('$.store.nope[*]')][$input.json('$..nope')][$input.json('$.store.book[9]')]",
        post, "a path that matches nothing gives \"\" (two quote characters; apigateway §2, "
        "2026-12-03: localstack PR 12774, maintainers' AWS console check; re-recorded, was null); "
        "a deep scan that finds nothing gives []")
    rec("input-json", "numbers", "$input.json('$')", {"httpMethod": "POST", "body":
        '{"a": 1.0, "b": 10.00, "c": 1e5, "d": 1E-7, "e": 99999999999999999999, '
        '"f": 0.1234567890123456789, "g": 1e400, "h": -0.0, "i": 1.5e300}'},
        "numbers re-serialised by $input.json (open question §7)", "apigateway §7")
    rec("input-json", "escaping", "$input.json('$')", {"httpMethod": "POST", "body":
        '{"s": "a/b \\"q\\" \\\\ \\u00e9 \\u2028 \\u0007 \\u007f \\u0080 \\u20ac \\ud83d\\ude00"}'},
        "json-smart's string escaping: \\/, control and U+2000..U+20FF as \\uXXXX")
    rec("input-json", "permissive-body", "$input.json('$')|$input.json('$.a')",
        {"httpMethod": "POST", "body": "{a: hello world, 'b': [1,,2,], c: 007}"},
        "json-smart permissive parsing of a non-strict body")
    rec("input-json", "invalid-path", "$input.json('$.a.')", post,
        "an invalid JSONPath is a render error at the template location")
    rec("input-json", "broken-body", "before $input.json('$.a') after",
        {"httpMethod": "POST", "body": '{"a": [1, 2'},
        "a broken JSON body fails when a path is asked for")
    rec("input-json", "body-null-literal", "$input.json('$')", {"httpMethod": "POST", "body": "null"},
        "the body `null`: Jayway refuses a null document")
    rec("input-json", "non-json-path", "[$input.json('$.a')]", {"httpMethod": "POST", "body": "a=b"},
        "a property of a non-JSON (string) body matches nothing: \"\" (apigateway §2, 2026-12-03: "
        "localstack PR 12774; re-recorded, was null)")
    rec("input-path", "nested-maps-print", "#set($r = $input.path('$'))$r|$r.a|$r.a.b|$r.l|$r.l[1]",
        {"httpMethod": "POST", "body": '{"a": {"b": {"c": "d"}}, "l": [1, {"m": {"n": 2}}]}'},
        "a map inside a map prints {a={b=c}}; maps inside arrays print as JSON")
    rec("input-path", "types", "#set($r = $input.path('$'))\n"
        "#foreach($k in $r.keySet())$k=$r.get($k) #end\n$r.i.getClass().getName() "
        "$r.l.getClass().getName() $r.b.getClass().getName() $r.d.getClass().getName() "
        "$r.x.getClass().getName() $r.t.getClass().getName() $r.s.getClass().getName()",
        {"httpMethod": "POST", "body": '{"i": 7, "l": 12345678901, "b": 123456789012345678901, '
                                       '"d": 1.5, "x": 1.2345678901234567890, "t": true, "s": "x"}'},
        "json-smart number types: Integer, Long, BigInteger, Double, BigDecimal", "apigateway §7")
    rec("input-path", "navigate", "#set($r = $input.path('$.store'))$r.book.size() "
        "$r.book[1].author $r.bicycle.color #foreach($b in $r.book)$b.price;#end "
        "$input.path('$.store.book[*].price') $input.path('$.expensive')", post,
        "navigating $input.path results as Java maps and lists")
    rec("input-path", "fresh-copies", "#set($a = $input.path('$'))#set($x = $a.put('added', 1))"
        "$a|$input.path('$')|$input.json('$')", {"httpMethod": "POST", "body": '{"k": "v"}'},
        "one parsed body per request: $input.path('$') is the document itself, so a put on it "
        "shows in a later $input.path and $input.json (apigateway §2, 2026-12-03, INFERRED from "
        "aws-samples/serverless-patterns apigw-mappingtemplate-lambda, whose README reports the "
        "changed values; re-recorded: each call used to return a fresh copy)")
    rec("input-path", "string-result", "[$input.path('$.s')][$input.path('$.s').length()]",
        {"httpMethod": "POST", "body": '{"s": "a/b \\"q\\""}'}, "a String result prints raw")
    one_document_cases(rec)
    json_of_nothing_cases(rec)
    null_model_cases(rec)
    rec("input-params", "precedence", "$input.params('id')|$input.params('q')|$input.params('h')|"
        "[$input.params('missing')]|$input.params('Accept')|[$input.params('accept')]",
        {"pathParameters": {"id": "from-path"},
         "queryStringParameters": {"id": "from-query", "q": "from-query", "h": "from-query"},
         "headers": {"id": "from-header", "q": "from-header", "h": "from-header", "Accept": "*/*"}},
        "path, then query string, then headers; a missing parameter is empty; names are case-sensitive",
        "apigateway §7")
    rec("input-params", "all", "$input.params()\n$input.params().keySet()\n"
        "#foreach($t in $input.params().keySet())$t:#foreach($n in $input.params().get($t).keySet())"
        "$n=$input.params().get($t).get($n),#end;#end",
        {"pathParameters": {"p": "1"}, "queryStringParameters": {"a": "x", "b": "y"},
         "headers": {"H1": "v1", "H2": "v2"}}, "the params map: path, querystring, header")
    rec("input-params", "empty", "$input.params()|$input.params().header.size()|[$input.params('x')]",
        {}, "no parameters at all")
    clone_cases(rec)


def clone_cases(rec: Any) -> None:
    """clone() keeps the runtime class (Object.clone), so a clone prints as the original."""
    rec("input-path", "clone-keeps-class",
        "#set($c = $input.path('$.a').clone())$c|$c.getClass().getName()|#set($x = $c.add(9))"
        "$c|$input.json('$.a')\n#set($p = $util.parseJson('{\"l\": [1, \"x\"]}').l.clone())"
        "$p|$p.getClass().getName()\n[$context.identity.clone()]|$context.identity.clone().sourceIp",
        {"httpMethod": "POST", "body": '{"a": [3, 1, 2]}',
         "requestContext": {"identity": {"sourceIp": "1.2.3.4"}}},
        "a JSONArray's clone is a JSONArray (prints as JSON), $context.identity's clone prints "
        "empty like $context.identity; the clone is a copy (round-3 real-world probes)")
    rec("input-params", "clone-then-put",
        "#set($c = $input.params().clone())$c.getClass().getName()|$c\n"
        "#set($x = $c.put('extra', 1))$c\n$input.params()",
        {"httpMethod": "POST", "queryStringParameters": {"q": "1"},
         "headers": {"Content-Type": "application/json", "X-B": "2"}},
        "HashMap.clone() is a HashMap whose table is sized for its entries (putMapEntries), "
        "not the original's: a later put lands where that smaller table puts it "
        "(round-3 real-world probes)")


ONE_DOCUMENT = "one parsed body per request (apigateway §2, 2026-12-03)"


def one_document_cases(rec: Any) -> None:
    """$input.path returns the document itself; $input.json writes it, changes included."""
    rec("input-path", "one-document-status-rewrite",
        "#set($root = $input.path('$'))\n"
        "#if($root.toString().contains(\"error\"))\n"
        "#set($context.responseOverride.status = 400)\n"
        "#set($root.statuscode = 650)\n"
        "#set($root.body = \"changed\")\n"
        "#end\n"
        "$input.json(\"$\")",
        {"httpMethod": "POST", "body": '{"statuscode": 200, "body": "error1"}'},
        ONE_DOCUMENT + ": the idiom of aws-samples/serverless-patterns apigw-mappingtemplate-lambda "
        "(a response template setting fields on $input.path('$') and writing $input.json('$')); its "
        "README reports status 400, statuscode 650 and body 'changed' (INFERRED: a README, not a "
        "recording)", "apigateway §4")
    rec("input-path", "one-document-put",
        "#set($r = $input.path('$'))#set($x = $r.put('added', [1, 'a/b']))"
        "#set($y = $input.path('$.inner').put('k', 'v'))"
        "$input.json('$')|$input.json('$.inner')|$input.path('$.added')|$input.path('$.inner')",
        {"httpMethod": "POST", "body": '{"inner": {"a": 1}}'},
        ONE_DOCUMENT + ": .put on the root and on a sub-map, then $input.json and $input.path of "
        "the root and of the sub-path")
    rec("input-path", "one-document-nested-set",
        "#set($r = $input.path('$'))#set($r.a.b.c = 'new')#set($r.a.d = {'e': 1})"
        "$input.json('$')|$input.json('$.a.b')|$input.path('$.a.d.e')",
        {"httpMethod": "POST", "body": '{"a": {"b": {"c": "old"}}}'},
        ONE_DOCUMENT + ": #set on a nested map, then $input.json of the root and of a sub-path")
    rec("input-path", "one-document-list-element",
        "#set($items = $input.path('$.items'))#set($items[0] = 'first')"
        "#set($r = $input.path('$'))#set($r.items[1].n = 5)#set($x = $items.add(3))"
        "$input.json('$')|$input.json('$.items')|$input.json('$.items[1]')|$input.path('$.items').size()",
        {"httpMethod": "POST", "body": '{"items": ["a", {"n": 1}]}'},
        ONE_DOCUMENT + ": #set on a list element (by index and by property of an element) and an "
        "add, then $input.json of the root and of sub-paths")
    rec("input-path", "one-document-indefinite",
        "#set($all = $input.path('$.items[*]'))#set($all[0].n = 9)#set($x = $all.add('extra'))"
        "$input.json('$.items')|$all.size()|$input.path('$.items[*]').size()",
        {"httpMethod": "POST", "body": '{"items": [{"n": 1}, {"n": 2}]}'},
        ONE_DOCUMENT + ": an indefinite path gives a new array of the document's own elements: "
        "changing an element shows, adding to the array does not")


def json_of_nothing_cases(rec: Any) -> None:
    """$input.json of a path that matches nothing prints \"\" (two quote characters)."""
    nothing = ("$input.json of a path that matches nothing is \"\" (apigateway §2, 2026-12-03: "
               "localstack PR 12774, the maintainers' AWS console check)")
    rec("input-json", "nothing-on-scalar-body", "[$input.json('$.a')][$input.json('$[0]')][$input.json('$')]",
        {"httpMethod": "POST", "body": "42"}, nothing + ": a path into a scalar body")
    rec("input-json", "json-null-is-not-nothing",
        "[$input.json('$.n')][$input.json('$.l[0]')][$input.json('$.nope')][$input.json('$.l[5]')]",
        {"httpMethod": "POST", "body": '{"n": null, "l": [null]}'},
        nothing + "; a JSON null found at the path is written null")
    rec("input-json", "nothing-through-functions",
        "$input.json('$..zz.length()')|$input.json('$.zz[*].length()')|$input.json('$.c[5].length()')|"
        "$input.json('$.*.zz.length()')|$input.json('$.m.zz.length()')|$input.json('$.k.zz.length()')|"
        "$input.json('$.zz.size()')|$input.json('$.a.length()')|$input.json('$.c.length()')|"
        "#foreach($x in $input.path('$.*.length()'))[$x|$x.class.simpleName]#end",
        {"httpMethod": "POST", "body": '{"a": 1, "b": "s", "c": [1, 2], "k": "str", "n": null, "m": {}}'},
        nothing + ": a definite path under length()/size() that matches nothing too; a length() "
        "of a scalar is null; the null elements of a JSONArray of lengths read as null in "
        "#foreach (Velocity's NullHolderContext; found by fuzz_apigw.py)", "apigateway §1")
    rec("input-json", "parse-json-of-nothing",
        "#set($output = $util.parseJson($input.json('$.output')))"
        "{\"status\": \"$input.path('$.status')\", \"output\": \"$output\", \"empty\": $output.isEmpty()}",
        {"httpMethod": "POST", "body": json.dumps({
            "executionArn": "arn:aws:states:us-east-1:123456789012:execution:orders:run-1",
            "status": "FAILED", "error": "States.TaskFailed", "cause": "boom"})},
        nothing + ": a failed Step Functions execution has no output, and "
        "$util.parseJson($input.json('$.output')) must not fail", "apigateway §3")


def null_model_cases(rec: Any) -> None:
    """API Gateway's null model on $input values (apigateway §1, revised 2026-12-03)."""
    model = "null reads as \"\" and evaluation goes on (apigateway §1, revised 2026-12-03)"
    rec("input-path", "null-model-chains",
        "[$input.path('$.missing').toString().equals(\"x\")][$input.path('$.missing').length()]"
        "[#if($input.path('$.m').missing.isEmpty())empty#end][$input.path('$.m').nope.length()]"
        "[$input.path('$.n').length()][$input.path('$.l')[0].length()][$input.path('$.m').get('zz').length()]"
        "[#if($input.path('$.missing').toString().equals(\"x\"))taken#else not-taken#end]"
        "[$input.body.nope.length()][$context.nope.length()][$stageVariables.nope.isEmpty()]",
        {"httpMethod": "POST", "body": '{"m": {"a": 1}, "n": null, "l": [null]}'},
        model + ": a missing path, a JSON null, a missing map key and a property the object does "
        "not have all read as \"\", and the next method runs on it", "apigateway §1")
    rec("input-path", "null-model-missing-method",
        "[$input.path('$.s').noSuchMethod()][$input.path('$.s').noSuchMethod().length()]"
        "[#if($input.path('$.s').noSuchMethod())true#else false#end][$util.noSuch($input.body).length()]",
        {"httpMethod": "POST", "body": '{"s": "x"}'},
        model + ": UNKNOWN on AWS (no recording): a method that does not exist gives null, which "
        "ends the chain and prints empty (the recorder's model)", "apigateway §1")
    # The branch aws-solutions/qnabot-on-aws takes in its delete-by-query/delete-by-list
    # request template (templates/master/routes/qa/collection/delete.vm); our own template.
    choose = ("{\"query\": #if($input.path('$.query').length()!=0)"
              "{\"regexp\": {\"qid\": \"$input.path('$.query')\"}}"
              "#else{\"terms\": {\"qid\": [#foreach($qid in $input.path('$.list'))"
              "\"$qid\"#if($foreach.hasNext),#end#end]}}#end}")
    qnabot = ("the #if($input.path('$.query').length()!=0) branch of aws-solutions/qnabot-on-aws' "
              "delete request template: ")
    rec("input-path", "length-not-zero-with-query", choose,
        {"httpMethod": "DELETE", "body": '{"query": "qna.*"}'},
        qnabot + "a query is given: delete by query (" + model + ")", "apigateway §1")
    rec("input-path", "length-not-zero-without-query", choose,
        {"httpMethod": "DELETE", "body": '{"list": ["q.1", "q.2"]}'},
        qnabot + "no query: $input.path('$.query').length() is 0, delete by list (" + model + ")",
        "apigateway §1")


# -------------------------------------------------------------------------------- $util


def util_cases() -> None:
    b3 = ["apigateway §3"]
    case("util", "aws-docs-escape-json", "\"$util.escapeJavaScript($input.json('$.Age'))\"",
         {"httpMethod": "POST", "body": '{ "Price" : "249.99", "Age": "6" }'}, behaviours=b3,
         provenance=AWS_DOCS, expected='"\\"6\\""', note="AWS docs: \" becomes \\\"")
    case("util", "aws-url-encode", "$util.urlEncode($input.body)",
         {"httpMethod": "POST", "body": '{"some": "value"}'}, behaviours=b3, provenance=AWS_REC,
         expected="%7B%22some%22%3A+%22value%22%7D",
         note="AWS-REC 2025-03: java.net.URLEncoder, space → +, upper-case hex")
    case("util", "aws-url-encode-empty", "[$util.urlEncode('')][$util.urlEncode($undefined)]",
         {}, behaviours=b3, provenance=AWS_REC, expected="[][]",
         note="AWS-REC 2025-03: empty or undefined → empty")
    case("util", "aws-base64-round-trip", "$util.base64Decode($util.base64Encode($input.body))",
         {"httpMethod": "POST", "body": '{"a": "héllo 😀"}'}, behaviours=b3, provenance=AWS_REC,
         expected='{"a": "héllo 😀"}',
         note="AWS-REC 2024-11: base64Encode round-trips the raw body; base64Decode returns a String")
    case("util", "aws-docs-parse-json",
         "$util.parseJson($input.path('$.errorMessage')).key2.arr[0]",
         {"httpMethod": "POST", "body": '{"errorMessage": "{\\"key1\\":\\"var1\\",\\"key2\\":{\\"arr\\":[1,2,3]}}"}'},
         behaviours=b3, provenance=AWS_DOCS, expected="1", note="AWS docs: parseJson result navigates")
    case("util", "aws-parse-json-of-base64",
         "#set($o = $util.parseJson($util.base64Decode($input.path('$.data'))))$o.id",
         {"httpMethod": "POST", "body": json.dumps({"data": b64('{"id": "x-1"}')})},
         behaviours=b3, provenance=AWS_REC, expected="x-1",
         note="AWS-REC: parseJson fed directly from base64Decode")

    def rec(name: str, template: str, event: dict[str, Any], note: str, *extra: str) -> None:
        case("util", name, template, event, behaviours=b3 + list(extra), note=note)

    chars = "it's \"q\" back\\slash a/b tab\there nl\nx cr\rx bs\bx ff\fx nul\x00x us\x1fx del\x7fx " \
            "\x80 é ÿ Ā 中 € \u2028 \u2029 \ufeff 😀"
    rec("escape-javascript", "$util.escapeJavaScript($input.path('$.s'))",
        {"httpMethod": "POST", "body": json.dumps({"s": chars})},
        "Commons Lang 2.6 escapeJavaScript (open question §7: /, non-ASCII, U+2028, < 0x20)",
        "apigateway §7")
    rec("escape-javascript-apostrophe-idiom",
        "\"$util.escapeJavaScript($input.path('$.s')).replaceAll(\"\\\\'\",\"'\")\"",
        {"httpMethod": "POST", "body": json.dumps({"s": "it's \"fine\""})},
        "the docs' idiom turning \\' back into ' for valid JSON")
    rec("escape-javascript-null", "[$util.escapeJavaScript($input.path('$.missing'))]",
        {"httpMethod": "POST", "body": "{}"}, "null in, null out: prints empty")
    rec("url-encode", "$util.urlEncode($input.path('$.s'))",
        {"httpMethod": "POST", "body": json.dumps({"s": "a b+c&d=e/f?g#h~i*j-k_l.m!n'o(p)q%r é 😀 \u0001"})},
        "URLEncoder: keeps . - * _ and alphanumerics, encodes ~ and UTF-8 bytes")
    rec("url-decode", "$util.urlDecode('a+b%20c%2Bd%26e%3D%C3%A9%F0%9F%98%80~*')|"
        "$util.urlDecode('100%25')|$util.urlDecode('%e2%82%ac')|$util.urlDecode('%C3')",
        {}, "URLDecoder: + is a space, %XX UTF-8 sequences, malformed bytes become U+FFFD")
    rec("url-decode-bad-escape", "ok $util.urlDecode('a%zzb')", {},
        "URLDecoder rejects a bad escape: a render error")
    rec("url-decode-trailing-percent", "ok $util.urlDecode('abc%4')", {},
        "URLDecoder rejects an incomplete trailing escape")
    rec("base64", "$util.base64Encode('hello world')|$util.base64Encode('')|$util.base64Encode('é😀')|"
        "$util.base64Decode('aGVsbG8gd29ybGQ=')|$util.base64Decode('aGVsbG8')|[$util.base64Decode('')]|"
        "$util.base64Decode('w6nwn5iA')|$util.base64Decode('/w==')", {},
        "java.util.Base64: padding optional on decode; invalid UTF-8 becomes U+FFFD")
    rec("base64-decode-invalid", "ok $util.base64Decode('not base64!')", {},
        "an invalid base64 character is a render error")
    rec("base64-decode-url-alphabet", "ok $util.base64Decode('a-_b')", {},
        "the basic decoder rejects the URL-safe alphabet")
    rec("parse-json-prints", "#set($o = $util.parseJson($input.body))$o|$o.a|$o.l|$o.l[1]|$o.n|"
        "$o.d|$o.s|$o.l.size()|$o.a.b.getClass().getName()",
        {"httpMethod": "POST", "body": '{"a": {"b": 1}, "l": [1, {"m": "x/y"}], "n": null, '
                                       '"d": 2.50, "s": "str"}'},
        "how parseJson results print (open question §7): maps {k=v}, arrays as JSON",
        "apigateway §7")
    rec("parse-json-scalars", "[$util.parseJson('42')][$util.parseJson('\"s\"')][$util.parseJson('true')]"
        "[$util.parseJson('1.5e3')][$util.parseJson('not json')][$util.parseJson('[1,2]')]",
        {}, "parseJson of scalars and of text that is not JSON (json-smart permissive)")
    rec("parse-json-float-values",
        "#set($b = $util.parseJson($input.body))#set($f = $b.d.floatValue())"
        "#set($inf = $b.big.floatValue() * $b.big.floatValue())\n"
        "$f|$b.n.floatValue()|$b.big.floatValue()|$input.path('$.d').floatValue()|"
        "$input.path('$.n').floatValue().class.name\n"
        "#set($dummy = $b.put(\"f\", $f))#set($dummy = $b.l.add($f))#set($dummy = $b.l.add($inf))$b\n"
        "$b.l $util.escapeJavaScript($f) $util.urlEncode($f)\n",
        {"httpMethod": "POST", "body": '{"n": 42, "d": 0.1, "big": 123456789012345678901, '
                                       '"l": [1, 2], "e": 1e400}'},
        "floatValue() of parsed JSON numbers; a Float put into a json-smart array prints by "
        "Float.toString, an infinite Float as null", "apigateway §7", "velocity-1.7 #15")
    rec("parse-json-invalid", "ok $util.parseJson('{\"a\": ')", {},
        "parseJson of broken JSON is a render error")
    rec("parse-json-empty", "ok $util.parseJson('')", {},
        "parseJson of an empty string: Jayway refuses it")
    any_value = ("takes any value: Java's String.valueOf of it (apigateway §3, 2026-12-03); null "
                 "reads as \"\" (apigateway §1)")
    rec("any-value", "$util.urlEncode($input.path('$.phone'))|$util.escapeJavaScript($input.path('$.m'))|"
        "$util.escapeJavaScript($input.path('$.l'))|$util.base64Encode($input.path('$.n'))|"
        "$util.urlEncode($input.path('$.t'))|$util.urlDecode($input.path('$.d'))|"
        "$util.base64Decode($input.path('$.b'))|[$util.urlEncode($input.path('$.missing'))]|"
        "[$util.escapeJavaScript($input.path('$.nul'))]|$util.urlEncode($input.path('$.big'))",
        {"httpMethod": "POST", "body": json.dumps({
            "phone": 911234567890, "m": {"a": 1, "s": "x/y"}, "l": [1, "a/b", {"k": "v"}], "n": 42,
            "t": True, "d": 1.5, "b": 1234, "nul": None, "big": 123456789012345678901})},
        "escapeJavaScript, urlEncode, urlDecode, base64Encode, base64Decode " + any_value)
    rec("sns-sms-number",
        "Action=Publish&PhoneNumber=$util.urlEncode($input.path('$.phoneNumber'))"
        "&Message=$util.urlEncode($input.path('$.message'))",
        {"httpMethod": "POST", "body": '{"phoneNumber": 14155550100, "message": "Your code is 4711"}'},
        "the idiom of aws-samples/serverless-patterns' SNS SMS pattern: a JSON number through "
        "$util.urlEncode, the SMS documented as sent; urlEncode " + any_value)
    rec("missing-functions", "[$util.toJson($input.path('$'))][$util.qr('x')][$util.time.nowISO8601()]"
        "[$util.escapeJavaScript()][$util.urlEncode(1)]", {"httpMethod": "POST", "body": "{}"},
        "only the six API Gateway functions exist; anything else is a missing method, which "
        "prints empty; urlEncode(1) is urlEncode of String.valueOf(1) (apigateway §3, "
        "2026-12-03; re-recorded, was empty)")


# ------------------------------------------------------------------------------ $context

KEYS = ("[resourceId, resourcePath, httpMethod, extendedRequestId, requestTime, path, accountId, "
        "protocol, requestOverride, stage, domainPrefix, requestTimeEpoch, requestId, identity, "
        "domainName, deploymentId, responseOverride, apiId]")
IDENTITY_KEYS = ("[cognitoIdentityPoolId, accountId, cognitoIdentityId, caller, sourceIp, "
                 "principalOrgId, accessKey, cognitoAuthenticationType, "
                 "cognitoAuthenticationProvider, userArn, userAgent, user]")


def context_cases() -> None:
    b4 = ["apigateway §4"]
    plain = {"httpMethod": "GET", "resource": "/", "path": "/", "headers": {"User-Agent": "curl/8.0"}}
    case("context", "aws-keyset", "$context.keySet()", plain, behaviours=b4, provenance=AWS_REC,
         expected=KEYS, note="AWS-REC 2025-05: $context.keySet() order on a plain request")
    case("context", "aws-identity-keyset", "$context.identity.keySet()", plain, behaviours=b4,
         provenance=AWS_REC, expected=IDENTITY_KEYS,
         note="AWS-REC 2025-05: $context.identity.keySet() order")
    case("context", "aws-identity-unset-fields",
         "[$context.identity.user][$context.identity.caller][$context.identity.cognitoIdentityId]",
         plain, behaviours=b4, provenance=AWS_REC, expected="[][][]",
         note="AWS-REC 2025-05: unset identity fields print empty")
    case("context", "aws-authorizer-keyset-empty",
         "[#foreach($k in $context.authorizer.keySet())$k,#end]", plain,
         behaviours=b4, provenance=AWS_REC, expected="[]",
         note="AWS-REC 2025-05: without an authorizer, $context.authorizer.keySet() prints empty")
    case("context", "aws-get-identity-in-string", "[\"$context.get('identity')\"]", plain,
         behaviours=b4, provenance=AWS_REC, expected='[""]',
         note="AWS-REC 2025-05: \"$context.get('identity')\" prints empty")
    case("context", "aws-identity-get-null-fields",
         "#foreach($key in $context.identity.keySet())$key=\"$context.identity.get($key)\""
         "#if($foreach.hasNext),#end#end",
         {**plain, "requestContext": {"identity": {"sourceIp": "203.0.113.7"}}},
         behaviours=b4 + ["apigateway §1"], provenance=AWS_REC,
         expected='cognitoIdentityPoolId="",accountId="",cognitoIdentityId="",caller="",'
                  'sourceIp="203.0.113.7",principalOrgId="",accessKey="",'
                  'cognitoAuthenticationType="",cognitoAuthenticationProvider="",userArn="",'
                  'userAgent="curl/8.0",user=""',
         note="AWS-REC 2025-05 (LocalStack test_sqs_amz_json_protocol, recorded on AWS): "
              "$context.identity.get($key) of a null field prints \"\" (apigateway §1); the "
              "key order is the recorded keySet() order (AWS-REC 2025-05); sourceIp and "
              "userAgent are this event's")
    case("context", "aws-docs-stage-variable-forms",
         "$stageVariables.name|$stageVariables['name']|${stageVariables['name']}",
         {"stageVariables": {"name": "v1"}}, behaviours=b4, provenance=AWS_DOCS, expected="v1|v1|v1",
         note="AWS docs: the three ways to read a stage variable")

    def rec(name: str, template: str, event: dict[str, Any], note: str) -> None:
        case("context", name, template, event, behaviours=b4, note=note)

    rec("variables", "\n".join(f"{k}=${{context.{k}}}" for k in (
        "accountId", "apiId", "deploymentId", "domainName", "domainPrefix", "extendedRequestId",
        "httpMethod", "path", "protocol", "requestId", "requestTime", "requestTimeEpoch",
        "resourceId", "resourcePath", "stage", "identity.sourceIp", "identity.userAgent",
        "isCanaryRequest", "wafResponseCode")),
        {"httpMethod": "PATCH", "resource": "/pets/{petId}", "path": "/pets/7",
         "pathParameters": {"petId": "7"}, "headers": {"User-Agent": "ua/1", "Host": "api.example.com"}},
        "every $context variable with defaults; resourcePath is the template, path has the stage")
    rec("request-time-from-epoch", "$context.requestTime|$context.requestTimeEpoch",
        {"requestContext": {"requestTimeEpoch": 1700000000123}},
        "requestTime follows from requestTimeEpoch")
    rec("request-time-to-epoch", "$context.requestTime|$context.requestTimeEpoch",
        {"requestContext": {"requestTime": "29/Feb/2024:23:59:58 +0000"}},
        "requestTimeEpoch follows from requestTime")
    rec("keyset-with-authorizer", "$context.keySet()",
        {"requestContext": {"authorizer": {"principalId": "p"}}},
        "with an authorizer, the key takes its HashMap place")
    rec("keyset-with-extra-keys", "$context.keySet()|$context.operationName",
        {"requestContext": {"operationName": "GetPet", "isCanaryRequest": "false"}},
        "requestContext keys beyond the recorded ones are kept")
    rec("print-context", "$context",
        {"requestContext": {"authorizer": {"claims": {"sub": "u"}}}},
        "$context printed as a Java map (identity and claims print empty)")
    rec("cognito-claims", "$context.authorizer.claims.sub|$context.authorizer.claims['cognito:username']|"
        "$context.authorizer.claims.email|[$context.authorizer.claims]|$context.authorizer.claims.keySet()|"
        "$context.authorizer.claims.get('custom:tier')|[$context.authorizer.principalId]",
        {"requestContext": {"authorizer": {"claims": {"sub": "u-1", "cognito:username": "bob",
                                                      "email": "b@x.io", "custom:tier": "gold"}}}},
        "Cognito claims under authorizer.claims; the claims map itself prints empty")
    rec("lambda-authorizer", "$context.authorizer.principalId|$context.authorizer.n|$context.authorizer.b|"
        "$context.authorizer.f|$context.authorizer.s|$context.authorizer.n.getClass().getName()|"
        "$context.authorizer.keySet()",
        {"requestContext": {"authorizer": {"principalId": "user|1", "n": 1, "b": True, "f": 2.5,
                                           "s": "text"}}},
        "Lambda authorizer context values are stringified")
    rec("identity-extra-fields", "$context.identity.apiKey|$context.identity.apiKeyId|"
        "$context.identity.clientCert.subjectDN|$context.identity.keySet()",
        {"requestContext": {"identity": {"apiKey": "k", "apiKeyId": "kid",
                                         "clientCert": {"subjectDN": "CN=me", "issuerDN": "CN=ca"}}}},
        "identity fields beyond the recorded twelve (API key, client certificate)")
    rec("stage-variables", "$stageVariables|$stageVariables.keySet()|$stageVariables.size()|"
        "[$stageVariables.missing]", {"stageVariables": {"b": "2", "a": "1"}},
        "$stageVariables is a map")
    rec("stage-variables-absent", "[$stageVariables][$stageVariables.size()][$stageVariables.x]",
        {}, "no stage variables: an empty map")


# ---------------------------------------------------------------------------- overrides


def override_cases() -> None:
    b4 = ["apigateway §4"]
    case("overrides", "aws-status-444", "#set($context.responseOverride.status = 444)\"$context.responseOverride.status\"",
         {}, behaviours=b4, provenance=AWS_REC, expected='"444"',
         note="AWS-REC 2024-11..2025-05: status 444 is kept and reads back as 444")
    case("overrides", "aws-custom-key-kept",
         "#set($context.responseOverride.custom = 'x')$context.responseOverride.custom", {},
         behaviours=b4, provenance=AWS_REC, expected="x",
         note="AWS-REC: unknown keys (responseOverride.custom) are kept")
    case("overrides", "aws-bracket-and-put",
         "#set($name = 'b')#set($context.requestOverride.querystring[$name] = \"bar\")"
         "#set($x = $context.requestOverride.querystring.put('p', 'v'))"
         "#set($context[\"requestOverride\"].querystring[\"k\"] = \"v\")"
         "$context.requestOverride.querystring.b,$context.requestOverride.querystring.p,"
         "$context.requestOverride.querystring.k", {}, behaviours=b4, provenance=AWS_REC,
         expected="bar,v,v", note="AWS-REC: bracket assignment, .put and $context[\"requestOverride\"] all work")
    case("overrides", "aws-request-keyset", "$context.requestOverride.keySet()", {}, behaviours=b4,
         provenance=AWS_REC, expected="[path, header, querystring]",
         note="AWS-REC: $context.requestOverride.keySet()")
    case("overrides", "aws-response-keyset",
         "$context.responseOverride.keySet()#set($context.responseOverride.status = 444)"
         " $context.responseOverride.keySet()", {}, behaviours=b4, provenance=AWS_REC,
         expected="[header] [header, status]",
         note="AWS-REC: responseOverride.keySet() is only header until status is set")

    def rec(name: str, template: str, note: str, event: dict[str, Any] | None = None) -> None:
        case("overrides", name, template, event or {}, behaviours=b4, note=note)

    rec("request-all", "#set($context.requestOverride.header.X-Amz-Target = 'Svc.Op')"
        "#set($context.requestOverride.header['Content-Type'] = 'application/x-amz-json-1.1')"
        "#set($context.requestOverride.path.id = 42)"
        "#set($context.requestOverride.querystring.q = 'a b')"
        "$context.requestOverride", "request overrides: header (hyphenated names), path, querystring")
    rec("response-all", "#set($context.responseOverride.status = 201)"
        "#set($context.responseOverride.header.Location = '/pets/7')"
        "#set($context.responseOverride.header['Cache-Control'] = 'no-store')"
        "$context.responseOverride", "response overrides: status and headers")
    rec("list-header", "#set($a = 'foo')#set($b = 'bar')"
        "#set($context.requestOverride.header.X-List = [$a, $b, 3])$context.requestOverride.header.X-List",
        "a list value reads back as a list and is applied comma-joined")
    rec("status-string", "#set($context.responseOverride.status = '404')ok",
        "a status given as a string")
    rec("set-twice-error", "#set($context.requestOverride.header.X-A = '1')\n"
        "#set($context.requestOverride.header.X-A = '2')\nafter",
        "setting the same override twice is an error (AWS: 5XX)")
    rec("put-twice-error", "#set($x = $context.responseOverride.header.put('H', '1'))\n"
        "$context.responseOverride.header.put('H', '2')\nafter",
        "put on an override already set: an error at the call")
    rec("status-twice-error", "#set($context.responseOverride.status = 200)\n"
        "#set($context.responseOverride.status = 500)", "status set twice")
    rec("read-back", "#set($context.requestOverride.path.id = 'new')"
        "$input.params('id')->$context.requestOverride.path.id", "overrides do not change $input",
        {"pathParameters": {"id": "old"}})


def main() -> int:
    if CASES.exists() and "--clean" in sys.argv:
        shutil.rmtree(CASES)
    passthrough_cases()
    input_cases()
    util_cases()
    context_cases()
    override_cases()
    print(f"{len(_written)} case(s) written under {CASES.relative_to(ROOT.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

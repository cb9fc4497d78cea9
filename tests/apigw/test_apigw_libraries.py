"""The Java libraries behind $input and $util, against what the real jars returned.

Every expected value comes from tests/apigw/data (recorded by
conformance/recorder/apigw_probe_data.py from json-smart 2.6.0, Jayway JsonPath 2.10.0,
Commons Lang 2.6 and JDK 17), or from java.util.HashMap itself.
"""

from __future__ import annotations

import math
import sys
from decimal import Decimal
from typing import Any

import pytest

from vtl.apigw import jsonpath, jsonsmart, util
from vtl.apigw.hashmap import HashMap
from vtl.apigw.input import parse_json_document
from vtl.java.registry import JavaException

from apigw_data import recorded

_INT = {"Integer", "Long", "BigInteger"}


def java_class(value: Any) -> str:
    """The simple Java class name a Python value stands for."""
    if isinstance(value, bool):
        return "Boolean"
    if isinstance(value, jsonsmart.JSONArray):
        return "JSONArray"
    if isinstance(value, dict):
        return "LinkedHashMap"
    if isinstance(value, str):
        return "String"
    if isinstance(value, int):
        return "Integer" if -(2**31) <= value < 2**31 else "Long" if -(2**63) <= value < 2**63 else "BigInteger"
    if isinstance(value, float):
        return "Double"
    if isinstance(value, Decimal):
        return "BigDecimal"
    return type(value).__name__


def same(java: Any, value: Any) -> bool:
    """Does ``value`` equal the jar's dump (class and value)?"""
    if java is None:
        return value is None
    kind, held = java["t"], java["v"]
    mine = java_class(value)
    if kind == "LinkedHashMap":
        return mine == kind and len(value) == len(held) and all(
            k == key and same(v, item) for (k, v), (key, item) in zip(held, value.items()))
    if kind == "JSONArray":
        return mine == kind and len(value) == len(held) and all(same(a, b) for a, b in zip(held, value))
    if kind in ("Double", "Float"):  # json-smart reads NaN as a Float
        return mine == "Double" and (float(held) == value or (held == "NaN" and math.isnan(value)))
    if kind == "BigDecimal":
        return mine == kind and jsonsmart.decimal_to_string(value) == held
    if kind in _INT:
        # json-smart makes a 20-digit literal a BigInteger whatever its value
        return mine in _INT and int(held) == value
    if kind == "Boolean":
        return mine == kind and held == ("true" if value else "false")
    return mine == kind and held == value


# ------------------------------------------------------------------------------ parsing

PARSE = recorded("parse")


@pytest.mark.parametrize("entry", PARSE, ids=[repr(e["body"])[:40] for e in PARSE])
def test_parse_like_json_smart(entry: dict[str, Any]) -> None:
    if "error" in entry:
        with pytest.raises(JavaException) as info:
            parse_json_document(entry["body"])
        assert str(info.value) == entry["error"]
        return
    value = parse_json_document(entry["body"])
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 5000))  # `same` recurses through 400-deep documents
    try:
        assert same(entry["value"], value)
    finally:
        sys.setrecursionlimit(limit)
    assert jsonsmart.to_json(value) == entry["json"]
    # the other style $input.json could use (vtl.apigw.input.INPUT_JSON_ESCAPES_SLASH)
    assert jsonsmart.to_json(value, escape_slash=False) == entry["json_lt"]


# ----------------------------------------------------------------------------- JSONPath

PATH = recorded("path")

#: Jayway syntax this engine does not read (each a clear InvalidPathException instead).
UNSUPPORTED = {
    "$.a[?(@.b >)]",  # error messages differ
    "$.a[x]",
}
#: Jayway leniencies and quirks not reproduced.
QUIRKS = {
    "$.a[*].b.length()",  # Jayway applies length() to each match
}


@pytest.mark.parametrize("entry", PATH, ids=[f"{e['path']!r}@{e['body'][:20]!r}" for e in PATH])
def test_jsonpath_like_jayway(entry: dict[str, Any]) -> None:
    if entry["path"] in QUIRKS and "error" not in entry:
        pytest.xfail("Jayway quirk not reproduced")
    document = parse_json_document(entry["body"])
    if "error" in entry:
        with pytest.raises(JavaException) as info:
            jsonpath.read(document, entry["path"])
        java_class_name = entry["error"].split(":", 1)[0]
        assert info.value.java_class == java_class_name
        if entry["path"] not in UNSUPPORTED and "Could not parse" not in str(info.value):
            assert str(info.value) == entry["error"]
        return
    value = jsonpath.read(document, entry["path"])
    assert same(entry["value"], value), value
    assert jsonsmart.to_json(value) == entry["json"]
    assert jsonsmart.to_json(value, escape_slash=False) == entry["json_lt"]


def test_jsonpath_results_are_new_lists() -> None:
    document = parse_json_document('{"a": [1, 2]}')
    assert jsonpath.read(document, "$.a[*]") is not document["a"]


# -------------------------------------------------------------------------------- $util

UTIL = recorded("util")
FUNCTIONS = {
    "escapeJavaScript": util.escape_javascript,
    "urlEncode": util.url_encode,
    "urlDecode": util.url_decode,
    "base64Encode": util.base64_encode,
    "base64Decode": util.base64_decode,
}


@pytest.mark.parametrize("entry", UTIL, ids=[f"{e['function']}({e['input']!r})" for e in UTIL])
def test_util_like_java(entry: dict[str, Any]) -> None:
    function = FUNCTIONS[entry["function"]]
    if "error" in entry:
        with pytest.raises(JavaException) as info:
            function(entry["input"])
        assert str(info.value) == entry["error"]
        return
    assert function(entry["input"]) == entry["value"]


# ------------------------------------------------------------------------------ HashMap

# java.util.HashMap<String, Object> (JDK 17) keySet() after put() in the given order.
HASHMAP_ORDERS = [
    (["resourceId", "resourcePath", "httpMethod", "extendedRequestId", "requestTime", "path",
      "accountId", "protocol", "requestOverride", "stage", "domainPrefix", "requestTimeEpoch",
      "requestId", "identity", "domainName", "deploymentId", "responseOverride", "apiId"],
     ["resourceId", "resourcePath", "httpMethod", "extendedRequestId", "requestTime", "path",
      "accountId", "protocol", "requestOverride", "stage", "domainPrefix", "requestTimeEpoch",
      "requestId", "identity", "domainName", "deploymentId", "responseOverride", "apiId"]),
    (["apiId", "accountId", "deploymentId", "domainName", "domainPrefix", "extendedRequestId",
      "httpMethod", "identity", "path", "protocol", "requestId", "requestOverride", "requestTime",
      "requestTimeEpoch", "resourceId", "resourcePath", "responseOverride", "stage"],
     ["resourceId", "resourcePath", "httpMethod", "extendedRequestId", "requestTime", "accountId",
      "path", "protocol", "requestOverride", "stage", "domainPrefix", "requestTimeEpoch",
      "identity", "requestId", "deploymentId", "domainName", "responseOverride", "apiId"]),
    (["cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller", "sourceIp",
      "principalOrgId", "accessKey", "cognitoAuthenticationType", "cognitoAuthenticationProvider",
      "userArn", "userAgent", "user"],
     ["cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller", "sourceIp",
      "principalOrgId", "accessKey", "cognitoAuthenticationType", "cognitoAuthenticationProvider",
      "userArn", "userAgent", "user"]),
    (["path", "querystring", "header"], ["path", "querystring", "header"]),
    (["path", "header", "querystring"], ["path", "header", "querystring"]),
    (["status", "header"], ["header", "status"]),
    (["resourceId", "resourcePath", "httpMethod", "extendedRequestId", "requestTime", "path",
      "accountId", "protocol", "requestOverride", "stage", "domainPrefix", "requestTimeEpoch",
      "requestId", "identity", "domainName", "deploymentId", "responseOverride", "apiId",
      "authorizer"],
     ["resourceId", "authorizer", "resourcePath", "httpMethod", "extendedRequestId", "requestTime",
      "path", "accountId", "protocol", "requestOverride", "stage", "domainPrefix",
      "requestTimeEpoch", "requestId", "identity", "domainName", "deploymentId",
      "responseOverride", "apiId"]),
]


@pytest.mark.parametrize(("inserted", "iterated"), HASHMAP_ORDERS)
def test_hashmap_iterates_like_java(inserted: list[str], iterated: list[str]) -> None:
    mapping = HashMap()
    for key in inserted:
        mapping[key] = 1
    assert list(mapping) == iterated


def test_hashmap_keeps_position_on_overwrite_and_removal() -> None:
    mapping = HashMap([("path", 1), ("querystring", 2), ("header", 3)])
    mapping["path"] = 9
    del mapping["querystring"]
    assert list(mapping.items()) == [("path", 9), ("header", 3)]

"""The fast paths of the render path give what the exact, slow ones give (issue 5).

``$input.path`` hands out the parsed document's own values (one document per request);
strict JSON is parsed by the json module and plain values written by its C writer; the
per-request HashMaps are built from a cached layout; ``escapeJavaScript`` runs in C.
"""

from __future__ import annotations

import json

import pytest

from vtl.apigw import jsonsmart, render
from vtl.apigw.hashmap import HashMap
from vtl.apigw.util import escape_javascript

BODY = json.dumps({"x": {"y": {"z": 1}, "w": [1, 2]}, "list": [{"a": 1}, {"a": 2}], "n": 5})


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("#set($a = $input.path('$.x'))#set($d = $a.put('k', 1))$input.json('$.x')|$a.k",
         '{"y":{"z":1},"w":[1,2],"k":1}|1'),
        ("#set($a = $input.path('$.x.y'))#set($d = $a.put('k', 1))$input.json('$')",
         '{"x":{"y":{"z":1,"k":1},"w":[1,2]},"list":[{"a":1},{"a":2}],"n":5}'),
        ("#set($a = $input.path('$.x'))#set($d = $a.clear())$input.path('$.x.y.z')", ""),
        ("#set($a = $input.path('$.list[1]'))#set($d = $a.put('b', 2))$input.json('$.list[-1]')",
         '{"a":2,"b":2}'),
        ("#set($a = $input.path('$..a'))$input.path('$.list').size()", "2"),
        ("#set($a = $input.path('$.list'))#set($d = $a.add(3))$input.path('$.list.length()')", "3"),
        ("#set($a = $input.path('$.x'))#set($b = $input.path('$.x'))#set($d = $a.put('k', 1))[$b.k]",
         "[1]"),
        ("#set($a = $input.path('$.x'))$input.path('$.n')|$a.w.class.name",
         "5|net.minidev.json.JSONArray"),
    ],
)
def test_path_results_are_the_documents_own(template: str, expected: str) -> None:
    # Expected outputs recorded with conformance/recorder/record_apigw.sh --eval (one
    # document per request, apigateway.md §2).
    assert render(template, {"body": BODY}).body == expected


@pytest.mark.parametrize(
    "text",
    [
        '{"a": "x/y\\u001f\\\\u001f\\u007f\\u0085\\u2028\\u2100 \u00e9\U0001F600", "b": [true, null]}',
        '{"d": [0.001, 2e-3, 1e7, 12.5, 1e23, -0.0, 1e400, 123456789012345678901.5]}',
        '[[1, [2, [3]]], {"k": []}]',
        '"just a string"',
    ],
)
def test_plain_writer_equals_json_smart_writer(text: str) -> None:
    value, plain = jsonsmart.parse_document(text)
    assert jsonsmart.to_json(value) == (jsonsmart.to_json_plain(value) if plain else jsonsmart.to_json(value))
    assert render("$input.json('$')", {"body": text}).body == jsonsmart.to_json(value)


@pytest.mark.parametrize(("depth", "fails"), [(399, False), (400, True)])
def test_nesting_limit_with_brackets_in_strings(depth: int, fails: bool) -> None:
    # The object is one level; json-smart stops past 400. Brackets in strings do not count.
    text = '{"s": "[[[\\"]]", "a": ' + "[" * depth + "]" * depth + "}"
    if fails:
        with pytest.raises(jsonsmart.JsonSmartParseError):
            jsonsmart.parse(text)
    else:
        assert isinstance(jsonsmart.parse(text)["a"], jsonsmart.JSONArray)


def test_hashmap_build_equals_puts() -> None:
    keys = ("resourceId", "resourcePath", "httpMethod", "authorizer", "x1", "operationName")
    one_by_one = HashMap()
    for index, key in enumerate(keys):
        one_by_one[key] = index
    built = HashMap.build(keys, list(range(len(keys))))
    assert list(built.items()) == list(one_by_one.items())
    built["late"] = one_by_one["late"] = 9
    assert list(built.items()) == list(one_by_one.items())


def _utf16_units(text: str) -> list[int]:
    data = text.encode("utf-16-be", "surrogatepass")
    return [data[i] << 8 | data[i + 1] for i in range(0, len(data), 2)]


def _escaped_unit(unit: int) -> str:
    if unit > 0x7F:
        return f"\\u{unit:04X}"
    if unit < 32:
        return {8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r"}.get(unit, f"\\u{unit:04X}")
    return {"'": "\\'", '"': '\\"', "\\": "\\\\", "/": "\\/"}.get(chr(unit), chr(unit))


@pytest.mark.parametrize(
    "text",
    ["plain ascii", "it's \"q\" a/b\\c\n\t\x01", "é€😀\ud800", "", "a\\'b\"/c\x7f\\u0041//''",
     "application/json", "/\\"],
)
def test_escape_javascript_by_units(text: str) -> None:
    assert escape_javascript(text) == "".join(_escaped_unit(unit) for unit in _utf16_units(text))


def _no_plain_lists(value: object) -> bool:
    if type(value) is list:
        return False
    if isinstance(value, dict):
        return all(_no_plain_lists(item) for item in value.values())
    if isinstance(value, list):
        return all(_no_plain_lists(item) for item in value)
    return True


@pytest.mark.parametrize(
    "text",
    [
        '{"a": [1, [2, {"b": [3, {"c": []}]}]], "d": {"e": {"f": [[]]}}, "g": "[x]"}',
        '[{"a": 1}, [{"b": [2]}], {"c": {"d": {"e": [4]}}}]',
        json.dumps({"Items": [{"id": {"S": str(i)}, "tags": {"L": [{"S": "t"}]}} for i in range(50)]}),
        '{"a": {"b": {"c": 1}}}',
        '[]',
    ],
)
def test_parsed_arrays_are_json_arrays(text: str) -> None:
    value = jsonsmart.parse(text)
    assert _no_plain_lists(value)
    assert value == json.loads(text)
    assert isinstance(value, (dict, jsonsmart.JSONArray))


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("$input.path('$.x').w.class.name|$input.path('$.list').class.name", "net.minidev.json.JSONArray|"
         "net.minidev.json.JSONArray"),
        ("#foreach($i in $input.path('$.list'))$i.getClass().getName() #end", "java.util.LinkedHashMap "
         "java.util.LinkedHashMap "),
        ("$input.path('$..w').get(0).class.name|$input.path('$..w')", "net.minidev.json.JSONArray|[[1,2]]"),
        ("$input.path('$.x')|$input.json('$.x')", '{y={z=1}, w=[1,2]}|{"y":{"z":1},"w":[1,2]}'),
        ("$input.json('$')|$input.path('$.list[0]')", json.dumps(json.loads(BODY), separators=(",", ":"))
         + "|{a=1}"),
    ],
)
def test_path_results_hold_json_arrays(template: str, expected: str) -> None:
    assert render(template, {"body": BODY}).body == expected


@pytest.mark.parametrize(("depth", "fails"), [(400, False), (401, True)])
def test_nesting_limit_of_objects(depth: int, fails: bool) -> None:
    text = '{"a": ' * depth + "1" + "}" * depth
    if fails:
        with pytest.raises(jsonsmart.JsonSmartParseError):
            jsonsmart.parse(text)
    else:
        assert jsonsmart.parse(text)["a"]["a"]["a"]


@pytest.mark.parametrize("text", ['{"u": "a/b\u2028c\u0085d\u20ff\u00e9"}', '{"u": "no specials"}',
                                  '{"u": "x\\\\u0041"}'])
def test_plain_writer_single_characters(text: str) -> None:
    value, plain = jsonsmart.parse_document(text)
    assert plain
    assert jsonsmart.to_json_plain(value) == jsonsmart.to_json(value)

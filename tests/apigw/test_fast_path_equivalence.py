"""The faster per-request paths of vtl.apigw give what the exact, slow ones give.

Each fast path is compared, on many generated inputs, with an independent reference or
with the general path it shortcuts: ``escapeJavaScript`` with Commons Lang 2.6's rules
written out per UTF-16 unit, ``to_json_plain`` with the json-smart writer ``to_json``,
``read_event`` with ``read_event_checked``, the depth check that converts arrays with
``_nesting_at_most``, a large body's parse with the json-smart port, ``$context``'s maps
with maps filled one put at a time.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import random
from pathlib import Path
from typing import Any

import pytest

from vtl.apigw import jsonpath, jsonsmart, render
from vtl.apigw.context import build_context
from vtl.apigw.event import EventError, Request, read_event, read_event_checked, sample_event
from vtl.apigw.hashmap import HashMap
from vtl.apigw.util import UTIL, Util, escape_javascript
from vtl.java.registry import find_method

ROOT = Path(__file__).resolve().parents[1]
BENCHMARK_EVENTS = sorted((ROOT / "benchmarks" / "cases").glob("*.event.json"))

# Characters chosen around every boundary the writers and escapers care about.
_POOL = (
    [chr(c) for c in range(0x20, 0x7F)] * 3
    + [chr(c) for c in range(0x20)] + ["\x7f"] + [chr(c) for c in range(0x80, 0xA1)]
    + ["\u00e9", "\u00ff", "\u0100", "\u0fff", "\u1000", "\u1fff", "\u2000", "\u2014",
       "\u2028", "\u20ac", "\u20ff", "\u2100", "\u3000", "\uffff", "\ud800", "\udfff",
       "\U0001f600", "\U0010ffff"]
    + ["/", "\\", "'", '"', "\\u00", "\\u001f", "u00", "\\\\u0041"] * 4
)


def _text(rng: random.Random, size: int = 12) -> str:
    return "".join(rng.choice(_POOL) for _ in range(rng.randrange(size)))


def _ascii_text(rng: random.Random) -> str:
    return "".join(rng.choice(" azAZ09/\\'\"\x7f\t-_.:") for _ in range(rng.randrange(14)))


# --- escapeJavaScript -------------------------------------------------------------------


def _commons_lang_escape(text: str) -> str:
    """StringEscapeUtils.escapeJavaScript (Commons Lang 2.6), one UTF-16 unit at a time."""
    data = text.encode("utf-16-be", "surrogatepass")
    out = []
    for i in range(0, len(data), 2):
        unit = data[i] << 8 | data[i + 1]
        if unit > 0x7F:
            out.append("\\u" + f"{unit:x}".upper().rjust(4, "0"))
        elif unit < 32:
            short = {8: "\\b", 10: "\\n", 9: "\\t", 12: "\\f", 13: "\\r"}
            out.append(short.get(unit, "\\u" + f"{unit:x}".upper().rjust(4, "0")))
        else:
            out.append({"'": "\\'", '"': '\\"', "\\": "\\\\", "/": "\\/"}.get(chr(unit), chr(unit)))
    return "".join(out)


def test_escape_javascript_equals_commons_lang_on_generated_text() -> None:
    rng = random.Random(20250)
    texts = [_text(rng) for _ in range(3000)] + [_ascii_text(rng) for _ in range(3000)]
    for text in texts:
        assert escape_javascript(text) == _commons_lang_escape(text), repr(text)


class _Str(str):
    pass


def test_escape_javascript_method_arguments() -> None:
    method = find_method(Util, "escapeJavaScript")
    assert method is not None
    rng = random.Random(7)
    for text in [_ascii_text(rng) for _ in range(500)] + [_text(rng) for _ in range(500)]:
        assert method(UTIL, text) == _commons_lang_escape(text)
        assert method(UTIL, _Str(text)) == _commons_lang_escape(text)
    assert method(UTIL, None) is None
    # Any other value: String.valueOf of it (apigateway.md §3; case util/any-value).
    assert method(UTIL, 5) == "5"
    assert method(UTIL, {"a": "x/y"}) == _commons_lang_escape("{a=x/y}")


# --- the plain JSON writer --------------------------------------------------------------


def _value(rng: random.Random, depth: int = 0) -> Any:
    kind = rng.randrange(9 if depth < 3 else 6)
    if kind in (0, 1, 2):
        return _text(rng)
    if kind == 3:
        return rng.choice([0, -7, 2**31, 2**63 - 1, True, False, None])
    if kind == 4:
        return rng.choice([0.5, -12.25, 54.99, 1e-3, 0.1, 3.0, -0.0])
    if kind == 5:
        return _ascii_text(rng)
    if kind in (6, 7):
        return {_text(rng, 6): _value(rng, depth + 1) for _ in range(rng.randrange(4))}
    return [_value(rng, depth + 1) for _ in range(rng.randrange(4))]


@pytest.mark.parametrize("escape_slash", [True, False])
def test_plain_writer_equals_json_smart_writer_on_generated_values(escape_slash: bool) -> None:
    # Both styles: whichever INPUT_JSON_ESCAPES_SLASH chooses, the fast and the general
    # writer of $input.json agree (no third behaviour).
    rng = random.Random(11)
    checked = 0
    for index in range(3000):
        # Raw characters too: adjacent surrogates stay two characters then.
        text = json.dumps(_value(rng), ensure_ascii=index % 2 == 0)
        value, plain = jsonsmart.parse_document(text)
        if plain:
            checked += 1
            expected = jsonsmart.to_json(value, escape_slash=escape_slash)
            assert jsonsmart.to_json_plain(value, escape_slash=escape_slash) == expected, repr(value)
    assert checked > 2500


# --- read_event -------------------------------------------------------------------------


def _ordered(value: Any) -> Any:
    """A comparable form that keeps dict order and types."""
    if isinstance(value, dict):
        return (type(value).__name__, [(k, _ordered(v)) for k, v in value.items()])
    if isinstance(value, list):
        return (type(value).__name__, [_ordered(v) for v in value])
    return (type(value).__name__, value)


def _outcome(read: Any, event: Any) -> Any:
    try:
        request = read(copy.deepcopy(event))
    except EventError as error:
        return ("error", str(error))
    return _ordered(vars(request))


_ODD_VALUES: list[Any] = [None, "", "x", "/p", 0, 7, True, False, 1.5, [], ["a"], {}, {"a": "b"}]
_CONTEXT_FIELDS = [
    "requestTime", "requestTimeEpoch", "domainName", "domainPrefix", "path", "resourcePath",
    "httpMethod", "stage", "apiId", "accountId", "requestId", "identity", "authorizer", "extra",
]
_HEADER_NAMES = ["Content-Length", "connection", "HOST", "host", "User-Agent", "user-agent",
                 "X-Custom", "te", "Accept"]


def _mutate(rng: random.Random, event: dict[str, Any]) -> None:
    """One random change of the kind real (and broken) events have."""
    context = event.setdefault("requestContext", {})
    choice = rng.randrange(10)
    if choice == 0:
        event.pop(rng.choice(list(event) or ["body"]), None)
    elif choice == 1:
        event[rng.choice(["resource", "path", "httpMethod", "body", "isBase64Encoded",
                          "pathParameters", "stageVariables"])] = rng.choice(_ODD_VALUES)
    elif choice == 2 and isinstance(context, dict):
        key = rng.choice(_CONTEXT_FIELDS)
        if rng.random() < 0.5:
            context.pop(key, None)
        else:
            context[key] = rng.choice(_ODD_VALUES)
    elif choice == 3:
        name, value = rng.choice(_HEADER_NAMES), rng.choice(["v", "w", ""])
        single = event.get("headers")
        multi = event.get("multiValueHeaders")
        if isinstance(single, dict):
            single[name] = value
        if isinstance(multi, dict) and rng.random() < 0.8:
            multi[name] = rng.choice([[value], ["a", value], [], [value, "z"]])
    elif choice == 4:
        multi = event.get(rng.choice(["multiValueHeaders", "multiValueQueryStringParameters"]))
        if isinstance(multi, dict) and multi:
            keys = list(multi)
            rng.shuffle(keys)
            event_key = next(k for k, v in event.items() if v is multi)
            event[event_key] = {key: multi[key] for key in keys}
    elif choice == 5:
        event[rng.choice(["headers", "multiValueHeaders", "queryStringParameters",
                          "multiValueQueryStringParameters"])] = rng.choice(_ODD_VALUES)
    elif choice == 6 and isinstance(context, dict):
        identity = context.setdefault("identity", {})
        if isinstance(identity, dict):
            identity[rng.choice(["sourceIp", "apiKey", "user", "clientCert"])] = rng.choice(_ODD_VALUES)
    elif choice == 7 and isinstance(context, dict):
        context["authorizer"] = rng.choice([
            None, {"claims": {"sub": "s", "n": 1}}, {"principalId": "p", "count": 2, "ok": True},
            {"claims": None}, {"x": [1]}, {"claims": {"a": {"b": "c"}}},
        ])
    elif choice == 8 and isinstance(context, dict):
        context["requestTimeEpoch"] = rng.choice([0, 1, 1428582896000, True, "1", None, 2.5])
    else:
        event["queryStringParameters"] = {"a": "1", "b": "2"}
        event["multiValueQueryStringParameters"] = rng.choice([
            {"a": ["1"], "b": ["2"]}, {"b": ["2"], "a": ["1"]}, {"a": ["0", "1"], "b": ["2"]},
            {"a": ["1"]}, {"a": ["1"], "b": ["2"], "c": ["3"]}, {"a": ["9"], "b": ["2"]},
        ])


def _base_events() -> list[dict[str, Any]]:
    events = [sample_event(), {}]
    events += [json.loads(path.read_text(encoding="utf-8")) for path in BENCHMARK_EVENTS]
    return events


def test_read_event_equals_checked_reading_on_generated_events() -> None:
    rng = random.Random(5)
    bases = _base_events()
    for _ in range(3000):
        event = copy.deepcopy(rng.choice(bases))
        for _ in range(rng.randrange(1, 4)):
            _mutate(rng, event)
        assert _outcome(read_event, event) == _outcome(read_event_checked, event), event


def test_read_event_builds_every_field_in_order() -> None:
    for event in _base_events():
        request = read_event(event)
        assert list(vars(request)) == [field.name for field in dataclasses.fields(Request)]
        assert request == read_event_checked(event)
        with pytest.raises(dataclasses.FrozenInstanceError):
            request.body = "x"  # type: ignore[misc]


# --- arrays and the depth check ---------------------------------------------------------


def _tree(rng: random.Random, depth: int) -> Any:
    kind = rng.randrange(6)
    if depth <= 0 or kind == 0:
        return rng.choice([1, "s", None, 2.5, True])
    if kind == 1:
        return {}
    if kind == 2:
        return []
    if kind in (3, 4):
        return {f"k{i}": _tree(rng, depth - 1) for i in range(rng.randrange(1, 4))}
    return [_tree(rng, depth - 1) for _ in range(rng.randrange(1, 4))]


def _chain(depth: int, leaf: Any) -> Any:
    value = leaf
    for level in range(depth - 1):
        value = {"a": value} if level % 3 else [value, 1]
    return value


def _no_plain_lists(value: Any) -> bool:
    if type(value) is list:
        return False
    if isinstance(value, dict):
        return all(_no_plain_lists(item) for item in value.values())
    if isinstance(value, list):
        return all(_no_plain_lists(item) for item in value)
    return True


def test_depth_check_that_converts_arrays_judges_as_nesting_at_most() -> None:
    rng = random.Random(3)
    trees = [_tree(rng, rng.randrange(1, 7)) for _ in range(400)]
    trees += [_chain(depth, leaf) for depth in (1, 2, 5, 9, 10, 11, 12) for leaf in (1, {}, [], {"x": 1})]
    trees += [json.loads("[" * depth + "]" * depth) for depth in (1, 4, 9, 10, 11)]
    trees += [json.loads("[" * depth + '{"a": [[1], {}]}' + "]" * depth) for depth in (1, 4, 8)]
    for tree in trees:
        for limit in (2, 3, 5, 10, 400):
            text = json.dumps(tree)
            converted, within = jsonsmart._arrays_within(json.loads(text), limit)
            assert within == jsonsmart._nesting_at_most(json.loads(text), limit), (text, limit)
            assert converted == json.loads(text)
            if within:
                assert _no_plain_lists(converted)


def _flat(value: Any) -> list[Any]:
    """Every node of a value in order, with its type: comparable however deep it nests."""
    out: list[Any] = []
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            out.append((type(node).__name__, len(node)))
            for key, item in reversed(node.items()):
                stack += [item, key]
        elif isinstance(node, list):
            out.append((type(node).__name__, len(node)))
            stack.extend(reversed(node))
        else:
            out.append((type(node).__name__, node))
    return out


def test_arrays_without_gc_tracking(monkeypatch: pytest.MonkeyPatch) -> None:
    # Other Pythons walk every container; the results are the same.
    monkeypatch.setattr(jsonsmart, "_TRACKING", False)
    monkeypatch.setattr(jsonsmart, "_may_hold_containers", jsonsmart._is_container)
    rng = random.Random(9)
    for tree in [_tree(rng, rng.randrange(1, 6)) for _ in range(200)] + [_chain(12, [])]:
        text = json.dumps(tree)
        for limit in (3, 10, None):
            converted, within = jsonsmart._arrays_within(json.loads(text), limit)
            assert converted == json.loads(text) and _no_plain_lists(converted)
            assert within == (limit is None or jsonsmart._nesting_at_most(json.loads(text), limit))


def _port(text: str) -> Any:
    """json-smart's own reading (the port), for comparison."""
    try:
        return _flat(jsonsmart._python_strings(jsonsmart._Parser(text).parse()))
    except jsonsmart.JsonSmartParseError as error:
        return ("error", str(error))


def _fast(text: str) -> Any:
    try:
        value, _, arrays = jsonsmart.parse_document_tree(text)
    except jsonsmart.JsonSmartParseError as error:
        return ("error", str(error))
    return _flat(value if arrays else jsonsmart.json_arrays(value))


@pytest.mark.parametrize("depth", [5, 398, 399, 400, 401, 450])
def test_large_bodies_parse_as_json_smart_does(depth: int) -> None:
    # More than 400 containers, so the depth check walks (and converts) the value.
    items = [{"id": {"S": f"pet-{i}"}, "tags": {"L": [{"S": "a"}, {"S": "b"}]}} for i in range(150)]
    for leaf in ({}, [], {"a": 1}, [1]):
        text = json.dumps({"Items": items, "deep": _chain(depth, leaf)})
        assert text.count("{") + text.count("[") > 400
        assert _fast(text) == _port(text), (depth, leaf)
    text = json.dumps([items, _chain(depth, [])])
    assert _fast(text) == _port(text)


_BIG = json.dumps({"list": [{"a": i, "t": [i]} for i in range(450)], "x": {"w": [1, 2]}, "n": 5})


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("#set($a = $input.path('$.list'))#set($d = $a.add(3))$input.path('$.list').size()", "451"),
        ("#set($a = $input.path('$.list'))$a.class.name $a[449].t.class.name $a.size()",
         "net.minidev.json.JSONArray net.minidev.json.JSONArray 450"),
        ("#set($a = $input.path('$.list[0]'))#set($d = $a.put('b', 2))$input.json('$.list[0]')",
         '{"a":0,"t":[0],"b":2}'),
        ("#set($a = $input.path('$.list[1].t'))#set($d = $a.clear())$input.json('$.list[1]')",
         '{"a":1,"t":[]}'),
        ("#set($a = $input.path('$.x.w'))#set($d = $a.add(3))$input.path('$.n') $a",
         "5 [1,2,3]"),
        ("#set($a = $input.path('$.list'))#set($b = $input.path('$.list'))#set($d = $a.clear())$b.size()",
         "0"),
        ("$input.path('$.list[*].a').size() $input.path('$.x').w.class.name",
         "450 net.minidev.json.JSONArray"),
        ("#set($a = $input.path('$.list'))#set($d = $a.clear())$input.json('$.x')",
         '{"w":[1,2]}'),
    ],
)
def test_path_results_on_a_large_body_are_the_documents_json_arrays(template: str, expected: str) -> None:
    # Expected outputs recorded with conformance/recorder/record_apigw.sh --eval.
    assert render(template, {"body": _BIG}).body == expected


def test_parse_json_on_a_large_body_gives_json_arrays() -> None:
    value = render("#set($v = $util.parseJson($input.body))$v.list.class.name $v.list[3].t.class.name",
                   {"body": _BIG}).body
    assert value == "net.minidev.json.JSONArray net.minidev.json.JSONArray"


# --- $context ---------------------------------------------------------------------------


def _by_puts(items: list[tuple[str, Any]]) -> HashMap:
    mapping = HashMap()
    for key, value in items:
        mapping[key] = value
    return mapping


def test_context_maps_equal_maps_filled_by_puts() -> None:
    claims = {"sub": "s", "email": "e@x", "cognito:username": "u", "n": 5, "ok": True,
              "exp": "1", "iss": "https://x", "token_use": "id", "aud": "a", "z": None}
    variants = [
        {}, {"identity": {"sourceIp": "1.2.3.4", "apiKey": "k", "vpcId": "v"}},
        {"authorizer": {"claims": claims}}, {"authorizer": {"claims": {"a": "b"}}},
        {"authorizer": {"principalId": "p", "n": 1}}, {"custom": "c", "operationName": "Op"},
    ]
    for variant in variants:
        event = sample_event()
        event["requestContext"].update(copy.deepcopy(variant))
        for request in (read_event(event), read_event_checked(event)):
            context, _, _ = build_context(request)
            identity = context["identity"]
            source = request.context["identity"]
            expected = _by_puts(list(source.items()))
            assert list(identity.items()) == list(expected.items())
            assert identity._capacity == expected._capacity
            if "authorizer" in request.context and "claims" in request.context["authorizer"]:
                built = context["authorizer"]["claims"]
                raw = request.context["authorizer"]["claims"]
                strings = [(k, v if isinstance(v, str) else json.dumps(v)) for k, v in raw.items()]
                assert list(built) == list(_by_puts(strings))
                assert built._capacity == _by_puts(strings)._capacity


# --- JSONPath ---------------------------------------------------------------------------


def _general_read(document: Any, path: str, missing: Any = None) -> Any:
    """jsonpath.read by token evaluation (the path every path takes but property chains)."""
    compiled = jsonpath._compile(path)
    try:
        found = jsonpath._evaluate(compiled.tokens, document)
    except jsonpath._NotFound:
        return missing
    return found[0] if found else missing


def test_property_paths_read_as_evaluated() -> None:
    rng = random.Random(17)
    paths = ["$", "$.k0", "$.k1", "$.k0.k0", "$.k0.k1.k2", "k0.k1", "@.k2", "$['k0']['k1']",
             "$.k0['k2'].k0", "$.k1 ", "$.missing", "$.k0.missing.k1"]
    for _ in range(600):
        document = {"k0": _tree(rng, 4), "k1": _tree(rng, 3), "k2": rng.choice([None, 1, "s"])}
        for path in paths:
            assert jsonpath._compile(path).names is not None, path
            assert jsonpath.read(document, path) is _general_read(document, path), path
            nothing = object()
            assert jsonpath.read(document, path, nothing) is _general_read(document, path, nothing), path

"""The proxy event: every validation error names its field, every default is fixed."""

from __future__ import annotations

import base64
from typing import Any

import pytest

import vtl
from vtl.apigw import EventError, render, sample_event
from vtl.apigw.event import DEFAULT_CONTEXT, IDENTITY_FIELDS, read_event, sorted_headers


def error_for(event: Any) -> str:
    with pytest.raises(EventError) as info:
        read_event(event)
    return str(info.value)


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("event", "message"),
    [
        ([], "the event must be a JSON object, not an array"),
        ("GET /", "the event must be a JSON object, not a string"),
        (42, "the event must be a JSON object, not a number"),
        ({"header": {}}, "unknown field 'header'"),
        ({"version": "1.1"}, "unknown field 'version'"),
        # An HTTP API (payload 2.0) event: HTTP APIs run no mapping templates.
        ({"version": "2.0"}, "this is an HTTP API event"),
        ({"rawPath": "/", "routeKey": "$default"}, "HTTP APIs have no mapping templates"),
        ({"headers": []}, "headers must be an object, not an array"),
        ({"headers": {"X-N": 5}}, "headers['X-N'] must be a string, not a number"),
        ({"headers": {"X-N": None}}, "headers['X-N'] must be a string, not null"),
        ({"multiValueHeaders": {"A": "x"}}, "multiValueHeaders['A'] must be a non-empty array of strings, not a string"),
        ({"multiValueHeaders": {"A": []}}, "multiValueHeaders['A'] must be a non-empty array of strings, not an array"),
        ({"multiValueHeaders": {"A": ["x", 1]}}, "multiValueHeaders['A'][1] must be a string, not a number"),
        ({"headers": {"A": "x"}, "multiValueHeaders": {"A": ["x", "y"]}},
         "headers['A'] is 'x' but multiValueHeaders['A'] ends with 'y'"),
        ({"queryStringParameters": {"q": True}}, "queryStringParameters['q'] must be a string, not a boolean"),
        ({"queryStringParameters": {"q": "1"}, "multiValueQueryStringParameters": {"q": ["2"]}},
         "queryStringParameters['q'] is '1' but multiValueQueryStringParameters['q'] ends with '2'"),
        ({"multiValueQueryStringParameters": {"q": [None]}},
         "multiValueQueryStringParameters['q'][0] must be a string, not null"),
        ({"pathParameters": {"id": 7}}, "pathParameters['id'] must be a string, not a number"),
        ({"pathParameters": "id=7"}, "pathParameters must be an object, not a string"),
        ({"stageVariables": {"v": 1.5}}, "stageVariables['v'] must be a string, not a number"),
        ({"body": {"a": 1}}, "body must be a string, not an object"),
        ({"body": 5}, "body must be a string, not a number"),
        ({"isBase64Encoded": "true"}, "isBase64Encoded must be true or false, not a string"),
        ({"body": "not base64!", "isBase64Encoded": True}, "body: isBase64Encoded is true but the body is not base64"),
        ({"body": "é", "isBase64Encoded": True}, "body: isBase64Encoded is true but the body is not base64"),
        ({"resource": 1}, "resource must be a string, not a number"),
        ({"resource": "pets"}, "resource must start with '/', got 'pets'"),
        ({"path": "pets/1"}, "path must start with '/', got 'pets/1'"),
        ({"httpMethod": ["GET"]}, "httpMethod must be a string, not an array"),
        ({"requestContext": "ctx"}, "requestContext must be an object, not a string"),
        ({"requestContext": {"stage": 1}}, "requestContext.stage must be a string, not a number"),
        ({"requestContext": {"resourcePath": []}}, "requestContext.resourcePath must be a string, not an array"),
        ({"requestContext": {"httpMethod": 1}}, "requestContext.httpMethod must be a string, not a number"),
        ({"requestContext": {"requestTimeEpoch": "1"}}, "requestContext.requestTimeEpoch must be an integer, not a string"),
        ({"requestContext": {"requestTimeEpoch": 1.5}}, "requestContext.requestTimeEpoch must be an integer, not a number"),
        ({"requestContext": {"requestTimeEpoch": True}}, "requestContext.requestTimeEpoch must be an integer, not a boolean"),
        ({"requestContext": {"requestTime": "2024-01-01T00:00:00Z"}},
         "requestContext.requestTime must look like '09/Apr/2015:12:34:56 +0000'"),
        ({"requestContext": {"requestTime": "09/Foo/2015:12:34:56 +0000"}},
         "requestContext.requestTime must look like '09/Apr/2015:12:34:56 +0000'"),
        ({"requestContext": {"identity": []}}, "requestContext.identity must be an object, not an array"),
        ({"requestContext": {"identity": {"sourceIp": 127}}},
         "requestContext.identity.sourceIp must be a string, not a number"),
        ({"requestContext": {"authorizer": "x"}}, "requestContext.authorizer must be an object, not a string"),
        ({"requestContext": {"authorizer": {"ctx": {"a": 1}}}},
         "requestContext.authorizer.ctx must be a string, number or boolean"),
        ({"requestContext": {"authorizer": {"list": [1]}}},
         "requestContext.authorizer.list must be a string, number or boolean"),
        ({"requestContext": {"authorizer": {"none": None}}},
         "requestContext.authorizer.none must be a string, number or boolean"),
        ({"requestContext": {"authorizer": {"claims": "x"}}},
         "requestContext.authorizer.claims must be an object, not a string"),
        ({"requestContext": {"authorizer": {"claims": {"groups": ["a"]}}}},
         "requestContext.authorizer.claims.groups must be a string, not an array"),
    ],
)
def test_invalid_event_names_the_field(event: Any, message: str) -> None:
    assert message in error_for(event)


def test_event_error_is_a_value_error() -> None:
    assert issubclass(EventError, ValueError)


# ----------------------------------------------------------------------------- defaults


def test_no_event_is_a_plain_get_of_the_root() -> None:
    for event in (None, {}):
        request = read_event(event)
        assert (request.resource, request.path, request.http_method) == ("/", "/", "GET")
        assert request.headers == request.query == request.path_parameters == {}
        assert request.stage_variables == {}
        assert request.body == ""


def test_default_request_context() -> None:
    context = read_event({}).context
    for key, value in DEFAULT_CONTEXT.items():
        assert context[key] == value
    assert context["requestTime"] == "09/Apr/2015:12:34:56 +0000"
    assert context["requestTimeEpoch"] == 1428582896000
    assert context["domainName"] == "1234567890.execute-api.us-east-1.amazonaws.com"
    assert context["domainPrefix"] == "1234567890"
    assert context["path"] == "/prod/"
    assert context["resourcePath"] == "/"
    assert context["httpMethod"] == "GET"
    assert "authorizer" not in context


def test_default_identity() -> None:
    identity = read_event({}).context["identity"]
    assert list(identity) == list(IDENTITY_FIELDS)
    assert identity["sourceIp"] == "127.0.0.1"
    assert all(identity[k] is None for k in IDENTITY_FIELDS if k != "sourceIp")


def test_defaults_are_deterministic() -> None:
    assert read_event({}) == read_event({})


def test_context_values_given_by_the_event_win() -> None:
    context = read_event({"requestContext": {"stage": "dev", "requestId": "r-1", "apiId": "a1"}}).context
    assert (context["stage"], context["requestId"], context["apiId"]) == ("dev", "r-1", "a1")
    assert context["path"] == "/dev/"
    assert context["domainName"] == "a1.execute-api.us-east-1.amazonaws.com"


def test_null_context_values_take_defaults() -> None:
    assert read_event({"requestContext": {"stage": None}}).context["stage"] == "prod"


def test_unknown_request_context_keys_are_kept() -> None:
    context = read_event({"requestContext": {"operationName": "GetPet", "custom": {"a": [1]}}}).context
    assert context["operationName"] == "GetPet"
    assert context["custom"] == {"a": [1]}


# --------------------------------------------------------------------------- derivations


def test_path_follows_from_resource_and_parameters() -> None:
    request = read_event({"resource": "/pets/{id}/toys/{rest+}", "pathParameters": {"id": "7", "rest": "a/b"}})
    assert request.path == "/pets/7/toys/a/b"
    assert request.context["path"] == "/prod/pets/7/toys/a/b"
    assert request.context["resourcePath"] == "/pets/{id}/toys/{rest+}"


def test_resource_follows_from_request_context() -> None:
    request = read_event({"requestContext": {"resourcePath": "/items/{id}"}, "pathParameters": {"id": "3"}})
    assert (request.resource, request.path) == ("/items/{id}", "/items/3")


def test_resource_of_a_path_with_parameters_is_a_proxy() -> None:
    assert read_event({"path": "/a/b", "pathParameters": {"proxy": "a/b"}}).resource == "/{proxy+}"
    assert read_event({"path": "/a/b"}).resource == "/a/b"


def test_method_follows_from_request_context() -> None:
    assert read_event({"requestContext": {"httpMethod": "PUT"}}).http_method == "PUT"
    assert read_event({"httpMethod": "POST"}).context["httpMethod"] == "POST"


def test_request_time_from_epoch() -> None:
    context = read_event({"requestContext": {"requestTimeEpoch": 1700000000123}}).context
    assert context["requestTime"] == "14/Nov/2023:22:13:20 +0000"


def test_epoch_from_request_time() -> None:
    context = read_event({"requestContext": {"requestTime": "29/Feb/2024:23:59:58 +0000"}}).context
    assert context["requestTimeEpoch"] == 1709251198000


def test_domain_name_from_host_header() -> None:
    context = read_event({"headers": {"Host": "api.example.com"}}).context
    assert (context["domainName"], context["domainPrefix"]) == ("api.example.com", "api")


def test_user_agent_from_header() -> None:
    assert read_event({"headers": {"User-Agent": "curl/8"}}).context["identity"]["userAgent"] == "curl/8"


def test_identity_fields_given_are_kept_with_extras() -> None:
    identity = read_event({"requestContext": {"identity": {"apiKey": "k", "user": "u",
                                                           "clientCert": {"subjectDN": "CN=x"}}}}).context["identity"]
    assert identity["apiKey"] == "k" and identity["user"] == "u"
    assert identity["clientCert"] == {"subjectDN": "CN=x"}


def test_removed_headers_are_dropped_in_any_case() -> None:
    request = read_event({"headers": {"content-length": "3", "CONNECTION": "close", "Te": "x", "X-A": "1"}})
    assert request.headers == {"X-A": "1"}


def test_repeated_values_keep_the_last() -> None:
    request = read_event({
        "headers": {"A": "2"}, "multiValueHeaders": {"A": ["1", "2"], "B": ["x", "y"]},
        "multiValueQueryStringParameters": {"q": ["a", "b"]},
    })
    assert request.headers == {"A": "2", "B": "y"}
    assert request.query == {"q": "b"}


def test_base64_body_is_decoded() -> None:
    body = base64.b64encode("héllo".encode()).decode()
    assert read_event({"body": body, "isBase64Encoded": True}).body == "héllo"
    assert read_event({"body": body, "isBase64Encoded": False}).body == body


def test_base64_body_that_is_not_utf8() -> None:
    body = base64.b64encode(b"\xff\xfe").decode()
    assert read_event({"body": body, "isBase64Encoded": True}).body == "\ufffd\ufffd"


def test_null_parts_are_empty() -> None:
    request = read_event({"headers": None, "multiValueHeaders": None, "queryStringParameters": None,
                          "pathParameters": None, "stageVariables": None, "body": None,
                          "requestContext": None, "isBase64Encoded": None})
    assert request.headers == request.query == request.path_parameters == request.stage_variables == {}
    assert request.body == ""


def test_null_authorizer_is_no_authorizer() -> None:
    assert "authorizer" not in read_event({"requestContext": {"authorizer": None}}).context


def test_the_event_is_not_mutated() -> None:
    event = sample_event()
    before = repr(event)
    read_event(event)
    assert repr(event) == before


# ------------------------------------------------------------------------------- sample


def test_sample_event_is_realistic() -> None:
    event = sample_event()
    assert event["httpMethod"] == "POST"
    assert isinstance(event["body"], str) and event["body"].startswith("{")
    assert len(event["headers"]) >= 10
    assert event["queryStringParameters"] and event["pathParameters"] and event["stageVariables"]
    assert event["requestContext"]["authorizer"]["claims"]["sub"]
    request = read_event(event)
    assert request.query == {"notify": "true", "tag": "friendly"}


def test_sample_event_is_a_fresh_copy() -> None:
    first = sample_event()
    first["headers"].clear()
    assert sample_event()["headers"]


def test_sample_event_lists_headers_as_api_gateway_does() -> None:
    # Sorted by name, ignoring case: every AWS sample proxy event (fidelity issue, item 6).
    event = sample_event()
    for part in ("headers", "multiValueHeaders"):
        names = list(event[part])
        assert names == sorted(names, key=str.lower)
    template = "#foreach($h in $input.params().header.keySet())$h,#end"
    assert vtl.render(template, event).body.split(",")[:-1] == list(event["headers"])


def test_sorted_headers_ignores_case() -> None:
    assert list(sorted_headers({"b": "1", "A": "2", "c": "3", "X-b": "4"})) == ["A", "b", "c", "X-b"]


def test_the_version_sam_local_writes_into_a_rest_event_is_read() -> None:
    # `sam local start-api` sends REST events with "version": "1.0" (SAM CLI's API Gateway
    # Lambda event, payload version 1.0); it was refused as an unknown field.
    event = {"version": "1.0", "resource": "/x", "path": "/x", "httpMethod": "POST", "headers": {},
             "body": '{"a": 1}'}
    assert render("$context.httpMethod $input.json('$.a')", event).body == "POST 1"
    with pytest.raises(EventError, match="unknown field 'version'"):
        render("x", {**event, "version": "3"})


@pytest.mark.parametrize("fast", [True, False])
def test_an_application_load_balancer_event_is_refused(fast: bool) -> None:
    # An ALB event has a REST event's fields and requestContext.elb (AWS Lambda developer
    # guide, Lambda with an Application Load Balancer): it was read as a REST request.
    from vtl.apigw.event import read_event, read_event_checked

    event = {"httpMethod": "GET", "path": "/lambda", "queryStringParameters": {"q": "1"},
             "requestContext": {"elb": {"targetGroupArn": "arn:aws:elasticloadbalancing:…"}},
             "headers": {"accept": "*/*"}, "body": "", "isBase64Encoded": False}
    with pytest.raises(EventError, match="Application Load Balancer event"):
        (read_event if fast else read_event_checked)(event)

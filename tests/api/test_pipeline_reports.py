"""Behaviours users reported of real API Gateway (REST), checked against the pipeline.

Each test names its source: AWS-REC (a recording: a LocalStack test marked
``aws.validated`` with its snapshot, a console log), AWS-DOC (the developer guide) or
AWS-USER (a user's report of what AWS did). The checklist is in the branch report.
"""

from __future__ import annotations

import json

import pytest

from vtl.api import (
    Api,
    Authorizer,
    HttpResponse,
    Integration,
    IntegrationResponse,
    LambdaResult,
    Method,
)

LAMBDA = ("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
          "arn:aws:lambda:us-east-1:1:function:f/invocations")


def proxy_api() -> Api:
    return Api(methods=[Method("ANY", "/{proxy+}", integration=Integration(
        "AWS_PROXY", uri=LAMBDA, http_method="POST"))])


def test_an_empty_request_body_is_a_null_proxy_body() -> None:
    """AWS-REC spec §11 "no body → "body": null" (LS:lambda::test_lambda_aws_proxy_integration;
    LocalStack's AWS-validated event builder sends ``body or None``): a request with an empty
    body (Content-Length: 0) has no body."""
    invocation = proxy_api().invoke("POST", "/a", body="", backend={"statusCode": 200})
    event = json.loads(invocation.integration_request.body)
    assert (event["body"], event["isBase64Encoded"]) == (None, False)


def test_a_slash_in_a_forwarded_query_value_is_sent_as_a_slash() -> None:
    """AWS-USER ustayready/fireprox#44 (REST HTTP_PROXY, 2022-12): a query value with
    ``%2F`` reached the backend with a ``/`` ("API Gateway is automatically turning the
    "%2f" to a "/"", breaking a signed URL)."""
    api = Api(methods=[Method("ANY", "/{proxy+}", integration=Integration(
        "HTTP_PROXY", uri="https://b.example.com/{proxy}", http_method="ANY",
        request_parameters={"integration.request.path.proxy": "method.request.path.proxy"}))])
    invocation = api.invoke("GET", "/v?vs=a%2Fb", backend=HttpResponse(200))
    assert invocation.integration_request.uri == "https://b.example.com/v?vs=a/b"


@pytest.mark.parametrize(("override", "status"), [("500", 500), ("600", 300), ("99", 300)])
def test_a_response_status_override_outside_100_to_599_is_ignored(override: str, status: int) -> None:
    """AWS-REC localstack/localstack PR 11135 ("All of the unit tests have been manually tested
    against AWS"), tests/unit/services/apigateway/test_handler_integration_response.py
    ``test_status_code``: ``$context.responseOverride.status`` 500 is taken; 600 and 99 are
    not, the integration response's 300 stays."""
    api = Api(methods=[Method("GET", "/h", integration=Integration(
        "HTTP", uri="https://b.example.com/x", http_method="GET",
        responses=[IntegrationResponse("300", response_templates={
            "application/json": f"#set($context.responseOverride.status = {override})"})]))])
    assert api.invoke("GET", "/h", backend=HttpResponse(200, {}, "{}")).response.status == status


def test_an_http_proxy_backend_server_header_comes_back_remapped() -> None:
    """AWS-REC LS:integ::test_apigateway_header_remapping_http[HTTP_PROXY] (its snapshot holds
    ``x-amzn-Remapped-Server``, excluded from verification only because the value differs);
    AWS-USER curl recordings of REST HTTP proxies: ``x-amzn-remapped-server: gunicorn``,
    ``x-amzn-Remapped-Server: cloudflare`` next to a ``Content-Encoding: gzip`` kept as is."""
    api = Api(methods=[Method("ANY", "/{proxy+}", integration=Integration(
        "HTTP_PROXY", uri="https://b.example.com/{proxy}", http_method="ANY",
        request_parameters={"integration.request.path.proxy": "method.request.path.proxy"}))])
    response = api.invoke("GET", "/v", backend=HttpResponse(
        200, {"Server": "gunicorn", "Content-Encoding": "gzip"}, "x")).response
    assert response.headers.get("x-amzn-Remapped-Server") == "gunicorn"
    assert "Server" not in response.headers
    assert response.headers.get("Content-Encoding") == "gzip"


def test_a_header_pair_in_both_headers_and_multi_value_headers_is_sent_once() -> None:
    """AWS-DOC set-up-lambda-proxy-integrations (output format): "If you specify values for
    both headers and multiValueHeaders, API Gateway merges them into a single list. If the
    same key-value pair is specified in both, only the values from multiValueHeaders will
    appear in the merged list." (SAM CLI's local API Gateway does the same, PR 1166.) A
    different value in ``headers`` is still sent after the multi-value ones (spec §11 AWS-REC)."""
    same = proxy_api().invoke("GET", "/a", backend={
        "statusCode": 200, "headers": {"X": "a"}, "multiValueHeaders": {"X": ["a", "b"]}}).response
    assert same.multi_value_headers["X"] == ["a", "b"]
    different = proxy_api().invoke("GET", "/a", backend={
        "statusCode": 200, "headers": {"X": "c"}, "multiValueHeaders": {"X": ["a", "b"]}}).response
    assert different.multi_value_headers["X"] == ["a", "b", "c"]


def test_a_lambda_authorizer_context_reaches_the_proxy_event_stringified() -> None:
    """AWS-DOC api-gateway-lambda-authorizer-output / apigateway-use-lambda-authorizer: "For
    the Lambda proxy integration, API Gateway passes the context object … Their values are
    stringified, for example, "stringval", "123", or "true""; AWS-USER recording in
    DefinitelyTyped/DefinitelyTyped#69823 (``"num": "123"``, ``"bool": "true"``);
    serverless-offline#480."""
    api = Api(authorizers={"a": Authorizer("a", "TOKEN", identity_source="method.request.header.Authorization")},
              methods=[Method("GET", "/p", authorization_type="CUSTOM", authorizer="a", integration=Integration(
                  "AWS_PROXY", uri=LAMBDA, http_method="POST"))])
    invocation = api.invoke("GET", "/p", headers={"Authorization": "t"}, backend={"statusCode": 200},
                            authorizer={"principalId": "u", "str": "hello", "num": 123, "bool": True})
    context = json.loads(invocation.integration_request.body)["requestContext"]["authorizer"]
    assert context == {"principalId": "u", "str": "hello", "num": "123", "bool": "true"}


def test_an_asynchronous_lambda_invocation_answers_200_with_an_empty_body() -> None:
    """AWS-DOC set-up-lambda-integration-async (``X-Amz-Invocation-Type: 'Event'``);
    AWS-USER serverless/serverless#5957 ("Experimenting with async invocation I expected to
    see a 202 status code. Documenting the real status code: 200"),
    aws-samples/serverless-patterns#2919 (the function's answer does not come back: the
    template's fields were blank); localstack PR 6349 (the body is empty, not ``{}``)."""
    api = Api(methods=[Method("POST", "/f", integration=Integration(
        "AWS", uri=LAMBDA, http_method="POST",
        request_parameters={"integration.request.header.X-Amz-Invocation-Type": "'Event'"},
        responses=[IntegrationResponse("200")]))])
    invocation = api.invoke("POST", "/f", body="{}", backend=LambdaResult({"taskId": "t1"}))
    assert (invocation.response.status, invocation.response.body) == (200, "")
    assert "Received response. Status: 202, Integration latency: 0 ms" in invocation.log


def test_a_lambda_authorizer_context_with_an_object_value_is_a_500() -> None:
    """AWS-USER dherault/serverless-offline PR 1376 (tested "with a pair of lambdas" on API
    Gateway): a context value that is not a string, number or boolean "will cause the
    endpoint to return 500, with the header: x-amzn-ErrorType:
    AuthorizerConfigurationException" (AWS-DOC api-gateway-lambda-authorizer-output: "you
    cannot set a JSON object or array as a valid value of any key in the context map")."""
    api = Api(authorizers={"a": Authorizer("a", "TOKEN", identity_source="method.request.header.Authorization")},
              methods=[Method("GET", "/p", authorization_type="CUSTOM", authorizer="a", integration=Integration(
                  "AWS_PROXY", uri=LAMBDA, http_method="POST"))])
    invocation = api.invoke("GET", "/p", headers={"Authorization": "t"}, backend={"statusCode": 200},
                            authorizer={"principalId": "u", "obj": {"a": 1}})
    assert invocation.response.status == 500
    assert invocation.response.headers["x-amzn-ErrorType"] == "AuthorizerConfigurationException"
    assert invocation.integration_request is None


def test_a_semicolon_splits_the_query_string() -> None:
    """AWS-DOC api-gateway-known-issues (REST APIs): "The semicolon character (;) is not
    supported for any request URL query string and results in the data being split."
    (abhimankolte.com 2020-06: ``?q=abcd;20`` does not give ``q`` the value ``abcd;20``.)"""
    invocation = proxy_api().invoke("GET", "/a?q=abcd;20&r=%3B", backend={"statusCode": 200})
    event = json.loads(invocation.integration_request.body)
    assert event["queryStringParameters"]["q"] == "abcd"
    assert event["queryStringParameters"]["r"] == ";"  # an encoded one is a character


def test_a_semicolon_in_a_forwarded_query_value_is_not_escaped() -> None:
    """AWS-USER re:Post "Bug: semicolons aren't being escaped in API Gateway integration
    request", answered "This is a known behaviour, semicolons are not escaped. It's listed
    under important notes in the documentation" (AWS-DOC api-gateway-known-issues)."""
    api = Api(methods=[Method("ANY", "/{proxy+}", integration=Integration(
        "HTTP_PROXY", uri="https://b.example.com/{proxy}", http_method="ANY",
        request_parameters={"integration.request.path.proxy": "method.request.path.proxy"}))])
    invocation = api.invoke("GET", "/v?q=a%3Bb", backend=HttpResponse(200))
    assert invocation.integration_request.uri == "https://b.example.com/v?q=a;b"


def test_the_api_key_of_a_method_that_does_not_require_one_is_null() -> None:
    """AWS-DOC api-gateway-mapping-template-reference, ``$context.identity.apiKey``: "For API
    methods that require an API key, this variable is the API key associated with the
    method request. For methods that don't require an API key, this variable is null.\""""
    for required, expected in ((True, "k1"), (False, None)):
        api = Api(methods=[Method("GET", "/p", api_key_required=required, integration=Integration(
            "AWS_PROXY", uri=LAMBDA, http_method="POST"))])
        invocation = api.invoke("GET", "/p", headers={"x-api-key": "k1"}, backend={"statusCode": 200})
        assert json.loads(invocation.integration_request.body)["requestContext"]["identity"].get("apiKey") == expected

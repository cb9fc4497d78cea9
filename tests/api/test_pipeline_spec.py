"""Spec facts (../shared/spec/pipeline.md) that had no test of their own; each test names
its section and source. They agreed with the pipeline when written: they pin it."""

from __future__ import annotations

import pytest

from vtl.api import Api, HttpResponse, Integration, IntegrationResponse, LambdaResult, Method
from vtl.api.model import Model, RequestValidator

LAMBDA = ("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
          "arn:aws:lambda:us-east-1:1:function:f/invocations")


def mock(**method: object) -> Method:
    return Method("POST", "/m", **method, integration=Integration(  # type: ignore[arg-type]
        "MOCK", request_templates={"application/json": '{"statusCode": 200}'}, responses=[IntegrationResponse("200")]))


def test_the_validation_line_sits_between_the_body_and_the_endpoint_lines() -> None:
    # §4, §15: AWS-DOC getting-started-lambda-non-proxy-integration's log.
    api = Api(models={"M": Model("M", {"type": "object"})},
              request_validators={"body": RequestValidator("body", validate_request_body=True)},
              methods=[Method("POST", "/f", request_validator="body", request_models={"application/json": "M"},
                              integration=Integration("AWS", uri=LAMBDA, responses=[IntegrationResponse("200")]))])
    log = api.invoke("POST", "/f", headers={"Content-Type": "application/json; charset=UTF-8"}, body="{}",
                     backend=LambdaResult({})).log
    at = log.index("Request validation succeeded for content type application/json")
    assert log[at - 1].startswith("Method request body before transformations: ")
    assert log[at + 1].startswith("Endpoint request URI: ")


@pytest.mark.parametrize("kind", ["AWS", "AWS_PROXY"])
@pytest.mark.parametrize("header", ["Authorization", "Connection", "Expect", "Proxy-Authenticate", "TE",
                                    "Content-Length", "Transfer-Encoding"])
def test_headers_an_aws_integration_cannot_be_sent_are_a_500(header: str, kind: str) -> None:
    # §6: AWS-REC LS:integ::test_apigateway_header_remapping_aws[AWS, AWS_PROXY] (for AWS, also
    # these five; AWS_PROXY applies no mapping but still refuses these).
    api = Api(methods=[Method("GET", "/f", integration=Integration(
        kind, uri=LAMBDA, http_method="POST", request_parameters={f"integration.request.header.{header}": "'x'"},
        responses=[IntegrationResponse("200")] if kind == "AWS" else []))])
    invocation = api.invoke("GET", "/f", backend=LambdaResult({}) if kind == "AWS" else {"statusCode": 200})
    assert (invocation.response.status, invocation.response.body) == (500, '{"message": "Internal server error"}')
    assert invocation.integration_request is None


def test_an_http_integration_may_send_an_authorization_header() -> None:
    # §6: only Content-Length and Transfer-Encoding are refused for HTTP (same LS test).
    api = Api(methods=[Method("GET", "/h", integration=Integration(
        "HTTP", uri="https://b.example.com", http_method="GET",
        request_parameters={"integration.request.header.Authorization": "'Bearer t'"},
        responses=[IntegrationResponse("200")]))])
    invocation = api.invoke("GET", "/h", backend=HttpResponse(200))
    assert invocation.integration_request.headers["Authorization"] == "Bearer t"


def test_request_overrides_of_path_and_query_win_over_the_mappings() -> None:
    # §6: AWS-DOC apigateway-override-request-response-parameters (applied after the mappings).
    api = Api(methods=[Method("GET", "/h/{id}", integration=Integration(
        "HTTP", uri="https://b.example.com/{id}", http_method="GET",
        request_parameters={"integration.request.path.id": "method.request.path.id",
                            "integration.request.querystring.q": "'mapped'"},
        request_templates={"application/json": "#set($context.requestOverride.querystring.q = 'o')"
                                               "#set($context.requestOverride.path.id = 'p9')x"},
        responses=[IntegrationResponse("200")]))])
    invocation = api.invoke("GET", "/h/1", backend=HttpResponse(200))
    assert invocation.integration_request.uri == "https://b.example.com/p9?q=o"


def test_only_the_listed_api_keys_are_accepted() -> None:
    # §3 [LOCAL]: no usage plans; a model that lists keys accepts only those.
    api = Api(api_keys=["good"], methods=[mock(api_key_required=True)])
    assert api.invoke("POST", "/m", headers={"x-api-key": "good"}).response.status == 200
    refused = api.invoke("POST", "/m", headers={"x-api-key": "bad"})
    assert (refused.response.status, refused.response.body, refused.error) == (
        403, '{"message":"Forbidden"}', "INVALID_API_KEY")


def test_a_malformed_proxy_result_logs_the_configuration_error() -> None:
    # §11: LOG serverless-heaven/serverless-webpack#314.
    api = Api(methods=[Method("ANY", "/p", integration=Integration("AWS_PROXY", uri=LAMBDA))])
    log = api.invoke("GET", "/p", backend={"statusCode": 200, "wrongValue": 1}).log
    at = log.index("Execution failed due to configuration error: Malformed Lambda proxy response")
    assert log[-1] == "Method completed with status: 502"
    assert at < len(log) - 1


def test_a_lambda_proxy_integration_by_get_is_a_500() -> None:
    # AWS-REC LS:lambda::test_lambda_aws_proxy_integration_non_post_method (2024-03-20):
    # integrationHttpMethod GET → 500 {"message": "Internal server error"}; LocalStack's
    # maintainers traced it to INTEGRATION_FAILURE answering 500 (PR 11183).
    api = Api(methods=[Method("ANY", "/{proxy+}", integration=Integration("AWS_PROXY", uri=LAMBDA, http_method="GET"))])
    invocation = api.invoke("GET", "/test-path", backend={"statusCode": 200, "body": "never"})
    assert (invocation.response.status, invocation.response.body, invocation.error) == (
        500, '{"message": "Internal server error"}', "INTEGRATION_FAILURE")
    assert api.invoke("GET", "/test-path", backend={"statusCode": 200}).endpoint_response is None
    by_post = Api(methods=[Method("ANY", "/{proxy+}", integration=Integration("AWS_PROXY", uri=LAMBDA,
                                                                              http_method="POST"))])
    assert by_post.invoke("GET", "/test-path", backend={"statusCode": 200, "body": "ok"}).response.body == "ok"


def test_a_lambda_proxy_integration_does_not_use_request_parameters() -> None:
    # AWS-REC LS:lambda::test_lambda_aws_proxy_integration_request_data_mapping (2024-07-18):
    # "verify that AWS_PROXY does not use the requestParameters": the event has the client's
    # headers and query only.
    api = Api(methods=[Method("ANY", "/{pathVariable}", integration=Integration(
        "AWS_PROXY", uri=LAMBDA, http_method="POST", request_parameters={
            "integration.request.header.headerVar": "method.request.header.foobar",
            "integration.request.querystring.queryString": "method.request.querystring.testQueryString"}))])
    seen: dict = {}
    api.invoke("POST", "/foobar?testQueryString=foo&testVar=bar",
               headers={"foobar": "mapped-value", "headerVar": "request-value"},
               backend=lambda event, context: seen.update(event) or {"statusCode": 200})
    assert seen["headers"] == {"foobar": "mapped-value", "headerVar": "request-value"}
    assert seen["queryStringParameters"] == {"testQueryString": "foo", "testVar": "bar"}
    assert seen["pathParameters"] == {"pathVariable": "foobar"}


def test_the_proxy_event_has_no_connection_or_content_length() -> None:
    # AWS-REC LS:lambda::test_lambda_aws_proxy_integration_request_data_mapping (2024-07-18):
    # python-requests sent Connection and Content-Length; the recorded event has neither.
    api = Api(methods=[Method("ANY", "/p", integration=Integration("AWS_PROXY", uri=LAMBDA))])
    seen: dict = {}
    api.invoke("POST", "/p", body='{"message": "hello world"}',
               headers={"Connection": "keep-alive", "Content-Length": "26", "Content-Type": "application/json",
                        "User-Agent": "test/integration"},
               backend=lambda event, context: seen.update(event) or {"statusCode": 200})
    assert seen["headers"] == {"Content-Type": "application/json", "User-Agent": "test/integration"}
    assert list(seen["multiValueHeaders"]) == ["Content-Type", "User-Agent"]


def test_mapped_hop_by_hop_headers_never_reach_an_http_backend() -> None:
    # AWS-USER: LocalStack's AWS-validated test_apigateway_header_remapping_http maps these and
    # lists them as "Dropped from the integration to the invocation request"; others pass.
    api = Api(methods=[Method("GET", "/h", integration=Integration(
        "HTTP", uri="https://b.example.com", http_method="POST", request_parameters={
            "integration.request.header.Connection": "'keep-alive'",
            "integration.request.header.Proxy-Authenticate": "'Basic'",
            "integration.request.header.TE": "'gzip'",
            "integration.request.header.Via": "'othersite.net'",
            "integration.request.header.Pragma": "'no-cache'"},
        responses=[IntegrationResponse("200")]))])
    sent = api.invoke("GET", "/h", backend=HttpResponse(200)).integration_request.headers
    assert {name.lower() for name in sent} == {"accept", "user-agent", "x-amzn-apigateway-api-id", "pragma"}


def test_http_proxy_adds_the_api_id_and_remaps_the_backend_request_id() -> None:
    # AWS-REC LS:http::test_http_integration_with_lambda[HTTP_PROXY] (2024-03-28): the
    # backend got x-amzn-apigateway-api-id beside the client's headers; its x-amzn-RequestId
    # came back as x-amzn-Remapped-x-amzn-RequestId (with Connection, Content-Length, Date).
    api = Api(methods=[Method("POST", "/test", integration=Integration(
        "HTTP_PROXY", uri="https://echo.example.com/", http_method="POST"))])
    invocation = api.invoke("POST", "/test", headers={"Content-Type": "application/json"}, body="{}",
                            backend=HttpResponse(200, {"x-amzn-RequestId": "r-1", "Content-Type": "application/json"}))
    assert invocation.integration_request.headers["X-Amzn-Apigateway-Api-Id"] == "1234567890"
    assert invocation.response.headers == {"x-amzn-Remapped-x-amzn-RequestId": "r-1",
                                           "Content-Type": "application/json"}


def test_an_empty_selection_pattern_is_the_default_response() -> None:
    # AWS-REC LS:lambda::test_lambda_aws_integration_with_request_template (2023-05-31): the
    # method's only integration response has selectionPattern "" and a success returns 200.
    api = Api(methods=[Method("GET", "/test", integration=Integration(
        "AWS", uri=LAMBDA, http_method="POST",
        request_templates={"application/json": '{"param1": "$input.params(\'param1\')"}'},
        responses=[IntegrationResponse("200", selection_pattern="")]))])
    invocation = api.invoke("GET", "/test?param1=foobar", backend=lambda event, context: event)
    assert (invocation.response.status, invocation.response.json()) == (200, {"param1": "foobar"})
    assert invocation.integration_response.selection_pattern is None

"""Round 4 of what AWS records and documents about REST API methods, checked against the
pipeline (the checklist: /work/pipe4-notes.md, in the branch report).

Each test names its source: AWS-REC (a LocalStack test marked ``aws.validated``), AWS-DOC
(the developer guide) or AWS-USER (a transcript of a deployed API's answer).
"""

from __future__ import annotations

import base64
import hashlib
import json

import pytest

from vtl.api import (
    Api,
    GatewayResponse,
    Integration,
    LambdaError,
    Method,
    Model,
    RequestValidator,
)

LAMBDA = ("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
          "arn:aws:lambda:us-east-1:1:function:f/invocations")


def validated_api() -> Api:
    return Api(
        methods=[Method("PUT", "/orders", request_validator="all", request_models={"application/json": "Order"},
                        request_parameters={"method.request.querystring.key": True},
                        integration=Integration("AWS_PROXY", uri=LAMBDA, http_method="POST"))],
        models={"Order": Model("Order", {"type": "object", "properties": {
            "orderPaymentCurrency": {"enum": ["USD", "EUR"]}}})},
        request_validators={"all": RequestValidator("all", True, True)})


def test_the_default_bad_request_bodies_have_a_space_after_the_colon() -> None:
    """AWS-USER: aws-samples/serverless-patterns apigw-s3-lambda-sls-py README (2024-02-07
    curl transcript of the deployed API): a body with ``"orderPaymentCurrency": "ZZZ"``
    answers 400, ``content-length: 35``, ``x-amzn-errortype: BadRequestException``,
    "Invalid request body" (35 bytes is ``{"message": "Invalid request body"}``), where the
    missing-key 403 of the same transcript is ``content-length: 23``
    (``{"message":"Forbidden"}``); pulumi-aws-apigateway's integration test deploys an API
    and compares the body with ``{"message": "Missing required request parameters: [key]"}``
    byte for byte."""
    api = validated_api()
    invalid = api.invoke("PUT", "/orders?key=k", body='{"orderPaymentCurrency": "ZZZ"}').response
    assert (invalid.status, invalid.body) == (400, '{"message": "Invalid request body"}')
    assert len(invalid.body.encode()) == 35
    assert invalid.headers["x-amzn-ErrorType"] == "BadRequestException"
    missing = api.invoke("PUT", "/orders", body='{"orderPaymentCurrency": "USD"}').response
    assert missing.body == '{"message": "Missing required request parameters: [key]"}'
    # A customised template is the API's own: no space unless written.
    api.gateway_responses["BAD_REQUEST_BODY"] = GatewayResponse(
        "BAD_REQUEST_BODY", response_templates={"application/json": '{"message":$context.error.messageString}'})
    custom = api.invoke("PUT", "/orders?key=k", body='{"orderPaymentCurrency": "ZZZ"}').response
    assert custom.body == '{"message":"Invalid request body"}'


def _hash(value: str) -> str:
    return base64.b64encode(hashlib.sha256(value.encode()).digest()).decode()


def test_a_bearer_token_sent_to_a_path_without_a_method_is_an_incomplete_signature() -> None:
    """AWS-USER: ``http https://<api>/does-not-exist "Authorization: Bearer <token>"`` → 403,
    ``x-amzn-ErrorType: IncompleteSignatureException``, "not a valid key=value pair (missing
    equal-sign) in Authorization header" (a public Lambda-authorizer troubleshooting guide;
    serverless/serverless#3205; amazon-archives/aws-cognito-angular-quickstart#50: "That
    error will return for any invalid endpoints"). Today's wording hashes the header: a 2026
    curl transcript sent ``Authorization: x-api-key CTkrL5f5IxvMpX722zXivqnd1KU5VyoNBOFQFUUnf-E``
    and got 403 ``x-amzn-errortype: IncompleteSignatureException``
    ``{"message":"Invalid key=value pair (missing equal-sign) in Authorization header (hashed
    with SHA-256 and encoded with Base64): 'MZ1DdfK/poPwXem5nlPM...`` (the base64 SHA-256 of
    that value begins so). Without the header the 403 stays Missing Authentication Token."""
    api = Api(methods=[Method("GET", "/a", integration=Integration("AWS_PROXY", uri=LAMBDA, http_method="POST"))])
    value = "x-api-key CTkrL5f5IxvMpX722zXivqnd1KU5VyoNBOFQFUUnf-E"
    assert _hash(value).startswith("MZ1DdfK/poPwXem5nlPM")
    invocation = api.invoke("POST", "/a", headers={"Authorization": value})
    response = invocation.response
    assert response.status == 403
    assert response.headers["x-amzn-ErrorType"] == "IncompleteSignatureException"
    assert response.body == ('{"message":"Invalid key=value pair (missing equal-sign) in Authorization header '
                             f"(hashed with SHA-256 and encoded with Base64): '{_hash(value)}'.\"}}")
    # AWS-USER DataBiosphere/azul#7470: the access log's $context.error.responseType is
    # DEFAULT_4XX (status 403) for this message.
    assert invocation.error == "DEFAULT_4XX"
    plain = api.invoke("POST", "/a").response
    assert (plain.body, plain.headers["x-amzn-ErrorType"]) == (
        '{"message":"Missing Authentication Token"}', "MissingAuthenticationTokenException")


def test_an_authorization_value_without_key_value_parts_lists_what_a_signature_needs() -> None:
    """AWS-USER aws/chalice#828 (2018, a route that was not built, a bare JWT as the header),
    rclone's comments (``Authorization=Bearer``), a docs page (``Authorization=Basic Og==``):
    403 "Authorization header requires 'Credential' parameter. Authorization header requires
    'Signature' parameter. Authorization header requires 'SignedHeaders' parameter.
    Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."
    A 2026 transcript shows the value hashed after "(Hashed with SHA-256 and encoded with
    Base64)"."""
    api = Api(methods=[Method("GET", "/a", integration=Integration("AWS_PROXY", uri=LAMBDA, http_method="POST"))])
    needs = ("Authorization header requires 'Credential' parameter. Authorization header requires "
             "'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. "
             "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
    for value in ("eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.e30.sig", "Bearer", "Basic Og=="):
        response = api.invoke("GET", "/nowhere", headers={"Authorization": value}).response
        assert response.status == 403
        assert response.headers["x-amzn-ErrorType"] == "IncompleteSignatureException"
        assert response.body.startswith('{"message":"' + needs + " (Hashed with SHA-256 and encoded with Base64)")


def test_a_bearer_token_sent_to_an_iam_method_is_an_incomplete_signature() -> None:
    """AWS-USER (a deployed API's troubleshooting notes): an ``AWS_IAM`` method that gets a
    Cognito ``Bearer`` token answers 403 with ``x-amzn-errortype: IncompleteSignatureException``
    ("the signature format does not match"). Its type is DEFAULT_4XX (AWS-USER
    DataBiosphere/azul#7470 access logs), so a customised DEFAULT_4XX answers instead; a
    customised MISSING_AUTHENTICATION_TOKEN does not."""
    api = Api(methods=[Method("GET", "/orders", authorization_type="AWS_IAM", integration=Integration(
        "AWS_PROXY", uri=LAMBDA, http_method="POST"))])
    response = api.invoke("GET", "/orders", headers={"Authorization": "Bearer eyJ.a.b"}).response
    assert (response.status, response.headers["x-amzn-ErrorType"]) == (403, "IncompleteSignatureException")
    assert "not a valid" not in response.body and "Invalid key=value pair" in response.body
    api.gateway_responses["MISSING_AUTHENTICATION_TOKEN"] = GatewayResponse(
        "MISSING_AUTHENTICATION_TOKEN", status_code="404",
        response_templates={"application/json": '{"error":"not found"}'})
    assert api.invoke("GET", "/orders", headers={"Authorization": "Bearer eyJ.a.b"}).response.status == 403
    assert api.invoke("GET", "/orders").response.body == '{"error":"not found"}'
    api.gateway_responses["DEFAULT_4XX"] = GatewayResponse(
        "DEFAULT_4XX", status_code="400",
        response_templates={"application/json": '{"error":"$context.error.responseType"}'})
    custom = api.invoke("GET", "/orders", headers={"Authorization": "Bearer eyJ.a.b"}).response
    assert (custom.status, custom.body) == (400, '{"error":"DEFAULT_4XX"}')


def test_a_proxy_function_error_is_an_integration_failure_at_502() -> None:
    """AWS-USER DataBiosphere/azul PR 6624 (2024-06, a REST API's access logs with
    ``$context.error.responseType``): a Lambda proxy function's error ("Lambda Customer
    Function Error:'AZUL_S3_BUCKET'", and Lambda's "Response payload size exceeded maximum
    allowed payload size") logs ``INTEGRATION_FAILURE`` "Internal server error"; azul#7475
    (2025-10): that 502 came with the API's customised 5XX body, status still 502,
    ``x-amzn-errortype: InternalServerErrorException``."""
    api = Api(methods=[Method("GET", "/index", integration=Integration("AWS_PROXY", uri=LAMBDA, http_method="POST"))])
    failed = api.invoke("GET", "/index", backend=LambdaError("'AZUL_S3_BUCKET'", "KeyError"))
    assert (failed.error, failed.response.status, failed.response.body) == (
        "INTEGRATION_FAILURE", 502, '{"message": "Internal server error"}')
    assert failed.response.headers["x-amzn-ErrorType"] == "InternalServerErrorException"
    api.gateway_responses["INTEGRATION_FAILURE"] = GatewayResponse(
        "INTEGRATION_FAILURE", response_templates={"application/json": '{"message": "Retry later"}'})
    custom = api.invoke("GET", "/index", backend=LambdaError("'AZUL_S3_BUCKET'", "KeyError")).response
    assert (custom.status, custom.body) == (502, '{"message": "Retry later"}')


def test_a_gateway_response_is_compressed_as_a_method_response_is() -> None:
    """AWS-USER DataBiosphere/azul#3886 (2022-02-25, ``http --headers``, which asks for
    ``gzip, deflate``): a 502 ``x-amzn-ErrorType: InternalServerErrorException`` of an API
    with compression on came with ``Content-Encoding: gzip`` and ``Content-Length: 56``: the
    gzip of ``{"message": "Internal server error"}`` (36 bytes) is 56 bytes, and CloudFront
    compresses nothing under 1,000 bytes (AWS-DOC CloudFront ServingCompressedFiles)."""
    import gzip

    api = Api(methods=[Method("GET", "/index", integration=Integration("AWS_PROXY", uri=LAMBDA, http_method="POST"))],
              minimum_compression_size=0)
    response = api.invoke("GET", "/index", headers={"Accept-Encoding": "gzip, deflate"},
                          backend=LambdaError("boom", "Exception")).response
    assert response.status == 502
    assert response.headers["Content-Encoding"] == "gzip"
    assert isinstance(response.body, bytes) and len(response.body) == 56
    assert gzip.decompress(response.body) == b'{"message": "Internal server error"}'


def test_a_throttled_lambda_is_a_500_after_the_rate_exceeded_lines() -> None:
    """AWS-USER (a REST API's curl transcript and execution log, 2025-05-20, the source of
    the integration-timeout 504): a Lambda throttled by its reserved concurrency answers
    500 ``{"message": "Internal server error"}`` with the log lines "Lambda invocation failed
    with status: 429. Lambda request id: …" and "Execution failed due to configuration
    error: Rate Exceeded."; Lambda's 429 body is ``{"Reason":
    "ReservedFunctionConcurrentInvocationLimitExceeded", "Type": "User", "message": "Rate
    Exceeded."}`` (solo-io/envoy-gloo PR 407)."""
    from vtl.api import IntegrationResponse, LambdaThrottled

    proxy = Api(methods=[Method("GET", "/p", integration=Integration("AWS_PROXY", uri=LAMBDA, http_method="POST"))])
    custom = Api(methods=[Method("GET", "/c", integration=Integration(
        "AWS", uri=LAMBDA, http_method="POST", responses=[IntegrationResponse("200")]))])
    for api, path in ((proxy, "/p"), (custom, "/c")):
        invocation = api.invoke("GET", path, backend=LambdaThrottled(request_id="0b1c"))
        response = invocation.response
        assert (response.status, response.body) == (500, '{"message": "Internal server error"}')
        assert response.headers["x-amzn-ErrorType"] == "InternalServerErrorException"
        log = list(invocation.log)
        first = log.index("Lambda invocation failed with status: 429. Lambda request id: 0b1c")
        assert log[first + 1] == "Execution failed due to configuration error: Rate Exceeded."
        assert log[-1] == "Method completed with status: 500"


def test_a_method_that_requires_an_api_key_logs_the_usage_plan_check() -> None:
    """AWS-USER CloudWatch execution logs: serverless-aws-logs-parser's mock (2016-10-01)
    "Verifying Usage Plan for request: <id>. API Key: **********************************bMZHBg
    API Stage: ulhoxnm2x2/dev", "Usage Plan check succeeded for API Key …bMZHBg and API Stage
    ulhoxnm2x2/dev", "Starting execution …", "HTTP Method: POST, Resource Path: /repos/hello",
    "API Key: …bMZHBg"; Zappa#390 (2016-10-11), a key outside every plan: "API Key …gE96dR
    not authorized because method 'GET /' requires API Key and …", then "Method completed
    with status: 403"."""
    from vtl.api import IntegrationResponse

    api = Api(methods=[Method("POST", "/repos/{id}", api_key_required=True, integration=Integration(
        "MOCK", request_templates={"application/json": '{"statusCode": 200}'}, responses=[IntegrationResponse("200")]))],
        api_keys=["a" * 34 + "bMZHBg"])
    masked = "*" * 34 + "bMZHBg"
    log = list(api.invoke("POST", "/repos/hello", headers={"x-api-key": "a" * 34 + "bMZHBg"}).log)
    verify = next(index for index, line in enumerate(log) if line.startswith("Verifying Usage Plan for request: "))
    assert log[verify].endswith(f". API Key: {masked} API Stage: 1234567890/prod")
    assert log[verify + 1] == f"Usage Plan check succeeded for API Key {masked} and API Stage 1234567890/prod"
    assert log[verify + 2].startswith("Starting execution for request: ")
    assert log[verify + 3:verify + 5] == ["HTTP Method: POST, Resource Path: /repos/hello", f"API Key: {masked}"]
    refused = list(api.invoke("POST", "/repos/hello", headers={"x-api-key": "b" * 34 + "gE96dR"}).log)
    assert any(line.startswith(f"API Key {'*' * 34}gE96dR not authorized because method 'POST /repos/{{id}}' "
                               "requires API Key") for line in refused)
    assert refused[-1] == "Method completed with status: 403"


def test_an_unreachable_http_endpoint_is_a_500_configuration_error() -> None:
    """AWS-DOC knowledge-center api-gateway-500-error-vpc: an integration that cannot reach
    its backend (VPC link target down, port closed, certificate name mismatch) answers 500,
    logged "Execution failed due to configuration error: There was an internal error while
    executing your request" (or "Host name 'domain.com.com' does not match the certificate
    subject provided by the peer (CN=myinstance.com)") then "Method completed with status:
    500"."""
    from vtl.api import EndpointUnreachable, HttpResponse, IntegrationResponse

    http = Api(methods=[Method("GET", "/h", integration=Integration(
        "HTTP", uri="https://b.example.com/", http_method="GET", responses=[IntegrationResponse("200")]))])
    proxy = Api(methods=[Method("GET", "/{proxy+}", integration=Integration(
        "HTTP_PROXY", uri="https://b.example.com/{proxy}", http_method="ANY",
        request_parameters={"integration.request.path.proxy": "method.request.path.proxy"}))])
    mismatch = ("Host name 'domain.com.com' does not match the certificate subject provided by the peer "
                "(CN=myinstance.com)")
    for api, backend, reason in (
            (http, EndpointUnreachable(), "There was an internal error while executing your request"),
            (proxy, EndpointUnreachable(mismatch), mismatch)):
        invocation = api.invoke("GET", "/h", backend=backend)
        assert (invocation.response.status, invocation.response.body) == (500, '{"message": "Internal server error"}')
        log = list(invocation.log)
        assert f"Execution failed due to configuration error: {reason}" in log
        assert log[-1] == "Method completed with status: 500"
    assert http.invoke("GET", "/h", backend=HttpResponse(200, {}, "ok")).response.status == 200


# --- the same backends through `vtl invoke` ---------------------------------------------------

def _http_and_lambda_api(tmp_path) -> str:
    """An HTTP method (GET /h) and a Lambda proxy method (GET /l), as an OpenAPI export."""
    lambda_uri = ("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                  "arn:aws:lambda:us-east-1:123456789012:function:f/invocations")
    (tmp_path / "api.json").write_text(json.dumps({
        "openapi": "3.0.1", "info": {"title": "t", "version": "1"},
        "paths": {
            "/h": {"get": {"x-amazon-apigateway-integration": {
                "type": "http", "uri": "https://b.example.com/", "httpMethod": "GET",
                "responses": {"default": {"statusCode": "200"}}}}},
            "/l": {"get": {"x-amazon-apigateway-integration": {
                "type": "aws_proxy", "uri": lambda_uri, "httpMethod": "POST"}}},
        }}))
    return str(tmp_path / "api.json")


def test_vtl_invoke_lambda_throttled(tmp_path, capsys) -> None:
    """``--lambda-throttled``: the 500 and the two log lines of the AWS-USER transcript
    (pipe3 row 64) that test_a_throttled_lambda_is_a_500_after_the_rate_exceeded_lines
    checks through the API."""
    from vtl.cli import main

    code = main(["invoke", _http_and_lambda_api(tmp_path), "GET /l", "--lambda-throttled", "--json"])
    document = json.loads(capsys.readouterr().out)
    assert code == 0
    assert document["response"]["status"] == 500
    assert document["response"]["body"] == '{"message": "Internal server error"}'
    log = "\n".join(document["log"])
    assert "Lambda invocation failed with status: 429" in log
    assert "Execution failed due to configuration error: Rate Exceeded." in log


@pytest.mark.parametrize(("argv", "reason"), [
    # without a REASON, the knowledge-center article's own text
    ([], "There was an internal error while executing your request"),
    (["Host name 'domain.com.com' does not match the certificate subject provided by the peer "
      "(CN=myinstance.com)"],
     "Host name 'domain.com.com' does not match the certificate subject provided by the peer "
     "(CN=myinstance.com)"),
])
def test_vtl_invoke_endpoint_unreachable(tmp_path, capsys, argv, reason) -> None:
    """``--endpoint-unreachable [REASON]``: 500, and the log line AWS-DOC knowledge-center
    api-gateway-500-error-vpc quotes."""
    from vtl.cli import main

    code = main(["invoke", _http_and_lambda_api(tmp_path), "GET /h", "--json",
                 "--endpoint-unreachable", *argv])
    document = json.loads(capsys.readouterr().out)
    assert code == 0
    assert document["response"]["status"] == 500
    assert f"Execution failed due to configuration error: {reason}" in document["log"]


@pytest.mark.parametrize(("route", "argv", "message"), [
    ("GET /h", ["--lambda-throttled"],
     "an HTTP integration needs --http-response, --integration-timeout or "
     "--endpoint-unreachable, not --lambda-throttled"),
    ("GET /l", ["--endpoint-unreachable"],
     "a Lambda integration needs --lambda-result, --lambda-error, --lambda-throttled or "
     "--integration-timeout, not --endpoint-unreachable"),
    ("GET /l", ["--http-response", '{"status": 200}'],
     "a Lambda integration needs --lambda-result, --lambda-error, --lambda-throttled or "
     "--integration-timeout, not --http-response"),
])
def test_vtl_invoke_names_the_options_a_method_needs(tmp_path, capsys, route, argv, message) -> None:
    """A backend option of the wrong kind is a usage error (exit 2) naming the options the
    method's integration takes and the one given."""
    from vtl.cli import main

    code = main(["invoke", _http_and_lambda_api(tmp_path), route, *argv])
    assert code == 2
    assert capsys.readouterr().err == f"vtl: error: {message}\n"

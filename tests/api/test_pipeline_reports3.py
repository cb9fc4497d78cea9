"""Round 3 of what AWS records and documents about REST API methods, checked against the
pipeline (the checklist: /work/pipe3-notes.md, in the branch report).

Each test names its source: AWS-REC (a LocalStack test marked ``aws.validated``, whose
assertions ran against AWS; a console or CloudWatch log), AWS-DOC (the developer guide, read
from awsdocs/amazon-api-gateway-developer-guide ``doc_source/<page>.md``) or AWS-USER.
"""

from __future__ import annotations

import json

from vtl.api import (
    Api,
    HttpResponse,
    Integration,
    IntegrationResponse,
    LambdaError,
    Method,
    MethodResponse,
)

LAMBDA = ("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
          "arn:aws:lambda:us-east-1:1:function:f/invocations")


def proxy_api() -> Api:
    return Api(methods=[Method("ANY", "/{proxy+}", integration=Integration(
        "AWS_PROXY", uri=LAMBDA, http_method="POST"))])


def test_an_empty_proxy_result_is_a_200_with_no_body() -> None:
    """AWS-REC LS:lambda::test_lambda_aws_proxy_response_format (validated 2024-02-23, after
    localstack#10310 "API Gateway does not allow lambda integrations to return JSON without a
    body"): its function (lambda_aws_proxy_format.py) returns ``{}`` for /empty-response and
    the test asserts status 200 and empty content, as for ``{"statusCode": 200}``.
    (test_aws_proxy_response_payload_format_validation's "invoke-api-empty-response" 502 is
    a function error: that test sends no body for ``{}`` and its function's
    ``json.loads(None)`` raises.)"""
    for result in ({}, {"statusCode": 200}):
        response = proxy_api().invoke("GET", "/empty-response", backend=result).response
        assert (response.status, response.body) == (200, "")
    wrong = proxy_api().invoke("GET", "/wrong-format", backend={"statusCode": 200, "wrongValue": "value"})
    assert wrong.response.status == 502  # same recording


def test_an_empty_response_template_passes_the_payload_through() -> None:
    """AWS-DOC request-response-data-mappings (Select a VTL mapping template): with only an
    ``application/xml`` response template, a request without Accept gets it; "To return the
    response payload unmapped instead, you must set up an empty template for
    application/json"."""
    xml_only = {"application/xml": "<name>$input.path('$').name</name>"}
    for templates, expected in ((xml_only, "<name>n</name>"), ({**xml_only, "application/json": ""}, '{"name":"n"}')):
        api = Api(methods=[Method("GET", "/x", integration=Integration(
            "HTTP", uri="https://b.example.com/", http_method="GET",
            responses=[IntegrationResponse("200", response_templates=templates)]))])
        response = api.invoke("GET", "/x", backend=HttpResponse(200, {}, '{"name":"n"}')).response
        assert response.body == expected
    accepted = api.invoke("GET", "/x", headers={"Accept": "application/xml"},
                          backend=HttpResponse(200, {}, '{"name":"n"}')).response
    assert accepted.body == "<name>n</name>"


def test_a_custom_lambda_error_is_deserialized_for_header_mappings() -> None:
    """AWS-DOC handle-errors-in-lambda-integration (Handle custom Lambda errors): the
    function fails with ``JSON.stringify(myErrorObj)``; the mappings
    ``integration.response.body.errorMessage.trace.function``, ``…errorMessage.httpStatus``,
    ``…errorMessage.errorType`` and ``…errorMessage.trace`` give the headers
    ``"error_status":"500"``, ``"error_trace":"{\\"function\\":\\"abc()\\",\\"line\\":123,\\"file\\":\\"abc.js\\"}"``,
    ``"error_trace_function":"abc()"``, ``"error_type":"InternalServerError"`` ("API Gateway
    deserializes the integration.response.body parameter when performing header mappings")."""
    message = ('{"errorType":"InternalServerError","httpStatus":500,"requestId":'
               '"e5849002-39a0-11e7-a419-5bb5807c9fb2","trace":{"function":"abc()","line":123,"file":"abc.js"}}')
    api = Api(methods=[Method("GET", "/e", integration=Integration(
        "AWS", uri=LAMBDA, http_method="POST", responses=[IntegrationResponse("200", response_parameters={
            "method.response.header.error_trace_function": "integration.response.body.errorMessage.trace.function",
            "method.response.header.error_status": "integration.response.body.errorMessage.httpStatus",
            "method.response.header.error_type": "integration.response.body.errorMessage.errorType",
            "method.response.header.error_trace": "integration.response.body.errorMessage.trace"})]))])
    headers = api.invoke("GET", "/e", backend=LambdaError(message, None)).response.headers
    assert {name: headers.get(name) for name in ("error_status", "error_trace", "error_trace_function", "error_type")} == {
        "error_status": "500",
        "error_trace": '{"function":"abc()","line":123,"file":"abc.js"}',
        "error_trace_function": "abc()",
        "error_type": "InternalServerError",
    }
    # "this deserialization applies only to body-to-header mappings … and does not apply to
    # body-to-body mappings using $input.body" (same page).
    assert json.loads(api.invoke("GET", "/e", backend=LambdaError(message, None)).response.body)[
        "errorMessage"] == message


def test_a_selected_response_without_a_method_response_is_a_500() -> None:
    """AWS-DOC api-gateway-integration-settings-integration-response: "If no method response
    is defined for the returned status code, API Gateway returns a 500 error"
    (handle-errors-in-lambda-integration: "Otherwise, API Gateway throws an invalid
    configuration error response at runtime"). AWS's request-validation sample API declares
    a default integration response 400 and only a 200 method response; a backend 404
    selects that default."""
    api = Api(methods=[Method(
        "GET", "/validation", method_responses={"200": MethodResponse("200", headers={"test-method-response-header": False})},
        integration=Integration(
            "HTTP", uri="http://petstore-demo-endpoint.execute-api.com/petstore/pets", http_method="GET",
            responses=[IntegrationResponse("200", selection_pattern="2\\d{2}"),
                       IntegrationResponse("400", response_parameters={
                           "method.response.header.test-method-response-header": "'static value'"},
                           response_templates={"application/json": "json 400 response template"})]))])
    found = api.invoke("GET", "/validation", backend=HttpResponse(200, {}, "[]"))
    assert found.response.status == 200
    missing = api.invoke("GET", "/validation", backend=HttpResponse(404, {}, '{"message": "none"}'))
    assert (missing.response.status, missing.response.body) == (500, '{"message": "Internal server error"}')
    assert missing.error == "API_CONFIGURATION_ERROR"


def test_a_lambda_integration_in_china_calls_the_amazonaws_com_cn_endpoint() -> None:
    """AWS-USER: a test-invoke log of an ``arn:aws-cn:`` Lambda integration in
    cn-northwest-1, "Endpoint request URI: https://lambda.cn-northwest-1.amazonaws.com.cn/
    2015-03-31/functions/arn:aws-cn:lambda:cn-northwest-1:079671731889:function:CreateDCV/
    invocations" (a DCVCluster README, find_string id 32982651691); GovCloud keeps
    amazonaws.com ("https://lambda.us-gov-east-1.amazonaws.com/…" in another log)."""
    for partition, region, host in (("aws-cn", "cn-northwest-1", "lambda.cn-northwest-1.amazonaws.com.cn"),
                                    ("aws-us-gov", "us-gov-east-1", "lambda.us-gov-east-1.amazonaws.com")):
        function = f"arn:{partition}:lambda:{region}:079671731889:function:CreateDCV"
        uri = f"arn:{partition}:apigateway:{region}:lambda:path/2015-03-31/functions/{function}/invocations"
        api = Api(methods=[Method("GET", "/dcv", integration=Integration("AWS_PROXY", uri=uri, http_method="POST"))])
        request = api.invoke("GET", "/dcv", backend={"statusCode": 200}).integration_request
        assert request.uri == f"https://{host}/2015-03-31/functions/{function}/invocations"


def test_a_proxy_function_error_logs_the_customer_function_error() -> None:
    """AWS-USER test-invoke log (2022-03-05, a CDK user's notes, find_string id 26866273688):
    for a Python function that failed, "Endpoint response body before transformations:
    {"errorMessage": "'LambdaContext' object has no attribute 'succeed'", "errorType":
    "AttributeError", "requestId": "c2fdeda4-…", "stackTrace": […]}" then "Lambda execution
    failed with status 200 due to customer function error: 'LambdaContext' object has no
    attribute 'succeed'. Lambda request id: c2fdeda4-…" then "Method completed with status:
    502" (the same wording in 2019 CloudWatch logs: "… customer function error: … Task timed
    out after 10.00 seconds. Lambda request id: …"). No configuration-error line."""
    error = LambdaError.from_document({
        "errorMessage": "'LambdaContext' object has no attribute 'succeed'", "errorType": "AttributeError",
        "requestId": "c2fdeda4-0849-4da2-bc61-36a9ed8b698d",
        "stackTrace": ['  File "/var/task/web.py", line 18, in example_static_content_handler\n'
                       "    context.succeed(html)\n"]})
    invocation = proxy_api().invoke("GET", "/test4", backend=error)
    assert invocation.response.status == 502
    log = invocation.log
    body = log.index("Endpoint response body before transformations: " + json.dumps(error.document))
    assert log[body + 1] == ("Lambda execution failed with status 200 due to customer function error: "
                             "'LambdaContext' object has no attribute 'succeed'. Lambda request id: "
                             "c2fdeda4-0849-4da2-bc61-36a9ed8b698d")
    assert not any(line.startswith("Execution failed due to configuration error") for line in log)
    assert log[-1] == "Method completed with status: 502"


def test_a_backend_that_does_not_answer_in_time_is_a_504() -> None:
    """AWS-USER curl transcript and execution log of a REST API whose Lambda ran past the
    29 s integration timeout (2025-05-20): ``HTTP/2 504``, ``content-type:
    application/json``, ``content-length: 41``, ``x-amzn-errortype:
    InternalServerErrorException``, body ``{"message": "Endpoint request timed out"}``; log
    "Execution failed due to a timeout error", "Method completed with status: 504"."""
    from vtl.api import IntegrationTimeout

    http = Api(methods=[Method("GET", "/h", integration=Integration(
        "HTTP", uri="https://b.example.com/", http_method="GET", responses=[IntegrationResponse("200")]))])
    custom = Api(methods=[Method("GET", "/f", integration=Integration(
        "AWS", uri=LAMBDA, http_method="POST", responses=[IntegrationResponse("200")]))])
    for invocation in (proxy_api().invoke("GET", "/lambda_handler", backend=IntegrationTimeout()),
                       http.invoke("GET", "/h", backend=IntegrationTimeout()),
                       http.invoke("GET", "/h", backend=lambda request: IntegrationTimeout()),
                       custom.invoke("GET", "/f", backend=IntegrationTimeout())):
        response = invocation.response
        assert (response.status, response.body) == (504, '{"message": "Endpoint request timed out"}')
        assert len(response.body) == 41
        assert response.headers["x-amzn-ErrorType"] == "InternalServerErrorException"
        assert invocation.error == "INTEGRATION_TIMEOUT"
        assert "Execution failed due to a timeout error" in invocation.log
        assert invocation.log[-1] == "Method completed with status: 504"


def test_vtl_invoke_integration_timeout(tmp_path, capsys) -> None:
    """``vtl invoke … --integration-timeout``: the 504 of the test above (same AWS-USER
    transcript), through the command."""
    from vtl.cli import main

    (tmp_path / "api.json").write_text(json.dumps({
        "openapi": "3.0.1", "info": {"title": "t", "version": "1"},
        "paths": {"/h": {"get": {"x-amazon-apigateway-integration": {
            "type": "http", "uri": "https://b.example.com/", "httpMethod": "GET",
            "responses": {"default": {"statusCode": "200"}}}}}}}))
    code = main(["invoke", str(tmp_path / "api.json"), "GET /h", "--integration-timeout", "--json"])
    document = json.loads(capsys.readouterr().out)
    assert code == 0
    assert document["response"]["status"] == 504
    assert document["response"]["body"] == '{"message": "Endpoint request timed out"}'
    assert document["error"] == "INTEGRATION_TIMEOUT"

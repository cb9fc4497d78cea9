"""Api.invoke beyond the conformance cases: what the backend receives (the proxy event, the
integration request), callables as backends, content handling, the log, the JSON report,
stages, and the errors a user gets for an invocation that cannot run."""

from __future__ import annotations

import base64
import json

import pytest

from vtl.api import (
    Api,
    HttpResponse,
    Integration,
    IntegrationResponse,
    Invocation,
    InvocationError,
    LambdaError,
    Method,
    MethodResponse,
    ModelError,
    Source,
)

URI = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:1:function:f/invocations"


def proxy_api(path: str = "/{proxy+}") -> Api:
    return Api(methods=[Method("ANY", path, integration=Integration("AWS_PROXY", uri=URI))])


def test_the_lambda_proxy_event() -> None:
    seen = {}

    def handler(event, context):
        seen["event"], seen["context"] = event, context
        return {"statusCode": 200, "body": "ok"}

    invocation = proxy_api().invoke("GET", "/proxy-value/?price=10&price=20", headers={"X-A": "a"}, backend=handler)
    event = seen["event"]
    # Key order of the logged event (AWS-REC LOG, spec §11).
    assert list(event) == [
        "resource", "path", "httpMethod", "headers", "multiValueHeaders", "queryStringParameters",
        "multiValueQueryStringParameters", "pathParameters", "stageVariables", "requestContext", "body",
        "isBase64Encoded",
    ]
    assert event["resource"] == "/{proxy+}"
    assert event["path"] == "/proxy-value/"
    assert event["pathParameters"] == {"proxy": "proxy-value"}
    assert event["queryStringParameters"] == {"price": "20"}
    assert event["multiValueQueryStringParameters"] == {"price": ["10", "20"]}
    assert (event["body"], event["stageVariables"], event["isBase64Encoded"]) == (None, None, False)
    context = event["requestContext"]
    assert (context["resourcePath"], context["httpMethod"], context["stage"], context["path"]) == (
        "/{proxy+}", "GET", "prod", "/prod/proxy-value/"
    )
    assert context["identity"]["sourceIp"] == "127.0.0.1" and context["identity"]["user"] is None
    assert seen["context"].function_name == "f"
    assert invocation.integration_request.uri == (
        "https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:eu-west-1:1:function:f/invocations"
    )
    assert json.loads(invocation.integration_request.body) == event
    assert invocation.response.body == "ok"


def test_no_query_and_no_path_parameters_are_null() -> None:
    seen = {}
    proxy_api("/p").invoke("POST", "/p", body="x", backend=lambda event, context: seen.update(event) or {})
    assert seen["queryStringParameters"] is None and seen["multiValueQueryStringParameters"] is None
    assert seen["pathParameters"] is None and seen["body"] == "x"


def test_a_handler_that_raises_is_a_lambda_error() -> None:
    api = Api(methods=[Method("GET", "/f", integration=Integration("AWS", uri=URI, responses=[
        IntegrationResponse("409", ".*already exists.*"), IntegrationResponse("200")]))])

    def handler(event, context):
        raise ValueError("pet already exists")

    invocation = api.invoke("GET", "/f", backend=handler)
    assert invocation.response.status == 409
    assert json.loads(invocation.endpoint_response.body) == {"errorMessage": "pet already exists",
                                                             "errorType": "ValueError"}


def test_an_http_backend_function_gets_the_integration_request() -> None:
    api = Api(methods=[Method("POST", "/h", integration=Integration(
        "HTTP", uri="https://example.com/x", http_method="PUT",
        request_templates={"application/json": '{"n": $input.json(\'$.n\')}'},
        responses=[IntegrationResponse("200")]))])
    received = []

    def backend(request):
        received.append(request)
        return HttpResponse(200, {"X": "y"}, "done")

    invocation = api.invoke("POST", "/h", headers={"Content-Type": "application/json"}, body='{"n": 5}', backend=backend)
    assert received == [invocation.integration_request]
    assert (received[0].method, received[0].uri, received[0].body) == ("PUT", "https://example.com/x", '{"n": 5}')
    assert invocation.response.body == "done"


def test_a_missing_backend_is_an_error_only_when_the_integration_runs() -> None:
    api = Api(methods=[Method("GET", "/f", request_parameters={"method.request.querystring.q": True},
                              request_validator="v", integration=Integration("AWS", uri=URI, responses=[
                                  IntegrationResponse("200")]))])
    from vtl.api import RequestValidator

    api.request_validators["v"] = RequestValidator("v", validate_request_parameters=True)
    assert api.invoke("GET", "/f").response.status == 400  # stops before the backend
    with pytest.raises(InvocationError, match="Lambda integration: give a backend"):
        api.invoke("GET", "/f?q=1")


def test_a_missing_answer_of_an_aws_service_names_the_service() -> None:
    # An AWS service answers over HTTP, but "an HTTP integration" would misname it.
    api = Api(methods=[Method("POST", "/q", integration=Integration(
        "AWS", uri="arn:aws:apigateway:us-east-1:sqs:path/123456789012/orders",
        responses=[IntegrationResponse("200")]))])
    with pytest.raises(InvocationError, match=r"POST /q has an AWS service integration \(sqs\): give a backend"):
        api.invoke("POST", "/q")


def test_a_lambda_payload_that_is_not_json() -> None:
    api = Api(methods=[Method("GET", "/f", integration=Integration(
        "AWS", uri=URI, request_templates={"application/json": "not json"},
        responses=[IntegrationResponse("400", "Could not parse request body into json.*"),
                   IntegrationResponse("200")]))])
    invocation = api.invoke("GET", "/f", backend=lambda event, context: {})
    assert invocation.response.status == 400


def test_binary_request_converted_to_text() -> None:
    api = Api(binary_media_types=["image/*"], methods=[Method("POST", "/img", integration=Integration(
        "HTTP", uri="https://example.com/img", content_handling="CONVERT_TO_TEXT",
        request_templates={"image/png": '{"data": "$input.body"}'}, responses=[IntegrationResponse("200")]))])
    invocation = api.invoke("POST", "/img", headers={"Content-Type": "image/png"}, body=b"\x89PNG",
                            backend=HttpResponse(200))
    assert invocation.integration_request.body == '{{"data": "{}"}}'.format(base64.b64encode(b"\x89PNG").decode())


def test_binary_request_with_a_template_and_no_conversion_is_500() -> None:
    # AWS-REC LS:test_apigateway_s3::…_convert_to_binary_with_request_template (spec §10).
    api = Api(binary_media_types=["image/png"], methods=[Method("POST", "/img", integration=Integration(
        "HTTP", uri="https://example.com/img", request_templates={"image/png": "$input.body"},
        responses=[IntegrationResponse("200")]))])
    invocation = api.invoke("POST", "/img", headers={"Content-Type": "image/png"}, body=b"\x00\x01")
    assert invocation.response.status == 500


def test_response_converted_to_binary() -> None:
    api = Api(methods=[Method("GET", "/img", integration=Integration(
        "HTTP", uri="https://example.com/img",
        responses=[IntegrationResponse("200", content_handling="CONVERT_TO_BINARY")]))])
    invocation = api.invoke("GET", "/img", backend={"status": 200, "body": base64.b64encode(b"\x01\x02").decode()})
    assert invocation.response.body == b"\x01\x02"
    assert invocation.to_json()["response"]["body"] == "AQI="


def test_the_log_of_a_mock_has_no_endpoint_lines() -> None:
    # LS:api::test_invoke_test_method (spec §15).
    api = Api(methods=[Method("GET", "/m", integration=Integration(
        "MOCK", request_templates={"application/json": '{"statusCode": 200}'}, responses=[IntegrationResponse("200")]))])
    log = api.invoke("GET", "/m", headers={"b": "2", "a": "1"}).log
    assert not any(line.startswith(("Endpoint", "Sending", "Received")) for line in log)
    assert log[0].startswith("Execution log for request ")
    assert log[2] == "HTTP Method: GET, Resource Path: /m"
    assert "Method request headers: {a=1, b=2}" in log  # HashMap order
    assert log[-2:] == ["Successfully completed execution", "Method completed with status: 200"]


def test_the_log_reads_the_same_after_the_invocation_is_changed() -> None:
    # The map lines are written when the log is first read (vtl.api.log): changing what the
    # invocation returned before reading must not change them.
    api = Api(methods=[Method("POST", "/p/{id}", integration=Integration(
        "HTTP", uri="https://e.com/{id}", request_parameters={"integration.request.path.id": "method.request.path.id",
                                                               "integration.request.header.X-B": "'b'"},
        responses=[IntegrationResponse("200", response_parameters={"method.response.header.X-R": "'r'"})]))])

    def call() -> Invocation:
        return api.invoke("POST", "/p/7?q=1", headers={"H": "v"}, body="{}",
                          backend={"status": 200, "headers": {"E": "e"}, "body": "{}"})

    read_at_once = call().log
    changed = call()
    assert changed.method_request is not None and changed.integration_request is not None
    changed.method_request.headers["H"] = ["changed"]
    changed.method_request.query["q"] = ["changed"]
    changed.integration_request.headers["X-B"] = "changed"
    changed.response.headers["X-R"] = "changed"
    assert changed.log == read_at_once
    assert "Method request headers: {H=v}" in read_at_once
    assert "Method request query string: {q=1}" in read_at_once
    assert "Method request path: {id=7}" in read_at_once
    assert "Endpoint response headers: {E=e}" in read_at_once
    assert "Method request body before transformations: {}" in read_at_once
    assert "Endpoint response body before transformations: {}" in read_at_once
    assert any(line.startswith("Endpoint request headers: {") and "X-B=b" in line for line in read_at_once)
    assert any(line.startswith("Method response headers: {") and "X-R=r" in line for line in read_at_once)


def test_the_log_of_a_failed_selection() -> None:
    api = Api(methods=[Method("GET", "/h", integration=Integration(
        "HTTP", uri="https://e.com", responses=[IntegrationResponse("200", "2\\d{2}")]))])
    log = api.invoke("GET", "/h", backend={"status": 400}).log
    assert (
        "Execution failed due to configuration error: No match for output mapping and no default output "
        "mapping configured. Endpoint Response Status Code: 400"
    ) in log
    assert log[-1] == "Method completed with status: 500"


def test_stages() -> None:
    api = Api(stages={"dev": {"host": "dev.example.com"}, "prod": {"host": "example.com"}}, methods=[
        Method("GET", "/h", integration=Integration("HTTP", uri="https://${stageVariables.host}/x",
                                                    responses=[IntegrationResponse("200")]))])
    assert api.invoke("GET", "/h", backend={"status": 200}).integration_request.uri == "https://dev.example.com/x"
    assert api.invoke("GET", "/h", stage="prod", backend={"status": 200}).integration_request.uri == "https://example.com/x"
    overridden = api.invoke("GET", "/h", stage="prod", stage_variables={"host": "local"}, backend={"status": 200})
    assert overridden.integration_request.uri == "https://local/x"
    with pytest.raises(InvocationError, match="no stage 'test'"):
        api.invoke("GET", "/h", stage="test")
    with pytest.raises(InvocationError, match="does not set 'host'"):
        Api(methods=api.methods).invoke("GET", "/h", backend={"status": 200})


def test_cognito_claims_are_under_authorizer_claims() -> None:
    api = Api(methods=[Method("GET", "/me", authorization_type="COGNITO_USER_POOLS", integration=Integration(
        "MOCK", request_templates={"application/json": '{"statusCode": 200}'},
        responses=[IntegrationResponse("200", response_templates={
            "application/json": "$context.authorizer.claims.email"})]))])
    assert api.invoke("GET", "/me", authorizer={"email": "a@example.com"}).response.body == "a@example.com"


def test_an_integration_response_without_method_response_is_a_500() -> None:
    """AWS-DOC api-gateway-integration-settings-integration-response: "If no method response
    is defined for the returned status code, API Gateway returns a 500 error"."""
    api = Api(methods=[Method("GET", "/m", method_responses={"200": MethodResponse("200")}, integration=Integration(
        "MOCK", request_templates={"application/json": '{"statusCode": 200}'},
        responses=[IntegrationResponse("201")]))])
    invocation = api.invoke("GET", "/m")
    assert (invocation.response.status, invocation.error) == (500, "API_CONFIGURATION_ERROR")


def test_the_json_report_shape() -> None:
    document = proxy_api().invoke("GET", "/x", backend={"statusCode": 201, "body": "b"}).to_json()
    assert list(document) == ["method", "resource", "integration_request", "integration_response", "response",
                              "error", "log"]
    assert document["integration_response"] is None
    assert document["response"] == {"status": 201, "headers": {"Content-Type": "application/json"}, "body": "b"}
    json.dumps(document)


def test_a_lambda_error_backend_for_an_http_integration_is_refused() -> None:
    api = Api(methods=[Method("GET", "/h", integration=Integration("HTTP", uri="https://e.com",
                                                                   responses=[IntegrationResponse("200")]))])
    with pytest.raises(InvocationError, match="needs an HTTP response"):
        api.invoke("GET", "/h", backend=LambdaError("x"))


def test_text_request_converted_to_binary() -> None:
    api = Api(methods=[Method("PUT", "/file", integration=Integration(
        "HTTP", uri="https://example.com/file", content_handling="CONVERT_TO_BINARY",
        responses=[IntegrationResponse("200")]))])
    invocation = api.invoke("PUT", "/file", headers={"Content-Type": "text/plain"}, body="AQI=",
                            backend=HttpResponse(200))
    assert invocation.integration_request.body == b"\x01\x02"
    not_base64 = api.invoke("PUT", "/file", headers={"Content-Type": "text/plain"}, body="%%%")
    assert not_base64.response.status == 500  # decode failure → 500 (AWS-DOC, spec §10)


def test_a_base64_proxy_body_is_decoded_for_a_binary_accept() -> None:
    api = Api(binary_media_types=["image/png"],
              methods=[Method("GET", "/img", integration=Integration("AWS_PROXY", uri=URI))])
    result = {"statusCode": 200, "body": base64.b64encode(b"\x89PNG").decode(), "isBase64Encoded": True}
    assert api.invoke("GET", "/img", headers={"Accept": "image/png"}, backend=result).response.body == b"\x89PNG"
    assert api.invoke("GET", "/img", backend=result).response.body == result["body"]  # AWS-REC: as is


def test_http_proxy_forwards_the_client_request() -> None:
    api = Api(methods=[Method("ANY", "/{proxy+}", integration=Integration(
        "HTTP_PROXY", uri="https://example.com/{proxy}", http_method="ANY",
        request_parameters={"integration.request.path.proxy": "method.request.path.proxy",
                            "integration.request.header.X-Added": "'yes'"}))])
    invocation = api.invoke("PATCH", "/a/b", headers={"X-Client": "c"}, body="patch",
                            backend={"status": 204, "headers": {"X-B": "b"}})
    request = invocation.integration_request
    assert (request.method, request.uri, request.body) == ("PATCH", "https://example.com/a/b", "patch")
    # API Gateway adds its id (AWS-REC LS:http::test_http_integration_with_lambda[HTTP_PROXY]).
    assert request.headers == {"X-Added": "yes", "X-Amzn-Apigateway-Api-Id": "1234567890", "X-Client": "c"}
    assert (invocation.response.status, invocation.response.headers) == (204, {"X-B": "b"})


def test_a_response_header_not_declared_is_refused() -> None:
    api = Api(methods=[Method("GET", "/m", method_responses={"200": MethodResponse("200")}, integration=Integration(
        "MOCK", request_templates={"application/json": '{"statusCode": 200}'},
        responses=[IntegrationResponse("200", response_parameters={"method.response.header.X-A": "'a'"})]))])
    with pytest.raises(ModelError, match="method.response.header.X-A is not declared"):
        api.invoke("GET", "/m")


def test_a_uri_placeholder_without_a_mapping_is_an_error() -> None:
    # [LOCAL] spec §7: AWS's behaviour is unknown (the console adds the mapping).
    api = Api(methods=[Method("GET", "/pets/{id}", integration=Integration(
        "HTTP", uri="https://example.com/pets/{id}", responses=[IntegrationResponse("200")]))])
    with pytest.raises(InvocationError, match=r"has \{id\} but no requestParameters mapping sets integration.request.path.id"):
        api.invoke("GET", "/pets/1", backend={"status": 200})


def test_a_uri_placeholder_whose_mapping_source_is_absent_says_so() -> None:
    # An absent source sets nothing (spec §6), so the placeholder has no value: the error
    # names the mapping and its source rather than saying there is no mapping.
    api = Api(methods=[Method("GET", "/pets", integration=Integration(
        "HTTP", uri="https://example.com/pets/{id}", responses=[IntegrationResponse("200")],
        request_parameters={"integration.request.path.id": "method.request.querystring.id"}))])
    with pytest.raises(InvocationError, match=r"has \{id\}, which integration.request.path.id sets from "
                                              r"method.request.querystring.id, and this request has no value"):
        api.invoke("GET", "/pets", backend={"status": 200})
    assert api.invoke("GET", "/pets?id=7", backend={"status": 200}).response.status == 200


def test_a_method_without_integration_is_an_error() -> None:
    with pytest.raises(InvocationError, match="GET /x has no integration"):
        Api(methods=[Method("GET", "/x")]).invoke("GET", "/x")


def test_a_lambda_authorizer_context() -> None:
    api = Api(methods=[
        Method("GET", "/me", authorization_type="CUSTOM", integration=Integration(
            "MOCK", request_templates={"application/json": '{"statusCode": 200}'},
            responses=[IntegrationResponse("200", response_templates={
                "application/json": "$context.authorizer.principalId $context.authorizer.tenant"})])),
        Method("GET", "/proxy", integration=Integration("AWS_PROXY", uri=URI)),
    ])
    authorizer = {"principalId": "u-1", "tenant": "acme"}
    assert api.invoke("GET", "/me", authorizer=authorizer).response.body == "u-1 acme"
    seen = {}
    api.invoke("GET", "/proxy", authorizer=authorizer, backend=lambda event, context: seen.update(event) or {})
    assert seen["requestContext"]["authorizer"] == authorizer


def test_binary_response_converted_to_text_for_the_template() -> None:
    # AWS-REC …_response_convert_to_text (spec §10): the template sees the base64 text of a
    # binary payload, one whose Content-Type is a binary media type (the same recording:
    # without binaryMediaTypes, CONVERT_TO_TEXT leaves the payload text).
    api = Api(binary_media_types=["image/png"], methods=[Method("GET", "/obj", integration=Integration(
        "AWS", uri="arn:aws:apigateway:us-east-1:s3:path/bucket/key",
        responses=[IntegrationResponse("200", content_handling="CONVERT_TO_TEXT",
                                       response_templates={"application/json": '{"data": "$input.body"}'})]))])
    invocation = api.invoke("GET", "/obj", backend=HttpResponse(200, {"Content-Type": "image/png"}, b"\x00\xff"))
    assert invocation.integration_request.uri == "https://s3.us-east-1.amazonaws.com/bucket/key"
    assert invocation.response.body == '{"data": "AP8="}'


def _mock_api(**method: object) -> Api:
    return Api(methods=[
        Method("GET", "/me", **method, integration=Integration(  # type: ignore[arg-type]
            "MOCK", request_templates={"application/json": '{"statusCode": 200}'},
            responses=[IntegrationResponse("200")])),
        Method("GET", "/proxy", integration=Integration("AWS_PROXY", uri=URI)),
    ])


@pytest.mark.parametrize("path", ["/me", "/proxy"])
@pytest.mark.parametrize(
    ("given", "message"),
    [
        # AWS-DOC api-gateway-lambda-authorizer-output: the context map holds only strings,
        # numbers and booleans, never an object or an array.
        ({"authorizer": {"tenant": {"id": 1}}}, "authorizer.tenant must be a string, number or boolean"),
        ({"authorizer": {"groups": ["a"]}}, "authorizer.groups must be a string, number or boolean"),
        ({"identity": {"sourceIp": 7}}, "identity.sourceIp must be a string"),
    ],
)
def test_an_authorizer_or_identity_of_the_wrong_shape_is_refused_by_name(path, given, message) -> None:
    with pytest.raises(InvocationError, match=message):
        _mock_api().invoke("GET", path, backend={}, **given)


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        # A header value cannot hold a line break (RFC 9110 field-value): no client sends one.
        ({"X-A": "a\r\nInjected: 1"}, r"headers\['X-A'\]: a header value cannot hold a line break"),
        ({"X-A": ["ok", "b\nc"]}, r"headers\['X-A'\]: a header value cannot hold a line break"),
        ({"X-A": "nul\x00"}, r"headers\['X-A'\]: a header value cannot hold a control character"),
        # A header name is an RFC 9110 token: no spaces, colons or line breaks.
        ({"X A": "v"}, r"header name 'X A' is not an HTTP token"),
        ({"X-A:": "v"}, r"header name 'X-A:' is not an HTTP token"),
        ({"": "v"}, r"header name '' is not an HTTP token"),
    ],
)
def test_a_header_no_http_client_can_send_is_refused(headers, message) -> None:
    with pytest.raises(InvocationError, match=message):
        _mock_api().invoke("GET", "/me", headers=headers)


def test_a_backend_given_for_a_mock_is_an_error_not_ignored() -> None:
    # A MOCK integration calls no backend (spec §7): the answer given would go unused.
    with pytest.raises(InvocationError, match="GET /me has a MOCK integration, which calls no backend"):
        _mock_api().invoke("GET", "/me", backend={"id": 1})


def test_a_missing_backend_names_the_method_and_its_source() -> None:
    api = Api(methods=[Method("GET", "/p", source=Source("api.yaml", 4),
                              integration=Integration("AWS_PROXY", uri=URI, source=Source("api.yaml", 6)))])
    with pytest.raises(InvocationError, match=r"^api.yaml:6: GET /p has a Lambda integration: give a backend"):
        api.invoke("GET", "/p")


def test_http_proxy_sends_every_query_value_and_a_mapped_one_joins_them() -> None:
    # Spec §12 (AWS-REC LS:http::test_http_proxy_integration_request_data_mappings): the
    # client's query goes to the backend, and a mapped query value joins the client's.
    from urllib.parse import parse_qs, urlsplit

    api = Api(methods=[Method("GET", "/s", integration=Integration(
        "HTTP_PROXY", uri="https://example.com/s", http_method="GET",
        request_parameters={"integration.request.querystring.q": "'mapped'"}))])
    invocation = api.invoke("GET", "/s?a=1&a=2&q=client", backend={"status": 200})
    query = parse_qs(urlsplit(invocation.integration_request.uri).query)
    assert {name: sorted(values) for name, values in query.items()} == {
        "a": ["1", "2"], "q": ["client", "mapped"]}


def test_http_proxy_sends_every_value_of_a_repeated_header() -> None:
    # Spec §12: the client's headers go to the backend; a repeated header is sent whole, as
    # the one comma-joined field HTTP makes of it (RFC 9110 §5.3), not cut to its last value.
    api = Api(methods=[Method("GET", "/s", integration=Integration(
        "HTTP_PROXY", uri="https://example.com/s", http_method="GET"))])
    invocation = api.invoke("GET", "/s", headers=[("X-M", "a"), ("X-M", "b")], backend={"status": 200})
    assert invocation.integration_request.headers == {"X-Amzn-Apigateway-Api-Id": "1234567890", "X-M": "a,b"}


def test_log_maps_print_as_java_prints_them() -> None:
    # AbstractMap.toString: "key=value" joined by ", ", a null value as "null".
    from vtl.api.log import java_map

    assert java_map({"petId": "7", "missing": None, "n": 1}) == "{petId=7, missing=null, n=1}"


def test_a_body_past_the_10_mb_quota_is_refused_before_routing() -> None:
    # AWS-USER (koki-develop/lgtm-generator issue 10): 413, a text body, for any path; the
    # quota is in bytes (AWS-DOC limits: 10 MB), so 6 M two-byte characters are past it.
    api = Api(methods=[Method("POST", "/up", method_responses={"200": MethodResponse("200")},
                              integration=Integration("MOCK", request_templates={
                                  "application/json": '{"statusCode": 200}'},
                                  responses=[IntegrationResponse("200")]))])
    headers = {"Content-Type": "application/json"}
    for path, body in (("/up", "x" * (10 * 1024 * 1024 + 1)), ("/elsewhere", "é" * (6 * 1024 * 1024)),
                       ("/up", b"\x00" * (10 * 1024 * 1024 + 1))):
        refused = api.invoke("POST", path, headers=headers, body=body)
        assert refused.response.status == 413
        assert refused.response.headers == {"Content-Type": "text; charset=utf-8"}
        assert refused.response.body == "HTTP content length exceeded 10485760 bytes."
        assert refused.resource is None and refused.integration_request is None
        assert refused.rejected == "the body is past the 10 MB payload quota"
    accepted = api.invoke("POST", "/up", headers=headers, body="x" * (10 * 1024 * 1024))
    assert (accepted.response.status, accepted.rejected) == (200, None)


def test_a_value_only_a_deployment_knows_stays_visible_in_the_endpoint_uri() -> None:
    # A reader leaves ${Fn::ImportValue:x} in a uri; it is no {path} placeholder to map.
    api = Api(methods=[Method("GET", "/items/{id}", method_responses={"200": MethodResponse("200")},
                              integration=Integration(
                                  "HTTP", uri="https://${Fn::ImportValue:host}/items/{id}", http_method="GET",
                                  request_parameters={"integration.request.path.id": "method.request.path.id"},
                                  responses=[IntegrationResponse("200")]))])
    invocation = api.invoke("GET", "/items/7", backend=HttpResponse(200, body="{}"))
    assert invocation.integration_request.uri == "https://${Fn::ImportValue:host}/items/7"


def test_a_lambda_result_for_an_aws_integration_that_calls_no_lambda_says_why() -> None:
    # A uri a build script fills in later is no Lambda function's: the integration calls
    # an AWS service, and the error says so instead of "an HTTP integration needs …".
    api = Api(methods=[Method("GET", "/", method_responses={"200": MethodResponse("200")},
                              integration=Integration("AWS", uri="@replace_lambda_function_url",
                                                      http_method="POST",
                                                      responses=[IntegrationResponse("200")]))])
    with pytest.raises(InvocationError, match="'@replace_lambda_function_url' is no Lambda function's"):
        api.invoke("GET", "/", backend=LambdaError("x"))


def test_mapped_query_parameters_follow_the_action_of_an_aws_service_uri() -> None:
    # An SNS Publish written as action/Publish with its TopicArn and Message mapped from the
    # query (AWS re:Post's SNS proxy example): they were dropped from the endpoint URI.
    api = Api(methods=[Method(
        "POST", "/publish",
        request_parameters={"method.request.querystring.topic": False,
                            "method.request.querystring.message": False},
        integration=Integration(
            "AWS", http_method="POST", uri="arn:aws:apigateway:eu-west-1:sns:action/Publish",
            request_parameters={
                "integration.request.querystring.TopicArn": "method.request.querystring.topic",
                "integration.request.querystring.Message": "method.request.querystring.message"},
            responses=[IntegrationResponse("200")]),
        method_responses={"200": MethodResponse("200")})])
    invocation = api.invoke("POST", "/publish?topic=arn:aws:sns:eu-west-1:1:t&message=hi there",
                            backend={"status": 200, "headers": {}, "body": "<ok/>"})
    assert invocation.integration_request is not None
    assert invocation.integration_request.uri == (
        "https://sns.eu-west-1.amazonaws.com/?Action=Publish"
        "&TopicArn=arn%3Aaws%3Asns%3Aeu-west-1%3A1%3At&Message=hi%20there")


def test_mapped_query_parameters_follow_a_lambda_endpoint_uri() -> None:
    # A non-proxy Lambda method mapping the query (the developer guide's integration example:
    # integration.request.querystring.provider from method.request.querystring.vendor): the
    # parameter was dropped from the endpoint URI, while any other AWS service path keeps it.
    api = Api(methods=[Method(
        "GET", "/", request_parameters={"method.request.querystring.vendor": False},
        integration=Integration(
            "AWS", http_method="POST", uri=URI,
            request_parameters={"integration.request.querystring.provider": "method.request.querystring.vendor"},
            responses=[IntegrationResponse("200")]),
        method_responses={"200": MethodResponse("200")})])
    invocation = api.invoke("GET", "/?vendor=acme co", backend={"ok": True})
    assert invocation.integration_request is not None
    assert invocation.integration_request.uri == (
        "https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/"
        "arn:aws:lambda:eu-west-1:1:function:f/invocations?provider=acme%20co")

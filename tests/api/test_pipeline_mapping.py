"""Parameter mappings with repeated and empty values (spec pipeline §6, §9).

Expected values: LocalStack's maintainers' checks against AWS, written down in their unit
tests (github:localstack/localstack tests/unit/services/apigateway/test_parameters_mapping.py:
``test_multi_qs_mapping`` and ``test_multi_headers_mapping`` "tested manually with the AWS
console", ``test_body_mapping_empty`` "validated against AWS") [AWS-USER]; and the
recorded single-value rule (a repeated name keeps its last value, spec §2 [AWS-REC]).
"""

from __future__ import annotations

from vtl.api import Api, HttpResponse, Integration, IntegrationResponse, Method, MethodResponse


def http_api(request_parameters: dict[str, str], response_parameters: dict[str, str] | None = None) -> Api:
    response = IntegrationResponse("200", response_parameters=response_parameters or {})
    headers = {target.removeprefix("method.response.header."): False for target in response_parameters or {}}
    return Api(methods=[Method(
        "POST", "/items", method_responses={"200": MethodResponse("200", headers=headers)},
        integration=Integration("HTTP", uri="https://backend.example.com/items", http_method="POST",
                                request_parameters=request_parameters, responses=[response]))])


def test_a_multi_value_query_string_sends_every_value() -> None:
    api = http_api({
        "integration.request.querystring.test": "method.request.querystring.testMultiQuery",
        "integration.request.querystring.test_multi": "method.request.multivaluequerystring.testMultiQuery",
        "integration.request.querystring.test_multi_solo": "method.request.multivaluequerystring.testQuery",
    })
    invocation = api.invoke("POST", "/items?testMultiQuery=value1&testMultiQuery=value2&testQuery=value",
                            backend=HttpResponse(200))
    assert invocation.integration_request.uri == (
        "https://backend.example.com/items?test=value2&test_multi=value1&test_multi=value2&test_multi_solo=value")


def test_a_multi_value_header_is_comma_joined() -> None:
    api = http_api({
        "integration.request.header.test": "method.request.header.testMultiHeader",
        "integration.request.header.test_multi": "method.request.multivalueheader.testMultiHeader",
        "integration.request.header.test_multi_solo": "method.request.multivalueheader.testHeader",
    })
    invocation = api.invoke("POST", "/items", headers=[("testMultiHeader", "value1"), ("testMultiHeader", "value2"),
                                                       ("testHeader", "value")], backend=HttpResponse(200))
    sent = invocation.integration_request.headers
    assert (sent["test"], sent["test_multi"], sent["test_multi_solo"]) == ("value2", "value1,value2", "value")


def test_an_empty_request_body_maps_as_an_empty_object() -> None:
    api = http_api({"integration.request.header.body_value": "method.request.body"})
    invocation = api.invoke("POST", "/items", body="", backend=HttpResponse(200))
    assert invocation.integration_request.headers["body_value"] == "{}"


def test_an_empty_response_body_maps_as_an_empty_object() -> None:
    api = http_api({}, {"method.response.header.body_value": "integration.response.body"})
    invocation = api.invoke("POST", "/items", backend=HttpResponse(200, {}, ""))
    assert invocation.response.headers["body_value"] == "{}"
    full = api.invoke("POST", "/items", backend=HttpResponse(200, {}, "<This is a body value>"))
    assert full.response.headers["body_value"] == "<This is a body value>"

"""Hostile requests (issue 14): what conformance/tools/fuzz_requests.py found, as
regression tests, and a short run of the fuzzer (a fixed seed: the same requests every run)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from vtl.api import Api, Integration, InvocationError, Method

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "conformance" / "tools"))

import fuzz_definitions  # (tools, not package modules: found through sys.path)
import fuzz_requests


def _http_api() -> Api:
    return Api(methods=[Method("GET", "/items", Integration("HTTP_PROXY", uri="https://example.com/items",
                                                          http_method="GET"))])


def test_a_lambda_handler_given_to_an_http_integration_is_an_invocation_error() -> None:
    # fuzz_requests seed 1: a handler(event, context) given as the backend of an HTTP
    # integration, which calls it with the integration request alone, raised TypeError
    # (missing 1 required positional argument: 'context') from inside the pipeline.
    def handler(event: object, context: object) -> object:
        return {"statusCode": 200}

    with pytest.raises(InvocationError) as raised:
        _http_api().invoke("GET", "/items", backend=handler)
    assert "calls its backend function with one argument, the integration request" in str(raised.value)
    assert "handler cannot take it" in str(raised.value)


def test_an_http_backend_function_of_one_argument_is_called() -> None:
    seen = []

    def backend(request: object) -> dict[str, object]:
        seen.append(request)
        return {"status": 201, "headers": {}, "body": "made"}

    invocation = _http_api().invoke("GET", "/items", backend=backend)
    assert invocation.response.status == 201 and len(seen) == 1


def test_a_short_fuzz_run_raises_only_documented_errors() -> None:
    # 400 requests to the APIs of tests/api/data: any other exception, or a request taking
    # more than 5 s of CPU time, is a failure (printed with its traceback)
    lines: list[str] = []
    loaded = fuzz_requests.apis(fuzz_definitions.corpus())
    failures = fuzz_requests.fuzz(seed=14, count=400, budget=5.0, loaded=loaded, report=lines.append)
    assert failures == [], "\n".join(lines) + "\n" + "\n\n".join(f["detail"] for f in failures)
    assert lines[0].startswith("400 requests, seed 14")
    assert len(loaded) > 20  # the corpus's APIs, read: the requests reached them


_BIG = '{"n": ' + "9" * 5000 + "}"
_DEEP = "[" * 5000 + "]" * 5000


def _lambda_api(validated: bool = False) -> Api:
    from vtl.api import IntegrationResponse, MethodResponse, Model, RequestValidator

    integration = Integration("AWS", uri="arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                              "arn:aws:lambda:us-east-1:123456789012:function:f/invocations",
                              http_method="POST", responses=[IntegrationResponse("200")])
    method = Method("POST", "/items", integration, method_responses={"200": MethodResponse("200")})
    api = Api(methods=[method])
    if validated:
        api.models["Any"] = Model("Any", {"type": ["object", "array"]})
        api.request_validators["body"] = RequestValidator("body", validate_request_parameters=False, validate_request_body=True)
        method.request_validator = "body"
        method.request_models = {"application/json": "Any"}
    return api


@pytest.mark.parametrize("body", [_BIG, _DEEP])
def test_a_payload_python_cannot_hold_fails_a_python_handler_only(body: str) -> None:
    # fuzz_requests seed 2 requests 163 and 5364: JSON Lambda takes but Python cannot hold
    # (an integer of 5,000 digits, 5,000 nested arrays) raised ValueError / RecursionError
    # from the pipeline's json.loads.
    api = _lambda_api()
    answered = api.invoke("POST", "/items", headers={"Content-Type": "application/json"}, body=body,
                          backend={"ok": True})
    assert (answered.response.status, answered.response.body) == (200, '{"ok": true}')

    def handler(event: object, context: object) -> object:
        return event

    failed = api.invoke("POST", "/items", headers={"Content-Type": "application/json"}, body=body,
                        backend=handler)
    assert failed.response.status == 200  # the default response passes the Lambda error
    assert failed.response.json()["errorType"] == "Runtime.UnmarshalError"


@pytest.mark.parametrize(("body", "status"), [(_BIG, 200), (_DEEP, 400)])
def test_request_validation_of_a_payload_python_cannot_hold(body: str, status: int) -> None:
    # the same bodies against a body validator raised ValueError / RecursionError
    invocation = _lambda_api(validated=True).invoke(
        "POST", "/items", headers={"Content-Type": "application/json"}, body=body, backend={"ok": True})
    assert invocation.response.status == status


def test_a_base64_proxy_body_past_ascii_is_a_malformed_proxy_response() -> None:
    # fuzz_requests seed 3 request 15305: isBase64Encoded with a body holding "é", sent to a
    # client accepting a binary type, raised ValueError (string argument should contain
    # only ASCII characters) instead of the 502 a body that is not base64 gets.
    from vtl.api import LambdaResult

    integration = Integration("AWS_PROXY", uri="arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/"
                              "functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations",
                              http_method="POST")
    api = Api(methods=[Method("GET", "/img", integration)], binary_media_types=["image/png"])
    answer = LambdaResult({"statusCode": 200, "body": "é", "isBase64Encoded": True})
    invocation = api.invoke("GET", "/img", headers={"Accept": "image/png"}, backend=answer)
    assert invocation.response.status == 502
    assert invocation.response.json() == {"message": "Internal server error"}

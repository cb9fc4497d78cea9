"""The README's PetStore, built in code (examples/api/petstore.py) and read from its OpenAPI 3
export (examples/api/petstore-oas30.yaml): every outcome the issue names, with the status,
headers and body spec/pipeline.md says API Gateway gives, the same for both.

Bodies of successful calls are the response templates' output, written out by hand from
the templates; gateway response bodies are the spec's bytes (§13).
"""

import importlib.util
from pathlib import Path

import pytest

from vtl.api import LambdaError, load_api

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "api"


def _load_example():
    spec = importlib.util.spec_from_file_location("petstore_example", EXAMPLES / "petstore.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


petstore = _load_example()


@pytest.fixture(scope="module", params=["code", "openapi"])
def api(request):
    if request.param == "code":
        return petstore.build_api()
    return load_api(EXAMPLES / "petstore-oas30.yaml")


PET = {"id": 7, "type": "dog", "price": 249.99}


def test_success_renders_the_response_template_and_maps_headers(api) -> None:
    invocation = api.invoke("GET", "/pets/7?currency=EUR", backend=PET)
    assert invocation.error is None
    assert invocation.resource == "/pets/{petId}"
    request = invocation.integration_request
    assert request.method == "POST"  # Lambda integrations always POST (spec §7)
    assert request.uri == (
        "https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/"
        "arn:aws:lambda:us-east-1:123456789012:function:pets/invocations"
    )
    assert request.body == '{"action": "get", "petId": "7", "currency": "EUR"}'
    assert request.headers == {"Accept": "application/json", "User-Agent": "AmazonAPIGateway_1234567890"}
    assert (invocation.integration_response.selection_pattern, invocation.integration_response.status) == (None, "200")
    response = invocation.response
    assert response.status == 200
    # integration.response.body.type through JSONPath; Content-Type defaults (spec §9).
    assert response.headers == {
        "Content-Type": "application/json", "X-Pet-Type": "dog", "Access-Control-Allow-Origin": "*",
    }
    assert response.body == '{\n  "id": "7",\n  "type": "dog",\n  "price": 249.99,\n  "currency": "EUR"\n}'


@pytest.mark.parametrize(
    ("message", "status", "pattern"),
    [
        ("[NotFound] no pet 99", 404, r".*\[NotFound\].*"),
        ("[BadRequest] petId must be a number", 400, r".*\[BadRequest\].*"),
    ],
)
def test_each_error_pattern(api, message: str, status: int, pattern: str) -> None:
    invocation = api.invoke("GET", "/pets/99?currency=EUR", backend=LambdaError(message, "Error"))
    assert invocation.integration_response.selection_pattern == pattern
    assert invocation.response.status == status
    assert invocation.response.headers == {"Content-Type": "application/json"}
    assert invocation.response.body == f'{{"message": "{message}"}}'
    assert invocation.error is None


def test_an_unmatched_lambda_error_takes_the_default_with_the_error_object(api) -> None:
    # AWS-DOC handle-errors-in-lambda-integration: no pattern → default response, 200.
    invocation = api.invoke("GET", "/pets/1?currency=EUR", backend=LambdaError("boom", "RuntimeError"))
    assert invocation.integration_response.status == "200"
    assert invocation.response.status == 200


def test_missing_required_parameter(api) -> None:
    invocation = api.invoke("GET", "/pets/7")
    assert invocation.error == "BAD_REQUEST_PARAMETERS"
    assert invocation.integration_request is None
    assert invocation.response.status == 400
    assert invocation.response.body == '{"message": "Missing required request parameters: [currency]"}'


def test_blank_required_parameter_counts_as_missing(api) -> None:
    # AWS-DOC api-gateway-request-validation-test: ?q1= fails like a missing q1.
    assert api.invoke("GET", "/pets/7?currency=").response.status == 400


def test_unsupported_media_type(api) -> None:
    invocation = api.invoke("POST", "/pets", headers={"Content-Type": "text/plain"}, body="dog")
    assert invocation.error == "UNSUPPORTED_MEDIA_TYPE"
    assert invocation.response.status == 415
    assert invocation.response.body == '{"message":"Unsupported Media Type"}'


def test_invalid_body(api) -> None:
    invocation = api.invoke(
        "POST", "/pets", headers={"Content-Type": "application/json"}, body='{"type": "dragon"}'
    )
    assert invocation.error == "BAD_REQUEST_BODY"
    assert invocation.response.status == 400
    assert invocation.response.body == '{"message": "Invalid request body"}'
    assert invocation.response.headers["x-amzn-ErrorType"] == "BadRequestException"


def test_created(api) -> None:
    invocation = api.invoke(
        "POST", "/pets", headers={"Content-Type": "application/json; charset=UTF-8"},
        body='{"type": "cat", "price": 12.5, "name": "Tom"}', backend={"id": 42},
    )
    assert invocation.integration_request.body == (
        '{\n  "action": "create",\n  "type": "cat",\n  "price": 12.5,\n  "name": "Tom",\n  "initial": "T"\n}'
    )
    assert invocation.response.status == 201
    assert invocation.response.body == '{"id": 42, "created": true}'


def test_a_template_that_fails_gives_500_and_the_error_location(api) -> None:
    # "".substring(0, 1) throws StringIndexOutOfBoundsException: a 500 (spec §7).
    invocation = api.invoke(
        "POST", "/pets", headers={"Content-Type": "application/json"},
        body='{"type": "cat", "price": 1, "name": ""}', backend={"id": 1},
    )
    assert invocation.error == "API_CONFIGURATION_ERROR"
    assert invocation.response.status == 500
    assert invocation.response.body == '{"message": "Internal server error"}'
    assert invocation.response.headers["x-amzn-ErrorType"] == "InternalServerErrorException"
    assert invocation.integration_request is None
    error = invocation.template_error
    # Velocity 1.7 places a MethodInvocationException at the method name (recorded with
    # conformance/recorder/record.sh --eval: "at template[line 2, column 25]" for this line).
    assert (error.line, error.column) == (7, 25)
    assert "POST /pets request template application/json" in error.location
    assert error.source_line() == '  "initial": "$pet.name.substring(0, 1)"'


def test_cors_preflight(api) -> None:
    invocation = api.invoke("OPTIONS", "/pets/7", headers={"Origin": "https://example.com"})
    assert invocation.integration_request.uri is None  # MOCK: no endpoint
    assert invocation.response.status == 200
    assert invocation.response.headers == {
        "Content-Type": "application/json",
        "Access-Control-Allow-Headers": "Content-Type,X-Amz-Date,Authorization,X-Api-Key",
        "Access-Control-Allow-Methods": "GET,OPTIONS",
        "Access-Control-Allow-Origin": "*",
    }
    assert invocation.response.body == "{}"


def test_unknown_route(api) -> None:
    invocation = api.invoke("DELETE", "/pets/7")
    assert invocation.error == "MISSING_AUTHENTICATION_TOKEN"
    assert invocation.response.status == 403
    assert invocation.response.body == '{"message":"Missing Authentication Token"}'
    assert invocation.response.headers["x-amzn-ErrorType"] == "MissingAuthenticationTokenException"


def test_an_invocation_shows_what_a_failing_assert_needs_first(api) -> None:
    # pytest prints the repr of `invocation` under a failed `assert invocation.response...`:
    # the outcome and the template error come first, short enough not to be cut off.
    invocation = api.invoke(
        "POST", "/pets", headers={"Content-Type": "application/json"},
        body='{"type": "cat", "price": 1, "name": ""}', backend={"id": 1},
    )
    shown = repr(invocation)
    assert shown.startswith("<Invocation POST /pets → 500 API_CONFIGURATION_ERROR; template error: ")
    assert "StringIndexOutOfBoundsException" in shown and ":7:25" in shown
    ok = api.invoke("OPTIONS", "/pets/7")
    assert repr(ok) == "<Invocation OPTIONS /pets/7 → 200>"

#!/usr/bin/env python3
"""Write the pipeline conformance cases (conformance/cases/pipeline/<step>/<case>/).

Each case is transcribed by hand from ../shared/spec/pipeline.md: the API (``model.json``,
the model's fields as JSON), the request (``request.json``), the backend's answer
(``lambda-result.json`` / ``lambda-error.json`` / ``http-response.json``), the response the
spec says the client gets (``expected.json``) and ``case.json`` naming the spec fact and
its tag. Nothing here runs this project's pipeline.

Where the Java side of a step can be run, the case also gets ``java.json``: the selection
patterns and inputs (Java ``String.matches``) and the JSONPaths and documents (Jayway
JsonPath) the step evaluates; conformance/recorder/record_pipeline.sh writes the answers
to ``java.recorded.json``.

    python3 conformance/tools/pipeline_cases.py        # (re)write every case
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1] / "cases" / "pipeline"
LAMBDA_URI = ("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
              "arn:aws:lambda:us-east-1:123456789012:function:fn/invocations")
LAMBDA_ENDPOINT = ("https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/"
                   "arn:aws:lambda:us-east-1:123456789012:function:fn/invocations")

JSON = {"Content-Type": "application/json"}
NOT_FOUND = {"status": 403, "headers": {"Content-Type": "application/json",
             "x-amzn-ErrorType": "MissingAuthenticationTokenException"},
             "body": '{"message":"Missing Authentication Token"}', "error": "MISSING_AUTHENTICATION_TOKEN"}
INTERNAL = '{"message": "Internal server error"}'
ISE_HEADERS = {"Content-Type": "application/json", "x-amzn-ErrorType": "InternalServerErrorException"}
BAD_GATEWAY = {"status": 502, "headers": ISE_HEADERS, "body": INTERNAL, "error": "INTEGRATION_FAILURE"}

CASES: list[dict[str, Any]] = []


def case(name: str, *, spec: str, tag: str, fact: str, model: dict[str, Any], request: dict[str, Any],
         expected: dict[str, Any], backend: tuple[str, Any] | None = None,
         java: dict[str, Any] | None = None, note: str | None = None) -> None:
    """One case: ``name`` is ``<step>/<case>``; ``tag`` the spec's source tag."""
    CASES.append({"name": name, "spec": spec, "tag": tag, "fact": fact, "model": model, "request": request,
                      "expected": expected, "backend": backend, "java": java, "note": note})


def mock(path: str, template: str = "", *, method: str = "GET", response: dict[str, Any] | None = None,
         **method_fields: Any) -> dict[str, Any]:
    """A MOCK method answering 200 with ``template`` as its response template."""
    integration_response = response or {"status_code": "200", "response_templates": {"application/json": template}}
    return {"http_method": method, "path": path, **method_fields, "integration": {
        "type": "MOCK", "request_templates": {"application/json": '{"statusCode": 200}'},
        "responses": [integration_response]}}


def ok(body: str, headers: dict[str, str] | None = None, status: int = 200) -> dict[str, Any]:
    return {"status": status, "headers": headers or dict(JSON), "body": body, "error": None}


def gateway(status: int, body: str, error: str, error_type: str) -> dict[str, Any]:
    return {"status": status, "headers": {"Content-Type": "application/json", "x-amzn-ErrorType": error_type},
            "body": body, "error": error}


def lambda_method(responses: list[dict[str, Any]], path: str = "/fn", **integration: Any) -> dict[str, Any]:
    return {"http_method": "GET", "path": path, "integration": {
        "type": "AWS", "uri": LAMBDA_URI, "http_method": "POST",
        "request_templates": {"application/json": "{}"}, "responses": responses, **integration}}


def http_method(responses: list[dict[str, Any]] | None = None, *, path: str = "/h", method: str = "GET",
                **integration: Any) -> dict[str, Any]:
    fields = {"type": "HTTP", "uri": "https://backend.example.com/items", "http_method": "GET",
              "responses": responses if responses is not None else [{"status_code": "200"}]}
    fields.update(integration)
    return {"http_method": method, "path": path, "integration": fields}


def proxy(path: str = "/p") -> dict[str, Any]:
    return {"http_method": "ANY", "path": path, "integration": {"type": "AWS_PROXY", "uri": LAMBDA_URI,
                                                                "http_method": "POST"}}


# --- §2 routing ------------------------------------------------------------------------

case("routing/path-parameter", spec="§2", tag="AWS-DOC api-gateway-method-settings-method-request",
     fact="{name} matches one path segment and binds name",
     model={"methods": [mock("/pets/{petId}", "$input.params('petId')")]},
     request={"method": "GET", "path": "/pets/42"}, expected=ok("42"))
case("routing/greedy-parameter", spec="§2", tag="AWS-DOC api-gateway-method-settings-method-request",
     fact="{name+} matches the rest of the path, slashes included",
     model={"methods": [mock("/{proxy+}", "$input.params('proxy')")]},
     request={"method": "GET", "path": "/a/b/c"}, expected=ok("a/b/c"))
case("routing/trailing-slash", spec="§2", tag="AWS-REC LS:lambda::test_lambda_aws_proxy_integration",
     fact="a trailing slash is ignored for matching; pathParameters.proxy has no slash, $context.path keeps it",
     model={"methods": [mock("/{proxy+}", "$input.params('proxy')|$context.resourcePath|$context.path")]},
     request={"method": "GET", "path": "/proxy-value/"}, expected=ok("proxy-value|/{proxy+}|/prod/proxy-value/"))
case("routing/specific-beats-greedy", spec="§2", tag="AWS-DOC api-gateway-method-settings-method-request",
     fact="/parent beats /{proxy+} for GET /parent",
     model={"methods": [mock("/parent", "parent"), mock("/{proxy+}", "proxy")]},
     request={"method": "GET", "path": "/parent"}, expected=ok("parent"))
case("routing/hardcoded-sibling-goes-greedy", spec="§2",
     tag="AWS-REC LS:common::test_routing_with_hardcoded_resource_sibling_order",
     fact="GET /part1/random-value with /part1, /part1/hardcoded-value and /{param+} goes to /{param+}",
     model={"methods": [mock("/part1", "part1"), mock("/part1/hardcoded-value", "hardcoded"),
                        mock("/{param+}", "greedy $input.params('param')")]},
     request={"method": "GET", "path": "/part1/random-value"}, expected=ok("greedy part1/random-value"))
case("routing/method-missing-falls-back-to-greedy", spec="§2",
     tag="AWS-REC LS:common::test_proxy_routing_with_hardcoded_resource_sibling",
     fact="OPTIONS /test, where /test has only POST and /{proxy+} has OPTIONS, goes to /{proxy+}",
     model={"methods": [mock("/test", "post", method="POST"), mock("/{proxy+}", "proxy", method="OPTIONS")]},
     request={"method": "OPTIONS", "path": "/test"}, expected=ok("proxy"))
case("routing/any-method", spec="§2", tag="AWS-DOC x-amazon-apigateway-any-method",
     fact="ANY catches every method not declared explicitly on the resource",
     model={"methods": [mock("/x", "get"), mock("/x", "any $context.httpMethod", method="ANY")]},
     request={"method": "DELETE", "path": "/x"}, expected=ok("any DELETE"))
case("routing/explicit-method-beats-any", spec="§2", tag="AWS-DOC x-amazon-apigateway-any-method",
     fact="ANY catches only the methods not declared explicitly",
     model={"methods": [mock("/x", "get"), mock("/x", "any", method="ANY")]},
     request={"method": "GET", "path": "/x"}, expected=ok("get"))
case("routing/unknown-path", spec="§2", tag="AWS-REC LS:common::test_routing_not_found",
     fact="no resource: 403 Missing Authentication Token, x-amzn-ErrorType MissingAuthenticationTokenException",
     model={"methods": [mock("/existing", "x")]},
     request={"method": "GET", "path": "/random-non-existing"}, expected=NOT_FOUND)
case("routing/unknown-method", spec="§2", tag="AWS-REC LS:common::test_routing_not_found",
     fact="POST /existing where /existing has only GET: 403 Missing Authentication Token",
     model={"methods": [mock("/existing", "x")]},
     request={"method": "POST", "path": "/existing"}, expected=NOT_FOUND)
case("routing/query-keeps-last-value", spec="§2", tag="AWS-REC LS:lambda::test_lambda_aws_proxy_integration",
     fact="a repeated query key keeps its last value in the single-value map",
     model={"methods": [mock("/q", "$input.params('price')")]},
     request={"method": "GET", "path": "/q?price=10&price=20&price=30"}, expected=ok("30"))
case("routing/query-decoded-path-not", spec="§2", tag="AWS-REC LS:lambda::test_lambda_aws_proxy_integration",
     fact="query values are decoded ('+' is a space, %2B a plus); path parameter values are not",
     model={"methods": [mock("/{email}", "$input.params('email')|$input.params('q')")]},
     request={"method": "GET", "path": "/test%2Balias@gmail.com?q=a+b%2B"},
     expected=ok("test%2Balias@gmail.com|a b+"))

# --- §3 API keys -----------------------------------------------------------------------

case("api-key/missing", spec="§3", tag="AWS-REC LS:common::test_api_key_required_for_methods (403); "
     "AWS-USER body; INFERRED type INVALID_API_KEY",
     fact="a method with apiKeyRequired and no X-API-Key: 403 {\"message\":\"Forbidden\"}",
     model={"methods": [mock("/k", "ok", api_key_required=True)]},
     request={"method": "GET", "path": "/k"},
     expected=gateway(403, '{"message":"Forbidden"}', "INVALID_API_KEY", "ForbiddenException"))
case("api-key/sent", spec="§3", tag="AWS-DOC api-gateway-api-key-source; LOCAL any non-empty key",
     fact="the key in the X-API-Key header (key source HEADER); $context.identity.apiKey is the key",
     model={"methods": [mock("/k", "$context.identity.apiKey", api_key_required=True)]},
     request={"method": "GET", "path": "/k", "headers": {"X-API-Key": "k-123"}}, expected=ok("k-123"))
case("api-key/from-authorizer", spec="§3", tag="AWS-DOC api-gateway-api-key-source",
     fact="with key source AUTHORIZER the key is the Lambda authorizer's usageIdentifierKey",
     model={"api_key_source": "AUTHORIZER", "methods": [mock("/k", "ok", api_key_required=True)]},
     request={"method": "GET", "path": "/k", "authorizer": {"usageIdentifierKey": "k-9"}}, expected=ok("ok"))

case("api-key/authorizer-without-key", spec="§3", tag="AWS-DOC api-gateway-api-key-source; INFERRED type INVALID_API_KEY",
     fact="with key source AUTHORIZER, an authorizer context without usageIdentifierKey: 403 Forbidden",
     model={"api_key_source": "AUTHORIZER", "methods": [mock("/k", "ok", api_key_required=True)]},
     request={"method": "GET", "path": "/k", "authorizer": {"principalId": "u"}, "headers": {"X-API-Key": "ignored"}},
     expected=gateway(403, '{"message":"Forbidden"}', "INVALID_API_KEY", "ForbiddenException"))

# --- §4 validation ---------------------------------------------------------------------

PARAMS = {"all": {"validate_request_parameters": True, "validate_request_body": True}}
case("validation/missing-parameters-in-hashset-order", spec="§4",
     tag="AWS-REC LS:common::test_api_gateway_request_validator; INFERRED HashSet order",
     fact="Missing required request parameters: [x-header-param, issuer, qs1]",
     model={"request_validators": PARAMS, "methods": [mock("/v", "ok", request_validator="all", request_parameters={
         "method.request.querystring.issuer": True, "method.request.querystring.qs1": True,
         "method.request.header.x-header-param": True})]},
     request={"method": "GET", "path": "/v"},
     note="issuer and qs1 share a HashMap bucket, where insertion order decides: here the declaration "
          "order [INFERRED]",
     expected=gateway(400, '{"message": "Missing required request parameters: [x-header-param, issuer, qs1]"}',
                      "BAD_REQUEST_PARAMETERS", "BadRequestException"))
case("validation/jartic-order", spec="§4", tag="AWS-USER JARTIC xROAD; INFERRED HashSet order",
     fact="[request, srsName, typeNames, service, cql_filter, version, outputFormat]",
     model={"request_validators": PARAMS, "methods": [mock("/geoserver", "ok", request_validator="all",
         request_parameters={f"method.request.querystring.{name}": True for name in (
             "service", "version", "request", "typeNames", "srsName", "outputFormat", "cql_filter")})]},
     request={"method": "GET", "path": "/geoserver"},
     expected=gateway(400, '{"message": "Missing required request parameters: [request, srsName, typeNames, '
                      'service, cql_filter, version, outputFormat]"}', "BAD_REQUEST_PARAMETERS", "BadRequestException"))
case("validation/blank-parameter", spec="§4", tag="AWS-DOC api-gateway-request-validation-test",
     fact="GET /validation?q1= fails like a missing q1",
     model={"request_validators": PARAMS, "methods": [mock("/validation", "ok", request_validator="all",
                                                           request_parameters={"method.request.querystring.q1": True})]},
     request={"method": "GET", "path": "/validation?q1="},
     expected=gateway(400, '{"message": "Missing required request parameters: [q1]"}', "BAD_REQUEST_PARAMETERS",
                      "BadRequestException"))
case("validation/optional-parameter", spec="§4", tag="AWS-DOC api-gateway-method-request-validation",
     fact="only required parameters are checked, and only for presence",
     model={"request_validators": PARAMS, "methods": [mock("/validation", "ok", request_validator="all",
         request_parameters={"method.request.querystring.q1": False})]},
     request={"method": "GET", "path": "/validation"}, expected=ok("ok"))
SCHEMA = {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}
case("validation/parameters-before-body", spec="§4", tag="AWS-REC LS:common::test_api_gateway_request_validator",
     fact="with missing parameters and an invalid body the message is the parameters one",
     model={"request_validators": PARAMS, "models": {"M": {"schema": SCHEMA}}, "methods": [mock(
         "/v", "ok", method="POST", request_validator="all", request_models={"application/json": "M"},
         request_parameters={"method.request.querystring.q": True})]},
     request={"method": "POST", "path": "/v", "headers": JSON, "body": "{}"},
     expected=gateway(400, '{"message": "Missing required request parameters: [q]"}', "BAD_REQUEST_PARAMETERS",
                      "BadRequestException"))
case("validation/invalid-body", spec="§4", tag="AWS-REC LS:common::test_api_gateway_request_validator",
     fact="a body that fails its model: 400 Invalid request body",
     model={"request_validators": PARAMS, "models": {"M": {"schema": SCHEMA}}, "methods": [mock(
         "/v", "ok", method="POST", request_validator="all", request_models={"application/json": "M"})]},
     request={"method": "POST", "path": "/v", "headers": JSON, "body": '{"name": 1}'},
     expected=gateway(400, '{"message": "Invalid request body"}', "BAD_REQUEST_BODY", "BadRequestException"))
case("validation/empty-body-is-validated", spec="§4", tag="AWS-REC LS:common::test_api_gateway_request_validator",
     fact="an empty body fails a schema with required properties",
     model={"request_validators": PARAMS, "models": {"M": {"schema": SCHEMA}}, "methods": [mock(
         "/v", "ok", request_validator="all", request_models={"application/json": "M"})]},
     request={"method": "GET", "path": "/v"},
     expected=gateway(400, '{"message": "Invalid request body"}', "BAD_REQUEST_BODY", "BadRequestException"))
case("validation/valid-body", spec="§4", tag="AWS-DOC api-gateway-method-request-validation",
     fact="a body valid against its model reaches the integration",
     model={"request_validators": PARAMS, "models": {"M": {"schema": SCHEMA}}, "methods": [mock(
         "/v", "valid", method="POST", request_validator="all", request_models={"application/json": "M"})]},
     request={"method": "POST", "path": "/v", "headers": JSON, "body": '{"name": "Rex"}'}, expected=ok("valid"))
REF_MODELS = {"Pet": {"schema": {"type": "object", "required": ["owner"], "properties": {
    "owner": {"$ref": "https://apigateway.amazonaws.com/restapis/abc/models/Owner"}}}},
    "Owner": {"schema": {"type": "object", "required": ["id"], "properties": {"id": {"type": "integer"}}}}}
case("validation/ref-to-another-model", spec="§4",
     tag="AWS-REC LS:common::test_api_gateway_request_validator_with_ref_models",
     fact="models may $ref other models (…/models/Name)",
     model={"request_validators": PARAMS, "models": REF_MODELS, "methods": [mock(
         "/v", "ok", method="POST", request_validator="all", request_models={"application/json": "Pet"})]},
     request={"method": "POST", "path": "/v", "headers": JSON, "body": '{"owner": {"id": "seven"}}'},
     expected=gateway(400, '{"message": "Invalid request body"}', "BAD_REQUEST_BODY", "BadRequestException"))
case("validation/ref-inside-oneof", spec="§4",
     tag="AWS-REC LS:common::test_api_gateway_request_validator_with_ref_one_ofmodels",
     fact="a $ref to a model inside oneOf (OpenAPI #/components/schemas/Name)",
     model={"request_validators": PARAMS, "models": {
         "Either": {"schema": {"oneOf": [{"$ref": "#/components/schemas/A"}, {"$ref": "#/components/schemas/B"}]}},
         "A": {"schema": {"type": "object", "required": ["a"]}}, "B": {"schema": {"type": "object", "required": ["b"]}}},
         "methods": [mock("/v", "ok", method="POST", request_validator="all",
                          request_models={"application/json": "Either"})]},
     request={"method": "POST", "path": "/v", "headers": JSON, "body": '{"b": 1}'}, expected=ok("ok"))
case("validation/no-model-for-the-content-type", spec="§4", tag="AWS-DOC api-gateway-method-request-validation",
     fact="if no model matches the content type the body is not validated",
     model={"request_validators": PARAMS, "models": {"M": {"schema": SCHEMA}}, "methods": [mock(
         "/v", "ok", method="POST", request_validator="all", request_models={"application/json": "M"})]},
     request={"method": "POST", "path": "/v", "headers": {"Content-Type": "text/plain"}, "body": "x"},
     expected=ok("ok"), note="the MOCK's WHEN_NO_MATCH passes text/plain through; no request template "
                             "applies, so the default response answers")
case("validation/default-model", spec="§4", tag="AWS-DOC api-gateway-method-request-validation",
     fact="a model keyed $default applies to any content type",
     model={"request_validators": PARAMS, "models": {"M": {"schema": SCHEMA}}, "methods": [mock(
         "/v", "ok", method="POST", request_validator="all", request_models={"$default": "M"})]},
     request={"method": "POST", "path": "/v", "headers": {"Content-Type": "application/xml"}, "body": "<a/>"},
     expected=gateway(400, '{"message": "Invalid request body"}', "BAD_REQUEST_BODY", "BadRequestException"))

ORDERS = {"type": "array", "minItems": 1, "items": {
    "type": "object", "required": ["account-id", "type", "symbol", "shares", "order-date", "details"],
    "properties": {
        "account_id": {"type": "string", "pattern": "[A-Za-z]{6}[0-9]{6}"},
        "type": {"type": "string", "enum": ["STOCK", "BOND", "CASH"]},
        "symbol": {"type": "string", "minLength": 1, "maxLength": 4},
        "shares": {"type": "number", "minimum": 1, "maximum": 1000},
        "order-date": {"type": "string", "pattern": "^\\d{4}\\-(0[1-9]|1[012])\\-(0[1-9]|[12][0-9]|3[01])$"},
        "details": {"type": "object", "required": ["limit"], "properties": {"limit": {"type": "number"}}}}}}
case("validation/validation-error-string", spec="§4",
     tag="AWS-USER an API Gateway workshop's recorded BAD_REQUEST_BODY response (find_string id 38211555955)",
     fact="$context.error.validationErrorString: json-schema-validator's messages in [ ], joined by ', ', "
          "escaped as in a JSON string",
     model={"request_validators": PARAMS, "models": {"stockOrders": {"schema": ORDERS}},
            "gateway_responses": {"BAD_REQUEST_BODY": {"response_templates": {"application/json":
                '{"message":$context.error.messageString,"error":$context.error.validationErrorString}'}}},
            "methods": [mock("/orders", "ok", method="POST", request_validator="all",
                             request_models={"application/json": "stockOrders"})]},
     request={"method": "POST", "path": "/orders", "headers": JSON, "body":
              '[{"account-id": "abcdef123456", "type": "foobar", "symbol": "thisstringistoolong", '
              '"shares": 999999, "order-date": "2018-1-2", "details": {"limit": 1000}}]'},
     expected={"status": 400, "error": "BAD_REQUEST_BODY", "body":
               '{"message":"Invalid request body","error":[ECMA 262 regex '
               '\\"^\\\\d{4}\\\\-(0[1-9]|1[012])\\\\-(0[1-9]|[12][0-9]|3[01])$\\" does not match input string '
               '\\"2018-1-2\\", numeric instance is greater than the required maximum (maximum: 1000, found: 999999), '
               'string \\"thisstringistoolong\\" is too long (length: 19, maximum allowed: 4), instance value '
               '(\\"foobar\\") not found in enum (possible values: [\\"STOCK\\",\\"BOND\\",\\"CASH\\"])]}'},
     note="the recording shows a space after \"message\": (its template has none): only the error part is "
          "the recording's; the message part is the template's")

# --- §5 request template selection -----------------------------------------------------

ECHO = {"status": 200, "headers": {}, "body": "backend"}
case("request-template/charset-ignored", spec="§5", tag="AWS-DOC request-response-data-mappings",
     fact="the key is the MIME type of Content-Type (application/json; charset=UTF-8 → application/json)",
     model={"methods": [http_method(method="POST", request_templates={"application/json": "json:$input.body"})]},
     request={"method": "POST", "path": "/h", "headers": {"Content-Type": "application/json; charset=UTF-8"},
              "body": "{}"},
     backend=("http-response.json", ECHO),
     expected={**ok("backend"), "integration_request": {"body": "json:{}"}})
case("request-template/no-content-type-is-json", spec="§5",
     tag="AWS-DOC request-response-data-mappings; AWS-REC LS:test_apigateway_stepfunctions",
     fact="no Content-Type → the application/json template",
     model={"methods": [http_method(method="POST", request_templates={"application/json": "json:$input.body"})]},
     request={"method": "POST", "path": "/h", "body": '{"a": 1}'}, backend=("http-response.json", ECHO),
     expected={**ok("backend"), "integration_request": {"body": 'json:{"a": 1}'}})
for behavior, templates, outcome in (
    ("WHEN_NO_MATCH", {"application/json": "t"}, "pass"),
    ("WHEN_NO_TEMPLATES", {"application/json": "t"}, "415"),
    ("NEVER", {"application/json": "t"}, "415"),
    ("WHEN_NO_MATCH", {}, "pass"),
    ("WHEN_NO_TEMPLATES", {}, "pass"),
    ("NEVER", {}, "415"),
):
    kind = "templates" if templates else "no-templates"
    expected = ({**ok("backend"), "integration_request": {"body": "plain text"}} if outcome == "pass" else
                {**gateway(415, '{"message":"Unsupported Media Type"}', "UNSUPPORTED_MEDIA_TYPE",
                           "UnsupportedMediaTypeException"), "integration_request": None})
    case(f"request-template/{behavior.lower().replace('_', '-')}-{kind}", spec="§5",
         tag="AWS-DOC integration-passthrough-behaviors (status); INFERRED 415 body and x-amzn-ErrorType",
         fact=f"{behavior}, {'templates but none for text/plain' if templates else 'no templates'}: "
              f"{'the body passes through' if outcome == 'pass' else '415'}",
         model={"methods": [http_method(method="POST", passthrough_behavior=behavior, request_templates=templates)]},
         request={"method": "POST", "path": "/h", "headers": {"Content-Type": "text/plain"}, "body": "plain text"},
         backend=("http-response.json", ECHO) if outcome == "pass" else None, expected=expected)
case("request-template/mock-all-behaviours", spec="§5", tag="AWS-REC LS:basic::test_mock_integration_response",
     fact="MOCK with {\"application/json\": '{\"statusCode\":200}'} and NEVER, JSON request → 200",
     model={"methods": [{"http_method": "POST", "path": "/m", "integration": {
         "type": "MOCK", "passthrough_behavior": "NEVER", "request_templates": {"application/json": '{"statusCode":200}'},
         "responses": [{"status_code": "200"}]}}]},
     request={"method": "POST", "path": "/m", "headers": JSON, "body": '{"a": 1}'}, expected=ok(""))

# --- §6 parameter mapping --------------------------------------------------------------

case("parameter-mapping/sources", spec="§6",
     tag="AWS-DOC request-response-data-mappings; AWS-REC LS:http::test_http_integration_method",
     fact="header/querystring/path targets from method.request.*, static, context, stage variables; only "
          "mapped headers plus Accept and User-Agent reach an HTTP backend",
     model={"stages": {"prod": {"version": "v2"}}, "methods": [http_method(
         path="/items/{id}", uri="https://backend.example.com/items/{id}", request_parameters={
             "integration.request.path.id": "method.request.path.id",
             "integration.request.querystring.q": "method.request.header.X-Q",
             "integration.request.header.X-Static": "'fixed'",
             "integration.request.header.X-Stage": "context.stage",
             "integration.request.header.X-Version": "stageVariables.version"})]},
     request={"method": "GET", "path": "/items/42", "headers": {"X-Q": "blue", "X-Other": "dropped"}},
     backend=("http-response.json", ECHO),
     expected={**ok("backend"), "integration_request": {
         "method": "GET", "uri": "https://backend.example.com/items/42?q=blue",
         "headers": {"Accept": "application/json", "User-Agent": "AmazonAPIGateway_1234567890",
                     "X-Amzn-Apigateway-Api-Id": "1234567890", "X-Stage": "prod", "X-Static": "fixed",
                     "X-Version": "v2"}}})
BODY = '{"pet": {"name": "Rex", "tags": ["a", "b"]}}'
case("parameter-mapping/body-jsonpath", spec="§6", tag="AWS-DOC request-response-data-mappings",
     fact="method.request.body.JSONPATH (no $.) reads a value of the JSON body",
     model={"methods": [http_method(method="POST", request_parameters={
         "integration.request.header.X-Name": "method.request.body.pet.name",
         "integration.request.querystring.tags": "method.request.body.pet.tags"})]},
     request={"method": "POST", "path": "/h", "headers": JSON, "body": BODY}, backend=("http-response.json", ECHO),
     expected={**ok("backend"), "integration_request": {
         "uri": "https://backend.example.com/items?tags=%5B%22a%22%2C%22b%22%5D",
         "body": BODY, "headers": {"Accept": "application/json", "User-Agent": "AmazonAPIGateway_1234567890",
                                   "X-Amzn-Apigateway-Api-Id": "1234567890", "X-Name": "Rex"}}},
     java={"jsonpath": [{"document": BODY, "path": "$.pet.name"}, {"document": BODY, "path": "$.pet.tags"}]},
     note="an array's text is json-smart's writing of it (recorded), then URL-encoded in the query [LOCAL]")
case("parameter-mapping/absent-source-sets-nothing", spec="§6",
     tag="AWS-REC LS:http::test_http_proxy_integration_request_data_mappings",
     fact="a query parameter mapped from a header the client did not send is not sent",
     model={"methods": [http_method(request_parameters={"integration.request.querystring.q": "method.request.header.X-Q"})]},
     request={"method": "GET", "path": "/h"}, backend=("http-response.json", ECHO),
     expected={**ok("backend"), "integration_request": {"uri": "https://backend.example.com/items"}})
case("parameter-mapping/content-length-is-refused", spec="§6",
     tag="AWS-REC LS:http::test_http_proxy_integration_request_data_mappings",
     fact="mapping integration.request.header.Content-Length → 500 {\"message\": \"Internal server error\"}",
     model={"methods": [http_method(request_parameters={"integration.request.header.Content-Length": "'10'"})]},
     request={"method": "GET", "path": "/h"},
     expected={"status": 500, "headers": ISE_HEADERS, "body": INTERNAL, "integration_request": None})
case("parameter-mapping/override-wins", spec="§6", tag="AWS-DOC apigateway-override-request-response-parameters",
     fact="request template overrides are applied after the parameter mappings and win",
     model={"methods": [http_method(
         request_parameters={"integration.request.header.X-Mode": "'mapped'"},
         request_templates={"application/json": "#set($context.requestOverride.header.X-Mode = 'override')body"})]},
     request={"method": "GET", "path": "/h"}, backend=("http-response.json", ECHO),
     expected={**ok("backend"), "integration_request": {"body": "body", "headers": {
         "Accept": "application/json", "User-Agent": "AmazonAPIGateway_1234567890",
         "X-Amzn-Apigateway-Api-Id": "1234567890", "X-Mode": "override"}}})

case("parameter-mapping/multivalue-querystring", spec="§6",
     tag="AWS-USER LocalStack maintainers' AWS console check (tests/unit/services/apigateway/"
         "test_parameters_mapping.py::test_multi_qs_mapping)",
     fact="method.request.multivaluequerystring.N sends every value; querystring.N the last",
     model={"methods": [http_method(request_parameters={
         "integration.request.querystring.test": "method.request.querystring.testMultiQuery",
         "integration.request.querystring.test_multi": "method.request.multivaluequerystring.testMultiQuery"})]},
     request={"method": "GET", "path": "/h?testMultiQuery=value1&testMultiQuery=value2"},
     backend=("http-response.json", ECHO),
     expected={**ok("backend"), "integration_request": {
         "uri": "https://backend.example.com/items?test=value2&test_multi=value1&test_multi=value2"}})
case("parameter-mapping/empty-body-is-an-empty-object", spec="§6",
     tag="AWS-USER LocalStack maintainers, \"validated against AWS\" (test_parameters_mapping.py::"
         "test_body_mapping_empty)",
     fact="method.request.body of an empty body is {}",
     model={"methods": [http_method(method="POST", request_parameters={
         "integration.request.header.body_value": "method.request.body"})]},
     request={"method": "POST", "path": "/h"}, backend=("http-response.json", ECHO),
     expected={**ok("backend"), "integration_request": {"headers": {
         "Accept": "application/json", "User-Agent": "AmazonAPIGateway_1234567890",
         "X-Amzn-Apigateway-Api-Id": "1234567890", "body_value": "{}"}}})

# --- §7 integration request and backend ------------------------------------------------

case("integration-request/uri-substitution", spec="§7", tag="AWS-DOC aws-api-gateway-stage-variables-reference",
     fact="{name} from integration.request.path.name, ${stageVariables.x} anywhere in the URL",
     model={"stages": {"beta": {"host": "beta.example.com"}}, "methods": [http_method(
         path="/pets/{petId}", uri="https://${stageVariables.host}/v1/pets/{id}",
         request_parameters={"integration.request.path.id": "method.request.path.petId"})]},
     request={"method": "GET", "path": "/pets/7", "stage": "beta"}, backend=("http-response.json", ECHO),
     expected={**ok("backend"), "integration_request": {"uri": "https://beta.example.com/v1/pets/7"}})
case("integration-request/integration-method", spec="§7", tag="AWS-REC LS:http::test_http_integration_method",
     fact="the integration's httpMethod is used whatever the client sent (client GET → backend POST)",
     model={"methods": [http_method(http_method="POST")]},
     request={"method": "GET", "path": "/h"}, backend=("http-response.json", ECHO),
     expected={**ok("backend"), "integration_request": {"method": "POST"}})
case("integration-request/lambda-endpoint", spec="§7",
     tag="AWS-REC LOG bref#534, LS:basic::test_apigw_test_invoke_method_api",
     fact="Lambda: POST to https://lambda.<region>.amazonaws.com/2015-03-31/functions/<ARN>/invocations",
     model={"methods": [lambda_method([{"status_code": "200"}])]},
     request={"method": "GET", "path": "/fn"}, backend=("lambda-result.json", '{"ok": true}'),
     expected={**ok('{"ok": true}'), "integration_request": {"method": "POST", "uri": LAMBDA_ENDPOINT, "body": "{}"}})
case("integration-request/mock-unquoted-status", spec="§7", tag="AWS-REC LS:integ::test_integration_mock_with_path_param",
     fact="{statusCode: 200} (json-smart's lenient JSON) is accepted",
     model={"methods": [{"http_method": "GET", "path": "/m", "integration": {
         "type": "MOCK", "request_templates": {"application/json": "{statusCode: 200}"},
         "responses": [{"status_code": "200", "response_templates": {"application/json": "mocked"}}]}}]},
     request={"method": "GET", "path": "/m"}, expected=ok("mocked"))
case("integration-request/mock-status-selects", spec="§7", tag="AWS-DOC how-to-mock-integration-console",
     fact="the MOCK statusCode is the endpoint status used for selection: 5\\d{2} picks the 500 response",
     model={"methods": [{"http_method": "GET", "path": "/m", "integration": {
         "type": "MOCK", "request_templates": {"application/json": '{"statusCode": 500}'},
         "responses": [{"status_code": "500", "selection_pattern": "5\\d{2}",
                        "response_templates": {"application/json": "failed"}},
                       {"status_code": "200"}]}}]},
     request={"method": "GET", "path": "/m"}, expected=ok("failed", status=500),
     java={"matches": [{"pattern": "5\\d{2}", "input": "500"}]})
case("integration-request/mock-non-integer-status", spec="§7",
     tag="AWS-USER nickolashkraus/cloudformation-templates#9",
     fact="a non-integer statusCode → 500",
     model={"methods": [{"http_method": "GET", "path": "/m", "integration": {
         "type": "MOCK", "request_templates": {"application/json": '{"statusCode": "200"}'},
         "responses": [{"status_code": "200"}]}}]},
     request={"method": "GET", "path": "/m"},
     expected={"status": 500, "headers": ISE_HEADERS, "body": INTERNAL, "error": "API_CONFIGURATION_ERROR"})
case("integration-request/mock-empty-body", spec="§7",
     tag="AWS-REC LS:integ::test_integration_mock_with_response_override_in_request_template[False]",
     fact="the MOCK response body is empty; with no response template the client body is empty",
     model={"methods": [{"http_method": "GET", "path": "/m", "integration": {
         "type": "MOCK", "request_templates": {"application/json": '{"statusCode": 200, "data": "ignored"}'},
         "responses": [{"status_code": "200"}]}}]},
     request={"method": "GET", "path": "/m"}, expected=ok(""))
case("integration-request/override-set-twice", spec="§7", tag="AWS-DOC (apigateway.md §4)",
     fact="setting the same override twice is a 5XX",
     model={"methods": [{"http_method": "GET", "path": "/m", "integration": {
         "type": "MOCK", "request_templates": {"application/json":
             "#set($context.requestOverride.header.X = 'a')#set($context.requestOverride.header.X = 'b')"
             '{"statusCode": 200}'},
         "responses": [{"status_code": "200"}]}}]},
     request={"method": "GET", "path": "/m"},
     expected={"status": 500, "headers": ISE_HEADERS, "body": INTERNAL, "error": "API_CONFIGURATION_ERROR"})
case("integration-request/template-fails", spec="§7", tag="INFERRED (apigateway.md §5; body bytes as §6)",
     fact="a template that fails to render → 500 {\"message\": \"Internal server error\"}",
     model={"methods": [{"http_method": "GET", "path": "/m", "integration": {
         "type": "MOCK", "request_templates": {"application/json": "#foreach($x in [1..3])#end$input.json('$[')"},
         "responses": [{"status_code": "200"}]}}]},
     request={"method": "GET", "path": "/m"},
     expected={"status": 500, "headers": ISE_HEADERS, "body": INTERNAL, "error": "API_CONFIGURATION_ERROR",
               "integration_request": None})

# --- §8 integration response selection -------------------------------------------------

ERRORS = [{"status_code": "400", "selection_pattern": ".*four hundred.*"},
          {"status_code": "502", "selection_pattern": ".+"}, {"status_code": "200"}]
case("selection/lambda-error-pattern", spec="§8", tag="AWS-DOC handle-errors-in-lambda-integration",
     fact="a Lambda error's errorMessage is matched against each selectionPattern",
     model={"methods": [lambda_method([{"status_code": "404", "selection_pattern": ".*not found.*",
                                        "response_templates": {"application/json": "$input.path('$.errorMessage')"}},
                                       {"status_code": "200"}])]},
     request={"method": "GET", "path": "/fn"}, backend=("lambda-error.json", {"errorMessage": "pet not found",
                                                                              "errorType": "NotFound"}),
     expected={**ok("pet not found", status=404), "integration_response": {
         "selection_pattern": ".*not found.*", "status": "404"}},
     java={"matches": [{"pattern": ".*not found.*", "input": "pet not found"}]})
case("selection/lambda-success-takes-default", spec="§8", tag="AWS-REC LS:lambda::test_lambda_selection_patterns",
     fact="a successful invocation is never matched against patterns (a 200 pattern did not catch it)",
     model={"methods": [lambda_method([{"status_code": "201", "selection_pattern": "200"},
                                       {"status_code": "200"}])]},
     request={"method": "GET", "path": "/fn"}, backend=("lambda-result.json", '"200"'),
     expected={**ok('"200"'), "integration_response": {"selection_pattern": None, "status": "200"}})
case("selection/dot-star-matches-null-message", spec="§8", tag="AWS-DOC handle-errors-in-lambda-integration",
     fact=".* matches every error, even a null message",
     model={"methods": [lambda_method([{"status_code": "500", "selection_pattern": ".*"}, {"status_code": "200"}])]},
     request={"method": "GET", "path": "/fn"}, backend=("lambda-error.json", {"errorMessage": None, "errorType": "E"}),
     expected={"status": 500, "integration_response": {"selection_pattern": ".*", "status": "500"}},
     java={"matches": [{"pattern": ".*", "input": ""}]})
case("selection/whole-string-match", spec="§8", tag="INFERRED Matcher.matches (the docs name java.util.regex.Pattern)",
     fact="the pattern must match the whole message, not a part: 'not found' does not take 'pet not found'",
     model={"methods": [lambda_method([{"status_code": "404", "selection_pattern": "not found"},
                                       {"status_code": "200"}])]},
     request={"method": "GET", "path": "/fn"}, backend=("lambda-error.json", {"errorMessage": "pet not found",
                                                                              "errorType": "E"}),
     expected={"status": 200, "integration_response": {"selection_pattern": None, "status": "200"}},
     java={"matches": [{"pattern": "not found", "input": "pet not found"}]})
case("selection/dot-does-not-match-line-break", spec="§8", tag="INFERRED Java syntax",
     fact="'.' does not match a line break: .*failed.* misses 'step 1\\nfailed'",
     model={"methods": [lambda_method([{"status_code": "500", "selection_pattern": ".*failed.*"},
                                       {"status_code": "200"}])]},
     request={"method": "GET", "path": "/fn"}, backend=("lambda-error.json", {"errorMessage": "step 1\nfailed",
                                                                              "errorType": "E"}),
     expected={"status": 200, "integration_response": {"selection_pattern": None, "status": "200"}},
     java={"matches": [{"pattern": ".*failed.*", "input": "step 1\nfailed"}]})
case("selection/first-defined-wins", spec="§8", tag="AWS-REC LS:integ (405 over 502); LOCAL definition order",
     fact="several patterns match: the first in definition order wins ('.*four hundred.*' before '.+')",
     model={"methods": [lambda_method(ERRORS)]},
     request={"method": "GET", "path": "/fn"}, backend=("lambda-error.json", {"errorMessage": "it is four hundred",
                                                                              "errorType": "E"}),
     expected={"status": 400, "integration_response": {"selection_pattern": ".*four hundred.*", "status": "400"}},
     java={"matches": [{"pattern": ".*four hundred.*", "input": "it is four hundred"},
                       {"pattern": ".+", "input": "it is four hundred"}]})
case("selection/unmatched-error-is-200-with-the-error", spec="§8", tag="AWS-DOC handle-errors-in-lambda-integration",
     fact="no pattern matches: the default response, 200, with the error object as body",
     model={"methods": [lambda_method([{"status_code": "400", "selection_pattern": "bad.*"}, {"status_code": "200"}])]},
     request={"method": "GET", "path": "/fn"}, backend=("lambda-error.json", {"errorMessage": "boom",
                                                                              "errorType": "Exception"}),
     expected=ok('{"errorMessage": "boom", "errorType": "Exception"}'),
     java={"matches": [{"pattern": "bad.*", "input": "boom"}]},
     note="the body's spacing is the [LOCAL] serialisation of the given error object (spec §7)")
case("selection/http-status-pattern", spec="§8", tag="AWS-REC LS:integ::test_http_integration_status_code_selection",
     fact="HTTP: the status code is matched: backend 404, pattern 4\\d{2} → 400",
     model={"methods": [http_method([{"status_code": "400", "selection_pattern": "4\\d{2}"}, {"status_code": "200"}])]},
     request={"method": "GET", "path": "/h"}, backend=("http-response.json", {"status": 404, "body": "nope"}),
     expected={**ok("nope", status=400), "integration_response": {"selection_pattern": "4\\d{2}", "status": "400"}},
     java={"matches": [{"pattern": "4\\d{2}", "input": "404"}]})
case("selection/http-201-takes-default", spec="§8", tag="AWS-REC LS:integ::test_http_integration_status_code_selection",
     fact="backend 201 with only 4\\d{2} and a default → default 200",
     model={"methods": [http_method([{"status_code": "400", "selection_pattern": "4\\d{2}"}, {"status_code": "200"}])]},
     request={"method": "GET", "path": "/h"}, backend=("http-response.json", {"status": 201, "body": "made"}),
     expected=ok("made"), java={"matches": [{"pattern": "4\\d{2}", "input": "201"}]})
case("selection/http-400-only-default", spec="§8",
     tag="AWS-REC LS:http::test_http_integration_invoke_status_code_passthrough[HTTP]",
     fact="backend 400 with only a default → the client gets 200",
     model={"methods": [http_method()]},
     request={"method": "GET", "path": "/h"}, backend=("http-response.json", {"status": 400, "body": "bad"}),
     expected=ok("bad"))
case("selection/no-match-no-default", spec="§8", tag="AWS-REC LOG 'No match for output mapping…'",
     fact="no match and no default → 500 Internal server error (API_CONFIGURATION_ERROR)",
     model={"methods": [http_method([{"status_code": "200", "selection_pattern": "2\\d{2}"}])]},
     request={"method": "GET", "path": "/h"}, backend=("http-response.json", {"status": 400, "body": "bad"}),
     expected={"status": 500, "headers": ISE_HEADERS, "body": INTERNAL, "error": "API_CONFIGURATION_ERROR"},
     java={"matches": [{"pattern": "2\\d{2}", "input": "400"}]})

# --- §9 method response ----------------------------------------------------------------

case("response/header-from-endpoint-header", spec="§9", tag="AWS-DOC request-response-data-mappings; AWS-REC "
     "LS:integ::test_apigateway_header_remapping_http (backend headers not passed)",
     fact="only responseParameters reach the client: X-Id from integration.response.header.X-Backend-Id",
     model={"methods": [http_method([{"status_code": "200", "response_parameters": {
         "method.response.header.X-Id": "integration.response.header.X-Backend-Id"}}])]},
     request={"method": "GET", "path": "/h"},
     backend=("http-response.json", {"status": 200, "headers": {"X-Backend-Id": "b-1", "X-Other": "o"}, "body": "x"}),
     expected=ok("x", {"Content-Type": "application/json", "X-Id": "b-1"}))
case("response/header-from-body-jsonpath", spec="§9", tag="AWS-DOC request-response-data-mappings",
     fact="integration.response.body.JSONPATH: a value inside the JSON body",
     model={"methods": [http_method([{"status_code": "200", "response_parameters": {
         "method.response.header.X-Owner": "integration.response.body.owner.name",
         "method.response.header.X-Tags": "integration.response.body.tags",
         "method.response.header.X-Missing": "integration.response.body.nothing"}}])]},
     request={"method": "GET", "path": "/h"},
     backend=("http-response.json", {"status": 200, "body": '{"owner": {"name": "Ann"}, "tags": ["a", "b/c"]}'}),
     expected=ok('{"owner": {"name": "Ann"}, "tags": ["a", "b/c"]}',
                 {"Content-Type": "application/json", "X-Owner": "Ann", "X-Tags": '["a","b\\/c"]'}),
     java={"jsonpath": [{"document": '{"owner": {"name": "Ann"}, "tags": ["a", "b/c"]}', "path": "$.owner.name"},
                        {"document": '{"owner": {"name": "Ann"}, "tags": ["a", "b/c"]}', "path": "$.tags"},
                        {"document": '{"owner": {"name": "Ann"}, "tags": ["a", "b/c"]}', "path": "$.nothing"}]},
     note="an array's header text is json-smart's writing of it (recorded); a missing value sets nothing")
case("response/error-message-jsonpath", spec="§9", tag="AWS-DOC handle-errors-in-lambda-integration",
     fact="a Lambda error's errorMessage that is a JSON string is deserialized for body-to-header mappings: "
          "integration.response.body.errorMessage.x reads inside it",
     model={"methods": [lambda_method([{"status_code": "400", "selection_pattern": ".*BadRequest.*",
                                        "response_parameters": {"method.response.header.X-Code":
                                                                "integration.response.body.errorMessage.code"}},
                                       {"status_code": "200"}])]},
     request={"method": "GET", "path": "/fn"},
     backend=("lambda-error.json", {"errorMessage": '{"type": "BadRequest", "code": "E42"}', "errorType": "E"}),
     expected={"status": 400, "headers": {"Content-Type": "application/json", "X-Code": "E42"}},
     java={"matches": [{"pattern": ".*BadRequest.*", "input": '{"type": "BadRequest", "code": "E42"}'}],
           "jsonpath": [{"document": '{"errorMessage": {"type": "BadRequest", "code": "E42"}, "errorType": "E"}',
                         "path": "$.errorMessage.code"}]})
case("response/remapped-header", spec="§9", tag="AWS-REC LS:integ::test_apigateway_header_remapping_http",
     fact="a mapped Server or Date header is sent as x-amzn-Remapped-<name>",
     model={"methods": [http_method([{"status_code": "200", "response_parameters": {
         "method.response.header.Server": "'backend'", "method.response.header.X-Ok": "'yes'"}}])]},
     request={"method": "GET", "path": "/h"}, backend=("http-response.json", {"status": 200, "body": ""}),
     expected=ok("", {"Content-Type": "application/json", "x-amzn-Remapped-Server": "backend", "X-Ok": "yes"}))
case("response/content-type-mapped", spec="§9", tag="AWS-REC LS:basic CORS test",
     fact="a mapped 'text/html' Content-Type is what the client gets",
     model={"methods": [http_method([{"status_code": "200", "response_parameters": {
         "method.response.header.Content-Type": "'text/html'"}}])]},
     request={"method": "GET", "path": "/h"}, backend=("http-response.json", {"status": 200, "body": "<p>"}),
     expected=ok("<p>", {"Content-Type": "text/html"}))
TWO = {"application/json": '{"kind": "json"}', "application/xml": "<kind>xml</kind>"}
case("response/template-by-accept", spec="§9", tag="AWS-DOC request-response-data-mappings",
     fact="the response template is chosen by the first media type of Accept",
     model={"methods": [mock("/t", response={"status_code": "200", "response_templates": TWO})]},
     request={"method": "GET", "path": "/t", "headers": {"Accept": "application/xml, application/json"}},
     expected=ok("<kind>xml</kind>"))
case("response/no-accept-is-json", spec="§9", tag="AWS-DOC request-response-data-mappings",
     fact="no Accept → the application/json template",
     model={"methods": [mock("/t", response={"status_code": "200", "response_templates": TWO})]},
     request={"method": "GET", "path": "/t"}, expected=ok('{"kind": "json"}'))
case("response/unknown-accept-uses-json", spec="§9",
     tag="AWS-REC LS:test_apigateway_s3::test_apigw_s3_binary_support_response_convert_to_text",
     fact="with only an application/json template, Accept: image/png still uses it",
     model={"methods": [mock("/t", '{"kind": "json"}')]},
     request={"method": "GET", "path": "/t", "headers": {"Accept": "image/png"}}, expected=ok('{"kind": "json"}'))
case("response/no-template-passes-body", spec="§9", tag="AWS-DOC request-response-data-mappings",
     fact="no response templates → the body passes through",
     model={"methods": [http_method()]},
     request={"method": "GET", "path": "/h"}, backend=("http-response.json", {"status": 200, "body": "as is"}),
     expected=ok("as is"))
case("response/empty-template-passes-body", spec="§9", tag="AWS-DOC request-response-data-mappings",
     fact="an empty template maps nothing: \"To return the response payload unmapped instead, you must set up "
          "an empty template for application/json\"",
     model={"methods": [http_method([{"status_code": "200", "response_templates": {
         "application/json": "", "application/xml": "<x>$input.body</x>"}}])]},
     request={"method": "GET", "path": "/h"}, backend=("http-response.json", {"status": 200, "body": "kept"}),
     expected=ok("kept"))
case("response/override-status-and-header", spec="§9",
     tag="AWS-REC LS:integ::test_integration_mock_with_response_override_in_request_template",
     fact="$context.responseOverride.status (444, no method response needed) and .header.N",
     model={"methods": [mock("/o", "#set($context.responseOverride.status = 444)"
                                   "#set($context.responseOverride.header.X-Over = 'yes')over")]},
     request={"method": "GET", "path": "/o"},
     expected=ok("over", {"Content-Type": "application/json", "X-Over": "yes"}, status=444))
case("response/request-template-override-carries", spec="§9",
     tag="AWS-REC LS:integ::test_integration_mock_with_request_overrides_in_response_template",
     fact="a responseOverride set in the request template carries over to the response",
     model={"methods": [{"http_method": "GET", "path": "/o", "integration": {
         "type": "MOCK", "request_templates": {"application/json":
                                               '#set($context.responseOverride.status = 202){"statusCode": 200}'},
         "responses": [{"status_code": "200", "response_templates": {"application/json": "accepted"}}]}}]},
     request={"method": "GET", "path": "/o"}, expected=ok("accepted", status=202))
case("response/template-fails", spec="§9", tag="INFERRED same as request templates",
     fact="a response template that fails → 500",
     model={"methods": [mock("/t", "#set($s = 'abc')$s.substring(5)")]},
     request={"method": "GET", "path": "/t"},
     expected={"status": 500, "headers": ISE_HEADERS, "body": INTERNAL, "error": "API_CONFIGURATION_ERROR"})

# --- §10 content handling --------------------------------------------------------------

S3_TEXT = "this is a UTF8 text typed object"
case("content/binary-payload-for-text-accept-is-base64", spec="§10",
     tag="AWS-REC LS:test_apigateway_s3::test_apigw_s3_binary_support_response_no_content_handling "
         "(text-payload-binary-accept-text, 2025-02-01)",
     fact="no contentHandling: a payload whose Content-Type is a binary media type is base64-encoded for a "
          "text Accept",
     model={"binary_media_types": ["image/png"], "methods": [http_method()]},
     request={"method": "GET", "path": "/h", "headers": {"Accept": "text/plain"}},
     backend=("http-response.json", {"status": 200, "headers": {"Content-Type": "image/png"}, "body": S3_TEXT}),
     expected=ok("dGhpcyBpcyBhIFVURjggdGV4dCB0eXBlZCBvYmplY3Q="))
case("content/text-payload-for-binary-accept-must-be-base64", spec="§10",
     tag="AWS-REC LS:test_apigateway_s3::test_apigw_s3_binary_support_response_no_content_handling "
         "(expected 500); INFERRED body and type as every 500 of a conversion (AWS-DOC: \"a 500 response "
         "indicating an API configuration error\")",
     fact="no contentHandling: a text payload for a binary Accept is base64-decoded; not base64 → 500",
     model={"binary_media_types": ["image/png"], "methods": [http_method()]},
     request={"method": "GET", "path": "/h", "headers": {"Accept": "image/png"}},
     backend=("http-response.json", {"status": 200, "headers": {"Content-Type": "binary/octet-stream"},
                                     "body": S3_TEXT}),
     expected={"status": 500, "headers": ISE_HEADERS, "body": INTERNAL, "error": "API_CONFIGURATION_ERROR"})
case("content/convert-to-text-leaves-a-text-payload", spec="§10",
     tag="AWS-REC LS:test_apigateway_s3::test_apigw_s3_binary_support_response_convert_to_text "
         "(text-payload-text-accept-binary)",
     fact="CONVERT_TO_TEXT encodes only a binary payload: a text one stays as it is",
     model={"binary_media_types": ["image/png"], "methods": [http_method(
         [{"status_code": "200", "content_handling": "CONVERT_TO_TEXT"}])]},
     request={"method": "GET", "path": "/h", "headers": {"Accept": "image/png"}},
     backend=("http-response.json", {"status": 200, "headers": {"Content-Type": "binary/octet-stream"},
                                     "body": S3_TEXT}),
     expected=ok(S3_TEXT))

# --- §11 AWS_PROXY ---------------------------------------------------------------------

PROXY_CASES = [
    ("status-only", '{"statusCode": 200}', ok(""), "{\"statusCode\":200} → 200, empty body, Content-Type application/json"),
    ("header-values-stringified", '{"statusCode": 200, "headers": {"X-Flag": true, "X-N": 1}, "body": "b"}',
     ok("b", {"X-Flag": "true", "X-N": "1", "Content-Type": "application/json"}), "header values are stringified"),
    ("headers-null", '{"statusCode": 204, "headers": null}', ok("", status=204), "headers: null is fine"),
    ("string-status", '{"statusCode": "201", "body": "made"}', ok("made", status=201), "statusCode \"201\" → 201"),
    ("headers-without-status", '{"headers": {"X-A": "a"}}', ok("", {"X-A": "a", "Content-Type": "application/json"}),
     "no statusCode but headers → 200"),
    ("multi-value-first", '{"statusCode": 200, "headers": {"X-A": "single"}, "multiValueHeaders": {"X-A": ["m1", "m2"]}}',
     ok("", {"X-A": "m1,m2,single", "Content-Type": "application/json"}),
     "multiValueHeaders and headers for one name are both sent, multi first"),
    ("base64-without-binary-type", '{"statusCode": 200, "body": "aGk=", "isBase64Encoded": true}', ok("aGk="),
     "isBase64Encoded without a matching binary media type: the base64 text as is"),
    ("unknown-key", '{"statusCode": 200, "wrongValue": 1}', BAD_GATEWAY, "an unknown top-level key → 502"),
    ("status-not-a-number", '{"statusCode": "test"}', BAD_GATEWAY, "statusCode \"test\" → 502"),
    ("multi-value-not-a-list", '{"statusCode": 200, "multiValueHeaders": {"X-A": "a"}}', BAD_GATEWAY,
     "a multiValueHeaders value that is not a list → 502"),
    ("string-result", '"just a string"', BAD_GATEWAY, "a result that is a JSON string → 502"),
]
for name, result, expected, fact in PROXY_CASES:
    case(f"aws-proxy/{name}", spec="§11",
         tag="AWS-REC LS:lambda::test_aws_proxy_response_payload_format_validation"
             + ("; INFERRED gateway response type INTEGRATION_FAILURE (AWS-USER azul access logs: a function error)" if expected is BAD_GATEWAY else ""),
         fact=fact, model={"methods": [proxy()]}, request={"method": "GET", "path": "/p"},
         backend=("lambda-result.json", result), expected={**expected, "integration_response": None})
case("aws-proxy/body-object", spec="§11",
     tag="AWS-USER vincentsarago/lambda-proxy#59; INFERRED gateway response type INTEGRATION_FAILURE",
     fact="a non-string body (an object) → 502 Malformed Lambda proxy response",
     model={"methods": [proxy()]}, request={"method": "GET", "path": "/p"},
     backend=("lambda-result.json", '{"statusCode": 200, "body": {"a": 1}}'), expected=BAD_GATEWAY)
case("aws-proxy/function-error", spec="§11",
     tag="AWS-REC LS:lambda::test_aws_proxy_response_payload_format_validation; AWS-USER gateway response type INTEGRATION_FAILURE (azul PR 6624 access logs)",
     fact="a Lambda function error → 502",
     model={"methods": [proxy()]}, request={"method": "GET", "path": "/p"},
     backend=("lambda-error.json", {"errorMessage": "boom", "errorType": "Exception"}), expected=BAD_GATEWAY)
case("aws-proxy/endpoint", spec="§11", tag="AWS-REC LOG (Endpoint request URI); LS:lambda",
     fact="the proxy event goes to the function by POST; the client gets the function's answer",
     model={"methods": [proxy()]}, request={"method": "DELETE", "path": "/p"},
     backend=("lambda-result.json", '{"statusCode": 200, "body": "gone"}'),
     expected={**ok("gone"), "integration_request": {"method": "POST", "uri": LAMBDA_ENDPOINT}})

# --- §12 HTTP_PROXY --------------------------------------------------------------------

HTTP_PROXY = {"http_method": "ANY", "path": "/{proxy+}", "integration": {
    "type": "HTTP_PROXY", "uri": "https://backend.example.com/{proxy}", "http_method": "ANY",
    "request_parameters": {"integration.request.path.proxy": "method.request.path.proxy"}}}
case("http-proxy/status-passes-through", spec="§12",
     tag="AWS-REC LS:http::test_http_integration_invoke_status_code_passthrough[HTTP_PROXY]",
     fact="backend 400 → 400, headers and body unchanged",
     model={"methods": [HTTP_PROXY]}, request={"method": "GET", "path": "/a/b?x=1"},
     backend=("http-response.json", {"status": 400, "headers": {"X-B": "b"}, "body": "bad"}),
     expected={"status": 400, "headers": {"X-B": "b"}, "body": "bad",
               "integration_request": {"method": "GET", "uri": "https://backend.example.com/a/b?x=1"}})
case("http-proxy/remapped-headers", spec="§12", tag="AWS-REC LS:http (HTTP_PROXY)",
     fact="Connection, Content-Length and Date come back as x-amzn-Remapped-*",
     model={"methods": [HTTP_PROXY]}, request={"method": "GET", "path": "/a"},
     backend=("http-response.json", {"status": 200, "headers": {"Connection": "keep-alive", "Date": "Thu",
                                                                "X-Keep": "k"}, "body": ""}),
     expected={"status": 200, "headers": {"x-amzn-Remapped-Connection": "keep-alive", "x-amzn-Remapped-Date": "Thu",
                                          "X-Keep": "k"}})
case("http-proxy/mapped-query-joins", spec="§12",
     tag="AWS-REC LS:http::test_http_proxy_integration_request_data_mappings",
     fact="a mapped query value joins the client's query",
     model={"methods": [{**HTTP_PROXY, "integration": {**HTTP_PROXY["integration"], "request_parameters": {
         "integration.request.path.proxy": "method.request.path.proxy",
         "integration.request.querystring.added": "'yes'"}}}]},
     request={"method": "GET", "path": "/a?x=1"}, backend=("http-response.json", {"status": 200, "body": ""}),
     expected={"status": 200, "integration_request": {"uri": "https://backend.example.com/a?x=1&added=yes"}})

# --- §13 gateway responses -------------------------------------------------------------

case("gateway-responses/default-4xx-applies", spec="§13",
     tag="AWS-REC LS:api::test_gateway_response_put (inheritance); INFERRED substitution",
     fact="a customised DEFAULT_4XX applies to a 4XX type not customised itself (here MISSING_AUTHENTICATION_TOKEN)",
     model={"gateway_responses": {"DEFAULT_4XX": {"status_code": "404", "response_templates": {
         "application/json": '{"error": "$context.error.message", "type": "$context.error.responseType"}'}}},
         "methods": [mock("/x", "x")]},
     request={"method": "GET", "path": "/nothing"},
     expected={"status": 404, "body": '{"error": "Missing Authentication Token", "type": "MISSING_AUTHENTICATION_TOKEN"}',
               "error": "MISSING_AUTHENTICATION_TOKEN"})
case("gateway-responses/default-5xx-status", spec="§13", tag="AWS-REC LS:api::test_gateway_response_put",
     fact="status 599 on DEFAULT_5XX shows on API_CONFIGURATION_ERROR",
     model={"gateway_responses": {"DEFAULT_5XX": {"status_code": "599"}},
            "methods": [http_method([{"status_code": "200", "selection_pattern": "2\\d{2}"}])]},
     request={"method": "GET", "path": "/h"}, backend=("http-response.json", {"status": 400, "body": ""}),
     expected={"status": 599, "body": INTERNAL, "error": "API_CONFIGURATION_ERROR"})
case("gateway-responses/own-type-wins", spec="§13", tag="AWS-REC LS:api::test_gateway_response_put",
     fact="a type customised itself is not overridden by DEFAULT_4XX",
     model={"gateway_responses": {"DEFAULT_4XX": {"status_code": "418"},
                                  "MISSING_AUTHENTICATION_TOKEN": {"status_code": "404"}},
            "methods": [mock("/x", "x")]},
     request={"method": "GET", "path": "/nothing"},
     expected={"status": 404, "body": '{"message":"Missing Authentication Token"}'})
case("gateway-responses/not-vtl", spec="§13",
     tag="AWS-DOC api-gateway-gatewayResponse-definition; INFERRED unknown variables → empty, the rest as written",
     fact="templates are not VTL: $context, $stageVariables and method request parameters are replaced, "
          "#set and quotes stay",
     model={"stages": {"prod": {"team": "pets"}}, "gateway_responses": {"BAD_REQUEST_PARAMETERS": {
         "response_templates": {"application/json":
                                "#set($x = 1){'m': $context.error.messageString, 's': '${stageVariables.team}', "
                                "'h': '$method.request.header.X-Trace', 'u': '$context.nope'}"},
         "response_parameters": {"gatewayresponse.header.X-Trace": "method.request.header.X-Trace",
                                 "gatewayresponse.header.X-Static": "'s'"}}},
         "request_validators": PARAMS, "methods": [mock("/v", "ok", request_validator="all", request_parameters={
             "method.request.querystring.q": True})]},
     request={"method": "GET", "path": "/v", "headers": {"X-Trace": "t-1"}},
     expected={"status": 400, "headers": {"Content-Type": "application/json", "x-amzn-ErrorType": "BadRequestException",
                                          "X-Trace": "t-1", "X-Static": "s"},
               "body": "#set($x = 1){'m': \"Missing required request parameters: [q]\", 's': 'pets', 'h': 't-1', 'u': ''}",
               "error": "BAD_REQUEST_PARAMETERS"})


# --- writing ---------------------------------------------------------------------------


def write_case(spec: dict[str, Any]) -> None:
    """Write one case folder from its description (replacing what was there)."""
    directory = ROOT / spec["name"]
    if directory.exists():
        for path in directory.iterdir():
            if path.name != "java.recorded.json":
                path.unlink()
    directory.mkdir(parents=True, exist_ok=True)
    tag = spec["tag"]
    provenance = ("aws-recording" if tag.startswith("AWS-REC") else "aws-docs" if tag.startswith("AWS-DOC")
                  else "aws-user" if tag.startswith("AWS-USER") else "inferred")
    meta = {"provenance": provenance, "behaviours": [f"pipeline {spec['spec']}"], "tag": tag, "fact": spec["fact"]}
    if spec["note"]:
        meta["note"] = spec["note"]
    _dump(directory / "case.json", meta)
    _dump(directory / "model.json", spec["model"])
    _dump(directory / "request.json", spec["request"])
    _dump(directory / "expected.json", spec["expected"])
    if spec["backend"] is not None:
        name, value = spec["backend"]
        if isinstance(value, str):
            (directory / name).write_text(value, encoding="utf-8")  # byte for byte
        else:
            _dump(directory / name, value)
    if spec["java"] is not None:
        _dump(directory / "java.json", spec["java"])
    elif (directory / "java.recorded.json").exists():
        (directory / "java.recorded.json").unlink()


def _dump(path: Path, value: Any) -> None:
    path.write_text(json.dumps(value, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main() -> None:
    names = [spec["name"] for spec in CASES]
    duplicates = {name for name in names if names.count(name) > 1}
    if duplicates:
        raise SystemExit(f"duplicate case names: {sorted(duplicates)}")
    if ROOT.exists():
        for directory in sorted(path for path in ROOT.glob("*/*") if path.is_dir()):
            if directory.relative_to(ROOT).as_posix() not in names:
                shutil.rmtree(directory)
    for spec in CASES:
        write_case(spec)
    print(f"wrote {len(CASES)} cases under {ROOT}")


if __name__ == "__main__":
    main()

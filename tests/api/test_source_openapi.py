"""OpenAPI 3.x and 2.0 with the x-amazon-apigateway-* extensions, read into the API model.

The definition files in data/openapi/ were written for these tests; every expected value
below is read off those files by hand (line numbers included).
"""

from pathlib import Path

import pytest

from vtl.api import Source, load_api
from vtl.api.sources.document import DefinitionError, parse_document
from vtl.api.sources.openapi import read_openapi

DATA = Path(__file__).parent / "data" / "openapi"
OAS30 = DATA / "pets-oas30.yaml"
SWAGGER = DATA / "shop-swagger.json"


@pytest.fixture(scope="module")
def pets():
    return load_api(OAS30)


@pytest.fixture(scope="module")
def shop():
    return load_api(SWAGGER)


def at(path: Path, line: int) -> Source:
    return Source(str(path), line)


# --- OpenAPI 3 ----------------------------------------------------------------------------


def test_oas30_methods_in_file_order(pets) -> None:
    assert [str(m) for m in pets.methods] == [
        "GET /pets/{petId}",
        "POST /pets",
        "ANY /{proxy+}",
        "OPTIONS /{proxy+}",
    ]
    assert pets.format == "openapi"
    assert pets.name == "pets"
    assert pets.source == at(OAS30, 1)


def test_oas30_integration_and_templates_byte_for_byte(pets) -> None:
    method = pets.find_method("GET", "/pets/{petId}")
    integration = method.integration
    assert integration.type == "AWS"
    assert integration.http_method == "POST"
    assert integration.uri == (
        "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/"
        "arn:aws:lambda:eu-west-1:123456789012:function:${stageVariables.fn}/invocations"
    )
    assert integration.passthrough_behavior == "WHEN_NO_TEMPLATES"
    assert integration.timeout_ms == 5000
    assert integration.request_parameters == {
        "integration.request.header.X-Trace": "method.request.header.X-Trace"
    }
    json_template = integration.request_templates["application/json"]
    assert json_template.text == (
        '{"petId": "$input.params(\'petId\')",\n'
        ' "fields": "$util.escapeJavaScript($input.params(\'fields\'))"}\n'
    )
    assert json_template.source == at(OAS30, 66)
    xml_template = integration.request_templates["application/xml"]
    assert xml_template.text == "<pet id=\"$input.params('petId')\"/>"
    assert xml_template.source == at(OAS30, 69)
    assert integration.source == at(OAS30, 57)


def test_oas30_integration_responses_keep_order_patterns_and_sources(pets) -> None:
    default, not_found = pets.find_method("GET", "/pets/{petId}").integration.responses
    assert default.is_default and default.status_code == "200"
    assert default.response_parameters == {"method.response.header.Cache-Control": "'max-age=60'"}
    assert default.response_templates == {}
    assert default.source == at(OAS30, 71)
    assert not_found.selection_pattern == ".*not found.*"
    assert not_found.status_code == "404"  # written as a number
    assert not_found.content_handling == "CONVERT_TO_TEXT"
    template = not_found.response_templates["application/json"]
    assert template.text == (
        '#set($e = $util.parseJson($input.path(\'$.errorMessage\')))\n{"message": "$e.message"}'
    )
    assert template.source == at(OAS30, 79)


def test_oas30_parameters_operation_overrides_path_level_and_refs_are_followed(pets) -> None:
    method = pets.find_method("GET", "/pets/{petId}")
    assert method.request_parameters == {
        "method.request.path.petId": True,
        "method.request.header.X-Trace": True,
        "method.request.querystring.fields": False,
    }
    assert method.operation_name == "getPet"
    assert method.source == at(OAS30, 34)


def test_oas30_method_responses_headers_and_models(pets) -> None:
    responses = pets.find_method("GET", "/pets/{petId}").method_responses
    assert set(responses) == {"200", "404"}
    assert responses["200"].headers == {"Cache-Control": False}
    assert responses["200"].models == {"application/json": "Pet"}
    assert responses["404"].models == {"application/json": "Error"}  # via components.responses
    options = pets.find_method("OPTIONS", "/{proxy+}").method_responses
    assert set(options) == {"200"}
    assert options["200"].headers == {"Access-Control-Allow-Origin": True}


def test_oas30_request_bodies_become_models(pets) -> None:
    method = pets.find_method("POST", "/pets")
    assert method.request_models["application/json"] == "NewPet"
    inline = pets.models[method.request_models["text/plain"]]
    assert inline.schema == {"type": "string", "maxLength": 10}
    assert pets.models["NewPet"].schema == {
        "type": "object",
        "required": ["name"],
        "properties": {"name": {"type": "string"}},
    }
    # references between models stay as written; they name the model after the last '/'
    assert pets.models["Pet"].schema["properties"]["tags"]["items"] == {
        "$ref": "#/components/schemas/Tag"
    }
    assert pets.models["Pet"].source == at(OAS30, 160)
    assert set(pets.models) == {
        "Pet",
        "NewPet",
        "Tag",
        "Error",
        method.request_models["text/plain"],
    }


def test_oas30_validators_default_and_per_method(pets) -> None:
    assert pets.request_validators["all"].validate_request_body is True
    assert pets.request_validators["all"].validate_request_parameters is True
    assert pets.request_validators["params-only"].validate_request_body is False
    assert pets.request_validators["params-only"].validate_request_parameters is True
    assert pets.find_method("POST", "/pets").request_validator == "all"
    assert pets.find_method("GET", "/pets/{petId}").request_validator == "params-only"


def test_oas30_security_schemes(pets) -> None:
    get = pets.find_method("GET", "/pets/{petId}")
    assert (get.api_key_required, get.authorization_type) == (True, "NONE")
    post = pets.find_method("POST", "/pets")
    assert (post.api_key_required, post.authorization_type) == (False, "COGNITO_USER_POOLS")
    proxy = pets.find_method("ANY", "/{proxy+}")
    assert (proxy.api_key_required, proxy.authorization_type) == (False, "AWS_IAM")


def test_oas30_api_level_extensions(pets) -> None:
    assert pets.api_key_source == "AUTHORIZER"
    assert pets.binary_media_types == ["image/png", "application/octet-stream"]
    assert pets.stages == {"test": {}}
    response = pets.gateway_responses["BAD_REQUEST_BODY"]
    assert response.status_code == "422"
    assert response.response_parameters == {
        "gatewayresponse.header.Access-Control-Allow-Origin": "'*'"
    }
    assert response.response_templates == {
        "application/json": '{"message": $context.error.messageString, '
        '"detail": "$context.error.validationErrorString"}'
    }
    assert response.source == at(OAS30, 22)


def test_oas30_any_method_proxy_and_mock(pets) -> None:
    proxy = pets.find_method("ANY", "/{proxy+}").integration
    assert (proxy.type, proxy.http_method, proxy.uri) == (
        "HTTP_PROXY",
        "ANY",
        "https://pets.example.com/{proxy}",
    )
    mock = pets.find_method("OPTIONS", "/{proxy+}").integration
    assert mock.type == "MOCK" and mock.uri is None
    assert mock.request_templates["application/json"].text == '{"statusCode": 200}'
    assert (
        pets.find_method("POST", "/pets").integration.request_templates["application/json"].text
        == ""
    )


def test_oas30_what_api_gateway_would_skip_is_reported_not_dropped(pets) -> None:
    assert pets.warnings == [
        f"{OAS30}:114: parameter 'session' in 'cookie' is not a REST API request parameter; ignored",
        f"{OAS30}:133: a 'default' response is not a REST API method response; ignored",
    ]


# --- Swagger 2.0 --------------------------------------------------------------------------


def test_swagger_json_templates_with_escapes_and_lines(shop) -> None:
    method = shop.find_method("POST", "/carts/{cartId}/items")
    templates = method.integration.request_templates
    assert templates["application/json"].text == (
        '{\n  "TableName": "$stageVariables.carts",\n'
        '  "Key": {"id": {"S": "$input.params(\'cartId\')"}}\n}'
    )
    assert templates["application/json"].source == at(SWAGGER, 33)
    assert templates["application/x-www-form-urlencoded"].source == at(SWAGGER, 34)
    assert method.integration.passthrough_behavior == "NEVER"
    default, conflict = method.integration.responses
    assert default.response_templates["application/json"].text == "$input.json('$.Attributes')"
    assert default.response_templates["application/json"].source == at(SWAGGER, 40)
    assert default.response_parameters == {
        "method.response.header.X-Cart-Version": "integration.response.body.Attributes.version.N"
    }
    assert (conflict.selection_pattern, conflict.status_code) == ("4\\d{2}", "409")


def test_swagger_body_parameter_and_consumes_give_request_models(shop) -> None:
    method = shop.find_method("POST", "/carts/{cartId}/items")
    assert method.request_models == {
        "application/json": "Item",
        "application/x-www-form-urlencoded": "Item",
    }
    assert method.request_parameters == {
        "method.request.path.cartId": True,
        "method.request.querystring.dryRun": False,
        "method.request.header.X-Tenant": True,
    }
    assert method.method_responses["200"].models == {"application/json": "Cart"}
    assert method.method_responses["200"].headers == {"X-Cart-Version": False}
    assert shop.models["Item"].source == at(SWAGGER, 71)
    assert shop.models["Cart"].schema["properties"]["items"]["items"] == {
        "$ref": "#/definitions/Item"
    }


def test_swagger_api_level(shop) -> None:
    method = shop.find_method("POST", "/carts/{cartId}/items")
    assert (method.api_key_required, method.authorization_type) == (True, "CUSTOM")
    assert method.request_validator == "body"
    assert shop.stages == {"live": {}}
    assert shop.binary_media_types == ["*/*"]
    assert shop.gateway_responses["MISSING_AUTHENTICATION_TOKEN"].status_code == "404"
    assert shop.gateway_responses["DEFAULT_5XX"].status_code is None
    proxy = shop.find_method("ANY", "/carts/{cartId}/items")
    assert proxy.integration.is_proxy and proxy.integration.content_handling == "CONVERT_TO_TEXT"
    assert proxy.source == at(SWAGGER, 49)
    # the required X-Tenant header is not checked: the method's validator validates only the
    # body (AWS-DOC api-gateway-method-request-validation)
    assert shop.warnings == [
        f"{at(SWAGGER, 11)}: POST /carts/{{cartId}}/items: header.X-Tenant is declared required, "
        "but its validator 'body' does not validate parameters: API Gateway does not check it"]


# --- embedded in another file -------------------------------------------------------------


def test_read_openapi_inside_another_document_keeps_that_files_lines() -> None:
    text = b"""\
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Body:
        openapi: 3.0.1
        info: {title: inner}
        paths:
          /x:
            get:
              x-amazon-apigateway-integration:
                type: mock
                requestTemplates:
                  application/json: |
                    {"statusCode": 200}
"""
    document = parse_document(text, Path("stack.yaml"))
    where = ("Resources", "Api", "Properties", "Body")
    api = read_openapi(document.data["Resources"]["Api"]["Properties"]["Body"], document, where)
    template = api.find_method("GET", "/x").integration.request_templates["application/json"]
    assert template.text == '{"statusCode": 200}\n'
    assert template.source == Source("stack.yaml", 14)
    assert api.source == Source("stack.yaml", 5)


def test_read_openapi_without_a_file() -> None:
    data = {
        "swagger": "2.0",
        "paths": {
            "/": {
                "get": {
                    "x-amazon-apigateway-integration": {
                        "type": "MOCK",
                        "requestTemplates": {"application/json": "{}"},
                    }
                }
            }
        },
    }
    api = read_openapi(data, None)
    assert api.methods[0].integration.request_templates["application/json"].source is None
    assert api.name == "api"


# --- errors -------------------------------------------------------------------------------


def write(tmp_path: Path, text: str, name: str = "api.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


GET_MOCK = """\
openapi: 3.0.1
paths:
  /x:
    get:
"""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "openapi: 2.0\npaths: {}\n",
            ":1: openapi version '2.0' is not 3.x (2.0 files say 'swagger: \"2.0\"')",
        ),
        ("swagger: '1.2'\npaths: {}\n", ":1: swagger version '1.2' is not 2.0"),
        (
            GET_MOCK + "      x-amazon-apigateway-integration:\n        uri: http://x\n",
            ":5: x-amazon-apigateway-integration needs a 'type' (aws, aws_proxy, http, http_proxy or mock)",
        ),
        (
            GET_MOCK + "      x-amazon-apigateway-integration:\n        type: lambda\n",
            (
                ":5: paths./x.get.x-amazon-apigateway-integration: integration type 'lambda' is not one of "
                "AWS, AWS_PROXY, HTTP, HTTP_PROXY, MOCK"
            ),
        ),
        (
            GET_MOCK + "      x-amazon-apigateway-integration:\n        type: mock\n"
            "        requestTemplates:\n          application/json: {statusCode: 200}\n",
            (
                ":8: paths./x.get.x-amazon-apigateway-integration.requestTemplates.application/json "
                "must be a string, not a mapping"
            ),
        ),
        (
            GET_MOCK + "      x-amazon-apigateway-integration:\n        type: mock\n"
            "        responses:\n          default:\n            statusCode: [500]\n",
            (
                ":9: paths./x.get.x-amazon-apigateway-integration.responses.default.statusCode "
                "must be a string, not a list"
            ),
        ),
        (
            GET_MOCK + "      x-amazon-apigateway-integration:\n        type: mock\n"
            "        responses:\n          default: {responseTemplates: {}}\n",
            ":8: integration response 'default' needs a statusCode",
        ),
        (
            GET_MOCK + "      x-amazon-apigateway-integration:\n        type: mock\n"
            "        responses:\n          default: {statusCode: 20}\n",
            (
                ":8: paths./x.get.x-amazon-apigateway-integration.responses.default: integration response "
                "statusCode must be a three-digit HTTP status, not '20'"
            ),
        ),
        (
            GET_MOCK + "      x-amazon-apigateway-request-validator: strict\n",
            ":5: request validator 'strict' is not defined in x-amazon-apigateway-request-validators",
        ),
        (
            GET_MOCK + "      security: [{key: []}]\n",
            ":5: security scheme 'key' is not defined in components.securitySchemes",
        ),
        (
            GET_MOCK + "      parameters: [{$ref: 'other.yaml#/P'}]\n",
            ":5: $ref 'other.yaml#/P' points outside this file; only '#/...' references are followed",
        ),
        (
            GET_MOCK + "      parameters: [{$ref: '#/components/parameters/P'}]\n",
            ":5: $ref '#/components/parameters/P' names nothing in this document",
        ),
        (
            GET_MOCK + "      requestBody:\n        content:\n          application/json:\n"
            "            schema: {$ref: '#/components/schemas/Missing'}\n",
            ":8: $ref '#/components/schemas/Missing' names no model under components.schemas",
        ),
        ("openapi: 3.0.1\npaths:\n  /x:\n    trace: {}\n", ":4: API Gateway has no TRACE method"),
        (
            "openapi: 3.0.1\nx-amazon-apigateway-importexport-version: '1.0'\npaths: {}\n",
            (
                ":2: x-amazon-apigateway-importexport-version belongs to HTTP APIs (API Gateway v2), "
                "which have no mapping templates; this tool runs REST APIs (v1)"
            ),
        ),
        (
            GET_MOCK + "      x-amazon-apigateway-integration:\n        type: aws_proxy\n"
            "        payloadFormatVersion: '2.0'\n",
            (
                ":7: payloadFormatVersion belongs to HTTP APIs (API Gateway v2), which have no "
                "mapping templates; this tool runs REST APIs (v1)"
            ),
        ),
        (
            "openapi: 3.0.1\npaths:\n  x:\n    get: {}\n",
            ":4: paths.x.get: resource path 'x' must start with '/'",
        ),
    ],
)
def test_errors_name_file_line_and_field(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(DefinitionError) as caught:
        load_api(path)
    assert str(caught.value) == f"{path}{message}"


def test_a_file_no_reader_recognises_says_what_it_looks_like(tmp_path: Path) -> None:
    path = write(tmp_path, '{"info": {"title": "t"}, "paths": {}}', "api.json")
    with pytest.raises(DefinitionError) as caught:
        load_api(path)
    assert str(caught.value) == (
        f"{path}: looks like OpenAPI (it has 'paths') but has no 'openapi: 3.0.1' or "
        "'swagger: \"2.0\"' field saying which version it is"
    )


def test_a_file_of_no_known_format(tmp_path: Path) -> None:
    path = write(tmp_path, "just: data\n")
    with pytest.raises(DefinitionError, match=r"not an API definition this tool reads \(openapi"):
        load_api(path)


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DefinitionError, match=r"nope\.yaml: no such file or folder$"):
        load_api(tmp_path / "nope.yaml")


def test_openapi_takes_no_parameters(tmp_path: Path) -> None:
    with pytest.raises(DefinitionError) as caught:
        load_api(OAS30, {"Stage": "dev"})
    assert (
        str(caught.value)
        == f"{OAS30}:1: an OpenAPI definition has no parameters to set (given: Stage)"
    )


# --- the small API of examples/api/, as the two exports ------------------------------------

EXAMPLES = Path(__file__).parents[2] / "examples" / "api"
TEMPLATES = EXAMPLES / "templates"
CORS_HEADERS = {
    "method.response.header.Access-Control-Allow-Headers": (
        "'Content-Type,X-Amz-Date,Authorization,X-Api-Key'"
    ),
    "method.response.header.Access-Control-Allow-Methods": "'GET,POST,OPTIONS'",
    "method.response.header.Access-Control-Allow-Origin": "'*'",
}
#: (file, method, which template) → the line the template's media type is written on.
EXAMPLE_LINES = {
    "openapi.yaml": {
        "create-order-request": 39,
        "create-order-error": 36,
        "mock": 73,
        "get-order-request": 112,
        "get-order-response": 99,
    },
    "swagger.json": {
        "create-order-request": 48,
        "create-order-error": 43,
        "mock": 89,
        "get-order-request": 130,
        "get-order-response": 125,
    },
}


def vm(name: str) -> str:
    return (TEMPLATES / f"{name}.vm").read_bytes().decode("utf-8")


@pytest.mark.parametrize("name", ["openapi.yaml", "swagger.json"])
def test_the_example_api_exports_carry_the_deployed_templates(name: str) -> None:
    path = EXAMPLES / "openapi" / name
    lines = EXAMPLE_LINES[name]
    api = load_api(path)
    assert [str(m) for m in api.methods] == ["POST /orders", "OPTIONS /orders", "GET /orders/{id}"]
    assert api.stages == {"prod": {}} and api.warnings == []

    create = api.find_method("POST", "/orders").integration
    assert (create.type, create.http_method) == ("AWS", "POST")
    assert create.uri == (
        "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
        "arn:aws:lambda:us-east-1:123456789012:function:create-order/invocations"
    )
    request = create.request_templates["application/json"]
    assert (request.text, request.source) == (
        vm("create-order-request"),
        Source(str(path), lines["create-order-request"]),
    )
    default, invalid = create.responses
    assert (default.selection_pattern, default.status_code, default.response_templates) == (
        None,
        "200",
        {},
    )
    assert (invalid.selection_pattern, invalid.status_code) == (".*Invalid.*", "400")
    error = invalid.response_templates["application/json"]
    assert (error.text, error.source) == (
        vm("create-order-error"),
        Source(str(path), lines["create-order-error"]),
    )

    get = api.find_method("GET", "/orders/{id}").integration
    assert (get.type, get.http_method, get.uri) == (
        "AWS",
        "POST",
        "arn:aws:apigateway:us-east-1:dynamodb:action/GetItem",
    )
    request = get.request_templates["application/json"]
    assert (request.text, request.source) == (
        vm("get-order-request"),
        Source(str(path), lines["get-order-request"]),
    )
    (only,) = get.responses
    response = only.response_templates["application/json"]
    assert (only.is_default, only.status_code) == (True, "200")
    assert (response.text, response.source) == (
        vm("get-order-response"),
        Source(str(path), lines["get-order-response"]),
    )

    options = api.find_method("OPTIONS", "/orders")
    mock = options.integration
    assert mock.type == "MOCK"
    assert mock.request_templates["application/json"].text == '{"statusCode": 200}'
    assert mock.request_templates["application/json"].source == Source(str(path), lines["mock"])
    (cors,) = mock.responses
    assert (cors.is_default, cors.status_code, cors.response_parameters) == (
        True,
        "200",
        CORS_HEADERS,
    )
    assert options.method_responses["200"].headers == {
        "Access-Control-Allow-Origin": False,
        "Access-Control-Allow-Methods": False,
        "Access-Control-Allow-Headers": False,
    }


def test_the_two_example_exports_describe_the_same_methods() -> None:
    def shape(path: Path) -> list[tuple[object, ...]]:
        api = load_api(path)
        return [
            (
                str(m),
                m.request_parameters,
                m.integration.type,
                m.integration.uri,
                m.integration.passthrough_behavior,
                {k: t.text for k, t in m.integration.request_templates.items()},
                [
                    (
                        r.selection_pattern,
                        r.status_code,
                        r.response_parameters,
                        {k: t.text for k, t in r.response_templates.items()},
                    )
                    for r in m.integration.responses
                ],
                {s: (r.headers, r.models) for s, r in m.method_responses.items()},
            )
            for m in api.methods
        ]

    assert shape(EXAMPLES / "openapi" / "openapi.yaml") == shape(
        EXAMPLES / "openapi" / "swagger.json"
    )


def test_an_openapi_file_meant_for_inclusion_in_cloudformation(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        GET_MOCK + "      x-amazon-apigateway-integration:\n        type: aws\n"
        "        uri:\n          Fn::Sub: arn:aws:apigateway:${AWS::Region}:lambda:path\n",
    )
    with pytest.raises(DefinitionError) as caught:
        load_api(path)
    assert str(caught.value) == (
        f"{path}:7: paths./x.get.x-amazon-apigateway-integration.uri must be a string, not a "
        "CloudFormation function (Fn::Sub); read the CloudFormation or SAM template that "
        "includes this document instead"
    )


def test_a_folder_of_no_known_format(tmp_path: Path) -> None:
    with pytest.raises(DefinitionError) as caught:
        load_api(tmp_path)
    assert str(caught.value).endswith(
        "a folder is read when it is CDK output (it holds manifest.json) or Terraform "
        "(it holds .tf files)"
    )


def test_a_misspelt_integration_field_is_reported_not_dropped(tmp_path: Path) -> None:
    # Field names of x-amazon-apigateway-integration and of its responses, from AWS's pages
    # on those extensions (api-gateway-swagger-extensions-integration[-response]).
    path = write(tmp_path, GET_MOCK + """\
      x-amazon-apigateway-integration:
        type: mock
        requestTemplate:
          application/json: '{"statusCode": 200}'
        responses:
          default:
            statusCode: 200
            responseTemplate: {application/json: x}
      x-amazon-apigateway-integratio: {}
""")
    api = load_api(path)
    assert api.find_method("GET", "/x").integration.request_templates == {}
    assert api.warnings == [
        f"{path}:7: paths./x.get.x-amazon-apigateway-integration.requestTemplate is not a field "
        "API Gateway reads; ignored; did you mean requestTemplates?",
        f"{path}:12: paths./x.get.x-amazon-apigateway-integration.responses.default.responseTemplate "
        "is not a field API Gateway reads; ignored; did you mean responseTemplates?",
        f"{path}:13: paths./x.get.x-amazon-apigateway-integratio is not an API Gateway extension "
        "of an operation; ignored; did you mean x-amazon-apigateway-integration?",
    ]


def test_an_http_api_field_in_a_file_with_templates_is_ignored_with_a_warning(tmp_path: Path) -> None:
    # A REST definition meant for SAM that also carries HTTP API fields (copied from an HTTP
    # API export): its templates make it a REST API, which ignores those fields.
    path = write(tmp_path, GET_MOCK + "      x-amazon-apigateway-integration:\n        type: mock\n"
                 "        requestTemplates: {application/json: '{\"statusCode\": 200}'}\n"
                 "x-amazon-apigateway-importexport-version: '1.0'\n")
    api = load_api(path)
    assert [str(m) for m in api.methods] == ["GET /x"]
    assert [w.split(": ", 1)[0].rsplit("/", 1)[-1] for w in api.warnings] == ["api.yaml:8"]
    assert "so it is a REST API, which ignores it" in api.warnings[0]


def test_response_templates_of_a_proxy_integration_are_said_never_to_run(tmp_path: Path) -> None:
    # `responses: default: statusCode` is what exports write for a proxy method: no warning;
    # a response template there never runs: a warning at the template.
    path = write(tmp_path, GET_MOCK + "      x-amazon-apigateway-integration:\n        type: http_proxy\n"
                 "        httpMethod: GET\n        uri: https://example.com/\n        responses:\n"
                 "          default: {statusCode: '200'}\n          '4\\\\d{2}':\n            statusCode: '400'\n"
                 "            responseTemplates: {application/json: '{}'}\n")
    api = load_api(path)
    assert [w.split(": ", 1)[0].rsplit("/", 1)[-1] for w in api.warnings] == ["api.yaml:13"]
    assert "GET /x: the 400 response template (application/json) of an HTTP_PROXY integration never runs" \
        in api.warnings[0]


def test_a_project_folder_names_its_definition_file(tmp_path: Path) -> None:
    # a Serverless Framework project: the error names the file to give, not only the
    # folder kinds that are read
    (tmp_path / "serverless.yml").write_text("service: s\n")
    with pytest.raises(DefinitionError) as caught:
        load_api(tmp_path)
    assert str(caught.value).endswith(f"; give the definition file itself: {tmp_path / 'serverless.yml'}")


def test_a_key_written_twice_is_read_with_its_last_value_and_a_warning(tmp_path: Path) -> None:
    # a real Terraform module's body has `paths:` twice, the first empty; AWS deploys it
    path = write(tmp_path, "openapi: 3.0.1\npaths:\npaths:\n  /x:\n    get:\n"
                 "      x-amazon-apigateway-integration: {type: mock}\n")
    api = load_api(path)
    assert [str(m) for m in api.methods] == ["GET /x"]
    assert api.warnings == [(f"{path}:3: key 'paths' appears twice in one mapping (first on line 2): "
                             "its last value is used, as CloudFormation and API Gateway read it")]


def test_a_parameter_without_name_says_so_with_its_keys(tmp_path: Path) -> None:
    # a real template nests the parameter object under its name: "- status: {in: path, …}"
    path = write(tmp_path, "swagger: '2.0'\npaths:\n  /s/{status}:\n    parameters:\n"
                 "      - status: {in: path, name: status}\n    get:\n"
                 "      x-amazon-apigateway-integration: {type: mock}\n")
    with pytest.raises(DefinitionError, match=r"api.yaml:5: paths./s/\{status\}.parameters.0 has no 'name' "
                                              r"\(its keys: status\)$"):
        load_api(path)


UNDECLARED_RESPONSES = """\
openapi: 3.0.1
info: {title: t, version: '1'}
paths:
  /m:
    get:
      responses:
        '200':
          description: ok
          headers:
            X-Id: {schema: {type: string}}
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: {application/json: '{"statusCode": 200}'}
        responses:
          default:
            statusCode: '200'
            responseParameters:
              method.response.header.X-Id: "'1'"
              method.response.header.X-Other: "'2'"
          '404':
            statusCode: '404'
"""


def test_integration_responses_api_gateway_refuses_are_said_when_read(tmp_path: Path) -> None:
    # AWS refuses both when the API is built one call at a time (spec pipeline §8, §9); a
    # user should hear it from `vtl routes`, not only from the request that happens to select
    # one. An imported API can hold the first: a request selecting it gets a 500 (AWS-DOC,
    # tests/api/test_pipeline_reports3.py)
    path = tmp_path / "api.yaml"
    path.write_text(UNDECLARED_RESPONSES)
    api = load_api(path)
    assert api.warnings == [
        f"{path}:15: GET /m: response parameter method.response.header.X-Other is not declared on "
        "method response 200 (AWS: Invalid mapping expression specified); a request that selects it "
        "is refused",
        f"{path}:20: GET /m: integration response 404 has no method response (AWS: Invalid Response "
        "status code specified); a request that selects it gets a 500 (API_CONFIGURATION_ERROR)",
    ]


def test_an_empty_yaml_document_after_the_definition_is_ignored(tmp_path: Path) -> None:
    # a body ending with `---` (seen in a Terraform heredoc) is one document; a second
    # document with content is an error at its line
    path = tmp_path / "api.yaml"
    head = "openapi: 3.0.1\ninfo: {title: a, version: '1'}\npaths:\n  /a:\n    get: {}\n"
    path.write_text(head + "---\n")
    assert [str(m) for m in load_api(path).methods] == ["GET /a"]
    path.write_text(head + "---\nb: 2\n")
    with pytest.raises(DefinitionError, match=r"api\.yaml:7: not valid YAML: a second YAML "
                                              r"document: a definition is one"):
        load_api(path)


def test_a_mapping_from_a_method_request_parameter_the_method_does_not_declare_is_warned(
        tmp_path: Path) -> None:
    # A Swagger file of a deployment tool's docs maps method.request.querystring.vendor
    # without declaring it; AWS: "The method request parameters must be defined before being
    # referenced" (x-amazon-apigateway-integration.requestParameters). A declared header
    # matches in any case; a multi-value source needs the same declaration.
    path = write(tmp_path, GET_MOCK + """\
      parameters:
      - {name: X-Trace, in: header}
      - {name: tag, in: query}
      x-amazon-apigateway-integration:
        type: http
        httpMethod: GET
        uri: https://example.com/x
        requestParameters:
          integration.request.querystring.provider: method.request.querystring.vendor
          integration.request.header.trace: method.request.header.x-trace
          integration.request.querystring.tags: method.request.multivaluequerystring.tag
          integration.request.header.stage: stageVariables.stage
        responses:
          default: {statusCode: 200}
""")
    api = load_api(path)
    assert api.warnings == [
        f"{path}:8: GET /x: integration.request.querystring.provider maps "
        "method.request.querystring.vendor, which the method does not declare: API Gateway "
        "would refuse the integration (Invalid mapping expression specified)"]


def test_a_resource_policy_is_said_not_to_be_evaluated(tmp_path: Path) -> None:
    # A private API's policy denying every caller outside one VPC endpoint (a blog's export).
    path = write(tmp_path, GET_MOCK + """\
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: {application/json: '{"statusCode": 200}'}
x-amazon-apigateway-policy:
  Version: '2012-10-17'
  Statement:
  - {Effect: Deny, Principal: '*', Action: execute-api:Invoke, Resource: execute-api:/*/*/*,
     Condition: {StringNotEquals: {aws:sourceVpce: [vpce-0123]}}}
""")
    assert load_api(path).warnings == [
        f"{path}:8: x-amazon-apigateway-policy (the API's resource policy) is not evaluated: "
        "every request runs as if the policy allowed it"]


def test_a_ref_to_the_built_in_empty_or_error_model_needs_no_definition(tmp_path: Path) -> None:
    # A production Terraform body names #/components/schemas/Empty without defining it;
    # every REST API holds Empty and Error (spec: the model's choice, openapi.model_for).
    # A body validated against it is checked with the built-in schema.
    path = write(tmp_path, """\
openapi: 3.0.1
x-amazon-apigateway-request-validators: {all: {validateRequestBody: true}}
paths:
  /x:
    post:
      x-amazon-apigateway-request-validator: all
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Empty'}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Error'}
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: {application/json: '{"statusCode": 200}'}
        responses: {default: {statusCode: '200'}}
""")
    method = load_api(path).find_method("POST", "/x")
    assert method.request_models == {"application/json": "Empty"}
    assert method.method_responses["200"].models == {"application/json": "Error"}


def test_a_status_pattern_no_status_code_matches_is_warned(tmp_path: Path) -> None:
    # A CDK stack's DynamoDB integration selects its 404 with
    # '.*"__type":"com.amazon.coral.validate#ValidationException".*': an AWS service
    # integration matches patterns against the status code (400 there), so it never
    # applies. Lambda integrations match the error message; status-like patterns are fine.
    path = write(tmp_path, """\
openapi: 3.0.1
paths:
  /ddb:
    get:
      x-amazon-apigateway-integration:
        type: aws
        httpMethod: POST
        uri: arn:aws:apigateway:us-east-1:dynamodb:action/Query
        responses:
          default: {statusCode: '200'}
          '.*ValidationException.*': {statusCode: '404'}
          '4\\d{2}': {statusCode: '400'}
          '(5..|429)': {statusCode: '500'}
  /fn:
    get:
      x-amazon-apigateway-integration:
        type: aws
        httpMethod: POST
        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:f/invocations
        responses:
          default: {statusCode: '200'}
          '.*ValidationException.*': {statusCode: '404'}
""")
    said = [w for w in load_api(path).warnings if "matches no HTTP status code" in w]
    assert said == [
        f"{path}:11: GET /ddb: selectionPattern '.*ValidationException.*' matches no HTTP "
        "status code, and an integration of type AWS matches its patterns against the "
        "backend's status code (only a Lambda integration matches them against the error "
        "message): the 404 response is never selected"]


def test_an_unknown_field_of_a_gateway_response_is_warned(tmp_path: Path) -> None:
    # A blog's OpenAPI file writes CloudFormation's `ResponseParameters:` in
    # x-amazon-apigateway-gateway-responses: the CORS headers were dropped without a word.
    path = write(tmp_path, GET_MOCK + """\
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: {application/json: '{"statusCode": 200}'}
x-amazon-apigateway-gateway-responses:
  DEFAULT_4XX:
    ResponseParameters:
      gatewayresponse.header.Access-Control-Allow-Origin: "'*'"
    responseTemplates:
      application/json: '{"m": 1}'
""")
    api = load_api(path)
    assert api.gateway_responses["DEFAULT_4XX"].response_parameters == {}
    assert api.warnings == [
        f"{path}:10: x-amazon-apigateway-gateway-responses.DEFAULT_4XX.ResponseParameters is not "
        "a field API Gateway reads; ignored; did you mean responseParameters?"]


def test_an_api_extension_written_on_an_operation_is_said_to_belong_at_the_top(
        tmp_path: Path) -> None:
    # A deployment tool merges x-amazon-apigateway-binary-media-types into each operation;
    # the warning's "did you mean x-amazon-apigateway-auth?" pointed elsewhere.
    path = write(tmp_path, GET_MOCK + """\
      x-amazon-apigateway-binary-media-types: [image/png]
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: {application/json: '{"statusCode": 200}'}
""")
    api = load_api(path)
    assert api.binary_media_types == []
    assert api.warnings == [
        f"{path}:5: paths./x.get.x-amazon-apigateway-binary-media-types is an extension of the "
        "whole API, not of an operation: write it at the top level of the document; ignored here"]


def test_an_sqs_path_naming_the_queue_alone_is_warned(tmp_path: Path) -> None:
    # A Terraform file (and a CDK stack of round 1) writes sqs:path/${queue.name}: SQS needs
    # the account too. The JSON protocol's empty path and a full path are not warned.
    def post(path: str, uri: str) -> str:
        return f"""\
  {path}:
    post:
      x-amazon-apigateway-integration:
        type: aws
        httpMethod: POST
        uri: {uri}
        requestTemplates: {{application/json: 'Action=SendMessage'}}
"""
    path = write(tmp_path, "openapi: 3.0.1\npaths:\n"
                 + post("/a", "arn:aws:apigateway:us-east-1:sqs:path/orders")
                 + post("/b", "arn:aws:apigateway:us-east-1:sqs:path/123456789012/orders")
                 + post("/c", "arn:aws:apigateway:us-east-1:sqs:path//"))
    said = [w for w in load_api(path).warnings if "sqs:path" in w]
    assert said == [f"{path}:5: POST /a: the integration uri names the queue without its "
                    "account (sqs:path/orders); SQS needs sqs:path/ACCOUNT_ID/QUEUE_NAME"]


def test_a_raw_body_in_a_form_urlencoded_request_is_warned(tmp_path: Path) -> None:
    # A Terraform SQS integration sends `Action=SendMessage&MessageBody=$input.body` as
    # application/x-www-form-urlencoded: a JSON body holding & or + is cut or altered.
    # $util.urlEncode($input.body), and #set($msg = $input.body) then urlEncode($msg), are not.
    def post(path: str, template: str) -> str:
        return f"""\
  {path}:
    post:
      x-amazon-apigateway-integration:
        type: aws
        httpMethod: POST
        uri: arn:aws:apigateway:us-east-1:sqs:path/123456789012/q
        requestParameters:
          integration.request.header.Content-Type: "'application/x-www-form-urlencoded'"
        requestTemplates:
          application/json: {template}
"""
    path = write(tmp_path, "openapi: 3.0.1\npaths:\n"
                 + post("/raw", "'Action=SendMessage&MessageBody=$input.body'")
                 + post("/encoded", "'Action=SendMessage&MessageBody=$util.urlEncode($input.body)'")
                 + post("/set", '"#set($m = $input.body)\\nAction=SendMessage&MessageBody='
                                '$util.urlEncode($m)"'))
    said = [w for w in load_api(path).warnings if "unencoded" in w]
    assert said == [
        f"{path}:12: POST /raw: the application/json request template puts $input.body "
        "unencoded into an application/x-www-form-urlencoded body: a body holding &, + or % "
        "reaches the backend cut or altered (write $util.urlEncode($input.body))"]


def test_a_path_parameter_the_path_does_not_have_is_warned(tmp_path: Path) -> None:
    # A Terraform body declares `consignmentId` in: path on `/` and reads it with
    # $input.params('consignmentId'): always empty. Parameters of the path are not warned.
    path = write(tmp_path, """\
openapi: 3.0.1
paths:
  /:
    post:
      parameters:
      - {name: consignmentId, in: path, required: true, schema: {type: string}}
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: {application/json: '{"statusCode": 200}'}
  /{id}/{rest+}:
    get:
      parameters:
      - {name: id, in: path, required: true, schema: {type: string}}
      - {name: rest, in: path, required: true, schema: {type: string}}
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: {application/json: '{"statusCode": 200}'}
""")
    assert [w for w in load_api(path).warnings if "not in the path" in w] == [
        f"{path}:4: POST /: path parameter 'consignmentId' is not in the path /: no request "
        "gives it a value"]


def test_the_auth_extension_sets_iam_authorization(tmp_path: Path) -> None:
    # x-amazon-apigateway-auth {type: aws_iam} (AWS-DOC api-gateway-swagger-extensions-auth,
    # values case-insensitive; the Swagger importer's README example) was known but dropped:
    # the method ran without IAM.
    path = tmp_path / "api.yaml"
    path.write_text(
        "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n"
        "      responses: {'200': {description: ok}}\n"
        "      x-amazon-apigateway-auth: {type: aws_iam}\n"
        "      x-amazon-apigateway-integration: {type: mock, requestTemplates: "
        "{application/json: '{\"statusCode\": 200}'}, responses: {default: {statusCode: '200'}}}\n"
        "    post:\n      responses: {'200': {description: ok}}\n"
        "      x-amazon-apigateway-auth: {type: NONE}\n"
        "      x-amazon-apigateway-integration: {type: mock}\n"
        "    put:\n      responses: {'200': {description: ok}}\n"
        "      x-amazon-apigateway-auth: {type: COGNITO}\n"
        "      x-amazon-apigateway-integration: {type: mock}\n")
    with pytest.raises(DefinitionError, match=r"api\.yaml:15: .*x-amazon-apigateway-auth\.type must "
                                              r"be AWS_IAM or NONE, not 'COGNITO'"):
        load_api(path)
    path.write_text(path.read_text().replace("COGNITO", "none"))
    api = load_api(path)
    assert [(m.http_method, m.authorization_type) for m in api.methods] == [
        ("GET", "AWS_IAM"), ("POST", "NONE"), ("PUT", "NONE")]

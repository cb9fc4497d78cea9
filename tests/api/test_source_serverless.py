"""serverless.yml http events read into the API model, as the Serverless Framework deploys them.

Expected values are the files in examples/api/templates/, texts written in the fixture, or
what the framework's API Gateway compiler (v3/v4: validate.js, method/integration.js,
method/responses.js, cors.js) produces for the settings used, worked out by hand.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from vtl.api.model import Source
from vtl.api.sources import serverless
from vtl.api.sources.document import DefinitionError, load_document

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "api"
FEATURES = Path(__file__).parent / "data" / "serverless" / "features" / "serverless.yml"


def _line(path: Path, text: str, after: int = 0) -> int:
    """The 1-based line of ``path`` holding ``text`` (the first one past line ``after``)."""
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if number > after and text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def test_example_api_methods_and_templates() -> None:
    path = EXAMPLE / "serverless" / "serverless.yml"
    api = serverless.read(path)
    assert api.format == "serverless"
    assert api.name == "orders"
    assert api.stages == {"prod": {}}
    post = api.find_method("POST", "/orders")
    assert post is not None and post.integration is not None
    assert post.integration.type == "AWS"
    assert post.integration.uri == (
        "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
        "arn:aws:lambda:us-east-1:123456789012:function:create-order/invocations")
    assert post.integration.passthrough_behavior == "WHEN_NO_MATCH"
    # `application/x-www-form-urlencoded: null` removed the framework's generated template.
    assert list(post.integration.request_templates) == ["application/json"]
    request = post.integration.request_templates["application/json"]
    assert request.text == (EXAMPLE / "templates" / "create-order-request.vm").read_text()
    assert (Path(request.source.file).name, request.source.line) == ("create-order-request.vm", 1)
    assert request.generated_by is None
    default, error = post.integration.responses
    assert (default.status_code, default.selection_pattern, default.response_templates) == (
        "200", None, {})
    assert (error.status_code, error.selection_pattern) == ("400", ".*Invalid.*")
    assert error.response_templates["application/json"].text == (
        EXAMPLE / "templates" / "create-order-error.vm").read_text()

    options = api.find_method("OPTIONS", "/orders")
    assert options is not None and options.integration is not None
    assert options.integration.type == "MOCK"
    mock = options.integration.request_templates["application/json"]
    assert mock.text == '{"statusCode": 200}'
    assert mock.source.line == _line(path, "application/json: '{\"statusCode\": 200}'")
    (preflight,) = options.integration.responses
    assert preflight.selection_pattern is None
    assert preflight.response_parameters == {
        "method.response.header.Access-Control-Allow-Headers":
            "'Content-Type,X-Amz-Date,Authorization,X-Api-Key'",
        "method.response.header.Access-Control-Allow-Methods": "'GET,POST,OPTIONS'",
        "method.response.header.Access-Control-Allow-Origin": "'*'",
    }


def test_example_get_is_cloudformation_under_the_frameworks_resources() -> None:
    # Read by the CloudFormation reader.
    api = serverless.read(EXAMPLE / "serverless" / "serverless.yml")
    get = api.find_method("GET", "/orders/{id}")
    assert get is not None and get.integration is not None
    assert get.integration.uri == "arn:aws:apigateway:us-east-1:dynamodb:action/GetItem"
    assert get.request_parameters == {"method.request.path.id": True}
    for template, name in ((get.integration.request_templates["application/json"],
                            "get-order-request.vm"),
                           (get.integration.responses[0].response_templates["application/json"],
                            "get-order-response.vm")):
        assert template.text == (EXAMPLE / "templates" / name).read_text()
        assert (Path(template.source.file).name, template.source.line) == (name, 1)
    assert sorted(str(m) for m in api.methods) == [
        "GET /orders/{id}", "OPTIONS /orders", "POST /orders"]
    assert api.warnings == []


def test_example_templates_are_copies_of_the_shared_ones() -> None:
    # The framework loads ${file()} only inside the service folder, hence the copies.
    for copy in sorted((EXAMPLE / "serverless" / "templates").glob("*.vm")):
        assert copy.read_bytes() == (EXAMPLE / "templates" / copy.name).read_bytes()


def test_lambda_without_templates_gets_the_framework_defaults_marked_as_generated() -> None:
    api = serverless.read(FEATURES)
    listing = api.find_method("GET", "/items")  # `path: /items/`: slashes trimmed
    assert listing is not None and listing.integration is not None
    integration = listing.integration
    assert integration.uri == (
        "arn:aws:apigateway:eu-central-1:lambda:path/2015-03-31/functions/"
        "arn:aws:lambda:eu-central-1:123456789012:function:shop-dev-items/invocations")
    assert integration.passthrough_behavior == "NEVER"
    assert sorted(integration.request_templates) == [
        "application/json", "application/x-www-form-urlencoded"]
    for template in integration.request_templates.values():
        assert template.generated_by is not None and "Serverless Framework" in template.generated_by
        assert "not reproduced" in template.text
        assert template.source.line == _line(FEATURES, "- http:")
    assert [(r.status_code, r.selection_pattern) for r in integration.responses] == [
        ("200", None),
        ("400", r"[\s\S]*\[400\][\s\S]*"),
        ("401", r"[\s\S]*\[401\][\s\S]*"),
        ("403", r"[\s\S]*\[403\][\s\S]*"),
        ("404", r"[\s\S]*\[404\][\s\S]*"),
        ("422", r"[\s\S]*\[422\][\s\S]*"),
        ("500", r"[\s\S]*(Process\s?exited\s?before\s?completing\s?request|\[500\])[\s\S]*"),
        ("502", r"[\s\S]*\[502\][\s\S]*"),
        ("504", r"([\s\S]*\[504\][\s\S]*)|(.*Task timed out after \d+\.\d+ seconds$)"),
    ]
    assert sorted(listing.method_responses) == [
        "200", "400", "401", "403", "404", "422", "500", "502", "504"]


def test_templates_responses_parameters_and_variables() -> None:
    api = serverless.read(FEATURES)
    put = api.find_method("PUT", "/items/{id}")
    assert put is not None and put.integration is not None
    integration = put.integration
    own = integration.request_templates["application/json"]
    # ${sls:stage} inside the template is resolved by the framework too.
    assert own.text == (
        "#set($body = $input.path('$'))\n"
        "{\"id\": \"$input.params('id')\", \"stage\": \"dev\", \"body\": $input.json('$')}\n")
    assert own.source.line == _line(FEATURES, "application/json: |")
    assert integration.request_templates["application/x-www-form-urlencoded"].generated_by
    assert put.request_parameters == {
        "method.request.querystring.dryRun": False, "method.request.path.id": True}
    assert integration.request_parameters == {
        "integration.request.querystring.dryRun": "method.request.querystring.dryRun",
        "integration.request.path.id": "method.request.path.id"}
    created, conflict = integration.responses
    # A status with pattern '' is the default, so no 200 is added.
    assert (created.status_code, created.selection_pattern) == ("201", None)
    assert created.response_parameters == {
        "method.response.header.Access-Control-Allow-Origin": "'*'",
        "method.response.header.X-Stage": "'dev'"}
    response_vm = FEATURES.parent / "vtl" / "item-response.vm"
    assert created.response_templates["application/json"].text == response_vm.read_text()
    assert Path(created.response_templates["application/json"].source.file) == response_vm
    assert (conflict.status_code, conflict.selection_pattern) == ("409", '.*"conflict".*')
    assert conflict.response_parameters["method.response.header.Retry-After"] == "'5'"
    assert {k: t.text for k, t in conflict.response_templates.items()} == {
        "application/json": '{"error": "conflict"}', "text/plain": "conflict"}
    assert put.method_responses["409"].headers == {
        "Access-Control-Allow-Origin": True, "X-Stage": True, "Retry-After": True}


def test_http_proxy_mock_and_shorthand_events() -> None:
    api = serverless.read(FEATURES)
    assert api.binary_media_types == ["image/png"]
    me = api.find_method("GET", "/me")
    assert me is not None
    assert (me.api_key_required, me.authorization_type) == (True, "COGNITO_USER_POOLS")
    health = api.find_method("GET", "/health")
    assert health is not None and health.integration is not None
    assert health.integration.type == "AWS_PROXY"
    assert health.integration.request_templates == {}
    legacy = api.find_method("ANY", "/legacy/{path}")
    assert legacy is not None and legacy.integration is not None
    assert legacy.integration.type == "HTTP"
    assert legacy.integration.uri == "https://backend.example.com/v2/{path}"  # file(…):key
    assert legacy.integration.http_method == "ANY"
    # An ssm value is only known when deploying: it stays visible.
    assert legacy.integration.request_parameters == {
        "integration.request.path.path": "method.request.path.path",
        "integration.request.header.X-Secret": "'${ssm:/shop/secret}'"}
    delete = api.find_method("DELETE", "/legacy/{path}")
    assert delete is not None and delete.integration is not None
    assert delete.integration.request_templates["application/json"].text == '{"statusCode": 204}'
    (response,) = delete.integration.responses
    assert (response.status_code, response.selection_pattern) == ("204", None)


def test_cors_preflights_are_generated_and_merged_per_path() -> None:
    api = serverless.read(FEATURES)
    options = api.find_method("OPTIONS", "/items/{id}")
    assert options is not None and options.integration is not None
    request = options.integration.request_templates["application/json"]
    assert request.text == "{statusCode:200}"
    assert request.source == Source(str(FEATURES), _line(FEATURES, "cors: true"))
    assert options.integration.content_handling == "CONVERT_TO_TEXT"
    (response,) = options.integration.responses
    assert response.response_parameters == {
        "method.response.header.Access-Control-Allow-Origin": "'*'",
        "method.response.header.Access-Control-Allow-Headers":
            "'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token,"
            "X-Amz-User-Agent,X-Amzn-Trace-Id'",
        "method.response.header.Access-Control-Allow-Methods": "'OPTIONS,PUT'",
    }
    legacy = api.find_method("OPTIONS", "/legacy/{path}")
    assert legacy is not None and legacy.integration is not None
    (merged,) = legacy.integration.responses
    # ANY then DELETE on one path: methods joined (the later event's first), the later
    # origin wins, credentials stay allowed, ANY spelled out as the framework does.
    assert merged.response_parameters["method.response.header.Access-Control-Allow-Methods"] == (
        "'OPTIONS,DELETE,DELETE,GET,HEAD,PATCH,POST,PUT'")
    assert merged.response_parameters["method.response.header.Access-Control-Allow-Origin"] == "'*'"
    assert merged.response_parameters[
        "method.response.header.Access-Control-Allow-Credentials"] == "'true'"


def test_params_give_options_and_account() -> None:
    api = serverless.read(FEATURES, {"stage": "live", "accountId": "999999999999"})
    assert api.name == "live-shop"
    put = api.find_method("PUT", "/items/{id}")
    assert put is not None and put.integration is not None
    assert put.integration.uri is not None and (
        ":999999999999:function:shop-live-items/" in put.integration.uri)
    assert '"stage": "live"' in put.integration.request_templates["application/json"].text


def test_recognises_by_content() -> None:
    assert serverless.recognises(FEATURES, load_document(FEATURES))
    openapi_like = EXAMPLE / "serverless" / "templates" / "create-order-request.vm"
    assert not serverless.recognises(openapi_like, None)


HEAD = "service: s\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h\n    events:\n"


@pytest.mark.parametrize(("events", "message"), [
    ("      - http:\n          path: a\n          method: get\n          integration: lambda\n"
     "          request:\n            template:\n              application/json: ${file(../x.vm)}\n",
     r"serverless\.yml:14: \$\{file\(\.\./x\.vm\)\}: the Serverless Framework loads no file "
     "from outside"),
    ("      - http:\n          path: a\n          method: get\n          integration: lambda\n"
     "          request:\n            template:\n              application/json: ${file(x.vm)}\n",
     r"serverless\.yml:14: \$\{file\(x\.vm\)\}: no such file"),
    ("      - http:\n          path: a\n          method: get\n          integration: soap\n",
     r"serverless\.yml:11: integration 'soap' is not one of"),
    ("      - http:\n          method: get\n", r"serverless\.yml:8: an http event needs"),
    ("      - http:\n          path: a\n          method: get\n      - http: GET a\n",
     r"serverless\.yml:11: GET /a is declared twice"),
    ("      - http:\n          path: a\n          method: get\n          integration: http\n",
     r"serverless\.yml:8: integration http needs request\.uri"),
    # A list or mapping where the framework takes text is refused, not written as "[...]".
    ("      - http:\n          path: a\n          method: get\n          integration: lambda\n"
     "          response:\n            statusCodes:\n              418:\n"
     "                pattern: [teapot]\n",
     r"serverless\.yml:15: pattern must be text, not a list"),
    ("      - http:\n          path: a\n          method: get\n          integration: lambda\n"
     "          response:\n            headers:\n              X-Id: {a: b}\n",
     r"serverless\.yml:14: X-Id must be text, not a mapping"),
    ("      - http:\n          path: [a, b]\n          method: get\n",
     r"serverless\.yml:9: path must be text, not a list"),
    # a guide's integration written as a mapping (type/uri/requestTemplates): the message
    # printed the whole mapping as the "integration name"
    ("      - http:\n          path: a\n          method: get\n          integration:\n"
     "            type: aws\n            uri: arn:aws:apigateway:us-east-1:dynamodb:action/GetItem\n",
     r"serverless\.yml:11: integration must be one of lambda, .*, mock, not a mapping: the "
     r"Serverless Framework takes the integration's uri, templates and responses from request\.uri"),
])
def test_bad_events_say_file_line_and_what(tmp_path: Path, events: str, message: str) -> None:
    path = tmp_path / "serverless.yml"
    path.write_text(HEAD + events)
    with pytest.raises(DefinitionError, match=message):
        serverless.read(path)


def test_load_api_chooses_serverless_by_content(tmp_path: Path) -> None:
    from vtl.api import load_api

    api = load_api(EXAMPLE / "serverless" / "serverless.yml")
    assert api.format == "serverless"
    renamed = tmp_path / "api.yaml"  # not named serverless.yml: the content decides
    renamed.write_text(HEAD + "      - http: GET ping\n")
    assert str(load_api(renamed).methods[0]) == "GET /ping"


def test_what_is_not_read_is_said(tmp_path: Path) -> None:
    from vtl.api import load_api

    path = tmp_path / "serverless.yml"
    path.write_text(HEAD + "      - http: GET ping\nplugins:\n  - serverless-apigateway-service-proxy\n")
    api = serverless.read(path)
    assert api.warnings == [
        f"{path}:10: plugin serverless-apigateway-service-proxy is not run: any API Gateway "
        "method or setting it adds or changes is missing",
    ]
    path.write_text("functions:\n  f:\n    handler: h\n")
    with pytest.raises(DefinitionError, match="looks like a serverless.yml .* no 'service'"):
        load_api(path)


def test_velocity_formal_references_are_not_variables(tmp_path: Path) -> None:
    # The framework's parser takes `${type:` or `${type(` for a variable; Velocity's
    # ${input.body}, a backslash-escaped \${self:x} and `${ self:x}` stay text.
    path = tmp_path / "serverless.yml"
    path.write_text(HEAD + "      - http:\n          path: a\n          method: post\n"
                    "          integration: lambda\n          request:\n            template:\n"
                    "              application/json: '{\"b\": \"${input.body}\", \"c\": "
                    "\"\\${self:service} ${ self:service} ${self:service}\"}'\n"
                    "              text/plain: ${vault:secret/x}\n")
    api = serverless.read(path)
    method = api.find_method("POST", "/a")
    assert method is not None and method.integration is not None
    templates = method.integration.request_templates
    assert templates["application/json"].text == (
        '{"b": "${input.body}", "c": "\\${self:service} ${ self:service} s"}')
    assert templates["text/plain"].text == "${vault:secret/x}"
    assert api.warnings == [f"{path}:15: variable source 'vault' is not one this reader knows; "
                            "kept as ${vault:secret/x}"]


def test_a_file_loaded_whole_is_read_for_variables_again(tmp_path: Path) -> None:
    (tmp_path / "t.vm").write_text('{"stage": "${sls:stage}", "body": "${input.body}"}\n')
    path = tmp_path / "serverless.yml"
    path.write_text(HEAD + "      - http:\n          path: a\n          method: post\n"
                    "          integration: lambda\n          request:\n            template:\n"
                    "              application/json: ${file(./t.vm)}\n")
    method = serverless.read(path, {"stage": "qa"}).find_method("POST", "/a")
    assert method is not None and method.integration is not None
    template = method.integration.request_templates["application/json"]
    assert template.text == '{"stage": "qa", "body": "${input.body}"}\n'
    assert template.source == Source(str(tmp_path / "t.vm"), 1)


def test_framework_resource_names() -> None:
    assert serverless.resource_logical_id("orders/{id}") == "ApiGatewayResourceOrdersIdVar"
    assert serverless.resource_logical_id("/user-profile/{userId}/") == (
        "ApiGatewayResourceUserDashprofileUseridVar")


def test_schemas_validators_claims_and_operation_ids(tmp_path: Path) -> None:
    (tmp_path / "order.json").write_text('{"type": "object", "required": ["customer"]}')
    path = tmp_path / "serverless.yml"
    path.write_text(
        "service: s\nprovider:\n  name: aws\n  stage: qa\n  apiGateway:\n    request:\n"
        "      schemas:\n        item:\n          name: Item\n          schema: {type: object}\n"
        "functions:\n  f:\n    handler: h\n    events:\n"
        "      - http:\n          path: orders\n          method: post\n          integration: lambda\n"
        "          operationId: createOrder\n"
        "          authorizer:\n            arn: arn:aws:cognito-idp:us-east-1:1:userpool/p\n"
        "            claims: [email, 'custom:tier']\n"
        "          request:\n            schemas:\n              application/json: ${file(order.json)}\n"
        "              application/x-amz-item: item\n"
        "            template:\n              application/json: '{extraCognitoPoolClaims \"a\": 1}'\n"
        "      - http:\n          path: orders/{id}\n          method: get\n"
        "          request:\n            parameters:\n              paths:\n"
        "                id: {mappedValue: method.request.path.id}\n"
        "      - http:\n          path: health\n          method: get\n"
        "          request:\n            parameters:\n              querystrings:\n                q: false\n")
    api = serverless.read(path)
    validator = "s-qa | Validate request body and querystring parameters"
    assert list(api.request_validators) == [validator]
    assert api.request_validators[validator].validate_request_body is True
    assert api.request_validators[validator].validate_request_parameters is True
    post = api.find_method("POST", "/orders")
    assert post is not None and post.integration is not None
    assert post.operation_name == "createOrder"
    assert post.request_validator == validator
    assert post.request_models == {"application/json": "PostOrdersApplicationJsonModel",
                                   "application/x-amz-item": "Item"}
    assert api.models["PostOrdersApplicationJsonModel"].schema == {
        "type": "object", "required": ["customer"]}
    assert api.models["Item"].content_type == "application/json"
    assert post.integration.request_templates["application/json"].text == (
        "{\"email\": \"$context.authorizer.claims.email\","
        "\"tier\": \"$context.authorizer.claims['custom:tier']\", \"a\": 1}")
    # A parameter object without `required` counts as required, for the method and validator.
    get = api.find_method("GET", "/orders/{id}")
    assert get is not None
    assert (get.request_parameters, get.request_validator) == (
        {"method.request.path.id": True}, validator)
    health = api.find_method("GET", "/health")
    assert health is not None and health.request_validator is None


def test_a_generated_template_is_not_run() -> None:
    from vtl.api import InvocationError

    api = serverless.read(FEATURES)
    with pytest.raises(InvocationError, match=r"application/json request template of GET /items "
                                              r"is written by the Serverless Framework"):
        api.invoke("GET", "/items", headers={"Content-Type": "application/json"}, body="{}",
                   backend={})


def test_a_script_file_is_not_run(tmp_path: Path) -> None:
    (tmp_path / "stage.js").write_text("module.exports = () => 'qa';\n")
    path = tmp_path / "serverless.yml"
    path.write_text("service: s\nprovider:\n  name: aws\n  stage: ${file(./stage.js)}\n"
                    "functions:\n  f:\n    handler: h\n    events:\n      - http: GET a\n")
    api = serverless.read(path)
    assert api.name == "${file(./stage.js)}-s"
    assert api.warnings == [f"{path}:4: {tmp_path / 'stage.js'} is a script the framework would "
                            "run; its value is kept as a placeholder"]


def test_stage_params(tmp_path: Path) -> None:
    path = tmp_path / "serverless.yml"
    path.write_text(HEAD + "      - http:\n          path: a\n          method: post\n"
                    "          integration: mock\n          request:\n            template:\n"
                    "              application/json: '${param:table}/${param:owner}'\n"
                    "params:\n  prod:\n    table: orders\n  default:\n    table: orders-dev\n"
                    "    owner: team\n")

    def text(params: dict[str, str]) -> str:
        method = serverless.read(path, params).find_method("POST", "/a")
        assert method is not None and method.integration is not None
        return method.integration.request_templates["application/json"].text

    assert text({}) == "orders-dev/team"
    assert text({"stage": "prod"}) == "orders/team"
    assert text({"stage": "prod", "owner": "me"}) == "orders/me"


def test_a_misspelt_event_setting_is_reported_not_dropped(tmp_path: Path) -> None:
    # Setting names of an http event, its request, response and statusCodes, as the
    # framework's configuration schema for http events lists them; it warns about others
    # ("unrecognized property").
    path = tmp_path / "serverless.yml"
    path.write_text(HEAD + "      - http:\n          path: a\n          method: get\n"
                    "          integration: lambda\n          request:\n"
                    "            templates:\n              application/json: '{}'\n"
                    "          response:\n            statusCodes:\n              200:\n"
                    "                patern: ''\n")
    api = serverless.read(path)
    templates = api.find_method("GET", "/a").integration.request_templates
    assert all(t.generated_by is not None for t in templates.values())  # only the framework's
    assert [w for w in api.warnings if "not a setting" in w] == [
        f"{path}:13: request.templates is not a setting of an http event (the Serverless "
        "Framework warns about it); ignored; did you mean template?",
        f"{path}:18: response.statusCodes.200.patern is not a setting of an http event (the "
        "Serverless Framework warns about it); ignored; did you mean pattern?",
    ]


def test_a_variable_without_a_value_is_kept_visible_and_said(tmp_path: Path, monkeypatch) -> None:
    # The framework stops at a variable it cannot resolve ("Value not found at ... source"):
    # here it stays a visible placeholder, and the warning says how to give it a value.
    monkeypatch.delenv("VTL_TEST_UNSET", raising=False)
    path = tmp_path / "serverless.yml"
    path.write_text(HEAD + "      - http:\n          path: a\n          method: get\n"
                    "          integration: mock\n          request:\n            template:\n"
                    "              application/json: '${self:custom.nope} ${opt:table} "
                    "${env:VTL_TEST_UNSET} ${ssm:/x}'\n"
                    "          response:\n            statusCodes:\n              200:\n"
                    "                pattern: ''\n")
    api = serverless.read(path)
    template = api.find_method("GET", "/a").integration.request_templates["application/json"]
    assert template.text == "${self:custom.nope} ${opt:table} ${env:VTL_TEST_UNSET} ${ssm:/x}"
    assert api.warnings == [
        f"{path}:14: ${{self:custom.nope}} has no value: nothing is at custom.nope in the file "
        "(the framework stops here); kept as a placeholder",
        f"{path}:14: ${{opt:table}} has no value: give it with --param table=VALUE "
        "(the framework stops here); kept as a placeholder",
        f"{path}:14: ${{env:VTL_TEST_UNSET}} has no value: the environment variable "
        "VTL_TEST_UNSET is not set (the framework stops here); kept as a placeholder",
    ]


def test_a_template_from_a_json_file_says_the_framework_parses_it(tmp_path: Path) -> None:
    # The framework parses a .json/.yml file that ${file()} loads; a template there is data.
    (tmp_path / "t.json").write_text('{"a": "$input.body"}\n')
    path = tmp_path / "serverless.yml"
    path.write_text(HEAD + "      - http:\n          path: a\n          method: get\n"
                    "          integration: lambda\n          request:\n            template:\n"
                    "              application/json: ${file(./t.json)}\n")
    with pytest.raises(DefinitionError, match=(
            r"serverless\.yml:14: a template must be text, not a mapping: \$\{file\(\)\} parses "
            r"a \.json, \.yml or \.yaml file; keep the template in a file named otherwise "
            r"\(t\.vm\)$")):
        serverless.read(path)


# --- placeholders the reader left: the template is not run ---------------------------------

def _http_event(templates: str) -> str:
    """An http event POST /a calling https://backend.example.com/a with ``templates``."""
    return (HEAD + "      - http:\n          path: a\n          method: post\n"
            "          integration: http\n          request:\n"
            "            uri: https://backend.example.com/a\n            template:\n"
            f"{templates}"
            "          response:\n            statusCodes:\n              200:\n"
            "                pattern: ''\n")


def _unresolved(path: Path, params: dict[str, str] | None = None) -> dict[str, tuple[Any, Any]]:
    method = serverless.read(path, params).find_method("POST", "/a")
    assert method is not None and method.integration is not None
    return {mime: (t.unresolved, t.unresolved_hint)
            for mime, t in method.integration.request_templates.items()}


DEPLOYED = "it is only known when deploying, so write the value into the template to run it"


def test_a_template_holding_a_variable_without_a_value_is_unresolved(
        tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("VTL_TEST_UNSET", raising=False)
    path = tmp_path / "serverless.yml"
    path.write_text(_http_event(
        "              application/json: '{\"t\": \"${ssm:/orders/table}\"}'\n"
        "              text/plain: '${opt:table}'\n"
        "              text/param: 'owner=${param:owner}'\n"
        "              text/env: '${env:VTL_TEST_UNSET}'\n"
        "              text/self: '${self:custom.nope}'\n"
        "              text/cf: '${self:custom.table}'\n"
        "              text/vault: '${vault:secret/x}'\n")
        + "custom:\n  table: ${cf:other-stack.TableName}\n")
    assert _unresolved(path) == {
        "application/json": ("${ssm:/orders/table}", "a value the framework reads from SSM "
                             f"Parameter Store: {DEPLOYED}"),
        "text/plain": ("${opt:table}", "an option not given: give it with --param table=VALUE "
                       "to run it"),
        "text/param": ("${param:owner}", "a parameter not given: give it with --param "
                       "owner=VALUE (or under params in the file) to run it"),
        "text/env": ("${env:VTL_TEST_UNSET}", "the environment variable VTL_TEST_UNSET, which is "
                     "not set: set it to run it"),
        "text/self": ("${self:custom.nope}", "a value of the file that is not there (nothing is "
                      "at custom.nope): add it to run it"),
        # Reached through ${self:…}: the placeholder is the value's own variable.
        "text/cf": ("${cf:other-stack.TableName}", "a value the framework reads from another "
                    f"CloudFormation stack's outputs: {DEPLOYED}"),
        "text/vault": ("${vault:secret/x}", "a variable of source 'vault', which this tool does "
                       "not know (a plugin's, or a typo: the framework stops at it unless a plugin "
                       "resolves it): write the value into the template to run it"),
    }
    given = _unresolved(path, {"table": "orders", "owner": "me"})
    assert given["text/plain"] == given["text/param"] == (None, None)


def test_velocity_references_are_not_placeholders_even_in_a_file(tmp_path: Path) -> None:
    # Velocity's ${input.body} is text to the framework (no `source:`); a file loaded whole
    # is read for variables again, and keeps its own lines.
    (tmp_path / "t.vm").write_text('{"b": "${input.body}", "t": "${ssm:/t}", "s": "${sls:stage}"}\n')
    (tmp_path / "ok.vm").write_text('{"b": "${input.body}", "id": "$context.requestId"}\n')
    path = tmp_path / "serverless.yml"
    path.write_text(_http_event(
        "              application/json: ${file(./t.vm)}\n"
        "              text/plain: ${file(./ok.vm)}\n"
        "              text/xml: '<a>${input.body} ${self:service}</a>'\n"))
    method = serverless.read(path).find_method("POST", "/a")
    assert method is not None and method.integration is not None
    templates = method.integration.request_templates
    assert templates["application/json"].text == (
        '{"b": "${input.body}", "t": "${ssm:/t}", "s": "dev"}\n')
    assert templates["application/json"].source == Source(str(tmp_path / "t.vm"), 1)
    assert templates["application/json"].unresolved == "${ssm:/t}"
    assert templates["text/xml"].text == "<a>${input.body} s</a>"
    assert (templates["text/plain"].unresolved, templates["text/xml"].unresolved) == (None, None)


def test_invoke_refuses_an_unresolved_template_and_runs_it_once_the_value_is_given(
        tmp_path: Path) -> None:
    from vtl.api import InvocationError

    path = tmp_path / "serverless.yml"
    path.write_text(_http_event(
        "              application/json: '{\"table\": \"${opt:table}\", \"body\": $input.json(\"$\"), "
        "\"method\": \"${context.httpMethod}\"}'\n"))
    backend = {"status": 200, "headers": {}, "body": "{}"}
    with pytest.raises(InvocationError) as refused:
        serverless.read(path).invoke("POST", "/a", headers={"Content-Type": "application/json"},
                                     body='{"n": 1}', backend=backend)
    assert str(refused.value) == (
        "the application/json request template of POST /a holds ${opt:table}, an option not "
        "given: give it with --param table=VALUE to run it")
    ran = serverless.read(path, {"table": "orders"}).invoke(
        "POST", "/a", headers={"Content-Type": "application/json"}, body='{"n": 1}',
        backend=backend)
    assert ran.integration_request is not None
    assert ran.integration_request.body == '{"table": "orders", "body": {"n":1}, "method": "POST"}'


def test_a_placeholder_in_resources_read_as_cloudformation_is_unresolved(tmp_path: Path) -> None:
    path = tmp_path / "serverless.yml"
    path.write_text(_http_event("              application/json: '{}'\n") + (
        "resources:\n  Resources:\n    GetMethod:\n      Type: AWS::ApiGateway::Method\n"
        "      Properties:\n        RestApiId: !Ref ApiGatewayRestApi\n"
        "        ResourceId: !Ref ApiGatewayResourceA\n        HttpMethod: GET\n"
        "        AuthorizationType: NONE\n        Integration:\n          Type: MOCK\n"
        "          RequestTemplates:\n"
        "            application/json: '{\"t\": \"${ssm:/t}\", \"b\": \"${input.body}\"}'\n"
        "            text/plain: '{\"b\": \"${input.body}\"}'\n"))
    method = serverless.read(path).find_method("GET", "/a")
    assert method is not None and method.integration is not None
    templates = method.integration.request_templates
    assert (templates["application/json"].unresolved, templates["application/json"].unresolved_hint
            ) == ("${ssm:/t}", f"a value the framework reads from SSM Parameter Store: {DEPLOYED}")
    assert templates["text/plain"].unresolved is None


@pytest.mark.parametrize(("gateway", "name"), [
    ("", "dev-books"),
    ("  apiGateway:\n    shouldStartNameWithService: false\n", "dev-books"),
    ("  apiGateway:\n    shouldStartNameWithService: true\n", "books-dev"),
])
def test_the_api_name_follows_should_start_name_with_service(tmp_path: Path, gateway: str, name: str) -> None:
    # the framework names the API stage-service unless provider.apiGateway.
    # shouldStartNameWithService is true (serverless/serverless PR #10177, #11711)
    path = tmp_path / "serverless.yml"
    path.write_text("service: books\nprovider:\n  name: aws\n  stage: dev\n" + gateway +
                    "functions:\n  list:\n    handler: h.list\n    events:\n      - http: GET books\n")
    assert serverless.read(path).name == name


@pytest.mark.parametrize("authorizer", ["jwt", "{name: jwt, type: token}"])
def test_an_authorizer_named_without_its_function_is_refused_as_the_framework_does(
        tmp_path: Path, authorizer: str) -> None:
    # a name without an arn is looked up among the service's functions (validate.js
    # getLambdaArn): a guide's excerpt without that function does not deploy
    path = tmp_path / "serverless.yml"
    path.write_text("service: s\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h\n    events:\n"
                    f"      - http:\n          path: a\n          method: get\n          authorizer: {authorizer}\n")
    with pytest.raises(DefinitionError, match=r"serverless.yml:11: authorizer 'jwt' is no function of this "
                                              r"service .*Function \"jwt\" doesn't exist in this Service"):
        serverless.read(path)
    path.write_text(path.read_text() + "  jwt:\n    handler: a\n")
    assert serverless.read(path).authorizers["jwt"].type == "TOKEN"


def test_request_and_response_settings_a_proxy_integration_drops_are_named(
        tmp_path: Path) -> None:
    # validate.js: with lambda-proxy (the default) or http-proxy the framework keeps only
    # request.parameters/schema(s) (and uri for http-proxy), and warns about the rest.
    path = tmp_path / "serverless.yml"
    path.write_text(HEAD + (
        "      - http:\n"                                     # line 8
        "          path: a\n"
        "          method: get\n"
        "          request:\n"                                # line 11
        "            parameters: {querystrings: {q: true}}\n"
        "            template:\n"                             # line 13
        "              application/json: '{}'\n"
        "          response:\n"                               # line 15
        "            template: $input.path('$')\n"
        "      - http:\n"                                     # line 17
        "          path: b\n"
        "          method: get\n"
        "          integration: http-proxy\n"
        "          request:\n"
        "            uri: https://example.com/b\n"
        "            passThrough: NEVER\n"))                  # line 23
    api = serverless.read(path)
    removes = "the Serverless Framework warns and removes it before deployment"
    assert api.warnings == [
        f"{path}:13: request.template is not used with integration lambda-proxy (the "
        f"default): {removes}",
        f"{path}:15: response is not used with integration lambda-proxy (the default): "
        f"{removes}",
        f"{path}:23: request.passThrough is not used with integration http-proxy: {removes}",
    ]
    method = api.find_method("GET", "/a")
    assert method is not None and method.request_parameters == {
        "method.request.querystring.q": True}


OWN_API = """\
resources:
  Resources:
    Own:
      Type: AWS::ApiGateway::RestApi
      Properties: {Name: own}
    Orders:
      Type: AWS::ApiGateway::Resource
      Properties: {ParentId: !GetAtt Own.RootResourceId, PathPart: orders, RestApiId: !Ref Own}
    Put:
      Type: AWS::ApiGateway::Method
      Properties:
        RestApiId: !Ref Own
        ResourceId: !Ref Orders
        HttpMethod: PUT
        AuthorizationType: NONE
        Integration: {Type: MOCK, RequestTemplates: {application/json: '{"statusCode": 200}'}}
"""


def test_a_rest_api_resources_declare_is_read_when_no_http_event_makes_one(
        tmp_path: Path) -> None:
    path = tmp_path / "serverless.yml"
    path.write_text("service: s\nprovider:\n  name: aws\n" + OWN_API)
    api = serverless.read(path)
    assert [str(m) for m in api.methods] == ["PUT /orders"]
    assert api.name == "own" and api.format == "serverless"
    with pytest.raises(DefinitionError, match=r"--param vtl:api=Other: the REST APIs are Own$"):
        serverless.read(path, {"vtl:api": "Other"})
    # beside http events, it is named, and chosen with vtl:api
    path.write_text(HEAD + "      - http: GET ping\n" + OWN_API)
    api = serverless.read(path)
    assert [str(m) for m in api.methods] == ["GET /ping"]
    assert api.warnings == [
        f"{path}:11: resources.Resources declares the REST API Own beside the one the http "
        "events make (ApiGatewayRestApi, read here): choose one with --param vtl:api=LogicalId"]
    chosen = serverless.read(path, {"vtl:api": "Own"})
    assert [str(m) for m in chosen.methods] == ["PUT /orders"]


@pytest.mark.parametrize(("cors", "first"), [
    ("            origins:\n              - https://a.example.com\n              - https://b.example.com\n",
     "https://a.example.com"),
    ("            origin: 'https://a.example.com, https://b.example.com'\n", "https://a.example.com"),
    # the framework's docs' own example: its template answers any Origin with itself, not *
    ("            origins:\n              - '*'\n", "*"),
])
def test_cors_origins_leave_the_preflight_listed_but_not_run(tmp_path: Path, cors: str, first: str) -> None:
    # The framework answers them with a response template it generates (not reproduced):
    # several origins refused the whole file, its other methods with it; origins ['*'] ran
    # as if the preflight answered '*'.
    path = tmp_path / "serverless.yml"
    path.write_text("service: s\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h.f\n"
                    "    events:\n      - http:\n          path: items\n          method: get\n"
                    "          cors:\n" + cors)
    api = serverless.read(path)
    assert sorted(str(m) for m in api.methods) == ["GET /items", "OPTIONS /items"]
    assert api.invoke("GET", "/items", backend=lambda e, c: {"statusCode": 200, "body": "x"}
                      ).response.status == 200
    preflight = api.find_method("OPTIONS", "/items")
    response = preflight.integration.responses[0]
    # the static header is the first origin (the framework's cors.js)
    assert response.response_parameters["method.response.header.Access-Control-Allow-Origin"] == (
        f"'{first}'")
    assert response.response_templates["application/json"].generated_by == serverless.CORS_GENERATED_BY
    from vtl.api import InvocationError
    with pytest.raises(InvocationError, match="origin-matching response template"):
        api.invoke("OPTIONS", "/items", headers={"Origin": "https://b.example.com"})


def test_a_key_written_twice_is_refused_as_the_framework_refuses_it(tmp_path: Path) -> None:
    # A serverless.yml cheat sheet writes `cors: true` and then a `cors:` mapping in one
    # http event; the Framework's js-yaml refuses the file ("duplicated mapping key"),
    # where CloudFormation would keep the last value.
    path = tmp_path / "serverless.yml"
    path.write_text("""\
service: users
provider: {name: aws}
functions:
  get:
    handler: h.get
    events:
      - http:
          path: /users
          method: get
          cors: true
          cors:
            origin: '*'
""")
    with pytest.raises(DefinitionError) as raised:
        serverless.read(path)
    assert str(raised.value) == (
        f"{path}:11: key 'cors' appears twice in one mapping (first on line 10): the "
        "Serverless Framework refuses the file (duplicated mapping key); keep one")


def test_running_the_frameworks_default_template_names_the_event_that_asks_for_it(
        tmp_path: Path) -> None:
    # A guide's `integration: lambda` event with statusCodes but no request template: the
    # refusal named no file or line.
    from vtl.api import InvocationError

    path = tmp_path / "serverless.yml"
    path.write_text("""\
service: s
provider: {name: aws}
functions:
  create:
    handler: h.create
    events:
      - http:
          path: /thread
          method: post
          integration: lambda
""")
    with pytest.raises(InvocationError) as refused:
        serverless.read(path).invoke("POST", "/thread", body="{}", backend={"x": 1})
    assert str(refused.value).startswith(
        f"{path}:7: the application/json request template of POST /thread is written by the "
        "Serverless Framework")


@pytest.mark.parametrize("authorizer, expected", [
    # a cheat sheet's `type: request` with `arn: !GetAtt UserPool.Arn`: a Lambda authorizer
    # whose URI is the pool's ARN (validate.js keeps the type it is given)
    ("{name: auth, type: request, arn: !GetAtt UserPool.Arn}",
     "warning: authorizer 'auth': its arn is the user pool UserPool's but its type is REQUEST: "
     "the Serverless Framework makes a Lambda authorizer of it, whose URI API Gateway refuses; "
     "write type: COGNITO_USER_POOLS"),
    # without a name the framework stops (validate.js): the name was made of the dict's text
    ("{type: COGNITO_USER_POOLS, arn: !GetAtt UserPool.Arn}",
     "error: Please provide an authorizer name for authorizers of type COGNITO_USER_POOLS "
     "(the Serverless Framework's error: the arn is a CloudFormation function)"),
    ("{arn: !GetAtt UserPool.Arn}",
     "error: an authorizer whose arn is a CloudFormation function needs a name (the Serverless "
     "Framework fails without one: functionArn.split is not a function)"),
    ("{name: pool, type: COGNITO_USER_POOLS, arn: !GetAtt UserPool.Arn}", None),
])
def test_an_authorizer_arn_written_as_a_function(tmp_path: Path, authorizer: str,
                                                  expected: str | None) -> None:
    path = tmp_path / "serverless.yml"
    path.write_text(f"""\
service: s
provider: {{name: aws}}
functions:
  get:
    handler: h.get
    events:
      - http:
          path: /a
          method: get
          authorizer: {authorizer}
resources:
  Resources:
    UserPool:
      Type: AWS::Cognito::UserPool
""")
    if expected is not None and expected.startswith("error: "):
        with pytest.raises(DefinitionError) as raised:
            serverless.read(path)
        assert str(raised.value) == f"{path}:10: {expected.removeprefix('error: ')}"
        return
    api = serverless.read(path)
    said = [w for w in api.warnings if "authorizer" in w]
    assert said == ([f"{path}:10: {expected.removeprefix('warning: ')}"] if expected else [])
    if expected is None:
        assert api.authorizers["pool"].type == "COGNITO_USER_POOLS"


def test_a_function_written_without_its_settings_indented_is_refused_with_the_line(
        tmp_path: Path) -> None:
    # A guide's serverless.yml writes `handler:` and `events:` at the indent of the function
    # name, so `proxy` is null and handler/events read as two more "functions": the
    # Framework's schema wants every function to be an object; nothing was read, silently.
    path = tmp_path / "serverless.yml"
    path.write_text("""\
service: proxy
provider: {name: aws}
functions:
    proxy:
    handler: proxy.handler
    events:
      - http: {path: items, method: get}
""")
    with pytest.raises(DefinitionError) as raised:
        serverless.read(path)
    assert str(raised.value) == (
        f"{path}:4: functions.proxy must be a function (a mapping with its handler and "
        "events), not null; handler, events look like settings of a function written at the "
        "level of the function names: indent them under their function")


def test_service_proxies_the_framework_builds_in_are_named_as_not_read(tmp_path: Path) -> None:
    # Serverless Framework v4 builds custom.apiGatewayServiceProxies in (its docs say to
    # drop the plugin line): with no plugin listed, the SQS method was dropped silently.
    path = tmp_path / "serverless.yml"
    path.write_text("""\
service: proxies
provider: {name: aws}
custom:
  apiGatewayServiceProxies:
    - sqs:
        path: /queue
        method: post
        queueName: !GetAtt MyQueue.QueueName
resources:
  Resources:
    MyQueue: {Type: 'AWS::SQS::Queue'}
""")
    api = serverless.read(path)
    assert api.methods == []
    assert f"{path}:5: the sqs service proxy POST /queue (custom.apiGatewayServiceProxies, " \
           "built into the Serverless Framework since v4) is not read: that method is " \
           "missing here" in api.warnings


def test_response_streaming_settings_of_framework_v4_are_read_not_called_unknown(
        tmp_path: Path) -> None:
    # The Framework's own MCP example (serverless/examples, v4.25+) streams through a REST
    # API: `timeoutInMillis` and `response.transferMode: stream` on a lambda-proxy event.
    # They were called unknown settings ("did you mean timeout?") and the response said
    # to be removed by the Framework, which keeps transferMode on proxy integrations.
    path = tmp_path / "serverless.yml"
    path.write_text("""\
service: mcp
provider: {name: aws}
functions:
  mcp:
    handler: src/lambda.handler
    events:
      - http:
          method: POST
          path: /mcp
          timeoutInMillis: 120000
          response:
            transferMode: stream
      - http:
          method: GET
          path: /legacy
          integration: lambda
          response:
            transferMode: stream
""")
    from vtl.api.sources import load_api

    api = load_api(path)  # the streaming warnings are sources/checks.py's, for every format
    post = api.find_method("POST", "/mcp")
    assert post is not None and post.integration is not None
    assert post.integration.type == "AWS_PROXY"
    assert post.integration.timeout_ms == 120000
    assert post.integration.response_transfer_mode == "STREAM"
    assert api.warnings == [
        f"{path}:7: POST /mcp: response transfer mode STREAM (response streaming) is not "
        "modelled: vtl invoke takes the backend's answer as one buffered response "
        "(--lambda-result is the proxy result {statusCode, headers, body})",
        # AWS streams AWS_PROXY and HTTP_PROXY responses only (AWS docs: response-transfer-mode)
        f"{path}:13: GET /legacy: response transfer mode STREAM needs a proxy integration "
        "(AWS_PROXY or HTTP_PROXY), not AWS: API Gateway streams only AWS_PROXY and HTTP_PROXY "
        "responses"]


def test_project_dir_widens_the_folders_file_variables_may_read(tmp_path: Path) -> None:
    # A monorepo guide's service reads ${file(../../serverless.common.yml):custom}. The
    # Framework (v3) refuses a file outside the project folder unless the top-level
    # projectDir widens it (its message names projectDir; serverless issue #9599); the
    # setting was not read, so such a service could not be read at all.
    (tmp_path / "common.yml").write_text("custom:\n  stage: dev\n")
    service = tmp_path / "services" / "like"
    service.mkdir(parents=True)
    text = """\
service: like
provider: {name: aws}
custom: ${file(../../common.yml):custom}
functions:
  like:
    handler: like.main
    events:
      - http: {path: 'likes/${self:custom.stage}', method: post}
"""
    (service / "serverless.yml").write_text(text)
    with pytest.raises(DefinitionError) as raised:
        serverless.read(service / "serverless.yml")
    assert str(raised.value) == (
        f"{service / 'serverless.yml'}:3: ${{file(../../common.yml)}}: the Serverless Framework "
        f"loads no file from outside the project folder {service} (the projectDir setting "
        "widens it, e.g. projectDir: ../..)")
    (service / "serverless.yml").write_text("projectDir: ../..\n" + text)
    api = serverless.read(service / "serverless.yml")
    assert [str(method) for method in api.methods] == ["POST /likes/dev"]


def test_an_unknown_http_setting_with_plugins_listed_may_be_a_plugins(tmp_path: Path) -> None:
    # The serverless-reqvalidator-plugin README sets `reqValidatorName` on an http event:
    # with the plugin listed the Framework takes it (plugins add event properties), so
    # saying "the Serverless Framework warns about it" was wrong.
    path = tmp_path / "serverless.yml"
    path.write_text("""\
service: admin
provider: {name: aws}
plugins:
  - serverless-reqvalidator-plugin
functions:
  debug:
    handler: debug.handler
    events:
      - http:
          path: admin/debug
          method: get
          reqValidatorName: xMyRequestValidator
""")
    api = serverless.read(path)
    assert f"{path}:12: reqValidatorName is not a setting of an http event (a plugin listed " \
           "here may define it, and plugins are not run); ignored" in api.warnings


def test_http_settings_written_beside_http_are_named(tmp_path: Path) -> None:
    # A tab-indented guide's event, its tabs made spaces: `- http:` with method, path…
    # at the indent of `http`, so http is null. "needs a method and a path" did not say
    # that both are there, one level too high.
    path = tmp_path / "serverless.yml"
    path.write_text("""\
service: posts
provider: {name: aws}
functions:
  create:
    handler: posts.create
    events:
      - http:
        method: post
        path: whatever
""")
    with pytest.raises(DefinitionError) as raised:
        serverless.read(path)
    assert str(raised.value) == (
        f"{path}:7: an http event needs a method and a path; method, path are written beside "
        "http: (at its indent): indent them under it")


def test_methods_added_to_a_shared_rest_api_are_said_to_be_part_of_one(tmp_path: Path) -> None:
    # A monorepo guide's service sets provider.apiGateway.restApiId (an imported value):
    # its methods join an API another stack deploys, which read as a complete API here.
    path = tmp_path / "serverless.yml"
    path.write_text("""\
service: like
provider:
  name: aws
  apiGateway:
    restApiId: !ImportValue dev-ExtApiGatewayRestApiId
functions:
  like:
    handler: like.main
    events:
      - http: {path: 'notes/{id}/like', method: post}
""")
    api = serverless.read(path)
    assert [str(method) for method in api.methods] == ["POST /notes/{id}/like"]
    assert f"{path}:5: provider.apiGateway.restApiId: these methods are added to a REST API " \
           "deployed elsewhere; its other methods, authorizers and gateway responses are not " \
           "in this file" in api.warnings


STAGE_FILES = Path(__file__).parent / "data" / "serverless" / "stage_files" / "serverless.yml"


def test_an_unwritten_provider_stage_is_the_default_stage_in_variables() -> None:
    # ${self:provider.stage} with no provider.stage written was missing, and the
    # ${file(auth.yml):…} holding it "no such file (or no such key in it)"; the framework
    # gives the service provider.stage dev (serverless issues #7767, #7990).
    api = serverless.read(STAGE_FILES)
    method = api.find_method("GET", "/balance")
    assert method is not None and method.authorizer is not None
    assert api.authorizers[method.authorizer].identity_source == "method.request.header.X-Token"
    prod = serverless.read(STAGE_FILES, {"stage": "prod"})
    assert prod.authorizers["check"].identity_source == "method.request.header.Authorization"


def test_a_setting_a_file_variable_brought_in_is_reported_at_the_variables_line() -> None:
    # tokenType came from auth.yml: the warning had no line ("serverless.yml: authorizer…")
    api = serverless.read(STAGE_FILES)
    line = _line(STAGE_FILES, "authorizer: ${file(auth.yml)")
    assert [w for w in api.warnings if "tokenType" in w] == [
        f"{STAGE_FILES}:{line}: authorizer.tokenType is not a setting of an http event (the "
        "Serverless Framework warns about it); ignored; did you mean type?"]


def test_http_api_events_are_said_not_read(tmp_path: Path) -> None:
    # a function with only an httpApi event read as "0 methods" without a word
    path = tmp_path / "serverless.yml"
    path.write_text(HEAD + "      - httpApi:\n          path: /items/{id}\n          method: get\n"
                    "      - http: GET ping\n")
    api = serverless.read(path)
    assert [str(m) for m in api.methods] == ["GET /ping"]
    assert api.warnings == [
        f"{path}:8: functions.f.events[0].httpApi is a route of an HTTP API (API Gateway v2), "
        "not read: vtl reads the REST API that http events make"]


def test_a_lambda_integration_with_cors_credentials_sends_the_header(tmp_path: Path) -> None:
    # The integration response's Access-Control-Allow-Credentials is a static value, quoted
    # as the preflight's is: an unquoted `true` is no mapping expression, which API Gateway
    # refuses (inference: the framework's value must be one AWS accepts; its text is not
    # reproduced here). It was written unquoted and every invocation was refused.
    from vtl.api.backend import LambdaResult

    (tmp_path / "serverless.yml").write_text(
        "service: creds\nprovider:\n  name: aws\n  runtime: nodejs18.x\nfunctions:\n"
        "  make:\n    handler: h.make\n    events:\n      - http:\n          path: items\n"
        "          method: post\n          integration: lambda\n          cors:\n"
        "            origin: 'https://shop.example'\n            allowCredentials: true\n"
        "          request:\n            template:\n              application/json: '{}'\n",
        encoding="utf-8")
    api = serverless.read(tmp_path / "serverless.yml")
    invocation = api.invoke("POST", "/items", headers={"Content-Type": "application/json"},
                            body="{}", backend=LambdaResult({"ok": True}))
    assert invocation.response.status == 200
    assert invocation.response.headers["Access-Control-Allow-Credentials"] == "true"
    assert invocation.response.headers["Access-Control-Allow-Origin"] == "https://shop.example"

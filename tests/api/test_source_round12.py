"""Findings of the twelfth round of real-world definition files (/work/realworld12), each
with a small fixture written in the test or under ``data/round12``; expected values come
from the references cited in each test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vtl.api import load_api
from vtl.api.model import Api
from vtl.api.sources.document import DefinitionError


def _terraform(tmp_path: Path, text: str) -> Path:
    (tmp_path / "main.tf").write_text(text)
    return tmp_path


def test_a_terraform_file_cut_short_names_the_block_left_open(tmp_path: Path) -> None:
    # Ashok-2017/Kinetic_pro_sre_task, aws_api_gateway/main.tf: the file ends inside
    # `resource "aws_api_gateway_stage" "live" {` (line 5 here). Terraform answers
    # "Unclosed configuration block: There is no closing brace for this block before the
    # end of the file" at the block's opening line (hashicorp/hcl, hclsyntax parser); we
    # named the end of the file ("unexpected input at column 1").
    folder = _terraform(tmp_path, (
        'resource "aws_api_gateway_rest_api" "main" {\n'
        '  name = "api-${local.env}"  # a comment with {\n'
        '}\n'
        '\n'
        'resource "aws_api_gateway_stage" "live" {\n'
        '  rest_api_id = aws_api_gateway_rest_api.main.id\n'
        '  description = <<EOF\n'
        'a heredoc with { and "\n'
        'EOF\n'
        '  variables = { a = "}" }\n'
        '  stage_name    = "live"\n'
        '\n'))
    with pytest.raises(DefinitionError, match=r"main\.tf:5: not valid HCL \(Terraform\): "
                       r"this block is never closed with '\}'"):
        load_api(folder)


def test_garbage_before_the_end_is_still_named_at_its_column(tmp_path: Path) -> None:
    # Ashok-2017/Kinetic_pro_sre_task, .../api_gw_method_with_request_modules/main.tf ends
    # with an editor's status line (`"main.tf" 76L, 2308B`) inside an open block: the first
    # thing Terraform cannot read is that line, so that is what is named.
    folder = _terraform(tmp_path, (
        'resource "aws_api_gateway_gateway_response" "r" {\n'
        '  response_templates = {\n'
        '    "application/json" = "{}"\n'
        '"main.tf" 76L, 2308B\n'))
    with pytest.raises(DefinitionError, match=r"main\.tf:4: .*unexpected input at column 11"):
        load_api(folder)


def test_a_jsonencode_body_locates_each_method_at_its_key(tmp_path: Path) -> None:
    # The aws_api_gateway_rest_api reference's OpenAPI example (terraform-provider-aws docs,
    # api_gateway_rest_api.html.markdown) writes `body = jsonencode({ … paths = {
    # (var.rest_api_path) = { get = { x-amazon-apigateway-integration = { … } } } } })`.
    # Each method and template was located at the `body =` line (line 3 here), so every
    # method of a large body pointed at one line.
    folder = _terraform(tmp_path, (
        'variable "rest_api_path" { default = "/path1" }\n'
        'resource "aws_api_gateway_rest_api" "example" {\n'
        '  body = jsonencode({\n'
        '    openapi = "3.0.1"\n'
        '    info = { title = "example", version = "1.0" }\n'
        '    paths = {\n'
        '      (var.rest_api_path) = {\n'
        '        get = {\n'
        '          x-amazon-apigateway-integration = {\n'
        '            type = "MOCK"\n'
        '            requestTemplates = {\n'
        '              "application/json" = "{\\"statusCode\\": 200}"\n'
        '            }\n'
        '            responses = { default = { statusCode = "200" } }\n'
        '          }\n'
        '        }\n'
        '        post = merge({ x-amazon-apigateway-integration = { type = "MOCK" } }, {})\n'
        '      }\n'
        '    }\n'
        '  })\n'
        '  name = "example"\n'
        '}\n'))
    api = load_api(folder)
    get, post = api.find_method("GET", "/path1"), api.find_method("POST", "/path1")
    assert get is not None and get.source is not None and get.source.line == 8
    assert get.integration is not None
    assert get.integration.request_templates["application/json"].source.line == 12
    # an object a function built (merge) has no lines of its own: its key's line is used
    assert post is not None and post.source is not None and post.source.line == 17


_FUNCTIONS_API = '''
locals {
  greeting = "Hello, $${name}!"
}
resource "aws_api_gateway_rest_api" "a" { name = NAME }
resource "aws_api_gateway_resource" "r" {
  rest_api_id = aws_api_gateway_rest_api.a.id
  parent_id   = aws_api_gateway_rest_api.a.root_resource_id
  path_part   = "r"
}
resource "aws_api_gateway_method" "m" {
  rest_api_id   = aws_api_gateway_rest_api.a.id
  resource_id   = aws_api_gateway_resource.r.id
  http_method   = "GET"
  authorization = "NONE"
}
resource "aws_api_gateway_integration" "i" {
  rest_api_id = aws_api_gateway_rest_api.a.id
  resource_id = aws_api_gateway_resource.r.id
  http_method = "GET"
  type        = "MOCK"
  request_templates = { "application/json" = TEMPLATE }
}
'''


def _functions_api(tmp_path: Path, name: str, template: str = '"{}"') -> Api:
    text = _FUNCTIONS_API.replace("NAME", name).replace("TEMPLATE", template)
    return load_api(_terraform(tmp_path, text))


@pytest.mark.parametrize(("expression", "expected"), [
    # Terraform's chunklist page: chunklist(["a", "b", "c", "d", "e"], 2)
    # → [["a", "b"], ["c", "d"], ["e"]]; size 0 gives the whole list as one chunk
    # (go-cty's ChunklistFunc: "if size is 0, returns a list made of the initial list")
    ('jsonencode(chunklist(["a", "b", "c", "d", "e"], 2))', '[["a","b"],["c","d"],["e"]]'),
    ('jsonencode(chunklist(["a", "b"], 0))', '[["a","b"]]'),
    # Terraform's format page: "%b Convert to integer number and produce binary
    # representation" (Go's fmt %b, with Go's width and flags)
    ('format("%b|%05b|%-4b|", 5, 3, 2)', "101|00011|10  |"),
])
def test_terraform_functions_of_the_language_reference(tmp_path: Path, expression: str,
                                                       expected: str) -> None:
    # Left as placeholders before: the REST API's name was "format(...)" text.
    assert _functions_api(tmp_path, expression).name == expected


def test_pathexpand_expands_the_home_folder(tmp_path: Path) -> None:
    # Terraform's pathexpand page: pathexpand("~/.ssh/id_rsa") → "/home/steve/.ssh/id_rsa"
    # for the user steve: "~" is the home folder of the user running Terraform.
    api = _functions_api(tmp_path, 'pathexpand("~/.ssh/id_rsa")')
    assert api.name == str(Path.home()) + "/.ssh/id_rsa"
    with pytest.raises(DefinitionError, match="cannot expand user-specific home dir"):
        _functions_api(tmp_path, 'pathexpand("~steve/x")')


def test_templatestring_renders_a_string_of_the_module_as_a_template(tmp_path: Path) -> None:
    # Terraform 1.9's templatestring page: templatestring(ref, vars) renders the string
    # `ref` refers to with `vars` (a "$${name}" escape in the local makes "${name}").
    api = _functions_api(tmp_path, '"a"', 'templatestring(local.greeting, { name = "World" })')
    method = api.find_method("GET", "/r")
    assert method is not None and method.integration is not None
    assert method.integration.request_templates["application/json"].text == "Hello, World!"


def test_a_finding_several_methods_meet_is_warned_once(tmp_path: Path) -> None:
    # An OpenAPI 3.1 document (an API-design article's openapi.yaml) names at its root
    # `security: [ApiKeyAuth, BearerAuth]`; BearerAuth (type http, bearer) is no scheme API
    # Gateway knows. The same warning, same place, was printed once per method (3 times).
    path = tmp_path / "openapi.yaml"
    path.write_text(
        "openapi: 3.1.0\n"
        "info: {title: My API, version: 2.0.0}\n"
        "security:\n"
        "  - BearerAuth: []\n"
        "paths:\n"
        "  /users:\n"
        "    get: {responses: {'200': {description: ok}}}\n"
        "    post: {responses: {'201': {description: ok}}}\n"
        "components:\n"
        "  securitySchemes:\n"
        "    BearerAuth: {type: http, scheme: bearer}\n")
    warnings = [w for w in load_api(path).warnings if "BearerAuth" in w]
    assert warnings == [f"{path}:11: security scheme 'BearerAuth' is not an API key, IAM or "
                        "authorizer scheme API Gateway knows; ignored"]


def test_file_paths_in_a_module_are_read_from_the_root_modules_folder(tmp_path: Path) -> None:
    # lucasbemo/my_own_aws: dev/main.tf calls ../modules/api-gateway-method with
    # `api_integration_dynamodb_request_templates = "../api-gateway/contacts/...json"`,
    # and the module reads `file(var.api_integration_dynamodb_request_templates)`.
    # Terraform evaluates every module with `BaseDir: ".", // Always current working
    # directory for now.` (hashicorp/terraform internal/terraform/evaluate.go): a relative
    # path is read from the root module's folder; a module writes "${path.module}/x" for
    # its own files, path.module being the module's folder from there. We read relative
    # paths from the module's folder, so the template was "cannot read".
    root, module = tmp_path / "dev", tmp_path / "modules" / "method"
    (tmp_path / "templates").mkdir()
    module.mkdir(parents=True)
    root.mkdir()
    (tmp_path / "templates" / "put.vm").write_text('{"TableName": "contacts"}')
    (module / "own.vm").write_text("own template")
    (root / "main.tf").write_text(
        'resource "aws_api_gateway_rest_api" "a" { name = "a" }\n'
        'module "m" {\n'
        '  source      = "../modules/method"\n'
        '  rest_api_id = aws_api_gateway_rest_api.a.id\n'
        '  root_id     = aws_api_gateway_rest_api.a.root_resource_id\n'
        '  template    = "../templates/put.vm"\n'
        '}\n')
    (module / "main.tf").write_text(
        'variable "rest_api_id" {}\n'
        'variable "root_id" {}\n'
        'variable "template" {}\n'
        'resource "aws_api_gateway_method" "m" {\n'
        '  rest_api_id   = var.rest_api_id\n'
        '  resource_id   = var.root_id\n'
        '  http_method   = "POST"\n'
        '  authorization = "NONE"\n'
        '}\n'
        'resource "aws_api_gateway_integration" "i" {\n'
        '  rest_api_id = var.rest_api_id\n'
        '  resource_id = var.root_id\n'
        '  http_method = "POST"\n'
        '  type        = "MOCK"\n'
        '  request_templates = {\n'
        '    "application/json" = file(var.template)\n'
        '    "text/plain"       = file("${path.module}/own.vm")\n'
        '    "text/html"        = path.module\n'
        '  }\n'
        '}\n')
    method = load_api(root).find_method("POST", "/")
    assert method is not None and method.integration is not None
    templates = method.integration.request_templates
    assert templates["application/json"].text == '{"TableName": "contacts"}'
    assert templates["text/plain"].text == "own template"
    assert templates["text/html"].text == "../modules/method"


def test_a_pattern_in_a_warning_is_shown_as_written(tmp_path: Path) -> None:
    # A CDK synth of an SNS fan-out REST API (a stack's template test, "SnsRestApi")
    # gives an AWS integration the selection pattern ^\[Error\].* (JSON "^\\[Error\\].*").
    # The warning that no status code matches it printed '^\\[Error\\].*', doubling the
    # backslashes, so the pattern did not read as the one `vtl routes` lists.
    path = tmp_path / "template.json"
    path.write_text(json.dumps({"Resources": {
        "Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "RestApi"}},
        "Get": {"Type": "AWS::ApiGateway::Method", "Properties": {
            "HttpMethod": "GET", "RestApiId": {"Ref": "Api"}, "AuthorizationType": "NONE",
            "ResourceId": {"Fn::GetAtt": ["Api", "RootResourceId"]},
            "Integration": {
                "Type": "AWS", "IntegrationHttpMethod": "POST",
                "Uri": "arn:aws:apigateway:us-east-1:sns:path//",
                "IntegrationResponses": [
                    {"StatusCode": "200"},
                    {"StatusCode": "400", "SelectionPattern": "^\\[Error\\].*"}]},
            "MethodResponses": [{"StatusCode": "200"}, {"StatusCode": "400"}]}}}}))
    warnings = [w for w in load_api(path).warnings if "matches no HTTP status code" in w]
    assert len(warnings) == 1 and "selectionPattern '^\\[Error\\].*' matches" in warnings[0]


def test_a_yamlencode_body_with_quoted_keys_is_read(tmp_path: Path) -> None:
    # Terraform's yamlencode page: it encodes an object as YAML. Real configurations write
    # quoted keys in the object they encode (`"k8s-app" = "aws-node"` in a yamlencode'd
    # manifest, search id 51909981388); an OpenAPI body's paths are such keys ("/p").
    # The key string reached PyYAML as this tool's string type, which it cannot represent:
    # `vtl routes` crashed with "RepresenterError: cannot represent an object".
    folder = _terraform(tmp_path, (
        'resource "aws_api_gateway_rest_api" "a" {\n'
        '  name = "a"\n'
        '  body = yamlencode({\n'
        '    openapi = "3.0.1"\n'
        '    info    = { title = "t", version = "1" }\n'
        '    paths = { "/p" = { get = { x-amazon-apigateway-integration = {\n'
        '      type = "mock", requestTemplates = { "application/json" = "{}" } } } } }\n'
        '  })\n'
        '}\n'))
    method = load_api(folder).find_method("GET", "/p")
    assert method is not None and method.integration is not None
    assert method.integration.request_templates["application/json"].text == "{}"
    # located as a jsonencode body is: at its key's line (not the `body =` line, 3)
    assert method.source is not None and method.source.line == 6


def test_servers_written_as_a_mapping_is_said(tmp_path: Path) -> None:
    # aws-samples/serverless-patterns apigw-mappingtemplate-lambda/api.yaml writes
    # `servers: {variables: {basePath: {default: "/v1"}}}`; OpenAPI 3 defines servers as
    # an array of Server Objects. Its basePath was dropped without a word.
    path = tmp_path / "api.yaml"
    path.write_text(
        'openapi: "3.0.1"\n'
        'info: {title: testquery, version: "1"}\n'
        'servers:\n'
        '  variables:\n'
        '    basePath:\n'
        '      default: "/v1"\n'
        'paths: {}\n')
    api = load_api(path)
    assert f"{path}:3: servers must be a list of Server Objects, not a mapping; its basePath " \
        "(the stage) is not read" in api.warnings


def test_a_quoted_type_constraint_is_said(tmp_path: Path) -> None:
    # lucasbemo/my_own_aws modules/api-gateway-method/variables.tf: `type = "string"`.
    # Terraform 1.x stops there: "Error: Invalid quoted type constraints ... Remove the
    # quotes around "string"" (seen with 1.1.1, mengjiann/aws-step-functions-sample#1, and
    # 1.4.4, aws-samples/aws-ingesting-click-logs-using-terraform#14), for "list": "write
    # list(string) instead". We read it without a word.
    folder = _terraform(tmp_path, (
        'variable "name" {\n'
        '  type    = "string"\n'
        '  default = "a"\n'
        '}\n'
        'variable "tags" {\n'
        '  type    = "list"\n'
        '  default = []\n'
        '}\n'
        'resource "aws_api_gateway_rest_api" "a" { name = var.name }\n'))
    api = load_api(folder)
    assert api.name == "a"
    said = [w for w in api.warnings if "quoted type constraint" in w]
    assert said == [
        f"{folder / 'main.tf'}:2: variable name: type = \"string\" is Terraform 0.11's quoted "
        "type constraint, which Terraform 1.x refuses (\"Invalid quoted type constraints\": "
        "write type = string); read as string",
        f"{folder / 'main.tf'}:6: variable tags: type = \"list\" is Terraform 0.11's quoted "
        "type constraint, which Terraform 1.x refuses (\"Invalid quoted type constraints\": "
        "write type = list(string)); read as list"]

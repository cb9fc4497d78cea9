"""Findings of the thirteenth round of real-world definition files (/work/realworld13), each
with a small fixture written in the test; expected values come from the references cited in
each test."""

from __future__ import annotations

from pathlib import Path

import pytest

from vtl.api import load_api
from vtl.api.sources.document import DefinitionError


def _write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    return folder


_ENDPOINT_MODULE = (
    'variable "method" {}\n'
    'variable "path" {}\n'
    'resource "aws_api_gateway_rest_api" "api" { name = "gw-${var.path}" }\n'
    'resource "aws_api_gateway_resource" "endpoint" {\n'
    '  rest_api_id = aws_api_gateway_rest_api.api.id\n'
    '  parent_id   = aws_api_gateway_rest_api.api.root_resource_id\n'
    '  path_part   = var.path\n'
    '}\n'
    'resource "aws_api_gateway_method" "endpoint" {\n'
    '  rest_api_id   = aws_api_gateway_rest_api.api.id\n'
    '  resource_id   = aws_api_gateway_resource.endpoint.id\n'
    '  http_method   = var.method\n'
    '  authorization = "NONE"\n'
    '}\n'
    'resource "aws_api_gateway_integration" "endpoint" {\n'
    '  rest_api_id = aws_api_gateway_rest_api.api.id\n'
    '  resource_id = aws_api_gateway_resource.endpoint.id\n'
    '  http_method = aws_api_gateway_method.endpoint.http_method\n'
    '  type        = "MOCK"\n'
    '}\n')


def test_a_module_called_with_for_each_is_read_for_its_rest_api(tmp_path: Path) -> None:
    # ralbear/go_localstack_terraform terraform/main.tf: the root module declares no REST
    # API; `module "endpoint" { for_each = var.functions.api_gateway ... }` calls a module
    # that declares one per instance. Terraform makes module.endpoint["KEY"] for each key of
    # the map (Terraform docs, "The for_each Meta-Argument": module blocks accept it since
    # 0.13), so the map's one key gives one REST API with GET /hello. The reader only looked
    # at calls without count/for_each and answered "declares no aws_api_gateway_rest_api".
    folder = _write(tmp_path, {
        "main.tf": (
            'variable "functions" {\n'
            '  default = { api_gateway = { "api_get" = { "method" = "GET", "path" = "hello" } } }\n'
            '}\n'
            'module "endpoint" {\n'
            '  for_each = var.functions.api_gateway\n'
            '  source   = "./modules/endpoint"\n'
            '  method   = each.value.method\n'
            '  path     = each.value.path\n'
            '}\n'),
        "modules/endpoint/main.tf": _ENDPOINT_MODULE})
    api = load_api(folder)
    assert [(m.http_method, m.path) for m in api.methods] == [("GET", "/hello")]
    assert api.name == "gw-hello"
    assert any('module endpoint["api_get"]' in w for w in api.warnings)


def test_a_module_called_with_count_one_is_read_for_its_rest_api(tmp_path: Path) -> None:
    # The same with `count = 1` (Terraform makes module.endpoint[0]).
    folder = _write(tmp_path, {
        "main.tf": (
            'module "endpoint" {\n'
            '  count  = 1\n'
            '  source = "./modules/endpoint"\n'
            '  method = "POST"\n'
            '  path   = "items"\n'
            '}\n'),
        "modules/endpoint/main.tf": _ENDPOINT_MODULE})
    api = load_api(folder)
    assert [(m.http_method, m.path) for m in api.methods] == [("POST", "/items")]
    assert any("module endpoint[0]" in w for w in api.warnings)


def test_several_module_instances_with_a_rest_api_are_chosen_by_param(tmp_path: Path) -> None:
    # Two keys make two REST APIs (one per module instance); like several aws_api_gateway_rest_api
    # blocks, one is read at a time, named with --param vtl:api=module.NAME["KEY"].
    folder = _write(tmp_path, {
        "main.tf": (
            'module "endpoint" {\n'
            '  for_each = { a = "x", b = "y" }\n'
            '  source   = "./modules/endpoint"\n'
            '  method   = "GET"\n'
            '  path     = each.value\n'
            '}\n'),
        "modules/endpoint/main.tf": _ENDPOINT_MODULE})
    with pytest.raises(DefinitionError, match=r'main\.tf:1: .*declare 2 \(module\.endpoint\["a"\], '
                       r'module\.endpoint\["b"\]\): choose one with --param vtl:api='):
        load_api(folder)
    api = load_api(folder, params={"vtl:api": 'module.endpoint["b"]'})
    assert [(m.http_method, m.path) for m in api.methods] == [("GET", "/y")]


def test_a_depends_on_naming_no_resource_is_refused_at_its_line(tmp_path: Path) -> None:
    # CloudFormation refuses a template whose DependsOn names no resource of it ("Template
    # format error: Unresolved resource dependencies [ApiCWLRoleArn] in the Resources block
    # of the template"); seen in aws-samples/serverless-patterns apigw-s3-lambda-sls-py with
    # its AWS::ApiGateway::Account trimmed. The reader read the template as if it deployed.
    template = tmp_path / "template.yaml"
    template.write_text(
        "Resources:\n"
        "  RestAPI:\n"
        "    Type: AWS::ApiGateway::RestApi\n"
        "    Properties: {Name: a}\n"
        "  ApiCWLRole:\n"
        "    Type: AWS::ApiGateway::Account\n"
        "  Stage:\n"
        "    Type: AWS::ApiGateway::Stage\n"
        "    DependsOn: [RestAPI, ApiCWLRoleArn]\n"
        "    Properties: {RestApiId: !Ref RestAPI, StageName: dev}\n")
    with pytest.raises(DefinitionError, match=r"template\.yaml:9: Stage: DependsOn names "
                       r"'ApiCWLRoleArn', which is no resource of the template .*did you mean "
                       r"'?ApiCWLRole'?"):
        load_api(template)


_SAM_AUTH = (
    "Transform: AWS::Serverless-2016-10-31\n"
    "Resources:\n"
    "  AppApi:\n"
    "    Type: AWS::Serverless::Api\n"
    "    Properties:\n"
    "      StageName: Prod\n"
    "      Auth:\n"
    "        DefaultAuthorizer: Token\n"
    "        Authorizers:\n"
    "          Token:\n"
    "            FunctionArn: arn:aws:lambda:us-east-1:123456789012:function:auth\n"
    "            Identity:\n"
    "              {identity}\n"
    "            {extra}\n"
    "      DefinitionBody:\n"
    "        swagger: '2.0'\n"
    "        paths:\n"
    "          /:\n"
    "            get:\n"
    "              x-amazon-apigateway-integration: {{type: mock}}\n")


def test_http_api_authorizer_keys_on_a_rest_api_are_said(tmp_path: Path) -> None:
    # aws-samples/serverless-patterns apigw-lambda-authorizer-custom-header writes an HTTP
    # API's AuthorizerPayloadFormatVersion and EnableSimpleResponses on an
    # AWS::Serverless::Api authorizer. SAM's translator reads only UserPoolArn, FunctionArn,
    # Identity, FunctionPayloadType, FunctionInvokeRole, AuthorizationScopes and
    # DisableFunctionDefaultPermissions of a REST API's authorizer (samtranslator
    # api_generator._get_authorizers), so these did nothing, without a word.
    template = tmp_path / "template.yaml"
    template.write_text(_SAM_AUTH.format(identity="Header: AuthorizationToken",
                                         extra="EnableSimpleResponses: true"))
    api = load_api(template)
    assert api.methods[0].authorizer == "Token"
    assert [w for w in api.warnings if "SAM ignores it" in w] == [
        (f"{template}:14: AppApi: Auth.Authorizers.Token.EnableSimpleResponses is not a property "
        "of an AWS::Serverless::Api authorizer (it is AWS::Serverless::HttpApi's); SAM ignores it")]


def test_a_misspelt_identity_key_is_said_with_the_key_meant(tmp_path: Path) -> None:
    # `Identity: {Headr: Tok}`: SAM ignores the key, and the authorizer reads the default
    # header Authorization (what `vtl routes` shows), not Tok.
    template = tmp_path / "template.yaml"
    template.write_text(_SAM_AUTH.format(identity="Headr: Tok", extra="FunctionPayloadType: TOKEN"))
    api = load_api(template)
    assert [w for w in api.warnings if "SAM ignores it" in w] == [
        (f"{template}:13: AppApi: Auth.Authorizers.Token.Identity.Headr is not a property of a "
        "Lambda TOKEN authorizer's Identity; SAM ignores it; did you mean Header?")]


_FORBIDDEN = ("turns the default execute-api endpoint off: AWS answers 403 Forbidden there, and "
              "clients reach the API through a custom domain name")


@pytest.mark.parametrize(("name", "text", "line", "field"), [
    ("template.yaml",  # the CDK integ test integ.spec-restapi writes it on a SpecRestApi
     ("Resources:\n  Api:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n"
     "      Name: a\n      DisableExecuteApiEndpoint: true\n"), 6, "Api.DisableExecuteApiEndpoint"),
    ("sam.yaml",
     ("Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::Serverless::Api\n"
     "    Properties:\n      StageName: p\n      DisableExecuteApiEndpoint: true\n"
     "      DefinitionBody: {swagger: '2.0', paths: {/: {get: {x-amazon-apigateway-integration: "
     "{type: mock}}}}}\n"), None,
     # SAM writes it into the body's x-amazon-apigateway-endpoint-configuration
     "x-amazon-apigateway-endpoint-configuration.disableExecuteApiEndpoint"),
    ("openapi.yaml",
     ("openapi: 3.0.1\ninfo: {title: a, version: '1'}\nx-amazon-apigateway-endpoint-configuration:\n"
     "  types: [REGIONAL]\n  disableExecuteApiEndpoint: true\npaths: {}\n"), 5,
     "x-amazon-apigateway-endpoint-configuration.disableExecuteApiEndpoint"),
    ("main.tf",
     ('resource "aws_api_gateway_rest_api" "api" {\n  name = "a"\n'
     '  disable_execute_api_endpoint = true\n}\n'), 3, "aws_api_gateway_rest_api.api.disable_execute_api_endpoint"),
    ("serverless.yml",
     ("service: s\nprovider:\n  name: aws\n  apiGateway:\n    disableDefaultEndpoint: true\n"
     "functions:\n  f:\n    handler: h.h\n    events:\n      - http: GET /\n"), 5,
     "provider.apiGateway.disableDefaultEndpoint"),
])
def test_a_disabled_default_endpoint_is_said(tmp_path: Path, name: str, text: str, line: int | None,
                                              field: str) -> None:
    # DisableExecuteApiEndpoint (CloudFormation, SAM), disableExecuteApiEndpoint (OpenAPI's
    # x-amazon-apigateway-endpoint-configuration), disable_execute_api_endpoint (Terraform),
    # disableDefaultEndpoint (serverless.yml) make AWS answer 403 at the execute-api URL:
    # clients must come through a custom domain name (AWS docs "Disable the default endpoint
    # for REST APIs"). The readers dropped the setting without a word.
    path = tmp_path / name
    path.write_text(text)
    api = load_api(tmp_path if name.endswith(".tf") else path)
    found = [w for w in api.warnings if _FORBIDDEN in w]
    assert len(found) == 1 and f"{field} {_FORBIDDEN}" in found[0]
    if line is not None:
        assert found[0].startswith(f"{path}:{line}: ")


def test_an_http_api_in_serverless_resources_is_said_not_read(tmp_path: Path) -> None:
    # aws-samples/serverless-patterns apigw-http-api-sqs-lambda-sls: the serverless.yml's only
    # API is an AWS::ApiGatewayV2::Api in resources.Resources (and an sqs event); `vtl routes`
    # listed "0 methods" without a word about it.
    path = tmp_path / "serverless.yml"
    path.write_text(
        "service: s\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h.h\n"
        "    events:\n      - sqs: {arn: !GetAtt Q.Arn}\n"
        "resources:\n  Resources:\n    Q:\n      Type: AWS::SQS::Queue\n"
        "    MyHttpApi:\n      Type: AWS::ApiGatewayV2::Api\n      Properties: {Name: h}\n")
    api = load_api(path)
    assert api.methods == []
    assert [w for w in api.warnings if "ApiGatewayV2" in w] == [
        (f"{path}:13: resources.Resources.MyHttpApi is an AWS::ApiGatewayV2::Api (an HTTP or "
        "WebSocket API, API Gateway v2), not read: vtl reads REST APIs, which have mapping templates")]


def test_an_http_api_beside_a_rest_api_is_said_not_read(tmp_path: Path) -> None:
    # The same in a CloudFormation template that also holds a REST API (read), and in a
    # serverless.yml whose resources hold both: said once.
    path = tmp_path / "template.yaml"
    path.write_text("Resources:\n  Api:\n    Type: AWS::ApiGateway::RestApi\n    Properties: {Name: a}\n"
                    "  Http:\n    Type: AWS::ApiGatewayV2::Api\n    Properties: {Name: h}\n")
    api = load_api(path)
    assert [w for w in api.warnings if "ApiGatewayV2" in w] == [
        (f"{path}:5: Http is an AWS::ApiGatewayV2::Api (an HTTP or WebSocket API, API Gateway v2), "
        "not read: vtl reads REST APIs, which have mapping templates")]
    sls = tmp_path / "serverless.yml"
    sls.write_text(
        "service: s\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h.h\n"
        "    events:\n      - http: GET /a\n"
        "resources:\n  Resources:\n    V:\n      Type: AWS::ApiGateway::RequestValidator\n"
        "      Properties: {RestApiId: !Ref ApiGatewayRestApi, ValidateRequestBody: true}\n"
        "    Http:\n      Type: AWS::ApiGatewayV2::Api\n      Properties: {Name: h}\n")
    assert len([w for w in load_api(sls).warnings if "ApiGatewayV2" in w]) == 1


def test_an_unsubstituted_pseudo_parameter_in_a_uri_is_said_once(tmp_path: Path) -> None:
    # aws-samples/serverless-patterns apigw-rest-stepfunctions-express-sync-bedrock-sam
    # api.yaml (AWS::Include'd) writes `uri: "arn:aws:apigateway:${AWS::Region}:states:…"`
    # outside Fn::Sub, so CloudFormation leaves it as written. The CloudFormation reader and
    # the checks every format runs both said so: the same finding twice.
    path = tmp_path / "template.yaml"
    path.write_text(
        "Resources:\n  Api:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n      Body:\n"
        "        openapi: 3.0.1\n        info: {title: a, version: '1'}\n        paths:\n"
        "          /:\n            post:\n              x-amazon-apigateway-integration:\n"
        "                type: aws\n                httpMethod: POST\n"
        "                uri: arn:aws:apigateway:${AWS::Region}:states:action/StartSyncExecution\n"
        "                responses: {default: {statusCode: '200'}}\n")
    api = load_api(path)
    assert len([w for w in api.warnings if "integration uri holds ${AWS::Region}" in w]) == 1


def test_serverless_compose_params_are_the_services_params(tmp_path: Path) -> None:
    # aws-samples/serverless-patterns apigw-rest-api-iam-authorizer-sigv4a-sls-py: the public
    # service's ${param:PrivateApiEndpoint} is given by serverless-compose.yml one folder up
    # (`services: get-public: path: public, params: {PrivateApiEndpoint:
    # ${get-private.PrivateApiEndpoint}}`; serverless docs "Composing services"). The reader
    # said "has no value … (the framework stops here)", which is not so under Compose.
    _write(tmp_path, {
        "serverless-compose.yml": (
            "services:\n  get-private:\n    path: private\n  get-public:\n    path: public\n"
            "    params:\n      PrivateApiEndpoint: ${get-private.PrivateApiEndpoint}\n"
            "      Table: orders\n"),
        "public/serverless.yml": (
            "service: pub\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h.h\n    events:\n"
            "      - http:\n          path: a\n          method: post\n          integration: lambda\n"
            "          request:\n            template:\n"
            "              application/json: '{\"t\": \"${param:Table}\"}'\n"
            "              text/plain: '{\"u\": \"${param:PrivateApiEndpoint}\"}'\n")})
    api = load_api(tmp_path / "public" / "serverless.yml")
    templates = api.methods[0].integration.request_templates
    assert templates["application/json"].text == '{"t": "orders"}'
    assert templates["text/plain"].unresolved == "${get-private.PrivateApiEndpoint}"
    assert "of service get-private of serverless-compose.yml, known once it is deployed" in (
        templates["text/plain"].unresolved_hint or "")
    assert not [w for w in api.warnings if "the framework stops here" in w]


def test_a_rest_api_declared_in_a_submodule_of_a_called_module_is_read(tmp_path: Path) -> None:
    # shaunniee/terraform_modules aws_api_gateway_rest_api, called as its usage.md shows: the
    # root calls `module "api" { source = "./aws_api_gateway_rest_api" … }`, whose main.tf
    # declares no resource but calls submodules: `api` (the aws_api_gateway_rest_api),
    # `resources` and `methods` (given module.api.id). Terraform builds all of them; the
    # reader followed one module level only ("declares no aws_api_gateway_rest_api").
    folder = _write(tmp_path, {
        "main.tf": ('module "api" {\n  source = "./wrapper"\n  name   = "customer-api"\n'
                    '  paths  = { customers = "customers" }\n}\n'),
        "wrapper/main.tf": (
            'variable "name" {}\nvariable "paths" {}\n'
            'module "api" {\n  source = "./submodules/api"\n  name   = var.name\n}\n'
            'module "methods" {\n  source  = "./submodules/methods"\n'
            '  rest_api_id = module.api.id\n  root_id = module.api.root_resource_id\n'
            '  paths = var.paths\n}\n'),
        "wrapper/submodules/api/main.tf": (
            'variable "name" {}\nresource "aws_api_gateway_rest_api" "this" { name = var.name }\n'
            'output "id" { value = aws_api_gateway_rest_api.this.id }\n'
            'output "root_resource_id" { value = aws_api_gateway_rest_api.this.root_resource_id }\n'),
        "wrapper/submodules/methods/main.tf": (
            'variable "rest_api_id" {}\nvariable "root_id" {}\nvariable "paths" {}\n'
            'resource "aws_api_gateway_resource" "this" {\n  for_each = var.paths\n'
            '  rest_api_id = var.rest_api_id\n  parent_id = var.root_id\n  path_part = each.value\n}\n'
            'resource "aws_api_gateway_method" "this" {\n  for_each = var.paths\n'
            '  rest_api_id = var.rest_api_id\n  resource_id = aws_api_gateway_resource.this[each.key].id\n'
            '  http_method = "GET"\n  authorization = "NONE"\n}\n'
            'resource "aws_api_gateway_integration" "this" {\n  for_each = var.paths\n'
            '  rest_api_id = var.rest_api_id\n  resource_id = aws_api_gateway_resource.this[each.key].id\n'
            '  http_method = "GET"\n  type = "MOCK"\n}\n')})
    api = load_api(folder)
    assert api.name == "customer-api"
    assert [(m.http_method, m.path) for m in api.methods] == [("GET", "/customers")]
    read_from = [w for w in api.warnings if "the REST API is read from module api" in w]
    assert len(read_from) == 2  # the root's call and the wrapper's


def test_state_machine_http_events_are_said_not_read(tmp_path: Path) -> None:
    # serverless-operations/serverless-step-functions README ("Setup"): an http event on a
    # state machine (`stepFunctions.stateMachines.X.events: - http: …`) is an API method the
    # plugin makes. With the plugin line gone (or the event written beside `http:`, as that
    # README once did), the method was dropped without a word.
    path = tmp_path / "serverless.yml"
    path.write_text(
        "service: s\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h.h\n"
        "stepFunctions:\n  stateMachines:\n    hello:\n      events:\n"
        "        - http:\n            path: go\n            method: post\n"
        "        - http:\n          path: gofunction\n          method: GET\n"
        "      definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}\n")
    api = load_api(path)
    assert [w.split(": ", 1)[1].split(" (")[0] for w in api.warnings if "state machine" in w] == [
        "POST go of state machine hello", "GET gofunction of state machine hello"]


def test_a_misspelt_rest_api_property_is_said(tmp_path: Path) -> None:
    # Checking the round's CloudFormation RestApis (CDK's SpecRestApi writes Mode and
    # DisableExecuteApiEndpoint, serverless-patterns EndpointConfiguration): only Method and
    # Authorizer properties were checked, so `BinaryMediaType: [image/png]` (CloudFormation
    # refuses it: the RestApi resource schema has additionalProperties false) left the API
    # without binary media types, without a word.
    path = tmp_path / "template.yaml"
    path.write_text("Resources:\n  Api:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n"
                    "      Name: a\n      Mode: merge\n      BinaryMediaType: [image/png]\n")
    api = load_api(path)
    assert api.binary_media_types == []
    assert [w for w in api.warnings if "RestApi" in w] == [
        (f"{path}:7: Api: BinaryMediaType is not a property of AWS::ApiGateway::RestApi "
        "(CloudFormation refuses it); ignored; did you mean BinaryMediaTypes?")]


def test_a_body_decoded_from_a_file_and_encoded_again_keeps_the_files_lines(tmp_path: Path) -> None:
    # A warmane-pvp-analytics project writes `locals { openapi_spec =
    # yamldecode(file("./openapi.yaml")) }` and `body = yamlencode(local.openapi_spec)`
    # (the same with jsonencode(jsondecode(file(…)))). The body is new text, so each method
    # and template was located at the `body =` line; the decoded objects now remember the
    # lines of openapi.yaml, as a jsonencode({…}) written in the .tf file does (round 12).
    folder = _write(tmp_path, {
        "main.tf": ('locals {\n  openapi_spec = yamldecode(file("./openapi.yaml"))\n}\n'
                    'resource "aws_api_gateway_rest_api" "rest_api" {\n  name = "a"\n'
                    '  body = yamlencode(local.openapi_spec)\n}\n'),
        "openapi.yaml": ("openapi: 3.0.1\ninfo: {title: a, version: '1'}\npaths:\n  /m:\n    get:\n"
                         "      x-amazon-apigateway-integration:\n        type: mock\n"
                         "        requestTemplates:\n          application/json: '{\"statusCode\": 200}'\n"
                         "        responses: {default: {statusCode: '200'}}\n")})
    api = load_api(folder)
    method = api.methods[0]
    assert method.source is not None and (Path(method.source.file).name, method.source.line) == ("openapi.yaml", 5)
    template = method.integration.request_templates["application/json"]
    assert (Path(template.source.file).name, template.source.line) == ("openapi.yaml", 9)

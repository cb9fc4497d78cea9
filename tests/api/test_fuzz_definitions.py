"""Hostile definition files (issue 14): what conformance/tools/fuzz_definitions.py found,
each as a regression test, and a short run of the fuzzer itself (a fixed seed: the same
inputs every run)."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from vtl.api import load_api
from vtl.api.sources.document import DefinitionError

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "data"
sys.path.insert(0, str(ROOT / "conformance" / "tools"))

import fuzz_definitions  # (a tool, not a package module: found through sys.path)


def _terraform(tmp_path: Path, count: str) -> Path:
    (tmp_path / "main.tf").write_text(f"""
resource "aws_api_gateway_rest_api" "api" {{
  name = "counted"
}}
resource "aws_api_gateway_resource" "r" {{
  count       = {count}
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_rest_api.api.root_resource_id
  path_part   = "p${{count.index}}"
}}
""", encoding="utf-8")
    return tmp_path


def test_a_count_past_the_instance_limit_is_a_located_error(tmp_path: Path) -> None:
    # fuzz_definitions seed 2 input 742: `count = 9999…9` made the reader build that many
    # instances until memory ran out (14 GB when stopped). API Gateway allows 300 resources
    # per REST API by default (its quotas page): past 10,000 the count is refused.
    with pytest.raises(DefinitionError) as raised:
        load_api(_terraform(tmp_path, "10001"))
    message = str(raised.value)
    assert "main.tf:6:" in message and "aws_api_gateway_resource.r: count is 10,001" in message


def test_a_count_at_the_limit_is_read(tmp_path: Path) -> None:
    # the limit refuses only what is past it (10,000 resources, no method: an API of none)
    api = load_api(_terraform(tmp_path, "3"))
    assert api.methods == []


def test_range_past_terraforms_limit_is_refused(tmp_path: Path) -> None:
    # Terraform's range() documentation: "Terraform imposes an artificial limit of 1024
    # numbers in the resulting sequence ... the function immediately exits with an error".
    with pytest.raises(DefinitionError) as raised:
        load_api(_terraform(tmp_path, "length(range(1025))"))
    assert "range() would make 1,025 numbers: Terraform allows 1024" in str(raised.value)
    assert load_api(_terraform(tmp_path, "length(range(1024))")).methods == []


def test_a_cdk_asset_entry_that_is_not_an_object_is_a_located_error(tmp_path: Path) -> None:
    # fuzz_definitions seed 2 input 18: an asset manifest entry that is a string raised
    # AttributeError ('str' object has no attribute 'get') from the CDK reader.
    out = tmp_path / "spec.out"
    shutil.copytree(DATA / "round7" / "spec-rest-api-from-asset.out", out)
    assets = out / "SpecStack.assets.json"
    data = json.loads(assets.read_text(encoding="utf-8"))
    data["files"]["0f1e2d3c"]["destinations"] = ["not", "a", "map"]
    assets.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DefinitionError) as raised:
        load_api(out)
    assert "SpecStack.assets.json" in str(raised.value)
    assert "files.0f1e2d3c is not a CDK asset" in str(raised.value)


def test_a_sam_resource_type_that_is_a_mapping_is_a_documented_error(tmp_path: Path) -> None:
    # fuzz_definitions seed 2 input 371: `Type: {…}` raised TypeError (unhashable type:
    # 'dict'); past that, the resource was left out without a word.
    template = tmp_path / "template.yaml"
    template.write_text("""Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
  Fn:
    Type: {Serverless: Function}
    Properties:
      CodeUri: ./src
""", encoding="utf-8")
    with pytest.raises(DefinitionError) as raised:
        load_api(template)
    assert "template.yaml:8: resource Fn: Type must be a resource type name" in str(raised.value)


def test_a_short_fuzz_run_raises_only_documented_errors() -> None:
    # 100 mutated definitions of tests/api/data, read and invoked: any other exception, or an
    # input taking more than 5 s of CPU time, is a failure (printed with its traceback).
    lines: list[str] = []
    failures = fuzz_definitions.fuzz(seed=14, count=100, budget=5.0, methods=2,
                                     items=fuzz_definitions.corpus(), report=lines.append)
    assert failures == [], "\n".join(lines) + "\n" + "\n\n".join(f["detail"] for f in failures)
    assert lines[0].startswith("100 inputs, seed 14: 0 failures")


def test_a_sam_translator_failure_is_a_definition_error_without_its_traceback(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # fuzz_definitions seed 2 input 1813: `Globals: {Function: true}` made the translator's
    # implicit-API plugin raise AttributeError ('bool' object has no attribute 'get'), which
    # escaped, after the translator had logged it with its traceback.
    template = tmp_path / "template.yaml"
    template.write_text("""Transform: AWS::Serverless-2016-10-31
Globals:
  Function: true
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      InlineCode: "def handler(e, c): return {}"
      Events:
        Get: {Type: Api, Properties: {Path: /items, Method: get}}
""", encoding="utf-8")
    with pytest.raises(DefinitionError) as raised:
        load_api(template)
    assert str(raised.value).startswith(f"{template}: SAM cannot translate this template")
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out


def test_a_cdk_asset_manifest_whose_files_is_not_a_mapping_is_a_located_error(tmp_path: Path) -> None:
    # fuzz_definitions seed 2 input 1935: `"files": "…"` raised AttributeError ('str' object
    # has no attribute 'items').
    out = tmp_path / "spec.out"
    shutil.copytree(DATA / "round7" / "spec-rest-api-from-asset.out", out)
    assets = out / "SpecStack.assets.json"
    assets.write_text('{\n  "version": "36.0.0",\n  "files": "0f1e2d3c"\n}\n', encoding="utf-8")
    with pytest.raises(DefinitionError) as raised:
        load_api(out)
    assert "SpecStack.assets.json:3: files must map each asset's hash" in str(raised.value)


def test_a_nested_stack_whose_properties_is_not_a_mapping_is_warned(tmp_path: Path) -> None:
    # fuzz_definitions seed 2 input 2923: `Properties: "…"` on an AWS::CloudFormation::Stack
    # raised AttributeError ('str' object has no attribute 'get'); its template is not found,
    # as any nested stack whose TemplateURL names no local file, and that is said.
    template = tmp_path / "template.yaml"
    text = (DATA / "round7" / "cfn-nested-stack-local-file-missing.yaml").read_text(encoding="utf-8")
    template.write_text(text.split("  MethodsStack:")[0]
                        + "  MethodsStack:\n    Type: AWS::CloudFormation::Stack\n    Properties: nope\n",
                        encoding="utf-8")
    api = load_api(template)
    assert [(m.http_method, m.path) for m in api.methods] == [("GET", "/")]
    assert any("nested stack MethodsStack: its template is not in this definition" in w for w in api.warnings)


_REST_API = """Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: shapes
      BinaryMediaTypes: {binary}
  Get:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !GetAtt Api.RootResourceId
      HttpMethod: GET
      AuthorizationType: NONE
      Integration: {{Type: MOCK}}
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref Api
      StageName: prod
      Variables: {variables}
"""


@pytest.mark.parametrize(("binary", "variables", "expected"), [
    # fuzz_definitions seed 3 input 520: a string raised TypeError ('int' object is not
    # iterable, for a number)
    ("image/png", "{a: b}", "template.yaml:6: Api: BinaryMediaTypes must be a list of media types"),
    # seed 3 input 681: AttributeError ('str' object has no attribute 'items')
    ("[image/png]", "just-text", "template.yaml:20: Stage: Variables must be a mapping, not str 'just-text'"),
])
def test_a_rest_api_or_stage_property_of_the_wrong_type_is_a_located_error(
        tmp_path: Path, binary: str, variables: str, expected: str) -> None:
    template = tmp_path / "template.yaml"
    template.write_text(_REST_API.format(binary=binary, variables=variables), encoding="utf-8")
    with pytest.raises(DefinitionError) as raised:
        load_api(template)
    assert expected in str(raised.value)


def test_stage_variables_of_the_right_type_are_read(tmp_path: Path) -> None:
    template = tmp_path / "template.yaml"
    template.write_text(_REST_API.format(binary="[image/png]", variables="{a: b, n: 1}"), encoding="utf-8")
    api = load_api(template)
    assert api.stages["prod"] == {"a": "b", "n": "1"}
    assert api.binary_media_types == ["image/png"]


def test_a_sam_translator_stop_iteration_is_a_definition_error(tmp_path: Path) -> None:
    # fuzz_definitions seed 3 input 1856: an event's RequestParameters item that is an empty
    # mapping made the translator's next(iter(...)) raise StopIteration, which escaped.
    template = tmp_path / "template.yaml"
    template.write_text("""Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties: {StageName: prod}
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      InlineCode: "def handler(e, c): return {}"
      Events:
        Get:
          Type: Api
          Properties:
            RestApiId: !Ref Api
            Path: /items
            Method: get
            RequestParameters:
              - {}
""", encoding="utf-8")
    with pytest.raises(DefinitionError) as raised:
        load_api(template)
    assert "SAM cannot translate this template" in str(raised.value)


def test_a_serverless_cors_header_that_is_not_a_name_is_a_located_error(tmp_path: Path) -> None:
    # fuzz_definitions seed 3 input 2129: a mapping among cors.headers raised TypeError
    # (sequence item 7: expected str instance, dict found) while writing the preflight.
    (tmp_path / "serverless.yml").write_text("""service: shop
provider: {name: aws}
functions:
  items:
    handler: items.handler
    events:
      - http:
          path: items
          method: get
          cors:
            origin: '*'
            headers:
              - {X-Api-Key: true}
""", encoding="utf-8")
    with pytest.raises(DefinitionError) as raised:
        load_api(tmp_path / "serverless.yml")
    assert "serverless.yml:13: cors.headers[0] must be a name, not a mapping" in str(raised.value)


def test_a_cross_stack_resource_whose_properties_is_not_a_mapping_is_a_located_error(tmp_path: Path) -> None:
    # fuzz_definitions seed 3 input 1606: `"Properties": "…"` on a resource of a stack that
    # imports another stack's API raised AttributeError ('str' object has no attribute 'get').
    out = tmp_path / "two-apis.out"
    shutil.copytree(DATA / "cdk" / "two-apis.out", out)
    stack = out / "UsersStack.template.json"
    data = json.loads(stack.read_text(encoding="utf-8"))
    name = next(key for key, value in data["Resources"].items() if value["Type"] == "AWS::ApiGateway::Method")
    data["Resources"][name]["Properties"] = "nope"
    stack.write_text(json.dumps(data, indent=1), encoding="utf-8")
    with pytest.raises(DefinitionError) as raised:
        load_api(out)
    assert "UsersStack.template.json" in str(raised.value)
    assert f"{name}: Properties must be a mapping" in str(raised.value)


@pytest.mark.parametrize(("parameters", "expected"), [
    # fuzz_definitions seed 4 input 775: AttributeError ('str' object has no attribute 'items')
    ("{paths: id}", "serverless.yml:12: parameters.paths must be a mapping, not 'id'"),
    ("[id]", "serverless.yml:12: request.parameters must be a mapping, not a list"),
])
def test_serverless_request_parameters_of_the_wrong_type_are_a_located_error(
        tmp_path: Path, parameters: str, expected: str) -> None:
    (tmp_path / "serverless.yml").write_text(f"""service: shop
provider: {{name: aws}}
functions:
  items:
    handler: items.handler
    events:
      - http:
          path: items/{{id}}
          method: get
          integration: lambda
          request:
            parameters: {parameters}
""", encoding="utf-8")
    with pytest.raises(DefinitionError) as raised:
        load_api(tmp_path / "serverless.yml")
    assert expected in str(raised.value)


def test_a_model_schema_that_is_not_draft_4_is_a_model_error(tmp_path: Path) -> None:
    # fuzz_definitions seed 4 input 3903: `required: [{…}]` in a model made jsonschema raise
    # TypeError (unhashable type: 'dict') while validating a request against it.
    from vtl.api import ModelError

    (tmp_path / "api.yaml").write_text("""openapi: 3.0.1
info: {title: models, version: "1"}
x-amazon-apigateway-request-validators:
  body: {validateRequestBody: true, validateRequestParameters: false}
paths:
  /items:
    post:
      x-amazon-apigateway-request-validator: body
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Item"}
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: {application/json: '{"statusCode": 200}'}
        responses: {default: {statusCode: "200"}}
      responses: {"200": {description: ok}}
components:
  schemas:
    Item:
      type: object
      required: [{type: string}]
""", encoding="utf-8")
    api = load_api(tmp_path / "api.yaml")
    with pytest.raises(ModelError) as raised:
        api.invoke("POST", "/items", headers={"Content-Type": "application/json"}, body="{}")
    assert "not a valid JSON schema (draft 4)" in str(raised.value)
    assert "(at required/0)" in str(raised.value)


def test_a_model_ref_that_is_an_object_is_a_model_error(tmp_path: Path) -> None:
    # fuzz_definitions seed 10 input 85: `$ref: {…}` inside a model's schema passes the
    # draft 4 metaschema, then made jsonschema's resolver raise AttributeError ('dict'
    # object has no attribute 'startswith') while validating a request.
    from vtl.api import Api, Integration, Method, Model, ModelError, RequestValidator

    method = Method("POST", "/items", Integration("MOCK", request_templates={"application/json": '{"statusCode": 200}'}),
                    request_validator="body", request_models={"application/json": "Item"})
    api = Api(methods=[method], models={"Item": Model("Item", {"type": "object", "properties": {
        "a": {"$ref": {"not": "a reference"}}}})},
              request_validators={"body": RequestValidator("body", validate_request_body=True)})
    with pytest.raises(ModelError) as raised:
        api.invoke("POST", "/items", headers={"Content-Type": "application/json"}, body='{"a": 1}')
    assert "the model's schema cannot be used to validate a request (AttributeError:" in str(raised.value)


def test_a_cdk_stack_artifact_whose_properties_is_not_a_mapping_is_a_located_error(tmp_path: Path) -> None:
    # fuzz_definitions seed 4 input 3953: AttributeError ('str' object has no attribute 'get')
    out = tmp_path / "two-apis.out"
    shutil.copytree(DATA / "cdk" / "two-apis.out", out)
    manifest = out / "assembly-Staging" / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    stack = next(name for name, artifact in data["artifacts"].items()
                 if artifact.get("type") == "aws:cloudformation:stack")
    data["artifacts"][stack]["properties"] = "nope"
    manifest.write_text(json.dumps(data, indent=1), encoding="utf-8")
    with pytest.raises(DefinitionError) as raised:
        load_api(out)
    assert f"stack {stack}: its templateFile None is not in" in str(raised.value)


def test_an_include_whose_parameters_is_not_a_mapping_is_a_located_error(tmp_path: Path) -> None:
    # fuzz_definitions seed 5 input 6516: `Parameters: "…"` on an AWS::Include transform
    # raised AttributeError ('str' object has no attribute 'get').
    template = tmp_path / "template.yaml"
    template.write_text("""Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: included
      Body:
        Fn::Transform:
          Name: AWS::Include
          Parameters: openapi.yaml
""", encoding="utf-8")
    with pytest.raises(DefinitionError) as raised:
        load_api(template)
    assert "template.yaml:7: AWS::Include needs Parameters.Location, a file name" in str(raised.value)


@pytest.mark.parametrize("transform", ["Transform: AWS::Serverless-2016-10-31\n", ""])
def test_a_resource_whose_logical_id_is_not_a_name_is_a_located_error(tmp_path: Path, transform: str) -> None:
    # fuzz_definitions seed 6 input 3887: a resource written `~:` (YAML's null) made the SAM
    # translator raise RuntimeError (event_id and resource_logical_id are both None).
    template = tmp_path / "template.yaml"
    template.write_text(transform + """Resources:
  ~:
    Type: AWS::Serverless::Function
    Properties: x
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: {Name: named}
""", encoding="utf-8")
    with pytest.raises(DefinitionError) as raised:
        load_api(template)
    assert "a resource's logical ID must be a name, not None" in str(raised.value)



@pytest.mark.parametrize(("where", "value", "expected"), [
    ("Integration", "IntegrationResponses: 1.5", "Get: IntegrationResponses must be a list of mappings"),
    ("Properties", "MethodResponses: 7", "Get: MethodResponses must be a list of mappings"),
])
def test_method_response_lists_of_the_wrong_type_are_located_errors(
        tmp_path: Path, where: str, value: str, expected: str) -> None:
    # fuzz_definitions seed 10 input 6419: `IntegrationResponses: 1.5` raised TypeError
    # ('float' object is not iterable) in the check for unknown properties, before the
    # method's own check could say what is wrong.
    indent = "        " if where == "Integration" else "      "
    template = tmp_path / "template.yaml"
    template.write_text(f"""Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: {{Name: lists}}
  Get:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !GetAtt Api.RootResourceId
      HttpMethod: GET
      AuthorizationType: NONE
{indent if where == "Properties" else ""}{value if where == "Properties" else ""}
      Integration:
        Type: MOCK
{indent if where == "Integration" else ""}{value if where == "Integration" else ""}
""", encoding="utf-8")
    with pytest.raises(DefinitionError) as raised:
        load_api(template)
    assert expected in str(raised.value)

"""Each reader reads an API's minimumCompressionSize, so that `vtl invoke` compresses a
response as API Gateway does (vtl.api.compression).

The field names are the formats' own: OpenAPI ``x-amazon-apigateway-minimum-compression-size``
(AWS-DOC api-gateway-swagger-extensions-minimum-compression-size), CloudFormation
``MinimumCompressionSize`` of AWS::ApiGateway::RestApi and SAM's of AWS::Serverless::Api,
Terraform ``minimum_compression_size`` of aws_api_gateway_rest_api (a string since AWS
provider v5, where ``-1`` turns compression off), serverless.yml
``provider.apiGateway.minimumCompressionSize``. The definitions are this file's own.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from vtl.api import load_api
from vtl.api.sources.document import DefinitionError

MOCK = {"type": "mock", "requestTemplates": {"application/json": '{"statusCode": 200}'},
        "responses": {"default": {"statusCode": "200",
                                  "responseTemplates": {"application/json": '{"message": "a body of some length"}'}}}}


def openapi(extra: dict[str, object]) -> str:
    return json.dumps({"openapi": "3.0.1", "info": {"title": "t", "version": "1"}, **extra,
                       "paths": {"/m": {"get": {"responses": {"200": {"description": "ok"}},
                                                "x-amazon-apigateway-integration": MOCK}}}})


def cloudformation(size: object) -> str:
    return json.dumps({"Resources": {
        "Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "t", "MinimumCompressionSize": size}},
        "Get": {"Type": "AWS::ApiGateway::Method", "Properties": {
            "RestApiId": {"Ref": "Api"}, "ResourceId": {"Fn::GetAtt": ["Api", "RootResourceId"]},
            "HttpMethod": "GET", "AuthorizationType": "NONE",
            "Integration": {"Type": "MOCK", "RequestTemplates": {"application/json": '{"statusCode": 200}'},
                            "IntegrationResponses": [{"StatusCode": "200"}]},
            "MethodResponses": [{"StatusCode": "200"}]}}}})


def terraform(size: str) -> str:
    return f'''resource "aws_api_gateway_rest_api" "api" {{
  name = "t"
  minimum_compression_size = {size}
}}

resource "aws_api_gateway_method" "get" {{
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_rest_api.api.root_resource_id
  http_method   = "GET"
  authorization = "NONE"
}}

resource "aws_api_gateway_integration" "get" {{
  rest_api_id = aws_api_gateway_rest_api.api.id
  resource_id = aws_api_gateway_rest_api.api.root_resource_id
  http_method = aws_api_gateway_method.get.http_method
  type        = "MOCK"
}}
'''


def serverless(size: str) -> str:
    return f"""service: t
provider:
  name: aws
  apiGateway:
    minimumCompressionSize: {size}
functions:
  hello:
    handler: handler.hello
    events:
      - http:
          path: m
          method: get
"""


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("api.json", openapi({"x-amazon-apigateway-minimum-compression-size": 10}), 10),
    ("api.json", openapi({}), None),
    ("template.json", cloudformation(1024), 1024),
    ("template.json", cloudformation("0"), 0),
    ("main.tf", terraform('"2048"'), 2048),
    ("main.tf", terraform("512"), 512),
    ("main.tf", terraform('"-1"'), None),
    ("main.tf", terraform('""'), None),
    ("serverless.yml", serverless("100"), 100),
])
def test_each_reader_reads_the_minimum_compression_size(tmp_path: Path, name: str, text: str,
                                                        expected: int | None) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    api = load_api(tmp_path if name.endswith(".tf") else tmp_path / name)
    assert api.minimum_compression_size == expected


@pytest.mark.parametrize(("name", "text", "line", "field"), [
    ("api.json", openapi({"x-amazon-apigateway-minimum-compression-size": -5}), 1,
     "x-amazon-apigateway-minimum-compression-size"),
    ("template.json", cloudformation(10485761), 1, "MinimumCompressionSize"),
    ("main.tf", terraform('"big"'), 3, "minimum_compression_size"),
    ("serverless.yml", serverless("1.5"), 5, "provider.apiGateway.minimumCompressionSize"),
])
def test_a_size_out_of_range_names_the_file_line_and_field(tmp_path: Path, name: str, text: str,
                                                           line: int, field: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(DefinitionError) as caught:
        load_api(tmp_path if name.endswith(".tf") else tmp_path / name)
    message = str(caught.value)
    assert f"{name}:{line}:" in message
    assert field in message
    assert "is not an integer from 0 to 10485760" in message


def test_a_read_size_compresses_the_response_the_client_accepts(tmp_path: Path) -> None:
    # api-gateway-receive-response-with-compressed-payload: a body of at least the size is
    # compressed in the coding the client's Accept-Encoding asks for, with Content-Encoding
    (tmp_path / "api.json").write_text(openapi({"x-amazon-apigateway-minimum-compression-size": 10}),
                                       encoding="utf-8")
    api = load_api(tmp_path / "api.json")
    invocation = api.invoke("GET", "/m", headers={"Accept-Encoding": "gzip"})
    assert invocation.response.headers.get("Content-Encoding") == "gzip"
    assert gzip.decompress(invocation.response.body) == b'{"message": "a body of some length"}'

"""Private integrations (VPC links): connectionType and connectionId are read in every
format and shown by `vtl routes`; they were accepted and dropped (definition files round
11's finding). Sources: the OpenAPI extension x-amazon-apigateway-integration
(connectionType INTERNET | VPC_LINK, connectionId), CloudFormation's
AWS::ApiGateway::Method Integration (ConnectionType, ConnectionId), Terraform's
aws_api_gateway_integration (connection_type, connection_id), and the Serverless
Framework's http event (connectionType: vpc-link, connectionId)."""

from __future__ import annotations

from pathlib import Path

import pytest

from vtl.api import load_api
from vtl.api.sources.document import DefinitionError

_OPENAPI = """openapi: 3.0.1
info: {title: private, version: "1"}
paths:
  /items:
    get:
      x-amazon-apigateway-integration:
        type: http_proxy
        httpMethod: GET
        uri: http://internal-nlb.example.com/items
        connectionType: VPC_LINK
        connectionId: "${stageVariables.vpcLinkId}"
"""

_CLOUDFORMATION = """Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: {Name: private}
  Get:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !GetAtt Api.RootResourceId
      HttpMethod: GET
      AuthorizationType: NONE
      Integration:
        Type: HTTP_PROXY
        IntegrationHttpMethod: GET
        Uri: http://internal-nlb.example.com/
        ConnectionType: VPC_LINK
        ConnectionId: abc123
"""

_TERRAFORM = """resource "aws_api_gateway_rest_api" "api" {
  name = "private"
}
resource "aws_api_gateway_method" "get" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_rest_api.api.root_resource_id
  http_method   = "GET"
  authorization = "NONE"
}
resource "aws_api_gateway_integration" "get" {
  rest_api_id             = aws_api_gateway_rest_api.api.id
  resource_id             = aws_api_gateway_rest_api.api.root_resource_id
  http_method             = aws_api_gateway_method.get.http_method
  type                    = "HTTP_PROXY"
  integration_http_method = "GET"
  uri                     = "http://internal-nlb.example.com/"
  connection_type         = "VPC_LINK"
  connection_id           = "abc123"
}
"""

_SERVERLESS = """service: private
provider: {name: aws}
functions:
  proxy:
    handler: h.handler
    events:
      - http:
          path: items
          method: get
          integration: http-proxy
          connectionType: vpc-link
          connectionId: abc123
          request:
            uri: http://internal-nlb.example.com/items
"""


@pytest.mark.parametrize(("name", "text", "connection_id"), [
    ("api.yaml", _OPENAPI, "${stageVariables.vpcLinkId}"),
    ("template.yaml", _CLOUDFORMATION, "abc123"),
    ("main.tf", _TERRAFORM, "abc123"),
    ("serverless.yml", _SERVERLESS, "abc123"),
])
def test_a_private_integration_keeps_its_vpc_link(tmp_path: Path, name: str, text: str, connection_id: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    api = load_api(tmp_path if name == "main.tf" else tmp_path / name)
    (method,) = api.methods
    assert method.integration is not None
    assert (method.integration.connection_type, method.integration.connection_id) == ("VPC_LINK", connection_id)


def test_an_integration_without_a_connection_type_is_internet(tmp_path: Path) -> None:
    (tmp_path / "api.yaml").write_text(_OPENAPI.replace("        connectionType: VPC_LINK\n", "")
                                       .replace('        connectionId: "${stageVariables.vpcLinkId}"\n', ""))
    (method,) = load_api(tmp_path / "api.yaml").methods
    assert method.integration is not None
    assert (method.integration.connection_type, method.integration.connection_id) == ("INTERNET", None)


def test_an_unknown_connection_type_is_a_located_error(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(_CLOUDFORMATION.replace("VPC_LINK", "PRIVATE"))
    with pytest.raises(DefinitionError) as raised:
        load_api(tmp_path / "template.yaml")
    assert "connectionType 'PRIVATE' is not one of INTERNET, VPC_LINK" in str(raised.value)
    assert "template.yaml:" in str(raised.value)


def test_routes_shows_the_vpc_link(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from vtl.cli import main

    (tmp_path / "template.yaml").write_text(_CLOUDFORMATION)
    assert main(["routes", str(tmp_path / "template.yaml")]) == 0
    assert "  connection    VPC link abc123\n" in capsys.readouterr().out

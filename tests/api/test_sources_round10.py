"""Findings of the tenth round of real-world definition files (/work/realworld11), each
with a small fixture of its own under ``data/round10``; expected values come from the AWS
references cited in each test."""

from __future__ import annotations

from pathlib import Path

import pytest

from vtl.api import load_api
from vtl.api.sources.document import DefinitionError

DATA = Path(__file__).parent / "data" / "round10"


def test_a_jwt_authorizer_in_a_rest_api_document_is_left_out_with_its_methods() -> None:
    # A Terraform body (aws_api_gateway_rest_api, OpenAPI 3 for S3 GET/PUT) carries an
    # HTTP-API jwt authorizer no method uses. API Gateway's import warns "Unable to create
    # authorizer from security definition: 'NAME' ... Any methods with security: 'NAME'
    # will not be created" (amazon-archives/aws-apigateway-importer#187) and goes on:
    # failOnWarnings is false by default (AWS docs, api-gateway-import-api-errors-warnings).
    # We refused the whole document.
    api = load_api(DATA / "oas-jwt-authorizer.yaml")
    assert [(m.http_method, m.path) for m in api.methods] == [("GET", "/files")]
    assert api.authorizers == {}
    assert any(
        "oas-jwt-authorizer.yaml:31: components.securitySchemes.oauth.x-amazon-apigateway-"
        "authorizer: authorizer type 'jwt' is not one of" in w for w in api.warnings)
    assert any("oas-jwt-authorizer.yaml:16: paths./private.get is not created" in w
               for w in api.warnings)


def test_a_response_schema_naming_no_model_is_a_warning() -> None:
    # A SAM DefinitionBody (AWS::Include of openapi.yaml, DynamoDB without Lambda) gives a
    # DELETE response the schema $ref '#/components/responses/Dragon', a response rather
    # than a schema. AWS docs (api-gateway-import-api-errors-warnings): "warnings can be
    # generated for minor issues like a missing model reference", and the import goes on
    # (failOnWarnings false by default). We refused the whole document.
    api = load_api(DATA / "oas-response-ref-not-a-schema.yaml")
    (method,) = api.methods
    assert (method.http_method, method.path) == ("DELETE", "/dragon/{dragonId}")
    assert method.method_responses["200"].models == {}
    assert any("oas-response-ref-not-a-schema.yaml:19: $ref '#/components/responses/Dragon' "
               "names no model under components.schemas" in w for w in api.warnings)
    assert api.invoke("DELETE", "/dragon/7").response.status == 200


def test_a_nested_sam_application_of_a_sam_template_is_translated() -> None:
    # A root SAM template nests its API as AWS::Serverless::Application (Location: a local
    # SAM template whose own Transform is AWS::Serverless-2016-10-31; a DynamoDB API
    # tutorial). CloudFormation deploys the application as a nested stack, running that
    # template's own transform (AWS docs: aws-resource-serverless-application). We grafted
    # it untranslated and refused it: "Api has the SAM resource type AWS::Serverless::Api,
    # but the template has no Transform".
    api = load_api(DATA / "sam-nested-sam-application" / "template.yaml")
    (method,) = api.methods
    assert (method.http_method, method.path) == ("GET", "/dragons")
    child = DATA / "sam-nested-sam-application" / "application" / "template.yaml"
    assert str(method.source) == f"{child}:18"
    # the parent's Parameters give the stage its name
    assert api.invoke("GET", "/dragons").response.body == '{"stage": "prod"}'


def test_an_http_proxy_event_calls_with_its_own_method() -> None:
    # serverless.yml (an http-proxy event through a VPC link) writes request.method beside
    # request.uri. The Serverless Framework's api-gateway/lib/validate.js keeps only
    # request.parameters, uri and schema(s) of an HTTP_PROXY event ("Serverless will remove
    # this configuration automatically") before method/integration.js sets
    # IntegrationHttpMethod from request.method || method. We warned that it is removed,
    # yet called the backend with it.
    api = load_api(DATA / "sls-http-proxy-request-method.yml")
    (method,) = api.methods
    assert (method.http_method, method.integration.type) == ("GET", "HTTP_PROXY")
    assert method.integration.http_method == "GET"
    assert any("request.method is not used with integration http-proxy" in w for w in api.warnings)


def test_a_boolean_property_written_as_another_string_is_refused() -> None:
    # The CloudFormation documentation's example (aws-resource-apigateway-method, example
    # 3) defaults ValidateRequestBody's parameter to "testvalidateRequestBody". The
    # property is a Boolean (aws-resource-apigateway-requestvalidator); CloudFormation
    # takes "true"/"false" strings and refuses others when it checks the resource against
    # its schema. We read it as false: a validator checking no body, without a word.
    with pytest.raises(DefinitionError) as raised:
        load_api(DATA / "cfn-validator-boolean-default.yaml")
    assert str(raised.value).endswith(
        "cfn-validator-boolean-default.yaml:20: RequestValidator: ValidateRequestBody must be "
        "true or false, not 'testvalidateRequestBody'")
    # the strings CloudFormation takes still read as their boolean
    api = load_api(DATA / "cfn-validator-boolean-default.yaml", {"validateRequestBody": "TRUE"})
    assert api.request_validators["body"].validate_request_body is True

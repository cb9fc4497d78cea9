"""Findings of the seventh round of real-world definition files (/work/realworld7), each
with a small fixture of its own under ``data/round7``; expected values come from the AWS
references cited in each test."""

from __future__ import annotations

from pathlib import Path

import pytest

from vtl.api import load_api
from vtl.api.sources.document import DefinitionError

DATA = Path(__file__).parent / "data" / "round7"


def test_body_and_binary_media_types_property_are_merged() -> None:
    # CloudFormation RestApi reference, Mode: "binary media types are merged with the
    # existing API"; BinaryMediaTypes: "Slashes must be escaped with ~1".
    api = load_api(DATA / "cfn-body-and-binary-media-types.yaml")
    assert sorted(api.binary_media_types) == ["application/octet-stream", "image/png"]


def test_spec_rest_api_from_asset_reads_the_asset_of_the_cloud_assembly() -> None:
    # CDK's ApiDefinition.fromAsset: the RestApi's BodyS3Location names the object key the
    # stack's asset manifest uploads the OpenAPI file to; that file is in the cdk.out.
    api = load_api(DATA / "spec-rest-api-from-asset.out")
    assert [(m.http_method, m.path) for m in api.methods] == [("GET", "/books")]
    template = api.methods[0].integration.responses[0].response_templates["application/json"]
    assert template.text == "[]"
    assert template.source.file.endswith("asset.0f1e2d3c.yaml")


def test_an_include_of_an_asset_s3_object_url_reads_the_asset_of_the_cloud_assembly() -> None:
    # CDK's Fn.transform('AWS::Include', {Location: asset.s3ObjectUrl}) in a stack of unknown
    # region: Location is s3://<bucket built with Fn::Sub>/<object key of the asset>.
    # AWS::Include inserts the file and CloudFormation then evaluates its Fn::Sub.
    api = load_api(DATA / "include-asset.out")
    (method,) = api.methods
    assert (method.http_method, method.path) == ("GET", "/pets")
    assert method.integration.uri == "arn:aws:apigateway:us-east-1:dynamodb:action/Scan"
    assert method.integration.request_templates["application/json"].source.file.endswith(
        "asset.9a8b7c6d.yaml")


def test_a_condition_on_an_unset_parameter_names_the_param_to_give_and_its_allowed_values() -> None:
    # The parameter has no Default: CloudFormation needs its value at deploy time, and only
    # the AllowedValues it declares are accepted; the error says which --param gives it.
    with pytest.raises(DefinitionError) as raised:
        load_api(DATA / "cfn-condition-on-parameter-without-default.yaml")
    message = str(raised.value)
    assert "cfn-condition-on-parameter-without-default.yaml:8" in message
    assert "--param UseThirdPartyIdentityProvider=true|false" in message
    api = load_api(DATA / "cfn-condition-on-parameter-without-default.yaml",
                   {"UseThirdPartyIdentityProvider": "false"})
    assert api.methods[0].authorization_type == "NONE"


def test_a_nested_stack_whose_local_template_is_missing_names_the_file() -> None:
    # `aws cloudformation package` reads a local TemplateURL relative to the template; the
    # warning says which file is missing, where the template declares the stack.
    api = load_api(DATA / "cfn-nested-stack-local-file-missing.yaml")
    (warning,) = [w for w in api.warnings if "MethodsStack" in w]
    assert "cfn-nested-stack-local-file-missing.yaml:14" in warning
    assert "TemplateURL ./methods-not-written.yaml names no file" in warning


def test_required_parameters_without_a_parameter_validator_are_warned() -> None:
    # AWS-DOC api-gateway-method-request-validation: required parameters are checked by the
    # request validator assigned to the method; without one the request goes on.
    pytest.importorskip("samtranslator")
    api = load_api(DATA / "sam-event-required-parameters-without-validator.yaml")
    (warning,) = [w for w in api.warnings if "declared required" in w]
    assert "GET /search: querystring.q is declared required, but it has no request validator" in warning
    assert "X-Trace" not in warning
    response = api.invoke("GET", "/search", backend={"statusCode": 200, "body": "ok"}).response
    assert response.status == 200


def test_a_part_of_an_unknown_arn_stays_unknown_and_names_what_to_give() -> None:
    # An ARN is arn:partition:service:region:account:function:name (part 6 is the name); a
    # function without FunctionName has its ARN only after deployment, so the part is unknown
    # too, not a part of vtl's placeholder text.
    path = DATA / "cfn-select-split-of-unknown-arn.yaml"
    template = load_api(path).methods[0].integration.request_templates["application/json"]
    assert template.text == '{"statusCode": 200, "function": "${Fn::GetAtt:Orders.Arn}"}'
    arn = "arn:aws:lambda:us-east-1:123456789012:function:orders-fn"
    template = load_api(path, {"Orders.Arn": arn}).methods[0].integration.request_templates[
        "application/json"]
    assert template.text == '{"statusCode": 200, "function": "orders-fn"}'


def test_an_sqs_path_whose_account_is_no_account_id_is_warned() -> None:
    # SQS queue URLs are https://sqs.REGION.amazonaws.com/ACCOUNT_ID/QUEUE_NAME, an account ID
    # being 12 digits; `None` (an unset CDK_DEFAULT_ACCOUNT) names no account.
    api = load_api(DATA / "oas-sqs-path-account-none.yaml")
    said = [w for w in api.warnings if "account" in w]
    assert len(said) == 1
    assert "POST /bad: the integration uri names the account 'None'" in said[0]


def test_a_malformed_value_that_is_an_unset_parameter_says_how_to_give_it() -> None:
    # The status code is a parameter with no Default: the error names the --param to give,
    # not only that "${Ref:statusCode}" is no HTTP status.
    path = DATA / "cfn-gateway-response-status-parameter.yaml"
    with pytest.raises(DefinitionError) as raised:
        load_api(path)
    assert "--param statusCode=VALUE" in str(raised.value)
    api = load_api(path, {"statusCode": "418"})
    assert api.gateway_responses["DEFAULT_4XX"].status_code == "418"


def test_a_gateway_response_type_api_gateway_does_not_have_is_warned() -> None:
    # CloudFormation's GatewayResponse ResponseType is an enum (ACCESS_DENIED ... WAF_FILTERED);
    # DEFAULT_4XXX is none of them, so no error would ever select it.
    api = load_api(DATA / "cfn-gateway-response-type-typo.yaml")
    (warning,) = [w for w in api.warnings if "gateway response type" in w]
    assert "cfn-gateway-response-type-typo.yaml:6: gateway response type 'DEFAULT_4XXX' is not one" in warning

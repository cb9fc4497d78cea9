"""CDK cloud assemblies (cdk.out folders) read as the CloudFormation their stacks hold.

Expected texts are the fixtures' own; expected lines are where the fixture files hold them.
"""

import json
import shutil
from pathlib import Path

import pytest

from vtl.api.sources import cdk, load_api
from vtl.api.sources.document import DefinitionError, parse_document

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "api"
DATA = Path(__file__).resolve().parent / "data" / "cdk"


def vm(name: str) -> str:
    return (EXAMPLE / "templates" / f"{name}.vm").read_text(encoding="utf-8")


def where(template: object) -> tuple[str, int | None]:
    source = template.source  # type: ignore[attr-defined]
    return Path(source.file).name, source.line


def test_the_small_api_in_a_cdk_out_of_two_stacks() -> None:
    api = cdk.read(EXAMPLE / "cdk.out")
    assert api.format == "cdk" and api.name == "orders-api"
    assert sorted(str(m) for m in api.methods) == ["GET /orders/{id}", "OPTIONS /orders", "POST /orders"]
    assert api.stages == {"prod": {"table": "orders"}}

    create = api.find_method("POST", "/orders").integration
    # the function lives in OrdersBackendStack; the API stack imports its ARN (Fn::ImportValue
    # of the backend's export), and its literal FunctionName makes the ARN known
    assert create.uri == ("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                          "arn:aws:lambda:us-east-1:123456789012:function:create-order/invocations")
    assert create.request_templates["application/json"].text == vm("create-order-request")
    assert where(create.request_templates["application/json"]) == ("OrdersApiStack.template.json", 129)
    invalid = next(r for r in create.responses if r.selection_pattern == ".*Invalid.*")
    assert invalid.response_templates["application/json"].text == vm("create-order-error")
    assert where(invalid.response_templates["application/json"]) == ("OrdersApiStack.template.json", 122)

    get = api.find_method("GET", "/orders/{id}").integration
    assert get.request_templates["application/json"].text == vm("get-order-request")
    assert where(get.request_templates["application/json"]) == ("OrdersApiStack.template.json", 209)
    response = get.responses[0].response_templates["application/json"]
    assert response.text == vm("get-order-response")
    assert where(response) == ("OrdersApiStack.template.json", 203)

    options = api.find_method("OPTIONS", "/orders").integration
    assert options.request_templates["application/json"].text == '{"statusCode": 200}'
    assert where(options.request_templates["application/json"]) == ("OrdersApiStack.template.json", 84)


def test_two_stacks_with_an_api_each_and_a_nested_stage_assembly() -> None:
    folder = DATA / "two-apis.out"
    with pytest.raises(DefinitionError, match=r"defines 2 REST APIs \(UsersStack/UsersApi5E9A1B2C, "
                                              r"Staging/OrdersStack/OrdersApi1F2E3D4C\)"):
        cdk.read(folder)

    users = cdk.read(folder, {"vtl:api": "UsersApi5E9A1B2C"})
    assert [str(m) for m in users.methods] == ["GET /users"]
    template = users.methods[0].integration.responses[0].response_templates["application/json"]
    # the stack's environment (aws://111122223333/eu-west-1) and stackName set its pseudo parameters
    assert template.text == '{"region": "eu-west-1", "stack": "users-prod", "id": "$context.requestId"}'
    assert where(template) == ("UsersStack.template.json", 27)

    orders = cdk.read(folder, {"vtl:api": "Staging/OrdersStack/OrdersApi1F2E3D4C"})
    assert orders.name == "Staging-OrdersStack-orders"
    post = orders.find_method("POST", "/").integration
    # unknown-account / unknown-region: the sample values
    assert post.uri == "arn:aws:apigateway:us-east-1:sqs:path/123456789012/orders"
    request = post.request_templates["application/json"]
    assert request.text == "Action=SendMessage&MessageBody=$util.urlEncode($input.body)"
    assert request.source.file == str(folder / "assembly-Staging" / "StagingOrdersStack.template.json")
    assert request.source.line == 17


def test_recognises_a_cloud_assembly_folder(tmp_path: Path) -> None:
    assert cdk.recognises(EXAMPLE / "cdk.out", None)
    assert not cdk.recognises(tmp_path, None)
    (tmp_path / "Stack.template.json").write_text("{}")
    assert "no manifest.json" in cdk.looks_like(tmp_path, None)
    manifest = EXAMPLE / "cdk.out" / "manifest.json"
    assert cdk.recognises(manifest, parse_document(manifest.read_bytes(), manifest))


def test_a_manifest_naming_a_missing_template(tmp_path: Path) -> None:
    manifest = {"version": "36.0.0", "artifacts": {"S": {"type": "aws:cloudformation:stack",
                                                         "properties": {"templateFile": "S.template.json"}}}}
    (tmp_path / "manifest.json").write_text(json.dumps(manifest, indent=1))
    with pytest.raises(DefinitionError, match=r"manifest.json:7: stack S: its templateFile 'S.template.json' is not in"):
        cdk.read(tmp_path)


@pytest.mark.parametrize(("template", "message"), [
    ('{"Resources": [1]}', r"S.template.json:1: the Resources section must be a mapping"),
    ('{\n "Resources": {},\n "Outputs": ["x"]\n}', r"S.template.json:3: the Outputs section must be a mapping"),
])
def test_a_stack_template_of_the_wrong_shape_is_located(tmp_path: Path, template: str, message: str) -> None:
    # A stack's template is read because the manifest names it, not because it looked like
    # CloudFormation: its sections are checked rather than crashed on.
    manifest = {"version": "36.0.0", "artifacts": {"S": {"type": "aws:cloudformation:stack",
                                                         "properties": {"templateFile": "S.template.json"}}}}
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    (tmp_path / "S.template.json").write_text(template)
    with pytest.raises(DefinitionError, match=message):
        cdk.read(tmp_path)


def test_a_cognito_authorizer_on_a_pool_of_another_stack(tmp_path: Path) -> None:
    # CDK's CognitoUserPoolsAuthorizer on a pool the backend stack owns: the API stack gets
    # the pool's ARN through Fn::ImportValue, and the method names the authorizer by Ref.
    # The ARN is never needed to check the identity source, so nothing has to be given.
    assembly = tmp_path / "cdk.out"
    shutil.copytree(EXAMPLE / "cdk.out", assembly)
    backend_path = assembly / "OrdersBackendStack.template.json"
    backend = json.loads(backend_path.read_text())
    backend["Resources"]["OrdersPool0A1B2C3D"] = {"Type": "AWS::Cognito::UserPool", "Properties": {}}
    backend["Outputs"]["ExportsOutputFnGetAttOrdersPoolArn"] = {
        "Value": {"Fn::GetAtt": ["OrdersPool0A1B2C3D", "Arn"]},
        "Export": {"Name": "OrdersBackendStack:ExportsOutputFnGetAttOrdersPoolArn"},
    }
    backend_path.write_text(json.dumps(backend, indent=1))
    api_path = assembly / "OrdersApiStack.template.json"
    stack = json.loads(api_path.read_text())
    stack["Resources"]["OrdersAuthorizer5D6E7F80"] = {
        "Type": "AWS::ApiGateway::Authorizer",
        "Properties": {
            "Name": "OrdersApiStackOrdersAuthorizer",
            "RestApiId": {"Ref": "OrdersApi6C8B2E1F"},
            "Type": "COGNITO_USER_POOLS",
            "IdentitySource": "method.request.header.Authorization",
            "ProviderARNs": [{"Fn::ImportValue": "OrdersBackendStack:ExportsOutputFnGetAttOrdersPoolArn"}],
        },
    }
    post = stack["Resources"]["OrdersApiordersPOST3F7A9C2D"]["Properties"]
    post["AuthorizationType"] = "COGNITO_USER_POOLS"
    post["AuthorizerId"] = {"Ref": "OrdersAuthorizer5D6E7F80"}
    api_path.write_text(json.dumps(stack, indent=1))

    api = cdk.read(assembly)
    authorizer = api.authorizers["OrdersApiStackOrdersAuthorizer"]
    assert (authorizer.type, authorizer.identity_source) == (
        "COGNITO_USER_POOLS", "method.request.header.Authorization")
    create = api.find_method("POST", "/orders")
    assert (create.authorization_type, create.authorizer) == (
        "COGNITO_USER_POOLS", "OrdersApiStackOrdersAuthorizer")
    refused = api.invoke("POST", "/orders", body='{"customer": "ann"}')
    assert (refused.response.status, refused.response.body) == (401, '{"message":"Unauthorized"}')
    # with the header the request gets past the authorizer to the Lambda integration
    passed = api.invoke("POST", "/orders", body='{"customer": "ann"}',
                        headers={"Authorization": "eyJ.x.y"}, backend={"ok": True})
    assert passed.response.status == 200


def _nested_assembly(folder: Path, *, with_metadata: bool) -> Path:
    """A root stack with a RestApi and a NestedStack adding GET /pets to it (the shape CDK
    writes for a NestedStack using RestApi.fromRestApiAttributes); the nested template is
    found through the resource's aws:asset:path, or through the assets manifest."""
    folder.mkdir()
    nested = {"Parameters": {"ApiRef": {"Type": "String"}, "RootId": {"Type": "String"},
                             "Greeting": {"Type": "String", "Default": "hi"}},
              "Resources": {
                  "Pets": {"Type": "AWS::ApiGateway::Resource", "Properties": {
                      "ParentId": {"Ref": "RootId"}, "PathPart": "pets",
                      "RestApiId": {"Ref": "ApiRef"}}},
                  "PetsGet": {"Type": "AWS::ApiGateway::Method", "Properties": {
                      "HttpMethod": "GET", "AuthorizationType": "NONE",
                      "ResourceId": {"Ref": "Pets"}, "RestApiId": {"Ref": "ApiRef"},
                      "Integration": {"Type": "MOCK", "RequestTemplates": {
                          "application/json": {"Fn::Sub": '{"statusCode": 200, "api": "${ApiRef}", '
                                                           '"say": "${Greeting}"}'}},
                          "IntegrationResponses": [{"StatusCode": "200"}]},
                      "MethodResponses": [{"StatusCode": "200"}]}}}}
    (folder / "RootNested.nested.template.json").write_text(json.dumps(nested, indent=1))
    stack: dict[str, object] = {"Type": "AWS::CloudFormation::Stack", "Properties": {
        "Parameters": {"ApiRef": {"Ref": "Api"}, "RootId": {"Fn::GetAtt": ["Api", "RootResourceId"]}},
        "TemplateURL": {"Fn::Join": ["", ["https://s3.", {"Ref": "AWS::Region"}, ".",
                                          {"Ref": "AWS::URLSuffix"}, "/bucket/abc123.json"]]}}}
    if with_metadata:
        stack["Metadata"] = {"aws:asset:path": "RootNested.nested.template.json"}
    else:
        (folder / "Root.assets.json").write_text(json.dumps({"files": {"abc123": {
            "source": {"path": "RootNested.nested.template.json", "packaging": "file"},
            "destinations": {"d": {"bucketName": "bucket", "objectKey": "abc123.json"}}}}}))
    root = {"Resources": {"Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "pets"}},
                          "Nested": stack}}
    (folder / "Root.template.json").write_text(json.dumps(root, indent=1))
    (folder / "manifest.json").write_text(json.dumps({"artifacts": {"Root": {
        "type": "aws:cloudformation:stack", "properties": {"templateFile": "Root.template.json"}}}}))
    return folder


@pytest.mark.parametrize("with_metadata", [True, False])
def test_methods_of_a_nested_stack_belong_to_the_api_of_its_parent(
        tmp_path: Path, with_metadata: bool) -> None:
    # A CDK NestedStack adding methods to its parent's API: they were dropped without a word
    # (only the stacks the manifest lists were read).
    api = cdk.read(_nested_assembly(tmp_path / "cdk.out", with_metadata=with_metadata))
    assert [str(m) for m in api.methods] == ["GET /pets"]
    template = api.methods[0].integration.request_templates["application/json"]
    # the nested Ref of a parameter is the parent's value; an unset one keeps its Default
    assert template.text == '{"statusCode": 200, "api": "${Ref:Api}", "say": "hi"}'
    # located in the nested file, at the method's own line
    lines = (tmp_path / "cdk.out" / "RootNested.nested.template.json").read_text().splitlines()
    assert where(api.methods[0]) == (
        "RootNested.nested.template.json", lines.index('  "PetsGet": {') + 1)


def test_a_nested_stack_whose_template_is_missing_is_said(tmp_path: Path) -> None:
    folder = _nested_assembly(tmp_path / "cdk.out", with_metadata=False)
    (folder / "RootNested.nested.template.json").unlink()
    api = cdk.read(folder)
    assert api.methods == []
    assert [w.split(": ", 1)[1] for w in api.warnings] == [
        ("nested stack Nested: its template is not in this definition; its resources (methods "
         "of the API among them) are not read")]


def test_a_spec_rest_api_from_a_file_a_bucket_deployment_put_there(tmp_path: Path) -> None:
    # SpecRestApi(ApiDefinition.fromBucket(bucket, "api.yaml")) with a BucketDeployment of
    # Source.yamlData(...) holding a token: the file is an asset folder of the assembly and
    # holds a <<marker:...>> the deployment replaces. It was "not read" (no asset uploads to
    # that key), and the marker was kept as the integration's URI.
    folder = tmp_path / "cdk.out"
    (folder / "asset.0123abcd").mkdir(parents=True)
    (folder / "asset.0123abcd" / "api.yaml").write_text(
        "openapi: 3.0.1\n"
        "info: {title: deployed, version: '1'}\n"
        "paths:\n"
        "  /hello:\n"
        "    get:\n"
        "      x-amazon-apigateway-integration:\n"
        "        type: aws_proxy\n"
        "        httpMethod: POST\n"
        "        uri: <<marker:0xbaba:0>>\n")
    manifest = {"version": "36.0.0", "artifacts": {"S": {"type": "aws:cloudformation:stack",
                                                         "properties": {"templateFile": "S.template.json"}}}}
    (folder / "manifest.json").write_text(json.dumps(manifest))
    uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:1:function:hi/invocations"
    template = {"Resources": {
        "Bucket": {"Type": "AWS::S3::Bucket"},
        "Deploy": {"Type": "Custom::CDKBucketDeployment", "Properties": {
            "SourceBucketNames": ["cdk-assets"], "SourceObjectKeys": ["0123abcd.zip"],
            "SourceMarkers": [{"<<marker:0xbaba:0>>": uri}],
            "DestinationBucketName": {"Ref": "Bucket"}}},
        "Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {
            "BodyS3Location": {"Bucket": {"Ref": "Bucket"}, "Key": "api.yaml"}}},
    }}
    (folder / "S.template.json").write_text(json.dumps(template, indent=1))
    api = cdk.read(folder)
    assert [str(m) for m in api.methods] == ["GET /hello"]
    assert api.methods[0].integration.uri == uri


def _cross_stack_assembly(folder: Path, *, second_api: bool = False) -> Path:
    """ApiStack defines a RestApi and exports its id and root resource id; PetsStack adds
    /pets and GET to it through Fn::ImportValue, the shape CDK writes for
    RestApi.fromRestApiAttributes in another (not nested) stack."""
    folder.mkdir()
    api_stack = {"Resources": {"Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "pets"}}},
                 "Outputs": {
                     "ExportsOutputRefApi": {"Value": {"Ref": "Api"},
                                             "Export": {"Name": "ApiStack:ExportsOutputRefApi"}},
                     "ExportsOutputRoot": {"Value": {"Fn::GetAtt": ["Api", "RootResourceId"]},
                                           "Export": {"Name": "ApiStack:ExportsOutputRoot"}}}}
    if second_api:  # a name PetsStack's resources also use: the grafted one is renamed
        api_stack["Resources"]["Pets"] = {"Type": "AWS::SNS::Topic", "Properties": {}}
    pets_stack = {"Resources": {
        "Pets": {"Type": "AWS::ApiGateway::Resource", "Properties": {
            "ParentId": {"Fn::ImportValue": "ApiStack:ExportsOutputRoot"}, "PathPart": "pets",
            "RestApiId": {"Fn::ImportValue": "ApiStack:ExportsOutputRefApi"}}},
        "PetsGet": {"Type": "AWS::ApiGateway::Method", "Properties": {
            "HttpMethod": "GET", "AuthorizationType": "NONE",
            "ResourceId": {"Ref": "Pets"}, "RestApiId": {"Fn::ImportValue": "ApiStack:ExportsOutputRefApi"},
            "Integration": {"Type": "MOCK", "RequestTemplates": {
                "application/json": {"Fn::Sub": '{"statusCode": 200, "region": "${AWS::Region}"}'}},
                "IntegrationResponses": [{"StatusCode": "200", "ResponseTemplates": {
                    "application/json": '{"pets": []}'}}]},
            "MethodResponses": [{"StatusCode": "200"}]}}}}
    for name, template in (("ApiStack", api_stack), ("PetsStack", pets_stack)):
        (folder / f"{name}.template.json").write_text(json.dumps(template, indent=1))
    (folder / "manifest.json").write_text(json.dumps({"artifacts": {
        name: {"type": "aws:cloudformation:stack", "properties": {"templateFile": f"{name}.template.json"}}
        for name in ("ApiStack", "PetsStack")}}))
    return folder


@pytest.mark.parametrize("second_api", [False, True], ids=["no-clash", "name-taken"])
def test_methods_another_stack_adds_through_imports_belong_to_the_api(tmp_path: Path, second_api: bool) -> None:
    # They were dropped with the warning "belongs to a REST API that is not defined here".
    folder = _cross_stack_assembly(tmp_path / "cdk.out", second_api=second_api)
    api = cdk.read(folder)
    assert api.name == "pets"
    assert [str(m) for m in api.methods] == ["GET /pets"]
    assert not [w for w in api.warnings if "not read" in w], api.warnings
    invocation = api.invoke("GET", "/pets")
    assert (invocation.response.status, invocation.response.body) == (200, '{"pets": []}')
    # the method is located in the stack that adds it
    lines = (folder / "PetsStack.template.json").read_text().splitlines()
    assert where(api.methods[0]) == ("PetsStack.template.json", lines.index('  "PetsGet": {') + 1)


def test_parts_importing_an_id_that_is_no_rest_api_stay_unread(tmp_path: Path) -> None:
    folder = _cross_stack_assembly(tmp_path / "cdk.out")
    stack = json.loads((folder / "ApiStack.template.json").read_text())
    stack["Outputs"]["ExportsOutputRefApi"]["Value"] = "abc123"  # a literal id: no API here
    (folder / "ApiStack.template.json").write_text(json.dumps(stack, indent=1))
    api = cdk.read(folder)
    assert api.methods == []
    assert [w for w in api.warnings if "belongs to a REST API that is not defined here" in w]


def test_a_cdk_apps_folder_says_which_folder_to_give(tmp_path: Path) -> None:
    # `vtl routes .` in a CDK app's folder said only what a folder must hold (the
    # user-experience round, /work/ux-notes.md); the CloudFormation is in the folder
    # `cdk synth` writes, cdk.out unless cdk.json's "output" says otherwise.
    (tmp_path / "cdk.json").write_text('{"app": "npx ts-node bin/app.ts", "output": "build/cdk"}')
    with pytest.raises(DefinitionError) as raised:
        load_api(tmp_path)
    assert str(raised.value).endswith(f"; it is a CDK app: run `cdk synth`, then give "
                                      f"{tmp_path / 'build' / 'cdk'}, the folder it writes")
    shutil.copytree(DATA / "two-apis.out", tmp_path / "build" / "cdk")
    with pytest.raises(DefinitionError) as raised:
        load_api(tmp_path)
    assert str(raised.value).endswith(f"; it is a CDK app: give {tmp_path / 'build' / 'cdk'}")

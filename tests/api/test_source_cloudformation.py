"""CloudFormation templates read into the API model: the resource graph, intrinsic functions,
placeholders for what only a deployment knows, includes, and located errors.

Expected texts are the fixtures' own (examples/api/templates/*.vm, or the text written in the
test's template); expected lines are where the fixture files hold them.
"""

from pathlib import Path

import pytest

from vtl.api import load_api
from vtl.api.sources import cloudformation
from vtl.api.sources.document import DefinitionError, parse_document
from vtl.api.sources.intrinsics import PSEUDO_PARAMETERS, Resolver

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "api"
DATA = Path(__file__).resolve().parent / "data" / "cloudformation"


def vm(name: str) -> str:
    return (EXAMPLE / "templates" / f"{name}.vm").read_text(encoding="utf-8")


def where(template: object) -> tuple[str, int | None]:
    source = template.source  # type: ignore[attr-defined]
    return Path(source.file).name, source.line


# -- the small API of examples/api ------------------------------------------------------------


def test_the_small_api_in_cloudformation() -> None:
    api = cloudformation.read(EXAMPLE / "cloudformation" / "template.yaml")
    assert api.format == "cloudformation" and api.name == "orders-api"
    assert sorted(str(m) for m in api.methods) == ["GET /orders/{id}", "OPTIONS /orders", "POST /orders"]
    assert api.stages == {"prod": {"table": "orders"}}

    create = api.find_method("POST", "/orders").integration
    assert (create.type, create.http_method) == ("AWS", "POST")
    # a function with a literal FunctionName has a known ARN (sample region and account)
    assert create.uri == ("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                          "arn:aws:lambda:us-east-1:123456789012:function:create-order/invocations")
    assert create.request_templates["application/json"].text == vm("create-order-request")
    assert where(create.request_templates["application/json"]) == ("template.yaml", 42)
    default, invalid = create.responses
    assert (default.status_code, default.selection_pattern, default.response_templates) == ("200", None, {})
    assert (invalid.status_code, invalid.selection_pattern) == ("400", ".*Invalid.*")
    assert invalid.response_templates["application/json"].text == vm("create-order-error")
    assert where(invalid.response_templates["application/json"]) == ("template.yaml", 55)

    get = api.find_method("GET", "/orders/{id}")
    assert get.request_parameters == {"method.request.path.id": True}
    assert get.integration.uri == "arn:aws:apigateway:us-east-1:dynamodb:action/GetItem"
    assert get.integration.request_templates["application/json"].text == vm("get-order-request")
    assert where(get.integration.request_templates["application/json"]) == ("template.yaml", 76)
    response = get.integration.responses[0]
    assert response.response_templates["application/json"].text == vm("get-order-response")
    assert where(response.response_templates["application/json"]) == ("template.yaml", 84)

    options = api.find_method("OPTIONS", "/orders")
    assert options.integration.type == "MOCK"
    assert options.integration.request_templates["application/json"].text == '{"statusCode": 200}'
    assert options.integration.responses[0].response_parameters == {
        "method.response.header.Access-Control-Allow-Headers": "'Content-Type,X-Amz-Date,Authorization,X-Api-Key'",
        "method.response.header.Access-Control-Allow-Methods": "'GET,POST,OPTIONS'",
        "method.response.header.Access-Control-Allow-Origin": "'*'",
    }
    assert set(options.method_responses["200"].headers) == {
        "Access-Control-Allow-Headers", "Access-Control-Allow-Methods", "Access-Control-Allow-Origin"}


# -- the features of the format -----------------------------------------------------------------


def test_short_forms_sub_with_a_variable_map_and_conditions_with_defaults() -> None:
    api = cloudformation.read(DATA / "features.yaml")
    assert api.name == "sample-stack-pets"  # !Sub "${AWS::StackName}-pets"
    assert api.binary_media_types == ["image/png"]
    create = api.find_method("POST", "/pets")
    integration = create.integration
    # !Sub [text, {Host: !Ref BackendHost, Stage: !If [IsProd, live, !Ref Env]}]: BackendHost has
    # no default, so it stays visible; Env defaults to dev, so IsProd is false
    assert integration.uri == "https://${Ref:BackendHost}/v1/dev/pets"
    assert integration.request_parameters == {"integration.request.header.X-Limit": "'10'"}  # !FindInMap
    # ${!limit} writes ${limit}; the form template is !If [IsProd, ..., !Ref AWS::NoValue]: absent
    template = integration.request_templates["application/json"]
    assert template.text == ('{"origin": "https://a.example.com", "limit": ${limit}, '
                             '"name": "$input.path(\'$.name\')"}\n')
    assert where(template) == ("features.yaml", 91)
    assert list(integration.request_templates) == ["application/json"]
    assert [(r.status_code, r.selection_pattern) for r in integration.responses] == [("201", "2\\d{2}"), ("500", None)]
    error = integration.responses[1].response_templates["application/json"]
    assert error.text == '{"message": "upstream failed: $input.path(\'$.message\')"}\n'
    assert where(error) == ("features.yaml", 103)
    assert create.method_responses["201"].headers == {"Location": True}
    assert create.method_responses["500"].models == {"application/json": "Error"}
    # Ref of a Model is its Name; of a validator without Name, its logical ID stands for it
    assert create.request_models == {"application/json": "Pet"}
    assert create.request_validator == "BodyValidator"
    assert create.api_key_required is True  # "true" as a string
    assert api.models["Pet"].schema["required"] == ["name"]
    assert api.request_validators["BodyValidator"].validate_request_body is True
    assert api.gateway_responses["RESOURCE_NOT_FOUND"].status_code == "404"


def test_placeholders_for_what_only_a_deployment_knows() -> None:
    api = cloudformation.read(DATA / "features.yaml")
    get = api.find_method("GET", "/pets/{petId}")
    assert get.integration.uri == ("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                                   "${Fn::GetAtt:GetPetFunction.Arn}/invocations")
    assert api.stages["test"] == {
        "backend": "${Ref:BackendHost}",
        "imported": "${Fn::ImportValue:shared-table-name}",
        "encoded": "cGV0cw==",  # base64 of "pets"
    }
    assert api.stages["smoke"] == {"region": "us-east-1"}  # a Deployment's StageDescription


def test_a_resource_whose_condition_is_false_does_not_exist() -> None:
    api = cloudformation.read(DATA / "features.yaml")
    debug = api.find_method("GET", "/")  # Condition: NotProd, true with the default Env
    assert debug.integration.request_templates["application/json"].text == '{"statusCode": 200,"debug": true}'
    prod = cloudformation.read(DATA / "features.yaml", {"Env": "prod", "BackendHost": "pets.internal"})
    assert prod.find_method("GET", "/") is None


def test_params_set_parameters_and_pseudo_parameters() -> None:
    params = {"Env": "prod", "BackendHost": "pets.internal", "AWS::StackName": "shop"}
    api = cloudformation.read(DATA / "features.yaml", params)
    assert api.name == "shop-pets"
    integration = api.find_method("POST", "/pets").integration
    assert integration.uri == "https://pets.internal/v1/live/pets"
    assert integration.request_parameters == {"integration.request.header.X-Limit": "'100'"}
    assert integration.request_templates["application/x-www-form-urlencoded"].text == "prod form"
    assert api.stages["live"]["backend"] == "pets.internal"


def test_an_inline_body_and_an_included_path_keep_their_lines() -> None:
    api = cloudformation.read(DATA / "body.json")
    assert api.name == "hello" and api.stages == {"v1": {"greeting": "hello world"}}
    hello = api.find_method("GET", "/hello").integration
    response = hello.responses[0].response_templates["application/json"]
    assert response.text == '{"region": "us-east-1", "m": "$input.path(\'$.m\')"}'
    assert where(response) == ("body.json", 23)
    echo = api.find_method("POST", "/echo").integration
    assert echo.uri == "https://echo.amazonaws.com/post"
    # outside Fn::Sub, ${AWS::AccountId} is plain text, as in CloudFormation
    assert echo.request_templates["application/json"].text == (
        '{"echo": $input.json(\'$\'), "account": "${AWS::AccountId}"}\n')
    assert where(echo.request_templates["application/json"]) == ("echo-path.yaml", 12)


# -- errors name the file, the line and what to do ------------------------------------------


def write(tmp_path: Path, text: str, name: str = "t.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


API = """\
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: a
"""


def test_body_in_s3_cannot_be_read(tmp_path: Path) -> None:
    path = write(tmp_path, API + "      BodyS3Location: {Bucket: defs, Key: api.yaml}\n")
    with pytest.raises(DefinitionError, match=r"t.yaml:6: .*s3://defs/api.yaml \(BodyS3Location\)"):
        cloudformation.read(path)


def test_unknown_and_disallowed_params(tmp_path: Path) -> None:
    with pytest.raises(DefinitionError, match="--param Stage: the template has no such parameter"):
        cloudformation.read(DATA / "features.yaml", {"Stage": "x"})
    with pytest.raises(DefinitionError, match=r"features.yaml:7: --param Env=staging: allowed values are dev, prod"):
        cloudformation.read(DATA / "features.yaml", {"Env": "staging"})


def test_a_condition_on_an_unknown_value_asks_for_the_parameter(tmp_path: Path) -> None:
    path = write(tmp_path, """\
Parameters:
  Host: {Type: String}
Conditions:
  Local: !Equals [!Ref Host, localhost]
""" + API + "      Description: !If [Local, local, remote]\n")
    api = cloudformation.read(path)  # Description is not read: nothing asks for the condition
    assert api.name == "a"
    path.write_text(path.read_text().replace("Name: a", "Name: !If [Local, local, remote]"))
    with pytest.raises(DefinitionError, match=r"t.yaml:4: this condition depends on Ref Host.*--param"):
        cloudformation.read(path)


def test_ref_to_nothing_is_located(tmp_path: Path) -> None:
    path = write(tmp_path, API.replace("Name: a", "Name: !Ref Missing"))
    with pytest.raises(DefinitionError, match=r"t.yaml:5: Ref to 'Missing', which is neither"):
        cloudformation.read(path)


def test_a_method_on_an_unknown_resource(tmp_path: Path) -> None:
    path = write(tmp_path, API + """\
  M:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: abc123
      HttpMethod: GET
""")
    with pytest.raises(DefinitionError, match=r"t.yaml:10: cannot tell which resource \"abc123\" is"):
        cloudformation.read(path)


def test_several_apis_are_chosen_by_param(tmp_path: Path) -> None:
    path = write(tmp_path, API + """\
  Other:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: b
""")
    with pytest.raises(DefinitionError, match=r"defines 2 REST APIs \(Api, Other\): choose one with "
                                              r"--param vtl:api=LogicalId"):
        cloudformation.read(path)
    assert cloudformation.read(path, {"vtl:api": "Other"}).name == "b"


def test_recognises_templates_but_not_sam() -> None:
    document = parse_document(API.encode(), Path("t.yaml"))
    assert cloudformation.recognises(Path("t.yaml"), document)
    sam = parse_document(b"Transform: AWS::Serverless-2016-10-31\n" + API.encode(), Path("t.yaml"))
    assert not cloudformation.recognises(Path("t.yaml"), sam)
    assert not cloudformation.recognises(Path("o.yaml"), parse_document(b"openapi: 3.0.1\n", Path("o.yaml")))


# -- the intrinsic functions one by one ------------------------------------------------------


def resolve(value: object, template: dict | None = None, params: dict | None = None) -> object:
    resolver = Resolver(template or {"Resources": {}}, lambda at: None, params or {})  # type: ignore[arg-type,return-value]
    return resolver.resolve(value, ())


@pytest.mark.parametrize(("value", "expected"), [
    ({"Fn::Sub": "${AWS::Region}/${!Literal}/${AWS::Partition}.${AWS::URLSuffix}"},
     "us-east-1/${Literal}/aws.amazonaws.com"),
    ({"Fn::Sub": ["${a}-${b}", {"a": "x", "b": {"Fn::Join": ["+", ["1", "2"]]}}]}, "x-1+2"),
    ({"Fn::Select": ["1", {"Fn::Split": [",", "a,b,c"]}]}, "b"),
    ({"Fn::Join": ["", [{"Ref": "AWS::AccountId"}, ":", {"Fn::Base64": "hi"}]]}, "123456789012:aGk="),
    ({"Fn::Length": [1, 2, 3]}, 3),
    ({"Fn::FindInMap": ["M", "none", "x", {"DefaultValue": "fallback"}]}, "fallback"),
    ([1, {"Ref": "AWS::NoValue"}, 2], [1, 2]),
    ({"a": {"Ref": "AWS::NoValue"}, "b": 1}, {"b": 1}),
    ({"Ref": "AWS::NotificationARNs"}, []),
])
def test_intrinsic_functions(value: object, expected: object) -> None:
    assert resolve(value, {"Resources": {}, "Mappings": {"M": {"k": {"x": "1"}}}}) == expected


def test_to_json_string_as_its_reference_page_shows() -> None:
    # the page's example: if the Ref to ParameterName resolves to resolvedValue, ...
    template = {"Parameters": {"ParameterName": {"Type": "String", "Default": "resolvedValue"}}, "Resources": {}}
    value = {"Fn::ToJsonString": {"key1": "value1", "key2": {"Ref": "ParameterName"}}}
    assert resolve(value, template) == '{"key1":"value1","key2":"resolvedValue"}'


def test_for_each_needs_the_language_extensions_transform(tmp_path: Path) -> None:
    # The Fn::ForEach reference: "you must also use the AWS::LanguageExtensions transform"
    # (its expansion: test_sources_round9.py).
    path = write(tmp_path, API + """\
  Fn::ForEach::Topics:
    - Name
    - [a, b]
    - Topic${Name}: {Type: AWS::SNS::Topic}
""")
    with pytest.raises(DefinitionError, match=r"t.yaml:6: Fn::ForEach::Topics needs Transform: AWS::LanguageExtensions"):
        load_api(path)


def test_list_parameters_are_lists() -> None:
    template = {"Parameters": {"Zones": {"Type": "CommaDelimitedList", "Default": "a, b"}}, "Resources": {}}
    assert resolve({"Ref": "Zones"}, template) == ["a", "b"]
    assert resolve({"Fn::Join": ["|", {"Ref": "Zones"}]}, template, {"Zones": "x,y,z"}) == "x|y|z"


def test_ssm_parameters_are_looked_up_at_deploy_time() -> None:
    template = {"Parameters": {"V": {"Type": "AWS::SSM::Parameter::Value<String>", "Default": "/cdk/version"}},
                "Resources": {}}
    assert resolve({"Ref": "V"}, template) == "${Ref:V}"
    assert resolve({"Ref": "V"}, template, {"V": "6"}) == "6"


def test_the_sample_pseudo_parameters_are_documented() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, value in PSEUDO_PARAMETERS.items():
        if isinstance(value, str):
            assert f"`{name}`" in readme and value in readme, name


def test_parts_of_an_api_defined_elsewhere_are_reported(tmp_path: Path) -> None:
    path = write(tmp_path, API + """\
  Imported:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !ImportValue shared-api-id
      ResourceId: abc123
      HttpMethod: GET
""")
    api = cloudformation.read(path)
    assert api.methods == []
    assert api.warnings == [(f"{path}:9: Imported (AWS::ApiGateway::Method) belongs to a REST API that is "
                             "not defined here (RestApiId is not !Ref or !GetAtt .RestApiId of a RestApi of this "
                             "template); not read")]


# -- the same small API in every format this module family reads -----------------------------


def shape(path: Path) -> list[tuple[object, ...]]:
    """What the pipeline runs of each method (method responses' models and header flags are
    what each format can say, and differ: OpenAPI exports add models, CloudFormation flags)."""
    api = load_api(path)
    return sorted(
        (str(m), m.request_parameters, m.integration.type, m.integration.uri, m.integration.http_method,
         m.integration.passthrough_behavior,
         {k: t.text for k, t in m.integration.request_templates.items()},
         [(r.selection_pattern, r.status_code, r.response_parameters,
           {k: t.text for k, t in r.response_templates.items()}) for r in m.integration.responses],
         sorted(m.method_responses))
        for m in api.methods)


@pytest.mark.parametrize(("name", "format_name"), [
    ("cloudformation/template.yaml", "cloudformation"), ("sam/template.yaml", "sam"), ("cdk.out", "cdk"),
])
def test_load_api_reads_the_small_api_as_the_openapi_export_describes_it(name: str, format_name: str) -> None:
    api = load_api(EXAMPLE / name)
    assert api.format == format_name and api.warnings == []
    assert shape(EXAMPLE / name) == shape(EXAMPLE / "openapi" / "swagger.json")


def test_api_gateway_variables_inside_fn_sub_need_the_escape(tmp_path: Path) -> None:
    path = write(tmp_path, API.replace("Name: a", "Name: !Sub 'https://${stageVariables.host}/x'"))
    with pytest.raises(DefinitionError, match=r"t.yaml:5: .*write \$\{!stageVariables.host\}"):
        cloudformation.read(path)
    path.write_text(API.replace("Name: a", "Name: !Sub 'https://${!stageVariables.host}/x'"))
    assert cloudformation.read(path).name == "https://${stageVariables.host}/x"


def test_a_velocity_formal_reference_inside_fn_sub_needs_the_escape(tmp_path: Path) -> None:
    path = write(tmp_path, API.replace("Name: a", "Name: !Sub '#set($n = 1)${n}'"))
    with pytest.raises(DefinitionError, match=r"t.yaml:5: Fn::Sub: \$\{n\} is neither a parameter nor a "
                                              r"resource; for Velocity's own \$\{n\} write \$\{!n\}"):
        cloudformation.read(path)


def test_a_dotted_velocity_formal_reference_inside_fn_sub_needs_the_escape(tmp_path: Path) -> None:
    # `${inputRoot.name}` in a template written with !Sub: CloudFormation takes it for an
    # attribute of a resource inputRoot; the fix is the same escape as for `${n}`.
    path = write(tmp_path, API.replace("Name: a", "Name: !Sub '#set($inputRoot = {})${inputRoot.name}'"))
    with pytest.raises(DefinitionError, match=r"t.yaml:5: Fn::Sub reads \$\{inputRoot.name\} as an attribute of a "
                                              r"resource inputRoot, which the template does not have; for "
                                              r"Velocity's own \$\{inputRoot.name\} write \$\{!inputRoot.name\}"):
        cloudformation.read(path)


def test_a_top_level_include_adds_its_resources(tmp_path: Path) -> None:
    (tmp_path / "methods.yaml").write_text("""\
Resources:
  Ping:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: {Ref: Api}
      ResourceId: {"Fn::GetAtt": [Api, RootResourceId]}
      HttpMethod: GET
      Integration:
        Type: MOCK
        RequestTemplates:
          application/json: '{"statusCode": 200}'
""")
    path = write(tmp_path, "Transform:\n  Name: AWS::Include\n  Parameters:\n    Location: methods.yaml\n" + API)
    api = cloudformation.read(path)
    template = api.find_method("GET", "/").integration.request_templates["application/json"]
    assert (template.text, where(template)) == ('{"statusCode": 200}', ("methods.yaml", 11))


def test_an_include_location_given_by_a_function_is_named_as_such(tmp_path: Path) -> None:
    # a real template passes the Location as a parameter: "needs Parameters.Location"
    # would deny the Location the user sees on the line
    path = write(tmp_path, "Parameters:\n  Where: {Type: String}\nResources:\n  Api:\n"
                 "    Type: AWS::ApiGateway::RestApi\n    Properties:\n      Body:\n"
                 "        Fn::Transform:\n          Name: AWS::Include\n"
                 "          Parameters: {Location: !Ref Where}\n")
    with pytest.raises(DefinitionError, match=r"t.yaml:8: AWS::Include Location is a Ref, which vtl "
                                              r"does not resolve: write the local file's name there"):
        cloudformation.read(path)


def test_a_method_of_an_api_defined_elsewhere_is_named_when_no_api_is_here(tmp_path: Path) -> None:
    # a nested stack adding a method to its parent's API: "defines no REST API; HTTP APIs
    # are another product" would not say why nothing is read
    path = write(tmp_path, "Parameters:\n  ApiId: {Type: String}\n  Root: {Type: String}\n"
                 "Resources:\n  Get:\n    Type: AWS::ApiGateway::Method\n    Properties:\n"
                 "      RestApiId: !Ref ApiId\n      ResourceId: !Ref Root\n      HttpMethod: GET\n"
                 "      Integration: {Type: MOCK}\n")
    with pytest.raises(DefinitionError, match=r"t.yaml:8: Get \(AWS::ApiGateway::Method\) belongs to a "
                                              r"REST API that is not defined here .*, and no REST API is "
                                              r"defined here: read the template that defines the API$"):
        cloudformation.read(path, {"ApiId": "a1", "Root": "r1"})


def test_almost_a_template_says_what_is_missing() -> None:
    document = parse_document(b"AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  A: {Properties: {}}\n",
                              Path("t.yaml"))
    assert not cloudformation.recognises(Path("t.yaml"), document)
    assert cloudformation.looks_like(Path("t.yaml"), document) == (
        "looks like a CloudFormation template, but resource A (line 3) has no Type")


def test_a_template_without_a_rest_api(tmp_path: Path) -> None:
    path = write(tmp_path, "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n")
    with pytest.raises(DefinitionError, match=r"defines no REST API \(AWS::ApiGateway::RestApi\); HTTP APIs"):
        load_api(path)


def test_cycles_are_errors(tmp_path: Path) -> None:
    path = write(tmp_path, "Conditions:\n  A: !Not [!Condition B]\n  B: !Not [!Condition A]\n"
                 + API.replace("Name: a", "Name: !If [A, x, y]"))
    with pytest.raises(DefinitionError, match=r"t.yaml:\d+: condition 'A' depends on itself"):
        cloudformation.read(path)
    path = write(tmp_path, API + """\
  M:
    Type: AWS::ApiGateway::Model
    Properties:
      RestApiId: !Ref Api
      Name: !Ref M
      Schema: {}
""")
    with pytest.raises(DefinitionError, match=r"refers to itself"):
        cloudformation.read(path)


def test_whole_mappings_chosen_by_conditions_keep_their_lines(tmp_path: Path) -> None:
    path = write(tmp_path, """\
Parameters:
  Verbose: {Type: String, Default: "yes"}
Conditions:
  IsVerbose: !Equals [!Ref Verbose, "yes"]
""" + API + """\
  M:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !GetAtt Api.RootResourceId
      HttpMethod: GET
      Integration:
        Type: MOCK
        RequestTemplates: !If
          - IsVerbose
          - application/json: |
              {"statusCode": 200, "verbose": true}
          - application/json: '{"statusCode": 200}'
        IntegrationResponses: !If
          - IsVerbose
          - - StatusCode: "200"
              ResponseTemplates:
                text/plain: $input.body
          - !Ref AWS::NoValue
      MethodResponses:
        - StatusCode: "200"
""")
    integration = cloudformation.read(path).find_method("GET", "/").integration
    template = integration.request_templates["application/json"]
    assert (template.text, where(template)) == ('{"statusCode": 200, "verbose": true}\n', ("t.yaml", 20))
    response = integration.responses[0].response_templates["text/plain"]
    assert (response.text, where(response)) == ("$input.body", ("t.yaml", 27))
    quiet = cloudformation.read(path, {"Verbose": "no"}).find_method("GET", "/").integration
    assert quiet.request_templates["application/json"].text == '{"statusCode": 200}'
    assert where(quiet.request_templates["application/json"]) == ("t.yaml", 22)
    assert quiet.responses == []


def test_a_method_defined_twice(tmp_path: Path) -> None:
    method = """\
  {name}:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !GetAtt Api.RootResourceId
      HttpMethod: get
"""
    path = write(tmp_path, API + method.format(name="One") + method.format(name="Two"))
    with pytest.raises(DefinitionError, match=r"t.yaml:12: Two: GET / is defined twice in Api"):
        cloudformation.read(path)


@pytest.mark.parametrize(("definition", "params"), [
    (EXAMPLE / "cloudformation" / "template.yaml", {}),
    (EXAMPLE / "sam" / "template.yaml", {}),
    (EXAMPLE / "cdk.out", {}),
    (DATA / "features.yaml", {"Env": "prod"}),
    (DATA / "body.json", {}),
    (DATA.parent / "sam" / "cors.yaml", {}),
    (DATA.parent / "sam" / "implicit.yaml", {"vtl:api": "AdminApi"}),
])
def test_every_template_points_at_the_line_of_its_content_type(definition: Path, params: dict) -> None:
    api = load_api(definition, params)
    templates = [(content_type, template)
                 for method in api.methods if method.integration
                 for integration_part in [method.integration, *method.integration.responses]
                 for content_type, template in (
                     integration_part.request_templates if integration_part is method.integration
                     else integration_part.response_templates).items()]
    assert templates
    for content_type, template in templates:
        line = Path(template.source.file).read_text(encoding="utf-8").splitlines()[template.source.line - 1]
        # what SAM writes for Cors points at the Cors setting instead
        assert content_type in line or "Cors" in line, (content_type, template.source)


WRONG_TYPES = API + """\
  Get:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !GetAtt Api.RootResourceId
      HttpMethod: {method}
      Integration:
        Type: {type}
        IntegrationResponses:
          - StatusCode: {status}
            SelectionPattern: {pattern}
"""
RIGHT = {"method": "GET", "type": "MOCK", "status": "200", "pattern": "x"}


@pytest.mark.parametrize(("field", "value", "message"), [
    ("pattern", "[a]", r"t.yaml:16: Get: Integration.IntegrationResponses\[0\].SelectionPattern "
                       "must be a string, not a list"),
    ("status", "{a: 1}", r"t.yaml:15: Get: Integration.IntegrationResponses\[0\].StatusCode "
                         "must be a string, not a mapping"),
    ("type", "[MOCK]", r"t.yaml:13: Get: Integration.Type must be a string, not a list"),
    ("method", "[GET]", r"t.yaml:11: Get: HttpMethod must be a string, not a list"),
])
def test_a_list_or_mapping_where_text_belongs_names_the_field(
        tmp_path: Path, field: str, value: str, message: str) -> None:
    path = write(tmp_path, WRONG_TYPES.format(**{**RIGHT, field: value}))
    cloudformation.read(write(tmp_path, WRONG_TYPES.format(**RIGHT), "right.yaml"))  # the rest is right
    with pytest.raises(DefinitionError, match=message):
        cloudformation.read(path)


def test_a_misspelt_property_is_reported_not_dropped(tmp_path: Path) -> None:
    # Property names from the CloudFormation reference pages of AWS::ApiGateway::Method and
    # its Integration, IntegrationResponse and MethodResponse.
    path = write(tmp_path, API + """\
  Get:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !GetAtt Api.RootResourceId
      HttpMethod: GET
      AuthorisationType: NONE
      Integration:
        Type: MOCK
        RequestTemplate:
          application/json: '{"statusCode": 200}'
        IntegrationResponses:
          - StatusCode: 200
            ResponseTemplate: {application/json: x}
      MethodResponses:
        - StatusCode: 200
          ResponseParameter: {}
""")
    api = cloudformation.read(path)
    assert api.find_method("GET", "/").integration.request_templates == {}
    assert api.warnings == [
        f"{path}:12: Get: AuthorisationType is not a property of AWS::ApiGateway::Method "
        "(CloudFormation refuses it); ignored; did you mean AuthorizationType?",
        f"{path}:15: Get: Integration.RequestTemplate is not a property of AWS::ApiGateway::Method "
        "Integration (CloudFormation refuses it); ignored; did you mean RequestTemplates?",
        f"{path}:19: Get: Integration.IntegrationResponses[0].ResponseTemplate is not a property of "
        "AWS::ApiGateway::Method IntegrationResponse (CloudFormation refuses it); ignored; "
        "did you mean ResponseTemplates?",
        f"{path}:22: Get: MethodResponses[0].ResponseParameter is not a property of "
        "AWS::ApiGateway::Method MethodResponse (CloudFormation refuses it); ignored; "
        "did you mean ResponseParameters?",
    ]


def test_a_parameter_without_a_value_is_said_once(tmp_path: Path) -> None:
    path = write(tmp_path, """\
Parameters:
  Table:
    Type: String
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: !Sub "api-${Table}"
  Get:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !GetAtt Api.RootResourceId
      HttpMethod: GET
      Integration:
        Type: MOCK
        RequestTemplates:
          application/json: !Sub '{"table": "${Table}"}'
""")
    api = cloudformation.read(path)
    template = api.find_method("GET", "/").integration.request_templates["application/json"]
    assert template.text == '{"table": "${Ref:Table}"}'
    assert api.warnings == [
        f"{path}:2: parameter Table has no Default and no --param Table=VALUE: "
        "it stays ${Ref:Table}"]
    assert cloudformation.read(path, {"Table": "t"}).warnings == []


BODY_WITH_SUB = """\
Resources:
  Alerts:
    Type: AWS::SNS::Topic  # no TopicName: CloudFormation generates one
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Body:
        openapi: 3.0.1
        info: {title: events}
        paths:
          /alerts:
            post:
              x-amazon-apigateway-integration:
                type: aws
                httpMethod: POST
                uri: !Sub arn:aws:apigateway:${AWS::Region}:sns:action/Publish
                requestTemplates:
                  application/json: !Sub |
                    Action=Publish&TopicArn=$util.urlEncode('${Alerts}')&Message=$util.urlEncode($input.body)
                responses:
                  default:
                    statusCode: 200
                    responseTemplates:
                      application/json: !Sub '{"topic": "${Alerts.TopicName}"}'
"""


def test_a_body_template_holding_a_deployed_value_says_so_like_a_method_template(tmp_path: Path) -> None:
    # A template of a Body written with !Sub is as unrunnable as one of a Method resource:
    # rendering it would be a Velocity syntax error at the placeholder, not the real reason.
    api = cloudformation.read(write(tmp_path, BODY_WITH_SUB))
    integration = api.find_method("POST", "/alerts").integration
    request = integration.request_templates["application/json"]
    assert request.unresolved == "${Ref:Alerts}"
    assert "a value only a deployment knows" in (request.why_not_runnable() or "")
    response = integration.responses[0].response_templates["application/json"]
    assert response.unresolved == "${Fn::GetAtt:Alerts.TopicName}"


NAMED = {
    "Resources": {
        "Table": {"Type": "AWS::DynamoDB::Table", "Properties": {"TableName": {"Fn::Sub": "${AWS::StackName}-orders"}}},
        "Queue": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "jobs.fifo", "FifoQueue": True}},
        "Topic": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "alerts"}},
        "Machine": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {"StateMachineName": "checkout"}},
        "Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "uploads"}},
        "Stream": {"Type": "AWS::Kinesis::Stream", "Properties": {"Name": "clicks"}},
        "Bus": {"Type": "AWS::Events::EventBus", "Properties": {"Name": "orders"}},
        "Unnamed": {"Type": "AWS::DynamoDB::Table", "Properties": {}},
    },
}


@pytest.mark.parametrize(("value", "expected"), [
    # the "Return values" of each resource type in the CloudFormation template reference
    ({"Ref": "Table"}, "sample-stack-orders"),
    ({"Fn::GetAtt": ["Table", "Arn"]}, "arn:aws:dynamodb:us-east-1:123456789012:table/sample-stack-orders"),
    ({"Ref": "Queue"}, "https://sqs.us-east-1.amazonaws.com/123456789012/jobs.fifo"),
    ({"Fn::Sub": "${Queue.QueueName}"}, "jobs.fifo"),
    ({"Fn::GetAtt": ["Queue", "Arn"]}, "arn:aws:sqs:us-east-1:123456789012:jobs.fifo"),
    ({"Ref": "Topic"}, "arn:aws:sns:us-east-1:123456789012:alerts"),
    ({"Fn::GetAtt": ["Topic", "TopicName"]}, "alerts"),
    ({"Fn::Sub": '{"stateMachineArn": "${Machine}"}'},
     '{"stateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:checkout"}'),
    ({"Ref": "Bucket"}, "uploads"),
    ({"Fn::GetAtt": ["Bucket", "Arn"]}, "arn:aws:s3:::uploads"),
    ({"Ref": "Stream"}, "clicks"),
    ({"Fn::GetAtt": ["Bus", "Arn"]}, "arn:aws:events:us-east-1:123456789012:event-bus/orders"),
    # a generated name is only known once deployed
    ({"Ref": "Unnamed"}, "${Ref:Unnamed}"),
    ({"Fn::GetAtt": ["Unnamed", "StreamArn"]}, "${Fn::GetAtt:Unnamed.StreamArn}"),
])
def test_a_resource_whose_name_is_written_has_a_known_ref_and_arn(value: object, expected: object) -> None:
    assert resolve(value, NAMED) == expected


def test_a_named_resource_follows_the_region_given() -> None:
    assert resolve({"Ref": "Queue"}, NAMED, {"AWS::Region": "eu-west-1"}) == \
        "https://sqs.eu-west-1.amazonaws.com/123456789012/jobs.fifo"


def test_a_resources_ref_and_attribute_can_be_given_as_params() -> None:
    given = {"Unnamed": "orders-prod", "Unnamed.StreamArn": "arn:aws:dynamodb:stream"}
    assert resolve({"Fn::Sub": "${Unnamed} ${Unnamed.StreamArn}"}, NAMED, given) == "orders-prod arn:aws:dynamodb:stream"


HTTP_API_FIELDS_IN_A_REST_BODY = """\
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Body:
        openapi: 3.0.1
        info: {title: clicks}
        paths:
          /clicks:
            put:
              x-amazon-apigateway-integration:
                type: mock
                payloadFormatVersion: "1.0"
                requestTemplates:
                  application/json: '{"statusCode": 200}'
        x-amazon-apigateway-cors:
          allowOrigins: ["*"]
        x-amazon-apigateway-importexport-version: "1.0"
"""


def test_http_api_fields_in_a_rest_api_body_are_ignored_with_a_warning(tmp_path: Path) -> None:
    # The Body of a RestApi is a REST API whatever fields it carries: importing it ignores
    # the HTTP API ones, so they are reported, not taken for the sign of an HTTP API.
    api = cloudformation.read(write(tmp_path, HTTP_API_FIELDS_IN_A_REST_BODY))
    method = api.find_method("PUT", "/clicks")
    assert method.integration.request_templates["application/json"].text == '{"statusCode": 200}'
    by_line = {w.split(": ", 1)[0].rsplit("/", 1)[-1]: w.split(": ", 1)[1] for w in api.warnings}
    assert sorted(by_line) == ["t.yaml:13", "t.yaml:16", "t.yaml:18"]
    assert "payloadFormatVersion belongs to HTTP APIs" in by_line["t.yaml:13"]
    assert "x-amazon-apigateway-cors configures CORS of HTTP APIs only" in by_line["t.yaml:16"]
    assert "x-amazon-apigateway-importexport-version belongs to HTTP APIs" in by_line["t.yaml:18"]


def test_sam_resources_without_the_sam_transform_are_named(tmp_path: Path) -> None:
    # CloudFormation refuses SAM types without the transform; "defines no REST API" would
    # send the user looking for the wrong thing.
    path = write(tmp_path, "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n"
                           "    Properties: {Handler: a.b, Runtime: python3.12, InlineCode: x}\n"
                           "  Api:\n    Type: AWS::Serverless::Api\n    Properties: {StageName: prod}\n")
    with pytest.raises(DefinitionError, match=r"t.yaml:3: Fn has the SAM resource type AWS::Serverless::Function, "
                                              r"but the template has no `Transform: AWS::Serverless-2016-10-31`"):
        load_api(path)


FOLDED = """\
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: {Name: folded}
  Get:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !GetAtt Api.RootResourceId
      HttpMethod: GET
      AuthorizationType: NONE
      Integration:
        Type: MOCK
        RequestTemplates:
          application/json: >
            ## the status the mock answers
            {"statusCode": 200}
          text/plain: >
            plain words, folded on purpose
"""


def test_a_template_written_as_a_folded_block_is_warned_about(tmp_path: Path) -> None:
    # YAML joins a folded block's lines with spaces: the ## comment swallows the JSON, as
    # CloudFormation deploys it; the text is kept as deployed, and the user is told why.
    api = cloudformation.read(write(tmp_path, FOLDED))
    templates = api.find_method("GET", "/").integration.request_templates
    assert templates["application/json"].text == '## the status the mock answers {"statusCode": 200}\n'
    folded = [w for w in api.warnings if "folded block" in w]
    assert len(folded) == 1  # text/plain has no directive or comment to lose
    assert folded[0].startswith(f"{tmp_path / 't.yaml'}:15: the GET / request application/json template")


def test_a_folded_template_of_an_openapi_file_is_warned_about(tmp_path: Path) -> None:
    path = write(tmp_path, "openapi: 3.0.1\ninfo: {title: t}\npaths:\n  /:\n    get:\n"
                           "      x-amazon-apigateway-integration:\n        type: mock\n"
                           "        requestTemplates:\n          application/json: >-\n"
                           "            #set($x = 1)\n            {\"statusCode\": 200}\n", "api.yaml")
    api = load_api(path)
    assert [w.split(": ", 1)[0].rsplit("/", 1)[-1] for w in api.warnings if "folded block" in w] == ["api.yaml:9"]


def test_a_method_may_name_its_api_and_resource_by_their_id_attributes(tmp_path: Path) -> None:
    # !GetAtt Api.RestApiId is the API's ID as !Ref Api is (and !GetAtt Res.ResourceId the
    # resource's); such a method is the API's own.
    path = write(tmp_path, API + """\
  Health:
    Type: AWS::ApiGateway::Resource
    Properties: {RestApiId: !GetAtt Api.RestApiId, ParentId: !GetAtt Api.RootResourceId, PathPart: health}
  Check:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !GetAtt Api.RestApiId
      ResourceId: !GetAtt Health.ResourceId
      HttpMethod: GET
      AuthorizationType: NONE
      Integration: {Type: MOCK}
  Ping:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !GetAtt Api.RestApiId
      ResourceId: !GetAtt Api.RootResourceId
      HttpMethod: GET
      AuthorizationType: NONE
      Integration: {Type: MOCK, RequestTemplates: {application/json: '{"statusCode": 200}'}}
""")
    api = cloudformation.read(path)
    assert sorted(str(m) for m in api.methods) == ["GET /", "GET /health"]
    assert api.warnings == []


PROXY_WITH_TEMPLATES = """\
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: {Name: proxy}
  Get:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !GetAtt Api.RootResourceId
      HttpMethod: GET
      AuthorizationType: NONE
      Integration:
        Type: AWS_PROXY
        IntegrationHttpMethod: POST
        Uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations
        IntegrationResponses:
          - StatusCode: 200
          - StatusCode: 200
            SelectionPattern: ".*"
            ResponseTemplates:
              application/json: '{"wrapped": $input.json("$")}'
"""


def test_response_templates_of_a_proxy_integration_are_said_never_to_run(tmp_path: Path) -> None:
    # CloudFormation takes them, API Gateway passes a proxy answer through: without a word
    # the user would believe the template shapes the response.
    from vtl.api import load_api

    api = load_api(write(tmp_path, PROXY_WITH_TEMPLATES))
    assert [w.split(": ", 1)[0].rsplit("/", 1)[-1] for w in api.warnings] == ["t.yaml:21"]
    assert ("GET /: the 200 response template (application/json) of an AWS_PROXY integration "
            "never runs") in api.warnings[0]


MAPPED_TEMPLATE = """\
Mappings:
  Templates:
    Orders:
      Request: |
        {
          "id": "$input.params('id')",
          "bad": $input.json('$').foo(
        }
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: a
  Get:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !GetAtt Api.RootResourceId
      HttpMethod: GET
      AuthorizationType: NONE
      Integration:
        Type: MOCK
        RequestTemplates:
          application/json: !FindInMap [Templates, Orders, Request]
"""


def test_a_template_from_mappings_points_at_where_mappings_write_it(tmp_path: Path) -> None:
    api = cloudformation.read(write(tmp_path, MAPPED_TEMPLATE))
    template = api.find_method("GET", "/").integration.request_templates["application/json"]
    assert where(template) == ("t.yaml", 4)  # "Request: |", not the !FindInMap on line 25
    error = api.invoke("GET", "/").template_error  # the "}" after the unclosed call
    assert error is not None and (Path(error.name).name, error.line, error.column) == ("t.yaml", 8, 9)


def test_a_pseudo_parameter_outside_fn_sub_is_named(tmp_path: Path) -> None:
    # Outside Fn::Sub (an included OpenAPI file, a plain string) ${AWS::Region} is text.
    path = write(tmp_path, API + (
        "      Body:\n"
        "        openapi: 3.0.1\n"
        "        info: {title: a, version: '1'}\n"
        "        paths:\n"
        "          /sync:\n"                                                      # line 10
        "            post:\n"
        "              x-amazon-apigateway-integration:\n"                        # line 12
        "                type: aws\n"
        "                httpMethod: POST\n"
        "                uri: arn:aws:apigateway:${AWS::Region}:states:action/StartSyncExecution\n"
        "                requestTemplates:\n"
        "                  application/json: '{\"arn\": \"${AWS::AccountId}\"}'\n"  # line 17
        "                responses: {default: {statusCode: '200'}}\n"
        "  Sub:\n"
        "    Type: AWS::SNS::Topic\n"
        "    Properties:\n"
        "      TopicName: !Sub '${AWS::Region}'\n"))
    api = cloudformation.read(path)
    stays = "which CloudFormation replaces only inside Fn::Sub: it stays as written"
    assert api.warnings == [
        f"{path}:12: POST /sync: the integration uri holds ${{AWS::Region}}, {stays}",
        f"{path}:17: POST /sync: the request template application/json holds "
        f"${{AWS::AccountId}}, {stays}",
    ]


BUILTIN_MODELS_API = """\
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: a
  Validator:
    Type: AWS::ApiGateway::RequestValidator
    Properties:
      RestApiId: !Ref Api
      ValidateRequestBody: true
  Post:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !GetAtt Api.RootResourceId
      HttpMethod: POST
      AuthorizationType: NONE
      RequestValidatorId: !Ref Validator
      RequestModels:
        application/json: Empty
        text/plain: Error
      Integration:
        Type: MOCK
        RequestTemplates:
          application/json: '{"statusCode": 200}'
          text/plain: '{"statusCode": 200}'
        IntegrationResponses:
          - StatusCode: 200
      MethodResponses:
        - StatusCode: 200
"""


@pytest.mark.parametrize(("content_type", "body", "status"), [
    ("application/json", "{}", 200),
    ("application/json", "[1, 2]", 400),  # Empty: "type": "object"
    ("text/plain", '{"message": "m"}', 200),
    ("text/plain", '{"message": 5}', 400),  # Error: message is a string
])
def test_the_models_every_rest_api_has_may_be_named_without_being_defined(
    tmp_path: Path, content_type: str, body: str, status: int
) -> None:
    # Empty and Error exist in every REST API (AWS docs, models-mappings); a method naming
    # them was refused as naming no model of the API.
    api = load_api(write(tmp_path, BUILTIN_MODELS_API))
    invocation = api.invoke("POST", "/", headers={"Content-Type": content_type}, body=body)
    assert invocation.response.status == status


PROXY_WITH_HEADER_MAPPINGS = PROXY_WITH_TEMPLATES.replace(
    "          - StatusCode: 200\n          - StatusCode: 200\n",
    "          - StatusCode: 200\n"
    "            ResponseParameters:\n"
    "              method.response.header.Access-Control-Allow-Origin: \"'*'\"\n"
    "          - StatusCode: 200\n",
)


def test_header_mappings_of_a_proxy_integration_are_said_never_to_apply(tmp_path: Path) -> None:
    # A CORS header mapped on a Lambda proxy integration's response never reaches the
    # client: the backend's answer passes through. It was dropped without a word.
    from vtl.api import load_api

    api = load_api(write(tmp_path, PROXY_WITH_HEADER_MAPPINGS))
    assert [w.split(": ", 1)[0].rsplit("/", 1)[-1] for w in api.warnings] == ["t.yaml:23", "t.yaml:17"]
    assert ("GET /: the 200 response's header mappings "
            "(method.response.header.Access-Control-Allow-Origin) of an AWS_PROXY integration "
            "never apply") in api.warnings[1]
    invocation = api.invoke("GET", "/", backend=lambda event, context: {"statusCode": 200, "body": "b"})
    assert "Access-Control-Allow-Origin" not in invocation.response.headers


def test_a_model_name_the_api_lacks_is_said(tmp_path: Path) -> None:
    # RequestModels/ResponseModels naming "String" (no such model: a blog's template) were
    # taken without a word; Empty, the built-in model, is not warned about.
    text = (BUILTIN_MODELS_API
            .replace("        text/plain: Error\n", "        text/plain: String\n")
            .replace("      MethodResponses:\n        - StatusCode: 200\n",
                     "      MethodResponses:\n        - StatusCode: 200\n"
                     "          ResponseModels:\n            application/json: Missing\n"))
    assert "Missing" in text and "String" in text
    api = load_api(write(tmp_path, text))
    said = [w.split(": ", 2)[2] for w in api.warnings if "not a model of this API" in w]
    assert said == [
        ("the request model (text/plain) 'String' is not a model of this API (nor Empty or Error, "
         "which every REST API has): API Gateway would refuse the method"),
        ("the 200 response model (application/json) 'Missing' is not a model of this API (nor "
         "Empty or Error, which every REST API has): API Gateway would refuse the method"),
    ]


NESTED_ROOT = """\
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: pets
  Pets:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./pets.yaml
      Parameters:
        ApiId: !Ref Api
        RootId: !GetAtt Api.RootResourceId
  Remote:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: https://s3.amazonaws.com/bucket/other.yaml
"""

NESTED_PETS = """\
Parameters:
  ApiId: {Type: String}
  RootId: {Type: String}
Resources:
  R:
    Type: AWS::ApiGateway::Resource
    Properties: {RestApiId: !Ref ApiId, ParentId: !Ref RootId, PathPart: pets}
  M:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref ApiId
      ResourceId: !Ref R
      HttpMethod: GET
      AuthorizationType: NONE
      Integration:
        Type: MOCK
        RequestTemplates: {application/json: '{"statusCode": 200}'}
        IntegrationResponses: [{StatusCode: 200}]
      MethodResponses: [{StatusCode: 200}]
"""


def test_a_nested_stack_of_a_local_template_adds_its_methods_to_the_parents_api(tmp_path: Path) -> None:
    # TemplateURL: ./pets.yaml (what `aws cloudformation package` uploads): its methods
    # were dropped without a word; a remote one cannot be read and is said so.
    (tmp_path / "pets.yaml").write_text(NESTED_PETS)
    api = load_api(write(tmp_path, NESTED_ROOT))
    assert [str(m) for m in api.methods] == ["GET /pets"]
    assert where(api.methods[0].integration.request_templates["application/json"]) == ("pets.yaml", 17)
    assert api.invoke("GET", "/pets").response.status == 200
    assert [w.split(": ", 1)[1] for w in api.warnings] == [
        ("nested stack Remote: its template is not in this definition; its resources (methods "
         "of the API among them) are not read")]


def test_a_template_nesting_itself_is_an_error_not_a_loop(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        "Resources:\n  Again:\n    Type: AWS::CloudFormation::Stack\n"
        "    Properties: {TemplateURL: ./a.yaml}\n")
    with pytest.raises(DefinitionError, match=r"a\.yaml:2: nested stack Again nests a\.yaml, which nests it"):
        load_api(write(tmp_path, NESTED_ROOT.replace("./pets.yaml", "./a.yaml")))


def test_a_resource_policy_is_said_not_to_be_evaluated(tmp_path: Path) -> None:
    path = write(tmp_path, """\
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: a
      Policy:
        Version: '2012-10-17'
        Statement:
          - {Effect: Allow, Principal: {AWS: '123456'}, Action: execute-api:Invoke, Resource: '*'}
""")
    assert load_api(path).warnings == [
        f"{path}:6: Api.Policy (the API's resource policy) is not evaluated: every request runs "
        "as if the policy allowed it"]


def test_a_cognito_method_without_an_authorizer_id_is_warned(tmp_path: Path) -> None:
    # A template whose !If picks COGNITO_USER_POOLS but writes no AuthorizerId: AWS refuses
    # the method ("Invalid authorizer ID specified..."); here it runs unchecked, and says so.
    path = write(tmp_path, """\
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: {Name: a}
  Get:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !GetAtt Api.RootResourceId
      HttpMethod: GET
      AuthorizationType: COGNITO_USER_POOLS
      Integration: {Type: MOCK, RequestTemplates: {application/json: '{"statusCode": 200}'}}
""")
    assert load_api(path).warnings == [
        f"{path}:11: Get: authorization COGNITO_USER_POOLS without AuthorizerId: API Gateway "
        "refuses the method (Invalid authorizer ID specified); it runs here with no identity check"]


# -- parameter mappings API Gateway refuses ----------------------------------------------------


def test_a_mapping_source_that_is_no_mapping_expression_is_warned(tmp_path: Path) -> None:
    # A blog's GatewayResponse wrote `gatewayresponse.header.Access-Control-Allow-Origin:
    # "https:example.com"` (no single quotes): API Gateway refuses it ("Invalid mapping
    # expression specified"); the header was silently not sent. The same slip in an
    # integration's request or response mappings is said too; quoted values, context,
    # stage variables and the side's own sources are not.
    path = tmp_path / "template.yaml"
    path.write_text("""\
Parameters:
  Origin: {Type: String}
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: {Name: a}
  Denied:
    Type: AWS::ApiGateway::GatewayResponse
    Properties:
      RestApiId: !Ref Api
      ResponseType: INVALID_API_KEY
      ResponseParameters:
        gatewayresponse.header.Access-Control-Allow-Origin: "https:example.com"
        gatewayresponse.header.Access-Control-Allow-Headers: "'X-Api-Key'"
        gatewayresponse.header.X-Key: method.request.header.x-api-key
        gatewayresponse.header.X-Stage: stageVariables.name
        gatewayresponse.header.X-Origin: !Ref Origin
  Get:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !GetAtt Api.RootResourceId
      HttpMethod: GET
      AuthorizationType: NONE
      RequestParameters: {method.request.header.x-id: false}
      Integration:
        Type: HTTP
        IntegrationHttpMethod: GET
        Uri: https://example.com/
        RequestParameters:
          integration.request.header.x-id: method.request.header.x-id
          integration.request.header.x-req: context.requestId
          integration.request.header.x-app: myapp
        IntegrationResponses:
          - StatusCode: 200
            ResponseParameters:
              method.response.header.X-Origin: "*"
              method.response.header.X-Etag: integration.response.header.ETag
      MethodResponses:
        - StatusCode: 200
          ResponseParameters:
            method.response.header.X-Origin: true
            method.response.header.X-Etag: true
""")
    api = load_api(path)
    assert api.gateway_responses["INVALID_API_KEY"].response_parameters[
        "gatewayresponse.header.X-Origin"].startswith("${")  # Origin has no value here
    said = [w for w in api.warnings if "is not a mapping expression" in w]
    tail = ("is not a mapping expression (a static value is written in single quotes: "
            "'text'): API Gateway would refuse it (Invalid mapping expression specified)")
    assert said == [
        f'{path}:26: GET /: integration.request.header.x-app = "myapp" {tail}',
        f'{path}:35: GET /: the 200 response\'s method.response.header.X-Origin = "*" {tail}',
        f"{path}:7: gateway response INVALID_API_KEY: "
        f'gatewayresponse.header.Access-Control-Allow-Origin = "https:example.com" {tail}',
    ]


def test_an_api_part_without_rest_api_id_is_said_to_be_refused(tmp_path: Path) -> None:
    # A deployment guide's serverless.yml adds a DEFAULT_4XX GatewayResponse under
    # resources without RestApiId: CloudFormation requires it. The warning said "RestApiId
    # is not !Ref or !GetAtt .RestApiId" as if one were written.
    path = tmp_path / "template.yaml"
    path.write_text("""\
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: {Name: a}
  Cors4xx:
    Type: AWS::ApiGateway::GatewayResponse
    Properties:
      ResponseType: DEFAULT_4XX
      ResponseParameters:
        gatewayresponse.header.Access-Control-Allow-Origin: "'*'"
""")
    api = load_api(path)
    assert api.gateway_responses == {}
    assert f"{path}:5: Cors4xx (AWS::ApiGateway::GatewayResponse) has no RestApiId, which " \
           "CloudFormation requires (it refuses the template): write RestApiId: !Ref Api; " \
           "not read" in api.warnings


def test_an_include_location_given_by_a_parameter_is_its_value(tmp_path: Path) -> None:
    # The AWS::Include docs' example takes `Location: !Ref InputValue`; a SAM template of a
    # public repo passes its OpenAPI file so. The parameter's Default names the file, and
    # --param names another; an S3 one is said with the --param to give instead.
    (tmp_path / "api.yaml").write_text(
        "openapi: 3.0.1\ninfo: {title: included, version: '1'}\npaths:\n  /a:\n    get:\n"
        "      x-amazon-apigateway-integration:\n        type: mock\n"
        "        requestTemplates: {application/json: '{\"statusCode\": 200}'}\n")
    (tmp_path / "other.yaml").write_text(
        (tmp_path / "api.yaml").read_text().replace("/a:", "/b:"))
    path = write(tmp_path, "Parameters:\n  Spec: {Type: String, Default: api.yaml}\n"
                 "Resources:\n  Api:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n"
                 "      Body:\n        Fn::Transform:\n          Name: AWS::Include\n"
                 "          Parameters: {Location: !Ref Spec}\n")
    assert [str(m) for m in cloudformation.read(path).methods] == ["GET /a"]
    assert [str(m) for m in cloudformation.read(path, {"Spec": "other.yaml"}).methods] == ["GET /b"]
    with pytest.raises(DefinitionError) as raised:
        cloudformation.read(path, {"Spec": "s3://bucket/api.yaml"})
    assert str(raised.value) == (f"{path}:8: AWS::Include of s3://bucket/api.yaml: vtl reads only "
                                 "local files; download it and give its path with --param Spec=FILE")


def test_a_streamed_integration_is_said_not_to_be_modelled(tmp_path: Path) -> None:
    # ResponseTransferMode: STREAM (CDK's response streaming, a synthesized integ snapshot)
    # was read silently and run as a buffered response; serverless.yml's transferMode said so.
    from vtl.api.sources import load_api

    path = tmp_path / "template.yaml"
    path.write_text(
        "Resources:\n  Api:\n    Type: AWS::ApiGateway::RestApi\n    Properties: {Name: a}\n"
        "  Post:\n    Type: AWS::ApiGateway::Method\n    Properties:\n"
        "      RestApiId: !Ref Api\n      ResourceId: !GetAtt Api.RootResourceId\n"
        "      HttpMethod: POST\n      AuthorizationType: NONE\n      Integration:\n"
        "        Type: AWS_PROXY\n        IntegrationHttpMethod: POST\n"
        "        ResponseTransferMode: STREAM\n"
        "        Uri: arn:aws:apigateway:us-east-1:lambda:path/2021-11-15/functions/"
        "arn:aws:lambda:us-east-1:1:function:f/response-streaming-invocations\n")
    api = load_api(path)
    assert api.methods[0].integration is not None
    assert api.methods[0].integration.response_transfer_mode == "STREAM"
    assert [w for w in api.warnings if "STREAM" in w] == [
        f"{path}:12: POST /: response transfer mode STREAM (response streaming) is not modelled: "
        "vtl invoke takes the backend's answer as one buffered response (--lambda-result is the "
        "proxy result {statusCode, headers, body})"]
    path.write_text(path.read_text().replace("STREAM", "TRICKLE"))
    with pytest.raises(DefinitionError, match=r"responseTransferMode 'TRICKLE' is not one of "
                                              r"BUFFERED, STREAM"):
        load_api(path)


def test_a_stage_name_api_gateway_refuses_is_warned_at_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, API + (
        "  Stage:\n"
        "    Type: AWS::ApiGateway::Stage\n"
        "    Properties:\n"
        "      RestApiId: !Ref Api\n"
        "      DeploymentId: d\n"
        "      StageName: v1.0\n"))
    api = cloudformation.read(path)
    assert [w.replace(f"{tmp_path}/", "") for w in api.warnings if "stage name" in w] == [
        "t.yaml:11: Stage: the stage name 'v1.0' is refused by API Gateway: a REST API's stage "
        "names hold only letters, digits, '-' and '_' (at most 128); this tool runs it as written"]

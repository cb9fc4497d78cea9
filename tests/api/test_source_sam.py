"""SAM templates read through AWS's SAM translator: what SAM generates (Cors, Auth, implicit
APIs) is in the model, and every template still points into the user's own file.

Expected texts are the fixtures' own; expected lines are where the fixture files hold them.
"""

import logging
import sys
from pathlib import Path

import pytest

from vtl.api.sources import sam
from vtl.api.sources.document import DefinitionError, parse_document

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "api"
DATA = Path(__file__).resolve().parent / "data" / "sam"


def vm(name: str) -> str:
    return (EXAMPLE / "templates" / f"{name}.vm").read_text(encoding="utf-8")


def where(template: object) -> tuple[str, int | None]:
    source = template.source  # type: ignore[attr-defined]
    return Path(source.file).name, source.line


def test_the_small_api_in_sam_with_an_included_definition() -> None:
    api = sam.read(EXAMPLE / "sam" / "template.yaml")
    assert api.format == "sam" and api.name == "orders-api"
    assert sorted(str(m) for m in api.methods) == ["GET /orders/{id}", "OPTIONS /orders", "POST /orders"]
    # `prod` is the StageName; SAM also creates its `Stage` stage when OpenApiVersion is unset
    assert api.stages["prod"] == {"table": "orders"}

    create = api.find_method("POST", "/orders").integration
    assert create.uri == ("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                          "arn:aws:lambda:us-east-1:123456789012:function:create-order/invocations")
    # the definition is included with AWS::Include: its templates point into that file
    assert create.request_templates["application/json"].text == vm("create-order-request")
    assert where(create.request_templates["application/json"]) == ("orders-api.yaml", 25)
    invalid = next(r for r in create.responses if r.selection_pattern == ".*Invalid.*")
    assert invalid.status_code == "400"
    assert invalid.response_templates["application/json"].text == vm("create-order-error")
    assert where(invalid.response_templates["application/json"]) == ("orders-api.yaml", 39)

    get = api.find_method("GET", "/orders/{id}").integration
    assert get.uri == "arn:aws:apigateway:us-east-1:dynamodb:action/GetItem"
    assert get.request_templates["application/json"].text == vm("get-order-request")
    assert where(get.request_templates["application/json"]) == ("orders-api.yaml", 83)
    response = get.responses[0].response_templates["application/json"]
    assert response.text == vm("get-order-response")
    assert where(response) == ("orders-api.yaml", 92)

    options = api.find_method("OPTIONS", "/orders").integration
    assert options.type == "MOCK"
    assert options.request_templates["application/json"].text == '{"statusCode": 200}'
    assert options.responses[0].response_parameters["method.response.header.Access-Control-Allow-Methods"] \
        == "'GET,POST,OPTIONS'"


def test_cors_and_auth_are_what_sam_generates() -> None:
    api = sam.read(DATA / "cors.yaml")
    assert api.stages["dev"] == {"stage": "dev"}
    put = api.find_method("PUT", "/carts/{cartId}")
    assert put.api_key_required is True  # Auth: ApiKeyRequired
    template = put.integration.request_templates["application/json"]
    # the state machine's ARN exists only once deployed: a visible placeholder
    assert template.text == (
        "#set($body = $util.escapeJavaScript($input.body))\n"
        '{"input": "$body", "name": "$input.params(\'cartId\')", "stateMachineArn": "${Ref:CartMachine}"}\n')
    assert where(template) == ("cors.yaml", 45)
    # Cors: SAM adds a MOCK OPTIONS method answering with the headers written in Cors
    options = api.find_method("OPTIONS", "/carts/{cartId}")
    assert options.integration.type == "MOCK"
    parameters = options.integration.responses[0].response_parameters
    assert parameters["method.response.header.Access-Control-Allow-Methods"] == "'GET,PUT'"
    assert parameters["method.response.header.Access-Control-Allow-Origin"] == "'https://shop.example.com'"
    assert parameters["method.response.header.Access-Control-Max-Age"] == "'600'"
    # SAM wrote its template, not the user: it points at the Cors setting that asked for it
    assert where(options.integration.request_templates["application/json"]) == ("cors.yaml", 18)


def test_params_reach_sam_and_the_template() -> None:
    api = sam.read(DATA / "cors.yaml", {"StageName": "beta"})
    assert api.stages["beta"] == {"stage": "beta"}


def test_implicit_api_from_function_events() -> None:
    api = sam.read(DATA / "implicit.yaml", {"vtl:api": "ServerlessRestApi"})
    # Globals.Api.Cors applies to the implicit API too: SAM adds OPTIONS to every path
    assert sorted(str(m) for m in api.methods) == [
        "ANY /items/{proxy+}", "GET /items", "OPTIONS /items", "OPTIONS /items/{proxy+}"]
    preflight = api.find_method("OPTIONS", "/items")
    assert preflight.integration.responses[0].response_parameters[
        "method.response.header.Access-Control-Allow-Origin"] == "'https://admin.example.com'"
    assert where(preflight) == ("implicit.yaml", 8)  # the Globals' Cors
    assert where(api) == ("implicit.yaml", 19)  # the first event asking for the implicit API
    listing = api.find_method("GET", "/items")
    assert listing.integration.type == "AWS_PROXY"
    assert listing.integration.uri == ("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                                       "${Fn::GetAtt:ListItems.Arn}/invocations")
    assert where(listing) == ("implicit.yaml", 19)  # the function's event
    assert where(api.find_method("ANY", "/items/{proxy+}")) == ("implicit.yaml", 24)
    assert "Prod" in api.stages  # the implicit API's stage


def test_definition_uri_is_a_local_file() -> None:
    api = sam.read(DATA / "implicit.yaml", {"vtl:api": "AdminApi"})
    assert api.name == "admin"
    health = api.find_method("GET", "/health").integration
    assert health.request_templates["application/json"].text == '{"statusCode": 200}'
    assert where(health.request_templates["application/json"]) == ("admin-api.json", 11)
    response = health.responses[0].response_templates["application/json"]
    assert response.text == '{"healthy": true, "at": "$context.requestTimeEpoch"}'
    assert where(response) == ("admin-api.json", 17)


def test_two_apis_need_a_choice() -> None:
    with pytest.raises(DefinitionError, match=r"defines 2 REST APIs \(AdminApi, ServerlessRestApi\)"):
        sam.read(DATA / "implicit.yaml")


def test_sam_errors_are_reported_with_the_resource(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n"
                    "    Type: AWS::Serverless::Api\n    Properties:\n      StageName: prod\n      Cors: 7\n")
    with pytest.raises(DefinitionError, match=r"t.yaml:3: SAM cannot translate this template: .*Cors"):
        sam.read(path)


def test_without_the_translator_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "samtranslator.translator.translator", None)
    with pytest.raises(DefinitionError, match=r"needs AWS's SAM translator: pip install 'apigw-vtl\[sam\]'"):
        sam.read(DATA / "cors.yaml")


def test_recognises_the_transform() -> None:
    document = parse_document(b"Transform: [AWS::Serverless-2016-10-31]\nResources: {}\n", Path("t.yaml"))
    assert sam.recognises(Path("t.yaml"), document)
    plain = parse_document(b"Resources: {A: {Type: AWS::SNS::Topic}}\n", Path("t.yaml"))
    assert not sam.recognises(Path("t.yaml"), plain)


@pytest.mark.parametrize(("definition", "message"), [
    ("      DefinitionUri: s3://defs/api.yaml\n",
     r"t.yaml:5: the OpenAPI definition of Api is in s3://defs/api.yaml \(BodyS3Location\), which "
     r"vtl cannot read: download it and run vtl on that file"),
    ("      DefinitionUri: missing.yaml\n", r"t.yaml:7: Api: DefinitionUri names no file \(.*missing.yaml\)"),
    (("      DefinitionBody:\n        Fn::Transform:\n          Name: AWS::Include\n"
      "          Parameters: {Location: 's3://defs/api.yaml'}\n"),
     r"t.yaml:8: AWS::Include of s3://defs/api.yaml: vtl reads only local files"),
])
def test_definitions_that_cannot_be_read_say_why(tmp_path: Path, definition: str, message: str) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n"
                    "    Type: AWS::Serverless::Api\n    Properties:\n      StageName: prod\n" + definition)
    with pytest.raises(DefinitionError, match=message):
        sam.read(path)


def test_an_api_in_s3_does_not_stop_another_api_of_the_template_from_being_read(
        tmp_path: Path) -> None:
    # SAM's own test template: an implicit API and an ExplicitApi whose DefinitionUri is in
    # S3; choosing the implicit one was refused for the other's definition.
    path = tmp_path / "t.yaml"
    path.write_text("Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n"
                    "    Type: AWS::Serverless::Function\n    Properties:\n"
                    "      CodeUri: s3://b/k.zip\n      Handler: index.h\n      Runtime: nodejs20.x\n"
                    "      Events:\n        Get: {Type: Api, Properties: {Path: /, Method: get}}\n"
                    "  ExplicitApi:\n    Type: AWS::Serverless::Api\n    Properties:\n"
                    "      StageName: Prod\n      DefinitionUri: s3://defs/api.yaml\n")
    api = sam.read(path, {"vtl:api": "ServerlessRestApi"})
    assert [str(m) for m in api.methods] == ["GET /"]


def test_the_translator_says_nothing(caplog: pytest.LogCaptureFixture) -> None:
    # its notes on feature toggles (which only a deployment configures) would reach the
    # stderr of a CLI user
    caplog.set_level(logging.DEBUG)
    sam.read(DATA / "cors.yaml")
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


LOCAL_CODE = """\
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.12
    CodeUri: shared/
Resources:
  Deps:
    Type: AWS::Serverless::LayerVersion
    Properties:
      ContentUri: layers/deps
  Quotes:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: quotes
      CodeUri: functions/quotes/
      Handler: app.handler
      Layers: [!Ref Deps]
      Events:
        Get:
          Type: Api
          Properties: {Path: /quotes, Method: get}
  Prices:
    Type: AWS::Serverless::Function
    Properties:
      Handler: prices.handler
      Events:
        Get:
          Type: Api
          Properties: {Path: /prices, Method: get}
"""


def test_local_code_paths_are_read_as_sam_validate_reads_them(tmp_path: Path) -> None:
    # A template before `sam build` names its code by local folder; the translator accepts
    # only S3 locations, so vtl stands one in (the code is never read) instead of failing.
    path = tmp_path / "template.yaml"
    path.write_text(LOCAL_CODE)
    api = sam.read(path)
    assert sorted(str(m) for m in api.methods) == ["GET /prices", "GET /quotes"]
    quotes = api.find_method("GET", "/quotes")
    assert quotes.integration.uri == ("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                                      "arn:aws:lambda:us-east-1:123456789012:function:quotes/invocations")
    assert (Path(quotes.source.file).name, quotes.source.line) == ("template.yaml", 19)


CORS_AND_A_CONDITIONAL_PATH = """\
Transform: AWS::Serverless-2016-10-31
Parameters:
  Beta: {Type: String, Default: "no"}
Conditions:
  IsBeta: !Equals [!Ref Beta, "yes"]
Globals:
  Api:
    Cors: "'https://shop.example.com'"
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody:
        swagger: "2.0"
        info: {title: shop}
        paths:
          /basket:
            Fn::If:
              - IsBeta
              - get:
                  x-amazon-apigateway-integration: {type: mock, requestTemplates: {application/json: '{"statusCode": 201}'}}
              - get:
                  x-amazon-apigateway-integration: {type: mock, requestTemplates: {application/json: '{"statusCode": 200}'}}
"""


def test_what_sam_adds_inside_a_conditional_path_points_at_what_asked_for_it(tmp_path: Path) -> None:
    # SAM puts the Cors OPTIONS method inside each branch of the path's Fn::If: it is
    # located at the Cors setting, and the user's own GET at the branch chosen.
    path = tmp_path / "template.yaml"
    path.write_text(CORS_AND_A_CONDITIONAL_PATH)
    api = sam.read(path)
    get = api.find_method("GET", "/basket")
    assert get.integration.request_templates["application/json"].text == '{"statusCode": 200}'
    assert (get.source.line, get.integration.request_templates["application/json"].source.line) == (23, 24)
    options = api.find_method("OPTIONS", "/basket")
    assert options.source.line == 8
    assert options.integration.request_templates["application/json"].source.line == 8


UNDEFINED_CONDITION = """\
Transform: AWS::Serverless-2016-10-31
Conditions:
  Live: !Equals [a, a]
Resources:
  Quotes:
    Type: AWS::Serverless::Function
    Condition: Live
    Properties:
      Handler: app.handler
      Runtime: python3.12
      InlineCode: x
      Events:
        Get: {Type: Api, Properties: {Path: /quotes, Method: get}}
  Prices:
    Type: AWS::Serverless::Function
    Condition: Beta
    Properties:
      Handler: app.handler
      Runtime: python3.12
      InlineCode: x
      Events:
        Get: {Type: Api, Properties: {Path: /prices, Method: get}}
"""


def test_a_missing_condition_points_at_the_resource_naming_it(tmp_path: Path) -> None:
    # SAM folds the functions' conditions into one of its own for the implicit API; the
    # error belongs where the user wrote the missing name, not at the Conditions section.
    path = tmp_path / "template.yaml"
    path.write_text(UNDEFINED_CONDITION)
    with pytest.raises(DefinitionError, match=r"template.yaml:16: condition 'Beta' is not in Conditions"):
        sam.read(path)


def test_a_container_function_before_sam_build_is_read(tmp_path: Path) -> None:
    # `sam init`'s container shape: PackageType Image, the image built from Metadata by
    # `sam build`, no ImageUri yet.
    path = tmp_path / "template.yaml"
    path.write_text("Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n"
                    "    Type: AWS::Serverless::Function\n    Properties:\n      PackageType: Image\n"
                    "      Events:\n        Get: {Type: Api, Properties: {Path: /x, Method: get}}\n"
                    "    Metadata: {Dockerfile: Dockerfile, DockerContext: ./app}\n")
    api = sam.read(path)
    assert [str(m) for m in api.methods] == ["GET /x"]


@pytest.mark.parametrize("head", ["Globals: [1]\n", "Globals: {Function: 3}\n", "Globals: {Function: {CodeUri: 7}}\n"])
def test_malformed_globals_are_the_translators_to_report(tmp_path: Path, head: str) -> None:
    # Looking for local code paths must not trip over what SAM itself refuses, clearly.
    path = tmp_path / "t.yaml"
    path.write_text("Transform: AWS::Serverless-2016-10-31\n" + head + "Resources:\n  Fn:\n"
                    "    Type: AWS::Serverless::Function\n    Properties: {Handler: a.b, Runtime: python3.12}\n")
    with pytest.raises(DefinitionError, match=r"SAM cannot translate this template"):
        sam.read(path)


PLAIN_REST_API = """\
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: {Handler: a.b, Runtime: python3.12, InlineCode: x}
  Plain:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Body:
        swagger: "2.0"
        info: {title: plain}
        paths:
          /items:
            get:
              x-amazon-apigateway-integration:
                type: mock
                requestTemplates:
                  application/json: '{"statusCode": 200}'
          /items/{id}:
            parameters:
              - id: {in: path, name: id}
            get:
              x-amazon-apigateway-integration: {type: mock}
"""


def test_a_plain_rest_api_body_in_a_sam_template_is_located_where_written(tmp_path: Path) -> None:
    # SAM leaves an AWS::ApiGateway::RestApi's Body as written: its values are the user's
    # own lines, not the resource's
    path = tmp_path / "t.yaml"
    path.write_text(PLAIN_REST_API.replace("- id: {in: path, name: id}", "- {in: path, name: id}"))
    good = sam.read(path)
    template = good.find_method("GET", "/items").integration.request_templates["application/json"]
    assert where(template) == ("t.yaml", 18)
    path.write_text(PLAIN_REST_API)
    with pytest.raises(DefinitionError, match=r"t.yaml:21: paths./items/\{id\}.parameters.0 has no .name."):
        sam.read(path)


def test_a_gateway_response_sam_generates_is_located_at_its_entry(tmp_path: Path) -> None:
    # SAM turns GatewayResponses into the body's x-amazon-apigateway-gateway-responses
    path = tmp_path / "t.yaml"
    path.write_text("Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n"
                    "    Type: AWS::Serverless::Api\n    Properties:\n      StageName: prod\n"
                    "      GatewayResponses:\n        DEFAULT_4XX:\n          StatusCode: 400\n"
                    "        UNAUTHORIZED:\n          StatusCode: 401\n          ResponseParameters:\n"
                    "            Headers: {WWW-Authenticate: \"'Bearer'\"}\n")
    responses = sam.read(path).gateway_responses
    assert responses["UNAUTHORIZED"].response_parameters == {"gatewayresponse.header.WWW-Authenticate": "'Bearer'"}
    assert where(responses["UNAUTHORIZED"]) == ("t.yaml", 10)
    assert where(responses["DEFAULT_4XX"]) == ("t.yaml", 8)


def test_an_application_of_a_local_template_adds_its_methods_to_the_api(tmp_path: Path) -> None:
    # AWS::Serverless::Application with Location: ./pets.yaml (before `sam package`) is a
    # nested stack: the methods it adds to the template's API were dropped without a word.
    (tmp_path / "pets.yaml").write_text(
        "Parameters:\n  ApiId: {Type: String}\n  RootId: {Type: String}\nResources:\n"
        "  R:\n    Type: AWS::ApiGateway::Resource\n"
        "    Properties: {RestApiId: !Ref ApiId, ParentId: !Ref RootId, PathPart: pets}\n"
        "  M:\n    Type: AWS::ApiGateway::Method\n    Properties:\n"
        "      RestApiId: !Ref ApiId\n      ResourceId: !Ref R\n      HttpMethod: GET\n"
        "      AuthorizationType: NONE\n      Integration:\n        Type: MOCK\n"
        "        RequestTemplates: {application/json: '{\"statusCode\": 200}'}\n")
    (tmp_path / "t.yaml").write_text(
        "Transform: AWS::Serverless-2016-10-31\nResources:\n"
        "  Api:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n      Name: pets\n"
        "  Pets:\n    Type: AWS::Serverless::Application\n    Properties:\n"
        "      Location: ./pets.yaml\n      Parameters:\n        ApiId: !Ref Api\n"
        "        RootId: !GetAtt Api.RootResourceId\n")
    api = sam.read(tmp_path / "t.yaml")
    assert [str(m) for m in api.methods] == ["GET /pets"]
    template = api.methods[0].integration.request_templates["application/json"]
    assert (Path(template.source.file).name, template.source.line) == ("pets.yaml", 17)


def test_a_resource_policy_from_auth_is_located_at_auth(tmp_path: Path) -> None:
    # A blog's private API writes Auth.ResourcePolicy.CustomStatements beside a DefinitionBody:
    # the "not evaluated" warning pointed at the DefinitionBody SAM put the policy in.
    path = tmp_path / "template.yaml"
    path.write_text("""\
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth:
        ResourcePolicy:
          CustomStatements:
            - {Effect: Allow, Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*/*/*"}
      DefinitionBody:
        openapi: 3.0.1
        paths:
          /a:
            get:
              x-amazon-apigateway-integration:
                type: mock
                requestTemplates: {application/json: '{"statusCode": 200}'}
""")
    api = sam.read(path)
    assert [w for w in api.warnings if "resource policy" in w] == [
        f"{path}:8: x-amazon-apigateway-policy (the API's resource policy) is not evaluated: "
        "every request runs as if the policy allowed it"]


def test_resources_written_under_globals_are_named_at_their_line(tmp_path: Path) -> None:
    # A blog's template wrote its API and function under Globals (no Resources section):
    # the translator said only "'Resources' section is required", with no line.
    path = tmp_path / "template.yaml"
    path.write_text(
        "Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Api:\n    OpenApiVersion: 3.0.3\n"
        "  Shop:\n    Type: AWS::Serverless::Api\n    Properties:\n      StageName: Prod\n")
    with pytest.raises(DefinitionError, match=(
            r"template\.yaml:5: the template has no Resources section \(SAM and CloudFormation "
            r"require one\): the resources Shop \(line 5\) are written under Globals; put them "
            r"under a top-level Resources section")):
        sam.read(path)


@pytest.mark.parametrize("where_written", ["api", "globals"])
def test_a_cors_max_age_written_as_a_number_is_said_at_its_line(
        tmp_path: Path, where_written: str) -> None:
    # a guide's `MaxAge: 86400`: SAM copies the number into the OPTIONS method's
    # Access-Control-Max-Age mapping; the error named only that generated OpenAPI path
    cors = "      Cors:\n        AllowOrigin: \"'*'\"\n        MaxAge: 600\n"
    head = "Transform: AWS::Serverless-2016-10-31\n"
    if where_written == "globals":
        head += "Globals:\n  Api:\n" + cors.replace("      ", "    ", 1).replace("        ", "      ")
    text = (head + "Resources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n"
            "      StageName: prod\n" + (cors if where_written == "api" else "")
            + "  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n"
            "      CodeUri: s3://b/k.zip\n      Handler: index.h\n      Runtime: nodejs20.x\n"
            "      Events:\n        Get: {Type: Api, Properties: {Path: /, Method: get, RestApiId: !Ref Api}}\n")
    path = tmp_path / "t.yaml"
    path.write_text(text)
    line = text.splitlines().index(next(x for x in text.splitlines() if "MaxAge" in x)) + 1
    with pytest.raises(DefinitionError, match=(
            rf"t.yaml:{line}: Cors.MaxAge is the number 600: SAM writes it unquoted .* write "
            r"MaxAge: \"'600'\"")):
        sam.read(path)
    path.write_text(text.replace("MaxAge: 600", "MaxAge: \"'600'\""))
    options = sam.read(path).find_method("OPTIONS", "/").integration
    assert options.responses[0].response_parameters[
        "method.response.header.Access-Control-Max-Age"] == "'600'"

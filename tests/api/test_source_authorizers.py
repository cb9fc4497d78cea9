"""Authorizers read from each definition format, and the 401 they give without their identity
sources. The files in data/authorizers/ were written for these tests; every expected value
(lines included) is read off them by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from vtl.api import Authorizer, Source, load_api
from vtl.api.sources.document import DefinitionError

DATA = Path(__file__).parent / "data" / "authorizers"


def at(name: str, line: int) -> Source:
    return Source(str(DATA / name), line)


def protected(api) -> dict[str, tuple[str, str | None]]:
    return {str(m): (m.authorization_type, m.authorizer) for m in api.methods if m.authorization_type != "NONE"}


def status(api, method: str, path: str, **headers: str) -> int:
    return api.invoke(method, path, headers=headers).response.status


# --- OpenAPI ------------------------------------------------------------------------------


def test_openapi_security_schemes_become_authorizers() -> None:
    api = load_api(DATA / "openapi.yaml")
    assert api.authorizers == {
        # a token scheme's header is the scheme's own `name` (in: header)
        "jwt": Authorizer("jwt", "TOKEN", "method.request.header.X-Token", "Bearer [A-Za-z0-9.]+", 60,
                          at("openapi.yaml", 53)),
        "tenant": Authorizer("tenant", "REQUEST", "method.request.header.X-Tenant, method.request.querystring.app",
                             None, 0, at("openapi.yaml", 63)),
        "pool": Authorizer("pool", "COGNITO_USER_POOLS", "method.request.header.Authorization", None, 300,
                           at("openapi.yaml", 73)),
    }
    assert protected(api) == {
        "GET /orders": ("CUSTOM", "jwt"),
        "POST /orders": ("CUSTOM", "tenant"),
        "GET /me": ("COGNITO_USER_POOLS", "pool"),
    }
    assert status(api, "GET", "/orders") == 401
    assert status(api, "GET", "/orders", **{"X-Token": "Bearer a.b"}) == 200
    assert status(api, "GET", "/orders", **{"X-Token": "a.b"}) == 401
    assert status(api, "POST", "/orders", **{"X-Tenant": "t"}) == 401
    assert status(api, "POST", "/orders?app=web", **{"X-Tenant": "t"}) == 200
    assert status(api, "GET", "/me") == 401
    assert status(api, "GET", "/open") == 200


def test_swagger_document_level_security_and_request_sources() -> None:
    api = load_api(DATA / "swagger.json")
    assert api.authorizers["tenant"].identity_sources == [
        "method.request.header.Auth", "stageVariables.realm", "context.identity.sourceIp"]
    assert api.authorizers["tenant"].source == at("swagger.json", 20)
    assert protected(api) == {"GET /orders": ("CUSTOM", "tenant")}
    assert status(api, "GET", "/orders", Auth="a") == 401  # no stage variable realm
    assert api.invoke("GET", "/orders", headers={"Auth": "a"}, stage_variables={"realm": "eu"}).response.status == 200


@pytest.mark.parametrize(("authorizer", "message"), [
    ('{"type": "token", "identitySource": "method.request.querystring.t"}',
     ("api.yaml:9: components.securitySchemes.a.x-amazon-apigateway-authorizer: authorizer 'a': identity "
      "source 'method.request.querystring.t' is not one of method.request.header.NAME")),
    ('{"type": "request"}',
     ("api.yaml:9: components.securitySchemes.a.x-amazon-apigateway-authorizer: authorizer 'a': a REQUEST "
      "authorizer with caching on (authorizerResultTtlInSeconds 300) needs an identitySource")),
    ('{"type": "request", "identitySource": "method.request.header.A", "authorizerResultTtlInSeconds": "5"}',
     ("api.yaml:9: components.securitySchemes.a.x-amazon-apigateway-authorizer.authorizerResultTtlInSeconds "
      "must be an integer, not a string")),
    # a jwt authorizer is not refused: API Gateway's import leaves it out with a warning
    # (tests/api/test_sources_round10.py)
])
def test_openapi_bad_authorizers_are_located_errors(tmp_path: Path, authorizer: str, message: str) -> None:
    path = tmp_path / "api.yaml"
    path.write_text("openapi: 3.0.1\ninfo: {title: t}\npaths: {}\ncomponents:\n  securitySchemes:\n"
                    "    a:\n      type: apiKey\n      in: query\n"
                    f"      x-amazon-apigateway-authorizer: {authorizer}\n")
    with pytest.raises(DefinitionError) as error:
        load_api(path)
    assert str(error.value) == f"{tmp_path}/{message}"


# --- CloudFormation and SAM ----------------------------------------------------------------


def test_cloudformation_authorizers_and_authorizer_ids() -> None:
    api = load_api(DATA / "cloudformation.yaml")
    token = api.authorizers["token-auth"]
    assert (token.type, token.identity_source, token.identity_validation_expression, token.source) == (
        "TOKEN", "method.request.header.X-Token", "Bearer .+", at("cloudformation.yaml", 13))
    # Name: !Sub "${AWS::StackName}-pool" with the sample stack name
    assert api.authorizers["sample-stack-pool"].identity_source == "method.request.header.Authorization"
    assert protected(api) == {
        "GET /orders": ("CUSTOM", "token-auth"),
        "POST /orders": ("COGNITO_USER_POOLS", "sample-stack-pool"),
        "PUT /orders": ("CUSTOM", None),
    }
    assert api.warnings == [(f"{DATA / 'cloudformation.yaml'}:66: PutOrders: AuthorizerId 'abc123' is no "
                             "AWS::ApiGateway::Authorizer of this API; its identity sources are not checked")]
    assert status(api, "GET", "/orders") == 401
    assert status(api, "GET", "/orders", **{"X-Token": "Basic x"}) == 401
    assert status(api, "GET", "/orders", **{"X-Token": "Bearer x"}) == 200
    assert status(api, "POST", "/orders") == 401
    assert status(api, "PUT", "/orders") == 200


def test_a_bad_cloudformation_authorizer_is_located(tmp_path: Path) -> None:
    text = (DATA / "cloudformation.yaml").read_text().replace(
        "      IdentitySource: method.request.header.X-Token\n", "")
    path = tmp_path / "t.yaml"
    path.write_text(text)
    with pytest.raises(DefinitionError) as error:
        load_api(path)
    assert str(error.value) == (f"{path}:13: TokenAuth: authorizer 'token-auth': a TOKEN authorizer needs "
                                "an identitySource (method.request.header.NAME)")


def test_sam_auth_authorizers_through_the_translator() -> None:
    pytest.importorskip("samtranslator")
    api = load_api(DATA / "sam.yaml")
    assert {name: (a.type, a.identity_source, a.identity_validation_expression, a.source.line)
            for name, a in api.authorizers.items()} == {
        "TokenAuth": ("TOKEN", "method.request.header.X-Token", "Bearer .+", 11),
        "TenantAuth": ("REQUEST", "method.request.header.X-Tenant, method.request.querystring.app", None, 16),
        "PoolAuth": ("COGNITO_USER_POOLS", "method.request.header.Authorization", None, 24),
    }
    assert protected(api) == {
        "GET /orders": ("CUSTOM", "TokenAuth"),  # the DefaultAuthorizer
        "POST /orders": ("CUSTOM", "TenantAuth"),
        "GET /me": ("COGNITO_USER_POOLS", "PoolAuth"),
    }  # GET /open: `Authorizer: NONE`, which SAM writes as security [{NONE: []}]
    assert api.find_method("GET", "/open").authorization_type == "NONE"


# --- Terraform -----------------------------------------------------------------------------


def test_terraform_authorizers_with_the_providers_defaults() -> None:
    api = load_api(DATA / "terraform")
    main = "terraform/main.tf"
    assert api.authorizers == {
        "tenant": Authorizer("tenant", "REQUEST", "method.request.header.X-Tenant,method.request.querystring.app",
                             None, 0, at(main, 11)),
        "token": Authorizer("token", "TOKEN", "method.request.header.Authorization", None, 300, at(main, 19)),
    }
    assert protected(api) == {
        "GET /orders": ("CUSTOM", "tenant"),
        "POST /orders": ("CUSTOM", "token"),
        "PUT /orders": ("CUSTOM", None),
    }
    assert api.warnings == [(f"{DATA / main}:45: aws_api_gateway_method.put: authorizer_id 'abc123' is no "
                             "aws_api_gateway_authorizer of this API; its identity sources are not checked")]
    assert status(api, "GET", "/orders?app=a", **{"X-Tenant": "t"}) == 200
    assert status(api, "GET", "/orders?app=a") == 401
    assert status(api, "POST", "/orders") == 401
    assert status(api, "PUT", "/orders") == 200


# --- serverless.yml ------------------------------------------------------------------------


def test_serverless_http_event_authorizers() -> None:
    api = load_api(DATA / "serverless" / "serverless.yml")
    yml = "serverless/serverless.yml"
    assert api.authorizers == {
        "auth": Authorizer("auth", "TOKEN", "method.request.header.Authorization", None, 300, at(yml, 23)),
        "tenant": Authorizer("tenant", "REQUEST", "method.request.header.X-Tenant, method.request.querystring.app",
                             None, 0, at(yml, 35)),
        "strict": Authorizer("strict", "TOKEN", "method.request.header.X-Token", "Bearer .+", 300, at(yml, 51)),
        "eu-west-1_abc": Authorizer("eu-west-1_abc", "COGNITO_USER_POOLS", "method.request.header.Authorization",
                                    None, 300, at(yml, 67)),
        # resources.Resources, named by `authorizerId: {Ref: WrittenAuthorizer}`
        "WrittenAuthorizer": Authorizer("WrittenAuthorizer", "REQUEST", "method.request.header.X-Written",
                                        None, 300, at(yml, 104)),
    }
    assert protected(api) == {
        "GET /orders": ("CUSTOM", "auth"),
        "POST /orders": ("CUSTOM", "tenant"),
        "PUT /orders": ("CUSTOM", "strict"),
        "GET /me": ("COGNITO_USER_POOLS", "eu-west-1_abc"),
        "GET /shared": ("CUSTOM", None),  # authorizerId: defined elsewhere
        "GET /written": ("CUSTOM", "WrittenAuthorizer"),
    }
    assert status(api, "GET", "/written") == 401
    assert status(api, "GET", "/written", **{"X-Written": "w"}) == 200
    assert status(api, "GET", "/orders") == 401
    assert status(api, "GET", "/orders", Authorization="t") == 200
    assert status(api, "POST", "/orders", **{"X-Tenant": "t"}) == 401
    assert status(api, "PUT", "/orders", **{"X-Token": "Basic x"}) == 401
    assert status(api, "GET", "/me") == 401
    assert status(api, "GET", "/shared") == 200


def test_serverless_one_name_with_two_settings_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "serverless.yml"
    event = ("      - http:\n          path: {p}\n          method: get\n          integration: mock\n"
             "          authorizer:\n            name: auth\n            identitySource: {s}\n")
    path.write_text("service: s\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h\n    events:\n"
                    + event.format(p="a", s="method.request.header.A") + event.format(p="b", s="method.request.header.B")
                    + "  auth:\n    handler: a\n")
    api = load_api(path)
    assert f"{path}:19: authorizer 'auth' is also defined at {path}:12 with other settings; the first is used" \
        in api.warnings
    assert api.find_method("GET", "/b").authorizer == "auth"
    assert api.authorizers["auth"].identity_source == "method.request.header.A"


def test_misspelt_authorizer_fields_are_reported_not_dropped(tmp_path: Path) -> None:
    openapi = tmp_path / "api.yaml"
    openapi.write_text("openapi: 3.0.1\ninfo: {title: t}\npaths: {}\ncomponents:\n  securitySchemes:\n"
                       "    a:\n      type: apiKey\n      in: header\n      name: Authorization\n"
                       "      x-amazon-apigateway-authorizer:\n        type: request\n"
                       "        identitysource: method.request.header.A\n        authorizerResultTtlInSeconds: 0\n")
    api = load_api(openapi)
    assert api.warnings == [(
        f"{openapi}:12: components.securitySchemes.a.x-amazon-apigateway-authorizer.identitysource is not a "
        "field of x-amazon-apigateway-authorizer; ignored; did you mean identitySource?")]
    assert api.authorizers["a"].identity_source is None
    sls = tmp_path / "serverless.yml"
    sls.write_text("service: s\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h\n    events:\n"
                   "      - http:\n          path: a\n          method: get\n          integration: mock\n"
                   "          authorizer:\n            name: auth\n            identitysource: method.request.header.A\n"
                   "  auth:\n    handler: a\n")
    api = load_api(sls)
    assert (f"{sls}:14: authorizer.identitysource is not a setting of an http event (the Serverless "
            "Framework warns about it); ignored; did you mean identitySource?") in api.warnings


def test_misspelt_cloudformation_and_terraform_authorizer_settings_are_reported(tmp_path: Path) -> None:
    template = tmp_path / "t.yaml"
    template.write_text((DATA / "cloudformation.yaml").read_text().replace(
        "      IdentitySource: method.request.header.Authorization\n",
        "      IdentitySorce: method.request.header.X\n"))
    api = load_api(template)
    assert (f"{template}:28: PoolAuth: IdentitySorce is not a property of AWS::ApiGateway::Authorizer "
            "(CloudFormation refuses it); ignored; did you mean IdentitySource?") in api.warnings
    folder = tmp_path / "tf"
    folder.mkdir()
    (folder / "main.tf").write_text((DATA / "terraform" / "main.tf").read_text().replace(
        "  authorizer_result_ttl_in_seconds = 0\n", "  authorizer_result_ttl_in_second = 0\n"))
    api = load_api(folder)
    assert (f"{folder / 'main.tf'}:16: aws_api_gateway_authorizer.tenant: authorizer_result_ttl_in_second is "
            "not an argument of aws_api_gateway_authorizer (terraform plan refuses it); ignored; did you mean "
            "authorizer_result_ttl_in_seconds?") in api.warnings

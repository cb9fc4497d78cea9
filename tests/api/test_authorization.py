"""The authorizer's identity check (vtl.api.authorization): a method behind a Lambda
authorizer or a Cognito user pool answers 401 {"message":"Unauthorized"} without calling it
when the request lacks the identity sources (AWS-DOC api-gateway-401-error-lambda-authorizer,
API_CreateAuthorizer identitySource, API_Authorizer identityValidationExpression)."""

from __future__ import annotations

import pytest

from vtl.api import (
    Api,
    Authorizer,
    GatewayResponse,
    Integration,
    IntegrationResponse,
    Method,
    ModelError,
    Source,
)

#: The 401 body API Gateway sends (AWS-USER: jasonbutz.info 2020-07, the knowledge-center
#: article; the default template {"message":$context.error.messageString}, spec §13).
UNAUTHORIZED_BODY = '{"message":"Unauthorized"}'


def mock_integration() -> Integration:
    return Integration("MOCK", request_templates={"application/json": '{"statusCode": 200}'},
                       responses=[IntegrationResponse("200", response_templates={
                           "application/json": '{"user": "$context.authorizer.principalId"}'})])


def api_with(authorizer: Authorizer, *, api_key_required: bool = False, **api: object) -> Api:
    method = Method("GET", "/orders", integration=mock_integration(),
                    authorization_type=authorizer.authorization_type, authorizer=authorizer.name,
                    api_key_required=api_key_required)
    return Api(methods=[method], authorizers={authorizer.name: authorizer}, **api)  # type: ignore[arg-type]


TOKEN = Authorizer("jwt", "TOKEN", "method.request.header.Authorization")
REQUEST = Authorizer("ctx", "REQUEST", "method.request.header.X-Tenant, method.request.querystring.app, "
                     "stageVariables.realm, context.identity.sourceIp")
COGNITO = Authorizer("pool", "COGNITO_USER_POOLS")


def assert_unauthorized(invocation) -> None:
    assert invocation.response.status == 401
    assert invocation.response.body == UNAUTHORIZED_BODY
    assert invocation.response.headers["x-amzn-ErrorType"] == "UnauthorizedException"
    assert invocation.error == "UNAUTHORIZED"
    assert invocation.integration_request is None
    assert any(line.startswith("Unauthorized request: ") for line in invocation.log)


# --- TOKEN -------------------------------------------------------------------------------


def test_token_missing_is_401_before_anything_else_runs() -> None:
    invocation = api_with(TOKEN).invoke("GET", "/orders")
    assert_unauthorized(invocation)
    log = invocation.log
    assert log[1] == f"Starting authorizer: jwt for request: {log[0].split()[-1]}"
    assert "Identity check failed: identity source method.request.header.Authorization is missing" in log[2]
    assert not any(line.startswith("Starting execution") for line in log)


@pytest.mark.parametrize("value", ["", "   "])
def test_token_empty_is_401(value: str) -> None:
    assert_unauthorized(api_with(TOKEN).invoke("GET", "/orders", headers={"Authorization": value}))


def test_token_present_goes_on_with_the_given_authorizer_context() -> None:
    invocation = api_with(TOKEN).invoke("GET", "/orders", headers={"authorization": "Bearer abc"},
                                        authorizer={"principalId": "u-1"})
    assert invocation.response.status == 200
    assert invocation.response.json() == {"user": "u-1"}
    assert "Incoming identity: {method.request.header.Authorization=Bearer abc}" in invocation.log
    assert "Authorizer jwt (TOKEN) not run locally: $context.authorizer is the caller's (given)" in invocation.log


def test_token_not_matching_the_validation_expression_is_401() -> None:
    authorizer = Authorizer("jwt", "TOKEN", "method.request.header.Authorization",
                            identity_validation_expression=r"Bearer [a-z]+")
    api = api_with(authorizer)
    assert api.invoke("GET", "/orders", headers={"Authorization": "Bearer abc"}).response.status == 200
    # The whole token must match (token_matches): a matching prefix is not enough.
    for token in ("Basic abc", "Bearer abc1", "xBearer abc"):
        invocation = api.invoke("GET", "/orders", headers={"Authorization": token})
        assert_unauthorized(invocation)
        assert any("does not match identityValidationExpression Bearer [a-z]+" in line
                   for line in invocation.log)


def test_an_invalid_validation_expression_is_a_located_model_error() -> None:
    authorizer = Authorizer("jwt", "TOKEN", "method.request.header.Authorization",
                            identity_validation_expression="Bearer (", source=Source("api.yaml", 12))
    with pytest.raises(ModelError, match=r"^api\.yaml:12: authorizer 'jwt': identityValidationExpression "
                                         r"'Bearer \(' is not a valid Java regular expression"):
        api_with(authorizer).invoke("GET", "/orders", headers={"Authorization": "Bearer x"})


# --- REQUEST -----------------------------------------------------------------------------

REQUEST_OK = {"headers": {"X-Tenant": "t1"}, "stage_variables": {"realm": "eu"}}


def test_request_with_every_source_goes_on() -> None:
    invocation = api_with(REQUEST).invoke("GET", "/orders?app=web", **REQUEST_OK)  # type: ignore[arg-type]
    assert invocation.response.status == 200
    assert ("Incoming identity: {method.request.header.X-Tenant=t1, method.request.querystring.app=web, "
            "stageVariables.realm=eu, context.identity.sourceIp=127.0.0.1}") in invocation.log


@pytest.mark.parametrize(("path", "headers", "variables", "missing"), [
    ("/orders?app=web", {}, {"realm": "eu"}, "method.request.header.X-Tenant is missing"),
    ("/orders", {"X-Tenant": "t1"}, {"realm": "eu"}, "method.request.querystring.app is missing"),
    ("/orders?app=", {"X-Tenant": "t1"}, {"realm": "eu"}, "method.request.querystring.app is empty"),
    ("/orders?app=web", {"X-Tenant": "t1"}, {}, "stageVariables.realm is missing"),
    ("/orders?app=web", {"X-Tenant": "t1"}, {"realm": ""}, "stageVariables.realm is empty"),
])
def test_request_with_a_source_missing_or_empty_is_401(path, headers, variables, missing) -> None:
    invocation = api_with(REQUEST).invoke("GET", path, headers=headers, stage_variables=variables)
    assert_unauthorized(invocation)
    assert any(missing in line for line in invocation.log)


def test_request_context_and_multivalue_sources() -> None:
    authorizer = Authorizer("ctx", "REQUEST", "context.identity.user, method.request.multivaluequerystring.tag")
    api = api_with(authorizer)
    # $context.identity.user is null in a local run unless given.
    assert_unauthorized(api.invoke("GET", "/orders?tag=a"))
    assert api.invoke("GET", "/orders?tag=a&tag=b", identity={"user": "me"}).response.status == 200
    assert_unauthorized(api.invoke("GET", "/orders?tag=", identity={"user": "me"}))


def test_request_without_identity_sources_checks_nothing() -> None:
    authorizer = Authorizer("open", "REQUEST", None, result_ttl_in_seconds=0)
    invocation = api_with(authorizer).invoke("GET", "/orders")
    assert invocation.response.status == 200
    assert "Incoming identity: none (the REQUEST authorizer has no identity sources)" in invocation.log


# --- COGNITO_USER_POOLS ------------------------------------------------------------------


def test_cognito_reads_the_authorization_header_by_default() -> None:
    assert COGNITO.identity_source == "method.request.header.Authorization"
    api = api_with(COGNITO)
    assert_unauthorized(api.invoke("GET", "/orders"))
    ok = api.invoke("GET", "/orders", headers={"Authorization": "eyJ.x.y"}, authorizer={"sub": "s"})
    assert ok.response.status == 200


def test_cognito_validation_expression_is_said_not_checked() -> None:
    pool = Authorizer("pool", "COGNITO_USER_POOLS", "method.request.header.Token",
                      identity_validation_expression="client-1")
    invocation = api_with(pool).invoke("GET", "/orders", headers={"Token": "t"})
    assert invocation.response.status == 200
    assert ("identityValidationExpression client-1 applies to the verified token's aud: not checked locally"
            in invocation.log)


# --- gateway responses and order ---------------------------------------------------------


def test_a_customised_unauthorized_gateway_response_is_applied() -> None:
    custom = GatewayResponse("UNAUTHORIZED", "401",
                             response_parameters={"gatewayresponse.header.WWW-Authenticate": "'Bearer'"},
                             response_templates={"application/json": '{"error":"login first","type":"$context.error.responseType"}'})
    api = api_with(TOKEN, gateway_responses={"UNAUTHORIZED": custom})
    invocation = api.invoke("GET", "/orders")
    assert invocation.response.status == 401
    assert invocation.response.body == '{"error":"login first","type":"UNAUTHORIZED"}'
    assert invocation.response.headers["WWW-Authenticate"] == "Bearer"


def test_a_customised_default_4xx_applies_to_unauthorized() -> None:
    api = api_with(TOKEN, gateway_responses={"DEFAULT_4XX": GatewayResponse(
        "DEFAULT_4XX", response_templates={"application/json": '{"oops":$context.error.messageString}'})})
    invocation = api.invoke("GET", "/orders")
    assert (invocation.response.status, invocation.response.body) == (401, '{"oops":"Unauthorized"}')


def test_the_authorizer_comes_before_the_api_key() -> None:
    api = api_with(TOKEN, api_key_required=True)
    assert api.invoke("GET", "/orders").error == "UNAUTHORIZED"
    assert api.invoke("GET", "/orders", headers={"Authorization": "t"}).error == "INVALID_API_KEY"
    done = api.invoke("GET", "/orders", headers={"Authorization": "t", "X-API-Key": "k"})
    assert done.response.status == 200


def test_the_authorizer_comes_before_request_validation() -> None:
    from vtl.api import RequestValidator

    api = api_with(TOKEN, request_validators={"all": RequestValidator("all", True, True)})
    api.methods[0].request_validator = "all"
    api.methods[0].request_parameters = {"method.request.querystring.q": True}
    assert api.invoke("GET", "/orders").error == "UNAUTHORIZED"
    assert api.invoke("GET", "/orders", headers={"Authorization": "t"}).error == "BAD_REQUEST_PARAMETERS"


def test_a_route_miss_is_still_403() -> None:
    assert api_with(TOKEN).invoke("GET", "/nope").error == "MISSING_AUTHENTICATION_TOKEN"


def test_a_protected_method_without_a_named_authorizer_runs_and_says_so() -> None:
    api = Api(methods=[Method("GET", "/orders", integration=mock_integration(), authorization_type="CUSTOM")])
    invocation = api.invoke("GET", "/orders")
    assert invocation.response.status == 200
    assert ("Authorizer of GET /orders (CUSTOM) is not in the definition: identity sources not checked"
            in invocation.log)


# --- the model ---------------------------------------------------------------------------


def test_an_unknown_authorizer_name_is_a_model_error() -> None:
    method = Method("GET", "/orders", integration=mock_integration(), authorization_type="CUSTOM",
                    authorizer="nope", source=Source("t.yaml", 3))
    with pytest.raises(ModelError, match=r"^t\.yaml:3: GET /orders: authorizer 'nope' is not one of the "
                                         r"API's authorizers \(jwt\)"):
        Api(methods=[method], authorizers={"jwt": TOKEN}).invoke("GET", "/orders")


def test_an_authorizer_of_the_other_type_is_a_model_error() -> None:
    method = Method("GET", "/orders", integration=mock_integration(), authorization_type="COGNITO_USER_POOLS",
                    authorizer="jwt")
    with pytest.raises(ModelError, match="authorizationType COGNITO_USER_POOLS does not take the TOKEN authorizer 'jwt'"):
        Api(methods=[method], authorizers={"jwt": TOKEN}).invoke("GET", "/orders")


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"type": "JWT", "identity_source": None}, "type 'JWT' is not one of TOKEN, REQUEST"),
    ({"type": "TOKEN", "identity_source": None}, "a TOKEN authorizer needs an identitySource"),
    ({"type": "TOKEN", "identity_source": "method.request.querystring.t"},
     "identity source 'method.request.querystring.t' is not one of method.request.header.NAME"),
    ({"type": "TOKEN", "identity_source": "method.request.header.A, method.request.header.B"},
     "must be one header"),
    ({"type": "REQUEST", "identity_source": None}, "with caching on \\(authorizerResultTtlInSeconds 300\\) needs"),
    ({"type": "REQUEST", "identity_source": "method.request.path.id"},
     "identity source 'method.request.path.id' is not one of"),
    ({"type": "REQUEST", "identity_source": "method.request.header."}, "is not one of"),
])
def test_bad_authorizers_are_model_errors(kwargs, message) -> None:
    with pytest.raises(ModelError, match=f"^x.yaml:7: authorizer 'a': .*{message}"):
        Authorizer("a", source=Source("x.yaml", 7), **kwargs)


# --- AWS_IAM -----------------------------------------------------------------------------


def iam_api() -> Api:
    return Api(methods=[Method("GET", "/orders", integration=mock_integration(), authorization_type="AWS_IAM")])


def test_an_unsigned_request_to_an_iam_method_is_403_missing_authentication_token() -> None:
    # AWS-DOC knowledge-center api-gateway-authentication-token-errors: a request that is not
    # signed when IAM authentication is turned on gets "Missing Authentication Token" (403).
    invocation = iam_api().invoke("GET", "/orders")
    assert (invocation.response.status, invocation.response.body) == (403, '{"message":"Missing Authentication Token"}')
    assert invocation.response.headers["x-amzn-ErrorType"] == "MissingAuthenticationTokenException"
    assert invocation.integration_request is None


@pytest.mark.parametrize(("path", "headers"), [
    ("/orders", {"Authorization": "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261203/us-east-1/execute-api/aws4_request, "
                                  "SignedHeaders=host;x-amz-date, Signature=0123",
                 # a signed request carries its date (without it: an IncompleteSignatureException,
                 # test_pipeline_reports4)
                 "X-Amz-Date": "20261203T000000Z"}),
    ("/orders?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=0123", {}),
])
def test_a_signed_request_to_an_iam_method_goes_on_unverified(path: str, headers: dict[str, str]) -> None:
    invocation = iam_api().invoke("GET", path, headers=headers)
    assert invocation.response.status == 200
    assert "AWS_IAM: the request's signature is not verified locally" in invocation.log


# --- the authorizer's answer (authorizer_outcome) ------------------------------------------
#
# Expected values, each from its AWS source (never from running this code):
# - explicit / implicit Deny: 403 {"Message":"User is not authorized to access this resource
#   with an explicit deny in an identity-based policy"} / {"Message":"User is not authorized to
#   access this resource because no identity-based policy allows the execute-api:Invoke
#   action"}, x-amzn-ErrorType AccessDeniedException (AWS-USER: bodies of real REST APIs
#   behind Lambda authorizers quoted in public test suites and notes, 2025-2026; the older
#   texts without "identity-based policy" are in AWS-DOC knowledge-center
#   api-gateway-403-error-lambda-authorizer);
# - "Unauthorized": 401 {"message":"Unauthorized"}, `content-length: 26` (an AWS-USER curl
#   transcript; AWS-DOC apigateway-use-lambda-authorizer example: callback("Unauthorized")
#   "Return a 401 Unauthorized response");
# - any other failure: 500 {"message":null}, x-amzn-ErrorType AuthorizerConfigurationException,
#   logged "Execution failed due to configuration error: Authorizer error" /
#   "AuthorizerConfigurationException" (AWS-USER loige.co 2023-11, serverless#829, a 2023-06
#   test-invoke log), "Could not parse policy" for no policy (ExpanseLLC/lambda_authorizer#1).

EXPLICIT_DENY_BODY = ('{"Message":"User is not authorized to access this resource with an explicit deny '
                      'in an identity-based policy"}')
IMPLICIT_DENY_BODY = ('{"Message":"User is not authorized to access this resource because no identity-based '
                      'policy allows the execute-api:Invoke action"}')
TOKEN_HEADERS = {"Authorization": "Bearer abc"}


def outcome(api: Api, answer: str, **request: object):
    return api.invoke("GET", "/orders", headers=TOKEN_HEADERS, authorizer_outcome=answer, **request)  # type: ignore[arg-type]


def test_an_explicit_deny_is_403_access_denied_with_the_message_aws_sends() -> None:
    invocation = outcome(api_with(TOKEN), "deny", authorizer={"principalId": "u-1"})
    assert (invocation.response.status, invocation.error) == (403, "ACCESS_DENIED")
    assert invocation.response.body == EXPLICIT_DENY_BODY
    assert invocation.response.headers["x-amzn-ErrorType"] == "AccessDeniedException"
    assert invocation.integration_request is None
    log = invocation.log
    assert log.index("Using valid authorizer policy for principal: u-1") \
        < log.index("Successfully completed authorizer execution") \
        < log.index("Method completed with status: 403")


def test_an_implicit_deny_is_403_with_the_shorter_message() -> None:
    invocation = api_with(REQUEST).invoke(
        "GET", "/orders?app=web", headers={"X-Tenant": "t1"}, stage_variables={"realm": "eu"},
        authorizer_outcome="implicit-deny")
    assert (invocation.response.status, invocation.response.body) == (403, IMPLICIT_DENY_BODY)


def test_unauthorized_from_the_function_is_the_401() -> None:
    invocation = outcome(api_with(TOKEN), "unauthorized")
    assert_unauthorized(invocation)
    assert len(invocation.response.body.encode()) == 26


@pytest.mark.parametrize(("answer", "reason"), [("error", "Authorizer error"),
                                                ("invalid-policy", "Could not parse policy")])
def test_a_failing_authorizer_is_500_authorizer_configuration_error(answer: str, reason: str) -> None:
    invocation = outcome(api_with(TOKEN), answer)
    assert (invocation.response.status, invocation.error) == (500, "AUTHORIZER_CONFIGURATION_ERROR")
    assert invocation.response.body == '{"message":null}'
    assert invocation.response.headers["x-amzn-ErrorType"] == "AuthorizerConfigurationException"
    log = invocation.log
    at = log.index(f"Execution failed due to configuration error: {reason}")
    assert log[at + 1] == "AuthorizerConfigurationException"
    # AWS-USER (a CloudWatch log, 2020-07-02): the gateway response's own line.
    assert "Gateway response type: AUTHORIZER_CONFIGURATION_ERROR with status code: 500" in log


def test_allow_is_what_happens_without_an_outcome() -> None:
    invocation = outcome(api_with(TOKEN), "allow", authorizer={"principalId": "u-1"})
    assert (invocation.response.status, invocation.response.json()) == (200, {"user": "u-1"})


def test_a_missing_identity_source_is_401_whatever_the_function_would_answer() -> None:
    # AWS-DOC api-gateway-401-error-lambda-authorizer: the authorizer is not called.
    invocation = api_with(TOKEN).invoke("GET", "/orders", authorizer_outcome="deny")
    assert_unauthorized(invocation)
    assert not any(line.startswith("Successfully completed authorizer") for line in invocation.log)


def test_a_deny_comes_before_the_api_key() -> None:
    assert outcome(api_with(TOKEN, api_key_required=True), "deny").error == "ACCESS_DENIED"


def test_a_protected_method_without_a_named_authorizer_takes_the_outcome_too() -> None:
    api = Api(methods=[Method("GET", "/orders", integration=mock_integration(), authorization_type="CUSTOM")])
    assert api.invoke("GET", "/orders", authorizer_outcome="deny").response.body == EXPLICIT_DENY_BODY


def test_a_cognito_pool_refusing_the_token_is_401() -> None:
    # AWS-DOC knowledge-center api-gateway-cognito-401-unauthorized: an expired token, or one
    # another user pool issued, gets "401 Unauthorized".
    assert_unauthorized(outcome(api_with(COGNITO), "unauthorized"))
    assert outcome(api_with(COGNITO), "allow", authorizer={"sub": "s"}).response.status == 200


# --- gateway responses of the answers ------------------------------------------------------

CORS = {"gatewayresponse.header.Access-Control-Allow-Origin": "'*'"}


def test_a_customised_access_denied_reads_the_deny_context() -> None:
    # AWS-USER (repost.aws "customizing rest api gateway authorizer response", qiita kter): an
    # ACCESS_DENIED template reads the Deny's context as $context.authorizer.<key>.
    custom = GatewayResponse("ACCESS_DENIED", response_parameters=CORS, response_templates={
        "application/json": '{"error":"$context.authorizer.reason","type":"$context.error.responseType"}'})
    api = api_with(TOKEN, gateway_responses={"ACCESS_DENIED": custom})
    invocation = outcome(api, "deny", authorizer={"principalId": "u", "reason": "suspended"})
    assert invocation.response.status == 403
    assert invocation.response.body == '{"error":"suspended","type":"ACCESS_DENIED"}'
    assert invocation.response.headers["Access-Control-Allow-Origin"] == "*"


def test_a_customised_default_4xx_gives_its_headers_to_access_denied_and_unauthorized() -> None:
    # The common CORS fix (serverless/serverless#6176): DEFAULT_4XX with headers only.
    api = api_with(TOKEN, gateway_responses={"DEFAULT_4XX": GatewayResponse("DEFAULT_4XX", response_parameters=CORS)})
    for answer, status in (("deny", 403), ("unauthorized", 401)):
        invocation = outcome(api, answer)
        assert invocation.response.status == status
        assert invocation.response.headers["Access-Control-Allow-Origin"] == "*"
    # [INFERRED] no template of its own: the default body stays AWS's.
    assert outcome(api, "deny").response.body == EXPLICIT_DENY_BODY


def test_a_customised_default_4xx_template_gets_the_deny_message() -> None:
    # [INFERRED] $context.error.message is the text of the default body (ACCESS_DENIED_TEMPLATE).
    api = api_with(TOKEN, gateway_responses={"DEFAULT_4XX": GatewayResponse(
        "DEFAULT_4XX", response_templates={"application/json": '{"message":$context.error.messageString}'})})
    assert outcome(api, "implicit-deny").response.body == IMPLICIT_DENY_BODY.replace('"Message"', '"message"')


def test_a_customised_default_5xx_applies_to_authorizer_configuration_error() -> None:
    # AWS-REC LS:api::test_gateway_response_put: status 599 set on DEFAULT_5XX showed on
    # AUTHORIZER_CONFIGURATION_ERROR (spec pipeline §13).
    api = api_with(TOKEN, gateway_responses={"DEFAULT_5XX": GatewayResponse(
        "DEFAULT_5XX", "599", response_templates={"application/json": '{"type":"$context.error.responseType"}'})})
    invocation = outcome(api, "error")
    assert (invocation.response.status, invocation.response.body) == (599, '{"type":"AUTHORIZER_CONFIGURATION_ERROR"}')


# --- outcomes that cannot be -----------------------------------------------------------------


def test_outcomes_that_cannot_be_are_invocation_errors() -> None:
    from vtl.api import InvocationError

    with pytest.raises(InvocationError, match="authorizer outcome 'maybe' is not one of allow, deny, implicit-deny"):
        outcome(api_with(TOKEN), "maybe")
    with pytest.raises(InvocationError, match=r"GET /orders has no authorizer \(authorizationType NONE\)"):
        Api(methods=[Method("GET", "/orders", integration=mock_integration())]).invoke(
            "GET", "/orders", authorizer_outcome="deny")
    with pytest.raises(InvocationError, match="Cognito user pool, which answers allow or unauthorized, not deny"):
        outcome(api_with(COGNITO), "deny")
    with pytest.raises(InvocationError, match="answers error returns no context"):
        outcome(api_with(TOKEN), "error", authorizer={"principalId": "u"})

"""The authorizer's identity check: the 401 API Gateway answers without calling it.

A method protected by a Lambda authorizer (authorizationType ``CUSTOM``) or a Cognito user
pool (``COGNITO_USER_POOLS``) names the API's :class:`~vtl.api.model.Authorizer`. Before
calling it, API Gateway looks for the authorizer's identity sources in the request; when one
is missing it answers **401** ``{"message":"Unauthorized"}`` (gateway response
``UNAUTHORIZED``) and the authorizer never runs:

- ``TOKEN``: the token header missing or empty, or not matching the
  ``identityValidationExpression`` (AWS-DOC api-gateway-401-error-lambda-authorizer:
  "a required token is missing or isn't validated by the authorizer's token validation
  expression"; API_Authorizer identityValidationExpression: "Otherwise, it will return a
  401 Unauthorized response without calling the Lambda function");
- ``REQUEST``: any identity source (header, query string, stage variable, ``$context``
  variable) missing, null or empty (AWS-DOC API_CreateAuthorizer identitySource: "verifying
  all of the identity-related request parameters are present, not null and non-empty. Only
  when this is true does the authorizer invoke the authorizer Lambda function"); a REQUEST
  authorizer without identity sources (allowed with caching off) checks nothing;
- ``COGNITO_USER_POOLS``: the token header (default ``Authorization``) missing or empty.

An ``AWS_IAM`` method needs a signed request, else 403 ``MISSING_AUTHENTICATION_TOKEN``
(:func:`check_signed`); the signature itself is not verified.

When the sources are there the authorizer is **not run** here: what it answered is the
caller's. Its context (the Lambda context or the Cognito claims) is ``--authorizer``, its
verdict the ``outcome`` (:data:`OUTCOMES`, ``--authorizer-outcome``; default ``allow``):

- ``allow``: the pipeline goes on;
- ``deny`` / ``implicit-deny``: a Lambda authorizer's policy denies the method explicitly /
  does not allow it: 403 ``ACCESS_DENIED`` (:func:`deny`);
- ``unauthorized``: the Lambda function failed with the error "Unauthorized", or the user
  pool refused the token (invalid, expired): 401 ``UNAUTHORIZED``;
- ``error`` / ``invalid-policy``: the Lambda function failed otherwise, or answered no valid
  policy: 500 ``AUTHORIZER_CONFIGURATION_ERROR`` with a null message (:func:`fail`).

A user pool's ``identityValidationExpression`` is matched against the ``aud`` of the
verified token (AWS-DOC API_Authorizer): nothing verifies tokens here, so it is not checked,
and the log says so.

Order: after routing (the authorizer belongs to a method) and before the API key: a
CloudWatch log shows "Starting authorizer … Successfully completed authorizer execution",
then "Verifying Usage Plan for request", then "Starting execution for request" (`LOG:`
rotemtam/serverless-aws-logs-parser tests/mocks/file.mock.js, 2017-06-05) [AWS-REC]. So it
comes before request validation too (spec pipeline §1).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vtl.api.gateway_responses import GatewayFailure
from vtl.api.invocation import Execution
from vtl.api.mapping import dotted_value
from vtl.api.method_request import InvocationError, MethodRequest
from vtl.api.model import Authorizer, ModelError, located

__all__ = [
    "ACCESS_DENIED_TEMPLATE",
    "COGNITO_OUTCOMES",
    "EXPLICIT_DENY_MESSAGE",
    "IMPLICIT_DENY_MESSAGE",
    "INCOMPLETE_SIGNATURE_ERROR_TYPE",
    "OUTCOMES",
    "PROTECTED_AUTHORIZATION_TYPES",
    "UNAUTHORIZED_MESSAGE",
    "authorize",
    "check_outcome",
    "check_signed",
    "find_authorizer",
    "incomplete_signature",
    "is_unusable",
    "missing_identity",
    "missing_token",
    "token_matches",
    "unusable_context",
]

#: The authorizationTypes whose methods have an authorizer (``AWS_IAM`` methods need a
#: signed request: :func:`check_signed`).
PROTECTED_AUTHORIZATION_TYPES = ("CUSTOM", "COGNITO_USER_POOLS")
#: The gateway response's message: body ``{"message":"Unauthorized"}`` [AWS-USER, the
#: knowledge-center article above and jasonbutz.info 2020-07 "AWS API Gateway Authorizers &
#: Default Responses"].
UNAUTHORIZED_MESSAGE = "Unauthorized"

#: What an authorizer can answer (``--authorizer-outcome``), each with what it stands for.
OUTCOMES = {
    "allow": "the policy allows the method",
    "deny": "an explicit Deny in the policy",
    "implicit-deny": "the policy does not allow the method",
    "unauthorized": "the authorizer refused the caller",
    "error": "the authorizer function failed",
    "invalid-policy": "the authorizer answered no valid policy",
}
#: What a Cognito user pool can answer: it returns no policy and runs no function of
#: the API's, so it allows or refuses the token (AWS-DOC knowledge-center
#: api-gateway-cognito-401-unauthorized: an expired token, or one of another user pool,
#: gets 401 Unauthorized).
COGNITO_OUTCOMES = ("allow", "unauthorized")

#: The 403 messages of a Lambda authorizer's policy, as API Gateway words them today.
#: AWS-USER, bodies quoted from real REST APIs behind Lambda authorizers in public repos'
#: test suites and notes, 2025-2026: `{"Message":"User is not authorized to access this
#: resource with an explicit deny in an identity-based policy"}` (with `x-amzn-ErrorType:
#: AccessDeniedException`) and `{"Message":"User is not authorized to access this resource
#: because no identity-based policy allows the execute-api:Invoke action"}` (a cached
#: policy that names another method). One regression suite records the change: expected
#: "...with an explicit deny", received "...with an explicit deny in an identity-based
#: policy". The older texts ("User is not authorized to access this resource with an
#: explicit deny" / "User is not authorized to access this resource": AWS-DOC
#: knowledge-center api-gateway-403-error-lambda-authorizer; dev.to marcogrcr "API Gateway +
#: Lambda authorizer + Lambda proxy integration failure modes"; curl transcripts with
#: `content-length: 82`; serverless-offline PR 228, 2017-04) are what older recordings
#: show. Every recording writes the key "Message", capitalised, unlike every other default
#: gateway response; the knowledge-center article prints "message": the recorded bytes win.
EXPLICIT_DENY_MESSAGE = "User is not authorized to access this resource with an explicit deny in an identity-based policy"
IMPLICIT_DENY_MESSAGE = ("User is not authorized to access this resource because no identity-based policy "
                         "allows the execute-api:Invoke action")
#: [INFERRED] that default body as a gateway response template: the message is
#: `$context.error.message` (what a customised ACCESS_DENIED or DEFAULT_4XX template gets),
#: and a customised template replaces this body as it replaces any default.
ACCESS_DENIED_TEMPLATE = '{"Message":$context.error.messageString}'

#: The log's reasons for a failing authorizer. AWS-USER test-invoke logs: "Execution failed
#: due to configuration error: Authorizer error" then "AuthorizerConfigurationException"
#: (a REST API's test-invoke log in a public repo's notes, 2023-06-07; a blog's CloudWatch
#: log of a WebSocket API's authorizer, 2020-07-02, follows it with "Gateway response type:
#: AUTHORIZER_CONFIGURATION_ERROR with status code: 500"); "Could
#: not parse policy" then "AuthorizerConfigurationException" for a function that returned
#: null (ExpanseLLC/lambda_authorizer#1, 2016-09-14).
FAILURE_REASONS = {"error": "Authorizer error", "invalid-policy": "Could not parse policy"}


def authorize(run: Execution) -> None:
    """The identity check of the method's authorizer (401 ``UNAUTHORIZED`` when it fails),
    then the answer given for the authorizer (:func:`answer`).

    Methods without an authorizer pass untouched. A protected method whose authorizer the
    definition does not name takes the answer unchecked, and the log says nothing was checked.
    """
    method = run.method
    check_outcome(run)
    if method.authorization_type == "AWS_IAM":
        check_signed(run)
        return
    if method.authorization_type not in PROTECTED_AUTHORIZATION_TYPES:
        return
    authorizer = find_authorizer(run)
    request_id = run.context["requestId"]
    if authorizer is None:
        # [LOCAL] wording: the definition does not say which authorizer (e.g. a
        # serverless.yml `authorizer: {arn: …}` outside the file's own functions).
        run.log(f"Authorizer of {method} ({method.authorization_type}) is not in the definition: "
                "identity sources not checked")
        answer(run)
        return
    # AWS-USER (a CloudWatch execution log quoted in a public API Gateway logging guide,
    # 2026-01-10): "Starting authorizer: <authorizer id> for request: <id>", then
    # "Unauthorized request: <id>". The authorizer's name stands for its id here.
    run.log(f"Starting authorizer: {authorizer.name} for request: {request_id}")
    problem = missing_identity(run, authorizer)
    if problem is not None:
        run.log(f"Identity check failed: {problem}; the authorizer is not called")  # [LOCAL]
        run.log(f"Unauthorized request: {request_id}")
        raise GatewayFailure("UNAUTHORIZED", UNAUTHORIZED_MESSAGE)
    _log_identity_found(run, authorizer)
    answer(run)


def check_outcome(run: Execution) -> None:
    """Refuse an outcome that cannot be for this method: given for a method without an
    authorizer, one a user pool never answers, or a refusal given with the context of an
    authorizer that allowed (an authorizer that refuses or fails returns no context). An
    unknown outcome is refused before routing (vtl.api.pipeline.invoke)."""
    outcome = run.authorizer_outcome
    if outcome is None:
        return
    kind = run.method.authorization_type
    if kind not in PROTECTED_AUTHORIZATION_TYPES:
        raise InvocationError(f"{run.where()} has no authorizer (authorizationType {kind or 'NONE'}): "
                              f"an authorizer outcome does not apply")
    if kind == "COGNITO_USER_POOLS" and outcome not in COGNITO_OUTCOMES:
        raise InvocationError(f"{run.where()} is behind a Cognito user pool, which answers "
                              f"{' or '.join(COGNITO_OUTCOMES)}, not {outcome}")
    if outcome in ("unauthorized", *FAILURE_REASONS) and run.authorizer is not None:
        raise InvocationError(f"an authorizer that answers {outcome} returns no context: "
                              "leave out the authorizer context")


def unusable_context(context: Mapping[str, Any]) -> str | None:
    """The first key of a Lambda authorizer's context whose value is an object or an array,
    which API Gateway refuses with a 500 AuthorizerConfigurationException (AWS-DOC
    api-gateway-lambda-authorizer-output: "you cannot set a JSON object or array as a valid
    value of any key in the context map"; AWS-USER serverless-offline PR 1376, checked on
    API Gateway). Cognito's ``claims`` map is no such value."""
    return next((key for key, value in context.items() if is_unusable(key, value)), None)


def is_unusable(key: str, value: Any) -> bool:
    """Whether a context entry is one API Gateway refuses (see :func:`unusable_context`)."""
    return key != "claims" and isinstance(value, (Mapping, list))


def answer(run: Execution) -> None:
    """The authorizer's answer: go on when it allows, else the gateway response it causes."""
    outcome = run.authorizer_outcome or "allow"
    if outcome != "allow":
        run.log(f"Authorizer outcome given: {outcome} ({OUTCOMES[outcome]})")  # [LOCAL]
    elif run.unusable_context_key is not None:
        fail(run, f"Invalid context value for {run.unusable_context_key}")  # [LOCAL] wording
    if outcome in ("deny", "implicit-deny"):
        deny(run, explicit=outcome == "deny")
    elif outcome == "unauthorized":
        # The 401 of a Lambda function failing with "Unauthorized" (AWS-DOC
        # apigateway-use-lambda-authorizer example: `callback("Unauthorized")` "Return a 401
        # Unauthorized response"; AWS-USER auth0-samples/jwt-rsa-aws-custom-authorizer PR 6,
        # 2018-10: 401 {"message": "Unauthorized"}, any other error text a 500) and of a
        # token the user pool refuses (COGNITO_OUTCOMES): the same gateway response as a
        # missing identity source, and the log line after it.
        run.log(f"Unauthorized request: {run.context['requestId']}")
        raise GatewayFailure("UNAUTHORIZED", UNAUTHORIZED_MESSAGE)
    elif outcome in FAILURE_REASONS:
        fail(run, FAILURE_REASONS[outcome])


def deny(run: Execution, *, explicit: bool) -> None:
    """403 ``ACCESS_DENIED`` (AWS-DOC supported-gateway-response-types: "when access is
    denied by a custom or Amazon Cognito authorizer"). The authorizer ran and answered, so
    its context stays in ``$context.authorizer`` for a customised response's template
    (AWS-USER repost.aws "customizing rest api gateway authorizer response" and qiita kter:
    an ACCESS_DENIED / DEFAULT_4XX template reading ``$context.authorizer.<key>`` of a Deny)."""
    principal = (run.authorizer or {}).get("principalId")
    if principal is not None:
        # AWS-USER (an AWS log quoted in localstack/localstack#10636, 2024-04).
        run.log(f"Using valid authorizer policy for principal: {principal}")
    # AWS-REC (the CloudWatch log cited at the top): the authorizer's run ends so.
    run.log("Successfully completed authorizer execution")
    message = EXPLICIT_DENY_MESSAGE if explicit else IMPLICIT_DENY_MESSAGE
    raise GatewayFailure("ACCESS_DENIED", message, default_template=ACCESS_DENIED_TEMPLATE)


def fail(run: Execution, reason: str) -> None:
    """500 ``AUTHORIZER_CONFIGURATION_ERROR``, ``$context.error.message`` null: the body
    ``{"message":null}`` (AWS-USER loige.co "Debugging custom ApiGateway authorizers",
    2023-11: "a mysterious 500 error with a {"message":null} body"; aws/chalice#670;
    auth0-samples/jwt-rsa-aws-custom-authorizer PR 6), and the log lines of
    :data:`FAILURE_REASONS`. AWS-DOC apigateway-use-lambda-authorizer's example function:
    `callback("Error: Invalid token"); // Return a 500 Invalid token response`. The type is
    AUTHORIZER_CONFIGURATION_ERROR, not AUTHORIZER_FAILURE: the logs above name it and its
    exception."""
    run.log(f"Execution failed due to configuration error: {reason}")
    run.log("AuthorizerConfigurationException")
    raise GatewayFailure("AUTHORIZER_CONFIGURATION_ERROR", None)


def check_signed(run: Execution) -> None:
    """An ``AWS_IAM`` method: a request without a Signature Version 4 signature (no
    ``Authorization`` header, no ``X-Amz-Signature`` in the query string of a presigned URL)
    gets the 403 ``MISSING_AUTHENTICATION_TOKEN`` (AWS-DOC knowledge-center
    api-gateway-authentication-token-errors: "The API request isn't signed when IAM
    authentication is turned on for the API operation"); an ``Authorization`` header that is
    no signature (a ``Bearer`` token) gets :func:`missing_token`'s
    ``IncompleteSignatureException`` (AWS-USER: an ``AWS_IAM`` method sent a Cognito Bearer
    token answers 403 ``x-amzn-errortype: IncompleteSignatureException``, a deployed API's
    troubleshooting notes). A signature is not verified here: the log says so, and
    ``identity`` gives what ``$context.identity`` would hold."""
    request = run.request
    if not _authorization(request) and not request.single_query.get("X-Amz-Signature"):
        run.log("AWS_IAM: the request is not signed")  # [LOCAL] wording
        raise missing_token(request)
    if _authorization(request) and incomplete_signature(request) is not None:
        run.log("AWS_IAM: the Authorization header is not a Signature Version 4 signature")  # [LOCAL]
        raise missing_token(request)
    run.log("AWS_IAM: the request's signature is not verified locally")  # [LOCAL] wording


#: What API Gateway answers for an ``Authorization`` header that is no Signature Version 4
#: signature, where it wants one or has no method (:func:`missing_token`).
INCOMPLETE_SIGNATURE_ERROR_TYPE = "IncompleteSignatureException"
INCOMPLETE_SIGNATURE_TYPE = "DEFAULT_4XX"
#: The parameters a signature needs, in the order the message names them (AWS-USER, below).
SIGNATURE_PARAMETERS = ("Credential", "Signature", "SignedHeaders")


def missing_token(request: MethodRequest) -> GatewayFailure:
    """The 403 ``MISSING_AUTHENTICATION_TOKEN`` of a path without a method, or of an
    ``AWS_IAM`` method, for ``request``.

    Without an ``Authorization`` header: ``{"message":"Missing Authentication Token"}``
    (AWS-REC, spec §2). With one that is no signature, API Gateway reads it as a signature
    and says why it is not one, ``x-amzn-ErrorType: IncompleteSignatureException``: AWS-USER
    ``GET /does-not-exist`` with ``Authorization: Bearer <token>`` → 403 and that header (a
    public troubleshooting guide; a deployed stack's notes: "POST /stock-movements with a
    valid Authorization header", an unrouted method, answers so, without one "Missing
    Authentication Token"); amazon-archives/aws-cognito-angular-quickstart#50: "That error
    will return for any invalid endpoints". The message: :func:`incomplete_signature`. Its
    gateway response type is ``DEFAULT_4XX`` at 403 (AWS-USER: a REST API's access logs,
    DataBiosphere/azul#7470, 2025-10: ``$context.error.responseType`` DEFAULT_4XX, status
    403, "Invalid key=value pair (missing equal-sign) in Authorization header…", 886
    requests), so a customised MISSING_AUTHENTICATION_TOKEN does not reach it (the one
    user who said it did, in #50 above, showed no transcript).
    """
    message = incomplete_signature(request) if _authorization(request) else None
    if message is None:
        return GatewayFailure("MISSING_AUTHENTICATION_TOKEN", "Missing Authentication Token")
    return GatewayFailure(INCOMPLETE_SIGNATURE_TYPE, message, status=403,
                          error_type=INCOMPLETE_SIGNATURE_ERROR_TYPE)


def _authorization(request: MethodRequest) -> str:
    """The ``Authorization`` header, "" when absent or blank ([INFERRED] a blank header is
    no signature to read, so the request is unsigned)."""
    return (request.header("Authorization") or "").strip()


def incomplete_signature(request: MethodRequest) -> str | None:
    """Why the request's ``Authorization`` header is no Signature Version 4 signature, as
    API Gateway words it, or None for one that has every part (not verified here).

    The header is ``<algorithm> <key=value>, <key=value>…``. AWS-USER messages show the
    rule: a part without ``=`` (``Bearer sometoken``, serverless/serverless#3205; ``ApiKey
    96989ee3-…``) → "Invalid key=value pair (missing equal-sign) in Authorization header";
    a value without parts (a bare JWT, aws/chalice#828; ``Bearer`` alone, rclone's comments)
    or parts that all have ``=`` (``Basic Og==``) → "Authorization header requires" each
    missing parameter and the date header. The header value is given hashed: the base64 of
    its SHA-256 (AWS-USER 2026 curl transcripts: ``'MZ1DdfK/poPwXem5nlPM…'`` is exactly that
    hash of the ``x-api-key CTkrL5…`` header sent). Older answers quoted it in clear
    (``…in Authorization header: 'Bearer sometoken'.``, 2017-2021). [INFERRED] the tail of
    the "requires" message, ``(Hashed with SHA-256 and encoded with Base64)
    Authorization=<hash>``: one transcript breaks off after the parenthesis, and an AWS
    emulator's copy of the date message ends so.
    """
    import base64
    import hashlib

    value = request.header("Authorization") or ""
    hashed = base64.b64encode(hashlib.sha256(value.encode("utf-8", "surrogatepass")).digest()).decode("ascii")
    _, _, rest = value.strip().partition(" ")
    parts = [part.strip() for part in rest.split(",")] if rest.strip() else []
    if any("=" not in part for part in parts):
        return ("Invalid key=value pair (missing equal-sign) in Authorization header "
                f"(hashed with SHA-256 and encoded with Base64): '{hashed}'.")
    keys = {part.split("=", 1)[0].strip() for part in parts}
    missing = [f"Authorization header requires '{name}' parameter." for name in SIGNATURE_PARAMETERS
               if name not in keys]
    if request.header("X-Amz-Date") is None and request.header("Date") is None:
        missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
    if not missing:
        return None
    return f"{' '.join(missing)} (Hashed with SHA-256 and encoded with Base64) Authorization={hashed}"


def find_authorizer(run: Execution) -> Authorizer | None:
    """The method's :class:`Authorizer` (None when the definition does not name one).

    A name the API does not define, or an authorizer of the other authorizationType, is an
    API AWS refuses to deploy: a :class:`~vtl.api.model.ModelError`.
    """
    method = run.method
    if method.authorizer is None:
        return None
    authorizer = run.api.authorizers.get(method.authorizer)
    if authorizer is None:
        known = ", ".join(run.api.authorizers) or "none"
        raise ModelError(f"{run.where()}: authorizer {method.authorizer!r} is not one of the "
                         f"API's authorizers ({known})")
    if authorizer.authorization_type != method.authorization_type:
        raise ModelError(
            f"{run.where()}: authorizationType {method.authorization_type} does not take the "
            f"{authorizer.type} authorizer {authorizer.name!r} (it serves "
            f"{authorizer.authorization_type} methods)")
    return authorizer


def missing_identity(run: Execution, authorizer: Authorizer) -> str | None:
    """Why API Gateway answers 401 without calling ``authorizer``, or None to go on.

    [INFERRED] A REQUEST authorizer's sources are checked whatever its caching: the API
    reference ties the check to the sources being set, not to the TTL (API_CreateAuthorizer
    identitySource), and users report AWS checking them with caching off (serverless-offline
    PR 1720, 2023-08: an empty identitySource is how to stop it). With no sources (allowed
    only with caching off) there is nothing to check.
    """
    for expression in authorizer.identity_sources:
        value = identity_value(run, expression)
        if value is None or value == "":
            state = "missing" if value is None else "empty"
            return f"identity source {expression} is {state}"
    pattern = authorizer.identity_validation_expression
    if authorizer.type == "TOKEN" and pattern:
        token = identity_value(run, authorizer.identity_sources[0]) or ""
        if not token_matches(run, authorizer, pattern, token):
            return f"the token does not match identityValidationExpression {pattern}"
    return None


def identity_value(run: Execution, expression: str) -> str | None:
    """The request's value of an identity source expression (None when absent or null).

    Headers are looked up as every ``method.request.header`` is (:meth:`MethodRequest.header`),
    their surrounding blanks dropped as an HTTP server drops them; a multi-value query
    string is present when one of its values is not empty.
    """
    request = run.request
    if expression.startswith("method.request.header."):
        value = request.header(expression[len("method.request.header."):])
        return None if value is None else value.strip()
    if expression.startswith("method.request.querystring."):
        return request.single_query.get(expression[len("method.request.querystring."):])
    if expression.startswith("method.request.multivaluequerystring."):
        values = request.query.get(expression[len("method.request.multivaluequerystring."):])
        return None if values is None else ",".join(value for value in values if value)
    if expression.startswith("stageVariables."):
        return run.stage_variables.get(expression[len("stageVariables."):])
    if expression.startswith("context."):
        return dotted_value({"context": run.context}, expression)
    raise ModelError(f"{run.where()}: identity source {expression!r} is not one API Gateway reads")


def token_matches(run: Execution, authorizer: Authorizer, pattern: str, token: str) -> bool:
    """Whether a TOKEN passes its ``identityValidationExpression``.

    [INFERRED] the **whole** token must match, as Java's ``Pattern.matches`` (selection
    patterns match so too, spec pipeline §8); the docs say only that the token is "matched
    against" a regular expression, and their examples (``^[a-zA-Z0-9]{3,10}$``, SAM's
    ``Bearer.*``) read the same either way. This function is the one place of that choice.
    A pattern Java refuses is a :class:`~vtl.api.model.ModelError` at the authorizer.
    """
    from vtl.java.regex import matches
    from vtl.java.regex_parser import UnsupportedJavaRegex
    from vtl.java.registry import JavaException

    try:
        return matches(token, pattern)
    except JavaException as error:
        reason = (error.message or str(error)).split("\n", 1)[0]
    except UnsupportedJavaRegex as error:
        reason = str(error)
    raise ModelError(located(
        f"authorizer {authorizer.name!r}: identityValidationExpression {pattern!r} is not a "
        f"valid Java regular expression: {reason}", authorizer.source or run.method.source))


def _log_identity_found(run: Execution, authorizer: Authorizer) -> None:
    """[LOCAL] wording: what was checked, and that the authorizer's answer is the caller's."""
    found = {expression: identity_value(run, expression) for expression in authorizer.identity_sources}
    if found:
        run.log.map_line("Incoming identity: ", found)
    else:
        run.log("Incoming identity: none (the REQUEST authorizer has no identity sources)")
    if authorizer.type == "COGNITO_USER_POOLS" and authorizer.identity_validation_expression:
        run.log(f"identityValidationExpression {authorizer.identity_validation_expression} "
                "applies to the verified token's aud: not checked locally")
    given = "given" if run.authorizer is not None else "none given"
    run.log(f"Authorizer {authorizer.name} ({authorizer.type}) not run locally: "
            f"$context.authorizer is the caller's ({given})")

"""Gateway responses: what the client gets when the pipeline stops (spec pipeline §13).

:func:`gateway_response` picks the API's own response for the type, else the API's
``DEFAULT_4XX`` / ``DEFAULT_5XX`` for the type's class, else AWS's default, and builds the
status, headers and body. Customised templates are **not VTL**: only ``$context.*``,
``$stageVariables.*`` and method request parameters are replaced (:func:`substitute`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from vtl.api.mapping import dotted_value, static_value
from vtl.api.model import Api, GatewayResponse

if TYPE_CHECKING:
    from vtl.errors import TemplateError

__all__ = [
    "DEFAULT_STATUS",
    "DEFAULT_TEMPLATE",
    "ENDPOINT_TIMED_OUT",
    "ERROR_TYPE_HEADERS",
    "SPACED_TYPES",
    "GatewayFailure",
    "GatewayReply",
    "gateway_response",
    "substitute",
]

#: Every response type and its default status (``get-gateway-responses``, AWS-REC
#: LS:api::test_gateway_response_crud). DEFAULT_4XX / DEFAULT_5XX have none of their own.
DEFAULT_STATUS: dict[str, int | None] = {
    "ACCESS_DENIED": 403,
    "API_CONFIGURATION_ERROR": 500,
    "AUTHORIZER_CONFIGURATION_ERROR": 500,
    "AUTHORIZER_FAILURE": 500,
    "BAD_REQUEST_BODY": 400,
    "BAD_REQUEST_PARAMETERS": 400,
    "DEFAULT_4XX": None,
    "DEFAULT_5XX": None,
    "EXPIRED_TOKEN": 403,
    "INTEGRATION_FAILURE": 504,
    "INTEGRATION_TIMEOUT": 504,
    "INVALID_API_KEY": 403,
    "INVALID_SIGNATURE": 403,
    "MISSING_AUTHENTICATION_TOKEN": 403,
    "QUOTA_EXCEEDED": 429,
    "REQUEST_TOO_LARGE": 413,
    "RESOURCE_NOT_FOUND": 404,
    "THROTTLED": 429,
    "UNAUTHORIZED": 401,
    "UNSUPPORTED_MEDIA_TYPE": 415,
    "WAF_FILTERED": 403,
}

#: The template of every default gateway response (AWS-REC, spec §13).
DEFAULT_TEMPLATE = '{"message":$context.error.messageString}'

#: The 5XX "Internal server error" bodies AWS sends have a space after the colon
#: (Content-Length 36, AWS-REC spec §6/§13), unlike what DEFAULT_TEMPLATE would give.
INTERNAL_SERVER_ERROR = "Internal server error"
INTERNAL_SERVER_ERROR_BODY = '{"message": "Internal server error"}'
#: An integration timeout's message: 504 ``{"message": "Endpoint request timed out"}``,
#: content-length 41, so with the space too (AWS-USER curl transcript of a REST API whose
#: Lambda ran past 29 s, 2025-05-20, ``x-amzn-errortype: InternalServerErrorException``).
ENDPOINT_TIMED_OUT = "Endpoint request timed out"
#: The 5XX messages whose default body AWS writes with a space after the colon.
SPACED_MESSAGES = (INTERNAL_SERVER_ERROR, ENDPOINT_TIMED_OUT)
#: The types whose default body AWS writes with a space after the colon too, unlike the
#: other 4XX defaults (``{"message":"Forbidden"}``, 23 bytes, in the same transcripts).
#: AWS-USER, each a deployed REST API: an AWS serverless-patterns sample's curl transcript
#: (apigw-s3-lambda-sls-py, 2024-02-07: 400 ``content-length: 35``, "Invalid request body",
#: ``x-amzn-errortype: BadRequestException``); a curl in a course's notes printing
#: ``{"message": "Invalid request body"}`` raw; pulumi-aws-apigateway's integration test,
#: which deploys and compares the body byte for byte with
#: ``{"message": "Missing required request parameters: [key]"}``; a graded exercise
#: expecting exactly ``{"message": "Missing required request parameters: [age]"}`` beside
#: ``{"message":"Forbidden"}``. The spec's compact JARTIC quote (§4) came through a research
#: note's re-typing; these byte counts win. The one place of that choice.
SPACED_TYPES = frozenset({"BAD_REQUEST_BODY", "BAD_REQUEST_PARAMETERS"})

#: ``x-amzn-ErrorType`` per type. Recorded: MissingAuthenticationTokenException,
#: InternalServerErrorException (AWS-REC spec §2, §6); AccessDeniedException (a Lambda
#: authorizer's Deny) and UnauthorizedException (AWS-USER, a REST API's curl tests quoted in
#: a public report, 2026-05); AuthorizerConfigurationException (below). The others are
#: [INFERRED] from the exception names of API Gateway's own API errors (BadRequestException…).
ERROR_TYPE_HEADERS = {
    "MISSING_AUTHENTICATION_TOKEN": "MissingAuthenticationTokenException",
    "INVALID_API_KEY": "ForbiddenException",
    "ACCESS_DENIED": "AccessDeniedException",
    "BAD_REQUEST_BODY": "BadRequestException",
    "BAD_REQUEST_PARAMETERS": "BadRequestException",
    "UNSUPPORTED_MEDIA_TYPE": "UnsupportedMediaTypeException",
    "UNAUTHORIZED": "UnauthorizedException",
    "RESOURCE_NOT_FOUND": "NotFoundException",
    # AWS-USER serverless/serverless#829 (2016-03) and serverless/examples#305 (2018-10): a
    # Lambda authorizer that fails or answers a malformed policy gives a 500 with
    # `x-amzn-ErrorType: AuthorizerConfigurationException`.
    "AUTHORIZER_CONFIGURATION_ERROR": "AuthorizerConfigurationException",
}
_DEFAULT_ERROR_TYPE = {4: "BadRequestException", 5: "InternalServerErrorException"}


class GatewayFailure(Exception):
    """A step stopped the pipeline: this gateway response type answers the client.

    ``status`` replaces the type's default status (the 502 of a malformed Lambda proxy
    result); ``reason`` is the log's "Execution failed due to configuration error" text;
    ``template_error`` the template error that caused it. ``message`` is
    ``$context.error.message`` (None: null, as a failing authorizer leaves it);
    ``default_template`` replaces :data:`DEFAULT_TEMPLATE` when the API does not customise
    the response (an authorizer's Deny, :mod:`vtl.api.authorization`); ``error_type``
    replaces the type's ``x-amzn-ErrorType`` (:data:`ERROR_TYPE_HEADERS`) when the cause
    has its own (an Authorization header that is no signature).
    """

    def __init__(
        self,
        response_type: str,
        message: str | None,
        *,
        default_template: str | None = None,
        status: int | None = None,
        reason: str | None = None,
        validation_error: str | None = None,
        template_error: TemplateError | None = None,
        error_type: str | None = None,
    ) -> None:
        super().__init__(message)
        if response_type not in DEFAULT_STATUS:
            raise ValueError(f"unknown gateway response type {response_type!r}")
        self.response_type = response_type
        self.message = message
        self.status = status
        self.reason = reason
        self.validation_error = validation_error
        self.template_error = template_error
        self.default_template = default_template
        self.error_type = error_type


@dataclass(frozen=True)
class GatewayReply:
    """The status, headers and body a gateway response sends."""

    status: int
    headers: dict[str, str]
    body: str


def gateway_response(
    api: Api,
    failure: GatewayFailure,
    *,
    context: Mapping[str, Any],
    stage_variables: Mapping[str, str],
    request_parameters: Mapping[str, Mapping[str, str]],
) -> GatewayReply:
    """The reply for ``failure``: the API's own response for its type or class, or AWS's."""
    response_type = failure.response_type
    status = failure.status or DEFAULT_STATUS[response_type] or 500
    custom = api.gateway_responses.get(response_type)
    if custom is None:
        # A customised DEFAULT_4XX/5XX applies to every type of its class that is not
        # customised itself (AWS-REC LS:api::test_gateway_response_put, spec §13).
        custom = api.gateway_responses.get(f"DEFAULT_{status // 100}XX")
    if custom is not None and custom.status_code is not None:
        status = int(custom.status_code)
    variables = {
        "context": {
            **context,
            "error": {
                "message": failure.message,
                "messageString": json.dumps(failure.message, ensure_ascii=False),
                "responseType": response_type,
                "validationErrorString": failure.validation_error or "",
            },
        },
        "stageVariables": dict(stage_variables),
        "method": {"request": request_parameters},
    }
    headers = {
        "Content-Type": "application/json",
        "x-amzn-ErrorType": failure.error_type or ERROR_TYPE_HEADERS.get(
            response_type, _DEFAULT_ERROR_TYPE.get(status // 100, "BadRequestException")
        ),
    }
    body = _body(custom, failure, status, variables)
    if custom is not None:
        headers.update(_headers(custom, variables))
    return GatewayReply(status, headers, body)


def _body(
    custom: GatewayResponse | None, failure: GatewayFailure, status: int, variables: dict[str, Any]
) -> str:
    if custom is not None and custom.response_templates:
        templates = custom.response_templates
        template = templates.get("application/json", next(iter(templates.values())))
        return substitute(template, variables)
    spaced = failure.response_type in SPACED_TYPES and failure.default_template is None
    if spaced or (status // 100 == 5 and failure.message in SPACED_MESSAGES):
        return json.dumps({"message": failure.message}, ensure_ascii=False)
    return substitute(failure.default_template or DEFAULT_TEMPLATE, variables)


def _headers(custom: GatewayResponse, variables: dict[str, Any]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for target, source in custom.response_parameters.items():
        prefix = "gatewayresponse.header."
        if not target.startswith(prefix):
            continue  # the readers refuse other targets; nothing else is sent
        value = _source_value(source, variables)
        if value is not None:
            headers[target[len(prefix):]] = value
    return headers


def _source_value(source: str, variables: dict[str, Any]) -> str | None:
    """A gateway response parameter's value: ``'static'``, ``context.x``,
    ``stageVariables.x``, ``method.request.{header,querystring,path}.x``."""
    static = static_value(source)
    return static if static is not None else dotted_value(variables, source)


# $context.a.b, $stageVariables.x, $method.request.header.x, and the ${...} forms.
_VARIABLE = re.compile(
    r"\$\{((?:context|stageVariables|method\.request\.(?:path|querystring|header))"
    r"\.[A-Za-z0-9_.:-]+)\}"
    r"|\$((?:context|stageVariables|method\.request\.(?:path|querystring|header))"
    r"(?:\.[A-Za-z0-9_:-]+)+)"
)


def substitute(template: str, variables: Mapping[str, Any]) -> str:
    """A gateway response template with its variables replaced, everything else kept.

    [INFERRED, spec §13] each ``$context.x``, ``$context.error.x``, ``$stageVariables.x``
    and method request parameter (and the ``${…}`` forms) becomes its value, an unknown
    one the empty string; quotes, ``#`` and ``'`` stay as written.
    """

    def value(match: re.Match[str]) -> str:
        found = dotted_value(variables, match[1] or match[2])
        return "" if found is None else found

    return _VARIABLE.sub(value, template)

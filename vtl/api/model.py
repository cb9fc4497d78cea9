"""The model of a REST API (v1) that the pipeline runs and the definition readers produce.

One class per API Gateway resource type, with AWS's field names in snake case, so a
reader maps a definition onto it field for field and a user can build an API in code:

    >>> from vtl.api import Api, Method, Integration, IntegrationResponse
    >>> api = Api(methods=[
    ...     Method("GET", "/pets/{petId}", integration=Integration(
    ...         "MOCK",
    ...         request_templates={"application/json": '{"statusCode": 200}'},
    ...         responses=[IntegrationResponse("200")],
    ...     )),
    ... ])
    >>> api.find_method("GET", "/pets/{petId}").integration.type
    'MOCK'

Templates may be given as plain strings; they become :class:`MappingTemplate`\\ s, which
also carry where a reader found them (:class:`Source`), so errors point into the user's
own file. Names of parameters follow API Gateway's mapping expressions:
``method.request.querystring.q``, ``integration.request.header.X``,
``method.response.header.Y``. Nothing here runs anything: the pipeline
(:mod:`vtl.api.pipeline`) does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vtl.api.pipeline import Invocation

__all__ = [
    "AUTHORIZER_TYPES",
    "BUILTIN_MODELS",
    "INTEGRATION_TYPES",
    "PASSTHROUGH_BEHAVIORS",
    "Api",
    "Authorizer",
    "GatewayResponse",
    "Integration",
    "IntegrationResponse",
    "MappingTemplate",
    "Method",
    "MethodResponse",
    "Model",
    "ModelError",
    "RequestValidator",
    "Source",
    "is_compression_size",
    "located",
]

#: The integration types of a REST API method (AWS::ApiGateway::Method Integration.Type).
INTEGRATION_TYPES = ("AWS", "AWS_PROXY", "HTTP", "HTTP_PROXY", "MOCK")
#: passthroughBehavior values, as AWS spells them (the definition formats use lower case).
PASSTHROUGH_BEHAVIORS = ("WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER")
CONTENT_HANDLINGS = ("CONVERT_TO_TEXT", "CONVERT_TO_BINARY")
HTTP_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY")
API_KEY_SOURCES = ("HEADER", "AUTHORIZER")
#: The authorizer types of a REST API (AWS::ApiGateway::Authorizer Type).
AUTHORIZER_TYPES = ("TOKEN", "REQUEST", "COGNITO_USER_POOLS")
#: The method authorizationTypes an authorizer serves: a Lambda authorizer (TOKEN or
#: REQUEST) is CUSTOM, a user pool COGNITO_USER_POOLS (AWS::ApiGateway::Method AuthorizationType).
AUTHORIZATION_TYPE_OF = {"TOKEN": "CUSTOM", "REQUEST": "CUSTOM",
                         "COGNITO_USER_POOLS": "COGNITO_USER_POOLS"}
#: The header a user pool authorizer reads its token from when none is named (the
#: console's and SAM's default, AWS-DOC sam-property-api-cognitoauthorizationidentity).
DEFAULT_COGNITO_IDENTITY_SOURCE = "method.request.header.Authorization"
#: What a REQUEST authorizer's identity source may name (AWS-DOC
#: configure-api-gateway-lambda-authorization: headers, query strings, stage variables,
#: $context variables); a TOKEN or user pool authorizer takes one header.
IDENTITY_SOURCE_PREFIXES = (
    "method.request.header.", "method.request.querystring.",
    "method.request.multivaluequerystring.", "stageVariables.", "context.")


class ModelError(ValueError):
    """An API that API Gateway would refuse to build, or a model field of the wrong kind.

    The message names the method and field, and the source (file:line) when known.
    """


@dataclass(frozen=True)
class Source:
    """Where something was defined: a file, and a 1-based line when the format has lines."""

    file: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


def located(text: str, source: Source | None) -> str:
    """``file:line: text`` when where the thing was defined is known, else ``text``."""
    return f"{source}: {text}" if source else text


@dataclass(frozen=True)
class MappingTemplate:
    """A mapping template's text exactly as deployed, and where it was defined.

    ``generated_by`` names the tool that writes this template at deploy time when its text
    is not in the definition and not reproduced (e.g. the Serverless Framework's default
    request templates for ``integration: lambda``): ``text`` is then a visible stand-in,
    listings show ``generated_by``, and the pipeline refuses to run it.

    ``unresolved`` is the first value of the definition the text holds that only a
    deployment knows (a CloudFormation ``${Ref:Table}`` placeholder the reader left
    visible); such a template cannot be run as AWS would run it either.
    ``unresolved_hint`` says what that value is and how to give it, in the reader's own
    terms (a Terraform variable, a Serverless ``${ssm:…}``); None means a parameter of the
    definition given with ``--param NAME=VALUE``, as for CloudFormation.
    """

    text: str
    source: Source | None = None
    generated_by: str | None = None
    unresolved: str | None = None
    unresolved_hint: str | None = None

    def why_not_runnable(self) -> str | None:
        """Why this template cannot be rendered as deployed (None when it can)."""
        if self.generated_by:
            return (f"is written by {self.generated_by} at deploy time: its text is not in the "
                    "definition, so write your own template to run it")
        if self.unresolved:
            hint = self.unresolved_hint or (
                "a value only a deployment knows: give the definition's parameter a value "
                "(--param NAME=VALUE) to run it")
            return f"holds {self.unresolved}, {hint}"
        return None


@dataclass
class Model:
    """A JSON-schema (draft 4) model, referenced by name from method requests."""

    name: str
    schema: dict[str, Any]
    content_type: str = "application/json"
    source: Source | None = None


#: The models API Gateway creates in every REST API, which a method may name without
#: defining them (AWS-DOC models-mappings: "Empty" and "Error"; their schemas as the CDK's
#: EmptyModel/ErrorModel docs quote them). A model the definition itself names so wins.
BUILTIN_MODELS: dict[str, Model] = {
    "Empty": Model("Empty", {
        "$schema": "http://json-schema.org/draft-04/schema#",
        "title": "Empty Schema",
        "type": "object",
    }),
    "Error": Model("Error", {
        "$schema": "http://json-schema.org/draft-04/schema#",
        "title": "Error Schema",
        "type": "object",
        "properties": {"message": {"type": "string"}},
    }),
}


@dataclass
class RequestValidator:
    """``x-amazon-apigateway-request-validators`` / AWS::ApiGateway::RequestValidator."""

    name: str
    validate_request_parameters: bool = False
    validate_request_body: bool = False


@dataclass
class IntegrationResponse:
    """One integration response: chosen by ``selection_pattern`` (None: the default).

    ``response_parameters`` maps ``method.response.header.N`` to a source expression;
    ``response_templates`` maps a MIME type to a template.
    """

    status_code: str
    selection_pattern: str | None = None
    response_parameters: dict[str, str] = field(default_factory=dict)
    response_templates: dict[str, MappingTemplate] = field(default_factory=dict)
    content_handling: str | None = None
    source: Source | None = None

    def __post_init__(self) -> None:
        self.status_code = _status_text(self.status_code, "integration response statusCode")
        if self.selection_pattern == "":
            # An empty pattern is the default response (AWS-REC LS:lambda::
            # test_lambda_aws_integration_with_request_template: its only response, "").
            self.selection_pattern = None
        self.response_templates = _templates(self.response_templates)
        _check_choice(self.content_handling, CONTENT_HANDLINGS, "contentHandling")

    @property
    def is_default(self) -> bool:
        """True for the response without a selection pattern (``default`` in OpenAPI)."""
        return self.selection_pattern is None


@dataclass
class Integration:
    """What a method calls, and how requests and responses are transformed on the way.

    ``uri`` may hold ``{name}`` placeholders (from ``integration.request.path.name``)
    and ``${stageVariables.x}``. ``responses`` keep definition order: when several
    selection patterns match, the first defined wins (a [LOCAL] choice, spec pipeline §8).
    """

    type: str
    uri: str | None = None
    http_method: str | None = None
    request_parameters: dict[str, str] = field(default_factory=dict)
    request_templates: dict[str, MappingTemplate] = field(default_factory=dict)
    passthrough_behavior: str = "WHEN_NO_MATCH"
    content_handling: str | None = None
    responses: list[IntegrationResponse] = field(default_factory=list)
    timeout_ms: int = 29000
    source: Source | None = None
    #: ``BUFFERED`` or ``STREAM`` (response streaming, 2025: responseTransferMode /
    #: ResponseTransferMode / response_transfer_mode / response.transferMode): read so a
    #: STREAM integration is said not to be modelled (sources/checks.py), not run silently
    #: as a buffered one.
    response_transfer_mode: str = "BUFFERED"
    #: ``INTERNET``, or ``VPC_LINK`` for a private integration, which reaches its URI
    #: through the VPC link ``connection_id`` (connectionType / ConnectionType /
    #: connection_type): shown by ``vtl routes``; the backend given answers either way.
    connection_type: str = "INTERNET"
    connection_id: str | None = None

    def __post_init__(self) -> None:
        self.type = _upper_choice(self.type, INTEGRATION_TYPES, "integration type")
        self.connection_type = _upper_choice(self.connection_type, ("INTERNET", "VPC_LINK"), "connectionType")
        self.response_transfer_mode = _upper_choice(
            self.response_transfer_mode, ("BUFFERED", "STREAM"), "responseTransferMode")
        self.passthrough_behavior = _upper_choice(
            self.passthrough_behavior, PASSTHROUGH_BEHAVIORS, "passthroughBehavior"
        )
        if self.http_method is not None:
            self.http_method = self.http_method.upper()
        self.request_templates = _templates(self.request_templates)
        _check_choice(self.content_handling, CONTENT_HANDLINGS, "contentHandling")

    @property
    def is_proxy(self) -> bool:
        """AWS_PROXY and HTTP_PROXY skip templates and integration responses."""
        return self.type in ("AWS_PROXY", "HTTP_PROXY")


@dataclass
class MethodResponse:
    """A declared method response: its status, headers (name → required) and models."""

    status_code: str
    headers: dict[str, bool] = field(default_factory=dict)
    models: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.status_code = _status_text(self.status_code, "method response statusCode")


@dataclass
class Method:
    """A resource path and HTTP method (``ANY`` catches the methods not declared).

    ``request_parameters`` maps ``method.request.{path,querystring,header}.N`` to
    whether it is required; ``request_models`` maps a content type (or ``$default``) to a
    model name; ``request_validator`` names one of the API's validators;
    ``authorizer`` one of the API's authorizers, for an ``authorization_type`` of
    ``CUSTOM`` or ``COGNITO_USER_POOLS`` (None there: the definition does not say which, and
    no identity source is checked).
    """

    http_method: str
    path: str
    integration: Integration | None = None
    request_parameters: dict[str, bool] = field(default_factory=dict)
    request_models: dict[str, str] = field(default_factory=dict)
    request_validator: str | None = None
    api_key_required: bool = False
    authorization_type: str = "NONE"
    authorizer: str | None = None
    method_responses: dict[str, MethodResponse] = field(default_factory=dict)
    operation_name: str | None = None
    source: Source | None = None

    def __post_init__(self) -> None:
        self.http_method = _upper_choice(self.http_method, HTTP_METHODS, "HTTP method")
        if not self.path.startswith("/"):
            raise ModelError(f"resource path {self.path!r} must start with '/'")
        parts = self.path.strip("/").split("/")
        for part in parts[:-1]:
            if part.startswith("{") and part.endswith("+}"):
                # AWS-DOC api-gateway-method-settings-method-request (spec pipeline §2).
                raise ModelError(f"resource path {self.path!r}: {part} must be its last part "
                                 "(a greedy path parameter takes the rest of the path)")

    def __str__(self) -> str:
        return f"{self.http_method} {self.path}"

    def undeclared(self, response: IntegrationResponse) -> str | None:
        """Why API Gateway refuses ``response`` of this method's integration, or None: its
        status has no method response ("Invalid Response status code specified"), or it maps
        a header the method response does not declare ("Invalid mapping expression
        specified") (AWS-REC, spec pipeline §8, §9). A method without any method responses
        (built in code) is taken to declare what its integration responses use."""
        if not self.method_responses:
            return None
        method_response = self.method_responses.get(response.status_code)
        if method_response is None:
            return (f"integration response {response.status_code} has no method response "
                    "(AWS: Invalid Response status code specified)")
        declared = {header.lower() for header in method_response.headers}
        for target in response.response_parameters:
            if target.removeprefix("method.response.header.").lower() not in declared:
                return (f"response parameter {target} is not declared on method response "
                        f"{response.status_code} (AWS: Invalid mapping expression specified)")
        return None


@dataclass
class GatewayResponse:
    """A customised gateway response (``x-amazon-apigateway-gateway-responses``).

    Its templates are not VTL: only ``$context.*``, ``$stageVariables.*`` and method
    request parameters are substituted (spec pipeline §13).
    """

    response_type: str
    status_code: str | None = None
    response_parameters: dict[str, str] = field(default_factory=dict)
    response_templates: dict[str, str] = field(default_factory=dict)
    source: Source | None = None

    def __post_init__(self) -> None:
        if self.status_code is not None:
            self.status_code = _status_text(self.status_code, "gateway response statusCode")


@dataclass
class Authorizer:
    """An authorizer of the API (``x-amazon-apigateway-authorizer``,
    AWS::ApiGateway::Authorizer), named by the methods it protects (``Method.authorizer``).

    ``type`` is ``TOKEN`` or ``REQUEST`` (a Lambda authorizer, methods of authorizationType
    ``CUSTOM``) or ``COGNITO_USER_POOLS``. ``identity_source`` is what API Gateway must
    find in the request before it calls the authorizer: one
    ``method.request.header.NAME`` for TOKEN and user pools (default
    ``method.request.header.Authorization`` for a user pool), a comma-separated list of
    ``method.request.{header,querystring,multivaluequerystring}.NAME``,
    ``stageVariables.NAME`` and ``context.NAME`` for REQUEST (None: nothing is checked,
    which AWS allows only with caching off, ``result_ttl_in_seconds`` 0).
    ``identity_validation_expression`` is the regular expression a TOKEN must match.
    The authorizer itself is not run: its answer is an input of the pipeline::

        >>> Authorizer("jwt", "TOKEN", "method.request.header.Authorization").identity_sources
        ['method.request.header.Authorization']
    """

    name: str
    type: str
    identity_source: str | None = None
    identity_validation_expression: str | None = None
    result_ttl_in_seconds: int = 300
    source: Source | None = None

    def __post_init__(self) -> None:
        try:
            self.type = _upper_choice(self.type, AUTHORIZER_TYPES, f"authorizer {self.name!r}: type")
        except ModelError as error:
            raise ModelError(located(str(error), self.source)) from None
        if self.identity_source is not None and not self.identity_source.strip():
            self.identity_source = None
        if self.identity_source is None and self.type == "COGNITO_USER_POOLS":
            self.identity_source = DEFAULT_COGNITO_IDENTITY_SOURCE
        what = f"authorizer {self.name!r}"
        if self.identity_source is None:
            if self.type == "TOKEN":
                raise ModelError(located(f"{what}: a TOKEN authorizer needs an identitySource "
                                         "(method.request.header.NAME)", self.source))
            if self.result_ttl_in_seconds > 0:
                # AWS-DOC API_CreateAuthorizer identitySource: "required when authorization
                # caching is enabled" for REQUEST.
                raise ModelError(located(
                    f"{what}: a REQUEST authorizer with caching on (authorizerResultTtlInSeconds "
                    f"{self.result_ttl_in_seconds}) needs an identitySource", self.source))
        for expression in self.identity_sources:
            self._check_expression(expression, what)
        if self.type != "REQUEST" and len(self.identity_sources) != 1:
            raise ModelError(located(f"{what}: identitySource {self.identity_source!r} must be "
                                     "one header (method.request.header.NAME)", self.source))

    def _check_expression(self, expression: str, what: str) -> None:
        request = self.type == "REQUEST"
        allowed = IDENTITY_SOURCE_PREFIXES if request else IDENTITY_SOURCE_PREFIXES[:1]
        if not any(expression.startswith(p) and len(expression) > len(p) for p in allowed):
            kinds = ("method.request.header.NAME, method.request.querystring.NAME, "
                     "method.request.multivaluequerystring.NAME, stageVariables.NAME or "
                     "context.NAME" if request else "method.request.header.NAME")
            raise ModelError(located(
                f"{what}: identity source {expression!r} is not one of {kinds}", self.source))

    @property
    def identity_sources(self) -> list[str]:
        """The mapping expressions of ``identity_source``, in order."""
        if self.identity_source is None:
            return []
        return [part.strip() for part in self.identity_source.split(",") if part.strip()]

    @property
    def authorization_type(self) -> str:
        """The authorizationType of the methods it protects: CUSTOM or COGNITO_USER_POOLS."""
        return AUTHORIZATION_TYPE_OF[self.type]


def is_compression_size(size: object) -> bool:
    """Whether ``size`` is a ``minimumCompressionSize`` API Gateway takes (AWS-DOC
    api-gateway-gzip-compression-decompression: "a non-negative integer between 0 and
    10485760 (10M bytes)")."""
    return isinstance(size, int) and not isinstance(size, bool) and 0 <= size <= 10485760


@dataclass
class Api:
    """A REST API: its methods and everything they refer to.

    ``authorizers`` maps a name to an :class:`Authorizer` (methods name theirs in
    ``Method.authorizer``). ``stages`` maps a stage name to its stage variables;
    ``api_keys`` (a [LOCAL] notion, spec pipeline §3) lists the keys accepted, None meaning
    any non-empty key.
    ``minimum_compression_size`` is the API's ``minimumCompressionSize`` (None: response
    compression off; :mod:`vtl.api.compression`).
    ``format`` and ``source`` say which reader built it from which file (None in code);
    ``warnings`` what the reader skipped, as API Gateway's import would with a warning
    (``file:line: what``), so nothing is dropped silently.
    """

    methods: list[Method] = field(default_factory=list)
    name: str = "api"
    models: dict[str, Model] = field(default_factory=dict)
    request_validators: dict[str, RequestValidator] = field(default_factory=dict)
    authorizers: dict[str, Authorizer] = field(default_factory=dict)
    gateway_responses: dict[str, GatewayResponse] = field(default_factory=dict)
    stages: dict[str, dict[str, str]] = field(default_factory=dict)
    api_key_source: str = "HEADER"
    api_keys: list[str] | None = None
    binary_media_types: list[str] = field(default_factory=list)
    minimum_compression_size: int | None = None
    format: str | None = None
    source: Source | None = None
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.api_key_source = _upper_choice(self.api_key_source, API_KEY_SOURCES, "apiKeySource")
        size = self.minimum_compression_size
        if size is not None and not is_compression_size(size):
            raise ModelError(located(f"minimumCompressionSize {size!r} is not an integer from 0 to 10485760",
                                     self.source))
        seen: set[tuple[str, str]] = set()
        for method in self.methods:
            key = (method.http_method, method.path)
            if key in seen:
                raise ModelError(located(f"{method} is defined twice", method.source))
            seen.add(key)

    def find_method(self, http_method: str, path: str) -> Method | None:
        """The method declared for ``http_method`` on the resource ``path`` exactly, or None."""
        wanted = http_method.upper()
        for method in self.methods:
            if method.http_method == wanted and method.path == path:
                return method
        return None

    def invoke(
        self,
        method: str,
        path: str,
        *,
        headers: Mapping[str, str | list[str]] | None = None,
        body: str | bytes | None = None,
        stage: str | None = None,
        stage_variables: Mapping[str, str] | None = None,
        authorizer: Mapping[str, Any] | None = None,
        identity: Mapping[str, Any] | None = None,
        backend: Any = None,
        authorizer_outcome: str | None = None,
    ) -> Invocation:
        """Run ``method path`` (``path`` may carry ``?query``) as API Gateway does, request to
        response, with ``backend`` answering for the integration: see :func:`vtl.api.pipeline.invoke`."""
        from vtl.api.pipeline import invoke

        return invoke(
            self, method, path, headers=headers, body=body, stage=stage,
            stage_variables=stage_variables, authorizer=authorizer, identity=identity,
            backend=backend, authorizer_outcome=authorizer_outcome,
        )


def _templates(templates: Mapping[str, MappingTemplate | str]) -> dict[str, MappingTemplate]:
    result: dict[str, MappingTemplate] = {}
    for content_type, template in templates.items():
        if isinstance(template, str):
            template = MappingTemplate(template)
        elif not isinstance(template, MappingTemplate):
            raise ModelError(
                f"the template for {content_type!r} must be a string, not {type(template).__name__}"
            )
        result[content_type] = template
    return result


def _status_text(value: object, what: str) -> str:
    text = str(value)
    if isinstance(value, bool) or not text.isdigit() or len(text) != 3:
        raise ModelError(f"{what} must be a three-digit HTTP status, not {value!r}")
    return text


def _upper_choice(value: str, choices: tuple[str, ...], what: str) -> str:
    upper = str(value).upper()
    if upper not in choices:
        raise ModelError(f"{what} {value!r} is not one of {', '.join(choices)}")
    return upper


def _check_choice(value: str | None, choices: tuple[str, ...], what: str) -> None:
    if value is not None and value not in choices:
        raise ModelError(f"{what} {value!r} is not one of {', '.join(choices)}")

"""OpenAPI 3.x and 2.0 (Swagger) with API Gateway's ``x-amazon-apigateway-*`` extensions.

This reads what ``aws apigateway get-export --export-type oas30|swagger --extensions
integrations`` writes (and what users import): every operation becomes a
:class:`~vtl.api.model.Method`, its ``x-amazon-apigateway-integration`` the
:class:`~vtl.api.model.Integration` with its templates and responses, request bodies and
definitions the :class:`~vtl.api.model.Model`\\ s, ``security`` with an ``apiKey`` scheme
``api_key_required``. :func:`read_openapi` is also what the CloudFormation (``Body``) and
Terraform (``body``) readers call for an OpenAPI document held inside their own file.

What each extension holds is documented by AWS under "API Gateway extensions to OpenAPI"
(developer guide, pages ``api-gateway-swagger-extensions-*``); field names below are theirs.
Local ``$ref``\\ s (``#/components/...``, ``#/definitions/...``, ``#/parameters/...``) are
followed; schemas of models keep their ``$ref``\\ s as written (``#/components/schemas/X``
or ``#/definitions/X``, both naming the model ``X``).

Not read, because nothing a local run does depends on them: the integration's
``credentials``, ``cacheKeyParameters``, ``cacheNamespace``, ``connectionType``/``connectionId``
and ``tlsConfig``; ``x-amazon-apigateway-endpoint-configuration``,
``-documentation``, ``-tag-value``
(``x-amazon-apigateway-policy`` is not evaluated either: a warning says so). A security scheme with
``x-amazon-apigateway-authorizer`` becomes an :class:`~vtl.api.model.Authorizer` of the
scheme's name (its identity sources and validation expression; the Lambda it calls is not
read: the authorizer's answer is an input of the pipeline), and a method whose ``security``
names it gets its ``authorization_type`` and ``authorizer``. Exports carry no stage
variables. What API Gateway's import skips with a warning goes to ``Api.warnings``; HTTP
API (v2) documents are an error. An integration response whose status (or mapped header)
the method does not declare is refused by API Gateway (spec pipeline §8, §9) but read here
as written: the pipeline decides what it does.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from vtl.api.model import (
    BUILTIN_MODELS,
    Api,
    Authorizer,
    GatewayResponse,
    Integration,
    IntegrationResponse,
    MappingTemplate,
    Method,
    MethodResponse,
    Model,
    ModelError,
    RequestValidator,
    Source,
)
from vtl.api.sources.document import (
    DefinitionError,
    Document,
    compression_size,
    default_endpoint_disabled,
    did_you_mean,
    load_document,
    resource_policy_not_evaluated,
)
from vtl.api.sources.locate import folded_warnings

__all__ = ["FORMAT", "looks_like", "read", "read_document", "read_openapi", "recognises"]

FORMAT = "openapi"

At = tuple[Hashable, ...]
T = TypeVar("T")

#: Operation keys of a path item, as OpenAPI spells them, and the method each stands for.
#: ``x-amazon-apigateway-any-method`` is API Gateway's ANY (AWS docs of that extension).
OPERATION_KEYS = {
    "get": "GET",
    "put": "PUT",
    "post": "POST",
    "delete": "DELETE",
    "options": "OPTIONS",
    "head": "HEAD",
    "patch": "PATCH",
    "x-amazon-apigateway-any-method": "ANY",
}
#: Path item keys that are not operations and hold nothing a REST API method needs.
PATH_ITEM_OTHER_KEYS = {"parameters", "summary", "description", "servers", "$ref"}
#: OpenAPI parameter locations → API Gateway's method request parameter kinds.
PARAMETER_LOCATIONS = {"path": "path", "query": "querystring", "header": "header"}
#: The header API Gateway reads API keys from (AWS docs: api-gateway-api-key-source;
#: exports declare it as an ``apiKey`` scheme named ``x-api-key`` ``in: header``).
API_KEY_HEADER = "x-api-key"
#: Only HTTP API (v2) exports carry it (AWS docs: x-amazon-apigateway-importexport-version);
#: HTTP APIs have other events and no templates, so reading one as a REST API would mislead.
HTTP_API_MARKER = "x-amazon-apigateway-importexport-version"
#: HTTP APIs' CORS settings (AWS docs: x-amazon-apigateway-cors, "HTTP APIs only").
HTTP_API_CORS = "x-amazon-apigateway-cors"
#: The fields of ``x-amazon-apigateway-integration`` and of one of its ``responses``, and
#: the extensions an operation may carry (AWS docs: api-gateway-swagger-extensions-integration,
#: -integration-response, -request-validator, -auth). Anything else is reported, so that a
#: misspelt ``requestTemplate`` is not silently a method without templates.
INTEGRATION_FIELDS = (
    "cacheKeyParameters", "cacheNamespace", "connectionId", "connectionType", "contentHandling",
    "credentials", "httpMethod", "integrationSubtype", "integrationTarget", "passthroughBehavior",
    "payloadFormatVersion", "requestParameters", "requestTemplates", "responseTransferMode",
    "responses", "timeoutInMillis", "tlsConfig", "type", "uri")
#: The fields of an x-amazon-apigateway-gateway-responses entry (AWS-DOC
#: api-gateway-swagger-extensions-gateway-responses).
GATEWAY_RESPONSE_FIELDS = ("statusCode", "responseParameters", "responseTemplates")

INTEGRATION_RESPONSE_FIELDS = (
    "contentHandling", "responseParameters", "responseTemplates", "statusCode")
OPERATION_EXTENSIONS = (
    "x-amazon-apigateway-auth", "x-amazon-apigateway-integration",
    "x-amazon-apigateway-request-validator")
#: The extensions API Gateway reads at the top level of a document only (AWS-DOC
#: api-gateway-swagger-extensions).
API_EXTENSIONS = frozenset({
    "x-amazon-apigateway-api-key-source", "x-amazon-apigateway-binary-media-types",
    "x-amazon-apigateway-documentation", "x-amazon-apigateway-endpoint-configuration",
    "x-amazon-apigateway-gateway-responses", "x-amazon-apigateway-minimum-compression-size",
    "x-amazon-apigateway-policy", "x-amazon-apigateway-request-validators",
    "x-amazon-apigateway-importexport-version", "x-amazon-apigateway-cors",
})
#: The fields of ``x-amazon-apigateway-authorizer`` (AWS docs:
#: api-gateway-swagger-extensions-authorizer; the last four are HTTP APIs'). Others are
#: reported: a misspelt ``identitysource`` must not silently mean the default header.
AUTHORIZER_FIELDS = (
    "type", "authorizerUri", "authorizerCredentials", "identitySource",
    "identityValidationExpression", "authorizerResultTtlInSeconds", "providerARNs",
    "authorizerPayloadFormatVersion", "enableSimpleResponses", "jwtConfiguration")
#: What SAM writes for a method without the API's default authorizer (``Auth: Authorizer:
#: NONE``): ``security: [{NONE: []}]``, a scheme it does not define (aws-sam-translator's
#: output, read in tests/api/test_source_authorizers.py); [INFERRED] it means no
#: authorization, as SAM users deploy it.
NO_AUTHORIZER = "NONE"
#: ``x-amazon-apigateway-authorizer`` types → the method's authorizationType.
AUTHORIZER_TYPES = {
    "token": "CUSTOM",
    "request": "CUSTOM",
    "cognito_user_pools": "COGNITO_USER_POOLS",
}


def recognises(path: Path, document: Document | None) -> bool:
    """True for a JSON/YAML document with a top-level ``openapi`` or ``swagger`` field."""
    data = document.data if document is not None else None
    return isinstance(data, dict) and ("openapi" in data or "swagger" in data)


def looks_like(path: Path, document: Document | None) -> str | None:
    """What an OpenAPI-looking file lacks, for the error of a file no reader recognises."""
    data = document.data if document is not None else None
    if isinstance(data, dict) and "paths" in data and not recognises(path, document):
        return (
            "looks like OpenAPI (it has 'paths') but has no 'openapi: 3.0.1' or "
            "'swagger: \"2.0\"' field saying which version it is"
        )
    return None


def read(path: Path, params: Mapping[str, str] | None = None) -> Api:
    """Read the OpenAPI file ``path`` (JSON or YAML)."""
    return read_document(load_document(path), params)


def read_document(document: Document, params: Mapping[str, str] | None = None) -> Api:
    """The API of an OpenAPI file already parsed (``load_api`` parses each file once)."""
    if params:
        raise DefinitionError(
            f"an OpenAPI definition has no parameters to set (given: {', '.join(params)})",
            document.source(),
        )
    api = read_openapi(document.data, document)
    api.warnings.extend(folded_warnings(api))
    return api


def read_openapi(
    data: Any, document: Document | None, at: At = (), *, rest_api: bool = False
) -> Api:
    """The API an OpenAPI 3.x or 2.0 document describes.

    ``data`` is the document; ``document`` the file it was read from (for lines: every
    template keeps its :class:`~vtl.api.model.Source`), or None when it was built in
    memory; ``at`` the path of ``data`` inside ``document`` when it is held inside another
    definition (a CloudFormation ``Body``), so that lines stay right. ``rest_api``: the
    document is known to be deployed as a REST API (the Body of an
    ``AWS::ApiGateway::RestApi``), so HTTP API extensions in it are ignored, as importing
    it into a REST API ignores them, rather than taken for the sign of an HTTP API export.
    """
    return _Reader(data, document, tuple(at), rest_api).api()


class _Reader:
    """One OpenAPI document being read: its data, version and where it sits in its file."""

    def __init__(self, data: Any, document: Document | None, at: At, rest_api: bool = False) -> None:
        self.document = document
        self.root = at
        self.rest_api = rest_api
        self.data = self.mapping(data, at, "the OpenAPI document")
        self.version = self.version_of(self.data)
        self.models: dict[str, Model] = {}
        self.warnings: list[str] = []

    # --- where things are ----------------------------------------------------------------

    def source(self, at: At) -> Source | None:
        return self.document.source(at) if self.document is not None else None

    def error(self, message: str, at: At) -> DefinitionError:
        return DefinitionError(message, self.source(at))

    def field_name(self, at: At) -> str:
        return ".".join(str(part) for part in at[len(self.root) :]) or "the document"

    def mapping(self, value: Any, at: At, what: str | None = None) -> dict[Any, Any]:
        if not isinstance(value, dict):
            raise self.error(
                f"{what or self.field_name(at)} must be a mapping, not {_kind(value)}", at
            )
        return value

    def text(self, value: Any, at: At) -> str:
        if not isinstance(value, str):
            raise self.error(f"{self.field_name(at)} must be a string, not {_kind(value)}", at)
        return value

    def status(self, value: Any, at: At) -> str:
        """An integration response's statusCode: a string, or a number as YAML writes it."""
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return self.text(value, at)

    def optional(
        self, data: Mapping[str, Any], key: str, at: At, read: Callable[[Any, At], T]
    ) -> T | None:
        return read(data[key], (*at, key)) if data.get(key) is not None else None

    def strings(self, value: Any, at: At) -> dict[str, str]:
        """A mapping of strings to strings (parameters, templates)."""
        return {key: self.text(item, (*at, key)) for key, item in self.mapping(value, at).items()}

    def build(self, at: At, make: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """A model object, its :class:`ModelError` turned into a located DefinitionError."""
        try:
            return make(*args, **kwargs)
        except ModelError as error:
            raise self.error(f"{self.field_name(at)}: {error}", at) from None

    def version_of(self, data: dict[Any, Any]) -> int:
        if "openapi" in data:
            version = str(data["openapi"])
            if version.startswith("3."):
                return 3
            raise self.error(
                f"openapi version {version!r} is not 3.x (2.0 files say 'swagger: \"2.0\"')",
                (*self.root, "openapi"),
            )
        if "swagger" in data:
            if str(data["swagger"]) == "2.0":
                return 2
            raise self.error(
                f"swagger version {data['swagger']!r} is not 2.0", (*self.root, "swagger")
            )
        raise self.error(
            "an OpenAPI document needs an 'openapi: 3.x' or 'swagger: \"2.0\"' field", self.root
        )

    def resolve(self, value: Any, at: At) -> tuple[Any, At]:
        """Follow local ``$ref``\\ s; the value and its own path (for its lines)."""
        seen: set[str] = set()
        while isinstance(value, dict) and "$ref" in value:
            ref = self.text(value["$ref"], (*at, "$ref"))
            if not ref.startswith("#/"):
                raise self.error(
                    f"$ref {ref!r} points outside this file; only '#/...' references are followed",
                    (*at, "$ref"),
                )
            if ref in seen:
                raise self.error(f"$ref {ref!r} refers to itself", (*at, "$ref"))
            seen.add(ref)
            value, at = self.pointer(ref, (*at, "$ref"))
        return value, at

    def pointer(self, ref: str, at: At) -> tuple[Any, At]:
        value: Any = self.data
        target: At = self.root
        for part in ref[2:].split("/"):
            key = part.replace("~1", "/").replace("~0", "~")
            if isinstance(value, dict) and key in value:
                value = value[key]
                target = (*target, key)
            elif isinstance(value, list) and key.isdigit() and int(key) < len(value):
                value = value[int(key)]
                target = (*target, int(key))
            else:
                raise self.error(f"$ref {ref!r} names nothing in this document", at)
        return value, target

    # --- the API ------------------------------------------------------------------------

    def api(self) -> Api:
        data, root = self.data, self.root
        if HTTP_API_MARKER in data:
            self.http_api_extension((*root, HTTP_API_MARKER))
        if HTTP_API_CORS in data:  # not an error: a REST API imports the rest of the file
            at = (*root, HTTP_API_CORS)
            self.warnings.append(
                f"{self.source(at) or ''}: {HTTP_API_CORS} configures CORS of HTTP APIs only; a "
                "REST API ignores it (its CORS answers are the OPTIONS methods it defines)"
            )
        if "x-amazon-apigateway-policy" in data:
            at = (*root, "x-amazon-apigateway-policy")
            self.warnings.append(resource_policy_not_evaluated(self.source(at), self.field_name(at)))
        endpoint = data.get("x-amazon-apigateway-endpoint-configuration")
        if isinstance(endpoint, dict) and str(endpoint.get("disableExecuteApiEndpoint")).lower() == "true":
            at = (*root, "x-amazon-apigateway-endpoint-configuration", "disableExecuteApiEndpoint")
            self.warnings.append(default_endpoint_disabled(self.source(at), self.field_name(at)))
        self.read_models()
        validators = self.read_validators()
        api = self.build(
            root,
            Api,
            name=self.title(),
            format=FORMAT,
            source=self.source(root),
            models=self.models,
            request_validators=validators,
            authorizers=self.read_authorizers(),
            gateway_responses=self.read_gateway_responses(),
            api_key_source=self.optional(
                data, "x-amazon-apigateway-api-key-source", root, self.text
            )
            or "HEADER",
            binary_media_types=self.read_binary_media_types(),
            minimum_compression_size=self.read_compression_size(),
            stages=self.read_stages(),
        )
        default_validator = self.optional(
            data, "x-amazon-apigateway-request-validator", root, self.text
        )
        if default_validator is not None and default_validator not in validators:
            raise self.unknown_validator(
                default_validator, (*root, "x-amazon-apigateway-request-validator")
            )
        paths = self.mapping(data.get("paths", {}), (*root, "paths"))
        for path, item in paths.items():
            api.methods.extend(
                self.read_path(str(path), item, (*root, "paths", path), default_validator)
            )
        api.warnings.extend(self.warnings)
        return api

    def title(self) -> str:
        info = self.data.get("info")
        title = info.get("title") if isinstance(info, dict) else None
        return title if isinstance(title, str) and title else "api"

    def read_models(self) -> None:
        """``components.schemas`` (3.x) or ``definitions`` (2.0): the API's models."""
        at = (
            (*self.root, "components", "schemas")
            if self.version == 3
            else (*self.root, "definitions")
        )
        container: Any = self.data
        for key in at[len(self.root) :]:
            container = container.get(key) if isinstance(container, dict) else None
        if container is None:
            return
        for name, schema in self.mapping(container, at).items():
            self.models[str(name)] = Model(
                str(name), self.mapping(schema, (*at, name)), source=self.source((*at, name))
            )

    def read_validators(self) -> dict[str, RequestValidator]:
        """``x-amazon-apigateway-request-validators``: name → which checks it makes."""
        key = "x-amazon-apigateway-request-validators"
        at = (*self.root, key)
        validators = {}
        for name, spec in self.mapping(self.data.get(key, {}), at).items():
            spec = self.mapping(spec, (*at, name))
            validators[str(name)] = RequestValidator(
                str(name),
                validate_request_parameters=self.flag(
                    spec, "validateRequestParameters", (*at, name)
                ),
                validate_request_body=self.flag(spec, "validateRequestBody", (*at, name)),
            )
        return validators

    def flag(self, data: Mapping[str, Any], key: str, at: At) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            raise self.error(
                f"{self.field_name((*at, key))} must be true or false, not {value!r}", (*at, key)
            )
        return value

    def read_gateway_responses(self) -> dict[str, GatewayResponse]:
        """``x-amazon-apigateway-gateway-responses``: type → status, headers, templates."""
        key = "x-amazon-apigateway-gateway-responses"
        at = (*self.root, key)
        responses = {}
        for response_type, spec in self.mapping(self.data.get(key, {}), at).items():
            where = (*at, response_type)
            spec = self.mapping(spec, where)
            # A CloudFormation-style `ResponseParameters:` (a blog's OpenAPI file) would
            # otherwise leave the response with no headers without a word.
            self.warn_unknown(spec, GATEWAY_RESPONSE_FIELDS, where)
            responses[str(response_type)] = self.build(
                where,
                GatewayResponse,
                str(response_type),
                status_code=self.optional(spec, "statusCode", where, _status),
                response_parameters=self.optional(spec, "responseParameters", where, self.strings)
                or {},
                response_templates=self.optional(spec, "responseTemplates", where, self.strings)
                or {},
                source=self.source(where),
            )
        return responses

    def read_binary_media_types(self) -> list[str]:
        key = "x-amazon-apigateway-binary-media-types"
        at = (*self.root, key)
        value = self.data.get(key, [])
        if not isinstance(value, list):
            raise self.error(f"{key} must be a list of media types, not {_kind(value)}", at)
        return [self.text(item, (*at, i)) for i, item in enumerate(value)]

    def read_compression_size(self) -> int | None:
        key = "x-amazon-apigateway-minimum-compression-size"
        at = (*self.root, key)
        return compression_size(self.data.get(key), self.source(at), key)

    def read_stages(self) -> dict[str, dict[str, str]]:
        """The stage an export was taken from: 2.0 ``basePath``, 3.x the ``basePath`` server
        variable. Exports carry no stage variables, so the stage has none."""
        base: Any = self.data.get("basePath")
        if self.version == 3:
            servers = self.data.get("servers")
            if servers is not None and not isinstance(servers, list):
                # OpenAPI 3: "servers: [Server Object]" (aws-samples/serverless-patterns
                # apigw-mappingtemplate-lambda/api.yaml writes a mapping): said, not dropped
                at = (*self.root, "servers")
                self.warnings.append(
                    f"{self.source(at) or ''}: servers must be a list of Server Objects, not "
                    f"{_kind(servers)}; its basePath (the stage) is not read")
            first = servers[0] if isinstance(servers, list) and servers else None
            variables = first.get("variables") if isinstance(first, dict) else None
            variable = variables.get("basePath") if isinstance(variables, dict) else None
            base = variable.get("default") if isinstance(variable, dict) else None
        stage = base.strip("/") if isinstance(base, str) else ""
        return {stage: {}} if stage and "/" not in stage else {}

    def http_api_extension(self, at: At) -> None:
        """An HTTP API (v2) field: in a file of its own it marks an HTTP API export (an
        error); in a REST API's Body a warning, since importing the Body ignores it."""
        if self.rest_api:
            why = "this definition is deployed as a REST API"
        elif _uses_rest_features(self.data):
            why = "this definition has mapping templates or aws, http or mock integrations, so it is a REST API"
        else:
            raise self.http_api(at)
        self.warnings.append(
            f"{self.source(at) or ''}: {self.field_name(at)} belongs to HTTP APIs (API Gateway "
            f"v2); {why}, which ignores it"
        )

    def http_api(self, at: At) -> DefinitionError:
        return self.error(
            f"{at[-1]} belongs to HTTP APIs (API Gateway v2), which have no mapping templates; "
            "this tool runs REST APIs (v1)",
            at,
        )

    def unknown_validator(self, name: str, at: At) -> DefinitionError:
        return self.error(
            f"request validator {name!r} is not defined in x-amazon-apigateway-request-validators",
            at,
        )

    # --- methods ------------------------------------------------------------------------

    def read_path(
        self, path: str, item: Any, at: At, default_validator: str | None
    ) -> list[Method]:
        item, item_at = self.resolve(self.mapping(item, at), at)
        item = self.mapping(item, item_at)
        shared = item.get("parameters", [])
        methods = []
        for key, operation in item.items():
            if key in OPERATION_KEYS and self.names_uncreated_authorizer(operation, (*item_at, key)):
                continue
            if key in OPERATION_KEYS:
                methods.append(
                    self.read_operation(
                        OPERATION_KEYS[key],
                        path,
                        operation,
                        (*item_at, key),
                        shared,
                        (*item_at, "parameters"),
                        default_validator,
                    )
                )
            elif key == "trace":
                raise self.error("API Gateway has no TRACE method", (*item_at, key))
            elif key not in PATH_ITEM_OTHER_KEYS and not str(key).startswith("x-"):
                raise self.error(
                    f"{key!r} is not an HTTP method or a path item field", (*item_at, key)
                )
        return methods

    def read_operation(
        self,
        http_method: str,
        path: str,
        operation: Any,
        at: At,
        shared: Any,
        shared_at: At,
        default_validator: str | None,
    ) -> Method:
        operation = self.mapping(operation, at)
        parameters, models = self.read_parameters(shared, shared_at, operation, at)
        if self.version == 3 and operation.get("requestBody") is not None:
            models.update(
                self.read_request_body(
                    operation["requestBody"], (*at, "requestBody"), f"{http_method} {path}"
                )
            )
        validator = self.optional(operation, "x-amazon-apigateway-request-validator", at, self.text)
        if validator is not None and validator not in self.known_validators():
            raise self.unknown_validator(validator, (*at, "x-amazon-apigateway-request-validator"))
        authorization, authorizer, api_key = self.read_security(operation, at)
        integration = self.optional(
            operation, "x-amazon-apigateway-integration", at, self.read_integration
        )
        for key in API_EXTENSIONS.intersection(operation):
            # A deployment tool's README merges x-amazon-apigateway-binary-media-types into
            # every operation: API Gateway reads it only at the top of the document.
            self.warnings.append(f"{self.source((*at, key)) or ''}: {self.field_name((*at, key))} "
                                 "is an extension of the whole API, not of an operation: write "
                                 "it at the top level of the document; ignored here")
        self.warn_unknown({key: value for key, value in operation.items()
                           if key not in API_EXTENSIONS}, OPERATION_EXTENSIONS, at,
                          "an API Gateway extension of an operation", "x-amazon-apigateway-")
        return self.build(
            at,
            Method,
            http_method,
            path,
            integration=integration,
            request_parameters=parameters,
            request_models=models,
            request_validator=validator if validator is not None else default_validator,
            api_key_required=api_key,
            authorization_type=authorization,
            authorizer=authorizer,
            method_responses=self.read_method_responses(operation, at),
            operation_name=self.optional(operation, "operationId", at, self.text),
            source=self.source(at),
        )

    def known_validators(self) -> dict[str, Any]:
        value = self.data.get("x-amazon-apigateway-request-validators")
        return value if isinstance(value, dict) else {}

    def read_parameters(
        self, shared: Any, shared_at: At, operation: dict[str, Any], at: At
    ) -> tuple[dict[str, bool], dict[str, str]]:
        """``method.request.<kind>.<name>`` → required, and the request models a 2.0
        ``in: body`` parameter gives."""
        by_key = self.parameter_list(shared, shared_at, operation, at)
        parameters: dict[str, bool] = {}
        models: dict[str, str] = {}
        for (location, name), (parameter, where) in by_key.items():
            if location in PARAMETER_LOCATIONS:
                required = parameter.get("required", False)
                if not isinstance(required, bool):
                    raise self.error(
                        f"parameter {name!r}: required must be true or false", (*where, "required")
                    )
                parameters[f"method.request.{PARAMETER_LOCATIONS[location]}.{name}"] = required
            elif location == "body" and self.version == 2:
                model = self.model_for(parameter.get("schema"), (*where, "schema"), f"{name} body")
                for content_type in self.media_types("consumes", operation, at):
                    models[content_type] = model
            else:
                # API Gateway's import skips these with a warning (REST APIs map path, query
                # and header parameters only); say so rather than drop them silently.
                self.warnings.append(
                    f"{self.source(where) or self.field_name(where)}: parameter "
                    f"{name!r} in {location!r} is not a REST API request parameter; ignored"
                )
        return parameters, models

    def parameter_list(
        self, shared: Any, shared_at: At, operation: dict[str, Any], at: At
    ) -> dict[tuple[str, str], tuple[dict[str, Any], At]]:
        """Path-level then operation-level parameters by (location, name), each with where it
        is written: the operation's win, as OpenAPI says."""
        by_key: dict[tuple[str, str], tuple[dict[str, Any], At]] = {}
        for container, container_at in (
            (shared, shared_at),
            (operation.get("parameters", []), (*at, "parameters")),
        ):
            if not isinstance(container, list):
                raise self.error(
                    f"{self.field_name(container_at)} must be a list, not {_kind(container)}",
                    container_at,
                )
            for index, raw in enumerate(container):
                parameter, where = self.resolve(raw, (*container_at, index))
                parameter = self.mapping(parameter, where)
                for needed in ("name", "in"):
                    if needed not in parameter:  # e.g. the object nested one level too deep
                        keys = ", ".join(map(str, parameter)) or "none"
                        raise self.error(f"{self.field_name(where)} has no {needed!r} (its keys: {keys})",
                                         where)
                name = self.text(parameter.get("name"), (*where, "name"))
                location = self.text(parameter.get("in"), (*where, "in"))
                by_key[(location, name)] = (parameter, where)
        return by_key

    def media_types(self, key: str, operation: dict[str, Any], at: At) -> list[str]:
        """2.0 ``consumes``/``produces`` of the operation, else of the document, else JSON."""
        for data, where in ((operation, at), (self.data, self.root)):
            if data.get(key) is not None:
                value = data[key]
                if not isinstance(value, list) or not value:
                    raise self.error(
                        f"{key} must be a non-empty list of media types", (*where, key)
                    )
                return [self.text(item, (*where, key, i)) for i, item in enumerate(value)]
        return ["application/json"]

    def read_request_body(self, body: Any, at: At, method: str) -> dict[str, str]:
        """3.x ``requestBody.content``: media type → model name."""
        body, where = self.resolve(body, at)
        content = self.mapping(self.mapping(body, where).get("content", {}), (*where, "content"))
        models = {}
        for content_type, media in content.items():
            media_at = (*where, "content", content_type)
            schema = self.mapping(media, media_at).get("schema")
            if schema is not None:
                models[str(content_type)] = self.model_for(
                    schema, (*media_at, "schema"), f"{method} {content_type}"
                )
        return models

    def model_for(self, schema: Any, at: At, inline_name: str) -> str:
        """The name of the model a schema refers to; an inline schema becomes a model of its
        own, named after where it is (API Gateway names such models itself on import; the
        name is local and never shown to the template)."""
        schema = self.mapping(schema, at)
        ref = schema.get("$ref")
        if isinstance(ref, str) and len(schema) == 1:
            prefix = "#/components/schemas/" if self.version == 3 else "#/definitions/"
            name = ref.removeprefix(prefix)
            if ref.startswith(prefix) and name not in self.models and name in BUILTIN_MODELS:
                # [AWS-USER, INFERRED] every REST API holds Empty and Error: a production
                # Terraform body (nationalarchives/tdr-terraform-environments
                # templates/api_gateway/backend_checks.json.tpl) names
                # #/components/schemas/Empty without defining it, and is imported as is.
                # What the import does is not documented: taken as the built-in model.
                return name
            if not ref.startswith(prefix) or name not in self.models:
                raise self.error(
                    f"$ref {ref!r} names no model under {prefix[2:-1].replace('/', '.')}",
                    (*at, "$ref"),
                )
            return name
        name = f"inline: {inline_name}"
        self.models[name] = Model(name, schema, source=self.source(at))
        return name

    def read_method_responses(self, operation: dict[str, Any], at: At) -> dict[str, MethodResponse]:
        responses_at = (*at, "responses")
        responses = {}
        for status, raw in self.mapping(operation.get("responses", {}), responses_at).items():
            where = (*responses_at, status)
            if str(status) == "default":
                self.warnings.append(
                    f"{self.source(where) or self.field_name(where)}: a 'default' "
                    "response is not a REST API method response; ignored"
                )
                continue
            response, response_at = self.resolve(raw, where)
            response = self.mapping(response, response_at)
            responses[str(status)] = self.build(
                where,
                MethodResponse,
                _status(status, where),
                headers=self.response_headers(response, response_at),
                models=self.response_models(response, response_at, operation, at),
            )
        return responses

    def response_headers(self, response: dict[str, Any], at: At) -> dict[str, bool]:
        headers = {}
        for name, raw in self.mapping(response.get("headers", {}), (*at, "headers")).items():
            header, where = self.resolve(raw, (*at, "headers", name))
            required = self.mapping(header, where).get("required", False)
            headers[str(name)] = required is True
        return headers

    def response_models(
        self, response: dict[str, Any], at: At, operation: dict[str, Any], operation_at: At
    ) -> dict[str, str]:
        if self.version == 2:
            if response.get("schema") is None:
                return {}
            name = self.response_model(response["schema"], (*at, "schema"), f"{self.field_name(at)}")
            return {
                content_type: name
                for content_type in self.media_types("produces", operation, operation_at)
            } if name is not None else {}
        models = {}
        for content_type, media in self.mapping(
            response.get("content", {}), (*at, "content")
        ).items():
            media_at = (*at, "content", content_type)
            schema = self.mapping(media, media_at).get("schema")
            if schema is None:
                continue
            name = self.response_model(
                schema, (*media_at, "schema"), f"{self.field_name(at)} {content_type}"
            )
            if name is not None:
                models[str(content_type)] = name
        return models

    def response_model(self, schema: Any, at: At, inline_name: str) -> str | None:
        """A method response's model, or None for a ``$ref`` to no model: API Gateway's
        import warns of "minor issues like a missing model reference" and goes on (AWS docs,
        api-gateway-import-api-errors-warnings; failOnWarnings is false by default). A
        response model only describes the answer (no validation reads it), so the response
        is kept without it. A request body's missing model stays an error: the request
        validator would check against it."""
        ref = schema.get("$ref") if isinstance(schema, dict) else None
        try:
            return self.model_for(schema, at, inline_name)
        except DefinitionError as error:
            if not isinstance(ref, str) or len(schema) != 1:
                raise
            self.warnings.append(f"{error}; the response has no model for it")
            return None

    def read_security(self, operation: dict[str, Any], at: At) -> tuple[str, str | None, bool]:
        """(authorizationType, authorizer name, apiKeyRequired) from the operation's
        ``security`` (or the document's): an ``apiKey`` scheme on the ``x-api-key`` header
        requires an API key; ``x-amazon-apigateway-authtype: awsSigv4`` is IAM;
        ``x-amazon-apigateway-authorizer`` a Lambda (token/request) or Cognito authorizer,
        named as the scheme (AWS docs for each extension)."""
        if "security" in operation:
            requirements, where = operation["security"], (*at, "security")
        else:
            requirements, where = self.data.get("security", []), (*self.root, "security")
        if not isinstance(requirements, list):
            raise self.error(
                f"{self.field_name(where)} must be a list, not {_kind(requirements)}", where
            )
        authorization, authorizer, api_key = "NONE", None, False
        schemes, _ = self.security_schemes()
        for index, requirement in enumerate(requirements):
            for name in self.mapping(requirement, (*where, index)):
                if name == NO_AUTHORIZER and name not in schemes:
                    continue
                kind = self.scheme_kind(str(name), (*where, index, name))
                if kind == "API_KEY":
                    api_key = True
                elif kind is not None:
                    authorization = kind
                    authorizer = str(name) if kind != "AWS_IAM" else None
        if authorizer is None and "x-amazon-apigateway-auth" in operation:
            authorization = self.read_auth_extension(operation, at, authorization)
        return authorization, authorizer, api_key

    def read_auth_extension(self, operation: dict[str, Any], at: At, current: str) -> str:
        """``x-amazon-apigateway-auth: {type: AWS_IAM | NONE}`` (values case-insensitive,
        AWS-DOC api-gateway-swagger-extensions-auth): the method's authorization type, as
        the API Gateway Swagger importer's own examples write IAM. It was known but
        dropped, so an IAM-protected method ran unauthenticated here."""
        where = (*at, "x-amazon-apigateway-auth")
        auth = self.mapping(operation["x-amazon-apigateway-auth"], where)
        kind = str(auth.get("type", "")).upper()
        if kind not in ("AWS_IAM", "NONE"):
            raise self.error(f"{self.field_name(where)}.type must be AWS_IAM or NONE, not "
                             f"{auth.get('type')!r}", (*where, "type") if "type" in auth else where)
        return "AWS_IAM" if kind == "AWS_IAM" else current

    def security_schemes(self) -> tuple[dict[Any, Any], At]:
        """``components.securitySchemes`` (3.x) or ``securityDefinitions`` (2.0), and where."""
        schemes_at = (
            (*self.root, "components", "securitySchemes")
            if self.version == 3
            else (*self.root, "securityDefinitions")
        )
        schemes: Any = self.data
        for key in schemes_at[len(self.root) :]:
            schemes = schemes.get(key) if isinstance(schemes, dict) else None
        return (schemes if isinstance(schemes, dict) else {}), schemes_at

    def scheme_kind(self, name: str, at: At) -> str | None:
        schemes, schemes_at = self.security_schemes()
        if name not in schemes:
            raise self.error(
                f"security scheme {name!r} is not defined in "
                f"{'.'.join(str(k) for k in schemes_at[len(self.root) :])}",
                at,
            )
        scheme, scheme_at = self.resolve(schemes[name], (*schemes_at, name))
        scheme = self.mapping(scheme, scheme_at)
        authorizer = scheme.get("x-amazon-apigateway-authorizer")
        if isinstance(authorizer, dict):
            return AUTHORIZER_TYPES[self.authorizer_type(authorizer, scheme_at)]
        if str(scheme.get("x-amazon-apigateway-authtype", "")).lower().startswith("aws"):
            return "AWS_IAM"
        if (
            scheme.get("type") == "apiKey"
            and scheme.get("in") == "header"
            and str(scheme.get("name", "")).lower() == API_KEY_HEADER
        ):
            return "API_KEY"
        self.warnings.append(
            f"{self.source(scheme_at) or name}: security scheme {name!r} is not an "
            "API key, IAM or authorizer scheme API Gateway knows; ignored"
        )
        return None

    def uncreated_authorizers(self) -> set[str]:
        """The security schemes whose ``x-amazon-apigateway-authorizer`` has a type a REST API
        has no authorizer of (``jwt`` is HTTP APIs' only). API Gateway's import does not
        refuse the document: it warns "Unable to create authorizer from security
        definition: 'NAME' ... Any methods with security: 'NAME' will not be created"
        (the importer's warning quoted in amazon-archives/aws-apigateway-importer#187), and
        Terraform's body and CloudFormation's Body import with failOnWarnings false."""
        schemes, _ = self.security_schemes()
        names = set()
        for name, value in schemes.items():
            scheme = value if isinstance(value, dict) else {}
            spec = scheme.get("x-amazon-apigateway-authorizer")
            if isinstance(spec, dict) and str(spec.get("type", "token")).lower() not in AUTHORIZER_TYPES:
                names.add(str(name))
        return names

    def names_uncreated_authorizer(self, operation: Any, at: At) -> bool:
        """Whether the operation is one API Gateway's import leaves out, its security naming
        an authorizer it could not create (see uncreated_authorizers); said in a warning."""
        uncreated = self.uncreated_authorizers()
        if not uncreated or not isinstance(operation, dict):
            return False
        requirements = operation.get("security", self.data.get("security", []))
        named = [
            str(name)
            for requirement in (requirements if isinstance(requirements, list) else [])
            if isinstance(requirement, dict)
            for name in requirement
            if str(name) in uncreated
        ]
        if not named:
            return False
        self.warnings.append(
            f"{self.source(at) or ''}: {self.field_name(at)} is not created: "
            f"its security names {named[0]!r}, an authorizer a REST API cannot have (API "
            "Gateway's import leaves out the methods using it)"
        )
        return True

    def authorizer_type(self, authorizer: dict[Any, Any], scheme_at: At) -> str:
        kind = str(authorizer.get("type", "")).lower()
        if "type" not in authorizer:
            # an HTTP API export's authorizer (authorizerPayloadFormatVersion) has none;
            # a REST API requires it (AWS docs: api-gateway-swagger-extensions-authorizer)
            raise self.error(
                f"{self.field_name(scheme_at)}.x-amazon-apigateway-authorizer has no type: a REST "
                f"API needs one of {', '.join(AUTHORIZER_TYPES)}",
                (*scheme_at, "x-amazon-apigateway-authorizer"),
            )
        if kind not in AUTHORIZER_TYPES:
            # Named by its field: in a body built by jsonencode() only the attribute has a
            # line, and several schemes may hold authorizers.
            http_api = " (a jwt authorizer is HTTP APIs' only)" if kind == "jwt" else ""
            raise self.error(
                f"{self.field_name(scheme_at)}.x-amazon-apigateway-authorizer: authorizer type "
                f"{authorizer.get('type')!r} is not one of {', '.join(AUTHORIZER_TYPES)}{http_api}",
                (*scheme_at, "x-amazon-apigateway-authorizer", "type"),
            )
        return kind

    def read_authorizers(self) -> dict[str, Authorizer]:
        """Every security scheme with ``x-amazon-apigateway-authorizer`` (AWS docs:
        api-gateway-swagger-extensions-authorizer). Its ``identitySource`` names what the
        request must carry; a token or user pool scheme without one reads the header the
        scheme names (``in: header``, ``name``), as AWS's examples and exports write it."""
        schemes, schemes_at = self.security_schemes()
        authorizers: dict[str, Authorizer] = {}
        for name, value in schemes.items():
            scheme, scheme_at = self.resolve(value, (*schemes_at, name))
            if not isinstance(scheme, dict) or not isinstance(
                scheme.get("x-amazon-apigateway-authorizer"), dict
            ):
                continue
            at = (*scheme_at, "x-amazon-apigateway-authorizer")
            spec = scheme["x-amazon-apigateway-authorizer"]
            if str(name) in self.uncreated_authorizers():
                kind = str(spec["type"])
                http_api = " (a jwt authorizer is HTTP APIs' only)" if kind.lower() == "jwt" else ""
                self.warnings.append(
                    f"{self.source((*at, 'type')) or ''}: "
                    f"{self.field_name(at)}: authorizer type {kind!r} is not one of "
                    f"{', '.join(AUTHORIZER_TYPES)}{http_api}; API Gateway's import does not "
                    "create it"
                )
                continue
            kind = self.authorizer_type(spec, scheme_at)
            self.warn_unknown(spec, AUTHORIZER_FIELDS, at, "a field of x-amazon-apigateway-authorizer")
            identity = self.optional(spec, "identitySource", at, self.text)
            if identity is None and kind != "request":
                header = scheme.get("name") if scheme.get("in") == "header" else None
                if isinstance(header, str) and header:
                    identity = f"method.request.header.{header}"
            ttl = self.optional(spec, "authorizerResultTtlInSeconds", at, self.integer)
            authorizer = self.build(
                at, Authorizer, str(name), kind,
                identity_source=identity,
                identity_validation_expression=self.optional(
                    spec, "identityValidationExpression", at, self.text),
                result_ttl_in_seconds=300 if ttl is None else ttl,
            )
            authorizer.source = self.source(at)
            authorizers[str(name)] = authorizer
        return authorizers

    def integer(self, value: Any, at: At) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(f"{self.field_name(at)} must be an integer, not {_kind(value)}", at)
        return value

    # --- the integration ----------------------------------------------------------------

    def read_integration(self, value: Any, at: At) -> Integration:
        """``x-amazon-apigateway-integration`` (AWS docs: ...-swagger-extensions-integration)."""
        spec = self.mapping(value, at)
        if "payloadFormatVersion" in spec:
            self.http_api_extension((*at, "payloadFormatVersion"))
        if "type" not in spec:
            raise self.error(
                "x-amazon-apigateway-integration needs a 'type' "
                "(aws, aws_proxy, http, http_proxy or mock)",
                at,
            )
        self.warn_unknown(spec, INTEGRATION_FIELDS, at)
        responses_at = (*at, "responses")
        responses = [
            self.read_integration_response(pattern, response, (*responses_at, pattern))
            for pattern, response in self.mapping(spec.get("responses", {}), responses_at).items()
        ]
        timeout = spec.get("timeoutInMillis", 29000)
        if isinstance(timeout, bool) or not isinstance(timeout, int):
            raise self.error(
                "timeoutInMillis must be a whole number of milliseconds", (*at, "timeoutInMillis")
            )
        return self.build(
            at,
            Integration,
            self.text(spec["type"], (*at, "type")),
            uri=self.optional(spec, "uri", at, self.text),
            http_method=self.optional(spec, "httpMethod", at, self.text),
            request_parameters=self.optional(spec, "requestParameters", at, self.strings) or {},
            request_templates=self.optional(spec, "requestTemplates", at, self.templates) or {},
            passthrough_behavior=self.optional(spec, "passthroughBehavior", at, self.text)
            or "WHEN_NO_MATCH",
            content_handling=self.optional(spec, "contentHandling", at, self.text),
            responses=responses,
            timeout_ms=timeout,
            response_transfer_mode=self.optional(spec, "responseTransferMode", at, self.text)
            or "BUFFERED",
            connection_type=self.optional(spec, "connectionType", at, self.text) or "INTERNET",
            connection_id=self.optional(spec, "connectionId", at, self.text),
            source=self.source(at),
        )

    def read_integration_response(self, pattern: Any, value: Any, at: At) -> IntegrationResponse:
        """One entry of ``x-amazon-apigateway-integration.responses``: the key is the selection
        pattern, ``default`` the response without one (AWS docs:
        api-gateway-swagger-extensions-integration-responses)."""
        spec = self.mapping(value, at)
        self.warn_unknown(spec, INTEGRATION_RESPONSE_FIELDS, at)
        if "statusCode" not in spec:
            raise self.error(f"integration response {pattern!r} needs a statusCode", at)
        return self.build(
            at,
            IntegrationResponse,
            self.status(spec["statusCode"], (*at, "statusCode")),
            selection_pattern=None if pattern == "default" else str(pattern),
            response_parameters=self.optional(spec, "responseParameters", at, self.strings) or {},
            response_templates=self.optional(spec, "responseTemplates", at, self.templates) or {},
            content_handling=self.optional(spec, "contentHandling", at, self.text),
            source=self.source(at),
        )

    def warn_unknown(self, spec: dict[str, Any], known: tuple[str, ...], at: At,
                     what: str = "a field API Gateway reads", prefix: str = "") -> None:
        """Report the keys of ``spec`` (those starting with ``prefix``) not in ``known``."""
        for key in spec:
            if str(key).startswith(prefix) and key not in known:
                where = (*at, key)
                hint = did_you_mean(key, known)
                self.warnings.append(f"{self.source(where) or ''}: {self.field_name(where)} is "
                                     f"not {what}; ignored{hint}")

    def templates(self, value: Any, at: At) -> dict[str, MappingTemplate]:
        """``requestTemplates`` / ``responseTemplates``: media type → template text, each
        remembering the line it was written on."""
        return {
            str(content_type): MappingTemplate(
                self.text(text, (*at, content_type)), self.source((*at, content_type))
            )
            for content_type, text in self.mapping(value, at).items()
        }


#: Integration types only REST APIs have (HTTP APIs integrate by proxy only: AWS docs,
#: http-api-develop-integrations).
_REST_ONLY_TYPES = {"aws", "http", "mock"}


def _uses_rest_features(data: dict[Any, Any]) -> bool:
    """True when a document an HTTP API field marks has what only a REST API has: a
    mapping template, or an aws / http / mock (non-proxy) integration."""
    paths = data.get("paths")
    for item in paths.values() if isinstance(paths, dict) else ():
        for operation in item.values() if isinstance(item, dict) else ():
            spec = operation.get("x-amazon-apigateway-integration") if isinstance(operation, dict) else None
            if not isinstance(spec, dict):
                continue
            responses = spec.get("responses")
            if (str(spec.get("type", "")).lower() in _REST_ONLY_TYPES or spec.get("requestTemplates")
                    or any(isinstance(r, dict) and r.get("responseTemplates")
                           for r in (responses.values() if isinstance(responses, dict) else ()))):
                return True
    return False


def _status(value: Any, at: At) -> str:
    """A status code as text: YAML and JSON files write it as a number or a string (anything
    else is left for the model to refuse, with its own message)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value if isinstance(value, str) else repr(value)


def _kind(value: object) -> str:
    if isinstance(value, dict) and len(value) == 1:
        (key,) = value
        if key == "Ref" or str(key).startswith("Fn::"):
            # An OpenAPI file written to be included in a CloudFormation/SAM template
            # (AWS::Include, DefinitionBody): its functions are resolved by that template.
            return (
                f"a CloudFormation function ({key}); read the CloudFormation or SAM "
                "template that includes this document instead"
            )
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        if value.startswith("${") and value.endswith("}") and "${" not in value[2:]:
            # a whole value a reader left as a placeholder (Terraform's jsonencode of an
            # unevaluated function, CloudFormation's unknown GetAtt) where structure is needed
            return f"the placeholder {value} (a value this tool did not work out)"
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if value is None:
        return "nothing (null)"
    return "a number"

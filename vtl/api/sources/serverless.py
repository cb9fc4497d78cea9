"""Serverless Framework: the ``http`` events of a ``serverless.yml`` read into an Api.

What the framework deploys for each ``functions.*.events[].http`` (its API Gateway
compiler, ``lib/plugins/aws/package/compile/events/api-gateway``, v3/v4):

- ``integration``: ``lambda`` and ``aws`` are ``AWS`` (non-proxy, the function's invoke
  URI), ``lambda-proxy`` (the default) ``AWS_PROXY``, ``http``/``http-proxy`` (``request.uri``,
  ``request.method`` or the event's method), ``mock``;
- ``request.template`` (content type → template; ``null`` removes one), ``request.parameters``
  (``querystrings``/``paths``/``headers``: ``true``/``false`` or ``{required, mappedValue}``),
  ``request.passThrough`` (``NEVER`` for lambda unless given), ``request.contentHandling``;
- ``response.template`` (``application/json`` of every status), ``response.headers``,
  ``response.statusCodes`` (``pattern``, ``template``, ``headers``; a default 200 is added when
  no status has an empty pattern; without ``statusCodes`` a lambda integration gets the
  framework's default set, :data:`DEFAULT_STATUS_CODES`), ``response.contentHandling``;
- ``cors`` (``true`` or an object): the ``Access-Control-Allow-Origin`` header on the method's
  responses and one generated ``OPTIONS`` MOCK method per path (with ``origins``, or several
  in ``origin``, its response template is the framework's own, listed but not run);
  ``private: true`` (API key);
- ``request.schemas`` (inline, ``${file()}``, or a name in ``provider.apiGateway.request.schemas``)
  → models, and the framework's one request validator (body and parameters) on every method
  with a schema or a required parameter; ``operationId``; ``authorizer`` (``aws_iam``, Cognito,
  a function: ``CUSTOM``; the :class:`~vtl.api.model.Authorizer` it deploys, with its
  ``identitySource``, ``identityValidationExpression`` and ``type``) and its ``claims`` (in
  place of ``extraCognitoPoolClaims``).

API Gateway resources written as CloudFormation under ``resources.Resources`` (a method the
http events cannot express, such as a DynamoDB integration) are read by the CloudFormation
reader, next to the REST API and path resources the framework generates for them to refer
to (``ApiGatewayRestApi``, ``ApiGatewayResource<Path>``). A REST API of its own that
``resources.Resources`` declares is read when no http event makes the framework's, else
when ``--param vtl:api=LogicalId`` names it. Plugins are not run: each one is named in
``Api.warnings``, and so is each method that is not read: ``httpApi`` events, service proxies,
``stepFunctions`` state machines' http events, an ``AWS::ApiGatewayV2::Api`` in
``resources``.

For ``integration: lambda`` without ``request.template`` the framework adds its own request
templates (``application/json`` and ``application/x-www-form-urlencoded``). Their text is not
reproduced here: they appear as templates with ``generated_by`` set and a visible stand-in
text (see :class:`~vtl.api.model.MappingTemplate`).

Variables are resolved as the framework does (:mod:`vtl.api.sources.serverless_variables`):
``${self:…}``, ``${opt:…}``, ``${param:…}``, ``${sls:stage}``, ``${env:…}``, ``${aws:…}``,
``${file(…)}`` and ``${file(…):key}``, fallbacks and nesting; ``params`` give options
(``stage``, ``region``, ``accountId``…). Values only known when deploying stay visible
``${…}`` placeholders; a template holding one is marked (``MappingTemplate.unresolved``, with
a hint saying what the value is and how to give it, e.g. ``--param NAME=VALUE`` for
``${opt:NAME}``), so it is listed but not run.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from vtl.api.model import (
    Api,
    Authorizer,
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
)
from vtl.api.sources.serverless_variables import (
    SAMPLE_ACCOUNT_ID,
    Missing,
    Placeholder,
    SourcedStr,
    Variables,
    as_text,
    kind,
    placeholders_in,
)

__all__ = [
    "DEFAULT_STATUS_CODES", "FORMAT", "SAMPLE_ACCOUNT_ID", "looks_like", "read", "recognises",
    "resource_logical_id",
]

FORMAT = "serverless"
T = TypeVar("T")


#: The settings of an http event, of its ``request``, ``response`` and of one of its
#: ``response.statusCodes``, as the framework's configuration schema for http events lists
#: them (its api-gateway compiler, index.js); it warns about others ("unrecognized property").
#: Settings of a function (the framework's function schema): a function named so is
#: most likely one of them written at the wrong indent.
FUNCTION_SETTINGS = ("description", "environment", "events", "handler", "image", "layers",
                     "memorySize", "name", "package", "role", "runtime", "timeout")
HTTP_EVENT_SETTINGS = (
    "async", "authorizer", "connectionId", "connectionType", "cors", "integration", "method",
    "operationId", "path", "private", "request", "response", "timeout", "timeoutInMillis")
REQUEST_SETTINGS = ("contentHandling", "method", "parameters", "passThrough", "schemas",
                    "template", "uri")
RESPONSE_SETTINGS = ("contentHandling", "headers", "statusCodes", "template", "transferMode")
#: Response settings the framework keeps on a proxy integration: ``transferMode`` (v4.25+,
#: response streaming, which API Gateway offers for AWS_PROXY and HTTP_PROXY only: AWS-DOC
#: response-transfer-mode).
_PROXY_KEPT_RESPONSE_SETTINGS = ("transferMode",)
STATUS_CODE_SETTINGS = ("headers", "pattern", "template")
#: The settings of an http event's ``authorizer`` object (the framework's configuration
#: schema for http events); others are reported, as a misspelt ``identitysource`` would
#: otherwise silently mean the default header.
AUTHORIZER_SETTINGS = ("arn", "authorizerId", "claims", "identitySource",
                       "identityValidationExpression", "managedExternally", "name",
                       "resultTtlInSeconds", "scopes", "type")

#: The statusCodes the framework gives a lambda integration whose ``response`` has none
#: (its api-gateway ``validate.js``): status → selection pattern ('' is the default response).
DEFAULT_STATUS_CODES: dict[str, str] = {
    "200": "",
    "400": r"[\s\S]*\[400\][\s\S]*",
    "401": r"[\s\S]*\[401\][\s\S]*",
    "403": r"[\s\S]*\[403\][\s\S]*",
    "404": r"[\s\S]*\[404\][\s\S]*",
    "422": r"[\s\S]*\[422\][\s\S]*",
    "500": r"[\s\S]*(Process\s?exited\s?before\s?completing\s?request|\[500\])[\s\S]*",
    "502": r"[\s\S]*\[502\][\s\S]*",
    "504": r"([\s\S]*\[504\][\s\S]*)|(.*Task timed out after \d+\.\d+ seconds$)",
}

#: The request templates the framework writes for a lambda (AWS) integration.
GENERATED_REQUEST_CONTENT_TYPES = ("application/json", "application/x-www-form-urlencoded")
GENERATED_BY = "the Serverless Framework (its default request template for integration: lambda)"
CORS_GENERATED_BY = ("the Serverless Framework (the origin-matching response template of a "
                     "preflight with cors.origins)")
_CORS_STAND_IN = ("[response template generated by the Serverless Framework for cors.origins; "
                  "its text is not reproduced by vtl]")
_STAND_IN = ("[request template generated by the Serverless Framework for integration: lambda; "
             "its text is not reproduced by vtl: write request.template to test your own]")

#: The CORS preflight the framework generates (its api-gateway ``cors.js``): its templates
#: are reproduced, located at the event's ``cors`` (so no ``generated_by``).
CORS_REQUEST_TEMPLATE = "{statusCode:200}"
CORS_DEFAULT_HEADERS = ("Content-Type", "X-Amz-Date", "Authorization", "X-Api-Key",
                        "X-Amz-Security-Token", "X-Amz-User-Agent", "X-Amzn-Trace-Id")

_INTEGRATIONS = {"LAMBDA": "AWS", "LAMBDA_PROXY": "AWS_PROXY"}
#: The request settings the framework keeps for a proxy integration (it removes the others
#: and the response settings, with a warning: api-gateway/lib/validate.js).
_PROXY_KEPT_REQUEST_SETTINGS = {
    "AWS_PROXY": ("parameters", "schema", "schemas"),
    "HTTP_PROXY": ("parameters", "uri", "schema", "schemas"),
}
_PROXY_INTEGRATIONS = tuple(_PROXY_KEPT_REQUEST_SETTINGS)


def recognises(path: Path, document: Document | None) -> bool:
    """A YAML/JSON document with ``service`` and ``functions`` or ``provider`` at the top."""
    if document is None or not isinstance(document.data, dict):
        return False
    data = document.data
    return "service" in data and ("functions" in data or "provider" in data)


def looks_like(path: Path, document: Document | None) -> str | None:
    """What a serverless.yml-looking file lacks, for the error of a file no reader recognises."""
    data = document.data if document is not None else None
    if isinstance(data, dict) and "functions" in data and "service" not in data:
        return "looks like a serverless.yml (it has 'functions') but has no 'service' name"
    return None


def read(path: Path, params: dict[str, str] | None = None) -> Api:
    """Read the ``http`` events of the ``serverless.yml`` at ``path``."""
    document = load_document(path)
    if not isinstance(document.data, dict):
        raise DefinitionError("a serverless.yml must be a mapping", document.source())
    if document.duplicate_keys:
        # The Framework's YAML loader (js-yaml) refuses the file: "YAMLException: duplicated
        # mapping key" (serverless/serverless#3277, CoorpAcademy/serverless-plugins#80),
        # where CloudFormation keeps the last value (document._twice).
        key, first, again = document.duplicate_keys[0]
        raise DefinitionError(f"key {key!r} appears twice in one mapping (first on line "
                              f"{first}): the Serverless Framework refuses the file "
                              "(duplicated mapping key); keep one", again)
    return _Reader(document, dict(params or {})).build()


def _required(value: Any) -> bool:
    """A request parameter's ``true``/``false``, or an object's ``required`` (default true)."""
    if isinstance(value, dict):
        return bool(value.get("required", True)) if value.get("required") is not None else True
    return bool(value)


class _Reader:
    """Builds the Api from the functions' http events, as the framework compiles them."""

    def __init__(self, document: Document, params: dict[str, str]) -> None:
        self.document = document
        self.variables = Variables(document, params)
        self.cors: dict[str, dict[str, Any]] = {}
        #: Settings of http events the framework does not know (Api.warnings).
        self.unknown: list[str] = []
        #: The httpApi events (HTTP API routes), which are not read: said by a warning.
        self.http_api_events: list[tuple[Any, ...]] = []
        #: The authorizers the http events deploy, by name.
        self.authorizers: dict[str, Authorizer] = {}
        #: REST APIs resources.Resources declares besides the framework's, by logical id.
        self.other_apis: dict[str, Callable[[], Api]] = {}
        #: Where resources.Resources loads files from, and the placeholders it holds.
        self.resource_files: dict[Source, Source] = {}
        self.resource_placeholders: list[Placeholder] = []

    def get(self, at: tuple[Any, ...], default: Any = None) -> Any:
        """The value at ``at`` with all its variables resolved (``default`` if absent/null)."""
        value = self.variables.at(at)
        if isinstance(value, Missing) or value is None:
            return default
        return self.variables.deep(value, at)

    def text(self, at: tuple[Any, ...], default: Any = None) -> str:
        """The scalar at ``at`` as the framework writes it into a string; a list or mapping
        there is an error naming the field (``str()`` of it would be silently wrong)."""
        value = self.get(at, default)
        if isinstance(value, (dict, list)):
            raise DefinitionError(f"{at[-1]} must be text, not {kind(value)}", self.source(at))
        return as_text(value)

    def mapping(self, at: tuple[Any, ...], value: Any = None) -> dict[Any, Any]:
        """The mapping at ``at`` (or ``value``, read from there); absent or null: empty.
        Another type is an error naming the field (the framework's schema: "must be
        object"), not a Python exception or a string read key by key (fuzz_definitions
        seed 4)."""
        if value is None:
            value = self.get(at)
        if value is None:
            return {}
        if not isinstance(value, dict):
            what = kind(value) if isinstance(value, list) else repr(value)[:40]
            raise DefinitionError(f"{'.'.join(map(str, at[-2:]))} must be a mapping, not {what}", self.source(at))
        return value

    def source(self, at: tuple[Any, ...]) -> Source:
        """Where the value at ``at`` was written; a value a variable brought in (from
        ``${file(...)}``, ``${self:...}``) has no line of its own in this file: then the line
        of the nearest setting above it that has one (the one holding the variable)."""
        for depth in range(len(at), -1, -1):
            source = self.document.source(at[:depth])
            if source.line is not None:
                return source
        return self.document.source(at)

    def build(self) -> Api:
        stage = self.variables.stage()
        service = self.get(("service",))
        if isinstance(service, dict):  # the old form: service: {name: …}
            service = service.get("name")
        if not isinstance(service, str):
            raise DefinitionError("service must be a name", self.source(("service",)))
        gateway = ("provider", "apiGateway")
        # the framework's default name is stage-service; shouldStartNameWithService turns it
        # round (serverless/serverless PR #10177: still off by default in v3, PR #11711)
        default_name = (f"{service}-{stage}" if self.get((*gateway, "shouldStartNameWithService")) is True
                        else f"{stage}-{service}")
        api = Api(name=as_text(self.get(("provider", "apiName"), default_name)),
                  format=FORMAT, source=self.source(()))
        api.stages = {stage: {}}
        media_types = self.get((*gateway, "binaryMediaTypes"), [])
        if not isinstance(media_types, list):
            raise DefinitionError("provider.apiGateway.binaryMediaTypes must be a list",
                                  self.source((*gateway, "binaryMediaTypes")))
        api.binary_media_types = [as_text(t) for t in media_types]
        api.minimum_compression_size = compression_size(
            self.get((*gateway, "minimumCompressionSize")), self.source((*gateway, "minimumCompressionSize")),
            "provider.apiGateway.minimumCompressionSize")
        if as_text(self.get((*gateway, "disableDefaultEndpoint"), "")).lower() == "true":
            api.warnings.append(default_endpoint_disabled(
                self.source((*gateway, "disableDefaultEndpoint")), "provider.apiGateway.disableDefaultEndpoint"))
        key_source = self.get((*gateway, "apiKeySourceType"))
        if key_source is not None:
            if as_text(key_source).upper() not in ("HEADER", "AUTHORIZER"):
                raise DefinitionError(f"apiKeySourceType {key_source!r} is not HEADER or "
                                      "AUTHORIZER", self.source((*gateway, "apiKeySourceType")))
            api.api_key_source = as_text(key_source).upper()
        functions = self.get(("functions",), {})
        if not isinstance(functions, dict):
            raise DefinitionError("functions must be a mapping", self.source(("functions",)))
        for name in functions:
            self._check_function(name, functions)
            events = self.get(("functions", name, "events"), [])
            if not isinstance(events, list):
                raise DefinitionError(f"functions.{name}.events must be a list",
                                      self.source(("functions", name, "events")))
            for index, event in enumerate(events):
                if isinstance(event, dict) and "http" in event:
                    at = ("functions", name, "events", index, "http")
                    method = self._method(service, stage, name, at)
                    self._validation(api, method, at, f"{service}-{stage}")
                    self._add(api, method)
                elif isinstance(event, dict) and "httpApi" in event:
                    # an HTTP API (API Gateway v2) route: no mapping templates, not this
                    # reader's REST API; said rather than left out silently
                    self.http_api_events.append(("functions", name, "events", index, "httpApi"))
        for path, cors in self.cors.items():
            self._add(api, self._preflight(path, cors))
        api.authorizers.update(self.authorizers)
        self._resources(api, service, stage)
        api = self._chosen_api(api)
        api.warnings.extend(dict.fromkeys(self._skipped() + self.unknown + self.variables.notes))
        return api

    def _check_function(self, name: str, functions: dict[str, Any]) -> None:
        """A function must be a mapping: the framework's schema says so ("must be object")
        and it cannot package one without its handler. A ``null`` function followed by
        ``handler``/``events`` "functions" is a function whose settings lost their indent."""
        value = functions[name]
        if isinstance(value, dict):
            return
        settings = [key for key in functions if key in FUNCTION_SETTINGS]
        verb = "looks like a setting" if len(settings) == 1 else "look like settings"
        hint = (f"; {', '.join(settings)} {verb} of a function written at the level of "
                "the function names: indent them under their function" if settings else "")
        raise DefinitionError(f"functions.{name} must be a function (a mapping with its handler "
                              f"and events), not {kind(value)}{hint}",
                              self.source(("functions", name)))

    def _chosen_api(self, api: Api) -> Api:
        """The API to read: the one the http events make (``ApiGatewayRestApi``), or a REST
        API ``resources.Resources`` declares itself: the only one when no http event makes
        the framework's, else the one ``--param vtl:api=LogicalId`` names."""
        if not self.other_apis:
            return api
        names = list(self.other_apis)
        wanted = self.variables.params.get(API_CHOICE)
        if wanted is None and not api.methods and len(names) == 1:
            wanted = names[0]
        if wanted is None:
            choose = f"choose one with --param {API_CHOICE}=LogicalId"
            if not api.methods:
                raise DefinitionError(f"no http event makes a REST API and resources.Resources "
                                      f"declares several ({', '.join(names)}): {choose}",
                                      self.source(("resources", "Resources")))
            self.unknown.append(
                f"{self.source(('resources', 'Resources', names[0]))}: resources.Resources "
                f"declares the REST API{'s' * (len(names) > 1)} {', '.join(names)} beside the "
                f"one the http events make ({_REST_API}, read here): {choose}")
            return api
        if wanted == _REST_API:
            return api
        if wanted not in self.other_apis:
            known = [_REST_API, *names] if api.methods else names
            raise DefinitionError(f"--param {API_CHOICE}={wanted}: the REST APIs are "
                                  f"{', '.join(known)}")
        chosen = self.other_apis[wanted]()
        chosen.format = FORMAT
        for method in chosen.methods:
            _relocate(method, self.resource_files)
            _mark_placeholders(method, self.resource_placeholders)
        return chosen

    # resources: CloudFormation merged into what the framework generates

    def _resources(self, api: Api, service: str, stage: str) -> None:
        """API Gateway resources written in ``resources.Resources``, read as CloudFormation.

        They refer to what the framework generates by its logical ids: the REST API
        ``ApiGatewayRestApi`` and one ``ApiGatewayResource<Path>`` per path of an http
        event (:func:`resource_logical_id`). Those are put beside them, so the
        CloudFormation reader resolves the paths; methods, models, validators and
        gateway responses it finds join the API.
        """
        written = self.get(("resources", "Resources"), {})
        if not isinstance(written, dict) or not any(
                isinstance(r, dict) and str(r.get("Type", "")).startswith("AWS::ApiGateway::")
                for r in written.values()):
            return
        from vtl.api.sources import cloudformation

        data = {"Resources": {**self._generated(api), **written}}
        lines = {("Resources", *at[2:]): line for at, line in self.document.lines.items()
                 if at[:2] == ("resources", "Resources")}
        document = Document(self.document.path, data, lines)
        region = self.variables.region()
        pseudo = {"AWS::Region": region, "AWS::StackName": f"{service}-{stage}",
                  "AWS::AccountId": self.variables.params.get("accountId", SAMPLE_ACCOUNT_ID)}
        template = cloudformation.load_template(document, pseudo)
        files = _file_sources(written, ("resources", "Resources"), self.document)
        left = _placeholders(written)
        self.resource_files, self.resource_placeholders = files, left
        for logical_id, read_api in cloudformation.read_apis([template], {}):
            if logical_id != _REST_API:
                self.other_apis[logical_id] = read_api
                continue
            extra = read_api()
            for method in extra.methods:
                _relocate(method, files)
                _mark_placeholders(method, left)
                self._add(api, method)
            api.models.update(extra.models)
            api.request_validators.update(extra.request_validators)
            api.authorizers.update(extra.authorizers)
            api.gateway_responses.update(extra.gateway_responses)
            api.warnings.extend(extra.warnings)

    def _generated(self, api: Api) -> dict[str, Any]:
        """The REST API and path resources the framework generates for the http events."""
        generated: dict[str, Any] = {_REST_API: {"Type": "AWS::ApiGateway::RestApi",
                                                 "Properties": {"Name": api.name}}}
        for method in api.methods:
            parts = [p for p in method.path.split("/") if p]
            for depth in range(1, len(parts) + 1):
                parent = ({"Fn::GetAtt": [_REST_API, "RootResourceId"]} if depth == 1 else
                          {"Ref": resource_logical_id("/".join(parts[:depth - 1]))})
                generated[resource_logical_id("/".join(parts[:depth]))] = {
                    "Type": "AWS::ApiGateway::Resource",
                    "Properties": {"RestApiId": {"Ref": _REST_API}, "ParentId": parent,
                                   "PathPart": parts[depth - 1]}}
        return generated

    def _skipped(self) -> list[str]:
        """What the framework would deploy that this reader does not read."""
        warnings = []
        plugins = self.get(("plugins",), [])
        if isinstance(plugins, dict):  # plugins: {modules: […]}
            plugins = plugins.get("modules") or []
        for index, plugin in enumerate(plugins if isinstance(plugins, list) else []):
            # many plugins (serverless-offline, bundlers) leave the API alone: the warning
            # says what would be missing without claiming this one adds anything
            warnings.append(f"{self.source(('plugins', index))}: plugin {plugin} is not run: "
                            "any API Gateway method or setting it adds or changes is missing")
        shared = ("provider", "apiGateway", "restApiId")
        if not isinstance(self.variables.at(shared), Missing) and self.variables.at(shared):
            # a shared API: the framework adds the methods to that API instead of making one
            warnings.append(f"{self.source(shared)}: provider.apiGateway.restApiId: these methods "
                            "are added to a REST API deployed elsewhere; its other methods, "
                            "authorizers and gateway responses are not in this file")
        for at in self.http_api_events:
            warnings.append(f"{self.source(at)}: functions.{at[1]}.events[{at[3]}].httpApi is a "
                            "route of an HTTP API (API Gateway v2), not read: vtl reads the REST "
                            "API that http events make")
        written = self.get(("resources", "Resources"), {})
        if isinstance(written, dict) and any(isinstance(r, dict) and str(r.get("Type", "")).startswith(
                "AWS::ApiGateway::") for r in written.values()):
            written = {}  # read as CloudFormation (_resources), which says so
        for logical_id, resource in written.items() if isinstance(written, dict) else ():
            # an HTTP or WebSocket API written as CloudFormation (realworld13
            # sls-patterns-http-api-v2-only: the file's only API, listed as "0 methods")
            if isinstance(resource, dict) and resource.get("Type") == "AWS::ApiGatewayV2::Api":
                warnings.append(f"{self.source(('resources', 'Resources', logical_id))}: "
                                f"resources.Resources.{logical_id} is an AWS::ApiGatewayV2::Api "
                                "(an HTTP or WebSocket API, API Gateway v2), not read: vtl reads "
                                "REST APIs, which have mapping templates")
        return warnings + self._service_proxies() + self._state_machine_events()

    def _service_proxies(self) -> list[str]:
        """The methods ``custom.apiGatewayServiceProxies`` asks for, which are not read: the
        Framework builds them in since v4 (no plugin line needed; before, the
        serverless-apigateway-service-proxy plugin did), with request templates of its own."""
        at = ("custom", "apiGatewayServiceProxies")
        proxies = self.variables.at(at)
        if not isinstance(proxies, list):
            return []
        warnings = []
        for index, entry in enumerate(proxies):
            if not isinstance(entry, dict) or len(entry) != 1:
                continue
            service, = entry
            settings = entry[service] if isinstance(entry[service], dict) else {}
            route = f"{str(settings.get('method', '?')).upper()} {settings.get('path', '?')}"
            warnings.append(f"{self.source((*at, index))}: the {service} service proxy {route} "
                            "(custom.apiGatewayServiceProxies, built into the Serverless Framework "
                            "since v4) is not read: that method is missing here")
        return warnings

    def _state_machine_events(self) -> list[str]:
        """The methods ``stepFunctions.stateMachines.*.events[].http`` ask for, which are not
        read: the serverless-step-functions plugin makes them (a state machine behind an AWS
        integration, with request templates of its own); without a word they were dropped
        even when no plugin line said so (realworld13 sls-stepfunctions-plugin-http)."""
        at = ("stepFunctions", "stateMachines")
        machines = self.variables.at(at)
        warnings = []
        for name, machine in machines.items() if isinstance(machines, dict) else ():
            events = machine.get("events") if isinstance(machine, dict) else None
            for index, event in enumerate(events if isinstance(events, list) else []):
                if not isinstance(event, dict) or "http" not in event:
                    continue
                http = event["http"] if isinstance(event["http"], dict) else event
                route = (str(http) if isinstance(event["http"], str) else
                         f"{str(http.get('method', '?')).upper()} {http.get('path', '?')}")
                warnings.append(f"{self.source((*at, name, 'events', index))}: {route} of state "
                                f"machine {name} (stepFunctions.stateMachines.{name}.events, made "
                                "by the serverless-step-functions plugin) is not read: that method "
                                "is missing here")
        return warnings

    def _add(self, api: Api, method: Method) -> None:
        if api.find_method(method.http_method, method.path) is not None:
            raise DefinitionError(f"{method} is declared twice", method.source)
        api.methods.append(method)

    # one http event

    def _method(self, service: str, stage: str, function: str, at: tuple[Any, ...]) -> Method:
        http = self.get(at)
        if isinstance(http, str):  # `http: GET users/{id}`
            method_name, _, path = http.partition(" ")
            http = {"method": method_name, "path": path.strip()}
        if not isinstance(http, dict) or "method" not in http or "path" not in http:
            # `- http:` with its settings at the indent of `http` (as a tab-indented guide
            # gives once its tabs are spaces): the event is {http: null, method: …, path: …}
            siblings = [key for key in (self.get(at[:-1]) or {}) if key in HTTP_EVENT_SETTINGS]
            hint = (f"; {', '.join(siblings)} are written beside http: (at its indent): indent "
                    "them under it" if http is None and siblings else "")
            raise DefinitionError(f"an http event needs a method and a path{hint}",
                                  self.source(at))
        self._check_settings(http, at)
        http_method = self.text((*at, "method"), http["method"]).upper()
        path = "/" + self.text((*at, "path"), http["path"]).strip("/")
        integration_type = self._integration_type(at)
        self._check_proxy_settings(http, at, integration_type)
        cors = self._cors(at, http_method)
        if cors is not None:
            self._merge_preflight(path, cors)
        method = self._checked(lambda: Method(
            http_method, path,
            request_parameters=self._method_parameters(at),
            api_key_required=bool(self.get((*at, "private"), False)),
            authorization_type=self._authorization(at),
            authorizer=self._authorizer(at),
            operation_name=self.get((*at, "operationId")),
            source=self.source(at)), at)
        fields: dict[str, Any] = {"source": self.source(at)}
        fields.update(self._timeout(at))
        fields.update(self._transfer_mode(at))
        fields.update(self._connection(at))
        if integration_type in ("AWS", "AWS_PROXY"):
            fields["uri"] = self._lambda_uri(service, stage, function)
            fields["http_method"] = "POST"
        elif integration_type in ("HTTP", "HTTP_PROXY"):
            uri = self.get((*at, "request", "uri"))
            if uri is None:
                raise DefinitionError(f"integration {integration_type.lower()} needs "
                                      "request.uri", self.source(at))
            fields["uri"] = as_text(uri)
            # validate.js deletes every request setting of an http-proxy event but
            # parameters, uri and schema(s) before integration.js reads request.method
            # (_check_proxy_settings says so), so an http-proxy calls with the event's method
            written = None if integration_type == "HTTP_PROXY" else self.get((*at, "request", "method"))
            fields["http_method"] = as_text(written if written is not None else http_method).upper()
        fields["request_parameters"] = self._integration_parameters(at, integration_type)
        if integration_type in ("AWS", "HTTP", "MOCK"):
            fields.update(self._request(at, integration_type))
        integration = self._checked(lambda: Integration(integration_type, **fields), at)
        if integration_type in ("AWS", "HTTP", "MOCK"):
            self._responses(integration, method, at, cors)
        method.integration = integration
        return method

    def _timeout(self, at: tuple[Any, ...]) -> dict[str, Any]:
        """``timeoutInMillis`` (v4, with response streaming): the integration's timeout."""
        timeout = self.get((*at, "timeoutInMillis"))
        if timeout is None:
            return {}
        if isinstance(timeout, bool) or not isinstance(timeout, int):
            raise DefinitionError("timeoutInMillis must be a whole number of milliseconds",
                                  self.source((*at, "timeoutInMillis")))
        return {"timeout_ms": timeout}

    def _connection(self, at: tuple[Any, ...]) -> dict[str, Any]:
        """``connectionType: vpc-link`` and ``connectionId`` (the framework's private
        integrations, written VPC_LINK in the template it deploys)."""
        written = self.get((*at, "connectionType"))
        if written is None:
            return {}
        kind = self.text((*at, "connectionType"))
        link = None if self.get((*at, "connectionId")) is None else self.text((*at, "connectionId"))
        return {"connection_type": "VPC_LINK" if kind.lower() == "vpc-link" else kind, "connection_id": link}

    def _transfer_mode(self, at: tuple[Any, ...]) -> dict[str, Any]:
        """``response.transferMode`` (v4.25+): the integration's response transfer mode;
        STREAM (response streaming) is said not to be modelled, as in every format
        (sources/checks.py)."""
        where = (*at, "response", "transferMode")
        mode = self.get(where)
        if mode is None:
            return {}
        mode = as_text(mode).upper()
        if mode not in ("STREAM", "BUFFERED"):
            raise DefinitionError(f"response.transferMode {mode!r} is not STREAM or BUFFERED",
                                  self.source(where))
        return {"response_transfer_mode": mode}

    def _check_settings(self, http: dict[str, Any], at: tuple[Any, ...]) -> None:
        """Report the settings of an http event (its request, response and statusCodes) the
        framework does not know: a misspelt ``templates`` must not silently mean no template."""
        parts: list[tuple[tuple[Any, ...], dict[str, Any], tuple[str, ...]]] = [
            ((), http, HTTP_EVENT_SETTINGS)]
        sections: dict[str, tuple[str, ...]] = {"request": REQUEST_SETTINGS,
                                                "response": RESPONSE_SETTINGS}
        for name, settings_known in sections.items():
            if isinstance(http.get(name), dict):
                parts.append(((name,), http[name], settings_known))
        if isinstance(http.get("authorizer"), dict):
            parts.append((("authorizer",), http["authorizer"], AUTHORIZER_SETTINGS))
        codes = http.get("response", {}).get("statusCodes") if isinstance(
            http.get("response"), dict) else None
        for code, config in (codes or {}).items() if isinstance(codes, dict) else ():
            if isinstance(config, dict):
                parts.append((("response", "statusCodes", code), config, STATUS_CODE_SETTINGS))
        for relative, settings, known in parts:
            for key in settings:
                if key not in known:
                    hint = did_you_mean(key, known)
                    name = ".".join(str(part) for part in (*relative, key))
                    # a plugin may define more settings of the event itself (the framework's
                    # defineFunctionEventProperties): then the framework does not warn
                    who = ("a plugin listed here may define it, and plugins are not run"
                           if not relative and not hint and self.get(("plugins",))
                           else "the Serverless Framework warns about it")
                    self.unknown.append(
                        f"{self.source((*at, *relative, key))}: {name} is not a setting of an "
                        f"http event ({who}); ignored{hint}")

    def _check_proxy_settings(self, http: dict[str, Any], at: tuple[Any, ...],
                              integration_type: str) -> None:
        """Name what a proxy integration does not use: the framework warns and removes every
        ``request`` setting but ``parameters``, ``schema(s)`` (and ``uri`` for http-proxy),
        and the whole ``response`` (its api-gateway/lib/validate.js)."""
        if integration_type not in _PROXY_KEPT_REQUEST_SETTINGS:
            return
        kept = _PROXY_KEPT_REQUEST_SETTINGS[integration_type]
        written = self.get((*at, "integration"))
        name = as_text(written) if written is not None else "lambda-proxy (the default)"
        removed: list[tuple[tuple[Any, ...], str]] = [
            (("request", key), f"request.{key}") for key in
            (http["request"] if isinstance(http.get("request"), dict) else ())
            if key not in kept]
        response = http.get("response")
        if isinstance(response, dict) and set(response) & set(_PROXY_KEPT_RESPONSE_SETTINGS):
            removed.extend((("response", key), f"response.{key}") for key in response
                           if key not in _PROXY_KEPT_RESPONSE_SETTINGS)
        elif "response" in http:
            removed.append((("response",), "response"))
        for relative, setting in removed:
            self.unknown.append(
                f"{self.source((*at, *relative))}: {setting} is not used with integration "
                f"{name}: the Serverless Framework warns and removes it before deployment")

    def _checked(self, build: Callable[[], T], at: tuple[Any, ...]) -> T:
        try:
            return build()
        except ModelError as error:
            raise DefinitionError(str(error), self.source(at)) from None

    def _integration_type(self, at: tuple[Any, ...]) -> str:
        written = self.get((*at, "integration"))
        if written is None:
            return "AWS" if self.get((*at, "async")) else "AWS_PROXY"
        if isinstance(written, (dict, list)):
            raise DefinitionError(
                f"integration must be one of lambda, lambda-proxy, aws, aws-proxy, http, "
                f"http-proxy, mock, not {kind(written)}: the Serverless Framework takes the "
                "integration's uri, templates and responses from request.uri, request.template "
                "and response (a mapping under integration is not one of its settings)",
                self.source((*at, "integration")))
        normalized = as_text(written).upper().replace("-", "_", 1)
        result = _INTEGRATIONS.get(normalized, normalized)
        if result not in ("AWS", "AWS_PROXY", "HTTP", "HTTP_PROXY", "MOCK"):
            raise DefinitionError(
                f"integration {written!r} is not one of lambda, lambda-proxy, aws, aws-proxy, "
                "http, http-proxy, mock", self.source((*at, "integration")))
        return result

    def _authorization(self, at: tuple[Any, ...]) -> str:
        authorizer = self.get((*at, "authorizer"))
        if authorizer is None:
            return "NONE"
        if isinstance(authorizer, str) and authorizer.upper() == "AWS_IAM":
            return "AWS_IAM"
        arn = authorizer.get("arn") if isinstance(authorizer, dict) else authorizer
        if isinstance(arn, str) and arn.startswith("arn:aws:cognito-idp:"):
            return "COGNITO_USER_POOLS"
        if isinstance(authorizer, dict) and str(authorizer.get("type", "")).upper() in (
                "AWS_IAM", "COGNITO_USER_POOLS"):
            return str(authorizer["type"]).upper()
        return "CUSTOM"

    def _authorizer(self, at: tuple[Any, ...]) -> str | None:
        """The name of the authorizer an http event's ``authorizer`` deploys (None for none,
        ``aws_iam``, or an ``authorizerId`` that is not ``{Ref: X}`` of an
        AWS::ApiGateway::Authorizer in ``resources.Resources``: one defined elsewhere).

        As the framework's api-gateway compiler builds it (``validate.js``, ``authorizers.js``):
        a function name, a function or user pool ARN, or ``{name, arn, type,
        identitySource, identityValidationExpression, resultTtlInSeconds}``; ``type``
        TOKEN unless the ARN is a user pool's; ``identitySource``
        ``method.request.header.Authorization`` unless given, or unless a REQUEST
        authorizer has caching off (framework v3 PR 10168); ``resultTtlInSeconds`` 300.
        Events naming one authorizer share it; different settings under one name are reported.
        """
        where = (*at, "authorizer")
        value = self.get(where)
        if value is None or self._authorization(at) == "AWS_IAM":
            return None
        settings = value if isinstance(value, dict) else {}
        if "authorizerId" in settings:
            return self._authorizer_resource(settings["authorizerId"])
        arn = settings.get("arn") if isinstance(value, dict) else value
        name = settings.get("name")
        if isinstance(arn, dict):
            self._check_function_arn(arn, settings, where)
        arn = None if arn is None else as_text(arn)
        cognito = arn is not None and arn.startswith("arn:aws:cognito-idp:")
        if name is None and arn is not None:
            name = arn.rsplit("/", 1)[-1] if cognito else arn.rsplit(":", 1)[-1]
        if name is None:
            raise DefinitionError("an authorizer needs a name or an arn", self.source(where))
        # a name without an ARN is a function of this service: the framework looks it up
        # (validate.js getLambdaArn → service.getFunction, which throws when it is absent)
        by_name = arn is None or (not isinstance(value, dict) and ":" not in arn)
        functions = self.get(("functions",), {})
        if by_name and not (isinstance(functions, dict) and as_text(name) in functions):
            raise DefinitionError(
                f"authorizer {as_text(name)!r} is no function of this service (the Serverless "
                f"Framework refuses it: Function \"{as_text(name)}\" doesn't exist in this Service); "
                "add the function, or give the authorizer's arn", self.source(where))
        kind = as_text(settings.get("type") or ("COGNITO_USER_POOLS" if cognito else "TOKEN")).upper()
        ttl = settings.get("resultTtlInSeconds", 300)
        if isinstance(ttl, bool) or not isinstance(ttl, int):
            raise DefinitionError(f"authorizer.resultTtlInSeconds must be a number of seconds, "
                                  f"not {ttl!r}", self.source((*where, "resultTtlInSeconds")))
        identity = settings.get("identitySource")
        if identity is None and not (kind == "REQUEST" and ttl == 0):
            identity = "method.request.header.Authorization"
        expression = settings.get("identityValidationExpression")
        authorizer = self._checked(lambda: Authorizer(
            as_text(name), kind, None if identity is None else as_text(identity),
            None if expression is None else as_text(expression), ttl), where)
        authorizer.source = self.source(where)
        known = self.authorizers.setdefault(authorizer.name, authorizer)
        if known is not authorizer and replace(known, source=None) != replace(authorizer, source=None):
            self.unknown.append(f"{authorizer.source}: authorizer {authorizer.name!r} is also defined "
                                f"at {known.source} with other settings; the first is used")
        return authorizer.name

    def _check_function_arn(self, arn: dict[str, Any], settings: dict[str, Any],
                            where: tuple[Any, ...]) -> None:
        """An ``arn`` written as a CloudFormation function (``!GetAtt UserPool.Arn``), as the
        framework's validate.js takes it: a ``name`` is then required (for a user pool it
        says so; for another type it fails in extractAuthorizerNameFromArn, "functionArn.split
        is not a function", serverless/serverless#3212), and a user pool's ARN makes a
        user pool authorizer only with ``type: COGNITO_USER_POOLS`` (PR #7799): otherwise it
        becomes a Lambda authorizer whose URI is the pool's ARN, which API Gateway refuses."""
        kind = str(settings.get("type") or "TOKEN").upper()
        if settings.get("name") is None:
            if kind == "COGNITO_USER_POOLS":
                raise DefinitionError("Please provide an authorizer name for authorizers of type "
                                      "COGNITO_USER_POOLS (the Serverless Framework's error: the "
                                      "arn is a CloudFormation function)", self.source(where))
            raise DefinitionError("an authorizer whose arn is a CloudFormation function needs a "
                                  "name (the Serverless Framework fails without one: "
                                  "functionArn.split is not a function)", self.source(where))
        target = arn.get("Fn::GetAtt") if list(arn) == ["Fn::GetAtt"] else None
        if isinstance(target, str):
            target = target.split(".", 1)
        pool = target[0] if isinstance(target, list) and target else None
        if (isinstance(pool, str) and kind != "COGNITO_USER_POOLS"
                and self.get(("resources", "Resources", pool, "Type")) == "AWS::Cognito::UserPool"):
            self.unknown.append(
                f"{self.source((*where, 'arn'))}: authorizer {as_text(settings['name'])!r}: its arn is "
                f"the user pool {pool}'s but its type is {kind}: the Serverless Framework makes a "
                "Lambda authorizer of it, whose URI API Gateway refuses; write type: "
                "COGNITO_USER_POOLS")

    def _authorizer_resource(self, reference: Any) -> str | None:
        """``authorizerId: {Ref: X}`` of an authorizer written under ``resources.Resources``:
        its name as the CloudFormation reader keys it (its Name, else X); None otherwise."""
        target = reference.get("Ref") if isinstance(reference, dict) else None
        at = ("resources", "Resources", target)
        if not isinstance(target, str) or self.get((*at, "Type")) != "AWS::ApiGateway::Authorizer":
            return None
        name = self.get((*at, "Properties", "Name"))
        return name if isinstance(name, str) and name else target

    def _lambda_uri(self, service: str, stage: str, function: str) -> str:
        """The invoke URI of the function (named ``service-stage-function`` unless ``name``)."""
        region = self.variables.region()
        name = self.get(("functions", function, "name"), f"{service}-{stage}-{function}")
        account = self.variables.params.get("accountId", SAMPLE_ACCOUNT_ID)
        return (f"arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/"
                f"arn:aws:lambda:{region}:{account}:function:{as_text(name)}/invocations")

    def _request_parameter_entries(self, at: tuple[Any, ...]) -> list[tuple[str, Any]]:
        self.mapping((*at, "request", "parameters"))  # (its own type is said before its parts')
        entries = []
        for location in ("querystrings", "paths", "headers"):
            for key, value in self.mapping((*at, "request", "parameters", location)).items():
                entries.append((f"method.request.{location[:-1]}.{key}", value))
        return entries

    def _method_parameters(self, at: tuple[Any, ...]) -> dict[str, bool]:
        result = {}
        for name, value in self._request_parameter_entries(at):
            result[name] = _required(value)
        return result

    def _validation(self, api: Api, method: Method, at: tuple[Any, ...], stack: str) -> None:
        """``request.schemas`` → models; the framework's validator (body and parameters)
        when a schema is given or a parameter is required (its request-validator.js)."""
        schemas = self.get((*at, "request", "schemas"), {})
        if not isinstance(schemas, dict):
            raise DefinitionError("request.schemas must map content types to schemas",
                                  self.source((*at, "request", "schemas")))
        if not schemas and not any(_required(v) for _, v in self._request_parameter_entries(at)):
            return
        name = f"{stack} | Validate request body and querystring parameters"
        api.request_validators.setdefault(name, RequestValidator(name, True, True))
        method.request_validator = name
        shared = self.get(("provider", "apiGateway", "request", "schemas"), {})
        for content_type, config in schemas.items():
            where: tuple[Any, ...] = (*at, "request", "schemas", content_type)
            model_type = content_type
            if isinstance(config, str) and isinstance(shared, dict) and config in shared:
                where, model_type = ("provider", "apiGateway", "request", "schemas", config), \
                    "application/json"  # the framework gives shared models this type
                config = shared[config]
            named = isinstance(config, dict) and "schema" in config
            schema = config["schema"] if named else config
            if isinstance(schema, str):
                try:
                    schema = json.loads(schema)
                except ValueError:
                    raise DefinitionError("a request schema must be JSON", self.source(where)) \
                        from None
            if not isinstance(schema, dict):
                raise DefinitionError("a request schema must be a JSON schema object",
                                      self.source(where))
            # A model without a name is named by CloudFormation when deployed; this stand-in
            # (letters and digits of method, path and content type) only links the two here.
            model_name = as_text(config["name"]) if named and config.get("name") else re.sub(
                r"[^0-9A-Za-z]", "", f"{method.http_method.title()}{method.path.title()}"
                f"{content_type.title()}") + "Model"
            api.models[model_name] = Model(model_name, schema, model_type, self.source(where))
            method.request_models[content_type] = model_name

    def _integration_parameters(self, at: tuple[Any, ...], type_: str) -> dict[str, str]:
        result = {}
        if type_ in ("AWS", "HTTP", "HTTP_PROXY"):
            for name, value in self._request_parameter_entries(at):
                mapped = value.get("mappedValue") if isinstance(value, dict) else None
                result["integration." + name.removeprefix("method.")] = as_text(mapped or name)
        if self.get((*at, "async")):
            result["integration.request.header.X-Amz-Invocation-Type"] = "'Event'"
        return result

    def _request(self, at: tuple[Any, ...], type_: str) -> dict[str, Any]:
        """Request templates, passthrough and content handling (AWS, HTTP and MOCK)."""
        request = (*at, "request")
        templates: dict[str, MappingTemplate] = {}
        if type_ == "AWS":
            for content_type in GENERATED_REQUEST_CONTENT_TYPES:
                templates[content_type] = MappingTemplate(_STAND_IN, self.source(at), GENERATED_BY)
        written = self.get((*request, "template"))
        if written is not None and not isinstance(written, dict):
            raise DefinitionError("request.template must map content types to templates",
                                  self.source((*request, "template")))
        claims = self._claims(at)
        for content_type in written or {}:
            value = self.get((*request, "template", content_type))
            if value is None:
                templates.pop(content_type, None)  # `null` removes a default template
                continue
            template = self._template(value, (*request, "template", content_type))
            # The framework puts the authorizer's claims in place of the first
            # `extraCognitoPoolClaims` of every request template, the user's too
            # (its method/index.js): a no-op unless the word is there.
            text = template.text.replace("extraCognitoPoolClaims", claims, 1)
            templates[content_type] = replace(template, text=text)
        # The framework sets NEVER for lambda; HTTP and MOCK keep API Gateway's default.
        passthrough = self.get((*request, "passThrough"), "NEVER" if type_ == "AWS" else None)
        return {"request_templates": templates,
                "passthrough_behavior": as_text(passthrough or "WHEN_NO_MATCH"),
                "content_handling": self.get((*request, "contentHandling"))}

    def _claims(self, at: tuple[Any, ...]) -> str:
        """What replaces ``extraCognitoPoolClaims``: ``"c": "$context.authorizer.claims.c",``
        for each of ``authorizer.claims`` (``a:b`` → ``"b": "…claims['a:b']"``)."""
        authorizer = self.get((*at, "authorizer"))
        claims = authorizer.get("claims") if isinstance(authorizer, dict) else None
        parts = []
        for claim in claims or []:
            claim = as_text(claim)
            if ":" in claim:
                parts.append(f'"{claim.split(":", 1)[1]}": '
                             f"\"$context.authorizer.claims['{claim}']\"")
            else:
                parts.append(f'"{claim}": "$context.authorizer.claims.{claim}"')
        return ",".join(parts) + "," if parts else ""

    def _responses(self, integration: Integration, method: Method, at: tuple[Any, ...],
                   cors: dict[str, Any] | None) -> None:
        response = (*at, "response")
        written = self.get(response)
        if written is None and integration.type != "AWS":
            return
        written = written if isinstance(written, dict) else {}
        status_codes = self.get((*response, "statusCodes"))
        defaults = written == {} or status_codes is None
        keys: dict[str, Any] = {}
        if defaults:
            if integration.type == "MOCK":
                raise DefinitionError("a mock integration's response needs statusCodes",
                                      self.source(response))
            codes: dict[str, Any] = {code: {"pattern": pattern}
                                     for code, pattern in DEFAULT_STATUS_CODES.items()}
        else:
            if not isinstance(status_codes, dict):
                raise DefinitionError("response.statusCodes must map statuses to their settings",
                                      self.source((*response, "statusCodes")))
            keys = {as_text(code): code for code in status_codes}
            codes = {text: self.get((*response, "statusCodes", key), {}) or {}
                     for text, key in keys.items()}
            if integration.type != "MOCK" and not any(
                    isinstance(c, dict) and c.get("pattern") == "" for c in codes.values()):
                codes["200"] = {"pattern": ""}
        headers: dict[str, str] = {}
        if cors is not None:
            headers["Access-Control-Allow-Origin"] = f"'{cors['origin']}'"
            if cors["allowCredentials"]:
                # a static value, quoted as the preflight's (an unquoted `true` is no
                # mapping expression: API Gateway would refuse the integration response)
                headers["Access-Control-Allow-Credentials"] = "'true'"
        headers.update({k: self.text((*response, "headers", k))
                        for k in self.mapping((*response, "headers"))})
        # JavaScript objects list integer-like keys in ascending order: the framework emits
        # the statuses sorted.
        for code in sorted(codes, key=lambda c: (not c.isdigit(), int(c) if c.isdigit() else 0, c)):
            config = codes[code] if isinstance(codes[code], dict) else {}
            # The framework's default statuses are located at the event that gets them.
            code_at = (*response, "statusCodes", keys[code]) if code in keys else at
            self._status(integration, method, code, config, headers, response, code_at)

    def _status(self, integration: Integration, method: Method, code: str, config: dict[str, Any],
                headers: dict[str, str], response: tuple[Any, ...],
                code_at: tuple[Any, ...]) -> None:
        parameters = {f"method.response.header.{k}": v for k, v in headers.items()}
        parameters.update({f"method.response.header.{k}": self.text((*code_at, "headers", k))
                           for k in self.mapping((*code_at, "headers"), config.get("headers"))})
        templates: dict[str, MappingTemplate] = {}
        if self.get((*response, "template")) is not None:
            templates["application/json"] = self._template(
                self.get((*response, "template")), (*response, "template"))
        template = config.get("template")
        if isinstance(template, (str, SourcedStr)):
            templates["application/json"] = self._template(self.get((*code_at, "template")),
                                                           (*code_at, "template"))
        elif isinstance(template, dict):
            for content_type in template:
                at = (*code_at, "template", content_type)
                templates[content_type] = self._template(self.get(at), at)
        content_handling = self.get((*response, "contentHandling")) if code.startswith("2") \
            else None
        integration.responses.append(self._checked(lambda: IntegrationResponse(
            code, selection_pattern=self._pattern(config.get("pattern"), code_at),
            response_parameters=parameters, response_templates=templates,
            content_handling=content_handling, source=self.source(code_at)), code_at))
        method.method_responses[code] = self._checked(lambda: MethodResponse(
            code, {name.removeprefix("method.response.header."): True for name in parameters}),
            code_at)

    def _pattern(self, pattern: Any, code_at: tuple[Any, ...]) -> str | None:
        """A status's selection pattern (None for ''/absent: the default response)."""
        if isinstance(pattern, (dict, list)):
            raise DefinitionError(f"pattern must be text, not {kind(pattern)}",
                                  self.source((*code_at, "pattern")))
        return as_text(pattern or "") or None

    def _template(self, value: Any, at: tuple[Any, ...]) -> MappingTemplate:
        if not isinstance(value, str):
            raise DefinitionError(f"a template must be text, not {kind(value)}"
                                  f"{self._parsed_file_hint(at)}", self.source(at))
        # A variable left as a placeholder cannot run (only the variables' own placeholders
        # count: Velocity's ${x} is text the user wrote).
        placeholders = placeholders_in(value)
        first = placeholders[0] if placeholders else None
        # The line of the key, as the other YAML readers (OpenAPI, CloudFormation) give it.
        source = value.source if isinstance(value, SourcedStr) else self.source(at)
        return MappingTemplate(str(value), source,
                               unresolved=str(first) if first is not None else None,
                               unresolved_hint=first.why if first is not None else None)

    def _parsed_file_hint(self, at: tuple[Any, ...]) -> str:
        """Why a template written as ``${file(t.json)}`` is data: the framework parses the
        files it loads by suffix (.json, .yml, .yaml), so their text never reaches API Gateway."""
        raw: Any = self.document.data  # as written, before its variables are resolved
        for key in at:
            raw = raw.get(key) if isinstance(raw, dict) else \
                raw[key] if isinstance(raw, list) and isinstance(key, int) and key < len(raw) else None
        loaded = re.fullmatch(r"\s*\$\{file\(\s*['\"]?([^)'\"]*?)['\"]?\s*\)\}\s*", raw) \
            if isinstance(raw, str) else None
        if loaded is None or Path(loaded[1]).suffix not in (".json", ".yml", ".yaml"):
            return ""
        return (": ${file()} parses a .json, .yml or .yaml file; keep the template in a file "
                f"named otherwise ({Path(loaded[1]).stem}.vm)")

    # CORS

    def _cors(self, at: tuple[Any, ...], http_method: str) -> dict[str, Any] | None:
        """The event's CORS settings as the framework completes them, or None."""
        written = self.get((*at, "cors"))
        if not written:
            return None
        cors: dict[str, Any] = {"origin": "*", "methods": ["OPTIONS"],
                                "headers": list(CORS_DEFAULT_HEADERS), "allowCredentials": False,
                                "source": self.source((*at, "cors"))}
        if isinstance(written, dict):
            if written.get("origins"):
                # any origins list gets the framework's response template, which answers a
                # matching Origin with itself: origins ['*'] echoes the request's Origin, not *
                origins = [as_text(o) for o in written["origins"]]
                cors["origin"] = origins[0]
                cors["origins"] = origins
            if "origin" in written:
                cors["origin"] = as_text(written["origin"])
                # the framework splits an origin list written in one string (its cors.js)
                if "," in cors["origin"]:
                    cors["origins"] = [o.strip() for o in cors["origin"].split(",")]
                    cors["origin"] = cors["origins"][0]
            if written.get("headers") is not None:
                cors["headers"] = self._names((*at, "cors", "headers"))
            cors["methods"] = self._names((*at, "cors", "methods")) if written.get("methods") else []
            cors["allowCredentials"] = bool(written.get("allowCredentials"))
            for key in ("maxAge", "cacheControl"):
                if written.get(key) is not None:
                    cors[key] = written[key]
            if "OPTIONS" not in cors["methods"]:
                cors["methods"].append("OPTIONS")
        if http_method not in cors["methods"]:
            cors["methods"].append(http_method)
        return cors

    def _names(self, at: tuple[Any, ...]) -> list[str]:
        """A string or a list of strings (the framework's schema for cors headers and
        methods); anything else is an error at its line (fuzz_definitions seed 3: a mapping
        among the headers raised TypeError)."""
        value = self.get(at)
        items = [value] if isinstance(value, str) else value
        field = ".".join(map(str, at[-2:]))
        if not isinstance(items, list):
            raise DefinitionError(f"{field} must be a list of names, not {kind(value)}", self.source(at))
        for index, item in enumerate(items):
            if not isinstance(item, str):
                raise DefinitionError(f"{field}[{index}] must be a name, not {kind(item)}",
                                      self.source((*at, index)))
        return list(items)

    def _merge_preflight(self, path: str, cors: dict[str, Any]) -> None:
        """Events on one path share one preflight: lists joined, the later origin wins."""
        merged = self.cors.setdefault(path, {"methods": [], "headers": [],
                                             "allowCredentials": False})
        for key in ("methods", "headers"):
            merged[key] = _union(cors[key], merged[key])
        merged["origin"] = cors["origin"]
        merged["allowCredentials"] = merged["allowCredentials"] or cors["allowCredentials"]
        merged.setdefault("source", cors["source"])
        for key in ("maxAge", "cacheControl", "origins"):
            if key in cors:
                merged[key] = cors[key]

    def _preflight(self, path: str, cors: dict[str, Any]) -> Method:
        headers = {
            "Access-Control-Allow-Origin": f"'{cors['origin']}'",
            "Access-Control-Allow-Headers": f"'{','.join(cors['headers'])}'",
            "Access-Control-Allow-Methods": "'" + ",".join(cors["methods"]).replace(
                "ANY", "DELETE,GET,HEAD,PATCH,POST,PUT") + "'",
        }
        if cors["allowCredentials"]:
            headers["Access-Control-Allow-Credentials"] = "'true'"
        if cors.get("maxAge"):
            headers["Access-Control-Max-Age"] = f"'{cors['maxAge']}'"
        if cors.get("cacheControl"):
            headers["Cache-Control"] = f"'{cors['cacheControl']}'"
        source = cors["source"]
        # An origins list (or a comma-separated origin): the static header is the first one,
        # and the framework writes a response template answering a matching Origin with
        # itself (its cors.js; '*' matches any); that template's text is not reproduced, so
        # the preflight is listed but not run.
        response = (MappingTemplate(_CORS_STAND_IN, source, CORS_GENERATED_BY)
                    if cors.get("origins") else MappingTemplate("", source))
        integration = Integration(
            "MOCK",
            request_templates={"application/json": MappingTemplate(CORS_REQUEST_TEMPLATE, source)},
            content_handling="CONVERT_TO_TEXT",
            responses=[IntegrationResponse(
                "200", response_parameters={f"method.response.header.{k}": v
                                            for k, v in headers.items()},
                response_templates={"application/json": response},
                source=source)],
            source=source)
        return Method("OPTIONS", path, integration=integration,
                      method_responses={"200": MethodResponse("200", dict.fromkeys(headers, True))},
                      source=source)


_REST_API = "ApiGatewayRestApi"
#: The --param naming the REST API to read when resources.Resources declares its own (the
#: CloudFormation and Terraform readers' choice too).
API_CHOICE = "vtl:api"


def _file_sources(value: Any, at: tuple[Any, ...], document: Document) -> dict[Source, Source]:
    """Where a ``${file()}`` was written → the file it read (whose text starts at line 1)."""
    found: dict[Source, Source] = {}
    if isinstance(value, SourcedStr):
        found[document.source(at)] = value.source
    elif isinstance(value, dict):
        for key, item in value.items():
            found.update(_file_sources(item, (*at, key), document))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.update(_file_sources(item, (*at, index), document))
    return found


def _placeholders(value: Any) -> list[Placeholder]:
    """The variables left as placeholders anywhere in ``value`` (resolved data)."""
    if isinstance(value, dict):
        return [p for item in value.values() for p in _placeholders(item)]
    if isinstance(value, list):
        return [p for item in value for p in _placeholders(item)]
    return list(placeholders_in(value))


def _mark_placeholders(method: Method, placeholders: list[Placeholder]) -> None:
    """Templates the CloudFormation reader made from text holding a variable's placeholder
    are unresolved. The CloudFormation reader keeps the text, not what it was built from:
    the text is searched for the placeholders the variables left in ``resources``."""
    integration = method.integration
    if integration is None or not placeholders:
        return

    def marked(templates: dict[str, MappingTemplate]) -> dict[str, MappingTemplate]:
        result = {}
        for mime, template in templates.items():
            held = [p for p in placeholders if p in template.text]
            if held and template.unresolved is None:
                first = min(held, key=template.text.index)
                template = replace(template, unresolved=str(first), unresolved_hint=first.why)
            result[mime] = template
        return result

    integration.request_templates = marked(integration.request_templates)
    for response in integration.responses:
        response.response_templates = marked(response.response_templates)


def _relocate(method: Method, files: dict[Source, Source]) -> None:
    """Templates the CloudFormation reader located at a ``${file()}``: point into the file."""
    integration = method.integration
    if integration is None:
        return

    def located(templates: dict[str, MappingTemplate]) -> dict[str, MappingTemplate]:
        return {mime: replace(t, source=files.get(t.source, t.source)) if t.source else t
                for mime, t in templates.items()}

    integration.request_templates = located(integration.request_templates)
    for response in integration.responses:
        response.response_templates = located(response.response_templates)


def resource_logical_id(path: str) -> str:
    """The framework's logical id of the API Gateway resource of ``path`` (its naming.js):
    each part capitalised (the rest lower-cased), ``-`` → ``Dash``, ``{x}`` → ``xVar``, other
    characters dropped: ``orders/{id}`` → ``ApiGatewayResourceOrdersIdVar``."""
    def part(text: str) -> str:
        text = text[:1].upper() + text[1:].lower()
        text = re.sub(r"\{(.*)\}", r"\1Var", text.replace("-", "Dash"))
        text = re.sub(r"[^0-9A-Za-z]", "", text)
        return text[:1].upper() + text[1:]

    return "ApiGatewayResource" + "".join(part(p) for p in path.strip("/").split("/") if p)


def _union(first: list[Any], second: list[Any]) -> list[Any]:
    """lodash's union: the distinct values of both lists, in order of first appearance."""
    result: list[Any] = []
    for item in (*first, *second):
        if item not in result:
            result.append(item)
    return result

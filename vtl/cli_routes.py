"""``vtl routes`` and ``vtl render --api``: the methods and templates of an API definition.

    vtl routes API_FILE [--param K=V]... [--json]
    vtl render --api API_FILE --route "POST /orders" [--content-type T]
               [--response PATTERN|default] [--stage NAME] [--param K=V]... [--event EVENT.json]

``API_FILE`` is anything :func:`vtl.api.load_api` reads (OpenAPI, CloudFormation/SAM, a
``cdk.out`` or Terraform folder, serverless.yml). ``vtl.cli`` hooks these in with a few
lines (:func:`add_parser`, :func:`add_render_options`, :func:`run`, :func:`render_route`,
:func:`refuse_definition`); the API layer is imported only when one of them runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

__all__ = [
    "add_param_option",
    "add_parser",
    "add_render_options",
    "parse_params",
    "refuse_definition",
    "render_route",
    "routes_json",
    "routes_text",
    "run",
]

from vtl.cli import (
    EXIT_OK,
    EXIT_TEMPLATE_ERROR,
    UsageError,
    _body_path,
    _parse_stage_vars,
    _plural,
    _pretty_json,
    _read_json_object,
    _read_text,
    _render_apigw,
    _report,
    _write,
    write_warnings,
)
from vtl.cli_invoke import API_FORMATS

if TYPE_CHECKING:
    from vtl.api import Api, MappingTemplate, Method

#: The content type a request without ``Content-Type`` (or a response without ``Accept``)
#: is given (spec pipeline §5, §9).
DEFAULT_MEDIA_TYPE = "application/json"
#: Suffixes of files ``vtl render`` checks for being a definition rather than a template.
DEFINITION_SUFFIXES = (".json", ".yaml", ".yml", ".template", ".tf")

ROUTES_EPILOG = """\
Without --json, one block per method: its integration (type, HTTP method, URI, request
parameter mappings), the content types with a request template, each integration response
(selection pattern → status, with its templates and response parameters), and the
file:line where each template is written; then the API's customised gateway responses.
The binary media types and a contentHandling (request body, or an integration response's)
are shown when the definition sets them, and so are the stage variables of each stage.
With --json, one JSON object:
  {"format", "name", "binary_media_types": [MIME], "stages": {STAGE: {NAME: VALUE}},
   "routes": [{"method", "path", "method_request": {"authorization_type",
   "authorizer", "api_key_required", "request_validator", "request_models": {MIME: MODEL},
   "request_parameters"},
   "method_responses": {STATUS: {"headers": {NAME: REQUIRED}, "models": {MIME: MODEL}}},
   "integration": {"type", "http_method", "uri", "connection_type", "connection_id",
   "timeout_ms", "request_parameters", "passthrough_behavior", "content_handling",
   "request_templates": {MIME: TEXT}, "responses":
   [{"selection_pattern", "status", "content_handling", "response_templates": {MIME: TEXT},
     "response_parameters": {...}}]}, "source": "file:line"}],
   "gateway_responses": [{"response_type", "status", "response_parameters",
     "response_templates", "source"}]}
with each template's text exactly as deployed. What the definition holds that API Gateway
would skip on import is reported on stderr as a warning.
"""


def add_parser(commands: Any) -> None:
    """The ``routes`` command."""
    routes = commands.add_parser(
        "routes",
        help="list the methods of an API definition and their templates",
        description="List every method of API_FILE with its integration and templates.",
        epilog=ROUTES_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    routes.add_argument(
        "api",
        metavar="API_FILE",
        help=API_FORMATS,
    )
    _add_param(routes)
    routes.add_argument("--json", action="store_true", help="print one JSON object")


def add_render_options(render: argparse.ArgumentParser) -> None:
    """``vtl render --api FILE --route "METHOD /path"`` and its choices of template."""
    group = render.add_argument_group(
        "a template of an API definition",
        "Render one template of API_FILE instead of a TEMPLATE file. The request template is "
        "the one for --content-type (default: the event's Content-Type, else application/json); "
        "--response picks an integration response (its selection pattern, 'default', or its "
        "status) and renders its template for --content-type (the Accept type, default "
        "application/json). For a response template the event's body is the backend's answer. "
        "Without --event, the sample request is sent to the route (its method and path).",
    )
    # Kept so that a render without TEMPLATE or --api prints the usage, as argparse would.
    render.set_defaults(render_parser=render)
    group.add_argument("--api", metavar="API_FILE", help=f"the API definition ({API_FORMATS})")
    group.add_argument("--route", metavar='"METHOD /path"', help='the method, e.g. "POST /orders"')
    group.add_argument("--content-type", metavar="TYPE", help="which template, by media type")
    group.add_argument(
        "--response", metavar="PATTERN", help="an integration response's template instead"
    )
    group.add_argument(
        "--stage", metavar="NAME", help="start from the stage variables this stage defines"
    )
    _add_param(group)


def add_param_option(parser: Any) -> None:
    """``--param K=V`` (repeatable), as ``routes``, ``render --api`` and ``invoke`` take it."""
    _add_param(parser)


def _add_param(parser: Any) -> None:
    parser.add_argument(
        "--param",
        metavar="KEY=VALUE",
        action="append",
        default=[],
        dest="params",
        help="a parameter of the definition (CloudFormation Parameters, Terraform variables…); "
        "in CloudFormation also a resource's deployed Ref or attribute (Table=…, Queue.Arn=…)",
    )


# --- vtl routes -------------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    """``vtl routes``: list the methods of ``args.api``."""
    api = _load(args.api, args.params)
    for warning in api.warnings:
        _write(sys.stderr, f"vtl: warning: {warning}\n")
    if args.json:
        _write(sys.stdout, _pretty_json(routes_json(api)))
    else:
        _write(sys.stdout, routes_text(api, args.api))
    return EXIT_OK


def routes_json(api: Api) -> dict[str, Any]:
    """The ``vtl routes --json`` object (its shape is the issue's contract; the method
    request, the integration's HTTP method and parameter mappings, and the gateway
    responses were added after it, as the readable listing shows them)."""
    return {
        "format": api.format,
        "name": api.name,
        # which bodies are binary, and the variables each stage gives ${stageVariables.x}:
        # what the readable listing shows above its methods
        "binary_media_types": list(api.binary_media_types),
        "stages": {stage: dict(variables) for stage, variables in api.stages.items()},
        "routes": [_route_json(method) for method in api.methods],
        "gateway_responses": [
            _gateway_response_json(response) for response in api.gateway_responses.values()
        ],
    }


def _route_json(method: Method) -> dict[str, Any]:
    integration = method.integration
    return {
        "method": method.http_method,
        "path": method.path,
        "method_request": {
            "authorization_type": method.authorization_type,
            "authorizer": method.authorizer,
            "api_key_required": method.api_key_required,
            "request_validator": method.request_validator,
            "request_models": dict(method.request_models),
            "request_parameters": dict(method.request_parameters),
        },
        "method_responses": {
            status: {"headers": dict(response.headers), "models": dict(response.models)}
            for status, response in method.method_responses.items()
        },
        "integration": None
        if integration is None
        else {
            "type": integration.type,
            "http_method": integration.http_method,
            "uri": integration.uri,
            "connection_type": integration.connection_type,
            "connection_id": integration.connection_id,
            "timeout_ms": integration.timeout_ms,
            "request_parameters": dict(integration.request_parameters),
            "passthrough_behavior": integration.passthrough_behavior,
            "content_handling": integration.content_handling,
            "request_templates": _texts(integration.request_templates),
            "responses": [
                {
                    "selection_pattern": response.selection_pattern,
                    "status": response.status_code,
                    "content_handling": response.content_handling,
                    "response_templates": _texts(response.response_templates),
                    "response_parameters": dict(response.response_parameters),
                }
                for response in integration.responses
            ],
        },
        "source": str(method.source) if method.source is not None else None,
    }


def _gateway_response_json(response: Any) -> dict[str, Any]:
    # templates here are plain text with substitutions, not VTL (spec pipeline §13)
    return {
        "response_type": response.response_type,
        "status": response.status_code,
        "response_parameters": dict(response.response_parameters),
        "response_templates": dict(response.response_templates),
        "source": str(response.source) if response.source is not None else None,
    }


def _texts(templates: dict[str, MappingTemplate]) -> dict[str, str]:
    return {media_type: template.text for media_type, template in templates.items()}


def routes_text(api: Api, path: str) -> str:
    """The readable listing: one block per method."""
    count = len(api.methods)
    lines = [f"{path}: {api.format or 'API'} '{api.name}', {count} method{'s' * (count != 1)}"]
    if api.binary_media_types:
        # which bodies are binary decides what contentHandling and templates see
        lines.append(f"binary media types: {', '.join(api.binary_media_types)}")
    for stage, variables in api.stages.items():
        # a stage's variables are what ${stageVariables.x} in URIs and templates becomes
        if variables:
            shown = ", ".join(f"{name}={value}" for name, value in variables.items())
            lines.append(f"stage {stage}: {shown}")
    for method in api.methods:
        lines.append("")
        lines.extend(_method_lines(method, api))
    if api.gateway_responses:
        lines.extend(["", "gateway responses (what API Gateway answers by itself)"])
        for response in api.gateway_responses.values():
            lines.extend(_gateway_response_lines(response))
    return "\n".join(lines) + "\n"


def _gateway_response_lines(response: Any) -> list[str]:
    """A customised gateway response: its status, templates and headers."""
    status = response.status_code or "its default status"
    where = f"  ({response.source})" if response.source is not None else ""
    lines = [f"  {response.response_type} → {status}{where}"]
    # not VTL: API Gateway substitutes $context, $stageVariables and method request values
    lines.extend(f"    {media_type}  template (substitution only, not VTL)"
                 for media_type in response.response_templates)
    lines.extend(f"    {name} = {value}" for name, value in response.response_parameters.items())
    return lines


def _method_lines(method: Method, api: Api) -> list[str]:
    where = f"  ({method.source})" if method.source is not None else ""
    lines = [f"{method}{where}"]
    checks = _method_request(method, api)
    if checks:
        lines.append(f"  method        {checks}")
    integration = method.integration
    if integration is None:
        return [*lines, "  integration   (none)"]
    target = " ".join(part for part in (integration.http_method, integration.uri) if part)
    lines.append(f"  integration   {integration.type}{' ' + target if target else ''}")
    if integration.connection_type == "VPC_LINK":
        lines.append(f"  connection    VPC link {integration.connection_id or '(connectionId not given)'}")
    for index, (name, value) in enumerate(integration.request_parameters.items()):
        lines.append(f"{'  parameters    ' if index == 0 else ' ' * 16}{name} = {value}")
    if integration.content_handling is not None:
        lines.append(f"  content       {integration.content_handling} (request body)")
    if integration.is_proxy:
        return lines
    lines.append(f"  passthrough   {integration.passthrough_behavior}")
    requests = _template_list(integration.request_templates)
    lines.append(f"  request       {requests[0]}")
    lines.extend(f"                {line}" for line in requests[1:])
    if not integration.responses:
        lines.append("  responses     (none)")
    for index, response in enumerate(integration.responses):
        label = "  responses     " if index == 0 else " " * 16
        pattern = "default" if response.is_default else response.selection_pattern
        converted = f" ({response.content_handling})" if response.content_handling else ""
        lines.append(f"{label}{pattern} → {response.status_code}{converted}")
        for line in _template_list(response.response_templates, empty=""):
            lines.append(f"{' ' * 18}{line}")
        for target_name, value in response.response_parameters.items():
            lines.append(f"{' ' * 18}{target_name} = {value}")
    return lines


def _method_request(method: Method, api: Api) -> str:
    """What the method request checks before the integration, when it checks anything."""
    parts = []
    if method.authorization_type != "NONE":
        authorizer = api.authorizers.get(method.authorizer or "")
        shown = "" if authorizer is None else (
            f" (authorizer {authorizer.name}, {authorizer.type}: "
            f"{', '.join(authorizer.identity_sources) or 'no identity sources'})")
        parts.append(f"authorization {method.authorization_type}{shown}")
    if method.api_key_required:
        parts.append("API key required")
    if method.request_validator is not None:
        parts.append(f"validator {method.request_validator}")
    # The model a validator checks the body against (shown with or without one: a
    # validator added later uses it).
    parts.extend(f"model {mime} {name}" for mime, name in method.request_models.items())
    required = [
        name.removeprefix("method.request.")
        for name, needed in method.request_parameters.items()
        if needed
    ]
    if required:
        parts.append(f"required {', '.join(required)}")
    return "; ".join(parts)


def _proxy_templates(integration: Any) -> list[MappingTemplate]:
    """The templates written on a proxy integration (API Gateway runs none of them)."""
    responses = [t for r in integration.responses for t in r.response_templates.values()]
    return [*integration.request_templates.values(), *responses]


def _template_list(
    templates: dict[str, MappingTemplate], empty: str = "(no templates)"
) -> list[str]:
    if not templates:
        return [empty] if empty else []
    return [f"{media_type}  {_template_origin(t)}" for media_type, t in templates.items()]


def _template_origin(template: MappingTemplate) -> str:
    """Where a template's text comes from: its file and line, or the tool that writes it."""
    generated_by = template.generated_by
    if generated_by:
        return f"template written by {generated_by}, not in the definition (text not reproduced)"
    return "template" + (f" at {template.source}" if template.source is not None else "")


# --- vtl render --api -------------------------------------------------------------------


def refuse_definition(args: argparse.Namespace) -> None:
    """Before ``vtl render TEMPLATE``: API options need --api, and a definition file given
    as TEMPLATE gets an error saying how to pick one of its templates."""
    for flag, value in (
        ("--route", args.route),
        ("--content-type", args.content_type),
        ("--response", args.response),
        ("--stage", args.stage),
        ("--param", args.params),
    ):
        if value:
            raise UsageError(
                f"{flag} needs --api API_FILE (the definition to take the template from)"
            )
    if args.template is None:
        args.render_parser.error('give a TEMPLATE file, or --api API_FILE --route "METHOD /path"')
    found = _definition_format(args.template)
    if found is not None:
        raise UsageError(
            f"{args.template} is an API definition ({found}), not a template: pick one of "
            f'its templates with `vtl render --api {args.template} --route "METHOD /path"`'
            f"{_routes_hint_of(args.template)}"
        )


def _definition_format(path: str) -> str | None:
    """The format of a file any reader recognises as a definition; else None (a template)."""
    location = Path(path)
    if path == "-" or not (location.is_dir() or location.suffix in DEFINITION_SUFFIXES):
        return None
    from vtl.api.sources import definition_format

    return definition_format(location)


def _routes_hint_of(path: str) -> str:
    """The routes of a definition, when it can be read (what it holds helps pick one)."""
    from vtl.api.sources import DefinitionError, load_api

    try:
        return _routes_hint(load_api(path))
    except DefinitionError as error:
        return f" (`vtl routes {path}` lists its routes; reading it now says: {error})"


def _routes_hint(api: Api) -> str:
    routes = [str(method) for method in api.methods]
    if not routes:
        return " (it has no methods)"
    shown = ", ".join(routes[:6]) + (", …" if len(routes) > 6 else "")
    return f" (its routes: {shown}; `vtl routes` lists them with their templates)"


def render_route(args: argparse.Namespace) -> int:
    """``vtl render --api FILE --route "METHOD /path"``: render one template of the definition."""
    if args.template is not None:
        raise UsageError("give either a TEMPLATE or --api API_FILE, not both")
    if args.vars is not None or args.profile != "apigateway":
        raise UsageError(
            "a template of an API definition renders as API Gateway does: "
            "--vars and --profile velocity do not apply"
        )
    api = _load(args.api, args.params)
    if not args.no_warnings:  # what the reader skipped, as `vtl routes` and `vtl invoke` say
        for warning in api.warnings:
            _write(sys.stderr, f"vtl: warning: {warning}\n")
    if not args.route:
        raise UsageError(f'--api needs --route "METHOD /path"{_routes_hint(api)}')
    method = _find_method(api, args.route)
    event = _read_json_object(args.event, "event") if args.event is not None else None
    template, what, response_status = _choose_template(method, args, event)
    why = template.why_not_runnable()
    if why is not None:
        raise UsageError(f"the {what} template of {method} {why}")
    if event is None:
        event, missing = sample_request(method)
        if missing and not args.no_warnings:
            _write(sys.stderr, f"vtl: note: no --event: the sample request sent as {event['httpMethod']} "
                               f"{event['path']} has no value for the path parameter "
                               f"{', '.join(missing)}; give one in an --event\n")
    # The stage's own variables, then the event's, then --stage-var: the later wins.
    base = event.get("stageVariables")
    stage_variables = {
        **_stage_variables(api, args.stage),
        **(base if isinstance(base, dict) else {}),
        **_parse_stage_vars(args.stage_vars),
    }
    # A response template reads the backend's answer (--body; else the event's body) and
    # starts from its integration response's status, as on API Gateway.
    body_path = _body_path(args.body)
    body = args.body if body_path is None else _read_text(body_path, "body")
    if args.status is None and response_status is not None:
        args.status = int(response_status)
    from vtl.errors import TemplateError

    name = f"{template.source or args.api} ({method} {what})"
    try:
        if not args.no_warnings:
            failed = _print_warnings(template, name, f"{method} {what}", args.strict)
            if failed:
                return failed
        from vtl.api.sources.locate import locate_error

        return _render_apigw(template.text, name, event, stage_variables, body, args,
                             lambda error: locate_error(error, template, f"{method} {what}"))
    except TemplateError as error:
        from vtl.api.sources.locate import locate_error

        return _report(locate_error(error, template, f"{method} {what}"))


def sample_request(method: Method) -> tuple[dict[str, Any], list[str]]:
    """The sample request (``vtl sample-event``) sent to ``method``: its HTTP method (an
    ``ANY`` method keeps the sample's), resource and path, so ``$context.httpMethod``,
    ``$context.resourcePath`` and ``$input.params()`` are this route's, not the sample's
    ``POST /pets/{petId}``. Path parameters keep the sample's value when the name is the
    same; the names without one are returned (their value is left out, not invented).
    The sample's stage variables are dropped: the definition's own stage gives them."""
    from vtl.api.routing import path_for, path_parameter_names
    from vtl.apigw import sample_event

    event = sample_event()
    known = event.get("pathParameters") or {}
    names = path_parameter_names(method.path)
    values = {name: str(known[name]) for name in names if name in known}
    missing = [name for name in names if name not in values]
    http_method = event["httpMethod"] if method.http_method == "ANY" else method.http_method
    path = path_for(method.path, values)
    event.update(resource=method.path, path=path, httpMethod=http_method,
                 pathParameters=values or None, stageVariables=None)
    context = event.get("requestContext")
    if isinstance(context, dict):
        stage = context.get("stage") or "prod"
        context.update(resourcePath=method.path, httpMethod=http_method, path=f"/{stage}{path}")
    return event, missing


def _print_warnings(template: MappingTemplate, name: str, label: str, strict: bool) -> int:
    """The template's warnings (as ``vtl render`` prints them), pointing into the definition
    file like its errors; with ``strict``, any warning fails (1)."""
    from vtl.api.sources.locate import locate_error
    from vtl.apigw.warnings import find_warnings

    found = [
        locate_error(warning, template, label) for warning in find_warnings(template.text, name)
    ]
    write_warnings(found)
    if strict and found:
        _write(sys.stderr, f"vtl: error: {_plural(len(found), 'warning')} (--strict)\n")
        return EXIT_TEMPLATE_ERROR
    return EXIT_OK


def _load(path: str, params: list[str]) -> Api:
    from vtl.api.sources import load_api
    from vtl.api.sources.document import DefinitionError

    values = parse_params(params)
    if not Path(path).exists():
        raise UsageError(f"API definition {path}: no such file or folder")
    try:
        return load_api(path, values)
    except DefinitionError as error:
        raise UsageError(str(error)) from None


def parse_params(items: list[str]) -> dict[str, str]:
    """``--param K=V`` values (also used by ``vtl invoke``)."""
    values = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise UsageError(f"--param expects KEY=VALUE, got {item!r}")
        values[key] = value
    return values


def _find_method(api: Api, route: str) -> Method:
    http_method, _, path = route.strip().partition(" ")
    path = path.strip()
    if not path.startswith("/"):
        raise UsageError(f'--route expects "METHOD /path", e.g. "POST /orders", got {route!r}')
    method = api.find_method(http_method, path)
    if method is None:
        from vtl.api.routing import match_route

        reached = match_route(api, http_method.upper(), path)
        if reached is not None:  # a request path ("GET /orders/o-42"), not a method's
            raise UsageError(f"{route.strip()} is a request, not a method of this API: it "
                             f'reaches {reached.method} (write --route "{reached.method}")')
        raise UsageError(f"{route.strip()} is not a method of this API{_routes_hint(api)}")
    return method


def _choose_template(
    method: Method, args: argparse.Namespace, event: dict[str, Any] | None
) -> tuple[MappingTemplate, str, str | None]:
    """The template --response/--content-type name, words saying which it is, and the
    status of its integration response (None for a request template)."""
    integration = method.integration
    if integration is None:
        raise UsageError(f"{method} has no integration, so no templates")
    if integration.is_proxy:
        written = [t.source for t in _proxy_templates(integration) if t.source is not None]
        never = f" (the one at {written[0]} never runs)" if written else ""
        raise UsageError(f"{method} is an {integration.type} integration: API Gateway runs "
                         f"no mapping template for it{never}")
    asked = args.content_type is not None
    if args.response is None:
        if args.body is not None or args.status is not None:
            raise UsageError("--body and --status are for a response template: add --response")
        sent = _event_content_type(event)
        media_type = args.content_type or sent or DEFAULT_MEDIA_TYPE
        if not asked and sent is not None and sent not in integration.request_templates \
                and integration.request_templates:
            # API Gateway chooses the request template by the request's Content-Type alone:
            # with none for it, no template runs (a pass-through or a 415, by the
            # integration's passthroughBehavior; spec pipeline §5), never another one.
            raise UsageError(
                f"the event's Content-Type {sent} has no request template in {method} (it has "
                f"{', '.join(integration.request_templates)}): API Gateway would run none, passing "
                f"the body through or answering 415 by passthroughBehavior "
                f"{integration.passthrough_behavior} (`vtl invoke` shows which); "
                "render another with --content-type")
        template = _pick(integration.request_templates, media_type, asked, f"{method} request")
        return template, f"request {media_type}", None
    response = _find_response(method, args.response)
    media_type = args.content_type or DEFAULT_MEDIA_TYPE
    pattern = "default" if response.is_default else response.selection_pattern
    what = f"{method} response {pattern} → {response.status_code}"
    template = _pick(response.response_templates, media_type, asked, what)
    return template, f"response {pattern} {media_type}", response.status_code


def _pick(
    templates: dict[str, MappingTemplate], media_type: str, asked: bool, what: str
) -> MappingTemplate:
    if media_type in templates:
        return templates[media_type]
    if not asked and len(templates) == 1:
        # Only one template: the one the user means (API Gateway, too, falls back to it
        # for responses, spec pipeline §9).
        return next(iter(templates.values()))
    if not templates:
        raise UsageError(f"{what} has no templates (API Gateway passes the body through as it is)")
    raise UsageError(
        f"{what} has no template for {media_type}; it has "
        f"{', '.join(templates)} (choose with --content-type)"
    )


def _find_response(method: Method, wanted: str) -> Any:
    responses = method.integration.responses if method.integration is not None else []
    for response in responses:
        pattern = "default" if response.is_default else response.selection_pattern
        if pattern == wanted:
            return response
    by_status = [response for response in responses if response.status_code == wanted]
    if len(by_status) == 1:
        return by_status[0]
    choices = ", ".join(
        f"{'default' if r.is_default else r.selection_pattern} → {r.status_code}" for r in responses
    )
    raise UsageError(
        f"{method} has no integration response {wanted!r}"
        + (f"; it has {choices}" if choices else "; it has none")
    )


def _event_content_type(event: dict[str, Any] | None) -> str | None:
    """The media type of the event's Content-Type header (parameters dropped, spec pipeline §5)."""
    headers = event.get("headers") if isinstance(event, dict) else None
    if not isinstance(headers, dict):
        return None
    for name, value in headers.items():
        if isinstance(name, str) and name.lower() == "content-type" and isinstance(value, str):
            return value.split(";", 1)[0].strip().lower() or None
    return None


def _stage_variables(api: Api, stage: str | None) -> dict[str, str]:
    """The variables of ``stage``; with none named, of the stage ``vtl invoke`` runs (the
    API's only or first declared stage: vtl.api.pipeline.choose_stage), so that the two
    commands render a template alike."""
    if stage is None:
        return dict(next(iter(api.stages.values()), {}))
    if stage not in api.stages:
        known = ", ".join(api.stages) or "none"
        raise UsageError(f"stage {stage!r} is not defined in this API (stages: {known})")
    return dict(api.stages[stage])

"""Parameter mapping: ``requestParameters`` of the integration and ``responseParameters``
of an integration response (spec pipeline §6, §9).

A mapping is ``target: source``. :func:`map_request_parameters` fills
``integration.request.{header,querystring,path}.N`` from ``method.request.*``,
``stageVariables.N``, ``context.N`` and ``'static'`` values;
:func:`map_response_parameters` fills ``method.response.header.N`` from
``integration.response.{header,multivalueheader}.N``, ``integration.response.body``
(``.JSONPATH``), ``stageVariables.N``, ``context.N`` and ``'static'``. A source that is
absent sets nothing (AWS-REC LS:http::test_http_proxy_integration_request_data_mappings).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from vtl.api.method_request import MethodRequest
from vtl.api.model import ModelError

__all__ = [
    "EMPTY_BODY",
    "FORBIDDEN_REQUEST_HEADERS",
    "REMAPPED_RESPONSE_HEADERS",
    "IntegrationParameters",
    "dotted_value",
    "map_request_parameters",
    "map_response_parameters",
    "not_a_mapping_expression",
    "remap_response_header",
    "static_value",
]

#: Headers a mapping may not set on the integration request: 500 (AWS-REC
#: LS:http::test_http_proxy_integration_request_data_mappings, spec §6); for ``AWS``
#: integrations also the second set.
FORBIDDEN_REQUEST_HEADERS = frozenset({"content-length", "transfer-encoding"})
FORBIDDEN_AWS_REQUEST_HEADERS = FORBIDDEN_REQUEST_HEADERS | {
    "authorization", "connection", "expect", "proxy-authenticate", "te",
}

#: Method response headers API Gateway sends as ``x-amzn-Remapped-<name>`` (AWS-REC
#: LS:integ::test_apigateway_header_remapping_http, spec §9).
REMAPPED_RESPONSE_HEADERS = frozenset(
    name.lower()
    for name in (
        "Authorization", "Connection", "Content-Length", "Content-MD5", "Date", "Expect",
        "Host", "Max-Forwards", "Proxy-Authenticate", "Server", "Trailer", "Upgrade",
        "User-Agent", "WWW-Authenticate",
    )
)


#: What ``method.request.body`` and ``integration.response.body`` give for an empty body
#: (AWS-USER: LocalStack's maintainers "validated against AWS", their unit tests
#: test_body_mapping_empty; as ``$input.body`` of an empty body is ``{}``, apigateway.md §2).
EMPTY_BODY = "{}"


@dataclass
class IntegrationParameters:
    """What ``requestParameters`` produced: headers, query parameters, path parameters."""

    headers: dict[str, str] = field(default_factory=dict)
    #: A name mapped from ``method.request.multivaluequerystring.N`` holds every value.
    querystring: dict[str, str | list[str]] = field(default_factory=dict)
    path: dict[str, str] = field(default_factory=dict)


def map_request_parameters(
    mappings: Mapping[str, str],
    request: MethodRequest,
    *,
    path_parameters: Mapping[str, str],
    context: Mapping[str, Any],
    stage_variables: Mapping[str, str],
) -> IntegrationParameters:
    """The integration request's parameters from ``mappings`` (target → source)."""
    result = IntegrationParameters()
    for target, source in mappings.items():
        kind, name = _target(target, "integration.request.", ("header", "querystring", "path"))
        if kind == "querystring" and source.startswith(_MULTI_QUERY):
            # Every value, each sent as its own name=value (AWS-USER: LocalStack's maintainers
            # checked it in the AWS console, tests/unit/.../test_parameters_mapping.py
            # test_multi_qs_mapping); to a header or path the values are comma-joined.
            values = request.query.get(source[len(_MULTI_QUERY):])
            if values:
                result.querystring[name] = list(values)
            continue
        value = request_source(
            source, request, path_parameters=path_parameters, context=context,
            stage_variables=stage_variables,
        )
        if value is None:
            continue
        getattr(result, "headers" if kind == "header" else kind)[name] = value
    return result


_MULTI_QUERY = "method.request.multivaluequerystring."


def request_source(
    source: str,
    request: MethodRequest,
    *,
    path_parameters: Mapping[str, str],
    context: Mapping[str, Any],
    stage_variables: Mapping[str, str],
) -> str | None:
    """The value of a request mapping source, None when absent."""
    common = _common_source(source, context, stage_variables)
    if common is not _NOT_COMMON:
        return common  # type: ignore[no-any-return]
    prefix = "method.request."
    if not source.startswith(prefix):
        raise ModelError(f"unknown mapping source {source!r}")
    rest = source[len(prefix):]
    if rest == "body":
        return request.body_text or EMPTY_BODY
    if rest.startswith("body."):
        return _json_path(request.body_text, rest[len("body."):])
    location, _, name = rest.partition(".")
    if location == "path":
        return path_parameters.get(name)
    if location == "querystring":
        values = request.query.get(name)
        return values[-1] if values else None
    if location == "multivaluequerystring":
        values = request.query.get(name)
        return ",".join(values) if values else None
    if location == "header":
        # [LOCAL] header names ignore case here (AWS unknown, spec §17).
        return request.header(name)
    if location == "multivalueheader":
        found = [v for k, vs in request.headers.items() if k.lower() == name.lower() for v in vs]
        return ",".join(found) if found else None
    raise ModelError(f"unknown mapping source {source!r}")


def map_response_parameters(
    mappings: Mapping[str, str],
    *,
    endpoint_headers: Mapping[str, list[str]],
    endpoint_body: str,
    context: Mapping[str, Any],
    stage_variables: Mapping[str, str],
    error_message: str | None = None,
) -> dict[str, str]:
    """The method response headers ``responseParameters`` set (target → source).

    ``error_message``: a Lambda error's ``errorMessage``; ``integration.response.body.errorMessage.x``
    reads inside it when it is a JSON object (:func:`_error_document`).
    """
    headers: dict[str, str] = {}
    for target, source in mappings.items():
        value = response_source(
            source, endpoint_headers=endpoint_headers, endpoint_body=endpoint_body,
            context=context, stage_variables=stage_variables, error_message=error_message,
        )
        if value is None:
            continue
        _, name = _target(target, "method.response.", ("header",))
        headers[name] = value
    return headers


def response_source(
    source: str,
    *,
    endpoint_headers: Mapping[str, list[str]],
    endpoint_body: str,
    context: Mapping[str, Any],
    stage_variables: Mapping[str, str],
    error_message: str | None = None,
) -> str | None:
    """The value of a response mapping source, None when absent."""
    common = _common_source(source, context, stage_variables)
    if common is not _NOT_COMMON:
        return common  # type: ignore[no-any-return]
    prefix = "integration.response."
    if not source.startswith(prefix):
        raise ModelError(f"unknown response mapping source {source!r}")
    rest = source[len(prefix):]
    if rest == "body":
        return endpoint_body or EMPTY_BODY
    if rest.startswith("body."):
        document = endpoint_body if error_message is None else _error_document(endpoint_body, error_message)
        return _json_path(document, rest[len("body."):])
    location, _, name = rest.partition(".")
    values = [v for k, vs in endpoint_headers.items() if k.lower() == name.lower() for v in vs]
    if location == "header":
        return values[-1] if values else None
    if location == "multivalueheader":
        return ",".join(values) if values else None
    raise ModelError(f"unknown response mapping source {source!r}")


def _error_document(endpoint_body: str, error_message: str) -> str:
    """A Lambda error as ``integration.response.body.JSONPATH`` reads it: an ``errorMessage``
    holding a JSON object or array is deserialized in place, so
    ``integration.response.body.errorMessage.trace.function`` reads inside it (AWS-DOC
    handle-errors-in-lambda-integration: "API Gateway deserializes the
    integration.response.body parameter when performing header mappings", and its example
    maps ``errorMessage.httpStatus``, ``errorMessage.trace.function``…). Any other message
    stays the string it is."""
    try:
        inner = json.loads(error_message)
        document = json.loads(endpoint_body)
    except (ValueError, RecursionError):
        return endpoint_body
    if not isinstance(inner, (dict, list)) or not isinstance(document, dict):
        return endpoint_body
    document["errorMessage"] = inner
    return json.dumps(document, ensure_ascii=False)


#: The mapping expressions each side takes besides ``'static'``, ``stageVariables.N`` and
#: ``context.N`` (AWS-DOC rest-api-parameter-mapping-sources for the integration request
#: and response; AWS-DOC api-gateway-swagger-extensions-gateway-responses for a gateway
#: response: method request parameters, context and stage variables, static values).
_SIDE_SOURCES = {
    "request": re.compile(
        r"method\.request\.(?:body(?:\..+)?"
        r"|(?:path|querystring|multivaluequerystring|header|multivalueheader)\..+)"),
    "response": re.compile(
        r"integration\.response\.(?:body(?:\..+)?|(?:header|multivalueheader)\..+)"),
    "gateway": re.compile(
        r"method\.request\.(?:path|querystring|multivaluequerystring|header|multivalueheader)"
        r"\..+"),
}
_COMMON_SOURCE = re.compile(r"'.*'|(?:stageVariables|context)\..+", re.DOTALL)


def not_a_mapping_expression(source: str, side: str) -> bool:
    """Whether ``source`` is none of the mapping expressions ``side`` (``request``,
    ``response`` or ``gateway``) takes: API Gateway refuses such a mapping ("Invalid mapping
    expression specified"), e.g. a static value written without its single quotes."""
    source = source.strip()
    return not (_COMMON_SOURCE.fullmatch(source) or _SIDE_SOURCES[side].fullmatch(source))


def remap_response_header(name: str) -> str:
    """``x-amzn-Remapped-<name>`` for the headers API Gateway will not send as mapped."""
    return f"x-amzn-Remapped-{name}" if name.lower() in REMAPPED_RESPONSE_HEADERS else name


_NOT_COMMON = object()


def static_value(source: str) -> str | None:
    """The text of a ``'static'`` source (in single quotes), else None."""
    if len(source) >= 2 and source.startswith("'") and source.endswith("'"):
        return source[1:-1]
    return None


def dotted_value(root: Mapping[str, Any], dotted: str) -> str | None:
    """The value at ``a.b.c`` under ``root`` as the text a mapping sends: None when absent,
    null, a map or a list; ``true``/``false`` for booleans."""
    value: Any = root
    for part in dotted.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    if value is None or isinstance(value, (Mapping, list)):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _common_source(
    source: str, context: Mapping[str, Any], stage_variables: Mapping[str, str]
) -> Any:
    """The sources requests and responses share: ``'static'``, ``stageVariables.N`` and
    ``context.a.b``; :data:`_NOT_COMMON` for the others."""
    static = static_value(source)
    if static is not None:
        return static
    if source.startswith("stageVariables."):
        return stage_variables.get(source[len("stageVariables."):])
    if source.startswith("context."):
        return dotted_value(context, source[len("context."):])
    return _NOT_COMMON


def _json_path(document: str, path: str) -> str | None:
    """``…body.a.b``: Jayway JsonPath ``$.a.b`` on the body; a string is itself, anything
    else its JSON text (json-smart's writer); nothing there, or no JSON body: absent."""
    from vtl.apigw import jsonpath
    from vtl.apigw.input import parse_json_document
    from vtl.apigw.jsonsmart import to_json
    from vtl.java.registry import JavaException

    try:
        value = jsonpath.read(parse_json_document(document), "$." + path)
    except JavaException:
        return None
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return to_json(value)


def _target(target: str, prefix: str, kinds: tuple[str, ...]) -> tuple[str, str]:
    kind, _, name = target[len(prefix):].partition(".")
    if not target.startswith(prefix) or kind not in kinds or not name:
        expected = "|".join(kinds)
        raise ModelError(f"mapping target {target!r}: expected {prefix}{expected}.NAME")
    return kind, name



"""The method request: what the client sent, and the REST (v1) proxy event made from it.

:func:`read_method_request` turns ``Api.invoke``'s arguments into a :class:`MethodRequest`
(query decoded, a repeated name keeping all its values); :func:`proxy_event` builds the
event a Lambda proxy integration receives, which is also what :mod:`vtl.apigw` renders
templates from, so ``$input``, ``$context`` and the proxy event always agree.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from vtl.apigw.event import (
    DEFAULT_CONTEXT,
    DEFAULT_SOURCE_IP,
    IDENTITY_FIELDS,
    REMOVED_HEADERS,
    EventError,
    read_event_checked,
    sorted_headers,
)

__all__ = [
    "DEFAULT_REGION",
    "DEFAULT_STAGE",
    "InvocationError",
    "MethodRequest",
    "proxy_event",
    "read_method_request",
]

#: [LOCAL] The stage a request is sent to when none is named and the API declares none
#: (the sample event's stage).
DEFAULT_STAGE = DEFAULT_CONTEXT["stage"]
#: [LOCAL] The region of the default domain name (``<apiId>.execute-api.<region>…``).
DEFAULT_REGION = "us-east-1"

Headers = Mapping[str, "str | Sequence[str]"] | Sequence[tuple[str, str]]

#: What an HTTP client can send (RFC 9110 §5.1, §5.5): a header name is a token; a value
#: holds no control character but the tab, so never a line break.
_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


class InvocationError(ValueError):
    """The invocation cannot run as asked (a bad argument, a missing backend, a stage
    variable the URI needs and nobody set): a usage error, not an API Gateway response."""


@dataclass
class MethodRequest:
    """The client's request: method, concrete path, query and headers with every value."""

    http_method: str
    path: str
    query: dict[str, list[str]] = field(default_factory=dict)
    headers: dict[str, list[str]] = field(default_factory=dict)
    body: str | bytes | None = None

    def header(self, name: str) -> str | None:
        """The last value of header ``name``, looked up ignoring case.

        [LOCAL] the one place that decides how the pipeline finds a header by name (required
        headers, ``method.request.header.X`` mappings, Content-Type, Accept, X-API-Key).
        Whether AWS ignores case there is unknown (spec §4, §17); HTTP header names are
        case-insensitive and HTTP/2 clients send them in lower case, so case is ignored.
        ``$input.params('x')`` stays case-sensitive (it is :mod:`vtl.apigw`'s, recorded).
        """
        wanted = name.lower()
        found = None
        for key, values in self.headers.items():
            if key.lower() == wanted:
                found = values[-1]
        return found

    @property
    def single_query(self) -> dict[str, str]:
        """One value per name: the **last** (AWS-REC LS:lambda::test_lambda_aws_proxy_integration)."""
        return {name: values[-1] for name, values in self.query.items()}

    @property
    def single_headers(self) -> dict[str, str]:
        """One value per header name: the last."""
        return {name: values[-1] for name, values in self.headers.items()}

    @property
    def body_text(self) -> str:
        """The body as text ("" when none); bytes are decoded as UTF-8."""
        if self.body is None:
            return ""
        if isinstance(self.body, bytes):
            return self.body.decode("utf-8", errors="replace")
        return self.body


def read_method_request(
    http_method: str, path: str, headers: Headers | None, body: str | bytes | None
) -> MethodRequest:
    """The request ``http_method path`` (``path`` may carry ``?query``)."""
    if not isinstance(http_method, str) or not http_method.strip():
        raise InvocationError(f"the HTTP method must be a non-empty string, not {http_method!r}")
    if not isinstance(path, str) or not path.startswith("/"):
        raise InvocationError(f"the path must start with '/', got {path!r}")
    if body is not None and not isinstance(body, (str, bytes)):
        raise InvocationError(f"body must be a string, bytes or None, not {type(body).__name__}")
    path, _, query_text = path.partition("?")
    query: dict[str, list[str]] = {}
    # Query values are decoded ('+' is a space, %2B a plus); path values are not (AWS-REC
    # LS:lambda::test_lambda_aws_proxy_integration, spec §2).
    if query_text:
        # A raw ';' separates parameters as '&' does (AWS-DOC api-gateway-known-issues: "The
        # semicolon character (;) is not supported for any request URL query string and
        # results in the data being split"); an encoded one (%3B) is a character.
        for name, value in parse_qsl(query_text.replace(";", "&"), keep_blank_values=True):
            query.setdefault(name, []).append(value)
    return MethodRequest(http_method.strip().upper(), path, query, _headers(headers), body)


def _headers(headers: Headers | None) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    if headers is None:
        return result
    pairs: Any = headers.items() if isinstance(headers, Mapping) else headers
    for pair in pairs:
        if not isinstance(pair, (tuple, list)) or len(pair) != 2 or not isinstance(pair[0], str):
            raise InvocationError(f"headers: expected (name, value) pairs, got {pair!r}")
        name, value = pair
        if not _HEADER_NAME.fullmatch(name):
            raise InvocationError(f"header name {name!r} is not an HTTP token (RFC 9110: no "
                                  "spaces, colons or control characters)")
        if isinstance(value, str):
            values = [value]
        else:
            values = list(value)
            if not values or not all(isinstance(item, str) for item in values):
                raise InvocationError(f"headers[{name!r}] must be a string or a list of strings")
        for item in values:
            control = _CONTROL.search(item)
            if control:
                what = "a line break" if control[0] in "\r\n" else "a control character"
                raise InvocationError(f"headers[{name!r}]: a header value cannot hold {what}")
        result.setdefault(name, []).extend(values)
    return result


def proxy_event(
    request: MethodRequest,
    *,
    resource: str | None,
    path_parameters: Mapping[str, str],
    stage: str,
    stage_variables: Mapping[str, str],
    authorizer: Mapping[str, Any] | None,
    identity: Mapping[str, Any] | None,
    binary: bool = False,
) -> dict[str, Any]:
    """The REST (v1) proxy event for ``request``, keys in the order AWS logs them (spec §11).

    Absent parts are ``null`` (no query, no path parameters, no stage variables, no body:
    AWS-REC LS:lambda::test_lambda_aws_proxy_integration). Headers are listed by name,
    ignoring case (:func:`~vtl.apigw.event.sorted_headers`). A ``binary`` body is sent
    base64-encoded with ``isBase64Encoded: true``.
    """
    # Without the headers API Gateway drops before any integration sees them (AWS-REC: the
    # recorded proxy events of LS:lambda::test_lambda_aws_proxy_integration* have no
    # Connection or Content-Length though the client sent them; the rest of the list as
    # for templates, apigateway.md §2).
    headers = sorted_headers({name: values for name, values in request.headers.items()
                              if name.lower() not in REMOVED_HEADERS})
    body: str | None
    if not request.body:
        body = None  # an empty body is no body: "body": null (AWS-REC, spec §11)
    elif binary:
        raw = request.body if isinstance(request.body, bytes) else request.body.encode("utf-8")
        body = base64.b64encode(raw).decode("ascii")
    else:
        body = request.body_text
    event = {
        "resource": resource if resource is not None else request.path,
        "path": request.path,
        "httpMethod": request.http_method,
        "headers": {name: values[-1] for name, values in headers.items()} or None,
        "multiValueHeaders": headers or None,
        "queryStringParameters": request.single_query or None,
        "multiValueQueryStringParameters": dict(request.query) or None,
        "pathParameters": dict(path_parameters) or None,
        "stageVariables": dict(stage_variables) or None,
        "requestContext": request_context(
            request, resource=resource, stage=stage, authorizer=authorizer, identity=identity
        ),
        "body": body,
        "isBase64Encoded": binary and body is not None,
    }
    if authorizer is not None or identity is not None:
        _check_request_context(event)
    return event


def _check_request_context(event: dict[str, Any]) -> None:
    """The ``authorizer`` and ``identity`` given, checked as the event reader checks them
    (a Lambda authorizer's context holds only strings, numbers and booleans: AWS-DOC
    api-gateway-lambda-authorizer-output), for every integration, before anything runs."""
    try:
        read_event_checked(event)
    except EventError as error:
        raise InvocationError(str(error).replace("requestContext.", "", 1)) from None


def request_context(
    request: MethodRequest,
    *,
    resource: str | None,
    stage: str,
    authorizer: Mapping[str, Any] | None,
    identity: Mapping[str, Any] | None,
) -> dict[str, Any]:
    """``requestContext`` (= ``$context``): fixed ids and times from
    :data:`~vtl.apigw.event.DEFAULT_CONTEXT`, the rest from the request."""
    host = request.header("Host")
    domain = host or f"{DEFAULT_CONTEXT['apiId']}.execute-api.{DEFAULT_REGION}.amazonaws.com"
    context: dict[str, Any] = {
        "resourceId": DEFAULT_CONTEXT["resourceId"],
        "resourcePath": resource,
        "httpMethod": request.http_method,
        "extendedRequestId": DEFAULT_CONTEXT["extendedRequestId"],
        "requestTime": DEFAULT_CONTEXT["requestTime"],
        "path": f"/{stage}{request.path}",
        "accountId": DEFAULT_CONTEXT["accountId"],
        "protocol": DEFAULT_CONTEXT["protocol"],
        "stage": stage,
        "domainPrefix": domain.split(".")[0],
        "requestTimeEpoch": DEFAULT_CONTEXT["requestTimeEpoch"],
        "requestId": DEFAULT_CONTEXT["requestId"],
        "identity": _identity(request, identity),
        "domainName": domain,
        "deploymentId": DEFAULT_CONTEXT["deploymentId"],
        "apiId": DEFAULT_CONTEXT["apiId"],
    }
    if authorizer is not None:
        context["authorizer"] = {key: _stringified(value) for key, value in authorizer.items()}
    return context


def _stringified(value: Any) -> Any:
    """A Lambda authorizer's context value as the integration gets it: numbers and booleans
    as strings, ``123`` → ``"123"``, ``true`` → ``"true"`` (AWS-DOC
    api-gateway-lambda-authorizer-output "Their values are stringified"; AWS-USER
    DefinitelyTyped#69823). Anything else (a string, null, Cognito's ``claims`` map) as is."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    return value


#: ``$context.identity`` before the request fills it in: every field null but the source IP.
_IDENTITY_START: dict[str, Any] = {name: None for name in IDENTITY_FIELDS}
_IDENTITY_START["sourceIp"] = DEFAULT_SOURCE_IP


def _identity(request: MethodRequest, given: Mapping[str, Any] | None) -> dict[str, Any]:
    identity: dict[str, Any] = dict(_IDENTITY_START)
    identity["userAgent"] = request.header("User-Agent")
    if given is not None:
        if not isinstance(given, Mapping):
            raise InvocationError(f"identity must be a mapping, not {type(given).__name__}")
        identity.update(given)
    return identity

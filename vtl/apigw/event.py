"""The request a mapping template sees, read from a REST API (v1) proxy event.

The input format is the event a Lambda proxy integration receives (what ``sam local
generate-event apigateway aws-proxy`` writes): ``resource, path, httpMethod, headers,
multiValueHeaders, queryStringParameters, multiValueQueryStringParameters,
pathParameters, stageVariables, requestContext{..., identity{...}, authorizer{...}},
body, isBase64Encoded``. Every part is optional; a missing part gets a fixed, realistic
default (:data:`DEFAULT_CONTEXT`), so a render never depends on the clock or on chance.

:func:`read_event` validates the shape (a wrong type raises :class:`EventError` naming the
field, unknown top-level fields are rejected rather than ignored), decodes a base64 body,
merges single- and multi-value headers and query parameters, and drops the headers API
Gateway removes before templates run (spec §2).
"""

from __future__ import annotations

import base64
import binascii
import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from itertools import chain
from operator import itemgetter
from typing import Any

from vtl.java.strings import decode_utf8

__all__ = [
    "DEFAULT_CONTEXT", "EventError", "Request", "read_event", "read_event_checked", "sample_event",
    "sorted_headers",
]


class EventError(ValueError):
    """The event is not a REST API proxy event; the message names the offending field."""


#: The requestContext values used when the event does not give them. They follow
#: ``sam local generate-event apigateway aws-proxy`` (account, ids, the 2015 request time).
DEFAULT_CONTEXT: dict[str, Any] = {
    "accountId": "123456789012",
    "apiId": "1234567890",
    "resourceId": "123456",
    "stage": "prod",
    "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
    "extendedRequestId": "c6af9ac6Fk7Ftzg=",
    "deploymentId": "a1b2c3",
    "requestTime": "09/Apr/2015:12:34:56 +0000",
    "requestTimeEpoch": 1428582896000,
    "protocol": "HTTP/1.1",
}
DEFAULT_SOURCE_IP = "127.0.0.1"

#: Headers API Gateway removes before a template runs [AWS-REC 2024-12].
REMOVED_HEADERS = frozenset(
    name.lower()
    for name in (
        "Connection", "Content-Length", "Content-MD5", "Expect", "Max-Forwards",
        "Proxy-Authenticate", "Server", "TE", "Trailer", "Transfer-Encoding", "Upgrade",
        "WWW-Authenticate",
    )
)

#: The identity fields AWS always sets ($context.identity.keySet(), AWS-REC 2025-05).
IDENTITY_FIELDS = (
    "cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller", "sourceIp",
    "principalOrgId", "accessKey", "cognitoAuthenticationType",
    "cognitoAuthenticationProvider", "userArn", "userAgent", "user",
)

EVENT_FIELDS = (
    "resource", "path", "httpMethod", "headers", "multiValueHeaders",
    "queryStringParameters", "multiValueQueryStringParameters", "pathParameters",
    "stageVariables", "requestContext", "body", "isBase64Encoded",
)
_STRING_CONTEXT_FIELDS = (
    "accountId", "apiId", "resourceId", "stage", "requestId", "extendedRequestId",
    "deploymentId", "requestTime", "protocol", "domainName", "domainPrefix", "path",
    "resourcePath", "httpMethod",
)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_REQUEST_TIME = re.compile(r"(\d\d)/([A-Z][a-z]{2})/(\d{4}):(\d\d):(\d\d):(\d\d) \+0000")


@dataclass(frozen=True)
class Request:
    """A validated request, ready to become ``$input``, ``$context`` and ``$stageVariables``.

    ``headers`` and ``query`` hold one value per name (the last of a repeated one) in the
    event's order, without the headers API Gateway removes. ``context`` is the event's
    ``requestContext`` completed with defaults (``identity`` always present).
    """

    resource: str
    path: str
    http_method: str
    headers: dict[str, str]
    query: dict[str, str]
    path_parameters: dict[str, str]
    stage_variables: dict[str, str]
    context: dict[str, Any]
    body: str


def read_event(event: Mapping[str, Any] | None) -> Request:
    """Validate ``event`` and build the :class:`Request` it describes.

    A well-formed event (plain dicts, lists and strings, as ``json.load`` gives) is read by
    :func:`_read_plain_event`, type checks done a whole map at a time in C; anything it does
    not accept as it is goes through :func:`read_event_checked`, the field-by-field
    validator, which builds the same Request or raises the error that names the field.
    """
    if type(event) is dict:
        try:
            return _read_plain_event(event)
        except (_NotPlain, EventError, TypeError, AttributeError):
            pass  # read_event_checked says what is wrong (or reads what is unusual)
    return read_event_checked(event)


def read_event_checked(event: Mapping[str, Any] | None) -> Request:
    """:func:`read_event`, one field at a time, each wrong type reported by name."""
    if event is None:
        event = {}
    if not isinstance(event, Mapping):
        raise EventError(f"the event must be a JSON object, not {_kind(event)}")
    # `sam local start-api` writes "version": "1.0" into the REST events it sends (the
    # payload version of a REST API's proxy event): read as the same event
    unknown = [key for key in event if key not in EVENT_FIELDS and not (key == "version" and event[key] == "1.0")]
    if unknown and _is_http_api_event(event):
        raise EventError(
            "this is an HTTP API event (payload format version 2.0: version, routeKey, rawPath): "
            "HTTP APIs have no mapping templates, which only REST APIs run; give a REST API "
            "proxy event (`vtl sample-event` prints one)"
        )
    if unknown:
        raise EventError(
            f"unknown field {unknown[0]!r}; a REST API proxy event has "
            + ", ".join(EVENT_FIELDS)
        )
    raw_context = _object(event.get("requestContext"), "requestContext")
    if "elb" in raw_context:
        # An Application Load Balancer's event has the same fields (AWS Lambda developer
        # guide, "Using Lambda with an Application Load Balancer"), but ALB runs no mapping
        # template: read as a REST event it would render silently wrong.
        raise EventError("this is an Application Load Balancer event (requestContext.elb): load "
                         "balancers run no mapping templates, which only REST APIs run; give a "
                         "REST API proxy event (`vtl sample-event` prints one)")
    headers = _merge(event, "headers", "multiValueHeaders")
    query = _merge(event, "queryStringParameters", "multiValueQueryStringParameters")
    path_parameters = _string_map(event.get("pathParameters"), "pathParameters")
    stage_variables = _string_map(event.get("stageVariables"), "stageVariables")

    resource = _string(event.get("resource"), "resource")
    path = _string(event.get("path"), "path")
    for name, value in (("resource", resource), ("path", path)):
        if value is not None and not value.startswith("/"):
            raise EventError(f"{name} must start with '/', got {value!r}")
    if resource is None:
        resource = _string(raw_context.get("resourcePath"), "requestContext.resourcePath")
    if path is None:
        path = _fill(resource, path_parameters) if resource is not None else "/"
    if resource is None:
        resource = path if not path_parameters else "/{proxy+}"
    method = _string(event.get("httpMethod"), "httpMethod")
    if method is None:
        method = _string(raw_context.get("httpMethod"), "requestContext.httpMethod") or "GET"

    context = _context(raw_context, resource, path, method, headers)
    return Request(
        resource=resource,
        path=path,
        http_method=method,
        headers={k: v for k, v in headers.items() if k.lower() not in REMOVED_HEADERS},
        query=query,
        path_parameters=path_parameters,
        stage_variables=stage_variables,
        context=context,
        body=_body(event),
    )


# --- parts ------------------------------------------------------------------------------


def _is_http_api_event(event: Mapping[str, Any]) -> bool:
    """An HTTP API (payload 2.0) event: ``"version": "2.0"`` or its ``routeKey``/``rawPath``
    (the shape Lambda receives from an HTTP API, per the AWS Lambda developer guide)."""
    return event.get("version") == "2.0" or "routeKey" in event or "rawPath" in event


def _kind(value: object) -> str:
    """How JSON would call this value, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, (list, tuple)):
        return "an array"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__


def _string(value: object, field: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise EventError(f"{field} must be a string, not {_kind(value)}")


def _object(value: object, field: str) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise EventError(f"{field} must be an object, not {_kind(value)}")
    return value


def _string_map(value: object, field: str) -> dict[str, str]:
    result: dict[str, str] = {}
    for key, item in _object(value, field).items():
        if not isinstance(item, str):
            raise EventError(f"{field}[{key!r}] must be a string, not {_kind(item)}")
        result[key] = item
    return result


def _merge(event: Mapping[str, Any], single_field: str, multi_field: str) -> dict[str, str]:
    """One value per name: ``headers`` and ``multiValueHeaders`` (or the query pair) merged.

    A repeated name keeps its last value, as the single-value map of a real event does.
    Given both maps, they must agree; names only in the multi-value map come last.
    """
    single = _string_map(event.get(single_field), single_field)
    merged = dict(single)
    for name, values in _object(event.get(multi_field), multi_field).items():
        field = f"{multi_field}[{name!r}]"
        if not isinstance(values, list) or not values:
            raise EventError(f"{field} must be a non-empty array of strings, not {_kind(values)}")
        for index, item in enumerate(values):
            if not isinstance(item, str):
                raise EventError(f"{field}[{index}] must be a string, not {_kind(item)}")
        if name in single and single[name] != values[-1]:
            raise EventError(
                f"{single_field}[{name!r}] is {single[name]!r} but {field} ends with "
                f"{values[-1]!r}; a real event repeats the last value"
            )
        merged[name] = values[-1]
    return merged


def _fill(resource: str, parameters: Mapping[str, str]) -> str:
    """``/pets/{id}`` with ``{id: 7}`` → ``/pets/7``; unknown parameters stay as written."""

    def value(match: re.Match[str]) -> str:
        return parameters.get(match[1], match[0])

    return re.sub(r"\{([^{}+]+)\+?\}", value, resource)


def _body(event: Mapping[str, Any]) -> str:
    body = _string(event.get("body"), "body")
    encoded = event.get("isBase64Encoded")
    if encoded is not None and not isinstance(encoded, bool):
        raise EventError(f"isBase64Encoded must be true or false, not {_kind(encoded)}")
    if body is None:
        return ""
    if not encoded:
        return body
    try:
        raw = base64.b64decode(body.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as error:
        raise EventError(f"body: isBase64Encoded is true but the body is not base64 ({error})") from None
    return decode_utf8(raw)


def _complete_context(raw: Mapping[str, Any], context: dict[str, Any], resource: str, path: str,
                      method: str, headers: Mapping[str, str]) -> None:
    """Fill the request times and the fields derived from the request (domain name and
    prefix, path with the stage, resource path, method) that the event left out."""
    _times(raw, context)
    if context.get("domainName") is None:
        host = headers.get("Host") or headers.get("host")
        context["domainName"] = host or f"{context['apiId']}.execute-api.us-east-1.amazonaws.com"
    if context.get("domainPrefix") is None:
        context["domainPrefix"] = context["domainName"].split(".")[0]
    if context.get("path") is None:
        context["path"] = f"/{context['stage']}{path}"
    if context.get("resourcePath") is None:
        context["resourcePath"] = resource
    if context.get("httpMethod") is None:
        context["httpMethod"] = method


def _context(
    raw: Mapping[str, Any], resource: str, path: str, method: str, headers: Mapping[str, str]
) -> dict[str, Any]:
    """requestContext completed with defaults; unknown keys are kept as given."""
    for field in _STRING_CONTEXT_FIELDS:
        _string(raw.get(field), f"requestContext.{field}")
    context: dict[str, Any] = dict(raw)
    for key, default in DEFAULT_CONTEXT.items():
        if context.get(key) is None:
            context[key] = default
    _complete_context(raw, context, resource, path, method, headers)
    context["identity"] = _identity(raw.get("identity"), headers)
    if "authorizer" in raw and raw["authorizer"] is None:
        del context["authorizer"]
    elif "authorizer" in raw:
        context["authorizer"] = _authorizer(raw["authorizer"])
    return context


def _times(raw: Mapping[str, Any], context: dict[str, Any]) -> None:
    """requestTime and requestTimeEpoch: one given, the other follows from it."""
    epoch = raw.get("requestTimeEpoch")
    if epoch is not None and (isinstance(epoch, bool) or not isinstance(epoch, int)):
        raise EventError(f"requestContext.requestTimeEpoch must be an integer, not {_kind(epoch)}")
    text = raw.get("requestTime")
    if text is not None and epoch is None:
        match = _REQUEST_TIME.fullmatch(text)
        if match is None or match[2] not in _MONTHS:
            raise EventError(
                f"requestContext.requestTime must look like '09/Apr/2015:12:34:56 +0000', got {text!r}"
            )
        day, month, year, hour, minute, second = match.groups()
        moment = datetime(int(year), _MONTHS.index(month) + 1, int(day), int(hour), int(minute),
                          int(second), tzinfo=UTC)
        context["requestTimeEpoch"] = int(moment.timestamp()) * 1000
    elif epoch is not None and text is None:
        moment = datetime.fromtimestamp(epoch / 1000, tz=UTC)
        context["requestTime"] = (
            f"{moment.day:02d}/{_MONTHS[moment.month - 1]}/{moment.year}:"
            f"{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d} +0000"
        )


def _identity(value: object, headers: Mapping[str, str]) -> dict[str, Any]:
    raw = _object(value, "requestContext.identity")
    identity: dict[str, Any] = {name: None for name in IDENTITY_FIELDS}
    identity["sourceIp"] = DEFAULT_SOURCE_IP
    identity["userAgent"] = headers.get("User-Agent", headers.get("user-agent"))
    for key, item in raw.items():
        if key != "clientCert" and item is not None and not isinstance(item, str):
            raise EventError(f"requestContext.identity.{key} must be a string, not {_kind(item)}")
        identity[key] = item
    return identity


def _authorizer(value: object) -> dict[str, Any]:
    """Cognito claims stay a map; a Lambda authorizer's context values must be scalars."""
    raw = _object(value, "requestContext.authorizer")
    result: dict[str, Any] = {}
    for key, item in raw.items():
        field = f"requestContext.authorizer.{key}"
        if key == "claims":
            result[key] = dict(_object(item, field))
            for claim, claim_value in result[key].items():
                if isinstance(claim_value, (Mapping, list)):
                    raise EventError(f"{field}.{claim} must be a string, not {_kind(claim_value)}")
            continue
        if isinstance(item, (Mapping, list)) or item is None:
            raise EventError(
                f"{field} must be a string, number or boolean (a Lambda authorizer's "
                f"context holds only those), not {_kind(item)}"
            )
        result[key] = item
    return result


# --- the fast path ----------------------------------------------------------------------


class _NotPlain(Exception):
    """The event needs read_event_checked (an error to report, or an unusual form)."""


_EVENT_KEYS = frozenset(EVENT_FIELDS)
_STR = frozenset((str,))
_STR_NONE = frozenset((str, type(None)))
_LIST = frozenset((list,))
_SCALAR = frozenset((str, int, float, bool))
_SCALAR_NONE = _SCALAR | {type(None)}
_DEFAULT_KEYS = tuple(DEFAULT_CONTEXT)
_DERIVED_KEYS = ("requestTime", "requestTimeEpoch", "domainName", "domainPrefix", "path",
                 "resourcePath", "httpMethod")
_IDENTITY_START: dict[str, Any] = {name: None for name in IDENTITY_FIELDS}
_IDENTITY_START["sourceIp"] = DEFAULT_SOURCE_IP
_last = itemgetter(-1)


def _plain_strings(value: object) -> dict[str, str]:
    """A copy of a name → string map (None: empty)."""
    if value is None:
        return {}
    if type(value) is not dict or not _STR.issuperset(map(type, value.values())):
        raise _NotPlain
    return dict(value)


def _plain_merge(single: object, multi: object) -> dict[str, str]:
    """:func:`_merge` for plain maps that agree."""
    merged = _plain_strings(single)
    if multi is None:
        return merged
    if type(multi) is not dict:
        raise _NotPlain
    lists = multi.values()
    if not _LIST.issuperset(map(type, lists)):
        raise _NotPlain
    values = [*chain.from_iterable(lists)]
    if not _STR.issuperset(map(type, values)):
        raise _NotPlain
    if (len(values) == len(multi) == len(merged) and all(lists)
            and [*merged.values()] == values and [*merged] == [*multi]):
        # The usual event: no list is empty and there are as many values as names, so
        # each list holds one value, and both maps give the same names, in the same
        # order, the same values.
        return merged
    try:
        lasts = dict(zip(multi, map(_last, lists)))
    except IndexError:  # an empty list
        raise _NotPlain from None
    if lasts == merged:  # both maps say the same (in another order, or with repeats)
        return merged
    if merged:
        for name, _ in lasts.items() - merged.items():
            if name in merged:  # the two maps disagree
                raise _NotPlain
    merged.update(lasts)
    return merged


def _read_plain_event(event: dict[str, Any]) -> Request:
    """:func:`read_event_checked` for a plain, well-formed event; :class:`_NotPlain` (or
    the error read_event_checked would report, perhaps another one) otherwise."""
    if not _EVENT_KEYS.issuperset(event):
        raise _NotPlain
    get = event.get
    raw = get("requestContext")
    if raw is None:
        raw = {}
    elif type(raw) is not dict or "elb" in raw:
        raise _NotPlain
    headers = _plain_merge(get("headers"), get("multiValueHeaders"))
    query = _plain_merge(get("queryStringParameters"), get("multiValueQueryStringParameters"))
    path_parameters = _plain_strings(get("pathParameters"))
    stage_variables = _plain_strings(get("stageVariables"))

    raw_get = raw.get
    if not _STR_NONE.issuperset(map(type, map(raw_get, _STRING_CONTEXT_FIELDS))):
        raise _NotPlain
    resource, path, method = get("resource"), get("path"), get("httpMethod")
    if not _STR_NONE.issuperset((type(resource), type(path), type(method))):
        raise _NotPlain
    if resource is None:
        resource = raw_get("resourcePath")
    elif resource[:1] != "/":
        raise _NotPlain
    if path is None:
        path = _fill(resource, path_parameters) if resource is not None else "/"
    elif path[:1] != "/":
        raise _NotPlain
    if resource is None:
        resource = path if not path_parameters else "/{proxy+}"
    if method is None:
        method = raw_get("httpMethod") or "GET"

    # requestContext completed with defaults, as _context does.
    context = dict(raw)
    if not all(map(raw_get, _DEFAULT_KEYS)):  # one missing or null ("" or 0: harmless)
        for key, default in DEFAULT_CONTEXT.items():
            if context.get(key) is None:
                context[key] = default
    if not all(map(raw_get, _DERIVED_KEYS)) or type(raw_get("requestTimeEpoch")) is not int:
        # Otherwise there is nothing to complete: both times given (the epoch an integer,
        # as _times checks), and every field derived from the request.
        _complete_context(raw, context, resource, path, method, headers)
    identity = dict(_IDENTITY_START)
    identity["userAgent"] = headers.get("User-Agent", headers.get("user-agent"))
    raw_identity = raw_get("identity")
    if raw_identity is not None:
        if type(raw_identity) is not dict or not _STR_NONE.issuperset(
            map(type, raw_identity.values())
        ):
            raise _NotPlain
        identity.update(raw_identity)
    context["identity"] = identity
    if "authorizer" in raw:
        authorizer = raw["authorizer"]
        if authorizer is None:
            del context["authorizer"]
        else:
            context["authorizer"] = _plain_authorizer(authorizer)

    body = get("body")
    encoded = get("isBase64Encoded")
    if encoded is not None and encoded is not False:
        raise _NotPlain  # base64 (or an error): read_event_checked decodes it
    if body is None:
        body = ""
    elif type(body) is not str:
        raise _NotPlain
    if _removes_headers(tuple(headers)):
        clean = {k: v for k, v in headers.items() if k.lower() not in REMOVED_HEADERS}
    else:
        clean = headers
    # Request(...) without the frozen dataclass's __init__, which sets each of the nine
    # fields by a call of object.__setattr__: the same instance dict, in field order.
    request: Request = object.__new__(Request)
    request.__dict__.update(
        resource=resource,
        path=path,
        http_method=method,
        headers=clean,
        query=query,
        path_parameters=path_parameters,
        stage_variables=stage_variables,
        context=context,
        body=body,
    )
    return request


@lru_cache(maxsize=256)
def _removes_headers(names: tuple[str, ...]) -> bool:
    """Whether API Gateway removes one of these headers (cached per tuple of names: a
    client sends the same headers on every request)."""
    return not REMOVED_HEADERS.isdisjoint(map(str.lower, names))


def _plain_authorizer(value: object) -> dict[str, Any]:
    """:func:`_authorizer` for plain claims and scalar context values."""
    if type(value) is not dict:
        raise _NotPlain
    result: dict[str, Any] = {}
    for key, item in value.items():
        if key == "claims":
            if type(item) is not dict or not _SCALAR_NONE.issuperset(map(type, item.values())):
                raise _NotPlain
            result[key] = dict(item)
        elif type(item) in _SCALAR:
            result[key] = item
        else:
            raise _NotPlain
    return result


# --- the sample -------------------------------------------------------------------------

_SAMPLE: dict[str, Any] = {
    "resource": "/pets/{petId}",
    "path": "/pets/42",
    "httpMethod": "POST",
    "headers": {
        "Accept": "application/json",
        "Accept-Encoding": "gzip, deflate, br",
        "Authorization": "Bearer eyJraWQiOiJzYW1wbGUifQ.eyJzdWIiOiJzYW1wbGUifQ.c2lnbmF0dXJl",
        "Content-Type": "application/json",
        "Host": "1234567890.execute-api.us-east-1.amazonaws.com",
        "User-Agent": "curl/8.5.0",
        "X-Amzn-Trace-Id": "Root=1-5e8a3c1f-0a1b2c3d4e5f6a7b8c9d0e1f",
        "X-Forwarded-For": "203.0.113.7",
        "X-Forwarded-Port": "443",
        "X-Forwarded-Proto": "https",
    },
    "multiValueHeaders": {
        "Accept": ["application/json"],
        "Accept-Encoding": ["gzip, deflate, br"],
        "Authorization": ["Bearer eyJraWQiOiJzYW1wbGUifQ.eyJzdWIiOiJzYW1wbGUifQ.c2lnbmF0dXJl"],
        "Content-Type": ["application/json"],
        "Host": ["1234567890.execute-api.us-east-1.amazonaws.com"],
        "User-Agent": ["curl/8.5.0"],
        "X-Amzn-Trace-Id": ["Root=1-5e8a3c1f-0a1b2c3d4e5f6a7b8c9d0e1f"],
        "X-Forwarded-For": ["203.0.113.7"],
        "X-Forwarded-Port": ["443"],
        "X-Forwarded-Proto": ["https"],
    },
    "queryStringParameters": {"notify": "true", "tag": "friendly"},
    "multiValueQueryStringParameters": {"notify": ["true"], "tag": ["cute", "friendly"]},
    "pathParameters": {"petId": "42"},
    "stageVariables": {"table": "pets-prod", "region": "us-east-1"},
    "requestContext": {
        "accountId": "123456789012",
        "apiId": "1234567890",
        "resourceId": "a1b2c3",
        "resourcePath": "/pets/{petId}",
        "httpMethod": "POST",
        "path": "/prod/pets/42",
        "stage": "prod",
        "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
        "extendedRequestId": "c6af9ac6Fk7Ftzg=",
        "requestTime": "09/Apr/2015:12:34:56 +0000",
        "requestTimeEpoch": 1428582896000,
        "protocol": "HTTP/1.1",
        "domainName": "1234567890.execute-api.us-east-1.amazonaws.com",
        "domainPrefix": "1234567890",
        "deploymentId": "a1b2c3",
        "identity": {
            "cognitoIdentityPoolId": None,
            "accountId": None,
            "cognitoIdentityId": None,
            "caller": None,
            "sourceIp": "203.0.113.7",
            "principalOrgId": None,
            "accessKey": None,
            "cognitoAuthenticationType": None,
            "cognitoAuthenticationProvider": None,
            "userArn": None,
            "userAgent": "curl/8.5.0",
            "user": None,
        },
        "authorizer": {
            "claims": {
                "sub": "7d8ca528-4931-4254-9273-ea5ee853f271",
                "cognito:username": "alice",
                "email": "alice@example.com",
                "email_verified": "true",
                "token_use": "id",
            }
        },
    },
    "body": '{"name": "Rex", "type": "dog", "age": 3, "tags": ["friendly", "cute"], "vaccinated": true}',
    "isBase64Encoded": False,
}


def sorted_headers(headers: Mapping[str, Any]) -> dict[str, Any]:
    """``headers`` in the order API Gateway lists a request's headers: by name, ignoring case.

    Every AWS sample proxy event from 2016 to 2024 lists its headers that way, and so does a
    2016 dump of ``$input.params().header`` from a live API (fidelity issue, item 6). Used
    whenever this project builds a request itself (the pipeline, the sample event); an event
    given by the user keeps its own order.
    """
    return dict(sorted(headers.items(), key=lambda item: item[0].lower()))


def sample_event() -> dict[str, Any]:
    """A realistic request: a POST with a JSON body, headers, a query string, a path
    parameter, stage variables and Cognito claims. A fresh copy on every call; its headers
    are in the order API Gateway lists them (:func:`sorted_headers`)."""
    event = copy.deepcopy(_SAMPLE)
    event["headers"] = sorted_headers(event["headers"])
    event["multiValueHeaders"] = sorted_headers(event["multiValueHeaders"])
    return event

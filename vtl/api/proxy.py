"""Proxy integrations: the Lambda proxy result read as a response (spec pipeline §11) and
the HTTP_PROXY response passed back (§12).

:func:`read_lambda_proxy_result` accepts what API Gateway accepts, as recorded in
``LS:lambda::test_aws_proxy_response_payload_format_validation`` (AWS-REC): a JSON object
with only ``statusCode`` (an integer or a numeric string; 200 when absent), ``headers``
(values stringified; null is fine), ``multiValueHeaders`` (lists), ``body`` (a string or
null) and ``isBase64Encoded``. Anything else is :class:`MalformedProxyResponse`, which the
pipeline answers with the 502.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any

__all__ = ["MalformedProxyResponse", "ProxyResponse", "read_http_proxy_response",
           "read_lambda_proxy_result"]

PROXY_RESULT_KEYS = ("statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded")
#: HTTP_PROXY backend headers the client gets renamed (AWS-REC, spec §12; x-amzn-RequestId:
#: AWS-REC LS:http::test_http_integration_with_lambda[HTTP_PROXY], 2024-03-28; Server:
#: AWS-REC LS:integ::test_apigateway_header_remapping_http[HTTP_PROXY] and AWS-USER curl
#: recordings, "x-amzn-remapped-server: gunicorn").
REMAPPED_PROXY_HEADERS = frozenset({"connection", "content-length", "date", "server", "x-amzn-requestid"})


class MalformedProxyResponse(Exception):
    """The Lambda proxy result is not one API Gateway accepts."""


@dataclass(frozen=True)
class ProxyResponse:
    """The client's status, headers (every value, multi-value ones first) and body."""

    status: int
    headers: dict[str, list[str]]
    body: str | bytes


def read_lambda_proxy_result(text: str, *, binary_accepted: bool) -> ProxyResponse:
    """The response a Lambda proxy result (its JSON ``text``) describes.

    ``binary_accepted``: the client's Accept is one of the API's binary media types, so an
    ``isBase64Encoded`` body is decoded; otherwise the base64 text is sent as is (AWS-REC).
    """
    try:
        result = json.loads(text)
    except json.JSONDecodeError:
        raise MalformedProxyResponse("the result is not JSON") from None
    if not isinstance(result, dict):
        raise MalformedProxyResponse("the result is not a JSON object")
    # An empty object is a 200 with an empty body (AWS-REC LS:lambda::
    # test_lambda_aws_proxy_response_format, 2024-02-23: the function returns {} → 200, no
    # content). The 502 of test_aws_proxy_response_payload_format_validation's
    # "invoke-api-empty-response" is a function error: that test sends no body for {}, and
    # its function's json.loads(None) raises.
    unknown = [key for key in result if key not in PROXY_RESULT_KEYS]
    if unknown:
        raise MalformedProxyResponse(f"unknown key {unknown[0]!r}")
    status = _status(result.get("statusCode"))
    headers = _headers(result.get("headers"), result.get("multiValueHeaders"))
    body = result.get("body")
    if body is not None and not isinstance(body, str):
        raise MalformedProxyResponse("body is not a string")  # AWS-USER lambda-proxy#59
    encoded = result.get("isBase64Encoded", False)
    if not isinstance(encoded, bool):
        raise MalformedProxyResponse("isBase64Encoded is not a boolean")
    content: str | bytes = body or ""
    if encoded and binary_accepted and body:
        try:
            content = base64.b64decode(body, validate=True)
        except (binascii.Error, ValueError):  # (ValueError: a character past ASCII, fuzz_requests seed 3)
            raise MalformedProxyResponse("isBase64Encoded is true but the body is not base64") from None
    if not any(name.lower() == "content-type" for name in headers):
        headers["Content-Type"] = ["application/json"]
    return ProxyResponse(status, headers, content)


def _headers(single: Any, multi: Any) -> dict[str, list[str]]:
    """``multiValueHeaders`` and ``headers`` together: both are sent for a name in both,
    the multi-value ones first (AWS-REC), but a pair already in ``multiValueHeaders`` is not
    sent again (AWS-DOC set-up-lambda-proxy-integrations: "only the values from
    multiValueHeaders will appear in the merged list")."""
    headers: dict[str, list[str]] = {}
    if multi is not None:
        if not isinstance(multi, dict):
            raise MalformedProxyResponse("multiValueHeaders is not an object")
        for name, values in multi.items():
            if not isinstance(values, list):
                raise MalformedProxyResponse(f"multiValueHeaders[{name!r}] is not a list")
            headers.setdefault(name, []).extend(_header_value(value) for value in values)
    if single is not None:
        if not isinstance(single, dict):
            raise MalformedProxyResponse("headers is not an object")
        for name, value in single.items():
            text = _header_value(value)
            if text not in headers.get(name, []):  # only multi-value ones are there yet
                headers.setdefault(name, []).append(text)
    return headers


def _status(value: Any) -> int:
    if value is None:
        return 200  # only headers: 200 (AWS-REC)
    if isinstance(value, bool):
        raise MalformedProxyResponse("statusCode is not a number")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)  # "201" → 201 (AWS-REC)
    raise MalformedProxyResponse(f"statusCode {value!r} is not a number")


def _header_value(value: Any) -> str:
    """Header values are stringified: ``true`` → ``"true"`` (AWS-REC)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)) or value is None:
        return json.dumps(value)
    raise MalformedProxyResponse("a header value is not a string, number or boolean [INFERRED]")


def read_http_proxy_response(
    status: int, headers: dict[str, list[str]], body: str | bytes
) -> ProxyResponse:
    """The HTTP backend's response, unchanged but for ``Connection``, ``Content-Length``
    and ``Date``, sent as ``x-amzn-Remapped-*`` (AWS-REC, spec §12)."""
    renamed: dict[str, list[str]] = {}
    for name, values in headers.items():
        if name.lower() in REMAPPED_PROXY_HEADERS:
            name = f"x-amzn-Remapped-{name}"
        renamed.setdefault(name, []).extend(values)
    return ProxyResponse(status, renamed, body)



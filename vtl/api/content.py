"""contentHandling and binaryMediaTypes (spec pipeline §10, AWS-DOC
api-gateway-payload-encodings-workflow; AWS-REC LS:test_apigateway_s3::TestApiGatewayS3BinarySupport).

A payload is binary when its ``Content-Type`` (the request's; the integration response's)
is one of the API's ``binaryMediaTypes`` (``*`` wildcards allowed, ``*/*`` = everything),
whatever its bytes: anything else is text, read as UTF-8 (a bad byte becomes U+FFFD, as
AWS stored a gzip body sent as ``text/plain``). :func:`request_conversion` and
:func:`response_conversion` say which conversion the tables ask for: ``CONVERT_TO_TEXT``
base64-encodes a binary payload (before a template, which reads the base64 text);
``CONVERT_TO_BINARY`` base64-decodes a text one (after the template; failure: a 500).
"""

from __future__ import annotations

import base64
import binascii
import fnmatch
from collections.abc import Iterable

__all__ = ["ConversionFailed", "as_payload", "convert", "is_binary_media_type", "request_conversion",
           "response_conversion"]


class ConversionFailed(Exception):
    """``CONVERT_TO_BINARY`` on a payload that is not base64."""


def is_binary_media_type(media_type: str, binary_media_types: Iterable[str]) -> bool:
    """Whether ``media_type`` (a MIME type) is one of ``binary_media_types``."""
    return any(
        fnmatch.fnmatchcase(media_type, pattern.lower().replace("~1", "/"))
        for pattern in binary_media_types
    )


def as_payload(body: str | bytes, binary: bool) -> str | bytes:
    """``body`` as API Gateway holds it: bytes when ``binary``, else text (UTF-8, a bad
    byte read as U+FFFD: AWS-REC ``get-obj-text-type-binary-raw``)."""
    if binary:
        return body if isinstance(body, bytes) else body.encode("utf-8", "surrogatepass")
    return body if isinstance(body, str) else body.decode("utf-8", "replace")


def request_conversion(content_handling: str | None, binary: bool) -> str | None:
    """The conversion of a request payload: the request table of AWS-DOC
    api-gateway-payload-encodings-workflow (``CONVERT_TO_TEXT`` encodes only a binary
    payload, ``CONVERT_TO_BINARY`` decodes only a text one; AWS-REC
    ``…_request_convert_to_binary``: a gzip body sent as ``text/plain`` is a 500)."""
    if content_handling == "CONVERT_TO_TEXT" and binary:
        return "CONVERT_TO_TEXT"
    if content_handling == "CONVERT_TO_BINARY" and not binary:
        return "CONVERT_TO_BINARY"
    return None


def response_conversion(content_handling: str | None, binary: bool, accept_binary: bool) -> str | None:
    """The conversion of an integration response payload (``binary``: its Content-Type is a
    binary media type) for a client whose first ``Accept`` type is binary or not: the
    response table of AWS-DOC api-gateway-payload-encodings-workflow, which AWS-REC
    ``…_response_no_content_handling`` / ``_convert_to_text`` / ``_convert_to_binary``
    agree with. Unset, the payload follows the Accept: a binary payload for a text Accept
    is base64-encoded, a text payload for a binary Accept base64-decoded."""
    if binary:
        wanted = content_handling == "CONVERT_TO_TEXT" or (content_handling is None and not accept_binary)
        return "CONVERT_TO_TEXT" if wanted else None
    wanted = content_handling == "CONVERT_TO_BINARY" or (content_handling is None and accept_binary)
    return "CONVERT_TO_BINARY" if wanted else None


def convert(payload: str | bytes, content_handling: str | None) -> str | bytes:
    """The payload after ``content_handling`` (bytes are binary, str is text)."""
    if content_handling == "CONVERT_TO_TEXT" and isinstance(payload, bytes):
        return base64.b64encode(payload).decode("ascii")
    if content_handling == "CONVERT_TO_BINARY" and isinstance(payload, str):
        try:
            return base64.b64decode(payload.encode("ascii"), validate=True)
        except (binascii.Error, UnicodeEncodeError):
            raise ConversionFailed("the payload is not base64") from None
    return payload

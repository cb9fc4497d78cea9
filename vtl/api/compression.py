"""Content encoding (AWS-DOC "Payload compression for REST APIs", pages
api-gateway-gzip-compression-decompression, api-gateway-enable-compression,
api-gateway-make-request-with-compressed-payload,
api-gateway-receive-response-with-compressed-payload).

API Gateway knows the codings ``deflate``, ``gzip`` and ``identity`` (:data:`CODINGS`).

- **Request**: a body sent with ``Content-Encoding`` is decompressed before anything reads
  it (validation, mapping templates, the proxy event): "By default, API Gateway supports
  decompression of the method request payload" (so with compression not enabled too). A
  coding API Gateway does not know, or a body that is not compressed with the coding named,
  is a 415 (:class:`UnsupportedEncoding`). :func:`decode_request_body`.
- **Response**: only when the API enables compression (``minimumCompressionSize`` set, 0 to
  10485760), the client's ``Accept-Encoding`` prefers a coding API Gateway knows, the
  response has no ``Content-Encoding`` of its own, and the body (after the mapping
  template) has at least ``minimumCompressionSize`` bytes: the body is compressed and
  ``Content-Encoding`` names the coding. :func:`response_coding`, :func:`encode`.

``deflate`` is the zlib format (RFC 9110 §8.4.1.2, the coding's HTTP meaning) [INFERRED:
AWS names the coding, not the format]. Compression is deterministic (a gzip header without
a time stamp) so that two runs give the same bytes [LOCAL].
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterable

__all__ = [
    "CODINGS",
    "MAX_MINIMUM_COMPRESSION_SIZE",
    "UnsupportedEncoding",
    "decode",
    "decode_request_body",
    "encode",
    "response_coding",
]

#: The content codings API Gateway supports (AWS-DOC api-gateway-enable-compression,
#: "Content codings supported by API Gateway").
CODINGS = ("deflate", "gzip", "identity")
#: minimumCompressionSize is "a non-negative integer between 0 and 10485760 (10M bytes)"
#: (AWS-DOC api-gateway-gzip-compression-decompression).
MAX_MINIMUM_COMPRESSION_SIZE = 10485760


class UnsupportedEncoding(Exception):
    """A request body API Gateway cannot decompress: it answers 415 Unsupported Media Type
    ("If the specified coding isn't supported or the supplied payload isn't compressed with
    specified coding, API Gateway returns the 415 Unsupported Media Type error response",
    AWS-DOC api-gateway-make-request-with-compressed-payload)."""


def request_codings(content_encoding: str | None) -> list[str]:
    """The codings of a ``Content-Encoding`` header, in the order they were applied."""
    if content_encoding is None:
        return []
    return [coding.strip().lower() for coding in content_encoding.split(",") if coding.strip()]


def decode_request_body(
    body: str | bytes | None, content_encoding: str | None, minimum_compression_size: int | None
) -> tuple[str | bytes | None, list[str]]:
    """The request body decompressed, and the codings undone (none: the body as sent).

    A body too short to have been compressed by the API's own rule is left as sent:
    "If the payload size is smaller than this value, compression or decompression are not
    applied on the payload" (AWS-DOC api-gateway-enable-compression) [INFERRED: the payload
    measured is the body as sent]. Decompressed bytes that are UTF-8 become text, as a body
    read from a file does (``vtl invoke --body-file``); others stay bytes (binary).
    """
    codings = [coding for coding in request_codings(content_encoding) if coding != "identity"]
    for coding in request_codings(content_encoding):
        if coding not in CODINGS:
            raise UnsupportedEncoding(f"Content-Encoding {coding} is not one of {', '.join(CODINGS)}")
    if not codings or not body:  # [INFERRED] an empty body has nothing to decompress
        return body, []
    data = body if isinstance(body, bytes) else body.encode("utf-8", "surrogateescape")
    if minimum_compression_size is not None and len(data) < minimum_compression_size:
        return body, []
    for coding in reversed(codings):  # the last coding applied is undone first (RFC 9110 §8.4)
        data = decode(data, coding)
    try:
        return data.decode("utf-8"), codings
    except UnicodeDecodeError:
        return data, codings


def decode(data: bytes, coding: str) -> bytes:
    """``data`` decompressed from ``coding`` (``gzip`` or ``deflate``)."""
    try:
        if coding == "gzip":
            return gzip.decompress(data)
        return zlib.decompress(data)
    except (OSError, EOFError, zlib.error) as error:
        raise UnsupportedEncoding(f"the body is not {coding} data ({error})") from None


def encode(data: bytes, coding: str) -> bytes:
    """``data`` compressed with ``coding`` (``gzip`` or ``deflate``)."""
    if coding == "gzip":
        return gzip.compress(data, mtime=0)
    return zlib.compress(data)


def response_coding(accept_encoding: str | None) -> str | None:
    """The coding a response is compressed with for this ``Accept-Encoding``, or None.

    The highest-priority coding must be one API Gateway supports, else nothing is
    compressed (AWS-DOC api-gateway-enable-compression, the note; AWS-USER
    awsdocs/amazon-api-gateway-developer-guide PR 32, 2019-06, from a support case: "it will
    not compress if it comes across an unsupported encodings such `br`"). Priority is the
    ``q`` value (RFC 7231 §5.3.4, whose forms the page lists:
    ``deflate;q=0.5,gzip;q=1.0``); among equals the first written wins (the PR: "only
    considers the first type"). No header means ``*``, which compresses nothing (AWS-DOC
    api-gateway-receive-response-with-compressed-payload); [INFERRED] ``*`` or ``identity``
    written first compresses nothing either, and a malformed header nothing.
    """
    if accept_encoding is None:
        return None
    preferences = list(_preferences(accept_encoding.split(",")))
    if not preferences:
        return None
    best = max(preferences, key=lambda preference: preference[1])  # max keeps the first of equals
    coding, quality = best
    if quality <= 0 or coding not in ("gzip", "deflate"):
        return None
    return coding


def _preferences(items: Iterable[str]) -> Iterable[tuple[str, float]]:
    """``(coding, q)`` for each entry of an Accept-Encoding header; a malformed ``q`` is 0."""
    for item in items:
        coding, *parameters = (part.strip() for part in item.split(";"))
        if not coding:
            continue
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        yield coding.lower(), quality

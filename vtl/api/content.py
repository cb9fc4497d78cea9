"""contentHandling and binaryMediaTypes (spec pipeline §10, AWS-DOC
api-gateway-payload-encodings-workflow).

A payload is binary when its media type (``Content-Type`` for a request, the first
``Accept`` type for a response) is one of the API's ``binaryMediaTypes`` (``*`` wildcards
allowed, ``*/*`` = everything). ``CONVERT_TO_TEXT`` base64-encodes a binary payload;
``CONVERT_TO_BINARY`` base64-decodes a text one (failure: a 500); unset leaves it.
"""

from __future__ import annotations

import base64
import binascii
import fnmatch
from collections.abc import Iterable

__all__ = ["ConversionFailed", "convert", "is_binary_media_type"]


class ConversionFailed(Exception):
    """``CONVERT_TO_BINARY`` on a payload that is not base64."""


def is_binary_media_type(media_type: str, binary_media_types: Iterable[str]) -> bool:
    """Whether ``media_type`` (a MIME type) is one of ``binary_media_types``."""
    return any(
        fnmatch.fnmatchcase(media_type, pattern.lower().replace("~1", "/"))
        for pattern in binary_media_types
    )


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

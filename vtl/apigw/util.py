"""``$util``: exactly the six functions API Gateway gives REST API templates (spec §3).

Each is the Java library call AWS names:

- ``escapeJavaScript(s)``: Commons Lang 2.6 ``StringEscapeUtils.escapeJavaScript``;
- ``parseJson(s)``: ``JsonPath.parse(s).json()`` (json-smart, permissive; maps print
  ``{k=v}``, arrays as JSON);
- ``urlEncode(s)`` / ``urlDecode(s)``: ``java.net.URLEncoder`` / ``URLDecoder``, UTF-8;
- ``base64Encode(s)`` / ``base64Decode(s)``: ``java.util.Base64`` over the UTF-8 bytes,
  strings in and strings out.

All but ``parseJson`` take any value and work on Java's ``String.valueOf`` of it (a map
as ``{a=1}``, a Long as ``911234567890``: apigateway.md §3, 2026-12-03, from
aws-samples/serverless-patterns' SNS SMS pattern, which url-encodes a JSON number). Anything
else (``$util.toJson``, ``$util.qr``...) is a missing method, as on AWS. A null argument
gives null (which the null model reads as ``""``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from vtl.apigw.input import parse_json_document
from vtl.apigw.jsonsmart import from_utf16, to_utf16
from vtl.java import to_string
from vtl.java.numbers import char_digit
from vtl.java.registry import JavaException, NoMatchingSignature, java_class, java_method
from vtl.java.strings import decode_utf8

__all__ = [
    "UTIL",
    "Util",
    "base64_decode",
    "base64_encode",
    "escape_javascript",
    "url_decode",
    "url_encode",
]

ILLEGAL_ARGUMENT = "java.lang.IllegalArgumentException"


class Util:
    """The ``$util`` object. Stateless: one instance serves every render."""

    __slots__ = ()


java_class(Util, "vtl.apigw.Util")
UTIL = Util()


# --- the functions, on Python strings (UTF-16 code units where Java's differ) -----------


def _utf8(text: str) -> bytes:
    """``String.getBytes(UTF_8)``: a lone surrogate becomes ``?``."""
    return text.encode("utf-8", "replace")


def escape_javascript(text: str) -> str:
    """Commons Lang 2.6 ``escapeJavaScript``: ``'`` → ``\\'``, ``/`` → ``\\/``, ``\\uXXXX`` above 0x7F.

    Printable ASCII (headers, URLs, ids: nearly every call) takes :func:`_escape_printable`;
    other text a translate table for ASCII and one regex substitution for runs of other
    characters (written as their UTF-16 code units).
    """
    if text.isascii() and text.isprintable():
        return _escape_printable(text)
    text = text.translate(_JS_TABLE)
    return text if text.isascii() else _NON_ASCII.sub(_utf16_units, text)


def _escape_printable(text: str) -> str:
    """:func:`escape_javascript` for ASCII 0x20..0x7E (``str.isprintable`` on ASCII: no
    control character, no DEL). Of those only ``\\ ' " /`` change, each into a backslash
    and itself, so one ``str.replace`` per special present does it (backslashes first, so
    the ones added are not doubled)."""
    if "\\" in text:
        text = text.replace("\\", "\\\\")
    if "'" in text:
        text = text.replace("'", "\\'")
    if '"' in text:
        text = text.replace('"', '\\"')
    if "/" in text:
        text = text.replace("/", "\\/")
    return text


def _utf16_units(match: re.Match[str]) -> str:
    data = match[0].encode("utf-16-be", "surrogatepass")
    return "".join([f"\\u{data[i] << 8 | data[i + 1]:04X}" for i in range(0, len(data), 2)])


_JS_TABLE = {code: f"\\u{code:04X}" for code in range(32)}
_JS_TABLE.update({8: "\\b", 10: "\\n", 9: "\\t", 12: "\\f", 13: "\\r",
                  ord("'"): "\\'", ord('"'): '\\"', ord("\\"): "\\\\", ord("/"): "\\/"})
_NON_ASCII = re.compile("[\x80-\U0010ffff]+")

_URL_SAFE = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-*_")


def url_encode(text: str) -> str:
    """``URLEncoder.encode(text, "UTF-8")``: ``.-*_`` and alphanumerics kept, space → ``+``."""
    out: list[str] = []
    for byte in _utf8(text):
        if byte in _URL_SAFE:
            out.append(chr(byte))
        elif byte == 0x20:
            out.append("+")
        else:
            out.append(f"%{byte:02X}")
    return "".join(out)


def url_decode(text: str) -> str:
    """``URLDecoder.decode(text, "UTF-8")`` (JDK 17), errors and all."""
    text = to_utf16(text)
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "+":
            out.append(" ")
            i += 1
        elif ch == "%":
            raw = bytearray()
            while i + 2 < n and ch == "%":
                raw.append(_hex_byte(text, i + 1))
                i += 3
                if i < n:
                    ch = text[i]
            if i < n and ch == "%":
                raise JavaException(ILLEGAL_ARGUMENT, "URLDecoder: Incomplete trailing escape (%) pattern")
            out.append(decode_utf8(bytes(raw)))
        else:
            out.append(ch)
            i += 1
    return from_utf16("".join(out))


def _hex_byte(text: str, start: int) -> int:
    """``Integer.parseInt(s, start, start + 2, 16)`` as URLDecoder uses it."""
    digits = text[start : start + 2]
    sign = 1
    body = digits
    if digits[:1] in "+-" and len(digits) > 1:
        sign = -1 if digits[0] == "-" else 1
        body = digits[1:]
    value = 0
    for index, ch in enumerate(body):
        # Character.digit: any Unicode decimal digit and fullwidth A-F count (case
        # apigateway/util/url-decode-unicode-hex-digits)
        digit = char_digit(ch, 16)
        if digit < 0:
            offset = index + (len(digits) - len(body))
            raise JavaException(
                ILLEGAL_ARGUMENT,
                "URLDecoder: Illegal hex characters in escape (%) pattern - "
                f'Error at index {offset} in: "{from_utf16(digits)}"',
            )
        value = value * 16 + digit
    value *= sign
    if value < 0:
        raise JavaException(
            ILLEGAL_ARGUMENT, "URLDecoder: Illegal hex characters in escape (%) pattern - negative value"
        )
    return value


_BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_FROM_BASE64 = {ord(c): i for i, c in enumerate(_BASE64)}


def base64_encode(text: str) -> str:
    """``Base64.getEncoder().encodeToString(text.getBytes(UTF_8))``."""
    import base64

    return base64.b64encode(_utf8(text)).decode("ascii")


def base64_decode(text: str) -> str:
    """``new String(Base64.getDecoder().decode(text), UTF_8)``: padding optional, no whitespace."""
    src = text.encode("latin-1", "replace")  # String.getBytes(ISO_8859_1): others become '?'
    if len(src) == 1:
        raise JavaException(ILLEGAL_ARGUMENT, "Input byte[] should at least have 2 bytes for base64 bytes")
    out = bytearray()
    bits, shift, i, n = 0, 18, 0, len(src)
    while i < n:
        byte = src[i]
        i += 1
        value = _FROM_BASE64.get(byte, -2 if byte == ord("=") else -1)
        if value == -2:
            if (shift == 6 and (i == n or src[i] != ord("="))) or shift == 18:
                raise JavaException(ILLEGAL_ARGUMENT, "Input byte array has wrong 4-byte ending unit")
            if shift == 6:
                i += 1
            break
        if value == -1:
            signed = byte - 256 if byte > 127 else byte
            raise JavaException(ILLEGAL_ARGUMENT, f"Illegal base64 character {_java_hex(signed)}")
        bits |= value << shift
        shift -= 6
        if shift < 0:
            out += bytes(((bits >> 16) & 0xFF, (bits >> 8) & 0xFF, bits & 0xFF))
            shift, bits = 18, 0
    if shift == 6:
        out.append((bits >> 16) & 0xFF)
    elif shift == 0:
        out += bytes(((bits >> 16) & 0xFF, (bits >> 8) & 0xFF))
    elif shift == 12:
        raise JavaException(ILLEGAL_ARGUMENT, "Last unit does not have enough valid bits")
    if i < n:
        raise JavaException(ILLEGAL_ARGUMENT, f"Input byte array has incorrect ending byte at {i}")
    return decode_utf8(bytes(out))


def _java_hex(value: int) -> str:
    """``Integer.toString(value, 16)``."""
    return f"-{-value:x}" if value < 0 else f"{value:x}"


# --- registration -----------------------------------------------------------------------


def _string_function(function: Callable[[str], Any], java_name: str, doc: str) -> None:
    def method(self: Util, text: Any) -> Any:
        if type(text) is str:
            return function(text)
        return _string_argument(function, text)

    method.__doc__ = doc
    method.__name__ = java_name
    java_method(Util, java_name)(method)


def _string_argument(function: Callable[[str], Any], value: Any) -> Any:
    """``function`` on ``String.valueOf(value)``: any value is taken; null gives null."""
    if value is None:
        return None
    text = value if isinstance(value, str) else to_string(value)
    return None if text is None else function(text)


@java_method(Util, "escapeJavaScript")
def _escape_javascript(self: Util, text: Any) -> Any:
    """String escapeJavaScript(Object s)."""
    if type(text) is str and text.isascii() and text.isprintable():
        return _escape_printable(text)  # the most frequent $util call: one call deep
    return _string_argument(escape_javascript, text)


_string_function(url_encode, "urlEncode", "String urlEncode(Object s)")
_string_function(url_decode, "urlDecode", "String urlDecode(Object s)")
_string_function(base64_encode, "base64Encode", "String base64Encode(Object s)")
_string_function(base64_decode, "base64Decode", "String base64Decode(Object s)")


@java_method(Util, "parseJson")
def _parse_json(self: Util, text: Any) -> Any:
    """Object parseJson(String json): a map, JSONArray, String, number, boolean or null."""
    if text is not None and not isinstance(text, str):
        raise NoMatchingSignature
    return parse_json_document(text)

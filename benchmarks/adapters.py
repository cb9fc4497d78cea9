"""``$input``, ``$util``, ``$context``, ``$stageVariables`` for airspeed and airspeed-ext.

airspeed calls Python methods and reads dict keys directly, so these are small Python
classes and plain dicts with API Gateway's semantics (spec §2-4), written as simply as
possible. Java String methods the templates use and the engines lack (``toLowerCase``,
``split``...) are added to each engine's ``__additional_methods__`` table, as users of
airspeed (e.g. LocalStack) do. Nothing here imports ``vtl``.
"""

from __future__ import annotations

import json
import re
from typing import Any, Mapping

__all__ = ["Input", "Util", "UTIL", "escape_javascript", "namespace", "install_string_methods"]

_REMOVED_HEADERS = frozenset(
    h.lower()
    for h in ("Connection", "Content-Length", "Content-MD5", "Expect", "Max-Forwards",
              "Proxy-Authenticate", "Server", "TE", "Trailer", "Transfer-Encoding", "Upgrade",
              "WWW-Authenticate")
)
_IDENTITY_FIELDS = (
    "cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller", "sourceIp",
    "principalOrgId", "accessKey", "cognitoAuthenticationType", "cognitoAuthenticationProvider",
    "userArn", "userAgent", "user", "apiKey",
)

# --- $util ------------------------------------------------------------------------------

_JS_TABLE = {i: f"\\u{i:04X}" for i in range(32)}
_JS_TABLE.update({8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r",
                  ord("'"): "\\'", ord('"'): '\\"', ord("\\"): "\\\\", ord("/"): "\\/"})
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _utf16_escape(match: re.Match[str]) -> str:
    data = match.group().encode("utf-16-be", "surrogatepass")
    return "".join(f"\\u{data[i] << 8 | data[i + 1]:04X}" for i in range(0, len(data), 2))


def escape_javascript(text: Any) -> Any:
    """Commons Lang 2 ``escapeJavaScript``: ``' " \\ /`` and controls escaped, non-ASCII ``\\uXXXX``."""
    if text is None:
        return ""
    text = str(text).translate(_JS_TABLE)
    if not text.isascii():
        text = _NON_ASCII.sub(_utf16_escape, text)
    return text


class Util:
    """``$util`` (only what the benchmark templates call, plus the simple codecs)."""

    def escapeJavaScript(self, text: Any) -> Any:  # noqa: N802 (Java name)
        return escape_javascript(text)

    def parseJson(self, text: str) -> Any:  # noqa: N802
        return json.loads(text)

    def urlEncode(self, text: str) -> str:  # noqa: N802
        from urllib.parse import quote_plus

        return quote_plus(text, safe="*")

    def urlDecode(self, text: str) -> str:  # noqa: N802
        from urllib.parse import unquote_plus

        return unquote_plus(text)


UTIL = Util()

# --- $input -----------------------------------------------------------------------------

_STEP = re.compile(r"\.([^.\[\]]+)|\[(\d+)\]|\['([^']*)'\]")


def json_path(document: Any, path: str) -> Any:
    """A tiny JSONPath: ``$``, ``$.a.b``, ``$.a[0]``, ``$['a']``; None when nothing is there."""
    if not path.startswith("$"):
        path = "$." + path
    value = document
    for name, index, quoted in _STEP.findall(path[1:]):
        if isinstance(value, dict):
            value = value.get(name or quoted)
        elif isinstance(value, list) and index:
            i = int(index)
            value = value[i] if i < len(value) else None
        else:
            return None
        if value is None:
            return None
    return value


_SMART_ESCAPED = re.compile("[\x7f-\x9f\u2000-\u20ff]")


def to_json(value: Any) -> str:
    """Compact JSON as json-smart writes it (``/`` as ``\\/``, U+2000-20FF as ``\\uXXXX``)."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False).replace("/", "\\/")
    return _SMART_ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04X}", text)


class Input:
    """``$input`` for one request: ``body``, ``json(path)``, ``path(path)``, ``params([name])``."""

    def __init__(self, event: Mapping[str, Any]) -> None:
        self.body = event.get("body") or "{}"
        headers = {k: ("" if v is None else v) for k, v in (event.get("headers") or {}).items()
                   if k.lower() not in _REMOVED_HEADERS}
        self._params = {
            "path": {k: ("" if v is None else v) for k, v in (event.get("pathParameters") or {}).items()},
            "querystring": {k: ("" if v is None else v)
                            for k, v in (event.get("queryStringParameters") or {}).items()},
            "header": headers,
        }
        self._document: Any = None
        self._parsed = False

    def _doc(self) -> Any:
        if not self._parsed:
            try:
                self._document = json.loads(self.body)
            except ValueError:
                self._document = self.body
            self._parsed = True
        return self._document

    def json(self, path: str) -> str:
        return to_json(json_path(self._doc(), path))

    def path(self, path: str) -> Any:
        return json_path(self._doc(), path)

    def params(self, name: str | None = None) -> Any:
        if name is None:
            return self._params
        for part in ("path", "querystring", "header"):
            if name in self._params[part]:
                return self._params[part][name]
        return ""


# --- $context and the namespace ----------------------------------------------------------


def _nulls_empty(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _nulls_empty(v) for k, v in value.items()}
    if value is None:
        return ""
    return value


def context(event: Mapping[str, Any]) -> dict[str, Any]:
    """``$context``: the request context, unset fields (and null values) as ``""``."""
    source = event.get("requestContext") or {}
    ctx = _nulls_empty(dict(source))
    identity = ctx.setdefault("identity", {})
    for field in _IDENTITY_FIELDS:
        identity.setdefault(field, "")
    authorizer = ctx.setdefault("authorizer", {})
    authorizer.setdefault("principalId", "")
    for key in ("accountId", "apiId", "httpMethod", "stage", "requestId", "resourceId", "resourcePath"):
        ctx.setdefault(key, "")
    return ctx


def namespace(event: Mapping[str, Any]) -> dict[str, Any]:
    """The template variables for one request (fresh objects every call)."""
    return {
        "input": Input(event),
        "util": UTIL,
        "context": context(event),
        "stageVariables": {k: ("" if v is None else v)
                           for k, v in (event.get("stageVariables") or {}).items()},
    }


# --- Java String methods missing from the engines ----------------------------------------


def _java_split(self: str, regex: str, limit: int = 0) -> list[str]:
    parts = re.split(regex, self)
    while limit == 0 and parts and parts[-1] == "":
        parts.pop()
    return parts


_STRING_METHODS = {
    "toLowerCase": lambda self: self.lower(),
    "toUpperCase": lambda self: self.upper(),
    "trim": lambda self: self.strip(" \t\n\r\x0b\x0c\x00"),
    "indexOf": lambda self, s: self.find(s),
    "substring": lambda self, start, end=None: self[start:end],
    "split": _java_split,
    "length": lambda self: len(self),
    "isEmpty": lambda self: not self,
    "equals": lambda self, other: self == other,
    "replaceAll": lambda self, pattern, repl: re.sub(pattern, repl, self),
}


def install_string_methods(module: Any) -> None:
    """Add the Java String methods above to an airspeed module's method table."""
    table = getattr(module, "__additional_methods__", None)
    if table is None:
        return
    methods = table.setdefault(str, {})
    for name, function in _STRING_METHODS.items():
        methods.setdefault(name, function)

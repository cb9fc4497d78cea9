"""``$input``: the request body and parameters (spec §2).

- ``$input.body`` is the raw payload; an empty body reads as ``{}`` (AWS-REC 2025-03).
- ``$input.json(x)`` evaluates JSONPath ``x`` and returns the result as compact JSON
  (json-smart's writer: a string keeps its quotes, ``/`` is written ``\\/``); nothing at
  the path gives ``null``.
- ``$input.path(x)`` returns the value itself: a map (LinkedHashMap), a JSONArray, a
  String, a number, a boolean or null. Each call returns a fresh value, as re-parsing
  does on AWS, so changing it does not change the body.
- ``$input.params()`` is a map ``path``, ``querystring``, ``header`` of name → value maps;
  ``$input.params(x)`` looks ``x`` up in that order (names are case-sensitive) and gives
  ``""`` when it is nowhere.

The body is parsed as Jayway JsonPath's json-smart provider does (:mod:`.jsonsmart`),
which reads a non-JSON body such as ``a=b`` as the String ``a=b``; a body that starts like
JSON but breaks off raises ``com.jayway.jsonpath.InvalidJsonException`` when a template
asks for a path.
"""

from __future__ import annotations

import copy
from typing import Any

from vtl.apigw import jsonpath, jsonsmart
from vtl.apigw.event import Request
from vtl.apigw.hashmap import HashMap
from vtl.java.registry import JavaException, NoMatchingSignature, java_class, java_method

__all__ = ["Input", "parse_json_document"]

INVALID_JSON = "com.jayway.jsonpath.InvalidJsonException"


def parse_json_document(text: str | None) -> Any:
    """``JsonPath.parse(text).json()``: the parsed value, or the Java exception Jayway throws."""
    if not text:
        raise JavaException("java.lang.IllegalArgumentException", "json string can not be null or empty")
    try:
        value = jsonsmart.parse(text)
    except jsonsmart.JsonSmartParseError as error:
        raise JavaException(INVALID_JSON, f"{error.java_class}: {error}") from None
    if value is None:  # the text `null`: Jayway's JsonContext refuses a null document
        raise JavaException("java.lang.IllegalArgumentException", "json can not be null")
    return value


class Input:
    """The ``$input`` object of one render."""

    __slots__ = ("body", "parameters", "_document", "_error")

    def __init__(self, request: Request) -> None:
        self.body = request.body or "{}"
        self.parameters = HashMap(
            [
                ("path", dict(request.path_parameters)),
                ("querystring", dict(request.query)),
                ("header", dict(request.headers)),
            ]
        )
        self._document: Any = None
        self._error: JavaException | None = None

    def document(self) -> Any:
        """The parsed body (parsed once; the error, if any, raised on every call)."""
        if self._error is not None:
            raise self._error
        if self._document is None:
            try:
                self._document = parse_json_document(self.body)
            except JavaException as error:
                self._error = error
                raise
        return self._document

    def read(self, path: Any) -> Any:
        if path is not None and not isinstance(path, str):
            raise NoMatchingSignature
        return jsonpath.read(self.document(), path)

    def param(self, name: Any) -> str:
        for part in ("path", "querystring", "header"):
            values = self.parameters.get(part)
            if isinstance(values, dict) and name in values:
                value = values[name]
                if value is not None:
                    return value  # type: ignore[no-any-return]
        return ""


java_class(Input, "vtl.apigw.Input")


@java_method(Input, "getBody")
def _get_body(self: Input) -> str:
    """String getBody(): the raw payload (``{}`` when empty)."""
    return self.body


@java_method(Input, "json")
def _json(self: Input, path: Any) -> str:
    """String json(String path): the JSONPath result as compact JSON."""
    return jsonsmart.to_json(self.read(path))


@java_method(Input, "path")
def _path(self: Input, path: Any) -> Any:
    """Object path(String path): the JSONPath result as a value (a fresh copy)."""
    return copy.deepcopy(self.read(path))


_NO_NAME = object()


@java_method(Input, "params")
def _params(self: Input, name: Any = _NO_NAME) -> Any:
    """Map params() and String params(String name).

    Like the Java overloads: a call with other arguments finds the parameterless one and
    fails with "wrong number of arguments" (Velocity 1.7's method lookup).
    """
    if name is _NO_NAME:
        return self.parameters
    if name is not None and not isinstance(name, str):
        raise NoMatchingSignature
    return self.param(name)

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

from typing import Any

from vtl.apigw import jsonpath, jsonsmart
from vtl.apigw.event import Request
from vtl.apigw.hashmap import HashMap
from vtl.apigw.jsonpath import ANY_INDEX
from vtl.java.registry import JavaException, NoMatchingSignature, java_class, java_method

__all__ = ["Input", "parse_json_document", "parse_json_document_plain"]

INVALID_JSON = "com.jayway.jsonpath.InvalidJsonException"


def parse_json_document(text: str | None) -> Any:
    """``JsonPath.parse(text).json()``: the parsed value, or the Java exception Jayway throws."""
    value, _, arrays = _parse_tree(text)
    return value if arrays else jsonsmart.json_arrays(value)


def parse_json_document_plain(text: str | None) -> tuple[Any, bool]:
    """:func:`parse_json_document`, and whether the value is plain
    (:func:`~vtl.apigw.jsonsmart.parse_document`). Arrays may still be ``list``\\ s
    (:func:`~vtl.apigw.jsonsmart.parse_document_raw`): pass a value through
    :func:`~vtl.apigw.jsonsmart.json_arrays` before a template sees it."""
    value, plain, _ = _parse_tree(text)
    return value, plain


def _parse_tree(text: str | None) -> tuple[Any, bool, bool]:
    """:func:`parse_json_document_plain`, and whether every array is a JSONArray already
    (:func:`~vtl.apigw.jsonsmart.parse_document_tree`)."""
    if not text:
        raise JavaException("java.lang.IllegalArgumentException", "json string can not be null or empty")
    try:
        tree = jsonsmart.parse_document_tree(text)
    except jsonsmart.JsonSmartParseError as error:
        raise JavaException(INVALID_JSON, f"{error.java_class}: {error}") from None
    if tree[0] is None:  # the text `null`: Jayway's JsonContext refuses a null document
        raise JavaException("java.lang.IllegalArgumentException", "json can not be null")
    return tree


def _overlap(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    """Whether two :func:`~vtl.apigw.jsonpath.location`\\ s may share a value: one is a
    prefix of the other, an index matching any step."""
    for x, y in zip(a, b):
        if x != y and x is not ANY_INDEX and y is not ANY_INDEX:
            return False
    return True


class Input:
    """The ``$input`` object of one render.

    The body is parsed once, when a template first reads a path, and the parsed tree is
    kept for the render, its arrays usually still ``list``\\ s: ``$input.json`` only writes
    them, and ``$input.path`` makes JSONArrays of the part it hands out (a large body's
    arrays are JSONArrays from the start, made by the parse's depth check: ``_arrays``).
    ``$input.path`` hands out the tree's own maps and arrays instead of copies; what was
    handed out may be changed by the template, so the locations handed out are remembered
    and a read at an overlapping location parses the body afresh (each ``$input.path``
    result is a fresh value, as re-parsing is on AWS).
    """

    __slots__ = (
        "_arrays", "_document", "_error", "_handed", "_parameters", "_plain", "_request", "body",
    )

    def __init__(self, request: Request) -> None:
        self.body = request.body or "{}"
        self._request = request
        self._parameters: HashMap | None = None
        self._document: Any = None
        self._plain = False
        self._arrays = False  # every array of the kept tree is a JSONArray already
        self._error: JavaException | None = None
        self._handed: list[tuple[Any, ...]] | None = None

    @property
    def parameters(self) -> HashMap:
        """``$input.params()``: ``path``, ``querystring``, ``header`` maps (built once)."""
        if self._parameters is None:
            request = self._request
            self._parameters = HashMap.build(
                _PARTS, (request.path_parameters, request.query, request.headers)
            )
        return self._parameters

    def document(self) -> Any:
        """The parsed body (parsed once; the error, if any, raised on every call)."""
        if self._error is not None:
            raise self._error
        if self._document is None:
            try:
                self._document, self._plain, self._arrays = _parse_tree(self.body)
            except JavaException as error:
                self._error = error
                raise
        return self._document

    def _tree_for(self, where: tuple[Any, ...]) -> Any:
        """The parsed body, parsed again if a value at ``where`` may have been handed out."""
        handed = self._handed
        if handed is not None and any(_overlap(where, h) for h in handed):
            self._document, self._handed = None, None
        return self.document()

    def read(self, path: Any) -> Any:
        """The JSONPath result; it may be part of the kept tree (do not change it)."""
        if path is not None and not isinstance(path, str):
            raise NoMatchingSignature
        self.document()  # a body that does not parse fails before a bad path, as on AWS
        return jsonpath.read(self._tree_for(jsonpath.location(path)), path)  # type: ignore[arg-type]

    def json(self, path: Any) -> str:
        """``$input.json(path)``: the result as json-smart writes it."""
        if path == "$" and type(path) is str:  # the passthrough's: the whole document
            if self._handed is not None:
                self._document, self._handed = None, None
            value = self.document()
        else:
            value = self.read(path)
        return jsonsmart.to_json_plain(value) if self._plain else jsonsmart.to_json(value)

    def path(self, path: Any) -> Any:
        """``$input.path(path)``: the result, a value of its own (the tree's, now handed out)."""
        value = self.read(path)
        if isinstance(value, (dict, list)):
            where = jsonpath.location(path)
            if self._handed is None:
                self._handed = [where]
            else:
                self._handed.append(where)
            return value if self._arrays else jsonsmart.json_arrays(value)
        return value

    def param(self, name: Any) -> str:
        for part in ("path", "querystring", "header"):
            values = self.parameters.get(part)
            if isinstance(values, dict) and name in values:
                value = values[name]
                if value is not None:
                    return value  # type: ignore[no-any-return]
        return ""


_PARTS = ("path", "querystring", "header")


java_class(Input, "vtl.apigw.Input")


@java_method(Input, "getBody")
def _get_body(self: Input) -> str:
    """String getBody(): the raw payload (``{}`` when empty)."""
    return self.body


@java_method(Input, "json")
def _json(self: Input, path: Any) -> str:
    """String json(String path): the JSONPath result as compact JSON."""
    return self.json(path)


@java_method(Input, "path")
def _path(self: Input, path: Any) -> Any:
    """Object path(String path): the JSONPath result as a value (a fresh one)."""
    return self.path(path)


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

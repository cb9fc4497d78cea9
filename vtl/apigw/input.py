"""``$input``: the request body and parameters (spec §2).

- ``$input.body`` is the raw payload; an empty body reads as ``{}`` (AWS-REC 2025-03).
- ``$input.json(x)`` evaluates JSONPath ``x`` and returns the result as compact JSON
  (json-smart's writer: a string keeps its quotes, ``/`` is written as
  :data:`INPUT_JSON_ESCAPES_SLASH` says); a path that matches nothing gives ``""``.
- ``$input.path(x)`` returns the value itself: a map (LinkedHashMap), a JSONArray, a
  String, a number, a boolean or null, part of the one document parsed per request:
  changing it changes what later ``$input.path``/``$input.json`` calls read.
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
from vtl.java.registry import JavaException, NoMatchingSignature, java_class, java_method

__all__ = ["INPUT_JSON_ESCAPES_SLASH", "JSON_OF_NOTHING", "Input", "parse_json_document", "parse_json_document_plain"]

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


#: What ``$input.json`` prints when its path matches nothing, also on a non-JSON or scalar
#: body: ``""``, two quote characters (apigateway.md §2, 2026-12-03: LocalStack's
#: maintainers' check in the AWS console, localstack PR 12774), so that
#: ``$util.parseJson($input.json('$.output'))`` on a failed Step Functions execution works.
JSON_OF_NOTHING = '""'

#: Whether ``$input.json`` writes ``/`` as ``\/``: the one place that decides it. UNVERIFIED:
#: no recording of API Gateway shows it (README, "Fidelity notes"). True follows json-smart's
#: default writer ``JSONValue.toJSONString``, which the recorder uses and whose output
#: ``JSONArray.toString()`` gives on AWS (recorded); Jayway's own ``JsonProvider.toJson``
#: writes with ``LT_COMPRESS``, which leaves ``/`` alone.
INPUT_JSON_ESCAPES_SLASH = True

_NOTHING = object()


class Input:
    """The ``$input`` object of one render.

    The body is parsed once per request, when a template first reads a path, and that one
    document is kept for the render (and only for it: every render builds its own Input).
    ``$input.path`` returns the document's own maps and arrays, not copies, and
    ``$input.json`` writes the document, so a change made through a ``$input.path`` result
    shows in every later read, as on API Gateway (apigateway.md §2, 2026-12-03;
    aws-samples/serverless-patterns ``apigw-mappingtemplate-lambda``; case
    ``input-path/one-document-status-rewrite`` and the other ``one-document-*`` cases).

    Strict JSON is parsed with its arrays left as ``list``\\ s, which ``$input.json`` only
    writes; the first ``$input.path`` that hands out a map or an array makes every array
    of the document a JSONArray, in place, and from then on the document is written by the
    general writer (the template may have put into it values the C writer would print
    differently).
    """

    __slots__ = ("_arrays", "_document", "_error", "_parameters", "_plain", "_request", "body")

    def __init__(self, request: Request) -> None:
        self.body = request.body or "{}"
        self._request = request
        self._parameters: HashMap | None = None
        self._document: Any = None
        self._plain = False
        self._arrays = False  # every array of the document is a JSONArray already
        self._error: JavaException | None = None

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

    def read(self, path: Any, missing: Any = None) -> Any:
        """The JSONPath result, part of the document (``missing`` when nothing matches)."""
        if path is not None and not isinstance(path, str):
            raise NoMatchingSignature
        document = self.document()  # a body that does not parse fails before a bad path, as on AWS
        if isinstance(path, str) and "append" in path and jsonpath.changes_document(path):
            document = self._changeable()
        return jsonpath.read(document, path, missing)

    def _changeable(self) -> Any:
        """The document, ready for ``append(...)`` to add to it: its arrays JSONArrays (what
        the path returns is the document's own array, and it must be read once only) and
        written by the general writer from now on (what is added was not checked for the C
        writer)."""
        self._plain = False
        if not self._arrays:
            self._document = jsonsmart.json_arrays(self._document)
            self._arrays = True
        return self._document

    def json(self, path: Any) -> str:
        """``$input.json(path)``: the result as json-smart writes it."""
        if path == "$" and type(path) is str:  # the passthrough's: the whole document
            value = self.document()
        else:
            value = self.read(path, _NOTHING)
            if value is _NOTHING:
                return JSON_OF_NOTHING
        # The C writer for a plain value, unless it is the matches of an indefinite path:
        # those may repeat parts of the document (each map a deep scan returns holds the
        # ones below), so their JSON can be far longer than the body, and the writer that
        # stops at the output limit as it goes writes them (issue 14).
        if self._plain and (path == "$" or jsonpath.is_document_value(path)):
            return jsonsmart.to_json_plain(value, escape_slash=INPUT_JSON_ESCAPES_SLASH)
        return jsonsmart.to_json(value, escape_slash=INPUT_JSON_ESCAPES_SLASH)

    def path(self, path: Any) -> Any:
        """``$input.path(path)``: the result, the document's own value (null for nothing)."""
        value = self.read(path)
        if isinstance(value, (dict, list)):
            self._plain = False  # the template may change what it is handed
            if not self._arrays:
                # The lists the result holds (or is) are replaced in the document by
                # JSONArrays: read the converted ones.
                self._document = jsonsmart.json_arrays(self._document)
                self._arrays = True
                value = self.read(path)
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
    """Object path(String path): the JSONPath result as a value (the document's own)."""
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

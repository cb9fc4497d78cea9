"""JSONPath as API Gateway evaluates it (Jayway JsonPath).

API Gateway's ``$input.json(x)`` and ``$input.path(x)`` use Jayway JsonPath. A path is read
as Jayway's PathCompiler reads it (:mod:`vtl.apigw.jsonpath_compiler`, with its errors);
a filter's expressions are parsed by jsonpath-ng after rewriting. The evaluation follows
Jayway's rules, which differ from a plain list of matches (checked against the real jar:
tests/apigw/data/path.json):

- a **definite** path (only properties and single indexes: ``$.a.b``, ``$['a'][0]``)
  yields the value itself, or nothing when nothing is there (Jayway throws
  PathNotFoundException: ``$input.path`` gives null, ``$input.json`` ``""``);
- an **indefinite** path (``..``, ``*``, ``[?(...)]``, slices, several indexes) yields a
  :class:`~vtl.apigw.jsonsmart.JSONArray` of every match, possibly empty;
- a path not starting with ``$`` or ``@`` is read as ``$.`` + path (Jayway's rule);
- a function may be followed by more path (``$.a.first().x``, :func:`_read_chain`);
- a property missing under a definite prefix (``$.missing.x``, ``$.a.b`` on a string) is
  not found, even in an otherwise indefinite path (Jayway's PathNotFoundException);
- ``[?(...)]`` filters compare as Jayway does: ``2 == '2'``, a missing property is ``!=``
  anything, ``<``/``>`` only between two numbers or two strings; ``!@.x`` holds where
  ``@.x`` does not exist, ``||`` joins alternatives (``&&`` binds tighter, parentheses
  group);
- ``.length()`` / ``.size()`` count a list or a map, per match after an indefinite path
  (``$..p.length()`` counts the children of every match, as Jayway's compiler inverts it);
  the other functions (``sum()``, ``avg()``, ``min()``, ``max()``, ``stddev()``, ``keys()``,
  ``first()``, ``last()``, ``index(i)``, ``concat(...)``, ``append(...)``) are
  :mod:`vtl.apigw.jsonpath_functions`' and run the same way, their arguments split as
  Jayway's PathCompiler splits them (:func:`_arguments`), JSON parsed when the function
  runs or paths read on the document; an unknown name is an InvalidPathException;
- ``append(...)`` adds its arguments to the array it runs on, in the document itself
  (:func:`changes_document`), and returns that array;
- a filter on a scalar or null under a definite prefix is an InvalidPathException;
- a path on a comparison's right is read on the document (``$...``) or the item (``@...``);
  one with a deep scan or a wildcard is the list of its matches;
- a filter's left path that is indefinite (``@.*``, ``@..a``) is the list of all its
  matches, compared whole; its exists check fails only where a property is missing;
- slices are Jayway's (``[-2:2]`` walks -2, -1, 0, 1; a step is ignored); a deep scan
  tests a filter on each array too, filtering its elements when it holds;
- a filter operand may end in a function (``[?(@.tags.length() > 0)]``), called on the item's
  value; a name Jayway does not know there makes the test false.

Jayway filter syntax that jsonpath-ng spells differently is rewritten before parsing
(``&&``, ``null``, functions ending an operand, and the operators of
:mod:`vtl.apigw.jsonpath_operators`: ``in``, ``nin``, ``anyof``, ``noneof``, ``subsetof``,
``size``, ``empty``, ``contains``, ``=~``, ``===``, ``!==``, ``!(...)`` and a comparison
with a path holding ``..`` or ``*``, or with a number that has an exponent). A filter
jsonpath-ng cannot parse is an InvalidPathException whose message is not Jayway's
FilterCompiler's.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from contextvars import ContextVar
from decimal import Decimal
from functools import lru_cache
from typing import Any

from vtl.apigw import jsonpath_compiler, jsonpath_functions, jsonpath_operators
from vtl.apigw.jsonsmart import JSONArray, JsonSmartParseError, json_arrays
from vtl.apigw.jsonsmart import parse as parse_json
from vtl.java import to_string
from vtl.java.characters import is_digit
from vtl.java.maps import KeySetView
from vtl.java.objects import class_cast
from vtl.java.registry import JavaException

__all__ = ["ANY_INDEX", "changes_document", "location", "read"]

INVALID_PATH = "com.jayway.jsonpath.InvalidPathException"
INVALID_JSON = "com.jayway.jsonpath.InvalidJsonException"
# `$.a[x]`: jsonpath-ng reads a bare word in brackets as a field, Jayway rejects it.
_BARE_BRACKET = re.compile(r"\[\s*[A-Za-z_]")
# A function's argument: ("path", "$.a") read on the document, or ("value", a JSON literal).
Argument = tuple[str, Any]
_OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


class _NotFound(Exception):
    """Jayway's PathNotFoundException: nothing at the path."""


# A path is a list of tokens, each a tuple whose first item names its kind:
# ("prop", name), ("props", names), ("wild",), ("index", indices), ("slice", start, end),
# ("filter", expressions), ("scan", token).
Token = tuple[Any, ...]


class _Compiled:
    """A compiled path: Jayway's tokens, whether Jayway calls the path definite, and

    - a path ending in its only function call (``$.a[*].length()``): ``function``, its
      ``arguments`` and ``tokens`` the path before it;
    - a path with a call followed by more path (``$.a.first().x``): ``chain``, every token;
    - ``names`` when it is only properties (``$.a.b``)."""

    __slots__ = ("arguments", "chain", "definite", "function", "names", "tokens")

    def __init__(self, tokens: list[Token]) -> None:
        calls = [i for i, token in enumerate(tokens) if _holds_call(token)]
        self.function: str | None = None
        self.arguments: tuple[Argument, ...] = ()
        self.chain: list[Token] | None = None
        if calls == [len(tokens) - 1] and tokens[-1][0] == "call":
            self.function, self.arguments = tokens[-1][1], tokens[-1][2]
            tokens = tokens[:-1]
        elif calls:
            self.chain = tokens
        # a function ends the path: the token before it is no leaf (Jayway's definiteness)
        every = [*tokens, ("call",)] if self.function is not None else tokens
        self.tokens = tokens
        self.definite = all(_definite(token, i == len(every) - 1) for i, token in enumerate(every))
        self.names: tuple[str, ...] | None = None
        if not calls and all(token[0] == "prop" for token in tokens):
            self.names = tuple(token[1] for token in tokens)


def _holds_call(token: Token) -> bool:
    """Whether ``token`` is a function call, or a deep scan for one (``$..first()``)."""
    return bool(token[0] == "call" or (token[0] == "scan" and token[1][0] == "call"))


def read(document: Any, path: str, missing: Any = None) -> Any:
    """Evaluate Jayway path ``path`` on a parsed JSON ``document``.

    Returns the value (definite path), a JSONArray of matches (indefinite path), or
    ``missing`` where Jayway finds nothing (its PathNotFoundException), which a JSON
    ``null`` found at the path is not.
    """
    compiled = _compile(path)
    if compiled.names is not None:
        return _properties(document, compiled.names, missing)
    root = _ROOT.set(document)  # for `$...` operands inside filters
    try:
        return _read_compiled(compiled, document, missing)
    finally:
        _ROOT.reset(root)


def _read_compiled(compiled: _Compiled, document: Any, missing: Any) -> Any:
    if compiled.chain is not None:
        return _read_chain(compiled, document, missing)
    try:
        found = _evaluate(compiled.tokens, document, open_end=compiled.function is not None)
    except _NotFound:
        return missing
    if compiled.function is not None:
        scan = bool(compiled.tokens) and compiled.tokens[0][0] == "scan"
        if not found and not scan:  # `$.missing.length()`: the function never runs
            return missing if compiled.definite else JSONArray()
        if _function_name(compiled.function) == "length":
            if compiled.arguments and not scan:
                return _length_with_argument(compiled, found, document, missing)
            return _length(found, compiled, document)
        return _call(compiled, found, document, missing)
    if compiled.definite:
        return found[0] if found else missing
    return JSONArray(found)


def is_document_value(path: str) -> bool:
    """Whether ``path`` gives one value of the document or its length: Jayway calls the path
    definite, and it ends in no function but ``length()``. Not so the matches of an
    indefinite path (a JSONArray that may repeat parts of the document) or what another
    function computes (a double, a key set). The path must have been read already (its
    errors are :func:`read`'s)."""
    compiled = _compile(path)
    return compiled.definite and compiled.chain is None and compiled.function in (None, "length", "size")


def _properties(document: Any, names: tuple[str, ...], missing: Any) -> Any:
    """:func:`read` for a path of properties only, walked directly: what :func:`_evaluate`
    finds, one value or nothing (a missing property or a step into a non-map)."""
    value = document
    for name in names:
        if not isinstance(value, dict) or name not in value:
            return missing
        value = value[name]
    return value


#: In a :func:`location`, an array index: it may be the same element as any other step.
ANY_INDEX = object()


@lru_cache(maxsize=512)
def location(path: str) -> tuple[Any, ...]:
    """Where in the document ``path`` reads, as the property names it walks from the root
    (:data:`ANY_INDEX` for an index). A path that can read anywhere (``..``, ``*``,
    filters, slices, several indexes) is the root, ``()``; several properties at the end
    are their map. Raises like :func:`read` for an invalid path.
    """
    steps: list[Any] = []
    for token in _compile(path).tokens:
        kind = token[0]
        if kind == "prop":
            steps.append(token[1])
        elif kind == "index" and len(token[1]) == 1:
            steps.append(ANY_INDEX)
        elif kind == "props":
            break
        else:
            return ()
    return tuple(steps)


def _length(found: list[Any], compiled: _Compiled, document: Any) -> Any:
    """Jayway's ``length()``/``size()`` on what the path selected.

    The function runs on each match: a definite path gives the length of its value (None
    for a scalar), an indefinite one a JSONArray of the lengths (``$.a[*].b.length()`` →
    ``[2,null]``). A path starting with a deep scan is inverted by Jayway's compiler into
    ``length($..b)``, whose Length appends a wildcard to its argument: the number of
    matches of ``$..b.*`` (``$..*.length()`` counts ``$..*.*``).
    """
    tokens = compiled.tokens
    if tokens and tokens[0][0] == "scan":
        return len(_evaluate([*tokens, ("wild",)], document))
    if not compiled.definite:
        return JSONArray([len(value) if isinstance(value, (list, dict)) else None for value in found])
    if found and isinstance(found[0], (list, dict)):
        return len(found[0])
    return None


def _length_with_argument(compiled: _Compiled, found: list[Any], document: Any, missing: Any) -> Any:
    """``length(...)`` with arguments on each match (:func:`_length_of_argument`)."""
    try:
        results = [_length_of_argument(compiled.arguments, value, document) for value in found]
    except _NotFound:
        return missing
    if compiled.definite:
        return results[0]
    return JSONArray(results)


def _length_of_argument(arguments: tuple[Argument, ...], value: Any, document: Any) -> Any:
    """Jayway's Length with a path argument P, on ``value``: the arguments are read on the
    document first (one finding nothing fails the read); then P with a wildcard appended
    is read on ``value`` itself, the last match for a definite P (none fails the read), all
    of them for another; a list found gives its size, anything else the length of
    ``value``. ``$.length($.a)`` is the size of ``$``'s map when ``$.a``'s last child is no
    list. A JSON first argument has no path: Jayway's NullPointerException. Case
    apigateway/jsonpath/length-path-argument. (Jayway appends the wildcard to the compiled
    argument on every call, and caches compiled paths: a second match, or a second read of
    the same path in the same JVM, sees ``$.a.*.*``; not modeled.)"""
    if _read_arguments(arguments, document) is None:
        raise _NotFound
    kind, text = arguments[0]
    if kind == "json":
        raise JavaException(
            "java.lang.NullPointerException",
            'Cannot invoke "com.jayway.jsonpath.internal.Path.isFunctionPath()" because the return'
            ' value of "com.jayway.jsonpath.internal.function.Parameter.getPath()" is null',
        )
    argument = _compile("$" + text[1:])
    inner: Any = None
    if argument.function is None and argument.chain is None:
        matches = _evaluate([*argument.tokens, ("wild",)], value)
        if argument.definite and not matches:
            raise _NotFound
        inner = matches[-1] if argument.definite else matches
    if isinstance(inner, list):
        return len(inner)
    return len(value) if isinstance(value, (list, dict)) else None


def _function_name(name: str) -> str:
    """The function a trailing ``.name()`` calls (``size`` is Jayway's alias of ``length``)."""
    if name in ("length", "size"):
        return "length"
    if name in jsonpath_functions.FUNCTIONS:
        return name
    raise JavaException(INVALID_PATH, f"Function with name: {name} does not exist.")


def _arguments(function: str, text: str, opening: int) -> tuple[tuple[Argument, ...], int]:
    """A function's arguments as Jayway's ``PathCompiler.parseFunctionParameters`` reads
    ``text`` (what follows the ``(`` at index ``opening`` of the path), and the index just
    after the call's ``)``.

    An argument is JSON when its first character (spaces skipped) is ``{``, a digit, ``-``
    or ``"``, a path when it is ``$`` or ``@`` (compiled there, its errors raised); any other
    character before that is skipped (``[5]`` is the JSON text ``5]``; ``'q'``, ``true`` and
    ``null`` are no argument at all). A comma ends an argument outside brackets and braces,
    even inside quotes, where it is dropped (``"a,b"`` is ``"ab"``); a double quote after a
    backslash opens another quote. Checked against the recorder: case
    apigateway/realworld/jsonpath-function-argument-parsing.
    """
    arguments: list[Argument] = []
    kind: str | None = None
    groups = {"(": 1, "[": 0, "{": 0, '"': 0}
    prior = ""
    current: list[str] = []
    for index, char in enumerate(text):
        position = opening + 2 + index  # Jayway's position: just after the character read
        if kind is None:
            if char in " \t\n\r":
                continue
            kind = _argument_kind(char)
        ends = _count_group(groups, char, prior, position, current)
        if ends and kind is not None:
            arguments.append((kind, _checked_argument(kind, "".join(current))))
            current, kind = [], None
        if kind is not None and not (char == "," and groups["{"] == groups["["] == 0 and groups["("] == 1):
            current.append(char)
        prior = char
        if ends and groups["("] == 0:
            return tuple(arguments), position
    if groups["{"] or groups["("] or groups["["]:
        raise JavaException(INVALID_PATH, f"Arguments to function: '{function}' are not closed properly.")
    return tuple(arguments), opening + 1 + len(text)


def _checked_argument(kind: str, text: str) -> str:
    """A path argument is compiled with the path (Jayway's ``new PathCompiler(text).compile()``,
    no ``$.`` added, nothing trimmed): its errors are the path's."""
    if kind == "path":
        jsonpath_compiler.compile_argument_path(text, _filter_token, _arguments)
    return text


def _argument_kind(char: str) -> str | None:
    """What an argument starting with ``char`` is: JSON, a path, or nothing yet."""
    if char in '{-"' or is_digit(char):
        return "json"
    if char in "$@":
        return "path"
    return None


def _count_group(groups: dict[str, int], char: str, prior: str, position: int, current: list[str]) -> bool:
    """Jayway's counting of parentheses, brackets, braces and quotes for ``char``; whether it
    ends an argument (a ``,`` or the closing ``)`` outside every group but the call's)."""
    if char == '"':
        groups['"'] += -1 if prior != "\\" and groups['"'] > 0 else 1
    elif char in "([{":
        groups[char] += 1
    elif char in "}]":
        opening = "{" if char == "}" else "["
        if groups[opening] == 0:
            what = "brace" if char == "}" else "bracket"
            raise JavaException(INVALID_PATH, f"Unexpected close {what} '{char}' at character position: {position}")
        groups[opening] -= 1
    elif char in "),":
        if char == ")":
            groups["("] -= 1
            if groups["("] < 0 or prior == "(":
                current.append(char)
        return groups['"'] == groups["{"] == groups["["] == 0 and (
            groups["("] == 1 or (groups["("] == 0 and char == ")")
        )
    return False


def _argument_values(arguments: tuple[Argument, ...], document: Any) -> list[Any] | None:
    """The arguments' values: a path is read on the document (``@`` too, as Jayway's
    PathLateBindingValue does), a JSON text parsed anew (JsonLateBindingValue parses it on
    every call); None when a path finds nothing."""
    values = _read_arguments(arguments, document)
    if values is None:
        return None
    return [_parse_argument(value) if kind == "json" else value for kind, value in values]


def _read_arguments(arguments: tuple[Argument, ...], document: Any) -> list[Argument] | None:
    """The arguments with each path read (Jayway reads them before the function runs), the
    JSON ones still text; None when a path finds nothing."""
    values: list[Argument] = []
    for kind, argument in arguments:
        if kind == "path":
            value = read(document, "$" + argument[1:], _ABSENT)
            if value is _ABSENT:
                return None
            values.append((kind, value))
        else:
            values.append((kind, argument))
    return values


def _parse_argument(text: str) -> Any:
    """A JSON argument as json-smart's permissive parser reads it (``1 2`` is a String)."""
    try:
        return json_arrays(parse_json(text))
    except JsonSmartParseError as error:
        raise JavaException(INVALID_JSON, f"{error.java_class}: {error}") from None


_ABSENT = object()


def _call(compiled: _Compiled, found: list[Any], document: Any, missing: Any) -> Any:
    """Jayway's function (not ``length()``) on what the path selected.

    As for ``length()``, it runs on each match: the value of a definite path, a JSONArray
    of the results after an indefinite one. A path starting with a deep scan is inverted by
    Jayway's compiler (``CompiledPath.invertScannerFunctionRelationship``):
    ``$..b.sum()`` becomes ``sum($..b)``, the function called once on the whole document
    with the scan's matches as its parameter. An IndexOutOfBoundsException (``first()`` of
    an empty array, ``index(i)`` past the end) is dropped for a match reached through an
    array step, as Jayway's ``PathToken.handleArrayIndex`` catches it around the rest of
    the path.
    """
    name, tokens = _function_name(compiled.function or ""), compiled.tokens
    if tokens and tokens[0][0] == "scan":  # the scan replaces the arguments
        return jsonpath_functions.invoke(name, document, [JSONArray(found)])
    if name == "append":
        return _append(compiled, found, document, missing)
    if not found:  # nothing to run on: the arguments are never read
        return JSONArray()
    arguments = _argument_values(compiled.arguments, document)
    if arguments is None:
        return missing
    results = []
    # first() and index(i) may throw IndexOutOfBoundsException: those need the array steps.
    tagged = name in ("first", "index")
    for value, via_array in _evaluate_tagged(tokens, document, open_end=True) if tagged else ((v, False) for v in found):
        try:
            results.append(jsonpath_functions.invoke(name, value, arguments))
        except JavaException as error:
            if not (via_array and error.java_class == jsonpath_functions.INDEX_OUT_OF_BOUNDS):
                raise
    if not compiled.definite:
        return JSONArray(results)
    return results[0] if results else missing


def _append(compiled: _Compiled, found: list[Any], document: Any, missing: Any) -> Any:
    """Jayway's ``append(...)`` on each match: an array gets the arguments added, in the
    document itself, and is returned; anything else is returned as it is, its JSON
    arguments never parsed. The paths among the arguments are read first, for every match
    (a path that finds nothing fails the read, as Jayway's PathNotFoundException); a value
    read is the document's own, not a copy. Case apigateway/realworld/jsonpath-append-function.
    """
    results = []
    for value in found:
        arguments = _read_arguments(compiled.arguments, document)
        if arguments is None:
            return missing
        if isinstance(value, list):
            for kind, argument in arguments:
                value.append(_parse_argument(argument) if kind == "json" else argument)
        results.append(value)
    if not compiled.definite:
        return JSONArray(results)
    return results[0] if results else missing


def _read_chain(compiled: _Compiled, document: Any, missing: Any) -> Any:
    """A path with a function followed by more path (``$.a.first().x``), as Jayway's
    FunctionPathToken runs it: the function's value is a result of the path, and the rest
    of the path reads on from it, adding its own results. A definite path gives the last
    result. Jayway leaves its reader on a no-argument call's ``)``, so the rest starts with
    a property named ``)...`` (:mod:`vtl.apigw.jsonpath_compiler`). Cases
    apigateway/jsonpath/function-then-path*."""
    tokens = compiled.chain or []
    last = tokens[-1]
    inverted = tokens[0][0] == "scan" and last[0] == "scan" and last[1][0] == "call"
    if inverted and not any(_holds_call(token) for token in tokens[:-1]):
        return _inverted_leaf_scan(tokens, document, missing)
    results: list[Any] = []
    try:
        _chain(tokens, 0, document, True, document, results)
    except _NotFound:
        return missing
    if compiled.definite:
        return results[-1] if results else missing
    return JSONArray(results)


def _inverted_leaf_scan(tokens: list[Token], document: Any, missing: Any) -> Any:
    """``$..a..first()``: a path starting with a deep scan and ending in a function is
    inverted by Jayway into the function of the path before it, here one ending in a scan
    of nothing. Reading it fails where the scan is reached (PathToken.next() on a leaf,
    ``$..first()`` always); else it finds nothing, and the function runs on the document
    with that empty list as its argument (``append`` returns the document)."""
    try:
        reached = not tokens[:-1] or bool(_evaluate(tokens[:-1], document, open_end=True))
    except _NotFound:
        return missing
    if reached:
        raise JavaException("java.lang.IllegalStateException", "Current path token is a leaf")
    name = _function_name(tokens[-1][1][1])
    if name == "length":
        return 0
    return jsonpath_functions.invoke(name, document, [JSONArray()])


def _chain(tokens: list[Token], i: int, value: Any, upstream: bool, document: Any, results: list[Any]) -> None:
    """Jayway's depth-first evaluation of ``tokens[i:]`` on ``value``, adding to ``results``.
    An IndexOutOfBoundsException (``first()`` of an empty array) below an array step is
    dropped (``PathToken.handleArrayIndex`` catches it around the rest of the path)."""
    if i == len(tokens):
        results.append(value)
        return
    token, leaf = tokens[i], i == len(tokens) - 1
    if token[0] == "call":
        result = _call_one(token[1], token[2], value, document)
        results.append(result)
        if not leaf:
            _chain(tokens, i + 1, result, upstream, document, results)
        return
    following = upstream and _definite(token, leaf)
    array_step = token[0] in _ARRAY_STEPS and isinstance(value, list)
    for match in _apply(token, value, leaf, upstream):
        try:
            _chain(tokens, i + 1, match, following, document, results)
        except JavaException as error:
            if not (array_step and error.java_class == jsonpath_functions.INDEX_OUT_OF_BOUNDS):
                raise


def _call_one(name: str, arguments: tuple[Argument, ...], value: Any, document: Any) -> Any:
    """Jayway's function ``name`` run on one value (FunctionPathToken.evaluate)."""
    function = _function_name(name)
    if function == "length" and not arguments:
        return len(value) if isinstance(value, (list, dict)) else None
    if function == "length":
        return _length_of_argument(arguments, value, document)
    values = _argument_values(arguments, document)
    if values is None:
        raise _NotFound
    if function == "append":
        if isinstance(value, list):
            value.extend(values)
        return value
    return jsonpath_functions.invoke(function, value, values)


def changes_document(path: str) -> bool:
    """Whether reading ``path`` may change the document: it ends in ``append(...)``. Raises
    like :func:`read` for an invalid path."""
    compiled = _compile(path)
    return compiled.function == "append" or any(token[:2] == ("call", "append") for token in compiled.chain or ())


_ARRAY_STEPS = frozenset(("index", "slice", "wild", "filter"))


def _evaluate_tagged(tokens: list[Token], document: Any, open_end: bool = False) -> list[tuple[Any, bool]]:
    """:func:`_evaluate`, each match with whether the way to it took an array step (an
    index, slice, wildcard or filter applied to an array)."""
    current = [(document, False)]
    upstream_definite = True
    last = len(tokens) - (0 if open_end else 1)
    for i, token in enumerate(tokens):
        leaf = i == last
        following: list[tuple[Any, bool]] = []
        for value, via_array in current:
            step = via_array or (token[0] in _ARRAY_STEPS and isinstance(value, list))
            following.extend((match, step) for match in _apply(token, value, leaf, upstream_definite))
        current = following
        upstream_definite = upstream_definite and _definite(token, leaf)
    return current


def _evaluate(tokens: list[Token], document: Any, open_end: bool = False) -> list[Any]:
    """The matches of ``tokens`` on ``document``; with ``open_end`` the last token is no
    leaf (a function follows it: ``$['a','b'].length()`` iterates the properties, Jayway's
    multiPropertyIterationCase, instead of merging them into one map)."""
    current = [document]
    upstream_definite = True
    last = len(tokens) - (0 if open_end else 1)
    for i, token in enumerate(tokens):
        leaf = i == last
        following: list[Any] = []
        for value in current:
            following.extend(_apply(token, value, leaf, upstream_definite))
        current = following
        upstream_definite = upstream_definite and _definite(token, leaf)
    return current


def _definite(token: Token, leaf: bool) -> bool:
    kind = token[0]
    if kind in ("prop", "function", "call"):
        return True
    if kind == "props":
        return leaf  # several properties at the end merge into one map
    if kind == "index":
        return len(token[1]) == 1
    return False


def _missing(upstream_definite: bool) -> list[Any]:
    """Nothing here: an error under a definite prefix, else just no match (Jayway)."""
    if upstream_definite:
        raise _NotFound
    return []


def _apply(token: Token, value: Any, leaf: bool, upstream: bool) -> list[Any]:
    kind = token[0]
    if kind == "prop":
        if isinstance(value, dict):
            if token[1] in value:
                return [value[token[1]]]
            return [] if leaf else _missing(upstream)
        return _missing(upstream)
    if kind == "props":
        if not isinstance(value, dict):
            return _missing(upstream)
        if leaf:
            return [{name: value[name] for name in token[1] if name in value}]
        return [value[name] for name in token[1] if name in value]
    if kind == "wild":
        if isinstance(value, dict):
            _string_keys(value)
            return list(value.values())
        return list(value) if isinstance(value, list) else []
    if kind == "index":
        if not isinstance(value, list):
            return _missing(upstream)
        size = len(value)
        return [value[i] for i in token[1] if -size <= i < size]
    if kind == "slice":
        if not isinstance(value, list):
            return _missing(upstream)
        return _slice(value, token[1], token[2])
    if kind == "filter":
        if isinstance(value, dict):
            return [value] if _accepts(token[1], value) else []
        if isinstance(value, list):
            return [item for item in value if _accepts(token[1], item)]
        if upstream:
            # Jayway's PredicatePathToken on a scalar (or null) under a definite prefix
            raise JavaException(
                INVALID_PATH,
                "Filter: [?] can not be applied to primitives. Current context is: "
                + ("null" if value is None else str(to_string(value))),
            )
        return []
    if kind == "function":  # `@.tags.length()` in a filter: the function's value
        if token[1] == _NO_FUNCTION:
            return [_FAILED]
        if token[1] == "length":
            return [len(value) if isinstance(value, (list, dict)) else None]
        return [jsonpath_functions.invoke(token[1], value)]
    if kind == "scan":
        found: list[Any] = []
        _scan(token[1], value, leaf, found)
        return found
    raise AssertionError(kind)


def _slice(value: list[Any], start: int | None, end: int | None) -> list[Any]:
    """Jayway's ArraySliceToken, which is no Python slice: ``[from:to]`` walks ``from`` up
    to ``min(length, to)`` without normalising a negative ``from``, each index read as
    Jayway reads one (negative from the end, outside the array skipped), so ``[-2:2]`` of
    three elements is the last two then the first two. Case
    apigateway/jsonpath/slice-negative-start."""
    length = len(value)
    if start is None:  # [:to], a negative `to` counted from the end
        to = end if end is not None else length
        indices = range(min(length, length + to if to < 0 else to))
    elif end is None:  # [from:], a negative `from` counted from the end
        indices = range(max(0, length + start if start < 0 else start), length)
    else:
        indices = range(start, min(length, end))
    return [value[i] for i in indices if -length <= i < length]


def _scan(token: Token, value: Any, leaf: bool, found: list[Any]) -> None:
    """Jayway's deep scan: apply ``token`` at every node, pre-order, then the children."""
    kind = token[0]
    applies = (
        kind == "wild"
        or (kind in ("prop", "props", "filter") and isinstance(value, dict))
        or (kind in ("index", "slice") and isinstance(value, list))
        # Jayway's walkArray tests the filter on the array itself (`@` the array) and, when
        # it holds, filters the elements. Case apigateway/jsonpath/scan-filter-arrays.
        or (kind == "filter" and isinstance(value, list) and _accepts(token[1], value))
    )
    if applies:
        if kind == "prop":
            if token[1] in value:
                found.append(value[token[1]])
        elif kind == "props" and leaf and not all(name in value for name in token[1]):
            # `$..['a','b']` merges only maps holding every name (the scan's
            # PropertyPathTokenPredicate: containsAll). Case apigateway/jsonpath/scan-properties.
            pass
        else:
            found.extend(_apply(token, value, leaf, False))
    if isinstance(value, dict):
        _string_keys(value)
    children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    for child in children:
        _scan(token, child, leaf, found)


def _string_keys(value: dict[Any, Any]) -> None:
    """Jayway walks a map's keys as Strings (``for (String property : getPropertyKeys(m))``):
    a key a template put there that is not one (``#set($m[0] = ...)`` on a parsed object)
    is a ClassCastException. Case apigateway/fuzz/scan-non-string-key (fuzz_apigw seed 9103)."""
    for key in value:
        if type(key) is not str:
            raise class_cast(key, "java.lang.String")


def _accepts(expressions: list[Any], item: Any) -> bool:
    """A filter ``[?(...)]``: every ``&&``-joined expression holds for ``item``."""
    return all(_satisfies(expression, item) for expression in expressions)


def _satisfies(node: Any, item: Any) -> bool:
    """One operand of a filter: an ``||`` or ``&&`` of operands (jsonpath-ng's Or/And,
    holding their operands flat) or a single expression."""
    kind = _boolean_kind(node)
    if kind == "or":
        return any(_satisfies(operand, item) for operand in node.operands)
    if kind == "and":
        return all(_satisfies(operand, item) for operand in node.operands)
    return _holds(node, item)


# The document a path runs on, for a filter's operands that start at the root
# (`[?(@.price > $.limit)]`, Jayway's PathNode on `ctx.root()`).
_ROOT: ContextVar[Any] = ContextVar("jsonpath_root")
_NULL = "__vtl_jsonpath_null__"
_BARE_NULL = re.compile(r"((?:[=!<>]=|[<>])\s*)null\b")


def _holds(expression: Any, item: Any) -> bool:
    """One filter expression, with Jayway's comparison rules.

    ``@.x`` alone tests existence. ``==`` compares a number with a numeric string by value
    (``2 == '2'``); a missing property equals nothing, so ``!=`` holds for it; ``<`` and
    friends compare two numbers or two strings and are false otherwise.
    """
    group = jsonpath_operators.negated(expression.value) if expression.op == "==" else None
    if group is not None:
        # `!(...)`: Jayway's NOT of the group. Case apigateway/jsonpath/filter-not-group.
        return not _accepts(_compile(f"$[?({group})]").tokens[0][1], item)
    tokens = _tokens(expression.target, relative=True)
    if len(tokens) == 1 and tokens[0][0] == "prop" and tokens[0][1].startswith(_LITERAL_MARK):
        literal = _left_literal(tokens[0][1])
        if expression.op == "==" and jsonpath_operators.is_placeholder(expression.value):
            return jsonpath_operators.holds(expression.value, [literal], lambda text: _read_operand(text, item))
        right = _operand(expression.value, item)
        if right is _UNDEFINED:
            return bool(expression.op == "!=")
        _value_node(right)
        equal = jsonpath_operators.equals(literal, right)
        return equal if expression.op == "==" else not equal
    if tokens and tokens[0][0] == "scan" and tokens[0][1][0] == "function":
        # `@..size()`: Jayway's inversion over a scan of nothing (see _inverted_leaf_scan)
        raise JavaException("java.lang.IllegalStateException", "Current path token is a leaf")
    left_item = item
    if expression.op not in (None, "!") and _rooted(expression.target):
        # `[?($.limit == 1)]`: a compared `$` path reads the document, not the item (Jayway's
        # PathNode on ctx.root()). Case apigateway/jsonpath/filter-literal-left.
        left_item = _ROOT.get()
    try:
        found = _evaluate(tokens, left_item)
    except _NotFound:
        found = []
    else:
        present = _all_present(tokens, item, True) if expression.op in (None, "!") else None
        if present is not None:
            return present == (expression.op is None)
        if expression.op in (None, "!") and _indefinite_exists(tokens):
            # Jayway's exists check is a match list that is no UNDEFINED: an indefinite
            # path with no property after its first indefinite step always has one, empty
            # or not (`[?(@..a)]` holds for every item). Case apigateway/jsonpath/filter-indefinite-left.
            return expression.op is None
        if expression.op not in (None, "!") and _indefinite_operand(tokens):
            # Jayway's PathNode of an indefinite path (`@.*`, `@..a`, `@.a[*]`) is the
            # list of all its matches, compared whole: `@.* == 1` never holds. Case
            # apigateway/jsonpath/filter-indefinite-left.
            found = [JSONArray(found)]
    if found and found[0] is _FAILED:
        return False
    if expression.op is None:
        return bool(found)
    if expression.op != "!" and found and isinstance(found[0], KeySetView):
        # keys() compared: Jayway's PathNode has no value node for a set (an existence
        # test, `[?(@.m.keys())]`, needs none)
        raise JavaException(
            jsonpath_functions.JSON_PATH_EXCEPTION,
            f"Could not convert class java.util.LinkedHashMap$LinkedKeySet:{to_string(found[0])} to a ValueNode",
        )
    if expression.op == "!":
        # Jayway's `!@.x`: the path matches nothing (a property holding null exists). Case
        # apigateway/realworld/filter-not-exists, from a deployed template's
        # `[?(@.categories && !@.relateds)]`.
        return not found
    if found:
        _value_node(found[0])
    if expression.op == "==" and jsonpath_operators.is_placeholder(expression.value):
        return jsonpath_operators.holds(expression.value, found, lambda text: _read_operand(text, item))
    right = None if expression.value == _NULL else expression.value
    if _is_path(right):
        right = _operand(right, item)
        if right is _UNDEFINED:  # Jayway's ValueNodes.UNDEFINED equals nothing
            return bool(expression.op == "!=")
        _value_node(right)
    if expression.op in ("==", "!="):
        equal = bool(found) and jsonpath_operators.equals(found[0], right)
        return equal if expression.op == "==" else not equal
    if not found:
        return False
    left = found[0]
    numbers = all(isinstance(v, (int, float, Decimal)) and not isinstance(v, bool) for v in (left, right))
    if not numbers and not (isinstance(left, str) and isinstance(right, str)):
        return False
    return _OPERATORS[expression.op](left, right)


def _rooted(node: Any) -> bool:
    """Whether jsonpath-ng's path ``node`` starts at the root (``$``), not the item."""
    library = _jsonpath_ng()
    while isinstance(node, (library.ng.Child, library.ng.Descendants)):
        node = node.left
    return isinstance(node, library.ng.Root)


def _indefinite_operand(tokens: list[Token]) -> bool:
    """Whether a filter's left path is indefinite (a function ending it keeps its own rules)."""
    if any(token[0] == "function" for token in tokens):
        return False
    last = len(tokens) - 1
    return not all(_definite(token, i == last) for i, token in enumerate(tokens))


def _all_present(tokens: list[Token], value: Any, upstream: bool) -> bool | None:
    """Jayway's exists check (REQUIRE_PROPERTIES) of a path of properties and wildcards
    with a wildcard or several properties in it: a property missing in any branch fails
    it, a branch that is no map is skipped under an indefinite prefix (``[?(@.*.x)]``
    fails for ``{"a":{}}`` and holds for ``{}``); None for other paths."""
    if not all(token[0] in ("prop", "props", "wild") for token in tokens) or all(
        token[0] == "prop" for token in tokens
    ):
        return None
    return _present(tokens, value, upstream)


def _present(tokens: list[Token], value: Any, upstream: bool) -> bool:
    if not tokens:
        return True
    token, rest = tokens[0], tokens[1:]
    if token[0] == "wild":
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        return all(_present(rest, child, False) for child in children)
    names = (token[1],) if token[0] == "prop" else token[1]
    if not isinstance(value, dict):
        return not upstream
    if any(name not in value for name in names):
        return False
    following = upstream and _definite(token, not rest)
    return all(_present(rest, value[name], following) for name in names)


def _indefinite_exists(tokens: list[Token]) -> bool:
    """Whether an exists check on this path holds whenever the path raises no
    PathNotFoundException: it is indefinite and no property follows its first indefinite
    step (with REQUIRE_PROPERTIES, a property missing there would fail the check)."""
    if not _indefinite_operand(tokens):
        return False
    last = len(tokens) - 1
    first = next(i for i, token in enumerate(tokens) if not _definite(token, i == last))
    return not any(token[0] in ("prop", "props") for token in tokens[first + 1:])


def _value_node(value: Any) -> None:
    """Jayway's ``ValueNode.toValueNode`` of a compared path's value: a number becomes
    ``new BigDecimal(value.toString())``, which fails for a Double json-smart read as
    Infinity (``1e400``). Case apigateway/fuzz/filter-infinite-number (fuzz_apigw seed 9100)."""
    if isinstance(value, float) and not math.isfinite(value):
        char = "N" if math.isnan(value) else "I"
        raise JavaException(
            "java.lang.NumberFormatException",
            f'Character {char} is neither a decimal digit number, decimal point, nor "e" notation exponential mark.',
        )


@lru_cache(maxsize=512)
def _compile(path: str) -> _Compiled:
    """``path`` read by Jayway's PathCompiler (:mod:`vtl.apigw.jsonpath_compiler`), its
    filters by :func:`_filter_token`."""
    if not path:
        raise JavaException("java.lang.IllegalArgumentException", "path can not be null or empty")
    _, tokens = jsonpath_compiler.compile_path(path, _filter_token, _arguments)
    return _Compiled(tokens)


# A literal standing alone as a filter's operand (`[?(2)]`, `[?(!true)]`, `[?(@.a && 'x')]`).
_LONE_VALUE = re.compile(
    r"(?:\(|&&|\|\|)\s*(?:!\s*)*(?:-?\d+(?:\.\d+)?(?:[eE]-?\d+)?|'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\""
    r"|true|false|null|\[[^\[\]]*\]|\{[^{}]*\})\s*(?=\)|&&|\|\|)"
)


def _check_word_operands(criteria: str) -> None:
    """Raise Jayway's FilterCompiler error for an operand that is a bare word, which
    jsonpath-ng would read as a property name: ``t...``, ``f...``, ``n...`` are read as the
    literals true, false, null ('Expected boolean literal', 'Expected <null> value'; the
    literal followed by more of a word is no path: 'Expected path node'), any other word
    fails the number it is read as. Case apigateway/jsonpath/filter-word-operand-error."""
    i = 0
    while i < len(criteria):
        char = criteria[i]
        if char in "'\"/":
            i = _literal_end(criteria, i)
            continue
        opens = 1 if char == "(" else 2 if criteria.startswith(("&&", "||"), i) else 0
        i += opens or 1
        if opens:
            start = i
            while start < len(criteria) and criteria[start] in " !":
                start += 1
            _check_word(criteria, start)


def _literal_end(criteria: str, start: int) -> int:
    """The index after the quoted text or ``/regex/`` opening at ``start`` (a backslash
    escapes; no filter path holds a quote or a slash outside brackets)."""
    return jsonpath_operators.closing_quote(criteria, start)


def _check_operand_paths(criteria: str) -> None:
    """Compile each ``@...``/``$...`` operand of a filter as Jayway's FilterCompiler does
    (``readPath`` delimits it, ``PathCompiler.compile`` reads it), raising its errors:
    ``[?(@. == 1)]`` is 'Path must not end with a '.' or '..''. Case
    apigateway/jsonpath/filter-operand-path-error."""
    i = 0
    while i < len(criteria):
        char = criteria[i]
        if char in "'\"/":
            i = _literal_end(criteria, i)
        elif char in "@$" and i > 2:
            end = _operand_path_end(criteria, i)
            jsonpath_compiler.compile_path(criteria[i:end], _filter_token, _arguments)
            i = end
        else:
            i += 1


def _operand_path_end(criteria: str, begin: int) -> int:
    """Where FilterCompiler.readPath ends the path starting at ``begin``: at a relational
    operator's character, a space, or a ``)`` that closes no ``name()`` call."""
    i = begin + 1
    while i < len(criteria):
        if criteria[i] == "[":
            close = _matching_bracket(criteria, i)
            if close == -1:
                raise JavaException(INVALID_PATH, f"Square brackets does not match in filter {criteria}")
            i = close + 1
            if i >= len(criteria):
                break
        char = criteria[i]
        call = char == ")" and criteria[:i].rstrip().endswith("(") and "." in criteria[begin + 1 : i]
        if char in "<>=~! " or (char == ")" and not call):
            break
        i += 1
    return i


def _matching_bracket(text: str, start: int) -> int:
    """CharacterIndex.indexOfMatchingCloseChar for ``[``, quoted text skipped."""
    depth, i = 0, start
    while i < len(text):
        if text[i] in "'\"" and i > start:
            i = jsonpath_operators.closing_quote(text, i)
            continue
        depth += {"[": 1, "]": -1}.get(text[i], 0)
        if depth == 0:
            return i
        i += 1
    return -1


def _check_word(criteria: str, start: int) -> None:
    """:func:`_check_word_operands` for the operand starting at ``start``."""
    word = _WORD.match(criteria, start)
    if word is None:
        return
    literal = {"t": "true", "f": "false", "n": "null"}.get(word[0][0])
    if literal is None:
        raise JavaException(
            INVALID_PATH,
            f"Failed to parse filter: {criteria}, error on position: {start}, char: {criteria[start]}",
        )
    if not criteria.startswith(literal, start):
        raise JavaException(INVALID_PATH, "Expected <null> value" if literal == "null" else "Expected boolean literal")
    if len(word[0]) > len(literal):
        raise JavaException(INVALID_PATH, "Expected path node")


_WORD = re.compile(r"[A-Za-z_]\w*")


def _filter_token(criteria: str) -> Token:
    """The ``("filter", expressions)`` token of ``criteria`` (``[?(...)]``, as Jayway's
    PathCompiler cut it out of the path), parsed by jsonpath-ng after rewriting the Jayway
    syntax it spells differently."""
    text = "$" + criteria
    _check_word_operands(criteria)
    _check_operand_paths(criteria)
    if _LONE_VALUE.search(criteria):
        # FilterCompiler.readExpression: a value with no operator must be a path (an
        # existence test). Case apigateway/jsonpath/filter-lone-value-error.
        raise JavaException(INVALID_PATH, "Expected path node")
    text = _LITERAL_LEFT.sub(_literal_to_right, text)
    text = _LITERAL_OPERATOR_LEFT.sub(_mark_left_literal, text)
    text = jsonpath_operators.rewrite(text)  # `in [...]`, `=~ /.../`: before the bracket check
    text = _FILTER_FUNCTION.sub(_mark_filter_function, text)
    text = _QUOTED_STAR.sub(f"'{_STAR_NAME}'", text)
    bare = _BARE_BRACKET.search(text)
    if bare:
        raise JavaException(
            INVALID_PATH,
            f"Could not parse token starting at position {bare.start()}. Expected ?, ', 0-9, * ",
        )
    text = _bracket_dot_names(text)
    try:
        tokens = parsed_tokens(text)
    except Exception as error:  # noqa: BLE001 - jsonpath-ng raises several unrelated types
        raise JavaException(INVALID_PATH, f"Could not parse filter {criteria!r}: {error}") from None
    if len(tokens) != 1 or tokens[0][0] != "filter":
        raise JavaException(INVALID_PATH, f"Could not parse filter {criteria!r}")
    for expression in tokens[0][1]:
        _compile_groups(expression)
    return tokens[0]


def _compile_groups(node: Any) -> None:
    """Compile each ``!(...)`` group of a filter now, as Jayway's FilterCompiler does (its
    errors are the path's, even where no item is tested)."""
    if _boolean_kind(node) is not None:
        for operand in node.operands:
            _compile_groups(operand)
        return
    group = jsonpath_operators.negated(node.value) if node.op == "==" else None
    if group is not None:
        _compile(f"$[?({group})]")


# `[?(1 == @.x)]`: a literal on a comparison's left, which jsonpath-ng would read as a
# property name; Jayway compares the values, so the comparison is turned round (a number
# with an exponent too: case apigateway/jsonpath/filter-literal-left-json). Case
# apigateway/jsonpath/filter-literal-left.
_LITERAL_LEFT = re.compile(
    r"([(&|]\s*)(-?\d+(?:\.\d+)?(?:[eE]-?\d+)?|'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|true|false|null"
    r"|\{[^{}]*\}|\[[^\[\]]*\])"
    r"\s*(==|!=|<=|>=|<|>)\s*([$@](?:[^\s()\[\]&|]|\[[^\]]*\])*)(?=\s*[)&|])"
)
_MIRRORED = {"==": "==", "!=": "!=", "<": ">", ">": "<", "<=": ">=", ">=": "<="}
# A map or list literal on the left equals nothing (`[?({"a":1} == @.m)]` holds for no item,
# `!=` for every one, `<` for none): compared as a text no value is. Case
# apigateway/jsonpath/filter-literal-left-json.
_NO_VALUE = "'__vtl_jsonpath_no_value__'"


# `[?('admin' in @.roles)]`: a literal on the left of an operator that is no comparison
# (in, nin, anyof, noneof, subsetof, size, empty, contains, ===, !==, =~) cannot be turned
# round; it becomes a marked property that :func:`_holds` reads back as the literal's value.
# Case apigateway/jsonpath/filter-literal-left-operators.
_LITERAL_OPERATOR_LEFT = re.compile(
    r"([(&|]\s*)(-?\d+(?:\.\d+)?(?:[eE]-?\d+)?|'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|true|false|null"
    r"|\{[^{}]*\}|\[[^\[\]]*\])"
    r"(?=\s+(?:nin|in|anyof|noneof|subsetof|size|empty|contains)\s|\s*(?:===|!==|=~))"
)
_LITERAL_MARK = "__vtl_jsonpath_literal_"


def _mark_left_literal(match: re.Match[str]) -> str:
    return f"{match[1]}@.{_LITERAL_MARK}{match[2].encode('utf-8').hex()}"


def _left_literal(name: str) -> Any:
    """The value of a literal :data:`_LITERAL_OPERATOR_LEFT` marked (json-smart reads it,
    single-quoted text too)."""
    return json_arrays(parse_json(bytes.fromhex(name[len(_LITERAL_MARK):]).decode("utf-8")))


def _literal_to_right(match: re.Match[str]) -> str:
    before, literal, operator, path = match.groups()
    if literal[0] in "{[":
        return f"{before}{path} {'!=' if operator == '!=' else '=='} {_NO_VALUE}"
    if operator in ("==", "!="):
        # equality is the left node's (`'1' == @.x` is false for 1.0, `1 == @.x` true for
        # "1.0"): the literal stays on the left, marked. Case apigateway/jsonpath/filter-literal-left.
        return f"{before}@.{_LITERAL_MARK}{literal.encode('utf-8').hex()} {operator} {path}"
    return f"{before}{path} {_MIRRORED[operator]} {literal}"


# `['*']` is the property named `*` to Jayway (only the bare `*` and `[*]` are wildcards);
# jsonpath-ng reads both as a wildcard, so the quoted one is renamed before parsing. Case
# apigateway/jsonpath/quoted-star-property.
_STAR_NAME = "__vtl_jsonpath_star__"
_QUOTED_STAR = re.compile(r"(?<=[\[,])(\s*)(['\"])\*\2")

# A function ending a path inside a filter (`[?(@.tags.length() > 0)]`), which jsonpath-ng
# cannot parse: it becomes a field of this name, read back as a ("function", name) token.
_FUNCTION_MARK = "__vtl_jsonpath_function_"
# No space inside the parentheses here: Jayway's filter parser rejects it.
_FILTER_FUNCTION = re.compile(r"([@$](?:\.\.?[A-Za-z_][\w-]*|\[[^\]]*\]|\.(?=\.))*)\.([A-Za-z_]\w*)\(\)")
# A name Jayway does not know: in a filter, where the path before it exists, every test of
# the operand is false (`!=` too); where it does not, the operand is undefined as usual.
_NO_FUNCTION = "?"
_FAILED = object()


def _mark_filter_function(match: re.Match[str]) -> str:
    name = match[2]
    known = name in ("length", "size") or name in jsonpath_functions.FUNCTIONS
    return f"{match[1]}.{_FUNCTION_MARK}{_function_name(name) if known else _NO_FUNCTION}"


_PLAIN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_DOT_NAME_END = re.compile(r"[.\[( ]")
# In a filter a path also ends at a space, a relational operator or the filter's end, but
# not at `&` or `|`: Jayway reads `@.a&&@.b` as the one path @['a&&@'].b.
_FILTER_NAME_END = re.compile(r"[.\[( )=!<>~]")


def _bracket_dot_names(text: str) -> str:
    """``text`` with each ``.name`` that jsonpath-ng would not read as that property
    (``.cognito:groups``, ``.$metadata``, ``.it's``, ``.1st``, ``.ü``, ``.a,b``, ``.where``)
    written ``['name']``. Jayway's dot notation takes every character up to ``.``, ``[`` or
    ``(`` as the name (PathCompiler.readPropertyOrFunctionToken) and rejects a space; in a
    filter's ``@...`` path the name also ends at a space or a relational operator (so
    ``@.a&&@.b``, with no spaces, is one path to Jayway, as here). Case
    apigateway/realworld/path-key-from-payload (a deployed template builds
    ``$input.json("$.detail.responsePayload.$responseKey")``)."""
    out, i, depth, in_filter_path = [text[0]], 1, 0, False
    while i < len(text):
        char = text[i]
        if char in "'\"" and depth:
            end = _quoted_end(text, i)
            out.append(text[i:end])
            i = end
            continue
        depth += {"[": 1, "(": 1, "]": -1, ")": -1}.get(char, 0)
        if depth and char == "@":
            in_filter_path = True
        elif depth and char in " )=!<>~&|,":
            in_filter_path = False
        if char != "." or (depth and not in_filter_path):
            out.append(char)
            i += 1
            continue
        name, end = _dot_name(text, i, depth > 0)
        out.append(name)
        i = end
    return "".join(out)


def _dot_name(text: str, dot: int, in_filter: bool) -> tuple[str, int]:
    """The ``.name`` (or ``..name``) at ``dot`` as jsonpath-ng should read it, and its end."""
    dots = 2 if text.startswith("..", dot) else 1
    start = dot + dots
    end_match = (_FILTER_NAME_END if in_filter else _DOT_NAME_END).search(text, start)
    end = end_match.start() if end_match else len(text)
    name = text[start:end]
    if not in_filter and end < len(text) and text[end] == " ":
        raise JavaException(INVALID_PATH, "Use bracket notion ['my prop'] if your property "
                            f"contains blank characters. position: {start}")
    plain = _PLAIN_NAME.fullmatch(name) and name not in _NOT_FIELDS
    # In a filter Jayway reads a quote as the start of a string: no name holds one.
    if not name or name == "*" or plain or (in_filter and ("'" in name or '"' in name)):
        return text[dot:end], end
    quoted = name.replace("\\", "\\\\").replace("'", "\\'")
    return f"{'..' if dots == 2 else ''}['{quoted}']", end


def _quoted_end(text: str, start: int) -> int:
    """The index after the quoted text opening at ``start`` (a backslash escapes)."""
    i = start + 1
    while i < len(text) and text[i] != text[start]:
        i += 2 if text[i] == "\\" else 1
    return i + 1


# `$.a.b.c` with plain names: the tokens jsonpath-ng would give, without loading it. The
# names exclude the words jsonpath-ng's lexer reads as something else than a field (its
# reserved words and literals); tests/apigw/test_fast_path_equivalence.py checks this path
# against jsonpath-ng's on generated paths.
_DOTTED = re.compile(r"\$(?:\.[A-Za-z_][A-Za-z0-9_]*)+")
_NOT_FIELDS = frozenset({"where", "wherenot", "true", "false", "null"})


def dotted_tokens(text: str) -> list[Token] | None:
    """The tokens of a path of plain property names (``$.a.b``), or None for any other."""
    if _DOTTED.fullmatch(text) is None:
        return None
    names = text[2:].split(".")
    if not _NOT_FIELDS.isdisjoint(names):
        return None
    return [("prop", name) for name in names]


def parsed_tokens(text: str) -> list[Token]:
    """The tokens of a path (``$``-rooted) as jsonpath-ng parses it (raises if it cannot)."""
    ng_parse = _jsonpath_ng().parse
    return _tokens(ng_parse(_BARE_NULL.sub(rf"\1'{_NULL}'", text.replace("&&", _filter_and()))))


class _JsonpathNg:
    """jsonpath-ng, imported on the first path that is not ``$`` or ``$.a.b`` (its parser
    tables cost start-up time that most templates never need)."""

    def __init__(self) -> None:
        from jsonpath_ng import jsonpath as ng
        from jsonpath_ng.ext import filter as ext_filter
        from jsonpath_ng.ext.filter import Filter
        from jsonpath_ng.ext.parser import parse

        self.ng = ng
        self.Filter = Filter
        self.parse = parse
        # The node jsonpath-ng ≥ 1.9 uses for `*`; older versions have no such class.
        self.wildcard: type | None = getattr(ng, "Wildcard", None)
        # The `||` node (and `&&` under it) of a filter (jsonpath-ng ≥ 1.13, pyproject.toml).
        self.Or: type = ext_filter.Or
        self.And: type = ext_filter.And


@lru_cache(maxsize=1)
def _jsonpath_ng() -> _JsonpathNg:
    return _JsonpathNg()


@lru_cache(maxsize=1)
def _filter_and() -> str:
    """How the installed jsonpath-ng spells a filter's "and": ``&&`` (newer versions, which
    deprecate ``&``) or ``&`` (older ones, which know no ``&&``)."""
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _jsonpath_ng().parse("$[?(@.a == 1 && @.b == 2)]")
        return "&&"
    except Exception:  # noqa: BLE001 - jsonpath-ng raises several unrelated types
        return "&"



_UNDEFINED = object()


def _read_operand(text: str, item: Any) -> Any:
    """The value of the path ``text`` a list operator compares with: ``$...`` on the
    document, ``@...`` on the item (None where nothing is found)."""
    if text.startswith("@"):
        return read(item, "$" + text[1:])
    return read(_ROOT.get(), text)


def _is_path(value: Any) -> bool:
    """Whether a filter's right-hand side is a path (jsonpath-ng's node), not a literal."""
    return not isinstance(value, (str, int, float, Decimal, bool)) and value is not None


def _operand(node: Any, item: Any) -> Any:
    """The value of a path on a comparison's right (``$.limit``, ``@.max``): Jayway reads a
    ``$`` path on the document and an ``@`` path on the item; a definite path gives its
    value, an indefinite one the list of matches, nothing found is UNDEFINED."""
    library = _jsonpath_ng()
    start = node
    while isinstance(start, (library.ng.Child, library.ng.Descendants)):
        start = start.left
    document = _ROOT.get() if isinstance(start, library.ng.Root) else item
    tokens = _tokens(node, relative=True)
    try:
        found = _evaluate(tokens, document)
    except _NotFound:
        return _UNDEFINED
    if all(_definite(token, i == len(tokens) - 1) for i, token in enumerate(tokens)):
        return found[0] if found else _UNDEFINED
    return JSONArray(found)


def _tokens(node: Any, relative: bool = False) -> list[Token]:
    """Flatten jsonpath-ng's tree into Jayway's token chain."""
    library = _jsonpath_ng()
    ng, wildcard = library.ng, library.wildcard
    if isinstance(node, ng.Root) or (relative and isinstance(node, ng.This)):
        return []
    if isinstance(node, ng.Child):
        return _tokens(node.left, relative) + _tokens(node.right, relative)
    if isinstance(node, ng.Descendants):
        right = _tokens(node.right, relative)
        return _tokens(node.left, relative) + [("scan", right[0])] + right[1:]
    if wildcard is not None and isinstance(node, wildcard):
        return [("wild",)]  # jsonpath-ng ≥ 1.9 parses `*` and `[*]` as Wildcard()
    if isinstance(node, ng.Fields):
        if node.fields == ("*",):  # jsonpath-ng < 1.9
            return [("wild",)]
        if len(node.fields) == 1 and node.fields[0].startswith(_FUNCTION_MARK):
            return [("function", node.fields[0][len(_FUNCTION_MARK):])]
        fields = tuple("*" if field == _STAR_NAME else field for field in node.fields)
        return [("prop", fields[0])] if len(fields) == 1 else [("props", fields)]
    if isinstance(node, ng.Index):
        return [("index", tuple(node.indices))]
    if isinstance(node, ng.Slice):
        if node.start is None and node.end is None:
            # `[:]`, `[::2]`: Jayway's ArraySliceOperation needs a from or a to (jsonpath-ng
            # ≥ 1.9 reads `[*]` as a Wildcard, not as this slice)
            raise ValueError("Failed to parse SliceOperation")
        # Jayway's ArraySliceOperation reads the text up to a second ':' and ignores a
        # step (`[0:4:2]` is `[0:4]`). Case apigateway/jsonpath/slice-step-ignored.
        return [("slice", node.start, node.end)]
    if isinstance(node, library.Filter):
        for expression in node.expressions:
            _check_filter_operand(expression)
        return [("filter", list(node.expressions))]
    raise ValueError(f"{node!r} is not supported")


def _check_filter_operand(node: Any) -> None:
    """Raise for what a filter may not hold (an unsupported operator, a path we cannot read)."""
    if _boolean_kind(node) is not None:
        for operand in node.operands:
            _check_filter_operand(operand)
        return
    if node.op is not None and node.op != "!" and node.op not in _OPERATORS:
        raise ValueError(f"filter operator {node.op} is not supported")
    _tokens(node.target, relative=True)


def _boolean_kind(node: Any) -> str | None:
    """"or"/"and" for jsonpath-ng's ``||``/``&&`` operand nodes, None for an expression."""
    library = _jsonpath_ng()
    if isinstance(node, library.Or):
        return "or"
    if isinstance(node, library.And):
        return "and"
    return None

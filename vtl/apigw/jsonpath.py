"""JSONPath as API Gateway evaluates it (Jayway JsonPath 2.10.0).

API Gateway's ``$input.json(x)`` and ``$input.path(x)`` use Jayway JsonPath. A path is read
as Jayway's PathCompiler reads it (:mod:`vtl.apigw.jsonpath_compiler`, with its errors), a
filter ``[?(...)]`` as its FilterCompiler reads it (:mod:`vtl.apigw.jsonpath_filter`, whose
comparisons are :mod:`vtl.apigw.jsonpath_evaluators` on :mod:`vtl.apigw.jsonpath_values`).
This module walks the tokens over a document by Jayway's rules, which differ from a plain
list of matches (checked against the real jar: tests/apigw/data/path.json):

- a **definite** path (only properties and single indexes: ``$.a.b``, ``$['a'][0]``)
  yields the value itself, or nothing when nothing is there (Jayway throws
  PathNotFoundException: ``$input.path`` gives null, ``$input.json`` ``""``);
- an **indefinite** path (``..``, ``*``, ``[?(...)]``, slices, several indexes) yields a
  :class:`~vtl.apigw.jsonsmart.JSONArray` of every match, possibly empty;
- a path not starting with ``$`` or ``@`` is read as ``$.`` + path (Jayway's rule);
- a function may be followed by more path (``$.a.first().x``, :func:`_read_chain`);
- a property missing under a definite prefix (``$.missing.x``, ``$.a.b`` on a string) is
  not found, even in an otherwise indefinite path (Jayway's PathNotFoundException);
- a filter's path operand is read as a whole path on the item (``@``) or the document
  (``$``): its value, the JSONArray of its matches, or UNDEFINED (:class:`_PredicateContext`);
  alone it is an exists check (:func:`_exists`);
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
- slices are Jayway's (``[-2:2]`` walks -2, -1, 0, 1; a step is ignored); a deep scan
  tests a filter on each array too, filtering its elements when it holds.
"""
from __future__ import annotations

from contextvars import ContextVar
from functools import lru_cache
from typing import Any

from vtl.apigw import jsonpath_compiler, jsonpath_filter, jsonpath_functions
from vtl.apigw.jsonpath_values import UNDEFINED, PathNode
from vtl.apigw.jsonsmart import JSONArray, JsonSmartParseError, json_arrays
from vtl.apigw.jsonsmart import parse as parse_json
from vtl.java import to_string
from vtl.java.characters import is_digit
from vtl.java.objects import class_cast
from vtl.java.registry import JavaException

__all__ = ["ANY_INDEX", "changes_document", "location", "read"]

INVALID_PATH = "com.jayway.jsonpath.InvalidPathException"
INVALID_JSON = "com.jayway.jsonpath.InvalidJsonException"
# A function's argument: ("path", "$.a") read on the document, or ("value", a JSON literal).
Argument = tuple[str, Any]


class _NotFound(Exception):
    """Jayway's PathNotFoundException: nothing at the path."""


# A path is a list of tokens, each a tuple whose first item names its kind:
# ("prop", name), ("props", names), ("wild",), ("index", indices), ("slice", start, end),
# ("filter", expression), ("scan", token), ("call", name, arguments).
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
        # A path starting with a scan is the function's argument, a path of its own (Jayway
        # inverts it): its last token is a leaf. Otherwise the function follows the last token.
        inverted = bool(compiled.tokens) and compiled.tokens[0][0] == "scan"
        found = _evaluate(compiled.tokens, document, open_end=compiled.function is not None and not inverted)
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
    """``length(...)`` with arguments on each match (:func:`_length_of_argument`). A match
    whose argument finds nothing (PathNotFoundException) is dropped where a wildcard on an
    array led to it (WildcardPathToken catches the exception for each element), else the
    read finds nothing. Every match reads the argument with one wildcard appended (recorded:
    ``$.m[0,1].length($.b.x)`` is ``[3,3]``, not a second wildcard for the second match).
    Case apigateway/jsonpath/function-argument-not-found-wildcard."""
    results = []
    tagged = _evaluate_tagged(compiled.tokens, document, open_end=True, steps=_WILDCARD_STEP)
    for value, via_wildcard in tagged:
        try:
            results.append(_length_of_argument(compiled.arguments, value, document))
        except _NotFound:
            if not via_wildcard:
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
    apigateway/jsonpath/length-path-argument."""
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
        return _arguments_not_found(compiled, document, missing)
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
            return _arguments_not_found(compiled, document, missing)
        if isinstance(value, list):
            for kind, argument in arguments:
                value.append(_parse_argument(argument) if kind == "json" else argument)
        results.append(value)
    if not compiled.definite:
        return JSONArray(results)
    return results[0] if results else missing


def _arguments_not_found(compiled: _Compiled, document: Any, missing: Any) -> Any:
    """What a read gives when a function's path argument finds nothing (PathNotFoundException
    on every call): nothing found, unless every match was reached through a wildcard on an
    array (WildcardPathToken drops the exception for each element): then no result."""
    tagged = _evaluate_tagged(compiled.tokens, document, open_end=True, steps=_WILDCARD_STEP)
    if all(via_wildcard for _, via_wildcard in tagged) and not compiled.definite:
        return JSONArray()
    return missing


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
    with that empty list as its argument (``append`` returns the document). The function is
    looked up first (FunctionPathToken.evaluate): ``$..nope()`` is "Function with name: nope
    does not exist."."""
    name = _function_name(tokens[-1][1][1])
    try:
        reached = not tokens[:-1] or bool(_evaluate(tokens[:-1], document, open_end=True))
    except _NotFound:
        return missing
    if reached:
        raise JavaException("java.lang.IllegalStateException", "Current path token is a leaf")
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
        except _NotFound:
            # WildcardPathToken drops a PathNotFoundException for each array element
            if not (token[0] == "wild" and isinstance(value, list)):
                raise


def _call_one(name: str, arguments: tuple[Argument, ...], value: Any, document: Any) -> Any:
    """Jayway's function ``name`` run on one value (FunctionPathToken.evaluate)."""
    function = _function_name(name)
    if function == "length" and not arguments:
        return len(value) if isinstance(value, (list, dict)) else None
    if function == "length":
        return _length_of_argument(arguments, value, document)
    if function == "append":
        # as _append: the JSON arguments are parsed only for an array
        read = _read_arguments(arguments, document)
        if read is None:
            raise _NotFound
        if isinstance(value, list):
            value.extend(_parse_argument(argument) if kind == "json" else argument for kind, argument in read)
        return value
    values = _argument_values(arguments, document)
    if values is None:
        raise _NotFound
    return jsonpath_functions.invoke(function, value, values)


def changes_document(path: str) -> bool:
    """Whether reading ``path`` may change the document: it ends in ``append(...)``. Raises
    like :func:`read` for an invalid path."""
    compiled = _compile(path)
    return compiled.function == "append" or any(token[:2] == ("call", "append") for token in compiled.chain or ())


_ARRAY_STEPS = frozenset(("index", "slice", "wild", "filter"))
_WILDCARD_STEP = frozenset(("wild",))


def _evaluate_tagged(
    tokens: list[Token], document: Any, open_end: bool = False, steps: frozenset[str] = _ARRAY_STEPS
) -> list[tuple[Any, bool]]:
    """:func:`_evaluate`, each match with whether the way to it took one of ``steps`` applied
    to an array (by default an index, slice, wildcard or filter)."""
    current = [(document, False)]
    upstream_definite = True
    last = len(tokens) - (0 if open_end else 1)
    for i, token in enumerate(tokens):
        leaf = i == last
        following: list[tuple[Any, bool]] = []
        for value, via_array in current:
            step = via_array or (token[0] in steps and isinstance(value, list))
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
        if token[0] == "scan" and i + 1 == last < len(tokens) and tokens[last][0] in ("prop", "wild"):
            for value in current:
                following.extend(_scan_then_leaf(token, tokens[last], value))
            return following
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
                f"Filter: {token[2] if len(token) > 2 else '[?]'} can not be applied to primitives. Current context is: "
                + ("null" if value is None else str(to_string(value))),
            )
        return []
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


def _scan(
    token: Token, value: Any, leaf: bool, found: list[Any], indexes: list[int] | None = None, state: int = -1
) -> int:
    """Jayway's deep scan (ScanPathToken.walk): apply ``token`` at every node, pre-order,
    then the children. Where the path goes on after ``token`` (not ``leaf``), an array the
    token would apply to is not given to it: walkArray hands each element straight to the
    next token (``$..[0].x`` reads ``x`` of every element of every array, ``$..[?(...)].x``
    of every element of an array the filter accepts), first setting that token's
    upstreamArrayIndex to the element's index. With ``indexes``, each match's
    upstreamArrayIndex at the time is recorded (``state``: the index before this node;
    the index after it is returned). Cases apigateway/jsonpath/scan-array-next-token*."""
    kind = token[0]
    applies = (
        kind == "wild"
        or (kind in ("prop", "props", "filter") and isinstance(value, dict))
        or (kind in ("index", "slice") and isinstance(value, list))
        # Jayway's walkArray tests the filter on the array itself (`@` the array) and, when
        # it holds, filters the elements. Case apigateway/jsonpath/scan-filter-arrays.
        or (kind == "filter" and isinstance(value, list) and _accepts(token[1], value))
    )
    before = len(found)
    if applies:
        if isinstance(value, list) and not leaf:
            for index, child in enumerate(value):
                found.append(child)
                if indexes is not None:
                    indexes.append(index)
                state = index
            before = len(found)
        elif kind == "prop":
            if token[1] in value:
                found.append(value[token[1]])
        elif kind == "props" and leaf and not all(name in value for name in token[1]):
            # `$..['a','b']` merges only maps holding every name (the scan's
            # PropertyPathTokenPredicate: containsAll). Case apigateway/jsonpath/scan-properties.
            pass
        else:
            found.extend(_apply(token, value, leaf, False))
    if indexes is not None:
        indexes.extend([state] * (len(found) - before))
    if isinstance(value, dict):
        _string_keys(value)
    children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    for child in children:
        state = _scan(token, child, leaf, found, indexes, state)
    return state


def _scan_then_leaf(scan: Token, leaf: Token, value: Any) -> list[Any]:
    """A deep scan followed by the path's last token, a property or a wildcard: Jayway's
    PathToken.handleObjectProperty adds a map's property as a result only when that token's
    upstreamArrayIndex (see :func:`_scan`) is unset (-1) or names the scanned token itself
    (``[i]`` after ``$..[i]``). So ``$..*.*`` leaves out the properties of maps read after
    an array was walked, ``$..[0].b`` reads ``b`` only of maps at index 0. Jayway keeps the
    index on its compiled path, which it caches: a second read of the same path in the same
    JVM starts from the index the first left (not modelled: each read starts unset)."""
    found: list[Any] = []
    indexes: list[int] = []
    _scan(scan[1], value, False, found, indexes)
    target = scan[1]
    own = target[1][0] if target[0] == "index" and len(target[1]) == 1 else None
    results: list[Any] = []
    for match, index in zip(found, indexes):
        kept = index in (-1, own)
        if isinstance(match, dict):
            if leaf[0] == "prop" and leaf[1] in match and kept:
                results.append(match[leaf[1]])
            elif leaf[0] == "wild" and kept:
                _string_keys(match)
                results.extend(match.values())
        elif leaf[0] == "wild" and isinstance(match, list):
            results.extend(match)
    return results


def _string_keys(value: dict[Any, Any]) -> None:
    """Jayway walks a map's keys as Strings (``for (String property : getPropertyKeys(m))``):
    a key a template put there that is not one (``#set($m[0] = ...)`` on a parsed object)
    is a ClassCastException. Case apigateway/fuzz/scan-non-string-key (fuzz_apigw seed 9103)."""
    for key in value:
        if type(key) is not str:
            raise class_cast(key, "java.lang.String")



def _accepts(expression: jsonpath_filter.Expression, item: Any) -> bool:
    """A filter ``[?(...)]`` tested on ``item`` (Jayway's PredicatePathToken.accept)."""
    return jsonpath_filter.accepts(expression, _PredicateContext(item))


# The document a path runs on, for a filter's operands that start at the root
# (`[?(@.price > $.limit)]`, Jayway's PathNode on `ctx.root()`).
_ROOT: ContextVar[Any] = ContextVar("jsonpath_root")


class _PredicateContext:
    """Jayway's PredicateContextImpl for one item: what a filter's path operands read."""

    __slots__ = ("item",)

    def __init__(self, item: Any) -> None:
        self.item = item

    def value(self, node: PathNode) -> Any:
        """PathNode.evaluate's read: a ``$`` path on the document, an ``@`` path on the item;
        a definite path's value, an indefinite one's JSONArray of matches; UNDEFINED where
        Jayway's PathNotFoundException is thrown."""
        document = _ROOT.get() if node.rooted else self.item
        return _read_compiled(node.compiled, document, UNDEFINED)

    def exists(self, node: PathNode) -> bool:
        """The exists check of ``[?(@.a)]`` / ``[?(!@.a)]``, on the item (a ``$`` path too)."""
        return _exists(node.compiled, self.item)

    def compile_path(self, text: str) -> Any:
        return _compile(text)


def _exists(compiled: _Compiled, item: Any) -> bool:
    """PathNode's exists check: the path read on ``item`` with REQUIRE_PROPERTIES throws no
    PathNotFoundException. A property holding null exists (case
    apigateway/realworld/filter-not-exists); see :func:`_all_present` and
    :func:`_indefinite_exists` for indefinite paths."""
    if compiled.function is not None or compiled.chain is not None:
        return _read_compiled(compiled, item, _ABSENT) is not _ABSENT
    tokens = compiled.tokens
    try:
        found = _evaluate(tokens, item)
    except _NotFound:
        return False
    present = _all_present(tokens, item, True)
    if present is not None:
        return present
    if _indefinite_exists(tokens):
        # an indefinite path with no property after its first indefinite step always has
        # a match list (`[?(@..a)]` holds for every item). Case
        # apigateway/jsonpath/filter-indefinite-left.
        return True
    return bool(found)


def _indefinite(tokens: list[Token]) -> bool:
    """Whether Jayway calls a path of these tokens indefinite."""
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
    if not _indefinite(tokens):
        return False
    last = len(tokens) - 1
    first = next(i for i, token in enumerate(tokens) if not _definite(token, i == last))
    return not any(token[0] in ("prop", "props") for token in tokens[first + 1:])


@lru_cache(maxsize=512)
def _compile(path: str) -> _Compiled:
    """``path`` read by Jayway's PathCompiler (:mod:`vtl.apigw.jsonpath_compiler`), its
    filters by its FilterCompiler (:mod:`vtl.apigw.jsonpath_filter`)."""
    if not path:
        raise JavaException("java.lang.IllegalArgumentException", "path can not be null or empty")
    _, tokens = jsonpath_compiler.compile_path(path, _filter_token, _arguments)
    return _Compiled(tokens)


def _filter_token(criteria: str) -> Token:
    """The token of a filter ``[?(...)]``: FilterCompiler's expression, its operand paths
    compiled by :func:`_compile`."""
    return ("filter", jsonpath_filter.compile_filter(criteria, _compile))

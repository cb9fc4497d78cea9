"""Jayway's filter operators that jsonpath-ng cannot parse: ``in``, ``nin``, ``anyof``,
``noneof``, ``subsetof``, ``size``, ``empty``, ``contains``, ``=~``, ``===`` and ``!==``,
and comparisons whose right side is a path with a deep scan or a wildcard.

``[?(@.status in ['NEW', 'HOLD'])]`` is Jayway JsonPath (what API Gateway's ``$input.path``
and ``$input.json`` run) but no syntax jsonpath-ng knows. :func:`rewrite` replaces each such
comparison, outside quoted text, by ``== '<placeholder>'``, which jsonpath-ng parses; the
placeholder carries the operator and its right-hand side's text (nothing is kept in between),
and :func:`holds` answers the comparison when the filter meets it. The rules are Jayway's ``EvaluatorFactory``, checked
against the real jar (tests/apigw/data/path.json):

- a value equals a list element as Jayway's ``ValueNode.equals`` has it, the value on the
  left: a number equals a number or a numeric string of the same value (``2 == '2.0'``); a
  string equals a string, or a number whose ``BigDecimal`` text is that string (``'2'`` is
  not ``2.0``); booleans and null only themselves; a map or a list an equal map or list
  (Java's ``equals``: ``1`` is not ``1.0``);
- ``in``/``nin``: the value is (is not) one of the list's; a missing value is in no list;
- the list may be a path (``in $.names``, ``anyof @.allowed``), read on the document or the
  item; when it finds no list every test fails, ``nin`` too;
- ``anyof``/``noneof``/``subsetof``: the value must be a list, compared element by element;
- ``== [...]``/``!= {...}``: a literal list or map (json-smart's syntax) equals a list or
  map with Java's ``equals``; a missing value is unequal; ``<`` and friends never hold;
- ``== $..x``/``< @.a.*``: a path with a deep scan or a wildcard on the right is the list of
  its matches, compared as a literal list is;
- a right side of a type the operator cannot use (``in 'x'``, ``anyof 1``, ``size 'a'``,
  ``empty @.x``) never holds, ``nin`` neither: Jayway's evaluator throws an
  InvalidPathException that its filter reads as a failed test;
- ``contains``: a string holds the right string, a list an element equal to the right value;
- ``===``/``!==``: equal only between values of one value-node class (number, string,
  boolean, null, JSON), then as ``==``; a missing value is ``!==`` anything;
- ``anyof``/``noneof``/``subsetof``/``contains`` on a list holding a map or a list: Jayway's
  ValueListNode has no type for it, a JsonPathException;
- ``size n``: a string of n UTF-16 units or a list of n elements (``n`` as ``intValue()``);
- ``empty true|false``: whether a string or a list is empty equals the boolean; a map throws
  ClassCastException (Jayway casts it to a Collection); anything else, a missing value or a
  right side that is no boolean never holds;
- ``=~ /regex/flags``: the whole text matches (Java regex); a number is its ``BigDecimal``
  text, a boolean ``true``/``false``, anything else (null, a map, a missing value) the
  empty string; a list matches when one of its elements does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from vtl.apigw.jsonsmart import parse as parse_json
from vtl.apigw.jsonsmart import to_utf16
from vtl.java.doubles import double_to_string
from vtl.java.objects import java_equals
from vtl.java.regex import compile_java
from vtl.java.registry import JavaException

__all__ = ["PathOperand", "closing_quote", "equals", "holds", "is_placeholder", "negated", "rewrite"]

INVALID_PATH = "com.jayway.jsonpath.InvalidPathException"
_PREFIX = "__vtl_jsonpath_operator_"
# The operator, with the spaces Jayway needs around a word operator; `=~` needs none.
_OPERATOR = re.compile(
    r"\s*(===|!==)\s*|\s+(nin|in|anyof|noneof|subsetof|size|empty|contains)\s+|\s*(=~)\s*|\s*(==|!=|<=|>=|<|>)\s*(?=[\[{/])"
    r"|\s*(==|!=|<=|>=|<|>)\s*(?=[$@][^\s()]*(?:\.\.|\*))"
    r"|\s*(==|!=|<=|>=|<|>)\s*(?=-?\d+(?:\.\d+)?[eE]-?\d+(?![\w.+]))"
)
# `== 1e2`: a number with an exponent, which jsonpath-ng cannot read: Jayway's NumberNode
# is its BigDecimal (`"1E+2" == 1e2`, `"100" != 1e2`). Case apigateway/jsonpath/filter-exponent-number.
_NUMBER_OPERATORS = {"==": "numequal", "!=": "numunequal", "<": "numlt", "<=": "numle", ">": "numgt", ">=": "numge"}
_EXPONENT_RIGHT = re.compile(r"(?:[=!<>]=|[<>])\s*-?\d+(?:\.\d+)?[eE]-?\d+")
_EXPONENT_NUMBER = re.compile(r"-?\d+(?:\.\d+)?[eE]-?\d+")
# `== [...]` / `!= {...}`: a literal list or map compared as a JSON node (never ordered).
_NODE_OPERATORS = {
    "==": "equal", "!=": "unequal", "<=": "ordered", ">=": "ordered", "<": "ordered", ">": "ordered",
}
# `== $..limit`, `< @.a.*`: a path jsonpath-ng cannot parse as a comparison's right side (a
# deep scan or a wildcard): Jayway reads it as the list of its matches (PathNode).
_PATH_OPERATORS = {
    "==": "pathequal", "!=": "pathunequal", "<=": "pathordered", ">=": "pathordered", "<": "pathordered",
    ">": "pathordered",
}
# `===`/`!==`: Jayway's TypeSafeEqualsEvaluator, equal only between value nodes of one class.
_STRICT_OPERATORS = {"===": "strictequal", "!==": "strictunequal"}
_INDEFINITE_OPERAND = re.compile(r"(?:[=!<>]=|[<>])\s*[$@][^\s()]*(?:\.\.|\*)")
# Operators that read their left side as Jayway's ValueListNode (asValueListNode).
_LEFT_LIST_OPERATORS = frozenset({"contains", "anyof", "noneof", "subsetof"})
_LIST_OPERATORS = frozenset({"in", "nin", "anyof", "noneof", "subsetof"})
_FLAGS = {"i": "i", "m": "m", "s": "s", "x": "x"}
# BigDecimal(String)'s syntax (Python's Decimal also takes spaces, "NaN" and "Infinity").
_JAVA_DECIMAL = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")



def rewrite(path: str) -> str:
    """``path`` with every comparison by an operator of this module replaced by
    ``== '<placeholder>'`` (text inside quotes is left alone)."""
    if (
        "=~" not in path
        and "!(" not in path
        and "===" not in path
        and "!==" not in path
        and not any(f" {op} " in path for op in _LIST_OPERATORS | {"size", "empty", "contains"})
        and not _NODE_LITERAL.search(path)
        and not _INDEFINITE_OPERAND.search(path)
        and not _EXPONENT_RIGHT.search(path)
    ):
        return path
    first_filter = path.find("[?")
    if first_filter < 0:
        return path
    out: list[str] = []
    i = 0
    while i < len(path):
        char = path[i]
        if char in "'\"":
            end = closing_quote(path, i)
            out.append(path[i:end])
            i = end
            continue
        if char == "!" and path.startswith("!(", i) and i > first_filter and _starts_expression(path, i):
            # `!(...)`: Jayway's logical NOT of a group, which jsonpath-ng cannot parse;
            # the group is kept as text and evaluated when the filter meets it.
            end = _closing_parenthesis(path, i + 1)
            raw = path[i + 2:end - 1].encode("utf-8").hex()
            out.append(f"@ == '{_PREFIX}not_{raw}__'")
            i = end
            continue
        match = _OPERATOR.match(path, i)
        if match is None or i < first_filter:
            out.append(char)
            i += 1
            continue
        operator = (
            _STRICT_OPERATORS.get(match.group(1) or "") or match.group(2) or match.group(3)
            or (_NODE_OPERATORS[match.group(4)] if match.group(4)
                else _PATH_OPERATORS[match.group(5)] if match.group(5) else _NUMBER_OPERATORS[match.group(6)])
        )
        _, end = _right_side(path, match.end(), operator)  # raises for a malformed one
        # The placeholder carries the operator and its text (hex: no quote can end it).
        raw = path[match.end():end].encode("utf-8").hex()
        out.append(f" == '{_PREFIX}{operator}_{raw}__'")
        i = end
    return "".join(out)


def negated(value: Any) -> str | None:
    """The filter text of a ``!(...)`` placeholder of :func:`rewrite`, else None."""
    if not (isinstance(value, str) and value.startswith(_PREFIX + "not_")):
        return None
    return bytes.fromhex(value[len(_PREFIX) + 4:-2]).decode("utf-8")


def _starts_expression(path: str, at: int) -> bool:
    """Whether ``at`` opens a filter expression (after ``(``, ``&&``, ``||`` or ``!``)."""
    before = path[:at].rstrip()
    return before.endswith(("(", "&", "|", "!"))


def _closing_parenthesis(text: str, opening: int) -> int:
    """The index after the parenthesis closing the one at ``opening`` (quotes skipped)."""
    depth, i = 0, opening
    while i < len(text):
        if text[i] in "'\"":
            i = closing_quote(text, i)
            continue
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        i += 1
        if depth == 0:
            return i
    raise JavaException(INVALID_PATH, "Expected character: )")


def is_placeholder(value: Any) -> bool:
    """Whether a filter's right-hand value is one :func:`rewrite` wrote."""
    return isinstance(value, str) and value.startswith(_PREFIX)


class PathOperand:
    """A list operator's right side that is a path (``in $.names``, ``anyof @.allowed``)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def holds(placeholder: str, found: list[Any], read: Callable[[str], Any] | None = None) -> bool:
    """The comparison ``placeholder`` stands for, on the values the left path ``found``;
    ``read`` gives the value of a path on the right (``$...`` or ``@...``)."""
    operator, right = _meaning(placeholder)
    if operator.startswith("path"):
        return _path_comparison(operator, found, read(right.text) if read is not None else None)
    if isinstance(right, PathOperand):
        list_operator = operator in _LIST_OPERATORS
        right = read(right.text) if read is not None else None
        if list_operator and isinstance(right, dict):
            right = _MAP
        elif list_operator and not isinstance(right, list):
            return False  # nothing there, or no list: Jayway's test fails, `nin` too
        elif list_operator and any(isinstance(value, (dict, list)) for value in right or ()):
            right = _UNTYPED
    if operator == "empty" and found and isinstance(found[0], dict):
        # EmptyEvaluator asks the left node first: a map is cast to a Collection
        raise JavaException("java.lang.ClassCastException", _MAP_NOT_COLLECTION)
    if right is _MAP:
        # a map's asValueListNode is UNDEFINED: `in` and the others fail, `nin` (!in) holds.
        # Case apigateway/jsonpath/filter-operator-wrong-right-side.
        return operator == "nin"
    if right is _NEVER:
        return False
    if right is _UNTYPED:
        raise JavaException("com.jayway.jsonpath.JsonPathException", "Could not determine value type")
    left = found[0] if found else _MISSING
    if operator in _LEFT_LIST_OPERATORS and isinstance(left, list) and any(
        isinstance(item, (dict, list)) for item in left
    ):
        # the left list made Jayway's ValueListNode: a map or list in it has no value type
        raise JavaException("com.jayway.jsonpath.JsonPathException", "Could not determine value type")
    if operator == "=~" and not hasattr(right, "fullmatch"):
        return False  # no pattern on the right (RegexEvaluator)
    if operator == "=~":
        if isinstance(left, list):
            return any(right.fullmatch(_regex_input(item)) is not None for item in left)
        return right.fullmatch(_regex_input(left)) is not None
    if operator == "size":
        if isinstance(right, bool) or not isinstance(right, (int, float, Decimal)):
            return False  # Jayway's SizeEvaluator: the right side must be a number node
        if isinstance(left, (str, list, dict)):
            # A map is a JSON node whose length Jayway gives as -1.
            size = len(to_utf16(left)) if isinstance(left, str) else -1 if isinstance(left, dict) else len(left)
            return bool(size == int(right))
        return False
    if operator == "contains":
        return _contains(left, right)
    if operator.startswith("num"):
        return _number_comparison(operator, left, right)
    if operator in ("strictequal", "strictunequal"):
        equal = left is not _MISSING and _node_class(left) == _node_class(right) and equals(left, right)
        return equal if operator == "strictequal" else not equal
    if operator == "empty":
        return _empty(left, right)
    if operator == "ordered":
        return False  # `<` and friends hold only between two numbers or two strings
    if operator in ("equal", "unequal"):
        # Jayway's JsonNode.equals: the parsed values' Java equals (1 is not 1.0).
        equal = left is not _MISSING and isinstance(left, (dict, list)) and java_equals(left, right)
        return equal if operator == "equal" else not equal
    if operator in ("in", "nin"):
        present = left is not _MISSING and any(equals(left, item) for item in right)
        return present if operator == "in" else not present
    if not isinstance(left, list):
        return False  # Jayway's asValueListNode fails on anything but a list
    if operator == "subsetof":
        return all(any(equals(item, value) for value in right) for item in left)
    shared = any(equals(item, value) for item in left for value in right)
    return shared if operator == "anyof" else not shared


def _number_comparison(operator: str, left: Any, right: Decimal) -> bool:
    """A comparison with a number literal that has an exponent (a BigDecimal)."""
    if operator in ("numequal", "numunequal"):
        equal = left is not _MISSING and equals(left, right)
        return equal if operator == "numequal" else not equal
    number = _decimal(left) if left is not _MISSING else None
    if number is None:
        return False  # `<` and friends hold only between two numbers (or two strings)
    return {"numlt": number < right, "numle": number <= right, "numgt": number > right,
            "numge": number >= right}[operator]


def _contains(left: Any, right: Any) -> bool:
    """Jayway's ContainsEvaluator: a string holds the right string, a list an element equal
    to the right value; anything else never. Case apigateway/jsonpath/filter-contains."""
    if isinstance(left, str):
        return isinstance(right, str) and right in left
    if isinstance(left, list):
        return any(equals(right, item) for item in left)
    return False


def _node_class(value: Any) -> str:
    """The class of Jayway's value node for a value (TypeSafeEqualsEvaluator compares it)."""
    if value is _MISSING:
        return "undefined"
    if isinstance(value, bool):
        return "boolean"
    if value is None:
        return "null"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (dict, list)):
        return "json"
    if value is _PATTERN:
        return "pattern"
    return "number"


def _path_comparison(operator: str, found: list[Any], matches: Any) -> bool:
    """A comparison with an indefinite path's matches (a JSONArray, possibly empty): only
    an equal list equals them; `<` and friends hold only between numbers or strings."""
    if operator == "pathordered":
        return False
    equal = bool(found) and equals(found[0], matches)
    return equal if operator == "pathequal" else not equal


_MISSING = object()
_UNTYPED = object()
# A right side of a type the operator cannot use (`in 'x'`, `size 'a'`): Jayway's evaluator
# throws InvalidPathException, which its PredicatePathToken reads as the test failing.
_NEVER = object()
_PATTERN = object()  # a /regex/ read as an operator's value: of its own node class
_MAP = object()  # a list operator's right side that is a map (a JSON node, not a list)
# A literal Jayway's filter compiler reads as one value node.
_LITERAL = re.compile(r"true\b|false\b|null\b|-?\d+(?:\.\d+)?|'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
_NODE_LITERAL = re.compile(r"[=!<>]=?\s*[\[{/]")
# A path as a list operator's right side: up to a space or the filter's closing parenthesis.
# A path on the right, possibly ending in a function (`in @.a.length()`: its value).
_PATH_OPERAND = re.compile(r"[$@](?:[^\s()\[\]]|\[[^\]]*\])*(?:\(\))?")
# What may follow `empty`: a boolean, or another literal (which makes the test false).
_EMPTY_RIGHT = re.compile(r"true|false|null|-?\d+(?:\.\d+)?|'[^']*'|\"[^\"]*\"")
_MAP_NOT_COLLECTION = (
    "class java.util.LinkedHashMap cannot be cast to class java.util.Collection (java.util.LinkedHashMap"
    " and java.util.Collection are in module java.base of loader 'bootstrap')"
)


def _empty(left: Any, right: Any) -> bool:
    """Jayway's EmptyEvaluator: a string's or a list's emptiness against a boolean."""
    if not isinstance(right, bool):
        return False
    if isinstance(left, dict):
        raise JavaException("java.lang.ClassCastException", _MAP_NOT_COLLECTION)
    if isinstance(left, (str, list)):
        return (len(left) == 0) == right
    return False  # a list holding a map or a list (its elements have no value type)


@lru_cache(maxsize=256)
def _meaning(placeholder: str) -> tuple[str, Any]:
    """The operator and right-hand side a placeholder of :func:`rewrite` stands for."""
    operator, _, raw = placeholder[len(_PREFIX):-2].partition("_")
    return operator, _right_side(bytes.fromhex(raw).decode("utf-8"), 0, operator)[0]


def closing_quote(text: str, start: int) -> int:
    """The index after the quoted text opening at ``start`` (a backslash escapes)."""
    i = start + 1
    while i < len(text) and text[i] != text[start]:
        i += 2 if text[i] == "\\" else 1
    return i + 1


def _right_side(path: str, start: int, operator: str) -> tuple[Any, int]:
    """The operator's right-hand side read from ``path`` at ``start``, and where it ends."""
    if operator == "=~":
        return _regex(path, start)
    if operator.startswith("num"):
        match = _EXPONENT_NUMBER.match(path, start)
        if match is None:
            raise JavaException(INVALID_PATH, "Expected character: )")
        return Decimal(match.group()), match.end()
    if operator == "size":
        match = re.compile(r"-?\d+(?:\.\d+)?").match(path, start)
        if match is not None:
            # NumberNode.intValue(): `size 1.5` is `size 1`
            return int(Decimal(match.group())), match.end()
        return _other_operand(path, start, operator)
    if operator in ("contains", "strictequal", "strictunequal"):
        return _other_operand(path, start, operator, keep=True)
    if operator in ("equal", "unequal", "ordered") and path[start:start + 1] == "/":
        # `== /x/`: a pattern node, equal to nothing, in no order. Case
        # apigateway/jsonpath/filter-regex-operands.
        return _PATTERN, _regex(path, start)[1]
    if operator in ("equal", "unequal", "ordered"):
        end = _closing_bracket(path, start)
        try:
            return parse_json(path[start:end]), end
        except Exception:  # noqa: BLE001 - json-smart's parse errors, as Jayway's
            raise JavaException(INVALID_PATH, "Expected character: )") from None
    if operator == "empty":
        match = _EMPTY_RIGHT.match(path, start)
        if match is None:
            return _other_operand(path, start, operator)
        # A boolean; any other literal stands for no boolean (the test never holds).
        return {"true": True, "false": False}.get(match.group()), match.end()
    path_operand = _PATH_OPERAND.match(path, start)
    if path_operand is not None:
        return PathOperand(path_operand.group()), path_operand.end()
    if path[start:start + 1] != "[":
        return _other_operand(path, start, operator)
    end = _closing_bracket(path, start)
    values = parse_json(path[start:end])
    if any(isinstance(value, (dict, list)) for value in values):
        # Jayway fails on a map or list in the list when the filter first runs, not before.
        return _UNTYPED, end
    return list(values), end


def _other_operand(path: str, start: int, operator: str, keep: bool = False) -> tuple[Any, int]:
    """A right side read as a path, a JSON list or map, or a literal: kept as its value
    (``keep``) or as :data:`_NEVER` (a type the operator cannot use)."""
    path_operand = _PATH_OPERAND.match(path, start)
    if path_operand is not None:
        return PathOperand(path_operand.group()), path_operand.end()
    if path[start:start + 1] in ("[", "{"):
        end = _closing_bracket(path, start)
        text = path[start:end]
        if not keep and text[0] == "{" and operator in _LIST_OPERATORS:
            return _MAP, end
    elif path[start:start + 1] == "/":
        # a /regex/ where the operator needs another value: a PatternNode, equal to nothing
        # (`size /x/` never holds, `!== /x/` always). Case apigateway/jsonpath/filter-regex-operands.
        _, end = _regex(path, start)
        return (_PATTERN if keep else _NEVER), end
    else:
        match = _LITERAL.match(path, start)
        if match is None:
            raise JavaException(INVALID_PATH, f"Expected a value after '{operator}' at position {start}")
        end, text = match.end(), match.group()
    if not keep:
        return _NEVER, end
    try:
        return parse_json(text), end
    except Exception:  # noqa: BLE001 - json-smart's parse errors, as Jayway's
        raise JavaException(INVALID_PATH, "Expected character: )") from None


def _closing_bracket(text: str, start: int) -> int:
    depth, i = 0, start
    while i < len(text):
        if text[i] in "'\"":
            i = closing_quote(text, i)
            continue
        depth += {"[": 1, "]": -1, "{": 1, "}": -1}.get(text[i], 0)
        i += 1
        if depth == 0:
            return i
    raise JavaException(INVALID_PATH, "Expected ']' to close the list of a filter")


def _regex(path: str, start: int) -> tuple[Any, int]:
    """``/regex/flags`` at ``start``: the compiled Java pattern, and where it ends."""
    if path[start:start + 1] != "/":
        # Jayway's RegexEvaluator needs a pattern on one side: any other right side reads
        # as a value and the test never holds. Case apigateway/jsonpath/filter-regex-operands.
        return _other_operand(path, start, "=~")
    i = start + 1
    while i < len(path) and path[i] != "/":
        i += 2 if path[i] == "\\" else 1
    body = path[start + 1:i]
    j = i + 1
    while j < len(path) and path[j].isalpha():
        j += 1
    flags = path[i + 1:j]
    if any(flag not in _FLAGS for flag in flags):
        raise JavaException(INVALID_PATH, f"regex flags {flags!r} are not supported")
    inline = f"(?{''.join(_FLAGS[flag] for flag in flags)})" if flags else ""
    return compile_java(inline + body).regex, j


def _regex_input(value: Any) -> str:
    """What Jayway's RegexpEvaluator matches a value as (getInput)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    number = _decimal(value)
    return str(number) if number is not None else ""


def _decimal(value: Any) -> Decimal | None:
    """A JSON number as Jayway's NumberNode holds it: ``new BigDecimal(value.toString())``;
    None for anything else (and for Infinity/NaN, which BigDecimal cannot hold)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        text = double_to_string(value)
        return Decimal(text) if _JAVA_DECIMAL.fullmatch(text) else None
    if isinstance(value, Decimal):
        return value
    return None


def equals(left: Any, right: Any) -> bool:
    """Jayway's ``left.equals(right)`` between two value nodes."""
    if isinstance(left, bool) or isinstance(right, bool):
        return isinstance(left, bool) and isinstance(right, bool) and left == right
    if left is None or right is None:
        return left is None and right is None
    if isinstance(left, str):
        if isinstance(right, str):
            return left == right
        number = _decimal(right)
        return number is not None and left == str(number)
    number = _decimal(left)
    if number is None:  # a map or a list: Jayway's JsonNode.equals, the parsed values' equals
        return isinstance(right, (dict, list)) and java_equals(left, right)
    if isinstance(right, str):
        if not _JAVA_DECIMAL.fullmatch(right):
            return False
        try:
            return number == Decimal(right)
        except InvalidOperation:
            return False
    other = _decimal(right)
    return other is not None and number == other

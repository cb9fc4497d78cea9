"""Jayway JsonPath's filter operators: ``EvaluatorFactory`` of json-path 2.10.0 (read from
its bytecode), one function per ``Evaluator``, on the value nodes of
:mod:`vtl.apigw.jsonpath_values`.

What they imply, all checked against the recorder (cases apigateway/jsonpath/filter-*):

- ``==``/``!=`` are the left node's ``equals`` (two JSON nodes: the left's value against the
  right's parsed value); ``===``/``!==`` also need nodes of one class;
- ``<``, ``<=``, ``>``, ``>=`` hold only between two numbers or two strings (Java's
  ``String.compareTo``, by UTF-16 code unit);
- ``in``/``nin``/``anyof``/``noneof``/``subsetof`` read a JSON array as a list of nodes (a
  map or a list in it: JsonPathException); a right side that is no array fails them, ``nin``
  holding; ``contains`` is a string's substring or a list's element;
- ``size n`` compares ``n.intValue()`` with a string's length or an array's size (a map: -1);
  ``empty b`` whether a string or a list is empty (a map: ClassCastException);
- ``=~`` needs a /regex/ on exactly one side: the other side's text (a number's
  ``BigDecimal`` text, ``true``/``false``, else empty) must match whole, or one element of
  an array;
- ``exists``, ``all``, ``type``, ``matches`` are operator names Jayway reads but whose
  evaluators need nodes a filter's text cannot make: they never hold (``exists`` with no
  boolean on either side is a JsonPathException).

An evaluator asking a node for a kind it is not throws InvalidPathException; the filter
(PredicatePathToken.accept) reads that as the item not matching.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vtl.apigw.jsonpath_values import (
    JSON_PATH_EXCEPTION,
    BooleanNode,
    JsonNode,
    NumberNode,
    PatternNode,
    StringNode,
    ValueListNode,
    ValueNode,
    expected,
)
from vtl.java.numbers import decimal_int_value
from vtl.java.registry import JavaException

__all__ = ["OPERATORS", "evaluate"]

# A path compiler, for the strings of a list that are paths (ValueNode.toValueNode).
Compiler = Callable[[str], Any]


def _exists(left: ValueNode, right: ValueNode, compile_path: Compiler) -> bool:
    """ExistsEvaluator."""
    if not isinstance(left, BooleanNode) and not isinstance(right, BooleanNode):
        raise JavaException(JSON_PATH_EXCEPTION, "Failed to evaluate exists expression")
    return _boolean(left) == _boolean(right)


def _equals(left: ValueNode, right: ValueNode, compile_path: Compiler) -> bool:
    """EqualsEvaluator."""
    if isinstance(left, JsonNode) and isinstance(right, JsonNode):
        return left.json_equals(right)
    return left.equals(right)


def _not_equals(left: ValueNode, right: ValueNode, compile_path: Compiler) -> bool:
    return not _equals(left, right, compile_path)


def _type_safe_equals(left: ValueNode, right: ValueNode, compile_path: Compiler) -> bool:
    """TypeSafeEqualsEvaluator: nodes of one class, then equal."""
    return type(left) is type(right) and _equals(left, right, compile_path)


def _type_safe_not_equals(left: ValueNode, right: ValueNode, compile_path: Compiler) -> bool:
    return not _type_safe_equals(left, right, compile_path)


def _compare(left: ValueNode, right: ValueNode) -> int | None:
    """LessThanEvaluator's and the others' ordering: numbers by value, strings as Java's
    ``compareTo``; None for any other pair (the comparison fails)."""
    if isinstance(left, NumberNode) and isinstance(right, NumberNode):
        if left.number is None or right.number is None:
            return None
        return (left.number > right.number) - (left.number < right.number)
    if isinstance(left, StringNode) and isinstance(right, StringNode):
        a, b = _utf16(left.string), _utf16(right.string)
        return (a > b) - (a < b)
    return None


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-be", "surrogatepass")


def _ordering(test: Callable[[int], bool]) -> Callable[[ValueNode, ValueNode, Compiler], bool]:
    def evaluator(left: ValueNode, right: ValueNode, compile_path: Compiler) -> bool:
        order = _compare(left, right)
        return order is not None and test(order)

    return evaluator


def _size(left: ValueNode, right: ValueNode, compile_path: Compiler) -> bool:
    """SizeEvaluator."""
    if not isinstance(right, NumberNode) or right.number is None:
        return False
    size = decimal_int_value(right.number)
    if isinstance(left, StringNode):
        return len(_utf16(left.string)) // 2 == size
    if isinstance(left, JsonNode):
        return left.length() == size
    return False


def _empty(left: ValueNode, right: ValueNode, compile_path: Compiler) -> bool:
    """EmptyEvaluator (the left node is asked first)."""
    if isinstance(left, StringNode):
        return (left.string == "") == _boolean(right)
    if isinstance(left, JsonNode):
        return left.is_empty() == _boolean(right)
    return False


def _boolean(node: ValueNode) -> bool:
    if not isinstance(node, BooleanNode):
        raise expected("boolean")
    return node.value


def _value_list(node: ValueNode, compile_path: Compiler) -> ValueListNode | None:
    """A list operator's side: a JSON node's elements (None when it holds no array, where
    the evaluator answers false); any other node is no list (InvalidPathException)."""
    if isinstance(node, JsonNode):
        found = node.as_value_list(compile_path)
        return found if isinstance(found, ValueListNode) else None
    if isinstance(node, ValueListNode):
        return node
    raise expected("value list")


def _in(left: ValueNode, right: ValueNode, compile_path: Compiler) -> bool:
    """InEvaluator."""
    values = _value_list(right, compile_path)
    return values is not None and values.contains(left)


def _not_in(left: ValueNode, right: ValueNode, compile_path: Compiler) -> bool:
    return not _in(left, right, compile_path)


def _all(left: ValueNode, right: ValueNode, compile_path: Compiler) -> bool:
    """AllEvaluator: asks ``right.asValueListNode()``, which only a ValueListNode answers (a
    filter's text never makes one)."""
    if not isinstance(right, ValueListNode):
        raise expected("value list")
    if not isinstance(left, JsonNode):
        return False
    values = left.as_value_list(compile_path)
    return not isinstance(values, ValueListNode) or all(values.contains(node) for node in right.nodes)


def _contains(left: ValueNode, right: ValueNode, compile_path: Compiler) -> bool:
    """ContainsEvaluator."""
    if isinstance(left, StringNode) and isinstance(right, StringNode):
        return right.string in left.string
    if isinstance(left, JsonNode):
        values = left.as_value_list(compile_path)
        return isinstance(values, ValueListNode) and values.contains(right)
    return False


def _subset_of(left: ValueNode, right: ValueNode, compile_path: Compiler) -> bool:
    """SubsetOfEvaluator (the right side is read first)."""
    rights = _value_list(right, compile_path)
    if rights is None:
        return False
    lefts = _value_list(left, compile_path)
    return lefts is not None and lefts.subsetof(rights)


def _any_of(left: ValueNode, right: ValueNode, compile_path: Compiler) -> bool:
    """AnyOfEvaluator."""
    rights = _value_list(right, compile_path)
    if rights is None:
        return False
    lefts = _value_list(left, compile_path)
    return lefts is not None and any(a.equals(b) for a in lefts.nodes for b in rights.nodes)


def _none_of(left: ValueNode, right: ValueNode, compile_path: Compiler) -> bool:
    """NoneOfEvaluator: false, not true, where a side holds no array."""
    rights = _value_list(right, compile_path)
    if rights is None:
        return False
    lefts = _value_list(left, compile_path)
    return lefts is not None and not any(a.equals(b) for a in lefts.nodes for b in rights.nodes)


def _regex(left: ValueNode, right: ValueNode, compile_path: Compiler) -> bool:
    """RegexpEvaluator: a pattern on exactly one side."""
    if isinstance(left, PatternNode) == isinstance(right, PatternNode):
        return False
    pattern, other = (left, right) if isinstance(left, PatternNode) else (right, left)
    assert isinstance(pattern, PatternNode)
    if isinstance(other, ValueListNode) or (isinstance(other, JsonNode) and other.is_array()):
        if not isinstance(other, JsonNode):
            raise expected("json")
        values = other.as_value_list(compile_path)
        return isinstance(values, ValueListNode) and any(pattern.matches(_input(node)) for node in values.nodes)
    return pattern.matches(_input(other))


def _input(node: ValueNode) -> str:
    """RegexpEvaluator.getInput."""
    if isinstance(node, StringNode):
        return node.string
    if isinstance(node, NumberNode):
        return node.as_string().string
    if isinstance(node, BooleanNode):
        return "true" if node.value else "false"
    return ""


def _never(what: str) -> Callable[[ValueNode, ValueNode, Compiler], bool]:
    """TypeEvaluator and PredicateMatchEvaluator: the right node must be a class or a
    predicate, which a filter's text never gives."""

    def evaluator(left: ValueNode, right: ValueNode, compile_path: Compiler) -> bool:
        raise expected(what)

    return evaluator


# RelationalOperator's names (matched upper-cased) and their evaluators.
OPERATORS: dict[str, Callable[[ValueNode, ValueNode, Compiler], bool]] = {
    ">=": _ordering(lambda order: order >= 0),
    "<=": _ordering(lambda order: order <= 0),
    "==": _equals,
    "===": _type_safe_equals,
    "!=": _not_equals,
    "!==": _type_safe_not_equals,
    "<": _ordering(lambda order: order < 0),
    ">": _ordering(lambda order: order > 0),
    "=~": _regex,
    "NIN": _not_in,
    "IN": _in,
    "CONTAINS": _contains,
    "ALL": _all,
    "SIZE": _size,
    "EXISTS": _exists,
    "TYPE": _never("class"),
    "MATCHES": _never("predicate"),
    "EMPTY": _empty,
    "SUBSETOF": _subset_of,
    "ANYOF": _any_of,
    "NONEOF": _none_of,
}


def evaluate(operator: str, left: ValueNode, right: ValueNode, compile_path: Compiler) -> bool:
    """``EvaluatorFactory.createEvaluator(operator).evaluate(left, right, ctx)``."""
    return OPERATORS[operator](left, right, compile_path)


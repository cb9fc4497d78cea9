"""Jayway JsonPath's value nodes: the operands of a filter's comparisons, as json-path 2.10.0
has them (``com.jayway.jsonpath.internal.filter.ValueNode`` and ``ValueNodes``, read from
its bytecode).

A filter literal is read into one of these by :mod:`vtl.apigw.jsonpath_filter`; a path
operand is a :class:`PathNode`, which becomes a value node each time the filter runs
(:func:`path_value`). Their ``equals`` is Jayway's, which :mod:`vtl.apigw.jsonpath_evaluators`
builds every comparison on:

- a number equals a number or a string of the same ``BigDecimal`` value (``2 == '2.0'``),
  a string a string or a number whose ``BigDecimal.toString()`` is that string (``'2'`` is
  not ``2.0``); booleans and null only themselves; UNDEFINED (a path that found nothing)
  nothing, itself included;
- a JSON node (a literal ``[...]``/``{...}`` kept as its text until used, or a list or map a
  path found) equals another with Java's ``equals`` on the values, the literal's *text* on
  the left (so a literal on the left equals nothing);
- a /regex/ equals only itself.

A node is asked for a kind it is not (``as_number`` of a string node...): Jayway throws
InvalidPathException "Expected ... node", which fails the filter for that item.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from vtl.apigw.jsonpath_compiler import unescape
from vtl.apigw.jsonsmart import JsonSmartParseError
from vtl.apigw.jsonsmart import parse as parse_json
from vtl.java import to_string
from vtl.java.doubles import double_to_string
from vtl.java.objects import java_equals
from vtl.java.printing import class_name
from vtl.java.registry import JavaException

__all__ = [
    "FALSE", "NULL", "TRUE", "UNDEFINED", "BooleanNode", "JsonNode", "NullNode", "NumberNode", "PathNode",
    "PatternNode", "StringNode", "UndefinedNode", "ValueListNode", "ValueNode", "big_decimal", "path_value",
    "to_value_node",
]

INVALID_PATH = "com.jayway.jsonpath.InvalidPathException"
JSON_PATH_EXCEPTION = "com.jayway.jsonpath.JsonPathException"
NUMBER_FORMAT = "java.lang.NumberFormatException"
# BigDecimal(String)'s syntax (Python's Decimal also takes spaces, "NaN", "Infinity", "1_0").
_JAVA_DECIMAL = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def big_decimal(text: str) -> Decimal:
    """``new BigDecimal(text)``; raises Java's NumberFormatException. A BigDecimal has no
    negative zero (``-0.0`` is ``0.0``)."""
    if _JAVA_DECIMAL.fullmatch(text):
        try:
            number = Decimal(text)
        except InvalidOperation:
            pass
        else:
            return number.copy_abs() if number.is_zero() else number
    message = ""
    if text and not text[0].isdigit() and text[0] not in "+-.":
        message = f'Character {text[0]} is neither a decimal digit number, decimal point, nor "e" notation exponential mark.'
    raise JavaException(NUMBER_FORMAT, message)


def expected(what: str) -> JavaException:
    """ValueNode's ``asXxx`` on a node of another kind."""
    return JavaException(INVALID_PATH, f"Expected {what} node")


class ValueNode:
    """``ValueNode``: equal to nothing but itself unless a subclass says otherwise."""

    __slots__ = ()

    def equals(self, other: ValueNode) -> bool:
        """``equals(Object)``."""
        return self is other


class StringNode(ValueNode):
    """``ValueNodes.StringNode``: its text (quotes and escapes already removed)."""

    __slots__ = ("string",)

    def __init__(self, string: str) -> None:
        self.string = string

    def as_number(self) -> NumberNode:
        """``asNumberNode()``: its BigDecimal, or NAN."""
        try:
            return NumberNode(big_decimal(self.string))
        except JavaException:
            return NumberNode(None)

    def equals(self, other: ValueNode) -> bool:
        if isinstance(other, NumberNode):
            return other.as_string().string == self.string
        return isinstance(other, StringNode) and other.string == self.string


class NumberNode(ValueNode):
    """``ValueNodes.NumberNode``: a BigDecimal (None for NumberNode.NAN)."""

    __slots__ = ("number",)

    def __init__(self, number: Decimal | None) -> None:
        self.number = number

    def as_string(self) -> StringNode:
        """``asStringNode()``: ``BigDecimal.toString()`` (Python's str of a Decimal is the same)."""
        return StringNode(str(self.number))

    def equals(self, other: ValueNode) -> bool:
        if isinstance(other, StringNode):
            that = other.as_number()
        elif isinstance(other, NumberNode):
            that = other
        else:
            return False
        if that.number is None or self.number is None:
            return False
        return self.number == that.number  # compareTo: 2 equals 2.0


class BooleanNode(ValueNode):
    """``ValueNodes.BooleanNode``."""

    __slots__ = ("value",)

    def __init__(self, value: bool) -> None:
        self.value = value

    def equals(self, other: ValueNode) -> bool:
        return isinstance(other, BooleanNode) and other.value == self.value


class NullNode(ValueNode):
    """``ValueNodes.NullNode``."""

    __slots__ = ()

    def equals(self, other: ValueNode) -> bool:
        return isinstance(other, NullNode)


class UndefinedNode(ValueNode):
    """``ValueNodes.UndefinedNode``: what a path that found nothing is; equal to nothing."""

    __slots__ = ()

    def equals(self, other: ValueNode) -> bool:
        return False


TRUE = BooleanNode(True)
FALSE = BooleanNode(False)
NULL = NullNode()
UNDEFINED = UndefinedNode()


class JsonNode(ValueNode):
    """``ValueNodes.JsonNode``: a literal's text, parsed (json-smart, permissive) each time
    it is used, or a list or map a path found."""

    __slots__ = ("json", "parsed")

    def __init__(self, json: Any, parsed: bool) -> None:
        self.json = json
        self.parsed = parsed

    def parse(self) -> Any:
        """``parse(ctx)``: a ParseException is Jayway's IllegalArgumentException."""
        if self.parsed:
            return self.json
        try:
            return parse_json(self.json)
        except JsonSmartParseError as error:
            raise JavaException("java.lang.IllegalArgumentException", f"{error.java_class}: {error}") from None

    def is_array(self) -> bool:
        return isinstance(self.parse(), list)

    def length(self) -> int:
        """``length(ctx)``: an array's size, else -1."""
        value = self.parse()
        return len(value) if isinstance(value, list) else -1

    def is_empty(self) -> bool:
        """``isEmpty(ctx)``: a map is cast to a Collection (ClassCastException)."""
        value = self.parse()
        if isinstance(value, dict):
            # a literal is json-smart's JSONObject, a map a path found the document's own
            raise JavaException("java.lang.ClassCastException", _MAP_NOT_COLLECTION if self.parsed else _OBJECT_NOT_COLLECTION)
        if isinstance(value, (list, str)):
            return len(value) == 0
        return True

    def as_value_list(self, compile_path: Callable[[str], Any]) -> ValueNode:
        """``asValueListNode(ctx)``: the array's elements as value nodes, else UNDEFINED."""
        value = self.parse()
        if not isinstance(value, list):
            return UNDEFINED
        return ValueListNode([to_value_node(item, compile_path) for item in value])

    def json_equals(self, other: JsonNode) -> bool:
        """``equals(JsonNode, ctx)``: this node's value (a literal's text) against the other's
        parsed value."""
        return self is other or java_equals(self.json, other.parse())

    def equals(self, other: ValueNode) -> bool:
        return isinstance(other, JsonNode) and java_equals(self.json, other.json)


_OBJECT_NOT_COLLECTION = (
    "class net.minidev.json.JSONObject cannot be cast to class java.util.Collection (net.minidev.json.JSONObject"
    " is in unnamed module of loader 'app'; java.util.Collection is in module java.base of loader 'bootstrap')"
)
_MAP_NOT_COLLECTION = (
    "class java.util.LinkedHashMap cannot be cast to class java.util.Collection (java.util.LinkedHashMap"
    " and java.util.Collection are in module java.base of loader 'bootstrap')"
)


class PatternNode(ValueNode):
    """``ValueNodes.PatternNode``: a compiled /regex/flags (equal only to itself)."""

    __slots__ = ("regex",)

    def __init__(self, regex: Any) -> None:
        self.regex = regex

    def matches(self, text: str) -> bool:
        return self.regex.fullmatch(text) is not None


class ValueListNode(ValueNode):
    """``ValueNodes.ValueListNode``: the elements of an array, as value nodes."""

    __slots__ = ("nodes",)

    def __init__(self, nodes: list[ValueNode]) -> None:
        self.nodes = nodes

    def contains(self, node: ValueNode) -> bool:
        """``List.contains``: ``node.equals(element)`` for some element."""
        return any(node.equals(element) for element in self.nodes)

    def subsetof(self, other: ValueListNode) -> bool:
        return all(other.contains(node) for node in self.nodes)

    def equals(self, other: ValueNode) -> bool:
        return isinstance(other, ValueListNode) and len(other.nodes) == len(self.nodes) and all(
            a.equals(b) for a, b in zip(self.nodes, other.nodes)
        )


class PathNode(ValueNode):
    """``ValueNodes.PathNode``: a path operand, compiled when the filter is; ``rooted`` for a
    ``$`` path (read on the document, not the item); an exists check (``[?(@.a)]``,
    ``[?(!@.a)]``) evaluates to TRUE or FALSE."""

    __slots__ = ("compiled", "exists_check", "rooted", "should_exist", "text")

    def __init__(self, text: str, compiled: Any, exists_check: bool = False, should_exist: bool = True) -> None:
        self.text = text
        self.compiled = compiled
        self.rooted = text.lstrip(" ")[:1] == "$"
        self.exists_check = exists_check
        self.should_exist = should_exist

    def as_exists_check(self, should_exist: bool) -> PathNode:
        return PathNode(self.text, self.compiled, True, should_exist)


def to_value_node(value: Any, compile_path: Callable[[str], Any]) -> ValueNode:
    """``ValueNode.toValueNode``: an element of a list a list operator compares with. A
    string that compiles as a path is a PathNode, one holding a JSON array or object a
    JSON node; a map or a list has no node (JsonPathException)."""
    if value is None:
        return NULL
    if isinstance(value, str):
        if _is_path(value, compile_path):
            return PathNode(value, compile_path(value))
        if _is_json(value):
            return JsonNode(value, False)
        return string_literal(value)
    if isinstance(value, bool):
        return TRUE if value else FALSE
    if isinstance(value, (int, float, Decimal)):
        return NumberNode(big_decimal(_number_text(value)))
    raise JavaException(JSON_PATH_EXCEPTION, "Could not determine value type")


def string_literal(text: str) -> StringNode:
    """``createStringNode(text, true)``: surrounding quotes dropped, escapes read."""
    if len(text) > 1 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]
    return StringNode(unescape(text))


def _java_trim(text: str) -> str:
    """Java's String.trim: every character up to the space."""
    start, end = 0, len(text)
    while start < end and text[start] <= " ":
        start += 1
    while end > start and text[end - 1] <= " ":
        end -= 1
    return text[start:end]


def _is_path(text: str, compile_path: Callable[[str], Any]) -> bool:
    trimmed = _java_trim(text)
    if not trimmed or trimmed[0] not in "@$":
        return False
    try:
        compile_path(trimmed)
    except JavaException:
        return False
    return True


def _is_json(text: str) -> bool:
    trimmed = _java_trim(text)
    if len(trimmed) <= 1 or (trimmed[0], trimmed[-1]) not in (("[", "]"), ("{", "}")):
        return False
    try:
        parse_json(trimmed)
    except JsonSmartParseError:
        return False
    return True


def _number_text(value: Any) -> str:
    """A JSON number's ``toString()``."""
    if isinstance(value, float):
        return double_to_string(value)
    return str(value)


def path_value(value: Any) -> ValueNode:
    """What ``PathNode.evaluate`` makes of what its path found (``UNDEFINED`` for nothing):
    a number is ``new BigDecimal(toString())`` (Infinity: NumberFormatException), a string,
    a boolean, null, a list or a map; anything else (a key set) Jayway cannot convert."""
    if isinstance(value, UndefinedNode):
        return UNDEFINED
    if value is None:
        return NULL
    if isinstance(value, bool):
        return TRUE if value else FALSE
    if isinstance(value, str):
        return StringNode(value)
    if isinstance(value, (int, float, Decimal)):
        if isinstance(value, float) and not math.isfinite(value):
            # Case apigateway/fuzz/filter-infinite-number (fuzz_apigw seed 9100).
            char = "N" if math.isnan(value) else "I"
            raise JavaException(
                NUMBER_FORMAT,
                f'Character {char} is neither a decimal digit number, decimal point, nor "e" notation exponential mark.',
            )
        return NumberNode(big_decimal(_number_text(value)))
    if isinstance(value, (list, dict)):
        return JsonNode(value, True)
    raise JavaException(
        JSON_PATH_EXCEPTION, f"Could not convert class {class_name(value)}:{to_string(value)} to a ValueNode"
    )

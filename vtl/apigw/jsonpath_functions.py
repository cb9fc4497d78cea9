"""Jayway JsonPath's path functions other than ``length()``: ``sum()``, ``avg()``,
``min()``, ``max()``, ``stddev()``, ``keys()``, ``first()``, ``last()``, ``index(i)`` and
``concat(...)``.

A path may end in one of them (``$.prices.sum()``); :mod:`vtl.apigw.jsonpath` finds the
call and hands each value the path selected to :func:`invoke`. What each does, read from
json-path 2.10.0's bytecode (``com.jayway.jsonpath.internal.function``) and checked against
the recorder (cases ``apigateway/realworld/jsonpath-*-function*``):

- the numeric ones (``AbstractAggregation``) take the **direct** elements of an array that
  are Numbers (not booleans, strings, nested arrays), then the Numbers among the arguments
  (``Parameter.toList``: an argument that is a list gives its Number elements; the matches
  of an inverted deep scan are one such argument); every sum is a double. With no Number at
  all they throw JsonPathException "Aggregation function attempted to calculate value
  using empty array" (also on a map, a string, a number);
- ``max()`` starts from ``Double.MIN_VALUE`` (4.9E-324, the smallest *positive* double), so
  the max of negatives is 4.9E-324; ``min()`` from ``Double.MAX_VALUE``;
- ``stddev()`` is ``sqrt(sumSq/n - sum*sum/n/n)``;
- ``keys()`` is the key set of a map, null for anything else;
- ``first()`` (``AbstractSequenceAggregation``, target index 0) takes element 0 of an
  array: an empty one throws IndexOutOfBoundsException (which Jayway drops when the array
  was reached through an array index, wildcard, slice or filter: :mod:`vtl.apigw.jsonpath`
  skips that match);
- ``last()`` (target index -1) takes element ``size - 1`` only when that is **above 0**: an
  array of one element throws JsonPathException "Target index:-1 larger than object
  count:1" (Jayway's ``if (size + index > 0)``), an empty one "...count:0";
- ``index(i)`` (target index: the first Number argument's ``intValue``, none is
  IndexOutOfBoundsException) takes element ``i`` as ``first()`` does (past the end is an
  IndexOutOfBoundsException, dropped like first()'s), or ``size + i`` for a negative ``i`` as
  ``last()`` does;
- ``first()``/``last()``/``index(i)`` on anything but an array throw the aggregation message;
- ``concat(...)`` joins the String elements of an array (nothing of another value), then the
  arguments as text (a list's elements one by one; nulls left out);
- ``append(...)`` adds each argument (a list as one element) to an array, which it returns;
  anything else is returned as it is (:func:`vtl.apigw.jsonpath._append` runs it on a path's
  matches, parsing its JSON arguments only for an array).
"""

from __future__ import annotations

import copy
import math
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from vtl.apigw.jsonsmart import json_arrays, to_json
from vtl.java import to_string
from vtl.java.maps import KeySetView
from vtl.java.numbers import decimal_int_value, double_int_value, int_int_value
from vtl.java.registry import JavaException

__all__ = ["FUNCTIONS", "INDEX_OUT_OF_BOUNDS", "JSON_PATH_EXCEPTION", "invoke"]

INDEX_OUT_OF_BOUNDS = "java.lang.IndexOutOfBoundsException"
JSON_PATH_EXCEPTION = "com.jayway.jsonpath.JsonPathException"
_EMPTY = "Aggregation function attempted to calculate value using empty array"
_DOUBLE_MIN_VALUE = 5e-324  # Java's Double.MIN_VALUE: Max's starting value
_DOUBLE_MAX_VALUE = 1.7976931348623157e308


def _consume(arguments: Iterable[Any]) -> list[Any]:
    """Jayway's ``Parameter.toList``: the arguments, a list one giving its elements."""
    values: list[Any] = []
    for argument in arguments:
        if isinstance(argument, list):
            values.extend(argument)
        else:
            values.append(argument)
    return values


def _numbers(model: Any, arguments: Iterable[Any]) -> list[float]:
    """The doubleValue of every Number among the array's elements, then the arguments'."""
    values = list(model) if isinstance(model, list) else []
    values.extend(_consume(arguments))
    return [float(value) for value in values if _is_number(value)]


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def _aggregate(model: Any, arguments: Iterable[Any]) -> list[float]:
    numbers = _numbers(model, arguments)
    if not numbers:
        raise JavaException(JSON_PATH_EXCEPTION, _EMPTY)
    return numbers


def _sum(numbers: list[float]) -> float:
    total = 0.0
    for number in numbers:  # in order, as Java adds them (no fsum)
        total += number
    return total


def _max(numbers: list[float]) -> float:
    result = _DOUBLE_MIN_VALUE
    for number in numbers:
        result = max(result, number)  # Max.next: `if (max < v) max = v`
    return result


def _min(numbers: list[float]) -> float:
    result = _DOUBLE_MAX_VALUE
    for number in numbers:
        result = min(result, number)  # Min.next: `if (min > v) min = v`
    return result


def _stddev(numbers: list[float]) -> float:
    count = float(len(numbers))
    total = _sum(numbers)
    squares = 0.0
    for number in numbers:
        squares += number * number
    variance = squares / count - total * total / count / count
    return math.sqrt(variance) if variance >= 0 else math.nan  # Math.sqrt of a negative


_NUMERIC = {
    "sum": _sum,
    "avg": lambda numbers: _sum(numbers) / len(numbers),
    "max": _max,
    "min": _min,
    "stddev": _stddev,
}


def _keys(model: Any) -> Any:
    return KeySetView(model) if isinstance(model, dict) else None


def _element(model: Any, index: int) -> Any:
    """``AbstractSequenceAggregation.invoke``: element ``index`` of an array, or ``size +
    index`` when that is above 0 for a negative index."""
    if not isinstance(model, list):
        raise JavaException(JSON_PATH_EXCEPTION, _EMPTY)
    if index >= 0:
        if index >= len(model):
            raise JavaException(INDEX_OUT_OF_BOUNDS, f"Index {index} out of bounds for length {len(model)}")
        return model[index]
    if len(model) + index > 0:
        return model[len(model) + index]
    raise JavaException(JSON_PATH_EXCEPTION, f"Target index:{index} larger than object count:{len(model)}")


def _index(arguments: Iterable[Any]) -> int:
    """``Index.targetIndex``: the first Number argument's ``intValue()``."""
    numbers = [value for value in _consume(arguments) if _is_number(value)]
    if not numbers:
        raise JavaException(INDEX_OUT_OF_BOUNDS, "Index 0 out of bounds for length 0")
    number = numbers[0]
    if isinstance(number, float):
        return double_int_value(number)
    if isinstance(number, Decimal):
        return decimal_int_value(number)
    return int_int_value(number)


def _concat(model: Any, arguments: Iterable[Any]) -> str:
    """``Concatenate.invoke``: an array's String elements, then every argument's text."""
    parts = [value for value in model if isinstance(value, str)] if isinstance(model, list) else []
    parts.extend(_text(value) for value in _consume(arguments) if value is not None)
    return "".join(parts)


def _text(value: Any) -> str:
    """``value.toString()``: a document's array is a json-smart JSONArray, written as JSON
    (also inside a map, which prints as Java's ``{k=v}``)."""
    if isinstance(value, list):
        return to_json(value)
    if isinstance(value, dict):
        return to_string(json_arrays(copy.deepcopy(value))) or ""
    return to_string(value) or ""


def _append(model: Any, arguments: Iterable[Any]) -> Any:
    """``Append.invoke``: the arguments added to an array, in place; the model returned."""
    if isinstance(model, list):
        model.extend(arguments)
    return model


FUNCTIONS = frozenset(_NUMERIC) | {"keys", "first", "last", "index", "concat", "append"}


def invoke(name: str, model: Any, arguments: Iterable[Any] = ()) -> Any:
    """Jayway's function ``name`` on ``model``, with its arguments' values (for an inverted
    deep scan, the list of its matches)."""
    if name in _NUMERIC:
        return _NUMERIC[name](_aggregate(model, arguments))
    if name == "keys":
        return _keys(model)
    if name == "first":
        return _element(model, 0)
    if name == "last":
        return _element(model, -1)
    if name == "index":
        if not isinstance(model, list):  # refused before the index is looked for
            raise JavaException(JSON_PATH_EXCEPTION, _EMPTY)
        return _element(model, _index(arguments))
    if name == "append":
        return _append(model, arguments)
    return _concat(model, arguments)

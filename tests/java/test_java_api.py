"""The ``vtl.java`` contract itself: what the runtime may rely on beyond Java's answers
(those are checked against real Java in test_java_oracle.py)."""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from vtl import java
from vtl.java.iterators import JavaIterator, ListIterator
from vtl.java.registry import java_class, java_method

CONTRACT = {
    "java_method": ["owner", "name"],
    "find_method": ["cls", "name"],
    "to_string": ["value"],
    "class_name": ["value"],
    "is_true": ["value"],
    "get_property": ["obj", "name"],
    "invoke": ["obj", "name", "args"],
    "get_index": ["obj", "index", "missing"],
    "set_property": ["obj", "name", "value"],
    "set_index": ["obj", "index", "value"],
    "iterate": ["value"],
    "add": ["left", "right", "left_text", "right_text"],
    "sub": ["left", "right"],
    "mul": ["left", "right"],
    "div": ["left", "right"],
    "mod": ["left", "right"],
    "equals": ["left", "right"],
    "less": ["left", "right"],
    "less_equal": ["left", "right"],
    "greater": ["left", "right"],
    "greater_equal": ["left", "right"],
}


class Trap:
    """A registered type that records any attribute a lookup would read by name."""

    def __init__(self) -> None:
        self.__dict__["seen"] = []

    def __getattr__(self, name: str) -> Any:
        self.__dict__["seen"].append(name)
        raise AttributeError(name)

    def upper(self) -> str:
        return "python method"


java_class(Trap, "test.Trap")


@java_method(Trap, "getFoo")
def _trap_get_foo(trap: Trap) -> str:
    """String getFoo()"""
    return "foo"


class Bag:
    """A registered collection-like type, iterable through its ``iterator()`` method."""

    def __init__(self, *items: Any) -> None:
        self.items = list(items)


java_class(Bag, "test.Bag")


@java_method(Bag, "iterator")
def _bag_iterator(bag: Bag) -> JavaIterator:
    """Iterator<Object> iterator()"""
    return ListIterator(bag.items)


@java_method(Bag, "toString")
def _bag_to_string(bag: Bag) -> str:
    """String toString()"""
    return "bag"


@pytest.mark.parametrize("name, parameters", CONTRACT.items())
def test_contract_function_is_exported(name: str, parameters: list[str]) -> None:
    assert list(inspect.signature(getattr(java, name)).parameters) == parameters


def test_exceptions_are_exported() -> None:
    assert issubclass(java.UnsupportedJavaRegex, java.UnsupportedJava)
    assert issubclass(java.JavaException, Exception)
    assert issubclass(java.NoMatchingSignature, Exception)


def test_java_exception_with_null_message_prints_like_throwable() -> None:
    error = java.JavaException("java.lang.UnsupportedOperationException", None)
    assert (str(error), error.message) == ("java.lang.UnsupportedOperationException", None)


@pytest.mark.parametrize("obj, name", [
    ("abc", "upper"), ("abc", "__len__"), ("abc", "lstrip"), ({"a": 1}, "items"),
    ({"a": 1}, "keys"), ([1], "append"), ([1], "__getitem__"), (5, "bit_length"),
    (2.5, "is_integer"), (Trap(), "upper"), (Trap(), "__class__"),
])
def test_python_methods_are_not_callable(obj: Any, name: str) -> None:
    assert java.invoke(obj, name, []) is None


def test_python_method_call_changes_nothing() -> None:
    values = [1]
    java.invoke(values, "append", [2])
    assert values == [1]


@pytest.mark.parametrize("obj, name", [
    ("abc", "__class__"), ([1], "__dict__"), (5, "real"), (2.5, "imag"), (Trap(), "bar"),
    (Trap(), "upper"),
])
def test_python_attributes_are_not_properties(obj: Any, name: str) -> None:
    assert java.get_property(obj, name) is None


def test_lookups_never_read_attributes_by_name() -> None:
    trap = Trap()
    results = (java.get_property(trap, "foo"), java.get_property(trap, "bar"),
                java.invoke(trap, "baz", []), java.set_property(trap, "x", 1),
                java.get_index(trap, 0), java.iterate(trap))
    assert results == ("foo", None, None, False, None, None)
    assert trap.seen == []


def test_map_key_named_like_a_python_attribute_is_a_key() -> None:
    assert java.get_property({"__class__": "k", "items": "i"}, "items") == "i"


def test_void_method_returns_empty_string() -> None:
    assert java.invoke([1], "clear", []) == ""


def test_missing_overload_is_none() -> None:
    assert java.invoke("abc", "substring", []) is None


def test_null_receiver() -> None:
    assert (java.get_property(None, "a"), java.invoke(None, "a", []), java.get_index(None, 0),
            java.set_property(None, "a", 1), java.set_index(None, 0, 1),
            java.iterate(None)) == (None, None, None, False, False, None)


def test_iterator_has_java_has_next() -> None:
    iterator = java.iterate([1, 2])
    assert iterator is not None
    seen = [(value, iterator.has_next()) for value in iterator]  # type: ignore[attr-defined]
    assert seen == [(1, True), (2, False)]


def test_registered_iterable_type() -> None:
    iterable = java.iterate(Bag(1, "a"))
    assert iterable is not None and list(iterable) == [1, "a"]


def test_registered_to_string_and_class() -> None:
    bag = Bag()
    assert (java.to_string(bag), java.class_name(bag)) == ("bag", "test.Bag")


def test_unregistered_type_has_no_class() -> None:
    with pytest.raises(TypeError):
        java.class_name(object())


@pytest.mark.parametrize("pattern", [
    "\\Ga", "\\X", "\\b{g}", "\\p{InGreek}", "\\p{IsLatin}", "\\p{script=Latin}",
    "\\p{IsAlphabetic}", "\\p{javaLowerCase}", "(?U)\\w", "(?c)a", "(?<=a{1,2})b",
    "(?<=a*)b", "\\2(a)(b)", "(a\\1)",
])
def test_regex_python_cannot_reproduce(pattern: str) -> None:
    with pytest.raises(java.UnsupportedJavaRegex):
        java.invoke("ab", "matches", [pattern])


def test_empty_match_steps_inside_surrogate_pair() -> None:
    """Velocity 1.7 recorder (record_apigw.sh --eval, 2026-12-04): on "a😀b",
    replaceAll("", "-") has length 9 and gives back "a😀b" without its dashes, and
    split("") has 4 elements: Matcher.find steps one UTF-16 unit after an empty match."""
    result = java.invoke("a\U0001F600b", "replaceAll", ["", "-"])
    assert result == "-a-\ud83d-\ude00-b-"
    assert java.invoke("a\U0001F600b", "split", [""]) == ("a", "\ud83d", "\ude00", "b")


def test_no_match_inside_surrogate_pair_keeps_the_character_whole() -> None:
    """Velocity 1.7 recorder (record_apigw.sh --eval, 2026-12-04): on "😀b" the regex
    (?!\\ude00) gives replaceAll "-😀-b-" and split size 2: the empty match before the
    pair is followed by no match inside it (the look-ahead sees the lone low surrogate
    there), so the character is not cut."""
    text = "\U0001F600b"
    assert java.invoke(text, "replaceAll", ["(?!\\ude00)", "-"]) == "-\U0001F600-b-"
    assert len(java.invoke(text, "split", ["(?!\\ude00)"])) == 2


def test_empty_lookbehind_match_before_surrogate_pair_is_unsupported() -> None:
    # Java's look-behind right after the split character sees it whole; the split
    # text shows only its low surrogate, so this stays unsupported.
    with pytest.raises(java.UnsupportedJavaRegex):
        java.invoke("a\U0001F600b", "replaceAll", ["(?<=a)", "-"])


def test_changing_an_array_element_is_unsupported() -> None:
    with pytest.raises(java.UnsupportedJava):
        java.set_index(("x", "y"), 0, "q")


def test_keys_equal_in_python_but_not_in_java_are_unsupported() -> None:
    with pytest.raises(java.UnsupportedJava):
        java.invoke({1: "a"}, "put", [1.0, "b"])


def test_unhashable_key_is_unsupported() -> None:
    with pytest.raises(java.UnsupportedJava):
        java.invoke({}, "put", [[1], "b"])


def test_java_equals_is_not_python_equality() -> None:
    assert [java.java_equals(1, 1.0), java.java_equals(1, True), java.java_equals(0.0, -0.0),
            java.java_equals(float("nan"), float("nan"))] == [False, False, False, True]


def test_collection_changing_methods_are_collection_methods() -> None:
    """Every name the compiler treats as changing a collection is a registered method of a
    List, Map, map view, Map.Entry or Iterator (no typo disables the live-iterator path)."""
    from vtl.java import COLLECTION_CHANGING_METHODS, find_method
    from vtl.java.iterators import JavaIterator
    from vtl.java.maps import KeySetView, MapEntry

    owners = (list, dict, KeySetView, MapEntry, JavaIterator)
    for name in COLLECTION_CHANGING_METHODS:
        assert any(find_method(owner, name) is not None for owner in owners), name


def test_list_and_map_changes_reach_the_live_iterator() -> None:
    """The List and Map methods that change their collection are all in the set."""
    from vtl.java import COLLECTION_CHANGING_METHODS, invoke

    changes = {"add": [9], "addAll": [[9]], "clear": [], "remove": [0], "removeAll": [[1]],
               "retainAll": [[]], "set": [0, 9]}
    for name, args in changes.items():
        values = [1, 2]
        invoke(values, name, args)
        assert values != [1, 2] and name in COLLECTION_CHANGING_METHODS, name
    map_changes = {"put": ["z", 1], "putAll": [{"z": 1}], "putIfAbsent": ["z", 1],
                   "remove": ["a"], "replace": ["a", 5], "clear": []}
    for name, args in map_changes.items():
        mapping = {"a": 1}
        invoke(mapping, name, args)
        assert mapping != {"a": 1} and name in COLLECTION_CHANGING_METHODS, name


@pytest.mark.parametrize("obj, name, args", [
    (5, "getInteger", ["sun.arch.data.model"]),
    (3_000_000_000, "getLong", ["user.timezone", 1]),
    (True, "getBoolean", ["java.awt.headless"]),
])
def test_system_property_statics_are_unsupported(obj, name, args) -> None:
    # The API Gateway runtime's JVM system properties are unknown: a clear error, not a guess
    # (an empty or null name reads none: case velocity/arithmetic/system-property-statics-no-name).
    with pytest.raises(java.UnsupportedJava, match="system property"):
        java.invoke(obj, name, args)

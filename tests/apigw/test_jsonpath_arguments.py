"""Jayway's errors for a path function's arguments (PathCompiler.parseFunctionParameters and
the arguments' late binding): the exception class and message the recorder's Jayway 2.10.0
gives for each path, on the document {"a": [1, 2]} (record_apigw.sh --eval, 2026-12-04).
The conformance cases compare only an error's class category and position; these pin the
Java exception itself."""

from __future__ import annotations

import pytest

from vtl.apigw import jsonpath
from vtl.java.registry import JavaException

NPE_MESSAGE = (
    'Cannot invoke "com.jayway.jsonpath.internal.Path.isFunctionPath()" because the return value of'
    ' "com.jayway.jsonpath.internal.function.Parameter.getPath()" is null'
)

RECORDED = [
    # a JSON argument is parsed when the function runs: json-smart's error, wrapped
    ('$.a.concat({"a":})', "com.jayway.jsonpath.InvalidJsonException",
     "net.minidev.json.parser.ParseException: Unexpected character (}) at position 5."),
    # braces are counted inside quotes too; the position is the one after the brace
    ('$.a.append({"a":"}"})', "com.jayway.jsonpath.InvalidPathException",
     "Unexpected close brace '}' at character position: 20"),
    # a path not starting with $ is read as $. + path: the same position
    ('a.append({"a":"}"})', "com.jayway.jsonpath.InvalidPathException",
     "Unexpected close brace '}' at character position: 20"),
    ('$.a.append("(x")', "com.jayway.jsonpath.InvalidPathException",
     "Arguments to function: 'append' are not closed properly."),
    ('$.a.concat("[x")', "com.jayway.jsonpath.InvalidPathException",
     "Arguments to function: 'concat' are not closed properly."),
    ('a.concat(")")', "com.jayway.jsonpath.InvalidPathException",
     "Arguments to function: 'concat' are not closed properly."),
    ("$.a.length(1)", "java.lang.NullPointerException", NPE_MESSAGE),
]


@pytest.mark.parametrize(("path", "java_class", "message"), RECORDED)
def test_argument_errors_like_jayway(path: str, java_class: str, message: str) -> None:
    with pytest.raises(JavaException) as caught:
        jsonpath.read({"a": [1, 2]}, path)
    assert caught.value.java_class == java_class
    assert str(caught.value) == f"{java_class}: {message}"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        # recorded: a single-quoted word is no argument, so this is length()
        ("$.a.length('x')", 2),
        # recorded: an unclosed quote takes the closing parenthesis: no argument
        ('$.a.concat("abc)', ""),
        # recorded: a string that is not an array is returned, the bad JSON never parsed
        ('$.s.append({"a":})', "str"),
    ],
)
def test_arguments_read_as_jayway(path: str, expected: object) -> None:
    assert jsonpath.read({"a": [1, 2], "s": "str"}, path) == expected

"""Jayway JsonPath's ``PathCompiler``: a path's text read into tokens, as json-path 2.10.0
reads it (its bytecode, ``com.jayway.jsonpath.internal.path.PathCompiler`` and
``CharacterIndex``), with its errors and their positions.

The tokens are :mod:`vtl.apigw.jsonpath`'s: ``("prop", name)``, ``("props", names)``,
``("wild",)``, ``("index", indices)``, ``("slice", start, end)``, ``("filter", expressions)``,
``("scan", next_token)`` and ``("call", name, arguments)`` for a function. A filter's text
(``[?(...)]``, found as Jayway finds it) is handed to ``read_filter``, the caller's reader of
filter expressions.

Jayway's reader has quirks a grammar would not: after a token that ends on the path's last
character that character is never read (``$.a[0]x`` is ``$.a[0]``); a call without
arguments leaves the reader on its ``)``, so what follows is a property whose name starts
there (``$.a.length().x`` reads the property ``)`` of the length, then ``x``), while a call
with arguments goes on after its ``)``. Cases apigateway/jsonpath/function-then-path*.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vtl.apigw.jsonpath_characters import INDEX_OUT_OF_RANGE, INVALID_PATH, CharacterIndex
from vtl.apigw.jsonpath_characters import invalid_path as _fail
from vtl.java.characters import is_digit

__all__ = ["INVALID_PATH", "compile_argument_path", "compile_path", "unescape"]

Token = tuple[Any, ...]
# (function name, the text after its `(`, that text's index in the path) -> (arguments, end)
ArgumentReader = Callable[[str, str, int], tuple[tuple[Any, ...], int]]


class _PathIndex(CharacterIndex):
    """CharacterIndex as PathCompiler reads it: PathCompiler.compile wraps whatever its
    reading raises in an InvalidPathException whose message is the cause's toString(), so
    ``charAt`` past the text fails as ``java.lang.StringIndexOutOfBoundsException: …``."""

    def char(self, index: int) -> str:
        if not 0 <= index < len(self.text):
            raise _fail(f"{INDEX_OUT_OF_RANGE}: String index out of range: {index}")
        return self.text[index]


class _Compiler:
    """One path being read (PathCompiler's instance)."""

    def __init__(self, index: _PathIndex, read_filter: Callable[[str], Token], read_arguments: ArgumentReader) -> None:
        self.path = index
        self.read_filter = read_filter
        self.read_arguments = read_arguments
        self.tokens: list[Token] = []
        self.fragments: list[str] = []  # each token's PathToken.getPathFragment()

    def compile(self) -> tuple[str, list[Token]]:
        """readContextToken: the root (``$`` or ``@``) and the tokens after it."""
        path = self.path
        while path.in_bounds(path.position) and path.current() in " \t\n\r":
            path.position += 1
        root = path.current()
        if root not in "$@":
            raise _fail("Path must start with '$' or '@'")
        if path.is_tail():
            return root, self.tokens
        path.position += 1
        if path.current() not in ".[":
            raise _fail(f"Illegal character at position {path.position} expected '.' or '['")
        self.next_token()
        return root, self.tokens

    def append(self, token: Token, delimiter: str = "'") -> None:
        # A scan token takes the token after it as its target.
        fragment = _fragment(token, delimiter)
        if self.tokens and self.tokens[-1] == ("scan", None):
            self.tokens[-1] = ("scan", token)
            self.fragments[-1] += fragment
        else:
            self.tokens.append(token)
            self.fragments.append(fragment)

    def described_filters(self) -> list[Token]:
        """The tokens, each filter given the text Jayway's PredicatePathToken.toString() is:
        its ``[?]`` and the fragments of every token after it (``[?].index(...)``, ``[?]['b'][*]``),
        which its "can not be applied to primitives" error names."""
        return [
            (*token[:2], "[?]" + "".join(self.fragments[i + 1 :])) if token[0] == "filter" else token
            for i, token in enumerate(self.tokens)
        ]

    def go_on(self) -> None:
        """What every reader ends with: stop on the last character, else read on."""
        if not self.path.is_tail():
            self.next_token()

    def next_token(self) -> None:
        path = self.path
        char = path.current()
        if char == "[":
            if not (self.bracket_properties() or self.array() or self.wildcard() or self.filter()
                    or self.placeholder()):
                raise _fail(f"Could not parse token starting at position {path.position}. Expected ?, ', 0-9, * ")
        elif char == ".":
            self.dot()
        elif char == "*":
            if not self.wildcard():
                raise _fail(f"Could not parse token starting at position {path.position}")
        elif not self.property_or_function():
            raise _fail(f"Could not parse token starting at position {path.position}")

    def dot(self) -> None:
        path = self.path
        if path.current() == "." and path.in_bounds(path.position + 1) and path.char(path.position + 1) == ".":
            self.tokens.append(("scan", None))
            self.fragments.append("..")
            path.position += 2
        elif not path.in_bounds(path.position + 1):
            raise _fail("Path must not end with a '.")
        else:
            path.position += 1
        if path.current() == ".":
            raise _fail(f"Character '.' on position {path.position} is not valid.")
        self.next_token()

    def property_or_function(self) -> bool:
        path = self.path
        if path.current() in "[*. ":
            return False
        start = read = path.position
        end = 0
        function = False
        while path.in_bounds(read):
            char = path.char(read)
            if char == " ":
                raise _fail("Use bracket notion ['my prop'] if your property contains blank characters. "
                            f"position: {path.position}")
            if char in ".[":
                end = read
                break
            if char == "(":
                function, end = True, read
                break
            read += 1
        if end == 0:
            end = path.end + 1
        name = path.text[start:end]
        if not function:
            path.position = end
            self.append(("prop", name))
            self.go_on()
            return True
        depth = 1
        for i in range(read + 1, path.end + 1):
            depth += {")": -1, "(": 1}.get(path.char(i), 0)
            if depth == 0:
                break
        if depth != 0:
            raise _fail(f"Arguments to function: '{name}' are not closed properly.")
        arguments: tuple[Any, ...] = ()
        if path.char(read + 1) != ")":
            arguments, path.position = self.read_arguments(name, path.text[end + 1 : path.end + 1], end)
        else:
            path.position = read + 1  # on the `)`: what follows starts there
        self.append(("call", name, arguments))
        self.go_on()
        return True

    def wildcard(self) -> bool:
        path = self.path
        bracket = path.current() == "["
        if bracket and not path.next_significant_is("*"):
            return False
        if path.current() != "*" and not path.in_bounds(path.position + 1):
            return False
        if bracket:
            star = path.index_of_next_significant("*")
            if not path.next_significant_is("]", star):
                raise _fail(f"Expected wildcard token to end with ']' on position {star + 1}")
            path.position = path.index_of_next_significant("]", star) + 1
        else:
            path.position += 1
        self.append(("wild",))
        self.go_on()
        return True

    def array(self) -> bool:
        path = self.path
        if path.current() != "[":
            return False
        first = path.next_significant()
        if not (is_digit(first) or first in "-:"):
            return False
        start = path.position + 1
        close = path.next_index_of(start, "]")
        if close == -1:
            return False
        expression = path.text[start:close].strip(_JAVA_SPACE)
        if expression == "*" or not all(is_digit(c) or c in ",-: " for c in expression):
            return False
        self.append(_slice(expression) if ":" in expression else _indexes(expression))
        path.position = close + 1
        self.go_on()
        return True

    def bracket_properties(self) -> bool:
        path = self.path
        if path.current() != "[":
            return False
        quote = path.next_significant()
        if quote not in "'\"":
            return False
        names: list[str] = []
        start = read = path.position + 1
        end = 0
        in_name = escaped = comma = False
        while path.in_bounds(read):
            char = path.char(read)
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == "]" and not in_name:
                if comma:
                    raise _fail(f"Found empty property at index {read}")
                break
            elif char == quote:
                if in_name:
                    following = path.next_significant(read)
                    if following not in "],":
                        raise _fail("Property must be separated by comma or Property must be terminated close "
                                    f"square bracket at index {read}")
                    end = read
                    names.append(unescape(path.text[start:end]))
                    in_name = False
                else:
                    start, in_name, comma = read + 1, True, False
            elif char == "," and not in_name:
                if comma:
                    raise _fail(f"Found empty property at index {read}")
                comma = True
            read += 1
        if in_name:
            raise _fail(f"Property has not been closed - missing closing {quote}")
        close = path.index_of_next_significant("]", end)
        if close == -1:
            raise _fail("Property has not been closed - missing closing ]")
        path.position = close + 1
        self.append(("prop", names[0]) if len(names) == 1 else ("props", tuple(names)), quote)
        self.go_on()
        return True

    def filter(self) -> bool:
        path = self.path
        if path.current() != "[" and not path.next_significant_is("?"):
            return False
        opening = path.position
        question = path.index_of_next_significant("?")
        if question == -1:
            return False
        parenthesis = path.index_of_next_significant("(", question)
        if parenthesis == -1:
            return False
        close = path.matching_close(parenthesis, "(", ")", skip_regex=True)
        if close == -1 or not path.next_significant_is("]", close):
            return False
        end = path.index_of_next_significant("]", close)
        self.append(self.read_filter(path.text[opening : end + 1]))
        path.position = end + 1
        self.go_on()
        return True

    def placeholder(self) -> bool:
        """``[?]``: a filter given as a Predicate argument, which API Gateway never passes."""
        path = self.path
        if path.current() != "[":
            return False
        question = path.index_of_next_significant("?")
        if question == -1 or path.next_significant(question) not in "],":
            return False
        close = path.next_index_of(path.position + 1, "]")
        if close == -1:
            return False
        expression = path.text[path.position + 1 : close]
        raise _fail(f"Not enough predicates supplied for filter [{expression}] at position {path.position}")


def _fragment(token: Token, delimiter: str) -> str:
    """PathToken.getPathFragment() of a token (a property's names in the quotes they were
    written with, ``'`` for dot notation)."""
    kind = token[0]
    if kind in ("prop", "props"):
        names = (token[1],) if kind == "prop" else token[1]
        return "[" + ",".join(delimiter + name + delimiter for name in names) + "]"
    if kind == "wild":
        return "[*]"
    if kind == "index":
        return "[" + ",".join(str(index) for index in token[1]) + "]"
    if kind == "slice":
        return "[" + ("" if token[1] is None else str(token[1])) + ":" + ("" if token[2] is None else str(token[2])) + "]"
    if kind == "filter":
        return "[?]"
    return "." + str(token[1]) + ("(...)" if token[2] else "()")


# Java's String.trim removes every character up to the space.
_JAVA_SPACE = "".join(chr(c) for c in range(33))


def _java_int(text: str) -> int:
    """Integer.parseInt of digits and minus signs (NumberFormatException as Jayway wraps it)."""
    body = text[1:] if text[:1] == "-" else text
    if body and all(is_digit(c) for c in body):
        value = int(text)
        if -(2**31) <= value < 2**31:
            return value
    raise ValueError(text)


def _slice(expression: str) -> Token:
    """ArraySliceOperation.parse: ``from:to`` (a step ignored); ``:`` alone fails."""
    if not all(is_digit(c) or c in "-:" for c in expression):
        raise _fail(f"Failed to parse SliceOperation: {expression}")
    parts = expression.split(":")
    while parts and parts[-1] == "":  # Java's split drops trailing empty strings
        parts.pop()

    def part(i: int) -> int | None:
        if len(parts) <= i or parts[i] == "":
            return None
        try:
            return _java_int(parts[i])
        except ValueError:
            raise _fail(f'java.lang.NumberFormatException: For input string: "{parts[i]}"') from None

    start, end = part(0), part(1)
    if start is None and end is None:
        raise _fail(f"Failed to parse SliceOperation: {expression}")
    return ("slice", start, end)


def _indexes(expression: str) -> Token:
    """ArrayIndexOperation.parse: indexes split at commas (spaces around them dropped)."""
    indexes = []
    for text in [part.strip(" \t\n\r\f\v") for part in expression.split(",")]:
        try:
            indexes.append(_java_int(text))
        except ValueError:
            raise _fail(f"Failed to parse token in ArrayIndexOperation: {text}") from None
    return ("index", tuple(indexes))


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f"}


def unescape(text: str) -> str:
    """Jayway's Utils.unescape of a bracketed name: ``\\'``, ``\\n``, ``\\uXXXX``..."""
    out, i = [], 0
    while i < len(text):
        char = text[i]
        if char != "\\" or i + 1 >= len(text):
            out.append(char)
            i += 1
            continue
        escaped = text[i + 1]
        if escaped == "u" and i + 6 <= len(text):
            try:
                out.append(chr(int(text[i + 2 : i + 6], 16)))
                i += 6
                continue
            except ValueError:
                pass
        out.append(_ESCAPES.get(escaped, escaped))
        i += 2
    return "".join(out)


def compile_path(
    path: str, read_filter: Callable[[str], Token], read_arguments: ArgumentReader
) -> tuple[str, list[Token]]:
    """``PathCompiler.compile(path)``: the text Jayway read (``$.`` + a path starting with
    neither ``$`` nor ``@``) and its tokens. Raises Jayway's InvalidPathException."""
    index = _PathIndex(path)
    index.trim()
    if not path or path[0] not in "$@":
        index = _PathIndex("$." + path)
        index.trim()
    if index.char(index.end) == ".":
        raise _fail("Path must not end with a '.' or '..'")
    compiler = _Compiler(index, read_filter, read_arguments)
    compiler.compile()
    if compiler.tokens and compiler.tokens[-1] == ("scan", None):  # unreachable: `..` ends nothing
        raise _fail("Path must not end with a '.' or '..'")
    return index.text, compiler.described_filters()


def compile_argument_path(
    path: str, read_filter: Callable[[str], Token], read_arguments: ArgumentReader
) -> list[Token]:
    """A function's path argument, compiled as Jayway's parseFunctionParameters compiles it:
    no trimming, no ``$.`` added."""
    compiler = _Compiler(_PathIndex(path), read_filter, read_arguments)
    compiler.compile()
    return compiler.tokens

"""Jayway JsonPath 2.10.0's ``CharacterIndex``: the text of a path or a filter, a position
in it and an end, both trimmed of spaces. :mod:`vtl.apigw.jsonpath_compiler` (PathCompiler)
and :mod:`vtl.apigw.jsonpath_filter` (FilterCompiler) read their text through it, as Jayway's
two compilers share the one class.
"""

from __future__ import annotations

from vtl.java.registry import JavaException

__all__ = ["INDEX_OUT_OF_RANGE", "INVALID_PATH", "CharacterIndex", "invalid_path"]

INVALID_PATH = "com.jayway.jsonpath.InvalidPathException"
INDEX_OUT_OF_RANGE = "java.lang.StringIndexOutOfBoundsException"


def invalid_path(message: str) -> JavaException:
    """Jayway's InvalidPathException with ``message``."""
    return JavaException(INVALID_PATH, message)


_fail = invalid_path


class CharacterIndex:
    """The text, ``position`` and ``end`` (the last index read); ``charAt`` reads the whole
    text, past a trimmed end too, and fails as String.charAt does outside it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.position = 0
        self.end = len(text) - 1

    def char(self, index: int) -> str:
        """``charAt``."""
        if not 0 <= index < len(self.text):
            raise JavaException(INDEX_OUT_OF_RANGE, f"String index out of range: {index}")
        return self.text[index]

    def current(self) -> str:
        return self.char(self.position)

    def in_bounds(self, index: int | None = None) -> bool:
        return 0 <= (self.position if index is None else index) <= self.end

    def is_tail(self) -> bool:
        return self.position >= self.end

    def skip_blanks(self) -> CharacterIndex:
        while self.in_bounds() and self.position < self.end and self.current() == " ":
            self.position += 1
        return self

    def trim(self) -> None:
        self.skip_blanks()
        while self.in_bounds() and self.position < self.end and self.text[self.end] == " ":
            self.end -= 1

    def _significant_after(self, start: int | None) -> int:
        index = (self.position if start is None else start) + 1
        while self.in_bounds(index) and self.text[index] == " ":
            index += 1
        return index

    def next_significant(self, start: int | None = None) -> str:
        """nextSignificantChar: the next character not a space, " " past the end."""
        index = self._significant_after(start)
        return self.text[index] if self.in_bounds(index) else " "

    def index_of_next_significant(self, char: str, start: int | None = None) -> int:
        """indexOfNextSignificantChar: where the next character not a space is, if ``char``."""
        index = self._significant_after(start)
        return index if self.char(index) == char else -1

    def next_significant_is(self, char: str, start: int | None = None) -> bool:
        """nextSignificantCharIs."""
        index = self._significant_after(start)
        return self.in_bounds(index) and self.text[index] == char

    def has_significant(self, text: str) -> bool:
        """hasSignificantSubSequence: ``text`` next (spaces skipped), read if so."""
        self.skip_blanks()
        if not self.in_bounds(self.position + len(text) - 1):
            return False
        if self.text[self.position : self.position + len(text)] != text:
            return False
        self.position += len(text)
        return True

    def read_significant(self, char: str) -> None:
        """readSignificantChar."""
        if self.skip_blanks().current() != char:
            raise _fail(f"Expected character: {char}")
        self.position += 1

    def previous_significant_index(self) -> int:
        index = self.position - 1
        while self.in_bounds(index) and self.text[index] == " ":
            index -= 1
        return index if self.in_bounds(index) else -1

    def next_index_of(self, start: int, char: str) -> int:
        """nextIndexOf: from ``start``."""
        index = start
        while self.in_bounds(index):
            if self.text[index] == char:
                return index
            index += 1
        return -1

    def next_unescaped(self, start: int, char: str) -> int:
        """nextIndexOfUnescaped: from ``start + 1``, a backslash skipping the next character."""
        index, escaped = start + 1, False
        while self.in_bounds(index):
            if escaped:
                escaped = False
            elif self.text[index] == "\\":
                escaped = True
            elif self.text[index] == char:
                return index
            index += 1
        return -1

    def matching_close(self, start: int, opening: str, closing: str, skip_regex: bool = False) -> int:
        """indexOfMatchingCloseChar(start, opening, closing, skipStrings=true, skipRegex):
        quoted text skipped, and /regex/ too with ``skip_regex``; -1 when never closed."""
        if self.char(start) != opening:
            raise _fail(f"Expected {opening} but found {self.char(start)}")
        depth, index = 1, start + 1
        while self.in_bounds(index):
            char = self.char(index)
            if char in "'\"":
                index = self.next_unescaped(index, char)
                if index == -1:
                    raise _fail(f"Could not find matching close quote for {char} when parsing : {self.text}")
                index += 1
            if skip_regex and self.char(index) == "/":
                index = self.next_unescaped(index, "/")
                if index == -1:
                    raise _fail(f"Could not find matching close for / when parsing regex in : {self.text}")
                index += 1
            if self.char(index) == opening:
                depth += 1
            if self.char(index) == closing:
                depth -= 1
                if depth == 0:
                    return index
            index += 1
        return -1

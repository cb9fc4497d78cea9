"""Java regular expressions (JDK 17 ``java.util.regex``) on Python's ``re``.

:func:`compile_java` parses a Java pattern with a port of ``Pattern``'s own
recursive descent parser (so invalid patterns raise Java's
``PatternSyntaxException`` with Java's message and index) and emits a Python
pattern that needs no flags: character classes become explicit code point sets
(:mod:`vtl.java.charsets`), ``.``/``^``/``$``/``\\b`` become the lookarounds that
mean what Java means, and case-insensitivity is expanded into the classes.

What Python cannot express exactly raises :class:`UnsupportedJavaRegex` naming the
construct (``\\G``, ``\\X``, scripts and blocks, ``(?U)``, variable-length
look-behind…), so a render never silently differs from Java.

:func:`replace_all`, :func:`replace_first`, :func:`split` and :func:`matches` follow
``Matcher``/``Pattern``/``String`` semantics: Java's replacement syntax (``$1``,
``${name}``, ``\\$``), errors raised only when a match needs the replacement, the
empty-match stepping of ``Matcher.find`` and ``split``'s trailing-empty rules.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any, NamedTuple, Protocol

import regex as timed_re  # the `regex` package: re's syntax with a per-call timeout

from vtl.java.limits import LimitExceeded, check_length, max_length, time_left
from vtl.java.regex_parser import Translator, UnsupportedJavaRegex
from vtl.java.registry import JavaException

# --- compiled patterns and String/Matcher operations ------------------------------


class JavaPattern(NamedTuple):
    """A translated Java pattern."""

    regex: TimedPattern
    groups: int  # capturing groups (Matcher.groupCount())
    names: dict[str, int]
    nullable: bool  # can match the empty string (needs Matcher.find's stepping)


class TimedPattern:
    """A compiled pattern whose matching stops at the render's deadline: a regex that
    backtracks exponentially (``(a+)+$``) cannot hang the process (issue 14). The `regex`
    package runs the same syntax as ``re`` (VERSION0) and takes a timeout per call."""

    __slots__ = ("_pattern",)

    def __init__(self, pattern: Any) -> None:
        self._pattern = pattern

    @property
    def pattern_text(self) -> str:
        """The translated (Python) pattern."""
        return self._pattern.pattern  # type: ignore[no-any-return]

    def _run(self, method: str, *args: Any) -> Any:
        try:
            return getattr(self._pattern, method)(*args, timeout=time_left())
        except TimeoutError:
            raise LimitExceeded(
                "a regular expression ran past the render's time limit (render_timeout)"
            ) from None

    def search(self, text: str, pos: int = 0) -> Any:
        return self._run("search", text, pos)

    def match(self, text: str, pos: int = 0) -> Any:
        return self._run("match", text, pos)

    def fullmatch(self, text: str) -> Any:
        return self._run("fullmatch", text)

    def sub(self, template: str, text: str) -> str:
        return self._run("sub", template, text)  # type: ignore[no-any-return]

    def finditer(self, text: str) -> Iterator[Any]:
        # finditer's timeout covers the whole walk, as the loop below consumes it.
        try:
            yield from self._pattern.finditer(text, timeout=time_left())
        except TimeoutError:
            raise LimitExceeded(
                "a regular expression ran past the render's time limit (render_timeout)"
            ) from None


@lru_cache(maxsize=512)
def compile_java(pattern: str) -> JavaPattern:
    """Translate and compile a Java regex (cached); raises PatternSyntaxException."""
    translator = Translator(pattern)
    node = translator.translate()
    try:
        # Compiled by `regex` only (it runs the matches): also compiling with `re` to check
        # the translation cost 10 ms for a negated class like [^0-9] (re expands it).
        regex = TimedPattern(timed_re.compile(node.text))
    except timed_re.error as exc:  # a Java construct Python rejects (should not happen)
        raise UnsupportedJavaRegex(
            f"Python cannot compile the translation of the Java regex {pattern!r}: {exc}"
        ) from None
    return JavaPattern(regex, translator.group_count - 1, dict(translator.named), node.min == 0)


class Found(Protocol):
    """A match as :func:`java_find_all` gives it: positions and groups in ``string``."""

    @property
    def string(self) -> str: ...

    def start(self) -> int: ...

    def end(self) -> int: ...

    def group(self, index: int) -> str | Any: ...


class _Shifted:
    """A match found in one text, placed in ``string``: ``shift`` more UTF-16 units
    precede it there (supplementary characters an earlier empty match split)."""

    __slots__ = ("_match", "_shift", "string")

    def __init__(self, match: Any, shift: int, string: str) -> None:
        self._match = match
        self._shift = shift
        self.string = string

    def start(self) -> int:
        return self._match.start() + self._shift  # type: ignore[no-any-return]

    def end(self) -> int:
        return self._match.end() + self._shift  # type: ignore[no-any-return]

    def group(self, index: int) -> str | Any:
        return self._match.group(index)


def java_find_all(pattern: JavaPattern, text: str) -> Iterator[Found]:
    """The matches ``Matcher.find()`` returns in turn, in Java's order.

    After an empty match Java searches again one UTF-16 unit further on; Python's
    ``finditer`` differs there, so nullable patterns take this loop. When that unit is
    the middle of a supplementary character, Java tries a match there, inside the
    surrogate pair (``"é😀".replaceAll("", "-")`` is ``-é-\ud83d-\ude00-``): a match
    there splits the character into its two surrogates in the text the callers slice,
    ``match.string`` (its earlier positions are unchanged).
    """
    if not pattern.nullable:
        yield from pattern.regex.finditer(text)
        return
    search = pattern.regex.search
    shown = text  # the text with the split characters, positions ``shift`` further on
    shift = 0
    position = 0
    while position <= len(text):
        match = search(text, position)
        if match is None:
            return
        yield _Shifted(match, shift, shown)
        position = match.end()
        if match.end() > match.start():
            continue
        if position < len(text) and text[position] > "\uffff":
            inside = _match_inside_pair(pattern, text, position)
            if inside is not None:
                here = position + shift  # the character's place in ``shown``
                shown = shown[:here] + _surrogates(text[position]) + shown[here + 1:]
                yield _Shifted(inside, shift, shown)
                shift += 1
                if inside.end() > inside.start():
                    position = inside.end() - 1  # back in ``text``: the pair is one there
                    continue
        position += 1


def _surrogates(char: str) -> str:
    code = ord(char) - 0x10000
    return chr(0xD800 + (code >> 10)) + chr(0xDC00 + (code & 0x3FF))


def _match_inside_pair(pattern: JavaPattern, text: str, position: int) -> Any:
    """Java's match attempt between the surrogates of ``text[position]``: at the low
    surrogate, with only the high one behind it (``Character.codePointAt`` and
    ``codePointBefore`` read a lone surrogate there). Positions are in the split text.

    Java's search also starts inside a pair when a look-behind (``\\b``, ``(?<=…)``)
    failed at the pair's first unit, and its look-behinds count UTF-16 units: a pattern
    with one stays unsupported here rather than differ (surrfuzz.py, round 7).
    """
    if "(?<" in pattern.regex.pattern_text:
        raise UnsupportedJavaRegex(
            "an empty match of a look-behind regex right before a supplementary character "
            "(Java goes on inside its UTF-16 surrogate pair)")
    split = text[:position] + _surrogates(text[position]) + text[position + 1:]
    return pattern.regex.match(split, position + 1)


class Replacement(NamedTuple):
    """A parsed ``Matcher`` replacement string."""

    pieces: tuple[str | int, ...]  # literal text, or a group number
    template: str | None  # the same for Python's re.sub, or None if it has an error
    error: JavaException | None  # raised when the first match needs the replacement


@lru_cache(maxsize=512)
def parse_replacement(replacement: str, groups: int, names: tuple[tuple[str, int], ...]
                      ) -> Replacement:
    """``Matcher.appendExpandedReplacement``: ``$n``, ``${name}``, ``\\x``."""
    pieces: list[str | int] = []
    literal: list[str] = []
    named = dict(names)
    cursor, length = 0, len(replacement)

    def fail(java_class: str, message: str) -> Replacement:
        return Replacement((), None, JavaException(java_class, message))

    illegal = "java.lang.IllegalArgumentException"
    while cursor < length:
        char = replacement[cursor]
        if char == "\\":
            cursor += 1
            if cursor == length:
                return fail(illegal, "character to be escaped is missing")
            literal.append(replacement[cursor])
            cursor += 1
        elif char == "$":
            cursor += 1
            if cursor == length:
                return fail(illegal, "Illegal group reference: group index is missing")
            char = replacement[cursor]
            if char == "{":
                cursor += 1
                start = cursor
                while cursor < length and replacement[cursor].isascii() and \
                        replacement[cursor].isalnum():
                    cursor += 1
                name = replacement[start:cursor]
                if not name:
                    return fail(illegal, "named capturing group has 0 length name")
                if cursor == length or replacement[cursor] != "}":
                    return fail(illegal, "named capturing group is missing trailing '}'")
                if name[0].isdigit():
                    return fail(illegal,
                                f"capturing group name {{{name}}} starts with digit character")
                if name not in named:
                    return fail(illegal, f"No group with name {{{name}}}")
                number = named[name]
                cursor += 1
            else:
                if not "0" <= char <= "9":
                    return fail(illegal, "Illegal group reference")
                number = ord(char) - 48
                cursor += 1
                while cursor < length and "0" <= replacement[cursor] <= "9":
                    longer = number * 10 + ord(replacement[cursor]) - 48
                    if groups < longer:
                        break
                    number = longer
                    cursor += 1
                if number > groups:
                    return fail("java.lang.IndexOutOfBoundsException", f"No group {number}")
            if literal:
                pieces.append("".join(literal))
                literal = []
            pieces.append(number)
        else:
            literal.append(char)
            cursor += 1
    if literal:
        pieces.append("".join(literal))
    template = "".join(p.replace("\\", "\\\\") if isinstance(p, str) else f"\\g<{p}>"
                       for p in pieces)
    return Replacement(tuple(pieces), template, None)


def _replacement_for(pattern: JavaPattern, replacement: str) -> Replacement:
    return parse_replacement(replacement, pattern.groups, tuple(sorted(pattern.names.items())))


def _expand(match: Found, pieces: tuple[str | int, ...]) -> str:
    return "".join(p if isinstance(p, str) else (match.group(p) or "") for p in pieces)


def replace_all(text: str, regex: str, replacement: str) -> str:
    """``String.replaceAll(regex, replacement)``"""
    pattern = compile_java(regex)
    parsed = _replacement_for(pattern, replacement)
    if parsed.error is not None:
        for _ in java_find_all(pattern, text):
            raise parsed.error
        return text
    assert parsed.template is not None
    limit = max_length()
    bounded = limit is None or _most_replaced(text, parsed.pieces) <= limit
    if not pattern.nullable and bounded:
        return pattern.regex.sub(parsed.template, text)
    # Either empty matches (Matcher.find's stepping) or a result that could pass the
    # output limit ('' replaced by a long string makes len(text)² characters): built
    # piece by piece, stopping at the limit instead of after memory is gone (issue 14).
    out = []
    size = last = 0
    for match in java_find_all(pattern, text):
        text = match.string  # a supplementary character split by an empty match
        piece = _expand(match, parsed.pieces)
        out.append(text[last:match.start()])
        out.append(piece)
        size += match.start() - last + len(piece)
        if not bounded and size > limit:  # type: ignore[operator]
            check_length(size)
        last = match.end()
    out.append(text[last:])
    return "".join(out)


def _most_replaced(text: str, pieces: tuple[str | int, ...]) -> int:
    """The longest ``replaceAll`` can make ``text``: a match at every position (and the
    end), each replaced by the literal text and groups as long as ``text``."""
    per_match = sum(len(p) if isinstance(p, str) else len(text) for p in pieces)
    return len(text) + (len(text) + 1) * per_match


def replace_first(text: str, regex: str, replacement: str) -> str:
    """``String.replaceFirst(regex, replacement)``"""
    pattern = compile_java(regex)
    match = pattern.regex.search(text)
    if match is None:
        return text
    parsed = _replacement_for(pattern, replacement)
    if parsed.error is not None:
        raise parsed.error
    return text[:match.start()] + _expand(match, parsed.pieces) + text[match.end():]


def matches(text: str, regex: str) -> bool:
    """``String.matches(regex)``: the whole string must match."""
    return compile_java(regex).regex.fullmatch(text) is not None


_SPLIT_META = ".$|()[{^?*+\\"


def split(text: str, regex: str, limit: int = 0) -> tuple[str, ...]:
    """``String.split(regex, limit)``: a ``String[]``, with Java's rules for empty strings."""
    fast = _fastpath_char(regex)
    parts: list[str] | None
    if fast is not None:
        if fast not in text:
            return (text,)
        parts = text.split(fast, limit - 1) if limit > 0 else text.split(fast)
    else:
        parts = _regex_split(compile_java(regex), text, limit)
        if parts is None:
            return (text,)
    if limit == 0:
        while parts and parts[-1] == "":
            parts.pop()
    return tuple(parts)


def _fastpath_char(regex: str) -> str | None:
    """The one character ``String.split`` splits on without a regex, or None."""
    if len(regex) == 1:
        char = regex
        if char in _SPLIT_META:
            return None
    elif len(regex) == 2 and regex[0] == "\\":
        char = regex[1]
        if char.isascii() and char.isalnum():
            return None
    else:
        return None
    return None if "\ud800" <= char <= "\udfff" or char > "\uffff" else char


def _regex_split(pattern: JavaPattern, text: str, limit: int) -> list[str] | None:
    """``Pattern.split``; None when nothing matched (the input is returned whole)."""
    index = 0
    parts: list[str] = []
    limited = limit > 0
    for match in java_find_all(pattern, text):
        text = match.string  # a supplementary character split by an empty match
        if not limited or len(parts) < limit - 1:
            if index == 0 and match.start() == 0 and match.start() == match.end():
                continue  # no leading empty string for a zero-width match at 0
            parts.append(text[index:match.start()])
            index = match.end()
        elif len(parts) == limit - 1:
            parts.append(text[index:])
            index = match.end()
            break
    if index == 0:
        return None
    if not limited or len(parts) < limit:
        parts.append(text[index:])
    return parts


__all__ = [
    "JavaPattern",
    "UnsupportedJavaRegex",
    "compile_java",
    "matches",
    "replace_all",
    "replace_first",
    "split",
]

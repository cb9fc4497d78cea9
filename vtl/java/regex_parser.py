"""A port of JDK 17 ``java.util.regex.Pattern``'s parser that emits Python regex text.

The parser follows ``Pattern``'s recursive descent method by method (``expr``,
``sequence``, ``atom``, ``escape``, ``clazz``, ``range``, ``family``, ``group0``,
``closure``), so an invalid pattern fails where and how Java's does, with Java's
``PatternSyntaxException`` message and index. Its output needs no Python flags:
character classes are explicit code point sets (:mod:`vtl.java.charsets`),
``.``/``^``/``$``/``\\b`` are the lookarounds that mean what Java means, and
case-insensitivity is expanded into the classes.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from vtl.java import charsets
from vtl.java.casing import char_lower, char_upper
from vtl.java.charsets import CharSet
from vtl.java.objects import UnsupportedJava
from vtl.java.registry import JavaException


class UnsupportedJavaRegex(UnsupportedJava):
    """A Java regex construct Python's ``re`` cannot reproduce exactly."""


UNIX_LINES, CASE_INSENSITIVE, COMMENTS, MULTILINE = 0x01, 0x02, 0x04, 0x08
DOTALL, UNICODE_CASE, CANON_EQ, UNICODE_CHARACTER_CLASS = 0x20, 0x40, 0x80, 0x100


def pattern_syntax_error(desc: str, pattern: str, index: int) -> JavaException:
    """``PatternSyntaxException`` with ``getMessage()`` as JDK 17 builds it."""
    message = desc
    if index >= 0:
        message += f" near index {index}"
    message += "\n" + pattern
    if 0 <= index < len(pattern):
        message += "\n" + " " * index + "^"
    return JavaException("java.util.regex.PatternSyntaxException", message)


class Node:
    """A translated piece: Python regex text and the lengths it can match.

    ``java_valid`` and ``deterministic`` follow Java's ``TreeInfo`` (approximately:
    int overflow is ignored): a look-behind whose body is not ``java_valid`` is a
    ``PatternSyntaxException`` in Java.
    """

    __slots__ = (
        "alternatives",
        "atomic",
        "deterministic",
        "java_valid",
        "kind",
        "max",
        "min",
        "text",
    )

    def __init__(self, text: str, low: int, high: int | None, atomic: bool = True,
                 alternatives: list[Node] | None = None, kind: str = "other",
                 java_valid: bool = True, deterministic: bool = True) -> None:
        self.text = text
        self.min = low
        self.max = high
        self.atomic = atomic  # safe to follow with a Python quantifier
        self.alternatives = alternatives
        self.kind = kind  # "char" (one code point), "group", or "other"
        self.java_valid = java_valid
        self.deterministic = deterministic

    def quantifiable(self) -> str:
        return self.text if self.atomic else f"(?:{self.text})"


def _zero_width(text: str) -> Node:
    return Node(f"(?:{text})", 0, 0)


class Translator:
    """A port of ``java.util.regex.Pattern``'s parser that emits Python regex text."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.temp = [ord(c) for c in pattern]
        self.length = len(self.temp)
        self._remove_qe_quoting()
        self.temp += [0, 0]
        self.cursor = 0
        self.flags = 0
        self.group_count = 1
        self.named: dict[str, int] = {}
        self.open_groups: set[int] = set()
        self.forward_refs: set[int] = set()
        self.root: Node | None = None
        self.predicate: CharSet | None = None

    # --- reading -------------------------------------------------------------------

    def error(self, desc: str) -> JavaException:
        return pattern_syntax_error(desc, self.pattern, self.cursor - 1)

    def unsupported(self, construct: str) -> UnsupportedJavaRegex:
        return UnsupportedJavaRegex(
            f"the Java regex construct {construct} cannot be reproduced exactly "
            f"(pattern: {self.pattern!r})")

    def has(self, flag: int) -> bool:
        return self.flags & flag != 0

    def peek(self) -> int:
        ch = self.temp[self.cursor]
        if self.has(COMMENTS):
            ch = self._peek_past_whitespace(ch)
        return ch

    def read(self) -> int:
        ch = self.temp[self.cursor]
        self.cursor += 1
        if self.has(COMMENTS):
            ch = self._parse_past_whitespace(ch)
        return ch

    def next(self) -> int:
        self.cursor += 1
        ch = self.temp[self.cursor]
        if self.has(COMMENTS):
            ch = self._peek_past_whitespace(ch)
        return ch

    def next_escaped(self) -> int:
        self.cursor += 1
        return self.temp[self.cursor]

    def skip(self) -> int:
        ch = self.temp[self.cursor + 1]
        self.cursor += 2
        return ch

    def unread(self) -> None:
        self.cursor -= 1

    def accept(self, ch: int, message: str) -> None:
        test = self.temp[self.cursor]
        self.cursor += 1
        if self.has(COMMENTS):
            test = self._parse_past_whitespace(test)
        if ch != test:
            raise self.error(message)

    def _is_line_separator(self, ch: int) -> bool:
        if self.has(UNIX_LINES):
            return ch == 0x0A
        return ch in (0x0A, 0x0D, 0x85) or (ch | 1) == 0x2029

    def _peek_past_whitespace(self, ch: int) -> int:
        while _is_space(ch) or ch == 0x23:
            while _is_space(ch):
                self.cursor += 1
                ch = self.temp[self.cursor]
            if ch == 0x23:
                ch = self._peek_past_line()
        return ch

    def _parse_past_whitespace(self, ch: int) -> int:
        while _is_space(ch) or ch == 0x23:
            while _is_space(ch):
                ch = self.temp[self.cursor]
                self.cursor += 1
            if ch == 0x23:
                ch = self._parse_past_line()
        return ch

    def _parse_past_line(self) -> int:
        ch = self.temp[self.cursor]
        self.cursor += 1
        while ch != 0 and not self._is_line_separator(ch):
            ch = self.temp[self.cursor]
            self.cursor += 1
        if ch == 0 and self.cursor > self.length:
            self.cursor = self.length
            ch = self.temp[self.cursor]
            self.cursor += 1
        return ch

    def _peek_past_line(self) -> int:
        self.cursor += 1
        ch = self.temp[self.cursor]
        while ch != 0 and not self._is_line_separator(ch):
            self.cursor += 1
            ch = self.temp[self.cursor]
        if ch == 0 and self.cursor > self.length:
            self.cursor = self.length
            ch = self.temp[self.cursor]
        return ch

    def _remove_qe_quoting(self) -> None:
        """``Pattern.RemoveQEQuoting``: rewrite ``\\Q...\\E`` as escaped characters."""
        temp, length = self.temp, self.length
        i = 0
        while i < length - 1:
            if temp[i] != 0x5C:
                i += 1
            elif temp[i + 1] != 0x51:
                i += 2
            else:
                break
        if i >= length - 1:
            return
        out = temp[:i]
        i += 2
        in_quote = begin_quote = True
        while i < length:
            c = temp[i]
            i += 1
            if c > 0x7F or _is_alpha(c):
                out.append(c)
            elif 0x30 <= c <= 0x39:
                if begin_quote:
                    out += [0x5C, 0x78, 0x33]  # \x3 before a digit, as the JDK does
                out.append(c)
            elif c != 0x5C:
                if in_quote:
                    out.append(0x5C)
                out.append(c)
            elif in_quote:
                if i < length and temp[i] == 0x45:
                    i += 1
                    in_quote = False
                else:
                    out += [0x5C, 0x5C]
            else:
                if i < length and temp[i] == 0x51:
                    i += 1
                    in_quote = begin_quote = True
                    continue
                out.append(c)
                if i != length:
                    out.append(temp[i])
                    i += 1
            begin_quote = False
        self.temp = out
        self.length = len(out)

    # --- the grammar ---------------------------------------------------------------

    def translate(self) -> Node:
        node = self.expr()
        if self.length != self.cursor:
            if self.peek() == 0x29:
                raise self.error("Unmatched closing ')'")
            raise self.error("Unexpected internal error")
        if any(ref < self.group_count for ref in self.forward_refs):
            raise self.unsupported("a back reference to a group defined after it")
        return node

    def expr(self) -> Node:
        alternatives = []
        while True:
            alternatives.append(self.sequence())
            if self.peek() != 0x7C:
                break
            self.next()
        if len(alternatives) == 1:
            return alternatives[0]
        highs = [a.max for a in alternatives]
        return Node("(?:" + "|".join(a.text for a in alternatives) + ")",
                    min(a.min for a in alternatives),
                    None if None in highs else max(h for h in highs if h is not None),
                    alternatives=alternatives,
                    java_valid=all(a.java_valid for a in alternatives), deterministic=False)

    def sequence(self) -> Node:
        parts: list[Node] = []
        while True:
            ch = self.peek()
            node: Node | None
            if ch == 0x28:  # (
                node = self.group0()
                if node is not None:
                    parts.append(node)
                continue
            if ch == 0x5B:  # [
                node = self.set_node(self.clazz(True))
            elif ch == 0x5C:  # \
                ch = self.next_escaped()
                if ch in (0x70, 0x50):  # p P
                    node = self.set_node(self._property_after_p(ch))
                else:
                    self.unread()
                    node = self.atom()
            elif ch == 0x5E:  # ^
                self.next()
                node = self.caret()
            elif ch == 0x24:  # $
                self.next()
                node = self.dollar(self.has(MULTILINE))
            elif ch == 0x2E:  # .
                self.next()
                node = self.dot()
            elif ch in (0x7C, 0x29):  # | )
                break
            elif ch in (0x3F, 0x2A, 0x2B):  # ? * +
                self.next()
                raise self.error(f"Dangling meta character '{chr(ch)}'")
            elif ch == 0 and self.cursor >= self.length:
                break
            else:
                node = self.atom()
            assert node is not None
            parts.append(self.closure(node))
        if not parts:
            return Node("", 0, 0)
        if len(parts) == 1:
            return parts[0]
        highs = [p.max for p in parts]
        return Node("".join(p.text for p in parts), sum(p.min for p in parts),
                    None if None in highs else sum(h for h in highs if h is not None),
                    atomic=False, java_valid=all(p.java_valid for p in parts),
                    deterministic=all(p.deterministic for p in parts))

    def _property_after_p(self, ch: int) -> CharSet:
        complement = ch == 0x50
        one_letter = True
        ch = self.next()
        if ch != 0x7B:
            self.unread()
        else:
            one_letter = False
        return self.family(one_letter, complement)

    def atom(self) -> Node:
        first = 0
        prev = -1
        buffer: list[int] = []
        ch = self.peek()
        while True:
            if ch in (0x2A, 0x2B, 0x3F, 0x7B):  # * + ? {
                if first > 1:
                    self.cursor = prev
                    first -= 1
                    buffer.pop()
                break
            if ch in (0x24, 0x2E, 0x5E, 0x28, 0x5B, 0x7C, 0x29):
                break
            if ch == 0x5C:
                ch = self.next_escaped()
                if ch in (0x70, 0x50):
                    if first > 0:
                        self.unread()
                        break
                    return self.set_node(self._property_after_p(ch))
                self.unread()
                prev = self.cursor
                ch = self.escape(False, first == 0, False)
                if ch >= 0:
                    buffer.append(ch)
                    first += 1
                    ch = self.peek()
                    continue
                if first == 0:
                    assert self.root is not None
                    return self.root
                self.cursor = prev
                break
            if ch == 0 and self.cursor >= self.length:
                break
            prev = self.cursor
            buffer.append(ch)
            first += 1
            ch = self.next()
        if first == 1:
            return self.set_node(self.single(buffer[0]))
        return self.slice(buffer)

    def ref(self, ref_num: int) -> Node:
        while True:
            ch = self.peek()
            if 0x30 <= ch <= 0x39:
                new_ref = ref_num * 10 + ch - 0x30
                if self.group_count - 1 < new_ref:
                    break
                ref_num = new_ref
                self.read()
            else:
                break
        return self.backref(ref_num)

    def backref(self, number: int) -> Node:
        if number in self.open_groups:
            raise self.unsupported(f"a back reference to group {number} inside that group")
        if number >= self.group_count:
            # Java's reference to a group that is not set (yet) never matches.
            self.forward_refs.add(number)
            return Node("(?!)", 0, None, java_valid=False)
        text = f"(?:\\{number})"
        if self.has(CASE_INSENSITIVE):
            text = f"(?i:\\{number})" if self.has(UNICODE_CASE) else f"(?ai:\\{number})"
        return Node(text, 0, None, java_valid=False)

    def escape(self, inclass: bool, create: bool, isrange: bool) -> int:
        """``Pattern.escape``: a literal code point, or -1 with ``root``/``predicate`` set."""
        ch = self.skip()
        c = chr(ch) if ch else ""
        if c == "0":
            return self.octal()
        if c in "123456789" and c:
            if not inclass:
                if create:
                    self.root = self.ref(ch - 0x30)
                return -1
        elif c == "A" and not inclass:
            if create:
                self.root = _zero_width(r"\A")
            return -1
        elif c == "B" and not inclass:
            if create:
                self.root = self.boundary(False)
            return -1
        elif c in "DdSsWwHhVv" and c:
            if c in "vV" and isrange and c == "v":
                return 0x0B
            if create:
                self.predicate = self.class_escape(c)
                if not inclass:
                    self.root = self.set_node(self.predicate)
            return -1
        elif c == "G" and not inclass:
            raise self.unsupported("\\G")
        elif c == "N":
            return self.named_char()
        elif c == "R" and not inclass:
            if create:
                self.root = Node(r"(?:\r\n|[\n\x0b\x0c\r\x85\u2028\u2029])", 1, 2)
            return -1
        elif c == "X" and not inclass:
            raise self.unsupported("\\X")
        elif c == "Z" and not inclass:
            if create:
                self.root = self.dollar(False)
            return -1
        elif c == "a":
            return 0x07
        elif c == "b" and not inclass:
            if create:
                if self.peek() == 0x7B:
                    if self.skip() == 0x67:  # \b{g
                        if self.read() == 0x7D:
                            raise self.unsupported("\\b{g}")
                        raise self.error("Illegal/unsupported escape sequence")
                    self.unread()
                    self.unread()
                self.root = self.boundary(True)
            return -1
        elif c == "c":
            return self.control()
        elif c == "e":
            return 0x1B
        elif c == "f":
            return 0x0C
        elif c == "k" and not inclass:
            if self.read() != 0x3C:
                raise self.error("\\k is not followed by '<' for named capturing group")
            name = self.groupname(self.read())
            if name not in self.named:
                raise self.error(f"named capturing group <{name}> does not exist")
            if create:
                number = self.named[name]
                if number in self.open_groups:
                    raise self.unsupported(f"a back reference to group <{name}> inside it")
                self.root = Node(self.backref(number).text, 0, None, java_valid=False)
            return -1
        elif c == "n":
            return 0x0A
        elif c == "r":
            return 0x0D
        elif c == "t":
            return 0x09
        elif c == "u":
            return self.unicode_escape()
        elif c == "x":
            return self.hex_escape()
        elif c == "z" and not inclass:
            if create:
                self.root = _zero_width(r"\Z")
            return -1
        elif not ("a" <= c <= "z" or "A" <= c <= "Z" or "0" <= c <= "9") or not c:
            return ch
        raise self.error("Illegal/unsupported escape sequence")

    def class_escape(self, c: str) -> CharSet:
        if self.has(UNICODE_CHARACTER_CLASS):
            raise self.unsupported("(?U)")
        base = {"d": charsets.ASCII_DIGIT, "s": charsets.ASCII_SPACE, "w": charsets.ASCII_WORD,
                "h": charsets.HORIZONTAL_SPACE, "v": charsets.VERTICAL_SPACE}[c.lower()]
        return base.negate() if c.isupper() else base

    def clazz(self, consume: bool) -> CharSet:
        """``Pattern.clazz``: a character class, unions and ``&&`` intersections."""
        prev: CharSet | None = None
        curr: CharSet | None = None
        bits: list[int] = []
        is_neg = False
        has_bits = False
        ch = self.next()
        if ch == 0x5E and self.temp[self.cursor - 1] == 0x5B:
            ch = self.next()
            is_neg = True
        while True:
            if ch == 0x5B:
                curr = self.clazz(True)
                prev = curr if prev is None else prev.union(curr)
                ch = self.peek()
                continue
            if ch == 0x26:  # &
                ch = self.next()
                if ch == 0x26:
                    ch = self.next()
                    right: CharSet | None = None
                    while ch != 0x5D and ch != 0x26:
                        if ch == 0x5B:
                            inner = self.clazz(True)
                        else:
                            self.unread()
                            inner = self.clazz(False)
                        right = inner if right is None else right.union(inner)
                        ch = self.peek()
                    if has_bits:
                        bits_set = self.bits_set(bits)
                        if prev is None:
                            prev = curr = bits_set
                        else:
                            prev = prev.union(bits_set)
                        has_bits = False
                        bits = []
                    if right is not None:
                        curr = right
                    if prev is None:
                        if right is None:
                            raise self.error("Bad class syntax")
                        prev = right
                    else:
                        assert curr is not None
                        prev = prev.intersect(curr)
                else:
                    self.unread()
                    curr = self.range(bits)
                    if curr is None:
                        has_bits = True
                    else:
                        prev = curr if prev is None else prev.union(curr)
                    ch = self.peek()
                continue
            if ch == 0 and self.cursor >= self.length:
                raise self.error("Unclosed character class")
            if ch == 0x5D and (prev is not None or has_bits):
                if consume:
                    self.next()
                if prev is None:
                    prev = self.bits_set(bits)
                elif has_bits:
                    prev = prev.union(self.bits_set(bits))
                return prev.negate() if is_neg else prev
            curr = self.range(bits)
            if curr is None:
                has_bits = True
            else:
                prev = curr if prev is None else prev.union(curr)
            ch = self.peek()

    def bits_set(self, bits: list[int]) -> CharSet:
        return CharSet.of(*[(c, c) for c in bits])

    def bits_or_single(self, bits: list[int], ch: int) -> CharSet | None:
        """``Pattern.bitsOrSingle``: Latin-1 characters go to the shared bit set."""
        if ch < 256 and not (self.has(CASE_INSENSITIVE) and self.has(UNICODE_CASE) and ch in (
                0xFF, 0xB5, 0x49, 0x69, 0x53, 0x73, 0x4B, 0x6B, 0xC5, 0xE5)):
            bits.append(ch)
            if self.has(CASE_INSENSITIVE):
                if ch < 0x80:
                    if 0x41 <= ch <= 0x5A or 0x61 <= ch <= 0x7A:
                        bits.append(ch ^ 0x20)
                elif self.has(UNICODE_CASE):
                    bits.append(char_lower(ch))
                    bits.append(char_upper(ch))
            return None
        return self.single(ch)

    def single(self, ch: int) -> CharSet:
        """``Pattern.single``: one character, with the case variants ``(?i)`` allows."""
        if self.has(CASE_INSENSITIVE):
            if self.has(UNICODE_CASE):
                upper = char_upper(ch)
                if upper != char_lower(upper):
                    return charsets.unicode_fold_set(ch)
            elif ch < 0x80 and (0x41 <= ch <= 0x5A or 0x61 <= ch <= 0x7A):
                return CharSet.of((ch, ch), (ch ^ 0x20, ch ^ 0x20))
        return CharSet.of((ch, ch))

    def range(self, bits: list[int]) -> CharSet | None:
        """``Pattern.range``: one class member (a character, a range, an escape)."""
        ch = self.peek()
        if ch == 0x5C:
            ch = self.next_escaped()
            if ch in (0x70, 0x50):
                return self._property_after_p(ch)
            isrange = self.temp[self.cursor + 1] == 0x2D
            self.unread()
            ch = self.escape(True, True, isrange)
            if ch == -1:
                assert self.predicate is not None
                return self.predicate
        else:
            self.next()
        if ch >= 0:
            if self.peek() == 0x2D:
                end_range = self.temp[self.cursor + 1]
                if end_range == 0x5B:
                    return self.bits_or_single(bits, ch)
                if end_range != 0x5D:
                    self.next()
                    m = self.peek()
                    if m == 0x5C:
                        m = self.escape(True, False, True)
                    else:
                        self.next()
                    if m < ch:
                        raise self.error("Illegal character range")
                    if self.has(CASE_INSENSITIVE):
                        if self.has(UNICODE_CASE):
                            return charsets.unicode_case_range(ch, m)
                        return charsets.ascii_case_range(ch, m)
                    return CharSet.of((ch, m))
            return self.bits_or_single(bits, ch)
        raise self.error(f"Unexpected character '{chr(ch & 0xFFFF)}'")

    def family(self, single_letter: bool, complement: bool) -> CharSet:
        """``Pattern.family``: ``\\p{...}``/``\\P{...}``."""
        self.next()
        if single_letter:
            name = chr(self.temp[self.cursor])
            self.read()
        else:
            i = self.cursor
            self.temp[self.length] = 0x7D
            while self.read() != 0x7D:
                pass
            self.temp[self.length] = 0
            j = self.cursor
            if j > self.length:
                raise self.error("Unclosed character family")
            if i + 1 >= j:
                raise self.error("Empty character family")
            name = "".join(map(chr, self.temp[i:j - 1]))
        result = self._property(name)
        return result.negate() if complement else result

    def _property(self, name: str) -> CharSet:
        case_insensitive = self.has(CASE_INSENSITIVE)
        if "=" in name:
            key, _, value = name.partition("=")
            key = key.lower()
            if key in ("gc", "general_category"):
                found = self._java_property(value, case_insensitive)
                if found is not None:
                    return found
            elif key in ("sc", "script", "blk", "block"):
                raise self.unsupported(f"\\p{{{name}}} (Unicode scripts and blocks)")
            raise self.error(f"Unknown Unicode property {{name=<{key}>, value=<{value}>}}")
        if name.startswith("In"):
            raise self.unsupported(f"\\p{{{name}}} (Unicode blocks)")
        if name.startswith("Is"):
            short = name[2:]
            try:
                found = charsets.unicode_binary_property(short, case_insensitive)
            except KeyError:
                raise self.unsupported(f"\\p{{{name}}}") from None
            if found is None:
                found = self._java_property(short, case_insensitive)
            if found is None:
                raise self.unsupported(f"\\p{{{name}}} (Unicode scripts)")
            return found
        if self.has(UNICODE_CHARACTER_CLASS):
            raise self.unsupported("(?U)")
        found = self._java_property(name, case_insensitive)
        if found is None:
            raise self.error(f"Unknown character property name {{{name}}}")
        return found

    def _java_property(self, name: str, case_insensitive: bool) -> CharSet | None:
        try:
            return charsets.java_property(name, case_insensitive)
        except KeyError:
            raise self.unsupported(f"\\p{{{name}}}") from None

    def groupname(self, ch: int) -> str:
        if not _is_alpha(ch):
            raise self.error("capturing group name does not start with a Latin letter")
        name = []
        while True:
            name.append(chr(ch))
            ch = self.read()
            if not (_is_alpha(ch) or 0x30 <= ch <= 0x39):
                break
        if ch != 0x3E:
            raise self.error("named capturing group is missing trailing '>'")
        return "".join(name)

    def group0(self) -> Node | None:
        """``Pattern.group0``: every kind of parenthesised group, with its quantifier."""
        save = self.flags
        self.root = None
        ch = self.next()
        capture: int | None = None
        if ch == 0x3F:  # ?
            ch = self.skip()
            if ch == 0x3A:  # :
                body = self.expr()
                node = self.group_node(f"(?:{body.text})", body)
            elif ch in (0x3D, 0x21):  # = !
                body = self.expr()
                node = Node(f"(?{chr(ch)}{body.text})", 0, 0)
            elif ch == 0x3E:  # >
                body = self.expr()
                node = self.group_node(f"(?>{body.text})", body)
            elif ch == 0x3C:  # <
                ch = self.read()
                if ch not in (0x3D, 0x21):
                    name = self.groupname(ch)
                    if name in self.named:
                        raise self.error(f"Named capturing group <{name}> is already defined")
                    capture = self.group_count
                    self.group_count += 1
                    self.named[name] = capture
                    self.open_groups.add(capture)
                    body = self.expr()
                    node = self.group_node(f"(?P<{name}>{body.text})", body)
                else:
                    body = self.expr()
                    if not body.java_valid:
                        raise self.error(
                            "Look-behind group does not have an obvious maximum length")
                    node = self.lookbehind(body, "=" if ch == 0x3D else "!")
            elif ch in (0x24, 0x40):  # $ @
                raise self.error("Unknown group type")
            else:
                self.unread()
                self.add_flag()
                ch = self.read()
                if ch == 0x29:
                    return None  # inline flags only: they stay set after the group
                if ch != 0x3A:
                    raise self.error("Unknown inline modifier")
                body = self.expr()
                node = self.group_node(f"(?:{body.text})", body)
        else:
            capture = self.group_count
            self.group_count += 1
            self.open_groups.add(capture)
            body = self.expr()
            node = self.group_node(f"({body.text})", body)
        self.accept(0x29, "Unclosed group")
        self.flags = save
        if capture is not None:
            self.open_groups.discard(capture)
        return self.closure(node)

    def group_node(self, text: str, body: Node) -> Node:
        return Node(text, body.min, body.max, kind="group", java_valid=body.java_valid,
                    deterministic=body.deterministic)

    def lookbehind(self, body: Node, kind: str) -> Node:
        """A look-behind; Python needs fixed-width alternatives."""
        if body.min == body.max:
            return Node(f"(?<{kind}{body.text})", 0, 0)
        alternatives = body.alternatives or []
        if alternatives and all(a.min == a.max for a in alternatives):
            if kind == "=":
                return Node("(?:" + "|".join(f"(?<={a.text})" for a in alternatives) + ")", 0, 0)
            return Node("".join(f"(?<!{a.text})" for a in alternatives), 0, 0, atomic=False)
        raise self.unsupported("a variable-length look-behind")

    def add_flag(self) -> None:
        ch = self.peek()
        table = {0x69: CASE_INSENSITIVE, 0x6D: MULTILINE, 0x73: DOTALL, 0x64: UNIX_LINES,
                 0x75: UNICODE_CASE, 0x63: CANON_EQ, 0x78: COMMENTS,
                 0x55: UNICODE_CHARACTER_CLASS | UNICODE_CASE}
        while True:
            if ch in table:
                if ch == 0x63:
                    raise self.unsupported("(?c) (canonical equivalence)")
                if ch == 0x55:
                    raise self.unsupported("(?U) (Unicode character classes)")
                self.flags |= table[ch]
            elif ch == 0x2D:  # -
                ch = self.next()
                self.sub_flag(table)
                return
            else:
                return
            ch = self.next()

    def sub_flag(self, table: dict[int, int]) -> None:
        ch = self.peek()
        while ch in table:
            self.flags &= ~table[ch]
            ch = self.next()

    def closure(self, node: Node) -> Node:
        """``Pattern.closure``: a quantifier after ``node``, if any."""
        ch = self.peek()
        if ch == 0x3F:
            return self.quantified(node, 0, 1, "?")
        if ch == 0x2A:
            return self.quantified(node, 0, None, "*")
        if ch == 0x2B:
            return self.quantified(node, 1, None, "+")
        if ch != 0x7B:
            return node
        ch = self.skip()
        if not 0x30 <= ch <= 0x39:
            raise self.error("Illegal repetition")
        cmin = 0
        while True:
            cmin = cmin * 10 + ch - 0x30
            if cmin > 0x7FFFFFFF:  # Math.addExact overflows
                raise self.error("Illegal repetition range")
            ch = self.read()
            if not 0x30 <= ch <= 0x39:
                break
        cmax: int | None
        if ch == 0x2C:
            ch = self.read()
            if ch == 0x7D:
                self.unread()
                cmax = None
            else:
                cmax = 0
                while 0x30 <= ch <= 0x39:
                    cmax = cmax * 10 + ch - 0x30
                    if cmax > 0x7FFFFFFF:
                        raise self.error("Illegal repetition range")
                    ch = self.read()
        else:
            cmax = cmin
        if cmax is None:
            return self.quantified(node, cmin, None, f"{{{cmin},}}")
        if ch != 0x7D:
            raise self.error("Unclosed counted closure")
        if cmax < cmin:
            raise self.error("Illegal repetition range")
        self.unread()
        return self.quantified(node, cmin, cmax, f"{{{cmin},{cmax}}}")

    def quantified(self, node: Node, cmin: int, cmax: int | None, text: str) -> Node:
        ch = self.next()
        possessive = False
        if ch == 0x3F:
            self.next()
            text += "?"
        elif ch == 0x2B:
            self.next()
            text += "+"
            possessive = True
        high = None if cmax is None or node.max is None else node.max * cmax
        valid, deterministic = self._study_quantifier(node, cmin, cmax, possessive)
        return Node(f"(?:{node.quantifiable()}{text})", node.min * cmin, high,
                    java_valid=valid, deterministic=deterministic)

    @staticmethod
    def _study_quantifier(node: Node, cmin: int, cmax: int | None,
                          possessive: bool) -> tuple[bool, bool]:
        """Java's ``TreeInfo`` for a quantified node: (maxValid, deterministic)."""
        if cmin == 0 and cmax == 1:  # Ques, or a Branch for a group
            return node.java_valid, False
        if node.kind == "char":  # CharPropertyGreedy / Curly over one character
            return True, cmax is not None and cmin == cmax
        if cmax is None:  # MAX_REPS times the atom's length overflows unless it is <= 1
            valid = node.java_valid and node.max is not None and node.max <= 1
        else:
            valid = node.java_valid
        if node.kind == "group" and not node.deterministic and not possessive:
            valid = False  # a Loop
        return valid, node.deterministic and cmin == cmax

    # --- leaves --------------------------------------------------------------------

    def set_node(self, chars: CharSet) -> Node:
        return Node(chars.to_regex(), 1, 1, kind="char")

    def slice(self, buffer: list[int]) -> Node:
        """A run of literal characters (``SliceI``/``SliceU`` under ``(?i)``)."""
        if not self.has(CASE_INSENSITIVE):
            text = "".join(re.escape(chr(c)) for c in buffer)
        elif self.has(UNICODE_CASE):
            text = "".join(charsets.unicode_fold_set(c).to_regex() for c in buffer)
        else:
            text = "".join(self.single(c).to_regex() for c in buffer)
        return Node(text, len(buffer), len(buffer), atomic=len(buffer) == 1,
                    kind="char" if len(buffer) == 1 else "other")

    def dot(self) -> Node:
        if self.has(DOTALL):
            return Node("(?s:.)", 1, 1, kind="char")
        if self.has(UNIX_LINES):
            return Node(r"[^\n]", 1, 1, kind="char")
        return Node(r"[^\n\r\x85\u2028\u2029]", 1, 1, kind="char")

    def caret(self) -> Node:
        if not self.has(MULTILINE):
            return _zero_width(r"\A")
        if self.has(UNIX_LINES):
            return _zero_width(r"(?<![^\n])(?!\Z)")
        return _zero_width(r"(?<![^\n\r\x85\u2028\u2029])(?!(?<=\r)\n)(?!\Z)")

    def dollar(self, multiline: bool) -> Node:
        if self.has(UNIX_LINES):
            return _zero_width(r"(?=\n|\Z)" if multiline else r"(?=\n?\Z)")
        if multiline:
            return _zero_width(r"(?=[\r\x85\u2028\u2029]|\Z)|(?<!\r)(?=\n)")
        return _zero_width(r"\Z|(?=[\r\x85\u2028\u2029]\Z)|(?<!\r)(?=\n\Z)|(?=\r\n\Z)")

    def boundary(self, on: bool) -> Node:
        if self.has(UNICODE_CHARACTER_CLASS):
            raise self.unsupported("(?U)")
        word = _word_class()
        if on:
            return _zero_width(f"(?<={word})(?!{word})|(?<!{word})(?={word})")
        return _zero_width(f"(?<={word})(?={word})|(?<!{word})(?!{word})")

    def octal(self) -> int:
        n = self.read()
        if 0x30 <= n <= 0x37:
            m = self.read()
            if 0x30 <= m <= 0x37:
                o = self.read()
                if 0x30 <= o <= 0x37 and 0x30 <= n <= 0x33:
                    return (n - 0x30) * 64 + (m - 0x30) * 8 + (o - 0x30)
                self.unread()
                return (n - 0x30) * 8 + (m - 0x30)
            self.unread()
            return n - 0x30
        raise self.error("Illegal octal escape sequence")

    def hex_escape(self) -> int:
        n = self.read()
        if _is_hex(n):
            m = self.read()
            if _is_hex(m):
                return int(chr(n) + chr(m), 16)
        elif n == 0x7B and _is_hex(self.peek()):
            value = 0
            while True:
                n = self.read()
                if not _is_hex(n):
                    break
                value = (value << 4) + int(chr(n), 16)
                if value > 0x10FFFF:
                    raise self.error("Hexadecimal codepoint is too big")
            if n != 0x7D:
                raise self.error("Unclosed hexadecimal escape sequence")
            return value
        raise self.error("Illegal hexadecimal escape sequence")

    def _uxxxx(self) -> int:
        value = 0
        for _ in range(4):
            ch = self.read()
            if not _is_hex(ch):
                raise self.error("Illegal Unicode escape sequence")
            value = value * 16 + int(chr(ch), 16)
        return value

    def unicode_escape(self) -> int:
        n = self._uxxxx()
        if 0xD800 <= n <= 0xDBFF:
            cur = self.cursor
            if self.read() == 0x5C and self.read() == 0x75:
                n2 = self._uxxxx()
                if 0xDC00 <= n2 <= 0xDFFF:
                    return 0x10000 + ((n - 0xD800) << 10) + (n2 - 0xDC00)
            self.cursor = cur
        return n

    def control(self) -> int:
        if self.cursor < self.length:
            return self.read() ^ 64
        raise self.error("Illegal control escape sequence")

    def named_char(self) -> int:
        if self.read() == 0x7B:
            i = self.cursor
            while self.read() != 0x7D:
                if self.cursor >= self.length:
                    raise self.error("Unclosed character name escape sequence")
            name = "".join(map(chr, self.temp[i:self.cursor - 1]))
            try:
                return ord(unicodedata.lookup(name.strip()))
            except KeyError:
                raise self.error(f"Unknown character name [{name}]") from None
        raise self.error("Illegal character name escape sequence")


def _is_space(ch: int) -> bool:
    return ch in (0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D)


def _is_alpha(ch: int) -> bool:
    return 0x41 <= ch <= 0x5A or 0x61 <= ch <= 0x7A


def _is_hex(ch: int) -> bool:
    return 0x30 <= ch <= 0x39 or 0x41 <= ch <= 0x46 or 0x61 <= ch <= 0x66


@lru_cache(maxsize=1)
def _word_class() -> str:
    return charsets.word_boundary_chars().to_regex()

"""Tokens → AST in one pass: the nodes are made inside the LALR parser's reductions.

This is the builder (vtl/builder.py) without the tree: each grammar rule's reduction
receives the values of its symbols (tokens, and the nodes already made for its
sub-rules) and makes its node with the builder's own node-making methods, instead of a
Lark Tree object per rule that the builder then walks (with ``bounds`` descending the
tree again for every span).

A plain reference (``$a.b('x')``) arrives as one token, a :class:`vtl.lexer.ReferenceGroup`,
whose node :meth:`Reducer.reference_group` makes by calling the reductions of its tokens
directly, without the table; a run of text and plain references as one token too, a
:class:`vtl.lexer.StatementRun`, whose nodes :meth:`Reducer.statement_run` makes in one
loop and the parser adds to the statement list at once.

It is the fast path, not the only one. A template that fails anywhere (a syntax error,
or a check the builder makes), that nests deeper than :data:`MAX_OPEN_SYMBOLS`, or that
holds a ``#literal`` block, is parsed again by the tree-walking builder, which decides
what happens: it reports the error Velocity reports first (it checks nodes top-down, in
Velocity's order, where reductions run bottom-up), it fails as deep nesting fails there,
and it keeps #literal's token-level rules in one place. For every other template both
paths give the same Document (tests/parser/test_reducer.py compares them).
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from lark import Token, Tree

from vtl import nodes as n
from vtl.builder import (
    _OPERATORS,
    Builder,
    _check_macro_calls,
    _drop_last_char,
    _ShiftedIndex,
    comment_text,
    reference_head,
    slashbang_text,
)
from vtl.java.printing import digits_to_int
from vtl.lexer import LineIndex, ReferenceGroup, StatementRun, VtlToken, group_end, run_tokens
from vtl.parser import _run_lalr, _tables, directive_name, parser_tokens
from vtl.profiles import EngineOptions

#: The most grammar symbols open at once (the parser's stack) the fast path accepts.
#: Deeper templates take the tree path, whose recursion decides whether they nest too
#: deeply (parser.nesting_error): far below this depth it never does.
MAX_OPEN_SYMBOLS = 120


class TreePath(Exception):
    """This template takes the tree-walking builder (see the module docstring)."""


def build_directly(tokens: list[VtlToken], source: str, index: LineIndex, options: EngineOptions,
                   name: str | None) -> n.Document:
    """The Document of ``source`` from its parser tokens, made during the parse. Raises
    (anything) where the tree path must decide instead."""
    reducer = Reducer(source, index, options, name, tokens)
    body = reducer.run(MAX_OPEN_SYMBOLS)
    _check_macro_calls(body, reducer.macros, index, name)
    return n.Document(body=body, macros=reducer.macros)


def _kept(children: list[Any]) -> tuple[n.Node, ...]:
    """The nodes of a list of statements, without its _Dropped ones. A block of one
    statement (an ``#if`` of one text, 25,000 of them in issue 14's densest 300 KB
    template) without the generator: a list comprehension is its own function call in
    Python 3.11, a generator one resumed per item."""
    if len(children) == 1:
        only = children[0]
        return () if only.__class__ is _Dropped else (only,)
    return tuple([c for c in children if c.__class__ is not _Dropped])


class _Dropped:
    """A statement that makes no node (a comment), kept for where it ends."""

    __slots__ = ("end",)

    def __init__(self, end: int) -> None:
        self.end = end


# The value of a reference's ``[i]``, ``.name`` or ``.name(…)``: its modifiers (a member
# and the indexes after it) and where it ends.
_Part = tuple[tuple[n.Modifier, ...], int]
# The value of a block: its statements, and where its last one ends (None: empty block).
_Block = tuple[tuple[n.Node, ...], int | None]


class Reducer(Builder):
    """The builder's node-making methods, fed by reductions (``r_<rule>`` methods, each
    given the values of the rule's symbols, as the Lark tree's children would be)."""

    def run(self, limit: int) -> tuple[n.Node, ...]:
        """Parse this builder's tokens; the template's statements. ``limit``: see
        MAX_OPEN_SYMBOLS (a string literal's template gets what its place leaves)."""
        assert self.base == 0  # see span
        self.states: list[int] = []
        self.limit = limit
        body: tuple[n.Node, ...] = _run_lalr(self.tokens, _reductions(), self, limit, self.states)
        return body

    # Builder.span and Builder.tok_span without the offset of an enclosing text, which a
    # Reducer never has (its string literals' templates get a _ShiftedIndex instead).

    def span(self, start: int, end: int) -> n.Span:
        line, column = self.index.position(start)
        return n.Span(start, end, line, column)

    def tok_span(self, tok: Token) -> n.Span:
        start = tok.start_pos
        line, column = self.index.position(start)  # type: ignore[arg-type]
        return n.Span(start, tok.end_pos, line, column)  # type: ignore[arg-type]

    # ------------------------------------------------------------------ statements

    def r_start(self, children: list[Any]) -> tuple[n.Node, ...]:
        return _kept(children)

    def r_block(self, children: list[Any]) -> _Block:
        if not children:
            return (), None
        last = children[-1]
        end = last.end if last.__class__ is _Dropped else last.span.end
        return _kept(children), end

    def r_text(self, children: list[Any]) -> n.Node:
        tok: VtlToken = children[0]
        return n.Text(self.tok_span(tok), tok.prefix + tok.value)

    def r_output(self, children: list[Any]) -> n.Node:
        ref = children[0]
        if ref.__class__ is n.Word:
            # a runt (see Builder.output): only its first token prints
            return n.Text(ref.span, self._token_at(ref.span.start).value)
        return n.Output(ref.span, ref)

    def r_comment(self, children: list[Any]) -> n.Node | _Dropped:
        first: VtlToken = children[0]
        image = first.value  # what Builder.comment reads (its first token)
        before = comment_text(image)
        end = children[-1].end_pos
        return n.Text(self.span(first.start_pos, end), before) if before else _Dropped(end)

    def r_textblock(self, children: list[Any]) -> n.Node:
        tok: VtlToken = children[0]
        return n.Text(self.tok_span(tok), tok.value[3:-3])  # see Builder.textblock

    # Rare statements: the builder's own methods, given the tree they read.

    def r_escaped_directive(self, children: list[Any]) -> n.Node:
        return self.escaped_directive(Tree("escaped_directive", children))

    def r_escape(self, children: list[Any]) -> n.Node:
        return self.escape(Tree("escape", children))

    def r_bare_directive(self, children: list[Any]) -> n.Node | None:
        return self.bare_directive(Tree("bare_directive", children))

    def r_set_directive(self, children: list[Any]) -> n.Node:
        start, target, _, value, close = children
        if target.__class__ is n.Word:
            raise TreePath  # a runt target: Builder.set_directive reports it
        return n.Set(self.span(start.start_pos, close.end_pos), target, value)

    def r_if_directive(self, children: list[Any]) -> n.Node:
        span = self.span(children[0].start_pos, children[-1].end_pos)
        branches = [n.IfBranch(span, children[2], children[4][0])]
        else_body: tuple[n.Node, ...] | None = None
        for child in children[5:-1]:
            if child.__class__ is n.IfBranch:
                branches.append(child)
            else:
                else_body = child
        return n.If(span, tuple(branches), else_body)

    def r_elseif_branch(self, children: list[Any]) -> n.IfBranch:
        body, end = children[4]
        # the builder spans the branch from its first token to its block's last one; an
        # empty block has none, and then the span is offset 0 (Builder.tree_span, bounds)
        span = self.span(0, 0) if end is None else self.span(children[0].start_pos, end)
        return n.IfBranch(span, children[2], body)

    def r_else_branch(self, children: list[Any]) -> tuple[n.Node, ...]:
        body: tuple[n.Node, ...] = children[1][0]
        return body

    # ------------------------------------------------------------------ directives

    def r_directive_args(self, children: list[Any]) -> list[n.Expr]:
        return [c for c in children if not (c.__class__ is VtlToken and c.type == "COMMA")]

    def r_line_directive(self, children: list[Any]) -> n.Node:
        return self.line_directive_node(children[0], children[2], children[3].end_pos)

    def r_block_directive(self, children: list[Any]) -> n.Node | None:
        word: VtlToken = children[0]
        span = self.span(word.start_pos, children[5].end_pos)
        args: list[n.Expr] = children[2]
        body: tuple[n.Node, ...] = children[4][0]
        if directive_name(word.value) == "macro" and "macro" in self.directives:
            return self._macro(span, args, children[1], body)
        return self.block_directive_node(word, span, args, body, _literal_block)

    # ------------------------------------------------------------------ references

    def r_reference(self, children: list[Any]) -> n.Reference | n.Word:
        """A reference, or a Word for a "runt" (the Word Builder.expression makes of it)."""
        first: VtlToken = children[0]
        if len(children) == 1 and first.type == "IDENTIFIER" and _PLAIN_NAME.fullmatch(first.value):
            # ``$name`` alone, the commonest reference: what the general path below makes
            # of it, without splitting its image (dense templates, issue 14)
            return self._plain(first, first.end_pos, (), "")
        last = children[-1]
        end = last.end_pos if last.__class__ is VtlToken else last[1]
        head = reference_head(first.value)
        if head is None:
            return n.Word(self.span(first.start_pos, end), self.source[first.start_pos:end], runt=True)
        escaped, esc_prefix, more_prefix, image = head
        formal = first.type == "LCURLY"
        quiet = image.startswith("$!")
        if formal:
            root = children[1].value
            modifiers = children[2:-1]
        else:
            root = image[2:] if quiet else image[1:]
            modifiers = children[1:]
        parts = _flat_parts(modifiers)
        literal = first.prefix + image + self._literal_after_head(first.end_pos, end, parts)
        slashbang = slashbang_text(first.value)
        if slashbang is not None:  # see Builder.reference
            root, escaped, esc_prefix, more_prefix = "\\!", False, "", ""
        return n.Reference(self.span(first.start_pos, end), root, parts, literal, quiet=quiet,
                           formal=formal, escaped=escaped, esc_prefix=esc_prefix,
                           more_prefix=more_prefix, set_name=image[1:],
                           null_text=None if slashbang is None else first.prefix + slashbang)

    def reference_group(self, head: ReferenceGroup) -> n.Reference | n.Word:
        """The node of a reference the lexer read as one group: the reductions the LALR
        table makes of its tokens (``$name``, then ``.name`` or ``.name(arguments)``, each
        argument a string, an integer or such a group, and the ``[…]`` indexes after the
        name and each member), called in the same order."""
        parts = head.parts
        children: list[Any] = [head]
        count = len(parts)
        i = self._indexes(parts, 0, children)
        while i < count:
            dot, name = parts[i], parts[i + 1]
            i += 2
            if i == count or parts[i].type != "LPAREN":
                members: list[Any] = [dot, name]
                i = self._indexes(parts, i, members)
                children.append(self.r_property(members))
                continue
            members = [dot, name, parts[i]]
            i += 1
            while True:
                tok = parts[i]
                i += 1
                kind = tok.type
                if kind == "REFMOD2_RPAREN" or kind == "COMMA":
                    members.append(tok)
                    if kind == "REFMOD2_RPAREN":
                        break
                elif kind != "WHITESPACE":  # (the parser never sees one)
                    members.append(self._group_value(tok))
            i = self._indexes(parts, i, members)
            children.append(self.r_method(members))
        # r_reference's result for these children: the head is a plain ``$name``, and the
        # tokens after it, glued to one another with no special text between them and
        # with references inside whose literals are their own source text too, have the
        # source text as their literal (Builder._literal_after_head)
        end = children[-1][1]
        return self._plain(head, end, _flat_parts(children[1:]), self.source[head.end_pos:end])

    def statement_run(self, run: StatementRun) -> list[n.Node]:
        """The nodes of a run's statements (see vtl.lexer.StatementRun): what r_text, and
        r_reference or reference_group then r_output, make of their tokens, in one loop
        (a dense template has one statement every few characters: issue 14)."""
        source = self.source
        index = self.index
        if index.__class__ is not LineIndex:
            raise TreePath  # (runs are read in a template's text, not a string literal's)
        starts = index.starts
        plain = index.plain
        span_of, text_of, output_of, reference_of, property_of = n.Span, n.Text, n.Output, n.Reference, n.Property
        nodes: list[n.Node] = []
        append = nodes.append
        start = run.start_pos
        next_line = line = line_start = 0
        is_plain = False
        for item in run.items:
            if start >= next_line:
                # the line the item starts on (items come in order: rarely another one)
                line = bisect_right(starts, start)
                line_start = starts[line - 1]
                next_line = starts[line] if line < len(starts) else sys.maxsize
                is_plain = plain[line - 1]
            column = start - line_start + 1 if is_plain else index.position(start)[1]
            if type(item) is int:
                append(text_of(span_of(start, item, line, column), source[start:item]))
                start = item
            elif type(item) is str:
                end = start + len(item)
                span = span_of(start, end, line, column)
                if "[" in item:
                    root, modifiers = self._simple_modifiers(item, start, line, column if is_plain else 0)
                    append(output_of(span, reference_of(span, root, modifiers, item, set_name=root)))
                elif "." not in item:
                    root = item[1:]
                    append(output_of(span, reference_of(span, root, (), item, set_name=root)))
                else:
                    names = item.split(".")
                    root = names[0][1:]
                    at = start + len(names[0]) + 1  # where the first property's name starts
                    parts: list[n.Modifier] = []
                    for name in names[1:]:
                        parts.append(property_of(span_of(at, at + len(name), line, column + at - start if is_plain
                                                         else index.position(at)[1]), name))
                        at += len(name) + 1
                    append(output_of(span, reference_of(span, root, tuple(parts), item, set_name=root)))
                start = end
            else:
                tok: VtlToken = item  # type: ignore[assignment]  # (type() tells no str subclass)
                ref = self.reference_group(tok) if isinstance(tok, ReferenceGroup) else self.r_reference([tok])
                append(self.r_output([ref]))
                start = group_end(tok)
        return nodes

    def _simple_modifiers(self, item: str, start: int, line: int, column: int) -> tuple[str, tuple[n.Modifier, ...]]:
        """The name and modifiers of a run's reference ``item`` with indexes (properties and
        integer indexes), at ``start`` on ``line``: what reference_group makes of its tokens.
        ``column``: the item's, on a line where columns count characters, else 0."""
        index = self.index
        head = _SIMPLE_HEAD.match(item).end()  # type: ignore[union-attr]
        parts: list[n.Modifier] = []
        for m in _SIMPLE_MODIFIER.finditer(item, head):
            name = m.group(1)
            at = start + m.start()
            if name is not None:  # ".name": the name's span
                at += 1
                where = column + at - start if column else index.position(at)[1]
                parts.append(n.Property(n.Span(at, at + len(name), line, where), name))
                continue
            digits = m.group(2)  # "[digits]": the "["'s span, and the integer's
            where = column + at - start if column else index.position(at)[1]
            value = n.IntegerLiteral(n.Span(at + 1, at + 1 + len(digits), line, where + 1 if column else
                                            index.position(at + 1)[1]), digits_to_int(digits))
            parts.append(n.Index(n.Span(at, at + 1, line, where), value))
        return item[1:head], tuple(parts)

    def tokens_in(self, start: int, end: int) -> list[VtlToken]:
        """Builder.tokens_in, a run's tokens in place of the run (a block directive's
        literal holds its body's text: Builder.directive_literal reads its tokens)."""
        found = super().tokens_in(start, end)
        if not any(tok.__class__ is StatementRun for tok in found):
            return found
        tokens: list[VtlToken] = []
        for tok in found:
            if isinstance(tok, StatementRun):
                tokens += run_tokens(self.source, tok.start_pos, tok.items, tok.in_default)
            else:
                tokens.append(tok)
        return tokens

    def _plain(self, head: VtlToken, end: int, parts: tuple[n.Modifier, ...], after: str) -> n.Reference:
        """The reference whose first token ``head`` is a plain ``$name`` (no escape, ``!``
        or glued prefix) and whose literal is the head's text then ``after``."""
        image = head.value
        return n.Reference(self.span(head.start_pos, end), image[1:], parts, head.prefix + image + after,
                           set_name=image[1:])

    def _indexes(self, parts: list[VtlToken], i: int, values: list[Any]) -> int:
        """Append to ``values`` the ``[…]`` indexes of a group's ``parts`` from ``i``, as
        r_index makes them; where they end."""
        while i < len(parts) and parts[i].type == "INDEX_LBRACKET":
            values.append(self.r_index([parts[i], self._group_value(parts[i + 1]), parts[i + 2]]))
            i += 3
        return i

    def _group_value(self, tok: VtlToken) -> Any:
        """The value of an argument or index of a group: a string, an integer, a reference."""
        if tok.__class__ is ReferenceGroup:
            return self.reference_group(tok)
        kind = tok.type
        if kind == "IDENTIFIER":
            return self.r_reference([tok])
        if kind == "STRING_LITERAL":
            return self.r_string([tok])
        return self.r_integer([tok])

    def r_index(self, children: list[Any]) -> _Part:
        return (n.Index(self.tok_span(children[0]), children[1]),), children[2].end_pos

    def r_property(self, children: list[Any]) -> _Part:
        name_tok: VtlToken = children[1]
        return self._member(n.Property(self.tok_span(name_tok), name_tok.value), children[2:],
                            name_tok.end_pos)

    def r_method(self, children: list[Any]) -> _Part:
        name_tok: VtlToken = children[1]
        close = 3  # the ")": arguments are nodes, so it is the first token after "("
        while children[close].__class__ is not VtlToken or children[close].type != "REFMOD2_RPAREN":
            close += 1
        args = tuple(c for c in children[3:close] if c.__class__ is not VtlToken)
        method = n.Method(self.tok_span(name_tok), name_tok.value, args)
        return self._member(method, children[close + 1 :], children[close].end_pos)

    def _member(self, modifier: n.Modifier, indexes: Sequence[_Part], end: int) -> _Part:
        if not indexes:
            return (modifier,), end
        return (modifier, *(m for part in indexes for m in part[0])), indexes[-1][1]

    def _token_at(self, start: int) -> VtlToken:
        """The token starting at offset ``start``."""
        if self._next_token is None:
            self._next_token = {tok.start_pos: i for i, tok in enumerate(self.tokens)}
        return self.tokens[self._next_token[start]]

    # ------------------------------------------------------------------ expressions

    def r_binary(self, children: list[Any]) -> n.Expr:
        """``a op b op c…`` of one precedence level, left-associative (Builder.expression)."""
        left: n.Expr = children[0]
        for i in range(1, len(children), 2):
            right = children[i + 1]
            ls = left.span
            span = n.Span(ls.start, right.span.end, ls.line, ls.column)
            left = n.BinaryOp(span, _OPERATORS[children[i].type], left, right)
        return left

    def r_not_expr(self, children: list[Any]) -> n.Expr:
        return n.Not(self.span(children[0].start_pos, children[1].span.end), children[1])

    def r_group(self, children: list[Any]) -> n.Expr:
        return n.Group(self.span(children[0].start_pos, children[2].end_pos), children[1])

    def r_string(self, children: list[Any]) -> n.Expr:
        return self.string_literal(children[0])

    def r_integer(self, children: list[Any]) -> n.Expr:
        tok: VtlToken = children[0]
        if not tok.value.lstrip("-").isdigit():
            raise TreePath  # "#1": Builder.literal_integer reports it
        return n.IntegerLiteral(self.tok_span(tok), digits_to_int(tok.value))

    def r_float(self, children: list[Any]) -> n.Expr:
        tok: VtlToken = children[0]
        if tok.value.lstrip("-")[:1] in ("#", "$"):
            raise TreePath  # "#1e9": Builder.literal_float reports it
        return n.FloatLiteral(self.tok_span(tok), float(tok.value))

    def r_true(self, children: list[Any]) -> n.Expr:
        return n.BooleanLiteral(self.tok_span(children[0]), True)

    def r_false(self, children: list[Any]) -> n.Expr:
        return n.BooleanLiteral(self.tok_span(children[0]), False)

    def r_word(self, children: list[Any]) -> n.Expr:
        return n.Word(self.tok_span(children[0]), children[0].value)

    def r_list(self, children: list[Any]) -> n.Expr:
        items = tuple(c for c in children[1:-1] if c.__class__ is not VtlToken)
        return n.ListLiteral(self.span(children[0].start_pos, children[-1].end_pos), items)

    def r_map(self, children: list[Any]) -> n.Expr:
        values = [c for c in children[1:-1] if c.__class__ is not VtlToken]
        entries = tuple((values[i], values[i + 1]) for i in range(0, len(values), 2))
        return n.MapLiteral(self.span(children[0].start_pos, children[-1].end_pos), entries)

    def r_range(self, children: list[Any]) -> n.Expr:
        span = self.span(children[0].start_pos, children[4].end_pos)
        return n.Range(span, children[1], children[3])

    def interpolation(self, content: str, tok: VtlToken) -> tuple[tuple[n.Node, ...], bool]:
        """A double-quoted string's template (see Builder.interpolation), made the same way."""
        has_comment = "##" in content
        text = content if has_comment else content + " "
        tokens = parser_tokens(text, LineIndex(text), self.name, frozenset(self.directives), True)
        inner = Reducer(text, _ShiftedIndex(self.index, self.base + tok.start_pos + 1, text), self.options,
                        self.name, tokens, 0, self.macros, self.macro_names)
        body = list(inner.run(self.limit - len(self.states)))
        return _drop_last_char(body) if not has_comment else (tuple(body), False)


def _flat_parts(modifiers: Sequence[_Part]) -> tuple[n.Modifier, ...]:
    """The modifiers of a reference's members and indexes, in order."""
    if len(modifiers) == 1:
        return modifiers[0][0]
    return tuple([m for part in modifiers for m in part[0]])


def _literal_block() -> str | None:
    raise TreePath  # #literal's block text: Builder._block_literal, from the tree


# ------------------------------------------------------------------ the reductions

# The binary operators' rules, one per precedence level, all reduced by r_binary.
#: the image of a ``$name`` reference token with no escape, ``!`` or glued prefix
_PLAIN_NAME = re.compile(r"\$[a-zA-Z_][a-zA-Z0-9_-]*")
# A run's reference with indexes (vtl.lexer._SIMPLE_REFERENCE): its "$name", then each
# ".name" or "[digits]"
_SIMPLE_HEAD = _PLAIN_NAME
_SIMPLE_MODIFIER = re.compile(r"\.([a-zA-Z][a-zA-Z0-9_-]*)|\[(-?[0-9]+)\]")
_BINARY = frozenset({"or_expr", "and_expr", "eq_expr", "rel_expr", "add_expr", "mul_expr"})

@lru_cache(maxsize=1)
def _reductions() -> list[Callable[[Reducer, list[Any]], Any]]:
    """What each rule of the grammar (by position in ``_tables().rules``) does with the
    values of its symbols. A ``__rule`` Lark made for a repetition (``x*``) collects
    them in a list, which the rule using it splices in place, as Lark's tree does."""
    out: list[Callable[[Reducer, list[Any]], Any]] = []
    for rule in _tables().rules:
        origin = rule.origin.name
        if origin.startswith("_"):
            out.append(_repetition(rule))
            continue
        if rule.options.expand1 and len(rule.expansion) == 1:
            out.append(_never)  # a ?rule of one symbol: the parser keeps the symbol's value
            continue
        tree_name = rule.alias or origin
        method = getattr(Reducer, "r_binary" if tree_name in _BINARY else "r_" + tree_name)
        spliced = [i for i, symbol in enumerate(rule.expansion)
                   if not symbol.is_term and symbol.name.startswith("_")]
        out.append(_splicing(method, spliced) if spliced else method)
    return out


def _never(_reducer: Reducer, _children: list[Any]) -> Any:
    raise AssertionError("_run_lalr does not call a ?rule of one symbol")


def _repetition(rule: Any) -> Callable[[Reducer, list[Any]], Any]:
    if rule.expansion[0].name == rule.origin.name:
        # left-recursive (``__x: __x item``): extend the list made for the items before
        def extend(_reducer: Reducer, children: list[Any]) -> list[Any]:
            collected: list[Any] = children[0]
            collected += children[1:]
            return collected
        return extend
    return lambda _reducer, children: children  # the first items: a fresh list already


def _splicing(method: Callable[[Reducer, list[Any]], Any],
              spliced: list[int]) -> Callable[[Reducer, list[Any]], Any]:
    """``method`` called with the lists of repetitions at positions ``spliced`` spliced in."""
    if len(spliced) == 1:
        position = spliced[0]

        def splice_one(reducer: Reducer, children: list[Any]) -> Any:
            children[position : position + 1] = children[position]
            return method(reducer, children)
        return splice_one

    def splice(reducer: Reducer, children: list[Any]) -> Any:
        flat: list[Any] = []
        for i, child in enumerate(children):
            if i in spliced:
                flat += child
            else:
                flat.append(child)
        return method(reducer, flat)
    return splice

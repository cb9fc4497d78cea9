"""Template text → AST: lexer (vtl/lexer.py) → Lark's LALR table (grammar/vtl.lark) →
nodes made in the reductions (vtl/reducer.py), or a Lark tree walked by vtl/builder.py for
a template that fails there (see vtl/reducer.py).

Syntax errors become :class:`vtl.TemplateSyntaxError` carrying the line and column
Velocity 1.7 reports for the same template, and a message saying what was expected.
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from lark import Lark, ParseTree, Token
from lark.exceptions import UnexpectedInput, UnexpectedToken
from lark.lexer import Lexer
from lark.parse_tree_builder import ExpandSingleChild
from lark.parsers.lalr_analysis import Shift

from vtl.errors import TemplateSyntaxError
from vtl.lexer import LineIndex, ReferenceGroup, StatementRun, VtlLexicalError, VtlToken, tokenize
from vtl.nodes import Document
from vtl.profiles import EngineOptions

#: Directive names whose body runs to #end (Velocity's Directive.BLOCK), whatever the profile.
BLOCK_DIRECTIVES = frozenset({"foreach", "macro", "define", "literal"})


def grammar_text() -> str:
    """The grammar, from the installed package (vtl.grammar) or the source tree."""
    try:
        return resources.files("vtl.grammar").joinpath("vtl.lark").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return (Path(__file__).resolve().parent.parent / "grammar" / "vtl.lark").read_text(
            encoding="utf-8"
        )


class _TokenFeed(Lexer):
    """Hands Lark the tokens that :func:`parser_tokens` prepared (set on the lexer state)."""

    def __init__(self, lexer_conf: object) -> None:
        pass

    def lex(self, data: object) -> Iterator[Token]:  # type: ignore[override]
        # Lark calls a custom lexer with the text it was given to parse.
        assert isinstance(data, _Prepared)
        return iter(data.tokens)


class _Prepared(str):
    """The template text, carrying its prepared tokens through Lark to :class:`_TokenFeed`."""

    tokens: list[VtlToken]


@lru_cache(maxsize=1)
def _lark() -> Lark:
    return Lark(
        grammar_text(),
        parser="lalr",
        lexer=_TokenFeed,
        maybe_placeholders=False,
        # Lark keeps the analysed grammar in a cache file (keyed by the grammar's hash), so
        # a new process loads it in a few milliseconds instead of analysing it again.
        cache=True,
    )


class _Tables:
    """Lark's LALR table for the grammar, reshaped for :func:`_run_lalr`.

    ``actions[state][symbol]`` is an int (shift, or goto after a reduction: the next state)
    or a tuple (reduce: how many values the rule pops, the rule's name, and the rule's
    position in ``rules``, None for a one-symbol ``?rule``, whose value is its only child).
    Lark builds the table; only the loop that applies it is ours, because Lark's generic
    ParserState.feed_token (a method call per token, a Rule object hashed per reduction)
    was a third of the parse time on a 300 KB template.
    """

    def __init__(self, lark: Lark) -> None:
        lalr = lark.parser.parser.parser  # ParsingFrontend → LALR_Parser → _Parser
        table = lalr.parse_table
        callbacks = lalr.callbacks
        # Lark calls a callback on a shifted token only for lexer callbacks, which we have none of.
        assert all(not isinstance(key, str) for key in callbacks)
        self.lark_states = table.states  # for the "expected" set of a syntax error
        self.start = table.start_states["start"]
        self.end = table.end_states["start"]
        #: the grammar's rules (Lark's Rule objects), in the order reductions name them
        self.rules = list(lark.rules)
        position = {rule: i for i, rule in enumerate(self.rules)}
        #: Lark's own tree callbacks, by rule position (what Lark.parse calls)
        self.tree_callbacks = [_ignoring_context(callbacks[rule]) for rule in self.rules]
        self.actions: dict[int, dict[str, int | tuple[int, str, int | None]]] = {
            state: {
                symbol: arg if action is Shift
                else (len(arg.expansion), arg.origin.name,
                      None if _passes_child(arg, callbacks[arg]) else position[arg])
                for symbol, (action, arg) in row.items()
            }
            for state, row in table.states.items()
        }
        #: The states a cycle can return to: those reached on a symbol that a left-recursive
        #: rule (a repetition's, ``__x: __x item``) makes, the only rules that take the
        #: list on top with one more value (see _find_cycle). Elsewhere no cycle is looked for.
        recursive = {rule.origin.name for rule in self.rules
                     if rule.expansion and rule.expansion[0].name == rule.origin.name}
        self.list_states = frozenset(
            target for row in table.states.values() for symbol, (action, target) in row.items()
            if action is Shift and symbol in recursive)
        #: passes[(below, state, symbol)]: the state after the ?rules of one symbol that
        #: ``symbol`` reduces one after the other, found as the parser meets them
        self.passes: dict[tuple[int, int, str], int] = {}
        #: cycles[(below, state, symbol, lookahead)]: see :meth:`cycle`
        self.cycles: dict[tuple[int, int, str, str], tuple[tuple[int, bool], ...] | None] = {}
        #: runs[(below, state, last, lookahead)]: see :meth:`takes_run`
        self.runs: dict[tuple[int, int, str, str], bool] = {}

    def after_passes(self, below: int, state: int, symbol: str) -> int:
        """The state reached from ``state`` (over ``below`` on the stack) once ``symbol``
        has reduced every one-symbol ?rule it reduces there: an operand of an ``#if``
        goes from ``primary`` to ``expression`` through eight of them. Each only swaps
        the top state (the value stays), so the chain depends on these three only."""
        reached = state
        action = self.actions[reached].get(symbol)
        while action is not None and action.__class__ is not int and action[2] is None:  # type: ignore[index]
            reached = self.actions[below][action[1]]  # type: ignore[index,assignment]
            action = self.actions[reached].get(symbol)
        self.passes[below, state, symbol] = reached
        return reached

    def cycle(self, below: int, state: int, symbol: str, lookahead: str) -> tuple[tuple[int, bool], ...] | None:
        """The reductions that make one statement of a token of kind ``symbol`` (or a whole
        ``reference``, for a :class:`~vtl.lexer.ReferenceGroup`) shifted in ``state`` and
        add it to the statement list that ``state`` holds on top, when ``lookahead`` comes
        next and those reductions lead back to ``state`` (over ``below``): the position in
        ``rules`` of each one's callback, in order, and whether it is the one that takes
        the list with the statement's value (the others take one value). None when the
        table does anything else there. A run of text and references (most of a large
        template) then costs a few callbacks a statement instead of the table's walk
        (issue 14's compile time)."""
        key = (below, state, symbol, lookahead)
        if key in self.cycles:
            return self.cycles[key]
        found = self.cycles[key] = self._find_cycle(below, state, symbol, lookahead)
        return found

    def takes_run(self, below: int, state: int, last: str, lookahead: str) -> bool:
        """Whether ``state`` (over ``below``) adds each statement of a
        :class:`~vtl.lexer.StatementRun` to the list it holds on top, the same way, with
        the ``text`` or ``output`` rule then the list's (left-recursive) repetition, when
        the run's last statement is of kind ``last`` ("TEXT" or "reference") and
        ``lookahead`` follows it: its statements are then appended to that list at once.
        (Inside a run, a text is followed by a reference and a reference by either.)"""
        key = (below, state, last, lookahead)
        found = self.runs.get(key)
        if found is None:
            found = self.runs[key] = self._takes_run(below, state, last, lookahead)
        return found

    def _takes_run(self, below: int, state: int, last: str, lookahead: str) -> bool:
        merges: set[int] = set()
        for symbol, after in (("TEXT", "IDENTIFIER"), ("reference", "TEXT"), ("reference", "IDENTIFIER"),
                              (last, lookahead)):
            rules = self._find_cycle(below, state, symbol, after, until_merged=True)
            if rules is None or len(rules) != 2:
                return False
            (made, made_merges), (merge, merging) = rules
            if made_merges or not merging or self.rules[made].origin.name != (
                    "text" if symbol == "TEXT" else "output"):
                return False
            merges.add(merge)
        if len(merges) != 1:
            return False
        rule = self.rules[merges.pop()]
        # a repetition of Lark's ("__start_star_0: __start_star_0 statement"), whose
        # reduction extends the list in place (vtl/reducer.py, _repetition)
        return rule.origin.name.startswith("_") and rule.expansion[0].name == rule.origin.name

    def _find_cycle(self, below: int, state: int, symbol: str, lookahead: str, until_merged: bool = False
                    ) -> tuple[tuple[int, bool], ...] | None:
        """See :meth:`cycle`; ``until_merged``: the reductions up to the one that takes
        the list, whatever ``lookahead`` does after it (shifted, or reducing the list in
        turn: an #end after a block's last statement)."""
        actions = self.actions
        first = actions[state].get(symbol)
        if first is None or first.__class__ is not int:
            return None
        stack: list[int] = [below, state, first]
        rules: list[tuple[int, bool]] = []
        while True:
            action = actions[stack[-1]].get(lookahead)
            if action is None:
                return None
            if action.__class__ is int:
                break
            size, origin, rule = action  # type: ignore[misc]
            if rule is None:
                stack[-1] = self.after_passes(stack[-2], stack[-1], lookahead)
                continue
            if size == 0 or len(stack) - size < 1:
                return None  # an empty rule, or a reduction reaching under ``below``
            # (from the two values, the list and the statement's, to one: each rule
            # takes one value but the one taking both)
            rules.append((rule, len(stack) == 3 and size == 2))
            del stack[-size:]
            stack.append(actions[stack[-1]][origin])  # type: ignore[arg-type]
            if until_merged and len(stack) == 2:
                break
        if stack != [below, state] or sum(merges for _, merges in rules) != 1:
            return None
        return tuple(rules)


def _ignoring_context(callback: Callable[[list[Any]], Any]) -> Callable[[Any, list[Any]], Any]:
    return lambda _context, children: callback(children)


def _passes_child(rule: object, callback: object) -> bool:
    """True where Lark's callback for ``rule`` would hand back the only child."""
    return isinstance(callback, ExpandSingleChild) and len(rule.expansion) == 1  # type: ignore[attr-defined]


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    return _Tables(_lark())


#: Tokens that are a whole statement in template text (see _Tables.cycle); a plain
#: reference the lexer read as one group is an IDENTIFIER too.
_STATEMENT_TOKENS = frozenset({"TEXT", "IDENTIFIER", "ESCAPE_DIRECTIVE", "MULTI_LINE_COMMENT", "FORMAL_COMMENT",
                               "TEXTBLOCK", "BARE_WORD"})


#: A cycle not looked for yet (see _run_lalr).
_UNKNOWN: Any = object()


class TooDeep(Exception):
    """The parser's stack grew past the limit :func:`_run_lalr` was given."""


class RunOutOfPlace(Exception):
    """A :class:`~vtl.lexer.StatementRun` came where the parser does not add statements to
    a list as usual (never seen: the statement before it was taken into one); the tree
    path, on all the tokens, decides instead."""


def _run_lalr(tokens: list[VtlToken], callbacks: Sequence[Callable[[Any, list[Any]], Any]] | None = None,
              context: Any = None, limit: int = sys.maxsize, states: list[int] | None = None) -> Any:
    """Parse ``tokens`` with Lark's table: the same UnexpectedToken (token and expected
    terminals) as ``Lark.parse`` gives, and the value ``callbacks`` make of it: one per
    rule of ``_tables().rules``, each called with ``context`` and the values of the
    rule's symbols. By default, Lark's own tree callbacks: the tree ``Lark.parse`` makes.

    Raises TooDeep when more than ``limit`` symbols are open at once; ``states`` (an
    empty list) lets a callback see how many are (vtl/reducer.py). A
    :class:`~vtl.lexer.ReferenceGroup` token stands for a whole ``reference``, whose
    value ``context.reference_group`` makes; a :class:`~vtl.lexer.StatementRun` for
    statements, whose nodes ``context.statement_run`` makes (see _Tables.takes_run).
    """
    tables = _tables()
    if callbacks is None:
        callbacks = tables.tree_callbacks
    actions = tables.actions
    passes = tables.passes
    end_state = tables.end
    if states is None:
        states = []
    states.append(tables.start)
    values: list[Any] = []
    end = Token("$END", "", 0, 1, 1)
    if tokens:
        end = Token.new_borrow_pos("$END", "", tokens[-1])
    stream = (*tokens, end)
    cycles = tables.cycles
    list_states = tables.list_states
    for position, tok in enumerate(stream):
        kind = tok.type
        while True:
            action = actions[states[-1]].get(kind)
            if action is None:
                expected = {s for s in tables.lark_states[states[-1]] if s.isupper()}
                raise UnexpectedToken(tok, expected)  # type: ignore[no-untyped-call]
            if action.__class__ is int:
                if kind in _STATEMENT_TOKENS and states[-1] in list_states and 1 < len(states) < limit:
                    if tok.__class__ is StatementRun:
                        # its statements, added to the list on top at once
                        last = "TEXT" if tok.items[-1].__class__ is int else "reference"
                        if not tables.takes_run(states[-2], states[-1], last, stream[position + 1].type):
                            raise RunOutOfPlace
                        values[-1] += context.statement_run(tok)
                        break
                    # the token and the reductions its next token makes of it, at once,
                    # when they only add a statement to the list on top (_Tables.cycle)
                    group = tok.__class__ is ReferenceGroup
                    cycle_key = (states[-2], states[-1], "reference" if group else kind, stream[position + 1].type)
                    rules = cycles.get(cycle_key, _UNKNOWN)
                    if rules is _UNKNOWN:
                        rules = tables.cycle(*cycle_key)
                    if rules is not None:
                        value = context.reference_group(tok) if group else tok
                        for reduced, merges in rules:
                            value = callbacks[reduced](context, [values[-1], value] if merges else [value])
                        values[-1] = value
                        break
                if tok.__class__ is ReferenceGroup:
                    # a whole reference: its node, and the state after the `reference`
                    # the LALR table would have reduced its tokens to
                    action = actions[states[-1]].get("reference")
                    if action is None:
                        raise UnexpectedToken(tok, {"IDENTIFIER"})  # type: ignore[no-untyped-call]
                    values.append(context.reference_group(tok))
                elif tok.__class__ is StatementRun:
                    raise RunOutOfPlace
                else:
                    values.append(tok)
                states.append(action)  # type: ignore[arg-type]
                if len(states) > limit:
                    raise TooDeep
                break
            size, origin, rule = action  # type: ignore[misc]
            if rule is None:
                # ?rules of one symbol: their value stays, only the top state changes
                key = (states[-2], states[-1], kind)
                reached = passes.get(key)
                states[-1] = tables.after_passes(*key) if reached is None else reached
                continue
            if size == 1:  # (the commonest: without the slices)
                states.pop()
                values[-1] = callbacks[rule](context, [values[-1]])
            else:
                if size:
                    children = values[-size:]
                    del states[-size:]
                    del values[-size:]
                else:
                    children = []
                values.append(callbacks[rule](context, children))
            states.append(actions[states[-1]][origin])  # type: ignore[arg-type]  # a goto: a state
            if tok is end and states[-1] == end_state:
                return values[-1]
    raise AssertionError("the LALR table accepted no input")  # $END always reduces or fails


def directive_name(image: str) -> str:
    """The name Velocity takes from a directive word's image (Parser.jjt Directive()):
    ``#foreach`` → foreach, ``#{foreach}`` → foreach. It drops the first one or two
    characters blindly, so a word glued to a ``$`` (``$#foreach``, ``\\$#{macro}``) gets a
    name that is no directive and prints as text (cases in velocity/fuzz/)."""
    return image[2:-1] if image.endswith("}") else image[1:]


def parser_tokens(text: str, index: LineIndex, name: str | None,
                  directives: frozenset[str] = frozenset(), group_references: bool = False,
                  statement_runs: bool = False) -> list[VtlToken]:
    """The tokens the grammar reads: directive words named by kind, blanks dropped;
    ``group_references``: plain references as one token each, ``statement_runs``: runs
    of text and such references as one token each (see :func:`parse`).

    Velocity's grammar takes one optional blank around every directive argument and
    operand, so the grammar file leaves blanks out. The places where Velocity rejects a
    blank are checked here instead, in token order (an earlier syntax error wins, see
    _check_prefix): a list or method call holding only blanks (``[ ]``, ``$a.b( )``), two
    blank tokens in a row, a blank after ``${`` or ``${name``, and a blank read in
    method-argument mode outside any call (_MethodCalls). Keeping blanks in the grammar
    would replace these checks, at the cost of many more LALR states.
    """
    tokens: list[VtlToken] = []
    previous: VtlToken | None = None
    blank_after_open = False
    last_raw = before_last_raw = ""
    args = _DirectiveArgs(directives, index, name)
    methods = _MethodCalls()
    try:
        for tok in tokenize(text, group_references=group_references, statement_runs=statement_runs):
            if tok.__class__ is StatementRun:
                if methods.pending is not None or args.word is not None:
                    # (a directive's arguments where the lexer reads text: hostile input)
                    raise RunOutOfPlace
                # nothing below acts on text or plain references, but for the last two
                # kinds read (a run holds two statements at least)
                items = tok.items
                before_last_raw = "TEXT" if items[-2].__class__ is int else "IDENTIFIER"
                last_raw = "TEXT" if items[-1].__class__ is int else "IDENTIFIER"
                blank_after_open = False
                tokens.append(tok)
                previous = tok
                continue
            kind = tok.type
            if kind not in _CHECKED and methods.pending is None and args.word is None and args.nameless_macro is None:
                # a token none of the checks below acts on, with no helper waiting (most
                # of them): what the end of the loop does
                before_last_raw, last_raw = last_raw, kind
                blank_after_open = False
                tokens.append(tok)
                previous = tok
                continue
            # the helpers are called only for the tokens they act on (the common kinds
            # pass straight through: this loop runs once per token)
            if (methods.pending is not None or kind == "WHITESPACE") and methods.next_raw(tok, index, name):
                args.not_a_call()
            if kind == "WHITESPACE":
                args.raw(tok)
                if last_raw == "LCURLY" or (last_raw == "IDENTIFIER" and before_last_raw == "LCURLY"):
                    # "${" must be followed by a name, then "}" or more of the reference,
                    # with no blank (case velocity/fuzz/blank-in-formal-reference); unless a
                    # "{" and the blank begin a directive argument, which fails its
                    # LOOKAHEAD(2) at the "{" (case velocity/fuzz/directive-argument-lookahead-curly)
                    first = _failed_argument_lookahead([*tokens, tok], tok, text) if last_raw == "LCURLY" else None
                    if first is not None:
                        raise _unexpected(first, index, name, "')'")
                    raise _unexpected(tok, index, name, "a name after '${'")
                if _ends_formal_member(tokens):
                    # "${a.b }": nothing in a formal reference takes a blank (the "}" must
                    # follow), so the error is at the blank (case velocity/fuzz/blank-in-formal-reference-member)
                    raise _unexpected(tok, index, name, "'}'")
                if last_raw == "WHITESPACE":
                    # Two blanks in a row (a "$" between them left only special text):
                    # every optional blank of Velocity's grammar takes one token, so the
                    # second is unexpected (case velocity/fuzz/two-whitespace-tokens).
                    raise _unexpected(tok, index, name, "a value")
                before_last_raw, last_raw = last_raw, kind
                blank_after_open = previous is not None and (
                    previous.type == "LBRACKET"
                    or (previous.type == "LPAREN" and _opens_method(tokens))
                )
                continue
            if kind == "DOT" and last_raw == "WHITESPACE":
                # "$a $.b": the "$" is lost (DOT's image is "."), and a "." after a blank
                # continues no reference; the whitespace dropped here must not glue the two
                # (case velocity/fuzz/dot-after-blank)
                raise _unexpected(tok, index, name, "')'")
            if kind == "LPAREN" and last_raw == "WHITESPACE" and len(tokens) > 1 \
                    and tokens[-1].type == "IDENTIFIER" and tokens[-2].type == "DOT":
                # "$a.b (1)" outside text: the blank ended the reference, and a "(" after
                # it opens nothing Velocity's grammar allows there (Parser.jjt's Method()
                # wants the "(" glued to the name; case velocity/fuzz/blank-before-call)
                raise _unexpected(tok, index, name, "an operator or ')'")
            before_last_raw, last_raw = last_raw, kind
            if blank_after_open and kind in ("RBRACKET", "REFMOD2_RPAREN"):
                raise _unexpected(tok, index, name, "a value")
            blank_after_open = False
            if kind in _DIRECTIVE_WORDS:
                word = directive_name(tok.value)
                tok.type = "BLOCK_WORD" if word in BLOCK_DIRECTIVES or word.startswith("@") else "LINE_WORD"
            elif kind in ("BARE_WORD", "BARE_BRACKETED_WORD"):
                tok.type = "BARE_WORD"
                if directive_name(tok.value) == "macro" and "macro" in directives:
                    # Parser.jjt fails as soon as it sees #macro without "(".
                    line, column = index.position(tok.start_pos)
                    raise TemplateSyntaxError(
                        "a macro declaration requires at least a name argument: #macro(name $arg …)",
                        name=name, line=line, column=column, source=text, length=len(tok.value))
            tokens.append(tok)
            if kind == "LPAREN" or kind == "REFMOD2_RPAREN":
                methods.kept(tok, tokens)
            if args.word is not None or kind in _DIRECTIVE_WORDS:
                args.feed(tok, previous, tokens)
            if args.nameless_macro is not None and tok.type in ("BLOCK_WORD", "IF_DIRECTIVE", "END"):
                args.block_token(tok)
            previous = tok
        if methods.end():
            args.not_a_call()
        args.end()
    except VtlLexicalError as error:
        # Velocity's parser pulls tokens as it goes: a syntax error in the tokens read
        # before the lexical error is reported instead of it.
        _check_prefix(tokens, text, index, name)
        raise _lexical_error(error, text, index, name) from None
    except TemplateSyntaxError:
        # the same for the errors found while preparing the tokens (above)
        _check_prefix(tokens[:-1] if args.failed_before_token else tokens, text, index, name)
        raise
    return tokens


def _ends_formal_member(tokens: list[VtlToken]) -> bool:
    """Whether the tokens end with a member, a call or an index of a ``${…}`` reference
    (walking back over that one reference only)."""
    if not tokens:
        return False
    last = tokens[-1].type
    if not (last in ("REFMOD2_RPAREN", "INDEX_RBRACKET")
            or (last == "IDENTIFIER" and len(tokens) > 1 and tokens[-2].type == "DOT")):
        return False
    depth = 0
    for i in range(len(tokens) - 1, 0, -1):
        kind = tokens[i].type
        if kind in ("REFMOD2_RPAREN", "INDEX_RBRACKET"):
            depth += 1
        elif kind in ("LPAREN", "INDEX_LBRACKET"):
            depth -= 1
        elif depth == 0 and kind == "IDENTIFIER" and tokens[i - 1].type != "DOT":
            return tokens[i - 1].type == "LCURLY"  # the reference's name: after "${"?
        elif depth == 0 and kind not in ("DOT", "IDENTIFIER"):
            return False
    return False


_DIRECTIVE_WORDS = frozenset({"DIRECTIVE_WORD", "DIRECTIVE_BRACKETED_WORD"})
#: The kinds of token parser_tokens checks or renames (the others pass through it unless
#: a helper waits for them)
_CHECKED = frozenset({"WHITESPACE", "DOT", "LPAREN", "RBRACKET", "REFMOD2_RPAREN", "BARE_WORD",
                      "BARE_BRACKETED_WORD", *_DIRECTIVE_WORDS})

# Tokens that can follow "(" in a method call: an argument's first token or ")".
_METHOD_STARTS = frozenset({
    "WHITESPACE", "STRING_LITERAL", "INTEGER_LITERAL", "FLOATING_POINT_LITERAL", "LBRACKET",
    "LEFT_CURLEY", "TRUE", "FALSE", "IDENTIFIER", "LCURLY", "REFMOD2_RPAREN",
})


class _MethodCalls:
    """Which "(" after ``$a.b`` open a method call, as Parser.jjt's Reference() decides.

    It commits to ``Method()`` on LOOKAHEAD(3): only when the token after "(" can start an
    argument or close the call; otherwise "(" is text (``$f.b(`` at the end prints as is,
    case velocity/fuzz/method-paren-lookahead). The lexer has switched to method-argument
    mode all the same, so a blank read there outside any call is a syntax error (case
    velocity/fuzz/blank-after-text-paren)."""

    def __init__(self) -> None:
        self.pending: VtlToken | None = None  # a "(" waiting for the next token
        self.depth = 0

    def next_raw(self, tok: VtlToken, index: LineIndex, name: str | None) -> bool:
        """Read the next raw token; True when it turned the pending "(" into text."""
        was_text = False
        if self.pending is not None:
            if tok.type in _METHOD_STARTS:
                self.depth += 1
            else:
                self.pending.type = "TEXT"
                was_text = True
            self.pending = None
        if tok.type == "WHITESPACE" and tok.state == "REFMOD2" and self.depth == 0:
            raise _unexpected(tok, index, name, "no blank: after a reference's \"(\" Velocity "
                              "still reads method arguments")
        return was_text

    def kept(self, tok: VtlToken, tokens: list[VtlToken]) -> None:
        if tok.type == "LPAREN" and _opens_method(tokens):
            self.pending = tok
        elif tok.type == "REFMOD2_RPAREN" and self.depth:
            self.depth -= 1

    def end(self) -> bool:
        """The template has ended; True when that turned the pending "(" into text."""
        if self.pending is not None:
            self.pending.type = "TEXT"
            return True
        return False


def _check_prefix(tokens: list[VtlToken], text: str, index: LineIndex, name: str | None) -> None:
    """Raise the syntax error the grammar finds in ``tokens`` (a prefix of the template)."""
    prepared = _Prepared(text)
    prepared.tokens = []
    parser = _lark().parse_interactive(prepared)
    for tok in tokens:
        try:
            parser.feed_token(tok)
        except UnexpectedInput as error:
            raise _syntax_error(error, tokens, text, index, name) from None


_ARGUMENT_STARTS = frozenset({
    "IDENTIFIER", "WORD", "STRING_LITERAL", "INTEGER_LITERAL", "FLOATING_POINT_LITERAL",
    "TRUE", "FALSE",
})


class _DirectiveArgs:
    """Parser.jjt's Directive() checks some arguments as soon as it has read them, before
    any later syntax error, reporting at the token after the directive's name: a bare word
    given to a real directive (except #foreach's second and #macro's first argument) is
    "Invalid arg #N in directive #name", and a #macro whose first argument is no bare word
    is "Invalid first arg in #macro() directive" (case velocity/fuzz/macro-first-argument)."""

    def __init__(self, directives: frozenset[str], index: LineIndex, name: str | None) -> None:
        self.directives = directives
        self.index = index
        self.name = name
        self.word: VtlToken | None = None  # the directive whose arguments are being read
        self.after_word: VtlToken | None = None
        self.depth = 0
        self.position = -1
        self.macro_name_pending = False  # #macro's first argument is no word: fail when it ends
        self.failed_before_token = False  # the error was found at a token Velocity does not read
        self.nameless_macro: VtlToken | None = None  # "#macro()" read: fails at its #end
        self.blocks_open = 0  # blocks opened inside it so far

    def raw(self, tok: VtlToken) -> None:
        """A blank, which the grammar never sees: it can still be the token Velocity
        reports an invalid argument at (the one after the directive's name)."""
        if self.word is not None and self.after_word is None:
            self.after_word = tok
        if self.macro_name_pending and self.depth == 1:
            # a blank ends #macro's first argument too (case velocity/fuzz/macro-first-argument-blank)
            self._bad_macro_name()

    def feed(self, tok: VtlToken, last: VtlToken | None, tokens: list[VtlToken]) -> None:
        """A token the grammar reads; ``last`` is the one it read before, ``tokens`` all of
        them so far (``tok`` last)."""
        if tok.type in ("LINE_WORD", "BLOCK_WORD") and directive_name(tok.value) in self.directives:
            self.word, self.after_word, self.depth, self.position = tok, None, 0, -1
            self.macro_name_pending = False
        elif self.word is not None:
            self._argument(tok, last, tokens)

    def _argument(self, tok: VtlToken, last: VtlToken | None, tokens: list[VtlToken]) -> None:
        if self.after_word is None:
            self.after_word = tok
        kind = tok.type
        # a "(" continues the argument only as a method call's, after ".name" ("$a(" ends "$a")
        continues = kind in _INSIDE_AN_ARGUMENT and (kind != "LPAREN" or _opens_method(tokens))
        if self.macro_name_pending and self.depth == 1 and not (
                continues or (kind == "IDENTIFIER" and last is not None and last.type == "DOT")):
            # the first argument has ended (a comma, ")", another one): this token is not read
            self.failed_before_token = True
            self._bad_macro_name()
        if kind in ("LPAREN", "LBRACKET", "LEFT_CURLEY", "INDEX_LBRACKET", "LCURLY"):
            self.depth += 1
            if self.depth == 2 and kind in ("LBRACKET", "LEFT_CURLEY", "LCURLY"):
                self._starts_argument(tok)
            return
        if kind in ("RPAREN", "RBRACKET", "RIGHT_CURLEY", "INDEX_RBRACKET", "RCURLY", "REFMOD2_RPAREN"):
            self.depth -= 1
            if self.depth == 1 and self.macro_name_pending and kind in ("RBRACKET", "RIGHT_CURLEY", "RCURLY"):
                # a list, a map or a ${…} reference ends at its bracket: Parser.jjt checks
                # #macro's first argument as soon as DirectiveArg() returns, before the
                # next token is read (cases velocity/fuzz/macro-first-argument-list…)
                self._bad_macro_name()
            if self.depth <= 0:
                if self.position < 0 and directive_name(self.word.value) == "macro":  # type: ignore[union-attr]
                    # "#macro()" fails once its block is read, at its #end (cases
                    # velocity/fuzz/macro-without-name, macro-without-name-unclosed)
                    self.nameless_macro, self.blocks_open = self.after_word, 0
                self.word = None
            return
        if self.depth != 1 or kind in ("COMMA", "DOT"):
            return
        if kind not in _ARGUMENT_STARTS:
            self.word = None  # a syntax error comes first; the grammar reports it
            return
        if kind == "IDENTIFIER" and last is not None and last.type == "DOT":
            return
        self._starts_argument(tok)

    def _starts_argument(self, tok: VtlToken) -> None:
        self.position += 1
        assert self.word is not None
        name = directive_name(self.word.value)
        if name == "macro" and self.position == 0 and tok.type != "WORD":
            if tok.type in _ONE_TOKEN_ARGUMENTS:
                self._bad_macro_name()
            self.macro_name_pending = True  # a reference, list or map: when it ends
        if tok.type != "WORD":
            return
        if (name == "foreach" and self.position == 1) or (name == "macro" and self.position == 0):
            return
        assert self.after_word is not None
        line, column = self.index.position(self.after_word.start_pos)
        raise TemplateSyntaxError(
            f"invalid argument #{self.position} of #{name}: '{tok.value}' is a bare word; "
            "arguments must be values or references",
            name=self.name, line=line, column=column, source=self.index.text,
            related=(*self.index.position(tok.start_pos), len(tok.value), "this word"))

    def block_token(self, tok: VtlToken) -> None:
        """A token opening or closing a block while a ``#macro()`` is open: its own #end
        is where Velocity fails it."""
        if tok.type != "END":
            self.blocks_open += 1
        elif self.blocks_open:
            self.blocks_open -= 1
        else:
            assert self.nameless_macro is not None
            line, column = self.index.position(self.nameless_macro.start_pos)
            raise TemplateSyntaxError(
                "a macro declaration requires at least a name argument: #macro(name $arg …)",
                name=self.name, line=line, column=column, source=self.index.text)

    def not_a_call(self) -> None:
        """The "(" just read after ``$a.b`` is text, not a method call's (_MethodCalls): the
        reference before it has ended there."""
        if self.word is None:
            return
        self.depth -= 1
        if self.macro_name_pending and self.depth == 1:
            self.failed_before_token = True
            self._bad_macro_name()

    def end(self) -> None:
        """The template has ended (inside #macro's first argument, that argument too)."""
        if self.word is not None and self.macro_name_pending and self.depth == 1:
            self._bad_macro_name()

    def _bad_macro_name(self) -> None:
        assert self.after_word is not None
        line, column = self.index.position(self.after_word.start_pos)
        raise TemplateSyntaxError(
            "the first argument of #macro must be the macro's name, a bare word",
            name=self.name, line=line, column=column, source=self.index.text)


# Arguments of one token (the check of #macro's name needs no more), and the tokens that
# continue an argument at the argument list's own depth ($a.b, $a.b(…), $a[…]).
_ONE_TOKEN_ARGUMENTS = frozenset({"STRING_LITERAL", "INTEGER_LITERAL", "FLOATING_POINT_LITERAL", "TRUE", "FALSE"})
_INSIDE_AN_ARGUMENT = frozenset({"DOT", "LPAREN", "INDEX_LBRACKET"})


def _opens_method(tokens: list[VtlToken]) -> bool:
    """True if the LPAREN just read opens a method call (``$a.b(``)."""
    return len(tokens) >= 2 and tokens[-2].type == "IDENTIFIER" and tokens[-1].type == "LPAREN" and (
        len(tokens) >= 3 and tokens[-3].type == "DOT"
    )


def parse_tree(text: str, index: LineIndex, name: str | None,
               directives: frozenset[str] = frozenset()) -> tuple[ParseTree, list[VtlToken]]:
    """Lex and parse ``text`` into a Lark tree (and the token list the tree was built from)."""
    tokens = parser_tokens(text, index, name, directives)
    try:
        tree = _run_lalr(tokens)
    except UnexpectedInput as error:
        raise _syntax_error(error, tokens, text, index, name) from None
    return tree, tokens


def parse(source: str, *, name: str | None = None, options: EngineOptions) -> Document:
    """Parse ``source`` into a :class:`Document`; raise TemplateSyntaxError if it is not VTL."""
    from vtl.builder import build
    from vtl.reducer import build_directly

    index = LineIndex(source)
    directives = frozenset(options.directive_blocks())
    try:
        # The fast path: plain references lexed as one token each and made into nodes at
        # once (a third of a dense template's tokens: issue 14's compile time), runs of
        # text and such references as one token whose nodes are made in one loop, the
        # other nodes made in the reductions. Any failure of it: the tree path, on all
        # the tokens, decides what it is (vtl/reducer.py: errors, deep nesting and
        # #literal blocks go that way).
        with contextlib.suppress(Exception):
            grouped = parser_tokens(source, index, name, directives, group_references=True, statement_runs=True)
            return build_directly(grouped, source, index, options, name)
        tokens = parser_tokens(source, index, name, directives)
        try:
            tree = _run_lalr(tokens)
        except UnexpectedInput as error:
            raise _syntax_error(error, tokens, source, index, name) from None
        return build(tree, tokens, source, index, options, name)
    except (RecursionError, MemoryError) as error:
        raise nesting_error(error, source, name) from None


#: The Document :func:`parse_once` made last, with what it was made from. `vtl render`
#: checks a template for warnings (vtl/apigw/warnings.py) and compiles it: for a dense
#: 300 KB template the second parse cost as much as the first (issue 14). One entry (at
#: most some 15 MB for a template of AWS's 300 KB limit), replaced by the next parse;
#: shared safely, as nodes are values that nothing changes.
_last_parsed: tuple[tuple[str, str | None, EngineOptions], Document] | None = None


def parse_once(source: str, *, name: str | None = None, options: EngineOptions) -> Document:
    """:func:`parse`, reusing the Document of the previous call when it was for the same
    source, name and options."""
    global _last_parsed
    key = (source, name, options)
    last = _last_parsed
    if last is not None and last[0] == key:
        return last[1]
    document = parse(source, name=name, options=options)
    _last_parsed = (key, document)
    return document


def forget_last_parse() -> None:
    """Let :func:`parse_once`'s kept Document go (the in-process caches are being emptied)."""
    global _last_parsed
    _last_parsed = None


def nesting_error(error: Exception, source: str, name: str | None) -> TemplateSyntaxError:
    """A template nested deeper than Python's stack or its compiler allows (some hundreds
    of levels of directives, brackets or operators; Velocity's limit is the JVM stack).
    Issue 14: never a RecursionError."""
    return TemplateSyntaxError(
        "the template nests directives, brackets or operators too deeply for this engine "
        f"(Python's {'stack' if isinstance(error, RecursionError) else 'compiler'} limit)",
        name=name, line=1, column=1, source=source,
    )


# ------------------------------------------------------------------------------ errors

_FRIENDLY = {
    "$END": "the end of the template",
    "RPAREN": "')'",
    "REFMOD2_RPAREN": "')'",
    "LPAREN": "'('",
    "LBRACKET": "'['",
    "RBRACKET": "']'",
    "INDEX_RBRACKET": "']'",
    "COMMA": "','",
    "COLON": "':'",
    "DOUBLEDOT": "'..'",
    "EQUALS": "'='",
    "END": "#end",
    "ELSE_DIRECTIVE": "#else",
    "ELSEIF_DIRECTIVE": "#elseif",
    "IF_DIRECTIVE": "#if",
    "IDENTIFIER": "a name",
    "STRING_LITERAL": "a string",
    "INTEGER_LITERAL": "a number",
    "FLOATING_POINT_LITERAL": "a number",
    "TRUE": "true",
    "FALSE": "false",
    "WORD": "a word",
    "LEFT_CURLEY": "'{'",
    "RIGHT_CURLEY": "'}'",
    "RCURLY": "'}'",
    "LOGICAL_NOT": "'!'",
}


def _describe(tok: Token) -> str:
    if tok.type == "$END":
        return "the end of the template"
    if not str(tok).strip():
        return "a line break" if "\n" in tok or "\r" in tok else "a blank"
    shown = str(tok).strip()
    return f"'{shown}'" if len(shown) <= 30 else f"'{shown[:27]}...'"


def _unexpected(tok: VtlToken, index: LineIndex, name: str | None, expected: str) -> TemplateSyntaxError:
    line, column = index.position(tok.start_pos)
    return TemplateSyntaxError(
        f"unexpected {_describe(tok)}; expected {expected}",
        name=name, line=line, column=column, source=index.text, length=len(tok.value.rstrip()),
    )


def _open_blocks(tokens: list[VtlToken], upto: int) -> list[VtlToken]:
    """The directives still waiting for their #end before token position ``upto``."""
    stack: list[VtlToken] = []
    for tok in tokens:
        if tok.start_pos >= upto:
            break
        if tok.type in ("IF_DIRECTIVE", "BLOCK_WORD"):
            stack.append(tok)
        elif tok.type == "END" and stack:
            stack.pop()
    return stack


# Tokens that begin an iteration of Parser.jjt's directive-argument loop without completing
# it: a comma, or the opening of a list, range, map or ${reference}. (After an argument of
# one token, a literal, a word or $name, the lookahead has matched the whole iteration.)
_ITERATION_STARTS = frozenset({"COMMA", "LBRACKET", "LEFT_CURLEY", "LCURLY"})
_OPENERS = frozenset({"LPAREN", "LBRACKET", "INDEX_LBRACKET", "LEFT_CURLEY", "LCURLY", "SET_DIRECTIVE"})
_CLOSERS = frozenset({"RPAREN", "REFMOD2_RPAREN", "RBRACKET", "INDEX_RBRACKET", "RIGHT_CURLEY", "RCURLY"})


def _failed_argument_lookahead(tokens: list[VtlToken], tok: Token, text: str) -> VtlToken | None:
    """The token Velocity reports instead of ``tok`` when ``tok`` is the second token of an
    iteration of a directive's argument loop or of a map's first entry, else None.

    Parser.jjt reads ``#name(`` arguments in a loop guarded by LOOKAHEAD(2) (its blanks,
    comma and argument): when the first two tokens of an iteration cannot begin one, the
    loop ends and ``)`` is expected at the first (``#foo({])`` fails at ``{``, ``#foo(1,])``
    at ``,``), where the LALR table stops at the second. A blank counts as a token: after
    one, the error stays where it is (``#foo( {])`` fails at ``]``). Recorded cases
    velocity/fuzz/directive-argument-lookahead*."""
    text_end = len(text)
    at_end = tok.type == "$END"  # the end of the template counts as a token here
    position = len(tokens) if at_end else next((i for i, t in enumerate(tokens) if t is tok), -1)
    if position < 2:
        return None
    first, before = tokens[position - 1], tokens[position - 2]
    adjacent = _no_blank_token_between(text, before, first.start_pos, first) and \
        _no_blank_token_between(text, first, text_end if at_end else tok.start_pos or 0, tok)
    if adjacent and ((before.type == "LEFT_CURLEY" and first.type not in ("RIGHT_CURLEY", "RCURLY"))
                     or first.type == "LOGICAL_NOT"):
        # Map()'s first entry (a key, then ":" or a blank) and UnaryExpression()'s "!"
        # (then an operand or a blank) are guarded by LOOKAHEAD(2) too: failing, the error
        # is at the key or the "!" (cases velocity/fuzz/map-key-lookahead, not-lookahead)
        return first
    if first.type not in _ITERATION_STARTS or not adjacent or before.type in ("DOT", "COMMA"):
        return None
    frames: list[bool] = []  # open brackets: True for a directive's argument list
    for i in range(position - 1):
        kind = tokens[i].type
        if kind in _OPENERS:
            frames.append(kind == "LPAREN" and i > 0 and tokens[i - 1].type in ("LINE_WORD", "BLOCK_WORD"))
        elif kind in _CLOSERS and frames:
            frames.pop()
    return first if frames and frames[-1] else None


def _dot_before_keyword(tokens: list[VtlToken], tok: Token, text: str) -> VtlToken | None:
    """The "." Velocity reports when ``tok``, a ``true`` or ``false`` glued to it, cannot
    name a property (``$a.true``) inside a directive, an index, a call or ``${…}``.

    Reference() takes ``.name`` under LOOKAHEAD(2): with a keyword the reference ends
    before the "." and the error is there; only in text is a "." text, so there the error
    stays at the keyword (cases velocity/fuzz/dot-before-keyword*). Whether the reference
    is in text is the grammar's to say: text may follow it there, nowhere else (a "${(" or
    "(" in text opens nothing, so brackets cannot be counted)."""
    if tok.type not in ("TRUE", "FALSE"):
        return None
    position = next((i for i, t in enumerate(tokens) if t is tok), -1)
    if position < 1:
        return None
    dot = tokens[position - 1]
    if dot.type != "DOT" or dot.end_pos != tok.start_pos:
        return None
    prepared = _Prepared(text)
    prepared.tokens = []
    parser = _lark().parse_interactive(prepared)
    try:
        for earlier in tokens[: position - 1]:
            parser.feed_token(earlier)
        parser.feed_token(Token("TEXT", "x"))
    except UnexpectedInput:
        return dot
    return None


_BLANK = re.compile(r"[ \t\r\n]")


def _no_blank_token_between(text: str, left: Token, right_start: int, right: Token) -> bool:
    """Whether no blank (a WHITESPACE token, which the parser's tokens leave out) lies
    between ``left`` and ``right``. What else can lie there is read by no lookahead:
    special text (a lone ``#`` or ``$``) and the start of a ``#* *#`` comment, whose token
    is only its ``*#`` (the rest was skipped: ``{$a#*c*#`` fails the map's lookahead at
    ``$a``, case velocity/fuzz/map-key-lookahead-comment), or of a comment never closed,
    skipped to the end (``#foreach({#*`` fails at ``{``, case
    velocity/fuzz/directive-argument-lookahead-unclosed-comment)."""
    gap = text[left.end_pos:right_start]
    comment = gap.find("#*")
    if comment >= 0 and right.type in ("MULTI_LINE_COMMENT", "FORMAL_COMMENT", "$END"):
        gap = gap[:comment]
    return _BLANK.search(gap) is None


def _syntax_error(
    error: UnexpectedInput, tokens: list[VtlToken], text: str, index: LineIndex, name: str | None
) -> TemplateSyntaxError:
    tok = error.token if isinstance(error, UnexpectedToken) else None
    dot = None
    if tok is not None:
        first = _failed_argument_lookahead(tokens, tok, text)
        if first is not None:
            error = UnexpectedToken(first, {"RPAREN"})  # type: ignore[no-untyped-call]
            tok = first
        dot = _dot_before_keyword(tokens, tok, text)
        if dot is not None:
            keyword = str(tok)
            error = UnexpectedToken(dot, set())  # type: ignore[no-untyped-call]
            tok = dot
    at_end = tok is None or tok.type == "$END"
    if at_end:
        # Velocity reports <EOF> at the template's last character (its last UTF-16 unit).
        line, column = index.position(max(len(text) - 1, 0))
        if text and text[-1] > "\uffff":
            column += 1
        offset = len(text)
    else:
        assert tok is not None
        line, column = index.position(tok.start_pos)
        offset = tok.start_pos
    open_blocks = _open_blocks(tokens, offset)
    expected = sorted({_FRIENDLY.get(t, t) for t in getattr(error, "expected", set()) if t in _FRIENDLY})
    # (a block whose header is unfinished, "#if(" at the end, wants the header's rest: said
    # as such below, not as a missing #end)
    if at_end and open_blocks and "END" in getattr(error, "expected", ()):
        opener = open_blocks[-1]
        o_line, o_column = index.position(opener.start_pos)
        word = "#" + (directive_name(opener.value) if opener.type == "BLOCK_WORD" else "if")
        message = f"{word} is missing its #end (opened at line {o_line}, column {o_column})"
        return TemplateSyntaxError(message, name=name, line=line, column=column, source=text,
                                   related=(o_line, o_column, len(word), "opened here"))
    if tok is not None and tok.type in ("END", "ELSE_DIRECTIVE", "ELSEIF_DIRECTIVE") and not open_blocks:
        word = {"END": "#end", "ELSE_DIRECTIVE": "#else", "ELSEIF_DIRECTIVE": "#elseif"}[tok.type]
        message = f"{word} without a matching #if" if word != "#end" else "#end without a block to close"
        return TemplateSyntaxError(message, name=name, line=line, column=column, source=text,
                                   length=len(word))
    what = _describe(tok) if tok is not None else "the end of the template"
    message = "unexpected end of the template" if at_end else f"unexpected {what}"
    if expected:
        message += "; expected " + (", ".join(expected[:-1]) + " or " + expected[-1] if len(expected) > 1 else expected[0])
    if dot is not None:
        message += f" ('{keyword}' is a keyword: it cannot name a property)"
    length = len(str(tok).rstrip()) if tok is not None and tok.type != "$END" else 1
    return TemplateSyntaxError(message, name=name, line=line, column=column, source=text, length=length)


def _lexical_error(error: VtlLexicalError, text: str, index: LineIndex, name: str | None) -> TemplateSyntaxError:
    if error.at_eof:
        line, column = index.eof_error_position()
        after = error.after
        if after.startswith(('"', "'")):
            message = "a string literal is never closed"
        elif "#[[" in after:
            message = "#[[ is never closed by ]]#"
        elif not after:
            message = "unexpected end of the template here (Velocity allows only values and references in a method call or index)"
        else:
            message = f"the template cannot end with {after.strip() or after!r}"
    else:
        line, column = index.position(error.offset)
        message = f"unexpected {error.char!r} here (Velocity allows only values and references in a method call or index)"
    return TemplateSyntaxError(message, name=name, line=line, column=column, source=text)

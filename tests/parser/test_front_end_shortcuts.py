"""The front end's shortcuts give exactly what the general code gives.

The lexer skips its longest-match contest where only one rule can win
(``tokenize(fast_paths=False)`` always runs the contest, the implementation the
conformance cases were first checked against), and the parser applies Lark's LALR table
with its own loop (``Lark.parse`` is the general path). Both are compared here on the
recorded templates of the conformance suite and on a fixed-seed stream of mutated
templates that reach the rare states (comments with ``$``/``#``, unclosed literals,
numbers glued to ``..``, lexical errors at the end of input…).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from lark.exceptions import UnexpectedToken

from vtl import lexer
from vtl.errors import TemplateSyntaxError
from vtl.lexer import LineIndex, VtlLexicalError, tokenize
from vtl.parser import _lark, _Prepared, _run_lalr, parser_tokens

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "conformance" / "tools"))
from fuzzlib import mutants as _mutants  # noqa: E402
from fuzzlib import recorded_templates as _recorded_templates  # noqa: E402


@pytest.fixture(scope="module")
def corpus() -> list[str]:
    templates = _recorded_templates()
    assert len(templates) > 500  # the conformance suite is there
    return templates + _mutants(14, 4000, templates)


def _lex(text: str, fast: bool) -> tuple[list[tuple[object, ...]], object]:
    tokens: list[tuple[object, ...]] = []
    try:
        for tok in tokenize(text, fast_paths=fast):
            tokens.append((tok.type, tok.value, tok.start_pos, tok.end_pos, tok.prefix,
                           getattr(tok, "state", None)))
    except VtlLexicalError as error:
        return tokens, (error.offset, error.at_eof, error.after, error.char)
    return tokens, None


def test_lexer_shortcuts_give_the_tokens_and_errors_of_the_full_contest(corpus: list[str]) -> None:
    errors = 0
    for text in corpus:
        fast = _lex(text, True)
        assert fast == _lex(text, False), text
        errors += fast[1] is not None
    assert errors > 100  # the corpus reaches lexical errors, not only clean templates


def _flat(tok: lexer.VtlToken) -> list[lexer.VtlToken]:
    if tok.__class__ is lexer.ReferenceGroup:
        return [tok, *(t for part in tok.parts for t in _flat(part))]  # type: ignore[attr-defined]
    return [tok]


def test_reference_groups_hold_the_tokens_of_the_state_machine(corpus: list[str]) -> None:
    # tokenize(group_references=True) reads a plain reference in one step: flattened,
    # its groups must give the tokens (and errors) of the state machine, token for token.
    groups = nested = 0
    for text in corpus:
        tokens: list[tuple[object, ...]] = []
        error = None
        try:
            for tok in tokenize(text, group_references=True):
                if tok.__class__ is lexer.ReferenceGroup:
                    groups += 1
                    nested += any(p.__class__ is lexer.ReferenceGroup for p in tok.parts)  # type: ignore[attr-defined]
                tokens += [(t.type, t.value, t.start_pos, t.end_pos, t.prefix, getattr(t, "state", None))
                           for t in _flat(tok)]
        except VtlLexicalError as e:
            error = (e.offset, e.at_eof, e.after, e.char)
        assert (tokens, error) == _lex(text, False), text
    assert groups > 2000 and nested > 100


def test_one_character_rules_match_one_character_only() -> None:
    # The "decisive first rule" shortcut relies on these rules never matching more than
    # one character: try every pair of characters that can occur in their patterns.
    alphabet = [chr(c) for c in range(128)] + ["é", "\U0001F600"]
    patterns = {kind: re.compile(pattern) for kind, _, pattern, _ in lexer._RULES}
    for kind in lexer._ONE_CHAR_KINDS:
        pattern = patterns[kind]
        for a in alphabet:
            for b in ("", *alphabet):
                m = pattern.match(a + b)
                assert m is None or m.end() == 1, (kind, a + b)


def test_every_rule_matches_at_least_one_character() -> None:
    for kind, _, pattern, _ in lexer._RULES:
        assert re.compile(pattern).match("") is None, kind


def _lark_result(text: str) -> object:
    index = LineIndex(text)
    try:
        tokens = parser_tokens(text, index, None)
    except TemplateSyntaxError:
        return None
    prepared = _Prepared(text)
    prepared.tokens = tokens
    try:
        general = ("tree", _lark().parse(prepared))
    except UnexpectedToken as error:
        general = ("error", error.token.type, error.token.start_pos, sorted(error.expected))
    try:
        lean = ("tree", _run_lalr(tokens))
    except UnexpectedToken as error:
        lean = ("error", error.token.type, error.token.start_pos, sorted(error.expected))
    assert lean == general, text
    return general[0]


def test_lean_lalr_loop_gives_larks_trees_and_errors(corpus: list[str]) -> None:
    outcomes = [_lark_result(text) for text in corpus]
    assert outcomes.count("tree") > 500 and outcomes.count("error") > 100


def test_tokens_left_out_of_the_lexical_actions_have_none() -> None:
    # tokenize calls _token_action only for _ACTION_KINDS: every other real token must
    # leave the lexer's state and its own kind as they are, in every state and situation.
    others = {kind for kind, category, _, _ in lexer._RULES
              if category == lexer.TOKEN and kind not in lexer._ACTION_KINDS}
    assert {"TEXT", "WHITESPACE", "IDENTIFIER", "COMMA"} <= others
    for kind in others:
        for state in lexer.ALL_STATES:
            for in_comment in (False, True):
                st = lexer._State()
                st.push()
                st.state, st.in_comment, st.in_set, st.lparen = state, in_comment, True, 1
                before = (st.state, list(st.stack), st.lparen, st.rparen, st.in_comment, st.in_set)
                assert lexer._token_action(st, kind, "x (", 0) == kind
                assert (st.state, list(st.stack), st.lparen, st.rparen, st.in_comment,
                        st.in_set) == before, kind


def test_plain_terminators_only_end_a_reference() -> None:
    # The lexer ends a reference at once before these characters (no step of its own for
    # the special token): in the reference states no other rule may start with them, and
    # the special token must print nothing.
    for state in lexer._REFERENCE_STATES:
        for char in lexer._PLAIN_TERMINATORS:
            assert [rule[0] for rule in lexer._candidates(state, char)] == ["REFERENCE_TERMINATOR"], (state, char)
            assert lexer.special_text(char) == ""


@pytest.mark.parametrize("text", [
    "#end", "#end x", "#end \t\r\nx", "#end\rx", "#endx", "#end_", "#end@", "#end1", "#{end}",
    "#else", "#else\n", "#elsex", "#elseif(", "#elseif (", "#elseifx(", "#if", "#if(", "#iff(",
    "#if (true)", "#set(", "#set (", "#set  ($a = 1)", "#setx(", "#{set}(", "#stop", "#s", "#s(",
    "#@m()", "#@m", "#foo ()", "#foo\n(", "#foo", "#_x(", "#e1", "#@", "$#end", "\\#end",
    "$a#end", "$a.b#if(", "#if(true)#end#else#elseif#end", "x #set($a = 1)#if($a)#end",
    "#set($a = ($b + 1)) x", "#set($a = $b.c(1)) x", "#foreach($i in [1..2])$i#end",
])
def test_directive_words_in_text_give_the_tokens_of_the_full_contest(text: str) -> None:
    # "#word" in DEFAULT is read in one step (lexer._directive_in_default)
    assert _lex(text, True) == _lex(text, False)
    assert _lex(text + "x", True) == _lex(text + "x", False)

"""Runs of statements (vtl.lexer.StatementRun): the lexer reads text and plain references
in one loop, and the parser adds their nodes to the statement list at once (issue 14).

The slow path, the one compared with, is the state machine's tokens one at a time (the
implementation the conformance cases were checked against) and the tree-walking builder.
Runs must give the same tokens (flattened), the same Document, and, where the template
is wrong, fail so that ``parse`` reports the tree path's error. The templates below reach
the edges of a run (what ends one, the lexer states inside, positions on lines with tabs,
CRLF or characters past the BMP); the conformance corpus and mutants of it are run too.
"""

from __future__ import annotations

import pytest
from lark.exceptions import UnexpectedInput
from test_front_end_shortcuts import _lex, _mutants, _recorded_templates
from test_reducer import _outcome

from vtl import lexer
from vtl.builder import build
from vtl.errors import TemplateError
from vtl.lexer import LineIndex, ReferenceGroup, StatementRun, VtlLexicalError, run_tokens, tokenize
from vtl.parser import _run_lalr, _syntax_error, parse, parser_tokens
from vtl.profiles import get_profile
from vtl.reducer import TreePath, build_directly

EDGES = [
    "$a+$b+$c+",
    "$a$b$c$d",
    "$a.b$c.d$e.f",
    "$a.b$c.d$e.f+$g+$h",  # the REFMODIFIER a property followed by "$" leaves, then popped
    "$a.b$c.d$e.f x",
    "$a.b$c.d$e.f+x#if(true)y#end z$a.b",  # text pops those REFMODIFIERs: no run goes on
    "$a.b$c$d.e$f#if(true)x#end",  # "#" after a property, in REFMODIFIER: not in the run
    "$a.b$c.d$e.f$!g$h",
    "$a.b$c.d$e.f #set($x = 1)$x$x$x",
    "$a$b$c #set($x = 1)$x",
    "  $a $b $c  #set($x=1)$x",
    "$a.$b.$c. text.",  # "." before no letter ends a reference
    "$a$b$!c$d$e$f",
    "$a$b${c}$d$e$f",
    "$a$b\\$c$d$e$f",
    "$a$b\\\\$c$d$e$f",
    "$a$b$c($d$e$f",
    "$a$b$c[$d$e$f",
    "$a$b$c[0]$d[1].e$f.g('x', 1)$h$i",  # indexes and calls: _plain_reference's groups
    "$a.true$b$c$d",  # keywords name no property
    "$true$a$b$c",
    "$atrue$b.falsey$c",
    "a#b$a$b#c$d$e",
    "$a$b$c##comment\n$d$e$f",
    "$a$b$c#*x*#$d$e$f",
    "$a$b$c#[[raw]]#$d$e$f",
    "$a-b$c-$d-e$f",
    "l1 $a\r\nl2 $b.c\r\n$d\rl4\t$e\t$f.g\n$h.i.j",
    "\t$a.b$c.d\t$e.f$g.h",  # columns after tabs
    "$a[0]$b[1].c$d.e[-2][3]$f[0]+$g[12345678901234567890]",
    "\t$a[0]$b[1].c\t$d.e[-2][3]$f[0]\n$g[1]",
    "\U0001F600$a[0]$b[1].c\U0001F600$d.e[-2][3]",
    "$a[0]$b[0]$c[0][",
    "$a[0]$b[0]$c[0](",
    "$a[0]$b[0]$c.d[0]$e[0].f$g",
    "\U0001F600$a\U0001F600$b.c\U0001F600$d\t\U0001F600$e.f.g",  # two UTF-16 units each
    "#if(true)$a+$b+$c#end",
    "#if(true)$a$b$c#elseif(false)$d$e$f#else$g$h$i#end",
    "#foreach($i in [1, 2])$i$a$b.c,#end\n",
    "#macro(m $x)$x$x$x#end#m(1)$a$b$c",
    # a block directive's literal (an undefined macro's call prints it) holds its body's
    # tokens (fuzz seed 103, template 1378)
    "#@m(2.0)\t\n\t$name\r\n$big\n \t#end$a$b$c",
    "#@m()$a$b\\$c$d$e$!f$g$h#end",
    "#@m()$a.b$c.d$e.f$g$h#$i$j$k#end",
    "#macro(m)$bodyContent#end#@m()$a$b$c\n$d.e$f#end",
    "#set($a = 1)$a$a$a",
    "$a$b$c$",
    "$a$b$c#",
    "$a$b$c\\",
    "$a.b$c.d$e.f(",
    "x$a.b$c.d(1)$e.f$g",
    "#foo($a.b$c.d$e",
    # errors after a run: the same error, line and column
    # the same edges after a run
    "$o$p$q$r$a.b$c.d$e.f$!g$h",
    "$o$p$q$r$a$b$c #set($x = 1)$x",
    "$o$p$q$r$!c$d$e$f",
    "$o$p$q$r\\$c$d$e$f",
    "$o$p$q$r[$d$e$f",
    "$o$p$q$r$a.true$b$c$d",
    "$o$p$q$r$true$a$b$c",
    "$o$p$q$r#*x*#$d$e$f",
    "$o$p$q$r#[[raw]]#$d$e$f",
    "$o$p$q$r\\",
    "$o$p$q.r$s.t(",
    "#foo($o$p$q$r$a.b$c.d$e",
    "#foo(x)$p$q$r$a.b$c.d$e",
    "$a+$b+$c+ #end",
    "x$a$b$c\n\t$d$e$f #else",
    "$a.b$c.d$e.f\n#if(",
    "$a$b$c\n#set($x = )",
    "$a$b$c\n$d.e$f.g\n$h.i(",
    "\U0001F600$a$b$c\t#end",
    "$a$b$c\r\n  #foreach($i in 1)",
]


def _flat(tok: lexer.VtlToken, text: str) -> list[lexer.VtlToken]:
    if isinstance(tok, StatementRun):
        return [t for item in run_tokens(text, tok.start_pos, tok.items, tok.in_default)
                for t in _flat(item, text)]
    if isinstance(tok, ReferenceGroup):
        return [tok, *(t for part in tok.parts for t in _flat(part, text))]
    return [tok]


def _lex_runs(text: str) -> tuple[tuple[list[tuple[object, ...]], object], int]:
    tokens: list[tuple[object, ...]] = []
    runs = 0
    try:
        for tok in tokenize(text, group_references=True, statement_runs=True):
            runs += isinstance(tok, StatementRun)
            tokens += [(t.type, t.value, t.start_pos, t.end_pos, t.prefix, getattr(t, "state", None))
                       for t in _flat(tok, text)]
    except VtlLexicalError as e:
        return (tokens, (e.offset, e.at_eof, e.after, e.char)), runs
    return (tokens, None), runs


def _runs_path(text: str, profile: str) -> object:
    """What parse's fast path makes of ``text`` with runs: a Document, or its failure."""
    options = get_profile(profile)
    index = LineIndex(text)
    try:
        tokens = parser_tokens(text, index, None, frozenset(options.directive_blocks()), True, True)
        return build_directly(tokens, text, index, options, None)
    except Exception as error:  # noqa: BLE001 - any failure sends parse to the tree path
        return error


def _slow_parse(text: str, profile: str) -> object:
    """What ``parse`` makes of ``text`` without its fast path: the state machine's tokens
    one at a time, Lark's tree, the tree-walking builder; a Document or the error."""
    options = get_profile(profile)
    index = LineIndex(text)
    try:
        tokens = parser_tokens(text, index, None, frozenset(options.directive_blocks()))
        try:
            tree = _run_lalr(tokens)
        except UnexpectedInput as error:
            raise _syntax_error(error, tokens, text, index, None) from None
        return build(tree, tokens, text, index, options, None)
    except TemplateError as error:
        return error


def _check(text: str, profile: str) -> str:
    """Compare the runs path and ``parse`` with the slow path on ``text``: "same" (a
    Document), "failed" (an error, the same from ``parse``) or "literal" (a #literal
    block, which the fast path leaves to the tree path)."""
    slow = _slow_parse(text, profile)
    try:
        parsed: object = parse(text, options=get_profile(profile))
    except TemplateError as error:
        parsed = error
    assert _outcome(parsed) == _outcome(slow), text
    fast = _runs_path(text, profile)
    if isinstance(slow, Exception):
        assert isinstance(fast, Exception), text  # (then parse takes the slow path)
        return "failed"
    if isinstance(fast, TreePath):
        assert "literal" in text, text  # the only construct left to the tree path
        return "literal"
    assert fast == slow, text
    return "same"


@pytest.mark.parametrize("text", EDGES)
def test_runs_give_the_tokens_of_the_state_machine_at_their_edges(text: str) -> None:
    assert _lex_runs(text)[0] == _lex(text, False), text


def test_edge_templates_hold_runs() -> None:
    # (else the tests below would test nothing)
    with_runs = sum(_lex_runs(text)[1] > 0 for text in EDGES)
    assert with_runs > len(EDGES) * 2 // 3


@pytest.mark.parametrize("profile", ["apigateway", "velocity"])
@pytest.mark.parametrize("text", EDGES)
def test_runs_make_the_documents_and_errors_of_the_tree_path(text: str, profile: str) -> None:
    _check(text, profile)


def test_errors_after_a_run_are_reported_where_velocity_reports_them() -> None:
    # Velocity 1.7 (the jar, conformance/recorder): "#end" at line 1, column 11 of
    # "$a+$b+$c+ #end" is a ParseErrorException ("Encountered "#end""); the tree path
    # reports it there, and parse must too once a run went before it.
    with pytest.raises(Exception) as raised:
        parse("$a+$b+$c+ #end", options=get_profile("velocity"))
    assert (raised.value.line, raised.value.column) == (1, 11)  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def corpus() -> list[str]:
    templates = _recorded_templates()
    return templates + _mutants(2014, 1500, templates)


def test_runs_on_the_corpus(corpus: list[str]) -> None:
    outcomes = {"same": 0, "failed": 0, "literal": 0}
    runs = 0
    for text in corpus:
        lexed, found = _lex_runs(text)
        assert lexed == _lex(text, False), text
        runs += found > 0
        outcomes[_check(text, "velocity")] += 1
    assert runs > 500 and outcomes["same"] > 1000 and outcomes["failed"] > 100

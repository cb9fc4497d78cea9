"""The reductions (vtl/reducer.py) make the Document the tree-walking builder makes.

``parse`` builds nodes inside the LALR reductions and hands a template to the
tree-walking builder (vtl/builder.py) only when something fails, nests deeply or holds a
#literal block. Both are run here on the recorded templates of the conformance suite and
a fixed-seed stream of mutated ones (test_front_end_shortcuts._mutants), in both
profiles: the same Document, and, where the tree path raises, a failure of the fast path
too (so ``parse`` takes the tree path and reports its error).
"""

from __future__ import annotations

import pytest
from lark.exceptions import UnexpectedInput

from test_front_end_shortcuts import _mutants, _recorded_templates
from vtl.builder import build
from vtl.errors import TemplateError
from vtl.lexer import LineIndex
from vtl.parser import TooDeep, _run_lalr, parse, parser_tokens
from vtl.profiles import get_profile
from vtl.reducer import MAX_OPEN_SYMBOLS, TreePath, build_directly


@pytest.fixture(scope="module")
def corpus() -> list[str]:
    templates = _recorded_templates()
    return templates + _mutants(1414, 1000, templates)


def _tree_path(text: str, profile: str) -> object:
    """What the tree-walking builder makes of ``text``: a Document, or its error."""
    options = get_profile(profile)
    index = LineIndex(text)
    tokens = parser_tokens(text, index, None, frozenset(options.directive_blocks()))
    try:
        return build(_run_lalr(tokens), tokens, text, index, options, None)
    except (TemplateError, UnexpectedInput) as error:
        return error


def _fast_path(text: str, profile: str, group_references: bool = False) -> object:
    options = get_profile(profile)
    index = LineIndex(text)
    tokens = parser_tokens(text, index, None, frozenset(options.directive_blocks()), group_references)
    try:
        return build_directly(tokens, text, index, options, None)
    except Exception as error:  # noqa: BLE001 - any failure sends parse to the tree path
        return error


def _outcome(result: object) -> object:
    if isinstance(result, TemplateError):
        return type(result).__name__, str(result), result.line, result.column
    return result


@pytest.mark.parametrize("profile", ["apigateway", "velocity"])
def test_reductions_make_the_documents_of_the_tree_walk(corpus: list[str], profile: str) -> None:
    same = failed = literal = 0
    for text in corpus:
        try:
            tree = _tree_path(text, profile)
        except TemplateError:
            continue  # a lexical error: before either path
        fast = _fast_path(text, profile)
        if isinstance(tree, Exception):
            assert isinstance(fast, Exception), text  # the fast path must not accept it
            failed += 1
        elif isinstance(fast, TreePath):
            assert "literal" in text, text  # the only construct left to the tree path
            literal += 1
        else:
            assert fast == tree, text
            same += 1
        if not isinstance(tree, UnexpectedInput):
            # parse() gives the tree path's result whichever path it took
            try:
                parsed: object = parse(text, options=get_profile(profile))
            except TemplateError as error:
                parsed = error
            assert _outcome(parsed) == _outcome(tree), text
    assert same > 900 and failed > 150 and literal > 0


@pytest.mark.parametrize("profile", ["apigateway", "velocity"])
def test_reference_groups_make_the_documents_of_their_tokens(corpus: list[str], profile: str) -> None:
    # parse() lexes plain references as one token each (Reducer.reference_group makes
    # their nodes): the Document must be the one the reductions make of all the tokens.
    same = 0
    for text in corpus:
        try:
            flat = _fast_path(text, profile)
        except TemplateError:
            continue  # a lexical error
        grouped = _fast_path(text, profile, group_references=True)
        if isinstance(flat, Exception):
            assert isinstance(grouped, Exception), text  # then parse() takes the tree path
        else:
            assert grouped == flat, text
            same += 1
    assert same > 900


def test_deep_nesting_takes_the_tree_path() -> None:
    options = get_profile("velocity")
    # an #if holds its parent's #if open with three more symbols: 4 per level
    for depth in (MAX_OPEN_SYMBOLS // 4 - 1, MAX_OPEN_SYMBOLS // 4):
        text = "#if(true)" * depth + "x" + "#end" * depth
        index = LineIndex(text)
        tokens = parser_tokens(text, index, None, frozenset(options.directive_blocks()))
        if depth == MAX_OPEN_SYMBOLS // 4:
            with pytest.raises(TooDeep):
                build_directly(tokens, text, index, options, None)
        else:
            assert build_directly(tokens, text, index, options, None) == build(
                _run_lalr(tokens), tokens, text, index, options, None)
        assert parse(text, options=options) == build(_run_lalr(tokens), tokens, text, index, options, None)


def test_a_string_literal_inside_counts_towards_the_depth() -> None:
    options = get_profile("velocity")
    inner = "$a.b(" * 30 + "1" + ")" * 30  # about 120 open symbols inside the string
    text = "#set($x = " + "[" * 30 + '"' + inner + '"' + "]" * 30 + ")"
    index = LineIndex(text)
    tokens = parser_tokens(text, index, None, frozenset(options.directive_blocks()))
    with pytest.raises(TooDeep):
        build_directly(tokens, text, index, options, None)
    assert parse(text, options=options) == build(_run_lalr(tokens), tokens, text, index, options, None)

"""Shared code for statements of one shape (vtl/sharing.py), which only large templates get:
every conformance case is rendered again with it forced for every statement, so the shared
form is checked against the recordings, error locations included; and the shared form
gives the same error locations, output origins and cached units as the inline form."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from conformance_rerun import rerun_conformance

from vtl import TemplateError, TemplateRenderError, compiler, sharing, template
from vtl.template import Template, compile_unit
from vtl.unit import Unit


def test_conformance_cases_pass_with_every_statement_shared(shared):
    run, failures = rerun_conformance()
    assert run > 1000
    assert not failures, "\n".join(failures)


_REPEATED = "".join(f"#set($x = $l.get({i}))$x,\n" for i in range(3)) + "#foreach($i in $l)$i.name#end\n" * 2


def test_statements_of_one_shape_share_a_function(shared):
    unit = compile_unit(_REPEATED, "apigateway", "t")
    code = unit.python_source
    assert code.count("def _shared") == 2  # the #set lines, the #foreach lines
    # the calls are data: one loop over a table of (shared function, its consecutive
    # copies), each copy the constants that differ (the index, the #foreach's location)
    # and the copy's number last
    assert code.count("for _f, _c in _zip(_functions1, _table1):") == 1 and "_table2" not in code
    assert unit.tables == [((1, ((0, 0, 0, 0), (1, 1, 1, 1), (2, 2, 2, 2))),
                            (2, (("t:4:1", 3), ("t:5:1", 4))))]


def _error(source: str) -> TemplateRenderError:
    with pytest.raises(TemplateRenderError) as info:
        Template(source, profile="velocity", name="t").render({"l": [{"name": 1}, {"name": 2}]})
    return info.value


def test_an_error_in_shared_code_is_located_at_its_copy(monkeypatch: pytest.MonkeyPatch):
    source = _REPEATED.replace("get(2)", "get(7)")
    inline = _error(source)
    assert inline.line == 3  # the third line's get(7)
    template._compile.cache_clear()  # type: ignore[attr-defined]
    monkeypatch.setenv("VTL_NO_CACHE", "1")
    monkeypatch.setattr(compiler, "COMPACT_TEMPLATE_CHARS", 0)
    monkeypatch.setattr(sharing, "SHARE_MIN_COPIES", 1)
    try:
        assert "_shared" in compile_unit(source, "velocity", "t").python_source
        located = _error(source)
    finally:
        template._compile.cache_clear()  # type: ignore[attr-defined]
    assert (located.line, located.column, str(located)) == (inline.line, inline.column, str(inline))


def test_output_origins_are_the_same_in_shared_code(monkeypatch: pytest.MonkeyPatch):
    source = "".join(f"a{i}\n$l.get({i % 2}).name\n#foreach($i in $l)$i.name\n#end\n" for i in range(4))
    variables = {"l": [{"name": "x"}, {"name": "y"}]}
    monkeypatch.setenv("VTL_NO_CACHE", "1")
    template._compile.cache_clear()  # type: ignore[attr-defined]
    inline = Template(source, name="t").render_with_origins(variables)
    monkeypatch.setattr(compiler, "COMPACT_TEMPLATE_CHARS", 0)
    template._compile.cache_clear()  # type: ignore[attr-defined]
    try:
        assert "_shared" in compile_unit(source, "apigateway", "t").python_source
        shared_form = Template(source, name="t").render_with_origins(variables)
    finally:
        template._compile.cache_clear()  # type: ignore[attr-defined]
    assert shared_form == inline
    assert {line for _, line in inline[1]} == {line for line in range(1, 17) if line % 4}  # not the #end lines


def test_a_cached_unit_keeps_the_locations_of_shared_code(shared):
    source = _REPEATED.replace("get(2)", "get(7)")
    unit = compile_unit(source, "velocity", "t")
    again = Unit.from_cache_payload(unit.cache_payload(), unit.options, "t", source)
    for compiled in (unit, again):
        with pytest.raises(Exception) as info:
            compiled.root({"l": [{"name": 1}, {"name": 2}]}, [].append)
        assert compiled.render_error(info.value).line == 3


def test_code_reading_a_name_of_its_function_keeps_it_inline():
    module = frozenset({"f", "g", "out"})
    assert sharing.movable("\tv1 = f()\n\tg(v1)", module)
    assert not sharing.movable("\tg(v1)", module)  # another statement's temporary
    assert not sharing.movable("\tg(a_x)", module)  # a macro's argument, say
    assert not sharing.movable("\tg(unknown_helper)", module)
    assert sharing.movable("\tdef h(x):\n\t\treturn True\n\tg(h, ctx_get('\0'))", module)
    assert sharing.movable("\treturn True", module) and not sharing.movable("\treturn", module)


_TABLE = ("#if($x.equals('k0'))v0" + "".join(f"#elseif($x.equals('k{i}'))v{i}\n" for i in range(1, 450))
          + "#else none#end")


@pytest.mark.parametrize(("x", "expected"), [("k0", "v0"), ("k1", "v1\n"), ("k299", "v299\n"),
                                             ("k449", "v449\n"), ("k450", " none")])
def test_a_lookup_table_in_shared_code_takes_one_branch(shared, x, expected):
    code = compile_unit(_TABLE, "apigateway", "t").python_source
    assert "if _f(ctx, _append, _c, ctx_get): return True" in code
    assert Template(_TABLE, name="t").render({"x": x}) == expected


def test_an_error_in_a_shared_lookup_branch_is_located_at_its_line(shared):
    source = _TABLE.replace("#elseif($x.equals('k300'))", "#elseif($x.substring(9))")
    with pytest.raises(TemplateRenderError) as info:
        Template(source, name="t").render({"x": "zz"})
    assert (info.value.line, info.value.column) == (300, 12)  # the method name of substring(9) of "zz"



def _outcome(source: str, event: dict | None, options) -> tuple:
    """Output, or the error's class, text and location; Java identity hashes left out."""
    from vtl.apigw import EventError, render

    try:
        if event is None:
            output = Template(source, profile=options).render({"s": "abc", "n": 123456789, "x": {"b": 1}})
        else:
            output = render(source, event, profile=options).body
    except (TemplateError, EventError) as error:
        result: tuple = (type(error).__name__, str(error), getattr(error, "line", None),
                         getattr(error, "column", None))
    else:
        result = ("ok", output)
    return tuple(re.sub(r"@[0-9a-f]{4,8}", "@", x) if isinstance(x, str) else x for x in result)


def test_fuzzed_templates_render_alike_inline_and_shared(monkeypatch: pytest.MonkeyPatch):
    # The hostile fuzzer's templates (random, mutated, API Gateway-like), each rendered
    # with its code inline and with every statement shared: the same output, or the same
    # error at the same place. (The hand run went through 21,000 of them.)
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "conformance" / "tools"))
    import fuzz_hostile

    cases = [fuzz_hostile.case(20261204, index) for index in range(150)]
    monkeypatch.setenv("VTL_NO_CACHE", "1")
    template._compile.cache_clear()  # type: ignore[attr-defined]
    inline = [_outcome(source, event, fuzz_hostile.PROFILES[profile]) for source, event, profile in cases]
    monkeypatch.setattr(compiler, "COMPACT_TEMPLATE_CHARS", 0)
    monkeypatch.setattr(sharing, "SHARE_MIN_COPIES", 1)
    template._compile.cache_clear()  # type: ignore[attr-defined]
    try:
        shared_form = [_outcome(source, event, fuzz_hostile.PROFILES[profile]) for source, event, profile in cases]
    finally:
        template._compile.cache_clear()  # type: ignore[attr-defined]
    differing = [(case[0], a, b) for case, a, b in zip(cases, inline, shared_form)
                 if a != b and "render_timeout" not in repr((a, b))]
    assert not differing, differing[:3]
    assert sum(outcome[0] == "ok" for outcome in inline) > 30  # outputs, not only errors


def test_module_names_in_a_table_are_the_objects_of_each_copy(shared):
    # Each line's #foreach has its own Loop constant (_loop1, _loop2…) and each #define its
    # own function: the tables hold their names, which the unit replaces by the objects.
    # $foreach.index counts from 0 (Velocity's ForeachScope.getIndex); a #define's
    # reference renders its own body.
    source = "".join(f"#foreach($i in $l)$foreach.index#end#define($d)d{n}#end$d\n" for n in range(3))
    unit = compile_unit(source, "velocity", "t")
    assert unit.named and any(isinstance(c, bytes) for table in unit.tables for _, k in table
                              for c in (k if not isinstance(k[0], tuple) else [c for copy in k for c in copy]))
    expected = "01d0\n01d1\n01d2\n"
    assert Template(source, profile="velocity", name="t").render({"l": [7, 8]}) == expected
    again = Unit.from_cache_payload(unit.cache_payload(), unit.options, "t", source)
    output: list[str] = []
    again.root({"l": [7, 8]}, output.append)
    assert "".join(output) == expected


def test_a_shape_met_one_copy_at_a_time_is_called_per_copy(shared):
    # Two shapes alternating: each shared function is called once per copy with its
    # constants (no loop over copies), and an error in the last copy is at its line.
    source = "".join(f"#set($x = $l.get({i % 2 if i < 3 else 9}))\n$l.size()\n" for i in range(4))
    unit = compile_unit(source, "velocity", "t")
    assert "for _k in _ks" not in unit.python_source
    assert [number for table in unit.tables for number, _ in table] == [1, 2] * 4
    assert [k[-1] for table in unit.tables for _, k in table] == list(range(8))
    error = _error(source)
    assert (error.line, error.column) == (7, 14)  # get(9): the method's name (case velocity/strings/substring-reversed)


def test_the_last_branches_of_a_lookup_function_are_shared_too(compact):
    # 400 branches: two functions of 200 (compiler._MAX_ELIF), each 6 groups of 32 and a
    # last group of 8 branches, then its "return False" (a group of its own, never shared:
    # code with a bare return cannot move): the groups of 8 are shared like the others.
    source = "#if($x.equals('k0'))a" + "".join(f"#elseif($x.equals('k{i}'))v{i}" for i in range(1, 400)) + "#end"
    code = compile_unit(source, "apigateway", "t").python_source
    assert code.count("def _shared") == 2 and "'k192'" not in code and "'k399'" not in code
    assert Template(source, name="t").render({"x": "k397"}) == "v397"

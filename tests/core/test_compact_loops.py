"""The compact form of loop bodies (vtl.compiler.COMPACT_TEMPLATE_CHARS), which only
templates past that size get: every conformance case with a ``#foreach`` is rendered again
with it forced, so both forms of generated code are checked against the recordings."""

from __future__ import annotations

from conformance_rerun import rerun_conformance

from vtl.template import compile_unit


def test_loop_bodies_read_properties_through_helpers_when_compact(compact):
    source = "#foreach($i in $list)$i.name,#end"
    code = compile_unit(source, "apigateway", "t").python_source
    assert "path_empty(item1, 'name')" in code and ".get('name')" not in code


def test_loop_bodies_read_properties_inline_below_the_size():
    code = compile_unit("#foreach($i in $list)$i.name,#end", "apigateway", "t").python_source
    assert ".get('name')" in code and "path_empty(item1" not in code


def test_conformance_cases_with_loops_pass_in_the_compact_form(compact):
    run, failures = rerun_conformance(lambda template: "foreach" in template)
    assert run > 100  # the corpus has a few hundred loop cases
    assert not failures, "\n".join(failures)

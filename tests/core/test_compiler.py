"""The compiler on hand-built ASTs: the shape of the generated code and its line map."""

from __future__ import annotations

from ast_helpers import at, doc, foreach, i, if_, method, op, out, prop, ref, s, set_, text

from vtl import nodes as n
from vtl.compiler import compile_document
from vtl.profiles import APIGATEWAY, VELOCITY


def run(document: n.Document, variables: dict[str, object], options=VELOCITY) -> str:  # type: ignore[no-untyped-def]
    unit = compile_document(document, options, source="", name="t")
    parts: list[str] = []
    unit.root(dict(variables), parts.append)
    return "".join(parts)


def source_of(document: n.Document, options=VELOCITY) -> str:  # type: ignore[no-untyped-def]
    return compile_document(document, options, source="", name="t").python_source


def test_adjacent_text_is_one_append() -> None:
    code = source_of(doc(text("a"), text("b"), text("c")))
    assert "_append('abc')" in code


def test_property_of_a_dict_is_read_inline_in_loops() -> None:
    code = source_of(doc(foreach("i", ref("l"), out(ref("m", prop("k"))))))
    assert "v2.get('k') if type(v2) is dict or is_key_lookup(v2.__class__, 'k') else prop(v2, 'k')" in code


def test_code_outside_loops_is_compact() -> None:
    code = source_of(doc(out(ref("m", prop("k"), prop("j")))))
    assert "_append(out_path(ctx_get('m'), ('k', 'j'), ctx, '$m.k.j'))" in code


def test_class_property_is_never_a_map_key() -> None:
    code = source_of(doc(foreach("i", ref("l"), out(ref("m", prop("class"))))))
    assert ".get('class')" not in code


def test_helpers_are_bound_to_locals() -> None:
    code = source_of(doc(set_(ref("x"), ref("m", prop("k"))), out(ref("m", prop("k")))))
    header = next(line for line in code.splitlines() if line.startswith("def root("))
    bound = {part.split("=")[0] for part in header[len("def root("):-2].split(", ")[2:]}
    # the helpers it calls; a name merely contained in the code (out in out_path) may be
    # bound too, never one it does not contain
    assert {"out_path", "path"} <= bound <= {"out_path", "path", "out"}


def test_template_text_is_not_searched_for_helper_names() -> None:
    # text lines call only the sink: searching megabytes of #evaluate'd text once per runtime
    # name was most of a fuzzed render's time; words of the text bind nothing
    code = source_of(doc(text("out path call1 restore loop_items " * 1000)))
    header = next(line for line in code.splitlines() if line.startswith("def root("))
    assert header == "def root(ctx, _append):"


def test_output_and_set() -> None:
    document = doc(set_(ref("x"), s("v")), text("["), out(ref("x")), text("]"), out(ref("nope")))
    assert run(document, {}) == "[v]$nope"


def test_apigateway_reads_an_unset_variable_as_empty() -> None:
    # The null model (apigateway.md §1): an unset variable is read with "" as the default,
    # so #set copies that "" (a null #foreach element, held as null, is still checked).
    assert "ctx_get('y', '')" in source_of(doc(set_(ref("x"), ref("y"))), APIGATEWAY)
    assert run(doc(set_(ref("x"), ref("y")), text("["), out(ref("x")), text("]")), {"x": 1}, APIGATEWAY) == "[]"


def test_apigateway_chains_go_on_after_null() -> None:
    # $m.k is null: it reads as "", and length() runs on it (case null-chains-go-on).
    document = doc(out(ref("m", prop("k"), method("length"))))
    assert run(document, {"m": {"k": None}}, APIGATEWAY) == "0"
    assert run(document, {"m": {"k": None}}) == "$m.k.length()"


def test_velocity_set_checks_for_null() -> None:
    assert run(doc(set_(ref("x"), ref("nope")), out(ref("x"))), {"x": 1}) == "1"


def test_plain_loop_has_no_loop_state() -> None:
    code = source_of(doc(foreach("i", ref("l"), out(ref("i")))))
    assert "for item1 in loop_items(it1, None, " in code
    assert "velocityCount" not in code and "has_next" not in code and "enumerate" not in code


def test_loop_scaffolding_is_one_helper_call() -> None:
    # The limit, the render's checks and the entry tick live in runtime.loop_items (issue
    # 14: a short module compiles faster), not in lines written into every loop.
    code = source_of(doc(foreach("i", ref("l"), out(ref("i")))), APIGATEWAY)
    assert "for item1 in loop_items(it1, 1000, " in code
    assert "islice" not in code and "ticks" not in code and "tick()" not in code


def test_loop_reading_has_next() -> None:
    document = doc(foreach("i", ref("l"), out(ref("i")), if_(ref("velocityHasNext"), text(","))))
    assert run(document, {"l": [1, 2, 3]}) == "1,2,3"


def test_arithmetic_in_condition_is_false() -> None:
    assert run(doc(if_(op(i(1), "+", i(1)), text("T"), else_body=(text("F"),))), {}) == "F"


def test_line_map_points_at_template_spans() -> None:
    span = at(line=7, column=3)
    unit = compile_document(doc(text("x"), out(ref("a", prop("b"), span=span))), VELOCITY, source="", name="t")
    lines = unit.python_source.split("\n")
    numbered = [k + 1 for k, line in enumerate(lines) if "ctx_get('a')" in line]
    assert numbered and unit.span_at(numbered[0]) == span

"""The statements of a large template generated once per key (vtl.compiler._Memo): a
statement whose nodes equal, but for their spans, those of one met before in the same
function reuses its lines. Each copy keeps its own spans (error locations), text origins
and rendering, and #stop or an error in the 5,000th copy behaves as in the first."""

from __future__ import annotations

import pytest

from vtl import TemplateRenderError, compiler, template
from vtl import nodes as n
from vtl.template import Template, compile_unit
from vtl.unit import Unit


@pytest.fixture(autouse=True)
def _fresh(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("VTL_NO_CACHE", "1")
    template._compile.cache_clear()  # type: ignore[attr-defined]
    yield
    template._compile.cache_clear()  # type: ignore[attr-defined]


def test_statements_of_one_key_are_generated_once_per_function(monkeypatch: pytest.MonkeyPatch):
    visits = []
    visit = compiler._Generator.visit_Output
    monkeypatch.setattr(compiler._Generator, "visit_Output",
                        lambda self, node: (visits.append(node.span.line), visit(self, node))[1])
    source = "$a.b\n" * 30_000  # 60,000 statements (with the newlines): 60 functions of 1,000
    assert len(source) >= compiler.COMPACT_TEMPLATE_CHARS
    output = Template(source, profile="velocity", name="t").render({"a": {"b": "x"}})
    assert output == "x\n" * 30_000
    assert len(visits) == 60  # the first $a.b of each function


def _located(source: str, variables: dict) -> TemplateRenderError:
    with pytest.raises(TemplateRenderError) as info:
        Template(source, profile="velocity", name="t").render(variables)
    return info.value


def test_an_error_in_the_5000th_copy_is_located_at_it():
    # 5,000 lines removing the first element of a list of 4,999: the last one fails. Each
    # line is indented by 0 to 4 blanks, so the copies of the statement stand at several
    # columns. Velocity locates a method's exception at the method's name (as in case
    # velocity/strings/substring-reversed: the column of "remove", 3 after the "$").
    source = "".join(" " * (i % 5) + "$l.remove(0)\n" for i in range(5000))
    assert len(source) >= compiler.COMPACT_TEMPLATE_CHARS
    error = _located(source, {"l": list(range(4999))})
    assert (error.line, error.column) == (5000, 4 + 4)
    assert "'remove'" in str(error) and "IndexOutOfBoundsException" in str(error)
    # the same from a unit rebuilt from the on-disk cache's data
    unit = compile_unit(source, "velocity", "t")
    again = Unit.from_cache_payload(unit.cache_payload(), unit.options, "t", source)
    with pytest.raises(Exception) as info:
        again.root({"l": list(range(4999))}, [].append)
    located = again.render_error(info.value)
    assert (located.line, located.column) == (5000, 8)


def test_stop_in_a_repeated_statement_ends_the_render_at_its_copy():
    # The 1,501st line removes 1500 and stops before printing its ".".
    source = "#if($l.remove(0) == 1500)#stop#end.\n" * 3000
    assert len(source) >= compiler.COMPACT_TEMPLATE_CHARS
    assert Template(source, profile="velocity", name="t").render({"l": list(range(3000))}) == ".\n" * 1500


def test_the_output_of_each_copy_comes_from_its_line():
    source = "x$a\n" * 20_000
    output, origins = Template(source, profile="velocity", name="t").render_with_origins({"a": "y"})
    assert output == "xy\n" * 20_000
    # every line's output starts at 3 * (line - 1) and comes from that line
    assert origins == [(3 * line, line + 1) for line in range(20_000)]


def _span(start: int) -> n.Span:
    return n.Span(start, start + 3, 1, start + 1)


def test_keys_leave_out_spans_only():
    def ref(start: int, literal: str = "$a") -> n.Reference:
        return n.Reference(_span(start), "a", (n.Property(_span(start + 2), "b"),), literal)

    assert compiler._key(n.Output(_span(0), ref(0))) == compiler._key(n.Output(_span(7), ref(7)))
    assert compiler._key(n.Output(_span(0), ref(0))) != compiler._key(n.Output(_span(7), ref(7, "$!a")))
    # values Python finds equal, generated differently (-0.0 prints "-0.0": case
    # velocity/literals/double-literals-printing)
    assert compiler._key(n.FloatLiteral(_span(0), 0.0)) != compiler._key(n.FloatLiteral(_span(0), -0.0))
    assert compiler._key(n.IntegerLiteral(_span(0), 1)) != compiler._key(n.BooleanLiteral(_span(0), True))
    assert compiler._key(n.IntegerLiteral(_span(0), 1)) != compiler._key(n.FloatLiteral(_span(0), 1.0))
    negative_zero = "#set($x = -0.0)$x,#set($x = 0.0)$x," * 5000
    assert Template(negative_zero, profile="velocity").render().startswith("-0.0,0.0,-0.0,0.0,")


def _constants(unit: Unit) -> list[tuple]:
    """The constants each copy of shared code is run with, in template order (a shared
    function called for consecutive copies is given the tuple of their constants)."""
    return [constants for table in unit.tables for _, given in table
            for constants in (given if isinstance(given[0], tuple) else (given,))]


def test_each_copy_has_its_own_location_and_source_text():
    # A #foreach's location ("t:line:column", given to loop_items) and an operand's source
    # text (given to add(); Velocity's literal() of the operand) depend on more than the
    # nodes: each copy gets its own, in the lines reused and in the calls of shared code.
    loops = compile_unit("#foreach($i in $l)$i#end\n" * 5000, "velocity", "t")
    wheres = [c for constants in _constants(loops) for c in constants if isinstance(c, str) and c.startswith("t:")]
    assert wheres == [f"t:{line}:1" for line in range(1, 5001)]
    sums = "".join("#set($x = $a + (1" + " " * (line % 3) + "))$x\n" for line in range(6000))
    unit = compile_unit(sums, "velocity", "t")
    texts = [c for constants in _constants(unit) for c in constants if isinstance(c, str) and c.startswith("1")]
    assert texts == ["1" + " " * (line % 3) for line in range(6000)]
    assert Template(sums, profile="velocity").render({"a": 1}) == "2\n" * 6000


@pytest.mark.parametrize("depth", [130, 160])
def test_a_statement_nested_too_deeply_to_walk_again_is_generated_on_its_own(depth: int):
    # The memo's key is a walk of the statement's nodes; one nested 130 #ifs deep overflowed
    # Python's stack there, and the large template failed as "nests too deeply" although it
    # compiles without the memo (as a small template with the same statement does).
    nested = "#if($a)" * depth + "x" + "#end" * depth + "\n"
    source = nested * 300 + "$a.b\n" * 20_000
    assert len(source) >= compiler.COMPACT_TEMPLATE_CHARS
    output = Template(source, profile="velocity", name="t").render({"a": {"b": "y"}})
    assert output == "x" * 300 + "y\n" * 20_000  # (Velocity's #end takes the newline after it)

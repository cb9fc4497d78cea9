"""#foreach, #break, #stop (velocity-1.7 #31, #54-#61, #87, #90)."""

from __future__ import annotations

import pytest
from spec_context import render

from vtl import Template, TemplateRenderError


def test_what_can_be_iterated() -> None:  # 54
    template = (
        "#foreach($i in $list)$i,#end|#foreach($v in $map)[$v]#end|#foreach($i in $nope)x#end|"
        "#foreach($c in $name)x#end|#foreach($i in $elist)x#end|"
    )
    assert render(template) == "1,2,3,|[1][two][[1, 2]]||||"


def test_map_keys_and_entries() -> None:  # 55
    template = (
        "#foreach($k in $map.keySet())$k=$map.get($k);#end|"
        "#foreach($e in $map.entrySet())$e.key:$e.value;#end"
    )
    assert render(template) == "a=1;b=two;c=[1, 2];|a:1;b:two;c:[1, 2];"


def test_loop_variables() -> None:  # 56
    template = (
        "#foreach($i in $slist)[$velocityCount $velocityHasNext $foreach.index $foreach.count "
        "$foreach.hasNext $foreach.first $foreach.last]#end [$velocityCount] [$foreach.index]"
    )
    assert render(template) == (
        "[1 true 0 1 true true false][2 true 1 2 true false false]"
        "[3 false 2 3 false false true] [$velocityCount] [$foreach.index]"
    )


def test_nested_loops_and_parent() -> None:  # 57
    template = (
        "#foreach($a in [1..2])#foreach($b in ['x','y'])$velocityCount/$foreach.parent.count "
        "#end$velocityCount|#end"
    )
    assert render(template) == "1/1 2/1 1|1/2 2/2 2|"


def test_loop_variable_restored() -> None:  # 58
    template = '#set($i = "before")#foreach($i in $list)#set($last = $i)#end$i $last #foreach($j in $list)#end[$j]'
    assert render(template) == "before 3 [$j]"


def test_null_elements() -> None:  # 59
    assert render("#foreach($i in [1, $nope, 3])[$i]#end") == "[1][$i][3]"


def test_ranges() -> None:  # 31
    template = (
        "#foreach($i in [1..5])$i#end|#foreach($i in [5..1])$i#end|"
        "#foreach($i in [-2..1])$i,#end|#set($r = [0..0])$r [1..3]"
    )
    assert render(template) == "12345|54321|-2,-1,0,1,|[0] [1..3]"


def test_range_bounds_must_be_numbers() -> None:  # 31
    template = '#set($a = "2")#foreach($i in [$a..4])$i#end|#foreach($i in [1..$d])$i#end'
    assert render(template) == "|12"


def test_break_leaves_innermost_loop() -> None:  # 61
    template = "#foreach($i in [1..3])#foreach($j in [1..3])$i$j #if($j == 2)#break#end#end|#end"
    assert render(template) == "11 12 |21 22 |31 32 |"


def test_break_parent_leaves_both_loops() -> None:  # 61
    template = (
        "#foreach($i in [1..3])#foreach($j in [1..3])$i$j #if($j == 2)#break($foreach.parent)"
        "#end#end|#end!"
    )
    assert render(template) == "11 12 !"


def test_stop_and_break_outside_loop_end_the_render() -> None:  # 61
    assert render("a#stop b|c#break d") == "a"


def test_stop_keeps_text_before_it() -> None:  # 90
    assert render("a\n#stop\nb") == "a\n"


def test_has_next_commas() -> None:  # 87
    template = '[#foreach($i in $slist)"$i"#if($foreach.hasNext),#end#end]'
    assert render(template) == '["a","b","c"]'


def test_apigateway_foreach_limit_is_a_render_error() -> None:
    template = Template("x\n  #foreach($i in [1..1001])$i#end", profile="apigateway", name="t.vm")
    with pytest.raises(TemplateRenderError) as info:
        template.render({})
    assert (info.value.line, info.value.column) == (2, 3)
    assert "1000" in info.value.message


def test_apigateway_foreach_limit_allows_exactly_the_limit() -> None:
    assert len(render("#foreach($i in [1..1000])x#end", "apigateway")) == 1000


def test_apigateway_foreach_limit_counts_with_loop_variables() -> None:
    with pytest.raises(TemplateRenderError):
        render("#foreach($i in [1..1001])$velocityCount#end", "apigateway")


def test_loop_state_is_built_only_when_read() -> None:
    plain = Template("#foreach($i in $list)$i#end", profile="velocity").python_source
    assert "velocityCount" not in plain and "ForeachScope(" not in plain
    counted = Template("#foreach($i in $list)$velocityCount#end", profile="velocity").python_source
    assert "velocityCount" in counted and "ForeachScope(" not in counted

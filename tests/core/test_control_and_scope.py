"""Where #break/#stop land, and how macros, #define and #evaluate see the scope.

Expected outputs were recorded from the real velocity-1.7.jar (``conformance/recorder/
record.sh --eval`` with the spec context), as the spec's examples were.
"""

from __future__ import annotations

import pytest
from spec_context import render


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        # #break without a loop stops the nearest macro, #define block or #evaluate.
        ("#macro(m)a#break b#end#m()c", "ac"),
        ("#define($a)a#break b#end$a c", "a c"),
        ("x#evaluate('b#break c')d", "xbd"),
        ("#foreach($i in [1,2])x#evaluate('b#break c')d#end", "xbdxbd"),
        ("#foreach($i in [1,2])#macro(m)a#break b#end#m()c#end", "acac"),
        # #stop ends the whole render, except inside #evaluate.
        ("#foreach($i in [1,2])$i#stop#end after", "1"),
        ("#macro(m)a#stop b#end#m()c", "a"),
        ("x#evaluate('b#stop c')d", "xbd"),
        # Inside an interpolated string the directive leaves the string's evaluation too.
        ('#set($x="a#break b")c', ""),
        ('x#evaluate("b#stop c")d', "x"),
    ],
)
def test_break_and_stop_targets(template: str, expected: str) -> None:
    assert render(template) == expected


def test_set_of_a_parameter_writes_the_callers_scope() -> None:
    template = '#macro(m $a)#set($a = 1)[$a]#end#set($a = "g")#m("x")$a|#set($b="q")#m($b)$b'
    assert render(template) == "[1]1|[1]q"


def test_missing_argument_reads_the_callers_variable() -> None:
    assert render('#set($b="G")#macro(pair $a $b)[$a|$b]#end#pair(1)') == "[1|G]"


def test_list_argument_is_rebuilt_at_each_use() -> None:
    assert render("#macro(m $l)#set($d = $l.add(1))$l#end#m([])") == "[]"


def test_null_argument_prints_the_callers_literal_in_nested_macros() -> None:
    assert render("#macro(m $a)[$a]#m2()#end#macro(m2)<$a>#end#m($nope)") == "[$nope]<$nope>"


def test_escaped_null_argument_keeps_the_callers_literal() -> None:
    assert render("#macro(m $a)[\\$a]#end#m($nope)#m(1)") == "[\\$nope][$a]"


def test_define_block_prints_without_prefixes() -> None:
    assert render("#define($a)X#end$$a|\\$a|$!a") == "X|$a|X"


def test_define_recursion_stops_at_depth_two() -> None:
    assert render('#define($a)x$a#end$a|#set($b = "$a")$b') == "xx$a|xx$a"


def test_define_target_is_the_first_token() -> None:
    assert render("#define(${x})a#end[$x][${x}]") == "[$x][${x}]"


def test_saved_foreach_scope() -> None:
    template = (
        "#set($f = 5)#foreach($i in [1])#set($f = $foreach)#end"
        "$f $f.index $f.first $f.last $f.hasNext $f.count $f.parent $f.topmost"
    )
    assert render(template) == "{} 0 true true false 1 $f.parent {}"


def test_foreach_scope_prints_as_an_empty_map() -> None:
    template = "$foreach|#foreach($i in [1])$foreach $foreach.class.name $foreach.index $velocityCount#end"
    assert render(template) == "$foreach|{} org.apache.velocity.runtime.directive.ForeachScope 0 1"


def test_loop_variable_set_in_the_body() -> None:
    assert render("#foreach($i in $list)#set($i = 7)$i#end $i") == "777 $i"


def test_nested_loops_with_the_same_variable() -> None:
    assert render("#foreach($i in $list)#foreach($i in [8,9])$i#end$i#end|$i") == "891892893|$i"


def test_counter_in_nested_loops() -> None:
    template = (
        "#foreach($i in $list)$velocityCount#foreach($j in [8,9])$velocityCount#end"
        "$velocityCount $foreach.hasNext #end|$velocityCount"
    )
    assert render(template) == "1121 true 2122 true 3123 false |$velocityCount"


def test_define_and_macro_see_the_loop() -> None:
    assert render("#foreach($i in [1..2])#define($b)[$foreach.index]#end$b#end") == "[0][1]"
    assert render("#macro(m)[$foreach.index]#end#foreach($i in [1..2])#m()#end") == "[0][1]"


def test_evaluate_sees_the_loop() -> None:
    assert render("#foreach($i in [1..2])#evaluate('[$foreach.index]')#end") == "[0][1]"


def test_block_macro_body_sees_the_macro_scope() -> None:
    assert render('#macro(wrap $a)<$bodyContent|$a>#end#@wrap("x")b$a#end') == "<bx|x>"

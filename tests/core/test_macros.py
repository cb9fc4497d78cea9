"""Macros (velocity-1.7 #62-#67; apigateway §1: no inline macros)."""

from __future__ import annotations

from spec_context import render


def test_definition_and_call() -> None:  # 62
    assert render('#macro(pair $a $b)[$a|$b]#end#pair(1 2) #pair("x", $name)') == "[1|2] [x|World]"


def test_macros_are_registered_at_parse_time() -> None:  # 62
    assert render("#later()#macro(later)L#end#if(false)#macro(hid)H#end#end#hid()") == "LH"


def test_missing_and_extra_arguments() -> None:  # 63
    template = "#macro(pair $a $b)[$a|$b]#end#pair(1) #pair(1 2 3) #pair($nope $map.zz)"
    assert render(template) == "[1|$b] [1|2] [$nope|$map.zz]"


def test_arguments_are_passed_by_name() -> None:  # 64
    assert render("#macro(twice $x)$x,$x#end#set($l = [])#twice($l.add(1)) $l.size()") == "true,true 2"


def test_no_local_scope() -> None:  # 65
    template = '#macro(m $a)#set($leak = "L")[$a]#end#set($a = "global")#m("arg") $a $leak'
    assert render(template) == "[arg] global L"


def test_block_macro_body_content() -> None:  # 66
    assert render("#macro(wrap)<$bodyContent>#end#@wrap()inner $name#end") == "<inner World>"


def test_undefined_macro_is_text() -> None:  # 67
    assert render("a #foo($name) b") == "a #foo($name) b"


def test_apigateway_inline_macros_print_their_calls() -> None:
    template = '#macro(pair $a $b)[$a|$b]#end#pair(1 2) #pair("x", $name)'
    assert render(template, "apigateway") == '#pair(1 2) #pair("x", $name)'


def test_macro_defined_by_evaluate_lasts_one_render() -> None:  # 70
    """The model's choice: the registry of macros #evaluate'd texts define is the render's
    (the recorder renders each case with a fresh engine; a long-lived VelocityEngine keeps
    them for every later template). The first render's output is the jar's (case
    velocity/macros/defined-by-evaluate): before the #evaluate the call is text."""
    import vtl

    template = vtl.Template("#m()#evaluate('#macro(m)M#end')#m()", profile="velocity")
    assert template.render({}) == "#m()M"
    assert template.render({}) == "#m()M"

"""#define, #evaluate, #literal, #include, interpolated strings (velocity-1.7 #21, #23, #69-#72)."""

from __future__ import annotations

import pytest
from spec_context import render

from vtl import Template, TemplateRenderError


def test_interpolated_strings() -> None:  # 21
    assert render("#set($x = \"Hi $name ${name}!\")#set($y = 'Hi $name')$x|$y") == "Hi World World!|Hi $name"


def test_directives_inside_interpolated_strings() -> None:  # 21
    assert render('#set($x = "#if($flag)yes#{else}no#end")$x') == "yes"


def test_interpolated_strings_keep_null_literals() -> None:  # 23
    assert render('#set($x = "a $nope b $!nope c \\$name")$x') == "a $nope b  c $name"


def test_define_renders_with_the_current_context() -> None:  # 69
    assert render('#define($blk)Hi $name#end$blk|#set($name = "X")$blk') == "Hi World|Hi X"


def test_evaluate() -> None:  # 70
    template = "#set($code = \"#set($z = 5)z=$z $name\")#evaluate($code)|$z|#evaluate($nope)|#evaluate('$name')"
    assert render(template) == "z=5 World|5||World"


def test_apigateway_has_no_evaluate() -> None:
    assert render("#evaluate('$name')", "apigateway") == "#evaluate('$name')"


def test_literal() -> None:  # 71
    assert render("#literal()$name #if($x) #end#end|") == "$name #if($x) #end|"


def test_include_is_a_render_error() -> None:  # 72
    with pytest.raises(TemplateRenderError) as info:
        Template('a\n#include("foo.txt")', profile="velocity", name="t.vm").render({})
    assert "foo.txt" in info.value.message
    assert (info.value.line, info.value.column) == (2, 1)

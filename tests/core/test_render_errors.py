"""Render errors carry the template name, line and column (velocity-1.7 #18, #19)."""

from __future__ import annotations

import pytest
from spec_context import SPEC_VARS

from vtl import Template, TemplateError, TemplateRenderError


def _error(source: str, profile: str = "velocity") -> TemplateRenderError:
    with pytest.raises(TemplateRenderError) as info:
        Template(source, profile=profile, name="template").render(dict(SPEC_VARS))
    return info.value


def test_method_exception_is_located_at_the_method_name() -> None:  # 18
    error = _error("$s.substring(50)")
    assert (error.name, error.line, error.column) == ("template", 1, 4)


def test_method_exception_message_names_method_class_and_exception() -> None:  # 18
    assert _error("$s.substring(50)").message == (
        "Invocation of method 'substring' in class java.lang.String threw "
        "java.lang.StringIndexOutOfBoundsException: begin 50, end 12, length 12"
    )


def test_method_exception_without_a_message_names_only_its_class() -> None:  # 18
    # Java's Throwable.toString() is the class alone when getMessage() is null (the
    # recorder's case velocity/strings/code-point-count-out-of-range).
    assert _error("$s.codePointCount(1, 50)").message == (
        "Invocation of method 'codePointCount' in class java.lang.String threw "
        "java.lang.IndexOutOfBoundsException"
    )


def test_quiet_reference_does_not_hide_exceptions() -> None:  # 18
    assert _error("x\n  $!s.substring(50)").line == 2


def test_index_out_of_range_is_located_at_the_bracket() -> None:  # 19
    error = _error("$list[5]")
    assert (error.line, error.column) == (1, 6)
    assert "IndexOutOfBoundsException" in error.message


def test_exception_inside_a_loop_points_into_the_loop_body() -> None:
    error = _error("#foreach($i in $list)\n#if($i == 2)\n   $s.substring(50)#end#end")
    assert (error.line, error.column) == (3, 7)


def test_render_error_is_a_template_error_with_a_caret() -> None:
    error = _error("ok\n$s.substring(50)")
    assert isinstance(error, TemplateError)
    assert "template:2:4" in str(error)
    assert "$s.substring(50)" in str(error)

"""Template errors moved into the file that holds the template (vtl.api.sources.locate)."""

from pathlib import Path

import pytest

from vtl import Template, TemplateError
from vtl.api import MappingTemplate, Source
from vtl.api.sources.locate import locate_error

BROKEN = "#set($a = 1)\n#if($a)\n  $a.foo(\n#end\n"


def error_of(text: str) -> TemplateError:
    with pytest.raises(TemplateError) as caught:
        Template(text, name="template")
    return caught.value


def test_a_template_in_a_file_of_its_own(tmp_path: Path) -> None:
    path = tmp_path / "create.vm"
    path.write_text(BROKEN, encoding="utf-8")
    expected = error_of(BROKEN)
    error = locate_error(error_of(BROKEN), MappingTemplate(BROKEN, Source(str(path), 1)), "x")
    assert (error.name, error.line, error.column) == (str(path), expected.line, expected.column)


def test_a_heredoc_indented_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "main.tf"
    indented = "".join(f"    {line}\n" if line else "\n" for line in BROKEN.split("\n")[:-1])
    path.write_text(
        'resource "x" "y" {\n  t = <<-EOT\n' + indented + "  EOT\n}\n", encoding="utf-8"
    )
    expected = error_of(BROKEN)
    error = locate_error(error_of(BROKEN), MappingTemplate(BROKEN, Source(str(path), 3)), "x")
    assert (error.name, error.line, error.column) == (
        str(path),
        expected.line + 2,
        expected.column + 4,
    )
    assert error.source_line() == "    " + expected.source_line()


def test_a_template_that_is_not_in_the_file_verbatim_keeps_its_own_lines(tmp_path: Path) -> None:
    path = tmp_path / "api.json"
    path.write_text('{"t": "#set($a = 1)\\n#if($a)\\n  $a.foo(\\n#end\\n"}\n', encoding="utf-8")
    expected = error_of(BROKEN)
    template = MappingTemplate(BROKEN, Source(str(path), 1))
    error = locate_error(error_of(BROKEN), template, "POST /x request application/json")
    assert (error.name, error.line, error.column) == (
        f"{path}:1 (POST /x request application/json)",
        expected.line,
        expected.column,
    )
    assert error.source_line() == expected.source_line()


def test_a_template_built_in_code() -> None:
    error = locate_error(error_of(BROKEN), MappingTemplate(BROKEN), "GET /y request text/plain")
    assert error.name == "GET /y request text/plain"

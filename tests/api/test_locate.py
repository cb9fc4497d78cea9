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


SUB_FILE = """\
Resources:
  M:
    Properties:
      RequestTemplates:
        application/json:
          Fn::Sub: |
            {"TableName": "${Table}",
            #if($a)
              $a.foo(
            #end
            }
"""


def sub_template(tmp_path: Path, broken_line: str | None = None) -> tuple[Path, str]:
    path = tmp_path / "template.yaml"
    text = SUB_FILE if broken_line is None else SUB_FILE.replace('"${Table}",', broken_line)
    path.write_text(text, encoding="utf-8")
    # what the reader holds: the block's text, with Fn::Sub's value in place of ${Table}
    deployed = "\n".join(line[12:] for line in text.split("\n")[6:11]) + "\n"
    return path, deployed.replace("${Table}", "orders")


def test_a_template_written_with_fn_sub_is_found_despite_its_substituted_lines(tmp_path: Path) -> None:
    # The key is on line 5, `Fn::Sub: |` on 6, the text from 7; line 7 differs from the
    # template (${Table} became orders), the error is on line 9 all the same.
    path, deployed = sub_template(tmp_path)
    expected = error_of(deployed)
    error = locate_error(error_of(deployed), MappingTemplate(deployed, Source(str(path), 5)), "x")
    assert (error.name, error.line, error.column) == (str(path), expected.line + 6, expected.column + 12)
    assert error.source_line() == " " * 12 + expected.source_line()


def test_an_error_on_a_line_fn_sub_changed_keeps_the_templates_own_place(tmp_path: Path) -> None:
    # Its columns are the substituted text's, not the file's: no file line is pretended.
    path, deployed = sub_template(tmp_path, '"${Table}", #end')
    expected = error_of(deployed)
    assert expected.line == 1
    error = locate_error(error_of(deployed), MappingTemplate(deployed, Source(str(path), 5)), "x")
    assert (error.name, error.line, error.column) == (f"{path}:5 (x)", expected.line, expected.column)

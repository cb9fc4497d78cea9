"""Template errors pointed into the file that holds the template.

A template is often written in a definition line for line, only indented: a YAML block
scalar (``application/json: |`` and its lines), a Terraform heredoc, or a file of its own
(``file("templates/x.vm")``, ``${file(...)}``). Then an error at template line 3, column 5
is at file line (first line + 2), column (indent + 5), and the snippet shows the user's
own file. Where the text cannot be found that way (a JSON string with ``\\n`` escapes, a
quoted YAML string, a template with variables filled in), the error keeps its template
line and column and is named after the place that holds the template (``file:line (what)``).
"""

from __future__ import annotations

from pathlib import Path

from vtl.api.model import MappingTemplate
from vtl.errors import TemplateError

__all__ = ["locate_error"]


def locate_error(error: TemplateError, template: MappingTemplate, what: str) -> TemplateError:
    """``error`` (raised by ``template``), pointing into the definition file when possible."""
    source = template.source
    if source is None:
        error.name = what
        return error
    placement = _placement(template.text, Path(source.file), source.line)
    if placement is None:
        error.name = f"{source} ({what})"
        return error
    first_line, indent, file_text = placement
    error.name = source.file
    error.source = file_text
    error.line, error.column = _shift(error.line, error.column, first_line, indent)
    if error.related is not None:
        line, column, length, label = error.related
        error.related = (*_shift(line, column, first_line, indent), length, label)
    return error


def _shift(line: int, column: int, first_line: int, indent: int) -> tuple[int, int]:
    # Column 0 is Velocity's "after the last newline" at the end of input: no indent there.
    return line + first_line - 1, column + indent if column > 0 else 0


def _placement(text: str, path: Path, line: int | None) -> tuple[int, int, str] | None:
    """(file line of the template's first line, its indent, the file's text) when the
    template's lines are in the file verbatim, starting on ``line`` (a file of its own,
    a heredoc) or the next one (a block scalar, whose key is on ``line``); else None."""
    if line is None or not text.strip():
        return None
    try:
        file_text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    file_lines = [each.rstrip("\r") for each in file_text.split("\n")]
    template_lines = text.split("\n")
    if template_lines[-1] == "":
        template_lines.pop()  # the newline ending the last line starts no line of its own
    for first in (line, line + 1):
        body = file_lines[first - 1 : first - 1 + len(template_lines)]
        indent = _common_indent(template_lines, body)
        if indent is not None:
            return first, indent, file_text
    return None


def _common_indent(template_lines: list[str], body: list[str]) -> int | None:
    """The indent that makes ``body`` the template's lines (blank lines aside), or None."""
    if len(body) < len(template_lines):
        return None
    indent = None
    for template_line, file_line in zip(template_lines, body, strict=False):
        if not template_line:
            if file_line.strip():
                return None
            continue
        if indent is None:
            indent = len(file_line) - len(template_line)
            if indent < 0 or file_line[:indent].strip():
                return None
        if file_line != " " * indent + template_line:
            return None
    return indent

"""Template errors pointed into the definition file that holds the template.

A template written in a YAML block scalar (``application/json: |`` followed by its lines)
sits in the file line for line, only indented: an error at template line 3, column 5 is at
file line (key line + 3), column (indent + 5), and the snippet can show the user's own
file. Where the text cannot be found that way (a JSON string with ``\\n`` escapes, a quoted
YAML string, a template read from another file), the error keeps its template line and
column and is named after the place that holds the template (``file:line (what)``).
"""

from __future__ import annotations

import re
from pathlib import Path

from vtl.api.model import MappingTemplate
from vtl.errors import TemplateError

__all__ = ["locate_error"]

#: ``key: |``, ``key: |-``, ``key: |+2`` (a comment may follow): a literal block scalar.
_BLOCK_START = re.compile(r":\s*\|[-+0-9]*\s*(#.*)?$")


def locate_error(error: TemplateError, template: MappingTemplate, what: str) -> TemplateError:
    """``error`` (raised by ``template``), pointing into the definition file when possible."""
    source = template.source
    if source is None:
        error.name = what
        return error
    placement = _block_placement(template.text, Path(source.file), source.line)
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


def _block_placement(text: str, path: Path, key_line: int | None) -> tuple[int, int, str] | None:
    """(file line of the template's first line, its indent, the file's text) when the
    template is a literal block scalar whose lines are in the file verbatim; else None."""
    if key_line is None:
        return None
    try:
        file_text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    file_lines = file_text.split("\n")
    if key_line > len(file_lines) or not _BLOCK_START.search(file_lines[key_line - 1].rstrip("\r")):
        return None
    template_lines = text.split("\n")
    body = file_lines[key_line : key_line + len(template_lines)]
    first = next((line for line in body if line.strip()), None)
    if first is None:
        return None
    indent = len(first) - len(first.lstrip(" "))
    for template_line, file_line in zip(template_lines, body, strict=False):
        if template_line and file_line.rstrip("\r") != " " * indent + template_line:
            return None
    if len(body) < len([line for line in template_lines if line]):
        return None
    return key_line + 1, indent, file_text

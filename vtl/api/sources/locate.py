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

import re
from pathlib import Path

from vtl.api.model import Api, MappingTemplate
from vtl.errors import TemplateError

__all__ = ["folded_warnings", "locate_error"]

#: A key whose value is a folded block scalar (``key: >``, ``key: !Sub >-``): YAML joins its
#: lines with spaces (YAML 1.2 §8.1.3), so a template written so loses its line breaks.
_FOLDED = re.compile(r":\s+(?:!\w+\s+)?>[-+0-9]*\s*(?:#.*)?$")


def locate_error(error: TemplateError, template: MappingTemplate, what: str) -> TemplateError:
    """``error`` (raised by ``template``), pointing into the definition file when possible."""
    source = template.source
    if source is None:
        error.name = what
        return error
    placement = _placement(template.text, Path(source.file), source.line)
    if placement is None or placement[3] & _lines_of(error):
        # not in the file verbatim, or the error is on a line Fn::Sub changed (its columns
        # are not the file's): the template's own line and column, named after its place
        error.name = f"{source} ({what})"
        return error
    first_line, indent, file_text, _ = placement
    error.name = source.file
    error.source = file_text
    error.line, error.column = _shift(error.line, error.column, first_line, indent)
    if error.related is not None:
        line, column, length, label = error.related
        shifted = _shift(line, column, first_line, indent)
        error.related = (*shifted, length, label)
        # the message names the related place too ("#foreach is missing its #end (opened
        # at line 1, column 1)"): in the file's numbers, as the report shows it
        before = f"(opened at line {line}, column {column})"
        if before in error.message:
            error.message = error.message.replace(before, f"(opened at line {shifted[0]}, column {shifted[1]})")
            error.args = (error.message,)
    return error


def _lines_of(error: TemplateError) -> set[int]:
    """The template lines an error shows: its own, and its related place's."""
    return {error.line} | ({error.related[0]} if error.related is not None else set())


def _shift(line: int, column: int, first_line: int, indent: int) -> tuple[int, int]:
    # Column 0 is Velocity's "after the last newline" at the end of input: no indent there.
    return line + first_line - 1, column + indent if column > 0 else 0


def _placement(text: str, path: Path, line: int | None) -> tuple[int, int, str, set[int]] | None:
    """(file line of the template's first line, its indent, the file's text, the template
    lines ``Fn::Sub`` changed) when the template's lines are in the file verbatim, starting
    on ``line`` (a file of its own, a heredoc), the next one (a block scalar, whose key is on
    ``line``) or the one after (``Fn::Sub: |`` under the key); else None. A line written
    with ``${Name}`` may differ from the template's, which holds the value substituted."""
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
    for first in (line, line + 1, line + 2):
        body = file_lines[first - 1 : first - 1 + len(template_lines)]
        found = _common_indent(template_lines, body)
        if found is not None:
            indent, substituted = found
            return first, indent, file_text, substituted
    return None


def _common_indent(template_lines: list[str], body: list[str]) -> tuple[int, set[int]] | None:
    """The indent that makes ``body`` the template's lines (blank lines aside; a line of
    ``body`` holding ``${`` may differ, as Fn::Sub changed it), and the numbers (from 1) of
    the lines that differ; None when ``body`` is not the template."""
    if len(body) < len(template_lines):
        return None
    indent = None
    substituted: set[int] = set()
    for number, (template_line, file_line) in enumerate(zip(template_lines, body, strict=False), 1):
        if not template_line:
            if file_line.strip():
                return None
            continue
        if "${" in file_line and not file_line.endswith(template_line):
            substituted.add(number)
            continue
        if indent is None:
            indent = len(file_line) - len(template_line)
            if indent < 0 or file_line[:indent].strip():
                return None
        if file_line != " " * indent + template_line:
            return None
    if indent is None:
        return None
    if len(substituted) * 2 > len(template_lines):
        return None  # mostly substituted: too little left to be sure it is this text
    return indent, substituted


def folded_warning(template: MappingTemplate, what: str) -> str | None:
    """A warning when ``template`` was written as a folded block scalar (``>``) and has
    Velocity directives or comments: its lines reach API Gateway joined by spaces, so a
    ``##`` comment swallows the rest of the template and ``#set``/``#if`` run on one line."""
    source = template.source
    if source is None or source.line is None or "#" not in template.text:
        return None
    try:
        lines = Path(source.file).read_bytes().decode("utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    key_line = lines[source.line - 1].rstrip("\r") if 0 < source.line <= len(lines) else ""
    if not _FOLDED.search(key_line):
        return None
    return (f"{source}: the {what} template is a folded block (>), whose lines YAML joins with "
            "spaces: its # directives and ## comments end up on one line; write it with | to "
            "keep its lines")


def folded_warnings(api: Api) -> list[str]:
    """:func:`folded_warning` for every mapping template of ``api``'s methods."""
    warnings = []
    for method in api.methods:
        integration = method.integration
        if integration is None:
            continue
        named = [(f"{method} request {media}", t) for media, t in integration.request_templates.items()]
        for response in integration.responses:
            pattern = "default" if response.is_default else response.selection_pattern
            named += [(f"{method} response {pattern} {media}", t)
                      for media, t in response.response_templates.items()]
        warnings += [w for what, template in named if (w := folded_warning(template, what))]
    return warnings

"""Errors raised by the engine, each pointing into the template.

Every error carries the template name, a 1-based line and column (column 0 is possible:
Velocity reports a lexical error at end of input after a newline that way) and renders
the offending source line with a caret, in the style of rustc:

    error: #foreach is missing its #end
      --> templates/create_item.vm:12:3
       |
    12 |   #foreach($item in $input.path('$.items'))
       |   ^^^^^^^^ opened here
"""

from __future__ import annotations

from functools import lru_cache

DEFAULT_NAME = "<template>"
#: A source line longer than this is shown as the part around the caret (a minified 300 KB
#: template is one line: each report printed all of it, issue 14).
SHOWN_LINE_CHARS = 160
#: Velocity's columns (JavaCC's JavaCharStream) move a tab to the next multiple of 8.
TAB_SIZE = 8


@lru_cache(maxsize=4)
def _lines(source: str) -> list[str]:
    """The lines of a template, split once for all its reports."""
    return source.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _window(text: str, caret_at: int, width: int) -> tuple[str, int]:
    """``text`` cut to about SHOWN_LINE_CHARS around ``caret_at`` (``…`` where cut), and
    where the caret is in what is shown."""
    if len(text) <= SHOWN_LINE_CHARS:
        return text, caret_at
    start = max(0, min(caret_at - SHOWN_LINE_CHARS // 2, len(text) - SHOWN_LINE_CHARS))
    end = min(len(text), max(start + SHOWN_LINE_CHARS, caret_at + min(width, SHOWN_LINE_CHARS // 2)))
    shown = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
    return shown, caret_at - start + (1 if start else 0)


class TemplateError(Exception):
    """A template that cannot be parsed or rendered.

    ``message`` says what is wrong, ``name``/``line``/``column`` where, ``length`` how
    many characters the caret underlines and ``label`` what it points at.
    """

    kind = "error"

    def __init__(
        self,
        message: str,
        *,
        name: str | None = None,
        line: int = 0,
        column: int = 0,
        source: str | None = None,
        length: int = 1,
        label: str = "",
        related: tuple[int, int, int, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.name = name or DEFAULT_NAME
        self.line = line
        self.column = column
        self.source = source
        self.length = max(1, length)
        self.label = label
        #: A second place worth showing: (line, column, length, label), e.g. where an
        #: unclosed #foreach was opened when the error is reported at the end.
        self.related = related

    def __str__(self) -> str:
        return self.format()

    @property
    def location(self) -> str:
        """``name:line:column``, the form editors and terminals link to."""
        return f"{self.name}:{self.line}:{self.column}"

    def source_line(self, line: int | None = None) -> str | None:
        """The template line the error points at (or line ``line``), without its ending."""
        line = self.line if line is None else line
        if self.source is None or line < 1:
            return None
        lines = _lines(self.source)
        if line > len(lines):
            return None
        return lines[line - 1]

    def format(self, color: bool = False) -> str:
        """The full report: message, location and the source line with a caret."""
        bold, red, blue, reset = ("\x1b[1m", "\x1b[31m", "\x1b[34m", "\x1b[0m") if color else ("",) * 4
        head = f"{bold}{red}{self.kind}{reset}{bold}: {self.message}{reset}"
        places = [(self.line, self.column, self.length, self.label)]
        if self.related is not None:
            places.append(self.related)
        gutter = " " * max(len(str(max(line, 1))) for line, *_ in places)
        parts = [head, f"{gutter}{blue}-->{reset} {self.location}"]
        for line, column, length, label in places:
            text = self.source_line(line)
            if text is None:
                continue
            # Columns count a tab up to the next multiple of 8, as Velocity's (JavaCC's)
            # character stream does: shown so, the caret stays under its place and keeps
            # its width (a tab-indented line cut the underline to one character).
            text = text.expandtabs(TAB_SIZE)
            caret_at = max(column, 1) - 1
            width = min(length, max(1, len(text) - caret_at))
            text, caret_at = _window(text, caret_at, width)
            width = min(width, max(1, len(text) - caret_at))
            pointer = " " * caret_at + "^" * width + (f" {label}" if label else "")
            parts += [
                f"{gutter} {blue}|{reset}",
                f"{blue}{str(line).rjust(len(gutter))} |{reset} {text}",
                f"{gutter} {blue}|{reset} {red}{pointer}{reset}",
            ]
        return "\n".join(parts)


class TemplateSyntaxError(TemplateError):
    """The template does not parse (Velocity's ParseErrorException / TemplateInitException)."""

    kind = "syntax error"


class TemplateRenderError(TemplateError):
    """Rendering failed (a Java method threw, an index was out of range, a limit was hit…)."""

    kind = "render error"

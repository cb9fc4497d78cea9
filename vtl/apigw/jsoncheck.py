"""Why a rendered body is not JSON, in words, and the output lines around the failure.

Used by :class:`vtl.apigw.render.OutputNotJsonError`. The causes are the mistakes mapping
templates make most (apigateway.md §3 and §8): a trailing comma after the last
``#foreach`` item, a missing comma between items, ``\\'`` written by
``$util.escapeJavaScript``, a quote inside a string value, ``"$input.json(...)"`` doubling
quotes, and a value left empty by a reference that rendered as ``""``.
"""

from __future__ import annotations

__all__ = ["likely_cause", "output_excerpt"]

CONTEXT_LINES = 2


def output_excerpt(output: str, line: int, column: int) -> str:
    """The output lines up to ``line`` (two before it) with a caret under ``column``."""
    lines = output.split("\n")
    if not output or line < 1 or line > len(lines):
        return ""
    first = max(1, line - CONTEXT_LINES)
    width = len(str(line))
    shown = []
    for number in range(first, line + 1):
        text = lines[number - 1].rstrip("\r")
        shown.append(f"{str(number).rjust(width)} | {text}")
    shown.append(f"{' ' * width} | {' ' * (max(column, 1) - 1)}^")
    return "\n".join(shown)


def likely_cause(body: str, position: int, reason: str) -> str:
    """The likely cause of a JSON error at ``position`` of ``body`` ("" if no guess)."""
    if not body.strip():
        return "the output is empty (a JSON body needs at least {} or \"\")"
    here = body[position:position + 1]
    before = body[:position].rstrip()
    last = before[-1:]
    if "\\'" in (body[position:position + 2], body[max(0, position - 1):position + 1]):
        return ("\\' is not a JSON escape: $util.escapeJavaScript writes it for an apostrophe; "
                "add .replaceAll(\"\\\\'\",\"'\") after it")
    if last == "," and here in ("}", "]"):
        return ("a comma before the closing bracket (JSON allows no trailing comma); write "
                "#if($foreach.hasNext),#end after a #foreach item")
    if last in ("}", "]") and here in ("{", "[", '"'):
        return ("a missing comma between two items, as a #foreach writes without "
                "#if($foreach.hasNext),#end")
    if before.endswith('""') and reason.startswith("Expecting"):
        return ('two quotes in a row: "$input.json(...)" between quotes doubles them, since '
                "$input.json writes a string's quotes itself")
    if last == '"' and reason.startswith("Expecting ',' delimiter"):
        return ('a " inside a string value ends it early: escape the value with '
                "$util.escapeJavaScript(...)")
    if here == "'" or (here and reason.startswith("Expecting property name") and here != "}"):
        return "JSON needs double quotes around strings and names"
    if reason.startswith("Expecting value") and last in (":", ",", "[", ""):
        return ('a value is missing: a reference that rendered as "" (undefined, null, or a '
                'missing JSON path) between the punctuation')
    if reason.startswith("Extra data"):
        return "there is text after the end of the JSON value"
    if reason.startswith("Invalid control character"):
        return ("a raw newline or tab inside a string: escape the value with "
                "$util.escapeJavaScript(...)")
    if reason.startswith("Invalid \\escape"):
        return "a backslash that JSON does not know as an escape (write \\\\ for a backslash)"
    return ""

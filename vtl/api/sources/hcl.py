"""Terraform's language (HCL2) evaluated far enough to read an API Gateway definition.

python-hcl2 parses a ``.tf`` file into a Lark tree that keeps the line of every node; this
module evaluates the expressions in it: literals, strings with ``${…}`` interpolation and
``%{if}``/``%{for}`` directives, heredocs (``<<EOT`` and ``<<-EOT``), objects, tuples,
operators, conditionals, ``for`` expressions, references and a few functions — ``file``,
``templatefile``, ``jsonencode``, ``jsondecode``, ``format`` and some string and collection
helpers (see :data:`FUNCTIONS`). Heredoc bodies and ``templatefile`` files are Terraform templates
that python-hcl2 leaves as text: :func:`scan_template` splits them, and each ``${…}``
expression is parsed by python-hcl2 again.

What is only known after ``terraform apply`` (resource ids, ARNs, data sources, a variable
without a default) or what this module does not evaluate (an unlisted function, splats)
becomes an :class:`Unknown`: it prints as its own ``${…}`` text, so it stays visible in
a URI or template, never silently empty. A string built with unknowns in it remembers them
(:func:`unknowns_in`), so a reader can tell a placeholder it left from text the user wrote
(a Velocity ``${x}`` escaped as ``$${x}``, or read verbatim by ``file()``). What cannot be
read at all raises :class:`~vtl.api.sources.document.DefinitionError` with file and line.

A ``.tf.json`` file is read by :mod:`vtl.api.sources.terraform_json`, which writes it out as
the native syntax it stands for: :func:`parse_generated` parses that text with the line of
the JSON file each of its lines comes from.

Strings built from a single file, heredoc or literal are :class:`SourcedStr`: they carry
the :class:`~vtl.api.model.Source` where their text starts (the ``.vm`` file for
``file()``/``templatefile()``), so template errors point into the user's own file.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

import hcl2
from lark import Token, Tree
from lark.exceptions import LarkError, UnexpectedEOF, UnexpectedInput

from vtl.api.model import Source
from vtl.api.sources import tf_yaml
from vtl.api.sources.document import DefinitionError

__all__ = [
    "FUNCTIONS",
    "Block",
    "Evaluator",
    "Expr",
    "HclFile",
    "Key",
    "ResourceRef",
    "SourcedStr",
    "Unknown",
    "closing_brace",
    "derived",
    "parse_file",
    "parse_generated",
    "scan_template",
    "unknowns_in",
]


@dataclass(frozen=True)
class Unknown:
    """A value not known before ``terraform apply``, or not evaluated here: shows as ``${text}``.

    ``why`` says what the value is and how to give it (set where it is made: a variable
    without a value, a data source…); ``cause`` is the unknown a computed one comes from
    (``var.a == "x" ? …`` comes from ``var.a``). Neither takes part in equality.
    """

    text: str
    why: str = field(default="", kw_only=True, compare=False, repr=False)
    cause: Unknown | None = field(default=None, kw_only=True, compare=False, repr=False)

    def __str__(self) -> str:
        # An expression's own escapes read as the strings it holds would: in
        # format("%s/$${stageVariables.env}", …) the string holds ${stageVariables.env},
        # which API Gateway substitutes in a URI; shown as written, the substitution would
        # leave "$dev" inside the placeholder.
        return "${" + self.text.replace("$${", "${").replace("%%{", "%{") + "}"

    @property
    def root(self) -> Unknown:
        """The unknown this one is computed from (itself when it is not computed)."""
        return self.cause or self


def derived(text: str, *values: Any) -> Unknown:
    """The unknown ``${text}`` computed from ``values``, caused by the first unknown among them."""
    cause = next((value.root for value in values if isinstance(value, Unknown)), None)
    return Unknown(text, cause=cause)


@dataclass(frozen=True)
class ResourceRef(Unknown):
    """A computed attribute of a resource (``aws_api_gateway_resource.orders.id``); ``key``
    names the instance of a resource with ``count`` or ``for_each``."""

    type: str = ""
    name: str = ""
    attribute: str = "id"
    key: Any = None
    #: The module that declares the resource (a reference a module call passes into a local
    #: module still names the caller's resource); None: the module reading it.
    owner: Any = field(default=None, kw_only=True, compare=False, repr=False)


@dataclass(frozen=True)
class ResourceObject(Unknown):
    """A whole resource used as a value (``api_resource = aws_api_gateway_resource.x``, a
    module output ``value = aws_x.y``): unknown as a whole, but each attribute taken from it
    (``.id``) is the one the resource's own reference gives, wherever it is used."""

    attribute_of: Any = field(default=None, kw_only=True, compare=False, repr=False)


@dataclass(frozen=True)
class Key:
    """An index step of a reference (``x["a"]``, ``x[0]``), told apart from ``x.a``."""

    value: Any

    def __str__(self) -> str:
        return f"[{json.dumps(self.value)}]"


class PartlyUnknown(str):
    """A string built with unknown values in it: ``unknowns`` are the placeholders it holds."""

    unknowns: tuple[Unknown, ...] = ()

    def __new__(cls, text: str, unknowns: tuple[Unknown, ...] = ()) -> Self:
        # (a default, so copy and pickle, which call it with the text alone, work)
        value = super().__new__(cls, text)
        value.unknowns = unknowns
        return value


class SourcedStr(str):
    """A string that remembers where its text starts (a template read from a file or heredoc),
    and the unknowns it holds (those of ``text`` unless given). ``lines_after`` is set for a
    heredoc whose lines are those of the file from the line after ``source`` on (no
    directive or multi-line value moved them), so a document in it keeps its lines."""

    source: Source
    unknowns: tuple[Unknown, ...] = ()
    lines_after: bool = False
    #: Where each line of the text was written, when that is not line ``source.line + n``
    #: of one file (a template whose interpolations insert lines): see :func:`line_origins`.
    origins: tuple[Source, ...] | None = None

    def __new__(cls, text: str, source: Source,
                unknowns: tuple[Unknown, ...] | None = None) -> Self:
        value = super().__new__(cls, text)
        value.source = source
        value.unknowns = unknowns_in(text) if unknowns is None else unknowns
        return value


class WrittenObject(dict[str, Any]):
    """An object written with ``{ … }`` in a file: the line of each of its keys, so a
    document built from it with ``jsonencode`` locates its parts (a method at its key's line,
    not at the ``body =`` argument)."""

    file: str = ""
    line: int | None = None
    key_lines: dict[str, int]

    def __init__(self, file: str, line: int | None) -> None:
        super().__init__()
        self.file, self.line, self.key_lines = file, line, {}


class EncodedJson(PartlyUnknown):
    """``jsonencode``'s (or ``yamlencode``'s) text of an object written in ``file``:
    ``lines`` holds the line of each part of it (keys and list indexes from the root, as in
    a parsed document)."""

    file: str = ""
    lines: dict[tuple[Any, ...], int]

    def __new__(cls, text: str, unknowns: tuple[Unknown, ...] = (), file: str = "",
                lines: dict[tuple[Any, ...], int] | None = None) -> Self:
        value = super().__new__(cls, text, unknowns)
        value.file, value.lines = file, dict(lines or {})
        return value


def written_lines(value: Any) -> tuple[str, dict[tuple[Any, ...], int]]:
    """The file an object was written in and the line of each part of it written there
    (parts built elsewhere, by a function or in another file, are left out)."""
    if not isinstance(value, WrittenObject):
        return "", {}
    lines: dict[tuple[Any, ...], int] = {}

    def walk(item: Any, at: tuple[Any, ...]) -> None:
        if isinstance(item, WrittenObject) and item.file == value.file:
            if item.line is not None:
                lines.setdefault(at, item.line)
            for key, inner in item.items():
                if key in item.key_lines:
                    lines[(*at, key)] = item.key_lines[key]
                walk(inner, (*at, key))
        elif isinstance(item, list):
            for index, inner in enumerate(item):
                walk(inner, (*at, index))

    walk(value, ())
    return value.file, lines


def unknowns_in(value: Any) -> tuple[Unknown, ...]:
    """The placeholders ``value`` holds, in order: itself when unknown, those a string was
    built with, those of the items of a list or object."""
    if isinstance(value, Unknown):
        return (value,)
    if isinstance(value, (PartlyUnknown, SourcedStr)):
        return value.unknowns
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    found: dict[str, Unknown] = {}
    for item in items:
        for unknown in unknowns_in(item):
            found.setdefault(str(unknown), unknown)
    return tuple(found.values())


def _holding(text: str, *values: Any) -> str:
    """``text`` remembering the unknowns of ``values``, the values it was built from."""
    found = unknowns_in(list(values))
    if not found:
        return text
    if isinstance(text, SourcedStr):
        return SourcedStr(text, text.source, found)
    return PartlyUnknown(text, found)


@dataclass(frozen=True)
class Origin:
    """The text an expression tree was parsed from, and where that text sits in its file.

    ``line_map`` is set for text written from another file (the native syntax a
    ``.tf.json`` file stands for): the line of that file each line of ``text`` comes from.
    """

    path: Path
    text: str
    line_offset: int = 0
    line_map: tuple[int, ...] = field(default=(), compare=False, repr=False)

    def file_line(self, line: int | None) -> int:
        """The line of the file that line ``line`` of ``text`` stands for."""
        line = line or 1
        if self.line_map:
            return self.line_map[min(line, len(self.line_map)) - 1]
        return line + self.line_offset

    def source(self, node: Tree[Any] | Token) -> Source:
        """The file and line of ``node``."""
        line = node.line if isinstance(node, Token) else node.meta.line
        return Source(str(self.path), self.file_line(line))


@dataclass(frozen=True)
class Expr:
    """An expression: its tree and the text it came from."""

    node: Tree[Any]
    origin: Origin

    @property
    def source(self) -> Source:
        """The file and line where the expression starts."""
        return self.origin.source(self.node)

    @property
    def text(self) -> str:
        """The expression as written (for placeholders and messages)."""
        meta = self.node.meta
        return " ".join(self.origin.text[meta.start_pos:meta.end_pos].split())


@dataclass
class Block:
    """A block (``resource "type" "name" { … }``): its labels, attributes and nested blocks."""

    type: str
    labels: list[str]
    attributes: dict[str, Expr]
    blocks: list[Block]
    source: Source
    #: One instance of a resource with ``count``/``for_each``: its index or key, and the
    #: names its arguments see (``count.index``, ``each.key``, ``each.value``).
    key: Any = None
    scope: dict[str, Any] = field(default_factory=dict)


@dataclass
class HclFile:
    """One parsed ``.tf`` (blocks) or ``.tfvars`` (top-level attributes) file, and what
    its reading skipped (for ``Api.warnings``)."""

    path: Path
    blocks: list[Block] = field(default_factory=list)
    attributes: dict[str, Expr] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def parse_file(path: Path) -> HclFile:
    """Parse one ``.tf`` file; a syntax error becomes a DefinitionError at its line."""
    try:
        text = path.read_text(encoding="utf-8").removeprefix("\ufeff")
    except (OSError, UnicodeDecodeError) as error:
        raise DefinitionError(f"cannot read {path}: {error}") from None
    return _parse_origin(Origin(path, text))


def parse_generated(path: Path, text: str, line_map: tuple[int, ...]) -> HclFile:
    """Parse native-syntax ``text`` written from file ``path`` (a ``.tf.json`` file), whose
    line n comes from line ``line_map[n - 1]`` of ``path``: blocks and expressions point
    into ``path``."""
    return _parse_origin(Origin(path, text, line_map=line_map))


def _parse_origin(origin: Origin) -> HclFile:
    path = origin.path
    body = _body(_parse_hcl(origin.text, origin, columns=not origin.line_map))
    return HclFile(path, [_block(node, origin) for node in _children(body, "block")],
                   {_name(_trees(node)[0], origin): Expr(_trees(node)[-1], origin)
                    for node in _children(body, "attribute")})


def parse_value(text: str, path: Path, line: int) -> Expr:
    """One expression given outside a file (a ``-var`` value of a non-string variable)."""
    return _parse_expression(text, path, line)


_NOT_HCL = "not valid HCL (Terraform)"


def _parse_hcl(text: str, origin: Origin, what: str = _NOT_HCL,
               columns: bool = True) -> Tree[Any]:
    """The tree of ``text``; ``columns``: whether its columns are those of the file (not for
    one ``${…}`` parsed alone, nor for text written from a .tf.json file)."""
    try:
        return hcl2.parses_to_tree(text)
    except UnexpectedInput as error:
        # (an error at the end of the text is on its last line holding something)
        last = text.rstrip("\n").count("\n") + 1
        at = min(getattr(error, "line", None) or 1, last)
        whole_file = what == _NOT_HCL  # (not one ${…} parsed alone)
        opened = _unclosed_bracket(text) if whole_file and _at_end(error) else None
        if opened is not None:
            # Terraform names the block left open ("Unclosed configuration block"), not
            # the end of the file (a file cut short: Ashok-2017/Kinetic_pro_sre_task,
            # aws_api_gateway/main.tf)
            raise DefinitionError(f"{what}: this block is never closed with '}}' (the file "
                                  f"ends first)", Source(str(origin.path),
                                                         origin.file_line(opened))) from None
        column = getattr(error, "column", None)
        where = f": unexpected input at column {column}" if columns else ""
        hint = _syntax_hint(text, getattr(error, "line", None), column)
        raise DefinitionError(f"{what}{where}{hint}",
                              Source(str(origin.path), origin.file_line(at))) from None
    except (LarkError, RuntimeError, ValueError) as error:  # python-hcl2's own checks
        raise DefinitionError(f"not valid HCL (Terraform): {error}",
                              Source(str(origin.path))) from None


def _at_end(error: UnexpectedInput) -> bool:
    """Whether the parser ran out of text (rather than meeting something it cannot read)."""
    token = getattr(error, "token", None)
    return isinstance(error, UnexpectedEOF) or getattr(token, "type", None) == "$END"


_HEREDOC = re.compile(r"<<-?([A-Za-z_][\w-]*)[ \t]*\r?\n")


def _unclosed_bracket(text: str) -> int | None:
    """The line of the outermost ``{``, ``[`` or ``(`` that ``text`` never closes, skipping
    strings, heredocs and comments; None when every one is closed (or a string runs to the
    end, where the bracket count says nothing)."""
    stack: list[int] = []
    i, line = 0, 1
    while i < len(text):
        skipped = _skip_token(text, i)
        if skipped is None:
            return None
        if skipped > i:
            line += text.count("\n", i, skipped)
            i = skipped
            continue
        char = text[i]
        if char == "\n":
            line += 1
        elif char in "{[(":
            stack.append(line)
        elif char in "}])" and stack:
            stack.pop()
        i += 1
    return stack[0] if stack else None


def _skip_token(text: str, i: int) -> int | None:
    """Where a comment, heredoc or quoted string starting at ``i`` ends (``i`` itself when
    none starts there; None when it runs past the end)."""
    if text.startswith(("#", "//"), i):
        end = text.find("\n", i)
        return len(text) if end < 0 else end
    if text.startswith("/*", i):
        end = text.find("*/", i + 2)
        return None if end < 0 else end + 2
    heredoc = _HEREDOC.match(text, i)
    if heredoc:
        closing = re.compile(rf"^[ \t]*{re.escape(heredoc.group(1))}[ \t]*$",
                             re.MULTILINE)
        found = closing.search(text, heredoc.end())
        return None if found is None else found.end()
    if text[i] == '"':
        return _skip_string(text, i + 1)
    return i


def _skip_string(text: str, i: int) -> int | None:
    """The end of the quoted string whose text starts at ``i`` (past its closing quote);
    a ``${…}`` inside may hold quoted strings of its own."""
    depth = 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text.startswith(("${", "%{"), i):
            depth += 1
            i += 2
            continue
        if text[i] == "}" and depth:
            depth -= 1
        elif text[i] == '"':
            if not depth:
                return i + 1
            inner = _skip_string(text, i + 1)
            if inner is None:
                return None
            i = inner
            continue
        i += 1
    return None


def _syntax_hint(text: str, line: Any, column: Any) -> str:
    """Why the parser stopped, for the two mistakes real files make (Terraform names them
    too): a single-quoted string, and an argument written as a block (Terraform 0.11's
    ``request_models { "application/json" = ... }``)."""
    if not isinstance(line, int) or not isinstance(column, int):
        return ""
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return ""
    at = lines[line - 1][column - 1:column]
    if at == "'":
        return " (Terraform strings are written in double quotes, not single quotes)"
    before = next((previous.strip() for previous in reversed(lines[: line - 1]) if previous.strip()), "")
    if at == '"' and re.fullmatch(r"[A-Za-z_][\w-]*\s*\{", before):
        name = before.rstrip("{ ")
        return (f" (an argument written as a block, `{name} {{ ... }}`, is Terraform 0.11 "
                f"syntax: write `{name} = {{ ... }}`)")
    return ""


def _body(tree: Tree[Any]) -> Tree[Any]:
    return next(_children(tree, "body"))


def _children(node: Tree[Any], *names: str) -> Iterator[Tree[Any]]:
    for child in node.children:
        if isinstance(child, Tree) and child.data in names:
            yield child


def _trees(node: Tree[Any]) -> list[Tree[Any]]:
    """The sub-trees of ``node`` that are not layout (new lines, comments)."""
    return [c for c in node.children if isinstance(c, Tree) and c.data != "new_line_or_comment"]


def _block(node: Tree[Any], origin: Origin) -> Block:
    names = [_name(child, origin) for child in node.children
             if isinstance(child, Tree) and child.data in ("identifier", "string", "keyword",
                                                          "literal_value")]
    attributes: dict[str, Expr] = {}
    body = _body(node)
    for attribute in _children(body, "attribute"):
        key_node, value_node = _trees(attribute)[0], _trees(attribute)[-1]
        attributes[_name(key_node, origin)] = Expr(value_node, origin)
    blocks = [_block(child, origin) for child in _children(body, "block")]
    return Block(names[0], names[1:], attributes, blocks, origin.source(node))


def _name(node: Tree[Any], origin: Origin) -> str:
    """A block type, label or attribute name (an identifier or a plain quoted string)."""
    if node.data == "string":
        parts = [part.children[0] for part in _children(node, "string_part")]
        if not all(isinstance(part, Token) for part in parts):
            raise DefinitionError("a block label cannot use ${…}", origin.source(node))
        return hcl2.utils.process_escape_sequences("".join(str(part) for part in parts))
    return str(node.children[0])


# --- templates ----------------------------------------------------------------------------

@dataclass
class _Interp:
    expr: Expr
    strip_before: bool = False
    strip_after: bool = False


@dataclass
class _Directive:
    keyword: str  # if, else, endif, for, endfor
    source: Source
    expr: Expr | None = None
    names: tuple[str, ...] = ()
    strip_before: bool = False
    strip_after: bool = False


@dataclass
class _If:
    condition: Expr
    then: list[Any]
    otherwise: list[Any]


@dataclass
class _For:
    names: tuple[str, ...]
    collection: Expr
    body: list[Any]


_DIRECTIVE = re.compile(
    r"(?:(?P<if>if)\s+(?P<cond>.+)|(?P<else>else)|(?P<endif>endif)"
    r"|(?P<for>for)\s+(?P<n1>[A-Za-z_][\w-]*)(?:\s*,\s*(?P<n2>[A-Za-z_][\w-]*))?"
    r"\s+in\s+(?P<coll>.+)"
    r"|(?P<endfor>endfor))\s*\Z",
    re.DOTALL,
)


def scan_template(text: str, path: Path, first_line: int) -> list[Any]:
    """Split a Terraform template (heredoc body, ``templatefile`` file) into its parts.

    ``$${`` and ``%%{`` are the escapes for a literal ``${`` and ``%{`` (Terraform's
    "String Templates" reference); ``~`` next to a brace strips the white space on that side.
    """
    items: list[Any] = []
    literal: list[str] = []
    literal_start = 0
    i = 0
    while i < len(text):
        if not literal:
            literal_start = i
        if text.startswith(("$${", "%%{"), i):
            literal.append(text[i + 1:i + 3])
            i += 3
            continue
        if not text.startswith(("${", "%{"), i):
            literal.append(text[i])
            i += 1
            continue
        line = first_line + text.count("\n", 0, i)
        end = closing_brace(text, i + 2)
        if end < 0:
            raise DefinitionError(f"{text[i:i + 2]} is never closed with '}}' (write $${{ for a "
                                  "literal ${)", Source(str(path), line))
        inner = text[i + 2:end]
        strip_before, strip_after = inner.startswith("~"), inner.endswith("~")
        inner = inner[1 if strip_before else 0:len(inner) - 1 if strip_after else len(inner)]
        if literal:
            items.append(_Literal("".join(literal), first_line + text.count("\n", 0, literal_start)))
            literal = []
        if text[i] == "$":
            items.append(_Interp(_parse_expression(inner, path, line), strip_before, strip_after))
        else:
            items.append(_directive(inner, path, line, strip_before, strip_after))
        i = end + 1
    if literal:
        items.append(_Literal("".join(literal), first_line + text.count("\n", 0, literal_start)))
    return _nest(_strip(items))


class _Literal(str):
    """Literal text of a template, with the line of the file its first character is on."""

    line: int

    def __new__(cls, text: str, line: int) -> Self:
        literal = super().__new__(cls, text)
        literal.line = line
        return literal


def closing_brace(text: str, start: int) -> int:
    """Index of the ``}`` closing an interpolation opened before ``start`` (-1 if none)."""
    depth, i = 0, start
    while i < len(text):
        char = text[i]
        if char == '"':
            i = _string_end(text, i + 1)
            if i < 0:
                return -1
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            if depth == 0:
                return i
            depth -= 1
        i += 1
    return -1


def _string_end(text: str, i: int) -> int:
    while i < len(text):
        if text[i] == "\\":
            i += 2
        elif text[i] == '"':
            return i + 1
        elif text.startswith("${", i):
            end = closing_brace(text, i + 2)
            if end < 0:
                return -1
            i = end + 1
        elif text[i] == "\n":
            return -1
        else:
            i += 1
    return -1


def _parse_expression(text: str, path: Path, line: int) -> Expr:
    """Parse the text of one ``${…}`` with python-hcl2 (as the value of an attribute)."""
    wrapped = f"x = ({text})\n"
    origin = Origin(path, wrapped, line - 1)
    if not text.strip():
        raise DefinitionError("empty ${} in a template", Source(str(path), line))
    what = f"${{{text}}} is not a valid Terraform expression (write $${{ for a literal ${{)"
    tree = _parse_hcl(wrapped, origin, what, columns=False)
    attribute = next(_children(_body(tree), "attribute"))
    return Expr(_trees(attribute)[-1], origin)


def _directive(inner: str, path: Path, line: int, before: bool, after: bool) -> _Directive:
    source = Source(str(path), line)
    match = _DIRECTIVE.match(inner.strip())
    if not match:
        raise DefinitionError(
            f"template directive %{{{inner}}} is not one of if/else/endif/for/endfor "
            "(write %%{ for a literal %{)", source)
    if match["if"]:
        return _Directive("if", source, _parse_expression(match["cond"], path, line),
                          strip_before=before, strip_after=after)
    if match["for"]:
        names = (match["n1"], match["n2"]) if match["n2"] else (match["n1"],)
        return _Directive("for", source, _parse_expression(match["coll"], path, line), names,
                          before, after)
    keyword = next(k for k in ("else", "endif", "endfor") if match[k])
    return _Directive(keyword, source, strip_before=before, strip_after=after)


def _strip(items: list[Any]) -> list[Any]:
    """Apply ``~`` strip markers to the literal text next to them."""
    result = list(items)
    for index, item in enumerate(result):
        if isinstance(item, (_Interp, _Directive)):
            if item.strip_before and index > 0 and isinstance(result[index - 1], _Literal):
                before = result[index - 1]
                result[index - 1] = _Literal(before.rstrip(), before.line)
            if item.strip_after and index + 1 < len(result) and isinstance(result[index + 1], _Literal):
                after = result[index + 1]
                kept = after.lstrip()
                result[index + 1] = _Literal(kept, after.line + after[:len(after) - len(kept)].count("\n"))
    return result


def _nest(items: list[Any]) -> list[Any]:
    """Turn the flat if/else/endif and for/endfor directives into nested parts."""
    stack: list[tuple[_Directive | None, list[Any], list[Any] | None]] = [(None, [], None)]
    for item in items:
        opener, parts, otherwise = stack[-1]
        target = otherwise if otherwise is not None else parts
        if not isinstance(item, _Directive):
            target.append(item)
        elif item.keyword in ("if", "for"):
            stack.append((item, [], None))
        elif item.keyword == "else":
            if opener is None or opener.keyword != "if" or otherwise is not None:
                raise DefinitionError("%{else} without its %{if}", item.source)
            stack[-1] = (opener, parts, [])
        else:
            wanted = "if" if item.keyword == "endif" else "for"
            if opener is None or opener.keyword != wanted:
                raise DefinitionError(f"%{{{item.keyword}}} without its %{{{wanted}}}", item.source)
            stack.pop()
            assert opener.expr is not None
            node = (_If(opener.expr, parts, otherwise or []) if wanted == "if"
                    else _For(opener.names, opener.expr, parts))
            _, outer_parts, outer_otherwise = stack[-1]
            (outer_otherwise if outer_otherwise is not None else outer_parts).append(node)
    if len(stack) > 1:
        opener = stack[-1][0]
        assert opener is not None
        raise DefinitionError(f"%{{{opener.keyword}}} is never closed", opener.source)
    return stack[0][1]


def _string_items(node: Tree[Any], origin: Origin) -> list[Any]:
    """The parts of a quoted string as python-hcl2 parsed them (escapes resolved)."""
    items: list[Any] = []
    for part in _children(node, "string_part"):
        child = part.children[0]
        if isinstance(child, Token):
            if child.type in ("ESCAPED_INTERPOLATION", "ESCAPED_DIRECTIVE"):
                items.append(child[1:])  # $${x} → ${x}, %%{x} → %{x}
            else:
                items.append(hcl2.utils.process_escape_sequences(str(child)))
        elif child.data == "interpolation":
            items.append(_Interp(Expr(_trees(child)[0], origin)))
        else:
            items.append(_string_directive(child, origin))
    return _nest(_strip(items))


def _string_directive(node: Tree[Any], origin: Origin) -> _Directive:
    tokens = [c for c in node.children if isinstance(c, Token)]
    keyword_at = next(i for i, t in enumerate(tokens) if t.type in
                      ("IF", "ELSE", "ENDIF", "FOR", "ENDFOR"))
    before = any(t.type == "STRIP_MARKER" for t in tokens[:keyword_at])
    after = tokens[-2].type == "STRIP_MARKER"
    keyword = tokens[keyword_at].lower()
    trees = _trees(node)
    expr = Expr(trees[-1], origin) if keyword in ("if", "for") else None
    names = tuple(str(t.children[0]) for t in trees[:-1]) if keyword == "for" else ()
    return _Directive(keyword, origin.source(node), expr, names, before, after)


def _heredoc(token: Token) -> tuple[str, bool]:
    """The body of a heredoc token (``<<EOT``/``<<-EOT`` … ``EOT``) and whether it is flush."""
    text = str(token)
    flush = text.startswith("<<-")
    marker = text[3 if flush else 2:text.index("\n")].rstrip("\r")
    body = text[text.index("\n") + 1:].rstrip("\r\n")
    body = body[:len(body) - len(marker)].rstrip(" \t")
    return (_flush(body) if flush else body), flush


def _flush(body: str) -> str:
    """``<<-``: remove the smallest indentation of the non-blank lines from every line.

    Terraform's "Heredoc Strings": lines holding only white space do not count and keep
    their white space; a line starting with ``${`` counts as indentation 0.
    """
    lines = body.splitlines(keepends=True)
    indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    cut = min(indents, default=0)
    return "".join(line[cut:] if line.strip() else line for line in lines)


# --- evaluation ---------------------------------------------------------------------------

#: Resolves a reference whose first name is not a local name (``var``, ``local``, a resource
#: type…): given the names and indexes of the traversal, returns the value and how many of
#: the steps it used. None: references are not allowed (inside ``templatefile``).
Lookup = Callable[[list[Any], Expr], tuple[Any, int]]


class Evaluator:
    """Evaluates expressions of one Terraform module (``lookup`` resolves its references).

    ``base`` is Terraform's working directory, the root module's folder (where
    ``terraform plan`` runs): ``file()``, ``templatefile()``, ``fileset()`` and
    ``abspath()`` read relative paths from it in every module, which is why a module
    writes ``"${path.module}/x"``.
    """

    def __init__(self, base: Path, lookup: Lookup | None) -> None:
        self.base = base
        self.lookup = lookup
        #: Expressions kept as placeholders because this module does not evaluate them
        #: (``file:line: …``), for the reader to report.
        self.notes: list[str] = []

    def note(self, note: str) -> None:
        """Report ``note`` (``file:line: …``) once, with the reader's warnings."""
        if note not in self.notes:
            self.notes.append(note)

    def _not_evaluated(self, node: Tree[Any], origin: Origin, what: str) -> Unknown:
        expr = Expr(node, origin)
        note = f"{expr.source}: {what} is not evaluated; kept as ${{{expr.text}}}"
        if note not in self.notes:
            self.notes.append(note)
        return Unknown(expr.text, why=f"{what}, which this tool does not evaluate: write its "
                                       "value into the template to run it")

    def evaluate(self, expr: Expr, names: dict[str, Any] | None = None) -> Any:
        """The value of ``expr``; ``names`` are local names (``for`` variables, template vars)."""
        return self._eval(expr.node, expr.origin, names or {})

    def _eval(self, node: Tree[Any], origin: Origin, names: dict[str, Any]) -> Any:
        method = getattr(self, "_eval_" + node.data, None)
        if method is None:  # splat expressions, template_string…
            return self._not_evaluated(node, origin, f"a {node.data.replace('_', ' ')}")
        return method(node, origin, names)

    def _fail(self, message: str, node: Tree[Any], origin: Origin) -> DefinitionError:
        return DefinitionError(message, origin.source(node))

    # literals and collections

    def _eval_expr_term(self, node: Tree[Any], origin: Origin, names: dict[str, Any]) -> Any:
        children = _trees(node)
        if len(children) == 1:
            return self._eval(children[0], origin, names)
        return Unknown(Expr(node, origin).text)

    def _eval_int_lit(self, node: Tree[Any], origin: Origin, names: dict[str, Any]) -> Any:
        return int(str(node.children[0]))

    def _eval_float_lit(self, node: Tree[Any], origin: Origin, names: dict[str, Any]) -> Any:
        return _number(float(str(node.children[0])))

    def _eval_literal_value(self, node: Tree[Any], origin: Origin, names: dict[str, Any]) -> Any:
        return {"true": True, "false": False, "null": None}[str(node.children[0])]

    def _eval_string(self, node: Tree[Any], origin: Origin, names: dict[str, Any]) -> Any:
        parts = _string_items(node, origin)
        text = self.render(parts, names)
        if len(parts) == 1 and isinstance(parts[0], _Interp):
            # "${file("x.vm")}" is the value itself (the legacy way of writing an
            # expression, and the only one in a .tf.json file): it keeps its own source.
            return text
        return SourcedStr(text, origin.source(node)) if isinstance(text, str) else text

    def _eval_heredoc_template(self, node: Tree[Any], origin: Origin, names: dict[str, Any]) -> Any:
        token = node.children[0]
        assert isinstance(token, Token)
        body, _ = _heredoc(token)
        first = origin.source(node).line or 1
        parts = scan_template(body, origin.path, first + 1)
        text = self.render(parts, names)
        if not isinstance(text, str):
            return text
        # Located at the `<<EOT` line, as YAML readers locate a block scalar at its key.
        value = SourcedStr(text, Source(str(origin.path), first))
        value.lines_after = "%{" not in body and text.count("\n") == body.count("\n")
        return value

    _eval_heredoc_template_trim = _eval_heredoc_template

    def _eval_tuple(self, node: Tree[Any], origin: Origin, names: dict[str, Any]) -> Any:
        return [self._eval(child, origin, names) for child in _trees(node)]

    def _eval_object(self, node: Tree[Any], origin: Origin, names: dict[str, Any]) -> Any:
        result = WrittenObject(str(origin.path), origin.source(node).line)
        for element in _children(node, "object_elem"):
            key_node, value_node = _trees(element)[0], _trees(element)[-1]
            key = self._key(key_node, origin, names)
            result[key] = self._eval(value_node, origin, names)
            line = origin.source(element).line
            if line is not None:
                result.key_lines[key] = line
        return result

    def _key(self, node: Tree[Any], origin: Origin, names: dict[str, Any]) -> str:
        """An object key: a bare name is the key itself; anything else is evaluated."""
        inner = _trees(node)
        if not inner:  # a keyword used as a key (`in = …`)
            return str(node.children[0].children[0])
        term = inner[0]
        if term.data == "keyword":  # `in = …`, as python-hcl2 8 parses it
            return str(term.children[0])
        inner_terms = _trees(term)
        if term.data == "expr_term" and len(inner_terms) == 1 \
                and inner_terms[0].data == "identifier":
            return str(inner_terms[0].children[0])
        value = self._eval(term, origin, names)
        if isinstance(value, Unknown):
            return str(value)
        return _to_string(value, lambda m: self._fail(m, node, origin))

    # references

    def _eval_identifier(self, node: Tree[Any], origin: Origin, names: dict[str, Any]) -> Any:
        return self._reference(node, [], origin, names)

    def _eval_get_attr_expr_term(self, node: Tree[Any], origin: Origin,
                                 names: dict[str, Any]) -> Any:
        return self._traversal(node, origin, names)

    _eval_index_expr_term = _eval_get_attr_expr_term

    def _traversal(self, node: Tree[Any], origin: Origin, names: dict[str, Any]) -> Any:
        """``a.b[0].c``: the steps after the first term, the first term evaluated or looked up."""
        steps: list[Any] = []
        while node.data in ("get_attr_expr_term", "index_expr_term"):
            term, step = _trees(node)
            steps.insert(0, self._step(step, origin, names))
            node = _trees(term)[0] if term.data == "expr_term" and len(_trees(term)) == 1 else term
        if node.data == "identifier":
            return self._reference(node, steps, origin, names)
        return self._apply(self._eval(node, origin, names), steps, node, origin)

    def _eval_attr_splat_expr_term(self, node: Tree[Any], origin: Origin,
                                   names: dict[str, Any]) -> Any:
        """``list.*.attr`` and ``list[*].attr``: the steps applied to each item; a value that
        is not a list is a one-item list, null an empty one (Terraform's "Splat
        Expressions" page)."""
        term, splat = _trees(node)
        value = self._eval(term, origin, names)
        steps = [self._step(step, origin, names) for step in _trees(splat)]
        if isinstance(value, Unknown):
            return derived(Expr(node, origin).text, value)
        after: list[Any] = []
        if node.data == "attr_splat_expr_term":
            # the legacy `.*` splat applies only the attribute steps to each item; an index
            # after them applies to the list they make (HCL spec, "Splat Operators"):
            # aws_x.r.*.id[count.index] is one id
            first_index = next((i for i, step in enumerate(steps) if isinstance(step, Key)),
                               len(steps))
            steps, after = steps[:first_index], steps[first_index:]
        items = [] if value is None else value if isinstance(value, list) else [value]
        result = [self._apply(item, steps, node, origin) for item in items]
        return self._apply(result, after, node, origin) if after else result

    _eval_full_splat_expr_term = _eval_attr_splat_expr_term

    def _step(self, node: Tree[Any], origin: Origin, names: dict[str, Any]) -> Any:
        if node.data == "get_attr":
            return str(_trees(node)[0].children[0])
        if node.data == "short_index":
            return Key(int(str(node.children[-1])))
        return Key(self._eval(_trees(node)[0], origin, names))

    def _reference(self, node: Tree[Any], steps: list[Any], origin: Origin,
                   names: dict[str, Any]) -> Any:
        name = str(node.children[0])
        if name in names:
            return self._apply(names[name], steps, node, origin)
        if self.lookup is None:
            raise self._fail(
                f"{name!r} is not one of the variables given to templatefile "
                f"({', '.join(sorted(names)) or 'none'}); write $${{ for a literal ${{",
                node, origin)
        value, used = self.lookup([name, *steps], Expr(node, origin))
        return self._apply(value, steps[used - 1:], node, origin)

    def _apply(self, value: Any, steps: list[Any], node: Tree[Any], origin: Origin) -> Any:
        for step in steps:
            if isinstance(value, ResourceObject) and isinstance(step, str) \
                    and value.attribute_of is not None:
                value = value.attribute_of(step)
                continue
            if isinstance(value, Unknown):
                return derived(f"{value.text}.{step}" if isinstance(step, str) else
                               f"{value.text}{step}", value)
            key = step.value if isinstance(step, Key) else step
            if isinstance(key, Unknown):
                return derived(f"{Expr(node, origin).text}", key)
            if not _holds(value, key):
                raise self._fail(f"{key!r} is not in {_describe(value)}", node, origin)
            value = value[key]
        return value

    # operators

    def _eval_conditional(self, node: Tree[Any], origin: Origin, names: dict[str, Any]) -> Any:
        condition, then, otherwise = _trees(node)
        test = _as_bool(self._eval(condition, origin, names))
        if isinstance(test, Unknown):
            return derived(Expr(node, origin).text, test)
        if not isinstance(test, bool):
            raise self._fail(f"a condition must be true or false, not {_describe(test)}",
                             node, origin)
        return self._eval(then if test else otherwise, origin, names)

    def _eval_unary_op(self, node: Tree[Any], origin: Origin, names: dict[str, Any]) -> Any:
        operator = str(node.children[0])
        value = self._eval(_trees(node)[0], origin, names)
        if isinstance(value, Unknown):
            return derived(Expr(node, origin).text, value)
        if operator == "!":
            value = _as_bool(value)
        if operator == "!" and isinstance(value, bool):
            return not value
        if operator == "-" and _is_number(value):
            return -value
        raise self._fail(f"cannot apply {operator} to {_describe(value)}", node, origin)

    def _eval_binary_op(self, node: Tree[Any], origin: Origin, names: dict[str, Any]) -> Any:
        left_node, term = _trees(node)[:2]
        operator_node, right_node = _trees(term)[:2]
        operator = str(operator_node.children[0]).strip()
        left = self._eval(left_node, origin, names)
        if operator in ("&&", "||"):
            left = _as_bool(left)
        if operator in ("&&", "||") and isinstance(left, bool) and left == (operator == "||"):
            return left
        right = self._eval(right_node, origin, names)
        if operator in ("&&", "||"):
            right = _as_bool(right)
        if isinstance(left, Unknown) or isinstance(right, Unknown):
            return derived(Expr(node, origin).text, left, right)
        try:
            return _BINARY[operator](left, right)
        except (TypeError, ZeroDivisionError, KeyError):
            raise self._fail(f"cannot compute {_describe(left)} {operator} {_describe(right)}",
                             node, origin) from None

    # for expressions

    def _eval_for_tuple_expr(self, node: Tree[Any], origin: Origin, names: dict[str, Any]) -> Any:
        result: list[Any] = []
        for scope, parts in self._for_items(node, origin, names):
            if isinstance(parts, Unknown):
                return derived(Expr(node, origin).text, parts)
            result.append(self._eval(parts[0], origin, scope))
        return result

    def _eval_for_object_expr(self, node: Tree[Any], origin: Origin, names: dict[str, Any]) -> Any:
        grouping = any(isinstance(c, Token) and c.type == "ELLIPSIS" for c in node.children)
        result: dict[str, Any] = {}
        for scope, parts in self._for_items(node, origin, names):
            if isinstance(parts, Unknown):
                return derived(Expr(node, origin).text, parts)
            key = _to_string(self._eval(parts[0], origin, scope),
                             lambda m: self._fail(m, node, origin))
            value = self._eval(parts[1], origin, scope)
            if grouping:
                result.setdefault(key, []).append(value)
            elif key in result:
                raise self._fail(f"the for expression gives key {key!r} twice (add ... to group)",
                                 node, origin)
            else:
                result[key] = value
        return result

    def _for_items(self, node: Tree[Any], origin: Origin, names: dict[str, Any]
                   ) -> Iterator[tuple[dict[str, Any], list[Tree[Any]] | Unknown]]:
        """Each iteration's names and the result expressions (the collection alone when it is
        unknown)."""
        intro, *rest = _trees(node)
        condition = next((c for c in rest if c.data == "for_cond"), None)
        results = [c for c in rest if c.data != "for_cond"]
        intro_trees = _trees(intro)
        variables = [str(t.children[0]) for t in intro_trees[:-1]]
        collection = self._eval(intro_trees[-1], origin, names)
        if isinstance(collection, Unknown):
            yield names, collection
            return
        if isinstance(collection, dict):
            pairs = sorted(collection.items())
        elif isinstance(collection, list):
            pairs = list(enumerate(collection))
        else:
            raise self._fail(f"cannot iterate over {_describe(collection)}", node, origin)
        for key, value in pairs:
            scope = dict(names)
            if len(variables) == 2:
                scope[variables[0]], scope[variables[1]] = key, value
            else:
                scope[variables[0]] = value
            if condition is not None:
                test = self._eval(_trees(condition)[0], origin, scope)
                if test is not True:
                    continue
            yield scope, results

    # functions

    def _eval_function_call(self, node: Tree[Any], origin: Origin, names: dict[str, Any]) -> Any:
        name = str(_trees(node)[0].children[0])
        arguments = next(_children(node, "arguments"), None)
        argument_nodes = _trees(arguments) if arguments is not None else []
        expands = arguments is not None and any(
            isinstance(c, Token) and c.type == "ELLIPSIS" for c in arguments.children)
        if name in ("try", "can") and not expands \
                and len(list(_children(node, "identifier"))) == 1:
            return self._try(name, argument_nodes, node, origin, names)
        function = FUNCTIONS.get(name)
        if function is None or len(list(_children(node, "identifier"))) > 1:
            return self._not_evaluated(node, origin, f"function {name}()")
        values = [self._eval(arg, origin, names) for arg in argument_nodes]
        if expands:
            # f(a, list...): the last argument's items are the final arguments (HCL's
            # "Function Calls" spec; merge([for …]...) is the common use)
            last = values.pop() if values else None
            if isinstance(last, Unknown):
                return derived(Expr(node, origin).text, last)
            if not isinstance(last, list):
                raise self._fail(f"{name}(…...): the argument before ... must be a list or "
                                 f"tuple, not {_describe(last)}", node, origin)
            values.extend(last)
        call = _Call(self, Expr(node, origin), names, values)
        return function(call, *values) if _arity_ok(function, values) else call.fail(
            f"{name}() does not take {len(values)} argument(s)")

    def _try(self, name: str, argument_nodes: list[Tree[Any]], node: Tree[Any],
             origin: Origin, names: dict[str, Any]) -> Any:
        """``try(a, b, …)``: the first argument that evaluates without an error (a missing
        attribute, a bad index…); ``can(a)``: whether ``a`` does. Their arguments are
        evaluated lazily, so these are not :data:`FUNCTIONS` (Terraform's functions pages)."""
        if name == "can" and len(argument_nodes) != 1:
            raise self._fail("can() takes one argument", node, origin)
        for argument in argument_nodes:
            try:
                value = self._eval(argument, origin, names)
            except DefinitionError as error:
                # a reference to nothing declared is a static error Terraform reports even
                # inside try() ("try only catches dynamic errors", its functions page)
                if " is not declared" in str(error):
                    raise
                continue
            return True if name == "can" else value
        if name == "can":
            return False
        raise self._fail("try(): none of its arguments evaluates without an error", node, origin)

    def entries(self, expr: Expr, names: dict[str, Any] | None = None
                ) -> list[tuple[str, Any, Source]] | None:
        """An object literal's keys and values, each with the line it is written on.

        None when ``expr`` is not written as an object literal (evaluate it instead).
        """
        node = expr.node
        while node.data == "expr_term" and len(_trees(node)) == 1:
            node = _trees(node)[0]
        if node.data != "object":
            return None
        result = []
        for element in _children(node, "object_elem"):
            key_node, value_node = _trees(element)[0], _trees(element)[-1]
            result.append((self._key(key_node, expr.origin, names or {}),
                           self._eval(value_node, expr.origin, names or {}),
                           expr.origin.source(value_node)))
        return result

    # templates

    def render(self, parts: list[Any], names: dict[str, Any]) -> Any:
        """The text of template ``parts`` (from :func:`scan_template`) with ``names`` in scope.

        A template made of one interpolation alone (``"${x}"``) is the value itself, as in
        Terraform.
        """
        if len(parts) == 1 and isinstance(parts[0], _Interp):
            return self.evaluate(parts[0].expr, names)
        out: list[str] = []
        for part in parts:
            if isinstance(part, str):
                out.append(part)
            elif isinstance(part, _Interp):
                value = self.evaluate(part.expr, names)
                out.append(_holding(_to_string(value, _located(part.expr)), value))
            elif isinstance(part, _If):
                test = _as_bool(self.evaluate(part.condition, names))
                if isinstance(test, Unknown):
                    out.append(_text(derived("if " + part.condition.text, test)))
                    continue
                if not isinstance(test, bool):
                    raise DefinitionError(f"%{{if}} needs true or false, not {_describe(test)}",
                                          part.condition.source)
                chosen = part.then if test else part.otherwise
                out.append(_text(self.render(chosen, names)))
            else:
                out.append(self._render_for(part, names))
        return _holding("".join(out), *out)

    def _render_for(self, part: _For, names: dict[str, Any]) -> str:
        scopes = self.for_scopes(part, names)
        if isinstance(scopes, Unknown):
            return _text(derived("for … in " + part.collection.text, scopes))
        out = [_text(self.render(part.body, scope)) for scope in scopes]
        return _holding("".join(out), *out)

    def for_scopes(self, part: _For, names: dict[str, Any]) -> list[dict[str, Any]] | Unknown:
        """The names in scope in each turn of a ``%{for}`` (keys in order for a map), or
        the unknown collection."""
        collection = self.evaluate(part.collection, names)
        if isinstance(collection, Unknown):
            return collection
        if isinstance(collection, dict):
            pairs = sorted(collection.items())
        elif isinstance(collection, list):
            pairs = list(enumerate(collection))
        else:
            raise DefinitionError(f"%{{for}} cannot iterate over {_describe(collection)}",
                                  part.collection.source)
        scopes = []
        for key, value in pairs:
            scope = dict(names)
            if len(part.names) == 2:
                scope[part.names[0]], scope[part.names[1]] = key, value
            else:
                scope[part.names[0]] = value
            scopes.append(scope)
        return scopes


def _located(expr: Expr) -> Callable[[str], Exception]:
    """Makes the error of a message at ``expr``."""
    def fail(message: str) -> Exception:
        return DefinitionError(message, expr.source)
    return fail


def _text(value: Any) -> str:
    """A rendered part as text; an unknown becomes its placeholder, remembered as such."""
    return PartlyUnknown(str(value), (value,)) if isinstance(value, Unknown) else value


@dataclass
class _Call:
    """What a function sees of its call: the evaluator, the call expression, local names."""

    evaluator: Evaluator
    expr: Expr
    names: dict[str, Any]
    values: list[Any] = field(default_factory=list)

    def fail(self, message: str) -> DefinitionError:
        return DefinitionError(message, self.expr.source)

    def unknown(self) -> Unknown:
        """The call itself as a placeholder, caused by its first unknown argument."""
        return derived(self.expr.text, *self.values)

    def read(self, name: Any) -> tuple[Path, str]:
        """Read a file named relative to the module folder, as Terraform's file() does."""
        if not isinstance(name, str):
            raise self.fail(f"a file name must be a string, not {_describe(name)}")
        path = Path(name)
        if not path.is_absolute():
            # normpath, not resolve: messages keep the user's relative, readable path.
            path = Path(os.path.normpath(self.evaluator.base / path))
        try:
            return path, path.read_bytes().decode("utf-8")
        except OSError as error:
            raise self.fail(f"cannot read {path}: {error.strerror or error}") from None
        except UnicodeDecodeError:
            raise self.fail(f"{path} is not UTF-8 text (file() reads only UTF-8)") from None


def _arity_ok(function: Callable[..., Any], values: list[Any]) -> bool:
    import inspect

    try:
        inspect.signature(function).bind(None, *values)
    except TypeError:
        return False
    return True


def _file(call: _Call, name: Any) -> Any:
    if isinstance(name, Unknown):
        return call.unknown()
    path, text = call.read(name)
    return SourcedStr(text, Source(str(path), 1))


def _templatefile(call: _Call, name: Any, variables: Any) -> Any:
    if isinstance(name, Unknown):
        return call.unknown()
    if not isinstance(variables, dict):
        raise call.fail(f"templatefile() takes an object of variables, not {_describe(variables)}")
    path, text = call.read(name)
    parts = scan_template(text, path, 1)
    # Only the given variables are in scope inside the template (Terraform's templatefile).
    evaluator = Evaluator(call.evaluator.base, None)
    evaluator.notes = call.evaluator.notes
    result = evaluator.render(parts, dict(variables))
    rendered = SourcedStr(_to_string(result, call.fail), Source(str(path), 1), unknowns_in(result))
    if rendered.count("\n") != text.count("\n"):
        rendered.origins = line_origins(evaluator, parts, dict(variables), path, rendered)
    return rendered


def _templatestring(call: _Call, template: Any, variables: Any) -> Any:
    """``templatestring(ref, vars)`` (Terraform 1.9): the string ``ref`` holds rendered as a
    template with only ``vars`` in scope, as templatefile renders a file's text; its lines
    are those of the file the string was read from, else the call's."""
    if isinstance(template, Unknown):
        return call.unknown()
    if not isinstance(variables, dict):
        raise call.fail(f"templatestring() takes an object of variables, not "
                        f"{_describe(variables)}")
    text = _to_string(template, call.fail)
    where = template.source if isinstance(template, SourcedStr) else call.expr.source
    first = (where.line or 1) + (1 if isinstance(template, SourcedStr)
                                 and template.lines_after else 0)
    evaluator = Evaluator(call.evaluator.base, None)
    evaluator.notes = call.evaluator.notes
    result = evaluator.render(scan_template(text, Path(where.file), first), dict(variables))
    return SourcedStr(_to_string(result, call.fail), Source(where.file, where.line),
                      unknowns_in(result))


def line_origins(evaluator: Evaluator, parts: list[Any], names: dict[str, Any],
                 path: Path, rendered: str) -> tuple[Source, ...] | None:
    """Where each line of the text template ``parts`` (of file ``path``) renders to was
    written: the line of its first character, a literal's in the template, an inserted
    text's in the file it was read from (``file()``, another ``templatefile()``), else the
    interpolation's own line; through ``%{if}`` and each turn of ``%{for}``. A line with no
    character takes the line its end was written on. None when the count of lines differs
    from ``rendered``'s (a text the renderer made otherwise)."""
    lines = _LineOrigins(evaluator, path)
    lines.parts(parts, names)
    return tuple(lines.origins) if len(lines.origins) == rendered.count("\n") + 1 else None


class _LineOrigins:
    """The origin of each rendered line, found by rendering the template again part by part."""

    def __init__(self, evaluator: Evaluator, path: Path) -> None:
        self.evaluator = evaluator
        self.path = str(path)
        self.origins = [Source(self.path, 1)]
        self.empty = True  # the last line has no character yet: its origin is a guess

    def parts(self, parts: list[Any], names: dict[str, Any]) -> None:
        for part in parts:
            if isinstance(part, _Literal):
                self.text(part, [Source(self.path, part.line + n) for n in range(part.count("\n") + 1)])
            elif isinstance(part, str):  # (no literal loses its line: kept for safety)
                self.text(part, [self.origins[-1]] * (part.count("\n") + 1))
            elif isinstance(part, _Interp):
                value = self.evaluator.evaluate(part.expr, names)
                text = _to_string(value, _located(part.expr)) if not isinstance(value, Unknown) else str(value)
                self.text(text, _inserted_origins(value, text, part.expr.source))
            elif isinstance(part, _If):
                test = _as_bool(self.evaluator.evaluate(part.condition, names))
                if isinstance(test, bool):
                    self.parts(part.then if test else part.otherwise, names)
                else:
                    self.text(_text(derived("if " + part.condition.text, test)), [part.condition.source])
            else:
                scopes = self.evaluator.for_scopes(part, names)
                if isinstance(scopes, Unknown):
                    self.text(str(derived("for … in " + part.collection.text, scopes)), [part.collection.source])
                    continue
                for scope in scopes:
                    self.parts(part.body, scope)

    def text(self, text: str, sources: list[Source]) -> None:
        """Rendered ``text``, each of its lines written at ``sources`` (one per line)."""
        for n, segment in enumerate(text.split("\n")):
            at = sources[min(n, len(sources) - 1)]
            if n:
                self.origins.append(Source(at.file, (at.line or 1)))
                self.empty = True
            if segment and self.empty:
                self.origins[-1] = at
                self.empty = False


def _inserted_origins(value: Any, text: str, at: Source) -> list[Source]:
    """The origin of each line of ``text``, inserted into a template at ``at``."""
    count = text.count("\n") + 1
    if isinstance(value, SourcedStr) and value.origins is not None \
            and len(value.origins) == count:
        return list(value.origins)
    if isinstance(value, SourcedStr) and value.source.line == 1:
        return [Source(value.source.file, n) for n in range(1, count + 1)]
    return [at] * count


def _jsonencode(call: _Call, value: Any) -> str:
    """Terraform's jsonencode: compact, keys sorted, ``<``, ``>``, ``&``, U+2028/9 escaped.

    Terraform's function reference (jsonencode) documents the escapes; object keys come out
    sorted because Terraform's objects and maps are. An unknown value is written as its
    placeholder text, so it stays visible.
    """
    text = json.dumps(_plain(value), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    file, lines = written_lines(value)
    if lines:
        return EncodedJson(text, unknowns_in(value), file, lines)
    return _holding(text, value)


def _plain(value: Any) -> Any:
    """``value`` with plain strings, dicts and lists only: the encoders (json, and
    yamlencode's PyYAML, which refuses a str subclass) see no evaluator types."""
    if isinstance(value, (Unknown, str)):
        return str(value)
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _jsondecode(call: _Call, text: Any) -> Any:
    if isinstance(text, Unknown):
        return call.unknown()
    try:
        value = _still_holding(json.loads(_to_string(text, call.fail)), unknowns_in(text))
    except json.JSONDecodeError as error:
        raise call.fail(f"jsondecode(): not JSON: {error.msg}") from None
    return _written_in_file(value, text)


def _written_in_file(value: Any, text: Any) -> Any:
    """``value`` decoded from ``text``: when the text is a whole file as written (``file()``,
    or a ``templatefile()`` that moved no line), its objects remember the line of each key
    there, so ``yamlencode(yamldecode(file("openapi.yaml")))`` as a body locates each method
    in openapi.yaml rather than at the ``body =`` line (realworld13
    tf-warmane-yamldecode-roundtrip)."""
    if not (isinstance(value, dict) and isinstance(text, SourcedStr) and text.source.line == 1
            and text.origins is None and text.source.file):
        return value
    from vtl.api.sources.document import parse_document

    try:
        lines = parse_document(str(text).encode("utf-8"), Path(text.source.file)).lines
    except DefinitionError:
        return value
    by_text = {tuple(str(part) for part in at): line for at, line in lines.items()}

    def written(item: Any, at: tuple[str, ...]) -> Any:
        if isinstance(item, list):
            return [written(inner, (*at, str(index))) for index, inner in enumerate(item)]
        if not isinstance(item, dict):
            return item
        obj = WrittenObject(text.source.file, by_text.get(at))
        for key, inner in item.items():
            obj[key] = written(inner, (*at, str(key)))
            if (*at, str(key)) in by_text:
                obj.key_lines[key] = by_text[(*at, str(key))]
        return obj

    return written(value, ())


def _yamldecode(call: _Call, text: Any) -> Any:
    """Terraform's yamldecode (vtl.api.sources.tf_yaml): ``jsonencode(yamldecode(
    templatefile("openapi.yaml", …)))`` is a common way to write a REST API's body."""
    if isinstance(text, Unknown):
        return call.unknown()
    try:
        value = tf_yaml.decode(_to_string(text, call.fail))
    except ValueError as error:
        raise call.fail(f"yamldecode(): {error}") from None
    return _written_in_file(_still_holding(value, unknowns_in(text)), text)


def _yamlencode(call: _Call, value: Any) -> Any:
    if isinstance(value, Unknown):
        return call.unknown()
    text = tf_yaml.encode(_plain(value))
    file, lines = written_lines(value)
    if lines:
        return EncodedJson(text, unknowns_in(value), file, lines)
    return _holding(text, value)


def _still_holding(value: Any, unknowns: tuple[Unknown, ...]) -> Any:
    """The strings of decoded ``value`` remembering those of ``unknowns`` whose placeholder
    they hold (decoding kept the text, not what it was built from)."""
    if isinstance(value, str):
        return _holding(value, *(u for u in unknowns if str(u) in value))
    if isinstance(value, dict):
        return {key: _still_holding(item, unknowns) for key, item in value.items()}
    if isinstance(value, list):
        return [_still_holding(item, unknowns) for item in value]
    return value


def _string_function(operation: Callable[[str], str]) -> Callable[[_Call, Any], Any]:
    def function(call: _Call, value: Any) -> Any:
        if isinstance(value, Unknown):
            return call.unknown()
        try:
            result = operation(_to_string(value, call.fail))
        except ValueError as error:  # base64decode of text that is not base64 (UTF-8)
            raise call.fail(f"{call.expr.text}: {error}") from None
        return _holding(result, value)
    return function


def _join(call: _Call, separator: Any, items: Any) -> Any:
    if isinstance(items, Unknown) or isinstance(separator, Unknown):
        return call.unknown()
    if not isinstance(items, list):
        raise call.fail(f"join() takes a list, not {_describe(items)}")
    sep = _to_string(separator, call.fail)
    text = sep.join(_to_string(i, call.fail) for i in items)
    read = [i for i in items if isinstance(i, SourcedStr) and (i.origins or i.source.line == 1)]
    if not read or "\n" in sep:
        return _holding(text, separator, items)
    # texts read from files (data.template_file renderings joined into one body): each
    # line keeps where it was written; a separator continues the line it ends
    origins: list[Source] = []
    for item in items:
        lines = _inserted_origins(item, _to_string(item, call.fail), call.expr.source)
        origins.extend(lines if not origins else lines[1:])
    joined = SourcedStr(text, read[0].source, unknowns_in(_holding(text, separator, items)))
    joined.origins = tuple(origins)
    return joined


def _replace(call: _Call, text: Any, search: Any, replacement: Any) -> Any:
    values = (text, search, replacement)
    if any(isinstance(v, Unknown) for v in values):
        return call.unknown()
    text, search, replacement = (_to_string(v, call.fail) for v in values)
    if len(search) > 1 and search.startswith("/") and search.endswith("/"):
        return _replace_pattern(call, text, search[1:-1], replacement)
    return _holding(text.replace(search, replacement), text, replacement)


def _replace_pattern(call: _Call, text: str, pattern: str, replacement: str) -> Any:
    """``replace(text, "/regex/", replacement)``: Go's Regexp.ReplaceAllString (Terraform's
    replace page), whose replacement expands ``$1``, ``${1}``, ``$name`` and ``$$``. A
    pattern Python's re reads otherwise than RE2 (Unicode classes, ``\\C``, ``\\Q…\\E``, the U flag)
    or not at all stays a placeholder."""
    compiled = _re2_pattern(pattern)
    if compiled is None:
        return call.evaluator._not_evaluated(call.expr.node, call.expr.origin,
                                             "replace() with this regular expression")

    def expand(match: re.Match[str]) -> str:
        def group(ref: re.Match[str]) -> str:
            if ref.group(0) == "$$":
                return "$"
            name = ref.group(1) or ref.group(2)
            try:  # Go: a name that is no group of the pattern expands to nothing
                return match.group(int(name) if name.isdigit() else name) or ""
            except IndexError:
                return ""
        return re.sub(r"\$\$|\$\{(\w+)\}|\$(\w+)", group, replacement)

    return _holding(compiled.sub(expand, text), text, replacement)


def _merge(call: _Call, *maps: Any) -> Any:
    result: dict[str, Any] = {}
    for item in maps:
        if isinstance(item, Unknown):
            return call.unknown()
        if item is None:
            continue
        if not isinstance(item, dict):
            raise call.fail(f"merge() takes objects, not {_describe(item)}")
        result.update(item)
    return result


def _lookup(call: _Call, mapping: Any, key: Any, *default: Any) -> Any:
    if isinstance(mapping, Unknown) or isinstance(key, Unknown):
        return call.unknown()
    if isinstance(mapping, dict) and key in mapping:
        return mapping[key]
    if default:
        return default[0]
    raise call.fail(f"lookup(): {key!r} is not in {_describe(mapping)} and no default is given")


def _tostring(call: _Call, value: Any) -> Any:
    return value if isinstance(value, Unknown) else _to_string(value, call.fail)


def _format(call: _Call, spec: Any, *values: Any) -> Any:
    """``format()`` (Terraform's format page, Go's fmt verbs): ``%s``, ``%v``, ``%d``,
    ``%f``/``%e``/``%g``, ``%x``/``%X``/``%o``, ``%b``, ``%t``, ``%q`` and ``%%``, with the
    flags ``-+ 0`` and a width and precision, which Go and printf read alike; other verbs
    (``%#v``…) leave the call a placeholder."""
    if isinstance(spec, Unknown) or any(isinstance(v, Unknown) for v in values):
        return call.unknown()
    out, remaining = [], list(values)
    for literal, verb in re.findall(r"([^%]*)(%[-+# 0-9.]*[a-zA-Z%]|%$|$)",
                                    _to_string(spec, call.fail)):
        out.append(literal)
        if verb == "%%":
            out.append("%")
        elif verb in ("%s", "%v", "%d"):
            if not remaining:
                raise call.fail("format(): more verbs than values")
            value = remaining.pop(0)
            if verb == "%d" and not _is_number(value):
                raise call.fail(f"format(): %d needs a number, not {_describe(value)}")
            out.append(_to_string(value, call.fail))
        elif verb:
            text = _format_verb(call, verb, remaining)
            if text is None:
                return call.evaluator._not_evaluated(call.expr.node, call.expr.origin,
                                                     f"format() verb {verb}")
            out.append(text)
    return _holding("".join(out), *values)


#: A verb with flags, width and precision: ``%-8s``, ``%05d``, ``%.2f``.
_VERB = re.compile(r"%([-+ 0]*)(\d*)(?:\.(\d+))?([sdvfeEgGxXotqb])")


def _format_verb(call: _Call, verb: str, remaining: list[Any]) -> str | None:
    """One Go fmt verb with its flags (None for one not modelled)."""
    match = _VERB.fullmatch(verb)
    if match is None:
        return None
    flags, width, precision, kind = match.groups()
    if not remaining:
        raise call.fail("format(): more verbs than values")
    value = remaining.pop(0)
    if kind == "t":
        if not isinstance(value, bool):
            raise call.fail(f"format(): %t needs a bool, not {_describe(value)}")
        value, kind = "true" if value else "false", "s"
    elif kind == "q":
        if not isinstance(value, str):
            raise call.fail(f"format(): %q needs a string, not {_describe(value)}")
        value, kind = json.dumps(value, ensure_ascii=False), "s"
    elif kind in "sv":
        value, kind = _to_string(value, call.fail), "s"
    elif not _is_number(value):
        raise call.fail(f"format(): %{kind} needs a number, not {_describe(value)}")
    elif kind in "dxXob" and float(value) != int(value):
        raise call.fail(f"format(): %{kind} needs a whole number, not {value}")
    elif kind == "b":
        # Go's %b of an integer: its binary digits (printf has no %b, Python's format has)
        sign = "+" if "+" in flags else " " if " " in flags else ""
        align = "<" if "-" in flags else ""
        zero = "0" if "0" in flags and not align else ""
        return format(int(value), f"{align}{sign}{zero}{width}b")
    elif kind in "dxXo":
        value = int(value)
    printf = "%" + flags + width + (f".{precision}" if precision is not None else "") + kind
    return str(printf % value)


def _element(call: _Call, items: Any, index: Any) -> Any:
    """``element(list, index)``: the item at ``index``, wrapping round past the end (the
    index modulo the length: Terraform's element page); a negative index is an error
    ("cannot use element function with a negative index", go-cty's ElementFunc)."""
    if isinstance(items, Unknown) or isinstance(index, Unknown):
        return call.unknown()
    if not isinstance(items, list):
        raise call.fail(f"element() takes a list, not {_describe(items)}")
    if isinstance(index, str) and re.fullmatch(r"-?[0-9]+", index):
        index = int(index)  # a number given as a string converts, as Terraform converts it
    if isinstance(index, float) and index.is_integer():
        index = int(index)
    if isinstance(index, bool) or not isinstance(index, int):
        raise call.fail(f"element() takes a whole number index, not {_describe(index)}")
    if not items:
        raise call.fail("element() cannot take an item of an empty list")
    if index < 0:
        raise call.fail("element() cannot take a negative index")
    return items[index % len(items)]


def _basename(path: str) -> str:
    """``basename(path)``: the last part of a path, as Go's filepath.Base gives it on Unix
    (Terraform's basename page): trailing slashes dropped, "" is ".", only slashes "/"."""
    if path == "":
        return "."
    stripped = path.rstrip("/")
    if stripped == "":
        return "/"
    return stripped.rsplit("/", 1)[-1]


def _length(call: _Call, value: Any) -> Any:
    if isinstance(value, Unknown):
        return call.unknown()
    if isinstance(value, (str, list, dict)):
        return len(value)
    raise call.fail(f"length() of {_describe(value)}")


def _concat(call: _Call, *lists: Any) -> Any:
    if any(isinstance(item, Unknown) for item in lists):
        return call.unknown()
    if not all(isinstance(item, list) for item in lists):
        raise call.fail("concat() takes lists")
    return [value for item in lists for value in item]


def _coalesce(call: _Call, *values: Any) -> Any:
    for value in values:
        if isinstance(value, Unknown):
            return call.unknown()
        if value is not None and value != "":
            return value
    raise call.fail("coalesce(): every argument is null or empty")


def _collection_function(operation: Callable[[dict[str, Any]], list[Any]]
                         ) -> Callable[[_Call, Any], Any]:
    def function(call: _Call, mapping: Any) -> Any:
        if isinstance(mapping, Unknown):
            return call.unknown()
        if not isinstance(mapping, dict):
            raise call.fail(f"{call.expr.text.split('(')[0]}() takes an object")
        return operation(mapping)
    return function


def _contains(call: _Call, items: Any, value: Any) -> Any:
    if isinstance(items, Unknown) or isinstance(value, Unknown):
        return call.unknown()
    if not isinstance(items, list):
        raise call.fail("contains() takes a list")
    return any(_equal(item, value) for item in items)


def _distinct_items(items: list[Any]) -> list[Any]:
    """``items`` without repeats, first occurrences kept (values compared as Terraform does)."""
    kept: list[Any] = []
    for item in items:
        if not any(_equal(item, seen) for seen in kept):
            kept.append(item)
    return kept


def _list_function(name: str, operation: Callable[[list[Any]], Any]) -> Callable[[_Call, Any], Any]:
    def function(call: _Call, items: Any) -> Any:
        if isinstance(items, Unknown):
            return call.unknown()
        if not isinstance(items, list):
            raise call.fail(f"{name}() takes a list, not {_describe(items)}")
        return operation(items)
    return function


def _as_set(items: list[Any]) -> list[Any]:
    """A set is a list here (a set of strings is what ``for_each`` takes); Terraform orders
    a set of strings lexically (the order for_each and a for expression see it in)."""
    unique = _distinct_items(items)
    return sorted(unique) if all(isinstance(item, str) for item in unique) else unique


def _regex(call: _Call, pattern: Any, text: Any) -> Any:
    """``regex(pattern, string)``: the first match (Terraform's regex page): the matched
    text without capture groups, the list of groups with unnamed ones, the map of groups
    with named ones; no match is an error."""
    matches = _regex_matches(call, "regex", pattern, text)
    if isinstance(matches, Unknown):
        return matches
    if not matches:
        raise call.fail("regex(): the pattern does not match the string")
    return matches[0]


def _regexall(call: _Call, pattern: Any, text: Any) -> Any:
    """``regexall(pattern, string)``: every match, each as regex() gives it."""
    return _regex_matches(call, "regexall", pattern, text)


def _re2_pattern(pattern: str) -> re.Pattern[str] | None:
    """``pattern`` (Terraform's RE2 syntax) compiled by Python's re, or None where re reads
    it otherwise than RE2 (Unicode classes, ``\\C``, ``\\Q…\\E``, the U flag) or not at all."""
    if re.search(r"\\[pPCQE]|\(\?[a-zA-Z]*U", pattern):
        return None
    try:
        return re.compile(pattern)
    except re.error:
        return None


def _regex_matches(call: _Call, name: str, pattern: Any, text: Any) -> Any:
    if _any_unknown(pattern, text):
        return call.unknown()
    source, string = _text_of(call, pattern, name), _text_of(call, text, name)
    compiled = _re2_pattern(source)
    if compiled is None:
        return call.evaluator._not_evaluated(call.expr.node, call.expr.origin,
                                             f"{name}() with this regular expression")
    results: list[Any] = []
    for match in compiled.finditer(string):
        if compiled.groupindex:
            results.append({k: match.group(k) for k in compiled.groupindex})
        elif compiled.groups:
            results.append(list(match.groups()))
        else:
            results.append(match.group(0))
    return results


def _pathexpand(call: _Call, path: Any) -> Any:
    """``pathexpand(path)``: a leading ``~`` is the home folder of the user running it
    (Terraform's pathexpand page); ``~name`` cannot be expanded (go-homedir's Expand)."""
    if isinstance(path, Unknown):
        return call.unknown()
    text = str(_text_of(call, path, "pathexpand"))
    if not text.startswith("~"):
        return text
    if len(text) > 1 and text[1] not in "/\\":
        raise call.fail("pathexpand(): cannot expand user-specific home dir")
    return str(Path.home()) + text[1:]


def _chunklist(call: _Call, items: Any, size: Any) -> Any:
    """``chunklist(list, size)``: the list cut into lists of ``size`` items, the last one
    shorter; size 0 gives the whole list as the one chunk (go-cty's ChunklistFunc)."""
    if _any_unknown(items, size):
        return call.unknown()
    values, count = _items(call, items, "chunklist"), _whole(call, size, "chunklist")
    if count < 0:
        raise call.fail("chunklist(): the size argument must be positive")
    if not values:
        return []
    if count == 0:
        return [values]
    return [values[i:i + count] for i in range(0, len(values), count)]


def _abspath(call: _Call, path: Any) -> Any:
    """``abspath(path)``: the path made absolute from the module's folder (Terraform runs
    in the root module's folder; path.module is "." here, so the two agree)."""
    if isinstance(path, Unknown):
        return call.unknown()
    text = str(_text_of(call, path, "abspath"))
    full = Path(text) if Path(text).is_absolute() else call.evaluator.base / text
    return Path(os.path.abspath(full)).as_posix()


def _set_operation(name: str, combine: Callable[[list[Any], list[list[Any]]], list[Any]]
                   ) -> Callable[..., Any]:
    """``setunion``/``setintersection``/``setsubtract``: sets in, a set out (ordered as
    :func:`_as_set` orders one)."""
    def function(call: _Call, *sets: Any) -> Any:
        if _any_unknown(*sets) or any(_any_unknown(*s) for s in sets if isinstance(s, list)):
            return call.unknown()
        if not sets:
            raise call.fail(f"{name}() takes at least one set")
        lists = [_items(call, s, name) for s in sets]
        return _as_set(combine(lists[0], lists[1:]))
    return function


def _union(first: list[Any], others: list[list[Any]]) -> list[Any]:
    return [item for items in (first, *others) for item in items]


def _intersection(first: list[Any], others: list[list[Any]]) -> list[Any]:
    return [item for item in first if all(any(_equal(item, o) for o in other) for other in others)]


def _subtract(first: list[Any], others: list[list[Any]]) -> list[Any]:
    return [item for item in first if not any(_equal(item, o) for o in others[0])]


def _transpose(call: _Call, mapping: Any) -> Any:
    """``transpose(map of lists of strings)``: each string to the keys that list it
    (Terraform's transpose page), the keys of each list in lexical order."""
    if isinstance(mapping, Unknown):
        return call.unknown()
    if not isinstance(mapping, dict):
        raise call.fail(f"transpose() takes a map of lists of strings, not {_describe(mapping)}")
    result: dict[str, list[str]] = {}
    for key in sorted(mapping):
        values = mapping[key]
        if isinstance(values, Unknown) or (isinstance(values, list) and _any_unknown(*values)):
            return call.unknown()
        for value in _items(call, values, "transpose"):
            result.setdefault(_to_string(value, call.fail), []).append(key)
    return {key: sorted(keys) for key, keys in sorted(result.items())}


def _fileset(call: _Call, folder: Any, pattern: Any) -> Any:
    """``fileset(path, pattern)``: the files (not folders) under ``path`` the glob matches,
    relative to it, sorted (Terraform's fileset page; ``**`` crosses folders)."""
    if _any_unknown(folder, pattern):
        return call.unknown()
    base = Path(str(_text_of(call, folder, "fileset")))
    if not base.is_absolute():
        base = Path(os.path.normpath(call.evaluator.base / base))
    glob = str(_text_of(call, pattern, "fileset"))
    return sorted(path.relative_to(base).as_posix() for path in base.glob(glob) if path.is_file())


def _all_or_any(name: str, test: Callable[[list[bool]], bool]) -> Callable[..., Any]:
    """``alltrue``/``anytrue`` of a list of booleans (or the strings "true"/"false")."""
    def function(call: _Call, items: Any) -> Any:
        if isinstance(items, Unknown) or (isinstance(items, list) and _any_unknown(*items)):
            return call.unknown()
        values: list[bool] = []
        for item in _items(call, items, name):
            value = _BOOLS.get(item, item) if isinstance(item, str) else item
            if not isinstance(value, bool):
                raise call.fail(f"{name}() takes a list of booleans")
            values.append(value)
        return test(values)
    return function


#: The strings Terraform converts to a bool.
_BOOLS = {"true": True, "false": False}


def _flatten(items: list[Any]) -> list[Any]:
    return [leaf for item in items
            for leaf in (_flatten(item) if isinstance(item, list) else [item])]


def _tomap(call: _Call, mapping: Any) -> Any:
    if isinstance(mapping, Unknown):
        return call.unknown()
    if not isinstance(mapping, dict):
        raise call.fail(f"tomap() takes an object, not {_describe(mapping)}")
    return mapping


def _setproduct(call: _Call, *sets: Any) -> Any:
    if any(isinstance(item, Unknown) for item in sets):
        return call.unknown()
    if not sets or not all(isinstance(item, list) for item in sets):
        raise call.fail("setproduct() takes lists or sets")
    return [list(combination) for combination in itertools.product(*sets)]


# More of Terraform's built-in functions (its "Functions" reference pages), those API
# definitions compute keys, paths and names with. Any unknown argument makes the call a
# placeholder, as in Terraform.

def _any_unknown(*values: Any) -> bool:
    return any(isinstance(value, Unknown) for value in values)


def _text_of(call: _Call, value: Any, name: str) -> str:
    if not isinstance(value, (str, int, float, bool)):
        raise call.fail(f"{name}() takes a string, not {_describe(value)}")
    return _to_string(value, call.fail)


def _whole(call: _Call, value: Any, name: str) -> int:
    if isinstance(value, str) and re.fullmatch(r"-?[0-9]+", value):
        value = int(value)  # a number given as a string converts
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise call.fail(f"{name}() takes a whole number, not {_describe(value)}")
    return value


def _items(call: _Call, value: Any, name: str) -> list[Any]:
    if not isinstance(value, list):
        raise call.fail(f"{name}() takes a list, not {_describe(value)}")
    return value


def _split(call: _Call, separator: Any, text: Any) -> Any:
    """``split(separator, string)``: Go's strings.Split (an empty separator splits into
    characters; an empty string gives one empty string)."""
    if _any_unknown(separator, text):
        return call.unknown()
    sep, whole = _text_of(call, separator, "split"), _text_of(call, text, "split")
    parts = list(whole) if sep == "" else whole.split(sep)
    return [_holding(part, text) for part in parts]


def _two_strings(name: str, operation: Callable[[str, str], Any]) -> Callable[..., Any]:
    def function(call: _Call, first: Any, second: Any) -> Any:
        if _any_unknown(first, second):
            return call.unknown()
        result = operation(_text_of(call, first, name), _text_of(call, second, name))
        return _holding(result, first) if isinstance(result, str) else result
    return function


def _substr(call: _Call, text: Any, offset: Any, length: Any) -> Any:
    """``substr(string, offset, length)``: a negative offset counts from the end, a length of
    -1 runs to the end (Terraform's substr page); characters, not bytes."""
    if _any_unknown(text, offset, length):
        return call.unknown()
    whole = _text_of(call, text, "substr")
    start, count = _whole(call, offset, "substr"), _whole(call, length, "substr")
    if start < 0:
        start += len(whole)
    if start < 0 or start > len(whole):
        raise call.fail("substr(): offset is out of range")
    end = len(whole) if count == -1 else start + count
    if count < -1:
        raise call.fail("substr(): length must be -1 or more")
    return _holding(whole[start:end], text)


def _title(word_text: str) -> str:
    """Go's strings.Title: the first letter of each word upper-cased, the rest unchanged."""
    return re.sub(r"(^|[^\w'])(\w)", lambda m: m[1] + m[2].upper(), word_text)


def _trim(call: _Call, text: Any, cutset: Any) -> Any:
    if _any_unknown(text, cutset):
        return call.unknown()
    return _holding(_text_of(call, text, "trim").strip(_text_of(call, cutset, "trim")), text)


def _indent(call: _Call, spaces: Any, text: Any) -> Any:
    """``indent(n, string)``: n spaces before every line but the first."""
    if _any_unknown(spaces, text):
        return call.unknown()
    pad = " " * _whole(call, spaces, "indent")
    return _holding(_text_of(call, text, "indent").replace("\n", "\n" + pad), text)


def _zipmap(call: _Call, keys: Any, values: Any) -> Any:
    if _any_unknown(keys, values):
        return call.unknown()
    keys, values = _items(call, keys, "zipmap"), _items(call, values, "zipmap")
    if len(keys) != len(values):
        raise call.fail("zipmap(): the lists of keys and values differ in length")
    return {_to_string(key, call.fail): value for key, value in zip(keys, values)}


def _matchkeys(call: _Call, values: Any, keys: Any, search: Any) -> Any:
    """``matchkeys(values, keys, searchset)``: the items of ``values`` whose index in
    ``keys`` holds one of ``searchset`` (Terraform's matchkeys page), in their order."""
    if _any_unknown(values, keys, search):
        return call.unknown()
    values, keys = _items(call, values, "matchkeys"), _items(call, keys, "matchkeys")
    wanted = _items(call, search, "matchkeys")
    if len(values) != len(keys):
        raise call.fail("matchkeys(): length of keys and values should be equal")
    return [value for value, key in zip(values, keys) if key in wanted]


def _formatlist(call: _Call, spec: Any, *arguments: Any) -> Any:
    """``formatlist(spec, values…)``: format() once per item of the list arguments, which
    must be as long as each other; the others are used in every item (Terraform's
    formatlist page). With no list among them, a list of one item (go-cty's FormatList)."""
    if _any_unknown(spec, *arguments):
        return call.unknown()
    lengths = {len(a) for a in arguments if isinstance(a, list)}
    if len(lengths) > 1:
        raise call.fail("formatlist(): the lists given differ in length")
    count = lengths.pop() if lengths else 1
    return [_format(call, spec, *(a[i] if isinstance(a, list) else a for a in arguments))
            for i in range(count)]


def _legacy_map(call: _Call, *pairs: Any) -> Any:
    """``map(k1, v1, …)`` of Terraform 0.11–0.14, read as they did, with a note: Terraform
    0.15 removed it ("use tomap({ ... }) syntax to write a literal map")."""
    call.evaluator.note(f"{call.expr.source}: map() was removed in Terraform 0.15 (write "
                        "tomap({...})); read here as Terraform 0.12-0.14 did")
    if len(pairs) % 2:
        raise call.fail("map() takes an even number of arguments: key, value, …")
    result: dict[str, Any] = {}
    for key, value in zip(pairs[::2], pairs[1::2]):
        if isinstance(key, Unknown):
            return call.unknown()
        name = _to_string(key, call.fail)
        if name in result:
            raise call.fail(f"map(): duplicate key {name!r}")
        result[name] = value
    return result


def _legacy_list(call: _Call, *items: Any) -> Any:
    """``list(a, …)`` of Terraform 0.11–0.14, with a note: Terraform 0.15 removed it."""
    call.evaluator.note(f"{call.expr.source}: list() was removed in Terraform 0.15 (write "
                        "tolist([...])); read here as Terraform 0.12-0.14 did")
    return list(items)


def _range(call: _Call, *bounds: Any) -> Any:
    if _any_unknown(*bounds):
        return call.unknown()
    if not 1 <= len(bounds) <= 3:
        raise call.fail("range() takes one to three numbers")
    numbers = [_whole(call, bound, "range") for bound in bounds]
    start, limit, step = (0, numbers[0], 1) if len(numbers) == 1 else (
        numbers[0], numbers[1], numbers[2] if len(numbers) == 3 else
        (1 if numbers[1] >= numbers[0] else -1))
    if step == 0:
        raise call.fail("range(): step cannot be zero")
    sequence = range(start, limit, step)
    if len(sequence) > _RANGE_LIMIT:
        raise call.fail(f"range() would make {len(sequence):,} numbers: Terraform allows {_RANGE_LIMIT}")
    return list(sequence)


#: Terraform's own limit on range(), "to avoid unbounded memory usage" (its range
#: function's documentation).
_RANGE_LIMIT = 1024


def _slice(call: _Call, items: Any, start: Any, end: Any) -> Any:
    if _any_unknown(items, start, end):
        return call.unknown()
    values = _items(call, items, "slice")
    first, last = _whole(call, start, "slice"), _whole(call, end, "slice")
    if not 0 <= first <= last <= len(values):
        raise call.fail("slice(): the indexes are out of range")
    return values[first:last]


def _sort(call: _Call, items: Any) -> Any:
    if isinstance(items, Unknown) or (isinstance(items, list) and _any_unknown(*items)):
        return call.unknown()
    return sorted(_to_string(item, call.fail) for item in _items(call, items, "sort"))


def _index(call: _Call, items: Any, value: Any) -> Any:
    if isinstance(items, Unknown) or _any_unknown(value) or (
            isinstance(items, list) and _any_unknown(*items)):
        return call.unknown()
    values = _items(call, items, "index")
    if value not in values:
        raise call.fail(f"index(): {value!r} is not in the list")
    return values.index(value)


def _one(call: _Call, items: Any) -> Any:
    if isinstance(items, Unknown):
        return call.unknown()
    values = _items(call, items, "one")
    if len(values) > 1:
        raise call.fail(f"one(): the list has {len(values)} elements, not 0 or 1")
    return values[0] if values else None


def _numbers(name: str, operation: Callable[[list[Any]], Any]) -> Callable[..., Any]:
    def function(call: _Call, *values: Any) -> Any:
        if name == "sum" and len(values) == 1 and isinstance(values[0], list):
            values = tuple(values[0])
        if _any_unknown(*values):
            return call.unknown()
        if not values or not all(_is_number(value) for value in values):
            raise call.fail(f"{name}() takes numbers")
        return operation(list(values))
    return function


def _tonumber(call: _Call, value: Any) -> Any:
    if isinstance(value, Unknown) or value is None or _is_number(value):
        return call.unknown() if isinstance(value, Unknown) else value
    try:
        return _number(float(_to_string(value, call.fail)))
    except ValueError:
        raise call.fail(f"tonumber(): {value!r} is not a number") from None


def _tobool(call: _Call, value: Any) -> Any:
    if isinstance(value, Unknown) or value is None or isinstance(value, bool):
        return call.unknown() if isinstance(value, Unknown) else value
    if value in ("true", "false"):
        return value == "true"
    raise call.fail(f"tobool(): {value!r} is not true or false")


def _base64decode(text: str) -> str:
    import base64

    return base64.b64decode(text.encode("ascii"), validate=True).decode("utf-8")


def _coalescelist(call: _Call, *lists: Any) -> Any:
    for item in lists:
        if isinstance(item, Unknown):
            return call.unknown()
        if _items(call, item, "coalescelist"):
            return item
    raise call.fail("coalescelist(): every list is empty")


def _compact(call: _Call, items: Any) -> Any:
    if isinstance(items, Unknown):
        return call.unknown()
    return [item for item in _items(call, items, "compact") if item not in ("", None)]


def _identity(call: _Call, value: Any) -> Any:
    """``sensitive()``/``nonsensitive()``: the value itself (only its display changes)."""
    return value


def _base64encode(text: str) -> str:
    import base64

    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def _urlencode(text: str) -> str:
    """Go's url.QueryEscape, which Terraform's urlencode uses (a space becomes ``+``)."""
    from urllib.parse import quote_plus

    return quote_plus(text, safe="")


#: The functions evaluated; any other call stays a visible placeholder (an :class:`Unknown`).
#: The collection ones are those for_each and locals use to build their maps and sets.
FUNCTIONS: dict[str, Callable[..., Any]] = {
    "toset": _list_function("toset", _as_set),
    "tolist": _list_function("tolist", list),
    "tomap": _tomap,
    "distinct": _list_function("distinct", _distinct_items),
    "flatten": _list_function("flatten", _flatten),
    "setproduct": _setproduct,
    "format": _format,
    "length": _length,
    "concat": _concat,
    "coalesce": _coalesce,
    "keys": _collection_function(lambda m: sorted(m)),
    "values": _collection_function(lambda m: [m[k] for k in sorted(m)]),
    "contains": _contains,
    "file": _file,
    "templatefile": _templatefile,
    "jsonencode": _jsonencode,
    "jsondecode": _jsondecode,
    "yamldecode": _yamldecode,
    "yamlencode": _yamlencode,
    "chomp": _string_function(lambda s: re.sub(r"(\r\n|\n|\r)+\Z", "", s)),
    "trimspace": _string_function(str.strip),
    "lower": _string_function(str.lower),
    "upper": _string_function(str.upper),
    "join": _join,
    "replace": _replace,
    "element": _element,
    "basename": _string_function(_basename),
    "merge": _merge,
    "lookup": _lookup,
    "tostring": _tostring,
    "split": _split,
    "trimprefix": _two_strings("trimprefix", lambda s, p: s.removeprefix(p)),
    "trimsuffix": _two_strings("trimsuffix", lambda s, p: s.removesuffix(p)),
    "startswith": _two_strings("startswith", str.startswith),
    "endswith": _two_strings("endswith", str.endswith),
    "strcontains": _two_strings("strcontains", lambda s, part: part in s),
    "trim": _trim,
    "substr": _substr,
    "title": _string_function(_title),
    "indent": _indent,
    "dirname": _string_function(lambda path: os.path.dirname(path) or "."),
    "base64encode": _string_function(_base64encode),
    "base64decode": _string_function(_base64decode),
    "urlencode": _string_function(_urlencode),
    "zipmap": _zipmap,
    "matchkeys": _matchkeys,
    "regex": _regex,
    "regexall": _regexall,
    "abspath": _abspath,
    "pathexpand": _pathexpand,
    "chunklist": _chunklist,
    "templatestring": _templatestring,
    "setunion": _set_operation("setunion", _union),
    "setintersection": _set_operation("setintersection", _intersection),
    "setsubtract": _set_operation("setsubtract", _subtract),
    "transpose": _transpose,
    "fileset": _fileset,
    "alltrue": _all_or_any("alltrue", all),
    "anytrue": _all_or_any("anytrue", any),
    "strrev": _string_function(lambda text: text[::-1]),
    "formatlist": _formatlist,
    "map": _legacy_map,
    "list": _legacy_list,
    "range": _range,
    "slice": _slice,
    "reverse": _list_function("reverse", lambda items: list(reversed(items))),
    "sort": _sort,
    "index": _index,
    "one": _one,
    "compact": _compact,
    "coalescelist": _coalescelist,
    "sum": _numbers("sum", lambda values: _number(float(sum(values)))),
    "min": _numbers("min", min),
    "max": _numbers("max", max),
    "abs": _numbers("abs", lambda values: abs(values[0])),
    "ceil": _numbers("ceil", lambda values: math.ceil(values[0])),
    "floor": _numbers("floor", lambda values: math.floor(values[0])),
    "tonumber": _tonumber,
    "tobool": _tobool,
    "sensitive": _identity,
    "nonsensitive": _identity,
}


def _holds(container: Any, key: Any) -> bool:
    """Whether ``container[key]`` exists (an object's attribute, a list's index)."""
    if isinstance(container, dict):
        return isinstance(key, str) and key in container
    return isinstance(container, list) and isinstance(key, int) and 0 <= key < len(container)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _number(value: float) -> int | float:
    return int(value) if value.is_integer() else value


def _arithmetic(operation: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    def apply(left: Any, right: Any) -> Any:
        if not (_is_number(left) and _is_number(right)):
            raise TypeError
        result = operation(left, right)
        return _number(float(result)) if isinstance(result, float) else result
    return apply


def _as_bool(value: Any) -> Any:
    """Terraform's conversion where a bool is needed: the strings "true" and "false" (a
    variable declared without a type, given on the command line, is a string) are bools."""
    if isinstance(value, str) and value in ("true", "false"):
        return value == "true"
    return value


def _logic(operation: Callable[[bool, bool], bool]) -> Callable[[Any, Any], Any]:
    def apply(left: Any, right: Any) -> Any:
        if not (isinstance(left, bool) and isinstance(right, bool)):
            raise TypeError
        return operation(left, right)
    return apply


_BINARY: dict[str, Callable[[Any, Any], Any]] = {
    "+": _arithmetic(lambda a, b: a + b),
    "-": _arithmetic(lambda a, b: a - b),
    "*": _arithmetic(lambda a, b: a * b),
    "/": _arithmetic(lambda a, b: a / b),
    # The sign follows the dividend, as in Go (Terraform): -3 % 2 is -1.
    "%": _arithmetic(math.fmod),
    "<": _arithmetic(lambda a, b: a < b),
    ">": _arithmetic(lambda a, b: a > b),
    "<=": _arithmetic(lambda a, b: a <= b),
    ">=": _arithmetic(lambda a, b: a >= b),
    "==": lambda a, b: _equal(a, b),
    "!=": lambda a, b: not _equal(a, b),
    "&&": _logic(lambda a, b: a and b),
    "||": _logic(lambda a, b: a or b),
}


def _equal(left: Any, right: Any) -> bool:
    """Terraform's ``==``: values of different types are never equal (``1 == "1"`` is false)."""
    if _is_number(left) and _is_number(right):
        return bool(left == right)
    kinds = (str, bool, dict, list, type(None))
    return any(isinstance(left, k) and isinstance(right, k) for k in kinds) and left == right


def _to_string(value: Any, fail: Callable[[str], Exception]) -> str:
    """Terraform's conversion of a value into a string (for interpolation and keys)."""
    if isinstance(value, str):
        return value
    if isinstance(value, Unknown):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if _is_number(value):
        return str(value)
    if value is None:
        raise fail("a null value cannot be put into a string")
    raise fail(f"{_describe(value)} cannot be put into a string (use jsonencode())")


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a bool"
    if _is_number(value):
        return "a number"
    return "a string"


def with_type_defaults(evaluator: Evaluator, type_expr: Expr, value: Any) -> Any:
    """``value`` converted to a variable's ``type`` as far as attributes go: an object
    attribute declared ``optional(type, default)`` that the value lacks is the default (or
    null), in objects at any depth of maps, lists, sets and tuples (Terraform's "Optional
    Object Type Attributes", 1.3). Other conversions (number to string…) are not made."""
    return _convert(evaluator, type_expr.origin, _unwrap(type_expr.node), value)


def _unwrap(node: Tree[Any]) -> Tree[Any]:
    """The type expression without the ``expr_term`` and parentheses around it."""
    while node.data == "expr_term" and len(_trees(node)) == 1:
        node = _trees(node)[0]
    return node


def _type_call(node: Tree[Any]) -> tuple[str, list[Tree[Any]]] | None:
    """``(name, arguments)`` of a type constructor call (``map(string)``), else None."""
    if node.data != "function_call":
        return None
    name = str(_trees(node)[0].children[0])
    arguments = next(_children(node, "arguments"), None)
    return name, [_unwrap(a) for a in _trees(arguments)] if arguments is not None else []


def _convert(evaluator: Evaluator, origin: Origin, node: Tree[Any], value: Any) -> Any:
    call = _type_call(node)
    if call is None or value is None or isinstance(value, Unknown):
        return value
    name, arguments = call
    if name in ("map", "list", "set") and len(arguments) == 1:
        if isinstance(value, dict) and name == "map":
            return {k: _convert(evaluator, origin, arguments[0], v) for k, v in value.items()}
        if isinstance(value, list) and name != "map":
            return [_convert(evaluator, origin, arguments[0], v) for v in value]
    elif name == "tuple" and len(arguments) == 1 and arguments[0].data == "tuple" \
            and isinstance(value, list):
        kinds = [_unwrap(t) for t in _trees(arguments[0])]
        return [_convert(evaluator, origin, kind, v) if kind is not None else v
                for kind, v in zip(kinds + [None] * len(value), value)]
    elif name == "object" and len(arguments) == 1 and arguments[0].data == "object" \
            and isinstance(value, dict):
        return _convert_object(evaluator, origin, arguments[0], value)
    return value


def _convert_object(evaluator: Evaluator, origin: Origin, node: Tree[Any],
                    value: dict[str, Any]) -> dict[str, Any]:
    result = dict(value)
    for element in _children(node, "object_elem"):
        key_node, type_node = _trees(element)[0], _unwrap(_trees(element)[-1])
        key = _unwrap(key_node)
        while key.data in ("object_elem_key", "expr_term") and len(_trees(key)) == 1:
            key = _trees(key)[0]
        if key.data != "identifier":
            continue
        attribute = str(key.children[0])
        call = _type_call(type_node)
        if call is not None and call[0] == "optional" and call[1]:
            type_node = call[1][0]
            if attribute not in result:
                result[attribute] = evaluator.evaluate(Expr(call[1][1], origin)) \
                    if len(call[1]) > 1 else None
        if attribute in result:
            result[attribute] = _convert(evaluator, origin, type_node, result[attribute])
    return result

"""Terraform's JSON syntax (``.tf.json``, what ``cdktf synth`` writes) read as the blocks of a ``.tf`` file.

HCL's JSON syntax specification (hashicorp/hcl, json/spec.md) and Terraform's "JSON
Configuration Syntax" page define a ``.tf.json`` file by the native syntax it stands for:
the properties of the top-level object are block types (``resource`` → TYPE → NAME →
body), a body is an object or an array of objects (several blocks), and a body's property
``"//"`` is a comment. In an argument, a JSON string is a string template
(``"${aws_api_gateway_resource.r.id}"``; a template of one interpolation alone is that
value itself), the property names of an object are templates too, and arrays, numbers,
booleans and null are literal values.

So the file is written out here as that native-syntax text and parsed as a ``.tf`` file is
(:func:`~vtl.api.sources.hcl.parse_generated`): the Terraform reader and its evaluator serve
both syntaxes alike. Each line of the text remembers the line of the JSON file it comes
from, so blocks, templates and errors point into the ``.tf.json`` file.

Where Terraform evaluates a value without variables (``Expr.Value(nil)`` in its source: a
variable's ``default`` and ``description``, a module's ``source`` and ``version``, every
value of a ``.tfvars.json`` file), HCL's JSON syntax takes a string literally: its ``${`` is
text, not an interpolation. A variable's ``type`` is a type expression written in a string
(``"list(string)"``).

JSON cannot tell a nested block from an argument holding an object; Terraform's schema
does. Here the nested blocks are Terraform's own (``lifecycle``, ``dynamic``,
``provisioner``, ``connection``, a variable's ``validation``, an output's
``precondition``); any other object is an argument's value, which is how the reader uses
every argument of the ``aws_api_gateway_*`` resources.
"""

from __future__ import annotations

import bisect
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vtl.api.model import Source
from vtl.api.sources.document import DefinitionError, did_you_mean
from vtl.api.sources.hcl import (
    HclFile,
    closing_brace,
    parse_generated,
    parse_value,
    scan_template,
)

__all__ = ["parse_json_file", "parse_json_values"]


@dataclass(frozen=True)
class _BlockType:
    """What a block type's JSON holds: how many label levels come before its body, which
    properties of its body are nested blocks, which arguments are evaluated without
    variables (literal strings) and which hold an expression written in a string."""

    labels: int = 0
    blocks: dict[str, _BlockType] = field(default_factory=dict)
    literal: tuple[str, ...] = ()
    expressions: tuple[str, ...] = ()


_ARGUMENTS = _BlockType()
#: The nested blocks Terraform itself gives resources and data sources (its "Meta-Arguments"
#: and "Provisioners" pages); a ``dynamic`` block's body has a ``content`` block.
_RESOURCE_BLOCKS = {
    "lifecycle": _ARGUMENTS,
    "connection": _ARGUMENTS,
    "provisioner": _BlockType(1, {"connection": _ARGUMENTS}),
    "dynamic": _BlockType(1, {"content": _ARGUMENTS}),
}
#: The top-level block types read (Terraform's JSON syntax page lists them).
_TOP_LEVEL = {
    "resource": _BlockType(2, _RESOURCE_BLOCKS),
    "data": _BlockType(2, _RESOURCE_BLOCKS),
    "variable": _BlockType(1, {"validation": _ARGUMENTS}, literal=("default", "description"),
                           expressions=("type",)),
    "output": _BlockType(1, {"precondition": _ARGUMENTS}),
    "module": _BlockType(1, literal=("source", "version")),
    "provider": _BlockType(1),
    "locals": _ARGUMENTS,
}
#: Top-level block types that say how Terraform runs (backend, required providers,
#: refactoring, checks): nothing of the API, skipped as the .tf reader skips them.
_NOT_READ = ("terraform", "moved", "import", "removed", "check", "ephemeral")
#: A .tfvars.json file: a body of values, all taken without variables.
_VALUES = "values"

#: Terraform's identifiers (its "Arguments and Blocks" page): letters, digits, _ and -.
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_WHITESPACE = re.compile(r"[ \t\n\r]*")
#: A JSON string and a JSON number (RFC 8259's grammar).
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def parse_json_file(path: Path) -> HclFile:
    """The blocks of a ``.tf.json`` file; bad JSON is an error at its line and column."""
    writer = _Writer(path)
    return writer.parse(writer.configuration(_load(path)))


def parse_json_values(path: Path) -> HclFile:
    """The values of a ``.tfvars.json`` file (literal: Terraform evaluates them without
    variables, so a ``${`` in a string is text)."""
    writer = _Writer(path)
    return writer.parse(writer.values(_load(path)))


# --- JSON, with the line of every value ---------------------------------------------------

@dataclass
class _Json:
    """A JSON value and the line it starts on. ``value`` is an object's members (name, line
    of the name, value) in order, duplicates kept; an array's items; a string's text; the
    text of a number or of ``true``, ``false``, ``null`` (kind ``literal``)."""

    kind: str
    value: Any
    line: int


def _load(path: Path) -> _Json:
    try:
        text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    except OSError as error:
        raise DefinitionError(f"cannot read {path}: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise DefinitionError(f"{path} is not UTF-8 (byte {error.start})") from None
    try:
        # json checks the syntax (and says where it is wrong); _Scanner then reads it again
        # for the lines, which json does not give.
        json.loads(text, parse_constant=lambda name: None)
    except json.JSONDecodeError as error:
        raise DefinitionError(f"not valid JSON: {error.msg} (column {error.colno})",
                              Source(str(path), error.lineno)) from None
    except RecursionError:
        raise DefinitionError("nested too deeply to be a definition", Source(str(path))) from None
    try:
        return _Scanner(text, path).value(0)[0]
    except RecursionError:
        raise DefinitionError("nested too deeply to be a definition", Source(str(path))) from None


class _Scanner:
    """Reads JSON text that :func:`json.loads` accepted, keeping lines, order and duplicates."""

    def __init__(self, text: str, path: Path) -> None:
        self.text = text
        self.path = path
        self.line_starts = [0, *(match.end() for match in re.finditer("\n", text))]

    def line(self, at: int) -> int:
        return bisect.bisect_right(self.line_starts, at)

    def skip(self, at: int) -> int:
        match = _WHITESPACE.match(self.text, at)
        assert match is not None
        return match.end()

    def value(self, at: int) -> tuple[_Json, int]:
        """The value starting at (or after white space from) ``at``, and where it ends."""
        at = self.skip(at)
        char, line = self.text[at], self.line(at)
        if char == "{":
            return self._object(at + 1, line)
        if char == "[":
            return self._array(at + 1, line)
        if char == '"':
            text, end = self._string(at)
            return _Json("string", text, line), end
        number = _NUMBER.match(self.text, at)
        if number is not None:
            return _Json("literal", number.group(0), line), number.end()
        for word in ("true", "false", "null"):
            if self.text.startswith(word, at):
                return _Json("literal", word, line), at + len(word)
        # json.loads takes NaN and Infinity (JavaScript's), which are not JSON numbers
        raise DefinitionError("not valid JSON: NaN and Infinity are not JSON numbers",
                              Source(str(self.path), line))

    def _string(self, at: int) -> tuple[str, int]:
        """The text of the JSON string starting at ``at`` (its escapes decoded), and its end."""
        match = _STRING.match(self.text, at)
        assert match is not None
        text: str = json.loads(match.group())
        return text, match.end()

    def _object(self, at: int, line: int) -> tuple[_Json, int]:
        members: list[tuple[str, int, _Json]] = []
        at = self.skip(at)
        while self.text[at] != "}":
            name, at = self._string(at)
            name_line = self.line(at)
            item, at = self.value(self.skip(at) + 1)  # after the ':'
            members.append((name, name_line, item))
            at = self.skip(at)
            if self.text[at] == ",":
                at = self.skip(at + 1)
        return _Json("object", members, line), at + 1

    def _array(self, at: int, line: int) -> tuple[_Json, int]:
        items: list[_Json] = []
        at = self.skip(at)
        while self.text[at] != "]":
            item, at = self.value(at)
            items.append(item)
            at = self.skip(at)
            if self.text[at] == ",":
                at = self.skip(at + 1)
        return _Json("array", items, line), at + 1


# --- the native syntax it stands for -----------------------------------------------------

#: A piece of the native-syntax text (it may hold line breaks: a ``${…}`` written over
#: several lines) and the line of the JSON file it comes from.
_Row = tuple[str, int]


class _Writer:
    """Writes the JSON of one file as native-syntax rows."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.warnings: list[str] = []
        #: The templates and expressions written from each JSON line, to name the one at
        #: fault when python-hcl2 refuses the text.
        self.templates: dict[int, list[str]] = defaultdict(list)
        self.expressions: dict[int, list[str]] = defaultdict(list)

    def _where(self, line: int | None) -> Source:
        return Source(str(self.path), line)

    def parse(self, rows: list[_Row]) -> HclFile:
        """The rows parsed as a ``.tf`` file, each line pointing at its JSON line."""
        line_map: list[int] = []
        for text, line in rows:
            line_map.extend([line] * (text.count("\n") + 1))
        text = "\n".join(text for text, _ in rows) + "\n"
        try:
            parsed = parse_generated(self.path, text, tuple(line_map))
        except DefinitionError as error:
            self._name_the_fault(error)
            raise
        parsed.warnings.extend(self.warnings)
        return parsed

    def _name_the_fault(self, error: DefinitionError) -> None:
        """Raise the error of the template or expression at fault, which says what is wrong
        in it: python-hcl2's own names a place in the written text, where the parser
        noticed (on the line of the string, or a later one)."""
        failing = error.source.line if error.source is not None else None
        if failing is None:
            return
        for line in sorted({*self.templates, *self.expressions}, reverse=True):
            if line > failing:
                continue
            for template in self.templates.get(line, []):
                scan_template(template, self.path, line)
            for expression in self.expressions.get(line, []):
                parse_value(expression, self.path, line)

    # blocks and bodies

    def configuration(self, root: _Json) -> list[_Row]:
        """A ``.tf.json`` file: its top-level object's properties are block types."""
        if root.kind != "object":
            raise DefinitionError(
                "a .tf.json file is a JSON object of Terraform blocks (resource, variable, "
                f"locals…), not {_describe(root)}", self._where(root.line))
        rows: list[_Row] = []
        for name, line, value in root.value:
            block_type = _TOP_LEVEL.get(name)
            if block_type is not None:
                rows += self._blocks(name, value, block_type, (), line)
            elif name != "//" and name not in _NOT_READ:
                self.warnings.append(
                    f"{self._where(line)}: {name!r} is not a block type of Terraform (resource, "
                    f"data, variable, locals, output, module, provider, terraform…); ignored"
                    f"{did_you_mean(name, _TOP_LEVEL)}")
        return rows

    def values(self, root: _Json) -> list[_Row]:
        """A ``.tfvars.json`` file: one object of variable values."""
        if root.kind != "object":
            raise DefinitionError(f"a .tfvars.json file is a JSON object of variable values, "
                                  f"not {_describe(root)}", self._where(root.line))
        return self._body(root, _BlockType(), literal=True)

    def _blocks(self, block_type: str, value: _Json, kind: _BlockType, labels: tuple[str, ...],
                line: int) -> list[_Row]:
        """The blocks of ``value``: label levels (objects, or arrays of them, whose property
        names are the labels), then a body or an array of bodies (one block each)."""
        if value.kind == "literal" and value.value == "null":
            return []  # HCL's JSON syntax: no blocks
        rows: list[_Row] = []
        if len(labels) < kind.labels:
            what = f"the labels of {' '.join((block_type, *labels))}"
            for name, name_line, item in self._members(value, what):
                rows += self._blocks(block_type, item, kind, (*labels, name), name_line)
            return rows
        bodies = [(item, item.line) for item in value.value] if value.kind == "array" \
            else [(value, line)]
        header = " ".join((block_type, *(_quoted_label(label) for label in labels)))
        for body, body_line in bodies:
            if body.kind != "object":
                raise DefinitionError(
                    f"{' '.join((block_type, *labels))}: a block's body is a JSON object (or an "
                    f"array of them), not {_describe(body)}", self._where(body_line))
            rows.append((header + " {", body_line))
            rows += self._body(body, kind)
            rows.append(("}", body_line))
        return rows

    def _members(self, value: _Json, what: str) -> list[tuple[str, int, _Json]]:
        """The properties of an object, or of each object of an array, in order."""
        objects = [value] if value.kind == "object" else value.value if value.kind == "array" \
            else [value]
        members = []
        for item in objects:
            if item.kind != "object":
                raise DefinitionError(f"{what}: a JSON object (or an array of them) is needed "
                                      f"here, not {_describe(item)}", self._where(item.line))
            members += item.value
        return members

    def _body(self, body: _Json, kind: _BlockType, literal: bool = False) -> list[_Row]:
        rows: list[_Row] = []
        written: dict[str, int] = {}
        for name, line, value in body.value:
            if name == "//":
                continue  # a comment (HCL's JSON syntax)
            nested = kind.blocks.get(name)
            if nested is not None:
                rows += self._blocks(name, value, nested, (), line)
                continue
            if not _IDENTIFIER.fullmatch(name):
                raise DefinitionError(f"{name!r} is not an argument name (letters, digits, _ "
                                      "and -, starting with a letter or _)", self._where(line))
            if name in written:
                raise DefinitionError(f"argument {name} is written twice (first on line "
                                      f"{written[name]})", self._where(line))
            written[name] = line
            if name in kind.expressions:
                rows.append((f"{name} = {self._expression_string(value, name)}", line))
                continue
            value_rows = self._value(value, literal or name in kind.literal)
            rows.append((f"{name} = {value_rows[0][0]}", line))
            rows += value_rows[1:]
        return rows

    # expressions

    def _value(self, value: _Json, literal: bool) -> list[_Row]:
        """An argument's value: an object, tuple, template string or literal."""
        if value.kind == "object":
            return self._object(value, literal)
        if value.kind == "array":
            rows: list[_Row] = [("[", value.line)]
            for item in value.value:
                item_rows = self._value(item, literal)
                rows += item_rows[:-1]
                rows.append((item_rows[-1][0] + ",", item_rows[-1][1]))
            rows.append(("]", rows[-1][1]))
            return rows
        if value.kind == "string":
            return [(self._string(value.value, value.line, literal), value.line)]
        return [(value.value, value.line)]

    def _object(self, value: _Json, literal: bool) -> list[_Row]:
        if not value.value:
            return [("{}", value.line)]
        rows: list[_Row] = [("{", value.line)]
        written: dict[str, int] = {}
        for name, line, item in value.value:
            if "${" not in name and "%{" not in name:
                if name in written:  # HCL: "Duplicate object attribute"
                    raise DefinitionError(f"key {name!r} is written twice in one object (first "
                                          f"on line {written[name]})", self._where(line))
                written[name] = line
            item_rows = self._value(item, literal)
            rows.append((f"{self._string(name, line, literal)} = {item_rows[0][0]}", line))
            rows += item_rows[1:]
        rows.append(("}", rows[-1][1]))
        return rows

    def _string(self, text: str, line: int, literal: bool) -> str:
        """A JSON string as a native quoted string: a template whose ``${…}`` and ``%{…}``
        are kept as written (their insides are native expressions), or literal text."""
        if literal:
            return '"' + _literal(text) + '"'
        self.templates[line].append(text)
        out, at = ['"'], 0
        while at < len(text):
            opening = min((found for found in (text.find("${", at), text.find("%{", at))
                           if found >= 0), default=len(text))
            out.append(_escaped(text[at:opening]))
            if opening == len(text):
                break
            if opening > at and text[opening - 1] == text[opening]:
                # $${ and %%{ are the escapes of a literal ${ and %{
                out[-1] = _escaped(text[at:opening - 1]) + _literal(text[opening:opening + 2])
                at = opening + 2
                continue
            end = closing_brace(text, opening + 2)
            if end < 0:
                opener = text[opening:opening + 2]
                raise DefinitionError(f"{opener} is never closed with '}}' (write "
                                      f"{opener[0]}{opener} for a literal {opener})",
                                      self._where(line))
            out.append(text[opening:end + 1])
            at = end + 1
        return "".join(out) + '"'

    def _expression_string(self, value: _Json, name: str) -> str:
        """An expression written in a string (a variable's ``type``), as that expression;
        a whole ``"${…}"`` around it (as hcl2json, which cdktf convert uses, writes it) is
        taken off."""
        if value.kind != "string" or not value.value.strip():
            raise DefinitionError(f"{name} is written in a string holding an expression "
                                  f"(\"list(string)\"), not {_describe(value)}",
                                  self._where(value.line))
        text: str = value.value.strip()
        if text.startswith("${") and closing_brace(text, 2) == len(text) - 1:
            text = text[2:-1]
        self.expressions[value.line].append(text)
        return text


def _escaped(text: str) -> str:
    """Literal text inside a native quoted string."""
    return "".join(_ESCAPES.get(char) or (f"\\u{ord(char):04x}" if ord(char) < 0x20 else char)
                   for char in text)


def _literal(text: str) -> str:
    """Text inside a native quoted string, its ``${`` and ``%{`` literal too. They are written
    as ``\\u0024{`` and ``\\u0025{``, not as the escapes ``$${`` and ``%%{``: python-hcl2 takes
    those only when a ``}`` closes them (Terraform does not need it)."""
    return _escaped(text).replace("${", "\\u0024{").replace("%{", "\\u0025{")


def _quoted_label(label: str) -> str:
    return '"' + _literal(label) + '"'


def _describe(value: _Json) -> str:
    if value.kind == "string":
        return "a string"
    if value.kind == "literal":
        return value.value if value.value in ("true", "false", "null") else "a number"
    return "an object" if value.kind == "object" else "an array"

"""A JSON or YAML definition file read into plain Python data, remembering each value's line.

Every reader of a JSON/YAML format (OpenAPI, CloudFormation, SAM, serverless.yml) starts
here, so all of them report errors the same way and keep where every template came from:

    >>> doc = load_document(Path("template.yaml"))
    >>> doc.data["Resources"]["Api"]["Type"]
    'AWS::ApiGateway::RestApi'
    >>> doc.source(("Resources", "Api", "Type"))     # Source("template.yaml", 3)
    >>> doc.source(doc.where(doc.data["Resources"]))  # the same, by object identity

CloudFormation's short-form tags become the long form a JSON template would hold:
``!Sub "x"`` → ``{"Fn::Sub": "x"}``, ``!Ref A`` → ``{"Ref": "A"}``, ``!GetAtt A.B`` →
``{"Fn::GetAtt": ["A", "B"]}``. YAML is read with PyYAML's safe loader (no Python
objects can be built from a file). JSON is read as JSON first, so its own rules hold
(PyYAML reads YAML 1.1, where ``yes`` is a boolean; JSON has no such surprises), and then
through the YAML composer only to learn the lines.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Hashable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from vtl.api.model import Source, is_compression_size

__all__ = ["DefinitionError", "Document", "did_you_mean", "gathering_notes", "load_document", "parse_document"]

#: CloudFormation intrinsic functions that have a YAML short form (`!Name` → `Fn::Name`).
SHORT_FORM_FUNCTIONS = (
    "And", "Base64", "Cidr", "Equals", "FindInMap", "GetAtt", "GetAZs", "If", "ImportValue",
    "Join", "Length", "Not", "Or", "Select", "Split", "Sub", "ToJsonString", "Transform",
)

Path_ = tuple[Hashable, ...]

#: Notes on the files parsed while one definition is read (a key written twice), gathered
#: by :func:`gathering_notes` into that definition's warnings.
_NOTES: ContextVar[list[str] | None] = ContextVar("definition_notes", default=None)
_DUPLICATES: ContextVar[list[tuple[Any, int, Source]] | None] = ContextVar(
    "duplicate_keys", default=None)


def did_you_mean(key: object, known: Iterable[str]) -> str:
    """The end of an "is not a field …; ignored" warning: the closest known name, if any."""
    close = difflib.get_close_matches(str(key), list(known), n=1)
    return f"; did you mean {close[0]}?" if close else ""


def resource_policy_not_evaluated(where: object, what: str) -> str:
    """The warning for an API's resource policy (``what`` names the field), written in
    every format: [LOCAL] it is not evaluated, so a request it would deny (another account,
    a source VPC endpoint or IP it does not allow: 403 "User: anonymous is not authorized to
    perform: execute-api:Invoke", AWS-DOC apigateway-resource-policies) runs as if allowed."""
    return (f"{where or ''}: {what} (the API's resource policy) is not evaluated: every "
            "request runs as if the policy allowed it")


def default_endpoint_disabled(where: object, what: str) -> str:
    """The warning for an API whose default endpoint is turned off (``what`` names the
    field), written in every format: AWS answers 403 ``{"message":"Forbidden"}`` at
    ``https://{api-id}.execute-api.{region}.amazonaws.com`` (AWS-DOC
    rest-api-disable-default-endpoint: clients must use a custom domain name); a request
    ``vtl invoke`` runs is one that came through a custom domain name (realworld13
    cdk-integ-spec-restapi-merge)."""
    return (f"{where or ''}: {what} turns the default execute-api endpoint off: AWS answers "
            "403 Forbidden there, and clients reach the API through a custom domain name (as "
            "requests are run here)")


def authorizer_missing(where: object, what: str, authorization_type: str, field: str) -> str:
    """The warning for a ``CUSTOM`` or ``COGNITO_USER_POOLS`` method that names no
    authorizer (``field`` is the format's name for it): API Gateway refuses to create it
    ("Invalid authorizer ID specified. Setting the authorization type to CUSTOM or
    COGNITO_USER_POOLS requires a valid authorizer.", quoted in aws/aws-cdk#5618); the
    method runs here with nothing checked, as one naming an authorizer the file lacks."""
    return (f"{where or ''}: {what}: authorization {authorization_type} without {field}: API "
            "Gateway refuses the method (Invalid authorizer ID specified); it runs here with "
            "no identity check")


@contextmanager
def gathering_notes() -> Iterator[list[str]]:
    """Collect, in the list it yields, the notes on every file parsed inside the block."""
    notes: list[str] = []
    token = _NOTES.set(notes)
    try:
        yield notes
    finally:
        _NOTES.reset(token)


class DefinitionError(ValueError):
    """A definition file that cannot be read: the message starts with ``file:line:``."""

    def __init__(self, message: str, source: Source | None = None) -> None:
        super().__init__(f"{source}: {message}" if source else message)
        self.source = source


def compression_size(value: Any, where: Source | None, name: str, off: tuple[Any, ...] = ()) -> int | None:
    """An API's ``minimumCompressionSize`` as a definition writes it (``name`` is the field,
    for the error): an integer API Gateway takes (:func:`~vtl.api.model.is_compression_size`),
    or a string of one (a CloudFormation
    parameter, Terraform's string form). None when unset or one of ``off`` (Terraform's
    ``""`` and ``-1``, which turn compression off)."""
    if value is None or value in off:
        return None
    number = value
    if isinstance(value, str) and re.fullmatch(r"-?[0-9]+", value.strip()):
        number = int(value)
    if number in off:
        return None
    if not is_compression_size(number):
        raise DefinitionError(f"{name} {value!r} is not an integer from 0 to 10485760", where)
    return int(number)


@dataclass
class Document:
    """Parsed data, with the line on which each mapping key / list item / value starts."""

    path: Path
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    _ids: dict[int, Path_] = field(default_factory=dict)
    #: Each key written twice in one YAML mapping: (key, first line, where again).
    duplicate_keys: list[tuple[Any, int, Source]] = field(default_factory=list)

    def source(self, at: Path_ = ()) -> Source:
        """Where the value at ``at`` (keys and list indexes from the root) was written."""
        return Source(str(self.path), self.lines.get(tuple(at)))

    def where(self, value: Any) -> Path_:
        """The path of a dict or list of this document, found by identity (``()`` if unknown)."""
        if not self._ids:
            self._index(self.data, ())
        return self._ids.get(id(value), ())

    def _index(self, value: Any, at: Path_) -> None:
        if isinstance(value, dict):
            self._ids[id(value)] = at
            for key, item in value.items():
                self._index(item, (*at, key))
        elif isinstance(value, list):
            self._ids[id(value)] = at
            for index, item in enumerate(value):
                self._index(item, (*at, index))


def load_document(path: Path) -> Document:
    """Read ``path`` (JSON or YAML); raises :class:`DefinitionError` naming file and line."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DefinitionError(f"cannot read {path}: {error.strerror or error}") from None
    return parse_document(raw, path)


def parse_document(raw: bytes, path: Path) -> Document:
    """Parse the bytes of a definition file named ``path``."""
    text = _decode(raw, path)
    if text.lstrip().startswith(("{", "[")):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise DefinitionError(
                f"not valid JSON: {error.msg} (column {error.colno})", Source(str(path), error.lineno)
            ) from None
        except RecursionError:
            raise DefinitionError("nested too deeply to be a definition", Source(str(path))) from None
        json_lines = _lines_or_none(text, path)
        return Document(path, data, json_lines if json_lines is not None else {})
    node = _compose(text, path)
    lines: dict[Path_, int] = {}
    duplicates: list[tuple[Any, int, Source]] = []
    token = _DUPLICATES.set(duplicates)
    try:
        data = _construct(node, (), lines, path) if node is not None else None
    except RecursionError:
        raise DefinitionError("nested too deeply to be a definition", Source(str(path))) from None
    finally:
        _DUPLICATES.reset(token)
    return Document(path, data, lines, duplicate_keys=duplicates)


def _decode(raw: bytes, path: Path) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DefinitionError(
            f"{path} is UTF-16 (PowerShell's `>` writes it); save it as UTF-8"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DefinitionError(f"{path} is not UTF-8 (byte {error.start})") from None
    return text.removeprefix("\ufeff")


class _Loader(yaml.SafeLoader):
    """The safe loader, plus CloudFormation's short-form tags (any `!Tag` is kept as data)."""


#: What builds the node tree (with every node's line): libyaml's parser when PyYAML has it,
#: several times faster on a big export; PyYAML's own otherwise. Values are constructed
#: by ``_construct`` either way, so both give the same data.
_FastComposer: type = getattr(yaml, "CSafeLoader", _Loader)


def _compose_text(text: str) -> yaml.Node | None:
    node = _first_document(text, _FastComposer)
    if node is not None and node.tag is None:
        # libyaml's parser bound to an earlier import of PyYAML (pytest's in-process runs
        # re-import modules) resolves no tags: PyYAML's own parser is always right.
        node = _first_document(text, _Loader)
    return node


def _first_document(text: str, loader: type) -> yaml.Node | None:
    """The one YAML document of ``text``. [LOCAL] An empty document after it (a closing
    ``---``, as a Terraform heredoc body may end) is ignored, as a reader of the first
    document (API Gateway's Java importer) does; a second document with content is an error
    naming its line."""
    documents = yaml.compose_all(text, Loader=loader)
    first = next(documents, None)
    for extra in documents:
        if isinstance(extra, yaml.ScalarNode) and extra.value == "" \
                and extra.tag in (None, "tag:yaml.org,2002:null"):
            continue
        raise yaml.MarkedYAMLError(problem="a second YAML document: a definition is one",
                                   problem_mark=extra.start_mark)
    return first


def _compose(text: str, path: Path) -> yaml.Node | None:
    try:
        return _compose_text(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problem = error.problem or error.context or "cannot be parsed"
        raise DefinitionError(f"not valid YAML: {problem}", Source(str(path), line)) from None
    except yaml.YAMLError as error:
        raise DefinitionError(f"not valid YAML: {error}", Source(str(path))) from None
    except RecursionError:
        raise DefinitionError("nested too deeply to be a definition", Source(str(path))) from None


def _lines_or_none(text: str, path: Path) -> dict[Path_, int] | None:
    """Lines of a JSON text, learnt through the YAML composer; None if it cannot read it."""
    try:
        node = _compose_text(text)
    except (yaml.YAMLError, RecursionError):  # PyYAML recurses deeper per level than json
        return None
    lines: dict[Path_, int] = {}
    if node is not None:
        try:
            _construct(node, (), lines, path)
        except RecursionError:  # a file nested that deep just has no lines
            return None
    return lines


_scalars = _Loader("")


def _construct(node: yaml.Node, at: Path_, lines: dict[Path_, int], path: Path) -> Any:
    """Plain data from a composed node, recording the line where each value starts."""
    lines[at] = node.start_mark.line + 1
    tag = node.tag
    if tag.startswith("!") and not tag.startswith("!!"):
        return _short_form(node, at, lines, path)
    if isinstance(node, yaml.MappingNode):
        _scalars.flatten_mapping(node)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _construct(key_node, (*at, "<key>"), {}, path)
            if not isinstance(key, Hashable):
                raise DefinitionError("a mapping key must be a scalar",
                                      Source(str(path), key_node.start_mark.line + 1))
            if key in result:
                _twice(key, lines[(*at, key)], Source(str(path), key_node.start_mark.line + 1))
            result[key] = _construct(value_node, (*at, key), lines, path)
            lines[(*at, key)] = min(lines[(*at, key)], key_node.start_mark.line + 1)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, (*at, i), lines, path) for i, item in enumerate(node.value)]
    return _scalars.construct_object(node, deep=True)


def _twice(key: Any, first: int, again: Source) -> None:
    """A key written twice in one mapping: its last value is kept, as CloudFormation
    deploys it (it accepts the template, last value winning: cfn-lint issue #35,
    go-to-k/cdk-real-drift #1074) and as JSON is read; [INFERRED] API Gateway's
    OpenAPI import reads a body the same way. Said, not refused: AWS deploys such files."""
    duplicates = _DUPLICATES.get()
    if duplicates is not None:
        duplicates.append((key, first, again))
    notes = _NOTES.get()
    if notes is not None:
        notes.append(f"{again}: key {key!r} appears twice in one mapping (first on line {first}): "
                     "its last value is used, as CloudFormation and API Gateway read it")


def _short_form(node: yaml.Node, at: Path_, lines: dict[Path_, int], path: Path) -> Any:
    """``!Ref X`` → ``{"Ref": "X"}``, ``!GetAtt A.B`` → ``{"Fn::GetAtt": ["A", "B"]}``, …"""
    name = node.tag[1:]
    if isinstance(node, yaml.MappingNode):
        value = _construct(yaml.MappingNode("tag:yaml.org,2002:map", node.value,
                                            node.start_mark, node.end_mark), at, lines, path)
    elif isinstance(node, yaml.SequenceNode):
        value = _construct(yaml.SequenceNode("tag:yaml.org,2002:seq", node.value,
                                             node.start_mark, node.end_mark), at, lines, path)
    else:
        value = node.value
    if name == "Ref":
        return {"Ref": value}
    if name == "Condition":
        return {"Condition": value}
    if name == "GetAtt" and isinstance(value, str):
        resource, _, attribute = value.partition(".")
        return {"Fn::GetAtt": [resource, attribute]}
    if name in SHORT_FORM_FUNCTIONS:
        return {f"Fn::{name}": value}
    raise DefinitionError(f"unknown tag !{name}", Source(str(path), node.start_mark.line + 1))

"""The Serverless Framework's variables (``${source:address, fallback}``) in a serverless.yml.

How the framework reads them (its ``lib/configuration/variables``: parse.js, resolve.js and the
sources): a variable starts with ``${`` and a source type followed by ``:`` or ``(``, so
Velocity's ``${input.body}`` is text; fallbacks after commas (quoted strings, numbers,
``true``/``false``, other variables); nested variables; a whole-value variable's string is read
for variables again. Sources: ``self``, ``opt`` and ``param`` (``--param``; ``param`` also from
the file's ``params``, and from the ``params`` a ``serverless-compose.yml`` above gives the
service), ``sls:stage``, ``env``, ``aws:region``/``aws:accountId``, ``file(…)``
(inside the service folder; YAML/JSON parsed, scripts not run, anything else text),
``strToBool``. Values only known when deploying (``ssm``, ``cf``, ``s3``…) and values not
given stay visible ``${…}`` placeholders (:class:`Placeholder`, saying what the value is and
how to give it); sources this module does not know are also named in :attr:`Variables.notes`.
Text built with placeholders in it remembers them (:func:`placeholders_in`), so a reader can
tell a placeholder it left from text the user wrote.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Self

import yaml

from vtl.api.model import Source
from vtl.api.sources.document import DefinitionError, Document

__all__ = ["MISSING", "SAMPLE_ACCOUNT_ID", "Missing", "Placeholder", "SourcedStr", "Variables",
           "as_text", "kind", "placeholders_in"]

#: The account id ``${aws:accountId}`` and the Lambda ARNs use unless ``--param accountId=…``
#: gives one: AWS documentation's sample account, as the CloudFormation reader's
#: ``AWS::AccountId``.
SAMPLE_ACCOUNT_ID = "123456789012"

#: Where a variable starts, as the framework's parser sees one: ``${`` then a source type (a
#: lower-case letter, letters, digits, dots) and ``:`` or ``(``. Anything else, such as
#: Velocity's ``${input.body}``, stays text; a backslash before ``$`` keeps it text too.
VARIABLE_START = re.compile(r"(?<!\\)\$\{[a-z][a-zA-Z0-9.]*[:(]")
#: Variable sources this reader knows (values only known when deploying stay placeholders).
KNOWN_SOURCES = {"self", "opt", "param", "sls", "env", "aws", "file", "strToBool", "ssm", "cf",
                 "s3", "secretsmanager"}


#: ``self:`` addresses the framework fills in when the file does not write them, and the
#: method giving the value (``--stage``/``--region`` or the default).
_PROVIDER_DEFAULTS = {("provider", "stage"): "stage", ("provider", "region"): "region"}


class Missing:
    """No value (a variable source without the value, before any fallback)."""


MISSING = Missing()


class Placeholder(str):
    """A variable kept as its own ``${…}`` text, as it has no value here; ``why`` says what the
    value is and how to give it (it follows "holds ${…}, " in a message)."""

    why: str

    def __new__(cls, text: str, why: str = "") -> Self:
        # (defaults, here and below, so copy and pickle, which give the text alone, work)
        value = super().__new__(cls, text)
        value.why = why
        return value


class PartlyUnknown(str):
    """Text built with placeholders in it: ``placeholders`` are those it holds, in order."""

    placeholders: tuple[Placeholder, ...] = ()

    def __new__(cls, text: str, placeholders: tuple[Placeholder, ...] = ()) -> Self:
        value = super().__new__(cls, text)
        value.placeholders = placeholders
        return value


class SourcedStr(str):
    """Text read by ``${file(…)}``: remembers the file, so templates point into it, and the
    placeholders it holds (those of ``text``)."""

    source: Source
    placeholders: tuple[Placeholder, ...] = ()

    def __new__(cls, text: str, source: Source) -> Self:
        value = super().__new__(cls, text)
        value.source = source
        value.placeholders = placeholders_in(text)
        return value


def placeholders_in(value: Any) -> tuple[Placeholder, ...]:
    """The placeholders this module left in ``value``: itself, or those a text was built with
    (a ``${x}`` the user wrote, such as Velocity's, is not one)."""
    if isinstance(value, Placeholder):
        return (value,)
    if isinstance(value, (PartlyUnknown, SourcedStr)):
        return value.placeholders
    return ()


def _holding(text: str, values: list[Any]) -> str:
    """``text`` remembering the placeholders of ``values``, the values it was joined from."""
    found = tuple(p for value in values for p in placeholders_in(value))
    return PartlyUnknown(text, found) if found else text


class Variables:
    """Resolves the framework's ``${source:address, fallback}`` variables in the document."""

    def __init__(self, document: Document, params: dict[str, str]) -> None:
        self.document = document
        self.params = params
        self.folder = document.path.parent
        self._pending: set[tuple[Any, ...]] = set()
        #: Variables kept as placeholders for a reason worth telling (``file:line: …``).
        self.notes: list[str] = []

    def at(self, at: tuple[Any, ...]) -> Any:
        """The resolved value at path ``at`` of the document (``MISSING`` if absent)."""
        value: Any = self.document.data
        for index, key in enumerate(at):
            value = self.value(value, at[:index])
            if not _holds(value, key):
                return MISSING
            value = value[key]
        return self.value(value, at)

    def value(self, value: Any, at: tuple[Any, ...]) -> Any:
        """``value`` (found at ``at``) with the variables of its strings resolved, shallowly."""
        if not isinstance(value, str) or not VARIABLE_START.search(value):
            return value
        if at in self._pending:
            raise DefinitionError("this value refers to itself", self.document.source(at))
        self._pending.add(at)
        try:
            return self.text(value, at)
        finally:
            self._pending.discard(at)

    def deep(self, value: Any, at: tuple[Any, ...]) -> Any:
        """``value`` with every variable inside it resolved."""
        value = self.value(value, at)
        if isinstance(value, dict):
            return {key: self.deep(item, (*at, key)) for key, item in value.items()}
        if isinstance(value, list):
            return [self.deep(item, (*at, index)) for index, item in enumerate(value)]
        return value

    def text(self, text: str, at: tuple[Any, ...], depth: int = 0) -> Any:
        """A string with variables: the value itself if it is one variable, else the text.

        A string that is one variable's value alone is read for variables again (a file
        loaded with ``${file()}`` may hold ``${sls:stage}``), at most 10 times deep, as the
        framework does; text joined from several values is not.
        """
        pieces = self._split(text, at)
        if len(pieces) == 1 and isinstance(pieces[0], tuple):
            value = self._variable(pieces[0][0], at)
            if isinstance(value, str) and value != text and self._split(value, at) != [value]:
                if depth >= 10:
                    raise DefinitionError("variables nested more than 10 deep",
                                          self.document.source(at))
                resolved = self.text(value, at, depth + 1)
                if isinstance(value, SourcedStr) and isinstance(resolved, str):
                    resolved = SourcedStr(resolved, value.source)
                return resolved
            return value
        out = []
        for piece in pieces:
            if isinstance(piece, str):
                out.append(piece)
                continue
            value = self._variable(piece[0], at)
            if isinstance(value, (dict, list)) or value is None:
                raise DefinitionError(f"${{{piece[0]}}} gives {kind(value)}, which cannot be "
                                      "part of a string", self.document.source(at))
            out.append(_holding(as_text(value), [value]))
        joined = _holding("".join(out), out)
        # Text read from a file still starts at its line 1 (read again when it keeps a
        # placeholder: the template must still point into the file).
        return SourcedStr(joined, text.source) if isinstance(text, SourcedStr) else joined

    def _split(self, text: str, at: tuple[Any, ...]) -> list[Any]:
        """Literal text and ``(inner,)`` for each top-level ``${inner}``."""
        pieces: list[Any] = []
        start = 0
        for match in VARIABLE_START.finditer(text):
            i = match.start()
            if i < start:
                continue
            end = _closing(text, i + 2)
            if end < 0:
                raise DefinitionError(f"'${{' at {text[i:i + 20]!r} is never closed",
                                      self.document.source(at))
            if i > start:
                pieces.append(text[start:i])
            pieces.append((text[i + 2:end],))
            start = end + 1
        if start < len(text):
            pieces.append(text[start:])
        return pieces

    def _variable(self, inner: str, at: tuple[Any, ...]) -> Any:
        parts = _top_level_split(inner)
        value = self._reference(parts[0].strip(), at)
        for fallback in parts[1:]:
            if not isinstance(value, Missing) and value is not None:
                break
            value = self._fallback(fallback.strip(), at)
        if isinstance(value, Missing) or value is None:
            if parts[0].strip().startswith("file(") and not re.match(
                    r"file\([^)]*\.[cm]?[jt]s\b", parts[0].strip()):  # the framework stops too
                raise DefinitionError(f"${{{inner}}}: no such file (or no such key in it)",
                                      self.document.source(at))
            self._note_unset(inner, parts, at)
            # not known here: stays visible
            return Placeholder("${" + inner + "}", _why_unset(parts[0].strip()))
        return value

    def _note_unset(self, inner: str, parts: list[str], at: tuple[Any, ...]) -> None:
        """Say why a variable the framework would resolve locally (and its fallbacks) has no
        value. The framework stops at one ("Value not found at ... source"); here it stays a
        placeholder, so the user must hear of it. Sources only known when deploying (ssm, cf,
        s3…) are no news."""
        source, _, address = parts[0].strip().partition(":")
        address = address.strip()
        hints = {"self": f"nothing is at {address} in the file",
                 "opt": f"give it with --param {address}=VALUE",
                 "param": f"give it with --param {address}=VALUE or in the file's params",
                 "env": f"the environment variable {address} is not set"}
        if source in hints:
            self.notes.append(f"{self.document.source(at)}: ${{{inner}}} has no value: "
                              f"{hints[source]} (the framework stops here); kept as a placeholder")

    def _fallback(self, text: str, at: tuple[Any, ...]) -> Any:
        if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
            return text[1:-1]
        if "${" in text:
            return self.text(text, at)
        if re.fullmatch(r"-?\d+(\.\d+)?", text):
            return float(text) if "." in text else int(text)
        if text in ("true", "false"):
            return text == "true"
        return self._reference(text, at)

    def _reference(self, reference: str, at: tuple[Any, ...]) -> Any:
        if "${" in reference:  # ${opt:${self:custom.key}}: the reference itself has variables
            reference = as_text(self.text(reference, at))
        file = re.fullmatch(r"file\((.*)\)(?::(.*))?", reference, re.DOTALL)
        if file:
            return self._file(file[1].strip().strip("'\""), file[2], at)
        bool_call = re.fullmatch(r"strToBool\((.*)\)", reference, re.DOTALL)
        if bool_call:
            argument = self._fallback(bool_call[1].strip(), at)
            return str(argument).strip().lower() in ("true", "1") if argument is not MISSING \
                else MISSING
        source, colon, address = reference.partition(":")
        if not colon or source not in KNOWN_SOURCES:
            # A plugin's source, or a typo: the framework stops unless a plugin resolves it.
            self.notes.append(f"{self.document.source(at)}: variable source "
                              f"{re.split(r'[:(]', reference)[0]!r} is not one this reader knows; "
                              f"kept as ${{{reference}}}")
            return MISSING
        address = address.strip()
        if source == "self":
            keys = tuple(_key(k) for k in address.split(".")) if address else ()
            value = self.deep(self.at(keys), keys)
            if isinstance(value, Missing) and keys in _PROVIDER_DEFAULTS:
                # The framework gives the service an unwritten provider.stage "dev" (and
                # provider.region its default) before resolving variables, so the common
                # ${opt:stage, self:provider.stage} resolves (v1/v2: serverless issues #7767,
                # #7990; what v3's resolver does is not recorded: the default is kept).
                return getattr(self, _PROVIDER_DEFAULTS[keys])()
            return value
        if source == "opt":
            return self.params.get(address, MISSING)
        if source == "param":
            return self._param(address)
        if source == "sls" and address == "stage":
            return self.stage()
        if source == "env":
            return os.environ.get(address, MISSING)
        if source == "aws" and address == "region":
            return self.region()
        if source == "aws" and address == "accountId":
            return self.params.get("accountId", SAMPLE_ACCOUNT_ID)
        return MISSING  # ssm, cf, s3, secrets…: only known when deploying

    def _param(self, name: str) -> Any:
        """``${param:name}``: ``--param``, else the service's ``params`` for the stage, else
        its ``params.default`` (the framework's stage parameters)."""
        if name in self.params:
            return self.params[name]
        for group in (self.stage(), "default"):
            value = self.at(("params", group, name))
            if not isinstance(value, Missing):
                return self.deep(value, ("params", group, name))
        return _compose_param(self.document.path, name)

    def stage(self) -> str:
        """``--stage`` (``params["stage"]``), else ``provider.stage``, else ``dev``."""
        value = self.params.get("stage") or self.at(("provider", "stage"))
        return as_text(value) if isinstance(value, (str, int)) and value != "" else "dev"

    def region(self) -> str:
        """``--region`` (``params["region"]``), else ``provider.region``, else ``us-east-1``."""
        value = self.params.get("region") or self.at(("provider", "region"))
        return value if isinstance(value, str) and value else "us-east-1"

    def _project_folder(self) -> Path:
        """The folder ``${file()}`` may read in: the service's, or the one the top-level
        ``projectDir`` names, relative to it (v3: "Cannot load file from outside of a project
        directory (with "projectDir" setting you may extend project boundary)", serverless
        issue #9599)."""
        project = self.document.data.get("projectDir") if isinstance(
            self.document.data, dict) else None
        if isinstance(project, str) and project.strip():
            return Path(os.path.normpath(self.folder / project.strip()))
        return Path(os.path.normpath(self.folder))

    def _file(self, name: str, address: str | None, at: tuple[Any, ...]) -> Any:
        where = self.document.source(at)
        path = Path(os.path.normpath(self.folder / name))
        folder = self._project_folder()
        if folder not in path.parents:
            widen = ("" if isinstance(self.document.data, dict)
                     and "projectDir" in self.document.data else
                     " (the projectDir setting widens it, e.g. projectDir: ../..)")
            raise DefinitionError(f"${{file({name})}}: the Serverless Framework loads no file "
                                  f"from outside the project folder {folder}{widen}", where)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return MISSING
        except OSError as error:
            raise DefinitionError(f"cannot read {path}: {error.strerror or error}", where) from None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise DefinitionError(f"{path} is not UTF-8 text", where) from None
        if path.suffix in (".js", ".cjs", ".mjs", ".ts"):
            # The framework runs the script and uses what it exports: not done here.
            self.notes.append(f"{where}: {path} is a script the framework would run; its value "
                              "is kept as a placeholder")
            return MISSING
        if path.suffix in (".yml", ".yaml", ".json", ".tfstate"):
            content: Any = _parse_data(text, path)
        else:  # the framework reads any other file as plain text
            content = SourcedStr(text, Source(str(path), 1))
        if address:
            for key in address.strip().split("."):
                if not isinstance(content, dict) or key not in content:
                    return MISSING
                content = content[key]
        return content


#: The end of the message for a value the user cannot give this tool.
_WRITE_IT = "it is only known when deploying, so write the value into the template to run it"
#: Where the framework reads the values of the sources only known when deploying.
_DEPLOYED_SOURCES = {"ssm": "SSM Parameter Store", "cf": "another CloudFormation stack's outputs",
                     "s3": "an S3 object", "secretsmanager": "Secrets Manager"}


def _why_unset(reference: str) -> str:
    """What the value of variable ``reference`` (its source and address) is, and how the
    user gives it: options and parameters with ``--param`` (the readers' ``params``)."""
    if reference.startswith("file("):  # the only file() without a value: a script
        return ("the value of a script the framework runs when deploying (not run here): "
                "write the value into the template to run it")
    source, colon, address = reference.partition(":")
    address = address.strip()
    if not colon or source not in KNOWN_SOURCES:
        name = re.split(r"[:(]", reference)[0]
        return (f"a variable of source {name!r}, which this tool does not know (a plugin's, or a "
                "typo: the framework stops at it unless a plugin resolves it): write the value "
                "into the template to run it")
    if source == "opt":
        return f"an option not given: give it with --param {address}=VALUE to run it"
    if source == "param":
        return (f"a parameter not given: give it with --param {address}=VALUE (or under params "
                "in the file) to run it")
    if source == "self":
        return f"a value of the file that is not there (nothing is at {address}): add it to run it"
    if source == "env":
        return f"the environment variable {address}, which is not set: set it to run it"
    if source in _DEPLOYED_SOURCES:
        return f"a value the framework reads from {_DEPLOYED_SOURCES[source]}: {_WRITE_IT}"
    return f"a value of the framework's {source} source: {_WRITE_IT}"


#: The files Serverless Compose reads, in a service's folder or one above it.
_COMPOSE_FILES = ("serverless-compose.yml", "serverless-compose.yaml")
#: A Compose parameter naming another service's output: ``${service.Output}``.
_COMPOSE_OUTPUT = re.compile(r"\$\{([\w-]+)\.([\w.-]+)\}")


def _compose_param(path: Path | None, name: str) -> Any:
    """``${param:name}`` as Serverless Compose gives it: the ``params`` of the service of
    ``serverless-compose.yml`` (in a folder above this file) whose ``path`` is this file's
    folder (serverless docs, "Composing services": "params: …" passed to the service). Another
    service's output (``${other.Output}``) is only known once that service is deployed, so it
    stays a placeholder saying so; MISSING when no compose file gives the parameter
    (realworld13 sls-patterns-compose-iam: the framework does not stop there)."""
    if path is None:
        return MISSING
    folder = path.resolve().parent
    for above in [folder, *list(folder.parents)[:3]]:
        for file_name in _COMPOSE_FILES:
            compose = above / file_name
            try:
                data = yaml.safe_load(compose.read_text(encoding="utf-8")) if compose.is_file() else None
            except (OSError, yaml.YAMLError):
                data = None
            services = data.get("services") if isinstance(data, dict) else None
            for service in services.values() if isinstance(services, dict) else ():
                if not isinstance(service, dict) or not isinstance(service.get("path"), str):
                    continue
                if (above / service["path"]).resolve() != folder:
                    continue
                params = service.get("params")
                value = params.get(name, MISSING) if isinstance(params, dict) else MISSING
                output = _COMPOSE_OUTPUT.fullmatch(value) if isinstance(value, str) else None
                if output is not None:
                    return Placeholder(output[0], f"the output {output[2]} of service {output[1]} of "
                                              f"{compose.name}, known once it is deployed: give "
                                              f"it with --param {name}=VALUE to run it")
                return value
    return MISSING


def _parse_data(text: str, path: Path) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise DefinitionError(f"cannot parse {path}: {error}") from None


def _closing(text: str, i: int) -> int:
    """Index of the ``}`` closing a ``${`` opened before ``i`` (nested ``${…}`` and quotes)."""
    depth = 0
    quote = None
    while i < len(text):
        char = text[i]
        if quote:
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif text.startswith("${", i):
            depth += 1
            i += 1
        elif char == "}":
            if depth == 0:
                return i
            depth -= 1
        i += 1
    return -1


def _top_level_split(inner: str) -> list[str]:
    """Split ``ref, fallback, …`` on the commas outside quotes and nested ``${…}``."""
    parts, depth, quote, start = [], 0, None, 0
    for i, char in enumerate(inner):
        if quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        elif inner.startswith("${", i):
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(inner[start:i])
            start = i + 1
    parts.append(inner[start:])
    return parts


def _holds(container: Any, key: Any) -> bool:
    """Whether ``container[key]`` exists (a mapping's key, a list's index)."""
    if isinstance(container, dict):
        return key in container
    return isinstance(container, list) and isinstance(key, int) and 0 <= key < len(container)


def _key(text: str) -> Any:
    return int(text) if text.isdigit() else text


def as_text(value: Any) -> str:
    """A scalar as the framework writes it into a string."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def kind(value: Any) -> str:
    """What a value is, for messages."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return "null" if value is None else "a value"

"""Readers of API definition files, one module per format, each producing :class:`vtl.api.Api`.

Contract of a reader module (``openapi``, ``cloudformation``, ``terraform``, ``serverless``…):
``FORMAT`` (its name in ``vtl routes --json``), ``recognises(path, document)`` (true when the
file's content is that format: ``document`` is the :class:`~.document.Document` of a JSON or
YAML file, None for a folder), and ``read(path, params) -> Api`` (``params``: values for the
definition's own parameters, e.g. CloudFormation ``--param Name=Value``). Every template in
the model keeps its :class:`~vtl.api.model.Source`; every error is a
:class:`~.document.DefinitionError` naming file, line and field. A reader may also offer
``looks_like(path, document) -> str | None``: for a file no reader recognises, what it lacks
to be that reader's format (``load_api``'s error then says so), and
``read_document(document, params) -> Api``: the same as ``read`` for a file ``load_api``
has already parsed.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType

from vtl.api.model import Api
from vtl.api.sources.checks import definition_warnings
from vtl.api.sources.document import DefinitionError, Document, gathering_notes, load_document

__all__ = ["READERS", "DefinitionError", "definition_format", "load_api"]

#: The reader modules, in the order they are asked whether a file is theirs: SAM before
#: CloudFormation (a SAM template is also a CloudFormation template), CDK (a cdk.out
#: folder) and Terraform (.tf files) before the YAML formats they are not; Terraform before
#: CDK, as cdktf.out (CDK for Terraform's output) holds a manifest.json too.
READERS = ("openapi", "sam", "cloudformation", "terraform", "cdk", "serverless")

#: The names a project folder gives its definition (Serverless Framework, SAM), named in the
#: error for such a folder: which of them is meant is the user's choice, not guessed here.
DEFINITION_FILES = ("serverless.yml", "serverless.yaml", "serverless.json", "template.yaml",
                    "template.yml", "template.json")

#: Files not read as JSON or YAML data, by a reader that takes a path rather than data: a
#: .tf.json file is JSON, but Terraform's (its reader keeps every key written twice).
NOT_JSON_OR_YAML = (".tf", ".tf.json")


def load_api(path: str | Path, params: Mapping[str, str] | None = None) -> Api:
    """Read the API definition at ``path`` (a file, or a folder: ``cdk.out``, Terraform).

    The format is chosen by content: each reader is asked whether it recognises the file.
    ``params`` sets the definition's own parameters (CloudFormation ``Parameters``,
    Terraform variables…). Raises :class:`DefinitionError` (``file:line: message``) for a
    file no reader recognises (saying which format it looks like and what is missing) or
    that its reader cannot read.
    """
    with gathering_notes() as notes:
        path, document = _open(path)
        readers = _readers()
        reader = _reader_for(path, document, readers)
        if reader is None:
            raise DefinitionError(_unrecognised(path, document, readers))
        read_document = getattr(reader, "read_document", None)
        if document is not None and read_document is not None:
            # The file is parsed once: big exports take seconds to read with lines.
            api: Api = read_document(document, dict(params or {}))
        else:
            api = reader.read(path, dict(params or {}))
    api.warnings[:0] = dict.fromkeys(notes)  # about the files themselves: said first
    api.warnings.extend(definition_warnings(api))
    # one finding met by several methods (a security scheme each one names) is said once
    api.warnings = list(dict.fromkeys(api.warnings))
    return api


def definition_format(path: str | Path) -> str | None:
    """The format of the definition at ``path`` (``openapi``, ``sam``…) when a reader
    recognises it, else None; nothing is read beyond parsing, so a definition its reader
    cannot read (a missing optional dependency, a bad field) is still recognised."""
    try:
        location, document = _open(path)
    except DefinitionError:
        return None
    reader = _reader_for(location, document, _readers())
    return str(reader.FORMAT) if reader is not None else None


def _open(path: str | Path) -> tuple[Path, Document | None]:
    """The path, and its parsed document when it is a JSON or YAML file."""
    path = Path(path)
    if not path.exists():
        raise DefinitionError(f"{path}: no such file or folder")
    if path.is_file() and path.suffix in CODE_FILES:
        raise DefinitionError(_code_file(path))
    if path.is_file() and not path.name.endswith(NOT_JSON_OR_YAML):
        return path, load_document(path)
    return path, None


#: Program files that compute a definition rather than hold one: what `vtl` can read
#: instead is said (their YAML parse would fail with a YAML error on some later line).
CODE_FILES = (".ts", ".js", ".mjs", ".cjs", ".py")


def _code_file(path: Path) -> str:
    """Why a program file is not read, and the definition file to give instead."""
    if path.stem == "serverless":
        # The Framework's own `serverless print` resolves a serverless.ts/.js configuration
        # (its aws-nodejs-typescript template writes one) into YAML.
        return (f"{path}: a Serverless Framework configuration written as a program, which vtl "
                "does not run: give the file `serverless print > serverless.yml` writes "
                "(or the CloudFormation template `serverless package` writes in .serverless/)")
    return (f"{path}: a program, not an API definition: vtl reads what it produces (for a CDK "
            "app the cdk.out folder `cdk synth` writes; for other tools the OpenAPI, "
            "CloudFormation or serverless.yml file they write)")


def _reader_for(
    path: Path, document: Document | None, readers: list[ModuleType]
) -> ModuleType | None:
    return next((reader for reader in readers if reader.recognises(path, document)), None)


def _readers() -> list[ModuleType]:
    """The reader modules, imported when first asked for (YAML, HCL and SAM's translator are
    loaded only by the readers that need them)."""
    return [importlib.import_module(f"{__name__}.{name}") for name in READERS]


def _cdk_app_hint(app: Path) -> str:
    """For a CDK app's own folder (it holds cdk.json): the folder `cdk synth` writes its
    CloudFormation to (cdk.json's ``output``, by default cdk.out), which is what is read."""
    import json

    try:
        settings = json.loads((app / "cdk.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        settings = {}
    output = settings.get("output") if isinstance(settings, dict) else None
    out = app / (output if isinstance(output, str) and output else "cdk.out")
    if (out / "manifest.json").is_file():
        return f"; it is a CDK app: give {out}"
    return f"; it is a CDK app: run `cdk synth`, then give {out}, the folder it writes"


def _unrecognised(path: Path, document: object, readers: list[ModuleType]) -> str:
    for reader in readers:
        looks_like = getattr(reader, "looks_like", None)
        hint = looks_like(path, document) if looks_like is not None else None
        if hint:
            return f"{path}: {hint}"
    formats = ", ".join(reader.FORMAT for reader in readers)
    if path.is_dir():
        inside = [path / name for name in DEFINITION_FILES if (path / name).is_file()]
        hint = f"; give the definition file itself: {', '.join(map(str, inside))}" if inside else ""
        programs = [path / f"serverless{suffix}" for suffix in CODE_FILES
                    if (path / f"serverless{suffix}").is_file()]
        if programs and not inside:
            hint = (f"; {programs[0]} is a Serverless Framework configuration written as a "
                    "program: give the file `serverless print > serverless.yml` writes")
        if (path / "cdk.json").is_file() and not inside:
            hint = _cdk_app_hint(path)
        return (
            f"{path}: not an API definition this tool reads ({formats}): a folder is read "
            f"when it is CDK output (it holds manifest.json) or Terraform (it holds .tf files){hint}"
        )
    return (
        f"{path}: not an API definition this tool reads ({formats}): no reader recognises this file"
    )

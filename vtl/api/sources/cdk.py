"""A CDK cloud assembly (the ``cdk.out/`` folder ``cdk synth`` writes) read into :class:`vtl.api.Api`.

``manifest.json`` lists the assembly's artifacts; each ``aws:cloudformation:stack`` names
its template (``properties.templateFile``), which is read as the CloudFormation it is
(:mod:`.cloudformation`). Nested assemblies (``cdk:cloud-assembly``, one per CDK Stage) are
followed. Assets (Lambda code, Docker images) are not needed to read an API and are ignored,
but for three: a ``NestedStack``'s template, a ``SpecRestApi``'s OpenAPI definition
(``ApiDefinition.fromAsset``: the RestApi's ``BodyS3Location`` names the asset's object key,
and the file the stack's ``*.assets.json`` uploads there is read) and a file an
``AWS::Include`` takes from an asset's ``s3ObjectUrl``.

Each stack's pseudo parameters come from its manifest entry when CDK knows them:
``environment: aws://ACCOUNT/REGION`` (``unknown-account`` / ``unknown-region`` keep the
sample values) and ``stackName`` (else the artifact ID, CDK's default). Stacks see each
other's exports, so a ``Fn::ImportValue`` of one stack's ``Outputs`` (how CDK writes a
reference between stacks) is resolved; a stack adding resources and methods to another
stack's REST API through such imports is grafted into that stack
(:func:`~vtl.api.sources.nested.graft_importing_stacks`). When several stacks hold a REST API,
choose one with ``--param vtl:api=StackName/LogicalId``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from vtl.api.model import Api, Source
from vtl.api.sources.cloudformation import API_PARTS, Template, choose_api, load_template, read_apis
from vtl.api.sources.document import DefinitionError, Document, load_document
from vtl.api.sources.nested import Locator, graft_importing_stacks, graft_nested_stacks

__all__ = ["FORMAT", "read", "recognises"]

FORMAT = "cdk"
MANIFEST = "manifest.json"
_STACK = "aws:cloudformation:stack"
_NESTED_ASSEMBLY = "cdk:cloud-assembly"


def recognises(path: Path, document: Document | None) -> bool:
    """A folder holding a cloud assembly's ``manifest.json`` (or that manifest itself)."""
    if path.is_dir():
        return (path / MANIFEST).is_file()
    return (path.name == MANIFEST and document is not None and isinstance(document.data, dict)
            and isinstance(document.data.get("artifacts"), dict))


def looks_like(path: Path, document: Document | None) -> str | None:
    """For a folder with stack templates but no manifest: what is missing."""
    if path.is_dir() and any(path.glob("*.template.json")):
        return (f"looks like a cdk.out folder, but has no {MANIFEST} naming its stacks "
                "(run `cdk synth` again to write the whole assembly)")
    return None


def read(path: Path, params: Mapping[str, str] | None = None) -> Api:
    """The REST API held by the stacks of the cloud assembly at ``path``."""
    params = params or {}
    folder = path if path.is_dir() else path.parent
    warnings: list[str] = []
    templates = _stack_templates(folder, seen=(), warnings=warnings)
    if not templates:
        raise DefinitionError(f"{folder / MANIFEST} lists no CloudFormation stack ({_STACK})")
    graft_importing_stacks(templates, API_PARTS)
    api = choose_api(read_apis(templates, params), params, str(path), FORMAT)
    api.warnings.extend(warnings)
    return api


def _stack_templates(folder: Path, seen: tuple[Path, ...], warnings: list[str]) -> list[Template]:
    """The templates of every stack of the assembly in ``folder`` (and its nested ones), each
    with its nested stacks (``NestedStack``) grafted in (:mod:`.nested`)."""
    manifest = load_document(folder / MANIFEST)
    artifacts = manifest.data.get("artifacts") if isinstance(manifest.data, dict) else None
    if not isinstance(artifacts, dict):
        raise DefinitionError("a cloud assembly manifest has an 'artifacts' mapping", manifest.source())
    templates: list[Template] = []
    for artifact_id, artifact in artifacts.items():
        if not isinstance(artifact, dict):
            continue
        properties = artifact.get("properties") or {}
        at = ("artifacts", artifact_id, "properties")
        if artifact.get("type") == _STACK:
            template = _stack(folder, manifest, str(artifact_id), artifact, at)
            graft_nested_stacks(template, _nested_template_file(folder), warnings)
            templates.append(template)
        elif artifact.get("type") == _NESTED_ASSEMBLY:
            nested = folder / str(properties.get("directoryName", ""))
            if nested.resolve() in seen or not (nested / MANIFEST).is_file():
                raise DefinitionError(f"nested assembly {artifact_id}: no {MANIFEST} in {nested}",
                                      manifest.source(at))
            templates.extend(_stack_templates(nested, (*seen, nested.resolve()), warnings))
    return templates


def _stack(folder: Path, manifest: Document, artifact_id: str, artifact: dict[str, Any],
           at: tuple[str, ...]) -> Template:
    properties = artifact.get("properties") or {}
    file_name = properties.get("templateFile") if isinstance(properties, dict) else None
    if not isinstance(file_name, str) or not (folder / file_name).is_file():
        raise DefinitionError(f"stack {artifact_id}: its templateFile {file_name!r} is not in {folder}",
                              manifest.source((*at, "templateFile")))
    stack_name = str(properties.get("stackName") or artifact_id)
    pseudo: dict[str, Any] = {"AWS::StackName": stack_name}
    pseudo.update(_environment(artifact.get("environment"), manifest.source(("artifacts", artifact_id))))
    label = str(artifact.get("displayName") or artifact_id)
    return load_template(load_document(folder / file_name), pseudo, label,
                         local_object=lambda key: _asset_file(folder, key))


def _environment(environment: Any, where: Source) -> dict[str, str]:
    """``aws://ACCOUNT/REGION`` → the pseudo parameters it fixes (unknown ones are left out)."""
    if environment is None:
        return {}
    if not isinstance(environment, str) or not environment.startswith("aws://") or environment.count("/") != 3:
        raise DefinitionError(f"environment {environment!r} is not aws://ACCOUNT/REGION", where)
    account, region = environment.removeprefix("aws://").split("/")
    known: dict[str, str] = {}
    if account != "unknown-account":
        known["AWS::AccountId"] = account
    if region != "unknown-region":
        known["AWS::Region"] = region
    return known


def _nested_template_file(folder: Path) -> Locator:
    """Where a NestedStack's template is in the assembly: the resource's ``aws:asset:path``
    metadata (the CDK CLI writes it), else the asset whose object key ends its TemplateURL
    (the stack's ``*.assets.json``)."""
    def locate(logical_id: str, resource: dict[str, Any]) -> Path | None:
        metadata = resource.get("Metadata") or {}
        written = metadata.get("aws:asset:path") if isinstance(metadata, dict) else None
        if isinstance(written, str) and (folder / written).is_file():
            return folder / written
        key = _object_key((resource.get("Properties") or {}).get("TemplateURL"))
        return _asset_file(folder, key) if key is not None else None
    return locate


def _asset_file(folder: Path, key: str) -> Path | None:
    """The file of the assembly that the stacks' ``*.assets.json`` upload to object ``key``
    (a nested stack's template, a SpecRestApi's OpenAPI definition), if it is there."""
    for assets in sorted(folder.glob("*.assets.json")):
        document = load_document(assets)
        files = document.data
        entries = (files.get("files") if isinstance(files, dict) else None) or {}
        if not isinstance(entries, dict):
            raise DefinitionError("files must map each asset's hash to its source and destinations",
                                  document.source(("files",)))
        for name, asset in entries.items():
            if not (isinstance(asset, dict) and isinstance(asset.get("source") or {}, dict)
                    and isinstance(asset.get("destinations") or {}, dict)):
                # the CDK writes {"source": {"path": …}, "destinations": {…}} for each file
                raise DefinitionError(f"files.{name} is not a CDK asset (source and destinations)",
                                      document.source(("files", name)))
            source = (asset.get("source") or {}).get("path")
            keys = [d.get("objectKey") for d in (asset.get("destinations") or {}).values()
                    if isinstance(d, dict)]
            if key in keys and isinstance(source, str) and (folder / source).is_file():
                return folder / source
    # A BucketDeployment (Custom::CDKBucketDeployment) unzips an asset folder into its
    # destination bucket: a SpecRestApi's ApiDefinition.fromBucket(bucket, key) names a file
    # of that folder (aws-cdk's integ.parametrized-swagger.api snapshot).
    for deployed in sorted(folder.glob("asset.*")):
        if deployed.is_dir() and (deployed / key).is_file():
            return deployed / key
    return None


def _object_key(url: Any) -> str | None:
    """The file name a TemplateURL ends with (``…/HASH.json``), whatever builds it."""
    parts = url if isinstance(url, str) else (
        url.get("Fn::Join", [None, []])[1] if isinstance(url, dict) else None)
    if isinstance(parts, str):
        parts = [parts]
    texts = [part for part in parts or [] if isinstance(part, str)]
    return texts[-1].rsplit("/", 1)[-1] if texts and texts[-1].endswith(".json") else None

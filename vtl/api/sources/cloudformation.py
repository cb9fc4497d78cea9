"""CloudFormation templates (JSON or YAML, short-form tags too) read into :class:`vtl.api.Api`.

A REST API in CloudFormation is a graph of resources, each naming the ones it belongs to:

- ``AWS::ApiGateway::RestApi``: the API (its inline ``Body`` is an OpenAPI document, read by
  :func:`vtl.api.sources.openapi.read_openapi`; ``BodyS3Location`` cannot be read offline);
- ``AWS::ApiGateway::Resource``: a path part under a parent (``!GetAtt Api.RootResourceId``
  or ``!Ref OtherResource``), giving full paths by walking the chain;
- ``AWS::ApiGateway::Method``: method, integration, integration and method responses;
- ``Model``, ``RequestValidator``, ``Authorizer`` (a Method's ``AuthorizerId: !Ref Auth``),
  ``GatewayResponse``, ``Stage`` / ``Deployment`` variables.

Property values go through :class:`~.intrinsics.Resolver` (parameters, pseudo parameters,
``!Sub`` and friends). ``Fn::Transform: AWS::Include`` of a local file is expanded first,
and templates read from an included file keep that file's lines.

A template holding several REST APIs needs ``--param vtl:api=LogicalId`` (:data:`API_CHOICE`)
to say which one; CloudFormation parameter names are alphanumeric, so the name cannot clash.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from vtl.api.authorization import PROTECTED_AUTHORIZATION_TYPES
from vtl.api.model import (
    Api,
    Authorizer,
    GatewayResponse,
    Integration,
    IntegrationResponse,
    MappingTemplate,
    Method,
    MethodResponse,
    Model,
    ModelError,
    RequestValidator,
    Source,
)
from vtl.api.sources.checks import refused_stage_name
from vtl.api.sources.document import (
    DefinitionError,
    Document,
    authorizer_missing,
    compression_size,
    default_endpoint_disabled,
    did_you_mean,
    load_document,
    resource_policy_not_evaluated,
)
from vtl.api.sources.foreach import expand_for_each
from vtl.api.sources.intrinsics import (
    IMPORT_PARAM_PREFIX,
    NO_VALUE,
    PLACEHOLDER,
    Resolver,
    unresolved_hint,
)
from vtl.api.sources.locate import folded_warnings

__all__ = [
    "API_CHOICE", "FORMAT", "Template", "load_template", "read", "read_apis", "read_document", "recognises",
]

FORMAT = "cloudformation"
#: The --param naming the REST API to read when a definition holds several.
API_CHOICE = "vtl:api"
SAM_TRANSFORM = "AWS::Serverless-2016-10-31"

Path_ = tuple[Hashable, ...]
T = TypeVar("T")
_RESPONSE_HEADER = "method.response.header."


def recognises(path: Path, document: Document | None) -> bool:
    """A template with a ``Resources`` mapping of ``Type``d resources, and no SAM transform."""
    return document is not None and is_template(document.data) and SAM_TRANSFORM not in transforms(document.data)


def looks_like(path: Path, document: Document | None) -> str | None:
    """For a file that is almost a template: what keeps it from being read as one."""
    data = document.data if document is not None else None
    if not isinstance(data, dict) or not ({"AWSTemplateFormatVersion", "Resources"} & set(data)):
        return None
    resources = data.get("Resources")
    if not isinstance(resources, dict) or not resources:
        return "looks like a CloudFormation template, but it has no Resources"
    for logical_id, resource in resources.items():
        if not _is_for_each(logical_id) and (not isinstance(resource, dict) or "Type" not in resource):
            line = document.source(("Resources", logical_id)).line if document else None
            return (f"looks like a CloudFormation template, but resource {logical_id}"
                    + (f" (line {line})" if line else "") + " has no Type")
    return None


def is_template(data: Any) -> bool:
    """True for CloudFormation's shape: ``Resources`` mapping names to ``{Type: ...}``."""
    if not isinstance(data, dict) or not isinstance(data.get("Resources"), dict):
        return False
    resources = [resource for key, resource in data["Resources"].items() if not _is_for_each(key)]
    return bool(data["Resources"]) and all(isinstance(r, dict) and "Type" in r for r in resources)


def check_resource_types(document: Document) -> None:
    """Refuse a resource whose logical ID or ``Type`` is not a name (a mapping, a list, a
    number): read as any other type, it would be left out without a word
    (fuzz_definitions seed 2)."""
    resources = document.data.get("Resources") if isinstance(document.data, dict) else None
    for logical_id, resource in resources.items() if isinstance(resources, dict) else ():
        if not isinstance(logical_id, str):
            # YAML reads `~:` or `1:` as no text; CloudFormation wants an alphanumeric name
            # (the SAM translator raised RuntimeError on one: fuzz_definitions seed 6)
            raise DefinitionError(f"a resource's logical ID must be a name, not {logical_id!r}",
                                  document.source(("Resources", logical_id)))
        if isinstance(resource, dict) and "Type" in resource and not isinstance(resource["Type"], str):
            raise DefinitionError(f"resource {logical_id}: Type must be a resource type name such as "
                                  f"AWS::ApiGateway::Method, not {type(resource['Type']).__name__}",
                                  document.source(("Resources", logical_id, "Type")))


def _check_depends_on(template: Template) -> None:
    """Refuse a ``DependsOn`` naming no resource of the template, as CloudFormation does
    ("Template format error: Unresolved resource dependencies [X] in the Resources block of
    the template"; realworld13 sls-patterns-s3-resources-stagevar, with a resource trimmed).
    Only for a plain template: SAM and the Serverless Framework add resources of their own
    that a DependsOn may name."""
    resources = template.data.get("Resources") or {}
    for logical_id, resource in resources.items():
        depends = resource.get("DependsOn") if isinstance(resource, dict) else None
        names = [depends] if isinstance(depends, str) else depends if isinstance(depends, list) else []
        for index, name in enumerate(names):
            if isinstance(name, str) and name not in resources:
                at = ("Resources", logical_id, "DependsOn") + ((index,) if isinstance(depends, list) else ())
                hint = did_you_mean(name, [str(key) for key in resources])
                raise DefinitionError(f"{logical_id}: DependsOn names {name!r}, which is no resource "
                                      f"of the template (CloudFormation refuses it: unresolved "
                                      f"resource dependencies){hint}", template.locate(at))


def _is_for_each(key: Any) -> bool:
    """``Fn::ForEach::Name`` (AWS::LanguageExtensions): a loop standing for resources."""
    return isinstance(key, str) and key.startswith("Fn::ForEach::")


def transforms(data: Mapping[str, Any]) -> list[str]:
    """The template's ``Transform`` names (a string or a list of them)."""
    value = data.get("Transform")
    names = value if isinstance(value, list) else [value]
    return [name for name in names if isinstance(name, str)]


def read(path: Path, params: Mapping[str, str] | None = None) -> Api:
    """The REST API of the CloudFormation template ``path``."""
    return read_document(load_document(path), params)


def read_document(document: Document, params: Mapping[str, str] | None = None) -> Api:
    """The REST API of a CloudFormation template already parsed, with its nested stacks
    whose TemplateURL is a local file (as ``aws cloudformation package`` takes them)
    grafted in."""
    from vtl.api.sources.nested import (  # imports this module
        graft_nested_stacks,
        local_template_file,
    )

    check_resource_types(document)
    template = load_template(document, params=params)
    _check_depends_on(template)
    warnings: list[str] = []
    graft_nested_stacks(template, local_template_file(document.path), warnings)
    api = choose_api(read_apis([template], params or {}), params or {}, str(document.path), FORMAT)
    api.warnings.extend(warnings)
    return api


# -- the template as read: data with its includes, and where each value came from ------------


@dataclass
class Template:
    """One template's data (includes expanded), its stack name, and the lines of its values.

    ``grafts`` lists where included files were inserted: the data under the first path
    came from the document, at the second path of it. ``exports`` (set by the reader of several stacks) maps
    export names to their values in other stacks.
    """

    document: Document
    data: dict[str, Any]
    grafts: list[tuple[Path_, Document, Path_]] = field(default_factory=list)
    pseudo: dict[str, Any] = field(default_factory=dict)
    label: str = ""
    #: The local copy of an uploaded file, by its S3 object key (a cdk.out's assets), for a
    #: RestApi's ``BodyS3Location`` or an ``AWS::Include``; None when there are no such files.
    local_object: Callable[[str], Path | None] | None = None

    def locate(self, at: Path_) -> Source:
        """The Source of the value at ``at`` (its nearest written ancestor when it has none)."""
        for prefix, document, inside in sorted(self.grafts, key=lambda g: -len(g[0])):
            if tuple(at[: len(prefix)]) == prefix:
                return nearest_source(document, (*inside, *at[len(prefix):]))
        return nearest_source(self.document, tuple(at))


def nearest_source(document: Document, at: Path_) -> Source:
    """The line of ``at`` in ``document``, or of its nearest ancestor written there.

    A short-form tag (``!If [c, a, b]``) is recorded by :mod:`.document` at the tagged
    value's own path, without the ``Fn::If`` key its long form has: the key is left out
    when the path with it is unknown.
    """
    if at not in document.lines:
        short = tuple(key for key in at if not _is_function_key(key))
        if short in document.lines:
            return document.source(short)
    while at and at not in document.lines:
        at = at[:-1]
    return document.source(at)


def _is_function_key(key: Any) -> bool:
    return isinstance(key, str) and (key == "Ref" or key.startswith("Fn::"))


def load_template(document: Document, pseudo: Mapping[str, Any] | None = None, label: str = "",
                  params: Mapping[str, str] | None = None,
                  local_object: Callable[[str], Path | None] | None = None) -> Template:
    """A template with its ``Fn::Transform: AWS::Include`` of local files expanded; an
    include's ``Location: !Ref Parameter`` is the parameter's value (``params`` or its
    Default). ``local_object`` finds the local copy of an S3 object by its key (a cdk.out's
    assets), for an include or a ``BodyS3Location`` naming an uploaded file."""
    grafts: list[tuple[Path_, Document, Path_]] = []
    locations = _parameter_values(document.data, params or {})
    data = expand_includes(document.data, document, (), (), grafts, locations, local_object)
    if not isinstance(data, dict):
        raise DefinitionError("a CloudFormation template is a mapping", document.source())
    for section in ("Resources", "Parameters", "Conditions", "Mappings", "Outputs"):
        if data.get(section) is not None and not isinstance(data[section], dict):
            # a cdk.out stack's template is not recognised first, so its shape is checked here
            raise DefinitionError(f"the {section} section must be a mapping", document.source((section,)))
    loops = [(section, key) for section in ("Resources", "Outputs", "Conditions")
             for key in data.get(section) or {} if _is_for_each(key)]
    if loops and "AWS::LanguageExtensions" not in transforms(data):
        # the Fn::ForEach reference: "you must also use the AWS::LanguageExtensions transform"
        raise DefinitionError(f"{loops[0][1]} needs Transform: AWS::LanguageExtensions, without "
                              "which CloudFormation refuses the template", document.source(loops[0]))
    if "AWS::LanguageExtensions" in transforms(data):
        expand_for_each(data, document, locations, grafts)
    includes = _top_level_includes(data)
    for transform in includes:
        _merge_include(data, _load_include(transform, document, ("Transform",), locations,
                                           local_object), grafts)
    if includes:  # what is left for SAM's translator: the names of the other transforms
        data["Transform"] = [name for name in transforms(data)]
    return Template(document, data, grafts, dict(pseudo or {}), label, local_object)


def _top_level_includes(data: dict[str, Any]) -> list[dict[str, Any]]:
    """``Transform: {Name: AWS::Include, ...}`` (alone or in the list of transforms)."""
    value = data.get("Transform")
    items = value if isinstance(value, list) else [value]
    return [item for item in items if isinstance(item, dict) and _include_location(item) is not None]


def _merge_include(data: dict[str, Any], included: Document,
                   grafts: list[tuple[Path_, Document, Path_]]) -> None:
    """A top-level AWS::Include: the file's sections are added to the template's."""
    if not isinstance(included.data, dict):
        raise DefinitionError("a file included at the top level must be a mapping of sections",
                              included.source())
    for section, content in included.data.items():
        if isinstance(content, dict) and isinstance(data.get(section), dict):
            for key, value in content.items():
                data[section][key] = expand_includes(value, included, (section, key), (section, key), grafts)
                grafts.append(((section, key), included, (section, key)))
        else:
            data[section] = expand_includes(content, included, (section,), (section,), grafts)
            grafts.append(((section,), included, (section,)))


def expand_includes(value: Any, document: Document, at: Path_, dst: Path_,
                    grafts: list[tuple[Path_, Document, Path_]],
                    locations: Mapping[str, str] | None = None,
                    local_object: Callable[[str], Path | None] | None = None) -> Any:
    """``value`` with every ``Fn::Transform: {Name: AWS::Include}`` replaced by the file's
    data; ``locations``: the template's parameter values, for a ``Location: !Ref P``;
    ``local_object``: as for :func:`load_template`."""
    locations = locations or {}
    if isinstance(value, dict):
        if list(value) == ["Fn::Transform"] and _include_location(value["Fn::Transform"]) is not None:
            included = _load_include(value["Fn::Transform"], document, (*at, "Fn::Transform"),
                                     locations, local_object)
            grafts.append((dst, included, ()))
            return expand_includes(included.data, included, (), dst, grafts, locations, local_object)
        return {key: expand_includes(item, document, (*at, key), (*dst, key), grafts, locations,
                                     local_object)
                for key, item in value.items()}
    if isinstance(value, list):
        return [expand_includes(item, document, (*at, i), (*dst, i), grafts, locations, local_object)
                for i, item in enumerate(value)]
    return value


def _parameter_values(data: Any, params: Mapping[str, str]) -> dict[str, str]:
    """Each template parameter's value as a string: the one given, else its Default."""
    declared = data.get("Parameters") if isinstance(data, dict) else None
    values = {}
    for name, parameter in (declared if isinstance(declared, dict) else {}).items():
        if name in params:
            values[name] = str(params[name])
        elif isinstance(parameter, dict) and isinstance(parameter.get("Default"), (str, int)):
            values[name] = str(parameter["Default"])
    return values


def _object_key_of(location: Any) -> str | None:
    """The object key an S3 ``Location`` ends with: ``s3://bucket/KEY`` written out, or the
    last text of the ``Fn::Join`` / ``Fn::Sub`` CDK writes when the stack's region or account
    is not known at synth time (the bucket name holds them, the key never does)."""
    if isinstance(location, dict) and len(location) == 1:
        (function, argument), = location.items()
        if function == "Fn::Sub":
            location = argument[0] if isinstance(argument, list) and argument else argument
        elif function == "Fn::Join" and isinstance(argument, list) and len(argument) == 2 \
                and isinstance(argument[1], list) and argument[1]:
            location = "s3://" + "".join(p if isinstance(p, str) else "x" for p in argument[1])
    if isinstance(location, str) and location.startswith("s3://") and location.count("/") >= 3:
        return location.rsplit("/", 1)[1] or None
    return None


def _include_location(transform: Any) -> Any:
    """An ``AWS::Include`` transform's Location ("" when not given: said where it is read;
    Parameters that are no mapping give none either, fuzz_definitions seed 5)."""
    if isinstance(transform, dict) and transform.get("Name") == "AWS::Include":
        parameters = transform.get("Parameters") or {}
        return parameters.get("Location", "") if isinstance(parameters, dict) else ""
    return None


def _load_include(transform: dict[str, Any], document: Document, at: Path_,
                  locations: Mapping[str, str] | None = None,
                  local_object: Callable[[str], Path | None] | None = None) -> Document:
    """The local file an AWS::Include names (relative to the including file), or the local
    copy of the uploaded file it names (``local_object``: a cdk.out's asset, as CDK's
    ``Fn.transform('AWS::Include', {Location: asset.s3ObjectUrl})`` writes)."""
    location = _include_location(transform)
    where = document.source(at)
    uploaded = _object_key_of(location)
    found = local_object(uploaded) if local_object is not None and uploaded else None
    if found is not None:
        return load_document(found)
    if isinstance(location, dict) and list(location) == ["Ref"] and location["Ref"] in (locations or {}):
        # The AWS::Include docs' own example takes `Location: !Ref InputValue`: a parameter
        # (its Default, or --param NAME=FILE) names the file.
        parameter = location["Ref"]
        location = (locations or {})[parameter]
        how = f"with --param {parameter}=FILE"
    else:
        how = "as Location"
    if isinstance(location, dict) and len(location) == 1:
        # vtl expands includes before it resolves any function: a Ref or Fn::Sub here
        # would otherwise be reported as a missing Location
        (function,) = location
        raise DefinitionError(
            f"AWS::Include Location is a {function}, which vtl does not resolve: write the "
            "local file's name there (relative to this file) to read it"
            + (f", or give it with --param {location['Ref']}=FILE if that is a parameter"
               if function == "Ref" else ""), where)
    if not isinstance(location, str) or not location:
        raise DefinitionError("AWS::Include needs Parameters.Location, a file name", where)
    if location.startswith(("s3://", "https://", "http://")):
        raise DefinitionError(
            f"AWS::Include of {location}: vtl reads only local files; download it and give "
            f"its path {how}", where)
    included = document.path.parent / location
    if not included.is_file():
        raise DefinitionError(f"AWS::Include: no file {included}", where)
    return load_document(included)


# -- one or several templates to APIs -----------------------------------------------------


@dataclass
class _Stack:
    template: Template
    resolver: Resolver

    def resolve(self, value: Any, at: Path_) -> Any:
        """The value with its intrinsic functions evaluated (None for ``AWS::NoValue``)."""
        resolved = self.resolver.resolve(value, at)
        return None if resolved is NO_VALUE else resolved

    def resources(self, kind: str) -> list[tuple[str, dict[str, Any]]]:
        """The resources of type ``kind`` that exist (their ``Condition`` holds)."""
        found = []
        for logical_id, resource in (self.template.data.get("Resources") or {}).items():
            if not isinstance(resource, dict) or resource.get("Type") != kind:
                continue
            condition = resource.get("Condition")
            if isinstance(condition, str) and not self.resolver.condition(
                    condition, ("Resources", logical_id, "Condition")):
                continue
            found.append((logical_id, resource))
        return found


def read_apis(templates: list[Template], params: Mapping[str, str]) -> list[tuple[str, Callable[[], Api]]]:
    """Every REST API of ``templates``: (a label for choosing it, a function reading it)."""
    _check_params(templates, params)
    for template in templates:
        _check_no_sam_resources(template)
    stacks = [_Stack(t, Resolver(t.data, t.locate, params, t.pseudo)) for t in templates]
    exports = _exports(stacks)
    for stack in stacks:
        stack.resolver.exports = exports
    found: list[tuple[str, Callable[[], Api]]] = []
    orphans = [warning for stack in stacks for warning in _orphans(stack)]
    others = [warning for stack in stacks for warning in _http_apis(stack)]
    for stack in stacks:
        for logical_id, _ in stack.resources("AWS::ApiGateway::RestApi"):
            label = f"{stack.template.label}/{logical_id}" if stack.template.label else logical_id
            found.append((label, _reader(stack, logical_id, orphans + others)))
    if not found and orphans:
        # methods of an API another stack defines: "no REST API" alone would hide them
        more = f" (and {len(orphans) - 1} more part{'s' * (len(orphans) > 2)})" if len(orphans) > 1 else ""
        raise DefinitionError(f"{orphans[0].removesuffix('; not read')}{more}, and no REST API is "
                              "defined here: read the template that defines the API")
    return found


def _check_no_sam_resources(template: Template) -> None:
    """SAM's resource types without SAM's transform: CloudFormation refuses the template
    ("Unrecognized resource types"), so it is said so, rather than finding no REST API."""
    for logical_id, resource in (template.data.get("Resources") or {}).items():
        kind = resource.get("Type") if isinstance(resource, dict) else None
        if isinstance(kind, str) and kind.startswith("AWS::Serverless::"):
            raise DefinitionError(
                f"{logical_id} has the SAM resource type {kind}, but the template has no "
                f"`Transform: {SAM_TRANSFORM}`: CloudFormation refuses it; add that line to "
                "read it as SAM", template.locate(("Resources", logical_id, "Type")))


def _reader(stack: _Stack, logical_id: str, warnings: list[str]) -> Callable[[], Api]:
    def read() -> Api:
        api = _read_rest_api(stack, logical_id)
        api.warnings.extend(warnings)
        return api

    return read


#: The resource types read as parts of a REST API (each names its API with RestApiId).
API_PARTS = (
    "AWS::ApiGateway::Resource", "AWS::ApiGateway::Method", "AWS::ApiGateway::Model",
    "AWS::ApiGateway::RequestValidator", "AWS::ApiGateway::GatewayResponse",
    "AWS::ApiGateway::Stage", "AWS::ApiGateway::Deployment", "AWS::ApiGateway::Authorizer",
)


def _orphans(stack: _Stack) -> list[str]:
    """Parts of an API whose RestApiId is not ``!Ref`` of a RestApi of their own template
    (an imported API ID, a literal ID): they cannot be placed, so they are reported."""
    apis = {logical_id for logical_id, _ in stack.resources("AWS::ApiGateway::RestApi")}
    warnings = []
    for kind in API_PARTS:
        for logical_id, _ in stack.resources(kind):
            named = _properties(stack, logical_id).get("RestApiId")
            target = _api_named_by(named)
            if named is None:
                # RestApiId is required (CloudFormation: "required key [RestApiId] not
                # found"): a serverless.yml GatewayResponse written without it, seen in a
                # deployment guide, is refused at deploy time.
                where = stack.template.locate(("Resources", logical_id))
                hint = f": write RestApiId: !Ref {next(iter(apis))}" if len(apis) == 1 else ""
                warnings.append(f"{where}: {logical_id} ({kind}) has no RestApiId, which "
                                f"CloudFormation requires (it refuses the template){hint}; "
                                "not read")
            elif target not in apis:
                where = stack.template.locate(("Resources", logical_id, "Properties", "RestApiId"))
                warnings.append(f"{where}: {logical_id} ({kind}) belongs to a REST API that is not "
                                "defined here (RestApiId is not !Ref or !GetAtt .RestApiId of a RestApi "
                                "of this template); not read")
    return warnings


def _http_apis(stack: _Stack) -> list[str]:
    """An HTTP or WebSocket API beside the REST API: another product, said not read
    (realworld13 sls-patterns-http-api-v2-only)."""
    return [f"{stack.template.locate(('Resources', logical_id))}: {logical_id} is an "
            "AWS::ApiGatewayV2::Api (an HTTP or WebSocket API, API Gateway v2), not read: vtl "
            "reads REST APIs, which have mapping templates"
            for logical_id, _ in stack.resources("AWS::ApiGatewayV2::Api")]


def choose_api(apis: list[tuple[str, Callable[[], Api]]], params: Mapping[str, str],
               where: str, format_name: str) -> Api:
    """The one API of the definition, or the one ``--param vtl:api=LogicalId`` names."""
    if not apis:
        raise DefinitionError(
            f"{where} defines no REST API (AWS::ApiGateway::RestApi); HTTP APIs "
            "(AWS::Serverless::HttpApi, AWS::ApiGatewayV2::Api) are another product and are not read")
    wanted = params.get(API_CHOICE)
    if wanted is not None:
        chosen = [read for label, read in apis if wanted in (label, label.rsplit("/", 1)[-1])]
        if len(chosen) != 1:
            raise DefinitionError(f"--param {API_CHOICE}={wanted}: {where} has the REST APIs "
                                  f"{', '.join(label for label, _ in apis)}")
    elif len(apis) > 1:
        raise DefinitionError(
            f"{where} defines {len(apis)} REST APIs ({', '.join(label for label, _ in apis)}): "
            f"choose one with --param {API_CHOICE}=LogicalId")
    else:
        chosen = [apis[0][1]]
    api = chosen[0]()
    api.format = format_name
    return api


def _check_params(templates: list[Template], params: Mapping[str, str]) -> None:
    known = {name for t in templates for name in (t.data.get("Parameters") or {})}
    # A resource's Ref (Table) or attribute (Queue.Arn) may be given too: the value a
    # deployment would give it (intrinsics.Resolver.ref / get_att).
    resources = {str(name) for t in templates for name in (t.data.get("Resources") or {})}
    for name in params:
        if (name == API_CHOICE or name.startswith(("AWS::", IMPORT_PARAM_PREFIX))
                or name.split(".", 1)[0] in resources):
            continue
        if name not in known:
            raise DefinitionError(
                f"--param {name}: the template has no such parameter"
                + (f" (it has {', '.join(sorted(known))})" if known else " (it has none)"))
    for template in templates:
        for name, definition in (template.data.get("Parameters") or {}).items():
            allowed = definition.get("AllowedValues") if isinstance(definition, dict) else None
            if name in params and isinstance(allowed, list) and params[name] not in map(str, allowed):
                raise DefinitionError(
                    f"--param {name}={params[name]}: allowed values are {', '.join(map(str, allowed))}",
                    template.locate(("Parameters", name)))


def _exports(stacks: list[_Stack]) -> dict[str, Callable[[], Any]]:
    """Outputs with ``Export.Name``, so a stack's ``Fn::ImportValue`` finds another's value."""
    exports: dict[str, Callable[[], Any]] = {}
    for stack in stacks:
        for output_id, output in (stack.template.data.get("Outputs") or {}).items():
            export = output.get("Export") if isinstance(output, dict) else None
            if not isinstance(export, dict) or "Name" not in export:
                continue
            at = ("Outputs", output_id)
            try:
                name = stack.resolve(export["Name"], (*at, "Export", "Name"))
            except DefinitionError:
                continue  # an export this reader cannot name is simply not importable
            if isinstance(name, str):
                exports[name] = _export_value(stack, output.get("Value"), (*at, "Value"))
    return exports


def _export_value(stack: _Stack, value: Any, at: Path_) -> Callable[[], Any]:
    return lambda: stack.resolve(value, at)


# -- the resource graph of one REST API ---------------------------------------------------


def _read_rest_api(stack: _Stack, api_id: str) -> Api:
    at: Path_ = ("Resources", api_id, "Properties")
    properties = _properties(stack, api_id)
    api = _body_api(stack, api_id, properties)
    name = stack.resolve(properties.get("Name"), (*at, "Name")) if "Name" in properties else None
    if name:
        api.name = str(name)
    elif "Body" not in properties:  # a Body's title names the API when Name is absent
        api.name = api_id
    if "ApiKeySourceType" in properties:
        api.api_key_source = _checked(lambda: str(stack.resolve(properties["ApiKeySourceType"],
                                                                 (*at, "ApiKeySourceType"))).upper(),
                                      stack, (*at, "ApiKeySourceType"))
    if "BinaryMediaTypes" in properties:
        listed = stack.resolve(properties["BinaryMediaTypes"], (*at, "BinaryMediaTypes"))
        if not isinstance(listed, list):
            raise DefinitionError(f"{api_id}: BinaryMediaTypes must be a list of media types",
                                  stack.template.locate((*at, "BinaryMediaTypes")))
        api.binary_media_types = _merged_binary_media_types(api.binary_media_types,
                                                            [str(t) for t in listed])
    if "MinimumCompressionSize" in properties:
        where = (*at, "MinimumCompressionSize")
        api.minimum_compression_size = compression_size(
            stack.resolve(properties["MinimumCompressionSize"], where), stack.template.locate(where),
            "MinimumCompressionSize")
    api.source = stack.template.locate(("Resources", api_id))
    api.warnings.extend(_unknown_rest_api_properties(stack, api_id, properties))
    if "Policy" in properties:
        api.warnings.append(resource_policy_not_evaluated(
            stack.template.locate((*at, "Policy")), f"{api_id}.Policy"))
    if "DisableExecuteApiEndpoint" in properties:
        where = (*at, "DisableExecuteApiEndpoint")
        if str(stack.resolve(properties["DisableExecuteApiEndpoint"], where)).lower() == "true":
            api.warnings.append(default_endpoint_disabled(
                stack.template.locate(where), f"{api_id}.DisableExecuteApiEndpoint"))
    paths = _ResourcePaths(stack, api_id)
    for logical_id, _ in stack.resources("AWS::ApiGateway::Model"):
        if _belongs(stack, logical_id, api_id):
            model = _model(stack, logical_id)
            api.models[model.name] = model
    for logical_id, _ in stack.resources("AWS::ApiGateway::RequestValidator"):
        if _belongs(stack, logical_id, api_id):
            validator = _validator(stack, logical_id)
            api.request_validators[validator.name] = validator
    for logical_id, _ in stack.resources("AWS::ApiGateway::GatewayResponse"):
        if _belongs(stack, logical_id, api_id):
            response = _gateway_response(stack, logical_id)
            api.gateway_responses[response.response_type] = response
    for logical_id, _ in stack.resources("AWS::ApiGateway::Authorizer"):
        if _belongs(stack, logical_id, api_id):
            key, authorizer = _authorizer(stack, logical_id)
            api.authorizers[key] = authorizer
            api.warnings.extend(_unknown_authorizer_properties(stack, logical_id))
    for logical_id, _ in stack.resources("AWS::ApiGateway::Method"):
        if _belongs(stack, logical_id, api_id):
            method = _method(stack, logical_id, paths, api.warnings)
            _check_authorizer(stack, logical_id, method, api)
            if api.find_method(method.http_method, method.path) is not None:
                # API Gateway refuses a second method for the same resource and verb
                # (PutMethod: ConflictException, "Method already exists for this resource")
                raise DefinitionError(f"{logical_id}: {method} is defined twice in {api_id}", method.source)
            api.methods.append(method)
    _check_unique_paths(stack, api_id, paths)
    _stages(stack, api_id, api)
    api.warnings.extend(folded_warnings(api))
    api.warnings.extend(_unsubstituted_warnings(api))
    api.warnings.extend(
        f"{stack.template.locate(('Parameters', name))}: parameter {name} has no Default and no "
        f"--param {name}=VALUE: it stays ${{Ref:{name}}}" for name in stack.resolver.unset_parameters)
    return api


def _merged_binary_media_types(from_body: list[str], from_property: list[str]) -> list[str]:
    """The API's binary media types when a RestApi has both a ``Body`` and ``BinaryMediaTypes``.

    CloudFormation's RestApi reference (``Mode``): when the mode is not given, "the new API
    definition takes precedence, but any container types such as endpoint configurations and
    binary media types are merged with the existing API"; LocalStack PR 12586 records the same
    union when it tested a ``Body`` and ``BinaryMediaTypes`` against AWS. The property writes
    ``/`` as ``~1`` ("Slashes must be escaped with ~1", same page), which AWS stores as ``/``.
    """
    merged = list(from_body)
    for media_type in from_property:
        decoded = media_type.replace("~1", "/").replace("~0", "~")
        if decoded not in merged:
            merged.append(decoded)
    return merged


#: ``${AWS::Region}`` and the like: text CloudFormation replaces only inside ``Fn::Sub``.
_PSEUDO_REFERENCE = re.compile(r"\$\{(AWS::[A-Za-z]+)\}")


def _unsubstituted_warnings(api: Api) -> list[str]:
    """Name a pseudo parameter written as ``${AWS::Region}`` outside ``Fn::Sub`` (often in an
    ``AWS::Include``d OpenAPI file): CloudFormation leaves it as written, so API Gateway
    gets the text ``${AWS::Region}`` (and Velocity cannot parse it in a template)."""
    warnings = []
    for method in api.methods:
        integration = method.integration
        if integration is None:
            continue
        texts = [("integration uri", integration.uri or "", integration.source or method.source)]
        texts += [(f"request template {media}", t.text, t.source)
                  for media, t in integration.request_templates.items()]
        texts += [(f"response template {media}", t.text, t.source)
                  for response in integration.responses
                  for media, t in response.response_templates.items()]
        for what, text, source in texts:
            found = _PSEUDO_REFERENCE.search(text)
            if found:
                warnings.append(f"{source}: {method}: the {what} holds ${{{found[1]}}}, which "
                                "CloudFormation replaces only inside Fn::Sub: it stays as written")
    return warnings


def _body_api(stack: _Stack, api_id: str, properties: dict[str, Any]) -> Api:
    """The API its inline OpenAPI ``Body`` describes (an empty API without one)."""
    at: Path_ = ("Resources", api_id, "Properties")
    if "BodyS3Location" in properties and "Body" not in properties:
        location = stack.resolve(properties["BodyS3Location"], (*at, "BodyS3Location"))
        local = _local_body(stack, location)
        if local is not None:
            return local
        where = (f"s3://{location.get('Bucket')}/{location.get('Key')}"
                 if isinstance(location, dict) else "S3")
        raise DefinitionError(
            f"the OpenAPI definition of {api_id} is in {where} (BodyS3Location), which vtl cannot "
            "read: download it and run vtl on that file", stack.template.locate((*at, "BodyS3Location")))
    if "Body" not in properties:
        return Api()
    trace: dict[Path_, Source] = {}
    body = stack.resolver.resolve(properties["Body"], (*at, "Body"), trace)
    if isinstance(body, str):  # Body may be the document as a JSON string
        try:
            body = json.loads(body)
        except json.JSONDecodeError as error:
            raise DefinitionError(f"Body is not a JSON document: {error.msg}",
                                  stack.template.locate((*at, "Body"))) from None
    if not isinstance(body, dict):
        raise DefinitionError("Body must be an OpenAPI document", stack.template.locate((*at, "Body")))
    from vtl.api.sources.openapi import read_openapi

    api = read_openapi(body, TracedDocument(stack.template.document.path, body, trace), (), rest_api=True)
    _mark_unresolved(api)
    return api


def _local_body(stack: _Stack, location: Any) -> Api | None:
    """The API of a ``BodyS3Location`` whose file is at hand (a SpecRestApi's
    ``ApiDefinition.fromAsset`` in a cdk.out: the asset the stack uploads to that key).
    API Gateway imports such a file as it is: CloudFormation evaluates no intrinsic function
    in it (unlike ``AWS::Include``), so it is read as a plain OpenAPI file."""
    finder = stack.template.local_object
    key = location.get("Key") if isinstance(location, dict) else None
    found = finder(key) if finder is not None and isinstance(key, str) else None
    if found is None:
        return None
    from vtl.api.sources.document import parse_document
    from vtl.api.sources.openapi import read_openapi

    document = load_document(found)
    markers = _deployment_markers(stack)
    if markers:
        # a BucketDeployment writes its markers' values into the files it deploys
        text = found.read_bytes()
        for marker, value in markers.items():
            text = text.replace(marker.encode("utf-8"), str(value).encode("utf-8"))
        document = parse_document(text, found)
    return read_openapi(document.data, document, (), rest_api=True)


def _deployment_markers(stack: _Stack) -> dict[str, Any]:
    """The ``SourceMarkers`` of the stack's ``Custom::CDKBucketDeployment`` resources (CDK's
    ``Source.jsonData``/``yamlData`` with tokens: ``<<marker:0xbaba:N>>`` in the deployed
    file stands for a value only the deployment knows), each resolved here (a placeholder
    when unknown)."""
    markers: dict[str, Any] = {}
    for logical_id, resource in stack.resources("Custom::CDKBucketDeployment"):
        properties = resource.get("Properties") or {}
        at: Path_ = ("Resources", logical_id, "Properties", "SourceMarkers")
        listed = properties.get("SourceMarkers")
        for index, entry in enumerate(listed if isinstance(listed, list) else []):
            if isinstance(entry, dict):
                for marker, value in entry.items():
                    markers[str(marker)] = stack.resolve(value, (*at, index, marker))
    return markers


def _mark_unresolved(api: Api) -> None:
    """Templates of a Body (a RestApi's, SAM's DefinitionBody) that hold a value only a
    deployment knows say so, as those of Method resources do (:func:`_templates`): the
    OpenAPI reader does not know its texts came through ``Fn::Sub``."""
    for method in api.methods:
        integration = method.integration
        if integration is None:
            continue
        integration.request_templates = _with_unresolved(integration.request_templates)
        for response in integration.responses:
            response.response_templates = _with_unresolved(response.response_templates)


def _with_unresolved(templates: dict[str, MappingTemplate]) -> dict[str, MappingTemplate]:
    marked = {}
    for content_type, template in templates.items():
        placeholder = PLACEHOLDER.search(template.text)
        if placeholder and template.unresolved is None:
            template = dataclasses.replace(template, unresolved=placeholder[0],
                                           unresolved_hint=unresolved_hint(placeholder))
        marked[content_type] = template
    return marked


class TracedDocument(Document):
    """Resolved data whose values know the Source they were resolved from (any file)."""

    def __init__(self, path: Path, data: Any, trace: dict[Path_, Source]) -> None:
        super().__init__(path, data, {key: source.line or 0 for key, source in trace.items()})
        self.trace = trace

    def source(self, at: Path_ = ()) -> Source:
        """Where the value at ``at`` was written (the nearest traced ancestor)."""
        at = tuple(at)
        while at and at not in self.trace:
            at = at[:-1]
        return self.trace.get(at, Source(str(self.path)))


def _properties(stack: _Stack, logical_id: str) -> dict[str, Any]:
    resource = stack.resolver.resource(logical_id) or {}
    properties = resource.get("Properties") or {}
    if not isinstance(properties, dict):
        raise DefinitionError(f"{logical_id}: Properties must be a mapping",
                              stack.template.locate(("Resources", logical_id, "Properties")))
    return properties


def _belongs(stack: _Stack, logical_id: str, api_id: str) -> bool:
    """True when the resource's ``RestApiId`` names the API ``api_id``."""
    return _api_named_by(_properties(stack, logical_id).get("RestApiId")) == api_id


def _resource_named_by(reference: Any) -> str | None:
    """The logical ID a ``ResourceId`` / ``ParentId`` value names: ``!Ref Res``, or
    ``!GetAtt Res.ResourceId`` (both the resource's ID: CloudFormation template reference,
    AWS::ApiGateway::Resource, Return values)."""
    return _named_by(reference, "ResourceId")


def _api_named_by(reference: Any) -> str | None:
    """The logical ID a ``RestApiId`` value names: ``!Ref Api``, or ``!GetAtt Api.RestApiId``
    (a RestApi's Ref and its RestApiId attribute are both its ID: CloudFormation template
    reference, AWS::ApiGateway::RestApi, Return values)."""
    return _named_by(reference, "RestApiId")


def _named_by(reference: Any, id_attribute: str) -> str | None:
    if not isinstance(reference, dict) or len(reference) != 1:
        return None
    if "Ref" in reference:
        return reference["Ref"] if isinstance(reference["Ref"], str) else None
    argument = reference.get("Fn::GetAtt")
    if isinstance(argument, str):
        argument = argument.split(".", 1)
    if isinstance(argument, list) and len(argument) == 2 and argument[1] == id_attribute:
        return argument[0] if isinstance(argument[0], str) else None
    return None


class _ResourcePaths:
    """Full paths of the API's resources, following each ``ParentId`` up to the root."""

    def __init__(self, stack: _Stack, api_id: str) -> None:
        self.stack, self.api_id = stack, api_id
        self.paths: dict[str, str] = {}

    def of(self, reference: Any, at: Path_, seen: tuple[str, ...] = ()) -> str:
        """The path ``reference`` (a ResourceId / ParentId value) stands for."""
        if _is_root(reference, self.api_id):
            return "/"
        target = _resource_named_by(reference)
        resource = self.stack.resolver.resource(target) if isinstance(target, str) else None
        if not isinstance(target, str) or resource is None or resource.get("Type") != "AWS::ApiGateway::Resource":
            raise DefinitionError(
                f"cannot tell which resource {json.dumps(reference)} is: write !Ref (or !GetAtt .ResourceId) of an "
                f"AWS::ApiGateway::Resource or !GetAtt {self.api_id}.RootResourceId",
                self.stack.template.locate(at))
        if target in seen:
            raise DefinitionError(f"the resources {' → '.join((*seen, target))} are their own parents",
                                  self.stack.template.locate(at))
        if target not in self.paths:
            self.paths[target] = self._path(target, (*seen, target))
        return self.paths[target]

    def _path(self, logical_id: str, seen: tuple[str, ...]) -> str:
        at: Path_ = ("Resources", logical_id, "Properties")
        properties = _properties(self.stack, logical_id)
        parent = self.of(properties.get("ParentId"), (*at, "ParentId"), seen)
        part = self.stack.resolve(properties.get("PathPart"), (*at, "PathPart"))
        if not isinstance(part, str) or not part:
            raise DefinitionError(f"{logical_id}: PathPart must be a non-empty string",
                                  self.stack.template.locate((*at, "PathPart")))
        return parent.rstrip("/") + "/" + part


def _check_unique_paths(stack: _Stack, api_id: str, paths: _ResourcePaths) -> None:
    """Refuse a second AWS::ApiGateway::Resource at one path (same parent, same PathPart):
    API Gateway's CreateResource answers ConflictException ("Another resource with the same
    parent already has this name"), which fails the stack. A resource whose path cannot be
    worked out is left to the method that uses it."""
    first: dict[str, str] = {}
    for logical_id, _ in stack.resources("AWS::ApiGateway::Resource"):
        if not _belongs(stack, logical_id, api_id):
            continue
        try:
            path = paths.of({"Ref": logical_id}, ("Resources", logical_id))
        except DefinitionError:
            continue
        other = first.setdefault(path, logical_id)
        if other != logical_id:
            raise DefinitionError(
                f"{logical_id} is a second resource at {path} (the first: {other} at "
                f"{stack.template.locate(('Resources', other))}): API Gateway refuses it "
                "(CreateResource: ConflictException, \"Another resource with the same parent "
                "already has this name\")", stack.template.locate(("Resources", logical_id)))


def _is_root(reference: Any, api_id: str) -> bool:
    if not isinstance(reference, dict) or list(reference) != ["Fn::GetAtt"]:
        return False
    argument = reference["Fn::GetAtt"]
    if isinstance(argument, str):
        argument = argument.split(".", 1)
    return bool(argument == [api_id, "RootResourceId"])


class _Resolved:
    """A resource's properties with their intrinsic functions evaluated, and where each of
    the resulting values was written (so a template chosen by ``!If`` or built by ``!Sub``
    keeps its line, and errors point at the field)."""

    def __init__(self, stack: _Stack, logical_id: str, skip: tuple[str, ...] = ()) -> None:
        at: Path_ = ("Resources", logical_id, "Properties")
        self.logical_id = logical_id
        self.fallback = stack.template.locate(("Resources", logical_id))
        self.trace: dict[Path_, Source] = {}
        raw = {key: value for key, value in _properties(stack, logical_id).items() if key not in skip}
        self.values = stack.resolver.resolve(raw, at, self.trace)

    def source(self, at: Path_) -> Source:
        """Where the resolved value at ``at`` (a path in :attr:`values`) was written."""
        while at and at not in self.trace:
            at = at[:-1]
        return self.trace.get(at, self.fallback)

    def mapping(self, value: Any, at: Path_, what: str) -> dict[str, Any]:
        """``value`` if it is a mapping (or absent: empty), else an error at its line."""
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise DefinitionError(f"{self.logical_id}: {what} must be a mapping", self.source(at))
        return value

    def text(self, values: dict[str, Any], key: str, at: Path_, default: Any = None) -> Any:
        """``values[key]`` as a string property (``default`` when absent); a list or mapping
        there is an error naming the field at its line, not the ``str()`` of it."""
        value = values.get(key, default)
        if isinstance(value, (dict, list)):
            field = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in (*at, key))
            kind = "a list" if isinstance(value, list) else "a mapping"
            raise DefinitionError(f"{self.logical_id}: {field.lstrip('.')} must be a string, not {kind}",
                                  self.source((*at, key)))
        if isinstance(value, bool):  # JSON spells it so, as CloudFormation receives it; not "True"
            return "true" if value else "false"
        return value if value is None or isinstance(value, str) else str(value)

    def mappings(self, value: Any, at: Path_, what: str) -> list[dict[str, Any]]:
        """``value`` if it is a list of mappings (or absent: empty), else an error at its line."""
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise DefinitionError(f"{self.logical_id}: {what} must be a list of mappings", self.source(at))
        return value


#: The properties of AWS::ApiGateway::Method and of its parts (CloudFormation template
#: The properties of an AWS::ApiGateway::RestApi (CloudFormation reference:
#: aws-resource-apigateway-restapi; its resource schema has additionalProperties false, so
#: CloudFormation refuses any other). A misspelt one (``BinaryMediaType``) is reported.
_REST_API_PROPERTIES = (
    "ApiKeySourceType", "BinaryMediaTypes", "Body", "BodyS3Location", "CloneFrom", "Description",
    "DisableExecuteApiEndpoint", "EndpointConfiguration", "FailOnWarnings", "MinimumCompressionSize",
    "Mode", "Name", "Parameters", "Policy", "Tags")


def _unknown_rest_api_properties(stack: _Stack, api_id: str, properties: Mapping[str, Any]) -> list[str]:
    """Warnings for the properties of a RestApi CloudFormation does not know."""
    return [f"{stack.template.locate(('Resources', api_id, 'Properties', key))}: {api_id}: {key} is "
            "not a property of AWS::ApiGateway::RestApi (CloudFormation refuses it); ignored"
            f"{did_you_mean(str(key), _REST_API_PROPERTIES)}"
            for key in properties if key not in _REST_API_PROPERTIES]


#: reference: aws-resource-apigateway-method, aws-properties-apigateway-method-integration,
#: -integrationresponse, -methodresponse). CloudFormation refuses any other property
#: ("Encountered unsupported property"); a misspelt one is reported, not silently dropped.
_METHOD_PROPERTIES = {
    "AWS::ApiGateway::Method": (
        "ApiKeyRequired", "AuthorizationScopes", "AuthorizationType", "AuthorizerId", "HttpMethod",
        "Integration", "MethodResponses", "OperationName", "RequestModels", "RequestParameters",
        "RequestValidatorId", "ResourceId", "RestApiId"),
    "Integration": (
        "CacheKeyParameters", "CacheNamespace", "ConnectionId", "ConnectionType", "ContentHandling",
        "Credentials", "IntegrationHttpMethod", "IntegrationResponses", "IntegrationTarget",
        "PassthroughBehavior", "RequestParameters", "RequestTemplates", "ResponseTransferMode",
        "TimeoutInMillis", "Type", "Uri"),
    "IntegrationResponse": (
        "ContentHandling", "ResponseParameters", "ResponseTemplates", "SelectionPattern", "StatusCode"),
    "MethodResponse": ("ResponseModels", "ResponseParameters", "StatusCode"),
}


def _listed(value: Any) -> list[Any]:
    """``value`` if it is a list, else no items."""
    return value if isinstance(value, list) else []


def _unknown_properties(resolved: _Resolved) -> list[str]:
    """Warnings for the properties of a Method (and its parts) CloudFormation does not know."""
    values = resolved.values
    parts: list[tuple[str, Any, Path_]] = [("AWS::ApiGateway::Method", values, ())]
    integration = values.get("Integration")
    # (a list of the wrong type is said by _method, at its line: fuzz_definitions seed 10)
    if isinstance(integration, dict):
        parts.append(("Integration", integration, ("Integration",)))
        for index, item in enumerate(_listed(integration.get("IntegrationResponses"))):
            parts.append(("IntegrationResponse", item, ("Integration", "IntegrationResponses", index)))
    for index, item in enumerate(_listed(values.get("MethodResponses"))):
        parts.append(("MethodResponse", item, ("MethodResponses", index)))
    warnings = []
    for kind, part, at in parts:
        known = _METHOD_PROPERTIES[kind]
        for key in part if isinstance(part, dict) else ():
            if key in known or key in ("ResourceId", "RestApiId"):
                continue
            field = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in (*at, key)).lstrip(".")
            where = kind if kind.startswith("AWS::") else f"AWS::ApiGateway::Method {kind}"
            hint = did_you_mean(key, known)
            warnings.append(f"{resolved.source((*at, key))}: {resolved.logical_id}: {field} is not a "
                            f"property of {where} (CloudFormation refuses it); ignored{hint}")
    return warnings


def _method(stack: _Stack, logical_id: str, paths: _ResourcePaths, warnings: list[str]) -> Method:
    at: Path_ = ("Resources", logical_id, "Properties")
    path = paths.of(_properties(stack, logical_id).get("ResourceId"), (*at, "ResourceId"))
    resolved = _Resolved(stack, logical_id, skip=("ResourceId", "RestApiId"))
    values = resolved.values
    warnings.extend(_unknown_properties(resolved))

    def build() -> Method:
        integration = values.get("Integration")
        return Method(
            http_method=resolved.text(values, "HttpMethod", (), ""),
            path=path,
            integration=None if integration is None else _integration(resolved, integration, ("Integration",)),
            request_parameters={k: _bool(v) for k, v in resolved.mapping(
                values.get("RequestParameters"), ("RequestParameters",), "RequestParameters").items()},
            request_models={k: str(v) for k, v in resolved.mapping(
                values.get("RequestModels"), ("RequestModels",), "RequestModels").items()},
            request_validator=str(values["RequestValidatorId"]) if "RequestValidatorId" in values else None,
            api_key_required=_bool(values.get("ApiKeyRequired", False), "ApiKeyRequired"),
            authorization_type=resolved.text(values, "AuthorizationType", (), "NONE"),
            authorizer=resolved.text(values, "AuthorizerId", ()),
            method_responses=_method_responses(resolved, values.get("MethodResponses"), ("MethodResponses",)),
            operation_name=values.get("OperationName"),
            source=resolved.fallback,
        )

    return _checked(build, stack, ("Resources", logical_id))


def _integration(resolved: _Resolved, raw: Any, at: Path_) -> Integration:
    values = resolved.mapping(raw, at, "Integration")
    responses = resolved.mappings(values.get("IntegrationResponses"), (*at, "IntegrationResponses"),
                                  "IntegrationResponses")
    return Integration(
        type=resolved.text(values, "Type", at, ""),
        uri=resolved.text(values, "Uri", at),
        http_method=resolved.text(values, "IntegrationHttpMethod", at),
        request_parameters={k: str(v) for k, v in resolved.mapping(
            values.get("RequestParameters"), (*at, "RequestParameters"), "RequestParameters").items()},
        request_templates=_templates(resolved, values.get("RequestTemplates"), (*at, "RequestTemplates")),
        passthrough_behavior=resolved.text(values, "PassthroughBehavior", at, "WHEN_NO_MATCH"),
        content_handling=values.get("ContentHandling"),
        responses=[_integration_response(resolved, item, (*at, "IntegrationResponses", index))
                   for index, item in enumerate(responses)],
        timeout_ms=int(str(values.get("TimeoutInMillis", 29000))),
        response_transfer_mode=resolved.text(values, "ResponseTransferMode", at, "BUFFERED"),
        connection_type=resolved.text(values, "ConnectionType", at, "INTERNET"),
        connection_id=resolved.text(values, "ConnectionId", at),
        source=resolved.source(at),
    )


def _integration_response(resolved: _Resolved, values: dict[str, Any], at: Path_) -> IntegrationResponse:
    pattern = resolved.text(values, "SelectionPattern", at)
    return IntegrationResponse(
        status_code=resolved.text(values, "StatusCode", at, ""),
        selection_pattern=None if pattern is None or pattern == "" else str(pattern),
        response_parameters={k: str(v) for k, v in resolved.mapping(
            values.get("ResponseParameters"), (*at, "ResponseParameters"), "ResponseParameters").items()},
        response_templates=_templates(resolved, values.get("ResponseTemplates"), (*at, "ResponseTemplates")),
        content_handling=values.get("ContentHandling"),
        source=resolved.source(at),
    )


def _templates(resolved: _Resolved, raw: Any, at: Path_) -> dict[str, MappingTemplate]:
    """Mapping templates by content type, each with the line its text starts on (a content
    type whose template is ``!Ref AWS::NoValue`` is already gone)."""
    templates: dict[str, MappingTemplate] = {}
    for content_type, text in resolved.mapping(raw, at, "templates").items():
        if text is None or isinstance(text, (dict, list, bool)):
            raise DefinitionError(f"{resolved.logical_id}: the template for {content_type} must be text",
                                  resolved.source((*at, content_type)))
        placeholder = PLACEHOLDER.search(str(text))
        templates[str(content_type)] = MappingTemplate(
            str(text), resolved.source((*at, content_type)),
            unresolved=placeholder[0] if placeholder else None,
            unresolved_hint=unresolved_hint(placeholder) if placeholder else None,
        )
    return templates


def _method_responses(resolved: _Resolved, raw: Any, at: Path_) -> dict[str, MethodResponse]:
    responses: dict[str, MethodResponse] = {}
    for index, values in enumerate(resolved.mappings(raw, at, "MethodResponses")):
        parameters = resolved.mapping(values.get("ResponseParameters"), (*at, index, "ResponseParameters"),
                                      "ResponseParameters")
        response = MethodResponse(
            status_code=resolved.text(values, "StatusCode", (*at, index), ""),
            headers={k.removeprefix(_RESPONSE_HEADER): _bool(v) for k, v in parameters.items()},
            models={k: str(v) for k, v in resolved.mapping(
                values.get("ResponseModels"), (*at, index, "ResponseModels"), "ResponseModels").items()},
        )
        responses[response.status_code] = response
    return responses


def _model(stack: _Stack, logical_id: str) -> Model:
    at: Path_ = ("Resources", logical_id, "Properties")
    values = stack.resolve(_properties(stack, logical_id), at)
    schema = values.get("Schema", {})
    if isinstance(schema, str):  # Schema may be written as a JSON string
        try:
            schema = json.loads(schema)
        except json.JSONDecodeError as error:
            raise DefinitionError(f"Schema of {logical_id} is not JSON: {error.msg}",
                                  stack.template.locate((*at, "Schema"))) from None
    return Model(name=str(values.get("Name") or logical_id), schema=schema,
                 content_type=str(values.get("ContentType", "application/json")),
                 source=stack.template.locate(("Resources", logical_id)))


def _validator(stack: _Stack, logical_id: str) -> RequestValidator:
    values = stack.resolve(_properties(stack, logical_id), ("Resources", logical_id, "Properties"))
    return _checked(lambda: RequestValidator(
        name=str(values.get("Name") or logical_id),
        validate_request_parameters=_bool(values.get("ValidateRequestParameters", False),
                                          "ValidateRequestParameters"),
        validate_request_body=_bool(values.get("ValidateRequestBody", False), "ValidateRequestBody"),
    ), stack, ("Resources", logical_id))


def _authorizer(stack: _Stack, logical_id: str) -> tuple[str, Authorizer]:
    """An AWS::ApiGateway::Authorizer, keyed as a Method's ``AuthorizerId: !Ref`` names it
    (its literal Name, else its logical ID: intrinsics ``REF_HOOKS``)."""
    at: Path_ = ("Resources", logical_id, "Properties")
    values = stack.resolve(_properties(stack, logical_id), at)
    ttl = values.get("AuthorizerResultTtlInSeconds", 300)

    def build() -> Authorizer:
        if isinstance(ttl, bool) or not str(ttl).isdigit():
            raise ModelError(f"AuthorizerResultTtlInSeconds must be a number of seconds, not {ttl!r}")
        return Authorizer(
            name=str(values.get("Name") or logical_id),
            type=str(values.get("Type", "")),
            identity_source=None if values.get("IdentitySource") is None else str(values["IdentitySource"]),
            identity_validation_expression=(None if values.get("IdentityValidationExpression") is None
                                            else str(values["IdentityValidationExpression"])),
            result_ttl_in_seconds=int(str(ttl)),
        )

    authorizer = _checked(build, stack, ("Resources", logical_id))
    authorizer.source = stack.template.locate(("Resources", logical_id))
    return stack.resolver.literal_property(logical_id, "Name") or logical_id, authorizer


#: The properties of AWS::ApiGateway::Authorizer (CloudFormation template reference:
#: aws-resource-apigateway-authorizer); CloudFormation refuses others, so a misspelt
#: ``IdentitySorce`` is reported instead of silently meaning no identity source.
_AUTHORIZER_PROPERTIES = (
    "AuthType", "AuthorizerCredentials", "AuthorizerResultTtlInSeconds", "AuthorizerUri",
    "IdentitySource", "IdentityValidationExpression", "Name", "ProviderARNs", "RestApiId", "Type")


def _unknown_authorizer_properties(stack: _Stack, logical_id: str) -> list[str]:
    warnings = []
    for key in _properties(stack, logical_id):
        if key not in _AUTHORIZER_PROPERTIES:
            hint = did_you_mean(key, _AUTHORIZER_PROPERTIES)
            where = stack.template.locate(("Resources", logical_id, "Properties", key))
            warnings.append(f"{where}: {logical_id}: {key} is not a property of "
                            f"AWS::ApiGateway::Authorizer (CloudFormation refuses it); ignored{hint}")
    return warnings


def _check_authorizer(stack: _Stack, logical_id: str, method: Method, api: Api) -> None:
    """A Method's AuthorizerId that names no Authorizer of this API (an imported or literal
    ID) cannot be checked: the method runs as if it named none, and a warning says so."""
    if method.authorizer is None and method.authorization_type in PROTECTED_AUTHORIZATION_TYPES:
        where = stack.template.locate(("Resources", logical_id, "Properties", "AuthorizationType"))
        api.warnings.append(authorizer_missing(where, logical_id, method.authorization_type,
                                               "AuthorizerId"))
    if method.authorizer is None or method.authorizer in api.authorizers:
        return
    where = stack.template.locate(("Resources", logical_id, "Properties", "AuthorizerId"))
    api.warnings.append(f"{where}: {logical_id}: AuthorizerId {method.authorizer!r} is no "
                        "AWS::ApiGateway::Authorizer of this API; its identity sources are not checked")
    method.authorizer = None


def _gateway_response(stack: _Stack, logical_id: str) -> GatewayResponse:
    properties = ("Resources", logical_id, "Properties")
    values = stack.resolve(_properties(stack, logical_id), properties)

    def build() -> GatewayResponse:
        return GatewayResponse(
            response_type=str(values.get("ResponseType", "")),
            status_code=str(values["StatusCode"]) if "StatusCode" in values else None,
            response_parameters=_string_map(stack, values, "ResponseParameters", properties),
            response_templates=_string_map(stack, values, "ResponseTemplates", properties),
            source=stack.template.locate(("Resources", logical_id)),
        )

    return _checked(build, stack, ("Resources", logical_id))


def _stages(stack: _Stack, api_id: str, api: Api) -> None:
    """Stage variables of ``AWS::ApiGateway::Stage``, and of a Deployment's own stage."""
    for logical_id, _ in stack.resources("AWS::ApiGateway::Stage"):
        if _belongs(stack, logical_id, api_id):
            properties = ("Resources", logical_id, "Properties")
            values = stack.resolve(_properties(stack, logical_id), properties)
            name = str(values.get("StageName") or logical_id)
            _check_stage_name(stack, logical_id, name, api)
            api.stages[name] = _string_map(stack, values, "Variables", properties)
    for logical_id, _ in stack.resources("AWS::ApiGateway::Deployment"):
        if _belongs(stack, logical_id, api_id):
            properties = ("Resources", logical_id, "Properties")
            values = stack.resolve(_properties(stack, logical_id), properties)
            if values.get("StageName"):
                _check_stage_name(stack, logical_id, str(values["StageName"]), api)
                description = _string_map(stack, values, "StageDescription", properties, text=False)
                variables = _string_map(stack, description, "Variables", (*properties, "StageDescription"))
                api.stages.setdefault(str(values["StageName"]), variables)


def _string_map(stack: _Stack, values: dict[str, Any], key: str, at: Path_, text: bool = True) -> dict[str, Any]:
    """``values[key]``, a mapping (absent: empty), its values as strings where ``text``
    (stage variables, gateway response parameters and templates); another type is an error
    at its line, not a Python exception (fuzz_definitions seed 3)."""
    value = values.get(key) or {}
    if not isinstance(value, dict):
        kind = "a list" if isinstance(value, list) else f"{type(value).__name__} {value!r}"[:60]
        raise DefinitionError(f"{at[1]}: {key} must be a mapping, not {kind}", stack.template.locate((*at, key)))
    return {str(k): str(v) for k, v in value.items()} if text else value


def _check_stage_name(stack: _Stack, logical_id: str, name: str, api: Api) -> None:
    refused = refused_stage_name(name)
    if refused is not None:
        at = ("Resources", logical_id, "Properties", "StageName")
        api.warnings.append(f"{stack.template.locate(at)}: {logical_id}: {refused}")


# -- small helpers ----------------------------------------------------------------------------


def _bool(value: Any, name: str = "a Boolean property") -> bool:
    """CloudFormation booleans may be written as strings ("true", "false", any case);
    another string is refused, as CloudFormation's check of the resource's schema refuses
    it ("expected type: Boolean, found: String"). It was read as false: the
    documentation's own RequestValidator example defaults ValidateRequestBody to
    "testvalidateRequestBody", and that validator ran as one checking no body."""
    if isinstance(value, str):
        text = value.strip().lower()
        if text not in ("true", "false"):
            raise ValueError(f"{name} must be true or false, not {value!r}")
        return text == "true"
    return bool(value)


def _checked(build: Callable[[], T], stack: _Stack, at: Path_) -> T:
    """Run ``build``, turning a model's refusal into an error at the resource's line."""
    try:
        return build()
    except (ModelError, ValueError) as error:
        if isinstance(error, DefinitionError):
            raise
        message = f"{at[-1]}: {error}"
        unknown = PLACEHOLDER.search(str(error))
        if unknown is not None:
            # the refused value is a stand-in for one only a deployment knows (a parameter
            # without Default): say how to give it rather than only that it is malformed
            message += f" ({unknown[0]} is {unresolved_hint(unknown)})"
        raise DefinitionError(message, stack.template.locate(at)) from None

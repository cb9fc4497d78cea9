"""Nested stacks (``AWS::CloudFormation::Stack``) grafted into their parent template.

A CDK ``NestedStack`` holding methods of its parent's REST API (the aws-apigateway
library's "Breaking up Methods and Resources across Stacks") is a resource of the parent
whose template is a file of the cloud assembly. The nested template names the API through
its ``Parameters``, which the parent sets (``Ref`` of the RestApi, ``Fn::GetAtt`` of its
``RootResourceId``). Grafting its resources into the parent, with each ``Ref`` to such a
parameter replaced by the parent's value, lets the CloudFormation reader see one API, and
each grafted value keeps its place in the nested file (``Template.grafts``) for locations.

Only what a reference needs is rewritten: ``Ref``, ``Fn::GetAtt``, ``Fn::Sub`` names,
``DependsOn``, conditions and mappings of the nested template (renamed when their name is
taken in the parent), and the parent's ``Fn::GetAtt Stack.Outputs.Name`` (the nested output's
value).

A stack of its own (not nested) can add methods to another stack's API too: CDK writes
``RestApi.fromRestApiAttributes`` across stacks as ``Fn::ImportValue`` of the API stack's
exports. :func:`graft_importing_stacks` grafts such a stack into the API's the same way, each
import of the API stack's exports replaced by the exported value. (The grafted resources
then read the API stack's pseudo parameters, ``AWS::StackName`` among them.)
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from vtl.api.sources.cloudformation import Template, load_template
from vtl.api.sources.document import DefinitionError, load_document

__all__ = ["NESTED_STACK", "ChildLoader", "Locator", "graft_importing_stacks", "graft_nested_stacks", "local_template_file"]

NESTED_STACK = "AWS::CloudFormation::Stack"
_SUB_NAME = re.compile(r"\$\{([^}!][^}]*)\}")

#: Finds the file of a nested stack's template: (its logical ID, its resource) → the path,
#: or None when the definition does not hold it.
Locator = Callable[[str, dict[str, Any]], Path | None]
#: Reads a nested stack's template file (its path, the parent's label) into the template
#: CloudFormation deploys: a SAM reader gives one that translates a SAM child first.
ChildLoader = Callable[[Path, str], Template]


def _plain_child(path: Path, label: str) -> Template:
    return load_template(load_document(path), label=label)


def graft_nested_stacks(template: Template, locate_file: Locator, warnings: list[str],
                        seen: tuple[Path, ...] = (), load_child: ChildLoader = _plain_child) -> None:
    """Graft every nested stack of ``template`` whose template ``locate_file`` finds (and
    their own nested stacks); one it cannot find is said in ``warnings``: its resources,
    methods of the API among them, would be missing without a word. ``seen`` holds the
    templates being grafted, so a template nesting itself is an error, not a loop."""
    resources = template.data.get("Resources")
    if not isinstance(resources, dict):
        return
    outputs: dict[str, dict[str, Any]] = {}
    for logical_id, resource in list(resources.items()):
        if not isinstance(resource, dict) or resource.get("Type") != NESTED_STACK:
            continue
        path = locate_file(logical_id, resource)
        where = template.locate(("Resources", logical_id))
        if path is None:
            warnings.append(f"{where}: nested stack {logical_id}: {_missing(template, resource)}; "
                            "its resources (methods of the API among them) are not read")
            continue
        if path.resolve() in seen:
            raise DefinitionError(f"nested stack {logical_id} nests {path.name}, which nests it", where)
        child = load_child(path, template.label)
        graft_nested_stacks(child, locate_file, warnings, (*seen, path.resolve()), load_child)
        given = {str(k): v for k, v in ((resource.get("Properties") or {}).get("Parameters") or {}).items()}
        outputs[logical_id] = _graft(template, logical_id, given, child)
    if outputs:
        template.data = _replace_output_refs(template.data, outputs)


def graft_importing_stacks(templates: list[Template], api_parts: tuple[str, ...]) -> None:
    """Graft each stack whose API parts (``api_parts`` resource types) all import the REST
    API of one other stack (``RestApiId: Fn::ImportValue`` of an export whose value is
    ``Ref`` of a RestApi there) into that stack, and take those parts out of it (so it
    reports none as belonging to an API it does not define)."""
    exports: dict[str, tuple[Template, Any]] = {}
    for template in templates:
        for output in (template.data.get("Outputs") or {}).values():
            name = (output.get("Export") or {}).get("Name") if isinstance(output, dict) else None
            if isinstance(name, str) and "Value" in output:
                exports[name] = (template, output["Value"])
    for child in templates:
        resources = child.data.get("Resources")
        if not isinstance(resources, dict):
            continue
        parts = [logical_id for logical_id, resource in resources.items()
                 if isinstance(resource, dict) and resource.get("Type") in api_parts]
        owners = [_imported_api(resources[part], exports) for part in parts]
        owner = owners[0] if owners else None
        if owner is None or owner is child or any(other is not owner for other in owners):
            continue  # no imported API, or parts of several: said as parts of no API here
        imports = {name: value for name, (template, value) in exports.items() if template is owner}
        _graft(owner, re.sub(r"\W", "", child.label) or "Imported", {}, child, imports)
        for logical_id in parts:
            del resources[logical_id]


def _imported_api(resource: dict[str, Any], exports: dict[str, tuple[Template, Any]]) -> Template | None:
    """The stack whose REST API a resource's ``RestApiId: Fn::ImportValue`` names, if any."""
    named = _property(resource, "RestApiId")
    name = named.get("Fn::ImportValue") if isinstance(named, dict) and len(named) == 1 else None
    if not isinstance(name, str) or name not in exports:
        return None
    owner, value = exports[name]
    target = value.get("Ref") if isinstance(value, dict) and len(value) == 1 else None
    api = (owner.data.get("Resources") or {}).get(target) if isinstance(target, str) else None
    return owner if isinstance(api, dict) and api.get("Type") == "AWS::ApiGateway::RestApi" else None


def _graft(parent: Template, stack_id: str, given: dict[str, Any], child: Template,
           imports: dict[str, Any] | None = None) -> dict[str, Any]:
    """Copy ``child``'s resources, conditions and mappings into ``parent``, its parameters
    ``given`` replaced by the parent's values and its ``Fn::ImportValue`` of the names in
    ``imports`` by their values; return its outputs' values, rewritten for the parent."""
    # a parameter the parent does not set keeps its own definition (its Default, or the
    # reader's "no value" warning), renamed like the rest
    sections = {section: dict(child.data.get(section) or {})
                for section in ("Resources", "Conditions", "Mappings", "Parameters")}
    sections["Parameters"] = {name: value for name, value in sections["Parameters"].items()
                              if name not in given}
    names: dict[str, str] = {}
    for section, values in sections.items():
        taken = set(parent.data.get(section) or {})
        for name in values:
            names[f"{section}:{name}"] = name if name not in taken else f"{stack_id}{name}"
    rewrite = _Rewriter(names, given, imports or {})
    for section, values in sections.items():
        for name, value in values.items():
            new_name = names[f"{section}:{name}"]
            parent.data.setdefault(section, {})[new_name] = rewrite.value(value)
            parent.grafts.append(((section, new_name), child.document, (section, name)))
            parent.grafts.extend(((section, new_name, *inner[2:]), document, inside)
                                 for inner, document, inside in child.grafts
                                 if inner[:2] == (section, name))
    return {str(name): rewrite.value(output.get("Value"))
            for name, output in (child.data.get("Outputs") or {}).items() if isinstance(output, dict)}


class _Rewriter:
    """A nested template's value as the parent must read it."""

    def __init__(self, names: dict[str, str], parameters: dict[str, Any], imports: dict[str, Any]) -> None:
        self.names = names
        self.parameters = parameters
        self.imports = imports

    def resource(self, name: str) -> str:
        return self.names.get(f"Resources:{name}", name)

    def value(self, value: Any) -> Any:
        if isinstance(value, list):
            return [self.value(item) for item in value]
        if not isinstance(value, dict):
            return value
        if len(value) == 1:
            (key, argument), = value.items()
            if key == "Ref" and isinstance(argument, str):
                if argument in self.parameters:
                    return copy.deepcopy(self.parameters[argument])
                return {"Ref": self.names.get(f"Parameters:{argument}", self.resource(argument))}
            if key == "Fn::ImportValue" and isinstance(argument, str) and argument in self.imports:
                return copy.deepcopy(self.imports[argument])  # a value of the parent's own
            if key == "Fn::GetAtt":
                return {"Fn::GetAtt": self.get_att(argument)}
            if key == "Fn::Sub":
                return {"Fn::Sub": self.sub(argument)}
            if key == "Condition" and isinstance(argument, str):
                return {"Condition": self.names.get(f"Conditions:{argument}", argument)}
            if key == "Fn::If" and isinstance(argument, list) and argument and isinstance(argument[0], str):
                return {"Fn::If": [self.names.get(f"Conditions:{argument[0]}", argument[0]),
                                   *self.value(argument[1:])]}
            if key == "Fn::FindInMap" and isinstance(argument, list) and argument \
                    and isinstance(argument[0], str):
                return {"Fn::FindInMap": [self.names.get(f"Mappings:{argument[0]}", argument[0]),
                                          *self.value(argument[1:])]}
        result = {key: self.value(item) for key, item in value.items()}
        if isinstance(value.get("DependsOn"), (str, list)):
            depends = value["DependsOn"]
            result["DependsOn"] = (self.resource(depends) if isinstance(depends, str)
                                   else [self.resource(d) if isinstance(d, str) else d for d in depends])
        if isinstance(value.get("Condition"), str) and "Type" in value:
            result["Condition"] = self.names.get(f"Conditions:{value['Condition']}", value["Condition"])
        return result

    def get_att(self, argument: Any) -> Any:
        if isinstance(argument, str) and "." in argument:
            name, attribute = argument.split(".", 1)
            return f"{self.resource(name)}.{attribute}"
        if isinstance(argument, list) and argument and isinstance(argument[0], str):
            return [self.resource(argument[0]), *self.value(argument[1:])]
        return self.value(argument)

    def sub(self, argument: Any) -> Any:
        """``${Param}`` becomes a variable of the map, bound to the parent's value;
        ``${Resource}`` and ``${Resource.Attr}`` follow a renamed resource."""
        text, variables = (argument, {}) if isinstance(argument, str) else (
            (argument[0], argument[1]) if isinstance(argument, list) and len(argument) == 2
            and isinstance(argument[0], str) and isinstance(argument[1], dict) else (None, None))
        if text is None or variables is None:
            return self.value(argument)
        bound = {str(k): self.value(v) for k, v in variables.items()}

        def rename(match: re.Match[str]) -> str:
            name = match.group(1)
            head = name.split(".", 1)[0]
            if name in bound:
                return match.group(0)
            if name in self.parameters:
                bound[name] = copy.deepcopy(self.parameters[name])
                return match.group(0)
            if f"Resources:{head}" in self.names:
                return "${" + self.resource(head) + name[len(head):] + "}"
            return match.group(0)

        text = _SUB_NAME.sub(rename, text)
        return [text, bound] if bound else text


def _replace_output_refs(value: Any, outputs: dict[str, dict[str, Any]]) -> Any:
    """The parent's ``Fn::GetAtt [Stack, Outputs.Name]`` → that output's value."""
    if isinstance(value, list):
        return [_replace_output_refs(item, outputs) for item in value]
    if not isinstance(value, dict):
        return value
    if list(value) == ["Fn::GetAtt"]:
        argument = value["Fn::GetAtt"]
        parts = (argument.split(".", 1) if isinstance(argument, str)
                 else argument if isinstance(argument, list) and len(argument) == 2 else None)
        if parts and parts[0] in outputs and isinstance(parts[1], str) \
                and parts[1].startswith("Outputs."):
            output = outputs[parts[0]].get(parts[1].removeprefix("Outputs."))
            if output is not None:
                return copy.deepcopy(output)
    return {key: _replace_output_refs(item, outputs) for key, item in value.items()}



def _missing(template: Template, resource: dict[str, Any]) -> str:
    """Why a nested stack's template was not found: a local TemplateURL names a file that is
    not there (which one), or the template is elsewhere (a URL, an asset not in the folder)."""
    url = _property(resource, "TemplateURL")
    if isinstance(url, str) and not re.match(r"[a-z0-9]+://", url):
        return f"its TemplateURL {url} names no file ({template.document.path.parent / url} is not there)"
    return "its template is not in this definition"


def _property(resource: dict[str, Any], name: str) -> Any:
    """A resource's ``Properties.NAME``, None where Properties is no mapping (a nested
    stack's TemplateURL, an importer's RestApiId: fuzz_definitions seeds 2 and 3)."""
    properties = resource.get("Properties")
    return properties.get(name) if isinstance(properties, dict) else None


def local_template_file(template_path: Path) -> Locator:
    """A nested stack's TemplateURL naming a local file (relative to the template), as
    ``aws cloudformation package`` takes it before uploading; a URL is not a file here."""
    def locate(logical_id: str, resource: dict[str, Any]) -> Path | None:
        url = _property(resource, "TemplateURL")
        if not isinstance(url, str) or re.match(r"[a-z0-9]+://", url):
            return None
        path = template_path.parent / url
        return path if path.is_file() else None
    return locate

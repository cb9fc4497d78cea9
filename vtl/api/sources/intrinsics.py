"""CloudFormation's intrinsic functions, evaluated the way a deployment would, offline.

A reader of CloudFormation (plain, SAM after translation, CDK output) asks a
:class:`Resolver` for the value of a property; the resolver evaluates ``Ref``,
``Fn::Sub``, ``Fn::Join``, ``Fn::GetAtt``, ``Fn::If`` and the rest against:

- the values the user passes (``--param Name=Value``), then the parameters' ``Default``;
  a resource's Ref or attribute may be given the same way (``--param Table=orders``,
  ``--param Queue.Arn=arn:...``) when only a deployment would know it;
- the pseudo parameters, with the sample values of :data:`PSEUDO_PARAMETERS` (a user may
  pass ``--param AWS::Region=eu-west-1`` to change one);
- ``Mappings``, ``Conditions``, and what the template itself says about its resources
  (:func:`Resolver.ref_hooks`).

What only exists once deployed (a function's generated ARN, a value imported from another
stack, an SSM parameter) cannot be known: it becomes a visible placeholder written
``${Function:Argument}`` (:func:`placeholder`), e.g. ``${Fn::GetAtt:CreateOrderFunction.Arn}``
or ``${Ref:TableName}``, never an empty string. A condition that depends on such a value
cannot be decided, so it is an error that says which parameter to pass.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

from vtl.api.model import Source
from vtl.api.sources.document import DefinitionError

__all__ = [
    "IMPORT_PARAM_PREFIX",
    "NO_VALUE",
    "PLACEHOLDER",
    "PSEUDO_PARAMETERS",
    "Resolver",
    "placeholder",
    "unresolved_hint",
]

Path_ = tuple[Hashable, ...]
Locate = Callable[[Path_], Source]

#: Sample values of the pseudo parameters: the ones AWS's documentation uses in its examples
#: (account 123456789012, us-east-1). One named place; the README lists them too.
PSEUDO_PARAMETERS: dict[str, Any] = {
    "AWS::Region": "us-east-1",
    "AWS::AccountId": "123456789012",
    "AWS::Partition": "aws",
    "AWS::URLSuffix": "amazonaws.com",
    "AWS::StackName": "sample-stack",
    "AWS::StackId": (
        "arn:aws:cloudformation:us-east-1:123456789012:stack/sample-stack/"
        "00000000-0000-0000-0000-000000000000"
    ),
    "AWS::NotificationARNs": [],
}


class _NoValue:
    """``Ref: AWS::NoValue``: the property (or list item) holding it is removed."""

    def __repr__(self) -> str:
        return "NO_VALUE"


NO_VALUE: Any = _NoValue()

#: Parameter types whose Default names something to look up at deploy time, not the value.
_LOOKED_UP_TYPES = ("AWS::SSM::Parameter::Value<",)
_LIST_TYPES = ("CommaDelimitedList", "List<")
#: Names API Gateway substitutes itself (`${stageVariables.x}` in a URI, `${context.x}`,
#: `${input.x}` in templates): inside Fn::Sub they must be written `${!stageVariables.x}`.
_VTL_ROOTS = ("stageVariables", "context", "input", "util", "method")
_SUB_VARIABLE = re.compile(r"\$\{([^}]*)\}")


def placeholder(function: str, argument: str) -> str:
    """The visible stand-in for a value only a deployment knows: ``${Fn::GetAtt:Fn.Arn}``."""
    return "${" + function + ":" + argument + "}"


#: A :func:`placeholder` in a text (a template ``Fn::Sub`` built): function, argument.
PLACEHOLDER = re.compile(r"\$\{(Ref|Fn::[A-Za-z]+):([^}]*)\}")


@dataclass
class Resolver:
    """Evaluates intrinsic functions in the values of one template.

    ``template`` is the whole template (Parameters, Mappings, Conditions, Resources);
    ``params`` the user's values (parameters and pseudo parameters by name); ``locate``
    gives the Source of a path of the template, for errors; ``exports`` maps export names
    of other stacks (a cdk.out) to a function giving their value.
    """

    template: Mapping[str, Any]
    locate: Locate
    params: Mapping[str, str] = field(default_factory=dict)
    pseudo: Mapping[str, Any] = field(default_factory=dict)
    exports: Mapping[str, Callable[[], Any]] = field(default_factory=dict)
    _conditions: dict[str, bool] = field(default_factory=dict)
    _unresolved: list[str] = field(default_factory=list)
    #: Parameters without a Default or a value given that were referred to (in order): they
    #: stay ``${Ref:Name}``, and the reader says so once each.
    unset_parameters: dict[str, None] = field(default_factory=dict)
    _evaluating: set[str] = field(default_factory=set)

    # -- the public surface -------------------------------------------------------------

    def resolve(self, value: Any, at: Path_, trace: dict[Path_, Source] | None = None) -> Any:
        """The value at path ``at`` with every intrinsic function evaluated.

        With ``trace``, records the Source of every value of the result by its path in
        the result (so an OpenAPI body inside a template keeps its lines).
        """
        try:
            return self._value(value, at, (), trace)
        except RecursionError:  # e.g. a Model whose Name is !Ref of itself
            raise DefinitionError("this value refers to itself (a cycle of Ref, GetAtt or "
                                  "conditions)", self.locate(at)) from None

    def condition(self, name: str, at: Path_) -> bool:
        """The truth of the template's condition ``name`` (as used by ``Condition:`` keys)."""
        if name not in self._conditions:
            conditions = self.template.get("Conditions") or {}
            if name not in conditions:
                raise DefinitionError(f"condition {name!r} is not in Conditions",
                                      self.locate(self._condition_user(name) or at))
            if name in self._evaluating:
                raise DefinitionError(f"condition {name!r} depends on itself", self.locate(at))
            self._evaluating.add(name)
            try:
                self._conditions[name] = self._truth(conditions[name], ("Conditions", name))
            finally:
                self._evaluating.discard(name)
        return self._conditions[name]

    def _condition_user(self, name: str) -> Path_ | None:
        """Where a resource names the condition ``name`` (``Condition: name``): the place
        to fix a missing one, rather than the condition SAM built from it."""
        for logical_id, resource in (self.template.get("Resources") or {}).items():
            if isinstance(resource, dict) and resource.get("Condition") == name:
                return ("Resources", logical_id, "Condition")
        return None

    def resource(self, logical_id: str) -> Mapping[str, Any] | None:
        """The template's resource ``logical_id`` (None if there is none)."""
        resources = self.template.get("Resources") or {}
        found = resources.get(logical_id)
        return found if isinstance(found, dict) else None

    # -- values -------------------------------------------------------------------------

    def _value(self, value: Any, at: Path_, dst: Path_, trace: dict[Path_, Source] | None) -> Any:
        if trace is not None:
            trace[dst] = self.locate(at)
        if isinstance(value, dict):
            if len(value) == 1:
                (key, argument), = value.items()
                if key in _CHOOSING:  # the chosen value keeps its own place (a template's lines)
                    chosen, chosen_at = _CHOOSING[key](self, argument, (*at, key))
                    return self._value(chosen, chosen_at, dst, trace)
                if key == "Ref" or (isinstance(key, str) and key.startswith("Fn::")):
                    return self._function(key, argument, (*at, key))
            result = {}
            for key, item in value.items():
                resolved = self._value(item, (*at, key), (*dst, key), trace)
                if resolved is not NO_VALUE:
                    result[key] = resolved
            return result
        if isinstance(value, list):
            items: list[Any] = []
            for index, item in enumerate(value):
                resolved = self._value(item, (*at, index), (*dst, len(items)), trace)
                if resolved is not NO_VALUE:
                    items.append(resolved)
            return items
        return value

    def _function(self, name: str, argument: Any, at: Path_) -> Any:
        handler = _FUNCTIONS.get(name)
        if handler is None:
            raise DefinitionError(f"{name} is not an intrinsic function vtl can evaluate", self.locate(at))
        return handler(self, argument, at)

    def _string(self, value: Any, at: Path_, what: str) -> str:
        resolved = self._value(value, at, (), None)
        if isinstance(resolved, bool):
            return "true" if resolved else "false"
        if isinstance(resolved, (int, float)):
            return str(resolved)
        if not isinstance(resolved, str):
            raise DefinitionError(f"{what} must be a string, not {_kind(resolved)}", self.locate(at))
        return resolved

    def _list(self, value: Any, at: Path_, what: str) -> list[Any]:
        resolved = self._value(value, at, (), None)
        if not isinstance(resolved, list):
            raise DefinitionError(f"{what} must be a list, not {_kind(resolved)}", self.locate(at))
        return resolved

    def _unknown(self, function: str, argument: str) -> str:
        self._unresolved.append(f"{function} {argument}")
        return placeholder(function, argument)

    # -- Ref and Fn::GetAtt ---------------------------------------------------------------

    def ref(self, name: Any, at: Path_) -> Any:
        """``Ref``: a parameter's value, a pseudo parameter, or what a resource's Ref gives."""
        if not isinstance(name, str):
            raise DefinitionError(f"Ref takes a name, not {_kind(name)}", self.locate(at))
        if name == "AWS::NoValue":
            return NO_VALUE
        if name.startswith("AWS::"):
            if name in self.params:
                return self.params[name]
            if name in self.pseudo:
                return self.pseudo[name]
            if name == "AWS::StackId":  # the sample ID, with this stack's partition, region, name
                partition, region, account, stack = (
                    self.ref(f"AWS::{p}", at) for p in ("Partition", "Region", "AccountId", "StackName"))
                return (f"arn:{partition}:cloudformation:{region}:{account}:stack/{stack}/"
                        "00000000-0000-0000-0000-000000000000")
            if name in PSEUDO_PARAMETERS:
                return PSEUDO_PARAMETERS[name]
            raise DefinitionError(f"Ref to unknown pseudo parameter {name}", self.locate(at))
        parameters = self.template.get("Parameters") or {}
        if name in parameters:
            if name in self.params:
                return self._parameter_value(name, self.params[name])
            definition = parameters[name] if isinstance(parameters[name], dict) else {}
            looked_up = str(definition.get("Type", "")).startswith(_LOOKED_UP_TYPES)
            if "Default" in definition and not looked_up:
                return self._parameter_value(name, definition["Default"])
            if not looked_up:  # an SSM parameter is looked up when deploying: no news
                self.unset_parameters[name] = None
            return self._unknown("Ref", name)
        resource = self.resource(name)
        if resource is None:
            raise DefinitionError(f"Ref to {name!r}, which is neither a parameter nor a resource",
                                  self.locate(at))
        if name in self.params:  # --param Table=orders: what the user knows the deployment gives
            return self.params[name]
        hook = REF_HOOKS.get(str(resource.get("Type")))
        found = hook(self, name, resource) if hook else None
        return found if found is not None else self._unknown("Ref", name)

    def _parameter_value(self, name: str, value: Any) -> Any:
        parameters = self.template.get("Parameters") or {}
        definition = parameters.get(name) if isinstance(parameters.get(name), dict) else {}
        kind = str((definition or {}).get("Type", "String"))
        if isinstance(value, list):
            return [str(item) for item in value]
        text = "true" if value is True else "false" if value is False else str(value)
        if kind.startswith(_LIST_TYPES):
            return [item.strip() for item in text.split(",")] if text else []
        return text

    def get_att(self, argument: Any, at: Path_) -> Any:
        """``Fn::GetAtt``: what the template says of the attribute, else a placeholder."""
        if isinstance(argument, str):
            argument = argument.split(".", 1)
        if not (isinstance(argument, list) and len(argument) == 2):
            raise DefinitionError("Fn::GetAtt takes [LogicalId, Attribute]", self.locate(at))
        logical_id = argument[0]
        attribute = self._string(argument[1], (*at, 1), "the Fn::GetAtt attribute")
        resource = self.resource(str(logical_id))
        if resource is None:
            raise DefinitionError(f"Fn::GetAtt of {logical_id!r}, which is not a resource of the template",
                                  self.locate(at))
        if f"{logical_id}.{attribute}" in self.params:  # --param Queue.Arn=arn:aws:sqs:...
            return self.params[f"{logical_id}.{attribute}"]
        hook = GET_ATT_HOOKS.get((str(resource.get("Type")), attribute))
        found = hook(self, str(logical_id), resource) if hook else None
        return found if found is not None else self._unknown("Fn::GetAtt", f"{logical_id}.{attribute}")

    def literal_property(self, logical_id: str, name: str) -> str | None:
        """A resource's property that resolves to a string without placeholders, else None."""
        properties = (self.resource(logical_id) or {}).get("Properties") or {}
        if not isinstance(properties, dict) or name not in properties:
            return None
        before = len(self._unresolved)
        value = self._value(properties[name], ("Resources", logical_id, "Properties", name), (), None)
        if len(self._unresolved) != before or not isinstance(value, str):
            del self._unresolved[before:]
            return None
        return value

    # -- conditions -----------------------------------------------------------------------

    def _param_hint(self, unknown: str) -> str:
        """The ``--param`` giving an unresolved ``"Ref Name"`` / ``"Fn::GetAtt R.A"`` /
        ``"Fn::ImportValue export"``, with a parameter's AllowedValues when it declares them."""
        function, _, argument = unknown.partition(" ")
        if function == "Fn::ImportValue":
            return f"--param {IMPORT_PARAM_PREFIX}{argument}=VALUE"
        declared = (self.template.get("Parameters") or {}).get(argument) if function == "Ref" else None
        allowed = declared.get("AllowedValues") if isinstance(declared, dict) else None
        if isinstance(allowed, list) and allowed:
            return f"--param {argument}=" + "|".join(str(v) for v in allowed)
        return f"--param {argument}=VALUE"

    def _truth(self, value: Any, at: Path_) -> bool:
        before = len(self._unresolved)
        if isinstance(value, dict) and list(value) == ["Condition"]:
            return self.condition(str(value["Condition"]), at)
        result = self._value(value, at, (), None)
        if len(self._unresolved) != before:
            unknown = sorted(set(self._unresolved[before:]))
            raise DefinitionError(
                f"this condition depends on {', '.join(unknown)}, which only a deployment knows: "
                f"give {'it' if len(unknown) == 1 else 'them'} with "
                + ", ".join(self._param_hint(u) for u in unknown), self.locate(at))
        if isinstance(result, str) and result.lower() in ("true", "false"):
            return result.lower() == "true"
        if not isinstance(result, bool):
            raise DefinitionError(f"a condition must be true or false, not {_kind(result)}", self.locate(at))
        return result


# -- the functions, one small function each ---------------------------------------------


def _fn_ref(resolver: Resolver, argument: Any, at: Path_) -> Any:
    return resolver.ref(argument, at)


def _fn_get_att(resolver: Resolver, argument: Any, at: Path_) -> Any:
    return resolver.get_att(argument, at)


def _fn_sub(resolver: Resolver, argument: Any, at: Path_) -> str:
    """``Fn::Sub``: ``${Name}`` (variable map, then Ref), ``${Res.Attr}``, ``${!Literal}``."""
    variables: dict[str, Any] = {}
    if isinstance(argument, list):
        if len(argument) != 2 or not isinstance(argument[1], dict):
            raise DefinitionError("Fn::Sub takes a string, or [string, {Name: value}]", resolver.locate(at))
        text_at: Path_ = (*at, 0)
        variables = {name: (value, (*at, 1, name)) for name, value in argument[1].items()}
        text = argument[0]
    else:
        text, text_at = argument, at
    if not isinstance(text, str):
        raise DefinitionError(f"Fn::Sub takes a string, not {_kind(text)}", resolver.locate(text_at))

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1).strip()
        if name.startswith("!"):  # ${!Literal} writes ${Literal}
            return "${" + match.group(1)[1:] + "}"
        if name in variables:
            value, value_at = variables[name]
            return resolver._string(value, value_at, f"the Fn::Sub variable {name}")
        if "." in name and not name.startswith("AWS::"):
            logical_id, attribute = name.split(".", 1)
            if logical_id in _VTL_ROOTS and resolver.resource(logical_id) is None:
                raise DefinitionError(
                    f"Fn::Sub reads ${{{name}}} as an attribute of a resource {logical_id}; to keep "
                    f"API Gateway's ${{{name}}} write ${{!{name}}}", resolver.locate(text_at))
            if resolver.resource(logical_id) is None:  # a Velocity formal reference, most likely
                raise DefinitionError(
                    f"Fn::Sub reads ${{{name}}} as an attribute of a resource {logical_id}, which the "
                    f"template does not have; for Velocity's own ${{{name}}} write ${{!{name}}}",
                    resolver.locate(text_at))
            return _as_text(resolver, resolver.get_att([logical_id, attribute], text_at), text_at, name)
        if not (name.startswith("AWS::") or name in (resolver.template.get("Parameters") or {})
                or resolver.resource(name) is not None):
            raise DefinitionError(
                f"Fn::Sub: ${{{name}}} is neither a parameter nor a resource; for Velocity's own "
                f"${{{name}}} write ${{!{name}}}", resolver.locate(text_at))
        return _as_text(resolver, resolver.ref(name, text_at), text_at, name)

    return _SUB_VARIABLE.sub(substitute, text)


def _as_text(resolver: Resolver, value: Any, at: Path_, name: str) -> str:
    if isinstance(value, str):
        return value
    raise DefinitionError(f"${{{name}}} in Fn::Sub is {_kind(value)}, not a string", resolver.locate(at))


def _fn_join(resolver: Resolver, argument: Any, at: Path_) -> str:
    if not (isinstance(argument, list) and len(argument) == 2):
        raise DefinitionError("Fn::Join takes [delimiter, [values]]", resolver.locate(at))
    delimiter = resolver._string(argument[0], (*at, 0), "the Fn::Join delimiter")
    items = resolver._list(argument[1], (*at, 1), "the Fn::Join values")
    texts = []
    for index, item in enumerate(items):
        if not isinstance(item, str):
            raise DefinitionError(f"Fn::Join value {index} is {_kind(item)}, not a string", resolver.locate(at))
        texts.append(item)
    return delimiter.join(texts)


class _UnknownParts(list[str]):
    """What ``Fn::Split`` gives of a text holding a value only a deployment knows (the
    function's ARN of ``!Select [6, !Split [":", !GetAtt Fn.Arn]]``): how many parts there
    are and what they hold is not known, so the list holds that value's placeholder alone,
    and any part selected from it is that placeholder, which names what to give (``--param
    Fn.Arn=...``) instead of a part of the placeholder's own text."""


def _fn_select(resolver: Resolver, argument: Any, at: Path_) -> Any:
    if not (isinstance(argument, list) and len(argument) == 2):
        raise DefinitionError("Fn::Select takes [index, [values]]", resolver.locate(at))
    index_text = resolver._string(argument[0], (*at, 0), "the Fn::Select index")
    items = resolver._list(argument[1], (*at, 1), "the Fn::Select values")
    if isinstance(items, _UnknownParts) and index_text.isdigit():
        return items[0]
    if not index_text.isdigit() or int(index_text) >= len(items):
        raise DefinitionError(f"Fn::Select index {index_text} is not in a list of {len(items)}",
                              resolver.locate(at))
    return items[int(index_text)]


def _fn_split(resolver: Resolver, argument: Any, at: Path_) -> list[str]:
    if not (isinstance(argument, list) and len(argument) == 2):
        raise DefinitionError("Fn::Split takes [delimiter, string]", resolver.locate(at))
    delimiter = resolver._string(argument[0], (*at, 0), "the Fn::Split delimiter")
    text = resolver._string(argument[1], (*at, 1), "the Fn::Split source")
    if not delimiter:
        raise DefinitionError("the Fn::Split delimiter is empty", resolver.locate(at))
    unknown = PLACEHOLDER.search(text)
    if unknown is not None:
        return _UnknownParts([unknown[0]])
    return text.split(delimiter)


def _fn_find_in_map(resolver: Resolver, argument: Any, at: Path_) -> Any:
    found, found_at = _find_in_map(resolver, argument, at)
    return resolver._value(found, found_at, (), None)


def _find_in_map(resolver: Resolver, argument: Any, at: Path_) -> tuple[Any, Path_]:
    """``Fn::FindInMap``: the value it finds and where the template writes it (the entry of
    ``Mappings``, or the ``DefaultValue`` of AWS::LanguageExtensions)."""
    if not (isinstance(argument, list) and len(argument) in (3, 4)):
        raise DefinitionError("Fn::FindInMap takes [MapName, TopLevelKey, SecondLevelKey]",
                              resolver.locate(at))
    keys = [resolver._string(argument[i], (*at, i), "a Fn::FindInMap key") for i in range(3)]
    found: Any = resolver.template.get("Mappings") or {}
    for key in keys:
        if not isinstance(found, dict) or key not in found:
            if len(argument) == 4 and isinstance(argument[3], dict) and "DefaultValue" in argument[3]:
                return argument[3]["DefaultValue"], (*at, 3, "DefaultValue")
            raise DefinitionError(f"Fn::FindInMap: Mappings has no {'.'.join(keys)}", resolver.locate(at))
        found = found[key]
    return found, ("Mappings", *keys)


def _fn_base64(resolver: Resolver, argument: Any, at: Path_) -> str:
    text = resolver._string(argument, at, "the Fn::Base64 value")
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def _if_chosen(resolver: Resolver, argument: Any, at: Path_) -> tuple[Any, Path_]:
    chosen = _if_branch(resolver, argument, at)
    return argument[chosen], (*at, chosen)


def _if_branch(resolver: Resolver, argument: Any, at: Path_) -> int:
    """``Fn::If``: the index (1 or 2) of the branch its condition chooses."""
    if not (isinstance(argument, list) and len(argument) == 3 and isinstance(argument[0], str)):
        raise DefinitionError("Fn::If takes [ConditionName, value if true, value if false]",
                              resolver.locate(at))
    return 1 if resolver.condition(argument[0], at) else 2


def _fn_equals(resolver: Resolver, argument: Any, at: Path_) -> bool:
    if not (isinstance(argument, list) and len(argument) == 2):
        raise DefinitionError("Fn::Equals takes [value, value]", resolver.locate(at))
    left, right = (resolver._value(argument[i], (*at, i), (), None) for i in (0, 1))
    return bool(_comparable(left) == _comparable(right))


def _comparable(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return value


def _fn_and(resolver: Resolver, argument: Any, at: Path_) -> bool:
    return all(resolver._truth(item, (*at, i)) for i, item in enumerate(_conditions(resolver, argument, at)))


def _fn_or(resolver: Resolver, argument: Any, at: Path_) -> bool:
    return any(resolver._truth(item, (*at, i)) for i, item in enumerate(_conditions(resolver, argument, at)))


def _fn_not(resolver: Resolver, argument: Any, at: Path_) -> bool:
    if not (isinstance(argument, list) and len(argument) == 1):
        raise DefinitionError("Fn::Not takes [condition]", resolver.locate(at))
    return not resolver._truth(argument[0], (*at, 0))


def _conditions(resolver: Resolver, argument: Any, at: Path_) -> list[Any]:
    if not isinstance(argument, list) or not argument:
        raise DefinitionError("Fn::And / Fn::Or take a list of conditions", resolver.locate(at))
    return argument


def _fn_length(resolver: Resolver, argument: Any, at: Path_) -> int:
    return len(resolver._list(argument, at, "the Fn::Length value"))


def _fn_to_json_string(resolver: Resolver, argument: Any, at: Path_) -> str:
    """``Fn::ToJsonString`` (AWS::LanguageExtensions): compact JSON, as the example of its
    reference page shows (``{"key1":"value1","key2":"resolvedValue"}``)."""
    value = resolver._value(argument, at, (), None)
    if not isinstance(value, (dict, list)):
        raise DefinitionError(f"Fn::ToJsonString takes a mapping or a list, not {_kind(value)}",
                              resolver.locate(at))
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


#: ``--param Fn::ImportValue:Name=VALUE`` gives the value of another stack's export (the
#: key is the placeholder's text, so the error naming ``${Fn::ImportValue:Name}`` says it).
IMPORT_PARAM_PREFIX = "Fn::ImportValue:"


def _fn_import_value(resolver: Resolver, argument: Any, at: Path_) -> Any:
    name = resolver._string(argument, at, "the Fn::ImportValue name")
    if name in resolver.exports:
        return resolver.exports[name]()
    if IMPORT_PARAM_PREFIX + name in resolver.params:
        return resolver.params[IMPORT_PARAM_PREFIX + name]
    return resolver._unknown("Fn::ImportValue", name)


def unresolved_hint(found: re.Match[str]) -> str:
    """How to give the value a :data:`PLACEHOLDER` stands for, in ``--param`` terms."""
    function, argument = found[1], found[2]
    if function == "Ref":
        return f"a value only a deployment knows: give it with --param {argument}=VALUE to run it"
    if function == "Fn::GetAtt":
        return f"a value only a deployment knows: give it with --param {argument}=VALUE to run it"
    if function == "Fn::ImportValue":
        return (f"another stack's export: give it with --param {IMPORT_PARAM_PREFIX}{argument}=VALUE "
                "to run it")
    return f"a value only a deployment knows ({function} is not evaluated here)"


def _fn_get_azs(resolver: Resolver, argument: Any, at: Path_) -> Any:
    region = resolver._string(argument, at, "the Fn::GetAZs region") or str(resolver.ref("AWS::Region", at))
    return resolver._unknown("Fn::GetAZs", region)


def _fn_cidr(resolver: Resolver, argument: Any, at: Path_) -> Any:
    return resolver._unknown("Fn::Cidr", "...")


def _fn_transform(resolver: Resolver, argument: Any, at: Path_) -> Any:
    name = argument.get("Name") if isinstance(argument, dict) else None
    raise DefinitionError(
        f"Fn::Transform {name} is a macro CloudFormation runs at deploy time; vtl expands only "
        "AWS::Include of a local file", resolver.locate(at))


#: Functions that choose one of the values written in the template: the value chosen is
#: resolved where it is written, so a template's lines point there (not at the call).
_CHOOSING: dict[str, Callable[[Resolver, Any, Path_], tuple[Any, Path_]]] = {
    "Fn::If": _if_chosen,
    "Fn::FindInMap": _find_in_map,
}

_FUNCTIONS: dict[str, Callable[[Resolver, Any, Path_], Any]] = {
    "Ref": _fn_ref,
    "Fn::GetAtt": _fn_get_att,
    "Fn::Sub": _fn_sub,
    "Fn::Join": _fn_join,
    "Fn::Select": _fn_select,
    "Fn::Split": _fn_split,
    "Fn::FindInMap": _fn_find_in_map,
    "Fn::Base64": _fn_base64,
    "Fn::Equals": _fn_equals,
    "Fn::And": _fn_and,
    "Fn::Or": _fn_or,
    "Fn::Not": _fn_not,
    "Fn::Length": _fn_length,
    "Fn::ToJsonString": _fn_to_json_string,
    "Fn::ImportValue": _fn_import_value,
    "Fn::GetAZs": _fn_get_azs,
    "Fn::Cidr": _fn_cidr,
    "Fn::Transform": _fn_transform,
}


# -- what the template itself tells about a resource's Ref and attributes ---------------


def _named(property_name: str) -> Callable[[Resolver, str, Mapping[str, Any]], str | None]:
    """Ref of a resource whose Ref is its name: that name if written, else its logical ID.

    API Gateway models, validators and authorizers are referred to by name from methods; when the
    template gives none, CloudFormation generates one, and the logical ID stands for it.
    """

    def hook(resolver: Resolver, logical_id: str, resource: Mapping[str, Any]) -> str | None:
        return resolver.literal_property(logical_id, property_name) or logical_id

    return hook


def _lambda_name(resolver: Resolver, logical_id: str, resource: Mapping[str, Any]) -> str | None:
    return resolver.literal_property(logical_id, "FunctionName")


def _lambda_arn(resolver: Resolver, logical_id: str, resource: Mapping[str, Any]) -> str | None:
    """A function with a literal FunctionName has a known ARN (AWS::Lambda::Function, Arn)."""
    name = resolver.literal_property(logical_id, "FunctionName")
    if name is None:
        return None
    if name.startswith("arn:"):
        return name
    partition, region, account = (str(resolver.ref(p, ())) for p in
                                  ("AWS::Partition", "AWS::Region", "AWS::AccountId"))
    return f"arn:{partition}:lambda:{region}:{account}:function:{name}"


Hook = Callable[[Resolver, str, Mapping[str, Any]], Any]


def _given_name(property_name: str, form: str = "{name}") -> Hook:
    """The Ref or attribute of a resource whose name the template gives (``TableName``…),
    written in ``form`` (``{name}``, ``{partition}``, ``{region}``, ``{account}``,
    ``{suffix}``); None (a placeholder) when the name is generated or not literal.

    The forms are those of the resources' "Return values" sections in the CloudFormation
    template reference (e.g. a queue's Ref is its URL, a state machine's its ARN)."""

    def hook(resolver: Resolver, logical_id: str, resource: Mapping[str, Any]) -> str | None:
        name = resolver.literal_property(logical_id, property_name)
        if name is None:
            return None
        partition, region, account, suffix = (str(resolver.ref(p, ())) for p in (
            "AWS::Partition", "AWS::Region", "AWS::AccountId", "AWS::URLSuffix"))
        return form.format(name=name, partition=partition, region=region, account=account, suffix=suffix)

    return hook


#: Resources whose name the template may give, and how their Ref and attributes derive from
#: it: a direct service integration's template names its table, queue, topic or state
#: machine with ``!Sub "${Table}"``, and a written name makes that value known offline.
_NAMED_RESOURCES: dict[str, tuple[str, str, dict[str, str]]] = {
    # type: (name property, form of Ref, {attribute: form})
    "AWS::DynamoDB::Table": ("TableName", "{name}", {
        "Arn": "arn:{partition}:dynamodb:{region}:{account}:table/{name}"}),
    "AWS::SQS::Queue": ("QueueName", "https://sqs.{region}.{suffix}/{account}/{name}", {
        "QueueName": "{name}", "QueueUrl": "https://sqs.{region}.{suffix}/{account}/{name}",
        "Arn": "arn:{partition}:sqs:{region}:{account}:{name}"}),
    "AWS::SNS::Topic": ("TopicName", "arn:{partition}:sns:{region}:{account}:{name}", {
        "TopicName": "{name}", "TopicArn": "arn:{partition}:sns:{region}:{account}:{name}"}),
    "AWS::StepFunctions::StateMachine": (
        "StateMachineName", "arn:{partition}:states:{region}:{account}:stateMachine:{name}", {
            "Name": "{name}", "Arn": "arn:{partition}:states:{region}:{account}:stateMachine:{name}"}),
    "AWS::S3::Bucket": ("BucketName", "{name}", {"Arn": "arn:{partition}:s3:::{name}"}),
    "AWS::Kinesis::Stream": ("Name", "{name}", {
        "Arn": "arn:{partition}:kinesis:{region}:{account}:stream/{name}"}),
    "AWS::Events::EventBus": ("Name", "{name}", {
        "Name": "{name}", "Arn": "arn:{partition}:events:{region}:{account}:event-bus/{name}"}),
}

REF_HOOKS: dict[str, Hook] = {
    "AWS::ApiGateway::Model": _named("Name"),
    "AWS::ApiGateway::RequestValidator": _named("Name"),
    "AWS::ApiGateway::Authorizer": _named("Name"),
    "AWS::Lambda::Function": _lambda_name,
    **{kind: _given_name(prop, ref) for kind, (prop, ref, _) in _NAMED_RESOURCES.items()},
}
GET_ATT_HOOKS: dict[tuple[str, str], Hook] = {
    ("AWS::Lambda::Function", "Arn"): _lambda_arn,
    **{(kind, attribute): _given_name(prop, form)
       for kind, (prop, _, attributes) in _NAMED_RESOURCES.items() for attribute, form in attributes.items()},
}


def _kind(value: Any) -> str:
    if value is NO_VALUE:
        return "AWS::NoValue"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{value!r}"

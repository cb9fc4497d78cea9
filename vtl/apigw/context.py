"""``$context`` and ``$stageVariables``, built from the request.

``$context`` is a HashMap holding the request context (spec §4): the keys AWS always sets,
in the recorded iteration order, then ``authorizer`` when the request went through one,
then any other key the event's ``requestContext`` holds (AWS may add variables; nothing
given is dropped). ``identity`` is a HashMap of the identity fields, unset ones null (so
they print empty). Cognito claims sit under ``authorizer.claims``; a Lambda authorizer's
context values are stringified (``1`` → ``"1"``, ``true`` → ``"true"``).

Two maps print as empty text, as on AWS: ``"$context.get('identity')"`` prints nothing
(AWS-REC 2025-05) and ``$context.authorizer.claims`` "returns null" (AWS docs) while
``$context.authorizer.claims.sub`` works. They are :class:`SilentMap`\\ s, maps whose
``toString()`` is empty.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vtl.apigw.event import IDENTITY_FIELDS, Request
from vtl.apigw.hashmap import HashMap, plan
from vtl.apigw.overrides import OverrideMap, request_override, response_override
from vtl.java import to_string
from vtl.java.registry import java_method

__all__ = ["CONTEXT_KEYS", "SilentMap", "build_context", "stage_variables"]

#: The keys of ``$context`` on a plain request, in an insertion order that gives AWS's
#: recorded ``keySet()`` order (three pairs share a hash bucket; this order keeps theirs).
CONTEXT_KEYS = (
    "resourceId", "resourcePath", "httpMethod", "extendedRequestId", "requestTime", "path",
    "accountId", "protocol", "requestOverride", "stage", "domainPrefix", "requestTimeEpoch",
    "requestId", "identity", "domainName", "deploymentId", "responseOverride", "apiId",
)


_KNOWN_KEYS = frozenset(CONTEXT_KEYS + ("authorizer",))
_IDENTITY_SET = frozenset(IDENTITY_FIELDS)


class SilentMap(HashMap):
    """A HashMap whose ``toString()`` is empty (``$context.identity``, ``...claims``)."""

    __slots__ = ()


@java_method(SilentMap, "toString")
def _silent_to_string(self: SilentMap) -> str:
    """String toString(): empty, as AWS prints these maps."""
    return ""


_CONTEXT_PLAN = plan(CONTEXT_KEYS)
_AUTHORIZED_PLAN = plan(CONTEXT_KEYS + ("authorizer",))
_REQUEST_OVERRIDE_AT = CONTEXT_KEYS.index("requestOverride")
_RESPONSE_OVERRIDE_AT = CONTEXT_KEYS.index("responseOverride")
_IDENTITY_AT = CONTEXT_KEYS.index("identity")
_IDENTITY_PLAN = plan(IDENTITY_FIELDS)
# The keys whose values come from the request as they are ("" is a placeholder: the
# identity and override slots are filled in afterwards).
_VALUE_KEYS = tuple(
    "" if key in ("identity", "requestOverride", "responseOverride") else key for key in CONTEXT_KEYS
)


def build_context(request: Request) -> tuple[HashMap, OverrideMap, OverrideMap]:
    """``$context`` for ``request``, with its request and response override maps."""
    source = request.context
    requested, responded = request_override(), response_override()
    values = [*map(source.get, _VALUE_KEYS)]  # strings and numbers (read_event checks)
    if not _IMMUTABLE.issuperset(map(type, values)):
        values = [*map(_copy, values)]
    values[_REQUEST_OVERRIDE_AT] = requested
    values[_RESPONSE_OVERRIDE_AT] = responded
    values[_IDENTITY_AT] = _identity(source["identity"])
    if _KNOWN_KEYS.issuperset(source):
        if "authorizer" not in source:
            return HashMap.from_plan(_CONTEXT_PLAN, values), requested, responded
        values.append(_authorizer(source["authorizer"]))
        return HashMap.from_plan(_AUTHORIZED_PLAN, values), requested, responded
    keys: tuple[str, ...] = CONTEXT_KEYS
    if "authorizer" in source:
        keys += ("authorizer",)
        values.append(_authorizer(source["authorizer"]))
    extra = tuple(key for key in source if key not in _KNOWN_KEYS)
    keys += extra
    values.extend(_copy(source[key]) for key in extra)
    return HashMap.build(keys, values), requested, responded


def stage_variables(request: Request, override: Mapping[str, str] | None) -> dict[str, str]:
    """``$stageVariables``: the event's (or ``override``), an empty map when there are none."""
    return dict(request.stage_variables if override is None else override)


def _identity(source: Mapping[str, Any]) -> SilentMap:
    if _IDENTITY_SET.issuperset(source):
        return SilentMap.from_lookup(_IDENTITY_PLAN, source.get)  # type: ignore[no-any-return]
    values = [*map(source.get, IDENTITY_FIELDS)]
    keys: tuple[str, ...] = IDENTITY_FIELDS
    extra = tuple(key for key in source if key not in _IDENTITY_SET)
    keys += extra
    values.extend(_copy(source[key]) for key in extra)
    return SilentMap.build(keys, values)  # type: ignore[no-any-return]


def _authorizer(source: Mapping[str, Any]) -> HashMap:
    values: list[Any] = []
    for key, value in source.items():
        if key == "claims":
            values.append(_claims(value))
        else:
            values.append(value if isinstance(value, str) else to_string(value))
    return HashMap.build(tuple(source), values)  # type: ignore[no-any-return]


def _claims(source: Mapping[str, Any]) -> SilentMap:
    """Cognito claims, each value a String."""
    keys = tuple(source)
    if _STRINGS.issuperset(map(type, source.values())) and _STRINGS.issuperset(map(type, keys)):
        return SilentMap.from_lookup(plan(keys), source.__getitem__)  # type: ignore[no-any-return]
    strings = [v if isinstance(v, str) else to_string(v) for v in source.values()]
    return SilentMap.build(keys, strings)  # type: ignore[no-any-return]


_STRINGS = frozenset((str,))
_IMMUTABLE = frozenset((str, int, float, bool, type(None)))


def _copy(value: Any) -> Any:
    """A fresh copy of an event value: the caller's event is never mutated."""
    if type(value) in _IMMUTABLE:
        return value
    if isinstance(value, Mapping):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value

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
from vtl.apigw.hashmap import HashMap
from vtl.apigw.overrides import OverrideMap, request_override, response_override
from vtl.java.registry import java_method

__all__ = ["CONTEXT_KEYS", "SilentMap", "build_context", "stage_variables"]

#: The keys of ``$context`` on a plain request, in an insertion order that gives AWS's
#: recorded ``keySet()`` order (three pairs share a hash bucket; this order keeps theirs).
CONTEXT_KEYS = (
    "resourceId", "resourcePath", "httpMethod", "extendedRequestId", "requestTime", "path",
    "accountId", "protocol", "requestOverride", "stage", "domainPrefix", "requestTimeEpoch",
    "requestId", "identity", "domainName", "deploymentId", "responseOverride", "apiId",
)


class SilentMap(HashMap):
    """A HashMap whose ``toString()`` is empty (``$context.identity``, ``...claims``)."""

    __slots__ = ()


@java_method(SilentMap, "toString")
def _silent_to_string(self: SilentMap) -> str:
    """String toString(): empty, as AWS prints these maps."""
    return ""


def build_context(request: Request) -> tuple[HashMap, OverrideMap, OverrideMap]:
    """``$context`` for ``request``, with its request and response override maps."""
    source = request.context
    requested, responded = request_override(), response_override()
    context = HashMap()
    for key in CONTEXT_KEYS:
        if key == "requestOverride":
            context[key] = requested
        elif key == "responseOverride":
            context[key] = responded
        elif key == "identity":
            context[key] = _identity(source["identity"])
        else:
            context[key] = _copy(source.get(key))
    if "authorizer" in source:
        context["authorizer"] = _authorizer(source["authorizer"])
    for key, value in source.items():
        if key not in context:
            context[key] = _copy(value)
    return context, requested, responded


def stage_variables(request: Request, override: Mapping[str, str] | None) -> dict[str, str]:
    """``$stageVariables``: the event's (or ``override``), an empty map when there are none."""
    return dict(request.stage_variables if override is None else override)


def _identity(source: Mapping[str, Any]) -> SilentMap:
    identity = SilentMap()
    for key in IDENTITY_FIELDS:
        identity[key] = source.get(key)
    for key, value in source.items():
        if key not in identity:
            identity[key] = _copy(value)
    return identity


def _authorizer(source: Mapping[str, Any]) -> HashMap:
    from vtl.java import to_string

    authorizer = HashMap()
    for key, value in source.items():
        if key == "claims":
            claims = SilentMap()
            for claim, claim_value in value.items():
                claims[claim] = claim_value if isinstance(claim_value, str) else to_string(claim_value)
            authorizer[key] = claims
        else:
            authorizer[key] = value if isinstance(value, str) else to_string(value)
    return authorizer


def _copy(value: Any) -> Any:
    """A fresh copy of an event value: the caller's event is never mutated."""
    if isinstance(value, Mapping):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value

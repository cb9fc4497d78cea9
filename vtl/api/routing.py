"""Route matching: which resource and method a request reaches (spec pipeline §2).

A resource path is a list of parts: a literal segment, ``{name}`` (one segment, bound to
``name``) or ``{name+}`` (greedy: the rest of the path, slashes included; last part only).
Among the resources whose path matches, the most specific wins, part by part from the left
(literal over ``{name}`` over ``{name+}``). If that resource has neither the method nor
``ANY``, a greedy resource that has it takes the request (AWS-REC
LS:common::test_proxy_routing_with_hardcoded_resource_sibling); otherwise there is no
route, which the pipeline answers with the 403 ``MISSING_AUTHENTICATION_TOKEN``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from vtl.api.model import Api, Method

__all__ = ["Route", "match_route", "path_for", "path_parameter_names"]


@dataclass(frozen=True)
class Route:
    """The method a request reached, and the path parameters its resource path bound."""

    method: Method
    path_parameters: dict[str, str]

    @property
    def resource(self) -> str:
        """The matched resource path (``/pets/{petId}``): ``$context.resourcePath``."""
        return self.method.path


# A part: (kind, text), kind 0 literal, 1 {name}, 2 {name+}. Lower kinds are more specific.
Part = tuple[int, str]


@lru_cache(maxsize=1024)
def _parts(resource: str) -> tuple[Part, ...]:
    parts: list[Part] = []
    for segment in _segments(resource):
        if segment.startswith("{") and segment.endswith("+}"):
            parts.append((2, segment[1:-2]))
        elif segment.startswith("{") and segment.endswith("}"):
            parts.append((1, segment[1:-1]))
        else:
            parts.append((0, segment))
    return tuple(parts)


def path_parameter_names(resource: str) -> list[str]:
    """The names of ``resource``'s path parameters, in order (``{name}`` and ``{name+}``)."""
    return [text for kind, text in _parts(resource) if kind]


def path_for(resource: str, values: dict[str, str]) -> str:
    """A request path that reaches ``resource``, with ``values`` for its path parameters
    (a parameter without one is left empty)."""
    return "/" + "/".join(values.get(text, "") if kind else text for kind, text in _parts(resource))


def _segments(path: str) -> list[str]:
    # A trailing slash is ignored for matching (AWS-REC, spec §2); so is the leading one.
    stripped = path.strip("/")
    return stripped.split("/") if stripped else []


def _bind(parts: tuple[Part, ...], segments: list[str]) -> dict[str, str] | None:
    """The path parameters if ``segments`` match ``parts``, else None."""
    bound: dict[str, str] = {}
    for index, (kind, text) in enumerate(parts):
        if kind == 2:
            rest = segments[index:]
            if not rest:
                return None  # a greedy part needs at least one segment
            bound[text] = "/".join(rest)
            return bound
        if index >= len(segments):
            return None
        if kind == 0 and segments[index] != text:
            return None
        if kind == 1:
            if not segments[index]:
                return None
            # Path parameter values are not URL-decoded (AWS-REC, spec §2).
            bound[text] = segments[index]
    return bound if len(parts) == len(segments) else None


@lru_cache(maxsize=1024)
def _specificity(resource: str) -> tuple[int, ...]:
    return tuple(kind for kind, _ in _parts(resource))


def match_route(api: Api, http_method: str, path: str) -> Route | None:
    """The route ``http_method path`` takes in ``api``, or None (no resource, or no method)."""
    segments = _segments(path)
    candidates: list[tuple[tuple[int, ...], str, dict[str, str]]] = []
    for resource in dict.fromkeys([method.path for method in api.methods]):
        bound = _bind(_parts(resource), segments)
        if bound is not None:
            candidates.append((_specificity(resource), resource, bound))
    if not candidates:
        return None
    if len(candidates) > 1:
        candidates.sort(key=lambda candidate: candidate[0])
    best = candidates[0]
    fallbacks = [candidate for candidate in candidates[1:] if 2 in candidate[0]]
    for _, resource, bound in [best, *fallbacks]:
        method = _method_on(api, resource, http_method)
        if method is not None:
            return Route(method, bound)
    return None


def _method_on(api: Api, resource: str, http_method: str) -> Method | None:
    """The method declared for ``http_method`` on ``resource``, else its ``ANY`` method
    (ANY catches every method not declared explicitly: AWS-DOC x-amazon-apigateway-any-method)."""
    return api.find_method(http_method, resource) or api.find_method("ANY", resource)

"""Mapping templates around the integration: which one runs, and running it.

- :func:`select_request_template`: by the MIME type of ``Content-Type`` and
  ``passthroughBehavior`` (spec pipeline §5); :class:`UnsupportedMediaType` for a 415.
- :func:`select_response_template`: by the first media type of ``Accept`` (§9).
- :func:`render_template`: a template rendered with :mod:`vtl.apigw` against the request's
  proxy event, its overrides read back (:class:`Rendered`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from vtl.api.model import Integration, IntegrationResponse, MappingTemplate
from vtl.api.validation import accept_type
from vtl.apigw.hashmap import HashMap
from vtl.apigw.render import compiled_template, override_status, override_values, variables_for

__all__ = [
    "Rendered",
    "UnsupportedMediaType",
    "render_template",
    "select_request_template",
    "select_response_template",
]


class UnsupportedMediaType(Exception):
    """No request template fits and ``passthroughBehavior`` forbids passing the body (415)."""


def select_request_template(
    integration: Integration, content_type: str
) -> tuple[str, MappingTemplate] | None:
    """The (MIME type, template) for a request of ``content_type``; None: pass the body through.

    | | WHEN_NO_MATCH | WHEN_NO_TEMPLATES | NEVER |
    |---|---|---|---|
    | a template for the type | transform | transform | transform |
    | templates, none for it | pass through | 415 | 415 |
    | no templates | pass through | pass through | 415 |

    (AWS-DOC integration-passthrough-behaviors, spec §5.)
    """
    templates = integration.request_templates
    for key, template in templates.items():
        if key.lower() == content_type:
            return key, template
    behavior = integration.passthrough_behavior
    if behavior == "NEVER" or (behavior == "WHEN_NO_TEMPLATES" and templates):
        raise UnsupportedMediaType(content_type)
    return None


def select_response_template(
    response: IntegrationResponse, accept: str | None
) -> tuple[str, MappingTemplate] | None:
    """The (MIME type, template) for the client's ``Accept``; None: the body passes through.

    The first media type of Accept (no Accept: ``application/json``); no template for it →
    the ``application/json`` one, else the first (AWS-DOC request-response-data-mappings;
    AWS-REC ``Accept: image/png`` uses the only JSON template, spec §9). An empty template
    is None too.
    """
    templates = response.response_templates
    if not templates:
        return None
    wanted = accept_type(accept)
    by_type = {key.lower(): key for key in templates}
    key = by_type.get(wanted) or by_type.get("application/json") or next(iter(templates))
    if not templates[key].text:
        # An empty template maps nothing: the payload passes through (AWS-DOC
        # request-response-data-mappings: "To return the response payload unmapped instead,
        # you must set up an empty template for application/json").
        return None
    return key, templates[key]


@dataclass
class Rendered:
    """A template's output and the overrides it set, values as API Gateway applies them."""

    body: str
    status: int | None = None
    request_headers: dict[str, str] = field(default_factory=dict)
    response_headers: dict[str, str] = field(default_factory=dict)
    path: dict[str, str] = field(default_factory=dict)
    querystring: dict[str, str] = field(default_factory=dict)


def render_template(
    template: MappingTemplate,
    event: Mapping[str, Any],
    *,
    name: str,
    carried: Rendered | None = None,
) -> Rendered:
    """Render ``template`` against the proxy ``event``; raises the template's error.

    ``carried``: what the request template set; its request overrides are readable from
    the response template (AWS-REC LS:integ::test_integration_mock_with_request_overrides_in_response_template).
    """
    compiled = compiled_template(template.text, name)
    variables, requested, responded = variables_for(event)
    if carried is not None:
        for part, values in (("header", carried.request_headers), ("path", carried.path),
                             ("querystring", carried.querystring)):
            for key, value in values.items():
                HashMap.__setitem__(requested[part], key, value)  # not a second "set"
    body = compiled.render(variables)
    return Rendered(
        body=body,
        status=override_status(responded.get("status"), name),
        request_headers=override_values(requested.get("header"), name),
        response_headers=override_values(responded.get("header"), name),
        path=override_values(requested.get("path"), name),
        querystring=override_values(requested.get("querystring"), name),
    )



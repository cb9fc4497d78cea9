"""``render()``: a mapping template run as API Gateway runs it, and what it produced.

``render(template, event)`` reads the event (:mod:`.event`), builds ``$input``,
``$context``, ``$util`` and ``$stageVariables``, renders with the ``apigateway`` profile
and returns a :class:`RenderResult`: the body and the overrides the template set
(``status``, ``headers``, ``path``, ``querystring``). Compiled templates are cached by
source text; every render gets fresh variables, so renders never share state.

``RenderResult.json()`` parses the body; when it is not JSON (the most common production
failure of a request template), :class:`OutputNotJsonError` says where in the output the
JSON breaks **and which template line wrote that text**.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from vtl.apigw.context import build_context, stage_variables
from vtl.apigw.event import EventError, read_event, sample_event
from vtl.apigw.input import Input
from vtl.apigw.overrides import OverrideMap
from vtl.apigw.util import UTIL
from vtl.errors import TemplateError, TemplateRenderError
from vtl.java.numbers import parse_integer
from vtl.java.printing import INT_MAX, INT_MIN
from vtl.java.registry import JavaException
from vtl.java.strings import trim

if TYPE_CHECKING:
    from vtl.apigw.warnings import TemplateWarning
    from vtl.profiles import EngineOptions
    from vtl.template import Template

__all__ = [
    "OutputNotJsonError",
    "RenderResult",
    "compiled_template",
    "override_status",
    "override_values",
    "render",
    "variables_for",
]

PROFILE = "apigateway"

Origins = list[tuple[int, int]]


class OutputNotJsonError(TemplateError):
    """The rendered body is not JSON.

    ``output_line``/``output_column`` locate the failure in the output (1-based);
    ``line`` is the template line that produced the text there (0 if unknown), and the
    report shows that template line, the output lines around the failure with a caret,
    and ``cause``: the likely reason in words (:func:`vtl.apigw.jsoncheck.likely_cause`).
    """

    kind = "output is not JSON"

    def __init__(
        self,
        message: str,
        *,
        output_line: int,
        output_column: int,
        name: str | None,
        line: int,
        source: str | None,
        output: str = "",
        cause: str = "",
    ) -> None:
        super().__init__(message, name=name, line=line, column=1 if line else 0, source=source,
                         label="this template line wrote the text" if line else "")
        self.output_line = output_line
        self.output_column = output_column
        self.output = output
        self.cause = cause

    def format(self, color: bool = False) -> str:
        """The report: message, template line, output excerpt with a caret, likely cause."""
        from vtl.apigw.jsoncheck import output_excerpt

        parts = [super().format(color)]
        excerpt = output_excerpt(self.output, self.output_line, self.output_column)
        if excerpt:
            parts.append("output:\n" + excerpt)
        if self.cause:
            parts.append(f"likely cause: {self.cause}")
        return "\n".join(parts)


@dataclass(frozen=True)
class RenderResult:
    """What a mapping template produced.

    ``body`` is the rendered text. ``status``, ``headers``, ``path`` and ``querystring``
    are the overrides the template set (``$context.responseOverride.status``, the request
    and response override headers, ``requestOverride.path`` and ``.querystring``), with
    values as API Gateway applies them: strings, a list joined with commas.
    """

    body: str
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    path: dict[str, str] = field(default_factory=dict)
    querystring: dict[str, str] = field(default_factory=dict)
    #: The header overrides split by where they go: ``$context.requestOverride.header``
    #: (to the integration) and ``$context.responseOverride.header`` (to the client).
    request_headers: dict[str, str] = field(default_factory=dict, compare=False)
    response_headers: dict[str, str] = field(default_factory=dict, compare=False)
    #: True when ``status`` is the template's ``$context.responseOverride.status``; False
    #: when it is the integration response's status given to :func:`render` (or None).
    status_overridden: bool = field(default=False, compare=False)
    _origins: Callable[[], tuple[str, Origins]] | None = field(
        default=None, repr=False, compare=False
    )
    _source: tuple[str, str | None] | None = field(default=None, repr=False, compare=False)

    @property
    def warnings(self) -> list[TemplateWarning]:
        """What the template does that AWS accepts but nobody means (:mod:`.warnings`)."""
        if self._source is None:
            return []
        from vtl.apigw.warnings import find_warnings

        source, name = self._source
        return find_warnings(source, name)

    @property
    def overrides(self) -> dict[str, Any]:
        """The overrides as one mapping (``status``, ``headers``, ``path``, ``querystring``),
        leaving out the ones not set: what golden cases record beside the body."""
        found: dict[str, Any] = {}
        if self.status is not None:
            found["status"] = self.status
        for key in ("headers", "path", "querystring"):
            if getattr(self, key):
                found[key] = dict(getattr(self, key))
        return found

    def json(self) -> Any:
        """The body parsed as JSON; :class:`OutputNotJsonError` if it is not JSON."""
        # In a failing pytest test, show the user's line and the report, not this frame.
        __tracebackhide__ = True
        try:
            return json.loads(self.body, parse_constant=_reject_constant)
        except json.JSONDecodeError as error:
            raise self._not_json(error.msg, error.pos) from None
        except _NotJsonConstant as error:
            raise self._not_json(f"{error.args[0]} is not JSON", self.body.find(error.args[0])) from None
        except RecursionError:  # valid, but nested past Python's json reader
            raise self._not_json("JSON nested too deeply to read", 0) from None

    def _not_json(self, reason: str, position: int) -> OutputNotJsonError:
        from vtl.apigw.jsoncheck import likely_cause

        position = max(0, min(position, len(self.body)))
        line = self.body.count("\n", 0, position) + 1
        column = position - (self.body.rfind("\n", 0, position) + 1) + 1
        template_line = self._template_line(position)
        source, name = self._source if self._source is not None else (None, None)
        where = f"output line {line}, column {column}"
        if template_line:
            where += f", written by template line {template_line}"
        return OutputNotJsonError(
            f"{reason} ({where})",
            output_line=line,
            output_column=column,
            name=name,
            line=template_line,
            source=source,
            output=self.body,
            cause=likely_cause(self.body, position, reason),
        )

    def _template_line(self, position: int) -> int:
        """The template line whose output chunk holds ``position`` (re-rendering once)."""
        if self._origins is None:
            return 0
        body, origins = self._origins()
        if body != self.body or not origins:
            return 0
        offsets = [offset for offset, _ in origins]
        index = bisect.bisect_right(offsets, position) - 1
        if index < 0:
            return 0
        # At the very end of the output, blame the chunk that wrote the last text.
        return origins[index][1]


class _NotJsonConstant(ValueError):
    pass


def _reject_constant(name: str) -> Any:
    raise _NotJsonConstant(name)


@lru_cache(maxsize=256)
def compiled_template(source: str, name: str | None, profile: EngineOptions | None = None) -> Template:
    """The template compiled under the ``apigateway`` profile (or ``profile``), once per
    (source, name, profile)."""
    from vtl.template import Template

    return Template(source, profile=PROFILE if profile is None else profile, name=name)


def variables_for(
    event: Mapping[str, Any] | None, stage: Mapping[str, str] | None = None
) -> tuple[dict[str, Any], OverrideMap, OverrideMap]:
    """The template variables for ``event``, with the request and response override maps."""
    request = read_event(event)
    if stage is not None:
        if not isinstance(stage, Mapping):
            raise EventError("stage_variables must be a mapping of names to strings")
        for key, value in stage.items():
            if not isinstance(key, str) or not isinstance(value, str):
                raise EventError(f"stage_variables[{key!r}] must be a string, not {value!r}")
    context, requested, responded = build_context(request)
    variables = {
        "input": Input(request),
        "context": context,
        "util": UTIL,
        "stageVariables": stage_variables(request, stage),
    }
    return variables, requested, responded


def render(
    template: str,
    event: Mapping[str, Any] | None = None,
    *,
    stage_variables: Mapping[str, str] | None = None,
    name: str | None = None,
    body: str | None = None,
    status: int | None = None,
    profile: EngineOptions | None = None,
) -> RenderResult:
    """Render ``template`` as API Gateway would for the request ``event``.

    ``event`` is a REST API proxy event (None: the sample request :func:`sample_event`
    prints, as for ``vtl render`` and the pytest fixture); ``stage_variables`` adds to or
    replaces the event's stage variables.

    For a response template, ``body`` is the integration's answer: ``$input`` then reads it
    (``$input.body``, ``$input.json``, ``$input.path``) while ``$input.params()``,
    ``$context`` and ``$stageVariables`` still describe the method request, as on AWS
    (apigateway.md §2, pipeline.md §9). ``status`` is the status of the integration response
    the template belongs to: the result's ``status`` unless the template sets
    ``$context.responseOverride.status``.

    Raises :class:`~vtl.apigw.event.EventError` for a malformed event, ``TemplateSyntaxError``
    / ``TemplateRenderError`` for a broken template. ``profile`` replaces the apigateway
    profile, e.g. to change a limit: ``replace(APIGATEWAY, render_timeout=1.0)``.
    """
    compiled = compiled_template(template, name, profile)
    event = _request_event(event, stage_variables, body)
    variables, requested, responded = variables_for(event)
    output = compiled.render(variables)

    def origins() -> tuple[str, Origins]:
        again, _, _ = variables_for(event)
        return compiled.render_with_origins(again)

    try:
        request_headers = override_values(requested.get("header"), name)
        response_headers = override_values(responded.get("header"), name)
        overridden = override_status(responded.get("status"), name)
        path = override_values(requested.get("path"), name)
        querystring = override_values(requested.get("querystring"), name)
    except RecursionError:  # an override holding itself (header.x = responseOverride)
        raise TemplateRenderError(
            "java.lang.StackOverflowError: an override value contains itself", name=name
        ) from None
    return RenderResult(
        body=output,
        status=overridden if overridden is not None else _given_status(status),
        headers={**request_headers, **response_headers},
        path=path,
        querystring=querystring,
        request_headers=request_headers,
        response_headers=response_headers,
        status_overridden=overridden is not None,
        _origins=origins,
        _source=(template, name),
    )


def _request_event(
    event: Mapping[str, Any] | None,
    stage: Mapping[str, str] | None,
    body: str | None,
) -> Mapping[str, Any]:
    """The event a render reads: the sample request by default, with the stage variables
    and the integration's answer (``body``) put in."""
    if event is None:
        event = sample_event()
    if stage is None and body is None:
        return event
    if not isinstance(event, Mapping):
        return event  # read_event reports it
    changed = dict(event)
    if stage is not None:
        if not isinstance(stage, Mapping):
            raise EventError("stage_variables must be a mapping of names to strings")
        for key, value in stage.items():
            if not isinstance(key, str) or not isinstance(value, str):
                raise EventError(f"stage_variables[{key!r}] must be a string, not {value!r}")
        base = event.get("stageVariables")
        changed["stageVariables"] = {**(base if isinstance(base, Mapping) else {}), **stage}
    if body is not None:
        if not isinstance(body, str):
            raise EventError(
                f"body must be the response text (a string), not {type(body).__name__}"
            )
        changed["body"] = body
        changed["isBase64Encoded"] = False
    return changed


def _given_status(status: object) -> int | None:
    if status is None:
        return None
    if isinstance(status, bool) or not isinstance(status, int) or not 100 <= status <= 599:
        raise EventError(f"status must be an HTTP status code (100-599), not {status!r}")
    return status


def _text(value: Any) -> str:
    from vtl.java import to_string

    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ",".join(_text(item) for item in value)
    return to_string(value) or ""


def override_values(overrides: Any, name: str | None) -> dict[str, str]:
    """An override map (``header``, ``path``…) as the strings API Gateway applies."""
    if overrides is None or (type(overrides) is OverrideMap and not overrides):
        return {}  # the common case, without the Mapping ABC check
    if not isinstance(overrides, Mapping):
        raise TemplateRenderError(
            f"an override map was replaced by {_text(overrides)!r}; set its entries instead",
            name=name,
        )
    return {str(key): _text(value) for key, value in overrides.items()}


def override_status(value: Any, name: str | None) -> int | None:
    """``$context.responseOverride.status`` as a number (None: not set).

    Read as the recorder's model reads it, ``Integer.parseInt(text.trim())``: a sign is
    allowed ("+404"), only ``String.trim``'s characters (<= U+0020) are stripped, any
    ``Character.digit`` digit counts and the value must fit an int; anything else is a
    failed render (cases apigateway/realworld/status-override-*).
    """
    if value is None:
        return None
    text = trim(_text(value))
    try:
        return parse_integer(text, 10, INT_MIN, INT_MAX)
    except JavaException:
        raise TemplateRenderError(
            f"$context.responseOverride.status must be an HTTP status code, not {text!r}",
            name=name,
        ) from None

"""What an invocation reports, and the state it carries through the steps.

:class:`Invocation` is what ``Api.invoke`` returns: the integration request the backend
received, the integration response selected, the client's :class:`Response`, the log and
the gateway response type that fired. :class:`Execution` is the state the steps of
:mod:`vtl.api.pipeline` pass along.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from vtl.api.backend import EndpointResponse
from vtl.api.content import is_binary_media_type
from vtl.api.log import Log, LogLines
from vtl.api.method_request import InvocationError, MethodRequest
from vtl.api.model import Api, Integration, IntegrationResponse, Method, Source, located
from vtl.api.routing import Route
from vtl.api.templates import Rendered
from vtl.api.validation import mime_type

if TYPE_CHECKING:
    from vtl.apigw.warnings import TemplateWarning
    from vtl.errors import TemplateError

__all__ = [
    "Execution",
    "IntegrationRequest",
    "Invocation",
    "Response",
    "SelectedIntegrationResponse",
]


@dataclass(frozen=True)
class IntegrationRequest:
    """What the backend receives: method, endpoint URI (None for MOCK), headers, body."""

    method: str
    uri: str | None
    headers: dict[str, str]
    body: str | bytes


@dataclass(frozen=True)
class SelectedIntegrationResponse:
    """The integration response selected: its pattern (None: the default) and statusCode."""

    selection_pattern: str | None
    status: str


@dataclass(frozen=True)
class Response:
    """What the client gets. ``headers`` joins the values of a repeated header with ``,``;
    ``multi_value_headers`` keeps them apart."""

    status: int
    headers: dict[str, str]
    body: str | bytes
    multi_value_headers: dict[str, list[str]] = field(default_factory=dict)

    def json(self) -> Any:
        """The body parsed as JSON."""
        return json.loads(self.body)


@dataclass(repr=False)
class Invocation:
    """The result of :func:`invoke`: every stage of the method, and the log.

    ``error`` is the gateway response type that fired (None when the method completed, or
    when the request never reached API Gateway: a body past the 10 MB quota gets a 413);
    ``template_error`` the template error behind a 500, with its file:line:column;
    ``method_request`` what the client sent (query decoded, every header value);
    ``templates_run`` the (name, text) of each mapping template rendered, in order;
    ``rejected`` why the request never reached API Gateway (then no method ran).
    """

    method: str
    path: str
    resource: str | None
    integration_request: IntegrationRequest | None
    endpoint_response: EndpointResponse | None
    integration_response: SelectedIntegrationResponse | None
    response: Response
    # Given as the run's Log, read as its lines: written when first read (vtl.api.log).
    log: LogLines = LogLines()  # noqa: RUF009 - a descriptor, one per class (vtl.api.log)
    error: str | None = None
    template_error: TemplateError | None = None
    method_request: MethodRequest | None = None
    templates_run: tuple[tuple[str, str], ...] = ()
    #: Why the request never reached API Gateway (a body past the payload quota), else None.
    rejected: str | None = None

    @property
    def warnings(self) -> list[TemplateWarning]:
        """What AWS accepts but nobody means in the templates that ran (as
        ``RenderResult.warnings``); a template that does not parse has its error in
        ``template_error`` instead."""
        from vtl.apigw.warnings import find_warnings
        from vtl.errors import TemplateSyntaxError

        found: list[TemplateWarning] = []
        for name, text in dict.fromkeys(self.templates_run):
            try:
                found += find_warnings(text, name)
            except TemplateSyntaxError:
                continue
        return found

    def __repr__(self) -> str:
        """The outcome first (what a failed ``assert`` on a response needs to explain it):
        ``<Invocation GET /p → 500 API_CONFIGURATION_ERROR; template error: … (file:1:2)>``."""
        shown = f"<Invocation {self.method} {self.path} → {self.response.status}"
        if self.error is not None:
            shown += f" {self.error}"
        if self.template_error is not None:
            error = self.template_error
            shown += f"; template error: {error.message} ({error.location})"
        return shown + ">"

    def to_json(self) -> dict[str, Any]:
        """The ``vtl invoke --json`` object (spec §16). Binary bodies are given in base64."""
        request = self.integration_request
        selected = self.integration_response
        return {
            "method": self.method,
            "resource": self.resource,
            "integration_request": None if request is None else {
                "method": request.method,
                "uri": request.uri,
                "headers": request.headers,
                "body": _json_body(request.body),
            },
            "integration_response": None if selected is None else {
                "selection_pattern": selected.selection_pattern,
                "status": selected.status,
            },
            "response": {
                "status": self.response.status,
                "headers": self.response.headers,
                "body": _json_body(self.response.body),
            },
            "error": self.error,
            "log": list(self.log),
        }


def _json_body(body: str | bytes) -> str:
    if isinstance(body, bytes):
        import base64

        return base64.b64encode(body).decode("ascii")
    return body


@dataclass
class Execution:
    """The state of one invocation as it moves through the steps."""

    api: Api
    request: MethodRequest
    stage: str
    stage_variables: dict[str, str]
    authorizer: dict[str, Any] | None
    identity: dict[str, Any] | None
    backend: Any
    #: What the method's authorizer answered (:data:`~vtl.api.authorization.OUTCOMES`);
    #: None: it allowed, as before outcomes could be given.
    authorizer_outcome: str | None = None
    #: The first key of a Lambda authorizer's context whose value API Gateway refuses (an
    #: object or array, :func:`~vtl.api.authorization.unusable_context`); the method fails
    #: once the authorizer has allowed.
    unusable_context_key: str | None = None
    log: Log = field(default_factory=Log)
    #: The request as the client sent it, when the pipeline changed ``request`` (a body
    #: decompressed, :func:`~vtl.api.pipeline.decompress_request`).
    sent_request: MethodRequest | None = None
    route: Route | None = None
    event: dict[str, Any] = field(default_factory=dict)
    integration_request: IntegrationRequest | None = None
    endpoint_response: EndpointResponse | None = None
    selected: IntegrationResponse | None = None
    request_rendered: Rendered | None = None
    response: Response | None = None
    templates_run: list[tuple[str, str]] = field(default_factory=list)
    #: The MIME type of the request's ``Content-Type``, and whether its body is binary
    #: (bytes, or a binary media type, §10): found once, the request does not change.
    content_type: str = field(init=False)
    binary_request: bool = field(init=False)
    #: The method the request reached: set with ``route`` (read before, it is an error).
    method: Method = field(init=False)

    def __post_init__(self) -> None:
        self.content_type = mime_type(self.request.header("Content-Type"))
        # Binary by its Content-Type, not by its bytes (AWS-REC, vtl.api.content); a body
        # still compressed is kept as sent [INFERRED] (vtl.api.pipeline.decompress_request
        # decides again once it has decompressed it).
        self.binary_request = is_binary_media_type(self.content_type, self.api.binary_media_types) or (
            isinstance(self.request.body, bytes) and self.request.header("Content-Encoding") is not None)

    @property
    def integration(self) -> Integration:
        integration = self.method.integration
        if integration is None:
            raise InvocationError(f"{self.where()} has no integration")
        return integration

    def where(self, source: Source | None = None) -> str:
        """``file:line: GET /path`` for errors: where ``source`` (else the method) is defined."""
        return located(str(self.method), source or self.method.source)

    @property
    def context(self) -> dict[str, Any]:
        """``$context`` as the proxy event's ``requestContext`` holds it."""
        return self.event["requestContext"]  # type: ignore[no-any-return]

"""The backend's answer: given, never called over the network (spec pipeline §7, [LOCAL]).

A backend is one of:

- a Lambda result (:class:`LambdaResult`, or any JSON value for a Lambda integration):
  what the function returned; its JSON text is the endpoint body;
- a Lambda error (:class:`LambdaError`): ``{"errorMessage", "errorType"}``;
- an HTTP response (:class:`HttpResponse`, or a ``{"status", "headers", "body"}`` dict
  for an ``HTTP``/``HTTP_PROXY``/AWS-service integration);
- a Python callable: for Lambda integrations a handler ``handler(event, context)`` (an
  exception it raises becomes a :class:`LambdaError`); for the others a function of the
  :class:`~vtl.api.pipeline.IntegrationRequest` returning an HTTP response;
- :class:`IntegrationTimeout`: no answer within the integration timeout (for any
  integration; a function of the integration request may return it too);
- :class:`LambdaThrottled`: Lambda refuses the invocation with its 429 (for a Lambda
  integration);
- :class:`EndpointUnreachable`: API Gateway cannot reach the HTTP endpoint (for an
  ``HTTP``/``HTTP_PROXY``/AWS-service integration).

:func:`call_lambda` and :func:`call_http` turn any of these into an :class:`EndpointResponse`.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from vtl.api.method_request import InvocationError

__all__ = [
    "EndpointResponse",
    "EndpointUnreachable",
    "HttpResponse",
    "IntegrationTimeout",
    "LambdaContext",
    "LambdaError",
    "LambdaResult",
    "LambdaThrottled",
    "MissingBackend",
    "Throttled",
    "TimedOut",
    "Unreachable",
    "call_http",
    "call_lambda",
    "runs_handler",
]


class MissingBackend(InvocationError):
    """The integration runs and no backend was given; ``kind`` is ``Lambda`` or ``HTTP``,
    ``what`` the method (``file:line: GET /path``), ``described`` the integration as the
    definition names it (``an AWS service integration (sqs)``), so a command can name its
    own options."""

    def __init__(self, what: str, kind: str, give: str, described: str | None = None) -> None:
        self.described = described or ("a Lambda integration" if kind == "Lambda" else "an HTTP integration")
        super().__init__(f"{what} has {self.described}: give a backend ({give})")
        self.what = what
        self.kind = kind


class WrongBackend(InvocationError):
    """A backend of the other kind was given: ``kind`` is the integration's (``Lambda`` or
    ``HTTP``), so a command can name its own options, as for :class:`MissingBackend`."""

    def __init__(self, kind: str) -> None:
        wanted, given = (("a Lambda result or error", "an HTTP response") if kind == "Lambda"
                         else ("an HTTP response", "a Lambda result"))
        super().__init__(f"a{'n' * (kind == 'HTTP')} {kind} integration needs {wanted}, not {given}")
        self.kind = kind


@dataclass(frozen=True)
class IntegrationTimeout:
    """The backend does not answer within the integration's ``timeoutInMillis`` (29 s by
    default): API Gateway stops waiting and answers 504 (:mod:`vtl.api.pipeline`)."""


class TimedOut(Exception):
    """Raised by :func:`call_lambda` / :func:`call_http` for an :class:`IntegrationTimeout`."""


@dataclass(frozen=True)
class LambdaThrottled:
    """Lambda refuses the invocation: HTTP 429 ``TooManyRequestsException`` (AWS-DOC Lambda
    API_Invoke; ``reason`` is one of its ``Reason`` values). Its body, AWS-USER (an API
    gateway's source comment quoting what Lambda answers, solo-io/envoy-gloo PR 407,
    2025-03): ``{"Reason": "ReservedFunctionConcurrentInvocationLimitExceeded", "Type":
    "User", "message": "Rate Exceeded."}``. The function never runs."""

    reason: str = "ReservedFunctionConcurrentInvocationLimitExceeded"
    request_id: str | None = None

    @property
    def document(self) -> dict[str, str]:
        """Lambda's 429 body."""
        return {"Reason": self.reason, "Type": "User", "message": "Rate Exceeded."}


@dataclass(frozen=True)
class EndpointUnreachable:
    """API Gateway cannot reach the integration's endpoint (connection refused, a VPC link's
    target down, a TLS name mismatch): no HTTP response comes back. ``reason`` is the text
    AWS logs after "Execution failed due to configuration error: " (AWS-DOC knowledge-center
    api-gateway-500-error-vpc: "There was an internal error while executing your request",
    or "Host name 'domain.com.com' does not match the certificate subject provided by the
    peer (CN=myinstance.com)")."""

    reason: str = "There was an internal error while executing your request"


class Unreachable(Exception):
    """Raised by :func:`call_http` for an :class:`EndpointUnreachable`."""

    def __init__(self, unreachable: EndpointUnreachable) -> None:
        super().__init__(unreachable.reason)
        self.reason = unreachable.reason


class Throttled(Exception):
    """Raised by :func:`call_lambda` for a :class:`LambdaThrottled`."""

    def __init__(self, throttled: LambdaThrottled) -> None:
        super().__init__(throttled.document["message"])
        self.throttled = throttled


@dataclass(frozen=True)
class LambdaResult:
    """What a Lambda function returned: a JSON value, or ``text``, the exact JSON it wrote
    (from a file: kept byte for byte as the endpoint body)."""

    value: Any = None
    text: str | None = None

    @property
    def body(self) -> str:
        """The endpoint body. [LOCAL] a Python value is written as the Python runtime
        does (``json.dumps``: ``{"a": 1}``)."""
        return self.text if self.text is not None else json.dumps(self.value)

    @classmethod
    def from_text(cls, text: str) -> LambdaResult:
        """A result given as JSON text; raises :class:`InvocationError` if it is not JSON."""
        try:
            value = json.loads(text)
        except json.JSONDecodeError as error:
            raise InvocationError(
                f"the Lambda result is not JSON: {error.msg} (line {error.lineno}, column {error.colno})"
            ) from None
        return cls(value, text)


@dataclass(frozen=True)
class LambdaError:
    """A Lambda function error, as Lambda reports it to API Gateway."""

    error_message: str | None
    error_type: str | None = None
    stack_trace: list[str] | None = None
    #: Lambda's request id, which the Python runtime writes into the error (AWS-USER
    #: test-invoke log: ``{"errorMessage": …, "errorType": "AttributeError", "requestId": …,
    #: "stackTrace": […]}``).
    request_id: str | None = None

    @property
    def document(self) -> dict[str, Any]:
        """The error object: ``errorMessage``, ``errorType``, then ``requestId`` and
        ``stackTrace`` when given (the Python runtime's order)."""
        document: dict[str, Any] = {"errorMessage": self.error_message, "errorType": self.error_type}
        if self.request_id is not None:
            document["requestId"] = self.request_id
        if self.stack_trace is not None:
            document["stackTrace"] = self.stack_trace
        return document

    @classmethod
    def from_document(cls, document: Any) -> LambdaError:
        """``{"errorMessage", "errorType", "stackTrace"?}`` → LambdaError."""
        if not isinstance(document, Mapping) or "errorMessage" not in document:
            raise InvocationError(
                'a Lambda error must be a JSON object {"errorMessage": ..., "errorType": ...}'
            )
        unknown = set(document) - {"errorMessage", "errorType", "stackTrace", "requestId"}
        if unknown:
            raise InvocationError(f"a Lambda error has no field {min(unknown)!r}")
        message, kind = document.get("errorMessage"), document.get("errorType")
        request_id = document.get("requestId")
        for what, value in (("errorMessage", message), ("errorType", kind), ("requestId", request_id)):
            if value is not None and not isinstance(value, str):
                raise InvocationError(f"the Lambda error's {what} must be a string")
        return cls(message, kind, document.get("stackTrace"), request_id)


@dataclass(frozen=True)
class HttpResponse:
    """An HTTP backend's response."""

    status: int = 200
    headers: Mapping[str, str | list[str]] = field(default_factory=dict)
    body: str | bytes = ""

    @classmethod
    def from_document(cls, document: Any) -> HttpResponse:
        """``{"status", "headers", "body"}`` → HttpResponse (``status`` required)."""
        if not isinstance(document, Mapping):
            raise InvocationError('an HTTP response must be a JSON object {"status", "headers", "body"}')
        unknown = set(document) - {"status", "headers", "body"}
        if unknown:
            raise InvocationError(f"an HTTP response has no field {min(unknown)!r}")
        status = document.get("status")
        if isinstance(status, bool) or not isinstance(status, int) or not 100 <= status <= 599:
            raise InvocationError(f"the HTTP response's status must be an HTTP status, not {status!r}")
        headers = document.get("headers") or {}
        if not isinstance(headers, Mapping) or not all(
            isinstance(v, str) or (isinstance(v, list) and all(isinstance(i, str) for i in v))
            for v in headers.values()
        ):
            raise InvocationError("the HTTP response's headers must map names to strings")
        body = document.get("body")
        if body is None:
            body = ""
        if not isinstance(body, (str, bytes)):
            raise InvocationError("the HTTP response's body must be a string")
        return cls(status, dict(headers), body)


@dataclass(frozen=True)
class EndpointResponse:
    """What the integration endpoint answered: status, headers (every value), body."""

    status: int
    headers: dict[str, list[str]]
    body: str | bytes
    lambda_error: LambdaError | None = None

    def header(self, name: str) -> str | None:
        """The last value of header ``name``, looked up ignoring case."""
        wanted = name.lower()
        found = None
        for key, values in self.headers.items():
            if key.lower() == wanted and values:
                found = values[-1]
        return found

    @property
    def body_text(self) -> str:
        """The body as text (binary bodies decoded as UTF-8, for templates and the log)."""
        if isinstance(self.body, bytes):
            return self.body.decode("utf-8", errors="replace")
        return self.body


@dataclass(frozen=True)
class LambdaContext:
    """The ``context`` a Lambda handler receives (the Python runtime's attribute names)."""

    function_name: str
    invoked_function_arn: str
    aws_request_id: str = "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
    function_version: str = "$LATEST"
    memory_limit_in_mb: int = 128
    log_group_name: str = ""
    log_stream_name: str = ""

    def get_remaining_time_in_millis(self) -> int:
        """[LOCAL] the integration timeout, whole: nothing runs against a clock here."""
        return 29000


def call_lambda(
    backend: Any, payload: Any, function_arn: str, *, what: str = "this method"
) -> EndpointResponse:
    """Run a Lambda backend with ``payload`` (the event); Lambda answers 200 either way.
    ``what`` names the method in errors."""
    if backend is None:
        raise MissingBackend(
            what, "Lambda", "a Lambda result, a LambdaError, or a handler(event, context)"
        )
    if isinstance(backend, IntegrationTimeout):
        raise TimedOut
    if isinstance(backend, LambdaThrottled):
        raise Throttled(backend)
    if isinstance(backend, (HttpResponse, EndpointUnreachable)):
        raise WrongBackend("Lambda")
    if runs_handler(backend):
        backend = _run_handler(backend, payload, function_arn)
    if isinstance(backend, LambdaError):
        # The function error header Lambda's Invoke API sets [INFERRED from the Lambda API].
        headers = {"Content-Type": ["application/json"], "X-Amz-Function-Error": ["Unhandled"]}
        return EndpointResponse(200, headers, json.dumps(backend.document), backend)
    result = backend if isinstance(backend, LambdaResult) else LambdaResult(backend)
    return EndpointResponse(200, {"Content-Type": ["application/json"]}, result.body)


def runs_handler(backend: Any) -> bool:
    """Whether ``backend`` is a Lambda handler, which :func:`call_lambda` runs with the
    payload (any other Lambda backend answers without reading it)."""
    return callable(backend) and not isinstance(backend, (LambdaResult, LambdaError, IntegrationTimeout,
                                                          LambdaThrottled, EndpointUnreachable))


def _run_handler(handler: Callable[..., Any], payload: Any, function_arn: str) -> Any:
    name = function_arn.rsplit(":function:", 1)[-1].split(":", 1)[0] or "function"
    context = LambdaContext(function_name=name, invoked_function_arn=function_arn)
    try:
        value = handler(payload, context)
    except Exception as error:  # noqa: BLE001 (any failure of the function is a Lambda error)
        return LambdaError(str(error), type(error).__name__)
    try:
        return LambdaResult(value, json.dumps(value))
    except (TypeError, ValueError) as error:
        return LambdaError(f"Unable to marshal response: {error}", "Runtime.MarshalError")


def _check_takes_one_argument(function: Callable[..., Any], integration: str) -> None:
    """An HTTP backend function is called with the integration request alone; one that
    cannot be (a Lambda handler's ``(event, context)`` given to an HTTP integration) is an
    InvocationError saying so, not a TypeError from the call (fuzz_requests seed 1). What
    the function itself raises is the caller's own and passes through."""
    try:
        inspect.signature(function).bind(None)
    except TypeError:
        raise InvocationError(f"{integration} calls its backend function with one argument, the "
                              f"integration request; {getattr(function, '__name__', 'this function')} "
                              "cannot take it (a Lambda handler's (event, context) is for Lambda "
                              "integrations)") from None
    except ValueError:  # (a builtin without a signature: called as given)
        return


def call_http(
    backend: Any, integration_request: Any, *, what: str = "this method",
    described: str | None = None,
) -> EndpointResponse:
    """Run an HTTP backend (or an AWS service) for ``integration_request``. ``what`` names
    the method in errors, ``described`` its integration (see :class:`MissingBackend`)."""
    if backend is None:
        raise MissingBackend(
            what, "HTTP", 'an HttpResponse, a {"status", "headers", "body"} dict, or a '
            "function of the integration request", described
        )
    if callable(backend) and not isinstance(backend, (HttpResponse, IntegrationTimeout, EndpointUnreachable)):
        _check_takes_one_argument(backend, described or "this HTTP or AWS service integration")
        backend = backend(integration_request)
    if isinstance(backend, IntegrationTimeout):
        raise TimedOut
    if isinstance(backend, EndpointUnreachable):
        raise Unreachable(backend)
    if isinstance(backend, (LambdaResult, LambdaError, LambdaThrottled)):
        raise WrongBackend("HTTP")
    if not isinstance(backend, HttpResponse):
        backend = HttpResponse.from_document(backend)
    headers = {
        name: list(value) if isinstance(value, list) else [value]
        for name, value in backend.headers.items()
    }
    return EndpointResponse(backend.status, headers, backend.body)

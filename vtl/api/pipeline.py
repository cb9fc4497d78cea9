"""``Api.invoke``: one method run as API Gateway runs it, request to response.

The steps, in the order a request meets them (spec pipeline §1), each a function below:

1. :func:`route_request` (§2) → 403 ``MISSING_AUTHENTICATION_TOKEN``;
2. :func:`~vtl.api.authorization.authorize`: the authorizer's identity sources → 401
   ``UNAUTHORIZED``; then the answer given for it (the authorizer itself is not run) → 403
   ``ACCESS_DENIED``, 401 ``UNAUTHORIZED``, 500 ``AUTHORIZER_CONFIGURATION_ERROR``;
3. :func:`check_api_key` (§3) → 403 ``INVALID_API_KEY``;
4. :func:`validate_request`: parameters, then body (§4) → 400 ``BAD_REQUEST_PARAMETERS`` /
   ``BAD_REQUEST_BODY``;
5. the integration request: :func:`select_request_template` / 415 (§5),
   :func:`map_request_parameters` (§6), :func:`transform_request` (template and overrides, §7);
6. :func:`call_backend`: the given backend answers (§7);
7. :func:`select_integration_response` (§8);
8. :func:`transform_response`: :func:`map_response_parameters`, :func:`render_response`
   (template, overrides, §9; content, §10);
9. the method response.

Before routing, a compressed request body is decompressed (:func:`decompress_request`,
415 when it cannot be); the method response is compressed as ``Accept-Encoding`` asks when
the API enables it (:func:`compress_response`). Proxy integrations skip 5's templates and 7–8: :func:`run_lambda_proxy` (§11),
:func:`run_http_proxy` (§12). A failure anywhere ends with a gateway response (§13,
:func:`send_gateway_response`). Every step writes the test-invoke log (§15).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from vtl.api import mapping, selection, templates, validation
from vtl.api.authorization import OUTCOMES, authorize, is_unusable, missing_token, unusable_context
from vtl.api.backend import (
    EndpointResponse,
    LambdaError,
    LambdaResult,
    Throttled,
    TimedOut,
    Unreachable,
    call_http,
    call_lambda,
    runs_handler,
)
from vtl.api.compression import UnsupportedEncoding, decode_request_body, encode, response_coding
from vtl.api.content import (
    ConversionFailed,
    as_payload,
    convert,
    is_binary_media_type,
    request_conversion,
    response_conversion,
)
from vtl.api.gateway_responses import (
    ENDPOINT_TIMED_OUT,
    INTERNAL_SERVER_ERROR,
    GatewayFailure,
    gateway_response,
)
from vtl.api.integration import (
    endpoint_headers,
    endpoint_uri,
    integration_description,
    is_lambda,
    lambda_function_arn,
)
from vtl.api.invocation import (
    Execution,
    IntegrationRequest,
    Invocation,
    Response,
    SelectedIntegrationResponse,
)
from vtl.api.method_request import (
    DEFAULT_STAGE,
    InvocationError,
    proxy_event,
    read_method_request,
)
from vtl.api.model import Api, IntegrationResponse, MappingTemplate, ModelError, located
from vtl.api.proxy import MalformedProxyResponse, read_http_proxy_response, read_lambda_proxy_result
from vtl.api.routing import match_route
from vtl.errors import TemplateError

__all__ = [
    "IntegrationRequest",
    "Invocation",
    "InvocationError",
    "Response",
    "SelectedIntegrationResponse",
    "UnusedBackend",
    "invoke",
]


def invoke(
    api: Api,
    method: str,
    path: str,
    *,
    headers: Mapping[str, str | list[str]] | None = None,
    body: str | bytes | None = None,
    stage: str | None = None,
    stage_variables: Mapping[str, str] | None = None,
    authorizer: Mapping[str, Any] | None = None,
    identity: Mapping[str, Any] | None = None,
    backend: Any = None,
    authorizer_outcome: str | None = None,
) -> Invocation:
    """Run ``method path`` (``path`` may carry ``?query``) through ``api``'s pipeline.

    ``authorizer`` is the Lambda authorizer context or the Cognito claims the method sees
    (``{"claims": {...}}``; plain claims are wrapped for a ``COGNITO_USER_POOLS`` method);
    ``authorizer_outcome`` what the method's authorizer answered, one of
    :data:`~vtl.api.authorization.OUTCOMES` (default ``allow``);
    ``identity`` adds to ``$context.identity``; ``backend`` is the integration's answer
    (:mod:`vtl.api.backend`). Raises :class:`InvocationError` for arguments it cannot run
    with (a non-MOCK integration reached without a backend, say) and
    :class:`~vtl.api.model.ModelError` for an API that AWS would refuse.
    """
    if authorizer_outcome is not None and authorizer_outcome not in OUTCOMES:
        raise InvocationError(f"authorizer outcome {authorizer_outcome!r} is not one of {', '.join(OUTCOMES)}")
    request = read_method_request(method, path, headers, body)
    stage_name, variables = choose_stage(api, stage, stage_variables)
    run = Execution(
        api, request, stage_name, variables,
        None if authorizer is None else dict(authorizer),
        None if identity is None else dict(identity),
        backend,
        authorizer_outcome,
    )
    if payload_too_large(run):
        return replace(_invocation(run, None), rejected="the body is past the 10 MB payload quota")
    failure = None
    try:
        decompress_request(run)
        route_request(run)
        start_log(run)
        authorize(run)
        check_api_key(run)
        log_method_request(run)
        validate_request(run)
        integration = run.integration
        if integration.type == "AWS_PROXY":
            run_lambda_proxy(run)
        elif integration.type == "HTTP_PROXY":
            run_http_proxy(run)
        else:
            run_integration(run)
    except GatewayFailure as stopped:
        send_gateway_response(run, stopped)
        failure = stopped
    return _invocation(run, failure)


def _invocation(run: Execution, failure: GatewayFailure | None) -> Invocation:
    """What ``invoke`` reports of a finished run (``failure``: the gateway response's cause)."""
    assert run.response is not None
    selected = run.selected
    return Invocation(
        method=run.request.http_method,
        path=run.request.path,
        resource=run.route.resource if run.route else None,
        integration_request=run.integration_request,
        endpoint_response=run.endpoint_response,
        integration_response=None if selected is None else SelectedIntegrationResponse(
            selected.selection_pattern, selected.status_code
        ),
        response=run.response,
        log=run.log,
        error=None if failure is None else failure.response_type,
        template_error=None if failure is None else failure.template_error,
        method_request=run.sent_request or run.request,
        templates_run=tuple(run.templates_run),
    )


def choose_stage(
    api: Api, stage: str | None, stage_variables: Mapping[str, str] | None
) -> tuple[str, dict[str, str]]:
    """The stage name and its variables (the stage's own, then ``stage_variables``).

    [LOCAL] no stage named: the API's only or first declared stage, else
    :data:`~vtl.api.method_request.DEFAULT_STAGE`. A stage the API does not declare is
    an error when it declares some.
    """
    if stage is None:
        stage = next(iter(api.stages), DEFAULT_STAGE)
    elif api.stages and stage not in api.stages:
        raise InvocationError(f"the API has no stage {stage!r} (it has {', '.join(api.stages)})")
    variables = dict(api.stages.get(stage, {}))
    for key, value in (stage_variables or {}).items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise InvocationError(f"stage variable {key!r} must be a string, not {value!r}")
        variables[key] = value
    return stage, variables


# --- method request ------------------------------------------------------------------


#: API Gateway's payload quota, in bytes (AWS-DOC limits: 10 MB, not adjustable).
MAX_PAYLOAD_BYTES = 10 * 1024 * 1024
#: What a client gets for a larger body. AWS-USER (koki-develop/lgtm-generator issue 10,
#: 2021-09-12, an edge-optimized REST API): 413, `content-type: text; charset=utf-8`, this
#: text, sent before API Gateway runs anything; a REQUEST_TOO_LARGE gateway response set on
#: the API did not change it (same report; reapit/foundations issue 4338). [LOCAL] a
#: regional API answers the same (not recorded).
PAYLOAD_TOO_LARGE = (413, {"Content-Type": "text; charset=utf-8"},
                     f"HTTP content length exceeded {MAX_PAYLOAD_BYTES} bytes.")


def payload_too_large(run: Execution) -> bool:
    """A body past the payload quota: the 413 above, before routing (no method runs)."""
    body = run.request.body
    if body is None or len(body) <= MAX_PAYLOAD_BYTES // 4:  # 4 UTF-8 bytes a character at most
        return False
    size = len(body) if isinstance(body, bytes) else len(body.encode("utf-8", "surrogatepass"))
    if size <= MAX_PAYLOAD_BYTES:
        return False
    status, headers, text = PAYLOAD_TOO_LARGE
    # [LOCAL] wording: API Gateway logs nothing for a request it never receives.
    run.log(f"Request rejected before API Gateway: a body of {size} bytes is past the "
            f"{MAX_PAYLOAD_BYTES}-byte payload quota")
    run.response = Response(status, dict(headers), text, {k: [v] for k, v in headers.items()})
    return True


def decompress_request(run: Execution) -> None:
    """A body sent with ``Content-Encoding`` decompressed (:mod:`vtl.api.compression`); a
    coding API Gateway does not know, or a body not in it, is the 415.

    [INFERRED] before routing: AWS-DOC api-gateway-make-request-with-compressed-payload says
    the 415 may come "in the early phase of decompression before your API and stage are
    identified", and everything after routing (the proxy event, validation, templates)
    reads the decompressed body. The headers stay as sent (whether API Gateway drops
    ``Content-Encoding`` is not documented).
    """
    request = run.request
    try:
        body, codings = decode_request_body(request.body, request.header("Content-Encoding"),
                                            run.api.minimum_compression_size)
    except UnsupportedEncoding as error:
        run.log(f"Request body not decompressed: {error}")  # [LOCAL] wording
        raise GatewayFailure("UNSUPPORTED_MEDIA_TYPE", "Unsupported Media Type") from None
    if not codings:
        return
    run.sent_request = request
    run.request = replace(request, body=body)
    run.binary_request = is_binary_media_type(run.content_type, run.api.binary_media_types)


def route_request(run: Execution) -> None:
    """Find the method (§2); no route → the 403 ``MISSING_AUTHENTICATION_TOKEN``."""
    request = run.request
    run.route = match_route(run.api, request.http_method, request.path)
    if run.route is not None:
        run.method = run.route.method
    resource = run.route.resource if run.route else None
    cognito = run.route is not None and run.method.authorization_type == "COGNITO_USER_POOLS"
    if cognito and run.authorizer is not None and "claims" not in run.authorizer:
        run.authorizer = {"claims": run.authorizer}  # plain claims given for a Cognito method
    custom = run.route is not None and run.method.authorization_type == "CUSTOM"
    if custom and run.authorizer is not None:
        run.unusable_context_key = unusable_context(run.authorizer)
        if run.unusable_context_key is not None:
            # The method fails once authorized (authorization.answer); the event never
            # carries what API Gateway refuses.
            run.authorizer = {key: value for key, value in run.authorizer.items()
                              if not is_unusable(key, value)}
    run.event = proxy_event(
        request,
        resource=resource,
        path_parameters=run.route.path_parameters if run.route else {},
        stage=run.stage,
        stage_variables=run.stage_variables,
        authorizer=run.authorizer,
        identity=run.identity,
        binary=run.binary_request,
    )
    if run.route is None:
        raise missing_token(request)


def check_api_key(run: Execution) -> None:
    """The API key (§3): runs before "Starting execution", with the usage plan lines of
    API Gateway's execution logs. AWS-USER CloudWatch logs (serverless-aws-logs-parser
    mocks 2016-10 and 2017-06, Zappa#390 2016-10, jazz test fixtures 2018-09, bref#534
    2020-01): "Verifying Usage Plan for request: <id>. API Key: <key> API Stage:
    <apiId>/<stage>" (an empty key leaves two spaces), then "Usage Plan check succeeded for
    API Key <key> and API Stage <apiId>/<stage>" / "API Key <key> not authorized because
    method 'GET /' requires API Key and …"; the key masked
    (:func:`masked_api_key`). [LOCAL] only for a method that requires a key: the log is the
    test-invoke log (spec §15), which has no usage plan lines, and a method without the
    requirement is where the two agree."""
    key = validation.check_api_key(run.api, run.method, run.request, run.authorizer)
    if run.method.api_key_required:
        _log_usage_plan(run, key)
    if key:
        run.context["identity"]["apiKey"] = key


def _log_usage_plan(run: Execution, key: str | None) -> None:
    """The usage plan lines of :func:`check_api_key`; no key (None): the 403."""
    sent = validation.sent_api_key(run.api, run.request, run.authorizer)
    shown = masked_api_key(sent or "")
    stage = f"{run.context['apiId']}/{run.stage}"
    where = f"'{run.method.http_method} {run.route.resource if run.route else run.request.path}'"
    run.log(f"Verifying Usage Plan for request: {run.context['requestId']}. API Key: {shown} API Stage: {stage}")
    if key is None:
        # [LOCAL] the reason after "requires API Key": no usage plans here (AWS's, for a key
        # outside every plan: "… for API Stage i01t0vftre/staging: API Stage is not in a
        # Usage Plan", Zappa#390).
        why = "none was sent" if not sent else "it is not one of the API's keys"
        run.log(f"API Key {shown} not authorized because method {where} requires API Key and {why}")
        raise GatewayFailure("INVALID_API_KEY", "Forbidden")
    run.log(f"Usage Plan check succeeded for API Key {shown} and API Stage {stage}")


def masked_api_key(key: str) -> str:
    """An API key as the execution log prints it: ``*`` for all but its last 6 characters
    (AWS-USER: 40-character keys logged as 34 ``*`` and 6 characters, e.g.
    ``**********************************bMZHBg``; [INFERRED] for other lengths)."""
    return "*" * max(len(key) - 6, 0) + key[-6:] if key else ""


def start_log(run: Execution) -> None:
    """The log's first line (§15), before the authorizer's and the API key's lines, then
    what was done before it: a body decompressed (:func:`decompress_request`)."""
    run.log(f"Execution log for request {run.context['requestId']}")
    sent = run.sent_request
    if sent is not None and sent.body is not None:
        size = len(sent.body) if isinstance(sent.body, bytes) else len(sent.body.encode("utf-8", "surrogatepass"))
        # [LOCAL] wording: no AWS log of it is recorded.
        run.log(f"Request body decompressed (Content-Encoding {sent.header('Content-Encoding')}): "
                f"{size} bytes sent")


def log_method_request(run: Execution) -> None:
    """The log's method request lines (§15)."""
    request, log = run.request, run.log
    request_id = run.context["requestId"]
    log(f"Starting execution for request: {request_id}")
    log(f"HTTP Method: {request.http_method}, Resource Path: {request.path}")
    api_key = run.context["identity"].get("apiKey")
    if api_key:
        log(f"API Key: {masked_api_key(api_key)}")  # AWS-USER, the logs of check_api_key
    assert run.route is not None
    log.map_line("Method request path: ", run.route.path_parameters, hashmap=True)
    log.map_line("Method request query string: ", request.single_query, hashmap=True)
    log.map_line("Method request headers: ", request.single_headers, hashmap=True)
    # A binary body is not printed, as the endpoint lines do not print one [INFERRED].
    body = "[Binary Data]" if run.binary_request and request.body else request.body_text
    log.text_line("Method request body before transformations: ", body)


def validate_request(run: Execution) -> None:
    """Request validation (§4): parameters, then the body (AWS-REC: with both wrong, the
    parameters message wins)."""
    name = run.method.request_validator
    if name is None:
        return
    validator = run.api.request_validators.get(name)
    if validator is None:
        raise ModelError(f"{run.where()}: request validator {name!r} is not one of the API's validators")
    content_type = run.content_type
    if validator.validate_request_parameters:
        try:
            missing = validation.missing_request_parameters(
                run.method, run.request, run.route.path_parameters if run.route else {}
            )
        except ModelError as error:
            raise ModelError(f"{run.where()}: {error}") from None
        if missing:
            message = f"Missing required request parameters: [{', '.join(missing)}]"
            run.log(f"Request validation failed: {message}")  # [LOCAL] wording
            raise GatewayFailure("BAD_REQUEST_PARAMETERS", message)
    if validator.validate_request_body:
        try:
            model = validation.find_request_model(run.api, run.method, content_type)
        except ModelError as error:
            raise ModelError(f"{run.where()}: {error}") from None
        if model is not None:
            try:
                problem = validation.validate_request_body(run.api, model.schema, run.request.body_text)
            except ModelError as error:
                raise ModelError(f"{located(f'model {model.name}', model.source)}: {error}") from None
            if problem is not None:
                # The log line's wording [LOCAL]; validationErrorString: validation.validation_error_string.
                run.log(f"Request body does not match model schema for content type {content_type}: {problem}")
                raise GatewayFailure("BAD_REQUEST_BODY", "Invalid request body", validation_error=problem)
    run.log(f"Request validation succeeded for content type {content_type}")


# --- integration request (non-proxy) -------------------------------------------------


def run_integration(run: Execution) -> None:
    """``AWS``, ``HTTP`` and ``MOCK``: templates around the backend."""
    integration = run.integration
    chosen = select_request_template(run, run.content_type)
    parameters = map_request_parameters(run)
    body = transform_request(run, chosen)
    overrides = run.request_rendered
    if overrides is not None:
        # Request overrides win over the parameter mappings (AWS-DOC
        # apigateway-override-request-response-parameters, spec §6).
        parameters.headers.update(overrides.request_headers)
        parameters.querystring.update(overrides.querystring)
        parameters.path.update(overrides.path)
    what = run.where(integration.source)
    lambda_call = is_lambda(integration)
    uri = endpoint_uri(
        integration, path=parameters.path,
        # Mapped query parameters follow a Lambda endpoint too: its Invoke URL takes a query
        # (?Qualifier=, AWS-DOC Lambda API_Invoke) [INFERRED, spec §6-§7].
        querystring=parameters.querystring,
        stage_variables=run.stage_variables, what=what,
    )
    # Lambda: always POST; otherwise the integration's httpMethod (AWS-REC, spec §7), the
    # client's when it is ANY or unset.
    own = integration.http_method if integration.http_method not in (None, "ANY") else None
    method = "POST" if lambda_call else (own or run.request.http_method)
    headers = {} if integration.type == "MOCK" else endpoint_headers(integration, parameters.headers)
    run.integration_request = IntegrationRequest(method, uri, headers, body)
    call_backend(run, chosen is not None)
    transform_response(run)


def select_request_template(run: Execution, content_type: str) -> tuple[str, MappingTemplate] | None:
    """The request template for the Content-Type, or None to pass the body (§5); 415 when
    ``passthroughBehavior`` forbids it."""
    try:
        chosen = templates.select_request_template(run.integration, content_type)
    except templates.UnsupportedMediaType:
        run.log(f"Request body content type {content_type} is not supported "
                f"(passthroughBehavior {run.integration.passthrough_behavior})")  # [LOCAL]
        raise GatewayFailure("UNSUPPORTED_MEDIA_TYPE", "Unsupported Media Type") from None
    if chosen is not None:
        refuse_unrunnable(run, f"{chosen[0]} request template", chosen[1])
    return chosen


def refuse_unrunnable(run: Execution, what: str, template: MappingTemplate) -> None:
    """A template whose deployed text is not known here (a tool writes it, or it holds a
    value only a deployment knows): running it would be silently wrong, so say why."""
    why = template.why_not_runnable()
    if why is not None:
        # A template a tool writes has no text to point at: the line that asks for it does
        # (a serverless.yml http event with integration: lambda and no request template).
        message = f"the {what} of {run.method} {why}"
        if template.generated_by:
            message = f"{template.source or run.method.source}: {message}"
        raise InvocationError(message)


def map_request_parameters(run: Execution) -> mapping.IntegrationParameters:
    """``requestParameters`` (§6); a forbidden header target is a 500 (AWS-REC)."""
    integration = run.integration
    try:
        parameters = mapping.map_request_parameters(
            integration.request_parameters, run.request,
            path_parameters=run.route.path_parameters if run.route else {},
            context=run.context, stage_variables=run.stage_variables,
        )
    except ModelError as error:
        raise ModelError(f"{run.where(integration.source)}: requestParameters: {error}") from None
    forbidden = (mapping.FORBIDDEN_AWS_REQUEST_HEADERS if integration.type in ("AWS", "AWS_PROXY")
                 else mapping.FORBIDDEN_REQUEST_HEADERS)
    for name in parameters.headers:
        if name.lower() in forbidden:
            raise GatewayFailure(
                "API_CONFIGURATION_ERROR", INTERNAL_SERVER_ERROR,
                reason=f"integration.request.header.{name} cannot be mapped",
            )
    return parameters


def transform_request(run: Execution, chosen: tuple[str, MappingTemplate] | None) -> str | bytes:
    """The endpoint request body: the rendered template or the passthrough body, after
    ``contentHandling`` (§7, §10)."""
    integration = run.integration
    request = run.request
    payload = as_payload(request.body or "", run.binary_request)
    conversion = request_conversion(integration.content_handling, run.binary_request)
    if conversion == "CONVERT_TO_TEXT":
        payload = convert(payload, conversion)
    if chosen is None:
        body = payload
    else:
        if isinstance(payload, bytes) and payload:
            # A binary body with a template and no conversion: 500 (AWS-REC
            # LS:test_apigateway_s3::…_convert_to_binary_with_request_template). [INFERRED]
            # no body has nothing to transform (a GET under binaryMediaTypes */*).
            raise GatewayFailure("API_CONFIGURATION_ERROR", INTERNAL_SERVER_ERROR,
                                 reason="Unable to transform a binary request body")
        key, template = chosen
        event = {**run.event, "body": payload or None, "isBase64Encoded": False}
        rendered = _render(run, template, event, f"request template {key}")
        run.request_rendered = rendered
        body = rendered.body
    if conversion == "CONVERT_TO_BINARY":
        try:
            body = convert(body, conversion)
        except ConversionFailed:
            raise GatewayFailure("API_CONFIGURATION_ERROR", INTERNAL_SERVER_ERROR,
                                 reason="Unable to base64-decode the request body") from None
    return body


def _render(run: Execution, template: MappingTemplate, event: dict[str, Any], what: str,
            carried: templates.Rendered | None = None) -> templates.Rendered:
    """Render a template; a failing one is a 500 carrying the template error (§7)."""
    label = f"{run.method} {what}"
    name = f"{template.source} ({label})" if template.source else label
    run.templates_run.append((name, template.text))
    try:
        return templates.render_template(template, event, name=name, carried=carried)
    except TemplateError as error:
        from vtl.api.sources.locate import locate_error

        # Into the definition file where the template is written line for line (a YAML
        # block, a heredoc, a file of its own), as `vtl render --api` reports it.
        error = locate_error(error, template, label)
        raise GatewayFailure(
            "API_CONFIGURATION_ERROR", INTERNAL_SERVER_ERROR,
            reason=f"Unable to transform with the {what}: {error.message} ({error.location})",
            template_error=error,
        ) from None


# --- the backend ---------------------------------------------------------------------

#: [LOCAL] What a Lambda non-proxy integration answers when the rendered payload is not
#: JSON: Lambda's Invoke API refuses it with this message (AWS-USER serverless#2807);
#: status and body as API Gateway sees them are not recorded, so it is treated as an error.
UNPARSABLE_PAYLOAD_ERROR_TYPE = "InvalidRequestContentException"


class UnusedBackend(InvocationError):
    """A backend was given for a method that calls none (a MOCK integration)."""


def call_backend(run: Execution, transformed: bool) -> None:
    """The backend answers (§7); MOCK answers with the ``statusCode`` its template wrote."""
    integration = run.integration
    request = run.integration_request
    assert request is not None
    what = run.where(integration.source)
    if integration.type == "MOCK":
        if run.backend is not None:
            # A MOCK calls no backend (spec §7): an answer given for it would go unused.
            raise UnusedBackend(f"{what} has a MOCK integration, which calls no backend: "
                                "leave out the backend")
        run.endpoint_response = _mock_response(run, transformed)
        return
    _log_endpoint_request(run)
    if is_lambda(integration):
        arn = lambda_function_arn(request.uri or "")
        body = request.body if isinstance(request.body, str) else request.body.decode("utf-8", "replace")
        payload, failure = _lambda_payload(body, runs_handler(run.backend))
        with _timeout_is_a_504(run), _throttled_is_a_500(run):
            response = call_lambda(run.backend if failure is None else failure, payload, arn, what=what)
        if _invoked_asynchronously(request.headers):
            # Lambda's Invoke API answers an "Event" invocation 202 with no payload; the
            # function's own answer never comes back (AWS-DOC set-up-lambda-integration-async;
            # AWS-USER serverless/serverless#5957: the client gets 200; localstack PR 6349:
            # an empty body).
            response = EndpointResponse(202, {}, "")
    else:
        if integration.type == "AWS" and isinstance(run.backend, (LambdaResult, LambdaError)):
            raise InvocationError(
                f"{what}: the AWS integration's uri {integration.uri!r} is no Lambda function's "
                "(arn:aws:apigateway:REGION:lambda:path/2015-03-31/functions/FUNCTION_ARN/"
                "invocations), so it calls an AWS service, which answers with an HTTP response"
            )
        with _timeout_is_a_504(run), _unreachable_is_a_500(run):
            response = call_http(run.backend, request, what=what, described=integration_description(integration))
    run.endpoint_response = response
    _log_endpoint_response(run, response)


def _lambda_payload(body: str, handler: bool) -> tuple[Any, LambdaError | None]:
    """The event a Lambda integration's function gets for the integration request's
    ``body``, or the error Lambda answers instead. ``handler``: the backend is a function
    that reads the event (a given result never does)."""
    try:
        # [LOCAL] an empty payload reaches the function as {} (what Lambda does with an
        # empty invocation payload is not recorded for API Gateway). Parsed even for a
        # given result: a payload that is not JSON is refused by Lambda itself.
        return (json.loads(body) if body and not body.isspace() else {}), None
    except json.JSONDecodeError as error:
        return None, LambdaError(f"Could not parse request body into json: {error.msg}",
                                 UNPARSABLE_PAYLOAD_ERROR_TYPE)
    except (ValueError, RecursionError) as error:
        # JSON Lambda takes, that Python cannot hold (an integer past 4,300 digits,
        # thousands of nested arrays: fuzz_requests seed 2). A Python handler's runtime
        # fails to read it ([INFERRED] the runtime's json.loads raises the same, which it
        # reports as Runtime.UnmarshalError); a given result never reads it.
        failure = LambdaError(f"Unable to unmarshal input: {error}", "Runtime.UnmarshalError")
        return None, failure if handler else None


@contextmanager
def _timeout_is_a_504(run: Execution) -> Iterator[None]:
    """A backend that does not answer in time (:class:`~vtl.api.backend.IntegrationTimeout`):
    504 ``INTEGRATION_TIMEOUT``, ``{"message": "Endpoint request timed out"}``, after the
    log line "Execution failed due to a timeout error" (AWS-USER: a REST API's curl
    transcript and execution log, 2025-05-20, a Lambda past 29 s; the same line in a 2018
    CloudWatch log of a Lambda integration)."""
    try:
        yield
    except TimedOut:
        run.log("Execution failed due to a timeout error")
        raise GatewayFailure("INTEGRATION_TIMEOUT", ENDPOINT_TIMED_OUT) from None


#: [INFERRED] The gateway response type of a backend API Gateway could not use: a throttled
#: Lambda, an unreachable endpoint. Both 500s come after the log's "Execution failed due to
#: configuration error" line, which API_CONFIGURATION_ERROR failures print (spec §8); no
#: access log records the type. The one place of that choice.
BACKEND_FAILURE_TYPE = "API_CONFIGURATION_ERROR"


@contextmanager
def _throttled_is_a_500(run: Execution) -> Iterator[None]:
    """Lambda refuses the invocation with its 429 (:class:`~vtl.api.backend.LambdaThrottled`):
    500 ``{"message": "Internal server error"}``, after the log lines "Lambda invocation
    failed with status: 429. Lambda request id: <id>" and "Execution failed due to
    configuration error: Rate Exceeded." (AWS-USER: a REST API's curl transcript and
    execution log, 2025-05-20, the source of the 504 above)."""
    try:
        yield
    except Throttled as refused:
        # [LOCAL] the API request id stands for Lambda's when none is given.
        request_id = refused.throttled.request_id or run.context["requestId"]
        run.log(f"Lambda invocation failed with status: 429. Lambda request id: {request_id}")
        raise GatewayFailure(BACKEND_FAILURE_TYPE, INTERNAL_SERVER_ERROR,
                             reason=refused.throttled.document["message"]) from None


@contextmanager
def _unreachable_is_a_500(run: Execution) -> Iterator[None]:
    """An endpoint API Gateway cannot reach (:class:`~vtl.api.backend.EndpointUnreachable`):
    500 ``{"message": "Internal server error"}`` after "Execution failed due to configuration
    error: <reason>" and "Method completed with status: 500" (AWS-DOC knowledge-center
    api-gateway-500-error-vpc); type :data:`BACKEND_FAILURE_TYPE`."""
    try:
        yield
    except Unreachable as failed:
        raise GatewayFailure(BACKEND_FAILURE_TYPE, INTERNAL_SERVER_ERROR, reason=failed.reason) from None


def _invoked_asynchronously(headers: Mapping[str, str]) -> bool:
    """The integration request asks Lambda for an asynchronous invocation:
    ``X-Amz-Invocation-Type: Event`` (AWS-DOC set-up-lambda-integration-async)."""
    return any(name.lower() == "x-amz-invocation-type" and value.strip() == "Event"
               for name, value in headers.items())


def _mock_response(run: Execution, transformed: bool) -> EndpointResponse:
    """MOCK: the ``statusCode`` of the request template's output (AWS-REC: json-smart's
    lenient reading, ``{statusCode: 200}`` accepted); no template → the default (AWS-DOC)."""
    if not transformed or run.request_rendered is None:
        return EndpointResponse(0, {}, "")
    from vtl.apigw.input import parse_json_document
    from vtl.java.registry import JavaException

    try:
        document = parse_json_document(run.request_rendered.body)
    except JavaException:
        document = None
    status = document.get("statusCode") if isinstance(document, dict) else None
    if isinstance(status, bool) or not isinstance(status, int):
        raise GatewayFailure(
            "API_CONFIGURATION_ERROR", INTERNAL_SERVER_ERROR,
            # AWS-USER nickolashkraus/cloudformation-templates#9
            reason="statusCode should be an integer which defined in request template",
        )
    return EndpointResponse(status, {}, "")


def _log_endpoint_request(run: Execution) -> None:
    request = run.integration_request
    assert request is not None
    run.log(f"Endpoint request URI: {request.uri}")
    run.log.map_line("Endpoint request headers: ", request.headers)
    body = request.body if isinstance(request.body, str) else "[Binary Data]"
    run.log.text_line("Endpoint request body after transformations: ", body)
    run.log(f"Sending request to {request.uri}")


def _log_endpoint_response(run: Execution, response: EndpointResponse) -> None:
    # [LOCAL] the latency is 0 ms: nothing is timed, so two runs give the same log.
    run.log(f"Received response. Status: {response.status}, Integration latency: 0 ms")
    headers = {name: ",".join(values) for name, values in response.headers.items()}
    run.log.map_line("Endpoint response headers: ", headers)
    body = response.body if isinstance(response.body, str) else "[Binary Data]"
    run.log.text_line("Endpoint response body before transformations: ", body)


# --- integration response (non-proxy) ------------------------------------------------


def select_integration_response(run: Execution) -> IntegrationResponse:
    """Pick the integration response (§8); none → 500 ``API_CONFIGURATION_ERROR``."""
    integration, response = run.integration, run.endpoint_response
    assert response is not None
    if is_lambda(integration):
        error = response.lambda_error
        selection_input = None if error is None else (error.error_message or "")
    elif integration.type == "MOCK" and response.status == 0:
        selection_input = None  # no request template: the default response (AWS-DOC)
    else:
        selection_input = str(response.status)
    try:
        selected = selection.select_integration_response(integration, selection_input)
    except selection.InvalidSelectionPattern as error:
        raise ModelError(f"{run.where(error.response.source)}: {error}") from None
    if selected is None:
        raise GatewayFailure(
            "API_CONFIGURATION_ERROR", INTERNAL_SERVER_ERROR,
            reason="No match for output mapping and no default output mapping configured. "
            f"Endpoint Response Status Code: {response.status}",
        )
    pattern = "default" if selected.is_default else f"selectionPattern {selected.selection_pattern}"
    run.log(f"Selected integration response: status {selected.status_code} ({pattern})")  # [LOCAL]
    _check_method_response(run, selected)
    run.selected = selected
    return selected


def _check_method_response(run: Execution, selected: IntegrationResponse) -> None:
    """The selected response's status must have a method response: "If no method response
    is defined for the returned status code, API Gateway returns a 500 error" (AWS-DOC
    api-gateway-integration-settings-integration-response; handle-errors-in-lambda-integration:
    "an invalid configuration error response at runtime"), though AWS refuses to create such
    a response one call at a time (AWS-REC, spec §8): an imported API has them (AWS's own
    request-validation sample API's default 400). A header mapping the method response does
    not declare is refused (``Method.undeclared``): [LOCAL] when the request selects it;
    ``load_api`` warns about both when the definition is read."""
    declared = run.method.method_responses
    if declared and selected.status_code not in declared:
        raise GatewayFailure(
            "API_CONFIGURATION_ERROR", INTERNAL_SERVER_ERROR,
            reason=f"no method response for status {selected.status_code}")  # [LOCAL] wording
    problem = run.method.undeclared(selected)
    if problem is not None:
        raise ModelError(f"{run.where(selected.source)}: {problem}")


def transform_response(run: Execution) -> None:
    """Response parameters, template and overrides (§9), content handling (§10)."""
    selected = select_integration_response(run)
    mapped = map_response_parameters(run, selected)
    status, body, override_headers = render_response(run, selected)
    client_headers = {"Content-Type": "application/json"}  # unless mapped (AWS-DOC, AWS-REC §9)
    for name, value in {**mapped, **override_headers}.items():
        name = mapping.remap_response_header(name)
        for existing in [key for key in client_headers if key.lower() == name.lower()]:
            del client_headers[existing]
        client_headers[name] = value
    _complete(run, Response(status, client_headers, body,
                            {name: [value] for name, value in client_headers.items()}))


def map_response_parameters(run: Execution, selected: IntegrationResponse) -> dict[str, str]:
    """The method response headers the selected response's ``responseParameters`` set (§9)."""
    response = run.endpoint_response
    assert response is not None
    lambda_error = response.lambda_error
    try:
        return mapping.map_response_parameters(
            selected.response_parameters,
            endpoint_headers=response.headers, endpoint_body=response.body_text,
            context=run.context, stage_variables=run.stage_variables,
            error_message=None if lambda_error is None else lambda_error.error_message,
        )
    except ModelError as error:
        raise ModelError(f"{run.where(selected.source)}: responseParameters: {error}") from None


def render_response(
    run: Execution, selected: IntegrationResponse
) -> tuple[int, str | bytes, dict[str, str]]:
    """The status, body and override headers after the response template chosen by
    ``Accept`` (§9) and ``contentHandling`` (§10); no template: the body passes through."""
    response = run.endpoint_response
    assert response is not None
    binary_types = run.api.binary_media_types
    binary = is_binary_media_type(validation.mime_type(response.header("Content-Type")), binary_types)
    accept_binary = is_binary_media_type(validation.accept_type(run.request.header("Accept")), binary_types)
    conversion = response_conversion(selected.content_handling, binary, accept_binary)
    if response.header("Content-Encoding") is not None:
        # "already compressed" (AWS-DOC api-gateway-receive-response-with-compressed-payload):
        # passed on as it came [INFERRED: no conversion of compressed bytes is documented].
        binary, conversion = True, None
    # A binary payload passed on keeps the type it was given in (the same bytes on the wire:
    # a Lambda's JSON under binaryMediaTypes */* stays readable text).
    payload = response.body if binary else as_payload(response.body, False)
    if conversion == "CONVERT_TO_TEXT":
        payload = convert(as_payload(payload, True), conversion)
    status = int(selected.status_code)
    body: str | bytes = payload
    override_headers: dict[str, str] = {}
    carried = run.request_rendered
    if carried is not None:
        # responseOverride set in the request template carries over (AWS-REC, spec §9).
        status = carried.status or status
        override_headers.update(carried.response_headers)
    chosen = templates.select_response_template(selected, run.request.header("Accept"))
    if chosen is not None:
        key, template = chosen
        refuse_unrunnable(run, f"{key} response template ({selected.status_code})", template)
        text = payload if isinstance(payload, str) else payload.decode("utf-8", "replace")
        event = {**run.event, "body": text or None, "isBase64Encoded": False}
        rendered = _render(run, template, event, f"response template {key} ({selected.status_code})",
                           carried=carried)
        body = rendered.body
        if rendered.status is not None and rendered.status in OVERRIDABLE_STATUSES:
            status = rendered.status
        override_headers.update(rendered.response_headers)
    if conversion == "CONVERT_TO_BINARY" and isinstance(body, str):
        try:
            body = convert(body, conversion)
        except ConversionFailed:
            raise GatewayFailure("API_CONFIGURATION_ERROR", INTERNAL_SERVER_ERROR,
                                 reason="Unable to base64-decode the response body") from None
    return status, body, override_headers


def _complete(run: Execution, response: Response) -> None:
    body = response.body if isinstance(response.body, str) else "[Binary Data]"
    run.log.text_line("Method response body after transformations: ", body)
    response = compress_response(run, response)
    run.log.map_line("Method response headers: ", response.headers)
    run.log("Successfully completed execution")
    run.log(f"Method completed with status: {response.status}")
    run.response = response


def compress_response(run: Execution, response: Response) -> Response:
    """The method response compressed as the client's ``Accept-Encoding`` asks, when the API
    enables compression and the body has at least ``minimumCompressionSize`` bytes after
    the mapping template (:mod:`vtl.api.compression`). A response or integration response
    with a ``Content-Encoding`` of its own is "already compressed" and left alone (AWS-DOC
    api-gateway-receive-response-with-compressed-payload). [INFERRED] every method
    response, proxy results included; gateway responses too (AWS-USER,
    :func:`send_gateway_response`)."""
    minimum = run.api.minimum_compression_size
    coding = response_coding(run.request.header("Accept-Encoding"))
    if minimum is None or coding is None:
        return response
    endpoint = run.endpoint_response
    own = [name for name in (*response.headers, *(endpoint.headers if endpoint else ()))
           if name.lower() == "content-encoding"]
    if own:
        run.log("Method response not compressed: it has a Content-Encoding")  # [LOCAL]
        return response
    data = response.body if isinstance(response.body, bytes) else response.body.encode("utf-8", "surrogatepass")
    if len(data) < minimum:
        # [LOCAL] wording, as every line of this step.
        run.log(f"Method response not compressed: {len(data)} bytes, under minimumCompressionSize {minimum}")
        return response
    compressed = encode(data, coding)
    run.log(f"Method response body compressed with {coding}: {len(data)} bytes to {len(compressed)}")
    headers = {**response.headers, "Content-Encoding": coding}
    multi = {**response.multi_value_headers, "Content-Encoding": [coding]}
    return Response(response.status, headers, compressed, multi)


# --- proxy integrations --------------------------------------------------------------


def run_lambda_proxy(run: Execution) -> None:
    """``AWS_PROXY`` (§11): the proxy event in, the proxy result out; 502 when malformed."""
    integration = run.integration
    # The mappings are not applied (AWS-REC LS:lambda::test_lambda_aws_proxy_integration_request_data_mapping),
    # but a header AWS refuses to map is still the 500 (AWS-REC
    # LS:integ::test_apigateway_header_remapping_aws[AWS_PROXY]).
    map_request_parameters(run)
    uri = endpoint_uri(integration, path={}, querystring={}, stage_variables=run.stage_variables,
                       what=run.where(integration.source))
    body = json.dumps(run.event, separators=(",", ":"), ensure_ascii=False)
    headers = endpoint_headers(integration, {})
    method = integration.http_method if integration.http_method not in (None, "ANY") else "POST"
    run.integration_request = IntegrationRequest(method, uri, headers, body)
    _log_endpoint_request(run)
    if method != "POST":
        # Lambda is invoked only by POST: AWS-REC LS:lambda::test_lambda_aws_proxy_integration_non_post_method
        # (integrationHttpMethod GET → 500 {"message": "Internal server error"}, an
        # INTEGRATION_FAILURE at 500, not that type's default 504). [LOCAL] the log's reason.
        raise GatewayFailure("INTEGRATION_FAILURE", INTERNAL_SERVER_ERROR, status=500,
                             reason=f"Lambda is invoked by POST, not by the integration's httpMethod {method}")
    # The handler gets its own copy of the event; a given result never reads it.
    payload = json.loads(body) if runs_handler(run.backend) else None
    with _timeout_is_a_504(run), _throttled_is_a_500(run):
        response = call_lambda(run.backend, payload, lambda_function_arn(uri or ""),
                               what=run.where(integration.source))
    run.endpoint_response = response
    _log_endpoint_response(run, response)
    error = response.lambda_error
    if error is not None:
        # AWS-REC: a function error through a proxy integration is a 502. AWS-USER test-invoke
        # and CloudWatch logs (2019, 2022, a re:Post note) word it so, with no "Execution
        # failed due to configuration error" line; [LOCAL] the API request id stands for
        # Lambda's when the error carries none.
        request_id = error.request_id or run.context["requestId"]
        run.log(f"Lambda execution failed with status 200 due to customer function error: "
                f"{error.error_message}. Lambda request id: {request_id}")
        raise GatewayFailure(MALFORMED_PROXY_RESPONSE_TYPE, INTERNAL_SERVER_ERROR,
                             status=MALFORMED_PROXY_RESPONSE_STATUS)
    accept = validation.accept_type(run.request.header("Accept"))
    try:
        result = read_lambda_proxy_result(
            response.body_text,
            binary_accepted=is_binary_media_type(accept, run.api.binary_media_types),
        )
    except MalformedProxyResponse as error:
        run.log(f"Malformed Lambda proxy response: {error}")  # [LOCAL] the detail
        raise _malformed("Malformed Lambda proxy response") from None
    _complete(run, _response(result.status, result.headers, result.body))


#: The statuses ``$context.responseOverride.status`` may set; any other value is ignored and
#: the integration response's status stays (AWS-REC localstack PR 11135, unit tests
#: "manually tested against AWS": 600 and 99 are not taken, 500 is).
OVERRIDABLE_STATUSES = range(100, 600)


#: The gateway response of a Lambda proxy function error (and of a malformed proxy result):
#: 502 ``{"message": "Internal server error"}`` of type ``INTEGRATION_FAILURE``, at 502
#: rather than that type's default 504. AWS-USER: a REST API's access logs
#: (``$context.error.responseType``), DataBiosphere/azul PR 6624 (2024-06): every "Lambda
#: Customer Function Error" (a function exception, Lambda's "Response payload size
#: exceeded") logged ``INTEGRATION_FAILURE`` / "Internal server error"; azul#7475 (2025-10):
#: that 502 came with the API's own customised 5XX body and kept its status. [INFERRED] a
#: malformed result fires the same type (LocalStack's next-gen gateway maps it so; spec §17
#: left it open). A customised ``DEFAULT_5XX`` still applies to it, as to every 5XX type.
MALFORMED_PROXY_RESPONSE_TYPE = "INTEGRATION_FAILURE"
MALFORMED_PROXY_RESPONSE_STATUS = 502


def _malformed(reason: str) -> GatewayFailure:
    return GatewayFailure(MALFORMED_PROXY_RESPONSE_TYPE, INTERNAL_SERVER_ERROR,
                          status=MALFORMED_PROXY_RESPONSE_STATUS, reason=reason)


def run_http_proxy(run: Execution) -> None:
    """``HTTP_PROXY`` (§12): the client's request to the URI, the backend's answer back."""
    integration = run.integration
    parameters = map_request_parameters(run)
    # Every value the client sent; a mapped value joins them (AWS-REC, spec §12).
    query = {name: list(values) for name, values in run.request.query.items()}
    for name, value in parameters.querystring.items():
        query.setdefault(name, []).extend([value] if isinstance(value, str) else value)
    uri = endpoint_uri(integration, path=parameters.path, querystring=query,
                       stage_variables=run.stage_variables, what=run.where(integration.source))
    from vtl.apigw.event import DEFAULT_CONTEXT, REMOVED_HEADERS, sorted_headers

    # The client's headers but those API Gateway drops (as in the proxy event) [INFERRED].
    client = {name: ",".join(values) for name, values in run.request.headers.items()
              if name.lower() not in REMOVED_HEADERS}
    # API Gateway adds its id, as for HTTP (AWS-REC LS:http::test_http_integration_with_lambda[HTTP_PROXY]).
    own = {"X-Amzn-Apigateway-Api-Id": DEFAULT_CONTEXT["apiId"]}
    headers = sorted_headers({**client, **own, **parameters.headers})
    # The integration's httpMethod, unless ANY: then the client's [INFERRED, spec §7/§12].
    method = integration.http_method if integration.http_method not in (None, "ANY") else None
    body = run.request.body if run.request.body is not None else ""
    run.integration_request = IntegrationRequest(method or run.request.http_method, uri, headers, body)
    _log_endpoint_request(run)
    with _timeout_is_a_504(run), _unreachable_is_a_500(run):
        response = call_http(run.backend, run.integration_request, what=run.where(integration.source))
    run.endpoint_response = response
    _log_endpoint_response(run, response)
    result = read_http_proxy_response(response.status, response.headers, response.body)
    _complete(run, _response(result.status, result.headers, result.body))


def _response(status: int, headers: dict[str, list[str]], body: str | bytes) -> Response:
    return Response(status, {name: ",".join(values) for name, values in headers.items()}, body,
                    headers)


# --- gateway responses ---------------------------------------------------------------


def send_gateway_response(run: Execution, failure: GatewayFailure) -> None:
    """The gateway response for ``failure`` (§13), and its log lines."""
    if failure.reason:
        run.log(f"Execution failed due to configuration error: {failure.reason}")
    request = run.request
    reply = gateway_response(
        run.api, failure,
        context=run.context if run.event else {},
        stage_variables=run.stage_variables,
        request_parameters={
            "path": run.route.path_parameters if run.route else {},
            "querystring": request.single_query,
            "header": request.single_headers,
        },
    )
    # The first line is AWS's (AWS-USER: "Gateway response type: AUTHORIZER_CONFIGURATION_ERROR
    # with status code: 500" in a CloudWatch execution log of a WebSocket API quoted in a blog
    # post, 2020-07-02; [INFERRED] REST APIs log it alike);
    # [LOCAL] the body and headers lines (AWS's are not recorded, spec §15).
    run.log(f"Gateway response type: {failure.response_type} with status code: {reply.status}")
    run.log(f"Gateway response body: {reply.body}")
    run.log.map_line("Gateway response headers: ", reply.headers)
    run.log(f"Method completed with status: {reply.status}")
    response = Response(reply.status, reply.headers, reply.body,
                        {name: [value] for name, value in reply.headers.items()})
    # Compressed as a method response is (AWS-USER DataBiosphere/azul#3886, 2022: a 502
    # "Internal server error" of an API with compression on came with Content-Encoding:
    # gzip and Content-Length: 56, the gzip size of the 36-byte body; CloudFront compresses
    # nothing under 1,000 bytes, so API Gateway did). [INFERRED] not the 415 of a body that
    # cannot be decompressed: it may come "before your API and stage are identified"
    # (AWS-DOC api-gateway-make-request-with-compressed-payload), so before their settings.
    undecoded = run.route is None and failure.response_type == "UNSUPPORTED_MEDIA_TYPE"
    run.response = response if undecoded else compress_response(run, response)

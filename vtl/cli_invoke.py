"""``vtl invoke``: run one method of an API definition, request to response, as API Gateway.

    vtl invoke API_FILE "METHOD /path?query" [--header NAME:VALUE]...
               [--body TEXT | --body-file FILE] [--stage NAME] [--stage-var K=V]...
               [--authorizer JSON] [--authorizer-outcome OUTCOME] [--identity JSON]
               [--lambda-result JSON | --lambda-error JSON | --http-response JSON |
                --integration-timeout | --lambda-throttled | --endpoint-unreachable [REASON]]
               [--json] [--param K=V]...

:func:`add_parser` adds the command to ``vtl``'s parser, :func:`run` runs it. Exit status:
0 the method ran (whatever status the client got), 1 a mapping template failed (the 500
is still reported; the template error goes to stderr), 2 a usage or input error.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vtl.api import Api
    from vtl.api.pipeline import Invocation

__all__ = ["add_parser", "run"]

#: What an API_FILE may be, for every command that takes one (README: "Templates inside API
#: definitions"); one place, so that no help names OpenAPI alone.
API_FORMATS = "OpenAPI, CloudFormation/SAM, cdk.out, Terraform, serverless.yml"

EPILOG = """\
API_FILE is any API definition `vtl` reads: an OpenAPI 3.x or Swagger 2.0 document (JSON or
YAML) with the x-amazon-apigateway-* extensions, as `aws apigateway get-export --extensions
integrations` writes it; a CloudFormation or SAM template; a CDK cdk.out folder; a Terraform
folder; a serverless.yml (`vtl routes API_FILE` lists its methods).

The backend is given, never called: --lambda-result is the JSON the function returned,
--lambda-error '{"errorMessage": "...", "errorType": "..."}' a function error,
--http-response a JSON object {"status", "headers", "body"}. Each takes a JSON file
(- for stdin) or the JSON itself. --integration-timeout: the backend does not answer in
time (504 INTEGRATION_TIMEOUT). --lambda-throttled: Lambda refuses the invocation with its
429 "Rate Exceeded." (500 Internal server error). --endpoint-unreachable [REASON]: an HTTP
endpoint cannot be reached (500, "Execution failed due to configuration error: REASON" in
the log). MOCK methods need none.

The authorizer of a CUSTOM or COGNITO_USER_POOLS method is not run either: once the
request has its identity sources, --authorizer is the context it returned and
--authorizer-outcome what it answered:
  allow           the method runs (the default)
  deny            an explicit Deny in the policy: 403 ACCESS_DENIED, {"Message":"User is
                  not authorized to access this resource with an explicit deny in an
                  identity-based policy"}
  implicit-deny   the policy does not allow the method: 403 ACCESS_DENIED, {"Message":
                  "User is not authorized to access this resource because no
                  identity-based policy allows the execute-api:Invoke action"}
  unauthorized    the function failed with "Unauthorized", or the user pool refused
                  the token: 401 UNAUTHORIZED, {"message":"Unauthorized"}
  error           the function failed otherwise: 500 AUTHORIZER_CONFIGURATION_ERROR,
                  {"message":null}
  invalid-policy  the function answered no valid policy: the same 500
A user pool answers allow or unauthorized. The API's gateway responses for these types
(or its DEFAULT_4XX / DEFAULT_5XX) apply, with $context.authorizer.* after a deny.

A request body with Content-Encoding gzip or deflate is decompressed first (another
coding: 415); when the API enables compression (minimumCompressionSize), a response
body is compressed as --header "Accept-Encoding: gzip" asks (shown as binary: base64 in
--json).

--json prints one JSON object: {"method", "resource", "integration_request",
"integration_response", "response", "error", "log"} (binary bodies in base64).

exit status: 0 the method ran (whatever the status), 1 a template failed, 2 usage or input error

examples:
  vtl invoke examples/api/petstore-oas30.yaml "GET /pets/7?currency=EUR" \\
      --lambda-result examples/api/pet.json
  vtl invoke examples/api/petstore-oas30.yaml "OPTIONS /pets/7" --json
"""


#: ``--authorizer-outcome`` values: :data:`vtl.api.authorization.OUTCOMES`, written out so
#: that building the parser imports no API module (tests check they agree).
AUTHORIZER_OUTCOMES = ("allow", "deny", "implicit-deny", "unauthorized", "error", "invalid-policy")

#: The options that give each kind of integration its backend's answer.
BACKEND_OPTIONS = {
    "Lambda": "--lambda-result JSON or --lambda-error JSON (a file or the JSON itself)",
    "HTTP": "--http-response JSON (a file or the JSON itself)",
}


def add_parser(commands: Any) -> argparse.ArgumentParser:
    """Add ``invoke`` to the subcommands ``commands`` of the ``vtl`` parser."""
    parser: argparse.ArgumentParser = commands.add_parser(
        "invoke",
        help="run a method of an API definition, request to response",
        description="Run one method of API_FILE as API Gateway does and report every stage.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("api_file", metavar="API_FILE", help=f"the API definition ({API_FORMATS})")
    parser.add_argument("request", metavar="METHOD /path?query", help='e.g. "GET /pets/7?currency=EUR"')
    parser.add_argument("--header", action="append", default=[], metavar="NAME:VALUE",
                        help="a request header (repeat for more; a repeated name has several values)")
    body = parser.add_mutually_exclusive_group()
    body.add_argument("--body", metavar="TEXT", help="the request body")
    body.add_argument("--body-file", metavar="FILE", help="the request body, read from FILE as bytes (- for stdin)")
    parser.add_argument("--stage", metavar="NAME", help="the stage (default: the API's first, else prod)")
    parser.add_argument("--stage-var", action="append", default=[], metavar="K=V", dest="stage_vars",
                        help="a stage variable (repeat for more)")
    parser.add_argument("--authorizer", metavar="JSON",
                        help="JSON object (a file, - for stdin, or the JSON itself): the Lambda authorizer "
                             "context or Cognito claims the method sees")
    parser.add_argument("--authorizer-outcome", choices=AUTHORIZER_OUTCOMES, metavar="OUTCOME",
                        help=f"what the method's authorizer answered: {', '.join(AUTHORIZER_OUTCOMES)} "
                             "(default allow; see below)")
    parser.add_argument("--identity", metavar="JSON",
                        help="JSON object (a file, - for stdin, or the JSON itself) added to "
                             "$context.identity (e.g. {\"user\": \"me\"}); "
                             "a REQUEST authorizer may name context.identity.* as identity sources")
    backend = parser.add_mutually_exclusive_group()
    backend.add_argument("--lambda-result", metavar="JSON",
                         help="what the Lambda function returned: a JSON file (- for stdin) or the JSON itself")
    backend.add_argument("--lambda-error", metavar="JSON",
                         help='a function error {"errorMessage": ..., "errorType": ...}: a file or the JSON itself')
    backend.add_argument("--http-response", metavar="JSON",
                         help='the HTTP backend\'s answer {"status", "headers", "body"}: a file or the JSON itself')
    backend.add_argument("--integration-timeout", action="store_true",
                         help="the backend does not answer within the integration timeout (504)")
    backend.add_argument("--lambda-throttled", action="store_true",
                         help="Lambda refuses the invocation: 429 TooManyRequestsException (500)")
    backend.add_argument("--endpoint-unreachable", nargs="?", const=True, metavar="REASON",
                         help="the HTTP endpoint cannot be reached (500); REASON is what the log "
                              "says after 'Execution failed due to configuration error: '")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a report")
    parser.add_argument("--no-warnings", action="store_true",
                        help="do not print warnings about the definition or the templates that ran")
    from vtl.cli_routes import add_param_option

    add_param_option(parser)  # the definition's parameters, as `vtl routes` takes them
    return parser


def run(args: argparse.Namespace) -> int:
    """Run ``vtl invoke`` with parsed ``args``; returns the exit status."""
    from vtl.cli import _at_most_one_stdin, _parse_stage_vars, _use_color, _write, write_warnings

    _at_most_one_stdin(args.body_file, args.lambda_result, args.lambda_error, args.http_response, args.authorizer,
                       args.identity)
    http_method, path = _request_line(args.request)
    request = {
        "headers": _headers(args.header),
        "body": _body(args),
        "stage": args.stage,
        "stage_variables": _parse_stage_vars(args.stage_vars),
        "authorizer": _json_object_option(args.authorizer, "--authorizer", "authorizer") if args.authorizer else None,
        "identity": _json_object_option(args.identity, "--identity", "identity") if args.identity else None,
        "backend": _backend(args),
        "authorizer_outcome": args.authorizer_outcome,
    }
    api = _load(args.api_file, args.params, args.no_warnings)
    invocation = _invoke(api, args, http_method, path, request)
    color = _use_color(sys.stderr)
    if not args.no_warnings:
        write_warnings(_located_warnings(api, invocation))  # as vtl render --api shows them
        broken = _broken_json_request(invocation)
        if broken is not None:
            _write(sys.stderr, f"vtl: warning: {broken}\n")
    hint = _stage_in_path_hint(api, invocation, http_method, path)
    if hint is not None:
        _write(sys.stderr, f"vtl: hint: {hint}\n")
    _write(sys.stdout, json.dumps(invocation.to_json(), indent=2, ensure_ascii=False) + "\n"
           if args.json else report(invocation, args.request))
    if invocation.template_error is not None:
        _write(sys.stderr, invocation.template_error.format(color=color) + "\n")
        return 1
    return 0


def _broken_json_request(invocation: Invocation) -> str | None:
    """What to say when a request template wrote what starts as JSON but is not JSON (a
    quote left out): API Gateway sends it as it is, and only the backend notices, a JSON
    API (DynamoDB, Step Functions, Lambda) with a 400, while the given answer here may
    not show it (realworld13 sam-patterns-ddb-openapi-crud's POST template)."""
    request = invocation.integration_request
    ran = [name for name, _ in invocation.templates_run if " request template " in name]
    if request is None or not ran or not isinstance(request.body, str):
        return None
    if not request.body.lstrip().startswith(("{", "[")):
        return None  # form-encoded, XML, plain text: not meant as JSON
    try:
        json.loads(request.body)
    except ValueError as error:
        why = f"{error.msg}: line {error.lineno}, column {error.colno} of the output" if isinstance(
            error, json.JSONDecodeError) else str(error)
        return (f"{ran[-1]}: the output is not JSON ({why}); API Gateway "
                "sends it as it is, and a JSON API such as DynamoDB answers 400")
    return None


def _stage_in_path_hint(api: Api, invocation: Invocation, http_method: str, path: str) -> str | None:
    """When no route takes ``path`` but one takes it without its first segment: the path
    was likely copied from the stage's URL (``/dev/hello-world``, an export's
    ``servers`` URL or a serverless.yml stage), whose first segment is the stage, not a
    resource. API Gateway answers 403 Missing Authentication Token there too (as here);
    the hint says which request the user probably meant."""
    from vtl.api.routing import match_route

    if invocation.resource is not None or invocation.rejected is not None:
        return None
    bare, _, query = path.partition("?")
    first, _, rest = bare.lstrip("/").partition("/")
    if not first or match_route(api, http_method, "/" + rest) is None:
        return None
    again = f"/{rest}" + (f"?{query}" if query else "")
    return (f"no resource matches {bare}; the path is the resource's, without the stage: "
            f"\"{http_method} {again}\" has a route (the stage is --stage {first})")


def _located_warnings(api: Any, invocation: Any) -> list[Any]:
    """The warnings of the templates that ran, pointing into the definition file as
    ``vtl render --api`` points them (the run names each template ``SOURCE (what)``)."""
    from vtl.api.sources.locate import locate_error
    from vtl.cli import _api_templates

    templates = [template for _, template in _api_templates(api) if template.source is not None]
    located = []
    for warning in invocation.warnings:
        for template in templates:
            prefix = f"{template.source} ("
            if warning.name.startswith(prefix) and (warning.name, template.text) in invocation.templates_run:
                warning = locate_error(warning, template, warning.name[len(prefix):-1])
                break
        located.append(warning)
    return located


def _load(path: str, params: list[str], quiet: bool = False) -> Api:
    """The API at ``path`` (``--param`` values for its parameters); what its reader
    skipped is said on stderr, not hidden, unless ``quiet`` (``--no-warnings``, as
    ``vtl render --api`` takes it)."""
    from vtl.api.sources import load_api
    from vtl.cli import UsageError, _write
    from vtl.cli_routes import parse_params

    try:
        api = load_api(path, parse_params(params))
    except (ValueError, OSError) as error:  # DefinitionError, ModelError: file:line: message
        raise UsageError(str(error)) from None
    for warning in [] if quiet else api.warnings:
        _write(sys.stderr, f"vtl: warning: {warning}\n")
    return api


def _invoke(api: Api, args: argparse.Namespace, http_method: str, path: str,
            request: dict[str, Any]) -> Invocation:
    """``api.invoke``, its usage errors said in the command's own terms (its options)."""
    from vtl.api import InvocationError, ModelError
    from vtl.api.backend import MissingBackend, WrongBackend
    from vtl.api.pipeline import UnusedBackend
    from vtl.cli import UsageError

    try:
        return api.invoke(http_method, path, **request)
    except MissingBackend as error:
        options = BACKEND_OPTIONS[error.kind]
        raise UsageError(f"{error.what} has {error.described}: give its answer with {options}") from None
    except UnusedBackend as error:
        raise UsageError(str(error).replace("the backend", _option_given(args))) from None
    except WrongBackend as error:
        described = "a Lambda integration" if error.kind == "Lambda" else "an HTTP integration"
        raise UsageError(f"{described} needs {ANSWER_OPTIONS[error.kind]}, not {_option_given(args)}") from None
    except (InvocationError, ModelError) as error:
        # Said in the command's terms: the authorizer context is --authorizer here.
        raise UsageError(str(error).replace("leave out the authorizer context", "leave out --authorizer")) from None


#: Every option that answers for each kind of integration (a wrong one names them all).
ANSWER_OPTIONS = {
    "Lambda": "--lambda-result, --lambda-error, --lambda-throttled or --integration-timeout",
    "HTTP": "--http-response, --integration-timeout or --endpoint-unreachable",
}


def report(invocation: Invocation, request_line: str | None = None) -> str:
    """The readable report: request, integration request and response, response, log."""
    sent = request_line or f"{invocation.method} {invocation.path}"
    route = f"{invocation.method} {invocation.resource}" if invocation.resource else "(no route)"
    if invocation.rejected is not None:
        route = f"{invocation.response.status} before routing ({invocation.rejected})"
    lines = [f"{sent} → {route}", ""]
    sent_request = invocation.method_request
    if sent_request is not None:
        lines.append("Request")
        lines.append(f"  {sent}")
        lines += [f"  {name}: {value}" for name, values in sent_request.headers.items() for value in values]
        body = sent_request.body
        lines += _body_lines(body if body is not None else "") + [""]
    request = invocation.integration_request
    lines.append("Integration request")
    if request is None:
        lines.append("  (none: the pipeline stopped before the integration)")
    else:
        lines.append(f"  {request.method} {request.uri or '(MOCK: no endpoint)'}")
        lines += [f"  {name}: {value}" for name, value in request.headers.items()]
        lines += _body_lines(request.body)
    lines += ["", "Integration response"]
    selected = invocation.integration_response
    if selected is None:
        lines.append("  (none)")
    else:
        pattern = "default" if selected.selection_pattern is None else f"selectionPattern {selected.selection_pattern}"
        lines.append(f"  {pattern} → {selected.status}")
    response = invocation.response
    lines += ["", "Response"]
    status = f"  {response.status}"
    if invocation.error is not None:
        status += f" (gateway response {invocation.error})"
    lines.append(status)
    lines += [f"  {name}: {value}" for name, value in response.headers.items()]
    lines += _body_lines(response.body)
    lines += ["", "Log"]
    # A multi-line entry (a body) keeps its lines under it, indented further.
    for entry in invocation.log:
        first, *rest = entry.split("\n")
        lines += [_indented(first, "  "), *(_indented(line, "    ") for line in rest)]
    return "\n".join(lines) + "\n"


def _indented(line: str, indent: str) -> str:
    """``line`` under its heading; an empty line stays empty (no trailing spaces)."""
    return indent + line if line else ""


#: Characters of a body the readable report shows (``--json`` always has all of it).
REPORT_BODY_CHARS = 64 * 1024


def _body_lines(body: str | bytes) -> list[str]:
    if isinstance(body, bytes):
        return ["", f"  [binary body, {len(body)} bytes]"]
    if not body:
        return ["", "  (empty body)"]
    cut = ""
    if len(body) > REPORT_BODY_CHARS:
        cut = f"  [… {len(body) - REPORT_BODY_CHARS} more characters; --json has the whole body]"
        body = body[:REPORT_BODY_CHARS]
    return [""] + [_indented(line, "  ") for line in body.split("\n")] + ([cut] if cut else [])


# --- inputs --------------------------------------------------------------------------


def _request_line(text: str) -> tuple[str, str]:
    from vtl.cli import UsageError

    parts = text.split()
    if len(parts) != 2 or not parts[1].startswith("/"):
        raise UsageError(f'the request must look like "GET /path?query", got {text!r}')
    return parts[0].upper(), parts[1]


def _headers(items: list[str]) -> list[tuple[str, str]]:
    from vtl.cli import UsageError

    headers = []
    for item in items:
        name, sep, value = item.partition(":")
        if not sep or not name.strip():
            raise UsageError(f"--header expects NAME:VALUE, got {item!r}")
        headers.append((name.strip(), value.strip()))
    return headers


def _body(args: argparse.Namespace) -> str | bytes | None:
    from vtl.cli import _read_bytes

    if args.body is not None:
        return str(args.body)
    if args.body_file is None:
        return None
    data = _read_bytes(args.body_file, "body file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data  # binary: sent as bytes (binaryMediaTypes, contentHandling)


def _backend(args: argparse.Namespace) -> Any:
    """The backend's answer the options give. Each takes a JSON file (``-`` for stdin) or
    the JSON itself, so a quick ``--lambda-result '{"id": 7}'`` works as ``--lambda-error``
    always did; a file is read and named in errors as the other commands do."""
    from vtl.api import (
        EndpointUnreachable,
        HttpResponse,
        IntegrationTimeout,
        InvocationError,
        LambdaError,
        LambdaResult,
        LambdaThrottled,
    )
    from vtl.cli import UsageError, _read_json_object, _read_text

    if args.integration_timeout:
        return IntegrationTimeout()
    if args.lambda_throttled:
        return LambdaThrottled()
    if args.endpoint_unreachable is not None:
        # without a REASON, AWS's own text for an endpoint it could not call
        given_reason = args.endpoint_unreachable
        return EndpointUnreachable() if given_reason is True else EndpointUnreachable(given_reason)
    given = args.lambda_result or args.lambda_error or args.http_response
    inline = given is not None and _is_inline_json(given)
    try:
        if args.lambda_result is not None:
            text = given if inline else _read_text(given, "lambda result")
            return LambdaResult.from_text(text)
        if args.lambda_error is not None:
            document = _json_text(given, "--lambda-error") if inline else _read_json_object(given, "lambda error")
            return LambdaError.from_document(document)
        if args.http_response is not None:
            document = _json_text(given, "--http-response") if inline else _read_json_object(given, "http response")
            return HttpResponse.from_document(document)
    except InvocationError as error:
        where = _option_given(args) if inline else given
        raise UsageError(f"{where}: {error}") from None
    return None


def _option_given(args: argparse.Namespace) -> str:
    """The backend option on the command line (for messages about it)."""
    flags = {"--integration-timeout": args.integration_timeout,
             "--lambda-throttled": args.lambda_throttled,
             "--endpoint-unreachable": args.endpoint_unreachable is not None,
             "--lambda-result": args.lambda_result is not None,
             "--lambda-error": args.lambda_error is not None}
    return next((flag for flag, given in flags.items() if given), "--http-response")


def _is_inline_json(value: str) -> bool:
    """Whether a backend option's value is the JSON itself rather than a file: it names no
    file and either starts as a JSON object, array or string does or parses as JSON."""
    import os

    if value == "-" or os.path.isfile(value):
        return False
    if value.lstrip()[:1] in ("{", "[", '"'):
        return True  # meant as JSON: a syntax error in it is reported as one
    try:
        json.loads(value)
    except (ValueError, RecursionError):
        return False  # a file name: reading it says "no such file"
    return True


def _json_object_option(value: str, option: str, what: str) -> dict[str, Any]:
    """A JSON object option's value: read from a file (or ``-``), or the JSON itself, as the
    backend options take it."""
    from vtl.cli import UsageError, _read_json_object

    if not _is_inline_json(value):
        return _read_json_object(value, what)
    document = _json_text(value, option)
    if not isinstance(document, dict):
        raise UsageError(f"{option}: must be a JSON object, not {type(document).__name__}")
    return document


def _json_text(text: str, what: str) -> Any:
    from vtl.cli import UsageError

    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise UsageError(
            f"{what}: not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        ) from None

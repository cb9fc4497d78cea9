"""Checks of a read API that no reader makes alone: settings AWS would refuse or that never
take effect, said as warnings when the definition is loaded (``load_api``), whatever the
file's format."""

from __future__ import annotations

import re
from functools import lru_cache

from vtl.api.gateway_responses import DEFAULT_STATUS
from vtl.api.mapping import not_a_mapping_expression
from vtl.api.model import BUILTIN_MODELS, Api, Integration, Method
from vtl.api.routing import path_parameter_names


def definition_warnings(api: Api) -> list[str]:
    """Every warning of this module for ``api``, in this order."""
    return [
        *_unused_proxy_templates(api),
        *_refused_integration_responses(api),
        *_several_default_responses(api),
        *_streamed_responses(api),
        *_undeclared_mapping_sources(api),
        *_invalid_mapping_sources(api),
        *_status_patterns_matching_no_status(api),
        *_sqs_paths_without_account(api),
        *_unsubstituted_pseudo_parameters(api),
        *_sqs_paths_with_no_account_id(api),
        *_raw_bodies_in_form_templates(api),
        *_path_parameters_not_in_path(api),
        *_unknown_models(api),
        *_required_parameters_never_checked(api),
        *_unknown_gateway_response_types(api),
    ]


#: What API Gateway accepts as the name of a REST API's stage (AWS-DOC API_Stage: "Stage names
#: can only contain alphanumeric characters, hyphens, and underscores. Maximum length is 128
#: characters"); ``$default`` is a stage name of HTTP APIs only.
_STAGE_NAME = re.compile(r"[A-Za-z0-9_-]{1,128}")


def refused_stage_name(name: str) -> str | None:
    """Why API Gateway refuses ``name`` as a REST API stage name, if it does (a value only a
    deployment knows, ``${...}``, is not judged)."""
    if "${" in name or _STAGE_NAME.fullmatch(name):
        return None
    hint = " ($default is a stage of HTTP APIs only)" if name == "$default" else ""
    return (f"the stage name {name!r} is refused by API Gateway: a REST API's stage names hold "
            f"only letters, digits, '-' and '_' (at most 128){hint}; this tool runs it as written")


#: ``method.request.<kind>.NAME`` as an integration request mapping's source: the method
#: request parameter it needs declared (a multi-value source reads the same parameter).
_METHOD_REQUEST_SOURCE = re.compile(
    r"method\.request\.(path|querystring|multivaluequerystring|header|multivalueheader)\.(.+)")


def _undeclared_mapping_sources(api: Api) -> list[str]:
    """A warning for each integration request mapping whose source is a method request
    parameter the method does not declare: "The method request parameters must be defined
    before being referenced" (AWS-DOC x-amazon-apigateway-integration-requestParameters);
    API Gateway refuses the integration ("Invalid mapping expression specified", spec
    pipeline §9 for the response side), while the mapping runs here as written.
    Header names are compared without case."""
    warnings = []
    for method in api.methods:
        integration = method.integration
        if integration is None:
            continue
        declared = {_declared_key(name) for name in method.request_parameters}
        for target, source in integration.request_parameters.items():
            match = _METHOD_REQUEST_SOURCE.fullmatch(source.strip())
            if match is None:
                continue
            kind = match[1].removeprefix("multivalue")
            if _declared_key(f"method.request.{kind}.{match[2]}") not in declared:
                warnings.append(f"{integration.source or method.source or ''}: {method}: {target} "
                                f"maps {source}, which the method does not declare: API Gateway "
                                "would refuse the integration (Invalid mapping expression "
                                "specified)")
    return warnings


def _invalid_mapping_sources(api: Api) -> list[str]:
    """A warning for each parameter mapping whose source is not a mapping expression (a
    static value without its single quotes, `https:example.com`, is the usual slip): API
    Gateway refuses the deployment ("Invalid mapping expression specified"); here an
    integration's mapping stops the request that runs it, a gateway response's header is
    not sent."""
    found: list[tuple[object, str, str, str, str]] = []
    for method in api.methods:
        integration = method.integration
        if integration is None:
            continue
        found += [(integration.source or method.source, f"{method}: ", target, source, "request")
                  for target, source in integration.request_parameters.items()]
        found += [(response.source or method.source,
                   f"{method}: the {response.status_code} response's ", target, source,
                   "response")
                  for response in integration.responses
                  for target, source in response.response_parameters.items()]
    found += [(response.source, f"gateway response {name}: ", target, source, "gateway")
              for name, response in api.gateway_responses.items()
              for target, source in response.response_parameters.items()]
    return [f"{where or ''}: {what}{target} = \"{source}\" is not a mapping expression (a static "
            "value is written in single quotes: 'text'): API Gateway would refuse it (Invalid "
            "mapping expression specified)"
            for where, what, target, source, side in found
            # an unresolved ${...} placeholder is said where it is run, not guessed at here
            if isinstance(source, str) and "${" not in source
            and not_a_mapping_expression(source, side)]


#: A pattern written only with digits and regex punctuation (``4\\d{2}``, ``5..|403``) is
#: taken to match some status code without trying the 500 of them.
_STATUS_LIKE_PATTERN = re.compile(r"(?:\\d|[0-9.x|()\[\]{}\-,*?+^$\s])*")


@lru_cache(maxsize=1024)
def _matches_some_status(pattern: str) -> bool:
    """Whether the Java regex ``pattern`` matches a status code 100-599 (asked once per
    pattern: exports repeat the same few); an invalid pattern counts as matching, as its
    error is said when a request runs it."""
    from vtl.api.selection import pattern_matches

    try:
        return any(pattern_matches(pattern, str(code)) for code in range(100, 600))
    except Exception:  # noqa: BLE001 - PatternSyntaxException, UnsupportedJavaRegex
        return True


def _status_patterns_matching_no_status(api: Api) -> list[str]:
    """A warning for each selectionPattern of an HTTP, AWS service or MOCK integration that
    no status code matches: there the pattern is matched against the backend's HTTP status
    code, only a Lambda integration matches it against the error message (AWS-DOC
    api-gateway-integration-settings-integration-response, spec pipeline §8), so a pattern
    written for a DynamoDB error body (a CDK stack's `.*"__type":"…ValidationException".*`)
    never selects its response."""
    from vtl.api.integration import is_lambda

    warnings = []
    for method in api.methods:
        integration = method.integration
        if integration is None or integration.is_proxy or is_lambda(integration):
            continue
        for response in integration.responses:
            pattern = response.selection_pattern
            if response.is_default or not pattern or _STATUS_LIKE_PATTERN.fullmatch(pattern):
                continue
            if _matches_some_status(pattern):
                continue
            where = response.source or method.source
            # (the pattern as written: repr() would double its backslashes)
            warnings.append(f"{where or ''}: {method}: selectionPattern '{pattern}' matches no "
                            f"HTTP status code, and an integration of type {integration.type} "
                            "matches its patterns against the backend's status code (only a "
                            "Lambda integration matches them against the error message): the "
                            f"{response.status_code} response is never selected")
    return warnings


#: An SQS path action URI: ``arn:aws:apigateway:REGION:sqs:path/ACCOUNT_ID/QUEUE_NAME``
#: (AWS re:Post knowledge center api-gateway-rest-api-sqs-errors: "Path override …
#: example-account-id/example-sqs-queue-name" for the query protocol).
_SQS_PATH_URI = re.compile(r"arn:aws[\w-]*:apigateway:[^:]*:sqs:path/(?P<path>[^?]*)")


def _sqs_paths(api: Api) -> list[tuple[Method, Integration, str]]:
    """Each method whose integration URI is an SQS path action, with its path."""
    found = []
    for method in api.methods:
        integration = method.integration
        match = _SQS_PATH_URI.fullmatch(integration.uri or "") if integration else None
        if integration is not None and match is not None:
            found.append((method, integration, match["path"]))
    return found


#: A CloudFormation pseudo parameter written as Fn::Sub writes it: ``${AWS::Region}``.
_PSEUDO_PARAMETER = re.compile(r"\$\{AWS::[A-Za-z]+\}")


def _unsubstituted_pseudo_parameters(api: Api) -> list[str]:
    """A warning for each integration URI holding ``${AWS::Region}`` (or another pseudo
    parameter) as text: only CloudFormation's Fn::Sub substitutes it (an OpenAPI file read
    alone, an AWS::Include'd or Terraform body keep it), so API Gateway would be given it as
    written. The method runs with the text as it is."""
    warnings = []
    for method in api.methods:
        integration = method.integration
        found = _PSEUDO_PARAMETER.search(integration.uri or "") if integration else None
        if integration is None or found is None:
            continue
        if any(f": {method}: the integration uri holds {found.group()}" in w for w in api.warnings):
            # the CloudFormation reader said it already, in its words (realworld13
            # sam-patterns-sfn-sync-unsubstituted: the same finding was said twice)
            continue
        warnings.append(f"{integration.source or method.source or ''}: {method}: the integration "
                        f"uri holds {found.group()}, which only CloudFormation's Fn::Sub "
                        "substitutes: nothing does here, and API Gateway would be given it as "
                        "written")
    return warnings


def _sqs_paths_without_account(api: Api) -> list[str]:
    """A warning for each SQS path URI naming the queue alone (a Terraform file writes
    `sqs:path/${aws_sqs_queue.q.name}`): SQS is then sent `POST /QUEUE_NAME`, which names
    no queue; here the backend's answer is whatever --http-response says."""
    warnings = []
    for method, integration, path in _sqs_paths(api):
        queue = path.strip("/")
        # `sqs:path//` (an empty path) is the AWS JSON protocol's: the QueueUrl is in the body
        if not queue or "${" in queue or "/" in queue:
            continue
        warnings.append(f"{integration.source or method.source or ''}: {method}: the integration "
                        f"uri names the queue without its account (sqs:path/{path}); "
                        "SQS needs sqs:path/ACCOUNT_ID/QUEUE_NAME")
    return warnings


def _sqs_paths_with_no_account_id(api: Api) -> list[str]:
    """A warning for each SQS path URI whose account part is no AWS account ID (12 digits):
    a CDK app writing ``f"{os.getenv('CDK_DEFAULT_ACCOUNT')}/{queue.queue_name}"`` synthesized
    without that variable puts ``None`` there. The URI is the queue's URL path
    (https://sqs.REGION.amazonaws.com/ACCOUNT_ID/QUEUE_NAME, AWS-DOC SQS
    sqs-queue-message-identifiers), so SQS is asked for a queue of no account."""
    warnings = []
    for method, integration, path in _sqs_paths(api):
        account, _, queue = path.strip("/").partition("/")
        if not queue or "${" in account or re.fullmatch(r"\d{12}", account):
            continue
        warnings.append(f"{integration.source or method.source or ''}: {method}: the integration "
                        f"uri names the account {account!r} (sqs:path/{path}), which is no "
                        "12-digit AWS account ID: SQS needs sqs:path/ACCOUNT_ID/QUEUE_NAME")
    return warnings


#: ``$input.body`` (any reference form) and what precedes it on its line.
_INPUT_BODY = re.compile(r"\$!?\{?input\.body\b")


def _raw_bodies_in_form_templates(api: Api) -> list[str]:
    """A warning for each request template that puts ``$input.body`` as it is into a body
    the integration sends as ``application/x-www-form-urlencoded`` (the SQS SendMessage
    pattern, `MessageBody=$input.body` in a Terraform file): a JSON body holding `&`, `+`
    or `%` reaches the backend cut or altered; AWS's SQS snippets write
    `$util.urlEncode($input.body)` (serverlessland apigateway-sqs-integration-mapping-template)."""
    warnings = []
    for method in api.methods:
        integration = method.integration
        if integration is None or integration.is_proxy:
            continue
        content_type = next((source for target, source in integration.request_parameters.items()
                             if target.lower() == "integration.request.header.content-type"), "")
        if "application/x-www-form-urlencoded" not in content_type.lower():
            continue
        for media_type, template in integration.request_templates.items():
            raw = [match for match in _INPUT_BODY.finditer(template.text)
                   if _written_out(template.text, match.start())]
            if raw:
                where = template.source or integration.source or method.source
                warnings.append(f"{where or ''}: {method}: the {media_type} request template puts "
                                "$input.body unencoded into an application/x-www-form-urlencoded "
                                "body: a body holding &, + or % reaches the backend cut or altered "
                                "(write $util.urlEncode($input.body))")
    return warnings


def _written_out(text: str, at: int) -> bool:
    """Whether the ``$input.body`` at ``at`` is printed as it is: not the argument of
    ``urlEncode(``, and not inside a directive on its line (``#set($msg = $input.body)``
    followed by ``$util.urlEncode($msg)``, an ``#if`` test)."""
    before = text[text.rfind("\n", 0, at) + 1:at]
    return not (before.rstrip().endswith("urlEncode(")
                or re.search(r"#\{?(?:set|if|elseif|foreach)\b", before))


def _path_parameters_not_in_path(api: Api) -> list[str]:
    """A warning for each declared path parameter the method's resource path does not have
    (a Terraform body declares `consignmentId` `in: path` on `/`): no request ever gives it
    a value, so `$input.params('consignmentId')` is always empty. [INFERRED] whether API
    Gateway's import takes such a declaration is not documented; what runs is the same."""
    warnings = []
    for method in api.methods:
        names = set(path_parameter_names(method.path))
        for parameter in method.request_parameters:
            name = parameter.removeprefix("method.request.path.")
            if name != parameter and name not in names:
                warnings.append(f"{method.source or ''}: {method}: path parameter {name!r} is not "
                                f"in the path {method.path}: no request gives it a value")
    return warnings


def _declared_key(name: str) -> str:
    """A method request parameter's name as declarations compare it (a header's without case)."""
    return name.lower() if name.startswith("method.request.header.") else name


def _unknown_models(api: Api) -> list[str]:
    """A warning for each request or method response model naming no model of the API (nor
    a built-in one): [INFERRED] API Gateway refuses to create such a method, as it refuses
    any identifier it does not hold; a body validated against it is refused here too."""
    known = set(api.models) | set(BUILTIN_MODELS)
    warnings = []
    for method in api.methods:
        named = [(f"request model ({media_type})", name)
                 for media_type, name in method.request_models.items()]
        named += [(f"{status} response model ({media_type})", name)
                  for status, response in method.method_responses.items()
                  for media_type, name in response.models.items()]
        for what, name in named:
            if name not in known and "${" not in name:  # a placeholder is said elsewhere
                warnings.append(f"{method.source or ''}: {method}: the {what} {name!r} is not a "
                                "model of this API (nor Empty or Error, which every REST API "
                                "has): API Gateway would refuse the method")
    return warnings


def _refused_integration_responses(api: Api) -> list[str]:
    """A warning for each integration response API Gateway would refuse (``Method.undeclared``):
    said when the file is read, as the deployment would fail, not only when a request selects
    it (then its invocation is refused)."""
    warnings = []
    for method in api.methods:
        integration = method.integration
        if integration is None or integration.is_proxy:
            continue
        for response in integration.responses:
            problem = method.undeclared(response)
            if problem is not None:
                where = response.source or method.source
                # A status without a method response is a 500 at run time (AWS-DOC, the
                # pipeline's _check_method_response); an undeclared header is refused here.
                outcome = ("gets a 500 (API_CONFIGURATION_ERROR)" if response.status_code not in
                           method.method_responses else "is refused")
                warnings.append(f"{where or ''}: {method}: {problem}; a request that selects it {outcome}")
    return warnings


def _several_default_responses(api: Api) -> list[str]:
    """A warning for each non-proxy integration with several integration responses without
    a selection pattern (CloudFormation and Terraform take a list of them; OpenAPI's
    ``default`` key cannot repeat). Each is "the default", but only one can be chosen: the
    pipeline takes the first written (selection.py), and which one API Gateway takes is not
    documented or recorded; the others' templates never run here."""
    warnings = []
    for method in api.methods:
        integration = method.integration
        if integration is None or integration.is_proxy:
            continue
        defaults = [response for response in integration.responses if response.is_default]
        if len(defaults) < 2:
            continue
        others = ", ".join(response.status_code for response in defaults[1:])
        where = defaults[1].source or integration.source or method.source
        warnings.append(f"{where or ''}: {method}: {len(defaults)} integration responses have no "
                        f"selection pattern ({', '.join(r.status_code for r in defaults)}): each "
                        f"is a default, this tool always takes the first ({defaults[0].status_code}"
                        f") and never {others} (which one API Gateway takes is not documented); "
                        "give the others a selection pattern")
    return warnings


def _streamed_responses(api: Api) -> list[str]:
    """A warning for each integration with response streaming (transfer mode ``STREAM``,
    AWS-DOC response-transfer-mode): not modelled here (the backend's answer is taken as one
    buffered response), and offered by API Gateway for AWS_PROXY and HTTP_PROXY integrations
    only. Every format's readers set the mode; this says it, whatever the format."""
    warnings = []
    for method in api.methods:
        integration = method.integration
        if integration is None or integration.response_transfer_mode != "STREAM":
            continue
        where = integration.source or method.source
        if not integration.is_proxy:
            warnings.append(f"{where or ''}: {method}: response transfer mode STREAM needs a "
                            f"proxy integration (AWS_PROXY or HTTP_PROXY), not {integration.type}"
                            ": API Gateway streams only AWS_PROXY and HTTP_PROXY responses")
        else:
            warnings.append(f"{where or ''}: {method}: response transfer mode STREAM (response "
                            "streaming) is not modelled: vtl invoke takes the backend's answer "
                            "as one buffered response (--lambda-result is the proxy result "
                            "{statusCode, headers, body})")
    return warnings


def _unused_proxy_templates(api: Api) -> list[str]:
    """A warning for each template written on a proxy integration, which API Gateway never
    runs (AWS docs: set-up-lambda-proxy-integrations: the request goes to the backend and
    its answer to the client as they are), in every format: CloudFormation, Terraform and
    the OpenAPI import all take them without a word."""
    warnings = []
    for method in api.methods:
        integration = method.integration
        if integration is None or not integration.is_proxy:
            continue
        written = [("request", media_type, template)
                   for media_type, template in integration.request_templates.items()]
        written += [(f"{response.status_code} response", media_type, template)
                    for response in integration.responses
                    for media_type, template in response.response_templates.items()]
        for kind, media_type, template in written:
            where = template.source if template.source is not None else method.source
            warnings.append(f"{where or ''}: {method}: the {kind} template ({media_type}) of an "
                            f"{integration.type} integration never runs (API Gateway passes "
                            "the request and the backend's answer through)")
        # The same holds for the header mappings of its integration responses: a CORS header
        # written there (a common CDK `proxy: true` + integrationResponses mistake) never
        # reaches the client; the backend's own headers do.
        for response in integration.responses:
            if response.response_parameters:
                where = response.source or method.source
                names = ", ".join(response.response_parameters)
                warnings.append(f"{where or ''}: {method}: the {response.status_code} response's "
                                f"header mappings ({names}) of an {integration.type} integration "
                                "never apply (API Gateway passes the backend's answer through, "
                                "with its own headers)")
    return warnings


def _required_parameters_never_checked(api: Api) -> list[str]:
    """A warning for each method declaring a required query string or header parameter but
    having no request validator that validates parameters: API Gateway checks required
    parameters only through the validator assigned to the method (AWS-DOC
    api-gateway-method-request-validation: "specify validation rules in a request validator
    ... and assign the validator to individual API methods"), so without one a request
    lacking them goes on to the integration. A path parameter is left out: a request without
    it matches no route. A validator that is not one of the API's is said elsewhere."""
    warnings = []
    for method in api.methods:
        required = [name.removeprefix("method.request.") for name, needed
                    in method.request_parameters.items()
                    if needed and not name.startswith("method.request.path.")]
        if not required:
            continue
        validator = api.request_validators.get(method.request_validator or "")
        if method.request_validator is not None and validator is None:
            continue
        if validator is not None and validator.validate_request_parameters:
            continue
        how = (f"its validator {validator.name!r} does not validate parameters" if validator
               else "it has no request validator")
        warnings.append(f"{method.source or ''}: {method}: {', '.join(required)} "
                        f"{'is' if len(required) == 1 else 'are'} declared required, but "
                        f"{how}: API Gateway does not check {'it' if len(required) == 1 else 'them'}")
    return warnings


def _unknown_gateway_response_types(api: Api) -> list[str]:
    """A warning for each customised gateway response whose type is none of API Gateway's
    (``DEFAULT_STATUS`` lists them: the enum of PutGatewayResponse's responseType and of
    CloudFormation's GatewayResponse ResponseType): API Gateway refuses it, and no error
    would ever select it. One still holding an unknown value is said elsewhere."""
    return [f"{response.source or ''}: gateway response type {response_type!r} is not one of "
            f"API Gateway's ({', '.join(sorted(DEFAULT_STATUS))}): API Gateway would refuse it"
            for response_type, response in api.gateway_responses.items()
            if response_type not in DEFAULT_STATUS and "${" not in response_type]

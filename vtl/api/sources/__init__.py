"""Readers of API definition files, one module per format, each producing :class:`vtl.api.Api`.

Contract of a reader module (``openapi``, ``cloudformation``, ``terraform``, ``serverless``…):
``FORMAT`` (its name in ``vtl routes --json``), ``recognises(path, document)`` (true when the
file's content is that format: ``document`` is the :class:`~.document.Document` of a JSON or
YAML file, None for a folder), and ``read(path, params) -> Api`` (``params``: values for the
definition's own parameters, e.g. CloudFormation ``--param Name=Value``). Every template in
the model keeps its :class:`~vtl.api.model.Source`; every error is a
:class:`~.document.DefinitionError` naming file, line and field. A reader may also offer
``looks_like(path, document) -> str | None``: for a file no reader recognises, what it lacks
to be that reader's format (``load_api``'s error then says so), and
``read_document(document, params) -> Api``: the same as ``read`` for a file ``load_api``
has already parsed.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import ModuleType

from vtl.api.mapping import not_a_mapping_expression
from vtl.api.model import BUILTIN_MODELS, Api
from vtl.api.sources.document import DefinitionError, Document, gathering_notes, load_document

__all__ = ["READERS", "DefinitionError", "definition_format", "load_api"]

#: The reader modules, in the order they are asked whether a file is theirs: SAM before
#: CloudFormation (a SAM template is also a CloudFormation template), CDK (a cdk.out
#: folder) and Terraform (.tf files) before the YAML formats they are not; Terraform before
#: CDK, as cdktf.out (CDK for Terraform's output) holds a manifest.json too.
READERS = ("openapi", "sam", "cloudformation", "terraform", "cdk", "serverless")

#: The names a project folder gives its definition (Serverless Framework, SAM), named in the
#: error for such a folder: which of them is meant is the user's choice, not guessed here.
DEFINITION_FILES = ("serverless.yml", "serverless.yaml", "serverless.json", "template.yaml",
                    "template.yml", "template.json")

#: Files not read as JSON or YAML data, by a reader that takes a path rather than data: a
#: .tf.json file is JSON, but Terraform's (its reader keeps every key written twice).
NOT_JSON_OR_YAML = (".tf", ".tf.json")


def load_api(path: str | Path, params: Mapping[str, str] | None = None) -> Api:
    """Read the API definition at ``path`` (a file, or a folder: ``cdk.out``, Terraform).

    The format is chosen by content: each reader is asked whether it recognises the file.
    ``params`` sets the definition's own parameters (CloudFormation ``Parameters``,
    Terraform variables…). Raises :class:`DefinitionError` (``file:line: message``) for a
    file no reader recognises (saying which format it looks like and what is missing) or
    that its reader cannot read.
    """
    with gathering_notes() as notes:
        path, document = _open(path)
        readers = _readers()
        reader = _reader_for(path, document, readers)
        if reader is None:
            raise DefinitionError(_unrecognised(path, document, readers))
        read_document = getattr(reader, "read_document", None)
        if document is not None and read_document is not None:
            # The file is parsed once: big exports take seconds to read with lines.
            api: Api = read_document(document, dict(params or {}))
        else:
            api = reader.read(path, dict(params or {}))
    api.warnings[:0] = dict.fromkeys(notes)  # about the files themselves: said first
    api.warnings.extend(_unused_proxy_templates(api))
    api.warnings.extend(_refused_integration_responses(api))
    api.warnings.extend(_undeclared_mapping_sources(api))
    api.warnings.extend(_invalid_mapping_sources(api))
    api.warnings.extend(_status_patterns_matching_no_status(api))
    api.warnings.extend(_sqs_paths_without_account(api))
    api.warnings.extend(_raw_bodies_in_form_templates(api))
    api.warnings.extend(_path_parameters_not_in_path(api))
    api.warnings.extend(_unknown_models(api))
    return api


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
            warnings.append(f"{where or ''}: {method}: selectionPattern {pattern!r} matches no "
                            f"HTTP status code, and an integration of type {integration.type} "
                            "matches its patterns against the backend's status code (only a "
                            "Lambda integration matches them against the error message): the "
                            f"{response.status_code} response is never selected")
    return warnings


#: An SQS path action URI: ``arn:aws:apigateway:REGION:sqs:path/ACCOUNT_ID/QUEUE_NAME``
#: (AWS re:Post knowledge center api-gateway-rest-api-sqs-errors: "Path override …
#: example-account-id/example-sqs-queue-name" for the query protocol).
_SQS_PATH_URI = re.compile(r"arn:aws[\w-]*:apigateway:[^:]*:sqs:path/(?P<path>[^?]*)")


def _sqs_paths_without_account(api: Api) -> list[str]:
    """A warning for each SQS path URI naming the queue alone (a Terraform file writes
    `sqs:path/${aws_sqs_queue.q.name}`): SQS is then sent `POST /QUEUE_NAME`, which names
    no queue; here the backend's answer is whatever --http-response says."""
    warnings = []
    for method in api.methods:
        integration = method.integration
        match = _SQS_PATH_URI.fullmatch(integration.uri or "") if integration else None
        if integration is None or match is None:
            continue
        queue = match["path"].strip("/")
        # `sqs:path//` (an empty path) is the AWS JSON protocol's: the QueueUrl is in the body
        if not queue or "${" in queue or "/" in queue:
            continue
        warnings.append(f"{integration.source or method.source or ''}: {method}: the integration "
                        f"uri names the queue without its account (sqs:path/{match['path']}); "
                        "SQS needs sqs:path/ACCOUNT_ID/QUEUE_NAME")
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
        names = {part.strip("{}+") for part in method.path.split("/") if part.startswith("{")}
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
                warnings.append(f"{where or ''}: {method}: {problem}; a request that selects it "
                                "is refused")
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


def definition_format(path: str | Path) -> str | None:
    """The format of the definition at ``path`` (``openapi``, ``sam``…) when a reader
    recognises it, else None; nothing is read beyond parsing, so a definition its reader
    cannot read (a missing optional dependency, a bad field) is still recognised."""
    try:
        location, document = _open(path)
    except DefinitionError:
        return None
    reader = _reader_for(location, document, _readers())
    return str(reader.FORMAT) if reader is not None else None


def _open(path: str | Path) -> tuple[Path, Document | None]:
    """The path, and its parsed document when it is a JSON or YAML file."""
    path = Path(path)
    if not path.exists():
        raise DefinitionError(f"{path}: no such file or folder")
    if path.is_file() and path.suffix in CODE_FILES:
        raise DefinitionError(_code_file(path))
    if path.is_file() and not path.name.endswith(NOT_JSON_OR_YAML):
        return path, load_document(path)
    return path, None


#: Program files that compute a definition rather than hold one: what `vtl` can read
#: instead is said (their YAML parse would fail with a YAML error on some later line).
CODE_FILES = (".ts", ".js", ".mjs", ".cjs", ".py")


def _code_file(path: Path) -> str:
    """Why a program file is not read, and the definition file to give instead."""
    if path.stem == "serverless":
        # The Framework's own `serverless print` resolves a serverless.ts/.js configuration
        # (its aws-nodejs-typescript template writes one) into YAML.
        return (f"{path}: a Serverless Framework configuration written as a program, which vtl "
                "does not run: give the file `serverless print > serverless.yml` writes "
                "(or the CloudFormation template `serverless package` writes in .serverless/)")
    return (f"{path}: a program, not an API definition: vtl reads what it produces (for a CDK "
            "app the cdk.out folder `cdk synth` writes; for other tools the OpenAPI, "
            "CloudFormation or serverless.yml file they write)")


def _reader_for(
    path: Path, document: Document | None, readers: list[ModuleType]
) -> ModuleType | None:
    return next((reader for reader in readers if reader.recognises(path, document)), None)


def _readers() -> list[ModuleType]:
    """The reader modules, imported when first asked for (YAML, HCL and SAM's translator are
    loaded only by the readers that need them)."""
    return [importlib.import_module(f"{__name__}.{name}") for name in READERS]


def _unrecognised(path: Path, document: object, readers: list[ModuleType]) -> str:
    for reader in readers:
        looks_like = getattr(reader, "looks_like", None)
        hint = looks_like(path, document) if looks_like is not None else None
        if hint:
            return f"{path}: {hint}"
    formats = ", ".join(reader.FORMAT for reader in readers)
    if path.is_dir():
        inside = [path / name for name in DEFINITION_FILES if (path / name).is_file()]
        hint = f"; give the definition file itself: {', '.join(map(str, inside))}" if inside else ""
        programs = [path / f"serverless{suffix}" for suffix in CODE_FILES
                    if (path / f"serverless{suffix}").is_file()]
        if programs and not inside:
            hint = (f"; {programs[0]} is a Serverless Framework configuration written as a "
                    "program: give the file `serverless print > serverless.yml` writes")
        return (
            f"{path}: not an API definition this tool reads ({formats}): a folder is read "
            f"when it is CDK output (it holds manifest.json) or Terraform (it holds .tf files){hint}"
        )
    return (
        f"{path}: not an API definition this tool reads ({formats}): no reader recognises this file"
    )

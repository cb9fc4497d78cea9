"""SAM templates (``Transform: AWS::Serverless-2016-10-31``) read into :class:`vtl.api.Api`.

SAM is not re-implemented here: the template goes through AWS's own translator
(``aws-sam-translator``, the library behind CloudFormation's SAM transform and the SAM CLI), so
what SAM generates for an API is what vtl reads: ``Cors`` (the OPTIONS methods), ``Auth``,
implicit APIs (``ServerlessRestApi``) from functions' ``Api`` events, stages. The
CloudFormation it produces is then read by :mod:`.cloudformation`.

Before translating, as ``sam`` does, ``Fn::Transform: AWS::Include`` and a ``DefinitionUri``
naming a local file are replaced by the file's content. The translator copies a
``DefinitionBody`` into the RestApi's ``Body`` without touching the texts of templates, so
every template's Source is found by its path in the user's file (or in the included file);
what SAM itself adds points at what asked for it (the ``Cors`` property, the function's event).

The translator runs offline: it is given a boto3 session with the sample region only
(no credentials are read, nothing is called) and an empty managed-policy map.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable, Hashable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from vtl.api.model import Api, Source
from vtl.api.sources.cloudformation import (
    API_CHOICE,
    SAM_TRANSFORM,
    Template,
    check_resource_types,
    choose_api,
    load_template,
    read_apis,
    transforms,
)
from vtl.api.sources.document import DefinitionError, Document, did_you_mean, load_document
from vtl.api.sources.intrinsics import PSEUDO_PARAMETERS
from vtl.api.sources.nested import Locator, graft_nested_stacks, local_template_file

__all__ = ["FORMAT", "INSTALL_HINT", "read", "read_document", "recognises"]

FORMAT = "sam"
#: What to install when the translator is missing (it is the optional extra ``sam``).
INSTALL_HINT = "pip install 'apigw-vtl[sam]'  (or: pip install aws-sam-translator)"

Path_ = tuple[Hashable, ...]
_API = "AWS::Serverless::Api"
_FUNCTION = "AWS::Serverless::Function"
_IMPLICIT_API = "ServerlessRestApi"  # the logical ID SAM gives the API of functions' events


def recognises(path: Path, document: Document | None) -> bool:
    """A template whose ``Transform`` includes ``AWS::Serverless-2016-10-31``."""
    return document is not None and isinstance(document.data, dict) and SAM_TRANSFORM in transforms(document.data)


def read(path: Path, params: Mapping[str, str] | None = None) -> Api:
    """The REST API of the SAM template ``path``, as SAM would deploy it."""
    return read_document(load_document(path), params)


def read_document(document: Document, params: Mapping[str, str] | None = None) -> Api:
    """The REST API of a SAM template already parsed."""
    params = params or {}
    original, translated = _translated(document, params)
    template = _SamTemplate(original, translated)
    # an AWS::Serverless::Application of a local template (Location: ./file) is a nested
    # stack SAM leaves to `sam package`: its methods belong to this API too
    warnings: list[str] = []
    graft_nested_stacks(template, _application_template(original, local_template_file(document.path)),
                        warnings, load_child=_nested_template)
    apis = [(label, _with_ignored_authorizer_keys(read, original, label))
            for label, read in read_apis([template], params)]
    api = choose_api(apis, params, str(document.path), FORMAT)
    api.warnings.extend(warnings)
    return api


#: The keys SAM's translator reads of an ``Auth.Authorizers`` entry of an AWS::Serverless::Api
#: (samtranslator model/api/api_generator.py ``_get_authorizers``; its schema's
#: CognitoAuthorizer, LambdaTokenAuthorizer and LambdaRequestAuthorizer), and of its
#: ``Identity`` by the kind of authorizer. Any other key is ignored by the transform without a
#: word: an HTTP API's ``EnableSimpleResponses`` does nothing here, and a misspelt
#: ``Identity.Headr`` leaves the default header ``Authorization`` (realworld13
#: sam-patterns-authorizer-request-override).
_AUTHORIZER_KEYS = ("AuthorizationScopes", "DisableFunctionDefaultPermissions", "FunctionArn",
                    "FunctionInvokeRole", "FunctionPayloadType", "Identity", "UserPoolArn")
_IDENTITY_KEYS = {
    "COGNITO": ("Header", "ReauthorizeEvery", "ValidationExpression"),
    "TOKEN": ("Header", "ReauthorizeEvery", "ValidationExpression"),
    "REQUEST": ("Context", "Headers", "QueryStrings", "ReauthorizeEvery", "StageVariables"),
}
#: AWS::Serverless::HttpApi's authorizer keys, named when written on a REST API's.
_HTTP_API_AUTHORIZER_KEYS = ("AuthorizerPayloadFormatVersion", "EnableSimpleResponses",
                             "EnableFunctionDefaultPermissions", "JwtConfiguration")


def _with_ignored_authorizer_keys(read: Callable[[], Api], original: Template, api_id: str) -> Callable[[], Api]:
    """``read`` with warnings added for the authorizer keys SAM ignores (of the API's
    ``Auth`` and of ``Globals.Api.Auth``)."""
    def read_with_warnings() -> Api:
        api = read()
        places: list[Path_] = [("Globals", "Api", "Auth")]
        resource = (original.data.get("Resources") or {}).get(api_id)
        if isinstance(resource, dict) and resource.get("Type") == _API:
            places.append(("Resources", api_id, "Properties", "Auth"))
        for at in places:
            api.warnings.extend(_ignored_authorizer_keys(original, api_id, at))
        return api

    return read_with_warnings


def _ignored_authorizer_keys(original: Template, api_id: str, at: Path_) -> list[str]:
    auth: Any = original.data
    for step in at:
        auth = auth.get(step) if isinstance(auth, dict) else None
    authorizers = auth.get("Authorizers") if isinstance(auth, dict) else None
    warnings = []
    for name, entry in authorizers.items() if isinstance(authorizers, dict) else ():
        if not isinstance(entry, dict):
            continue
        kind = ("COGNITO" if "UserPoolArn" in entry
                else "REQUEST" if str(entry.get("FunctionPayloadType", "")).upper() == "REQUEST" else "TOKEN")
        identity = entry.get("Identity")
        found: list[tuple[Path_, str, tuple[str, ...]]] = [
            ((key,), str(key), _AUTHORIZER_KEYS) for key in entry if key not in _AUTHORIZER_KEYS]
        found += [(("Identity", key), f"Identity.{key}", _IDENTITY_KEYS[kind])
                  for key in (identity if isinstance(identity, dict) else ())
                  if key not in _IDENTITY_KEYS[kind]]
        for path, field, known in found:
            kinds = {"COGNITO": "Cognito", "TOKEN": "Lambda TOKEN", "REQUEST": "Lambda REQUEST"}
            what = (f"a {kinds[kind]} authorizer's Identity" if field.startswith("Identity.")
                    else "an AWS::Serverless::Api authorizer")
            http = " (it is AWS::Serverless::HttpApi's)" if field in _HTTP_API_AUTHORIZER_KEYS else ""
            hint = did_you_mean(str(path[-1]), known)
            warnings.append(f"{original.locate((*at, 'Authorizers', name, *path))}: {api_id}: "
                            f"Auth.Authorizers.{name}.{field} is not a property of {what}{http}; "
                            f"SAM ignores it{hint}")
    return warnings


def _translated(document: Document, params: Mapping[str, str], label: str = "") -> tuple[Template, dict[str, Any]]:
    """The SAM template of ``document`` (checked, its local files read in) and the
    CloudFormation the translator makes of it."""
    _check_resources_section(document)
    check_resource_types(document)
    original = load_template(document, label=label, params=params)
    _check_cors_max_age(original)
    _inline_definition_uris(original)
    return original, _translate(_with_code_stand_ins(original.data), params, original)


def _check_cors_max_age(template: Template) -> None:
    """``Cors.MaxAge`` written as a number (a guide's ``MaxAge: 86400``): SAM copies it as it is
    into the OPTIONS methods' ``Access-Control-Max-Age`` response parameter, where API Gateway
    takes a quoted static value (the SAM docs: MaxAge is a String, their example ``"'600'"``).
    Said at MaxAge's own line rather than at the OpenAPI path SAM generates from it."""
    data = template.data
    places: list[Path_] = [("Globals", "Api", "Cors", "MaxAge")]
    resources = data.get("Resources") if isinstance(data, dict) else None
    for logical_id, resource in (resources.items() if isinstance(resources, dict) else ()):
        if isinstance(resource, dict) and resource.get("Type") == "AWS::Serverless::Api":
            places.append(("Resources", logical_id, "Properties", "Cors", "MaxAge"))
    for at in places:
        value: Any = data
        for key in at:
            value = value.get(key) if isinstance(value, dict) else None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            raise DefinitionError(
                f"Cors.MaxAge is the number {value}: SAM writes it unquoted as the value of the "
                "OPTIONS methods' Access-Control-Max-Age header mapping, where API Gateway "
                f"takes a quoted static value; write MaxAge: \"'{value}'\" (a String, as in "
                "the SAM docs)", template.locate(at))


def _check_resources_section(document: Document) -> None:
    """A template without ``Resources`` (the translator: "'Resources' section is required",
    with no line): say so at the top, and name the resources written one level too deep
    under another section (a blog's template had its API and function under ``Globals``)."""
    data = document.data
    if not isinstance(data, dict) or "Resources" in data:
        return
    misplaced = [(section, name) for section, entries in data.items() if isinstance(entries, dict)
                 for name, entry in entries.items()
                 if isinstance(entry, dict) and str(entry.get("Type", "")).startswith("AWS::")]
    hint = ""
    if misplaced:
        section, _ = misplaced[0]
        written = ", ".join(f"{n} (line {document.source((s, n)).line})" for s, n in misplaced)
        hint = (f": the resources {written} are written under {section}; put them under a "
                "top-level Resources section")
    raise DefinitionError(f"the template has no Resources section (SAM and CloudFormation "
                          f"require one){hint}", document.source(
                              (misplaced[0][0], misplaced[0][1]) if misplaced else ()))


def _nested_template(path: Path, label: str) -> Template:
    """A nested application's template as its own stack deploys it: a SAM template (its
    own ``Transform: AWS::Serverless-2016-10-31``) is translated first, as CloudFormation
    runs each stack's transform (AWS docs, aws-resource-serverless-application: the
    application is an AWS::CloudFormation::Stack of that template). Its APIs' ``Body``
    is located where their ``DefinitionBody`` was written or included."""
    document = load_document(path)
    if not recognises(path, document):
        return load_template(document, label=label)
    original, translated = _translated(document, {}, label)
    child = Template(document, translated, [], original.pseudo, label)
    included = set()
    for prefix, source, inside in original.grafts:
        child.grafts.append((prefix, source, inside))
        if len(prefix) >= 4 and prefix[0] == "Resources" and prefix[2:4] == ("Properties", "DefinitionBody"):
            child.grafts.append(((*prefix[:2], "Properties", "Body", *prefix[4:]), source, inside))
            included.add(prefix[1])
    for logical_id, resource in (original.data.get("Resources") or {}).items():
        properties = resource.get("Properties") if isinstance(resource, dict) else None
        if isinstance(properties, dict) and "DefinitionBody" in properties and logical_id not in included:
            at = ("Resources", logical_id, "Properties")
            child.grafts.append(((*at, "Body"), document, (*at, "DefinitionBody")))
    return child


def _application_template(original: Template, locate: Locator) -> Locator:
    """An application's template file: its ``Location`` as the user wrote it (the
    translator was given a stand-in URL, as for code)."""
    def locate_application(logical_id: str, resource: dict[str, Any]) -> Path | None:
        written = (original.data.get("Resources") or {}).get(logical_id)
        properties = written.get("Properties") if isinstance(written, dict) else None
        location = properties.get("Location") if isinstance(properties, dict) else None
        return locate(logical_id, {"Properties": {"TemplateURL": location}})
    return locate_application


def _inline_definition_uris(template: Template) -> None:
    """``DefinitionUri: local-file`` → ``DefinitionBody``: the file's data (as ``sam`` does)."""
    for logical_id, resource in (template.data.get("Resources") or {}).items():
        if not isinstance(resource, dict) or resource.get("Type") != _API:
            continue
        properties = resource.get("Properties")
        if not isinstance(properties, dict) or "DefinitionUri" not in properties:
            continue
        at = ("Resources", logical_id, "Properties", "DefinitionUri")
        uri = properties["DefinitionUri"]
        if isinstance(uri, str) and uri.startswith("s3://"):
            # left to the translator (BodyS3Location): refused only when this API is the
            # one read, not when another API of the template is chosen
            continue
        if not isinstance(uri, str):
            raise DefinitionError(
                f"{logical_id}: DefinitionUri in S3 cannot be read; give a local file or DefinitionBody",
                template.locate(at))
        included = template.document.path.parent / uri
        if not included.is_file():
            raise DefinitionError(f"{logical_id}: DefinitionUri names no file ({included})", template.locate(at))
        document = load_document(included)
        del properties["DefinitionUri"]
        properties["DefinitionBody"] = copy.deepcopy(document.data)
        template.grafts.append((("Resources", logical_id, "Properties", "DefinitionBody"), document, ()))


#: The properties naming a resource's code or definition as a local path, which only ``sam
#: build``/``sam package`` turn into the S3 location the translator insists on.
_LOCAL_ARTIFACTS = {
    _FUNCTION: "CodeUri",
    "AWS::Serverless::LayerVersion": "ContentUri",
    "AWS::Serverless::StateMachine": "DefinitionUri",
    "AWS::Serverless::HttpApi": "DefinitionUri",
    "AWS::Serverless::Application": "Location",
}
#: What stands in for a local artifact path: ``sam validate`` does the same with the same
#: value (aws-sam-cli, samcli/lib/translate/sam_template_validator.py, _replace_local_codeuri);
#: the code itself is never read, only the API.
_S3_STAND_IN = "s3://bucket/value"
#: What stands in for the image ``sam build`` would build for a ``PackageType: Image``
#: function (an ECR URI in the form the translator accepts; never pulled).
_IMAGE_STAND_IN = "123456789012.dkr.ecr.us-east-1.amazonaws.com/stand-in:latest"


def _with_code_stand_ins(data: dict[str, Any]) -> dict[str, Any]:
    """A copy of the template whose local code paths (``CodeUri: src/``, the usual way to
    write a function before ``sam build``) are S3 stand-ins, so the translator accepts it."""
    data = copy.deepcopy(data)
    globals_section = data.get("Globals")
    globals_function = globals_section.get("Function") if isinstance(globals_section, dict) else None
    if isinstance(globals_function, dict) and _is_local(globals_function.get("CodeUri")):
        globals_function["CodeUri"] = _S3_STAND_IN
    global_code = isinstance(globals_function, dict) and "CodeUri" in globals_function
    resources = data.get("Resources")
    for resource in resources.values() if isinstance(resources, dict) else ():
        if not isinstance(resource, dict) or resource.get("Type") not in _LOCAL_ARTIFACTS:
            continue
        properties = resource.setdefault("Properties", {})
        if not isinstance(properties, dict):
            continue
        name = _LOCAL_ARTIFACTS[resource["Type"]]
        if _is_local(properties.get(name)):
            properties[name] = _S3_STAND_IN
        elif resource["Type"] == _FUNCTION and properties.get("PackageType") == "Image":
            if "ImageUri" not in properties and not (isinstance(globals_function, dict)
                                                     and "ImageUri" in globals_function):
                # `sam build` builds the image from the function's Metadata (Dockerfile)
                properties["ImageUri"] = _IMAGE_STAND_IN
        elif (resource["Type"] == _FUNCTION and name not in properties and not global_code
              and not {"InlineCode", "ImageUri"} & set(properties)):
            # `sam build` packages the template's own folder when CodeUri is left out
            properties[name] = _S3_STAND_IN
    return data


def _is_local(value: Any) -> bool:
    """A path on this machine (not ``s3://``, an https URL, or a Bucket/Key mapping)."""
    return isinstance(value, str) and not value.startswith(("s3://", "https://", "http://"))


def _translate(data: dict[str, Any], params: Mapping[str, str], original: Template) -> dict[str, Any]:
    """The CloudFormation SAM makes of the template (the translator's errors located)."""
    try:
        import boto3  # type: ignore[import-untyped]
        from samtranslator.model.exceptions import (  # type: ignore[import-untyped]
            ExceptionWithMessage,
            InvalidDocumentException,
            InvalidResourceException,
        )
        from samtranslator.parser.parser import Parser  # type: ignore[import-untyped]
        from samtranslator.translator.translator import Translator  # type: ignore[import-untyped]
    except ImportError:
        raise DefinitionError(
            f"{original.document.path} is a SAM template: reading it needs AWS's SAM translator: "
            f"{INSTALL_HINT}") from None
    values: dict[str, Any] = {name: value for name, value in PSEUDO_PARAMETERS.items()
                              if isinstance(value, str)}
    values.update((name, value) for name, value in params.items() if name != API_CHOICE)
    # The translator counts what it does for CloudWatch and, when the process ends, warns
    # that the counts were never published (they go nowhere offline): that logger is muted.
    logging.getLogger("samtranslator.metrics.metrics").setLevel(logging.ERROR)
    session = boto3.session.Session(region_name=values["AWS::Region"])
    try:
        with _quiet_translator():
            translated: dict[str, Any] = Translator({}, Parser(), boto_session=session).translate(
                data, values, get_managed_policy_map=dict)
    except InvalidDocumentException as error:
        causes = list(error.causes) or [error]
        first = causes[0]
        logical_id = getattr(first, "_logical_id", None) if isinstance(first, InvalidResourceException) else None
        where = original.locate(("Resources", logical_id)) if logical_id else Source(str(original.document.path))
        messages = "; ".join(cause.message for cause in causes)
        raise DefinitionError(f"SAM cannot translate this template: {messages}", where) from None
    except ExceptionWithMessage as error:
        raise DefinitionError(f"SAM cannot translate this template: {error.message}",
                              Source(str(original.document.path))) from None
    except (AttributeError, TypeError, KeyError, IndexError, ValueError, StopIteration, RuntimeError) as error:
        # The translator assumes some shapes it does not check (a Globals section of the
        # wrong type raised AttributeError inside it: fuzz_definitions seed 2 input 1813);
        # `sam validate --lint` checks them and says where.
        raise DefinitionError(f"SAM cannot translate this template: its translator failed with "
                              f"{type(error).__name__}: {error} (a section of an unexpected type? "
                              "`sam validate --lint` says which)", Source(str(original.document.path))) from None
    return translated


@contextmanager
def _quiet_translator() -> Iterator[None]:
    """The translator logs notes about its feature toggles (which only a deployment
    configures) as warnings; they say nothing about the user's template, so they are muted
    while it runs, and the logger is left as it was found. Its errors are muted too: a
    plugin's failure is logged with a traceback, then raised, and that raise is reported
    (see _translate), once and without a traceback."""
    logger = logging.getLogger("samtranslator")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        logger.setLevel(level)


class _SamTemplate(Template):
    """The translated template, whose values are located in the user's SAM file."""

    def __init__(self, original: Template, translated: dict[str, Any]) -> None:
        super().__init__(original.document, translated, [], original.pseudo, original.label)
        self.original = original
        self.events = _api_events(original)

    def locate(self, at: Path_) -> Source:
        """The translated path ``at`` mapped back to where the user wrote it."""
        at = tuple(at)
        if any(at[: len(prefix)] == prefix for prefix, _, _ in self.grafts):
            return super().locate(at)  # a nested stack's value, in its own file
        if len(at) >= 4 and at[0] == "Resources" and at[2:4] == ("Properties", "Body") \
                and not self._own_body(str(at[1])):
            return self._locate_body(str(at[1]), at[4:])
        return self._original(at)

    def _own_body(self, logical_id: str) -> bool:
        """True when the user wrote this ``Body`` (a plain ``AWS::ApiGateway::RestApi`` in a
        SAM template, which SAM leaves as it is), so its paths are the user's own."""
        resource = (self.original.data.get("Resources") or {}).get(logical_id)
        properties = resource.get("Properties") if isinstance(resource, dict) else None
        return isinstance(properties, dict) and "Body" in properties

    def _original(self, at: Path_) -> Source:
        resources = self.original.data.get("Resources") or {}
        if len(at) >= 2 and at[0] == "Resources" and at[1] not in resources:
            return self._generated(str(at[1]))
        return self.original.locate(at)

    def _generated(self, logical_id: str) -> Source:
        """A resource SAM generated: located at the SAM resource whose ID begins its own."""
        resources = self.original.data.get("Resources") or {}
        owners = [name for name in resources if logical_id.startswith(str(name))]
        if owners:
            return self.original.locate(("Resources", max(owners, key=len)))
        events = [at for (api_id, _, _), at in self.events.items() if logical_id.startswith(api_id)]
        if events:  # the implicit API and its stage: the first event that asked for them
            return self.original.locate(events[0])
        return Source(str(self.original.document.path))

    def _cors(self, api_id: str, properties: Mapping[str, Any]) -> Source | None:
        """Where the API's Cors setting is written: its own, else the Globals' one."""
        if "Cors" in properties:
            return self.original.locate(("Resources", api_id, "Properties", "Cors"))
        globals_api = (self.original.data.get("Globals") or {}).get("Api") or {}
        if isinstance(globals_api, dict) and "Cors" in globals_api:
            return self.original.locate(("Globals", "Api", "Cors"))
        return None

    def _locate_body(self, api_id: str, rest: Path_) -> Source:
        resource = (self.original.data.get("Resources") or {}).get(api_id) or {}
        properties = resource.get("Properties") or {}
        body_at: Path_ = ("Resources", api_id, "Properties", "DefinitionBody")
        operation = _operation_at(rest)
        if rest and "DefinitionBody" in properties and _has_path(properties["DefinitionBody"], operation or rest[:3]):
            return self.original.locate((*body_at, *rest))
        authorizer = self._authorizer(properties, api_id, rest)
        if authorizer is not None:
            return authorizer
        if rest and rest[0] == "x-amazon-apigateway-policy":
            policy = self._resource_policy(properties, api_id)
            if policy is not None:
                return policy
        response = self._gateway_response(properties, api_id, rest)
        if response is not None:
            return response
        if operation:
            method = str(operation[-1]).lower()
            event = self.events.get((api_id, str(rest[1]), method))
            if event is not None:
                return self.original.locate(event)
            if method == "options":  # what SAM adds for Cors
                cors = self._cors(api_id, properties)
                if cors is not None:
                    return cors
        if api_id in (self.original.data.get("Resources") or {}):
            return self.original.locate(body_at if "DefinitionBody" in properties else ("Resources", api_id))
        return self._generated(api_id)


    def _authorizer(self, properties: Mapping[str, Any], api_id: str, rest: Path_) -> Source | None:
        """A security definition SAM made of an ``Auth.Authorizers`` entry: that entry."""
        if len(rest) < 2 or rest[0] not in ("securityDefinitions", "components"):
            return None
        name = rest[1] if rest[0] == "securityDefinitions" else (rest[2] if len(rest) > 2 else None)
        auth = properties.get("Auth")
        authorizers = auth.get("Authorizers") if isinstance(auth, dict) else None
        if isinstance(authorizers, dict) and name in authorizers:
            return self.original.locate(("Resources", api_id, "Properties", "Auth", "Authorizers", name))
        return None


    def _resource_policy(self, properties: Mapping[str, Any], api_id: str) -> Source | None:
        """The policy SAM made of ``Auth.ResourcePolicy`` (the API's, else the Globals'):
        that setting, rather than the DefinitionBody it was put in."""
        auth = properties.get("Auth")
        if isinstance(auth, dict) and "ResourcePolicy" in auth:
            return self.original.locate(("Resources", api_id, "Properties", "Auth", "ResourcePolicy"))
        globals_auth = ((self.original.data.get("Globals") or {}).get("Api") or {}).get("Auth")
        if isinstance(globals_auth, dict) and "ResourcePolicy" in globals_auth:
            return self.original.locate(("Globals", "Api", "Auth", "ResourcePolicy"))
        return None

    def _gateway_response(self, properties: Mapping[str, Any], api_id: str, rest: Path_) -> Source | None:
        """A gateway response SAM made of a ``GatewayResponses`` entry: that entry (its
        ``ResponseParameters`` SAM splits into Headers, Paths and QueryStrings)."""
        if len(rest) < 2 or rest[0] != "x-amazon-apigateway-gateway-responses":
            return None
        responses = properties.get("GatewayResponses")
        if not isinstance(responses, dict) or rest[1] not in responses:
            return None
        entry: Path_ = ("Resources", api_id, "Properties", "GatewayResponses", rest[1])
        if len(rest) > 2 and rest[2] == "statusCode":
            return self.original.locate((*entry, "StatusCode"))
        return self.original.locate(entry)


def _operation_at(rest: Path_) -> Path_ | None:
    """The path of the operation (``paths``, path, [``Fn::If``, branch]…, method) that
    ``rest`` (a path in an OpenAPI body) is in; None outside an operation. SAM adds what
    it generates (Cors OPTIONS, event methods) inside each branch of an ``Fn::If`` path
    item, so a branch existing in the user's body does not make its operations theirs."""
    if len(rest) < 3 or rest[0] != "paths":
        return None
    index = 2
    while index + 1 < len(rest) and rest[index] == "Fn::If":
        index += 2
    return tuple(rest[: index + 1]) if index < len(rest) else None


def _has_path(data: Any, at: Path_) -> bool:
    for key in at:
        in_list = isinstance(data, list) and isinstance(key, int) and 0 <= key < len(data)
        if not (in_list or (isinstance(data, dict) and key in data)):
            return False
        data = data[key]
    return True


def _api_events(template: Template) -> dict[tuple[str, str, str], Path_]:
    """(API logical ID, path, OpenAPI method key) → where the function event declaring it is."""
    events: dict[tuple[str, str, str], Path_] = {}
    for logical_id, resource in (template.data.get("Resources") or {}).items():
        if not isinstance(resource, dict) or resource.get("Type") != _FUNCTION:
            continue
        for event_id, event in ((resource.get("Properties") or {}).get("Events") or {}).items():
            if not isinstance(event, dict) or event.get("Type") != "Api":
                continue
            properties = event.get("Properties") or {}
            api = properties.get("RestApiId")
            api_id = api.get("Ref") if isinstance(api, dict) else api or _IMPLICIT_API
            method = str(properties.get("Method", "")).lower()
            method = "x-amazon-apigateway-any-method" if method == "any" else method
            at = ("Resources", logical_id, "Properties", "Events", event_id)
            events[(str(api_id), str(properties.get("Path", "")), method)] = at
    return events


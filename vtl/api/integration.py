"""The integration request: where it goes and with which headers (spec pipeline §6, §7).

- :func:`endpoint_uri`: the integration URI with ``{name}`` taken from
  ``integration.request.path.name`` and ``${stageVariables.x}`` substituted; for a Lambda
  function the ``https://lambda.<region>.amazonaws.com/2015-03-31/functions/<ARN>/invocations``
  endpoint; for an HTTP URL the mapped query string appended.
- :func:`endpoint_headers`: for non-proxy integrations only the mapped headers and API
  Gateway's own reach the backend (AWS-REC LS:http::test_http_integration_method).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from urllib.parse import quote, urlencode

from vtl.api.method_request import InvocationError
from vtl.api.model import Integration
from vtl.apigw.event import DEFAULT_CONTEXT, sorted_headers

__all__ = ["DNS_SUFFIXES", "dns_suffix", "endpoint_headers", "endpoint_uri", "integration_description", "is_lambda",
           "lambda_function_arn"]

_LAMBDA_URI = re.compile(
    r"arn:(?P<partition>aws[a-z-]*):apigateway:(?P<region>[a-z0-9-]+):lambda:path"
    r"(?P<path>/\d{4}-\d\d-\d\d/functions/(?P<arn>.+)/invocations)"
)
_FUNCTION_ARN = re.compile(r"/functions/(.+)/invocations")
_SERVICE_URI = re.compile(
    r"arn:(?P<partition>aws[a-z-]*):apigateway:(?P<region>[a-z0-9-]+):(?P<service>[a-z0-9.-]+):"
    r"(?P<kind>path|action)/(?P<rest>.*)"
)
_STAGE_VARIABLE = re.compile(r"\$\{stageVariables\.([A-Za-z0-9_.:-]+)\}")
# `{name}` / `{name+}`, not the `${…}` a definition reader leaves for a value only a
# deployment knows (`${Fn::ImportValue:x}`, Terraform's `${var.region}`): that stays visible.
_PLACEHOLDER = re.compile(r"(?<!\$)\{([^{}$]+?)\+?\}")


#: The domain of an AWS partition's service endpoints: China's is ``amazonaws.com.cn``
#: (AWS-USER: a test-invoke log of an ``arn:aws-cn:`` Lambda integration, "Endpoint request
#: URI: https://lambda.cn-northwest-1.amazonaws.com.cn/2015-03-31/functions/arn:aws-cn:lambda:…");
#: GovCloud's is ``amazonaws.com`` (AWS-USER, a log's "https://lambda.us-gov-east-1.amazonaws.com/…").
#: [INFERRED] every other partition as ``aws``: no recording.
DNS_SUFFIXES = {"aws-cn": "amazonaws.com.cn"}


def dns_suffix(partition: str) -> str:
    """The endpoint domain of ``partition`` (:data:`DNS_SUFFIXES`, else ``amazonaws.com``)."""
    return DNS_SUFFIXES.get(partition, "amazonaws.com")


def is_lambda(integration: Integration) -> bool:
    """An ``AWS``/``AWS_PROXY`` integration that invokes a Lambda function."""
    uri = integration.uri
    return integration.type in ("AWS", "AWS_PROXY") and bool(uri and _is_lambda_uri(uri))


@lru_cache(maxsize=256)
def _is_lambda_uri(uri: str) -> bool:
    # Asked several times per invocation, of the few URIs an API has.
    return _LAMBDA_URI.search(uri) is not None


def integration_description(integration: Integration) -> str | None:
    """An AWS service integration as an error names it (``an AWS service integration
    (sqs)``): it answers over HTTP, but "an HTTP integration" would misname it. None for
    the other integrations."""
    if integration.type != "AWS" or is_lambda(integration):
        return None
    service = _SERVICE_URI.match(integration.uri or "")
    return f"an AWS service integration ({service['service'] if service else 'AWS'})"


def lambda_function_arn(uri: str) -> str:
    """The function ARN inside a Lambda integration URI or its endpoint URL."""
    match = _FUNCTION_ARN.search(uri)
    return match[1] if match else uri


def substitute_stage_variables(text: str, stage_variables: Mapping[str, str], what: str) -> str:
    """``${stageVariables.x}`` replaced (AWS-DOC aws-api-gateway-stage-variables-reference).

    [LOCAL] a variable the stage does not set is an :class:`InvocationError`: AWS cannot
    call an endpoint with a hole in its address, and what it answers is not recorded.
    """

    def value(match: re.Match[str]) -> str:
        name = match[1]
        if name not in stage_variables:
            raise InvocationError(
                f"{what} uses ${{stageVariables.{name}}} but the stage does not set {name!r}"
                " (give it with stage_variables= / --stage-var)"
            )
        return stage_variables[name]

    return _STAGE_VARIABLE.sub(value, text)


def endpoint_uri(
    integration: Integration,
    *,
    path: Mapping[str, str],
    querystring: Mapping[str, str | list[str]],
    stage_variables: Mapping[str, str],
    what: str,
) -> str | None:
    """The endpoint request URI (None for MOCK); a query name with a list of values is
    sent once per value."""
    if integration.type == "MOCK":
        return None
    if not integration.uri:
        raise InvocationError(f"{what}: the {integration.type} integration has no uri")
    uri = integration.uri
    if "${" in uri:
        uri = substitute_stage_variables(uri, stage_variables, f"{what}: the integration uri")
    lambda_endpoint = _lambda_endpoint(uri)
    service = _SERVICE_URI.fullmatch(uri) if lambda_endpoint is None else None
    if lambda_endpoint is not None:
        # Mapped query parameters follow it as they follow any AWS service path (the
        # Invoke URL takes ?Qualifier=, AWS-DOC Lambda API_Invoke) [INFERRED, spec §6-§7].
        uri = lambda_endpoint
    elif service:
        # [INFERRED] an AWS service endpoint: path/… is the request path, action/X the Action.
        host = f"https://{service['service']}.{service['region']}.{dns_suffix(service['partition'])}"
        if service["kind"] == "action":
            # The mapped query parameters follow the Action: an SNS Publish gets its
            # TopicArn and Message so (re:Post knowledge-center api-gateway-proxy-integrate-
            # service; the log shows ?Action=Publish before they are added) [INFERRED order].
            uri = f"{host}/?Action={service['rest']}"
        else:
            uri = f"{host}/{_fill(service['rest'], path, integration.request_parameters, what)}"
    else:
        uri = _fill(uri, path, integration.request_parameters, what)
    if querystring:
        uri += ("&" if "?" in uri else "?") + urlencode(
            dict(querystring), doseq=True, safe=QUERY_SAFE_CHARACTERS, quote_via=quote)
    return uri


#: Characters a query value keeps as they are when the backend URI is written: ``/``
#: (AWS-USER ustayready/fireprox#44: a client's ``%2F`` reached an HTTP_PROXY backend as
#: ``/``) and ``;`` (AWS-USER re:Post "semicolons aren't being escaped in API Gateway
#: integration request": "a known behaviour"); AWS-DOC api-gateway-known-issues: REST APIs
#: decode URL-encoded request parameters before passing them to the backend, and URL-encode
#: ``%``. Every other reserved character is percent-encoded [INFERRED: no recording says
#: which others stay].
QUERY_SAFE_CHARACTERS = "/;"


@lru_cache(maxsize=256)
def _lambda_endpoint(uri: str) -> str | None:
    """The Lambda Invoke endpoint a Lambda integration URI calls; None for any other URI
    (asked on every invocation, of the few URIs an API has)."""
    lambda_uri = _LAMBDA_URI.search(uri)
    if lambda_uri is None:
        return None
    suffix = dns_suffix(lambda_uri["partition"])
    return f"https://lambda.{lambda_uri['region']}.{suffix}{lambda_uri['path']}"


def _fill(uri: str, path: Mapping[str, str], mappings: Mapping[str, str], what: str) -> str:
    """``{name}`` / ``{name+}`` → ``integration.request.path.name``.

    [LOCAL] a placeholder without a value is an error (AWS behaviour unknown, spec §7): no
    mapping sets it, or its mapping's source is absent from this request (spec §6).
    """

    def value(match: re.Match[str]) -> str:
        name = match[1]
        if name not in path:
            target = f"integration.request.path.{name}"
            source = mappings.get(target)
            if source is None:
                raise InvocationError(f"{what}: the integration uri has {{{name}}} but no "
                                      f"requestParameters mapping sets {target}")
            raise InvocationError(f"{what}: the integration uri has {{{name}}}, which {target} "
                                  f"sets from {source}, and this request has no value for it")
        return path[name]

    return _PLACEHOLDER.sub(value, uri)


#: Mapped headers an HTTP backend never receives (AWS-USER: LocalStack's AWS-validated
#: test_apigateway_header_remapping_http maps them and lists them "Dropped from the
#: integration to the invocation request").
DROPPED_HTTP_REQUEST_HEADERS = frozenset({"connection", "proxy-authenticate", "te", "via"})


def endpoint_headers(integration: Integration, mapped: Mapping[str, str]) -> dict[str, str]:
    """What a non-proxy backend gets: API Gateway's headers, then the mapped ones.

    API Gateway's own: ``Accept: application/json``, ``User-Agent: AmazonAPIGateway_<apiId>``,
    for HTTP also ``X-Amzn-Apigateway-Api-Id`` (AWS-REC LS:http::test_http_integration_method,
    spec §6). Listed by name, ignoring case (:func:`~vtl.apigw.event.sorted_headers`).
    """
    headers = dict(_gateway_headers(integration.type == "HTTP"))
    if not mapped:
        return headers  # in order already
    for name, value in mapped.items():
        if integration.type == "HTTP" and name.lower() in DROPPED_HTTP_REQUEST_HEADERS:
            continue
        for existing in [key for key in headers if key.lower() == name.lower()]:
            del headers[existing]
        headers[name] = value
    return sorted_headers(headers)


@lru_cache(maxsize=2)
def _gateway_headers(http: bool) -> dict[str, str]:
    """API Gateway's own headers to a non-proxy backend, listed as :func:`sorted_headers`
    does (built once: callers copy it)."""
    api_id = DEFAULT_CONTEXT["apiId"]
    headers = {"Accept": "application/json", "User-Agent": f"AmazonAPIGateway_{api_id}"}
    if http:
        headers["X-Amzn-Apigateway-Api-Id"] = api_id
    return sorted_headers(headers)



"""API keys and request validation (spec pipeline §3, §4).

- :func:`check_api_key`: a method with ``api_key_required`` needs a key, from the
  ``X-API-Key`` header (key source ``HEADER``) or the Lambda authorizer's
  ``usageIdentifierKey`` (``AUTHORIZER``).
- :func:`missing_request_parameters`: every required path, query and header parameter must
  be present and not blank; the names come back in ``java.util.HashSet`` order.
- :func:`validate_request_body`: the body against the model chosen by the request's
  ``Content-Type``, JSON Schema draft 4 (``jsonschema``), models ``$ref``-ing models.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from vtl.api.method_request import MethodRequest
from vtl.api.model import BUILTIN_MODELS, Api, Method, Model, ModelError
from vtl.apigw.hashmap import HashMap

__all__ = [
    "API_KEY_HEADER",
    "accept_type",
    "check_api_key",
    "find_request_model",
    "mime_type",
    "missing_request_parameters",
    "validate_request_body",
]

API_KEY_HEADER = "X-API-Key"


def mime_type(content_type: str | None) -> str:
    """The MIME type of a ``Content-Type`` (parameters dropped, lower case); no
    Content-Type means ``application/json`` (AWS-DOC request-response-data-mappings)."""
    if content_type is None or not content_type.strip():
        return "application/json"
    return content_type.split(";", 1)[0].strip().lower()


def accept_type(accept: str | None) -> str:
    """The first media type of ``Accept`` (MIME type only): API Gateway "only honors the
    first Accept media type" (AWS-DOC api-gateway-payload-encodings-workflow); no Accept
    means ``application/json`` (AWS-DOC request-response-data-mappings)."""
    return mime_type(accept.split(",", 1)[0] if accept else None)


def check_api_key(
    api: Api, method: Method, request: MethodRequest, authorizer: Mapping[str, Any] | None
) -> str | None:
    """The API key the request carries, or None when the method needs one and it is
    missing (or not one of ``api.api_keys``). A method without the requirement gets the
    key sent, if any, for ``$context.identity.apiKey``."""
    if api.api_key_source == "AUTHORIZER":
        key = None if authorizer is None else authorizer.get("usageIdentifierKey")
        key = None if key is None else str(key)
    else:
        key = request.header(API_KEY_HEADER)
    if not method.api_key_required:
        return key or ""
    if not key:
        return None
    # [LOCAL] no usage plans locally: any non-empty key, unless the model lists keys (§3).
    if api.api_keys is not None and key not in api.api_keys:
        return None
    return key


def missing_request_parameters(
    method: Method, request: MethodRequest, path_parameters: Mapping[str, str]
) -> list[str]:
    """The required parameters absent or blank, as AWS lists them (``[x-header, issuer, qs1]``).

    The order is a Java ``HashSet``'s of the bare names [INFERRED, spec §4: it reproduces
    both recorded lists]. [LOCAL] header names are looked up ignoring case (whether AWS
    does is unknown, spec §17).
    """
    missing: list[str] = []
    for expression, required in method.request_parameters.items():
        if not required:
            continue
        location, name = _parameter(expression)
        if location == "path":
            value = path_parameters.get(name)
        elif location in ("querystring", "multivaluequerystring"):
            values = request.query.get(name)
            value = values[-1] if values else None
        else:
            value = request.header(name)
        if value is None or not value.strip():
            missing.append(name)
    return list(HashMap((name, True) for name in missing))


def _parameter(expression: str) -> tuple[str, str]:
    prefix = "method.request."
    location, _, name = expression[len(prefix):].partition(".")
    if not expression.startswith(prefix) or not name or location not in (
        "path", "querystring", "multivaluequerystring", "header", "multivalueheader"
    ):
        raise ModelError(
            f"request parameter {expression!r}: expected method.request.path|querystring|header.NAME"
        )
    return location, name


def find_request_model(api: Api, method: Method, content_type: str) -> Any:
    """The model validating a body of ``content_type`` (a MIME type), else the ``$default``
    one, else None: the body is then not validated (AWS-DOC api-gateway-method-request-validation)."""
    models = {key.lower(): name for key, name in method.request_models.items()}
    name = models.get(content_type, models.get("$default"))
    if name is None:
        return None
    model = _models(api).get(name)
    if model is None:
        raise ModelError(f"request model {name!r} is not one of the API's models "
                         f"(nor {' or '.join(BUILTIN_MODELS)}, which every REST API has)")
    return model


def _models(api: Api) -> dict[str, Model]:
    """The API's models by name, with the built-in ones it does not define itself."""
    return {**BUILTIN_MODELS, **api.models}


def validate_request_body(api: Api, schema: dict[str, Any], body: str) -> str | None:
    """None if ``body`` is valid against ``schema`` (draft 4), else why not.

    An empty body is validated as ``{}``: a schema with ``required`` properties refuses
    it (AWS-REC LS:common::test_api_gateway_request_validator, a GET without body → 400).
    A body that is not JSON fails [INFERRED]. The reason is this project's wording
    ([LOCAL]: AWS's ``validationErrorString`` text is not recorded).
    """
    import jsonschema  # type: ignore[import-untyped]

    if body.strip():
        try:
            instance = json.loads(body)
        except json.JSONDecodeError as error:
            return f"[the body is not JSON: {error.msg} (line {error.lineno}, column {error.colno})]"
    else:
        instance = {}
    from referencing.exceptions import Unresolvable

    validator = jsonschema.Draft4Validator(_with_models(api, schema))
    try:
        errors = sorted(validator.iter_errors(instance), key=lambda error: list(error.path))
    except Unresolvable as error:
        # A $ref to no model of the API: AWS refuses such a model when it is created
        # [INFERRED]; nothing is fetched from the network.
        raise ModelError(f"the model's $ref {getattr(error, 'ref', str(error))!r} is not one of the API's "
                         "models (…/models/Name, #/components/schemas/Name, #/definitions/Name)") from None
    except jsonschema.exceptions.UnknownType as error:
        raise ModelError(f"the model names an unknown JSON Schema type {error.type!r}") from None
    if not errors:
        return None
    return "[" + ", ".join(error.message for error in errors) + "]"


_MODELS_KEY = "x-vtl-models"


def _with_models(api: Api, schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with every model of the API beside it, and each ``$ref`` to a model
    (``…/models/Name``, ``#/components/schemas/Name``, ``#/definitions/Name`` when Name is
    a model) pointing there, so models may ``$ref`` models (AWS-REC ``…_with_ref_models``)."""
    models = {name: _rewrite(api, model.schema) for name, model in _models(api).items()}
    return {**_rewrite(api, schema), _MODELS_KEY: models}


def _rewrite(api: Api, node: Any) -> Any:
    if isinstance(node, list):
        return [_rewrite(api, item) for item in node]
    if not isinstance(node, dict):
        return node
    result = {key: _rewrite(api, value) for key, value in node.items()}
    ref = node.get("$ref")
    if isinstance(ref, str):
        name = _model_name(ref)
        if name is not None and name in _models(api):
            result["$ref"] = f"#/{_MODELS_KEY}/{name}"
    return result


def _model_name(ref: str) -> str | None:
    for marker in ("/models/", "#/components/schemas/", "#/definitions/"):
        if marker in ref:
            return ref.rsplit(marker, 1)[1]
    return None

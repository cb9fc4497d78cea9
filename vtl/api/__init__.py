"""A REST API around its templates: the model, the method pipeline, the definition readers.

- :mod:`vtl.api.model`: :class:`Api`, :class:`Method`, :class:`Integration`… (build an API
  in code, or get one from a reader);
- :mod:`vtl.api.pipeline`: ``Api.invoke`` runs a method as API Gateway does, request to
  response, and returns an :class:`~vtl.api.pipeline.Invocation` with a test-invoke log;
- :mod:`vtl.api.sources`: ``load_api(path)`` reads OpenAPI, CloudFormation/SAM, CDK output,
  Terraform and serverless.yml into the model.

This layer uses :mod:`vtl.apigw` to render templates; nothing below it imports it.
"""

from __future__ import annotations

from typing import Any

from vtl.api.model import (
    Api,
    Authorizer,
    GatewayResponse,
    Integration,
    IntegrationResponse,
    MappingTemplate,
    Method,
    MethodResponse,
    Model,
    ModelError,
    RequestValidator,
    Source,
)

__all__ = [
    "Api",
    "Authorizer",
    "EndpointUnreachable",
    "GatewayResponse",
    "HttpResponse",
    "Integration",
    "IntegrationResponse",
    "IntegrationTimeout",
    "Invocation",
    "InvocationError",
    "LambdaError",
    "LambdaResult",
    "LambdaThrottled",
    "MappingTemplate",
    "Method",
    "MethodResponse",
    "Model",
    "ModelError",
    "RequestValidator",
    "Source",
    "load_api",
]

#: Names loaded on first use, so building a model in code imports neither the pipeline nor
#: the readers (and their YAML/HCL parsers).
_LAZY = {
    "Invocation": "vtl.api.pipeline",
    "InvocationError": "vtl.api.pipeline",
    "EndpointUnreachable": "vtl.api.backend",
    "HttpResponse": "vtl.api.backend",
    "IntegrationTimeout": "vtl.api.backend",
    "LambdaError": "vtl.api.backend",
    "LambdaResult": "vtl.api.backend",
    "LambdaThrottled": "vtl.api.backend",
    "load_api": "vtl.api.sources",
}


def __getattr__(name: str) -> Any:
    """``Invocation``, the backend answers and ``load_api``, imported when first used."""
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'vtl.api' has no attribute {name!r}")

"""A REST API model written as JSON (conformance/cases/pipeline/**/model.json).

The keys are the model's field names (vtl/api/model.py), so a case states its API in a few
lines without any definition reader::

    {"methods": [{"http_method": "GET", "path": "/pets/{petId}",
                  "integration": {"type": "MOCK", "request_templates": {...},
                                  "responses": [{"status_code": "200"}]}}],
     "request_validators": {"all": {"validate_request_parameters": true}},
     "models": {"Pet": {"schema": {...}}},
     "gateway_responses": {"DEFAULT_4XX": {"status_code": "418"}}}
"""

from __future__ import annotations

from typing import Any

from vtl.api import (
    Api,
    GatewayResponse,
    Integration,
    IntegrationResponse,
    Method,
    MethodResponse,
    Model,
    RequestValidator,
)


def api_from_json(data: dict[str, Any]) -> Api:
    """The :class:`Api` a model.json describes."""
    fields = dict(data)
    fields["methods"] = [_method(method) for method in data.get("methods", [])]
    fields["models"] = {name: Model(name, **model) for name, model in data.get("models", {}).items()}
    fields["request_validators"] = {
        name: RequestValidator(name, **validator)
        for name, validator in data.get("request_validators", {}).items()
    }
    fields["gateway_responses"] = {
        name: GatewayResponse(name, **response)
        for name, response in data.get("gateway_responses", {}).items()
    }
    return Api(**fields)


def _method(data: dict[str, Any]) -> Method:
    fields = dict(data)
    integration = dict(data["integration"])
    integration["responses"] = [IntegrationResponse(**r) for r in integration.get("responses", [])]
    fields["integration"] = Integration(**integration)
    fields["method_responses"] = {
        status: MethodResponse(status, **response)
        for status, response in data.get("method_responses", {}).items()
    }
    return Method(**fields)

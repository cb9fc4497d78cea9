"""The small API of examples/api, read from Terraform and serverless.yml, runs through the
pipeline as the README describes it (the same requests the OpenAPI export is run with)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from vtl.api import Api, LambdaError, load_api

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "api"
DEFINITIONS = [EXAMPLE / "terraform", EXAMPLE / "serverless" / "serverless.yml"]
ORDER = {"customer": "Ann \"A\"", "items": [{"sku": "a-1", "n": 2}]}


def _api(definition: Path, method: str, path: str) -> Api:
    # (GET /orders/{id} is CloudFormation in the serverless.yml's resources.)
    api = load_api(definition)
    assert api.find_method(method, path) is not None
    return api


@pytest.mark.parametrize("definition", DEFINITIONS, ids=lambda p: p.name)
def test_post_orders_sends_the_request_template_and_maps_errors(definition: Path) -> None:
    api = _api(definition, "POST", "/orders")
    seen: dict[str, Any] = {}
    ok = api.invoke("POST", "/orders", headers={"Content-Type": "application/json",
                                                 "X-Source": "web"},
                    body=json.dumps(ORDER), backend=lambda event, context: seen.update(event) or
                    {"orderId": event["orderId"]})
    assert ok.response.status == 200
    # The template escapes the quotes (escapeJavaScript), so the JSON it writes parses back.
    assert seen.pop("orderId")  # $context.requestId
    assert seen == {"customer": 'Ann "A"', "items": ORDER["items"], "source": "web"}
    failed = api.invoke("POST", "/orders", headers={"Content-Type": "application/json"},
                        body=json.dumps(ORDER), backend=LambdaError("Invalid customer"))
    assert failed.response.status == 400
    assert failed.response.json()["error"] == "Invalid customer"


@pytest.mark.parametrize("definition", DEFINITIONS, ids=lambda p: p.name)
def test_get_order_calls_dynamodb_and_answers_404_for_no_item(definition: Path) -> None:
    api = _api(definition, "GET", "/orders/{id}")
    result = api.invoke("GET", "/orders/o-1", stage_variables={"table": "orders"},
                        backend={"status": 200, "headers": {}, "body": "{}"})
    assert result.integration_request is not None
    assert json.loads(result.integration_request.body) == {
        "TableName": "orders", "Key": {"id": {"S": "o-1"}}}
    assert result.response.status == 404
    assert result.response.json() == {"message": "order o-1 not found"}


@pytest.mark.parametrize("definition", DEFINITIONS, ids=lambda p: p.name)
def test_options_orders_is_the_cors_preflight(definition: Path) -> None:
    result = _api(definition, "OPTIONS", "/orders").invoke("OPTIONS", "/orders")
    assert result.response.status == 200
    assert result.response.headers["Access-Control-Allow-Methods"] == "GET,POST,OPTIONS"
    assert result.response.headers["Access-Control-Allow-Origin"] == "*"

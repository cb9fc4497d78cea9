"""Findings of the ninth round of real-world definition files (/work/realworld10), each
with a small fixture of its own under ``data/round9``; expected values come from the AWS
references cited in each test."""

from __future__ import annotations

from pathlib import Path

from vtl.api import load_api

DATA = Path(__file__).parent / "data" / "round9"


def test_a_rest_api_put_replaces_the_definition_of_its_rest_api() -> None:
    # AWS provider, aws_api_gateway_rest_api_put (internal/service/apigateway/rest_api_put.go):
    # its body goes to PutRestApi with Mode overwrite, "The new API definition replaces the
    # existing one" (CDK RestApiMode.OVERWRITE). We ignored the resource ("is not read") and
    # ran the REST API's first definition.
    api = load_api(DATA / "tf-rest-api-put")
    assert [(m.http_method, m.path) for m in api.methods] == [("GET", "/items")]
    (method,) = api.methods
    assert method.integration.type == "HTTP"
    assert method.integration.uri == "https://backend.example.com/items"
    assert not any("rest_api_put" in warning for warning in api.warnings)

"""``vtl invoke`` on the small API of examples/api as CloudFormation, SAM and a cdk.out: the
stage variable comes from the definition's own stage, and the templates behave as in the
OpenAPI export (tests/cli/test_cli_invoke.py). Expected bodies are the example templates'
output, written out by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "api"
DEFINITIONS = ["cloudformation/template.yaml", "sam/template.yaml", "cdk.out"]


@pytest.mark.parametrize("definition", DEFINITIONS)
def test_get_order_reads_the_table_from_the_stage_of_the_definition(run, definition: str) -> None:
    result = run("invoke", str(EXAMPLES / definition), "GET /orders/o-1", "--json",
                 "--http-response", str(EXAMPLES / "dynamodb-empty.json"))
    assert result.code == 0, result.err
    document = json.loads(result.out)
    assert document["integration_request"]["uri"] == "https://dynamodb.us-east-1.amazonaws.com/?Action=GetItem"
    # no --stage-var: `table` is the prod stage's variable in each definition
    assert json.loads(document["integration_request"]["body"]) == {"TableName": "orders", "Key": {"id": {"S": "o-1"}}}
    assert document["response"]["status"] == 404
    assert json.loads(document["response"]["body"]) == {"message": "order o-1 not found"}


@pytest.mark.parametrize("definition", DEFINITIONS)
def test_create_order_maps_an_invalid_order_error_to_400(run, definition: str) -> None:
    error = json.dumps({"errorMessage": "Invalid order: no items", "errorType": "ValueError"})
    result = run("invoke", str(EXAMPLES / definition), "POST /orders", "--json", "--body", '{"customer": "ann"}',
                 "--header", "Content-Type:application/json", "--lambda-error", error)
    assert result.code == 0, result.err
    document = json.loads(result.out)
    assert document["integration_response"] == {"selection_pattern": ".*Invalid.*", "status": "400"}
    body = json.loads(document["response"]["body"])
    assert document["response"]["status"] == 400
    assert body["error"] == "Invalid order: no items"

"""The examples in `examples/` and the README's first command, through ``main(argv)``.

What the passthrough template must produce follows from the event and the spec
(apigateway.md §2, §4): every value below is read from `examples/event.json`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PASSTHROUGH = str(EXAMPLES / "passthrough.vm")
EVENT = str(EXAMPLES / "event.json")


@pytest.fixture
def event() -> dict:
    return json.loads(Path(EVENT).read_text("utf-8"))


def test_readme_first_command(run):
    result = run("render", PASSTHROUGH, "--event", EVENT)
    assert (result.code, result.err) == (0, "")
    json.loads(result.out)  # the passthrough template writes JSON


def test_passthrough_carries_the_whole_request(run, event):
    result = run("render", PASSTHROUGH, "--event", EVENT, "--json")
    assert (result.code, result.err) == (0, "")
    data = json.loads(result.out)
    assert list(data) == ["body-json", "params", "stage-variables", "context"]
    assert data["body-json"] == json.loads(event["body"])
    # $input.params() is path, querystring, header, in that order (apigateway.md §2).
    assert list(data["params"]) == ["path", "querystring", "header"]
    assert data["params"]["path"] == event["pathParameters"]
    assert data["params"]["querystring"] == event["queryStringParameters"]
    assert data["params"]["header"] == event["headers"]
    assert data["stage-variables"] == event["stageVariables"]
    request = event["requestContext"]
    identity = request["identity"]
    context = data["context"]
    assert context["api-id"] == request["apiId"]
    assert context["http-method"] == request["httpMethod"]
    assert context["stage"] == request["stage"]
    assert context["request-id"] == request["requestId"]
    assert context["resource-id"] == request["resourceId"]
    assert context["resource-path"] == request["resourcePath"]
    assert context["source-ip"] == identity["sourceIp"]
    assert context["user-agent"] == identity["userAgent"]
    # Unset identity fields print empty (apigateway.md §4); a Cognito authorizer has no
    # principalId.
    for key in (
        "account-id",
        "caller",
        "user",
        "user-arn",
        "cognito-identity-id",
        "cognito-identity-pool-id",
        "cognito-authentication-type",
        "cognito-authentication-provider",
        "authorizer-principal-id",
    ):
        assert context[key] == "", key


def test_passthrough_raw_output_is_the_same_json(run):
    raw = run("render", PASSTHROUGH, "--event", EVENT)
    pretty = run("render", PASSTHROUGH, "--event", EVENT, "--json")
    assert json.loads(raw.out) == json.loads(pretty.out)


def test_passthrough_with_the_sample_request(run):
    result = run("render", PASSTHROUGH, "--json")
    assert result.code == 0
    assert set(json.loads(result.out)) == {"body-json", "params", "stage-variables", "context"}


def test_override_example_sets_the_status(run):
    case = EXAMPLES / "not-found-override"
    result = run(
        "render",
        str(case / "template.vm"),
        "--event",
        str(case / "event.json"),
        "--body",
        str(case / "body.json"),
        "--show-overrides",
        "--json",
    )
    assert result.code == 0
    assert json.loads(result.out) == {"message": "No pet with id 7"}
    assert result.err == (
        "responseOverride.status: 404\nresponseOverride.header.Cache-Control: no-store\n"
    )


def test_every_example_parses(run):
    templates = sorted(str(path) for path in EXAMPLES.rglob("*.vm"))
    assert len(templates) >= 4
    result = run("check", *templates)
    assert (result.code, result.err) == (0, "")
    assert result.out == f"vtl: {len(templates)} templates OK\n"


def test_the_case_examples_have_no_warnings(run):
    templates = sorted(str(path) for path in EXAMPLES.glob("*/template.vm"))
    assert len(templates) == 3
    result = run("check", "--strict", *templates)
    assert (result.code, result.err) == (0, "")
    assert result.out == "vtl: 3 templates OK, 0 warnings\n"

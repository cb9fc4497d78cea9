"""``vtl invoke`` and ``vtl routes`` on a method behind an authorizer
(tests/api/data/authorizers/openapi.yaml): 401 without the token, the method with it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "api" / "data" / "authorizers"


@pytest.fixture
def orders(tmp_path: Path) -> str:
    shutil.copy(DATA / "openapi.yaml", tmp_path / "orders.yaml")
    return "orders.yaml"


def test_a_missing_token_is_a_401_and_exit_0(run, orders) -> None:
    result = run("invoke", orders, "GET /orders", "--json")
    assert result.code == 0, result.err
    document = json.loads(result.out)
    assert document["error"] == "UNAUTHORIZED"
    assert document["integration_request"] is None
    assert document["response"] == {
        "status": 401,
        "headers": {"Content-Type": "application/json", "x-amzn-ErrorType": "UnauthorizedException"},
        "body": '{"message":"Unauthorized"}',
    }
    assert ("Identity check failed: identity source method.request.header.X-Token is missing; "
            "the authorizer is not called") in document["log"]


def test_with_the_token_the_method_runs_with_the_given_context(run, orders, tmp_path: Path) -> None:
    (tmp_path / "context.json").write_text('{"principalId": "u-1"}')
    result = run("invoke", orders, "GET /orders", "--header", "X-Token: Bearer a.b",
                 "--authorizer", "context.json")
    assert result.code == 0, result.err
    assert "\nResponse\n  200\n" in result.out
    assert "  Incoming identity: {method.request.header.X-Token=Bearer a.b}\n" in result.out
    assert "  Authorizer jwt (TOKEN) not run locally: $context.authorizer is the caller's (given)\n" in result.out


def test_a_token_not_matching_the_expression_is_a_401(run, orders) -> None:
    result = run("invoke", orders, "GET /orders", "--header", "X-Token: Basic a")
    assert result.code == 0, result.err
    assert "\nResponse\n  401 (gateway response UNAUTHORIZED)\n" in result.out
    assert "the token does not match identityValidationExpression Bearer [A-Za-z0-9.]+" in result.out


def test_routes_name_the_authorizer_and_its_sources(run, orders) -> None:
    result = run("routes", orders)
    assert result.code == 0, result.err
    assert "  method        authorization CUSTOM (authorizer tenant, REQUEST: method.request.header.X-Tenant, " \
           "method.request.querystring.app)\n" in result.out
    assert "  method        authorization COGNITO_USER_POOLS (authorizer pool, COGNITO_USER_POOLS: " \
           "method.request.header.Authorization)\n" in result.out


def test_identity_gives_context_identity_sources(run, tmp_path: Path) -> None:
    (tmp_path / "api.yaml").write_text(
        (DATA / "openapi.yaml").read_text().replace(
            "identitySource: method.request.header.X-Tenant, method.request.querystring.app",
            "identitySource: context.identity.user"))
    assert "401 (gateway response UNAUTHORIZED)" in run("invoke", "api.yaml", "POST /orders").out
    (tmp_path / "identity.json").write_text('{"user": "me"}')
    result = run("invoke", "api.yaml", "POST /orders", "--identity", "identity.json")
    assert result.code == 0, result.err
    assert "\nResponse\n  200\n" in result.out
    assert "  Incoming identity: {context.identity.user=me}\n" in result.out


def test_an_authorizer_outcome_gives_its_gateway_response(run, orders) -> None:
    # AWS-USER (bodies of real APIs quoted in public test suites, 2025-2026: see tests/api/test_authorization.py).
    result = run("invoke", orders, "GET /orders", "--header", "X-Token: Bearer a.b",
                 "--authorizer-outcome", "deny", "--json")
    assert result.code == 0, result.err
    document = json.loads(result.out)
    assert document["error"] == "ACCESS_DENIED"
    assert document["response"]["status"] == 403
    assert document["response"]["body"] == ('{"Message":"User is not authorized to access this resource '
                                            'with an explicit deny in an identity-based policy"}')
    assert "Authorizer outcome given: deny (an explicit Deny in the policy)" in document["log"]


def test_an_outcome_the_method_cannot_have_is_a_usage_error(run, orders) -> None:
    result = run("invoke", orders, "GET /open", "--authorizer-outcome", "deny")
    assert result.code == 2
    assert "GET /open has no authorizer (authorizationType NONE): an authorizer outcome does not apply" in result.err
    assert run("invoke", orders, "GET /orders", "--authorizer-outcome", "maybe").code == 2


def test_the_option_offers_every_outcome() -> None:
    from vtl.api.authorization import OUTCOMES
    from vtl.cli_invoke import AUTHORIZER_OUTCOMES

    assert AUTHORIZER_OUTCOMES == tuple(OUTCOMES)


def test_a_failing_authorizer_with_a_context_is_a_usage_error(run, orders, tmp_path: Path) -> None:
    (tmp_path / "context.json").write_text('{"principalId": "u-1"}')
    result = run("invoke", orders, "GET /orders", "--header", "X-Token: Bearer a.b",
                 "--authorizer", "context.json", "--authorizer-outcome", "error")
    assert (result.code, result.err) == (
        2, "vtl: error: an authorizer that answers error returns no context: leave out --authorizer\n")


def test_the_authorizer_context_may_be_given_inline(run, orders) -> None:
    # as --lambda-result takes the JSON itself: it was read as a file name ("no such file")
    result = run("invoke", orders, "GET /orders", "--header", "X-Token: Bearer a.b",
                 "--authorizer", '{"principalId": "u-1"}', "--identity", '{"user": "me"}', "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["response"]["status"] == 200


@pytest.mark.parametrize("value", ['["u-1"]', '{"principalId": '])
def test_inline_authorizer_json_that_is_no_object_is_a_usage_error(run, orders, value: str) -> None:
    result = run("invoke", orders, "GET /orders", "--header", "X-Token: Bearer a.b", "--authorizer", value)
    assert result.code == 2
    assert result.err.startswith("vtl: error: --authorizer: ")

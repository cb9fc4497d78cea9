"""The REST API model: built in code, normalised as API Gateway spells things, bad values refused."""

import pytest

from vtl.api import Api, Integration, IntegrationResponse, MappingTemplate, Method, ModelError


def test_an_api_built_in_code() -> None:
    method = Method(
        "get",
        "/pets/{petId}",
        integration=Integration(
            "aws",
            uri="arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn/invocations",
            http_method="post",
            passthrough_behavior="when_no_templates",
            request_templates={"application/json": '{"id": "$input.params(\'petId\')"}'},
            responses=[IntegrationResponse(400, ".*not found.*"), IntegrationResponse("200")],
        ),
    )
    api = Api(methods=[method])
    found = api.find_method("GET", "/pets/{petId}")
    assert found is method
    assert str(found) == "GET /pets/{petId}"
    integration = found.integration
    assert integration is not None
    assert (integration.type, integration.http_method, integration.passthrough_behavior) == (
        "AWS", "POST", "WHEN_NO_TEMPLATES",
    )
    assert integration.request_templates["application/json"] == MappingTemplate(
        '{"id": "$input.params(\'petId\')"}'
    )
    assert [r.status_code for r in integration.responses] == ["400", "200"]
    assert [r.is_default for r in integration.responses] == [False, True]
    assert api.find_method("POST", "/pets/{petId}") is None


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Integration("LAMBDA"), "integration type 'LAMBDA' is not one of AWS, AWS_PROXY"),
        (lambda: Integration("MOCK", passthrough_behavior="sometimes"), "passthroughBehavior"),
        (lambda: IntegrationResponse("20"), "three-digit HTTP status, not '20'"),
        (lambda: Method("FETCH", "/"), "HTTP method 'FETCH'"),
        (lambda: Method("GET", "pets"), "must start with '/'"),
        # A greedy {name+} must be the last part of a resource path (AWS-DOC
        # api-gateway-method-settings-method-request, spec pipeline §2).
        (lambda: Method("GET", "/a/{x+}/b"), r"resource path '/a/\{x\+\}/b': \{x\+\} must be its last part"),
        (lambda: Integration("MOCK", request_templates={"application/json": 5}), "must be a string"),
        (lambda: Api(api_key_source="QUERY"), "apiKeySource 'QUERY'"),
        # One method per HTTP method and resource: AWS's put-method refuses a second one
        # (ConflictException); the second would otherwise never run.
        (lambda: Api(methods=[Method("GET", "/a"), Method("get", "/a")]), "GET /a is defined twice"),
    ],
)
def test_bad_values_are_refused(build, message: str) -> None:
    with pytest.raises(ModelError, match=message):
        build()

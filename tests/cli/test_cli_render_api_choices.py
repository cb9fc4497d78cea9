"""`vtl render --api`: the template and stage it renders are the ones `vtl invoke` (and API
Gateway) would use (findings of the user-experience round, /work/ux-notes.md)."""

from __future__ import annotations

import json

_API = """openapi: 3.0.1
info: {title: t, version: "1"}
x-amazon-apigateway-stages: {}
paths:
  /items:
    post:
      x-amazon-apigateway-integration:
        type: http
        httpMethod: POST
        uri: https://example.com/items
        requestTemplates:
          application/json: '{"env": "$stageVariables.env"}'
        responses: {default: {statusCode: "200"}}
      responses: {"200": {description: ok}}
"""

_CFN = """Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: {Name: t}
  Post:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !GetAtt Api.RootResourceId
      HttpMethod: POST
      AuthorizationType: NONE
      Integration:
        Type: MOCK
        RequestTemplates: {application/json: '{"statusCode": 200, "env": "$stageVariables.env"}'}
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties: {RestApiId: !Ref Api, StageName: prod, Variables: {env: production}}
"""


def test_an_event_content_type_without_a_template_renders_none(run, write) -> None:
    # API Gateway picks the request template by Content-Type alone: text/plain with only an
    # application/json template runs no template (pass-through or 415). `render --api`
    # rendered the application/json template silently.
    write("api.yaml", _API)
    write("ev.json", json.dumps({"httpMethod": "POST", "path": "/items",
                                 "headers": {"Content-Type": "text/plain; charset=utf-8"}, "body": "hi"}))
    result = run("render", "--api", "api.yaml", "--route", "POST /items", "--event", "ev.json")
    assert result.code == 2 and result.out == ""
    assert "the event's Content-Type text/plain has no request template in POST /items" in result.err
    assert "passthroughBehavior WHEN_NO_MATCH" in result.err
    chosen = run("render", "--api", "api.yaml", "--route", "POST /items", "--event", "ev.json",
                 "--content-type", "application/json", "--no-warnings")
    assert (chosen.code, chosen.out) == (0, '{"env": ""}')


def test_the_definitions_stage_variables_are_used_without_stage(run, write) -> None:
    # `vtl invoke` runs the API's only (or first) stage; `render --api` without --stage
    # rendered its variables as "" instead.
    write("template.yaml", _CFN)
    result = run("render", "--api", "template.yaml", "--route", "POST /", "--no-warnings")
    assert (result.code, result.out) == (0, '{"statusCode": 200, "env": "production"}')


_WARNED = """openapi: 3.0.1
info: {title: t, version: "1"}
paths:
  /items:
    post:
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates:
          application/json: |
            {"statusCode": 200}
        responses:
          default:
            statusCode: "200"
            responseTemplates:
              application/json: |
                {"name": "$input.path('$.name').lower()"}
      responses: {"200": {description: ok}}
"""


def test_invoke_points_template_warnings_into_the_definition(run, write) -> None:
    # `vtl invoke` showed a template's warning at the template's own 1:33 (after the
    # definition's line); `render --api` points it at the file's line and column.
    write("api.yaml", _WARNED)
    result = run("invoke", "api.yaml", "POST /items", "--body", "{}")
    assert result.code == 0
    assert "  --> api.yaml:16:49\n" in result.err
    assert "16 |                 {\"name\": \"$input.path('$.name').lower()\"}" in result.err


def test_a_located_error_names_its_opener_in_the_files_numbers(run, write) -> None:
    # The report pointed into the definition file while its message kept the template's
    # own numbers: "(opened at line 1, column 1)" above "--> api.yaml:11:32" (the
    # user-experience round, /work/ux-notes.md).
    write("api.yaml", """openapi: 3.0.1
info: {title: t, version: "1"}
paths:
  /items:
    post:
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates:
          application/json: |
            #foreach($i in [1])
            {"statusCode": 200}
        responses: {default: {statusCode: "200"}}
      responses: {"200": {description: ok}}
""")
    result = run("render", "--api", "api.yaml", "--route", "POST /items")
    assert result.code == 1
    assert result.err.split("\n")[:2] == [
        "syntax error: #foreach is missing its #end (opened at line 10, column 13)",
        "  --> api.yaml:11:32",
    ]


def test_output_that_is_not_json_is_reported_in_the_definition(run, write) -> None:
    # `render --api --json`: the "output is not JSON" report pointed at the template's own
    # line 1, not at the definition file (the user-experience round, /work/ux-notes.md)
    write("api.yaml", """openapi: 3.0.1
info: {title: t, version: "1"}
paths:
  /items:
    post:
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates:
          application/json: |
            {"statusCode": 200, "a": 1 x}
        responses: {default: {statusCode: "200"}}
      responses: {"200": {description: ok}}
""")
    result = run("render", "--api", "api.yaml", "--route", "POST /items", "--json")
    assert result.code == 3
    assert result.err.startswith("output is not JSON: ")
    assert "  --> api.yaml:10:13\n" in result.err

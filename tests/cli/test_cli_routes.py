"""``vtl routes`` and ``vtl render --api``, through ``vtl.cli.main(argv)``.

Run in a temporary folder (the ``run`` fixture): definition files are copied there so
the file names in the output are the short ones given. Expected texts are the example
API's templates (examples/api/templates/*.vm) and lines read off the files by hand.
"""

import json
import shutil
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).parents[2] / "examples" / "api"


def vm(name: str) -> str:
    return (EXAMPLES / "templates" / f"{name}.vm").read_bytes().decode("utf-8")


@pytest.fixture
def example(tmp_path: Path):
    """Copy an example export into the working folder; its short name."""

    def copy(name: str) -> str:
        shutil.copy(EXAMPLES / "openapi" / name, tmp_path / name)
        return name

    return copy


def unchecked(parameters: dict[str, bool] | None = None) -> dict[str, object]:
    """``vtl routes --json``'s method request of a method without authorization, API key or
    validator, declaring ``parameters`` (name → required)."""
    return {"authorization_type": "NONE", "authorizer": None, "api_key_required": False,
            "request_validator": None, "request_models": {},
            "request_parameters": parameters or {}}


def returns(model: str) -> dict[str, object]:
    """A method response declaring no headers and ``model`` for application/json."""
    return {"headers": {}, "models": {"application/json": model}}


#: An integration over the internet (no VPC link) with API Gateway's default 29 s timeout and
#: no contentHandling: what a definition that sets none of them gets.
INTERNET = {"connection_type": "INTERNET", "connection_id": None, "timeout_ms": 29000,
            "content_handling": None}


CORS = {
    "method.response.header.Access-Control-Allow-Methods": "'GET,POST,OPTIONS'",
    "method.response.header.Access-Control-Allow-Headers": (
        "'Content-Type,X-Amz-Date,Authorization,X-Api-Key'"
    ),
    "method.response.header.Access-Control-Allow-Origin": "'*'",
}


@pytest.mark.parametrize(
    ("name", "lines"), [("openapi.yaml", (12, 48, 76)), ("swagger.json", (14, 53, 96))]
)
def test_routes_json_is_the_contract(run, example, name, lines) -> None:
    result = run("routes", example(name), "--json")
    assert (result.code, result.err) == (0, "")
    assert json.loads(result.out) == {
        "format": "openapi",
        # info.title; the stage is the export's server basePath variable; no binary types
        "name": "orders",
        "binary_media_types": [],
        "stages": {"prod": {}},
        "routes": [
            {
                "method": "POST",
                "path": "/orders",
                "method_request": unchecked(),
                "method_responses": {"200": returns("Empty"), "400": returns("Error")},
                "integration": {
                    "type": "AWS",
                    "http_method": "POST",
                    "request_parameters": {},
                    "uri": "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                    "arn:aws:lambda:us-east-1:123456789012:function:create-order/invocations",
                    "passthrough_behavior": "WHEN_NO_MATCH",
                    **INTERNET,
                    "request_templates": {"application/json": vm("create-order-request")},
                    "responses": [
                        {
                            "selection_pattern": None,
                            "status": "200",
                            "content_handling": None,
                            "response_templates": {},
                            "response_parameters": {},
                        },
                        {
                            "selection_pattern": ".*Invalid.*",
                            "status": "400",
                            "content_handling": None,
                            "response_templates": {"application/json": vm("create-order-error")},
                            "response_parameters": {},
                        },
                    ],
                },
                "source": f"{name}:{lines[0]}",
            },
            {
                "method": "OPTIONS",
                "path": "/orders",
                "method_request": unchecked(),
                # OpenAPI's header objects are optional unless `required: true`
                "method_responses": {"200": {"headers": dict.fromkeys(
                    ["Access-Control-Allow-Origin", "Access-Control-Allow-Methods",
                     "Access-Control-Allow-Headers"], False), "models": {}}},
                "integration": {
                    "type": "MOCK",
                    "http_method": None,
                    "request_parameters": {},
                    "uri": None,
                    "passthrough_behavior": "WHEN_NO_MATCH",
                    **INTERNET,
                    "request_templates": {"application/json": '{"statusCode": 200}'},
                    "responses": [
                        {
                            "selection_pattern": None,
                            "status": "200",
                            "content_handling": None,
                            "response_templates": {},
                            "response_parameters": CORS,
                        },
                    ],
                },
                "source": f"{name}:{lines[1]}",
            },
            {
                "method": "GET",
                "path": "/orders/{id}",
                "method_request": unchecked({"method.request.path.id": True}),
                "method_responses": {"200": returns("Empty")},
                "integration": {
                    "type": "AWS",
                    "http_method": "POST",
                    "request_parameters": {},
                    "uri": "arn:aws:apigateway:us-east-1:dynamodb:action/GetItem",
                    "passthrough_behavior": "WHEN_NO_MATCH",
                    **INTERNET,
                    "request_templates": {"application/json": vm("get-order-request")},
                    "responses": [
                        {
                            "selection_pattern": None,
                            "status": "200",
                            "content_handling": None,
                            "response_templates": {"application/json": vm("get-order-response")},
                            "response_parameters": {},
                        },
                    ],
                },
                "source": f"{name}:{lines[2]}",
            },
        ],
        "gateway_responses": [],
    }


def test_routes_readable_listing(run, example) -> None:
    result = run("routes", example("openapi.yaml"))
    assert result.code == 0
    lambda_uri = (
        "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
        "arn:aws:lambda:us-east-1:123456789012:function:create-order/invocations"
    )
    assert result.out.split("\n\n")[:2] == [
        "openapi.yaml: openapi 'orders', 3 methods",
        (
            "POST /orders  (openapi.yaml:12)\n"
            f"  integration   AWS POST {lambda_uri}\n"
            "  passthrough   WHEN_NO_MATCH\n"
            "  request       application/json  template at openapi.yaml:39\n"
            "  responses     default → 200\n"
            "                .*Invalid.* → 400\n"
            "                  application/json  template at openapi.yaml:36"
        ),
    ]
    assert "GET /orders/{id}  (openapi.yaml:76)\n" in result.out
    assert (
        "                  method.response.header.Access-Control-Allow-Origin = '*'\n" in result.out
    )


def test_routes_warns_about_what_api_gateway_would_skip(run, write) -> None:
    name = write(
        "api.yaml",
        "swagger: '2.0'\npaths:\n  /a:\n    get:\n      responses:\n        default: {}\n",
    )
    result = run("routes", name, "--json")
    assert result.code == 0
    assert json.loads(result.out) == {
        "format": "openapi",
        # no info.title (the model's default name), no server, so no stage
        "name": "api",
        "binary_media_types": [],
        "stages": {},
        "routes": [{
            "method": "GET",
            "path": "/a",
            "method_request": unchecked(),
            "method_responses": {},  # the 'default' response is skipped (warned below)
            "integration": None,
            "source": "api.yaml:4",
        }],
        "gateway_responses": [],
    }
    assert result.err == (
        "vtl: warning: api.yaml:6: a 'default' response is not a REST API method response; ignored\n"
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["routes", "nope.yaml"], "API definition nope.yaml: no such file or folder"),
        (["routes", "api.yaml", "--param", "x"], "--param expects KEY=VALUE, got 'x'"),
        (
            ["routes", "api.yaml", "--param", "Stage=dev"],
            "api.yaml:1: an OpenAPI definition has no parameters to set (given: Stage)",
        ),
    ],
)
def test_routes_input_errors(run, write, argv, message) -> None:
    write("api.yaml", "openapi: 3.0.1\npaths: {}\n")
    result = run(*argv)
    assert (result.code, result.out, result.err) == (2, "", f"vtl: error: {message}\n")


def test_routes_of_a_file_that_is_not_a_definition(run, write) -> None:
    write("t.json", '{"info": {}, "paths": {}}')
    result = run("routes", "t.json")
    assert result.code == 2
    assert result.err == (
        "vtl: error: t.json: looks like OpenAPI (it has 'paths') but has no 'openapi: 3.0.1' or "
        "'swagger: \"2.0\"' field saying which version it is\n"
    )


def event(tmp_path: Path, **parts) -> str:
    (tmp_path / "event.json").write_text(json.dumps(parts), encoding="utf-8")
    return "event.json"


def test_render_a_request_template_of_the_definition(run, example, tmp_path) -> None:
    ev = event(
        tmp_path,
        body='{"customer": "Ann", "items": [{"sku": "a-1"}]}',
        headers={"X-Source": "web"},
        requestContext={"requestId": "req-7"},
    )
    result = run(
        "render",
        "--api",
        example("openapi.yaml"),
        "--route",
        "POST /orders",
        "--event",
        ev,
        "--no-warnings",
    )
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        '{\n  "orderId": "req-7",\n  "customer": "Ann",\n  "items": [{"sku":"a-1"}],\n'
        '  "source": "web"\n}\n'
    )


def test_render_uses_stage_variables_and_path_parameters(run, example, tmp_path) -> None:
    ev = event(tmp_path, pathParameters={"id": "o-1"})
    result = run(
        "render",
        "--api",
        example("swagger.json"),
        "--route",
        "get /orders/{id}",
        "--event",
        ev,
        "--stage-var",
        "table=orders",
    )
    assert (result.code, result.err) == (0, "")
    assert result.out == '{\n  "TableName": "orders",\n  "Key": {"id": {"S": "o-1"}}\n}\n'


@pytest.mark.parametrize(
    ("response", "answer"),
    [(".*Invalid.*", "event"), ("400", "event"), (".*Invalid.*", "--body"), ("400", "--body")],
)
def test_render_an_integration_response_template(run, example, tmp_path, response, answer) -> None:
    # The backend's answer is --body (what $input reads in a response template), or else
    # the event's body; $context still describes the method request (the event).
    error = '{"errorMessage": "Invalid \\"qty\\""}'
    ev = event(
        tmp_path,
        requestContext={"requestId": "r"},
        **({"body": error} if answer == "event" else {}),
    )
    more = ["--body", error] if answer == "--body" else []
    result = run(
        "render",
        "--api",
        example("openapi.yaml"),
        "--route",
        "POST /orders",
        "--response",
        response,
        "--event",
        ev,
        "--no-warnings",
        *more,
    )
    assert (result.code, result.err) == (0, "")
    assert result.out == '{"error": "Invalid \\"qty\\"", "requestId": "r"}\n'


def test_a_response_template_starts_from_its_responses_status(run, example) -> None:
    result = run(
        "render",
        "--api",
        example("openapi.yaml"),
        "--route",
        "POST /orders",
        "--response",
        ".*Invalid.*",
        "--body",
        '{"errorMessage": "Invalid"}',
        "--no-warnings",
        "--show-overrides",
    )
    assert result.code == 0
    assert (
        result.err == "status: 400 (--status; the template did not override it)\n(no overrides)\n"
    )


def test_body_is_for_response_templates(run, example) -> None:
    result = run(
        "render", "--api", example("openapi.yaml"), "--route", "POST /orders", "--body", "{}"
    )
    assert (result.code, result.err) == (
        2,
        "vtl: error: --body and --status are for a response template: add --response\n",
    )


def test_warnings_point_into_the_definition_file(run, example, tmp_path) -> None:
    # The example follows the AWS docs' advice; undo it on line 37 to get the warning.
    definition = tmp_path / example("openapi.yaml")
    advice = """.replaceAll("\\\\'","'")"""
    text = definition.read_text(encoding="utf-8")
    assert advice in text
    definition.write_text(text.replace(advice, ""), encoding="utf-8")
    result = run(
        "render",
        "--api",
        "openapi.yaml",
        "--route",
        "POST /orders",
        "--response",
        "400",
        "--body",
        '{"errorMessage": "x"}',
    )
    assert result.code == 0
    assert result.err.split("\n")[:4] == [
        (
            "warning: $util.escapeJavaScript turns ' into \\', which is not valid inside a JSON "
            "string, so any body text with an apostrophe breaks the JSON; add "
            """.replaceAll("\\\\'","'") as the AWS docs advise"""
        ),
        "  --> openapi.yaml:37:28",
        "   |",
        (
            """37 |                 {"error": "$util.escapeJavaScript($input.path('$.errorMessage'))", """
            '"requestId": "$context.requestId"}'
        ),
    ]
    strict = run(
        "render",
        "--api",
        "openapi.yaml",
        "--route",
        "POST /orders",
        "--response",
        "400",
        "--body",
        '{"errorMessage": "x"}',
        "--strict",
    )
    assert (strict.code, strict.out) == (1, "")
    assert strict.err.endswith("vtl: error: 1 warning (--strict)\n")


def test_watch_watches_the_definition(run, example, monkeypatch) -> None:
    from vtl import cli_watch

    name = example("openapi.yaml")
    seen = []

    def changes(files, folders):
        seen.append((sorted(map(str, files)), list(folders)))
        yield None

    monkeypatch.setattr(cli_watch, "watch_changes", changes)
    result = run("render", "--api", name, "--route", "OPTIONS /orders", "--watch")
    assert result.code == 0
    assert result.out == '{"statusCode": 200}' * 2
    assert seen == [(["openapi.yaml"], [])]


def test_render_the_response_template_that_overrides_the_status(run, example, tmp_path) -> None:
    ev = event(tmp_path, body="{}", pathParameters={"id": "o-9"})
    result = run(
        "render",
        "--api",
        example("openapi.yaml"),
        "--route",
        "GET /orders/{id}",
        "--response",
        "default",
        "--event",
        ev,
        "--show-overrides",
        "--no-warnings",
    )
    assert result.code == 0
    assert result.out == '{"message": "order o-9 not found"}\n'
    assert result.err == "responseOverride.status: 404\n"


def test_the_request_template_follows_the_events_content_type(run, write, tmp_path) -> None:
    write(
        "api.yaml",
        """\
openapi: 3.0.1
paths:
  /x:
    post:
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates:
          application/json: json
          text/plain: text
""",
    )
    ev = event(tmp_path, headers={"content-type": "text/plain; charset=UTF-8"})
    assert run("render", "--api", "api.yaml", "--route", "POST /x", "--event", ev).out == "text"
    assert run("render", "--api", "api.yaml", "--route", "POST /x").out == "json"
    chosen = run(
        "render", "--api", "api.yaml", "--route", "POST /x", "--content-type", "text/plain"
    )
    assert chosen.out == "text"


BROKEN = """\
openapi: 3.0.1
paths:
  /x:
    post:
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates:
          application/json: |
            #set($a = 1)
            #foreach($i in [1, 2])
              $util.parseJson("{")
            #end
          text/plain: "one\\n  #if($x"
"""


def test_a_template_error_points_into_the_definition_file(run, write) -> None:
    write("api.yaml", BROKEN)
    result = run("render", "--api", "api.yaml", "--route", "POST /x")
    assert (result.code, result.out) == (1, "")
    assert result.err.split("\n")[1:5] == [
        "  --> api.yaml:11:21",
        "   |",
        '11 |               $util.parseJson("{")',
        "   |                     ^^^^^^^^^",
    ]


def test_a_template_error_in_a_quoted_string_names_where_the_template_is(run, write) -> None:
    write("api.yaml", BROKEN)
    result = run(
        "render", "--api", "api.yaml", "--route", "POST /x", "--content-type", "text/plain"
    )
    assert result.code == 1
    assert result.err.split("\n")[:4] == [
        # (the condition is cut short: what it wants, not the block's #end)
        "syntax error: unexpected end of the template; expected ')'",
        " --> api.yaml:13 (POST /x request text/plain):2:8",
        "  |",
        "2 |   #if($x",
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--api", "openapi.yaml"],
            (
                '--api needs --route "METHOD /path" (its routes: POST /orders, OPTIONS /orders, '
                "GET /orders/{id}; `vtl routes` lists them with their templates)"
            ),
        ),
        (
            ["--api", "openapi.yaml", "--route", "PUT /orders"],
            (
                "PUT /orders is not a method of this API (its routes: POST /orders, OPTIONS /orders, "
                "GET /orders/{id}; `vtl routes` lists them with their templates)"
            ),
        ),
        (
            # A request path names the method it reaches.
            ["--api", "openapi.yaml", "--route", "get /orders/o-42"],
            (
                "get /orders/o-42 is a request, not a method of this API: it reaches "
                'GET /orders/{id} (write --route "GET /orders/{id}")'
            ),
        ),
        (
            ["--api", "openapi.yaml", "--route", "/orders"],
            '--route expects "METHOD /path", e.g. "POST /orders", got \'/orders\'',
        ),
        (
            ["--api", "openapi.yaml", "--route", "POST /orders", "--content-type", "text/plain"],
            (
                "POST /orders request has no template for text/plain; it has application/json "
                "(choose with --content-type)"
            ),
        ),
        (
            ["--api", "openapi.yaml", "--route", "POST /orders", "--response", "default"],
            (
                "POST /orders response default → 200 has no templates "
                "(API Gateway passes the body through as it is)"
            ),
        ),
        (
            ["--api", "openapi.yaml", "--route", "POST /orders", "--response", "5\\d{2}"],
            (
                "POST /orders has no integration response '5\\\\d{2}'; it has default → 200, "
                ".*Invalid.* → 400"
            ),
        ),
        (
            ["--api", "openapi.yaml", "--route", "POST /orders", "--stage", "dev"],
            "stage 'dev' is not defined in this API (stages: prod)",
        ),
        (
            ["--api", "openapi.yaml", "--route", "POST /orders", "--vars", "v.json"],
            (
                "a template of an API definition renders as API Gateway does: "
                "--vars and --profile velocity do not apply"
            ),
        ),
        (["t.vm", "--api", "openapi.yaml"], "give either a TEMPLATE or --api API_FILE, not both"),
        (
            ["t.vm", "--route", "POST /orders"],
            "--route needs --api API_FILE (the definition to take the template from)",
        ),
        (
            ["openapi.yaml"],
            (
                "openapi.yaml is an API definition (openapi), not a template: pick one of its templates "
                'with `vtl render --api openapi.yaml --route "METHOD /path"` (its routes: POST /orders, '
                "OPTIONS /orders, GET /orders/{id}; `vtl routes` lists them with their templates)"
            ),
        ),
    ],
)
def test_render_api_usage_errors(run, example, write, argv, message) -> None:
    example("openapi.yaml")
    write("t.vm", "x")
    result = run("render", *argv)
    assert (result.code, result.out, result.err) == (2, "", f"vtl: error: {message}\n")


def test_a_template_that_happens_to_be_json_still_renders(run, write) -> None:
    name = write("body.json", '{"paths": "$input.params(\'p\')"}')
    result = run("render", name)
    assert (result.code, result.out) == (0, '{"paths": ""}')


# --- the README's commands on examples/api/ -------------------------------------------------

EVENTS = EXAMPLES / "sample-events"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["openapi.yaml", "POST /orders", "create-order.json"],
            (
                '{\n  "orderId": "c0ffee00-0000-4000-8000-000000000001",\n  "customer": "Ann \\"Lee\\"",\n'
                '  "items": [{"sku":"A-1","qty":2}],\n  "source": "web"\n}\n'
            ),
        ),
        (
            ["swagger.json", "GET /orders/{id}", "get-order.json"],
            '{\n  "TableName": "orders",\n  "Key": {"id": {"S": "o-42"}}\n}\n',
        ),
        (
            [
                "openapi.yaml",
                "POST /orders",
                "create-order-error.json",
                "--response",
                ".*Invalid.*",
            ],
            (
                '{"error": "Invalid order: no items", '
                '"requestId": "c0ffee00-0000-4000-8000-000000000003"}\n'
            ),
        ),
        (
            [
                "openapi.yaml",
                "POST /orders",
                "create-order.json",
                "--response",
                ".*Invalid.*",
                "--body",
                '{"errorMessage": "Invalid order: no items"}',
            ],
            (
                '{"error": "Invalid order: no items", '
                '"requestId": "c0ffee00-0000-4000-8000-000000000001"}\n'
            ),
        ),
        (
            ["swagger.json", "GET /orders/{id}", "get-order-found.json", "--response", "default"],
            '{\n  "id": "o-42",\n  "customer": "Ann Lee",\n  "total": 12.50\n}\n',
        ),
    ],
)
def test_readme_render_commands(run, argv, expected) -> None:
    api, route, event_file, *more = argv
    result = run(
        "render",
        "--api",
        str(EXAMPLES / "openapi" / api),
        "--route",
        route,
        "--event",
        str(EVENTS / event_file),
        "--no-warnings",  # the example templates use escapeJavaScript inside JSON strings
        *more,
    )
    assert (result.code, result.err, result.out) == (0, "", expected)


def test_templates_a_tool_writes_are_listed_as_such_and_not_rendered(run, monkeypatch) -> None:
    # serverless.yml's reader marks the framework's default templates (MappingTemplate
    # .generated_by); an API built in code stands in for it here.
    from vtl import cli_routes
    from vtl.api import Api, Integration, MappingTemplate, Method, Source

    template = MappingTemplate("(the framework's default)", Source("serverless.yml", 9))
    object.__setattr__(template, "generated_by", "the Serverless Framework")
    api = Api(
        methods=[
            Method(
                "POST",
                "/x",
                integration=Integration("AWS", request_templates={"application/json": template}),
            )
        ],
        format="serverless",
    )
    monkeypatch.setattr(cli_routes, "_load", lambda path, params: api)
    listing = run("routes", "serverless.yml")
    assert (
        "  request       application/json  template written by the Serverless Framework, "
        "not in the definition (text not reproduced)\n"
    ) in listing.out
    result = run("render", "--api", "serverless.yml", "--route", "POST /x")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "vtl: error: the request application/json template of POST /x is written by the "
        "Serverless Framework at deploy time: its text is not in the definition, so write "
        "your own template to run it\n"
    )


# --- one API, every format: `vtl routes --json` agrees with the OpenAPI export ------------

#: The example API in each format (examples/api/README.md); the formats whose readers are
#: not installed in this checkout are left out by ``exists()`` below, never passed.
DEFINITIONS = [
    "openapi/swagger.json",
    "sam/template.yaml",
    "cloudformation/template.yaml",
    "cdk.out",
    "terraform",
    "serverless/serverless.yml",
]


def _routes_by_method(run, path: Path) -> tuple[str, dict[str, dict]]:
    result = run("routes", str(path), "--json")
    assert (result.code, result.err) == (0, ""), result.err
    listing = json.loads(result.out)
    return listing["format"], {
        f"{route['method']} {route['path']}": route["integration"] for route in listing["routes"]
    }


@pytest.mark.parametrize("definition", [d for d in DEFINITIONS if (EXAMPLES / d).exists()])
def test_every_format_lists_the_routes_and_templates_of_the_export(run, definition) -> None:
    if definition.startswith("serverless/"):
        # Its GET /orders/{id} is CloudFormation under `resources`, read by that reader.
        pytest.importorskip("vtl.api.sources.cloudformation")
    _, expected = _routes_by_method(run, EXAMPLES / "openapi" / "openapi.yaml")
    assert set(expected) == {"POST /orders", "OPTIONS /orders", "GET /orders/{id}"}
    _, routes = _routes_by_method(run, EXAMPLES / definition)
    assert set(routes) == set(expected)
    for route, integration in routes.items():
        assert integration == expected[route], route


def test_routes_lists_what_the_method_request_checks(run, tmp_path) -> None:
    shutil.copy(
        Path(__file__).parents[1] / "api" / "data" / "openapi" / "pets-oas30.yaml", tmp_path
    )
    result = run("routes", "pets-oas30.yaml")
    assert result.code == 0
    blocks = result.out.split("\n\n")
    assert blocks[1].split("\n")[:2] == [
        "GET /pets/{petId}  (pets-oas30.yaml:34)",
        (
            "  method        API key required; validator params-only; "
            "required path.petId, header.X-Trace"
        ),
    ]
    assert blocks[2].split("\n")[:2] == [
        "POST /pets  (pets-oas30.yaml:83)",
        ("  method        authorization COGNITO_USER_POOLS (authorizer cognito, COGNITO_USER_POOLS: "
         "method.request.header.Authorization); validator all; model application/json "
         # the inline text/plain schema is a model the reader names after the method
         "NewPet; model text/plain inline: POST /pets text/plain"),
    ]


def test_invoke_passes_params_to_the_reader(run, example) -> None:
    name = example("openapi.yaml")
    result = run("invoke", name, "OPTIONS /orders", "--param", "Stage=dev")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "vtl: error: openapi.yaml:1: an OpenAPI definition has no parameters to set (given: Stage)\n"
    )
    assert run("invoke", name, "OPTIONS /orders", "--param", "nope").err == (
        "vtl: error: --param expects KEY=VALUE, got 'nope'\n"
    )


def _invoke(run, definition: str, *argv: str) -> dict:
    # --no-warnings: the example templates use escapeJavaScript inside JSON strings.
    result = run("invoke", str(EXAMPLES / "openapi" / definition), *argv, "--json", "--no-warnings")
    assert (result.code, result.err) == (0, ""), result.err
    return json.loads(result.out)


def test_readme_invoke_commands(run) -> None:
    error = _invoke(
        run,
        "openapi.yaml",
        "POST /orders",
        "--header",
        "Content-Type: application/json",
        "--body",
        '{"customer": "Ann", "items": []}',
        "--lambda-error",
        '{"errorMessage": "Invalid order: no items", "errorType": "ValueError"}',
    )
    assert error["integration_response"] == {"selection_pattern": ".*Invalid.*", "status": "400"}
    assert error["response"]["status"] == 400
    assert error["response"]["body"].startswith(
        '{"error": "Invalid order: no items", "requestId": "'
    )

    found = _invoke(
        run,
        "swagger.json",
        "GET /orders/o-42",
        "--stage-var",
        "table=orders",
        "--http-response",
        str(EXAMPLES / "dynamodb-item.json"),
    )
    assert found["integration_request"]["body"] == (
        '{\n  "TableName": "orders",\n  "Key": {"id": {"S": "o-42"}}\n}\n'
    )
    assert (found["response"]["status"], found["response"]["body"]) == (
        200,
        '{\n  "id": "o-42",\n  "customer": "Ann Lee",\n  "total": 12.50\n}\n',
    )
    missing = _invoke(
        run,
        "swagger.json",
        "GET /orders/o-1",
        "--stage-var",
        "table=orders",
        "--http-response",
        str(EXAMPLES / "dynamodb-empty.json"),
    )
    assert (missing["response"]["status"], missing["response"]["body"]) == (
        404,
        '{"message": "order o-1 not found"}\n',
    )
    preflight = _invoke(run, "openapi.yaml", "OPTIONS /orders")
    assert preflight["response"]["status"] == 200
    assert preflight["response"]["headers"]["Access-Control-Allow-Origin"] == "*"
    assert preflight["response"]["headers"]["Access-Control-Allow-Methods"] == "GET,POST,OPTIONS"


def test_invoke_points_a_template_error_into_the_definition_file(run, write) -> None:
    write("api.yaml", BROKEN)
    result = run("invoke", "api.yaml", "POST /x", "--json")
    assert result.code == 1
    assert json.loads(result.out)["response"]["status"] == 500
    assert result.err.split("\n")[1:4] == [
        "  --> api.yaml:11:21",
        "   |",
        '11 |               $util.parseJson("{")',
    ]


def test_render_of_a_definition_its_reader_cannot_read_is_still_refused(run, write) -> None:
    # Recognised by content, even when reading it fails (a missing optional dependency, a
    # bad field): rendering the YAML itself as a template would never be what is meant.
    write("api.yaml", "openapi: 3.0.1\npaths:\n  /x:\n    get:\n      security: [{key: []}]\n")
    result = run("render", "api.yaml")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "vtl: error: api.yaml is an API definition (openapi), not a template: pick one of its "
        'templates with `vtl render --api api.yaml --route "METHOD /path"` (`vtl routes '
        "api.yaml` lists its routes; reading it now says: api.yaml:5: security scheme 'key' "
        "is not defined in components.securitySchemes)\n"
    )


def test_the_readme_shows_the_real_listing(run, monkeypatch) -> None:
    repo = EXAMPLES.parents[1]
    readme = (repo / "README.md").read_text(encoding="utf-8")
    command = "$ vtl routes examples/api/openapi/openapi.yaml\n"
    shown = readme[readme.index(command) + len(command) :]
    shown = shown[: shown.index("OPTIONS /orders  (")]
    monkeypatch.chdir(repo)
    result = run("routes", "examples/api/openapi/openapi.yaml")
    assert result.code == 0
    assert result.out.startswith(shown)


PARAMETER_TEMPLATE = """\
Parameters:
  Table:
    Type: String
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: a
  Get:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !GetAtt Api.RootResourceId
      HttpMethod: GET
      AuthorizationType: NONE
      Integration:
        Type: MOCK
        RequestTemplates:
          application/json: !Sub '{"table": "${Table}"}'
"""


def test_a_template_holding_a_value_only_a_deployment_knows_asks_for_it(run, write) -> None:
    write("t.yaml", PARAMETER_TEMPLATE)
    result = run("render", "--api", "t.yaml", "--route", "GET /")
    assert (result.code, result.out, result.err) == (2, "", (
        "vtl: warning: t.yaml:2: parameter Table has no Default and no --param Table=VALUE: "
        "it stays ${Ref:Table}\n"
        "vtl: error: the request application/json template of GET / holds ${Ref:Table}, a value "
        "only a deployment knows: give it with --param Table=VALUE to run it\n"))
    invoked = run("invoke", "t.yaml", "GET /")
    assert (invoked.code, invoked.out) == (2, "")
    assert invoked.err.endswith(
        "the application/json request template of GET / holds ${Ref:Table}, a value only a "
        "deployment knows: give it with --param Table=VALUE to run it\n")
    given = run("render", "--api", "t.yaml", "--route", "GET /", "--param", "Table=orders")
    assert (given.code, given.out) == (0, '{"table": "orders"}')


TERRAFORM_WITH_A_VARIABLE = """\
variable "table" {}
resource "aws_api_gateway_rest_api" "a" {
  name = "a"
}
resource "aws_api_gateway_method" "get" {
  rest_api_id   = aws_api_gateway_rest_api.a.id
  resource_id   = aws_api_gateway_rest_api.a.root_resource_id
  http_method   = "GET"
  authorization = "NONE"
}
resource "aws_api_gateway_integration" "get" {
  rest_api_id = aws_api_gateway_rest_api.a.id
  resource_id = aws_api_gateway_rest_api.a.root_resource_id
  http_method = aws_api_gateway_method.get.http_method
  type        = "MOCK"
  request_templates = {
    "application/json" = "#set($m = \\"vtl\\"){\\"statusCode\\": 200, \\"table\\": \\"${var.table}\\", \\"m\\": \\"$${m}\\"}"
  }
}
"""

SERVERLESS_WITH_AN_OPTION = """\
service: s
provider:
  name: aws
functions:
  f:
    handler: h
    events:
      - http:
          path: /
          method: get
          integration: mock
          request:
            template:
              application/json: '#set($m = "vtl"){"statusCode": 200, "table": "${opt:table}", "m": "${m}"}'
          response:
            statusCodes:
              200:
                pattern: ''
"""


@pytest.mark.parametrize(("name", "text", "value", "hint", "warning"), [
    ("main.tf", TERRAFORM_WITH_A_VARIABLE, "${var.table}",
     "the value of variable table, which has no default and was given none: give it with "
     "--param table=VALUE (or in terraform.tfvars) to run it",
     "vtl: warning: main.tf:1: variable table has no default and no --param table=VALUE: it "
     "stays ${var.table}\n"),
    ("serverless.yml", SERVERLESS_WITH_AN_OPTION, "${opt:table}",
     "an option not given: give it with --param table=VALUE to run it",
     "vtl: warning: serverless.yml:14: ${opt:table} has no value: give it with --param "
     "table=VALUE (the framework stops here); kept as a placeholder\n"),
])
def test_terraform_and_serverless_templates_holding_a_placeholder_ask_for_its_value(
        run, write, name: str, text: str, value: str, hint: str, warning: str) -> None:
    # As for CloudFormation: `vtl routes` lists the method (the reader's warning says what
    # stays a placeholder); `vtl render --api` and `vtl invoke` refuse to run the template.
    write(name, text)
    listed = run("routes", name)
    assert (listed.code, listed.err) == (0, warning)
    assert "\nGET /  (" in listed.out and "application/json  template at " in listed.out
    rendered = run("render", "--api", name, "--route", "GET /")
    assert (rendered.code, rendered.out, rendered.err) == (2, "", warning + (
        f"vtl: error: the request application/json template of GET / holds {value}, {hint}\n"))
    invoked = run("invoke", name, "GET /")
    assert (invoked.code, invoked.out) == (2, "")
    assert invoked.err.endswith(
        f"the application/json request template of GET / holds {value}, {hint}\n")
    # Given a value, the template runs; Velocity's own ${m} is not a placeholder.
    given = run("render", "--api", name, "--route", "GET /", "--param", "table=orders")
    assert (given.code, given.err) == (0, "")
    assert given.out == '{"statusCode": 200, "table": "orders", "m": "vtl"}'
    ran = run("invoke", name, "GET /", "--param", "table=orders")
    assert (ran.code, ran.err) == (0, "")


def test_render_api_shows_what_the_definition_reader_skipped(run, write) -> None:
    # The same warnings `vtl routes` and `vtl invoke` print (here, a misspelt property).
    write("t.yaml", PARAMETER_TEMPLATE.replace("        RequestTemplates:",
                                               "        RequestTemplate: {}\n        RequestTemplates:"))
    warning = ("vtl: warning: t.yaml:18: Get: Integration.RequestTemplate is not a property of "
               "AWS::ApiGateway::Method Integration (CloudFormation refuses it); ignored; did you "
               "mean RequestTemplates?\n")
    result = run("render", "--api", "t.yaml", "--route", "GET /", "--param", "Table=orders")
    assert (result.code, result.out, result.err) == (0, '{"table": "orders"}', warning)
    quiet = run("render", "--api", "t.yaml", "--route", "GET /", "--param", "Table=orders",
                "--no-warnings")
    assert (quiet.code, quiet.err) == (0, "")


GENERATED_TABLE = """\
Resources:
  Table:
    Type: AWS::DynamoDB::Table
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: {Name: items}
  Items:
    Type: AWS::ApiGateway::Resource
    Properties: {RestApiId: !Ref Api, ParentId: !GetAtt Api.RootResourceId, PathPart: items}
  ListItems:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref Items
      HttpMethod: GET
      AuthorizationType: NONE
      Integration:
        Type: AWS
        IntegrationHttpMethod: POST
        Uri: !Sub arn:aws:apigateway:${AWS::Region}:dynamodb:action/Scan
        RequestTemplates:
          application/json: !Sub '{"TableName": "${Table}"}'
"""


def test_a_resource_only_a_deployment_names_can_be_given_with_param(run, write) -> None:
    # The error says to give the value with --param; for a resource's Ref that must work too.
    write("api.yaml", GENERATED_TABLE)
    refused = run("render", "--api", "api.yaml", "--route", "GET /items")
    assert refused.code == 2
    assert "holds ${Ref:Table}, a value only a deployment knows" in refused.err
    result = run("render", "--api", "api.yaml", "--route", "GET /items", "--param", "Table=items-prod")
    assert (result.code, result.out) == (0, '{"TableName": "items-prod"}')
    unknown = run("routes", "api.yaml", "--param", "Tabel=items-prod")
    assert unknown.code == 2 and "--param Tabel: the template has no such parameter" in unknown.err


IMPORTED_TABLE = """\
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: items
  Items:
    Type: AWS::ApiGateway::Resource
    Properties:
      RestApiId: !Ref Api
      ParentId: !GetAtt Api.RootResourceId
      PathPart: items
  Get:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref Items
      HttpMethod: GET
      AuthorizationType: NONE
      Integration:
        Type: MOCK
        RequestTemplates:
          application/json:
            Fn::Sub:
              - '{"TableName": "${Table}"}'
              - Table: !ImportValue shared-TableName
"""


def test_another_stacks_export_can_be_given_with_param(run, write) -> None:
    write("api.yaml", IMPORTED_TABLE)
    refused = run("render", "--api", "api.yaml", "--route", "GET /items")
    assert refused.code == 2
    assert ("holds ${Fn::ImportValue:shared-TableName}, another stack's export: give it with "
            "--param Fn::ImportValue:shared-TableName=VALUE to run it") in refused.err
    given = run("render", "--api", "api.yaml", "--route", "GET /items",
                "--param", "Fn::ImportValue:shared-TableName=items-prod")
    assert (given.code, given.out) == (0, '{"TableName": "items-prod"}')


ROUTE_ECHO = """\
openapi: 3.0.1
info: {title: echo}
paths:
  /users/{userId}:
    get:
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates:
          application/json: "$context.httpMethod $context.resourcePath [$input.params('userId')] [$stageVariables.table]"
  /pets/{petId}:
    delete:
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates:
          application/json: "$context.httpMethod $context.resourcePath [$input.params('petId')]"
"""


def test_without_an_event_the_sample_request_is_sent_to_the_route(run, write) -> None:
    # Rendering GET /users/{userId} against the sample's POST /pets/42 would show a method,
    # path and stage variables the route never sees.
    write("api.yaml", ROUTE_ECHO)
    result = run("render", "--api", "api.yaml", "--route", "GET /users/{userId}")
    assert (result.code, result.out) == (0, "GET /users/{userId} [] []")
    assert result.err == ("vtl: note: no --event: the sample request sent as GET /users/ has no "
                          "value for the path parameter userId; give one in an --event\n"
                          "vtl: note: the template reads stage variable table, which the request "
                          "does not set, so API Gateway renders it as \"\"; give --stage-var "
                          "table=VALUE, --stage NAME (the definition's stage) or stageVariables "
                          "in the event\n")
    same_name = run("render", "--api", "api.yaml", "--route", "DELETE /pets/{petId}")
    assert (same_name.code, same_name.out, same_name.err) == (0, "DELETE /pets/{petId} [42]", "")


PROXY_WITH_TEMPLATE = """\
openapi: 3.0.1
info: {title: t, version: '1'}
paths:
  /p:
    post:
      x-amazon-apigateway-integration:
        type: aws_proxy
        httpMethod: POST
        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/f/invocations
        requestTemplates:
          application/json: '{"body": "$input.body"}'
"""


def test_render_of_a_proxy_method_names_the_template_that_never_runs(run, write) -> None:
    # the template is in the file, so "it has no templates" would contradict what the user sees
    write("api.yaml", PROXY_WITH_TEMPLATE)
    result = run("render", "--api", "api.yaml", "--route", "POST /p", "--no-warnings")
    assert (result.code, result.err) == (
        2, ("vtl: error: POST /p is an AWS_PROXY integration: API Gateway runs no mapping template "
            "for it (the one at api.yaml:11 never runs)\n"))


MAPPED_AND_GATEWAY_RESPONSE = """\
openapi: 3.0.1
info: {title: t, version: '1'}
paths:
  /files/{name}:
    get:
      parameters:
        - {name: name, in: path, required: true, schema: {type: string}}
      x-amazon-apigateway-integration:
        type: aws
        httpMethod: GET
        uri: arn:aws:apigateway:us-east-1:s3:path/bucket/{key}
        requestParameters:
          integration.request.path.key: method.request.path.name
          integration.request.header.Accept: "'application/json'"
x-amazon-apigateway-gateway-responses:
  UNAUTHORIZED:
    statusCode: 401
    responseParameters:
      gatewayresponse.header.WWW-Authenticate: "'Bearer'"
    responseTemplates:
      application/json: '{"error": "$context.error.messageString"}'
"""


def test_routes_lists_parameter_mappings_and_gateway_responses(run, write) -> None:
    # both shape what the backend or the client gets: a listing without them hides half
    # of what an S3 proxy or a customised 401 does
    write("api.yaml", MAPPED_AND_GATEWAY_RESPONSE)
    result = run("routes", "api.yaml")
    assert (result.code, result.err) == (0, "")
    blocks = result.out.split("\n\n")
    assert blocks[1].splitlines()[1:4] == [
        "  method        required path.name",
        "  integration   AWS GET arn:aws:apigateway:us-east-1:s3:path/bucket/{key}",
        "  parameters    integration.request.path.key = method.request.path.name",
    ]
    assert blocks[1].splitlines()[4] == "                integration.request.header.Accept = 'application/json'"
    assert blocks[2] == (
        "gateway responses (what API Gateway answers by itself)\n"
        "  UNAUTHORIZED → 401  (api.yaml:16)\n"
        "    application/json  template (substitution only, not VTL)\n"
        "    gatewayresponse.header.WWW-Authenticate = 'Bearer'\n")


def test_routes_json_has_the_mappings_and_gateway_responses_too(run, write) -> None:
    # what the readable listing shows must not be missing from the machine-readable one
    write("api.yaml", MAPPED_AND_GATEWAY_RESPONSE)
    result = run("routes", "api.yaml", "--json")
    assert (result.code, result.err) == (0, "")
    listing = json.loads(result.out)
    (route,) = listing["routes"]
    assert route["integration"]["http_method"] == "GET"
    assert route["integration"]["request_parameters"] == {
        "integration.request.path.key": "method.request.path.name",
        "integration.request.header.Accept": "'application/json'",
    }
    assert listing["gateway_responses"] == [{
        "response_type": "UNAUTHORIZED",
        "status": "401",
        "response_parameters": {"gatewayresponse.header.WWW-Authenticate": "'Bearer'"},
        "response_templates": {"application/json": '{"error": "$context.error.messageString"}'},
        "source": "api.yaml:16",
    }]


PROTECTED = """\
openapi: 3.0.1
info: {title: t, version: '1'}
paths:
  /orders:
    get:
      parameters:
      - {name: status, in: query, required: true, schema: {type: string}}
      - {name: X-Trace, in: header, schema: {type: string}}
      security: [{api_key: []}, {jwt: []}]
      x-amazon-apigateway-request-validator: params
      x-amazon-apigateway-integration: {type: mock, requestTemplates: {application/json: '{}'}}
components:
  securitySchemes:
    api_key: {type: apiKey, name: x-api-key, in: header}
    jwt:
      type: apiKey
      name: Authorization
      in: header
      x-amazon-apigateway-authtype: cognito_user_pools
      x-amazon-apigateway-authorizer:
        type: cognito_user_pools
        providerARNs: [arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_x]
x-amazon-apigateway-request-validators:
  params: {validateRequestParameters: true, validateRequestBody: false}
"""


def test_routes_json_shows_what_the_method_request_checks(run, write) -> None:
    write("api.yaml", PROTECTED)
    result = run("routes", "api.yaml", "--json")
    assert (result.code, result.err) == (0, "")
    assert json.loads(result.out)["routes"][0]["method_request"] == {
        "authorization_type": "COGNITO_USER_POOLS",
        "authorizer": "jwt",
        "api_key_required": True,
        "request_validator": "params",
        "request_models": {},
        "request_parameters": {
            "method.request.querystring.status": True,
            "method.request.header.X-Trace": False,
        },
    }


MODELLED = """\
openapi: 3.0.1
info: {title: t, version: '1'}
paths:
  /cars:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Car'}
      x-amazon-apigateway-request-validator: body
      x-amazon-apigateway-integration: {type: mock, requestTemplates: {application/json: '{}'}}
components:
  schemas:
    Car: {type: object, required: [make]}
x-amazon-apigateway-request-validators:
  body: {validateRequestParameters: false, validateRequestBody: true}
"""


def test_routes_names_the_model_a_body_is_validated_against(run, write) -> None:
    write("api.yaml", MODELLED)
    text = run("routes", "api.yaml")
    assert text.out.split("\n")[3] == "  method        validator body; model application/json Car"
    result = run("routes", "api.yaml", "--json")
    assert (result.code, result.err) == (0, "")
    method_request = json.loads(result.out)["routes"][0]["method_request"]
    assert method_request["request_models"] == {"application/json": "Car"}


def test_routes_lists_binary_media_types_and_content_handling(run, write) -> None:
    # They decide what a template and the backend receive for a binary body; the listing
    # left them out, so two definitions differing only there looked the same.
    path = write("api.json", json.dumps({
        "openapi": "3.0.1", "info": {"title": "img", "version": "1"},
        "x-amazon-apigateway-binary-media-types": ["image/png", "*/*"],
        "paths": {"/img": {"put": {"x-amazon-apigateway-integration": {
            "type": "aws", "httpMethod": "PUT",
            "uri": "arn:aws:apigateway:us-east-1:s3:path/b/k",
            "contentHandling": "CONVERT_TO_BINARY",
            "responses": {"default": {"statusCode": "200",
                                      "contentHandling": "CONVERT_TO_TEXT"}}},
            "responses": {"200": {"description": "ok"}}}}}}))
    result = run("routes", path)
    assert result.code == 0
    assert result.out.splitlines()[1] == "binary media types: image/png, */*"
    assert "  content       CONVERT_TO_BINARY (request body)\n" in result.out
    assert "  responses     default → 200 (CONVERT_TO_TEXT)\n" in result.out


def test_routes_lists_the_stage_variables_of_each_stage(run, write) -> None:
    # Round 12 (SPHTech-Platform/terraform-aws-apigw, examples/apigw_with_usage_plan): the
    # stage's variables (aws_api_gateway_stage.variables, from a module input through
    # merge/for) decide what ${stageVariables.x} becomes, and the listing did not show them.
    write("main.tf", (
        'resource "aws_api_gateway_rest_api" "api" { name = "a" }\n'
        'resource "aws_api_gateway_stage" "dev" {\n'
        '  rest_api_id = aws_api_gateway_rest_api.api.id\n'
        '  stage_name  = "dev"\n'
        '  variables   = merge({ for k in ["var1"] : k => "variable 1" }, { var2 = "b" })\n'
        '}\n'))
    result = run("routes", ".")
    assert result.out.splitlines()[1] == "stage dev: var1=variable 1, var2=b"

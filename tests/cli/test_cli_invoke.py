"""``vtl invoke`` on the README's PetStore export (examples/api/petstore-oas30.yaml).

Expected statuses and bodies are the spec's (spec/pipeline.md) and the example's templates,
written out by hand; they match tests/api/test_pipeline_petstore.py, which runs the same
API built in code.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "api"


@pytest.fixture
def petstore(tmp_path: Path) -> str:
    shutil.copy(EXAMPLES / "petstore-oas30.yaml", tmp_path / "petstore.yaml")
    shutil.copy(EXAMPLES / "pet.json", tmp_path / "pet.json")
    return "petstore.yaml"


def _json(out: str) -> dict:
    document = json.loads(out)
    assert list(document) == [
        "method", "resource", "integration_request", "integration_response", "response", "error", "log",
    ]
    return document


def test_success_as_json(run, petstore) -> None:
    result = run("invoke", petstore, "GET /pets/7?currency=EUR", "--lambda-result", "pet.json", "--json")
    assert result.code == 0, result.err
    document = _json(result.out)
    assert document["resource"] == "/pets/{petId}"
    assert document["integration_request"]["body"] == '{"action": "get", "petId": "7", "currency": "EUR"}'
    assert document["integration_response"] == {"selection_pattern": None, "status": "200"}
    assert document["response"] == {
        "status": 200,
        "headers": {"Content-Type": "application/json", "X-Pet-Type": "dog", "Access-Control-Allow-Origin": "*"},
        "body": '{\n  "id": "7",\n  "type": "dog",\n  "price": 249.99,\n  "currency": "EUR"\n}',
    }
    assert document["error"] is None
    assert "Method completed with status: 200" in document["log"]


def test_error_pattern(run, petstore) -> None:
    result = run("invoke", petstore, "GET /pets/99?currency=EUR", "--json",
                 "--lambda-error", '{"errorMessage": "[NotFound] no pet 99", "errorType": "Error"}')
    document = _json(result.out)
    assert document["integration_response"] == {"selection_pattern": r".*\[NotFound\].*", "status": "404"}
    assert (document["response"]["status"], document["response"]["body"]) == (
        404, '{"message": "[NotFound] no pet 99"}'
    )


@pytest.mark.parametrize(
    ("argv", "status", "error", "body"),
    [
        (["GET /pets/7"], 400, "BAD_REQUEST_PARAMETERS",
         '{"message": "Missing required request parameters: [currency]"}'),
        (["POST /pets", "--header", "Content-Type: text/plain", "--body", "dog"], 415,
         "UNSUPPORTED_MEDIA_TYPE", '{"message":"Unsupported Media Type"}'),
        (["POST /pets", "--header", "Content-Type:application/json", "--body", '{"price": -1}'], 400,
         "BAD_REQUEST_BODY", '{"message": "Invalid request body"}'),
        (["PUT /pets"], 403, "MISSING_AUTHENTICATION_TOKEN", '{"message":"Missing Authentication Token"}'),
    ],
)
def test_gateway_responses(run, petstore, argv, status, error, body) -> None:
    result = run("invoke", petstore, *argv, "--json")
    assert result.code == 0, result.err
    document = _json(result.out)
    assert (document["response"]["status"], document["error"], document["response"]["body"]) == (status, error, body)
    assert document["integration_request"] is None


def test_a_failing_template_exits_1_with_the_500_and_the_error_on_stderr(run, petstore) -> None:
    result = run("invoke", petstore, "POST /pets", "--header", "Content-Type: application/json",
                 "--body", '{"type": "cat", "price": 1, "name": ""}', "--lambda-result", "pet.json", "--json")
    assert result.code == 1
    document = _json(result.out)
    assert document["response"]["status"] == 500
    assert document["response"]["body"] == '{"message": "Internal server error"}'
    assert document["error"] == "API_CONFIGURATION_ERROR"
    assert "petstore.yaml:" in result.err and ":7:25" in result.err
    assert '"initial": "$pet.name.substring(0, 1)"' in result.err


def test_cors_preflight_report(run, petstore) -> None:
    result = run("invoke", petstore, "OPTIONS /pets/7")
    assert result.code == 0, result.err
    assert result.out.startswith("OPTIONS /pets/7 → OPTIONS /pets/{petId}\n")
    assert "\nResponse\n  200\n  Content-Type: application/json\n" in result.out
    assert "  Access-Control-Allow-Methods: GET,OPTIONS\n" in result.out
    assert "\nLog\n  Execution log for request " in result.out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["GET /pets/7?currency=EUR"], "give its answer with --lambda-result JSON"),
        (["GET /pets/7?currency=EUR", "--lambda-result", '{"id": 7'], "--lambda-result: the Lambda result is not JSON"),
        (["GET /pets/7?currency=EUR", "--http-response", '[1]'],
         "--http-response: an HTTP response must be a JSON object"),
        (["GET"], 'the request must look like "GET /path?query"'),
        (["GET /pets/7?currency=EUR", "--lambda-error", "{"], "--lambda-error: not valid JSON"),
        (["GET /pets/7?currency=EUR", "--lambda-result", "missing.json"], "lambda result missing.json: no such file"),
        (["GET /pets/7", "--header", "novalue"], "--header expects NAME:VALUE"),
        (["GET /pets/7?currency=EUR", "--header", "X-A: a\r\nInjected: 1"],
         "headers['X-A']: a header value cannot hold a line break"),
        (["GET /pets/7?currency=EUR", "--header", "X A: v"], "header name 'X A' is not an HTTP token"),
        (["OPTIONS /pets/7", "--authorizer", "authorizer.json"],
         "authorizer.tenant must be a string, number or boolean"),
    ],
)
def test_usage_errors_exit_2(run, petstore, write, argv, message) -> None:
    # AWS-DOC api-gateway-lambda-authorizer-output: no object in an authorizer's context.
    write("authorizer.json", '{"principalId": "u-1", "tenant": {"id": 1}}')
    result = run("invoke", petstore, *argv)
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err


def test_an_api_file_that_is_not_one(run, write) -> None:
    write("notes.yaml", "hello: world\n")
    result = run("invoke", "notes.yaml", "GET /")
    assert result.code == 2
    assert result.err.startswith("vtl: error: notes.yaml")


def test_what_the_import_skipped_is_a_warning(run, write) -> None:
    write("api.yaml", """\
openapi: "3.0.1"
info: {title: t, version: "1"}
paths:
  /m:
    get:
      parameters:
      - {name: session, in: cookie, schema: {type: string}}
      responses: {"200": {description: ok}}
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: {application/json: '{"statusCode": 200}'}
        responses: {default: {statusCode: "200"}}
""")
    result = run("invoke", "api.yaml", "GET /m", "--json")
    assert result.code == 0, result.err
    assert result.err.startswith("vtl: warning: api.yaml:")
    assert "'session' in 'cookie'" in result.err
    assert json.loads(result.out)["response"]["status"] == 200


def test_the_orders_example_of_the_definition_readers(run) -> None:
    orders = Path(__file__).resolve().parents[2] / "examples" / "api" / "openapi" / "openapi.yaml"
    preflight = json.loads(run("invoke", str(orders), "OPTIONS /orders", "--json").out)
    assert preflight["response"]["status"] == 200
    assert preflight["response"]["headers"]["Access-Control-Allow-Methods"] == "GET,POST,OPTIONS"
    # DynamoDB GetItem through an AWS service integration; the stage variable names the table.
    result = run("invoke", str(orders), "GET /orders/o-1", "--stage-var", "table=orders", "--json",
                 "--http-response", str(EXAMPLES / "dynamodb-empty.json"))
    document = json.loads(result.out)
    assert document["integration_request"]["uri"] == "https://dynamodb.us-east-1.amazonaws.com/?Action=GetItem"
    assert json.loads(document["integration_request"]["body"]) == {"TableName": "orders", "Key": {"id": {"S": "o-1"}}}
    # No Item: the response template sets $context.responseOverride.status = 404.
    assert document["response"]["status"] == 404
    assert json.loads(document["response"]["body"]) == {"message": "order o-1 not found"}


BROKEN_METHODS = """\
openapi: "3.0.1"
info: {title: t, version: "1"}
paths:
  /pattern:
    get:
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: {application/json: '{"statusCode": 404}'}
        responses:
          "(":
            statusCode: "404"
          default:
            statusCode: "200"
  /no-uri:
    get:
      x-amazon-apigateway-integration:
        type: http
        responses: {default: {statusCode: "200"}}
  /placeholder:
    get:
      x-amazon-apigateway-integration:
        type: http
        uri: "https://example.com/{id}"
        responses: {default: {statusCode: "200"}}
  /no-integration:
    get:
      responses: {"200": {description: ok}}
"""


@pytest.mark.parametrize(
    ("request_line", "message"),
    [
        # Java's PatternSyntaxException message is several lines; the error stays one.
        ("GET /pattern", ("vtl: error: api.yaml:10: GET /pattern: selectionPattern '(' is not a "
                          "valid Java regular expression: Unclosed group near index 1\n")),
        ("GET /no-uri", "vtl: error: api.yaml:16: GET /no-uri: the HTTP integration has no uri\n"),
        ("GET /placeholder", ("vtl: error: api.yaml:21: GET /placeholder: the integration uri has {id} "
                              "but no requestParameters mapping sets integration.request.path.id\n")),
        ("GET /no-integration", "vtl: error: api.yaml:26: GET /no-integration has no integration\n"),
    ],
)
def test_a_method_api_gateway_could_not_run_is_one_located_error(run, write, request_line, message) -> None:
    write("api.yaml", BROKEN_METHODS)
    write("ok.json", '{"status": 200}')
    backend = [] if request_line == "GET /pattern" else ["--http-response", "ok.json"]  # MOCK: none
    result = run("invoke", "api.yaml", request_line, *backend)
    assert (result.code, result.err) == (2, message)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        # The CLI names its own options, not the Python API's types.
        (["GET /pets/7?currency=EUR"],
         ("vtl: error: petstore.yaml:74: GET /pets/{petId} has a Lambda integration: give its answer "
         "with --lambda-result JSON or --lambda-error JSON (a file or the JSON itself)\n")),
        # A MOCK calls no backend (spec §7): an answer given for it would be silently unused.
        (["OPTIONS /pets/7", "--lambda-result", "pet.json"],
         ("vtl: error: petstore.yaml:118: OPTIONS /pets/{petId} has a MOCK integration, which calls "
         "no backend: leave out --lambda-result\n")),
    ],
)
def test_the_backend_options_a_method_needs(run, petstore, argv, message) -> None:
    result = run("invoke", petstore, *argv)
    assert (result.code, result.err) == (2, message)


def test_backend_answers_inline_or_from_a_file_give_the_same_response(run, petstore, write) -> None:
    write("error.json", '{"errorMessage": "[NotFound] no pet 9", "errorType": "NotFound"}')
    write("cat.json", '{"id": 8, "type": "cat", "price": 3}')
    given = ["cat.json", '{"id": 8, "type": "cat", "price": 3}']
    results = [run("invoke", petstore, "GET /pets/8?currency=EUR", "--lambda-result", g, "--json") for g in given]
    assert [r.code for r in results] == [0, 0], results[1].err
    assert results[0].out == results[1].out
    assert '"type": "cat"' in json.loads(results[1].out)["response"]["body"]
    errors = [run("invoke", petstore, "GET /pets/9?currency=EUR", "--lambda-error", given, "--json")
              for given in ("error.json", '{"errorMessage": "[NotFound] no pet 9", "errorType": "NotFound"}')]
    assert [json.loads(e.out)["response"]["status"] for e in errors] == [404, 404]


def test_a_utf16_backend_file_is_named_as_such(run, petstore, write) -> None:
    write("utf16.json", '{"id": 7}'.encode("utf-16"))
    result = run("invoke", petstore, "GET /pets/7?currency=EUR", "--lambda-result", "utf16.json")
    assert result.code == 2
    assert result.err.startswith("vtl: error: lambda result utf16.json: is UTF-16, not UTF-8")


def test_inputs_read_as_the_other_commands_read_them(run, petstore, tmp_path) -> None:
    # '-' reads the body from stdin, as everywhere in vtl (README: the `vtl` command).
    result = run("invoke", petstore, "POST /pets", "--header", "Content-Type: application/json",
                 "--body-file", "-", "--lambda-result", "pet.json", "--json",
                 stdin=b'{"type": "cat", "price": 2, "name": "Tom"}')
    assert result.code == 0, result.err
    assert json.loads(json.loads(result.out)["integration_request"]["body"])["name"] == "Tom"
    (tmp_path / "folder").mkdir()
    result = run("invoke", petstore, "OPTIONS /pets/7", "--authorizer", "folder")
    assert (result.code, result.err) == (2, "vtl: error: authorizer folder: is a directory\n")
    (tmp_path / "list.json").write_text("[1]")
    result = run("invoke", petstore, "GET /pets/7?currency=EUR", "--http-response", "list.json")
    assert (result.code, result.err) == (2, "vtl: error: http response list.json: must be a JSON object, not an array\n")


def test_the_report_indents_no_empty_line(run, petstore, write) -> None:
    # pet.json ends with a line break, as files do: the log's body entry ends there, and the
    # report shows an empty line, not a line of indentation.
    write("pet-nl.json", '{"id": 7, "type": "dog", "price": 1}\n\n')
    result = run("invoke", petstore, "GET /pets/7?currency=EUR", "--lambda-result", "pet-nl.json")
    assert result.code == 0, result.err
    assert [line for line in result.out.split("\n") if line and not line.strip()] == []


WARNED_API = """\
openapi: "3.0.1"
info: {title: t, version: "1"}
paths:
  /greet:
    get:
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: {application/json: '{"statusCode": 200}'}
        responses:
          default:
            statusCode: "200"
            responseTemplates: {application/json: 'Hi $input.params(''name'').lower()'}
"""


def test_the_templates_that_ran_are_checked_for_warnings(run, write) -> None:
    # As vtl render does (README, Warnings): what AWS accepts but nobody means, on stderr.
    write("api.yaml", WARNED_API)
    result = run("invoke", "api.yaml", "GET /greet?name=Ada", "--json")
    assert result.code == 0
    assert result.err.startswith(
        "warning: .lower() is not a Java method, so API Gateway renders it as \"\"; write .toLowerCase()\n"
        " --> api.yaml:12 (GET /greet response template application/json (200)):1:26\n"
    )
    assert json.loads(result.out)["response"]["body"] == "Hi "
    quiet = run("invoke", "api.yaml", "GET /greet?name=Ada", "--no-warnings")
    assert (quiet.code, quiet.err) == (0, "")


def test_no_warnings_also_quiets_what_the_reader_says(run, write) -> None:
    # An integration field the OpenAPI reader does not know is warned about at load.
    write("api.yaml", WARNED_API.replace("        type: mock\n", "        type: mock\n        timeoutInMilis: 5\n"))
    loud = run("invoke", "api.yaml", "GET /greet?name=Ada")
    assert "timeoutInMilis" in loud.err
    quiet = run("invoke", "api.yaml", "GET /greet?name=Ada", "--no-warnings")
    assert (quiet.code, quiet.err) == (0, "")


def test_an_invocation_lists_the_warnings_of_its_templates(write, tmp_path) -> None:
    import vtl

    write("api.yaml", WARNED_API)
    invocation = vtl.load_api(tmp_path / "api.yaml").invoke("GET", "/greet")
    assert [(w.code, w.line, w.column) for w in invocation.warnings] == [("python-method", 1, 26)]


def test_the_readme_example_passes_its_own_warnings(run, petstore) -> None:
    # The README's PetStore must not teach what `vtl` warns about: its error templates
    # follow the escapeJavaScript advice, so a message with an apostrophe stays JSON.
    result = run("invoke", petstore, "GET /pets/9?currency=EUR", "--json",
                 "--lambda-error", '{"errorMessage": "[NotFound] can\'t find pet 9", "errorType": "E"}')
    assert (result.code, result.err) == (0, "")
    assert json.loads(json.loads(result.out)["response"]["body"]) == {"message": "[NotFound] can't find pet 9"}


def test_a_body_past_the_quota_is_reported_as_refused_and_shown_cut(run, petstore, write) -> None:
    write("big.json", '{"a": "' + "x" * (10 * 1024 * 1024) + '"}')
    result = run("invoke", petstore, "POST /pets", "--header", "Content-Type: application/json",
                 "--body-file", "big.json", "--lambda-result", "{}")
    assert result.code == 0, result.err
    assert result.out.startswith("POST /pets → 413 before routing (the body is past the 10 MB payload quota)\n")
    assert "more characters; --json has the whole body]" in result.out
    assert len(result.out) < 100_000
    assert "\n  413\n  Content-Type: text; charset=utf-8\n\n  HTTP content length exceeded 10485760 bytes.\n" in result.out


SERVICE_AND_HTTP = """\
openapi: 3.0.1
info: {title: t, version: '1'}
paths:
  /queue:
    post:
      x-amazon-apigateway-integration:
        type: aws
        httpMethod: POST
        uri: arn:aws:apigateway:eu-west-2:sqs:path/123456789012/q
  /site:
    get:
      x-amazon-apigateway-integration:
        type: http
        httpMethod: GET
        uri: https://example.com/
"""


@pytest.mark.parametrize(("request_line", "named"), [
    # an AWS service answers over HTTP, but it is not an HTTP integration
    ("POST /queue", "api.yaml:6: POST /queue has an AWS service integration (sqs)"),
    ("GET /site", "api.yaml:12: GET /site has an HTTP integration"),
])
def test_a_missing_answer_names_the_integration_as_defined(run, write, request_line, named) -> None:
    write("api.yaml", SERVICE_AND_HTTP)
    result = run("invoke", "api.yaml", request_line)
    assert (result.code, result.err) == (
        2, f"vtl: error: {named}: give its answer with --http-response JSON (a file or the JSON itself)\n")


def test_a_path_with_the_stage_in_front_gets_a_hint(run, tmp_path: Path) -> None:
    # An export's servers URL ends in /dev; a user invokes "/dev/hello" as on the stage's
    # URL: no resource matches (403 as on AWS), and the hint names the request meant.
    (tmp_path / "api.yaml").write_text("""\
openapi: 3.0.1
servers: [{url: "https://x.execute-api.us-east-1.amazonaws.com/dev"}]
paths:
  /hello:
    get:
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: {application/json: '{"statusCode": 200}'}
        responses: {default: {statusCode: '200'}}
""")
    result = run("invoke", "api.yaml", "GET /dev/hello?x=1", "--json")
    assert result.code == 0 and json.loads(result.out)["error"] == "MISSING_AUTHENTICATION_TOKEN"
    assert result.err == ('vtl: hint: no resource matches /dev/hello; the path is the '
                          'resource\'s, without the stage: "GET /hello?x=1" has a route (the '
                          'stage is --stage dev)\n')
    nowhere = run("invoke", "api.yaml", "GET /other/path", "--json")
    assert nowhere.err == ""


def test_a_gzip_body_file_is_decompressed_before_the_template(run, petstore, tmp_path) -> None:
    # AWS-DOC api-gateway-make-request-with-compressed-payload: API Gateway decompresses the
    # body (Content-Encoding: gzip) and applies the mapping template to it.
    import gzip

    (tmp_path / "pet.json.gz").write_bytes(gzip.compress(b'{"type": "cat", "price": 2, "name": "Tom"}'))
    result = run("invoke", petstore, "POST /pets", "--header", "Content-Type: application/json",
                 "--header", "Content-Encoding: gzip", "--body-file", "pet.json.gz",
                 "--lambda-result", "pet.json", "--json")
    assert result.code == 0, result.err
    document = _json(result.out)
    assert json.loads(document["integration_request"]["body"])["name"] == "Tom"
    result = run("invoke", petstore, "POST /pets", "--header", "Content-Type: application/json",
                 "--header", "Content-Encoding: br", "--body", "{}", "--json")
    assert _json(result.out)["response"]["status"] == 415


@pytest.mark.parametrize(("content_type", "sent"), [
    ("image/png", "binary"),   # a binary media type: the bytes as sent (base64 in --json)
    ("text/plain", "text"),    # a text type: UTF-8 text, bad bytes as U+FFFD
])
def test_a_body_file_is_binary_only_for_a_binary_media_type(run, write, content_type, sent) -> None:
    # AWS-REC LS:test_apigateway_s3::test_apigw_s3_binary_support_request (spec §10):
    # get-obj-binary-type-binary-raw / get-obj-text-type-binary-raw.
    import base64
    import gzip

    raw = gzip.compress(b"compressed data, should be invalid UTF-8 string", mtime=1676569620)
    write("object.gz", raw)
    write("api.yaml", """\
openapi: "3.0.1"
info: {title: t, version: "1"}
x-amazon-apigateway-binary-media-types: [image/png]
paths:
  /object:
    put:
      responses: {"200": {description: ok}}
      x-amazon-apigateway-integration:
        type: http
        httpMethod: PUT
        uri: https://bucket.example.com/object
        responses: {default: {statusCode: "200"}}
""")
    result = run("invoke", "api.yaml", "PUT /object", "--body-file", "object.gz", "--header",
                 f"Content-Type: {content_type}", "--http-response", '{"status": 200}', "--json")
    assert result.code == 0, result.err
    body = json.loads(result.out)["integration_request"]["body"]
    expected = base64.b64encode(raw).decode() if sent == "binary" else raw.decode("utf-8", "replace")
    assert body == expected


# --- a request template whose output starts as JSON but is not JSON --------------------------

_DYNAMODB_API = """\
openapi: 3.0.1
info: {title: t, version: '1'}
paths:
  /d:
    post:
      x-amazon-apigateway-integration:
        type: aws
        httpMethod: POST
        uri: arn:aws:apigateway:us-east-1:dynamodb:action/PutItem
        requestTemplates:
          application/json: '%s'
        responses: {default: {statusCode: '200'}}
"""


@pytest.mark.parametrize(("template", "warning"), [
    # the closing quote of the value is left out (realworld13 sam-patterns-ddb-openapi-crud)
    ("""{"TableName": "t", "Item": {"m": {"S": "$input.path(''$.m'')}}}""",
     "vtl: warning: api.yaml:11 (POST /d request template application/json): the output is "
     "not JSON (Unterminated string starting at: line 1, column 40 of the output); API Gateway "
     "sends it as it is, and a JSON API such as DynamoDB answers 400\n"),
    ("""{"TableName": "t", "Item": {"m": {"S": "$input.path(''$.m'')"}}}""", ""),
    # form-encoded (an SQS SendMessage template) is not meant as JSON
    ("Action=SendMessage&MessageBody=$input.path(''$.m'')", ""),
])
def test_a_request_template_writing_broken_json_is_warned(run, write, template, warning) -> None:
    """API Gateway sends a request template's output as it is; DynamoDB (a JSON API) refuses
    what is not JSON with a 400 SerializationException (AWS-DOC DynamoDB Programming.Errors),
    which the answer given on the command line does not show."""
    write("api.yaml", _DYNAMODB_API % template)
    result = run("invoke", "api.yaml", "POST /d", "--body", '{"m": "hi"}',
                 "--http-response", '{"status": 200, "body": "{}"}')
    assert (result.code, result.err) == (0, warning)

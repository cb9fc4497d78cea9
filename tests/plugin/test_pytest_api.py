"""The whole-method fixtures (vtl/pytest_api.py), run inside pytest with ``pytester``, on the
README's PetStore export. Expected responses are the spec's (spec/pipeline.md §2, §4, §8)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

PETSTORE = Path(__file__).resolve().parents[2] / "examples" / "api" / "petstore-oas30.yaml"


@pytest.fixture
def petstore(pytester: pytest.Pytester) -> Path:
    target = pytester.path / "api" / "petstore.yaml"
    target.parent.mkdir()
    shutil.copy(PETSTORE, target)
    return target


def _case(root: Path, name: str, request: dict, expected: dict | None, backend: tuple[str, str] | None = None) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "request.json").write_text(json.dumps(request))
    if expected is not None:
        (folder / "expected.json").write_text(json.dumps(expected))
    if backend is not None:
        (folder / backend[0]).write_text(backend[1])
    return folder


CASES_TEST = """
from vtl.pytest_api import api_case_directories

@api_case_directories("cases")
def test_cases(vtl_api_case):
    vtl_api_case.check()
"""


ONE_LINE_TEST = """
from vtl.api import LambdaError

def test_get(vtl_invoke):
    invocation = vtl_invoke("cases/api.yaml", "GET /pets/7?currency=EUR",
                            backend={"id": 7, "type": "dog", "price": 10})
    assert invocation.response.status == 200
    assert invocation.response.headers["X-Pet-Type"] == "dog"

def test_not_found(vtl_invoke):
    invocation = vtl_invoke("cases/api.yaml", "GET /pets/9?currency=EUR", backend=LambdaError("[NotFound] 9"))
    assert invocation.response.status == 404

def test_loaded_once(vtl_api):
    assert vtl_api("cases/api.yaml") is vtl_api("cases/../cases/api.yaml")
    assert vtl_api("cases/api.yaml").invoke("DELETE", "/pets").response.status == 403
"""


def test_one_line_invocations_and_case_folders(pytester: pytest.Pytester, plugin_args, petstore) -> None:
    cases = pytester.path / "cases"
    cases.mkdir()
    shutil.move(str(petstore), cases / "api.yaml")
    _case(cases, "get/ok", {"method": "GET", "path": "/pets/7?currency=EUR"},
          {"status": 200, "headers": {"Content-Type": "application/json", "X-Pet-Type": "cat",
                                      "Access-Control-Allow-Origin": "*"}},
          ("lambda-result.json", '{"id": 7, "type": "cat", "price": 3}'))
    _case(cases, "get/missing-currency", {"method": "GET", "path": "/pets/7"},
          {"status": 400, "body": '{"message": "Missing required request parameters: [currency]"}',
           "error": "BAD_REQUEST_PARAMETERS"})
    _case(cases, "get/wrong", {"method": "GET", "path": "/pets/7"}, {"status": 200})
    pytester.makepyfile(test_cases=CASES_TEST, test_one_line=ONE_LINE_TEST)
    result = pytester.runpytest(*plugin_args, "-v")
    result.assert_outcomes(passed=5, failed=1)
    result.stdout.fnmatch_lines(["*test_cases?get/wrong?*FAILED*", "*response status: expected 200, got 400*"])


def test_vtl_update_writes_expected(pytester: pytest.Pytester, plugin_args, petstore) -> None:
    cases = pytester.path / "cases"
    cases.mkdir()
    shutil.move(str(petstore), cases / "api.yaml")
    folder = _case(cases, "preflight", {"method": "OPTIONS", "path": "/pets/1"}, None)
    pytester.makepyfile(CASES_TEST)
    pytester.runpytest(*plugin_args, "--vtl-update").assert_outcomes(passed=1)
    written = json.loads((folder / "expected.json").read_text())
    assert written["status"] == 200 and written["body"] == "{}"
    assert written["headers"]["Access-Control-Allow-Methods"] == "GET,OPTIONS"


MOCK_API = """\
openapi: "3.0.1"
info: {title: t, version: "1"}
paths:
  /broken:
    get:
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: {application/json: '{"statusCode": 200}'}
        responses:
          default:
            statusCode: "200"
            responseTemplates: {application/json: '#foreach($a in [1]) $a'}
  /echo:
    post:
      requestBody:
        content: {application/json: {schema: {$ref: "#/components/schemas/Named"}}}
      x-amazon-apigateway-request-validator: body
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: {application/json: '{"statusCode": 200}'}
        responses:
          default:
            statusCode: "200"
            responseTemplates: {application/json: '{"ok": true}'}
components:
  schemas:
    Named: {type: object, required: [name]}
x-amazon-apigateway-request-validators:
  body: {validateRequestBody: true}
"""


def test_case_folders_as_a_user_writes_them(pytester: pytest.Pytester, plugin_args) -> None:
    # api.yaml beside the test file, above the cases folder: found without api=.
    (pytester.path / "api.yaml").write_text(MOCK_API)
    cases = pytester.path / "cases"
    # A template that fails: the 500 (spec §7) and, for the user, the template error.
    _case(cases, "broken", {"method": "GET", "path": "/broken"}, {"status": 200})
    # A JSON body written as JSON in request.json is sent as JSON text; it passes the model.
    _case(cases, "body-object", {"method": "POST", "path": "/echo", "body": {"name": "x"}},
          {"status": 200, "body": {"ok": True}})
    # The expected body given as JSON is compared as JSON, as expected.json is for templates.
    _case(cases, "body-json", {"method": "POST", "path": "/echo", "body": '{"name": "y"}'},
          {"status": 200, "body": {"ok": True}})
    bad = _case(cases, "bad-json", {"method": "GET", "path": "/broken"}, {"status": 500})
    (bad / "request.json").write_text('{"method": "GET",\n')
    pytester.makepyfile(test_cases=CASES_TEST)
    result = pytester.runpytest(*plugin_args)
    result.assert_outcomes(passed=2, failed=2)
    result.stdout.fnmatch_lines([
        "*cases/bad-json/request.json: not valid JSON: Expecting property name*(line 2, column 1)",
    ])
    result.stdout.fnmatch_lines([
        "*response status: expected 200, got 500",
        "*#foreach is missing its #end*",
        "*api.yaml:*",
    ])
    assert "pytest_api.py" not in result.stdout.str()


def test_vtl_update_keeps_a_body_written_as_json(pytester: pytest.Pytester, plugin_args) -> None:
    (pytester.path / "api.yaml").write_text(MOCK_API)
    folder = _case(pytester.path / "cases", "echo", {"method": "POST", "path": "/echo", "body": {"name": "x"}},
                   {"status": 200, "body": {"stale": 1}})
    pytester.makepyfile(CASES_TEST)
    pytester.runpytest(*plugin_args, "--vtl-update").assert_outcomes(passed=1)
    # The MOCK's response template writes {"ok": true} (MOCK_API): kept as JSON, not as text.
    assert json.loads((folder / "expected.json").read_text())["body"] == {"ok": True}


def test_one_line_errors_point_at_the_users_line(pytester: pytest.Pytester, plugin_args) -> None:
    # The error is raised as is (pytest.raises still catches it), at the test's own line.
    (pytester.path / "api.yaml").write_text(MOCK_API)
    pytester.makepyfile(test_errors="""
import pytest
from vtl.api import InvocationError

def test_missing_file(vtl_api):
    vtl_api("nope.yaml")

def test_bad_header(vtl_invoke):
    vtl_invoke("api.yaml", "GET /broken", headers={"X A": "1"})

def test_still_catchable(vtl_invoke):
    with pytest.raises(InvocationError):
        vtl_invoke("api.yaml", "GET /broken", headers={"X A": "1"})
""")
    result = pytester.runpytest(*plugin_args)
    result.assert_outcomes(passed=1, failed=2)
    result.stdout.fnmatch_lines(["E *DefinitionError: */nope.yaml: no such file or folder",
                                 "E *header name 'X A' is not an HTTP token*"])
    output = result.stdout.str()
    assert "vtl/api/" not in output and "pytest_api.py" not in output


def test_vtl_update_rewrites_the_integration_parts_it_checks(pytester: pytest.Pytester, plugin_args) -> None:
    # expected.json may check integration_request / integration_response (the keys given):
    # --vtl-update records those too, so the next run passes instead of failing on them.
    (pytester.path / "api.yaml").write_text(MOCK_API)
    folder = _case(pytester.path / "cases", "echo", {"method": "POST", "path": "/echo", "body": {"name": "x"}},
                   {"status": 200, "integration_request": {"body": "stale"},
                    "integration_response": {"status": "599"}})
    pytester.makepyfile(CASES_TEST)
    pytester.runpytest(*plugin_args, "--vtl-update").assert_outcomes(passed=1)
    written = json.loads((folder / "expected.json").read_text())
    # MOCK_API's request template for /echo is '{"statusCode": 200}'; its response is default 200.
    assert written["integration_request"] == {"body": '{"statusCode": 200}'}
    assert written["integration_response"] == {"status": "200"}
    pytester.runpytest(*plugin_args).assert_outcomes(passed=1)


def test_a_case_request_gives_the_authorizer_outcome(tmp_path: Path) -> None:
    from vtl.api import load_api
    from vtl.pytest_api import read_request

    api_file = Path(__file__).resolve().parents[1] / "api" / "data" / "authorizers" / "openapi.yaml"
    folder = _case(tmp_path, "denied", {"method": "GET", "path": "/orders", "headers": {"X-Token": "Bearer a"},
                                        "authorizer_outcome": "implicit-deny"}, None)
    request = read_request(folder)
    invocation = load_api(api_file).invoke(request.pop("method"), request.pop("path"), **request)
    # AWS-USER: the body of a real API's implicit deny (see tests/api/test_authorization.py).
    assert (invocation.response.status, invocation.response.body) == (403, (
        '{"Message":"User is not authorized to access this resource because no identity-based policy '
        'allows the execute-api:Invoke action"}'))


def test_a_case_that_cannot_run_is_said_once_relative_to_the_rootdir(
    pytester: pytest.Pytester, plugin_args
) -> None:
    # A request.json with a JSON error, an expected.json with one, a backend answer that is
    # not a Lambda error: each failure says its file once, as pytest shows test files
    # (pytest.fail inside an except block printed the message twice, joined by "During
    # handling of the above exception", with the file's absolute path).
    (pytester.path / "api.yaml").write_text(MOCK_API)
    cases = pytester.path / "cases"
    bad = _case(cases, "bad-request", {"method": "GET", "path": "/broken"}, {"status": 500})
    (bad / "request.json").write_text('{"method": "GET",\n "body": {"a": 1,}}')
    bad = _case(cases, "bad-expected", {"method": "POST", "path": "/echo", "body": {"name": "x"}}, None)
    (bad / "expected.json").write_text('{"status": 200,}')
    _case(cases, "bad-backend", {"method": "GET", "path": "/broken"}, {"status": 500},
          ("lambda-error.json", '[1]'))
    pytester.makepyfile(test_cases=CASES_TEST)
    result = pytester.runpytest(*plugin_args)
    result.assert_outcomes(failed=3)
    output = result.stdout.str()
    assert "During handling" not in output
    assert str(pytester.path) + "/cases" not in output
    for line in ("cases/bad-request/request.json: not valid JSON: *(line 2, column 18)",
                 "cases/bad-expected/expected.json: not valid JSON: *(line 1, column 16)",
                 "cases/bad-backend/lambda-error.json: a Lambda error must be *"):
        result.stdout.fnmatch_lines([line])
        said = [text for text in output.splitlines() if text.startswith(line.split(":")[0] + ":")]
        assert len(said) == 1, said


# A CloudFormation parameter without a default, used in a MOCK's response template: only
# `params` can give it (the README: a value only a deployment knows is refused, not run).
CFN_WITH_PARAMETER = """\
Parameters:
  Table: {Type: String}
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: {Name: t}
  Get:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !GetAtt Api.RootResourceId
      HttpMethod: GET
      AuthorizationType: NONE
      MethodResponses: [{StatusCode: "200"}]
      Integration:
        Type: MOCK
        RequestTemplates: {application/json: '{"statusCode": 200}'}
        IntegrationResponses:
          - StatusCode: "200"
            ResponseTemplates:
              application/json: !Sub '{"table": "${Table}"}'
"""


def test_params_give_the_definitions_parameters(pytester: pytest.Pytester, plugin_args) -> None:
    # vtl_api, vtl_invoke and api_case_directories take params= as `--param` does; without
    # them the reader's warning (the parameter has no value) reaches pytest's summary as a
    # DefinitionWarning instead of being dropped.
    (pytester.path / "stack.yaml").write_text(CFN_WITH_PARAMETER)
    _case(pytester.path / "cases", "get", {"method": "GET", "path": "/"},
          {"status": 200, "body": {"table": "orders"}})
    pytester.makepyfile(test_params="""
import pytest
from vtl.pytest_api import DefinitionWarning, api_case_directories

def test_invoke(vtl_invoke):
    invocation = vtl_invoke("stack.yaml", "GET /", params={"Table": "orders"})
    assert invocation.response.body == '{"table": "orders"}'

def test_api(vtl_api):
    assert vtl_api("stack.yaml", {"Table": "jobs"}).invoke("GET", "/").response.body == '{"table": "jobs"}'

def test_warned(vtl_api):
    with pytest.warns(DefinitionWarning, match="Table"):
        vtl_api("stack.yaml")

@api_case_directories("cases", api="stack.yaml", params={"Table": "orders"})
def test_cases(vtl_api_case):
    vtl_api_case.check()
""")
    result = pytester.runpytest(*plugin_args)
    result.assert_outcomes(passed=4)


def test_a_failing_case_shows_the_templates_warnings(pytester: pytest.Pytester, plugin_args) -> None:
    # `.lower()` is no Java method: API Gateway renders it as "" (the README's Warnings). The
    # case expects what a Python user would; the failure says why the body is empty.
    (pytester.path / "api.yaml").write_text(MOCK_API.replace(
        """responseTemplates: {application/json: '{"ok": true}'}""",
        """responseTemplates: {application/json: '{"q": "$input.params(''q'').lower()"}'}"""))
    _case(pytester.path / "cases", "lower", {"method": "POST", "path": "/echo?q=ABC", "body": {"name": "x"}},
          {"status": 200, "body": {"q": "abc"}})
    pytester.makepyfile(test_cases=CASES_TEST)
    result = pytester.runpytest(*plugin_args)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*response body: expected {'q': 'abc'}, got {'q': ''}",
                                 "warning: .lower() is not a Java method*"])


def test_a_case_file_may_start_with_a_bom(pytester: pytest.Pytester, plugin_args) -> None:
    # RFC 8259 §8.1: a JSON parser may ignore a BOM (Windows PowerShell 5.1 writes one).
    (pytester.path / "api.yaml").write_text(MOCK_API)
    folder = _case(pytester.path / "cases", "echo", {"method": "POST", "path": "/echo", "body": {"name": "x"}},
                   None)
    (folder / "request.json").write_bytes(b"\xef\xbb\xbf" + (folder / "request.json").read_bytes())
    (folder / "expected.json").write_bytes(b'\xef\xbb\xbf{"status": 200, "body": {"ok": true}}')
    pytester.makepyfile(CASES_TEST)
    pytester.runpytest(*plugin_args).assert_outcomes(passed=1)


def test_vtl_invoke_issues_the_templates_warnings(pytester: pytest.Pytester, plugin_args) -> None:
    # As `vtl invoke` prints them: `.lower()` is no Java method (README, Warnings).
    (pytester.path / "api.yaml").write_text(MOCK_API.replace(
        """responseTemplates: {application/json: '{"ok": true}'}""",
        """responseTemplates: {application/json: '{"q": "$input.params(''q'').lower()"}'}"""))
    pytester.makepyfile(test_warned="""
import pytest
from vtl.pytest_plugin import MappingTemplateWarning

def test_lower(vtl_invoke):
    with pytest.warns(MappingTemplateWarning, match="is not a Java method"):
        invocation = vtl_invoke("api.yaml", "POST /echo?q=A", body='{"name": "x"}')
    assert invocation.response.body == '{"q": ""}'
""")
    pytester.runpytest(*plugin_args).assert_outcomes(passed=1)


def test_a_path_with_the_stage_in_it_warns(pytester: pytest.Pytester, plugin_args) -> None:
    # A URL's path copied from `sam deploy`'s output keeps the stage: API Gateway answers 403
    # Missing Authentication Token (spec pipeline §2); `vtl invoke` hints, so does vtl_invoke.
    (pytester.path / "api.yaml").write_text(MOCK_API)
    pytester.makepyfile(test_stage="""
import pytest
from vtl.pytest_api import RequestWarning

def test_stage(vtl_invoke):
    with pytest.warns(RequestWarning, match=r'"GET /broken" has a route \\(the stage is stage=Prod\\)'):
        invocation = vtl_invoke("api.yaml", "GET /Prod/broken")
    assert invocation.response.status == 403

def test_no_hint(vtl_invoke, recwarn):
    vtl_invoke("api.yaml", "GET /nothing/here")
    assert not [w for w in recwarn if w.category is RequestWarning]
""")
    pytester.runpytest(*plugin_args).assert_outcomes(passed=2)

"""`vtl check`, `vtl compile`, `vtl sample-event`, help and `python -m vtl`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import vtl

REPO = Path(__file__).resolve().parents[2]


# --- help and usage ---------------------------------------------------------------------


def test_help(run):
    result = run("--help")
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith("usage: vtl [-h] [--version] COMMAND ...\n")
    for command in ("render", "sample-event", "check", "compile"):
        assert f"    {command}" in result.out
    assert (
        "exit status: 0 ok, 1 template error, 2 usage or input error, 3 output is not JSON"
        in result.out
    )


def test_render_help_explains_vars_and_event(run):
    result = run("render", "--help")
    assert result.code == 0
    assert (
        "--vars gives plain template variables instead, to try the Velocity language" in result.out
    )


def test_version(run):
    result = run("--version")
    assert result.code == 0
    assert result.out.startswith("vtl ")
    assert result.out.endswith("\n")


def test_no_command_is_a_usage_error(run):
    result = run()
    assert (result.code, result.out) == (2, "")
    assert result.err.endswith("vtl: error: the following arguments are required: COMMAND\n")


def test_unknown_command(run):
    result = run("rander", "t.vm")
    assert result.code == 2
    assert "vtl: error: argument COMMAND: invalid choice: 'rander'" in result.err


# --- sample-event -----------------------------------------------------------------------


def test_sample_event_prints_the_sample_request(run):
    result = run("sample-event")
    assert (result.code, result.err) == (0, "")
    assert result.out.endswith("}\n")
    event = json.loads(result.out)
    assert event == vtl.apigw.sample_event()
    # issue 4: a realistic POST with a JSON body, headers, query string, path parameters
    # and Cognito claims.
    assert event["httpMethod"] == "POST"
    assert isinstance(json.loads(event["body"]), (dict, list))
    assert event["headers"] and event["queryStringParameters"] and event["pathParameters"]
    assert event["requestContext"]["authorizer"]["claims"]


def test_sample_event_is_the_default_event(run, write):
    template = write("t.vm", "$context.httpMethod $input.json('$') $input.params()")
    default = run("render", template)
    write("sample.json", run("sample-event").out)
    explicit = run("render", template, "--event", "sample.json")
    assert default.code == explicit.code == 0
    assert default.out == explicit.out


# --- check ------------------------------------------------------------------------------


def test_check_prints_a_one_line_summary_on_success(run, write):
    write("a.vm", "#if(true)a#end")
    write("b.vm", "#foreach($i in [1, 2])$i#end")
    result = run("check", "a.vm", "b.vm")
    assert (result.code, result.out, result.err) == (0, "vtl: 2 templates OK\n", "")


def test_check_reports_every_failing_file(run, write):
    bad_one, bad_two = "#if(true)x", "ok\n#foreach($i in $list)\n"
    write("good.vm", "fine")
    write("bad1.vm", bad_one)
    write("bad2.vm", bad_two)
    result = run("check", "bad1.vm", "good.vm", "bad2.vm")
    assert (result.code, result.out) == (1, "")
    expected = []
    for name, source in (("bad1.vm", bad_one), ("bad2.vm", bad_two)):
        with pytest.raises(vtl.TemplateSyntaxError) as raised:
            vtl.Template(source, name=name)
        expected.append(raised.value.format(color=False) + "\n")
    assert result.err == "".join(expected) + "vtl: 2 of 3 templates failed\n"


def test_check_a_missing_file_is_a_usage_error_but_the_rest_are_checked(run, write):
    write("bad.vm", "#if(true)x")
    result = run("check", "missing.vm", "bad.vm")
    assert result.code == 2
    assert result.err.startswith("vtl: error: template missing.vm: no such file\nsyntax error: ")
    assert result.err.endswith("vtl: 2 of 2 templates failed\n")


def test_check_reads_stdin(run):
    result = run("check", "-", stdin=b"#end")
    assert result.code == 1
    assert "--> <stdin>:1:" in result.err
    assert result.err.endswith("vtl: 1 of 1 template failed\n")


def test_check_under_the_velocity_profile(run, write):
    write("m.vm", "#macro(hello $who)Hi $who#end#hello('x')")
    assert run("check", "m.vm", "--profile", "velocity").code == 0


def test_check_needs_a_file(run):
    result = run("check")
    assert result.code == 2
    assert result.err.endswith("vtl: error: the following arguments are required: TEMPLATE\n")


# --- compile ----------------------------------------------------------------------------


def test_compile_prints_the_generated_python(run, write):
    source = "#foreach($i in [1, 2])$i#end"
    result = run("compile", write("t.vm", source))
    assert (result.code, result.err) == (0, "")
    code = vtl.Template(source, name="t.vm").python_source
    assert result.out == (code if code.endswith("\n") else code + "\n")
    compile(result.out, "t.vm.py", "exec")  # it is Python


def test_compile_follows_the_profile(run, write):
    write("t.vm", "$x")
    result = run("compile", "t.vm", "--profile", "velocity")
    code = vtl.Template("$x", profile="velocity", name="t.vm").python_source
    assert result.out.rstrip("\n") == code.rstrip("\n")


def test_compile_syntax_error(run, write):
    result = run("compile", write("t.vm", "#if(true)"))
    assert (result.code, result.out) == (1, "")
    assert result.err.startswith("syntax error: ")


def test_compile_missing_file(run):
    result = run("compile", "nope.vm")
    assert (result.code, result.err) == (2, "vtl: error: template nope.vm: no such file\n")


# An OpenAPI export (the AWS extensions) whose second method's response template has an
# #if without #end at YAML line 21 (Velocity reports it at the template's end).
DEFINITION = """\
openapi: 3.0.1
info: {title: orders, version: "1"}
paths:
  /orders:
    post:
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates:
          application/json: |
            {"statusCode": 200, "n": "$input.params('q').lower()"}
  /orders/{id}:
    get:
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates:
          application/json: '{"statusCode": 200}'
        responses:
          default:
            statusCode: "200"
            responseTemplates:
              application/json: |
                #if($input.path('$.Item') == "")
                {"message": "not found"}
"""


def test_check_an_api_definition_checks_each_of_its_templates(run, write):
    # Compiled as one template, the YAML gave a syntax error about the file itself; each
    # template is checked, its error pointing at the definition's own line (README: "A
    # template error points at the line of your definition file").
    write("openapi.yaml", DEFINITION)
    result = run("check", "openapi.yaml")
    assert result.code == 1
    assert result.err.startswith("syntax error: #if is missing its #end (opened at line ")
    assert result.err.endswith(
        "  --> openapi.yaml:23:41\n"
        "   |\n"
        '23 |                 {"message": "not found"}\n'
        "   |                                         ^\n"
        "   |\n"
        "22 |                 #if($input.path('$.Item') == \"\")\n"
        "   |                 ^^^ opened here\n"
        "vtl: 1 of 3 templates failed\n"
    )
    fixed = DEFINITION.replace('{"message": "not found"}\n',
                               '{"message": "not found"}\n                #end\n')
    write("openapi.yaml", fixed)
    result = run("check", "openapi.yaml", "--warnings")
    assert (result.code, result.out) == (0, "vtl: 3 templates OK, 1 warning\n")
    assert result.err.startswith(
        'warning: .lower() is not a Java method, so API Gateway renders it as ""; '
        "write .toLowerCase()\n  --> openapi.yaml:10:58\n")


# CloudFormation: the template's text holds ${Table}, a parameter without a default.
PARAMETER_STACK = """\
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
      Integration:
        Type: MOCK
        RequestTemplates:
          application/json: !Sub '{"statusCode": 200, "table": "${Table}"}'
"""


def test_check_names_a_template_it_cannot_check_and_takes_param(run, write):
    # The text holds a placeholder only a deployment fills (README: such a template is
    # refused, not run): said, and counted, instead of an empty success.
    write("stack.yaml", PARAMETER_STACK)
    result = run("check", "stack.yaml")
    assert (result.code, result.out) == (0, "vtl: 0 templates OK, 1 not checked\n")
    assert result.err == (
        "vtl: note: not checked: the GET / request application/json template holds "
        "${Ref:Table}, a value only a deployment knows: give it with --param Table=VALUE "
        "to run it\n")
    result = run("check", "stack.yaml", "--param", "Table=orders")
    assert (result.code, result.out, result.err) == (0, "vtl: 1 template OK\n", "")


def test_check_a_folder_checks_its_templates(run, write, tmp_path):
    (tmp_path / "templates" / "orders").mkdir(parents=True)
    write("templates/orders/create.vm", "#set($x = 1)$x")
    write("templates/get.vtl", "#if(")
    write("templates/README.md", "#if(")  # not a template
    result = run("check", "templates")
    assert (result.code, result.out) == (1, "")
    assert "--> templates/get.vtl:1:" in result.err
    assert result.err.endswith("vtl: 1 of 2 templates failed\n")
    (tmp_path / "empty").mkdir()
    result = run("check", "empty")
    assert result.code == 2
    assert result.err.startswith("vtl: error: empty: a folder with no template (.vm, .vtl file)")


def test_compile_an_api_definition_says_what_to_do(run, write):
    write("openapi.yaml", DEFINITION)
    result = run("compile", "openapi.yaml")
    assert (result.code, result.err) == (2, (
        "vtl: error: openapi.yaml is an API definition (openapi), not a template: `vtl routes "
        "openapi.yaml` lists its templates, `vtl check openapi.yaml` checks them\n"))


# --- python -m vtl ----------------------------------------------------------------------


def _python(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    env.pop("NO_COLOR", None)
    return subprocess.run(
        [sys.executable, *args],
        check=False,
        input=stdin,
        capture_output=True,
        env=env,
        cwd=REPO,
        timeout=60,
    )


def test_python_dash_m_vtl():
    done = _python(
        "-m", "vtl", "render", "-", "--profile", "velocity", stdin=b"#set($a = 1)\r\n$a\r\n"
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, b"1\r\n", b"")


def test_python_dash_m_vtl_exit_status():
    done = _python("-m", "vtl", "render", "missing.vm")
    assert done.returncode == 2
    assert done.stderr == b"vtl: error: template missing.vm: no such file\n"


def test_help_does_not_import_the_engine():
    # Start-up stays fast: the command imports the engine only when it needs it.
    done = _python(
        "-c",
        "import sys, contextlib, io, vtl\n"
        "before = set(sys.modules)\n"
        "import vtl.cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    vtl.cli.main(['--help'])\n"
        "new = set(sys.modules) - before\n"
        "print(sorted(m for m in new if m.startswith(('vtl.apigw', 'vtl.template', 'lark'))))",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == b"[]"

"""Warnings (vtl/apigw/warnings.py) through `vtl check --warnings` and `vtl render`.

Each warning is a construct API Gateway accepts but that does not do what it seems to
(apigateway.md §1, §3, §6, §8). Every one has a template that triggers it, with its exact
message, and none fires on AWS's own templates: the console's passthrough template and the
developer guide's examples (transcribed below from docs.aws.amazon.com).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import vtl
from vtl.apigw.warnings import NOT_JAVA_METHODS, WARNING_CODES, find_warnings
from vtl.java import find_method

ROOT = Path(__file__).resolve().parents[2]

# (code, template, the warning's location, its message)
TRIGGERS = [
    (
        # a parameter-mapping source written in a template (definition files round 11:
        # cfn-oas-items-dynamo-merge's response template read $method.request.path.id;
        # sources listed in the AWS developer guide, request-response-data-mappings)
        "undefined-reference",
        '{"id": "$method.request.path.id"}',
        "t.vm:1:9",
        "$method.request.path.id is a parameter-mapping expression (requestParameters, "
        'responseParameters), not a template variable, so a template renders it as ""; write '
        "$input.params('id')",
    ),
    (
        "undefined-reference",
        "$integration.response.body",
        "t.vm:1:1",
        "$integration.response.body is a parameter-mapping expression (requestParameters, "
        'responseParameters), not a template variable, so a template renders it as ""; write '
        "$input.body (or $input.json('$.…') for a field)",
    ),
    (
        "python-method",
        "$input.params('name').lower()",
        "t.vm:1:23",
        '.lower() is not a Java method, so API Gateway renders it as ""; write .toLowerCase()',
    ),
    (
        "python-method",
        "#set($s = 'abc')$s.startswith('a')",
        "t.vm:1:20",
        '.startswith() is not a Java method, so API Gateway renders it as ""; write '
        ".startsWith(...)",
    ),
    (
        "missing-parentheses",
        "#set($s = 'abc')$s.length",
        "t.vm:1:20",
        '.length without parentheses reads a property (a map key "length"), which a String or '
        'List does not have, so it renders as ""; write .length() (or .get(\'length\') for a '
        "map key)",
    ),
    (
        "unavailable-directive",
        "#macro(greet $n)Hi $n#end",
        "t.vm:1:1",
        "API Gateway does not allow inline #macro: this definition registers nothing and a "
        "call like #greet(...) prints as text, so write the code out where it is used",
    ),
    (
        "unavailable-directive",
        "#evaluate('x')",
        "t.vm:1:1",
        "#evaluate is not a directive on API Gateway: it prints as text, so build the value "
        "with #set and references instead",
    ),
    (
        "unavailable-directive",
        "#include('header.vm')",
        "t.vm:1:1",
        "#include has no file to load on API Gateway, so the render fails (a 500 for the "
        "client); put the text in this template",
    ),
    (
        "unavailable-directive",
        "#parse('header.vm')",
        "t.vm:1:1",
        "#parse has no file to load on API Gateway, so the render fails (a 500 for the "
        "client); put the text in this template",
    ),
    (
        "set-as-text",
        "#set $input.body",
        "t.vm:1:1",
        "#set without parentheses is not a directive, so API Gateway prints it as text; write "
        "#set($name = value)",
    ),
    (
        "escape-in-json-string",
        '{"note": "$util.escapeJavaScript($input.path(\'$.note\'))"}',
        "t.vm:1:11",
        "$util.escapeJavaScript turns ' into \\', which is not valid inside a JSON string, so "
        "any body text with an apostrophe breaks the JSON; add .replaceAll(\"\\\\'\",\"'\") as "
        "the AWS docs advise",
    ),
    (
        "escape-in-json-string",
        "#set($n = $util.escapeJavaScript($input.path('$.n')))\n\"name\": \"$n\"",
        "t.vm:2:10",
        "$util.escapeJavaScript turns ' into \\', which is not valid inside a JSON string, so "
        "any body text with an apostrophe breaks the JSON; add .replaceAll(\"\\\\'\",\"'\") as "
        "the AWS docs advise",
    ),
    (
        "quoted-input-json",
        '{"name": "$input.json(\'$.name\')"}',
        "t.vm:1:11",
        "$input.json() already writes a JSON value with its own quotes, so the quotes around "
        'it double them (""text""); drop the quotes, or use $input.path() for the bare value',
    ),
    (
        "undefined-reference",
        '{"id": "$contxt.requestId"}',
        "t.vm:1:9",
        '$contxt is not set by this template and API Gateway defines only $input, $context, '
        '$util and $stageVariables, so it renders as "" for every request; did you mean '
        "$context?",
    ),
    (
        "undefined-reference",
        "$context.requestID",
        "t.vm:1:10",
        '$context.requestID is not defined by API Gateway, so it renders as "" for every '
        "request; did you mean .requestId?",
    ),
    (
        "always-true-if",
        "#if($input.params('debug'))on#end",
        "t.vm:1:5",
        "$input.params(...) is never null or false on API Gateway (a missing value reads as "
        "\"\"), so this #if is always true; compare it instead: "
        "#if($input.params('debug') != \"\")",
    ),
    (
        "always-true-if",
        "#if(!$context.authorizer.claims.email)anonymous#end",
        "t.vm:1:6",
        "$context.authorizer.claims.email is never null or false on API Gateway (a missing "
        "value reads as \"\"), so this #if is always false; compare it instead: "
        "#if($context.authorizer.claims.email == \"\")",
    ),
    (
        "always-true-if",
        "#if($debug)on#end",
        "t.vm:1:5",
        "$debug (never set) is never null or false on API Gateway (a missing value reads as "
        "\"\"), so this #if is always true; compare it instead: #if($debug != \"\")",
    ),
    (
        "foreach-limit",
        "#foreach($id in $input.path('$..id'))$id #end",
        "t.vm:1:17",
        "the JSONPath '$..id' can match any number of items and API Gateway allows at most "
        "1000 iterations of a #foreach (past them this render fails); limit the input or page "
        "through it",
    ),
]


@pytest.mark.parametrize(("code", "template", "where", "message"), TRIGGERS,
                         ids=[f"{t[0]}-{i}" for i, t in enumerate(TRIGGERS)])
def test_each_warning_fires_with_its_message(run, write, code, template, where, message):
    result = run("check", "--warnings", write("t.vm", template))
    assert result.code == 0
    assert f"warning: {message}\n --> {where}\n" in result.err
    count = result.err.count("warning: ")
    assert result.out == f"vtl: 1 template OK, {count} warning{'s' * (count != 1)}\n"
    assert code in {w.code for w in find_warnings(template, "t.vm")}


@pytest.mark.parametrize("path", ["$..id", "$.items[*]", "$.items[?(@.ok)]", "$.items[2:]",
                                  "$.items[:-1]", "$.items[0:5000]"])
def test_foreach_limit_paths(path):
    template = f"#foreach($x in $input.path('{path}'))$x#end"
    assert [w.code for w in find_warnings(template)] == ["foreach-limit"]


def test_every_warning_code_has_a_trigger():
    assert {code for code, *_ in TRIGGERS} == set(WARNING_CODES)


def test_the_warning_shows_the_line_with_a_caret(run, write):
    result = run("check", "--warnings", write("t.vm", "{\n  \"n\": \"$s.lower()\"\n}"))
    # `l` of lower is column 12 of line 2.
    assert " --> t.vm:2:12\n  |\n2 |   \"n\": \"$s.lower()\"\n  |            ^^^^^\n" in result.err


def test_python_method_names_are_not_java_methods():
    # The table is only right if Java has none of these names on String, List or Map, and
    # the Java method each message suggests does exist.
    for name, suggestion in NOT_JAVA_METHODS.items():
        for cls in (str, list, dict):
            assert find_method(cls, name) is None, (cls.__name__, name)
        java = re.match(r"(\w+)\(", suggestion)
        if java:
            assert any(find_method(cls, java.group(1)) for cls in (str, list, dict)), suggestion


@pytest.mark.parametrize(
    "template",
    [
        # the documented fix for escapeJavaScript in a JSON string
        '{"n": "$util.escapeJavaScript($input.path(\'$.n\')).replaceAll("\\\\\'","\'")"}',
        # escapeJavaScript of a parameter (the passthrough template's own use)
        '{"n": "$util.escapeJavaScript($input.params(\'n\'))"}',
        # escapeJavaScript outside a string
        "$util.escapeJavaScript($input.path('$.a'))",
        '{"a": $input.json(\'$.a\')}',
        "#if($input.params('q') != \"\")q#end",
        "#set($x = $input.path('$.flag'))#if($x)on#end",
        "#foreach($item in $input.path('$.items'))$item#end",
        "#foreach($item in $input.path('$.items[0:5]'))$item#end",
        "#foreach($item in $input.path('$.items[0,1,2]'))$item#end",
        "#foreach($item in $input.path('$.items[-3:]'))$item#end",
        "#foreach($item in $input.path('$.items[:10]'))$item#end",
        "#set ($root = $input.path('$'))$root.name",
        "#if($x == $null)none#end#set($x = 1)",
        "#if($context.isCanaryRequest)canary#end",
        "#if($null)never#end",
        "$s.toLowerCase()#set($s = 'A')",
        "\\$escaped.lower()",
        # an XML template has no JSON strings (serverless-patterns json-xml transformation)
        '<order note="$util.escapeJavaScript($input.path(\'$.note\'))"/>',
    ],
)
def test_what_is_meant_does_not_warn(template):
    assert find_warnings(template) == []


# --- AWS's own templates ----------------------------------------------------------------

# docs.aws.amazon.com/apigateway/latest/developerguide/models-mappings.html (PetStore)
PETSTORE = """#set($inputRoot = $input.path('$'))
[
#foreach($elem in $inputRoot)
  {
    "description" : "Item $elem.id is a $elem.type.",
    "askingPrice" : $elem.price
  }#if($foreach.hasNext),#end

#end
]
"""
# .../example-photos.html, the output mapping template
PHOTOS = """#set($inputRoot = $input.path('$'))
{
  "photos": [
#foreach($elem in $inputRoot.photos.photo)
    {
      "id": "$elem.id",
      "photographedBy": "$elem.photographer_first_name $elem.photographer_last_name",
      "title": "$elem.title",
      "ispublic": $elem.ispublic,
      "isfriend": $elem.isfriend,
      "isfamily": $elem.isfamily
    }#if($foreach.hasNext),#end
#end
  ]
}
"""
# .../api-gateway-mapping-variable-examples.html, example 1
CONTEXT_EXAMPLE = """{
    "stage" : "$context.stage",
    "request_id" : "$context.requestId",
    "api_id" : "$context.apiId",
    "resource_path" : "$context.resourcePath",
    "resource_id" : "$context.resourceId",
    "http_method" : "$context.httpMethod",
    "source_ip" : "$context.identity.sourceIp",
    "user-agent" : "$context.identity.userAgent",
    "account_id" : "$context.identity.accountId",
    "api_key" : "$context.identity.apiKey",
    "caller" : "$context.identity.caller",
    "user" : "$context.identity.user",
    "user_arn" : "$context.identity.userArn"
}
"""
# .../api-gateway-mapping-template-reference.html: $input, $util.escapeJavaScript and
# $util.parseJson examples (the last two as conformance/cases/apigateway/util/aws-docs-*)
INPUT_EXAMPLE = """{
    "name" : "$input.params('name')",
    "body" : $input.json('$')
}
"""
ESCAPE_EXAMPLE = "\"$util.escapeJavaScript($input.json('$.Age'))\""
PARSE_JSON_EXAMPLE = "$util.parseJson($input.path('$.errorMessage')).key2.arr[0]"
# The Step Functions integration tutorial: the request body passed on as a JSON string
STEP_FUNCTIONS = """{
    "input": "$util.escapeJavaScript($input.json('$'))",
    "stateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:HelloWorld"
}
"""
# .../api-gateway-swagger-extensions-integration-responseTemplates.html
RESPONSE_TEMPLATES = [
    "#set ($root=$input.path('$')) { \"stage\": \"$root.name\", \"user-id\": \"$root.key\" }",
    "#set ($root=$input.path('$')) <stage>$root.name</stage> ",
]


@pytest.mark.parametrize(
    "template",
    [(ROOT / "conformance/templates/passthrough.vm").read_text(), PETSTORE, PHOTOS,
     CONTEXT_EXAMPLE, INPUT_EXAMPLE, ESCAPE_EXAMPLE, PARSE_JSON_EXAMPLE, STEP_FUNCTIONS,
     *RESPONSE_TEMPLATES],
    ids=["passthrough", "petstore", "photos", "context", "input", "escape", "parse-json",
         "step-functions", "response-json", "response-xml"],
)
def test_no_warning_on_aws_templates(run, write, template):
    result = run("check", "--strict", write("t.vm", template))
    assert (result.code, result.err) == (0, "")
    assert result.out == "vtl: 1 template OK, 0 warnings\n"


# --- render, RenderResult, --no-warnings, --strict -------------------------------------


def test_render_prints_warnings_on_stderr_and_renders(run, write):
    result = run("render", write("t.vm", "[$s.upper()]"))
    assert result.code == 0
    assert result.out == "[]"
    assert result.err.count("warning: ") == 2  # $s undefined, .upper() not Java
    assert ".upper() is not a Java method" in result.err


def test_no_warnings_hides_them(run, write):
    result = run("render", write("t.vm", "[$s.upper()]"), "--no-warnings")
    assert (result.code, result.out, result.err) == (0, "[]", "")


def test_strict_makes_a_warning_an_error(run, write):
    result = run("render", write("t.vm", "[$s.upper()]"), "--strict")
    assert (result.code, result.out) == (1, "")
    assert result.err.endswith("vtl: error: 2 warnings (--strict)\n")


def test_check_strict_fails_on_warnings(run, write):
    write("a.vm", "#evaluate('x')")
    write("b.vm", "ok")
    result = run("check", "--strict", "a.vm", "b.vm")
    assert result.code == 1
    assert result.err.endswith("vtl: 1 warning in 1 of 2 templates (--strict)\n")


def test_check_without_warnings_flag_is_silent_about_them(run, write):
    result = run("check", write("t.vm", "$s.lower()"))
    assert (result.code, result.out, result.err) == (0, "vtl: 1 template OK\n", "")


def test_warnings_are_not_for_the_velocity_profile(run, write):
    result = run("check", "--warnings", "--profile", "velocity", write("t.vm", "x"))
    assert result.code == 2
    assert "not with the velocity profile" in result.err


def test_render_result_collects_the_warnings():
    result = vtl.render("$s.lower()", name="t.vm")
    assert [(w.code, w.location) for w in result.warnings] == [
        ("undefined-reference", "t.vm:1:1"),
        ("python-method", "t.vm:1:4"),
    ]
    assert all(isinstance(w, vtl.TemplateWarning) for w in result.warnings)
    assert vtl.render("ok").warnings == []


def test_stage_variables_read_by_name_in_order() -> None:
    # The forms the AWS docs use to read a stage variable by name; in a comment, escaped,
    # or a method of the whole map, none is read (the note of `vtl render` names the
    # unset ones: tests/cli/test_cli_render.py).
    from vtl.apigw.warnings import stage_variables_read

    source = ("$stageVariables.a ${stageVariables.b} $stageVariables.get('c') $stageVariables['d']\n"
              "## $stageVariables.e\n#* $stageVariables.f *#\n\\$stageVariables.g $stageVariables.keySet()\n"
              "\"$stageVariables.h\" $stageVariables.a $stageVariables.get($name)")
    assert stage_variables_read(source) == ["a", "b", "c", "d", "h"]
    assert stage_variables_read("#if(") == []

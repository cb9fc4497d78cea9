"""`vtl render`: outputs, exit codes and every error path, through ``main(argv)``.

Expected outputs come from the specs (`../shared/spec/*.md`), never from this engine.
"""

from __future__ import annotations

import io
import json
import sys

import pytest

import vtl
from vtl.cli import main

BODY = '{ "Price" : "249.99", "Age": "6" }'


def event_json(**fields: object) -> str:
    return json.dumps(fields)


# --- rendering --------------------------------------------------------------------------


def test_undefined_reference_renders_empty_under_apigateway(run, write):
    # apigateway.md §1: `Hello $name` with no `name` renders `Hello `.
    result = run("render", write("t.vm", "Hello $nope!"), "--no-warnings")
    assert (result.code, result.out, result.err) == (0, "Hello !", "")


def test_velocity_profile_keeps_undefined_references(run, write):
    # velocity-1.7.md #3.
    result = run("render", write("t.vm", "[$nope] [${nope}]"), "--profile", "velocity")
    assert (result.code, result.out, result.err) == (0, "[$nope] [${nope}]", "")


def test_event_feeds_input_and_context(run, write):
    # apigateway.md §2: $input.json is compact and keeps a string's quotes; $input.params
    # finds a path parameter.
    template = write("t.vm", "$input.json('$') $input.json('$.Age') $input.params('id')")
    event = write("e.json", event_json(body=BODY, pathParameters={"id": "7"}))
    result = run("render", template, "--event", event)
    assert (result.code, result.err) == (0, "")
    assert result.out == '{"Price":"249.99","Age":"6"} "6" 7'


def test_output_is_written_byte_for_byte_with_no_newline_added(run, write):
    result = run("render", write("t.vm", "no newline at the end"))
    assert result.out == "no newline at the end"


def test_crlf_template_reaches_the_engine_intact(run, write):
    # velocity-1.7.md #88: `\r\n` after `)` and `#end` is swallowed, other CRLFs are kept.
    result = run("render", write("t.vm", b"#if(true)\r\nx\r\n#end\r\ny"))
    assert (result.code, result.out) == (0, "x\r\ny")


def test_non_ascii_text_is_written_as_utf8(run, write):
    result = run("render", write("t.vm", "caf\u00e9 \u2603 \U0001f600"))
    assert result.out == "caf\u00e9 \u2603 \U0001f600"


def test_template_from_stdin(run):
    result = run("render", "-", "--profile", "velocity", stdin=b"Hello #if(true)World#end!\r\n")
    assert (result.code, result.out) == (0, "Hello World!\r\n")


def test_event_from_stdin(run, write):
    template = write("t.vm", "$input.params('id')")
    result = run(
        "render", template, "--event", "-", stdin=event_json(pathParameters={"id": "9"}).encode()
    )
    assert (result.code, result.out) == (0, "9")


def test_only_one_input_from_stdin(run):
    result = run("render", "-", "--event", "-", stdin=b"{}")
    assert (result.code, result.out) == (2, "")
    assert result.err == "vtl: error: only one input can be read from stdin ('-')\n"


def test_stage_var_is_added(run, write):
    # apigateway.md §4: $stageVariables.name and $stageVariables['name'] both work.
    template = write("t.vm", "$stageVariables.table/$stageVariables['env']")
    result = run("render", template, "--stage-var", "table=orders", "--stage-var", "env=a=b")
    assert (result.code, result.out) == (0, "orders/a=b")


def test_stage_var_replaces_the_events_and_keeps_the_rest(run, write):
    template = write("t.vm", "$stageVariables.table $stageVariables.other")
    event = write("e.json", event_json(stageVariables={"table": "old", "other": "kept"}))
    result = run("render", template, "--event", event, "--stage-var", "table=new")
    assert (result.code, result.out) == (0, "new kept")


def test_stage_var_with_an_empty_value(run, write):
    result = run("render", write("t.vm", "[$stageVariables.x]"), "--stage-var", "x=")
    assert (result.code, result.out) == (0, "[]")


def test_vars_alone_render_with_the_apigateway_rules(run, write):
    # Plain variables, AWS's null model: `$nope` reads as "" (apigateway.md §1).
    template = write("t.vm", "Hello $name! [$nope]")
    result = run("render", template, "--vars", write("v.json", '{"name": "World"}'))
    assert (result.code, result.out) == (0, "Hello World! []")


def test_vars_under_the_velocity_profile(run, write):
    # velocity-1.7.md #1.
    template = write("t.vm", "Hello $name! ${name}x $list.size()")
    variables = write("v.json", '{"name": "World", "list": [1, 2, 3]}')
    result = run("render", template, "--vars", variables, "--profile", "velocity")
    assert (result.code, result.out) == (0, "Hello World! Worldx 3")


def test_velocity_profile_without_vars_has_no_variables(run, write):
    result = run("render", write("t.vm", "$input.body"), "--profile", "velocity")
    assert (result.code, result.out) == (0, "$input.body")


# --- --json -----------------------------------------------------------------------------


def test_json_pretty_prints(run, write):
    template = write("t.vm", '{"a":[1,2],"b":"x","c":{"d":null,"e":true}}')
    result = run("render", template, "--json")
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        '{\n  "a": [\n    1,\n    2\n  ],\n  "b": "x",\n'
        '  "c": {\n    "d": null,\n    "e": true\n  }\n}\n'
    )


def test_json_keeps_non_ascii(run, write):
    result = run("render", write("t.vm", '["caf\u00e9"]'), "--json")
    assert result.out == '[\n  "caf\u00e9"\n]\n'


def test_json_reports_output_that_is_not_json(run, write):
    source = '{\n  "id": "$input.params(\'id\')",\n  "n": 1,\n}\n'
    template = write("t.vm", source)
    result = run("render", template, "--json")
    assert (result.code, result.out) == (3, "")
    with pytest.raises(vtl.apigw.OutputNotJsonError) as raised:
        vtl.render(source, None, name="t.vm").json()
    expected = (
        raised.value.format() if hasattr(raised.value, "format") else f"vtl: error: {raised.value}"
    )
    assert result.err == expected + "\n"
    assert "4" in result.err  # the output line of the stray `}` (line 4)


def test_json_under_the_velocity_profile_reports_the_output_position(run, write):
    result = run("render", write("t.vm", "[1,\n 2,,]"), "--json", "--profile", "velocity")
    assert (result.code, result.out) == (3, "")
    assert result.err == (
        "vtl: error: the output is not JSON: Expecting value (output line 2, column 4)\n"
        "output:\n1 | [1,\n2 |  2,,]\n  |    ^\n"
        'likely cause: a value is missing: a reference that rendered as "" (undefined, null, '
        "or a missing JSON path) between the punctuation\n"
    )


def test_json_rejects_nan_which_python_would_accept(run, write):
    result = run("render", write("t.vm", "[1,\n NaN]"), "--json", "--profile", "velocity")
    assert (result.code, result.out) == (3, "")
    assert result.err.startswith(
        "vtl: error: the output is not JSON: NaN is not JSON (output line 2, column 2)\n"
        "output:\n1 | [1,\n2 |  NaN]\n  |  ^\n"
    )


# --- --show-overrides -------------------------------------------------------------------


def test_show_overrides(run, write):
    # apigateway.md §4: responseOverride.status and .header.<n> are writable with #set.
    template = write(
        "t.vm",
        "#set($context.responseOverride.status = 404)"
        '#set($context.responseOverride.header.Cache-Control = "no-store")gone',
    )
    result = run("render", template, "--show-overrides")
    assert (result.code, result.out) == (0, "gone")
    # The body "gone" has no final newline: the overrides start on a line of their own.
    assert result.err == (
        "\nresponseOverride.status: 404\nresponseOverride.header.Cache-Control: no-store\n"
    )


def test_show_overrides_of_a_request_template(run, write):
    template = write(
        "t.vm",
        '#set($context.requestOverride.header.X-Trace = "t1")'
        '#set($context.requestOverride.querystring.page = "2")'
        '#set($context.requestOverride.path.id = "9")',
    )
    result = run("render", template, "--show-overrides")
    assert result.code == 0
    assert result.err == (
        "requestOverride.header.X-Trace: t1\nrequestOverride.path.id: 9\n"
        "requestOverride.querystring.page: 2\n"
    )


def test_show_overrides_when_there_are_none(run, write):
    result = run("render", write("t.vm", "x"), "--show-overrides")
    assert (result.code, result.out, result.err) == (0, "x", "\n(no overrides)\n")


# --- template errors: exit 1 ------------------------------------------------------------


def test_syntax_error_points_into_the_file(run, write):
    source = "line one\n#foreach($i in [1, 2])\n  $i\n"
    result = run("render", write("bad.vm", source))
    assert (result.code, result.out) == (1, "")
    with pytest.raises(vtl.TemplateSyntaxError) as raised:
        vtl.Template(source, name="bad.vm")
    assert result.err == raised.value.format(color=False) + "\n"
    assert result.err.startswith("syntax error: ")
    assert f"--> bad.vm:{raised.value.line}:{raised.value.column}\n" in result.err
    assert "^" in result.err
    assert "\x1b[" not in result.err


def test_syntax_error_of_stdin_is_named_stdin(run):
    result = run("render", "-", stdin=b"#if(true)x")
    assert result.code == 1
    assert "--> <stdin>:1:" in result.err


def test_render_error(run, write):
    # velocity-1.7.md #18: an exception thrown by a method aborts rendering.
    source = '#set($s = "Hello")\n$s.substring(50)'
    result = run("render", write("t.vm", source))
    assert (result.code, result.out) == (1, "")
    with pytest.raises(vtl.TemplateRenderError) as raised:
        vtl.render(source, None, name="t.vm")
    assert result.err == raised.value.format(color=False) + "\n"
    assert result.err.startswith("render error: ")
    assert "--> t.vm:2:" in result.err


def test_include_is_a_render_error_under_apigateway(run, write):
    # apigateway.md §1: #include and #parse have no resource to load.
    result = run("render", write("t.vm", '#include("foo.txt")'))
    assert (result.code, result.out) == (1, "")
    assert "--> t.vm:1:" in result.err


def test_colour_on_a_terminal(run, write, monkeypatch):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    result = run("render", write("bad.vm", "#if(true)x"))
    assert result.code == 1
    assert "\x1b[1m\x1b[31msyntax error\x1b[0m" in result.err


def test_no_colour_with_no_color_set(run, write, monkeypatch):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    result = run("render", write("bad.vm", "#if(true)x"))
    assert result.code == 1
    assert "\x1b[" not in result.err
    assert result.err.startswith("syntax error: ")


def test_no_colour_on_a_dumb_terminal(run, write, monkeypatch):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    monkeypatch.setenv("TERM", "dumb")
    assert "\x1b[" not in run("render", write("bad.vm", "#if(true)x")).err


# --- input and usage errors: exit 2, one line -------------------------------------------


@pytest.mark.parametrize(
    "argv, message",
    [
        (["render", "missing.vm"], "template missing.vm: no such file"),
        (["render", "."], "template .: is a directory"),
        (["render", "t.vm", "--event", "missing.json"], "event missing.json: no such file"),
        (["render", "t.vm", "--vars", "missing.json"], "vars missing.json: no such file"),
        (["render", "t.vm", "--stage-var", "table"], "--stage-var expects KEY=VALUE, got 'table'"),
        (["render", "t.vm", "--stage-var", "=x"], "--stage-var expects KEY=VALUE, got '=x'"),
        (
            ["render", "t.vm", "--profile", "velocity", "--event", "e.json"],
            (
                "--event cannot be used with the velocity profile: stock Velocity 1.7 has no API Gateway "
                "request ($input, $context, $stageVariables); give the template's variables "
                "with --vars"
            ),
        ),
        (
            ["render", "t.vm", "--profile", "velocity", "--stage-var", "a=b"],
            (
                "--stage-var cannot be used with the velocity profile: stock Velocity 1.7 has no API Gateway "
                "request ($input, $context, $stageVariables); give the template's variables "
                "with --vars"
            ),
        ),
        (
            ["render", "t.vm", "--vars", "v.json", "--show-overrides"],
            (
                "--show-overrides cannot be used with --vars: --vars renders plain variables, without an API "
                "Gateway request; leave --vars out to render a request (--event, or the "
                "sample request)"
            ),
        ),
        (
            ["render", "t.vm", "--vars", "v.json", "--stage-var", "a=b"],
            (
                "--stage-var cannot be used with --vars: --vars renders plain variables, without an API "
                "Gateway request; leave --vars out to render a request (--event, or the "
                "sample request)"
            ),
        ),
        (
            ["render", "t.vm", "--vars", "v.json", "--event", "e.json"],
            (
                "--vars and --event cannot be combined: on API Gateway a template sees only "
                "$input, $context, $util and $stageVariables"
            ),
        ),
    ],
)
def test_usage_errors(run, write, argv, message):
    write("t.vm", "x")
    write("e.json", "{}")
    write("v.json", "{}")
    result = run(*argv)
    assert (result.code, result.out, result.err) == (2, "", f"vtl: error: {message}\n")


def test_template_that_is_not_utf8(run, write):
    result = run("render", write("latin1.vm", b"ok\ncaf\xe9\n"))
    assert (result.code, result.out) == (2, "")
    # Where, what an editor saving in the Windows code page meant, and what to do.
    assert result.err == ("vtl: error: template latin1.vm: not valid UTF-8 (byte 0xe9 on line 2, "
                          "column 4, 'é' in Windows-1252/Latin-1): save it as UTF-8\n")


def test_template_from_stdin_that_is_not_utf8(run):
    result = run("render", "-", stdin=b"\xff")
    assert result.err == ("vtl: error: template <stdin>: not valid UTF-8 (byte 0xff on line 1, "
                          "column 1, 'ÿ' in Windows-1252/Latin-1): save it as UTF-8\n")


def test_event_that_is_not_json(run, write):
    write("t.vm", "x")
    result = run("render", "t.vm", "--event", write("e.json", '{"body": "x",}'))
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "vtl: error: event e.json: not valid JSON: "
        "Expecting property name enclosed in double quotes (line 1, column 14)\n"
    )


def test_empty_event_file(run, write):
    write("t.vm", "x")
    result = run("render", "t.vm", "--event", write("e.json", ""))
    assert (
        result.err
        == "vtl: error: event e.json: not valid JSON: Expecting value (line 1, column 1)\n"
    )


@pytest.mark.parametrize(
    "content, kind",
    [
        ("[]", "an array"),
        ('"x"', "a string"),
        ("1", "a number"),
        ("null", "null"),
        ("true", "a boolean"),
    ],
)
def test_event_that_is_not_an_object(run, write, content, kind):
    write("t.vm", "x")
    result = run("render", "t.vm", "--event", write("e.json", content))
    assert (result.code, result.err) == (
        2,
        f"vtl: error: event e.json: must be a JSON object, not {kind}\n",
    )


def test_vars_that_are_not_an_object(run, write):
    write("t.vm", "x")
    result = run("render", "t.vm", "--vars", write("v.json", "[1]"))
    assert (result.code, result.err) == (
        2,
        "vtl: error: vars v.json: must be a JSON object, not an array\n",
    )


def test_event_of_the_wrong_shape_names_the_field(run, write):
    # issue 3: a header value that is a number is rejected with an error naming the field.
    event = {"headers": {"X-Count": 3}}
    write("t.vm", "x")
    result = run("render", "t.vm", "--event", write("e.json", json.dumps(event)))
    assert (result.code, result.out) == (2, "")
    with pytest.raises(vtl.apigw.EventError) as raised:
        vtl.render("x", event)
    assert result.err == f"vtl: error: event e.json: {raised.value}\n"
    assert "X-Count" in result.err or "headers" in result.err


def test_argparse_errors_are_usage_errors(run):
    result = run("render")
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith("usage: vtl render ")
    # TEMPLATE may be left out for --api (vtl/cli_routes.py), so the message names both.
    assert result.err.endswith(
        'vtl: error: give a TEMPLATE file, or --api API_FILE --route "METHOD /path"\n'
    )


def test_unknown_profile(run, write):
    result = run("render", write("t.vm", "x"), "--profile", "aws")
    assert result.code == 2
    # The wording after the choice changed between Python versions.
    assert "\nvtl: error: argument --profile: invalid choice: 'aws' (choose from " in result.err


def test_broken_pipe_is_quiet(write, monkeypatch, tmp_path):
    class Closed(io.BytesIO):
        def write(self, data):  # type: ignore[override]
            raise BrokenPipeError

    class Stdout(io.TextIOWrapper):
        pass

    monkeypatch.chdir(tmp_path)
    write("t.vm", "x")
    monkeypatch.setattr(sys, "stdout", Stdout(Closed(), encoding="utf-8"))
    assert main(["render", "t.vm"]) == 0


# --- stage variables the request does not set ----------------------------------------

STAGE_TEMPLATE = (
    "## $stageVariables.inAComment is not read\n"
    '{"t": "$stageVariables.table", "e": "${stageVariables.env}", '
    "\"k\": \"$stageVariables.get('key')\", \"n\": $stageVariables.table.length()}"
)


def test_a_stage_variable_nobody_set_is_noted(run, write):
    # API Gateway renders an unset stage variable as "" (spec/apigateway.md §2): the output
    # is right, but a forgotten --stage-var is the usual cause, so stderr says which.
    event = write("e.json", '{"stageVariables": {"env": "dev"}}')
    result = run("render", write("t.vm", STAGE_TEMPLATE), "--event", event)
    assert (result.code, result.out) == (0, '{"t": "", "e": "dev", "k": "", "n": 0}')
    assert result.err == (
        "vtl: note: the template reads stage variables table, key, which the request does "
        'not set, so API Gateway renders them as ""; give --stage-var table=VALUE '
        "--stage-var key=VALUE or stageVariables in the event\n"
    )


def test_stage_variables_given_are_not_noted(run, write):
    event = write("e.json", '{"stageVariables": {"env": "dev", "key": "k"}}')
    result = run("render", write("t.vm", STAGE_TEMPLATE), "--event", event,
                 "--stage-var", "table=orders")
    assert (result.code, result.out, result.err) == (
        0, '{"t": "orders", "e": "dev", "k": "k", "n": 6}', "")
    # --no-warnings hides the note as it hides warnings.
    result = run("render", "t.vm", "--event", write("empty.json", "{}"), "--no-warnings")
    assert (result.code, result.err) == (0, "")


def test_a_request_body_given_as_the_event_says_so(run, write):
    # The JSON a client sends, given to --event: the event error alone lists the proxy
    # event's fields; the hint says where the body goes (AWS proxy event: "body" is a string).
    result = run("render", write("t.vm", "$input.body"), "--event",
                 write("order.json", '{"customer": "ann", "items": []}'))
    assert result.code == 2
    assert result.err.startswith("vtl: error: event order.json: unknown field 'customer'; ")
    assert result.err.endswith(
        '. This looks like a request body, not an event: an event carries the body as a string '
        'in its "body" field ({"body": "{\\"customer\\": ...}"}); `vtl sample-event` prints '
        "one to start from\n")
    # An event with one misspelt field among real ones gets no such hint.
    result = run("render", "t.vm", "--event", write("e.json", '{"body": "x", "header": {}}'))
    assert result.code == 2 and "looks like a request body" not in result.err


def test_a_body_written_as_json_in_the_event_says_how_to_write_it(run, write):
    # A proxy event's "body" is the text the client sent (AWS's Lambda proxy input format),
    # a JSON string, not an object: hand-written events get this wrong first.
    result = run("render", write("t.vm", "$input.body"), "--event",
                 write("e.json", '{"body": {"customer": "ann"}}'))
    assert (result.code, result.err) == (2, (
        "vtl: error: event e.json: body must be a string, not an object. An event carries the "
        'body as the text the client sent: write it as a JSON string ("body": '
        '"{\\"customer\\": ...}"; in Python json.dumps(body))\n'))


def test_a_tab_indented_line_keeps_its_caret(run, write):
    # Velocity's columns move a tab to the next multiple of 8 (JavaCC's JavaCharStream,
    # tab size 8; vtl/lexer.py LineIndex): the #foreach two tabs in starts at column 17.
    # The line is shown with its tabs so expanded, so the caret is under it, full width.
    result = run("check", write("t.vm", '{\n\t\t"a": 1,\n\t\t#foreach($i in [1])\n}'))
    assert result.code == 1
    assert result.err == (
        "syntax error: #foreach is missing its #end (opened at line 3, column 17)\n"
        " --> t.vm:4:1\n"
        "  |\n"
        "4 | }\n"
        "  | ^\n"
        "  |\n"
        "3 |                 #foreach($i in [1])\n"
        "  |                 ^^^^^^^^ opened here\n"
        "vtl: 1 of 1 template failed\n"
    )

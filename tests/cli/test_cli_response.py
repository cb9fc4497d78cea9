"""Response templates (`--body`, `--status`), JSON failures that help, and the inputs a user
trips on (UTF-16, BOM, HTTP API events, colour), through ``main(argv)``.

In a response template ``$input`` reads the integration's answer while ``$input.params()``
and ``$context`` still describe the method request (apigateway.md §2, pipeline.md §9).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import vtl

RESPONSE = "$input.path('$.Item.name') for $input.params('id') [$input.body]"
REQUEST = json.dumps({"pathParameters": {"id": "7"}, "body": '{"request": true}'})
ANSWER = '{"Item": {"name": "Rex"}}'


# --- --body and --status --------------------------------------------------------------


def test_body_from_a_file_is_what_input_reads(run, write):
    result = run("render", write("t.vm", RESPONSE), "--event", write("e.json", REQUEST),
                 "--body", write("answer.json", ANSWER))
    assert (result.code, result.err) == (0, "")
    assert result.out == 'Rex for 7 [{"Item": {"name": "Rex"}}]'


def test_body_given_as_text(run, write):
    result = run("render", write("t.vm", RESPONSE), "--event", write("e.json", REQUEST),
                 "--body", ANSWER)
    assert result.out == 'Rex for 7 [{"Item": {"name": "Rex"}}]'


def test_body_from_stdin(run, write):
    result = run("render", write("t.vm", "$input.json('$.Item')"), "--body", "-",
                 stdin=ANSWER.encode())
    assert (result.code, result.out) == (0, '{"name":"Rex"}')


def test_body_that_looks_like_a_missing_file_is_an_error(run, write):
    result = run("render", write("t.vm", "x"), "--body", "answer.json")
    assert result.code == 2
    assert result.err.startswith("vtl: error: body answer.json: no such file")


def test_body_replaces_a_base64_event_body(run, write):
    event = write("e.json", json.dumps({"body": "e30=", "isBase64Encoded": True}))
    result = run("render", write("t.vm", "$input.body"), "--event", event, "--body", "plain")
    assert result.out == "plain"


def test_status_is_the_result_status_unless_overridden(run, write):
    plain = run("render", write("t.vm", "ok"), "--status", "202", "--show-overrides")
    assert plain.err == (
        "\nstatus: 202 (--status; the template did not override it)\n(no overrides)\n"
    )
    overridden = run(
        "render", write("o.vm", "#set($context.responseOverride.status = 404)"),
        "--status", "200", "--show-overrides",
    )
    assert overridden.err == "responseOverride.status: 404\n"


def test_status_must_be_an_http_status(run, write):
    result = run("render", write("t.vm", "x"), "--status", "99")
    assert result.code == 2
    assert "expects an HTTP status code (100-599), got '99'" in result.err


def test_body_and_status_need_the_apigateway_profile(run, write):
    result = run("render", write("t.vm", "x"), "--vars", write("v.json", "{}"), "--body", "{}")
    assert result.code == 2
    assert result.err.startswith("vtl: error: --body cannot be used with --vars: ")
    assert "leave --vars out to render a request" in result.err


def test_render_api_takes_body_and_status():
    result = vtl.render(RESPONSE, json.loads(REQUEST), body=ANSWER, status=200)
    assert (result.body, result.status, result.status_overridden) == (
        'Rex for 7 [{"Item": {"name": "Rex"}}]', 200, False)


# --- a JSON check that helps ----------------------------------------------------------

FOREACH_WITHOUT_COMMA = """[
#foreach($n in [1, 2])
  {"n": $n}
#end
]"""


@pytest.mark.parametrize(
    ("template", "excerpt", "cause"),
    [
        (
            '{\n  "a": 1,\n}',
            '1 | {\n2 |   "a": 1,\n3 | }\n  | ^\n',
            "a comma before the closing bracket (JSON allows no trailing comma)",
        ),
        (
            FOREACH_WITHOUT_COMMA,
            '1 | [\n2 |   {"n": 1}\n3 |   {"n": 2}\n  |   ^\n',
            "a missing comma between two items, as a #foreach writes without "
            "#if($foreach.hasNext),#end",
        ),
        (
            '{"n": "$util.escapeJavaScript("O\'Brien")"}',
            '1 | {"n": "O\\\'Brien"}\n  |         ^\n',
            "\\' is not a JSON escape: $util.escapeJavaScript writes it for an apostrophe",
        ),
        (
            '{"n": "say "hi""}',
            '1 | {"n": "say "hi""}\n  |             ^\n',
            'a " inside a string value ends it early',
        ),
        (
            '{"n": $input.path(\'$.missing\')}',
            '1 | {"n": }\n  |       ^\n',
            'a value is missing: a reference that rendered as ""',
        ),
    ],
    ids=["trailing-comma", "missing-comma", "escape-quote", "unescaped-quote", "empty-value"],
)
def test_json_failure_shows_output_lines_and_cause(run, write, template, excerpt, cause):
    result = run("render", write("t.vm", template), "--json", "--no-warnings")
    assert (result.code, result.out) == (3, "")
    assert result.err.startswith("output is not JSON: ")
    assert "\noutput:\n" + excerpt in result.err
    assert f"\nlikely cause: {cause}" in result.err


def test_json_failure_still_prints_the_overrides(run, write):
    template = write("t.vm", '#set($context.responseOverride.status = 500)\n{"a": }')
    result = run("render", template, "--json", "--show-overrides")
    assert result.code == 3
    assert result.err.endswith("responseOverride.status: 500\n")


def test_json_error_from_the_api_has_the_cause():
    with pytest.raises(vtl.OutputNotJsonError) as raised:
        vtl.render('[1,]', name="t.vm").json()
    assert raised.value.cause.startswith("a comma before the closing bracket")
    assert "output:\n1 | [1,]\n  |    ^" in str(raised.value)


# --- inputs -----------------------------------------------------------------------------


def test_utf16_template_gets_a_message_that_says_so(run, write):
    result = run("render", write("t.vm", "Hello".encode("utf-16")))
    assert result.code == 2
    # Windows PowerShell 5.1 writes a BOM with any Unicode -Encoding, utf8 included (Microsoft's
    # about_Character_Encoding): the advice used to lead from this error to the BOM one.
    assert result.err == (
        "vtl: error: template t.vm: is UTF-16, not UTF-8 (Windows PowerShell's > writes UTF-16): "
        "save it as UTF-8 without a byte order mark, e.g. with Out-File -Encoding utf8NoBOM "
        "(PowerShell 7; Windows PowerShell 5.1's -Encoding utf8 adds a BOM)\n"
    )


def test_utf16_event_without_bom(run, write):
    event = write("e.json", "{}".encode("utf-16-le"))
    result = run("render", write("t.vm", "x"), "--event", event)
    assert result.code == 2
    assert "event e.json: is UTF-16, not UTF-8" in result.err


def test_bom_prefixed_file_gets_a_message_that_says_so(run, write):
    result = run("render", write("t.vm", b"\xef\xbb\xbfHello"))
    assert result.code == 2
    assert "template t.vm: starts with a byte order mark (BOM)" in result.err


def test_a_json_file_may_start_with_a_bom(run, write):
    # RFC 8259 §8.1 lets a JSON parser ignore a BOM; Windows PowerShell 5.1's
    # `Out-File -Encoding utf8` writes one. The event, --vars and a case's JSON files are
    # documents, not text API Gateway sees: the BOM is dropped. A template keeps refusing it.
    template = write("t.vm", "$input.body|$stageVariables.s")
    event = write("e.json", b'\xef\xbb\xbf{"body": "hi", "stageVariables": {"s": "x"}}')
    result = run("render", template, "--event", event)
    assert (result.code, result.out, result.err) == (0, "hi|x", "")
    result = run("render", write("v.vm", "$a"), "--vars", write("v.json", b'\xef\xbb\xbf{"a": 1}'))
    assert (result.code, result.out) == (0, "1")
    Path("cases/c").mkdir(parents=True)
    write("cases/c/template.vm", '{"b": "$input.body"}')
    write("cases/c/event.json", b'\xef\xbb\xbf{"body": "hi"}')
    write("cases/c/expected.json", b'\xef\xbb\xbf{"b": "hi"}')
    result = run("test", "cases")
    assert (result.code, result.out) == (0, "vtl: 1 passed (1 case)\n")


def test_http_api_event_is_refused_with_a_reason(run, write):
    event = write("e.json", json.dumps(
        {"version": "2.0", "routeKey": "GET /pets", "rawPath": "/pets", "body": "{}"}))
    result = run("render", write("t.vm", "x"), "--event", event)
    assert result.code == 2
    assert "HTTP APIs have no mapping templates" in result.err
    assert result.err.startswith("vtl: error: event e.json: this is an HTTP API event")


def test_force_color_colours_errors_even_off_a_terminal(run, write, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    result = run("render", write("t.vm", "#if(true)"))
    assert result.code == 1 and "\x1b[31m" in result.err


def test_no_color_wins_over_force_color(run, write, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("NO_COLOR", "")
    result = run("render", write("t.vm", "#if(true)"))
    assert result.code == 1 and "\x1b[" not in result.err


# --- the documented behaviour ---------------------------------------------------------


def test_render_without_an_event_uses_the_sample_request(run, write):
    template = "$context.httpMethod $context.resourcePath"
    cli = run("render", write("t.vm", template))
    api = vtl.render(template)
    sample = vtl.apigw.sample_event()
    assert cli.out == api.body == f"{sample['httpMethod']} {sample['resource']}"


def test_stage_variables_add_to_the_events_as_stage_var_does(run, write):
    event = {"stageVariables": {"a": "1", "b": "2"}}
    api = vtl.render("$stageVariables", event, stage_variables={"b": "3"}).body
    cli = run("render", write("t.vm", "$stageVariables"), "--event",
              write("e.json", json.dumps(event)), "--stage-var", "b=3").out
    assert api == cli == "{a=1, b=3}"


def test_event_error_is_exported():
    with pytest.raises(vtl.EventError, match="body must be a string"):
        vtl.render("x", {"body": 1})


def test_request_and_response_headers_are_told_apart():
    result = vtl.render('#set($context.requestOverride.header.A = "1")'
                        '#set($context.responseOverride.header.B = "2")')
    assert (result.request_headers, result.response_headers) == ({"A": "1"}, {"B": "2"})
    assert result.headers == {"A": "1", "B": "2"}

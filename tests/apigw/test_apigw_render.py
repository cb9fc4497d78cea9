"""render() and RenderResult: variables, overrides, caching, and json() diagnostics."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

import vtl
from vtl.apigw import EventError, OutputNotJsonError, RenderResult, render, sample_event
from vtl.apigw.render import compiled_template

CASES = Path(__file__).resolve().parents[2] / "conformance" / "cases"


def test_render_returns_the_body_and_no_overrides() -> None:
    result = render("Hello $input.params('name')", {"queryStringParameters": {"name": "Ada"}})
    assert result == RenderResult(body="Hello Ada")
    assert (result.status, result.headers, result.path, result.querystring) == (None, {}, {}, {})


def test_vtl_reexports_render() -> None:
    assert vtl.render is render and vtl.RenderResult is RenderResult


def test_the_four_variables() -> None:
    template = "$input.body|$context.stage|$stageVariables.v|$util.urlEncode('a b')"
    result = render(template, {"body": "{}", "stageVariables": {"v": "1"}})
    assert result.body == "{}|prod|1|a+b"  # urlEncode: AWS-REC 2025-03 (space → +)


def test_stage_variables_argument_adds_to_the_events() -> None:
    # As `vtl render --stage-var` does: added to the event's, replacing a name given twice.
    event = {"stageVariables": {"a": "1", "b": "2"}}
    assert render("$stageVariables", event, stage_variables={"c": "3", "a": "9"}).body == (
        "{a=9, b=2, c=3}")
    assert render("$stageVariables", event).body == "{a=1, b=2}"


def test_bad_stage_variables_argument() -> None:
    with pytest.raises(EventError, match=r"stage_variables\['n'\] must be a string"):
        render("x", None, stage_variables={"n": 1})  # type: ignore[dict-item]


def test_event_errors_propagate() -> None:
    with pytest.raises(EventError, match="body must be a string"):
        render("x", {"body": {"a": 1}})


def test_the_event_is_not_mutated() -> None:
    event = sample_event()
    before = copy.deepcopy(event)
    render("#set($x = $input.path('$'))#set($x.name = 'changed')"
           "#set($context.requestOverride.header.A = '1')$input.params().header.put('New', 'v')",
           event)
    assert event == before


def test_renders_do_not_share_state() -> None:
    template = "#set($context.responseOverride.status = 201)$context.responseOverride.status"
    assert render(template).status == render(template).status == 201


def test_each_render_parses_the_body_for_itself() -> None:
    # One parsed body per request, never shared between renders (apigateway.md §2): a
    # template changing the document sees the original body on every render. The output is
    # the recorded one of case apigateway/input-path/one-document-put.
    case = CASES / "apigateway" / "input-path" / "one-document-put"
    template = (case / "template.vm").read_text(encoding="utf-8")
    event = json.loads((case / "event.json").read_text(encoding="utf-8"))
    expected = (case / "expected.apigateway.txt").read_text(encoding="utf-8")
    first = render(template, event)
    assert render(template, event).body == first.body == expected
    # json()'s diagnostics render once more to find template lines: on a fresh document too
    assert first._origins is not None and first._origins()[0] == expected


def test_compiled_templates_are_cached_by_text() -> None:
    source = "cached $context.requestId"
    render(source)
    hits = compiled_template.cache_info().hits
    render(source, {"httpMethod": "POST"})
    assert compiled_template.cache_info().hits == hits + 1


def test_overrides_in_the_result() -> None:
    result = render(
        "#set($context.responseOverride.status = 404)"
        "#set($context.requestOverride.header.X-List = ['a', 'b'])"
        "#set($context.responseOverride.header['Cache-Control'] = 'no-store')"
        "#set($context.requestOverride.path.id = 7)"
        "#set($context.requestOverride.querystring.q = 'x y')"
    )
    assert result.status == 404
    assert result.headers == {"X-List": "a,b", "Cache-Control": "no-store"}
    assert result.path == {"id": "7"}
    assert result.querystring == {"q": "x y"}


def test_status_must_be_a_number() -> None:
    with pytest.raises(vtl.TemplateRenderError, match="must be an HTTP status code"):
        render("#set($context.responseOverride.status = 'teapot')")


def test_status_past_a_java_int_fails_like_a_word() -> None:
    # read with Integer.parseInt, as the recorder's model of API Gateway reads it
    # (fuzz_apigw seed 6363: a body's 9223372036854775808 set as the status)
    with pytest.raises(vtl.TemplateRenderError, match="must be an HTTP status code"):
        render("#set($context.responseOverride.status = 9223372036854775808)")
    assert render("#set($context.responseOverride.status = 2147483647)").status == 2147483647


def test_replacing_a_map_of_overrides_says_how_to_set_one() -> None:
    # The header map is there before the template runs: assigning a whole map to it is
    # refused (a second write), and the message must not read as if the user set it before.
    with pytest.raises(vtl.TemplateRenderError) as info:
        render('#set($h = {"X-A": "1"})\n#set($context.responseOverride.header = $h)', name="res.vm")
    message = str(info.value)
    assert "already set" not in message
    assert "#set($context.responseOverride.header.NAME = value)" in message
    assert info.value.line == 2


def test_setting_an_override_twice_is_an_error_at_its_line() -> None:
    with pytest.raises(vtl.TemplateError) as info:
        render("#set($context.requestOverride.header.A = '1')\n"
               "#set($context.requestOverride.header.A = '2')\n", name="req.vm")
    assert "already set" in str(info.value)
    assert info.value.name == "req.vm"
    assert info.value.line == 2


# ------------------------------------------------------------------------------ json()


def test_json_parses_the_body() -> None:
    assert render('{"a": [1, "$input.params(\'q\')"]}', {"queryStringParameters": {"q": "x"}}).json() == {
        "a": [1, "x"]}


TEMPLATE = """{
  "name": "$input.path('$.name')",
  "age": $input.path('$.age'),
  "ok": true
}"""


def test_json_error_names_output_position_and_template_line() -> None:
    result = render(TEMPLATE, {"body": '{"name": "Rex"}'}, name="pets.vm")
    with pytest.raises(OutputNotJsonError) as info:
        result.json()
    error = info.value
    # The output's third line is `  "age": ,`: the value is missing at column 10.
    assert (error.output_line, error.output_column) == (3, 10)
    assert error.line == 3 and error.name == "pets.vm"
    assert "output line 3, column 10, written by template line 3" in str(error)
    assert '"age": $input.path' in str(error)  # the report shows the template line


def test_json_error_at_the_end_of_the_output() -> None:
    result = render('{"a": 1,\n#if(false)\n}\n#end', name="t.vm")
    with pytest.raises(OutputNotJsonError) as info:
        result.json()
    assert info.value.output_line == 2
    assert info.value.line == 1


def test_json_error_of_an_empty_body() -> None:
    with pytest.raises(OutputNotJsonError) as info:
        render("").json()
    assert (info.value.output_line, info.value.output_column, info.value.line) == (1, 1, 0)


def test_json_rejects_nan() -> None:
    with pytest.raises(OutputNotJsonError, match="NaN is not JSON"):
        render('{"a": NaN}').json()


def test_output_not_json_error_is_a_template_error() -> None:
    assert issubclass(OutputNotJsonError, vtl.TemplateError)

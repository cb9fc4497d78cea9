"""Terraform's JSON syntax (``.tf.json``, what ``cdktf synth`` writes) read as ``.tf`` is.

data/terraform_json/cdktf/stacks/pets/cdk.tf.json is a CDKTF-style stack (``"//"``
metadata, generated names, ``depends_on`` lists, ``"${…}"`` strings, ``jsonencode``,
``file``, a ``terraform { backend }`` block) and data/terraform_json/tf/main.tf the same API
written by hand in the native syntax, whose reading the .tf tests check against AWS's
documented behaviour: both must list and run alike. Other expected values are worked out
by hand from HCL's JSON syntax specification (json/spec.md of hashicorp/hcl: a body's
``"//"`` is a comment, a body may be an array of objects, strings are templates, object
keys too) and Terraform's source (a variable's default and a .tfvars.json value are
evaluated without variables, so their ``${`` is text).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from vtl.api import load_api
from vtl.api.sources import terraform
from vtl.api.sources.document import DefinitionError
from vtl.cli import main

DATA = Path(__file__).parent / "data" / "terraform_json"
STACK = DATA / "cdktf" / "stacks" / "pets"
NATIVE = DATA / "tf"
PETS = {"pets": [{"id": 1, "name": "Rex"}, {"id": 2, "name": "Tom"}]}


def _line(path: Path, text: str, after: str = "") -> int:
    """The 1-based line of ``path`` holding ``text`` (after the line holding ``after``)."""
    lines = path.read_text().splitlines()
    start = next(n for n, line in enumerate(lines) if after in line) if after else 0
    for number, line in enumerate(lines[start:], start + 1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _routes(capsys: pytest.CaptureFixture[str], where: Path, *options: str) -> dict[str, Any]:
    code, out, err = _run(capsys, "routes", str(where), "--json", *options)
    assert code == 0, err
    return json.loads(out)


def _without_sources(listing: Any) -> Any:
    if isinstance(listing, dict):
        return {key: _without_sources(value) for key, value in listing.items() if key != "source"}
    if isinstance(listing, list):
        return [_without_sources(item) for item in listing]
    return listing


# --- a CDKTF stack and the same API in .tf ------------------------------------------------

def test_cdktf_stack_lists_the_routes_of_the_same_api_in_tf(capsys: pytest.CaptureFixture[str]) -> None:
    from_json = _routes(capsys, STACK)
    from_tf = _routes(capsys, NATIVE)
    assert _without_sources(from_json) == _without_sources(from_tf)
    routes = {f"{r['method']} {r['path']}": r for r in from_json["routes"]}
    assert list(routes) == ["GET /pets", "GET /pets/{id}"]
    listing = routes["GET /pets"]["integration"]
    # worked out by hand: ${var.limit} is 10, $${ is a literal ${, jsonencode sorts its keys
    assert listing["request_templates"] == {"application/json": (
        '{"limit": "$input.params(\'limit\')", "default": 10, "env": "$stageVariables.env", '
        '"id": "${context.requestId}"}')}
    assert listing["uri"] == ("arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/"
                              "arn:aws:lambda:eu-west-1:123456789012:function:list-pets/invocations")
    ok, not_found = listing["responses"]
    assert ok["response_templates"]["application/json"] == (
        STACK / "templates" / "list-response.vm").read_text()
    assert ok["response_parameters"] == {
        "method.response.header.Access-Control-Allow-Origin": "'*'"}
    assert (not_found["selection_pattern"], not_found["status"]) == (".*NotFound.*", "404")
    assert not_found["response_templates"]["application/json"] == (
        '{"greeting":"hello","message":"$input.path(\'$.errorMessage\')"}')
    get = routes["GET /pets/{id}"]["integration"]
    assert get["type"] == "MOCK"
    assert get["responses"][0]["response_templates"]["application/json"] == (
        '{\n  "id": "$input.params(\'id\')",\n  "greeting": "hello",\n  "stage": "$context.stage"\n}\n')


def test_sources_point_into_the_json_file(capsys: pytest.CaptureFixture[str]) -> None:
    api = load_api(STACK)
    file = STACK / "cdk.tf.json"
    method = api.find_method("GET", "/pets")
    assert method is not None and method.integration is not None
    assert (Path(method.source.file), method.source.line) == (
        file, _line(file, '"PetsApi_Method_List_8D2C11A0": {'))
    request = method.integration.request_templates["application/json"]
    assert (Path(request.source.file), request.source.line) == (
        file, _line(file, '"application/json": "{\\"limit', after="Integration_List"))
    from_file = method.integration.responses[0].response_templates["application/json"]
    assert (Path(from_file.source.file), from_file.source.line) == (
        STACK / "templates" / "list-response.vm", 1)
    # the text listing names the same places
    code, out, _ = _run(capsys, "routes", str(STACK))
    assert code == 0
    assert f"GET /pets  ({file}:{method.source.line})" in out
    assert f"template at {file}:{request.source.line}" in out


def test_text_listing_is_that_of_the_tf_but_for_the_places(capsys: pytest.CaptureFixture[str]) -> None:
    def placeless(out: str) -> str:
        return re.sub(r"\S+:\d+", "FILE:LINE", out).split("\n", 1)[1]

    _, from_json, _ = _run(capsys, "routes", str(STACK))
    _, from_tf, _ = _run(capsys, "routes", str(NATIVE))
    assert "2 methods" in from_json
    assert placeless(from_json) == placeless(from_tf)


INVOCATIONS = [
    ("GET /pets?limit=2", "--lambda-result", json.dumps(PETS)),
    ("GET /pets", "--lambda-error", '{"errorMessage": "NotFound: no pets", "errorType": "E"}'),
    ("GET /pets/7",),
    ("GET /pets/0",),
]


@pytest.mark.parametrize("request_and_backend", INVOCATIONS, ids=lambda args: args[0])
def test_invoke_runs_the_stack_as_the_tf(capsys: pytest.CaptureFixture[str],
                                         request_and_backend: tuple[str, ...]) -> None:
    results = []
    for where in (STACK, NATIVE):
        code, out, err = _run(capsys, "invoke", str(where), *request_and_backend, "--json")
        assert code == 0, err
        results.append(json.loads(out))
    assert results[0] == results[1]


def test_invoke_results_worked_out_by_hand(capsys: pytest.CaptureFixture[str]) -> None:
    def invoke(*argv: str) -> dict[str, Any]:
        code, out, err = _run(capsys, "invoke", str(STACK), *argv, "--json")
        assert code == 0, err
        return json.loads(out)

    listed = invoke("GET /pets?limit=2", "--lambda-result", json.dumps(PETS))
    # the stage variable env of the stage dev, the only stage
    assert json.loads(listed["integration_request"]["body"])["env"] == "development"
    assert listed["response"]["status"] == 200
    assert listed["response"]["headers"]["Access-Control-Allow-Origin"] == "*"
    assert json.loads(listed["response"]["body"]) == [{"id": "1", "name": "Rex"},
                                                      {"id": "2", "name": "Tom"}]
    missing = invoke("GET /pets", "--lambda-error", '{"errorMessage": "NotFound: no pets"}')
    assert missing["response"]["status"] == 404
    assert json.loads(missing["response"]["body"]) == {"greeting": "hello",
                                                       "message": "NotFound: no pets"}
    assert invoke("GET /pets/0")["response"]["status"] == 404
    found = invoke("GET /pets/7", "--param", "greeting=hi")
    assert found["response"]["status"] == 200
    assert json.loads(found["response"]["body"]) == {"id": "7", "greeting": "hi", "stage": "dev"}


def test_param_sets_a_variable_in_both_forms(capsys: pytest.CaptureFixture[str]) -> None:
    for where in (STACK, NATIVE):
        listing = _routes(capsys, where, "--param", "greeting=hi", "--param", "limit=3")
        get_pets = listing["routes"][0]["integration"]
        assert '"default": 3,' in get_pets["request_templates"]["application/json"]
        assert get_pets["responses"][1]["response_templates"]["application/json"] == (
            '{"greeting":"hi","message":"$input.path(\'$.errorMessage\')"}')


def test_a_tf_json_file_is_read_with_its_folder(tmp_path: Path) -> None:
    shutil.copytree(STACK, tmp_path / "pets")
    api = load_api(tmp_path / "pets" / "cdk.tf.json")
    assert api.format == "terraform"
    assert sorted(str(m) for m in api.methods) == ["GET /pets", "GET /pets/{id}"]
    assert api.stages == {"dev": {"env": "development"}}
    assert api.warnings == []


# --- a module of .tf and .tf.json files ------------------------------------------------------

MIXED_TF = """\
variable "stage" {
  default = "beta"
}

resource "aws_api_gateway_rest_api" "api" {
  name = "mixed"
}

resource "aws_api_gateway_resource" "ping" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_rest_api.api.root_resource_id
  path_part   = "ping"
}
"""

MIXED_JSON = """\
{
  "locals": {
    "answer": "pong from ${var.stage}"
  },
  "resource": {
    "aws_api_gateway_method": {
      "ping": {
        "rest_api_id": "${aws_api_gateway_rest_api.api.id}",
        "resource_id": "${aws_api_gateway_resource.ping.id}",
        "http_method": "GET",
        "authorization": "NONE"
      }
    },
    "aws_api_gateway_integration": {
      "ping": {
        "rest_api_id": "${aws_api_gateway_rest_api.api.id}",
        "resource_id": "${aws_api_gateway_resource.ping.id}",
        "http_method": "${aws_api_gateway_method.ping.http_method}",
        "type": "MOCK",
        "request_templates": {
          "application/json": "{\\"statusCode\\": 200}"
        }
      }
    },
    "aws_api_gateway_method_response": {
      "ok": {
        "rest_api_id": "${aws_api_gateway_rest_api.api.id}",
        "resource_id": "${aws_api_gateway_resource.ping.id}",
        "http_method": "GET",
        "status_code": "200"
      }
    },
    "aws_api_gateway_integration_response": {
      "ok": {
        "rest_api_id": "${aws_api_gateway_rest_api.api.id}",
        "resource_id": "${aws_api_gateway_resource.ping.id}",
        "http_method": "GET",
        "status_code": "${aws_api_gateway_method_response.ok.status_code}",
        "response_templates": {
          "application/json": "{\\"answer\\": \\"${local.answer}\\"}"
        }
      }
    }
  }
}
"""


def _mixed(tmp_path: Path) -> Path:
    (tmp_path / "api.tf").write_text(MIXED_TF)
    (tmp_path / "ping.tf.json").write_text(MIXED_JSON)
    return tmp_path


def test_a_module_merges_its_tf_and_tf_json_files(tmp_path: Path) -> None:
    api = load_api(_mixed(tmp_path))
    assert api.name == "mixed"
    assert api.warnings == []
    method = api.find_method("GET", "/ping")
    assert method is not None and method.integration is not None
    template = method.integration.responses[0].response_templates["application/json"]
    assert template.text == '{"answer": "pong from beta"}'
    json_file = tmp_path / "ping.tf.json"
    assert (Path(template.source.file), template.source.line) == (
        json_file, _line(json_file, '"application/json": "{\\"answer'))
    result = api.invoke("GET", "/ping")
    assert (result.response.status, result.response.json()) == (200, {"answer": "pong from beta"})


def test_param_gives_a_variable_of_the_tf_used_in_the_json(capsys: pytest.CaptureFixture[str],
                                                           tmp_path: Path) -> None:
    code, out, err = _run(capsys, "invoke", str(_mixed(tmp_path)), "GET /ping", "--param",
                          "stage=prod", "--json")
    assert code == 0, err
    assert json.loads(json.loads(out)["response"]["body"]) == {"answer": "pong from prod"}


# --- HCL's JSON syntax ---------------------------------------------------------------------------

API_JSON = {
    "aws_api_gateway_rest_api": {"api": {"name": "api"}},
    "aws_api_gateway_method": {"get": {
        "rest_api_id": "${aws_api_gateway_rest_api.api.id}",
        "resource_id": "${aws_api_gateway_rest_api.api.root_resource_id}",
        "http_method": "GET", "authorization": "NONE"}},
}


def _integration(tmp_path: Path, templates: dict[str, Any], document: dict[str, Any] | None = None,
                 **extra: Any) -> Path:
    """A .tf.json module of GET / with a MOCK integration of ``request_templates``."""
    resources = dict(API_JSON)
    resources["aws_api_gateway_integration"] = {"get": {
        "rest_api_id": "${aws_api_gateway_rest_api.api.id}",
        "resource_id": "${aws_api_gateway_rest_api.api.root_resource_id}",
        "http_method": "GET", "type": "MOCK", "request_templates": templates, **extra}}
    (tmp_path / "main.tf.json").write_text(json.dumps({**(document or {}), "resource": resources},
                                                      indent=2))
    return tmp_path


def _request_template(folder: Path, params: dict[str, str] | None = None) -> str:
    method = terraform.read(folder, params).find_method("GET", "/")
    assert method is not None and method.integration is not None
    return method.integration.request_templates["application/json"].text


def test_bad_json_is_an_error_at_its_line_and_column(capsys: pytest.CaptureFixture[str],
                                                    tmp_path: Path) -> None:
    (tmp_path / "main.tf.json").write_text('{\n  "resource": {\n    "a": 1\n    "b": 2\n  }\n}\n')
    with pytest.raises(DefinitionError) as error:
        load_api(tmp_path)
    # (where Python's json finds the next value, with no comma before it)
    assert str(error.value) == (f"{tmp_path / 'main.tf.json'}:4: not valid JSON: "
                                "Expecting ',' delimiter (column 5)")
    code, out, err = _run(capsys, "routes", str(tmp_path))
    assert (code, out) == (2, "")
    assert "main.tf.json:4: not valid JSON: Expecting ',' delimiter (column 5)" in err
    assert "Traceback" not in err


def test_nan_is_not_json(tmp_path: Path) -> None:
    # (Python's json reads NaN and Infinity; Terraform's does not)
    (tmp_path / "main.tf.json").write_text('{\n  "locals": {\n    "a": NaN\n  }\n}\n')
    with pytest.raises(DefinitionError, match=r"main\.tf\.json:3: not valid JSON: NaN and "
                                              r"Infinity are not JSON numbers"):
        terraform.read(tmp_path)


def test_comment_properties_of_bodies_are_ignored(tmp_path: Path) -> None:
    document = {"//": {"metadata": {"stackName": "s"}},
                "locals": {"//": "what the locals are", "body": "{}"}}
    folder = _integration(tmp_path, {"application/json": "${local.body}"}, document,
                          **{"//": {"metadata": {"path": "s/get", "uniqueId": "get"}}})
    assert _request_template(folder) == "{}"
    assert terraform.read(folder).warnings == []


def test_a_comment_property_is_a_key_inside_an_argument(tmp_path: Path) -> None:
    # HCL's JSON syntax ignores "//" in bodies only: in an object value it is a key
    folder = _integration(tmp_path, {"application/json": "{}", "//": "x"})
    method = terraform.read(folder).find_method("GET", "/")
    assert method is not None and method.integration is not None
    assert sorted(method.integration.request_templates) == ["//", "application/json"]


def test_a_body_may_be_an_array_of_objects(tmp_path: Path) -> None:
    (tmp_path / "main.tf.json").write_text(json.dumps({
        "locals": [{"a": "A"}, {"b": "B"}],
        "resource": [
            {"aws_api_gateway_rest_api": {"api": [{"name": "arrays"}]}},
            {"aws_api_gateway_method": {"get": [{
                "rest_api_id": "${aws_api_gateway_rest_api.api.id}",
                "resource_id": "${aws_api_gateway_rest_api.api.root_resource_id}",
                "http_method": "GET", "authorization": "NONE"}]}},
            {"aws_api_gateway_integration": [{"get": {
                "rest_api_id": "${aws_api_gateway_rest_api.api.id}",
                "resource_id": "${aws_api_gateway_rest_api.api.root_resource_id}",
                "http_method": "GET", "type": "MOCK",
                "request_templates": {"application/json": "${local.a}${local.b}"}}}]},
        ]}, indent=2))
    api = terraform.read(tmp_path)
    assert api.name == "arrays"
    assert _request_template(tmp_path) == "AB"


def test_two_bodies_of_one_resource_are_declared_twice(tmp_path: Path) -> None:
    (tmp_path / "main.tf.json").write_text(
        '{"resource": {"aws_api_gateway_rest_api": {"api": [\n{"name": "a"},\n{"name": "b"}\n]}}}')
    with pytest.raises(DefinitionError, match=r"main\.tf\.json:3: resource "
                                              r"aws_api_gateway_rest_api\.api is declared twice"):
        terraform.read(tmp_path)


def test_strings_are_templates_and_other_values_literals(tmp_path: Path) -> None:
    document = {"variable": {"n": {"type": "number", "default": 2}},
                "locals": {"flags": {"on": True, "off": False, "none": None, "half": 0.5,
                                     "${var.n}": [1, "${var.n + 1}"]}}}
    folder = _integration(tmp_path, {
        "application/json": "${jsonencode(local.flags)} %{if var.n > 1}many%{else}one%{endif} "
                            "$${x} %%{y} \"q\" \\ \u00e9 $${ %%{"}, document)
    # Keys sorted by jsonencode; ${var.n + 1} alone in its string is the number 3.
    assert _request_template(folder) == (
        '{"2":[1,3],"half":0.5,"none":null,"off":false,"on":true} many ${x} %{y} "q" \\ \u00e9 '
        "${ %{")
    assert _request_template(folder, {"n": "1"}).split("} ", 1)[1].startswith("one ")


def test_a_variable_default_and_tfvars_json_are_literal(tmp_path: Path) -> None:
    document = {"variable": {"a": {"default": "${literal}"}, "b": {"type": "string"}}}
    folder = _integration(tmp_path, {"application/json": "${var.a}|${var.b}"}, document)
    (tmp_path / "terraform.tfvars.json").write_text('{"b": "${also.literal}"}')
    assert _request_template(folder) == "${literal}|${also.literal}"


def test_tfvars_json_files_load_in_terraforms_order(tmp_path: Path) -> None:
    document = {"variable": {"a": {}, "b": {}, "c": {}}}
    folder = _integration(tmp_path, {"application/json": "${var.a}${var.b}${var.c}"}, document)
    (tmp_path / "terraform.tfvars").write_text('a = "1"\nb = "1"\nc = "1"\n')
    (tmp_path / "terraform.tfvars.json").write_text('{"b": "2", "c": "2"}')
    (tmp_path / "x.auto.tfvars.json").write_text('{"c": "3"}')
    assert _request_template(folder) == "123"
    assert _request_template(folder, {"c": "4"}) == "124"


def test_a_variable_type_is_an_expression(tmp_path: Path) -> None:
    # ("${string}" is how hcl2json, which cdktf convert uses, writes a type: taken too)
    document = {"variable": {"names": {"type": "list(string)"}, "text": {"type": "${string}"}}}
    folder = _integration(tmp_path, {"application/json": "${join(\",\", var.names)}/${var.text}"},
                          document)
    # --param of a non-string variable is an HCL value (as -var), of a string one its text
    assert _request_template(folder, {"names": '["a", "b"]', "text": '["c"]'}) == 'a,b/["c"]'


def test_count_and_for_each_make_instances(tmp_path: Path) -> None:
    where = {"rest_api_id": "${aws_api_gateway_rest_api.api.id}",
             "resource_id": "${aws_api_gateway_rest_api.api.root_resource_id}",
             "http_method": "GET"}
    document = {"variable": {"patterns": {"default": ["", ".*missing.*"]}}}
    folder = _integration(tmp_path, {"application/json": "{}"}, document)
    written = json.loads((folder / "main.tf.json").read_text())
    written["resource"]["aws_api_gateway_method_response"] = {"r": {
        **where, "for_each": "${toset([\"200\", \"404\"])}", "status_code": "${each.key}"}}
    written["resource"]["aws_api_gateway_integration_response"] = {"r": {
        **where, "count": "${length(var.patterns)}",
        "selection_pattern": "${var.patterns[count.index]}",
        "status_code": "${count.index == 0 ? \"200\" : \"404\"}"}}
    (folder / "main.tf.json").write_text(json.dumps(written, indent=2))
    method = terraform.read(folder).find_method("GET", "/")
    assert method is not None and method.integration is not None
    assert sorted(method.method_responses) == ["200", "404"]
    assert [(r.selection_pattern, r.status_code) for r in method.integration.responses] == [
        (None, "200"), (".*missing.*", "404")]


def test_a_bad_expression_in_a_string_is_an_error_at_its_line(tmp_path: Path) -> None:
    folder = _integration(tmp_path, {"application/json": "${foo(}"})
    line = _line(folder / "main.tf.json", "${foo(}")
    with pytest.raises(DefinitionError) as error:
        terraform.read(folder)
    assert str(error.value) == (f"{folder / 'main.tf.json'}:{line}: ${{foo(}} is not a valid "
                                "Terraform expression (write $${ for a literal ${)")


def test_an_unclosed_interpolation_is_an_error_at_its_line(tmp_path: Path) -> None:
    folder = _integration(tmp_path, {"application/json": "{\"id\": \"${context.requestId\"}"})
    line = _line(folder / "main.tf.json", "context.requestId")
    with pytest.raises(DefinitionError, match=re.escape(
            f"main.tf.json:{line}: ${{ is never closed with '}}' (write $${{ for a literal ${{)")):
        terraform.read(folder)


def test_a_velocity_reference_terraform_would_read_says_how_to_escape_it(tmp_path: Path) -> None:
    folder = _integration(tmp_path, {"application/json": "${context.requestId}"})
    with pytest.raises(DefinitionError, match=re.escape("write $${context.requestId}")):
        terraform.read(folder)


def test_what_is_not_terraform_is_said(tmp_path: Path) -> None:
    (tmp_path / "main.tf.json").write_text(json.dumps(
        {"resources": {}, "terraform": {"backend": {"s3": {"bucket": "b"}}},
         "resource": API_JSON}, indent=2))
    api = terraform.read(tmp_path)
    assert api.warnings == [
        f"{tmp_path / 'main.tf.json'}:2: 'resources' is not a block type of Terraform (resource, "
        "data, variable, locals, output, module, provider, terraform…); ignored; did you mean "
        "resource?"]
    (tmp_path / "main.tf.json").write_text('[{"resource": {}}]')
    with pytest.raises(DefinitionError, match=r"main\.tf\.json:1: a \.tf\.json file is a JSON "
                                              r"object of Terraform blocks"):
        terraform.read(tmp_path)


def test_an_argument_written_twice_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "main.tf.json").write_text(
        '{"resource": {"aws_api_gateway_rest_api": {"api": {\n"name": "a",\n"name": "b"\n}}}}')
    with pytest.raises(DefinitionError, match=r"main\.tf\.json:3: argument name is written "
                                              r"twice \(first on line 2\)"):
        terraform.read(tmp_path)


def test_meta_blocks_are_blocks_and_say_nothing(tmp_path: Path) -> None:
    # read as arguments, "lifecycle" and "dynamic" would be warned about as unknown arguments
    folder = _integration(tmp_path, {"application/json": "{}"}, lifecycle={
        "ignore_changes": ["uri"]}, depends_on=["aws_api_gateway_method.get"],
        dynamic={"tls_config": {"for_each": "${[1]}", "content": {
            "insecure_skip_verification": True}}})
    assert terraform.read(folder).warnings == []


# --- the cdktf.out folder ------------------------------------------------------------------------

def test_the_cdktf_output_folder_is_read_through_its_manifest(capsys: pytest.CaptureFixture[str]) -> None:
    # data/terraform_json/cdktf is a cdktf.out: manifest.json names stacks/pets/cdk.tf.json
    assert _routes(capsys, DATA / "cdktf") == _routes(capsys, STACK)


def _stack(out: Path, name: str, resources: dict[str, Any]) -> None:
    folder = out / "stacks" / name
    folder.mkdir(parents=True)
    (folder / "cdk.tf.json").write_text(json.dumps({"resource": resources}))
    manifest = out / "manifest.json"
    stacks = json.loads(manifest.read_text())["stacks"] if manifest.exists() else {}
    stacks[name] = {"name": name, "synthesizedStackPath": f"stacks/{name}/cdk.tf.json"}
    manifest.write_text(json.dumps({"version": "0.20.8", "stacks": stacks}))


def test_the_stack_declaring_the_rest_api_is_read(tmp_path: Path) -> None:
    _stack(tmp_path, "queues", {"aws_sqs_queue": {"q": {"name": "q"}}})
    _stack(tmp_path, "api", API_JSON)
    api = load_api(tmp_path)
    assert (api.format, api.name, [str(m) for m in api.methods]) == ("terraform", "api", ["GET /"])
    _stack(tmp_path, "api2", API_JSON)
    with pytest.raises(DefinitionError, match=re.escape(
            f"{tmp_path}: several stacks declare a REST API (api, api2): give the folder of "
            f"one, e.g. {tmp_path / 'stacks' / 'api'}")):
        load_api(tmp_path)


def test_a_cdk_assembly_is_still_read_as_cdk() -> None:
    api = load_api(Path(__file__).resolve().parents[2] / "examples" / "api" / "cdk.out")
    assert api.format == "cdk"


def test_a_local_module_of_json_files_is_read_with_the_inputs_of_its_call(tmp_path: Path) -> None:
    (tmp_path / "main.tf.json").write_text(json.dumps({
        "module": {"pets": {"source": "./api", "answer": "${upper(\"yes\")}"}},
        "data": {"aws_region": {"here": {}}}}))
    (tmp_path / "api").mkdir()
    _integration(tmp_path / "api", {"application/json": "${var.answer} ${data.aws_region.here.name}"},
                 {"variable": {"answer": {"type": "string"}},
                  "data": {"aws_region": {"here": {"region": "eu-central-1"}}}})
    api = terraform.read(tmp_path)
    assert _request_template(tmp_path / "api", {"answer": "no"}) == "no eu-central-1"
    method = api.find_method("GET", "/")
    assert method is not None and method.integration is not None
    assert method.integration.request_templates["application/json"].text == "YES eu-central-1"
    assert api.warnings == [f"{tmp_path / 'main.tf.json'}:1: the REST API is read from module "
                            f"pets ({tmp_path / 'api'})"]


def test_a_tf_json_file_given_alone_keeps_every_key_written_twice(tmp_path: Path) -> None:
    # HCL's JSON syntax keeps both "resource" properties: nothing is said to be dropped
    text = json.dumps({"resource": API_JSON}, indent=2)
    text = text[:-2] + ',\n  "resource": {"aws_s3_bucket": {"b": {"bucket": "b"}}}\n}'
    (tmp_path / "main.tf.json").write_text(text)
    api = load_api(tmp_path / "main.tf.json")
    assert [str(m) for m in api.methods] == ["GET /"]
    assert api.warnings == []

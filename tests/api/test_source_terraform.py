"""Terraform folders read into the API model: templates byte for byte, where each came from.

Expected texts are the files in examples/api/templates/ or are worked out by hand from
Terraform's documented template rules (interpolation, ``$${``/``%%{`` escapes, ``~`` strip
markers, ``<<-`` indentation trimming, jsonencode's escapes and sorted keys).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from vtl.api.backend import HttpResponse
from vtl.api.sources import terraform
from vtl.api.sources.document import DefinitionError

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "api"
FEATURES = Path(__file__).parent / "data" / "terraform" / "features"


def _line(path: Path, text: str) -> int:
    """The 1-based line of ``path`` holding ``text`` (so tests do not hard-code line numbers)."""
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def test_example_api_has_the_three_methods_with_the_exact_templates() -> None:
    api = terraform.read(EXAMPLE / "terraform")
    assert api.format == "terraform"
    assert sorted(str(m) for m in api.methods) == [
        "GET /orders/{id}", "OPTIONS /orders", "POST /orders"]
    templates = EXAMPLE / "templates"

    post = api.find_method("POST", "/orders")
    assert post is not None and post.integration is not None
    assert post.integration.type == "AWS"
    assert post.integration.http_method == "POST"
    assert post.integration.uri == (
        "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
        "arn:aws:lambda:us-east-1:123456789012:function:create-order/invocations")
    request = post.integration.request_templates["application/json"]
    assert request.text == (templates / "create-order-request.vm").read_text()
    assert Path(request.source.file).resolve() == (templates / "create-order-request.vm").resolve()
    assert request.source.line == 1
    default, error = post.integration.responses
    assert (default.status_code, default.selection_pattern, default.response_templates) == (
        "200", None, {})
    assert (error.status_code, error.selection_pattern) == ("400", ".*Invalid.*")
    assert error.response_templates["application/json"].text == (
        templates / "create-order-error.vm").read_text()
    assert sorted(post.method_responses) == ["200", "400"]

    get = api.find_method("GET", "/orders/{id}")
    assert get is not None and get.integration is not None
    assert get.integration.uri == "arn:aws:apigateway:us-east-1:dynamodb:action/GetItem"
    assert get.request_parameters == {"method.request.path.id": True}
    assert get.integration.request_templates["application/json"].text == (
        templates / "get-order-request.vm").read_text()
    (response,) = get.integration.responses
    template = response.response_templates["application/json"]
    assert template.text == (templates / "get-order-response.vm").read_text()
    assert Path(template.source.file).name == "get-order-response.vm"

    options = api.find_method("OPTIONS", "/orders")
    assert options is not None and options.integration is not None
    assert options.integration.type == "MOCK"
    mock = options.integration.request_templates["application/json"]
    assert mock.text == '{"statusCode": 200}'
    main = EXAMPLE / "terraform" / "main.tf"
    assert (Path(mock.source.file).name, mock.source.line) == (
        "main.tf", _line(main, '"application/json" = "{\\"statusCode\\": 200}"'))
    (preflight,) = options.integration.responses
    assert preflight.response_parameters == {
        "method.response.header.Access-Control-Allow-Headers":
            "'Content-Type,X-Amz-Date,Authorization,X-Api-Key'",
        "method.response.header.Access-Control-Allow-Methods": "'GET,POST,OPTIONS'",
        "method.response.header.Access-Control-Allow-Origin": "'*'",
    }
    assert options.method_responses["200"].headers == {
        "Access-Control-Allow-Headers": True, "Access-Control-Allow-Methods": True,
        "Access-Control-Allow-Origin": True}
    assert api.stages == {"prod": {"table": "orders"}}


def test_templatefile_with_variables_escapes_loops_and_strip_markers() -> None:
    api = terraform.read(FEATURES)
    put = api.find_method("PUT", "/v1/items/{id}")
    assert put is not None and put.integration is not None
    template = put.integration.request_templates["application/json"]
    # `~}` after %{for} and %{endfor} eats the newline and indentation that follow.
    assert template.text == (
        "## for templatefile(): Velocity's formal references are escaped as ${...}\n"
        "#set($body = $input.path('$'))\n"
        "{\n"
        '  "TableName": "items",\n'
        '  "Item": {\n'
        '"name": {"S": "${body.name}"},\n'
        '"price": {"S": "${body.price}"},\n'
        '"id": {"S": "$input.params(\'id\')"}\n'
        "  } ,\n"
        '  "ReturnValues": "ALL_OLD"\n'
        "}\n"
    )
    assert (Path(template.source.file).name, template.source.line) == ("put-item.vm", 1)


def test_flush_heredoc_trims_the_smallest_indentation_and_keeps_blank_lines() -> None:
    api = terraform.read(FEATURES)
    put = api.find_method("PUT", "/v1/items/{id}")
    assert put is not None and put.integration is not None
    template = put.integration.request_templates["text/plain"]
    assert template.text == (
        "#set($raw = $input.body)\n"
        "\n"
        '{"raw": "$util.escapeJavaScript($raw)", "region": "eu-west-1"}\n'
    )
    assert template.source.line == _line(FEATURES / "api.tf", '"text/plain" = <<-EOT')


def test_file_is_verbatim_and_plain_heredoc_unescapes() -> None:
    api = terraform.read(FEATURES)
    put = api.find_method("PUT", "/v1/items/{id}")
    assert put is not None and put.integration is not None
    error, ok = put.integration.responses
    assert error.selection_pattern == "5\\d{2}"
    raw = error.response_templates["application/json"]
    assert raw.text == (FEATURES / "templates" / "error.vm").read_text()  # %%{ stays: no template
    assert "%%{type}" in raw.text
    assert ok.status_code == "200"
    assert ok.response_parameters == {"method.response.header.Access-Control-Allow-Origin": "'*'"}
    xml = ok.response_templates["application/xml"]
    assert xml.text == "<item id=\"$input.params('id')\">${x}</item>\n"
    assert xml.source.line == _line(FEATURES / "api.tf", '"application/xml" = <<EOT')


def test_jsonencode_locals_references_and_placeholders() -> None:
    api = terraform.read(FEATURES)
    assert api.name == "shop-eu-west-1"
    assert api.binary_media_types == ["image/png"]
    listing = api.find_method("GET", "/v1/items")
    assert listing is not None and listing.integration is not None
    # Sorted keys, no spaces, <, > and & as \\u escapes (Terraform's jsonencode reference).
    assert listing.integration.request_templates["application/json"].text == (
        '{"action":"list","filter":"\\u003call\\u003e \\u0026 more","limit":10}')
    # A variable without a default stays visible.
    assert listing.integration.uri == "${var.function_arn}"
    put = api.find_method("PUT", "/v1/items/{id}")
    assert put is not None
    assert put.request_validator == "validate-body"
    assert put.request_models == {"application/json": "Item"}
    assert put.api_key_required is True
    assert api.models["Item"].schema == {"type": "object", "required": ["name"]}
    assert api.request_validators["validate-body"].validate_request_body is True
    gateway = api.gateway_responses["API_KEY_INVALID"]
    assert (gateway.status_code, gateway.response_templates) == (
        "403", {"application/json": '{"message": $context.error.messageString}'})
    assert api.stages == {"live": {"table": "items", "lambdaAlias": "live"}}


def test_params_override_variable_defaults() -> None:
    arn = "arn:aws:apigateway:us-west-2:lambda:path/functions/f/invocations"
    api = terraform.read(FEATURES, {"region": "us-west-2", "function_arn": arn})
    assert api.name == "shop-us-west-2"
    listing = api.find_method("GET", "/v1/items")
    assert listing is not None and listing.integration is not None
    assert listing.integration.uri == arn
    with pytest.raises(DefinitionError, match="--param regoin: no variable 'regoin'"):
        terraform.read(FEATURES, {"regoin": "x"})


def test_a_param_for_a_folder_without_variables_says_so(tmp_path: Path) -> None:
    _write(tmp_path, "")
    with pytest.raises(DefinitionError, match=r"no variable 'stage' is declared in .* \(it declares no variable\)$"):
        terraform.read(tmp_path, {"stage": "dev"})


def test_recognises_folders_and_tf_files(tmp_path: Path) -> None:
    assert terraform.recognises(FEATURES, None)
    assert terraform.recognises(FEATURES / "api.tf", None)
    assert not terraform.recognises(tmp_path, None)


API_HEAD = """
resource "aws_api_gateway_rest_api" "a" {
  name = "a"
}
resource "aws_api_gateway_resource" "r" {
  rest_api_id = aws_api_gateway_rest_api.a.id
  parent_id   = aws_api_gateway_rest_api.a.root_resource_id
  path_part   = "r"
}
resource "aws_api_gateway_method" "m" {
  rest_api_id   = aws_api_gateway_rest_api.a.id
  resource_id   = aws_api_gateway_resource.r.id
  http_method   = "POST"
  authorization = "NONE"
}
"""


def _integration(type_: str, body: str) -> str:
    """The integration of API_HEAD's method: ``type_``, and ``body`` (its other settings)."""
    return ('resource "aws_api_gateway_integration" "i" {\n'
            "  rest_api_id = aws_api_gateway_rest_api.a.id\n"
            "  resource_id = aws_api_gateway_resource.r.id\n"
            "  http_method = aws_api_gateway_method.m.http_method\n"
            f'  type        = "{type_}"\n'
            f"{body}"
            "}\n")


def _write(folder: Path, integration_body: str, **files: str) -> Path:
    (folder / "main.tf").write_text(API_HEAD + _integration("MOCK", integration_body))
    for name, text in files.items():
        (folder / name.replace("_", ".")).write_text(text)
    return folder


def _request_template(folder: Path, params: dict[str, str] | None = None) -> str:
    method = terraform.read(folder, params).find_method("POST", "/r")
    assert method is not None and method.integration is not None
    return method.integration.request_templates["application/json"].text


def test_expressions_in_templates(tmp_path: Path) -> None:
    body = (
        "  request_templates = {\n"
        '    "application/json" = <<-EOT\n'
        '      %{ if local.length > 2 ~}\n'
        '      long\n'
        '      %{~ else ~}\n'
        '      short\n'
        '      %{~ endif }\n'
        '      ${upper("a")}-${2 * 3 + 1}-${true ? "t" : "f"}-${join(",", [for s in ["x", "y"] : "<${s}>"])}\n'
        '        ${data.aws_region.current.name} ${sha1("x")}\n'
        '      "\\n" stays: heredocs have no backslash escapes\n'
        "    EOT\n"
        "  }\n")
    folder = _write(tmp_path, body)
    (folder / "vars.tf").write_text('locals {\n  length = 3\n}\n')
    # `%{~ else ~}` strips on both sides; the line of `${data…}` keeps 2 of its 8 spaces
    # (the smallest indentation is 6); unknown values and functions stay as written.
    api = terraform.read(folder)
    assert api.warnings == [
        f"{folder / 'main.tf'}:{_line(folder / 'main.tf', 'sha1')}: function sha1() is not "
        'evaluated; kept as ${sha1("x")}']
    assert _request_template(folder) == (
        "long"
        "\n"
        "A-7-t-<x>,<y>\n"
        '  ${data.aws_region.current.name} ${sha1("x")}\n'
        '"\\n" stays: heredocs have no backslash escapes\n'
    )


def test_a_bool_given_as_a_string_is_a_bool_where_one_is_needed(tmp_path: Path) -> None:
    # Terraform converts "true"/"false" to a bool where one is needed; a variable declared
    # without a type and given on the command line is the string "true".
    body = ('  request_templates = {\n'
            '    "application/json" = "%{ if var.on }on%{ else }off%{ endif }-${var.on ? 1 : 0}'
            '-${!var.on}-${var.on && true}"\n'
            '  }\n')
    folder = _write(tmp_path, body, vars_tf='variable "on" {}\n')
    assert _request_template(folder, {"on": "true"}) == "on-1-false-true"
    assert _request_template(folder, {"on": "false"}) == "off-0-true-false"
    with pytest.raises(DefinitionError, match="needs true or false, not"):
        _request_template(folder, {"on": "yes"})


def test_quoted_string_escapes(tmp_path: Path) -> None:
    body = ('  request_templates = {\n'
            '    "application/json" = "{\\"a\\": \\"caf\\u00e9\\"}\\n$${b} %%{c} $d"\n'
            "  }\n")
    assert _request_template(_write(tmp_path, body)) == '{"a": "café"}\n${b} %{c} $d'


def test_templatefile_variable_missing_is_located_in_the_template(tmp_path: Path) -> None:
    body = ('  request_templates = {\n'
            '    "application/json" = templatefile("t.vm", { a = 1 })\n'
            "  }\n")
    folder = _write(tmp_path, body, t_vm="line one $a\n{\"x\": \"${input.body}\"}\n")
    with pytest.raises(DefinitionError) as error:
        terraform.read(folder)
    message = str(error.value)
    assert message.startswith(f"{folder / 't.vm'}:2: ")
    assert "'input' is not one of the variables given to templatefile (a)" in message
    assert "$${" in message


def test_unsupported_directive_is_located(tmp_path: Path) -> None:
    body = ('  request_templates = {\n'
            '    "application/json" = templatefile("t.vm", {})\n'
            "  }\n")
    folder = _write(tmp_path, body, t_vm="a\nb\n%{ while x }\n")
    with pytest.raises(DefinitionError, match=r"t\.vm:3: template directive %\{ while x \}"):
        terraform.read(folder)


def test_unclosed_if_is_located(tmp_path: Path) -> None:
    body = ('  request_templates = {\n'
            '    "application/json" = templatefile("t.vm", {})\n'
            "  }\n")
    folder = _write(tmp_path, body, t_vm="a\n%{ if true }\nb\n")
    with pytest.raises(DefinitionError, match=r"t\.vm:2: %\{if\} is never closed"):
        terraform.read(folder)


@pytest.mark.parametrize(("text", "message"), [
    ('resource "aws_api_gateway_rest_api" "a" {\n  name = \n}\n',
     r"main\.tf:2: not valid HCL"),
    (API_HEAD.replace('resource_id   = aws_api_gateway_resource.r.id',
                      'resource_id   = aws_api_gateway_resource.nope.id'),
     r"main\.tf:\d+: aws_api_gateway_resource\.nope is not declared"),
    (API_HEAD.replace('resource_id   = aws_api_gateway_resource.r.id', 'resource_id = "abc123"'),
     r"main\.tf:\d+: cannot tell which resource 'abc123' is"),
    (API_HEAD.replace('http_method   = "POST"', 'http_method = "POST"\n  count = "two"'),
     r"main\.tf:\d+: aws_api_gateway_method\.m: count must be a whole number"),
    (API_HEAD.replace('http_method   = "POST"', 'http_method = "POST"\n  count = 2'),
     r"main\.tf:\d+: POST /r is declared twice"),
    (API_HEAD.replace('resource_id   = aws_api_gateway_resource.r.id',
                      'resource_id   = aws_api_gateway_resource.r["x"].id'),
     r"aws_api_gateway_resource\.r has no count or for_each: it has no \['x'\]"),
    (API_HEAD + 'resource "aws_api_gateway_integration" "i" {\n'
     '  resource_id = aws_api_gateway_resource.r.id\n  http_method = "GET"\n  type = "MOCK"\n}\n',
     r"no aws_api_gateway_method declares GET /r"),
    (API_HEAD + 'resource "aws_api_gateway_integration" "i" {\n'
     '  resource_id = aws_api_gateway_resource.r.id\n  http_method = "POST"\n  type = "LAMBDA"\n}\n',
     r"aws_api_gateway_integration\.i: integration type 'LAMBDA' is not one of"),
    ('locals {\n  a = local.b\n  b = local.a\n}\nresource "aws_api_gateway_rest_api" "x" {\n'
     '  name = local.a\n}\n', r"refers to itself"),
    ('resource "aws_s3_bucket" "b" {\n}\n', r"declares no aws_api_gateway_rest_api"),
    # Terraform reads ${...} in a string or heredoc itself: Velocity's needs $${...}.
    (API_HEAD + 'resource "aws_api_gateway_integration" "i" {\n'
     '  resource_id = aws_api_gateway_resource.r.id\n  http_method = "POST"\n  type = "MOCK"\n'
     '  request_templates = {\n    "application/json" = "${input.body}"\n  }\n}\n',
     r"main\.tf:\d+: input\.body is not declared in .*: Terraform reads \$\{\.\.\.\} in a string "
     r"itself; write \$\$\{input\.body\} for Velocity's \$\{input\.body\}$"),
])
def test_bad_definitions_say_file_line_and_what(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "main.tf").write_text(text)
    with pytest.raises(DefinitionError, match=message):
        terraform.read(tmp_path)


def test_load_api_chooses_terraform_for_a_folder_and_a_tf_file() -> None:
    from vtl.api import load_api

    for where in (EXAMPLE / "terraform", EXAMPLE / "terraform" / "main.tf"):
        api = load_api(where)
        assert api.format == "terraform"
        assert sorted(str(m) for m in api.methods) == [
            "GET /orders/{id}", "OPTIONS /orders", "POST /orders"]


def test_rest_api_body_from_file_keeps_the_openapi_files_lines() -> None:
    from vtl.api import load_api

    folder = Path(__file__).parent / "data" / "terraform" / "body"
    api = load_api(folder)
    assert (api.name, api.stages) == ("pets", {"v1": {}})
    method = api.find_method("GET", "/pets/{petId}")
    assert method is not None and method.integration is not None
    template = method.integration.request_templates["application/json"]
    assert template.text == '{"statusCode": 200}\n'
    assert (Path(template.source.file).name, template.source.line) == (
        "openapi.yaml", _line(folder / "openapi.yaml", "application/json: |"))


def test_rest_api_body_from_jsonencode_points_at_the_key(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'resource "aws_api_gateway_rest_api" "a" {\n'
        '  name = "a"\n'
        "  body = jsonencode({\n"
        '    openapi = "3.0.1"\n'
        '    info    = { title = "a", version = "1" }\n'
        "    paths = {\n"
        '      "/ping" = {\n'
        "        get = {\n"
        '          responses = { "200" = { description = "ok" } }\n'
        '          "x-amazon-apigateway-integration" = {\n'
        '            type             = "mock"\n'
        '            requestTemplates = { "application/json" = "{\\"statusCode\\": 200}" }\n'
        '            responses        = { default = { statusCode = "200" } }\n'
        "          }\n"
        "        }\n"
        "      }\n"
        "    }\n"
        "  })\n"
        "}\n")
    api = terraform.read(tmp_path)
    method = api.find_method("GET", "/ping")
    assert method is not None and method.integration is not None
    template = method.integration.request_templates["application/json"]
    assert template.text == '{"statusCode": 200}'
    # at the line of its key in the object jsonencode is given (round 12: was the `body =`)
    assert (Path(template.source.file).name, template.source.line) == ("main.tf", 12)
    assert method.source is not None and method.source.line == 8


def test_what_is_not_read_is_said(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        API_HEAD + 'module "auth" {\n  source = "./auth"\n}\n'
        'resource "aws_api_gateway_domain_name_access_association" "a" {\n  domain_name_arn = "x"\n}\n'
        'resource "aws_api_gateway_deployment" "d" {\n  rest_api_id = "x"\n}\n')
    api = terraform.read(tmp_path)
    main = tmp_path / "main.tf"
    assert api.warnings == [
        f"{main}:{_line(main, 'module')}: module auth is not read (only the resources of this "
        "folder are); to read its API, give its folder ./auth (and its variables with --param)",
        f"{main}:{_line(main, 'aws_api_gateway_domain_name_access_association')}: "
        "aws_api_gateway_domain_name_access_association.a is not read",
    ]


def test_tfvars_files_then_params_set_variables(tmp_path: Path) -> None:
    body = ('  request_templates = {\n'
            '    "application/json" = "${var.a}|${var.b}|${var.c}|${join(",", var.d)}"\n'
            "  }\n")
    folder = _write(tmp_path, body)
    (folder / "vars.tf").write_text(
        'variable "a" {\n  default = "a-default"\n}\n'
        'variable "b" {\n  default = "b-default"\n}\n'
        'variable "c" {\n  type = string\n}\n'
        'variable "d" {\n  type    = list(string)\n  default = ["d"]\n}\n')
    (folder / "terraform.tfvars").write_text('a = "a-tfvars"\nb = "b-tfvars"\n')
    (folder / "z.auto.tfvars").write_text('b = "b-auto"\n')
    assert _request_template(folder) == "a-tfvars|b-auto|${var.c}|d"
    # A non-string variable's --param is an HCL value, as -var reads it.
    assert _request_template(folder, {"a": "p", "c": "[1]", "d": '["x", "y"]'}) == "p|b-auto|[1]|x,y"


def test_a_deployment_with_stage_name_makes_a_stage(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        API_HEAD + 'resource "aws_api_gateway_deployment" "d" {\n'
        "  rest_api_id = aws_api_gateway_rest_api.a.id\n"
        '  stage_name  = "beta"\n  variables   = { table = "orders-beta" }\n}\n')
    assert terraform.read(tmp_path).stages == {"beta": {"table": "orders-beta"}}


def test_several_rest_apis_are_read_one_at_a_time(tmp_path: Path) -> None:
    second = (API_HEAD.replace('"a"', '"b"').replace(".a.", ".b.")
              .replace('"r"', '"s"').replace(".r.", ".s.").replace('"m"', '"n"'))
    (tmp_path / "main.tf").write_text(API_HEAD + second)
    with pytest.raises(DefinitionError, match=r"several REST APIs \(a, b\): choose one with "
                                              r"--param vtl:api=NAME"):
        terraform.read(tmp_path)
    api = terraform.read(tmp_path, {"vtl:api": "b"})
    assert (api.name, [str(m) for m in api.methods]) == ("b", ["POST /s"])
    with pytest.raises(DefinitionError, match="no aws_api_gateway_rest_api named 'c'"):
        terraform.read(tmp_path, {"vtl:api": "c"})


def test_the_functions_evaluated(tmp_path: Path) -> None:
    from vtl.api.sources.hcl import Evaluator, parse_file

    (tmp_path / "a.tf").write_text(
        "locals {\n"
        '  format   = format("arn:%s:%d:%%:%v", "x", 12, true)\n'
        "  length   = length([1, 2])\n"
        "  concat   = concat([1], [2, 3])\n"
        '  coalesce = coalesce("", null, "z")\n'
        "  keys     = keys({ b = 1, a = 2 })\n"
        "  values   = values({ b = 1, a = 2 })\n"
        '  contains = contains(["a"], "a")\n'
        '  merged   = lookup(merge({ a = 1 }, { b = 2 }), "b", 0)\n'
        '  text     = "${chomp("x\\n\\n")}|${trimspace(" y ")}|${lower("A")}${upper("b")}"\n'
        '  replaced = replace("a-b-c", "-", "_")\n'
        '  decoded  = jsondecode("{\\"k\\": [1, true]}")\n'
        '  width    = format("%5s|%-3d|%05.1f|%q|%t", "x", 7, 2.25, "a\\"b", false)\n'
        '  binary   = format("%#v", 5)\n'
        "}\n")
    evaluator = Evaluator(tmp_path, None)
    values = {name: evaluator.evaluate(expr)
              for name, expr in parse_file(tmp_path / "a.tf").blocks[0].attributes.items()}
    width, binary = values.pop("width"), values.pop("binary")
    # Go's fmt, which Terraform's format uses: widths, precision, %q quotes, %t is a bool
    assert width == '    x|7  |002.2|"a\\"b"|false'
    assert values == {
        "format": "arn:x:12:%:true", "length": 2, "concat": [1, 2, 3], "coalesce": "z",
        "keys": ["a", "b"], "values": [2, 1], "contains": True, "merged": 2,
        "text": "x|y|aB", "replaced": "a_b_c", "decoded": {"k": [1, True]},
    }
    assert str(binary) == '${format("%#v", 5)}'  # a verb not evaluated stays visible
    assert evaluator.notes == [f"{tmp_path / 'a.tf'}:14: format() verb %#v is not evaluated; "
                               'kept as ${format("%#v", 5)}']


def test_the_collection_functions_for_each_and_locals_build_with(tmp_path: Path) -> None:
    # for_each = toset([...]) and setproduct() were left as placeholders, and the reader
    # then refused the for_each as "not a map or a set of strings".
    from vtl.api.sources.hcl import Evaluator, parse_file

    (tmp_path / "a.tf").write_text(
        "locals {\n"
        '  set      = toset(["b", "a", "b"])\n'
        '  list     = tolist(["x", "x"])\n'
        "  map      = tomap({ k = 1 })\n"
        '  distinct = distinct(["b", "a", "b"])\n'
        "  flat     = flatten([[1, [2]], [], 3])\n"
        '  product  = setproduct(["r1", "r2"], ["200", "400"])\n'
        '  pairs    = { for p in setproduct(["r"], ["200", "404"]) : "${p[0]}-${p[1]}" => p[1] }\n'
        "}\n")
    evaluator = Evaluator(tmp_path, None)
    values = {name: evaluator.evaluate(expr)
              for name, expr in parse_file(tmp_path / "a.tf").blocks[0].attributes.items()}
    assert values == {
        "set": ["a", "b"],  # a set of strings iterates in lexical order
        "list": ["x", "x"], "map": {"k": 1}, "distinct": ["b", "a"], "flat": [1, 2, 3],
        "product": [["r1", "200"], ["r1", "400"], ["r2", "200"], ["r2", "400"]],
        "pairs": {"r-200": "200", "r-404": "404"},
    }


def test_for_each_over_a_set_built_with_toset(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'resource "aws_api_gateway_rest_api" "a" {\n  name = "a"\n}\n'
        'locals {\n  routes = { list = { part = "notes" }, get = { part = "notes" } }\n}\n'
        'resource "aws_api_gateway_resource" "r" {\n'
        "  for_each    = toset([for r in values(local.routes) : r.part])\n"
        "  rest_api_id = aws_api_gateway_rest_api.a.id\n"
        "  parent_id   = aws_api_gateway_rest_api.a.root_resource_id\n"
        "  path_part   = each.value\n}\n"
        'resource "aws_api_gateway_method" "m" {\n'
        "  rest_api_id   = aws_api_gateway_rest_api.a.id\n"
        '  resource_id   = aws_api_gateway_resource.r["notes"].id\n'
        '  http_method   = "GET"\n  authorization = "NONE"\n}\n')
    assert [str(m) for m in terraform.read(tmp_path).methods] == ["GET /notes"]


def test_count_and_for_each_make_one_resource_per_key(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'resource "aws_api_gateway_rest_api" "a" {\n  name = "a"\n}\n'
        'locals {\n  kinds = { cats = "Cat", dogs = "Dog" }\n}\n'
        'resource "aws_api_gateway_resource" "kind" {\n'
        "  for_each    = local.kinds\n"
        "  rest_api_id = aws_api_gateway_rest_api.a.id\n"
        "  parent_id   = aws_api_gateway_rest_api.a.root_resource_id\n"
        "  path_part   = each.key\n}\n"
        'resource "aws_api_gateway_method" "get" {\n'
        "  for_each      = local.kinds\n"
        "  rest_api_id   = aws_api_gateway_rest_api.a.id\n"
        "  resource_id   = aws_api_gateway_resource.kind[each.key].id\n"
        '  http_method   = "GET"\n  authorization = "NONE"\n}\n'
        'resource "aws_api_gateway_integration" "get" {\n'
        "  for_each    = aws_api_gateway_method.get\n"
        "  rest_api_id = aws_api_gateway_rest_api.a.id\n"
        "  resource_id = each.value.resource_id\n"
        "  http_method = each.value.http_method\n"
        '  type        = "MOCK"\n'
        '  request_templates = { "application/json" = "{\\"kind\\": \\"${local.kinds[each.key]}\\"}" }\n'
        "}\n"
        'resource "aws_api_gateway_resource" "page" {\n'
        "  count       = 2\n"
        "  rest_api_id = aws_api_gateway_rest_api.a.id\n"
        '  parent_id   = aws_api_gateway_resource.kind["cats"].id\n'
        '  path_part   = "page${count.index}"\n}\n'
        'resource "aws_api_gateway_method" "page" {\n'
        "  rest_api_id   = aws_api_gateway_rest_api.a.id\n"
        "  resource_id   = aws_api_gateway_resource.page[1].id\n"
        '  http_method   = "GET"\n  authorization = "NONE"\n}\n')
    api = terraform.read(tmp_path)
    assert sorted(str(m) for m in api.methods) == [
        "GET /cats", "GET /cats/page1", "GET /dogs"]
    dogs = api.find_method("GET", "/dogs")
    assert dogs is not None and dogs.integration is not None
    assert dogs.integration.request_templates["application/json"].text == '{"kind": "Dog"}'


def test_a_root_module_calling_the_api_module_says_where_to_look(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text('module "api" {\n  source = "./modules/api"\n}\n')
    with pytest.raises(DefinitionError, match=r"declares no aws_api_gateway_rest_api; module api "
                                              r"is not read .* give its folder \./modules/api"):
        terraform.read(tmp_path)


def test_a_root_module_is_read_through_the_local_module_declaring_the_api(
        tmp_path: Path) -> None:
    child = tmp_path / "modules" / "api"
    child.mkdir(parents=True)
    _write(child, '  request_templates = { "application/json" = "{\\"table\\": \\"${var.table}\\"}" }\n')
    (child / "variables.tf").write_text('variable "table" {\n  default = "t"\n}\n')
    (tmp_path / "variables.tf").write_text('variable "env" {\n  default = "dev"\n}\n')
    (tmp_path / "main.tf").write_text(
        'module "api" {\n  source = "./modules/api"\n  table  = "orders-${var.env}"\n}\n')
    api = terraform.read(tmp_path, {"env": "prod"})
    method = api.find_method("POST", "/r")
    assert method is not None and method.integration is not None
    template = method.integration.request_templates["application/json"]
    assert template.text == '{"table": "orders-prod"}'
    assert Path(template.source.file) == child / "main.tf"
    assert api.warnings == [f"{tmp_path / 'main.tf'}:1: the REST API is read from module api "
                            f"({child})"]


def test_a_misspelt_argument_is_reported_not_dropped(tmp_path: Path) -> None:
    # Argument names from the AWS provider's pages of aws_api_gateway_integration and
    # aws_api_gateway_integration_response; `terraform plan` refuses others
    # ("An argument named ... is not expected here").
    folder = _write(tmp_path, '  request_template = {\n    "application/json" = "{}"\n  }\n'
                              "  lifecycle {\n    create_before_destroy = true\n  }\n"
                              "  tls_config {\n    insecure_skip_verification = true\n  }\n")
    with (folder / "main.tf").open("a") as tf:
        tf.write('resource "aws_api_gateway_integration_response" "ok" {\n'
                 "  rest_api_id = aws_api_gateway_rest_api.a.id\n"
                 "  resource_id = aws_api_gateway_resource.r.id\n"
                 "  http_method = aws_api_gateway_method.m.http_method\n"
                 '  status_code = "200"\n'
                 '  selection_patern = ".*"\n'
                 "  depends_on = [aws_api_gateway_integration.i]\n"
                 "}\n")
    api = terraform.read(folder)
    assert api.find_method("POST", "/r").integration.request_templates == {}
    main = folder / "main.tf"
    assert [w for w in api.warnings if "not an argument" in w] == [
        f"{main}:{_line(main, 'request_template ')}: aws_api_gateway_integration.i: request_template "
        "is not an argument of aws_api_gateway_integration (terraform plan refuses it); ignored; "
        "did you mean request_templates?",
        f"{main}:{_line(main, 'selection_patern')}: aws_api_gateway_integration_response.ok: "
        "selection_patern is not an argument of aws_api_gateway_integration_response (terraform "
        "plan refuses it); ignored; did you mean selection_pattern?",
    ]


def test_a_template_that_is_not_text_is_located_at_its_entry(tmp_path: Path) -> None:
    folder = _write(tmp_path, '  request_templates = {\n    "text/plain" = "ok"\n'
                              '    "application/json" = ["a"]\n  }\n')
    main = folder / "main.tf"
    with pytest.raises(DefinitionError, match=(
            rf"main\.tf:{_line(main, 'application/json')}: aws_api_gateway_integration\.i: "
            r"request_templates\['application/json'\] must be a string, not a list")):
        terraform.read(folder)


# --- placeholders the reader left: the template is not run ---------------------------------

def _unresolved(folder: Path, params: dict[str, str] | None = None) -> dict[str, tuple[Any, Any]]:
    method = terraform.read(folder, params).find_method("POST", "/r")
    assert method is not None and method.integration is not None
    return {mime: (t.unresolved, t.unresolved_hint)
            for mime, t in method.integration.request_templates.items()}


def _folder(tmp_path: Path, templates: str, **files: str) -> Path:
    _write(tmp_path, "", **files)
    main = tmp_path / "main.tf"
    main.write_text(main.read_text().replace(
        '  type        = "MOCK"\n',
        '  type        = "AWS"\n  integration_http_method = "POST"\n'
        '  uri         = "arn:aws:apigateway:us-east-1:dynamodb:action/GetItem"\n'
        f"  request_templates = {{\n{templates}  }}\n"))
    return tmp_path


VAR_TABLE = 'variable "table" {}\n'
NEEDS_TABLE = ("the value of variable table, which has no default and was given none: give it "
               "with --param table=VALUE (or in terraform.tfvars) to run it")
DEPLOYED = "it is only known when deploying, so write the value into the template to run it"


def test_a_template_holding_a_value_terraform_only_knows_when_deploying_is_unresolved(
        tmp_path: Path) -> None:
    folder = _folder(tmp_path, (
        '    "application/json" = "{\\"TableName\\": \\"${var.table}\\"}"\n'
        '    "text/plain" = "${data.aws_caller_identity.current.account_id}"\n'
        '    "text/arn" = "arn=${aws_dynamodb_table.t.arn}"\n'
        '    "text/if" = "${var.table == "a" ? "x" : "y"}"\n'
        '    "text/sha" = "${sha1("x")}"\n'
        '    "text/json" = jsonencode({ table = var.table })\n'
        '    "text/module" = "${module.m.out}"\n'
        '    "text/sorted" = jsonencode({ z = var.table, a = data.aws_region.here.name })\n'),
        vars_tf=VAR_TABLE + 'resource "aws_dynamodb_table" "t" {\n  hash_key = "id"\n}\n')
    assert _unresolved(folder) == {
        "application/json": ("${var.table}", NEEDS_TABLE),
        "text/plain": ("${data.aws_caller_identity.current.account_id}",
                       "a value Terraform reads from the data source "
                       "data.aws_caller_identity.current when it plans: give it with --param "
                       "data.aws_caller_identity.current.account_id=VALUE to run it"),
        "text/arn": ("${aws_dynamodb_table.t.arn}",
                     "a value of resource aws_dynamodb_table.t that Terraform learns when it "
                     "creates it (terraform apply): give it with --param "
                     "aws_dynamodb_table.t.arn=VALUE to run it"),
        # A value computed from an unknown one names the value it needs.
        "text/if": ('${var.table == "a" ? "x" : "y"}', "which needs ${var.table}, " + NEEDS_TABLE),
        "text/sha": ('${sha1("x")}', "function sha1(), which this tool does not evaluate: write "
                                     "its value into the template to run it"),
        "text/json": ("${var.table}", NEEDS_TABLE),
        "text/module": ("${module.m.out}", "an output of module.m, a module this tool does not "
                                           "read: give it with --param module.m.out=VALUE to run it"),
        # The first in the text: jsonencode sorts the keys.
        "text/sorted": ("${data.aws_region.here.name}", "a value Terraform reads from the data "
                        "source data.aws_region.here when it plans: give it with --param "
                        "data.aws_region.here.name=VALUE to run it"),
    }
    given = _unresolved(folder, {"table": "orders"})
    assert given["application/json"] == given["text/if"] == given["text/json"] == (None, None)


def test_velocity_references_the_user_wrote_are_not_placeholders(tmp_path: Path) -> None:
    # `$${x}` is Terraform's escape for a literal ${x}; file() reads its file verbatim, so
    # its ${var.table} is Velocity's even while var.table itself has no value (the same
    # text as the placeholder the inline template holds: only the reader's own count).
    folder = _folder(tmp_path, (
        '    "application/json" = "{\\"b\\": \\"$${input.body}\\", \\"t\\": \\"${var.table}\\"}"\n'
        '    "text/plain" = file("t.vm")\n'
        '    "text/xml" = templatefile("x.vm", { id = "7" })\n'),
        vars_tf=VAR_TABLE, t_vm='{"x": "${var.table}", "id": "$context.requestId"}\n',
        x_vm='<a id="${id}">$${input.body} $input.path(\'$\')</a>\n')
    assert _unresolved(folder) == {"application/json": ("${var.table}", NEEDS_TABLE),
                                   "text/plain": (None, None), "text/xml": (None, None)}


def test_invoke_refuses_an_unresolved_template_and_runs_it_once_the_value_is_given(
        tmp_path: Path) -> None:
    from vtl.api import InvocationError

    folder = _folder(tmp_path, (
        '    "application/json" = "{\\"TableName\\": \\"${var.table}\\", '
        '\\"Id\\": \\"$${input.params(\'id\')}\\"}"\n'), vars_tf=VAR_TABLE)
    api = terraform.read(folder)
    with pytest.raises(InvocationError) as refused:
        api.invoke("POST", "/r?id=7", headers={"Content-Type": "application/json"}, body="{}",
                   backend={"status": 200, "headers": {}, "body": "{}"})
    assert str(refused.value) == (
        "the application/json request template of POST /r holds ${var.table}, " + NEEDS_TABLE)
    ran = terraform.read(folder, {"table": "orders"}).invoke(
        "POST", "/r?id=7", headers={"Content-Type": "application/json"}, body="{}",
        backend={"status": 200, "headers": {}, "body": "{}"})
    assert ran.integration_request is not None
    assert ran.integration_request.body == '{"TableName": "orders", "Id": "7"}'


def test_a_variable_without_a_value_is_said(tmp_path: Path) -> None:
    folder = _folder(tmp_path, '    "application/json" = "${var.table}"\n', vars_tf=VAR_TABLE)
    assert [w for w in terraform.read(folder).warnings if "var.table" in w] == [
        f"{folder / 'vars.tf'}:1: variable table has no default and no --param table=VALUE: it "
        "stays ${var.table}"]
    assert not [w for w in terraform.read(folder, {"table": "t"}).warnings if "var.table" in w]


def test_a_placeholder_in_a_module_or_an_openapi_body_is_unresolved(tmp_path: Path) -> None:
    # The root's variable reaches the module through the call; the module's own variable
    # without a value is given in the call; an OpenAPI body built with jsonencode keeps the
    # placeholders of what it was built with.
    child = tmp_path / "modules" / "api"
    child.mkdir(parents=True)
    (child / "main.tf").write_text(
        'variable "table" {}\nvariable "owner" {}\n'
        'resource "aws_api_gateway_rest_api" "a" {\n  name = "a"\n  body = jsonencode({\n'
        '    openapi = "3.0.1"\n    info = { title = "a", version = "1" }\n'
        '    paths = {\n      "/r" = {\n        post = {\n'
        '          x-amazon-apigateway-integration = {\n'
        '            type = "mock"\n            requestTemplates = {\n'
        '              "application/json" = "{\\"t\\": \\"${var.table}\\"}"\n'
        '              "text/plain" = "${var.owner} $${input.body}"\n'
        '              "text/xml" = "<b>$${input.body}</b>"\n'
        "            }\n          }\n        }\n      }\n    }\n  })\n}\n")
    (tmp_path / "main.tf").write_text(
        'variable "env" {}\nmodule "api" {\n  source = "./modules/api"\n'
        '  table  = "orders-${var.env}"\n}\n')
    call = f"{tmp_path / 'main.tf'}:2"
    owner = (f"the value of variable owner of module {child}, which has no default and was "
             f"given none by the module call at {call}: give it there to run it")
    assert _unresolved(tmp_path) == {
        "application/json": ("${var.env}", "the value of variable env, which has no default and "
                             "was given none: give it with --param env=VALUE (or in "
                             "terraform.tfvars) to run it"),
        "text/plain": ("${var.owner}", owner),
        "text/xml": (None, None)}
    assert _unresolved(tmp_path, {"env": "prod"})["application/json"] == (None, None)


def test_a_request_template_on_a_proxy_integration_is_said_never_to_run(tmp_path: Path) -> None:
    # Terraform and API Gateway take it without a word; the Lambda gets the proxy event
    from vtl.api import load_api

    (tmp_path / "main.tf").write_text(API_HEAD + (
        'resource "aws_api_gateway_integration" "i" {\n'
        "  rest_api_id             = aws_api_gateway_rest_api.a.id\n"
        "  resource_id             = aws_api_gateway_resource.r.id\n"
        "  http_method             = aws_api_gateway_method.m.http_method\n"
        '  type                    = "AWS_PROXY"\n'
        '  integration_http_method = "POST"\n'
        '  uri                     = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/f/invocations"\n'
        "  request_templates = {\n"
        '    "application/json" = "{\\"body\\": \\"$input.body\\"}"\n'
        "  }\n"
        "}\n"))
    api = load_api(tmp_path)
    assert api.warnings == [
        (f"{tmp_path / 'main.tf'}:24: POST /r: the request template (application/json) of an AWS_PROXY "
         "integration never runs (API Gateway passes the request and the backend's answer through)")]


INLINE_BODY = """\
resource "aws_api_gateway_rest_api" "a" {
  name = "a"
  body = jsonencode({
    openapi = "3.0.1"
    paths = {
      "/p" = {
        get = {
          x-amazon-apigateway-integration = {
            type = "mock", payloadFormatVersion = "2.0"
            requestTemplates = { "application/json" = "{\\"statusCode\\": 200}" }
          }
        }
      }
    }
    x-amazon-apigateway-importexport-version = "1.0"
    AUTHORIZERS
  })
}
"""


def test_an_inline_body_is_a_rest_api_located_at_its_keys(tmp_path: Path) -> None:
    # the body of aws_api_gateway_rest_api is imported into a REST API: HTTP API fields
    # (an HTTP API export pasted there) are ignored, not taken for an HTTP API
    (tmp_path / "main.tf").write_text(INLINE_BODY.replace("AUTHORIZERS", ""))
    api = terraform.read(tmp_path)
    method = api.find_method("GET", "/p")
    # (round 12: each part at the line of its key, no longer all at the `body =` line)
    assert method is not None and str(method.source) == f"{tmp_path / 'main.tf'}:7"
    assert api.warnings[0] == (f"{tmp_path / 'main.tf'}:15: x-amazon-apigateway-importexport-version "
                               "belongs to HTTP APIs (API Gateway v2); this definition is deployed as a "
                               "REST API, which ignores it")
    # an error in it is located at its key's line (round 12: was the body argument)
    (tmp_path / "main.tf").write_text(INLINE_BODY.replace(
        "AUTHORIZERS", 'components = { securitySchemes = { j = { type = "apiKey", name = "Authorization", '
        'in = "header", x-amazon-apigateway-authtype = "custom", x-amazon-apigateway-authorizer = '
        '{ authorizerUri = "arn:aws:x" } } } }'))
    with pytest.raises(DefinitionError, match=r"main.tf:16: components.securitySchemes.j."
                                              r"x-amazon-apigateway-authorizer has no type"):
        terraform.read(tmp_path)


def test_a_stage_variable_escaped_inside_an_unknown_uri_is_substituted_as_deployed(tmp_path: Path) -> None:
    # format("http://%s/$${stageVariables.env}/x", aws_lb.lb.dns_name): once applied, the URI
    # holds ${stageVariables.env}, which API Gateway substitutes; the load balancer's name stays
    # unknown. Shown as written, the substitution left "$dev" inside the placeholder.
    (tmp_path / "main.tf").write_text(API_HEAD + 'resource "aws_lb" "lb" {}\n' + _integration("HTTP", (
        '  integration_http_method = "GET"\n'
        '  uri = format("http://%s/$${stageVariables.env}/x", aws_lb.lb.dns_name)\n')))
    api = terraform.read(tmp_path)
    integration = api.find_method("POST", "/r").integration
    assert integration.uri == '${format("http://%s/${stageVariables.env}/x", aws_lb.lb.dns_name)}'
    run = api.invoke("POST", "/r", stage_variables={"env": "dev"}, backend=HttpResponse(200))
    assert run.integration_request.uri == '${format("http://%s/dev/x", aws_lb.lb.dns_name)}'


def _templates(folder: Path, params: dict[str, str] | None = None) -> dict[str, str]:
    method = terraform.read(folder, params).find_method("POST", "/r")
    assert method is not None and method.integration is not None
    return {mime: t.text for mime, t in method.integration.request_templates.items()}


def test_region_account_and_partition_data_sources_have_sample_values(tmp_path: Path) -> None:
    # Where the API runs, as CloudFormation's AWS::Region/AWS::AccountId: sample values; a
    # region the aws provider block writes wins, and --param data.… gives any data source.
    folder = _folder(tmp_path, (
        '    "text/region" = "${data.aws_region.current.name}/${data.aws_region.current.id}"\n'
        '    "text/account" = "${data.aws_caller_identity.me.account_id}"\n'
        '    "text/partition" = "${data.aws_partition.p.partition}.${data.aws_partition.p.dns_suffix}"\n'
        '    "text/arn" = "${data.aws_caller_identity.me.arn}"\n'),
        data_tf=('data "aws_region" "current" {}\ndata "aws_caller_identity" "me" {}\n'
                 'data "aws_partition" "p" {}\n'))
    assert _unresolved(folder) == {
        "text/region": (None, None), "text/account": (None, None),
        "text/partition": (None, None),
        "text/arn": ("${data.aws_caller_identity.me.arn}",
                     "a value Terraform reads from the data source data.aws_caller_identity.me "
                     "when it plans: give it with --param data.aws_caller_identity.me.arn=VALUE "
                     "to run it")}
    templates = _templates(folder)
    assert templates["text/region"] == "us-east-1/us-east-1"
    assert templates["text/account"] == "123456789012"
    assert templates["text/partition"] == "aws.amazonaws.com"
    given = _templates(folder, {"data.aws_caller_identity.me.arn": "arn:aws:iam::1:user/u"})
    assert given["text/arn"] == "arn:aws:iam::1:user/u"
    (folder / "provider.tf").write_text('provider "aws" {\n  region = "eu-west-1"\n}\n')
    assert _templates(folder)["text/region"] == "eu-west-1/eu-west-1"
    (folder / "data.tf").write_text('data "aws_region" "current" {\n  name = "ap-south-1"\n}\n')
    assert _templates(folder)["text/region"] == "ap-south-1/ap-south-1"


def test_what_apply_learns_of_a_resource_can_be_given_with_param(tmp_path: Path) -> None:
    folder = _folder(tmp_path, '    "text/arn" = "arn=${aws_sfn_state_machine.s.arn}"\n',
                     vars_tf='resource "aws_sfn_state_machine" "s" {\n  definition = "{}"\n}\n')
    given = {"aws_sfn_state_machine.s.arn": "arn:aws:states:us-east-1:1:stateMachine:checks"}
    assert _unresolved(folder, given)["text/arn"] == (None, None)
    assert _templates(folder, given)["text/arn"] == (
        "arn=arn:aws:states:us-east-1:1:stateMachine:checks")
    # A resource the folder does not declare, or one of the API's own, is not a --param.
    for name in ("aws_sfn_state_machine.other.arn", "aws_api_gateway_resource.r.id"):
        with pytest.raises(DefinitionError, match=rf"--param {name}: neither a variable nor"):
            terraform.read(folder, {name: "x"})


def test_arns_of_resources_whose_name_is_written_are_known(tmp_path: Path) -> None:
    # The AWS provider's "Attribute Reference" forms, in the provider's region and the
    # sample account (as the CloudFormation reader's known exceptions).
    folder = _folder(tmp_path, (
        '    "text/lambda" = "${aws_lambda_function.f.invoke_arn}"\n'
        '    "text/queue" = "${aws_sqs_queue.q.url} ${aws_sqs_queue.q.arn}"\n'
        '    "text/flow" = "${aws_sfn_state_machine.s.arn}"\n'
        '    "text/unnamed" = "${aws_lambda_function.g.arn}"\n'
        '    "text/random" = "${aws_lambda_function.h.arn}"\n'),
        resources_tf=('resource "aws_lambda_function" "f" {\n  function_name = "orders"\n}\n'
                      'resource "aws_lambda_function" "g" {\n  function_name = var.fn\n}\n'
                      'variable "fn" {}\n'
                      'resource "aws_lambda_function" "h" {\n'
                      '  function_name = "h-${random_id.r.hex}"\n}\n'
                      'resource "random_id" "r" {\n  byte_length = 2\n}\n'
                      'resource "aws_sqs_queue" "q" {\n  name = "jobs"\n}\n'
                      'resource "aws_sfn_state_machine" "s" {\n  name = "flow"\n}\n'))
    templates = _templates(folder)
    assert templates["text/lambda"] == (
        "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
        "arn:aws:lambda:us-east-1:123456789012:function:orders/invocations")
    assert templates["text/queue"] == ("https://sqs.us-east-1.amazonaws.com/123456789012/jobs "
                                       "arn:aws:sqs:us-east-1:123456789012:jobs")
    assert templates["text/flow"] == "arn:aws:states:us-east-1:123456789012:stateMachine:flow"
    assert _unresolved(folder)["text/unnamed"][0] == "${aws_lambda_function.g.arn}"
    # a name built from what only apply knows keeps the ARN a placeholder
    assert _unresolved(folder)["text/random"][0] == "${aws_lambda_function.h.arn}"
    (folder / "provider.tf").write_text('provider "aws" {\n  region = "eu-west-1"\n}\n')
    assert _templates(folder)["text/flow"] == (
        "arn:aws:states:eu-west-1:123456789012:stateMachine:flow")


def test_a_keyword_is_an_object_key(tmp_path: Path) -> None:
    # `in = "header"` (an OpenAPI security scheme written in HCL) is the key "in"
    folder = _folder(tmp_path,
                     '    "text/in" = jsonencode({ in = "header", name = "Authorization" })\n')
    assert _templates(folder)["text/in"] == '{"in":"header","name":"Authorization"}'
    assert terraform.read(folder).warnings == []


def test_try_and_can(tmp_path: Path) -> None:
    # try() is the first argument that evaluates without an error, can() whether one does
    folder = _folder(tmp_path, (
        '    "text/try" = jsonencode([for k, v in var.m : try(v.auth, [])])\n'
        '    "text/can" = "${can(var.m.a.auth)} ${can(var.m.b.auth)}"\n'),
        vars_tf='variable "m" {\n  default = { a = { x = 1 }, b = { auth = ["jwt"] } }\n}\n')
    templates = _templates(folder)
    assert templates["text/try"] == '[[],["jwt"]]'
    assert templates["text/can"] == "false true"
    assert terraform.read(folder).warnings == []
    # an undeclared reference is still an error
    (folder / "typo.tf").write_text('locals {\n  t = try(var.typo, 1)\n}\n')
    main = folder / "main.tf"
    main.write_text(main.read_text().replace('"text/can" = "${', '"text/can" = "${local.t}${'))
    with pytest.raises(DefinitionError, match=r"var\.typo is not declared"):
        terraform.read(folder)


def test_splat_expressions(tmp_path: Path) -> None:
    # `.*.id` / `[*].id` (how count'ed resources are referred to): each item's id
    folder = _folder(tmp_path,
                     '    "text/splat" = jsonencode([var.l.*.id, var.l[*].id, '
                     'concat(var.l.*.id, [""])[0], var.l[0][*].id])\n',
                     vars_tf='variable "l" {\n  default = [{ id = "p" }, { id = "q" }]\n}\n')
    assert _templates(folder)["text/splat"] == '[["p","q"],["p","q"],"p",["p"]]'
    assert terraform.read(folder).warnings == []


def test_a_module_whose_api_a_variable_names_says_where_to_read_it(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'variable "api_id" {}\n'
        'resource "aws_api_gateway_method" "m" {\n'        # line 2
        "  rest_api_id   = var.api_id\n"
        '  resource_id   = "r"\n'
        '  http_method   = "GET"\n'
        '  authorization = "NONE"\n'
        "}\n")
    with pytest.raises(DefinitionError, match=(
            "declares no aws_api_gateway_rest_api; its methods belong to the REST API that "
            r"var\.api_id names \(.*main\.tf:2\): read the folder that declares that "
            "aws_api_gateway_rest_api and calls this module")):
        terraform.read(tmp_path)


def test_a_placeholder_where_a_body_needs_structure_is_named(tmp_path: Path) -> None:
    # jsonencode writes an unevaluated function as the text ${…}: the OpenAPI reader then
    # says it is that placeholder, not just "a string"
    (tmp_path / "main.tf").write_text(
        'resource "aws_api_gateway_rest_api" "a" {\n'
        '  name = "a"\n'
        '  body = jsonencode({ openapi = "3.0.1", info = { title = "t", version = "1" },\n'
        '    paths = { "/a" = { get = { security = md5("x"),\n'
        '      x-amazon-apigateway-integration = { type = "mock" } } } } })\n'
        "}\n")
    with pytest.raises(DefinitionError, match=(
            r"paths\./a\.get\.security must be a list, not the placeholder "
            r'\$\{md5\("x"\)\} \(a value this tool did not work out\)')):
        terraform.read(tmp_path)


HEREDOC_BODY = '''\
resource "aws_api_gateway_rest_api" "a" {
  name = "a"
  body = <<-EOT
    openapi: 3.0.1
    info: {title: a, version: "1"}
    paths:
      /a:
        get:
          x-amazon-apigateway-integration:
            type: mock
            requestTemplates:
              application/json: |
                {"statusCode": 200, "region": "${var.region}"}
    %{~ if true ~}
    %{~ endif ~}
EOT
}
variable "region" {
  default = "eu-west-1"
}
'''


def test_a_heredoc_body_keeps_the_lines_of_the_tf_file(tmp_path: Path) -> None:
    main = tmp_path / "main.tf"
    main.write_text(HEREDOC_BODY.replace("    %{~ if true ~}\n    %{~ endif ~}\n", ""))
    method = terraform.read(tmp_path).find_method("GET", "/a")
    assert method is not None and method.integration is not None
    template = method.integration.request_templates["application/json"]
    assert template.text == '{"statusCode": 200, "region": "eu-west-1"}\n'
    # `get:` is on line 8, `application/json: |` on line 12
    assert (method.source.line, template.source.line) == (8, 12)
    # a directive may move lines: the body is then located at its `<<-EOT` line
    main.write_text(HEREDOC_BODY)
    method = terraform.read(tmp_path).find_method("GET", "/a")
    assert method is not None and method.source.line == 3


def test_a_data_source_param_naming_nothing_the_folder_uses_is_an_error(tmp_path: Path) -> None:
    # given for nothing, it would be dropped without a word (a typo in the name, say)
    folder = _folder(tmp_path, '    "text/plain" = "${data.aws_region.here.name}"\n')
    assert _unresolved(folder, {"data.aws_region.here.name": "eu-west-1"})["text/plain"] == (None, None)
    for wrong in ("data.aws_region.there.name", "data.aws_region", "data.aws_region.here"):
        with pytest.raises(DefinitionError, match=f"--param {re.escape(wrong)}: neither"):
            terraform.read(folder, {wrong: "eu-west-1"})


def test_an_output_of_a_module_can_be_given_as_a_param(tmp_path: Path) -> None:
    # Modules are not read: their outputs (a state machine ARN in a template, a function's
    # invoke_arn) were placeholders no --param could fill, unlike a resource's attributes.
    folder = _folder(tmp_path, '    "application/json" = "{\\"arn\\": \\"${module.sfn.arn}\\"}"\n')
    given = terraform.read(folder, {"module.sfn.arn": "arn:aws:states:us-east-1:1:stateMachine:s"})
    template = given.methods[0].integration.request_templates["application/json"]
    assert (template.text, template.unresolved) == (
        '{"arn": "arn:aws:states:us-east-1:1:stateMachine:s"}', None)
    # an output of a module the folder neither calls nor refers to names nothing
    with pytest.raises(DefinitionError, match=r"--param module\.other\.arn: neither a variable"):
        terraform.read(folder, {"module.other.arn": "x"})


@pytest.mark.parametrize(("text", "line", "hint"), [
    # a real file's `API_PREFIX = ''`
    ('resource "aws_lambda_function" "f" {\n  prefix = \'\'\n}\n', 2,
     "(Terraform strings are written in double quotes, not single quotes)"),
    # a Terraform 0.11 file's `request_models { "application/json" = ... }`
    ('resource "aws_api_gateway_method" "m" {\n  request_models {\n    "application/json" = "x"\n  }\n}\n',
     3, ("(an argument written as a block, `request_models { ... }`, is Terraform 0.11 syntax: "
         "write `request_models = { ... }`)")),
])
def test_a_syntax_error_real_files_make_is_explained(tmp_path: Path, text: str, line: int, hint: str) -> None:
    (tmp_path / "main.tf").write_text(text)
    with pytest.raises(DefinitionError) as error:
        terraform.read(tmp_path)
    message = str(error.value)
    assert message.startswith(f"{tmp_path / 'main.tf'}:{line}: not valid HCL (Terraform): unexpected input")
    assert message.endswith(hint)


def test_a_resource_policy_is_said_not_to_be_evaluated(tmp_path: Path) -> None:
    # A policy that lets in one account only (as a SAM ResourcePolicy whitelist writes it):
    # the run cannot deny another account, so it says so instead of dropping it silently.
    (tmp_path / "main.tf").write_text(
        'resource "aws_api_gateway_rest_api" "api" {\n  name = "a"\n  policy = "{}"\n}\n'
        'resource "aws_api_gateway_rest_api_policy" "p" {\n'
        '  rest_api_id = aws_api_gateway_rest_api.api.id\n  policy = "{}"\n}\n')
    api = terraform.read(tmp_path)
    assert [w.split(": ", 1) for w in api.warnings] == [
        [f"{tmp_path / 'main.tf'}:3", "aws_api_gateway_rest_api.api.policy (the API's resource "
         "policy) is not evaluated: every request runs as if the policy allowed it"],
        [f"{tmp_path / 'main.tf'}:5", "aws_api_gateway_rest_api_policy.p (the API's resource "
         "policy) is not evaluated: every request runs as if the policy allowed it"]]


def test_a_custom_method_without_an_authorizer_id_is_warned(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'resource "aws_api_gateway_rest_api" "api" {\n  name = "a"\n}\n'
        'resource "aws_api_gateway_method" "get" {\n'
        '  rest_api_id = aws_api_gateway_rest_api.api.id\n'
        '  resource_id = aws_api_gateway_rest_api.api.root_resource_id\n'
        '  http_method = "GET"\n  authorization = "CUSTOM"\n}\n')
    api = terraform.read(tmp_path)
    assert api.warnings == [
        f"{tmp_path / 'main.tf'}:8: aws_api_gateway_method.get: authorization CUSTOM without "
        "authorizer_id: API Gateway refuses the method (Invalid authorizer ID specified); it runs "
        "here with no identity check"]


def test_a_request_validator_no_method_names_is_warned(tmp_path: Path) -> None:
    # A Terraform file declares a validator (body and parameters) and a required
    # Content-Type header, but no method's request_validator_id names the validator: API
    # Gateway validates nothing, and nothing said so.
    _write(tmp_path, "", validators_tf='''
resource "aws_api_gateway_request_validator" "v" {
  name                        = "check-all"
  rest_api_id                 = aws_api_gateway_rest_api.a.id
  validate_request_body       = true
  validate_request_parameters = true
}
''')
    api = terraform.read(tmp_path)
    method = api.find_method("POST", "/r")
    assert method is not None and method.request_validator is None
    assert api.warnings == [
        f"{tmp_path / 'validators.tf'}:2: aws_api_gateway_request_validator.v ('check-all') is "
        "named by no method's request_validator_id: it validates nothing (API Gateway checks a "
        "method's request only with the validator the method names)"]


def test_a_terraformer_export_with_literal_ids_is_read(tmp_path: Path) -> None:
    # `terraformer import aws` writes every id as a literal and names each resource tfer--ID
    # (the root resource has an empty path_part and parent_id), and map(bool) values as the
    # strings "true"/"false", which Terraform converts. The export was refused ("cannot tell
    # which resource 'r2' is").
    (tmp_path / "api.tf").write_text('''
resource "aws_api_gateway_rest_api" "tfer--abc123_Shop" {
  name = "Shop"
}
resource "aws_api_gateway_resource" "tfer--root1" {
  parent_id   = ""
  path_part   = ""
  rest_api_id = "abc123"
}
resource "aws_api_gateway_resource" "tfer--r1" {
  parent_id   = "root1"
  path_part   = "items"
  rest_api_id = "abc123"
}
resource "aws_api_gateway_resource" "tfer--r2" {
  parent_id   = "r1"
  path_part   = "{id}"
  rest_api_id = "abc123"
}
resource "aws_api_gateway_method" "tfer--abc123-002F-r2-002F-GET" {
  authorization = "NONE"
  http_method   = "GET"
  resource_id   = "r2"
  rest_api_id   = "abc123"
  request_parameters = {
    "method.request.path.id" = "true"
  }
}
resource "aws_api_gateway_method" "tfer--abc123-002F-root1-002F-GET" {
  authorization = "NONE"
  http_method   = "GET"
  resource_id   = "root1"
  rest_api_id   = "abc123"
}
''')
    api = terraform.read(tmp_path)
    assert sorted(str(m) for m in api.methods) == ["GET /", "GET /items/{id}"]
    method = api.find_method("GET", "/items/{id}")
    assert method is not None and method.request_parameters == {"method.request.path.id": True}


def test_a_terraformer_export_names_its_authorizer_by_literal_id(tmp_path: Path) -> None:
    # The export's method writes `authorizer_id = "0w9k"`, the id of the authorizer it
    # names tfer--0w9k: it was "no aws_api_gateway_authorizer of this API", so the TOKEN
    # authorizer's identity source went unchecked.
    (tmp_path / "api.tf").write_text('''
resource "aws_api_gateway_rest_api" "tfer--abc_Db" {
  name = "Db"
}
resource "aws_api_gateway_authorizer" "tfer--0w9k" {
  name            = "LF0"
  rest_api_id     = "abc"
  type            = "TOKEN"
  identity_source = "method.request.header.authToken"
  authorizer_uri  = "arn:aws:apigateway:us-east-2:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-2:123456789012:function:auth/invocations"
}
resource "aws_api_gateway_resource" "tfer--root" {
  parent_id   = ""
  path_part   = ""
  rest_api_id = "abc"
}
resource "aws_api_gateway_method" "tfer--abc-002F-root-002F-POST" {
  authorization = "CUSTOM"
  authorizer_id = "0w9k"
  http_method   = "POST"
  resource_id   = "root"
  rest_api_id   = "abc"
}
''')
    api = terraform.read(tmp_path)
    method = api.find_method("POST", "/")
    assert method is not None and method.authorizer == "LF0"
    assert api.authorizers["LF0"].identity_source == "method.request.header.authToken"
    assert api.warnings == []


def test_an_empty_response_template_of_a_service_integration_is_warned(tmp_path: Path) -> None:
    # A Kinesis proxy writes `"application/json" = <<EOF` / `EOF` under the comment
    # "Passthrough the JSON response": API Gateway stores "" as a null template
    # (aws/aws-cli#1610); what it then sends is not recorded, and nothing said so.
    (tmp_path / "main.tf").write_text(API_HEAD.replace('"POST"', '"GET"') + '''
resource "aws_api_gateway_integration" "i" {
  rest_api_id             = aws_api_gateway_rest_api.a.id
  resource_id             = aws_api_gateway_resource.r.id
  http_method             = aws_api_gateway_method.m.http_method
  type                    = "AWS"
  integration_http_method = "POST"
  uri                     = "arn:aws:apigateway:us-east-1:kinesis:action/ListStreams"
}
resource "aws_api_gateway_method_response" "ok" {
  rest_api_id = aws_api_gateway_rest_api.a.id
  resource_id = aws_api_gateway_resource.r.id
  http_method = aws_api_gateway_method.m.http_method
  status_code = "200"
}
resource "aws_api_gateway_integration_response" "ok" {
  rest_api_id = aws_api_gateway_rest_api.a.id
  resource_id = aws_api_gateway_resource.r.id
  http_method = aws_api_gateway_method.m.http_method
  status_code = aws_api_gateway_method_response.ok.status_code
  response_templates = {
    "application/json" = <<EOF
EOF
  }
}
''')
    api = terraform.read(tmp_path)
    line = _line(tmp_path / "main.tf", '"application/json" = <<EOF')
    assert api.warnings == [
        f"{tmp_path / 'main.tf'}:{line}: GET /r: the 200 response's application/json template "
        "is empty: API Gateway stores it as no template (null); this tool then sends an empty "
        "body, and whether AWS passes the backend's body through instead is not recorded"]


def test_element_wraps_round_and_basename_takes_the_last_part(tmp_path: Path) -> None:
    # A count-driven folder names its models replace(basename(element(local.models,
    # count.index)), ".json", ""): element() and basename() were not evaluated, so the
    # model's file(element(...)) schema failed as "not JSON". Expected values from
    # Terraform's element page (the index wraps round, modulo the length) and basename
    # page (the last part of the path; a trailing slash is dropped).
    _write(tmp_path, '  request_templates = {\n'
                     '    "application/json" = "${element(["a", "b"], 3)} '
                     '${basename("x/y/z.vm")} ${basename("dir/")} ${element(["a", "b"], "0")}"\n'
                     '  }\n')
    assert _request_template(tmp_path) == "b z.vm dir a"
    (tmp_path / "main.tf").write_text(API_HEAD + _integration("MOCK", '''\
  request_templates = {
    "application/json" = element([], 0)
  }
'''))
    with pytest.raises(DefinitionError, match="element\\(\\) cannot take an item of an empty list"):
        terraform.read(tmp_path)


def test_a_model_schema_this_tool_cannot_evaluate_says_why_not_that_it_is_not_json(
        tmp_path: Path) -> None:
    # With element() unevaluated, a model's `schema = file(element(local.models, i))` was
    # refused as "schema is not JSON (Expecting value…)", hiding the function to blame.
    (tmp_path / "main.tf").write_text(API_HEAD + _integration("MOCK", "") + '''
resource "aws_api_gateway_model" "m" {
  rest_api_id  = aws_api_gateway_rest_api.a.id
  name         = "Order"
  content_type = "application/json"
  schema       = file(md5("order.json"))
}
''')
    with pytest.raises(DefinitionError) as raised:
        terraform.read(tmp_path)
    message = str(raised.value)
    assert message.startswith(f"{tmp_path / 'main.tf'}:{_line(tmp_path / 'main.tf', 'md5')}: "
                              "aws_api_gateway_model.m: schema is ${file(md5(\"order.json\"))}")
    assert "function md5()" in message and "not JSON" not in message


METHOD_MODULES = Path(__file__).parent / "data" / "terraform" / "method_modules"


def test_local_modules_adding_methods_to_the_callers_api_are_read() -> None:
    # The "one module per method" layout: the root declares the API and its resources and
    # passes their ids into a local module (here with for_each); the module's method,
    # integration and responses belong to the caller's API, at the caller's resource path.
    api = terraform.read(METHOD_MODULES)
    assert sorted(str(m) for m in api.methods) == ["GET /items", "POST /items"]
    child = METHOD_MODULES / "modules" / "lambda_method" / "main.tf"
    for verb, function in (("GET", "list-items"), ("POST", "add-item")):
        method = api.find_method(verb, "/items")
        assert method is not None and method.integration is not None
        assert method.request_validator == "check-body"  # the caller's validator, by name
        template = method.integration.request_templates["application/json"]
        assert template.text == '{"fn": "' + function + '''", "body": $input.json('$')}'''
        assert (Path(template.source.file), template.source.line) == (
            child, _line(child, '"application/json" ='))
        assert [r.status_code for r in method.integration.responses] == ["200"]
    main = METHOD_MODULES / "main.tf"
    call = _line(main, 'module "items"')
    assert api.warnings == [f"{main}:{call}: the API Gateway resources of module "
                            f"items ({main.parent / 'modules' / 'lambda_method'}) are read into "
                            "this REST API, with the inputs the call gives"]


def test_a_module_call_giving_an_input_the_module_does_not_declare_is_refused(
        tmp_path: Path) -> None:
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "main.tf").write_text(
        'variable "resource_id" {}\nresource "aws_api_gateway_method" "x" {\n'
        '  rest_api_id = "a"\n  resource_id = var.resource_id\n  http_method = "GET"\n'
        '  authorization = "NONE"\n}\n')
    (tmp_path / "main.tf").write_text(
        'resource "aws_api_gateway_rest_api" "a" {\n  name = "a"\n}\n'
        'module "m" {\n  source = "./m"\n  resource = aws_api_gateway_rest_api.a.root_resource_id\n}\n')
    with pytest.raises(DefinitionError, match=r"main\.tf:4: the module call gives resource, but "
                                              r".*m declares no variable 'resource'"):
        terraform.read(tmp_path)


def test_a_method_declared_by_the_root_and_again_by_a_module_is_refused(tmp_path: Path) -> None:
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "main.tf").write_text(
        'variable "resource_id" {}\nresource "aws_api_gateway_method" "x" {\n'
        '  rest_api_id = "a"\n  resource_id = var.resource_id\n  http_method = "POST"\n'
        '  authorization = "NONE"\n}\n')
    (tmp_path / "main.tf").write_text(
        API_HEAD + 'module "m" {\n  source = "./m"\n  resource_id = aws_api_gateway_resource.r.id\n}\n')
    with pytest.raises(DefinitionError, match=r"m/main\.tf:2: POST /r is declared twice \(again "
                                              r"by the module call at .*main\.tf:\d+\)"):
        terraform.read(tmp_path)


def test_several_integration_responses_without_a_selection_pattern_are_warned(
        tmp_path: Path) -> None:
    # Both are "the default"; the pipeline takes the first, so the 400's template never runs.
    (tmp_path / "main.tf").write_text(API_HEAD + _integration("MOCK", "") + "".join(
        f'resource "aws_api_gateway_integration_response" "r{status}" {{\n'
        '  rest_api_id = aws_api_gateway_rest_api.a.id\n'
        '  resource_id = aws_api_gateway_resource.r.id\n'
        f'  http_method = "POST"\n  status_code = "{status}"\n}}\n' for status in (200, 400)))
    from vtl.api.sources import load_api

    api = load_api(tmp_path / "main.tf")
    main = tmp_path / "main.tf"
    line = _line(main, '"aws_api_gateway_integration_response" "r400"')
    assert [w for w in api.warnings if "selection pattern" in w] == [
        f"{main}:{line}: POST /r: 2 integration responses have no selection pattern (200, 400): "
        "each is a default, this tool always takes the first (200) and never 400 (which one API "
        "Gateway takes is not documented); give the others a selection pattern"]


_TWO_EXPORTED_APIS = '''
resource "aws_api_gateway_rest_api" "tfer--aaa111_orders-dev" {
  name = "orders-dev"
}
resource "aws_api_gateway_rest_api" "tfer--bbb222_auth-dev" {
  name = "auth-dev"
}
resource "aws_api_gateway_resource" "tfer--rootA" {
  parent_id   = ""
  path_part   = ""
  rest_api_id = "aaa111"
}
resource "aws_api_gateway_method" "tfer--aaa111-002F-rootA-002F-GET" {
  authorization = "NONE"
  http_method   = "GET"
  resource_id   = "rootA"
  rest_api_id   = "aaa111"
}
resource "aws_api_gateway_gateway_response" "tfer--bbb222-002F-DEFAULT_4XX" {
  response_type = "DEFAULT_4XX"
  rest_api_id   = "bbb222"
  response_templates = {
    "application/json" = "{\\"of\\": \\"auth\\"}"
  }
}
resource "aws_api_gateway_authorizer" "tfer--zz9" {
  name        = "CognitoAuthorizer"
  rest_api_id = "bbb222"
  type        = "COGNITO_USER_POOLS"
}
'''


def test_a_terraformer_export_of_several_apis_keeps_each_part_with_its_api(tmp_path: Path) -> None:
    # The export names REST API blocks tfer--ID_NAME and writes rest_api_id as the literal
    # ID: the auth API's gateway response and authorizer were read into the orders API.
    # The API can be chosen by its name argument too.
    (tmp_path / "api.tf").write_text(_TWO_EXPORTED_APIS)
    for choice in ("tfer--aaa111_orders-dev", "orders-dev"):
        api = terraform.read(tmp_path, {"vtl:api": choice})
        assert api.name == "orders-dev"
        assert [str(m) for m in api.methods] == ["GET /"]
        assert api.gateway_responses == {} and api.authorizers == {}
    auth = terraform.read(tmp_path, {"vtl:api": "auth-dev"})
    assert list(auth.gateway_responses) == ["DEFAULT_4XX"] and list(auth.authorizers) == [
        "CognitoAuthorizer"]


def test_a_terraformer_export_without_its_resources_file_says_so(tmp_path: Path) -> None:
    (tmp_path / "api.tf").write_text(_TWO_EXPORTED_APIS.replace('"rootA"\n  rest_api_id   = "aaa111"\n}',
                                                                '"x7y8"\n  rest_api_id   = "aaa111"\n}'))
    with pytest.raises(DefinitionError, match=r"api\.tf:\d+: cannot tell which resource 'x7y8' is: "
                                              r"this is a Terraformer export .* no aws_api_gateway"
                                              r"_resource \"tfer--x7y8\"; add the export's "
                                              r"api_gateway_resource\.tf"):
        terraform.read(tmp_path, {"vtl:api": "orders-dev"})


API_MODULE_OUTPUTS = Path(__file__).parent / "data" / "terraform" / "api_module_outputs"


def test_a_sibling_module_adds_methods_to_the_api_another_module_outputs() -> None:
    # module.api.id and module.api.root_resource_id are outputs of the module declaring the
    # REST API: the folder's resource and the list_books module's method join that API
    # (they were dropped: "module list_books is not read").
    api = terraform.read(API_MODULE_OUTPUTS)
    assert api.name == "library"
    assert [str(m) for m in api.methods] == ["GET /books"]
    method = api.methods[0]
    assert method.request_validator == "params-only"
    # Terraform converts "1"/"0" to a bool where one is expected (go-cty)
    assert method.request_parameters == {"method.request.querystring.author": True,
                                         "method.request.querystring.page": False}
    assert api.request_validators["params-only"].validate_request_parameters is True
    assert not [w for w in api.warnings if "named by no method" in w or "is not read" in w]


def test_a_module_output_that_is_not_declared_is_named(tmp_path: Path) -> None:
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "main.tf").write_text(
        'resource "aws_api_gateway_rest_api" "a" {\n  name = "a"\n}\n')
    (tmp_path / "main.tf").write_text(
        'module "m" {\n  source = "./m"\n}\n'
        'resource "aws_api_gateway_resource" "r" {\n  rest_api_id = module.m.id\n'
        '  parent_id = module.m.root\n  path_part = "r"\n}\n'
        'resource "aws_api_gateway_method" "g" {\n  rest_api_id = module.m.id\n'
        '  resource_id = aws_api_gateway_resource.r.id\n  http_method = "GET"\n'
        '  authorization = "NONE"\n}\n')
    with pytest.raises(DefinitionError, match=r"main\.tf:\d+: module\.m\.id: module m \(.*m\) "
                                              r"declares no output 'id'"):
        terraform.read(tmp_path)


def test_a_lambda_module_gives_its_invoke_arn_in_the_callers_region(tmp_path: Path) -> None:
    # module.fn.arn is the output of a local module declaring the function; Terraform passes
    # the root's aws provider down, so the ARN is in the root's region (was us-east-1, the
    # sample), and a module with no API Gateway resource drops nothing (was "not read").
    (tmp_path / "fn").mkdir()
    (tmp_path / "fn" / "main.tf").write_text(
        'variable "name" {}\nresource "aws_lambda_function" "f" {\n'
        '  function_name = "${var.name}-fn"\n}\noutput "arn" {\n'
        '  value = aws_lambda_function.f.invoke_arn\n}\n')
    (tmp_path / "main.tf").write_text(
        'provider "aws" {\n  region = "ap-south-1"\n}\n'
        'module "fn" {\n  source = "./fn"\n  name   = "hello"\n}\n' + API_HEAD + _integration(
            "AWS", '  integration_http_method = "POST"\n  uri = module.fn.arn\n'))
    api = terraform.read(tmp_path)
    method = api.find_method("POST", "/r")
    assert method is not None and method.integration is not None
    assert method.integration.uri == (
        "arn:aws:apigateway:ap-south-1:lambda:path/2015-03-31/functions/"
        "arn:aws:lambda:ap-south-1:123456789012:function:hello-fn/invocations")
    assert api.warnings == []


def test_a_template_file_data_source_is_rendered_with_its_vars(tmp_path: Path) -> None:
    # data.template_file.NAME.rendered (the template provider) was a placeholder, and the
    # REST API body built from it was refused ("body must be an OpenAPI document").
    (tmp_path / "api.yaml").write_text(
        "openapi: 3.0.1\ninfo:\n  title: t\n  version: '1'\npaths:\n  /ping:\n    get:\n"
        "      x-amazon-apigateway-integration:\n        type: MOCK\n        requestTemplates:\n"
        "          application/json: '{\"statusCode\": ${code}, \"env\": \"$${stageVariables.env}\"}'\n"
        "        responses:\n          default:\n            statusCode: '200'\n")
    (tmp_path / "main.tf").write_text(
        'data "template_file" "spec" {\n  template = file("api.yaml")\n'
        '  vars = {\n    code = 200\n  }\n}\n'
        'resource "aws_api_gateway_rest_api" "a" {\n  name = "a"\n'
        '  body = data.template_file.spec.rendered\n}\n')
    api = terraform.read(tmp_path)
    method = api.find_method("GET", "/ping")
    assert method is not None and method.integration is not None
    template = method.integration.request_templates["application/json"]
    assert template.text == '{"statusCode": 200, "env": "${stageVariables.env}"}'
    assert (Path(template.source.file), template.source.line) == (tmp_path / "api.yaml", 11)


def test_a_block_name_terraform_refuses_is_named_at_its_line(tmp_path: Path) -> None:
    # Terraform 0.11 took resource "aws_api_gateway_method_response" "301"; 0.12+ refuses the
    # name. The error was at a reference to it: "'aws_api_gateway_method_response' is not a
    # reference this reader knows".
    (tmp_path / "main.tf").write_text(API_HEAD + _integration("MOCK", "") + (
        'resource "aws_api_gateway_method_response" "301" {\n'
        '  rest_api_id = aws_api_gateway_rest_api.a.id\n'
        '  resource_id = aws_api_gateway_resource.r.id\n'
        '  http_method = "POST"\n  status_code = "301"\n}\n'
        'resource "aws_api_gateway_integration_response" "r" {\n'
        '  rest_api_id = aws_api_gateway_rest_api.a.id\n'
        '  resource_id = aws_api_gateway_resource.r.id\n'
        '  http_method = "POST"\n'
        '  status_code = aws_api_gateway_method_response.301.status_code\n}\n'))
    main = tmp_path / "main.tf"
    line = _line(main, '"301" {')
    with pytest.raises(DefinitionError, match=(
            rf"main\.tf:{line}: resource 'aws_api_gateway_method_response' "
            r"'301': '301' is not a valid name: it must start with a letter or underscore")):
        terraform.read(tmp_path)
    (tmp_path / "main.tf").write_text(API_HEAD.replace('"m" {', '"méthode_1" {'))
    assert [str(m) for m in terraform.read(tmp_path).methods] == ["POST /r"]


def test_the_invoke_arn_of_a_function_with_a_generated_name_is_still_a_lambda_uri(
        tmp_path: Path) -> None:
    # function_name = random_pet.x.id: the invoke ARN was the bare placeholder
    # ${aws_lambda_function.f.invoke_arn}, so the integration was taken for an AWS service
    # (its selection patterns matched against status codes; --lambda-result refused).
    (tmp_path / "main.tf").write_text(
        'provider "aws" {\n  region = "eu-west-3"\n}\nresource "random_pet" "x" {}\n'
        'resource "aws_lambda_function" "f" {\n  function_name = random_pet.x.id\n}\n'
        + API_HEAD + _integration("AWS", '  integration_http_method = "POST"\n'
                                         '  uri = aws_lambda_function.f.invoke_arn\n'))
    from vtl.api.integration import is_lambda

    method = terraform.read(tmp_path).find_method("POST", "/r")
    assert method is not None and method.integration is not None
    assert method.integration.uri == ("arn:aws:apigateway:eu-west-3:lambda:path/2015-03-31/"
                                      "functions/${aws_lambda_function.f.arn}/invocations")
    assert is_lambda(method.integration)
    given = terraform.read(tmp_path, {"aws_lambda_function.f.arn": "arn:aws:lambda:eu-west-3:1:function:g"})
    assert given.methods[0].integration is not None
    assert given.methods[0].integration.uri == (
        "arn:aws:apigateway:eu-west-3:lambda:path/2015-03-31/functions/"
        "arn:aws:lambda:eu-west-3:1:function:g/invocations")


def test_more_terraform_functions_are_evaluated(tmp_path: Path) -> None:
    # A generic module keys its methods "PATH VERB" and takes them apart with split() and
    # trimprefix(): split() was not evaluated, so no resource path could be worked out.
    # Expected values from Terraform's functions pages (split: Go's strings.Split; substr:
    # a negative offset counts from the end, -1 runs to the end; title: each word's first
    # letter upper-cased; urlencode: a space becomes +; indent: every line but the first).
    _write(tmp_path, '  request_templates = {\n'
                     '    "application/json" = join("|", [\n'
                     '      join(",", split(" ", "/a GET")), trimprefix("/items", "/"),\n'
                     '      trimsuffix("x.vm", ".vm"), substr("hello", -3, -1), substr("hello", 1, 2),\n'
                     '      title("get items"), urlencode("a b&c"), indent(2, "x\\ny"),\n'
                     '      jsonencode(zipmap(["k1", "k2"], [1, 2])), jsonencode(range(3)),\n'
                     '      jsonencode(slice(["a", "b", "c"], 1, 3)), jsonencode(reverse([1, 2])),\n'
                     '      jsonencode(sort(["b", "a"])), index(["a", "b"], "b"), one(["only"]),\n'
                     '      jsonencode(compact(["a", "", "b"])), sum([1, 2.5]), max(3, 7), min(3, 7),\n'
                     '      tonumber("4"), tobool("true"), startswith("abc", "ab"),\n'
                     '      strcontains("abc", "x"), base64encode("hi"), base64decode("aGk="),\n'
                     '      trim("--x--", "-"), nonsensitive(sensitive("s")), dirname("a/b/c.tf"),\n'
                     '    ])\n'
                     '  }\n')
    assert _request_template(tmp_path) == (
        '/a,GET|items|x|llo|el|Get Items|a+b%26c|x\n  y|{"k1":1,"k2":2}|[0,1,2]|["b","c"]|[2,1]'
        '|["a","b"]|1|only|["a","b"]|3.5|7|3|4|true|true|false|aGk=|hi|x|s|a/b')
    _write(tmp_path, '  request_templates = {\n    "application/json" = base64decode("%%%")\n  }\n')
    with pytest.raises(DefinitionError, match=r"main\.tf:\d+: base64decode\(\"%%%\"\): "):
        terraform.read(tmp_path)


def test_a_resource_looked_up_by_path_and_a_null_map_argument(tmp_path: Path) -> None:
    # data "aws_api_gateway_resource" finds a resource by path ("/": the root); its id was a
    # placeholder, so the method's path could not be told. A map argument set to null (a
    # lookup(..., null) default) is Terraform's "not written"; it was "must be a map".
    (tmp_path / "main.tf").write_text(
        'resource "aws_api_gateway_rest_api" "a" {\n  name = "a"\n}\n'
        'data "aws_api_gateway_resource" "root" {\n'
        '  rest_api_id = aws_api_gateway_rest_api.a.id\n  path = "/"\n}\n'
        'resource "aws_api_gateway_method" "get" {\n'
        '  rest_api_id = aws_api_gateway_rest_api.a.id\n'
        '  resource_id = data.aws_api_gateway_resource.root.id\n'
        '  http_method = "GET"\n  authorization = "NONE"\n  request_parameters = null\n}\n')
    api = terraform.read(tmp_path)
    assert [str(m) for m in api.methods] == ["GET /"]
    assert api.methods[0].request_parameters == {}


def test_a_module_may_add_the_integration_of_a_method_its_caller_declares(tmp_path: Path) -> None:
    # An integration module called for a method the root declares was refused: "no
    # aws_api_gateway_method declares GET /r" (only the module's own methods were looked at).
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "main.tf").write_text(
        'variable "resource_id" {}\nresource "aws_api_gateway_integration" "i" {\n'
        '  rest_api_id = "a"\n  resource_id = var.resource_id\n  http_method = "POST"\n'
        '  type = "MOCK"\n  request_templates = {\n'
        '    "application/json" = "{\\"statusCode\\": 200}"\n  }\n}\n')
    (tmp_path / "main.tf").write_text(
        API_HEAD + 'module "m" {\n  source = "./m"\n  resource_id = aws_api_gateway_resource.r.id\n}\n')
    api = terraform.read(tmp_path)
    method = api.find_method("POST", "/r")
    assert method is not None and method.integration is not None
    assert method.integration.type == "MOCK"
    assert method.integration.request_templates["application/json"].text == '{"statusCode": 200}'
    assert Path(method.integration.source.file) == tmp_path / "m" / "main.tf"


def test_an_output_of_a_module_called_with_for_each_is_read_per_instance(tmp_path: Path) -> None:
    # module.fn["hello"].arn: the output of one instance of a local module called with for_each
    # (it stayed a placeholder "an output of module.fn, a module this tool does not read").
    (tmp_path / "fn").mkdir()
    (tmp_path / "fn" / "main.tf").write_text(
        'variable "name" {}\nresource "aws_lambda_function" "f" {\n'
        '  function_name = "${var.name}-fn"\n}\noutput "arn" {\n'
        '  value = aws_lambda_function.f.invoke_arn\n}\n')
    (tmp_path / "main.tf").write_text(
        'module "fn" {\n  for_each = toset(["hello", "bye"])\n  source = "./fn"\n'
        '  name = each.key\n}\n' + API_HEAD + _integration(
            "AWS", '  integration_http_method = "POST"\n  uri = module.fn["bye"].arn\n'))
    method = terraform.read(tmp_path).find_method("POST", "/r")
    assert method is not None and method.integration is not None
    assert method.integration.uri == (
        "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
        "arn:aws:lambda:us-east-1:123456789012:function:bye-fn/invocations")


def test_a_stage_name_api_gateway_refuses_is_warned_at_its_line(tmp_path: Path) -> None:
    # a generated .tf.json wrote stage_name "$default" (HTTP APIs' default stage) on a REST
    # API's deployment: API Gateway refuses it, and the file was read without a word
    _write(tmp_path, "", deploy_tf=(
        'resource "aws_api_gateway_deployment" "d" {\n'
        "  rest_api_id = aws_api_gateway_rest_api.a.id\n"
        '  stage_name  = "$default"\n'
        "}\n"
        'resource "aws_api_gateway_stage" "ok" {\n'
        "  rest_api_id   = aws_api_gateway_rest_api.a.id\n"
        "  deployment_id = aws_api_gateway_deployment.d.id\n"
        '  stage_name    = "v1_beta-2"\n'
        "}\n"))
    api = terraform.read(tmp_path)
    refused = [w.replace(f"{tmp_path}/", "") for w in api.warnings if "stage name" in w]
    assert refused == [
        "deploy.tf:3: aws_api_gateway_deployment.d: the stage name '$default' is refused by "
        "API Gateway: a REST API's stage names hold only letters, digits, '-' and '_' (at most "
        "128) ($default is a stage of HTTP APIs only); this tool runs it as written"]
    assert set(api.stages) == {"$default", "v1_beta-2"}


MODULE_OBJECTS = Path(__file__).parent / "data" / "terraform" / "module_objects"


def test_a_module_outputting_a_whole_resource_and_for_each_over_a_module() -> None:
    # for_each = module.paths (the map of its instances) was refused ("for_each must be a
    # map or a set of strings"), and var.api_resource.id of a resource output whole named no
    # resource; an authorizer_id variable defaulting to "" was warned about as an authorizer
    api = terraform.read(MODULE_OBJECTS)
    assert sorted(str(m) for m in api.methods) == ["GET /gpkg", "GET /shp"]
    shp = api.find_method("GET", "/shp")
    assert shp.authorizer is None
    template = shp.integration.responses[0].response_templates["application/json"]
    assert template.text == '{"format": "shp", "part": "shp"}'
    assert not [w for w in api.warnings if "authorizer" in w]


def test_a_module_call_missing_a_required_variable_is_warned(tmp_path: Path) -> None:
    # Terraform refuses a call that gives no value for a variable without a default; the
    # module was read without a word when the variable was not used
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "main.tf").write_text(
        'variable "rest_api_id" {}\nvariable "service_url" {\n  type = string\n}\n'
        'variable "opt" {\n  default = null\n}\n'
        'variable "parent_id" {}\nresource "aws_api_gateway_resource" "r" {\n'
        '  rest_api_id = var.rest_api_id\n  parent_id   = var.parent_id\n  path_part   = "r"\n}\n')
    (tmp_path / "main.tf").write_text(
        'resource "aws_api_gateway_rest_api" "a" {\n  name = "a"\n}\n'
        'module "m" {\n  source      = "./m"\n  rest_api_id = aws_api_gateway_rest_api.a.id\n'
        '  parent_id   = aws_api_gateway_rest_api.a.root_resource_id\n}\n')
    api = terraform.read(tmp_path)
    assert [w.replace(f"{tmp_path}/", "") for w in api.warnings if "requires" in w] == [
        "main.tf:4: the module call gives no service_url, which m requires (variable "
        "service_url at m/main.tf:2 has no default): Terraform refuses the call (\"Missing "
        "required argument\")"]


def test_a_wrong_resource_id_given_through_a_module_call_names_the_call(tmp_path: Path) -> None:
    # a caller passing its integration (whose id is no resource id) as the module's resource:
    # the error pointed only into the module
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "main.tf").write_text(
        'variable "rest_api_id" {}\nvariable "api_resource" {}\n'
        'resource "aws_api_gateway_method" "get" {\n  rest_api_id   = var.rest_api_id\n'
        '  resource_id   = var.api_resource.id\n  http_method   = "GET"\n'
        '  authorization = "NONE"\n}\n')
    (tmp_path / "main.tf").write_text(
        'resource "aws_api_gateway_rest_api" "a" {\n  name = "a"\n}\n'
        'resource "aws_api_gateway_method" "root" {\n  rest_api_id   = aws_api_gateway_rest_api.a.id\n'
        '  resource_id   = aws_api_gateway_rest_api.a.root_resource_id\n  http_method   = "GET"\n'
        '  authorization = "NONE"\n}\n'
        'resource "aws_api_gateway_integration" "i" {\n  rest_api_id = aws_api_gateway_rest_api.a.id\n'
        '  resource_id = aws_api_gateway_rest_api.a.root_resource_id\n  http_method = "GET"\n'
        '  type        = "MOCK"\n}\n'
        'module "m" {\n  source       = "./m"\n  rest_api_id  = aws_api_gateway_rest_api.a.id\n'
        '  api_resource = aws_api_gateway_integration.i\n}\n')
    with pytest.raises(DefinitionError, match=(
            r"m/main.tf:5: cannot tell which resource \$\{aws_api_gateway_integration\.i\.id\} is: "
            r".*root_resource_id \(var\.api_resource\.id is given by the module call at "
            r".*main\.tf:16\)")):
        terraform.read(tmp_path)

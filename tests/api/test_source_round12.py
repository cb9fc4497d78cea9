"""Findings of the twelfth round of real-world definition files (/work/realworld12), each
with a small fixture written in the test or under ``data/round12``; expected values come
from the references cited in each test."""

from __future__ import annotations

from pathlib import Path

import pytest

from vtl.api import load_api
from vtl.api.sources.document import DefinitionError


def _terraform(tmp_path: Path, text: str) -> Path:
    (tmp_path / "main.tf").write_text(text)
    return tmp_path


def test_a_terraform_file_cut_short_names_the_block_left_open(tmp_path: Path) -> None:
    # Ashok-2017/Kinetic_pro_sre_task, aws_api_gateway/main.tf: the file ends inside
    # `resource "aws_api_gateway_stage" "live" {` (line 5 here). Terraform answers
    # "Unclosed configuration block: There is no closing brace for this block before the
    # end of the file" at the block's opening line (hashicorp/hcl, hclsyntax parser); we
    # named the end of the file ("unexpected input at column 1").
    folder = _terraform(tmp_path, (
        'resource "aws_api_gateway_rest_api" "main" {\n'
        '  name = "api-${local.env}"  # a comment with {\n'
        '}\n'
        '\n'
        'resource "aws_api_gateway_stage" "live" {\n'
        '  rest_api_id = aws_api_gateway_rest_api.main.id\n'
        '  description = <<EOF\n'
        'a heredoc with { and "\n'
        'EOF\n'
        '  variables = { a = "}" }\n'
        '  stage_name    = "live"\n'
        '\n'))
    with pytest.raises(DefinitionError, match=r"main\.tf:5: not valid HCL \(Terraform\): "
                       r"this block is never closed with '\}'"):
        load_api(folder)


def test_garbage_before_the_end_is_still_named_at_its_column(tmp_path: Path) -> None:
    # Ashok-2017/Kinetic_pro_sre_task, .../api_gw_method_with_request_modules/main.tf ends
    # with an editor's status line (`"main.tf" 76L, 2308B`) inside an open block: the first
    # thing Terraform cannot read is that line, so that is what is named.
    folder = _terraform(tmp_path, (
        'resource "aws_api_gateway_gateway_response" "r" {\n'
        '  response_templates = {\n'
        '    "application/json" = "{}"\n'
        '"main.tf" 76L, 2308B\n'))
    with pytest.raises(DefinitionError, match=r"main\.tf:4: .*unexpected input at column 11"):
        load_api(folder)


def test_a_jsonencode_body_locates_each_method_at_its_key(tmp_path: Path) -> None:
    # The aws_api_gateway_rest_api reference's OpenAPI example (terraform-provider-aws docs,
    # api_gateway_rest_api.html.markdown) writes `body = jsonencode({ … paths = {
    # (var.rest_api_path) = { get = { x-amazon-apigateway-integration = { … } } } } })`.
    # Each method and template was located at the `body =` line (line 3 here), so every
    # method of a large body pointed at one line.
    folder = _terraform(tmp_path, (
        'variable "rest_api_path" { default = "/path1" }\n'
        'resource "aws_api_gateway_rest_api" "example" {\n'
        '  body = jsonencode({\n'
        '    openapi = "3.0.1"\n'
        '    info = { title = "example", version = "1.0" }\n'
        '    paths = {\n'
        '      (var.rest_api_path) = {\n'
        '        get = {\n'
        '          x-amazon-apigateway-integration = {\n'
        '            type = "MOCK"\n'
        '            requestTemplates = {\n'
        '              "application/json" = "{\\"statusCode\\": 200}"\n'
        '            }\n'
        '            responses = { default = { statusCode = "200" } }\n'
        '          }\n'
        '        }\n'
        '        post = merge({ x-amazon-apigateway-integration = { type = "MOCK" } }, {})\n'
        '      }\n'
        '    }\n'
        '  })\n'
        '  name = "example"\n'
        '}\n'))
    api = load_api(folder)
    get, post = api.find_method("GET", "/path1"), api.find_method("POST", "/path1")
    assert get is not None and get.source is not None and get.source.line == 8
    assert get.integration is not None
    assert get.integration.request_templates["application/json"].source.line == 12
    # an object a function built (merge) has no lines of its own: its key's line is used
    assert post is not None and post.source is not None and post.source.line == 17

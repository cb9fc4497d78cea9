"""A ``templatefile()`` OpenAPI body written with ``%{for}`` and ``%{if}`` directives: the
methods, templates and errors point at the template's own lines (each rendered line's
first character is where it was written), not at lines of the rendered text."""

from __future__ import annotations

from pathlib import Path

import pytest

from vtl.api.sources import terraform
from vtl.api.sources.document import DefinitionError

MAIN = '''resource "aws_api_gateway_rest_api" "api" {
  name = "lines"
  body = templatefile("${path.module}/api.tpl", { routes = { "/gamma" = "get", "/delta" = "put" }, cors = true })
}
'''

TEMPLATE = '''{
  "openapi": "3.0.1",
  "info": {"title": "lines", "version": "1"},
  "paths": {
%{ for path, verb in routes ~}
    "${path}": {
      "${verb}": {
        "x-amazon-apigateway-integration": {
          "type": "mock",
          "requestTemplates": {"application/json": "{\\"statusCode\\": 200}"}
        }
      }%{ if cors },
      "options": {
        "x-amazon-apigateway-integration": {"type": "mock"}
      }%{ endif }
    }%{ if path != keys(routes)[length(routes) - 1] },%{ endif }
%{ endfor ~}
  }
}
'''


def _folder(tmp_path: Path, template: str) -> Path:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    (tmp_path / "api.tpl").write_text(template, encoding="utf-8")
    return tmp_path


def _line(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_methods_and_templates_in_a_for_loop_point_at_the_template_lines(tmp_path: Path) -> None:
    api = terraform.read(_folder(tmp_path, TEMPLATE))
    methods = {str(m): m for m in api.methods}
    assert sorted(methods) == ["GET /gamma", "OPTIONS /delta", "OPTIONS /gamma", "PUT /delta"]
    for name in ("PUT /delta", "GET /gamma"):
        source = methods[name].source
        assert (Path(source.file).name, source.line) == ("api.tpl", _line(TEMPLATE, '"${verb}": {'))
        template = methods[name].integration.request_templates["application/json"]
        assert template.source.line == _line(TEMPLATE, '"requestTemplates"')
    options = methods["OPTIONS /gamma"].source
    assert options.line == _line(TEMPLATE, '"options": {')


def test_a_json_error_inside_the_loop_is_at_its_template_line(tmp_path: Path) -> None:
    # broken in the loop's second turn only, whose rendered lines are not the template's
    broken = TEMPLATE.replace('"type": "mock",\n', '"type": "mock",%{ if path == "/gamma" } oops%{ endif }\n')
    with pytest.raises(DefinitionError) as error:
        terraform.read(_folder(tmp_path, broken))
    assert Path(error.value.source.file).name == "api.tpl"
    assert error.value.source.line == _line(broken, "oops")

"""Start-up work: ``import vtl`` loads nothing it can defer, and a template found in the
on-disk cache runs without the parser, the syntax tree or the code generator."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

NEW_MODULES = """
import json, sys
before = set(sys.modules)
{code}
print(json.dumps(sorted(set(sys.modules) - before)))
"""


def modules_loaded_by(code: str, env: dict[str, str] | None = None) -> list[str]:
    result = subprocess.run([sys.executable, "-c", NEW_MODULES.format(code=code)],
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_import_vtl_loads_only_the_error_classes() -> None:
    loaded = {name for name in modules_loaded_by("import vtl") if name.startswith("vtl")}
    assert loaded == {"vtl", "vtl.errors"}


def test_the_engine_loads_on_first_use() -> None:
    loaded = modules_loaded_by("import vtl\nvtl.Template('$a', profile='velocity').render({'a': 1})")
    assert {"vtl.template", "vtl.parser", "vtl.compiler"} <= set(loaded)
    assert not any(name.startswith("vtl.apigw") for name in loaded)  # the core stays apart


def test_a_cached_template_runs_without_parser_or_compiler(tmp_path: Path) -> None:
    env = dict(os.environ, VTL_CACHE_DIR=str(tmp_path))
    env.pop("VTL_NO_CACHE", None)
    render = "import vtl\nassert vtl.Template('#foreach($i in [1..3])$i#end', profile='velocity').render() == '123'"
    first = modules_loaded_by(render, env)
    assert "vtl.parser" in first  # compiled, and stored
    again = modules_loaded_by(render, env)
    assert not {"vtl.parser", "vtl.compiler", "vtl.nodes", "vtl.builder", "lark"} & set(again)

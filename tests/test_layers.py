"""The layers stay honest (CONTRIBUTING.md, "Pipeline and modules"):

- vtl/java knows Java value semantics and nothing else of vtl;
- the core (vtl/*.py) never imports vtl.apigw, except the public façade and the tools
  built on both (vtl/__init__.py, the CLI, the pytest plugin);
- vtl/apigw may use the core and vtl/java.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "vtl"
FACADES = {"__init__.py", "__main__.py", "cli.py", "pytest_plugin.py"}


def vtl_imports(path: Path) -> set[str]:
    """The vtl modules a file imports (absolute names)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names if alias.name.startswith("vtl")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("vtl"):
            names |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return names


@pytest.mark.parametrize("path", sorted((PACKAGE / "java").glob("*.py")), ids=lambda p: p.name)
def test_java_layer_imports_only_itself(path: Path) -> None:
    outside = {name for name in vtl_imports(path) if not name.startswith("vtl.java")}
    assert not outside, f"vtl/java/{path.name} imports {sorted(outside)}"


@pytest.mark.parametrize(
    "path", sorted(p for p in PACKAGE.glob("*.py") if p.name not in FACADES), ids=lambda p: p.name
)
def test_core_does_not_import_the_api_gateway_layer(path: Path) -> None:
    apigw = {name for name in vtl_imports(path) if name.startswith("vtl.apigw")}
    assert not apigw, f"vtl/{path.name} imports {sorted(apigw)}"


def test_the_rules_see_imports() -> None:
    # guard against a vacuous pass: the parser does import the lexer and the java layer is used
    assert "vtl.lexer" in vtl_imports(PACKAGE / "parser.py")
    assert any(name.startswith("vtl.java") for name in vtl_imports(PACKAGE / "runtime.py"))

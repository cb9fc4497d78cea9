"""The layers stay honest (CONTRIBUTING.md, "Pipeline and modules"):

- vtl/java knows Java value semantics and nothing else of vtl;
- the core (vtl/*.py) never imports vtl.apigw, except the public façade and the tools
  built on both (vtl/__init__.py, the CLI and its cli_*.py modules, the golden cases of
  vtl/cases.py, the pytest plugin);
- vtl/apigw may use the core and vtl/java, never vtl.api;
- vtl/api (the REST API model, pipeline and readers) sits on top: only the façade, the CLI
  (vtl/cli.py and its command modules, vtl/cli_*.py) and the pytest plugin import it.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "vtl"
FACADES = {
    "__init__.py", "__main__.py", "cli.py", "cli_invoke.py", "cli_cases.py", "cli_watch.py",
    "cli_routes.py", "cases.py", "pytest_plugin.py", "pytest_api.py",
}


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


LOWER_LAYERS = sorted(
    [p for p in PACKAGE.glob("*.py") if p.name not in FACADES]
    + list((PACKAGE / "java").glob("*.py"))
    + list((PACKAGE / "apigw").glob("*.py")),
)


@pytest.mark.parametrize("path", LOWER_LAYERS, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_the_top_imports_the_rest_api_layer(path: Path) -> None:
    api = {name for name in vtl_imports(path) if name.startswith("vtl.api") and not name.startswith("vtl.apigw")}
    assert not api, f"{path.relative_to(PACKAGE)} imports {sorted(api)}"


def test_the_rules_see_imports() -> None:
    # guard against a vacuous pass: the parser does import the lexer and the java layer is used
    assert "vtl.lexer" in vtl_imports(PACKAGE / "parser.py")
    assert any(name.startswith("vtl.java") for name in vtl_imports(PACKAGE / "runtime.py"))

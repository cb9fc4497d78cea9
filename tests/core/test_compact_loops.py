"""The compact form of loop bodies (vtl.compiler.COMPACT_TEMPLATE_CHARS), which only
templates past that size get: every conformance case with a ``#foreach`` is rendered again
with it forced, so both forms of generated code are checked against the recordings."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from vtl import compiler, template
from vtl.template import compile_unit

_CONFORMANCE = Path(__file__).resolve().parents[1] / "test_conformance.py"


def _conformance_module():
    spec = importlib.util.spec_from_file_location("conformance_checks", _CONFORMANCE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def compact(monkeypatch: pytest.MonkeyPatch):
    """Every template compiled in the compact form, none taken from a cache."""
    monkeypatch.setattr(compiler, "COMPACT_TEMPLATE_CHARS", 0)
    monkeypatch.setenv("VTL_NO_CACHE", "1")
    template._compile.cache_clear()  # type: ignore[attr-defined]
    yield
    template._compile.cache_clear()  # type: ignore[attr-defined]


def test_loop_bodies_read_properties_through_helpers_when_compact(compact):
    source = "#foreach($i in $list)$i.name,#end"
    code = compile_unit(source, "apigateway", "t").python_source
    assert "path_empty(item1, 'name')" in code and ".get('name')" not in code


def test_loop_bodies_read_properties_inline_below_the_size():
    code = compile_unit("#foreach($i in $list)$i.name,#end", "apigateway", "t").python_source
    assert ".get('name')" in code and "path_empty(item1" not in code


def test_conformance_cases_with_loops_pass_in_the_compact_form(compact):
    checks = _conformance_module()
    run = 0
    failures = []
    for param in checks._render_params():
        case, profile = param.values
        if param.id in checks.XFAIL or "foreach" not in checks.read_text(case / "template.vm"):
            continue
        run += 1
        try:
            checks.test_conformance(case, profile)
        except BaseException as error:  # noqa: BLE001 - collected and reported below
            failures.append(f"{param.id}: {type(error).__name__}: {error}"[:300])
    assert run > 100  # the corpus has a few hundred loop cases
    assert not failures, "\n".join(failures)

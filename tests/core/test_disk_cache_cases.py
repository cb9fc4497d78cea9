"""A template loaded from the on-disk cache renders exactly as the freshly compiled one,
on a spread of the conformance suite's Velocity cases (both profiles): output, or the
error message with its line and column."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import vtl
from vtl import cache, template
from vtl.errors import TemplateError

CASES = Path(__file__).resolve().parents[2] / "conformance" / "cases" / "velocity"
SAMPLE = sorted(CASES.rglob("template.vm"))[::10]


def outcome(source: str, profile: str, variables: dict[str, object]) -> str:
    try:
        return "output: " + vtl.Template(source, profile=profile, name="case.vm").render(variables)
    except TemplateError as error:
        return f"error: {error}"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("VTL_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("VTL_NO_CACHE", raising=False)
    monkeypatch.setattr(cache, "_known_bytes", None)
    return tmp_path


def test_cached_templates_render_as_compiled_ones(folder: Path) -> None:
    assert len(SAMPLE) > 30
    loaded = 0
    for path in SAMPLE:
        source = path.read_text(encoding="utf-8")
        vars_file = path.with_name("vars.json")
        variables = json.loads(vars_file.read_text(encoding="utf-8")) if vars_file.exists() else {}
        for profile in ("velocity", "apigateway"):
            template._compile.cache_clear()
            compiled = outcome(source, profile, json.loads(json.dumps(variables)))
            template._compile.cache_clear()
            if cache.load(source, profile, "case.vm") is not None:
                loaded += 1
            cached = outcome(source, profile, json.loads(json.dumps(variables)))
            assert cached == compiled, f"{path.parent.name} ({profile})"
    assert loaded > 30  # most sampled templates compile, so most came from the cache

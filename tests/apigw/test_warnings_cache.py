"""Template warnings are kept in the on-disk cache (vtl/cache.py) beside the compiled
template: a new process reporting them does not parse the template again."""

from __future__ import annotations

from pathlib import Path

import pytest

import vtl.parser
from vtl.apigw import warnings

TEMPLATE = '#set($x = $contxt.requestId)\n{"a": "$input.json(\'$\')", "b": "$x.toUpperCase()"}\n'


def reports(found: list[warnings.TemplateWarning]) -> list[tuple[str, str, int, int, int, str]]:
    return [(w.code, w.message, w.line, w.column, w.length, w.format()) for w in found]


def test_warnings_from_the_cache_are_the_computed_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VTL_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("VTL_NO_CACHE", raising=False)
    warnings._cached_warnings.cache_clear()
    computed = warnings.find_warnings(TEMPLATE, "t.vm")
    assert computed, "the template must have warnings for this test to mean anything"
    warnings._cached_warnings.cache_clear()

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed although the warnings were cached")

    monkeypatch.setattr(vtl.parser, "parse", refuse)
    cached = warnings.find_warnings(TEMPLATE, "t.vm")
    assert all(isinstance(w, warnings.TemplateWarning) for w in cached)
    assert reports(cached) == reports(computed)
    warnings._cached_warnings.cache_clear()

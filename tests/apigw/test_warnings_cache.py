"""Template warnings are kept in the on-disk cache (vtl/cache.py) beside the compiled
template: a new process reporting them does not parse the template again."""

from __future__ import annotations

from pathlib import Path

import pytest

import vtl
import vtl.parser
import vtl.template
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


def count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts vtl.parser.parse is called with from now on, in order."""
    calls: list[str] = []
    real = vtl.parser.parse

    def counting(text: str, **kwargs: object) -> object:
        calls.append(text)
        return real(text, **kwargs)

    monkeypatch.setattr(vtl.parser, "parse", counting)
    return calls


def test_checking_and_compiling_a_template_parse_it_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # `vtl render` checks a template for warnings and compiles it: one parse serves both
    # (a dense 300 KB template takes most of a second to parse; issue 14)
    monkeypatch.setenv("VTL_NO_CACHE", "1")
    source = TEMPLATE + "## parsed once\n"
    calls = count_parses(monkeypatch)
    warnings._cached_warnings.cache_clear()
    assert warnings.find_warnings(source, "t.vm")
    assert "ID" not in vtl.Template(source, name="t.vm").render({})  # compiled, not cached
    assert calls == [source]
    vtl.template._compile.cache_clear()  # type: ignore[attr-defined]
    vtl.Template(source, name="t.vm")
    assert calls == [source, source]  # an emptied cache forgets the kept parse too
    warnings._cached_warnings.cache_clear()


def test_the_stage_variables_read_come_from_the_cache_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # `vtl render`'s note about unset stage variables: a warm cache parses nothing for it
    # (it cost a 300 KB template's whole parse again; issue 14)
    monkeypatch.setenv("VTL_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("VTL_NO_CACHE", raising=False)
    source = "$stageVariables.table $stageVariables.get('url') $stageVariables['table'] ## cached\n"
    vtl.parser.forget_last_parse()
    assert warnings.stage_variables_read(source, "t.vm") == ["table", "url"]
    vtl.parser.forget_last_parse()

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed although the stage variables were cached")

    monkeypatch.setattr(vtl.parser, "parse", refuse)
    assert warnings.stage_variables_read(source, "t.vm") == ["table", "url"]


def test_vtl_render_parses_a_template_once_for_its_stage_variable_note(monkeypatch: pytest.MonkeyPatch,
                                                                       tmp_path: Path) -> None:
    # the note asked for the template under no name, so the render's parse was not reused
    monkeypatch.setenv("VTL_NO_CACHE", "1")
    monkeypatch.chdir(tmp_path)
    source = "{\"t\": \"$stageVariables.other\"} ## parsed once by vtl render\n"
    (tmp_path / "t.vm").write_text(source, encoding="utf-8")
    calls = count_parses(monkeypatch)
    warnings._cached_warnings.cache_clear()
    vtl.template._compile.cache_clear()  # type: ignore[attr-defined]
    from vtl.cli import main

    assert main(["render", "t.vm"]) == 0
    assert calls == [source]
    warnings._cached_warnings.cache_clear()

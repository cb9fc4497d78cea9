"""Conformance cases: every case under conformance/cases/ rendered by our engine.

A case is a directory ``conformance/cases/<kind>/<topic>/<case>/`` (see
conformance/README.md). Engine cases (``velocity/``) hold ``vars.json`` and are rendered
with ``vtl.Template(source, profile=..., name="template").render(variables)`` under each
profile they were recorded for; API Gateway cases (``apigateway/``) hold ``event.json`` and
are rendered with ``vtl.apigw.render``. The output must equal ``expected.<profile>.txt``
byte for byte, or the engine must raise the error class matching ``error.<profile>.txt``
at the same line and column.

Test ids are the case path plus the profile, e.g. ``velocity/foreach/nested-loops[apigateway]``.
Known failures are listed in tests/conformance_xfail.py (strict xfails).
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from typing import Any

import pytest

CASES_ROOT = Path(__file__).resolve().parent.parent / "conformance" / "cases"
KINDS = {"velocity": "vars.json", "apigateway": "event.json"}
PROFILES = ("velocity", "apigateway")
PROVENANCES = {"velocity-1.7 recorder", "aws-recording", "aws-docs"}
# overrides.apigateway.json: the status/header/path/querystring overrides an API Gateway
# case's template set (checked by tests/apigw/test_apigw_cases.py).
CASE_FILES = {"template.vm", "vars.json", "event.json", "case.json", "overrides.apigateway.json"} | {
    f"{kind}.{profile}.txt" for kind in ("expected", "error") for profile in PROFILES
}

# Java exception class -> name of the vtl exception the engine must raise.
SYNTAX_ERRORS = {
    "org.apache.velocity.exception.ParseErrorException",
    "org.apache.velocity.exception.TemplateInitException",
}
RENDER_ERRORS = {
    "org.apache.velocity.exception.MethodInvocationException",
    "org.apache.velocity.exception.VelocityException",
    "org.apache.velocity.exception.ResourceNotFoundException",
}
ERROR_HEAD = re.compile(r"([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+): ")
POSITION = re.compile(r"\[line (\d+), column (\d+)\]")


def _load_xfail() -> dict[str, str]:
    """tests/conformance_xfail.py's XFAIL, loaded by path (independent of import mode)."""
    path = Path(__file__).with_name("conformance_xfail.py")
    spec = importlib.util.spec_from_file_location("conformance_xfail", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return dict(module.XFAIL)


XFAIL = _load_xfail()


def discover_cases() -> list[Path]:
    """Every ``<kind>/<topic>/<case>`` directory; kinds whose directory is absent are skipped."""
    found: list[Path] = []
    for kind in KINDS:
        root = CASES_ROOT / kind
        if root.is_dir():
            found += sorted(p for p in root.glob("*/*") if p.is_dir())
    return found


def case_id(case: Path) -> str:
    return case.relative_to(CASES_ROOT).as_posix()


def recorded_profiles(case: Path) -> list[str]:
    return [
        p for p in PROFILES
        if (case / f"expected.{p}.txt").exists() or (case / f"error.{p}.txt").exists()
    ]


CASES = discover_cases()


def _render_params() -> list[Any]:
    params = []
    for case in CASES:
        for profile in recorded_profiles(case):
            test_id = f"{case_id(case)}[{profile}]"
            marks = []
            if test_id in XFAIL:
                marks.append(pytest.mark.xfail(strict=True, reason=XFAIL[test_id]))
            params.append(pytest.param(case, profile, id=test_id, marks=marks))
    return params


def read_text(path: Path) -> str:
    """UTF-8 without newline translation (``newline=''`` semantics)."""
    return path.read_bytes().decode("utf-8")


def parse_error(text: str) -> tuple[str, int | None, int | None]:
    """``class: message`` -> (class, line, column); line/column None when not given."""
    head = ERROR_HEAD.match(text)
    assert head, f"not a 'java.class.Name: message' error: {text[:80]!r}"
    position = POSITION.search(text)
    if position is None:
        return head.group(1), None, None
    return head.group(1), int(position.group(1)), int(position.group(2))


# --------------------------------------------------------------------------- well-formed


@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_case_wellformed(case: Path) -> None:
    """The directory follows the case format of CONTRIBUTING.md / conformance/README.md."""
    kind = case.relative_to(CASES_ROOT).parts[0]
    names = {p.name for p in case.iterdir()}
    assert not names - CASE_FILES, f"unexpected files: {sorted(names - CASE_FILES)}"
    assert "template.vm" in names, "template.vm missing"
    read_text(case / "template.vm")  # valid UTF-8

    inputs = names & {"vars.json", "event.json"}
    assert inputs == {KINDS[kind]}, f"{kind} cases need exactly {KINDS[kind]}, found {sorted(inputs)}"
    data = json.loads(read_text(case / KINDS[kind]))
    assert isinstance(data, dict), f"{KINDS[kind]} must hold a JSON object"

    meta = json.loads(read_text(case / "case.json"))
    assert isinstance(meta, dict)
    assert meta.get("provenance") in PROVENANCES, f"bad provenance {meta.get('provenance')!r}"
    behaviours = meta.get("behaviours")
    assert isinstance(behaviours, list) and behaviours, "behaviours must be a non-empty list"
    assert all(isinstance(b, str) and b for b in behaviours)
    assert isinstance(meta.get("note", ""), str)

    for profile in PROFILES:
        present = [f"{k}.{profile}.txt" for k in ("expected", "error") if f"{k}.{profile}.txt" in names]
        assert len(present) <= 1, f"both expected and error files for {profile}"
        # Engine cases are recorded under both profiles; API Gateway cases only make sense
        # under the apigateway profile.
        if kind == "velocity" or profile == "apigateway":
            assert present, f"not recorded under the {profile} profile"
        elif present:
            raise AssertionError(f"an API Gateway case cannot be recorded under {profile}")
        if present and present[0].startswith("error."):
            parse_error(read_text(case / present[0]))
    assert recorded_profiles(case), "no expected or error file"


def test_xfail_entries_name_existing_tests() -> None:
    ids = {f"{case_id(c)}[{p}]" for c in CASES for p in recorded_profiles(c)}
    assert not set(XFAIL) - ids, f"stale XFAIL entries: {sorted(set(XFAIL) - ids)}"


# --------------------------------------------------------------------------- rendering


def _render(case: Path, profile: str) -> str:
    source = read_text(case / "template.vm")
    if (case / "event.json").exists():
        from vtl.apigw import render

        event = json.loads(read_text(case / "event.json"))
        return render(source, event, name="template").body
    import vtl

    with (case / "vars.json").open("rb") as f:
        variables = json.load(f)
    return vtl.Template(source, profile=profile, name="template").render(variables)


@pytest.mark.parametrize(("case", "profile"), _render_params())
def test_conformance(case: Path, profile: str) -> None:
    expected_file = case / f"expected.{profile}.txt"
    if expected_file.exists():
        assert _render(case, profile) == read_text(expected_file)
        return

    import vtl

    java_class, line, column = parse_error(read_text(case / f"error.{profile}.txt"))
    if java_class in SYNTAX_ERRORS:
        expected_error: type[Exception] = vtl.TemplateSyntaxError
    elif java_class in RENDER_ERRORS:
        expected_error = vtl.TemplateRenderError
    else:  # a raw Java exception escaping Velocity (e.g. ArrayIndexOutOfBoundsException)
        expected_error = vtl.TemplateError
    with pytest.raises(expected_error) as info:
        _render(case, profile)
    if line is not None:
        assert (info.value.line, info.value.column) == (line, column), (
            f"{java_class} expected at line {line}, column {column}"
        )

"""Pipeline conformance cases (conformance/cases/pipeline/<step>/<case>/).

Each case is an API (``model.json``), a request, the backend's answer and the response
spec/pipeline.md says the client gets (``expected.json``), transcribed by
conformance/tools/pipeline_cases.py with the spec fact and tag in ``case.json``. Where a
case has ``java.json``, ``java.recorded.json`` holds what Java answered
(conformance/recorder/record_pipeline.sh): our Java regex and JsonPath must agree, and so
must the case's expected selection.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from model_json import api_from_json

from vtl.api.mapping import response_source
from vtl.api.selection import pattern_matches
from vtl.pytest_api import BACKEND_FILES, ApiCase, differences

ROOT = Path(__file__).resolve().parents[2] / "conformance" / "cases" / "pipeline"
CASES = sorted(path.parent for path in ROOT.rglob("case.json"))
IDS = [case.relative_to(ROOT).as_posix() for case in CASES]
JAVA_CASES = [case for case in CASES if (case / "java.json").exists()]
PROVENANCES = {"aws-recording", "aws-docs", "aws-user", "inferred"}


def _read(path: Path):
    return json.loads(path.read_bytes())


def test_there_are_cases_for_every_step() -> None:
    steps = {case.relative_to(ROOT).parts[0] for case in CASES}
    assert steps == {
        "routing", "api-key", "validation", "request-template", "parameter-mapping", "integration-request",
        "selection", "response", "content", "aws-proxy", "http-proxy", "gateway-responses",
    }


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_case_wellformed(case: Path) -> None:
    meta = _read(case / "case.json")
    assert meta["provenance"] in PROVENANCES
    assert meta["behaviours"] and all(item.startswith("pipeline §") for item in meta["behaviours"])
    assert meta["tag"] and meta["fact"]
    for name in ("model.json", "request.json", "expected.json"):
        assert (case / name).is_file(), name
    assert sum((case / name).exists() for name in BACKEND_FILES) <= 1
    assert {"status"} <= _read(case / "expected.json").keys()


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_pipeline_case(case: Path) -> None:
    api = api_from_json(_read(case / "model.json"))
    invocation = ApiCase(case, api).invoke()
    problems = differences(invocation, _read(case / "expected.json"))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("case", JAVA_CASES, ids=[c.relative_to(ROOT).as_posix() for c in JAVA_CASES])
def test_java_recorded(case: Path) -> None:
    question = _read(case / "java.json")
    recorded = _read(case / "java.recorded.json")
    for item, answer in zip(question.get("matches", []), recorded.get("matches", []), strict=True):
        assert pattern_matches(item["pattern"], item["input"]) is answer, item
    for item, answer in zip(question.get("jsonpath", []), recorded.get("jsonpath", []), strict=True):
        ours = response_source(
            "integration.response.body." + item["path"].removeprefix("$."),
            endpoint_headers={}, endpoint_body=item["document"], context={}, stage_variables={},
        )
        assert ours == answer, item
    # The case's expected selection is the first pattern Java matched (definition order).
    expected = _read(case / "expected.json").get("integration_response")
    if expected and question.get("matches"):
        first = next((item["pattern"] for item, hit in zip(question["matches"], recorded["matches"]) if hit is True),
                     None)
        assert expected["selection_pattern"] == first

"""API Gateway conformance cases: the overrides each template set.

tests/test_conformance.py checks every case's body (or error). A recorded case whose template
sets overrides also holds ``overrides.apigateway.json``, written by
conformance/recorder/record_apigw.sh: the status, headers, path and query string
overrides as API Gateway applies them. Here ``RenderResult`` must carry exactly those; a
recorded case without the file must set none.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from apigw_data import CASES
from vtl.apigw import render

CASE_DIRS = sorted(p for p in CASES.glob("*/*") if (p / "event.json").exists())
RENDERED = [p for p in CASE_DIRS if (p / "expected.apigateway.txt").exists()]


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


@pytest.mark.parametrize("case", RENDERED, ids=[p.relative_to(CASES).as_posix() for p in RENDERED])
def test_case_overrides(case: Path) -> None:
    result = render(_read(case / "template.vm"), json.loads(_read(case / "event.json")), name="template")
    overrides = {"status": result.status, "headers": result.headers, "path": result.path,
                 "querystring": result.querystring}
    recorded = case / "overrides.apigateway.json"
    if recorded.exists():
        assert overrides == json.loads(_read(recorded))
    elif json.loads(_read(case / "case.json"))["provenance"] == "velocity-1.7 recorder":
        # The recorder writes the file whenever a template sets an override; for cases
        # transcribed from AWS recordings only the body was recorded.
        assert overrides == {"status": None, "headers": {}, "path": {}, "querystring": {}}


def test_enough_passthrough_requests() -> None:
    passthrough = [p for p in CASE_DIRS if p.parent.name == "passthrough"]
    template = (CASES.parent.parent / "templates" / "passthrough.vm").read_bytes()
    assert len(passthrough) >= 40
    assert all((p / "template.vm").read_bytes() == template for p in passthrough)


def test_core_does_not_import_apigw() -> None:
    code = "import sys, vtl; vtl.Template('x').render({}); print('vtl.apigw' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

"""The whole-method fixtures (vtl/pytest_api.py), run inside pytest with ``pytester``, on the
README's PetStore export. Expected responses are the spec's (spec/pipeline.md §2, §4, §8)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

PETSTORE = Path(__file__).resolve().parents[2] / "examples" / "api" / "petstore-oas30.yaml"


@pytest.fixture
def petstore(pytester: pytest.Pytester) -> Path:
    target = pytester.path / "api" / "petstore.yaml"
    target.parent.mkdir()
    shutil.copy(PETSTORE, target)
    return target


def _case(root: Path, name: str, request: dict, expected: dict | None, backend: tuple[str, str] | None = None) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "request.json").write_text(json.dumps(request))
    if expected is not None:
        (folder / "expected.json").write_text(json.dumps(expected))
    if backend is not None:
        (folder / backend[0]).write_text(backend[1])
    return folder


CASES_TEST = """
from vtl.pytest_api import api_case_directories

@api_case_directories("cases")
def test_cases(vtl_api_case):
    vtl_api_case.check()
"""


ONE_LINE_TEST = """
from vtl.api import LambdaError

def test_get(vtl_invoke):
    invocation = vtl_invoke("cases/api.yaml", "GET /pets/7?currency=EUR",
                            backend={"id": 7, "type": "dog", "price": 10})
    assert invocation.response.status == 200
    assert invocation.response.headers["X-Pet-Type"] == "dog"

def test_not_found(vtl_invoke):
    invocation = vtl_invoke("cases/api.yaml", "GET /pets/9?currency=EUR", backend=LambdaError("[NotFound] 9"))
    assert invocation.response.status == 404

def test_loaded_once(vtl_api):
    assert vtl_api("cases/api.yaml") is vtl_api("cases/../cases/api.yaml")
    assert vtl_api("cases/api.yaml").invoke("DELETE", "/pets").response.status == 403
"""


def test_one_line_invocations_and_case_folders(pytester: pytest.Pytester, plugin_args, petstore) -> None:
    cases = pytester.path / "cases"
    cases.mkdir()
    shutil.move(str(petstore), cases / "api.yaml")
    _case(cases, "get/ok", {"method": "GET", "path": "/pets/7?currency=EUR"},
          {"status": 200, "headers": {"Content-Type": "application/json", "X-Pet-Type": "cat",
                                      "Access-Control-Allow-Origin": "*"}},
          ("lambda-result.json", '{"id": 7, "type": "cat", "price": 3}'))
    _case(cases, "get/missing-currency", {"method": "GET", "path": "/pets/7"},
          {"status": 400, "body": '{"message":"Missing required request parameters: [currency]"}',
           "error": "BAD_REQUEST_PARAMETERS"})
    _case(cases, "get/wrong", {"method": "GET", "path": "/pets/7"}, {"status": 200})
    pytester.makepyfile(test_cases=CASES_TEST, test_one_line=ONE_LINE_TEST)
    result = pytester.runpytest(*plugin_args, "-v")
    result.assert_outcomes(passed=5, failed=1)
    result.stdout.fnmatch_lines(["*test_cases?get/wrong?*FAILED*", "*response status: expected 200, got 400*"])


def test_vtl_update_writes_expected(pytester: pytest.Pytester, plugin_args, petstore) -> None:
    cases = pytester.path / "cases"
    cases.mkdir()
    shutil.move(str(petstore), cases / "api.yaml")
    folder = _case(cases, "preflight", {"method": "OPTIONS", "path": "/pets/1"}, None)
    pytester.makepyfile(CASES_TEST)
    pytester.runpytest(*plugin_args, "--vtl-update").assert_outcomes(passed=1)
    written = json.loads((folder / "expected.json").read_text())
    assert written["status"] == 200 and written["body"] == "{}"
    assert written["headers"]["Access-Control-Allow-Methods"] == "GET,OPTIONS"

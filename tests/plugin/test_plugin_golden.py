"""Golden cases that check status and headers, events/ folders, malformed folders, response
templates in the fixture, and clean failures, through pytest's ``pytester``.

Expected files are written by hand from the templates and apigateway.md §4.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

TEST_MODULE = """
from vtl.pytest_plugin import case_directories

@case_directories("cases")
def test_templates(vtl_case):
    vtl_case.check()
"""
GONE = '#set($context.responseOverride.status = 404)\n' \
       '#set($context.responseOverride.header.Cache-Control = "no-store")\n{"message": "gone"}'


def write_case(root: Path, name: str, files: dict[str, str]) -> Path:
    folder = root / "cases" / name
    for file_name, content in files.items():
        path = folder / file_name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode())
    return folder


def test_cases_compare_status_headers_and_body(pytester: pytest.Pytester, plugin_args):
    # One pytest run over several layouts (pytester runs are what cost time here).
    whole = {"status": 404, "headers": {"Cache-Control": "no-store"}, "body": {"message": "gone"}}
    write_case(pytester.path, "whole", {"template.vm": GONE, "expected.json": json.dumps(whole)})
    write_case(pytester.path, "wrong-status", {"template.vm": GONE, "expected.json": json.dumps(
        {**whole, "status": 410})})
    write_case(pytester.path, "overrides-file", {
        "template.vm": GONE,
        "expected.txt": '{"message": "gone"}',
        "expected-overrides.json": '{"status": 404, "headers": {"Cache-Control": "no-store"}}',
    })
    write_case(pytester.path, "response", {
        "template.vm": "$input.path('$.Item.name') $input.params('id')",
        "event.json": json.dumps({"pathParameters": {"id": "7"}}),
        "body.json": '{"Item": {"name": "Rex"}}',
        "expected.txt": "Rex 7",
    })
    events = {"template.vm": "Hi $input.params('n')"}
    for name in ("ada", "bob"):
        events[f"events/{name}.json"] = json.dumps({"queryStringParameters": {"n": name}})
        events[f"expected/{name}.txt"] = f"Hi {name}"
    events["expected/bob.txt"] = "Hi robert"
    write_case(pytester.path, "hi", events)
    pytester.makepyfile(test_cases=TEST_MODULE)
    result = pytester.runpytest("-v", *plugin_args)
    result.assert_outcomes(passed=4, failed=2)
    result.stdout.fnmatch_lines_random([
        "*test_templates?whole? PASSED*",
        "*test_templates?overrides-file? PASSED*",
        "*test_templates?response? PASSED*",
        "*test_templates?hi/ada? PASSED*",
        "*test_templates?hi/bob? FAILED*",
        "*test_templates?wrong-status? FAILED*",
    ])
    result.stdout.fnmatch_lines([
        "*the status and headers the template set differ from cases/wrong-status/expected.json:",
        '-  "status": 410',
        '+  "status": 404',
    ])


def test_vtl_update_records_status_and_headers(pytester: pytest.Pytester, plugin_args):
    folder = write_case(pytester.path, "c", {"template.vm": GONE})
    pytester.makepyfile(test_cases=TEST_MODULE)
    result = pytester.runpytest("--vtl-update", *plugin_args)
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(
        ["*vtl: wrote 2 expected files*", "cases/c/expected.txt",
         "cases/c/expected-overrides.json"])
    assert json.loads((folder / "expected-overrides.json").read_text()) == {
        "status": 404, "headers": {"Cache-Control": "no-store"}}
    pytester.runpytest(*plugin_args).assert_outcomes(passed=1)


MALFORMED = {
    "misspelt": ({"templete.vm": "x", "expected.txt": "x"},
                 "*case_directories: */cases/bad: looks like a case (it has expected.txt, "
                 "templete.vm) but has no template.vm"),
    "both": ({"template.vm": "x", "event.json": "{}", "events/a.json": "{}"},
             "*case_directories: */cases/bad: has both event.json and events/; keep one"),
    "orphan": ({"template.vm": "x", "events/a.json": "{}", "expected/b.txt": "x"},
               "*case_directories: */cases/bad/expected/b.txt: no event events/b.json goes "
               "with it"),
}


def test_malformed_case_folders_fail_collection(pytester: pytest.Pytester, plugin_args):
    # Each module has its own cases folder with one good and one malformed case.
    for module, (files, _) in MALFORMED.items():
        write_case(pytester.path / module, "good", {"template.vm": "x", "expected.txt": "x"})
        write_case(pytester.path / module, "bad", files)
        (pytester.path / module / f"test_{module}.py").write_text(TEST_MODULE)
    result = pytester.runpytest(*plugin_args)
    result.assert_outcomes(errors=3)
    result.stdout.fnmatch_lines_random([message for _, message in MALFORMED.values()])
    assert "Traceback" not in result.stdout.str()


def test_fixture_takes_a_body_and_a_status(pytester: pytest.Pytester, plugin_args):
    pytester.makepyfile(
        """
        def test_response(vtl_render):
            result = vtl_render("$input.path('$.n')", {"pathParameters": {"id": "1"}},
                                body={"n": 5}, status=200)
            assert (result.body, result.status) == ("5", 200)

        def test_text_body(vtl_render):
            assert vtl_render("$input.body", body="raw text").body == "raw text"
        """
    )
    pytester.runpytest(*plugin_args).assert_outcomes(passed=2)


# --- clean failures ----------------------------------------------------------------------


def test_syntax_error_is_reported_once_without_engine_frames(pytester: pytest.Pytester,
                                                             plugin_args):
    (pytester.path / "bad.vm").write_text("#if(true)x")
    pytester.makepyfile(
        """
        from pathlib import Path

        def test_bad(vtl_render):
            vtl_render(Path("bad.vm"))
        """
    )
    result = pytester.runpytest(*plugin_args)
    result.assert_outcomes(failed=1)
    out = result.stdout.str()
    # pytest repeats the whole message in its short summary when the CI variable is set
    # (it truncates it to one line elsewhere), so count in the failure report only.
    report = out.split("short test summary info")[0]
    assert report.count("--> bad.vm:1:10") == 1
    assert "vtl/" not in out and "vtl\\" not in out  # no frames from the plugin or engine


def test_missing_file_is_named_plainly(pytester: pytest.Pytester, plugin_args):
    pytester.makepyfile(
        """
        from pathlib import Path

        def test_missing(vtl_render):
            vtl_render(Path("templates/nope.vm"))
        """
    )
    result = pytester.runpytest(*plugin_args)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["templates/nope.vm: no such file"])
    assert "Traceback" not in result.stdout.str()
    assert "FileNotFoundError" not in result.stdout.str()


def test_failing_case_shows_no_plugin_frames(pytester: pytest.Pytester, plugin_args):
    write_case(pytester.path, "c", {"template.vm": "a", "expected.txt": "b"})
    pytester.makepyfile(test_cases=TEST_MODULE)
    result = pytester.runpytest(*plugin_args)
    result.assert_outcomes(failed=1)
    out = result.stdout.str()
    assert "pytest_plugin.py" not in out and "vtl/cases.py" not in out
    assert "During handling of the above exception" not in out


def test_json_failure_in_a_test_shows_no_engine_frames(pytester: pytest.Pytester, plugin_args):
    pytester.makepyfile(
        """
        def test_json(vtl_render):
            assert vtl_render('{"a": 1,}').json() == {"a": 1}
        """
    )
    result = pytester.runpytest(*plugin_args)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["E * output is not JSON: *", "E * likely cause: a comma before*"])
    out = result.stdout.str()
    assert "vtl/apigw" not in out and "pytest_plugin.py" not in out

"""`vtl test CASES_DIR` (golden cases without pytest) and `--watch`, through ``main(argv)``.

Expected files here are written by hand from the templates and the spec (apigateway.md §2
and §4), never from this engine's output.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from vtl import cli_watch

HELLO = "Hello $input.params('name')!"
HELLO_EVENT = json.dumps({"queryStringParameters": {"name": "World"}})
GONE = '#set($context.responseOverride.status = 404)\n{"message": "gone"}'


def case(root: Path, name: str, **files: str) -> Path:
    """A case folder: keyword ``template`` is template.vm, the others are file names with
    ``_`` for ``.`` and ``__`` for ``-`` (``expected_json`` → expected.json)."""
    folder = root / name
    folder.mkdir(parents=True)
    for key, content in files.items():
        file_name = "template.vm" if key == "template" else key.replace("__", "-").replace("_", ".")
        (folder / file_name).write_bytes(content.encode())
    return folder


def test_passing_cases_give_a_summary(run, tmp_path):
    case(tmp_path / "cases", "hello", template=HELLO, event_json=HELLO_EVENT,
         expected_txt="Hello World!")
    case(tmp_path / "cases", "gone", template=GONE,
         expected_json='{"status": 404, "body": {"message": "gone"}}')
    result = run("test", "cases")
    assert (result.code, result.err) == (0, "")
    assert result.out == "vtl: 2 passed (2 cases)\n"


def test_a_failure_prints_a_unified_diff_and_exits_1(run, tmp_path):
    case(tmp_path / "cases", "hello", template=HELLO, event_json=HELLO_EVENT,
         expected_txt="Hello Wrld!")
    result = run("test", "cases")
    assert result.code == 1
    assert result.err == (
        "FAILED hello\n"
        "output differs from cases/hello/expected.txt:\n"
        "--- cases/hello/expected.txt\n"
        "+++ rendered output\n"
        "@@ -1,2 +1,2 @@\n"
        "-Hello Wrld!\n"
        "+Hello World!\n"
        " \\ No newline at end of file\n\n"
    )
    assert result.out == "vtl: 0 passed, 1 failed (1 case)\n"


def test_status_and_headers_are_compared(run, tmp_path):
    # The template sets a status the case does not expect: that is a failure.
    case(tmp_path / "cases", "gone", template=GONE, expected_json='{"message": "gone"}')
    result = run("test", "cases")
    assert result.code == 1
    assert "the status and headers the template set differ from cases/gone/expected.json" \
        in result.err
    assert '+  "status": 404' in result.err


def test_expected_overrides_beside_expected_txt(run, tmp_path):
    template = '#set($context.responseOverride.header.Cache-Control = "no-store")ok'
    case(tmp_path / "cases", "c", template=template, expected_txt="ok",
         expected__overrides_json='{"headers": {"Cache-Control": "no-cache"}}')
    result = run("test", "cases")
    assert result.code == 1
    assert "differ from cases/c/expected-overrides.json" in result.err
    assert '-    "Cache-Control": "no-cache"\n+    "Cache-Control": "no-store"' in result.err


def test_template_error_is_an_error_outcome(run, tmp_path):
    case(tmp_path / "cases", "bad", template="#if(true)x", expected_txt="x")
    result = run("test", "cases")
    assert result.code == 1
    assert result.err.startswith("ERROR bad\nsyntax error: #if is missing its #end")
    assert result.out == "vtl: 0 passed, 1 error (1 case)\n"


def test_update_records_body_status_and_headers(run, tmp_path):
    folder = case(tmp_path / "cases", "gone", template=GONE)
    text = case(tmp_path / "cases", "text",
                template='#set($context.responseOverride.status = 201)created')
    result = run("test", "cases", "--update")
    assert result.code == 0
    assert result.out == (
        "wrote cases/gone/expected.txt\n"
        "wrote cases/gone/expected-overrides.json\n"
        "wrote cases/text/expected.txt\n"
        "wrote cases/text/expected-overrides.json\n"
        "vtl: 2 passed, 4 expected files written (2 cases)\n"
    )
    assert json.loads((folder / "expected-overrides.json").read_text()) == {"status": 404}
    assert (text / "expected.txt").read_text() == "created"
    assert run("test", "cases").code == 0


def test_update_writes_the_whole_response_into_expected_json(run, tmp_path):
    folder = case(tmp_path / "cases", "gone", template=GONE, expected_json='{"message": "x"}')
    run("test", "cases", "--update")
    assert json.loads((folder / "expected.json").read_text()) == {
        "status": 404, "body": {"message": "gone"}}
    assert run("test", "cases").code == 0


def test_events_folder_gives_one_case_per_event(run, tmp_path):
    folder = case(tmp_path / "cases", "hello", template=HELLO)
    (folder / "events").mkdir()
    (folder / "expected").mkdir()
    for name in ("ada", "bob"):
        (folder / "events" / f"{name}.json").write_text(
            json.dumps({"queryStringParameters": {"name": name.title()}}))
        (folder / "expected" / f"{name}.txt").write_text(f"Hello {name.title()}!")
    result = run("test", "cases", "--junit", "report.xml")
    assert (result.code, result.out) == (0, "vtl: 2 passed (2 cases)\n")
    names = [c.get("name") for c in ET.parse(tmp_path / "report.xml").iter("testcase")]
    assert names == ["hello/ada", "hello/bob"]


def test_response_template_case_with_body_json(run, tmp_path):
    case(tmp_path / "cases", "item", template="$input.path('$.Item.name')",
         body_json='{"Item": {"name": "Rex"}}', expected_txt="Rex")
    assert run("test", "cases").code == 0


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"templete_vm": "x", "expected_txt": "x"},
         "cases/typo: looks like a case (it has expected.txt, templete.vm) but has no template.vm"),
        ({"template": "x", "expected_txt": "x", "expected_json": "{}"},
         "cases/typo: has both expected.txt and expected.json; keep one"),
        ({"template": "x", "expcted_txt": "x"},
         "cases/typo/expcted.txt: unknown file in a case folder"),
        ({"template": "x", "body_json": "{}", "body_txt": "x"},
         "cases/typo: has both body.json and body.txt; keep one"),
    ],
    ids=["misspelt-template", "two-expected", "unknown-file", "two-bodies"],
)
def test_malformed_case_folder_is_an_input_error(run, tmp_path, files, message):
    case(tmp_path / "cases", "good", template="x", expected_txt="x")
    case(tmp_path / "cases", "typo", **files)
    result = run("test", "cases")
    assert result.code == 2
    assert result.err.startswith(f"vtl: error: {message}")


def test_missing_or_empty_cases_dir(run, tmp_path):
    assert run("test", "nope").err == "vtl: error: cases nope: no such folder\n"
    (tmp_path / "empty").mkdir()
    assert run("test", "empty").err == (
        "vtl: error: cases empty: no case folder (with template.vm, or request.json for a "
        "whole method) under it\n")


def test_junit_report_records_failures(run, tmp_path):
    case(tmp_path / "cases", "ok", template="x", expected_txt="x")
    case(tmp_path / "cases", "bad", template="y", expected_txt="x")
    assert run("test", "cases", "--junit", "out.xml").code == 1
    suite = ET.parse(tmp_path / "out.xml").getroot().find("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "1", "0")
    failure = suite.find("testcase[@name='bad']/failure")
    assert failure.get("message") == "output differs from cases/bad/expected.txt:"
    assert "-x\n" in failure.text and "+y\n" in failure.text


def test_long_runs_show_progress(run, tmp_path):
    for number in range(120):
        case(tmp_path / "cases", f"c{number:03}", template="x", expected_txt="x")
    result = run("test", "cases")
    assert result.code == 0
    assert result.err == "[50/120]\n[100/120]\n"
    assert result.out == "vtl: 120 passed (120 cases)\n"


# --- --watch --------------------------------------------------------------------------


def test_render_watch_renders_again_after_each_change(run, write, monkeypatch):
    template = write("t.vm", "one")
    seen = []

    def changes(files, folders):
        seen.append((sorted(map(str, files)), list(folders)))
        Path(template).write_text("two")
        yield None

    monkeypatch.setattr(cli_watch, "watch_changes", changes)
    result = run("render", template, "--event", write("e.json", "{}"), "--watch")
    assert result.code == 0
    assert result.out == "onetwo"
    assert seen == [(["e.json", "t.vm"], [])]
    notice = "vtl: watching e.json, t.vm (Ctrl-C to stop)\n"
    assert result.err == notice + "\n" + notice  # off a terminal, a blank line between runs


def test_test_watch_watches_the_cases_folder_and_survives_errors(run, tmp_path, monkeypatch):
    folder = case(tmp_path / "cases", "c", template="x", expected_txt="x")

    def changes(files, folders):
        assert list(folders) == [Path("cases")]
        (folder / "template.vm").write_text("#if(")
        yield None
        (folder / "template.vm").write_text("x")
        yield None

    monkeypatch.setattr(cli_watch, "watch_changes", changes)
    result = run("test", "cases", "--watch")
    assert result.code == 0  # the last run passed
    assert result.out.count("vtl: 1 passed (1 case)\n") == 2
    assert "ERROR c\nsyntax error" in result.err


def test_watch_refuses_stdin(run, write):
    result = run("render", "-", "--watch", stdin=b"x")
    assert (result.code, result.err) == (
        2, "vtl: error: --watch cannot read from stdin ('-'): give files\n")


def test_whole_response_and_overrides_file_together_is_an_error(run, tmp_path):
    case(tmp_path / "cases", "c", template=GONE,
         expected_json='{"status": 404, "body": {"message": "gone"}}',
         expected__overrides_json='{"status": 404}')
    result = run("test", "cases")
    assert result.code == 1
    assert result.err.startswith(
        "ERROR c\ncases/c/expected-overrides.json: expected.json already holds the whole "
        "response (status, headers, body); keep one of them\n")


def test_a_single_case_folder_is_named_after_itself(run, tmp_path):
    case(tmp_path, "lone", template="x", expected_txt="y")
    result = run("test", "lone")
    assert result.code == 1
    assert result.err.startswith("FAILED lone\n")


def test_every_malformed_case_folder_is_named_at_once(run, tmp_path):
    # A CI run with two broken folders says so in one go, not one per run.
    case(tmp_path / "cases", "good", template="x", expected_txt="x")
    case(tmp_path / "cases", "typo", templete_vm="x", expected_txt="x")
    case(tmp_path / "cases", "twice", template="x", expected_txt="x", expected_json="{}")
    result = run("test", "cases")
    assert (result.code, result.err) == (2, (
        "vtl: error: cases/twice: has both expected.txt and expected.json; keep one\n"
        "vtl: error: cases/typo: looks like a case (it has expected.txt, templete.vm) but has "
        "no template.vm\n"
    ))


def test_a_failure_shows_the_templates_warnings(run, tmp_path):
    # A Python habit: `.lower()` is no Java method, so API Gateway renders "" (the README's
    # Warnings section); the diff alone showed an empty output and no reason.
    case(tmp_path / "cases", "lower", template="$input.params('name').lower()",
         event_json=HELLO_EVENT, expected_txt="world")
    result = run("test", "cases")
    assert result.code == 1
    assert result.err.startswith("FAILED lower\noutput differs from cases/lower/expected.txt:\n")
    assert ("the template's warnings:\n"
            "warning: .lower() is not a Java method, so API Gateway renders it as \"\"; "
            "write .toLowerCase()\n --> cases/lower/template.vm:1:23\n") in result.err
    # A passing case stays quiet about them.
    (tmp_path / "cases" / "lower" / "expected.txt").write_text("")
    assert run("test", "cases").err == ""


def test_ctrl_c_stops_the_watch_quietly(tmp_path):
    # A real process and a real SIGINT: watchfiles, asked not to raise, logged its own
    # "KeyboardInterrupt caught, stopping watch" line, in no style of vtl's, on every Ctrl-C.
    import signal
    import subprocess
    import sys
    import time

    (tmp_path / "t.vm").write_text("one")
    process = subprocess.Popen(
        [sys.executable, "-m", "vtl", "render", "t.vm", "--watch"], cwd=tmp_path,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        err = b""
        while b"(Ctrl-C to stop)" not in err and time.monotonic() < deadline:
            err += process.stderr.read1(1024)  # type: ignore[union-attr]
        time.sleep(0.5)  # into watchfiles' wait
        process.send_signal(signal.SIGINT)
        out, rest = process.communicate(timeout=30)
    finally:
        process.kill()
    assert out == b"one"
    assert (err + rest).decode() == "vtl: watching t.vm (Ctrl-C to stop)\n"
    assert process.returncode == 0


def test_a_request_body_as_event_json_says_so(run, tmp_path):
    case(tmp_path / "cases", "order", template="$input.body",
         event_json='{"customer": "ann"}', expected_txt="")
    result = run("test", "cases")
    assert result.code == 1
    assert result.err.startswith("ERROR order\ncases/order/event.json: unknown field 'customer'")
    assert "This looks like a request body, not an event" in result.err


# --- whole-method cases (request.json) --------------------------------------------------

PETSTORE = Path(__file__).resolve().parents[2] / "examples" / "api" / "petstore-oas30.yaml"


def test_whole_method_cases_run_beside_template_cases(run, tmp_path):
    # A Terraform or CDK team's CI has no pytest: the request.json folders the pytest plugin
    # runs ran nowhere else ("looks like a case (it has expected.json) but has no template.vm").
    # The API is the nearest api.yaml above the case, here beside the cases folder.
    (tmp_path / "api.yaml").write_bytes(PETSTORE.read_bytes())
    cases = tmp_path / "cases"
    case(cases, "hello", template=HELLO, event_json=HELLO_EVENT, expected_txt="Hello World!")
    # The method request requires ?currency (params-only validator): API Gateway's 400, as
    # recorded (spec/pipeline.md §4; tests/plugin/test_pytest_api.py uses the same answer).
    case(cases, "missing-currency", request_json='{"method": "GET", "path": "/pets/7"}',
         expected_json=json.dumps({"status": 400, "error": "BAD_REQUEST_PARAMETERS", "body":
                                   '{"message": "Missing required request parameters: [currency]"}'}))
    case(cases, "wrong", request_json='{"method": "GET", "path": "/pets/7"}',
         expected_json='{"status": 200}')
    result = run("test", "cases")
    assert result.code == 1
    assert result.out == "vtl: 2 passed, 1 failed (3 cases)\n"
    assert result.err == ("FAILED wrong\ncases/wrong/expected.json:\n"
                          "response status: expected 200, got 400\n\n")


def test_whole_method_cases_update_api_and_param(run, tmp_path):
    # The OPTIONS /pets/{petId} MOCK of the PetStore export answers its CORS headers (the
    # definition's responseParameters) with the response template's "{}".
    (tmp_path / "defs").mkdir()
    (tmp_path / "defs" / "petstore.yaml").write_bytes(PETSTORE.read_bytes())
    folder = case(tmp_path / "cases", "preflight", request_json='{"method": "OPTIONS", "path": "/pets/1"}')
    result = run("test", "cases")
    assert result.code == 1
    assert result.err.startswith("ERROR preflight\ncases/preflight: no api.yaml / api.yml / "
                                 "api.json in the case folder or above it (up to the working "
                                 "folder): give --api API_FILE\n")
    result = run("test", "cases", "--api", "defs/petstore.yaml", "--update")
    assert (result.code, result.out) == (
        0, "wrote cases/preflight/expected.json\nvtl: 1 passed, 1 expected file written (1 case)\n")
    written = json.loads((folder / "expected.json").read_text())
    assert (written["status"], written["body"]) == (200, "{}")
    assert written["headers"]["Access-Control-Allow-Methods"] == "GET,OPTIONS"
    assert run("test", "cases", "--api", "defs/petstore.yaml").out == "vtl: 1 passed (1 case)\n"
    assert run("test", "cases", "--api", "nope.yaml").err == (
        "vtl: error: --api nope.yaml: no such file or folder\n")


def test_test_watch_watches_the_api_file_too(run, tmp_path, monkeypatch):
    (tmp_path / "petstore.yaml").write_bytes(PETSTORE.read_bytes())
    case(tmp_path / "cases", "c", template="x", expected_txt="x")
    seen = []

    def changes(files, folders):
        seen.append((list(files), list(folders)))
        return iter(())

    monkeypatch.setattr(cli_watch, "watch_changes", changes)
    assert run("test", "cases", "--api", "petstore.yaml", "--watch").code == 0
    assert seen == [([Path("petstore.yaml")], [Path("cases")])]

"""The pytest plugin, run inside pytest with ``pytester``.

Expected outputs follow from the API Gateway spec (`../shared/spec/apigateway.md`):
`$input.params(name)` finds path, then query string, then header parameters, and
`$input.json` is compact JSON.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vtl.pytest_plugin import json_equal, unified_diff

pytest_plugins = ["pytester"]


# --- the vtl_render fixture ---------------------------------------------------------------


def test_render_text_against_a_dict(pytester: pytest.Pytester, plugin_args):
    pytester.makepyfile(
        """
        def test_hello(vtl_render):
            event = {"queryStringParameters": {"name": "World"}}
            result = vtl_render("Hello $input.params('name')!", event)
            assert result.body == "Hello World!"
        """
    )
    pytester.runpytest(*plugin_args).assert_outcomes(passed=1)


def test_render_files_relative_to_the_test_file(pytester: pytest.Pytester, plugin_args):
    folder = pytester.mkpydir("sub")
    (folder / "t").mkdir()
    (folder / "t" / "id.vm").write_bytes(b"$input.params('id')\r\n")
    (folder / "t" / "event.json").write_text(json.dumps({"pathParameters": {"id": "7"}}))
    (folder / "t" / "bad.vm").write_text("#if(true)x")
    (folder / "test_files.py").write_text(
        "from pathlib import Path\n"
        "import pytest, vtl\n"
        "def test_file(vtl_render):\n"
        "    assert vtl_render(Path('t/id.vm'), Path('t/event.json')).body == '7\\r\\n'\n"
        "def test_error_names_the_file(vtl_render):\n"
        "    with pytest.raises(vtl.TemplateSyntaxError) as raised:\n"
        "        vtl_render(Path('t/bad.vm'))\n"
        "    assert raised.value.name == 't/bad.vm'\n"
    )
    pytester.runpytest(*plugin_args).assert_outcomes(passed=2)


def test_render_without_an_event_uses_the_sample_request(pytester: pytest.Pytester, plugin_args):
    pytester.makepyfile(
        """
        import vtl
        def test_sample(vtl_render):
            expected = vtl.render("$context.httpMethod $input.body", vtl.apigw.sample_event()).body
            assert vtl_render("$context.httpMethod $input.body").body == expected
            assert expected.startswith("POST {")
        """
    )
    pytester.runpytest(*plugin_args).assert_outcomes(passed=1)


def test_render_returns_the_overrides(pytester: pytest.Pytester, plugin_args):
    pytester.makepyfile(
        """
        def test_status(vtl_render):
            result = vtl_render("#set($context.responseOverride.status = 404){}", {})
            assert result.status == 404
            assert result.json() == {}
        """
    )
    pytester.runpytest(*plugin_args).assert_outcomes(passed=1)


def test_render_rejects_other_types(pytester: pytest.Pytester, plugin_args):
    pytester.makepyfile(
        """
        import pytest
        def test_types(vtl_render):
            with pytest.raises(TypeError, match="template must be the template text"):
                vtl_render(b"x")
            with pytest.raises(TypeError, match="event must be a mapping"):
                vtl_render("x", '{"body": "x"}')
        """
    )
    pytester.runpytest(*plugin_args).assert_outcomes(passed=1)


def test_a_file_name_given_as_text_is_refused(pytester: pytest.Pytester, plugin_args):
    # The usual slip: the template's file name as a str renders the name itself (a test
    # checking only the status passed without the template ever being read).
    pytester.makepyfile(
        """
        import pytest
        def test_name(vtl_render):
            with pytest.raises(ValueError, match="pass Path[(].templates/get_pet.vm.[)]"):
                vtl_render("templates/get_pet.vm")
            # Text that merely mentions a file is still a template.
            assert vtl_render("see get_pet.vm").body == "see get_pet.vm"
        """
    )
    pytester.runpytest(*plugin_args).assert_outcomes(passed=1)


def test_a_body_written_as_a_dict_in_the_event_says_json_dumps(pytester: pytest.Pytester, plugin_args):
    pytester.makepyfile(
        """
        import pytest
        from vtl import EventError
        def test_body(vtl_render):
            with pytest.raises(EventError, match=r"body must be a string, not an object.*json.dumps"):
                vtl_render("$input.body", {"body": {"a": 1}})
        """
    )
    pytester.runpytest(*plugin_args).assert_outcomes(passed=1)


def test_a_templates_warnings_reach_the_warnings_summary(pytester: pytest.Pytester, plugin_args):
    # `vtl render` prints them (README, Warnings); a test comparing the "" that `.lower()`
    # gives (API Gateway renders a method Java lacks as "") got no reason for it.
    pytester.makepyfile(
        """
        import pytest
        from vtl.pytest_plugin import MappingTemplateWarning

        def test_lower(vtl_render):
            with pytest.warns(MappingTemplateWarning, match=r"^t.vm:1:23: .lower.. is not a Java method"):
                result = vtl_render("$input.params('name').lower()", name="t.vm")
            assert result.body == ""

        def test_clean(vtl_render, recwarn):
            vtl_render("$input.params('name').toLowerCase()")
            assert not [w for w in recwarn if w.category is MappingTemplateWarning]
        """
    )
    pytester.runpytest(*plugin_args).assert_outcomes(passed=2)


def test_an_event_file_may_start_with_a_bom(pytester: pytest.Pytester, plugin_args):
    # RFC 8259 §8.1: a JSON parser may ignore a BOM (Windows PowerShell 5.1 writes one).
    (pytester.path / "event.json").write_bytes(b'\xef\xbb\xbf{"body": "hi"}')
    pytester.makepyfile(
        """
        from pathlib import Path
        def test_bom(vtl_render):
            assert vtl_render("$input.body", Path("event.json")).body == "hi"
        """
    )
    pytester.runpytest(*plugin_args).assert_outcomes(passed=1)


# --- case folders -------------------------------------------------------------------------

HELLO = "Hello $input.params('name')!\n"
HELLO_EVENT = {"queryStringParameters": {"name": "World"}}
JSON_TEMPLATE = '{"b": $input.json(\'$.b\'), "a": "$input.params(\'id\')"}'
JSON_EVENT = {"body": '{"b": [1, true]}', "pathParameters": {"id": "7"}}

TEST_MODULE = """
from vtl.pytest_plugin import case_directories

@case_directories("cases")
def test_templates(vtl_case):
    vtl_case.check()
"""


def make_case(
    root: Path, name: str, template: str, event: dict | list | None = None, **expected: str
) -> Path:
    case = root / "cases" / name
    case.mkdir(parents=True)
    (case / "template.vm").write_bytes(template.encode())
    if event is not None:
        (case / "event.json").write_text(json.dumps(event))
    for kind, content in expected.items():
        (case / f"expected.{kind}").write_bytes(content.encode())
    return case


def test_cases_pass_with_readable_ids(pytester: pytest.Pytester, plugin_args):
    make_case(pytester.path, "text-ok", HELLO, HELLO_EVENT, txt="Hello World!\n")
    # Compared as JSON: key order and spacing do not matter.
    make_case(
        pytester.path, "json-ok", JSON_TEMPLATE, JSON_EVENT, json='{"a": "7",\n "b": [1, true]}\n'
    )
    make_case(pytester.path, "orders/create", "$input.params('name')", HELLO_EVENT, txt="World")
    pytester.makepyfile(test_cases=TEST_MODULE)
    result = pytester.runpytest("-v", *plugin_args)
    result.assert_outcomes(passed=3)
    output = result.stdout.str()
    for case in ("json-ok", "orders/create", "text-ok"):
        assert f"test_cases.py::test_templates[{case}] PASSED" in output


def test_text_mismatch_fails_with_a_unified_diff(pytester: pytest.Pytester, plugin_args):
    make_case(pytester.path, "greeting", HELLO, HELLO_EVENT, txt="Hello Wrld!\n")
    pytester.makepyfile(test_cases=TEST_MODULE)
    result = pytester.runpytest(*plugin_args)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*output differs from cases/greeting/expected.txt:",
            "--- cases/greeting/expected.txt",
            "+++ rendered output",
            "@@ -1 +1 @@",
            "-Hello Wrld!",
            "+Hello World!",
        ]
    )
    assert "Traceback" not in result.stdout.str()


def test_text_comparison_is_exact(pytester: pytest.Pytester, plugin_args):
    # A CRLF in the expected file where the output has LF is a difference, and shows.
    make_case(pytester.path, "crlf", HELLO, HELLO_EVENT, txt="Hello World!\r\n")
    pytester.makepyfile(test_cases=TEST_MODULE)
    result = pytester.runpytest(*plugin_args)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["-Hello World!\\r", "+Hello World!"])


def test_json_mismatch_fails_with_a_diff(pytester: pytest.Pytester, plugin_args):
    # `true` is not `1` in JSON, although Python says True == 1.
    make_case(pytester.path, "typed", JSON_TEMPLATE, JSON_EVENT, json='{"a": "7", "b": [1, 1]}')
    pytester.makepyfile(test_cases=TEST_MODULE)
    result = pytester.runpytest(*plugin_args)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["*output differs from cases/typed/expected.json (as JSON):", "-    1", "+    true"]
    )


def test_output_that_is_not_json(pytester: pytest.Pytester, plugin_args):
    make_case(pytester.path, "broken", '{"a": 1,}', {}, json='{"a": 1}')
    pytester.makepyfile(test_cases=TEST_MODULE)
    result = pytester.runpytest(*plugin_args)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*output is not JSON (cases/broken/expected.json expects JSON):"])


def test_template_error_fails_without_a_traceback(pytester: pytest.Pytester, plugin_args):
    make_case(pytester.path, "bad", "#foreach($i in [1])x", {}, txt="")
    pytester.makepyfile(test_cases=TEST_MODULE)
    result = pytester.runpytest(*plugin_args)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*syntax error: *", "*--> cases/bad/template.vm:1:*"])


def test_bad_event_fails_without_a_traceback(pytester: pytest.Pytester, plugin_args):
    case = make_case(pytester.path, "not-json", "x", None, txt="x")
    (case / "event.json").write_text('{"body": ')
    make_case(pytester.path, "not-object", "x", [], txt="x")
    make_case(pytester.path, "bad-header", "x", {"headers": {"X-Count": 3}}, txt="x")
    pytester.makepyfile(test_cases=TEST_MODULE)
    result = pytester.runpytest(*plugin_args)
    result.assert_outcomes(failed=3)
    result.stdout.fnmatch_lines_random(
        [
            "*cases/not-json/event.json: not valid JSON: Expecting value (line 1, column 10)",
            "*cases/not-object/event.json: an event must be a JSON object, not list",
            "*cases/bad-header/event.json: *X-Count*",
        ]
    )
    assert "Traceback" not in result.stdout.str()


def test_missing_expected_file(pytester: pytest.Pytester, plugin_args):
    make_case(pytester.path, "new", HELLO, HELLO_EVENT)
    pytester.makepyfile(test_cases=TEST_MODULE)
    result = pytester.runpytest(*plugin_args)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["*cases/new: no expected.txt or expected.json; run pytest --vtl-update to write it*"]
    )


def test_both_expected_files_fail_collection(pytester: pytest.Pytester, plugin_args):
    make_case(pytester.path, "ok", HELLO, HELLO_EVENT, txt="Hello World!\n")
    make_case(pytester.path, "twice", HELLO, HELLO_EVENT, txt="Hello World!\n", json="{}")
    pytester.makepyfile(test_cases=TEST_MODULE)
    result = pytester.runpytest(*plugin_args)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        ["*case_directories: cases/twice: has both expected.txt and expected.json; keep one"]
    )
    assert "Traceback" not in result.stdout.str()


def test_no_cases_is_a_collection_error(pytester: pytest.Pytester, plugin_args):
    (pytester.path / "cases").mkdir()
    pytester.makepyfile(test_cases=TEST_MODULE)
    result = pytester.runpytest(*plugin_args)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        ["*case_directories: no case folder (with template.vm) under *cases"]
    )


def test_vtl_update_writes_the_expected_files(pytester: pytest.Pytester, plugin_args):
    text = make_case(pytester.path, "text", HELLO, HELLO_EVENT, txt="Hello Wrld!\n")
    data = make_case(
        pytester.path, "data", JSON_TEMPLATE, JSON_EVENT, json='{"a": "7", "b": [1, 1]}'
    )
    make_case(pytester.path, "same", HELLO, HELLO_EVENT, txt="Hello World!\n")
    new = make_case(pytester.path, "new", "a\r\nb", {})
    ok = make_case(
        pytester.path, "ok", "\"$input.params('name')\"", HELLO_EVENT, json='"World"  \n'
    )
    pytester.makepyfile(test_cases=TEST_MODULE)

    result = pytester.runpytest("--vtl-update", *plugin_args)
    result.assert_outcomes(passed=5)
    result.stdout.fnmatch_lines(
        [
            "*vtl: wrote 3 expected files*",
            "cases/data/expected.json",
            "cases/new/expected.txt",
            "cases/text/expected.txt",
        ]
    )
    assert (text / "expected.txt").read_bytes() == b"Hello World!\n"
    assert json.loads((data / "expected.json").read_text()) == {"b": [1, True], "a": "7"}
    assert (new / "expected.txt").read_bytes() == b"a\r\nb"
    assert (ok / "expected.json").read_bytes() == b'"World"  \n'  # equal as JSON: untouched

    pytester.runpytest(*plugin_args).assert_outcomes(passed=5)


def test_a_case_test_can_assert_more(pytester: pytest.Pytester, plugin_args):
    make_case(
        pytester.path,
        "gone",
        '#set($context.responseOverride.status = 404)\n{"message": "gone"}',
        {},
        json='{"status": 404, "body": {"message": "gone"}}',
    )
    pytester.makepyfile(
        test_cases="""
        from vtl.pytest_plugin import case_directories

        @case_directories("cases")
        def test_templates(vtl_case):
            result = vtl_case.render()
            assert result.status == 404
            vtl_case.check(result)
        """
    )
    pytester.runpytest(*plugin_args).assert_outcomes(passed=1)


def test_vtl_case_needs_the_decorator(pytester: pytest.Pytester, plugin_args):
    pytester.makepyfile("def test_x(vtl_case):\n    pass\n")
    result = pytester.runpytest(*plugin_args)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*the vtl_case fixture comes from @case_directories(folder)*"])


def test_vtl_update_option_is_registered(pytester: pytest.Pytester, plugin_args):
    result = pytester.runpytest("--help", *plugin_args)
    result.stdout.fnmatch_lines(["*--vtl-update*write the expected files*"])


# --- helpers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "a, b, equal",
    [
        ({"a": 1, "b": 2}, {"b": 2, "a": 1}, True),
        ([1, 2], [2, 1], False),
        (True, 1, False),
        (1, True, False),
        (1, 1.0, True),
        ("1", 1, False),
        (None, False, False),
        ({"a": [True]}, {"a": [True]}, True),
        ({"a": 1}, {"a": 1, "b": None}, False),
    ],
)
def test_json_equal(a, b, equal):
    assert json_equal(a, b) is equal


def test_unified_diff_shows_invisible_differences():
    assert unified_diff("a\r\nb", "a\nb\n", "expected.txt", "rendered output") == (
        "--- expected.txt\n"
        "+++ rendered output\n"
        "@@ -1,3 +1,2 @@\n"
        "-a\\r\n"
        "+a\n"
        " b\n"
        "-\\ No newline at end of file\n"
    )


def test_unified_diff_of_equal_texts_is_empty():
    assert unified_diff("x\n", "x\n", "a", "b") == ""

"""Hostile input on the command line (issue 14): no traceback, exit 1 for a template
error, 2 for bad input, 3 for output that is not JSON."""

from __future__ import annotations

import json

import pytest

DEEP = 5000


@pytest.mark.parametrize(("template", "files", "argv", "code", "message"), [
    ("#set($a = #1)", {}, [], 1, "NumberFormatException"),
    ("#if(true)" * 1000 + "#end" * 1000, {}, [], 1, "nests directives"),
    ("$x", {"v.json": '{"x":' + "[" * DEEP + "]" * DEEP + "}"}, ["--vars", "v.json"], 2,
     "vars v.json: JSON nested too deeply to read"),
    ("$input.body", {"e.json": '{"body":' + "[" * DEEP + "]" * DEEP + "}"}, ["--event", "e.json"], 2,
     "event e.json: JSON nested too deeply to read"),
    ("$input.json('$')", {"e.json": json.dumps({"body": "1e9999999999999999999"})}, ["--event", "e.json"], 1,
     "ParseException"),
    ("[" * DEEP + "]" * DEEP, {}, ["--json"], 3, "nested too deeply"),
    ("[" * DEEP + "]" * DEEP, {"v.json": "{}"}, ["--json", "--vars", "v.json"], 3, "nested too deeply"),
    ("#set($m = {})#set($z = $m.put('k', $m))$m.hashCode()", {}, [], 1, "StackOverflowError"),
])
def test_hostile_input_ends_in_a_documented_error(run, write, template, files, argv, code, message):
    write("t.vm", template)
    for name, content in files.items():
        write(name, content)
    result = run("render", "t.vm", *argv)
    assert result.code == code
    assert "Traceback" not in result.err
    assert message in result.err


def test_template_name_with_an_apostrophe_renders(run, write):
    write("it's.vm", "#if($context.stage.equals('prod'))$context.stage#end")
    result = run("render", "it's.vm")
    assert (result.code, result.out, result.err) == (0, "prod", "")


def test_a_warning_repeated_many_times_is_printed_once_with_its_count(run, write):
    # 150,000 "$a is not set" warnings on a 300 KB one-line template printed 67 GB to
    # stderr, each with the whole line; now one report, then how many more and where.
    write("t.vm", "$a" * 3000)
    result = run("render", "t.vm")
    assert result.code == 0
    assert result.err.count("warning: $a is not set") == 1
    assert "  = the same 2999 more times (line:column 1:3, 1:5, 1:7, 1:9, 1:11, …)\n" in result.err
    assert len(result.err) < 1000


def test_strict_still_counts_every_warning(run, write):
    write("t.vm", "$a$a$b")
    result = run("render", "t.vm", "--strict")
    assert result.code == 1
    assert "vtl: error: 3 warnings (--strict)" in result.err
    assert "  = the same 1 more time (line:column 1:3)\n" in result.err


def test_past_fifty_different_warnings_the_rest_are_counted(run, write):
    write("t.vm", "".join(f"$v{i}" for i in range(60)) + "$v0")
    result = run("render", "t.vm")
    assert result.err.count("warning: $v") == 50
    assert result.err.endswith("vtl: 10 more warnings not shown (the first 50 different ones are)\n")

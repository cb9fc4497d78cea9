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

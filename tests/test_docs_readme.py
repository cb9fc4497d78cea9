"""The README's promises, checked against the code: its Python snippets run and print what
they say, every `vtl` command and option it names exists (and every option the command has
is documented), its shell examples give the statuses their comments promise, the errors of
the Limits table name their option, and its pytest examples pass as written.

Expected values come from the README itself (the text a user reads), never from running
this engine: each test fails when the README and the code drift apart."""

from __future__ import annotations

import argparse
import re
import shlex
from pathlib import Path

import pytest

import vtl
from vtl import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")

pytest_plugins = ["pytester"]


@pytest.fixture
def plugin_args(request: pytest.FixtureRequest) -> list[str]:
    """Load the plugin in a pytester run unless it is installed (tests/plugin/conftest.py)."""
    if request.config.pluginmanager.has_plugin("vtl"):
        return []
    return ["-p", "vtl.pytest_plugin"]


def _section(heading: str) -> str:
    """The README's text from ``heading`` to the next heading of any level."""
    start = README.index(heading + "\n")
    rest = README[start + len(heading) + 1 :]
    following = re.search(r"^#{1,6} ", rest, re.MULTILINE)
    return rest[: following.start()] if following else rest


def _blocks(language: str, text: str = README) -> list[str]:
    """The fenced code blocks of ``language`` in ``text`` ("" for the unlabelled ones)."""
    fenced = re.findall(r"^```(\w*)\n(.*?)^```\n", text, re.DOTALL | re.MULTILINE)
    return [body for label, body in fenced if label == language]


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = cli._build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("vtl has no subcommands")


def _options(parser: argparse.ArgumentParser) -> set[str]:
    return {o for a in parser._actions for o in a.option_strings if o.startswith("--")} - {"--help"}


def _commands() -> list[str]:
    """Every `vtl …` command line of the README: code spans, and shell blocks (with their
    continuation lines joined, comments dropped)."""
    lines = [span for span in re.findall(r"`(vtl [^`]+)`", README)]
    indented = re.findall(r"^((?:    vtl .*\n)(?:        .*\n)*)", README, re.MULTILINE)
    shell = _blocks("sh") + indented
    for block in shell:
        for command in block.replace("\\\n", " ").splitlines():
            command = command.strip()
            if command.startswith("vtl "):
                lines.append(command)
    return lines


def _argv(command: str) -> list[str]:
    """The words of a shell command line, up to its comment."""
    lexer = shlex.shlex(command, posix=True, punctuation_chars=False)
    lexer.whitespace_split = True
    lexer.commenters = "#"
    return list(lexer)


# --- the Python API ---------------------------------------------------------------------------


def test_the_python_api_snippet_runs_and_gives_what_its_comments_say(monkeypatch) -> None:
    """README, "Python API": the snippet runs from the repository's root, and a line whose
    comment is a Python literal (`template.render(...)  # 'Hello World!'`) evaluates to it."""
    snippet = _blocks("python", _section("## Python API"))[0]
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    exec(compile(snippet, "README.md", "exec"), namespace)  # noqa: S102 (the README's own snippet)
    promised = [
        (code.strip(), comment.strip())
        for code, comment in re.findall(r"^([^#\n]+?)#\s*('[^']*')\s*$", snippet, re.MULTILINE)
    ]
    assert promised, "the snippet promises no value"
    for code, literal in promised:
        assert eval(code, namespace) == eval(literal), code


def test_vtl_render_has_the_documented_signature() -> None:
    """README, "Python API": the signature of `vtl.render` as written there."""
    import inspect

    documented = re.search(r"`(vtl\.render\(template.*?\))`", README, re.DOTALL)
    assert documented is not None
    text = " ".join(documented.group(1).split())
    parameters = inspect.signature(vtl.render).parameters
    shown = ", ".join(
        ("*, " if p.kind is p.KEYWORD_ONLY and i == 2 else "")
        + (p.name if p.default is p.empty else f"{p.name}={p.default!r}")
        for i, p in enumerate(parameters.values())
    )
    assert text == f"vtl.render({shown})"


# --- the `vtl` command ------------------------------------------------------------------------


def test_the_command_table_lists_every_subcommand() -> None:
    """README, "The `vtl` command": the table's commands are exactly the parser's."""
    table = _section("## The `vtl` command").split("\n\n")[0]
    listed = set(re.findall(r"^\| `vtl ([a-z-]+)", table, re.MULTILINE))
    assert listed == set(_subcommands())


def test_every_command_line_of_the_readme_uses_existing_options() -> None:
    """Each `vtl SUB --option` the README writes is an option of SUB."""
    subcommands = _subcommands()
    commands = _commands()
    assert len(commands) > 20
    for command in commands:
        words = _argv(command.replace("…", ""))
        if words[1].startswith("--"):
            assert words[1] in _options(cli._build_parser()), command
            continue
        assert words[1] in subcommands, command
        known = _options(subcommands[words[1]])
        used = {w.split("=")[0] for w in words[2:] if w.startswith("--")}
        assert used <= known, f"{command}: {sorted(used - known)} not options of vtl {words[1]}"


@pytest.mark.parametrize(
    ("heading", "subcommand"),
    [("Options of `vtl render`:", "render")],
)
def test_each_documented_render_option_exists(heading, subcommand) -> None:
    """The bullet list "Options of `vtl render`": every option it opens a bullet with."""
    text = README[README.index(heading) :].split("\n\n")[1]
    named = set(re.findall(r"^- `(--[a-z-]+)", text, re.MULTILINE))
    assert named and named <= _options(_subcommands()[subcommand])


def test_every_option_of_the_command_is_documented() -> None:
    """The reverse: an option `vtl` has that the README never names is one nobody finds."""
    parser = cli._build_parser()
    missing = sorted(
        f"vtl {name} {option}"
        for name, sub in _subcommands().items()
        for option in _options(sub)
        if f"`{option}" not in README and f" {option}" not in README
    ) + sorted(f"vtl {o}" for o in _options(parser) if f"`vtl {o}`" not in README)
    assert missing == []


# The shell examples whose comment or following prose names the status they end with.
_INVOKE_STATUS = re.compile(r"→ (?:[^\d\n]*?)(\d{3})")


def _invoke_examples() -> list[tuple[str, str]]:
    """(command, promised status) of every `vtl invoke` example with a `→ STATUS` comment,
    and the two indented ones whose statuses the paragraph after them gives."""
    found = []
    for block in _blocks("sh"):
        joined = block.replace("\\\n", " ")
        # A comment on the line after a command belongs to it (`# → .*Invalid.* → 400 …`).
        joined = re.sub(r"\n\s+(#[^\n]*)", r" \1", joined)
        for line in joined.splitlines():
            status = _INVOKE_STATUS.findall(line.split("#", 1)[1]) if "#" in line else []
            if line.strip().startswith("vtl invoke") and status:
                found.append((line.strip(), status[-1]))
    indented = re.search(
        r"^    (vtl invoke examples/api/cdk\.out.*?)\n\n(.*?)\n\n", README, re.DOTALL | re.MULTILINE
    )
    assert indented is not None
    commands = [c.strip() for c in indented.group(1).replace("\\\n", " ").splitlines()]
    statuses = re.findall(r"status: (\d{3})|second `(\d{3})`", indented.group(2))
    found += [(c, s[0] or s[1]) for c, s in zip(commands, statuses, strict=True)]
    return found


@pytest.mark.parametrize(
    ("command", "status"), _invoke_examples(), ids=lambda v: v.split("#")[0].strip()[11:60]
)
def test_the_invoke_examples_end_with_the_status_they_promise(
    command, status, monkeypatch, capsys
) -> None:
    """README, "Whole methods" and "Templates inside API definitions": each `vtl invoke`
    example, run from the repository's root, ends with the status its comment names."""
    if "sam/template.yaml" in command:
        pytest.importorskip("samtranslator")
    monkeypatch.chdir(ROOT)
    code = cli.main(_argv(command)[1:])
    out = capsys.readouterr().out
    assert code == 0
    assert f"Method completed with status: {status}\n" in out


def test_the_render_examples_of_an_api_definition_run(monkeypatch, capsys) -> None:
    """README: the three `vtl render --api` examples render (exit 0, JSON output)."""
    import json

    commands = [c for c in _commands() if c.startswith("vtl render --api examples/")]
    assert len(commands) == 3
    monkeypatch.chdir(ROOT)
    for command in commands:
        assert cli.main(_argv(command)[1:]) == 0, command
        json.loads(capsys.readouterr().out)


# --- Limits -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "source", "changes"),
    [
        ("max_foreach_iterations", "#foreach($i in [1..2000])#end", {}),
        ("max_output_size", '#set($s = "x")#foreach($i in [1..40])#set($s = "$s$s")#end', {}),
        ("max_number_digits", "#set($n = 10)#foreach($i in [1..40])#set($n = $n * $n)#end", {}),
        ("max_range_size", "#set($r = [1..100000000])", {}),
        (
            "render_timeout",
            "#foreach($i in [1..100000000])#foreach($j in [1..100])#end#end",
            {"render_timeout": 0.05, "max_foreach_iterations": None},
        ),
    ],
)
def test_each_limit_of_the_table_is_named_by_its_error(option, source, changes) -> None:
    """README, "Limits": past one, "the render stops with a `vtl.TemplateRenderError`
    naming the option and pointing at the template line that was running"."""
    from dataclasses import replace

    from vtl.profiles import APIGATEWAY

    assert f"| `{option}` |" in _section("### Limits")
    template = vtl.Template("\n" + source, profile=replace(APIGATEWAY, **changes))
    with pytest.raises(vtl.TemplateRenderError) as caught:
        template.render({})
    assert option in str(caught.value)
    assert caught.value.line == 2


# --- the pytest plugin ------------------------------------------------------------------------

GET_PET = """\
#set($context.responseOverride.status = 404)
{"message": "No pet with id $input.params('petId')"}
"""


def test_the_readme_pytest_examples_pass_as_written(pytester, plugin_args) -> None:
    """README, "Testing templates with pytest" and "Golden cases": the two test files it
    shows, copied from it, pass against a template that does what they assert."""
    section = README[README.index("## Testing templates with pytest") :]
    render_test, cases_test = _blocks("python", section)[:2]
    pytester.makepyfile(test_render=render_test, test_cases=cases_test)
    (pytester.path / "templates").mkdir()
    (pytester.path / "templates" / "get_pet.vm").write_text(GET_PET)
    case = pytester.path / "cases" / "not-found"
    case.mkdir(parents=True)
    (case / "template.vm").write_text(GET_PET)
    (case / "event.json").write_text('{"pathParameters": {"petId": "7"}}')
    (case / "expected.json").write_text(
        '{"status": 404, "body": {"message": "No pet with id 7"}}'
    )
    result = pytester.runpytest(*plugin_args, "-v", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["*test_templates?not-found? PASSED*"])


def test_the_fixtures_the_readme_names_exist(pytester, plugin_args) -> None:
    """Every `vtl_…` fixture the README names is one the plugin provides."""
    section = README[README.index("## Testing templates with pytest") :]
    section = section[: section.index("## Templates inside API definitions")]
    whole = _section("## Whole methods: `vtl invoke`") + section
    named = set(re.findall(r"\b(vtl_(?!case\.)[a-z_]+)\b", whole)) - {"vtl_update"}
    assert {"vtl_render", "vtl_case", "vtl_invoke"} <= named
    pytester.makepyfile("def test_nothing():\n    pass\n")
    listing = pytester.runpytest(*plugin_args, "--fixtures", "-p", "no:cacheprovider")
    provided = set(re.findall(r"^(vtl_[a-z_]+)\b", listing.stdout.str(), re.MULTILINE))
    assert named <= provided


# --- the JSON the commands print --------------------------------------------------------------

#: Maps whose keys are the definition's own (media types, parameter names), not the format's.
_FREE_MAPS = {
    "request_templates",
    "response_templates",
    "request_models",
    "request_parameters",
    "response_parameters",
    "stages",  # stage name → its variables
    "headers",  # a method response's header name → required
    "models",  # a method response's media type → model name
}
#: Maps keyed by the definition's data (a status code) whose values are the format's objects.
_DATA_KEYED_MAPS = {"method_responses"}


def _keys(value: object) -> set[str]:
    """Every key of the format in a JSON value, skipping the definition's own maps."""
    if isinstance(value, list):
        return set().union(*(_keys(v) for v in value))
    if isinstance(value, dict):
        return set(value).union(
            *(_keys(v) for k, v in value.items() if k not in _FREE_MAPS | _DATA_KEYED_MAPS),
            *(_keys(list(v.values())) for k, v in value.items() if k in _DATA_KEYED_MAPS),
        )
    return set()


def _documented_keys(start: str, end: str) -> set[str]:
    text = README[README.index(start) :]
    return set(re.findall(r'"([a-z_]+)"', text[: text.index(end)]))


#: The example OpenAPI export with a customised gateway response added (the examples have none).
_GATEWAY_RESPONSES = """
x-amazon-apigateway-gateway-responses:
  DEFAULT_4XX:
    responseParameters:
      gatewayresponse.header.Access-Control-Allow-Origin: "'*'"
    responseTemplates:
      application/json: '{"message": $context.error.messageString}'
"""


def test_routes_json_has_the_documented_keys(tmp_path, capsys) -> None:
    """README: `vtl routes FILE --json` prints `{"format", "routes": [...],
    "gateway_responses": [...]}`: the keys it lists are the keys printed."""
    import json

    api = tmp_path / "openapi.yaml"
    source = (ROOT / "examples/api/openapi/openapi.yaml").read_text(encoding="utf-8")
    api.write_text(source + _GATEWAY_RESPONSES, encoding="utf-8")
    assert cli.main(["routes", str(api), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["gateway_responses"]
    documented = _documented_keys("`vtl routes FILE --json` prints", "with every template's")
    assert _keys(printed) == documented


def test_invoke_json_has_the_documented_keys(monkeypatch, capsys) -> None:
    """README, "Whole methods": `--json` prints one object `{"method", "resource",
    "integration_request", "integration_response", "response", "error", "log"}`."""
    import json

    monkeypatch.chdir(ROOT)
    argv = ["invoke", "examples/api/petstore-oas30.yaml", "OPTIONS /pets/7", "--json"]
    assert cli.main(argv) == 0
    printed = json.loads(capsys.readouterr().out)
    assert set(printed) == _documented_keys("`--json` prints one\nobject", "Other options")


# --- Fidelity notes ---------------------------------------------------------------------------


def _fidelity_probes() -> list[tuple[str, str, str]]:
    """(body, template, output) of each "body → template → what `vtl` prints" probe."""
    section = _section("## Fidelity notes")
    probes = []
    for row in section.splitlines():
        if row.startswith("| **"):
            probe = row.rstrip(" |").rsplit(" | ", 1)[1]
            found = re.match(r"`(.*?)` → `(.*?)` → `(.*?)`", probe)
            if found:
                probes.append(tuple(p.replace("\\|", "|") for p in found.groups()))
    return probes


def test_the_fidelity_table_has_its_probes() -> None:
    assert len(_fidelity_probes()) == 7


@pytest.mark.parametrize(("body", "template", "output"), _fidelity_probes(), ids=lambda v: v[:30])
def test_each_fidelity_probe_prints_what_the_table_says(body, template, output) -> None:
    """README, "Fidelity notes": what `vtl` prints for each probe (the model's choice the
    row documents; the probe is what a live API would be asked)."""
    assert vtl.render(template, {"body": body}).body == output


def test_the_header_order_probe_keeps_the_events_order() -> None:
    """README, "Fidelity notes", header order: `vtl` keeps an event's order: `[b, A, c]`."""
    event = {"headers": {"b": "1", "A": "2", "c": "3"}}
    assert vtl.render("$input.params().header.keySet()", event).body == "[b, A, c]"


def test_every_public_name_of_vtl_is_documented() -> None:
    """Each name `import vtl` offers (`vtl.__all__`) is named in the README, as `vtl.NAME`
    or, for the result type, `NAME.` (`RenderResult.warnings`)."""
    missing = [
        name for name in vtl.__all__ if f"vtl.{name}" not in README and f"`{name}." not in README
    ]
    assert missing == []


def test_every_option_of_the_pytest_plugin_is_documented(pytester, plugin_args) -> None:
    """The plugin's command-line options (`pytest --help`, its group) are in the README."""
    shown = pytester.runpytest(*plugin_args, "--help", "-p", "no:cacheprovider").stdout.str()
    group = shown[shown.index("(apigw-vtl):") :].split("\n\n")[0]
    options = re.findall(r"^\s+(--[a-z-]+)", group, re.MULTILINE)
    assert options
    assert [o for o in options if f"pytest {o}" not in README and f"`{o}`" not in README] == []


# --- the messages the README shows ------------------------------------------------------------


def _plain_block(first_line: str) -> str:
    """The unlabelled fenced block of the README that starts with ``first_line``."""
    for block in _blocks(""):
        if block.startswith(first_line):
            return block
    raise AssertionError(f"no block starts with {first_line!r}")


def test_the_warning_example_is_what_vtl_render_prints(tmp_path, monkeypatch, capsys) -> None:
    """README, "Warnings": the `.lower()` warning, byte for byte, for the line it shows."""
    shown = _plain_block("warning: .lower()")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    (tmp_path / "greet.vm").write_text("$input.params('name').lower()\n")
    assert cli.main(["render", "greet.vm"]) == 0
    assert capsys.readouterr().err == shown


def test_the_syntax_error_example_is_what_vtl_render_prints(tmp_path, monkeypatch, capsys) -> None:
    """README, "Python API": the `#foreach is missing its #end` error, byte for byte, for a
    seven-line template holding the two lines it shows (line 3 and the last, line 7)."""
    shown = _plain_block("syntax error:")
    lines = ["{", '  "items": [', "  #foreach($item in $input.path('$.items'))"]
    lines += ['    "$item"', "  ]", "  ,", "}"]
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "create_item.vm").write_text("\n".join(lines) + "\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    assert cli.main(["render", "templates/create_item.vm"]) == 1
    assert capsys.readouterr().err == shown


# --- help texts -------------------------------------------------------------------------------

#: The formats of the README's table "Templates inside API definitions", as a user names them.
_FORMATS = ("OpenAPI", "SAM", "CloudFormation", "cdk.out", "Terraform", "serverless.yml")


@pytest.mark.parametrize("subcommand", ["invoke", "routes", "render"])
def test_the_help_of_each_command_taking_an_api_file_names_every_format(subcommand) -> None:
    """`vtl invoke`, `vtl routes` and `vtl render --api` read every format of the README's
    table; their `--help` says so rather than naming OpenAPI alone."""
    table = _section("## Templates inside API definitions")
    assert all(name in table for name in _FORMATS)
    shown = " ".join(_subcommands()[subcommand].format_help().split())
    assert [name for name in _FORMATS if name not in shown] == []

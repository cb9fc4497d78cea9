"""The ``vtl`` command: render, check and compile API Gateway mapping templates.

    vtl render TEMPLATE [--event EVENT.json] [--body FILE|TEXT] [--status CODE]
               [--vars VARS.json] [--stage-var K=V ...] [--profile apigateway|velocity]
               [--json] [--show-overrides] [--no-warnings | --strict] [--watch]
    vtl render --api API_FILE --route "METHOD /path" [...]      (vtl/cli_routes.py)
    vtl routes API_FILE [--param K=V ...] [--json]               (vtl/cli_routes.py)
    vtl sample-event
    vtl check TEMPLATE|FOLDER|API_FILE... [--warnings] [--strict] [--param K=V ...]
    vtl compile TEMPLATE
    vtl invoke API_FILE "METHOD /path?query" [...]   (vtl/cli_invoke.py)
    vtl test CASES_DIR [--update] [--junit FILE] [--watch] [--api API_FILE] [--param K=V ...]

``vtl test`` lives in :mod:`vtl.cli_cases`, ``--watch`` in :mod:`vtl.cli_watch`.

``main(argv)`` is the whole command and returns the exit status, so tests call it
directly (as Mako's ``cmd.py`` does). Exit status: 0 ok, 1 template error, 2 usage or
input error, 3 output is not JSON (with ``--json``).

Input files are read as bytes and decoded as UTF-8 without newline translation, so a
CRLF template reaches the engine intact; the rendered body is written to stdout exactly,
byte for byte, with nothing added. The engine is imported only when a command needs it,
so ``vtl --help`` stays instant.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import IO, TYPE_CHECKING, Any, NoReturn

from vtl import cli_invoke

if TYPE_CHECKING:
    from vtl.errors import TemplateError

EXIT_OK = 0
EXIT_TEMPLATE_ERROR = 1
EXIT_USAGE = 2
EXIT_NOT_JSON = 3

STDIN = "-"
STDIN_NAME = "<stdin>"
PROFILES = ("apigateway", "velocity")

DESCRIPTION = "Render Amazon API Gateway mapping templates exactly as API Gateway does."
EPILOG = """\
exit status: 0 ok, 1 template error, 2 usage or input error, 3 output is not JSON (--json);
1 also for a failed case (vtl test) and for a warning under --strict

examples:
  vtl render examples/passthrough.vm --event examples/event.json
  vtl sample-event > event.json
  vtl render request.vm --event event.json --stage-var table=orders --json
  vtl render response.vm --body '{"Items": []}' --status 200 --show-overrides
  vtl check --warnings templates/*.vm
  vtl check --strict template.yaml        (every template of a SAM/OpenAPI/... definition)
  vtl test tests/cases --junit report.xml
"""

RENDER_EPILOG = """\
Under the apigateway profile (the default) the template sees $input, $context, $util and
$stageVariables built from --event (an API Gateway REST proxy event; without it, the
request `vtl sample-event` prints). --stage-var adds to or replaces the event's
stageVariables.

--vars gives plain template variables instead, to try the Velocity language itself: the
template is rendered with the profile's engine rules and only those variables (no $input,
$context or overrides). It cannot be combined with --event: on API Gateway a template
sees no other variables. The velocity profile (stock Velocity 1.7) takes only --vars.

For a response template, --body is the integration's answer (a file, '-' for stdin, or
the text itself): $input.body, $input.json() and $input.path() read it, while
$input.params(), $context and $stageVariables still describe the method request (--event).
--status is the integration response's status code: the status the client gets unless the
template sets $context.responseOverride.status.

Warnings (what API Gateway accepts but nobody means: $s.lower(), #macro, an undefined
$contxt, an #if that is always true...) are printed to stderr before rendering; --no-warnings
hides them, --strict makes them an error (exit 1, nothing rendered).

The body is written to stdout byte for byte, with no newline added. With --json it is
parsed and pretty-printed instead; if it is not JSON, the error shows the output lines
around the failure, the template line that produced it and the likely cause, and the exit
status is 3.
"""


class UsageError(Exception):
    """A problem with the command line or an input file: one line on stderr, exit 2."""


class _Parser(argparse.ArgumentParser):
    """argparse, but errors raise instead of exiting, so ``main`` always returns."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        raise UsageError(message)


class _VersionAction(argparse.Action):
    """``--version``, resolved only when asked for (importlib.metadata is slow to import)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kw: Any):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kw)

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> NoReturn:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("apigw-vtl")
        except PackageNotFoundError:
            number = "(not installed)"
        _write(sys.stdout, f"vtl {number}\n")
        parser.exit(EXIT_OK)


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="vtl",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_VersionAction, help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    render = commands.add_parser(
        "render",
        help="render a template and print the result",
        description="Render TEMPLATE and write the result to stdout.",
        epilog=RENDER_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    render.add_argument(
        "template", metavar="TEMPLATE", nargs="?", help="template file ('-' for stdin)"
    )
    render.add_argument(
        "--event",
        metavar="EVENT.json",
        help="API Gateway proxy event (default: the sample request)",
    )
    render.add_argument(
        "--body",
        metavar="FILE|TEXT",
        help="for a response template: the integration's answer, as a file, '-' or the text",
    )
    render.add_argument(
        "--status",
        metavar="CODE",
        type=_status_code,
        help="for a response template: the integration response's status code",
    )
    render.add_argument("--vars", metavar="VARS.json", help="a JSON object of template variables")
    render.add_argument(
        "--stage-var",
        metavar="KEY=VALUE",
        action="append",
        default=[],
        dest="stage_vars",
        help="a stage variable (repeatable)",
    )
    _add_profile(render)
    render.add_argument(
        "--json", action="store_true", help="check the output is JSON and pretty-print it"
    )
    render.add_argument(
        "--show-overrides",
        action="store_true",
        help="print the status, header, path and querystring overrides to stderr",
    )
    warnings = render.add_mutually_exclusive_group()
    warnings.add_argument(
        "--no-warnings", action="store_true", help="do not print warnings about the template"
    )
    warnings.add_argument(
        "--strict", action="store_true", help="treat warnings as errors (exit 1, no output)"
    )
    _add_watch(render, "re-render whenever the template, event or body file is saved")
    from vtl import cli_routes

    cli_routes.add_render_options(render)
    cli_routes.add_parser(commands)

    commands.add_parser(
        "sample-event",
        help="print the built-in sample request (a starting point for --event)",
        description="Print the request `vtl render` uses when no --event is given.",
    )

    check = commands.add_parser(
        "check",
        help="syntax-check templates (files, folders, or all of an API definition's)",
        description=(
            "Syntax-check each TEMPLATE and report every error; exit 1 if any fails. An API "
            "definition (OpenAPI, SAM, CloudFormation, cdk.out, a Terraform folder, "
            "serverless.yml) is checked template by template, each error pointing into it; "
            "a folder that is none is checked file by file (its .vm and .vtl files)."
        ),
    )
    check.add_argument(
        "templates",
        metavar="TEMPLATE",
        nargs="+",
        help="template files ('-' for stdin), folders of .vm/.vtl files, or API definitions "
        "(every mapping template in them)",
    )
    _add_profile(check)
    cli_routes.add_param_option(check)
    check.add_argument(
        "--warnings",
        action="store_true",
        help="also report what API Gateway accepts but nobody means ($s.lower(), #macro...)",
    )
    check.add_argument(
        "--strict", action="store_true", help="report warnings and fail (exit 1) if there are any"
    )

    compile_ = commands.add_parser(
        "compile",
        help="print the Python code a template compiles to",
        description="Print the Python source generated for TEMPLATE.",
    )
    compile_.add_argument("template", metavar="TEMPLATE", help="template file ('-' for stdin)")
    _add_profile(compile_)
    cli_invoke.add_parser(commands)

    test = commands.add_parser(
        "test",
        help="check golden case folders (without pytest)",
        description=(
            "Render every case folder under CASES_DIR and compare with its expected files "
            "(body, status and headers); exit 1 if any case fails."
        ),
        epilog=CASES_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    test.add_argument("cases", metavar="CASES_DIR", help="folder of case folders")
    test.add_argument(
        "--update",
        action="store_true",
        help="write the expected files from the current output instead of comparing",
    )
    test.add_argument("--junit", metavar="FILE", help="also write a JUnit XML report to FILE")
    test.add_argument(
        "--api",
        metavar="API_FILE",
        help="the API definition of the whole-method cases (request.json folders); default: "
        "the nearest api.yaml, api.yml or api.json in the case folder or above it (up to the "
        "working folder)",
    )
    cli_routes.add_param_option(test)
    _add_watch(test, "run the cases again whenever a file under CASES_DIR is saved")
    return parser


CASES_EPILOG = """\
A case folder holds template.vm, event.json (optional: the sample request), body.json or
body.txt (optional: the integration's answer, for a response template) and expected.txt
(the body, byte for byte) or expected.json (the body as JSON, or the whole response
{"status", "headers", "body"}), with expected-overrides.json beside expected.txt for the
status and headers. events/NAME.json with expected/NAME.json runs one template over many
requests. A folder that looks like a case but is not well formed is an error (exit 2).

A folder holding request.json is a case of a whole method, as `vtl invoke` runs it:
request.json ({"method", "path", "headers", "body", ...}), at most one backend answer
(lambda-result.json, lambda-error.json or http-response.json) and expected.json
({"status", "headers", "body"}), on the API of --api or the nearest api.yaml.
"""


def _add_watch(parser: argparse.ArgumentParser, text: str) -> None:
    parser.add_argument("--watch", action="store_true", help=text)


def _status_code(text: str) -> int:
    if not text.isdigit() or not 100 <= int(text) <= 599:
        raise argparse.ArgumentTypeError(f"expects an HTTP status code (100-599), got {text!r}")
    return int(text)


def _add_profile(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--profile",
        choices=PROFILES,
        default="apigateway",
        help="engine rules: apigateway (AWS, the default) or velocity (stock Velocity 1.7)",
    )


def console_main() -> NoReturn:
    """The ``vtl`` command (and ``python -m vtl``): :func:`main`, then the process ends
    without the interpreter's teardown. After a 300 KB template, freeing its syntax tree and
    compiled code object by object, and the collector's last pass over them, took 0.55 s of
    CPU, most of what the compile itself takes (issue 14), for a process that is ending
    anyway (mypy ends the same way). Output is flushed first; `vtl` registers no exit-time
    work, and a command that raises (SystemExit) still ends the usual way."""
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader that left, a stream already closed
            pass
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``vtl`` command with ``argv`` (default ``sys.argv[1:]``); return the exit status."""
    parser = _build_parser()
    try:
        try:
            args = parser.parse_args(argv)
        except SystemExit as exit_:  # --help, --version
            return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
        command = {
            "render": _render,
            "sample-event": _sample_event,
            "check": _check,
            "compile": _compile,
            "invoke": cli_invoke.run,
            "test": _test,
            "routes": _routes,
        }[args.command]
        if getattr(args, "watch", False):
            from vtl.cli_watch import watch

            return watch(command, args)
        return command(args)
    except UsageError as error:
        _write(sys.stderr, f"vtl: error: {error}\n")
        return EXIT_USAGE
    except BrokenPipeError:
        # `vtl render t.vm | head -c 10`: the reader left; stop quietly, as cat does.
        _silence_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


# --- commands -----------------------------------------------------------------------


def _render(args: argparse.Namespace) -> int:
    from vtl import cli_routes

    if args.api is not None:
        return cli_routes.render_route(args)
    cli_routes.refuse_definition(args)
    body_path = _body_path(args.body)
    _at_most_one_stdin(args.template, args.event, args.vars, body_path)
    stage_variables = _parse_stage_vars(args.stage_vars)
    plain = args.profile == "velocity" or args.vars is not None
    if plain:
        _reject_apigw_options(args, stage_variables)
    source, name = _read_template(args.template)
    variables = _read_json_object(args.vars, "vars") if args.vars is not None else {}
    event = _read_json_object(args.event, "event") if args.event is not None else None
    body = args.body if body_path is None else _read_text(body_path, "body")

    from vtl.errors import TemplateError

    try:
        if plain:
            return _render_plain(source, name, args.profile, variables, args.json)
        if not args.no_warnings:
            status = _print_warnings(source, name, args.strict)
            if status:
                return status
        return _render_apigw(source, name, event, stage_variables, body, args)
    except TemplateError as error:
        return _report(error)


def _body_path(body: str | None) -> str | None:
    """The file ``--body`` names, or None when it is the text itself.

    An existing file (or '-') is read; anything else is the answer's text, unless it looks
    like a file name (one word ending in .json, .txt, .xml…), which is then reported as
    missing rather than sent as text.
    """
    if body is None:
        return None
    if body == STDIN or os.path.isfile(body):
        return body
    if os.path.isdir(body):
        raise UsageError(f"body {body}: is a directory")
    if _LOOKS_LIKE_FILE.fullmatch(body):
        raise UsageError(
            f"body {body}: no such file (to send this text as the body, pipe it: "
            f"echo '{body}' | vtl render TEMPLATE --body -)"
        )
    return None


def _print_warnings(source: str, name: str, strict: bool) -> int:
    """Print the template's warnings to stderr; with ``strict``, any warning fails (1)."""
    from vtl.apigw.warnings import find_warnings

    found = find_warnings(source, name)
    write_warnings(found)
    if strict and found:
        _write(sys.stderr, f"vtl: error: {_plural(len(found), 'warning')} (--strict)\n")
        return EXIT_TEMPLATE_ERROR
    return EXIT_OK


def _render_plain(
    source: str, name: str, profile: str, variables: dict[str, Any], as_json: bool
) -> int:
    """Render with the engine alone: no $input, $context, $util or overrides."""
    from vtl import Template

    body = Template(source, profile=profile, name=name).render(variables)
    if not as_json:
        _write(sys.stdout, body)
        return EXIT_OK
    import json

    try:
        data = json.loads(body, parse_constant=_reject_constant)
    except RecursionError:
        _write(sys.stderr, "vtl: error: the output is JSON nested too deeply to read\n")
        return EXIT_NOT_JSON
    except json.JSONDecodeError as error:
        position = error.pos if error.doc is body else max(0, body.find(error.doc))
        line = body.count("\n", 0, position) + 1
        column = position - (body.rfind("\n", 0, position) + 1) + 1
        from vtl.apigw.jsoncheck import likely_cause, output_excerpt

        report = (f"vtl: error: the output is not JSON: {error.msg} "
                  f"(output line {line}, column {column})\n")
        report += f"output:\n{output_excerpt(body, line, column)}\n" if body else ""
        cause = likely_cause(body, position, error.msg)
        report += f"likely cause: {cause}\n" if cause else ""
        _write(sys.stderr, report)
        return EXIT_NOT_JSON
    _write(sys.stdout, _pretty_json(data))
    return EXIT_OK


def _render_apigw(
    source: str,
    name: str,
    event: dict[str, Any] | None,
    stage_variables: dict[str, str],
    body: str | None,
    args: argparse.Namespace,
    locate: Callable[[TemplateError], TemplateError] | None = None,
) -> int:
    """Render as API Gateway does: the event becomes $input, $context, $stageVariables.
    ``locate`` points a report into the file the template came from (``render --api``)."""
    from vtl.apigw import EventError, OutputNotJsonError, render, sample_event

    try:
        result = render(source, event, name=name, stage_variables=stage_variables or None,
                        body=body, status=args.status)
    except EventError as error:
        from vtl.cases import body_hint

        where = "the sample" if args.event is None else _display_name(args.event)
        raise UsageError(f"event {where}: {error}{body_hint(event)}") from None
    if not args.no_warnings:
        given = event.get("stageVariables") if event is not None else sample_event()[
            "stageVariables"]
        _note_unset_stage_variables(source, name, {**(given or {}), **stage_variables},
                                    getattr(args, "api", None) is not None)
    status = EXIT_OK
    if args.json:
        try:
            output = _pretty_json(result.json())
        except OutputNotJsonError as error:
            output = ""
            status = _report(error if locate is None else locate(error), EXIT_NOT_JSON)
    else:
        output = result.body
    _write(sys.stdout, output)
    if args.show_overrides:
        # On a terminal stdout and stderr share the screen: start the overrides on a line
        # of their own when the body did not end one.
        separator = "\n" if output and not output.endswith("\n") else ""
        _write(sys.stderr, separator + _overrides(result))
    return status


def _note_unset_stage_variables(source: str, name: str, given: dict[str, Any], api: bool) -> None:
    """Say which stage variables the template reads that the request does not set.

    API Gateway renders an unset one as "" (apigateway.md §2), so the output is right for
    such a request, but the usual cause is a forgotten --stage-var: said on stderr, never
    an error.
    """
    from vtl.apigw.warnings import stage_variables_read

    # the template's own name: the syntax tree its render parsed is then reused (parse_once),
    # not made again (a second parse of a 300 KB template cost as much as the first)
    wanted = [variable for variable in stage_variables_read(source, name) if variable not in given]
    if not wanted:
        return
    names = ", ".join(wanted)
    how = " ".join(f"--stage-var {name}=VALUE" for name in wanted)
    also = ", --stage NAME (the definition's stage)" if api else ""
    _write(sys.stderr, f"vtl: note: the template reads stage variable{'s' * (len(wanted) > 1)} "
                       f"{names}, which the request does not set, so API Gateway renders "
                       f"{'them' if len(wanted) > 1 else 'it'} as \"\"; give {how}{also} or "
                       "stageVariables in the event\n")


def _reject_constant(name: str) -> NoReturn:
    """NaN and Infinity: Python's json reads them, JSON (and Jackson) does not."""
    import json

    raise json.JSONDecodeError(f"{name} is not JSON", name, 0)


def _routes(args: argparse.Namespace) -> int:
    from vtl import cli_routes

    return cli_routes.run(args)


def _sample_event(args: argparse.Namespace) -> int:
    from vtl.apigw import sample_event

    _write(sys.stdout, _pretty_json(sample_event()))
    return EXIT_OK


#: What ``vtl check FOLDER`` checks in a folder that is not an API definition.
TEMPLATE_SUFFIXES = (".vm", ".vtl")


def _check(args: argparse.Namespace) -> int:
    _at_most_one_stdin(*args.templates)
    warn = args.warnings or args.strict
    if warn and args.profile == "velocity":
        raise UsageError(
            "--warnings and --strict are about API Gateway: not with the velocity profile"
        )
    unreadable = failed = warned = warnings = total = 0
    skipped: list[str] = []
    for path in args.templates:
        try:
            found = _checked_templates(path, args, warn, skipped)
        except UsageError as error:
            _write(sys.stderr, f"vtl: error: {error}\n")
            unreadable += 1
            total += 1
            continue
        for source, name, locate in found:
            total += 1
            outcome = _check_one(source, name, args.profile, warn, locate)
            if outcome is None:
                failed += 1
            elif outcome:
                warned += 1
                warnings += outcome
    templates = _plural(total, "template")
    if unreadable or failed:
        bad = unreadable + failed
        _write(sys.stderr, f"vtl: {bad} of {templates} failed\n")
        return EXIT_USAGE if unreadable else EXIT_TEMPLATE_ERROR
    if args.strict and warnings:
        _write(sys.stderr, f"vtl: {_plural(warnings, 'warning')} in {warned} of {templates} "
                           "(--strict)\n")
        return EXIT_TEMPLATE_ERROR
    summary = f"vtl: {templates} OK"
    if warn:
        summary += f", {_plural(warnings, 'warning')}"
    if skipped:
        summary += f", {len(skipped)} not checked"
    _write(sys.stdout, summary + "\n")
    return EXIT_OK


def _checked_templates(
    path: str, args: argparse.Namespace, warn: bool, skipped: list[str]
) -> list[tuple[str, str, Any]]:
    """What ``vtl check PATH`` checks: the template file; every template of an API
    definition (each error located in the definition, as ``render --api`` does); every
    .vm/.vtl file under a folder. Each is ``(source, name, locate)``."""
    from vtl import cli_routes

    found = cli_routes._definition_format(path)
    if found is not None:
        if args.profile == "velocity":
            raise UsageError(f"{path} is an API definition: its templates run as API Gateway "
                             "runs them, not under the velocity profile")
        return _definition_templates(path, args.params, warn, skipped)
    if path != STDIN and os.path.isdir(path):
        files = sorted(
            os.path.join(folder, name)
            for folder, _, names in os.walk(path)
            for name in names
            if name.endswith(TEMPLATE_SUFFIXES)
        )
        if not files:
            raise UsageError(f"{path}: a folder with no template ({', '.join(TEMPLATE_SUFFIXES)} "
                             "file) under it and no API definition (cdk.out, Terraform) in it")
        return [(*_read_template(file), None) for file in files]
    return [(*_read_template(path), None)]


def _definition_templates(
    path: str, params: list[str], warn: bool, skipped: list[str]
) -> list[tuple[str, str, Any]]:
    """The mapping templates of the definition at ``path``, as ``_checked_templates`` gives
    them; the reader's warnings printed with ``warn``. A template holding a value only a
    deployment knows is said not to be checked; one a tool writes at deploy time (the
    Serverless Framework's defaults), whose text the definition does not hold, is left out.
    What is not checked is added to ``skipped``."""
    from vtl import cli_routes
    from vtl.api.sources.locate import locate_error

    api = cli_routes._load(path, params)
    if warn:
        for message in api.warnings:
            _write(sys.stderr, f"vtl: warning: {message}\n")
    found = []
    for what, template in _api_templates(api):
        if template.generated_by:  # not the user's text: a stand-in (`vtl routes` lists it)
            continue
        why = template.why_not_runnable()
        if why is not None:
            _write(sys.stderr, f"vtl: note: not checked: the {what} template {why}\n")
            skipped.append(what)
            continue
        name = f"{template.source or path} ({what})"

        def locate(error: TemplateError, template: Any = template, what: str = what) -> Any:
            return locate_error(error, template, what)

        found.append((template.text, name, locate))
    return found


def _api_templates(api: Any) -> list[tuple[str, Any]]:
    """Every mapping template API Gateway runs, named ``POST /orders request
    application/json`` or ``GET /orders/{id} response default application/json`` (a proxy
    integration's run none; gateway responses' are not VTL)."""
    found = []
    for method in api.methods:
        integration = method.integration
        if integration is None or integration.is_proxy:
            continue
        for media_type, template in integration.request_templates.items():
            found.append((f"{method} request {media_type}", template))
        for response in integration.responses:
            pattern = "default" if response.is_default else response.selection_pattern
            for media_type, template in response.response_templates.items():
                found.append((f"{method} response {pattern} {media_type}", template))
    return found


def _check_one(source: str, name: str, profile: str, warn: bool, locate: Any = None) -> int | None:
    """Check one template: None if it does not parse, else how many warnings it printed.
    ``locate`` points an error or warning into the file the template was written in."""
    from vtl import Template
    from vtl.errors import TemplateError

    place = locate or (lambda error: error)
    try:
        Template(source, profile=profile, name=name)
    except TemplateError as error:
        _report(place(error))
        return None
    if not warn:
        return 0
    from vtl.apigw.warnings import find_warnings

    found = [place(warning) for warning in find_warnings(source, name)]
    write_warnings(found)
    return len(found)


#: Places listed after a warning said once for several, and the different warnings
#: printed at most (see write_warnings).
WARNING_PLACES_LISTED = 5
WARNINGS_SHOWN = 50


def write_warnings(found: Sequence[TemplateError]) -> None:
    """Print warnings to stderr, each message once: a repeated one (the same undefined
    variable 150,000 times in a hostile template printed 67 GB) is followed by the count
    and the first places of its other occurrences; past WARNINGS_SHOWN different ones,
    how many more there are."""
    color = _use_color(sys.stderr)
    places: dict[str, list[TemplateError]] = {}
    for warning in found:
        places.setdefault(f"{warning.name}\0{warning.message}", []).append(warning)
    for same in list(places.values())[:WARNINGS_SHOWN]:
        _write(sys.stderr, same[0].format(color=color) + "\n")
        if len(same) > 1:
            listed = ", ".join(f"{w.line}:{w.column}" for w in same[1:WARNING_PLACES_LISTED + 1])
            more = ", …" if len(same) > WARNING_PLACES_LISTED + 1 else ""
            _write(sys.stderr, f"  = the same {_plural(len(same) - 1, 'more time')} "
                               f"(line:column {listed}{more})\n")
    if len(places) > WARNINGS_SHOWN:
        hidden = sum(len(same) for same in list(places.values())[WARNINGS_SHOWN:])
        _write(sys.stderr, f"vtl: {_plural(hidden, 'more warning')} not shown "
                           f"(the first {WARNINGS_SHOWN} different ones are)\n")


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' * (count != 1)}"


def _test(args: argparse.Namespace) -> int:
    from vtl.cli_cases import run_cases

    return run_cases(args.cases, update=args.update, junit=args.junit, api=args.api,
                     params=args.params)


def _compile(args: argparse.Namespace) -> int:
    from vtl import cli_routes

    found = cli_routes._definition_format(args.template)
    if found is not None:  # compiled as VTL, a YAML file is a syntax error at its first ${
        raise UsageError(
            f"{args.template} is an API definition ({found}), not a template: `vtl routes "
            f"{args.template}` lists its templates, `vtl check {args.template}` checks them"
        )
    source, name = _read_template(args.template)
    from vtl import Template
    from vtl.errors import TemplateError

    try:
        code = Template(source, profile=args.profile, name=name).python_source
    except TemplateError as error:
        return _report(error)
    _write(sys.stdout, code if code.endswith("\n") else code + "\n")
    return EXIT_OK


# --- inputs ---------------------------------------------------------------------------


def _at_most_one_stdin(*paths: str | None) -> None:
    if sum(path == STDIN for path in paths) > 1:
        raise UsageError("only one input can be read from stdin ('-')")


def _read_bytes(path: str, what: str) -> bytes:
    if path == STDIN:
        stdin = sys.stdin
        if stdin is None:
            raise UsageError(f"{what} {STDIN_NAME}: no standard input")
        buffer = getattr(stdin, "buffer", None)
        return buffer.read() if buffer is not None else stdin.read().encode("utf-8")
    try:
        with open(path, "rb") as file:
            return file.read()
    except FileNotFoundError:
        raise UsageError(f"{what} {path}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{what} {path}: is a directory") from None
    except PermissionError:
        raise UsageError(f"{what} {path}: permission denied") from None
    except OSError as error:
        raise UsageError(f"{what} {path}: {error.strerror or error}") from None


def _display_name(path: str) -> str:
    return STDIN_NAME if path == STDIN else path


def _decode(data: bytes, what: str, path: str, json_file: bool = False) -> str:
    """``data`` as text; ``json_file``: a JSON document, whose byte order mark is dropped."""
    from vtl.textfiles import TextFileError, decode_json, decode_text

    try:
        return decode_json(data) if json_file else decode_text(data)
    except TextFileError as error:
        raise UsageError(f"{what} {_display_name(path)}: {error}") from None


def _read_text(path: str, what: str) -> str:
    """A file's text, exactly as stored (no newline translation)."""
    return _decode(_read_bytes(path, what), what, path)


def _read_template(path: str) -> tuple[str, str]:
    """The template's text, exactly as stored (no newline translation), and its name."""
    return _decode(_read_bytes(path, "template"), "template", path), _display_name(path)


def _read_json_object(path: str, what: str) -> dict[str, Any]:
    import json

    text = _decode(_read_bytes(path, what), what, path, json_file=True)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise UsageError(
            f"{what} {_display_name(path)}: not valid JSON: {error.msg} "
            f"(line {error.lineno}, column {error.colno})"
        ) from None
    except RecursionError:
        raise UsageError(f"{what} {_display_name(path)}: JSON nested too deeply to read") from None
    if not isinstance(value, dict):
        kind = _json_kind(value)
        raise UsageError(f"{what} {_display_name(path)}: must be a JSON object, not {kind}")
    return value


def _json_kind(value: object) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if value is None:
        return "null"
    return "a number"


def _parse_stage_vars(items: list[str]) -> dict[str, str]:
    stage_variables: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise UsageError(f"--stage-var expects KEY=VALUE, got {item!r}")
        stage_variables[key] = value
    return stage_variables


_LOOKS_LIKE_FILE = re.compile(r"[\w./\\-]+\.(json|txt|xml|html|csv|yaml|yml)", re.IGNORECASE)


def _reject_apigw_options(args: argparse.Namespace, stage_variables: dict[str, str]) -> None:
    """Options that need an API Gateway request, given where there is none."""
    if args.profile == "apigateway" and args.event is not None:
        raise UsageError(
            "--vars and --event cannot be combined: on API Gateway a template sees only "
            "$input, $context, $util and $stageVariables"
        )
    # Say why, and what to use instead: a newcomer reaches here by trying the obvious.
    if args.profile == "velocity":
        why = (
            "the velocity profile: stock Velocity 1.7 has no API Gateway request ($input, "
            "$context, $stageVariables); give the template's variables with --vars"
        )
    else:
        why = (
            "--vars: --vars renders plain variables, without an API Gateway request; "
            "leave --vars out to render a request (--event, or the sample request)"
        )
    for flag, used in (
        ("--event", args.event is not None),
        ("--stage-var", bool(stage_variables)),
        ("--show-overrides", args.show_overrides),
        ("--body", args.body is not None),
        ("--status", args.status is not None),
        ("--strict", args.strict),
    ):
        if used:
            raise UsageError(f"{flag} cannot be used with {why}")


# --- outputs --------------------------------------------------------------------------


def _write(stream: IO[str], text: str) -> None:
    """Write ``text`` as UTF-8 bytes, whatever the locale, with no newline translation."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(text)
        stream.flush()
        return
    stream.flush()
    # A lone surrogate cannot be encoded; Java's UTF-8 encoder writes '?' for it too.
    buffer.write(text.encode("utf-8", "replace"))
    buffer.flush()


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _use_color(stream: IO[str]) -> bool:
    """Colour on a terminal; never with NO_COLOR set (https://no-color.org) or TERM=dumb;
    always with FORCE_COLOR set to anything but "" or "0" (https://force-color.org), as CI
    logs that render colour ask for."""
    if "NO_COLOR" in os.environ:
        return False
    if os.environ.get("FORCE_COLOR", "") not in ("", "0"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _report(error: TemplateError, status: int = EXIT_TEMPLATE_ERROR) -> int:
    _write(sys.stderr, error.format(color=_use_color(sys.stderr)) + "\n")
    return status


def _pretty_json(data: object) -> str:
    import json

    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _overrides(result: Any) -> str:
    """The overrides a template set, one per line, named as the template sets them:
    ``responseOverride.status: 404``, ``requestOverride.header.X-Id: 7``."""
    lines = []
    if result.status is not None:
        if result.status_overridden:
            lines.append(f"responseOverride.status: {result.status}")
        else:
            lines.append(f"status: {result.status} (--status; the template did not override it)")
    groups = (
        ("requestOverride.header", result.request_headers),
        ("requestOverride.path", result.path),
        ("requestOverride.querystring", result.querystring),
        ("responseOverride.header", result.response_headers),
    )
    for prefix, values in groups:
        for key, value in values.items():
            lines.append(f"{prefix}.{key}: {value}")
    if not any(line.startswith(("request", "response")) for line in lines):
        lines.append("(no overrides)")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

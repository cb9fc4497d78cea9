"""The ``vtl`` command: render, check and compile API Gateway mapping templates.

    vtl render TEMPLATE [--event EVENT.json] [--vars VARS.json] [--stage-var K=V ...]
               [--profile apigateway|velocity] [--json] [--show-overrides]
    vtl sample-event
    vtl check TEMPLATE...
    vtl compile TEMPLATE
    vtl invoke API_FILE "METHOD /path?query" [...]   (vtl/cli_invoke.py)

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
import sys
from collections.abc import Sequence
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
exit status: 0 ok, 1 template error, 2 usage or input error, 3 output is not JSON (--json)

examples:
  vtl render examples/passthrough.vm --event examples/event.json
  vtl sample-event > event.json
  vtl render request.vm --event event.json --stage-var table=orders --json
  vtl check templates/*.vm
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

The body is written to stdout byte for byte, with no newline added. With --json it is
parsed and pretty-printed instead; if it is not JSON, the error gives the output line and
column and the template line that produced it, and the exit status is 3.
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
    render.add_argument("template", metavar="TEMPLATE", help="template file ('-' for stdin)")
    render.add_argument(
        "--event",
        metavar="EVENT.json",
        help="API Gateway proxy event (default: the sample request)",
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

    commands.add_parser(
        "sample-event",
        help="print the built-in sample request (a starting point for --event)",
        description="Print the request `vtl render` uses when no --event is given.",
    )

    check = commands.add_parser(
        "check",
        help="syntax-check templates",
        description="Syntax-check each TEMPLATE and report every error; exit 1 if any fails.",
    )
    check.add_argument(
        "templates", metavar="TEMPLATE", nargs="+", help="template files ('-' for stdin)"
    )
    _add_profile(check)

    compile_ = commands.add_parser(
        "compile",
        help="print the Python code a template compiles to",
        description="Print the Python source generated for TEMPLATE.",
    )
    compile_.add_argument("template", metavar="TEMPLATE", help="template file ('-' for stdin)")
    _add_profile(compile_)
    cli_invoke.add_parser(commands)
    return parser


def _add_profile(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--profile",
        choices=PROFILES,
        default="apigateway",
        help="engine rules: apigateway (AWS, the default) or velocity (stock Velocity 1.7)",
    )


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
        }[args.command]
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
    _at_most_one_stdin(args.template, args.event, args.vars)
    stage_variables = _parse_stage_vars(args.stage_vars)
    plain = args.profile == "velocity" or args.vars is not None
    if plain:
        _reject_apigw_options(args, stage_variables)
    source, name = _read_template(args.template)
    variables = _read_json_object(args.vars, "vars") if args.vars is not None else {}
    event = _read_json_object(args.event, "event") if args.event is not None else None

    from vtl.errors import TemplateError

    try:
        if plain:
            return _render_plain(source, name, args.profile, variables, args.json)
        return _render_apigw(source, name, event, stage_variables, args)
    except TemplateError as error:
        return _report(error)


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
    except json.JSONDecodeError as error:
        position = error.pos if error.doc is body else max(0, body.find(error.doc))
        line = body.count("\n", 0, position) + 1
        column = position - (body.rfind("\n", 0, position) + 1) + 1
        _write(
            sys.stderr,
            f"vtl: error: the output is not JSON: {error.msg} "
            f"(output line {line}, column {column})\n",
        )
        return EXIT_NOT_JSON
    _write(sys.stdout, _pretty_json(data))
    return EXIT_OK


def _render_apigw(
    source: str,
    name: str,
    event: dict[str, Any] | None,
    stage_variables: dict[str, str],
    args: argparse.Namespace,
) -> int:
    """Render as API Gateway does: the event becomes $input, $context, $stageVariables."""
    from vtl.apigw import EventError, OutputNotJsonError, render, sample_event

    if event is None:
        event = sample_event()
    options: dict[str, Any] = {"name": name}
    if stage_variables:
        base = event.get("stageVariables")
        options["stage_variables"] = {**(base if isinstance(base, dict) else {}), **stage_variables}
    try:
        result = render(source, event, **options)
    except EventError as error:
        where = "the sample" if args.event is None else _display_name(args.event)
        raise UsageError(f"event {where}: {error}") from None
    if args.json:
        try:
            output = _pretty_json(result.json())
        except OutputNotJsonError as error:
            return _report(error, EXIT_NOT_JSON)
    else:
        output = result.body
    _write(sys.stdout, output)
    if args.show_overrides:
        _write(sys.stderr, _overrides(result))
    return EXIT_OK


def _reject_constant(name: str) -> NoReturn:
    """NaN and Infinity: Python's json reads them, JSON (and Jackson) does not."""
    import json

    raise json.JSONDecodeError(f"{name} is not JSON", name, 0)


def _sample_event(args: argparse.Namespace) -> int:
    from vtl.apigw import sample_event

    _write(sys.stdout, _pretty_json(sample_event()))
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    _at_most_one_stdin(*args.templates)
    from vtl import Template
    from vtl.errors import TemplateError

    unreadable = failed = 0
    for path in args.templates:
        try:
            source, name = _read_template(path)
        except UsageError as error:
            _write(sys.stderr, f"vtl: error: {error}\n")
            unreadable += 1
            continue
        try:
            Template(source, profile=args.profile, name=name)
        except TemplateError as error:
            _report(error)
            failed += 1
    total = len(args.templates)
    if unreadable or failed:
        bad = unreadable + failed
        _write(sys.stderr, f"vtl: {bad} of {total} template{'s' * (total != 1)} failed\n")
    return EXIT_USAGE if unreadable else EXIT_TEMPLATE_ERROR if failed else EXIT_OK


def _compile(args: argparse.Namespace) -> int:
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


def _decode(data: bytes, what: str, path: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise UsageError(
            f"{what} {_display_name(path)}: not valid UTF-8 "
            f"(byte 0x{data[error.start]:02x} on line {line})"
        ) from None


def _read_template(path: str) -> tuple[str, str]:
    """The template's text, exactly as stored (no newline translation), and its name."""
    return _decode(_read_bytes(path, "template"), "template", path), _display_name(path)


def _read_json_object(path: str, what: str) -> dict[str, Any]:
    import json

    text = _decode(_read_bytes(path, what), what, path)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise UsageError(
            f"{what} {_display_name(path)}: not valid JSON: {error.msg} "
            f"(line {error.lineno}, column {error.colno})"
        ) from None
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


def _reject_apigw_options(args: argparse.Namespace, stage_variables: dict[str, str]) -> None:
    """Options that need an API Gateway request, given where there is none."""
    if args.profile == "apigateway" and args.event is not None:
        raise UsageError(
            "--vars and --event cannot be combined: on API Gateway a template sees only "
            "$input, $context, $util and $stageVariables"
        )
    why = "the velocity profile" if args.profile == "velocity" else "--vars"
    for flag, used in (
        ("--event", args.event is not None),
        ("--stage-var", bool(stage_variables)),
        ("--show-overrides", args.show_overrides),
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
    """Colour only on a terminal, never with NO_COLOR set (https://no-color.org) or TERM=dumb."""
    if "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb":
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
    """The overrides a template set, one per line: ``status: 444``, ``header.X-Id: 7``."""
    lines = []
    if getattr(result, "status", None) is not None:
        lines.append(f"status: {result.status}")
    for part in ("header", "path", "querystring"):
        values = getattr(result, "headers" if part == "header" else part, None) or {}
        for key, value in values.items():
            if isinstance(value, (list, tuple)):
                value = ",".join(str(item) for item in value)
            lines.append(f"{part}.{key}: {value}")
    return "\n".join(lines or ["(no overrides)"]) + "\n"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

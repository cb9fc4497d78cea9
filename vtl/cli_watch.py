"""``--watch`` for ``vtl render`` and ``vtl test``: run again on every save.

The command runs once, then again each time one of its files changes (the template,
event, body and vars files of ``render``; anything under the folder of ``test``), on a
cleared screen. Files are watched with ``watchfiles`` (Rust ``notify`` underneath), through
their folders, so that editors that save by writing a new file and renaming it are seen
too. Errors do not end the watch: fix the file and save. Ctrl-C stops it.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from vtl.cli import EXIT_USAGE, STDIN, UsageError, _write

__all__ = ["watch", "watch_changes"]

CLEAR_SCREEN = "\x1b[2J\x1b[H"

Command = Callable[[argparse.Namespace], int]


def watch(command: Command, args: argparse.Namespace) -> int:
    """Run ``command(args)``, then again after every change to its files, until Ctrl-C."""
    files, folders = watched_paths(args)
    shown = ", ".join(sorted(str(p) for p in files) + sorted(f"{p}/" for p in folders))
    notice = f"vtl: watching {shown} (Ctrl-C to stop)\n"
    status = _run(command, args)
    _write(sys.stderr, notice)
    try:
        for _ in watch_changes(files, folders):
            _clear_screen()
            status = _run(command, args)
            _write(sys.stderr, notice)
    except KeyboardInterrupt:
        pass
    return status


def _run(command: Command, args: argparse.Namespace) -> int:
    """One run; an input error is shown and the watch goes on (the file may be mid-edit)."""
    try:
        return command(args)
    except UsageError as error:
        _write(sys.stderr, f"vtl: error: {error}\n")
        return EXIT_USAGE
    finally:
        sys.stdout.flush()


def watched_paths(args: argparse.Namespace) -> tuple[list[Path], list[Path]]:
    """The files and the folders (watched recursively) a command reads."""
    if args.command == "test":
        # --api: the definition the whole-method cases run on, a file or a folder.
        api = Path(args.api) if getattr(args, "api", None) is not None else None
        if api is None:
            return [], [Path(args.cases)]
        return ([], [Path(args.cases), api]) if api.is_dir() else ([api], [Path(args.cases)])
    names = [args.template, args.event, getattr(args, "vars", None)]
    body = getattr(args, "body", None)
    if body is not None and (body == STDIN or os.path.isfile(body)):
        names.append(body)
    if STDIN in names:
        raise UsageError("--watch cannot read from stdin ('-'): give files")
    # `render --api`: the definition, a file or a folder (cdk.out, Terraform) whose files
    # the reader may read, such as templates loaded with file().
    api = getattr(args, "api", None)
    folders = [Path(api)] if api is not None and Path(api).is_dir() else []
    if api is not None and not folders:
        names.append(api)
    return [Path(name) for name in names if name is not None], folders


def watch_changes(files: Iterable[Path], folders: Iterable[Path]) -> Iterator[None]:
    """Yield once per batch of changes to ``files`` or anything under ``folders``."""
    import watchfiles

    files = [path.resolve() for path in files]
    folders = [path.resolve() for path in folders]
    targets = {str(path) for path in files}

    def wanted(_change: object, path: str) -> bool:
        resolved = str(Path(path).resolve())
        return resolved in targets or any(
            resolved.startswith(str(folder) + os.sep) for folder in folders
        )

    roots = sorted({str(path.parent) for path in files} | {str(folder) for folder in folders})
    # raise_interrupt: Ctrl-C reaches ``watch``, which ends quietly (asked not to raise,
    # watchfiles logs a "KeyboardInterrupt caught, stopping watch" line of its own).
    for _ in watchfiles.watch(*roots, watch_filter=wanted, raise_interrupt=True):
        yield


def _clear_screen() -> None:
    isatty = getattr(sys.stdout, "isatty", None)
    if isatty and isatty():
        _write(sys.stdout, CLEAR_SCREEN)
    else:
        _write(sys.stderr, "\n")

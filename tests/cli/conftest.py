"""Run the ``vtl`` command in-process through ``vtl.cli.main(argv)``."""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from vtl.cli import main


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def run(
    capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    """``run(*argv, stdin=b"...")``: the exit status and the exact stdout/stderr text.

    Runs in ``tmp_path`` so file names in messages are the short ones given; colour is
    off (stderr is not a terminal) and NO_COLOR is unset unless a test says otherwise.
    """
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)

    def run(*argv: str, stdin: bytes | None = None) -> Run:
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
        code = main(list(argv))
        out, err = capsysbinary.readouterr()
        # Decoding keeps every byte: no newline translation happens here.
        return Run(code, out.decode("utf-8"), err.decode("utf-8"))

    return run


@pytest.fixture
def write(tmp_path: Path):
    """``write(name, text_or_bytes)``: a file in the working folder, byte for byte."""

    def write(name: str, content: str | bytes) -> str:
        data = content.encode("utf-8") if isinstance(content, str) else content
        (tmp_path / name).write_bytes(data)
        return name

    return write

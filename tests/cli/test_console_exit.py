"""The ``vtl`` command ends without the interpreter's teardown (vtl.cli.console_main, issue
14): everything it printed still arrives, through a pipe too, and its exit status is main's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("template", "status", "stdout", "stderr_start"), [
    # 20,000 lines: more than a pipe's buffer, so a missing flush would lose the end
    ("#foreach($i in [1..20000])line $i\n#end", 0, "".join(f"line {i}\n" for i in range(1, 20001)), ""),
    ("#set($a = )", 1, "", "syntax error: unexpected ')'"),
])
def test_the_command_prints_everything_and_keeps_its_status(tmp_path, template, status, stdout,
                                                            stderr_start) -> None:
    (tmp_path / "t.vm").write_text(template, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "vtl", "render", "t.vm", "--profile", "velocity"],
                          cwd=tmp_path, capture_output=True, text=True, check=False,
                          env={"PYTHONPATH": str(ROOT), "VTL_NO_CACHE": "1", "PATH": ""})
    assert (done.returncode, done.stdout) == (status, stdout)
    assert done.stderr.startswith(stderr_start)


def test_a_usage_error_is_exit_2_with_its_message(tmp_path) -> None:
    done = subprocess.run([sys.executable, "-m", "vtl", "render", "nope.vm"], cwd=tmp_path,
                          capture_output=True, text=True, check=False,
                          env={"PYTHONPATH": str(ROOT), "VTL_NO_CACHE": "1", "PATH": ""})
    assert (done.returncode, done.stdout, done.stderr) == (
        2, "", "vtl: error: template nope.vm: no such file\n")

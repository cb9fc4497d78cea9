"""Measurements made on whole new processes: start-up, the on-disk cache, peak memory.

Every process here runs with ``VTL_CACHE_DIR`` set to a folder of the harness's own (so a
developer's cache neither helps nor is filled) and Python's bytecode cache on (in the same
folder), both warmed by one untimed run first.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

# Loads templates from a warm on-disk cache in a new process; refuses to compile.
_CACHED_LOAD = """
import json, sys, time
from vtl import Template, cache, template
def refuse(*args, **kwargs):
    raise SystemExit("compiled although the cache was warm")
clock = time.process_time  # CPU time of this process: the load of other programs is not counted
start = clock()
cache.engine_version()
fingerprint = clock() - start
warm = sys.argv[1] == "--warm"  # the untimed first run, which fills the cache
sources = [open(path, encoding="utf-8").read() for path in sys.argv[2 if warm else 1:]]
if not warm:
    template.compile_unit = refuse
times = []
for source in sources:
    start = clock()
    Template(source, profile="apigateway")
    times.append(clock() - start)
print(json.dumps({"fingerprint": fingerprint, "templates": times}))
"""


class Sandbox:
    """A private cache folder and the environment for the processes measured."""

    def __init__(self) -> None:
        self.folder = tempfile.mkdtemp(prefix="vtl-bench-cache-")
        self.env = dict(os.environ)
        self.env["VTL_CACHE_DIR"] = self.folder
        self.env.pop("VTL_NO_CACHE", None)
        # Python's own bytecode cache, as after `pip install` (which compiles every module):
        # a shell that sets PYTHONDONTWRITEBYTECODE would otherwise time Python compiling
        # vtl's source on every start. Kept in the sandbox, out of the source tree.
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)
        self.env["PYTHONPYCACHEPREFIX"] = os.path.join(self.folder, "pycache")
        self.env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), self.env.get("PYTHONPATH")]))

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def run(self, command: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
        """Run ``command``: wall seconds and the completed process with its output."""
        start = time.perf_counter()
        result = subprocess.run(command, cwd=ROOT, env=self.env, capture_output=True, text=True)
        return time.perf_counter() - start, result


def _wall(command: list[str], sandbox: Sandbox) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Run ``command`` with its output discarded: wall seconds and the completed process."""
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=sandbox.env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    return time.perf_counter() - start, result


def cli_command() -> tuple[list[str], str]:
    template, event = Path("examples") / "passthrough.vm", Path("examples") / "event.json"
    # the `vtl` script installed beside this Python (a virtualenv's bin/), else on PATH
    beside = Path(sys.executable).with_name("vtl.exe" if os.name == "nt" else "vtl")
    exe = str(beside) if beside.exists() else shutil.which("vtl")
    command = [exe] if exe else [sys.executable, "-m", "vtl"]
    command += ["render", str(template), "--event", str(event)]
    shown = " ".join(["vtl" if exe else "python -m vtl"] + command[(1 if exe else 3):])
    return command, shown


# `python -m vtl ...` that reports its own peak RSS when it exits. The kernel's per-child
# figure (wait4's ru_maxrss) also counts the memory of the harness process the child was
# forked from, so the child reads its high-water mark (VmHWM, Linux) itself instead.
_SELF_RSS = """
import atexit, os, runpy, sys
def report():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    os.write(2, ("\\npeak-rss-kib " + line.split()[1] + "\\n").encode())
    except OSError:
        pass
atexit.register(report)
sys.argv = ["vtl"] + sys.argv[1:]
runpy.run_module("vtl", run_name="__main__")
"""


def _self_reported_rss(arguments: list[str], sandbox: Sandbox) -> int | None:
    _, result = sandbox.run([sys.executable, "-c", _SELF_RSS] + arguments)
    for line in result.stderr.splitlines():
        if line.startswith("peak-rss-kib "):
            return int(line.split()[1]) * 1024
    return None


def time_cli(sandbox: Sandbox, rounds: int) -> dict[str, Any]:
    """``vtl render`` of the passthrough: wall time (median) and peak RSS, warm cache."""
    command, shown = cli_command()
    arguments = command[command.index("render"):]
    walls, peaks = [], []
    for i in range(rounds + 1):  # the first run warms the on-disk caches and the OS
        elapsed, result = _wall(command, sandbox)
        if result.returncode != 0:
            tail = (result.stderr or "").strip().splitlines()
            return {"command": shown, "error": tail[-1] if tail else f"exit {result.returncode}"}
        if i:
            walls.append(elapsed)
            peak = _self_reported_rss(arguments, sandbox)
            if peak is not None:
                peaks.append(peak)
    return {"command": shown, "seconds": statistics.median(walls), "rounds": rounds,
            "peak_rss_bytes": max(peaks) if peaks else None}


def time_import(sandbox: Sandbox, rounds: int) -> dict[str, Any]:
    """``python -c "import vtl"`` against ``python -c "pass"`` (whole processes, medians),
    the modules ``import vtl`` loads, and a process importing what ``vtl render`` needs."""
    base, imported = [], []
    for _ in range(rounds):
        base.append(sandbox.run([sys.executable, "-c", "pass"])[0])
        imported.append(sandbox.run([sys.executable, "-c", "import vtl"])[0])
    render_modules = [sandbox.run([sys.executable, "-c", "import vtl.cli, vtl.apigw, vtl.template"])[0]
                      for _ in range(rounds)]
    _, listing = sandbox.run([sys.executable, "-c",
                                 "import sys; before = set(sys.modules); import vtl; "
                                 "print('\\n'.join(sorted(set(sys.modules) - before)))"])
    modules = listing.stdout.split()
    return {"python_s": statistics.median(base), "import_s": statistics.median(imported),
            "render_modules_s": statistics.median(render_modules),
            "modules": len(modules), "vtl_modules": [m for m in modules if m.startswith("vtl")],
            "rounds": rounds}


def time_cached_templates(sandbox: Sandbox, sources: list[Path], rounds: int) -> dict[str, Any]:
    """A new process loading each template from a warm on-disk cache: seconds per template
    (the median of every template in every process, and the slowest), and the one-off
    engine fingerprint."""
    args = [str(path) for path in sources]
    _, warm = sandbox.run([sys.executable, "-c", _CACHED_LOAD, "--warm"] + args)
    if warm.returncode != 0:
        return {"error": (warm.stderr.strip().splitlines() or ["warm-up failed"])[-1]}
    samples, fingerprints = [], []
    for _ in range(rounds):
        _, result = sandbox.run([sys.executable, "-c", _CACHED_LOAD] + args)
        if result.returncode != 0:
            return {"error": (result.stderr.strip().splitlines() or ["failed"])[-1]}
        data = json.loads(result.stdout)
        samples += data["templates"]
        fingerprints.append(data["fingerprint"])
    return {"seconds": statistics.median(samples), "slowest_s": max(samples), "fingerprint_s": statistics.median(fingerprints),
            "templates": len(sources), "rounds": rounds}

"""Benchmark harness: ``python -m benchmarks`` or ``python benchmarks/run.py``.

Times parse + compile (fresh, uncached) and render (a compiled template, a fresh request
per render) for each case and engine, checks every engine's output against ours, times the
``vtl render`` command, and writes ``benchmarks/results/latest.json`` and
``benchmarks/RESULTS.md``. It never fails on a slow or broken engine: it reports.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if __package__ in (None, ""):
    sys.path.insert(0, str(ROOT))

from benchmarks import engines as engines_module  # noqa: E402

CASES = ("passthrough", "loop", "strings", "calls")
# (label, case, engine, ratio goal): our renders/s over the engine's (issue 13).
RENDER_TARGETS = (
    ("passthrough render >= 1.0x Velocity 1.7 (JVM)", "passthrough", "velocity-jvm", 1.0),
    ("passthrough render >= 2.5x velocityjs", "passthrough", "velocityjs", 2.5),
    ("loop (100 items) render >= 1.0x Velocity 1.7 (JVM)", "loop", "velocity-jvm", 1.0),
    ("20 escapeJavaScript/path calls render >= 1.0x Velocity 1.7 (JVM)", "calls", "velocity-jvm", 1.0),
)
COMPILE_TARGET_MS = 1.5
CACHED_TARGET_MS = 0.3
CLI_TARGET_S = 0.12
PIPELINE_TARGET = 1.5
RSS_TARGET_MB = 30.0
COPIES_TARGET = 3.0


def measure(fn: Callable[[], Any], *, rounds: int, min_time: float) -> dict[str, Any]:
    """Median seconds per call over ``rounds`` rounds of >= ``min_time`` s, after a warm-up."""
    perf = time.perf_counter
    start = perf()
    calls = 0
    while calls < 3 or perf() - start < min_time / 4:  # warm-up and calibration
        fn()
        calls += 1
    per_call = (perf() - start) / calls
    number = max(1, int(min_time / per_call))
    samples = []
    for _ in range(rounds):
        t0 = perf()
        for _ in range(number):
            fn()
        samples.append((perf() - t0) / number)
    median = statistics.median(samples)
    return {"seconds": median, "per_second": 1.0 / median, "rounds": rounds, "number": number,
            "spread": (max(samples) - min(samples)) / median}


def first_difference(expected: str, actual: str) -> str:
    index = next((i for i, (a, b) in enumerate(zip(expected, actual)) if a != b),
                 min(len(expected), len(actual)))
    line = expected.count("\n", 0, index) + 1
    return (f"first difference at char {index} (line {line}): ours {expected[index:index + 40]!r}"
            f" vs {actual[index:index + 40]!r}")


def error_text(error: BaseException) -> str:
    text = f"{type(error).__name__}: {error}".strip().splitlines()
    return text[0][:200] if text else type(error).__name__


def time_cli(rounds: int) -> dict[str, Any]:
    template, event = ROOT / "examples" / "passthrough.vm", ROOT / "examples" / "event.json"
    exe = shutil.which("vtl")
    command = [exe] if exe else [sys.executable, "-m", "vtl"]
    command += ["render", str(template.relative_to(ROOT)), "--event", str(event.relative_to(ROOT))]
    shown = " ".join(["vtl" if exe else "python -m vtl"] + command[(1 if exe else 3):])
    samples = []
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    for i in range(rounds + 1):  # the first run warms the grammar cache and the OS
        t0 = time.perf_counter()
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env)
        elapsed = time.perf_counter() - t0
        if result.returncode != 0:
            tail = (result.stderr or result.stdout).strip().splitlines()
            return {"command": shown, "error": tail[-1] if tail else f"exit {result.returncode}"}
        if i:
            samples.append(elapsed)
    return {"command": shown, "seconds": statistics.median(samples), "rounds": rounds}


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": cpu, "cores": str(os.cpu_count()), "python": platform.python_version(),
            "implementation": platform.python_implementation(), "platform": platform.platform(),
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


def run(rounds: int, min_time: float, cli_rounds: int) -> dict[str, Any]:
    engines = engines_module.all_engines()
    for engine in engines:
        if not engine.available:
            print(f"{engine.name}: engine unavailable: {engine.error}")
    results: dict[str, Any] = {"machine": machine(), "settings": {"rounds": rounds, "min_time": min_time},
                               "engines": {e.name: {"available": e.available, "error": e.error, "note": e.note}
                                           for e in engines},
                               "cases": {}}
    for case in CASES:
        source = (HERE / "cases" / f"{case}.vm").read_text(encoding="utf-8")
        event = json.loads((HERE / "cases" / f"{case}.event.json").read_text(encoding="utf-8"))
        rows: dict[str, Any] = {}
        reference: str | None = None
        for engine in engines:
            if engine.name == "ceiling" and case != "passthrough":
                continue
            row: dict[str, Any] = {}
            rows[engine.name] = row
            if not engine.available:
                row["error"] = f"engine unavailable: {engine.error}"
                continue
            try:
                compiled = engine.compile(source) if engine.compile else None
                output = engine.render(compiled, source, event)
            except Exception as error:  # noqa: BLE001
                row["error"] = f"engine unavailable: {error_text(error)}"
                print(f"{case}/{engine.name}: {row['error']}")
                continue
            if engine.name == "ours":
                reference = output
            row["output_chars"] = len(output)
            if engine.name != "ours":
                if reference is None:
                    row["matches_ours"] = None
                elif output == reference:
                    row["matches_ours"] = True
                else:
                    row["matches_ours"] = False
                    row["mismatch"] = first_difference(reference, output)
                    print(f"{case}/{engine.name}: output differs from ours: {row['mismatch']}")
            try:
                if engine.compile:
                    row["compile"] = measure(lambda: engine.compile(source), rounds=rounds, min_time=min_time)
                row["render"] = measure(lambda: engine.render(compiled, source, event),
                                        rounds=rounds, min_time=min_time)
            except Exception as error:  # noqa: BLE001
                row["error"] = f"engine failed while timed: {error_text(error)}"
            rate = row.get("render", {}).get("per_second")
            ms = row.get("compile", {}).get("seconds")
            print(f"{case:12} {engine.name:13} " + (f"{rate:12,.0f} renders/s" if rate else " " * 22)
                  + (f"   parse+compile {ms * 1e3:8.3f} ms" if ms else ""))
        ours_rate = rows.get("ours", {}).get("render", {}).get("per_second")
        for name, row in rows.items():
            other = row.get("render", {}).get("per_second")
            if name != "ours" and ours_rate and other:
                row["ours_ratio"] = ours_rate / other
        results["cases"][case] = rows
    results["cli"] = time_cli(cli_rounds)
    results["targets"] = evaluate(results)
    return results


def evaluate(results: dict[str, Any]) -> list[dict[str, Any]]:
    targets = []
    for label, case, against, goal in TARGETS:
        ratio = results["cases"][case].get(against, {}).get("ours_ratio")
        targets.append({"target": label, "value": None if ratio is None else round(ratio, 3),
                        "unit": "x", "pass": None if ratio is None else ratio >= goal})
    compile_s = results["cases"]["passthrough"].get("ours", {}).get("compile", {}).get("seconds")
    targets.append({"target": f"passthrough parse+compile <= {COMPILE_TARGET_MS:g} ms",
                    "value": None if compile_s is None else round(compile_s * 1e3, 3), "unit": "ms",
                    "pass": None if compile_s is None else compile_s * 1e3 <= COMPILE_TARGET_MS})
    cli_s = results["cli"].get("seconds")
    targets.append({"target": f"`vtl render` passthrough <= {CLI_TARGET_S:g} s",
                    "value": None if cli_s is None else round(cli_s, 3), "unit": "s",
                    "pass": None if cli_s is None else cli_s <= CLI_TARGET_S})
    return targets


def verdict(target: dict[str, Any]) -> str:
    return {True: "PASS", False: "FAIL", None: "n/a"}[target["pass"]]


def markdown(results: dict[str, Any]) -> str:
    m = results["machine"]
    lines = ["# Benchmark results", "",
             f"Latest run of `python -m benchmarks` ({m['date']}; {m['cpu']}, {m['cores']} cores; "
             f"{m['implementation']} {m['python']}; {m['platform']}). Median of "
             f"{results['settings']['rounds']} rounds of >= {results['settings']['min_time']} s after a warm-up. "
             "Ratio = our renders/s divided by the engine's.", "",
             "| template | engine | renders/s | ours vs it | parse+compile ms | output = ours |",
             "|---|---|---:|---:|---:|---|"]
    for case, rows in results["cases"].items():
        for name, row in rows.items():
            if "error" in row and "render" not in row:
                lines.append(f"| {case} | {name} | {row['error']} | | | |")
                continue
            rate = row["render"]["per_second"]
            ratio = f"{row['ours_ratio']:.2f}x" if "ours_ratio" in row else ""
            ms = f"{row['compile']['seconds'] * 1e3:.3f}" if "compile" in row else "-"
            same = {True: "yes", False: "NO", None: "?"}.get(row.get("matches_ours"), "(reference)")
            if row.get("mismatch"):
                same += f": {row['mismatch']}".replace("|", "\\|")
            lines.append(f"| {case} | {name} | {rate:,.0f} | {ratio} | {ms} | {same} |")
    cli = results["cli"]
    lines += ["", f"CLI: `{cli['command']}`: " + (f"{cli['seconds'] * 1e3:.0f} ms median of {cli['rounds']}"
                                                   if "seconds" in cli else f"unavailable: {cli['error']}"),
              "", "| target | measured | verdict |", "|---|---:|---|"]
    for t in results["targets"]:
        value = "n/a" if t["value"] is None else f"{t['value']}{' ' if t['unit'] != 'x' else ''}{t['unit']}"
        lines.append(f"| {t['target']} | {value} | {verdict(t)} |")
    lines += ["", "Engines:", ""]
    for name, e in results["engines"].items():
        lines.append(f"- **{name}**: " + (e["note"] if e["available"] else f"engine unavailable: {e['error']}"))
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds (median; default 5)")
    parser.add_argument("--min-time", type=float, default=0.2, help="seconds per round (default 0.2)")
    parser.add_argument("--cli-rounds", type=int, default=5, help="`vtl render` runs (default 5)")
    parser.add_argument("--no-write", action="store_true", help="print only; do not write results")
    args = parser.parse_args(argv)
    results = run(max(5, args.rounds), args.min_time, args.cli_rounds)
    text = markdown(results)
    print()
    print(text)
    if not args.no_write:
        (HERE / "results").mkdir(exist_ok=True)
        (HERE / "results" / "latest.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        (HERE / "RESULTS.md").write_text(text, encoding="utf-8")
        print(f"wrote {HERE / 'results' / 'latest.json'} and {HERE / 'RESULTS.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

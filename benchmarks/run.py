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
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if __package__ in (None, ""):
    sys.path.insert(0, str(ROOT))

from benchmarks import engines as engines_module  # noqa: E402
from benchmarks import memory, pipeline, processes, stages  # noqa: E402

CASES = ("passthrough", "loop", "strings", "calls")
# (label, case, engine, ratio goal): our renders/s over the engine's (issue 13).
RENDER_TARGETS = (
    ("passthrough render >= 1.0x Velocity 1.7 (JVM)", "passthrough", "velocity-jvm", 1.0),
    ("passthrough render >= 2.5x velocityjs", "passthrough", "velocityjs", 2.5),
    ("loop (100 items) render >= 1.0x Velocity 1.7 (JVM)", "loop", "velocity-jvm", 1.0),
    ("20 escapeJavaScript/path calls render >= 1.0x Velocity 1.7 (JVM)", "calls", "velocity-jvm", 1.0),
)
# In-process timings are CPU time of the whole process (Python: process_time; the JVM and
# node drivers read their process's CPU time too): on a shared machine, wall time also
# counts the time other programs hold the cores, which differs from engine to engine as
# they run one after the other. For these single-threaded loops, CPU time equals wall time
# on an idle machine. Start-up figures (new processes) are wall time.
CLOCK = time.process_time
COMPILE_TARGET_MS = 1.5
CACHED_TARGET_MS = 0.3
CLI_TARGET_S = 0.12
PIPELINE_TARGET = 1.5
RSS_TARGET_MB = 30.0
COPIES_TARGET = 3.0


def measure(fn: Callable[[], Any], *, rounds: int, min_time: float) -> dict[str, Any]:
    """Seconds per call over ``rounds`` rounds of >= ``min_time`` s, after a warm-up: the
    best round and the median, in CPU time of this process (see CLOCK)."""
    clock = CLOCK
    start = time.perf_counter()
    calls = 0
    while calls < 3 or time.perf_counter() - start < min_time / 4:  # warm-up and calibration
        fn()
        calls += 1
    per_call = (time.perf_counter() - start) / calls  # rounds sized on wall time
    number = max(1, int(min_time / per_call))
    samples = []
    for _ in range(rounds):
        t0 = clock()
        for _ in range(number):
            fn()
        samples.append((clock() - t0) / number)
    # The best round is the one least disturbed by whatever else the machine runs; ratios
    # between engines timed one after the other use it (the median is kept too).
    median, best = statistics.median(samples), min(samples)
    return {"seconds": best, "per_second": 1.0 / best, "median_seconds": median, "rounds": rounds,
            "number": number, "spread": (max(samples) - best) / median}


def first_difference(expected: str, actual: str) -> str:
    index = next((i for i, (a, b) in enumerate(zip(expected, actual)) if a != b),
                 min(len(expected), len(actual)))
    line = expected.count("\n", 0, index) + 1
    return (f"first difference at char {index} (line {line}): ours {expected[index:index + 40]!r}"
            f" vs {actual[index:index + 40]!r}")


def error_text(error: BaseException) -> str:
    text = f"{type(error).__name__}: {error}".strip().splitlines()
    return text[0][:200] if text else type(error).__name__


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = "n/a"
    if hasattr(os, "getloadavg"):
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return {"cpu": cpu, "cores": str(os.cpu_count()), "load": load, "python": platform.python_version(),
            "implementation": platform.python_implementation(), "platform": platform.platform(),
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


def _batch_rows(engine: engines_module.Engine, rounds: int, min_time: float) -> dict[str, Any]:
    """Run an out-of-process engine on every case at once; rows by case name."""
    paths = [(HERE / "cases" / f"{case}.vm", HERE / "cases" / f"{case}.event.json") for case in CASES]
    print(f"{engine.name}: running every case in its own process ...", flush=True)
    answer = engine.batch(paths, rounds, min_time)
    if "error" in answer:
        return {case: {"error": f"engine unavailable: {answer['error']}"} for case in CASES}
    rows: dict[str, Any] = {}
    for case, (template, _) in zip(CASES, paths):
        found = answer["cases"].get(str(template))
        if found is None or "error" in found:
            rows[case] = {"error": f"engine failed: {found['error'] if found else 'no answer'}"}
            continue
        rows[case] = {"output": found["output"],
                      "render": {"seconds": found["render_best_s"], "per_second": 1.0 / found["render_best_s"],
                                 "median_seconds": found["render_s"], "rounds": rounds},
                      "compile": {"seconds": found["compile_best_s"], "median_seconds": found["compile_s"]}}
    return rows


def _time_case(engine: engines_module.Engine, source: str, event: Any, rounds: int,
               min_time: float) -> dict[str, Any]:
    """Time one in-process engine on one case: its output and timings, or an error."""
    row: dict[str, Any] = {}
    try:
        compiled = engine.compile(source) if engine.compile else None
        row["output"] = engine.render(compiled, source, event)
    except Exception as error:  # noqa: BLE001
        return {"error": f"engine unavailable: {error_text(error)}"}
    try:
        if engine.compile:
            row["compile"] = measure(lambda: engine.compile(source), rounds=rounds, min_time=min_time)
        row["render"] = measure(lambda: engine.render(compiled, source, event),
                                rounds=rounds, min_time=min_time)
    except Exception as error:  # noqa: BLE001
        row["error"] = f"engine failed while timed: {error_text(error)}"
    return row


def run(rounds: int, min_time: float, cli_rounds: int) -> dict[str, Any]:
    engines = engines_module.all_engines()
    for engine in engines:
        if not engine.available:
            print(f"{engine.name}: engine unavailable: {engine.error}")
    results: dict[str, Any] = {"machine": machine(), "settings": {"rounds": rounds, "min_time": min_time},
                               "engines": {e.name: {"available": e.available, "error": e.error, "note": e.note}
                                           for e in engines},
                               "cases": {}}
    batches = {e.name: _batch_rows(e, rounds, min_time) for e in engines if e.available and e.batch}
    for case in CASES:
        source = (HERE / "cases" / f"{case}.vm").read_text(encoding="utf-8")
        event = json.loads((HERE / "cases" / f"{case}.event.json").read_text(encoding="utf-8"))
        rows: dict[str, Any] = {}
        reference: str | None = None
        for engine in engines:
            if engine.name == "ceiling" and case not in engines_module.CEILING_CASES:
                continue
            if not engine.available:
                rows[engine.name] = {"error": f"engine unavailable: {engine.error}"}
                continue
            row = batches[engine.name][case] if engine.batch else _time_case(engine, source, event,
                                                                             rounds, min_time)
            rows[engine.name] = row
            output = row.pop("output", None)
            if output is None:
                print(f"{case}/{engine.name}: {row.get('error')}")
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
            rate = row.get("render", {}).get("per_second")
            ms = row.get("compile", {}).get("seconds")
            print(f"{case:12} {engine.name:13} " + (f"{rate:12,.0f} renders/s" if rate else " " * 22)
                  + (f"   parse+compile {ms * 1e3:8.3f} ms" if ms else ""), flush=True)
        ours_rate = rows.get("ours", {}).get("render", {}).get("per_second")
        for name, row in rows.items():
            other = row.get("render", {}).get("per_second")
            if name != "ours" and ours_rate and other:
                row["ours_ratio"] = ours_rate / other
        results["cases"][case] = rows
    results["body_parse"] = {}
    for case in CASES:
        body = json.loads((HERE / "cases" / f"{case}.event.json").read_text(encoding="utf-8")).get("body")
        if body:
            results["body_parse"][case] = measure(lambda: json.loads(body), rounds=rounds,
                                                  min_time=min_time)["seconds"]
    passthrough = (HERE / "cases" / "passthrough.vm").read_text(encoding="utf-8")
    results["compile_stages"] = stages.measure(passthrough, measure, rounds, min_time)
    sandbox = processes.Sandbox()
    try:
        print("new processes: cached templates, `vtl render`, `import vtl` ...", flush=True)
        results["cached"] = processes.time_cached_templates(
            sandbox, [HERE / "cases" / f"{case}.vm" for case in CASES], rounds)
        results["cli"] = processes.time_cli(sandbox, cli_rounds)
        results["import"] = processes.time_import(sandbox, max(cli_rounds, 5))
    finally:
        sandbox.close()
    print("memory: a 10 MB body ...", flush=True)
    results["memory"] = memory.measure(ROOT)
    print("pipeline: Api.invoke ...", flush=True)
    results["pipeline"] = pipeline.measure(measure, rounds, min_time)
    results["targets"] = evaluate(results)
    results["machine"] = dict(results["machine"], load=machine()["load"])
    return results


def _target(label: str, value: float | None, unit: str, passed: bool | None, note: str = "") -> dict[str, Any]:
    return {"target": label, "value": None if value is None else round(value, 3), "unit": unit,
            "pass": passed, "note": note}


def evaluate(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Every target of issue 13, with the value measured in this run."""
    cases = results["cases"]
    targets = []
    for label, case, against, goal in RENDER_TARGETS:
        ceiling = cases[case].get("ceiling", {}).get("render", {}).get("per_second")
        row = cases[case].get(against, {})
        ratio = row.get("ours_ratio")
        note = "" if ratio is not None else row.get("error", "not measured")
        other = row.get("render", {}).get("per_second")
        ours = cases[case].get("ours", {}).get("render", {}).get("seconds")
        if ratio is not None and ratio < goal and other and ours:
            parse = results.get("body_parse", {}).get(case)
            notes = [f"our render {ours * 1e6:.0f} µs, {against}'s {1e6 / other:.0f} µs"]
            if parse:
                notes.append(f"parsing the request body alone (the stdlib's json.loads, which every "
                             f"render needs) takes {parse * 1e6:.0f} µs")
            if ceiling:
                notes.append(f"the hand-written ceiling (the same request preparation, then plain "
                             f"string building: no template engine) reaches {ceiling / other:.2f}x")
            note = "; ".join(notes)
        targets.append(_target(label, ratio, "x", None if ratio is None else ratio >= goal, note))
    compile_s = cases["passthrough"].get("ours", {}).get("compile", {}).get("seconds")
    ms = None if compile_s is None else compile_s * 1e3
    breakdown = results.get("compile_stages", {})
    note = breakdown.get("error", "; ".join(f"{name} {seconds * 1e3:.2f} ms" for name, seconds in breakdown.items()))
    python_compile = breakdown.get("Python's compile() of the generated module")
    if ms is not None and ms > COMPILE_TARGET_MS and isinstance(python_compile, float):
        # what no change to our own parser or code generator can remove
        note += (f"; Python's compile() alone is {python_compile * 1e3 / COMPILE_TARGET_MS:.0%} "
                 f"of the target")
    targets.append(_target(f"passthrough parse+compile <= {COMPILE_TARGET_MS:g} ms (warm process)", ms, "ms",
                           None if ms is None else ms <= COMPILE_TARGET_MS, note))
    cached = results.get("cached", {})
    ms = cached["seconds"] * 1e3 if "seconds" in cached else None
    targets.append(_target(f"new process, warm on-disk cache: <= {CACHED_TARGET_MS:g} ms per template", ms, "ms",
                           None if ms is None else ms <= CACHED_TARGET_MS,
                           cached.get("error", f"median of {cached.get('templates')} templates x "
                                               f"{cached.get('rounds')} processes (slowest "
                                               f"{cached.get('slowest_s', 0) * 1e3:.2f} ms), plus "
                                               f"{cached.get('fingerprint_s', 0) * 1e3:.2f} ms once per "
                                               "process for the engine fingerprint")))
    cli = results.get("cli", {})
    seconds = cli.get("seconds")
    imported = results.get("import", {})
    note = cli.get("error", "")
    if not note and "python_s" in imported:
        note = (f"`python -c pass` alone takes {imported['python_s']:.3f} s on this machine, a process "
                f"importing the modules a render needs (`vtl.cli`, `vtl.apigw`, `vtl.template`) "
                f"{imported['render_modules_s']:.3f} s")
    targets.append(_target(f"`vtl render` passthrough <= {CLI_TARGET_S:g} s wall, warm cache", seconds, "s",
                           None if seconds is None else seconds <= CLI_TARGET_S, note))
    if "import_s" in imported:
        vtl_modules = imported["vtl_modules"]
        # Deferred means: the engine, the parser and the API Gateway layer wait for first use.
        deferred = set(vtl_modules) <= {"vtl", "vtl.errors"}
        targets.append(_target("`import vtl` does no work it can defer (wall time of the process)",
                               imported["import_s"], "s", deferred,
                               f"`python -c pass` {imported['python_s']:.3f} s; loads {len(vtl_modules)} vtl "
                               f"modules ({', '.join(vtl_modules)}), {imported['modules']} modules in all"))
    pipe = results.get("pipeline", {})
    ratio = pipe.get("ratio")
    note = pipe.get("error", "")
    if ratio is not None:
        note = (f"median of {pipe.get('pairs')} pairs of blocks timed in turn; best rounds: "
                f"Api.invoke {pipe['invoke_s'] * 1e6:.0f} µs, the request and response templates "
                f"rendered alone {pipe['templates_s'] * 1e6:.0f} µs")
        if ratio > PIPELINE_TARGET:
            note += ("; the rest is the pipeline's own work outside the two renders (reading the "
                     "method request, routing, logging, a `$context`/`$input` per template, the "
                     "Lambda result's JSON)")
    targets.append(_target(f"`Api.invoke` (Lambda non-proxy) <= {PIPELINE_TARGET:g}x its two templates", ratio,
                           "x", None if ratio is None else ratio <= PIPELINE_TARGET, note))
    rss = cli.get("peak_rss_bytes")
    mb = None if rss is None else rss / 1e6
    targets.append(_target(f"peak RSS of `vtl render` <= {RSS_TARGET_MB:g} MB", mb, "MB",
                           None if mb is None else mb <= RSS_TARGET_MB))
    for label, row in results.get("memory", {}).items():
        copies = row.get("copies")
        note = row.get("error", "")
        if copies is not None:
            note = f"peak {row['peak_bytes'] / 1e6:.1f} MB for a {row['body_bytes'] / 1e6:.1f} MB body"
            if copies > COPIES_TARGET:
                note += (f": the parsed document alone (the stdlib's json.loads of that body peaks at "
                         f"{row['json_loads_copies']:.1f} copies) is held for the whole render, then the "
                         f"JSON text `$input.json` writes ({row['output_chars'] / row['body_bytes']:.1f} "
                         "copies) and the joined output")
        targets.append(_target(f"10 MB body, `{label}`: <= {COPIES_TARGET:g} copies held", copies, "copies",
                               None if copies is None else copies <= COPIES_TARGET, note))
    return targets


def verdict(target: dict[str, Any]) -> str:
    return {True: "PASS", False: "FAIL", None: "n/a"}[target["pass"]]


def markdown(results: dict[str, Any]) -> str:
    m = results["machine"]
    lines = ["# Benchmark results", "",
             f"One run of `python -m benchmarks` ({m['date']}; {m['cpu']}, {m['cores']} cores, load average "
             f"{m.get('load', 'n/a')} at the end of the run; {m['implementation']} {m['python']}; {m['platform']}).", "",
             f"Each engine ran {results['settings']['rounds']} rounds of >= {results['settings']['min_time']} s "
             "after a warm-up; renders/s and parse+compile times are its best round, in CPU time of its "
             "process (the machine is shared: wall time would also count other programs, differently for "
             "each engine as they run one after the other; on an idle machine the two agree). Medians are "
             "in results/latest.json. Ratio = our renders/s divided by the engine's. Start-up figures "
             "(`vtl render`, `import vtl`) are wall time of whole new processes.", "",
             "| target | measured | verdict | notes |", "|---|---:|---|---|"]
    for t in results["targets"]:
        unit = t["unit"]
        value = "n/a" if t["value"] is None else f"{t['value']}{'' if unit == 'x' else ' ' + unit}"
        lines.append(f"| {t['target']} | {value} | {verdict(t)} | {t['note']} |".replace("\n", " "))
    lines += ["", "| template | engine | renders/s | ours vs it | parse+compile ms | output = ours |",
              "|---|---|---:|---:|---:|---|"]
    for case, rows in results["cases"].items():
        for name, row in rows.items():
            if "render" not in row:
                lines.append(f"| {case} | {name} | {row.get('error', 'n/a')} | | | |")
                continue
            rate = row["render"]["per_second"]
            ratio = f"{row['ours_ratio']:.2f}x" if "ours_ratio" in row else ""
            ms = f"{row['compile']['seconds'] * 1e3:.3f}" if "compile" in row else "-"
            same = {True: "yes", False: "NO", None: "?"}.get(row.get("matches_ours"), "(reference)")
            if row.get("mismatch"):
                same += f": {row['mismatch']}".replace("|", "\\|")
            lines.append(f"| {case} | {name} | {rate:,.0f} | {ratio} | {ms} | {same} |")
    cli = results.get("cli", {})
    lines += ["", f"CLI: `{cli.get('command')}`: " + (f"{cli['seconds'] * 1e3:.0f} ms wall, median of {cli['rounds']} "
                                                      "new processes after one warming run"
                                                      if "seconds" in cli else f"unavailable: {cli.get('error')}")]
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

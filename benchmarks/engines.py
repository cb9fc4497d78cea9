"""The engines timed by the harness, each behind the same small interface.

``Engine.compile(source)`` parses and compiles from scratch (no cache);
``Engine.render(compiled, source, event)`` renders one fresh request. An engine that fails
to load is kept with its error, so the report can say "engine unavailable: <error>".

airspeed and airspeed-ext both install a top-level package named ``airspeed``, so with the
``bench`` extra one overwrites the other's files in site-packages. Each is therefore
installed, once, into its own directory under ``benchmarks/.engines/`` (``pip install
--no-deps --target``, the version installed in the environment or the pinned one) and
imported from there under its own name.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable, Mapping

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ENGINES_DIR = HERE / ".engines"
PINNED = {"airspeed": "0.7.1", "airspeed-ext": "0.6.9"}


class Engine:
    """An engine timed in this process (``compile``/``render``) or in a process of its own
    (``batch``: runs every case at once and returns its own timings)."""

    def __init__(self, name: str, compile: Callable[[str], Any] | None,
                 render: Callable[[Any, str, Mapping[str, Any]], str] | None,
                 error: str | None = None, note: str = "",
                 batch: Callable[[list[tuple[Path, Path]], int, float], dict[str, Any]] | None = None) -> None:
        self.name = name
        self.compile = compile
        self.render = render
        self.error = error
        self.note = note
        self.batch = batch

    @property
    def available(self) -> bool:
        return self.error is None


def _unavailable(name: str, error: BaseException | str) -> Engine:
    text = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
    return Engine(name, None, None, error=text.strip().splitlines()[-1] if text.strip() else text)


# --- ours -------------------------------------------------------------------------------


def ours() -> Engine:
    try:
        import vtl
        from vtl import template as template_module
        from vtl.apigw.render import variables_for  # noqa: F401  (fails early if apigw is broken)

        def compile(source: str) -> Any:
            # parse + compile now: neither the in-process nor the on-disk cache is consulted
            return template_module.compile_unit(source, "apigateway", "<template>")

        render_api = vtl.render

        def render(_compiled: Any, source: str, event: Mapping[str, Any]) -> str:
            # The public path: vtl.render finds the compiled template (cached by source) and
            # builds fresh $input/$context/$util/$stageVariables for this request.
            return render_api(source, event).body

        return Engine("ours", compile, render, note="vtl.render(source, event)")
    except Exception as error:  # noqa: BLE001 - degrade, never fail the run
        return _unavailable("ours", error)


# --- airspeed and airspeed-ext ------------------------------------------------------------


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return PINNED[dist]


def _isolated_airspeed(dist: str) -> Any:
    """Import ``airspeed`` from a private install of ``dist`` and return the module object."""
    version = _version(dist)
    target = ENGINES_DIR / f"{dist}-{version}"
    if not (target / "airspeed" / "__init__.py").exists():
        result = subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             "--no-deps", "--target", str(target), f"{dist}=={version}"],
            capture_output=True, text=True,
        )
        if result.returncode != 0:
            raise RuntimeError(f"pip install {dist}=={version} failed: {result.stderr.strip()[-300:]}")
    saved = {k: v for k, v in sys.modules.items() if k == "airspeed" or k.startswith("airspeed.")}
    for key in saved:
        del sys.modules[key]
    sys.path.insert(0, str(target))
    try:
        module = importlib.import_module("airspeed")
        for sub in ("operators",):
            if (target / "airspeed" / f"{sub}.py").exists():
                importlib.import_module(f"airspeed.{sub}")
        loaded = {k: v for k, v in sys.modules.items() if k == "airspeed" or k.startswith("airspeed.")}
    finally:
        sys.path.remove(str(target))
        for key in [k for k in sys.modules if k == "airspeed" or k.startswith("airspeed.")]:
            del sys.modules[key]
        sys.modules.update(saved)
    # The method table lives in airspeed/__init__.py (airspeed) or airspeed/operators.py (-ext).
    impl = loaded.get("airspeed.operators", module)
    return module, impl, version


def airspeed_engine(dist: str) -> Engine:
    try:
        from benchmarks import adapters

        module, impl, version = _isolated_airspeed(dist)
        adapters.install_string_methods(impl)
        Template = module.Template

        def compile(source: str) -> Any:
            template = Template(source)
            template.ensure_compiled()
            return template

        def render(compiled: Any, _source: str, event: Mapping[str, Any]) -> str:
            return compiled.merge(adapters.namespace(event))

        return Engine(dist, compile, render, note=f"{dist} {version} + benchmarks/adapters.py")
    except Exception as error:  # noqa: BLE001
        return _unavailable(dist, error)


# --- the hand-written ceiling (passthrough, loop, calls) ----------------------------------

#: The templates (benchmarks/cases/<name>.vm) with a hand-written ceiling.
CEILING_CASES = ("passthrough", "loop", "calls")


def ceiling() -> Engine:
    from benchmarks import ceiling as ceiling_module

    try:
        functions = ceiling_module.ours_by_case()
        note = "hand-written Python on vtl.apigw building blocks"
    except Exception as error:  # noqa: BLE001
        functions = {"passthrough": ceiling_module.adapters()}
        note = f"hand-written Python on ADAPTER building blocks (vtl.apigw unavailable: {type(error).__name__}: {error})"
    by_source = {(HERE / "cases" / f"{name}.vm").read_text(encoding="utf-8"): function
                 for name, function in functions.items()}

    def render(_compiled: Any, source: str, event: Mapping[str, Any]) -> str:
        return by_source[source](event)

    return Engine("ceiling", None, render, note=note)


# --- engines in processes of their own: Velocity 1.7 on the JVM, velocityjs -----------------

JVM_WARMUP_S = 5.0  # the JIT needs seconds of calls before the JVM runs at full speed
NODE_WARMUP_S = 2.0
_M2_JARS = (
    "org/apache/velocity/velocity/1.7/velocity-1.7.jar",
    "commons-collections/commons-collections/3.2.2/commons-collections-3.2.2.jar",
    "commons-lang/commons-lang/2.6/commons-lang-2.6.jar",
    "com/jayway/jsonpath/json-path/2.10.0/json-path-2.10.0.jar",
    "net/minidev/json-smart/2.6.0/json-smart-2.6.0.jar",
    "net/minidev/accessors-smart/2.5.2/accessors-smart-2.5.2.jar",
    "org/ow2/asm/asm/9.7.1/asm-9.7.1.jar",
    "org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar",
    "org/slf4j/slf4j-nop/2.0.17/slf4j-nop-2.0.17.jar",
)
VELOCITYJS_VERSION = "2.1.7"


def _run_driver(command: list[str], timeout: float) -> dict[str, Any]:
    """Run a driver; its JSON lines by template path (or {"error": ...} for the whole run)."""
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as error:
        return {"error": f"{type(error).__name__}: {error}"}
    rows: dict[str, Any] = {}
    for line in result.stdout.splitlines():
        if line.startswith("{"):
            row = json.loads(line)
            rows[row["template"]] = row
    if not rows:
        tail = (result.stderr or result.stdout).strip().splitlines()
        return {"error": tail[-1] if tail else f"exit {result.returncode}"}
    return {"cases": rows}


def _case_args(cases: list[tuple[Path, Path]]) -> list[str]:
    return [str(part) for pair in cases for part in pair]


def velocity_jvm() -> Engine:
    """Apache Velocity 1.7 (benchmarks/jvm/VelocityBench.java on the recorder's model)."""
    m2 = Path(os.environ.get("M2", Path.home() / ".m2" / "repository"))
    jars = [m2 / jar for jar in _M2_JARS]
    missing = [str(jar) for jar in jars if not jar.exists()]
    if missing:
        return _unavailable("velocity-jvm", f"missing jar {missing[0]}")
    if not (shutil.which("java") and shutil.which("javac")):
        return _unavailable("velocity-jvm", "java/javac not on PATH")
    sources = [ROOT / "conformance" / "recorder" / "src" / "Recorder.java",
               ROOT / "conformance" / "recorder" / "src" / "ApigwRecorder.java",
               HERE / "jvm" / "VelocityBench.java"]
    build = ENGINES_DIR / "velocity-jvm"
    classpath = os.pathsep.join([str(build)] + [str(jar) for jar in jars])
    marker = build / "VelocityBench.class"
    if not marker.exists() or any(src.stat().st_mtime > marker.stat().st_mtime for src in sources):
        build.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(["javac", "-encoding", "UTF-8", "-d", str(build), "-cp", classpath]
                                + [str(src) for src in sources], capture_output=True, text=True)
        if result.returncode != 0:
            return _unavailable("velocity-jvm", f"javac failed: {result.stderr.strip()[-300:]}")
    version = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()

    def batch(cases: list[tuple[Path, Path]], rounds: int, min_time: float) -> dict[str, Any]:
        command = ["java", "-Dfile.encoding=UTF-8", "-cp", classpath, "VelocityBench",
                   str(rounds), str(max(min_time, 0.5)), str(JVM_WARMUP_S)] + _case_args(cases)
        return _run_driver(command, timeout=600)

    return Engine("velocity-jvm", None, None, batch=batch,
                  note=f"Apache Velocity 1.7 on {version[0] if version else 'java'} "
                       "(benchmarks/jvm/VelocityBench.java: the recorder's $input/$context/$util, "
                       f"built once per template; template parsed once; {JVM_WARMUP_S:g} s JIT warm-up; "
                       "CPU time of the timing thread, rounds of >= 0.5 s)")


def velocityjs() -> Engine:
    """velocityjs from npm, installed into benchmarks/.engines/ (benchmarks/node driver)."""
    if not (shutil.which("node") and shutil.which("npm")):
        return _unavailable("velocityjs", "node/npm not on PATH")
    target = ENGINES_DIR / f"velocityjs-{VELOCITYJS_VERSION}"
    if not (target / "node_modules" / "velocityjs" / "package.json").exists():
        target.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(["npm", "install", "--prefix", str(target), "--no-audit", "--no-fund",
                                 "--no-package-lock", f"velocityjs@{VELOCITYJS_VERSION}"],
                                capture_output=True, text=True)
        if result.returncode != 0:
            return _unavailable("velocityjs", f"npm install failed: {result.stderr.strip()[-300:]}")
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()

    def batch(cases: list[tuple[Path, Path]], rounds: int, min_time: float) -> dict[str, Any]:
        command = ["node", str(HERE / "node" / "velocityjs_bench.js"), str(target), str(rounds),
                   str(max(min_time, 0.5)), str(NODE_WARMUP_S)] + _case_args(cases)
        return _run_driver(command, timeout=600)

    return Engine("velocityjs", None, None, batch=batch,
                  note=f"velocityjs {VELOCITYJS_VERSION} on node {node} (benchmarks/node/velocityjs_bench.js: "
                       "a port of adapters.py's model, built afresh per render; CPU time of the process, "
                       "rounds of >= 0.5 s)")


def all_engines() -> list[Engine]:
    return [ours(), velocity_jvm(), velocityjs(), airspeed_engine("airspeed-ext"),
            airspeed_engine("airspeed"), ceiling()]

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
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable, Mapping

ENGINES_DIR = Path(__file__).resolve().parent / ".engines"
PINNED = {"airspeed": "0.7.1", "airspeed-ext": "0.6.9"}


class Engine:
    def __init__(self, name: str, compile: Callable[[str], Any] | None,
                 render: Callable[[Any, str, Mapping[str, Any]], str] | None,
                 error: str | None = None, note: str = "") -> None:
        self.name = name
        self.compile = compile
        self.render = render
        self.error = error
        self.note = note

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

        cached = template_module._compile
        fresh = getattr(cached, "__wrapped__", None)

        def compile(source: str) -> Any:
            if fresh is not None:
                return fresh(source, "apigateway", "<template>")
            cached.cache_clear()
            return vtl.Template(source, profile="apigateway")

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


# --- the hand-written ceiling (passthrough only) -------------------------------------------


def ceiling() -> Engine:
    from benchmarks import ceiling as ceiling_module

    try:
        function = ceiling_module.ours()
        note = "hand-written Python on vtl.apigw building blocks"
    except Exception as error:  # noqa: BLE001
        function = ceiling_module.adapters()
        note = f"hand-written Python on ADAPTER building blocks (vtl.apigw unavailable: {type(error).__name__}: {error})"

    def render(_compiled: Any, _source: str, event: Mapping[str, Any]) -> str:
        return function(event)

    return Engine("ceiling", None, render, note=note)


def all_engines() -> list[Engine]:
    return [ours(), airspeed_engine("airspeed-ext"), airspeed_engine("airspeed"), ceiling()]

"""Re-running the recorded conformance cases under another form of generated code."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path

_CONFORMANCE = Path(__file__).resolve().parents[1] / "test_conformance.py"


def rerun_conformance(wanted: Callable[[str], bool] = lambda template: True) -> tuple[int, list[str]]:
    """Run every recorded case whose template ``wanted`` accepts, as tests/test_conformance.py
    does (strict xfails left out); return how many ran and the failures."""
    spec = importlib.util.spec_from_file_location("conformance_rerun", _CONFORMANCE)
    assert spec is not None and spec.loader is not None
    checks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(checks)
    run, failures = 0, []
    for param in checks._render_params():
        case, profile = param.values
        if param.id in checks.XFAIL or not wanted(checks.read_text(case / "template.vm")):
            continue
        run += 1
        try:
            checks.test_conformance(case, profile)
        except BaseException as error:  # noqa: BLE001 - collected and reported by the caller
            failures.append(f"{param.id}: {type(error).__name__}: {error}"[:300])
    return run, failures

"""The spec context and a render helper for the core engine tests.

Expected outputs come from ``../shared/spec/velocity-1.7.md`` (rendered by the real
Velocity 1.7 jar with the context below) or, for the ``apigateway`` profile, from the
engine model of ``../shared/spec/apigateway.md`` §1: never from this engine's output.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

#: The context every example of velocity-1.7.md was rendered with (one copy, shared with
#: conformance/tools/new_case.py).
SPEC_VARS: dict[str, Any] = json.loads(
    (Path(__file__).resolve().parents[2] / "conformance" / "standard-vars.json").read_text(encoding="utf-8")
)


def render(source: str, profile: str = "velocity", variables: dict[str, Any] | None = None) -> str:
    """Render ``source`` with a fresh copy of the spec context (or ``variables``)."""
    from vtl import Template

    context = copy.deepcopy(SPEC_VARS if variables is None else variables)
    return Template(source, profile=profile, name="template").render(context)

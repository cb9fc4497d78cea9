"""``Api.invoke`` of a Lambda non-proxy method against rendering its two templates alone.

The pipeline (``vtl.api``: template selection, request template, response selection,
response template) is measured only when this checkout has it; otherwise the row says why.
"""

from __future__ import annotations

from typing import Any


def measure(rounds: int, min_time: float) -> dict[str, Any]:
    try:
        from vtl.api import Api
    except ImportError as error:
        return {"error": f"not measurable yet: no vtl.api.Api in this checkout ({error})"}
    if not hasattr(Api, "invoke"):
        return {"error": "not measurable yet: vtl.api.Api has no invoke() in this checkout "
                         "(the pipeline of vtl/api is still being built)"}
    return {"error": "not measurable yet: Api.invoke exists but this harness has no Lambda "
                     "non-proxy fixture for it"}

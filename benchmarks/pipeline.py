"""``Api.invoke`` of a Lambda non-proxy method against rendering its two templates alone.

The pipeline (``vtl.api.pipeline``: template selection, request template, response
selection, response template) is measured only when this checkout has it; otherwise the
row says why.
"""

from __future__ import annotations

import importlib.util
from typing import Any


def measure(rounds: int, min_time: float) -> dict[str, Any]:
    try:
        found = importlib.util.find_spec("vtl.api.pipeline")
    except ImportError as error:
        found, why = None, f"vtl.api cannot be imported ({error})"
    else:
        why = "vtl.api.pipeline, which Api.invoke runs, is not in this checkout yet"
    if found is None:
        return {"error": f"not measurable yet: {why}"}
    return {"error": "not measurable yet: the pipeline landed after this harness was written; "
                     "benchmarks/pipeline.py needs a Lambda non-proxy fixture for it"}

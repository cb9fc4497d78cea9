"""``Api.invoke`` of a Lambda non-proxy method against rendering its two templates alone.

The method: ``POST /orders``, a Lambda (``AWS``) integration whose request template is the
passthrough (``cases/passthrough.vm``) and whose response template is
``cases/lambda-response.vm``, the Lambda's answer given as a fixed result. ``Api.invoke``
runs the whole pipeline (routing, template selection, request template, the backend's
answer, response selection, response template); the baseline is ``vtl.render`` of the
request template on the passthrough request plus ``vtl.render`` of the response template
on a request whose body is the Lambda's result.
"""

from __future__ import annotations

import importlib.util
import json
import statistics
import time
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
URI = ("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
       "arn:aws:lambda:us-east-1:123456789012:function:orders/invocations")
LAMBDA_RESULT = {
    "orderId": "ord-20241121-0042", "status": "accepted", "total": 246.95,
    "items": [{"sku": "PET-FOOD-12", "qty": 2}, {"sku": "PET-TOY-ROPE", "qty": 1},
              {"sku": "PET-BED-M", "qty": 1}, {"sku": "PET-TREAT-50", "qty": 3}],
}


def measure(timer: Callable[..., dict[str, Any]], rounds: int, min_time: float) -> dict[str, Any]:
    """Seconds per ``Api.invoke`` and per pair of template renders, and their ratio."""
    if importlib.util.find_spec("vtl.api.pipeline") is None:
        return {"error": "not measurable yet: vtl.api.pipeline, which Api.invoke runs, is not "
                         "in this checkout"}
    import vtl
    from vtl.api import Api, Integration, IntegrationResponse, LambdaResult, Method, MethodResponse

    request_template = (HERE / "cases" / "passthrough.vm").read_text(encoding="utf-8")
    response_template = (HERE / "cases" / "lambda-response.vm").read_text(encoding="utf-8")
    event = json.loads((HERE / "cases" / "passthrough.event.json").read_text(encoding="utf-8"))
    api = Api(methods=[Method(
        "POST", "/orders",
        method_responses={"200": MethodResponse("200")},
        integration=Integration(
            "AWS", uri=URI, http_method="POST",
            request_templates={"application/json": request_template},
            responses=[IntegrationResponse("200", response_templates={"application/json": response_template})],
        ),
    )])
    headers = {"Content-Type": "application/json"}
    backend = LambdaResult(LAMBDA_RESULT)
    response_event = {"httpMethod": "POST", "path": "/orders", "body": json.dumps(LAMBDA_RESULT)}

    def invoke() -> Any:
        return api.invoke("POST", "/orders", headers=headers, body=event["body"], backend=backend)

    def templates() -> None:
        vtl.render(request_template, event)
        vtl.render(response_template, response_event)

    invocation = invoke()
    if invocation.error or invocation.response.status != 200:
        return {"error": f"the method did not complete: {invocation.error or invocation.response.status}"}
    whole = timer(invoke, rounds=rounds, min_time=min_time)["seconds"]
    alone = timer(templates, rounds=rounds, min_time=min_time)["seconds"]
    # The ratio from blocks of each run in turn, so that both sides of every pair meet the
    # same machine (two timings made one after the other on a shared machine differ by more
    # than the pipeline's own cost); the median pair's.
    number = max(1, int(min_time / 4 / whole))
    ratios = []
    for _ in range(PAIRS):
        start = time.process_time()
        for _ in range(number):
            invoke()
        middle = time.process_time()
        for _ in range(number):
            templates()
        ratios.append((middle - start) / (time.process_time() - middle))
    return {"invoke_s": whole, "templates_s": alone, "ratio": statistics.median(ratios),
            "pairs": PAIRS, "response_chars": len(invocation.response.body)}


#: Blocks of Api.invoke and of the two templates timed in turn for the ratio.
PAIRS = 25

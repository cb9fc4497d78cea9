"""How many copies of a 10 MB request body a render holds at its peak.

Measured in a new process with the ``tracemalloc`` module: the event (and its body) is
built before tracing starts, so the peak counts only what the render allocates. "Copies" =
that peak over the body's size (UTF-8 bytes). Two templates: ``$input.body`` (the body
passed through as text) and the passthrough (``$input.json('$')``: the body parsed into
JSON objects and written back).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
BODY_BYTES = 10 * 1000 * 1000

_SCRIPT = """
import json, sys, tracemalloc
sys.path.insert(0, sys.argv[1])
import vtl
template = open(sys.argv[2], encoding="utf-8").read()
size = int(sys.argv[3])
record = {"id": "item-000000", "name": "A product name", "price": 12.5, "qty": 3,
          "tags": ["alpha", "beta"], "active": True}
count = size // len(json.dumps(record))
body = json.dumps({"items": [dict(record, id=f"item-{i:06d}") for i in range(count)]})
event = {"httpMethod": "POST", "path": "/", "body": body, "headers": {"Content-Type": "application/json"}}
vtl.render(template, {"httpMethod": "POST", "path": "/", "body": "{}"})  # compile first
tracemalloc.start()
output = vtl.render(template, event).body
output_chars = len(output)
current, peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
del output
tracemalloc.start()  # for comparison: the stdlib parser's objects for the same body, alone
document = json.loads(body)
parsed = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
print(json.dumps({"body_bytes": len(body.encode()), "peak_bytes": peak, "output_chars": output_chars,
                  "json_loads_peak_bytes": parsed}))
"""

TEMPLATES = {
    "$input.body": "$input.body",
    "passthrough": None,  # cases/passthrough.vm
}


def measure(root: Path) -> dict[str, Any]:
    rows: dict[str, Any] = {}
    for label, text in TEMPLATES.items():
        path = HERE / "cases" / "passthrough.vm"
        if text is not None:
            path = HERE / "results" / "body-only.vm.tmp"
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
        result = subprocess.run([sys.executable, "-c", _SCRIPT, str(root), str(path), str(BODY_BYTES)],
                                capture_output=True, text=True)
        if text is not None:
            path.unlink(missing_ok=True)
        if result.returncode != 0:
            tail = result.stderr.strip().splitlines()
            rows[label] = {"error": tail[-1] if tail else f"exit {result.returncode}"}
            continue
        data = json.loads(result.stdout)
        data["copies"] = data["peak_bytes"] / data["body_bytes"]
        data["json_loads_copies"] = data["json_loads_peak_bytes"] / data["body_bytes"]
        rows[label] = data
    return rows

"""Start-up work of the API Gateway layer: no third-party JSONPath library is loaded (paths
and filters are read by the ports of Jayway's PathCompiler and FilterCompiler; jsonpath-ng,
which read filters before, cost start-up time to build its parser tables)."""

from __future__ import annotations

import json
import subprocess
import sys


def modules_loaded_by(code: str) -> list[str]:
    """The modules a new Python process loads while running ``code``."""
    script = f"import json, sys\nbefore = set(sys.modules)\n{code}\nprint(json.dumps(sorted(set(sys.modules) - before)))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_jsonpath_ng_is_never_loaded() -> None:
    simple = modules_loaded_by("import vtl\n"
                               "vtl.render(\"$input.json('$') $input.path('$.a.b')\", {'body': '{\"a\": {\"b\": 1}}'})")
    assert not any(name.startswith("jsonpath_ng") for name in simple)
    filtered = modules_loaded_by("import vtl\n"
                                 "vtl.render(\"$input.json('$.a[?(@.b == 1 || @.c in [1])]')\", {'body': '{\"a\": [{\"b\": 1}]}'})")
    assert not any(name.startswith("jsonpath_ng") for name in filtered)

#!/usr/bin/env python3
"""Create a conformance case directory (the recorder fills in the expected files).

    conformance/tools/new_case.py velocity/foreach/nested-loops \\
        --template '#foreach($i in $list)$i#end' --behaviour 54 --note "basic loop"

Options:
  --template TEXT     the template, taken literally (use $'...' in bash for \\n, \\r, \\t)
  --template-json S   the template as a JSON string literal, e.g. '"a\\r\\nb"'
  --template-file F   copy the template bytes from F
  --vars JSON|@FILE   the variables (default: the spec's standard context)
  --behaviour N       a velocity-1.7 behaviour number (repeatable), or a full tag such as
                      "apigateway §1"
  --note TEXT         short description
  --force             overwrite an existing case

Then record it:  conformance/recorder/record.sh conformance/cases/<path>

Also importable: ``make_case(rel_path, template, behaviours, note, variables=None)``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

CASES = Path(__file__).resolve().parent.parent / "cases"

#: The context used by every example of ../shared/spec/velocity-1.7.md.
STANDARD_VARS: dict[str, Any] = json.loads(
    (CASES.parent / "standard-vars.json").read_text(encoding="utf-8")
)


def behaviour_tag(b: int | str) -> str:
    """``14`` -> ``velocity-1.7 #14``; full tags pass through."""
    if isinstance(b, int) or str(b).isdigit():
        return f"velocity-1.7 #{int(b)}"
    return str(b)


def make_case(
    rel_path: str,
    template: str | bytes,
    behaviours: list[int | str],
    note: str,
    variables: dict[str, Any] | None = None,
    *,
    force: bool = False,
) -> Path:
    """Write template.vm, vars.json and case.json under conformance/cases/<rel_path>."""
    case = CASES / rel_path
    if case.exists() and not force:
        raise FileExistsError(f"{case} exists (use force=True)")
    case.mkdir(parents=True, exist_ok=True)
    data = template if isinstance(template, bytes) else template.encode("utf-8")
    (case / "template.vm").write_bytes(data)
    vars_obj = STANDARD_VARS if variables is None else variables
    (case / "vars.json").write_text(json.dumps(vars_obj, indent=2, ensure_ascii=False) + "\n",
                                    encoding="utf-8", newline="\n")
    meta = {
        "provenance": "velocity-1.7 recorder",
        "behaviours": [behaviour_tag(b) for b in behaviours],
        "note": note,
    }
    (case / "case.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n",
                                    encoding="utf-8", newline="\n")
    return case


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path", help="case path relative to conformance/cases, e.g. velocity/if/else-chain")
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--template")
    src.add_argument("--template-json")
    src.add_argument("--template-file")
    ap.add_argument("--vars")
    ap.add_argument("--behaviour", action="append", default=[], required=True)
    ap.add_argument("--note", required=True)
    ap.add_argument("--force", action="store_true")
    a = ap.parse_args(argv)
    if a.template is not None:
        template: str | bytes = a.template
    elif a.template_json is not None:
        template = json.loads(a.template_json)
    else:
        template = Path(a.template_file).read_bytes()
    variables = None
    if a.vars:
        variables = json.loads(Path(a.vars[1:]).read_text("utf-8") if a.vars.startswith("@") else a.vars)
    case = make_case(a.path, template, a.behaviour, a.note, variables, force=a.force)
    print(case)
    return 0


if __name__ == "__main__":
    sys.exit(main())

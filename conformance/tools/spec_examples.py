#!/usr/bin/env python3
"""Turn the examples of ../shared/spec/velocity-1.7.md into cases, and check the recorder.

    conformance/tools/spec_examples.py import   # create velocity/<topic>/spec-NN-K-* cases
    conformance/recorder/record.sh              # record them with the jar
    conformance/tools/spec_examples.py check    # compare the recordings with the spec

Every ``template:`` / ``output:`` / ``ERROR:`` example of the spec becomes one case named
``spec-<NN>-<K>-<slug>`` (NN = behaviour number, K = example number within it). ``check``
compares each case's ``expected.velocity.txt`` / ``error.velocity.txt`` with the spec; an
ERROR abbreviated with `` ... (expected-token list omitted)`` is compared up to that marker.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from new_case import CASES, make_case

SPEC = Path(__file__).resolve().parents[3] / "shared" / "spec" / "velocity-1.7.md"
OMITTED = " ... (expected-token list omitted)"

#: behaviour number ranges -> topic directory
TOPICS = [
    (1, 12, "references"), (13, 20, "properties"), (21, 31, "literals"), (32, 37, "set"),
    (38, 45, "if"), (46, 53, "arithmetic"), (54, 61, "foreach"), (62, 68, "macros"),
    (69, 72, "directives"), (73, 75, "comments"), (76, 80, "directives"),
    (81, 90, "whitespace"), (91, 93, "strings"), (94, 95, "maps"), (96, 96, "lists"),
    (97, 101, "errors"),
]


def topic_of(n: int) -> str:
    for lo, hi, topic in TOPICS:
        if lo <= n <= hi:
            return topic
    raise ValueError(n)


@dataclass
class Example:
    behaviour: int
    index: int
    title: str
    template: str
    output: str | None
    error: str | None

    @property
    def rel_path(self) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", self.title.lower()).strip("-")
        slug = "-".join(slug.split("-")[:5])
        return f"velocity/{topic_of(self.behaviour)}/spec-{self.behaviour:02d}-{self.index}-{slug}"


def examples(spec_text: str) -> list[Example]:
    out: list[Example] = []
    behaviour, title, index = 0, "", 0
    pending: str | None = None
    for line in spec_text.splitlines():
        m = re.match(r"\*\*(\d+)\. (.+?)\*\*", line)
        if m:
            behaviour, title, index = int(m.group(1)), m.group(2), 0
            continue
        m = re.match(r"(template|output|ERROR):\s+(\".*\")\s*$", line)
        if not m:
            continue
        kind, value = m.group(1), json.loads(m.group(2))
        if kind == "template":
            pending = value
        else:
            assert pending is not None, line
            index += 1
            out.append(Example(behaviour, index, title, pending,
                               value if kind == "output" else None,
                               value if kind == "ERROR" else None))
            pending = None
    return out


def cmd_import() -> int:
    for ex in examples(SPEC.read_text("utf-8")):
        if (CASES / ex.rel_path).exists():
            continue
        note = f"spec example {ex.behaviour}.{ex.index}: {ex.title}"
        make_case(ex.rel_path, ex.template, [ex.behaviour], note)
        print("created", ex.rel_path)
    return 0


def cmd_check() -> int:
    bad = 0
    exs = examples(SPEC.read_text("utf-8"))
    for ex in exs:
        case = CASES / ex.rel_path
        exp, err = case / "expected.velocity.txt", case / "error.velocity.txt"
        got_out = exp.read_bytes().decode("utf-8") if exp.exists() else None
        got_err = err.read_bytes().decode("utf-8") if err.exists() else None
        if ex.output is not None:
            ok = got_out == ex.output
        else:
            want = ex.error or ""
            ok = got_err is not None and (
                got_err.startswith(want[: -len(OMITTED)]) if want.endswith(OMITTED) else
                got_err == want or (got_err.startswith(want) and "Was expecting" in got_err[len(want):]))
        if not ok:
            bad += 1
            print(f"MISMATCH {ex.rel_path}\n  spec: {json.dumps(ex.output if ex.output is not None else ex.error)}"
                  f"\n  jar:  {json.dumps(got_out if got_out is not None else got_err)}")
    print(f"{len(exs) - bad}/{len(exs)} spec examples reproduced")
    return 1 if bad else 0


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    sys.exit({"import": cmd_import, "check": cmd_check}.get(cmd, lambda: print(__doc__) or 2)())

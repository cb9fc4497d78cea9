#!/usr/bin/env python3
"""Print the case-count table of conformance/README.md (per topic, per profile)."""

from __future__ import annotations

import collections
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "cases" / "velocity"


def main() -> None:
    print("| topic | cases | from spec examples | velocity: expected / error | apigateway: expected / error |")
    print("|---|---:|---:|---:|---:|")
    totals = [0] * 6
    for topic in sorted(p for p in ROOT.iterdir() if p.is_dir()):
        cases = [c for c in topic.iterdir() if c.is_dir()]
        n = collections.Counter()
        for c in cases:
            n["spec"] += c.name.startswith("spec-")
            for p in ("velocity", "apigateway"):
                n[p, (c / f"expected.{p}.txt").exists()] += 1
        row = [len(cases), n["spec"], n["velocity", True], n["velocity", False],
               n["apigateway", True], n["apigateway", False]]
        totals = [a + b for a, b in zip(totals, row)]
        print("| {} | {} | {} | {} / {} | {} / {} |".format(topic.name, *row))
    print("| **total** | **{}** | {} | {} / {} | {} / {} |".format(*totals))


if __name__ == "__main__":
    main()

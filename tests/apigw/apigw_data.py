"""Shared helpers for the vtl.apigw tests: the recorded data under tests/apigw/data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
CASES = Path(__file__).resolve().parents[2] / "conformance" / "cases" / "apigateway"


def recorded(name: str) -> list[dict[str, Any]]:
    """tests/apigw/data/<name>.json, written by conformance/recorder/apigw_probe_data.py
    from the real jars (json-smart 2.6.0, Jayway JsonPath 2.10.0, Commons Lang 2.6, JDK 17)."""
    entries: list[dict[str, Any]] = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    return entries

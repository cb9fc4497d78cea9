"""Fixtures for the core engine tests (helpers live in spec_context.py and ast_helpers.py)."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest
from spec_context import SPEC_VARS

from vtl import compiler, sharing, template


@pytest.fixture
def spec_vars() -> dict[str, Any]:
    return copy.deepcopy(SPEC_VARS)


def _fresh_compiles() -> Iterator[None]:
    template._compile.cache_clear()  # type: ignore[attr-defined]
    yield
    template._compile.cache_clear()  # type: ignore[attr-defined]


@pytest.fixture
def compact(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every template compiled in the compact form of large templates, none taken from a
    cache (vtl.compiler.COMPACT_TEMPLATE_CHARS)."""
    monkeypatch.setattr(compiler, "COMPACT_TEMPLATE_CHARS", 0)
    monkeypatch.setenv("VTL_NO_CACHE", "1")
    yield from _fresh_compiles()


@pytest.fixture
def shared(compact: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """As ``compact``, with every statement group shared, even one of a kind (vtl/sharing.py)."""
    monkeypatch.setattr(sharing, "SHARE_MIN_COPIES", 1)
    yield from _fresh_compiles()

"""Fixtures for the core engine tests (helpers live in spec_context.py and ast_helpers.py)."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from spec_context import SPEC_VARS


@pytest.fixture
def spec_vars() -> dict[str, Any]:
    return copy.deepcopy(SPEC_VARS)

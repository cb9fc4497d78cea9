"""Helpers for testing the pytest plugin with ``pytester``."""

from __future__ import annotations

import pytest


@pytest.fixture
def plugin_args(request: pytest.FixtureRequest) -> list[str]:
    """Arguments that load the plugin in a pytester run, unless it loads by itself.

    Installed, the plugin is loaded through its ``pytest11`` entry point (under the name
    ``vtl``), and loading it again with ``-p`` would register it twice. From a source
    checkout (PYTHONPATH=.) there is no entry point, so it is named explicitly.
    """
    if request.config.pluginmanager.has_plugin("vtl"):
        return []
    return ["-p", "vtl.pytest_plugin"]

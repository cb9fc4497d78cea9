"""The case folders in `examples/`, run with the plugin's own ``case_directories``.

Their expected files were written by hand from the events and the spec, not from this
engine's output.
"""

from __future__ import annotations

import os
from importlib.metadata import entry_points

from vtl.pytest_plugin import case_directories


def _autoloaded() -> bool:
    if os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD"):
        return False
    return any(ep.value == "vtl.pytest_plugin" for ep in entry_points(group="pytest11"))


# Installed, the plugin loads through its entry point; from a checkout, load it here.
if not _autoloaded():
    pytest_plugins = ["vtl.pytest_plugin"]


@case_directories("../../examples")
def test_example(vtl_case):
    vtl_case.check()

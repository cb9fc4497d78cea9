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


# Installed, the plugin loads through its entry point. From a checkout without one, take
# its fixture directly (registering the plugin module here as well would warn that it
# was imported before pytest could rewrite its asserts).
if not _autoloaded():
    from vtl.pytest_plugin import vtl_case  # noqa: F401


@case_directories("../../examples")
def test_example(vtl_case):
    vtl_case.check()

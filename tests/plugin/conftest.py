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


def _import_the_whole_engine() -> None:
    """Import every module of vtl before any ``pytester`` run.

    An in-process run drops the modules it imported when it ends; the next run imports
    them again, but ``from vtl import nodes as n`` then finds the package's attribute still
    naming the dropped module, so the compiler met nodes of another class ("'Method' object
    has no attribute 'arg'"): `pytest tests/plugin/test_pytest_plugin.py` alone failed 10
    tests that the whole suite, having imported the engine earlier, passed. Modules imported
    before a run are kept by it.
    """
    import importlib
    import pkgutil

    import vtl

    for module in pkgutil.walk_packages(vtl.__path__, "vtl."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)


_import_the_whole_engine()

"""Suite-wide setup: the on-disk cache of compiled templates (vtl/cache.py) lives in a
folder of its own for this run, so the suite never reads a developer's cache (which could
hide a compile) nor fills it; every template the suite compiles still goes through the
cache's store path, and the CLI subprocesses inherit the folder."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

_FOLDER = tempfile.mkdtemp(prefix="vtl-test-cache-")
os.environ["VTL_CACHE_DIR"] = _FOLDER
os.environ.pop("VTL_NO_CACHE", None)
atexit.register(shutil.rmtree, _FOLDER, ignore_errors=True)

"""Known conformance failures, applied as strict xfails by tests/test_conformance.py.

Keys are conformance test ids (the case path under conformance/cases plus the profile),
values say which spec item is not met yet and why:

    XFAIL = {
        "velocity/foreach/nested-loops[velocity]": "velocity-1.7 #57: $foreach.parent not built",
    }

Strict: an entry whose case starts passing fails the run, so remove it when fixed.
"""

from __future__ import annotations

XFAIL: dict[str, str] = {}

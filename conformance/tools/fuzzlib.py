"""What the two differential fuzzers (fuzz.py, fuzz_apigw.py) share: how the recorder's
Java exceptions map to our error kinds, and the shrinking of a differing template."""

from __future__ import annotations

import re
from collections.abc import Callable

#: Java exception classes that are syntax errors (vtl.TemplateSyntaxError) ...
SYNTAX_ERRORS = {
    "org.apache.velocity.exception.ParseErrorException",
    "org.apache.velocity.exception.TemplateInitException",
}
#: ... and render errors (vtl.TemplateRenderError), as tests/test_conformance.py maps them.
RENDER_ERRORS = {
    "org.apache.velocity.exception.MethodInvocationException",
    "org.apache.velocity.exception.VelocityException",
    "org.apache.velocity.exception.ResourceNotFoundException",
}
POSITION = re.compile(r"\[line (\d+), column (\d+)\]")


def shrink(template: str, still: Callable[[str], bool]) -> str:
    """Greedy delta debugging: drop ever smaller chunks of ``template`` while ``still``
    (the same kind of difference persists) holds."""
    n = 2
    while len(template) >= 2:
        chunk = max(1, len(template) // n)
        progressed = False
        for start in range(0, len(template), chunk):
            candidate = template[:start] + template[start + chunk:]
            if still(candidate):
                template = candidate
                n = max(n - 1, 2)
                progressed = True
                break
        if not progressed:
            if chunk == 1:
                break
            n = min(len(template), n * 2)
    return template

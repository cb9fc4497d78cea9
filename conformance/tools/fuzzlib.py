"""What the differential fuzzers (fuzz.py, fuzz_apigw.py) share: how the recorder's
Java exceptions map to our error kinds, the shrinking of a differing template, and the
mutation of recorded templates (fuzz.py run --mutants, and the front end's own tests)."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

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


CASES = Path(__file__).resolve().parents[1] / "cases"
#: Bits of VTL that reach the lexer's and parser's rare paths, mixed into templates.
PIECES = [
    "$", "$!", "#", "##", "#*", "*#", "#**", "#[[", "]]#", "\\", "\\\\", "${", "}", "{", "[", "]",
    "(", ")", "'", '"', " ", "\t", "\n", "\r\n", "\r", ".", "..", ",", ":", "=", "==", "!", "-",
    "1", "2.5", "1e3", "true", "false", "a", "x_y", "é", "\U0001F600", "#set(", "#if(", "#elseif(",
    "#else", "#end", "#foreach(", "#macro(", "#{end}", "$a.b(", "$a[", "#literal()", " in ",
    "&&", "||", "lt", "<=", "*", "/", "%", "+", "@",
    # plain references (read in one step with group_references=True)
    "$a.b('x')", "$a.b($c, 1)", "$a.b($c.d('y'), \"z\")", ", ", "$a.b().c", "$x.y.z", "$a.b(-2)",
    # what may end one in text: another reference, a directive, a comment or an EMPTY_INDEX
    "$a$b", "$a#end", "$a.b()$c", "$a$.b", "$a#*c*#d", "$a#[[x]]#y", "$a#set($b=1)", "$a.b#c",
    "$a##c\n", "$a.b()#if(1)x#end",
]


def recorded_templates() -> list[str]:
    """The templates of the conformance cases."""
    return [path.read_text(encoding="utf-8") for path in sorted(CASES.rglob("*.vm"))]


def mutants(seed: int, count: int, templates: list[str]) -> list[str]:
    """``count`` templates made from ``templates`` (those under 2,000 characters) and
    :data:`PIECES`, the same for the same seed: half of them pieces strung together, half a
    template with a piece put in (and the rest cut, sometimes)."""
    rnd = random.Random(seed)
    small = [t for t in templates if len(t) < 2000]
    out = []
    for _ in range(count):
        if rnd.random() < 0.5:
            out.append("".join(rnd.choice(PIECES) for _ in range(rnd.randrange(1, 25))))
        else:
            base = rnd.choice(small)
            at = rnd.randrange(len(base) + 1)
            cut = rnd.randrange(len(base) + 1)
            out.append(base[:at] + rnd.choice(PIECES) + base[at:][: max(0, cut - at)] if rnd.random() < 0.5
                       else base[:at] + rnd.choice(PIECES) + base[at:])
    return out



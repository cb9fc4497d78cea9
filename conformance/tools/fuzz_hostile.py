#!/usr/bin/env python3
"""Hostile-input fuzzing (issue 14): random and mutated templates, bodies and events, run
through ``vtl.apigw.render`` and ``vtl.Template``, must end in the right output or a
documented error, quickly.

    python -m conformance.tools.fuzz_hostile --renders 100000 --bodies 20000 --seed 1
    python -m conformance.tools.fuzz_hostile --show 17 --seed 1     # one input
    python -m conformance.tools.fuzz_hostile --shrink 17 --seed 1   # a minimal reproducer

``--events K`` renders each fuzzed template with K inputs (its own, then K - 1 more
hostile bodies or variables): compiling a template costs more than rendering it, so long
runs make K renders per compile. ``--renders`` counts renders either way.

A failure is an exception that is not a ``vtl.TemplateError`` or ``EventError``, a
render taking more than ``--budget`` seconds of CPU time (CPU, not wall-clock, time, so
that a loaded machine does not make failures; the profiles' ``render_timeout`` is set to
0.5 s of wall-clock time, or ``--timeout``), or Python object text in the output (``<vtl.``,
`` object at 0x``, ``Traceback``). Input *i* of seed *s* is always the same. The figures
(renders, outcomes by error type, slowest render) are printed at the end; failures go to
``--out`` as JSON lines. tests/core/test_hostile.py runs a few thousand inputs.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fuzz_apigw import generate as realistic
from fuzzlib import shrink

import vtl
from vtl.apigw import EventError, render
from vtl.profiles import EngineOptions, get_profile

#: Output text that can only come from a Python object leaking into a template.
PYTHON_TEXT = (" object at 0x", "Traceback (most recent", "<function ", "<class '", "<bound method")

#: Pieces a hostile template is made of: deep nesting, growth, big ranges and numbers,
#: bad literals, runaway regexes, method chains, lookups, directives in odd places.
HOSTILE_PIECES = [
    "#set($a = #1)", "#f(#1e9)", "$x.b(1e999)", "#set($n = 1e999)$n", "[1..100000000]",
    "#foreach($i in [1..100000000])$i#end", "#set($r = [1..5000000])", "$s.matches('(a+)+$')",
    '#set($s = "$s$s")', "#set($s = $s + $s)", "#set($n = $n * $n)", "$s.repeat(99999999)",
    '$s.replace("a", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")', "#foreach($i in [1..2000])$s#end",
    "$input.json('$')", "$input.path('$')", "$util.parseJson($input.body)", "$input.body",
    "$util.escapeJavaScript($input.body)", "$util.base64Decode($input.body)", "$input.path('$..a')",
    "#if($x.equals(1))a#elseif($x.equals(2))b#elseif($x.equals(3))c#end", "#macro(f $x)$x#end",
    "#evaluate($s)", "#define($d)$d$d#end$d", "#break", "#stop", "$!{x}", "\\$x", "#[[raw]]#",
    "#set($m = {})#set($z = $m.put('k', $m))$m.hashCode()", "#set($l = [])#set($z = $l.add($l))$l",
    "$s.split('')", "$s.replaceAll('', $s)", "$s.format('%099999999d', 1)", "${", "#if(", "#end",
    "$s.substring(-1)", "$s.charAt(999)", "$context.requestOverride.header.x", "$s.getClass().forName('x')",
    "$n.toString().length()", "$foreach.parent.parent", "#foreach($i in $input.path('$'))$i#end",
]
SEEDS = {"s": "abc", "n": 123456789, "x": {"b": 1}}
#: The profiles with a render time limit well inside the fuzzer's budget: a render that
#: runs past the budget all the same is one the limits failed to stop.
TIMEOUT = 0.5


def profiles(timeout: float) -> dict[str, EngineOptions]:
    """The two profiles with ``render_timeout`` set to ``timeout``."""
    return {name: replace(get_profile(name), render_timeout=timeout) for name in ("velocity", "apigateway")}


PROFILES = profiles(TIMEOUT)


def hostile_template(r: random.Random) -> str:
    """A template of hostile pieces, sometimes nested deep or repeated."""
    pieces = [r.choice(HOSTILE_PIECES) for _ in range(r.randint(1, 6))]
    text = "".join(pieces)
    kind = r.random()
    if kind < 0.1:
        depth = r.choice([50, 300, 1000])
        opener, closer = r.choice([("#if(true)", "#end"), ("#set($a = ", ")"), ("(", ")"),
                                   ("[", "]"), ("{'a':", "}"), ("#foreach($i in [1..2])", "#end")])
        text = opener * depth + text + closer * depth
    elif kind < 0.15:
        text = "#set($s = 'ab')#foreach($i in [1..40])" + text + "#end"
    elif kind < 0.2:
        text = "#if($x.equals(0))a" + "".join(f"#elseif($x.equals({i}))v{i}" for i in range(1, 150)) + "#end" + text
    return text


def mutate(r: random.Random, text: str) -> str:
    """A template with a few characters inserted, deleted or duplicated."""
    for _ in range(r.randint(1, 4)):
        if not text:
            break
        at = r.randrange(len(text))
        op = r.random()
        if op < 0.4:
            text = text[:at] + r.choice("#$()[]{}'\"\\!.,=<>|&*-+1e9 \n") + text[at:]
        elif op < 0.7:
            text = text[:at] + text[at + r.randint(1, 8):]
        else:
            end = min(len(text), at + r.randint(1, 20))
            text = text[:end] + text[at:]
    return text


def hostile_body(r: random.Random) -> str:
    """A request body: numbers of many digits or exponents, deep nesting, broken JSON."""
    kind = r.randrange(8)
    if kind == 0:
        return r.choice(["", "-", "+"]) + "".join(r.choice("0123456789") for _ in range(r.choice([19, 400, 4301, 6000])))
    if kind == 1:
        mantissa = r.choice(["1", "1.5", "-0.25", "1.000000000000000000", "10000000000000000000"])
        return '{"a":' + mantissa + r.choice(["e", "E", "e+", "e-"]) + str(r.choice([99, 999, 99999, 2**31, 10**19, 2**31 - 1])) + "}"
    if kind == 2:
        depth = r.choice([10, 399, 400, 401, 1000, 5000])
        return "[" * depth + "]" * depth if r.random() < 0.5 else '{"a":' * depth + "1" + "}" * depth
    if kind == 3:
        return "".join(r.choice('{}[]":,0123456789.eE-+ abtrufnl\\u\x7f\x00\ud800é') for _ in range(r.randint(0, 40)))
    if kind == 4:
        return json.dumps({"a": [r.random() for _ in range(r.randint(0, 5))], "s": "x" * r.randint(0, 100)})
    if kind == 5:
        return '{"a":' * 50 + '"' + "\\u" * r.randint(0, 3) + '"'
    if kind == 6:
        return "a=1&b=" + "%" * r.randint(0, 3) + "&" * r.randint(0, 3)
    return json.dumps({"x": 1e308 * r.choice([1, 10]) if r.random() < 0.5 else -0.0, "y": [None, True]})


BODY_TEMPLATES = [
    "$input.json('$')", "$input.path('$')", "$util.parseJson($input.body)", "$input.json('$.a')",
    "$input.path('$.a')", "#foreach($k in $input.path('$').keySet())$k#end", "$input.body",
    "$util.escapeJavaScript($input.body)", "$input.path('$..a')", "$input.json('$[0]')",
]


def case(seed: int, index: int, bodies: bool = False) -> tuple[str, dict[str, Any] | None, str]:
    """Input ``index`` of ``seed``: (template, event or None for Template.render, profile)."""
    r = random.Random(f"hostile:{seed}:{index}:{bodies}")
    if bodies:
        event = {"httpMethod": "POST", "body": hostile_body(r),
                 "headers": {"Content-Type": "application/json"}}
        return r.choice(BODY_TEMPLATES), event, "apigateway"
    kind = r.random()
    if kind < 0.4:
        template, event = realistic(seed, index)
        if r.random() < 0.7:
            template = mutate(r, template)
        return template, event, "apigateway"
    template = hostile_template(r)
    if r.random() < 0.3:
        template = mutate(r, template)
    if kind < 0.75:
        return template, {"httpMethod": "POST", "body": hostile_body(r)}, "apigateway"
    return template, None, r.choice(["velocity", "apigateway"])


def more_inputs(seed: int, index: int, event: dict[str, Any] | None, count: int) -> list[dict[str, Any] | None]:
    """``count`` more inputs for template ``index``: other hostile bodies for a request
    (keeping its headers and method), other variables for ``Template.render``."""
    r = random.Random(f"hostile-more:{seed}:{index}")
    inputs: list[dict[str, Any] | None] = []
    for _ in range(count):
        if event is None:
            inputs.append({"s": r.choice(["", "abc", "a" * 28 + "b", "x" * 5000]),
                           "n": r.choice([0, -1, 2**31, 10**30]), "x": r.choice([{"b": 1}, [], None])})
        else:
            inputs.append({**event, "body": hostile_body(r)})
    return inputs


def run_one(template: str, event: dict[str, Any] | None, profile: str | EngineOptions) -> tuple[str, str]:
    """(outcome, output or error text); outcome is ``ok`` or the error type's name."""
    options = PROFILES[profile] if isinstance(profile, str) else profile
    try:
        if event is None:
            output = vtl.Template(template, profile=options).render(dict(SEEDS))
        elif "httpMethod" not in event:  # variables from more_inputs
            output = vtl.Template(template, profile=options).render(event)
        else:
            output = render(template, event, profile=options).body
    except (vtl.TemplateError, EventError) as error:
        return type(error).__name__ + ": " + _category(str(error.args[0] if error.args else "")), ""
    return "ok", output


def _category(message: str) -> str:
    """A short error class for the figures: the Java exception or the limit's name."""
    for word in ("max_output_size", "render_timeout", "max_range_size", "max_foreach", "nests"):
        if word in message:
            return word
    thrown = re.search(r" threw (?:exception )?([\w.$]+)", message)
    if thrown:
        return thrown[1]
    head = message.split(":", 1)[0]
    return head if head.startswith("java") else "other"


def failure(template: str, event: dict[str, Any] | None, profile: str, budget: float) -> str | None:
    """Why this input fails the fuzzer's rules, or None."""
    start = time.process_time()
    try:
        outcome, output = run_one(template, event, profile)
    except Exception as error:  # noqa: BLE001 - any other exception is what we look for
        return f"undocumented {type(error).__name__}: {error}"[:300]
    elapsed = time.process_time() - start
    if elapsed > budget:
        return f"slow: {elapsed:.2f} s ({outcome})"
    for text in PYTHON_TEXT:
        if text in output:
            return f"python text {text!r} in output"
    return None


def minimise(template: str, event: dict[str, Any] | None, profile: str, budget: float) -> str:
    """The shortest template (fuzzlib.shrink) failing the same way."""
    reason = failure(template, event, profile, budget)
    if reason is None:
        return template
    kind = reason.split(":", 1)[0]

    def still(candidate: str) -> bool:
        found = failure(candidate, event, profile, budget)
        return found is not None and found.split(":", 1)[0] == kind

    return shrink(template, still)


def fuzz(seed: int, renders: int, bodies: int, budget: float, out: Path | None = None,
         quiet: bool = False, timeout: float = TIMEOUT, events: int = 1) -> dict[str, Any]:
    """Run the inputs with the profiles' ``render_timeout`` set to ``timeout``, each fuzzed
    template with ``events`` inputs; return the figures (and write failures to ``out``)."""
    options = profiles(timeout)
    outcomes: Counter[str] = Counter()
    failures: list[dict[str, Any]] = []
    slowest = (0.0, "")
    templates = 0
    for is_body, count in ((False, renders), (True, bodies)):
        done = index = 0
        while done < count:
            template, event, profile = case(seed, index, is_body)
            templates += 1
            inputs = [event] if is_body else [event, *more_inputs(seed, index, event, events - 1)]
            for number, given in enumerate(inputs[:count - done]):
                where = f"{'body' if is_body else 'render'} {index}" + (f" input {number}" if number else "")
                outcome, reason, elapsed = _judge(template, given, options[profile], budget)
                if elapsed > slowest[0]:
                    slowest = (elapsed, where)
                outcomes[outcome] += 1
                done += 1
                if reason is not None:
                    failures.append({"seed": seed, "index": index, "input": number, "body": is_body,
                                     "reason": reason, "template": template[:2000], "profile": profile,
                                     "event": given if number else None})
                    if out is not None:
                        with out.open("a") as f:
                            f.write(json.dumps(failures[-1], default=repr)[:20000] + "\n")
                if not quiet and done % 10000 == 0:
                    progress = {"bodies" if is_body else "renders": done, "templates": templates,
                                "failures": len(failures), "slowest": [round(slowest[0], 3), slowest[1]],
                                "outcomes": dict(outcomes.most_common())}
                    print(json.dumps(progress), file=sys.stderr, flush=True)
            index += 1
    return {"renders": renders, "bodies": bodies, "templates": templates, "outcomes": dict(outcomes.most_common()),
            "slowest": {"seconds": round(slowest[0], 3), "input": slowest[1]},
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, "failures": failures}


def _judge(template: str, event: dict[str, Any] | None, options: EngineOptions,
           budget: float) -> tuple[str, str | None, float]:
    """(outcome, why it fails the rules or None, CPU seconds) of one render."""
    start = time.process_time()
    reason = None
    try:
        outcome, output = run_one(template, event, options)
        for text in PYTHON_TEXT:
            if text in output:
                reason = f"python text {text!r} in output"
    except Exception as error:  # noqa: BLE001 - any other exception is what we look for
        outcome, reason = "UNDOCUMENTED " + type(error).__name__, f"{type(error).__name__}: {error}"[:300]
    elapsed = time.process_time() - start
    if elapsed > budget and reason is None:
        reason = f"slow: {elapsed:.2f} s"
    return outcome, reason, elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--renders", type=int, default=10000, help="random/mutated templates to render")
    parser.add_argument("--bodies", type=int, default=0, help="random request bodies to render")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--events", type=int, default=1,
                        help="inputs each fuzzed template is rendered with (renders per compile)")
    parser.add_argument("--budget", type=float, default=1.0, help="seconds a render may take")
    parser.add_argument("--timeout", type=float, default=TIMEOUT,
                        help="the profiles' render_timeout, wall-clock seconds (inputs that hit it cost "
                             "this much each, so long runs go faster with a smaller one)")
    parser.add_argument("--out", type=Path, default=Path("/tmp/vtl-fuzz-hostile.jsonl"))
    parser.add_argument("--show", type=int, help="print input N (add --body for a body input)")
    parser.add_argument("--shrink", type=int, help="minimise failing input N")
    parser.add_argument("--body", action="store_true", help="--show/--shrink a body input")
    args = parser.parse_args(argv)
    if args.show is not None or args.shrink is not None:
        index = args.show if args.show is not None else args.shrink
        template, event, profile = case(args.seed, index, args.body)
        if args.shrink is not None:
            template = minimise(template, event, profile, args.budget)
        print(json.dumps({"template": template, "event": event, "profile": profile,
                          "failure": failure(template, event, profile, args.budget)}, indent=2))
        return 0
    figures = fuzz(args.seed, args.renders, args.bodies, args.budget, args.out, timeout=args.timeout,
                   events=max(1, args.events))
    print(json.dumps({k: v for k, v in figures.items() if k != "failures"}, indent=2))
    print(f"{len(figures['failures'])} failure(s)" + (f", written to {args.out}" if figures["failures"] else ""))
    return 1 if figures["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())

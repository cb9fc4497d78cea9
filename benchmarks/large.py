"""Compiling templates of AWS's 300 KB limit (issue 14): CPU time by stage and peak memory.

Each template shape is compiled in a new process without the caches
(``vtl.template.compile_unit``): lexing, parsing (Lark and the syntax tree), code
generation, then Python's own ``compile()`` of the generated module, as
:class:`vtl.unit.Unit` does it. CPU time (``time.process_time``), so that other programs
on a shared machine count as little as they can; peak RSS of the whole process.

    python -m benchmarks.large            # table on stdout, results/large.json
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LIMIT = 300_000  # characters: AWS's mapping template size quota (300 KB)


def _repeat(unit: str) -> str:
    return unit * (LIMIT // len(unit))


def _varied() -> str:
    """About 300 KB of statements of many shapes (a fixed seed): ``#if`` with expressions,
    ``#set``, formal references with properties; few repeat, so little is shared."""
    rng = random.Random(5)

    def expr(depth: int = 0) -> str:
        kind = rng.randrange(6 if depth < 3 else 3)
        if kind == 0:
            return f"$v{rng.randrange(50)}"
        if kind == 1:
            return str(rng.randrange(100))
        if kind == 2:
            return f"'s{rng.randrange(9)}'"
        if kind == 3:
            op = rng.choice(["+", "-", "*", "==", "<", "&&", "||"])
            return f"({expr(depth + 1)} {op} {expr(depth + 1)})"
        if kind == 4:
            return f"$v{rng.randrange(9)}.m{rng.randrange(9)}($v{rng.randrange(40)}, {rng.randrange(99)})"
        return f"!{expr(depth + 1)}"

    lines: list[str] = []
    size = 0
    while size < LIMIT:
        line = rng.choice([f"#if({expr()})x#end", f"#set($v{rng.randrange(50)} = {expr()})",
                           f"${{v{rng.randrange(9)}}}{'.p' * rng.randrange(5)} "])
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines)


def shapes() -> dict[str, str]:
    """Templates of about 300 KB, each one shape repeated or one construct made long."""
    passthrough = (HERE / "cases" / "passthrough.vm").read_text(encoding="utf-8")
    return {
        "passthrough repeated": _repeat(passthrough),
        "#set + $input.path lines": _repeat("#set($a = $input.path('$.a.b[0]'))$a\n"),
        "references in JSON text": _repeat(
            "\"$context.identity.sourceIp\": \"$util.escapeJavaScript($input.params('x'))\",\n"),
        "#foreach lines": _repeat("#foreach($i in $input.path('$.items'))$i.name,#end\n"),
        "#elseif lookup table (method calls)": "#if($x.equals('k0'))a" + "".join(
            f"#elseif($x.equals('k{i}'))v{i}" for i in range(1, 9400)) + "#end",
        "map literal": "#set($m = {" + ",".join(f"'k{i}': 'v{i}'" for i in range(16700)) + "})$m.k1",
        "plain text": _repeat("just some static json text {\"a\": 1, \"b\": [1,2,3]}\n"),
        "varied statements (random #if, #set, ${a}.p)": _varied(),
        # The densest shapes found: a statement every few characters (hostile input).
        "a reference, repeated ($a$a…)": _repeat("$a"),
        "an index, repeated ($a[0]$a[0]…)": _repeat("$a[0]"),
        "#if($a)x#end, repeated": _repeat("#if($a)x#end"),
        "a property, repeated ($a.b$a.b…)": _repeat("$a.b"),
        "a reference and a character ($a+$a+…)": _repeat("$a+"),
    }


_SCRIPT = """
import gc, json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from vtl.compiler import compile_document
from vtl.lexer import LineIndex
from vtl.parser import parse, parser_tokens
from vtl.profiles import get_profile
from vtl.unit import Unit, unit_filename
from vtl.template import compile_unit
source = sys.stdin.read()
options = get_profile("apigateway")
compile_unit("$a.b", "apigateway", "warm")  # imports and the grammar, outside the timing
clock = time.process_time
gc.disable()  # as vtl.template._compile_with does
started = clock()
parser_tokens(source, LineIndex(source), "t", frozenset(options.directive_blocks()))
lexed = clock()
document = parse(source, name="t", options=options)
parsed = clock()
unit = compile_document(document, options, source=source, name="t")
compiled = clock()
print(json.dumps({
    "chars": len(source), "lex_s": lexed - started, "parse_s": parsed - lexed,
    "generate_and_compile_s": compiled - parsed,
    "python_chars": len(unit.python_source),
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def measure(root: Path = ROOT) -> dict[str, Any]:
    """One new process per shape; the compile time is parse + generate + Python's compile()
    (the lexing is timed separately, then again inside parse: it is shown, not added)."""
    rows: dict[str, Any] = {}
    for label, text in shapes().items():
        result = subprocess.run([sys.executable, "-c", _SCRIPT, str(root)], input=text, check=False,
                                capture_output=True, text=True, env={**os.environ, "VTL_NO_CACHE": "1"})
        if result.returncode != 0:
            tail = result.stderr.strip().splitlines()
            rows[label] = {"error": tail[-1] if tail else f"exit {result.returncode}"}
            continue
        row = json.loads(result.stdout)
        row["compile_s"] = row["parse_s"] + row["generate_and_compile_s"]
        rows[label] = row
    return rows


def table(rows: dict[str, Any]) -> str:
    header = ("| template (about 300 KB) | chars | compile, s CPU | lexing | parsing (lexing included) "
              "| code generation + Python's compile() | generated Python, chars | peak RSS, MB |")
    lines = [header, "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for label, row in rows.items():
        if "error" in row:
            lines.append(f"| {label} | error: {row['error']} |||||||")
            continue
        lines.append(f"| {label} | {row['chars']:,} | {row['compile_s']:.2f} | {row['lex_s']:.2f} | "
                     f"{row['parse_s']:.2f} | {row['generate_and_compile_s']:.2f} | "
                     f"{row['python_chars']:,} | {row['peak_rss_mb']:.0f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=HERE / "results" / "large.json")
    args = parser.parse_args(argv)
    rows = measure()
    args.out.parent.mkdir(exist_ok=True)
    args.out.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())

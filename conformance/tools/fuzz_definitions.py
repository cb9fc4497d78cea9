#!/usr/bin/env python3
"""Hostile definition files (issue 14): mutated OpenAPI, SAM/CloudFormation, CDK output,
Terraform and serverless.yml files, read with ``load_api`` and run with ``Api.invoke``,
must end in an API or a documented error, quickly.

    python -m conformance.tools.fuzz_definitions --files 20000 --seed 1
    python -m conformance.tools.fuzz_definitions --show 17 --seed 1     # one input
    python -m conformance.tools.fuzz_definitions --shrink 17 --seed 1   # a minimal reproducer

The corpus is every definition under ``tests/api/data`` (a file, or a folder for
Terraform and cdk.out), plus ``--corpus`` folders. Input *i* of seed *s* takes one
definition and mutates one of its files, the same way each time: by its data where the
file is JSON or plain YAML (a value replaced by one of another type or a hostile one, a
key dropped, renamed or moved), else by its text (a line dropped, doubled or swapped, a
character or a hostile piece inserted, the text cut short).

A failure is an exception that is not one of :data:`DOCUMENTED` (``DefinitionError``,
``ModelError``, ``InvocationError``, ``TemplateError``, ``TextFileError``), or a read and
run taking more than ``--budget`` seconds of CPU time. Every method found (``--methods``
at most) is invoked with a JSON body and a backend that answers whatever it is asked. The
figures (inputs, outcomes by error type, slowest input) are printed at the end; failures
go to ``--out`` as JSON lines. tests/api/test_fuzz_definitions.py runs a few hundred.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fuzzlib import shrink

from vtl.api.method_request import InvocationError
from vtl.api.model import Method, ModelError
from vtl.api.sources import load_api
from vtl.api.sources.document import DefinitionError
from vtl.errors import TemplateError
from vtl.textfiles import TextFileError

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "api" / "data"

#: The errors a definition file may cause (README, "Errors"): each names its file and line.
DOCUMENTED = (DefinitionError, ModelError, InvocationError, TemplateError, TextFileError)

#: The files a definition is read from: the only ones a mutation touches.
DEFINITION_SUFFIXES = (".yaml", ".yml", ".json", ".tf", ".tpl", ".vm")

#: Values put in place of a value of the data: other types, intrinsic functions with bad
#: arguments, API Gateway's own syntax in the wrong place, sizes past any sensible one.
HOSTILE_VALUES: list[Any] = [
    None, True, False, 0, -1, 10**40, 1.5, float("1e308"), "", "x", " ", "{proxy+}", "/{a}/{a}",
    "$input.body", "#if(", "${", "${aws:Region}", "${var.x}", "${self:custom.x}", "*", "ANY",
    "application/json", "arn:aws:lambda:us-east-1:1:function:f", "method.request.header.X",
    "integration.response.body.a", "'static'", "\u00e9\u4e2d\U0001F600", "a" * 5000, [], {},
    [None], [[[]]], {"": None}, {"Ref": "Nope"}, {"Ref": 1}, {"Fn::GetAtt": ["Nope"]},
    {"Fn::GetAtt": 5}, {"Fn::Sub": 3}, {"Fn::Sub": ["${X}", "y"]}, {"Fn::Join": "x"},
    {"Fn::Join": ["", [{"Ref": "Nope"}]]}, {"Fn::If": []}, {"Fn::Select": [9, []]},
    {"Fn::Split": [1, 2]}, {"Fn::ImportValue": None}, {"Fn::FindInMap": ["M"]},
    {"Fn::Base64": {}}, {"Fn::ToJsonString": []}, {"$ref": "#/nowhere"}, {"$ref": 3},
    {"x-amazon-apigateway-integration": None},
]

#: Text put into a file whose text is mutated: each format's syntax, broken or misplaced.
HOSTILE_TEXT = [
    "{", "}", "[", "]", "\"", "'", ":", "- ", "&a", "*a", "!Ref", "!GetAtt x", "!Sub", "<<: *a",
    "${", "${var.x}", "${local.y}", "%{ if x }", "%{ endfor }", "module.m.x", "each.value",
    "count.index", "jsonencode(", "file(\"nope\")", "templatefile(\"t.tpl\", {})", "#", "//",
    "/*", "\\", "\t", "\n", "\r\n", "\u00e9", "\x00", "= 1", "resource \"a\" \"b\" {", "null",
    "true", "9" * 400, "1e999", "$input.path('$')", "#foreach($i in [1..9])",
]

#: Values that keep a line of HCL or YAML well-formed (so the reader, not the parser, is
#: what they reach): HCL expressions of every kind, and HOSTILE_VALUES in JSON (flow YAML).
WELL_FORMED_VALUES = [
    "null", "1", "-1", "1.5", "\"x\"", "\"\"", "[]", "{}", "[\"a\", 1]", "{ a = 1 }", "var.nope",
    "local.nope", "aws_api_gateway_rest_api.nope.id", "\"${var.x}\"", "jsonencode({})",
    "tostring(1)", "file(\"nope.json\")", "each.key", "count.index", "module.nope.id",
    "true ? 1 : \"a\"", "[for x in [1] : x]", "{ for k, v in {} : k => v }", "length(null)",
    "merge({}, 1)", "lookup({}, \"k\")", "element([], 0)", "\"${jsonencode(1)}\"",
    *(json.dumps(value) for value in HOSTILE_VALUES if not isinstance(value, float)),
]


@dataclass
class Outcome:
    """What reading and running one mutated definition did."""

    kind: str  # "ok", "documented" or "failure"
    label: str  # the error's class (and what it is about), or "ok"
    seconds: float
    detail: str = ""


def corpus(extra: list[Path] | None = None) -> list[Path]:
    """The definitions to mutate: each file or folder ``load_api`` reads, sorted."""
    items: list[Path] = []
    for base in [CORPUS, *(extra or [])]:
        items.extend(_definitions(base))
    return sorted(set(items))


def _definitions(base: Path) -> list[Path]:
    """Files read on their own, and folders read whole (Terraform's, cdk.out)."""
    if base.is_file():
        return [base]
    found: list[Path] = []
    for entry in sorted(base.iterdir()):
        if entry.is_dir():
            if any(entry.glob("*.tf")) or any(entry.glob("*.tf.json")) or (entry / "manifest.json").exists():
                found.append(entry)
            else:
                found.extend(_definitions(entry))
        elif entry.suffix in (".yaml", ".yml", ".json") and entry.name != "manifest.json":
            found.append(entry)
    return found


def case(seed: int, index: int, items: list[Path]) -> tuple[Path, str, str]:
    """Input ``index`` of ``seed``: (the definition, the file mutated relative to it, its
    mutated text)."""
    r = random.Random(f"{seed}:{index}")
    item = r.choice(items)
    files = [item] if item.is_file() else sorted(
        p for p in item.rglob("*") if p.is_file() and p.name.endswith(DEFINITION_SUFFIXES))
    target = r.choice(files)
    text = target.read_text(encoding="utf-8", errors="replace")
    relative = "" if item.is_file() else str(target.relative_to(item))
    return item, relative, mutate(r, text, target.suffix)


#: Values put in place of a value of a Terraform file's data (python-hcl2's form: a string
#: literal keeps its quotes, an expression is written ``${…}``).
HCL_VALUES: list[Any] = [
    '"x"', '""', "null", "${var.nope}", "${local.nope}", "${aws_api_gateway_rest_api.nope.id}",
    "${count.index}", "${each.key}", "${each.value}", 1, -1, 1.5, True, 10**30, [], {}, ['"a"', 1],
    {"a": 1}, "${jsonencode({})}", '${file("nope.json")}', "${length(null)}", "${tostring(1)}",
    '"${var.x}"', "${[for x in [1] : x]}", '"' + "a" * 3000 + '"', '"$input.body"', '"${1/0}"',
    '${range(5000)}', "${tolist(null)}", '${merge({}, "x")}', "${module.nope.id}", '"GET"', '"ANY"',
    '"{proxy+}"', '"MOCK"', '"AWS_PROXY"', '"application/json"',
]


def mutate(r: random.Random, text: str, suffix: str) -> str:
    """``text`` mutated once or a few times: by its data when it is JSON, plain YAML or
    Terraform (half of the time), else by its text."""
    for _ in range(r.choice((1, 1, 1, 2, 3))):
        if suffix == ".tf" and r.random() < 0.5:
            mutated = _mutate_hcl(r, text)
            if mutated is not None:
                text = mutated
                continue
        data = _data(text, suffix) if r.random() < 0.5 else None
        if data is not None:
            _mutate_data(r, data)
            text = json.dumps(data, indent=1) if suffix == ".json" else yaml.safe_dump(data, sort_keys=False)
        else:
            text = _mutate_text(r, text)
    return text


def _mutate_hcl(r: random.Random, text: str) -> str | None:
    """A Terraform file changed at one place of its data and written again (python-hcl2),
    None when it does not parse or the change cannot be written back as HCL."""
    import hcl2

    try:
        data = hcl2.loads(text)
    except Exception:  # noqa: BLE001 - hcl2's parse errors are of several kinds
        return None
    _mutate_data(r, data, HCL_VALUES)
    try:
        return str(hcl2.dumps(data))
    except Exception:  # noqa: BLE001 - a shape HCL cannot write: mutated as text instead
        return None


class _LongForm(yaml.SafeLoader):
    """A YAML loader reading CloudFormation's short forms as their long forms (``!Ref X`` as
    ``{"Ref": "X"}``, ``!GetAtt A.b`` as ``{"Fn::GetAtt": ["A", "b"]}``, ``!Sub s`` as
    ``{"Fn::Sub": s}``…), so that a SAM or CloudFormation template can be mutated by its
    data and written back as plain YAML."""


def _long_form(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    if suffix == "Ref":
        return {"Ref": value}
    if suffix == "GetAtt" and isinstance(value, str):
        value = value.split(".", 1)
    return {f"Fn::{suffix}": value}


_LongForm.add_multi_constructor("!", _long_form)


def _data(text: str, suffix: str) -> Any:
    """The file's data, when it is JSON or YAML (CloudFormation's short forms read as their
    long forms: _LongForm)."""
    try:
        if suffix == ".json":
            return json.loads(text)
        if suffix in (".yaml", ".yml"):
            return yaml.load(text, Loader=_LongForm)
    except (ValueError, yaml.YAMLError):
        return None
    return None


def _mutate_data(r: random.Random, data: Any, values: list[Any] = HOSTILE_VALUES) -> None:
    """One change at a random place of ``data`` (a dict or list, changed in place), a new
    value taken from ``values``."""
    places = list(_places(data))
    if not places:
        return
    parent, key = r.choice(places)
    op = r.randrange(6)
    if op <= 2:
        parent[key] = r.choice(values) if op < 2 else _retype(r, parent[key])
    elif op == 3 and isinstance(parent, dict):
        del parent[key]
    elif op == 4 and isinstance(parent, dict):
        parent[r.choice(["", "x-unknown", str(key).upper(), str(key) + "s", "$ref"])] = parent.pop(key)
    else:
        other_parent, other_key = r.choice(places)
        other_parent[other_key] = json.loads(json.dumps(parent[key], default=str))


def _places(data: Any, depth: int = 0) -> Any:
    """(container, key) of every value in ``data``."""
    if depth > 60:
        return
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in list(items):
        yield data, key
        yield from _places(value, depth + 1)


def _retype(r: random.Random, value: Any) -> Any:
    """``value`` as another type: a string as a number or list, a dict as its keys…"""
    if isinstance(value, str):
        return r.choice([[value], {value: value}, len(value), value * 3, value.upper(), value[: len(value) // 2]])
    if isinstance(value, dict):
        return r.choice([list(value), list(value.values()), str(value), {k: None for k in value}])
    if isinstance(value, list):
        return r.choice([value[:1] * 3, value[::-1], {str(i): v for i, v in enumerate(value)}, len(value)])
    return r.choice([str(value), [value], {"v": value}, -1 if value else 1])


def _mutate_text(r: random.Random, text: str) -> str:
    lines = text.split("\n")
    op = r.choice((0, 1, 2, 3, 4, 4, 4, 4, 5))
    at = r.randrange(len(lines))
    if op == 0 and len(lines) > 1:
        del lines[at]
    elif op == 1:
        lines.insert(at, lines[r.randrange(len(lines))])
    elif op == 2:
        other = r.randrange(len(lines))
        lines[at], lines[other] = lines[other], lines[at]
    elif op == 3:
        line = lines[at]
        cut = r.randrange(len(line) + 1)
        lines[at] = line[:cut] + r.choice(HOSTILE_TEXT) + line[cut:]
    elif op == 4:
        line = lines[at]
        # a value of the line (after ``=`` or ``:``) replaced
        pool = WELL_FORMED_VALUES if r.random() < 0.7 else HOSTILE_TEXT
        lines[at] = re.sub(r"([=:]\s*).*$", lambda m: m.group(1) + r.choice(pool), line, count=1)
    else:
        return text[: r.randrange(len(text) + 1)]
    return "\n".join(lines)


def run_one(item: Path, relative: str, text: str, methods: int) -> Outcome:
    """Read the mutated definition from a scratch copy and invoke its first methods."""
    with tempfile.TemporaryDirectory(prefix="vtl-fuzz-def-") as scratch:
        # the definition's folder is copied whole: a file may read its neighbours
        # (templates, schemas, a serverless file's ${file(...)})
        folder = Path(scratch) / "definition"
        shutil.copytree(item.parent, folder, ignore=shutil.ignore_patterns(".pytest_cache", "__pycache__"))
        place = folder / item.name
        (place / relative if relative else place).write_text(text, encoding="utf-8")
        started = time.process_time()
        try:
            api = load_api(place)
            for method in api.methods[:methods]:
                api.invoke(_verb(method.http_method), _concrete(method.path),
                           headers={"Content-Type": "application/json", "Authorization": "allow"},
                           body='{"a": [1, "x", null], "n": 1e3}', backend=_backend(method))
        except DOCUMENTED as error:
            return Outcome("documented", type(error).__name__, time.process_time() - started, str(error))
        except Exception as error:  # noqa: BLE001 - anything else is the failure looked for
            detail = "".join(traceback.format_exception(error)[-6:])
            return Outcome("failure", type(error).__name__, time.process_time() - started, detail)
        return Outcome("ok", "ok", time.process_time() - started)


def _verb(http_method: str) -> str:
    return "GET" if http_method in ("ANY", "*") else http_method


def _concrete(path: str) -> str:
    """A request path the resource path matches."""
    return re.sub(r"\{[^}/]*\+\}", "a/b", re.sub(r"\{[^}/+]*\}", "v", path))


def _backend(method: Method) -> Any:
    """A backend where the integration calls one (giving one to a MOCK is an error)."""
    integration = method.integration
    return None if integration is None or integration.type == "MOCK" else _answer


def _answer(*args: Any) -> Any:
    """A backend for any integration: a handler's (event, context) gets a proxy result; an
    integration request gets an HTTP response."""
    if len(args) == 2:
        return {"statusCode": 200, "headers": {"content-type": "application/json"}, "body": '{"ok": true}'}
    return {"status": 200, "headers": {"content-type": "application/json"}, "body": '{"ok": true}'}


def fuzz(seed: int, count: int, budget: float, methods: int, items: list[Path],
         out: Path | None = None, report: Callable[[str], None] = print,
         progress: bool = False) -> list[dict[str, Any]]:
    """Run inputs 0..count-1 of ``seed``; print the figures; return the failures."""
    outcomes: Counter[str] = Counter()
    failures: list[dict[str, Any]] = []
    slowest = (0.0, -1)
    for index in range(count):
        item, relative, text = case(seed, index, items)
        if progress:
            print(index, file=sys.stderr, flush=True)
        outcome = run_one(item, relative, text, methods)
        outcomes[outcome.label] += 1
        slowest = max(slowest, (outcome.seconds, index))
        if outcome.kind == "failure" or outcome.seconds > budget:
            failure = {"seed": seed, "index": index, "definition": str(item.relative_to(ROOT))
                       if item.is_relative_to(ROOT) else str(item), "file": relative,
                       "error": outcome.label, "seconds": round(outcome.seconds, 3), "detail": outcome.detail}
            failures.append(failure)
            if out is not None:
                with out.open("a", encoding="utf-8") as stream:
                    stream.write(json.dumps(failure) + "\n")
    report(f"{count} inputs, seed {seed}: {len(failures)} failures; slowest {slowest[0]:.3f} s (input {slowest[1]})")
    for label, number in outcomes.most_common():
        report(f"  {number:7d}  {label}")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000, help="how many mutated definitions")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--budget", type=float, default=2.0, help="CPU seconds for one input")
    parser.add_argument("--methods", type=int, default=3, help="methods invoked per definition")
    parser.add_argument("--corpus", type=Path, action="append", default=[], help="more definitions")
    parser.add_argument("--out", type=Path, help="failures as JSON lines")
    parser.add_argument("--memory-mb", type=int, default=4096,
                        help="address-space limit: an input past it fails with MemoryError")
    parser.add_argument("--progress", action="store_true", help="each input's number on stderr")
    parser.add_argument("--show", type=int, metavar="I", help="print input I and its outcome")
    parser.add_argument("--shrink", type=int, metavar="I", help="a minimal reproducer of failing input I")
    args = parser.parse_args(argv)
    items = corpus(args.corpus)
    limit = args.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if args.show is not None or args.shrink is not None:
        index = args.show if args.show is not None else args.shrink
        item, relative, text = case(args.seed, index, items)
        outcome = run_one(item, relative, text, args.methods)
        if args.shrink is not None and outcome.kind == "failure":
            text = shrink(text, lambda t: run_one(item, relative, t, args.methods).label == outcome.label)
        print(f"# {item} {relative}\n{text}\n# {outcome.kind}: {outcome.label}\n{outcome.detail}")
        return 0
    failures = fuzz(args.seed, args.files, args.budget, args.methods, items, args.out, progress=args.progress)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

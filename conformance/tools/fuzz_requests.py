#!/usr/bin/env python3
"""Hostile requests (issue 14): the APIs of tests/api/data invoked with odd methods, paths,
headers, query strings, bodies, stage variables and backend answers must end in a
response or a documented error, quickly.

    python -m conformance.tools.fuzz_requests --requests 20000 --seed 1
    python -m conformance.tools.fuzz_requests --show 17 --seed 1     # one input

Each definition of the corpus (conformance/tools/fuzz_definitions.py's) that reads without
an error is loaded once; request *i* of seed *s* picks one of its methods and makes a
request for it, mostly near a valid one (its path with other values, a Content-Type with
parameters, a body of the wrong shape…), sometimes far from it, and a backend answer of
any kind (:mod:`vtl.api.backend`: results, errors, HTTP responses, handlers that raise).

A failure is an exception that is not one of ``fuzz_definitions.DOCUMENTED``, or an
invocation taking more than ``--budget`` seconds of CPU time.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fuzz_definitions import DOCUMENTED, Outcome, corpus

from vtl.api.backend import HttpResponse, IntegrationTimeout, LambdaError, LambdaResult
from vtl.api.model import Api, Method
from vtl.api.sources import load_api

METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "ANY", "get", "TRACE", "", "G E T"]
SEGMENTS = ["x", "", "%2F", "%20", "a%2Fb", "..", ".", "é", "%C3%A9", "%ZZ", "{id}", "a;b", "a?b=1",
            "a#b", "1" * 300, "%00", "~", "+", "*", "a b"]
CONTENT_TYPES = [
    "application/json", "application/json; charset=utf-8", "APPLICATION/JSON", "text/plain",
    "application/xml", "application/x-www-form-urlencoded", "image/png", "application/octet-stream",
    "multipart/form-data; boundary=x", "application/json;", ";", "", "*/*", "application/*",
    "text/html; charset=ISO-8859-1", "application/vnd.api+json",
]
HEADER_NAMES = ["Accept", "Authorization", "X-Api-Key", "Host", "Content-Encoding", "Accept-Encoding",
                "X-Amz-Invocation-Type", "Origin", "Cookie", "X-Forwarded-For", "User-Agent", "x-custom",
                "Content-Length", "X-Amzn-Trace-Id", "auth", "", "Ünïcode"]
HEADER_VALUES = ["", "x", "allow", "deny", "Bearer x.y.z", "gzip", "deflate, br", "Event", "*/*",
                 "application/json", "image/png, */*;q=0.1", "a" * 3000, "é", "1.2.3.4, 5.6.7.8", "\t"]
QUERY_PARTS = ["a=1", "a=1&a=2", "a", "=", "a=", "%ZZ=1", "a=%2F%3B", "a=1;b=2", "é=ü", "&&", "a[]=1",
               "x=" + "y" * 2000]
BODIES: list[Any] = [
    None, "", "{}", "[]", "null", "1", '"s"', '{"a": 1}', '{"a": [1, 2, {"b": null}]}', "{", "not json",
    '{"n": 1e999}', '{"n": ' + "9" * 5000 + "}", '{"s": "\\ud800"}', '{"a": {"a": {"a": {"a": 1}}}}',
    "[" * 3000 + "]" * 3000, '{"dup": 1, "dup": 2}', "é" * 100, b"\x00\xff\xfe", b"\x89PNG\r\n\x1a\n",
    '{"body": "x", "headers": {"a": "b"}}', "a=1&b=2",
]


class BackendFailed(Exception):
    """Raised by a backend function of :func:`answers`: a Lambda handler's failure is a
    Lambda error; an HTTP backend function's is the caller's own, passed through."""


def answers(r: random.Random) -> Any:
    """A backend answer of any kind (vtl.api.backend)."""
    kind = r.randrange(12)
    if kind == 0:
        return LambdaResult({"statusCode": r.choice([200, 404, "500", 0, 999, None]),
                             "headers": r.choice([{}, {"a": "b"}, {"a": 1}, None, "x"]),
                             "body": r.choice(["{}", "", None, {"a": 1}, "é"]),
                             "isBase64Encoded": r.choice([True, False, "x"])})
    if kind == 1:
        return LambdaResult(r.choice([{}, [], None, "text", 1, {"errorMessage": "boom"}]))
    if kind == 2:
        return LambdaError(r.choice(["boom", "", '{"code": 400}', "Not Found: x", None]),
                           r.choice(["Error", None, "ValidationError"]))
    if kind == 3:
        return HttpResponse(r.choice([200, 204, 301, 400, 404, 500, 503]),
                            r.choice([{}, {"Content-Type": "application/xml"}, {"Set-Cookie": ["a=1", "b=2"]},
                                      {"Content-Encoding": "gzip"}]),
                            r.choice(["", "{}", "<a/>", b"\x00\x01", '{"errorMessage": "x"}']))
    if kind == 4:
        return IntegrationTimeout()
    if kind == 5:
        def handler(event: Any, context: Any = None) -> Any:
            raise BackendFailed("the backend failed")
        return handler
    if kind == 6:
        return lambda event, context: {"statusCode": 200, "body": json.dumps(event)[:100]}
    if kind == 9:
        return lambda request: request.body  # (a Lambda handler of one argument, mistaken)
    if kind == 7:
        return lambda request: {"status": 200, "headers": {}, "body": "ok"}
    if kind == 8:
        return {"status": r.choice([200, 500, 700]), "headers": {}, "body": "x"}
    return r.choice([{"statusCode": 200, "body": "{}"}, {"a": 1}, [1, 2], "plain", 0, None])


def request_for(r: random.Random, method: Method) -> dict[str, Any]:
    """Arguments of ``Api.invoke`` for a request near (or far from) ``method``'s own."""
    near = r.random() < 0.7
    verb = method.http_method if near and method.http_method not in ("ANY", "*") else r.choice(METHODS)
    parts = []
    for part in method.path.strip("/").split("/"):
        if part.startswith("{") and part.endswith("+}"):
            parts.append("/".join(r.choice(SEGMENTS) for _ in range(r.randrange(1, 4))))
        elif part.startswith("{"):
            parts.append(r.choice(SEGMENTS) if not near or r.random() < 0.5 else "v")
        else:
            parts.append(part if near or r.random() < 0.7 else r.choice(SEGMENTS))
    path = "/" + "/".join(parts)
    if r.random() < 0.1:
        path = r.choice([path + "/", "//" + path, path.upper(), path + "/extra", "", "/", "*", "x"])
    if r.random() < 0.4:
        path += "?" + "&".join(r.choice(QUERY_PARTS) for _ in range(r.randrange(1, 4)))
    headers: dict[str, Any] = {}
    if r.random() < 0.8:
        headers["Content-Type"] = r.choice(CONTENT_TYPES)
    for _ in range(r.randrange(4)):
        value = r.choice(HEADER_VALUES)
        headers[r.choice(HEADER_NAMES)] = [value, r.choice(HEADER_VALUES)] if r.random() < 0.15 else value
    body = r.choice(BODIES)
    stage_variables = r.choice([None, {}, {"backend": "x", "v": "é"}, {"": ""}])
    return {"method": verb, "path": path, "headers": headers, "body": body, "stage_variables": stage_variables,
            "authorizer": r.choice([None, {}, {"principalId": "u", "claims": {"sub": "1"}}, {"n": 1}]),
            "identity": r.choice([None, {}, {"sourceIp": "1.2.3.4"}, {"apiKey": "k"}]),
            "authorizer_outcome": r.choice([None, None, "allow", "deny", "unauthorized", "error"])}


def apis(items: list[Path]) -> list[tuple[Path, Api]]:
    """The corpus's APIs that read without an error and have a method."""
    loaded = []
    for item in items:
        try:
            api = load_api(item)
        except DOCUMENTED:
            continue
        if api.methods:
            loaded.append((item, api))
    return loaded


def case(seed: int, index: int, loaded: list[tuple[Path, Api]]) -> tuple[Path, Api, dict[str, Any]]:
    r = random.Random(f"{seed}:{index}")
    item, api = r.choice(loaded)
    method = r.choice(api.methods)
    arguments = request_for(r, method)
    arguments["backend"] = None if method.integration is not None and method.integration.type == "MOCK" \
        and r.random() < 0.8 else answers(r)
    return item, api, arguments


def run_one(api: Api, arguments: dict[str, Any]) -> Outcome:
    started = time.process_time()
    arguments = dict(arguments)
    method, path = arguments.pop("method"), arguments.pop("path")
    try:
        invocation = api.invoke(method, path, **arguments)
        label = f"status {invocation.response.status // 100}xx"
        _ = invocation.log  # the test-invoke log is written when read: it is part of the run
    except (*DOCUMENTED, BackendFailed) as error:
        return Outcome("documented", type(error).__name__, time.process_time() - started, str(error))
    except Exception as error:  # noqa: BLE001 - anything else is the failure looked for
        detail = "".join(traceback.format_exception(error)[-6:])
        return Outcome("failure", type(error).__name__, time.process_time() - started, detail)
    return Outcome("ok", label, time.process_time() - started)


def fuzz(seed: int, count: int, budget: float, loaded: list[tuple[Path, Api]],
         report: Any = print) -> list[dict[str, Any]]:
    """Run requests 0..count-1 of ``seed``; print the figures; return the failures."""
    outcomes: Counter[str] = Counter()
    failures: list[dict[str, Any]] = []
    slowest = (0.0, -1)
    for index in range(count):
        item, api, arguments = case(seed, index, loaded)
        outcome = run_one(api, arguments)
        outcomes[outcome.label] += 1
        slowest = max(slowest, (outcome.seconds, index))
        if outcome.kind == "failure" or outcome.seconds > budget:
            failures.append({"seed": seed, "index": index, "definition": str(item), "error": outcome.label,
                             "seconds": round(outcome.seconds, 3), "detail": outcome.detail,
                             "request": repr({k: v for k, v in arguments.items() if k != "backend"})[:500]})
    report(f"{count} requests, seed {seed}, {len(loaded)} APIs: {len(failures)} failures; "
           f"slowest {slowest[0]:.3f} s (request {slowest[1]})")
    for label, number in outcomes.most_common():
        report(f"  {number:7d}  {label}")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--budget", type=float, default=2.0, help="CPU seconds for one request")
    parser.add_argument("--corpus", type=Path, action="append", default=[], help="more definitions")
    parser.add_argument("--out", type=Path, help="failures as JSON lines")
    parser.add_argument("--show", type=int, metavar="I", help="print request I and its outcome")
    args = parser.parse_args(argv)
    loaded = apis(corpus(args.corpus))
    if args.show is not None:
        item, api, arguments = case(args.seed, args.show, loaded)
        outcome = run_one(api, arguments)
        print(f"# {item}\n{arguments!r}\n# {outcome.kind}: {outcome.label}\n{outcome.detail}")
        return 0
    failures = fuzz(args.seed, args.requests, args.budget, loaded)
    if args.out is not None:
        with args.out.open("a", encoding="utf-8") as stream:
            for failure in failures:
                stream.write(json.dumps(failure) + "\n")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

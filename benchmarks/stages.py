"""Where the parse + compile time of one template goes, stage by stage (in this process).

Lexing (vtl.lexer.tokenize) is part of parsing (vtl.parser.parse: lexer, Lark, syntax tree);
code generation (vtl.compiler.compile_document) includes Python's own ``compile()`` of the
generated module, which is also timed alone.
"""

from __future__ import annotations

from typing import Any, Callable


def measure(source: str, timer: Callable[..., dict[str, Any]], rounds: int, min_time: float) -> dict[str, Any]:
    """Seconds per call of each stage for ``source`` (apigateway profile), or an error."""
    try:
        from vtl.compiler import compile_document
        from vtl.lexer import tokenize
        from vtl.parser import parse
        from vtl.profiles import get_profile

        options = get_profile("apigateway")
        document = parse(source, name="<template>", options=options)
        python_source = compile_document(document, options, source=source, name="<template>").python_source
        stages = {
            "lexing": lambda: list(tokenize(source)),
            "parsing (lexing included)": lambda: parse(source, name="<template>", options=options),
            "code generation (Python's compile() included)":
                lambda: compile_document(document, options, source=source, name="<template>"),
            "Python's compile() of the generated module": lambda: compile(python_source, "<t>", "exec"),
        }
        return {name: timer(fn, rounds=rounds, min_time=min_time)["seconds"] for name, fn in stages.items()}
    except Exception as error:  # noqa: BLE001 - a breakdown is a note, never a failure
        return {"error": f"{type(error).__name__}: {error}"}

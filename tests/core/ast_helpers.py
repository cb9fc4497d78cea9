"""Small constructors for hand-built ASTs, so the compiler can be tested without the parser.

Spans are synthetic (line 1, column counting from 1 in steps of one per node) unless given.
"""

from __future__ import annotations

from typing import Any

from vtl import nodes as n

_S = n.Span(0, 0, 1, 1)


def at(line: int = 1, column: int = 1, start: int = 0, end: int = 0) -> n.Span:
    return n.Span(start, end, line, column)


def doc(*body: Any, macros: dict[str, n.MacroDef] | None = None) -> n.Document:
    return n.Document(tuple(body), macros or {})


def text(value: str, span: n.Span = _S) -> n.Text:
    return n.Text(span, value)


def prop(name: str, span: n.Span = _S) -> n.Property:
    return n.Property(span, name)


def method(name: str, *args: Any, span: n.Span = _S) -> n.Method:
    return n.Method(span, name, tuple(args))


def idx(arg: Any, span: n.Span = _S) -> n.Index:
    return n.Index(span, arg)


def ref(root: str, *parts: Any, literal: str | None = None, span: n.Span = _S, **kw: Any) -> n.Reference:
    if literal is None:
        literal = "$" + ("!" if kw.get("quiet") else "") + root + "".join(
            "." + p.name if isinstance(p, n.Property) else f".{p.name}()" if isinstance(p, n.Method) else "[]"
            for p in parts
        )
    kw.setdefault("set_name", root)
    return n.Reference(span, root, tuple(parts), literal, **kw)


def out(reference: n.Reference) -> n.Output:
    return n.Output(reference.span, reference)


def s(value: str) -> n.StringLiteral:
    return n.StringLiteral(_S, value)


def i(value: int) -> n.IntegerLiteral:
    return n.IntegerLiteral(_S, value)


def f(value: float) -> n.FloatLiteral:
    return n.FloatLiteral(_S, value)


def b(value: bool) -> n.BooleanLiteral:
    return n.BooleanLiteral(_S, value)


def lst(*items: Any) -> n.ListLiteral:
    return n.ListLiteral(_S, tuple(items))


def op(left: Any, symbol: str, right: Any) -> n.BinaryOp:
    return n.BinaryOp(_S, symbol, left, right)


def set_(target: n.Reference, value: Any) -> n.Set:
    return n.Set(_S, target, value)


def if_(condition: Any, *body: Any, else_body: tuple[Any, ...] | None = None) -> n.If:
    return n.If(_S, (n.IfBranch(_S, condition, tuple(body)),), else_body)


def foreach(var: str, iterable: Any, *body: Any, span: n.Span = _S) -> n.Foreach:
    return n.Foreach(span, ref(var), iterable, tuple(body))


def rng(start: Any, end: Any) -> n.Range:
    return n.Range(_S, start, end)

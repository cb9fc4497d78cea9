"""The AST: what the builder (vtl/builder.py) makes and the compiler (vtl/compiler.py) reads.

Nodes are slotted dataclasses, compared and hashed by value, and never changed once made
(not ``frozen``: a frozen dataclass sets each field through ``object.__setattr__``, a fifth
of parsing a 300 KB template, issue 14). Each has a ``span`` locating it in the template
(offsets, and line/column as Velocity counts them: 1-based, a tab advancing the column to
the next multiple of 8 plus one). Node names follow the grammar rules: rule ``foreach``
→ node ``Foreach`` → builder method ``foreach`` → compiler ``visit_Foreach``.

Statements render text; expressions (``Expr``) produce values. ``Reference`` is both.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(slots=True, unsafe_hash=True)
class Span:
    """Where a node stands: ``start``/``end`` offsets and Velocity's line and column."""

    start: int
    end: int
    line: int
    column: int


# --------------------------------------------------------------------------- references


@dataclass(slots=True, unsafe_hash=True)
class Property:
    """``.name`` in a reference: Velocity's property lookup (getter, Map key, isX)."""

    span: Span
    name: str


@dataclass(slots=True, unsafe_hash=True)
class Method:
    """``.name(args)`` in a reference. Arguments are literals, references, lists, maps, ranges."""

    span: Span
    name: str
    args: tuple[Expr, ...]


@dataclass(slots=True, unsafe_hash=True)
class Index:
    """``[arg]`` in a reference: List index (negative from the end) or Map key."""

    span: Span
    arg: Expr


Modifier = Property | Method | Index


@dataclass(slots=True, unsafe_hash=True)
class Reference:
    """``$root.part[…].m(…)`` in any of its forms.

    ``literal`` is the reference's source text as Velocity reproduces it when the value
    is null (``$map.nope``, ``${x}``, method arguments as written). ``quiet`` marks
    ``$!x``; ``escaped`` an odd number of backslashes before ``$`` and ``esc_prefix``
    the backslashes kept (half of them); ``more_prefix`` extra ``$``/``#`` glued in front
    (``$$x``, ``#$x``). ``set_name`` is the context key ``#set`` writes for a target with
    no parts (Velocity takes the first token's text after ``$``, so ``${x}`` writes ``{``).
    ``null_text``, when set, is what the reference prints when null instead of ``literal``
    (``$\\!x``, see vtl.builder.slashbang_text).
    """

    span: Span
    root: str
    parts: tuple[Modifier, ...]
    literal: str
    quiet: bool = False
    formal: bool = False
    escaped: bool = False
    esc_prefix: str = ""
    more_prefix: str = ""
    set_name: str = ""
    null_text: str | None = None


# --------------------------------------------------------------------------- expressions


@dataclass(slots=True, unsafe_hash=True)
class StringLiteral:
    """A string literal. ``body`` is set when it is a double-quoted literal containing
    ``$`` or ``#``: it is then rendered as a template (with the enclosing context) each
    time it is evaluated; otherwise ``value`` is the string. ``drop_last``: the rendered
    body loses its last character (see vtl.builder._drop_last_char)."""

    span: Span
    value: str
    body: tuple[Node, ...] | None = None
    drop_last: bool = False


@dataclass(slots=True, unsafe_hash=True)
class IntegerLiteral:
    """An integer literal (Integer, Long or BigInteger by size)."""

    span: Span
    value: int


@dataclass(slots=True, unsafe_hash=True)
class FloatLiteral:
    """A floating point literal (always a Double)."""

    span: Span
    value: float


@dataclass(slots=True, unsafe_hash=True)
class BooleanLiteral:
    """``true`` or ``false``."""

    span: Span
    value: bool


@dataclass(slots=True, unsafe_hash=True)
class ListLiteral:
    """``[a, b]``: a new ArrayList each evaluation."""

    span: Span
    items: tuple[Expr, ...]


@dataclass(slots=True, unsafe_hash=True)
class MapLiteral:
    """``{k: v}``: a new LinkedHashMap each evaluation."""

    span: Span
    entries: tuple[tuple[Expr, Expr], ...]


@dataclass(slots=True, unsafe_hash=True)
class Range:
    """``[a..b]``: a list of Integers, counting down when a > b; null for a non-Number bound."""

    span: Span
    start: Expr
    end: Expr


@dataclass(slots=True, unsafe_hash=True)
class Word:
    """A bare word as a directive argument (``in`` of #foreach, a macro's name); with
    ``runt``, a "runt" reference instead: a name without its ``$`` (``$a.b()x`` has one
    after the call), which evaluates to null and prints its name."""

    span: Span
    text: str
    runt: bool = False


@dataclass(slots=True, unsafe_hash=True)
class BinaryOp:
    """``left op right``; ``op`` is the canonical symbol: ``+ - * / % == != < > <= >= && ||``."""

    span: Span
    op: str
    left: Expr
    right: Expr


@dataclass(slots=True, unsafe_hash=True)
class Not:
    """``!operand`` / ``not operand``."""

    span: Span
    operand: Expr


@dataclass(slots=True, unsafe_hash=True)
class Group:
    """``( expr )`` in an expression; kept because Velocity evaluates a group's truth by
    its content (a literal in parentheses is still false in a condition)."""

    span: Span
    expr: Expr


Expr = (
    Reference | StringLiteral | IntegerLiteral | FloatLiteral | BooleanLiteral | ListLiteral
    | MapLiteral | Range | Word | BinaryOp | Not | Group
)


# --------------------------------------------------------------------------- statements


@dataclass(slots=True, unsafe_hash=True)
class Text:
    """Text emitted as is (also escapes, ``#[[ ]]#`` blocks, unknown directives)."""

    span: Span
    text: str


@dataclass(slots=True, unsafe_hash=True)
class Output:
    """A reference in template text: render its value (or its literal when null)."""

    span: Span
    ref: Reference


@dataclass(slots=True, unsafe_hash=True)
class Set:
    """``#set($target = value)``; a null value leaves the target unchanged."""

    span: Span
    target: Reference
    value: Expr


@dataclass(slots=True, unsafe_hash=True)
class IfBranch:
    """One ``#if``/``#elseif`` condition with its body."""

    span: Span
    condition: Expr
    body: tuple[Node, ...]


@dataclass(slots=True, unsafe_hash=True)
class If:
    """``#if … #elseif … #else … #end``; ``else_body`` is None without ``#else``."""

    span: Span
    branches: tuple[IfBranch, ...]
    else_body: tuple[Node, ...] | None


@dataclass(slots=True, unsafe_hash=True)
class Foreach:
    """``#foreach($var in iterable) body #end``."""

    span: Span
    var: Reference
    iterable: Expr
    body: tuple[Node, ...]


@dataclass(slots=True, unsafe_hash=True)
class Break:
    """``#break`` or ``#break($foreach.parent)``: leave the loop (or scope) named."""

    span: Span
    scope: Expr | None


@dataclass(slots=True, unsafe_hash=True)
class Stop:
    """``#stop``: end the whole render, keeping the output so far."""

    span: Span


@dataclass(slots=True, unsafe_hash=True)
class Define:
    """``#define($name) body #end``: ``$name`` renders ``body`` in the current context."""

    span: Span
    target: Reference
    body: tuple[Node, ...]


@dataclass(slots=True, unsafe_hash=True)
class MacroDef:
    """``#macro(name $p1 $p2) body #end``. Registered at parse time: calls anywhere in the
    template, even before the definition, use it (if the profile allows inline macros)."""

    span: Span
    name: str
    params: tuple[str, ...]
    body: tuple[Node, ...]


@dataclass(slots=True, unsafe_hash=True)
class Directive:
    """A ``#name(args)`` that is not a built-in statement: a macro call (``#m(1 2)``,
    ``#@m() body #end``), ``#evaluate``, ``#include``/``#parse``, or an unknown word.

    ``literal`` is its source text, printed when ``name`` turns out to be neither a
    directive nor a defined macro. ``body`` is the block of a block macro call.
    """

    span: Span
    name: str
    args: tuple[Expr, ...]
    literal: str
    body: tuple[Node, ...] | None = None


@dataclass(slots=True, unsafe_hash=True)
class Literal:
    """``#literal() … #end``: the block's source text, unparsed."""

    span: Span
    text: str


Node = (
    Text | Output | Set | If | Foreach | Break | Stop | Define | MacroDef | Directive | Literal
)


@dataclass(slots=True, unsafe_hash=True)
class Document:
    """A whole template: its statements and the macros it defines (by name)."""

    body: tuple[Node, ...]
    macros: dict[str, MacroDef]


def descendants(body: Sequence[Any]) -> Iterator[Any]:
    """Every node and expression inside ``body``, however deep (depth first, any order)."""
    stack: list[Any] = list(body)
    fields_of = _CHILD_FIELDS
    while stack:
        node = stack.pop()
        yield node
        fields = fields_of.get(node.__class__)
        if fields is None:
            fields = _child_fields(node)
        for field in fields:
            value = getattr(node, field)
            if value.__class__ is tuple:
                for item in value:
                    if item.__class__ is tuple:
                        stack.extend(item)
                    else:
                        stack.append(item)
            elif value is not None and not isinstance(value, (str, int, float, bool, Span)):
                stack.append(value)


#: The fields of each node class that may hold nodes (the span and names left out), found
#: once per class: descendants() runs over every node of a template (issue 14: a 300 KB
#: template has some 100,000), for the warnings check among others.
_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}


def _child_fields(node: Any) -> tuple[str, ...]:
    fields = tuple(f for f in getattr(node, "__slots__", ()) if f != "span")
    if hasattr(node, "__dataclass_fields__"):
        _CHILD_FIELDS[node.__class__] = fields
    return fields

"""AST (vtl/nodes.py) → Python source → code: one module per template.

The generated module defines ``root(ctx, _append)``, plus one function per macro,
``#define`` block and block-macro body. ``ctx`` is the render's scope (a fresh ``dict``
per render; a :class:`vtl.runtime.MacroScope` inside a macro) and ``_append`` collects the
output, joined once by the caller. Each function binds the runtime helpers it uses to
locals (default arguments); the names come from ``vtl.runtime.RUNTIME_EXPORTS``.

What the generated code does, and why it is fast (all visible in ``vtl compile``):

- adjacent text is one ``_append('...')``; a ``str`` value is appended without a call;
- inside loops a reference is a chain of one-line steps, ``v = ctx_get('a')`` then
  ``if v is not None: v = <next part>``, a property of a plain ``dict`` read with ``.get``
  inline, a method call through ``call0``/``call1``/``call2`` (one cached lookup per
  receiver type); outside loops, where code runs once, property chains are one
  ``path(...)`` call, which keeps the module short (Python compiles it faster);
- ``#foreach`` builds ``$velocityCount``, ``$velocityHasNext`` and ``$foreach`` only when
  its body (or a macro or ``#define`` it may run) reads them; the loop variable and those
  are read from Python locals when the body cannot reassign them; the iteration limit is
  made by ``runtime.loop_items`` (one call per loop, with the render's checks), and
  the ``try``/``finally`` restoring the scope exists only if the body can ``#break`` or
  ``#stop``;
- control flow (``#stop``, ``#break``) uses exceptions, which cost nothing when not raised;
- in a large template (COMPACT_TEMPLATE_CHARS), a top-level statement equal but for its
  spans to one met before in its function reuses the lines that one generated (_Memo),
  and the top-level statements of a shape that repeats share one function, called with
  the constants that differ from a table of data (vtl/sharing.py): CPython's
  ``compile()`` then reads each shape once, not a line per statement (issue 14).

Every generated line records the template span it came from (:attr:`Unit.line_spans`), so
a failure in a generated line is reported at the template line and column, and the output
of ``Template.render_with_origins`` is traced back to template lines.
"""

from __future__ import annotations

import itertools
import marshal
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from vtl import nodes as n
from vtl import runtime, sharing
from vtl.errors import TemplateSyntaxError
from vtl.java import COLLECTION_CHANGING_METHODS, is_key_lookup
from vtl.java.limits import SHORT
from vtl.profiles import EngineOptions
from vtl.unit import TextOrigin, Unit, unit_filename

__all__ = ["Unit", "compile_document"]

_COUNTER = "velocityCount"
_HAS_NEXT = "velocityHasNext"
_SCOPE = "foreach"
_LOOP_NAMES = frozenset((_COUNTER, _HAS_NEXT, _SCOPE))
_COMPARISONS = {
    "==": "equals({l}, {r})",
    "!=": "not equals({l}, {r})",
    "<": "less({l}, {r})",
    "<=": "less_equal({l}, {r})",
    ">": "greater({l}, {r})",
    ">=": "greater_equal({l}, {r})",
}
# $foreach.<name> read straight from the scope object (the getters in vtl/runtime.py).
_SCOPE_FIELDS = {"hasNext": "has_next", "index": "index", "parent": "parent"}
_ARITHMETIC = {"-": "sub", "*": "mul", "/": "div", "%": "mod"}
_EXPORTS = frozenset(runtime.RUNTIME_EXPORTS)
#: Templates this long (characters) compile loop bodies the short way, outside loops
#: already: a property chain is one ``path``/``out_path`` call rather than an inline step
#: per property (``dict.get`` when the value is a plain dict). The inline steps render a
#: loop that reads properties of dicts up to twice as fast (200 elements printing
#: ``$i.id.S,$i.name.S,$i.price.N``), but are twice the generated code, and CPython's
#: compile() takes 0.3 s per MB of it: for a template near AWS's 300 KB limit that
#: doubles the time to compile (issue 14). Below this size compiling costs milliseconds,
#: so templates of the usual size keep the fast loops.
COMPACT_TEMPLATE_CHARS = 64 * 1024
_MAX_INLINE_LOOPS = 4
_MEMO_MAX_CHARS = 2000  # top-level statements this long are generated anew each (see _Memo)
_MAX_INDENT = 40
_MAX_STATEMENTS = 1000  # template nodes compiled into one Python function at most
_MAX_ELIF = 200  # `elif` branches in one chain at most (see visit_If)
# Integer literals written in decimal below this (Python parses at most 4,300 digits).
_DECIMAL_LITERAL_LIMIT = 10**4000
# A temporary of the generator (v12): read it again instead of copying it.
_TEMPORARY = re.compile(r"^v\d+$")
# A temporary or a constant: safe to evaluate after other statements.
_SIMPLE = re.compile(r"^(?:[A-Za-z_]\w*|-?\d[\w.+-]*|'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")$")


# --------------------------------------------------------------------------- the result


def compile_document(
    document: n.Document,
    options: EngineOptions,
    *,
    source: str,
    name: str,
    macros: dict[str, n.MacroDef] | None = None,
    evaluated: bool = False,
) -> Unit:
    """Compile ``document`` (parsed from ``source``) for ``options``; ``evaluated``: the
    text of an ``#evaluate``, which runs in its template's context."""
    macros = dict(document.macros) if macros is None else macros
    generator = _Generator(options, source, name, macros, evaluated)
    python_source, line_spans, text_origins = generator.module(document)
    filename = unit_filename(name)
    # The tables' tuples are made again in one go, next to each other in memory, as
    # marshal loads them from the on-disk cache: made while generating, among the
    # generator's garbage, they rendered a 300 KB template of varied statements a fifth
    # slower (more cache misses; the code's constants are stored together too).
    tables = marshal.loads(marshal.dumps(generator.tables)) if generator.tables else []
    return Unit(python_source, line_spans, text_origins, filename, options, name, source, macros,
                groups=generator.groups, tables=tables, named=generator.named)


# --------------------------------------------------------------------------- code buffers


class InvalidMacroArgument(TemplateSyntaxError):
    """A bare word given to a defined macro (VelocimacroProxy.init's "Invalid arg")."""


@dataclass(slots=True)
class _Line:
    indent: int
    text: str
    span: n.Span | None
    origin: TextOrigin | None = None
    #: a line standing for the lines of a statement met before (see _Memo): the node
    #: whose spans they get, and those lines; ``text`` is then their code, the first
    #: line's indentation left out (for vtl/sharing.py's shapes)
    node: Any = None
    entry: _Memo | None = None
    #: for such a line, the repr() of its node's source texts and locations by
    #: placeholder (see _Memo.located): ``text`` holds the placeholders
    fills: dict[str, str] | None = None

    def expanded(self) -> list[_Line]:
        """The lines this one stands for, with the spans (and text origins) of its node."""
        if self.entry is None:
            return [self]
        node = self.node
        lines = []
        for indent, text, path, text_origin in self.entry.lines:
            if self.fills:
                for placeholder, value in self.fills.items():
                    text = text.replace(placeholder, value)
            span = None if path is None else _follow(node, path)
            origin = TextOrigin(((0, span.line),)) if text_origin and span is not None else None
            lines.append(_Line(indent, text, span, origin))
        return lines


class _Memo:
    """The lines a top-level statement of a large template generated, kept for the later
    statements of the same key (:func:`_key`: the same nodes but for their spans) in the
    same function, which then cost a dictionary lookup instead of generating them again
    (a 300 KB template repeating ``$a.b`` has 75,000 such statements; issue 14). Each line
    is (indentation, code, the path from the statement to the node whose span it has,
    whether it prints template text of that node's line); ``block``: the lines as the
    code vtl/sharing.py reads for a shape (tab-indented, but for the first line)."""

    __slots__ = ("block", "lines", "located", "value")

    def __init__(self, block: str, lines: tuple[tuple[int, str, tuple[str | int, ...] | None, bool], ...],
                 located: tuple[tuple[str, str, tuple[tuple[str | int, ...], ...]], ...] = (),
                 value: Callable[[str, n.Span], str] | None = None) -> None:
        self.block = block
        self.lines = lines
        #: the source texts and locations in the code (_Generator.record), each written as
        #: a placeholder in ``block`` and ``lines``: (placeholder, kind, the paths to the
        #: nodes whose text or location it is), and the function giving their values. A
        #: placeholder is a string constant unique in the module (a backslash, a zero and a
        #: number, quoted: a form repr() never writes), so vtl/sharing.py takes it out of a
        #: shape as it takes the text it stands for.
        self.located = located
        self.value = value

    def fills(self, node: Any) -> dict[str, str] | None:
        """The repr() of ``node``'s source texts and locations by placeholder; None when
        the nodes of one placeholder have different texts."""
        assert self.value is not None
        fills = {}
        for placeholder, kind, paths in self.located:
            values = {self.value(kind, _follow(node, path)) for path in paths}
            if len(values) != 1:
                return None
            fills[placeholder] = repr(values.pop())
        return fills


#: The entry of a key whose statement generated code that depends on more than its key
#: (its location, its source text, functions or constants of the module): generated anew.
_UNIQUE = _Memo("", ())


class _Function:
    """One generated function being written: its lines, temporaries and indentation."""

    def __init__(self, header: str, doc: str, params: str = "ctx, _append") -> None:
        self.header = header
        self.doc = doc
        self.params = params
        self.lines: list[_Line] = []
        self.indent = 1
        self.temps = itertools.count(1)
        self.prelude: list[str] = []
        self.loops = 0  # #foreach loops open at this point of the function
        self.locals: dict[str, str] = {}  # loop variables readable from a Python local
        # loop variables a loop body may #set, with the local holding the loop's element
        self.null_holders: dict[str, str] = {}
        #: (line index, template line, is text) of each top-level statement, for
        #: vtl/sharing.py (large templates only)
        self.marks: list[tuple[int, int, bool]] = []
        #: the top-level statements generated so far, by key (large templates only)
        self.memo: dict[Any, _Memo] = {}


class _Indented:
    """``with``: the lines emitted inside are one level deeper. (A class: the generator
    enters these some 100,000 times for a large template, and a ``@contextmanager``
    costs several times more per use.)"""

    __slots__ = ("fn",)

    def __init__(self, fn: _Function) -> None:
        self.fn = fn

    def __enter__(self) -> None:
        self.fn.indent += 1

    def __exit__(self, *exc: object) -> None:
        self.fn.indent -= 1


class _Capture:
    """``with ... as lines``: the lines emitted inside go to ``lines``, not the function."""

    __slots__ = ("fn", "saved")

    def __init__(self, fn: _Function) -> None:
        self.fn = fn
        self.saved = fn.lines

    def __enter__(self) -> list[_Line]:
        captured: list[_Line] = []
        self.fn.lines = captured
        return captured

    def __exit__(self, *exc: object) -> None:
        self.fn.lines = self.saved


# --------------------------------------------------------------------------- the generator


class _Generator:
    """The visitor: ``visit_<Node>`` for statements, ``value``/``truth`` for expressions."""

    def __init__(self, options: EngineOptions, source: str, name: str, macros: dict[str, n.MacroDef],
                 evaluated: bool = False) -> None:
        self.options = options
        self.source = source
        self.name = name
        # API Gateway's null model (EngineOptions.null_reads_empty): each step of a
        # reference reads null as "" (reference(), part()), and a null still left when printing
        # prints "" (the recorder's reference-insertion handler): `null_prints` is what the
        # out* helpers print for it, None for the reference's own text (stock Velocity).
        self.null_empty = options.null_reads_empty
        self.null_prints: str | None = "" if self.null_empty else None
        self.directives = options.directive_blocks()
        self.macros = macros if options.inline_macros else {}
        self.limit = options.max_foreach_iterations
        self.functions: list[_Function] = []
        self.constants: list[str] = []
        self.groups: list[sharing.Group] = []  # the copies of shared code (vtl/sharing.py)
        self.tables: list[sharing.Table] = []  # the calls of shared code, as data
        self.named: frozenset[int] = frozenset()  # shared functions given module names (_loop5)
        #: visit_Output's line for a part-less variable, by what it depends on
        self.output_lines: dict[tuple[str, str, str, str, str | None], str] = {}
        self.fn: _Function = _Function("", "")
        self.macro_names: dict[str, str] = {}
        self.block_ids = itertools.count(1)
        self.loop_ids = itertools.count(1)
        # Velocity registers a macro in the engine's one namespace when it parses its
        # #macro, so a macro an #evaluate'd text defines is found at render time by every
        # later call, of the template too (RuntimeMacro looks the name up when it renders;
        # case velocity/macros/defined-by-evaluate): here a call of a name that is neither
        # a directive nor a macro of the template asks the render's registry first.
        self.runtime_macros = options.inline_macros and "evaluate" in self.directives and (
            evaluated or "evaluate" in source)
        #: an #evaluate'd text's own macros, called through the registry: an earlier
        #: definition of the name there wins (VelocimacroFactory keeps the first)
        self.registered: frozenset[str] = frozenset()
        self.evaluated = evaluated
        self.analysis = _LoopAnalysis(self.macros, options, self.runtime_macros)
        # Only a #define or a block macro's body (a "#@" call) can hold such a block: a
        # template with neither needs no walk of its whole tree to know (issue 14). An
        # #evaluate'd text may define one for the template, and see the template's.
        self.analysis.blocks_possible = (bool(self.macros) or evaluated or "define" in source or "@" in source
                                         or "evaluate" in source)
        # A large template's loops read properties through helpers too (see compact()).
        self.large = len(source) >= COMPACT_TEMPLATE_CHARS
        self.sink = "_append"
        # what prints a reference's value: runtime.out, or out_str inside a string literal
        self.out = "out"
        #: set when generated code depends on more than the nodes (see statements())
        self.located = False
        #: the source texts and locations the statement being generated used (see record())
        self.recorded: list[tuple[Any, str, str]] | None = None
        self.placeholders = itertools.count()  # numbers for _Memo.located
        # visit_<Node> by node class, found once (statements() runs for every statement)
        self._visitors: dict[type, Callable[[Any, Any], None]] = {}

    # ----------------------------------------------------------------- module assembly

    def module(self, document: n.Document) -> tuple[str, list[n.Span | int | None], dict[int, TextOrigin]]:
        self.analysis.note_defines(document.body)
        for index, macro_name in enumerate(self.macros):
            self.macro_names[macro_name] = f"_macro{index}_{_ident(macro_name)}"
        first = None
        if self.evaluated and self.runtime_macros and document.macros:
            # an #evaluate'd text registers the macros it defines itself (not those of its
            # template: every call that can reach those has them compiled in)
            self.registered = frozenset(name for name, macro in document.macros.items()
                                        if self.macros.get(name) is macro)
        for macro_name, macro in self.macros.items():
            self.function(
                self.macro_names[macro_name],
                f"#macro({macro_name}) at line {macro.span.line}",
                macro.body,
            )
        if self.registered:
            entries = ", ".join(
                f"{name!r}: ({self.macro_names[name]}, {tuple(p.lstrip('$') for p in self.macros[name].params)!r})"
                for name in sorted(self.registered))
            first = f"register_macros(ctx, {{{entries}}})"
        self.function("root", f"template {self.name!r}", document.body, first)
        return self.assemble()

    def function(self, name: str, doc: str, body: Sequence[n.Node], first: str | None = None) -> None:
        """Compile ``body`` as module-level function ``name(ctx, _append)`` (``first``: a
        line that runs before it)."""
        with self.new_function(name, doc):
            if first is not None:
                self.emit(first, None)
            if len(body) > _MAX_STATEMENTS:
                # CPython compiles one huge function in super-linear time and memory (a
                # 300 KB template took 21 s): long bodies become a call per part.
                for start in range(0, len(body), _MAX_STATEMENTS):
                    part = f"{name}_part{start // _MAX_STATEMENTS + 1}"
                    self.function(part, f"{doc}, part {start // _MAX_STATEMENTS + 1}",
                                  body[start:start + _MAX_STATEMENTS])
                    self.emit(f"{part}(ctx, _append)", None)
            else:
                self.statements(body, self.fn.marks if self.large else None)

    @contextmanager
    def new_function(self, name: str, doc: str) -> Iterator[None]:
        """Generate into a new module-level function ``name(ctx, _append)``: it reads
        variables from ``ctx`` (no loop locals) and prints to its ``_append``, with the
        printer of where it is called (``out_str`` inside a string literal: case
        velocity/fuzz/stop-in-define-inside-string-nested-loops)."""
        outer, sink = self.fn, self.sink
        self.fn, self.sink = _Function(name, doc), "_append"
        try:
            self.fn.prelude.append("ctx_get = ctx.get")
            yield
            self.functions.append(self.fn)
        finally:
            self.fn, self.sink = outer, sink
            # the statement making this function generated code naming it (see statements())
            self.located = True

    def module_names(self) -> frozenset[str]:
        """The names the generated module holds: the runtime's exports and builtins, the
        unit, the constants and the functions written here."""
        namespace = runtime.namespace()
        return frozenset([*namespace, *namespace["__builtins__"], "_unit",
                          *(constant.split(" = ", 1)[0] for constant in self.constants),
                          *(fn.header for fn in self.functions)])

    def assemble(self) -> tuple[str, list[n.Span | int | None], dict[int, TextOrigin]]:
        code: list[str] = [
            f"# Generated by vtl.compiler from {self.name!r} (profile {self.options.name!r}).",
            "",
        ]
        spans: list[n.Span | int | None] = [None, None, None]
        origins: dict[int, TextOrigin] = {}
        for constant in self.constants:
            code.append(constant)
            spans.append(None)
        shared, self.groups, self.tables = sharing.share(self.functions, sharing.SHARE_MIN_COPIES,
                                                         self.module_names())
        self.named = frozenset(f.number for f in shared if f.names)
        if self.tables:
            names = "_table1" if len(self.tables) == 1 else f"_table1 to _table{len(self.tables)}"
            code.append(f"# {names} (and _functions1…): calls of the _shared functions below, made "
                        "from data (Unit.tables) when the module is loaded")
            spans.append(None)
        for function in shared:
            used = sorted(_used_exports([_Line(0, text, None) for _, text in function.lines]))
            bound = "".join(f", {name}={name}" for name in used)
            # (``ctx_get``: the caller's, see sharing._run)
            code += ["", "", f"def {function.name}(ctx, _append, {'_ks' if function.loops else '_k'}, ctx_get{bound}):"]
            spans += [None, None, None]
            if function.loops:
                code.append("    for _k in _ks:")  # consecutive copies (vtl/sharing.py)
                spans.append(None)
            for position, (indent, text) in enumerate(function.lines):
                code.append("    " * (indent + function.loops) + text)
                spans.append(position)  # the span of this line of the copy run (vtl/unit.py)
        for fn in self.functions:
            if fn.marks:  # the lines that stand for others (see _Memo) and were not shared
                fn.lines = [real for line in fn.lines for real in line.expanded()]
            used = sorted(_used_exports(fn.lines))
            bound = "".join(f", {name}={name}" for name in used)
            code += ["", "", f"def {fn.header}({fn.params}{bound}):",
                     f'    """{_docstring(fn.doc)}"""']
            spans += [None, None, None, None]
            for prelude in fn.prelude:
                code.append("    " + prelude)
                spans.append(None)
            if not fn.lines:
                fn.lines.append(_Line(1, "pass", None))
            for line in fn.lines:
                code.append("    " * line.indent + line.text)
                spans.append(line.span)
                if line.origin is not None:
                    origins[len(code)] = line.origin
        code.append("")
        return "\n".join(code), spans, origins

    # ----------------------------------------------------------------- emitting

    def emit(self, text: str, span: n.Span | None = None, origin: TextOrigin | None = None) -> None:
        self.fn.lines.append(_Line(self.fn.indent, text, span, origin))

    def indented(self) -> _Indented:
        return _Indented(self.fn)

    def capture(self) -> _Capture:
        """Collect the lines emitted inside the block instead of emitting them."""
        return _Capture(self.fn)

    def splice(self, lines: list[_Line], base: int) -> None:
        """Emit captured lines (written at indentation ``base``) at the current indentation."""
        for line in lines:
            self.fn.lines.append(_Line(line.indent - base + self.fn.indent, line.text, line.span, line.origin))

    def temp(self, prefix: str = "v") -> str:
        return f"{prefix}{next(self.fn.temps)}"

    def text_of(self, node: Any) -> str:
        """Velocity's ``literal()`` of an operand: a reference's literal, else its source."""
        if isinstance(node, n.Reference):
            return node.literal
        kind = "group" if isinstance(node, n.Group) else "text"
        return self.record(node, kind)

    def record(self, node: Any, kind: str) -> str:
        """The source text (``kind`` "text"), the text inside the parentheses ("group") or
        the location ("where") of ``node``, noted for the statement being generated (code
        depending on more than the nodes, see _Memo)."""
        value = self.located_value(kind, node.span)
        if self.recorded is not None:
            self.recorded.append((node, kind, value))
        return value

    def located_value(self, kind: str, span: n.Span) -> str:
        """See :meth:`record`."""
        if kind == "where":
            return f"{self.name}:{span.line}:{span.column}"
        if kind == "group":  # the text inside the parentheses, blanks included
            return self.source[span.start + 1:span.end - 1]
        return self.source[span.start:span.end]

    # ----------------------------------------------------------------- statements

    def statements(self, body: Sequence[n.Node], marks: list[tuple[int, int, bool]] | None = None) -> None:
        """Compile ``body``; with ``marks``, note where each statement's lines start (see
        vtl/sharing.py), and reuse the lines of a statement met before (see _Memo)."""
        if marks is not None:
            self.marked_statements(body, marks)
            return
        pending: list[n.Text | n.Literal | n.Directive] = []
        for node in body:
            cls = node.__class__  # (no node class has subclasses)
            if cls is n.Text or cls is n.Literal or (
                    cls is n.Directive and self.directive_kind(node) == "text"):  # type: ignore[arg-type]
                pending.append(node)  # type: ignore[arg-type]
                continue
            if pending:
                self.flush_text(pending)
                pending = []
            visit = self._visitors.get(cls)
            if visit is None:
                visit = self._visitors[cls] = getattr(type(self), "visit_" + cls.__name__)
            visit(self, node)
        self.flush_text(pending)

    def marked_statements(self, body: Sequence[n.Node], marks: list[tuple[int, int, bool]]) -> None:
        """:meth:`statements` at the top level of a large template's function: each
        statement's first line is marked for vtl/sharing.py, and a statement whose key
        (:func:`_key`) was met before in the function is one line standing for the lines
        it generated then (see _Memo)."""
        pending: list[n.Text | n.Literal | n.Directive] = []
        lines = self.fn.lines
        memo = self.fn.memo
        self.recorded = None  # (a function made by a statement: see new_function)
        seen: set[str] = set()  # the text of each statement met (but Output's)
        output, text_classes = n.Output, (n.Text, n.Literal)
        for node in body:
            cls = node.__class__  # (no node class has subclasses)
            if cls in text_classes or (cls is n.Directive and self.directive_kind(node) == "text"):  # type: ignore[arg-type]
                pending.append(node)  # type: ignore[arg-type]
                continue
            if pending:
                first = pending[0]
                marks.append((len(lines), first.span.line, True))
                entry = memo.get(first.text) if len(pending) == 1 and first.__class__ is n.Text else None
                if entry is not None:  # (flush_text_memo's commonest case, inline)
                    lines.append(_Line(entry.lines[0][0], entry.block, None, None, first, entry))
                else:
                    self.flush_text_memo(pending, memo)
                pending = []
            marks.append((len(lines), node.span.line, False))
            if cls is output:  # (the commonest statement: its key at once, see _key)
                fields = _REFERENCE_FIELDS(node.ref)  # type: ignore[union-attr]
                parts = _memo_key(fields[0]) if fields[0] else ()
                key: Any = fields if not fields[0] else None if parts is None else (parts, *fields[1:])
                entry = _UNIQUE if key is None else memo.get(key)
            else:
                # A key is a walk of the statement's nodes: made only for a statement whose
                # text was met before (statements of one key have the same text but for
                # blanks and comments), and not for a long one (a 300 KB map literal)
                span = node.span
                text = self.source[span.start:span.end] if span.end - span.start < _MEMO_MAX_CHARS else None
                if text is None or text not in seen:
                    if text is not None:
                        seen.add(text)
                    key, entry = None, _UNIQUE
                else:
                    key = _memo_key(node)
                    entry = _UNIQUE if key is None else memo.get(key)
            if entry is not None and entry is not _UNIQUE:
                if not entry.located:
                    if entry.lines:
                        lines.append(_Line(entry.lines[0][0], entry.block, None, None, node, entry))
                    continue
                fills = entry.fills(node)
                if fills is not None:
                    lines.append(_Line(entry.lines[0][0], entry.block, None, None, node, entry, fills))
                    continue
            visit = self._visitors.get(cls)
            if visit is None:
                visit = self._visitors[cls] = getattr(type(self), "visit_" + cls.__name__)
            # Each statement's temporaries are its own: numbering them from 1 again makes
            # statements of one shape generate the same code (vtl/sharing.py).
            self.fn.temps = itertools.count(1)
            if entry is _UNIQUE:
                visit(self, node)
                continue
            if entry is not None:  # a copy whose source texts differ from the first's
                visit(self, node)
                continue
            start, functions, constants = len(lines), len(self.functions), len(self.constants)
            self.located, self.recorded = False, []
            visit(self, node)
            pure = not self.located and len(self.functions) == functions and len(self.constants) == constants
            try:
                memo[key] = (_memo(node, lines[start:], self.recorded, self.located_value, self.placeholders)
                             if pure else _UNIQUE)
            except RecursionError:  # a statement nested too deeply to walk again: not shared
                memo[key] = _UNIQUE
            self.recorded = None
        if pending:
            marks.append((len(lines), pending[0].span.line, True))
            self.flush_text_memo(pending, memo)

    def flush_text_memo(self, pending: Sequence[n.Text | n.Literal | n.Directive], memo: dict[Any, _Memo]) -> None:
        """:meth:`flush_text` for a top-level statement of a large template: the line
        printing one node's text is made once per text (see _Memo)."""
        if len(pending) != 1:
            self.flush_text(pending)
            return
        node = pending[0]
        text = node.literal if node.__class__ is n.Directive else node.text  # type: ignore[union-attr]
        if not text:
            return
        entry = memo.get(text)
        if entry is None:
            code = f"{self.sink}({text!r})"
            entry = memo[text] = _Memo(code, ((self.fn.indent, code, (), True),))
        self.fn.lines.append(_Line(self.fn.indent, entry.block, None, None, node, entry))

    def flush_text(self, pending: Sequence[n.Text | n.Literal | n.Directive]) -> None:
        if not pending:
            return
        if len(pending) == 1:  # (the common case, without the merging below)
            node = pending[0]
            text = node.literal if node.__class__ is n.Directive else node.text  # type: ignore[union-attr]
            if text:
                self.emit(f"{self.sink}({text!r})", node.span, TextOrigin(((0, node.span.line),)))
            return
        texts: list[str] = []
        segments: list[tuple[int, int]] = []
        offset = 0
        for node in pending:
            text = node.literal if isinstance(node, n.Directive) else node.text
            segments.append((offset, node.span.line))
            texts.append(text)
            offset += len(text)
        merged = "".join(texts)
        if merged:
            self.emit(f"{self.sink}({merged!r})", pending[0].span, TextOrigin(tuple(segments)))

    def visit_Text(self, node: n.Text) -> None:  # merged by statements(); kept for the visitor table
        self.flush_text([node])

    visit_Literal = visit_Text

    def visit_MacroDef(self, node: n.MacroDef) -> None:
        """Macros are collected at parse time (Document.macros); the definition prints nothing."""

    def visit_Output(self, node: n.Output) -> None:
        ref = node.ref
        if not ref.parts and not (ref.escaped or ref.esc_prefix or ref.more_prefix) and (
                self.fn.loops == 0 or self.large):
            # ``$name``, the commonest output: its line depends on these only, so it is
            # written once per template (dense templates, issue 14)
            key = (self.root(ref.root), _null_print(ref), self.sink, self.out, self.null_prints)
            line = self.output_lines.get(key)
            if line is None:
                line = self.output_lines[key] = self.output_line(*key)
            self.emit(line, ref.span)
            return
        invalid = "" if self.null_prints is None else f", {self.null_prints!r}"
        if ref.escaped:
            # Velocity prints an escaped reference before the reference-insertion handler
            # runs: a null keeps its backslash under both profiles.
            value = self.reference(ref)
            self.emit(f"{self.sink}(out_escaped({value}, ctx, {ref.esc_prefix!r}, {ref.literal!r}))", ref.span)
            return
        null = _null_print(ref)
        if ref.esc_prefix or ref.more_prefix:
            value = self.reference(ref)
            self.emit(
                f"{self.sink}(out_prefixed({value}, ctx, {ref.esc_prefix!r}, {ref.more_prefix!r}, "
                f"{null!r}{invalid}))",
                ref.span,
            )
            return
        compact = self.compact(ref)
        if compact and self.out == "out" and not self.null_empty:
            names = tuple(part.name for part in ref.parts)  # type: ignore[union-attr]
            self.emit(
                f"{self.sink}(out_path({self.root(ref.root)}, {names!r}, ctx, {null!r}{invalid}))",
                ref.span,
            )
        elif compact:
            value = self.reference(ref)
            self.emit(f"{self.sink}({self.out}({value}, ctx, {null!r}{invalid}))", ref.span)
        elif ref.parts:
            var = self.reference(ref)
            self.emit(
                f"{self.sink}({var} if type({var}) is str else {self.out}({var}, ctx, {null!r}{invalid}))",
                ref.span,
            )
        else:
            var = self.temp()
            self.emit(
                f"{self.sink}({var} if type({var} := {self.root(ref.root)}) is str "
                f"else {self.out}({var}, ctx, {null!r}{invalid}))",
                ref.span,
            )

    def output_line(self, root: str, null: str, sink: str, out: str, null_prints: str | None) -> str:
        """The line printing a variable with no parts (``root`` its value), as the compact
        branches of :meth:`visit_Output` write it."""
        invalid = "" if null_prints is None else f", {null_prints!r}"
        if out == "out" and not self.null_empty:
            return f"{sink}(out_path({root}, (), ctx, {null!r}{invalid}))"
        return f"{sink}({out}({root}, ctx, {null!r}{invalid}))"

    def visit_Set(self, node: n.Set) -> None:
        target = node.target
        value = self.value(node.value)
        nullable = self.nullable(node.value)
        if not target.parts:
            key = target.set_name or target.root
            if nullable and _TEMPORARY.match(value):
                self.emit(f"if {value} is not None: ctx[{key!r}] = {value}", node.span)
            elif nullable:
                var = self.temp()
                self.emit(f"if ({var} := {value}) is not None: ctx[{key!r}] = {var}", node.span)
            else:
                self.emit(f"ctx[{key!r}] = {value}", node.span)
            return
        var = self.temp()
        self.emit(f"{var} = {value}", node.span)
        if nullable:
            self.emit(f"if {var} is not None:", node.span)
            with self.indented():
                self.set_target(target, var)
        else:
            self.set_target(target, var)

    def set_target(self, target: n.Reference, value: str) -> None:
        obj = self.temp()
        self.emit(f"{obj} = {self.root(target.root)}", target.span)
        for part in target.parts[:-1]:
            self.part(obj, part)
        last = target.parts[-1]
        if isinstance(last, n.Property):
            self.emit(f"if {obj} is not None: assign_property({obj}, {last.name!r}, {value})", last.span)
        elif isinstance(last, n.Index):
            with self.capture() as setup:
                key = self.value(last.arg)
            self.guarded(obj, setup, f"assign_index({obj}, {key}, {value})", last.span)
        # A method as the last part sets nothing (Velocity finds no setter for it).

    def visit_If(self, node: n.If) -> None:
        if len(node.branches) > _MAX_ELIF and not self.fn.null_holders:
            self.lookup_table(node)
            return
        # A branch whose condition needs statements first (a method call) cannot be an
        # `elif`: it starts a new `if not chosen:` group at the same indentation, so a long
        # #elseif chain (a lookup table) never nests deeper than one level (issue 14).
        top = self.fn.indent
        conditions = []
        for branch in node.branches:
            with self.capture() as setup:
                conditions.append((setup, self.truth(branch.condition)))
        # CPython compiles an `elif` chain as nested `if`s, so a chain of a few thousand
        # fails in compile(): past _MAX_ELIF branches a new group starts the same way.
        chosen = ""
        if any(setup for setup, _ in conditions[1:]) or len(conditions) > _MAX_ELIF:
            chosen = self.temp("chosen")
            self.emit(f"{chosen} = True", node.span)
        chain = 0
        for number, (branch, (setup, condition)) in enumerate(zip(node.branches, conditions)):
            chain += 1
            if number == 0:
                self.splice(setup, top)
                self.emit(f"if {condition}:", branch.span)
            elif not setup and chain <= _MAX_ELIF:
                self.emit(f"elif {condition}:", branch.span)
            else:
                chain = 1
                self.emit("else:", branch.span)
                with self.indented():
                    self.emit(f"{chosen} = False", branch.span)
                self.fn.indent = top
                self.emit(f"if not {chosen}:", branch.span)
                self.fn.indent = top + 1
                self.emit(f"{chosen} = True", branch.span)
                self.splice(setup, top)
                self.emit(f"if {condition}:", branch.span)
            with self.indented():
                self.block(branch.body)
        if node.else_body is not None:
            self.emit("else:", node.span)
            with self.indented():
                self.block(node.else_body)
        self.fn.indent = top

    def lookup_table(self, node: n.If) -> None:
        """An ``#if`` with thousands of ``#elseif`` branches (a lookup table): each run of
        _MAX_ELIF branches becomes a function that answers whether it took one. In one
        function, CPython's compile() of an 11,000-branch table took 3 s and 360 MB."""
        chosen = self.temp("chosen")
        for start in range(0, len(node.branches), _MAX_ELIF):
            name = f"_branches{next(self.block_ids)}"
            branches = node.branches[start:start + _MAX_ELIF]
            with self.new_function(name, f"#elseif branches from line {branches[0].span.line}"):
                for branch in branches:
                    if self.large:  # a group of vtl/sharing.py, as a statement is
                        self.fn.marks.append((len(self.fn.lines), branch.span.line, False))
                        self.fn.temps = itertools.count(1)
                    with self.capture() as setup:
                        condition = self.truth(branch.condition)
                    self.splice(setup, self.fn.indent)
                    self.emit(f"if {condition}:", branch.span)
                    with self.indented():
                        self.block(branch.body)
                        self.emit("return True", None)
                if self.large:  # not part of the last branch's group: a group of its own
                    # (line 0, no template line: vtl/sharing.py's groups() starts a group
                    # there however few branches the last group has)
                    self.fn.marks.append((len(self.fn.lines), 0, False))
                self.emit("return False", None)
            call = f"{name}(ctx, {self.sink})"
            self.emit(f"{chosen} = {call}" if start == 0 else f"if not {chosen}: {chosen} = {call}", node.span)
        if node.else_body is not None:
            self.emit(f"if not {chosen}:", node.span)
            with self.indented():
                self.block(node.else_body)

    def block(self, body: Sequence[n.Node]) -> None:
        """The body of an ``if``/``for``; moved to a function of its own when deeply nested
        (Python allows 20 nested loops/``try`` blocks and 100 indentation levels)."""
        if body and (self.fn.loops >= _MAX_INLINE_LOOPS or self.fn.indent >= _MAX_INDENT
                     or len(body) > _MAX_STATEMENTS):
            name = f"_block{next(self.block_ids)}"
            self.function(name, f"nested block at line {_first_line(body)}", body)
            self.emit(f"{name}(ctx, {self.sink})", None)
            return
        before = len(self.fn.lines)
        self.statements(body)
        if len(self.fn.lines) == before:
            self.emit("pass")

    def visit_Foreach(self, node: n.Foreach) -> None:
        # Python locals are numbered per function (restarting at each top-level statement of
        # a large template, see statements()); the Loop constant per module.
        number, loop = next(self.fn.temps), f"_loop{next(self.loop_ids)}"
        needs = self.analysis.loop_needs(node)
        if isinstance(node.iterable, n.Range):
            iterable = "lazy_range({}, {})".format(*self.operands((node.iterable.start, node.iterable.end)))
        else:
            iterable = self.value(node.iterable)
        it, saved, key = f"it{number}", f"saved{number}", node.var.root
        # A body that changes no collection walks a sequence in C (loop_values); one that
        # may (an add() or put() on the list being walked) needs the live Java iterator.
        live = self.analysis.may_change_collections(node.body)
        if isinstance(node.iterable, n.Range):
            self.emit(f"{it} = {iterable}", node.span)  # a range object: a lazy sequence
        else:
            self.emit(f"{it} = {'iterate' if live else 'loop_values'}({iterable})", node.span)
        self.emit(f"if {it} is not None:", node.span)
        with self.indented():
            self.emit(f"{saved} = ctx_get({key!r})", node.span)
            restore = [(key, saved)] + self.save_loop_state(number, loop, needs, node)
            restoring = "restore(ctx, " + ", ".join(f"{k!r}, {v}" for k, v in restore) + ")"
            # #break/#stop may leave the loop by an exception: restore in a `finally`.
            # Without them only a render error can, and then the scope no longer matters.
            control = self.analysis.may_leave(node.body)
            if control:
                self.emit("try:", node.span)
                self.fn.indent += 1
            self.loop_body(number, node, needs, live)
            if control:
                self.fn.indent -= 1
                self.emit(f"except BreakLoop as stop{number}:", node.span)
                with self.indented():
                    mine = f" and stop{number}.owner is not {loop}" if _SCOPE in needs else ""
                    self.emit(f"if stop{number}.owner is not None{mine}: raise", node.span)
                    # text of the #define blocks the break left (vtl.runtime.BreakLoop)
                    self.emit(f"{self.sink}(stop{number}.pending)", node.span)
                self.emit("finally:", node.span)
                with self.indented():
                    self.emit(restoring, node.span)
            else:
                self.emit(restoring, node.span)

    def loop_body(self, number: int, node: n.Foreach, needs: frozenset[str], live: bool) -> None:
        key = node.var.root
        self.fn.loops += 1
        saved_locals, saved_holders = dict(self.fn.locals), dict(self.fn.null_holders)
        # Variables the body reads from Python locals (see root()) unless it may set them.
        for name, local in ((key, f"item{number}"), (_SCOPE, f"scope{number}"),
                            (_COUNTER, f"count{number}"), (_HAS_NEXT, f"more{number}")):
            if name != key and name not in needs:
                continue
            if self.analysis.may_set(node.body, name):
                self.fn.locals.pop(name, None)
            else:
                self.fn.locals[name] = local
        self.fn.null_holders.pop(key, None)
        if key not in self.fn.locals:
            self.fn.null_holders[key] = f"item{number}"
        if needs:
            self.counting_loop(number, node, needs, live)
        else:
            self.simple_loop(number, node)
        self.fn.locals, self.fn.null_holders = saved_locals, saved_holders
        self.fn.loops -= 1

    def where(self, node: n.Foreach) -> str:
        return self.record(node, "where")

    def save_loop_state(self, number: int, loop: str, needs: frozenset[str], node: n.Foreach) -> list[tuple[str, str]]:
        restore = []
        for name in (_COUNTER, _HAS_NEXT, _SCOPE):
            if name in needs:
                var = f"saved{number}_{name}"
                self.emit(f"{var} = ctx_get({name!r})", node.span)
                restore.append((name, var))
        if _SCOPE in needs:
            self.constants.append(f"{loop} = Loop({self.where(node)!r})")
            self.emit(
                f"ctx['foreach'] = scope{number} = ForeachScope(saved{number}_foreach, {loop})",
                node.span,
            )
        return restore

    def simple_loop(self, number: int, node: n.Foreach) -> None:
        """No loop variables read: a plain ``for`` over ``runtime.loop_items``, which makes
        the render's checks and the iteration limit (one call per loop, not per element)."""
        it, item, key = f"it{number}", f"item{number}", node.var.root
        self.emit(f"for {item} in {self.checked(it, node)}:", node.span)
        with self.indented():
            self.emit(f"ctx[{key!r}] = {item}", node.span)
            self.block(node.body)

    def checked(self, it: str, node: n.Foreach) -> str:
        return f"loop_items({it}, {self.limit!r}, {self.where(node)!r})"

    def counting_loop(self, number: int, node: n.Foreach, needs: frozenset[str], live: bool) -> None:
        """Sets ``$velocityCount``/``$velocityHasNext``/``$foreach`` (only those read) each
        iteration; ``hasNext`` asks the Java iterator, as Velocity does after ``next()``
        (over a sequence from ``loop_values``: whether elements remain)."""
        it, item, key, count = f"it{number}", f"item{number}", node.var.root, f"count{number}"
        scope = _SCOPE in needs
        has_next = _HAS_NEXT in needs or scope
        if has_next:
            walk = f"loop_counted({it}, {live!r}, {self.limit!r}, {self.where(node)!r})"
            self.emit(f"for {count}, {item}, more{number} in {walk}:", node.span)
        else:
            self.emit(f"for {count}, {item} in enumerate({self.checked(it, node)}, 1):", node.span)
        with self.indented():
            if _COUNTER in needs:
                self.emit(f"ctx[{_COUNTER!r}] = {count}", node.span)
            if _HAS_NEXT in needs:
                self.emit(f"ctx[{_HAS_NEXT!r}] = more{number}", node.span)
            self.emit(f"ctx[{key!r}] = {item}", node.span)
            if scope:
                self.emit(f"scope{number}.index = {count} - 1", node.span)
                self.emit(f"scope{number}.has_next = more{number}", node.span)
            self.block(node.body)

    def visit_Break(self, node: n.Break) -> None:
        if node.scope is None:
            self.emit("raise BreakLoop()", node.span)
        else:
            value = self.value(node.scope)
            self.emit(f"raise break_scope({value}, {self.text_of(node.scope)!r})", node.span)

    def visit_Stop(self, node: n.Stop) -> None:
        self.emit("raise StopRender()", node.span)

    def visit_Define(self, node: n.Define) -> None:
        name = f"_define{next(self.block_ids)}"
        self.function(name, f"#define at line {node.span.line}", node.body)
        key = node.target.set_name or node.target.root
        self.emit(f"define(ctx, {key!r}, {name})", node.span)

    def directive_kind(self, node: n.Directive) -> str:
        if node.name in self.directives:
            if node.name == "foreach":
                return "foreach"  # a #foreach with one argument (builder._foreach)
            return node.name if node.name in ("evaluate", "include", "parse") else "text"
        name = _macro_name(node)
        if name in self.registered:
            return "registered"
        if name in self.macros:
            return "macro"
        if self.runtime_macros and not any(isinstance(arg, n.Word) and not arg.runt for arg in node.args):
            # (a bare word argument stays text: Velocity would fail the call with
            # "Invalid arg" only once the macro exists, which is not modelled)
            return "registered"
        return "text"

    def visit_Directive(self, node: n.Directive) -> None:
        kind = self.directive_kind(node)
        if kind == "text":
            self.flush_text([node])
        elif kind == "evaluate":
            value = self.value(node.args[0]) if node.args else "None"
            self.emit(f"evaluate(ctx, {self.sink}, {value}, _unit)", node.span)
        elif kind == "include":
            for position, arg in enumerate(node.args):
                if not isinstance(arg, (n.StringLiteral, n.Reference)):
                    message = f"invalid #include() argument '{self.text_of(arg)}'"
                    self.emit(f"raise directive_error({message!r})", node.span)
                    break
                self.emit(f"{self.sink}(include('include', {self.value(arg)}, {position}))", node.span)
        elif kind == "foreach":
            message = "#foreach with one argument: Velocity 1.7 fails (ArrayIndexOutOfBoundsException)"
            self.emit(f"raise directive_error({message!r})", node.span)
        elif kind == "parse":
            if not node.args:
                self.emit("raise directive_error('#parse(): argument missing')", node.span)
            else:
                self.emit(f"{self.sink}(include('parse', {self.value(node.args[0])}))", node.span)
        elif kind == "registered":
            self.registered_call(node)
        else:
            self.macro_call(node)

    def macro_call(self, node: n.Directive) -> None:
        name = _macro_name(node)
        macro = self.macros[name]
        params = tuple(p.lstrip("$") for p in macro.params)
        args = []
        for arg in node.args[: len(params)]:
            args.append(self.macro_arg(arg, node))
        for arg in node.args[len(params):]:
            self.macro_arg(arg, node)  # still checked: a bare word is an error anywhere
        block = self.macro_block(node)
        packed = "(" + "".join(a + ", " for a in args) + ")"
        self.emit(
            f"call_macro(ctx, {self.sink}, {self.macro_names[name]}, {name!r}, {params!r}, "
            f"{packed}, {block})",
            node.span,
        )

    def registered_call(self, node: n.Directive) -> None:
        """A call of a macro the render's registry may hold (see ``runtime_macros``): its
        parameters are known only then, so every argument is passed (extra ones are
        ignored); without the macro the call prints its text (RuntimeMacro.render)."""
        args = "(" + "".join(self.macro_arg(arg, node) + ", " for arg in node.args) + ")"
        block = self.macro_block(node)
        self.emit(f"if not call_registered(ctx, {self.sink}, {_macro_name(node)!r}, {args}, {block}):", node.span)
        with self.indented():
            self.emit(f"{self.sink}({node.literal!r})", node.span)

    def macro_block(self, node: n.Directive) -> str:
        """The function of a block call's (``#@name``) body, or ``None``."""
        if node.body is None:
            return "None"
        block = f"_body{next(self.block_ids)}"
        self.function(block, f"#@{_macro_name(node)} body at line {node.span.line}", node.body)
        return block

    def macro_arg(self, arg: n.Expr, call: n.Directive) -> str:
        """``(False, value)`` for a constant, ``(True, function, literal)`` for the rest."""
        if isinstance(arg, n.Word) and not arg.runt:  # a runt is a reference (null)
            raise InvalidMacroArgument(
                f"Invalid arg '{arg.text}' in macro #{call.name}",
                name=self.name, line=arg.span.line, column=arg.span.column, source=self.source,
                length=len(arg.text),
            )
        # Velocity's VelocimacroProxy.isConstant: numbers and booleans are passed by value,
        # everything else (references, strings, lists, maps, ranges) by name.
        if isinstance(arg, (n.IntegerLiteral, n.FloatLiteral, n.BooleanLiteral)):
            return f"(False, {self.value(arg)})"
        name = self.temp("arg")
        base = self.fn.indent
        with self.capture() as lines:
            value = self.value(arg)
        used = sorted(_used_exports([*lines, _Line(0, value, None)]) | {"ctx", "ctx_get"})
        bound = ", ".join(f"{u}={u}" for u in used)
        self.emit(f"def {name}({bound}):", arg.span)
        with self.indented():
            self.splice(lines, base)
            self.emit(f"return {value}", arg.span)
        return f"(True, {name}, {self.text_of(arg)!r})"

    # ----------------------------------------------------------------- expressions

    def nullable(self, node: n.Expr) -> bool:
        """Whether the value of ``node`` may be null (so ``#set`` must check)."""
        if isinstance(node, n.Reference):
            # Under the null model too: a method or index that finds nothing, a null
            # #foreach element (see root()).
            return True
        if isinstance(node, n.Group):
            return self.nullable(node.expr)
        if isinstance(node, n.BinaryOp):
            return node.op in ("+", "-", "*", "/", "%")
        return isinstance(node, (n.Range, n.Word))

    def value(self, node: n.Expr) -> str:
        """Emit what computing ``node`` needs; return a Python expression for its value.

        The expression is used exactly once and is free of side effects (a constant, a
        temporary, ``ctx_get(…)`` or a pure combination of those)."""
        expr: str = getattr(self, "value_" + type(node).__name__)(node)
        return expr

    def value_Reference(self, node: n.Reference) -> str:
        if node.root == "\\!" and self.null_empty:
            # A "$\!x" is no computable reference: ASTReference.value() is null for it, so
            # as an operand, argument, element or #set value it is null even where the null
            # model's context reads its root as "" (as its printing and a bare condition do,
            # through execute()). Case velocity/apigateway-profile/slashbang-reference-value.
            return "None"
        return self.reference(node)

    def value_StringLiteral(self, node: n.StringLiteral) -> str:
        if node.body is None:
            return repr(node.value)
        if all(isinstance(part, n.Text) for part in node.body):
            text = "".join(part.text for part in node.body)  # type: ignore[union-attr]
            return repr(text[:-1] if node.drop_last else text)
        if len(node.body) == 1 and not node.drop_last and isinstance(node.body[0], n.Output) and not self.prefixed(node.body[0].ref):
            ref = node.body[0].ref
            var = self.reference(ref)
            invalid = "" if self.null_prints is None else f", {self.null_prints!r}"
            null = _null_print(ref)
            if not ref.parts:
                temp = self.temp()
                return f"({temp} if type({temp} := {var}) is str else out_str({temp}, ctx, {null!r}{invalid}))"
            return f"({var} if type({var}) is str else out_str({var}, ctx, {null!r}{invalid}))"
        parts = self.temp("parts")
        self.emit(f"{parts} = []", node.span)
        sink, self.sink = self.sink, f"{parts}.append"
        printer, self.out = self.out, "out_str"  # see runtime.out_str
        try:
            self.statements(node.body)
        except InvalidMacroArgument as error:
            # ASTStringLiteral.init reports its template's failed macro call as its own
            # parse failure, at the literal (case velocity/macros/invalid-argument-in-string)
            raise TemplateSyntaxError(
                f"the string literal does not parse: {error.message}", name=self.name,
                line=node.span.line, column=node.span.column, source=self.source) from None
        finally:
            self.sink = sink
            self.out = printer
        var = self.temp()
        self.emit(f"{var} = ''.join({parts}){'[:-1]' if node.drop_last else ''}", node.span)
        # A string doubled in a loop ("$s$s") stops at the output limit.
        self.emit(f"if len({var}) > {SHORT}: check_length(len({var}))", node.span)
        return var

    def operands(self, nodes: Sequence[n.Expr]) -> list[str]:
        """The values of ``nodes``, computed in order: an earlier inline expression is
        stored in a temporary before a later operand's statements run."""
        exprs: list[str] = []
        for node in nodes:
            base = self.fn.indent
            with self.capture() as setup:
                expr = self.value(node)
            if setup:
                for i, previous in enumerate(exprs):
                    if not _SIMPLE.match(previous):
                        var = self.temp()
                        self.emit(f"{var} = {previous}", node.span)
                        exprs[i] = var
                self.splice(setup, base)
            exprs.append(expr)
        return exprs

    @staticmethod
    def prefixed(ref: n.Reference) -> bool:
        return bool(ref.escaped or ref.esc_prefix or ref.more_prefix)

    def value_IntegerLiteral(self, node: n.IntegerLiteral) -> str:
        # Hex has no 4,300-digit limit (case velocity/literals/integer-literal-5000-digits).
        return repr(node.value) if abs(node.value) < _DECIMAL_LITERAL_LIMIT else hex(node.value)

    def value_FloatLiteral(self, node: n.FloatLiteral) -> str:
        text = repr(node.value)
        # A literal past Double.MAX_VALUE is Infinity in Java too; `1e999` is Python's
        # infinity literal (generated code has no `float` builtin).
        return {"inf": "1e999", "-inf": "-1e999"}.get(text, text)

    def value_BooleanLiteral(self, node: n.BooleanLiteral) -> str:
        return repr(node.value)

    def value_ListLiteral(self, node: n.ListLiteral) -> str:
        return "[" + ", ".join(self.operands(node.items)) + "]"

    def value_MapLiteral(self, node: n.MapLiteral) -> str:
        # Both forms evaluate key, value, key, value… in order, like Velocity.
        flat = self.operands([x for entry in node.entries for x in entry])
        if all(isinstance(k, n.StringLiteral) for k, _ in node.entries):
            return "{" + ", ".join(f"{k}: {v}" for k, v in zip(flat[::2], flat[1::2])) + "}"
        return "make_map(" + ", ".join(flat) + ")"  # Java key equality: 1 and true differ

    def value_Range(self, node: n.Range) -> str:
        start, end = self.operands((node.start, node.end))
        return f"make_range({start}, {end}, {self.options.max_range_size!r})"

    def value_Word(self, node: n.Word) -> str:
        return "None"

    def value_Group(self, node: n.Group) -> str:
        return self.value(node.expr)

    def value_Not(self, node: n.Not) -> str:
        return f"(not {self.truth(node.operand)})"

    def value_BinaryOp(self, node: n.BinaryOp) -> str:
        if node.op in ("&&", "||"):
            return self.truth(node)
        left, right = self.operands((node.left, node.right))
        if node.op in _COMPARISONS:
            return "(" + _COMPARISONS[node.op].format(l=left, r=right) + ")"
        if node.op == "+":
            return f"add({left}, {right}, {self.text_of(node.left)!r}, {self.text_of(node.right)!r})"
        return f"{_ARITHMETIC[node.op]}({left}, {right})"

    def truth(self, node: n.Expr) -> str:
        """Emit what deciding ``node`` in a condition needs; return a Python bool expression.

        Velocity's ``evaluate``: a reference is true unless null or false; ``true``/``false``
        are themselves; every other literal, and arithmetic, is false (spec #39)."""
        if isinstance(node, n.Reference):
            # vtl.java.is_true inline: only null and false are false. Under the null model
            # root() and reference() read null as "" (true) where Velocity does.
            value = self.root(node.root) if not node.parts else self.reference(node)
            if self.analysis.blocks_possible:
                # a #define block is rendered to decide (runtime.block_is_true), on a
                # line of its own: an error it throws is at the reference
                if not _TEMPORARY.match(value):
                    var = self.temp()
                    self.emit(f"{var} = {value}", node.span)
                    value = var
                self.emit(f"if {value}.__class__ is Block: {value} = block_is_true({value})", node.span)
            if _TEMPORARY.match(value):
                return f"({value} is not None and {value} is not False)"
            var = self.temp()
            return f"(({var} := {value}) is not None and {var} is not False)"
        if isinstance(node, n.BooleanLiteral):
            return repr(node.value)
        if isinstance(node, n.Group):
            return self.truth(node.expr)
        if isinstance(node, n.Not):
            return f"(not {self.truth(node.operand)})"
        if isinstance(node, n.BinaryOp):
            if node.op in _COMPARISONS:
                return self.value_BinaryOp(node)
            if node.op in ("&&", "||"):
                return self.logical(node)
        return "False"

    def logical(self, node: n.BinaryOp) -> str:
        left = self.truth(node.left)
        base = self.fn.indent
        with self.capture() as setup:
            right = self.truth(node.right)
        word = "and" if node.op == "&&" else "or"
        if not setup:
            return f"({left} {word} {right})"
        var = self.temp("t")
        self.emit(f"{var} = {left}", node.span)
        self.emit(f"if {'' if word == 'and' else 'not '}{var}:", node.span)
        with self.indented():
            self.splice(setup, base)
            self.emit(f"{var} = {right}", node.span)
        return var

    # ----------------------------------------------------------------- references

    def reference(self, ref: n.Reference) -> str:
        """Evaluate ``$root.parts…``. Stock Velocity stops at null; under the null model
        the root (see :meth:`root`) and every step read null as ``""``, and only a method or
        index that finds nothing (or a null ``#foreach`` element) gives None, ending the
        chain (see :meth:`part`). Returns a temporary (or an inline lookup for a bare name)."""
        root = self.root(ref.root)
        if not ref.parts:
            return root
        if self.compact(ref):
            names = "".join(f", {part.name!r}" for part in ref.parts)  # type: ignore[union-attr]
            return f"{'path_empty' if self.null_empty else 'path'}({root}{names})"
        var = self.temp()
        root, parts = self.scope_field(root, ref.parts)
        if self.null_empty and root.endswith(".parent"):  # $foreach.parent of an outermost loop
            self.emit(f"{var} = '' if ({var} := {root}) is None else {var}", ref.span)
        elif parts and self.unguarded(parts[0]):
            # the root read cannot fail: it joins the first step's line (and its span)
            self.part(var, parts[0], receiver=root)
            parts = parts[1:]
        else:
            self.emit(f"{var} = {root}", ref.span)
        for part in parts:
            self.part(var, part)
        return var

    @staticmethod
    def scope_field(root: str, parts: Sequence[n.Modifier]) -> tuple[str, Sequence[n.Modifier]]:
        """``$foreach.hasNext`` in the loop owning ``$foreach``: the scope object's field."""
        if root.startswith("scope") and isinstance(parts[0], n.Property) and parts[0].name in _SCOPE_FIELDS:
            return f"{root}.{_SCOPE_FIELDS[parts[0].name]}", parts[1:]
        return root, parts

    def compact(self, ref: n.Reference) -> bool:
        """Whether to evaluate ``ref`` with one helper call (``path``, ``out``) rather than
        inline steps: outside loops, where code runs once per render and a shorter module
        compiles faster (Python compiles a conditional expression slower than a call). Only
        for property chains; method calls keep a line each, for their error location."""
        return (self.fn.loops == 0 or self.large) and (
            not ref.parts or all(isinstance(part, n.Property) for part in ref.parts))

    def root(self, name: str) -> str:
        """The value of variable ``name``: a loop's Python local when the loop body cannot
        change it (see ``_LoopAnalysis.may_set``), else a scope lookup.

        Under the null model an unset variable reads as ``""``. A variable the scope holds
        with a null value is a ``#foreach`` element that is null (Template.render drops null
        variables of the caller): Velocity renders that iteration with its Foreach
        ``NullHolderContext``, where the loop variable reads as null, not ``""`` (case
        velocity/apigateway-profile/null-loop-element)."""
        local = self.fn.locals.get(name)
        if local is not None:
            return local
        read = f"ctx_get({name!r}, '')" if self.null_empty else f"ctx_get({name!r})"
        item = self.fn.null_holders.get(name)
        if item is not None:
            # The NullHolderContext keeps the loop variable null in that iteration even
            # after a #set of it (case velocity/foreach/null-element-set).
            return f"(None if {item} is None else {read})"
        return read

    def part(self, var: str, part: n.Modifier, receiver: str | None = None) -> None:
        """Emit step ``part`` of a reference: ``var`` becomes its value. ``receiver`` (only
        for an :meth:`unguarded` step) is the expression of the value it applies to, when
        not ``var``."""
        if part.__class__ is n.Index and (part.arg.__class__ is n.IntegerLiteral or (
                part.arg.__class__ is n.StringLiteral and part.arg.body is None)):
            # a constant index computes nothing first: the line the general path below
            # writes for it, without capturing (dense templates, issue 14)
            empty = "_empty" if self.null_empty else ""
            self.emit(f"if {var} is not None: {var} = index{empty}({var}, {self.value(part.arg)})", part.span)
            return
        base = self.fn.indent
        with self.capture() as setup:
            # Under the null model a property reads null as "" here, and the *_empty
            # helpers do the same for methods and indexes (vtl/runtime.py).
            empty = "_empty" if self.null_empty else ""
            if isinstance(part, n.Property):
                expr = self.property(var, part.name)
                if self.null_empty:
                    expr = f"'' if ({var} := {expr}) is None else {var}"
            elif isinstance(part, n.Method) and part.name == "get" and len(part.args) == 1:
                expr = self.map_get(var, part)
            elif isinstance(part, n.Method):
                args = "".join(", " + arg for arg in self.operands(part.args))
                helper = f"call{len(part.args)}" if len(part.args) <= 2 else "call"
                expr = f"{helper}{empty}({receiver or var}, {part.name!r}{args})"
            else:
                expr = f"index{empty}({var}, {self.value(part.arg)})"
        if not setup and self.unguarded(part):
            self.emit(f"{var} = {expr}", part.span)
        else:
            self.guarded(var, setup, f"{var} = {expr}", part.span, base)

    @staticmethod
    def unguarded(part: n.Modifier) -> bool:
        """Whether step ``part`` may run on a null receiver without an ``if`` around it:
        a method call through a ``call*`` helper (they return None for a null receiver)
        whose arguments are constants or variables, which evaluating cannot fail or change
        (Velocity evaluates no argument after a null). One line fewer per step keeps the
        generated module short (issue 14)."""
        if not isinstance(part, n.Method) or (part.name == "get" and len(part.args) == 1):
            return False
        return all(isinstance(arg, (n.IntegerLiteral, n.FloatLiteral, n.BooleanLiteral))
                   or (isinstance(arg, n.StringLiteral) and arg.body is None)
                   or (isinstance(arg, n.Reference) and not arg.parts and not _Generator.prefixed(arg))
                   for arg in part.args)

    def map_get(self, var: str, part: n.Method) -> str:
        """``$map.get(key)``: a direct ``dict.get`` when the receiver is a dict whose Java
        ``get`` is Map's (vtl.java.is_plain_get) and the key a String, which is what that
        method does; any other receiver or key goes through ``call1``."""
        (key,) = self.operands(part.args)
        if not _SIMPLE.match(key):
            temp = self.temp()
            self.emit(f"{temp} = {key}", part.span)
            key = temp
        found = f"{var}.get({key})"
        other = f"call1({var}, 'get', {key})"
        if self.null_empty:
            temp = self.temp()
            found = f"('' if ({temp} := {found}) is None else {temp})"
            other = f"call1_empty({var}, 'get', {key})"
        return (f"{found} if type({key}) is str and (type({var}) is dict or "
                f"is_plain_get({var}.__class__)) else {other}")

    def guarded(self, var: str, setup: list[_Line], statement: str, span: n.Span, base: int | None = None) -> None:
        if not setup:
            self.emit(f"if {var} is not None: {statement}", span)
            return
        self.emit(f"if {var} is not None:", span)
        with self.indented():
            self.splice(setup, self.fn.indent - 1 if base is None else base)
            self.emit(statement, span)

    @staticmethod
    def property(var: str, name: str) -> str:
        if name in _SCOPE_FIELDS:
            return f"{var}.{_SCOPE_FIELDS[name]} if type({var}) is ForeachScope else prop({var}, {name!r})"
        if is_key_lookup(dict, name):  # a plain dict reads this name as a key
            # plain dicts inline; dict subclasses such as $context's maps through one
            # cached check (vtl.java.is_key_lookup) instead of the full property lookup
            return (f"{var}.get({name!r}) if type({var}) is dict or is_key_lookup({var}.__class__, "
                    f"{name!r}) else prop({var}, {name!r})")
        return f"prop({var}, {name!r})"


# --------------------------------------------------------------------------- statement keys

_REFERENCE_FIELDS = attrgetter("parts", "root", "literal", "quiet", "formal", "escaped", "esc_prefix",
                               "more_prefix", "set_name", "null_text")
_FIELDS: dict[type, Callable[[Any], tuple[Any, ...]]] = {}


def _fields(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    """A function giving the fields of a node of class ``cls`` but its span, as a tuple."""
    names = [name for name in cls.__slots__ if name != "span"]  # type: ignore[attr-defined]
    if len(names) > 1:
        getter: Callable[[Any], tuple[Any, ...]] = attrgetter(*names)
    elif names:
        single = attrgetter(names[0])

        def getter(node: Any) -> tuple[Any, ...]:
            return (single(node),)
    else:
        def getter(node: Any) -> tuple[Any, ...]:
            return ()
    _FIELDS[cls] = getter
    return getter


def _memo_key(value: Any) -> Any:
    """:func:`_key`, or None for a statement nested too deeply to walk again (it is then
    generated on its own, as without the memo: the memo must never make a template that
    compiles fail to)."""
    try:
        return _key(value)
    except RecursionError:
        return None


def _key(value: Any) -> Any:
    """What the code generated for a node depends on: the node with its spans left out
    (nodes compare equal with their spans), as nested tuples. A float is its repr()
    (``0.0 == -0.0``); the class is part of each key (``1 == True``)."""
    cls = value.__class__
    if cls is n.Reference:  # (the commonest nodes first, their fields at once)
        fields = _REFERENCE_FIELDS(value)
        parts = fields[0]
        return (cls, fields[1:], tuple([_key(part) for part in parts]) if parts else ())
    if cls is n.Property:
        return (cls, value.name)
    if cls is n.IntegerLiteral or cls is n.Text:
        return (cls, value.value if cls is n.IntegerLiteral else value.text)
    if cls is tuple:
        return tuple([_key(item) for item in value])
    if cls is str or cls is int or cls is bool or value is None:
        return value
    if cls is float:
        return repr(value)
    getter = _FIELDS.get(cls) or _fields(cls)
    return (cls, *[_key(field) for field in getter(value)])


def _memo(node: n.Node, lines: list[_Line], recorded: list[tuple[Any, str, str]],
          value: Callable[[str, n.Span], str], numbers: Iterator[int]) -> _Memo:
    """The memo of ``node``'s ``lines``: each span found as a path in the node (a span made
    elsewhere, or merged template text, makes the statement _UNIQUE), each source text or
    location ``recorded`` (see _Generator.record) replaced by a placeholder: the code must
    hold its repr() once per time it was recorded (else the statement is _UNIQUE)."""
    paths: dict[int, tuple[str | int, ...]] = {}
    _span_paths(node, (), paths)
    located = []
    if recorded:
        code = "\n".join([line.text for line in lines])
        by_text: dict[str, tuple[str, list[tuple[str | int, ...]]]] = {}
        for sub, kind, text in recorded:
            path = paths.get(id(sub.span))
            if path is None:
                return _UNIQUE
            found = by_text.setdefault(repr(text), (kind, []))
            if found[0] != kind:
                return _UNIQUE
            found[1].append(path)
        for text, (kind, found_paths) in by_text.items():
            if code.count(text) != len(found_paths):
                return _UNIQUE
            # '\0<n>': a string constant to vtl/sharing.py, which repr() never writes
            located.append((text, f"'\\0{next(numbers)}'", kind, tuple(found_paths)))
        lines = [_Line(line.indent, _placeholders(line.text, located), line.span, line.origin) for line in lines]
        code = "\n".join([line.text for line in lines])
        if any(code.count(placeholder) != len(found) for _, placeholder, _, found in located):
            return _UNIQUE  # (one text overlapped another)
    entries = []
    for line in lines:
        path = None
        if line.span is not None:
            path = paths.get(id(line.span))
            if path is None:
                return _UNIQUE
        if line.origin is not None and (line.span is None or line.origin.segments != ((0, line.span.line),)):
            return _UNIQUE
        entries.append((line.indent, line.text, path, line.origin is not None))
    # (the first line's indentation is the line's own, see _Line.entry)
    block = "\n".join(["\t" * indent + text for indent, text, _, _ in entries]).lstrip("\t")
    return _Memo(block, tuple(entries), tuple((placeholder, kind, found) for _, placeholder, kind, found in located),
                 value)


def _placeholders(code: str, located: list[tuple[str, str, str, tuple[tuple[str | int, ...], ...]]]) -> str:
    """``code`` with each recorded text (a repr()) replaced by its placeholder (see _memo)."""
    for text, placeholder, _, _ in located:
        code = code.replace(text, placeholder)
    return code


def _span_paths(value: Any, path: tuple[str | int, ...], paths: dict[int, tuple[str | int, ...]]) -> None:
    """Record in ``paths`` the path (field names, tuple positions) to each span in ``value``
    (by the span's id; the first path found)."""
    if value.__class__ is tuple:
        for position, item in enumerate(value):
            _span_paths(item, (*path, position), paths)
        return
    span = getattr(value, "span", None)
    if span is None:
        return
    paths.setdefault(id(span), path)
    for name in value.__slots__:
        if name != "span":
            field = getattr(value, name)
            if field is not None and field.__class__ not in (str, int, bool, float):
                _span_paths(field, (*path, name), paths)


def _follow(node: Any, path: tuple[str | int, ...]) -> n.Span:
    """The span at ``path`` (see :func:`_span_paths`) in ``node``."""
    for step in path:
        node = node[step] if step.__class__ is int else getattr(node, step)  # type: ignore[arg-type]
    span: n.Span = node.span
    return span


def _used_exports(lines: Sequence[_Line]) -> set[str]:
    """The runtime names ``lines`` may use: each one they contain. A superset (a name inside a
    string constant or a longer name) only adds an unused binding, and a substring search
    per name is several times faster than collecting the identifiers of megabytes of
    generated code (issue 14). Lines printing template text (those with an ``origin``) call
    only the sink, never a runtime name: skipping them keeps the search from reading that
    text once per name (an ``#evaluate`` of megabytes took 0.3 s here, found by the fuzzer)."""
    code = "\n".join(line.text for line in lines if line.origin is None)
    return {name for name in _EXPORTS if name in code}


def _macro_name(node: n.Directive) -> str:
    """The macro a directive calls: ``#@name(...)`` is the block call of ``name``."""
    return node.name[1:] if node.name.startswith("@") and node.body is not None else node.name


def _first_line(body: Sequence[n.Node]) -> int:
    return body[0].span.line


def _ident(name: str) -> str:
    return re.sub(r"\W", "_", name)


def _docstring(text: str) -> str:
    # Every quote escaped: a name ending in a quote (`it's"`) must not close the docstring.
    return text.replace("\\", "\\\\").replace('"', '\\"')


# --------------------------------------------------------------------------- loop analysis


class _LoopAnalysis:
    """Which loop variables a ``#foreach`` body may read, so the loop builds only those.

    Conservative: a macro call counts what the macro's body reads; a ``#define`` body that
    reads loop state makes every reference a possible read; ``#evaluate`` reads everything.
    """

    def __init__(self, macros: dict[str, n.MacroDef], options: EngineOptions, runtime_macros: bool = False) -> None:
        self.macros = macros
        self.directives = options.directive_blocks()
        self.evaluate = "evaluate" in self.directives
        #: whether a directive of no known name may call a macro an #evaluate defined
        self.runtime_macros = runtime_macros
        self._macro_reads: dict[str, frozenset[str]] = {}
        self._define_reads: frozenset[str] | None = None
        self._block_sets: set[str] | None = None
        self._block_leaves: bool | None = None
        self._block_changes: bool | None = None
        # By id() of a body kept alive by the AST: each nested #foreach body is analysed
        # once, so 200 nested loops cost linear, not quadratic, time (issue 14).
        self._facts: dict[int, tuple[frozenset[str], bool, bool, bool]] = {}
        self._reads: dict[tuple[int, bool], set[str]] = {}
        self._macro_depth = 0  # reads() inside macro_reads' recursion guard are not cached
        self._document_body: Sequence[Any] = ()
        self._defines: list[n.Define] = []  # the document's #define blocks (note_defines)
        #: False when the template can hold no #define or block-macro body (a shortcut)
        self.blocks_possible = True

    def loop_needs(self, node: n.Foreach) -> frozenset[str]:
        return frozenset(self.reads(node.body, top=True))

    def reads(self, body: Sequence[Any], top: bool) -> set[str]:
        key = (id(body), top)
        cached = self._reads.get(key)
        if cached is not None:
            return cached
        found: set[str] = set()
        for child in body:
            found |= self.node_reads(child, top)
        if not self._macro_depth and self._define_reads is not None:
            self._reads[key] = found
        return found

    def facts(self, body: Sequence[Any]) -> tuple[frozenset[str], bool, bool, bool]:
        """What ``body`` may assign ("*": anything), whether it may leave by #break/#stop,
        whether it may change a collection and whether a block in it may (see :func:`_facts`)."""
        key = id(body)
        found = self._facts.get(key)
        if found is None:
            found = self._facts[key] = _facts(body, self.evaluate, self.calls_macro, self.facts)
        return found

    def node_reads(self, node: Any, top: bool) -> set[str]:
        if isinstance(node, n.Reference):
            found = set()
            # In a nested loop only $foreach.parent/.topmost (or a bare $foreach) reach us.
            if node.root in _LOOP_NAMES and (top or _reaches_outer_scope(node)):
                found.add(node.root)
            for part in node.parts:
                found |= self.node_reads(part, top)
            if found != _LOOP_NAMES and self.define_reads():
                found |= self.define_reads()
            return found
        if isinstance(node, n.Foreach):
            return self.node_reads(node.var, top) | self.node_reads(node.iterable, top) | self.reads(node.body, False)
        if isinstance(node, n.Directive):
            found = self.reads(node.args, top)
            if node.body is not None:
                found |= self.reads(node.body, top)
            if node.name == "evaluate" and self.evaluate:
                return set(_LOOP_NAMES)
            if _macro_name(node) in self.macros:
                found |= self.macro_reads(_macro_name(node))
            elif self.calls_macro(node):
                return set(_LOOP_NAMES)  # a macro an #evaluate defined: it may read anything
            return found
        if isinstance(node, n.MacroDef):
            return set()
        if isinstance(node, (n.Text, n.Literal, n.Word, n.Stop, n.IntegerLiteral, n.FloatLiteral, n.BooleanLiteral)):
            return set()
        if isinstance(node, n.StringLiteral):
            return self.reads(node.body, top) if node.body else set()
        found = set()
        for field in node.__slots__:
            if field == "span":
                continue
            value = getattr(node, field)
            if isinstance(value, tuple):
                for item in value:
                    if isinstance(item, tuple):
                        found |= self.reads(item, top)
                    elif item is not None and not isinstance(item, (str, int, float)):
                        found |= self.node_reads(item, top)
            elif value is not None and not isinstance(value, (str, int, float, bool)):
                found |= self.node_reads(value, top)
        return found

    def may_set(self, body: Sequence[Any], name: str) -> bool:
        """Whether running ``body`` may assign variable ``name`` (so a loop cannot keep it
        in a Python local): a ``#set`` or ``#foreach`` of it, a macro call or ``#evaluate``
        (anything), or a ``#define`` block of the template assigning it (printed blocks run)."""
        if self._block_sets is None:
            self._block_sets = set()
            for define in self._defines:
                self._block_sets |= self.facts(define.body)[0]
        return name in self._block_sets or "*" in self._block_sets or bool(
            {name, "*"} & self.facts(body)[0])

    def may_leave(self, body: Sequence[Any]) -> bool:
        """Whether running ``body`` may raise BreakLoop or StopRender: it holds a ``#break``
        or ``#stop``, calls a macro or ``#evaluate``, or a ``#define`` block of the template
        (which any reference may print) holds one."""
        if self._block_leaves is None:
            self._block_leaves = any(self.facts(define.body)[1] for define in self._defines)
        return self._block_leaves or self.facts(body)[1]

    def may_change_collections(self, body: Sequence[Any]) -> bool:
        """Whether running ``body`` may change a collection (a List, a Map), so that a
        ``#foreach`` around it must walk a live Java iterator (see :func:`_changes`). A
        ``#define`` block or a block macro's body anywhere in the template counts for
        every body, since any reference may print it."""
        if self._block_changes is None:
            self._block_changes = self.blocks_possible and any(
                self.facts(tree)[3] for tree in (self._document_body, *(m.body for m in self.macros.values())))
        return self._block_changes or self.facts(body)[2]

    def calls_macro(self, node: n.Directive) -> bool:
        """Whether ``node`` may call a macro: one of the template's, or (``runtime_macros``)
        any name that is no directive."""
        return _macro_name(node) in self.macros or (self.runtime_macros and node.name not in self.directives)

    def macro_reads(self, name: str) -> frozenset[str]:
        if name not in self._macro_reads:
            self._macro_reads[name] = frozenset()  # recursion guard
            self._macro_depth += 1
            try:
                self._macro_reads[name] = frozenset(self.reads(self.macros[name].body, True))
            finally:
                self._macro_depth -= 1
        return self._macro_reads[name]

    def define_reads(self) -> frozenset[str]:
        return self._define_reads or frozenset()

    def note_defines(self, document_body: Sequence[Any]) -> None:
        """Record what all ``#define`` bodies of the document read (before compiling loops)."""
        self._document_body = document_body
        # (no walk of a large tree that cannot hold a #define: see blocks_possible)
        self._defines = list(_walk_defines(document_body)) if self.blocks_possible else []
        self._define_reads = frozenset()
        reads: set[str] = set()
        for define in self._defines:
            reads |= self.reads(define.body, True)
        for macro in self.macros.values():
            for define in _walk_defines(macro.body):
                reads |= self.reads(define.body, True)
        self._define_reads = frozenset(reads)


def _null_print(ref: n.Reference) -> str:
    """What ``ref`` prints when null (before API Gateway's null model): nothing for
    ``$!x``, else its literal, or the text Velocity makes of a ``$\\!x`` (``null_text``)."""
    if ref.quiet:
        return ""
    return ref.literal if ref.null_text is None else ref.null_text


def _reaches_outer_scope(ref: n.Reference) -> bool:
    """``$foreach`` itself, ``$foreach.parent`` or ``$foreach.topmost``: what a nested loop's
    body can reach of an enclosing loop's scope."""
    return ref.root == _SCOPE and (not ref.parts or any(
        (isinstance(p, n.Property) and p.name in ("parent", "topmost"))
        or (isinstance(p, n.Method) and p.name in ("getParent", "getTopmost"))
        for p in ref.parts))


# Nodes holding nothing _facts looks for (most nodes of a template): skipped at once.
_FACTLESS = frozenset((n.Text, n.Literal, n.Word, n.Property, n.IntegerLiteral, n.FloatLiteral,
                       n.BooleanLiteral, n.Span, str, type(None)))


def _facts(body: Sequence[Any], evaluate: bool, calls_macro: Callable[[n.Directive], bool],
           nested: Callable[[Sequence[Any]], tuple[frozenset[str], bool, bool, bool]]
           ) -> tuple[frozenset[str], bool, bool, bool]:
    """One walk of ``body`` (the facts of a nested ``#foreach`` body, ``#define`` body or
    block-macro body come from ``nested``, which computes each once):

    - the variables it may assign, ``"*"`` for any (a macro call, ``#evaluate``);
    - whether it holds a ``#break``/``#stop``, a macro call or ``#evaluate`` (may leave);
    - whether it may change a collection: it calls a method of
      :data:`vtl.java.COLLECTION_CHANGING_METHODS`, sets a property or an index
      (``#set($map.a = 1)`` is a ``put``), or runs a macro, ``#evaluate`` or
      ``#include``/``#parse`` (anything);
    - whether a ``#define`` block or block-macro body inside it may change a collection
      (any reference may print such a block: see ``may_change_collections``).
    """
    assigned: set[str] = set()
    leaves = changes = blocks_change = False
    stack: list[Any] = list(body)
    while stack:
        node = stack.pop()
        if type(node) in _FACTLESS:
            continue
        inner_body = None
        if isinstance(node, n.Foreach):
            inner_body = node.body
            assigned.add(node.var.root)
            stack += (node.var, node.iterable)
        elif isinstance(node, (n.Set, n.Define)):
            if isinstance(node, n.Define) or not node.target.parts:
                assigned.add(node.target.set_name or node.target.root)
            else:
                changes = True
            if isinstance(node, n.Define):
                inner_body = node.body
                stack.append(node.target)
            else:
                stack += (node.target, node.value)
        elif isinstance(node, n.Break):
            leaves = True
            if node.scope is not None:
                stack.append(node.scope)
        elif isinstance(node, n.Stop):
            leaves = True
        elif isinstance(node, n.Directive):
            if calls_macro(node) or (node.name == "evaluate" and evaluate):
                assigned.add("*")
                leaves = changes = True
            elif node.name in ("include", "parse"):
                changes = True
            inner_body = node.body
            stack += node.args
        else:
            if isinstance(node, n.Method) and node.name in COLLECTION_CHANGING_METHODS:
                changes = True
            for field in getattr(node, "__slots__", ()):
                value = getattr(node, field)
                if isinstance(value, tuple):
                    for item in value:
                        stack.extend(item if isinstance(item, tuple) else (item,))
                elif value is not None and not isinstance(value, (str, int, float, bool, n.Span)):
                    stack.append(value)
        if inner_body is not None:
            inner = nested(inner_body)
            assigned |= inner[0]
            leaves, changes = leaves or inner[1], changes or inner[2]
            block = not isinstance(node, n.Foreach)  # a #define or a block macro's body
            blocks_change = blocks_change or inner[3] or (block and inner[2])
    return frozenset(assigned), leaves, changes, blocks_change


def _walk_defines(body: Sequence[Any]) -> Iterator[n.Define]:
    for node in body:
        if isinstance(node, n.Define):
            yield node
            yield from _walk_defines(node.body)
        elif isinstance(node, n.If):
            for branch in node.branches:
                yield from _walk_defines(branch.body)
            if node.else_body:
                yield from _walk_defines(node.else_body)
        elif isinstance(node, (n.Foreach, n.Directive)):
            yield from _walk_defines(node.body or ())

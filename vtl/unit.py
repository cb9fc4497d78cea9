"""``Unit``: one compiled template (the generated module's ``root`` and its line maps).

Kept apart from the compiler so that a template loaded from the on-disk cache
(vtl/cache.py) runs without importing the parser, the syntax tree or the code generator.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from types import CodeType, FrameType
from typing import TYPE_CHECKING, Any

from vtl import runtime
from vtl.errors import TemplateRenderError
from vtl.java import JavaException, find_class_name
from vtl.java.limits import LimitExceeded
from vtl.profiles import EngineOptions

if TYPE_CHECKING:
    from vtl import nodes as n
    from vtl.lexer import LineIndex

__all__ = ["TextOrigin", "Unit", "unit_filename"]

_UNIT_IDS = itertools.count(1)


#: Generated source longer than this is compiled one function at a time: CPython's
#: compiler holds some 100 bytes per source character while compiling, and a 300 KB
#: template generates megabytes (317 MB peak in one piece, 82 MB in pieces; issue 14).
#: Its shared code (vtl/sharing.py) is some 200 KB: 64 KB keeps that at its share too.
PIECEWISE_CHARS = 64 * 1024


def _module_pieces(python_source: str, filename: str) -> Iterator[CodeType]:
    """The preamble and then each top-level function of a long generated module, each
    compiled on its own and moved to its line in the module (:func:`_moved`), so
    tracebacks still map to template spans. Top-level functions are separated by two blank
    lines; template text is repr()-quoted in generated code, so no string holds a raw
    newline."""
    line = 0
    for number, piece in enumerate(python_source.split("\n\n\ndef ")):
        text = piece if number == 0 else "def " + piece
        yield _moved(compile(text, filename, "exec"), line)
        line += text.count("\n") + 3


def _moved(code: CodeType, lines: int) -> CodeType:
    """``code`` (and the functions it defines) ``lines`` lines further down. Line numbers
    in a code object count from its ``co_firstlineno``: moving is cheaper than compiling
    the piece behind that many blank lines, which cost a tenth of a second per 300 KB
    template (issue 14)."""
    if not lines:
        return code
    consts = tuple(_moved(const, lines) if isinstance(const, CodeType) else const for const in code.co_consts)
    return code.replace(co_firstlineno=code.co_firstlineno + lines, co_consts=consts)


def unit_filename(name: str) -> str:
    """The file name of a new unit's generated code: unique in the process, because error
    locations are found by matching a traceback frame's file name."""
    return f"<vtl {name} #{next(_UNIT_IDS)}>"


@dataclass(frozen=True, slots=True)
class TextOrigin:
    """Where the characters of one merged text ``_append`` come from: (offset in the
    appended text, template line) pairs, for :meth:`Template.render_with_origins`."""

    segments: tuple[tuple[int, int], ...]


class Unit:
    """A compiled template: its Python source, the ``root`` function and the line map.

    ``code`` is the compiled module when it comes from the on-disk cache (vtl/cache.py): one
    code object, or a tuple of them for a long module compiled in pieces (_module_pieces);
    ``python_source`` and ``macros`` may then be None: they are made again from ``source``
    only if asked for (``vtl compile``, an ``#evaluate`` calling a macro), and
    ``text_origins`` is built from the cached data on first use. ``line_spans`` entries
    may be Spans, (start, end, line, column) tuples (the cached form), or for a line of a
    shared function the line's position in each copy's table (vtl/sharing.py)."""

    def __init__(
        self,
        python_source: str | None,
        line_spans: Sequence[n.Span | tuple[int, int, int, int] | int | None],
        text_origins: dict[int, TextOrigin] | None,
        filename: str,
        options: EngineOptions,
        name: str,
        source: str,
        macros: dict[str, n.MacroDef] | None,
        code: CodeType | tuple[CodeType, ...] | None = None,
        groups: Sequence[Any] = (),
        tables: Sequence[Sequence[tuple[int, tuple[Any, ...]]]] = (),
        named: Collection[int] = (),
    ) -> None:
        self._python_source = python_source
        self.line_spans = line_spans
        self._text_origins = text_origins
        self._raw_origins: dict[int, Any] = {}
        self.filename = filename
        self.options = options
        self.name = name
        self.source = source
        self._macros = macros
        self._lines: LineIndex | None = None  # made on the first render error
        #: the copies of shared code (vtl/sharing.py): a Group, or its cached form
        #: (spans as tuples, origins as segments)
        self.groups = groups
        #: the calls of shared code as data (vtl/sharing.py): ``_table<n>`` of the module is
        #: made of ``tables[n - 1]``; ``named``: the shared functions whose constants hold
        #: module-level names (as bytes)
        self.tables = tables
        self.named = named
        #: the units of the texts this one #evaluate'd, by file name (for error locations)
        self._evaluated: dict[str, Unit] = {}
        namespace = runtime.namespace()
        namespace["_unit"] = self
        if code is None:
            assert python_source is not None, "a unit needs its code or its Python source"
            if len(python_source) > PIECEWISE_CHARS:
                code = tuple(_module_pieces(python_source, filename))
            else:
                code = compile(python_source, filename, "exec")
        self._code = code
        # The generated module is this compiler's own output over repr()-quoted template
        # text; its namespace holds the runtime exports only.
        for piece in code if isinstance(code, tuple) else (code,):
            exec(piece, namespace)  # noqa: S102
        if tables:
            _load_tables(namespace, tables, named)
        self.root: Callable[[Any, Callable[[str], object]], None] = namespace["root"]

    @property
    def text_origins(self) -> dict[int, TextOrigin]:
        """Generated line -> where its merged text comes from (for render_with_origins)."""
        if self._text_origins is None:
            self._text_origins = {int(line): TextOrigin(tuple(map(tuple, segments)))
                                  for line, segments in self._raw_origins.items()}
        return self._text_origins

    @property
    def python_source(self) -> str:
        """The generated Python module (a cached unit generates it again when asked: the
        cache stores only the code object)."""
        if self._python_source is None:
            from vtl.template import compile_unit

            self._python_source = compile_unit(self.source, self.options.name, self.name).python_source
        return self._python_source

    @property
    def macros(self) -> dict[str, n.MacroDef]:
        """The template's macros (what ``#evaluate`` text may call)."""
        if self._macros is None:
            from vtl.parser import parse

            self._macros = dict(parse(self.source, name=self.name, options=self.options).macros)
        return self._macros

    def cache_payload(self) -> dict[str, Any]:
        """This unit as plain marshal-able data, for vtl/cache.py."""
        return {
            "code": self._code,
            "line_spans": [_span_data(s) for s in self.line_spans],
            "text_origins": {line: origin.segments for line, origin in self.text_origins.items()},
            "tables": self.tables,
            "named": tuple(self.named),
            "groups": [(tuple(_span_data(s) for s in group.spans),
                        tuple(None if o is None else o.segments for o in group.origins))
                       if hasattr(group, "spans") else group for group in self.groups],
        }

    @classmethod
    def from_cache_payload(cls, payload: dict[str, Any], options: EngineOptions, name: str,
                           source: str) -> Unit:
        """A unit rebuilt from :meth:`cache_payload`'s data (raises on a malformed payload)."""
        # A fresh file name: error locations are found by matching a frame's file name,
        # and the one stored was numbered in another process.
        filename = unit_filename(name)
        stored = payload["code"]
        code = (tuple(_renamed(piece, filename) for piece in stored) if isinstance(stored, tuple)
                else _renamed(stored, filename))
        unit = cls(None, payload["line_spans"], None, filename, options, name, source, None, code,
                   payload.get("groups", ()), payload.get("tables", ()), payload.get("named", ()))
        unit._raw_origins = payload["text_origins"]  # made into TextOrigins when first asked
        return unit

    def span_at(self, lineno: int, frame: FrameType | None = None) -> n.Span | None:
        """The template span of generated line ``lineno`` (1-based), run in ``frame`` (only
        needed for a line of shared code, see :meth:`_copy_of`)."""
        if 0 < lineno < len(self.line_spans):
            span = self.line_spans[lineno]
            if isinstance(span, int):
                copy = self._copy_of(frame)
                span = None if copy is None else copy[0][span]
            if isinstance(span, tuple):
                from vtl.nodes import Span

                return Span(*span)
            return span
        return None

    def origin_at(self, lineno: int, frame: FrameType) -> TextOrigin | None:
        """Where the text that generated line ``lineno``, run in ``frame``, prints comes from."""
        origin = self.text_origins.get(lineno)
        position = self.line_spans[lineno] if 0 < lineno < len(self.line_spans) else None
        if origin is None and isinstance(position, int):
            copy = self._copy_of(frame)
            found = None if copy is None else copy[1][position]
            if found is not None:
                origin = found if isinstance(found, TextOrigin) else TextOrigin(tuple(map(tuple, found)))
        return origin

    def _copy_of(self, frame: FrameType | None) -> tuple[Sequence[Any], Sequence[Any]] | None:
        """The (spans, origins) of the copy that a frame of a shared function runs: the
        number it was called with is the last of its ``_k`` (vtl/sharing.py)."""
        constants = None if frame is None else frame.f_locals.get("_k")
        if not isinstance(constants, tuple) or not constants:
            return None
        group = self.groups[constants[-1]]
        return (group.spans, group.origins) if hasattr(group, "spans") else group

    def evaluated(self, text: str) -> Callable[[Any, Callable[[str], object]], None]:
        """The body function for ``#evaluate`` of ``text`` (compiled once per text)."""
        unit = _compile_evaluated(self, text)
        if len(self._evaluated) >= _MAX_EVALUATED:
            self._evaluated.clear()
        self._evaluated[unit.filename] = unit
        return unit.root

    def _owner(self, filename: str) -> Unit | None:
        """This unit or the #evaluate'd one (at any depth) whose code is ``filename``."""
        if filename == self.filename:
            return self
        for unit in self._evaluated.values():
            found = unit._owner(filename)
            if found is not None:
                return found
        return None

    def _line_index(self) -> LineIndex:
        # imported here: a template loaded from the cache runs without the front end
        from vtl.lexer import LineIndex

        if self._lines is None:
            self._lines = LineIndex(self.source)
        return self._lines

    def locate(self, error: BaseException) -> n.Span | None:
        """The span of the deepest generated line of this unit in ``error``'s traceback."""
        return self._locate(error)[0]

    def _locate(self, error: BaseException) -> tuple[n.Span | None, Unit]:
        """The span of the deepest generated line of this unit, or of a text it
        #evaluate'd, in ``error``'s traceback, and that unit: Velocity reports an error
        inside an #evaluate'd text at its line and column in that text (its nodes were
        parsed from it; case velocity/directives/evaluate-render-error-position)."""
        span, owner = None, self
        tb = error.__traceback__
        while tb is not None:
            unit = self._owner(tb.tb_frame.f_code.co_filename)
            if unit is not None:
                found = unit.span_at(tb.tb_lineno, tb.tb_frame)
                if found is not None:
                    span, owner = found, unit
            tb = tb.tb_next
        return span, owner

    def resource_error(self, error: Exception, scope: Any) -> TemplateRenderError:
        """A Python error the render ran into, as a located TemplateRenderError: nesting
        deeper than the stack, memory exhausted, or a variable that is not JSON-like."""
        if isinstance(error, RecursionError):
            # Java would throw StackOverflowError (a cyclic map's hashCode, a value nested
            # past the JVM's stack); Python's stack is smaller, so say what happened.
            message = "java.lang.StackOverflowError: values or calls nested too deeply"
        elif isinstance(error, MemoryError):
            message = "out of memory (a value grew past what this process can hold)"
        else:
            culprit = _foreign_value(scope)
            if culprit is None:
                message = f"internal error (please report it): {type(error).__name__}: {error}"
            else:
                where, value = culprit
                message = (f"variable {where} holds a {type(value).__qualname__}, which is not a "
                           "template value (use None, bool, int, float, str, dict, list or tuple)")
        fault = runtime.RenderFault(message)
        fault.__traceback__ = error.__traceback__
        return self.render_error(fault)

    def render_error(self, error: Exception) -> TemplateRenderError:
        """``error`` (a runtime fault or a Java exception) as a located TemplateRenderError."""
        if isinstance(error, runtime.RenderFault):
            message = error.message
        elif isinstance(error, JavaException):
            message = f"{error.java_class}: {error.message}"
        elif isinstance(error, LimitExceeded):
            message = str(error)
        else:  # UnsupportedJava: a Java behaviour this engine cannot reproduce exactly
            message = f"not supported: {error}"
        span, unit = self._locate(error)
        if span is not None and unit is not self and span.line > len(unit._line_index().starts):
            unit = self  # a macro of the template, run by the #evaluate'd text's copy of it
        source = unit.source
        line, column, length = (0, 0, 1) if span is None else (span.line, span.column, span.end - span.start)
        if span is not None:
            # the span's offsets are its string literal's inside one (the line and column
            # are the template's): find the place in the template from those
            start = unit._line_index().offset(line, column)
            first_line_end = source.find("\n", start)
            if first_line_end != -1:
                length = min(length, first_line_end - start)
        return TemplateRenderError(
            message, name=self.name, line=line, column=column, source=source,
            length=max(1, length),
        )


def _load_tables(namespace: dict[str, Any], tables: Sequence[Sequence[tuple[int, tuple[Any, ...]]]],
                 named: Collection[int]) -> None:
    """``_functions1``, ``_table1``… of a generated module: the functions and the
    constants of each (shared function's number, constants) pair of the data, a
    module-level name (``bytes``) in the constants of a function of ``named`` replaced by
    what the module binds to it."""
    functions = [None] + [namespace[f"_shared{number}"] for number in range(1, max(
        number for table in tables for number, _ in table) + 1)]
    namespace["_zip"] = zip  # (the module's builtins are the runtime's few)
    for position, table in enumerate(tables, 1):
        if named:
            table = [(number, _named(namespace, constants) if number in named else constants)
                     for number, constants in table]
        namespace[f"_functions{position}"] = tuple([functions[number] for number, _ in table])
        namespace[f"_table{position}"] = tuple([constants for _, constants in table])


def _named(namespace: dict[str, Any], constants: tuple[Any, ...]) -> tuple[Any, ...]:
    """``constants`` (or the tuple of copies' constants) with each module-level name
    (``bytes``) replaced by what the module binds to it."""
    return tuple([namespace[c.decode()] if c.__class__ is bytes else _named(namespace, c) if c.__class__ is tuple
                  else c for c in constants])


def _foreign_value(scope: Any) -> tuple[str, Any] | None:
    """The first value reachable from the render's variables whose Python type stands for
    no Java class (``$name.key[0]`` and the value), walked breadth-first without recursion."""
    if type(scope) is not dict:
        return None
    seen: set[int] = set()
    queue: list[tuple[str, Any]] = [(f"${key}", value) for key, value in scope.items()
                                     if key != runtime.MACROS_KEY]  # the engine's, not a variable
    for where, value in queue:
        if id(value) in seen or value is None or isinstance(value, (str, bool, int, float)):
            continue
        seen.add(id(value))
        if isinstance(value, dict):
            for key, item in value.items():
                queue += [(f"{where}[{key!r}]", item), (f"{where} (a key)", key)]
        elif isinstance(value, (list, tuple)):
            queue += [(f"{where}[{index}]", item) for index, item in enumerate(value)]
        else:
            cls: type = type(value)
            if find_class_name(cls) is None:
                return where, value
    return None


def _span_data(span: Any) -> tuple[int, int, int, int] | int | None:
    """A line's span as marshal-able data: a Span as a tuple; None, a tuple or a position
    in shared code (an int) as it is."""
    if span is None or isinstance(span, (tuple, int)):
        return span
    return (span.start, span.end, span.line, span.column)


def _renamed(code: CodeType, filename: str) -> CodeType:
    """``code`` and the code objects nested in it, with ``co_filename`` set to ``filename``."""
    consts = tuple(_renamed(c, filename) if isinstance(c, CodeType) else c for c in code.co_consts)
    return code.replace(co_filename=filename, co_consts=consts)


#: The #evaluate'd units a unit keeps for locating errors (a template evaluating a new
#: text at each render would otherwise keep them all).
_MAX_EVALUATED = 64


@lru_cache(maxsize=256)
def _compile_evaluated(unit: Unit, text: str) -> Unit:
    from vtl.compiler import compile_document
    from vtl.parser import parse

    document = parse(text, name=unit.name, options=unit.options)  # TemplateSyntaxError
    # the template's macros win over the text's of the same name: Velocity registered
    # them first and keeps the first (case velocity/macros/defined-by-evaluate)
    macros = {**document.macros, **unit.macros}
    return compile_document(document, unit.options, source=text, name=unit.name, macros=macros, evaluated=True)



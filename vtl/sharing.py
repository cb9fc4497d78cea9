"""Structural sharing of generated code for large templates (issue 14).

A template near AWS's 300 KB limit repeats a few statement *shapes* thousands of times
(a lookup line, a ``#foreach`` line, the same block pasted per field) with different
constants. CPython's ``compile()`` costs some 0.3 s per MB of generated Python, and such a
template generates megabytes; so the top-level statements of each generated function are
cut into groups (one template line's statements, at most :data:`MAX_GROUP_STATEMENTS`),
and the code of a group whose shape occurs :data:`SHARE_MIN_COPIES` times or more is
emitted once, as a function of the constants that differ::

    def _shared3(ctx, _append, _k, ctx_get, out=out):
        _append(out(ctx_get(_k[0], ''), ctx, _k[1], ''))

    for _f, _c in _zip(_functions2, _table2):
        _f(ctx, _append, _c, ctx_get)

The calls are data, not code: consecutive shared groups of a function are one loop over a
table of (shared function, constants) pairs, such as ``(_shared3, ('a', '$a', 17))``,
which :class:`vtl.unit.Unit` builds from plain values (:data:`Table`) once the module has
run (as two tuples, the functions and the constants: no pair object per call to read); a shape whose copies mostly come one after another is run for a tuple of them
(``for _k in _ks:``), one call per run. CPython's compile() then reads only
the distinct shapes, not a line per statement (a call per statement was half of
compiling a 300 KB template of varied statements).

A shape is the group's code with its string and integer constants and the module's
numbered functions (``_loop5``, ``_define2``…) taken out (the generator numbers a
statement's temporaries from 1, so copies name them alike); constants equal in every copy
stay in the shared function. A shape reading a name of the function it came from stays
inline (:func:`movable`).

The last element of a copy's constants numbers the copy: the shared function's lines map
to the template span (and the text origin) of that copy's lines through the table this
module returns, which :class:`vtl.unit.Unit` reads with the frame's ``_k`` (errors keep their
exact locations; ``Template.render_with_origins`` its lines).
"""

from __future__ import annotations

import ast
import re
import symtable
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

__all__ = ["MAX_GROUP_STATEMENTS", "SHARE_MIN_COPIES", "Group", "SharedFunction", "Table", "share"]

#: A shape is shared once this many groups of the module have it.
SHARE_MIN_COPIES = 2
#: Top-level template statements in one group at most (a minified template is one line):
#: for such a line, fewer groups are less work to compile (a table entry and a shape each)
#: and to render (a call each); more statements in a group make repeats rarer.
MAX_GROUP_STATEMENTS = 32
_TABS = ["\t" * indent for indent in range(128)]  # (the generator nests 40 levels at most)

# What a shape takes out, in one pass over the group's code: a string constant (the
# generator writes repr() text, so no string holds a raw newline), a numbered module-level
# name, a decimal integer (not part of a name, a float or a hex literal). The generator's
# temporaries need no renaming: it numbers them from 1 again at each top-level statement.
_CONSTANT = re.compile(
    # (the lookahead first: most positions fail there at once)
    r"""(?=['"_\d])(?<![\w.])('[^'\\\n]*(?:\\.[^'\\\n]*)*'"""
    r'|"[^"\\\n]*(?:\\.[^"\\\n]*)*"'
    r"|_(?:loop|define|block|body|branches)\d+\b|_macro\d+_\w+|\d+(?![\w.]))"
)

#: A table of shared calls: (shared function's number, the constants of the copy it runs,
#: or of each of the consecutive copies it runs when it ``loops``) for each call.
Table = tuple[tuple[int, tuple[Any, ...]], ...]


class _LineLike(Protocol):
    indent: int
    text: str
    span: Any
    origin: Any
    entry: Any  # not None: the line stands for several (vtl.compiler._Memo)
    fills: dict[str, str] | None  # its placeholders' constants (vtl.compiler._Memo.located)

    def expanded(self) -> list[Any]: ...


class Group:
    """Where one copy's lines come from: the span and text origin of each line of its
    shared function (by position), for :class:`vtl.unit.Unit`; read only to locate an
    error or an output's origin, so kept as the generated lines themselves."""

    __slots__ = ("lines",)

    def __init__(self, lines: list[_LineLike]) -> None:
        self.lines = lines

    @property
    def spans(self) -> tuple[Any, ...]:
        return tuple([line.span for line in self._lines()])

    @property
    def origins(self) -> tuple[Any, ...]:
        return tuple([line.origin for line in self._lines()])

    def _lines(self) -> list[_LineLike]:
        """The lines, a line standing for several (see ``_LineLike.entry``) expanded."""
        return [real for line in self.lines for real in (line.expanded() if line.entry is not None else (line,))]


@dataclass(slots=True)
class SharedFunction:
    """A shared function: its name and its body (indentation, code) lines."""

    name: str
    number: int
    lines: list[tuple[int, str]]
    varying: list[int]  # the constants passed in ``_k`` (positions in the shape's constants)
    returns: bool  # whether it returns True (a lookup table's branch was taken)
    names: bool  # whether a constant passed is a module-level name (``_loop5``)
    loops: bool = False  # whether it is given a tuple of copies to run (see _final_tables)


def groups(marks: Sequence[tuple[int, int, bool]], count: int) -> list[tuple[int, int]]:
    """(start, end) line ranges from the marks a function's top-level statements left:
    (first line index, template line, whether it is text). A group starts at a statement
    that is not text on another template line than the group's first, or when the group
    has MAX_GROUP_STATEMENTS."""
    ranges: list[tuple[int, int]] = []
    start = -1
    line = statements = 0
    for index, template_line, is_text in marks:
        if start < 0:
            start, line, statements = index, template_line, 1
            continue
        if not is_text and (template_line != line or statements >= MAX_GROUP_STATEMENTS):
            ranges.append((start, index))
            start, line, statements = index, template_line, 0
        statements += 1
    if start >= 0:
        ranges.append((start, count))
    return [(a, b) for a, b in ranges if a < b]


def shape(lines: Sequence[_LineLike], known: dict[str, tuple[str, list[str]]] | None = None
          ) -> tuple[str, list[str]]:
    """The key of ``lines``' shape (their code, each constant replaced by a NUL) and the
    constants taken out (as source text). ``known``: the answers for code met before (a
    repeated statement generates the same code: its split is done once)."""
    code = "\n".join([_TABS[line.indent] + line.text for line in lines])
    found = known.get(code) if known is not None else None
    if found is None:
        pieces = _CONSTANT.split(code)
        found = ("\0".join(pieces[0::2]), pieces[1::2])
        if known is not None:
            known[code] = found
    fills = [line.fills for line in lines if line.fills]
    if fills:  # placeholders of source texts (vtl.compiler._Memo): this copy's texts
        every = fills[0] if len(fills) == 1 else {k: v for fill in fills for k, v in fill.items()}
        found = (found[0], [every.get(snippet, snippet) for snippet in found[1]])
    return found


def movable(key: str, module_names: frozenset[str]) -> bool:
    """Whether the code of a shape can run in a function of its own: no ``return`` but
    ``return True`` (an ``#elseif`` branch of a lookup table, see :func:`share`), and no
    name it reads but its own assignments and the module's names (``module_names``): a
    name of the function it came from (another statement's temporary, a macro's argument)
    would not be there. Python's own symbol table answers, once per shape."""
    if key.count("return") != key.count("return True") or "yield" in key:
        return False
    body = key.replace("\0", "0").replace("\t", "    ")
    try:
        table = symtable.symtable(f"def _shape(ctx, _append, ctx_get):\n{body}\n", "<shape>", "exec")
    except SyntaxError:
        return False
    return _reads_only(table.get_children()[0], module_names)


def _reads_only(table: symtable.SymbolTable, module_names: frozenset[str]) -> bool:
    """Whether every global name ``table`` (and the functions in it) uses is a module name."""
    for symbol in table.get_symbols():
        if symbol.is_global() and symbol.get_name() not in module_names:
            return False
    return all(_reads_only(child, module_names) for child in table.get_children())


def share(functions: Sequence[Any], min_copies: int, module_names: frozenset[str]
          ) -> tuple[list[SharedFunction], list[Group], list[Table]]:
    """Replace each group of ``functions``' lines (``fn.marks``, ``fn.lines``) whose shape
    occurs ``min_copies`` times or more by a call of its shared function, when the shape
    reads no names but its own and ``module_names`` (the generated module's); consecutive
    calls are one loop over a table of data (:func:`_run`). Returns the shared functions,
    the copies (by the number each call passes last) and the tables."""
    # (function, start, end, shape number, constants) of every group; each shape's key is
    # kept once (a 300 KB template has some ten thousand groups of a few shapes)
    found: list[tuple[Any, int, int, int, list[str], list[Any]]] = []
    numbers: dict[str, int] = {}
    known: dict[str, tuple[str, list[str]]] = {}
    for fn in functions:
        if fn.marks:
            lines = fn.lines
            for start, end in groups(fn.marks, len(lines)):
                group = lines[start:end]
                key, snippets = shape(group, known)
                found.append((fn, start, end, numbers.setdefault(key, len(numbers)), snippets, group))
    keys = list(numbers)
    del numbers
    copies: list[list[list[str]]] = [[] for _ in keys]
    for _, _, _, number, snippets, _ in found:
        copies[number].append(snippets)
    shared: list[SharedFunction | None] = []
    made = 0
    for key, same in zip(keys, copies, strict=True):
        if len(same) >= min_copies and movable(key, module_names):
            made += 1
            shared.append(_shared_function(key, same, made))
        else:
            shared.append(None)
    groups_made: list[Group] = []
    tables: list[Any] = []  # the runs of each table (see _final_tables)
    values: dict[str, Any] = {}  # constant text -> its value (see _value)
    by_snippets: dict[int, list[Any]] = {}  # id(a group's snippets) -> their values
    rebuilt: dict[int, list[Any]] = {}  # id(fn) -> its new lines
    positions: dict[int, int] = {}  # id(fn) -> how far its lines are copied to rebuilt
    run: list[tuple[int, list[tuple[Any, ...]]]] = []  # consecutive shared groups of one function
    run_of: tuple[Any, Any, bool] | None = None  # (fn, first line, whether a function returns)
    for fn, start, end, number, snippets, group in found:
        function = shared[number]
        if function is None:
            continue
        if run_of is not None and (run_of[0] is not fn or positions[id(fn)] != start):
            _run(rebuilt[id(run_of[0])], tables, run, run_of[1], run_of[2])
            run, run_of = [], None
        new = rebuilt.get(id(fn))
        if new is None:
            new = rebuilt[id(fn)] = []
        new += fn.lines[positions.get(id(fn), 0):start]
        positions[id(fn)] = end
        # (a repeated group's code gives the same list of snippets, see shape(): its
        # values are read once; every list stays in ``found``, so no id is reused)
        made_values = by_snippets.get(id(snippets))
        if made_values is None:
            made_values = by_snippets[id(snippets)] = []
            for i in function.varying:
                text = snippets[i]
                value = values.get(text, _MISSING)
                if value is _MISSING:
                    value = values[text] = _value(text)
                if value.__class__ is bytes:
                    function.names = True
                made_values.append(value)
        constants = [*made_values, len(groups_made)]
        if run and run[-1][0] == function.number:  # the same function again: one call
            run[-1][1].append(tuple(constants))
        else:
            run.append((function.number, [tuple(constants)]))
        if run_of is None:
            run_of = (fn, group[0], function.returns)
        elif function.returns:
            run_of = (fn, run_of[1], True)
        groups_made.append(Group(group))
    if run_of is not None:
        _run(rebuilt[id(run_of[0])], tables, run, run_of[1], run_of[2])
    for fn in functions:
        if id(fn) in rebuilt:
            fn.lines = rebuilt[id(fn)] + fn.lines[positions[id(fn)]:]
    made_functions = [function for function in shared if function is not None]
    return made_functions, groups_made, _final_tables(tables, made_functions)


def _final_tables(runs: list[Any], functions: list[SharedFunction]) -> list[Table]:
    """The tables of ``runs`` (each a tuple of (function number, list of consecutive
    copies)): a function whose copies come two or more at a time on average runs them
    itself (``loops``: one call per run), any other is called once per copy (a loop in
    it would cost each call more than it saves; 300 KB of varied statements)."""
    calls = [0] * (len(functions) + 1)
    copies = [0] * (len(functions) + 1)
    for table in runs:
        for number, found in table:
            calls[number] += 1
            copies[number] += len(found)
    for function in functions:
        function.loops = copies[function.number] >= _LOOP_RATIO * calls[function.number]
    loops = [False] + [function.loops for function in functions]
    return [tuple([entry for number, found in table for entry in (
        ((number, tuple(found)),) if loops[number] else [(number, copy) for copy in found])])
        for table in runs]


_MISSING = object()
#: A shared function runs a tuple of copies when they come this many at a time on average
#: (see _final_tables).
_LOOP_RATIO = 2


def _value(text: str) -> Any:
    """The value of a constant taken out of generated code (see _CONSTANT): a string, an
    integer, or a module-level name, given as ``bytes`` (resolved when the module has run,
    see :meth:`vtl.unit.Unit.tables`)."""
    first = text[0]
    if first == "_":
        return text.encode("ascii")
    if first.isdigit():
        return int(text)
    # Interned, as compile() interns the string constants of code: a variable's name
    # then finds the render's scope key by identity (a 300 KB template of varied
    # statements rendered a quarter slower with strings equal but not identical).
    return sys.intern(text[1:-1] if "\\" not in text else ast.literal_eval(text))


def _run(lines: list[Any], tables: list[Any],
         run: list[tuple[int, list[tuple[Any, ...]]]], first: Any, returns: bool) -> None:
    """Append to ``lines`` the loop over a new table (``_functionsN`` and ``_tableN``, see
    vtl.unit._load_tables): the consecutive shared groups ``run``
    as data (a shared function's number and the constants of its consecutive copies, each
    copy's number last), so CPython's compile() reads none of them (vtl.unit.Unit makes
    ``_tableN`` of it)."""
    tables.append(run)  # (made a Table by _final_tables)
    make, indent = type(first), first.indent
    lines.append(make(indent, f"for _f, _c in _zip(_functions{len(tables)}, _table{len(tables)}):", None))
    # A lookup table's branches return True from their function when taken: so does the
    # shared function, and its caller passes that on.
    # (the caller's ctx.get, which every generated function binds first: a shared
    # function called per statement would spend a fifth of its call making it again)
    call = "_f(ctx, _append, _c, ctx_get)"
    lines.append(make(indent + 1, f"if {call}: return True" if returns else call, None))


def _shared_function(key: str, copies: list[list[str]], number: int) -> SharedFunction:
    """The function for the shape ``key``: the constants equal in every copy written in
    it, the others read from ``_k``."""
    first = copies[0]
    # (column by column, in C: tens of thousands of copies of one shape are common)
    varying = [i for i, column in enumerate(zip(*copies)) if column.count(column[0]) != len(column)]
    slot = {i: f"_k[{j}]" for j, i in enumerate(varying)}
    pieces = key.split("\0")
    body = [pieces[0]]
    for i, piece in enumerate(pieces[1:]):
        body.append(slot.get(i) or first[i])
        body.append(piece)
    lines = [(len(line) - len(line.lstrip("\t")), line.lstrip("\t")) for line in "".join(body).split("\n")]
    return SharedFunction(f"_shared{number}", number, lines, varying, "return True" in key, False)


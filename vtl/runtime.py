"""The small runtime that compiled templates call (see vtl/compiler.py).

Generated code is plain Python over a per-render *scope* (a ``dict`` at the top level, a
:class:`MacroScope` inside a macro call) and an ``_append`` function collecting output.
Everything it cannot do inline it calls here, and everything done to a value goes through
``vtl.java``. The names generated code may use are listed in :data:`RUNTIME_EXPORTS`; the
compiler binds the ones a function uses to locals (as default arguments).

Control flow follows Velocity's ``StopCommand``:

- ``#stop`` raises :class:`StopRender`, caught by the render (and by ``#evaluate``);
- ``#break`` raises :class:`BreakLoop` with ``owner=None``, caught by the nearest
  ``#foreach``, macro call, ``#define`` block, ``#evaluate`` or the render itself;
  ``#break($foreach.parent)`` carries the loop's ``owner`` and is caught only by that loop.

Failures that abort the render (a Java exception in a method, an index out of range, the
``#foreach`` limit, ``#include``) are raised as :class:`RenderFault`; the template turns
them into :class:`vtl.TemplateRenderError` pointing at the template line the failing
generated line came from.

No state is kept here between renders: every object below lives in one render's scope.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain, count, repeat
from typing import Any

from vtl.java import (
    JavaException,
    NoMatchingSignature,
    add,
    class_name,
    div,
    equals,
    get_index,
    get_property,
    greater,
    greater_equal,
    is_key_lookup,
    is_plain_get,
    is_true,
    iterate,
    java_class,
    java_method,
    less,
    less_equal,
    loop_size,
    loop_values,
    mod,
    mul,
    resolve,
    set_index,
    set_property,
    sub,
    to_string,
)
from vtl.java.limits import CHECK_EVERY, check_length, check_now, tick
from vtl.java.objects import map_put

Append = Callable[[str], object]
Body = Callable[[Any, Append], None]

#: Velocity's ``velocimacro.max.depth`` default.
MAX_MACRO_DEPTH = 20
#: Velocity's ``directive.define.max_depth`` default.
MAX_DEFINE_DEPTH = 2

#: The end of an iterator (``next(it, END)``).
END = object()


# --------------------------------------------------------------------------- control flow


class StopRender(Exception):
    """``#stop``: end the whole render, keeping the output so far.

    ``pending`` is text a ``#define`` block had written before the ``#stop``: Velocity
    writes such a block straight to the output, so the render keeps it, unless the block
    was printed into a string literal (see :func:`out_str`)."""

    pending = ""


class BreakLoop(Exception):
    """``#break``: leave the nearest loop (``owner`` None) or the loop owning ``owner``.

    ``pending`` is text the ``#define`` blocks it left had written before it: Velocity
    writes a block straight to the output, so whoever stops the break prints it (case
    velocity/fuzz/break-out-of-define-keeps-its-text)."""

    pending = ""

    def __init__(self, owner: object = None) -> None:
        super().__init__()
        self.owner = owner


class RenderFault(Exception):
    """Something that aborts the render; located by the template from the traceback."""

    def __init__(self, message: str, java_class: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.java_class = java_class


class Loop:
    """Identifies one ``#foreach`` of a template (Velocity's Foreach directive instance):
    ``#break($foreach)`` stops the loop whose scope carries this owner."""

    __slots__ = ("where",)

    def __init__(self, where: str) -> None:
        self.where = where

    def __repr__(self) -> str:
        return f"Loop({self.where!r})"


# --------------------------------------------------------------------------- value access


def prop(obj: Any, name: str) -> Any:
    """``obj.name`` (the object is not None); a Java exception in a getter aborts."""
    try:
        return get_property(obj, name)
    except JavaException as error:
        raise _invocation_fault(obj, "get" + name[:1].upper() + name[1:], error) from None


def call0(obj: Any, name: str) -> Any:
    """``obj.name()``: None if there is no such method or ``obj`` is None (the ``call*``
    helpers take a null receiver, so a chain step needs no test of its own in generated
    code; Velocity stops a reference at null before evaluating a method's arguments)."""
    if obj is None:  # a null receiver: see _Generator.part
        return None
    function = resolve(obj.__class__, name, 0)
    if function is None:
        return None
    try:
        return function(obj)
    except NoMatchingSignature:
        return None
    except JavaException as error:
        raise _invocation_fault(obj, name, error) from None


def call1(obj: Any, name: str, arg: Any) -> Any:
    """``obj.name(arg)``: None if no method or overload fits."""
    if obj is None:  # a null receiver: see _Generator.part
        return None
    function = resolve(obj.__class__, name, 1)
    if function is None:
        return None
    try:
        return function(obj, arg)
    except NoMatchingSignature:
        return None
    except JavaException as error:
        raise _invocation_fault(obj, name, error) from None


def call2(obj: Any, name: str, first: Any, second: Any) -> Any:
    """``obj.name(first, second)``: None if no method or overload fits."""
    if obj is None:  # a null receiver: see _Generator.part
        return None
    function = resolve(obj.__class__, name, 2)
    if function is None:
        return None
    try:
        return function(obj, first, second)
    except NoMatchingSignature:
        return None
    except JavaException as error:
        raise _invocation_fault(obj, name, error) from None


def call(obj: Any, name: str, *args: Any) -> Any:
    """``obj.name(args)`` with any number of arguments (``call0``… are the same, faster):
    None if no method or overload fits, ``""`` for a void method."""
    if obj is None:  # a null receiver: see _Generator.part
        return None
    function = resolve(obj.__class__, name, len(args))
    if function is None:
        return None
    try:
        return function(obj, *args)
    except NoMatchingSignature:
        return None
    except JavaException as error:
        raise _invocation_fault(obj, name, error) from None


def index(obj: Any, key: Any) -> Any:
    """``obj[key]`` (the object is not None)."""
    return _index(obj, key, None)


def _index(obj: Any, key: Any, missing: Any) -> Any:
    try:
        return get_index(obj, key, missing)
    except JavaException as error:
        what = "get(java.lang.Integer)" if isinstance(key, int) and not isinstance(key, bool) else "get"
        raise RenderFault(
            f"Error invoking method '{what}' in {class_name(obj)}: "
            f"{error}",  # Java's toString: "class: message", or the class alone for a null message
            error.java_class,
        ) from None


# API Gateway's null model (EngineOptions.null_reads_empty, apigateway.md §1): the steps of
# a reference when null reads as "" and evaluation goes on. A method or index that finds
# nothing to call still gives None, which stops the chain (the recorder's AwsNullUberspector
# leaves a missing method missing); everything found that gives null gives "".


def call0_empty(obj: Any, name: str) -> Any:
    """:func:`call0` under the null model: a null result reads as ``""``."""
    if obj is None:  # a null receiver: see _Generator.part
        return None
    function = resolve(obj.__class__, name, 0)
    if function is None:
        return None
    try:
        value = function(obj)
    except NoMatchingSignature:
        return None
    except JavaException as error:
        raise _invocation_fault(obj, name, error) from None
    return "" if value is None else value


def call1_empty(obj: Any, name: str, arg: Any) -> Any:
    """:func:`call1` under the null model: a null result reads as ``""``."""
    if obj is None:  # a null receiver: see _Generator.part
        return None
    function = resolve(obj.__class__, name, 1)
    if function is None:
        return None
    try:
        value = function(obj, arg)
    except NoMatchingSignature:
        return None
    except JavaException as error:
        raise _invocation_fault(obj, name, error) from None
    return "" if value is None else value


def call2_empty(obj: Any, name: str, first: Any, second: Any) -> Any:
    """:func:`call2` under the null model: a null result reads as ``""``."""
    if obj is None:  # a null receiver: see _Generator.part
        return None
    function = resolve(obj.__class__, name, 2)
    if function is None:
        return None
    try:
        value = function(obj, first, second)
    except NoMatchingSignature:
        return None
    except JavaException as error:
        raise _invocation_fault(obj, name, error) from None
    return "" if value is None else value


def call_empty(obj: Any, name: str, *args: Any) -> Any:
    """:func:`call` under the null model: a null result reads as ``""``."""
    if obj is None:  # a null receiver: see _Generator.part
        return None
    function = resolve(obj.__class__, name, len(args))
    if function is None:
        return None
    try:
        value = function(obj, *args)
    except NoMatchingSignature:
        return None
    except JavaException as error:
        raise _invocation_fault(obj, name, error) from None
    return "" if value is None else value


_NO_GET = object()


def index_empty(obj: Any, key: Any) -> Any:
    """:func:`index` under the null model: a null element or value reads as ``""``; None
    when the object has no ``get`` taking that index."""
    value = _index(obj, key, _NO_GET)
    if value is None:
        return ""
    return None if value is _NO_GET else value


def path_empty(obj: Any, *names: str) -> Any:
    """:func:`path` under the null model: each property read and each property the object
    does not have read as ``""`` when null, and the chain goes on (on a String ``""``:
    ``$missing.empty`` is ``"".isEmpty()``). None only for a null root (a null
    ``#foreach`` element: the compiler's ``root()`` reads an unset variable as ``""``)."""
    if obj is None:
        return None
    for name in names:
        obj = obj.get(name) if is_key_lookup(obj.__class__, name) else prop(obj, name)
        if obj is None:
            obj = ""
    return obj


def _invocation_fault(obj: Any, name: str, error: JavaException) -> RenderFault:
    # str(error) is Java's toString: "class: message", or the class alone (null message).
    return RenderFault(
        f"Invocation of method '{name}' in class {class_name(obj)} threw {error}",
        error.java_class,
    )


def assign_property(obj: Any, name: str, value: Any) -> None:
    """``#set($obj.name = value)`` (the object is not None)."""
    try:
        set_property(obj, name, value)
    except JavaException as error:
        raise _invocation_fault(obj, "set" + name[:1].upper() + name[1:], error) from None


def assign_index(obj: Any, key: Any, value: Any) -> None:
    """``#set($obj[key] = value)`` (the object is not None)."""
    try:
        set_index(obj, key, value)
    except JavaException as error:
        raise RenderFault(
            f"Error invoking method 'set' in {class_name(obj)}: {error.java_class}: {error.message}",
            error.java_class,
        ) from None


def path(obj: Any, *names: str) -> Any:
    """``obj.a.b…``: each property in turn, stopping at null (code outside loops)."""
    for name in names:
        if obj is None:
            return None
        obj = obj.get(name) if is_key_lookup(obj.__class__, name) else prop(obj, name)
    return obj


def make_range(start: Any, end: Any, limit: int | None = None) -> list[int] | None:
    """``[start..end]``: Integers counting up or down; None unless both bounds are Numbers.
    A range of more than ``limit`` elements (the profile's ``max_range_size``) is an error."""
    values = lazy_range(start, end)
    if values is None:
        return None
    if limit is not None and len(values) > limit:
        raise RenderFault(
            f"the range [{values[0]}..{values[-1]}] has {len(values)} elements, past the limit of "
            f"{limit} (max_range_size)"
        )
    return list(values)


def lazy_range(start: Any, end: Any) -> range | None:
    """``[start..end]`` as a Python range, not made into a list: what ``#foreach`` over a
    range literal walks (``#foreach($i in [1..100000000])`` stops at the loop limit
    without building the list)."""
    lo = _int_value(start)
    hi = _int_value(end)
    if lo is None or hi is None:
        return None
    return range(lo, hi + 1) if lo <= hi else range(lo, hi - 1, -1)


def _int_value(value: Any) -> int | None:
    """``Number.intValue()``, or None for a non-Number."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return 0
        if value >= 2147483647:
            return 2147483647
        if value <= -2147483648:
            return -2147483648
        return int(value)
    low: int = value & 0xFFFFFFFF  # Long.intValue() keeps the low 32 bits
    return low - (1 << 32) if low >= 1 << 31 else low


# --------------------------------------------------------------------------- output


def null_text(scope: Any, text: str) -> str:
    """What a null reference prints: its literal, or inside a macro the caller's literal
    for a parameter (Velocity's ``.literal.$name`` context key)."""
    return text if type(scope) is dict else scope.null_literal(text)


def out(value: Any, scope: Any, text: str, invalid: str | None = None) -> str:
    """The text of a reference in template text (generated code appends a ``str`` value
    itself inside loops).

    ``text`` is printed for null (the literal, ``""`` for ``$!x``); ``invalid``, when
    given, is printed instead: what a null still left at printing prints under the null
    model (``""``, the recorder's reference-insertion handler).
    """
    if type(value) is str:
        return value
    if value is None:
        return null_text(scope, text) if invalid is None else invalid
    if type(value) is Block:
        rendered = value.render(scope)
        if rendered is not None:
            return rendered
    printed = to_string(value)
    return null_text(scope, text) if printed is None else printed


def out_path(obj: Any, names: tuple[str, ...], scope: Any, text: str, invalid: str | None = None) -> str:
    """``out(path(obj, *names), …)`` in one call: a property chain printed in template text
    (outside loops, where the compiler keeps code short)."""
    for name in names:
        if obj is None:
            break
        obj = obj.get(name) if is_key_lookup(obj.__class__, name) else prop(obj, name)
    if type(obj) is str:
        return obj
    return out(obj, scope, text, invalid)


def out_str(value: Any, scope: Any, text: str, invalid: str | None = None) -> str:
    """:func:`out` inside a string literal: a ``#stop`` in a ``#define`` block printed there
    loses the block's text, which went to the literal's own writer (case
    velocity/fuzz/stop-in-define-inside-string)."""
    try:
        return out(value, scope, text, invalid)
    except (StopRender, BreakLoop) as stop:
        stop.pending = ""
        raise


def out_prefixed(
    value: Any, scope: Any, esc: str, more: str, text: str, invalid: str | None = None
) -> str:
    """A reference with kept backslashes (``esc``) or glued ``$``/``#`` (``more``)."""
    if value is None:
        if invalid is None:
            return esc + esc + more + null_text(scope, text)
        value = invalid
    if type(value) is Block:
        rendered = value.render(scope)
        if rendered is not None:
            return rendered  # Velocity writes a Renderable without the prefixes
    printed = to_string(value)
    if printed is None:
        return esc + esc + more + null_text(scope, text)
    return esc + more + printed


def out_escaped(value: Any, scope: Any, esc: str, literal: str) -> str:
    """An escaped reference ``\\$x``: its literal, keeping the backslash when null."""
    if value is None:
        return esc + "\\" + null_text(scope, literal)
    return esc + literal


# --------------------------------------------------------------------------- #foreach


class ForeachScope(dict):  # type: ignore[type-arg]
    """``$foreach``: Velocity's ForeachScope, a Map (printing ``{}``) with loop getters."""

    __slots__ = ("has_next", "index", "owner", "parent", "replaced")

    def __init__(self, previous: Any, owner: Loop) -> None:
        # No dict.__init__: the map is empty, and a scope is made for every loop run.
        self.owner = owner
        self.parent: ForeachScope | None
        if isinstance(previous, ForeachScope):
            self.parent, self.replaced = previous, None
        else:
            self.parent, self.replaced = None, previous
        self.index = -1
        self.has_next = False

    def __repr__(self) -> str:
        return f"ForeachScope(index={self.index}, has_next={self.has_next})"


java_class(ForeachScope, "org.apache.velocity.runtime.directive.ForeachScope")


@java_method(ForeachScope, "clone")
def _scope_clone(scope: ForeachScope) -> Any:
    """Scope extends AbstractMap, whose ``clone()`` is protected: Velocity finds no public
    ``clone()``, so ``$foreach.clone()`` is null like any missing method (the dict's
    HashMap ``clone`` does not apply; case velocity/foreach/scope-clone-is-null)."""
    raise NoMatchingSignature


def _topmost(scope: ForeachScope) -> ForeachScope:
    while scope.parent is not None:
        scope = scope.parent
    return scope


def _stop(scope: ForeachScope) -> None:
    raise BreakLoop(scope.owner)


_SCOPE_METHODS: dict[str, Callable[[ForeachScope], Any]] = {
    "getIndex": lambda s: s.index,
    "getCount": lambda s: s.index + 1,
    "hasNext": lambda s: s.has_next,
    "getHasNext": lambda s: s.has_next,
    "isFirst": lambda s: s.index == 0,
    "getFirst": lambda s: s.index == 0,
    "isLast": lambda s: not s.has_next,
    "getLast": lambda s: not s.has_next,
    "getParent": lambda s: s.parent,
    "getTopmost": _topmost,
    "getReplaced": lambda s: s.replaced,
    "stop": _stop,
}


def _register_scope_methods() -> None:
    for name, function in _SCOPE_METHODS.items():

        def method(scope: ForeachScope, *args: Any, _f: Callable[[ForeachScope], Any] = function) -> Any:
            if args:
                raise NoMatchingSignature()
            return _f(scope)

        method.__name__ = name
        method.__doc__ = f"ForeachScope.{name}()"
        java_method(ForeachScope, name)(method)


_register_scope_methods()


class _Lookahead:
    """``hasNext()`` for an iterable that is not a Java iterator."""

    __slots__ = ("_it", "_next")

    def __init__(self, iterable: Iterable[Any]) -> None:
        self._it = iter(iterable)
        self._next = next(self._it, END)

    def __iter__(self) -> _Lookahead:
        return self

    def __next__(self) -> Any:
        value = self._next
        if value is END:
            raise StopIteration
        self._next = next(self._it, END)
        return value

    def has_next(self) -> bool:
        return self._next is not END


def java_iterator(iterable: Any) -> Any:
    """What ``iterate`` returned, as an iterator with Java's ``has_next()``."""
    return iterable if hasattr(iterable, "has_next") else _Lookahead(iterable)


def restore(scope: Any, *saved: Any) -> None:
    """After a loop: put back each (name, value) saved before it; remove a name whose saved
    value is null (Velocity's ``Foreach.clean``)."""
    for k in range(0, len(saved), 2):
        name, value = saved[k], saved[k + 1]
        if value is None:
            scope.pop(name, None)
        else:
            scope[name] = value


def foreach_limit(limit: int, where: str) -> RenderFault:
    """The error for a loop past the profile's ``max_foreach_iterations``.

    AWS documents the 1000-iteration quota (apigateway.md §6), not what happens past it:
    failing the render rather than dropping the rest (as Velocity's own ``maxloops``
    would) is our inference, kept here; a loud failure cannot pass a test by accident."""
    return RenderFault(
        f"#foreach exceeded the maximum of {limit} iterations "
        "(max_foreach_iterations; API Gateway loops at most 1000 times)"
    )


#: What :func:`loop_items` can slice: a sequence whose length is known before the loop.
_SLICEABLE = (list, tuple, range)


def loop_items(values: Iterable[Any], limit: int | None, where: str) -> Iterable[Any]:
    """What a ``#foreach`` walks, with the render's checks: a tick at loop entry (a loop
    entered often but run briefly each time still counts), the time and output limits
    every ``CHECK_EVERY`` iterations, and the profile's iteration ``limit`` (the loop at
    ``where`` fails when asked for element ``limit + 1``).

    A list, tuple or range (what :func:`loop_values` and ``lazy_range`` return) walks in
    C: returned as is when shorter than ``CHECK_EVERY``, else as slices of it with a check
    between slices. Any other iterator (a live Java iterator) goes one element at a time.
    One helper rather than a counter written into every loop keeps the generated module
    short, which is what Python's compile() time grows with (issue 14)."""
    tick()
    if type(values) in _SLICEABLE:
        size = len(values)  # type: ignore[arg-type]
        if size < CHECK_EVERY and (limit is None or size <= limit):
            return values
        return chain.from_iterable(_slices(values, size, limit, where))  # type: ignore[arg-type]
    return _checked(iter(values), limit, where)


def loop_counted(values: Any, live: bool, limit: int | None, where: str) -> Iterator[tuple[int, Any, bool]]:
    """:func:`loop_items` as ``(count, element, has_next)`` triples, for a loop reading
    ``$foreach.hasNext`` or ``$velocityHasNext``: ``has_next`` is what Java's
    ``hasNext()`` answers after ``next()``, asked of the iterator (``live``: the loop
    walks :func:`iterate`'s Java iterator) or, for a sequence from :func:`loop_values`,
    whether elements remain (:func:`loop_size`)."""
    if live:
        values = java_iterator(values)
        has_next = values.has_next
    else:
        size, has_next = loop_size(values)
    items = loop_items(values, limit, where)
    if has_next is None:
        return zip(count(1), items, chain(repeat(True, size - 1), (False,)))
    return _asking_has_next(items, has_next)


def _asking_has_next(items: Iterable[Any], has_next: Callable[[], bool]) -> Iterator[tuple[int, Any, bool]]:
    for number, item in enumerate(items, 1):
        yield number, item, has_next()


def _slices(values: Sequence[Any], size: int, limit: int | None, where: str) -> Iterator[Sequence[Any]]:
    """``values`` in slices, checking the render's limits before elements CHECK_EVERY,
    2 * CHECK_EVERY, … (1-based, where a counted loop checks), then the iteration limit."""
    end = size if limit is None else min(size, limit)
    start, stop = 0, CHECK_EVERY - 1
    while start < end:
        if start:
            check_now()
        stop = min(stop, end)
        yield values[start:stop]
        start, stop = stop, stop + CHECK_EVERY
    if limit is not None and size > limit:
        raise foreach_limit(limit, where)


def _checked(iterator: Iterator[Any], limit: int | None, where: str) -> Iterator[Any]:
    """:func:`_slices` for an iterator of unknown length, one element at a time."""
    for number, item in enumerate(iterator, 1):
        if limit is not None and number > limit:
            raise foreach_limit(limit, where)
        if not number % CHECK_EVERY:
            check_now()
        yield item


def break_scope(value: Any, literal: str) -> BreakLoop:
    """``#break($scope)``: the BreakLoop stopping that loop, or a fault for a non-scope."""
    if isinstance(value, ForeachScope):
        return BreakLoop(value.owner)
    raise RenderFault(
        f"{literal} is not a valid org.apache.velocity.runtime.directive.Scope instance",
        "org.apache.velocity.exception.VelocityException",
    )


# --------------------------------------------------------------------------- #define, macros


class Block:
    """A ``#define`` block (and a block macro's ``$bodyContent``): Velocity's
    ``Block.Reference``. Printed, it renders its body with the scope at hand; as a value
    (``toString``) with the scope it was defined in. Recursion past ``max_depth`` fails
    (the reference then prints as null), as in Velocity."""

    __slots__ = ("body", "depth", "max_depth", "scope")

    def __init__(self, body: Body, scope: Any, max_depth: int = MAX_DEFINE_DEPTH) -> None:
        self.body = body
        self.scope = scope
        self.depth = 0
        self.max_depth = max_depth

    def render(self, scope: Any) -> str | None:
        """The body rendered in ``scope``; None when nested too deep."""
        self.depth += 1
        try:
            if self.depth > self.max_depth:
                return None
            parts: list[str] = []
            try:
                self.body(scope, parts.append)
            except BreakLoop as stop:
                if stop.owner is not None:
                    stop.pending = "".join(parts) + stop.pending
                    raise
            except StopRender as stop:
                stop.pending = "".join(parts) + stop.pending
                raise
            return "".join(parts)
        finally:
            self.depth -= 1

    def __repr__(self) -> str:
        return "Block.Reference"


java_class(Block, "org.apache.velocity.runtime.directive.Block$Reference")


@java_method(Block, "toString")
def _block_to_string(block: Block, *args: Any) -> str | None:
    """String toString()"""
    if args:
        raise NoMatchingSignature()
    try:
        return block.render(block.scope)
    except (StopRender, BreakLoop) as stop:
        stop.pending = ""  # toString() renders into a string of its own, which is lost
        raise


def block_is_true(block: Block) -> bool:
    """A ``#define`` block (or ``$bodyContent``) as a condition. ``ASTReference.evaluate``
    asks ``toString() != null`` of every value but null and Booleans
    (``directive.if.tostring.nullcheck``, on by default), which renders the block: its
    ``#set``s run, and past ``max_depth`` it is null, so false. An exception the render
    throws comes out as ``Reference evaluation threw an exception`` (its catch is of
    ``Exception``: #stop, #break and StackOverflowError, which are Errors, pass through)
    (cases velocity/directives/define-as-condition*)."""
    try:
        return _block_to_string(block) is not None
    except (RenderFault, JavaException):
        raise RenderFault("Reference evaluation threw an exception",
                          "org.apache.velocity.exception.VelocityException") from None


def define(scope: Any, key: str, body: Body) -> None:
    """``#define($key) body #end``."""
    scope[key] = Block(body, scope)


class MacroScope:
    """The scope inside a macro call (Velocity's ProxyVMContext, local scope off).

    Parameters live in ``local`` (values of literal arguments) and ``proxies`` (functions
    re-evaluating the caller's argument expression: call by name); reads look there first,
    then in the caller's scope. Writes go to both (so ``#set`` inside a macro changes the
    caller's scope, while a parameter shadows a caller's variable only during the call).
    """

    __slots__ = ("depth", "literals", "local", "name", "parent", "proxies")

    def __init__(self, parent: Any, name: str) -> None:
        self.parent = parent
        self.name = name
        self.local: dict[str, Any] = {}
        self.proxies: dict[str, Callable[[], Any]] = {}
        self.literals: dict[str, str] = {}
        self.depth: int = parent.depth + 1 if type(parent) is MacroScope else 1

    def get(self, key: str, default: Any = None) -> Any:
        value = self.local.get(key)
        if value is not None:
            return value
        proxy = self.proxies.get(key)
        if proxy is not None:
            return proxy()
        return self.parent.get(key, default)

    def __getitem__(self, key: str) -> Any:
        return self.get(key)

    def __setitem__(self, key: str, value: Any) -> None:
        self.local[key] = value
        self.parent[key] = value

    def pop(self, key: str, default: Any = None) -> Any:
        mine = self.local.pop(key, None)
        theirs = self.parent.pop(key, None)
        return mine if mine is not None else theirs if theirs is not None else default

    def null_literal(self, text: str) -> str:
        literal = self.literals.get(text)
        if literal is not None:
            return literal
        return null_text(self.parent, text)

    def stack(self) -> list[str]:
        names = [self.name]
        parent = self.parent
        while type(parent) is MacroScope:
            names.append(parent.name)
            parent = parent.parent
        return names[::-1]


def call_macro(
    scope: Any,
    _append: Append,
    body: Body,
    name: str,
    params: tuple[str, ...],
    args: tuple[Any, ...],
    block: Body | None = None,
) -> None:
    """``#name(args)``: run the macro ``body`` in a new :class:`MacroScope`.

    ``args`` pairs each argument with how it is passed: ``(False, value)`` for a literal
    evaluated once, ``(True, function, literal)`` for an expression evaluated at each use.
    Missing arguments leave the parameter to the caller's scope; extra ones are ignored.
    """
    tick()
    inner = MacroScope(scope, name)
    if inner.depth > MAX_MACRO_DEPTH:
        raise RenderFault(
            f"Max calling depth of {MAX_MACRO_DEPTH} was exceeded in macro '{name}' "
            f"with Call Stack:{'->'.join(inner.stack()[:-1])}",
            "org.apache.velocity.exception.MacroOverflowException",
        )
    for param, arg in zip(params, args):
        if arg[0]:
            inner.proxies[param] = arg[1]
            inner.literals["$" + param] = arg[2]
        else:
            inner.local[param] = arg[1]
    if block is not None:
        # A block call (#@name) unbinds a parameter it gives no argument: a name written
        # twice in the #macro loses the value (not the reference) the first one took (case
        # velocity/fuzz/block-macro-repeated-parameter)
        for param in params[len(args):]:
            inner.local.pop(param, None)
        inner.local["bodyContent"] = Block(block, scope, MAX_MACRO_DEPTH)
    try:
        body(inner, _append)
    except BreakLoop as stop:
        if stop.owner is not None:
            raise
        _append(stop.pending)


#: The scope key of the render's registry of the macros #evaluate'd texts defined (a key
#: no template variable can have): Velocity registers them in the engine's one namespace,
#: where every later call finds them (vtl/compiler.py, ``runtime_macros``).
MACROS_KEY = " macros"


def register_macros(scope: Any, macros: dict[str, tuple[Body, tuple[str, ...]]]) -> None:
    """Add ``macros`` (name → body, parameters) to the render's registry; a name already
    there keeps its first definition (VelocimacroManager.addVM refuses to replace it)."""
    registry = scope.get(MACROS_KEY)
    if registry is None:
        registry = {}
        scope[MACROS_KEY] = registry
    for name, macro in macros.items():
        registry.setdefault(name, macro)


def call_registered(scope: Any, _append: Append, name: str, args: tuple[Any, ...],
                    block: Body | None = None) -> bool:
    """Call the registered macro ``name`` (see :func:`call_macro`; arguments past its
    parameters are ignored); False if there is none (the call is then text)."""
    registry = scope.get(MACROS_KEY)
    macro = None if registry is None else registry.get(name)
    if macro is None:
        return False
    body, params = macro
    call_macro(scope, _append, body, name, params, args[:len(params)], block)
    return True


# --------------------------------------------------------------------------- #evaluate, #include


def evaluate(scope: Any, _append: Append, value: Any, unit: Any) -> None:
    """``#evaluate(value)``: render the value's text as a template in this scope.

    ``unit`` is the calling template's compiled unit: it knows the profile, the macros
    visible to the evaluated text and caches the compiled text.
    """
    if value is None:
        return
    text = to_string(value)
    if text is None:
        return
    tick()
    body = unit.evaluated(text)
    try:
        body(scope, _append)
    except StopRender:
        pass
    except BreakLoop as stop:
        if stop.owner is not None:
            raise
        _append(stop.pending)


def include(directive: str, value: Any, position: int = 0) -> str:
    """``#include``/``#parse`` of a resource: there are none to load, so a non-null name
    is a render error. A null name prints Velocity's error comment (``#include``) or
    nothing (``#parse``)."""
    if value is None:
        if directive == "include":
            return f"<!-- include error : error with arg {position} please see log. see error log -->"
        return ""
    raise RenderFault(
        f"Unable to find resource '{to_string(value)}' (#{directive} has no resource loader)",
        "org.apache.velocity.exception.ResourceNotFoundException",
    )


def directive_error(message: str) -> RenderFault:
    """A Velocity ``VelocityException`` raised by a directive at render time."""
    return RenderFault(message, "org.apache.velocity.exception.VelocityException")


def make_map(*items: Any) -> dict[Any, Any]:
    """A map literal with keys that are not all strings: Java key equality (``1`` and
    ``true`` are different keys), via ``Map.put``."""
    result: dict[Any, Any] = {}
    for k in range(0, len(items), 2):
        map_put(result, items[k], items[k + 1])
    return result


#: Names generated code may call; the compiler puts exactly these in its namespace.
RUNTIME_EXPORTS: tuple[str, ...] = (
    # vtl.java value semantics
    "to_string", "is_true", "iterate", "loop_values", "equals", "less", "less_equal", "greater",
    "greater_equal", "add", "sub", "mul", "div", "mod", "is_key_lookup", "is_plain_get",
    # references
    "prop", "path", "call", "call0", "call1", "call2", "index", "assign_property", "assign_index", "make_range", "lazy_range",
    # references under the null model (EngineOptions.null_reads_empty)
    "path_empty", "call_empty", "call0_empty", "call1_empty", "call2_empty", "index_empty",
    # output
    "make_map", "check_length", "out", "out_path", "out_str", "out_prefixed", "out_escaped", "directive_error",
    # control flow and directives
    "StopRender", "BreakLoop", "Loop", "ForeachScope", "restore", "loop_items", "loop_counted",
    "break_scope", "define", "block_is_true", "Block", "call_macro", "evaluate", "include",
    "register_macros", "call_registered",
)


# Value semantics generated code calls straight from vtl.java (re-exported here).
_JAVA_EXPORTS = (add, div, equals, greater, greater_equal, is_key_lookup, is_plain_get, is_true, iterate, less,
                 less_equal, loop_values, mod, mul, sub, check_length)


def namespace() -> dict[str, Any]:
    """A fresh globals dict for a generated module: the runtime exports only."""
    module = globals()
    return {"__builtins__": {"type": type, "iter": iter, "next": next, "enumerate": enumerate,
                             "len": len, "list": list, "dict": dict, "str": str},
            **{name: module[name] for name in RUNTIME_EXPORTS}}

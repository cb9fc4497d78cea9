"""``Template``: a template compiled once, rendered many times.

    >>> Template("Hello $name!", profile="velocity").render({"name": "World"})
    'Hello World!'

Parsing and compiling happen once per (source, profile, name) in the process (an LRU
cache) and, across processes, once per engine and Python version (the on-disk cache of
vtl/cache.py); rendering runs the compiled function against a fresh scope (a shallow copy
of the caller's variables, which is never mutated itself; the values are shared, as Velocity
shares them). A Template is immutable and may be rendered from many threads at once.
"""

from __future__ import annotations

import contextlib
import gc
import io
import re
import sys
import threading
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from functools import lru_cache
from types import FrameType
from typing import Any

from vtl import cache, runtime
from vtl.errors import DEFAULT_NAME
from vtl.java import JavaException, UnsupportedJava, limits
from vtl.java.limits import LimitExceeded, rendering
from vtl.java.strings import java_encoded
from vtl.profiles import PROFILES, EngineOptions, get_profile
from vtl.unit import Unit

__all__ = ["Template"]

_FAULTS = (runtime.RenderFault, JavaException, UnsupportedJava, LimitExceeded)
_NEWLINE = re.compile(r"\r\n|\r|\n")


#: The in-process cache of compiled templates holds at most this many templates and this
#: many characters of template text (a compiled template takes some 10 to 20 times its
#: text in memory), so templates each compiled once cannot fill the process (issue 14).
CACHE_MAX_ENTRIES = 512
CACHE_MAX_CHARS = 8 * 1024 * 1024

_cache: OrderedDict[tuple[str, str, str], Unit] = OrderedDict()
_cache_chars = 0
_cache_lock = threading.Lock()


def _compile(source: str, profile: str, name: str) -> Unit:
    """The compiled template: from this process's bounded LRU cache, else the on-disk
    cache (vtl/cache.py), else parsed and compiled now (and stored on disk)."""
    global _cache_chars
    key = (source, profile, name)
    with _cache_lock:
        unit = _cache.get(key)
        if unit is not None:
            _cache.move_to_end(key)
            return unit
    unit = _load_or_compile(source, profile, name)
    with _cache_lock:
        if key not in _cache and len(source) <= CACHE_MAX_CHARS:
            _cache[key] = unit
            _cache_chars += len(source)
            while len(_cache) > CACHE_MAX_ENTRIES or _cache_chars > CACHE_MAX_CHARS:
                (old, _, _), _ = _cache.popitem(last=False)
                _cache_chars -= len(old)
    return unit


def _cache_clear() -> None:
    """Empty the in-process compiled-template cache (and the parse kept for reuse)."""
    global _cache_chars
    with _cache_lock:
        _cache.clear()
        _cache_chars = 0
    parser = sys.modules.get("vtl.parser")  # not imported yet: nothing kept
    if parser is not None:
        parser.forget_last_parse()


_compile.cache_clear = _cache_clear  # type: ignore[attr-defined]  # as functools' caches have


def _load_or_compile(source: str, profile: str, name: str) -> Unit:
    """From the on-disk cache (vtl/cache.py), else parsed and compiled now (and stored)."""
    options = get_profile(profile)
    payload = cache.load(source, profile, name)
    if payload is not None:
        # a payload of the wrong shape (a file from a build this one does not read the same
        # way): compile instead, and the store below replaces it
        with contextlib.suppress(KeyError, TypeError, ValueError, AttributeError):
            return Unit.from_cache_payload(payload, options, name, source)
    with collector_paused():
        unit = compile_unit(source, profile, name)
        if cache.enabled():
            cache.store(source, profile, name, unit.cache_payload())
    return unit


def compile_unit(source: str, profile: str, name: str) -> Unit:
    """Parse and compile ``source`` now, bypassing both caches."""
    return _compile_with(source, get_profile(profile), name)


@lru_cache(maxsize=32)
def _compile_options(source: str, options: EngineOptions, name: str) -> Unit:
    """A template compiled for options that are not a named profile (e.g. other limits):
    cached in this process only (the on-disk cache is keyed by profile name)."""
    return _compile_with(source, options, name)


def _compile_with(source: str, options: EngineOptions, name: str) -> Unit:
    from vtl.compiler import compile_document
    from vtl.parser import parse_once

    with collector_paused():
        # kept for a warnings check of the same template (`vtl render`): parse_once
        document = parse_once(source, name=name, options=options)
        return compile_document(document, options, source=source, name=name)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused for a compile-time step. A compile allocates
    thousands of short-lived objects (tokens, syntax tree, code lines) that reference
    counting frees; the collector's passes over them and over the large syntax tree would
    only add time (benchmarks/RESULTS.md, parse+compile; for a 300 KB template, building
    its cache entry took 0.51 s with the collector running and 0.04 s without)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


class Template:
    """A Velocity template compiled for one profile (``apigateway`` or ``velocity``).

    ``profile`` is a profile name or an :class:`~vtl.profiles.EngineOptions` (e.g. a
    profile with other limits: ``dataclasses.replace(APIGATEWAY, render_timeout=None)``).
    """

    __slots__ = ("_name", "_profile", "_unit")

    def __init__(self, source: str, *, profile: str | EngineOptions = "apigateway", name: str | None = None) -> None:
        # a clear ValueError for an unknown profile
        options = profile if isinstance(profile, EngineOptions) else get_profile(profile)
        self._name = name or DEFAULT_NAME
        self._profile = options.name
        try:
            if PROFILES.get(options.name) is options:  # a named profile: both caches
                self._unit = _compile(source, options.name, self._name)
            else:
                self._unit = _compile_options(source, options, self._name)
        except (RecursionError, MemoryError, SyntaxError) as error:
            from vtl.parser import nesting_error

            raise nesting_error(error, source, self._name) from None

    def __setattr__(self, key: str, value: Any) -> None:
        if hasattr(self, "_unit"):
            raise AttributeError("Template is immutable")
        object.__setattr__(self, key, value)

    @property
    def name(self) -> str:
        """The template name used in error messages."""
        return self._name

    @property
    def profile(self) -> str:
        """The profile the template was compiled for."""
        return self._profile

    @property
    def source(self) -> str:
        """The template text."""
        return self._unit.source

    @property
    def python_source(self) -> str:
        """The Python module the template compiled to (what ``vtl compile`` prints)."""
        return self._unit.python_source

    def render(self, variables: Mapping[str, object] | None = None) -> str:
        """Render with ``variables`` (plain JSON-like values); raises TemplateRenderError."""
        scope = self._scope(variables)
        unit = self._unit
        options = unit.options
        output = io.StringIO()
        token = limits.begin(options.max_output_size, options.render_timeout,
                             options.max_number_digits, output)
        try:
            unit.root(scope, output.write)
        except (runtime.StopRender, runtime.BreakLoop) as stop:
            output.write(stop.pending)
        except _FAULTS as error:
            raise unit.render_error(error) from None
        except _RESOURCE_ERRORS as error:
            raise unit.resource_error(error, scope) from None
        finally:
            limits.end(token)
        return _checked_output(output.getvalue(), unit)

    def render_with_origins(
        self, variables: Mapping[str, object] | None = None
    ) -> tuple[str, list[tuple[int, int]]]:
        """Render, also returning ``(output offset, template line)`` pairs: from each offset
        on, the output was written by the template code at that line (until the next pair).
        """
        unit = self._unit
        scope = self._scope(variables)
        parts: list[str] = []
        origins: list[tuple[int, int]] = []
        offset = 0
        filename = unit.filename
        getframe = sys._getframe

        def append(text: str) -> None:
            nonlocal offset
            if not text:
                return
            frame: FrameType | None = getframe(1)
            while frame is not None and frame.f_code.co_filename != filename:
                frame = frame.f_back
            entries: list[tuple[int, int]] = []
            if frame is not None:
                lineno = frame.f_lineno
                origin = unit.origin_at(lineno, frame)
                if origin is not None:
                    entries = _text_lines(text, origin.segments)
                else:
                    span = unit.span_at(lineno, frame)
                    if span is not None:
                        entries = [(0, span.line)]
            for start, line in entries or [(0, origins[-1][1] if origins else 0)]:
                if not origins or origins[-1][1] != line:
                    origins.append((offset + start, line))
            parts.append(text)
            offset += len(text)

        with rendering(unit.options.max_output_size, unit.options.render_timeout,
                       unit.options.max_number_digits):
            try:
                unit.root(scope, append)
            except (runtime.StopRender, runtime.BreakLoop) as stop:
                append(stop.pending)
            except _FAULTS as error:
                raise unit.render_error(error) from None
            except _RESOURCE_ERRORS as error:
                raise unit.resource_error(error, scope) from None
        return _checked_output("".join(parts), unit), origins

    def _scope(self, variables: Mapping[str, object] | None) -> dict[str, object]:
        """A render's scope: a fresh dict of the caller's variables. Under the null model
        (EngineOptions.null_reads_empty) a null variable is left out, so that it reads as
        ``""`` like an unset one; the scope then holds null only for a null ``#foreach``
        element (see the compiler's ``root()``)."""
        if not variables:
            return {}
        if self._unit.options.null_reads_empty:
            return {key: value for key, value in variables.items() if value is not None}
        return dict(variables)

    def __repr__(self) -> str:
        return f"<Template {self._name!r} profile={self._profile!r}>"


#: Python errors a hostile template or value can cause: nesting deeper than Python's
#: stack (a 1000-deep list printed, a cyclic map hashed), memory exhausted by one
#: allocation, and a variable holding a value that is not JSON-like (TypeError).
_RESOURCE_ERRORS = (RecursionError, MemoryError, TypeError)


def _checked_output(text: str, unit: Unit) -> str:
    """The output, unless it is past the output size limit (checked at every loop
    iteration too: this catches output written without a loop), with its surrogates as
    Java writes them (``java_encoded``: a lone one is ``?``)."""
    limit = unit.options.max_output_size
    if limit is not None and len(text) > limit:
        raise unit.render_error(LimitExceeded(
            f"the output is past the output size limit of {limit} characters (max_output_size)"))
    return text if text.isascii() else java_encoded(text)


def _text_lines(text: str, segments: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    """(offset, line) for each template line the characters of a merged text come from."""
    entries: list[tuple[int, int]] = []
    ends = [start for start, _ in segments[1:]] + [len(text)]
    for (start, line), end in zip(segments, ends):
        entries.append((start, line))
        for newline in _NEWLINE.finditer(text, start, end):
            line += 1
            if newline.end() < end:
                entries.append((newline.end(), line))
    return entries

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
import re
import sys
from collections.abc import Mapping
from functools import lru_cache
from types import FrameType
from typing import Any

from vtl import cache, runtime
from vtl.errors import DEFAULT_NAME
from vtl.java import JavaException, UnsupportedJava
from vtl.profiles import get_profile
from vtl.unit import Unit

__all__ = ["Template"]

_FAULTS = (runtime.RenderFault, JavaException, UnsupportedJava)
_NEWLINE = re.compile(r"\r\n|\r|\n")


@lru_cache(maxsize=512)
def _compile(source: str, profile: str, name: str) -> Unit:
    """The compiled template: from this process's LRU cache, else the on-disk cache
    (vtl/cache.py), else parsed and compiled now (and stored on disk)."""
    options = get_profile(profile)
    payload = cache.load(source, profile, name)
    if payload is not None:
        # a payload of the wrong shape (a file from a build this one does not read the same
        # way): compile instead, and the store below replaces it
        with contextlib.suppress(KeyError, TypeError, ValueError, AttributeError):
            return Unit.from_cache_payload(payload, options, name, source)
    unit = compile_unit(source, profile, name)
    cache.store(source, profile, name, unit.cache_payload())
    return unit


def compile_unit(source: str, profile: str, name: str) -> Unit:
    """Parse and compile ``source`` now, bypassing both caches."""
    from vtl.compiler import compile_document
    from vtl.parser import parse

    options = get_profile(profile)
    # A compile allocates thousands of short-lived objects (tokens, parse tree, syntax
    # tree, code lines) that reference counting frees; the cyclic collector's passes over
    # them would only add time (benchmarks/RESULTS.md, parse+compile).
    collecting = gc.isenabled()
    gc.disable()
    try:
        document = parse(source, name=name, options=options)
        return compile_document(document, options, source=source, name=name)
    finally:
        if collecting:
            gc.enable()


class Template:
    """A Velocity template compiled for one profile (``apigateway`` or ``velocity``)."""

    __slots__ = ("_name", "_profile", "_unit")

    def __init__(self, source: str, *, profile: str = "apigateway", name: str | None = None) -> None:
        get_profile(profile)  # a clear ValueError for an unknown profile
        self._name = name or DEFAULT_NAME
        self._profile = profile
        self._unit = _compile(source, profile, self._name)

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
        parts: list[str] = []
        try:
            self._unit.root(scope, parts.append)
        except runtime.StopRender as stop:
            parts.append(stop.pending)
        except runtime.BreakLoop:
            pass
        except _FAULTS as error:
            raise self._unit.render_error(error) from None
        return "".join(parts)

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
        text_origins = unit.text_origins
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
                origin = text_origins.get(lineno)
                if origin is not None:
                    entries = _text_lines(text, origin.segments)
                else:
                    span = unit.span_at(lineno)
                    if span is not None:
                        entries = [(0, span.line)]
            for start, line in entries or [(0, origins[-1][1] if origins else 0)]:
                if not origins or origins[-1][1] != line:
                    origins.append((offset + start, line))
            parts.append(text)
            offset += len(text)

        try:
            unit.root(scope, append)
        except runtime.StopRender as stop:
            append(stop.pending)
        except runtime.BreakLoop:
            pass
        except _FAULTS as error:
            raise unit.render_error(error) from None
        return "".join(parts), origins

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

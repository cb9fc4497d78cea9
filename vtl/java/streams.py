"""Java streams as far as a template can use them: a stream knows how many elements it
has, and ``count()`` is its one method.

Made by ``String.chars()``, ``codePoints()`` and ``lines()`` (:mod:`vtl.java.strings`)
and by ``Collection.stream()`` / ``parallelStream()`` on lists and map views (here).
"""

from __future__ import annotations

from typing import Any

from vtl.java.maps import MapView
from vtl.java.printing import JavaLong
from vtl.java.registry import JavaException, java_class, java_method

__all__ = ["IntStream", "Stream"]


class _OneShotStream:
    """A Java stream of ``size`` elements. ``count()`` is its one method; like every Java
    stream it is used once, so a second call throws IllegalStateException. Any other
    stream method finds nothing (as a template's call of an unknown method does); it
    prints as ``class@hash`` like any object without its own ``toString``, the hash not
    being Java's. Reachable under API Gateway's null model, where ``$missing.chars()`` is
    ``"".chars()`` (found by fuzz.py)."""

    __slots__ = ("size", "used")

    def __init__(self, size: int) -> None:
        self.size = size
        self.used = False


class IntStream(_OneShotStream):
    """A ``java.util.stream.IntStream`` (``String.chars()``, ``codePoints()``)."""

    __slots__ = ()


class Stream(_OneShotStream):
    """A ``java.util.stream.Stream`` (``String.lines()``, ``Collection.stream()``)."""

    __slots__ = ()


java_class(IntStream, "java.util.stream.IntPipeline$Head")
java_class(Stream, "java.util.stream.ReferencePipeline$Head")


@java_method(_OneShotStream, "count")
def stream_count(stream: _OneShotStream) -> JavaLong:
    """``long count()``: a Long (case velocity/strings/stream-count); a used stream throws
    (case velocity/strings/stream-count-used-twice)."""
    if stream.used:
        raise JavaException("java.lang.IllegalStateException",
                            "stream has already been operated upon or closed")
    stream.used = True
    return JavaLong(stream.size)


@java_method(list, "stream")
@java_method(MapView, "stream")
@java_method(list, "parallelStream")
@java_method(MapView, "parallelStream")
def collection_stream(values: Any) -> Stream:
    """``Stream<E> Collection.stream()`` (and ``parallelStream()``, whose ``count()`` is the
    same) of a list or a map's view (case velocity/lists/collection-stream-count)."""
    return Stream(len(values))

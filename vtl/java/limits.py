"""The resource limits of the render in progress, checked where work or text can grow.

A render may not write more than ``max_output`` characters, make a string longer than
that, nor a number with more than ``max_digits`` digits, nor run past its ``deadline`` (a
``time.monotonic`` value). The engine sets them per render from its options
(``vtl.profiles.EngineOptions``: ``max_output_size``, ``max_number_digits``,
``render_timeout``) with :func:`rendering`; Java value code asks
:func:`check_length`, :func:`check_digits` and :func:`tick`. Outside a render nothing is
limited. Past a limit, :class:`LimitExceeded` aborts the render (the template reports it
as a located render error). See issue 14.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from dataclasses import dataclass
from time import monotonic

__all__ = ["LimitExceeded", "Limits", "begin", "check_bits", "check_digits", "check_length", "check_now",
           "end", "rendering", "tick"]

#: log2(10): bits per decimal digit, to bound an integer's digits by its bit length.
_BITS_PER_DIGIT = 3.3219280948873626


class LimitExceeded(Exception):
    """A render went past one of its limits (output size, text size, time)."""


@dataclass(slots=True)
class Limits:
    """The limits of one render; ``output`` is the render's output buffer (or None)."""

    max_output: int | None = None
    max_digits: int | None = None
    deadline: float | None = None
    timeout: float | None = None
    output: io.StringIO | None = None


_NONE = Limits()
_CURRENT: ContextVar[Limits] = ContextVar("vtl_render_limits", default=_NONE)


def begin(max_output: int | None, timeout: float | None, max_digits: int | None,
          output: io.StringIO | None) -> Token[Limits]:
    """Start a render under these limits (``output``: its buffer); :func:`end` the token."""
    deadline = None if timeout is None else monotonic() + timeout
    return _CURRENT.set(Limits(max_output, max_digits, deadline, timeout, output))


def end(token: Token[Limits]) -> None:
    """The render started by :func:`begin` is over."""
    _CURRENT.reset(token)


@contextmanager
def rendering(max_output: int | None, timeout: float | None,
              max_digits: int | None = None) -> Iterator[io.StringIO]:
    """:func:`begin` … :func:`end` around a block; yields the output buffer to write to."""
    output = io.StringIO()
    token = begin(max_output, timeout, max_digits, output)
    try:
        yield output
    finally:
        end(token)


#: Loop iterations between two real checks: checking costs a clock read, and a loop body
#: is often cheaper than that. The output may pass its limit by this many iterations'
#: output before the render stops (each at most ``max_output`` characters itself).
CHECK_EVERY = 16
_ticks = 0


def tick() -> None:
    """Called at each macro call, ``#evaluate`` and long-running step: raise once the
    render's output or time is past its limit (checked every ``CHECK_EVERY`` calls; a
    count shared by threads, which only shifts when a check happens)."""
    global _ticks
    _ticks += 1
    if _ticks % CHECK_EVERY:
        return
    check_now()


def check_now() -> None:
    """:func:`tick`'s check, made at once."""
    limits = _CURRENT.get()
    if limits.deadline is not None and monotonic() > limits.deadline:
        raise LimitExceeded(
            f"the render took longer than its time limit of {limits.timeout:g} s (render_timeout)"
        )
    if limits.output is not None and limits.max_output is not None and limits.output.tell() > limits.max_output:
        raise LimitExceeded(_size_message("the output", limits.max_output))


#: Strings up to this long are not checked (callers test ``length > SHORT`` first):
#: checking costs more than making them, and a string that keeps growing passes it soon.
SHORT = 4096


def check_length(length: int) -> None:
    """Raise if a string of ``length`` characters is past the output limit (a string
    longer than the output could hold can never be written, and growing it is the only
    way a template can exhaust memory)."""
    limit = _CURRENT.get().max_output
    if limit is not None and length > limit:
        raise LimitExceeded(_size_message(f"a string of {length} characters", limit))


def check_digits(digits: int) -> None:
    """Raise if a number of ``digits`` decimal digits is past the digit limit."""
    limit = _CURRENT.get().max_digits
    if limit is not None and digits > limit:
        raise LimitExceeded(_digits_message(f"a number of {digits} digits", limit))


def check_bits(bits: int) -> None:
    """:func:`check_digits` for an integer of ``bits`` bits (checked before computing it)."""
    limit = _CURRENT.get().max_digits
    if limit is not None and bits > limit * _BITS_PER_DIGIT:
        raise LimitExceeded(_digits_message(f"a number of about {int(bits / _BITS_PER_DIGIT)} digits", limit))


def time_left() -> float | None:
    """Seconds left before the current render's deadline (None: no deadline)."""
    deadline = _CURRENT.get().deadline
    return None if deadline is None else max(deadline - monotonic(), 0.0)


def max_length() -> int | None:
    """The longest string the current render may make (None: no limit)."""
    return _CURRENT.get().max_output


def _digits_message(what: str, limit: int) -> str:
    return f"{what} is past the limit of {limit} digits (max_number_digits)"


def _size_message(what: str, limit: int) -> str:
    return f"{what} is past the output size limit of {limit} characters (max_output_size)"

"""The registry of Java methods callable from templates.

A template can reach a Python value only through functions registered here under
their Java names (``@java_method(str, "replaceAll")``). Nothing else is reachable:
no Python attribute or method is ever read or called on behalf of a template, so
``$s.upper()`` or ``$x.__class__`` behave as a missing Java method does in Velocity.

A registered function receives the receiver first, then the template's arguments,
and resolves Java overloads itself: when the arguments fit no Java signature it
raises :class:`NoMatchingSignature` (Velocity then treats the call as a reference
to a method that does not exist). A Java exception thrown by the method is raised
as :class:`JavaException` and aborts the render.

Lookup walks the receiver type's MRO, so a method registered for ``list`` applies
to list subclasses (e.g. a JSON array type) unless the subclass registers its own.
Registration happens at import time only; after that the table is read-only.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

JavaMethod = Callable[..., Any]
F = TypeVar("F", bound=JavaMethod)

_METHODS: dict[type, dict[str, JavaMethod]] = {}
_CLASS_NAMES: dict[type, str] = {}
#: Types whose Java class is not their Python base's: method lookup skips that base.
_OWN_METHODS_ONLY: dict[type, type] = {}


class NoMatchingSignature(Exception):
    """The arguments fit none of the Java method's overloads."""


class JavaException(Exception):
    """A Java exception thrown inside a Java method, e.g. StringIndexOutOfBoundsException.

    ``java_class`` is the exception's fully qualified Java class name and
    ``message`` its ``getMessage()`` (None when Java's is null, e.g. a bare
    ``UnsupportedOperationException``); ``str(exc)`` is Java's ``toString()``
    (``class: message``, or just ``class``), as in Velocity's MethodInvocationException.
    """

    def __init__(self, java_class: str, message: str | None) -> None:
        super().__init__(java_class if message is None else f"{java_class}: {message}")
        self.java_class = java_class
        self.message = message


def java_method(owner: type, name: str) -> Callable[[F], F]:
    """Register the decorated function as Java method ``name`` of values of type ``owner``."""

    def register(function: F) -> F:
        table = _METHODS.setdefault(owner, {})
        if name in table:
            raise ValueError(f"Java method {owner.__name__}.{name} is registered twice")
        table[name] = function
        find_method.cache_clear()
        return function

    return register


@lru_cache(maxsize=4096)
def find_method(cls: type, name: str) -> JavaMethod | None:
    """Return the Java method ``name`` for receivers of type ``cls``, or None."""
    skip = _OWN_METHODS_ONLY.get(cls)
    for klass in cls.__mro__:
        table = _METHODS.get(klass)
        if table is not None and name in table and klass is not skip:
            return table[name]
    return None


def own_methods_only(owner: type) -> None:
    """Declare that ``owner``'s Java class has none of its Python base's Java methods
    (a ``java.lang.Byte`` is an ``int`` here, but has no ``parseInt``)."""
    _OWN_METHODS_ONLY[owner] = owner.__bases__[0]
    find_method.cache_clear()


def has_methods(cls: type) -> bool:
    """True if any Java method is registered for ``cls`` or one of its bases."""
    return any(klass in _METHODS for klass in cls.__mro__)


def java_class(owner: type, name: str) -> None:
    """Declare that values of Python type ``owner`` stand for Java class ``name``.

    ``name`` is what ``getClass().getName()`` returns (``net.minidev.json.JSONArray``).
    Subclasses inherit it unless they declare their own.
    """
    if owner in _CLASS_NAMES:
        raise ValueError(f"Java class of {owner.__name__} is declared twice")
    _CLASS_NAMES[owner] = name
    find_class_name.cache_clear()


@lru_cache(maxsize=1024)
def find_class_name(cls: type) -> str | None:
    """The Java class name declared for ``cls`` or its nearest base, or None."""
    for klass in cls.__mro__:
        name = _CLASS_NAMES.get(klass)
        if name is not None:
            return name
    return None

"""Java value semantics on plain Python values: the contract the runtime relies on.

Template values stay plain (``None``, ``bool``, ``int``, ``float``, ``str``, ``dict``,
``list``, ``tuple`` for Java arrays); this package says how they print, which Java
methods they have and how Velocity 1.7's operators treat them. See CONTRIBUTING.md
("vtl.java: the contract the runtime relies on").

A few Java values have no plain counterpart and are small classes of their own:
``Decimal`` (a BigDecimal, from BigInteger-with-Double arithmetic), ``JavaLong`` and
``JavaBigInteger`` (int subclasses: a Long or BigInteger too small to be told apart
by magnitude, as arithmetic on Longs yields), ``JavaChar`` (``charAt``), ``JavaClass``
(``getClass()``), the map views and entries, and the ``JavaIterator`` family.
"""

from __future__ import annotations

from vtl.java import big_decimals as _big_decimals  # noqa: F401  (registers BigDecimal methods)
from vtl.java import big_integers as _big_integers  # noqa: F401  (registers BigInteger methods)
from vtl.java import characters as _characters  # noqa: F401  (registers Character's statics)
from vtl.java import floats as _floats  # noqa: F401  (registers Float methods and floatValue)
from vtl.java import lists as _lists  # noqa: F401  (registers List and array methods)
from vtl.java import maps as _maps  # noqa: F401  (registers Map methods)
from vtl.java import numbers as _numbers  # noqa: F401  (registers Number/Boolean methods)
from vtl.java import small_ints as _small_ints  # noqa: F401  (registers Byte/Short methods)
from vtl.java import strings as _strings  # noqa: F401  (registers String methods)
from vtl.java.introspect import (
    get_index,
    get_property,
    invoke,
    is_key_lookup,
    is_plain_get,
    iterate,
    loop_size,
    loop_values,
    resolve,
    set_index,
    set_property,
)
from vtl.java.iterators import COLLECTION_CHANGING_METHODS, JavaIterator
from vtl.java.objects import UnsupportedJava, hash_code, java_equals
from vtl.java.operators import (
    add,
    div,
    equals,
    greater,
    greater_equal,
    is_true,
    less,
    less_equal,
    mod,
    mul,
    sub,
)
from vtl.java.printing import (
    JavaBigInteger,
    JavaChar,
    JavaClass,
    JavaLong,
    class_name,
    to_string,
)
from vtl.java.regex import UnsupportedJavaRegex
from vtl.java.registry import (
    JavaException,
    NoMatchingSignature,
    find_class_name,
    find_method,
    java_class,
    java_method,
)

__all__ = [
    "COLLECTION_CHANGING_METHODS",
    "JavaBigInteger",
    "JavaChar",
    "JavaClass",
    "JavaException",
    "JavaIterator",
    "JavaLong",
    "NoMatchingSignature",
    "UnsupportedJava",
    "UnsupportedJavaRegex",
    "add",
    "class_name",
    "div",
    "equals",
    "find_class_name",
    "find_method",
    "get_index",
    "get_property",
    "greater",
    "greater_equal",
    "hash_code",
    "invoke",
    "is_key_lookup",
    "is_plain_get",
    "is_true",
    "iterate",
    "java_class",
    "java_equals",
    "java_method",
    "less",
    "less_equal",
    "loop_size",
    "loop_values",
    "mod",
    "mul",
    "resolve",
    "set_index",
    "set_property",
    "sub",
    "to_string",
]

"""How values print (``String.valueOf``) and which Java class they are.

``to_string`` is on the hot path of every ``$reference``: a ``str`` returns at once,
the other plain types have their own short branch, and anything else prints
through its registered ``toString`` Java method.
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from typing import Any

from vtl.java.doubles import double_to_string
from vtl.java.limits import SHORT as SHORT_TEXT
from vtl.java.limits import check_length, max_length, tick
from vtl.java.registry import find_class_name, find_method, java_class, java_method

INT_MIN = -(1 << 31)
INT_MAX = (1 << 31) - 1
LONG_MIN = -(1 << 63)
LONG_MAX = (1 << 63) - 1

java_class(str, "java.lang.String")
java_class(bool, "java.lang.Boolean")
java_class(float, "java.lang.Double")
java_class(dict, "java.util.LinkedHashMap")
java_class(list, "java.util.ArrayList")
java_class(Decimal, "java.math.BigDecimal")


def concat(left: str, right: str) -> str:
    """``left + right`` as Java strings: a high surrogate at the end of ``left`` and a
    low one at the start of ``right`` make one supplementary character."""
    if len(left) + len(right) > SHORT_TEXT:  # repeated doubling stops at the output limit
        check_length(len(left) + len(right))
    if left and right and "\ud800" <= left[-1] <= "\udbff" and "\udc00" <= right[0] <= "\udfff":
        pair = (left[-1] + right[0]).encode("utf-16-le", "surrogatepass").decode("utf-16-le")
        return left[:-1] + pair + right[1:]
    return left + right


class JavaLong(int):
    """A ``java.lang.Long`` small enough to pass for an Integer: what Velocity's
    arithmetic gives for ``$long - $long`` (the result keeps the wider operand's class).
    A plain ``int`` is an Integer, Long or BigInteger by magnitude."""

    __slots__ = ()


class JavaBigInteger(int):
    """A ``java.math.BigInteger`` small enough to pass for an Integer or a Long."""

    __slots__ = ()


class JavaByte(int):
    """A ``java.lang.Byte`` (what ``byteValue()`` gives): Velocity's arithmetic keeps the
    class while the result fits (``$b * $b`` is a Byte), then widens to Short, Integer."""

    __slots__ = ()


class JavaShort(int):
    """A ``java.lang.Short`` (what ``shortValue()`` gives)."""

    __slots__ = ()


java_class(JavaLong, "java.lang.Long")
java_class(JavaBigInteger, "java.math.BigInteger")
java_class(JavaByte, "java.lang.Byte")
java_class(JavaShort, "java.lang.Short")

# The integer classes in MathUtils.typesBySize order (a wider kind is a larger number).
BYTE, SHORT, INTEGER, LONG, BIG_INTEGER = -2, -1, 0, 1, 2
INT_TYPES = (int, JavaLong, JavaBigInteger, JavaByte, JavaShort)
_INT_CLASS_NAMES = {BYTE: "java.lang.Byte", SHORT: "java.lang.Short", INTEGER: "java.lang.Integer",
                    LONG: "java.lang.Long", BIG_INTEGER: "java.math.BigInteger"}


def fits_int(value: Any) -> bool:
    """``value`` fits a Java ``int`` parameter: an Integer, or a Short or Byte (Velocity's
    method matching widens them)."""
    cls = type(value)
    return cls is int and INT_MIN <= value <= INT_MAX or cls is JavaByte or cls is JavaShort


def magnitude_kind(value: int) -> int:
    """INTEGER, LONG or BIG_INTEGER: the narrowest class that holds ``value``."""
    if INT_MIN <= value <= INT_MAX:
        return INTEGER
    if LONG_MIN <= value <= LONG_MAX:
        return LONG
    return BIG_INTEGER


def int_kind(value: int) -> int:
    """The Java class of an integer value: INTEGER, LONG or BIG_INTEGER."""
    cls = type(value)
    if cls is JavaBigInteger:
        return BIG_INTEGER
    if cls is JavaByte:
        return BYTE
    if cls is JavaShort:
        return SHORT
    kind = magnitude_kind(value)
    return LONG if cls is JavaLong and kind == INTEGER else kind


def make_int(value: int, kind: int) -> int:
    """``value`` as an integer of Java class ``kind``, or wider if it does not fit
    (``MathUtils.wrapPrimitive``: Byte, Short, Integer, Long, then BigInteger)."""
    if kind == BYTE and -0x80 <= value <= 0x7F:
        return JavaByte(value)
    if kind <= SHORT and -0x8000 <= value <= 0x7FFF:
        return JavaShort(value)
    magnitude = magnitude_kind(value)
    if kind <= magnitude:
        return int(value)
    return JavaLong(value) if kind == LONG else JavaBigInteger(value)


def int_class_name(value: int) -> str:
    """``java.lang.Integer``, ``java.lang.Long``, ``java.math.BigInteger``, ``java.lang.Byte``
    or ``java.lang.Short``."""
    return _INT_CLASS_NAMES[int_kind(value)]


class ObjectArray(tuple):  # type: ignore[type-arg]
    """A Java ``Object[]`` (what ``Collection.toArray()`` returns), whatever its elements."""

    __slots__ = ()


java_class(ObjectArray, "[Ljava.lang.Object;")


def array_class_name(value: tuple[Any, ...]) -> str:
    """The class of a Java array: ``[Ljava.lang.String;``, ``[C`` or ``[Ljava.lang.Object;``."""
    if all(type(e) is str or e is None for e in value):
        return "[Ljava.lang.String;"
    if all(type(e) is JavaChar for e in value):
        return "[C"
    return "[Ljava.lang.Object;"


def class_name(value: Any) -> str:
    """``value.getClass().getName()``; raises TypeError for a type with no Java class."""
    cls: type = type(value)
    if cls in INT_TYPES:
        return int_class_name(value)
    if cls is tuple:
        return array_class_name(value)
    name = find_class_name(cls)
    if name is None:
        raise TypeError(f"no Java class is declared for Python type {cls.__qualname__}")
    return name


def identity_hash(value: object) -> int:
    """A stand-in for ``System.identityHashCode``: stable for the object's lifetime."""
    return (id(value) >> 4) & 0x7FFFFFFF


def default_to_string(value: object) -> str:
    """``Object.toString()``: ``java.lang.Object@1b6d3586`` (the hash is not Java's)."""
    return f"{class_name(value)}@{identity_hash(value):x}"


def to_string(value: Any) -> str | None:
    """``String.valueOf(value)`` for printing; None for null (the caller decides)."""
    cls: type = type(value)
    if cls is str:
        return value  # type: ignore[no-any-return]
    if value is None:
        return None
    if cls is bool:
        return "true" if value else "false"
    if cls is int:
        return int_to_string(value)
    if cls is float:
        return double_to_string(value)
    if cls is dict or cls is list:
        return nested_to_string(value)
    method = find_method(cls, "toString")
    if method is not None:
        return method(value)  # type: ignore[no-any-return]
    return default_to_string(value)


def element_to_string(value: Any) -> str:
    """``String.valueOf(Object)`` inside a collection: null prints ``null``."""
    if type(value) is str:
        return value
    text = to_string(value)
    return "null" if text is None else text


def int_to_string(value: int) -> str:
    """``Integer/Long/BigInteger.toString()``, with no limit on the number of digits."""
    try:
        return str(value)
    except ValueError:  # beyond sys.get_int_max_str_digits()
        return "-" + _digits_of(-value) if value < 0 else _digits_of(value)


def digits_to_int(text: str) -> int:
    """``new BigInteger(text)`` for an optionally signed run of ASCII digits, with no limit
    on their number (divide and conquer: quasi-linear, not Python's quadratic loop)."""
    try:
        return int(text)
    except ValueError:  # beyond sys.get_int_max_str_digits()
        if text[:1] in "+-":
            magnitude = _int_of(text[1:])
            return -magnitude if text[0] == "-" else magnitude
        return _int_of(text)


_CHUNK = 2000  # digits Python converts directly (under its 4300-digit limit)


def _int_of(digits: str) -> int:
    if len(digits) <= _CHUNK:
        return int(digits)
    tick()  # a million digits take about a second: within the render's time limit
    low = len(digits) // 2
    scale: int = 10**low
    return _int_of(digits[:-low]) * scale + _int_of(digits[-low:])


def _digits_of(value: int) -> str:
    """``value`` (non-negative) in decimal: split by powers of two, recombined with the
    decimal module's fast multiplication (quasi-linear; ``str`` and ``divmod`` by powers
    of ten are quadratic on Python 3.11)."""
    with decimal.localcontext() as context:
        context.prec = decimal.MAX_PREC
        context.Emax = decimal.MAX_EMAX
        powers: dict[int, decimal.Decimal] = {}

        def power(bits: int) -> decimal.Decimal:
            if bits not in powers:
                powers[bits] = decimal.Decimal(2) ** bits
            return powers[bits]

        def convert(n: int, bits: int) -> decimal.Decimal:
            if bits <= 8192:
                return decimal.Decimal(n)
            tick()
            half = bits >> 1
            high, low = n >> half, n & ((1 << half) - 1)
            return convert(high, bits - half) * power(half) + convert(low, half)

        return str(convert(value, value.bit_length()))


def collection_to_string(owner: object, elements: Any) -> str:
    """``AbstractCollection.toString()``: ``[a, b]``; the collection itself prints
    ``(this Collection)``."""
    parts = []
    for element in elements:
        if type(element) is str:
            parts.append(element)
        elif element is owner:
            parts.append("(this Collection)")
        else:
            parts.append(element_to_string(element))
    return "[" + ", ".join(parts) + "]"


def nested_to_string(root: dict[Any, Any] | list[Any]) -> str:
    """``toString()`` of a map or list (:func:`map_to_string`, :func:`collection_to_string`)
    with the maps and lists inside it walked without recursion: a request body may nest 400
    deep (json-smart's limit) and Java prints it, while three Python frames a level would
    pass Python's stack (issue 14)."""
    out: list[str] = []
    # (container, its items, is a map, first item still to come) for each open level
    stack: list[list[Any]] = [[root, iter(root.items() if type(root) is dict else root), type(root) is dict, True]]
    out.append("{" if type(root) is dict else "[")
    # A value can print far longer than it is (the maps a deep scan returns each hold the
    # ones below: quadratic): the render's time and output limits hold inside one print too.
    limit = max_length()
    size = 0
    while stack:
        level = stack[-1]
        owner, items, is_map, first = level
        item: Any = next(items, _END)
        if item is _END:
            out.append("}" if is_map else "]")
            stack.pop()
            continue
        if not first:
            out.append(", ")
        level[3] = False
        if is_map:
            key, item = item
            out.append(key if type(key) is str else "(this Map)" if key is owner else element_to_string(key))
            out.append("=")
        cls = type(item)
        if cls is str:
            out.append(item)
            size += len(item)
        elif item is owner:
            out.append("(this Map)" if is_map else "(this Collection)")
        elif cls is dict or cls is list:
            out.append("{" if cls is dict else "[")
            stack.append([item, iter(item.items() if cls is dict else item), cls is dict, True])
            tick()
            size += 2
        else:
            text = element_to_string(item)
            out.append(text)
            size += len(text)
        if limit is not None and size > limit:
            check_length(size)
    return "".join(out)


_END = object()


def map_to_string(mapping: dict[Any, Any]) -> str:
    """``AbstractMap.toString()``: ``{k=v, k2=v2}``; the map itself prints ``(this Map)``."""
    parts = []
    for key, value in mapping.items():
        k = key if type(key) is str else (
            "(this Map)" if key is mapping else element_to_string(key))
        v = value if type(value) is str else (
            "(this Map)" if value is mapping else element_to_string(value))
        parts.append(f"{k}={v}")
    return "{" + ", ".join(parts) + "}"


class JavaChar:
    """A ``java.lang.Character`` (what ``charAt`` returns): one UTF-16 code unit.

    Not a String: ``$c.equals("H")`` is false and ``$c + 1`` is null, but it prints
    as the character and ``$c == "H"`` is true (compared as strings).
    """

    __slots__ = ("char",)

    def __init__(self, char: str) -> None:
        self.char = char

    def __repr__(self) -> str:
        return f"JavaChar({self.char!r})"


java_class(JavaChar, "java.lang.Character")


class JavaClass:
    """A ``java.lang.Class`` value, as ``getClass()`` returns it (only its name matters)."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"JavaClass({self.name!r})"


java_class(JavaClass, "java.lang.Class")

_ARRAY_COMPONENTS = {"C": "char", "B": "byte", "I": "int", "J": "long", "D": "double",
                     "Z": "boolean", "S": "short", "F": "float"}


def _type_name(name: str) -> str:
    """``Class.getTypeName()``: ``java.lang.String[]`` for ``[Ljava.lang.String;``."""
    if name.startswith("["):
        inner = name[1:]
        if inner.startswith("L"):
            return inner[1:-1] + "[]"
        if inner.startswith("["):
            return _type_name(inner) + "[]"
        return _ARRAY_COMPONENTS[inner] + "[]"
    return name


@java_method(JavaClass, "getName")
def class_get_name(cls: JavaClass) -> str:
    """``String Class.getName()``"""
    return cls.name


@java_method(JavaClass, "getTypeName")
def class_get_type_name(cls: JavaClass) -> str:
    """``String Class.getTypeName()``"""
    return _type_name(cls.name)


@java_method(JavaClass, "getSimpleName")
def class_get_simple_name(cls: JavaClass) -> str:
    """``String Class.getSimpleName()``: ``String``, ``Entry``, ``String[]``."""
    name = _type_name(cls.name)
    return name.rpartition(".")[2].rpartition("$")[2]


@java_method(JavaClass, "toString")
def class_to_string(cls: JavaClass) -> str:
    """``String Class.toString()``: ``class java.lang.String``."""
    return "class " + cls.name


@java_method(JavaClass, "isArray")
def class_is_array(cls: JavaClass) -> bool:
    """``boolean Class.isArray()``"""
    return cls.name.startswith("[")


@java_method(JavaClass, "equals")
def class_equals(cls: JavaClass, other: Any) -> bool:
    """``boolean Class.equals(Object)`` (one Class object per class in Java)."""
    return type(other) is JavaClass and other.name == cls.name


@java_method(JavaClass, "hashCode")
def class_hash_code(cls: JavaClass) -> int:
    """``int Class.hashCode()`` (an identity hash in Java; stable per name here)."""
    return hash(cls.name) & 0x7FFFFFFF

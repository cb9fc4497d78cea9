"""The Python side of the oracle's ``custom`` cases: each template written out with the
``vtl.java`` API, as the runtime would run it. Variables: ``s``, ``map``, ``list``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from java_oracle import show

from vtl import java

Vars = dict[str, Any]
get, call = java.get_property, java.invoke


def _char(v: Vars, i: int) -> Any:
    return call(v["s"], "charAt", [i])


def _tf(flag: bool) -> str:
    return "T" if flag else "F"


def char_class(v: Vars) -> str:
    return f"{show(get(get(_char(v, 0), 'class'), 'name'), '')} {show(_char(v, 0), '')}"


def char_eq_string(v: Vars) -> str:
    c = _char(v, 0)
    return f"{_tf(java.equals(c, 'H'))} {show(call(c, 'equals', ['H']), '')}"


def char_eq_char(v: Vars) -> str:
    same = java.equals(_char(v, 0), _char(v, 0))
    return f"{_tf(same)} {show(call(_char(v, 2), 'equals', [_char(v, 3)]), '')}"


def char_plus(v: Vars) -> str:
    c = java.add(_char(v, 0), 1, "$s.charAt(0)", "1")
    d = java.add(_char(v, 0), "x", "$s.charAt(0)", '"x"')
    return f"[{show(c, '$c')}] {show(d, '$d')}"


def char_replace(v: Vars) -> str:
    return show(call(v["s"], "replace", [_char(v, 0), _char(v, 1)]), "")


def char_index_of(v: Vars) -> str:
    return show(call(v["s"], "indexOf", [_char(v, 4)]), "$s.indexOf($s.charAt(4))")


def char_hash_compare(v: Vars) -> str:
    c0 = _char(v, 0)
    return " ".join(show(x, "") for x in (call(c0, "hashCode", []),
                                          call(c0, "compareTo", [_char(v, 1)]),
                                          call(c0, "charValue", [])))


def _entries(v: Vars) -> Any:
    return java.iterate(call(v["map"], "entrySet", []))


def entry_key_value(v: Vars) -> str:
    return "".join(f"{show(get(e, 'key'), '')}={show(get(e, 'value'), '')};"
                   f"{show(call(e, 'getKey', []), '')}" for e in _entries(v))


def entry_set_value(v: Vars) -> str:
    out = "".join(show(call(e, "setValue", [0]), "$e.setValue(0)") for e in _entries(v))
    return f"{out} {show(v['map'], '')}"


def entry_class(v: Vars) -> str:
    e = next(iter(_entries(v)))
    return (f"{show(get(get(e, 'class'), 'name'), '')} {show(call(e, 'toString', []), '')} "
            f"{show(call(e, 'hashCode', []), '')}")


def keyset_remove(v: Vars) -> str:
    removed = call(call(v["map"], "keySet", []), "remove", ["a"])
    return f"{show(removed, '')} {show(v['map'], '')}"


def values_remove(v: Vars) -> str:
    removed = call(call(v["map"], "values", []), "remove", ["two"])
    return f"{show(removed, '')} {show(v['map'], '')}"


def keyset_clear(v: Vars) -> str:
    return f"{show(call(call(v['map'], 'keySet', []), 'clear', []), '')} {show(v['map'], '')}"


def keyset_equals(v: Vars) -> str:
    keys = lambda: call(v["map"], "keySet", [])
    return (f"{_tf(java.equals(keys(), keys()))} {_tf(java.equals(keys(), ['a', 'b', 'c']))} "
            f"{show(call(keys(), 'equals', [keys()]), '')}")


def values_equals(v: Vars) -> str:
    values = lambda: call(v["map"], "values", [])
    return show(call(values(), "equals", [values()]), "")


def self_map(v: Vars) -> str:
    m: dict[str, Any] = {}
    call(m, "put", ["self", m])
    return show(m, "$m")


def self_list(v: Vars) -> str:
    lst: list[Any] = []
    call(lst, "add", [lst])
    return show(lst, "$l")


def number_keys(v: Vars) -> str:
    m = {1: "a", "1": "b"}
    parts = [call(m, "get", [1]), call(m, "get", ["1"]), java.get_index(m, 1),
             call(m, "size", []), m]
    return " ".join(show(p, "") for p in parts)


def double_key(v: Vars) -> str:
    m = {1.0: "a"}
    return (f"{show(call(m, 'get', [1.0]), '')} [{show(call(m, 'get', [1]), '$m.get(1)')}] "
            f"{show(call(m, 'containsKey', [1.0]), '')}")


def bool_key(v: Vars) -> str:
    m = {True: "a"}
    return f"{show(call(m, 'get', [True]), '')} [{show(call(m, 'get', [1]), '$m.get(1)')}]"


def list_key(v: Vars) -> str:
    m: dict[Any, Any] = {}
    k = [1]
    return f"[{show(call(m, 'get', [k]), '$m.get($k)')}] {show(call(m, 'containsKey', [k]), '')}"


def iterator(v: Vars) -> str:
    it = call(v["list"], "iterator", [])
    steps = ["hasNext", "next", "next", "next", "hasNext"]
    return " ".join(show(call(it, step, []), "") for step in steps)


def iterator_remove(v: Vars) -> str:
    it = call(v["list"], "iterator", [])
    first = show(call(it, "next", []), "")
    return f"{first} {show(call(it, 'remove', []), '')} {show(v['list'], '')}"


def iterator_exhausted(v: Vars) -> str:
    it = call(v["list"], "iterator", [])
    return "".join(show(call(it, "next", []), "") for _ in range(4))


def foreach_iterator(v: Vars) -> str:
    return "".join(show(e, "") for e in java.iterate(call(v["list"], "iterator", [])))


def foreach_modify(v: Vars) -> str:
    out = []
    for e in java.iterate(v["list"]):
        call(v["list"], "add", [9])
        out.append(show(e, ""))
    return "".join(out)


def foreach_modify_last(v: Vars) -> str:
    out = []
    for e in java.iterate(v["list"]):
        if java.equals(e, 3):
            call(v["list"], "add", [9])
        out.append(show(e, ""))
    return "".join(out)


def foreach_map_modify(v: Vars) -> str:
    out = []
    for count, e in enumerate(java.iterate(v["map"]), 1):
        call(v["map"], "put", [f"new{count}", 1])
        out.append(show(e, "") + ";")
    return "".join(out)


def foreach_map_modify_last(v: Vars) -> str:
    out = []
    for count, e in enumerate(java.iterate(v["map"]), 1):
        if count == 3:
            call(v["map"], "put", ["z", 1])
        out.append(show(e, "") + ";")
    return "".join(out)


def foreach_map_existing(v: Vars) -> str:
    out = []
    for e in java.iterate(v["map"]):
        call(v["map"], "put", ["a", 5])
        out.append(show(e, "") + ";")
    return "".join(out)


def class_object(v: Vars) -> str:
    cls = get(v["s"], "class")
    parts = [cls, get(cls, "simpleName"), get(cls, "class"), call(cls, "getName", []),
             get(cls, "typeName")]
    return " ".join(show(p, "") for p in parts)


def array_class(v: Vars) -> str:
    cls = get(call(v["s"], "split", [","]), "class")
    return " ".join(show(p, "") for p in (get(cls, "simpleName"), get(cls, "typeName"), cls))


def toarray_class(v: Vars) -> str:
    return show(get(get(call(v["list"], "toArray", []), "class"), "name"), "")


def _class_names(values: list[Any]) -> str:
    return " ".join(show(get(get(x, "class"), "name"), "") for x in values)


def keyset_classes(v: Vars) -> str:
    return _class_names([call(v["map"], name, []) for name in ("keySet", "values", "entrySet")])


def iterator_classes(v: Vars) -> str:
    its = [call(v["list"], "iterator", [])] + [
        call(call(v["map"], name, []), "iterator", []) for name in ("keySet", "values", "entrySet")]
    return _class_names(its)


def sublist_printing(v: Vars) -> str:
    return (f"{show(call(v['list'], 'subList', [1, 3]), '')} "
            f"{show(call(v['list'], 'subList', [0, 0]), '')}")


def double_arith_print(v: Vars) -> str:
    values = [java.mul(2.0, 3), java.add(0.1, 0.2, "", ""), java.mul(100.0, 100000),
              java.mul(0.0001, 1), java.mul(12345678.9, 1)]
    return " ".join(show(x, "") for x in values)


def big_literals(v: Vars) -> str:
    x = java.add(2147483647, 1, "", "")
    y = java.add(9223372036854775807, 1, "", "")
    return f"{show(x, '')} {java.class_name(x)} {show(y, '')} {java.class_name(y)}"


def string_plus(v: Vars) -> str:
    values = [java.add("a", 1, '"a"', "1"), java.add(1, "a", "1", '"a"'),
              java.add(None, "x", "$nope", '"x"'), java.add(v["list"], "a", "$list", '"a"')]
    return " ".join(show(x, "") for x in values)


def null_key(v: Vars) -> str:
    m: dict[Any, Any] = {}
    call(m, "put", [None, 1])
    first = " ".join(show(x, "") for x in (m, call(m, "get", [None]),
                                           call(m, "containsKey", [None])))
    call(m, "put", ["k", None])
    return f"{first}{show(m, '')}"  # the blank before #set belongs to the #set


def null_elements(v: Vars) -> str:
    lst: list[Any] = [1]
    call(lst, "add", [None])
    parts = [lst, call(lst, "contains", [None]), call(lst, "indexOf", [None]),
             call(lst, "size", [])]
    return " ".join(show(x, "") for x in parts)


def map_literal_order(v: Vars) -> str:
    m = {"z": 1, "a": 2}
    call(m, "put", ["z", 3])
    call(m, "remove", ["a"])
    call(m, "put", ["a", 4])
    return show(m, "")


def typed_long(v: Vars) -> str:
    n, lst, s = v["n"], v["list"], v["s"]
    long5 = call(n, "longValue", [])
    a, b = java.add(long5, 1, "$l", "1"), java.mul(long5, long5)
    c, d = java.div(long5, 2), java.sub(long5, long5)
    parts = [show(a, ""), java.class_name(a), java.class_name(b), java.class_name(c),
             java.class_name(d), show(call(long5, "equals", [5]), ""),
             show(call(long5, "equals", [n]), "")]
    eq = "T" if java.equals(long5, n) else ""
    rest = [show(call(lst, "contains", [long5]), ""), show(call(lst, "indexOf", [long5]), ""),
            f"[{show(call(s, 'substring', [long5]), '$s.substring($l)')}]",
            show(call(long5, "hashCode", []), ""), show(call(long5, "compareTo", [n]), ""),
            show(call(long5, "compareTo", [long5]), "")]
    return " ".join(parts) + " " + eq + " " + " ".join(rest)


def typed_big_integer(v: Vars) -> str:
    g = java.sub(v["huge"], v["huge"])
    h = java.add(g, 1, "$g", "1")
    k = java.mul(g, 1.5)
    return (f"{show(g, '')} {java.class_name(g)} {show(call(g, 'intValue', []), '')} "
            f"[{show(call(v['s'], 'substring', [g]), '$s.substring($g)')}] "
            f"{show(call(g, 'equals', [0]), '')}{java.class_name(h)}{show(k, '')} "
            f"{java.class_name(k)}")  # blanks before #set are swallowed


CUSTOM: dict[str, Callable[[Vars], str]] = {
    f"custom:{name.replace('_', '-')}": function for name, function in [
        ("char_class", char_class), ("char_eq_string", char_eq_string),
        ("char_eq_char", char_eq_char), ("char_plus", char_plus),
        ("char_replace", char_replace), ("char_indexof", char_index_of),
        ("char_hash_compare", char_hash_compare), ("entry_key_value", entry_key_value),
        ("entry_set_value", entry_set_value), ("entry_class", entry_class),
        ("keyset_remove", keyset_remove), ("values_remove", values_remove),
        ("keyset_clear", keyset_clear), ("keyset_equals", keyset_equals),
        ("values_equals", values_equals), ("self_map", self_map), ("self_list", self_list),
        ("number_keys", number_keys), ("double_key", double_key), ("bool_key", bool_key),
        ("list_key", list_key), ("iterator", iterator), ("iterator_remove", iterator_remove),
        ("iterator_exhausted", iterator_exhausted), ("foreach_iterator", foreach_iterator),
        ("foreach_modify", foreach_modify), ("foreach_modify_last", foreach_modify_last),
        ("foreach_map_modify", foreach_map_modify),
        ("foreach_map_modify_last", foreach_map_modify_last),
        ("foreach_map_existing", foreach_map_existing), ("class_object", class_object),
        ("array_class", array_class), ("toarray_class", toarray_class),
        ("keyset_classes", keyset_classes), ("iterator_classes", iterator_classes),
        ("sublist_printing", sublist_printing), ("double_arith_print", double_arith_print),
        ("big_literals", big_literals), ("string_plus", string_plus), ("null_key", null_key),
        ("null_elements", null_elements), ("map_literal_order", map_literal_order),
        ("typed_long", typed_long), ("typed_biginteger", typed_big_integer),
    ]
}

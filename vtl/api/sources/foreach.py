"""``Fn::ForEach`` of CloudFormation's AWS::LanguageExtensions transform, expanded before
the template is read (as the transform does before CloudFormation reads it).

The Fn::ForEach reference: ``'Fn::ForEach::LoopName': [Identifier, Collection,
{OutputKey: OutputValue}]`` in the Conditions, Outputs and Resources sections (resource
properties included); the collection is a list or a Ref to a CommaDelimitedList parameter;
every ``${Identifier}`` and ``&{Identifier}`` (its non-alphanumeric characters dropped) in
the output keys and values, and every ``Ref: Identifier``, is replaced by each item; loops
nest. Each expanded value keeps the line of the fragment it was copied from (a graft).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from vtl.api.sources.document import DefinitionError, Document

__all__ = ["FOR_EACH", "expand_for_each"]

#: The prefix of a loop's key.
FOR_EACH = "Fn::ForEach::"
#: The sections a loop may stand in (the Fn::ForEach reference).
_SECTIONS = ("Conditions", "Outputs", "Resources")

Path_ = tuple[Any, ...]


def expand_for_each(data: dict[str, Any], document: Document, params: Mapping[str, str],
                    grafts: list[tuple[Path_, Document, Path_]]) -> None:
    """Expand every loop of ``data``'s sections in place; ``params`` are the parameters'
    values (given or Default), for a collection that is a Ref to one."""
    for section in _SECTIONS:
        if isinstance(data.get(section), dict):
            data[section] = _expand(data[section], (section,), (section,), document, params,
                                    grafts)


def _expand(value: Any, dst: Path_, src: Path_, document: Document,
            params: Mapping[str, str], grafts: list[tuple[Path_, Document, Path_]]) -> Any:
    if isinstance(value, list):
        return [_expand(item, (*dst, i), (*src, i), document, params, grafts)
                for i, item in enumerate(value)]
    if not isinstance(value, dict):
        return value
    result: dict[str, Any] = {}
    for key, item in value.items():
        if not (isinstance(key, str) and key.startswith(FOR_EACH)):
            result[key] = _expand(item, (*dst, key), (*src, key), document, params, grafts)
            continue
        for out_key, (out_value, from_path) in _loop(key, item, (*src, key), document,
                                                    params).items():
            if out_key in result or out_key in value:
                raise DefinitionError(f"{key} makes {out_key!r} twice (or a key written beside "
                                      "the loop): CloudFormation refuses the template",
                                      document.source((*src, key)))
            grafts.append(((*dst, out_key), document, from_path))
            result[out_key] = _expand(out_value, (*dst, out_key), from_path, document, params,
                                      grafts)
    return result


def _loop(key: str, value: Any, at: Path_, document: Document, params: Mapping[str, str],
          bindings: tuple[tuple[str, str], ...] = ()) -> dict[str, tuple[Any, Path_]]:
    """The keys one loop makes, each with its value and the path of its fragment;
    ``bindings`` are the items of the loops around it (identifier, item)."""
    if not (isinstance(value, list) and len(value) == 3 and isinstance(value[0], str)
            and isinstance(value[2], dict)):
        raise DefinitionError(f"{key} takes [Identifier, Collection, {{OutputKey: OutputValue}}]",
                              document.source(at))
    identifier, collection, fragment = value
    items = _collection(_bound(collection, bindings), key, (*at, 1), document, params)
    made: dict[str, tuple[Any, Path_]] = {}
    for item in items:
        inner = (*bindings, (identifier, item))
        for out_key, out_value in fragment.items():
            if out_key.startswith(FOR_EACH):  # a nested loop, with this item bound
                made.update(_loop(out_key, out_value, (*at, 2, out_key), document, params, inner))
                continue
            name = _bound(out_key, inner)
            if name == _bound(out_key, bindings):
                raise DefinitionError(f"{key}: the output key {out_key!r} holds neither "
                                      f"${{{identifier}}} nor &{{{identifier}}}",
                                      document.source((*at, 2, out_key)))
            made[name] = (_bound(out_value, inner), (*at, 2, out_key))
    return made


def _bound(value: Any, bindings: tuple[tuple[str, str], ...]) -> Any:
    for identifier, item in bindings:
        value = _substitute(value, identifier, item)
    return value


def _collection(value: Any, key: str, at: Path_, document: Document,
                params: Mapping[str, str]) -> list[str]:
    if isinstance(value, dict) and list(value) == ["Ref"] and isinstance(value["Ref"], str):
        name = value["Ref"]
        if name not in params:
            raise DefinitionError(f"{key}: the collection is the parameter {name}, which has no "
                                  f"value: give it with --param {name}=A,B", document.source(at))
        return [part.strip() for part in str(params[name]).split(",")]
    if isinstance(value, list) and all(isinstance(item, (str, int, float)) for item in value):
        return [str(item) for item in value]
    raise DefinitionError(f"{key}: the collection must be a list of strings or a Ref to a "
                          "CommaDelimitedList parameter", document.source(at))


def _substitute(value: Any, identifier: str, item: str) -> Any:
    """``value`` with ``${identifier}``, ``&{identifier}`` and ``Ref: identifier`` replaced."""
    if isinstance(value, str):
        alphanumeric = re.sub(r"[^A-Za-z0-9]", "", item)
        return value.replace("${" + identifier + "}", item).replace(
            "&{" + identifier + "}", alphanumeric)
    if isinstance(value, list):
        return [_substitute(v, identifier, item) for v in value]
    if isinstance(value, dict):
        if list(value) == ["Ref"] and value["Ref"] == identifier:
            return item
        return {_substitute(k, identifier, item): _substitute(v, identifier, item)
                for k, v in value.items()}
    return value

"""Terraform's ``yamldecode`` and ``yamlencode``, for the Terraform reader.

Terraform's yamldecode page: "a subset of YAML 1.2": plain scalars resolve by the YAML 1.2
core schema (``yes``/``on`` stay strings, ``0o17`` is octal), ``!!timestamp`` becomes a
string in RFC 3339 format, ``!!binary`` its base64 text, map keys are strings, anchors and
aliases are followed, and more than one document is an error. The one place this module
guesses is :func:`_timestamp`: how a timestamp written without seconds' zone is spelt.
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml

__all__ = ["decode", "encode"]

_STR = "tag:yaml.org,2002:str"
_NULL = re.compile(r"null|Null|NULL|~|")
_TRUE = re.compile(r"true|True|TRUE")
_FALSE = re.compile(r"false|False|FALSE")
_INT = re.compile(r"[-+]?[0-9]+")
_OCTAL = re.compile(r"0o([0-7]+)")
_HEX = re.compile(r"0x([0-9a-fA-F]+)")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_INFINITY = re.compile(r"([-+]?)\.(inf|Inf|INF)")
_NAN = re.compile(r"\.(nan|NaN|NAN)")
#: The YAML timestamp forms (yaml.org/type/timestamp).
_TIMESTAMP = re.compile(
    r"(?P<date>[0-9]{4}-[0-9]{1,2}-[0-9]{1,2})"
    r"(?:(?:[Tt]|[ \t]+)(?P<time>[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?)"
    r"(?:[ \t]*(?P<zone>Z|[-+][0-9]{1,2}(?::?[0-9]{2})?))?)?")


def decode(text: str) -> Any:
    """The value of the one YAML document ``text`` (None for an empty one); ValueError with
    the problem and its line when Terraform's yamldecode would fail."""
    try:
        documents = [d for d in yaml.compose_all(text, Loader=yaml.BaseLoader)]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f" (line {mark.line + 1})" if mark else ""
        raise ValueError(f"{error.problem or error.context or 'not YAML'}{where}") from None
    except yaml.YAMLError as error:
        raise ValueError(str(error)) from None
    if len(documents) > 1:
        raise ValueError("only one YAML document is permitted (line "
                         f"{documents[1].start_mark.line + 1})")
    return _value(documents[0], ()) if documents else None


def encode(value: Any) -> str:
    """YAML text for ``value`` (block style, keys sorted as Terraform's maps are)."""
    return yaml.safe_dump(value, sort_keys=True, default_flow_style=False, allow_unicode=True)


def _value(node: yaml.Node, seen: tuple[int, ...]) -> Any:
    if id(node) in seen:
        raise ValueError(f"a cyclic alias (line {node.start_mark.line + 1})")
    inside = (*seen, id(node))
    if isinstance(node, yaml.SequenceNode):
        return [_value(item, inside) for item in node.value]
    if isinstance(node, yaml.MappingNode):
        return _mapping(node, inside)
    assert isinstance(node, yaml.ScalarNode)
    return _scalar(node)


def _mapping(node: yaml.MappingNode, seen: tuple[int, ...]) -> dict[str, Any]:
    """A mapping; ``<<`` merge keys give entries the mapping itself does not."""
    result: dict[str, Any] = {}
    merged: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == "<<" \
                and key_node.style is None:
            sources = value_node.value if isinstance(value_node, yaml.SequenceNode) \
                else [value_node]
            for source in sources:
                value = _value(source, seen)
                if not isinstance(value, dict):
                    raise _error("a merge key (<<) takes mappings", key_node)
                merged = {**value, **merged}
            continue
        if not isinstance(key_node, yaml.ScalarNode):
            raise _error("a map key must be a scalar", key_node)
        key = _scalar(key_node)
        text = key if isinstance(key, str) else _key_text(key)
        result[text] = _value(value_node, seen)
    return {**merged, **result}


def _error(problem: str, node: yaml.Node) -> ValueError:
    return ValueError(f"{problem} (line {node.start_mark.line + 1})")


def _key_text(key: Any) -> str:
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    return str(key)


def _scalar(node: yaml.ScalarNode) -> Any:
    text = node.value
    if node.tag == _STR and node.style is None:
        return _plain(text)
    tag = node.tag.removeprefix("tag:yaml.org,2002:")
    if tag in ("str", "binary") or node.tag == "!":
        return text
    if tag in ("int", "float", "bool", "null"):
        value = _plain(text)
        kinds: dict[str, tuple[type, ...]] = {
            "int": (int,), "float": (int, float), "bool": (bool,), "null": (type(None),)}
        if isinstance(value, kinds[tag]) and not (tag != "bool" and isinstance(value, bool)):
            return value
        raise ValueError(f"cannot read {text!r} as !!{tag} (line {node.start_mark.line + 1})")
    if tag == "timestamp":
        match = _TIMESTAMP.fullmatch(text)
        if match:
            return _timestamp(match)
    raise ValueError(f"unsupported tag {node.tag} (line {node.start_mark.line + 1})")


def _plain(text: str) -> Any:
    """A plain scalar by the YAML 1.2 core schema, plus timestamps."""
    if _NULL.fullmatch(text):
        return None
    if _TRUE.fullmatch(text):
        return True
    if _FALSE.fullmatch(text):
        return False
    if _INT.fullmatch(text):
        return int(text)
    for pattern, base in ((_OCTAL, 8), (_HEX, 16)):
        match = pattern.fullmatch(text)
        if match:
            return int(match.group(1), base)
    if _FLOAT.fullmatch(text):
        number = float(text)
        return int(number) if number.is_integer() and abs(number) < 2 ** 53 else number
    match = _INFINITY.fullmatch(text)
    if match:
        return -math.inf if match.group(1) == "-" else math.inf
    if _NAN.fullmatch(text):
        return math.nan
    match = _TIMESTAMP.fullmatch(text)
    if match:
        return _timestamp(match)
    return text


def _timestamp(match: re.Match[str]) -> str:
    """A YAML timestamp as RFC 3339 text (Terraform's yamldecode page). [LOCAL] The model's
    choice of spelling: a date alone is midnight UTC, a time without a zone is UTC (YAML's
    rule), ``t`` or spaces become ``T``, a zone ``+hh`` becomes ``+hh:00``."""
    year, month, day = (int(part) for part in match.group("date").split("-"))
    time = match.group("time") or "00:00:00"
    hours, minutes, rest = time.split(":", 2)
    zone = match.group("zone") or "Z"
    if zone != "Z":
        digits = zone[1:].replace(":", "")
        hh, mm = (digits, "00") if len(digits) <= 2 else (digits[:-2], digits[-2:])
        zone = f"{zone[0]}{int(hh):02d}:{mm}"
    return f"{year:04d}-{month:02d}-{day:02d}T{int(hours):02d}:{minutes}:{rest}{zone}"

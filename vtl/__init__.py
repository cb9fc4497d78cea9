"""apigw-vtl: Apache Velocity 1.7 templates rendered byte for byte, with an API Gateway profile.

    >>> import vtl
    >>> vtl.Template("Hello $name!").render({"name": "World"})
    'Hello World!'

``Template`` is the engine (vtl/template.py); ``render``, ``RenderResult``, ``EventError``,
``OutputNotJsonError`` and ``TemplateWarning`` (API Gateway requests and responses) come from
``vtl.apigw``, ``Api`` and ``load_api`` (whole REST API methods) from ``vtl.api``. All are
imported on first use: ``import vtl`` loads only the error classes, so a program (or ``vtl
--help``) that never renders pays nothing for the engine, and the core never imports the
layers above it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vtl.errors import TemplateError, TemplateRenderError, TemplateSyntaxError

if TYPE_CHECKING:
    from vtl.api import Api, load_api
    from vtl.apigw.event import EventError
    from vtl.apigw.render import OutputNotJsonError, RenderResult, render
    from vtl.apigw.warnings import TemplateWarning
    from vtl.template import Template

__all__ = [
    "Api",
    "EventError",
    "OutputNotJsonError",
    "RenderResult",
    "Template",
    "TemplateError",
    "TemplateRenderError",
    "TemplateSyntaxError",
    "TemplateWarning",
    "load_api",
    "render",
]

#: Names loaded when first used: name → module (the engine, and the layers above the core).
_LAZY_NAMES = {
    "Template": "vtl.template",
    "render": "vtl.apigw",
    "RenderResult": "vtl.apigw",
    "EventError": "vtl.apigw",
    "OutputNotJsonError": "vtl.apigw",
    "TemplateWarning": "vtl.apigw.warnings",
    "Api": "vtl.api",
    "load_api": "vtl.api",
}


def __getattr__(name: str) -> Any:
    """``vtl.Template`` (``vtl.template``), ``vtl.render``, ``vtl.RenderResult``,
    ``vtl.EventError``… (``vtl.apigw``), ``vtl.Api``, ``vtl.load_api`` (``vtl.api``): loaded
    when first used."""
    module = _LAZY_NAMES.get(name)
    if module is None:
        raise AttributeError(f"module 'vtl' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY_NAMES))

"""apigw-vtl: Apache Velocity 1.7 templates rendered byte for byte, with an API Gateway profile.

    >>> import vtl
    >>> vtl.Template("Hello $name!").render({"name": "World"})
    'Hello World!'

``Template`` is the engine (vtl/template.py); ``render``, ``RenderResult``, ``EventError``,
``OutputNotJsonError`` and ``TemplateWarning`` (API Gateway requests and responses) come from
``vtl.apigw``, ``Api`` and ``load_api`` (whole REST API methods) from ``vtl.api``; they are
imported on first use, so the core never imports the layers above it.
"""

from __future__ import annotations

from typing import Any

from vtl.errors import TemplateError, TemplateRenderError, TemplateSyntaxError
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

#: Names loaded from the layers above the core when first used: name → module.
_LAZY_NAMES = {
    "render": "vtl.apigw",
    "RenderResult": "vtl.apigw",
    "EventError": "vtl.apigw",
    "OutputNotJsonError": "vtl.apigw",
    "TemplateWarning": "vtl.apigw.warnings",
    "Api": "vtl.api",
    "load_api": "vtl.api",
}


def __getattr__(name: str) -> Any:
    """``vtl.render``, ``vtl.RenderResult``, ``vtl.EventError``… (``vtl.apigw``), ``vtl.Api``,
    ``vtl.load_api`` (``vtl.api``): loaded when first used."""
    if name in _LAZY_NAMES:
        import importlib

        value = getattr(importlib.import_module(_LAZY_NAMES[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'vtl' has no attribute {name!r}")

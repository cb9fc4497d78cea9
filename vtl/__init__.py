"""apigw-vtl: Apache Velocity 1.7 templates rendered byte for byte, with an API Gateway profile.

    >>> import vtl
    >>> vtl.Template("Hello $name!").render({"name": "World"})
    'Hello World!'

``Template`` is the engine (vtl/template.py); ``render`` and ``RenderResult`` (API Gateway
requests and responses) come from ``vtl.apigw`` and are imported on first use, so the core
never imports the API Gateway layer.
"""

from __future__ import annotations

from typing import Any

from vtl.errors import TemplateError, TemplateRenderError, TemplateSyntaxError
from vtl.template import Template

__all__ = [
    "RenderResult",
    "Template",
    "TemplateError",
    "TemplateRenderError",
    "TemplateSyntaxError",
    "render",
]

_APIGW_NAMES = ("render", "RenderResult")


def __getattr__(name: str) -> Any:
    """``vtl.render`` / ``vtl.RenderResult``: loaded from ``vtl.apigw`` when first used."""
    if name in _APIGW_NAMES:
        import importlib

        apigw = importlib.import_module("vtl.apigw")
        value = getattr(apigw, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'vtl' has no attribute {name!r}")

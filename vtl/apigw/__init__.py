"""API Gateway around the engine: the request, ``$input``, ``$util``, ``$context``, overrides.

    >>> from vtl.apigw import render
    >>> render('{"id": "$input.params(\\'id\\')"}', {"pathParameters": {"id": "7"}}).body
    '{"id": "7"}'

Modules, one concern each: :mod:`.event` (the proxy event and its defaults),
:mod:`.input` (``$input``), :mod:`.util` (``$util``), :mod:`.context` (``$context``,
``$stageVariables``), :mod:`.overrides` (request/response overrides), :mod:`.render`
(``render()`` and ``RenderResult``); :mod:`.jsonsmart` and :mod:`.jsonpath` reproduce the
JSON libraries AWS uses, :mod:`.hashmap` Java's HashMap iteration order.
"""

from vtl.apigw.event import EventError, sample_event
from vtl.apigw.render import OutputNotJsonError, RenderResult, render

__all__ = ["EventError", "OutputNotJsonError", "RenderResult", "render", "sample_event"]

"""read_event's fast path builds exactly what the field-by-field validator builds (issue 5).

Every recorded conformance event, the sample and a set of variations go through both
``read_event`` and ``read_event_checked``; the Requests must be equal, dict order included,
and an event the validator rejects must be rejected with the same message.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from apigw_data import CASES

from vtl.apigw.event import EventError, read_event, read_event_checked, sample_event


def _ordered(value: Any) -> Any:
    """A comparable form that keeps dict order."""
    if isinstance(value, dict):
        return ("dict", [(k, _ordered(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [_ordered(v) for v in value])
    return (type(value).__name__, value)


def _outcome(read: Any, event: Any) -> Any:
    try:
        request = read(copy.deepcopy(event))
    except EventError as error:
        return ("error", str(error))
    return _ordered(vars(request) if hasattr(request, "__dict__") else
                    {name: getattr(request, name) for name in request.__dataclass_fields__})


def _variations() -> list[Any]:
    base = sample_event()
    events: list[Any] = [None, {}, base]

    def changed(**parts: Any) -> dict[str, Any]:
        event = copy.deepcopy(base)
        for key, value in parts.items():
            if value is _DROP:
                event.pop(key, None)
            else:
                event[key] = value
        return event

    def context(**parts: Any) -> dict[str, Any]:
        event = copy.deepcopy(base)
        for key, value in parts.items():
            if value is _DROP:
                event["requestContext"].pop(key, None)
            else:
                event["requestContext"][key] = value
        return event

    events += [
        changed(resource=_DROP), changed(path=_DROP), changed(httpMethod=_DROP),
        changed(resource=_DROP, path=_DROP), changed(resource="pets"), changed(path=7),
        changed(headers=None), changed(multiValueHeaders=None), changed(headers=_DROP),
        changed(headers={"Accept": "text/plain"}),
        changed(multiValueHeaders={"Accept": []}), changed(multiValueHeaders={"Accept": "x"}),
        changed(multiValueHeaders={"X-New": ["a", "b"], "Accept": ["application/json"]}),
        changed(headers={"Content-Length": "3", "Host": "h.example", "TE": "x", "user-agent": "u"},
                multiValueHeaders=None),
        changed(queryStringParameters={"a": 1}), changed(pathParameters=None),
        changed(pathParameters={"petId": None}), changed(stageVariables=["x"]),
        changed(body=None), changed(body=5), changed(body="eyJhIjoxfQ==", isBase64Encoded=True),
        changed(isBase64Encoded="yes"), changed(isBase64Encoded=None), changed(extra=1),
        changed(requestContext=None), changed(requestContext=[]),
        context(stage=None), context(stage=3), context(domainName=_DROP, domainPrefix=_DROP),
        context(requestTime=_DROP), context(requestTimeEpoch=_DROP), context(requestTimeEpoch="1"),
        context(requestTimeEpoch=True), context(requestTime="bad", requestTimeEpoch=_DROP),
        context(identity=None), context(identity={"sourceIp": "1.2.3.4", "apiKey": "k"}),
        context(identity={"clientCert": {"pem": "x"}}), context(identity={"user": 5}),
        context(authorizer=None), context(authorizer={"principalId": "p", "n": 1, "b": True}),
        context(authorizer={"claims": None}), context(authorizer={"claims": {"a": [1]}}),
        context(authorizer={"x": None}), context(authorizer={"x": {"y": 1}}),
        context(authorizer=[]), context(operationName="Op", custom={"a": [1]}),
        context(path=_DROP, resourcePath=_DROP, httpMethod=_DROP),
    ]
    return events


_DROP = object()


def _recorded_events() -> list[Any]:
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(CASES.rglob("event.json"))]


@pytest.mark.parametrize("event", _variations())
def test_fast_path_equals_checked_reading(event: Any) -> None:
    assert _outcome(read_event, event) == _outcome(read_event_checked, event)


def test_fast_path_equals_checked_reading_on_recorded_events() -> None:
    events = _recorded_events()
    assert events
    for event in events:
        assert _outcome(read_event, event) == _outcome(read_event_checked, event), event

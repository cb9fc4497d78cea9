"""The practical ceiling: each template's output written by hand in Python.

No template engine: the same request preparation our ``vtl.render`` does
(``variables_for``: the event read, ``$input``, ``$context``, ``$stageVariables``) and the
same building blocks (``Input.json`` for ``$input.json('$')``, our
``escape_javascript``), then string building that mirrors the template's output byte for
byte (Velocity 1.7's whitespace included). When ``vtl.apigw`` does not import, the adapter
building blocks (:mod:`benchmarks.adapters`) stand in for the passthrough, and the report
says so. The loop and calls ceilings (:func:`ours_by_case`) read the body with ``$input.path``
as their templates do; they exist only on our building blocks.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

CONTEXT_FIELDS = (
    ("account-id", "identity", "accountId"),
    ("api-id", None, "apiId"),
    ("api-key", "identity", "apiKey"),
    ("authorizer-principal-id", "authorizer", "principalId"),
    ("caller", "identity", "caller"),
    ("cognito-authentication-provider", "identity", "cognitoAuthenticationProvider"),
    ("cognito-authentication-type", "identity", "cognitoAuthenticationType"),
    ("cognito-identity-id", "identity", "cognitoIdentityId"),
    ("cognito-identity-pool-id", "identity", "cognitoIdentityPoolId"),
    ("http-method", None, "httpMethod"),
    ("stage", None, "stage"),
    ("source-ip", "identity", "sourceIp"),
    ("user", "identity", "user"),
    ("user-agent", "identity", "userAgent"),
    ("user-arn", "identity", "userArn"),
    ("request-id", None, "requestId"),
    ("resource-id", None, "resourceId"),
    ("resource-path", None, "resourcePath"),
)


def make_passthrough(
    prepare: Callable[[Mapping[str, Any]], tuple[str, Mapping[str, Any], Mapping[str, Any], Mapping[str, Any]]],
    escape: Callable[[Any], Any],
    text: Callable[[Any], str],
) -> Callable[[Mapping[str, Any]], str]:
    """A hand-written passthrough over ``prepare(event) -> (body json, params, stage vars, context)``."""

    def field(context: Mapping[str, Any], group: str | None, key: str) -> str:
        holder = context.get(group) if group else context
        if not isinstance(holder, Mapping):
            return ""
        return text(holder.get(key))

    def passthrough(event: Mapping[str, Any]) -> str:
        body_json, params, stage, context = prepare(event)
        out = ['{\n"body-json" : ', body_json, ',\n"params" : {\n']
        types = list(params)
        for i, kind in enumerate(types):
            values = params[kind]
            out.append(f'"{kind}" : {{\n    ')
            names = list(values)
            last = len(names) - 1
            for j, name in enumerate(names):
                out.append(f'    "{name}" : "{text(escape(values[name]))}"\n        ')
                out.append(",    " if j < last else "    ")
            out.append("}\n    ,")
            if i == len(types) - 1:
                out[-1] = "}\n    "
        out.append('},\n"stage-variables" : {\n')
        keys = list(stage)
        for j, key in enumerate(keys):
            out.append(f'"{key}" : "{text(escape(stage[key]))}"\n    ')
            if j < len(keys) - 1:
                out.append(",")
        out.append('},\n"context" : {\n')
        for label, group, key in CONTEXT_FIELDS:
            out.append(f'    "{label}" : "{field(context, group, key)}",\n')
        out[-1] = out[-1][:-2] + "\n"
        out.append("    }\n}\n")
        return "".join(out)

    return passthrough


def ours() -> Callable[[Mapping[str, Any]], str]:
    """The ceiling on our building blocks (raises ImportError if ``vtl.apigw`` is unavailable)."""
    from vtl.apigw.render import variables_for
    from vtl.apigw.util import escape_javascript
    from vtl.java import to_string

    def prepare(event: Mapping[str, Any]) -> tuple[str, Any, Any, Any]:
        variables, _, _ = variables_for(event)
        inp = variables["input"]
        return (inp.json("$"), inp.parameters, variables["stageVariables"],
                variables["context"])

    def escape(value: Any) -> Any:
        return None if value is None else escape_javascript(value if isinstance(value, str) else to_string(value))

    def text(value: Any) -> str:
        if value is None:
            return ""
        return value if isinstance(value, str) else (to_string(value) or "")

    return make_passthrough(prepare, escape, text)


def adapters() -> Callable[[Mapping[str, Any]], str]:
    """The ceiling on the adapter building blocks (used when ours do not import)."""
    from benchmarks import adapters as a

    def prepare(event: Mapping[str, Any]) -> tuple[str, Any, Any, Any]:
        ns = a.namespace(event)
        return ns["input"].json("$"), ns["input"].params(), ns["stageVariables"], ns["context"]

    def text(value: Any) -> str:
        return "" if value is None else str(value)

    return make_passthrough(prepare, a.escape_javascript, text)


#: The fields calls.vm prints, each ``$util.escapeJavaScript($input.path(path))``.
CALL_FIELDS = (
    ("orderId", "$.orderId"), ("customer", "$.customer.name"), ("email", "$.customer.email"),
    ("phone", "$.customer.phone"), ("street", "$.shipping.line1"), ("city", "$.shipping.city"),
    ("postalCode", "$.shipping.postalCode"), ("instructions", "$.shipping.instructions"),
    ("notes", "$.notes"), ("campaign", "$.metadata.campaign"),
)


def ours_by_case() -> dict[str, Callable[[Mapping[str, Any]], str]]:
    """The ceiling of each template that has one, on our building blocks."""
    from vtl.apigw.render import variables_for
    from vtl.apigw.util import escape_javascript
    from vtl.java import to_string

    def text(value: Any) -> str:
        if value is None:
            return ""
        return value if isinstance(value, str) else (to_string(value) or "")

    def member(value: Any, key: str) -> Any:
        return value.get(key) if isinstance(value, dict) else None  # JSON objects are dicts

    def loop(event: Mapping[str, Any]) -> str:
        inp = variables_for(event)[0]["input"]
        items = inp.path("$.Items")
        out = ['{\n  "count": ', text(inp.path("$.Count")), ',\n  "pets": [\n']
        append = out.append
        last = len(items) - 1
        for index, item in enumerate(items):
            name = member(member(item, "name"), "S")
            append(f'    {{\n      "id": "{text(member(member(item, "id"), "S"))}",\n'
                   f'      "name": "{"" if name is None else escape_javascript(text(name))}",\n'
                   f'      "type": "{text(member(member(item, "type"), "S"))}",\n'
                   f'      "price": {text(member(member(item, "price"), "N"))},\n'
                   f'      "updated": "{text(member(member(item, "updated"), "S"))}"\n')
            append("    },\n" if index < last else "    }\n")
        append("  ]\n}\n")
        return "".join(out)

    def calls(event: Mapping[str, Any]) -> str:
        inp = variables_for(event)[0]["input"]
        out = ["{\n"]
        for number, (name, path) in enumerate(CALL_FIELDS):
            value = inp.path(path)
            value = "" if value is None else escape_javascript(text(value))
            comma = "," if number < len(CALL_FIELDS) - 1 else ""
            out.append(f'  "{name}": "{value}"{comma}\n')
        out.append("}\n")
        return "".join(out)

    return {"passthrough": ours(), "loop": loop, "calls": calls}

"""Warnings: what API Gateway accepts in a mapping template but nobody means.

:func:`find_warnings` reads a template's AST (:mod:`vtl.nodes`) and returns a
:class:`TemplateWarning` for each construct that renders without an error on AWS but not
as the author meant: a Python or JavaScript method name Java does not have, a directive
AWS turned off, ``#set`` without parentheses, ``$util.escapeJavaScript`` of a body field
(``$input.path``) inside a JSON string, ``"$input.json(...)"`` between quotes, a reference
no request defines, an ``#if`` that is always true, a ``#foreach`` over a JSONPath that can
match more than the 1000 items AWS loops over. Each warning carries the template name, line
and column and prints like an error (``warning: ...`` with the line and a caret).

The checks look at the template only (no request), so they stay on the safe side: a
warning fires only where every request gives the same surprise. They never fire on the
AWS console's passthrough template or on the developer guide's examples
(tests/cli/test_cli_warnings.py holds those templates).
"""

from __future__ import annotations

import contextlib
import difflib
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

from vtl import cache
from vtl import nodes as n
from vtl.apigw.context import CONTEXT_KEYS
from vtl.apigw.event import IDENTITY_FIELDS
from vtl.errors import TemplateError

__all__ = ["WARNING_CODES", "TemplateWarning", "find_warnings", "stage_variables_read"]

PROFILE = "apigateway"


class TemplateWarning(TemplateError):
    """A construct AWS accepts but that does not do what it seems to.

    ``code`` names the check (``python-method``, ``undefined-reference``…, see
    :data:`WARNING_CODES`); it is an exception so that ``--strict`` can raise it.
    """

    kind = "warning"

    def __init__(self, code: str, message: str, *, span: n.Span, name: str | None,
                 source: str, length: int | None = None) -> None:
        super().__init__(message, name=name, line=span.line, column=span.column,
                         source=source, length=length or _first_line_length(source, span))
        self.code = code

    def format(self, color: bool = False) -> str:
        """Like an error's report, in yellow rather than red on a terminal."""
        text = super().format(color)
        return text.replace("\x1b[31m", "\x1b[33m") if color else text


#: Every check, by code, with what it looks for (the README and ``--help`` list them).
WARNING_CODES: dict[str, str] = {
    "python-method": "a Python or JavaScript method Java has no such name for ($s.lower())",
    "missing-parentheses": "a Java method written as a property ($s.length)",
    "unavailable-directive": "#macro, #evaluate, #include or #parse",
    "set-as-text": "#set without parentheses (printed as text)",
    "escape-in-json-string": "$util.escapeJavaScript of a body field inside a JSON string",
    "quoted-input-json": '"$input.json(...)" between quotes',
    "undefined-reference": "a reference no request defines ($contxt.requestId)",
    "always-true-if": "an #if on a value that is never null or false (always true, or with ! "
                      "always false)",
    "foreach-limit": "a #foreach over a JSONPath that can match more than 1000 items",
}

# --- what API Gateway defines ---------------------------------------------------------

#: The variables API Gateway gives a template (apigateway.md §2-§4).
AWS_VARIABLES = ("input", "context", "util", "stageVariables")
#: Names Velocity itself defines inside a #foreach (velocity-1.7.md #40-#43).
LOOP_VARIABLES = ("foreach", "velocityCount", "velocityHasNext")
#: ``$null`` is the usual way to write null in a comparison: never set, on purpose.
DELIBERATELY_UNSET = ("null",)

INPUT_MEMBERS = ("body", "json", "path", "params")
UTIL_FUNCTIONS = (
    "escapeJavaScript", "parseJson", "urlEncode", "urlDecode", "base64Encode", "base64Decode",
)
#: $context variables: the keys AWS always sets and the documented ones (apigateway.md §4).
#: ``error`` belongs to gateway response templates, which use the same variables.
CONTEXT_VARIABLES = frozenset(CONTEXT_KEYS) | {
    "authorizer", "awsEndpointRequestId", "isCanaryRequest", "wafResponseCode", "webaclArn",
    "error",
}
IDENTITY_VARIABLES = frozenset(IDENTITY_FIELDS) | {"apiKey", "apiKeyId", "clientCert"}
#: $context variables whose type is not documented as a string: a condition on them may be
#: meant (``isCanaryRequest``), so no always-true warning.
CONTEXT_MAYBE_BOOLEAN = frozenset({"isCanaryRequest"})

#: Python and JavaScript method names that no Java String, List or Map has, with the
#: Java way to write them (apigateway.md §8: "Python/JS methods leaking into templates").
NOT_JAVA_METHODS: dict[str, str] = {
    "lower": "toLowerCase()",
    "upper": "toUpperCase()",
    "lstrip": "stripLeading()",
    "rstrip": "stripTrailing()",
    "trimStart": "stripLeading()",
    "trimEnd": "stripTrailing()",
    "startswith": "startsWith(...)",
    "endswith": "endsWith(...)",
    "find": "indexOf(...)",
    "index": "indexOf(...)",
    "includes": "contains(...)",
    "slice": "substring(...)",
    "substr": "substring(...)",
    "splitlines": "split('\\n')",
    "title": "substring(0, 1).toUpperCase()",
    "capitalize": "substring(0, 1).toUpperCase()",
    "isdigit": "matches('[0-9]+')",
    "isnumeric": "matches('[0-9]+')",
    "isalpha": "matches('[a-zA-Z]+')",
    "append": "add(...)",
    "push": "add(...)",
    "extend": "addAll(...)",
    "pop": "remove(...)",
    "keys": "keySet()",
    "items": "entrySet()",
    "has": "containsKey(...)",
    "len": "size() or length()",
    "toFixed": "a string built with $util or arithmetic",
}

#: Java methods written without parentheses: Velocity reads them as a property
#: (getLength(), a map key "length"…), which a String or List does not have, so they
#: render as "" on API Gateway (velocity-1.7.md: property lookup; apigateway.md §1).
METHODS_AS_PROPERTIES = (
    "length", "size", "trim", "toLowerCase", "toUpperCase", "toString", "keySet",
)

#: JSONPath parts that let a path match any number of items: a deep scan, a wildcard, a
#: filter. A union (``[0,1]``) matches as many items as it names; a slice is checked below.
_UNBOUNDED_PATH = re.compile(r"\.\.|\*|\?\(")
_SLICE = re.compile(r"\[\s*(-?\d*)\s*:\s*(-?\d*)\s*(?::\s*-?\d*\s*)?\]")
MAX_FOREACH = 1000  # apigateway.md §6


def _can_exceed_the_loop_limit(path: str) -> bool:
    """Whether JSONPath ``path`` can match more than :data:`MAX_FOREACH` items."""
    if _UNBOUNDED_PATH.search(path):
        return True
    return any(_slice_size(start, end) > MAX_FOREACH for start, end in _SLICE.findall(path))


def _slice_size(start: str, end: str) -> float:
    """The most items ``[start:end]`` can take (infinite when it depends on the array)."""
    if not start and end and not end.startswith("-"):
        return int(end)  # [:3]: the first three
    if start.startswith("-") and not end:
        return -int(start)  # [-3:]: the last three
    if start and end and start.startswith("-") == end.startswith("-"):
        return abs(int(end) - int(start))
    return float("inf")  # [2:], [:-1], [:], [-5:10]: as long as the array


# --- entry point ----------------------------------------------------------------------


def find_warnings(source: str, name: str | None = None) -> list[TemplateWarning]:
    """The warnings for ``source``, in template order; raises TemplateSyntaxError if broken."""
    return list(_cached_warnings(source, name))


@lru_cache(maxsize=256)
def _cached_warnings(source: str, name: str | None) -> tuple[TemplateWarning, ...]:
    # Kept in the on-disk cache beside the compiled template, so that `vtl render` with a
    # warm cache does not parse the template (and load the parser) only to check it.
    stored = cache.load_data("warnings", source, PROFILE, name or "")
    if isinstance(stored, list):
        with contextlib.suppress(TypeError, ValueError):
            return tuple(_restored(*item, name=name, source=source) for item in stored)
    from vtl.parser import parse_once
    from vtl.profiles import get_profile
    from vtl.template import collector_paused

    # One parse for this check and the compile of the same template (`vtl render`).
    with collector_paused():
        document = parse_once(source, name=name, options=get_profile(PROFILE))
        found = sorted(_Checker(document, source, name).run(), key=lambda w: (w.line, w.column))
    cache.store_data("warnings", source, PROFILE, name or "",
                     [(w.code, w.message, w.line, w.column, w.length) for w in found])
    return tuple(found)


def stage_variables_read(source: str, name: str | None = None) -> list[str]:
    """The stage variables ``source`` reads by name, in the order it first does:
    ``$stageVariables.NAME``, ``$stageVariables.get('NAME')``, ``$stageVariables['NAME']``
    (the forms the AWS docs use), in comments not; none for a template that does not parse.
    `vtl render` names the ones a request leaves unset. Kept in the on-disk cache beside
    the template's warnings, so that a warm `vtl render` parses nothing for it either."""
    stored = cache.load_data("stage-variables", source, PROFILE, name or "")
    if isinstance(stored, list) and all(isinstance(item, str) for item in stored):
        return stored
    from vtl.parser import parse_once
    from vtl.profiles import get_profile

    try:
        document = parse_once(source, name=name, options=get_profile(PROFILE))
    except TemplateError:
        return []
    references = sorted((node for node in _walk(document.body) if isinstance(node, n.Reference)
                         and node.root == "stageVariables" and node.parts and not node.escaped),
                        key=lambda node: node.span.start)
    named = (_key_read(node.parts[0]) for node in references)
    found = list(dict.fromkeys(key for key in named if key is not None))
    cache.store_data("stage-variables", source, PROFILE, name or "", found)
    return found


def _key_read(part: n.Modifier) -> str | None:
    """The key a reference's first part reads: ``.NAME``, ``.get('NAME')``, ``['NAME']``."""
    if isinstance(part, n.Property):
        return part.name
    key = part.args[0] if isinstance(part, n.Method) and part.name == "get" and len(part.args) == 1 \
        else part.arg if isinstance(part, n.Index) else None
    return key.value if isinstance(key, n.StringLiteral) and key.body is None else None


def _restored(code: str, message: str, line: int, column: int, length: int, *,
              name: str | None, source: str) -> TemplateWarning:
    """A warning as :func:`_cached_warnings` stored it."""
    warning = TemplateWarning.__new__(TemplateWarning)
    TemplateError.__init__(warning, message, name=name, line=line, column=column, source=source,
                           length=length)
    warning.code = code
    return warning


def _first_line_length(source: str, span: n.Span) -> int:
    text = source[span.start:span.end]
    return max(1, len(text.split("\n", 1)[0].rstrip("\r")))


# --- the checks -----------------------------------------------------------------------


class _Checker:
    """Walks one document once, then runs each check over what it collected."""

    def __init__(self, document: n.Document, source: str, name: str | None) -> None:
        self.document = document
        self.source = source
        self.name = name
        self.all = list(_walk(document.body))
        self.texts = sorted(
            (node.span.start, node.span.end, node.text)
            for node in self.all if isinstance(node, n.Text)
        )
        #: An XML or HTML template (its text starts with "<"): no JSON strings in it.
        self.markup = next((text.lstrip()[:1] == "<" for _, _, text in self.texts if text.strip()), False)
        self.sets = [node for node in self.all if isinstance(node, n.Set)]
        #: Names the template itself assigns with #set (they may hold anything).
        self.set_roots = {node.target.root for node in self.sets}
        self.defined = self._defined_names()
        #: Bare references used as an #if condition: an undefined one gets the more precise
        #: always-true-if warning instead of undefined-reference.
        self.conditions = {
            id(_bare(node.condition)) for node in self.all if isinstance(node, n.IfBranch)
        }
        self.body_names = self._body_names()
        self.escaped_names = {
            node.target.root for node in self.sets
            if not node.target.parts and isinstance(node.value, n.Reference)
            and self._escapes_body(node.value)
        }

    def warn(self, code: str, message: str, span: n.Span,
             length: int | None = None) -> TemplateWarning:
        return TemplateWarning(code, message, span=span, name=self.name, source=self.source,
                               length=length)

    def run(self) -> Iterator[TemplateWarning]:
        for node in self.all:
            if isinstance(node, n.Reference) and not node.escaped:
                yield from self.check_reference(node)
            elif isinstance(node, n.MacroDef):
                yield self.warn(
                    "unavailable-directive",
                    "API Gateway does not allow inline #macro: this definition registers "
                    f"nothing and a call like #{node.name}(...) prints as text, so write "
                    "the code out where it is used",
                    node.span, length=len("#macro"),
                )
            elif isinstance(node, n.Directive):
                yield from self.check_directive(node)
            elif isinstance(node, n.Output):
                yield from self.check_output(node)
            elif isinstance(node, n.IfBranch):
                yield from self.check_condition(node.condition)
            elif isinstance(node, n.Foreach):
                yield from self.check_foreach(node)

    # - references -

    def check_reference(self, ref: n.Reference) -> Iterator[TemplateWarning]:
        yield from self.check_methods(ref)
        if ref.root in self.defined:
            yield from self.check_members(ref)
        elif (expression := _mapping_expression(ref)) is not None:
            yield self.warn(
                "undefined-reference",
                f"{expression} is a parameter-mapping expression (requestParameters, "
                "responseParameters), not a template variable, so a template renders it as \"\"; "
                f"write {_template_form(ref)}",
                ref.span, length=len(expression) + ref.formal,
            )
        elif ref.root not in DELIBERATELY_UNSET and id(ref) not in self.conditions:
            guess = _close_matches(ref.root, AWS_VARIABLES)
            hint = f"; did you mean ${guess[0]}?" if guess else "."
            yield self.warn(
                "undefined-reference",
                f"${ref.root} is not set by this template and API Gateway defines only "
                f"$input, $context, $util and $stageVariables, so it renders as \"\" for "
                f"every request{hint}",
                ref.span, length=len(ref.root) + 1 + ref.formal,
            )

    def check_methods(self, ref: n.Reference) -> Iterator[TemplateWarning]:
        for part in ref.parts:
            if isinstance(part, n.Method) and part.name in NOT_JAVA_METHODS:
                yield self.warn(
                    "python-method",
                    f".{part.name}() is not a Java method, so API Gateway renders it as \"\"; "
                    f"write .{NOT_JAVA_METHODS[part.name]}",
                    part.span, length=len(part.name),
                )
            elif isinstance(part, n.Property) and part.name in METHODS_AS_PROPERTIES:
                yield self.warn(
                    "missing-parentheses",
                    f".{part.name} without parentheses reads a property (a map key "
                    f"\"{part.name}\"), which a String or List does not have, so it renders "
                    f"as \"\"; write .{part.name}() (or .get('{part.name}') for a map key)",
                    part.span, length=len(part.name),
                )

    def check_members(self, ref: n.Reference) -> Iterator[TemplateWarning]:
        """``$input.bdy``, ``$util.toJson()``, ``$context.requestID``: undefined everywhere."""
        if ref.root in self.set_roots or not ref.parts:
            return
        first = ref.parts[0]
        if not isinstance(first, (n.Property, n.Method)):
            return
        known: Iterable[str]
        if ref.root == "input":
            known = INPUT_MEMBERS
        elif ref.root == "util":
            known = UTIL_FUNCTIONS
        elif ref.root == "context" and isinstance(first, n.Property):
            known = CONTEXT_VARIABLES
            if first.name == "identity" and len(ref.parts) > 1:
                second = ref.parts[1]
                if isinstance(second, n.Property) and second.name not in IDENTITY_VARIABLES:
                    yield self.unknown_member(f"$context.identity.{second.name}", second,
                                              IDENTITY_VARIABLES)
                return
        else:
            return
        if first.name not in known:
            yield self.unknown_member(f"${ref.root}.{first.name}", first, known)

    def unknown_member(self, text: str, part: n.Property | n.Method,
                       known: Iterable[str]) -> TemplateWarning:
        guess = _close_matches(part.name, tuple(known))
        hint = f"; did you mean .{guess[0]}?" if guess else "."
        return self.warn(
            "undefined-reference",
            f"{text} is not defined by API Gateway, so it renders as \"\" for every "
            f"request{hint}",
            part.span, length=len(part.name),
        )

    # - directives -

    def check_directive(self, node: n.Directive) -> Iterator[TemplateWarning]:
        word = node.literal.split("(", 1)[0]
        if node.name == "evaluate":
            yield self.warn(
                "unavailable-directive",
                "#evaluate is not a directive on API Gateway: it prints as text, so build "
                "the value with #set and references instead",
                node.span, length=len(word),
            )
        elif node.name in ("include", "parse"):
            yield self.warn(
                "unavailable-directive",
                f"#{node.name} has no file to load on API Gateway, so the render fails "
                "(a 500 for the client); put the text in this template",
                node.span, length=len(word),
            )
        elif node.name == "set" and "(" not in node.literal:
            yield self.warn(
                "set-as-text",
                "#set without parentheses is not a directive, so API Gateway prints it as "
                "text; write #set($name = value)",
                node.span, length=len(word),
            )
        elif node.name in self.document.macros:
            yield self.warn(
                "unavailable-directive",
                f"#{node.name}(...) calls an inline macro, which API Gateway does not allow, "
                "so the call prints as text",
                node.span, length=len(word),
            )

    # - text around references -

    def check_output(self, node: n.Output) -> Iterator[TemplateWarning]:
        ref = node.ref
        if ref.escaped:
            return
        if self._is_input_json(ref) and self._char_before(ref) == '"' \
                and self.source[ref.span.end:ref.span.end + 1] == '"':
            yield self.warn(
                "quoted-input-json",
                "$input.json() already writes a JSON value with its own quotes, so the "
                "quotes around it double them (\"\"text\"\"); drop the quotes, or use "
                "$input.path() for the bare value",
                ref.span,
            )
        escaped = self._escapes_body(ref) or (not ref.parts and ref.root in self.escaped_names)
        if escaped and not self.markup and self._inside_json_string(ref.span):
            yield self.warn(
                "escape-in-json-string",
                "$util.escapeJavaScript turns ' into \\', which is not valid inside a JSON "
                "string, so any body text with an apostrophe breaks the JSON; add "
                ".replaceAll(\"\\\\'\",\"'\") as the AWS docs advise",
                ref.span,
            )

    def _char_before(self, ref: n.Reference) -> str:
        return self.source[ref.span.start - 1:ref.span.start] if ref.span.start else ""

    def _inside_json_string(self, span: n.Span) -> bool:
        """An odd number of unescaped ``"`` in the template text before ``span`` on its line."""
        line_start = self.source.rfind("\n", 0, span.start) + 1
        quotes = 0
        for start, end, text in self.texts:
            if end <= line_start or start >= span.start:
                continue
            piece = self.source[max(start, line_start):min(end, span.start)]
            quotes += len(re.findall(r'(?<!\\)"', piece))
        return quotes % 2 == 1

    @staticmethod
    def _is_input_json(ref: n.Reference) -> bool:
        return (ref.root == "input" and len(ref.parts) == 1
                and isinstance(ref.parts[0], n.Method) and ref.parts[0].name == "json")

    def _escapes_body(self, ref: n.Reference) -> bool:
        """``$util.escapeJavaScript(<body text>)`` not followed by ``.replaceAll(...)``."""
        if ref.root != "util" or not ref.parts:
            return False
        first = ref.parts[0]
        if not (isinstance(first, n.Method) and first.name == "escapeJavaScript"):
            return False
        if any(isinstance(p, n.Method) and p.name in ("replaceAll", "replace")
               for p in ref.parts[1:]):
            return False
        return any(_reads_body(expr, self.body_names) for expr in first.args)

    # - conditions and loops -

    def check_condition(self, condition: n.Expr) -> Iterator[TemplateWarning]:
        negated = _negations(condition) % 2 == 1
        condition = _bare(condition)
        if not isinstance(condition, n.Reference) or condition.escaped \
                or condition.root in DELIBERATELY_UNSET:
            return
        what = self._never_false(condition)
        if what:
            always, compare = ("false", "==") if negated else ("true", "!=")
            yield self.warn(
                "always-true-if",
                f"{what} is never null or false on API Gateway (a missing value reads as "
                f"\"\"), so this #if is always {always}; compare it instead: "
                f"#if({condition.literal} {compare} \"\")",
                condition.span,
            )

    def _never_false(self, ref: n.Reference) -> str:
        """Why ``ref`` can never be false in a condition ("" if it can)."""
        if ref.root in self.set_roots:
            return ""
        parts = ref.parts
        first = parts[0] if parts else None
        if (ref.root == "input" and isinstance(first, n.Method)
                and first.name in ("params", "json") and len(parts) == 1 and first.args):
            return f"$input.{first.name}(...)"
        if ref.root == "input" and isinstance(first, n.Property) and first.name == "body" \
                and len(parts) == 1:
            return "$input.body"
        if ref.root == "stageVariables" and len(parts) == 1:
            return "a stage variable"
        if ref.root == "util" and isinstance(first, n.Method) and first.name != "parseJson" \
                and len(parts) == 1:
            return f"$util.{first.name}(...)"
        if (ref.root == "context" and parts and all(isinstance(p, n.Property) for p in parts)
                and not any(isinstance(p, n.Property) and p.name in CONTEXT_MAYBE_BOOLEAN
                            for p in parts)):
            # $context holds strings, numbers and maps; a missing one reads as "".
            return f"${ref.root}.{'.'.join(p.name for p in parts if isinstance(p, n.Property))}"
        if ref.root not in self.defined:
            return f"${ref.root} (never set)"
        return ""

    def check_foreach(self, node: n.Foreach) -> Iterator[TemplateWarning]:
        iterable = node.iterable
        path = _input_path(iterable)
        if path is None and isinstance(iterable, n.Reference) and not iterable.parts:
            path = self.path_names.get(iterable.root)
        if path is not None and _can_exceed_the_loop_limit(path):
            yield self.warn(
                "foreach-limit",
                # AWS documents the quota, not what happens past it; the engine's choice
                # (a render error, vtl.runtime.foreach_limit) is the one this warns about.
                f"the JSONPath '{path}' can match any number of items and API Gateway allows "
                f"at most {MAX_FOREACH} iterations of a #foreach (past them this render "
                "fails); limit the input or page through it",
                iterable.span,
            )

    # - what the template sets -

    @property
    def path_names(self) -> dict[str, str]:
        """Variables set to ``$input.path('...')`` (the only assignment of that name)."""
        found: dict[str, str] = {}
        for node in self.sets:
            path = _input_path(node.value)
            if path is not None and not node.target.parts:
                found[node.target.root] = path
        return found

    def _defined_names(self) -> set[str]:
        names = set(AWS_VARIABLES) | set(LOOP_VARIABLES)
        for node in self.all:
            if isinstance(node, n.Set):
                names.add(node.target.root)
                names.add(node.target.set_name)
            elif isinstance(node, n.Foreach):
                names.add(node.var.root)
            elif isinstance(node, n.Define):
                names.add(node.target.root)
            elif isinstance(node, n.MacroDef):
                names.update(param.lstrip("$") for param in node.params)
        return names

    def _body_names(self) -> set[str]:
        """Variables whose value comes from the request body (#set or #foreach), to a fixpoint."""
        names: set[str] = set()
        while True:
            before = len(names)
            for node in self.all:
                if isinstance(node, n.Set) and _reads_body(node.value, names):
                    names.add(node.target.root)
                elif isinstance(node, n.Foreach) and _reads_body(node.iterable, names):
                    names.add(node.var.root)
            if len(names) == before:
                return names


def _mapping_expression(ref: n.Reference) -> str | None:
    """``method.request.path.id``, ``integration.response.body``…: the text of a
    parameter-mapping source written as a reference, or None (AWS-DOC
    request-response-data-mappings lists these sources; a template has no $method)."""
    names = []
    for part in ref.parts:
        if not isinstance(part, n.Property):
            break
        names.append(part.name)
    if ref.root not in ("method", "integration") or names[:1] not in (["request"], ["response"]):
        return None
    return "$" + ".".join([ref.root, *names])


def _template_form(ref: n.Reference) -> str:
    """What a template writes for the mapping source ``ref`` names."""
    names = [part.name for part in ref.parts if isinstance(part, n.Property)]
    if len(names) >= 3 and names[1] in ("path", "querystring", "header", "multivaluequerystring",
                                         "multivalueheader"):
        return f"$input.params('{names[2]}')"
    if names[1:2] == ["body"]:
        return "$input.body (or $input.json('$.…') for a field)"
    return "$input.params(), $input.body or $context"


@lru_cache(maxsize=1024)
def _close_matches(word: str, candidates: tuple[str, ...]) -> list[str]:
    """The closest candidate, if any is close (difflib, once per word: a template may name
    the same unknown variable thousands of times)."""
    return difflib.get_close_matches(word, candidates, n=1)


def _walk(body: Sequence[n.Node]) -> Iterator[object]:
    """Every node and expression, template order not guaranteed (the caller sorts)."""
    return n.descendants(body)


def _negations(condition: n.Expr) -> int:
    """How many ``!`` wrap the tested expression."""
    count = 0
    while isinstance(condition, (n.Not, n.Group)):
        count += isinstance(condition, n.Not)
        condition = condition.operand if isinstance(condition, n.Not) else condition.expr
    return count


def _bare(condition: n.Expr) -> n.Expr:
    """The expression inside ``!`` and parentheses: ``#if(!($x))`` tests ``$x``."""
    while isinstance(condition, (n.Not, n.Group)):
        condition = condition.operand if isinstance(condition, n.Not) else condition.expr
    return condition


def _reads_body(expr: object, body_names: set[str]) -> bool:
    """Whether ``expr`` reads a field of the request body: ``$input.path(...)`` or a
    variable set from it. Free text (names, messages) comes this way, apostrophes included.

    ``$input.json(...)`` and ``$input.body`` are left out on purpose: escaping a whole JSON
    document into a string field is the AWS docs' own pattern (``"input":
    "$util.escapeJavaScript($input.json('$'))"`` for Step Functions, and
    ``"$util.escapeJavaScript($input.json('$.Age'))"``), and AWS's templates must not warn.
    """
    for node in n.descendants((expr,)):
        if not isinstance(node, n.Reference):
            continue
        if node.root in body_names:
            return True
        if node.root == "input" and node.parts:
            first = node.parts[0]
            if isinstance(first, n.Method) and first.name == "path":
                return True
    return False


def _input_path(expr: object) -> str | None:
    """The JSONPath of ``$input.path('...')`` written with a literal, else None."""
    if not isinstance(expr, n.Reference) or expr.root != "input" or len(expr.parts) != 1:
        return None
    method = expr.parts[0]
    if not (isinstance(method, n.Method) and method.name == "path" and len(method.args) == 1):
        return None
    arg = method.args[0]
    return arg.value if isinstance(arg, n.StringLiteral) and arg.body is None else None

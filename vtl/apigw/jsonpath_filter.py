"""Jayway JsonPath's ``FilterCompiler``: a filter's text (``[?(...)]``) read into an
expression tree, as json-path 2.10.0 reads it (its bytecode,
``com.jayway.jsonpath.internal.filter.FilterCompiler`` over ``CharacterIndex``), with its
errors and positions; and the tree's evaluation (``RelationalExpressionNode`` and
``LogicalExpressionNode.apply``, ``PredicatePathToken.accept``).

The grammar is a recursive descent::

    LogicalOR         = LogicalAND { '||' LogicalAND }
    LogicalAND        = LogicalANDOperand { '&&' LogicalANDOperand }
    LogicalANDOperand = '!' LogicalANDOperand | '(' LogicalOR ')' | RelationalExpression
    RelationalExpression = Value [ RelationalOperator Value ]

with Jayway's reading of each piece, quirks included:

- a path operand (``@...``/``$...``) runs up to a space, a relational operator character
  (``< > = ~ !``) or a ``)`` that does not close an empty call (``@.a.length()``); brackets
  are skipped whole (``@['a b']``). So ``@.a&&@.b`` is one path, and ``@.concat(1)`` ends
  at ``1``. The path is compiled there by the PathCompiler port, its errors raised;
- a ``!`` before a path is its "does not exist" check; before anything else a NOT;
- an operator is a run of ``<>=~!`` characters or else everything up to a space (``in``,
  ``NIN``, ``size``... any case); an unknown one, or a failure reading the right side
  (an InvalidPathException: a path that does not compile, an unclosed quote), makes the
  left an exists check and reading goes on from the operator;
- a literal is read by its first character: quotes, ``t``/``f`` (``true``/``false``
  exactly), ``n`` (``null``), ``[``/``{`` (JSON text up to the matching bracket, parsed
  when used), ``/`` (a regex, then any of the flags ``dixmsuU``), anything else a number
  (the run of digits, ``-``, ``.``, ``e``, ``E``; ``new BigDecimal`` of it);
- any exception that is no InvalidPathException (a number that does not parse, a regex
  that does not compile, a read past the text) is "Failed to parse filter: <filter>, error
  on position: N, char: C".

When the filter runs, an InvalidPathException (an operand of the wrong kind, an unknown
function in an operand) means the item does not match; any other exception fails the read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from vtl.apigw.jsonpath_characters import INDEX_OUT_OF_RANGE, INVALID_PATH, CharacterIndex
from vtl.apigw.jsonpath_characters import invalid_path as _fail
from vtl.apigw.jsonpath_evaluators import OPERATORS, evaluate
from vtl.apigw.jsonpath_values import (
    FALSE,
    NULL,
    TRUE,
    JsonNode,
    NumberNode,
    PathNode,
    PatternNode,
    ValueNode,
    big_decimal,
    expected,
    path_value,
    string_literal,
)
from vtl.java.characters import is_digit
from vtl.java.regex import compile_java
from vtl.java.registry import JavaException

__all__ = ["Context", "Expression", "accepts", "compile_filter"]

_RELATIONAL = "<>=~!"
# PatternFlag's letters (Pattern.UNIX_LINES, CASE_INSENSITIVE, COMMENTS, MULTILINE, DOTALL,
# UNICODE_CASE, UNICODE_CHARACTER_CLASS), each also a Java inline flag.
_FLAG_CODES = "dixmsuU"


class Context(Protocol):
    """Jayway's PredicateContext: what a path operand reads (the item, or the document for a
    ``$`` path) and how a path text is compiled."""

    def value(self, node: PathNode) -> Any:
        """What the path finds (``jsonpath_values.UNDEFINED`` for nothing)."""

    def exists(self, node: PathNode) -> bool:
        """The exists check (REQUIRE_PROPERTIES) of the path on the item."""

    def compile_path(self, text: str) -> Any:
        """PathCompiler.compile."""


class Expression:
    """An ExpressionNode: a relation or a logical combination of expressions."""

    __slots__ = ()

    def apply(self, ctx: Context) -> bool:
        raise NotImplementedError


class Relation(Expression):
    """RelationalExpressionNode: path operands evaluated (left first), then the operator's
    evaluator."""

    __slots__ = ("left", "operator", "right")

    def __init__(self, left: ValueNode, operator: str, right: ValueNode) -> None:
        self.left, self.operator, self.right = left, operator, right

    def apply(self, ctx: Context) -> bool:
        left = _operand(self.left, ctx)
        right = _operand(self.right, ctx)
        return evaluate(self.operator, left, right, ctx.compile_path)


def _operand(node: ValueNode, ctx: Context) -> ValueNode:
    if not isinstance(node, PathNode):
        return node
    if node.exists_check:
        return TRUE if ctx.exists(node) else FALSE
    return path_value(ctx.value(node))


class Logical(Expression):
    """LogicalExpressionNode: ``||`` and ``&&`` in order, stopping at the first that decides;
    ``!`` of one expression."""

    __slots__ = ("operands", "operator")

    def __init__(self, operator: str, operands: list[Expression]) -> None:
        self.operator, self.operands = operator, operands

    def apply(self, ctx: Context) -> bool:
        if self.operator == "||":
            return any(operand.apply(ctx) for operand in self.operands)
        if self.operator == "&&":
            return all(operand.apply(ctx) for operand in self.operands)
        return not self.operands[0].apply(ctx)


def accepts(expression: Expression, ctx: Context) -> bool:
    """PredicatePathToken.accept: an InvalidPathException while testing is "no match"."""
    try:
        return expression.apply(ctx)
    except JavaException as error:
        if error.java_class == INVALID_PATH:
            return False
        raise


class _FilterCompiler:
    """One filter being read (FilterCompiler's instance)."""

    def __init__(self, text: str, compile_path: Callable[[str], Any]) -> None:
        self.compile_path = compile_path
        filter_ = self.filter = CharacterIndex(text)
        filter_.trim()
        if filter_.char(filter_.position) != "[" or filter_.char(filter_.end) != "]":
            raise _fail(f"Filter must start with '[' and end with ']'. {text}")
        filter_.position += 1
        filter_.end -= 1
        filter_.trim()
        if filter_.current() != "?":
            raise _fail(f"Filter must start with '[?' and end with ']'. {text}")
        filter_.position += 1
        filter_.trim()
        if filter_.current() != "(" or filter_.char(filter_.end) != ")":
            raise _fail(f"Filter must start with '[?(' and end with ')]'. {text}")

    def compile(self) -> Expression:
        filter_ = self.filter
        try:
            result = self.logical_or()
            filter_.skip_blanks()
            if filter_.in_bounds():
                rest = filter_.text[filter_.position : filter_.end + 1]
                raise _fail(f"Expected end of filter expression instead of: {rest}")
            return result
        except JavaException as error:
            if error.java_class == INVALID_PATH:
                raise
            try:
                char = filter_.current()
            except JavaException as inner:  # thrown out of the handler: PathCompiler wraps it
                raise _fail(f"{inner.java_class}: {inner}") from None
            raise _fail(
                f"Failed to parse filter: {filter_.text}, error on position: {filter_.position}, char: {char}"
            ) from None

    def logical_or(self) -> Expression:
        return self._logical("||", self.logical_and)

    def logical_and(self) -> Expression:
        return self._logical("&&", self.logical_and_operand)

    def _logical(self, operator: str, read: Callable[[], Expression]) -> Expression:
        operands = [read()]
        while True:
            savepoint = self.filter.position
            if not self.filter.has_significant(operator):
                self.filter.position = savepoint
                break
            operands.append(read())
        return operands[0] if len(operands) == 1 else Logical(operator, operands)

    def logical_and_operand(self) -> Expression:
        filter_ = self.filter
        savepoint = filter_.skip_blanks().position
        if filter_.skip_blanks().current() == "!":
            filter_.read_significant("!")
            if filter_.skip_blanks().current() in "$@":
                filter_.position = savepoint  # `!@.a`: the path's "does not exist" check
            else:
                return Logical("!", [self.logical_and_operand()])
        if filter_.skip_blanks().current() == "(":
            filter_.read_significant("(")
            expression = self.logical_or()
            filter_.read_significant(")")
            return expression
        return self.expression()

    def expression(self) -> Expression:
        """readExpression: ``left op right``, or else ``left`` as an exists check."""
        left = self.value_node()
        savepoint = self.filter.position
        try:
            operator = self.relational_operator()
            right = self.value_node()
            return Relation(left, operator, right)
        except JavaException as error:
            if error.java_class != INVALID_PATH:
                raise
            self.filter.position = savepoint
        if not isinstance(left, PathNode):
            raise expected("path")
        check = left.as_exists_check(left.should_exist)
        return Relation(check, "EXISTS", TRUE if check.should_exist else FALSE)

    def relational_operator(self) -> str:
        filter_ = self.filter
        begin = filter_.skip_blanks().position
        if filter_.current() in _RELATIONAL:
            while filter_.in_bounds() and filter_.current() in _RELATIONAL:
                filter_.position += 1
        else:
            while filter_.in_bounds() and filter_.current() != " ":
                filter_.position += 1
        text = filter_.text[begin : filter_.position]
        name = text.upper()
        if name not in OPERATORS:
            raise _fail(f"Filter operator {text} is not supported!")
        return name

    def value_node(self) -> ValueNode:
        filter_ = self.filter
        char = filter_.skip_blanks().current()
        if char in "$@":
            return self.path()
        if char == "!":
            filter_.position += 1
            if filter_.skip_blanks().current() in "$@":
                return self.path()
            raise _fail("Unexpected character: !")
        return self.literal()

    def literal(self) -> ValueNode:
        char = self.filter.skip_blanks().current()
        if char in "'\"":
            return self.string(char)
        if char in "tf":
            return self.boolean()
        if char == "n":
            return self.null()
        if char in "[{":
            return self.json()
        if char == "/":
            return self.pattern()
        return self.number()

    def string(self, quote: str) -> ValueNode:
        filter_ = self.filter
        begin = filter_.position
        closing = filter_.next_unescaped(filter_.position, quote)
        if closing == -1:
            raise _fail(f"String literal does not have matching quotes. Expected {quote} in {filter_.text}")
        filter_.position = closing + 1
        return string_literal(filter_.text[begin : filter_.position])

    def boolean(self) -> ValueNode:
        filter_ = self.filter
        begin = filter_.position
        end = begin + (3 if filter_.current() == "t" else 4)
        if not filter_.in_bounds(end):
            raise _fail("Expected boolean literal")
        text = filter_.text[begin : end + 1]
        if text not in ("true", "false"):
            raise _fail("Expected boolean literal")
        filter_.position += len(text)
        return TRUE if text == "true" else FALSE

    def null(self) -> ValueNode:
        filter_ = self.filter
        if filter_.in_bounds(filter_.position + 3) and filter_.text[filter_.position : filter_.position + 4] == "null":
            filter_.position += 4
            return NULL
        raise _fail("Expected <null> value")

    def json(self) -> ValueNode:
        filter_ = self.filter
        begin = filter_.position
        opening = filter_.current()
        closing = filter_.matching_close(begin, opening, "]" if opening == "[" else "}")
        if closing == -1:
            raise _fail(f"String not closed. Expected ' in {filter_.text}")
        filter_.position = closing + 1
        return JsonNode(filter_.text[begin : filter_.position], False)

    def pattern(self) -> ValueNode:
        filter_ = self.filter
        begin = filter_.position
        closing = filter_.next_unescaped(filter_.position, "/")
        if closing == -1:
            raise _fail(f"Pattern not closed. Expected / in {filter_.text}")
        if filter_.in_bounds(closing + 1):
            flags_end = closing + 1
            while filter_.in_bounds(flags_end) and filter_.text[flags_end] in _FLAG_CODES:
                flags_end += 1
            closing = flags_end - 1
        filter_.position = closing + 1
        return _pattern_node(filter_.text[begin : filter_.position])

    def number(self) -> ValueNode:
        filter_ = self.filter
        begin = filter_.position
        while filter_.in_bounds() and (is_digit(filter_.current()) or filter_.current() in "-.eE"):
            filter_.position += 1
        return NumberNode(big_decimal(filter_.text[begin : filter_.position]))

    def path(self) -> ValueNode:
        """readPath: the operand's extent, then PathCompiler.compile of it."""
        filter_ = self.filter
        previous = filter_.previous_significant_index()
        negated = previous != -1 and filter_.text[previous] == "!"
        begin = filter_.position
        filter_.position += 1  # the $ or @
        while filter_.in_bounds():
            if filter_.current() == "[":
                closing = filter_.matching_close(filter_.position, "[", "]")
                if closing == -1:
                    raise _fail(f"Square brackets does not match in filter {filter_.text}")
                filter_.position = closing + 1
            closes = filter_.current() == ")" and not self._closes_empty_call(begin)
            if not filter_.in_bounds() or filter_.current() in _RELATIONAL or filter_.current() == " " or closes:
                break
            filter_.position += 1
        text = filter_.text[begin : filter_.position]
        return PathNode(text, self.compile_path(text), False, not negated)

    def _closes_empty_call(self, lower_bound: int) -> bool:
        """currentCharIsClosingFunctionBracket: a ``)`` right after ``(`` with a ``.`` before."""
        filter_ = self.filter
        index = filter_.previous_significant_index()
        if index == -1 or filter_.text[index] != "(":
            return False
        index -= 1
        while filter_.in_bounds(index) and index > lower_bound:
            if filter_.text[index] == ".":
                return True
            index -= 1
        return False


def _pattern_node(text: str) -> PatternNode:
    """PatternNode(text): the regex between the first and the last ``/``, compiled with the
    flags after it (PatternFlag.parseFlags: any of ``dixmsuU``, others ignored)."""
    first, last = text.index("/"), text.rindex("/")
    inline = "".join(flag for flag in _FLAG_CODES if flag in text[last + 1 :])
    return PatternNode(compile_java((f"(?{inline})" if inline else "") + text[first + 1 : last]).regex)


def compile_filter(text: str, compile_path: Callable[[str], Any]) -> Expression:
    """``FilterCompiler.compile(text)``: the expression tree of ``[?(...)]``; raises
    Jayway's InvalidPathException. ``compile_path`` compiles a path operand."""
    try:
        return _FilterCompiler(text, compile_path).compile()
    except JavaException as error:
        if error.java_class != INDEX_OUT_OF_RANGE:
            raise
        raise _fail(f"{error.java_class}: {error}") from None  # PathCompiler wraps it


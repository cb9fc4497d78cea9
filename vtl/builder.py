"""Lark tree → AST (vtl/nodes.py).

Besides reshaping the tree, the builder applies the rules Velocity 1.7 applies when it
initialises its nodes: how a reference's first token splits into escapes, prefixes and
name (ASTReference.getRoot), what an escaped directive prints (Parser.escapedDirective),
how string literals unescape and interpolate (ASTStringLiteral), and which arguments
#foreach, #macro and #define accept.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from typing import Any

from lark import Token, Tree

from vtl import nodes as n
from vtl.errors import TemplateRenderError, TemplateSyntaxError
from vtl.java.numbers import parse_integer
from vtl.java.printing import INT_MAX, INT_MIN, digits_to_int
from vtl.java.registry import JavaException
from vtl.lexer import LineIndex, ReferenceGroup, VtlToken, special_text, tokenize
from vtl.parser import directive_name, parse_tree
from vtl.profiles import EngineOptions

ParseTree = Tree[Token]

_CONTROL_WORDS = frozenset({"if", "end", "set", "else", "elseif", "stop"})


def _unescape_unicode(content: str) -> str:
    """ASTStringLiteral.unescape: each ``\\u`` and the four characters after it become the
    character ``Integer.parseInt(them, 16)`` (a sign allowed, the value cut to 16 bits);
    what does not parse is a NumberFormatException, fewer than four characters a
    StringIndexOutOfBoundsException, when the template is read (ValueError here, with
    Java's message; case velocity/fuzz/unicode-escape-not-hex)."""
    out: list[str] = []
    copied = 0
    at = content.find("\\u")
    while at >= 0:
        out.append(content[copied:at])
        digits = content[at + 2 : at + 6]
        if len(digits) < 4:
            raise ValueError(f"java.lang.StringIndexOutOfBoundsException: begin {at + 2}, end "
                             f"{at + 6}, length {len(content)}")
        try:
            value = parse_integer(digits, 16, INT_MIN, INT_MAX)
        except JavaException as error:
            raise ValueError(str(error)) from None
        out.append(chr(value & 0xFFFF))
        copied = at + 6
        at = content.find("\\u", copied)
    out.append(content[copied:])
    return "".join(out)


_OPERATORS = {
    "LOGICAL_OR": "||", "LOGICAL_AND": "&&", "LOGICAL_EQUALS": "==", "LOGICAL_NOT_EQUALS": "!=",
    "LOGICAL_LT": "<", "LOGICAL_GT": ">", "LOGICAL_LE": "<=", "LOGICAL_GE": ">=",
    "PLUS": "+", "MINUS": "-", "MULTIPLY": "*", "DIVIDE": "/", "MODULUS": "%",
}


def build(
    tree: ParseTree,
    tokens: list[VtlToken],
    source: str,
    index: LineIndex,
    options: EngineOptions,
    name: str | None,
) -> n.Document:
    """Turn the parse tree of ``source`` into a Document."""
    builder = Builder(source, index, options, name, tokens)
    body = builder.statements(tree.children)
    _check_macro_calls(body, builder.macros, index, name)
    return n.Document(body=body, macros=builder.macros)


def _check_macro_calls(body: Sequence[n.Node], macros: dict[str, n.MacroDef], index: LineIndex,
                       name: str | None) -> None:
    """A bare word passed to a defined macro fails when Velocity initialises the call
    (VelocimacroProxy: "Invalid arg 'word' in macro #m"), before anything renders."""
    if not macros:
        return  # no call can fail (and most templates define no macro: skip the walk)
    for node in _walk(body):
        if isinstance(node, n.Directive) and node.name.lstrip("@") in macros:
            for arg in reversed(node.args):  # VelocimacroProxy reports the last one
                if isinstance(arg, n.Word) and not arg.runt:  # a runt is a reference
                    raise TemplateSyntaxError(
                        f"invalid argument '{arg.text}' in a call of macro #{node.name}: "
                        "arguments must be values or references", name=name,
                        line=arg.span.line, column=arg.span.column, source=index.text,
                        length=len(arg.text))
                break


def _walk(body: Sequence[n.Node]) -> Any:
    for node in body:
        yield node
        for attr in ("body", "else_body"):
            inner = getattr(node, attr, None)
            if inner:
                yield from _walk(inner)
        if isinstance(node, n.If):
            for branch in node.branches:
                yield from _walk(branch.body)


class Builder:
    """Builds nodes for one template (and for the interpolated strings inside it)."""

    def __init__(
        self,
        source: str,
        index: LineIndex,
        options: EngineOptions,
        name: str | None,
        tokens: list[VtlToken],
        base: int = 0,
        macros: dict[str, n.MacroDef] | None = None,
        macro_names: set[str] | None = None,
    ) -> None:
        self.source = source
        self.index = index
        self.options = options
        self.directives = options.directive_blocks()
        self.name = name
        self.tokens = tokens
        self.base = base  # offset of this text inside the template (for string literals)
        self.macros: dict[str, n.MacroDef] = {} if macros is None else macros
        self.macro_names: set[str] = set() if macro_names is None else macro_names
        self._next_token: dict[int, int] | None = None  # token position by offset, made when needed

    # ------------------------------------------------------------------ positions

    def span(self, start: int, end: int) -> n.Span:
        base = self.base
        line, column = self.index.position(base + start)
        return n.Span(base + start, base + end, line, column)

    def tok_span(self, tok: Token) -> n.Span:
        base = self.base
        line, column = self.index.position(base + tok.start_pos)  # type: ignore[operator]
        return n.Span(base + tok.start_pos, base + tok.end_pos, line, column)  # type: ignore[operator]

    def tree_span(self, tree: ParseTree | Token) -> n.Span:
        if isinstance(tree, Token):
            return self.tok_span(tree)
        return self.span(*bounds(tree))

    def syntax_error(self, message: str, at: Token | ParseTree, **extra: Any) -> TemplateSyntaxError:
        span = self.tree_span(at)
        return TemplateSyntaxError(message, name=self.name, line=span.line, column=span.column,
                                   source=self.index.text, **extra)

    def source_text(self, start: int, end: int) -> str:
        return self.source[start:end]

    def tokens_in(self, start: int, end: int) -> list[VtlToken]:
        """The tokens (sorted by position) that start in [start, end)."""
        return _tokens_in(self.tokens, start, end)

    # ------------------------------------------------------------------ statements

    def statements(self, children: Sequence[ParseTree | Token]) -> tuple[n.Node, ...]:
        out: list[n.Node] = []
        for child in children:
            if isinstance(child, Tree) and child.data == "block":
                out.extend(self.statements(child.children))
                continue
            node = getattr(self, child.data)(child)  # type: ignore[union-attr]
            if node is not None:
                out.append(node)
        return tuple(out)

    def text(self, tree: ParseTree) -> n.Node:
        tok: VtlToken = tree.children[0]  # type: ignore[assignment]
        return n.Text(self.tok_span(tok), tok.prefix + tok.value)

    def output(self, tree: ParseTree) -> n.Node:
        ref = self.reference(tree.children[0])  # type: ignore[arg-type]
        if ref is None:
            # A "runt": an identifier left without its "$" (e.g. after "#set(...)" or a
            # method call). ASTReference renders only its first token, so indexes or
            # properties after it vanish (case velocity/fuzz/runt-and-escaped-directive).
            first: VtlToken = tree.children[0].children[0]  # type: ignore[union-attr,assignment]
            return n.Text(self.tree_span(tree), first.value)
        return n.Output(ref.span, ref)

    def comment(self, tree: ParseTree) -> n.Node | None:
        # ASTComment prints what its first token carries before "##" or "#*" (a MORE prefix
        # such as the "$" of "$##").
        before = comment_text(str(tree.children[0]))
        return n.Text(self.tree_span(tree), before) if before else None

    def textblock(self, tree: ParseTree) -> n.Node:
        # ASTTextblock cuts 3 characters off each end blindly, so a MORE prefix shifts the
        # cut: "$#[[b]]#" prints "[b" (case velocity/fuzz/textblock-after-dollar).
        image = str(tree.children[0])
        return n.Text(self.tree_span(tree), image[3:-3])

    def escaped_directive(self, tree: ParseTree) -> n.Node:
        tok: VtlToken = tree.children[0]  # type: ignore[assignment]
        # ASTEscapedDirective prints the processed image only: special text before it
        # (the "$" of "$\\#e") is lost (case velocity/fuzz/runt-and-escaped-directive).
        return n.Text(self.tok_span(tok), self._escaped_directive_image(tok.value))

    def _escaped_directive_image(self, image: str) -> str:
        """What Parser.jjt's EscapedDirective() makes of the token's image: before a
        directive or a macro known so far, half the backslashes and the directive; else
        the image as it is."""
        last = image.rindex("\\")
        directive = image[last + 1 :]
        tag = directive[1:]
        if tag.startswith("{"):
            tag = tag[1:-1]
        known = tag in self.directives or tag in self.macro_names or tag in _CONTROL_WORDS
        return image[: last // 2] + directive if known else image

    def escape(self, tree: ParseTree) -> n.Node:
        # Parser.jjt Escape(): each "\\" pair prints one backslash before a directive that
        # runs (so the directive is not escaped), two before anything else.
        escapes: list[VtlToken] = tree.children  # type: ignore[assignment]
        last = escapes[-1]
        if self._next_token is None:
            self._next_token = {tok.start_pos: i for i, tok in enumerate(self.tokens)}
        position = self._next_token.get(last.start_pos, -1) + 1
        follower = self.tokens[position] if 0 < position < len(self.tokens) else None
        control = False
        if follower is not None:
            if follower.type in ("IF_DIRECTIVE", "ELSE_DIRECTIVE", "ELSEIF_DIRECTIVE", "END"):
                control = True
            elif follower.value[1:] in self.directives or follower.value[1:] in self.macro_names:
                # a directive, or a macro defined above, even where inline macros are not
                # allowed (case directives/escaped-macro-name, both profiles)
                control = True
        pair = "\\" if control else "\\\\"
        # ASTEscape prints only its backslashes: special text before them (the "$" of
        # "$\\\\#end") is lost (case velocity/fuzz/escape-after-dollar).
        return n.Text(self.tree_span(tree), pair * len(escapes))

    def set_directive(self, tree: ParseTree) -> n.Node:
        _, target, _, value, _ = tree.children
        ref = self.reference(target)  # type: ignore[arg-type]
        if ref is None:
            raise self.syntax_error("#set needs a reference on the left of '='", target)
        return n.Set(self.tree_span(tree), ref, self.expression(value))

    def if_directive(self, tree: ParseTree) -> n.Node:
        children = tree.children
        branches = [n.IfBranch(self.tree_span(tree), self.expression(children[2]),
                               self.statements([children[4]]))]
        else_body: tuple[n.Node, ...] | None = None
        for child in children[5:]:
            if isinstance(child, Tree) and child.data == "elseif_branch":
                branches.append(n.IfBranch(self.tree_span(child), self.expression(child.children[2]),
                                           self.statements([child.children[4]])))
            elif isinstance(child, Tree) and child.data == "else_branch":
                else_body = self.statements([child.children[1]])
        return n.If(self.tree_span(tree), tuple(branches), else_body)

    # ------------------------------------------------------------------ directives

    def directive_args(self, tree: ParseTree) -> tuple[list[n.Expr], list[ParseTree | Token]]:
        raw = [c for c in tree.children if not (isinstance(c, Token) and c.type == "COMMA")]
        return [self.expression(c) for c in raw], raw

    def line_directive(self, tree: ParseTree) -> n.Node | None:
        word: VtlToken = tree.children[0]  # type: ignore[assignment]
        args, _raw = self.directive_args(tree.children[2])  # type: ignore[arg-type]
        return self.line_directive_node(word, args, bounds(tree)[1])

    def line_directive_node(self, word: VtlToken, args: list[n.Expr], end: int) -> n.Node:
        """``#word(args)`` ending at offset ``end``, its arguments built."""
        name = directive_name(word.value)
        span = self.span(word.start_pos, end)
        # an unknown directive prints from its word on: special text before it is lost
        # ("#$@(1)x" prints "@(1)x", case velocity/fuzz/directive-after-special-text)
        literal = self.directive_literal(word.start_pos, end)
        if name == "stop" and "stop" in self.directives:
            return n.Stop(span)
        if name == "break" and "break" in self.directives:
            return self._break(span, args)
        if name == "evaluate" and "evaluate" in self.directives:
            self._check_evaluate(span, args)
        return n.Directive(span, name, tuple(args), literal)

    def _check_evaluate(self, span: n.Span, args: list[n.Expr]) -> None:
        """Evaluate.init: exactly one argument, a string literal or a reference."""
        problem = None
        if len(args) != 1:
            problem = "#evaluate() requires exactly one argument"
        elif not isinstance(args[0], (n.StringLiteral, n.Reference)):
            problem = "#evaluate() argument must be a string literal or reference"
        if problem:
            raise TemplateSyntaxError(problem, name=self.name, line=span.line, column=span.column,
                                      source=self.index.text, length=len("#evaluate"))

    def bare_directive(self, tree: ParseTree) -> n.Node | None:
        word: VtlToken = tree.children[0]  # type: ignore[assignment]
        name = directive_name(word.value)
        span = self.tree_span(tree)
        if name == "stop" and "stop" in self.directives:
            return n.Stop(span)
        if name == "break" and "break" in self.directives:
            return n.Break(span, None)
        if name == "evaluate" and "evaluate" in self.directives:
            self._check_evaluate(span, [])
        if name in ("foreach", "define", "literal") and name in self.directives:
            # Parser.jjt makes a directive node without arguments or body; its init then
            # fails with a NullPointerException (this.children is null), wherever it is.
            raise TemplateSyntaxError(
                f"#{name} needs its arguments in parentheses and a body closed by #end "
                "(Velocity 1.7 fails with a NullPointerException)",
                name=self.name, line=span.line, column=span.column, source=self.index.text,
                length=len(word.value))
        return n.Directive(span, name, (), word.value)

    def block_directive(self, tree: ParseTree) -> n.Node | None:
        word: VtlToken = tree.children[0]  # type: ignore[assignment]
        name = directive_name(word.value)
        args, _raw = self.directive_args(tree.children[2])  # type: ignore[arg-type]
        block: ParseTree = tree.children[4]  # type: ignore[assignment]
        span = self.tree_span(tree)
        if name == "macro" and "macro" in self.directives:
            return self._macro(span, args, tree.children[1], block)  # type: ignore[arg-type]
        # The block is built here, not in a helper: a frame more per level of nesting
        # would lower the depth at which a template nests too deeply (nesting_error).
        body = self.statements([block])
        return self.block_directive_node(word, span, args, body,
                                         lambda: self._block_literal(block) if block.children else None)

    def block_directive_node(self, word: VtlToken, span: n.Span, args: list[n.Expr],
                             body: tuple[n.Node, ...],
                             block_literal: Callable[[], str | None]) -> n.Node | None:
        """``#word(args)…#end`` other than #macro, its arguments and block built.
        ``block_literal`` gives #literal's text of the block (None for an empty one)."""
        name = directive_name(word.value)
        if name == "foreach" and "foreach" in self.directives:
            return self._foreach(span, args, body)
        if name == "define" and "define" in self.directives:
            return self._define(span, args, body)
        if name == "literal" and "literal" in self.directives:
            if args:
                # Literal.init prints its first child: with an argument that is the
                # argument, not the block (case velocity/fuzz/literal-with-argument).
                first_arg = args[0]
                text = (first_arg.literal if isinstance(first_arg, n.Reference)
                        else self.source_text(first_arg.span.start - self.base,
                                              first_arg.span.end - self.base))
                return n.Literal(span, text)
            literal_body = block_literal()
            if literal_body is None:
                # Literal.init reads the first token of its body: none gives a
                # NullPointerException (t is null) wherever the #literal is.
                raise TemplateSyntaxError(
                    "#literal() needs a body (Velocity 1.7 fails with a NullPointerException "
                    "on an empty one)", name=self.name, line=span.line, column=span.column,
                    source=self.index.text, length=len(word.value))
            return n.Literal(span, literal_body)
        literal = self.directive_literal(word.start_pos, span.end)
        return n.Directive(span, name, tuple(args), literal, body)

    def directive_literal(self, start: int, end: int) -> str:
        """What an unknown directive (or an undefined macro's call) prints: RuntimeMacro's
        literal, its tokens' images once its references are initialised. So special text
        among them is lost (``#foo($a#)`` prints ``#foo($a)``; blanks are tokens and stay),
        and a reference's first token has lost its escapes and glued prefix, as
        ASTReference.getRoot cuts the image itself (``#foo($$a)`` and ``#foo(\\$a)`` print
        ``#foo($a)``; cases velocity/fuzz/directive-literal-*)."""
        text = self.source_text(start, end)
        if "$" not in text and "#" not in text[1:] and "\\" not in text:
            return text  # no special text can be there (the common case)
        images: list[str] = []
        cursor = start
        previous = ""
        for tok in self.tokens_in(start, end):
            images += _blank_tokens(self.source[cursor:tok.start_pos], previous, tok.type)
            previous = tok.type
            if isinstance(tok, ReferenceGroup):
                cursor = tok.parts[-1].end_pos  # a plain reference: its text is its images
                images.append(self.source[tok.start_pos:cursor])
                continue
            head = reference_head(tok.value) if tok.type in ("IDENTIFIER", "LCURLY") else None
            images.append(tok.value if head is None else head[3])
            cursor = tok.end_pos
        return "".join(images)

    def _define(self, span: n.Span, args: list[n.Expr], body: tuple[n.Node, ...]) -> n.Node:
        """Define.init wants exactly one argument and the block, wherever the #define is
        (``#define($loop $map)``, seen in a real request template, fails even in a false
        #if: cases velocity/errors/define-with-parameter*). It names the block after the
        argument's first token minus one character, whatever the argument is: ``true``
        defines ``$rue``; a string, number or list gives a name no reference can reach."""
        if len(args) != 1:
            raise TemplateRenderError(
                "#define takes one argument, the block's name (Velocity 1.7: "
                "parameter missing: block name)", name=self.name, line=span.line,
                column=span.column, source=self.index.text)
        target = args[0]
        if isinstance(target, n.Reference):
            return n.Define(span, target, body)
        text = self.source_text(target.span.start - self.base, target.span.end - self.base)
        # A string, boolean or number is one token; a list, map or range starts with "[" / "{".
        key = "" if isinstance(target, (n.ListLiteral, n.MapLiteral, n.Range)) else text[1:]
        return n.Define(span, n.Reference(target.span, key, (), text, set_name=key), body)

    def _foreach(self, span: n.Span, args: list[n.Expr], body: tuple[n.Node, ...]) -> n.Node:
        if not args:
            raise TemplateRenderError("#foreach() needs '$item in $collection'", name=self.name,
                                      line=span.line, column=span.column, source=self.index.text)
        var = args[0]
        if not isinstance(var, n.Reference) and len(args) > 1:
            var = self._loop_key(var)
        if len(args) == 1:
            # Foreach.render reads its third child: with one argument and the body there is
            # none, an ArrayIndexOutOfBoundsException when (only when) it runs.
            literal = self.source_text(span.start, span.end)
            return n.Directive(span, "foreach", tuple(args), literal, body)
        # `#foreach($i $list)` or `#foreach($i in)`: Velocity renders nothing.
        iterable = args[2] if len(args) >= 3 else n.ListLiteral(span, ())
        if len(args) > 3:
            # Foreach.render takes its 4th child as the body, so an extra argument replaces
            # the real body (case foreach/extra-argument-becomes-body).
            body = _rendered_as_node(args[3])
        assert isinstance(var, n.Reference)  # _loop_key made one when there are 2+ arguments
        return n.Foreach(span, var, iterable, body)

    def _loop_key(self, arg: n.Expr) -> n.Reference:
        """Foreach.init names the loop variable after its first argument's first token,
        minus one character, whatever that argument is: ``#foreach("a" in $l)`` sets the
        variable ``a"`` (case velocity/fuzz/foreach-non-reference-variable)."""
        text = self.source_text(arg.span.start - self.base, arg.span.end - self.base)
        first = text[:1] if isinstance(arg, (n.ListLiteral, n.MapLiteral, n.Range)) else text
        name = first[1:]
        return n.Reference(arg.span, name, (), "$" + name, set_name=name)

    def _macro_parameter(self, arg: n.Expr) -> str:
        """The name a #macro parameter binds: Macro.getArgArray takes its first token's image
        minus a leading "$", whatever the parameter is (``1``, ``'c'``, ``[1]`` take a slot
        under a name no reference reads; case velocity/fuzz/macro-literal-parameters)."""
        if isinstance(arg, n.Reference):
            return arg.set_name
        text = self.source_text(arg.span.start - self.base, arg.span.end - self.base)
        return text[:1] if isinstance(arg, (n.ListLiteral, n.MapLiteral, n.Range)) else text

    def _break(self, span: n.Span, args: list[n.Expr]) -> n.Node:
        # Break.init refuses two arguments wherever the #break is; any one argument that is
        # no scope fails only when the #break runs (case velocity/directives/break-literal-argument)
        if len(args) > 1:
            raise TemplateRenderError("#break takes one optional scope reference, e.g. "
                                      "#break($foreach)", name=self.name, line=span.line,
                                      column=span.column, source=self.index.text)
        return n.Break(span, args[0] if args else None)

    def _macro(self, span: n.Span, args: list[n.Expr], after_name: Token,
               block: ParseTree | tuple[n.Node, ...]) -> n.Node | None:
        """A #macro definition; ``block`` is its body, or the tree of its body, built
        after the arguments are checked (a bad argument is reported before an error
        inside the body)."""
        if not args:
            raise self.syntax_error("a macro declaration requires at least a name argument", after_name)
        head = args[0]
        if not isinstance(head, n.Word):
            raise self.syntax_error(
                "the first argument of #macro must be the macro's name, a bare word", after_name)
        params = [self._macro_parameter(arg) for arg in args[1:]]
        body = self.statements([block]) if isinstance(block, Tree) else block
        self.macro_names.add(head.text)
        definition = n.MacroDef(span, head.text, tuple(params), body)
        # Velocity keeps the first definition of a name; AWS allows none (profile option).
        if self.options.inline_macros and head.text not in self.macros:
            self.macros[head.text] = definition
        return definition

    def _block_literal(self, block: ParseTree) -> str:
        """#literal's text: Velocity prints the block's tokens, so comment text is lost
        (``## x`` → ``##``, ``#* x *#`` → nothing) while everything else comes back as written."""
        if not block.children:
            return ""
        start, end = bounds(block)
        starts = {node.span.start - self.base for node in n.descendants(self._block_nodes(block))
                  if isinstance(node, n.Reference)}
        parts: list[str] = []
        for tok in self._raw_tokens(start, end):
            if tok.type == "MULTI_LINE_COMMENT":
                # NodeUtils.tokenLiteral gives "" for a #* *# comment (its "*#" and any text
                # glued before it), unlike a #** *# one (case velocity/fuzz/literal-multi-line-comment)
                continue
            value = tok.value
            if tok.type == "ESCAPE_DIRECTIVE":
                # the parser rewrote the token's image as it read the block (case
                # velocity/fuzz/literal-escaped-directive)
                value = self._escaped_directive_image(value)
            elif tok.start_pos in starts:
                # the block's references were initialised first, which strips their
                # escapes and glued "#"/"$" (case velocity/fuzz/literal-block-reference)
                head = reference_head(value)
                value = head[3] if head is not None else value
            parts.append(tok.prefix + value)
        return "".join(parts)

    def _block_nodes(self, block: ParseTree) -> tuple[n.Node, ...]:
        """The block's statements built into nodes (only to find its references)."""
        return Builder(self.source, self.index, self.options, self.name, self.tokens, self.base,
                       {}, set(self.macro_names)).statements([block])

    def _raw_tokens(self, start: int, end: int) -> list[VtlToken]:
        return [t for t in tokenize(self.source) if start <= t.start_pos < end]

    # ------------------------------------------------------------------ references

    def reference(self, tree: ParseTree) -> n.Reference | None:
        """A reference node, or None for a "runt" (an identifier left without its ``$``)."""
        children = tree.children
        first: VtlToken = children[0]  # type: ignore[assignment]
        formal = first.type == "LCURLY"
        head = reference_head(first.value)
        if head is None:
            return None
        escaped, esc_prefix, more_prefix, image = head
        quiet = image.startswith("$!")
        rest = children[1:-1] if formal else children[1:]
        name_tok = rest[0] if formal else first
        root = name_tok.value if formal else image[2:] if quiet else image[1:]  # type: ignore[union-attr]
        parts = tuple(m for part in (rest[1:] if formal else rest)
                      for m in self.modifiers(part))  # type: ignore[arg-type]
        end = _end(tree)
        literal = first.prefix + image + self._literal_after_head(first.end_pos, end, parts)
        slashbang = slashbang_text(first.value)
        if slashbang is not None:  # "$\!x": no reference at all, whose root is never found
            root, escaped, esc_prefix, more_prefix = "\\!", False, "", ""
        span = self.span(first.start_pos, end)
        return n.Reference(span, root, parts, literal, quiet=quiet, formal=formal, escaped=escaped,
                           esc_prefix=esc_prefix, more_prefix=more_prefix, set_name=image[1:],
                           null_text=None if slashbang is None else first.prefix + slashbang)

    def _special_text_between_tokens(self, start: int, end: int,
                                     taken: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Velocity's literal is its tokens with their special tokens' text: between two
        tokens of [start, end), what is no blank (a lone ``$``, ``$!``, ``#``) prints as
        NodeUtils.specialText keeps it (``$a.b('q'$!)`` prints ``$a.b('q'$)``, case
        velocity/fuzz/reference-literal-special-text). Ranges in ``taken`` are left alone."""
        segment = self.source[start:end]
        if "#" not in segment and "!" not in segment and "\\" not in segment and segment.count("$") < 2:
            return []  # no special text can be there (the common case)
        found: list[tuple[int, int, str]] = []
        cursor = start
        for tok in self.tokens_in(start, end):
            tok_start: int = tok.start_pos
            if tok_start > cursor:
                for m in _NOT_BLANK.finditer(self.source, cursor, tok_start):
                    if not any(a <= m.start() < b for a, b, _ in taken):
                        found.append((m.start(), m.end(), special_text(m.group())))
            cursor = max(cursor, tok.parts[-1].end_pos if isinstance(tok, ReferenceGroup) else tok.end_pos)
        return found

    def _literal_after_head(self, start: int, end: int, parts: tuple[n.Modifier, ...]) -> str:
        """The source text of a reference after its first token, as Velocity prints it for
        null: it initialises the references inside arguments and indexes first, which strips
        their escapes and glued prefixes, so their own literals stand in for their source
        (case velocity/fuzz/inner-reference-literal)."""
        if not parts:
            return self.source[start:end]
        replaced = [(ref.span.start - self.base, ref.span.end - self.base, ref.literal)
                    for ref in _inner_references(parts)]
        replaced += self._special_text_between_tokens(start, end, replaced)
        for part in parts:
            if isinstance(part, (n.Property, n.Method)):
                # A "$" or "$!" glued to a member's "." is lost: DOT's image is "." (case
                # velocity/fuzz/dot-after-dollar-in-reference)
                dot = part.span.start - self.base - 1
                glued = _glued_before(self.source, start, dot)
                if glued < dot:
                    replaced.append((glued, dot, ""))
        out: list[str] = []
        cursor = start
        for local_start, local_end, text in sorted(replaced):
            out.append(self.source_text(cursor, local_start))
            out.append(text)
            cursor = local_end
        out.append(self.source_text(cursor, end))
        return "".join(out)

    def modifiers(self, tree: ParseTree) -> list[n.Modifier]:
        """``[i]``, ``.name`` or ``.name(args)``, each with the indexes that follow it."""
        if tree.data == "index":
            return [n.Index(self.tok_span(tree.children[0]), self.expression(tree.children[1]))]  # type: ignore[arg-type]
        children = tree.children
        name_tok: Token = children[1]  # type: ignore[assignment]
        if tree.data == "property":
            out: list[n.Modifier] = [n.Property(self.tok_span(name_tok), name_tok.value)]
            trailing = children[2:]
        else:
            close = next(i for i, c in enumerate(children)
                         if isinstance(c, Token) and c.type == "REFMOD2_RPAREN")
            args = tuple(self.expression(c) for c in children[3:close]
                         if not (isinstance(c, Token) and c.type == "COMMA"))
            out = [n.Method(self.tok_span(name_tok), name_tok.value, args)]
            trailing = children[close + 1 :]
        for index in trailing:
            out.extend(self.modifiers(index))  # type: ignore[arg-type]
        return out

    # ------------------------------------------------------------------ expressions

    def expression(self, tree: ParseTree | Token) -> n.Expr:
        if isinstance(tree, Token):
            raise self.syntax_error(f"unexpected {tree!s}", tree)
        kind = tree.data
        if kind == "reference":
            ref = self.reference(tree)
            if ref is None:
                # A "runt": an identifier without its "$" as a method argument
                # (`$s.concat(a)`). ASTReference.execute returns null for it before asking
                # the context, so it is null under API Gateway's null model too.
                return n.Word(self.tree_span(tree), self.source_text(*bounds(tree)), runt=True)
            return ref
        if kind in ("or_expr", "and_expr", "eq_expr", "rel_expr", "add_expr", "mul_expr"):
            children = tree.children
            left = self.expression(children[0])
            for i in range(1, len(children), 2):
                op: Token = children[i]  # type: ignore[assignment]
                right = self.expression(children[i + 1])
                span = n.Span(left.span.start, right.span.end, left.span.line, left.span.column)
                left = n.BinaryOp(span, _OPERATORS[op.type], left, right)
            return left
        if kind == "not_expr":
            return n.Not(self.tree_span(tree), self.expression(tree.children[1]))
        if kind == "group":
            return n.Group(self.tree_span(tree), self.expression(tree.children[1]))
        return getattr(self, "literal_" + kind)(tree)  # type: ignore[no-any-return]

    def literal_string(self, tree: ParseTree) -> n.Expr:
        tok: VtlToken = tree.children[0]  # type: ignore[assignment]
        return self.string_literal(tok)

    def literal_integer(self, tree: ParseTree) -> n.Expr:
        text = str(tree.children[0])
        # Velocity's lexer lets a `#` start a number (`#1`); ASTIntegerLiteral.init then
        # throws (case velocity/errors/hash-number-literal).
        if not text.lstrip("-").isdigit():
            raise self.syntax_error(f'java.lang.NumberFormatException: For input string: "{text}"', tree)
        return n.IntegerLiteral(self.tree_span(tree), digits_to_int(text))

    def literal_float(self, tree: ParseTree) -> n.Expr:
        text = str(tree.children[0])
        # The lexer lets `#` or `$#` start a number (`#1e9`); ASTFloatingPointLiteral.init's
        # BigDecimal(text) then throws, naming the first bad character (cases
        # velocity/errors/hash-float-macro-arg, velocity/errors/dollar-hash-float-literal).
        bad = text.lstrip("-")[:1]
        if bad in ("#", "$"):
            raise self.syntax_error(
                f"java.lang.NumberFormatException: Character {bad} is neither a decimal digit number, "
                'decimal point, nor "e" notation exponential mark.', tree)
        return n.FloatLiteral(self.tree_span(tree), float(text))

    def literal_true(self, tree: ParseTree) -> n.Expr:
        return n.BooleanLiteral(self.tree_span(tree), True)

    def literal_false(self, tree: ParseTree) -> n.Expr:
        return n.BooleanLiteral(self.tree_span(tree), False)

    def literal_word(self, tree: ParseTree) -> n.Expr:
        return n.Word(self.tree_span(tree), str(tree.children[0]))

    def literal_list(self, tree: ParseTree) -> n.Expr:
        items = [self.expression(c) for c in tree.children[1:-1]
                 if not (isinstance(c, Token) and c.type == "COMMA")]
        return n.ListLiteral(self.tree_span(tree), tuple(items))

    def literal_map(self, tree: ParseTree) -> n.Expr:
        values = [self.expression(c) for c in tree.children[1:-1]
                  if not (isinstance(c, Token) and c.type in ("COMMA", "COLON"))]
        entries = tuple((values[i], values[i + 1]) for i in range(0, len(values), 2))
        return n.MapLiteral(self.tree_span(tree), entries)

    def literal_range(self, tree: ParseTree) -> n.Expr:
        start, end = tree.children[1], tree.children[3]
        return n.Range(self.tree_span(tree), self.expression(start), self.expression(end))

    def string_literal(self, tok: VtlToken) -> n.StringLiteral:
        """ASTStringLiteral: quotes doubled inside are one quote; ``\\uXXXX`` is unescaped in
        double quotes; a double-quoted string holding ``$`` or ``#`` is a template."""
        image = tok.value
        span = self.tok_span(tok)
        quote = image[0]
        content = image[1:-1].replace(quote * 2, quote)
        if quote == "'":
            return n.StringLiteral(span, content)
        if "\\u" in content:
            try:
                content = _unescape_unicode(content)
            except ValueError as error:
                raise self.syntax_error(str(error), tok) from None
        if "$" not in image and "#" not in image:
            return n.StringLiteral(span, content)
        body, drop_last = self.interpolation(content, tok)
        return n.StringLiteral(span, content, body, drop_last)

    def interpolation(self, content: str, tok: VtlToken) -> tuple[tuple[n.Node, ...], bool]:
        """The string's template, and whether its last character is dropped when rendered.

        Velocity parses the string followed by a space and drops the last character of
        the result (its "dreaded MORE kludge"), unless the string holds "##"."""
        has_comment = "##" in content
        text = content if has_comment else content + " "
        index = LineIndex(text)
        try:
            tree, tokens = parse_tree(text, index, self.name, frozenset(self.directives))
        except TemplateSyntaxError as error:
            raise TemplateSyntaxError(
                f"the string literal does not parse: {error.message}", name=self.name,
                line=self.tok_span(tok).line, column=self.tok_span(tok).column,
                source=self.index.text) from None
        inner = Builder(text, _ShiftedIndex(self.index, self.base + tok.start_pos + 1, text), self.options,
                        self.name, tokens, 0, self.macros, self.macro_names)
        body = list(inner.statements(tree.children))
        return _drop_last_char(body) if not has_comment else (tuple(body), False)


class _ShiftedIndex(LineIndex):
    """Positions inside a string literal (``content``, the text its template parses),
    reported as Velocity reports them: ASTStringLiteral parses the literal on its own, then
    (adjTokenLineNums) adds the literal's line, less one, to every line and the quote's
    column to the columns of the first line only. So a tab there moves to a multiple of 8
    counted from the literal, and a ``""`` counts as the one quote it stands for (cases
    velocity/strings/tab-in-string-error-column, velocity/strings/quote-pair-error-column)."""

    def __init__(self, outer: LineIndex, base: int, content: str) -> None:
        self.outer = outer
        self.base = base
        self.text = outer.text
        self.starts = outer.starts
        self.content = content
        self._inner: LineIndex | None = None
        self._quote = (0, 0)

    def position(self, offset: int) -> tuple[int, int]:
        inner = self._inner
        if inner is None:
            inner = self._inner = LineIndex(self.content)
            self._quote = self.outer.position(self.base - 1)
        line, column = inner.position(min(offset, max(len(self.content) - 1, 0)))
        if line == 1:
            return self._quote[0], self._quote[1] + column
        return self._quote[0] + line - 1, column


def comment_text(image: str) -> str:
    """What ASTComment prints of its first token: the image before its first "##", or with
    none before its first "#*" (not the earlier of the two: "#*##**#" prints "#*", case
    velocity/comments/comment-text-before-hash-hash)."""
    cut = image.find("##")
    if cut < 0:
        cut = image.find("#*")
    return image[:cut] if cut > 0 else ""


def _drop_last_char(body: list[n.Node]) -> tuple[tuple[n.Node, ...], bool]:
    """Remove the space Velocity appended to an interpolated string (see interpolation),
    where it is the body's last text. Else a comment left open at the end swallowed it, and
    the last character of whatever the string renders goes instead (``"ab#*"`` is ``a``,
    case velocity/strings/unclosed-comment-drops-last-char): the flag says so."""
    if body and isinstance(body[-1], n.Text) and body[-1].text.endswith(" "):
        last = body[-1]
        body[-1] = n.Text(last.span, last.text[:-1])
        if not body[-1].text:
            body.pop()
        return tuple(body), False
    return tuple(body), True


def _rendered_as_node(arg: n.Expr) -> tuple[n.Node, ...]:
    """What a directive argument prints when Velocity renders it as a node: a reference
    (a runt prints its name), and in a list, map or range the references inside, in
    order; literals print nothing (SimpleNode.render renders the children; cases
    foreach/extra-argument-becomes-body*)."""
    if isinstance(arg, n.Reference):
        return (n.Output(arg.span, arg),)
    if isinstance(arg, n.Word):
        return (n.Text(arg.span, arg.text),)
    if isinstance(arg, n.ListLiteral):
        children: Sequence[n.Expr] = arg.items
    elif isinstance(arg, n.MapLiteral):
        children = [item for pair in arg.entries for item in pair]
    elif isinstance(arg, n.Range):
        children = (arg.start, arg.end)
    else:
        return ()
    return tuple(node for child in children for node in _rendered_as_node(child))


def _inner_references(parts: Sequence[n.Modifier]) -> list[n.Reference]:
    """The references directly inside a reference's arguments and indexes (within list
    and map literals too, but not inside another reference, whose literal covers them)."""
    found: list[n.Reference] = []
    stack: list[Any] = []
    for part in parts:
        if isinstance(part, n.Method):
            stack.extend(part.args)
        elif isinstance(part, n.Index):
            stack.append(part.arg)
    while stack:
        node = stack.pop()
        if isinstance(node, n.Reference):
            found.append(node)
        elif isinstance(node, n.ListLiteral):
            stack.extend(node.items)
        elif isinstance(node, n.MapLiteral):
            stack.extend(item for pair in node.entries for item in pair)
        elif isinstance(node, n.Range):
            stack.extend((node.start, node.end))
    return found


def _end(tree: ParseTree) -> int:
    """The end offset of a subtree (as ``bounds(tree)[1]``)."""
    last: ParseTree | Token | None = tree
    while isinstance(last, Tree):
        last = last.children[-1] if last.children else None
    return 0 if last is None else last.end_pos or 0


def bounds(tree: ParseTree | Token) -> tuple[int, int]:
    """Start and end offsets of a subtree: those of its first and last tokens (the parser
    does not record positions on trees, which makes parsing a third faster)."""
    first: ParseTree | Token | None = tree
    last: ParseTree | Token | None = tree
    while isinstance(first, Tree):
        first = first.children[0] if first.children else None
    while isinstance(last, Tree):
        last = last.children[-1] if last.children else None
    if first is None or last is None:
        return 0, 0
    return first.start_pos or 0, last.end_pos or 0


_NOT_BLANK = re.compile(r"[^ \t\r\n]+")
_BLANKS = re.compile(r"[ \t\r\n]+")


def _blank_tokens(gap: str, before: str, after: str) -> list[str]:
    """The blanks among the text between two tokens that are tokens themselves (WHITESPACE,
    which the parser's tokens leave out): not those a comment skipped, after a "##" or
    before the "*#" token that ends a "#* *#"."""
    if before == "SINGLE_LINE_COMMENT_START":
        return []
    if after in ("MULTI_LINE_COMMENT", "FORMAL_COMMENT") and "#*" in gap:
        gap = gap[: gap.find("#*")]
    return _BLANKS.findall(gap)


def _tokens_in(tokens: list[VtlToken], start: int, end: int) -> list[VtlToken]:
    """The tokens (sorted by position) that start in [start, end)."""
    low = bisect_left(tokens, start, key=_start_of)
    return tokens[low:bisect_left(tokens, end, lo=low, key=_start_of)]


def _start_of(tok: VtlToken) -> int:
    return tok.start_pos


def _glued_before(source: str, lowest: int, dot: int) -> int:
    """Where a "$" or "$!" (a DOLLAR or DOLLARBANG, backslashes included) glued in front of
    the "." at ``dot`` starts, with the "#" (HASH) MOREs before those glued too (a "#$!."
    after a reference: case velocity/fuzz/hash-dollar-before-dot-in-reference); ``dot``
    when there is none."""
    start = i = dot
    while True:  # "$!$!." glues two
        if i > lowest and source[i - 1] == "!":
            i -= 1
            while i > lowest and source[i - 1] == "\\":
                i -= 1
        if not (i > lowest and source[i - 1] == "$"):
            return start
        i -= 1
        while i > lowest and source[i - 1] == "\\":
            i -= 1
        while i > lowest and source[i - 1] == "#":  # "##" would have started a comment
            i -= 1
        start = i


def slashbang_text(image: str) -> str | None:
    """What a reference whose first token holds ``\\!`` (``$\\!name``, ``\\$\\!{``) prints
    when null, or None for any other reference. ASTReference.getRoot takes such a token for
    no reference at all: its root is never found, and it prints the token's image with the
    first run of backslashes after the ``$`` one shorter, and nothing of the rest of the
    reference (cases velocity/references/slashbang*)."""
    if "\\!" not in image:
        return None
    start = image.find("\\", image.find("$"))
    count = len(image) - start - len(image[start:].lstrip("\\"))
    return image[:start] + image[start:start + count - 1] + image[start + count:]


def reference_head(image: str) -> tuple[bool, str, str, str] | None:
    """Split a reference's first token as ASTReference.getRoot does.

    Returns (escaped, esc_prefix, more_prefix, image) where ``image`` starts at the last
    ``$`` (``$name``, ``$!name``, ``${``, ``$!{``), or None for a "runt" with no ``$``.
    An odd number of leading backslashes escapes the reference; half of them are kept.
    """
    escaped = False
    esc_prefix = ""
    if image.startswith("\\"):
        count = len(image) - len(image.lstrip("\\"))
        escaped = count % 2 == 1
        esc_prefix = "\\" * (count // 2)
        image = image[count:]
    dollar = image.rfind("$")
    if dollar < 0:
        return None
    more_prefix = image[:dollar]
    return escaped, esc_prefix, more_prefix, image[dollar:]

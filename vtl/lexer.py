"""Velocity 1.7's lexer: template text → tokens for the Lark parser.

VTL cannot be tokenised by a fixed set of terminals: what ``)``, a space or ``[`` means
depends on a stack of lexical states that Velocity's JavaCC token manager keeps
(``Parser.jjt``: DEFAULT, PRE_DIRECTIVE, DIRECTIVE, REFERENCE, REFMODIFIER, REFMOD2,
REFINDEX and the comment states) together with a parenthesis count. This module
reproduces that state machine, because its quirks are observable in the output:

- in each state the longest match wins, ties going to the token defined first;
- ``$``, ``$!``, ``#``, ``#*`` and ``#[[`` are *MORE* tokens: they switch state and are
  glued to the front of the next token (``#$x`` lexes as one identifier token ``#$x``);
- a character that ends a reference or a directive name is a *special token*: it is read
  again in the outer state, and only its ``$``/``#`` characters survive as text (so
  ``$!`` before a space prints ``$``, the ``!`` being lost, spec #4);
- a directive's ``)``, ``#end`` and ``#else`` swallow trailing blanks plus one newline,
  and ``#set`` swallows the blanks before it when they start a token (spec #81-#84).

Tokens are Lark tokens (subclass :class:`VtlToken`) whose ``prefix`` holds the surviving
special-token text that Velocity prints in front of them. For the parser's fast path, a
reference of the commonest form can be read in one step (:class:`ReferenceGroup`, made by
``_plain_reference``), and a run of text and such references as one token
(:class:`StatementRun`, made by ``_statement_run``): the same tokens, without the state
machine's steps. Other shortcuts skip the longest-match contest where one rule can win
("#word" in text, a directive's parentheses); tests compare them all with the contest.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import NoReturn

from lark import Token

# Lexical states, named as in Parser.jjt.
DEFAULT = "DEFAULT"
PRE_DIRECTIVE = "PRE_DIRECTIVE"
DIRECTIVE = "DIRECTIVE"
REFERENCE = "REFERENCE"
REFMODIFIER = "REFMODIFIER"
REFMOD2 = "REFMOD2"
REFINDEX = "REFINDEX"
IN_SINGLE_LINE_COMMENT = "IN_SINGLE_LINE_COMMENT"
IN_FORMAL_COMMENT = "IN_FORMAL_COMMENT"
IN_MULTI_LINE_COMMENT = "IN_MULTI_LINE_COMMENT"
IN_TEXTBLOCK = "IN_TEXTBLOCK"

COMMENT_STATES = (IN_SINGLE_LINE_COMMENT, IN_FORMAL_COMMENT, IN_MULTI_LINE_COMMENT, IN_TEXTBLOCK)
ALL_STATES = (
    DEFAULT, PRE_DIRECTIVE, DIRECTIVE, REFERENCE, REFMODIFIER, REFMOD2, REFINDEX,
) + COMMENT_STATES

# Token categories (JavaCC's TOKEN / MORE / SPECIAL_TOKEN / SKIP).
TOKEN, MORE, SPECIAL, SKIP = "token", "more", "special", "skip"

_NL = r"(?:\r\n|\n|\r)"
_WORD = r"[a-zA-Z_@][a-zA-Z0-9_@]*"
_BRACKETED_WORD = r"\{[a-zA-Z_][a-zA-Z0-9_@]*\}"
# Velocity 1.7 string literals: "" and '' stand for a quote; a backslash escapes nothing.
_DQ_STRING = r'"(?:[^"]|"")*"'
_SQ_STRING = r"'(?:[^']|'')*'"

# (kind, category, pattern, states) in Parser.jjt order: the order breaks ties.
_RULES: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("INDEX_LBRACKET", TOKEN, r"\[", (REFERENCE, REFMODIFIER)),
    ("INDEX_RBRACKET", TOKEN, r"\]", (REFINDEX,)),
    ("LBRACKET", TOKEN, r"\[", (DIRECTIVE, REFMOD2)),
    ("RBRACKET", TOKEN, r"\]", (DIRECTIVE, REFMOD2)),
    ("COMMA", TOKEN, r",", (DIRECTIVE, REFMOD2)),
    ("DOUBLEDOT", TOKEN, r"\.\.", (DIRECTIVE, REFMOD2)),
    ("COLON", TOKEN, r":", (DIRECTIVE, REFMOD2)),
    ("LEFT_CURLEY", TOKEN, r"\{", (DIRECTIVE, REFMOD2)),
    ("RIGHT_CURLEY", TOKEN, r"\}", (DIRECTIVE, REFMOD2)),
    ("LPAREN", TOKEN, r"\(", (DIRECTIVE, REFMODIFIER)),
    ("RPAREN", TOKEN, r"\)(?:[ \t]*" + _NL + ")?", (DIRECTIVE,)),
    ("REFMOD2_RPAREN", TOKEN, r"\)", (REFMOD2,)),
    ("ESCAPE_DIRECTIVE", TOKEN, r"(?:\\\\)*\\#(?:" + _WORD + "|" + _BRACKETED_WORD + ")", (DEFAULT,)),
    ("SET_DIRECTIVE", TOKEN, r"[ \t]*(?:#set|#\{set\}) *\(", (DEFAULT, REFERENCE, REFMODIFIER, REFMOD2)),
    ("DOLLAR", MORE, r"\\*\$", ALL_STATES),
    ("DOLLARBANG", MORE, r"\\*\$\\*!", ALL_STATES),
    ("TEXTBLOCK_START", MORE, r"#\[\[", ALL_STATES),
    ("FORMAL_COMMENT_START", MORE, r"#\*\*(?=[^#])", ALL_STATES),
    ("MULTI_LINE_COMMENT_START", MORE, r"#\*", ALL_STATES),
    ("HASH", MORE, r"#", ALL_STATES),
    # "##" starts a comment only in these states in 1.7 (checked against the jar's tokens):
    # inside [...], method arguments and after `$a.b` it lexes as two "#" (case
    # velocity/comments/hash-hash-inside-arguments).
    ("SINGLE_LINE_COMMENT_START", TOKEN, r"##", (DEFAULT, PRE_DIRECTIVE, DIRECTIVE, REFERENCE)),
    ("DOUBLE_ESCAPE", TOKEN, r"\\\\", (DEFAULT,)),
    ("ESCAPE", TOKEN, r"\\", (DEFAULT,)),
    ("TEXT", TOKEN, r"[^$#\\]+", (DEFAULT,)),
    ("SINGLE_LINE_COMMENT", TOKEN, _NL, (IN_SINGLE_LINE_COMMENT,)),
    ("FORMAL_COMMENT", TOKEN, r"\*#", (IN_FORMAL_COMMENT,)),
    ("MULTI_LINE_COMMENT", TOKEN, r"\*#", (IN_MULTI_LINE_COMMENT,)),
    ("TEXTBLOCK", TOKEN, r"\]\]#", (IN_TEXTBLOCK,)),
    ("COMMENT_CHAR", SKIP, r"[\s\S]", (IN_SINGLE_LINE_COMMENT, IN_FORMAL_COMMENT, IN_MULTI_LINE_COMMENT)),
    ("TEXTBLOCK_CHAR", MORE, r"[\s\S]", (IN_TEXTBLOCK,)),
    ("WHITESPACE", TOKEN, r"[ \t\n\r]+", (DIRECTIVE, REFMOD2, REFINDEX)),
    ("STRING_LITERAL", TOKEN, _DQ_STRING + "|" + _SQ_STRING, (DIRECTIVE, REFMOD2, REFINDEX)),
    ("TRUE", TOKEN, r"true", (REFERENCE, DIRECTIVE, REFMODIFIER, REFMOD2, REFINDEX)),
    ("FALSE", TOKEN, r"false", (REFERENCE, DIRECTIVE, REFMODIFIER, REFMOD2, REFINDEX)),
    ("MINUS", TOKEN, r"-", (DIRECTIVE,)),
    ("PLUS", TOKEN, r"\+", (DIRECTIVE,)),
    ("MULTIPLY", TOKEN, r"\*", (DIRECTIVE,)),
    ("DIVIDE", TOKEN, r"/", (DIRECTIVE,)),
    ("MODULUS", TOKEN, r"%", (DIRECTIVE,)),
    ("LOGICAL_AND", TOKEN, r"&&|and", (DIRECTIVE,)),
    ("LOGICAL_OR", TOKEN, r"\|\||or", (DIRECTIVE,)),
    ("LOGICAL_LT", TOKEN, r"<|lt", (DIRECTIVE,)),
    ("LOGICAL_LE", TOKEN, r"<=|le", (DIRECTIVE,)),
    ("LOGICAL_GT", TOKEN, r">|gt", (DIRECTIVE,)),
    ("LOGICAL_GE", TOKEN, r">=|ge", (DIRECTIVE,)),
    ("LOGICAL_EQUALS", TOKEN, r"==|eq", (DIRECTIVE,)),
    ("LOGICAL_NOT_EQUALS", TOKEN, r"!=|ne", (DIRECTIVE,)),
    ("LOGICAL_NOT", TOKEN, r"!|not", (DIRECTIVE,)),
    ("EQUALS", TOKEN, r"=", (DIRECTIVE,)),
    ("END", TOKEN, r"(?:end|\{end\})(?:[ \t]*" + _NL + ")?", (PRE_DIRECTIVE,)),
    ("IF_DIRECTIVE", TOKEN, r"if|\{if\}", (PRE_DIRECTIVE,)),
    ("ELSEIF_DIRECTIVE", TOKEN, r"elseif|\{elseif\}", (PRE_DIRECTIVE,)),
    ("ELSE_DIRECTIVE", TOKEN, r"(?:else|\{else\})(?:[ \t]*" + _NL + ")?", (PRE_DIRECTIVE,)),
    ("INTEGER_LITERAL", TOKEN, r"-?[0-9]+(?:\.\.)?", (PRE_DIRECTIVE, DIRECTIVE, REFMOD2, REFINDEX)),
    ("FLOATING_POINT_LITERAL", TOKEN,
     r"-?[0-9]+\.[0-9]*(?:[eE][+-]?[0-9]+)?|-?\.[0-9]+(?:[eE][+-]?[0-9]+)?|-?[0-9]+[eE][+-]?[0-9]+",
     (PRE_DIRECTIVE, DIRECTIVE, REFMOD2, REFINDEX)),
    ("WORD", TOKEN, _WORD, (PRE_DIRECTIVE, DIRECTIVE)),
    ("BRACKETED_WORD", TOKEN, _BRACKETED_WORD, (PRE_DIRECTIVE, DIRECTIVE)),
    ("IDENTIFIER", TOKEN, r"[a-zA-Z_][a-zA-Z0-9_-]*", (REFERENCE, REFMODIFIER, REFMOD2)),
    ("DOT", TOKEN, r"\.(?=[a-zA-Z])", (REFERENCE, REFMODIFIER, REFMOD2)),
    ("LCURLY", TOKEN, r"\{", (REFERENCE, REFMODIFIER)),
    ("RCURLY", TOKEN, r"\}", (REFERENCE, REFMODIFIER)),
    ("REFERENCE_TERMINATOR", SPECIAL, r"[\s\S]", (REFERENCE, REFMODIFIER)),
    ("DIRECTIVE_TERMINATOR", SPECIAL, r"[\s\S]", (PRE_DIRECTIVE,)),
    # 1.7 also lexes "$." as EMPTY_INDEX (checked against the jar's token stream).
    ("EMPTY_INDEX", TOKEN, r"\$\[|\$!\[|\$\\!\[|\$\.", (DEFAULT, REFERENCE)),
]

_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_DIGITS = "0123456789"
# The characters each rule can start with (None: any); used to try only the rules that
# can match at a given character. A rule missing here is tried everywhere.
_FIRST_CHARS: dict[str, str] = {
    "INDEX_LBRACKET": "[", "INDEX_RBRACKET": "]", "LBRACKET": "[", "RBRACKET": "]",
    "COMMA": ",", "DOUBLEDOT": ".", "COLON": ":", "LEFT_CURLEY": "{", "RIGHT_CURLEY": "}",
    "LPAREN": "(", "RPAREN": ")", "REFMOD2_RPAREN": ")", "ESCAPE_DIRECTIVE": "\\",
    "SET_DIRECTIVE": " \t#", "DOLLAR": "\\$", "DOLLARBANG": "\\$", "TEXTBLOCK_START": "#",
    "FORMAL_COMMENT_START": "#", "MULTI_LINE_COMMENT_START": "#", "HASH": "#",
    "SINGLE_LINE_COMMENT_START": "#", "DOUBLE_ESCAPE": "\\", "ESCAPE": "\\",
    "SINGLE_LINE_COMMENT": "\r\n", "FORMAL_COMMENT": "*", "MULTI_LINE_COMMENT": "*",
    "TEXTBLOCK": "]", "WHITESPACE": " \t\r\n", "STRING_LITERAL": "\"'", "TRUE": "t",
    "FALSE": "f", "MINUS": "-", "PLUS": "+", "MULTIPLY": "*", "DIVIDE": "/", "MODULUS": "%",
    "LOGICAL_AND": "&a", "LOGICAL_OR": "|o", "LOGICAL_LT": "<l", "LOGICAL_LE": "<l",
    "LOGICAL_GT": ">g", "LOGICAL_GE": ">g", "LOGICAL_EQUALS": "=e", "LOGICAL_NOT_EQUALS": "!n",
    "LOGICAL_NOT": "!n", "EQUALS": "=", "END": "e{", "IF_DIRECTIVE": "i{",
    "ELSEIF_DIRECTIVE": "e{", "ELSE_DIRECTIVE": "e{", "INTEGER_LITERAL": "-" + _DIGITS,
    "FLOATING_POINT_LITERAL": "-." + _DIGITS, "WORD": _LETTERS + "_@", "BRACKETED_WORD": "{",
    "IDENTIFIER": _LETTERS + "_", "DOT": ".", "LCURLY": "{", "RCURLY": "}", "EMPTY_INDEX": "$",
}

_Rule = tuple[str, str, "re.Pattern[str]"]
_STATE_RULES: dict[str, tuple[_Rule, ...]] = {
    state: tuple(
        (kind, category, re.compile(pattern))
        for kind, category, pattern, states in _RULES
        if state in states
    )
    for state in ALL_STATES
}

# Rules whose pattern always matches exactly one character.
_ONE_CHAR_KINDS = frozenset({
    "INDEX_LBRACKET", "INDEX_RBRACKET", "LBRACKET", "RBRACKET", "COMMA", "COLON", "LEFT_CURLEY",
    "RIGHT_CURLEY", "LPAREN", "REFMOD2_RPAREN", "HASH", "ESCAPE", "COMMENT_CHAR", "TEXTBLOCK_CHAR",
    "MINUS", "PLUS", "MULTIPLY", "DIVIDE", "MODULUS", "EQUALS", "DOT", "LCURLY", "RCURLY",
    "REFERENCE_TERMINATOR", "DIRECTIVE_TERMINATOR",
})

# _candidates' answers, per state then character, filled as characters are met (so the
# lexer's inner loop finds them with two dict lookups), each with a flag "decisive": the
# rules after the first match one character at most, so when the first rule matches (at
# least one character, as every rule does) it wins the contest, ties going to it.
_DISPATCH: dict[str, dict[str, tuple[tuple[_Rule, ...], bool]]] = {state: {} for state in ALL_STATES}


def _candidates(state: str, char: str) -> tuple[_Rule, ...]:
    """The rules of ``state`` that can match at ``char``, in definition order."""
    return _dispatch_entry(state, char)[0]


def _dispatch_entry(state: str, char: str) -> tuple[tuple[_Rule, ...], bool]:
    char = min("\x80", char)  # no rule starts with a particular non-ASCII character: one entry
    entry = _DISPATCH[state].get(char)
    if entry is None:
        rules = tuple(
            rule for rule in _STATE_RULES[state]
            if rule[0] not in _FIRST_CHARS or char in _FIRST_CHARS[rule[0]]
        )
        decisive = bool(rules) and all(rule[0] in _ONE_CHAR_KINDS for rule in rules[1:])
        entry = _DISPATCH[state][char] = (rules, decisive)
    return entry

# In DEFAULT, a character that cannot start anything but TEXT lets us skip the
# longest-match contest (the hot path when lexing a template).
_NOT_PLAIN_TEXT = frozenset("$#\\ \t")
_TEXT = re.compile(r"[^$#\\]+")
# In a comment, a character that can start nothing but COMMENT_CHAR (a one-character
# SKIP that changes no state) is skipped with the run of such characters after it.
_COMMENT_SKIP_STATES = frozenset({IN_SINGLE_LINE_COMMENT, IN_FORMAL_COMMENT, IN_MULTI_LINE_COMMENT})
_NOT_COMMENT_CHAR = frozenset("$#\\\r\n*")
_COMMENT_RUN = re.compile(r"[^$#\\\r\n*]+")
# A lone "#" or "$" (a MORE token of one character), in any state, when the next character
# cannot continue a longer token: "#" starts #set/#{set} ("s", "{"), "#[[", "#*", "#**" and
# "##"; "$" starts "$!", "$\\!" (DOLLARBANG) and "$[", "$!["… "$." (EMPTY_INDEX). Every
# other rule that can match there matches one character and is defined after HASH and
# DOLLAR, which therefore win.
_LONE_MORE = {"#": ("HASH", frozenset("s{[*#")), "$": ("DOLLAR", frozenset("!\\[."))}
# Characters that only REFERENCE_TERMINATOR matches in REFERENCE and REFMODIFIER (no other
# rule of those states starts with them, and no "$", "#" or "\\" survives as special text).
_PLAIN_TERMINATORS = frozenset("\n\r\"',:;=<>!?/*+&|%^~@)]")
_REFERENCE_STATES = frozenset({REFERENCE, REFMODIFIER})
_LEFT_PAREN_AHEAD = re.compile(r"[ \n\r\t]*\(")


# The multi-character tokens of the states where a lexical error can happen, whose
# beginnings are no token by themselves (see _partial_length).
_PARTIAL_WORDS = {
    DIRECTIVE: ("&&", "||", ".."),
    REFMOD2: ("..", "true", "false"),
    REFINDEX: ("true", "false"),
}


def _partial_length(text: str, pos: int, state: str) -> int:
    """How many characters JavaCC reads at ``pos`` before no token of ``state`` can match
    any more (0: the first character already fails)."""
    best = 0
    for word in _PARTIAL_WORDS.get(state, ()):
        k = 0
        while k < len(word) and pos + k < len(text) and text[pos + k] == word[k]:
            k += 1
        if k < len(word):
            best = max(best, k)
    if state in (DIRECTIVE, REFMOD2, REFINDEX):
        run = len(text) - pos - len(text[pos:].lstrip("\\"))
        best = max(best, run)  # backslashes could begin "\\$" (a DOLLAR)
        if text[pos] == "-" or (text[pos] == "." and state != DIRECTIVE):
            best = max(best, 1)  # a number: "-5", ".5"
        if text.startswith("-.", pos) and state != DIRECTIVE:
            best = max(best, 2)  # "-.5" (in DIRECTIVE, "-" is a MINUS token)
    return best


class VtlToken(Token):
    """A Lark token that also carries Velocity's special-token text (``prefix``).
    Its positions are always set (offsets into the template)."""

    __slots__ = ("prefix", "state")
    prefix: str
    state: str  # the lexical state a WHITESPACE token was read in (set for those only)
    start_pos: int  # never None for our tokens
    end_pos: int


class ReferenceGroup(VtlToken):
    """The first token of a plain reference (``$name``, ``.name``, ``.name(args)``…) read
    in one step by :func:`_plain_reference`, with the tokens after it in ``parts``: the
    parser makes the reference's node at once instead of applying the LALR table to each
    of them (vtl/reducer.py, ``Reducer.reference_group``). Only
    ``tokenize(group_references=True)`` makes them."""

    __slots__ = ("member_end", "parts")
    parts: list[VtlToken]
    #: The reference ends with a property (the lexer left in REFMODIFIER, not REFERENCE).
    member_end: bool


class VtlLexicalError(Exception):
    """No token matches (Velocity's TokenMgrError). ``offset`` is where it was detected;
    ``at_eof`` tells an error at the end of input; ``after`` is the partial token text."""

    def __init__(self, offset: int, at_eof: bool, after: str, char: str) -> None:
        super().__init__(f"lexical error at offset {offset}")
        self.offset = offset
        self.at_eof = at_eof
        self.after = after
        self.char = char


def special_text(image: str) -> str:
    """What Velocity prints of a special token (NodeUtils.specialText): its ``$`` and
    ``#`` characters, and runs of backslashes that end in ``$``, nothing else."""
    out: list[str] = []
    i, n = 0, len(image)
    while i < n:
        c = image[i]
        if c in "#$":
            out.append(c)
        elif c == "\\":
            j = i
            while j < n and image[j] == "\\":
                j += 1
            if j < n and image[j] == "$":
                out.append(image[i : j + 1])
                i = j + 1  # Velocity then skips one more character (its loop's i++)
        i += 1
    return "".join(out)


class _State:
    """The token manager's mutable state while lexing one template."""

    __slots__ = ("in_comment", "in_set", "lparen", "rparen", "stack", "state")

    def __init__(self) -> None:
        self.state = DEFAULT
        self.stack: list[tuple[int, int, str]] = []
        self.lparen = 0
        self.rparen = 0
        self.in_comment = False
        self.in_set = False

    def push(self) -> None:
        self.stack.append((self.lparen, self.rparen, self.state))
        self.lparen = 0

    def pop(self) -> bool:
        if not self.stack:
            self.lparen = 0
            self.state = DEFAULT
            return False
        self.lparen, self.rparen, self.state = self.stack.pop()
        return True

    def rparen_handler(self) -> None:
        """Drop to the state below the one whose ``(`` this ``)`` closes."""
        if self.in_comment:
            return
        while True:
            if self.lparen > 0:
                if self.lparen == self.rparen + 1:
                    self.pop()
                    # Parser.jjt's SetDirective() clears inSet once #set's ")" is read.
                    self.in_set = False
                else:
                    self.rparen += 1
                return
            if not self.pop():
                return


def tokenize(text: str, *, fast_paths: bool = True, group_references: bool = False,
             statement_runs: bool = False) -> Iterator[VtlToken]:
    """Yield the tokens of ``text``; raise :class:`VtlLexicalError` where Velocity would.

    ``fast_paths=False`` runs the full longest-match contest for every token (the
    shortcuts, which must never change the result, are checked against it by tests).
    ``group_references=True`` yields a plain reference as one :class:`ReferenceGroup`
    (its tokens, the same as without it, in ``parts``: a test checks); with
    ``statement_runs=True`` too, a run of text and such references, after its first
    statement, as one :class:`StatementRun` (its tokens in :func:`run_tokens`)."""
    st = _State()
    pos = 0
    n = len(text)
    more_start = -1  # start of a pending MORE prefix, or -1
    pending_special = ""
    # the special text held back while the special token nearest the next token starts
    # with "##" (see the SPECIAL branch below)
    hidden_special = ""
    dispatch = _DISPATCH
    new_token = _new_token
    new_str = str.__new__
    while True:
        if pos >= n:
            if more_start >= 0:
                raise VtlLexicalError(n, True, text[more_start:], "")
            return
        start = pos
        state = st.state
        char = text[pos]
        kind, category, end = "", "", pos
        if fast_paths:
            if state == DEFAULT and more_start < 0:
                if char == "#":
                    found = None if st.in_comment else _directive_in_default(text, pos, st)
                    if found is not None:
                        kind, pos = found
                        yield new_token(kind, text[start:pos], start, pos, pending_special)
                        pending_special = hidden_special = ""
                        continue
                elif char != "\\":
                    if char not in _NOT_PLAIN_TEXT:
                        # only TEXT can start here: no longest-match contest needed (the hot
                        # path), and no run unless a reference follows it
                        end = _TEXT.match(text, pos).end()  # type: ignore[union-attr]
                        if not statement_runs or text[end : end + 1] != "$":
                            pos = end
                            yield new_token("TEXT", text[start:pos], start, pos, pending_special)
                            pending_special = hidden_special = ""
                            continue
                    if statement_runs:
                        items, end, pushes, in_default = _statement_run(text, pos)
                        if items:
                            # what the TEXT and reference branches would read, one item at a time
                            if len(items) >= RUN_MIN:
                                first = run_tokens(text, pos, items[:1], 1, pending_special)[0]
                                yield first
                                yield _run_token(text, group_end(first), end, items[1:], in_default - 1)
                            else:
                                yield from run_tokens(text, pos, items, in_default, pending_special)
                            for lparen in pushes:
                                st.push()
                                st.state = REFMODIFIER
                                st.lparen = lparen
                            pos = end
                            pending_special = hidden_special = ""
                            continue
                        end = pos
            elif state == DIRECTIVE and more_start < 0 and not st.in_comment and (char == "(" or char == ")"):
                # a directive's parenthesis: LPAREN or RPAREN, the only rules there, and
                # their actions (_token_action)
                if char == "(":
                    st.lparen += 1
                    pos += 1
                    kind = "LPAREN"
                else:
                    pos = _RPAREN.match(text, pos).end()  # type: ignore[union-attr]
                    st.rparen_handler()
                    kind = "RPAREN"
                yield new_token(kind, text[start:pos], start, pos, pending_special)
                pending_special = hidden_special = ""
                if pos < n and text[pos] in _PLAIN_TERMINATORS and st.state in _REFERENCE_STATES:
                    st.pop()  # (as after any token, below)
                continue
            if state in _COMMENT_SKIP_STATES and char not in _NOT_COMMENT_CHAR:
                # only COMMENT_CHAR can start here, a SKIP that ends any MORE prefix
                pos = _COMMENT_RUN.match(text, pos).end()  # type: ignore[union-attr]
                more_start = -1
                continue
            if group_references and char == "$" and more_start < 0 and state in _GROUP_STATES:
                group = _plain_reference(text, pos, pending_special, 0, state in _TEXT_STATES, state == DEFAULT)
                if group is not None:
                    pos = group_end(group)
                    pending_special = hidden_special = ""
                    if group.__class__ is ReferenceGroup and group.member_end and text[pos : pos + 1] == "$":
                        # A "$" after a property pushes its REFERENCE over the REFMODIFIER
                        # the property left (_more_action pops only a REFERENCE): that
                        # state stays below the next reference ("$a.b$c.d", hostile input).
                        st.push()
                        st.state = REFMODIFIER
                        st.lparen = sum(part.type == "LPAREN" for part in group.parts)
                    yield group
                    continue
            lone = _LONE_MORE.get(char)
            rules, decisive = dispatch[state].get(char) or _dispatch_entry(state, char)
            if lone is not None and text[pos + 1 : pos + 2] not in lone[1]:
                kind, category, end = lone[0], MORE, pos + 1
            elif decisive:
                m = rules[0][2].match(text, pos)
                if m is not None:
                    kind, category, _ = rules[0]
                    end = m.end()
        else:
            rules = (dispatch[state].get(char) or _dispatch_entry(state, char))[0]
        if kind == "":
            # the longest match among the state's rules (the first defined on a tie)
            for rule_kind, rule_category, pattern in rules:
                m = pattern.match(text, pos)
                if m is not None and m.end() > end:
                    kind, category, end = rule_kind, rule_category, m.end()
        if kind == "":
            _raise_lexical_error(text, pos, state, more_start)
        tok_start = more_start if more_start >= 0 else start
        pos = end
        if category == MORE:
            if kind == "FORMAL_COMMENT_START" and st.in_comment:
                # Parser.jjt matches "#**" ~["#"] and gives the fourth character back only
                # when it opens a comment: inside one it stays read, so in "#* #***#" the
                # "*#" closes nothing (case velocity/fuzz/formal-comment-start-in-comment)
                pos += 1
            if more_start < 0:
                more_start = start
            _more_action(st, kind)
            continue
        more_start = -1
        if category == SKIP:
            continue
        image = text[tok_start:end]
        if category == SPECIAL:
            # NodeUtils.specialText prints nothing when the special token nearest the token
            # starts with "##" (it takes it for a comment), and all of them otherwise: a
            # "##$!" glued before "." after "$a.b" prints nothing (case
            # velocity/fuzz/hash-hash-special-text)
            if image.startswith("##"):
                hidden_special, pending_special = hidden_special + pending_special + special_text(image), ""
            else:
                pending_special, hidden_special = hidden_special + pending_special + special_text(image), ""
            pos = end - 1  # the terminating character is read again
            st.pop()
            continue
        # a real token
        if kind in _ACTION_KINDS:
            if kind == "INTEGER_LITERAL" and image.endswith(".."):
                image = image[:-2]
                pos -= 2
            elif kind == "DOT":
                # Parser.jjt's DOT action sets the image to "." (so "$!.x" prints ".x"):
                # a glued "$" or "$!" is lost (case velocity/fuzz/dot-after-dollar)
                image = "."
            kind = _token_action(st, kind, text, pos)
        # a VtlToken, made without Lark's generic Token constructor (a third of the
        # lexer's time: it runs for every token); line and column stay 0, as LineIndex
        # finds them
        tok = new_str(VtlToken, image)
        tok.type = kind
        tok.value = image
        tok.start_pos = tok_start
        tok.end_pos = pos
        tok.line = tok.column = tok.end_line = tok.end_column = 0
        tok.prefix = pending_special
        if kind == "WHITESPACE":
            tok.state = state
        pending_special = hidden_special = ""
        if fast_paths and pos < n and text[pos] in _PLAIN_TERMINATORS and st.state in _REFERENCE_STATES:
            # A reference ends at a character that only REFERENCE_TERMINATOR can match
            # there: that special token's step (its text is "", the state pops) done now.
            st.pop()
        yield tok


def _new_token(kind: str, image: str, start: int, end: int, prefix: str) -> VtlToken:
    """A VtlToken, made without Lark's generic Token constructor (a third of the lexer's
    time: it is called once per token). Line and column stay 0: LineIndex finds them."""
    tok = _new_str(VtlToken, image)
    tok.type = kind
    tok.value = image
    tok.start_pos = start
    tok.end_pos = end
    tok.line = tok.column = tok.end_line = tok.end_column = 0
    tok.prefix = prefix
    return tok


_new_str = str.__new__


# ------------------------------------------------------------------ plain references
# A reference of the commonest form, read in one step: ``$name`` then ``.name`` or
# ``.name(args)`` members, each argument a string literal, an integer, or such a reference
# (two levels down at most), with blanks only after a comma; the name and each member may
# be followed by ``[…]`` indexes of the same three kinds, with no blank. Anything else (``${``, ``$!``,
# ``[``, an escape, a blank elsewhere…) is left to the state machine. The tokens are those
# the state machine makes (a test compares them on the conformance corpus): the lexer is in
# DEFAULT, DIRECTIVE or REFMOD2 at the "$", which pushes REFERENCE; each state the
# reference goes through is popped when it ends, at a character only REFERENCE_TERMINATOR
# matches there whose special text is empty, so nothing is left to the tokens after it.

_GROUP_STATES = frozenset({DEFAULT, DIRECTIVE, REFMOD2, REFMODIFIER})
# The states a "$" in template text leaves for its reference: DEFAULT, or the REFMODIFIER
# of a property the "$" is glued to (see tokenize)
_TEXT_STATES = frozenset({DEFAULT, REFMODIFIER})
_HEAD = re.compile(r"\$[a-zA-Z_][a-zA-Z0-9_-]*")
# DOT (a "." before a letter) and the IDENTIFIER after it, in REFMODIFIER
_MEMBER = re.compile(r"\.[a-zA-Z][a-zA-Z0-9_-]*")
_STRING = re.compile(_DQ_STRING + "|" + _SQ_STRING)  # STRING_LITERAL, in REFMOD2
# INTEGER_LITERAL in REFMOD2, when nothing can make it a float or a range bound
_INTEGER = re.compile(r"-?[0-9]+(?=[,)])")
_BLANKS = re.compile(r"[ \t]+")
# INTEGER_LITERAL in REFINDEX, when the "]" follows at once
_INDEX_INTEGER = re.compile(r"-?[0-9]+(?=\])")
# TRUE and FALSE tie with IDENTIFIER on these names and win, being defined first
_KEYWORDS = frozenset({"true", "false"})
# What may follow the reference: a character only REFERENCE_TERMINATOR matches in
# REFERENCE and REFMODIFIER, with no "$"/"#"/"\\" to keep as special text; a "." not
# before a letter (no DOT); a blank not starting "#set(" (SET_DIRECTIVE); the end.
_GROUP_ENDS = _PLAIN_TERMINATORS | frozenset(". \t")
_SET_AHEAD = re.compile(r"[ \t]*#")
# In REFERENCE state (after "$name" or a method's ")"), a "$" or "#" pops the reference
# before pushing its own state (_more_action): the same as ending it there, when the state
# below is DEFAULT, whose rules at "$" and "#" are REFERENCE's. ("$a$b$c": hostile input.)
_NEXT_STATEMENT = frozenset("$#")
# What pops nothing there: EMPTY_INDEX, a token; a DOT (or a "[" or "(") the "$"s, "#"s,
# "!"s and "\\"s before it are glued to, whose image drops them ("$a.b$!.c" is $a.b.c:
# cases velocity/fuzz/dot-glued-*); a comment, a text block or #set, which come back to
# the reference when they end. (A superset: what it matches is left to the state machine.)
_STAYS_IN_REFERENCE = re.compile(r"[$#][$#!\\]*[.\[(]|#[*\[s{]")


def _plain_reference(text: str, pos: int, prefix: str, depth: int, in_text: bool = False,
                     hash_ends: bool = False) -> VtlToken | None:
    """The plain reference at the "$" at ``pos``: a :class:`ReferenceGroup`, or its one
    token when it is a bare ``$name``; None when it is no plain reference. ``in_text``: the
    lexer is in template text, DEFAULT or a property's REFMODIFIER (where a "$" also ends a
    reference, see _NEXT_STATEMENT); ``hash_ends``: in DEFAULT, where a "#" does too."""
    m = _HEAD.match(text, pos)
    if m is None or text[pos + 1 : m.end()] in _KEYWORDS:
        return None
    head_end = end = m.end()
    parts: list[VtlToken] = []
    # the lexer's state after the last member: REFERENCE after the name or a method's ")",
    # REFMODIFIER after a property (an index's "]" goes back to the state before its "[")
    in_reference = True
    if text[end : end + 1] == "[":
        end = _plain_indexes(text, end, parts, depth)
        if end < 0:
            return None
    while end < len(text) and text[end] == ".":
        m = _MEMBER.match(text, end)
        if m is None:
            break
        name_end = m.end()
        if text[end + 1 : name_end] in _KEYWORDS:
            return None
        parts.append(_new_token("DOT", ".", end, end + 1, ""))
        parts.append(_new_token("IDENTIFIER", text[end + 1 : name_end], end + 1, name_end, ""))
        end = name_end
        in_reference = text[end : end + 1] == "("
        if in_reference:
            end = _plain_arguments(text, end, parts, depth)
            if end < 0:
                return None
        if text[end : end + 1] == "[":
            end = _plain_indexes(text, end, parts, depth)
            if end < 0:
                return None
    if not _ends_here(text, end, in_reference, in_text, hash_ends):
        return None
    if not parts:
        return _new_token("IDENTIFIER", text[pos:head_end], pos, head_end, prefix)
    head = _new_str(ReferenceGroup, text[pos:head_end])
    head.type = "IDENTIFIER"
    head.value = text[pos:head_end]
    head.start_pos = pos
    head.end_pos = head_end
    head.line = head.column = head.end_line = head.end_column = 0
    head.prefix = prefix
    head.parts = parts
    head.member_end = not in_reference
    return head


def _ends_here(text: str, end: int, in_reference: bool, in_text: bool, hash_ends: bool) -> bool:
    """Whether a plain reference read up to ``end`` ends there (see _GROUP_ENDS and
    _NEXT_STATEMENT); ``in_reference``: the lexer is in REFERENCE after its last member
    (the name or a method's ")"), not a property's REFMODIFIER."""
    char = text[end : end + 1]
    # (after a property only "$name" ends it: "$!(" or "$!." there glue to the property,
    # a method call or a member, as DOT's and LPAREN's images drop the "$!")
    return not (char and (char not in _GROUP_ENDS or (char in " \t" and _SET_AHEAD.match(text, end))) and not (
        in_text and char in _NEXT_STATEMENT and not _STAYS_IN_REFERENCE.match(text, end)
        and ((char == "$" and (in_reference or _HEAD.match(text, end) is not None))
             or (hash_ends and in_reference))))


def group_end(tok: VtlToken) -> int:
    """Where the reference :func:`_plain_reference` read ends."""
    return tok.parts[-1].end_pos if tok.__class__ is ReferenceGroup else tok.end_pos


def _inner_reference(text: str, pos: int, depth: int) -> VtlToken | None:
    """A plain reference as an argument or an index (two levels down at most), or None."""
    return None if depth == 2 else _plain_reference(text, pos, "", depth + 1)


def _plain_indexes(text: str, pos: int, parts: list[VtlToken], depth: int) -> int:
    """Append the tokens of the plain indexes ``[…]`` at ``pos`` (each an integer, a
    string literal or a plain reference, with no blank); where they end, or -1. The lexer
    is in REFINDEX inside, and back in the state before the "[" after the "]"."""
    while text[pos : pos + 1] == "[":
        start = pos + 1
        char = text[start : start + 1]
        if char == "$":
            arg = _inner_reference(text, start, depth)
            if arg is None:
                return -1
            end = group_end(arg)
        else:
            m = (_STRING if char in "'\"" else _INDEX_INTEGER).match(text, start)
            if m is None:
                return -1
            end = m.end()
            arg = _new_token("INTEGER_LITERAL" if char not in "'\"" else "STRING_LITERAL", m.group(), start, end, "")
        if text[end : end + 1] != "]":
            return -1
        parts.append(_new_token("INDEX_LBRACKET", "[", pos, start, ""))
        parts.append(arg)
        parts.append(_new_token("INDEX_RBRACKET", "]", end, end + 1, ""))
        pos = end + 1
    return pos


def _plain_arguments(text: str, pos: int, parts: list[VtlToken], depth: int) -> int:
    """Append the tokens of the plain arguments ``(…)`` at ``pos``; where they end, or -1."""
    parts.append(_new_token("LPAREN", "(", pos, pos + 1, ""))
    pos += 1
    if text[pos : pos + 1] != ")":
        while True:
            char = text[pos : pos + 1]
            if char == "$":
                inner = _inner_reference(text, pos, depth)
                if inner is None:
                    return -1
                parts.append(inner)
                pos = group_end(inner)
            else:
                m = (_STRING if char in "'\"" else _INTEGER).match(text, pos)
                if m is None:
                    return -1
                parts.append(_new_token("INTEGER_LITERAL" if char not in "'\"" else "STRING_LITERAL",
                                        m.group(), pos, m.end(), ""))
                pos = m.end()
            char = text[pos : pos + 1]
            if char == ")":
                break
            if char != ",":
                return -1
            parts.append(_new_token("COMMA", ",", pos, pos + 1, ""))
            pos += 1
            m = _BLANKS.match(text, pos)
            if m is not None:
                blank = _new_token("WHITESPACE", m.group(), pos, m.end(), "")
                blank.state = REFMOD2
                parts.append(blank)
                pos = m.end()
    parts.append(_new_token("REFMOD2_RPAREN", ")", pos, pos + 1, ""))
    return pos + 1


# ------------------------------------------------------------------ statement runs
# Most of a large template is text and plain references glued to one another, each a
# statement of its own ("$a+$b+…", "$a.b$a.b…"): the lexer reads such a run in one loop
# (_statement_run) and hands it on as one token (StatementRun) whose statements the parser
# appends to its list at once (vtl/parser.py's _run_lalr, vtl/reducer.py's statement_run),
# instead of a token, a table walk and a node-making call for each (issue 14). The run
# holds what tokenize would have made of the same text, token for token (run_tokens).

#: The smallest run read as one token: its first statement goes on as a token of its own
#: (so that the run always follows a statement the parser has taken into a list).
RUN_MIN = 3

# A plain reference with properties and integer indexes only: "$name[0].name…" (the
# commonest; anything after it other than what ends it is left to _plain_reference)
_SIMPLE_REFERENCE = re.compile(r"\$[a-zA-Z_][a-zA-Z0-9_-]*(?:\[-?[0-9]+\])*(?:\.[a-zA-Z][a-zA-Z0-9_-]*(?:\[-?[0-9]+\])*)*")
# after _SIMPLE_REFERENCE: a method call's or an index's bracket, which _plain_reference reads
_NOT_SIMPLE = frozenset("([")


class StatementRun(VtlToken):
    """Statements of template text read by :func:`_statement_run`, in ``items``: an int
    for a TEXT token (where it ends: each item starts where the one before ends), a str
    for a reference ``$name[0].name…`` with properties and integer indexes only (its
    text), or the token
    :func:`_plain_reference` made of any other plain reference. Its ``type`` is its first
    item's kind (TEXT or IDENTIFIER, the parser's lookahead after the token before it);
    ``in_default``: how many of its first items were read in DEFAULT (the rest, in the
    REFMODIFIER a property followed by a "$" leaves; see tokenize)."""

    __slots__ = ("in_default", "items")
    items: list[int | str | VtlToken]
    in_default: int


def _statement_run(text: str, pos: int) -> tuple[list[int | str | VtlToken], int, list[int], int]:
    """The statements of template text from ``pos``, where the lexer is in DEFAULT with no
    MORE prefix pending: text and plain references, as tokenize reads them there. Returns
    the items (see StatementRun), where they end, the ``lparen`` of each REFMODIFIER
    tokenize pushes among them (a property followed by a "$"), and how many were read in
    DEFAULT (before the first such push)."""
    items: list[int | str | VtlToken] = []
    pushes: list[int] = []
    in_default = -1  # the number of items read in DEFAULT, once the lexer has left it
    n = len(text)
    simple = _SIMPLE_REFERENCE.match
    plain_text = _TEXT.match
    while pos < n:
        char = text[pos]
        if char == "$":
            m = simple(text, pos)
            if m is None:
                break  # (no name: _plain_reference would find none either)
            end = m.end()
            image = m.group()
            after = text[end : end + 1]
            if after in _NOT_SIMPLE or "true" in image or "false" in image:
                # a call, an index or a keyword (TRUE and FALSE win over IDENTIFIER): the
                # general reader decides
                tok = _plain_reference(text, pos, "", 0, True, in_default < 0)
                if tok is None:
                    break
                items.append(tok)
                end = group_end(tok)
                if tok.__class__ is ReferenceGroup and tok.member_end and text[end : end + 1] == "$":
                    pushes.append(sum(part.type == "LPAREN" for part in tok.parts))
                    if in_default < 0:
                        in_default = len(items)
            else:
                in_reference = "." not in image
                if after and after not in _PLAIN_TERMINATORS and not _ends_here(
                        text, end, in_reference, True, in_default < 0):
                    break
                items.append(image)
                if after == "$" and not in_reference:
                    pushes.append(0)
                    if in_default < 0:
                        in_default = len(items)
            pos = end
        elif in_default < 0 and char != "#" and char != "\\":
            if (char == " " or char == "\t") and _SET_AHEAD.match(text, pos):
                break  # perhaps a "#set(" (SET_DIRECTIVE): the longest-match contest decides
            pos = plain_text(text, pos).end()  # type: ignore[union-attr]
            items.append(pos)
        else:
            break
    return items, pos, pushes, len(items) if in_default < 0 else in_default


def run_tokens(text: str, start: int, items: list[int | str | VtlToken], in_default: int,
               prefix: str = "") -> list[VtlToken]:
    """The tokens tokenize makes of the statements ``items`` (see StatementRun) starting
    at ``start``, the first with special text ``prefix`` in front."""
    tokens: list[VtlToken] = []
    for i, item in enumerate(items):
        if type(item) is int:
            tok = _new_token("TEXT", text[start:item], start, item, prefix)
        elif type(item) is str:
            made = _plain_reference(text, start, prefix, 0, True, i < in_default)
            assert made is not None  # (_statement_run read it as one)
            tok = made
        else:
            tok = item  # type: ignore[assignment]  # (type() tells no str subclass)
            tok.prefix = prefix
        tokens.append(tok)
        start = group_end(tok)
        prefix = ""
    return tokens


def _run_token(text: str, start: int, end: int, items: list[int | str | VtlToken], in_default: int) -> StatementRun:
    run = _new_str(StatementRun, text[start:end])
    run.type = "TEXT" if items[0].__class__ is int else "IDENTIFIER"
    run.value = str(run)
    run.start_pos = start
    run.end_pos = end
    run.line = run.column = run.end_line = run.end_column = 0
    run.prefix = ""
    run.items = items
    run.in_default = in_default
    return run


# ------------------------------------------------------------------ directive words
# "#word" in DEFAULT, read in one step (the commonest directives: "#if(", "#end", "#set("…)
# instead of the HASH MORE token then the PRE_DIRECTIVE contest. At "#" then a letter,
# "_" or "@" there, SET_DIRECTIVE wins if it matches (HASH and the comment and text block
# starts match one character or nothing); else HASH, then in PRE_DIRECTIVE the word: END,
# IF_DIRECTIVE, ELSEIF_DIRECTIVE or ELSE_DIRECTIVE when it is one of those names (a tie
# with WORD, or longer with END's and ELSE's line end), WORD otherwise (longer than any
# of them that matches a part of it). Numbers and {bracketed} words start otherwise.

_HASH_WORD = re.compile(r"#[a-zA-Z_@][a-zA-Z0-9_@]*")
_SET = re.compile(r"(?:#set|#\{set\}) *\(")  # SET_DIRECTIVE, without blanks before it
_LINE_END = re.compile(r"[ \t]*" + _NL)
_RPAREN = re.compile(r"\)(?:[ \t]*" + _NL + ")?")  # RPAREN
_KEYWORDS_IN_PRE_DIRECTIVE = {"#end": "END", "#else": "ELSE_DIRECTIVE", "#if": "IF_DIRECTIVE",
                              "#elseif": "ELSEIF_DIRECTIVE"}


def _directive_in_default(text: str, pos: int, st: _State) -> tuple[str, int] | None:
    """The token kind of the "#word" at ``pos`` (the lexer in DEFAULT, no MORE prefix
    pending, no comment open) and where it ends, with the lexer's actions done; None when
    it is something else (the state machine reads it)."""
    m = _HASH_WORD.match(text, pos)
    if m is None:
        return None
    word = m.group()
    end = m.end()
    if word[1] == "s":
        found = _SET.match(text, pos)
        if found is not None:
            # (its action: _token_action's SET_DIRECTIVE)
            st.push()
            st.in_set = True
            st.state = DIRECTIVE
            st.lparen += 1
            return "SET_DIRECTIVE", found.end()
    kind = _KEYWORDS_IN_PRE_DIRECTIVE.get(word)
    # (HASH pushes DEFAULT under PRE_DIRECTIVE; END, ELSE_DIRECTIVE and a BARE_WORD pop it)
    if kind is None:
        if _LEFT_PAREN_AHEAD.match(text, end):
            st.push()
            st.state = DIRECTIVE
            return "DIRECTIVE_WORD", end
        return "BARE_WORD", end
    if kind == "END" or kind == "ELSE_DIRECTIVE":
        line_end = _LINE_END.match(text, end)
        return kind, end if line_end is None else line_end.end()
    st.push()
    st.state = DIRECTIVE
    return kind, end


def _raise_lexical_error(text: str, pos: int, state: str, more_start: int) -> NoReturn:
    """No rule of ``state`` matches at ``pos``: raise the error Velocity reports there."""
    n = len(text)
    if text[pos] in "\"'" and state in (DIRECTIVE, REFMOD2, REFINDEX):
        # an unclosed string literal: JavaCC reads on to the end before failing
        raise VtlLexicalError(n, True, text[pos:], "")
    read = _partial_length(text, pos, state)
    if read:
        # JavaCC read on hoping to complete a longer token ("-" of a negative
        # number, "t" of "true", "\\" of "\\$"): the error is at the first
        # character that broke it.
        bad = pos + read
        if bad + 1 >= n and text[bad : bad + 1] <= "\uffff":
            # JavaCC peeks one character past the failing one: at the end of the
            # input it reports <EOF> after it instead (TokenMgrError's EOFSeen).
            raise VtlLexicalError(n, True, text[pos:], "")
        raise VtlLexicalError(bad, False, text[pos:bad], text[bad])
    if pos + 1 >= n and text[pos] <= "\uffff":  # (a surrogate pair is two characters in Java)
        raise VtlLexicalError(n, True, "", "")
    raise VtlLexicalError(pos, False, text[more_start:pos] if more_start >= 0 else "", text[pos])


def _more_action(st: _State, kind: str) -> None:
    """The lexical actions of the MORE tokens ($, $!, #, #*, #**, #[[)."""
    if st.in_comment:
        return
    if kind in ("DOLLAR", "DOLLARBANG"):
        if st.state == REFERENCE:
            st.pop()
        st.push()
        st.state = REFERENCE
    elif kind == "HASH":
        if st.state in (REFERENCE, REFMODIFIER):
            st.pop()
        st.push()
        st.state = PRE_DIRECTIVE
    elif kind == "TEXTBLOCK_START":
        st.in_comment = True
        st.push()
        st.state = IN_TEXTBLOCK
    elif kind == "FORMAL_COMMENT_START":
        st.in_comment = True
        st.push()
        st.state = IN_FORMAL_COMMENT
    elif kind == "MULTI_LINE_COMMENT_START":
        st.in_comment = True
        st.push()
        st.state = IN_MULTI_LINE_COMMENT


def _token_action(st: _State, kind: str, text: str, pos: int) -> str:
    """The lexical action of a real token; returns its (possibly refined) kind."""
    state = st.state
    if kind == "INDEX_LBRACKET":
        st.push()
        st.state = REFINDEX
    elif kind == "INDEX_RBRACKET":
        st.pop()
    elif kind == "LPAREN":
        if not st.in_comment:
            st.lparen += 1
        if state == REFMODIFIER:
            st.state = REFMOD2
    elif kind == "RPAREN":
        st.rparen_handler()
    elif kind == "REFMOD2_RPAREN":
        st.state = REFERENCE
    elif kind == "SET_DIRECTIVE":
        if not st.in_comment:
            st.push()
            st.in_set = True
            st.state = DIRECTIVE
            st.lparen += 1
    elif kind == "SINGLE_LINE_COMMENT_START":
        if not st.in_comment:
            if state == REFERENCE:
                st.pop()
            st.in_comment = True
            st.push()
            st.state = IN_SINGLE_LINE_COMMENT
    elif kind in ("SINGLE_LINE_COMMENT", "FORMAL_COMMENT", "MULTI_LINE_COMMENT", "TEXTBLOCK"):
        st.in_comment = False
        st.pop()
    elif kind == "STRING_LITERAL":
        if state == DIRECTIVE and not st.in_set and st.lparen == 0:
            st.pop()
    elif kind in ("END", "ELSE_DIRECTIVE"):
        st.pop()
    elif kind in ("IF_DIRECTIVE", "ELSEIF_DIRECTIVE"):
        st.state = DIRECTIVE
    elif kind == "INTEGER_LITERAL":
        if st.lparen == 0 and not st.in_set and state not in (REFMOD2, REFINDEX):
            st.pop()
    elif kind == "FLOATING_POINT_LITERAL":
        if st.lparen == 0 and not st.in_set and state != REFMOD2:
            st.pop()
    elif kind in ("WORD", "BRACKETED_WORD"):
        if state == PRE_DIRECTIVE and kind == "WORD" and _inside_arguments(st):
            # A "#word" among a directive's arguments is read by Parser.jjt's Word(), which
            # leaves the lexer where it is (case velocity/fuzz/hash-word-argument).
            return kind
        if state == PRE_DIRECTIVE:
            # Parser.jjt's Directive(): switch to DIRECTIVE, and back out again when no
            # "(" follows (optionally after blanks): then it is not a directive call.
            if _LEFT_PAREN_AHEAD.match(text, pos):
                st.state = DIRECTIVE
                return "DIRECTIVE_WORD" if kind == "WORD" else "DIRECTIVE_BRACKETED_WORD"
            st.pop()
            return "BARE_WORD" if kind == "WORD" else "BARE_BRACKETED_WORD"
    elif kind == "DOT":
        st.state = REFMODIFIER
    elif kind == "RCURLY":
        st.pop()
    return kind


# The real tokens that _token_action acts on (the others pass through unchanged).
_ACTION_KINDS = frozenset({
    "INDEX_LBRACKET", "INDEX_RBRACKET", "LPAREN", "RPAREN", "REFMOD2_RPAREN", "SET_DIRECTIVE",
    "SINGLE_LINE_COMMENT_START", "SINGLE_LINE_COMMENT", "FORMAL_COMMENT", "MULTI_LINE_COMMENT",
    "TEXTBLOCK", "STRING_LITERAL", "END", "ELSE_DIRECTIVE", "IF_DIRECTIVE", "ELSEIF_DIRECTIVE",
    "INTEGER_LITERAL", "FLOATING_POINT_LITERAL", "WORD", "BRACKETED_WORD", "DOT", "RCURLY",
})


def _inside_arguments(st: _State) -> bool:
    """Whether the "#" just read stands inside a directive's parentheses. A "#word" read
    there leaves the lexer in PRE_DIRECTIVE, and a "$" after ``$a.b`` pushes over the
    reference's REFMODIFIER without popping it, so the directive's state can be further
    down under those (cases velocity/fuzz/hash-words-in-arguments, hash-word-after-glued-reference)."""
    for lparen, _, state in reversed(st.stack):
        if state not in _LEFT_OVER_STATES:
            return state == DIRECTIVE and lparen > 0
    return False


_LEFT_OVER_STATES = frozenset({PRE_DIRECTIVE, REFERENCE, REFMODIFIER})


class LineIndex:
    """Velocity's line and column for offsets of one template.

    Lines end at ``\\n``, ``\\r\\n`` or a lone ``\\r``; columns are 1-based, and a tab moves
    the column to the next multiple of 8 (JavaCC's character stream, tab size 8).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        for m in _LINE_BREAK.finditer(text):
            starts.append(m.end())
        self.starts = starts
        self._line = 1  # see position
        # Lines where a column is the offset from the line's start (no tab, nothing past
        # ASCII), found once: slicing the line for every position is quadratic on a long
        # one-line template (a 300 KB #elseif lookup table).
        ends = [*starts[1:], len(text)]
        self.plain = [text[a:b].isascii() and "\t" not in text[a:b] for a, b in zip(starts, ends, strict=True)]

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) of the character at ``offset``."""
        starts = self.starts
        line = self._line
        # the line of the last offset asked for, when it holds this one: the parser asks
        # for offsets in order, several a line (bisect_right's answer, without the search)
        if not (starts[line - 1] <= offset and (line == len(starts) or offset < starts[line])):
            line = self._line = bisect_right(starts, offset)
        start = starts[line - 1]
        if self.plain[line - 1]:
            return line, offset - start + 1
        prefix = self.text[start : offset + 1]
        if prefix.isascii() and "\t" not in prefix:
            return line, offset - start + 1
        column = 0
        last = len(prefix) - 1
        for i, char in enumerate(prefix):
            column += 1
            if char > "\uffff" and i < last:
                # Java counts UTF-16 code units: a surrogate pair is two, and a character's
                # column is its first unit's (case velocity/fuzz/astral-character-column)
                column += 1
            elif char == "\t":
                column -= 1
                column += 8 - column % 8
        return line, column

    def offset(self, line: int, column: int) -> int:
        """The offset of the character at ``line`` and ``column`` (as :meth:`position`
        gives them); the line's end when no character there has that column."""
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.text)
        if self.plain[line - 1]:
            return min(start + column - 1, end)
        before = 0  # the column the characters before this one end at (as position counts)
        for offset in range(start, end):
            char = self.text[offset]
            at = before + 8 - before % 8 if char == "\t" else before + 1
            if at >= column:
                return offset
            before = at + 1 if char > "\uffff" else at
        return end

    def eof_error_position(self) -> tuple[int, int]:
        """Where Velocity reports a lexical error at the end of input: after the last
        character, or at column 0 of the next line when that character ends a line."""
        if not self.text:
            return 1, 1
        line, column = self.position(len(self.text) - 1)
        if self.text[-1] in "\r\n":
            return line + 1, 0
        return line, column + (2 if self.text[-1] > "\uffff" else 1)


_LINE_BREAK = re.compile(r"\r\n|\n|\r")

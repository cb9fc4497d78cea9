#!/usr/bin/env python3
"""Differential fuzzing: random realistic VTL templates, rendered by the real Velocity 1.7
jar and by this engine under both profiles, compared byte for byte.

    conformance/tools/fuzz.py run --seed 1 --count 2000          # generate, render, compare
    conformance/tools/fuzz.py run --seed 1 --count 2000 --mutants  # mutated conformance templates
    conformance/tools/fuzz.py show --seed 1 --index 17           # print one generated template
    conformance/tools/fuzz.py min FILE.vm                        # minimise a differing template

Templates are grammar-generated from a seeded ``random.Random`` (template *i* of seed *s*
is always the same), over the spec's standard variables (conformance/standard-vars.json).
The jar side is ``FuzzBatch.java`` (many templates in one JVM, the recorder's engine
setup); differences are written to ``--out`` (default /tmp/vtl-fuzz) as JSON lines.

A difference is: different output, an error on one side only, a different error kind
(ParseErrorException/TemplateInitException -> TemplateSyntaxError, other Velocity
exceptions -> TemplateRenderError) or a different ``[line L, column C]``.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fuzzlib import POSITION, SYNTAX_ERRORS, mutants, recorded_templates, shrink

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
VARS_FILE = HERE.parent / "standard-vars.json"
STANDARD_VARS: dict[str, Any] = json.loads(VARS_FILE.read_text(encoding="utf-8"))
PROFILES = ("velocity", "apigateway")
M2 = Path.home() / ".m2/repository"
JARS = [
    M2 / "org/apache/velocity/velocity/1.7/velocity-1.7.jar",
    M2 / "commons-collections/commons-collections/3.2.2/commons-collections-3.2.2.jar",
    M2 / "commons-lang/commons-lang/2.4/commons-lang-2.4.jar",
]
BUILD = HERE / "build"
RECORDER_BUILD = HERE.parent / "recorder" / "build"

# --------------------------------------------------------------------------- generator

STRINGS = ["name", "s", "empty", "sp", "csv", "num_s", "json_s"]
NUMBERS = ["n", "big", "d", "neg", "zero"]
LISTS = ["list", "slist", "elist"]
MAPS = ["map", "emap", "nested"]
OTHERS = ["flag", "f", "nul", "nope", "x", "y", "i", "foreach", "velocityCount", "velocityHasNext"]
ALL_VARS = STRINGS + NUMBERS + LISTS + MAPS + OTHERS
LOCAL_VARS = ["x", "y", "z", "a", "b", "m", "l", "r", "k"]

STRING_METHODS = [
    ("length", 0), ("toUpperCase", 0), ("toLowerCase", 0), ("trim", 0), ("isEmpty", 0),
    ("substring", 1), ("substring", 2), ("indexOf", 1), ("lastIndexOf", 1), ("contains", 1),
    ("startsWith", 1), ("endsWith", 1), ("replace", 2), ("replaceAll", "re2"),
    ("replaceFirst", "re2"), ("matches", "re1"), ("split", "re1"), ("split", "re2n"),
    ("charAt", 1), ("equals", 1), ("equalsIgnoreCase", 1), ("concat", 1), ("compareTo", 1),
    ("hashCode", 0), ("toString", 0), ("chars", 0), ("toCharArray", 0),
    ("getBytes", 0), ("intern", 0), ("strip", 0), ("isBlank", 0), ("repeat", 1),
    ("indexOf", 2), ("codePointAt", 1), ("contentEquals", 1), ("regionMatches", 4),
]
MAP_METHODS = [
    ("keySet", 0), ("values", 0), ("entrySet", 0), ("size", 0), ("isEmpty", 0),
    ("containsKey", 1), ("containsValue", 1), ("get", 1), ("put", 2), ("remove", 1),
    ("putAll", 1), ("getOrDefault", 2), ("putIfAbsent", 2), ("clear", 0), ("toString", 0),
    ("equals", 1), ("hashCode", 0),
]
LIST_METHODS = [
    ("size", 0), ("get", 1), ("contains", 1), ("isEmpty", 0), ("indexOf", 1), ("add", 1),
    ("add", 2), ("remove", 1), ("set", 2), ("subList", 2), ("addAll", 1), ("lastIndexOf", 1),
    ("toString", 0), ("equals", 1), ("hashCode", 0), ("containsAll", 1), ("toArray", 0),
    ("iterator", 0), ("clear", 0),
]
NUMBER_METHODS = [
    ("intValue", 0), ("doubleValue", 0), ("longValue", 0), ("toString", 0), ("compareTo", 1),
    ("equals", 1), ("hashCode", 0), ("byteValue", 0), ("floatValue", 0), ("isNaN", 0),
]
PROPERTIES = ["a", "b", "c", "items", "size", "empty", "length", "bytes", "key",
              "value", "index", "count", "hasNext", "first", "last", "parent", "name", "id",
              "x-y", "toString", "class.name", "class.simpleName"]
# (identity hash codes, e.g. $x.class.hashCode(), are not reproducible: no bare "class")
REGEXES = ["\\d+", "[a-z]+", "l+", "o", ",", "\\.", ".", "(\\w+), (\\w+)", "^H", "d$", "\\s+",
           "a|b", "[^,]*", "(a)(b)?", "x*", "\\w", "[,]+", "(?i)h", "\\b", "e(l+)o", "$",
           "\\\\", "\\$", "[A-Z]"]
REPLACEMENTS = ["X", "$1", "<$0>", "", "\\$", "$2-$1", "-", "\\\\"]
WORD_OPS = {"==": "eq", "!=": "ne", "<": "lt", ">": "gt", "<=": "le", ">=": "ge",
            "&&": "and", "||": "or"}
TEXT_BITS = ["Hello", " ", "  ", "\t", "a", "b", "x", "{", "}", "[", "]", "(", ")", "\"",
             "'", ":", ",", ";", ".", "-", "=", "!", "*", "+", "@", "%", "<p>", "</p>",
             "1", "0", "5.00", "foo", "bar", "\\", "\\\\", "$", "#", "##", "$$", "#$",
             " $ ", " # ", "$1", "#1", "$-", "$.", "${", "${}", "#{", "$!", "$!!", "#*x",
             "*#", "]]#", "#[", "#foo", "#foo(1)", "#IF", "#else ", "#endx", "#fff", "\\#",
             "\\$", "\\\\$", "text with words", "{\"k\": 1}", "\u00e9", "\u20ac"]
CLEAN_TEXT_BITS = [b for b in TEXT_BITS if not any(c in b for c in "#$\\")] + ["$ ", "# ", "$1", "#1"]
NEWLINES = ["\n", "\n", "\n", "\r\n", "\r"]


class Gen:
    """One template generator (state: defined macros, loop depth, nesting budget)."""

    def __init__(self, rng: random.Random) -> None:
        self.r = rng
        self.macros: list[tuple[str, int]] = []  # (name, number of params)
        self.loop = 0
        self.in_macro = 0
        self.budget = rng.randint(3, 14)
        self.top_ref = False
        #: most templates use only text that cannot break the directive structure
        self.text_bits = TEXT_BITS if rng.random() < 0.35 else CLEAN_TEXT_BITS

    def choice(self, seq: Any) -> Any:
        return self.r.choice(seq)

    def chance(self, p: float) -> bool:
        return self.r.random() < p

    # ---- text and whitespace

    def nl(self) -> str:
        return self.choice(NEWLINES)

    def indent(self) -> str:
        return self.choice(["", "", "", " ", "  ", "    ", "\t", " \t"])

    def text(self) -> str:
        out = []
        for _ in range(self.r.randint(1, 4)):
            if self.chance(0.2):
                out.append(self.nl())
            out.append(self.choice(self.text_bits))
        return "".join(out)

    # ---- literals

    def int_lit(self) -> str:
        return self.choice(["0", "1", "2", "3", "5", "10", "-1", "-5", "010", "2147483647",
                            "2147483648", "-2147483648", "3000000000", "9223372036854775807",
                            "9223372036854775808", "30000000000000000000", "7", "100"])

    def double_lit(self) -> str:
        return self.choice(["1.5", ".5", "5.", "1e3", "-0.5", "2.0", "0.1", "0.2", "1E7",
                            "1.0E7", "12345678.9", "0.0001", "1e-5", "-2.5", "3.0", "1e23",
                            "100.0", "0.0", "-0.0"])

    def str_content(self, depth: int) -> str:
        bits = ["a", "b", " ", "hi", "World", "x-y", ",", ".", "\\n", "\\t", "\\\\", "\\u0041",
                "''", "\"\"", "#", "##", "$", "$1", "\\$", "\\"]
        out = []
        for _ in range(self.r.randint(0, 4)):
            if depth < 2 and self.chance(0.3):
                out.append(self.ref(depth + 1, in_string=True))
            elif depth < 1 and self.chance(0.08):
                out.append(self.choice(["#if($flag)y#{else}n#end", "#set($z = 1)", "#foreach($q in [1..2])$q#end",
                                        "#{if}($f)T#{end}"]))
            else:
                out.append(self.choice(bits))
        return "".join(out)

    def dq(self, depth: int) -> str:
        c = self.str_content(depth)
        c = c.replace('"', '""') if self.chance(0.9) else c
        c = re.sub(r'(?<!")"(?!")', '""', c)
        return '"' + c + '"'

    def sq(self) -> str:
        c = "".join(self.choice(["a", "$name", "it''s", " ", "\\", "#if", "\"", "x"])
                    for _ in range(self.r.randint(0, 3)))
        return "'" + c + "'"

    def literal(self, depth: int) -> str:
        k = self.r.randint(0, 9)
        if k == 0:
            return self.int_lit()
        if k == 1:
            return self.double_lit()
        if k in (2, 3):
            return self.dq(depth)
        if k == 4:
            return self.sq()
        if k == 5:
            return self.choice(["true", "false"])
        if k == 6 and depth < 3:
            return "[" + self.sep().join(self.arg(depth + 1) for _ in range(self.r.randint(0, 3))) + "]"
        if k == 7 and depth < 3:
            items = [f"{self.choice([self.dq(3), self.sq(), self.int_lit(), self.ref(3)])} : {self.arg(depth + 1)}"
                     if self.chance(0.3) else
                     f"{self.choice([self.dq(3), self.sq(), self.ref(3)])}: {self.arg(depth + 1)}"
                     for _ in range(self.r.randint(0, 3))]
            return "{" + ", ".join(items) + "}"
        if k == 8:
            lo = self.choice(["1", "0", "-2", "5", "$n", "$neg", "$d", "$num_s", "$zero", "3"])
            hi = self.choice(["1", "3", "5", "0", "-1", "$n", "$zero", "$nope"])
            return f"[{lo}..{hi}]" if self.chance(0.7) else f"[ {lo} .. {hi} ]"
        return self.choice(["1", "\"\"", "''", "\"$name\"", "'x'"])

    def sep(self) -> str:
        return self.choice([", ", ",", " , ", ", "])

    # ---- references

    def ident(self) -> str:
        if self.chance(0.2):
            return self.choice(LOCAL_VARS)
        return self.choice(ALL_VARS)

    def method_args(self, kind: Any, depth: int) -> str:
        if kind == "re1":
            args = [self.choice(['"', "'"]) + self.choice(REGEXES) + '"']
            args[0] = self.regex_lit()
        elif kind == "re2":
            args = [self.regex_lit(), self.repl_lit()]
        elif kind == "re2n":
            args = [self.regex_lit(), self.choice(["-1", "0", "2", "1"])]
        else:
            args = [self.arg(depth + 1) for _ in range(int(kind))]
        return "(" + self.sep().join(args) + ")"

    def regex_lit(self) -> str:
        re_ = self.choice(REGEXES)
        if self.chance(0.5) and "'" not in re_:
            return "'" + re_ + "'"
        return '"' + re_.replace('"', '""') + '"'

    def repl_lit(self) -> str:
        rep = self.choice(REPLACEMENTS)
        return ("'" + rep + "'") if self.chance(0.5) else ('"' + rep + '"')

    def suffix(self, depth: int) -> str:
        out = []
        for _ in range(self.r.choice([0, 0, 1, 1, 1, 2, 3])):
            k = self.r.randint(0, 9)
            if k <= 2:
                out.append("." + self.choice(PROPERTIES))
            elif k <= 7:
                table = self.choice([STRING_METHODS, STRING_METHODS, MAP_METHODS, LIST_METHODS, NUMBER_METHODS])
                name, kind = self.choice(table)
                out.append("." + name + self.method_args(kind, depth))
            else:
                idx = self.choice(["0", "1", "-1", "2", "5", "\"a\"", "'b'", "\"items\"", "$zero",
                                   "$n", "$nope", "true", " 0 ", "$i", "\"c\""])
                out.append("[" + idx + "]")
        return "".join(out)

    def ref(self, depth: int = 0, in_string: bool = False) -> str:
        top, self.top_ref = self.top_ref, False
        name = self.ident()
        suf = self.suffix(depth) if depth < 3 else ""
        quiet = "!" if self.chance(0.2) else ""
        form = self.r.randint(0, 5)
        if form == 0:
            core = "$" + quiet + "{" + name + suf + "}"
        else:
            core = "$" + quiet + name + suf
        if top and self.chance(0.07):
            core = self.choice(["\\", "\\\\", "\\\\\\"]) + core
        return core

    # ---- expressions

    def arg(self, depth: int) -> str:
        if depth > 3 or self.chance(0.5):
            return self.literal(depth + 1) if self.chance(0.5) else self.ref(depth + 1)
        return self.literal(depth + 1)

    def operand(self, depth: int) -> str:
        k = self.r.randint(0, 9)
        if k <= 4:
            return self.ref(depth + 1)
        if k <= 7:
            return self.literal(depth + 1)
        if depth < 2:
            return "(" + self.expr(depth + 1) + ")"
        return self.ref(depth + 1)

    def op(self, ops: list[str]) -> str:
        o = self.choice(ops)
        if o in WORD_OPS and self.chance(0.25):
            return " " + WORD_OPS[o] + " "
        return self.choice([" " + o + " ", " " + o + " ", o if o not in "-" else " - "])

    def expr(self, depth: int = 0) -> str:
        e = self.operand(depth)
        if self.chance(0.15):
            e = self.choice(["!", "! ", "not "]) + e
        for _ in range(self.r.choice([0, 0, 1, 1, 2])):
            e += self.op(["+", "-", "*", "/", "%", "==", "!=", "<", ">", "<=", ">=", "&&", "||"])
            e += self.operand(depth)
        return e

    def cond(self) -> str:
        e = self.expr()
        return e

    # ---- directives

    def ws(self) -> str:
        return self.choice(["", "", "", " ", "  "])

    def after(self) -> str:
        """What follows a directive: often a newline (swallowed), sometimes blanks first."""
        return self.choice(["", "", self.nl(), self.nl(), " " + self.nl(), "\t" + self.nl(), " ", "x"])

    def d(self, name: str) -> str:
        return "#{" + name + "}" if self.chance(0.12) else "#" + name

    def set_(self) -> str:
        target = "$" + self.choice(LOCAL_VARS + ["name", "map.k", "list[0]", "m.a", "l[1]", "map[\"z\"]",
                                                 "x.y", "nope"])
        if self.chance(0.04):
            target = "${" + target[1:] + "}"
        sp = self.choice(["", "", " ", "  "])
        return (self.indent() + self.d("set") + sp + "(" + self.ws() + target + self.ws() + "="
                + self.ws() + self.expr() + self.ws() + ")" + self.after())

    def block(self, depth: int) -> str:
        parts = []
        for _ in range(self.r.randint(0, 3)):
            parts.append(self.item(depth + 1))
        return "".join(parts)

    def end(self) -> str:
        return self.indent() + self.d("end") + self.after()

    def if_(self, depth: int) -> str:
        out = [self.indent(), self.d("if"), self.ws(), "(", self.ws(), self.cond(), self.ws(), ")",
               self.after(), self.block(depth)]
        for _ in range(self.r.choice([0, 0, 1, 2])):
            out += [self.indent(), self.d("elseif"), "(", self.cond(), ")", self.after(), self.block(depth)]
        if self.chance(0.5):
            out += [self.indent(), self.d("else"), self.after(), self.block(depth)]
        out.append(self.end())
        return "".join(out)

    def foreach(self, depth: int) -> str:
        var = self.choice(["i", "j", "v", "e", "x", "name"])
        src = self.choice(["$list", "$slist", "$elist", "$map", "$nested.items", "$map.keySet()",
                           "$map.entrySet()", "[1..3]", "[3..1]", "$csv.split(\",\")", "$nope",
                           "$name", "[1, $nope, 3]", "[\"a\", 'b']", "$l", "$m", "{\"a\": 1}", "$n",
                           "[$n..$zero]"])
        self.loop += 1
        body = self.block(depth)
        if self.chance(0.4):
            body += self.choice(["$foreach.index", "$foreach.count", "$foreach.hasNext", "$foreach.first",
                                 "$foreach.last", "$velocityCount", "$velocityHasNext", "$foreach.parent.count",
                                 "$foreach", "$foreach.topmost.index", "#if($foreach.hasNext),#end",
                                 "#if($foreach.count > 1)#break#end", "#break", "#break($foreach.parent)",
                                 "$" + var, "$!{" + var + "}", "$" + var + ".key", "$" + var + ".value"])
        self.loop -= 1
        inner = self.choice([" in ", " in ", "  in  ", " of "])
        return (self.indent() + self.d("foreach") + self.ws() + "(" + self.ws() + "$" + var + inner + src
                + self.ws() + ")" + self.after() + body + self.end())

    def macro_def(self, depth: int) -> str:
        name = self.choice(["m", "mac", "item", "wrap", "hr", "pair", "show", "p2"]) + str(len(self.macros))
        params = [self.choice(["$a", "$b", "$c", "$v", "$name", "$x"]) for _ in range(self.r.randint(0, 2))]
        sep = self.choice([" ", " ", ", "])
        head = name + ("" if not params else " " + sep.join(params) if sep == " " else sep + sep.join(params))
        self.in_macro += 1
        body = self.block(depth)
        if self.chance(0.5):
            body += self.choice(params + ["$bodyContent", "$!bodyContent", "[$a|$b]"] if params else ["$bodyContent", "--"])
        self.in_macro -= 1
        self.macros.append((name, len(params)))
        return self.indent() + self.d("macro") + "(" + head + ")" + self.after() + body + self.end()

    def macro_call(self, depth: int) -> str:
        name, n = self.choice(self.macros)
        nargs = max(0, n + self.choice([0, 0, 0, -1, 1]))
        args = self.choice([" ", ", "]).join(self.arg(depth + 1) for _ in range(nargs))
        if self.chance(0.2):
            return self.indent() + "#@" + name + "(" + args + ")" + self.after() + self.block(depth) + self.end()
        if nargs == 0 and self.chance(0.3):
            return self.indent() + "#" + name + self.choice([" ", self.nl(), "x", ""])
        return self.indent() + self.d(name) + "(" + args + ")" + self.after()

    def item(self, depth: int = 0) -> str:
        self.budget -= 1
        if self.budget <= 0 or depth > 3:
            return self.choice([self.text(), self.ref(), self.ref() + self.text()])
        k = self.r.randint(0, 99)
        if k < 22:
            return self.text()
        if k < 40:
            self.top_ref = True
            ref = self.ref()
            self.top_ref = False
            return ref + (self.choice(["", " ", self.nl(), ".", "x", "(x)", " [0]", "-1", "[", "]"]))
        if k < 52:
            return self.set_()
        if k < 64:
            return self.if_(depth)
        if k < 72:
            return self.foreach(depth)
        if k < 77:
            return self.macro_def(depth) if not self.in_macro else self.text()
        if k < 81 and self.macros:
            return self.macro_call(depth)
        if k < 83:
            return (self.indent() + self.d("define") + "($" + self.choice(["blk", "x", "y"]) + ")" + self.after()
                    + self.block(depth) + self.end() + self.choice(["$blk", "$x", "$!y", ""]))
        if k < 85:
            return self.d("literal") + "()" + self.choice(["$name #if($x) x", "## c", "a\nb", "#foreach"]) + "#end"
        if k < 87:
            return "#[[" + self.choice(["$name #if($x) ## no", "", "]]", "x\ny"]) + "]]#"
        if k < 90:
            return self.indent() + "##" + self.choice([" comment", "", "#x", " $name"]) + self.nl()
        if k < 92:
            return "#*" + self.choice([" block ", "\n more ", "* doc ", "#* nested "]) + "*#" + self.choice(["", self.nl()])
        if k < 94:
            return self.choice(["\\#if($flag)x\\#end", "\\\\#if($flag)y#end", "\\#set($a = 1)", "\\#foo",
                                "\\#{else}", "\\\\\\#set($a = 1)", "\\$name", "\\\\$nope", "\\$!name", "\\${name}"])
        if k < 95:
            return self.d("evaluate") + "(" + self.choice(["\"#set($z = 5)$z $name\"", "$nope", "'$name'", "$s"]) + ")" + self.after()
        if k < 96 and self.loop:
            return self.choice(["#break", "#{break}", "#break($foreach.parent)", "#break($foreach)"])
        if k < 97:
            return self.choice(["#stop", "#{stop}", "#stop "]) if self.chance(0.3) else self.text()
        return self.indent() + self.ref() + self.nl()

    def template(self) -> str:
        out = []
        while self.budget > 0:
            out.append(self.item())
        t = "".join(out)
        if t.endswith(("$", "#", "$!")) and self.chance(0.8):
            t += self.nl()
        return t


def generate(seed: int, index: int) -> str:
    return Gen(random.Random(f"{seed}:{index}")).template()


# --------------------------------------------------------------------------- jar side


def classpath() -> str:
    return ":".join([str(BUILD), str(RECORDER_BUILD)] + [str(j) for j in JARS])


def build_java() -> None:
    jars = ":".join(str(j) for j in JARS)
    src = HERE / "FuzzBatch.java"
    cls = BUILD / "FuzzBatch.class"
    subprocess.run([str(HERE.parent / "recorder" / "record.sh"), "--dry-run", "/nonexistent"],
                   capture_output=True)  # compiles Recorder.java if needed
    if not cls.exists() or src.stat().st_mtime > cls.stat().st_mtime:
        BUILD.mkdir(exist_ok=True)
        subprocess.run(["javac", "-encoding", "UTF-8", "-d", str(BUILD), "-cp",
                        f"{RECORDER_BUILD}:{jars}", str(src)], check=True)


def java_batch(templates: list[str]) -> list[list[str]]:
    data = "".join(json.dumps(t) + "\n" for t in templates).encode("utf-8")
    res = subprocess.run(["java", "-Dfile.encoding=UTF-8", "-Xss64m", "-cp", classpath(), "FuzzBatch",
                          str(VARS_FILE)], input=data, capture_output=True, check=True)
    # "\n" only: splitlines() would also split at a U+0085 or U+2028 the output holds
    return [json.loads(line) for line in res.stdout.decode("utf-8").split("\n") if line]


class JavaStream:
    """A persistent FuzzBatch --stream process (for minimising)."""

    def __init__(self) -> None:
        self.p = subprocess.Popen(["java", "-Dfile.encoding=UTF-8", "-cp", classpath(), "FuzzBatch",
                                   str(VARS_FILE), "--stream"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def __call__(self, template: str) -> list[str]:
        assert self.p.stdin and self.p.stdout
        self.p.stdin.write((json.dumps(template) + "\n").encode("utf-8"))
        self.p.stdin.flush()
        return json.loads(self.p.stdout.readline().decode("utf-8"))


# --------------------------------------------------------------------------- our side


def ours(template: str, profile: str) -> tuple[str, str]:
    """("ok", output) | ("syntax"/"render"/"crash", "message [line L, column C]")."""
    import vtl

    try:
        variables = json.loads(VARS_FILE.read_text(encoding="utf-8"))
        return "ok", vtl.Template(template, profile=profile, name="template").render(variables)
    except vtl.TemplateSyntaxError as e:
        return "syntax", f"{e.message} [line {e.line}, column {e.column}]"
    except vtl.TemplateRenderError as e:
        return "render", f"{e.message} [line {e.line}, column {e.column}]"
    except vtl.TemplateError as e:
        return "error", f"{e.message} [line {e.line}, column {e.column}]"
    except RecursionError as e:
        return "crash", f"RecursionError: {e}"
    except Exception as e:  # noqa: BLE001 - an engine crash is a difference too
        return "crash", f"{type(e).__name__}: {e}"


def java_kind(kind: str, text: str) -> str:
    if kind == "ok":
        return "ok"
    if kind != "error":
        return kind
    cls = text.split(":", 1)[0]
    if cls in SYNTAX_ERRORS:
        return "syntax"
    # a raw Java exception escaping Velocity (NullPointerException...): any TemplateError
    return "render" if cls.startswith("org.apache.velocity.") else "other"


#: Java's default toString (``[Ljava.lang.String;@1b6d3586``) and identity hash codes
#: are not deterministic: outputs are compared with them masked.
#: No word boundary after it: the hash may run into the text that follows (``[B@1d628a91false``,
#: seed 9205), and both sides are masked alike.
IDENTITY = re.compile(r"(?<=[\w;$])@[0-9a-f]{1,8}")


def differs(jkind: str, jtext: str, okind: str, otext: str) -> str | None:
    """None if equal, else a short classification of the difference."""
    jk = java_kind(jkind, jtext)
    if jk == "ok" and okind == "ok" and jtext != otext and "@" in jtext:
        jtext, otext = IDENTITY.sub("@HASH", jtext), IDENTITY.sub("@HASH", otext)
    if jk in ("timeout", "throwable"):
        return None  # the jar itself blew up (StackOverflowError...): not comparable
    if jk == "ok" and okind == "ok":
        return None if jtext == otext else "output"
    if jk == "ok":
        return f"ours-{okind}"
    if okind == "ok":
        return f"jar-{jk}"
    if jk != okind and okind != "error" and not (jk == "other" and okind != "crash"):
        return f"kind-{jk}-vs-{okind}"
    jp = POSITION.search(jtext)
    if jp:
        op = POSITION.search(otext)
        if not op or op.groups() != jp.groups():
            return f"position-{jk}"
    return None


def compare(template: str, java: list[str]) -> list[dict[str, Any]]:
    found = []
    for pi, profile in enumerate(PROFILES):
        jkind, jtext = java[2 * pi], java[2 * pi + 1]
        okind, otext = ours(template, profile)
        d = differs(jkind, jtext, okind, otext)
        if d:
            found.append({"profile": profile, "kind": d, "template": template,
                          "java": [jkind, jtext], "ours": [okind, otext]})
    return found


def _compare_job(args: tuple[int, str, list[str]]) -> tuple[int, list[dict[str, Any]]]:
    index, template, java = args
    return index, compare(template, java)


# --------------------------------------------------------------------------- minimising


def minimise(template: str, profile: str, kind: str, java: JavaStream) -> str:
    """Greedy delta debugging: drop chunks while the same kind of difference persists."""

    def still(t: str) -> bool:
        if not t:
            return False
        j = java(t)
        pi = PROFILES.index(profile)
        ok, ot = ours(t, profile)
        return differs(j[2 * pi], j[2 * pi + 1], ok, ot) == kind

    return shrink(template, still)


# --------------------------------------------------------------------------- main


def run(seed: int, count: int, out: Path, start: int = 0, batch: int = 2000,
        mutated: bool = False) -> None:
    """Compare templates ``start`` to ``start + count`` of ``seed``: grammar-generated, or
    with ``mutated`` the conformance templates mutated with bits of VTL
    (fuzzlib.mutants), which reach syntax errors and the lexer's rare paths far more."""
    build_java()
    out.mkdir(parents=True, exist_ok=True)
    diffs_file = out / f"diffs-{seed}{'-mutants' if mutated else ''}.jsonl"
    made = mutants(seed, start + count, recorded_templates()) if mutated else []
    total = 0
    ndiff = 0
    with diffs_file.open("a", encoding="utf-8") as fh, multiprocessing.Pool() as pool:
        for lo in range(start, start + count, batch):
            idx = list(range(lo, min(lo + batch, start + count)))
            templates = [made[i] if mutated else generate(seed, i) for i in idx]
            java = java_batch(templates)
            jobs = [(i, t, j) for i, t, j in zip(idx, templates, java)]
            for i, found in pool.imap_unordered(_compare_job, jobs, chunksize=20):
                for d in found:
                    d["seed"], d["index"] = seed, i
                    fh.write(json.dumps(d) + "\n")
                    ndiff += 1
            fh.flush()
            total += len(idx)
            print(f"seed {seed}: {total} templates, {ndiff} differing renders", flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("--seed", type=int, default=1)
    r.add_argument("--count", type=int, default=1000)
    r.add_argument("--start", type=int, default=0)
    r.add_argument("--out", type=Path, default=Path("/tmp/vtl-fuzz"))
    r.add_argument("--mutants", action="store_true",
                   help="mutated conformance templates instead of grammar-generated ones")
    s = sub.add_parser("show")
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--index", type=int, required=True)
    m = sub.add_parser("min")
    m.add_argument("file", type=Path)
    m.add_argument("--profile", default="velocity")
    c = sub.add_parser("check")
    c.add_argument("file", type=Path)
    a = ap.parse_args(argv)
    sys.setrecursionlimit(10000)
    if a.cmd == "run":
        run(a.seed, a.count, a.out, a.start, mutated=a.mutants)
    elif a.cmd == "show":
        sys.stdout.write(generate(a.seed, a.index))
    elif a.cmd in ("min", "check"):
        build_java()
        t = a.file.read_bytes().decode("utf-8")
        js = JavaStream()
        j = js(t)
        for pi, p in enumerate(PROFILES):
            print(p, "jar:", json.dumps(j[2 * pi:2 * pi + 2])[:600])
            print(p, "ours:", json.dumps(ours(t, p))[:600])
        if a.cmd == "min":
            pi = PROFILES.index(a.profile)
            k = differs(j[2 * pi], j[2 * pi + 1], *ours(t, a.profile))
            if k:
                print(json.dumps(minimise(t, a.profile, k, js)))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())

"""The on-disk cache of compiled templates (vtl/cache.py, hooked in vtl/template.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import vtl
import vtl.parser
from vtl import cache, template
from vtl.errors import TemplateRenderError

# Velocity 1.7 semantics known without running this engine: #set, a range #foreach, a macro
# called from #evaluate text (so a cached unit must still know its macros).
SOURCE = ('#macro(twice $x)$x$x#end#set($a = 1)$a + $b'
          "#foreach($i in [1..3])$i#end #evaluate('#twice($b)')")
EXPECTED = "1 + x123 xx"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("VTL_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("VTL_NO_CACHE", raising=False)
    template._compile.cache_clear()
    yield tmp_path
    template._compile.cache_clear()


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources vtl.parser.parse was called with (a compile, not a cache hit)."""
    calls: list[str] = []
    real = vtl.parser.parse

    def counting(source: str, **kwargs: object) -> object:
        calls.append(source)
        return real(source, **kwargs)

    monkeypatch.setattr(vtl.parser, "parse", counting)
    return calls


def cache_files(folder: Path) -> list[Path]:
    """The cache's files (not a writer's temporary ones)."""
    return sorted(p for p in folder.glob("*.vtlc") if not p.name.startswith(".tmp-"))


def fresh_render(source: str, variables: dict[str, object]) -> str:
    """Render in this process as if for the first time (the in-process LRU cache cleared)."""
    template._compile.cache_clear()
    return vtl.Template(source, profile="velocity").render(variables)


def test_a_hit_renders_what_a_compile_renders(folder: Path, parses: list[str]) -> None:
    assert fresh_render(SOURCE, {"b": "x"}) == EXPECTED
    assert parses == [SOURCE, "#twice($b)"] and len(cache_files(folder)) == 1
    assert fresh_render(SOURCE, {"b": "x"}) == EXPECTED
    # the second render came from the file; the template is parsed again only because
    # #evaluate needs its macros (the cache keeps no syntax tree)
    assert sorted(parses) == sorted([SOURCE, "#twice($b)", SOURCE, "#twice($b)"])
    assert vtl.Template(SOURCE, profile="velocity").python_source == template.compile_unit(
        SOURCE, "velocity", vtl.errors.DEFAULT_NAME).python_source


def test_a_hit_skips_the_parser(folder: Path, parses: list[str]) -> None:
    source = "#foreach($i in [1..2])$i,#end"
    assert fresh_render(source, {}) == "1,2,"
    assert fresh_render(source, {}) == "1,2,"
    assert parses == [source]


def test_a_hit_in_a_new_process(folder: Path) -> None:
    source, expected = "#set($a = 1)$a + $b#foreach($i in [1..3])$i#end", "1 + x123"
    script = textwrap.dedent(f"""
        import vtl, vtl.parser
        def refuse(*args, **kwargs):
            raise AssertionError("parsed although cached")
        vtl.parser.parse = refuse
        print(vtl.Template({source!r}, profile="velocity").render({{"b": "x"}}), end="")
    """)
    env = dict(os.environ, VTL_CACHE_DIR=str(folder))
    first = subprocess.run([sys.executable, "-c", "import vtl; vtl.Template(" + repr(source)
                            + ", profile='velocity')"], env=env, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    second = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert second.returncode == 0, second.stderr
    assert second.stdout == expected


def test_errors_from_a_cached_template_name_the_same_place(folder: Path) -> None:
    source = "line one\n#set($x = $m.get(1))\n  $s.substring(5)"
    variables = {"m": {}, "s": "abc"}

    def error() -> TemplateRenderError:
        template._compile.cache_clear()
        with pytest.raises(TemplateRenderError) as caught:
            vtl.Template(source, profile="velocity", name="t.vm").render(variables)
        return caught.value

    compiled, cached = error(), error()
    assert len(cache_files(folder)) == 1
    assert (cached.line, cached.column) == (compiled.line, compiled.column)
    assert cached.line == 3
    assert str(cached) == str(compiled)


def test_key_covers_source_profile_name_and_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    keys = {cache.key("a", "velocity", "t"), cache.key("b", "velocity", "t"),
            cache.key("a", "apigateway", "t"), cache.key("a", "velocity", "u")}
    assert len(keys) == 4
    monkeypatch.setattr(cache, "engine_version", lambda: "another engine")
    assert cache.key("a", "velocity", "t") not in keys
    monkeypatch.undo()
    from importlib.util import MAGIC_NUMBER

    assert MAGIC_NUMBER.hex() in cache.engine_version()


@pytest.mark.parametrize("damage", ["truncate", "flip", "empty", "garbage"])
def test_a_damaged_file_is_ignored_and_rewritten(folder: Path, parses: list[str], damage: str) -> None:
    assert fresh_render(SOURCE, {"b": "x"}) == EXPECTED
    (path,) = cache_files(folder)
    data = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "flip":  # one byte of the marshalled code changed: the checksum catches it
        middle = len(data) // 2
        path.write_bytes(data[:middle] + bytes([data[middle] ^ 0x40]) + data[middle + 1:])
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        path.write_bytes(b"not a cache file at all" * 10)
    assert cache.load(SOURCE, "velocity", vtl.errors.DEFAULT_NAME) is None
    assert fresh_render(SOURCE, {"b": "x"}) == EXPECTED
    assert parses.count(SOURCE) == 2  # compiled again
    # rewritten whole: about the same size (only the unit number in the code's file name
    # differs) and loadable
    assert abs(len(path.read_bytes()) - len(data)) < 8
    assert cache.load(SOURCE, "velocity", vtl.errors.DEFAULT_NAME) is not None


def test_the_environment_variable_turns_it_off(folder: Path, parses: list[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VTL_NO_CACHE", "1")
    assert fresh_render(SOURCE, {"b": "x"}) == EXPECTED
    assert cache_files(folder) == []
    monkeypatch.setenv("VTL_NO_CACHE", "0")  # "0" means on
    assert fresh_render(SOURCE, {"b": "x"}) == EXPECTED
    assert len(cache_files(folder)) == 1
    monkeypatch.setenv("VTL_NO_CACHE", "yes")  # off again: the file present is not read
    assert fresh_render(SOURCE, {"b": "x"}) == EXPECTED
    assert parses.count(SOURCE) == 3


def test_an_unwritable_folder_only_costs_a_compile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("x")
    monkeypatch.setenv("VTL_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.delenv("VTL_NO_CACHE", raising=False)
    assert fresh_render(SOURCE, {"b": "x"}) == EXPECTED


WRITER = textwrap.dedent("""
    import sys
    from vtl import cache
    source, rounds = sys.argv[1], int(sys.argv[2])
    import vtl.template as t
    payload = t.compile_unit(source, "velocity", "t").cache_payload()
    print("ready", flush=True)
    sys.stdin.readline()
    for _ in range(rounds):
        cache.store(source, "velocity", "t", payload)
""")


def test_concurrent_writers_leave_a_whole_file(folder: Path) -> None:
    env = dict(os.environ, VTL_CACHE_DIR=str(folder))
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, SOURCE, "150"], env=env,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
               for _ in range(3)]
    for writer in writers:
        assert writer.stdout.readline() == "ready\n"
    for writer in writers:  # start them together
        writer.stdin.write("go\n")
        writer.stdin.flush()
    seen = 0
    while any(w.poll() is None for w in writers):
        payload = cache.load(SOURCE, "velocity", "t")  # never a half-written file
        if payload is not None:
            seen += 1
            assert isinstance(payload["line_spans"], list)
    assert [w.wait() for w in writers] == [0, 0, 0]
    assert len(cache_files(folder)) == 1
    assert not list(folder.glob(".tmp-*")), "a temporary file was left behind"
    template._compile.cache_clear()
    assert vtl.Template(SOURCE, profile="velocity", name="t").render({"b": "x"}) == EXPECTED


def test_the_folder_is_bounded(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sources = [f"#set($n = {i})$n " + "x" * 2000 for i in range(12)]
    for source in sources:
        vtl.Template(source, profile="velocity")
    sizes = sum(p.stat().st_size for p in cache_files(folder))
    assert len(cache_files(folder)) == 12
    one = sizes // 12
    # make the first six the least recently used, then bound the folder to eight files
    for age, source in enumerate(sources):
        path = folder / (cache.key(source, "velocity", vtl.errors.DEFAULT_NAME) + ".vtlc")
        os.utime(path, ns=(10**18 + age * 10**9, 10**18 + age * 10**9))
    left = cache.prune(folder, one * 8 + one // 2)
    kept = {p.name for p in cache_files(folder)}
    assert left <= (one * 8 + one // 2) * 3 // 4
    assert sum(p.stat().st_size for p in cache_files(folder)) == left
    expected = {cache.key(s, "velocity", vtl.errors.DEFAULT_NAME) + ".vtlc" for s in sources[12 - len(kept):]}
    assert kept == expected and 0 < len(kept) < 12


def test_stores_prune_past_the_bound(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VTL_CACHE_MAX_BYTES", "60000")
    left_behind, fresh = folder / ".tmp-dead.vtlc", folder / ".tmp-writing.vtlc"
    for path in (left_behind, fresh):
        path.write_bytes(b"x" * 100)
    os.utime(left_behind, ns=(0, 0))  # a writer died long ago
    for i in range(15):
        vtl.Template(f"#set($n = {i})$n " + "y" * 6000, profile="velocity")
    sizes = [p.stat().st_size for p in cache_files(folder)]
    assert sum(sizes) <= 60000 < 15 * min(sizes)  # the bound held, and it had to act
    assert len(sizes) >= 5
    assert not left_behind.exists() and fresh.exists()  # another writer's file is left alone


@pytest.mark.parametrize(("platform", "env", "expected"), [
    ("linux", {"XDG_CACHE_HOME": "/xdg"}, "/xdg/apigw-vtl"),
    ("linux", {"XDG_CACHE_HOME": "relative/ignored"}, "~/.cache/apigw-vtl"),
    ("linux", {}, "~/.cache/apigw-vtl"),
    ("darwin", {"XDG_CACHE_HOME": "/xdg"}, "~/Library/Caches/apigw-vtl"),
    ("win32", {"LOCALAPPDATA": "C:/Users/u/AppData/Local"}, "C:/Users/u/AppData/Local/apigw-vtl/Cache"),
])
def test_the_folder_follows_the_platform(monkeypatch: pytest.MonkeyPatch, platform: str,
                                         env: dict[str, str], expected: str) -> None:
    for name in ("VTL_CACHE_DIR", "XDG_CACHE_HOME", "LOCALAPPDATA"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "platform", platform)
    assert cache.cache_dir() == Path(os.path.expanduser(expected))
    monkeypatch.setenv("VTL_CACHE_DIR", "/elsewhere")
    assert cache.cache_dir() == Path("/elsewhere")


def test_a_cached_template_still_shows_its_python(folder: Path) -> None:
    source = "#foreach($i in [1..2])$i#end"
    fresh = template.compile_unit(source, "velocity", vtl.errors.DEFAULT_NAME).python_source
    vtl.Template(source, profile="velocity")
    template._compile.cache_clear()
    cached = vtl.Template(source, profile="velocity")
    assert cached._unit._python_source is None  # the cache stores code, not source
    assert cached.python_source == fresh


def test_a_cached_template_traces_output_to_the_same_lines(folder: Path) -> None:
    source = "a\n#foreach($i in [1..2])\nitem $i\n#end\nz $x\n"
    fresh = vtl.Template(source, profile="velocity").render_with_origins({"x": 1})
    template._compile.cache_clear()
    cached = vtl.Template(source, profile="velocity")
    assert cached._unit._text_origins is None  # from the cache, not yet needed
    assert cached.render_with_origins({"x": 1}) == fresh
    assert fresh[0] == "a\nitem 1\nitem 2\nz 1\n"


def test_no_home_directory_means_no_cache(monkeypatch: pytest.MonkeyPatch, parses: list[str]) -> None:
    for name in ("VTL_CACHE_DIR", "XDG_CACHE_HOME", "VTL_NO_CACHE"):
        monkeypatch.delenv(name, raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert fresh_render(SOURCE, {"b": "x"}) == EXPECTED
    assert fresh_render(SOURCE, {"b": "x"}) == EXPECTED
    assert parses.count(SOURCE) == 2  # compiled each time: nowhere to keep it


def test_a_payload_of_the_wrong_shape_is_compiled_again(folder: Path, parses: list[str]) -> None:
    assert fresh_render(SOURCE, {"b": "x"}) == EXPECTED
    assert len(cache_files(folder)) == 1
    # a whole, checksummed file whose payload lacks the line map
    cache.store(SOURCE, "velocity", vtl.errors.DEFAULT_NAME, {"code": compile("x = 1", "f", "exec")})
    assert cache.load(SOURCE, "velocity", vtl.errors.DEFAULT_NAME) is not None
    assert fresh_render(SOURCE, {"b": "x"}) == EXPECTED
    assert parses.count(SOURCE) == 2
    assert "line_spans" in cache.load(SOURCE, "velocity", vtl.errors.DEFAULT_NAME)  # replaced


def test_a_long_module_compiled_in_pieces_is_stored_and_locates_errors(
        folder: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    # A template whose generated code passes PIECEWISE_CHARS (a 300 KB template's does) is
    # compiled in pieces: those are stored too, and a hit still points errors at the line.
    from vtl import unit

    monkeypatch.setattr(unit, "PIECEWISE_CHARS", 10_000)
    source = "".join(f"row {i} $a.b($x)\n" for i in range(1000)) + "#set($r = $s.substring(5))\n"
    for _ in range(2):
        template._compile.cache_clear()
        with pytest.raises(TemplateRenderError) as info:
            vtl.Template(source, profile="velocity").render({"s": "abc", "a": {}})
        assert (info.value.line, info.value.column) == (1001, 14)
    assert parses == [source] and len(cache_files(folder)) == 1
    template._compile.cache_clear()
    assert vtl.Template(source, profile="velocity").render({"s": "abcdefg", "a": {}}).startswith("row 0 $a.b($x)\n")

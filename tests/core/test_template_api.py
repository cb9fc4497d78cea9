"""The Template object: immutable, cached, thread-safe, never mutating its input."""

from __future__ import annotations

import threading

import pytest

from vtl import Template


def test_render_returns_text() -> None:
    assert Template("Hello $name!", profile="velocity").render({"name": "World"}) == "Hello World!"


def test_default_profile_is_apigateway() -> None:
    template = Template("[$nope]")
    assert template.profile == "apigateway"
    assert template.render({}) == "[]"


def test_name_defaults_and_is_kept() -> None:
    assert Template("x", name="a.vm").name == "a.vm"


def test_unknown_profile_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown profile"):
        Template("x", profile="nope")


def test_render_never_mutates_the_callers_mapping() -> None:
    variables = {"x": "old"}
    Template('#set($x = "new")#set($y = 1)#foreach($i in [1])#end$x').render(variables)
    assert variables == {"x": "old"}


def test_values_are_shared_as_in_velocity() -> None:
    variables = {"m": {}}
    Template('#set($d = $m.put("k", 1))').render(variables)
    assert variables == {"m": {"k": 1}}


def test_renders_do_not_share_scope() -> None:
    template = Template('[$x]#set($x = "set")', profile="velocity")
    assert template.render({}) == "[$x]"
    assert template.render({}) == "[$x]"


def test_template_is_immutable() -> None:
    template = Template("x")
    with pytest.raises(AttributeError):
        template.name = "other"  # type: ignore[misc]


def test_python_source_is_exposed() -> None:
    source = Template("Hello $name", profile="velocity").python_source
    assert "def root(ctx, _append" in source
    assert "_append('Hello ')" in source
    compile(source, "<test>", "exec")


def test_concurrent_renders() -> None:
    template = Template(
        "#foreach($i in $items)#set($last = $i)$foreach.count:$i#if($foreach.hasNext),#end#end|$last"
    )
    results: dict[int, str] = {}

    def work(k: int) -> None:
        for _ in range(200):
            results[k] = template.render({"items": list(range(k, k + 5))})

    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for k, text in results.items():
        assert text == ",".join(f"{c + 1}:{k + c}" for c in range(5)) + f"|{k + 4}"


def test_render_with_origins_maps_output_to_template_lines() -> None:
    template = Template('{\n  "a": $a,\n#if(true)\n  "b": "$b"\n#end\n}', profile="velocity")
    text, origins = template.render_with_origins({"a": 1, "b": "x"})
    assert text == '{\n  "a": 1,\n  "b": "x"\n}'

    def line_at(offset: int) -> int:
        return [line for start, line in origins if start <= offset][-1]

    assert line_at(text.index("1")) == 2
    assert line_at(text.index('"b"')) == 4
    assert line_at(text.index("x")) == 4
    assert line_at(text.rindex("}")) == 6
    assert origins == sorted(origins)

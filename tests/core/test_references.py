"""Reference evaluation and output (velocity-1.7 #1-#8, #11, #17, #19; apigateway §1)."""

from __future__ import annotations

from spec_context import render


def test_plain_and_formal_references_print_their_value() -> None:  # 1
    assert render("Hello $name! ${name}x") == "Hello World! Worldx"


def test_null_references_print_their_literal() -> None:  # 3
    assert render("[$nope] [${nope}] [$nope.x] [$map.nope] [$nul]") == (
        "[$nope] [${nope}] [$nope.x] [$map.nope] [$nul]"
    )


def test_null_method_results_print_the_literal_with_arguments() -> None:  # 3
    assert render('$s.substring() $map.get("zz") $name.nope') == (
        '$s.substring() $map.get("zz") $name.nope'
    )


def test_quiet_references_print_nothing_when_null() -> None:  # 4
    assert render("[$!nope] [$!{nope}] [$!name] [$!map.nope] [$!nul]") == "[] [] [World] [] []"


def test_extra_dollar_or_hash_before_a_reference() -> None:  # 6
    assert render("$$name #$name a#$name $$nope") == "$World #World a#World $$nope"


def test_escaped_defined_reference_prints_its_literal() -> None:  # 11
    assert render("\\$name|\\\\$name|\\\\\\$name|\\\\\\\\$name") == "$name|\\World|\\$name|\\\\World"


def test_escaped_undefined_reference_keeps_backslashes() -> None:  # 11
    assert render("\\$nope|\\\\$nope|\\\\\\$nope|\\\\\\\\$nope") == (
        "\\$nope|\\\\$nope|\\\\$nope|\\\\\\\\$nope"
    )


def test_escaped_quiet_and_formal_references() -> None:  # 11
    assert render("\\$!name \\$!nope \\${name} \\${nope} \\$name.length()") == (
        "$!name \\$!nope ${name} \\${nope} $name.length()"
    )


def test_void_method_prints_nothing_null_method_prints_literal() -> None:  # 17
    assert render('#set($l = [1])[$l.clear()] [$map.get("zz")] [$!map.get("zz")]') == (
        '[] [$map.get("zz")] []'
    )


def test_index_notation() -> None:  # 19
    assert render('$list[0] $list[-1] $slist[2] $map["b"] $map.c[1] ${list[1]} [$map[0]] [$s[0]]') == (
        "1 3 c two 2 2 [$map[0]] [$s[0]]"
    )


def test_properties_of_maps_and_beans() -> None:  # 13
    assert render("$name.empty $empty.empty $name.class.name $map.a $map.b") == (
        "false true java.lang.String 1 two"
    )


def test_map_keys_shadow_bean_properties() -> None:  # 14
    assert render("[$map.size] [$map.size()] [$emap.empty] [$emap.isEmpty()]") == (
        "[$map.size] [3] [$emap.empty] [true]"
    )


def test_getter_beats_map_key() -> None:  # 14
    assert render('#set($m = {"size": "XL", "class": "c"})$m.size $m.size() $m.class') == (
        "XL 2 class java.util.LinkedHashMap"
    )


def test_chained_method_calls() -> None:  # 15
    assert render("$name.substring(1,3) $s.toLowerCase().replace(\"world\", \"there\") $s.indexOf('W')") == (
        "or hello, there 7"
    )


# --------------------------------------------------------------------------- apigateway §1


def test_apigateway_undefined_reference_prints_empty() -> None:
    assert render("Hello $nope", "apigateway") == "Hello "


def test_apigateway_missing_key_and_property_of_string_print_empty() -> None:
    assert render("[$map.zz][$name.x][$nul][$s.substring()]", "apigateway") == "[][][][]"


def test_apigateway_escaped_undefined_reference_is_its_literal() -> None:
    # An unset variable reads as "" (a value): the escaped reference prints its literal, no backslash.
    assert render("\\$nope", "apigateway") == "$nope"

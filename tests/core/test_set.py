"""#set (velocity-1.7 #33-#36, #95; apigateway §1)."""

from __future__ import annotations

from spec_context import render


def test_null_right_hand_side_leaves_target_unchanged() -> None:  # 33
    template = '#set($x = "old")#set($x = $nope)#set($y = $map.zz)#set($z = 1 / 0)$x [$y] [$z]'
    assert render(template) == "old [$y] [$z]"


def test_empty_string_is_assigned() -> None:  # 33
    assert render('#set($x = "old")#set($x = "")[$x]') == "[]"


def test_setting_map_entries_list_elements_and_nested_properties() -> None:  # 34
    template = (
        '#set($m = {"in": {}})#set($m.k = "v")#set($m["k2"] = 2)#set($m.in.x = 1)'
        '#set($l = [1,2,3])#set($l[1] = "x")$m $l'
    )
    assert render(template) == "{in={x=1}, k=v, k2=2} [1, x, 3]"


def test_intermediate_null_makes_set_a_no_op() -> None:  # 34
    assert render('#set($m = {})#set($m.a.b = 1)#set($s.foo = 1)$m [$s.foo]') == "{} [$s.foo]"


def test_assignment_shares_objects() -> None:  # 35
    assert render('#set($m = {})#set($a = $m)#set($d = $a.put("k", 1))$m') == "{k=1}"


def test_formal_target_does_not_assign() -> None:  # 36
    assert render("#set(${x} = 1)[$x]") == "[$x]"


def test_set_skipped_when_put_returns_null() -> None:  # 95
    template = (
        '#set($m = {})$m.put("a", 1)|$m.put("a", 2)|$!m.put("b", 3)|'
        '#set($dummy = $m.put("c", 4))$m [$dummy]'
    )
    assert render(template) == '$m.put("a", 1)|1||{a=2, b=3, c=4} [$dummy]'


def test_apigateway_undefined_right_hand_side_assigns_empty_string() -> None:
    assert render('#set($x = "old")#set($x = $nope)[$x]', "apigateway") == "[]"


def test_apigateway_undefined_key_interpolates_as_empty() -> None:
    # apigateway.md §1: `#set($d["$key"] = "foo")` with $key unset gives {=foo}.
    assert render('#set($d = {})#set($d["$key"] = "foo")$d', "apigateway") == "{=foo}"

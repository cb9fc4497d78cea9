"""#if, truthiness and operators (velocity-1.7 #38-#43, #50; apigateway §1)."""

from __future__ import annotations

from spec_context import render


def test_truthiness_of_references() -> None:  # 38
    template = (
        "#if($nope)T#{else}F#end #if($nul)T#{else}F#end #if($f)T#{else}F#end "
        "#if($empty)T#{else}F#end #if($zero)T#{else}F#end #if($elist)T#{else}F#end "
        "#if($emap)T#{else}F#end #if($map.zz)T#{else}F#end"
    )
    assert render(template) == "F F F T T T T F"


def test_non_boolean_literals_are_false() -> None:  # 39
    template = (
        '#if("abc")T#{else}F#end #if(1)T#{else}F#end #if([1])T#{else}F#end '
        '#if(!"abc")T#{else}F#end|#set($x = "abc")#if($x)T#{else}F#end'
    )
    assert render(template) == "F F F T|T"


def test_precedence() -> None:  # 40
    template = (
        "#if($flag || $f && $f)T#{else}F#end #if(($flag || $f) && $f)T#{else}F#end "
        "#if(!$f && $flag)T#{else}F#end #if($n gt 4 and not $f)T#{else}F#end"
    )
    assert render(template) == "T F T T"


def test_not_binds_tighter_than_equals() -> None:  # 40
    assert render("#if(!$n == 5)T#{else}F#end") == "F"


def test_and_or_short_circuit() -> None:  # 41
    template = (
        "#if($f && $s.substring(99))T#{else}F#end #if($flag || $s.substring(99))T#{else}F#end|"
        "#set($x = $empty && $n)$x|#set($y = !$nope)$y"
    )
    assert render(template) == "F T|true|true"


def test_equality() -> None:  # 42
    template = (
        '#if($n == "5")T#{else}F#end #if(5 == 5.0)T#{else}F#end #if($flag == "true")T#{else}F#end '
        '#if($list == "[1, 2, 3]")T#{else}F#end #if($nope == $null)T#{else}F#end '
        '#if($nope == "")T#{else}F#end #if($nope != "")T#{else}F#end'
    )
    assert render(template) == "T T T T T F T"


def test_relational_operators_only_on_numbers() -> None:  # 43
    template = (
        '#if($n < 6)T#{else}F#end #if($big > $n)T#{else}F#end #if("a" < "b")T#{else}F#end '
        "#if($num_s < 6)T#{else}F#end #if($nope < 5)T#{else}F#end #if($nope >= 5)T#{else}F#end"
    )
    assert render(template) == "T T F F F F"


def test_elseif_chain() -> None:  # 44
    assert render('#if($nope)A#elseif($map.b == "two")B#{else}C#end') == "B"


def test_plus_concatenates_with_null_literal() -> None:  # 50
    template = (
        '#set($a = "a" + 1)#set($b = 1 + "a")#set($c = $num_s + 1)#set($e = $nope + "x")'
        '#set($g = $list + "a")#set($h = $nope + 1)#set($i = $list + 1)$a $b $c $e $g [$h] [$i]'
    )
    assert render(template) == "a1 1a 51 $nopex [1, 2, 3]a [$h] [$i]"


def test_apigateway_undefined_reference_is_true() -> None:
    assert render("#if($nope)T#{else}F#end #if(!$nope)T#{else}F#end", "apigateway") == "T F"


def test_apigateway_undefined_equals_empty_and_null() -> None:
    assert render('#if($nope == "")T#end #if($nope == $null)T#end', "apigateway") == "T T"


def test_apigateway_undefined_plus_number_concatenates() -> None:
    assert render("#set($x = $nope + 1)$x", "apigateway") == "1"

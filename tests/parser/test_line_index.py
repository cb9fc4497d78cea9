"""LineIndex.position answers in any order of offsets (it keeps the line of the last
offset asked for, to skip the search when the next is on the same line: issue 14's
compile time). Expected lines and columns are counted by hand from Velocity's rule
(JavaCC's character stream: lines end at \\n, \\r\\n or a lone \\r; columns from 1)."""

from __future__ import annotations

from vtl.lexer import LineIndex

TEXT = "ab\ncd\r\nef\rgh"
#        offsets: a0 b1 \n2 | c3 d4 \r5 \n6 | e7 f8 \r9 | g10 h11

HAND = {0: (1, 1), 1: (1, 2), 2: (1, 3), 3: (2, 1), 4: (2, 2), 5: (2, 3), 6: (2, 4),
        7: (3, 1), 8: (3, 2), 9: (3, 3), 10: (4, 1), 11: (4, 2)}


def test_positions_in_order_backwards_and_jumping() -> None:
    orders = [sorted(HAND), sorted(HAND, reverse=True), [11, 0, 6, 7, 3, 10, 2, 9, 4, 1, 8, 5, 11, 11, 0, 0]]
    for order in orders:
        index = LineIndex(TEXT)  # a fresh one: the remembered line starts at line 1
        assert [index.position(o) for o in order] == [HAND[o] for o in order], order


def test_the_first_offset_of_a_line_after_the_last_of_the_line_before() -> None:
    index = LineIndex(TEXT)
    assert index.position(2) == (1, 3)  # the "\n" ending line 1
    assert index.position(3) == (2, 1)  # the next offset starts line 2
    assert index.position(9) == (3, 3)
    assert index.position(10) == (4, 1)
    assert index.position(2) == (1, 3)


def test_the_end_of_the_text_is_on_the_last_line() -> None:
    index = LineIndex("a\nbc")
    assert index.position(0) == (1, 1)
    assert index.position(4) == (2, 3)  # the end offset, one past "c" (an error at the end)
    assert index.position(1) == (1, 2)

"""runtime.loop_items: the one helper every ``#foreach`` walks through (issue 14).

It must make the checks the loop counters written into each loop made: the profile's
iteration limit (fail when element ``limit + 1`` is asked for, after ``limit`` bodies ran),
the render's limit checks before elements 16, 32, … and one tick at loop entry.
"""

from __future__ import annotations

import pytest

from vtl import runtime
from vtl.java.iterators import ListIterator


class Walk:
    """A loop over loop_items recording its elements and when the checks were made."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.walked: list[int] = []
        self.checks: list[int] = []  # elements walked before each check; -1 for the tick
        monkeypatch.setattr(runtime, "check_now", lambda: self.checks.append(len(self.walked)))
        monkeypatch.setattr(runtime, "tick", lambda: self.checks.append(-1))

    def __call__(self, values, limit):
        for item in runtime.loop_items(values, limit, "t:1:1"):
            self.walked.append(item)
        return self.walked


@pytest.mark.parametrize("make", [list, tuple, lambda r: r, lambda r: ListIterator(list(r))],
                         ids=["list", "tuple", "range", "live-iterator"])
@pytest.mark.parametrize("size", [0, 1, 15, 16, 17, 33, 1000])
def test_every_element_once_in_order_with_checks_every_16(monkeypatch, make, size):
    walk = Walk(monkeypatch)
    assert walk(make(range(size)), 1000) == list(range(size))
    # a tick at entry, then a check before element 16, 32, … (15, 31, … walked before it)
    assert walk.checks == [-1] + [k - 1 for k in range(16, size + 1, 16)]


@pytest.mark.parametrize("make", [list, tuple, lambda r: r, lambda r: iter(list(r))],
                         ids=["list", "tuple", "range", "iterator"])
def test_the_limit_fails_on_asking_for_one_more(monkeypatch, make):
    walk = Walk(monkeypatch)
    with pytest.raises(runtime.RenderFault, match="maximum of 20 iterations"):
        walk(make(range(21)), 20)
    assert walk.walked == list(range(20))  # all 20 bodies ran first
    assert Walk(monkeypatch)(make(range(20)), 20) == list(range(20))


def test_a_short_sequence_over_a_small_limit_still_fails(monkeypatch):
    walk = Walk(monkeypatch)
    with pytest.raises(runtime.RenderFault):
        walk([1, 2, 3], 2)
    assert walk.walked == [1, 2]


def test_no_limit_walks_everything(monkeypatch):
    assert Walk(monkeypatch)(range(5000), None) == list(range(5000))


@pytest.mark.parametrize("make", [list, tuple, lambda r: r], ids=["list", "tuple", "range"])
@pytest.mark.parametrize("size", [0, 1, 2, 17])
def test_counted_sequences_have_next_until_the_last(make, size):
    walked = list(runtime.loop_counted(make(range(size)), False, 1000, "t:1:1"))
    assert walked == [(k + 1, k, k + 1 < size) for k in range(size)]


@pytest.mark.parametrize("live", [True, False])
def test_counted_iterators_ask_has_next_after_each_element(live):
    # live: what iterate() gives a loop whose body may change collections; not live: an
    # Iterator the template holds, which loop_values passes on as is
    walked = list(runtime.loop_counted(ListIterator(["a", "b"]), live, 1000, "t:1:1"))
    assert walked == [(1, "a", True), (2, "b", False)]


@pytest.mark.parametrize("make", [list, ListIterator], ids=["list", "iterator"])
def test_counted_loops_keep_the_limit(make):
    with pytest.raises(runtime.RenderFault, match="maximum of 3 iterations"):
        list(runtime.loop_counted(make(list(range(4))), False, 3, "t:1:1"))
    assert len(list(runtime.loop_counted(make(list(range(3))), False, 3, "t:1:1"))) == 3

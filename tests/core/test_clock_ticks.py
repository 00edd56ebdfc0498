"""``HybridClock.tick`` formats the milliseconds once per new millisecond (issue 12): the
stamps it issues are those of the plain rule, checked against it on random wall clocks."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotator.clock import MAX_COUNTER, MAX_MS, ClockError, HybridClock, format_stamp, parse


def reference(last: tuple[int, int], wall: int) -> tuple[int, int]:
    ms, counter = last
    now = min(wall, MAX_MS)
    if now > ms:
        return now, 0
    if counter < MAX_COUNTER:
        return ms, counter + 1
    if ms < MAX_MS:
        return ms + 1, 0
    raise ClockError("full")


walls = st.lists(
    st.one_of(
        st.integers(0, 5),
        st.integers(MAX_MS - 3, MAX_MS + 3),
        st.integers(1_700_000_000_000, 1_700_000_000_005),
    ),
    min_size=1,
    max_size=40,
)
starts = st.tuples(
    st.one_of(st.integers(0, 5), st.integers(MAX_MS - 2, MAX_MS), st.just(1_700_000_000_000)),
    st.one_of(st.integers(0, 3), st.integers(MAX_COUNTER - 2, MAX_COUNTER)),
)


@given(start=starts, times=walls)
def test_ticks_follow_the_plain_rule(start: tuple[int, int], times: list[int]) -> None:
    feed = iter(times)
    clock = HybridClock(format_stamp(*start), wall_ms=lambda: next(feed))
    state = start
    for wall in times:
        try:
            state = reference(state, wall)
        except ClockError:
            try:
                clock.tick()
            except ClockError:
                return
            raise AssertionError("the clock went past its last stamp") from None
        stamp = clock.tick()
        assert parse(stamp) == state and stamp == format_stamp(*state) == clock.last


def test_observe_moves_the_prefix() -> None:
    clock = HybridClock("1700000000000.000005", wall_ms=lambda: 1_700_000_000_000)
    assert clock.observe("1700000000002.000001")
    assert clock.tick() == "1700000000002.000002"

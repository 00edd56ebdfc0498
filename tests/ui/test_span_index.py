"""The view's span index given a layer as fields (``SpanIndex.replace_fields``: the window's
whole layer, each span made when a query first reaches it; issue 12) answers every query as
the index given the same spans as records does, before and after spans are added and removed:
order, intersections, the spans at a place, nesting levels. Qt-free."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ui.docview.spans import LayerFields, SpanIndex, ViewSpan


def _layer(ranges: list[tuple[int, int]]) -> list[ViewSpan]:
    """Spans in reading order (start, end, uuid), as the store gives a layer."""
    spans = [
        ViewSpan(f"u{k:03d}", a, a + n, "PER" if k % 2 else "GPE", "#ff0000", "amal")
        for k, (a, n) in enumerate(ranges)
    ]
    return sorted(spans, key=lambda s: (s.start, s.end, s.uuid))


def _same(one: SpanIndex, other: SpanIndex, probes: list[int]) -> None:
    assert one.all() == other.all()
    assert len(one) == len(other)
    for s in one.all():
        assert other.get(s.uuid) == s
        assert s.uuid in other
        assert one.level(s.uuid) == other.level(s.uuid)
    for p in probes:
        assert one.at(p) == other.at(p)
        assert one.intersecting(p, p + 7) == other.intersecting(p, p + 7)


ranges = st.lists(st.tuples(st.integers(0, 200), st.integers(1, 12)), max_size=40)


@settings(max_examples=150, deadline=None)
@given(
    ranges=ranges,
    added=ranges,
    removed=st.lists(st.integers(0, 60), max_size=10),
    probes=st.lists(st.integers(0, 215), min_size=1, max_size=12),
)
def test_an_index_of_fields_answers_as_an_index_of_spans(
    ranges: list[tuple[int, int]],
    added: list[tuple[int, int]],
    removed: list[int],
    probes: list[int],
) -> None:
    spans = _layer(ranges)
    made = SpanIndex(spans)
    lazy = SpanIndex()
    lazy.replace_fields(LayerFields.of(spans, "amal"))
    _same(made, lazy, probes)
    for k, (a, n) in enumerate(added):
        span = ViewSpan(f"n{k:03d}", a, a + n, "LOC", "#00ff00", "amal")
        made.add(span)
        lazy.add(span)
    for k in removed:
        uuid = f"u{k:03d}"
        assert made.remove(uuid) == lazy.remove(uuid)
    _same(made, lazy, probes)


def test_only_the_spans_a_query_reaches_are_made() -> None:
    spans = _layer([(10 * k, 3) for k in range(1000)])
    index = SpanIndex()
    index.replace_fields(LayerFields.of(spans, "amal"))
    assert index.intersecting(100, 130) == spans[10:13]
    made = [item for item in index._order if isinstance(item, ViewSpan)]
    assert made == spans[10:13]
    assert "u500" in index and index.get("u500") == next(s for s in spans if s.uuid == "u500")


def test_fields_out_of_order_are_sorted_as_spans_are() -> None:
    spans = _layer([(5, 4), (5, 9), (5, 2), (1, 3)])  # three share a start
    index = SpanIndex()
    index.replace_fields(LayerFields.of(spans, "amal"))
    assert index.all() == SpanIndex(spans).all()
    assert [s.end for s in index.all()] == [4, 14, 9, 7]


@given(st.lists(st.integers(min_value=0, max_value=60), max_size=60))
def test_running_max_is_the_accumulated_maximum(values: list[int]) -> None:
    import itertools

    from ui.docview.spans import running_max

    assert running_max(values) == list(itertools.accumulate(values, max))

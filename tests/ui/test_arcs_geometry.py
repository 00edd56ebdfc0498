"""Arc routing (ui.docview.arcs_geometry.route): between the two spans, label at the middle,
the same relative route after a zoom or a rewrap, no vertical through a label tag."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ui.docview.arcs_geometry import Box, clear_x, polyline_hits, route

xs = st.floats(0, 1200, allow_nan=False)


def test_same_line_arc_stays_between_its_spans_with_the_label_in_the_middle() -> None:
    way = route((600.0, 101.0), (200.0, 101.0), 94.0, 94.0)
    assert way.points[0] == (600.0, 101.0) and way.points[-1] == (200.0, 101.0)
    assert all(200.0 <= x <= 600.0 for x, _ in way.points)
    assert way.label == (400.0, 94.0)


@given(xs, xs)
def test_an_arc_between_lines_never_leaves_the_span_range(sx: float, tx: float) -> None:
    way = route((sx, 51.0), (tx, 151.0), 44.0, 144.0)
    lo, hi = min(sx, tx), max(sx, tx)
    assert all(lo - 1e-9 <= x <= hi + 1e-9 for x, _ in way.points)  # no margin
    assert way.points[0] == (sx, 51.0) and way.points[-1] == (tx, 151.0)
    label_x, label_y = way.label
    assert lo - 1e-9 <= label_x <= hi + 1e-9 and label_y in (44.0, 144.0)


@given(xs, xs, st.floats(0.5, 3.0), st.floats(-300, 300))
def test_zoom_and_rewrap_keep_the_relative_route(sx: float, tx: float, k: float, dx: float) -> None:
    """Scaling and shifting the span positions (a zoom, another width) scales the route: the
    vertical stays at the same fraction between the spans, on the same side."""
    a = route((sx, 51.0), (tx, 151.0), 44.0, 144.0)
    b = route((sx * k + dx, 51.0 * k), (tx * k + dx, 151.0 * k), 44.0 * k, 144.0 * k)
    assert len(a.points) == len(b.points)
    for (x0, y0), (x1, y1) in zip(a.points, b.points, strict=True):
        assert abs(x0 * k + dx - x1) < 1e-6 and abs(y0 * k - y1) < 1e-6
    assert abs(a.label[0] * k + dx - b.label[0]) < 1e-6


def test_the_vertical_steps_around_a_tag_it_would_cross() -> None:
    tag: Box = (380.0, 90.0, 430.0, 102.0)  # a tag of the line in between, at the midpoint
    way = route((200.0, 51.0), (600.0, 151.0), 44.0, 144.0, [tag])
    assert not polyline_hits(way.points, tag)
    vx = way.points[2][0]
    assert 200.0 < vx < 600.0 and (vx < 380.0 or vx > 430.0)


@given(st.lists(st.tuples(xs, st.floats(40, 150), st.floats(5, 80)), max_size=8), xs, xs)
def test_clear_x_finds_a_vertical_off_every_tag(
    tags: list[tuple[float, float, float]], sx: float, tx: float
) -> None:
    boxes: list[Box] = [(x, y, x + w, y + 12) for x, y, w in tags]
    x = clear_x((sx + tx) / 2, 44.0, 144.0, boxes)
    crossing = [b for b in boxes if b[0] - 2 < x < b[2] + 2 and b[1] < 144.0 and b[3] > 44.0]
    assert not crossing or x == (sx + tx) / 2  # only when no free x exists at all


# -- the bisecting clear_x against the plain scan it replaced -----------------------------


def _crosses(x: float, y0: float, y1: float, box: Box, pad: float) -> bool:
    lo, hi = min(y0, y1), max(y0, y1)
    return box[0] - pad < x < box[2] + pad and lo < box[3] and hi > box[1]


def plain_clear_x(x: float, y0: float, y1: float, boxes: list[Box], pad: float = 2.0) -> float:
    if not any(_crosses(x, y0, y1, b, pad) for b in boxes):
        return x
    candidates = sorted(
        {
            e
            for b in boxes
            if b[1] < max(y0, y1) and b[3] > min(y0, y1)
            for e in (b[0] - pad - 0.5, b[2] + pad + 0.5)
        },
        key=lambda c: abs(c - x),
    )
    for c in candidates:
        if not any(_crosses(c, y0, y1, b, pad) for b in boxes):
            return c
    return x


# whole pixels and a few widths, so edges often touch exactly (the cases merging must keep)
pixels = st.integers(0, 400).map(float)
tag_lists = st.lists(
    st.tuples(pixels, st.integers(30, 60).map(float), st.integers(5, 40).map(float)), max_size=30
)


@given(tag_lists, pixels, st.integers(30, 60).map(float))
def test_clear_x_is_the_plain_scan(
    tags: list[tuple[float, float, float]], x: float, y0: float
) -> None:
    boxes: list[Box] = [(bx, by, bx + w, by + 12) for bx, by, w in tags]
    assert clear_x(x, y0, y0 + 20, boxes) == plain_clear_x(x, y0, y0 + 20, boxes)

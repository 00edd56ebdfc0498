"""Arc labels keep off one another (ui.docview.arcs_geometry.resolve_labels, run by
ui.docview.arcs.ArcOverlay over a viewport's arcs). QA: lanes are 6 px apart and a label some
12 px tall, and each label was slid along its lane off the span tags only, so the labels of
nested arcs covered one another ("Entity" over "Place"), most on a headline where events pile
up. Now every label is placed with its neighbours: none overlaps another, each stays on one of
its own arc's lane runs (its middle within the run, the lane passing through it), and a press
on its middle takes its arc.

The case: the seed article, an event on the first line with six arguments and two relations,
another event on a line further down with five arguments (one on the next line)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QRectF

from tests.ui.test_arc_margin_route import path_points
from ui.docview.arcs import ArcOverlay, ArcShape, Link
from ui.docview.arcs_geometry import (
    LABEL_GAP,
    Box,
    LabelSpot,
    Run,
    label_groups,
    label_rows,
    resolve_labels,
)
from ui.docview.view import DocumentView, ViewSpan

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

SHOTS = Path("/tmp/arc_labels")

FIRST_EVENT = ("ويشارك", "الاجتماع،", "مقر", "وزارة", "الدفاع", "بباريس؛", "وزراء")
FIRST_ROLES = ("Entity", "Place", "Place", "Entity", "Place", "Participant")
LATER_EVENT = ("يناقش", "وزراء الدفاع", "المشاركون", "خطة", "الغارات،", "ومحدودة")
LATER_ROLES = ("Agent", "Participant", "Topic", "Instrument", "Manner")


def spans_and_links(text: str) -> tuple[list[ViewSpan], list[Link]]:
    spans: list[ViewSpan] = []
    links: list[Link] = []
    at = 0
    for name, words, roles, color in (
        ("e1", FIRST_EVENT, FIRST_ROLES, "#D55E00"),
        ("e2", LATER_EVENT, LATER_ROLES, "#CC79A7"),
    ):
        uuids = []
        for k, w in enumerate(words):
            start = text.index(w, at if k == 0 else 0)
            if k == 0:
                at = start
            uuid = f"{name}.s{k}"
            label = "Contact.Meet" if k == 0 else "GPE"
            spans.append(ViewSpan(uuid, start, start + len(w), label, color))
            uuids.append(uuid)
        for k, role in enumerate(roles, start=1):
            links.append(Link(f"{name}.a{k}", uuids[0], uuids[k], role, name, color))
    links += [
        Link("r1", "e1.s6", "e1.s5", "PHYS", color="#0072B2", relation=True),
        Link("r2", "e1.s2", "e1.s3", "PART-WHOLE", color="#0072B2", relation=True),
    ]
    return spans, links


def lane_runs(shape: ArcShape) -> list[tuple[float, float, float]]:
    """The horizontal stretches of an arc's path: (x from, x to, y)."""
    return [
        (min(x0, x1), max(x0, x1), y0)
        for (x0, y0), (x1, y1) in itertools.pairwise(path_points(shape))
        if y0 == y1
    ]


def on_its_run(shape: ArcShape) -> bool:
    """The rule: the label's middle is within one of its arc's lane runs and that lane passes
    through the label (it may sit up to 4 px off the lane's middle)."""
    r = shape.label_rect
    cx = r.center().x()
    return any(
        x0 - 0.5 <= cx <= x1 + 0.5 and r.top() < y < r.bottom() for x0, x1, y in lane_runs(shape)
    )


def problems(view: DocumentView, overlay: ArcOverlay) -> list[str]:
    shapes = [s for s in overlay.shapes() if not s.label_rect.isEmpty()]
    out = []
    for a, b in itertools.combinations(shapes, 2):
        if a.label_rect.intersects(b.label_rect):
            out.append(f"{a.link.uuid} {a.link.label} over {b.link.uuid} {b.link.label}")
    tags = []
    for point, pixmap in view.visible_tags():
        ratio = pixmap.devicePixelRatio() or 1.0
        tags.append(QRectF(point.x(), point.y(), pixmap.width() / ratio, pixmap.height() / ratio))
    for shape in shapes:
        name = f"{shape.link.uuid} {shape.link.label}"
        if not on_its_run(shape):
            out.append(f"{name} off its arc's lane run")
        if overlay.arc_at(shape.label_rect.center()) != shape.link.uuid:
            out.append(f"{name}: a press on its middle takes another arc")
        if any(shape.label_rect.intersects(t) for t in tags):
            out.append(f"{name} over a tag")
    return out


@pytest.mark.parametrize("selected", ["", "e1.s0", "e2.s0"])
def test_arc_labels_keep_off_one_another_on_their_own_runs(
    view: DocumentView, seed_text: str, selected: str
) -> None:
    view.set_text(seed_text)
    spans, links = spans_and_links(seed_text)
    view.set_spans(spans)
    overlay = ArcOverlay(view)
    overlay.set_links(links, {s.uuid: (s.start, s.end) for s in spans})
    view.set_selected(selected or None)
    view.viewport().repaint()
    view.top_band().repaint()
    anchors = overlay.anchors()
    assert (anchors["e1.s0"].block, anchors["e1.s0"].line) == (0, 0)
    assert anchors["e2.s0"].block == 2
    shapes = overlay.shapes()
    assert len(shapes) == len(links)
    SHOTS.mkdir(parents=True, exist_ok=True)
    view.grab().save(str(SHOTS / f"labels{'_' + selected if selected else ''}.png"))
    assert problems(view, overlay) == []

    # scrolled by a line and back: the routes come from the cache, moved; labels still apart
    bar = view.verticalScrollBar()
    bar.setValue(1)
    view.viewport().repaint()
    assert problems(view, overlay) == []
    bar.setValue(0)
    view.viewport().repaint()
    assert problems(view, overlay) == []


# -- resolve_labels on its own ---------------------------------------------------------------

H = 11.6


def spot(x0: float, x1: float, lane: int, width: float = 36.0, top: float = 100.0) -> LabelSpot:
    """A label on lane ``lane`` of a line whose top is at ``top`` (lanes 6 px apart)."""
    lane0 = top - 1
    run = Run(x0, x1, lane0 - 6 * lane, lane0 - 30 - H / 2, lane0 + H / 2)
    return LabelSpot(width, H, (run,), (), 1)


def overlapping(boxes: list[Box]) -> list[tuple[int, int]]:
    return [
        (i, j)
        for (i, a), (j, b) in itertools.combinations(enumerate(boxes), 2)
        if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
    ]


def test_labels_of_adjacent_lanes_part_up_and_down_on_their_runs() -> None:
    """The QA case: "Entity" on one lane, "Place" on the next, their runs' middles 27 px
    apart: the boxes overlapped. Now the one placed second moves up or down off its lane's
    middle, the lane still through it, or along its run."""
    spots = [spot(400.0, 560.0, 3, 35.0), spot(420.0, 595.0, 2, 32.5)]
    boxes = resolve_labels(spots, (1.0, 799.0))
    assert overlapping(boxes) == []
    for s, b in zip(spots, boxes, strict=True):
        (run,) = s.runs
        assert run.x0 <= (b[0] + b[2]) / 2 <= run.x1 and b[1] < run.y < b[3]


def test_a_run_too_short_for_its_labels_puts_one_beside_it_on_its_lane() -> None:
    """Three nested arcs over a 30 px run, their labels 60 px wide, on lanes 0, 1 and 2: only
    two fit over the run (lanes 0 and 2 are 12 px apart, a label 11.6 tall); the third goes
    to the nearest free place along its lane, beside the others, not over them."""
    spots = [spot(100.0, 130.0, k, 60.0) for k in range(3)]
    boxes = resolve_labels(spots, (1.0, 799.0))
    assert overlapping(boxes) == []
    over = [b for b in boxes if b[0] < 130.0 and b[2] > 100.0]
    assert len(over) == 2
    (beside,) = [b for b in boxes if b not in over]
    assert beside[0] >= 100.0 - 60.0 - 20.0 and beside[2] <= 130.0 + 60.0 + 20.0
    assert beside[1] < spots[1].runs[0].y < beside[3]  # on lane 1


def test_a_full_lane_row_is_not_an_error() -> None:
    """More labels than a row holds: every one is placed; the later ones may overlap."""
    spots = [spot(0.0, 200.0, k % 6, 90.0) for k in range(40)]
    boxes = resolve_labels(spots, (1.0, 199.0))
    assert len(boxes) == 40 and all(b[2] > b[0] for b in boxes)


def test_groups_join_only_labels_that_can_meet() -> None:
    """Lines 50 px apart (the view's own pitch) are placed apart; lines 30 px apart, whose
    lanes' labels can meet, together."""
    lines = [spot(0.0, 100.0, 0, top=t) for t in (100.0, 200.0, 130.0, 250.0)]
    groups = label_groups([label_rows(s) for s in lines])
    assert sorted(groups) == [[0, 2], [1, 3]] or sorted(groups) == [[0, 2], [1], [3]]
    lines = [spot(0.0, 100.0, 0, top=t) for t in (100.0, 150.0, 200.0)]
    assert sorted(label_groups([label_rows(s) for s in lines])) == [[0], [1], [2]]


def test_a_press_on_labels_that_overlap_takes_the_one_drawn_on_top(
    view: DocumentView, monkeypatch: pytest.MonkeyPatch
) -> None:
    """QA: where a full lane leaves one label over another, a press on the label seen took
    the arc of the label under it (``arc_at`` asked labels in paint order, the first one
    under the point won; the last one painted is on top). Each tier (the selected event's
    labels are painted last) is asked from its top down."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QPainterPath

    import ui.docview.arcs as arcs

    def shape(uuid: str, x: float, emphasised: bool = False) -> ArcShape:
        link = Link(uuid, "s", "t", uuid, "e", "#000000")
        rect = QRectF(x, 100.0, 60.0, 12.0)
        return ArcShape(link, QPointF(0, 0), QPointF(0, 0), QPainterPath(), rect, emphasised)

    overlay = ArcOverlay(view)
    under, over = shape("under", 100.0), shape("over", 130.0)
    drawn = arcs._Drawn([under, over])
    monkeypatch.setattr(overlay, "_layout", lambda: drawn)
    both = QPointF(140.0, 106.0)
    assert overlay.arc_at(both) == "over"  # painted last: seen
    assert overlay.arc_at(QPointF(110.0, 106.0)) == "under"  # only its own part is visible
    selected = shape("selected", 100.0, emphasised=True)  # its tier is painted after
    drawn.shapes = [selected, under, over]
    assert overlay.arc_at(both) == "selected"


def case0_spots() -> list[LabelSpot]:
    """QA case0 (the seed article, 800 px, stress.py's 55 random arcs, seed 0): a line's
    lanes at 123, 129, 135 and 153 (a label may reach 117.2 to 158.8), the label tags near
    them avoided. Two 229 px relation labels (lanes 123 and 135) and five short ones."""
    tags = ((636.359375, 88.325, 667.359375, 104.325), (430.34375, 138.325, 461.34375, 154.325))
    far = (*tags, (745.734375, 138.325, 776.734375, 154.325))

    def at(x0: float, x1: float, y: float, width: float, avoid: tuple[Box, ...]) -> LabelSpot:
        return LabelSpot(width, 11.625, (Run(x0, x1, y, 117.1875, 158.8125),), avoid, 1)

    return [
        at(517.3046875, 590.3125, 153.0, 42.609375, tags),
        at(2.0, 747.6484375, 123.0, 60.921875, far),
        at(2.0, 747.6484375, 123.0, 229.046875, far),
        at(2.0, 747.6484375, 123.0, 60.921875, far),
        at(2.0, 687.515625, 135.0, 229.046875, far),
        at(2.0, 687.515625, 129.0, 35.125, far),
        at(2.0, 687.515625, 123.0, 65.359375, far),
    ]


def test_labels_placed_in_a_greedy_order_that_runs_out_of_room_are_placed_again() -> None:
    """QA case0: the seven labels of a line were placed one at a time, the shortest run
    first, and the two long relation labels ended over each other and over "Time-Within"
    though some input orders placed all seven apart. Now the widest labels for their run go
    first, a label with no free place moves the ones in its way along their own runs, and a
    group that still covers is placed again in other orders: none overlaps, in any input
    order, each on its own run off the tags."""
    spots = case0_spots()
    for order in itertools.islice(itertools.permutations(range(len(spots))), 0, None, 37):
        shuffled = [spots[i] for i in order]
        boxes = resolve_labels(shuffled, (1.0, 783.0))
        assert overlapping(boxes) == [], order
        for s, b in zip(shuffled, boxes, strict=True):
            (run,) = s.runs
            assert run.x0 <= (b[0] + b[2]) / 2 <= run.x1 and b[1] < run.y < b[3]
            assert not any(
                a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3] for a in s.avoid
            )


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    start=st.floats(0.0, 300.0),
    extra=st.floats(0.0, 200.0),
    widths=st.lists(st.floats(8.0, 150.0), min_size=1, max_size=9),
)
def test_labels_that_fit_their_shared_run_never_overlap(
    start: float, extra: float, widths: list[float]
) -> None:
    """Labels on one lane sharing a run, the view no wider than the run, their widths (and
    the gaps between) no more than the run's length: side by side they fit, so none may be
    drawn over another (the greedy centred the first and ran out of room either side)."""
    length = sum(widths) + LABEL_GAP * len(widths) + max(widths) + extra
    run = Run(start, start + length, 50.0, 50.0 - H / 2, 50.0 + H / 2)
    spots = [LabelSpot(w, H, (run,), (), 1) for w in widths]
    boxes = resolve_labels(spots, (start, start + length))
    assert overlapping(boxes) == []
    assert all(start - 0.01 <= b[0] and b[2] <= start + length + 0.01 for b in boxes)

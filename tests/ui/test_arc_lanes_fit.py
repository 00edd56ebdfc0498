"""A line's arc lanes fit the gap above it (ui.docview.arcs_geometry.lane_ys, used by
ui.docview.arcs.ArcOverlay), and the selected event's outlines leave the other arcs' labels
readable.

QA: lanes were 6 px apart whatever the room; on every line but the top one they run in the gap
under the previous line, some 17.7 px at the default size (the font's patched line gap,
ui.docview.fonts.LINE_GAP_EM), so from the fourth lane up (line top - 19 px and higher) an arc,
and its label, was drawn over the bottom of the previous line's text. Now the lanes of a line
squeeze to the gap the layout gives it, at every zoom, and the labels keep within it too.

QA: the selected event's dashed argument outlines, painted over everything, crossed the labels
of the other arcs; they now stop at those labels."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QRect, QRectF
from PySide6.QtGui import QImage

from annotator.text import OffsetMap
from tests.ui.test_arc_margin_route import path_points, text_lines
from ui.docview.arcs import ArcOverlay, ArcShape, Link
from ui.docview.arcs_geometry import MIN_LANE_STEP, lane_ys
from ui.docview.view import DocumentView, ViewSpan

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

SHOTS = Path("/tmp/arc_lanes_fit")
LINES = [(2, 1), (1, 0)]
"""the lines the arcs are on (block, line), well below the top of the view: one under a line
of its own paragraph, one under the previous paragraph's last line"""


def line_words(view: DocumentView, text: str, key: tuple[int, int], n: int) -> list[ViewSpan]:
    """``n`` spans on distinct words (of 2 letters or more) of line ``key``, in text order."""
    document = view.document()
    block = document.findBlockByNumber(key[0])
    layout = block.layout()
    assert layout.lineCount() > key[1], "the line is not laid out (below the view)"
    line = layout.lineAt(key[1])
    offsets = OffsetMap(text)
    start = offsets.to_cp(block.position() + line.textStart())
    chunk = text[start : offsets.to_cp(block.position() + line.textStart() + line.textLength())]
    out: list[ViewSpan] = []
    at = start
    for word in chunk.split():
        at = text.index(word, at)
        if len(word) > 1 and len(out) < n:
            out.append(ViewSpan(f"w{len(out)}", at, at + len(word), "GPE", "#009E73"))
        at += len(word)
    assert len(out) == n, "the line has too few words"
    return out


def nested_links(spans: list[ViewSpan]) -> list[Link]:
    """An event on the first span with every other span as argument (nested: lane k for the
    k-th), and two relations over the whole line: 9 arcs, every lane up to the sixth."""
    links = [
        Link(f"a{k}", spans[0].uuid, s.uuid, f"Role{k}", "e1", "#D55E00")
        for k, s in enumerate(spans[1:], start=1)
    ]
    links += [
        Link("r1", spans[1].uuid, spans[-1].uuid, "PHYS", color="#0072B2", relation=True),
        Link("r2", spans[-1].uuid, spans[2].uuid, "PART-WHOLE", color="#0072B2", relation=True),
    ]
    return links


def shown(
    view: DocumentView, text: str, zoom: int, at: tuple[int, int]
) -> tuple[ArcOverlay, list[ArcShape]]:
    view.set_text(text)
    view.set_zoom(zoom)
    view.viewport().repaint()
    spans = line_words(view, text, at, 8)
    view.set_spans(spans)
    overlay = ArcOverlay(view)
    overlay.set_links(nested_links(spans), {s.uuid: (s.start, s.end) for s in spans})
    view.viewport().repaint()
    view.top_band().repaint()
    anchors = overlay.anchors()
    assert (anchors["w0"].block, anchors["w0"].line) == at
    assert anchors["w0"].top > 40  # not the line at the top of the view
    return overlay, overlay.shapes()


def pixels(view: DocumentView) -> np.ndarray:
    image = view.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    ratio = image.devicePixelRatio()
    assert ratio == 1.0
    buffer = np.frombuffer(image.constBits(), np.uint8)
    rows = buffer.reshape(image.height(), image.bytesPerLine() // 4, 4)
    return rows[:, : image.width(), :3].copy()  # the image's memory goes with it


@pytest.mark.parametrize("at", LINES)
@pytest.mark.parametrize("zoom", [14, 10, 20])
def test_lanes_of_a_lower_line_keep_off_the_line_above(
    view: DocumentView, seed_text: str, zoom: int, at: tuple[int, int]
) -> None:
    """Nine arcs on a lower line (lanes 0 to 5): no lane, arrow or label meets the text of
    another line, from the geometry (each lane at least a pixel under the line above's glyphs,
    for the 2 px pen of the selected arcs) and from the pixels (the view with and without arcs
    differs nowhere in another line's text), at the default zoom, a smaller and a larger one;
    the lanes stay apart (``MIN_LANE_STEP``) and their labels on them."""
    overlay, shapes = shown(view, seed_text, zoom, at)
    assert len(shapes) == 9
    lines = text_lines(view)
    own = lines[at]
    above = max((r for r in lines.values() if r.bottom() <= own.top()), key=QRectF.bottom)
    gap = own.top() - above.bottom()
    assert gap < 6 * 6  # the gap does not hold six lanes 6 px apart: they must squeeze
    lanes = sorted({y for s in shapes for (_, y) in path_points(s) if y < own.top()})
    assert len(lanes) >= 3
    assert min(lanes) >= above.bottom() + 1, (min(lanes), above.bottom())
    steps = [b - a for a, b in itertools.pairwise(lanes)]
    assert min(steps) >= MIN_LANE_STEP - 0.01, (lanes, own, above)
    for shape in shapes:
        rect = shape.label_rect
        assert not rect.isEmpty()
        ys = [y for (_, y) in path_points(shape)]
        assert rect.top() < min(ys) < rect.bottom()  # the label on its arc's lane
        for key, r in lines.items():
            if key == at:
                continue
            assert not rect.intersects(r), f"{shape.link.label} label over line {key}"
            grown = r.adjusted(0, -1, 0, 1)  # the pen: a pixel each side of the path
            for (x0, y0), (x1, y1) in itertools.pairwise(path_points(shape)):
                seg = QRectF(min(x0, x1), min(y0, y1), abs(x1 - x0) + 0.01, abs(y1 - y0) + 0.01)
                assert not seg.intersects(grown), f"{shape.link.label} over line {key}"
    # a press on the highest lane, where it is drawn (off the labels), takes an arc on it:
    # hit testing follows the squeezed lanes
    y = min(lanes)
    on_it = {s.link.uuid for s in shapes if any(abs(q - y) < 0.01 for _, q in path_points(s))}
    runs = [
        (min(p[0], q[0]), max(p[0], q[0]))
        for s in shapes
        for p, q in itertools.pairwise(path_points(s))
        if p[1] == q[1] and abs(p[1] - y) < 0.01
    ]
    labels = [s.label_rect for s in shapes]
    pressed = 0
    for x0, x1 in runs:
        for x in np.arange(x0 + 2, x1 - 2, 5.0):
            point = QPointF(float(x), y)
            if any(r.adjusted(-1, -1, 1, 1).contains(point) for r in labels):
                continue
            assert overlay.arc_at(point, tolerance=1.0) in on_it
            pressed += 1
    assert pressed

    with_arcs = pixels(view)
    SHOTS.mkdir(parents=True, exist_ok=True)
    view.grab().save(str(SHOTS / f"zoom{zoom}_{at[0]}_{at[1]}.png"))
    overlay.set_shown(False)
    view.viewport().repaint()
    without = pixels(view)
    changed = np.any(with_arcs != without, axis=2)
    assert changed.any()  # the arcs are drawn
    for key, r in lines.items():
        if key == at:
            continue
        box = r.toAlignedRect().intersected(QRect(0, 0, changed.shape[1], changed.shape[0]))
        inside = changed[box.top() : box.bottom() + 1, box.left() : box.right() + 1]
        assert not inside.any(), f"arc pixels in the text of line {key} at zoom {zoom}"


def test_lane_heights_squeeze_then_share_the_highest() -> None:
    """``lane_ys``: 6 px apart where the gap holds them; evenly closer where it does not; at
    ``MIN_LANE_STEP`` the lanes that do not fit share the highest, never above the ceiling."""
    assert lane_ys(100.0, 0.0, 6) == [99.0, 93.0, 87.0, 81.0, 75.0, 69.0]
    ys = lane_ys(100.0, 100.0 - 17.7, 6)
    assert ys[0] == 99.0 and min(ys) >= 100.0 - 17.7 + 1
    assert len(set(ys)) == 6
    ys = lane_ys(100.0, 100.0 - 9.0, 6)
    assert min(ys) >= 100.0 - 9.0 + 1
    assert ys[:3] == [99.0, 96.0, 93.0] and set(ys[3:]) == {ys[3]}
    assert lane_ys(100.0, 100.0, 3) == [99.0, 99.0, 99.0]  # no room: all on the lowest
    assert lane_ys(100.0, 0.0, 9) == lane_ys(100.0, 0.0, 6)  # six lanes at most
    assert lane_ys(-50.0, float("-inf"), 3) == [-51.0, -57.0, -63.0]  # no line above it


def test_the_selected_events_outlines_stop_at_other_arcs_labels(
    view: DocumentView, seed_text: str
) -> None:
    """An event on the line's first word whose argument lies under the middle of another
    event's lowest arc, that one's label over the argument's top: with the first event
    selected its dashed outline (dark grey) crossed the label; now no outline pixel lies in
    the label."""
    view.set_text(seed_text)
    view.viewport().repaint()
    w = line_words(view, seed_text, LINES[0], 6)
    view.set_spans(w)
    # the other event: w2 -> w4, its lowest-lane label over w3; the selected: w0 -> w3
    links = [
        Link("b1", "w2", "w4", "Destination", "e2", "#009E73"),
        Link("a1", "w0", "w3", "Place", "e1", "#D55E00"),
    ]
    overlay = ArcOverlay(view)
    overlay.set_links(links, {s.uuid: (s.start, s.end) for s in w})
    view.set_selected("w0")
    view.viewport().repaint()
    shapes = {s.link.uuid: s for s in overlay.shapes()}
    label = shapes["b1"].label_rect
    assert not shapes["b1"].emphasised and shapes["a1"].emphasised
    outline = overlay.anchors()["w3"].rect().adjusted(-2, -2, 2, 2)
    assert label.intersects(outline) and not label.contains(outline)  # the case
    image = pixels(view)
    SHOTS.mkdir(parents=True, exist_ok=True)
    view.grab().save(str(SHOTS / "outline_label.png"))
    box = label.adjusted(1, 1, -1, -1).toAlignedRect()
    inside = image[box.top() : box.bottom() + 1, box.left() : box.right() + 1].astype(int)
    dark = (inside < 60).all(axis=2)
    assert not dark.any(), "the selected event's outline is drawn over another arc's label"

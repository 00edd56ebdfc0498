"""An arc between spans on lines far apart runs out to the margin, along it and back in
(ui.docview.arcs_geometry.route with ``margin``, ui.docview.arcs.ArcOverlay): it crosses no line
of text between its ends. QA round 5 found a PART-WHOLE relation from باريس (line 1 of the seed)
to فرنسا (paragraph 9) drawn as a vertical through every line between them. Arcs between
spans on the same or adjacent lines keep their route between the two spans."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui import i18n
from ui.docview.arcs import ArcOverlay, ArcShape, Link
from ui.docview.arcs_geometry import Box, polyline_hits, route
from ui.docview.view import DocumentView, ViewSpan

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

LINE_H = 30.0
"""line pitch of the synthetic page: text 20 px high, a 10 px gap (the lanes) above it"""


def line_box(k: int) -> Box:
    """The text of line ``k`` of the synthetic page (x 10..790)."""
    return (10.0, k * LINE_H + 10, 790.0, k * LINE_H + LINE_H)


def path_points(shape: ArcShape) -> list[tuple[float, float]]:
    path = shape.path
    return [(path.elementAt(i).x, path.elementAt(i).y) for i in range(path.elementCount())]


def test_route_between_lines_ten_apart_crosses_none_of_the_lines_between() -> None:
    """From a span on line 1 to one on line 11, the lanes just above each line (the gap), the
    margin at x = 4: no segment enters the text of lines 2..10; without the margin the old
    vertical halfway between the spans ran through all of them."""
    src_line, dst_line = 1, 11
    src = (300.0, src_line * LINE_H + 11)  # the arc meets a span just under its line's top
    dst = (600.0, dst_line * LINE_H + 11)
    src_lane, dst_lane = src_line * LINE_H + 8, dst_line * LINE_H + 8
    between = [line_box(k) for k in range(src_line + 1, dst_line)]
    way = route(src, dst, src_lane, dst_lane, (), margin=4.0)
    assert not any(polyline_hits(way.points, box) for box in between)
    assert way.points[0] == src and way.points[-1] == dst
    assert {x for x, _ in way.points[2:4]} == {4.0}  # the vertical is the margin's
    old = route(src, dst, src_lane, dst_lane, ())
    assert all(polyline_hits(old.points, box) for box in between)  # the defect


def test_route_without_margin_is_unchanged() -> None:
    """Adjacent lines (no margin given): the vertical halfway between the spans, as before."""
    way = route((300.0, 41.0), (600.0, 71.0), 38.0, 68.0)
    assert way.points == [
        (300.0, 41.0), (300.0, 38.0), (450.0, 38.0), (450.0, 68.0), (600.0, 68.0), (600.0, 71.0)
    ]  # fmt: skip


@pytest.fixture(params=["en", "ar"])
def interface(request: pytest.FixtureRequest, qtbot: QtBot) -> Iterator[str]:
    """The English or the Arabic interface (the Arabic one lays widgets out right to left)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    lang = str(request.param)
    assert i18n.install_translator(app, lang) == lang
    yield lang
    i18n.install_translator(app, "en")


def word_at(text: str, word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


def text_lines(view: DocumentView) -> dict[tuple[int, int], QRectF]:
    """The visible lines' text rectangles (viewport coordinates) by (block, line): the glyphs,
    not the label tag row under them, where the lanes of the next line run."""
    out: dict[tuple[int, int], QRectF] = {}
    offset = view.contentOffset()
    block = view.firstVisibleBlock()
    while block.isValid():
        origin = view.blockBoundingGeometry(block).translated(offset).topLeft()
        if origin.y() > view.viewport().height():
            break
        layout = block.layout()
        for k in range(layout.lineCount()):
            line = layout.lineAt(k)
            if line.textLength() and block.text().strip():
                r = line.naturalTextRect().translated(origin)
                r.setHeight(line.ascent() + line.descent())  # the glyphs, not the tag row
                out[(block.blockNumber(), k)] = r
        block = block.next()
    return out


def crossed(view: DocumentView, shape: ArcShape, ends: set[tuple[int, int]]) -> list[str]:
    """The lines (other than the arc's own end lines) whose text the arc runs through."""
    points = path_points(shape)
    out = []
    for key, r in text_lines(view).items():
        box = (r.left(), r.top(), r.right(), r.bottom())
        if key not in ends and polyline_hits(points, box):
            out.append(f"{key}")
    return out


def test_relation_from_first_line_to_paragraph_nine_keeps_off_the_text(
    view: DocumentView, seed_text: str, shots: Path, interface: str
) -> None:
    """The QA case: باريس (first line) -> فرنسا (offset 1963) in a 900x1200 view of the seed,
    in both interfaces; then scrolled so that only فرنسا shows. The arc goes to the left
    margin (the end side of right-to-left text), and an arc between adjacent lines still
    turns halfway between its spans."""
    view.resize(900, 1200)
    view.set_text(seed_text)
    paris = word_at(seed_text, "باريس")
    france = (1963, 1968)
    assert seed_text[france[0] : france[1]] == "فرنسا"
    spans = [
        ViewSpan("p", *paris, "GPE", "#009E73"),
        ViewSpan("f", *france, "GPE", "#009E73"),
    ]
    view.set_spans(spans)
    overlay = ArcOverlay(view)
    overlay.set_links(
        [Link("rel", "p", "f", "PART-WHOLE", "", "#0072B2", relation=True)],
        {s.uuid: (s.start, s.end) for s in spans},
    )
    view.viewport().repaint()
    (shape,) = overlay.shapes()
    anchors = overlay.anchors()
    src, dst = anchors["p"], anchors["f"]
    ends = {(src.block, src.line), (dst.block, dst.line)}
    assert dst.block - src.block >= 5  # lines far apart
    assert crossed(view, shape, ends) == []
    xs = [x for x, _ in path_points(shape)]
    text_left = min(r.left() for r in text_lines(view).values())
    assert min(xs) < text_left  # out to the left margin, beside every line
    assert not shape.label_rect.isEmpty()
    view.grab().save(str(shots / f"arc_margin_{interface}.png"))

    # only فرنسا on screen: the arc comes in from the margin above, through no line
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    view.resize(900, 300)
    view.centerCursor()
    cursor = view.textCursor()
    cursor.setPosition(france[0])
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    view.viewport().repaint()
    anchors = overlay.anchors()
    if "p" not in anchors and "f" in anchors:
        (shape,) = overlay.shapes()
        dst = anchors["f"]
        assert crossed(view, shape, {(dst.block, dst.line)}) == []
        assert min(x for x, _ in path_points(shape)) < text_left
        view.grab().save(str(shots / f"arc_margin_offscreen_{interface}.png"))
    else:  # the view must have scrolled past the first paragraph
        pytest.fail(f"scrolled wrong: {sorted(anchors)}")


def test_arc_between_adjacent_lines_keeps_its_vertical_between_the_spans(
    view: DocumentView, seed_text: str
) -> None:
    """The last word of a line to a word of the next line of the same paragraph: the
    vertical stays halfway between the two spans (no margin)."""
    view.resize(900, 700)
    view.set_text(seed_text)
    view.set_spans([])
    view.viewport().repaint()
    block = view.document().findBlockByNumber(2)
    layout = block.layout()
    assert layout.lineCount() >= 2
    first, second = layout.lineAt(0), layout.lineAt(1)
    pos = block.position()
    a = (pos + first.textStart(), pos + first.textStart() + 3)
    b = (pos + second.textStart(), pos + second.textStart() + 3)
    spans = [ViewSpan("a", *a, "GPE", "#009E73"), ViewSpan("b", *b, "GPE", "#009E73")]
    view.set_spans(spans)
    overlay = ArcOverlay(view)
    overlay.set_links(
        [Link("x", "a", "b", "Place", "e", "#D55E00")],
        {s.uuid: (s.start, s.end) for s in spans},
    )
    view.viewport().repaint()
    (shape,) = overlay.shapes()
    anchors = overlay.anchors()
    sa, sb = anchors["a"], anchors["b"]
    assert (sa.block, sa.line + 1) == (sb.block, sb.line)
    points = path_points(shape)
    assert len(points) == 6
    assert points[2][0] == pytest.approx((sa.cx + sb.cx) / 2, abs=40)  # moved off tags at most

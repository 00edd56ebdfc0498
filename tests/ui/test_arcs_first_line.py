"""The arcs of the first line keep off the text (ui.docview.arcs.ArcOverlay, the view's top band
ui.docview.text_view.TOP_BAND). A line's arc lanes sit above it; the document's first line had
only the 4 px document margin above it, so its arcs ran in lanes under it, stacked downwards:
from the second lane on they ran through the second line's text and their labels (Role3 ..
Role11 below) covered its words. The first line of a news article is its headline or lead,
where events are most often labelled. Now the view keeps a strip above its viewport, the page's
colour, where the lanes of the line at the top of the view run: always there, so the text does
not move when arcs come and go."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from tests.ui.test_arc_margin_route import path_points, text_lines
from ui.docview.arcs import ArcOverlay, ArcShape, Link
from ui.docview.arcs_geometry import polyline_hits
from ui.docview.text_view import TOP_BAND
from ui.docview.view import DocumentView, ViewSpan

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

SHOTS = Path("/tmp/arcs_first")
ARABIC_WORDS = ("ويشارك", "الاجتماع،", "مقر", "وزارة", "الدفاع", "بباريس؛")
ENGLISH = (
    "The army attacked the town of Mosul on Monday with tanks and heavy guns, officials said "
    "after the battle, which lasted until the evening and left many of its houses in ruins.\n"
    "A second paragraph follows here, with a few more words on the battle and its aftermath.\n"
)
ENGLISH_WORDS = ("attacked", "town", "Mosul", "Monday", "tanks", "officials")


def first_line_spans(text: str, words: tuple[str, ...]) -> list[ViewSpan]:
    """A trigger (the first word) and five arguments, all words of the first line."""
    out = []
    for k, w in enumerate(words):
        start = text.index(w)
        label, color = ("Conflict.Attack", "#D55E00") if k == 0 else ("GPE", "#009E73")
        out.append(ViewSpan(f"s{k}", start, start + len(w), label, color))
    return out


def first_line_links(spans: list[ViewSpan]) -> list[Link]:
    """Five arcs from the trigger, nested: five lanes stacked above the first line."""
    return [
        Link(f"l{k}", spans[0].uuid, s.uuid, f"Role{2 * k + 1}", "e1", "#D55E00")
        for k, s in enumerate(spans[1:], start=1)
    ]


def first_line_box(view: DocumentView) -> QRectF:
    """The first line's text, in the coordinates of the view itself (not its viewport): a
    viewport moved down moves it."""
    r = text_lines(view)[(0, 0)]
    return r.translated(QPointF(view.viewport().mapTo(view, QPoint(0, 0))))


def offences(view: DocumentView, shapes: list[ArcShape]) -> list[str]:
    """The arcs whose path or label meets the text of a line other than the first (the line
    every arc here connects)."""
    out = []
    for key, r in text_lines(view).items():
        if key == (0, 0):
            continue
        box = (r.left(), r.top(), r.right(), r.bottom())
        for shape in shapes:
            if polyline_hits(path_points(shape), box):
                out.append(f"{shape.link.label} path over line {key}")
            if shape.label_rect.intersects(r):
                out.append(f"{shape.link.label} label over line {key}")
    return out


@pytest.mark.parametrize("case", ["arabic", "english"])
def test_first_line_arcs_keep_off_the_text_and_the_text_stays(
    view: DocumentView, seed_text: str, qtbot: QtBot, case: str
) -> None:
    """Six spans on the first line, five arcs from the first: no arc path and no label meets
    the text of any other line, every lane and label is inside the view (in the band above
    the viewport, painted there), a press on a label there takes its arc, and the first line's
    text is where it was with no arcs."""
    text, words = (seed_text, ARABIC_WORDS) if case == "arabic" else (ENGLISH, ENGLISH_WORDS)
    view.set_text(text)
    spans = first_line_spans(text, words)
    view.set_spans(spans)
    view.viewport().repaint()
    layout = view.document().firstBlock().layout()
    assert layout.lineCount() >= 2
    first_end = layout.lineAt(0).textLength()
    assert all(s.end <= first_end for s in spans)  # all on the first line
    rtl = view.document().firstBlock().textDirection() == Qt.LayoutDirection.RightToLeft
    assert rtl == (case == "arabic")
    before = first_line_box(view)
    view.grab().save(str(SHOTS / f"{case}_no_arcs.png"))

    overlay = ArcOverlay(view)
    view.viewport().repaint()
    assert first_line_box(view) == before  # an overlay with no arcs moves nothing
    overlay.set_links(first_line_links(spans), {s.uuid: (s.start, s.end) for s in spans})
    view.viewport().repaint()
    shapes = overlay.shapes()
    assert len(shapes) == 5
    assert offences(view, shapes) == []
    assert first_line_box(view) == before  # arcs come: the text stays

    # every lane and label above the first line, inside the band the view keeps for them
    anchors = overlay.anchors()
    top = anchors["s0"].top
    for shape in shapes:
        assert max(y for _, y in path_points(shape)) <= top + 1
        assert shape.label_rect.center().y() < top  # on its lane, above the line
        assert shape.label_rect.top() >= -TOP_BAND
        assert shape.label_rect.left() >= 0
        assert shape.label_rect.right() <= view.viewport().width()
    highest = min(shapes, key=lambda s: s.label_rect.top())
    assert highest.label_rect.top() < 0  # (the lanes do need the band)

    # the band paints them: the highest label's box is drawn there
    band = view.top_band()
    band.repaint()
    image = view.grab().toImage()
    origin = view.viewport().mapTo(view, QPoint(0, 0))
    label = highest.label_rect.translated(QPointF(origin))
    painted = {
        image.pixelColor(int(x), int(label.center().y())).name()
        for x in range(int(label.left()) + 1, int(label.right()))
    }
    white = QColor(Qt.GlobalColor.white).name()
    assert painted - {white}, "the band shows nothing where the highest label is"
    view.grab().save(str(SHOTS / f"{case}_arcs.png"))

    # a press on that label, in the band, takes its arc and not the view
    clicked: list[str] = []
    overlay.arcClicked.connect(clicked.append)
    press = band.mapFrom(view, label.center().toPoint())
    qtbot.mouseClick(band, Qt.MouseButton.LeftButton, pos=press)
    assert clicked == [highest.link.uuid]

    overlay.set_links([], {})  # arcs go: the text stays
    view.viewport().repaint()
    assert first_line_box(view) == before


def test_the_top_lines_arcs_show_in_the_band_when_scrolled(
    view: DocumentView, seed_text: str
) -> None:
    """Scrolled by a line, the line now at the top of the view has its lanes in the band too,
    clear of the text, as the first line's."""
    view.set_text(seed_text)
    view.viewport().repaint()
    layout = view.document().firstBlock().layout()
    second = layout.lineAt(1)
    start = second.textStart()
    chunk = seed_text[start : start + second.textLength()]
    words = [w for w in chunk.split() if len(w) > 3][:4]
    spans = []
    for k, w in enumerate(words):
        at = seed_text.index(w, start)
        spans.append(ViewSpan(f"w{k}", at, at + len(w), "GPE", "#009E73"))
    view.set_spans(spans)
    overlay = ArcOverlay(view)
    overlay.set_links(first_line_links(spans), {s.uuid: (s.start, s.end) for s in spans})
    view.verticalScrollBar().setValue(1)
    view.viewport().repaint()
    anchors = overlay.anchors()
    assert (anchors["w0"].block, anchors["w0"].line) == (0, 1)
    assert -1 <= anchors["w0"].top <= 4  # the second line at the top of the view
    shapes = overlay.shapes()
    assert len(shapes) == 3
    assert all(s.label_rect.top() >= -TOP_BAND for s in shapes)
    others = {k: r for k, r in text_lines(view).items() if k != (0, 1) and r.bottom() > 0}
    for shape in shapes:
        for r in others.values():
            box = (r.left(), r.top(), r.right(), r.bottom())
            assert not polyline_hits(path_points(shape), box)
            assert not shape.label_rect.intersects(r)
    view.top_band().repaint()
    view.grab().save(str(SHOTS / "arabic_scrolled.png"))


def test_the_wheel_over_the_band_scrolls_and_zooms_as_over_the_text(
    view: DocumentView, seed_text: str, qtbot: QtBot
) -> None:
    """QA: the band looks like part of the page; a wheel over it did nothing (a scroll area
    ignores a wheel that does not come from its viewport). It scrolls, and with Ctrl zooms."""
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    view.set_text(seed_text)
    qtbot.wait(10)

    def wheel(target: object, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        pos = QPointF(300, 12)
        event = QWheelEvent(
            pos, pos, QPoint(0, 0), QPoint(0, -120), Qt.MouseButton.NoButton, mods,
            Qt.ScrollPhase.NoScrollPhase, False,
        )  # fmt: skip
        QApplication.sendEvent(target, event)  # type: ignore[arg-type]

    bar = view.verticalScrollBar()
    assert bar.value() == 0
    wheel(view.top_band())
    assert bar.value() > 0
    over_text = bar.value()
    bar.setValue(0)
    wheel(view.viewport())
    assert bar.value() == over_text  # the same step as over the text
    zoom = view.zoom()
    wheel(view.top_band(), Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() == zoom - 1

"""Arc labels of neighbouring arcs keep apart at a small zoom too (QA: "arc labels crowded at
zoom 10", the document font at 10 points, ``DocumentView.set_zoom``). At a small zoom a line
holds more words, so more arcs run along one line's lanes over narrower words, while the
labels keep their size and the gap above the line holds fewer of them: on the seed article's
second paragraph two events' arguments and five relations put الكيان over الأداة at zoom 10
(and انتماء تنظيمي over الكيان over المشارك at 9), where at the default zoom (14) they fall on
two lines and every label has its place. Where no
order of placing leaves every label a free place whole, the labels are shortened (an
ellipsis) to fit their own runs (``arcs_geometry.resolve_labels``, step 6); hovering a
shortened label names it in full, as plain text."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QHelpEvent, QTextDocument
from PySide6.QtWidgets import QApplication, QToolTip

from ui.docview.arcs import ArcOverlay, ArcShape, Link
from ui.docview.arcs_geometry import LabelSpot, Run, resolve_labels
from ui.docview.view import DocumentView, ViewSpan

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

WORDS = (1, 3, 4, 7, 11, 12, 16, 19, 22, 25, 26, 27, 28, 29, 30, 31, 32, 33, 35, 36, 37, 41,
         43, 50, 55, 56, 58, 59)  # fmt: skip
"""the words (numbered in the article, punctuation and quotes apart) that are spans"""
ARGUMENTS = (
    (18, 16, "المكان"), (18, 20, "الأداة"), (18, 17, "المشارك"),  # an event on الدفاع
    (18, 16, "الكيان"), (18, 16, "الموضوع"), (18, 17, "الكيان"),
    (24, 27, "المشارك"), (24, 27, "الطريقة"), (24, 20, "المكان"),  # and one on صيف
)  # fmt: skip
"""(trigger, argument, role): numbers into ``WORDS``"""
RELATIONS = (
    (2, 5, "جزء-كل"), (4, 7, "جزء-كل"), (14, 16, "انتماء تنظيمي"), (26, 27, "جزء-كل"),
    (11, 13, "جزء-كل"),
)  # fmt: skip
LABEL_MIN_WIDTH = 20.0
"""the narrowest a shortened label is drawn (``arcs_geometry.LABEL_MIN_WIDTH``)"""


def scene(text: str) -> tuple[list[ViewSpan], list[Link]]:
    words = [m.span() for m in re.finditer(r"[^\s،.؛\"]+", text)]
    spans = [ViewSpan(f"s{k}", *words[w], "GPE", "#D55E00") for k, w in enumerate(WORDS)]
    links = [
        Link(f"a{k}", f"s{s}", f"s{t}", role, f"e{s}", "#D55E00")
        for k, (s, t, role) in enumerate(ARGUMENTS)
    ]
    links += [
        Link(f"r{k}", f"s{s}", f"s{t}", kind, color="#0072B2", relation=True)
        for k, (s, t, kind) in enumerate(RELATIONS)
    ]
    return spans, links


def overlapping(shapes: list[ArcShape]) -> list[str]:
    shown = [s for s in shapes if not s.label_rect.isEmpty()]
    return [
        f"{a.link.uuid} {a.link.label} over {b.link.uuid} {b.link.label}"
        for a, b in itertools.combinations(shown, 2)
        if a.label_rect.intersects(b.label_rect)
    ]


@pytest.mark.parametrize("zoom", [10, DocumentView.DEFAULT_POINT_SIZE, 9, 12])
def test_neighbouring_arc_labels_keep_apart_at_a_small_zoom(
    view: DocumentView, seed_text: str, shots: Path, zoom: int
) -> None:
    view.set_text(seed_text)
    spans, links = scene(seed_text)
    view.set_spans(spans)
    view.set_zoom(zoom)
    overlay = ArcOverlay(view)
    overlay.set_links(links, {s.uuid: (s.start, s.end) for s in spans})
    view.viewport().repaint()
    view.top_band().repaint()
    view.grab().save(str(shots / f"docview_arc_labels_zoom{zoom}.png"))
    shapes = overlay.shapes()
    assert len(shapes) == len(links)
    assert overlapping(shapes) == []
    for shape in shapes:
        if not shape.label_rect.isEmpty():
            assert shape.label_rect.width() >= LABEL_MIN_WIDTH - 0.01
            assert overlay.arc_at(shape.label_rect.center()) == shape.link.uuid
    if zoom != 10:
        return
    # the labels shortened to make room name themselves in full on hover, as plain text
    short = [s for s in shapes if overlay.shortened_label_at(s.label_rect.center())]
    assert short
    for shape in short:
        assert overlay.shortened_label_at(shape.label_rect.center()) == shape.link.label
    port = view.viewport()
    point = short[0].label_rect.center().toPoint()
    QApplication.sendEvent(port, QHelpEvent(QEvent.Type.ToolTip, point, port.mapToGlobal(point)))
    assert QToolTip.isVisible()
    doc = QTextDocument()
    doc.setHtml(QToolTip.text())
    assert doc.toPlainText() == short[0].link.label
    QToolTip.hideText()


def spot(x0: float, x1: float, width: float) -> LabelSpot:
    """A label on a lane at y 100 with no room to move up or down."""
    return LabelSpot(width, 12.0, (Run(x0, x1, 100.0, 94.0, 106.0),), (), 1)


def test_a_row_too_full_for_its_labels_shortens_them_rather_than_stack_them() -> None:
    """Four labels whose runs share a lane 160 px long (the view's width), 220 px of labels:
    shortened, none over another, each middle on its own run."""
    spots: list[LabelSpot | None] = [
        spot(0, 160, 60.0),
        spot(0, 80, 60.0),
        spot(80, 160, 60.0),
        spot(40, 120, 40.0),
    ]
    boxes = resolve_labels(spots, (0.0, 160.0))
    for (i, a), (j, b) in itertools.combinations(enumerate(boxes), 2):
        assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (i, j, a, b)
    for s, box in zip(spots, boxes, strict=True):
        assert s is not None
        run = s.runs[0]
        assert run.x0 - 0.5 <= (box[0] + box[2]) / 2 <= run.x1 + 0.5
        assert LABEL_MIN_WIDTH - 0.01 <= box[2] - box[0] <= s.width + 0.01
    assert sum(b[2] - b[0] for b in boxes) < sum(s.width for s in spots if s)


def test_labels_with_room_are_never_shortened() -> None:
    spots: list[LabelSpot | None] = [spot(0, 100, 40.0), spot(100, 200, 40.0)]
    boxes = resolve_labels(spots, (0.0, 400.0))
    assert [round(b[2] - b[0], 3) for b in boxes] == [40.0, 40.0]

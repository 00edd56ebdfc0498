"""A label tag shortened on a crowded line has a tooltip of its own: hovering it shows the
label in full, as plain text (QA: the tags of فرنسا، أستراليا، بريطانيا، ألمانيا، إيطاليا,
each كيان جغرافي سياسي, are elided to stay under their words; hovering one showed the tooltip
of whatever span lay above that point, often the neighbour's, or nothing, never the label the
tag had cut short)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF
from PySide6.QtGui import QHelpEvent, QTextDocument
from PySide6.QtWidgets import QApplication, QToolTip, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.test_tag_placement_near_span import NAMES, show_crowded_line
from ui.docview.view import DocumentView

MARKUP = "<b>كيان</b> جغرافي &amp; سياسي"
"""a label name holding markup: shown literally, never as rich text"""


def _hover(view: DocumentView, point: QPoint) -> str:
    """The plain text of the tooltip a hover at viewport ``point`` shows ("" for none)."""
    QToolTip.hideText()
    QApplication.processEvents()
    port = view.viewport()
    event = QHelpEvent(QEvent.Type.ToolTip, point, port.mapToGlobal(point))
    QApplication.sendEvent(port, event)
    if not QToolTip.isVisible():
        return ""
    doc = QTextDocument()
    doc.setHtml(QToolTip.text())
    return doc.toPlainText()


def _tip_label() -> QWidget | None:
    return next(
        (w for w in QApplication.topLevelWidgets() if w.inherits("QTipLabel") and w.isVisible()),
        None,
    )


def _shortened(view: DocumentView) -> list[QPointF]:
    """The middles (viewport) of the tags drawn narrower than their whole label."""
    tags = view._tags
    assert tags is not None
    # the whole tags' pixmaps (a pixel of border room each side)
    whole = {math.ceil((tags.width(label) + 2) * tags.ratio) for label in NAMES}
    out = []
    for point, pixmap in view.visible_tags():
        ratio = pixmap.devicePixelRatio() or 1.0
        width, height = pixmap.width() / ratio, pixmap.height() / ratio
        if pixmap.width() not in whole:
            out.append(point + QPointF(width / 2, height / 2))
    return out


@pytest.mark.parametrize("name", [NAMES["GPE"], MARKUP], ids=["arabic", "markup"])
def test_hovering_a_shortened_tag_shows_its_whole_label(
    view: DocumentView, qtbot: QtBot, shots: Path, name: str
) -> None:
    show_crowded_line(view, {**NAMES, "GPE": name})
    middles = _shortened(view)
    assert len(middles) >= 3  # the crowded line shortens most GPE tags
    for k, middle in enumerate(middles):
        assert _hover(view, middle.toPoint()) == name, middle
        if k == 0 and name == NAMES["GPE"]:
            tip = _tip_label()
            assert tip is not None
            tip.grab().save(str(shots / "docview_tag_tooltip.png"))
    # a whole tag, and the text itself, keep the spans' tooltip
    loc = next(s for s in view.spans() if s.label == "LOC")
    rect = view.cursor_rect(loc.start).united(view.cursor_rect(loc.end))
    assert _hover(view, rect.center()).startswith(f"{NAMES['LOC']}: ")
    view.grab().save(
        str(shots / f"docview_tag_tooltip_line_{'markup' if '<' in name else 'ar'}.png")
    )
    QToolTip.hideText()


def test_no_tooltip_work_without_spans(view: DocumentView, seed_text: str) -> None:
    view.set_text(seed_text)
    assert view.tag_tooltip(QPoint(400, 40)) == ""

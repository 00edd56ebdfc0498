"""Each paragraph of the document view from its own side, and no Arabic word pulled apart.

With ``AlignJustify`` alone, Qt justified every wrapped line at kashida points without drawing
the kashida: at 72 pt the first line of the seed article (ويشارك في هذا) had its letters
spread over the whole width, no longer joined (``ui/docview/sides.py``)."""

from __future__ import annotations

from typing import cast

from PySide6.QtGui import QTextLayout
from pytestqt.qtbot import QtBot

from ui.docview.sides import OWN_SIDE
from ui.docview.view import DocumentView

LATIN = (
    "The meeting in Paris, held at the ministry of defence, gathers the ministers of the "
    "countries most active in the air campaign against the group."
)


def _word_advance(view: DocumentView, block: int, start: int, end: int) -> float:
    """How wide the characters ``[start, end)`` of ``block`` are drawn on its first line."""
    layout = view.document().findBlockByNumber(block).layout()
    line = layout.lineForTextPosition(start)
    x = [float(cast(tuple[float, int], line.cursorToX(p))[0]) for p in (start, end)]
    return abs(x[1] - x[0])


def _natural_advance(view: DocumentView, word: str) -> float:
    """The same word laid out alone in the document's font (its own advances)."""
    layout = QTextLayout(word, view.document().defaultFont())
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(100_000)
    layout.endLayout()
    return float(line.naturalTextWidth())


def test_a_wrapped_arabic_line_keeps_its_letters_together_at_a_large_zoom(
    seed_view: DocumentView, qtbot: QtBot
) -> None:
    seed_view.set_zoom(72)
    qtbot.waitUntil(lambda: seed_view.zoom() == 72)
    seed_view.repaint()
    first = seed_view.document().firstBlock()
    assert first.layout().lineCount() > 1  # the line is wrapped: Qt would justify it
    word = first.text().split(" ")[0]
    assert word == "ويشارك"
    drawn, natural = _word_advance(seed_view, 0, 0, len(word)), _natural_advance(seed_view, word)
    assert abs(drawn - natural) <= 1.0, (drawn, natural)  # justified: 139 px wider (800 px view)


def test_each_paragraph_starts_on_its_own_side(view: DocumentView, seed_text: str) -> None:
    assert view.document().defaultTextOption().alignment() == OWN_SIDE
    view.set_text(LATIN + "\n" + seed_text)
    view.repaint()
    width = view.viewport().width()
    latin = view.document().firstBlock().layout()
    arabic = view.document().findBlockByNumber(1).layout()
    assert latin.lineCount() > 1 and arabic.lineCount() > 1
    # Latin at the left, ragged at the right; Arabic at the right, ragged at the left
    first = latin.lineAt(0).naturalTextRect()
    assert first.left() <= 6
    assert first.right() < width - 6 or latin.lineAt(1).naturalTextRect().right() < width - 6
    for n in range(arabic.lineCount()):
        rect = arabic.lineAt(n).naturalTextRect()
        assert rect.right() >= width - 20, (n, rect, width)
    assert any(arabic.lineAt(n).naturalTextRect().left() > 20 for n in range(arabic.lineCount()))

"""The Details panel shows an accepted suggestion's provenance as its own read-only,
translated line; the note editor holds the analyst's text only, and saving it keeps the line
(``annotator.project.split_provenance`` / ``join_provenance``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from pytestqt.qtbot import QtBot

from annotator.model import Span
from annotator.project import provenance_note, split_provenance
from annotator.schema import default_schema
from annotator.search.suggestions import Suggestion
from ui.i18n import isolate
from ui.workbench.details import DetailsPanel

TEXT = "باريس"
LINE = provenance_note(
    Suggestion("u-1", 1, 0, 5, "GPE", TEXT, "model:crf@abcd1234", 0.875, "4727fb41")
)


def _span(note: str) -> Span:
    return Span("s-1", 1, "amal", 0, 5, "GPE", TEXT, {}, note)


def _panel(qtbot: QtBot, span: Span) -> tuple[DetailsPanel, list[tuple[str, str]]]:
    panel = DetailsPanel()
    qtbot.addWidget(panel)
    panel.resize(360, 420)
    panel.show()
    saved: list[tuple[str, str]] = []
    panel.noteEdited.connect(lambda uuid, note: saved.append((uuid, note)))
    panel.show_span(span, default_schema())
    return panel, saved


def test_arabic_provenance_line_and_the_analysts_note(
    qtbot: QtBot, arabic: QApplication, shots: Path
) -> None:
    panel, saved = _panel(qtbot, _span(LINE + "\nراجع الاسم"))
    assert panel.provenance.isVisible()
    assert panel.provenance.textFormat() == Qt.TextFormat.PlainText
    source, score = isolate("model:crf@abcd1234"), isolate("0.88")
    assert panel.provenance.text() == f"اقتراح من {source}، الثقة {score}"
    assert panel.note.toPlainText() == "راجع الاسم"  # no JSON in the editor
    panel.grab().save(str(shots / "provenance_line_ar.png"))

    panel.note.setPlainText("راجع الاسم ثانية")
    panel.flush_note()
    assert saved == [("s-1", LINE + "\nراجع الاسم ثانية")]  # the line kept, first
    panel.note.setPlainText("")
    panel.flush_note()
    assert saved[-1] == ("s-1", LINE)
    assert split_provenance(saved[-1][1]) == (split_provenance(LINE)[0], "")


@pytest.mark.parametrize("note", ["", "ملاحظة عادية", "suggestion: typed by hand"])
def test_a_note_without_provenance_is_edited_whole(qtbot: QtBot, note: str) -> None:
    panel, saved = _panel(qtbot, _span(note))
    assert not panel.provenance.isVisible()
    assert panel.note.toPlainText() == note
    panel.note.setPlainText(note + " +")
    panel.flush_note()
    assert saved == [("s-1", note + " +")]


def test_english_line_without_a_score(qtbot: QtBot) -> None:
    panel, _ = _panel(qtbot, _span('suggestion: {"source": "annotate-all"}'))
    assert panel.provenance.text() == f"Suggested by {isolate('annotate-all')}"
    assert panel.note.toPlainText() == ""
    panel.show_span(None, default_schema())
    assert not panel.provenance.isVisible()


def _ink_columns(widget: QPlainTextEdit) -> list[int]:
    image = widget.viewport().grab().toImage()
    return [
        x
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).lightness() < 128
    ]


def test_the_spans_text_and_the_note_start_at_their_own_side(
    qtbot: QtBot, arabic: QApplication
) -> None:
    """QA: the Arabic of the span's text and of the note sat at the left edge of their boxes
    (a plain text edit reads its default AlignLeft as absolute); now an Arabic line starts at
    the right edge, a Latin one at the left, in the Arabic interface."""
    panel, _saved = _panel(qtbot, _span(LINE + "\nراجع الاسم"))
    for edit in (panel.text_view, panel.note):
        ink = _ink_columns(edit)
        width = edit.viewport().width()
        assert ink and min(ink) > width / 2, (edit, min(ink), width)  # Arabic: right half
    panel.note.setPlainText("check the name")
    ink = _ink_columns(panel.note)
    assert ink and max(ink) < panel.note.viewport().width() / 2  # Latin: left half

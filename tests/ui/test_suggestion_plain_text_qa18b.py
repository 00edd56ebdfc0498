"""A suggestion's source and origin in the window, from a tampered or unusual file (QA 18 b).

Where the window shows a suggestion's source or origin: the Suggestions list's Label tooltip
(the source), the status bar after "Withdraw these suggestions" (the source), and after an
accept the Details panel's provenance line (the source) and its tooltip (the stored line,
origin included). Each shows markup literally: the text read back from the shown tooltip and
labels is the stored text, no tag taken as markup. A source of 100,000 characters (tamper2's
s_source_huge; a gazetteer's name has no length rule either) is cut to ``MAX_SOURCE``
characters in the list's tooltip and the status bar: before, the tooltip was 709,383 px wide
and took 0.2 s to lay out at each hover, and the status bar held the whole string.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sqlite3  # white-box: a tampered file is made by writing its tables directly
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QToolTip, QWidget
from pytestqt.qtbot import QtBot

from annotator.learn.external import MAX_SOURCE
from annotator.project import Project, split_provenance
from annotator.schema import default_schema
from annotator.search.suggestions import Suggestion
from annotator.uuids import new_uuid
from tests.ui.test_suggestions_at_scale import _window
from ui.suggestions import Installed, install
from ui.suggestions.rows import UUID_ROLE
from ui.workbench.details import DetailsPanel
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")

TEXT = "زار محمد بغداد امس وعاد محمد"
HTML_SOURCE = "<b>bold</b><img src=x>"
HTML_ORIGIN = "<img src=x><b>o</b>"
HUGE = "x" * 100_000


@pytest.fixture
def window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[MainWindow, Installed]]:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="d").id
        made = [
            Suggestion(new_uuid(), doc, 4, 8, "PER", TEXT[4:8], HTML_SOURCE, 0.9, HTML_ORIGIN),
            Suggestion(new_uuid(), doc, 9, 14, "GPE", TEXT[9:14], "file:s.jsonl", 0.8, ""),
        ]
        assert p.add_suggestions(made) == 2
    conn = sqlite3.connect(path)  # tamper2's s_source_huge, on the second row
    conn.execute("UPDATE suggestions SET source = ? WHERE start = 9", [HUGE])
    conn.commit()
    conn.close()
    w = _window(qtbot, tmp_path, path, monkeypatch)  # (as amal)
    installed = install(w)
    assert w.doc is not None
    installed.controller.show_document(w.doc.id)
    yield w, installed
    QToolTip.hideText()
    w.session.close()


def _plain(html: str) -> str:
    doc = QTextDocument()
    doc.setHtml(html)
    return doc.toPlainText()


def _shown_tooltip(tip: str, over: QWidget) -> QLabel:
    """The tooltip label Qt shows for ``tip`` (its text read back as laid out)."""
    QApplication.processEvents()  # (a window shown or activated meanwhile hides a tooltip)
    QToolTip.showText(over.mapToGlobal(QPoint(10, 10)), tip, over)
    QApplication.processEvents()
    labels = [w for w in QApplication.topLevelWidgets() if w.inherits("QTipLabel")]
    shown = [w for w in labels if w.isVisible()]
    assert len(shown) == 1
    label = shown[0]
    assert isinstance(label, QLabel)
    return label


def test_the_lists_tooltips_show_the_source_as_plain_text_and_cut_short(
    window: tuple[MainWindow, Installed],
) -> None:
    w, installed = window
    model = installed.panel.list.model()
    assert model.rowCount() == 2
    tips = [model.index(r, 0).data(Qt.ItemDataRole.ToolTipRole) for r in range(2)]
    label = _shown_tooltip(tips[0], w)
    assert _plain(label.text()) == HTML_SOURCE  # the tags as written, none taken as markup
    assert "<img" not in label.text() and "<b>" not in label.text()
    label = _shown_tooltip(tips[1], w)
    read = _plain(label.text())
    assert read == "x" * (MAX_SOURCE - 1) + "…"  # was the whole 100,000 characters
    assert label.width() < 4000  # was 709,383 px


def test_withdraw_says_the_source_as_plain_text_and_cut_short(
    window: tuple[MainWindow, Installed],
) -> None:
    w, installed = window
    c = installed.controller
    model = installed.panel.list.model()
    huge = next(s for s in c.items if s.source == HUGE)
    c.select(huge)
    assert model.index(model.rowCount() - 1, 0).data(UUID_ROLE) == huge.uuid
    assert c.withdraw_source()
    said = w.statusBar().currentMessage()
    assert said.startswith("Withdrew 1 suggestions from x")
    assert said.endswith("x….") and len(said) < MAX_SOURCE + 40  # was 100,031 characters
    html = next(s for s in c.items if s.source == HTML_SOURCE)
    c.select(html)
    assert c.withdraw_source()
    said = w.statusBar().currentMessage()
    assert said == f"Withdrew 1 suggestions from {HTML_SOURCE}."  # a status bar: plain text


def test_the_provenance_of_an_accepted_suggestion_is_plain_text(
    qtbot: QtBot, window: tuple[MainWindow, Installed]
) -> None:
    w, installed = window
    c = installed.controller
    project = w.session.project
    assert project is not None and w.doc is not None
    html = next(s for s in c.items if s.source == HTML_SOURCE)
    c.select(html)
    assert c.accept()
    span = next(s for s in project.spans(w.doc.id) if s.start == 4)
    provenance, _ = split_provenance(span.note)
    assert provenance is not None and provenance.origin == HTML_ORIGIN
    panel = DetailsPanel()
    qtbot.addWidget(panel)
    panel.resize(360, 420)
    panel.show()
    panel.show_span(span, default_schema())
    assert panel.provenance.textFormat() == Qt.TextFormat.PlainText
    assert HTML_SOURCE in panel.provenance.text()
    label = _shown_tooltip(panel.provenance.toolTip(), panel.provenance)
    assert _plain(label.text()) == provenance.line  # origin and source as stored
    assert HTML_ORIGIN in _plain(label.text()) and "<img" not in label.text()

"""The Suggestions list as the analyst sees it, after an undo and a redo of annotate-all.

The Score column is measured on ``SCORE_ROWS`` rows (``setResizeContentsPrecision``), not the
1,000 Qt measures by default. These tests render the main window on the seed article with a
few hundred suggestions of scores 0.5, 0.987 and 1.0 (shown "0.50", "0.99", "1.00") in the
English and the Arabic interface, save the pictures (``shots``) and check the geometry: no
column cuts its header, a score or the text it has room for.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QInputDialog,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)
from pytestqt.qtbot import QtBot

from annotator.commands.suggestions import StoreSuggestions
from annotator.project import Project
from annotator.search.suggestions import Suggestion
from tests.ui.conftest import SEED, open_window
from ui.search.tools import SearchTools
from ui.suggestions import Installed
from ui.suggestions.rows import score_text
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

SCORES = (0.5, 0.987, 1.0)
SOURCES = ("gazetteer:cities", "crf:ner-2026-11-30")
TARGET = "الدفاع"  # the span annotate-all starts from: its other occurrences are suggested


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """The seed article with a span on its first الدفاع and a suggestion on every other word
    (scores and sources in turn; the occurrences of الدفاع left for annotate-all)."""
    text = SEED.read_text(encoding="utf-8")
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document(text, name=SEED.stem)
        at = text.index(TARGET)
        p.add_span(doc.id, at, at + len(TARGET), "ORG", "amal")
        found: list[Suggestion] = []
        start = 0
        for n, word in enumerate(text.split()):
            start = text.index(word, start)
            end = start + len(word)
            if TARGET not in word and word.strip('،؛."()') == word:
                label = ("PER", "ORG", "GPE", "LOC")[n % 4]
                score, source = SCORES[n % 3], SOURCES[n % 2]
                found.append(
                    Suggestion(f"s-{n}", doc.id, start, end, label, word, source, score, "o")
                )
            start = end
        assert p.add_suggestions(found) > 200
    return path


@pytest.fixture
def window(
    qtbot: QtBot,
    path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> Iterator[MainWindow]:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    size = getattr(request, "param", (1400, 900))
    w = open_window(qtbot, tmp_path, path, size)
    qtbot.waitUntil(lambda: not w.session.read_only, timeout=10_000)
    yield w
    w.close()
    w.session.close()


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def installed_of(w: MainWindow) -> Installed:
    found = getattr(w, "suggestions_installed", None)
    assert isinstance(found, Installed)
    return found


def annotate_all_undo_redo(w: MainWindow) -> None:
    project = w.session.project
    assert project is not None and w.doc is not None
    w.select_span(project.spans(w.doc.id, "amal")[0].uuid)
    tools = getattr(w, "search_tools", None)
    assert isinstance(tools, SearchTools)
    assert tools.annotate_all(True) > 0
    settle()
    command = getattr(w.session.undo_stack.command(0), "command", None)
    assert isinstance(command, StoreSuggestions)
    for action in ("undo", "redo"):
        w.actions_by_name[action].trigger()
        settle()


def shoot(w: MainWindow, shots: Path, name: str) -> None:
    panel = installed_of(w).panel
    w.grab().save(str(shots / f"{name}_window.png"))
    panel.grab().save(str(shots / f"{name}_dock.png"))


def cut(table: QTableView) -> list[tuple[int, int, str]]:
    """The cells on screen whose text the list cuts or elides, as (row, column, text), and
    the headers as (-1, column, text): each is measured with the list's font metrics as the
    item delegate lays it out (a margin of the style's focus frame and one pixel a side)."""
    model, header = table.model(), table.horizontalHeader()
    style = table.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    out: list[tuple[int, int, str]] = []
    pad = 2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    for column in range(model.columnCount()):
        title = str(model.headerData(column, Qt.Orientation.Horizontal))
        if header.fontMetrics().horizontalAdvance(title) + pad > header.sectionSize(column):
            out.append((-1, column, title))
    metrics = table.fontMetrics()
    first = max(table.rowAt(0), 0)
    last = table.rowAt(table.viewport().height() - 1)
    last = model.rowCount() - 1 if last < 0 else last
    for row in range(first, last + 1):
        for column in range(model.columnCount()):
            text = str(model.data(model.index(row, column)) or "")
            room = table.columnWidth(column) - 2 * margin
            if metrics.horizontalAdvance(text) > room:
                out.append((row, column, text))
    return out


def check(w: MainWindow) -> None:
    """Nothing cut; the Score column as wide as the widest score; each text laid out in its
    own direction (Arabic right to left, in one run: joined), each score left to right."""
    table = installed_of(w).panel.list
    assert table.model().rowCount() > 200
    assert cut(table) == []
    style = table.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    widest = max(table.fontMetrics().horizontalAdvance(score_text(s)) for s in SCORES)
    assert table.columnWidth(2) >= widest + 2 * margin
    delegate = table.itemDelegate()
    assert isinstance(delegate, QStyledItemDelegate)
    model = table.model()
    for column, direction in (
        (1, Qt.LayoutDirection.RightToLeft),
        (2, Qt.LayoutDirection.LeftToRight),
    ):
        option = QStyleOptionViewItem()
        delegate.initStyleOption(option, model.index(0, column))
        assert option.direction == direction, (column, option.text)


def test_look_english(window: MainWindow, shots: Path) -> None:
    annotate_all_undo_redo(window)
    shoot(window, shots, "suggestions_en")
    check(window)
    # a Label column the analyst widened stays as wide while the list changes
    panel = installed_of(window).panel
    panel.list.horizontalHeader().resizeSection(0, 180)
    before = panel.list.model().rowCount()
    panel.slider.setValue(95)  # the 0.50s hidden: the list reset
    settle()
    assert panel.list.model().rowCount() < before and panel.list.columnWidth(0) == 180


def test_look_arabic(arabic: QApplication, window: MainWindow, shots: Path) -> None:
    annotate_all_undo_redo(window)
    shoot(window, shots, "suggestions_ar")
    check(window)


@pytest.mark.parametrize("window", [(1024, 700)], indirect=True)
def test_look_arabic_small(arabic: QApplication, window: MainWindow, shots: Path) -> None:
    annotate_all_undo_redo(window)
    shoot(window, shots, "suggestions_ar_small")
    check(window)

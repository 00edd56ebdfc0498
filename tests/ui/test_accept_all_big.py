"""Big annotate-all results in the window, and the find bar on a big document.

"Label every other occurrence…" stores its suggestions as one undo step (undo withdraws exactly
those: a rejection and other suggestions stay); "Accept all" of more than ``BUSY_AT`` shows the
wait cursor while it runs and the window takes the accepted spans in by reading the layer
once; "Withdraw these suggestions" takes a source's suggestions back without remembering them
as rejected. The find bar searches a big document once typing pauses, draws only the hits
around the visible text, and F3 moves the current hit.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QPushButton
from pytestqt.qtbot import QtBot

from annotator.commands import AddSpan
from annotator.project import Project
from annotator.search.suggestions import ANNOTATE_ALL, Suggestion
from annotator.uuids import new_uuid
from tests.ui.conftest import tools_of
from ui.i18n import plain_tooltip
from ui.search.find_bar import (
    CURRENT_BACKGROUND,
    DRAW_ALL_HITS,
    SEARCH_NOW_CHARS,
    FindBar,
)
from ui.session import Session
from ui.suggestions import Installed
from ui.suggestions.controller import BUSY_AT
from ui.widgets import items
from ui.workbench.layer_display import PATCH_MAX
from ui.workbench.mainwindow import MainWindow
from ui.workbench.menus import open_project

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

WORDS = ["زار", "الوفد", "باريس", "ثم", "عاد", "من", "لندن", "و", "الحكومة", "والاجتماع"]
N = max(BUSY_AT, PATCH_MAX, DRAW_ALL_HITS) + 200
"""occurrences of باريس: more than the window patches, shows busy for, or draws as hits"""
GAZ = "gazetteer:<b>x</b>"
"""a source named after a file: shown as plain text"""
TEXT = " ".join(WORDS[i % len(WORDS)] for i in range(N * len(WORDS)))


def installed_of(w: MainWindow) -> Installed:
    found = getattr(w, "suggestions_installed", None)
    assert isinstance(found, Installed)
    return found


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="big").id
        at = TEXT.index("باريس")
        AddSpan(doc, at, at + 5, "GPE", "amal").do(p)
        london = TEXT.index("لندن")
        p.add_suggestions([Suggestion(new_uuid(), doc, london, london + 4, "GPE", "لندن", GAZ)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    w = MainWindow(Session(), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.quiet_errors = True
    qtbot.addWidget(w)
    assert open_project(w, path)
    assert w.ensure_annotator()
    w.resize(1000, 700)
    w.show()
    QApplication.processEvents()
    yield w
    w.close()


def test_annotate_all_is_undone_and_accept_all_reads_the_layer_once(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = window
    project, doc = w.session.project, w.doc
    assert project is not None and doc is not None
    controller = installed_of(w).controller
    second = TEXT.index("باريس", TEXT.index("باريس") + 1)
    rejected = Suggestion(new_uuid(), doc.id, second, second + 5, "GPE", "باريس", ANNOTATE_ALL)
    project.add_suggestions([rejected])
    project.reject_suggestions([rejected.uuid])  # remembered: never suggested again
    w.select_span(project.spans(doc.id)[0].uuid)
    stack = w.session.undo_stack
    depth = stack.count()
    stored = tools_of(w).annotate_all(False)
    assert stored == N - 2  # (its own span and the rejected one left out)
    assert stack.count() == depth + 1  # one undo step
    assert len(controller.shown()) == stored + 1  # and the gazetteer's

    cursors: list[Qt.CursorShape | None] = []
    execute = w.session.execute

    def watched(command: object, select: str = "") -> bool:
        shape = QApplication.overrideCursor()
        cursors.append(shape.shape() if shape is not None else None)
        return execute(command, select)  # type: ignore[arg-type]

    monkeypatch.setattr(w.session, "execute", watched)
    reads: list[int] = []
    w.model.layerLoaded.connect(lambda: reads.append(1))
    assert controller.accept_all()
    QApplication.processEvents()
    assert cursors == [Qt.CursorShape.WaitCursor]
    assert QApplication.overrideCursor() is None  # restored
    assert len(reads) == 1  # the layer read once, not patched span by span
    assert project.span_count(doc.id, "amal") == stored + 2
    assert w.annotations.model.rowCount() == stored + 2
    assert len(w.view.spans()) == stored + 2
    assert controller.shown() == []

    w.session.undo()  # the accept
    QApplication.processEvents()
    assert project.span_count(doc.id, "amal") == 1
    assert w.annotations.model.rowCount() == 1
    assert len(controller.shown()) == stored + 1
    w.session.undo()  # the annotate-all: exactly its suggestions withdrawn
    QApplication.processEvents()
    assert [s.source for s in controller.shown()] == [GAZ]
    assert project.rejected_suggestions(doc.id) == {rejected.key}
    w.session.redo()
    QApplication.processEvents()
    assert len(controller.shown()) == stored + 1


def test_withdraw_a_source_is_not_remembered(window: MainWindow, qtbot: QtBot, shots: Path) -> None:
    w = window
    project, doc = w.session.project, w.doc
    assert project is not None and doc is not None
    installed = installed_of(w)
    controller, panel = installed.controller, installed.panel
    w.select_span(project.spans(doc.id)[0].uuid)
    stored = tools_of(w).annotate_all(False)
    ours = next(s for s in controller.shown() if s.source == ANNOTATE_ALL)
    controller.select(ours)
    button = panel.findChild(QPushButton, "suggestion_withdraw")
    assert button is not None and button.isEnabled()
    assert button.text() == "Withdraw these suggestions"
    tips = {item.toolTip(0) for item in items(panel.list)}
    assert tips == {plain_tooltip(ANNOTATE_ALL), plain_tooltip(GAZ)}
    button.click()
    QApplication.processEvents()
    assert [s.source for s in controller.shown()] == [GAZ]
    assert project.rejected_suggestions() == set()  # not remembered
    w.session.undo()
    QApplication.processEvents()
    assert len(controller.shown()) == stored + 1
    w.docks["suggestions"].show()
    w.docks["suggestions"].raise_()
    QApplication.processEvents()
    assert w.docks["suggestions"].grab().save(str(shots / "accept_all_big_dock.png"))


def test_find_bar_waits_for_typing_and_draws_the_hits_in_view(
    window: MainWindow, qtbot: QtBot
) -> None:
    w = window
    assert len(TEXT) >= SEARCH_NOW_CHARS
    bar = w.findChild(FindBar)
    assert bar is not None
    QTest.keyClick(w.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar.edit.insert("باري")
    assert bar.hits == []  # not searched at this keystroke
    bar.edit.insert("س")
    qtbot.waitUntil(lambda: len(bar.hits) == N, timeout=5000)
    drawn = w.view.extraSelections()
    assert 0 < len(drawn) < N  # only those around the visible text
    current = [s for s in drawn if s.format.background().color() == CURRENT_BACKGROUND]
    assert [c.cursor.selectionStart() for c in current] == [bar.hits[0].start]
    w.actions_by_name["find_next"].trigger()  # F3
    assert bar.current == 1
    drawn = w.view.extraSelections()
    current = [s for s in drawn if s.format.background().color() == CURRENT_BACKGROUND]
    assert [c.cursor.selectionStart() for c in current] == [bar.hits[1].start]
    # the end of the document: its hits are drawn once scrolled there
    bar.previous()
    bar.previous()  # (cycles to the last hit)
    assert bar.current == N - 1
    QApplication.processEvents()
    starts = {s.cursor.selectionStart() for s in w.view.extraSelections()}
    assert bar.hits[-1].start in starts and bar.hits[0].start not in starts
    # Return right after typing searches at once what was typed
    bar.edit.setText("لندن")
    QTest.keyClick(bar.edit, Qt.Key.Key_Return)
    assert len(bar.hits) == N and bar.current == 0

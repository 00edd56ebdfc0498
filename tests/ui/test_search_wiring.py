"""The find bar (Ctrl+F) and the corpus search dock (Ctrl+Shift+F) in the workbench
(``ui.workbench.menus.wire_search``): Ctrl+F finds a word in the open document and selects it,
a click on a dock line opens that line's document with the hit selected."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from annotator.project import Project
from ui.search import FindBar, SearchDock
from ui.session import Session
from ui.workbench.mainwindow import MainWindow
from ui.workbench.menus import open_project

SEED = Path(__file__).parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"
TEXT = SEED.read_text(encoding="utf-8")
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
OTHER = "وصل الوفد بأمستردام ثم زار وهولندا الجنوبية.\nاجتماع آخر."


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_document(TEXT, name="seed")
        p.add_document(OTHER, name="other")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    w = MainWindow(Session(), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.quiet_errors = True
    qtbot.addWidget(w)
    assert open_project(w, path)
    assert w.ensure_annotator()
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    yield w
    w.close()


def test_ctrl_f_finds_a_word_in_the_open_document(qtbot: QtBot, window: MainWindow) -> None:
    assert window.doc is not None and window.doc.name == "seed"
    bar = window.findChild(FindBar)
    assert bar is not None and not bar.isVisible()
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert bar.isVisible() and bar.edit.hasFocus()
    bar.edit.insert("باريس")  # typed (QTest types ASCII keys only)
    inside = TEXT.index("بباريس") + 1
    assert len(bar.hits) >= 2
    assert (inside, inside + 5) in {(h.start, h.end) for h in bar.hits}
    first = bar.hits[0]
    assert window.view.selection() == (first.start, first.end)
    assert TEXT[first.start : first.end] == "باريس"
    assert bar.count.text() == f"1 of {len(bar.hits)}"
    window.actions_by_name["find_next"].trigger()  # F3
    second = bar.hits[1]
    assert window.view.selection() == (second.start, second.end)
    # another document: the bar searches it
    window.open_document(window.session.project.documents()[1].id)  # type: ignore[union-attr]
    assert bar.hits == [] and bar.count.text() == "no hits"


def test_a_dock_search_opens_the_hits_document_with_the_hit_selected(
    qtbot: QtBot, window: MainWindow
) -> None:
    dock = window.findChild(SearchDock)
    assert dock is not None and not dock.isVisible()
    window.actions_by_name["search"].trigger()  # Ctrl+Shift+F
    assert dock.isVisible()
    assert window.actions_by_name["search"].shortcut().toString() == "Ctrl+Shift+F"
    dock.edit.setText("امستردام")  # folded: the alef form does not matter; ب is a clitic
    with qtbot.waitSignal(dock.searchFinished, timeout=20_000) as blocker:
        dock.search()
    assert blocker.args == ["finished", 1]
    line = dock.model.lines[0]
    start = OTHER.index("بأمستردام") + 1
    assert (line.start, line.end) == (start, start + 8)
    assert window.doc is not None and window.doc.name == "seed"
    index = dock.view.model().index(0, 1)
    dock.view.clicked.emit(index)
    assert window.doc is not None and window.doc.name == "other"
    assert window.view.selection() == (start, start + 8)
    assert window.view.text()[start : start + 8] == "أمستردام"

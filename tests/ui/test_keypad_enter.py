"""The keypad's Enter does what Return does: Ctrl+Enter marks the document done and goes to
the next one, Enter applies the last label again (README's key table). Qt tells the keypad's
Enter (Key_Enter) from Return (Key_Return), and only Return had the shortcuts: the keypad key
did nothing (QA 14)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from annotator.project import Project
from tests.ui.conftest import open_window
from ui.app import sample_project_path
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")
KP = Qt.KeyboardModifier.KeypadModifier
C = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def w(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    path = sample_project_path(tmp_path / "data")
    with Project.open(path) as p:
        p.add_document("نص ثان عن باريس.", name="second")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    win = open_window(qtbot, tmp_path, path)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    win.view.setFocus()
    yield win
    win.session.close()


def at(w: MainWindow, word: str) -> tuple[int, int]:
    assert w.model.doc is not None
    i = w.model.doc.text.index(word)
    return i, i + len(word)


@pytest.mark.parametrize(("key", "mods"), [(Qt.Key.Key_Return, C), (Qt.Key.Key_Enter, C | KP)])
def test_ctrl_enter_marks_done_and_goes_on(
    w: MainWindow, key: Qt.Key, mods: Qt.KeyboardModifier
) -> None:
    assert w.model.doc is not None and w.session.project is not None
    first = w.model.doc.id
    QTest.keyClick(w.view, key, mods)
    QApplication.processEvents()
    assert w.model.doc.id != first
    assert w.session.project.status(first, "amal") == "done"


@pytest.mark.parametrize(
    ("key", "mods"), [(Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_Enter, KP)]
)
def test_enter_applies_the_last_label(
    w: MainWindow, key: Qt.Key, mods: Qt.KeyboardModifier
) -> None:
    assert w.session.project is not None
    w.view.select(*at(w, "فرنسا"))
    QTest.keyClick(w.view, Qt.Key.Key_G)
    w.view.select(*at(w, "ألمانيا"))
    QTest.keyClick(w.view, key, mods)
    QApplication.processEvents()
    got = sorted(s.text for s in w.session.project.spans(None, "amal"))
    assert got == sorted(["فرنسا", "ألمانيا"])

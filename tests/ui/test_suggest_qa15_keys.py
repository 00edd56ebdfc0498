"""QA 15, the Suggestions keys: Shift+Return and Shift+Delete act on the row highlighted in the
Suggestions list after moving with the arrow keys (they acted on the suggestion outlined in
the text, the row clicked first), and the text follows the highlight; Shift + the keypad's
Enter accepts as Shift+Return does (the keypad's Enter does what Return does everywhere)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from annotator.project import Project
from annotator.search.suggestions import Suggestion
from annotator.uuids import new_uuid
from tests.ui.conftest import open_window
from ui.suggestions import Installed, install
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")

ME = "amal"
TEXT = "زار الوزير باريس ثم لندن ثم روما ثم مدريد في جولة طويلة."
WORDS = ["باريس", "لندن", "روما", "مدريد"]
SHIFT = Qt.KeyboardModifier.ShiftModifier
KP = Qt.KeyboardModifier.KeypadModifier


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    """One document with a pending suggestion on each of ``WORDS``, the window on it."""
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="d").id
        made = []
        for word in WORDS:
            start = TEXT.index(word)
            made.append(
                Suggestion(new_uuid(), doc, start, start + len(word), "GPE", word, "file:t", 0.9)
            )
        assert p.add_suggestions(made) == len(WORDS)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    w = open_window(qtbot, tmp_path, path)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    yield w
    w.session.close()


def accepted(w: MainWindow) -> list[str]:
    assert w.session.project is not None
    return sorted(s.text for s in w.session.project.spans(None, ME))


def _installed(w: MainWindow) -> Installed:
    installed = install(w)
    assert [s.text for s in installed.controller.rows.rows] == WORDS
    return installed


def _click_first_then_down_twice(w: MainWindow) -> Installed:
    installed = _installed(w)
    table = installed.panel.list
    first = table.model().index(0, 1)
    QTest.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(first).center()
    )
    assert w.view.selected_suggestion() == installed.controller.rows.rows[0].uuid
    QTest.keyClick(table, Qt.Key.Key_Down)
    QTest.keyClick(table, Qt.Key.Key_Down)
    QApplication.processEvents()
    assert table.currentIndex().row() == 2
    return installed


def test_shift_return_accepts_the_row_highlighted_with_the_arrows(window: MainWindow) -> None:
    installed = _click_first_then_down_twice(window)
    # the text follows the highlight: the third suggestion is the one outlined
    assert window.view.selected_suggestion() == installed.controller.rows.rows[2].uuid
    QTest.keyClick(installed.panel.list, Qt.Key.Key_Return, SHIFT)
    QApplication.processEvents()
    assert accepted(window) == ["روما"]


def test_shift_delete_rejects_the_row_highlighted_with_the_arrows(window: MainWindow) -> None:
    installed = _click_first_then_down_twice(window)
    QTest.keyClick(installed.panel.list, Qt.Key.Key_Delete, SHIFT)
    QApplication.processEvents()
    assert [s.text for s in installed.controller.rows.rows] == ["باريس", "لندن", "مدريد"]
    assert accepted(window) == []


def test_a_row_going_away_does_not_move_the_text(window: MainWindow) -> None:
    """Only the keys move the outline with the highlight: a suggestion leaving the list under
    the highlight (here rejected from the text) does not outline its neighbour by itself."""
    installed = _installed(window)
    c = installed.controller
    c.select(c.rows.rows[1])
    assert installed.panel.list.currentIndex().row() == 1
    outlined = []
    c.current.connect(outlined.append)
    assert c.reject()
    # the controller outlines the next one (its own rule), once: no second outline by the
    # list's highlight moving when the row went
    assert [s.text for s in outlined] == ["روما"]


@pytest.mark.parametrize(
    ("key", "mods"), [(Qt.Key.Key_Return, SHIFT), (Qt.Key.Key_Enter, SHIFT | KP)]
)
def test_shift_enter_on_the_keypad_accepts_as_shift_return(
    window: MainWindow, key: Qt.Key, mods: Qt.KeyboardModifier
) -> None:
    installed = _installed(window)
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_F6)
    assert window.view.selected_suggestion() == installed.controller.rows.rows[0].uuid
    QTest.keyClick(window.view, key, mods)
    QApplication.processEvents()
    assert accepted(window) == ["باريس"]
    assert window.session.undo_stack.index() == 1


def test_ctrl_shift_enter_on_the_keypad_accepts_all(window: MainWindow) -> None:
    _installed(window)
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier | SHIFT | KP)
    QApplication.processEvents()
    assert accepted(window) == sorted(WORDS)


def test_the_keys_page_names_shift_return_first(window: MainWindow) -> None:
    """The keypad's Enter is a second shortcut: the action's key (what the keys page and the
    palette show) stays Shift+Return."""
    action = _installed(window).actions["suggestion_accept"]
    assert action.shortcut().toString() == "Shift+Return"
    assert [k.toString() for k in action.shortcuts()] == ["Shift+Return", "Shift+Enter"]

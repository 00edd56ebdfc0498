"""Keys in the window's lists, trees and tables are theirs (found by QA): Return in the
document list opens the highlighted document instead of applying the last label to the text
selection, and the label hotkeys (and the single-key actions R, A, Return) act in no list,
tree, table, combo box or button; the arrows only move the highlight. Keys with modifiers
(Shift+Return accepts a suggestion) stay the window's."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHeaderView,
    QInputDialog,
    QWidget,
)
from pytestqt.qtbot import QtBot

from annotator.project import Project
from tests.ui.conftest import open_window
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

SEED = Path(__file__).parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"
TEXT = SEED.read_text(encoding="utf-8")
ME = "amal"


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_document(TEXT, name="seed")
        p.add_document("نص ثان عن باريس.", name="second")
        p.add_document("نص ثالث عن بغداد.", name="third")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    w = open_window(qtbot, tmp_path, path)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    w.view.setFocus()
    yield w
    w.session.close()


def spans(w: MainWindow) -> set[tuple[str, str]]:
    assert w.session.project is not None
    return {(s.text, s.label) for s in w.session.project.spans(None, ME)}


def labelled(w: MainWindow) -> set[tuple[str, str]]:
    """France labelled GPE with its hotkey (so Return has a last label), then Germany
    selected in the view: what a hotkey leaking from a list would label."""
    start = TEXT.index("فرنسا")
    w.view.setFocus()
    w.view.select(start, start + len("فرنسا"))
    QTest.keyClick(w.view, Qt.Key.Key_G)
    start = TEXT.index("ألمانيا")
    w.view.select(start, start + len("ألمانيا"))
    assert w.editing.last_label == "GPE"
    return spans(w)


def focus(widget: QWidget, qtbot: QtBot) -> None:
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def test_return_in_the_document_list_opens_the_highlighted_document(
    window: MainWindow, qtbot: QtBot
) -> None:
    w = window
    before = labelled(w)
    assert before == {("فرنسا", "GPE")}
    table = w.documents.table
    focus(table, qtbot)
    QTest.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().row() == 1
    assert w.doc is not None and w.doc.name == "seed"  # the arrows move the highlight only
    QTest.keyClick(table, Qt.Key.Key_Return)
    assert w.doc is not None and w.doc.name == "second"
    assert spans(w) == before  # ألمانيا was not labelled
    QTest.keyClick(table, Qt.Key.Key_End)
    QTest.keyClick(table, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert w.doc is not None and w.doc.name == "third"
    assert spans(w) == before


def test_return_in_a_floating_document_list_opens_the_document(
    window: MainWindow, qtbot: QtBot
) -> None:
    w = window
    before = labelled(w)
    dock = next(d for d in w.findChildren(QDockWidget) if d.isAncestorOf(w.documents))
    dock.setFloating(True)
    table = w.documents.table
    dock.activateWindow()
    focus(table, qtbot)
    QTest.keyClick(table, Qt.Key.Key_Down)
    QTest.keyClick(table, Qt.Key.Key_Return)
    assert w.doc is not None and w.doc.name == "second"
    assert spans(w) == before


def _choosers(w: MainWindow) -> list[QWidget]:
    """Every list, tree, table, combo box and button of the window and its docks (docks
    shown), header views aside (they take no focus)."""
    for dock in w.findChildren(QDockWidget):
        dock.show()
    kinds = (QAbstractItemView, QComboBox, QAbstractButton)
    found: list[QWidget] = [
        x
        for x in w.findChildren(QWidget)
        if isinstance(x, kinds)
        and not isinstance(x, QHeaderView)
        and x.focusPolicy() != Qt.FocusPolicy.NoFocus
        and x.isEnabled()
        and not (isinstance(x, QComboBox) and x.isEditable())
    ]
    return found


def test_label_hotkeys_and_single_key_actions_never_act_in_a_list(
    window: MainWindow, qtbot: QtBot
) -> None:
    w = window
    before = labelled(w)
    fired: list[str] = []
    for name in ("apply_last", "add_relation", "new_argument"):
        w.actions_by_name[name].triggered.connect(lambda _c=False, n=name: fired.append(n))
    choosers = [x for x in _choosers(w) if x.isVisible()]
    views = [x for x in choosers if isinstance(x, QAbstractItemView)]
    # the document list, the annotations list, the label palette, the search results, the
    # suggestions, the entity list, the events tree (at least these)
    assert len(views) >= 5, views
    for widget in choosers:
        widget.setFocus()
        if not widget.hasFocus():
            continue
        # keep the selection the hotkeys would label (a Return in a list may move it)
        start = TEXT.index("ألمانيا")
        if w.doc is not None and w.doc.name == "seed":
            w.view.select(start, start + len("ألمانيا"))
        for key in (Qt.Key.Key_G, Qt.Key.Key_R, Qt.Key.Key_A, Qt.Key.Key_Return):
            QTest.keyClick(widget, key)
            assert not fired, (widget, key, fired)
            if isinstance(widget, QAbstractItemView) and key == Qt.Key.Key_Return:
                before = spans(w)  # the row's own action (the palette labels with its label)
            assert spans(w) == before, (widget, key)
        assert not w.editing.hotkeys.pending


def test_keys_with_modifiers_stay_the_windows_in_a_list(window: MainWindow, qtbot: QtBot) -> None:
    w = window
    labelled(w)
    fired: list[str] = []
    action = w.actions_by_name["suggestion_accept"]
    action.triggered.connect(lambda _c=False: fired.append("accept"))
    table = w.documents.table
    focus(table, qtbot)
    QTest.keyClick(table, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert fired == ["accept"]
    assert w.doc is not None and w.doc.name == "seed"


def test_hotkeys_still_act_in_the_document_view(window: MainWindow, qtbot: QtBot) -> None:
    w = window
    before = labelled(w)
    QTest.keyClick(w.view, Qt.Key.Key_Return)
    assert spans(w) == before | {("ألمانيا", "GPE")}

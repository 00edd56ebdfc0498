"""QA day 4 in the workbench, driven with real key presses: a word labelled twice is one span,
an edge moved with Alt+Shift+arrow never ends on a space, Escape lets go of a selected event."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from annotator.project import Project
from annotator.schema import Role
from tests.ui.conftest import open_window
from ui import i18n
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

SEED = Path(__file__).parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"
TEXT = SEED.read_text(encoding="utf-8")
ME = "amal"
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def at(word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_document(TEXT, name="seed")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert i18n.install_translator(app, "ar") == "ar"  # the tester's interface
    w = open_window(qtbot, tmp_path, path)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    w.view.setFocus()
    yield w
    w.session.close()
    i18n.install_translator(app, "en")


def point(w: MainWindow, pos: int) -> QPoint:
    rect, nxt = w.view.cursor_rect(pos), w.view.cursor_rect(pos + 1)
    return QPoint((rect.center().x() + nxt.center().x()) // 2, rect.center().y())


def double_click(w: MainWindow, word: str, nth: int = 0) -> tuple[int, int]:
    start, end = at(word, nth)
    QTest.mouseDClick(
        w.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
        point(w, start + 2),
    )  # fmt: skip
    assert w.view.selection() == (start, end)
    return start, end


def click(w: MainWindow, pos: int) -> None:
    QTest.mouseClick(
        w.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point(w, pos)
    )


def key(
    w: MainWindow, k: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    QTest.keyClick(w.view, k, mods)


def spans(w: MainWindow) -> list[tuple[int, int, str, str]]:
    assert w.session.project is not None and w.model.doc is not None
    return sorted(
        (s.start, s.end, s.label, s.text) for s in w.session.project.spans(w.model.doc.id, ME)
    )


def test_a_word_labelled_twice_is_one_span_and_the_window_says_so(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    w = window
    start, end = double_click(w, "فرنسا")
    key(w, Qt.Key.Key_G)
    (first,) = w.session.project.spans(w.model.doc.id, ME)  # type: ignore[union-attr]
    click(w, at("بباريس")[0] + 3)  # elsewhere, then the same word again
    double_click(w, "فرنسا")
    key(w, Qt.Key.Key_G)
    assert spans(w) == [(start, end, "GPE", "فرنسا")]
    assert w.model.selected_uuid == first.uuid  # the span it has is selected
    said = w.statusBar().currentMessage()
    assert "فرنسا" in said  # (the words are new: English until translated)
    assert w.session.undo_stack.count() == 1  # nothing was written the second time
    w.grab().save(str(tmp_path / "already_labelled.png"))
    # another label on the same place is another span, as before (an entity and a trigger
    # may share a word)
    double_click(w, "فرنسا")
    key(w, Qt.Key.Key_L)
    assert [s[2] for s in spans(w)] == ["GPE", "LOC"]


def test_a_trigger_labelled_twice_is_one_span_and_one_event(window: MainWindow) -> None:
    w = window
    double_click(w, "الاجتماع")
    key(w, Qt.Key.Key_T)
    key(w, Qt.Key.Key_M)
    double_click(w, "الاجتماع")
    key(w, Qt.Key.Key_T)
    key(w, Qt.Key.Key_M)
    project = w.session.project
    assert project is not None and w.model.doc is not None
    assert [s[2] for s in spans(w)] == ["Contact.Meet"]
    assert len(project.events(w.model.doc.id, ME)) == 1


def test_an_edge_moved_by_one_letter_never_ends_on_a_space(window: MainWindow) -> None:
    w = window
    start, end = double_click(w, "الولايات")
    key(w, Qt.Key.Key_G)
    (span,) = w.session.project.spans(w.model.doc.id, ME)  # type: ignore[union-attr]
    w.selection.select_span(span.uuid)
    assert TEXT[end] == " "
    # RTL: the end edge is on the left; Alt+Shift+Left grows the span at its end
    key(w, Qt.Key.Key_Left, ALT | SHIFT)
    assert spans(w) == [(start, end + 2, "GPE", TEXT[start : end + 2])]
    assert not TEXT[start : end + 2].endswith(" ")
    # and back: the space is passed over again
    key(w, Qt.Key.Key_Right, ALT | SHIFT)
    assert spans(w) == [(start, end, "GPE", "الولايات")]


def test_escape_lets_go_of_the_selected_event(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = window
    double_click(w, "بباريس")
    key(w, Qt.Key.Key_G)
    double_click(w, "الاجتماع")
    key(w, Qt.Key.Key_T)
    key(w, Qt.Key.Key_M)
    trigger = w.model.selected_uuid
    assert w.model.event_of(trigger)
    offered: list[list[str]] = []

    def choose(roles: list[Role], covered: str) -> str:
        offered.append([r.name for r in roles])
        return ""

    monkeypatch.setattr(w.event_tools.linker, "choose_role", choose)
    key(w, Qt.Key.Key_Escape)
    assert w.model.selected_uuid == ""
    assert w.view.selection()[0] == w.view.selection()[1]
    click(w, at("بباريس")[0] + 3)
    assert offered == []  # no role menu: the event is no longer selected
    assert w.model.span_of(w.model.selected_uuid).label == "GPE"  # type: ignore[union-attr]
    # a pending relation (R) ends with Escape too
    key(w, Qt.Key.Key_R)
    assert w.event_tools.linker.pending_source
    key(w, Qt.Key.Key_Escape)
    assert not w.event_tools.linker.pending_source and w.model.selected_uuid == ""


def test_escape_ends_a_pending_chord_first(window: MainWindow) -> None:
    w = window
    double_click(w, "بباريس")
    key(w, Qt.Key.Key_G)
    assert w.model.selected_uuid
    key(w, Qt.Key.Key_T)
    assert w.editing.hotkeys.pending
    key(w, Qt.Key.Key_Escape)
    assert not w.editing.hotkeys.pending
    assert w.model.selected_uuid  # one thing at a time
    key(w, Qt.Key.Key_Escape)
    assert w.model.selected_uuid == ""

"""A relation (R) and an existing span as an event's argument (A with no new text) completed
from the keyboard: Tab / Shift+Tab reach the span, Return takes it as a click would
(``Linker.take_click``), Escape cancels (found by QA: Tab moved on but nothing completed, and
Return then labelled the reached span's text a second time)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QMenu
from pytestqt.qtbot import QtBot

from annotator.project import Project
from tests.ui.conftest import open_window
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore(
    "propagateSizeHints", "does not support raise", "does not support grabbing the keyboard"
)

SEED = Path(__file__).parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"
TEXT = SEED.read_text(encoding="utf-8")
ME = "amal"


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    """The seed article with a Contact.Meet event (its trigger الاجتماع), باريس GPE and
    لودريان PER, in reading order."""
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="seed").id
        p.add_span(doc, at("بباريس")[0] + 1, at("بباريس")[1], "GPE", ME)
        p.add_span(doc, *at("لودريان"), "PER", ME)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    w = open_window(qtbot, tmp_path, path)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    w.view.setFocus()
    w.view.select(*at("الاجتماع"))
    key(w, Qt.Key.Key_T)
    key(w, Qt.Key.Key_M)  # the chord T, M: Contact.Meet
    assert w.model.event_of(w.model.selected_uuid)
    key(w, Qt.Key.Key_Escape)
    yield w
    w.session.close()


def project(w: MainWindow) -> Project:
    assert w.session.project is not None
    return w.session.project


def spans(w: MainWindow) -> list[tuple[str, str]]:
    return sorted((s.text, s.label) for s in project(w).spans(None, ME))


def relations(w: MainWindow) -> list[tuple[str, str, str]]:
    by = {s.uuid: s.text for s in project(w).spans(None, ME)}
    return [(r.type, by[r.source], by[r.target]) for r in project(w).relations(None, ME)]


def arguments(w: MainWindow) -> list[tuple[str, str]]:
    by = {s.uuid: s.text for s in project(w).spans(None, ME)}
    (event,) = project(w).events(None, ME)
    return [(a.role, by[a.target]) for a in project(w).arguments(event.uuid)]


def key(
    w: MainWindow, k: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    QTest.keyClick(w.view, k, mods)
    QApplication.processEvents()


def selected_text(w: MainWindow) -> str:
    span = w.model.span_of(w.model.selected_uuid)
    return span.text if span is not None else ""


def tab_to(w: MainWindow, word: str, back: bool = False) -> None:
    mods = Qt.KeyboardModifier.ShiftModifier if back else Qt.KeyboardModifier.NoModifier
    for _ in range(5):
        key(w, Qt.Key.Key_Tab, mods)
        if selected_text(w) == word:
            return
    raise AssertionError(f"Tab never reached {word}")


def select(w: MainWindow, word: str) -> None:
    w.selection.select_span(next(s.uuid for s in w.model.layer.spans if s.text == word))


def on_menu(seen: list[tuple[list[str], QRect]], *keys: Qt.Key) -> None:
    """When the next popup menu opens: note its items and place, then press ``keys`` in it."""

    def fire() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, fire)
            return
        seen.append(([a.text() for a in menu.actions()], menu.geometry()))
        for k in keys:
            QTest.keyClick(menu, k)

    QTimer.singleShot(0, fire)


def menu_closed(w: MainWindow, qtbot: QtBot) -> None:
    """Back in the window after a popup menu: the offscreen platform leaves the closed menu
    the active window (a desktop gives the activation back to the window)."""
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    w.view.setFocus()


def test_a_relation_is_completed_with_tab_and_return(window: MainWindow) -> None:
    w = window
    select(w, "لودريان")
    key(w, Qt.Key.Key_R)
    prompt = w.statusBar().currentMessage()
    assert "click the target span" in prompt and "Tab" in prompt and "Return" in prompt
    tab_to(w, "باريس", back=True)
    assert w.event_tools.linker.pending()  # moving does not complete it
    before = spans(w)
    seen: list[tuple[list[str], QRect]] = []
    on_menu(seen, Qt.Key.Key_Down, Qt.Key.Key_Return)
    key(w, Qt.Key.Key_Return)
    assert relations(w) == [("PHYS", "لودريان", "باريس")]
    assert spans(w) == before  # Return labelled nothing
    assert not w.event_tools.linker.pending()
    # the menu the click would give (the types valid for PER -> GPE), opened at the span
    # reached (asked for from the keyboard), not at the mouse pointer
    items, place = seen[0]
    assert items[1:] == ["Physical", "Organization affiliation", "General affiliation"]
    paris = w.model.span_of(w.model.selected_uuid)
    assert paris is not None and paris.text == "لودريان"  # the source selected, as a click
    port = w.view.viewport()
    rect = w.view.cursor_rect(at("بباريس")[0] + 1)
    anchor = port.mapToGlobal(rect.center())
    assert abs(place.top() - anchor.y()) < 3 * rect.height() + place.height()


def test_escape_cancels_a_pending_relation(window: MainWindow) -> None:
    w = window
    select(w, "لودريان")
    key(w, Qt.Key.Key_R)
    tab_to(w, "باريس", back=True)
    key(w, Qt.Key.Key_Escape)
    assert not w.event_tools.linker.pending() and w.statusBar().currentMessage() == ""
    tab_to(w, "باريس")
    key(w, Qt.Key.Key_Return)  # no link pending and no last label: nothing
    assert relations(w) == [] and len(spans(w)) == 3


def test_return_after_r_on_a_trigger_labels_no_span_over_it(window: MainWindow) -> None:
    """QA: R on the trigger, Tab to باريس, Return put a GPE span on top of the trigger."""
    w = window
    select(w, "لودريان")
    key(w, Qt.Key.Key_G)  # relabelled GPE: the last label is GPE
    key(w, Qt.Key.Key_P)
    before = spans(w)
    tab_to(w, "الاجتماع")
    key(w, Qt.Key.Key_R)
    tab_to(w, "باريس")
    key(w, Qt.Key.Key_Return)  # no relation type links a Contact.Meet trigger to a GPE
    assert spans(w) == before and relations(w) == []
    assert "No relation type links" in w.statusBar().currentMessage()
    assert not w.event_tools.linker.pending()
    # and Tab back to the trigger then Return (the last label, PER) relabels nothing over it
    # (the trigger keeps its type as a relabel of it would ask first)
    assert ("الاجتماع", "Contact.Meet") in spans(w)


def test_an_existing_span_becomes_an_argument_from_the_keyboard(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    w = window
    linker = w.event_tools.linker
    monkeypatch.setattr(linker, "choose_label", lambda *a: pytest.fail("no new span"))
    tab_to(w, "الاجتماع")  # the trigger and its text selected
    key(w, Qt.Key.Key_A)
    assert linker.pending() and "Tab" in w.statusBar().currentMessage()
    tab_to(w, "لودريان")
    seen: list[tuple[list[str], QRect]] = []
    on_menu(seen, Qt.Key.Key_Down, Qt.Key.Key_Return)
    key(w, Qt.Key.Key_Return)
    assert seen and seen[0][0][1] == "Entity"  # the roles accepting a PER
    assert arguments(w) == [("Entity", "لودريان")]
    assert len(spans(w)) == 3 and not linker.pending()
    assert selected_text(w) == "الاجتماع"  # the event stays selected, as after a click
    menu_closed(w, qtbot)
    # once more, to a span that fills no role left: it is said, nothing is added
    key(w, Qt.Key.Key_A)
    tab_to(w, "لودريان")
    key(w, Qt.Key.Key_Return)
    assert "already an argument" in w.statusBar().currentMessage()
    assert arguments(w) == [("Entity", "لودريان")] and selected_text(w) == "لودريان"
    # Escape cancels a pending argument
    tab_to(w, "الاجتماع")
    key(w, Qt.Key.Key_A)
    key(w, Qt.Key.Key_Escape)
    assert not linker.pending()


def test_a_pending_argument_takes_a_click_too(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = window
    linker = w.event_tools.linker
    monkeypatch.setattr(linker, "choose_role", lambda roles, covered: roles[-1].name)
    select(w, "الاجتماع")
    key(w, Qt.Key.Key_A)  # nothing but the trigger selected
    paris = next(s for s in w.model.layer.spans if s.text == "باريس")
    w.editing.on_span_clicked(paris.uuid)  # what a click on it does
    assert arguments(w) == [("Place", "باريس")]


def test_keyboard_relation_in_the_arabic_interface(
    arabic: QApplication, window: MainWindow, shots: Path
) -> None:
    w = window
    select(w, "لودريان")
    key(w, Qt.Key.Key_R)
    tab_to(w, "باريس", back=True)
    w.grab().save(str(shots / "keyboard_relation_pending_ar.png"))  # the prompt
    on_menu([], Qt.Key.Key_Down, Qt.Key.Key_Return)
    key(w, Qt.Key.Key_Return)
    assert relations(w) == [("PHYS", "لودريان", "باريس")]
    QApplication.processEvents()
    w.grab().save(str(shots / "keyboard_relation_ar.png"))

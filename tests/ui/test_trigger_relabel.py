"""A trigger relabelled with an entity hotkey (QA, events round 5): the span became GPE and its
Contact.Meet event stayed on it, with no problem listed. Now the window asks first ("this span
triggers a Contact.Meet event …; relabelling it as GPE removes the event"), a yes relabels and
removes the event with its arguments in one step (one undo brings all back), a no changes
nothing. An event deleted from the events panel takes its trigger span along when no other
event uses it (it used to stay, listed as a trigger without an event)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from annotator.project import Project
from tests.ui.conftest import open_window
from ui import i18n
from ui.workbench import event_wiring
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TEXT = "قال جان إيف لودريان إن الاجتماع سيعقد في باريس."
ME = "amal"
SHOTS = Path(os.environ.get("SHOTS", "/tmp"))


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[MainWindow, str]]:
    """A window on a layer where الاجتماع triggers Contact.Meet (Entity لودريان, Place
    باريس); the trigger span selected."""
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="d")
        per = p.add_span(doc.id, *at("جان إيف لودريان"), "PER", ME)
        gpe = p.add_span(doc.id, *at("باريس"), "GPE", ME)
        trigger = p.add_span(doc.id, *at("الاجتماع"), "Contact.Meet", ME)
        event = p.add_event(trigger.uuid)
        p.add_argument(event.uuid, "Entity", per.uuid)
        p.add_argument(event.uuid, "Place", gpe.uuid)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    w = open_window(qtbot, tmp_path, path)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    w.view.setFocus()
    w.selection.select_written(trigger.uuid)  # as after labelling it: no text selected
    assert w.model.selected_uuid == trigger.uuid
    yield w, trigger.uuid
    w.session.close()


def _state(w: MainWindow) -> tuple[Any, ...]:
    p = w.session.project
    assert p is not None
    return (
        sorted((s.uuid, s.label) for s in p.spans(None, ME)),
        sorted((e.uuid, e.type, e.trigger) for e in p.events(None, ME)),
        sorted((a.uuid, a.role, a.target) for e in p.events(None, ME) for a in p.arguments(e.uuid)),
    )


def _problems(w: MainWindow) -> list[str]:
    return [f.issue.kind for f in w.event_tools.validation.check()]


def test_relabel_hotkey_on_a_trigger_asks_and_removes_the_event(
    window: tuple[MainWindow, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    w, trigger = window
    asked: list[str] = []
    answer = [""]

    def ask(parent: Any, title: str, text: str, choices: Any) -> str:
        asked.append(text)
        return answer[0]

    monkeypatch.setattr(event_wiring, "ask_choice", ask)
    start = _state(w)
    QTest.keyClick(w.view, Qt.Key.Key_G)  # GPE: cancelled
    assert len(asked) == 1
    assert "Contact.Meet" in asked[0] and "arguments: 2" in asked[0] and "GPE" in asked[0]
    assert _state(w) == start
    answer[0] = "remove"
    QTest.keyClick(w.view, Qt.Key.Key_G)
    p = w.session.project
    assert p is not None
    assert p.span(trigger).label == "GPE" and p.events(None, ME) == []
    assert _problems(w) == []
    w.actions_by_name["undo"].trigger()  # one undo: label, event and arguments back
    assert _state(w) == start
    assert _problems(w) == []


def test_relabel_a_trigger_as_another_event_type_asks_nothing(
    window: tuple[MainWindow, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    w, trigger = window
    # (Conflict.Demonstrate has the meeting's roles, Entity and Place; a type lacking one asks
    # first: test_retype_event_roles_window)
    monkeypatch.setattr(event_wiring, "ask_choice", lambda *a: pytest.fail("asked"))
    w.event_tools.relabel(trigger, "Conflict.Demonstrate")
    p = w.session.project
    assert p is not None
    assert [e.type for e in p.events(None, ME)] == ["Conflict.Demonstrate"]


def test_event_deleted_from_the_panel_takes_its_trigger_along(
    window: tuple[MainWindow, str],
) -> None:
    w, trigger = window
    p = w.session.project
    assert p is not None
    w.event_tools.remove("event", p.events(None, ME)[0].uuid)
    assert trigger not in {s.uuid for s in p.spans(None)}  # f0cbaf5: no trigger left alone
    assert w.event_tools.validation.check() == []


def test_the_question_in_arabic(
    window: tuple[MainWindow, str], qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    w, trigger = window
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert i18n.install_translator(app, "ar") == "ar"
    shown: list[str] = []

    def look(box: QMessageBox) -> int:
        box.resize(box.sizeHint())
        box.show()
        QApplication.processEvents()
        box.grab().save(str(SHOTS / "trigger_relabel_ar.png"))
        shown.append(box.text())
        return 0  # closed: Cancel

    monkeypatch.setattr(QMessageBox, "exec", look)
    try:
        w.event_tools.relabel(trigger, "GPE")
    finally:
        i18n.install_translator(app, "en")
    assert len(shown) == 1
    assert "يُطلِق" in shown[0] or "مُطلِق" in shown[0]
    assert "تحذف الحدث" in shown[0]
    p = w.session.project
    assert p is not None
    assert p.span(trigger).label == "Contact.Meet" and len(p.events(None, ME)) == 1

"""A trigger relabelled in the window as another event type whose roles its event's arguments
do not all fill: a Conflict.Attack (Attacker, Target, Time) relabelled Movement.Transport
(Agent, Artifact, Vehicle, Price, Origin, Destination, Time) by its hotkey kept the Attacker
and the Target, in roles Movement.Transport lacks, and the Problems dock then listed them.

Now ``commands.relabel`` refuses that retype unless ``remove_arguments``, and the window asks
first, as it asks before a trigger relabelled as an entity loses its events (the same box,
``ask_choice``): a yes relabels and removes those arguments in one step (one undo brings all
back), a no changes nothing. The hotkey and the details panel's label box both ask; a relabel
refused even with the arguments removed is said, not asked."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from annotator.project import Project
from tests.ui.conftest import asked_choices, open_window
from ui.workbench import event_wiring
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TEXT = "قال جان إيف لودريان إن <b>الهجوم</b> وقع أمس وإن الجيش نقل الجنود."
TRIGGER = "<b>الهجوم</b>"  # (document text: shown as it is, never as markup)
ME = "amal"


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[MainWindow, str, dict[str, str]]]:
    """A window on a layer where the trigger span covering ``TRIGGER`` triggers a
    Conflict.Attack with an Attacker (لودريان), a Target (الجنود) and a Time (أمس), and
    نقل triggers a Transaction.Transfer-Ownership whose Artifact is الجيش (ORG); the attack's
    trigger selected. Yields the window, the attack's trigger and the arguments' ids by role."""
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="d")
        trigger = p.add_span(doc.id, *at(TRIGGER), "Conflict.Attack", ME)
        event = p.add_event(trigger.uuid)
        args = {
            role: p.add_argument(event.uuid, role, p.add_span(doc.id, *at(word), label, ME).uuid)
            for role, word, label in (
                ("Attacker", "جان إيف لودريان", "PER"),
                ("Target", "الجنود", "PER"),
                ("Time", "أمس", "TIME"),
            )
        }
        sold = p.add_span(doc.id, *at("نقل"), "Transaction.Transfer-Ownership", ME)
        sale = p.add_event(sold.uuid)
        p.add_argument(sale.uuid, "Artifact", p.add_span(doc.id, *at("الجيش"), "ORG", ME).uuid)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    w = open_window(qtbot, tmp_path, path)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    w.view.setFocus()
    w.selection.select_written(trigger.uuid)
    assert w.model.selected_uuid == trigger.uuid
    yield w, trigger.uuid, {role: a.uuid for role, a in args.items()}
    w.session.close()


def _project(w: MainWindow) -> Project:
    assert w.session.project is not None
    return w.session.project


def _state(w: MainWindow) -> tuple[Any, ...]:
    """Every live span, event and argument of the layer, with their fields."""
    p = _project(w)
    return (
        sorted((s.uuid, s.label, s.start, s.end) for s in p.spans(None, ME)),
        sorted((e.uuid, e.type, e.trigger) for e in p.events(None, ME)),
        sorted(
            (a.uuid, a.event, a.role, a.target)
            for e in p.events(None, ME)
            for a in p.arguments(e.uuid)
        ),
    )


def _problems(w: MainWindow) -> list[str]:
    return [f.issue.kind for f in w.event_tools.validation.check()]


def _transport_keys(w: MainWindow) -> None:
    QTest.keyClick(w.view, Qt.Key.Key_M)
    QTest.keyClick(w.view, Qt.Key.Key_T)  # the chord M, T: Movement.Transport


def test_the_hotkey_asks_and_a_yes_removes_the_arguments_in_one_step(
    window: tuple[MainWindow, str, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    w, trigger, args = window
    asked, answer = asked_choices(monkeypatch)
    stack = w.session.undo_stack
    depth = stack.count()
    start = _state(w)
    assert _problems(w) == []
    _transport_keys(w)  # no: nothing changes, no step
    assert len(asked) == 1
    title, text, choices = asked[0]
    assert title == "Relabel a trigger"
    assert text == (
        f"The span “\u2068{TRIGGER}\u2069” triggers a \u2068Conflict.Attack\u2069 event. "
        "Relabelling it as \u2068Movement.Transport\u2069 removes its arguments in roles "
        "\u2068Movement.Transport\u2069 lacks (\u2068Attacker\u2069, \u2068Target\u2069): 2. "
        "Continue?"
    )
    assert choices == [("remove", "Relabel and remove the arguments")]
    assert _state(w) == start and stack.count() == depth
    answer[0] = "remove"  # yes
    _transport_keys(w)
    assert len(asked) == 2
    p = _project(w)
    assert p.span(trigger).label == "Movement.Transport"
    (event,) = [e for e in p.events(None, ME) if e.trigger == trigger]
    assert event.type == "Movement.Transport"
    assert [(a.uuid, a.role) for a in p.arguments(event.uuid)] == [(args["Time"], "Time")]
    assert _problems(w) == []
    assert stack.count() == depth + 1  # one step
    done = _state(w)
    w.actions_by_name["undo"].trigger()  # label, type and both arguments back
    assert _state(w) == start
    assert _problems(w) == []
    w.actions_by_name["redo"].trigger()
    assert _state(w) == done


def test_the_details_label_box_asks_as_the_hotkey_does(
    window: tuple[MainWindow, str, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    w, trigger, _args = window
    asked, answer = asked_choices(monkeypatch)
    start = _state(w)
    box = w.details.label_box

    def pick(label: str) -> None:
        index = box.findData(label)
        assert index >= 0
        box.setCurrentIndex(index)
        box.activated.emit(index)  # as the user's choice in the list

    pick("Movement.Transport")  # cancelled: the box shows the span's label again
    assert len(asked) == 1 and "Movement.Transport" in asked[0][1]
    assert _state(w) == start
    assert box.currentData() == "Conflict.Attack"
    answer[0] = "remove"
    pick("Movement.Transport")
    assert _project(w).span(trigger).label == "Movement.Transport"
    assert _problems(w) == []


def test_one_argument_is_said_so(
    window: tuple[MainWindow, str, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Life.Die has Time and neither Attacker nor Target; with the Target removed first, one
    argument is in a role it lacks."""
    w, trigger, args = window
    asked, answer = asked_choices(monkeypatch)
    w.event_tools.remove("argument", args["Target"])
    answer[0] = "remove"
    assert w.event_tools.relabel(trigger, "Life.Die")
    (_title, text, choices) = asked[0]
    assert "(\u2068Attacker\u2069): 1. Continue?" in text
    assert choices == [("remove", "Relabel and remove the argument")]
    p = _project(w)
    (event,) = [e for e in p.events(None, ME) if e.trigger == trigger]
    assert event.type == "Life.Die"
    assert [a.role for a in p.arguments(event.uuid)] == ["Time"]


def test_a_type_with_the_roles_asks_nothing(
    window: tuple[MainWindow, str, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    w, trigger, args = window
    monkeypatch.setattr(event_wiring, "ask_choice", lambda *a: pytest.fail("asked"))
    for role in ("Attacker", "Target"):
        w.event_tools.remove("argument", args[role])
    assert w.event_tools.relabel(trigger, "Movement.Transport")
    assert _project(w).span(trigger).label == "Movement.Transport"


def test_a_relabel_refused_even_so_is_said_not_asked(
    window: tuple[MainWindow, str, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Transfer-Ownership's Artifact takes an ORG, Movement.Transport's does not: no argument
    is in a role Movement.Transport lacks, the relabel is refused, said in the status bar."""
    w, _trigger, _args = window
    monkeypatch.setattr(event_wiring, "ask_choice", lambda *a: pytest.fail("asked"))
    said: list[str] = []
    w.session.error.connect(said.append)
    p = _project(w)
    sale = next(s for s in p.spans(None, ME) if s.label == "Transaction.Transfer-Ownership")
    start = _state(w)
    assert not w.event_tools.relabel(sale.uuid, "Movement.Transport")
    assert len(said) == 1 and "Artifact" in said[0] and "does not accept" in said[0]
    assert _state(w) == start


def test_the_question_is_plain_text(
    window: tuple[MainWindow, str, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real box: plain text (the span's text quotes markup), a Cancel that changes
    nothing."""
    w, trigger, _args = window
    shown: list[tuple[Qt.TextFormat, str, list[str]]] = []

    def look(box: QMessageBox) -> int:
        buttons = [b.text() for b in box.findChildren(QAbstractButton) if b.text()]
        shown.append((box.textFormat(), box.text(), buttons))
        return 0  # closed: Cancel

    monkeypatch.setattr(QMessageBox, "exec", look)
    start = _state(w)
    assert not w.event_tools.relabel(trigger, "Movement.Transport")
    assert len(shown) == 1
    text_format, text, buttons = shown[0]
    assert text_format == Qt.TextFormat.PlainText
    assert TRIGGER in text
    assert "Relabel and remove the arguments" in buttons
    assert _state(w) == start

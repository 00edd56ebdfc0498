"""Undo/redo through the session's one QUndoStack restores the stored state exactly."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

import ui.events.relations
from annotator import commands as cmds
from annotator.model import Status
from annotator.project import Project
from ui.session import Changes, Session
from ui.workbench.mainwindow import MainWindow
from ui.workbench.menus import open_project

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

SEED = Path(__file__).parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"
TEXT = SEED.read_text(encoding="utf-8")
ME = "amal"


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_document(TEXT, name="seed")
        p.add_document("اجتمع الوزراء في بغداد.", name="second")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    # deleting a span an event uses asks what to remove: answer "only the argument"
    monkeypatch.setattr(ui.events.relations, "ask_choice", lambda *a, **k: "argument")
    session = Session()
    w = MainWindow(session, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.quiet_errors = True
    qtbot.addWidget(w)
    assert open_project(w, path) and w.ensure_annotator()
    yield w
    session.close()


def state(w: MainWindow) -> Any:
    project = w.session.project
    assert project is not None

    def strip(records: Any) -> list[Any]:
        return sorted((dataclasses.replace(r, clock="") for r in records), key=lambda r: r.uuid)

    out = []
    for doc in project.documents():
        layer = project.layer(doc.id)
        out.append(
            (
                strip(layer.spans),
                strip(layer.events),
                strip(layer.arguments),
                strip(layer.relations),
                project.status(doc.id, ME),
            )
        )
    return out


def check(w: MainWindow, edit: Callable[[], object]) -> None:
    before = state(w)
    depth = w.session.undo_stack.count()
    edit()
    after = state(w)
    assert after != before and w.session.undo_stack.count() == depth + 1
    w.actions_by_name["undo"].trigger()
    assert state(w) == before
    w.actions_by_name["redo"].trigger()
    assert state(w) == after


def new_span(w: MainWindow, word: str, label: str) -> str:
    w.view.select(*at(word))
    w.editing.apply_label(label)
    return w.selected_uuid


def test_every_edit_kind_undoes_and_redoes_exactly(window: MainWindow) -> None:
    w = window
    check(w, lambda: new_span(w, "باريس", "GPE"))
    paris = w.selected_uuid
    check(w, lambda: w.selection.relabel(paris, "LOC"))
    w.select_span(paris)
    check(w, lambda: w.editing.move_edge("start", True))
    check(w, lambda: w.selection.set_attributes(paris, {"MentionType": "NAM"}))
    check(w, lambda: w.selection.set_note(paris, "ملاحظة"))
    check(w, lambda: new_span(w, "الاجتماع", "Contact.Meet"))
    trigger = w.selected_uuid
    w.selection.relabel(paris, "GPE")
    event = w.event_of(trigger)
    assert event
    check(w, lambda: w.session.execute(cmds.AddArgument(event, "Place", paris)))
    other = new_span(w, "هولندا", "GPE")
    check(w, lambda: w.editing.add_relation("PART-WHOLE", paris, other))
    check(w, lambda: w.editing.set_status(Status.DONE))
    w.select_span(paris)
    check(w, w.editing.delete_selected)
    w.select_span(trigger)
    check(w, w.editing.delete_selected)


def test_undo_of_delete_restores_the_same_record(window: MainWindow) -> None:
    uuid = new_span(window, "داعش", "ORG")
    project = window.session.project
    assert project is not None
    original = dataclasses.replace(project.span(uuid), clock="")
    window.select_span(uuid)
    window.editing.delete_selected()
    assert uuid not in {s.uuid for s in project.spans()}
    window.session.undo()
    assert dataclasses.replace(project.span(uuid), clock="") == original
    assert window.selected_uuid == uuid


def test_history_survives_document_switches(window: MainWindow, qtbot: QtBot) -> None:
    project = window.session.project
    assert project is not None and window.doc is not None
    seed = window.doc.id
    first = new_span(window, "باريس", "GPE")
    second_doc = next(d.id for d in project.documents() if d.name == "second")
    window.open_document(second_doc)
    window.view.select(17, 22)
    window.editing.apply_label("GPE")
    assert [s.text for s in project.spans(second_doc, ME)] == ["بغداد"]
    window.open_document(seed)
    with qtbot.waitSignal(window.session.changed) as blocker:
        window.session.undo()  # undoes the edit in "second": the window shows it
    assert isinstance(blocker.args[0], Changes) and blocker.args[0].reason == "undo"
    assert window.doc.id == second_doc and not project.spans(second_doc, ME)
    window.session.undo()
    assert window.doc.id == seed and first not in {s.uuid for s in project.spans()}
    window.session.redo()
    window.session.redo()
    assert len(project.spans(None, ME)) == 2


def test_refused_edit_is_not_pushed(window: MainWindow, qtbot: QtBot) -> None:
    with qtbot.waitSignal(window.session.error):
        ok = window.session.execute(
            cmds.AddSpan(window.doc.id if window.doc else 0, 5, 2, "GPE", ME)
        )
    assert not ok and window.session.undo_stack.count() == 0

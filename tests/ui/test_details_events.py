"""The details panel edits the selected trigger's event and the relations touching the span:
attributes with widgets matching their kind, notes, one undo step per edit, errors shown."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCheckBox, QComboBox, QInputDialog, QLineEdit
from pytestqt.qtbot import QtBot

from annotator import commands as cmds
from annotator.model import Event
from annotator.project import Project
from annotator.schema import AttributeDef
from ui.i18n import isolate
from ui.session import Session
from ui.workbench.details import NO_VALUE, LinkedEditor
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
def project_path(tmp_path: Path) -> Path:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_document(TEXT, name="seed")
        # Extra attributes of every kind, for events and for relations.
        p.set_schema(
            dataclasses.replace(
                p.schema,
                attributes=(
                    *p.schema.attributes,
                    AttributeDef("Hypothetical", "bool", (), ("Contact.Meet",)),
                    AttributeDef("Source", "text", (), ("Contact.Meet",)),
                    AttributeDef("Certain", "bool", (), ("PHYS",)),
                ),
            )
        )
    return path


@pytest.fixture
def window(
    qtbot: QtBot, tmp_path: Path, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    session = Session()
    w = MainWindow(session, settings)
    w.quiet_errors = True  # errors go to the status bar, no modal box
    qtbot.addWidget(w)
    assert open_project(w, project_path)
    assert w.ensure_annotator()
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    w.view.setFocus()
    yield w
    session.close()


def mark_meeting(w: MainWindow) -> Event:
    w.view.select(*at("الاجتماع"))
    for key in (Qt.Key.Key_T, Qt.Key.Key_M):  # chord "T, M" = Contact.Meet
        QTest.keyClick(w.view, key)
    assert w.session.project is not None and w.doc is not None
    (event,) = w.session.project.events(w.doc.id, ME)
    assert event.type == "Contact.Meet" and w.selected_uuid == event.trigger
    return event


def editor(w: MainWindow, uuid: str) -> LinkedEditor:
    found = w.details.linked_editor(uuid)
    assert found is not None, "the details panel shows no editor for this record"
    return found


def pick(combo: QComboBox, value: str) -> None:
    index = combo.findText(value)
    assert index >= 0
    combo.setCurrentIndex(index)
    combo.activated.emit(index)  # what a user's choice in the popup emits


def type_note(ed: LinkedEditor, text: str) -> None:
    """Type into the note (QTest cannot type Arabic); it is saved after a pause or on
    leaving the editor."""
    ed.note.selectAll()
    ed.note.insertPlainText(text)


def test_event_realis_and_note_are_stored_undone_and_redone(
    qtbot: QtBot, window: MainWindow
) -> None:
    project = window.session.project
    assert project is not None
    event = mark_meeting(window)
    ed = editor(window, event.uuid)
    assert ed.kind == "event" and "Contact.Meet" in ed.title()
    realis = ed.widgets["Realis"]
    assert isinstance(realis, QComboBox)
    assert [realis.itemText(i) for i in range(realis.count())] == [
        NO_VALUE,
        "Actual",
        "Generic",
        "Other",
    ]
    assert isinstance(ed.widgets["Hypothetical"], QCheckBox)
    assert isinstance(ed.widgets["Source"], QLineEdit)

    pick(realis, "Generic")
    assert project.event(event.uuid).attributes == {"Realis": "Generic"}
    type_note(editor(window, event.uuid), "اجتماع <b>مؤكد</b>")
    qtbot.waitUntil(lambda: project.event(event.uuid).note != "", timeout=3000)  # the pause
    stored = project.event(event.uuid)
    assert stored.note == "اجتماع <b>مؤكد</b>" and stored.attributes == {"Realis": "Generic"}
    # The panel was rebuilt from the stored record and still shows the trigger's event.
    shown = editor(window, event.uuid)
    assert shown.note.toPlainText() == "اجتماع <b>مؤكد</b>"
    assert isinstance(shown.widgets["Realis"], QComboBox)
    assert shown.widgets["Realis"].currentText() == "Generic"

    window.session.undo()  # the note
    assert project.event(event.uuid).note == ""
    assert project.event(event.uuid).attributes == {"Realis": "Generic"}
    assert window.selected_uuid == event.trigger  # undo keeps the trigger selected
    assert editor(window, event.uuid).note.toPlainText() == ""
    window.session.undo()  # the Realis value
    assert project.event(event.uuid).attributes == {}
    combo = editor(window, event.uuid).widgets["Realis"]
    assert isinstance(combo, QComboBox) and combo.currentText() == NO_VALUE
    window.session.redo()
    window.session.redo()
    redone = project.event(event.uuid)
    assert (redone.attributes, redone.note) == ({"Realis": "Generic"}, "اجتماع <b>مؤكد</b>")
    # The span itself was not touched by any of it.
    assert project.span(event.trigger).note == "" and project.span(event.trigger).attributes == {}


def test_bool_and_text_event_attributes(qtbot: QtBot, window: MainWindow) -> None:
    project = window.session.project
    assert project is not None
    event = mark_meeting(window)
    box = editor(window, event.uuid).widgets["Hypothetical"]
    assert isinstance(box, QCheckBox)
    box.click()
    assert project.event(event.uuid).attributes == {"Hypothetical": True}
    line = editor(window, event.uuid).widgets["Source"]
    assert isinstance(line, QLineEdit)
    line.setText("وكالة")
    line.editingFinished.emit()
    assert project.event(event.uuid).attributes == {"Hypothetical": True, "Source": "وكالة"}
    window.session.undo()
    assert project.event(event.uuid).attributes == {"Hypothetical": True}


def test_a_value_the_schema_refuses_goes_to_the_status_bar(
    qtbot: QtBot, window: MainWindow
) -> None:
    project = window.session.project
    assert project is not None
    event = mark_meeting(window)
    ed = editor(window, event.uuid)
    # No widget offers such a value; a stale panel could still send one.
    ed.edited.emit("event", event.uuid, {"attributes": {"Realis": "Bogus"}})
    assert "Bogus" in window.statusBar().currentMessage()
    assert project.event(event.uuid).attributes == {}
    assert window.session.undo_stack.count() == 1  # only the marking itself


def test_relation_note_and_attribute_in_the_details_panel(qtbot: QtBot, window: MainWindow) -> None:
    project = window.session.project
    assert project is not None and window.doc is not None
    doc = window.doc.id
    add_a = cmds.AddSpan(doc, *at("هولندا"), "GPE", ME)
    add_b = cmds.AddSpan(doc, TEXT.index("باريس"), TEXT.index("باريس") + 5, "GPE", ME)
    assert window.session.execute(add_a) and window.session.execute(add_b)
    assert window.session.execute(cmds.AddRelation("PHYS", add_a.uuid, add_b.uuid))
    (rel,) = project.relations(doc, ME)
    window.go_to_span(add_b.uuid)  # the target end shows it too
    ed = editor(window, rel.uuid)
    assert ed.kind == "relation" and f"{isolate('هولندا')} → {isolate('باريس')}" in ed.title()
    type_note(ed, "من الخبر")
    window.details.flush_note()  # what leaving the editor or choosing another span does
    assert project.relation(rel.uuid).note == "من الخبر"
    certain = editor(window, rel.uuid).widgets["Certain"]
    assert isinstance(certain, QCheckBox)
    certain.click()
    assert project.relation(rel.uuid).attributes == {"Certain": True}
    window.session.undo()
    window.session.undo()
    assert (project.relation(rel.uuid).note, project.relation(rel.uuid).attributes) == ("", {})
    assert window.selected_uuid == add_b.uuid
    window.session.redo()
    assert project.relation(rel.uuid).note == "من الخبر"

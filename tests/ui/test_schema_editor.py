"""The schema editor on the real main window: renames relabel annotations in one undo step,
hotkey clashes are shown and refused, removing a used label asks and never deletes."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QColorDialog, QInputDialog
from pytestqt.qtbot import QtBot

from annotator.project import Project
from ui.events import relations
from ui.events.schema_editor import SchemaEditor
from ui.session import Session
from ui.workbench.mainwindow import MainWindow
from ui.workbench.menus import open_project

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TEXT = "قال جان إيف لودريان إن آشتون كارتر سيزور باريس."
ME = "amal"


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="d")
        p.add_span(doc.id, *at("جان إيف لودريان"), "PER", ME)
        p.add_span(doc.id, *at("آشتون كارتر"), "PER", ME)
        p.add_span(doc.id, *at("باريس"), "GPE", ME)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    session = Session()
    w = MainWindow(session, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.quiet_errors = True
    qtbot.addWidget(w)
    assert open_project(w, path) and w.ensure_annotator()
    w.show()
    yield w
    session.close()


@pytest.fixture
def editor(window: MainWindow, qtbot: QtBot) -> SchemaEditor:
    reserved = {"R": "Add relation", "Delete": "Delete span"}
    dialog = SchemaEditor(window.session, reserved, window)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def labels(w: MainWindow) -> list[str]:
    assert w.session.project is not None
    return sorted(s.label for s in w.session.project.spans(None, ME))


def test_rename_relabels_spans_and_one_undo_restores(
    window: MainWindow, editor: SchemaEditor
) -> None:
    project = window.session.project
    assert project is not None
    editor.select("PER", "entities")
    depth = window.session.undo_stack.count()
    editor.name_edit.setText("PERSON")
    QTest.mouseClick(editor.rename_button, Qt.MouseButton.LeftButton)
    assert labels(window) == ["GPE", "PERSON", "PERSON"]
    assert project.schema.entity("PER") is None and project.schema.entity("PERSON") is not None
    assert "PERSON" in project.schema.event("Life.Die").role("Victim").types  # type: ignore[union-attr]
    assert window.session.undo_stack.count() == depth + 1
    assert editor.current() is not None and editor.current().name == "PERSON"  # type: ignore[union-attr]
    assert window.label_palette.item_for("PERSON") is not None  # the palette follows
    window.actions_by_name["undo"].trigger()
    assert labels(window) == ["GPE", "PER", "PER"]
    assert project.schema.entity("PER") is not None and project.schema.entity("PERSON") is None
    names = [
        editor.labels.item(i).data(Qt.ItemDataRole.UserRole) for i in range(editor.labels.count())
    ]
    assert "PER" in names and "PERSON" not in names  # the open dialog follows the undo
    window.actions_by_name["redo"].trigger()
    assert labels(window) == ["GPE", "PERSON", "PERSON"]
    # a taken name is refused inline
    editor.select("PERSON")
    editor.name_edit.setText("GPE")
    QTest.mouseClick(editor.rename_button, Qt.MouseButton.LeftButton)
    assert "already exists" in editor.name_error.text()
    assert labels(window) == ["GPE", "PERSON", "PERSON"]


def test_hotkey_conflicts_are_shown_and_refused(
    window: MainWindow, editor: SchemaEditor, qtbot: QtBot
) -> None:
    project = window.session.project
    assert project is not None
    editor.select("PER", "entities")
    before = project.schema
    assert not editor.set_hotkey("G")  # GPE has it
    assert "GPE" in editor.hotkey_error.text() and project.schema == before
    assert editor.hotkey_edit.keySequence().toString() == "P"  # the field shows the old key
    assert not editor.set_hotkey("T")  # a prefix of the event chords "T, M", "T, P"
    assert "prefix" in editor.hotkey_error.text() and project.schema == before
    assert not editor.set_hotkey("R")  # the window's own "Add relation" key
    assert "Add relation" in editor.hotkey_error.text() and project.schema == before
    assert editor.set_hotkey("Q")
    assert editor.hotkey_error.text() == ""
    assert project.schema.entity("PER").hotkey == "Q"  # type: ignore[union-attr]
    # the window's label shortcuts follow: Q now labels PER
    window.view.select(*at("باريس"))
    window.select_span("")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_Q)
    assert labels(window) == ["GPE", "PER", "PER", "PER"]
    window.session.undo()
    window.session.undo()
    assert project.schema.entity("PER").hotkey == "P"  # type: ignore[union-attr]


def test_removing_a_used_label_asks_and_keeps_annotations(
    window: MainWindow, editor: SchemaEditor, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = window.session.project
    assert project is not None
    answers = iter(["", "keep", "relabel"])
    asked: list[str] = []

    def ask(parent: object, title: str, text: str, choices: list[tuple[str, str]]) -> str:
        asked.append(text)
        return next(answers)

    monkeypatch.setattr(relations, "ask_choice", ask)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("LOC", True))
    editor.select("GPE", "entities")
    editor.remove_current()  # cancelled
    assert "1 annotation" in asked[0] and project.schema.entity("GPE") is not None
    editor.select("GPE")
    editor.remove_current()  # keep: the label goes, the span stays and is reported
    assert project.schema.entity("GPE") is None and labels(window) == ["GPE", "PER", "PER"]
    window.event_tools.validation.refresh()
    assert "unknown-label" in window.event_tools.validation.kinds()
    window.session.undo()
    assert project.schema.entity("GPE") is not None
    editor.select("GPE", "entities")
    editor.remove_current()  # relabel to LOC, then remove: one undo step for both
    assert project.schema.entity("GPE") is None and labels(window) == ["LOC", "PER", "PER"]
    window.session.undo()
    assert project.schema.entity("GPE") is not None and labels(window) == ["GPE", "PER", "PER"]
    # an unused label is removed without a question
    asked.clear()
    editor.select("WEA")
    editor.remove_current()
    assert asked == [] and project.schema.entity("WEA") is None


def test_add_recolour_reorder_roles_and_attributes(
    window: MainWindow, editor: SchemaEditor, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = window.session.project
    assert project is not None
    editor.select("PER", "entities")
    editor.new_name.setText("MISC")
    editor.add_label()
    assert project.schema.entity("MISC") is not None and editor.current().name == "MISC"  # type: ignore[union-attr]
    monkeypatch.setattr(QColorDialog, "getColor", lambda *a, **k: QColor("#123456"))
    editor.pick_color()
    assert project.schema.entity("MISC").color == "#123456"  # type: ignore[union-attr]
    editor.move_label(-1)
    assert [e.name for e in project.schema.entities][-2:] == ["MISC", "CONTACT-INFO"]
    editor.select("Contact.Meet", "events")
    editor.roles.add_button.click()
    meet = project.schema.event("Contact.Meet")
    assert meet is not None and meet.roles[-1].name == "Role1"
    item = editor.roles.table.item(editor.roles.table.rowCount() - 1, 1)
    assert item is not None
    item.setText("PER, NOPE")  # an unknown label: refused inline, table reset
    assert "NOPE" in editor.detail_error.text()
    assert project.schema.event("Contact.Meet").roles[-1].types == ("<ENTITY>",)  # type: ignore[union-attr]
    item = editor.roles.table.item(editor.roles.table.rowCount() - 1, 1)
    assert item is not None
    item.setText("PER | ORG")
    assert project.schema.event("Contact.Meet").roles[-1].types == ("PER", "ORG")  # type: ignore[union-attr]
    editor.attributes.add_button.click()
    assert project.schema.attribute("Attribute1") is not None
    depth = window.session.undo_stack.count()
    for _ in range(depth):
        window.session.undo()
    assert project.schema.entity("MISC") is None and project.schema.attribute("Attribute1") is None

"""Renaming an attribute or an enum value in the schema editor's Attributes table carries into
the annotations' attribute values in one undo step (QA13 defect 3: only the schema changed,
the spans kept MentionType: NAM and ``check`` reported it undefined). Other edits of the table
stay a plain schema edit."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from annotator.project import Project
from ui.events.schema_editor import SchemaEditor
from ui.session import Session
from ui.workbench.mainwindow import MainWindow
from ui.workbench.menus import open_project

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

ME = "amal"
TEXT = "قال الوزير في باريس إن الهجوم وقع."


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="d")
        start = TEXT.index("باريس")
        p.add_span(doc.id, start, start + 5, "GPE", ME, attributes={"MentionType": "NAM"})
        p.add_span(doc.id, 4, 10, "PER", "basma", attributes={"MentionType": "NOM"})
        start = TEXT.index("الهجوم")
        trg = p.add_span(doc.id, start, start + 6, "Conflict.Attack", ME)
        p.add_event(trg.uuid, attributes={"Realis": "Actual", "Tense": "Past"})
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
    dialog = SchemaEditor(window.session, {}, window)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def row(editor: SchemaEditor, name: str) -> int:
    table = editor.attributes
    return next(r for r in range(table.table.rowCount()) if table.text(r, 0) == name)


def span_attributes(window: MainWindow) -> list[dict[str, object]]:
    project = window.session.project
    assert project is not None
    return [dict(s.attributes) for s in project.spans() if s.label != "Conflict.Attack"]


def test_attribute_rename_carries_into_spans_in_one_undo_step(
    window: MainWindow, editor: SchemaEditor
) -> None:
    project = window.session.project
    assert project is not None
    stack = window.session.undo_stack
    depth = stack.count()
    r = row(editor, "MentionType")
    editor.attributes.table.item(r, 0).setText("Mention")
    assert editor.attributes.error.text() == ""
    assert project.schema.attribute("Mention") is not None
    assert project.schema.attribute("MentionType") is None
    assert sorted(map(str, span_attributes(window))) == sorted(
        map(str, [{"Mention": "NOM"}, {"Mention": "NAM"}])
    )
    assert stack.count() == depth + 1
    assert stack.undoText() == "rename attribute MentionType to Mention"
    window.session.undo()
    assert project.schema.attribute("MentionType") is not None
    assert sorted(map(str, span_attributes(window))) == sorted(
        map(str, [{"MentionType": "NOM"}, {"MentionType": "NAM"}])
    )
    assert editor.attributes.text(row(editor, "MentionType"), 0) == "MentionType"


def test_enum_value_rename_carries_into_records(window: MainWindow, editor: SchemaEditor) -> None:
    project = window.session.project
    assert project is not None
    stack = window.session.undo_stack
    depth = stack.count()
    r = row(editor, "MentionType")
    editor.attributes.table.item(r, 2).setText("NAME, NOM, PRO")
    assert editor.attributes.error.text() == ""
    assert sorted(map(str, span_attributes(window))) == sorted(
        map(str, [{"MentionType": "NOM"}, {"MentionType": "NAME"}])
    )
    assert stack.count() == depth + 1
    assert stack.undoText() == "rename value NAM of MentionType to NAME"
    r = row(editor, "Realis")
    editor.attributes.table.item(r, 2).setText("Real, Generic, Other")
    assert [e.attributes for e in project.events()] == [{"Realis": "Real", "Tense": "Past"}]
    window.session.undo()
    window.session.undo()
    assert [e.attributes for e in project.events()] == [{"Realis": "Actual", "Tense": "Past"}]
    assert sorted(map(str, span_attributes(window))) == sorted(
        map(str, [{"MentionType": "NOM"}, {"MentionType": "NAM"}])
    )


def test_other_attribute_edits_stay_a_schema_edit(window: MainWindow, editor: SchemaEditor) -> None:
    project = window.session.project
    assert project is not None
    stack = window.session.undo_stack
    r = row(editor, "MentionType")
    # a value added, not renamed: the records keep theirs
    editor.attributes.table.item(r, 2).setText("NAM, NOM, PRO, NEW")
    assert stack.undoText() == "edit attributes"
    r = row(editor, "MentionType")
    # two values changed at once: not a rename
    editor.attributes.table.item(r, 2).setText("A, B, PRO, NEW")
    assert stack.undoText() == "edit attributes"
    assert sorted(map(str, span_attributes(window))) == sorted(
        map(str, [{"MentionType": "NOM"}, {"MentionType": "NAM"}])
    )


def test_rename_onto_a_name_in_use_is_refused_inline(
    window: MainWindow, editor: SchemaEditor
) -> None:
    project = window.session.project
    assert project is not None
    depth = window.session.undo_stack.count()
    editor.attributes.table.item(row(editor, "MentionType"), 0).setText("Tense")
    assert "already exists" in editor.attributes.error.text()
    assert window.session.undo_stack.count() == depth
    assert project.schema.attribute("MentionType") is not None
    assert editor.attributes.text(row(editor, "MentionType"), 0) == "MentionType"

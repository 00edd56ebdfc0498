"""The schema editor's tables keep what they do not show: an edit of one cell of the Attributes
table keeps every attribute's Arabic name and its values' (a renamed value's too), and a row
or field the user did not edit round-trips unchanged even when it names an older project's
label holding ``,`` (the rows were rebuilt from their cells' text and split such a name)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox, QInputDialog
from pytestqt.qtbot import QtBot

from annotator.project import Project
from annotator.schema import Schema
from annotator.schema.edit import rename_references
from annotator.schema.model import default_schema
from ui.events.schema_editor import SchemaEditor
from ui.events.schema_tables import parse_names
from ui.session import Session
from ui.workbench.mainwindow import MainWindow
from ui.workbench.menus import open_project

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TEXT = "قال جان إيف لودريان إن الاجتماع سيعقد في باريس."
ME = "amal"
COMMA = "G,PE"


def _open(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, schema: Schema | None
) -> Iterator[SchemaEditor]:
    path = tmp_path / "p.annotator"
    with Project.create(path, schema) as p:
        p.add_document(TEXT, name="d")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    session = Session()
    w = MainWindow(session, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.quiet_errors = True
    qtbot.addWidget(w)
    assert open_project(w, path) and w.ensure_annotator()
    w.show()
    editor = SchemaEditor(session, {}, w)
    qtbot.addWidget(editor)
    editor.show()
    yield editor
    session.close()


@pytest.fixture
def editor(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SchemaEditor]:
    yield from _open(qtbot, tmp_path, monkeypatch, None)


@pytest.fixture
def comma_editor(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[SchemaEditor]:
    """A project whose schema (older data) has GPE named ``G,PE``, referenced by roles,
    relation arguments and attributes."""
    yield from _open(
        qtbot, tmp_path, monkeypatch, rename_references(default_schema(), "GPE", COMMA)
    )


def _row(editor: SchemaEditor, name: str) -> int:
    t = editor.attributes.table
    return [t.item(r, 0).text() for r in range(t.rowCount())].index(name)  # type: ignore[union-attr]


def _set_cell(editor: SchemaEditor, name: str, col: int, text: str) -> None:
    item = editor.attributes.table.item(_row(editor, name), col)
    assert item is not None
    item.setText(text)


def test_editing_one_attribute_cell_keeps_every_arabic_name(editor: SchemaEditor) -> None:
    before = editor.schema.attributes
    assert all(a.ar and a.values_ar for a in before)
    _set_cell(editor, "Tense", 3, "Conflict.Attack")
    assert editor.attributes.error.text() == ""
    after = editor.schema.attributes
    expected = tuple(
        replace(a, labels=("Conflict.Attack",)) if a.name == "Tense" else a for a in before
    )
    assert after == expected
    # and the next edit, from the table as reloaded, keeps them too
    _set_cell(editor, "Polarity", 3, "Conflict.Attack, Life.Die")
    assert [(a.name, a.ar, a.values_ar) for a in editor.schema.attributes] == [
        (a.name, a.ar, a.values_ar) for a in before
    ]


def test_renamed_attribute_and_enum_value_keep_their_arabic_names(
    editor: SchemaEditor,
) -> None:
    _set_cell(editor, "MentionType", 2, "NAME, NOM, PRO")
    mention = editor.schema.attribute("MentionType")
    assert mention is not None and mention.values == ("NAME", "NOM", "PRO")
    assert mention.values_ar == (("NAME", "اسم علم"), ("NOM", "اسم عام"), ("PRO", "ضمير"))
    _set_cell(editor, "MentionType", 0, "Mention")
    renamed = editor.schema.attribute("Mention")
    assert renamed is not None and renamed.ar == "نوع الذكر"
    assert renamed.values_ar == mention.values_ar
    # a value removed takes its Arabic name with it; one added has none
    _set_cell(editor, "Mention", 2, "NOM, PRO, OTHER")
    shown = editor.schema.attribute("Mention")
    assert shown is not None and shown.values_ar == (("NOM", "اسم عام"), ("PRO", "ضمير"))


def test_kind_switch_keeps_the_arabic_name(editor: SchemaEditor) -> None:
    row = _row(editor, "Genericity")
    box = editor.attributes.table.cellWidget(row, 1)
    assert isinstance(box, QComboBox)
    box.setCurrentIndex(box.findData("text"))
    box.activated.emit(box.currentIndex())
    genericity = editor.schema.attribute("Genericity")
    assert genericity is not None
    assert (genericity.kind, genericity.values, genericity.ar) == ("text", (), "العمومية")


def test_parse_names_reads_a_known_name_holding_a_comma_whole() -> None:
    assert parse_names("PER, ORG | GPE") == ("PER", "ORG", "GPE")
    assert parse_names("PER, G,PE", ["G,PE", "PER"]) == ("PER", "G,PE")
    assert parse_names("G,PE,PER", ["G,PE"]) == ("G,PE", "PER")
    assert parse_names("G,PEX, PER", ["G,PE"]) == ("G", "PEX", "PER")


def test_untouched_rows_keep_a_name_holding_a_comma(comma_editor: SchemaEditor) -> None:
    editor = comma_editor
    # the Roles table: the cardinality of Time, next to Entity (PER, ORG, G,PE)
    editor.select("Contact.Meet", "events")
    t = editor.roles.table
    row = [t.item(r, 0).text() for r in range(t.rowCount())].index("Time")  # type: ignore[union-attr]
    box = t.cellWidget(row, 2)
    assert isinstance(box, QComboBox)
    box.setCurrentIndex(box.findData("+"))
    box.activated.emit(box.currentIndex())
    assert editor.detail_error.text() == ""
    meet = editor.schema.event("Contact.Meet")
    assert meet is not None
    assert [(r.name, r.types, r.cardinality) for r in meet.roles] == [
        ("Entity", ("PER", "ORG", COMMA), "*"),
        ("Time", ("TIME",), "+"),
        ("Place", (COMMA, "LOC", "FAC"), "?"),
    ]
    # the Attributes table: Tense's values, next to MentionType's labels naming G,PE
    _set_cell(editor, "Tense", 2, "Past, Present, Future, Unknown")
    assert editor.attributes.error.text() == ""
    tense, mention = editor.schema.attribute("Tense"), editor.schema.attribute("MentionType")
    assert tense is not None and tense.values[-1] == "Unknown"
    assert mention is not None and COMMA in mention.labels
    # a relation's Arg2 field, next to Arg1 naming G,PE
    editor.select("PHYS", "relations")
    editor.arg2_edit.setText("FAC, LOC")
    editor.arg2_edit.editingFinished.emit()
    assert editor.detail_error.text() == ""
    phys = editor.schema.relation("PHYS")
    assert phys is not None
    assert (phys.arg1, phys.arg2) == (("PER", "FAC", "LOC", COMMA), ("FAC", "LOC"))


def test_an_edited_cell_naming_it_reads_it_whole(comma_editor: SchemaEditor) -> None:
    editor = comma_editor
    _set_cell(editor, "MentionType", 3, f"PER, {COMMA}")
    assert editor.attributes.error.text() == ""
    mention = editor.schema.attribute("MentionType")
    assert mention is not None and mention.labels == ("PER", COMMA)
    editor.select("PHYS", "relations")
    editor.arg1_edit.setText(f"{COMMA}, PER")
    editor.arg1_edit.editingFinished.emit()
    phys = editor.schema.relation("PHYS")
    assert phys is not None and phys.arg1 == (COMMA, "PER")


def test_a_refusal_names_the_row_edited(comma_editor: SchemaEditor) -> None:
    editor = comma_editor
    editor.select("Contact.Meet", "events")
    item = editor.roles.table.item(1, 1)  # Time's Accepts
    assert item is not None
    item.setText("NOPE")
    error = editor.detail_error.text()
    assert "Time" in error and "NOPE" in error and "Entity" not in error, error
    _set_cell(editor, "Tense", 3, "NOPE")
    error = editor.attributes.error.text()
    assert "Tense" in error and "MentionType" not in error, error

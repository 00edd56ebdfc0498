"""Schema editor defects found by QA: adding a name in use replaced the label, a role rename
orphaned its arguments, display names took control characters, Ctrl+Y (Redo's second key)
could be a label hotkey, and the Arabic interface showed English cardinalities, undo texts and
argument arcs, and a colour code turned round."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QInputDialog
from pytestqt.qtbot import QtBot

from annotator.errors import SchemaError
from annotator.project import Project
from annotator.schema import AttributeDef, Label, default_schema
from annotator.schema.edit import add_label, rename_role, with_attributes
from tests.ui.conftest import open_window
from ui import i18n
from ui.events.schema_editor import SchemaEditor
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TEXT = "قال جان إيف لودريان إن الاجتماع سيعقد في باريس."
ME = "amal"


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="d")
        trigger = p.add_span(doc.id, *at("الاجتماع"), "Contact.Meet", ME)
        event = p.add_event(trigger.uuid)
        place = p.add_span(doc.id, *at("باريس"), "GPE", ME)
        p.add_argument(event.uuid, "Place", place.uuid)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    w = open_window(qtbot, tmp_path, path)
    yield w
    w.session.close()


@pytest.fixture
def editor(window: MainWindow, qtbot: QtBot) -> SchemaEditor:
    dialog = SchemaEditor(window.session, {}, window)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _project(w: MainWindow) -> Project:
    assert w.session.project is not None
    return w.session.project


# -- 1. adding a name in use ------------------------------------------------------------------
def test_adding_a_name_in_use_is_refused_in_every_kind() -> None:
    ace = default_schema()
    for taken in ("GPE", "Contact.Meet", "PHYS"):  # an entity, an event type, a relation
        with pytest.raises(SchemaError, match=f"cannot add: '{taken}' already exists"):
            add_label(ace, Label(taken))
    realis = ace.attribute("Realis")
    assert realis is not None
    with pytest.raises(SchemaError, match="cannot add: 'Realis' already exists"):
        with_attributes(ace, (*ace.attributes, AttributeDef("Realis", "bool")))
    assert add_label(ace, Label("NORP")).entity("NORP") == Label("NORP")


@pytest.mark.parametrize(("kind", "name"), [("entities", "GPE"), ("events", "Contact.Meet")])
def test_the_editor_refuses_to_add_a_name_in_use(
    window: MainWindow, editor: SchemaEditor, kind: str, name: str
) -> None:
    before = _project(window).schema
    depth = window.session.undo_stack.count()
    editor.select(name, kind)
    editor.new_name.setText(name)
    QTest.keyClick(editor.new_name, Qt.Key.Key_Return)
    assert _project(window).schema == before  # names, colour, hotkey, roles all kept
    assert window.session.undo_stack.count() == depth
    assert "already exists" in editor.list_error.text()


# -- 2. a role rename carries its arguments --------------------------------------------------
def _roles(w: MainWindow) -> list[str]:
    return [a.role for a in _project(w).arguments(_project(w).events()[0].uuid)]


def test_renaming_a_role_moves_its_arguments_in_one_undo_step(
    window: MainWindow, editor: SchemaEditor
) -> None:
    editor.select("Contact.Meet", "events")
    table = editor.roles.table
    cells = [table.item(r, 0) for r in range(table.rowCount())]
    place = next(c for c in cells if c is not None and c.text() == "Place")
    depth = window.session.undo_stack.count()
    place.setText("Location")
    meet = _project(window).schema.event("Contact.Meet")
    assert meet is not None and meet.role("Location") is not None and meet.role("Place") is None
    assert _roles(window) == ["Location"]
    assert window.session.undo_stack.count() == depth + 1
    window.session.undo()
    meet = _project(window).schema.event("Contact.Meet")
    assert meet is not None and meet.role("Place") is not None
    assert _roles(window) == ["Place"]
    window.session.redo()
    assert _roles(window) == ["Location"]


def test_a_role_renamed_to_a_name_in_use_is_refused() -> None:
    with pytest.raises(SchemaError, match="cannot rename 'Place': 'Time' already exists"):
        rename_role(default_schema(), "Contact.Meet", "Place", "Time")


# -- 3. display names -------------------------------------------------------------------------
@pytest.mark.parametrize("bad", ["Person\u202e", "Per\u0007son", "two\nlines", " Person"])
def test_display_names_with_control_characters_are_problems(bad: str) -> None:
    ace = default_schema()
    per = ace.entity("PER")
    assert per is not None
    for changed in (replace(per, en=bad), replace(per, ar=bad)):
        problems = replace(ace, entities=(changed, *ace.entities[1:])).problems()
        assert any(p.startswith("PER: ") and "name" in p for p in problems), problems


def test_an_empty_english_name_shows_the_label_name(
    window: MainWindow, editor: SchemaEditor
) -> None:
    editor.select("PER", "entities")
    editor.en_edit.setText("")
    editor.en_edit.editingFinished.emit()
    per = _project(window).schema.entity("PER")
    assert per is not None and per.en == "" and i18n.label_display(per, "en") == "PER"


def test_the_editor_refuses_a_bidi_control_and_shows_markup_as_text(
    window: MainWindow, editor: SchemaEditor
) -> None:
    editor.select("PER", "entities")
    editor.ar_edit.setText("شخص\u202e")
    editor.ar_edit.editingFinished.emit()
    per = _project(window).schema.entity("PER")
    assert per is not None and per.ar == "شخص"
    assert "U+202E" in editor.detail_error.text()
    editor.en_edit.setText("  <b>Person</b> ")  # trimmed, kept as text
    editor.en_edit.editingFinished.emit()
    per = _project(window).schema.entity("PER")
    assert per is not None and per.en == "<b>Person</b>"
    window.event_tools.refresh()
    item = window.label_palette.item_for("PER")
    assert item is not None and "<b>Person</b>" in item.text()


# -- 4. Ctrl+Y ---------------------------------------------------------------------------------
def test_every_shortcut_of_an_action_is_reserved(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[SchemaEditor] = []

    def fake_exec(self: SchemaEditor) -> int:
        opened.append(self)
        return 0

    monkeypatch.setattr(SchemaEditor, "exec", fake_exec)
    window.event_tools.open_schema_editor()
    dialog = opened[0]
    assert "Ctrl+Y" in dialog.reserved and "Ctrl+Shift+Z" in dialog.reserved
    dialog.select("ORG", "entities")
    assert not dialog.set_hotkey("Ctrl+Y")
    assert "Ctrl+Y" in dialog.hotkey_error.text()
    org = _project(window).schema.entity("ORG")
    assert org is not None and org.hotkey != "Ctrl+Y"
    dialog.deleteLater()


# -- 5. and 6. the Arabic interface ------------------------------------------------------------
def test_the_arabic_editor_speaks_arabic(
    arabic: QApplication, window: MainWindow, editor: SchemaEditor, tmp_path: Path
) -> None:
    editor.select("Contact.Meet", "events")
    box = editor.roles.table.cellWidget(0, 2)
    assert isinstance(box, QComboBox)
    texts = [box.itemText(i) for i in range(box.count())]
    assert "* أي عدد" in texts and "? اختياري" in texts and "واحد بالضبط" in texts
    editor.select("PER", "entities")
    assert editor.color_button.text() == f"{i18n.LRI}#E69F00{i18n.PDI}"
    editor.select("Contact.Meet", "events")
    editor.new_name.setText("MISC")
    editor.add_label()
    assert window.session.undo_stack.undoText() == "إضافة MISC"
    editor.move_label(-1)
    assert window.session.undo_stack.undoText() == "إعادة ترتيب التسميات"
    editor.resize(900, 600)
    editor.grab().save(str(tmp_path / "schema_ar.png"))


def test_argument_arcs_name_the_role_in_arabic(arabic: QApplication, window: MainWindow) -> None:
    window.event_tools.refresh()
    labels = [link.label for link in window.event_tools.arcs._links]
    assert labels == [i18n.role_display("Place")] and labels == ["المكان"]

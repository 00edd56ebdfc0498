"""Renaming a role in the schema editor's Roles table keeps the uuid of every argument filling
it (QA: each argument was deleted and added again under a new uuid, so colleagues' merges, the
hub and review saw deletions plus new records instead of one change)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from annotator.project import Project
from tests.ui.conftest import open_window
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
        for who in (ME, "basma"):
            trigger = p.add_span(doc.id, *at("الاجتماع"), "Contact.Meet", who)
            event = p.add_event(trigger.uuid)
            place = p.add_span(doc.id, *at("باريس"), "GPE", who)
            p.add_argument(event.uuid, "Place", place.uuid)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    w = open_window(qtbot, tmp_path, path)
    yield w
    w.session.close()


def _project(w: MainWindow) -> Project:
    assert w.session.project is not None
    return w.session.project


def _args(w: MainWindow) -> dict[str, str]:
    p = _project(w)
    return {a.uuid: a.role for e in p.events() for a in p.arguments(e.uuid)}


def test_a_role_rename_keeps_the_argument_uuids(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    editor = SchemaEditor(window.session, {}, window)
    qtbot.addWidget(editor)
    editor.show()
    editor.select("Contact.Meet", "events")
    before = _args(window)
    assert len(before) == 2 and set(before.values()) == {"Place"}
    table = editor.roles.table
    cells = [table.item(r, 0) for r in range(table.rowCount())]
    place = next(c for c in cells if c is not None and c.text() == "Place")
    depth = window.session.undo_stack.count()
    place.setText("Location")
    assert _args(window) == dict.fromkeys(before, "Location")
    assert window.session.undo_stack.count() == depth + 1
    assert len(_project(window).versions("arguments")) == 2  # no tombstones, no new records
    assert editor.detail_error.text() == ""
    editor.resize(900, 600)
    editor.grab().save(str(tmp_path / "role_renamed.png"))
    window.session.undo()
    assert _args(window) == before
    meet = _project(window).schema.event("Contact.Meet")
    assert meet is not None and meet.role("Place") is not None and meet.role("Location") is None
    window.session.redo()
    assert _args(window) == dict.fromkeys(before, "Location")

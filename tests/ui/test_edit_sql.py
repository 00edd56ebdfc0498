"""An edit in the window runs the SQL of its write and nothing else: the views update from the
record versions the command returns (``Changed``), never by reading them back."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from annotator import commands as cmds
from annotator.model import DocumentAnnotations, Status
from annotator.project import Project
from ui.session import Session
from ui.workbench.mainwindow import MainWindow
from ui.workbench.menus import open_project
from ui.workbench.validation_panel import SHOWN_CHECK_MS

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

SEED = Path(__file__).parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"
TEXT = SEED.read_text(encoding="utf-8")
ME = "amal"

HOTKEY_SPAN_SQL = [
    "BEGIN IMMEDIATE",
    "SELECT",  # the layer's spans at that very place (a repeat is refused), by its index
    "INSERT OR IGNORE INTO annotators",  # the layer's row (foreign key of the span)
    "INSERT INTO settings",  # the clock's last stamp ('hlc')
    "INSERT INTO spans",  # the upsert of the new span
    "INSERT INTO changes",  # the change-log line
    "COMMIT",
]
"""Every statement a span created by a hotkey may run, in order (11 before issue 11: the
window read the span back by uuid from the four record tables and re-read the statuses)."""


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
    session = Session()
    w = MainWindow(session, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.quiet_errors = True
    qtbot.addWidget(w)
    assert open_project(w, path) and w.ensure_annotator()
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    w.view.setFocus()
    yield w
    session.close()


def project_of(w: MainWindow) -> Project:
    assert w.session.project is not None
    return w.session.project


def stored(w: MainWindow) -> DocumentAnnotations:
    assert w.doc is not None
    return project_of(w).layer(w.doc.id, ME)


def shown_status(w: MainWindow) -> Status:
    """The status the document list shows for the first document."""
    return w.documents.rows[0].status


def shown_count(w: MainWindow) -> int:
    """The span count the document list shows for the first document (its cell: a row on
    screen is counted when painted, and an edit in it replaces the count)."""
    return int(w.documents.model.index(0, 2).data())


def traced(qtbot: QtBot, w: MainWindow, *keys: Qt.Key) -> list[str]:
    """The SQL statements run from the key presses until the event loop is idle again (the
    problems panel and the arcs update on a zero-delay timer)."""
    # what opening the document or an earlier key left on a timer runs before the trace
    # starts: the problems panel lists the shown document's problems SHOWN_CHECK_MS after it
    # is shown (one read of the layer's texts); a fixed 100 ms wait let that read fall into a
    # key's trace on a loaded machine
    _until_idle(qtbot, w, [], at_least=SHOWN_CHECK_MS + 50)
    sql: list[str] = []
    _until_idle(qtbot, w, sql, keys=keys)
    return sql


def _until_idle(
    qtbot: QtBot, w: MainWindow, sql: list[str], keys: Sequence[Qt.Key] = (), at_least: int = 0
) -> None:
    """Press ``keys`` with the project's SQL traced into ``sql``, then wait (at least
    ``at_least`` ms) until no statement has come for 200 ms."""
    project_of(w).trace_sql(sql.append)
    try:
        for key in keys:
            QTest.keyClick(w.view, key)
        waited, seen, quiet = 0, -1, 0
        while quiet < 4 or waited < at_least:
            qtbot.wait(50)
            waited += 50
            quiet = quiet + 1 if len(sql) == seen else 0
            seen = len(sql)
    finally:
        project_of(w).trace_sql(None)


def test_a_hotkey_span_runs_only_the_sql_of_its_write(qtbot: QtBot, window: MainWindow) -> None:
    start, end = at("بباريس")
    window.view.select(start + 1, end)
    sql = traced(qtbot, window, Qt.Key.Key_G)
    assert len(sql) == len(HOTKEY_SPAN_SQL), "\n".join(sql)
    for statement, expected in zip(sql, HOTKEY_SPAN_SQL, strict=True):
        assert statement.startswith(expected), statement
    (span,) = stored(window).spans
    assert (span.start, span.end, span.label) == (start + 1, end, "GPE")
    # the window shows what was written, as a fresh read would
    assert window.layer == stored(window)
    assert window.annotations.uuids() == [span.uuid]
    assert shown_count(window) == 1
    # the second span of the same layer costs the same
    window.view.select(*at("داعش"))
    again = traced(qtbot, window, Qt.Key.Key_O)
    assert len(again) == len(HOTKEY_SPAN_SQL), "\n".join(again)


def test_the_layer_patched_from_changes_equals_a_fresh_read(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    session, doc = window.session, window.doc
    assert doc is not None
    meet, paris = at("الاجتماع"), at("باريس")

    reads: list[str] = []
    read_layer = window.layers.refresh_layer

    def counted() -> None:
        reads.append("layer")
        read_layer()

    monkeypatch.setattr(window.layers, "refresh_layer", counted)

    def same() -> None:
        assert reads == []  # patched from the change, not read again
        assert window.layer == stored(window)
        assert shown_count(window) == len(stored(window).spans)

    add_meet = cmds.add_event_with_trigger(doc.id, *meet, "Contact.Meet", ME)
    assert session.execute(add_meet)
    same()
    assert session.execute(cmds.AddSpan(doc.id, *paris, "GPE", ME))
    place = window.selected_uuid
    event = stored(window).events[0]
    assert session.execute(cmds.AddArgument(event.uuid, "Place", place))
    same()
    assert session.execute(cmds.SetStatus(doc.id, ME, Status.IN_PROGRESS))
    assert shown_status(window) is Status.IN_PROGRESS
    assert session.execute(cmds.DeleteEvent(event.uuid))
    same()
    for _ in range(5):
        session.undo()
        same()
    assert shown_status(window) is Status.NEW
    for _ in range(5):
        session.redo()
        same()
    assert shown_status(window) is Status.IN_PROGRESS
    # away and back: the tombstoned event is not in the layer read, so where undo brings it
    # back is not known to the window: it reads the layer again
    window.open_document(doc.id + 1)
    window.open_document(doc.id)
    reads.clear()
    session.undo()
    assert stored(window).events and reads == ["layer"]
    assert window.layer == stored(window)

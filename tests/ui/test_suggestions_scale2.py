"""A document with many suggestions opens on its first window of them: the rest are read by
windows in later turns of the event loop, without their text (the document's own), and
whatever needs them all (an edit, the threshold, accept all) reads the rest first. Once read,
the controller, the list and the view equal a fresh read of the project (QA: 143,018
suggestions in one document took 2.3-3.0 s to open, all read with their text at once)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

import ui.suggestions.controller as controller_module
from annotator.commands.edits import AddSpan
from annotator.project import Project
from annotator.search.suggestions import Suggestion, hundredths
from annotator.uuids import new_uuid
from ui.session import Session
from ui.suggestions import Installed, install
from ui.suggestions.controller import SuggestionController
from ui.workbench.mainwindow import MainWindow
from ui.workbench.menus import open_project

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

ME = "amal"
N = 3_000
LONG = "كلمة " * N
AT, STEP = 1_000, 400


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    """A document of 3,000 words, each a pending suggestion (scores 0.3 to 0.95), every
    hundredth one behind a span; read by windows of 400 above 1,000."""
    monkeypatch.setattr(controller_module, "LOAD_AT", AT)
    monkeypatch.setattr(controller_module, "LOAD_STEP", STEP)
    path = tmp_path / "long.annotator"
    with Project.create(path) as p:
        doc = p.add_document(LONG, name="long").id
        made = [
            Suggestion(new_uuid(), doc, k * 5, k * 5 + 4, "GPE", "كلمة", "annotate-all",
                       0.3 + (k % 14) * 0.05)
            for k in range(N)
        ]  # fmt: skip
        assert p.add_suggestions(made) == N
        for k in range(50, N, 100):
            p.add_span(doc, k * 5, k * 5 + 4, "PER", "omar")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(Session(), settings)
    w.quiet_errors = True
    qtbot.addWidget(w)
    assert open_project(w, path)
    assert w.ensure_annotator()
    w.show()
    yield w
    w.session.close()


def _installed(w: MainWindow) -> Installed:
    installed = install(w)
    installed.controller.show_document(None)
    return installed


def _as_read(w: MainWindow, c: SuggestionController) -> None:
    """The controller, the list and the view show what reading the project again shows."""
    project, doc = w.session.project, w.doc
    assert project is not None and doc is not None
    free, covered = Project.suggestions_and_covered(project, doc.id)
    fresh = sorted(free, key=lambda s: (s.start, s.end, s.uuid))
    assert c.items == fresh
    # (those covered, and perhaps accepted ones: their spans cover them, not pending now)
    assert {s.uuid for s in covered} <= set(c._covered)
    least = hundredths(c.threshold)
    shown = [s for s in fresh if hundredths(s.score) >= least]
    assert c.rows.rows == shown and c.rows.rowCount() == len(shown)
    assert [v.uuid for v in w.view.suggestions()] == [s.uuid for s in shown]


def test_a_long_list_opens_on_its_first_window_without_the_text(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = window
    c = _installed(w).controller
    project, doc = w.session.project, w.doc
    assert project is not None and doc is not None
    statements: list[str] = []
    project._store.conn.set_trace_callback(statements.append)
    monkeypatch.setattr(
        project, "suggestions_and_covered", lambda *a: pytest.fail("read all at once")
    )
    c.show_document(doc.id)
    project._store.conn.set_trace_callback(None)
    # the first window only, read without the suggestions' text
    assert c.loading and len(c.items) + len(c._covered) == STEP
    reads = [s for s in statements if "FROM suggestions" in s and "SELECT uuid" in s]
    assert reads and all(" text" not in s.split("FROM")[0] for s in reads)
    assert [s.text for s in c.items[:3]] == ["كلمة"] * 3
    # the rest in later turns of the event loop, each a window
    windows: list[int] = []
    read_more = c._read_more

    def counted(limit: int | None) -> None:
        windows.append(limit or 0)
        read_more(limit)

    monkeypatch.setattr(c, "_read_more", counted)
    qtbot.waitUntil(lambda: not c.loading, timeout=20_000)
    assert windows and set(windows) == {STEP}
    monkeypatch.undo()
    _as_read(w, c)


def test_an_edit_while_reading_reads_the_rest_first(window: MainWindow) -> None:
    w = window
    c = _installed(w).controller
    assert w.doc is not None
    c.show_document(w.doc.id)
    assert c.loading
    # a span over a suggestion not read yet, and its undo
    k = N - 7
    assert w.session.execute(AddSpan(w.doc.id, k * 5, k * 5 + 4, "GPE", ME))
    assert not c.loading
    _as_read(w, c)
    w.session.undo()
    _as_read(w, c)


def test_the_threshold_and_accept_all_while_reading_see_every_suggestion(
    window: MainWindow,
) -> None:
    w = window
    c = _installed(w).controller
    assert w.doc is not None
    c.show_document(w.doc.id)
    assert c.loading
    c.set_threshold(0.9)
    assert not c.loading
    _as_read(w, c)
    c.show_document(w.doc.id)
    assert c.loading
    many = len([s for s in c.shown() if s.score >= 0.895])
    assert not c.loading and many > STEP // 10
    c.show_document(w.doc.id)
    assert c.loading and c.accept_all()
    assert c.rows.rows == []
    _as_read(w, c)


def test_a_short_list_is_read_at_once(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(controller_module, "LOAD_AT", N)
    w = window
    c = _installed(w).controller
    assert w.doc is not None
    c.show_document(w.doc.id)
    assert not c.loading
    _as_read(w, c)

"""The Search menu in the workbench (``ui.search.tools``): the entity list dock (concordance of
a group, relabel/delete all as one undo step), annotate-all from the selected span into the
Suggestions dock, and gazetteer import (a bad file: one message naming file:line, nothing
stored)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu
from pytestqt.qtbot import QtBot

from annotator.commands import AddSpan
from annotator.project import Project
from annotator.search import Query
from tests.ui.conftest import tools_of
from ui.search import SearchDock
from ui.session import Session
from ui.workbench.mainwindow import MainWindow
from ui.workbench.menus import open_project

SEED = Path(__file__).parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"
TEXT = SEED.read_text(encoding="utf-8")
OTHER = "زار الوفد باريس ثم عاد من بباريس."
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        seed = p.add_document(TEXT, name="seed").id
        p.add_document(OTHER, name="other")
        at = TEXT.index("باريس")
        AddSpan(seed, at, at + 5, "GPE", "amal").do(p)
        AddSpan(seed, at, at + 5, "GPE", "omar").do(p)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    w = MainWindow(Session(), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.quiet_errors = True
    qtbot.addWidget(w)
    assert open_project(w, path)
    assert w.ensure_annotator()
    w.show()
    yield w
    w.close()


def test_entity_list_dock_concordance_and_one_step_relabel(
    qtbot: QtBot, window: MainWindow
) -> None:
    tools = tools_of(window)
    assert not tools.dock.isVisible()
    window.actions_by_name["entity_list"].trigger()
    assert tools.dock.isVisible()
    menus = [m.menu() for m in window.menuBar().actions()]
    listed = [act for menu in menus if isinstance(menu, QMenu) for act in menu.actions()]
    assert tools.dock.toggleViewAction() in listed  # in View
    model = tools.entities.model
    assert [(g.label, g.key, g.count, dict(g.layers)) for g in model.groups] == [
        ("GPE", "باريس", 2, {"amal": 1, "omar": 1})
    ]
    # activation: the group's concordance in the search dock
    tools.entities.entityActivated.emit(tools.entities.group_at(0))
    dock = window.findChild(SearchDock)
    assert dock is not None and dock.isVisible()
    assert dock.model.rowCount() == 2
    assert {line.keyword for line in dock.model.lines} == {"باريس"}
    # relabel all: one step, undo restores both spans
    project = window.session.project
    assert project is not None
    stack = window.session.undo_stack
    depth = stack.count()
    assert tools.relabel_group(tools.entities.group_at(0), "LOC")
    assert stack.count() == depth + 1
    assert {s.label for s in project.spans()} == {"LOC"}
    qtbot.waitUntil(lambda: [g.label for g in model.groups] == ["LOC"])
    window.actions_by_name["undo"].trigger()
    assert {s.label for s in project.spans()} == {"GPE"}
    qtbot.waitUntil(lambda: [g.label for g in model.groups] == ["GPE"])
    # delete all: one step
    assert tools.delete_group(tools.entities.group_at(0))
    assert project.spans() == []
    window.actions_by_name["undo"].trigger()
    assert len(project.spans()) == 2
    # a refused relabel: a message, nothing written, no step
    depth = stack.count()
    assert not tools.relabel_group(tools.entities.group_at(0), "NO-SUCH-LABEL")
    assert stack.count() == depth and {s.label for s in project.spans()} == {"GPE"}


def test_annotate_all_from_the_selected_span_makes_suggestions(
    qtbot: QtBot, window: MainWindow
) -> None:
    project = window.session.project
    assert project is not None and window.doc is not None
    mine = [s for s in project.spans(window.doc.id) if s.annotator == "amal"]
    window.select_span(mine[0].uuid)
    assert window.selected_uuid == mine[0].uuid
    installed = getattr(window, "suggestions_installed")  # noqa: B009
    stored = tools_of(window).annotate_all(False)
    in_seed = TEXT.count("باريس") - 1
    assert stored == in_seed > 0
    shown = installed.controller.shown()
    assert len(shown) == in_seed and {s.label for s in shown} == {"GPE"}
    assert all(s.doc_id == window.doc.id for s in project.suggestions(window.doc.id))
    # never over an existing annotation, never stored twice
    assert all(s.start != mine[0].start for s in shown)
    stack = window.session.undo_stack
    depth = stack.count()
    assert tools_of(window).annotate_all(False) == 0
    assert stack.count() == depth  # QA: storing nothing left an undo step that did nothing
    # the corpus: the other document too (باريس and the stem of بباريس)
    other = project.document_by_name("other")
    assert other is not None
    assert tools_of(window).annotate_all(True) == 2
    assert [s.text for s in project.suggestions(other.id)] == ["باريس", "باريس"]
    # nothing selected: a message
    window.select_span("")
    assert tools_of(window).annotate_all(True) == 0


def test_gazetteer_from_the_gui(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = window.session.project
    assert project is not None
    good = tmp_path / "names.csv"
    good.write_text("name,label\nهولندا,GPE\nبلجيكا,GPE\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(good), ""))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Every document", True))
    job = tools_of(window).import_gazetteer()
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=30_000) as blocker:
        pass
    assert blocker.args is not None and blocker.args[0] == "finished", blocker.args
    stored = blocker.args[1][0]
    assert stored > 0
    assert sum(project.suggestion_counts().values()) >= stored
    bad = tmp_path / "bad.csv"
    bad.write_text("هولندا,GPE\nبلجيكا\n", encoding="utf-8")
    before = project.suggestion_counts()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    messages: list[str] = []
    window.session.error.connect(messages.append)
    job = tools_of(window).import_gazetteer()
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=30_000) as blocker:
        pass
    assert blocker.args is not None and blocker.args[0] == "failed"
    assert len(messages) == 1 and f"{bad}:2" in messages[0]
    assert project.suggestion_counts() == before


def test_the_windows_search_dock_narrows_with_the_projects_index(window: MainWindow) -> None:
    """The dock asks the open project's FTS5 index which documents a query may match: none
    while nobody built it (the dock scans), the one document once it is built."""
    candidates = tools_of(window).search.candidates
    assert candidates is not None
    assert candidates(Query("الوفد")) is None
    project = window.session.project
    assert project is not None and project.ensure_search_index()
    assert candidates(Query("الوفد")) == [2]

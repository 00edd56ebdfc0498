"""Undo and redo of annotate-all in every document, in the main window (QA: with 108,000
suggestions stored as one step the window's undo took 0.20-0.30 s and its redo 0.69-1.26 s
while the core's were one write each; timed by tests/benchmarks/bench_annotate_all_undo_window.py).

* The Suggestions controller moves the open document's suggestions only: not every one the
  step stored, in every document, one by one (``_drop`` went over all of them at each undo).
* The Suggestions list styles only the rows on screen after the reset a redo makes (the Score
  column measured 1,000 rows, three times).
* After undo no suggestion of the batch shows (document view, list, count); after redo all
  are back; the list's selection and the threshold slider still work.
* The rows of a withdrawn batch (kept hidden for its redo) are deleted once nothing can redo
  them, off the window's thread: after an edit drops the undone step, and when the project is
  opened again; never while the redo may come. Other sources' suggestions and remembered
  rejections stay.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSettings, Qt
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from annotator.commands import AddSpan
from annotator.commands.suggestions import StoreSuggestions
from annotator.project import Project
from annotator.search.suggestions import Suggestion
from ui.search.tools import SearchTools
from ui.session import Session
from ui.suggestions import Installed
from ui.suggestions.controller import SuggestionController
from ui.workbench.mainwindow import MainWindow
from ui.workbench.menus import open_project

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

WORDS = ["زار", "الوفد", "باريس", "ثم", "عاد", "من", "بباريس", "إلى", "لندن", "و"]
OPEN = 1_200  # occurrences of باريس in the document shown (more than the list measured)
OTHERS = [150, 100, 50]  # in the other documents
STORED = OPEN - 1 + sum(OTHERS)  # every occurrence but the span's own
GAZETTEER = "gazetteer:cities"


def text_of(n: int) -> str:
    return " ".join(WORDS[i % len(WORDS)] for i in range(n * 5))


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        for n, count in enumerate([OPEN, *OTHERS]):
            p.add_document(text_of(count), name=f"d{n}")
        text = p.document(1).text
        at = text.index("باريس")
        p.add_span(1, at, at + 5, "GPE", "amal")
        # another source's suggestions: one pending (shown throughout), one rejected
        at = text.index("لندن")
        keep = Suggestion("keep-1", 1, at, at + 4, "GPE", "لندن", GAZETTEER, 0.6)
        other = p.document(2).text.index("لندن")
        gone = Suggestion("gone-1", 2, other, other + 4, "GPE", "لندن", GAZETTEER, 0.6)
        assert p.add_suggestions([keep, gone]) == 2
        p.reject_suggestions(["gone-1"])
    return path


def open_window(qtbot: QtBot, path: Path, settings: Path) -> MainWindow:
    w = MainWindow(Session(), QSettings(str(settings), QSettings.Format.IniFormat))
    w.quiet_errors = True
    qtbot.addWidget(w)
    assert open_project(w, path)
    assert w.ensure_annotator()
    w.resize(1400, 900)
    w.show()
    qtbot.waitUntil(lambda: not w.session.read_only, timeout=10_000)
    qtbot.waitUntil(lambda: not w.session.purging, timeout=10_000)
    return w


@pytest.fixture
def window(
    qtbot: QtBot, path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    w = open_window(qtbot, path, tmp_path / "s.ini")
    yield w
    w.close()


def installed_of(w: MainWindow) -> Installed:
    found = getattr(w, "suggestions_installed", None)
    assert isinstance(found, Installed)
    return found


def project_of(w: MainWindow) -> Project:
    project = w.session.project
    assert project is not None
    return project


def annotate_all(w: MainWindow) -> StoreSuggestions:
    """Annotate-all in every document from the span in d0 (one undo step); its command."""
    project = project_of(w)
    assert w.doc is not None and w.doc.id == 1
    w.select_span(project.spans(1, "amal")[0].uuid)
    tools = getattr(w, "search_tools", None)
    assert isinstance(tools, SearchTools)
    assert tools.annotate_all(True) == STORED
    QApplication.processEvents()
    command = getattr(w.session.undo_stack.command(0), "command", None)
    assert isinstance(command, StoreSuggestions) and command.batch
    return command


def shown(w: MainWindow) -> tuple[int, int, int, str]:
    """(rows of the list, suggestions the view draws, the document's suggestions the
    controller holds, the list's count line)."""
    installed = installed_of(w)
    return (
        installed.panel.list.model().rowCount(),
        len(w.view.suggestions()),
        len(installed.controller.items),
        installed.panel.count.text(),
    )


def rows_left(project: Project, batch: str) -> int:
    """The batch's rows in the file, withdrawn (hidden) ones too."""
    return project._store.batch_size(batch)


def pending(project: Project) -> int:
    return sum(project.pending_count(d) for d in (1, 2, 3, 4))


def others(project: Project) -> tuple[list[str], list[tuple[int, int, int, str, str]]]:
    """The other source's pending suggestions (uuids) and the remembered rejections (keys)."""
    pending = [s.uuid for s in project.suggestions(None, source=GAZETTEER)]
    return pending, sorted(project.rejected_suggestions())


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def test_undo_and_redo_move_the_open_documents_suggestions_only(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = window
    moved: list[tuple[str, int]] = []
    drop, put = SuggestionController._drop, SuggestionController._put

    def counted_drop(
        self: SuggestionController, uuids: Iterable[str], covered: bool = False
    ) -> None:
        given = list(uuids)
        moved.append(("drop", len(given)))
        drop(self, given, covered)

    def counted_put(self: SuggestionController, found: Iterable[Suggestion]) -> None:
        given = list(found)
        moved.append(("put", len(given)))
        put(self, given)

    monkeypatch.setattr(SuggestionController, "_drop", counted_drop)
    monkeypatch.setattr(SuggestionController, "_put", counted_put)
    before = shown(w)
    assert before[:3] == (1, 1, 1)  # the other source's suggestion
    annotate_all(w)
    after = shown(w)
    assert after[:3] == (OPEN, OPEN, OPEN)  # OPEN - 1 and the other source's
    project = project_of(w)
    moved.clear()
    w.actions_by_name["undo"].trigger()
    settle()
    assert shown(w) == before
    assert [project.pending_count(d) for d in (1, 2, 3, 4)] == [1, 0, 0, 0]
    # before: every suggestion the step stored, in every document (STORED), went through
    assert moved and max(n for _, n in moved) == OPEN - 1, moved
    moved.clear()
    w.actions_by_name["redo"].trigger()
    settle()
    assert shown(w) == after
    assert [project.pending_count(d) for d in (1, 2, 3, 4)] == [OPEN, *OTHERS]
    assert moved and max(n for _, n in moved) == OPEN - 1, moved
    # another document: its own suggestions come and go with the step, none of d0's
    w.navigation.open_document(2)
    settle()
    assert shown(w)[:3] == (OTHERS[0],) * 3
    moved.clear()
    w.actions_by_name["undo"].trigger()
    settle()
    assert shown(w)[:3] == (0, 0, 0)
    assert moved and max(n for _, n in moved) == OTHERS[0], moved
    w.actions_by_name["redo"].trigger()
    settle()
    assert shown(w)[:3] == (OTHERS[0],) * 3
    w.navigation.open_document(1)
    settle()
    assert shown(w) == after


def test_the_list_styles_only_the_rows_on_screen_after_a_redo(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = window
    annotate_all(w)
    panel = installed_of(w).panel
    assert panel.isVisible()  # the dock opened on them
    asked: set[int] = set()
    rows = installed_of(w).controller.rows
    data = rows.data

    def counted(
        index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        asked.add(index.row())
        return data(index, role)

    monkeypatch.setattr(rows, "data", counted)
    w.actions_by_name["undo"].trigger()
    settle()
    asked.clear()
    w.actions_by_name["redo"].trigger()
    settle()
    assert shown(w)[0] == OPEN
    on_screen = panel.list.viewport().height() // panel.list.verticalHeader().defaultSectionSize()
    # before: the 1,000 rows the Score column's width was measured on
    assert 0 < len(asked) <= on_screen + 40, (len(asked), on_screen)


def test_the_lists_selection_and_the_threshold_work_after_undo_and_redo(
    window: MainWindow,
) -> None:
    w = window
    annotate_all(w)
    installed = installed_of(w)
    controller, panel = installed.controller, installed.panel
    for action in ("undo", "redo", "undo", "redo"):
        w.actions_by_name[action].trigger()
        settle()
    assert shown(w)[:3] == (OPEN, OPEN, OPEN)
    # a row of the list selects its suggestion in the text, and F6 the list's next row
    index = controller.rows.index(5, 0)
    panel.list.clicked.emit(index)
    chosen = controller.rows.rows[5]
    assert w.view.selected_suggestion() == chosen.uuid
    assert controller.step(True) == controller.rows.rows[6]
    assert panel.list.selectionModel().currentIndex().row() == 6
    # the threshold: 0.7 hides the other source's (0.6); 0 shows all again
    panel.slider.setValue(70)
    settle()
    assert shown(w)[:2] == (OPEN - 1, OPEN - 1)
    assert panel.count.text() == panel.tr("{0} of {1} suggestions shown").format(OPEN - 1, OPEN)
    panel.slider.setValue(0)
    settle()
    assert shown(w)[:2] == (OPEN, OPEN)


def test_a_withdrawn_batch_stays_while_its_redo_may_come(window: MainWindow) -> None:
    w = window
    command = annotate_all(w)
    project = project_of(w)
    w.actions_by_name["undo"].trigger()
    settle()
    assert not w.session.purging
    assert rows_left(project, command.batch) == STORED
    assert pending(project) == 1
    w.actions_by_name["redo"].trigger()
    settle()
    assert rows_left(project, command.batch) == STORED
    assert pending(project) == STORED + 1


def _unrelated_edit(w: MainWindow) -> None:
    """A span on a word no suggestion covers, in another document: drops the redo."""
    project = project_of(w)
    at = project.document(3).text.index("الوفد")
    assert w.session.execute(AddSpan(3, at, at + 5, "ORG", "amal"))
    assert not w.session.undo_stack.canRedo()


def test_an_edit_dropping_the_undone_step_purges_its_rows_in_the_background(
    qtbot: QtBot, window: MainWindow
) -> None:
    w = window
    project = project_of(w)
    kept = others(project)
    assert kept[0] == ["keep-1"] and [k[0] for k in kept[1]] == [2]
    command = annotate_all(w)
    w.actions_by_name["undo"].trigger()
    settle()
    shown_after_undo = shown(w)
    _unrelated_edit(w)
    qtbot.waitUntil(lambda: not w.session.purging, timeout=20_000)
    assert rows_left(project, command.batch) == 0  # before: all STORED, until a next store
    assert others(project) == kept
    assert shown(w) == shown_after_undo


def test_closed_and_opened_again_the_withdrawn_rows_are_gone(
    qtbot: QtBot, path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    for edit in (True, False):
        w = open_window(qtbot, path, tmp_path / "s.ini")
        command = annotate_all(w)
        w.actions_by_name["undo"].trigger()
        if edit:
            _unrelated_edit(w)
        w.close()
        w.session.close()
        with Project.open(path, read_only=True) as project:
            # without the edit, kept for the redo until the close, then hidden (withdrawn) in
            # the file; with it, purged before the close if the purge it started had its
            # transaction (one: they are fewer than PURGE_STEP) before the close stopped it
            left = rows_left(project, command.batch)
            assert left in ((0, STORED) if edit else (STORED,))
            assert pending(project) == 1
            kept = others(project)
            assert kept[0] == ["keep-1"] and [k[0] for k in kept[1]] == [2]
        w = open_window(qtbot, path, tmp_path / "s.ini")  # waits for the purge at open
        project = project_of(w)
        assert rows_left(project, command.batch) == 0, edit  # before: all there, hidden
        assert others(project) == kept
        assert shown(w)[:3] == (1, 1, 1)
        w.close()
        w.session.close()


def test_undoing_a_store_stops_a_purge_that_runs(qtbot: QtBot, window: MainWindow) -> None:
    w = window
    project = project_of(w)
    first = annotate_all(w)
    w.actions_by_name["undo"].trigger()
    _unrelated_edit(w)  # purges the first batch in the background...
    w.select_span(project.spans(1, "amal")[0].uuid)
    tools = getattr(w, "search_tools", None)
    assert isinstance(tools, SearchTools)
    assert tools.annotate_all(True) == STORED  # ...while a second is stored and undone
    second = getattr(w.session.undo_stack.command(1), "command", None)
    assert isinstance(second, StoreSuggestions) and second.batch != first.batch
    w.actions_by_name["undo"].trigger()
    assert not w.session.purging  # stopped before the undo wrote
    settle()
    assert rows_left(project, second.batch) == STORED  # kept for its redo
    w.actions_by_name["redo"].trigger()
    settle()
    assert shown(w)[:3] == (OPEN, OPEN, OPEN)
    assert pending(project) == STORED + 1

"""An undo or redo of annotate-all that fails, in the main window: the step stays where the
file is, and the analyst is told.

The redo of an undone annotate-all step fails when another writer of the project (a
background import, the annotate-all job storing on its own connection) holds the write lock
past the busy timeout: its transaction is rolled back and the batch stays withdrawn. Before,
the QUndoStack moved its index all the same: Edit offered "Undo store suggestions" and no
Redo while none of the step's suggestions showed (list, view, count), and that Undo withdrew
the batch a second time. Now the stack is put back (``Session._moved``): Redo still offers
the step, the message says nothing was changed and that Redo can try again, and the next
Redo, with the file free, brings every suggestion back. The same for a failed undo.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from annotator.commands.suggestions import StoreSuggestions
from annotator.project import Project
from annotator.store import Store
from tests.ui.conftest import open_window
from ui.search.tools import SearchTools
from ui.suggestions import Installed
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

WORDS = ["زار", "الوفد", "باريس", "ثم", "عاد", "من", "بباريس", "إلى", "لندن", "و"]
OCCURRENCES = 60
STORED = OCCURRENCES - 1  # every باريس but the span's own


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_document(" ".join(WORDS[i % len(WORDS)] for i in range(OCCURRENCES * 5)), "d0")
        at = p.document(1).text.index("باريس")
        p.add_span(1, at, at + 5, "GPE", "amal")
    return path


@pytest.fixture
def window(
    qtbot: QtBot, path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    # every connection waits 50 ms for a busy file, not 5 s
    original = Store._configure

    def configure(where: Path, conn: Any, read_only: bool) -> None:
        original(where, conn, read_only)
        conn.execute("PRAGMA busy_timeout = 50")

    monkeypatch.setattr(Store, "_configure", staticmethod(configure))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    w = open_window(qtbot, tmp_path, path)
    qtbot.waitUntil(lambda: not w.session.read_only, timeout=10_000)
    qtbot.waitUntil(lambda: not w.session.purging, timeout=10_000)
    yield w
    w.close()
    w.session.close()


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def annotate_all(w: MainWindow) -> StoreSuggestions:
    project = w.session.project
    assert project is not None and w.doc is not None
    w.select_span(project.spans(1, "amal")[0].uuid)
    tools = getattr(w, "search_tools", None)
    assert isinstance(tools, SearchTools)
    assert tools.annotate_all(True) == STORED
    settle()
    command = getattr(w.session.undo_stack.command(0), "command", None)
    assert isinstance(command, StoreSuggestions) and command.batch
    return command


def shown(w: MainWindow) -> tuple[int, int, int]:
    """(rows of the Suggestions list, suggestions the view draws, pending in the file)."""
    installed = getattr(w, "suggestions_installed", None)
    assert isinstance(installed, Installed)
    project = w.session.project
    assert project is not None
    rows = installed.panel.list.model().rowCount()
    return rows, len(w.view.suggestions()), project.pending_count(1)


def held(w: MainWindow, action: str) -> None:
    """Trigger Edit > ``action`` while another handle of the project holds its write lock."""
    assert w.session.path is not None
    with Project.open(w.session.path) as other, other.transaction():
        w.actions_by_name[action].trigger()
        settle()


def test_a_failed_redo_leaves_the_step_undone_and_says_so(window: MainWindow) -> None:
    w = window
    stack = w.session.undo_stack
    errors: list[str] = []
    w.session.error.connect(errors.append)
    annotate_all(w)
    done = shown(w)
    assert done == (STORED, STORED, STORED)
    w.actions_by_name["undo"].trigger()
    settle()
    assert shown(w) == (0, 0, 0)
    step = stack.redoText()
    held(w, "redo")
    # the file: the batch still withdrawn; the window shows none of it, and the stack agrees
    assert shown(w) == (0, 0, 0)
    assert (stack.index(), stack.canRedo(), stack.redoText()) == (0, True, step)
    assert not stack.canUndo()  # before: "Undo store suggestions" on a step not done
    assert w.actions_by_name["redo"].isEnabled()
    assert len(errors) == 1 and errors[0].startswith(f"Could not redo “{step}”")
    assert "nothing was changed; Redo can try again" in errors[0] and "busy" in errors[0]
    assert w.statusBar().currentMessage() == errors[0]
    # tried again with the file free: every suggestion back, the step done
    w.actions_by_name["redo"].trigger()
    settle()
    assert shown(w) == done
    assert (stack.index(), stack.canRedo()) == (1, False)
    assert len(errors) == 1


def test_a_failed_undo_leaves_the_step_done_and_says_so(window: MainWindow) -> None:
    w = window
    stack = w.session.undo_stack
    errors: list[str] = []
    w.session.error.connect(errors.append)
    annotate_all(w)
    done = shown(w)
    step = stack.undoText()
    held(w, "undo")
    assert shown(w) == done
    assert (stack.index(), stack.canUndo(), stack.undoText(), stack.canRedo()) == (
        1, True, step, False,
    )  # fmt: skip
    assert len(errors) == 1 and errors[0].startswith(f"Could not undo “{step}”")
    w.actions_by_name["undo"].trigger()
    settle()
    assert shown(w) == (0, 0, 0) and stack.index() == 0
    w.actions_by_name["redo"].trigger()
    settle()
    assert shown(w) == done

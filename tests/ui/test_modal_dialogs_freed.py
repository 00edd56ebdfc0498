"""The dialogs, message boxes, popup menus and progress dialogs the window makes for one
question are freed once it is answered (``ui.modal.freed``; a job's progress dialog when the
job ends): before, each stayed a hidden child of the main window for the whole session (an
analyst answers hundreds), and got every language and style change."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QInputDialog, QMenu, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from annotator.exchange.merge import MergeReport
from annotator.hubstate import Member
from annotator.model import Span
from annotator.project import Project
from annotator.schema import Label, RelationType, Role
from tests.ui.conftest import open_window
from ui.dialogs.exchange_actions import show_report
from ui.dialogs.export_dialog import ask_other_path, confirm
from ui.dialogs.prompts import ask_read_only, choose_layers, show_message
from ui.events import relations
from ui.events.relations import ask_choice
from ui.jobs import BackgroundJob
from ui.search.tools import SearchTools
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

ME = "amal"
TIMES = 3


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_document("قال الوزير في باريس.", name="d")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    w = open_window(qtbot, tmp_path, path)
    yield w
    w.session.close()


@pytest.fixture
def answered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every modal question is answered at once (its class name is kept): a message box with
    its default button, a dialog with OK, a popup menu dismissed."""
    asked: list[str] = []

    def box(self: QMessageBox) -> int:
        asked.append(type(self).__name__)
        return int(QMessageBox.StandardButton.Yes)

    def dialog(self: QDialog) -> int:
        asked.append(type(self).__name__)
        return int(QDialog.DialogCode.Accepted)

    class Menu(QMenu):  # QMenu.exec does not take a patch (a static and a method)
        def exec(self, *_args: object) -> QAction | None:  # type: ignore[override]
            asked.append("QMenu")
            return None

    monkeypatch.setattr(QMessageBox, "exec", box)
    monkeypatch.setattr(QDialog, "exec", dialog)
    monkeypatch.setattr(relations, "QMenu", Menu)
    return asked


def windows(w: MainWindow) -> Counter[str]:
    """The windows (dialogs, boxes, popups) among the main window's children, by class,
    after the deletions the event loop would run."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return Counter(type(c).__name__ for c in w.findChildren(QWidget) if c.isWindow())


def test_every_question_asked_leaves_nothing_behind(
    window: MainWindow, answered: list[str]
) -> None:
    w = window
    before = windows(w)
    linker = w.event_tools.linker
    tools: SearchTools = getattr(w, "search_tools")  # noqa: B009 (installed by the menus)
    span = Span("s", 1, ME, 0, 3, "PER", "x")
    path = w.session.path
    assert path is not None
    for n in range(TIMES):
        show_message(w, "Title", f"text {n}")
        assert ask_read_only(w, "held by badr") is False  # Yes is not its "Open read-only"
        assert choose_layers(w, ["amal", "badr"], ["badr"]) == ["badr"]
        assert confirm(w, "Export", "Replace it?")
        assert ask_other_path(w, "Export", "refused")
        assert ask_choice(w, "Delete", "Delete it?", [("one", "One"), ("all", "All")]) == ""
        assert tools.ask_to_store(2000, 3)
        show_report(w, MergeReport(source="b.bundle"))
        assert w.hub_notice.warn((path.resolve(), f"gold{n}"), Member("r", "analyst", "x"))
        assert linker.choose_relation([RelationType("PHYS")], span, span) is None
        assert linker.choose_label([Label("PER")], "x") is None
        assert linker.choose_role([Role("Place")], "x") is None
    assert Counter(answered) == Counter(
        {"QMessageBox": 7 * TIMES, "LayersDialog": TIMES, "ReportDialog": TIMES, "QMenu": 3 * TIMES}
    )
    assert windows(w) == before


def test_a_finished_job_frees_its_progress_dialog(window: MainWindow, qtbot: QtBot) -> None:
    w = window
    before = windows(w)
    for n in range(TIMES):
        job = BackgroundJob(w, "Job", f"Working {n}…", lambda _progress, _cancelled: "done")
        with qtbot.waitSignal(job.done, timeout=10000) as blocker:
            job.start()
        assert blocker.args == ["finished", "done"]
        job.deleteLater()
    assert windows(w) == before

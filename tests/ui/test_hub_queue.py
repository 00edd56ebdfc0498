"""The hub queue in the document list (issue 16), against a real PostgreSQL hub (skipped like
tests/hub without the server binaries): after File › Sync… each analyst's list marks the
documents assigned to their layer and not done, and a toggle shows only those; on the gold
layer an adjudicator gets the review queue (after a sync or the team view); without a hub no
toggle shows. Names from the team stay plain text. A screenshot of the list is saved."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from annotator.commands import SetStatus
from annotator.hub import add_project_documents, assign, sync
from annotator.hub.team import Overlap
from annotator.model import GOLD, Status
from annotator.project import Project
from annotator.schema import default_schema
from tests.hub.helpers import doc_texts
from ui.dialogs.sync_dialog import SyncReportDialog, start_sync
from ui.dialogs.team_view import TeamViewDialog, start_team_view
from ui.i18n import plain_tooltip
from ui.session import Session
from ui.workbench.mainwindow import MainWindow
from ui.workbench.menus import open_project
from ui.workbench.panels import QUEUE_ROLE, UUID_ROLE, DocumentListPanel

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

# names come from the team: markup in them must show as typed
NAMES = ["<b>تقرير</b> 0", "report 1", "<i>خبر</i> 2", "تقرير 3"]


def make(path: Path) -> Project:
    project = Project.create(path, default_schema())
    for text, name in zip(doc_texts(4, "q"), NAMES, strict=True):
        project.add_document(text, name=name)
    return project


@pytest.fixture
def projects(tmp_path: Path, team: dict[str, str]) -> dict[str, Path]:
    """amal is assigned documents 0, 1, 2 and has marked 2 done (not synced yet); badr is
    assigned 1 and 3, has marked 1 done and synced; judge's project holds the documents."""
    paths = {name: tmp_path / f"{name}.annotator" for name in ("amal", "badr", "judge")}
    opened = {name: make(path) for name, path in paths.items()}
    amal, badr = opened["amal"], opened["badr"]
    add_project_documents(team["coord"], amal)
    docs = amal.documents()
    one = Overlap(each=1, share=0.0)
    assign(team["coord"], ["amal"], one, [d.sha256 for d in docs[:3]])
    assign(team["coord"], ["badr"], one, [docs[1].sha256, docs[3].sha256])
    amal.set_status(docs[2].id, "amal", Status.DONE)
    badr.set_status(docs[1].id, "badr", Status.DONE)
    sync(badr, team["badr"])
    for p in opened.values():
        p.close()
    return paths


@pytest.fixture
def open_window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[Path, str], MainWindow]]:
    windows: list[MainWindow] = []

    def make_window(path: Path, annotator: str) -> MainWindow:
        monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (annotator, True))
        settings = QSettings(str(tmp_path / f"s{len(windows)}.ini"), QSettings.Format.IniFormat)
        w = MainWindow(Session(), settings)
        w.quiet_errors = True
        qtbot.addWidget(w)
        assert open_project(w, path)
        assert w.ensure_annotator()
        w.resize(1100, 640)
        w.show()
        windows.append(w)
        return w

    yield make_window
    for w in windows:
        w.close()


def ids(project: Project) -> list[int]:
    return [d.id for d in project.documents()]


def synced(qtbot: QtBot, w: MainWindow, url: str) -> None:
    """File › Sync… with ``url`` to its end (the report closed)."""
    job = start_sync(w, url)
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=30_000) as blocker:
        pass
    assert blocker.args is not None and blocker.args[0] == "finished"
    for report in w.findChildren(SyncReportDialog):
        report.close()


def no_queue(panel: DocumentListPanel) -> bool:
    return (
        not panel.queue_shown
        and panel.queue_toggle.isHidden()
        and panel.queued_ids() == set()
        and panel.visible_ids() == [r.doc_id for r in panel.rows]
        and all(index.data(Qt.ItemDataRole.DecorationRole) is None for index in names(panel))
    )


def names(panel: DocumentListPanel) -> list[QModelIndex]:
    """The name cells of the rows shown."""
    return [panel.model.index(r, 0) for r in range(panel.model.rowCount())]


def test_each_analyst_sees_their_queue_after_a_sync(
    qtbot: QtBot,
    open_window: Callable[[Path, str], MainWindow],
    projects: dict[str, Path],
    team: dict[str, str],
    shots: Path,
) -> None:
    w = open_window(projects["amal"], "amal")
    panel = w.documents
    project = w.session.project
    assert project is not None
    d0, d1, d2, d3 = ids(project)
    assert no_queue(panel)  # no hub yet: no toggle, no marks
    synced(qtbot, w, team["amal"])
    # amal's queue: assigned 0, 1, 2; 2 is done
    assert panel.queue_shown and panel.queue_toggle.isVisible()
    assert panel.queued_ids() == {d0, d1}
    assert panel.queue_toggle.text() == "My queue (2)"
    rows = {int(index.data(UUID_ROLE)): index for index in names(panel)}
    for doc_id, index in rows.items():
        assert bool(index.data(QUEUE_ROLE)) == (doc_id in (d0, d1))
        # the marker, or a blank of its size
        assert not index.data(Qt.ItemDataRole.DecorationRole).isNull()
    # plain text: the names as typed, the tooltip escaped
    assert [rows[d].data() for d in (d0, d1, d2, d3)] == NAMES
    assert rows[d0].data(Qt.ItemDataRole.ToolTipRole) == plain_tooltip(f"{NAMES[0]}\nIn your queue")
    assert rows[d3].data(Qt.ItemDataRole.ToolTipRole) == plain_tooltip(NAMES[3])
    w.open_document(d1)
    qtbot.wait(20)
    assert w.docks["documents"].grab().save(str(shots / "hub_queue_list.png"))
    # the toggle shows only the queue; off again, everything
    assert panel.visible_ids() == [d0, d1, d2, d3]
    panel.queue_toggle.setChecked(True)
    assert panel.visible_ids() == [d0, d1]
    panel.status_filter.setCurrentIndex(panel.status_filter.findData(Status.NEW.value))
    assert panel.visible_ids() == [d0, d1]
    panel.status_filter.setCurrentIndex(0)
    assert w.docks["documents"].grab().save(str(shots / "hub_queue_only.png"))
    # marking a queued document done takes it out of the queue at once
    assert w.session.execute(SetStatus(d0, "amal", Status.DONE))
    assert panel.queued_ids() == {d1}
    assert panel.queue_toggle.text() == "My queue (1)"
    assert panel.visible_ids() == [d1]
    panel.queue_toggle.setChecked(False)
    assert panel.visible_ids() == [d0, d1, d2, d3]

    # switching to another layer: that layer's queue, read again in the background
    w.session.set_annotator("badr")
    assert not panel.queue_shown
    qtbot.waitUntil(lambda: panel.queue_shown, timeout=30_000)
    assert panel.queued_ids() == {d3}  # badr's 1 is done (pulled by amal's sync)
    assert w.window().isEnabled()

    # badr's own window: after badr's sync, badr's queue
    b = open_window(projects["badr"], "badr")
    assert no_queue(b.documents)
    synced(qtbot, b, team["badr"])
    assert b.documents.queued_ids() == {d3}
    assert b.documents.queue_toggle.text() == "My queue (1)"
    b.documents.queue_toggle.setChecked(True)
    assert b.documents.visible_ids() == [d3]

    # another project (never synced): the queue goes
    w.session.set_annotator("amal")
    assert open_project(w, projects["judge"])
    assert no_queue(panel)


def test_the_gold_layer_gets_the_review_queue(
    qtbot: QtBot,
    open_window: Callable[[Path, str], MainWindow],
    projects: dict[str, Path],
    team: dict[str, str],
) -> None:
    with Project.open(projects["amal"]) as amal:
        sync(amal, team["amal"])  # amal's 2 done: 2 is complete (only amal has it)
    with Project.open(projects["judge"]) as judge:
        sync(judge, team["judge"])
        d0, d1, d2, d3 = ids(judge)
    w = open_window(projects["judge"], "judge")
    panel = w.documents
    w.session.set_annotator(GOLD)
    assert no_queue(panel)
    job = start_team_view(w, team["judge"], w.open_document)  # File › Team progress…
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=30_000) as blocker:
        pass
    assert blocker.args is not None and blocker.args[0] == "finished"
    view = w.findChild(TeamViewDialog)
    assert view is not None
    view.close()
    assert panel.queued_ids() == {d2}
    assert panel.queue_toggle.text() == "To review (1)"
    index = next(index for index in names(panel) if index.data(UUID_ROLE) == d2)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == plain_tooltip(f"{NAMES[2]}\nTo review")
    panel.queue_toggle.setChecked(True)
    assert panel.visible_ids() == [d2]
    # gold marked done: reviewed
    assert w.session.execute(SetStatus(d2, GOLD, Status.DONE))
    assert panel.queued_ids() == set() and panel.visible_ids() == []
    assert panel.queue_toggle.text() == "To review (0)"
    # the judge's own layer has no assignments: an empty queue after a sync
    w.session.set_annotator("judge")
    assert not panel.queue_shown
    synced(qtbot, w, team["judge"])
    assert panel.queue_shown and panel.queued_ids() == set()
    assert d0 and d1 and d3


def test_a_coordinator_layer_shows_no_queue(
    qtbot: QtBot,
    open_window: Callable[[Path, str], MainWindow],
    projects: dict[str, Path],
    team: dict[str, str],
) -> None:
    w = open_window(projects["judge"], "coord")
    job = start_team_view(w, team["coord"], w.open_document)
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=30_000):
        pass
    assert no_queue(w.documents)

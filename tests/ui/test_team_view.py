"""File › Team progress… against a real PostgreSQL hub (skipped like tests/hub without the
server binaries): per analyst documents assigned, done and in progress, spans and spans per
hour; agreement per pair and label; the analyst's own queue (double-click opens a document);
read on a pool thread behind a progress dialog; shown in Arabic too (screenshot)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QThread
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from annotator.hub import Overlap, add_project_documents, assign, sync
from annotator.model import Status
from tests.hub.conftest import Hub
from tests.hub.helpers import doc_texts, make_project
from ui.dialogs.team_view import TeamViewDialog, TeamWorker, start_team_view, team_dialog
from ui.i18n import install_translator
from ui.session import Session
from ui.workbench.mainwindow import MainWindow
from ui.workbench.menus import open_project

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, team: dict[str, str]
) -> Iterator[MainWindow]:
    texts = doc_texts(4, "t")
    amal = make_project(tmp_path / "amal.annotator", texts)
    badr = make_project(tmp_path / "badr.annotator", texts)
    add_project_documents(team["coord"], amal)
    assign(team["coord"], ["amal", "badr"], Overlap(each=2, share=0.0))
    first, second = amal.documents()[:2]
    for p, layer, label in ((amal, "amal", "PER"), (badr, "badr", "GPE")):
        p.add_span(first.id, 0, 6, "PER", annotator=layer)
        p.add_span(first.id, 7, 13, label, annotator=layer)
    amal.set_status(first.id, "amal", Status.DONE)
    amal.set_status(second.id, "amal", Status.IN_PROGRESS)
    badr.set_status(first.id, "badr", Status.DONE)
    sync(badr, team["badr"])
    sync(amal, team["amal"])  # amal's project now holds badr's layer too
    amal.close()
    badr.close()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (team["amal"], True))
    w = MainWindow(Session(), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.quiet_errors = True
    qtbot.addWidget(w)
    assert open_project(w, tmp_path / "amal.annotator")
    assert w.ensure_annotator()
    w.show()
    yield w
    w.close()


def cells(table: object) -> list[list[str]]:
    from PySide6.QtWidgets import QTableWidget

    assert isinstance(table, QTableWidget)
    return [
        [table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def test_team_progress_agreement_and_my_queue(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, team: dict[str, str]
) -> None:
    job = team_dialog(window, window.open_document)  # what File › Team progress… runs
    assert job is not None
    qtbot.waitUntil(lambda: window.findChild(TeamViewDialog) is not None, timeout=30_000)
    view = window.findChild(TeamViewDialog)
    assert view is not None and view.isVisible()
    assert cells(view.analysts) == [
        ["amal", "4", "1", "1", "2", "2.0"],
        ["badr", "4", "1", "0", "2", "2.0"],
    ]
    rows = cells(view.agreement)
    assert rows[0] == ["amal – badr", "all labels", "0.500", rows[0][3]]
    assert ["amal – badr", "PER", "0.667", ""] in rows
    assert ["amal – badr", "GPE", "0.000", ""] in rows
    # amal's queue (in assignment order): the three assigned documents not done
    project = window.session.project
    assert project is not None
    docs = project.documents()
    queue = dict(cells(view.queue))
    assert queue == {docs[1].name: "in progress", docs[2].name: "new", docs[3].name: "new"}
    assert view.tabs.tabText(2) == "My queue (3)"
    assert "amal" in view.header.text() and "analyst" in view.header.text()
    row = list(queue).index(docs[3].name)
    view.queue.cellDoubleClicked.emit(row, 0)
    assert window.doc is not None and window.doc.id == docs[3].id
    # File › Team progress… runs the same dialog
    assert window.actions_by_name["team"].text() == "Team &progress…"
    view.close()
    window.actions_by_name["team"].trigger()
    qtbot.waitUntil(
        lambda: any(d.isVisible() for d in window.findChildren(TeamViewDialog)), timeout=30_000
    )
    # remembered for this project (as File › Sync… does)
    assert QSettings().value("hub/url") == team["amal"]


def test_the_work_runs_on_a_pool_thread(window: MainWindow, qtbot: QtBot, team: dict[str, str]):
    threads: list[object] = []
    original = TeamWorker.work

    def work(self: TeamWorker, progress, cancelled):  # type: ignore[no-untyped-def]
        threads.append(QThread.currentThread())
        return original(self, progress, cancelled)

    TeamWorker.work = work  # type: ignore[method-assign]
    try:
        job = start_team_view(window, team["amal"], window.open_document)
        assert job is not None and job.dialog.isVisible()
        with qtbot.waitSignal(job.done, timeout=30_000) as blocker:
            pass
    finally:
        TeamWorker.work = original  # type: ignore[method-assign]
    assert blocker.args is not None and blocker.args[0] == "finished"
    assert threads and threads[0] is not QApplication.instance().thread()  # type: ignore[union-attr]


def test_a_stranger_fails_in_one_line(window: MainWindow, qtbot: QtBot, hub: Hub) -> None:
    hub.server.create_role("stranger") if "stranger" not in hub.server.passwords else None
    job = start_team_view(window, hub.url("stranger"), window.open_document)
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=30_000) as blocker:
        pass
    assert blocker.args is not None and blocker.args[0] == "failed"
    message = window.statusBar().currentMessage()
    assert "not a member" in message and len(message.splitlines()) == 1
    assert window.findChild(TeamViewDialog) is None


def test_in_arabic_screenshot(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, team: dict[str, str]
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_translator(app, "ar")
    try:
        job = start_team_view(window, team["amal"], window.open_document)
        assert job is not None
        with qtbot.waitSignal(job.done, timeout=30_000):
            pass
        view = window.findChild(TeamViewDialog)
        assert view is not None
        assert view.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert view.windowTitle() == "تقدّم الفريق"
        assert view.tabs.tabText(2) == "قائمتي (3)"
        for tab in (0, 1, 2):
            view.tabs.setCurrentIndex(tab)
            qtbot.wait(10)
            shot = tmp_path / f"team_view_ar_{tab}.png"
            assert view.grab().save(str(shot))
            if os.environ.get("ANNOTATOR_SHOTS"):
                view.grab().save(os.path.join(os.environ["ANNOTATOR_SHOTS"], shot.name))
    finally:
        install_translator(app, "en")

"""File › Sync… against a real PostgreSQL hub (skipped like tests/hub without the server
binaries): the URL asked for and remembered (never one with a password), the sync run as a
background job with its phases, the workbench showing the team's work afterwards."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from annotator.hub import add_project_documents, sync
from annotator.model import Status
from annotator.project import Project
from tests.hub.helpers import doc_texts, make_project
from ui.dialogs.sync_dialog import (
    SETTINGS_URL,
    SyncReportDialog,
    SyncWorker,
    remembered_url,
    start_sync,
)
from ui.session import Session
from ui.workbench.mainwindow import MainWindow
from ui.workbench.menus import open_project

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, team: dict[str, str]
) -> Iterator[MainWindow]:
    texts = doc_texts(3)
    amal = make_project(tmp_path / "amal.annotator", texts)
    add_project_documents(team["coord"], amal)
    amal.close()
    badr = make_project(tmp_path / "badr.annotator", texts)
    doc = badr.documents()[0]
    badr.add_span(doc.id, 0, 6, "GPE", annotator="badr")
    badr.set_status(doc.id, "badr", Status.DONE)
    assert sync(badr, team["badr"]).pushed == 2
    badr.close()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    w = MainWindow(Session(), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.quiet_errors = True
    qtbot.addWidget(w)
    assert open_project(w, tmp_path / "amal.annotator")
    assert w.ensure_annotator()
    w.show()
    yield w
    w.close()


def test_file_sync_pushes_pulls_and_refreshes_the_workbench(
    qtbot: QtBot, window: MainWindow, team: dict[str, str], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    project = window.session.project
    assert project is not None
    doc = project.documents()[0]
    window.open_document(doc.id)
    project.add_span(doc.id, 7, 13, "PER", annotator="amal")  # an edit of the analyst's own
    window.session.refresh()
    assert project.spans(doc.id, "badr") == []
    asked: list[str] = []

    def ask(*args: object, **kwargs: object) -> tuple[str, bool]:
        asked.append(str(args[4]) if len(args) > 4 else "")
        return team["amal"], True

    monkeypatch.setattr(QInputDialog, "getText", ask)
    labels: list[str] = []
    window.actions_by_name["sync"].trigger()
    qtbot.waitUntil(lambda: window.findChild(SyncReportDialog) is not None, timeout=30_000)
    report = window.findChild(SyncReportDialog)
    assert report is not None
    text = report.text.toPlainText()
    assert "pushed: 1 new" in text and "pulled: 2 versions" in text
    assert asked == [""]  # nothing remembered the first time
    # the workbench shows the team's work: badr's span and status, read back from the file
    assert [s.label for s in window.session.project.spans(doc.id, "badr")] == ["GPE"]  # type: ignore[union-attr]
    assert window.session.project.statuses("badr") == {doc.id: Status.DONE}  # type: ignore[union-attr]
    assert "1 sent, 2 received" in window.statusBar().currentMessage()
    # remembered (for this project and as the last one), and offered next time
    assert QSettings().value(SETTINGS_URL) == team["amal"]
    assert remembered_url(tmp_path / "amal.annotator") == team["amal"]
    report.close()
    # a second sync as a job: phases shown, nothing new to send
    job = start_sync(window, team["amal"])
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=30_000) as blocker:
        pass
    assert blocker.args is not None and blocker.args[0] == "finished"
    assert blocker.args[1].pushed == 0 and blocker.args[1].pulled == 0
    # the worker names each phase it enters (the progress dialog shows it) and counts
    worker = SyncWorker(tmp_path / "amal.annotator", team["amal"], full=True)
    worker.phases.phase.connect(labels.append)
    counts: list[tuple[int, int]] = []
    worker.work(lambda done, total: counts.append((done, total)), lambda: False)
    assert labels[0] == "read" and "push" in labels and "pull" in labels and counts
    # badr sees amal's span: the push reached the hub
    with Project.open(tmp_path / "badr.annotator") as badr:
        sync(badr, team["badr"])
        assert [s.label for s in badr.spans(doc.id, "amal")] == ["PER"]


def test_a_url_with_a_password_is_refused_and_not_remembered(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = "postgresql://amal:s3cret@localhost/team"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (url, True))
    window.actions_by_name["sync"].trigger()
    message = window.statusBar().currentMessage()
    assert "holds a password" in message and "s3cret" not in message
    assert QSettings().value(SETTINGS_URL) is None
    assert window.findChild(SyncReportDialog) is None


def test_an_unreachable_hub_fails_in_one_line_and_the_window_goes_on(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    (tmp_path / "empty").mkdir()
    job = start_sync(window, f"postgresql://amal@/team?host={tmp_path / 'empty'}")
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=30_000) as blocker:
        pass
    assert blocker.args is not None and blocker.args[0] == "failed"
    assert "cannot connect to the hub" in window.statusBar().currentMessage()
    assert window.session.project is not None and window.doc is not None

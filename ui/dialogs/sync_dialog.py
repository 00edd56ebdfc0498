"""File › Sync…: push the analyst's layers to the team hub and pull everyone else's (issue 16).

The hub's URL is asked for and remembered in QSettings (per project, and the last one used as
the default for a project that never synced). A URL holding a password is refused before it is
stored or used (``annotator.hub.check_url``): libpq reads the password from PGPASSWORD,
~/.pgpass or a service file. The sync runs on a pool thread that opens its own ``Project``
(``annotator.hub.sync``), with the progress dialog of ``ui.jobs.BackgroundJob`` naming the
phase (read, push, pull, merge) and a Cancel that keeps what was committed (each push is a
complete transaction; the next sync goes on from there). Then the workbench re-reads the
project, as after a merge, and the report is shown as plain text (names come from the team).

``annotator.hub`` (and psycopg) is imported when the action runs, never at start-up.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLineEdit,
    QPlainTextEdit,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)

from annotator.formats.common import IsCancelled, Progress
from ui.dialogs.prompts import show_message
from ui.jobs import BackgroundJob, JobWorker
from ui.session import Session

if TYPE_CHECKING:
    from annotator.hub import SyncReport

SETTINGS_URL = "hub/url"
"""the last hub URL used (never a password: such a URL is refused before it is stored)"""


def settings_key(project: Path) -> str:
    """The QSettings key remembering the hub of one project."""
    return f"hub/url-of/{Path(project).resolve()}"


class NoteEditor(Protocol):
    def flush_note(self) -> None: ...


class SyncHost(Protocol):
    """What File › Sync… needs of the main window."""

    @property
    def session(self) -> Session: ...
    @property
    def details(self) -> NoteEditor: ...
    def tr(self, sourceText: str, /) -> str: ...
    def window(self) -> QWidget: ...
    def statusBar(self) -> QStatusBar: ...
    def on_error(self, message: str) -> None: ...


def remembered_url(project: Path) -> str:
    settings = QSettings()
    value = settings.value(settings_key(project)) or settings.value(SETTINGS_URL) or ""
    return str(value)


def remember_url(project: Path, url: str) -> None:
    settings = QSettings()
    settings.setValue(settings_key(project), url)
    settings.setValue(SETTINGS_URL, url)
    settings.sync()


def sync_dialog(w: SyncHost) -> BackgroundJob | None:
    """Ask for the hub's URL (the remembered one offered), then sync in the background."""
    path = w.session.path
    if path is None or w.session.read_only:
        show_message(w.window(), w.tr("Sync"), w.tr("Open a project for editing first."))
        return None
    url, ok = QInputDialog.getText(
        w.window(),
        w.tr("Sync with the team hub"),
        w.tr("Hub URL (no password: it is read from ~/.pgpass or PGPASSWORD):"),
        QLineEdit.EchoMode.Normal,
        remembered_url(path),
    )
    url = url.strip()
    if not ok or not url:
        return None
    return start_sync(w, url)


class SyncPhases(QObject):
    """The phase a sync is in, from the worker thread to the progress dialog."""

    phase = Signal(str)


class SyncWorker(JobWorker):
    """Runs ``annotator.hub.sync`` on a pool thread with its own project handle."""

    def __init__(self, project_path: Path, url: str, full: bool = False) -> None:
        super().__init__()
        self.project_path = project_path
        self.url = url
        self.full = full
        self.phases = SyncPhases()

    def work(self, progress: Progress, cancelled: IsCancelled) -> SyncReport:
        from annotator.hub import sync
        from annotator.project import Project

        last = [""]

        def report(phase: str, done: int, total: int) -> None:
            if phase != last[0]:
                last[0] = phase
                self.phases.phase.emit(phase)
            progress(done, total)

        with Project.open(self.project_path) as project:
            return sync(project, self.url, report, cancelled, self.full)


def start_sync(w: SyncHost, url: str, full: bool = False) -> BackgroundJob | None:
    """Sync the open project with the hub at ``url`` in the background; the workbench re-reads
    the project when it ends. Returns the job (tests wait on ``job.done``)."""
    from annotator.hub import HubError, SyncReport, check_url, describe

    path = w.session.path
    if path is None:
        return None
    try:
        check_url(url)  # a password in the URL: refused, neither stored nor used
        hub = describe(url)
    except HubError as exc:
        w.on_error(str(exc))
        return None
    remember_url(path, url)
    w.details.flush_note()  # a pending note is saved before the other connection writes
    worker = SyncWorker(path, url, full)
    job = BackgroundJob(w.window(), w.tr("Sync"), w.tr("Syncing with {0}…").format(hub), worker)
    phases = {
        "read": w.tr("Reading your changes…"),
        "push": w.tr("Sending your changes to {0}…").format(hub),
        "pull": w.tr("Receiving the team's changes…"),
        "merge": w.tr("Merging the team's changes…"),
    }
    worker.phases.phase.connect(lambda phase: job.dialog.setLabelText(phases.get(phase) or phase))

    def done(outcome: str, payload: object) -> None:
        project = w.session.project
        if project is not None and outcome != "failed":
            # the sync wrote through another connection (a cancelled one may have committed
            # its push or pull): the clock and the schema catch up, as after a merge
            project.refresh()
        w.session.refresh()
        if outcome == "finished" and isinstance(payload, SyncReport):
            w.statusBar().showMessage(
                w.tr("Synced: {0} sent, {1} received").format(payload.pushed, payload.pulled),
                10000,
            )
            show_report(w.window(), payload)
        elif outcome == "failed":
            w.on_error(w.tr("The sync stopped: {0}").format(payload))
        else:
            w.statusBar().showMessage(
                w.tr("Sync cancelled; what was sent or received stays."), 10000
            )
        job.deleteLater()

    job.done.connect(done)
    job.start()
    return job


class SyncReportDialog(QDialog):
    """The sync report, read-only plain text, not modal."""

    def __init__(self, text: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sync"))
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setPlainText(text)  # names and labels from the team stay literal
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(640, 320)


def show_report(parent: QWidget, report: SyncReport) -> SyncReportDialog:
    dialog = SyncReportDialog("\n".join(report.lines()), parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog

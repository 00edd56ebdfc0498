"""File › Sync…: push the analyst's layers to the team hub and pull everyone else's (issue 16).

The hub's URL is asked for and remembered in QSettings (per project, and the last one used as
the default for a project that never synced). A URL holding a password is refused before it is
stored or used (``annotator.hub.check_url``): libpq reads the password from PGPASSWORD,
~/.pgpass or a service file. The sync runs on a pool thread that opens its own ``Project``
(``annotator.hub.sync``), with the progress dialog of ``ui.jobs.BackgroundJob`` naming the
phase (read, push, pull, merge) and a Cancel that keeps what was committed (each push is a
complete transaction; the next sync goes on from there). Then the workbench re-reads the
project, as after a merge, and the report is shown as plain text (names come from the team).

After a sync (and after File › Team progress… has loaded), the document list marks the current
layer's hub queue (``QueueKeeper``): the documents assigned to the layer and not done, or for
the gold layer the review queue. The sync's own job reads it after its merge (``layer_queue``);
when the layer or the project changes, the marks go, and for another layer of the same project
a small background job (no dialog) asks the remembered hub again. Without a hub nothing shows.

``annotator.hub`` (and psycopg) is imported when the action runs, never at start-up.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, QThreadPool, Signal
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
from annotator.model import GOLD
from ui.dialogs.prompts import show_message
from ui.i18n import core_lines, core_text
from ui.jobs import BackgroundJob, JobWorker
from ui.session import Changes, Session
from ui.widgets import lines_in_their_direction

if TYPE_CHECKING:
    from annotator.hub import QueueItem, SyncReport, TeamView
    from annotator.project import Project

SETTINGS_URL = "hub/url"
"""the last hub URL used (never a password: such a URL is refused before it is stored)"""


def settings_key(project: Path) -> str:
    """The QSettings key remembering the hub of one project."""
    return f"hub/url-of/{Path(project).resolve()}"


class NoteEditor(Protocol):
    def flush_note(self) -> None: ...


class QueueList(Protocol):
    """The document list, as far as the hub queue goes (``DocumentListPanel``)."""

    def show_queue(self, review: bool, doc_ids: Iterable[int], waiting: int = 0) -> None: ...
    def hide_queue(self) -> None: ...


class QueueHost(Protocol):
    """What marking the hub queue in the document list needs of the main window."""

    @property
    def session(self) -> Session: ...
    @property
    def documents(self) -> QueueList: ...
    def window(self) -> QWidget: ...


class SyncHost(QueueHost, Protocol):
    """What File › Sync… needs of the main window."""

    @property
    def details(self) -> NoteEditor: ...
    def tr(self, sourceText: str, /) -> str: ...
    def statusBar(self) -> QStatusBar: ...
    def on_error(self, message: str) -> None: ...


def remembered_url(project: Path) -> str:
    settings = QSettings()
    value = settings.value(settings_key(project)) or settings.value(SETTINGS_URL) or ""
    return str(value)


def project_url(project: Path) -> str:
    """The hub this project synced with (or read the team from); "" when none."""
    return str(QSettings().value(settings_key(project)) or "")


def remember_url(project: Path, url: str) -> None:
    settings = QSettings()
    settings.setValue(settings_key(project), url)
    settings.setValue(SETTINGS_URL, url)
    settings.sync()


def hub_key(project: Path) -> str:
    """The QSettings key remembering which hub (its id) the project last synced with, and at
    which URL: the sidecar keeps the role per hub id and no URL (docs/design/hub.md)."""
    return f"hub/id-of/{Path(project).resolve()}"


def remember_hub(project: Path, url: str, hub_id: str) -> None:
    """After a sync with the hub at ``url``: its id (``SyncReport.hub_id``), beside the URL."""
    settings = QSettings()
    settings.setValue(hub_key(project), json.dumps([url, hub_id]))
    settings.sync()


def project_hub_id(project: Path) -> str:
    """The id of the hub File › Sync uses now for this project: the one it last synced with,
    when that was at the URL remembered now ("" when unknown: never synced from a window
    since the id is kept, or another URL remembered since, by Team progress say). Never
    asks the hub."""
    try:
        url, hub_id = json.loads(str(QSettings().value(hub_key(project)) or "null"))
    except (TypeError, ValueError):
        return ""
    if not isinstance(url, str) or not isinstance(hub_id, str) or not url:
        return ""
    return hub_id if url == project_url(project) else ""


def ask_hub_url(parent: QWidget, title: str, project: Path) -> str | None:
    """The hub's URL from the user, the project's remembered one offered (None: cancelled or
    empty). Never a password: libpq reads it from its own places."""
    url, ok = QInputDialog.getText(
        parent,
        title,
        QCoreApplication.translate(
            "HubUrl", "Hub URL (no password: it is read from ~/.pgpass or PGPASSWORD):"
        ),
        QLineEdit.EchoMode.Normal,
        remembered_url(project),
    )
    url = url.strip()
    return url if ok and url else None


def sync_dialog(w: SyncHost) -> BackgroundJob | None:
    """Ask for the hub's URL (the remembered one offered), then sync in the background."""
    path = w.session.path
    if path is None or w.session.read_only:
        show_message(w.window(), w.tr("Sync"), w.tr("Open a project for editing first."))
        return None
    url = ask_hub_url(w.window(), w.tr("Sync with the team hub"), path)
    return None if url is None else start_sync(w, url)


# -- the hub queue in the document list ------------------------------------------------------
@dataclass(frozen=True)
class LayerQueue:
    """One layer's hub queue as the project holds it."""

    layer: str
    review: bool
    """the review queue (the gold layer): documents whose analysts are all done"""
    doc_ids: frozenset[int]
    waiting: int = 0
    """queued documents not in the project yet"""

    @classmethod
    def of(cls, layer: str, review: bool, items: Iterable[QueueItem]) -> LayerQueue:
        listed = list(items)
        ids = frozenset(i.doc_id for i in listed if i.doc_id is not None)
        return cls(layer, review, ids, sum(1 for i in listed if i.doc_id is None))


def layer_queue(url: str, project: Project, layer: str) -> LayerQueue | None:
    """The queue of ``layer`` on the hub at ``url``, statuses as merged into ``project``: for
    gold the review queue; for the layer of an analyst or adjudicator its assigned documents
    not done; None for a layer the hub does not know (a coordinator's, say). Worker thread."""
    from annotator.hub import members, queue, review_queue

    if layer == GOLD:
        return LayerQueue.of(layer, True, review_queue(url, project))
    if not any(lay == layer and kind != "coordinator" for _role, kind, lay in members(url)):
        return None
    return LayerQueue.of(layer, False, queue(url, project, layer))


def queue_of_view(view: TeamView, layer: str) -> LayerQueue | None:
    """The queue a team view already holds, when it is ``layer``'s (None: ask again)."""
    m = view.member
    if m.kind == "analyst" and m.layer == layer:
        return LayerQueue.of(layer, False, view.queue)
    if m.kind == "adjudicator" and layer == GOLD:
        return LayerQueue.of(layer, True, view.queue)
    return None


class QueueWorker(JobWorker):
    """Reads one layer's queue on a pool thread with its own read-only project handle."""

    def __init__(self, project_path: Path, url: str, layer: str) -> None:
        super().__init__()
        self.project_path = project_path
        self.url = url
        self.layer = layer

    def work(self, progress: Progress, cancelled: IsCancelled) -> LayerQueue | None:
        from annotator.project import Project

        with Project.open(self.project_path, read_only=True) as project:
            return layer_queue(self.url, project, self.layer)


class QueueKeeper(QObject):
    """Which hub queue the document list of one window shows (project and layer), one per
    window (``of``). It hides the marks when the project or the layer changes; for another
    layer of the same project it asks the project's hub again in the background, quietly (a
    failure leaves the list unmarked)."""

    def __init__(self, host: QueueHost) -> None:
        super().__init__(host.window())
        self.setObjectName("hub_queue_keeper")
        self.host = host
        self.shown: tuple[Path, str] | None = None
        self.job: QueueWorker | None = None
        host.session.changed.connect(self._changed)

    @classmethod
    def of(cls, host: QueueHost) -> QueueKeeper:
        keeper = host.window().findChild(QueueKeeper, "hub_queue_keeper")
        return keeper if isinstance(keeper, QueueKeeper) else cls(host)

    def show(self, queue: LayerQueue | None) -> None:
        """Mark ``queue`` when it is the open project's current layer's (None: no queue)."""
        session = self.host.session
        path = session.path
        if queue is None or path is None or queue.layer != session.annotator:
            if queue is None or path is None:
                self.hide()
            return
        self.host.documents.show_queue(queue.review, queue.doc_ids, queue.waiting)
        self.shown = (path.resolve(), queue.layer)

    def hide(self) -> None:
        self.shown = None
        self.host.documents.hide_queue()

    def refresh(self, url: str) -> QueueWorker | None:
        """Read the current layer's queue from ``url`` in the background (no dialog)."""
        session = self.host.session
        if session.path is None or not session.annotator or not url:
            return None
        worker = self.job = QueueWorker(session.path, url, session.annotator)
        worker.setAutoDelete(False)  # kept (and its signals alive) until it reports
        # methods of this keeper, not closures: Qt drops the connections when the keeper goes
        # with its window, and a queue read to the end after that reaches nothing (a closure
        # went on to mark the deleted window's document list, and raised)
        worker.signals.finished.connect(self._finished)
        worker.signals.failed.connect(self._failed)
        QThreadPool.globalInstance().start(worker)
        return worker

    def _reported(self) -> bool:
        """Whether the report being delivered is the current job's (and ends it)."""
        job = self.job
        if job is None or self.sender() is not job.signals:
            return False
        self.job = None
        return True

    def _finished(self, result: object) -> None:
        if self._reported() and isinstance(result, LayerQueue):
            self.show(result)

    def _failed(self, _message: str) -> None:
        self._reported()

    def _changed(self, changes: Changes) -> None:
        if self.shown is None or changes.reason not in ("project", "annotator"):
            return
        path, layer = self.shown
        session = self.host.session
        if session.path is None or session.path.resolve() != path:
            self.hide()
            self.job = None
        elif session.annotator != layer:
            self.hide()
            self.refresh(project_url(path))


def show_queue(w: QueueHost, queue: LayerQueue | None) -> None:
    """Mark ``queue`` in ``w``'s document list (after a sync or a team view)."""
    QueueKeeper.of(w).show(queue)


class SyncPhases(QObject):
    """The phase a sync is in, from the worker thread to the progress dialog."""

    phase = Signal(str)


class SyncWorker(JobWorker):
    """Runs ``annotator.hub.sync`` on a pool thread with its own project handle."""

    def __init__(self, project_path: Path, url: str, full: bool = False, layer: str = "") -> None:
        super().__init__()
        self.project_path = project_path
        self.url = url
        self.full = full
        self.layer = layer
        """the current layer, whose hub queue is read after the sync ("": none)"""
        self.queue: LayerQueue | None = None
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
            result = sync(project, self.url, report, cancelled, self.full)
            if self.layer:
                try:  # the queue marks the list; the sync stands without it
                    self.queue = layer_queue(self.url, project, self.layer)
                except Exception:
                    self.queue = None
            return result


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
        w.on_error(core_text(exc))
        return None
    remember_url(path, url)
    w.details.flush_note()  # a pending note is saved before the other connection writes
    worker = SyncWorker(path, url, full, w.session.annotator)
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
        if outcome == "finished" and isinstance(payload, SyncReport) and payload.hub_id:
            remember_hub(path, url, payload.hub_id)  # whose role the workbench's notice reads
        # what a sync writes is what it pulled: the team's versions, not this project's edits
        w.session.refresh(written=frozenset(), cause="sync")
        if outcome == "finished" and isinstance(payload, SyncReport):
            show_queue(w, worker.queue)
            w.statusBar().showMessage(sync_summary(w, payload), 10000)
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


def sync_summary(w: SyncHost, report: SyncReport) -> str:
    """The status bar's line after a sync: what was sent and received, and how many versions
    of layers the role does not push stay in this project (``SyncReport.local_only``: the
    report names the layers; each sync says it again while they differ from the hub)."""
    done = w.tr("Synced: {0} sent, {1} received").format(report.pushed, report.pulled)
    local = sum(report.local_only.values())
    if not local:
        return done
    return w.tr(
        "{0}; {1} of your changes stay in this project: your role does not write their layers"
    ).format(done, local)


class SyncReportDialog(QDialog):
    """The sync report, read-only plain text, not modal."""

    def __init__(self, text: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sync"))
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        lines_in_their_direction(self.text)
        self.text.setPlainText(text)  # names and labels from the team stay literal
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(640, 320)


def show_report(parent: QWidget, report: SyncReport) -> SyncReportDialog:
    dialog = SyncReportDialog(core_lines(report.lines()), parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog

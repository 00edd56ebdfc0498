"""File › Team progress…: the team on the hub as the open project sees it (issue 16).

Per analyst: documents assigned, done and in progress, live spans and spans per active hour;
agreement so far per pair, overall and per label; and the connected member's queue (an
analyst: documents assigned to them and not yet done; an adjudicator: documents whose analysts
are all done). Figures come from ``annotator.hub.team_view`` on a pool thread (its own
read-only ``Project`` and its own connections) behind the progress dialog of
``ui.jobs.BackgroundJob``; they are the layers as merged into the project by its last sync
(File › Sync… brings them up to date). Names and labels come from the team: shown as plain
table text. Double-clicking a queued document opens it. The same job reads the current
layer's queue (from the view when it is the member's, else asked for), and the document list
marks it (``ui.dialogs.sync_dialog.QueueKeeper``).

``annotator.hub`` (and psycopg) is imported when the action runs, never at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.formats.common import IsCancelled, Progress
from ui.dialogs.prompts import show_message
from ui.dialogs.sync_dialog import (
    LayerQueue,
    QueueHost,
    ask_hub_url,
    layer_queue,
    queue_of_view,
    remember_url,
    show_queue,
)
from ui.i18n import core_text, isolate, plain_tooltip, status_text
from ui.jobs import BackgroundJob, JobWorker
from ui.session import Session
from ui.widgets import DirectionalDelegate

if TYPE_CHECKING:
    from annotator.hub import TeamView


class TeamHost(QueueHost, Protocol):
    """What File › Team progress… needs of the main window."""

    @property
    def session(self) -> Session: ...
    def tr(self, sourceText: str, /) -> str: ...
    def on_error(self, message: str) -> None: ...


class TeamWorker(JobWorker):
    """Runs ``annotator.hub.team_view`` on a pool thread with its own read-only project."""

    def __init__(self, project_path: Path, url: str, layer: str = "") -> None:
        super().__init__()
        self.project_path = project_path
        self.url = url
        self.layer = layer
        """the current layer, whose hub queue the document list marks ("": none)"""
        self.queue: LayerQueue | None = None

    def work(self, progress: Progress, cancelled: IsCancelled) -> TeamView:
        from annotator.hub import team_view
        from annotator.project import Project

        with Project.open(self.project_path, read_only=True) as project:
            view = team_view(self.url, project, progress)
            if self.layer:
                self.queue = queue_of_view(view, self.layer)
                if self.queue is None:
                    try:  # the queue marks the list; the view stands without it
                        self.queue = layer_queue(self.url, project, self.layer)
                    except Exception:
                        self.queue = None
            return view


def team_dialog(w: TeamHost, open_document: Callable[[int], None]) -> BackgroundJob | None:
    """Ask for the hub's URL (the project's remembered one offered), then read the team's
    progress in the background and show it."""
    path = w.session.path
    if path is None:
        show_message(w.window(), w.tr("Team progress"), w.tr("Open a project first."))
        return None
    url = ask_hub_url(w.window(), w.tr("Team progress"), path)
    return None if url is None else start_team_view(w, url, open_document)


def start_team_view(
    w: TeamHost, url: str, open_document: Callable[[int], None]
) -> BackgroundJob | None:
    """Read the team's progress from the hub at ``url`` in the background, then show the
    view (a ``TeamViewDialog`` child of the window). Returns the job (tests wait on
    ``job.done``)."""
    from annotator.hub import HubError, TeamView, check_url, describe

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
    worker = TeamWorker(path, url, w.session.annotator)
    job = BackgroundJob(
        w.window(), w.tr("Team progress"), w.tr("Reading the team's progress on {0}…").format(hub),
        worker,
    )  # fmt: skip

    def done(outcome: str, payload: object) -> None:
        if outcome == "finished" and isinstance(payload, TeamView):
            show_queue(w, worker.queue)
            view = TeamViewDialog(hub, payload, open_document, w.window())
            view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            view.show()
        elif outcome == "failed":
            w.on_error(w.tr("The team's progress could not be read: {0}").format(payload))
        job.deleteLater()

    job.done.connect(done)
    job.start()
    return job


def _item(text: str, number: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)  # plain text: names and labels come from the team
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if number:
        item.setTextAlignment(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
    return item


def _num(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


class TeamViewDialog(QDialog):
    """The team's progress, agreement and the member's queue: three read-only tables."""

    def __init__(
        self,
        hub: str,
        view: TeamView,
        open_document: Callable[[int], None],
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Team progress"))
        self.view = view
        self._open_document = open_document
        m = view.member
        who = (
            isolate(m.role)
            if m.layer in (None, m.role)
            else (f"{isolate(m.role)} · {isolate(m.layer or '')}")
        )
        kinds = {
            "analyst": self.tr("analyst"),
            "adjudicator": self.tr("adjudicator"),
            "coordinator": self.tr("coordinator"),
        }
        self.header = QLabel(
            self.tr("{0}, as {1} ({2}); figures as of this project's last sync.").format(
                isolate(hub), who, kinds.get(m.kind, m.kind)
            ),
            self,
        )
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.analysts = self._table(
            [self.tr("Analyst"), self.tr("Assigned"), self.tr("Done"), self.tr("In progress"),
             self.tr("Spans"), self.tr("Spans per hour")], names=(0,),
        )  # fmt: skip
        for a in view.status.analysts:
            self._row(self.analysts, [
                _item(a.layer), _item(str(a.assigned), True), _item(str(a.done), True),
                _item(str(a.in_progress), True), _item(str(a.spans), True),
                _item(_num(a.spans_per_hour, 1), True),
            ])  # fmt: skip
        self.agreement = self._table(
            [self.tr("Pair"), self.tr("Label"), self.tr("F1"), self.tr("Kappa")], names=(0, 1)
        )
        for p in view.status.pairs:
            pair = f"{p.a} – {p.b}"
            self._row(self.agreement, [
                _item(pair), _item(self.tr("all labels")), _item(_num(p.f1), True),
                _item(_num(p.kappa), True),
            ])  # fmt: skip
            for label, f1 in sorted(p.per_label.items()):
                self._row(self.agreement, [_item(pair), _item(label), _item(_num(f1), True),
                                           _item("")])  # fmt: skip
        self.queue = self._table([self.tr("Document"), self.tr("Status")], names=(0, 1))
        for q in view.queue:
            status = status_text(q.status)
            if q.problem:  # the name is shown escaped (annotator.hub.queue)
                status = self.tr("{0} (refused by the sync)").format(status)
            elif q.doc_id is None:
                status = self.tr("{0} (not synced yet)").format(status)
            name = _item(q.name)
            name.setData(Qt.ItemDataRole.UserRole, q.doc_id)
            items = [name, _item(status)]
            if q.problem:
                for item in items:
                    item.setToolTip(plain_tooltip(q.problem))
            self._row(self.queue, items)
        self.queue.cellDoubleClicked.connect(self._open)
        self.tabs.addTab(self.analysts, self.tr("Analysts"))
        self.tabs.addTab(self.agreement, self.tr("Agreement"))
        queue_title = {
            "analyst": self.tr("My queue ({0})"),
            "adjudicator": self.tr("To review ({0})"),
        }.get(m.kind, self.tr("Queue ({0})"))
        self.tabs.addTab(self.queue, queue_title.format(len(view.queue)))
        if not view.status.pairs:
            self.agreement.setToolTip(self.tr("Agreement needs two analysts with spans."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(680, 380)

    def _table(self, headers: list[str], names: tuple[int, ...]) -> QTableWidget:
        """A read-only table; the ``names`` columns lay each cell out in its own direction
        (``DirectionalDelegate``, as the document list): in the Arabic interface
        ``000_3626081446f7037e`` would otherwise read ``3626081446f7037e_000``."""
        table = QTableWidget(0, len(headers), self)
        delegate = DirectionalDelegate(table)
        for column in names:
            table.setItemDelegateForColumn(column, delegate)
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # names: the room
        return table

    @staticmethod
    def _row(table: QTableWidget, items: list[QTableWidgetItem]) -> None:
        row = table.rowCount()
        table.insertRow(row)
        for col, item in enumerate(items):
            table.setItem(row, col, item)

    def _open(self, row: int, _column: int) -> None:
        item = self.queue.item(row, 0)
        doc_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if isinstance(doc_id, int):
            self._open_document(doc_id)

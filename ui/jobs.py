"""Background jobs: one worker run loop on the QThreadPool and one job class with its progress
dialog, used by import, export, bundle, merge, review and agreement (and one without the
dialog, for the model panel's training).

A ``JobWorker`` runs ``work(progress, cancelled)`` on a pool thread and reports through its
``signals`` (progress, finished, failed, cancelled); a ``BackgroundJob`` shows the progress
dialog whose Cancel sets the worker's thread-safe flag and emits ``done`` once, whatever the
outcome; a ``QuietJob`` is one without the dialog (the model panel's training shows its
progress and Cancel in the panel). The work receives the ``progress`` and ``cancelled``
callables of ``annotator.formats.common`` and must open its own ``Project``: SQLite
connections belong to the thread that opened them. An import is one transaction (all or
nothing), and a cancel makes ``import_documents`` raise ``Cancelled`` inside it, which rolls
everything back; a cancelled export leaves no output.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QLabel, QProgressDialog, QWidget

from annotator.errors import AnnotatorError, Cancelled
from annotator.formats.common import (
    ExportOptions,
    ExportReport,
    ImportResult,
    IsCancelled,
    Progress,
)
from ui.i18n import core_lines, core_text

if TYPE_CHECKING:
    # the readers, the importer, the exporter and the project load when a job runs, not when
    # the window starts (issue 12: start-up loads only what the first paint needs)
    from annotator.importing import ImportReport
    from annotator.project import Project

JobFunction = Callable[[Progress, IsCancelled], object]


class JobSignals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    """the work's result (an ImportReport, an ExportReport ...)"""
    failed = Signal(str)
    cancelled = Signal()


WORKER_NICE = 10
"""the scheduling priority (nice) of a pool thread running a job, below the window's thread"""


def below_the_window() -> None:
    """Lower the calling thread's scheduling priority (a pool thread's; the session's purge
    of withdrawn suggestions) (Linux: ``setpriority`` on the thread's id changes that thread
    only), so that on a busy machine the operating system
    runs the window's thread first. A job holds the GIL between its own switches; when the
    window's thread waits for it, the two compete for a core: at equal priority, with a
    model's training in a child process and another program on 2 cores, the window's 10 ms
    timer waited 50-75 ms while the job imported and read back the model
    (``tests/benchmarks/bench_window_frames.py::test_the_window_stays_responsive_while_a_model_trains``).
    Elsewhere, or not allowed:
    nothing changes. A pool thread keeps it for the jobs it runs later (all background)."""
    with contextlib.suppress(AttributeError, OSError):
        tid = threading.get_native_id()
        if os.getpriority(os.PRIO_PROCESS, tid) < WORKER_NICE:
            os.setpriority(os.PRIO_PROCESS, tid, WORKER_NICE)


class JobWorker(QRunnable):
    """Runs ``function(progress, cancelled)`` (or an override of ``work``) on a pool thread."""

    def __init__(self, function: JobFunction | None = None) -> None:
        super().__init__()
        self.function = function
        self.signals = JobSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Ask the work to stop (thread-safe); it raises ``Cancelled`` and writes nothing."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def work(self, progress: Progress, cancelled: IsCancelled) -> object:
        assert self.function is not None, "a JobWorker needs a function or a work override"
        return self.function(progress, cancelled)

    def run(self) -> None:
        below_the_window()
        try:
            result = self.work(self._progress, self.is_cancelled)
        except Cancelled:
            self._tell("cancelled")
        except (AnnotatorError, OSError, ValueError, ImportError) as exc:
            self._tell("failed", core_text(exc))
        except Exception as exc:  # a bug must end the job, not leave the dialog hanging
            self._tell("failed", f"{type(exc).__name__}: {exc}")
        else:
            self._tell("finished", result)

    def _progress(self, done: int, total: int) -> None:
        if not self._tell("progress", done, total):
            self._cancel.set()  # nobody is left to see the result: stop the work

    def _tell(self, signal: str, *args: object) -> bool:
        """Emit one of ``signals``; False when Qt has deleted them already (the application
        quit while the job ran: no window is left to tell, and a traceback on the way out
        helps nobody)."""
        try:
            getattr(self.signals, signal).emit(*args)
        except RuntimeError:
            return False
        return True


class QuietJob(QObject):
    """A running worker without a dialog; ``done(outcome, payload)`` fires once.

    ``outcome`` is "finished" (payload: the work's result), "cancelled" (None) or
    "failed" (payload: the message); ``payload`` keeps it afterwards. Whoever starts it shows
    its progress (``worker.signals.progress``) and a Cancel (``worker.cancel``) where the
    analyst works: the model panel's training, which the analyst keeps annotating through
    (a dialog over the window would stand between them and the document, and showing it
    repaints the whole window)."""

    done = Signal(str, object)
    """outcome ("finished", "cancelled", "failed"), the report or an error message"""

    def __init__(self, parent: QObject, work: JobFunction | JobWorker) -> None:
        super().__init__(parent)
        self.worker = work if isinstance(work, JobWorker) else JobWorker(work)
        sig = self.worker.signals
        sig.finished.connect(lambda report: self._end("finished", report))
        sig.cancelled.connect(lambda: self._end("cancelled", None))
        sig.failed.connect(lambda message: self._end("failed", message))
        self.outcome = ""
        self.payload: object = None

    def start(self, pool: QThreadPool | None = None) -> None:
        (pool or QThreadPool.globalInstance()).start(self.worker)

    def _end(self, outcome: str, payload: object) -> None:
        self.outcome = outcome
        self.payload = payload
        self.done.emit(outcome, payload)


class BackgroundJob(QuietJob):
    """A running worker with its progress dialog (modeless; its Cancel stops the worker);
    ``done(outcome, payload)`` fires once (``QuietJob``)."""

    def __init__(
        self, parent: QWidget, title: str, label: str, work: JobFunction | JobWorker
    ) -> None:
        super().__init__(parent, work)
        self.dialog = QProgressDialog(label, self.tr("Cancel"), 0, 0, parent)
        # the label names files and hubs (a received bundle's name): shown as plain text,
        # never guessed as rich text (setLabelText later sets this label's text)
        text = QLabel(label, self.dialog)
        text.setTextFormat(Qt.TextFormat.PlainText)
        self.dialog.setLabel(text)
        self.dialog.setWindowTitle(title)
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.worker.cancel)
        self.worker.signals.progress.connect(self._progress)

    def start(self, pool: QThreadPool | None = None) -> None:
        self.dialog.show()
        super().start(pool)

    def _progress(self, done: int, total: int) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)

    def _end(self, outcome: str, payload: object) -> None:
        self.dialog.canceled.disconnect(self.worker.cancel)
        self.dialog.close()
        # made with the window as parent, it would stay its hidden child for the session
        # (``ui.modal``); ``done``'s receivers may still read it, the event loop frees it
        self.dialog.deleteLater()
        super()._end(outcome, payload)


# --- import -------------------------------------------------------------------------------


def read_any(path: Path, project: Project) -> ImportResult:
    """Read one dropped file or folder as a plain ``annotator import`` reads it: format
    ``auto``, strict, the project's schema, and the reader's defaults for the rest
    (``annotator.formats.registry.read_any``): a CSV file's ``text`` column holds the texts and
    its rows are named ``FILE:LINE``, a ``name`` column or not. Naming rows by a column is a
    choice made where it can be made (the CLI's ``--name-column``, the Import dialog's CSV
    name column), not guessed from the header: a drop named the rows of a CSV file with a
    ``name`` column by it, and the CLI on the same file did not."""
    from annotator.formats.registry import read_any as read_source

    return read_source(path, "auto", True, schema=project.schema)


class ImportWorker(JobWorker):
    """Reads ``paths`` and imports them into the project at ``project_path``."""

    def __init__(self, project_path: Path, paths: Sequence[Path], annotator: str) -> None:
        super().__init__()
        self.project_path = project_path
        self.paths = list(paths)
        self.annotator = annotator

    def work(self, progress: Progress, cancelled: IsCancelled) -> ImportReport:
        from annotator.importing import import_documents
        from annotator.project import Project

        with Project.open(self.project_path) as project:
            result = ImportResult()
            for path in self.paths:
                if cancelled():
                    raise Cancelled("import cancelled; nothing was written")
                part = read_any(path, project)
                result.documents.extend(part.documents)
                result.problems.extend(part.problems)
            report = import_documents(
                project, result, annotator=self.annotator, progress=progress, cancelled=cancelled
            )
            self.index(project)
            return report

    @staticmethod
    def index(project: Project) -> None:
        """The search index takes the imported documents (as after ``annotator import``); a
        failure leaves the import in place and searches scanning the documents."""
        from annotator.importing import index_after_import

        index_after_import(project)


class ImportJob(BackgroundJob):
    """A running import with its progress dialog (a ``BackgroundJob`` with the import's titles)."""

    def __init__(self, parent: QWidget, worker: ImportWorker) -> None:
        super().__init__(parent, parent.tr("Import"), parent.tr("Importing…"), worker)


def summary(report: ImportReport) -> str:
    """An import's report in the interface language, a line each."""
    return core_lines(report.lines())


# --- export -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportRequest:
    """Everything one export needs, handed to the worker thread."""

    fmt: str
    out: Path
    annotator: str | None
    status: str | None
    options: ExportOptions
    style: str | None = None
    """the writer's style (``export(style=...)``; the events format's), None for its default"""


class ExportWorker(JobWorker):
    """Runs one export on a pool thread with its own read-only connection."""

    def __init__(self, project_path: Path, request: ExportRequest) -> None:
        super().__init__()
        self.project_path = project_path
        self.request = request

    def work(self, progress: Progress, cancelled: IsCancelled) -> ExportReport:
        from annotator.exporting import export
        from annotator.project import Project

        r = self.request
        with Project.open(self.project_path, read_only=True) as project:
            if r.style is None:  # the writer's default style (no keyword: as before)
                return export(
                    project, r.fmt, r.out, r.annotator, r.status, r.options,
                    progress=progress, cancelled=cancelled,
                )  # fmt: skip
            return export(
                project, r.fmt, r.out, r.annotator, r.status, r.options,
                progress=progress, cancelled=cancelled, style=r.style,
            )  # fmt: skip


class ExportJob(BackgroundJob):
    """A running export with its progress dialog (a ``BackgroundJob`` with the export's titles)."""

    def __init__(self, parent: QWidget, worker: ExportWorker) -> None:
        super().__init__(parent, parent.tr("Export"), parent.tr("Exporting…"), worker)

"""The background export: a QThreadPool worker and its cancellable progress dialog.

SQLite connections belong to the thread that opened them, so the worker opens its own
read-only ``Project`` on the file. A cancel makes the format writer raise ``Cancelled``; the
writers' atomic output (a temporary sibling renamed only on success) leaves nothing behind.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal
from PySide6.QtWidgets import QWidget

from annotator.errors import AnnotatorError, Cancelled
from annotator.exporting import export
from annotator.formats.common import ExportOptions
from annotator.project import Project
from ui.workers import ProgressJob


@dataclass(frozen=True)
class ExportRequest:
    """Everything one export needs, handed to the worker thread."""

    fmt: str
    out: Path
    annotator: str | None
    status: str | None
    options: ExportOptions


class ExportSignals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    """ExportReport"""
    failed = Signal(str)
    cancelled = Signal()


class ExportWorker(QRunnable):
    """Runs one export on a pool thread with its own read-only connection."""

    def __init__(self, project_path: Path, request: ExportRequest) -> None:
        super().__init__()
        self.project_path = project_path
        self.request = request
        self.signals = ExportSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Ask the export to stop (thread-safe); the writer then leaves no output."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        r = self.request
        try:
            with Project.open(self.project_path, read_only=True) as project:
                report = export(
                    project, r.fmt, r.out, r.annotator, r.status, r.options,
                    progress=self.signals.progress.emit, cancelled=self.is_cancelled,
                )  # fmt: skip
        except Cancelled:
            self.signals.cancelled.emit()
        except (AnnotatorError, OSError, ValueError, ImportError) as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # a writer's bug must end the job, not hang the progress dialog
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.signals.finished.emit(report)


class ExportJob(ProgressJob):
    """A running export with its progress dialog; ``done`` fires once whatever the outcome."""

    def __init__(self, parent: QWidget, worker: ExportWorker) -> None:
        super().__init__(parent, worker, parent.tr("Exporting…"), parent.tr("Export"))

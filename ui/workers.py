"""Background jobs: importing files on a QThreadPool worker with a cancellable progress dialog.

SQLite connections belong to the thread that opened them, so the worker opens its own
``Project`` on the same file; the import is one transaction (all or nothing), and a cancel
makes ``import_documents`` raise ``Cancelled`` inside it, which rolls everything back.
"""

from __future__ import annotations

import csv
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from annotator.errors import AnnotatorError, Cancelled
from annotator.formats.common import ImportResult
from annotator.formats.jsonl import read_jsonl
from annotator.formats.plain import read_csv, read_text
from annotator.importing import ImportReport, import_documents
from annotator.project import Project

IMPORT_FILTER = "Text, JSONL or CSV (*.txt *.jsonl *.csv);;All files (*)"


def read_any(path: Path, project: Project) -> ImportResult:
    """Read one file or folder with the reader its suffix calls for (folders: .txt files)."""
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return read_jsonl(path, schema=project.schema)
    if suffix == ".csv":
        return read_csv(path, name_column="name" if "name" in _csv_header(path) else "")
    return read_text(path)


def _csv_header(path: Path) -> list[str]:
    """The column names of a CSV file (empty when unreadable; the reader reports why)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            return next(csv.reader(f), [])
    except (OSError, UnicodeDecodeError, csv.Error):
        return []


class ImportSignals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    """ImportReport"""
    failed = Signal(str)
    cancelled = Signal()


class ImportWorker(QRunnable):
    """Reads ``paths`` and imports them into the project at ``project_path``."""

    def __init__(self, project_path: Path, paths: Sequence[Path], annotator: str) -> None:
        super().__init__()
        self.project_path = project_path
        self.paths = list(paths)
        self.annotator = annotator
        self.signals = ImportSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Ask the worker to stop (thread-safe); nothing gets written."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            with Project.open(self.project_path) as project:
                result = ImportResult()
                for path in self.paths:
                    if self.is_cancelled():
                        raise Cancelled("import cancelled; nothing was written")
                    part = read_any(path, project)
                    result.documents.extend(part.documents)
                    result.problems.extend(part.problems)
                report = import_documents(
                    project,
                    result,
                    annotator=self.annotator,
                    progress=self.signals.progress.emit,
                    cancelled=self.is_cancelled,
                )
        except Cancelled:
            self.signals.cancelled.emit()
        except AnnotatorError as exc:
            self.signals.failed.emit(str(exc))
        except OSError as exc:  # a file vanished or the disk is full
            self.signals.failed.emit(str(exc))
        else:
            self.signals.finished.emit(report)


class ProgressJob(QObject):
    """A running background worker with its progress dialog; ``done`` fires once whatever the
    outcome. The worker has ``signals`` (progress, finished, cancelled, failed) and ``cancel``."""

    done = Signal(str, object)
    """outcome ("finished", "cancelled", "failed"), the report or an error message"""

    def __init__(self, parent: QWidget, worker: Any, text: str, title: str) -> None:
        super().__init__(parent)
        self.worker = worker
        self.dialog = QProgressDialog(text, self.tr("Cancel"), 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(worker.cancel)
        sig = worker.signals
        sig.progress.connect(self._progress)
        sig.finished.connect(lambda report: self._end("finished", report))
        sig.cancelled.connect(lambda: self._end("cancelled", None))
        sig.failed.connect(lambda message: self._end("failed", message))
        self.outcome = ""

    def start(self, pool: QThreadPool | None = None) -> None:
        self.dialog.show()
        (pool or QThreadPool.globalInstance()).start(self.worker)

    def _progress(self, done: int, total: int) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)

    def _end(self, outcome: str, payload: object) -> None:
        self.outcome = outcome
        self.dialog.canceled.disconnect(self.worker.cancel)
        self.dialog.close()
        self.done.emit(outcome, payload)


class ImportJob(ProgressJob):
    """A running import with its progress dialog."""

    def __init__(self, parent: QWidget, worker: ImportWorker) -> None:
        super().__init__(parent, worker, parent.tr("Importing…"), parent.tr("Import"))


def summary(report: ImportReport) -> str:
    return "\n".join(report.lines())

"""A generic background job for the review, agreement and exchange windows.

The pattern of ``ui.workers``: a QRunnable on the global pool, signals back to the GUI thread,
a progress dialog whose Cancel sets a thread-safe flag. The job function receives the
``progress`` and ``cancelled`` callables of ``annotator.formats.common`` and must open its own
``Project`` (SQLite connections belong to the thread that opened them).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from annotator.errors import AnnotatorError, Cancelled
from annotator.formats.common import IsCancelled, Progress

JobFunction = Callable[[Progress, IsCancelled], object]


class JobSignals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class JobWorker(QRunnable):
    """Runs ``function(progress, cancelled)`` on a pool thread."""

    def __init__(self, function: JobFunction) -> None:
        super().__init__()
        self.function = function
        self.signals = JobSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self.function(self.signals.progress.emit, self.is_cancelled)
        except Cancelled:
            self.signals.cancelled.emit()
        except (AnnotatorError, OSError, ValueError) as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # a bug must end the job, not leave the dialog hanging
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.signals.finished.emit(result)


class BackgroundJob(QObject):
    """A running job with its progress dialog; ``done(outcome, payload)`` fires once.

    ``outcome`` is "finished" (payload: the function's result), "cancelled" (None) or
    "failed" (payload: the message)."""

    done = Signal(str, object)

    def __init__(self, parent: QWidget, title: str, label: str, function: JobFunction) -> None:
        super().__init__(parent)
        self.worker = JobWorker(function)
        self.dialog = QProgressDialog(label, self.tr("Cancel"), 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.worker.cancel)
        sig = self.worker.signals
        sig.progress.connect(self._progress)
        sig.finished.connect(lambda result: self._end("finished", result))
        sig.cancelled.connect(lambda: self._end("cancelled", None))
        sig.failed.connect(lambda message: self._end("failed", message))
        self.outcome = ""
        self.payload: object = None

    def start(self, pool: QThreadPool | None = None) -> None:
        self.dialog.show()
        (pool or QThreadPool.globalInstance()).start(self.worker)

    def _progress(self, done: int, total: int) -> None:
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total else 0)

    def _end(self, outcome: str, payload: object) -> None:
        self.outcome, self.payload = outcome, payload
        self.dialog.canceled.disconnect(self.worker.cancel)
        self.dialog.close()
        self.done.emit(outcome, payload)

"""A generic background job for the review, agreement and exchange windows.

The pattern of ``ui.workers``: a QRunnable on the global pool, signals back to the GUI thread,
a progress dialog whose Cancel sets a thread-safe flag. The job function receives the
``progress`` and ``cancelled`` callables of ``annotator.formats.common`` and must open its own
``Project`` (SQLite connections belong to the thread that opened them).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Signal
from PySide6.QtWidgets import QWidget

from annotator.errors import AnnotatorError, Cancelled
from annotator.formats.common import IsCancelled, Progress
from ui.workers import ProgressJob

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


class BackgroundJob(ProgressJob):
    """A running job with its progress dialog; ``done(outcome, payload)`` fires once.

    ``outcome`` is "finished" (payload: the function's result), "cancelled" (None) or
    "failed" (payload: the message); ``payload`` keeps it afterwards."""

    def __init__(self, parent: QWidget, title: str, label: str, function: JobFunction) -> None:
        super().__init__(parent, JobWorker(function), label, title)
        self.payload: object = None

    def _end(self, outcome: str, payload: object) -> None:
        self.payload = payload
        super()._end(outcome, payload)

"""A job still running when the application quits ends quietly: Qt has deleted its signals,
and emitting on them raised "Signal source has been deleted" on the pool thread (QA saw the
traceback on quitting while the least-confident order was being worked out)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shiboken6

from annotator.formats.common import IsCancelled, Progress
from ui.jobs import JobWorker


def test_a_job_whose_signals_are_gone_ends_without_raising_and_stops_its_work() -> None:
    steps: list[int] = []

    def work(progress: Progress, cancelled: IsCancelled) -> str:
        for n in range(5):
            if cancelled():
                break
            progress(n, 5)
            steps.append(n)
        return "done"

    worker = JobWorker(work)
    shiboken6.delete(worker.signals)  # what quitting does to them
    worker.run()  # on the caller's thread: an exception would fail the test
    assert steps == [0]  # the first progress found nobody listening, and the work stopped
    assert worker.is_cancelled()

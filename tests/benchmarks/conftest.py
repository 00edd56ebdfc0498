"""Benchmarks print their figures; run with `make bench` (pytest -s tests/benchmarks).

Every benchmark records its figures through the ``bench`` fixture; at the end of the run they
are saved under ``.benchmarks/`` (keyed by commit and date, see ``history.py``) and printed
next to the previous run's. ``make bench-scale`` (``BENCH_SCALE=1``) adds the 100,000-document
project of ``bench_scale.py``, which never runs otherwise.
"""

from __future__ import annotations

import os

import pytest

from tests.benchmarks import history

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_RUN = history.new_run()


@pytest.fixture
def bench() -> history.Record:
    """``bench(name, value, unit, target="", higher_is_better=False)`` records one figure."""

    def record(
        name: str, value: float, unit: str, target: str = "", higher_is_better: bool = False
    ) -> None:
        history.record(_RUN, name, value, unit, target, higher_is_better)

    return record


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _RUN.figures or os.environ.get("BENCH_NO_HISTORY"):
        return
    path = history.save(_RUN)
    terminalreporter.write_line("")
    for line in history.comparison(_RUN, exclude=path):
        terminalreporter.write_line(line)
    terminalreporter.write_line(f"  (saved to {os.path.relpath(path, history.ROOT)})")

"""A backtracking regular expression in the search dock and the find bar: the window keeps
running (the dock's worker no longer holds the interpreter), the search stops at the limit
(``REGEX_SECONDS``) with its message, and Cancel ends it at once."""

from __future__ import annotations

import itertools
import time

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from annotator.search import Mode, matching
from ui.docview.view import DocumentView
from ui.search import FindBar, SearchDock

SLOW = "نص عربي " + "a" * 40 + "!"
PATTERN = "(a|aa)+$"


def _dock(qtbot: QtBot) -> SearchDock:
    dock = SearchDock(lambda: iter([(1, "d1", SLOW), (2, "d2", "aaa")]))
    qtbot.addWidget(dock)
    dock.show()
    qtbot.waitExposed(dock)
    dock.mode.setCurrentIndex(dock.mode.findData(Mode.REGEX.value))
    dock.edit.setText(PATTERN)
    return dock


def test_the_dock_stays_responsive_and_shows_the_limit(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(matching, "REGEX_SECONDS", 1.5)
    dock = _dock(qtbot)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    started = time.monotonic()
    with qtbot.waitSignal(dock.searchFinished, timeout=15_000) as blocker:
        dock.search()
    timer.stop()
    assert time.monotonic() - started < 8
    assert blocker.args is not None and blocker.args[0] == "failed"
    assert "took longer than 1.5 seconds" in dock.status.text()
    assert repr(PATTERN) in dock.status.text()
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert len(ticks) > 20 and max(gaps) < 0.2


def test_cancel_ends_a_stuck_dock_search(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(matching, "REGEX_SECONDS", 1.5)
    dock = _dock(qtbot)
    dock.search()
    qtbot.wait(300)
    started = time.monotonic()
    dock.cancel()
    assert time.monotonic() - started < 0.2
    assert dock.status.text() == "Search cancelled"
    qtbot.waitUntil(lambda: not dock._running, timeout=10_000)


def test_the_find_bar_stops_at_the_limit_once(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(matching, "REGEX_SECONDS", 1.0)
    view = DocumentView()
    qtbot.addWidget(view)
    view.set_text(SLOW)
    bar = FindBar(view)
    qtbot.addWidget(bar)
    bar.mode.setCurrentIndex(bar.mode.findData(Mode.REGEX.value))
    started = time.monotonic()
    bar.open(PATTERN)  # typed and opened: one run only
    assert time.monotonic() - started < 1.9
    assert "took longer than 1 seconds" in bar.count.text()
    assert bar.hits == []
    bar.refresh()  # the same query on the same text is not run again
    assert time.monotonic() - started < 1.9
    assert "took longer than" in bar.count.text()

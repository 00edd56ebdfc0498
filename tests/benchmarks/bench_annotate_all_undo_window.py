"""Undo and redo of a big annotate-all in the main window: 108,000 suggestions (36 documents
of 3,000 occurrences) stored as ONE undo step (``StoreSuggestions``), then Edit ▸ Undo and
Edit ▸ Redo, each timed from the action until the event loop is idle and the document view and
the Suggestions dock show the result, on the window's thread; and the longest single frame gap
meanwhile (a 1 ms heartbeat timer: the longest time the window handled no event).

QA (last session): since 51e5eb0 the core's undo and redo of such a step are one write each
(11-20 ms, ``bench_annotate_all_undo.py``), but in the window the undo still took 0.20-0.30 s
and the redo 0.69-1.26 s: the suggestion controller went over all 108,000 moved suggestions
(``_drop``: ``dict.fromkeys``) and the dock styled ~4,000 rows again on the redo.

Target (the issue's budget): undo and redo each under 0.1 s in the window, the ratio printed.
Both ways the window stores such a step are measured: (a) ``command``: annotate-all in every
document on the window's thread (``SearchTools.annotate_all(True)``: ``StoreSuggestions``
stores them itself), (b) ``background``: ``store_pending`` on a job's own connection, then
``StoreSuggestions.already_stored`` executed by the window's session (what "Label every other
occurrence in every document" does once its job is done). Another source's suggestion stays
shown throughout. Each step is undone and redone twice; the slower of the two is the figure.

The withdrawn batch's rows are deleted once no redo can need them, in the background
(``ui.session._Purge``, after an edit drops the undone step): the longest frame gap during
its first 3 s, the window having nothing else to do (target < 0.1 s), and the slowest of the
edits made from then on, one every 0.2 s until it is done (printed: a write of the window
waits for one of the purge's transactions at most), are measured too.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from annotator.commands import AddSpan
from annotator.commands.suggestions import StoreSuggestions, store_pending
from annotator.project import Project
from tests.benchmarks.annotate_all_corpus import (
    PER_DOCUMENT,
    SUGGESTIONS,
    TARGET_S,
    build,
)
from tests.benchmarks.history import Record
from ui.search.tools import SearchTools
from ui.session import Session
from ui.suggestions import Installed
from ui.workbench.mainwindow import MainWindow
from ui.workbench.menus import open_project

pytestmark = [pytest.mark.benchmark, pytest.mark.qt_log_ignore("propagateSizeHints")]


def _project(path: Path) -> None:
    build(path, rejection=False)


def installed_of(w: MainWindow) -> Installed:
    found = getattr(w, "suggestions_installed", None)
    assert isinstance(found, Installed)
    return found


def tools_of(w: MainWindow) -> SearchTools:
    found = getattr(w, "search_tools", None)
    assert isinstance(found, SearchTools)
    return found


@pytest.fixture
def window(
    qtbot: QtBot, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    folder = tmp_path_factory.mktemp("undo_window")
    path = folder / "p.annotator"
    _project(path)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    w = MainWindow(Session(), QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    w.quiet_errors = True
    qtbot.addWidget(w)
    assert open_project(w, path)
    assert w.ensure_annotator()
    w.show()
    qtbot.waitUntil(lambda: not w.session.read_only, timeout=60_000)
    QApplication.processEvents()
    yield w
    w.close()


def shown_in(w: MainWindow) -> tuple[int, int, int]:
    """(rows of the dock's list, suggestions the document view draws, suggestions the dock
    counts as the document's)."""
    installed = installed_of(w)
    return (
        installed.panel.list.model().rowCount(),
        len(w.view.suggestions()),
        len(installed.controller.items),
    )


def timed(w: MainWindow, action: str, done: Callable[[], bool]) -> tuple[float, float]:
    """Trigger ``action`` from the event loop and run it until ``done`` and idle: (seconds
    from the action to then, the longest gap between two turns of the event loop)."""
    app = QApplication.instance()
    assert app is not None
    ticks: list[float] = []
    beat = QTimer()
    beat.setInterval(1)
    beat.timeout.connect(lambda: ticks.append(time.perf_counter()))
    beat.start()
    started = time.perf_counter()
    ticks.append(started)
    QTimer.singleShot(0, w.actions_by_name[action].trigger)
    deadline = started + 120
    controller = installed_of(w).controller
    while not (done() and not controller.loading) and time.perf_counter() < deadline:
        app.processEvents()
    app.processEvents()  # (what the change posted: the repaint of the view and the list)
    ended = time.perf_counter()
    ticks.append(ended)
    beat.stop()
    gap = max(b - a for a, b in itertools.pairwise(ticks))
    return ended - started, gap


@pytest.mark.parametrize("how", ["command", "background"])
def test_undo_and_redo_of_108k_suggestions_in_the_window(
    how: str, qtbot: QtBot, window: MainWindow, bench: Record
) -> None:
    w = window
    project = w.session.project
    assert project is not None and w.doc is not None and w.doc.id == 1
    w.select_span(project.spans(1, "amal")[0].uuid)
    before = shown_in(w)
    assert before == (1, 1, 1)  # the other source's suggestion
    started = time.perf_counter()
    if how == "command":
        stored = tools_of(w).annotate_all(True)
    else:
        from annotator.commands.suggestions import occurrences

        span = project.spans(1, "amal")[0]
        found = [s for part in occurrences(project, span) for s in part]
        with Project.open(project.path) as job:  # the background job's own connection
            done = store_pending(job, found)
        assert w.session.execute(StoreSuggestions.already_stored(done))
        stored = len(done)
    QApplication.processEvents()
    stored_s = time.perf_counter() - started
    assert stored == SUGGESTIONS
    after = shown_in(w)
    assert after == (PER_DOCUMENT + 1,) * 3
    assert installed_of(w).panel.isVisible()  # the dock opened on them
    undo = redo = undo_gap = redo_gap = 0.0
    for _ in range(2):
        seconds, gap = timed(w, "undo", lambda: shown_in(w) == before)
        assert shown_in(w) == before
        undo, undo_gap = max(undo, seconds), max(undo_gap, gap)
        seconds, gap = timed(w, "redo", lambda: shown_in(w) == after)
        assert shown_in(w) == after
        redo, redo_gap = max(redo, seconds), max(redo_gap, gap)
    print(
        f"\n{SUGGESTIONS:,} suggestions in the window ({how}): stored in {stored_s:.2f} s; "
        f"undo {undo:.3f} s ({undo / TARGET_S:.1f}x the target, longest frame gap "
        f"{undo_gap:.3f} s), redo {redo:.3f} s ({redo / TARGET_S:.1f}x the target, longest "
        f"frame gap {redo_gap:.3f} s); target < {TARGET_S} s each"
    )
    name = f"annotate_all_undo_window_108k.{how}"
    bench(f"{name}.store", stored_s, "s")
    bench(f"{name}.undo", undo, "s", f"< {TARGET_S} s")
    bench(f"{name}.undo_gap", undo_gap, "s", f"< {TARGET_S} s")
    bench(f"{name}.redo", redo, "s", f"< {TARGET_S} s")
    bench(f"{name}.redo_gap", redo_gap, "s", f"< {TARGET_S} s")
    assert undo < TARGET_S and redo < TARGET_S, (undo, redo)


def test_purge_of_108k_withdrawn_suggestions_in_the_background(
    qtbot: QtBot, window: MainWindow, bench: Record
) -> None:
    w = window
    project = w.session.project
    assert project is not None
    w.select_span(project.spans(1, "amal")[0].uuid)
    assert tools_of(w).annotate_all(True) == SUGGESTIONS
    command = getattr(w.session.undo_stack.command(0), "command", None)
    assert isinstance(command, StoreSuggestions) and command.batch
    w.session.undo()
    QApplication.processEvents()
    app = QApplication.instance()
    assert app is not None
    edits: list[float] = []
    words = iter(range(10, 10_000, 10))

    def edit() -> None:  # a span in a document not shown (its own cost: a few ms)
        if not w.session.purging:
            return
        text = project.document(4).text
        at = text.index("الوفد", next(words) * 60)
        started = time.perf_counter()
        assert w.session.execute(AddSpan(4, at, at + 5, "ORG", "amal"))
        edits.append(time.perf_counter() - started)

    at = project.document(3).text.index("الوفد")
    assert w.session.execute(AddSpan(3, at, at + 5, "ORG", "amal"))  # drops the undone step
    assert w.session.purging
    # the first 3 s with nothing else to do (the frame gaps), then edits until it is done
    ticks: list[float] = [time.perf_counter()]
    beat = QTimer()
    beat.setInterval(1)
    beat.timeout.connect(lambda: ticks.append(time.perf_counter()))
    beat.start()
    while w.session.purging and time.perf_counter() < ticks[0] + 3:
        app.processEvents()
    ticks.append(time.perf_counter())
    beat.stop()
    editor = QTimer()
    editor.setInterval(200)
    editor.timeout.connect(edit)
    editor.start()
    qtbot.waitUntil(lambda: not w.session.purging, timeout=120_000)
    editor.stop()
    gap = max(b - a for a, b in itertools.pairwise(ticks))
    slowest = max(edits, default=0.0)
    assert project._store.batch_size(command.batch) == 0
    print(
        f"\n{SUGGESTIONS:,} withdrawn suggestions purged in the background: longest frame gap "
        f"{gap:.3f} s ({gap / TARGET_S:.1f}x the target), the slowest of {len(edits)} edits "
        f"meanwhile {slowest:.3f} s"
    )
    bench("annotate_all_undo_window_108k.purge_gap", gap, "s", f"< {TARGET_S} s")
    bench("annotate_all_undo_window_108k.purge_edit", slowest, "s")
    assert gap < TARGET_S, gap

"""The search dock's FIRST search of a 20,000-document project (the cache cold: nothing read
or folded yet), through the window's own document source (``ui.workbench.menus.
project_source``: a read-only ``Project`` on the worker thread) and candidate source (the
project's FTS5 index, built), as the analyst meets it after opening a big project.

Carried defect (closing notes since the QA of 2026-11-30): the first search took 1.32 s on the
QA's 20,000-document copy, every later one 0.2-0.5 s, because the first search reads and folds
the whole corpus before it matches anything: no line shows until all of it is folded.

Target, stated before the fix (issue 13, the search's "results in < 0.5 s"):

- the first lines of the first search are in the table in < 0.5 s (wall, from the click),
  for a word found in most documents (باريس, ~19,000 hits);
- the window's longest frame gap while the first search runs is < 100 ms.

Printed beside them: the time to the search's end, the same figures for a rare name (8 hits:
its documents may come late in the corpus, so its first line waits for them), and a second
search of the same word (the cache warm).
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from pytestqt.qtbot import QtBot

from annotator.model import Document
from annotator.project import Project
from annotator.text import sha256_text
from tests.benchmarks.bench_search import make_documents
from tests.benchmarks.bench_window_frames import Ticks
from tests.benchmarks.history import Record
from ui.workbench import collector

pytestmark = [pytest.mark.benchmark, pytest.mark.qt_log_ignore("propagateSizeHints")]

DOCUMENTS = 20_000
FIRST_LINES_S = 0.5
FRAME_GAP_S = 0.1
COMMON = "باريس"
RARE = "محمد أحمد الخطيب"


@pytest.fixture(scope="module")
def project_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """20,000 documents (~40 MB of Arabic): bench_search's 10,000 twice, with the index."""
    docs = make_documents()
    texts = [t for _, t in docs] + [f"{t} ({k})" for k, (_, t) in enumerate(docs)]
    assert len(texts) == DOCUMENTS
    path = tmp_path_factory.mktemp("first") / "p.annotator"
    with Project.create(path) as p:
        with p.batch() as b:
            b.add_documents([Document(0, f"d{i}", t, sha256_text(t)) for i, t in enumerate(texts)])
        assert p.ensure_search_index()
    return path


def _search(qtbot: QtBot, dock: object, text: str) -> tuple[float, float, float, int]:
    """(first lines, end, longest frame gap) in seconds, and the hit count, of one search."""
    from ui.search import SearchDock

    assert isinstance(dock, SearchDock)
    first: list[float] = []
    dock.model.rowsInserted.connect(lambda *_: first.append(time.perf_counter()))
    ticks = Ticks(5, ends=True)
    dock.edit.setText(text)
    ticks.start()
    started = time.perf_counter()
    with qtbot.waitSignal(dock.searchFinished, timeout=180_000) as blocker:
        dock.search()
    ended = time.perf_counter()
    ticks.stop()
    outcome, count = blocker.args or ("", 0)
    assert outcome == "finished" and count == dock.model.rowCount() > 0, blocker.args
    shown = (first[0] if first else ended) - started
    return shown, ended - started, ticks.worst(), count


def _dock(qtbot: QtBot, path: Path) -> object:
    from ui.search import SearchDock, project_candidates
    from ui.workbench.menus import project_source

    host = SimpleNamespace(session=SimpleNamespace(path=path))
    dock = SearchDock(project_source(host))  # type: ignore[arg-type]
    dock.set_candidates(project_candidates(lambda: path))
    qtbot.addWidget(dock)
    dock.resize(720, 420)
    dock.show()
    qtbot.waitExposed(dock)
    # the process's collector as the application's: MainWindow.finish_startup ends with this
    collector.settle()
    return dock


def test_first_search_at_20k_documents(qtbot: QtBot, bench: Record, project_path: Path) -> None:
    load = os.getloadavg()[0]
    dock = _dock(qtbot, project_path)
    shown, took, worst, count = _search(qtbot, dock, COMMON)
    print(f"\n  first search of {COMMON} over {DOCUMENTS:,} documents ({count:,} hits): first "
          f"lines {shown * 1000:.0f} ms ({shown / FIRST_LINES_S:.2f}x the target "
          f"< {FIRST_LINES_S * 1000:.0f} ms), end {took * 1000:.0f} ms, longest frame gap "
          f"{worst * 1000:.0f} ms ({worst / FRAME_GAP_S:.2f}x the target "
          f"< {FRAME_GAP_S * 1000:.0f} ms); load average {load:.1f}")  # fmt: skip
    again, again_end, again_worst, _ = _search(qtbot, dock, COMMON)
    print(f"  the same search again (warm): first lines {again * 1000:.0f} ms, end "
          f"{again_end * 1000:.0f} ms, longest frame gap {again_worst * 1000:.0f} ms")  # fmt: skip
    rare_dock = _dock(qtbot, project_path)
    r_shown, r_took, r_worst, r_count = _search(qtbot, rare_dock, RARE)
    print(f"  first search of a rare name ({r_count} hits): first lines {r_shown * 1000:.0f} "
          f"ms, end {r_took * 1000:.0f} ms, longest frame gap {r_worst * 1000:.0f} ms")  # fmt: skip
    bench("search_first.first_lines_20k", shown, "s", f"< {FIRST_LINES_S} s")
    bench("search_first.end_20k", took, "s")
    bench("search_first.frame_gap_20k", worst, "s", f"< {FRAME_GAP_S} s")
    bench("search_first.warm_end_20k", again_end, "s")
    bench("search_first.rare_end_20k", r_took, "s")
    assert shown < FIRST_LINES_S, shown
    assert max(worst, r_worst) < FRAME_GAP_S, (worst, r_worst)

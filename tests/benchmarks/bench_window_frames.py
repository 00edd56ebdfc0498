"""The window's frames while work runs in the background: the longest time the window's
event loop handled no event (a QTimer ticking every few ms on the window's thread; the
longest gap between two of its ticks) while

- the corpus search dock searches 1,200 documents (target < 0.25 s),
- the entity list is read again in the background after an edit (target < 100 ms),
- the model panel trains a model in a child process (issue 14: "no frame over 50 ms in the
  window while training runs", target < 50 ms),
- the model panel reads a stored model in a child process (target < 50 ms),
- the gazetteer, a JSONL file of suggestions, or a spaCy pipeline is read (loaded) by a job
  that takes 0.6 s (target < 0.25 s; and the action returns within half of that).

These figures were assertions of unit tests (tests/ui/test_search_dock.py,
test_entity_list_scale.py, test_model_panel.py, test_model_panel_qa9.py,
test_background_imports.py), which failed at random on a loaded 2-core CI machine; the unit
tests now show the mechanism that gives the speed (the work runs on a pool thread or in a
child process, the window's loop turns while it is held, progress arrives, no learning module
is imported by the window's process), and the measurements, with the same targets, are here.
Each prints the figure and its ratio to the target.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog
from pytestqt.qtbot import QtBot

from annotator.commands import AddSpan
from annotator.project import Project
from tests.benchmarks.history import Record
from tests.ui.conftest import isolated_settings  # noqa: F401 (every QSettings under tmp_path)

pytestmark = [pytest.mark.benchmark, pytest.mark.qt_log_ignore("propagateSizeHints")]

SEED = Path(__file__).resolve().parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"


class Ticks:
    """A QTimer ticking every ``interval`` ms on the window's thread from ``start()`` to
    ``stop()``; ``worst(since)`` is the longest gap between two moments at or after
    ``since`` (the ticks, and the start and stop moments when ``ends``)."""

    def __init__(self, interval: int, ends: bool = False) -> None:
        self.moments: list[float] = []
        self.ends = ends
        self.timer = QTimer()
        self.timer.setInterval(interval)
        self.timer.timeout.connect(lambda: self.moments.append(time.perf_counter()))

    def start(self) -> None:
        if self.ends:
            self.moments.append(time.perf_counter())
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        if self.ends:
            self.moments.append(time.perf_counter())

    def gaps(self, since: float = 0.0) -> list[float]:
        during = [t for t in self.moments if t >= since]
        return [b - a for a, b in pairwise(during)]

    def worst(self, since: float = 0.0) -> float:
        return max(self.gaps(since))

    def settle(
        self, qtbot: QtBot, calm: float = 0.015, lasting: float = 0.5, most: float = 10.0
    ) -> float:
        """Wait (ticking) until no gap between ticks has been over ``calm`` seconds for
        ``lasting`` seconds, or ``most`` seconds at most; returns the seconds waited. A window
        just opened paints itself for a while (its first paints, the docks' layout, the
        document's text): 110-280 ms gaps in its first few hundred ms, as long with a training
        that does nothing, 6-10 ms once it is idle. A measurement of what a job costs the
        window starts once those are over, so that it counts the job's gaps, not the
        window's opening."""
        started = time.perf_counter()
        while time.perf_counter() - started < most:
            qtbot.wait(50)
            now = time.perf_counter()
            recent = [t for t in self.moments if t >= now - lasting]
            if (
                now - started >= lasting
                and len(recent) > 2
                and all(g <= calm for g in (b - a for a, b in pairwise([*recent, now])))
            ):
                break
        return time.perf_counter() - started


def report(
    bench: Record, name: str, what: str, worst: float, target: float, extra: str = ""
) -> None:
    print(
        f"\n{what}: longest frame gap {worst * 1000:.0f} ms ({worst / target:.2f}x the target "
        f"< {target * 1000:.0f} ms){extra}; load average {os.getloadavg()[0]:.1f}"
    )
    bench(name, worst, "s", f"< {target} s")


# -- the corpus search dock (tests/ui/test_search_dock.py) -----------------------------------


def test_search_dock_frames(qtbot: QtBot, bench: Record) -> None:
    """1,200 copies of the seed article searched for الدفاع (more than 3,000 hits): a 5 ms
    timer; the gaps from the search's start to its end (a search on the window's thread froze
    it for the whole search). Target < 0.25 s (the bound leaves room for a loaded 2-core
    machine)."""
    from ui.search import SearchDock

    text = SEED.read_text(encoding="utf-8")
    docs = [(k, f"doc {k}", text) for k in range(1, 1201)]
    dock = SearchDock(lambda: iter(docs))
    qtbot.addWidget(dock)
    dock.resize(1000, 420)
    dock.show()
    qtbot.waitExposed(dock)
    batches: list[int] = []
    dock.model.rowsInserted.connect(lambda *_: batches.append(dock.model.rowCount()))
    ticks = Ticks(5, ends=True)
    dock.edit.setText("الدفاع")
    ticks.start()
    started = time.perf_counter()
    with qtbot.waitSignal(dock.searchFinished, timeout=60_000) as blocker:
        dock.search()
    took = time.perf_counter() - started
    ticks.stop()
    outcome, count = blocker.args or ("", 0)
    assert outcome == "finished" and count == dock.model.rowCount() > 3000
    assert len(batches) > 3
    worst = ticks.worst()
    report(bench, "window_frames.search_dock", f"search of 1,200 documents ({count:,} hits, "
           f"{len(batches)} batches, {took:.2f} s)", worst, 0.25)  # fmt: skip
    assert worst < 0.25, worst


# -- the entity list read again after an edit (tests/ui/test_entity_list_scale.py) -----------

NAMES = ["باريس", "لندن", "محمد", "الوفد", "هولندا", "بغداد", "سمير", "دمشق"]


@pytest.fixture
def entity_window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The unit test's window: 30 documents of 6 spans, read in the background (READ_HERE
    20)."""
    from ui.search import tools as tools_module
    from ui.session import Session
    from ui.workbench.mainwindow import MainWindow
    from ui.workbench.menus import open_project

    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        for n in range(30):
            text = " ".join(NAMES[(n + k) % len(NAMES)] for k in range(12)) + f" {n}."
            doc = p.add_document(text, name=f"d{n:02}").id
            at = 0
            for word in text.split()[:6]:
                start = text.index(word, at)
                p.add_span(doc, start, start + len(word), "GPE", "amal" if n % 2 else "badr")
                at = start + len(word)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    monkeypatch.setattr(tools_module, "READ_HERE", 20)
    w = MainWindow(Session(), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.quiet_errors = True
    qtbot.addWidget(w)
    assert open_project(w, path)
    assert w.ensure_annotator()
    w.show()
    qtbot.waitUntil(lambda: not w.session.read_only, timeout=10_000)
    yield w
    w.close()


def test_entity_list_frames(qtbot: QtBot, entity_window: Any, bench: Record) -> None:
    """An edit while the entity list is open: the list is read again in the background; a
    10 ms timer from the edit until the new list is shown. Target < 100 ms."""
    from ui.search.tools import SearchTools

    window = entity_window
    tools = getattr(window, "search_tools", None)
    assert isinstance(tools, SearchTools)
    window.actions_by_name["entity_list"].trigger()
    qtbot.waitUntil(lambda: tools.reader is None and bool(tools.entities.model.groups))
    project = window.session.project
    assert project is not None
    doc = project.document(1)
    word = doc.text.split()[8]
    at = doc.text.index(word)
    ticks = Ticks(10, ends=True)
    ticks.start()
    started = time.perf_counter()
    assert window.session.execute(AddSpan(doc.id, at, at + len(word), "PER", "amal"))
    qtbot.waitUntil(
        lambda: tools.reader is None and any(g.label == "PER" for g in tools.entities.model.groups),
        timeout=10_000,
    )
    took = time.perf_counter() - started
    ticks.stop()
    worst = ticks.worst()
    report(bench, "window_frames.entity_list", f"entity list read again after an edit "
           f"({took:.2f} s)", worst, 0.100)  # fmt: skip
    assert worst < 0.100, worst


# -- the model panel (tests/ui/test_model_panel.py, test_model_panel_qa9.py) -----------------


@pytest.fixture
def model_window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The unit test's window: 4 documents labelled in gold and the seed article."""
    from tests.ui.conftest import open_window
    from tests.ui.test_model_panel import labelled_project

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    w = open_window(qtbot, tmp_path, labelled_project(tmp_path / "p.annotator"), (1300, 800))
    yield w
    w.session.close()


def test_the_window_stays_responsive_while_a_model_trains(
    qtbot: QtBot, model_window: Any, bench: Record
) -> None:
    """Issue 14: a 10 ms QTimer ticks on through a whole training run in a child process
    (``isolated=True``): no gap between ticks over 50 ms. The training starts once the
    window is idle (``Ticks.settle``: no gap over 15 ms for 0.5 s, 10 s at most): the gaps
    measured are those while the model trains, not those of the window's own first paints
    (with a 100 ms wait they were counted too: 110-280 ms, as long with a worker doing
    nothing)."""
    from ui.suggestions import install

    window = model_window
    panel = install(window).model_panel
    assert panel.isolated
    ticks = Ticks(10)
    ticks.start()
    settled = ticks.settle(qtbot)
    t0 = time.perf_counter()
    job = panel.train()
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=180_000) as blocker:
        pass
    took = time.perf_counter() - t0
    qtbot.wait(30)
    ticks.stop()
    assert blocker.args is not None and blocker.args[0] == "finished", blocker.args
    gaps = ticks.gaps(t0 - 0.02)
    worst = max(gaps)
    at = [t for t in ticks.moments if t >= t0 - 0.02][gaps.index(worst)] - t0
    report(bench, "window_frames.model_training", f"training in a child process ({took:.1f} s, "
           f"{len(gaps)} ticks; started after {settled:.1f} s)", worst, 0.050,
           f", at {at:.2f} s")  # fmt: skip
    assert took > 0.5 and len(gaps) > 20
    assert worst < 0.050, f"the event loop stalled {worst * 1000:.0f} ms, {at:.2f} s in"


def test_model_read_frames(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bench: Record
) -> None:
    """A 10 ms QTimer ticks on while the panel reads a stored (damaged) model in a child
    process: no gap over 50 ms."""
    from annotator.commands.suggestions import train_and_store
    from tests.ui.test_model_panel_qa9 import _tampered
    from tests.ui.test_qa_model_flow import make_window, small_project
    from ui.suggestions import install

    trained = small_project(tmp_path / "trained" / "p.annotator")
    with Project.open(trained) as p:
        train_and_store(p, eval_split=0.0)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    w = make_window(qtbot, tmp_path, _tampered(trained, tmp_path, "bytes flipped"))
    try:
        panel = install(w).model_panel

        def checked() -> bool:
            return panel.check_job is None and bool(panel._checked)

        qtbot.waitUntil(checked, timeout=60_000)
        panel._checked.clear()
        ticks = Ticks(10)
        ticks.start()
        qtbot.wait(100)
        t0 = time.perf_counter()
        panel.load()
        assert panel.check_job is not None and panel.check_job.isolated
        qtbot.waitUntil(checked, timeout=60_000)
        took = time.perf_counter() - t0
        qtbot.wait(30)
        ticks.stop()
        gaps = ticks.gaps(t0 - 0.02)
        worst = max(gaps)
        assert panel.summary.text().startswith("The stored model cannot be read (")
        report(bench, "window_frames.model_read", f"stored model read in a child process "
               f"({took:.2f} s, {len(gaps)} ticks)", worst, 0.050)  # fmt: skip
        assert len(gaps) > 5
        assert worst < 0.050, f"the event loop stalled {worst * 1000:.0f} ms"
    finally:
        w.session.close()


# -- background imports (tests/ui/test_background_imports.py) --------------------------------

SLOW = 0.6
"""seconds the patched reader takes"""


def slowly(function: Callable[..., Any]) -> Callable[..., Any]:
    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(SLOW)
        return function(*args, **kwargs)

    return slow


@pytest.mark.parametrize("what", ["gazetteer", "jsonl", "spacy"])
def test_background_import_frames(
    what: str, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bench: Record
) -> None:
    """The gazetteer, a JSONL file of suggestions, or a spaCy pipeline (each made to take
    0.6 s more) read by the window's background job: the action returns within 0.3 s, and a
    10 ms timer from the action to the job's end shows no gap over 0.25 s."""
    import annotator.learn.external as external
    from annotator.search.gazetteer import read_gazetteer
    from tests.ui.conftest import open_window
    from tests.ui.test_background_imports import OTHER, TEXT, Pipeline
    from ui.search.source_dialog import SourceDialog
    from ui.search.tools import SearchTools

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_document(TEXT, name="seed")
        p.add_document(OTHER, name="other")
    if what == "gazetteer":
        monkeypatch.setattr("annotator.commands.suggestions.read_gazetteer", slowly(read_gazetteer))
        chosen = tmp_path / "names.csv"
        chosen.write_text("name,label\nهولندا,GPE\nباريس,GPE\n", encoding="utf-8")
        action, stored = "gazetteer", 4
    elif what == "jsonl":
        # (import_suggestions reads with read_predictions since 9f6a6e2: slowed there)
        monkeypatch.setattr(external, "read_predictions", slowly(external.read_predictions))
        at = TEXT.index("محمد")
        line = {"document": "seed", "start": at, "end": at + 4, "label": "PER", "score": 0.9}
        chosen = tmp_path / "pred.jsonl"
        chosen.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
        action, stored = "import_suggestions", 1
    else:
        monkeypatch.setattr(external, "SpacyPipeline", slowly(Pipeline))
        folder = tmp_path / "pipeline"
        folder.mkdir()
        chosen = folder / "config.cfg"
        chosen.write_text("[nlp]\n", encoding="utf-8")
        action, stored = "import_suggestions", 2
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(chosen), ""))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Every document", True))
    # Import suggestions' source name left empty (the file's own sources, as before QA 18)
    monkeypatch.setattr(SourceDialog, "ask", classmethod(lambda cls, *a, **k: (None,)))
    w = open_window(qtbot, tmp_path, path)
    try:
        project = w.session.project
        assert project is not None
        tools = getattr(w, "search_tools", None)
        assert isinstance(tools, SearchTools)
        ticks = Ticks(10)
        ticks.start()
        qtbot.wait(50)
        t0 = time.perf_counter()
        w.actions_by_name[action].trigger()
        returned = time.perf_counter() - t0
        job = tools.job
        assert job is not None, "the action started no background job"
        with qtbot.waitSignal(job.done, timeout=30_000) as blocker:
            pass
        took = time.perf_counter() - t0
        ticks.stop()
        assert blocker.args is not None and blocker.args[0] == "finished", blocker.args
        assert sum(project.suggestion_counts().values()) == stored
        gaps = ticks.gaps(t0)
        worst = max(gaps)
        report(bench, f"window_frames.import_{what}", f"{what} read in the background "
               f"({took:.2f} s, {len(gaps)} ticks; the action returned in {returned:.3f} s, "
               f"{returned / (SLOW / 2):.2f}x its target < {SLOW / 2} s)", worst, 0.25)  # fmt: skip
        bench(f"window_frames.import_{what}.action", returned, "s", f"< {SLOW / 2} s")
        assert returned < SLOW / 2, f"the action held the window {returned:.2f} s"
        assert took >= SLOW and len(gaps) > 10, (took, len(gaps))
        assert worst < 0.25, f"the event loop stalled {worst * 1000:.0f} ms"
        QApplication.processEvents()
    finally:
        w.session.close()

"""The model panel: what the model learnt from, its held-out scores, the learning curve, a
Train button running in the background (progress, cancel, too little data said plainly), the
model stored and the open document's suggestions made; "Next document" least confident first.

Until the project stores models, ``save_model``/``latest_model``/``add_suggestions`` are given
to ``Project`` here as an in-memory fake of the contract."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import builtins
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QInputDialog, QWidget
from pytestqt.qtbot import QtBot

from annotator.project import Project
from annotator.search.suggestions import Suggestion
from ui.session import Session
from ui.suggestions import UpAndDown, install
from ui.suggestions.model_panel import ModelPanel, curve_points
from ui.suggestions.training import TrainOutcome, TrainWorker
from ui.workbench.mainwindow import MainWindow
from ui.workbench.menus import open_project

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

SEED = Path(__file__).parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"
TEXT = SEED.read_text(encoding="utf-8")
NAMES = ["باريس", "فرنسا", "هولندا", "بريطانيا", "أستراليا", "ألمانيا", "إيطاليا", "سورية"]

MANIFEST: dict[str, Any] = {
    "layer": "gold",
    "documents": 7,
    "mentions": 812,
    "trained": "2026-11-29T12:00:00+00:00",
    "crf_sha256": "0123456789abcdef",
    "labels": ["LOC", "ORG", "PER"],
    "scores": {
        "model": {
            "per_label": {
                "LOC": {"precision": 0.71, "recall": 0.62, "f1": 0.66, "support": 120},
                "PER": {"precision": 0.65, "recall": 0.51, "f1": 0.57, "support": 90},
            },
            "micro": {"precision": 0.68, "recall": 0.57, "f1": 0.62, "support": 210},
        },
        "baseline": {"per_label": {"LOC": {"f1": 0.41}}, "micro": {"f1": 0.21}},
        "curve": [[1, 0.31], [2, 0.44], [4, 0.55], [5, 0.62]],
    },
}


class Stored:
    """The model and suggestion half of the Project contract, in memory (one per test)."""

    def __init__(self) -> None:
        self.models: list[tuple[str, bytes, dict[str, Any]]] = []
        self.suggestions: list[Suggestion] = []


@pytest.fixture
def stored(monkeypatch: pytest.MonkeyPatch) -> Stored:
    s = Stored()
    if hasattr(Project, "save_model"):
        return s  # the real storage has landed: use it

    def save_model(self: Project, kind: str, data: bytes, manifest: dict[str, Any]) -> None:
        s.models.append((kind, data, manifest))

    def latest_model(self: Project, kind: str) -> tuple[bytes, dict[str, Any]] | None:
        found = [(d, m) for k, d, m in s.models if k == kind]
        return found[-1] if found else None

    def add_suggestions(self: Project, items: Sequence[Suggestion]) -> int:
        s.suggestions.extend(items)
        return len(items)

    monkeypatch.setattr(Project, "save_model", save_model, raising=False)
    monkeypatch.setattr(Project, "latest_model", latest_model, raising=False)
    monkeypatch.setattr(Project, "add_suggestions", add_suggestions, raising=False)
    return s


def labelled_project(path: Path, documents: int = 4) -> Path:
    paragraphs = [p for p in TEXT.split("\n") if p.strip()]
    with Project.create(path) as p:
        for i in range(documents):
            text = "\n".join(paragraphs[i::documents])
            doc = p.add_document(text, name=f"part {i}")
            for name in NAMES:
                start = text.find(name)
                while start >= 0:
                    p.add_span(doc.id, start, start + len(name), "GPE", "gold")
                    start = text.find(name, start + len(name) + 1)
        p.add_document(TEXT, name="seed")
    return path


@pytest.fixture
def window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stored: Stored
) -> Iterator[MainWindow]:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    path = labelled_project(tmp_path / "p.annotator")
    w = MainWindow(Session(), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.quiet_errors = True
    qtbot.addWidget(w)
    assert open_project(w, path)
    assert w.ensure_annotator()
    w.resize(1300, 800)
    w.show()
    yield w
    w.session.close()


def panel_of(w: MainWindow) -> ModelPanel:
    """The model panel in its dock (which scrolls it up and down: ``UpAndDown``)."""
    holder = w.docks["model"].widget()
    assert isinstance(holder, UpAndDown)
    widget = holder.widget()
    assert isinstance(widget, ModelPanel)
    return widget


def test_the_panel_shows_what_the_model_learnt_and_its_curve(
    window: MainWindow, qtbot: QtBot, shots: Path
) -> None:
    install(window)
    panel = panel_of(window)
    assert "No model yet" in panel.summary.text()
    panel.show_manifest(MANIFEST)
    text = panel.summary.text().replace("\u2066", "").replace("\u2069", "")
    assert "gold" in text and "7 documents" in text and "812 mentions" in text
    assert "2026-11-29" in text and "01234567" in text
    rows = [
        [panel.table.item(r, c).text() for c in range(6)]  # type: ignore[union-attr]
        for r in range(panel.table.rowCount())
    ]
    assert rows[0][0] == "all (micro)"  # first: seen without scrolling
    assert rows[0][3] == "0.620" and rows[0][5] == "0.210"
    assert rows[1] == ["LOC", "0.710", "0.620", "0.660", "120", "0.410"]
    assert rows[2][:4] == ["PER", "0.650", "0.510", "0.570"] and rows[2][5] == ""
    assert panel.curve.points == [(1, 0.31), (2, 0.44), (4, 0.55), (5, 0.62)]
    window.docks["model"].setFloating(True)
    window.docks["model"].resize(520, 620)
    qtbot.wait(20)
    panel.grab().save(str(shots / "model_panel.png"))


def test_a_tampered_manifest_is_shown_as_missing_never_trusted(
    window: MainWindow, qtbot: QtBot
) -> None:
    install(window)
    panel = panel_of(window)
    bad = {
        "layer": ["x"],
        "documents": "<b>7</b>",
        "trained": 3,
        "scores": {"model": {"per_label": {"<i>X</i>": "nope"}, "micro": []}, "curve": "x"},
    }
    panel.show_manifest(bad)
    assert panel.summary.text().count("?") >= 3
    cell = panel.table.item(0, 1)
    assert panel.table.rowCount() == 1 and cell is not None and cell.text() == ""
    assert curve_points(bad) == []
    assert curve_points({"scores": {"curve": [[1, "a"], [2, 0.5]]}}) == [(2, 0.5)]


def test_train_stores_the_model_and_suggests_for_the_open_document(
    window: MainWindow, qtbot: QtBot, stored: Stored
) -> None:
    installed = install(window)
    panel = installed.model_panel
    panel.isolated = False  # the worker thread trains (a child process is slow to start)
    assert window.session.project is not None
    seed = window.session.project.document_by_name("seed")
    assert seed is not None
    window.navigation.open_document(seed.id)
    panel.active.setChecked(True)
    job = panel.train()
    assert job is not None and not panel.train_button.isEnabled()
    with qtbot.waitSignal(job.done, timeout=120_000) as blocker:
        pass
    assert blocker.args is not None and blocker.args[0] == "finished", blocker.args
    outcome = blocker.args[1]
    assert isinstance(outcome, TrainOutcome)
    if stored.models or not hasattr(Project, "save_model"):
        assert stored.models and stored.models[-1][0] == "crf"
    assert panel.manifest is not None and panel.manifest["layer"] == "gold"
    assert "Model saved" in panel.status.text()
    # the order covers the documents not yet labelled in gold, least confident first
    counts = window.session.project.span_counts("gold")
    todo = {d.id for d in window.session.project.documents() if not counts.get(d.id)}
    assert seed.id in todo and set(outcome.order) == todo
    assert outcome.suggested == len(stored.suggestions) or hasattr(Project, "suggestions")
    panel.next_document()
    others = [d for d in outcome.order if d != seed.id]
    if others:
        assert window.doc is not None and window.doc.id == others[0]
    else:
        assert window.doc is not None and window.doc.id == seed.id
        assert "No other document is left to label" in panel.status.text()


def test_training_in_a_child_process_stores_the_model_and_the_suggestions(
    window: MainWindow, qtbot: QtBot, stored: Stored
) -> None:
    """The window's way (``isolated``): the child reads the project the window holds, trains
    and suggests for every document (active order); the worker thread stores what it sent:
    the model with its summary, and the suggestions, pending in the project."""
    installed = install(window)
    panel = installed.model_panel
    assert panel.isolated
    project = window.session.project
    assert project is not None
    seed = project.document_by_name("seed")
    assert seed is not None
    window.navigation.open_document(seed.id)
    panel.active.setChecked(True)
    job = panel.train()
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=180_000) as blocker:
        pass
    assert blocker.args is not None and blocker.args[0] == "finished", blocker.args
    outcome = blocker.args[1]
    assert isinstance(outcome, TrainOutcome)
    found = project.latest_model("ner")
    assert found is not None and found[1] == outcome.manifest
    assert outcome.manifest["layer"] == "gold" and outcome.manifest["source"].startswith("model:")
    pending = [
        s
        for d in project.documents()
        for s in project.suggestions(d.id)
        if s.source == outcome.manifest["source"]
    ]
    assert outcome.suggested == len(pending) > 0
    assert any(s.doc_id == seed.id for s in pending)
    counts = project.span_counts("gold")
    todo = {d.id for d in project.documents() if not counts.get(d.id)}
    assert set(outcome.order) == todo and outcome.lines and "micro" in "\n".join(outcome.lines)


def _train_on_an_empty_layer(window: MainWindow, qtbot: QtBot, isolated: bool) -> str:
    """Train on a layer holding nothing; the panel's status after the failure."""
    installed = install(window)
    panel = installed.model_panel
    panel.isolated = isolated
    panel.layer.addItem("nobody")
    panel.layer.setCurrentText("nobody")
    job = panel.train()
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=120_000) as blocker:
        pass
    assert blocker.args is not None and blocker.args[0] == "failed"
    assert panel.train_button.isEnabled()
    return panel.status.text()


def test_too_little_to_learn_from_is_said_plainly(window: MainWindow, qtbot: QtBot) -> None:
    assert "training needs at least" in _train_on_an_empty_layer(window, qtbot, False)


@pytest.mark.parametrize("isolated", [True, False], ids=["child", "thread"])
def test_too_little_to_learn_from_is_said_in_arabic(
    window: MainWindow, qtbot: QtBot, arabic: object, isolated: bool
) -> None:
    """In the Arabic interface the count and the need read in Arabic, from the child process
    too (its NotEnoughData comes back with its message's template and parts)."""
    import re

    shown = _train_on_an_empty_layer(window, qtbot, isolated)
    assert "10" in shown and "'nobody'" in shown
    assert re.findall(r"[A-Za-z]+", shown.replace("'nobody'", "")) == [], shown


def test_a_training_that_ends_after_another_project_is_opened_stays_with_its_project(
    window: MainWindow, qtbot: QtBot, stored: Stored, tmp_path: Path
) -> None:
    """QA: project A trains in the child; B is opened meanwhile. The model and suggestions
    go to A only; B's panel shows no model, no order, and says where the model went."""
    installed = install(window)
    panel = installed.model_panel
    first = window.session.path
    assert first is not None
    other = labelled_project(tmp_path / "other" / "b.annotator", documents=2)
    panel.active.setChecked(True)
    job = panel.train()
    assert job is not None
    assert open_project(window, other)
    with qtbot.waitSignal(job.done, timeout=180_000) as blocker:
        pass
    assert blocker.args is not None and blocker.args[0] == "finished", blocker.args
    assert window.session.path == other
    assert panel.manifest is None and panel.order == []
    assert "No model yet" in panel.summary.text()
    assert "p.annotator" in panel.status.text() and "saved there" in panel.status.text()
    project = window.session.project
    assert project is not None and project.latest_model("ner") is None
    window.session.close()
    with Project.open(first, read_only=True) as a:
        assert a.latest_model("ner") is not None


def test_arabic_window_screenshot_with_suggestions_and_the_model(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shots: Path
) -> None:
    """The seed article in the Arabic interface: suggestions outlined on their words, the
    suggestions dock and the model panel after a training run (looked at by a person)."""
    from PySide6.QtWidgets import QApplication

    from ui import i18n

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert i18n.install_translator(app, "ar") == "ar"
    try:
        monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
        path = labelled_project(tmp_path / "p.annotator")
        w = MainWindow(Session(), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
        w.quiet_errors = True
        qtbot.addWidget(w)
        assert open_project(w, path) and w.ensure_annotator()
        w.resize(1500, 900)
        w.show()
        installed = install(w)
        assert w.session.project is not None
        seed = w.session.project.document_by_name("seed")
        assert seed is not None
        w.navigation.open_document(seed.id)
        installed.model_panel.isolated = False
        job = installed.model_panel.train()
        assert job is not None
        with qtbot.waitSignal(job.done, timeout=120_000) as blocker:
            pass
        assert blocker.args is not None and blocker.args[0] == "finished", blocker.args
        installed.controller.set_threshold(0.0)
        assert installed.controller.shown(), "the model suggested something in the seed"
        installed.controller.step(True)
        w.docks["suggestions"].raise_()
        qtbot.wait(50)
        w.grab().save(str(shots / "suggestions_window_ar.png"))
        w.session.close()
    finally:
        i18n.install_translator(app, "en")


def _train_and_wait(panel: ModelPanel, qtbot: QtBot) -> None:
    job = panel.train()
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=120_000) as blocker:
        pass
    assert blocker.args is not None and blocker.args[0] == "finished", blocker.args


def _add_gpe(window: MainWindow, doc_id: int, text: str, name: str, nth: int) -> str:
    from annotator.commands.edits import AddSpan

    start = -1
    for _ in range(nth + 1):
        start = text.find(name, start + 1)
    assert start >= 0
    add = AddSpan(doc_id, start, start + len(name), "GPE", "gold")
    assert window.session.execute(add)
    return add.new_uuid


def test_retrains_by_itself_after_the_set_number_of_new_annotations(
    window: MainWindow, qtbot: QtBot, stored: Stored
) -> None:
    """The panel counts live spans written into the trained layer since the model's date
    (an undone one no longer counts) and retrains, without a dialog, at the set number."""
    installed = install(window)
    panel = installed.model_panel
    panel.isolated = False
    _train_and_wait(panel, qtbot)
    first = panel.manifest
    assert first is not None and panel.new_label.text().startswith("0 ")
    assert panel.retrain_after.value() == 50  # the default
    panel.retrain_after.setValue(3)
    assert QSettings().value("suggestions/retrain_after") in (3, "3")
    project = window.session.project
    assert project is not None
    seed = project.document_by_name("seed")
    assert seed is not None
    _add_gpe(window, seed.id, TEXT, "باريس", 0)
    _add_gpe(window, seed.id, TEXT, "فرنسا", 0)
    assert len(panel.new_spans) == 2 and panel.job is None
    window.session.undo()
    assert len(panel.new_spans) == 1 and panel.job is None
    window.session.redo()
    assert len(panel.new_spans) == 2 and panel.job is None
    _add_gpe(window, seed.id, TEXT, "هولندا", 0)
    job = panel.job
    assert job is not None and panel.auto, "the third new annotation started a training"
    assert shown_over(window) == [] and panel.cancel_button.isEnabled()
    assert "3" in panel.status.text()
    with qtbot.waitSignal(job.done, timeout=120_000) as blocker:
        pass
    assert blocker.args is not None and blocker.args[0] == "finished", blocker.args
    assert panel.manifest is not None and panel.manifest["mentions"] == first["mentions"] + 3
    assert panel.manifest["trained"] > first["trained"]
    assert panel.new_spans == set() and panel.job is None
    # at 0 the panel retrains only on request
    panel.retrain_after.setValue(0)
    for name in ("بريطانيا", "ألمانيا", "إيطاليا"):
        _add_gpe(window, seed.id, TEXT, name, 0)
    assert len(panel.new_spans) == 3 and panel.job is None


def spans_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """From now on, the thread of each pass over a layer's spans (``iter_records("spans")``)."""
    read: list[str] = []
    iter_records = Project.iter_records

    def recording(self: Project, kind: str, annotator: str | None = None) -> Any:
        if kind == "spans":
            read.append(threading.current_thread().name)
        return iter_records(self, kind, annotator)

    monkeypatch.setattr(Project, "iter_records", recording)
    return read


def test_the_new_annotations_are_counted_by_the_worker_not_the_window(
    window: MainWindow, qtbot: QtBot, stored: Stored, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 14 (no frame over 50 ms while a model trains): when the model arrived, the
    panel read every span of the trained layer on the window's thread to count the new
    annotations (measured: 72-99 ms for a layer of 10,000 spans at load 6). The training worker
    reads them on its pool thread once the model is stored (``TrainOutcome.new_spans``); the
    window's thread makes no pass over the spans, and the count is the one a pass makes."""
    panel = install(window).model_panel
    panel.isolated = False
    read = spans_read(monkeypatch)
    job = panel.train()
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=120_000) as blocker:
        pass
    assert blocker.args is not None and blocker.args[0] == "finished", blocker.args
    main = threading.main_thread().name
    assert read and main not in read  # read by the worker, not by the window
    outcome = blocker.args[1]
    assert isinstance(outcome, TrainOutcome) and outcome.new_spans is not None
    counted = set(panel.new_spans)
    panel._recount()  # what the window's thread used to work out
    assert counted == panel.new_spans == set(outcome.new_spans)


def test_spans_written_while_a_model_trains_count_against_the_new_model(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker reads the new annotations before the model reaches the window: a span
    written (or undone) on the window's thread meanwhile is counted as it is when the model
    arrives, with no pass over the layer's spans on the window's thread."""
    from PySide6.QtCore import QObject

    panel = install(window).model_panel
    project = window.session.project
    assert project is not None
    seed = project.document_by_name("seed")
    assert seed is not None
    panel.job = cast(Any, QObject())  # a training runs
    panel._job_path = window.session.path
    panel._written_meanwhile = []
    paris = _add_gpe(window, seed.id, TEXT, "باريس", 0)
    france = _add_gpe(window, seed.id, TEXT, "فرنسا", 0)
    window.session.undo()  # France undone: no longer new
    read = spans_read(monkeypatch)
    outcome = TrainOutcome(dict(MANIFEST), 0, new_spans=frozenset({"read-by-the-worker"}))
    panel._done("finished", outcome)
    assert read == []
    assert panel.new_spans == {"read-by-the-worker", paris} and france not in panel.new_spans
    assert panel.new_label.text() == "2 new since the model"
    assert panel._written_meanwhile == [] and panel.job is None


def shown_over(window: QWidget) -> list[str]:
    """The windows other than ``window`` shown now (a progress dialog ...), by class."""
    return [
        type(w).__name__
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and w is not window and w.isWindow()
    ]


def test_training_shows_its_progress_in_the_panel_not_in_a_dialog(
    window: MainWindow, qtbot: QtBot, stored: Stored
) -> None:
    """Issue 14 ("training runs in the background with progress and cancel; the window stays
    responsive"): the Train button brings up no dialog over the window (the analyst keeps
    annotating while the model trains; a progress dialog shown repainted the whole window,
    16 paints, and its busy bar ~20 more in 0.4 s: 30-90 ms frames on a busy machine). The
    panel's progress bar, shown in room kept for it (nothing else in the panel moves), goes
    forward with the run, the status line names the phase and the percentage, Cancel is on;
    the bar is hidden again once the model is saved."""
    installed = install(window)
    panel = installed.model_panel
    panel.isolated = False
    window.docks["model"].show()
    window.docks["model"].raise_()  # the Model tab in front
    qtbot.waitExposed(window)
    QApplication.processEvents()
    others = [panel.train_button, panel.cancel_button, panel.layer, panel.table, panel.status]
    placed = [w.geometry() for w in others]
    job = panel.train()
    assert job is not None
    QApplication.processEvents()
    assert shown_over(window) == [] and QApplication.activeModalWidget() is None
    seen: list[int] = []
    texts: list[str] = []
    job.worker.signals.progress.connect(lambda *_: seen.append(panel.progress.value()))
    job.worker.signals.progress.connect(lambda *_: texts.append(panel.status.text()))
    assert panel.progress.isVisible() and panel.cancel_button.isEnabled()
    assert not panel.progress.isTextVisible()  # the percentage is on the status line
    assert [w.geometry() for w in others] == placed
    with qtbot.waitSignal(job.done, timeout=120_000) as blocker:
        pass
    assert blocker.args is not None and blocker.args[0] == "finished", blocker.args
    assert shown_over(window) == []
    assert seen == sorted(seen) and len(set(seen)) >= 3 and seen[-1] > 900
    assert any("%" in t and "final model" in t for t in texts)
    assert not panel.progress.isVisible() and not panel.cancel_button.isEnabled()
    assert "Model saved" in panel.status.text()


def test_a_training_run_is_cancelled_from_the_panel(
    window: MainWindow, qtbot: QtBot, stored: Stored
) -> None:
    """Cancel ends the child process's training: no model is saved, the panel says so and
    can train again."""
    installed = install(window)
    panel = installed.model_panel
    assert panel.isolated  # the child process, as in the window
    project = window.session.project
    assert project is not None
    before = project.latest_model("ner") if hasattr(project, "latest_model") else None
    job = panel.train()
    assert job is not None and panel.cancel_button.isEnabled()
    with qtbot.waitSignal(job.worker.signals.progress, timeout=60_000):
        pass  # training has begun
    panel.cancel()
    with qtbot.waitSignal(job.done, timeout=60_000) as blocker:
        pass
    assert blocker.args is not None and blocker.args[0] == "cancelled", blocker.args
    assert "cancelled" in panel.status.text()
    assert panel.train_button.isEnabled() and not panel.cancel_button.isEnabled()
    assert panel.job is None and panel.manifest is None
    after = project.latest_model("ner") if hasattr(project, "latest_model") else None
    assert after == before and not stored.models


def isolated_runs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """From now on, each child process ``annotator.learn.isolated.run_isolated`` starts: (the
    thread that started it, the name of the child's function)."""
    import annotator.learn.isolated as isolated

    started: list[tuple[str, str]] = []
    run_isolated = isolated.run_isolated

    def recording(target: Any, *args: Any, **kwargs: Any) -> Any:
        started.append((threading.current_thread().name, target.__name__))
        return run_isolated(target, *args, **kwargs)

    monkeypatch.setattr(isolated, "run_isolated", recording)
    return started


@contextmanager
def heavy_imports() -> Iterator[set[tuple[str, str]]]:
    """The learning modules (``tests.core.learn_plain.HEAVY``) an import statement of this
    process asks for meanwhile, on any thread, whether they were loaded before or not, each
    with the name of the thread that asked: ``(module, thread)``."""
    from PySide6.QtCore import QThreadPool

    from tests.core.learn_plain import HEAVY

    # a job of an earlier step or test (the model's preload when a project opens,
    # ``training.PreloadWorker``) may import them legitimately on a pool thread: let it end
    # first, so that only what runs meanwhile is watched
    assert QThreadPool.globalInstance().waitForDone(60_000)
    asked: set[tuple[str, str]] = set()
    real_import = builtins.__import__

    def watching(name: str, *args: Any, **kwargs: Any) -> Any:
        fromlist = kwargs.get("fromlist") or (args[2] if len(args) > 2 else None) or ()
        names = {name, name.split(".")[0], *(f"{name}.{part}" for part in fromlist)}
        thread = threading.current_thread().name
        asked.update((module, thread) for module in names & set(HEAVY))
        return real_import(name, *args, **kwargs)

    builtins.__import__ = watching
    try:
        yield asked
    finally:
        builtins.__import__ = real_import


def test_a_model_trains_in_a_child_process_and_the_window_hears_its_progress(
    window: MainWindow, qtbot: QtBot, stored: Stored, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What keeps the window's frames while a model trains (issue 14: no frame over 50 ms;
    measured by ``tests/benchmarks/bench_window_frames.py``,
    ``test_the_window_stays_responsive_while_a_model_trains``): the panel trains in a child
    process (``isolated=True``). A pool thread starts the child (``run_isolated`` with
    ``_train_suggest_child``) and waits; nothing of the training runs in the window's process
    (``_train_and_suggest`` is never called here) and no learning module is imported there
    (crfsuite, numpy, seqeval, ``learn.crf``, ``learn.training``: their first import held the
    GIL up to 60 ms at a time). The window's thread hears the run's phases and its progress,
    moving forward, before the model arrives."""
    import annotator.learn.isolated as isolated

    installed = install(window)
    panel = installed.model_panel
    assert panel.isolated
    started = isolated_runs(monkeypatch)
    here: list[str] = []
    train_here = isolated._train_and_suggest

    def trained_here(*args: Any, **kwargs: Any) -> Any:
        here.append(threading.current_thread().name)
        return train_here(*args, **kwargs)

    monkeypatch.setattr(isolated, "_train_and_suggest", trained_here)
    heard: list[tuple[str, object]] = []  # (the thread, a phase or (done, total))
    progress, phase_reached = panel._progress, panel._phase_reached

    def progressed(done: int, total: int) -> None:
        heard.append((threading.current_thread().name, (done, total)))
        progress(done, total)

    def reached(key: str) -> None:
        heard.append((threading.current_thread().name, key))
        phase_reached(key)

    monkeypatch.setattr(panel, "_progress", progressed)
    monkeypatch.setattr(panel, "_phase_reached", reached)
    main = threading.main_thread().name
    arrived: list[set[tuple[str, str]]] = []  # what had been imported when the model arrived
    with heavy_imports() as imported:
        done_here = panel._done

        def model_arrived(outcome: str, payload: object) -> None:
            arrived.append(set(imported))
            done_here(outcome, payload)

        monkeypatch.setattr(panel, "_done", model_arrived)  # (connected by ``train``)
        job = panel.train()
        assert job is not None and isinstance(job.worker, TrainWorker)
        with qtbot.waitSignal(job.done, timeout=180_000) as blocker:
            pass
        # once it has arrived, the new model is preloaded on a pool thread, as when a project
        # opens (``ModelPanel.preload``): that imports them, never the window's thread
        qtbot.waitUntil(lambda: panel.preload_job is None, timeout=60_000)
    assert blocker.args is not None and blocker.args[0] == "finished", blocker.args
    assert here == [] and arrived == [set()]  # nothing of the training in this process
    assert main not in {thread for _, thread in imported}
    assert [target for _, target in started] == ["_train_suggest_child"]
    assert main not in {thread for thread, _ in started}  # started from the pool thread
    assert {thread for thread, _ in heard} == {main}  # heard on the window's thread
    phases = [what for _, what in heard if isinstance(what, str)]
    assert {"settings", "final"} <= set(phases)
    steps = [what for _, what in heard if isinstance(what, tuple)]
    assert steps == sorted(steps) and len(set(steps)) >= 3  # forward, step by step
    assert {total for _, total in steps} == {1000}  # (``training.PROGRESS_STEPS``)
    assert panel.manifest is not None and "Model saved" in panel.status.text()

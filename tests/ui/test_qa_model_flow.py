"""Suggestions and the model panel as the QA tester used them: a span drawn over a suggestion
hides it (undo brings it back), the threshold and the list agree on "1.00", a model trained
with the command line shows its version, labels are named as the document view names them,
training progress moves forward over the whole run with its phase named, and "Next document:
least confident first" works with a stored model after a restart."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from annotator.commands.edits import AddSpan
from annotator.learn.corpus import suggestion
from annotator.model import Status
from annotator.project import Project
from tests.ui.conftest import open_window
from ui import i18n
from ui.suggestions import install
from ui.suggestions.training import PHASES, OrderWorker, overall, phase_of
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

SEED = Path(__file__).parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"
TEXT = SEED.read_text(encoding="utf-8")
NAMES = ["باريس", "فرنسا", "هولندا", "بريطانيا", "أستراليا", "ألمانيا", "إيطاليا", "سورية"]
US = "الولايات المتحدة"


def small_project(path: Path, unlabelled: int = 3) -> Path:
    """Four documents labelled in gold (GPE names) and ``unlabelled`` parts of the seed."""
    paragraphs = [p for p in TEXT.split("\n") if p.strip()]
    with Project.create(path) as p:
        for i in range(4):
            text = "\n".join(paragraphs[i::4])
            doc = p.add_document(text, name=f"part {i}")
            for name in NAMES:
                start = text.find(name)
                while start >= 0:
                    p.add_span(doc.id, start, start + len(name), "GPE", "gold")
                    start = text.find(name, start + len(name) + 1)
        for i in range(unlabelled):
            p.add_document("\n".join(paragraphs[i::unlabelled]), name=f"new {i}")
        p.add_document(TEXT, name="seed")
    return path


def make_window(qtbot: QtBot, tmp_path: Path, path: Path) -> MainWindow:
    return open_window(qtbot, tmp_path, path, (1300, 800))


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    w = make_window(qtbot, tmp_path, small_project(tmp_path / "p.annotator"))
    yield w
    w.session.close()


def seed_with_suggestions(w: MainWindow, scores: dict[str, float]) -> int:
    """Store suggestions (LOC) on the first occurrence of each name in the seed."""
    project = w.session.project
    assert project is not None
    seed = project.document_by_name("seed")
    assert seed is not None
    made = []
    for name, score in scores.items():
        start = TEXT.find(name)
        made.append(suggestion(seed.id, TEXT, start, start + len(name), "LOC", score, "test"))
    project.add_suggestions(made)
    return seed.id


def test_a_span_drawn_over_a_suggestion_hides_it_and_undo_brings_it_back(
    window: MainWindow,
) -> None:
    installed = install(window)
    c = installed.controller
    seed = seed_with_suggestions(window, {US: 0.9, "باريس": 0.8})
    window.navigation.open_document(seed)
    assert {s.text for s in c.shown()} == {US, "باريس"}
    start = TEXT.find(US)
    assert window.session.execute(AddSpan(seed, start, start + len(US), "GPE", "amal"))
    assert {s.text for s in c.shown()} == {"باريس"}
    assert [s.label for s in window.view.suggestions()] == ["LOC"]
    window.session.undo()
    assert {s.text for s in c.shown()} == {US, "باريس"}
    assert len(window.view.suggestions()) == 2
    window.session.redo()
    assert {s.text for s in c.shown()} == {"باريس"}


def test_threshold_and_list_agree_on_the_shown_score(window: MainWindow) -> None:
    installed = install(window)
    c, panel = installed.controller, installed.panel
    seed = seed_with_suggestions(window, {US: 0.996, "باريس": 0.994})
    window.navigation.open_document(seed)
    panel.slider.setValue(100)
    assert c.shown() == [] and panel.list.topLevelItemCount() == 0  # 0.996 < 1.00, as --min-score 1
    assert panel.value.text() == "1.00"
    panel.slider.setValue(99)
    rows = [panel.list.topLevelItem(i) for i in range(panel.list.topLevelItemCount())]
    assert [r.text(2) for r in rows if r is not None] == ["0.99", "0.99"]
    assert {s.text for s in c.shown()} == {US, "باريس"}


def test_a_model_trained_with_the_command_line_shows_its_version(window: MainWindow) -> None:
    panel = install(window).model_panel
    panel.show_manifest({"layer": "gold", "version": "a1b2c3d4e5f6", "documents": 3})
    assert "a1b2c3d4" in panel.summary.text() and "version \u2066?" not in panel.summary.text()
    # the version names the whole model (QA 18), not the crfsuite part's checksum beside it
    panel.show_manifest({"layer": "gold", "crf_sha256": "0123456789", "version": "fedcba98"})
    assert "fedcba98" in panel.summary.text() and "01234567" not in panel.summary.text()
    assert panel.model_version() == "fedcba98"
    # a row the window stored whole before (no version): its crfsuite part's checksum
    panel.show_manifest({"layer": "gold", "crf_sha256": "0123456789"})
    assert "01234567" in panel.summary.text() and panel.model_version() == "01234567"


def test_labels_are_named_as_the_document_view_names_them_and_micro_comes_first(
    window: MainWindow, qtbot: QtBot, shots: Path
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    installed = install(window)
    seed = seed_with_suggestions(window, {US: 0.92, "باريس": 0.8})
    manifest = {
        "layer": "gold",
        "version": "a1b2c3d4e5f6",
        "scores": {
            "model": {
                "per_label": {
                    k: {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 9}
                    for k in ("FAC", "GPE", "LOC", "MIS0", "ORG", "PER")
                },
                "micro": {"precision": 0.6, "recall": 0.6, "f1": 0.6, "support": 54},
            }
        },
    }
    assert i18n.install_translator(app, "ar") == "ar"
    try:
        window.navigation.open_document(seed)
        c, table = installed.controller, installed.model_panel.table
        messages: list[str] = []
        c.message.connect(messages.append)
        c.step(True)
        assert "موقع" in messages[-1] and "LOC" not in messages[-1]
        row = installed.panel.list.topLevelItem(0)
        assert row is not None and row.text(0) == "موقع"
        installed.model_panel.show_manifest(manifest)
        names = [table.item(r, 0).text() for r in range(table.rowCount())]  # type: ignore[union-attr]
        assert names[0] != "FAC" and "MIS0" in names and "موقع" in names and "LOC" not in names
        assert names[0] == installed.model_panel.tr("all (micro)")
        for name in ("suggestions", "model"):
            window.docks[name].setFloating(True)
            window.docks[name].resize(460, 560)
            window.docks[name].show()
        qtbot.wait(50)
        window.docks["suggestions"].grab().save(str(shots / "qa_suggestions_ar.png"))
        window.docks["model"].grab().save(str(shots / "qa_model_ar.png"))
    finally:
        i18n.install_translator(app, "en")
    installed.model_panel.show_manifest(manifest)
    assert table.item(0, 0).text() == "all (micro)"  # type: ignore[union-attr]
    assert "LOC" in [table.item(r, 0).text() for r in range(table.rowCount())]  # type: ignore[union-attr]
    window.docks["model"].grab().save(str(shots / "qa_model_en.png"))
    window.docks["suggestions"].grab().save(str(shots / "qa_suggestions_en.png"))


def test_training_progress_moves_forward_over_the_whole_run() -> None:
    reported = [
        ("starting", 0, 1),
        ("settings: choosing settings 1/6: features", 5, 10),
        ("settings: choosing settings 1/6: training", 100, 100),
        ("settings: choosing settings 6/6: features", 0, 10),
        ("settings: choosing settings 6/6: training", 100, 100),
        ("held-out model 1/3 documents: features", 1, 3),
        ("held-out model 1/3 documents: training", 50, 100),
        ("held-out model 3/3 documents: training", 100, 100),
        ("scoring", 1, 1),
        ("final model: features", 4, 4),
        ("final model: training", 0, 100),
        ("final model: training", 100, 100),
    ]
    at = [overall(*r) for r in reported]
    assert at == sorted(at) and at[0] < 0.05 and at[-1] == 1.0
    keys = [phase_of(r[0]) for r in reported][1:]
    assert keys[::4] == ["settings", "held-out", "final"] and keys[7] == "scoring"
    assert phase_of("starting") == "starting" and overall("starting", 0, 1) == 0.0
    assert [k for k, _, _ in PHASES] == ["starting", "settings", "held-out", "scoring", "final"]


def test_a_training_reports_forward_progress_and_its_phases(
    window: MainWindow, qtbot: QtBot
) -> None:
    panel = install(window).model_panel
    panel.isolated = False
    seen: list[int] = []
    texts: list[str] = []
    job = panel.train()
    assert job is not None
    job.worker.signals.progress.connect(lambda done, total: seen.append(done))
    job.worker.signals.progress.connect(lambda *_: texts.append(panel.status.text()))
    with qtbot.waitSignal(job.done, timeout=120_000) as blocker:
        pass
    assert blocker.args is not None and blocker.args[0] == "finished", blocker.args
    assert seen == sorted(seen) and len(seen) > 5 and seen[-1] > 900
    assert any("final model" in t for t in texts) and any("%" in t for t in texts)


def _order_then_open(panel: object, qtbot: QtBot) -> None:
    worker = getattr(panel, "order_job", None)
    if isinstance(worker, OrderWorker):
        with qtbot.waitSignal(worker.signals.finished, timeout=30_000):
            pass
        qtbot.wait(10)


def test_next_document_least_confident_first_with_a_stored_model_after_a_restart(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The model was trained before the window opened (as with the command line): ticking
    the option works the order out on a worker thread; Next opens only documents not yet
    labelled in the model's layer, least confident first, never the open one; when none
    is left the status line says so."""
    from annotator.commands.suggestions import train_and_store

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    path = small_project(tmp_path / "p.annotator")
    with Project.open(path) as p:
        train_and_store(p, "gold")
        labelled = {i for i, n in p.span_counts("gold").items() if n}
        todo = {d.id for d in p.documents()} - labelled
    w = make_window(qtbot, tmp_path, path)
    try:
        panel = install(w).model_panel
        assert panel.manifest is not None and not panel.order
        w.navigation.open_document(min(labelled))
        panel.active.setChecked(True)
        assert panel.order_job is not None and "least confident" in panel.status.text()
        _order_then_open(panel, qtbot)
        assert set(panel.order) == todo
        opened = []
        for _ in range(2):
            panel.next_document()
            assert w.doc is not None and w.doc.id in todo
            opened.append(w.doc.id)
        assert opened == panel.order[:2]
        # the document labelled since (a span in gold, or marked done) is no longer offered
        project = w.session.project
        assert project is not None
        project.set_status(panel.order[0], "gold", Status.DONE)
        project.add_span(panel.order[2], 0, 3, "GPE", "gold")
        panel.next_document()
        assert w.doc is not None and w.doc.id == panel.order[3]
        # on through the order (c3c1ca3: it bounced between the first two left), then round
        assert len(panel.order) == 5
        panel.next_document()
        assert w.doc is not None and w.doc.id == panel.order[4]
        panel.next_document()
        assert w.doc is not None and w.doc.id == panel.order[1]
        for doc_id in panel.order:
            if doc_id != w.doc.id:
                project.set_status(doc_id, "gold", Status.DONE)
        panel.next_document()
        assert w.doc.id == panel.order[1], "the open document stays open"
        assert "No other document is left to label" in panel.status.text()
    finally:
        w.session.close()


def test_next_document_works_the_order_out_when_it_is_pressed(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.commands.suggestions import train_and_store

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    path = small_project(tmp_path / "p.annotator")
    with Project.open(path) as p:
        train_and_store(p, "gold")
    w = make_window(qtbot, tmp_path, path)
    try:
        panel = install(w).model_panel
        panel.active.blockSignals(True)
        panel.active.setChecked(True)  # ticked, nothing worked out yet
        panel.active.blockSignals(False)
        panel.next_document()
        assert panel.order_job is not None
        _order_then_open(panel, qtbot)
        assert panel.order and w.doc is not None and w.doc.id == panel.order[0]
    finally:
        w.session.close()


def test_a_document_added_after_the_model_gets_suggestions_when_opened(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The model stored before the document came: opening it suggests for it on a worker
    thread with the stored model; opening it again does not suggest again."""
    from annotator.commands.suggestions import train_and_store

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    path = small_project(tmp_path / "p.annotator", unlabelled=0)
    with Project.open(path) as p:
        train_and_store(p, "gold")
        late = p.add_document(TEXT.replace("باريس", "برلين"), name="late").id
        assert p.suggestions(late) == []
    w = make_window(qtbot, tmp_path, path)
    try:
        installed = install(w)
        panel, c = installed.model_panel, installed.controller
        version = panel.model_version()
        assert version is not None
        c.set_threshold(0.0)
        w.navigation.open_document(late)
        # (the document shown at start may be suggested for first: its turn comes before)
        assert panel.suggest_job is not None
        with qtbot.waitSignal(
            panel.suggested, timeout=30_000, check_params_cb=lambda doc_id: doc_id == late
        ):
            pass
        assert c.items and all(s.source.endswith(f"@{version}") for s in c.items)
        assert w.view.suggestions()
        project = w.session.project
        assert project is not None
        others = [d.id for d in project.documents() if d.id != late]
        w.navigation.open_document(others[0])
        qtbot.waitUntil(lambda: panel.suggest_job is None, timeout=30_000)
        w.navigation.open_document(late)
        assert panel.suggest_job is None, "suggested once per model version"
    finally:
        w.session.close()

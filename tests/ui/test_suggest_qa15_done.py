"""QA 15: "Next document" least confident first skips the documents the analyst (the window's
layer) has marked done, as the plain next unfinished document (F8, Ctrl+Return) does
(``Project.unfinished``), and says so when none is left. It went by the model's layer only:
Ctrl+Return kept going round the documents the analyst had just marked done.

The order is given by a patched ``OrderWorker.work`` (no model is trained), as in
test_f8_order; the stored model is a manifest with no version (nothing suggests)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from annotator.commands import suggestions as suggestion_commands
from annotator.formats.common import IsCancelled, Progress
from annotator.model import Status
from annotator.project import Project
from tests.ui.conftest import open_window, plain
from ui.suggestions import install
from ui.suggestions.model_panel import ModelPanel
from ui.suggestions.source import MODEL_KIND
from ui.suggestions.training import Order, OrderWorker
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

ME = "amal"
TEXTS = ["زار الوزير باريس.", "عاد الوفد إلى هولندا.", "في لندن اجتماع.", "محمد في روما.", "سورية."]
ORDER: list[int] = []
IDS: list[int] = []


def given_order(self: OrderWorker, progress: Progress, cancelled: IsCancelled) -> Order:
    return Order("gold", list(ORDER))


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    monkeypatch.setattr(OrderWorker, "work", given_order)
    monkeypatch.setattr(suggestion_commands, "check_stored_model", lambda *a, **k: None)
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        IDS[:] = [p.add_document(text, name=f"d{i}").id for i, text in enumerate(TEXTS)]
        p.add_span(IDS[0], 10, 15, "GPE", "gold")  # labelled in the model's layer
        p.save_model(MODEL_KIND, b"{}", {"layer": "gold", "trained": "2026-11-29T12:00:00+00:00"})
    ORDER[:] = [IDS[4], IDS[2], IDS[3], IDS[1]]
    w = open_window(qtbot, tmp_path, path)
    w.navigation.open_document(IDS[0])
    yield w
    w.session.close()


def on(w: MainWindow, qtbot: QtBot) -> ModelPanel:
    panel = install(w).model_panel
    assert panel.manifest is not None
    panel.active.setChecked(True)
    qtbot.waitUntil(lambda: panel.order == ORDER and panel.order_job is None)
    return panel


def here(w: MainWindow) -> int:
    assert w.doc is not None
    return w.doc.id


def test_ctrl_return_never_comes_back_to_a_document_marked_done(
    qtbot: QtBot, window: MainWindow
) -> None:
    panel = on(window, qtbot)
    project = window.session.project
    assert project is not None
    mark_done = window.actions_by_name["mark_done"]
    seen = []
    for _ in range(6):
        mark_done.trigger()
        seen.append(here(window))
    # each document of the order once; then none is left, and the window stays
    assert seen == [*ORDER, ORDER[-1], ORDER[-1]]
    assert all(project.status(d, ME) == Status.DONE for d in ORDER)
    said = plain(panel.status.text())
    assert "No other document is left to label" in said
    assert "marked done in layer amal" in said


def test_a_document_the_analyst_finished_before_is_skipped(
    qtbot: QtBot, window: MainWindow
) -> None:
    project = window.session.project
    assert project is not None
    project.set_status(ORDER[0], ME, Status.DONE)
    panel = on(window, qtbot)
    panel.next_button.click()
    assert here(window) == ORDER[1]
    # F8 skips it too (every "next document" key follows the panel's rule)
    window.actions_by_name["next_unfinished"].trigger()
    assert here(window) == ORDER[2]


def test_the_analyst_working_in_the_models_layer_keeps_the_old_words(
    qtbot: QtBot, window: MainWindow
) -> None:
    """With the model's own layer as the window's, done there is already "labelled": the
    message names that layer only."""
    project = window.session.project
    assert project is not None
    for d in ORDER:
        project.set_status(d, "gold", Status.DONE)
    window.session.annotator = "gold"
    panel = on(window, qtbot)
    panel.next_button.click()
    assert here(window) == IDS[0]
    assert plain(panel.status.text()) == "No other document is left to label in layer gold."

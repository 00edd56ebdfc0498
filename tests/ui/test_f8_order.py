"""Every "next document" key follows the model panel's rule (``ModelPanel.next_document``,
through ``ui.suggestions.next_document``): with "Next document: least confident first" on and
a model stored, F8 (next unfinished), Ctrl+PgDown (next document) and Ctrl+Return (mark done
and go to the next) open the least confident document not yet labelled, as the panel's Next
document button does; with the option off they keep their own order.

The order is given by a patched ``OrderWorker.work`` (no model has to be trained); the stored
model is a manifest with no version, so nothing suggests for the documents opened."""

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
from tests.ui.conftest import open_window
from ui.suggestions import install
from ui.suggestions.model_panel import ModelPanel
from ui.suggestions.source import MODEL_KIND
from ui.suggestions.training import Order, OrderWorker
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TEXTS = ["زار الوزير باريس.", "عاد الوفد إلى هولندا.", "في لندن اجتماع.", "محمد في روما.", "سورية."]
ORDER: list[int] = []
"""the least-confident order the patched worker gives (set by the fixture)"""
WORKED_OUT: list[int] = []
"""one entry per order worked out"""


def given_order(self: OrderWorker, progress: Progress, cancelled: IsCancelled) -> Order:
    WORKED_OUT.append(1)
    return Order("gold", list(ORDER))


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    monkeypatch.setattr(OrderWorker, "work", given_order)
    # the stored model below is a stand-in (its bytes are no model): the panel's check of
    # them (c3c1ca3) would show it damaged at a moment of its own and clear what F8 said
    monkeypatch.setattr(suggestion_commands, "check_stored_model", lambda *a, **k: None)
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        ids = [p.add_document(text, name=f"d{i}").id for i, text in enumerate(TEXTS)]
        p.add_span(ids[0], 10, 15, "GPE", "gold")  # the first is labelled in gold
        manifest = {"layer": "gold", "trained": "2026-11-29T12:00:00+00:00"}
        p.save_model(MODEL_KIND, b"{}", manifest)
    # least confident first: never the list's order
    ORDER[:] = [ids[4], ids[2], ids[3], ids[1]]
    WORKED_OUT.clear()
    w = open_window(qtbot, tmp_path, path)
    w.navigation.open_document(ids[0])
    yield w
    w.session.close()


def panel_of(w: MainWindow) -> ModelPanel:
    panel = install(w).model_panel
    assert panel.manifest is not None
    return panel


def order_on(panel: ModelPanel, qtbot: QtBot) -> None:
    panel.active.setChecked(True)
    qtbot.waitUntil(lambda: panel.order == ORDER and panel.order_job is None)


def here(w: MainWindow) -> int:
    assert w.doc is not None
    return w.doc.id


def test_f8_follows_the_least_confident_order_like_the_panels_button(
    qtbot: QtBot, window: MainWindow
) -> None:
    panel = panel_of(window)
    start = here(window)
    order_on(panel, qtbot)
    f8 = window.actions_by_name["next_unfinished"]
    assert f8.shortcut().toString() == "F8"
    # the panel's button from the first document
    panel.next_button.click()
    by_button = here(window)
    assert by_button == ORDER[0]
    # F8 from the same document opens the same one (the list's order would be start + 1)
    window.navigation.open_document(start)
    f8.trigger()
    assert here(window) == by_button != start + 1
    # and on: the open one is never offered again
    f8.trigger()
    assert here(window) == ORDER[1]
    # Ctrl+PgDown (next document) follows the same rule: on after the open one (c3c1ca3)
    window.actions_by_name["next_doc"].trigger()
    assert here(window) == ORDER[2]
    # Ctrl+Return marks the open document done, then goes on by the same rule
    project = window.session.project
    assert project is not None
    window.actions_by_name["mark_done"].trigger()
    assert project.statuses("amal").get(ORDER[2]) == Status.DONE
    assert here(window) == ORDER[3]


def test_with_the_option_off_the_keys_keep_their_own_order(
    qtbot: QtBot, window: MainWindow
) -> None:
    panel = panel_of(window)
    start = here(window)
    assert not panel.active.isChecked()
    window.actions_by_name["next_unfinished"].trigger()
    assert here(window) == start + 1
    window.actions_by_name["next_doc"].trigger()
    assert here(window) == start + 2
    window.actions_by_name["prev_doc"].trigger()
    assert here(window) == start + 1
    assert WORKED_OUT == []  # nothing was worked out for the list's order


def test_an_empty_order_is_said_once_not_worked_out_again_and_again(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Every document labelled: the order comes out empty; F8 says so and stays."""
    ORDER.clear()
    panel = panel_of(window)
    start = here(window)
    panel.active.setChecked(True)
    qtbot.waitUntil(lambda: panel.order_job is None and WORKED_OUT == [1])
    window.actions_by_name["next_unfinished"].trigger()
    qtbot.wait(100)
    assert here(window) == start
    assert "No other document is left to label" in panel.status.text()
    assert WORKED_OUT == [1] and panel.order_job is None

"""Ctrl+PgDown / Ctrl+PgUp (``step_document``) and F8 (``next_unfinished``) follow the rows
the document list shows, in the order it shows them (QA 13, item 1: with the name filter on
they opened a document the list hid, and with the list sorted by Spans they went by document
order). A current document the filter hides steps to the first (next) or last (previous)
row shown; a filter that hides every row opens nothing and says so."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from annotator.model import Status
from annotator.project import Project
from tests.ui.conftest import open_window
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

# name, number of spans (gold)
DOCS = [("alpha", 1), ("Real one", 0), ("beta", 3), ("Real two", 2), ("gamma", 0)]
TEXT = "زار الوزير باريس ثم لندن ثم روما."
PLACES = [(0, 3), (4, 10), (11, 16)]  # the first words


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("gold", True))
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        for name, spans in DOCS:
            doc_id = p.add_document(f"{TEXT} {name}", name=name).id
            for start, end in PLACES[:spans]:
                p.add_span(doc_id, start, end, "GPE", "gold")
    w = open_window(qtbot, tmp_path, path)
    yield w
    w.session.close()


def ids_of(w: MainWindow) -> dict[str, int]:
    project = w.session.project
    assert project is not None
    return {name: doc_id for doc_id, name in project.document_names()}


def open_name(w: MainWindow) -> str:
    assert w.model.doc is not None
    return w.model.doc.name


def test_next_and_previous_skip_rows_the_filter_hides(window: MainWindow) -> None:
    w, ids = window, ids_of(window)
    w.navigation.open_document(ids["Real one"])
    w.documents.filter_edit.setText("Real")
    w.navigation.step_document(True)
    assert open_name(w) == "Real two"  # not "beta", hidden
    w.navigation.step_document(True)
    assert open_name(w) == "Real one"  # cycling through the rows shown
    w.navigation.step_document(False)
    assert open_name(w) == "Real two"


def test_next_follows_the_sort(window: MainWindow) -> None:
    w, ids = window, ids_of(window)
    w.documents.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # Spans: 3, 2, 1, 0, 0
    assert w.documents.visible_ids()[:3] == [ids["beta"], ids["Real two"], ids["alpha"]]
    w.navigation.open_document(ids["beta"])
    w.navigation.step_document(True)
    assert open_name(w) == "Real two"
    w.navigation.step_document(True)
    assert open_name(w) == "alpha"
    w.navigation.step_document(False)
    assert open_name(w) == "Real two"


def test_a_hidden_current_document_steps_to_the_first_or_last_row(window: MainWindow) -> None:
    w, ids = window, ids_of(window)
    w.navigation.open_document(ids["beta"])
    w.documents.filter_edit.setText("Real")
    w.navigation.step_document(True)
    assert open_name(w) == "Real one"
    w.navigation.open_document(ids["beta"])
    w.navigation.step_document(False)
    assert open_name(w) == "Real two"


def test_next_unfinished_follows_the_list(window: MainWindow) -> None:
    w, ids = window, ids_of(window)
    project = w.session.project
    assert project is not None
    project.set_status(ids["Real two"], "gold", Status.DONE)
    w.layers.refresh_documents()
    w.navigation.open_document(ids["alpha"])
    w.documents.filter_edit.setText("Real")
    w.navigation.next_unfinished()  # "alpha" is hidden: the first row shown not done
    assert open_name(w) == "Real one"
    w.navigation.next_unfinished()  # "Real two" is done, the others hidden
    assert open_name(w) == "Real one"
    assert w.statusBar().currentMessage() == "Every document the list shows is done."
    w.documents.filter_edit.setText("")
    w.documents.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    w.navigation.open_document(ids["beta"])
    w.navigation.next_unfinished()  # "Real two" (2 spans) is done: "alpha" (1)
    assert open_name(w) == "alpha"


def test_nothing_shown_opens_nothing(window: MainWindow) -> None:
    w, ids = window, ids_of(window)
    w.navigation.open_document(ids["beta"])
    w.documents.filter_edit.setText("no such name")
    assert w.documents.visible_ids() == []
    for move in (
        lambda: w.navigation.step_document(True),
        lambda: w.navigation.step_document(False),
        w.navigation.next_unfinished,
    ):
        w.statusBar().clearMessage()
        move()
        assert open_name(w) == "beta"
        assert "shows no document" in w.statusBar().currentMessage()

"""A hub queue read that ends after its window is gone reaches nothing: the keeper of the
window's queue marks (``QueueKeeper``, a child of the window) connected closures to the
worker's signals, so a read finishing after the keeper was deleted with its window went on to
mark the deleted document list, and raised (seen in a fresh-clone CI run, in the next test's
setup). Connected to the keeper's methods, the report goes nowhere once the keeper is gone."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QRunnable, QThreadPool
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from annotator.project import Project
from tests.ui.conftest import open_window
from ui.dialogs.sync_dialog import LayerQueue, QueueKeeper, QueueWorker

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

ME = "amal"


def test_a_queue_read_ending_after_its_window_is_gone_reaches_nothing(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document("قال الوزير في باريس.", name="d")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    started: list[QRunnable] = []
    monkeypatch.setattr(QThreadPool, "start", lambda pool, job, *a: started.append(job))
    w = open_window(qtbot, tmp_path, path)
    keeper = QueueKeeper.of(w)
    queue = LayerQueue(ME, False, frozenset({doc.id}))

    # the window alive: the current read's report marks the list, an older one's does not
    first = keeper.refresh("postgresql://hub.invalid/team")
    second = keeper.refresh("postgresql://hub.invalid/team")
    assert isinstance(first, QueueWorker) and isinstance(second, QueueWorker)
    first.signals.finished.emit(queue)
    assert keeper.shown is None and keeper.job is second
    second.signals.finished.emit(queue)
    assert keeper.shown is not None and keeper.job is None

    # a read still running when the keeper goes (with its window, which the test keeps
    # alive to look at): its report reaches nothing
    w.documents.hide_queue()
    late = keeper.refresh("postgresql://hub.invalid/team")
    assert isinstance(late, QueueWorker) and started[-1] is late
    keeper.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    late.signals.finished.emit(queue)  # marked the list through the deleted keeper before
    late.signals.failed.emit("gone")
    assert w.documents.model.queue is None
    w.session.close()

"""The model panel as QA round 9 found it: "Next document: least confident first" moves on
through the queue (the first not-yet-labelled document after the open one, wrapping) instead
of bouncing between the two least confident; a stored model whose bytes were altered with its
row checksum recomputed (as anyone sending a project can) is read as a suggestion reads it, in
a child process, and shown as damaged with Train on, the window kept responsive; suggesting
with it says to train it again."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import hashlib
import sqlite3  # white-box: the damage is written into the file's models table directly
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from annotator.commands.suggestions import stored_model, train_and_store
from annotator.errors import AnnotatorError
from annotator.project import Project
from tests.ui.test_model_panel import heavy_imports, isolated_runs
from tests.ui.test_qa_model_flow import make_window, small_project
from ui.suggestions import install
from ui.suggestions.model_panel import ModelPanel
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

MANIFEST = {"layer": "gold", "trained": "2026-11-29T12:00:00+00:00", "crf_sha256": "0123abcd"}


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    w = make_window(qtbot, tmp_path, small_project(tmp_path / "p.annotator"))
    yield w
    w.session.close()


def test_next_moves_through_the_queue_instead_of_bouncing(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Order new 0, new 1, new 2, seed (none labelled) and a labelled document open: Next
    five times opens each once, in the order, then starts again; skipping never goes back
    to the one before."""
    panel = install(window).model_panel
    monkeypatch.setattr(panel, "suggest_for", lambda doc_id: None)
    project = window.session.project
    assert project is not None
    ids = {d.name: d.id for d in project.documents()}
    panel.show_manifest(dict(MANIFEST))
    panel.order = [ids["new 0"], ids["new 1"], ids["new 2"], ids["seed"]]
    panel._ordered_for = panel._model_key(panel.manifest)
    panel.active.blockSignals(True)
    panel.active.setChecked(True)
    panel.active.blockSignals(False)
    window.navigation.open_document(ids["part 0"])
    opened = []
    for _ in range(5):
        panel.next_document()
        assert window.doc is not None
        opened.append(window.doc.name)
    assert opened == ["new 0", "new 1", "new 2", "seed", "new 0"]
    # a document labelled meanwhile is passed over; the open one is never opened again
    project.add_span(ids["new 1"], 0, 3, "GPE", "gold")
    panel.next_document()
    assert window.doc is not None and window.doc.name == "new 2"


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = small_project(tmp_path_factory.mktemp("m") / "p.annotator")
    with Project.open(path) as p:
        train_and_store(p, eval_split=0.0)
    return path


def _flip(data: bytes) -> bytes:
    b = bytearray(data)
    b[-50] ^= 0xFF
    return bytes(b)


def _replace(data: bytes) -> bytes:
    return b"hello"


TAMPER = {"bytes flipped": _flip, "bytes replaced": _replace}


def _tampered(trained: Path, folder: Path, how: str) -> Path:
    """A copy of ``trained`` whose model bytes are altered and their row checksum recomputed
    (QA's tamper.py)."""
    path = folder / "t.annotator"
    path.write_bytes(trained.read_bytes())
    conn = sqlite3.connect(path)
    with conn:
        (data,) = conn.execute("SELECT data FROM models").fetchone()
        new = TAMPER[how](bytes(data))
        conn.execute(
            "UPDATE models SET data = ?, sha256 = ?", (new, hashlib.sha256(new).hexdigest())
        )
    conn.close()
    return path


def _checked(panel: ModelPanel, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: panel.check_job is None and bool(panel._checked), timeout=60_000)


@pytest.mark.parametrize("how", list(TAMPER))
@pytest.mark.parametrize("isolated", [True, False], ids=["child", "thread"])
def test_a_tampered_model_is_shown_as_damaged_with_train_on(
    qtbot: QtBot,
    tmp_path: Path,
    trained: Path,
    monkeypatch: pytest.MonkeyPatch,
    how: str,
    isolated: bool,
    shots: Path,
) -> None:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    path = _tampered(trained, tmp_path, how)
    with Project.open(path) as p:
        assert p.latest_model("ner") is not None  # the row's checksum matches
    w = make_window(qtbot, tmp_path, path)
    try:
        panel = install(w).model_panel
        _checked(panel, qtbot)  # the check the window's opening started (in a child)
        panel._checked.clear()
        panel.isolated = isolated
        panel.load()
        assert panel.check_job is not None and panel.check_job.isolated is isolated
        _checked(panel, qtbot)
        text = panel.summary.text()
        assert text.startswith("The stored model cannot be read ("), text
        assert text.endswith("Train it again."), text
        assert panel.manifest is None and panel.table.rowCount() == 0
        assert not panel.curve.points
        assert panel.train_button.isEnabled()
        assert panel.suggest_for(w.doc.id if w.doc else 1) is None  # nothing to suggest with
        if isolated and how == "bytes flipped":
            w.docks["model"].show()
            w.docks["model"].raise_()
            qtbot.wait(50)
            panel.grab().save(str(shots / "model_panel_tampered.png"))
        # loading again (another annotator chosen) shows it damaged at once, not read again
        panel.load()
        assert panel.check_job is None
        assert panel.summary.text() == text
    finally:
        w.session.close()


def test_a_sound_model_is_shown_after_its_check(
    qtbot: QtBot, tmp_path: Path, trained: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    path = tmp_path / "p.annotator"
    path.write_bytes(trained.read_bytes())
    w = make_window(qtbot, tmp_path, path)
    try:
        panel = install(w).model_panel
        _checked(panel, qtbot)
        assert list(panel._checked.values()) == [None]
        assert panel.manifest is not None
        assert panel.summary.text().startswith("Learnt from layer")
    finally:
        w.session.close()


def test_the_model_is_read_in_a_child_process(
    qtbot: QtBot, tmp_path: Path, trained: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What keeps the window's frames while the panel reads the stored model (measured by
    ``tests/benchmarks/bench_window_frames.py``, ``test_model_read_frames``: no gap over
    50 ms): a pool thread starts a child process (``run_isolated`` with ``_check_child``)
    and waits; the model is not parsed in the window's process (``model_problem`` is never
    called here) and no learning module is imported there."""
    import annotator.commands.suggestions as suggestions

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    w = make_window(qtbot, tmp_path, _tampered(trained, tmp_path, "bytes flipped"))
    try:
        panel = install(w).model_panel
        _checked(panel, qtbot)
        panel._checked.clear()
        started = isolated_runs(monkeypatch)
        here: list[str] = []
        problem_here = suggestions.model_problem

        def read_here(*args: Any, **kwargs: Any) -> Any:
            here.append(threading.current_thread().name)
            return problem_here(*args, **kwargs)

        monkeypatch.setattr(suggestions, "model_problem", read_here)
        with heavy_imports() as imported:
            panel.load()
            assert panel.check_job is not None and panel.check_job.isolated
            _checked(panel, qtbot)
        assert here == [] and imported == set()
        assert [target for _, target in started] == ["_check_child"]
        assert threading.main_thread().name not in {thread for thread, _ in started}
        assert panel.summary.text().startswith("The stored model cannot be read (")
    finally:
        w.session.close()


def test_suggesting_with_a_tampered_model_says_to_train_it_again(
    tmp_path: Path, trained: Path
) -> None:
    path = _tampered(trained, tmp_path, "bytes flipped")
    with Project.open(path) as p, pytest.raises(AnnotatorError) as caught:
        stored_model(p)
    assert str(caught.value).startswith(f"{path}: the stored model cannot be read: ")
    assert str(caught.value).endswith("; train it again")

"""Storing suggestions from a gazetteer or a file of outside predictions in the window
(``ui.search.tools``: both stored by a background job on its own connection) is ONE undo step,
as annotate-all's store is (``StoreSuggestions.already_stored``): undo withdraws exactly what
was stored (and puts back what an import of predictions replaced), redo stores it again."""

from __future__ import annotations

import json
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from annotator.project import Project
from tests.ui.conftest import open_window, tools_of
from ui.jobs import BackgroundJob
from ui.search.source_dialog import SourceDialog
from ui.workbench.mainwindow import MainWindow

TEXT = "زار الوزير محمد العاصمة باريس ثم عاد إلى هولندا أمس."
OTHER = "في باريس التقى محمد بوفد من هولندا."
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_document(TEXT, name="seed")
        p.add_document(OTHER, name="other")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    # Import suggestions' source name left empty (the file's own sources, as before QA 18)
    monkeypatch.setattr(SourceDialog, "ask", classmethod(lambda cls, *a, **k: (None,)))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Every document", True))
    w = open_window(qtbot, tmp_path, path)
    yield w
    w.close()


def finish(qtbot: QtBot, job: BackgroundJob | None) -> None:
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=30_000) as blocker:
        pass
    assert blocker.args is not None and blocker.args[0] == "finished", blocker.args


def pending(w: MainWindow) -> list[tuple[int, str, str]]:
    project = w.session.project
    assert project is not None
    return sorted((s.doc_id, s.text, s.source) for s in project.suggestions(None))


def choose(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def test_a_gazetteer_import_is_one_undo_step(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = tmp_path / "places.csv"
    names.write_text("name,label\nهولندا,GPE\nباريس,GPE\n", encoding="utf-8")
    choose(monkeypatch, names)
    stack = window.session.undo_stack
    before = stack.index()
    finish(qtbot, tools_of(window).import_gazetteer())
    stored = pending(window)
    assert len(stored) == 4 and {s for _, _, s in stored} == {"gazetteer:places"}
    assert stack.index() == before + 1 and stack.canUndo()
    assert "suggestions" in stack.undoText()
    window.session.undo()
    assert pending(window) == [] and stack.index() == before
    window.session.redo()
    assert pending(window) == stored and stack.index() == before + 1
    window.session.undo()
    assert pending(window) == []
    # a list that matches nothing stores nothing and is no step
    none = tmp_path / "none.csv"
    none.write_text("name,label\nطوكيو,GPE\n", encoding="utf-8")
    choose(monkeypatch, none)
    finish(qtbot, tools_of(window).import_gazetteer())
    assert pending(window) == [] and stack.index() == before and stack.canRedo()


def _line(doc: str, text: str, word: str, label: str) -> str:
    at = text.index(word)
    item = {"document": doc, "start": at, "end": at + len(word), "label": label}
    return json.dumps(item, ensure_ascii=False)


def test_an_import_of_predictions_is_one_undo_step_that_gives_back_what_it_replaced(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pred = tmp_path / "pred.jsonl"
    pred.write_text(
        _line("seed", TEXT, "محمد", "PER") + "\n" + _line("other", OTHER, "هولندا", "GPE") + "\n",
        encoding="utf-8",
    )
    choose(monkeypatch, pred)
    stack = window.session.undo_stack
    before = stack.index()
    finish(qtbot, tools_of(window).import_predictions())
    first = pending(window)
    assert [t for _, t, _ in first] == ["محمد", "هولندا"] and stack.index() == before + 1
    # the same source again: its suggestions replace the first import's
    pred.write_text(_line("seed", TEXT, "باريس", "GPE") + "\n", encoding="utf-8")
    said: list[str] = []

    def read(box: QMessageBox) -> int:
        said.append(box.informativeText())
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", read)
    finish(qtbot, tools_of(window).import_predictions())
    # what it replaced is said (QA 16), in a box as every line of what was not stored
    assert said == ["2 pending suggestion(s) that file:pred.jsonl left before were replaced"]
    second = pending(window)
    assert [t for _, t, _ in second] == ["باريس"] and stack.index() == before + 2
    window.session.undo()  # the second import: its suggestion goes, the replaced come back
    assert pending(window) == first
    window.session.redo()
    assert pending(window) == second
    window.session.undo()
    window.session.undo()
    assert pending(window) == [] and stack.index() == before
    window.session.redo()
    window.session.redo()
    assert pending(window) == second

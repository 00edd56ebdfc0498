"""In the window, a gazetteer's import and an import of outside predictions are ONE undo step
each (``annotator.commands.suggestions.gazetteer_step`` / ``import_step``): one Undo takes
the whole import away and brings back exactly what it replaced (a suggestion of its source
hidden behind a span comes back hidden, and shows again when that span goes), one Redo
applies it again; the Suggestions list and the view follow each step as a fresh read of the
document shows it."""

from __future__ import annotations

import json
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from annotator.commands import DeleteSpan
from annotator.commands.suggestions import StoreSuggestions, gazetteer_step, import_step
from annotator.project import Project
from annotator.search.suggestions import Suggestion
from tests.ui.conftest import open_window
from ui.search.source_dialog import SourceDialog
from ui.suggestions import Installed
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

ONE = "زار محمد باريس ثم عاد إلى هولندا."
TWO = "في باريس التقى محمد بوفد من هولندا."
SOURCE = "file:pred.jsonl"


def at(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def made(doc_id: int, text: str, word: str, label: str, uuid: str) -> Suggestion:
    a, b = at(text, word)
    return Suggestion(uuid, doc_id, a, b, label, word, SOURCE, 0.9)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """Two documents; the open one holds the earlier import's suggestions: هولندا shown,
    محمد hidden behind a span drawn after it, باريس rejected."""
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        one = p.add_document(ONE, name="one").id
        p.add_document(TWO, name="two")
        old = [
            made(one, ONE, "هولندا", "GPE", "old-shown"),
            made(one, ONE, "محمد", "PER", "old-hidden"),
            made(one, ONE, "باريس", "GPE", "old-rejected"),
        ]
        assert p.add_suggestions(old) == 3
        p.reject_suggestions(["old-rejected"])
        p.add_span(one, *at(ONE, "محمد"), "PER", "amal")
    return path


@pytest.fixture
def window(
    qtbot: QtBot, path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    # Import suggestions' source name left empty (the file's own sources, as before QA 18)
    monkeypatch.setattr(SourceDialog, "ask", classmethod(lambda cls, *a, **k: (None,)))
    w = open_window(qtbot, tmp_path, path)
    qtbot.waitUntil(lambda: not w.session.read_only, timeout=10_000)
    qtbot.waitUntil(lambda: w.doc is not None, timeout=10_000)
    yield w
    w.close()


def installed_of(w: MainWindow) -> Installed:
    found = getattr(w, "suggestions_installed", None)
    assert isinstance(found, Installed)
    return found


def project_of(w: MainWindow) -> Project:
    project = w.session.project
    assert project is not None
    return project


def shown(w: MainWindow) -> tuple[list[str], list[str]]:
    """The texts the Suggestions list shows and the uuids the view draws."""
    QApplication.processEvents()
    controller = installed_of(w).controller
    return sorted(s.text for s in controller.shown()), sorted(w.view.suggestions())


def as_read_afresh(w: MainWindow) -> tuple[list[str], list[str]]:
    """What a fresh read of the open document shows (after which the controller is that)."""
    installed_of(w).controller.reload()
    return shown(w)


def followed(w: MainWindow) -> tuple[list[str], list[str]]:
    """What the controller shows after the last step, checked against a fresh read."""
    now = shown(w)
    assert now == as_read_afresh(w)
    return now


def line(doc: str, text: str, word: str, label: str) -> str:
    a, b = at(text, word)
    item = {"document": doc, "start": a, "end": b, "label": label, "score": 0.8}
    return json.dumps(item, ensure_ascii=False)


def test_an_import_of_predictions_is_one_undo_step_giving_back_the_hidden_one(
    window: MainWindow, tmp_path: Path
) -> None:
    w = window
    assert w.doc is not None and w.doc.name == "one"
    project = project_of(w)
    before_texts = followed(w)
    assert before_texts[0] == ["هولندا"]
    pred = tmp_path / "pred.jsonl"  # (its source: file:pred.jsonl, the earlier one's)
    pred.write_text(
        line("one", ONE, "باريس", "LOC") + "\n" + line("two", TWO, "هولندا", "GPE") + "\n",
        encoding="utf-8",
    )
    stack = w.session.undo_stack
    index = stack.index()
    command = import_step(pred)
    assert w.session.execute(command)
    assert stack.index() == index + 1 and "suggestions" in stack.undoText()
    assert isinstance(command, StoreSuggestions) and command.batch
    assert sorted(s.uuid for s in command.replaced) == ["old-hidden", "old-shown"]
    after_texts = followed(w)
    assert after_texts[0] == ["باريس"]
    # ONE undo: the whole import goes, the replaced come back (the hidden one hidden)
    w.session.undo()
    assert stack.index() == index
    assert shown(w) == before_texts
    assert sorted(s.uuid for s in project.suggestions(None)) == ["old-shown"]
    free, behind = project.suggestions_and_covered(w.doc.id)
    assert [s.uuid for s in behind] == ["old-hidden"]
    assert "old-rejected" not in {s.uuid for s in free + behind}
    assert project.rejected_suggestions() == {(w.doc.id, *at(ONE, "باريس"), "GPE", SOURCE)}
    # ONE redo: the import again
    w.session.redo()
    assert stack.index() == index + 1
    assert followed(w)[0] == after_texts[0]
    assert sorted(s.text for s in project.suggestions(None)) == ["باريس", "هولندا"]
    w.session.undo()
    assert shown(w) == before_texts  # (followed by the controller, not read afresh)
    # the hidden one shows again when its span goes (the controller kept it aside; a new
    # step: the import's redo is dropped)
    span = project.spans(w.doc.id, "amal")[0]
    assert w.session.execute(DeleteSpan(span.uuid))
    assert shown(w)[0] == ["محمد", "هولندا"]
    assert shown(w) == as_read_afresh(w)
    w.session.undo()
    assert followed(w) == before_texts


def test_a_gazetteer_import_is_one_undo_step(window: MainWindow, tmp_path: Path) -> None:
    w = window
    project = project_of(w)
    names = tmp_path / "places.csv"
    names.write_text("name,label\nهولندا,GPE\nباريس,GPE\n", encoding="utf-8")
    before = sorted(s.uuid for s in project.suggestions(None))
    before_texts = followed(w)
    source = "gazetteer:places"
    stack = w.session.undo_stack
    index = stack.index()
    assert w.session.execute(gazetteer_step(names))
    assert stack.index() == index + 1 and "gazetteer" in stack.undoText()
    stored = sorted(
        (s.doc_id, s.text) for s in project.suggestions(None, source="gazetteer:places")
    )
    assert len(stored) == 3  # (هولندا of the open document is the earlier import's)
    after_texts = followed(w)
    assert after_texts[0] == ["باريس", "هولندا"]
    w.session.undo()
    assert sorted(s.uuid for s in project.suggestions(None)) == before
    assert followed(w) == before_texts and stack.index() == index
    w.session.redo()
    got = sorted((s.doc_id, s.text) for s in project.suggestions(None, source=source))
    assert got == stored and followed(w) == after_texts


# -- through the Search menu's tools (ui.search.tools: the import runs as a background job on
# its own connection, and the window's session pushes what it did as one step)


def tools_of(w: MainWindow) -> object:
    from ui.search.tools import SearchTools

    tools = getattr(w, "search_tools", None)
    assert isinstance(tools, SearchTools)
    return tools


def finish(qtbot: QtBot, job: object) -> None:
    from ui.jobs import BackgroundJob

    assert isinstance(job, BackgroundJob)
    with qtbot.waitSignal(job.done, timeout=30_000) as blocker:
        pass
    assert blocker.args is not None and blocker.args[0] == "finished", blocker.args


def test_import_suggestions_in_the_window_gives_back_the_hidden_one_on_undo(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    w = window
    project = project_of(w)
    assert w.doc is not None
    before_texts = followed(w)
    pred = tmp_path / "pred.jsonl"
    pred.write_text(line("two", TWO, "هولندا", "GPE") + "\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(pred), ""))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Every document", True))
    said: list[str] = []

    def read(box: QMessageBox) -> int:
        said.append(box.informativeText())
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", read)
    stack = w.session.undo_stack
    index = stack.index()
    finish(qtbot, tools_of(w).import_predictions())  # type: ignore[attr-defined]
    assert stack.index() == index + 1
    assert followed(w)[0] == []
    # what it replaced is said (QA 16)
    assert said == ["2 pending suggestion(s) that file:pred.jsonl left before were replaced"]
    w.session.undo()
    assert shown(w) == before_texts
    free, behind = project.suggestions_and_covered(w.doc.id)
    assert [s.uuid for s in free] == ["old-shown"] and [s.uuid for s in behind] == ["old-hidden"]
    w.session.redo()
    assert followed(w)[0] == []
    assert project.suggestions_and_covered(w.doc.id) == ([], [])
    command = getattr(stack.command(index), "command", None)
    assert isinstance(command, StoreSuggestions) and command.batch  # one write each way


def test_import_a_gazetteer_in_the_window_is_one_batch_step(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    w = window
    names = tmp_path / "places.csv"
    names.write_text("name,label\nهولندا,GPE\nباريس,GPE\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(names), ""))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Every document", True))
    before_texts = followed(w)
    stack = w.session.undo_stack
    index = stack.index()
    finish(qtbot, tools_of(w).import_gazetteer())  # type: ignore[attr-defined]
    assert stack.index() == index + 1
    command = getattr(stack.command(index), "command", None)
    assert isinstance(command, StoreSuggestions) and command.batch and len(command.stored) == 3
    after_texts = followed(w)
    w.session.undo()
    assert shown(w) == before_texts
    w.session.redo()
    assert shown(w) == after_texts

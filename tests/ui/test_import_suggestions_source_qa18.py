"""QA 18, Edit ▸ Import suggestions names the source of what it stores (``ui.search.tools``,
``ui.search.source_dialog.SourceDialog``), as ``annotator suggest --from F --source NAME``
does: after the file and the documents, an optional source name. Empty keeps the file's own
sources; a name the command line's rule refuses (``annotator.learn.external.source_problem``:
the project's own model's family ``model:crf``, annotate-all, a gazetteer, a control
character...) is said in the dialog as plain text and the dialog stays open; a good name is
the stored suggestions' source."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog
from pytestqt.qtbot import QtBot

from annotator.errors import AnnotatorError
from annotator.learn.external import given_source, own_model_family, source_problem
from tests.ui.conftest import tools_of
from tests.ui.test_external_sources_gui import TEXT, _line, _project, _window
from ui.i18n import core_text
from ui.search.source_dialog import SourceDialog
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

REFUSED = ["model:crf", "model:crf@0123abcd", "annotate-all", "gazetteer:cities", "a\nb", " x"]


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    """The window on a project of two documents, "seed" open (the source dialog shown)."""
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    w = _window(qtbot, tmp_path, _project(tmp_path))
    yield w
    w.close()


def dialog(qtbot: QtBot, path: Path) -> SourceDialog:
    shown = SourceDialog(path)
    qtbot.addWidget(shown)
    shown.show()
    return shown


@pytest.mark.parametrize("name", REFUSED)
def test_a_name_the_command_line_refuses_is_said_in_the_dialog(
    qtbot: QtBot, tmp_path: Path, name: str
) -> None:
    with pytest.raises(AnnotatorError):  # (the command line's --source refuses it)
        given_source(name)
    shown = dialog(qtbot, tmp_path / "pred.jsonl")
    shown.name.setText(name)
    shown.accept()
    assert shown.isVisible() and shown.result() != QDialog.DialogCode.Accepted  # stays open
    problem = source_problem(name, own_model_family())
    assert problem is not None
    assert shown.error.isVisible() and shown.error.text() == core_text(problem)
    assert shown.error.textFormat() == Qt.TextFormat.PlainText
    shown.name.setText("team-ner")  # edited: what was said no longer holds
    assert not shown.error.isVisible()
    if name == "model:crf":
        shown.name.setText(name)
        shown.accept()
        shown.resize(480, shown.sizeHint().height())
        os.makedirs("/tmp/h2", exist_ok=True)
        shown.grab().save("/tmp/h2/source_refused.png")


@pytest.mark.parametrize("name", ["", "team-ner", "ner:aqmar v2", "نموذج الفريق"])
def test_an_empty_or_good_name_is_taken(qtbot: QtBot, tmp_path: Path, name: str) -> None:
    shown = dialog(qtbot, tmp_path / "pred.jsonl")
    shown.name.setText(name)
    shown.accept()
    assert shown.result() == QDialog.DialogCode.Accepted and not shown.error.isVisible()
    assert shown.source() == (name or None)


def test_the_hint_names_the_default_source(qtbot: QtBot, tmp_path: Path) -> None:
    assert "file:pred.jsonl" in dialog(qtbot, tmp_path / "pred.jsonl").hint.text()
    folder = tmp_path / "pipeline"
    folder.mkdir()
    (folder / "config.cfg").write_text("[nlp]\n", encoding="utf-8")
    for chosen in (folder, folder / "config.cfg"):
        assert "pipeline" in dialog(qtbot, chosen).hint.text()


def answering(*names: str) -> Callable[[SourceDialog], int]:
    """A ``SourceDialog.exec`` that types each of ``names`` and presses OK, in turn, until
    one is taken (or the names run out: Cancel); what the dialog said is kept in
    ``said``."""

    def run(self: SourceDialog) -> int:
        for name in names:
            self.name.setText(name)
            self.accept()
            if self.result() == QDialog.DialogCode.Accepted:
                return int(QDialog.DialogCode.Accepted)
            said.append(self.error.text())
        return int(QDialog.DialogCode.Rejected)

    said: list[str] = []
    run.said = said  # type: ignore[attr-defined]
    return run


def _import(
    qtbot: QtBot, w: MainWindow, path: Path, monkeypatch: pytest.MonkeyPatch, *names: str
) -> list[str]:
    """Edit ▸ Import suggestions of ``path`` for this document, the source dialog answered
    with ``names``; what the dialog said."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("This document", True))
    run = answering(*names)
    monkeypatch.setattr(SourceDialog, "exec", run)
    job = tools_of(w).import_predictions()
    if job is not None:
        with qtbot.waitSignal(job.done, timeout=30_000) as blocker:
            pass
        assert blocker.args is not None and blocker.args[0] == "finished", blocker.args
    return list(run.said)  # type: ignore[attr-defined]


def test_the_named_source_is_the_stored_suggestions_source(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = window.session.project
    assert project is not None and window.doc is not None
    pred = tmp_path / "pred.jsonl"
    pred.write_text(_line("seed", TEXT, "محمد", "PER") + "\n", encoding="utf-8")
    # the model's own family first: refused in the dialog, then a name of its own taken
    said = _import(qtbot, window, pred, monkeypatch, "model:crf", "team-ner")
    refused = source_problem("model:crf", own_model_family())
    assert said == [core_text(refused)]
    assert [(s.text, s.source) for s in project.suggestions(window.doc.id)] == [
        ("محمد", "team-ner")
    ]


def test_empty_keeps_the_files_own_sources(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = window.session.project
    assert project is not None and window.doc is not None
    pred = tmp_path / "pred.jsonl"
    pred.write_text(_line("seed", TEXT, "محمد", "PER") + "\n", encoding="utf-8")
    assert _import(qtbot, window, pred, monkeypatch, "") == []
    assert [s.source for s in project.suggestions(window.doc.id)] == ["file:pred.jsonl"]


def test_a_refused_name_then_cancel_stores_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = window.session.project
    assert project is not None and window.doc is not None
    pred = tmp_path / "pred.jsonl"
    pred.write_text(_line("seed", TEXT, "محمد", "PER") + "\n", encoding="utf-8")
    said = _import(qtbot, window, pred, monkeypatch, "Annotate-All")
    assert len(said) == 1 and "Annotate-All" in said[0]
    assert project.suggestions(window.doc.id) == [] and tools_of(window).job is None

"""Edit ▸ "Import suggestions (JSONL or spaCy pipeline)…" (``ui.search.tools``, issue 14): a
JSONL file of predictions becomes the open document's pending suggestions (the Suggestions
dock counts them), a bad file is one plain-text message naming file:line and nothing is
stored, and the action is off in a read-only session."""

from __future__ import annotations

import json
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QInputDialog
from pytestqt.qtbot import QtBot

from annotator.project import Project
from tests.ui.conftest import open_window, tools_of
from ui.search.source_dialog import SourceDialog
from ui.session import Session
from ui.suggestions.dock import SuggestionsPanel
from ui.workbench.mainwindow import MainWindow

TEXT = "زار الوزير محمد العاصمة باريس ثم عاد إلى هولندا أمس."
OTHER = "في باريس التقى محمد بوفد من هولندا."
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _project(tmp_path: Path) -> Path:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_document(TEXT, name="seed")
        p.add_document(OTHER, name="other")
    return path


def _window(qtbot: QtBot, tmp_path: Path, path: Path, read_only: bool = False) -> MainWindow:
    if not read_only:
        return open_window(qtbot, tmp_path, path)
    w = MainWindow(Session(), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.quiet_errors = True
    qtbot.addWidget(w)
    w.session.open_project(path, read_only=True)
    w.show()
    return w


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    # Import suggestions' source name left empty (the file's own sources, as before QA 18)
    monkeypatch.setattr(SourceDialog, "ask", classmethod(lambda cls, *a, **k: (None,)))
    w = _window(qtbot, tmp_path, _project(tmp_path))
    yield w
    w.close()


def _line(doc: str, text: str, word: str, label: str, score: float = 1.0) -> str:
    at = text.index(word)
    item = {"document": doc, "start": at, "end": at + len(word), "label": label, "score": score}
    return json.dumps(item, ensure_ascii=False)


def test_import_suggestions_from_a_jsonl_file_into_the_open_document(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = window.session.project
    assert project is not None and window.doc is not None and window.doc.name == "seed"
    action = window.actions_by_name["import_suggestions"]
    assert action.isEnabled() and "JSONL" in action.text()
    good = tmp_path / "pred.jsonl"
    good.write_text(
        "\n".join(
            [
                _line("seed", TEXT, "محمد", "PER", 0.9),
                _line("seed", TEXT, "باريس", "GPE", 0.8),
                _line("other", OTHER, "هولندا", "GPE"),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(good), ""))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("This document", True))
    action.trigger()
    panel = window.findChild(SuggestionsPanel)
    assert panel is not None
    qtbot.waitUntil(lambda: panel.count.text() == "2 of 2 suggestions shown")
    assert [s.text for s in project.suggestions(None)] == ["محمد", "باريس"]
    assert "2 suggestions stored" in window.statusBar().currentMessage()
    window.docks["suggestions"].show()
    window.docks["suggestions"].raise_()
    qtbot.wait(50)
    window.grab().save(str(tmp_path / "import_suggestions.png"))
    if os.environ.get("SHOT_DIR"):
        window.grab().save(str(Path(os.environ["SHOT_DIR"]) / "import_suggestions.png"))
    # a bad file: one message naming file:line, nothing stored
    bad = tmp_path / "bad.jsonl"
    bad.write_text(_line("seed", TEXT, "هولندا", "GPE") + "\n" + _line("seed", TEXT, "أمس", "NO"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    messages: list[str] = []
    window.session.error.connect(messages.append)
    before = [(s.uuid, s.source) for s in project.suggestions(None)]
    job = tools_of(window).import_predictions()
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=30_000) as blocker:
        pass
    assert blocker.args is not None and blocker.args[0] == "failed"
    assert len(messages) == 1 and f"{bad}:2" in messages[0] and "'NO'" in messages[0]
    assert [(s.uuid, s.source) for s in project.suggestions(None)] == before
    assert panel.count.text() == "2 of 2 suggestions shown"


def test_the_action_is_off_in_a_read_only_session(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = _window(qtbot, tmp_path, _project(tmp_path), read_only=True)
    try:
        assert w.session.read_only
        for name in ("import_suggestions", "gazetteer"):
            assert not w.actions_by_name[name].isEnabled(), name
        assert w.actions_by_name["entity_list"].isEnabled()
        called: list[object] = []
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: called.append(a))
        assert tools_of(w).predictions(tmp_path / "x.jsonl", None) is None
        assert called == []
    finally:
        w.close()


def test_predictions_not_stored_are_shown_with_their_reason(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Predictions over suggestions of another source, hidden below the threshold, are not
    stored: the window says so and why in a box (QA round 9: they vanished unsaid)."""
    from PySide6.QtWidgets import QMessageBox

    from annotator.learn.corpus import suggestion

    project = window.session.project
    assert project is not None and window.doc is not None
    at = TEXT.index("باريس")
    hidden = suggestion(window.doc.id, TEXT, at, at + 5, "LOC", 0.0, "model:crf@0123abcd")
    assert project.add_suggestions([hidden]) == 1
    preds = tmp_path / "pred.jsonl"
    preds.write_text(_line("seed", TEXT, "باريس", "GPE", 0.9) + "\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(preds), ""))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("This document", True))
    shown: list[str] = []

    def look(box: QMessageBox) -> int:
        shown.append(box.informativeText())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", look)
    job = tools_of(window).import_predictions()
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=30_000):
        pass
    qtbot.waitUntil(lambda: bool(shown))
    assert shown == [
        "1 not stored: they overlap pending suggestions of model:crf@0123abcd (reject those "
        "or lower the threshold to see them)"
    ]

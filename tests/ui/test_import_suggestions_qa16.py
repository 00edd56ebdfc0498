"""QA 16, Edit ▸ Import suggestions (``ui.search.tools``, ``annotator.learn.external``):

- a bad JSONL file or spaCy pipeline showed its error in English in the Arabic interface, the
  path not isolated (its leading "/" jumped to the end of the line): every error of these
  paths is now a core ``Message`` template, so the interface translates it (``core_text``)
  and isolates its fields. A translator that marks every core template it is asked for
  («…») stands for the Arabic one, whose translations of the new templates the lead adds;
- a second file of the same name replaced the first's suggestions unsaid: the box says how
  many were replaced and from which source;
- Cancel acted only after the whole file was read: the file is read line by line, its
  progress shown, and Cancel stops the reading at once, storing nothing."""

from __future__ import annotations

import json
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QInputDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from annotator.project import Project
from tests.ui.conftest import open_window, tools_of
from ui.i18n import RLM, isolate, path_text
from ui.workbench.mainwindow import MainWindow

TEXT = "زار الوزير محمد العاصمة باريس ثم عاد إلى هولندا أمس."
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
MARK = " ※"


class Marking(QTranslator):
    """Translates every core template into itself marked with MARK at its end (its start
    kept: a message that starts with a path still does)."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> Any:
        return f"{source}{MARK}" if context == "CoreMessage" else None


@pytest.fixture
def marked() -> Iterator[None]:
    """The marking translator and a right-to-left interface, as in Arabic."""
    app = QCoreApplication.instance()
    assert app is not None
    translator = Marking()
    app.installTranslator(translator)
    QGuiApplication.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    yield
    QGuiApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    app.removeTranslator(translator)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_document(TEXT, name="Light")
        p.add_document(TEXT + " ", name="Physics")
    w = open_window(qtbot, tmp_path, path)
    yield w
    w.close()


def line(doc: str, word: str, label: str, **more: Any) -> str:
    at = TEXT.index(word)
    item = {"document": doc, "start": at, "end": at + len(word), "label": label, **more}
    return json.dumps(item, ensure_ascii=False) + "\n"


def run(qtbot: QtBot, window: MainWindow, path: Path) -> tuple[str, list[str]]:
    """Import ``path`` into every document; the job's outcome and the errors shown."""
    errors: list[str] = []
    window.session.error.connect(errors.append)
    job = tools_of(window).predictions(path, None)
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=60_000) as blocker:
        pass
    assert blocker.args is not None
    return str(blocker.args[0]), errors


def pending(window: MainWindow) -> list[tuple[str, str]]:
    project = window.session.project
    assert project is not None
    return [(s.text, s.source) for s in project.suggestions(None)]


@pytest.mark.usefixtures("marked")
def test_a_bad_line_is_translated_and_its_path_isolated(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    bad = tmp_path / "outside.jsonl"
    item = {"document": "Light", "start": 10**9, "end": 10**9 + 3, "label": "PER"}
    bad.write_text(json.dumps(item) + "\n", encoding="utf-8")
    outcome, errors = run(qtbot, window, bad)
    assert outcome == "failed" and len(errors) == 1
    text = errors[0]
    # the reason went through the translation (its template), not shown as the core's English
    assert (
        f"are outside the text of {isolate(repr('Light'))} ({isolate('52')} characters){MARK}"
        in text
    ), text
    # the path is a left-to-right isolate in a right-to-left line: its "/" stays at its left
    assert text.startswith(RLM) and path_text(f"{bad}:1") in text, text
    assert pending(window) == []


@pytest.mark.usefixtures("marked")
def test_a_pipeline_taking_another_is_refused_translated(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("ar")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "GPE", "pattern": "باريس"}])
    nlp.to_disk(tmp_path / "pipe")
    cfg = tmp_path / "pipe" / "config.cfg"
    config = cfg.read_text(encoding="utf-8").replace("after_creation = null\n", "", 1)
    cfg.write_text(
        config + '\n[nlp.after_creation]\n@callbacks = "spacy.copy_from_base_model.v1"\n'
        'tokenizer = "/elsewhere"\nvocab = null\n',
        encoding="utf-8",
    )
    outcome, errors = run(qtbot, window, cfg)
    assert outcome == "failed" and len(errors) == 1
    text = errors[0]
    assert "runs a callback or takes something from outside the folder" in text, text
    assert f"taken from another pipeline or package{MARK}" in text, text  # translated
    number = (
        cfg.read_text(encoding="utf-8")
        .split("\n")
        .index('@callbacks = "spacy.copy_from_base_model.v1"')
    )
    assert path_text(f"{cfg}:{number + 1}") in text, text
    assert pending(window) == []


def test_a_file_of_the_same_name_says_what_it_replaced(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []

    def look(box: QMessageBox) -> int:
        shown.append(box.informativeText())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", look)
    a = tmp_path / "sysA" / "preds.jsonl"
    b = tmp_path / "sysB" / "preds.jsonl"
    for path, text in ((a, line("Light", "محمد", "PER")), (b, line("Physics", "باريس", "GPE"))):
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
    assert run(qtbot, window, a)[0] == "finished"
    assert shown == []
    outcome, errors = run(qtbot, window, b)
    assert outcome == "finished", errors
    qtbot.waitUntil(lambda: bool(shown))
    assert shown == ["1 pending suggestion(s) that file:preds.jsonl left before were replaced"]
    assert pending(window) == [("باريس", "file:preds.jsonl")]


def test_cancel_stops_the_reading_of_a_big_file(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    big = tmp_path / "big.jsonl"
    with big.open("w", encoding="utf-8") as fh:
        for _ in range(200):
            fh.write(line("Light", "محمد", "PER", score=0.5) * 1000)
    size = big.stat().st_size
    job = tools_of(window).predictions(big, None)
    assert job is not None
    seen: list[tuple[int, int]] = []

    def progressed(done: int, total: int) -> None:
        seen.append((done, total))
        if len(seen) == 1:
            button = job.dialog.findChild(QPushButton)
            assert button is not None
            button.click()  # the dialog's Cancel, at the first chunk read

    job.worker.signals.progress.connect(progressed)
    with qtbot.waitSignal(job.done, timeout=60_000) as blocker:
        pass
    assert blocker.args is not None and blocker.args[0] == "cancelled", seen
    assert seen and seen[0][1] == size  # the progress is the file's bytes
    assert max(done for done, _ in seen) < size / 2  # stopped while reading, not at the end
    assert pending(window) == []
    assert "no suggestions were stored" in window.statusBar().currentMessage()

"""The gazetteer and Edit ▸ "Import suggestions" (JSONL or a local spaCy pipeline) run as a
``ui.jobs.BackgroundJob`` (``ui.search.tools``): while a slow file is read (or a slow pipeline
loads) the window's event loop keeps turning (a 10 ms QTimer keeps ticking), the suggestions
are stored and shown once the job is done; a bad file is one plain message and stores
nothing; Cancel stores nothing."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json
import time
from collections.abc import Callable, Iterable, Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog, QInputDialog
from pytestqt.qtbot import QtBot

from annotator.learn.corpus import suggestion
from annotator.learn.external import SpacyUnavailable
from annotator.model import Document
from annotator.project import Project
from annotator.search.suggestions import Suggestion
from tests.ui.conftest import open_window
from ui.jobs import BackgroundJob
from ui.search.tools import SearchTools
from ui.workbench.mainwindow import MainWindow

TEXT = "زار الوزير محمد العاصمة باريس ثم عاد إلى هولندا أمس."
OTHER = "في باريس التقى محمد بوفد من هولندا."
SLOW = 0.6
"""seconds the patched reader takes"""
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_document(TEXT, name="seed")
        p.add_document(OTHER, name="other")
    w = open_window(qtbot, tmp_path, path)
    yield w
    w.session.close()


def tools_of(w: MainWindow) -> SearchTools:
    tools = getattr(w, "search_tools", None)
    assert isinstance(tools, SearchTools)
    return tools


def slowly(function: Callable[..., Any]) -> Callable[..., Any]:
    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(SLOW)
        return function(*args, **kwargs)

    return slow


def slow_gazetteer(monkeypatch: pytest.MonkeyPatch) -> None:
    """The gazetteer's reader takes ``SLOW`` seconds more."""
    from annotator.search.gazetteer import read_gazetteer

    monkeypatch.setattr("annotator.commands.suggestions.read_gazetteer", slowly(read_gazetteer))


def choose(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """The file dialog picks ``path``; the scope asked is every document."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Every document", True))


def run_ticking(qtbot: QtBot, w: MainWindow, action: str) -> tuple[BackgroundJob, list[Any], float]:
    """Trigger ``action`` with a 10 ms QTimer ticking; wait for its job. Returns the job, the
    ``done`` arguments and the largest gap between ticks while the job ran."""
    ticks: list[float] = []
    timer = QTimer(w)
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    qtbot.wait(50)
    t0 = time.perf_counter()
    w.actions_by_name[action].trigger()
    returned = time.perf_counter() - t0
    job = tools_of(w).job
    assert job is not None, "the action started no background job"
    assert returned < SLOW / 2, f"the action held the window {returned:.2f} s"
    with qtbot.waitSignal(job.done, timeout=30_000) as blocker:
        pass
    took = time.perf_counter() - t0
    timer.stop()
    during = [t for t in ticks if t >= t0]
    gaps = [b - a for a, b in pairwise(during)]
    assert took >= SLOW and len(gaps) > 10, (took, len(gaps))
    assert blocker.args is not None
    return job, list(blocker.args), max(gaps)


def test_a_slow_gazetteer_keeps_the_window_responsive_and_is_stored(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    slow_gazetteer(monkeypatch)
    names = tmp_path / "names.csv"
    names.write_text("name,label\nهولندا,GPE\nباريس,GPE\n", encoding="utf-8")
    choose(monkeypatch, names)
    project = window.session.project
    assert project is not None
    _, (outcome, payload), worst = run_ticking(qtbot, window, "gazetteer")
    assert outcome == "finished", payload
    assert worst < 0.25, f"the event loop stalled {worst * 1000:.0f} ms"
    assert sum(project.suggestion_counts().values()) == 4
    assert "4 suggestions stored" in window.statusBar().currentMessage()
    installed = getattr(window, "suggestions_installed")  # noqa: B009
    qtbot.waitUntil(lambda: len(installed.controller.shown()) == 2)  # the open document's
    assert tools_of(window).job is None


def test_a_slow_jsonl_import_keeps_the_window_responsive_and_is_stored(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import annotator.learn.external as external

    monkeypatch.setattr(external, "read_suggestions", slowly(external.read_suggestions))
    at = TEXT.index("محمد")
    line = {"document": "seed", "start": at, "end": at + 4, "label": "PER", "score": 0.9}
    good = tmp_path / "pred.jsonl"
    good.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    choose(monkeypatch, good)
    project = window.session.project
    assert project is not None
    _, (outcome, payload), worst = run_ticking(qtbot, window, "import_suggestions")
    assert outcome == "finished", payload
    assert worst < 0.25, f"the event loop stalled {worst * 1000:.0f} ms"
    assert [s.text for s in project.suggestions(None)] == ["محمد"]
    assert "1 suggestions stored" in window.statusBar().currentMessage()


class SlowPipeline:
    """Stands for ``SpacyPipeline``: slow to load, finds every محمد as PER."""

    def __init__(self, folder: Path, spans_key: str = "sc") -> None:
        time.sleep(SLOW)
        self.folder = folder
        self.source = "model:spacy-slow@1"

    def predict(self, documents: Iterable[Document]) -> list[Suggestion]:
        return [
            suggestion(d.id, d.text, d.text.index("محمد"), d.text.index("محمد") + 4, "PER", 1.0,
                       self.source)
            for d in documents
        ]  # fmt: skip


def test_a_slow_spacy_pipeline_loads_in_the_background(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import annotator.learn.external as external

    monkeypatch.setattr(external, "SpacyPipeline", SlowPipeline)
    folder = tmp_path / "pipeline"
    folder.mkdir()
    (folder / "config.cfg").write_text("[nlp]\n", encoding="utf-8")
    choose(monkeypatch, folder / "config.cfg")
    project = window.session.project
    assert project is not None
    _, (outcome, payload), worst = run_ticking(qtbot, window, "import_suggestions")
    assert outcome == "finished", payload
    assert worst < 0.25, f"the event loop stalled {worst * 1000:.0f} ms"
    assert sorted(s.source for s in project.suggestions(None)) == ["model:spacy-slow@1"] * 2


def test_a_bad_file_is_one_plain_message_and_stores_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import annotator.learn.external as external

    slow_gazetteer(monkeypatch)
    project = window.session.project
    assert project is not None
    messages: list[str] = []
    window.session.error.connect(messages.append)
    # a gazetteer with a bad second line: named file:line, shown as it is (no markup read)
    bad = tmp_path / "<b>bad.csv"
    bad.write_text("هولندا,GPE\nباريس\n", encoding="utf-8")
    choose(monkeypatch, bad)
    _, (outcome, payload), _worst = run_ticking(qtbot, window, "gazetteer")
    assert outcome == "failed" and isinstance(payload, str)
    assert messages == [payload] and f"{bad}:2" in payload
    assert f"{bad}:2" in window.statusBar().currentMessage()
    assert project.suggestion_counts() == {} or sum(project.suggestion_counts().values()) == 0
    # a pipeline that cannot load: one message, nothing stored
    messages.clear()

    def broken(folder: Path, spans_key: str = "sc") -> None:
        time.sleep(SLOW)
        raise SpacyUnavailable(f"{folder}: spaCy cannot load it: <i>broken</i>")

    monkeypatch.setattr(external, "SpacyPipeline", broken)
    folder = tmp_path / "pipeline"
    folder.mkdir()
    (folder / "config.cfg").write_text("[nlp]\n", encoding="utf-8")
    choose(monkeypatch, folder / "config.cfg")
    _, (outcome, payload), _worst = run_ticking(qtbot, window, "import_suggestions")
    assert outcome == "failed" and messages == [payload] and "<i>broken</i>" in str(payload)
    assert project.suggestions(None) == []
    assert tools_of(window).job is None


def test_cancel_stores_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    slow_gazetteer(monkeypatch)
    names = tmp_path / "names.csv"
    names.write_text("name,label\nهولندا,GPE\n", encoding="utf-8")
    choose(monkeypatch, names)
    project = window.session.project
    assert project is not None
    job = tools_of(window).import_gazetteer()
    assert job is not None
    # one job at a time: a second import waits for this one to end
    assert tools_of(window).gazetteer(names, None) is None
    with qtbot.waitSignal(job.done, timeout=30_000) as blocker:
        job.dialog.canceled.emit()  # the dialog's Cancel button
    assert blocker.args == ["cancelled", None]
    assert project.suggestions(None) == []
    assert "no suggestions were stored" in window.statusBar().currentMessage()

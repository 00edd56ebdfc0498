"""The gazetteer and Edit ▸ "Import suggestions" (JSONL or a local spaCy pipeline) run as a
``ui.jobs.BackgroundJob`` (``ui.search.tools``): the file is read (or the pipeline loaded) on a
pool thread, never on the window's; the action returns at once, and while the reading is held
the window's event loop keeps turning; the suggestions are stored and shown once the job is
done; a bad file is one plain message and stores nothing; Cancel stores nothing. How long the
window's loop waits while a slow file is read: ``tests/benchmarks/bench_window_frames.py``
(``test_background_import_frames``)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog
from pytestqt.qtbot import QtBot

from annotator.learn.corpus import suggestion
from annotator.learn.external import Predicted, SpacyUnavailable
from annotator.model import Document
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
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    # Import suggestions' source name left empty (the file's own sources, as before QA 18)
    monkeypatch.setattr(SourceDialog, "ask", classmethod(lambda cls, *a, **k: (None,)))
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_document(TEXT, name="seed")
        p.add_document(OTHER, name="other")
    w = open_window(qtbot, tmp_path, path)
    yield w
    w.session.close()


class Gate:
    """Holds the functions it wraps (``around``) on the thread that calls them until the test
    lets them go (``release``), recording that thread; waits 30 s at most, so that a call on
    the window's thread, which nobody can let go, ends (as ``waited`` False) and fails."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.release = threading.Event()
        self.threads: list[str] = []
        self.waited: list[bool] = []

    def around(self, function: Callable[..., Any]) -> Callable[..., Any]:
        def held(*args: Any, **kwargs: Any) -> Any:
            self.threads.append(threading.current_thread().name)
            self.entered.set()
            self.waited.append(self.release.wait(30))
            return function(*args, **kwargs)

        return held

    def check(self) -> None:
        """Each call was let go by the test, none was on the window's thread."""
        assert self.waited and all(self.waited), "held on the window's thread"
        assert self.threads and threading.main_thread().name not in self.threads


def held_gazetteer(monkeypatch: pytest.MonkeyPatch) -> Gate:
    """The gazetteer's reader waits for the test to let it go."""
    from annotator.search.gazetteer import read_gazetteer

    gate = Gate()
    monkeypatch.setattr(
        "annotator.commands.suggestions.read_gazetteer", gate.around(read_gazetteer)
    )
    return gate


def choose(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """The file dialog picks ``path``; the scope asked is every document."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Every document", True))


def run_held(
    qtbot: QtBot, w: MainWindow, action: str, gate: Gate
) -> tuple[BackgroundJob, list[Any]]:
    """Trigger ``action`` while ``gate`` holds the slow part; the action returns with its job
    running, the held part is entered on the job's thread, and the window's event loop turns
    (``waitUntil`` runs it) while it is held; then let it go and wait for the job. Returns the
    job and the ``done`` arguments."""
    w.actions_by_name[action].trigger()
    job = tools_of(w).job
    assert job is not None, "the action started no background job"
    assert not gate.release.is_set()  # the action returned before the slow part could end
    qtbot.waitUntil(gate.entered.is_set, timeout=30_000)
    qtbot.wait(20)  # the window's loop runs on while the job is held
    assert tools_of(w).job is job and not gate.release.is_set()
    with qtbot.waitSignal(job.done, timeout=30_000) as blocker:
        gate.release.set()
    gate.check()
    assert blocker.args is not None
    return job, list(blocker.args)


def test_a_gazetteer_is_read_in_the_background_and_stored(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = held_gazetteer(monkeypatch)
    names = tmp_path / "names.csv"
    names.write_text("name,label\nهولندا,GPE\nباريس,GPE\n", encoding="utf-8")
    choose(monkeypatch, names)
    project = window.session.project
    assert project is not None
    _, (outcome, payload) = run_held(qtbot, window, "gazetteer", gate)
    assert outcome == "finished", payload
    assert sum(project.suggestion_counts().values()) == 4
    assert "4 suggestions stored" in window.statusBar().currentMessage()
    installed = getattr(window, "suggestions_installed")  # noqa: B009
    qtbot.waitUntil(lambda: len(installed.controller.shown()) == 2)  # the open document's
    assert tools_of(window).job is None


def test_a_jsonl_import_is_read_in_the_background_and_stored(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import annotator.learn.external as external

    gate = Gate()
    monkeypatch.setattr(external, "read_predictions", gate.around(external.read_predictions))
    at = TEXT.index("محمد")
    line = {"document": "seed", "start": at, "end": at + 4, "label": "PER", "score": 0.9}
    good = tmp_path / "pred.jsonl"
    good.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    choose(monkeypatch, good)
    project = window.session.project
    assert project is not None
    _, (outcome, payload) = run_held(qtbot, window, "import_suggestions", gate)
    assert outcome == "finished", payload
    assert [s.text for s in project.suggestions(None)] == ["محمد"]
    assert "1 suggestions stored" in window.statusBar().currentMessage()


class Pipeline:
    """Stands for ``SpacyPipeline``: finds every محمد as PER."""

    def __init__(self, folder: Path, spans_key: str = "sc") -> None:
        self.folder = folder
        self.source = "model:spacy-slow@1"

    def predict(self, documents: Iterable[Document], *_: object, **__: object) -> Predicted:
        return Predicted([
            suggestion(d.id, d.text, d.text.index("محمد"), d.text.index("محمد") + 4, "PER", 1.0,
                       self.source)
            for d in documents
        ])  # fmt: skip


def test_a_spacy_pipeline_loads_in_the_background(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import annotator.learn.external as external

    gate = Gate()
    monkeypatch.setattr(external, "SpacyPipeline", gate.around(Pipeline))
    folder = tmp_path / "pipeline"
    folder.mkdir()
    (folder / "config.cfg").write_text("[nlp]\n", encoding="utf-8")
    choose(monkeypatch, folder / "config.cfg")
    project = window.session.project
    assert project is not None
    _, (outcome, payload) = run_held(qtbot, window, "import_suggestions", gate)
    assert outcome == "finished", payload
    assert sorted(s.source for s in project.suggestions(None)) == ["model:spacy-slow@1"] * 2


def test_a_bad_file_is_one_plain_message_and_stores_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import annotator.learn.external as external

    gate = held_gazetteer(monkeypatch)
    project = window.session.project
    assert project is not None
    messages: list[str] = []
    window.session.error.connect(messages.append)
    # a gazetteer with a bad second line: named file:line, shown as it is (no markup read)
    bad = tmp_path / "<b>bad.csv"
    bad.write_text("هولندا,GPE\nباريس\n", encoding="utf-8")
    choose(monkeypatch, bad)
    _, (outcome, payload) = run_held(qtbot, window, "gazetteer", gate)
    assert outcome == "failed" and isinstance(payload, str)
    assert messages == [payload] and f"{bad}:2" in payload
    assert f"{bad}:2" in window.statusBar().currentMessage()
    assert project.suggestion_counts() == {} or sum(project.suggestion_counts().values()) == 0
    # a pipeline that cannot load: one message, nothing stored
    messages.clear()

    def broken(folder: Path, spans_key: str = "sc") -> None:
        raise SpacyUnavailable(f"{folder}: spaCy cannot load it: <i>broken</i>")

    gate = Gate()
    monkeypatch.setattr(external, "SpacyPipeline", gate.around(broken))
    folder = tmp_path / "pipeline"
    folder.mkdir()
    (folder / "config.cfg").write_text("[nlp]\n", encoding="utf-8")
    choose(monkeypatch, folder / "config.cfg")
    _, (outcome, payload) = run_held(qtbot, window, "import_suggestions", gate)
    assert outcome == "failed" and messages == [payload] and "<i>broken</i>" in str(payload)
    assert project.suggestions(None) == []
    assert tools_of(window).job is None


def test_cancel_stores_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = held_gazetteer(monkeypatch)
    names = tmp_path / "names.csv"
    names.write_text("name,label\nهولندا,GPE\n", encoding="utf-8")
    choose(monkeypatch, names)
    project = window.session.project
    assert project is not None
    job = tools_of(window).import_gazetteer()
    assert job is not None
    # one job at a time: a second import waits for this one to end
    assert tools_of(window).gazetteer(names, None) is None
    qtbot.waitUntil(gate.entered.is_set, timeout=30_000)  # the file is being read
    with qtbot.waitSignal(job.done, timeout=30_000) as blocker:
        job.dialog.canceled.emit()  # the dialog's Cancel button
        gate.release.set()
    gate.check()
    assert blocker.args == ["cancelled", None]
    assert project.suggestions(None) == []
    assert "no suggestions were stored" in window.statusBar().currentMessage()

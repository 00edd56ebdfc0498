"""Suggesting for an opened document keeps the loaded model (``ui.suggestions.model_cache``):
the second document opened does not load the stored model again (nor build its names' index
again); a model trained again, a training undone (an older model the newest again) or another
project file is loaded afresh at once; a model altered since it was kept is refused as before;
two workers never predict with one model at the same time."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import hashlib
import shutil
import sqlite3  # white-box: a model altered in the file, its row's checksum made to match
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from annotator.commands.suggestions import NoModel, stored_model
from annotator.errors import message_of
from annotator.learn import Model, layer_examples
from annotator.learn.crf import ModelError
from annotator.learn.names import NameIndex
from annotator.project import Project
from tests.ui.test_qa_model_flow import make_window, small_project
from ui.suggestions import install, model_cache
from ui.suggestions.source import MODEL_KIND
from ui.suggestions.training import OrderWorker, Suggestions, SuggestWorker
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def train(path: Path, **params: Any) -> str:
    """Fit a model on the project's gold layer and store it; returns its version."""
    with Project.open(path) as p:
        model = Model.fit(layer_examples(p), params={"names": False, **params})
        p.save_model(MODEL_KIND, model.to_bytes(), model.summary())
    return model.version


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    path = small_project(tmp_path_factory.mktemp("m") / "p.annotator")
    return path, train(path)


@pytest.fixture
def project(trained: tuple[Path, str], tmp_path: Path) -> Iterator[tuple[Path, str]]:
    model_cache.forget()
    path = tmp_path / "p.annotator"
    shutil.copy(trained[0], path)
    yield path, trained[1]
    model_cache.forget()


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry for each ``Model.from_bytes`` call."""
    calls: list[int] = []
    real = Model.from_bytes.__func__  # type: ignore[attr-defined]

    def counted(cls: type[Model], data: bytes) -> Model:
        calls.append(len(data))
        return real(cls, data)  # type: ignore[no-any-return]

    monkeypatch.setattr(Model, "from_bytes", classmethod(counted))
    return calls


def new_docs(path: Path) -> list[int]:
    with Project.open(path, read_only=True) as p:
        return [d.id for d in p.documents() if d.name.startswith("new") or d.name == "seed"]


def suggest(path: Path, doc_id: int) -> Suggestions:
    return SuggestWorker(path, doc_id).work(lambda done, total: None, lambda: False)


def sources(path: Path, doc_id: int) -> set[str]:
    with Project.open(path, read_only=True) as p:
        return {s.source for s in p.suggestions(doc_id)}


def pending(path: Path, doc_id: int) -> list[tuple[int, int, str, float, str]]:
    with Project.open(path, read_only=True) as p:
        return sorted((s.start, s.end, s.label, s.score, s.source) for s in p.suggestions(doc_id))


def test_the_second_document_does_not_load_the_model_again(
    project: tuple[Path, str], loads: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, version = project
    built: list[int] = []
    real_init = NameIndex.__init__

    def counted_init(self: NameIndex, gazetteer: Any) -> None:
        built.append(len(gazetteer))
        real_init(self, gazetteer)

    monkeypatch.setattr(NameIndex, "__init__", counted_init)
    first, second, third = new_docs(path)[:3]
    suggest(path, first)
    assert len(loads) == 1 and len(built) == 1
    assert suggest(path, second).count > 0
    suggest(path, third)
    assert len(loads) == 1  # before: once for every document opened
    assert len(built) == 1
    assert sources(path, second) == {f"model:crf@{version}"}
    # the kept model suggests what a freshly loaded one does
    kept = pending(path, second)
    model_cache.forget()
    suggest(path, second)
    assert pending(path, second) == kept and len(loads) == 2


def test_a_model_trained_again_is_used_at_once_and_an_undone_one_too(
    project: tuple[Path, str], loads: list[int]
) -> None:
    path, version = project
    first, second, third, fourth = new_docs(path)[:4]
    suggest(path, first)
    suggest(path, second)
    assert len(loads) == 1
    newer = train(path, max_iterations=3)
    assert newer != version
    suggest(path, third)
    assert sources(path, third) == {f"model:crf@{newer}"} and len(loads) == 2
    # the newer model's row gone (a training undone): the older model is the stored one again
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM models WHERE id = (SELECT max(id) FROM models)")
    conn.close()
    suggest(path, fourth)
    assert sources(path, fourth) == {f"model:crf@{version}"} and len(loads) == 3


def test_another_project_never_gets_the_other_ones_model(
    project: tuple[Path, str], loads: list[int], tmp_path: Path
) -> None:
    path, version = project
    doc = new_docs(path)[0]
    suggest(path, doc)
    other = tmp_path / "other.annotator"
    shutil.copy(path, other)  # the same model's bytes, another file: loaded for it
    suggest(other, doc)
    assert len(loads) == 2
    newer = train(other, max_iterations=3)
    suggest(other, new_docs(other)[1])
    assert sources(other, new_docs(other)[1]) == {f"model:crf@{newer}"}
    suggest(path, new_docs(path)[1])
    assert sources(path, new_docs(path)[1]) == {f"model:crf@{version}"}
    # a project made again at the same path, with a model of its own
    path.unlink()
    shutil.copy(other, path)
    suggest(path, new_docs(path)[2])
    assert sources(path, new_docs(path)[2]) == {f"model:crf@{newer}"}
    # and one without a model says so
    fresh = small_project(tmp_path / "fresh.annotator")
    with pytest.raises(NoModel):
        suggest(fresh, new_docs(fresh)[0])


def test_a_model_altered_after_it_was_kept_is_refused_as_before(
    project: tuple[Path, str], loads: list[int]
) -> None:
    path, _ = project
    first, second = new_docs(path)[:2]
    suggest(path, first)
    with sqlite3.connect(path) as conn:
        (data,) = conn.execute("SELECT data FROM models").fetchone()
        altered = data[:-100] + bytes([data[-100] ^ 1]) + data[-99:]
        conn.execute(  # the row's checksum made to match: the model's own check must refuse it
            "UPDATE models SET data = ?, sha256 = ?", [altered, hashlib.sha256(altered).hexdigest()]
        )
    conn.close()
    with Project.open(path, read_only=True) as p, pytest.raises(ModelError) as expected:
        stored_model(p)
    with pytest.raises(ModelError) as refused:
        suggest(path, second)
    assert message_of(refused.value) == message_of(expected.value)
    assert "train it again" in str(message_of(refused.value))
    assert sources(path, second) == set()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "UPDATE models SET data = ?, sha256 = ?", [data, hashlib.sha256(data).hexdigest()]
        )
    conn.close()
    suggest(path, second)
    assert sources(path, second) != set()


def test_two_workers_never_predict_with_one_model_at_once(
    project: tuple[Path, str], loads: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = project
    docs = new_docs(path)
    inside = {"now": 0, "most": 0}
    counting = threading.Lock()
    real = Model.predict

    def slow(self: Model, *args: Any, **kwargs: Any) -> Any:
        with counting:
            inside["now"] += 1
            inside["most"] = max(inside["most"], inside["now"])
        time.sleep(0.05)  # crfsuite's tagger is not safe from two threads
        try:
            return real(self, *args, **kwargs)
        finally:
            with counting:
                inside["now"] -= 1

    monkeypatch.setattr(Model, "predict", slow)
    suggest(path, docs[0])
    errors: list[BaseException] = []

    def run(doc_id: int | None) -> None:
        try:
            if doc_id is None:
                OrderWorker(path).work(lambda done, total: None, lambda: False)
            else:
                suggest(path, doc_id)
        except BaseException as exc:  # reported by the test
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(d,)) for d in [*docs[1:4], None]]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert inside["most"] == 1
    assert len(loads) == 1
    assert all(sources(path, d) for d in docs[1:4])


@pytest.fixture
def window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, project: tuple[Path, str]
) -> Iterator[MainWindow]:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    w = make_window(qtbot, tmp_path, project[0])
    yield w
    w.session.close()


def test_opening_two_new_documents_in_the_window_loads_the_model_once(
    loads: list[int], window: MainWindow, qtbot: QtBot, project: tuple[Path, str]
) -> None:
    path, version = project
    panel = install(window).model_panel
    qtbot.waitUntil(lambda: panel.suggest_job is None, timeout=30_000)  # the first document's
    before = len(loads)  # 0 or 1: the document open at the start may have had suggestions
    for doc_id in new_docs(path)[:2]:
        with qtbot.waitSignal(
            panel.suggested, timeout=30_000, check_params_cb=lambda d, want=doc_id: d == want
        ):
            window.navigation.open_document(doc_id)
        assert sources(path, doc_id) == {f"model:crf@{version}"}
    assert len(loads) == 1 and before in (0, 1)

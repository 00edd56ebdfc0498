"""The stored model loaded before any document asks for it (``ModelPanel.preload``,
``training.PreloadWorker``, ``model_cache.preload``): opening a project whose stored model
reads sound keeps the model loaded (its names' index built, its weights read) on a pool
thread, without any document's suggestions being asked for and without the window's thread
importing a learning module; the first document opened then suggests with that very model
(no second load, no index built again). A project without a model, or with a damaged or
altered one, opens as before: no model kept, no dialog. A preload and a suggestion asked for
at the same time load the model once."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import hashlib
import shutil
import sqlite3  # white-box: a model altered in the file
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from annotator.learn import Model
from annotator.learn.corpus import suggestion
from annotator.learn.marginals import Weights
from annotator.learn.names import NameIndex
from annotator.project import Project
from tests.ui.test_model_panel import heavy_imports
from tests.ui.test_qa_model_flow import make_window, small_project
from tests.ui.test_suggest_open_cache import train
from ui.suggestions import install, model_cache
from ui.suggestions.model_panel import ModelPanel
from ui.suggestions.training import PreloadWorker, SuggestWorker

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A model with a bias against O (its first prediction reads the weights for marginals),
    fitted on the project's gold layer and stored; the project and the model's version."""
    path = small_project(tmp_path_factory.mktemp("m") / "p.annotator")
    return path, train(path, o_bias=1.0)


@pytest.fixture
def project(trained: tuple[Path, str], tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A copy of the trained project, nothing kept of any model before or after."""
    model_cache.forget()
    path = tmp_path / "p.annotator"
    shutil.copy(trained[0], path)
    yield path, trained[1]
    model_cache.forget()


@pytest.fixture
def counts(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How many times a model was loaded (``Model.from_bytes``), a names' index built and
    a model's weights read."""
    seen = {"loads": 0, "indexes": 0, "weights": 0}
    load, build, read = Model.from_bytes.__func__, NameIndex.__init__, Weights.read.__func__  # type: ignore[attr-defined]

    def counted_load(cls: type[Model], data: bytes) -> Model:
        seen["loads"] += 1
        return load(cls, data)  # type: ignore[no-any-return]

    def counted_build(self: NameIndex, gazetteer: Any) -> None:
        seen["indexes"] += 1
        build(self, gazetteer)

    def counted_read(cls: type[Weights], crf: bytes) -> Any:
        seen["weights"] += 1
        return read(cls, crf)

    monkeypatch.setattr(Model, "from_bytes", classmethod(counted_load))
    monkeypatch.setattr(NameIndex, "__init__", counted_build)
    monkeypatch.setattr(Weights, "read", classmethod(counted_read))
    return seen


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Suggestions for an opened document held back (``ModelPanel.suggest_for`` records the
    document and starts nothing) until ``asked["held"]`` is False."""
    state: dict[str, Any] = {"held": True, "docs": []}
    real = ModelPanel.suggest_for

    def suggest_for(self: ModelPanel, doc_id: int | None) -> SuggestWorker | None:
        if state["held"]:
            state["docs"].append(doc_id)
            return None
        return real(self, doc_id)

    monkeypatch.setattr(ModelPanel, "suggest_for", suggest_for)
    return state


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every message box asked for (none is shown)."""
    shown: list[str] = []
    for name in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(
            QMessageBox, name, lambda *a, _n=name, **k: shown.append(_n) or QMessageBox.Ok
        )
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    return shown


def no_dialog_shown() -> bool:
    return not [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()
    ]


def kept(path: Path) -> model_cache.KeptModel | None:
    return model_cache._kept.get(model_cache.file_key(path))


@pytest.fixture
def heavy() -> Iterator[set[tuple[str, str]]]:
    """The learning modules an import statement of this process asks for meanwhile, each
    with the thread that asked (``test_model_panel.heavy_imports``)."""
    with heavy_imports() as asked:
        yield asked


def threads(asked: set[tuple[str, str]]) -> set[str]:
    return {thread for _, thread in asked}


def new_docs(path: Path) -> list[int]:
    with Project.open(path, read_only=True) as p:
        return [d.id for d in p.documents() if d.name.startswith("new")]


def sources(path: Path, doc_id: int) -> set[str]:
    with Project.open(path, read_only=True) as p:
        return {s.source for s in p.suggestions(doc_id)}


def test_opening_a_project_keeps_its_model_loaded_before_a_document_asks(
    project: tuple[Path, str],
    counts: dict[str, int],
    asked: dict[str, Any],
    dialogs: list[str],
    heavy: set[tuple[str, str]],
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    path, version = project
    w = make_window(qtbot, tmp_path, path)
    try:
        panel = install(w).model_panel
        qtbot.waitUntil(
            lambda: kept(path) is not None and panel.preload_job is None, timeout=60_000
        )
        model = kept(path)
        assert model is not None and model.warm
        # loaded once, its index built and its weights read, all on a pool thread
        assert counts == {"loads": 1, "indexes": 1, "weights": 1}
        assert model.model._names is not None and model.model._weights_read is not None
        assert threading.main_thread().name not in threads(heavy)
        assert threads(heavy)  # (imported by the preload: the watch saw it)
        # no document's suggestions were asked for: the document open at the start was held
        assert asked["docs"] and sources(path, asked["docs"][0]) == set()
        # the first document opened suggests with that very model: nothing loaded or built
        asked["held"] = False
        doc = new_docs(path)[0]
        with qtbot.waitSignal(panel.suggested, timeout=30_000, check_params_cb=lambda d: d == doc):
            w.navigation.open_document(doc)
        assert sources(path, doc) == {f"model:crf@{version}"}
        assert counts == {"loads": 1, "indexes": 1, "weights": 1}
        assert kept(path) is model
        assert dialogs == [] and no_dialog_shown()
    finally:
        w.session.close()


def test_a_project_without_a_model_opens_as_before(
    counts: dict[str, int], dialogs: list[str], qtbot: QtBot, tmp_path: Path
) -> None:
    model_cache.forget()
    path = small_project(tmp_path / "p.annotator")
    w = make_window(qtbot, tmp_path, path)
    try:
        panel = install(w).model_panel
        assert panel.preload_job is None and panel.check_job is None
        qtbot.wait(300)
        assert kept(path) is None and counts["loads"] == 0
        assert panel.summary.text() and dialogs == [] and no_dialog_shown()
    finally:
        w.session.close()


def altered(path: Path, checksum: bool) -> None:
    """Flip a byte of the stored model; ``checksum``: its row's checksum made to match (only
    parsing the bytes finds it)."""
    with sqlite3.connect(path) as conn:
        (data,) = conn.execute("SELECT data FROM models").fetchone()
        new = data[:-100] + bytes([data[-100] ^ 1]) + data[-99:]
        sha = hashlib.sha256(new).hexdigest() if checksum else "0" * 64
        conn.execute("UPDATE models SET data = ?, sha256 = ?", [new, sha])
    conn.close()


@pytest.mark.parametrize("checksum", [True, False], ids=["checksum-matched", "row-damaged"])
def test_a_damaged_model_is_not_preloaded_and_no_dialog_comes_up(
    checksum: bool,
    project: tuple[Path, str],
    counts: dict[str, int],
    asked: dict[str, Any],
    dialogs: list[str],
    heavy: set[tuple[str, str]],
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    path, _ = project
    altered(path, checksum)
    w = make_window(qtbot, tmp_path, path)
    try:
        panel = install(w).model_panel
        qtbot.waitUntil(lambda: panel.check_job is None, timeout=60_000)
        qtbot.wait(200)
        assert panel.preload_job is None and kept(path) is None and counts["loads"] == 0
        assert heavy == set()  # nothing of the learning loaded in this process for it
        assert panel.summary.text().startswith("The stored model cannot be read (")
        assert dialogs == [] and no_dialog_shown()
    finally:
        w.session.close()


def test_preload_is_silent_without_a_model_and_with_a_refused_one(
    project: tuple[Path, str], tmp_path: Path
) -> None:
    path, _ = project
    fresh = small_project(tmp_path / "fresh.annotator")
    with Project.open(fresh, read_only=True) as p:
        assert model_cache.preload(p) is False
    assert kept(fresh) is None
    altered(path, checksum=True)
    with Project.open(path, read_only=True) as p:
        assert model_cache.preload(p) is False
    assert kept(path) is None


def test_no_preload_when_every_document_has_its_suggestions(
    project: tuple[Path, str], counts: dict[str, int]
) -> None:
    path, _ = project
    with Project.open(path) as p:
        p.add_suggestions(
            [
                suggestion(d.id, d.text, 0, 1, "GPE", 0.5, "test")
                for d in p.documents(with_text=True)
            ]
        )
    assert PreloadWorker(path).work(lambda done, total: None, lambda: False) is False
    assert kept(path) is None and counts["loads"] == 0


def test_a_preload_and_a_suggestion_at_once_load_the_model_once(
    project: tuple[Path, str], counts: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, version = project
    load = Model.from_bytes

    def slow(data: bytes) -> Model:
        time.sleep(0.3)  # the other worker arrives while this one loads
        return load(data)

    monkeypatch.setattr(Model, "from_bytes", slow)
    doc = new_docs(path)[0]
    errors: list[BaseException] = []

    def run(worker: PreloadWorker | SuggestWorker) -> None:
        try:
            worker.work(lambda done, total: None, lambda: False)
        except BaseException as exc:  # reported by the test
            errors.append(exc)

    threads = [
        threading.Thread(target=run, args=(PreloadWorker(path),)),
        threading.Thread(target=run, args=(SuggestWorker(path, doc),)),
    ]
    for t in threads:
        t.start()
        time.sleep(0.05)
    for t in threads:
        t.join(60)
    assert errors == [] and counts["loads"] == 1
    assert sources(path, doc) == {f"model:crf@{version}"}
    assert counts["indexes"] == 1  # built once, by whichever predicted first


def test_a_retrained_model_is_preloaded_though_every_document_shows_the_old_ones(
    project: tuple[Path, str], counts: dict[str, int]
) -> None:
    """Every document shows suggestions of an older model (a retraining since): each asks the
    stored model when opened (``suggest_for`` looks for its version), so the preload loads it
    (QA 18: it looked for any pending suggestion and loaded nothing)."""
    path, version = project
    older = "0" * 8 if version != "0" * 8 else "1" * 8
    with Project.open(path) as p:
        docs = p.documents(with_text=True)
        p.add_suggestions(
            [suggestion(d.id, d.text, 0, 1, "GPE", 0.5, f"model:crf@{older}") for d in docs]
        )
    assert PreloadWorker(path, version).work(lambda done, total: None, lambda: False) is True
    assert kept(path) is not None and counts["loads"] == 1


def test_no_preload_when_every_document_shows_the_stored_models_suggestions(
    project: tuple[Path, str], counts: dict[str, int]
) -> None:
    path, version = project
    with Project.open(path) as p:
        docs = p.documents(with_text=True)
        p.add_suggestions(
            [suggestion(d.id, d.text, 0, 1, "GPE", 0.5, f"model:crf@{version}") for d in docs]
        )
    assert PreloadWorker(path, version).work(lambda done, total: None, lambda: False) is False
    assert kept(path) is None and counts["loads"] == 0

"""QA 18, the model panel.

- Two event types (or two entity labels) given one display name (the schema allows it: an
  Arabic name is free text) showed two score rows nobody could tell apart, "هجوم (event
  type)" twice: those rows now show the type's (label's) id too, and only those.
- After a training in the window the new model is preloaded into the window's cache on a
  pool thread (``ModelPanel.preload``, as when a project opens): the next document opened
  finds it loaded.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import dataclasses
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from annotator.project import Project
from tests.core.test_learn_trigger_scores import MEET, TRANSPORT
from tests.ui.test_model_panel import heavy_imports
from tests.ui.test_model_panel_triggers import _project, rows
from tests.ui.test_qa_model_flow import make_window, small_project
from ui.i18n import isolate
from ui.suggestions import install, model_cache
from ui.suggestions.model_panel import ModelPanel

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

SHARED = "اجتماع"
"""the Arabic name both event types are given"""
PLACE = "مكان"
"""the Arabic name both entity labels (GPE and PER) are given"""


def _renamed(path: Path) -> Path:
    """The trained project's schema with MEET and TRANSPORT both named ``SHARED`` in Arabic,
    GPE and PER both ``PLACE`` (the model's stored scores unchanged)."""
    with Project.open(path) as p:
        s = p.schema
        events = tuple(
            dataclasses.replace(e, ar=SHARED) if e.name in (MEET, TRANSPORT) else e
            for e in s.events
        )
        entities = tuple(
            dataclasses.replace(e, ar=PLACE) if e.name in ("GPE", "PER") else e for e in s.entities
        )
        p.set_schema(dataclasses.replace(s, events=events, entities=entities))
    return path


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The trigger tests' corpus (entity labels GPE and PER, event types MEET and
    TRANSPORT), trained and stored, then its names made to collide."""
    return _renamed(_project(tmp_path_factory.mktemp("qa18") / "p.annotator", "all"))


@pytest.fixture
def panel(qtbot: QtBot, tmp_path: Path, trained: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    copy = tmp_path / "p.annotator"
    copy.write_bytes(trained.read_bytes())
    w = make_window(qtbot, tmp_path, copy)
    shown = install(w).model_panel
    # the stored model read and preloaded before the test (nothing left running after it)
    qtbot.waitUntil(lambda: bool(shown._checked) and shown.check_job is None, timeout=60_000)
    qtbot.waitUntil(lambda: shown.preload_job is None, timeout=60_000)
    yield shown
    w.session.close()


def test_event_types_and_labels_of_one_arabic_name_show_their_ids(
    panel: ModelPanel, arabic: QApplication, qtbot: QtBot
) -> None:
    panel.load()  # (in Arabic now)
    labels = [r[0] for r in rows(panel)]
    assert len(labels) == len(set(labels)), labels  # every row told apart
    for event_type in (MEET, TRANSPORT):
        name = panel.tr("{0} (event type {1})").format(isolate(SHARED), isolate(event_type))
        assert name in labels
        assert event_type in name and name != panel.tr("{0} (event type)").format(SHARED)
    for label in ("GPE", "PER"):
        assert panel.tr("{0} ({1})").format(isolate(PLACE), isolate(label)) in labels
    panel.resize(560, 420)
    os.makedirs("/tmp/h2", exist_ok=True)
    panel.grab().save("/tmp/h2/model_panel_ar.png")


def test_names_that_differ_show_no_id(panel: ModelPanel) -> None:
    """In English each row shows the type's own name, which no other shares: no id added."""
    labels = [r[0] for r in rows(panel)]
    assert panel.tr("{0} (event type)").format(isolate(TRANSPORT)) in labels
    assert panel.tr("{0} (event type)").format(isolate(MEET)) in labels
    assert "GPE" in labels and "PER" in labels
    assert len(labels) == len(set(labels))


def test_only_the_sharing_rows_show_their_ids(panel: ModelPanel, arabic: QApplication) -> None:
    """One event type of the two given back a name of its own: neither row shows an id."""
    project = panel.session.project
    assert project is not None
    s = project.schema
    events = tuple(dataclasses.replace(e, ar="لقاء") if e.name == MEET else e for e in s.events)
    project.set_schema(dataclasses.replace(s, events=events))
    panel.load()
    labels = [r[0] for r in rows(panel)]
    assert panel.tr("{0} (event type)").format(isolate(SHARED)) in labels
    assert panel.tr("{0} (event type)").format(isolate("لقاء")) in labels
    for event_type, name in ((MEET, "لقاء"), (TRANSPORT, SHARED)):
        with_id = panel.tr("{0} (event type {1})").format(isolate(name), isolate(event_type))
        assert with_id not in labels
    # the labels still sharing theirs still show their ids
    assert panel.tr("{0} ({1})").format(isolate(PLACE), isolate("PER")) in labels


# -- the new model preloaded after a training ----------------------------------------------


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    model_cache.forget()
    w = make_window(qtbot, tmp_path, small_project(tmp_path / "p.annotator"))
    yield w
    w.session.close()
    model_cache.forget()


def test_a_model_trained_in_the_window_is_preloaded(window: Any, qtbot: QtBot) -> None:
    """The training runs in a child process; once its model arrives, the panel preloads it
    on a pool thread (the window's thread imports no learning module), so that the next
    document opened finds it kept, warm, loaded from the very bytes stored."""
    panel = install(window).model_panel
    assert panel.isolated and panel.manifest is None
    path = window.session.path
    assert model_cache._kept.get(model_cache.file_key(path)) is None
    with heavy_imports() as imported:
        job = panel.train(layer="gold")
        assert job is not None
        with qtbot.waitSignal(job.done, timeout=180_000) as blocker:
            pass
        assert blocker.args is not None and blocker.args[0] == "finished", blocker.args
        qtbot.waitUntil(lambda: panel.preload_job is None, timeout=60_000)
    kept = model_cache._kept.get(model_cache.file_key(path))
    assert kept is not None and kept.warm
    project = window.session.project
    found = project.latest_model("ner")
    assert found is not None and kept.data == found[0]  # the new model's very bytes
    assert threading.main_thread().name not in {thread for _, thread in imported}

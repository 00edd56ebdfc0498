"""A hand-edited ``models.manifest`` column (QA round 13): the row's summary is not covered by
the bytes' checksum, and ``latest_model`` only checks that it is a JSON object. With
``"trained": ["a"]`` (or a list as ``crf_sha256``) the model panel raised ``TypeError:
unhashable type: 'list'`` from its model key while loading and then said "No model yet",
although the command line reads the same model. The panel now never raises on any manifest:
a field of another kind than training writes shows the model as damaged ("cannot be read ...
Train it again"), as a damaged model's bytes do, with Train on."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import dataclasses
import json
import sqlite3  # white-box: the damage is written into the file's models table directly
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from annotator.commands.suggestions import train_and_store
from annotator.project import Project
from annotator.schema import Label
from tests.ui.test_qa_model_flow import NAMES, TEXT, make_window, small_project
from ui.suggestions import install
from ui.suggestions.model_panel import ModelPanel, curve_points, manifest_damaged
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = small_project(tmp_path_factory.mktemp("m") / "p.annotator")
    with Project.open(path) as p:
        train_and_store(p, eval_split=0.0)
    return path


def stored_manifest(path: Path) -> dict[str, Any]:
    with sqlite3.connect(path) as conn:
        (text,) = conn.execute("SELECT manifest FROM models").fetchone()
    conn.close()
    manifest = json.loads(text)
    assert isinstance(manifest, dict)
    return manifest


def edited(trained: Path, folder: Path, manifest: str) -> Path:
    path = folder / "e.annotator"
    path.write_bytes(trained.read_bytes())
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE models SET manifest = ?", [manifest])
    conn.close()
    return path


WRONG_KINDS: dict[str, Any] = {
    "trained a list": {"trained": ["a"]},
    "crf_sha256 a list": {"crf_sha256": ["a"]},
    "version an object": {"version": {"a": 1}},
    "layer a number": {"layer": 3},
    "documents text": {"documents": "many"},
    "mentions infinite": {"mentions": float("inf")},
    "labels not text": {"labels": [1, 2]},
    "scores a list": {"scores": [1]},
}


@pytest.fixture
def open_edited(
    qtbot: QtBot, tmp_path: Path, trained: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Any]:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    windows: list[MainWindow] = []

    def open_with(manifest: str) -> ModelPanel:
        w = make_window(qtbot, tmp_path, edited(trained, tmp_path, manifest))
        windows.append(w)
        return install(w).model_panel

    yield open_with
    for w in windows:
        w.session.close()


@pytest.mark.parametrize("how", list(WRONG_KINDS))
def test_a_manifest_field_of_the_wrong_kind_shows_a_damaged_model(
    open_edited: Any, trained: Path, how: str
) -> None:
    manifest = {**stored_manifest(trained), **WRONG_KINDS[how]}
    assert manifest_damaged(manifest)
    panel = open_edited(json.dumps(manifest))  # (installing loads the panel: it raised)
    panel.load()
    # the store refuses it first (2c1bb12: one rule for latest_model, check and the panel)
    text = panel.summary.text()
    assert text.startswith("The stored model cannot be read (") and text.endswith("Train it again.")
    assert "its manifest is damaged" in text
    assert panel.manifest is None and panel.train_button.isEnabled()


def test_the_qa_manifest_is_shown_as_damaged(open_edited: Any) -> None:
    """/tmp/qa13/model/manifest_column.sh's manifest: a layer and a list as the date."""
    panel = open_edited('{"layer": "gold", "trained": ["a"]}')
    panel.load()
    assert "its manifest is damaged" in panel.summary.text()


def test_a_sound_manifest_is_not_damaged(trained: Path, open_edited: Any) -> None:
    manifest = stored_manifest(trained)
    assert not manifest_damaged(manifest)
    panel = open_edited(json.dumps(manifest))
    panel.load()
    assert panel.summary.text().startswith("Learnt from layer")


@pytest.mark.parametrize(
    "manifest",
    [
        "{}",
        '{"trained": "0001-01-01T00:00:00+14:00", "layer": "gold"}',
        '{"trained": "not a date", "layer": "gold", "documents": 1e999}',
        '{"scores": {"curve": [[1e999, 0.5], [NaN, NaN], [2, NaN], "x"], "model": []}}',
        '{"scores": {"model": {"micro": [], "per_label": {"GPE": [1], "LOC": {"f1": "x"}}}}}',
        '{"unknown": [[[]]], "crf_sha256": "", "version": ""}',
    ],
)
def test_the_panel_never_raises_on_a_manifest(open_edited: Any, manifest: str) -> None:
    panel = open_edited(manifest)
    panel.load()
    assert panel.summary.text()
    assert panel.train_button.isEnabled()
    assert panel._trained() is None or isinstance(panel._trained(), tuple)
    assert isinstance(curve_points(json.loads(manifest)), list)


# -- what storing a finished training's suggestions left out (QA round 13) -----------------
@pytest.fixture
def label_dropped(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    """A project whose gold layer holds CITY spans and whose schema no longer has CITY (the
    schema dropped it after the annotation)."""
    path = tmp_path / "dropped.annotator"
    with Project.create(path) as p:
        schema = p.schema
        p.set_schema(dataclasses.replace(schema, entities=(*schema.entities, Label("CITY"))))
        paragraphs = [x for x in TEXT.split("\n") if x.strip()]
        for i in range(4):
            text = "\n".join(paragraphs[i::4])
            doc = p.add_document(text, name=f"part {i}")
            for name in NAMES:
                start = text.find(name)
                while start >= 0:
                    p.add_span(doc.id, start, start + len(name), "CITY", "gold")
                    start = text.find(name, start + len(name) + 1)
        p.add_document(TEXT, name="seed")
        p.set_schema(schema)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    w = make_window(qtbot, tmp_path, path)
    yield w
    w.session.close()


def test_a_finished_training_says_what_it_left_out(label_dropped: MainWindow, qtbot: QtBot) -> None:
    """``store_suggested`` leaves out the predictions of a label the schema lacks and says so
    (``StoredSuggested.lines``); the panel's status line said only "Model saved; N suggestions
    made.". It now gives the lines too, as core messages in the interface language."""
    panel = install(label_dropped).model_panel
    panel.active.setChecked(True)  # suggest in every document: GPE is predicted somewhere
    job = panel.train(layer="gold")
    assert job is not None
    qtbot.waitUntil(lambda: panel.job is None, timeout=180_000)
    made, *left_out = panel.status.text().split("\n")
    assert made.startswith("Model saved; ") and made.endswith(" suggestions made.")
    assert len(left_out) == 1
    assert left_out[0].endswith(
        "of the model's suggestions not stored: the project's schema has no label CITY "
        "(train the model again to learn the schema's labels)"
    )


def test_the_left_out_lines_are_core_messages_shown_translated(
    open_edited: Any, trained: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.errors import Message
    from ui.suggestions import model_panel
    from ui.suggestions.training import Suggestions, TrainOutcome

    shown: list[object] = []

    def core_text(message: object, schema: object = None) -> str:
        shown.append(message)
        return f"<{message}>"

    monkeypatch.setattr(model_panel, "core_text", core_text)
    monkeypatch.setattr(model_panel, "core_lines", lambda ms: "\n".join(map(core_text, ms)))
    panel = open_edited(json.dumps(stored_manifest(trained)))
    line = Message("{n} left out {labels}", n=2, labels="GPE")
    panel._job_path = panel.session.path
    panel._done("finished", TrainOutcome(stored_manifest(trained), 5, stored=[line]))
    assert panel.status.text() == "Model saved; 5 suggestions made.\n<2 left out GPE>"
    assert shown == [line]
    panel._suggested(Suggestions(1, 0, [line]))
    assert panel.status.text() == "<2 left out GPE>"

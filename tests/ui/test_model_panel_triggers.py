"""The model panel's per-label scores show the trigger output's held-out scores (QA 16: a
layer with events got trigger suggestions, but the panel showed no trigger rows).

Below the entity labels' rows, one row per event type, marked as an event type, and their own
"all event types" row (the labels' "all (micro)" row is not changed by them), each figure the
stored summary's ``scores["triggers"]``; no events: no such row; too few events for a
held-out score: one row saying so, no zeros; a tampered trigger score in the stored summary:
the model is shown as damaged, as any other field of the wrong kind.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

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
from tests.core.test_learn import add_synthetic_gold
from tests.core.test_learn_trigger_scores import (
    MEET,
    TRANSPORT,
    add_events,
    held_out_names,
    words,
)
from tests.core.test_model_manifest_types import stored_manifest as stored_summary
from tests.ui.test_qa_model_flow import make_window
from ui.i18n import isolate
from ui.suggestions import install
from ui.suggestions.controller import label_name
from ui.suggestions.model_panel import ModelPanel, manifest_damaged

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _project(path: Path, events: str) -> Path:
    """The learning tests' corpus, trained and stored; ``events``: "all" (``add_events``),
    "training" (events in the training documents only: too few for a held-out score) or
    "none"."""
    with Project.create(path) as p:
        p.set_schema(p.schema.with_labels_added([MEET], kind="event"))
        add_synthetic_gold(p)
        held = held_out_names(p)
        if events == "all":
            wide = next(
                d.name for d in p.iter_documents() if d.name in held and words(d.text, "اجتمع")
            )
            add_events(p, held, wide)
        elif events == "training":
            for doc in p.iter_documents():
                if doc.name not in held:
                    for s in words(doc.text, "وصل"):
                        p.add_event(p.add_span(doc.id, s, s + 3, TRANSPORT, "gold").uuid)
        train_and_store(p, eval_split=0.2, seed=1)
    return path


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("trig")
    return {
        kind: _project(folder / f"{kind}.annotator", kind) for kind in ("all", "training", "none")
    }


@pytest.fixture
def open_panel(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    windows: list[Any] = []

    def open_with(path: Path) -> ModelPanel:
        copy = tmp_path / f"{len(windows)}-{path.name}"
        copy.write_bytes(path.read_bytes())
        w = make_window(qtbot, tmp_path, copy)
        windows.append(w)
        panel = install(w).model_panel
        panel.load()
        return panel

    yield open_with
    for w in windows:
        w.session.close()


def rows(panel: ModelPanel) -> list[list[str]]:
    table = panel.table
    return [
        [table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def figures(row: dict[str, Any]) -> list[str]:
    cells = [f"{row[k]:.3f}" for k in ("precision", "recall", "f1")]
    return [*cells, str(int(row["support"])), ""]  # no baseline for triggers


def test_the_panel_shows_each_event_types_held_out_scores_apart(
    projects: dict[str, Path], open_panel: Any
) -> None:
    panel = open_panel(projects["all"])
    summary = stored_summary(projects["all"])
    triggers = summary["scores"]["triggers"]
    shown = rows(panel)
    labels = [r[0] for r in shown]
    project = panel.session.project
    for event_type, row in triggers["per_label"].items():
        name = panel.tr("{0} (event type)").format(isolate(label_name(project, event_type)))
        assert name in labels
        assert shown[labels.index(name)][1:] == figures(row)
    assert set(triggers["per_label"]) == {TRANSPORT, MEET}
    overall = shown[labels.index(panel.tr("all event types"))]
    assert overall[1:] == figures(triggers["micro"])
    # the entity labels' rows first, their micro row the entity labels' alone
    micro = summary["scores"]["model"]["micro"]
    assert shown[0][0] == panel.tr("all (micro)") and shown[0][1:4] == figures(micro)[:3]
    entity_rows = len(summary["scores"]["model"]["per_label"]) + 1
    assert all("event" not in label for label in labels[:entity_rows])
    assert len(shown) == entity_rows + len(triggers["per_label"]) + 1


def test_no_events_no_trigger_rows(projects: dict[str, Path], open_panel: Any) -> None:
    assert "triggers" not in stored_summary(projects["none"])["scores"]
    panel = open_panel(projects["none"])
    labels = [r[0] for r in rows(panel)]
    assert labels and not any("event" in label.lower() for label in labels)


def test_too_few_events_are_said_not_shown_as_zeros(
    projects: dict[str, Path], open_panel: Any
) -> None:
    triggers = stored_summary(projects["training"])["scores"]["triggers"]
    assert triggers["held_out"] == 0 and triggers["per_label"] == {}
    panel = open_panel(projects["training"])
    shown = rows(panel)
    said = [r for r in shown if r[0] == panel.tr("Event triggers: too few to score")]
    assert len(said) == 1 and said[0][1:] == [""] * 5  # no figures, no zeros
    tip = panel.table.item(shown.index(said[0]), 0).toolTip()
    assert str(triggers["events"]) in tip


@pytest.mark.parametrize(
    "change",
    [
        lambda t: t["per_label"][TRANSPORT].update(f1=3),
        lambda t: t.update(held_out=-1),
        lambda t: t["micro"].update(support="many"),
        lambda t: t.update(per_label=[1]),
    ],
)
def test_a_tampered_trigger_score_shows_the_model_damaged(
    projects: dict[str, Path], open_panel: Any, tmp_path: Path, change: Any
) -> None:
    summary = stored_summary(projects["all"])
    assert not manifest_damaged(summary)
    change(summary["scores"]["triggers"])
    assert manifest_damaged(summary)
    path = tmp_path / "tampered.annotator"
    path.write_bytes(projects["all"].read_bytes())
    conn = sqlite3.connect(path)
    try:
        conn.execute("UPDATE models SET manifest = ?", [json.dumps(summary)])
        conn.commit()
    finally:
        conn.close()
    panel = open_panel(path)
    text = panel.summary.text()
    assert text.startswith("The stored model cannot be read (") and text.endswith("Train it again.")
    assert panel.manifest is None and panel.table.rowCount() == 0

"""The events panel's "Remove event" and the window's relabel (QA8, undo):

- removing an event left its trigger span labelled with the event type and triggering
  nothing (``check``: no-event); now the trigger goes with it when no other event uses it,
  one undo step bringing both back;
- relabelling a span that fills a role (or ends a relation) as a label the role (the
  relation type) does not accept went through; now it is refused like adding that argument,
  the message naming the role, shown in the status bar, nothing written. A trigger relabelled
  as an entity whose removal is refused anyway is not asked about first."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from annotator.project import Project
from annotator.schema import Role
from annotator.schema.edit import with_label
from tests.ui.conftest import open_window
from ui.workbench import event_wiring
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TEXT = "قال جان إيف لودريان إن الاجتماع سيعقد في باريس."
ME = "amal"
SHOTS = Path(os.environ.get("SHOTS", "/tmp"))


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[MainWindow, dict[str, str]]]:
    """A window on a layer where الاجتماع triggers Contact.Meet (Entity لودريان, Place
    باريس) and لودريان PHYS باريس; the trigger span selected."""
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="d")
        per = p.add_span(doc.id, *at("جان إيف لودريان"), "PER", ME)
        gpe = p.add_span(doc.id, *at("باريس"), "GPE", ME)
        trigger = p.add_span(doc.id, *at("الاجتماع"), "Contact.Meet", ME)
        event = p.add_event(trigger.uuid)
        p.add_argument(event.uuid, "Entity", per.uuid)
        p.add_argument(event.uuid, "Place", gpe.uuid)
        p.add_relation("PHYS", per.uuid, gpe.uuid)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    w = open_window(qtbot, tmp_path, path)
    w.selection.select_written(trigger.uuid)
    ids = {"per": per.uuid, "gpe": gpe.uuid, "trigger": trigger.uuid, "event": event.uuid}
    yield w, ids
    w.session.close()


def _state(w: MainWindow) -> dict[str, list[Any]]:
    p = w.session.project
    assert p is not None
    return {
        k: sorted(map(repr, p.versions(k))) for k in ("spans", "events", "arguments", "relations")
    }


def _content(w: MainWindow) -> tuple[Any, ...]:
    """The live records, clock stamps aside."""
    p = w.session.project
    assert p is not None
    return (
        sorted((s.uuid, s.label, s.start, s.end) for s in p.spans(None, ME)),
        sorted((e.uuid, e.type, e.trigger) for e in p.events(None, ME)),
        sorted((a.uuid, a.role, a.target) for e in p.events(None, ME) for a in p.arguments(e.uuid)),
        sorted((r.uuid, r.type, r.source, r.target) for r in p.relations(None, ME)),
    )


def _problems(w: MainWindow) -> list[str]:
    return [f.issue.kind for f in w.event_tools.validation.check()]


def test_remove_event_removes_its_trigger_one_undo_step(
    window: tuple[MainWindow, dict[str, str]],
) -> None:
    w, ids = window
    p = w.session.project
    assert p is not None
    start = _content(w)
    steps = w.session.undo_stack.count()
    w.event_tools.remove("event", ids["event"])
    assert p.events(None, ME) == []
    assert p.find(ids["trigger"]) is None
    assert sorted(s.uuid for s in p.spans(None, ME)) == sorted([ids["per"], ids["gpe"]])
    assert _problems(w) == []
    assert w.session.undo_stack.count() == steps + 1
    w.grab().save(str(SHOTS / "event_remove_trigger.png"))
    w.actions_by_name["undo"].trigger()
    assert _content(w) == start
    assert p.span(ids["trigger"]).label == "Contact.Meet"
    assert _problems(w) == []


def test_relabel_of_a_filler_the_role_refuses_is_refused_and_said(
    window: tuple[MainWindow, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    w, ids = window
    said: list[str] = []
    w.session.error.connect(said.append)
    monkeypatch.setattr(event_wiring, "ask_choice", lambda *a: pytest.fail("asked"))
    before = _state(w)
    steps = w.session.undo_stack.count()
    assert w.event_tools.relabel(ids["gpe"], "WEA") is False
    assert len(said) == 1 and "Place" in said[0] and "WEA" in said[0], said
    assert said[0] in w.statusBar().currentMessage()
    assert w.event_tools.relabel(ids["per"], "WEA") is False  # Entity, and PHYS
    assert "Entity" in said[1], said
    assert _state(w) == before
    assert w.session.undo_stack.count() == steps
    assert _problems(w) == []


def test_relabel_of_a_trigger_whose_span_is_refused_anyway_asks_nothing(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """الاجتماع triggers Contact.Meet and fills a Cause role (accepting Contact.Meet) of an
    attack: relabelled as WEA (no event type) it would be asked about removing its event, but
    the role refuses WEA anyway: said, not asked, nothing written."""
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        attack_type = p.schema.event("Conflict.Attack")
        assert attack_type is not None
        cause = Role("Cause", ("Contact.Meet",), "*")
        p.set_schema(
            with_label(
                p.schema, dataclasses.replace(attack_type, roles=(*attack_type.roles, cause))
            )
        )
        doc = p.add_document(TEXT, name="d")
        trigger = p.add_span(doc.id, *at("الاجتماع"), "Contact.Meet", ME)
        p.add_event(trigger.uuid)
        attack = p.add_span(doc.id, *at("سيعقد"), "Conflict.Attack", ME)
        p.add_argument(p.add_event(attack.uuid).uuid, "Cause", trigger.uuid)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    w = open_window(qtbot, tmp_path, path)
    try:
        said: list[str] = []
        w.session.error.connect(said.append)
        monkeypatch.setattr(event_wiring, "ask_choice", lambda *a: pytest.fail("asked"))
        before = _state(w)
        assert w.event_tools.relabel(trigger.uuid, "WEA") is False
        assert len(said) == 1 and "Cause" in said[0] and "WEA" in said[0], said
        assert _state(w) == before
        assert _problems(w) == []
    finally:
        w.session.close()

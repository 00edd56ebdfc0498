"""The question before a trigger is relabelled as no event type counts what the step removes
(QA events round 6): relabelling الهجوم (Conflict.Attack, no arguments of its own, filling the
Cause of the Contact.Meet on الاجتماع) as PER asked "... a Conflict.Attack event with
arguments: 0 ... removes the event and its arguments" while the step also deleted the meeting's
Cause argument; a span triggering two events was asked about as "a ... event".

Now ``EventTools.relabel`` and ``ask_relabel_triggers`` count the events, their own arguments
and the arguments of other events that they fill (what ``commands.relabel`` with
``remove_events`` deletes), and say "events" when there are several. The question with no
other event's argument keeps its wording."""

from __future__ import annotations

import dataclasses
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

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
from ui.search.tools import SearchTools
from ui.workbench import event_wiring
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TEXT = "قال جان إيف لودريان إن الاجتماع سيعقد في باريس بعد الهجوم."
ME = "amal"


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Iterator[tuple[MainWindow, dict[str, str]]]:
    """Contact.Meet on الاجتماع (Entity لودريان, Cause: the attack), Conflict.Attack on
    الهجوم (no arguments; two of them when the test asks for ``window`` with 2): ids by
    name."""
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        meet = p.schema.event("Contact.Meet")
        assert meet is not None
        cause = Role("Cause", ("<EVENT>",), "*")
        p.set_schema(with_label(p.schema, dataclasses.replace(meet, roles=(*meet.roles, cause))))
        doc = p.add_document(TEXT, name="d")
        per = p.add_span(doc.id, *at("جان إيف لودريان"), "PER", ME)
        trigger = p.add_span(doc.id, *at("الاجتماع"), "Contact.Meet", ME)
        attack = p.add_span(doc.id, *at("الهجوم"), "Conflict.Attack", ME)
        meeting = p.add_event(trigger.uuid)
        event = p.add_event(attack.uuid)
        p.add_argument(meeting.uuid, "Entity", per.uuid)
        p.add_argument(meeting.uuid, "Cause", event.uuid)
        for _ in range(getattr(request, "param", 1) - 1):
            p.add_event(attack.uuid)
        ids = {"attack": attack.uuid, "trigger": trigger.uuid, "event": event.uuid}
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    w = open_window(qtbot, tmp_path, path)
    yield w, ids
    w.session.close()


def _asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The questions asked, each followed by its buttons' texts; each is cancelled."""
    asked: list[str] = []

    def ask(parent: Any, title: str, text: str, choices: Any) -> str:
        asked.append(text + "\n" + " | ".join(label for _, label in choices))
        return ""

    monkeypatch.setattr(event_wiring, "ask_choice", ask)
    return asked


def test_the_question_counts_the_arguments_the_event_fills(
    window: tuple[MainWindow, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    w, ids = window
    asked = _asked(monkeypatch)
    w.selection.select_written(ids["attack"])
    assert not w.event_tools.relabel(ids["attack"], "PER")
    assert len(asked) == 1
    assert "triggers a ⁨Conflict.Attack⁩ event." in asked[0], asked[0]
    assert "removes the event and 1 arguments (0 of its own, 1 of other events" in asked[0]
    assert "arguments: 0" not in asked[0]


def test_a_plain_trigger_is_asked_in_the_old_words(
    window: tuple[MainWindow, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    w, ids = window
    asked = _asked(monkeypatch)
    w.selection.select_written(ids["trigger"])
    assert not w.event_tools.relabel(ids["trigger"], "GPE")
    assert "a ⁨Contact.Meet⁩ event with arguments: 2. Relabelling it as" in asked[0], asked[0]
    assert "removes the event and its arguments. Continue?" in asked[0]


@pytest.mark.parametrize("window", [2], indirect=True)
def test_a_span_triggering_two_events_says_events(
    window: tuple[MainWindow, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    w, ids = window
    asked = _asked(monkeypatch)
    w.selection.select_written(ids["attack"])
    assert not w.event_tools.relabel(ids["attack"], "PER")
    assert "triggers 2 events (⁨Conflict.Attack⁩)." in asked[0], asked[0]
    assert "removes those events and 1 arguments (0 of their own, 1 of other events" in asked[0]
    assert asked[0].endswith("\nRelabel and remove the events")


def test_relabel_all_counts_the_arguments_the_events_fill(
    window: tuple[MainWindow, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    w, _ids = window
    tools = getattr(w, "search_tools", None)
    assert isinstance(tools, SearchTools)
    w.actions_by_name["entity_list"].trigger()
    tools.refresh_entities()
    asked = _asked(monkeypatch)
    attacks = next(g for g in tools.entities.model.groups if g.label == "Conflict.Attack")
    assert not tools.relabel_group(attacks, "PER")
    assert "1 of the 1 mentions of" in asked[0] and "trigger 1 events" in asked[0], asked[0]
    assert "removes those events and 1 arguments (0 of their own, 1 of other events" in asked[0]
    # the meeting's own arguments are its own; the attack's Cause link is not counted twice
    meetings = next(g for g in tools.entities.model.groups if g.label == "Contact.Meet")
    assert not tools.relabel_group(meetings, "GPE")
    assert "with 2 arguments. Relabelling all as" in asked[1], asked[1]

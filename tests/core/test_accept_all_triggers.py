""" "Accept all agreements" copied a trigger span both annotators agree on into gold even when
their events on it differ: gold then held a trigger without an event (``check``: no-event).
Such a span now waits, like the events and relations waiting for a span, until its event is
agreed or accepted; accept-all never leaves gold failing ``check``, and is one undo step
restoring every record exactly."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.commands.review import AcceptAllAgreements, AcceptIntoGold
from annotator.errors import ValidationError
from annotator.model import GOLD
from annotator.project import Project
from annotator.validation import check_project
from tests.core.stored import state

TEXT = "قال جان إيف لودريان إن الهجوم على باريس وقع أمس بسكين وإن الاجتماع سيعقد غدا."
A, B = "amal", "badr"


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project.create(tmp_path / "p.annotator") as p:
        p.add_document(TEXT, name="d")
        yield p


def problems(p: Project) -> list[str]:
    return [f"[{i.annotator}] {i.kind}: {i.message}" for i in check_project(p)]


def attack(p: Project, who: str, place: bool) -> str:
    """An attack on الهجوم (with Paris as its Place when ``place``); Paris as GPE. The event."""
    trigger = p.add_span(1, *at("الهجوم"), "Conflict.Attack", who)
    event = p.add_event(trigger.uuid)
    paris = p.add_span(1, *at("باريس"), "GPE", who)
    if place:
        p.add_argument(event.uuid, "Place", paris.uuid)
    return event.uuid


def gold_labels(p: Project) -> list[str]:
    return sorted(str(s.label) for s in p.spans(doc_id=1, annotator=GOLD))


def test_a_trigger_whose_events_differ_waits_for_its_event(project: Project) -> None:
    event_a = attack(project, A, place=True)
    attack(project, B, place=False)
    assert problems(project) == []
    before = state(project, live=True)
    command = AcceptAllAgreements(1, [A, B])
    command.do(project)
    assert problems(project) == []
    assert gold_labels(project) == ["GPE"]  # Paris; the trigger waits
    after = state(project)
    command.undo(project)  # one step
    assert state(project, live=True) == before
    assert problems(project) == []
    command.do(project)
    assert state(project) == after
    # accepting one version of the event brings its trigger; nothing left to wait for
    AcceptIntoGold([event_a]).do(project)
    assert problems(project) == []
    assert gold_labels(project) == ["Conflict.Attack", "GPE"]


def test_a_trigger_on_which_the_events_agree_comes_with_its_event(project: Project) -> None:
    attack(project, A, place=True)
    attack(project, B, place=True)
    AcceptAllAgreements(1, [A, B]).do(project)
    assert problems(project) == []
    assert gold_labels(project) == ["Conflict.Attack", "GPE"]
    assert len(project.events(1, GOLD)) == 1


def test_an_agreed_span_only_a_waiting_trigger_fills_waits_too(project: Project) -> None:
    """A relation whose end is a waiting trigger span waits with it."""
    schema = project.schema
    phys = dataclasses.replace(schema.relations[0], arg2=("Conflict.Attack",))
    project.set_schema(dataclasses.replace(schema, relations=(phys, *schema.relations[1:])))
    for who, place in ((A, True), (B, False)):
        attack(project, who, place)
        per = project.add_span(1, *at("جان إيف لودريان"), "PER", who)
        trigger = next(s for s in project.spans(doc_id=1, annotator=who) if s.text == "الهجوم")
        project.add_relation("PHYS", per.uuid, trigger.uuid)
    assert problems(project) == []
    command = AcceptAllAgreements(1, [A, B])
    command.do(project)
    assert problems(project) == []
    assert project.relations(1, GOLD) == []


def test_only_waiting_triggers_says_why_nothing_is_accepted(project: Project) -> None:
    for who, place in ((A, True), (B, False)):
        trigger = project.add_span(1, *at("الهجوم"), "Conflict.Attack", who)
        event = project.add_event(trigger.uuid)
        if place:
            paris = project.add_span(1, *at("باريس"), "GPE", who)
            project.add_argument(event.uuid, "Place", paris.uuid)
    before = state(project)
    with pytest.raises(ValidationError) as refused:
        AcceptAllAgreements(1, [A, B]).do(project)
    assert "trigger" in str(refused.value)
    assert state(project) == before

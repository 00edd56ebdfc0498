"""Accepting a trigger span into gold brings its event (with its arguments and the spans they
need): gold never holds a trigger without its event. The review's span item and its event
item give the same gold, in one undo step that restores gold exactly."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from annotator.commands.review import AcceptIntoGold
from annotator.errors import ValidationError
from annotator.model import GOLD, Event, Span
from annotator.project import Project
from annotator.review import Kind, compare
from annotator.validation import check_project

TEXT = "اعتقل محمد علي ببغداد. وقالت الشرطة إن الهجوم وقع في بغداد."


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project.create(tmp_path / "p.annotator") as p:
        doc = p.add_document(TEXT, name="d")
        per = p.add_span(doc.id, *at("محمد علي"), "PER", "amal")
        trg = p.add_span(doc.id, *at("اعتقل"), "Justice.Arrest-Jail", "amal")
        ev = p.add_event(trg.uuid)
        p.add_argument(ev.uuid, "Person", per.uuid)
        p.add_span(doc.id, *at("محمد علي"), "PER", "basma")  # basma: no event
        yield p


def gold(project: Project) -> Any:
    layer = project.layer(project.documents()[0].id, GOLD)

    def plain(records: Any) -> list[Any]:
        return sorted(
            (dataclasses.replace(r, uuid="", clock="") for r in records if not r.deleted),
            key=repr,
        )

    events = [(project.span(e.trigger).text, e.type) for e in layer.events if not e.deleted]
    args = [
        (a.role, project.span(a.target).text)
        for e in layer.events
        for a in project.arguments(e.uuid)
        if not a.deleted
    ]
    return plain(layer.spans), sorted(events), sorted(args)


def trigger(project: Project) -> Span:
    return next(s for s in project.spans(annotator="amal") if s.label == "Justice.Arrest-Jail")


def test_accepting_a_trigger_span_brings_its_event_and_arguments(project: Project) -> None:
    before = gold(project)
    cmd = AcceptIntoGold([trigger(project).uuid])
    cmd.do(project)
    spans, events, args = gold(project)
    assert sorted(s.label for s in spans) == ["Justice.Arrest-Jail", "PER"]
    assert events == [("اعتقل", "Justice.Arrest-Jail")]
    assert args == [("Person", "محمد علي")]
    assert [str(x) for x in check_project(project)] == []
    after = gold(project)
    cmd.undo(project)  # one step, gold exactly as before
    assert gold(project) == before
    cmd.do(project)
    assert gold(project) == after


def test_review_item_of_a_differing_trigger_brings_the_event(project: Project) -> None:
    """A trigger the annotators label differently is one span item in the review (its events
    are listed with it, not apart): accepting a side gives gold that side's event, the same
    gold as accepting the event itself."""
    doc = project.documents()[0]
    other = project.add_span(doc.id, *at("اعتقل"), "Conflict.Attack", "basma")
    project.add_event(other.uuid)
    items = compare(project.layer(doc.id, "amal"), project.layer(doc.id, "basma"))
    item = next(d for d in items if isinstance(d.a, Span) and d.a.label != "PER")
    assert item.kind is Kind.LABEL and not any(isinstance(d.a, Event) for d in items)
    assert item.a is not None and item.b is not None
    side_a = AcceptIntoGold([item.a.uuid])  # what the window's "accept A" runs
    side_a.do(project)
    via_item = gold(project)
    assert via_item[1] == [("اعتقل", "Justice.Arrest-Jail")]
    assert [str(x) for x in check_project(project)] == []
    side_a.undo(project)
    event = next(e for e in project.events(annotator="amal"))
    AcceptIntoGold([event.uuid]).do(project)
    assert gold(project) == via_item
    # and B's side: B's event
    both = AcceptIntoGold([item.b.uuid])
    both.do(project)
    assert ("اعتقل", "Conflict.Attack") in gold(project)[1]


def test_accepting_an_event_whose_trigger_gold_holds_adds_nothing_twice(project: Project) -> None:
    AcceptIntoGold([trigger(project).uuid]).do(project)
    with pytest.raises(ValidationError, match="nothing to accept"):
        AcceptIntoGold([next(iter(project.events(annotator="amal"))).uuid]).do(project)

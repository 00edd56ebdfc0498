"""Accepting a suggestion labelled with an event type (the model's trigger words, a
gazetteer's or annotate-all's event-type spans) writes the trigger span AND its event, in the
same bulk write: a span labelled with an event type triggers an event (``rules``:
``eventless_triggers``), so an accepted trigger must not come in as a problem, nor be left
out of the event exports. Undo takes both back, redo brings both with the same uuids."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.commands.suggestions import AcceptSuggestions, annotate_all
from annotator.project import Project
from annotator.search.suggestions import Suggestion
from annotator.uuids import new_uuid
from annotator.validation import check_project

ME = "amal"
TEXT = "عقد الاجتماع في باريس. وانتهى الاجتماع مساء."
MEET = TEXT.index("الاجتماع")
PARIS = TEXT.index("باريس")


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project.create(tmp_path / "t.annotator") as p:
        p.add_document(TEXT, name="d")
        yield p


def _suggest(p: Project, start: int, end: int, label: str) -> Suggestion:
    (doc,) = p.documents()
    s = Suggestion(new_uuid(), doc.id, start, end, label, TEXT[start:end], "model:crf@t", 0.9)
    assert p.add_suggestions([s]) == 1
    return s


def test_an_accepted_trigger_comes_with_its_event(project: Project) -> None:
    meet = _suggest(project, MEET, MEET + 8, "Contact.Meet")
    paris = _suggest(project, PARIS, PARIS + 5, "GPE")
    cmd = AcceptSuggestions([meet.uuid, paris.uuid], ME)
    changed = cmd.do(project)
    spans = {s.label: s for s in project.spans(annotator=ME)}
    assert set(spans) == {"Contact.Meet", "GPE"}
    (event,) = project.events(None, ME)
    assert event.type == "Contact.Meet" and event.trigger == spans["Contact.Meet"].uuid
    assert event.uuid in {r.uuid for r in changed.records}
    assert [i.kind for i in check_project(project)] == []

    cmd.undo(project)
    assert project.spans(annotator=ME) == [] and project.events(None, ME) == []
    assert {s.uuid for s in project.pending_suggestions([meet.uuid, paris.uuid])} == {
        meet.uuid,
        paris.uuid,
    }
    cmd.do(project)
    (again,) = project.events(None, ME)
    assert again.uuid == event.uuid and again.trigger == event.trigger
    assert [i.kind for i in check_project(project)] == []


def test_annotate_all_into_a_layer_gives_each_trigger_its_event(project: Project) -> None:
    (doc,) = project.documents()
    trigger = project.add_span(doc.id, MEET, MEET + 8, "Contact.Meet", "gold")
    project.add_event(trigger.uuid)
    report = annotate_all(project, "gold", to_layer="gold")
    assert report.accepted  # the second الاجتماع
    triggers = [s for s in project.spans(annotator="gold") if s.label == "Contact.Meet"]
    assert len(triggers) == 2
    assert {e.trigger for e in project.events(None, "gold")} == {s.uuid for s in triggers}
    assert [i.kind for i in check_project(project)] == []

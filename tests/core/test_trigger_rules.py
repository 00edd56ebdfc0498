"""Triggers and their labels (QA, events round 5): a trigger relabelled as an entity (GPE) kept
its Contact.Meet event, nothing listed a problem, and the events JSON export wrote the event on
the GPE span with GPE missing from the entity mentions; an event deleted from the events panel
left a span labelled Contact.Meet that triggered nothing, listed by nobody and exported as an
entity mention of type Contact.Meet.

The rules (``annotator.rules``): an event's trigger span is labelled with the event's type
(``trigger_label_problem``, part of ``event_problem``); a span labelled with an event type
triggers a live event (``eventless_triggers``, listed by ``check`` only); a trigger is
relabelled as something other than an event type only with its events removed
(``relabel_trigger_problem``: ``commands.relabel`` refuses, or removes them with
``remove_events`` in one undoable step)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator import commands as cmds
from annotator.commands.bulk import relabel_spans
from annotator.errors import AnnotatorError, ValidationError
from annotator.formats.common import ExportOptions
from annotator.formats.events_json import write_events_json
from annotator.project import Project
from annotator.schema import Role
from annotator.schema.edit import with_label
from annotator.validation import check_layer, check_project

TEXT = "قال جان إيف لودريان إن الاجتماع سيعقد في باريس بعد الهجوم."
ME = "amal"


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project.create(tmp_path / "p.annotator") as p:
        p.add_document(TEXT, name="d")
        yield p


def _meeting(p: Project) -> tuple[str, str, str, str]:
    """A Contact.Meet event on الاجتماع with Entity (لودريان) and Place (باريس), the meeting
    itself filling a Cause role of an attack (a role added here: an event filling another's
    role): ids of the trigger, the event, the attack and the attack's argument."""
    attack_type = p.schema.event("Conflict.Attack")
    assert attack_type is not None
    cause = Role("Cause", ("<EVENT>",), "*")
    p.set_schema(
        with_label(p.schema, dataclasses.replace(attack_type, roles=(*attack_type.roles, cause)))
    )
    per = p.add_span(1, *at("جان إيف لودريان"), "PER", ME)
    gpe = p.add_span(1, *at("باريس"), "GPE", ME)
    trigger = p.add_span(1, *at("الاجتماع"), "Contact.Meet", ME)
    event = p.add_event(trigger.uuid)
    p.add_argument(event.uuid, "Entity", per.uuid)
    p.add_argument(event.uuid, "Place", gpe.uuid)
    attack = p.add_event(p.add_span(1, *at("الهجوم"), "Conflict.Attack", ME).uuid)
    pointing = p.add_argument(attack.uuid, "Cause", event.uuid)
    return trigger.uuid, event.uuid, attack.uuid, pointing.uuid


def _kinds(p: Project) -> list[tuple[str, str]]:
    return sorted((i.kind, str(i.message)) for i in check_layer(p.layer(1), p.schema, ME))


def test_an_event_on_an_entity_span_is_refused_and_listed(project: Project) -> None:
    gpe = project.add_span(1, *at("باريس"), "GPE", ME)
    with pytest.raises(ValidationError, match="labelled 'GPE', not with the event's type"):
        project.add_event(gpe.uuid, "Contact.Meet")
    # data written before the rule: the trigger relabelled under the event (the API's span
    # update does not look at events)
    trigger = project.add_span(1, *at("الاجتماع"), "Contact.Meet", ME)
    event = project.add_event(trigger.uuid)
    assert _kinds(project) == []
    project.update_span(trigger.uuid, label="GPE")
    problems = check_layer(project.layer(1), project.schema, ME)
    assert [(i.uuid, i.kind) for i in problems] == [(event.uuid, "trigger-label")]
    assert "Contact.Meet: its trigger span is labelled 'GPE'" in problems[0].message
    # the same answer from the records (a layer in memory) as from the columns
    layer = project.layer(1)
    plain = dataclasses.replace(
        layer,
        spans=tuple(layer.spans),
        events=tuple(layer.events),
        arguments=tuple(layer.arguments),
        relations=tuple(layer.relations),
    )
    assert check_layer(plain, project.schema, ME) == problems
    assert [i.kind for i in check_project(project)] == ["trigger-label"]
    # another event type on the trigger: the event's type is not the trigger's label either
    project.update_span(trigger.uuid, label="Conflict.Attack")
    assert [i.kind for i in check_project(project)] == ["trigger-label"]


def test_a_trigger_without_an_event_is_listed_not_refused(project: Project) -> None:
    span = project.add_span(1, *at("الاجتماع"), "Contact.Meet", ME)  # written before its event
    assert _kinds(project) == [("no-event", "Contact.Meet: a trigger without an event")]
    event = project.add_event(span.uuid)
    assert _kinds(project) == []
    cmds.DeleteEvent(event.uuid).do(project)  # the events panel's "delete this event"
    assert [i.uuid for i in check_project(project)] == [span.uuid]


def test_relabel_a_trigger_as_an_entity_is_refused_by_default(project: Project) -> None:
    trigger, _event, _attack, _pointing = _meeting(project)
    before = project.layer(1)
    command = cmds.relabel(project, trigger, "GPE")
    with pytest.raises(AnnotatorError, match=r"this span triggers Contact\.Meet; relabelled 'GPE'"):
        command.do(project)
    after = project.layer(1)
    assert [s.label for s in after.spans] == [s.label for s in before.spans]
    assert [e.uuid for e in after.events if not e.deleted] == [
        e.uuid for e in before.events if not e.deleted
    ]
    # the bulk relabel (entity list) holds it too: the whole step is refused
    with pytest.raises(AnnotatorError, match=r"triggers Contact\.Meet"):
        relabel_spans(project, [trigger], "GPE").do(project)
    assert project.span(trigger).label == "Contact.Meet"


def test_relabel_with_remove_events_is_one_undoable_step(project: Project) -> None:
    trigger, _event, attack, pointing = _meeting(project)

    def state() -> tuple[object, ...]:
        layer = project.layer(1)
        return (
            sorted((s.uuid, s.label) for s in layer.spans),
            sorted((e.uuid, e.type) for e in layer.events),
            sorted((a.uuid, a.event, a.role, a.target) for a in layer.arguments),
        )

    start = state()
    command = cmds.relabel(project, trigger, "GPE", remove_events=True)
    command.do(project)
    assert project.span(trigger).label == "GPE"
    assert [e.uuid for e in project.events(1, ME)] == [attack]
    assert project.arguments(attack) == []  # the meeting filled the attack's role: gone too
    assert _kinds(project) == []
    command.undo(project)
    assert state() == start
    assert [a.uuid for a in project.arguments(attack)] == [pointing]
    command.do(project)  # redo
    assert project.span(trigger).label == "GPE" and project.events(1, ME)[0].uuid == attack


def test_relabel_a_trigger_as_another_event_type_takes_the_event_along(
    project: Project,
) -> None:
    # (Conflict.Demonstrate has the meeting's roles, Entity and Place: a type lacking one
    # refuses, ``test_retype_event_roles``)
    trigger, event, _attack, _pointing = _meeting(project)
    command = cmds.relabel(project, trigger, "Conflict.Demonstrate")
    command.do(project)
    assert project.event(event).type == "Conflict.Demonstrate"
    assert len(project.arguments(event)) == 2
    command.undo(project)
    assert project.event(event).type == "Contact.Meet"
    assert project.span(trigger).label == "Contact.Meet"


def test_events_json_writes_no_trigger_as_an_entity(project: Project, tmp_path: Path) -> None:
    trigger = project.add_span(1, *at("الاجتماع"), "Contact.Meet", ME)
    event = project.add_event(trigger.uuid)
    attack = project.add_span(1, *at("الهجوم"), "Conflict.Attack", ME)  # no event
    project.update_span(trigger.uuid, label="GPE")  # written before the rule
    out = tmp_path / "ev.json"
    report = write_events_json([project.layer(1)], out, project.schema, ExportOptions())
    row = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    entities = [(m["entity_type"], m["text"]) for m in row["entity_mentions"]]
    assert entities == [("GPE", "الاجتماع")]
    assert row["event_mentions"] == []
    shown = "\n".join(report.lines())
    assert "trigger without an event" in shown, shown
    assert "event whose trigger span is not labelled with its type" in shown, shown
    assert event.uuid and attack.uuid

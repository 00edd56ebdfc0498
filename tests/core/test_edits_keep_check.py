"""Edits that left ``annotator check`` failing, or whose undo was not exact (QA8, undo):

- an edit (a note) of an older version's trigger span holding event attributes lifts them
  onto its event in the same write; its undo put them back on the span but left them on the
  event too (``UpdateSpan`` kept the span's versions only);
- relabelling a span that fills a role, or ends a relation, as a label the role or the
  relation type does not accept went through (``AddArgument`` / ``AddRelation`` refuse it);
- removing an event left its trigger span labelled with the event type, triggering nothing;
- ``relabel_all`` relabelled a trigger as no event type, leaving its event on it.

Each fixed command refuses (writing nothing) or is undone exactly: every record, tombstones
included, as before (clock stamps aside)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator import commands as cmds
from annotator.commands.bulk import relabel_spans
from annotator.commands.edits import delete_event_with_trigger
from annotator.errors import AnnotatorError
from annotator.model import Record, freeze
from annotator.project import RECORD_KINDS, Project
from annotator.validation import check_project

TEXT = "قال جان إيف لودريان إن الهجوم على باريس وقع أمس بسكين وإن الاجتماع سيعقد غدا."
ME = "amal"


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project.create(tmp_path / "p.annotator") as p:
        p.add_document(TEXT, name="d")
        yield p


def state(p: Project) -> dict[str, list[Record]]:
    """Every stored version of every record (tombstones included), clock stamps aside."""
    return {
        kind: sorted(
            (dataclasses.replace(r, clock="") for r in p.versions(kind)), key=lambda r: r.uuid
        )
        for kind in RECORD_KINDS
    }


def problems(p: Project) -> list[str]:
    return [f"{i.kind}: {i.message}" for i in check_project(p)]


def attack(p: Project) -> tuple[str, str]:
    """A Conflict.Attack event on الهجوم: the trigger's and the event's ids."""
    made = cmds.add_event_with_trigger(1, *at("الهجوم"), "Conflict.Attack", ME)
    made.do(p)
    return made.children[0].uuid, made.children[1].uuid


def refused_exactly(p: Project, command: cmds.Command, *words: str) -> str:
    """``command`` refuses, naming ``words``, and writes nothing."""
    before = state(p)
    with pytest.raises(AnnotatorError) as refused:
        command.do(p)
    message = str(refused.value)
    for word in words:
        assert word in message, message
    assert state(p) == before
    assert problems(p) == []
    return message


def undone_exactly(p: Project, command: cmds.Command) -> None:
    """``command`` done, undone (all as before), redone (all as after)."""
    before = state(p)
    command.do(p)
    after = state(p)
    command.undo(p)
    assert state(p) == before
    command.do(p)
    assert state(p) == after


# -- 1: the undo of an edit that lifts an older version's event attributes ------------------
def old_attack(project: Project) -> tuple[str, str]:
    """``attack``, its trigger span holding the event attribute Realis as versions before
    204d4b4 stored it (on the span, not the event)."""
    trigger, event = attack(project)
    old = project.span(trigger)
    project.restore(dataclasses.replace(old, attributes=freeze({"Realis": "Generic"})), "old")
    return trigger, event


def test_undo_of_a_note_on_an_old_trigger_restores_its_event_too(project: Project) -> None:
    trigger, event = old_attack(project)
    before = state(project)
    command = cmds.UpdateSpan(trigger, note="x")
    changed = command.do(project)
    assert project.event(event).attributes == {"Realis": "Generic"}
    assert project.span(trigger).attributes == {}
    assert {r.uuid for r in changed.records} == {trigger, event}
    assert {after.uuid for _, after in command.versions} == {trigger, event}
    assert command.uuid == trigger
    after = state(project)
    command.undo(project)
    assert project.event(event).attributes == {}
    assert project.span(trigger).attributes == {"Realis": "Generic"}
    assert state(project) == before
    command.do(project)
    assert state(project) == after


def test_undo_of_a_relabel_of_an_old_trigger_is_exact(project: Project) -> None:
    trigger, event = old_attack(project)
    command = cmds.relabel(project, trigger, "Conflict.Demonstrate")
    undone_exactly(project, command)
    assert project.event(event).type == "Conflict.Demonstrate"


# -- 3: relabelling what fills a role or ends a relation ------------------------------------
def test_relabel_of_an_argument_as_a_label_its_role_refuses_is_refused(
    project: Project,
) -> None:
    _trigger, event = attack(project)
    per = project.add_span(1, *at("جان إيف لودريان"), "PER", ME)
    cmds.AddArgument(event, "Attacker", per.uuid).do(project)
    with pytest.raises(AnnotatorError) as adding:
        cmds.AddArgument(event, "Time", per.uuid).do(project)
    message = refused_exactly(
        project, cmds.relabel(project, per.uuid, "TIME"), "Attacker", "Conflict.Attack", "TIME"
    )
    assert "does not accept" in message and "does not accept" in str(adding.value)
    # a label the role accepts goes through, undone exactly
    undone_exactly(project, cmds.relabel(project, per.uuid, "ORG"))
    assert problems(project) == []


def test_relabel_of_a_relation_end_as_a_label_its_type_refuses_is_refused(
    project: Project,
) -> None:
    a = project.add_span(1, *at("جان إيف لودريان"), "PER", ME)
    b = project.add_span(1, *at("باريس"), "PER", ME)
    cmds.AddRelation("PER-SOC", a.uuid, b.uuid).do(project)
    refused_exactly(project, cmds.relabel(project, b.uuid, "WEA"), "PER-SOC", "WEA")
    # as an event type (it would become a trigger): refused as well, nothing written
    refused_exactly(
        project, cmds.relabel(project, a.uuid, "Conflict.Attack"), "PER-SOC", "Conflict.Attack"
    )
    assert project.events(1, ME) == []


def test_relabel_of_a_trigger_whose_event_fills_a_role_follows_that_role(
    project: Project,
) -> None:
    """The retyped event is the filler now: a role that accepts the old type only refuses."""
    from annotator.schema import Role
    from annotator.schema.edit import with_label

    meet = project.schema.event("Contact.Meet")
    assert meet is not None
    cause = Role("Cause", ("Conflict.Attack",), "*")
    project.set_schema(with_label(project.schema, dataclasses.replace(meet, roles=(cause,))))
    _, attack_event = attack(project)
    made = cmds.add_event_with_trigger(1, *at("الاجتماع"), "Contact.Meet", ME)
    made.do(project)
    cmds.AddArgument(made.children[1].uuid, "Cause", attack_event).do(project)
    assert problems(project) == []
    trigger = project.event(attack_event).trigger
    refused_exactly(project, cmds.relabel(project, trigger, "Conflict.Demonstrate"), "Cause")


def test_relabel_and_remove_events_still_judges_the_span_itself(project: Project) -> None:
    """A trigger relabelled as an entity with its events removed: the span's own roles and
    relations are still judged (the removed events' arguments are not)."""
    trigger, event = attack(project)
    gpe = project.add_span(1, *at("باريس"), "GPE", ME)
    cmds.AddArgument(event, "Place", gpe.uuid).do(project)
    per = project.add_span(1, *at("جان إيف لودريان"), "PER", ME)
    cmds.AddRelation("PHYS", per.uuid, gpe.uuid).do(project)
    refused_exactly(project, cmds.relabel(project, gpe.uuid, "WEA"), "Place")
    # the trigger's own event goes with its arguments: allowed
    undone_exactly(project, cmds.relabel(project, trigger, "WEA", remove_events=True))
    assert problems(project) == []
    # the Place argument went with the event: the relation PHYS still judges
    refused_exactly(project, cmds.relabel(project, gpe.uuid, "WEA"), "PHYS")


def test_bulk_relabel_follows_the_same_rule(project: Project) -> None:
    _trigger, event = attack(project)
    per = project.add_span(1, *at("جان إيف لودريان"), "PER", ME)
    other = project.add_span(1, *at("باريس"), "PER", ME)
    cmds.AddArgument(event, "Attacker", per.uuid).do(project)
    refused_exactly(project, relabel_spans(project, [other.uuid, per.uuid], "TIME"), "Attacker")


# -- 4: removing an event -----------------------------------------------------------------
def test_removing_an_event_removes_its_trigger_in_one_step(project: Project) -> None:
    _trigger, event = attack(project)
    gpe = project.add_span(1, *at("باريس"), "GPE", ME)
    cmds.AddArgument(event, "Place", gpe.uuid).do(project)
    before = state(project)
    command = delete_event_with_trigger(project, event)
    command.do(project)
    assert project.events(1, ME) == []
    assert [s.uuid for s in project.spans(doc_id=1)] == [gpe.uuid]
    assert problems(project) == []
    command.undo(project)
    assert state(project) == before
    assert problems(project) == []


def test_removing_an_event_takes_what_its_trigger_and_it_fill(project: Project) -> None:
    """The trigger's relations and the roles it (or the event) fills go in the same step."""
    from annotator.schema import Role
    from annotator.schema.edit import with_label

    meet = project.schema.event("Contact.Meet")
    assert meet is not None
    cause = Role("Cause", ("<EVENT>",), "*")
    project.set_schema(with_label(project.schema, dataclasses.replace(meet, roles=(cause,))))
    trigger, event = attack(project)
    made = cmds.add_event_with_trigger(1, *at("الاجتماع"), "Contact.Meet", ME)
    made.do(project)
    cmds.AddArgument(made.children[1].uuid, "Cause", event).do(project)
    assert problems(project) == []
    undone_exactly(project, delete_event_with_trigger(project, event))  # (ends done)
    assert problems(project) == []
    assert project.find(trigger) is None
    assert project.arguments(made.children[1].uuid) == []


def test_removing_one_of_two_events_on_a_trigger_keeps_the_trigger(project: Project) -> None:
    trigger, event = attack(project)
    second = project.add_event(trigger)
    command = delete_event_with_trigger(project, event)
    undone_exactly(project, command)
    assert project.span(trigger).label == "Conflict.Attack"
    assert [e.uuid for e in project.events(1, ME)] == [second.uuid]
    assert problems(project) == []


def test_deleting_a_trigger_span_takes_the_roles_its_event_fills(project: Project) -> None:
    """``delete_span_with_links``: an argument filled by an event the span triggers went
    dangling."""
    from annotator.schema import Role
    from annotator.schema.edit import with_label

    meet = project.schema.event("Contact.Meet")
    assert meet is not None
    cause = Role("Cause", ("<EVENT>",), "*")
    project.set_schema(with_label(project.schema, dataclasses.replace(meet, roles=(cause,))))
    trigger, event = attack(project)
    made = cmds.add_event_with_trigger(1, *at("الاجتماع"), "Contact.Meet", ME)
    made.do(project)
    cmds.AddArgument(made.children[1].uuid, "Cause", event).do(project)
    undone_exactly(project, cmds.delete_span_with_links(project, trigger))
    assert problems(project) == []


# -- 6: relabel_all -----------------------------------------------------------------------
def test_relabel_all_refuses_a_trigger_relabelled_as_no_event_type(project: Project) -> None:
    trigger, _event = attack(project)
    refused_exactly(project, cmds.relabel_all(project, [trigger], "PER"), "Conflict.Attack")


def test_relabel_all_takes_a_trigger_event_along(project: Project) -> None:
    trigger, event = attack(project)
    per = project.add_span(1, *at("جان إيف لودريان"), "ORG", ME)
    undone_exactly(project, cmds.relabel_all(project, [trigger], "Conflict.Demonstrate"))
    assert project.event(event).type == "Conflict.Demonstrate"
    undone_exactly(project, cmds.relabel_all(project, [per.uuid], "PER"))
    assert problems(project) == []

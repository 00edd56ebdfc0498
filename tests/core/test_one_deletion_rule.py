"""What goes when a span or an event is deleted is one rule (``commands.edits``:
``delete_span_with_links`` and ``delete_event_with_trigger``), whoever deletes:

- the main window's Delete span (``ui.events.relations.delete_span_command``), with or
  without ``whole_events``, left the arguments of other events that the events it deleted
  fill pointing at nothing (an event can fill a role: ``<EVENT>``);
- the entity list's "delete all" (``commands.bulk.delete_spans``) had its own copy;
- the review's "drop from gold" (``commands.review.drop_from_gold``) of a gold event left its
  gold trigger span triggering nothing (``check``: no-event).

After each, ``check`` lists nothing, and undo restores every record exactly (tombstones
included, clock stamps aside); redo writes the same records again."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator import commands as cmds
from annotator.commands.bulk import delete_spans
from annotator.commands.review import drop_from_gold
from annotator.model import GOLD
from annotator.project import Project
from annotator.schema import Role
from annotator.schema.edit import with_label
from tests.core.stored import problems, state
from ui.events.relations import delete_span_command

TEXT = "قال جان إيف لودريان إن الهجوم على باريس وقع أمس بسكين وإن الاجتماع سيعقد غدا."
ME = "amal"


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project.create(tmp_path / "p.annotator") as p:
        meet = p.schema.event("Contact.Meet")
        assert meet is not None
        cause = Role("Cause", ("<EVENT>",), "*")
        p.set_schema(with_label(p.schema, dataclasses.replace(meet, roles=(cause,))))
        p.add_document(TEXT, name="d")
        yield p


def clean_and_undone_exactly(p: Project, command: cmds.Command) -> None:
    """``command`` leaves ``check`` clean; undone, all is as before; redone, as after."""
    assert problems(p) == []
    before = state(p)
    command.do(p)
    assert problems(p) == []
    after = state(p)
    command.undo(p)
    assert state(p) == before
    command.do(p)
    assert state(p) == after


def scene(p: Project, who: str = ME) -> dict[str, str]:
    """An attack at Paris with a knife (Place, Instrument), the cause of a meeting; a PHYS
    relation from Le Drian to Paris."""
    attack = cmds.add_event_with_trigger(1, *at("الهجوم"), "Conflict.Attack", who)
    attack.do(p)
    meet = cmds.add_event_with_trigger(1, *at("الاجتماع"), "Contact.Meet", who)
    meet.do(p)
    paris = p.add_span(1, *at("باريس"), "GPE", who)
    knife = p.add_span(1, *at("بسكين"), "WEA", who)
    per = p.add_span(1, *at("جان إيف لودريان"), "PER", who)
    ids = {
        "attack_trigger": attack.children[0].uuid,
        "attack": attack.children[1].uuid,
        "meet_trigger": meet.children[0].uuid,
        "meet": meet.children[1].uuid,
        "paris": paris.uuid,
        "knife": knife.uuid,
        "per": per.uuid,
    }
    p.add_argument(ids["attack"], "Place", paris.uuid)
    p.add_argument(ids["attack"], "Instrument", knife.uuid)
    p.add_argument(ids["meet"], "Cause", ids["attack"])
    p.add_relation("PHYS", per.uuid, paris.uuid)
    return ids


# -- the window's Delete span --------------------------------------------------------------
def test_deleting_an_argument_with_its_whole_event_takes_the_roles_that_event_fills(
    project: Project,
) -> None:
    ids = scene(project)
    span = project.span(ids["paris"])
    command = delete_span_command(project.layer(1, ME), span, True)
    clean_and_undone_exactly(project, command)
    assert project.find(ids["attack"]) is None
    assert project.find(ids["attack_trigger"]) is None  # no other event uses it
    assert project.arguments(ids["meet"]) == []
    assert project.find(ids["knife"]) is not None  # only what depends on the span goes


def test_deleting_a_trigger_span_in_the_window_takes_the_roles_its_event_fills(
    project: Project,
) -> None:
    ids = scene(project)
    span = project.span(ids["attack_trigger"])
    clean_and_undone_exactly(project, delete_span_command(project.layer(1, ME), span, False))
    assert project.arguments(ids["meet"]) == []


def test_deleting_only_the_argument_keeps_the_event(project: Project) -> None:
    ids = scene(project)
    span = project.span(ids["paris"])
    clean_and_undone_exactly(project, delete_span_command(project.layer(1, ME), span, False))
    assert [a.role for a in project.arguments(ids["attack"])] == ["Instrument"]
    assert len(project.arguments(ids["meet"])) == 1


def test_whole_events_of_a_span_filling_two_events_on_one_trigger(project: Project) -> None:
    """Two events on one trigger, both filled by the span: the trigger goes with the last."""
    ids = scene(project)
    second = project.add_event(ids["attack_trigger"])
    project.add_argument(second.uuid, "Place", ids["paris"])
    span = project.span(ids["paris"])
    clean_and_undone_exactly(project, delete_span_command(project.layer(1, ME), span, True))
    assert project.events(1, ME) == [project.event(ids["meet"])]
    assert project.find(ids["attack_trigger"]) is None


# -- the entity list's delete all -----------------------------------------------------------
def test_bulk_delete_takes_what_would_dangle(project: Project) -> None:
    ids = scene(project)
    command = delete_spans(project, [ids["attack_trigger"], ids["paris"], ids["per"]])
    clean_and_undone_exactly(project, command)
    assert project.arguments(ids["meet"]) == []
    assert [s.uuid for s in project.spans(doc_id=1) if s.uuid not in ids.values()] == []
    assert project.find(ids["knife"]) is not None


def test_bulk_delete_of_both_triggers_deletes_each_record_once(project: Project) -> None:
    ids = scene(project)
    command = delete_spans(project, [ids["meet_trigger"], ids["attack_trigger"]])
    clean_and_undone_exactly(project, command)
    assert project.events(1, ME) == []


# -- the review's drop from gold ------------------------------------------------------------
def test_dropping_a_gold_event_drops_its_gold_trigger_and_the_roles_it_fills(
    project: Project,
) -> None:
    ids = scene(project, GOLD)
    command = drop_from_gold(project, project.event(ids["attack"]))
    clean_and_undone_exactly(project, command)
    assert project.find(ids["attack_trigger"]) is None
    assert project.arguments(ids["meet"]) == []


def test_dropping_one_of_two_gold_events_keeps_the_trigger(project: Project) -> None:
    ids = scene(project, GOLD)
    second = project.add_event(ids["attack_trigger"])
    clean_and_undone_exactly(project, drop_from_gold(project, project.event(ids["attack"])))
    assert project.span(ids["attack_trigger"]).label == "Conflict.Attack"
    assert [e.uuid for e in project.events(1, GOLD) if e.trigger == ids["attack_trigger"]] == [
        second.uuid
    ]

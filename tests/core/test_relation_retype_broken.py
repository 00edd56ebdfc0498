"""Retyping relations whose link is broken already, by removing their relation type with
"relabel them first" (``relabel_to``): a relation with an end deleted, or linking spans its
type no longer accepts, passed the check made while the command was built
(``rules.relabel_breaks`` left out links broken already; the shapes' pre-check,
``Project.label_shapes``, left out relations with a dead end) and the step was refused only
when it ran, by the write's raw rule ("relation PER-SOC points at a deleted span"), after the
analyst pressed Remove.

The retype writes a new version of each relation, and every version written is judged whole
(as a note edit of such a relation is: ``Project.update_relation``), so the step cannot keep
them as they are (the reasoning of 116db05 for attributes invalid already). One rule, one
place: ``rules.relabel_breaks`` judges a retyped relation without the "broken already"
exemption, and the refusal comes up front, counted, saying why and what to do. A relation its
new type mends is retyped; a broken link the step does not write (a relation of another type
at a relabelled span) still does not count."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.commands.schema import SetSchema, remove_label_command
from annotator.errors import SchemaError
from annotator.project import Project
from annotator.schema.edit import with_label
from tests.core.stored import state

TEXT = "قال محمد إن سارة وعلي في باريس والحكومة"
ME = "amal"


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project.create(tmp_path / "p.annotator") as p:
        p.add_document(TEXT, name="d")
        yield p


def per(p: Project, word: str) -> str:
    return p.add_span(1, *at(word), "PER", ME).uuid


def refused(p: Project, name: str, label: str) -> str:
    schema, before = p.schema, state(p)
    with pytest.raises(SchemaError) as raised:
        remove_label_command(p, name, relabel_to=label)
    assert p.schema == schema
    assert state(p) == before
    return str(raised.value)


def test_a_relation_with_a_deleted_end_is_refused_up_front(project: Project) -> None:
    a, b = per(project, "محمد"), per(project, "سارة")
    project.add_relation("PER-SOC", a, b)
    project.delete_span(b)
    assert refused(project, "PER-SOC", "GEN-AFF") == (
        "cannot relabel PER-SOC as GEN-AFF: 1 relation of type PER-SOC is broken already "
        "(1 points at a deleted span), and the step would write it as it is. A schema edit "
        "deletes no annotation: delete or mend that relation first, or choose another label"
    )


def test_relations_broken_both_ways_are_counted(project: Project) -> None:
    """Two relations with an end deleted, one linking spans ORG-AFF no longer accepts (its
    Arg2 narrowed to GPE) that PER-SOC does not accept either, one valid."""
    a, b, c = per(project, "محمد"), per(project, "سارة"), per(project, "علي")
    government = project.add_span(1, *at("والحكومة"), "ORG", ME).uuid
    project.add_relation("ORG-AFF", a, government)
    gone = project.add_span(1, *at("باريس"), "ORG", ME).uuid
    project.add_relation("ORG-AFF", b, gone)
    project.add_relation("ORG-AFF", c, gone)
    project.delete_span(gone)
    org_aff = project.schema.relation("ORG-AFF")
    assert org_aff is not None
    SetSchema(with_label(project.schema, dataclasses.replace(org_aff, arg2=("GPE",)))).do(project)
    assert refused(project, "ORG-AFF", "PER-SOC") == (
        "cannot relabel ORG-AFF as PER-SOC: 3 relations of type ORG-AFF are broken already "
        "(2 point at a deleted span; 1 links spans neither ORG-AFF nor PER-SOC accepts), and "
        "the step would write them as they are. A schema edit deletes no annotation: delete "
        "or mend those relations first, or choose another label"
    )


def test_ends_the_type_no_longer_accepts_are_refused_up_front(project: Project) -> None:
    a = per(project, "محمد")
    government = project.add_span(1, *at("والحكومة"), "ORG", ME).uuid
    project.add_relation("ORG-AFF", a, government)
    org_aff = project.schema.relation("ORG-AFF")
    assert org_aff is not None
    SetSchema(with_label(project.schema, dataclasses.replace(org_aff, arg2=("GPE",)))).do(project)
    assert refused(project, "ORG-AFF", "PER-SOC") == (
        "cannot relabel ORG-AFF as PER-SOC: 1 relation of type ORG-AFF is broken already "
        "(1 links spans neither ORG-AFF nor PER-SOC accepts), and the step would write it as "
        "it is. A schema edit deletes no annotation: delete or mend that relation first, or "
        "choose another label"
    )


def test_a_type_that_accepts_the_ends_mends_the_relation(project: Project) -> None:
    """Guard: PER to ORG, broken already under ORG-AFF, is valid as GEN-AFF: retyped."""
    a = per(project, "محمد")
    government = project.add_span(1, *at("والحكومة"), "ORG", ME).uuid
    project.add_relation("ORG-AFF", a, government)
    org_aff = project.schema.relation("ORG-AFF")
    assert org_aff is not None
    SetSchema(with_label(project.schema, dataclasses.replace(org_aff, arg2=("GPE",)))).do(project)
    remove_label_command(project, "ORG-AFF", relabel_to="GEN-AFF").do(project)
    assert [r.type for r in project.relations()] == ["GEN-AFF"]


def test_a_broken_link_the_step_does_not_write_does_not_count(project: Project) -> None:
    """Guard: relabelling the LOC spans GPE leaves the PHYS relation from a deleted span to
    one of them as it is (the step writes the spans, not the relation); ``check`` lists it."""
    a = per(project, "محمد")
    paris = project.add_span(1, *at("باريس"), "LOC", ME).uuid
    relation = project.add_relation("PHYS", a, paris).uuid
    project.delete_span(a)
    remove_label_command(project, "LOC", relabel_to="GPE").do(project)
    assert project.relation(relation).type == "PHYS"
    assert project.span(paris).label == "GPE"


def test_the_shapes_include_a_relation_with_a_dead_end_and_the_attribute_sets(
    project: Project,
) -> None:
    a, b = per(project, "محمد"), per(project, "سارة")
    project.add_relation("PER-SOC", a, b)
    project.add_relation("GEN-AFF", b, a)
    project.delete_span(b)
    shapes = project.label_shapes("PER-SOC")
    assert shapes.relations == [("PER-SOC", {}, "PER", None)]
    assert project.label_shapes("PER").relations == []  # GEN-AFF's: not written
    assert shapes.relation_attributes == []


def test_events_whose_trigger_is_deleted_are_refused_up_front(project: Project) -> None:
    """The same for events: retyping one whose trigger span is deleted (``delete_span`` leaves
    its events for ``check``) was refused only at do ("Life.Injure: its trigger span is
    missing or deleted"); the step writes each event it retypes."""
    for word in ("قال", "محمد"):
        trigger = project.add_span(1, *at(word), "Life.Die", ME).uuid
        project.add_event(trigger)
        project.delete_span(trigger)
    assert refused(project, "Life.Die", "Life.Injure") == (
        "cannot relabel Life.Die as Life.Injure: 2 events of type Life.Die have their trigger "
        "span deleted, and the step would write them as they are. A schema edit deletes no "
        "annotation: delete those events or give them a trigger first"
    )
    project.delete_event(project.events()[0].uuid)
    assert refused(project, "Life.Die", "Life.Injure") == (
        "cannot relabel Life.Die as Life.Injure: 1 event of type Life.Die has its trigger "
        "span deleted, and the step would write it as it is. A schema edit deletes no "
        "annotation: delete that event or give it a trigger first"
    )

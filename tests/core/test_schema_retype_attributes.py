"""Removing an event type with "relabel them first" (``remove_label_command(project, name,
relabel_to)``) into a type that lacks an attribute the events carry (an event type's
attributes are defined per type: Realis on Conflict.Attack and not on the type they are
retyped to) passed the check made while the command is built and was refused only when it
ran, by the rules judging each retyped event ("attribute 'Realis' is not defined for ..."):
the analyst was told after pressing Remove, not before, and by the first event's rule, not
how many carry what. The check now refuses it as it builds the command, naming the attribute,
the types and how many annotations carry it (``rules.lost_attribute``, the one rule; the
spans of an entity label losing one of its attributes alike), and relabelling one trigger
(``commands.edits.relabel``) meets the same rule (``rules.relabel_attribute_problem``).
Attributes invalid already count too (the relabel writes the records, and each version
written is judged whole: tests/core/test_schema_remove_invalid_attribute.py), where links
broken already do not (tests/core/test_schema_relabel_links.py)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.commands.edits import Refused, relabel
from annotator.commands.schema import SetSchema, remove_label_command
from annotator.errors import SchemaError
from annotator.project import Project
from annotator.schema import AttributeDef
from annotator.schema.edit import with_attributes, with_label
from tests.core.stored import live, problems, state

TEXT = "هاجمت لندن باريس أمس، وهاجم الجيش روما."
ME = "amal"


def at(word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


def with_assault(p: Project, realis: bool = False) -> None:
    """Conflict.Assault: Conflict.Attack's roles, Realis on it too when ``realis`` (the
    default ACE schema defines Realis, Polarity, Tense and Genericity on Conflict.Attack)."""
    attack = p.schema.event("Conflict.Attack")
    assert attack is not None
    twin = dataclasses.replace(attack, name="Conflict.Assault", en="", ar="", hotkey="")
    schema = with_label(p.schema, twin)
    if realis:
        schema = with_attributes(
            schema,
            tuple(
                dataclasses.replace(a, labels=(*a.labels, twin.name)) if a.name == "Realis" else a
                for a in schema.attributes
            ),
        )
    SetSchema(schema).do(p)


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project.create(tmp_path / "p.annotator") as p:
        p.add_document(TEXT, name="d")
        with_assault(p)
        yield p


def attack(p: Project, word: str = "هاجمت", **attributes: str) -> str:
    """An event of Conflict.Attack on ``word`` carrying ``attributes``: its id."""
    trigger = p.add_span(1, *at(word), "Conflict.Attack", ME).uuid
    return p.add_event(trigger, attributes=dict(attributes)).uuid


def refused(p: Project, name: str, relabel_to: str) -> SchemaError:
    """The refusal of removing ``name`` relabelling it ``relabel_to``, raised while the
    command is built, the project (schema and every stored version of every record) left
    exactly as it was."""
    schema, before = p.schema, state(p)
    with pytest.raises(SchemaError) as raised:
        remove_label_command(p, name, relabel_to=relabel_to)
    assert p.schema == schema
    assert state(p) == before
    return raised.value


def test_retyping_events_into_a_type_lacking_their_attribute_is_refused_before(
    project: Project,
) -> None:
    attack(project, Realis="Actual")
    error = refused(project, "Conflict.Attack", "Conflict.Assault")
    assert error.args[0].template == (
        "cannot relabel {name} as {label}: 1 annotation carries attribute {attribute}, "
        "which {label} does not take. Define it for {label}, remove it from the "
        "annotation first, or choose another label"
    )
    assert str(error) == (
        "cannot relabel Conflict.Attack as Conflict.Assault: 1 annotation carries attribute "
        "Realis, which Conflict.Assault does not take. Define it for Conflict.Assault, remove "
        "it from the annotation first, or choose another label"
    )


def test_how_many_carry_which_attributes_is_said(project: Project) -> None:
    attack(project, Realis="Actual", Polarity="Positive")
    attack(project, "وهاجم", Realis="Other")
    error = refused(project, "Conflict.Attack", "Conflict.Assault")
    assert error.args[0].template == (
        "cannot relabel {name} as {label}: {count} annotations carry attributes {label} does "
        "not take ({attributes}). Define them for {label}, remove them from the annotations "
        "first, or choose another label"
    )
    assert "2 annotations carry attributes Conflict.Assault does not take (Polarity, Realis)" in (
        str(error)
    )


def test_a_type_with_the_attribute_takes_the_events_and_undo_brings_them_back(
    tmp_path: Path,
) -> None:
    with Project.create(tmp_path / "p.annotator") as p:
        p.add_document(TEXT, name="d")
        with_assault(p, realis=True)
        event = attack(p, Realis="Actual")
        before = live(p)
        command = remove_label_command(p, "Conflict.Attack", relabel_to="Conflict.Assault")
        command.do(p)
        assert p.event(event).type == "Conflict.Assault"
        assert p.event(event).attributes == {"Realis": "Actual"}
        assert problems(p) == []
        command.undo(p)
        assert live(p) == before


def test_events_without_attributes_are_retyped(project: Project) -> None:
    event = attack(project)
    remove_label_command(project, "Conflict.Attack", relabel_to="Conflict.Assault").do(project)
    assert project.event(event).type == "Conflict.Assault"
    assert problems(project) == []


def test_an_attribute_defined_for_every_type_is_kept(project: Project) -> None:
    """Realis defined for every event type (no labels) after an event got it: the retyped
    event takes it too, and the retype is not refused."""
    event = attack(project, Realis="Actual")
    project.set_schema(
        with_attributes(
            project.schema,
            tuple(
                dataclasses.replace(a, labels=()) if a.name == "Realis" else a
                for a in project.schema.attributes
            ),
        )
    )
    remove_label_command(project, "Conflict.Attack", relabel_to="Conflict.Assault").do(project)
    assert project.event(event).type == "Conflict.Assault"


def test_spans_losing_an_attribute_of_their_label_are_refused_before(project: Project) -> None:
    """Capital, defined on GPE alone: GPE spans carrying it relabelled LOC are refused as the
    command is built (it was refused only when it ran, as the events were)."""
    capital = AttributeDef(name="Capital", kind="bool", labels=("GPE",))
    project.set_schema(with_attributes(project.schema, (*project.schema.attributes, capital)))
    project.add_span(1, *at("لندن"), "GPE", ME, {"Capital": True})
    project.add_span(1, *at("باريس"), "GPE", ME, {"Capital": True, "MentionType": "NAM"})
    project.add_span(1, *at("روما"), "GPE", ME)
    error = refused(project, "GPE", "LOC")
    assert "2 annotations carry attributes LOC does not take (Capital)" in str(error)


def test_relabelling_one_trigger_meets_the_same_rule(project: Project) -> None:
    """The trigger of an event carrying Realis relabelled Conflict.Assault (its event
    retyped): refused as the command is made (a ``Refused`` step, nothing written), naming
    the attribute and both types, where the event's rule refused it only when it ran."""
    event = attack(project, Realis="Actual")
    trigger = project.event(event).trigger
    before = state(project)
    command = relabel(project, trigger, "Conflict.Assault")
    assert isinstance(command, Refused)
    assert command.violation.message.template == (
        "relabelled {label}, this {old} would carry attribute {attribute}, which {label} "
        "does not take: remove the attribute first, or choose another label"
    )
    assert str(command.violation.message) == (
        "relabelled 'Conflict.Assault', this 'Conflict.Attack' would carry attribute "
        "'Realis', which 'Conflict.Assault' does not take: remove the attribute first, or "
        "choose another label"
    )
    with pytest.raises(SchemaError, match="'Realis'"):
        command.do(project)
    assert state(project) == before

"""Removing a label with "relabel them first" when its annotations carry an attribute that is
invalid already (set while the attribute took their label, then narrowed to another) passed
the check made while the command was built (``rules.lost_attribute`` left attributes invalid
under the old schema out) and was refused only when it ran, by the raw rule of the write
("attribute 'Att' is not defined for 'XB'"): the analyst learnt it after pressing Remove.

A relabel writes a new version of each record, and every version written is judged whole (a
note edit or a move of such a span is refused alike), so the attribute cannot stay as it was:
the check now counts it, and refuses up front with the counted message; relabelling one span
meets the same rule. Relabelling into a label that takes the attribute makes the record valid
and goes through."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.commands.edits import Refused, relabel
from annotator.commands.schema import SetSchema, remove_label_command
from annotator.errors import SchemaError
from annotator.project import Project
from annotator.schema import AttributeDef, EventType, Label, Role
from annotator.schema.edit import with_attributes, with_label
from tests.core.stored import state

TEXT = "هاجمت لندن باريس أمس، وهاجم الجيش روما."
ME = "amal"


def narrowed(p: Project, name: str, labels: tuple[str, ...]) -> None:
    """Attribute ``name`` defined for ``labels`` alone from now on."""
    SetSchema(
        with_attributes(
            p.schema,
            tuple(
                dataclasses.replace(a, labels=labels) if a.name == name else a
                for a in p.schema.attributes
            ),
        )
    ).do(p)


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    """XA, XB and XC (a child of XA); Att on XA; one XA span carrying Att, which is then
    narrowed to XC: invalid on the span already."""
    with Project.create(tmp_path / "p.annotator") as p:
        p.add_document(TEXT, name="d")
        s = with_label(p.schema, Label("XA"))
        s = with_label(s, Label("XB"))
        s = with_label(s, Label("XC", parent="XA"))
        s = with_attributes(s, (*s.attributes, AttributeDef("Att", "bool", (), ("XA",))))
        SetSchema(s).do(p)
        p.add_span(1, 0, 5, "XA", ME, attributes={"Att": True})
        narrowed(p, "Att", ("XC",))
        yield p


def test_an_attribute_invalid_already_is_refused_up_front(project: Project) -> None:
    schema, before = project.schema, state(project)
    with pytest.raises(SchemaError) as raised:
        remove_label_command(project, "XA", relabel_to="XB")
    assert str(raised.value) == (
        "cannot relabel XA as XB: 1 annotation carries attribute Att, which XB does not take. "
        "Define it for XB, remove it from the annotation first, or choose another label"
    )
    assert project.schema == schema
    assert state(project) == before


def test_relabelling_one_such_span_is_refused_as_it_is_made(project: Project) -> None:
    span = project.spans()[0]
    before = state(project)
    step = relabel(project, span.uuid, "XB")
    assert isinstance(step, Refused)
    assert "would carry attribute 'Att', which 'XB' does not take" in str(step.violation.message)
    assert state(project) == before


def test_a_label_that_takes_it_makes_the_span_valid(project: Project) -> None:
    span = project.spans()[0]
    relabel(project, span.uuid, "XC").do(project)
    assert project.span(span.uuid).label == "XC"
    assert project.span(span.uuid).attributes == {"Att": True}


def test_an_event_attribute_invalid_already_is_refused_up_front(tmp_path: Path) -> None:
    with Project.create(tmp_path / "e.annotator") as p:
        p.add_document(TEXT, name="d")
        who = (Role("Who", ("PER",), "?"),)
        s = with_label(p.schema, EventType("EvA", roles=who))
        s = with_label(s, EventType("EvB", roles=who))
        s = with_label(s, EventType("EvC", roles=who))
        s = with_attributes(s, (*s.attributes, AttributeDef("Cert", "bool", (), ("EvA",))))
        SetSchema(s).do(p)
        trigger = p.add_span(1, 0, 5, "EvA", ME)
        p.add_event(trigger.uuid, attributes={"Cert": True})
        narrowed(p, "Cert", ("EvC",))
        before = state(p)
        with pytest.raises(SchemaError) as raised:
            remove_label_command(p, "EvA", relabel_to="EvB")
        assert "1 annotation carries attribute Cert, which EvB does not take" in str(raised.value)
        assert state(p) == before

"""Retyping relations by removing their relation type with "relabel them first" (``relabel_to``)
when they carry an attribute the new type does not take was judged by the links' rule
(``rules.relabel_breaks``), which leaves out a relation broken already: one carrying an
attribute that is invalid already (set while the attribute took its type, then narrowed to
another) passed the check made while the command was built and was refused only when it ran,
by the raw rule of the write ("attribute 'Att' is not defined for 'RB'"), after the analyst
pressed Remove. A retype writes a new version of each relation, judged whole, so the
attribute cannot stay: a relation's own attributes are now judged as a span's and an event's
are (``rules.lost_attribute``, counted), up front, invalid already or not; its links as
before. Changing one relation's type (``UpdateRelation``, the canvas's menu) met only the
write's raw rule; it now meets the rule relabelling one span meets
(``rules.relabel_attribute_problem``), naming the attribute, nothing written."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.commands.schema import SetSchema, UpdateRelation, remove_label_command
from annotator.errors import AnnotatorError, SchemaError
from annotator.project import Project
from annotator.schema import AttributeDef, RelationType
from annotator.schema.edit import with_attributes, with_label
from tests.core.stored import state

TEXT = "قال محمد إن سارة وعلي في باريس"
ME = "amal"


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


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
    """Relation types RA, RB and RC (PER to PER); Att on RA; two RA relations carrying Att."""
    with Project.create(tmp_path / "p.annotator") as p:
        p.add_document(TEXT, name="d")
        s = p.schema
        for name in ("RA", "RB", "RC"):
            s = with_label(s, RelationType(name, arg1=("PER",), arg2=("PER",)))
        s = with_attributes(s, (*s.attributes, AttributeDef("Att", "bool", (), ("RA",))))
        SetSchema(s).do(p)
        a, b, c = (p.add_span(1, *at(w), "PER", ME) for w in ("محمد", "سارة", "علي"))
        p.add_relation("RA", a.uuid, b.uuid, attributes={"Att": True})
        p.add_relation("RA", a.uuid, c.uuid, attributes={"Att": True})
        yield p


def test_an_attribute_invalid_already_is_refused_up_front(project: Project) -> None:
    narrowed(project, "Att", ("RC",))
    schema, before = project.schema, state(project)
    with pytest.raises(SchemaError) as raised:
        remove_label_command(project, "RA", relabel_to="RB")
    assert str(raised.value) == (
        "cannot relabel RA as RB: 2 annotations carry attributes RB does not take (Att). "
        "Define them for RB, remove them from the annotations first, or choose another label"
    )
    assert project.schema == schema
    assert state(project) == before


def test_an_attribute_valid_now_is_refused_with_the_same_count(project: Project) -> None:
    before = state(project)
    with pytest.raises(SchemaError) as raised:
        remove_label_command(project, "RA", relabel_to="RB")
    assert str(raised.value) == (
        "cannot relabel RA as RB: 2 annotations carry attributes RB does not take (Att). "
        "Define them for RB, remove them from the annotations first, or choose another label"
    )
    assert state(project) == before


def test_a_type_that_takes_it_makes_the_relations_valid(project: Project) -> None:
    narrowed(project, "Att", ("RC",))
    remove_label_command(project, "RA", relabel_to="RC").do(project)
    assert [(r.type, r.attributes) for r in project.relations()] == [
        ("RC", {"Att": True}),
        ("RC", {"Att": True}),
    ]


@pytest.mark.parametrize("invalid_already", [False, True])
def test_one_relation_retyped_meets_the_rule_one_span_meets(
    project: Project, invalid_already: bool
) -> None:
    if invalid_already:
        narrowed(project, "Att", ("RC",))
    relation = project.relations()[0]
    before = state(project)
    with pytest.raises(AnnotatorError) as raised:
        UpdateRelation(relation.uuid, type="RB").do(project)
    assert str(raised.value) == (
        "relabelled 'RB', this 'RA' would carry attribute 'Att', which 'RB' does not take: "
        "remove the attribute first, or choose another label"
    )
    assert state(project) == before
    if invalid_already:  # a type that takes it makes the relation valid
        UpdateRelation(relation.uuid, type="RC").do(project)
        assert project.relation(relation.uuid).type == "RC"

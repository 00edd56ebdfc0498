"""Renaming an attribute or an enum value carries into the records' attribute values in the
same undo step, as a label rename carries into their labels (QA13 defect 3: only the schema
changed, ``check`` then reported the records' values as undefined)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from annotator.commands.schema import (
    SetSchema,
    rename_attribute_command,
    rename_attribute_value_command,
)
from annotator.errors import SchemaError
from annotator.project import Project
from annotator.schema import AttributeDef
from annotator.schema.edit import with_attributes
from annotator.validation import check_layer

TEXT = "اعتقل محمد علي ببغداد. وقالت الشرطة إن الهجوم وقع في بغداد."
ME = "amal"


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project.create(tmp_path / "p.annotator") as p:
        extra = AttributeDef("Certain", "enum", ("NAM", "Yes"), ("PHYS",))
        p.set_schema(with_attributes(p.schema, (*p.schema.attributes, extra)))
        doc = p.add_document(TEXT, name="d")
        per = p.add_span(doc.id, *at("محمد علي"), "PER", ME, attributes={"MentionType": "NAM"})
        p.add_span(doc.id, *at("الشرطة"), "PER", "basma", attributes={"MentionType": "NAM"})
        p.add_span(doc.id, *at("الهجوم"), "PER", "basma", attributes={"MentionType": "NOM"})
        gpe = p.add_span(doc.id, 16, 21, "GPE", ME, attributes={"MentionType": "PRO"})
        trg = p.add_span(doc.id, *at("اعتقل"), "Justice.Arrest-Jail", ME)
        p.add_event(trg.uuid, attributes={"Realis": "Actual", "Tense": "Past"})
        p.add_relation("PHYS", per.uuid, gpe.uuid, attributes={"Certain": "NAM"})
        yield p


def state(project: Project) -> Any:
    def strip(records: Any) -> list[Any]:
        return sorted((dataclasses.replace(r, clock="") for r in records), key=lambda r: r.uuid)

    return (
        project.schema.to_json(),
        strip(project.spans()),
        strip(project.events()),
        strip(project.relations()),
    )


def problems(project: Project) -> list[Any]:
    doc = project.documents()[0]
    return [
        issue
        for layer in (ME, "basma")
        for issue in check_layer(project.layer(doc.id, layer), project.schema, layer)
    ]


def mention(project: Project, key: str = "MentionType") -> list[Any]:
    return sorted(str(s.attributes.get(key)) for s in project.spans(label="PER"))


def test_attribute_rename_carries_into_every_layer_and_undo_restores(project: Project) -> None:
    before = state(project)
    assert problems(project) == []
    cmd = rename_attribute_command(project, "MentionType", "Mention")
    assert cmd.text == "rename attribute MentionType to Mention"
    cmd.do(project)
    assert project.schema.attribute("MentionType") is None
    renamed = project.schema.attribute("Mention")
    assert renamed is not None and renamed.ar == "نوع الذكر"
    assert mention(project, "Mention") == ["NAM", "NAM", "NOM"]
    assert [s.attributes for s in project.spans(label="GPE")] == [{"Mention": "PRO"}]
    # other attributes untouched (the relation's value NAM is another attribute's)
    assert [r.attributes for r in project.relations()] == [{"Certain": "NAM"}]
    assert [e.attributes for e in project.events()] == [{"Realis": "Actual", "Tense": "Past"}]
    assert problems(project) == []
    after = state(project)
    cmd.undo(project)
    assert state(project) == before
    cmd.do(project)
    assert state(project) == after


def test_value_rename_carries_into_records_of_that_attribute_only(project: Project) -> None:
    before = state(project)
    cmd = rename_attribute_value_command(project, "MentionType", "NAM", "NAME")
    assert cmd.text == "rename value NAM to NAME"
    cmd.do(project)
    attr = project.schema.attribute("MentionType")
    assert attr is not None and attr.values == ("NAME", "NOM", "PRO")
    assert dict(attr.values_ar)["NAME"] == "اسم علم"
    assert mention(project) == ["NAME", "NAME", "NOM"]
    assert [r.attributes for r in project.relations()] == [{"Certain": "NAM"}]
    assert problems(project) == []
    cmd.undo(project)
    assert state(project) == before


def test_event_value_rename(project: Project) -> None:
    cmd = rename_attribute_value_command(project, "Realis", "Actual", "Real")
    cmd.do(project)
    assert [e.attributes for e in project.events()] == [{"Realis": "Real", "Tense": "Past"}]
    assert problems(project) == []


def test_undo_follows_records_written_meanwhile(project: Project) -> None:
    cmd = rename_attribute_command(project, "MentionType", "Mention")
    cmd.do(project)
    doc = project.documents()[0]
    late = project.add_span(doc.id, 16, 21, "LOC", "other", attributes={"Mention": "NOM"})
    cmd.undo(project)
    assert project.span(late.uuid).attributes == {"MentionType": "NOM"}
    assert problems(project) == []
    cmd.do(project)
    assert project.span(late.uuid).attributes == {"Mention": "NOM"}


def test_value_undo_follows_records_written_meanwhile(project: Project) -> None:
    cmd = rename_attribute_value_command(project, "MentionType", "NAM", "NAME")
    cmd.do(project)
    doc = project.documents()[0]
    late = project.add_span(doc.id, 50, 55, "LOC", "other", attributes={"MentionType": "NAME"})
    cmd.undo(project)
    assert project.span(late.uuid).attributes == {"MentionType": "NAM"}


def test_rename_onto_a_name_in_use_is_refused(project: Project) -> None:
    before = state(project)
    with pytest.raises(SchemaError, match="already exists"):
        rename_attribute_command(project, "MentionType", "Tense")
    with pytest.raises(SchemaError, match="already exists"):
        rename_attribute_command(project, "MentionType", "tense")
    with pytest.raises(SchemaError, match="already exists"):
        rename_attribute_value_command(project, "MentionType", "NAM", "NOM")
    with pytest.raises(SchemaError):
        rename_attribute_command(project, "MentionType", "A,B")
    with pytest.raises(SchemaError):
        rename_attribute_value_command(project, "MentionType", "XYZ", "NOM2")
    assert state(project) == before


def test_same_name_is_a_plain_schema_step(project: Project) -> None:
    assert isinstance(rename_attribute_command(project, "Tense", "Tense"), SetSchema)


def test_a_record_the_rules_refuse_refuses_the_whole_step(project: Project) -> None:
    # NAM made invalid already (narrowed away): the rename writes nothing, as a label
    # rename refuses an attribute invalid already
    narrowed = tuple(
        dataclasses.replace(a, values=("NOM", "PRO")) if a.name == "MentionType" else a
        for a in project.schema.attributes
    )
    project.set_schema(with_attributes(project.schema, narrowed))
    before = state(project)
    cmd = rename_attribute_command(project, "MentionType", "Mention")
    with pytest.raises(SchemaError):
        cmd.do(project)
    assert state(project) == before

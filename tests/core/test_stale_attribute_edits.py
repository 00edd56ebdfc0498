"""An attribute value its label no longer has (the schema changed after it was set, or an
import brought it) refuses no edit of the record it sits on: an edit is judged by what it
changes (``rules.edit_of``, ``attributes_problem``'s ``held``). Before, the core judged the
whole attribute set, so every edit of such a span (another attribute, its note, its offsets,
the removal of one of two stale values) was refused for the value the edit left alone.
A value an edit adds or changes is judged as ever; the API without an edit (``Project``),
the importers and ``check`` judge every value, as before."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator import rules
from annotator.commands import UpdateEvent, UpdateSpan
from annotator.errors import SchemaError
from annotator.project import Project
from annotator.schema import AttributeDef
from annotator.validation import check_project

TEXT = "قال جان إيف لودريان إن الاجتماع سيعقد في باريس."
ME = "amal"
NOT_DEFINED = "attribute {attribute} is not defined for {label}"


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    """A PER span holding Old=kept and Older=x, two text attributes the schema then gave to
    ORG only, and MentionType=NAM; a Contact.Meet event holding Realis=Actual, a value the
    schema then renamed Real."""
    with Project.create(tmp_path / "p.annotator") as p:
        doc = p.add_document(TEXT, name="d")
        extra = (
            AttributeDef("Old", "text", (), ("PER",)),
            AttributeDef("Older", "text", (), ("PER",)),
        )
        p.set_schema(dataclasses.replace(p.schema, attributes=(*p.schema.attributes, *extra)))
        p.add_span(
            doc.id,
            *at("لودريان"),
            "PER",
            ME,
            attributes={"MentionType": "NAM", "Old": "kept", "Older": "x"},
        )
        trg = p.add_span(doc.id, *at("الاجتماع"), "Contact.Meet", ME)
        p.add_event(trg.uuid, attributes={"Realis": "Actual", "Polarity": "Positive"})
        attrs = tuple(
            dataclasses.replace(a, values=("Real", "Generic", "Other"), values_ar=())
            if a.name == "Realis"
            else dataclasses.replace(a, labels=("ORG",))
            if a.name in ("Old", "Older")
            else a
            for a in p.schema.attributes
        )
        p.set_schema(dataclasses.replace(p.schema, attributes=attrs))
        yield p


def per(p: Project) -> str:
    return next(s.uuid for s in p.spans(1) if s.label == "PER")


def test_another_attribute_is_edited_while_a_stale_one_stays(project: Project) -> None:
    uuid = per(project)
    attributes = {**project.span(uuid).attributes, "MentionType": "NOM"}
    cmd = UpdateSpan(uuid, attributes=attributes)
    cmd.do(project)  # refused before: 'Old' is not defined for 'PER'
    assert dict(project.span(uuid).attributes) == attributes
    cmd.undo(project)
    assert project.span(uuid).attributes["MentionType"] == "NAM"
    cmd.do(project)
    assert project.span(uuid).attributes["MentionType"] == "NOM"


def test_note_and_offsets_are_edited_while_a_stale_one_stays(project: Project) -> None:
    uuid = per(project)
    UpdateSpan(uuid, note="checked").do(project)
    start, end = at("لودريان")
    UpdateSpan(uuid, start=start - 4, end=end).do(project)
    span = project.span(uuid)
    assert span.note == "checked" and span.start == start - 4
    assert span.attributes["Old"] == "kept"


def test_one_stale_value_is_removed_while_another_stays(project: Project) -> None:
    uuid = per(project)
    cmd = UpdateSpan(uuid, attributes={"MentionType": "NAM", "Older": "x"})
    cmd.do(project)  # refused before: 'Older' is not defined for 'PER'
    assert dict(project.span(uuid).attributes) == {"MentionType": "NAM", "Older": "x"}
    cmd.undo(project)
    assert project.span(uuid).attributes["Old"] == "kept"
    UpdateSpan(uuid, attributes={"MentionType": "NAM"}).do(project)
    assert dict(project.span(uuid).attributes) == {"MentionType": "NAM"}


def test_an_edit_may_not_add_or_change_a_value_the_label_lacks(project: Project) -> None:
    uuid = per(project)
    before = project.span(uuid)
    for attributes in (
        {**before.attributes, "Old": "changed"},  # a stale value changed
        {"MentionType": "NAM", "Older": "x", "Gone": "new"},  # an undefined one added
        {**before.attributes, "Older": 1},  # the same value of another type
        {**before.attributes, "MentionType": "Nonsense"},  # a defined one made invalid
    ):
        with pytest.raises(SchemaError):
            UpdateSpan(uuid, attributes=attributes).do(project)
        assert project.span(uuid) == before
    # relabelled, every value is judged under the new label (LOC has no Old either)
    with pytest.raises(SchemaError):
        UpdateSpan(uuid, label="LOC").do(project)
    assert project.span(uuid) == before


def test_outside_an_edit_every_value_is_judged(project: Project) -> None:
    uuid = per(project)
    before = project.span(uuid)
    attributes = {**before.attributes, "MentionType": "NOM"}
    with pytest.raises(SchemaError, match="Old"):
        project.update_span(uuid, attributes=attributes)  # the API with no edit: as before
    with pytest.raises(SchemaError, match="Old"):
        project.add_span(1, *at("باريس"), "PER", ME, attributes={"Old": "kept"})
    stored = project.span(uuid)
    assert rules.span_problem(project.schema, TEXT, stored) is not None  # check lists it
    assert any(i.uuid == uuid and "Old" in i.message for i in check_project(project))
    # only the record whose stored version the edit names is judged by what it changes
    other = dataclasses.replace(stored, uuid="someone-else")
    with rules.edit_of(stored):
        assert rules.span_problem(project.schema, TEXT, stored) is None
        assert rules.span_problem(project.schema, TEXT, other) is not None
    assert rules.span_problem(project.schema, TEXT, stored) is not None


def test_held_is_judged_name_by_name() -> None:
    from annotator.schema import default_schema

    schema = default_schema()
    held = {"Gone": "x", "Flag": True}
    assert rules.attributes_problem(schema, "PER", held, "span", held) is None
    assert rules.attributes_problem(schema, "PER", {"Gone": "x"}, "span", held) is None
    problem = rules.attributes_problem(schema, "PER", {"Flag": 1}, "span", held)
    assert problem is not None and problem.kind == "attribute"
    problem = rules.attributes_problem(schema, "PER", {"Gone": "y"}, "span", held)
    assert problem is not None and "Gone" in problem.message


def test_an_event_attribute_is_edited_while_a_stale_value_stays(project: Project) -> None:
    ev = project.events(1)[0]
    attributes = {**ev.attributes, "Tense": "Past"}
    cmd = UpdateEvent(ev.uuid, attributes=attributes)
    cmd.do(project)  # refused before: 'Actual' is not a value of Realis
    assert dict(project.event(ev.uuid).attributes) == attributes
    cmd.undo(project)
    assert "Tense" not in project.event(ev.uuid).attributes
    with pytest.raises(SchemaError):
        UpdateEvent(ev.uuid, attributes={**ev.attributes, "Realis": "Actually"}).do(project)


def test_a_relation_attribute_is_edited_while_a_stale_value_stays(project: Project) -> None:
    from annotator.commands.schema import UpdateRelation

    extra = (
        AttributeDef("Kept", "text", (), ("PHYS",)),
        AttributeDef("Gone", "text", (), ("PHYS",)),
        AttributeDef("Gone2", "text", (), ("PHYS",)),
    )
    project.set_schema(
        dataclasses.replace(project.schema, attributes=(*project.schema.attributes, *extra))
    )
    place = project.add_span(1, *at("باريس"), "GPE", ME)
    rel = project.add_relation(
        "PHYS", per(project), place.uuid, attributes={"Gone": "a", "Gone2": "b"}
    )
    attrs = tuple(
        dataclasses.replace(a, labels=("ART",)) if a.name in ("Gone", "Gone2") else a
        for a in project.schema.attributes
    )
    project.set_schema(dataclasses.replace(project.schema, attributes=attrs))
    # another attribute added while both stale values stay; then one of the two removed
    cmd = UpdateRelation(rel.uuid, attributes={"Gone": "a", "Gone2": "b", "Kept": "k"})
    cmd.do(project)  # refused before: Gone and Gone2 are not defined for PHYS
    assert dict(project.relation(rel.uuid).attributes) == {"Gone": "a", "Gone2": "b", "Kept": "k"}
    UpdateRelation(rel.uuid, attributes={"Gone2": "b", "Kept": "k"}).do(project)
    assert dict(project.relation(rel.uuid).attributes) == {"Gone2": "b", "Kept": "k"}
    with pytest.raises(SchemaError):  # changing a stale value is still refused
        UpdateRelation(rel.uuid, attributes={"Gone2": "c", "Kept": "k"}).do(project)

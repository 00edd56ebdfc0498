"""Renames and their undo, QA round 12.

1. Undoing a rename relabelled records that carried the new name before the rename (an
   orphan of a label or role removed earlier, kept): the undo's follow (``FollowRename``,
   ``FollowRoleRename``) now leaves alone what carried the name before the step, while what
   others wrote under it meanwhile still follows.
2. Rename PER -> PERSON, then a merge adopts a colleague's attribute on PERSON: the undo was
   refused forever ("attribute X refers to unknown labels: PERSON"); ``rebase_schema`` now
   renames every reference in the schema as stored, as ``rename_label`` does.
3. A rename when spans carry an attribute invalid already was built, then ``do`` raised the
   raw rule; it is refused up front with the removal's counted message.
4. Undoing a rename widened an attribute another window had narrowed meanwhile (Att on
   PERSON narrowed to ORG came back on PER and ORG).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from annotator.commands.schema import (
    SetSchema,
    rebase_schema,
    remove_label_command,
    rename_label_command,
    rename_role_command,
)
from annotator.errors import SchemaError
from annotator.exchange import merge_bundle, read_bundle, write_bundle
from annotator.project import Project
from annotator.schema import AttributeDef, Schema, default_schema
from annotator.schema.edit import add_label, rename_label, with_attributes, with_label
from annotator.schema.model import Label
from tests.core.stored import live, problems, state

TEXT = "قال محمد إن الاجتماع في باريس كان مثمرا جدا"


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def narrowed(schema: Schema, name: str, labels: tuple[str, ...]) -> Schema:
    attributes = tuple(
        dataclasses.replace(a, labels=labels) if a.name == name else a for a in schema.attributes
    )
    return with_attributes(schema, attributes)


def test_undo_of_a_label_rename_leaves_the_orphans_of_the_new_name_alone(tmp_path: Path) -> None:
    path = tmp_path / "t.annotator"
    with Project.create(path) as p:
        schema = add_label(p.schema, Label("X", color="#112233"))
        p.set_schema(add_label(schema, Label("Y", color="#445566")))
        doc = p.add_document(TEXT, name="d")
        orphan = p.add_span(doc.id, *at("محمد"), "X", "me")
        p.add_span(doc.id, *at("باريس"), "Y", "me")
        remove_label_command(p, "X").do(p)  # X's span kept: unknown-label X
        before, schema_before, found = live(p), p.schema, problems(p)
        cmd = rename_label_command(p, "Y", "X")
        cmd.do(p)
        assert sorted(s.label for s in p.spans()) == ["X", "X"]
        cmd.undo(p)
        assert p.schema == schema_before
        assert live(p) == before
        assert problems(p) == found
        cmd.do(p)  # redo, and undo again: the orphan still left alone
        with Project.open(path) as other:  # written under X meanwhile: follows the undo
            other.add_span(doc.id, *at("الاجتماع"), "X", "sara")
        p.refresh()
        cmd.undo(p)
        assert p.span(orphan.uuid).label == "X"
        assert sorted((s.label, s.annotator) for s in p.spans()) == [
            ("X", "me"),
            ("Y", "me"),
            ("Y", "sara"),
        ]


def test_undo_of_a_role_rename_leaves_the_orphans_of_the_new_role_alone(tmp_path: Path) -> None:
    with Project.create(tmp_path / "t.annotator") as p:
        doc = p.add_document(TEXT, name="d")
        trigger = p.add_span(doc.id, *at("الاجتماع"), "Contact.Meet", "me")
        event = p.add_event(trigger.uuid)
        place = p.add_span(doc.id, *at("باريس"), "GPE", "me")
        p.add_argument(event.uuid, "Place", place.uuid)
        person = p.add_span(doc.id, *at("محمد"), "PER", "me")
        p.add_argument(event.uuid, "Entity", person.uuid)
        et = p.schema.event("Contact.Meet")
        assert et is not None
        roles = tuple(r for r in et.roles if r.name != "Place")
        SetSchema(with_label(p.schema, dataclasses.replace(et, roles=roles))).do(p)
        before, found = live(p), problems(p)
        cmd = rename_role_command(p, "Contact.Meet", "Entity", "Place")
        cmd.do(p)
        assert sorted(a.role for a in p.arguments(event.uuid)) == ["Place", "Place"]
        cmd.undo(p)
        assert live(p) == before
        assert problems(p) == found


def test_undo_of_a_rename_renames_what_a_merge_adopted_on_the_new_name(tmp_path: Path) -> None:
    bundle = tmp_path / "b.bundle"
    theirs = rename_label(default_schema(), "PER", "PERSON")
    theirs = with_attributes(
        theirs, (*theirs.attributes, AttributeDef("X", "bool", (), ("PERSON",)))
    )
    with Project.create(tmp_path / "s.annotator", schema=theirs) as s:
        doc = s.add_document(TEXT)
        s.add_span(doc.id, *at("باريس"), "PERSON", "amal", attributes={"X": True})
        write_bundle(s, "amal", bundle)
    path = tmp_path / "t.annotator"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="d")
        p.add_span(doc.id, *at("محمد"), "PER", "me")
        cmd = rename_label_command(p, "PER", "PERSON")
        cmd.do(p)
        with Project.open(path) as w:
            merge_bundle(w, read_bundle(bundle), "b")
        p.refresh()
        cmd.undo(p)
        x = p.schema.attribute("X")
        assert x is not None and x.labels == ("PER",)
        spans = sorted(p.spans(), key=lambda s: s.annotator)
        assert [(s.label, s.annotator, s.attributes) for s in spans] == [
            ("PER", "amal", {"X": True}),
            ("PER", "me", {}),
        ]
        assert problems(p) == [] and p.schema.problems() == []
        cmd.do(p)
        x = p.schema.attribute("X")
        assert x is not None and x.labels == ("PERSON",)
        assert sorted(s.label for s in p.spans()) == ["PERSON", "PERSON"]
        assert problems(p) == []


def test_rename_with_an_attribute_invalid_already_is_refused_up_front(tmp_path: Path) -> None:
    with Project.create(tmp_path / "t.annotator") as p:
        p.set_schema(
            with_attributes(
                p.schema, (*p.schema.attributes, AttributeDef("Att", "bool", (), ("PER",)))
            )
        )
        doc = p.add_document(TEXT, name="d")
        p.add_span(doc.id, *at("محمد"), "PER", "me", attributes={"Att": True})
        p.add_span(doc.id, *at("باريس"), "PER", "me")
        SetSchema(narrowed(p.schema, "Att", ("ORG",))).do(p)
        before, schema = state(p), p.schema
        with pytest.raises(SchemaError) as refused:
            rename_label_command(p, "PER", "PERSON")
        assert str(refused.value) == (
            "cannot relabel PER as PERSON: 1 annotation carries attribute Att, which PERSON "
            "does not take. Define it for PERSON, remove it from the annotation first, or "
            "choose another label"
        )
        assert state(p) == before and p.schema == schema


def test_undo_of_a_rename_does_not_widen_an_attribute_narrowed_meanwhile(
    tmp_path: Path,
) -> None:
    path = tmp_path / "t.annotator"
    with Project.create(path) as p:
        p.set_schema(
            with_attributes(
                p.schema, (*p.schema.attributes, AttributeDef("Att", "bool", (), ("PER",)))
            )
        )
        doc = p.add_document(TEXT, name="d")
        p.add_span(doc.id, *at("باريس"), "PER", "me")
        cmd = rename_label_command(p, "PER", "PERSON")
        cmd.do(p)
        with Project.open(path) as other:
            SetSchema(narrowed(other.schema, "Att", ("ORG",))).do(other)
        p.refresh()
        cmd.undo(p)
        att = p.schema.attribute("Att")
        assert att is not None and att.labels == ("ORG",)
        assert [s.label for s in p.spans()] == ["PER"]
        cmd.do(p)
        att = p.schema.attribute("Att")
        assert att is not None and att.labels == ("ORG",)


def test_undo_refused_over_a_span_invalid_meanwhile_does_not_widen_either(
    tmp_path: Path,
) -> None:
    path = tmp_path / "t.annotator"
    with Project.create(path) as p:
        p.set_schema(
            with_attributes(
                p.schema, (*p.schema.attributes, AttributeDef("Att", "bool", (), ("PER",)))
            )
        )
        doc = p.add_document(TEXT, name="d")
        p.add_span(doc.id, *at("باريس"), "PER", "me")
        cmd = rename_label_command(p, "PER", "PERSON")
        cmd.do(p)
        with Project.open(path) as other:
            other.add_span(doc.id, *at("محمد"), "PERSON", "sara", attributes={"Att": True})
            SetSchema(narrowed(other.schema, "Att", ("ORG",))).do(other)
        p.refresh()
        before, schema = state(p), p.schema
        with pytest.raises(SchemaError):
            cmd.undo(p)
        assert state(p) == before and p.schema == schema
    with Project.open(path) as p:
        att = p.schema.attribute("Att")
        assert att is not None and att.labels == ("ORG",)


def test_rebase_of_a_rename_keeps_a_list_that_lost_the_name_meanwhile() -> None:
    base = with_attributes(
        default_schema(),
        (*default_schema().attributes, AttributeDef("Att", "bool", (), ("PER",))),
    )
    renamed = rename_label(base, "PER", "PERSON")
    current = narrowed(renamed, "Att", ("ORG",))
    back = rebase_schema(renamed, base, current, ("PERSON", "PER"))
    att = back.attribute("Att")
    assert att is not None and att.labels == ("ORG",)
    # without the rename said, a plain edit's undo adds what it removed, as before
    plain = rebase_schema(renamed, base, current)
    att = plain.attribute("Att")
    assert att is not None and att.labels == ("PER", "ORG")


def test_redo_takes_along_what_a_merge_wrote_under_the_old_name_adopted_meanwhile(
    tmp_path: Path,
) -> None:
    """Rename PER -> PERSON, a merge adopts a colleague's PER (and a span of it), undo (the
    schema's PERSON and the adopted PER are one label PER again), redo: the colleague's span
    carried PER while the schema had it, so it is no orphan and follows to PERSON."""
    bundle = tmp_path / "b.bundle"
    with Project.create(tmp_path / "s.annotator") as s:
        doc = s.add_document(TEXT)
        s.add_span(doc.id, *at("باريس"), "PER", "amal")
        write_bundle(s, "amal", bundle)
    path = tmp_path / "t.annotator"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="d")
        p.add_span(doc.id, *at("محمد"), "PER", "me")
        cmd = rename_label_command(p, "PER", "PERSON")
        cmd.do(p)
        with Project.open(path) as w:
            merge_bundle(w, read_bundle(bundle), "b")
        p.refresh()
        cmd.undo(p)
        assert sorted((s.label, s.annotator) for s in p.spans()) == [
            ("PER", "amal"),
            ("PER", "me"),
        ]
        cmd.do(p)
        assert sorted((s.label, s.annotator) for s in p.spans()) == [
            ("PERSON", "amal"),
            ("PERSON", "me"),
        ]
        assert problems(p) == []

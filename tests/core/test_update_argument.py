"""An argument's role changes in place: ``UpdateArgument`` and the role rename of the schema
editor (``rename_role_command``) keep the argument's uuid and write a new version of it, so
undo, redo and a colleague's merge see one change, not a deletion and a new argument. The
rules that refuse an added argument refuse the update, leaving the project as it was."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.commands import AddArgument, UpdateArgument
from annotator.commands.schema import SetSchema, rename_role_command
from annotator.errors import AnnotatorError
from annotator.exchange import canonical_dump, merge_bundle, read_bundle, write_bundle
from annotator.model import Argument
from annotator.project import Project
from annotator.schema.edit import rename_role, with_label

TEXT = "قال جان إيف لودريان إن الاجتماع سيعقد في باريس مع وفد من لندن."
ME = "amal"


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def _meeting(p: Project, who: str) -> tuple[str, str, str]:
    """A Contact.Meet event with a Place argument (Paris); (event, argument, Paris) uuids."""
    doc = p.documents()[0]
    trigger = p.add_span(doc.id, *at("الاجتماع"), "Contact.Meet", who)
    event = p.add_event(trigger.uuid)
    paris = p.add_span(doc.id, *at("باريس"), "GPE", who)
    arg = p.add_argument(event.uuid, "Place", paris.uuid)
    return event.uuid, arg.uuid, paris.uuid


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project.create(tmp_path / "p.annotator") as p:
        p.add_document(TEXT, name="d")
        yield p


def _args(p: Project) -> dict[str, str]:
    """uuid -> role of every live argument, every layer."""
    return {a.uuid: a.role for e in p.events() for a in p.arguments(e.uuid)}


def _state(p: Project) -> tuple[str, object, int]:
    return canonical_dump(p), p.schema, len(p.changes())


def test_update_argument_keeps_the_uuid_through_undo_and_redo(project: Project) -> None:
    event, arg, paris = _meeting(project, ME)
    cmd = UpdateArgument(arg, role="Entity")
    changed = cmd.do(project)
    assert _args(project) == {arg: "Entity"}
    assert changed.uuids == (arg,) and changed.created == frozenset()
    assert project.argument(arg).target == paris and project.argument(arg).event == event
    assert [c.action for c in project.changes(arg)][:2] == ["update", "add"]  # newest first
    cmd.undo(project)
    assert _args(project) == {arg: "Place"}
    cmd.do(project)
    assert _args(project) == {arg: "Entity"}


def test_rename_role_keeps_every_argument_uuid_in_every_layer(project: Project) -> None:
    _, mine, _ = _meeting(project, ME)
    _, theirs, _ = _meeting(project, "basma")
    before = project.schema
    cmd = rename_role_command(project, "Contact.Meet", "Place", "Location")
    changed = cmd.do(project)
    meet = project.schema.event("Contact.Meet")
    assert meet is not None and meet.role("Location") is not None and meet.role("Place") is None
    assert _args(project) == {mine: "Location", theirs: "Location"}
    assert set(changed.uuids) == {mine, theirs} and changed.created == frozenset()
    assert {r.uuid: r.deleted for r in changed.records} == {mine: False, theirs: False}
    cmd.undo(project)
    assert project.schema == before
    assert _args(project) == {mine: "Place", theirs: "Place"}
    cmd.do(project)
    assert _args(project) == {mine: "Location", theirs: "Location"}
    assert len(project.versions("arguments")) == 2  # no tombstones, no new records


def test_a_colleagues_role_rename_merges_as_an_update(project: Project, tmp_path: Path) -> None:
    with Project.create(tmp_path / "colleague.annotator") as colleague:
        colleague.add_document(TEXT, name="d")
        _, arg, _ = _meeting(colleague, "badr")
        write_bundle(colleague, "badr", tmp_path / "v1.bundle")
        first = merge_bundle(project, read_bundle(tmp_path / "v1.bundle"))
        assert first.added == 4  # trigger, event, Paris, argument
        # both sides share the schema with the renamed role
        project.set_schema(rename_role(project.schema, "Contact.Meet", "Place", "Location"))
        rename_role_command(colleague, "Contact.Meet", "Place", "Location").do(colleague)
        write_bundle(colleague, "badr", tmp_path / "v2.bundle")
    report = merge_bundle(project, read_bundle(tmp_path / "v2.bundle"))
    assert (report.added, report.updated, report.kept) == (0, 1, 3)
    assert report.quarantined == []
    assert _args(project) == {arg: "Location"}
    stored = [r for r in project.versions("arguments") if isinstance(r, Argument)]
    assert [(r.uuid, r.role, r.deleted) for r in stored] == [(arg, "Location", False)]


@pytest.mark.parametrize(
    ("role", "rule"),
    [("Nope", "no role"), ("Time", "does not accept"), ("Entity", "already fills")],
)
def test_the_rules_refuse_an_invalid_update(project: Project, role: str, rule: str) -> None:
    event, arg, paris = _meeting(project, ME)
    AddArgument(event, "Entity", paris).do(project)  # Paris fills Entity too
    before = _state(project)
    with pytest.raises(AnnotatorError, match=rule):
        UpdateArgument(arg, role=role).do(project)
    assert _state(project) == before


def test_a_rename_that_would_repeat_an_argument_is_refused_whole(project: Project) -> None:
    event, place, paris = _meeting(project, ME)
    entity = project.add_argument(event, "Entity", paris).uuid
    # the Entity role removed from the schema: its argument stays (check reports it)
    meet = project.schema.event("Contact.Meet")
    assert meet is not None
    roles = tuple(r for r in meet.roles if r.name != "Entity")
    SetSchema(with_label(project.schema, dataclasses.replace(meet, roles=roles))).do(project)
    before = _state(project)
    cmd = rename_role_command(project, "Contact.Meet", "Place", "Entity")
    with pytest.raises(AnnotatorError, match="already fills"):
        cmd.do(project)
    assert _state(project) == before
    assert _args(project) == {place: "Place", entity: "Entity"}

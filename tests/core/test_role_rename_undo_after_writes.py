"""Undoing a role rename after arguments in the new role were written by someone else (a merge
mapping a colleague's role onto it with ``role_map`` / ``--map-role``, another window adding
one) moved back only the arguments the rename itself had moved: the others stayed in a role
the event type no longer had (``check``: unknown-role). Undo now gives the role its old name
back on every argument of that event type in the same step, and redo the new one again
(``commands.schema.FollowRoleRename``); arguments of other event types are not touched. When
the old role cannot come back (defined again otherwise meanwhile) the undo is refused and
nothing is written."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from annotator.commands.edits import ChangedMeanwhile
from annotator.commands.schema import rename_role_command
from annotator.errors import SchemaError
from annotator.exchange import merge_bundle, read_bundle, write_bundle
from annotator.project import Project
from annotator.schema import default_schema
from annotator.schema.edit import rename_role, with_label
from annotator.schema.model import Role
from annotator.validation import check_project
from tests.core.stored import state

TEXT = "قال محمد إن الاجتماع في باريس كان مثمرا جدا مع وفد من لندن"


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def meeting(p: Project, who: str, place: str = "باريس", kind: str = "Contact.Meet") -> str:
    """An event of ``kind`` (trigger: the meeting) with a Place argument; the event's uuid."""
    doc = p.documents()[0]
    trigger = p.add_span(doc.id, *at("الاجتماع"), kind, who)
    event = p.add_event(trigger.uuid)
    filler = p.add_span(doc.id, *at(place), "GPE", who)
    p.add_argument(event.uuid, "Place", filler.uuid)
    return event.uuid


def roles(p: Project, kind: str = "Contact.Meet") -> list[tuple[str, str]]:
    return sorted(
        (a.role, p.event(e.uuid).annotator)
        for e in p.events(type=kind)
        for a in p.arguments(e.uuid)
    )


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "t.annotator"
    with Project.create(path) as p:
        p.add_document(TEXT, name="d")
        meeting(p, "me")
    return path


def test_undo_and_redo_move_what_a_merge_wrote_in_the_new_role(path: Path, tmp_path: Path) -> None:
    bundle = tmp_path / "b.bundle"
    theirs = rename_role(default_schema(), "Contact.Meet", "Place", "Venue")
    with Project.create(tmp_path / "s.annotator", schema=theirs) as s:
        doc = s.add_document(TEXT)
        trigger = s.add_span(doc.id, *at("الاجتماع"), "Contact.Meet", "amal")
        event = s.add_event(trigger.uuid)
        s.add_argument(event.uuid, "Venue", s.add_span(doc.id, *at("لندن"), "GPE", "amal").uuid)
        write_bundle(s, "amal", bundle)
    with Project.open(path) as p:
        cmd = rename_role_command(p, "Contact.Meet", "Place", "Location")
        cmd.do(p)
        with Project.open(path) as worker:  # the merge job's own connection
            report = merge_bundle(worker, read_bundle(bundle), "b", role_map={"Venue": "Location"})
            assert report.quarantined == []
        p.refresh()
        assert roles(p) == [("Location", "amal"), ("Location", "me")]
        changed = cmd.undo(p)
        assert roles(p) == [("Place", "amal"), ("Place", "me")]
        meet = p.schema.event("Contact.Meet")
        assert meet is not None and meet.role("Location") is None
        arguments = {a.uuid for e in p.events() for a in p.arguments(e.uuid)}
        assert arguments <= {r.uuid for r in changed.records}
        assert check_project(p) == []
        cmd.do(p)
        assert roles(p) == [("Location", "amal"), ("Location", "me")]
        assert check_project(p) == []
        cmd.undo(p)
        assert roles(p) == [("Place", "amal"), ("Place", "me")]
        assert check_project(p) == []


def test_redo_moves_what_was_written_in_the_old_role_after_the_undo(path: Path) -> None:
    with Project.open(path) as p:
        cmd = rename_role_command(p, "Contact.Meet", "Place", "Location")
        cmd.do(p)
        with Project.open(path) as other:  # another window
            event = other.add_event(other.add_span(1, *at("قال"), "Contact.Meet", "sara").uuid)
            other.add_argument(
                event.uuid, "Location", other.add_span(1, *at("لندن"), "GPE", "sara").uuid
            )
        cmd.undo(p)
        assert roles(p) == [("Place", "me"), ("Place", "sara")]
        with Project.open(path) as other:
            meeting(other, "basma", place="لندن")
        cmd.do(p)
        assert roles(p) == [("Location", "basma"), ("Location", "me"), ("Location", "sara")]
        assert check_project(p) == []


def test_arguments_of_other_event_types_keep_their_role(path: Path) -> None:
    with Project.open(path) as p:
        meeting(p, "ali", kind="Conflict.Attack")
        cmd = rename_role_command(p, "Contact.Meet", "Place", "Location")
        cmd.do(p)
        with Project.open(path) as other:
            meeting(other, "sara", place="لندن", kind="Conflict.Attack")
        cmd.undo(p)
        cmd.do(p)
        assert roles(p) == [("Location", "me")]
        assert roles(p, "Conflict.Attack") == [("Place", "ali"), ("Place", "sara")]
        assert check_project(p) == []


def test_undo_refused_and_nothing_written_when_the_old_role_was_defined_again(
    path: Path,
) -> None:
    with Project.open(path) as p:
        cmd = rename_role_command(p, "Contact.Meet", "Place", "Location")
        cmd.do(p)
        with Project.open(path) as other:  # Place again, other types, and a Location argument
            meet = other.schema.event("Contact.Meet")
            assert meet is not None
            again = (*meet.roles, Role("Place", types=("LOC",)))
            other.set_schema(with_label(other.schema, replace(meet, roles=again)))
            event = other.add_event(other.add_span(1, *at("قال"), "Contact.Meet", "sara").uuid)
            other.add_argument(
                event.uuid, "Location", other.add_span(1, *at("لندن"), "GPE", "sara").uuid
            )
        p.refresh()
        schema, before = p.schema.to_json(), state(p)
        with pytest.raises(SchemaError, match="changed meanwhile"):
            cmd.undo(p)
        assert p.schema.to_json() == schema
        assert state(p) == before
        assert roles(p) == [("Location", "me"), ("Location", "sara")]


def test_undo_refused_and_nothing_written_when_an_argument_moved_back_would_repeat_one(
    path: Path,
) -> None:
    with Project.open(path) as p:
        cmd = rename_role_command(p, "Contact.Meet", "Place", "Location")
        cmd.do(p)
        with Project.open(path) as other:  # the step's argument deleted, the same one added
            (event,) = other.events(type="Contact.Meet")
            (mine,) = other.arguments(event.uuid)
            other.delete_argument(mine.uuid)
            other.add_argument(event.uuid, "Location", mine.target)
        p.refresh()
        schema, before = p.schema.to_json(), state(p)
        # the step's own argument was deleted meanwhile: since 04c20d8 the undo is refused for
        # that first (ChangedMeanwhile), before the repeated argument is judged
        with pytest.raises(ChangedMeanwhile, match=r"changed or deleted meanwhile"):
            cmd.undo(p)
        assert p.schema.to_json() == schema
        assert state(p) == before

"""Undoing a label rename after records of the new name were written by someone else (a merge
mapping a colleague's label onto it, another window adding one) put back only the records
the rename itself had relabelled: the others stayed under a name the schema no longer had
(``check``: "unknown-label: label 'PERSON' is not in the schema"). Undo now gives the label
its old name back everywhere in the same step, and redo the new one again
(``commands.schema.FollowRename``); spans, events (with their triggers) and relations alike.
When the old name cannot come back (defined again otherwise meanwhile) the undo is refused
and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator import commands as cmds
from annotator.commands.schema import rename_label_command
from annotator.errors import SchemaError
from annotator.exchange import merge_bundle, read_bundle, write_bundle
from annotator.project import Project
from annotator.schema import default_schema
from annotator.schema.edit import add_label, rename_label
from annotator.schema.model import Label
from annotator.validation import check_project
from tests.core.stored import state

TEXT = "قال محمد إن الاجتماع في باريس كان مثمرا جدا"


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def labels(p: Project) -> list[tuple[str, str]]:
    return sorted((s.label, s.annotator) for s in p.spans())


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "t.annotator"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="d")
        p.add_span(doc.id, *at("قال"), "PER", "me")
    return path


def test_undo_and_redo_relabel_what_a_merge_wrote_under_the_new_name(
    path: Path, tmp_path: Path
) -> None:
    bundle = tmp_path / "b.bundle"
    with Project.create(
        tmp_path / "s.annotator", schema=rename_label(default_schema(), "PER", "Per")
    ) as s:
        doc = s.add_document(TEXT)
        s.add_span(doc.id, *at("محمد"), "Per", "amal")
        write_bundle(s, "amal", bundle)
    with Project.open(path) as p:
        cmd = rename_label_command(p, "PER", "PERSON")
        cmd.do(p)
        with Project.open(path) as worker:  # the merge job's own connection
            merge_bundle(worker, read_bundle(bundle), "b", label_map={"Per": "PERSON"})
        p.refresh()
        assert labels(p) == [("PERSON", "amal"), ("PERSON", "me")]
        changed = cmd.undo(p)
        assert labels(p) == [("PER", "amal"), ("PER", "me")]
        assert p.schema.entity("PERSON") is None
        assert {r.uuid for r in changed.records} == {s.uuid for s in p.spans()}
        assert check_project(p) == []
        cmd.do(p)
        assert labels(p) == [("PERSON", "amal"), ("PERSON", "me")]
        assert check_project(p) == []
        cmd.undo(p)
        assert labels(p) == [("PER", "amal"), ("PER", "me")]
        assert check_project(p) == []


def test_redo_relabels_what_was_written_under_the_old_name_after_the_undo(path: Path) -> None:
    with Project.open(path) as p:
        cmd = rename_label_command(p, "PER", "PERSON")
        cmd.do(p)
        with Project.open(path) as other:  # another window
            other.add_span(1, *at("باريس"), "PERSON", "sara")
        cmd.undo(p)
        assert labels(p) == [("PER", "me"), ("PER", "sara")]
        with Project.open(path) as other:
            other.add_span(1, *at("محمد"), "PER", "sara")
        cmd.do(p)
        assert labels(p) == [("PERSON", "me"), ("PERSON", "sara"), ("PERSON", "sara")]
        assert check_project(p) == []


def test_an_event_type_rename_takes_the_events_and_triggers_written_meanwhile(
    path: Path,
) -> None:
    with Project.open(path) as p:
        trigger = p.add_span(1, *at("الاجتماع"), "Contact.Meet", "me")
        p.add_event(trigger.uuid)
        cmd = rename_label_command(p, "Contact.Meet", "Contact.Meeting")
        cmd.do(p)
        with Project.open(path) as other:
            cmds.add_event_with_trigger(1, *at("قال"), "Contact.Meeting", "sara").do(other)
        cmd.undo(p)
        assert sorted(e.type for e in p.events()) == ["Contact.Meet", "Contact.Meet"]
        triggers = {e.trigger for e in p.events()}
        meets = sorted(s.label for s in p.spans() if s.uuid in triggers)
        assert meets == ["Contact.Meet", "Contact.Meet"]
        assert check_project(p) == []
        cmd.do(p)
        assert sorted(e.type for e in p.events()) == ["Contact.Meeting", "Contact.Meeting"]
        assert check_project(p) == []


def test_a_relation_type_rename_takes_the_relations_written_meanwhile(path: Path) -> None:
    with Project.open(path) as p:
        cmd = rename_label_command(p, "PER-SOC", "SOCIAL")
        cmd.do(p)
        with Project.open(path) as other:
            a = other.add_span(1, *at("محمد"), "PER", "sara")
            b = other.add_span(1, *at("باريس"), "PER", "sara")
            other.add_relation("SOCIAL", a.uuid, b.uuid)
        cmd.undo(p)
        assert [r.type for r in p.relations()] == ["PER-SOC"]
        assert check_project(p) == []
        cmd.do(p)
        assert [r.type for r in p.relations()] == ["SOCIAL"]
        assert check_project(p) == []


def test_undo_refused_and_nothing_written_when_the_old_name_was_defined_again(
    path: Path,
) -> None:
    with Project.open(path) as p:
        cmd = rename_label_command(p, "PER", "PERSON")
        cmd.do(p)
        with Project.open(path) as other:  # PER again, another colour, and a PERSON span
            other.set_schema(add_label(other.schema, Label("PER", color="#123456")))
            other.add_span(1, *at("باريس"), "PERSON", "sara")
        p.refresh()
        schema, before = p.schema.to_json(), state(p)
        with pytest.raises(SchemaError, match="changed meanwhile"):
            cmd.undo(p)
        assert p.schema.to_json() == schema
        assert state(p) == before
        assert labels(p) == [("PERSON", "me"), ("PERSON", "sara")]

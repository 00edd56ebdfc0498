"""Undo and redo of a schema edit apply only that edit to the schema as stored then: what a
merge (or another window) added meanwhile survives; nothing changed meanwhile gives back the
exact snapshot; a change that collides with the edit refuses the undo and writes nothing."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from annotator import commands as cmds
from annotator.commands.edits import Command
from annotator.commands.schema import (
    SetSchema,
    remove_label_command,
    rename_label_command,
)
from annotator.errors import SchemaError
from annotator.exchange.merge import merge_project_file
from annotator.project import Project
from annotator.schema.edit import add_label, reorder, set_hotkey
from annotator.schema.model import AttributeDef, Label
from annotator.validation import check_project

TEXT = "اعتقل محمد علي ببغداد. وقالت الشرطة إن الهجوم وقع في بغداد."


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def base(tmp_path: Path) -> Path:
    path = tmp_path / "base.annotator"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="d")
        p.add_span(doc.id, *at("محمد علي"), "PER", "amal")
    return path


def colleague_with_product(base: Path) -> Path:
    path = base.with_name("colleague.annotator")
    shutil.copy(base, path)
    with Project.open(path) as c:
        c.set_schema(c.schema.with_labels_added(["PRODUCT"]))
        doc = c.documents()[0]
        cmds.AddSpan(doc.id, *at("الشرطة"), "PRODUCT", "sara").do(c)
    return path


def names(project: Project) -> list[str]:
    return [x.name for x in project.schema.all_labels()]


def test_undo_and_redo_of_a_rename_keep_the_labels_a_merge_added(base: Path) -> None:
    other = colleague_with_product(base)
    mine = base.with_name("me.annotator")
    shutil.copy(base, mine)
    with Project.open(mine) as p:
        cmd = rename_label_command(p, "PER", "PERSON")
        cmd.do(p)
        with Project.open(mine) as worker:  # the merge job's own connection
            merge_project_file(worker, other)
        p.refresh()
        assert p.schema.entity("PRODUCT") is not None
        cmd.undo(p)
        assert p.schema.entity("PRODUCT") is not None
        assert p.schema.entity("PER") is not None and p.schema.entity("PERSON") is None
        assert names(p).index("PER") < names(p).index("GPE")  # back in its place
        assert [s.label for s in p.spans(annotator="amal")] == ["PER"]
        assert check_project(p) == []
        cmd.do(p)
        assert p.schema.entity("PRODUCT") is not None
        assert p.schema.entity("PERSON") is not None and p.schema.entity("PER") is None
        assert [s.label for s in p.spans(annotator="amal")] == ["PERSON"]
        assert check_project(p) == []
    with Project.open(mine, read_only=True) as again:  # the file says so too
        assert again.schema.entity("PRODUCT") is not None


def test_undo_reads_the_stored_schema_even_without_refresh(base: Path) -> None:
    with Project.open(base) as p:
        cmd = SetSchema(set_hotkey(p.schema, "PER", "Alt+Shift+P"))
        cmd.do(p)
        with Project.open(base) as other:
            other.set_schema(add_label(other.schema, Label("PRODUCT")))
        cmd.undo(p)  # p never refreshed: its in-memory schema is stale
        assert p.schema.entity("PRODUCT") is not None
        per = p.schema.entity("PER")
        assert per is not None and per.hotkey == "P"


def test_undo_is_exact_when_nothing_changed_meanwhile(base: Path) -> None:
    with Project.open(base) as p:
        steps: list[Callable[[], Command]] = [
            lambda: rename_label_command(p, "PER", "PERSON"),
            lambda: remove_label_command(p, "GPE"),
            lambda: SetSchema(reorder(p.schema, [x.name for x in p.schema.entities][::-1])),
        ]
        for make in steps:
            before = p.schema
            cmd = make()
            cmd.do(p)
            after = p.schema
            cmd.undo(p)
            assert p.schema == before and p.schema.to_json() == before.to_json()
            cmd.do(p)
            assert p.schema.to_json() == after.to_json()
            cmd.undo(p)
            assert p.schema.to_json() == before.to_json()


def test_undo_refused_when_the_name_it_gives_back_was_defined_again(base: Path) -> None:
    with Project.open(base) as p:
        cmd = rename_label_command(p, "PER", "PERSON")
        cmd.do(p)
        with Project.open(base) as other:  # PER again, another colour
            other.set_schema(add_label(other.schema, Label("PER", color="#123456")))
        stored = Project.open(base, read_only=True)
        expected = stored.schema.to_json()
        stored.close()
        with pytest.raises(SchemaError, match="changed meanwhile"):
            cmd.undo(p)
        assert p.schema.to_json() == expected  # nothing written, nothing relabelled
        assert [s.label for s in p.spans()] == ["PERSON"]


def test_rebase_keeps_what_others_added_inside_labels_and_attributes() -> None:
    from annotator.commands.schema import rebase_schema  # the rule itself (new)
    from annotator.schema import Schema

    start = Schema(
        entities=(Label("PER"), Label("GPE")),
        attributes=(AttributeDef("negated", labels=("PER",)),),
    )
    edited = replace(start, entities=(Label("PER", color="#ff0000"), Label("GPE")))
    theirs = replace(
        edited,
        entities=(*edited.entities, Label("LOC")),
        attributes=(AttributeDef("negated", labels=("PER", "LOC")), AttributeDef("certain")),
    )
    undone = rebase_schema(edited, start, theirs)
    assert [x.color for x in undone.entities[:1]] == ["#999999"]
    assert [x.name for x in undone.entities] == ["PER", "GPE", "LOC"]
    assert undone.attributes == theirs.attributes

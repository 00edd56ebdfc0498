"""The entity list's bulk edits (``annotator.commands.bulk``): relabel or delete every mention
of a group, across documents and layers, as ONE undoable step under the rules."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from annotator.commands import AddArgument, AddRelation, AddSpan, add_event_with_trigger
from annotator.commands.bulk import delete_spans, relabel_spans
from annotator.errors import AnnotatorError
from annotator.project import Project
from annotator.search import entity_groups

SEED = Path(__file__).parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"
TEXT = SEED.read_text(encoding="utf-8")
OTHER = "زار الوفد باريس ثم بباريس عاد."


def everything(project: Project) -> Any:
    """Every record of every layer of every document, clock stamps left out."""
    out = []
    for doc in project.documents():
        layer = project.layer(doc.id)
        for records in (layer.spans, layer.events, layer.arguments, layer.relations):
            out.append(
                sorted((dataclasses.replace(r, clock="") for r in records), key=lambda r: r.uuid)
            )
    return out


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project.create(tmp_path / "p.annotator") as p:
        seed = p.add_document(TEXT, name="seed").id
        other = p.add_document(OTHER, name="other").id
        for doc_id, text in ((seed, TEXT), (other, OTHER)):
            start = -1
            while (start := text.find("باريس", start + 1)) >= 0:
                for layer in ("amal", "omar"):
                    AddSpan(doc_id, start, start + 5, "GPE", layer).do(p)
        yield p


def paris(project: Project) -> list[str]:
    groups = [g for g in entity_groups(project.spans()) if g.key == "باريس"]
    assert len(groups) == 1
    return [m.uuid for m in groups[0].mentions]


def test_relabel_a_group_is_one_step_and_undo_restores_every_span(project: Project) -> None:
    uuids = paris(project)
    assert len(uuids) >= 6  # two documents, two layers
    before = everything(project)
    cmd = relabel_spans(project, uuids, "LOC")
    changed = cmd.do(project)
    assert {project.span(u).label for u in uuids} == {"LOC"}
    assert len(changed.doc_ids) == 2
    groups = entity_groups(project.spans())
    assert [g.label for g in groups if g.key == "باريس"] == ["LOC"]
    cmd.undo(project)
    assert everything(project) == before
    cmd.do(project)
    assert {project.span(u).label for u in uuids} == {"LOC"}
    cmd.undo(project)
    assert everything(project) == before


def test_delete_a_group_takes_its_links_and_undo_brings_all_back(project: Project) -> None:
    seed = project.document_by_name("seed")
    assert seed is not None
    uuids = paris(project)
    start = TEXT.index("الاجتماع")
    meet = add_event_with_trigger(seed.id, start, start + len("الاجتماع"), "Contact.Meet", "amal")
    meet.do(project)
    mine = [
        u
        for u in uuids
        if project.span(u).annotator == "amal" and project.span(u).doc_id == seed.id
    ]
    AddArgument(meet.children[1].uuid, "Place", mine[0]).do(project)
    AddRelation("PART-WHOLE", mine[0], mine[1]).do(project)  # both ends in the group: once
    before = everything(project)
    cmd = delete_spans(project, uuids)
    cmd.do(project)
    assert not [s for s in project.spans() if s.uuid in set(uuids)]
    layer = project.layer(seed.id, "amal")
    assert not layer.arguments and not layer.relations and len(layer.events) == 1
    cmd.undo(project)
    assert everything(project) == before
    cmd.do(project)
    cmd.undo(project)
    assert everything(project) == before


def test_a_refused_relabel_writes_nothing(project: Project) -> None:
    uuids = paris(project)
    before = everything(project)
    with pytest.raises(AnnotatorError):
        relabel_spans(project, uuids, "NO-SUCH-LABEL").do(project)
    assert everything(project) == before


def test_spans_already_so_labelled_are_left_alone(project: Project) -> None:
    uuids = paris(project)
    cmd = relabel_spans(project, uuids, "GPE")
    assert cmd.children == []

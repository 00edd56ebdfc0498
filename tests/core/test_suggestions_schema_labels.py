"""Suggestions and the schema's labels: one rule (``suggestable_labels``) for every source.

A suggestion whose label the schema does not have is never stored (a model trained before the
schema dropped a label is left out and counted, the rest stored), never read as pending and
never accepted, so accept-all accepts every valid one in one step; a label rename carries the
pending suggestions over and its undo carries them back; a model whose sub-class table gives
back a label of another name is refused as damaged; an empty span in a file says it is empty.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.commands.schema import remove_label_command, rename_label_command
from annotator.commands.suggestions import AcceptSuggestions, store_suggested
from annotator.errors import ImportFormatError
from annotator.learn.external import read_suggestions
from annotator.learn.subclasses import Subclasses
from annotator.learn.suggest import Suggested
from annotator.project import Project
from annotator.search.suggestions import Suggestion
from annotator.uuids import new_uuid

TEXT = "زار محمد علي بباريس. ثم عاد محمد إلى هولندا وباريس."
MODEL = "model:crf@1a2b3c4d"


def _sugg(doc_id: int, start: int, end: int, label: str, source: str = MODEL) -> Suggestion:
    return Suggestion(new_uuid(), doc_id, start, end, label, TEXT[start:end], source, 0.9)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    p = Project.create(tmp_path / "p.annotator")
    p.add_document(TEXT, name="one")
    return p


def _doc(project: Project) -> int:
    found = project.document_by_name("one")
    assert found is not None
    return found.id


def test_model_predictions_of_a_label_the_schema_lacks_are_left_out_and_counted(
    project: Project,
) -> None:
    doc = _doc(project)
    found = Suggested([_sugg(doc, 4, 8, "PER"), _sugg(doc, 21, 23, "MIS1"),
                       _sugg(doc, 37, 43, "MIS1")], {doc: 0.5})  # fmt: skip
    made = store_suggested(project, MODEL, [doc], found)
    assert [(s.label, s.start) for s in made.suggestions] == [("PER", 4)]
    assert made.unknown == {"MIS1": 2}
    assert [str(line) for line in made.lines()] == [
        "2 of the model's suggestions not stored: the project's schema has no label MIS1 "
        "(train the model again to learn the schema's labels)"
    ]
    # the store refuses it for every source alike, and nothing of it is pending
    assert project.add_suggestions([_sugg(doc, 21, 23, "MIS1", "file:x.jsonl")]) == 0
    assert {s.label for s in project.suggestions(None)} == {"PER"}


def test_accept_all_after_the_schema_dropped_a_label_accepts_every_valid_one(
    project: Project,
) -> None:
    doc = _doc(project)
    items = [_sugg(doc, 4, 8, "PER"), _sugg(doc, 21, 23, "WEA"), _sugg(doc, 37, 43, "LOC")]
    assert project.add_suggestions(items) == 3
    drop = remove_label_command(project, "WEA")
    drop.do(project)
    shown = project.suggestions(doc)
    assert [s.label for s in shown] == ["PER", "LOC"]
    free, behind = project.suggestions_and_covered(doc)
    assert [s.label for s in free] == ["PER", "LOC"] and [s.label for s in behind] == ["WEA"]
    free, behind = project.suggestion_window(doc, None, 2)
    assert len(free) + len(behind) == 2  # (a full window: the window goes on reading)
    # accept-all of the document, the WEA one asked too (the window asked it before)
    accept = AcceptSuggestions([s.uuid for s in items], "gold")
    accept.do(project)
    assert sorted((s.label, s.start) for s in accept.spans) == [("LOC", 37), ("PER", 4)]
    assert project.suggestions(doc) == []
    accept.undo(project)  # one step: both back pending
    assert [s.label for s in project.suggestions(doc)] == ["PER", "LOC"]
    drop.undo(project)  # the label back: so is its suggestion
    assert [s.label for s in project.suggestions(doc)] == ["PER", "WEA", "LOC"]


def test_a_label_rename_carries_the_pending_suggestions_and_its_undo_carries_them_back(
    project: Project,
) -> None:
    doc = _doc(project)
    project.add_suggestions([_sugg(doc, 4, 8, "PER"), _sugg(doc, 37, 43, "ORG")])
    rename = rename_label_command(project, "ORG", "NADI")
    rename.do(project)
    assert [s.label for s in project.suggestions(doc)] == ["PER", "NADI"]
    accept = AcceptSuggestions([s.uuid for s in project.suggestions(doc)], "gold")
    accept.do(project)
    assert sorted(s.label for s in accept.spans) == ["NADI", "PER"]
    accept.undo(project)
    rename.undo(project)
    assert [s.label for s in project.suggestions(doc)] == ["PER", "ORG"]
    rename.do(project)  # redo
    assert [s.label for s in project.suggestions(doc)] == ["PER", "NADI"]


def test_a_subclass_table_giving_back_a_label_of_another_name_is_refused() -> None:
    learnt = Subclasses.learn([("أ", "MIS0"), ("ب", "MIS1"), ("ب", "MIS1"), ("ج", "MIS-2")])
    assert Subclasses.from_json(learnt.to_json()).to_json() == learnt.to_json()
    with pytest.raises(ValueError, match="not a sub-class"):
        Subclasses.from_json({"default": {"PER": "<b>X</b>\u202e"}, "by_text": {"PER": {}}})
    with pytest.raises(ValueError, match="not a sub-class"):
        Subclasses.from_json({"default": {"MIS": "MIS1"}, "by_text": {"MIS": {"x": "EVIL"}}})


def test_an_empty_span_in_a_file_is_said_to_be_empty(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text('{"document": "one", "start": 9, "end": 9, "label": "PER"}\n')
    doc = project.document(_doc(project))
    with pytest.raises(ImportFormatError, match="9-9 of 'one' is empty"):
        read_suggestions(path, {"one": doc}, {"PER"})

"""The Python API: documents, spans, events, relations, validation errors, change log."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from annotator import Project, SchemaError, Status, ValidationError
from annotator.errors import ProjectFileError
from tests.conftest import inword


def test_span_offsets_are_code_points_and_covered_text_is_stored(
    seed_project: Project, seed_text: str
) -> None:
    start, end = inword(seed_text, "وهولندا", 1)
    span = seed_project.add_span(1, start, end, "GPE", "amal")
    assert span.text == "هولندا" == seed_text[start:end]
    assert seed_project.span(span.uuid) == span
    assert seed_project.spans(1, "amal", "GPE") == [span]


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (5, 5), (7, 3), (0, 10**6)])
def test_offsets_outside_the_text_are_refused(seed_project: Project, start: int, end: int) -> None:
    with pytest.raises(ValidationError, match="outside"):
        seed_project.add_span(1, start, end, "PER", "amal")
    assert seed_project.spans() == []


def test_unknown_label_role_and_attribute_are_refused(
    seed_project: Project, seed_text: str
) -> None:
    with pytest.raises(SchemaError, match="not in the schema"):
        seed_project.add_span(1, 0, 5, "NOPE", "amal")
    trig = seed_project.add_span(1, *inword(seed_text, "الاجتماع", 0), "Contact.Meet", "amal")
    per = seed_project.add_span(1, *inword(seed_text, "بباريس", 1), "GPE", "amal")
    ev = seed_project.add_event(trig.uuid)
    with pytest.raises(SchemaError, match="no role"):
        seed_project.add_argument(ev.uuid, "Attacker", per.uuid)
    with pytest.raises(SchemaError, match="attribute"):
        seed_project.add_span(1, 0, 5, "PER", "amal", attributes={"bogus": True})


def test_event_with_arguments_and_relation(seed_project: Project, seed_text: str) -> None:
    trig = seed_project.add_span(1, *inword(seed_text, "الاجتماع", 0), "Contact.Meet", "amal")
    place = seed_project.add_span(1, *inword(seed_text, "بباريس", 1), "GPE", "amal")
    ev = seed_project.add_event(trig.uuid)
    arg = seed_project.add_argument(ev.uuid, "Place", place.uuid)
    layer = seed_project.layer(1, "amal")
    assert layer.events == (ev,)
    assert layer.arguments_of(ev.uuid) == [arg]
    org = seed_project.add_span(1, *inword(seed_text, "وزارة الدفاع", 0), "ORG", "amal")
    rel_type = seed_project.schema.relations[0]
    if org.label in rel_type.arg1 or not rel_type.arg1:
        rel = seed_project.add_relation(rel_type.name, org.uuid, place.uuid)
        assert seed_project.relations(1, "amal") == [rel]
    seed_project.delete_event(ev.uuid)
    assert seed_project.events(1, "amal") == []
    assert seed_project.arguments(ev.uuid) == []


def test_delete_is_a_tombstone_and_update_is_logged(seed_project: Project) -> None:
    span = seed_project.add_span(1, 0, 6, "PER", "amal", note="first")
    moved = seed_project.update_span(span.uuid, end=5, label="ORG", note="second")
    assert (moved.end, moved.label, moved.note) == (5, "ORG", "second")
    assert moved.clock > span.clock
    gone = seed_project.delete_span(span.uuid)
    assert gone.deleted
    assert seed_project.spans() == []
    assert [s.uuid for s in seed_project.spans(include_deleted=True)] == [span.uuid]
    actions = [c.action for c in seed_project.changes(span.uuid)]
    assert actions == ["delete", "update", "add"]
    assert seed_project.changes(span.uuid)[1].before["label"] == "PER"


def test_restore_brings_back_the_same_record(seed_project: Project) -> None:
    span = seed_project.add_span(1, 0, 6, "PER", "amal")
    seed_project.delete_span(span.uuid)
    back = seed_project.restore(span)
    assert dataclasses.replace(back, clock="") == dataclasses.replace(span, clock="")
    assert seed_project.spans() == [back]


def test_duplicate_document_is_not_added_twice(project: Project, seed_text: str) -> None:
    a = project.add_document(seed_text, name="a")
    b = project.add_document(seed_text.replace("\n", "\r\n"), name="b")
    assert a.id == b.id
    assert len(project.documents()) == 1


def test_text_is_normalised_once_and_never_otherwise(project: Project) -> None:
    raw = "\ufeffمُحَمَّد\r\nعلـــي\rب\u200cغداد"
    doc = project.add_document(raw)
    assert doc.text == "مُحَمَّد\nعلـــي\nب\u200cغداد"


def test_status_per_annotator(seed_project: Project) -> None:
    assert seed_project.status(1, "amal") is Status.NEW
    seed_project.set_status(1, "amal", "done")
    assert seed_project.status(1, "amal") is Status.DONE
    assert seed_project.status(1, "badr") is Status.NEW


def test_reopen_keeps_everything(tmp_path: Path, seed_text: str) -> None:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_document(seed_text, name="seed")
        span = p.add_span(1, 0, 6, "PER", "amal", attributes={})
    with Project.open(path) as p:
        assert p.spans() == [span]
        assert p.clock.last >= span.clock
        assert p.schema.entity("PER") is not None


def test_create_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "x.annotator"
    path.write_bytes(b"precious")
    with pytest.raises(ProjectFileError, match="already exists"):
        Project.create(path)
    assert path.read_bytes() == b"precious"


def test_read_only_project_refuses_writes(tmp_path: Path, seed_text: str) -> None:
    path = tmp_path / "p.annotator"
    Project.create(path).close()
    with (
        Project.open(path, read_only=True) as p,
        pytest.raises(ProjectFileError, match="read-only"),
    ):
        p.add_document(seed_text)


def test_spans_read_back_equal_spans_built_by_the_constructor(seed_project: Project) -> None:
    # the store builds Span instances on a fast path; they must equal ordinary ones
    made = seed_project.add_span(1, 0, 6, "PER", "amal", note="n", fragments=[(0, 2), (3, 6)])
    (read,) = seed_project.spans()
    assert read == made and dataclasses.asdict(read) == dataclasses.asdict(made)
    assert hash(read.uuid) == hash(made.uuid) and read.fragments == ((0, 2), (3, 6))

"""A layer holds one span per place and label (found by QA: a word double-clicked and labelled
G twice was stored twice; lists counted it twice, review showed a false mismatch, ``check``
said nothing, JSONL wrote both). The rule is ``rules.repeated_span_problem`` on the one
definition of "the same span", ``rules.same_span`` (offsets, fragments, label): the API
refuses a second one, ``check`` reports one that old data holds, exports leave it out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator import commands as cmds
from annotator import rules
from annotator.errors import ValidationError
from annotator.exporting import export
from annotator.formats.common import ExportOptions
from annotator.model import Document, DocumentAnnotations, Event, Relation, Span
from annotator.project import Project
from annotator.schema import default_schema
from annotator.validation import check_layer, check_project
from tests.conftest import inword

ME = "amal"
TEXT = "زار لودريان باريس أمس."


def _span(uuid: str, start: int, end: int, label: str, **kw: object) -> Span:
    return Span(uuid, 1, ME, start, end, label, TEXT[start:end], **kw)  # type: ignore[arg-type]


def test_the_rule_refuses_a_repeat_and_nothing_else() -> None:
    first = _span("a", 12, 17, "GPE")
    again = _span("b", 12, 17, "GPE", note="another note")
    found = rules.repeated_span_problem(again, [first])
    assert found is not None and found.kind == "repeated-span"
    assert "'GPE'" in found.message and "(span a)" in found.message
    assert isinstance(found.error(), ValidationError)
    assert rules.repeated_span_problem(first, [first]) is None  # itself (an update)
    assert rules.repeated_span_problem(_span("c", 12, 17, "LOC"), [first]) is None  # label
    assert rules.repeated_span_problem(_span("d", 12, 16, "GPE"), [first]) is None  # place
    split = _span("e", 12, 17, "GPE", fragments=((12, 14), (15, 17)))
    assert rules.repeated_span_problem(split, [first]) is None  # fragments
    gone = _span("a", 12, 17, "GPE", deleted=True)
    assert rules.repeated_span_problem(again, [gone]) is None


def test_repeated_spans_names_each_repeat_with_the_first() -> None:
    spans = [
        _span("a", 12, 17, "GPE"),
        _span("b", 12, 17, "GPE"),
        _span("x", 12, 17, "GPE", deleted=True),
        _span("c", 12, 17, "LOC"),
        _span("d", 12, 17, "GPE"),
    ]
    assert rules.repeated_spans(spans) == [(1, 0), (4, 0)]
    assert rules.repeated_spans(spans[2:4]) == []


def test_check_layer_reports_a_repeated_span() -> None:
    doc = Document(1, "d", TEXT, "x")
    spans = (_span("a", 12, 17, "GPE"), _span("b", 12, 17, "GPE"), _span("c", 4, 11, "PER"))
    issues = check_layer(DocumentAnnotations(doc, spans), default_schema())
    assert [(i.kind, i.uuid) for i in issues] == [("repeated-span", "b")]


@pytest.fixture
def paris(seed_project: Project, seed_text: str) -> tuple[Project, Span]:
    p = seed_project
    return p, p.add_span(1, *inword(seed_text, "بباريس", 1), "GPE", ME)


def test_the_api_and_the_edit_command_refuse_a_second_identical_span(
    paris: tuple[Project, Span],
) -> None:
    p, first = paris
    with pytest.raises(ValidationError, match="is already labelled 'GPE'"):
        p.add_span(1, first.start, first.end, "GPE", ME)
    with pytest.raises(ValidationError, match=f"span {first.uuid}"):
        cmds.AddSpan(1, first.start, first.end, "GPE", ME).do(p)
    assert p.same_span(_at(first, "x")) == first
    # another label at the same place, another layer, or after a delete: added
    p.add_span(1, first.start, first.end, "LOC", ME)
    p.add_span(1, first.start, first.end, "GPE", "other")
    p.delete_span(first.uuid)
    p.add_span(1, first.start, first.end, "GPE", ME)
    assert len(p.spans(1, ME, label="GPE")) == 1


def _at(span: Span, uuid: str) -> Span:
    return Span(uuid, span.doc_id, span.annotator, span.start, span.end, span.label, "")


def _old_copy(p: Project, first: Span) -> Span:
    """A repeat written as a version of its own, past today's rules (old data)."""
    copy = Span("old-copy", first.doc_id, ME, first.start, first.end, first.label, first.text)
    p._write("add", copy)
    return copy


def test_check_project_reports_a_repeat_written_before_the_rule(
    paris: tuple[Project, Span],
) -> None:
    p, first = paris
    assert not [i for i in check_project(p) if i.kind == "repeated-span"]
    _old_copy(p, first)
    (issue,) = [i for i in check_project(p) if i.kind == "repeated-span"]
    assert issue.uuid in {"old-copy", first.uuid}
    assert ({"old-copy", first.uuid} - {issue.uuid}).pop() in issue.message


def test_an_export_writes_a_repeated_span_once_and_keeps_what_points_at_it(
    paris: tuple[Project, Span], tmp_path: Path, seed_text: str
) -> None:
    p, first = paris
    copy = _old_copy(p, first)
    person = p.add_span(1, *inword(seed_text, "لودريان", 0), "PER", ME)
    # a relation from each of the two copies: both go out, on the span kept
    types = [r.name for r in p.schema.relations]
    assert types
    rel_a = Relation("r1", 1, ME, types[0], person.uuid, first.uuid)
    rel_b = Relation("r2", 1, ME, types[0], person.uuid, copy.uuid)
    for r in (rel_a, rel_b):
        p._write("add", r)
    out = tmp_path / "out.jsonl"
    report = export(p, "jsonl", out, annotator=ME, options=ExportOptions())
    (line,) = out.read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    placed = [(s["start"], s["end"], s["label"]) for s in record["spans"]]
    assert placed.count((first.start, first.end, "GPE")) == 1
    ids = {s["id"] for s in record["spans"]}
    assert all(r["target"] in ids for r in record["relations"]), record["relations"]
    assert any("repeating another" in why for why in report.dropped), report.dropped


def test_an_event_on_a_repeated_trigger_goes_out_on_the_kept_one(
    seed_project: Project, tmp_path: Path, seed_text: str
) -> None:
    p = seed_project
    trig = p.add_span(1, *inword(seed_text, "الاجتماع", 0), "Contact.Meet", ME)
    copy = _old_copy(p, trig)
    p._write("add", Event("ev-old", 1, ME, "Contact.Meet", copy.uuid))
    out = tmp_path / "out.jsonl"
    export(p, "jsonl", out, annotator=ME, options=ExportOptions())
    record = json.loads(out.read_text(encoding="utf-8"))
    (span,) = [s for s in record["spans"] if s["label"] == "Contact.Meet"]
    (event,) = record["events"]
    assert event["trigger"] == span["id"]


def test_two_layers_holding_the_same_span_agree_they_do_not_repeat(tmp_path: Path) -> None:
    """``check`` reads every layer of a document at once: amal's and badr's باريس as GPE is
    agreement, not a repeated span (only a repeat inside one layer is reported)."""
    start = TEXT.index("باريس")
    with Project.create(tmp_path / "two.annotator") as p:
        doc = p.add_document(TEXT, name="d")
        for who in ("amal", "badr"):
            p.add_span(doc.id, start, start + 5, "GPE", who)
        assert check_project(p) == []
        assert rules.repeated_spans(p.layer(doc.id).spans) == []


def test_a_move_or_relabel_onto_a_held_span_is_refused(tmp_path: Path) -> None:
    """``update_span`` keeps the rule ``add_span`` keeps: moving or relabelling a span onto a
    place and label its layer holds is refused, the project unchanged; a note on it is not."""
    paris, rian = TEXT.index("باريس"), TEXT.index("لودريان")
    with Project.create(tmp_path / "move.annotator") as p:
        doc = p.add_document(TEXT, name="d")
        held = p.add_span(doc.id, paris, paris + 5, "GPE", "amal")
        other = p.add_span(doc.id, rian, rian + 7, "GPE", "amal")
        loc = p.add_span(doc.id, paris, paris + 5, "LOC", "amal")
        with pytest.raises(ValidationError, match="already labelled"):
            p.update_span(other.uuid, start=paris, end=paris + 5)
        with pytest.raises(ValidationError, match="'باريس' is already labelled 'GPE'"):
            p.update_span(loc.uuid, label="GPE")
        assert p.span(other.uuid).start == rian and p.span(loc.uuid).label == "LOC"
        assert p.update_span(held.uuid, note="العاصمة").note == "العاصمة"

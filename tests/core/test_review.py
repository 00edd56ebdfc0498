"""Review and adjudication on a hand-made pair of layers over the seed article."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.model import GOLD, Event, Span, Status
from annotator.project import Project
from annotator.review import (
    Disagreement,
    Kind,
    accept,
    accept_all_agreements,
    compare,
    compare_many,
    disagreements,
    project_remaining,
    remaining,
    retract,
)

SEED = Path(__file__).resolve().parents[2] / "resources/samples/000_3626081446f7037e.txt"
TEXT = SEED.read_text(encoding="utf-8")


def _at(word: str, skip: int = 0) -> tuple[int, int]:
    start = TEXT.index(word) + skip
    return start, TEXT.index(word) + len(word)


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    """amal and badr agree on Paris and the meeting trigger; they differ on the rest."""
    with Project.create(tmp_path / "review.annotator") as p:
        doc = p.add_document(TEXT, name="seed")
        for who in ("amal", "badr"):
            paris = p.add_span(doc.id, *_at("بباريس", 1), "GPE", who)
            meet = p.add_span(doc.id, *_at("الاجتماع"), "Contact.Meet", who)
            event = p.add_event(meet.uuid)
            if who == "amal":
                p.add_argument(event.uuid, "Place", paris.uuid)
        p.add_span(doc.id, *_at("الولايات المتحدة"), "GPE", "amal")
        p.add_span(doc.id, *_at("الولايات المتحدة"), "LOC", "badr")
        p.add_span(doc.id, *_at("جان إيف لودريان"), "PER", "amal")
        p.add_span(doc.id, *_at("لودريان"), "PER", "badr")
        p.add_span(doc.id, *_at("داعش"), "ORG", "amal")
        p.add_span(doc.id, *_at("2014"), "TIME", "badr")
        yield p


def _text(d: Disagreement) -> str:
    rec = d.a or d.b
    assert rec is not None
    return TEXT[d.start : d.end] if not isinstance(rec, Span) else rec.text


def _summary(items: list[Disagreement]) -> set[tuple[str, str, str]]:
    return {(d.kind.value, type(d.a or d.b).__name__, _text(d)) for d in items}


def test_each_kind_is_found(project: Project) -> None:
    doc = project.documents()[0]
    items = compare(project.layer(doc.id, "amal"), project.layer(doc.id, "badr"))
    assert _summary(items) == {
        ("agreement", "Span", "باريس"),
        ("agreement", "Span", "الاجتماع"),
        ("argument_mismatch", "Event", "الاجتماع"),
        ("label_mismatch", "Span", "الولايات المتحدة"),
        ("boundary_mismatch", "Span", "جان إيف لودريان"),
        ("only_a", "Span", "داعش"),
        ("only_b", "Span", "2014"),
    }
    assert [d.start for d in items] == sorted(d.start for d in items)
    label = next(d for d in items if d.kind is Kind.LABEL)
    assert label.detail == "GPE / LOC"
    assert isinstance(label.a, Span) and isinstance(label.b, Span)
    assert (label.a.annotator, label.b.annotator) == ("amal", "badr")
    args = next(d for d in items if d.kind is Kind.ARGUMENTS)
    assert args.detail == "Contact.Meet: A Place / B -"
    assert len(disagreements(project.layer(doc.id, "amal"), project.layer(doc.id, "badr"))) == 5


def test_three_annotators_are_compared_pairwise(project: Project) -> None:
    doc = project.documents()[0]
    project.add_span(doc.id, *_at("داعش"), "ORG", "carim")
    layers = {a: project.layer(doc.id, a) for a in ("badr", "amal", "carim")}
    pairs = compare_many(layers)
    assert set(pairs) == {("amal", "badr"), ("amal", "carim"), ("badr", "carim")}
    assert not any(d.kind is Kind.ONLY_A and _text(d) == "داعش" for d in pairs[("amal", "carim")])
    assert len(pairs[("amal", "badr")]) == 5


def test_accept_a_and_b_versions_into_gold(project: Project) -> None:
    doc = project.documents()[0]
    items = disagreements(project.layer(doc.id, "amal"), project.layer(doc.id, "badr"))
    label = next(d for d in items if d.kind is Kind.LABEL)
    boundary = next(d for d in items if d.kind is Kind.BOUNDARY)
    event = next(d for d in items if d.kind is Kind.ARGUMENTS)
    assert label.a and boundary.b and event.a
    written = accept(project, [label.a.uuid, boundary.b.uuid, event.a.uuid])
    gold = project.layer(doc.id, GOLD)
    assert sorted((s.text, s.label) for s in gold.spans) == [
        ("الاجتماع", "Contact.Meet"), ("الولايات المتحدة", "GPE"), ("باريس", "GPE"),
        ("لودريان", "PER"),
    ]  # fmt: skip
    (gold_event,) = gold.events
    (arg,) = gold.arguments
    spans = gold.span_by_uuid()
    assert (arg.event, arg.role, spans[arg.target].text) == (gold_event.uuid, "Place", "باريس")
    assert spans[gold_event.trigger].text == "الاجتماع"
    assert {r.uuid for r in written} == {*spans, gold_event.uuid, arg.uuid}
    assert all(r.annotator == GOLD for r in written)
    # provenance: the change log names the source version of each gold record
    entry = next(c for c in project.changes(gold_event.uuid) if c.action == "accept")
    assert entry.before is not None and entry.before["uuid"] == event.a.uuid
    # the source layers are untouched, and accepting again writes nothing
    assert len(project.spans(doc.id, "amal")) == 5
    assert accept(project, [label.a.uuid, event.a.uuid]) == []


def test_accept_all_agreements_is_one_undoable_step(project: Project) -> None:
    doc = project.documents()[0]
    written = accept_all_agreements(project, doc.id, ["amal", "badr"])
    # the trigger الاجتماع waits for its event, whose arguments they annotate differently
    # (56e8e9c: gold never holds a trigger without its event)
    assert sorted(r.text for r in written if isinstance(r, Span)) == ["باريس"]
    assert not any(isinstance(r, Event) for r in written)  # their arguments differ
    assert accept_all_agreements(project, doc.id, ["amal", "badr"]) == []
    retract(project, written)
    assert project.spans(doc.id, GOLD) == []
    assert len(project.spans(doc.id, GOLD, include_deleted=True)) == 1


def test_agreements_of_whole_events_are_accepted_with_arguments(project: Project) -> None:
    doc = project.documents()[0]
    badr_event = project.events(doc.id, "badr")[0]
    badr_paris = next(s for s in project.spans(doc.id, "badr") if s.text == "باريس")
    project.add_argument(badr_event.uuid, "Place", badr_paris.uuid)
    written = accept_all_agreements(project, doc.id, ["amal", "badr"])
    assert sorted(type(r).__name__ for r in written) == ["Argument", "Event", "Span", "Span"]


def test_progress_counts_what_gold_has_not_resolved(project: Project) -> None:
    doc = project.documents()[0]
    other = project.add_document("نص ثان عن بغداد.", name="second")
    project.add_span(other.id, 10, 15, "GPE", "amal")
    assert remaining(project, doc.id, ["amal", "badr"]) == 5
    assert project_remaining(project, ["amal", "badr"]) == {doc.id: 5, other.id: 1}
    items = disagreements(project.layer(doc.id, "amal"), project.layer(doc.id, "badr"))
    only_a = next(d for d in items if d.kind is Kind.ONLY_A)
    assert only_a.a is not None
    accept(project, [only_a.a.uuid])
    assert remaining(project, doc.id, ["amal", "badr"]) == 4
    project.set_status(doc.id, GOLD, Status.DONE)  # the adjudicator rejected the rest
    assert project_remaining(project, ["amal", "badr"]) == {other.id: 1}


def test_a_nested_span_stays_open_after_its_container_is_accepted(tmp_path: Path) -> None:
    """Only A marked an ORG and a FAC inside it: accepting the ORG resolves the ORG only."""
    text = "زار الوفد مبنى وزارة الخارجية في بغداد."
    org = (text.index("وزارة"), text.index("وزارة") + len("وزارة الخارجية"))
    fac = (text.index("مبنى"), org[1])
    with Project.create(tmp_path / "nested.annotator") as p:
        doc = p.add_document(text)
        outer = p.add_span(doc.id, *fac, "FAC", "amal")
        inner = p.add_span(doc.id, *org, "ORG", "amal")
        p.add_span(doc.id, text.index("بغداد"), text.index("بغداد") + 5, "GPE", "badr")
        assert remaining(p, doc.id, ["amal", "badr"]) == 3
        accept(p, [inner.uuid])
        assert remaining(p, doc.id, ["amal", "badr"]) == 2  # the FAC and Baghdad stay open
        accept(p, [outer.uuid])
        assert remaining(p, doc.id, ["amal", "badr"]) == 1
        # an edit at the same place (another label) resolves it: gold chose a version there
        gpe = next(s for s in p.spans(doc.id, "badr"))
        p.add_span(doc.id, gpe.start, gpe.end, "LOC", GOLD)
        assert remaining(p, doc.id, ["amal", "badr"]) == 0

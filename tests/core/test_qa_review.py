"""Adjudication fixes from QA (round 2): an accepted event or relation uses the span version the
adjudicator already chose instead of bringing back the rejected one; differing attributes are
a disagreement of their own that "accept all agreements" does not settle; progress builds the
compared layers' span places once per document."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import annotator.review as review
from annotator.errors import SchemaError
from annotator.model import GOLD, Event, Relation, Span
from annotator.project import Project
from annotator.review import Disagreement, Kind, accept, accept_all_agreements, compare

TEXT = "اعتقل محمد علي ببغداد. وقال أحمد إن الشرطة في باريس."


def _at(word: str, off: int = 0) -> tuple[int, int]:
    i = TEXT.index(word)
    return i + off, i + len(word)


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    """QA's pair (small/mk.py): amal and badr differ on the MentionType of محمد علي, the
    boundaries of (ب)بغداد, the label of أحمد; amal has a PHYS relation أحمد → باريس."""
    with Project.create(tmp_path / "qa.annotator") as p:
        doc = p.add_document(TEXT, name="d1")
        for who, mention, place_off, ahmad in (
            ("amal", "NAM", 1, "PER"),
            ("badr", "NOM", 0, "ORG"),
        ):
            name = p.add_span(doc.id, *_at("محمد علي"), "PER", who, {"MentionType": mention})
            place = p.add_span(doc.id, *_at("ببغداد", place_off), "GPE", who)
            person = p.add_span(doc.id, *_at("أحمد"), ahmad, who)
            paris = p.add_span(doc.id, *_at("باريس"), "GPE", who)
            trigger = p.add_span(doc.id, *_at("اعتقل"), "Justice.Arrest-Jail", who)
            event = p.add_event(trigger.uuid)
            p.add_argument(event.uuid, "Person", name.uuid)
            p.add_argument(event.uuid, "Place", place.uuid)
            if who == "amal":
                p.add_relation("PHYS", person.uuid, paris.uuid)
        yield p


def _items(p: Project) -> list[Disagreement]:
    return compare(p.layer(1, "amal"), p.layer(1, "badr"))


def _one(p: Project, kind: Kind, cls: type = Span) -> Disagreement:
    (found,) = [d for d in _items(p) if d.kind is kind and isinstance(d.a or d.b, cls)]
    return found


def _gold(p: Project) -> list[tuple[int, int, str]]:
    return sorted((s.start, s.end, s.label) for s in p.spans(1, GOLD))


def test_accepting_an_event_uses_the_place_span_already_adjudicated(project: Project) -> None:
    """rev2.py: A on the boundary mismatch (بغداد 16-21), then B's event (whose Place is
    ببغداد 15-21): gold keeps one GPE there and the event's Place points at it."""
    accept_all_agreements(project, 1, ["amal", "badr"])
    boundary = _one(project, Kind.BOUNDARY)
    assert boundary.a is not None and boundary.b is not None
    accept(project, [boundary.a.uuid])
    event = _one(project, Kind.ARGUMENTS, Event)
    assert event.b is not None
    result = accept(project, [event.b.uuid])
    gpe = [g for g in _gold(project) if g[2] == "GPE" and g[1] == 21]
    assert gpe == [(16, 21, "GPE")]
    gold = project.layer(1, GOLD)
    spans = gold.span_by_uuid()
    (gold_event,) = gold.events
    places = [spans[a.target] for a in gold.arguments_of(gold_event.uuid) if a.role == "Place"]
    assert [(s.start, s.end) for s in places] == [(16, 21)]
    assert result.conflicts == []


def test_a_relation_end_uses_the_adjudicated_span(project: Project) -> None:
    """The relation's end corresponds (boundary mismatch) to the span gold holds: no copy."""
    amal_place = next(s for s in project.spans(1, "amal") if s.label == "GPE" and s.end == 21)
    person = next(s for s in project.spans(1, "amal") if s.text == "أحمد")
    rel = project.add_relation("PHYS", person.uuid, amal_place.uuid)
    boundary = _one(project, Kind.BOUNDARY)
    assert boundary.b is not None
    accept(project, [boundary.b.uuid])  # ببغداد 15-21
    result = accept(project, [rel.uuid])
    assert [g for g in _gold(project) if g[2] == "GPE"] == [(15, 21, "GPE")]
    gold = project.layer(1, GOLD)
    (gold_rel,) = gold.relations
    target = gold.span_by_uuid()[gold_rel.target]
    assert (target.start, target.end) == (15, 21)
    assert result.conflicts == []


def test_a_relation_is_refused_rather_than_bring_back_a_rejected_label(project: Project) -> None:
    """rev3.py: B (ORG) accepted on أحمد, then A's PHYS relation from أحمد: gold keeps the
    adjudicated ORG (no PER beside it); PHYS cannot start at an ORG, and the error says why."""
    label = _one(project, Kind.LABEL)
    assert label.b is not None
    accept(project, [label.b.uuid])
    relation = _one(project, Kind.ONLY_A, Relation)
    assert relation.a is not None
    with pytest.raises(SchemaError, match="gold holds “أحمد” as ORG, not PER"):
        accept(project, [relation.a.uuid])
    assert [g for g in _gold(project) if g[:2] == _at("أحمد")] == [(28, 32, "ORG")]
    assert project.relations(1, GOLD) == []


def test_a_competing_copy_is_reported(project: Project) -> None:
    """A chosen span next to a competing gold span chosen earlier is copied (the adjudicator
    asked for it) and reported; both versions accepted at once are not a surprise."""
    boundary = _one(project, Kind.BOUNDARY)
    assert boundary.a is not None and boundary.b is not None
    first = accept(project, [boundary.b.uuid])
    second = accept(project, [boundary.a.uuid])
    (conflict,) = second.conflicts
    assert conflict.source.uuid == boundary.a.uuid
    assert conflict.copy == second[0].uuid
    assert conflict.existing == (first[0].uuid,)
    label = _one(project, Kind.LABEL)
    assert label.a is not None and label.b is not None
    both = accept(project, [label.a.uuid, label.b.uuid])
    assert len(both) == 2 and both.conflicts == []


def test_differing_attributes_are_a_disagreement_of_their_own(project: Project) -> None:
    found = _one(project, Kind.ATTRIBUTES)
    assert isinstance(found.a, Span) and found.a.text == "محمد علي"
    assert found.detail == "MentionType: NAM / NOM"
    assert not any(d.kind is Kind.AGREEMENT and d.a is found.a for d in _items(project))
    # accept all agreements leaves it to the adjudicator, and the event that names it as
    # its Person too (copying the event would copy one side's span)
    accept_all_agreements(project, 1, ["amal", "badr"])
    assert (*_at("محمد علي"), "PER") not in _gold(project)
    # the adjudicator chooses B
    assert found.b is not None
    accept(project, [found.b.uuid])
    (gold,) = [s for s in project.spans(1, GOLD) if s.text == "محمد علي"]
    assert gold.attributes == {"MentionType": "NOM"}


def test_event_attributes_differ_and_agreements_do_not_settle_them(tmp_path: Path) -> None:
    with Project.create(tmp_path / "e.annotator") as p:
        doc = p.add_document(TEXT, name="d1")
        for who, realis in (("amal", "Actual"), ("badr", "Generic")):
            trigger = p.add_span(doc.id, *_at("اعتقل"), "Justice.Arrest-Jail", who)
            p.add_event(trigger.uuid, attributes={"Realis": realis})
        (found,) = [d for d in _items(p) if isinstance(d.a, Event)]
        assert found.kind is Kind.ATTRIBUTES
        assert found.detail == "Realis: Actual / Generic"
        written = accept_all_agreements(p, doc.id, ["amal", "badr"])
        assert written == []  # the trigger waits for its event (56e8e9c): neither goes
        assert p.events(doc.id, GOLD) == []


def test_notes_are_not_compared(tmp_path: Path) -> None:
    with Project.create(tmp_path / "n.annotator") as p:
        doc = p.add_document(TEXT, name="d1")
        p.add_span(doc.id, *_at("باريس"), "GPE", "amal", note="mine")
        p.add_span(doc.id, *_at("باريس"), "GPE", "badr", note="his")
        assert [d.kind for d in _items(p)] == [Kind.AGREEMENT]


def test_progress_finds_span_places_once_per_document(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``remaining`` indexes the compared layers' spans once, not once per disagreement."""
    calls: list[int] = []
    real = review.span_places

    def counted(*args: Any) -> dict[str, tuple[int, int]]:
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(review, "span_places", counted)
    assert review.remaining(project, 1, ["amal", "badr"]) == len(
        [d for d in _items(project) if not d.is_agreement]
    )
    assert len(calls) == 1


def test_the_accept_command_keeps_what_it_copied_beside_competing_gold(project: Project) -> None:
    """AcceptIntoGold carries the conflicts of its first do, for the review window's status
    bar ("Gold now holds two competing versions at ...")."""
    from annotator.commands.review import AcceptIntoGold

    boundary = _one(project, Kind.BOUNDARY)
    assert boundary.a is not None and boundary.b is not None
    AcceptIntoGold([boundary.b.uuid]).do(project)
    second = AcceptIntoGold([boundary.a.uuid])
    second.do(project)
    (conflict,) = second.conflicts
    assert conflict.source.uuid == boundary.a.uuid

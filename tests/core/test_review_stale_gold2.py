"""Stale gold beyond spans, and what only gold holds (QA round 7, second part).

``review.against_gold`` listed a gold SPAN contradicting what both annotators now agree on;
a gold EVENT with other arguments than the agreed one, or a gold RELATION of another type
between the agreed ends, went unflagged. And a gold record at a place where neither
annotator has anything any more (both deleted theirs after it was adjudicated) was listed
nowhere. Now both are ``Kind.GOLD`` items (the latter ``only_in_gold``: no sides);
accepting a stale item replaces gold's version, dropping an only-in-gold item deletes it,
each one undo step that restores gold exactly."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.commands.review import AcceptIntoGold, drop_from_gold
from annotator.model import GOLD, Event, Relation, Span, Status
from annotator.project import Project
from annotator.review import (
    Disagreement,
    Kind,
    accept,
    compare,
    compare_many,
    project_remaining,
    remaining,
)

TEXT = "اعتقل محمد علي ببغداد. وقال أحمد إن الشرطة في باريس."
NAMES = ["amal", "badr"]


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    """Both: محمد علي PER, ببغداد GPE, الشرطة ORG, باريس GPE, the arrest with Place=ببغداد;
    badr also fills Person=محمد علي; amal relates the police to Paris ORG-AFF, badr
    PART-WHOLE."""
    with Project.create(tmp_path / "stale2.annotator") as p:
        doc = p.add_document(TEXT, name="d")
        for who, rtype in (("amal", "ORG-AFF"), ("badr", "PART-WHOLE")):
            per = p.add_span(doc.id, *at("محمد علي"), "PER", who)
            bgd = p.add_span(doc.id, *at("ببغداد"), "GPE", who)
            shr = p.add_span(doc.id, *at("الشرطة"), "ORG", who)
            par = p.add_span(doc.id, *at("باريس"), "GPE", who)
            trig = p.add_span(doc.id, *at("اعتقل"), "Justice.Arrest-Jail", who)
            ev = p.add_event(trig.uuid)
            p.add_argument(ev.uuid, "Place", bgd.uuid)
            if who == "badr":
                p.add_argument(ev.uuid, "Person", per.uuid)
            p.add_relation(rtype, shr.uuid, par.uuid)
        yield p


def items(p: Project, names: list[str] = NAMES) -> list[Disagreement]:
    layers = {n: p.layer(1, n) for n in names}
    return [d for ds in compare_many(layers, p.layer(1, GOLD)).values() for d in ds]


def of(p: Project, kind: Kind) -> list[Disagreement]:
    """The items of ``kind`` (of ``Kind.GOLD``: those with sides, gold contradicting an
    agreement)."""
    return [d for d in items(p) if d.kind is kind and not d.only_in_gold]


def only_gold(p: Project) -> list[Disagreement]:
    found = [d for d in items(p) if d.only_in_gold]
    assert all(d.kind is Kind.GOLD for d in found)
    return found


def event(p: Project, who: str) -> Event:
    return next(e for e in p.events(1, who) if not e.deleted)


def relation(p: Project, who: str) -> Relation:
    return next(r for r in p.relations(1, who) if not r.deleted)


def gold_state(p: Project) -> list[tuple[str, str, bool, str]]:
    """Every gold record version as (kind, uuid, deleted, what): undo must restore it."""
    gold = p.layer(1, GOLD)
    out = [("span", s.uuid, s.deleted, f"{s.start}-{s.end} {s.label}") for s in gold.spans]
    out += [("event", e.uuid, e.deleted, f"{e.trigger} {e.type}") for e in gold.events]
    out += [("arg", a.uuid, a.deleted, f"{a.event} {a.role} {a.target}") for a in gold.arguments]
    out += [("rel", r.uuid, r.deleted, f"{r.type} {r.source} {r.target}") for r in gold.relations]
    return sorted(out)


def live_roles(p: Project) -> list[str]:
    gold = p.layer(1, GOLD)
    return sorted(a.role for a in gold.arguments if not a.deleted)


def test_a_gold_event_with_an_argument_both_gave_up_is_an_item(project: Project) -> None:
    accept(project, [event(project, "badr").uuid])  # Place and Person
    assert not of(project, Kind.GOLD)
    badr_person = next(a for a in project.arguments(event(project, "badr").uuid)
                       if a.role == "Person")  # fmt: skip
    before = remaining(project, 1, NAMES)
    project.delete_argument(badr_person.uuid)  # badr's bundle: no Person, as amal
    found = of(project, Kind.GOLD)
    assert len(found) == 1
    d = found[0]
    assert isinstance(d.a, Event) and [type(g) for g in d.gold] == [Event]
    assert str(d.detail) == "gold: Person / -"
    # counted: the argument mismatch (resolved by gold's event) went, an open item came
    assert remaining(project, 1, NAMES) == before + 1
    assert project_remaining(project, NAMES) == {1: before + 1}
    # without gold it is the agreement it is
    amal, badr = (project.layer(1, n) for n in NAMES)
    assert not any(x.kind is Kind.GOLD for x in compare(amal, badr))
    old = gold_state(project)
    cmd = AcceptIntoGold([d.a.uuid], replacing=[g.uuid for g in d.gold])
    cmd.do(project)
    assert live_roles(project) == ["Place"]
    assert not of(project, Kind.GOLD)
    cmd.undo(project)
    assert gold_state(project) == old  # exactly: same uuids, the Person argument live again
    assert len(of(project, Kind.GOLD)) == 1
    cmd.do(project)  # redo
    assert live_roles(project) == ["Place"]


def test_a_gold_event_missing_an_argument_both_now_fill_is_an_item(project: Project) -> None:
    accept(project, [event(project, "amal").uuid])  # Place only
    amal_per = next(s for s in project.spans(1, "amal") if s.label == "PER")
    project.add_argument(event(project, "amal").uuid, "Person", amal_per.uuid)
    d = of(project, Kind.GOLD)[0]
    assert str(d.detail) == "gold: - / Person"
    assert d.a is not None
    cmd = AcceptIntoGold([d.a.uuid], replacing=[g.uuid for g in d.gold])
    cmd.do(project)
    assert live_roles(project) == ["Person", "Place"]
    assert not of(project, Kind.GOLD)
    cmd.undo(project)
    assert live_roles(project) == ["Place"]


def test_a_stale_span_argument_is_the_span_item_not_also_an_event_item(
    project: Project,
) -> None:
    """gold's Place points at a span version both gave up: the span's item lists it, and
    replacing the span moves the argument, so the event is no item of its own."""
    accept(project, [event(project, "amal").uuid])
    for who in NAMES:
        bgd = next(s for s in project.spans(1, who) if s.text == "ببغداد")
        project.update_span(bgd.uuid, start=bgd.start + 1)  # both: بغداد
    found = of(project, Kind.GOLD)
    assert [type(d.a) for d in found] == [Span]
    d = found[0]
    assert d.a is not None
    accept(project, [d.a.uuid], replacing=[g.uuid for g in d.gold])
    assert not of(project, Kind.GOLD)


def test_a_gold_relation_of_a_type_both_gave_up_is_an_item(project: Project) -> None:
    accept(project, [relation(project, "badr").uuid])  # PART-WHOLE
    old_rel = relation(project, "badr")
    project.delete_relation(old_rel.uuid)  # badr's bundle: ORG-AFF, as amal
    project.add_relation("ORG-AFF", old_rel.source, old_rel.target)
    found = of(project, Kind.GOLD)
    assert len(found) == 1
    d = found[0]
    assert isinstance(d.a, Relation) and isinstance(d.gold[0], Relation)
    assert str(d.detail) == "gold: PART-WHOLE"
    old = gold_state(project)
    cmd = AcceptIntoGold([d.a.uuid], replacing=[g.uuid for g in d.gold])
    cmd.do(project)
    assert [r.type for r in project.relations(1, GOLD) if not r.deleted] == ["ORG-AFF"]
    assert not of(project, Kind.GOLD)
    cmd.undo(project)
    assert gold_state(project) == old
    assert len(of(project, Kind.GOLD)) == 1


def test_a_gold_relation_the_other_way_round_is_an_item(project: Project) -> None:
    amal, badr = relation(project, "amal"), relation(project, "badr")
    project.delete_relation(badr.uuid)
    project.add_relation("ORG-AFF", badr.source, badr.target)  # both agree now
    gold_rel = accept(project, [amal.uuid])
    rel = next(r for r in gold_rel if isinstance(r, Relation))
    project.delete_relation(rel.uuid)
    project.add_relation("ORG-AFF", rel.target, rel.source)  # Paris -> police, neither has it
    assert [type(d.gold[0]) for d in of(project, Kind.GOLD)] == [Relation]


def delete_everywhere(p: Project, text: str) -> None:
    """Both annotators delete their span over ``text`` and what points at it."""
    for who in NAMES:
        s = next(x for x in p.spans(1, who) if x.text == text and not x.deleted)
        for r in p.relations(1, who):
            if not r.deleted and s.uuid in (r.source, r.target):
                p.delete_relation(r.uuid)
        p.delete_span(s.uuid)


def test_what_only_gold_holds_is_listed_and_dropped_in_one_step(project: Project) -> None:
    accept(project, [relation(project, "amal").uuid])  # the police, Paris, ORG-AFF
    assert not only_gold(project)
    before = remaining(project, 1, NAMES)
    delete_everywhere(project, "باريس")
    found = only_gold(project)
    assert sorted(type(d.gold[0]).__name__ for d in found) == ["Relation", "Span"]
    span_item = next(d for d in found if isinstance(d.gold[0], Span))
    assert span_item.a is None and span_item.b is None
    assert str(span_item.detail) == "gold: GPE"
    assert (span_item.start, span_item.end) == at("باريس")
    # open, and counted everywhere the review counts (the resolved relation items went)
    assert remaining(project, 1, NAMES) == before + 2
    assert project_remaining(project, NAMES) == {1: before + 2}
    old = gold_state(project)
    cmd = drop_from_gold(project, span_item.gold[0])
    cmd.do(project)
    assert not only_gold(project)
    assert not [r for r in project.relations(1, GOLD) if not r.deleted]
    cmd.undo(project)
    assert gold_state(project) == old
    assert len(only_gold(project)) == 2
    # keeping it: marking the document adjudicated
    project.set_status(1, GOLD, Status.DONE)
    assert remaining(project, 1, NAMES) == 0


def test_a_gold_event_whose_trigger_neither_holds_is_only_in_gold(project: Project) -> None:
    accept(project, [event(project, "amal").uuid])
    for who in NAMES:  # each deletes the arrest: the event, then its trigger span
        ev = event(project, who)
        project.delete_event(ev.uuid)
        project.delete_span(ev.trigger)
    found = only_gold(project)
    assert sorted(type(d.gold[0]).__name__ for d in found) == ["Event", "Span"]
    ev_item = next(d for d in found if isinstance(d.gold[0], Event))
    assert str(ev_item.detail) == "gold: Justice.Arrest-Jail"
    assert (ev_item.start, ev_item.end) == at("اعتقل")
    old = gold_state(project)
    cmd = drop_from_gold(project, ev_item.gold[0])  # its trigger goes too (56e8e9c)
    cmd.do(project)
    assert not [e for e in project.events(1, GOLD) if not e.deleted]
    assert not live_roles(project)
    assert only_gold(project) == []
    cmd.undo(project)
    assert gold_state(project) == old
    span_item = next(d for d in only_gold(project) if isinstance(d.gold[0], Span))
    cmd = drop_from_gold(project, span_item.gold[0])  # the span takes its event along
    cmd.do(project)
    assert not only_gold(project)
    cmd.undo(project)
    assert gold_state(project) == old


def test_only_in_gold_is_listed_once_among_three_annotators(project: Project) -> None:
    project.add_span(1, *at("أحمد"), "PER", "cara")
    accept(project, [next(s.uuid for s in project.spans(1, "amal") if s.text == "باريس")])
    delete_everywhere(project, "باريس")
    found = [d for d in items(project, [*NAMES, "cara"]) if d.only_in_gold]
    assert len(found) == 1
    assert remaining(project, 1, [*NAMES, "cara"]) == sum(
        1 for d in items(project, [*NAMES, "cara"])
    )


def test_a_gold_span_the_review_pairs_with_a_side_is_not_only_in_gold(project: Project) -> None:
    """The adjudicator's own label at a place an annotator marked resolves that item; it is
    no record only gold holds."""
    amal_par = next(s for s in project.spans(1, "amal") if s.text == "باريس")
    project.add_span(1, amal_par.start, amal_par.end, "LOC", GOLD)
    assert not only_gold(project)


def test_what_the_adjudicator_added_is_listed_only_where_no_one_has_anything(
    project: Project,
) -> None:
    """A relation both missed, written into gold by the adjudicator between spans both hold,
    is the adjudicator's decision there: no item. A span both missed, added into gold, is at
    a place where neither has anything: only in gold (kept by marking the document)."""
    shr, par = (accept(project, [next(s.uuid for s in project.spans(1, "amal") if s.text == t)])
                for t in ("الشرطة", "باريس"))  # fmt: skip
    project.add_relation("GEN-AFF", shr[0].uuid, par[0].uuid)
    assert not only_gold(project)
    project.add_span(1, *at("أحمد"), "PER", GOLD)
    found = only_gold(project)
    assert [(type(d.gold[0]), str(d.detail)) for d in found] == [(Span, "gold: PER")]

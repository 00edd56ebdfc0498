"""Stale gold (QA round 7): after a colleague's bundle changed a layer, gold could keep a
version neither annotator holds any more (B's GPE accepted, then B relabelled the span ORG as
A had it): the item disappeared, nothing flagged it. ``review.against_gold`` is the one rule
that lists such an agreement again (``Kind.GOLD``); accepting with ``replacing`` replaces the
stale version. Also: accepting an event whose argument's span gold holds in another version
says so (``Accepted.reused``), and details are ``Message``s the interface translates."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.commands.review import AcceptIntoGold
from annotator.errors import Message
from annotator.model import GOLD, Span, Status
from annotator.project import Project
from annotator.review import (
    Disagreement,
    Kind,
    accept,
    accept_all_agreements,
    compare,
    compare_many,
    project_remaining,
    remaining,
)

TEXT = "اعتقل محمد علي ببغداد. وقال أحمد إن الشرطة في باريس."
NAMES = ["amal", "badr"]


def at(word: str, skip: int = 0) -> tuple[int, int]:
    start = TEXT.index(word)
    return start + skip, start + len(word)


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    """amal: الشرطة ORG, بغداد GPE; badr: الشرطة GPE, ببغداد GPE (one letter more); both
    hold the arrest with Place on their Baghdad and a PHYS relation from the police."""
    with Project.create(tmp_path / "stale.annotator") as p:
        doc = p.add_document(TEXT, name="d")
        for who, police, skip in (("amal", "ORG", 1), ("badr", "GPE", 0)):
            shr = p.add_span(doc.id, *at("الشرطة"), police, who)
            bgd = p.add_span(doc.id, *at("ببغداد", skip), "GPE", who)
            par = p.add_span(doc.id, *at("باريس"), "GPE", who)
            trig = p.add_span(doc.id, *at("اعتقل"), "Justice.Arrest-Jail", who)
            ev = p.add_event(trig.uuid)
            p.add_argument(ev.uuid, "Place", bgd.uuid)
            del shr, par
        yield p


def span(p: Project, who: str, text: str) -> Span:
    return next(s for s in p.spans(1, who) if s.text == text)


def items(p: Project) -> list[Disagreement]:
    layers = {n: p.layer(1, n) for n in NAMES}
    return compare_many(layers, p.layer(1, GOLD))["amal", "badr"]


def stale(p: Project) -> list[Disagreement]:
    return [d for d in items(p) if d.kind is Kind.GOLD]


def badr_agrees(p: Project) -> None:
    """badr's bundle: الشرطة relabelled ORG, as amal has it."""
    p.update_span(span(p, "badr", "الشرطة").uuid, label="ORG")


def test_gold_keeping_a_version_both_gave_up_is_an_item(project: Project) -> None:
    accept(project, [span(project, "badr", "الشرطة").uuid])  # B's GPE
    before = remaining(project, 1, NAMES)
    assert not stale(project)
    badr_agrees(project)
    found = stale(project)
    assert len(found) == 1
    d = found[0]
    assert isinstance(d.a, Span) and d.a.label == "ORG" and [g.label for g in d.gold] == ["GPE"]
    assert str(d.detail) == "gold: GPE"
    assert isinstance(d.detail, Message)
    # counted everywhere the review counts: the resolved label item went, an open one came
    assert remaining(project, 1, NAMES) == before + 1
    assert project_remaining(project, NAMES) == {1: before + 1}
    # compare with gold gives it too; without gold the pair is an agreement, as before
    amal, badr = (project.layer(1, n) for n in NAMES)
    assert any(x.kind is Kind.GOLD for x in compare(amal, badr, project.layer(1, GOLD)))
    assert not any(x.kind is Kind.GOLD for x in compare(amal, badr))


def test_accept_all_agreements_afterwards_replaces_it(project: Project) -> None:
    """As accepting A or B does (it copied the agreed ORG beside the stale GPE until QA round
    13; tests/core/test_review_accept_all_stale.py); marked adjudicated, gold keeps GPE."""
    accept(project, [span(project, "badr", "الشرطة").uuid])
    badr_agrees(project)
    project.set_status(1, GOLD, Status.DONE)
    accept_all_agreements(project, 1, NAMES)
    labels = sorted(s.label for s in project.spans(1, GOLD) if s.text == "الشرطة")
    assert labels == ["GPE"]
    assert [g.label for g in stale(project)[0].gold] == ["GPE"]  # still contradicted
    project.set_status(1, GOLD, Status.IN_PROGRESS)
    accept_all_agreements(project, 1, NAMES)
    labels = sorted(s.label for s in project.spans(1, GOLD) if s.text == "الشرطة")
    assert labels == ["ORG"]
    assert not stale(project)


def test_accepting_the_agreed_version_replaces_the_stale_one_undoably(project: Project) -> None:
    old = span(project, "badr", "الشرطة")
    accept(project, [old.uuid])
    gold_old = span(project, GOLD, "الشرطة")
    # a gold relation from the stale span, and gold's own event pointing at it
    par = accept(project, [span(project, "amal", "باريس").uuid])[0]
    project.add_relation("PART-WHOLE", gold_old.uuid, par.uuid)
    badr_agrees(project)
    d = stale(project)[0]
    assert d.a is not None
    cmd = AcceptIntoGold([d.a.uuid], replacing=[g.uuid for g in d.gold])
    cmd.do(project)
    police = [s for s in project.spans(1, GOLD) if s.text == "الشرطة"]
    assert [s.label for s in police] == ["ORG"]
    rels = [r for r in project.relations(1, GOLD) if not r.deleted]
    assert [(r.source, r.target) for r in rels] == [(police[0].uuid, par.uuid)]
    assert not stale(project)
    assert not cmd.conflicts  # the copy competes with nothing left
    cmd.undo(project)
    assert [s.uuid for s in project.spans(1, GOLD) if s.text == "الشرطة"] == [gold_old.uuid]
    rels = [r for r in project.relations(1, GOLD) if not r.deleted]
    assert [(r.source, r.target) for r in rels] == [(gold_old.uuid, par.uuid)]
    assert len(stale(project)) == 1
    cmd.do(project)  # redo
    assert [s.label for s in project.spans(1, GOLD) if s.text == "الشرطة"] == ["ORG"]


def test_an_argument_on_the_stale_span_follows_the_replacement(project: Project) -> None:
    accept(project, [next(e.uuid for e in project.events(1, "badr"))])  # B's ببغداد
    project.update_span(span(project, "badr", "ببغداد").uuid, start=at("ببغداد", 1)[0])
    d = stale(project)[0]  # both have بغداد now; gold ببغداد
    assert d.a is not None and [g.text for g in d.gold] == ["ببغداد"]
    assert str(d.detail).startswith("gold: ")
    accept(project, [d.a.uuid], replacing=[g.uuid for g in d.gold])
    gold = project.layer(1, GOLD)
    places = [gold.span_by_uuid()[a.target].text for a in gold.arguments if not a.deleted]
    assert places == ["بغداد"]
    assert not stale(project)


def test_a_gold_version_some_annotator_holds_is_not_stale(project: Project) -> None:
    """Three annotators: cara's GPE, accepted into gold, is her version, not a stale one."""
    project.add_span(1, *at("الشرطة"), "GPE", "cara")
    accept(project, [span(project, "cara", "الشرطة").uuid])
    badr_agrees(project)
    layers = {n: project.layer(1, n) for n in [*NAMES, "cara"]}
    found = compare_many(layers, project.layer(1, GOLD))
    assert not any(d.kind is Kind.GOLD for ds in found.values() for d in ds)


def test_marking_the_document_adjudicated_keeps_gold_as_it_is(project: Project) -> None:
    accept(project, [span(project, "badr", "الشرطة").uuid])
    badr_agrees(project)
    assert remaining(project, 1, NAMES) > 0
    project.set_status(1, GOLD, Status.DONE)
    assert remaining(project, 1, NAMES) == 0


def test_a_reused_gold_span_is_reported(project: Project) -> None:
    """Accept A on بغداد/ببغداد, then B's event: its Place points at A's بغداد, and the result
    says so (the window tells the adjudicator)."""
    accept(project, [span(project, "amal", "بغداد").uuid])
    done = accept(project, [next(e.uuid for e in project.events(1, "badr"))])
    assert [(r.source.text, r.gold.text) for r in done.reused] == [("ببغداد", "بغداد")]
    assert not done.conflicts


def test_details_are_messages_with_their_parts(project: Project) -> None:
    found = compare(*(project.layer(1, n) for n in NAMES))
    label = next(d for d in found if d.kind is Kind.LABEL)
    assert isinstance(label.detail, Message) and str(label.detail) == "ORG / GPE"
    assert label.detail.template == "{a} / {b}"
    assert label.detail.params["a"].params == {"label": "ORG"}
    bounds = next(d for d in found if d.kind is Kind.BOUNDARY)
    assert isinstance(bounds.detail, Message)
    assert bounds.detail.template == "{a} / {b}"

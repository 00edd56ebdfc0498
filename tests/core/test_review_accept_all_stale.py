"""Accept all agreements (Ctrl+Shift+A) against stale gold (QA round 13).

Where gold held another version of an agreement (the review's "gold differs" item: the
adjudicator accepted B's version, then B's bundle moved to what A has), accepting A or B
replaced gold's version, but accepting all agreements copied the agreed one beside it: gold
held two competing versions and the item stayed open; on a document marked adjudicated
("Mark adjudicated keeps it") it overrode the adjudicator's own choice the same way. Now both
paths read one rule (``review._stale_gold``, ``against_gold``): accept all replaces a stale
version as accepting A or B does, in one undo step, and leaves gold as it is where the
adjudicator kept it (the document marked adjudicated) or where replacing is refused (a stale
span triggering a gold event)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.commands.review import AcceptAllAgreements
from annotator.errors import ValidationError
from annotator.model import GOLD, Event, Relation, Span, Status
from annotator.project import Project
from annotator.review import Disagreement, Kind, accept, accept_all_agreements, compare_many
from annotator.review import remaining as remaining_items

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
    with Project.create(tmp_path / "accept_all_stale.annotator") as p:
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


def stale(p: Project) -> list[Disagreement]:
    """The review's "gold differs" items with sides (gold contradicting an agreement)."""
    layers = {n: p.layer(1, n) for n in NAMES}
    found = compare_many(layers, p.layer(1, GOLD))
    return [d for ds in found.values() for d in ds if d.kind is Kind.GOLD and not d.only_in_gold]


def remaining(p: Project) -> int:
    return remaining_items(p, 1, NAMES)


def event(p: Project, who: str) -> Event:
    return next(e for e in p.events(1, who) if not e.deleted)


def relation(p: Project, who: str) -> Relation:
    return next(r for r in p.relations(1, who) if not r.deleted)


def span(p: Project, who: str, text: str) -> Span:
    return next(s for s in p.spans(1, who) if s.text == text and not s.deleted)


def gold_spans(p: Project) -> list[tuple[str, str]]:
    return sorted((s.text, s.label) for s in p.spans(1, GOLD) if not s.deleted)


def live_roles(p: Project) -> list[str]:
    gold = p.layer(1, GOLD)
    return sorted(a.role for a in gold.arguments if not a.deleted)


def gold_relations(p: Project) -> list[str]:
    return sorted(r.type for r in p.relations(1, GOLD) if not r.deleted)


def gold_state(p: Project) -> list[tuple[str, str, bool, str]]:
    """Every gold record version as (kind, uuid, deleted, what): undo must restore it."""
    gold = p.layer(1, GOLD)
    out = [("span", s.uuid, s.deleted, f"{s.start}-{s.end} {s.label}") for s in gold.spans]
    out += [("event", e.uuid, e.deleted, f"{e.trigger} {e.type}") for e in gold.events]
    out += [("arg", a.uuid, a.deleted, f"{a.event} {a.role} {a.target}") for a in gold.arguments]
    out += [("rel", r.uuid, r.deleted, f"{r.type} {r.source} {r.target}") for r in gold.relations]
    return sorted(out)


def both_agree_on_the_relation(p: Project) -> None:
    """badr's bundle: the police–Paris relation ORG-AFF, as amal has it."""
    old = relation(p, "badr")
    p.delete_relation(old.uuid)
    p.add_relation("ORG-AFF", old.source, old.target)


def both_drop_person(p: Project) -> None:
    """badr's bundle: no Person on the arrest, as amal."""
    person = next(a for a in p.arguments(event(p, "badr").uuid) if a.role == "Person")
    p.delete_argument(person.uuid)


def test_a_stale_span_is_replaced_as_accepting_a_does(tmp_path: Path) -> None:
    """The QA's case: gold's بغداد (accepted from one before they moved its start) is replaced
    by the agreed ببغداد, not joined by it; one undo step restores gold exactly."""
    with Project.create(tmp_path / "p.annotator") as p:
        doc = p.add_document(TEXT, name="d")
        start, end = at("ببغداد")
        for who in NAMES:
            p.add_span(doc.id, start, end, "GPE", who)
        p.add_span(doc.id, start + 1, end, "GPE", GOLD)  # the stale version
        assert len(stale(p)) == 1
        before = gold_state(p)
        cmd = AcceptAllAgreements(doc.id, NAMES)
        cmd.do(p)
        assert gold_spans(p) == [("ببغداد", "GPE")]
        assert not cmd.conflicts
        assert not stale(p) and remaining(p) == 0
        cmd.undo(p)
        assert gold_state(p) == before
        assert len(stale(p)) == 1
        cmd.do(p)  # redo
        assert gold_spans(p) == [("ببغداد", "GPE")]


def test_an_argument_on_the_stale_span_follows_it(project: Project) -> None:
    """Gold's arrest points at ببغداد; both now hold بغداد: accept all moves gold's Place to
    the agreed span (one Place, not two) and leaves no stale item."""
    both_drop_person(project)
    both_agree_on_the_relation(project)
    accept(project, [event(project, "amal").uuid])
    for who in NAMES:
        bgd = span(project, who, "ببغداد")
        project.update_span(bgd.uuid, start=bgd.start + 1)
    assert [type(d.a) for d in stale(project)] == [Span]
    done = accept_all_agreements(project, 1, NAMES)
    assert ("بغداد", "GPE") in gold_spans(project)
    assert ("ببغداد", "GPE") not in gold_spans(project)
    assert live_roles(project) == ["Place"]
    gold = project.layer(1, GOLD)
    place = next(a for a in gold.arguments if not a.deleted)
    assert gold.span_by_uuid()[place.target].text == "بغداد"
    assert not done.conflicts and not done.kept
    assert not stale(project) and remaining(project) == 0


def test_a_stale_event_gets_the_agreed_arguments(project: Project) -> None:
    accept(project, [event(project, "badr").uuid])  # Place and Person
    both_drop_person(project)
    assert [type(d.a) for d in stale(project)] == [Event]
    old = gold_state(project)
    cmd = AcceptAllAgreements(1, NAMES)
    cmd.do(project)
    assert live_roles(project) == ["Place"]
    assert len([e for e in project.events(1, GOLD) if not e.deleted]) == 1
    assert not stale(project)
    cmd.undo(project)  # one step
    assert gold_state(project) == old


def test_a_stale_relation_is_replaced(project: Project) -> None:
    accept(project, [relation(project, "badr").uuid])  # PART-WHOLE
    both_agree_on_the_relation(project)
    assert [type(d.a) for d in stale(project)] == [Relation]
    old = gold_state(project)
    cmd = AcceptAllAgreements(1, NAMES)
    cmd.do(project)
    assert gold_relations(project) == ["ORG-AFF"]
    assert not stale(project)
    cmd.undo(project)
    assert gold_state(project) == old


def test_marked_adjudicated_keeps_gold_as_it_is(project: Project) -> None:
    """The adjudicator kept gold's PART-WHOLE and gold's own ORG over the agreed GPE
    (Mark adjudicated): accept all copies the other agreements and leaves those alone."""
    accept(project, [relation(project, "badr").uuid])  # PART-WHOLE, with both ends
    both_agree_on_the_relation(project)
    police = span(project, GOLD, "الشرطة")
    for who in NAMES:  # both now say GPE; gold keeps ORG
        project.update_span(span(project, who, "الشرطة").uuid, label="GPE")
    assert len(stale(project)) == 2
    project.set_status(1, GOLD, Status.DONE)
    done = accept_all_agreements(project, 1, NAMES)
    assert gold_relations(project) == ["PART-WHOLE"]
    assert [s.uuid for s in project.spans(1, GOLD) if s.text == "الشرطة" and not s.deleted] == [
        police.uuid
    ]
    assert ("محمد علي", "PER") in gold_spans(project)  # the rest is accepted
    assert not done.conflicts and not done.replaced
    assert sorted(type(r).__name__ for r in done.kept) == ["Relation", "Span"]
    assert len(stale(project)) == 2  # still listed, for the adjudicator to choose again


def test_marked_adjudicated_with_only_kept_agreements_writes_nothing(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.annotator") as p:
        doc = p.add_document(TEXT, name="d")
        for who in NAMES:
            p.add_span(doc.id, *at("محمد علي"), "PER", who)
        p.add_span(doc.id, *at("محمد علي"), "ORG", GOLD)  # the adjudicator's own choice
        p.set_status(doc.id, GOLD, Status.DONE)
        with pytest.raises(ValidationError) as err:
            AcceptAllAgreements(doc.id, NAMES).do(p)  # no empty step
        assert str(err.value) == (
            "nothing to accept: the document is marked adjudicated, and gold keeps its own "
            "version of 1 agreements of amal and badr"
        )
        assert gold_spans(p) == [("محمد علي", "ORG")]


def test_a_stale_trigger_span_is_left_for_the_adjudicator(project: Project) -> None:
    """Replacing a stale span that triggers a gold event is refused (accept A says so): accept
    all leaves it and its event as gold has them and accepts the rest, never beside it."""
    accept(project, [event(project, "amal").uuid])
    for who in NAMES:
        trig = span(project, who, "اعتقل")
        project.update_span(trig.uuid, start=trig.start + 1)  # both: عتقل
    d = next(d for d in stale(project) if isinstance(d.a, Span) and d.a.text == "عتقل")
    with pytest.raises(ValidationError):
        accept(project, [d.a.uuid], replacing=[g.uuid for g in d.gold])
    done = accept_all_agreements(project, 1, NAMES)
    assert [s.text for s in project.spans(1, GOLD) if s.label == "Justice.Arrest-Jail"] == ["اعتقل"]
    assert len([e for e in project.events(1, GOLD) if not e.deleted]) == 1
    assert [getattr(r, "text", "") for r in done.kept] == ["عتقل"]
    assert ("الشرطة", "ORG") in gold_spans(project)
    assert not done.conflicts

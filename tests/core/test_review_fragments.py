"""The review's "same span" is the rules' (``rules.same_span``: offsets, fragments and label).

Found after QA day 4: ``annotator.review`` paired the spans of two layers on (start, end,
label) only, so two discontinuous spans with the same outer offsets and label but other
fragments, or a discontinuous span and a continuous one, were shown as agreeing; adjudication
reused a gold span of other fragments instead of copying the chosen one, "accept all
agreements" copied a span the annotators did not agree on, and gold holding neither side's
fragments counted as resolving the disagreement."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.model import GOLD, Span
from annotator.project import Project
from annotator.review import (
    Kind,
    accept,
    accept_all_agreements,
    compare,
    disagreements,
    remaining,
)

TEXT = "اعتقل محمد بن علي ببغداد أمس."
NAME = TEXT.index("محمد")
BIN = TEXT.index("بن")
ALI = TEXT.index("علي")
END = ALI + len("علي")
PLACE = TEXT.index("ببغداد") + 1, TEXT.index("ببغداد") + len("ببغداد")

WHOLE: tuple[tuple[int, int], ...] = ()  # محمد بن علي, continuous
SKIP_BIN = ((NAME, NAME + len("محمد")), (ALI, END))  # محمد … علي
KEEP_BIN = ((NAME, NAME + len("محمد")), (BIN, END))  # محمد … بن علي (without the space)


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project.create(tmp_path / "frag.annotator") as p:
        p.add_document(TEXT, name="d1")
        yield p


def _person(p: Project, who: str, fragments: tuple[tuple[int, int], ...]) -> Span:
    return p.add_span(1, NAME, END, "PER", who, fragments=fragments)


def _bounds(fragments: tuple[tuple[int, int], ...]) -> str:
    return ",".join(f"{x}-{y}" for x, y in fragments) if fragments else f"{NAME}-{END}"


def _kinds(p: Project, a: str = "amal", b: str = "badr") -> list[Kind]:
    return [d.kind for d in compare(p.layer(1, a), p.layer(1, b))]


@pytest.mark.parametrize(
    ("frag_a", "frag_b"),
    [(SKIP_BIN, KEEP_BIN), (SKIP_BIN, WHOLE), (WHOLE, KEEP_BIN)],
    ids=["other-fragments", "discontinuous-vs-continuous", "continuous-vs-discontinuous"],
)
def test_spans_of_other_fragments_disagree(
    project: Project,
    frag_a: tuple[tuple[int, int], ...],
    frag_b: tuple[tuple[int, int], ...],
) -> None:
    a, b = _person(project, "amal", frag_a), _person(project, "badr", frag_b)
    (d,) = disagreements(project.layer(1, "amal"), project.layer(1, "badr"))
    assert d.kind is Kind.BOUNDARY and (d.a, d.b) == (a, b)
    assert (d.start, d.end) == (NAME, END)
    # the detail names each side's boundaries, fragments and all
    assert d.detail == f"{_bounds(frag_a)} / {_bounds(frag_b)}"


def test_the_same_fragments_agree(project: Project) -> None:
    _person(project, "amal", SKIP_BIN)
    _person(project, "badr", SKIP_BIN)
    assert _kinds(project) == [Kind.AGREEMENT]


def test_other_fragments_and_another_label_are_only_in_a_and_only_in_b(project: Project) -> None:
    _person(project, "amal", SKIP_BIN)
    project.add_span(1, NAME, END, "ORG", "badr", fragments=KEEP_BIN)
    assert sorted(_kinds(project)) == sorted([Kind.ONLY_A, Kind.ONLY_B])


def test_a_relation_between_spans_of_other_fragments_disagrees(project: Project) -> None:
    """Relations are compared by the keys of their ends: the same rule."""
    types = [r.name for r in project.schema.relations if r.name == "PHYS"]
    assert types
    for who, frags in (("amal", SKIP_BIN), ("badr", KEEP_BIN)):
        person = _person(project, who, frags)
        place = project.add_span(1, *PLACE, "GPE", who)
        project.add_relation("PHYS", person.uuid, place.uuid)
    kinds = _kinds(project)
    assert kinds.count(Kind.AGREEMENT) == 1  # the place only
    assert Kind.ONLY_A in kinds and Kind.ONLY_B in kinds  # the relation, each side its own


def test_accept_copies_the_chosen_fragments_beside_gold_of_other_fragments(
    project: Project,
) -> None:
    """Gold holds محمد بن علي whole; the adjudicator accepts amal's محمد … علي: it is copied
    (with its fragments) and reported as competing, not taken for the whole span."""
    whole = _person(project, GOLD, WHOLE)
    chosen = _person(project, "amal", SKIP_BIN)
    result = accept(project, [chosen.uuid])
    (copy,) = result
    assert isinstance(copy, Span) and copy.uuid != whole.uuid
    assert copy.fragments == SKIP_BIN
    (conflict,) = result.conflicts
    assert conflict.existing == (whole.uuid,)
    # accepting the same version again reuses the copy (the same span): nothing written
    assert list(accept(project, [chosen.uuid])) == []


def test_accept_all_agreements_leaves_spans_of_other_fragments(project: Project) -> None:
    _person(project, "amal", SKIP_BIN)
    _person(project, "badr", KEEP_BIN)
    assert list(accept_all_agreements(project, 1, ["amal", "badr"])) == []
    assert project.spans(1, GOLD) == []
    project.delete_span(project.spans(1, "badr")[0].uuid)
    _person(project, "badr", SKIP_BIN)
    (copy,) = accept_all_agreements(project, 1, ["amal", "badr"])
    assert isinstance(copy, Span) and copy.fragments == SKIP_BIN


def test_gold_of_neither_sides_fragments_does_not_resolve(project: Project) -> None:
    a = _person(project, "amal", SKIP_BIN)
    _person(project, "badr", WHOLE)
    assert remaining(project, 1, ["amal", "badr"]) == 1
    other = _person(project, GOLD, KEEP_BIN)  # neither amal's nor badr's version
    assert remaining(project, 1, ["amal", "badr"]) == 1
    project.delete_span(other.uuid)
    accept(project, [a.uuid])
    assert remaining(project, 1, ["amal", "badr"]) == 0

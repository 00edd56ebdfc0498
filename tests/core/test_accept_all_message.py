"""QA round 5: "Accept all agreements" on a document where the two layers agree on nothing
said "nothing to accept: the gold layer already holds it" although gold was empty. Each case
of an empty accept now says its own reason."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.commands.review import AcceptAllAgreements, AcceptIntoGold
from annotator.errors import ValidationError
from annotator.model import GOLD
from annotator.project import Project
from annotator.schema import default_schema
from annotator.schema.model import AttributeDef

TEXT = "عقد الاجتماع في باريس وحضره وزير الخارجية."


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    schema = dataclasses.replace(
        default_schema(), attributes=(AttributeDef("Generic", labels=("GPE",)),)
    )
    with Project.create(tmp_path / "p.annotator", schema) as p:
        p.add_document(TEXT, name="d")
        yield p


def refusal(project: Project, command: AcceptAllAgreements | AcceptIntoGold) -> str:
    with pytest.raises(ValidationError) as caught:
        command.do(project)
    return str(caught.value)


def test_no_agreement_says_so_not_that_gold_holds_it(project: Project) -> None:
    project.add_span(1, *at("باريس"), "GPE", "amal")  # only amal: nothing agreed
    assert project.spans(1, GOLD) == []
    assert refusal(project, AcceptAllAgreements(1, ["amal", "badr"])) == (
        "nothing to accept: amal and badr agree on nothing in this document"
    )


def test_an_empty_document_agrees_on_nothing(project: Project) -> None:
    assert refusal(project, AcceptAllAgreements(1, ["amal", "badr", "sara"])) == (
        "nothing to accept: amal, badr and sara agree on nothing in this document"
    )


def test_gold_holding_every_agreement_counts_them(project: Project) -> None:
    for who in ("amal", "badr"):
        project.add_span(1, *at("باريس"), "GPE", who)
        project.add_span(1, *at("وزير الخارجية"), "PER", who)
    project.add_span(1, *at("الاجتماع"), "Contact.Meet", "amal")  # no agreement
    assert len(AcceptAllAgreements(1, ["amal", "badr"]).do(project).doc_ids) == 1
    assert refusal(project, AcceptAllAgreements(1, ["amal", "badr"])) == (
        "nothing to accept: the gold layer already holds all 2 agreements of amal and badr "
        "in this document"
    )


def test_agreed_events_waiting_for_a_span_say_which_spans(project: Project) -> None:
    for who, generic in (("amal", True), ("badr", False)):
        meet = project.add_span(1, *at("الاجتماع"), "Contact.Meet", who)
        paris = project.add_span(1, *at("باريس"), "GPE", who, attributes={"Generic": generic})
        event = project.add_event(meet.uuid)
        project.add_argument(event.uuid, "Place", paris.uuid)
    # the trigger waits with its event (56e8e9c: gold never holds a trigger without its
    # event), so there is nothing to accept from the start
    assert refusal(project, AcceptAllAgreements(1, ["amal", "badr"])) == (
        "nothing to accept: 1 events or relations amal and badr agree on need spans whose "
        "attributes they set differently; accept one version of those spans into gold first"
    )
    assert project.spans(1, GOLD) == []


def test_one_annotator_and_no_choice(project: Project) -> None:
    assert refusal(project, AcceptAllAgreements(1, ["amal"])) == (
        "nothing to accept: agreements need two annotators at least"
    )
    assert refusal(project, AcceptIntoGold([])) == "nothing to accept: nothing is chosen"
    span = project.add_span(1, *at("باريس"), "GPE", "amal")
    AcceptIntoGold([span.uuid]).do(project)
    assert refusal(project, AcceptIntoGold([span.uuid])) == (
        "nothing to accept: the gold layer already holds it"
    )

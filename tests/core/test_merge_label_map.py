"""A merge's label map: a colleague's ``Per`` (or ``Person``) merged as our ``PER``.

Without a map their ``Per`` records are quarantined (``adopt_labels`` takes the name as ours
in the schema only); with ``label_map={"Per": "PER"}`` they arrive labelled ``PER`` and are
judged by the rules like any other record. A map naming a label the source does not hold,
or one our schema lacks, is refused before anything is written. ``label_offers`` proposes
the folded-equal names and applies nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.errors import Cancelled
from annotator.exchange import (
    canonical_dump,
    merge_bundle,
    merge_project_file,
    read_bundle,
    write_bundle,
)
from annotator.exchange.label_map import (
    LabelMapError,
    LabelOffer,
    label_offers,
    propose_label_map,
)
from annotator.model import Event, Relation, Span
from annotator.project import Project
from annotator.schema import EventType, Label, Role, Schema, default_schema
from annotator.schema.edit import add_label, rename_label
from annotator.validation import check_project

TEXT = "قال محمد إن الاجتماع في باريس كان مثمرا جدا"


def _theirs() -> Schema:
    """Ours (the default schema) with PER written Per, a Person label, a Meet event type
    (ours: Contact.Meet) and a hostile-looking but valid name."""
    schema = rename_label(default_schema(), "PER", "Per")
    schema = add_label(schema, Label("Person"))
    schema = add_label(schema, EventType("Meet", roles=(Role("Place", ("GPE",), "?"),)))
    return add_label(schema, Label("P<b>er</b>"))


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    with Project.create(tmp_path / "s.annotator", schema=_theirs()) as s:
        doc = s.add_document(TEXT, name="seed")
        s.add_span(doc.id, 4, 8, "Per", "amal")
        s.add_span(doc.id, 0, 3, "Person", "amal")
        gone = s.add_span(doc.id, 0, 3, "Per", "amal")
        s.delete_span(gone.uuid)  # a tombstone is relabelled too
        i = TEXT.index("الاجتماع")
        meet = s.add_span(doc.id, i, i + 8, "Meet", "amal")
        event = s.add_event(meet.uuid)
        j = TEXT.index("باريس")
        paris = s.add_span(doc.id, j, j + 5, "GPE", "amal")
        s.add_argument(event.uuid, "Place", paris.uuid)
        s.add_span(doc.id, 12, 20, "P<b>er</b>", "amal")
        write_bundle(s, "amal", tmp_path / "amal.bundle")
    return tmp_path / "amal.bundle"


@pytest.fixture
def target(tmp_path: Path) -> Project:
    return Project.create(tmp_path / "t.annotator")


def test_mapped_records_are_stored_under_our_label_and_counted(
    bundle: Path, target: Project
) -> None:
    label_map = {"Per": "PER", "Person": "PER", "Meet": "Contact.Meet"}
    report = merge_bundle(target, read_bundle(bundle), "amal.bundle", label_map=label_map)
    assert report.label_map == label_map
    assert report.relabelled == {"Per": 2, "Person": 1, "Meet": 2}  # the tombstone too
    lines = [str(x) for x in report.lines()]
    assert "amal.bundle: label 'Per' mapped to the project's 'PER': 2 records relabelled" in lines
    assert (
        "amal.bundle: label 'Meet' mapped to the project's 'Contact.Meet': 2 records relabelled"
    ) in lines
    # no longer taken (and quarantined) nor added: theirs are ours
    assert report.labels_taken == []
    assert report.quarantined == []
    assert report.labels_added == ["P<b>er</b>"]  # unmapped and new: added, as before
    spans = sorted((s.label, s.deleted) for s in target.versions("spans") if isinstance(s, Span))
    assert spans == [("Contact.Meet", False), ("GPE", False), ("P<b>er</b>", False),
                     ("PER", False), ("PER", False), ("PER", True)]  # fmt: skip
    (event,) = [e for e in target.versions("events") if isinstance(e, Event)]
    assert event.type == "Contact.Meet"
    (argument,) = target.versions("arguments")
    assert argument.role == "Place"  # judged against our Contact.Meet: accepted
    for name in ("Per", "Person", "Meet"):
        assert target.schema.label(name) is None
    assert check_project(target) == []
    # the relabelling is kept in the merge's entry of the change log
    logged = [c for c in target.changes() if c.action == "merge"]
    assert logged and any("2 records relabelled" in x for x in (logged[0].after or {})["lines"])


def test_unmapped_labels_are_still_quarantined_or_added(bundle: Path, target: Project) -> None:
    report = merge_bundle(target, read_bundle(bundle), "amal.bundle", label_map={"Person": "PER"})
    assert report.relabelled == {"Person": 1}
    assert report.labels_taken == [("Per", "PER")]
    assert LabelOffer("Per", "PER", False) in report.offers  # offered again, not applied
    assert "Person" not in [o.name for o in report.offers]  # mapped: no offer
    reasons = sorted(str(q.reason) for q in report.quarantined)
    assert reasons == ["label 'Per' is not in the schema"]  # (a tombstone: structure only)
    assert target.schema.label("Meet") is not None  # added as a label of its own, as before


def test_a_span_label_mapped_onto_a_relation_type_is_refused(bundle: Path, target: Project) -> None:
    # it was merged and its records set aside by the rule for span labels (QA 11): now a
    # map of two kinds is refused before anything is written
    before = canonical_dump(target)
    with pytest.raises(LabelMapError, match="are not of one kind"):
        merge_bundle(target, read_bundle(bundle), "amal.bundle", label_map={"Person": "PART-WHOLE"})
    assert canonical_dump(target) == before and target.quarantined() == []


@pytest.mark.parametrize(
    ("label_map", "message"),
    [
        (
            {"Per": "PERSONNE"},
            "label map: the project's schema has no label 'PERSONNE' (to take 'Per' of "
            "amal.bundle as)",
        ),
        ({"Nobody": "PER"}, "label map: amal.bundle holds no label 'Nobody'"),
        ({"Per\u202e": "PER"}, "label map: amal.bundle holds no label 'Per\\u202e'"),
        (
            {"Per": "PER\n"},
            "label map: the project's schema has no label 'PER\\n' (to take 'Per' of "
            "amal.bundle as)",
        ),
        ({"Per": 3}, "label map: 'Per' → 3 is not a pair of names"),
        ({"Per": "PER", "PER": "GPE"}, "label map: amal.bundle holds no label 'PER'"),
    ],
)
def test_a_refused_map_writes_nothing(
    bundle: Path, target: Project, label_map: dict[str, object], message: str
) -> None:
    before = canonical_dump(target)
    schema = target.schema
    changes = len(target.changes())
    with pytest.raises(LabelMapError) as caught:
        merge_bundle(target, read_bundle(bundle), "amal.bundle", label_map=label_map)  # type: ignore[arg-type]
    assert str(caught.value) == message
    assert canonical_dump(target) == before
    assert target.documents() == [] and target.quarantined() == []
    assert target.schema == schema and len(target.changes()) == changes
    with Project.open(target.path) as again:
        assert again.schema == schema and again.documents() == []


def test_a_cancelled_mapped_merge_leaves_the_project_as_it_was(
    bundle: Path, target: Project
) -> None:
    before = canonical_dump(target)
    calls = iter([False, False, False, False, True])
    with pytest.raises(Cancelled):
        merge_bundle(target, read_bundle(bundle), label_map={"Per": "PER"},
                     cancelled=lambda: next(calls, True))  # fmt: skip
    assert canonical_dump(target) == before and target.schema.label("Meet") is None


def test_a_project_file_merges_with_a_map(tmp_path: Path, target: Project) -> None:
    with Project.create(tmp_path / "other.annotator", schema=_theirs()) as s:
        doc = s.add_document(TEXT)
        rel_src = s.add_span(doc.id, 4, 8, "Per", "amal")
        rel_dst = s.add_span(doc.id, 0, 3, "GPE", "amal")
        s.add_relation("PHYS", rel_src.uuid, rel_dst.uuid)
    report = merge_project_file(target, tmp_path / "other.annotator", label_map={"Per": "PER"})
    assert report.relabelled == {"Per": 1} and report.quarantined == []
    assert sorted(s.label for s in target.spans()) == ["GPE", "PER"]
    (rel,) = [r for r in target.versions("relations") if isinstance(r, Relation)]
    assert rel.type == "PHYS"
    with pytest.raises(LabelMapError, match=r"other\.annotator holds no label 'Nobody'"):
        merge_project_file(target, tmp_path / "other.annotator", label_map={"Nobody": "PER"})


def test_a_relation_type_is_mapped(tmp_path: Path, target: Project) -> None:
    theirs = rename_label(default_schema(), "PHYS", "Located")
    with Project.create(tmp_path / "s.annotator", schema=theirs) as s:
        doc = s.add_document(TEXT)
        a = s.add_span(doc.id, 4, 8, "PER", "amal")
        b = s.add_span(doc.id, 0, 3, "GPE", "amal")
        s.add_relation("Located", a.uuid, b.uuid)
        write_bundle(s, "amal", tmp_path / "r.bundle")
    report = merge_bundle(target, read_bundle(tmp_path / "r.bundle"),
                          label_map={"Located": "PHYS"})  # fmt: skip
    assert report.relabelled == {"Located": 1} and report.quarantined == []
    assert [r.type for r in target.versions("relations") if isinstance(r, Relation)] == ["PHYS"]
    assert target.schema.relation("Located") is None


def test_the_offer_proposes_folded_names_and_applies_nothing(bundle: Path, target: Project) -> None:
    b = read_bundle(bundle)
    offers = label_offers(target.schema, b.schema)
    assert offers == [
        LabelOffer("Meet", "", True),
        LabelOffer("P<b>er</b>", "", True),
        LabelOffer("Per", "PER", False),
        LabelOffer("Person", "", True),
    ]
    assert propose_label_map(target.schema, b.schema) == {"Per": "PER"}
    # a label only the records carry is offered too; one of another kind is not proposed
    mine = add_label(default_schema(), Label("meet"))
    offers = label_offers(mine, b.schema, {"gpe2"})
    assert LabelOffer("Meet", "", True) not in offers  # Meet is an event type, ours an entity
    assert [o.name for o in offers if o.name == "gpe2"] == ["gpe2"]
    assert target.documents() == []  # an offer reads, never merges


def test_merging_again_with_the_map_changes_nothing_and_without_it_keeps_ours(
    bundle: Path, target: Project
) -> None:
    b = read_bundle(bundle)
    merge_bundle(target, b, "amal.bundle", label_map={"Per": "PER"})
    before = canonical_dump(target)
    again = merge_bundle(target, b, "amal.bundle", label_map={"Per": "PER"})
    assert (again.added, again.updated, again.quarantined) == (0, 0, [])
    assert canonical_dump(target) == before
    # without the map their Per version ties ours in clock and author and the whole record
    # decides (Per > PER): it wins and is judged; a live one is set aside, ours stays; a
    # tombstone (structural rules only) is taken, deleted either way
    live = sorted(s.uuid for s in target.spans() if s.label == "PER")
    plain = merge_bundle(target, b, "amal.bundle")
    assert [str(q.reason) for q in plain.quarantined] == ["label 'Per' is not in the schema"]
    assert sorted(s.uuid for s in target.spans() if s.label == "PER") == live
    assert plain.updated == 1 and [
        s.label for s in target.versions("spans") if isinstance(s, Span) and s.deleted
    ] == ["Per"]

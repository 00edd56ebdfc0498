"""The merge step's role offers: for each role of a colleague's event type that the project's
event type (read through the label map) lacks, the project's roles to choose from and the one
of the same name but for case or folding; an event type the merge adds is not asked about."""

from __future__ import annotations

from pathlib import Path

from annotator.exchange import read_bundle, write_bundle
from annotator.exchange.label_map import (
    RoleOffer,
    event_roles_of_records,
    event_roles_of_schema,
    role_offers,
)
from annotator.project import Project
from annotator.schema import EventType, Role, default_schema
from annotator.schema.edit import add_label, rename_label, rename_role

TEXT = "قال محمد إن الاجتماع في باريس كان مثمرا جدا"
MEET = ("Entity", "Time", "Place")


def test_a_role_our_event_type_lacks_is_offered_with_the_folded_one() -> None:
    mine = default_schema()
    pairs = {("Contact.Meet", "Location"), ("Contact.Meet", "place"), ("Contact.Meet", "Time")}
    assert role_offers(mine, pairs) == [
        RoleOffer("Contact.Meet", "Location", "Contact.Meet", MEET, ""),
        RoleOffer("Contact.Meet", "place", "Contact.Meet", MEET, "Place"),
    ]


def test_the_event_type_is_read_through_the_label_map_and_an_added_one_is_not_asked() -> None:
    mine = default_schema()
    pairs = {("Meeting", "Location"), ("Travel", "Location")}
    assert role_offers(mine, pairs) == []  # both would be added with their roles
    assert role_offers(mine, pairs, {"Meeting": "Contact.Meet"}) == [
        RoleOffer("Meeting", "Location", "Contact.Meet", MEET, "")
    ]


def test_the_pairs_of_a_bundle_and_of_a_schema(tmp_path: Path) -> None:
    theirs = rename_role(default_schema(), "Contact.Meet", "Place", "Location")
    theirs = add_label(theirs, EventType("Travel", roles=(Role("Location"), Role("Place"))))
    with Project.create(tmp_path / "s.annotator", schema=theirs) as s:
        doc = s.add_document(TEXT)
        i, j = TEXT.index("الاجتماع"), TEXT.index("باريس")
        meet = s.add_span(doc.id, i, i + 8, "Contact.Meet", "amal")
        paris = s.add_span(doc.id, j, j + 5, "GPE", "amal")
        s.add_argument(s.add_event(meet.uuid).uuid, "Location", paris.uuid)
        write_bundle(s, "amal", tmp_path / "amal.annbundle")
    bundle = read_bundle(tmp_path / "amal.annbundle")
    assert event_roles_of_records(bundle.records) == {("Contact.Meet", "Location")}
    assert event_roles_of_schema(theirs, {"Location"}) == {
        ("Contact.Meet", "Location"),
        ("Travel", "Location"),
    }
    assert ("Travel", "Place") in event_roles_of_schema(theirs)
    offers = role_offers(default_schema(), event_roles_of_schema(theirs, {"Location"}))
    assert [(o.event, o.role) for o in offers] == [("Contact.Meet", "Location")]
    renamed = rename_label(theirs, "Contact.Meet", "Meeting")
    assert role_offers(default_schema(), event_roles_of_schema(renamed)) == []

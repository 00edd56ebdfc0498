"""``rules.LayerRules`` (the importer's checker for many records of one layer) answers exactly
what ``span_problem``, ``event_problem``, ``argument_problem`` and ``relation_problem`` answer:
the same violation, worded the same, for generated records that are sometimes valid and
sometimes not, asked twice over (the second answer may come from what it remembered)."""

from __future__ import annotations

import dataclasses
from typing import Any

from hypothesis import event as tally
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator import rules
from annotator.model import Argument, Event, Relation, Span
from annotator.schema import AttributeDef, RelationType, default_schema

TEXT = "اعتقلت الشرطة محمد علي في بغداد، وقالت وزارة الداخلية إن الهجوم بالصواريخ وقع أمس."
ME = "amal"
ACE = default_schema()
SCHEMA = dataclasses.replace(
    ACE,
    relations=(
        *ACE.relations,
        RelationType("Located", arg1=("PER",), arg2=("GPE",)),
    ),
    attributes=(*ACE.attributes, AttributeDef("Flag", "bool"), AttributeDef("Said", "text")),
)
OTHER = dataclasses.replace(SCHEMA, relations=ACE.relations)  # a second schema in turn


IDS = ["", " ", "a b", "x\ny", "\u202eid", "z" * 101, 5, None]
NAMES = ["badr", "bad\nname", "", 3]
LABELS = ["GPE", "ORG", "Conflict.Attack", "BOGUS", "A B", 7]
ATTRIBUTES: list[Any] = [
    {"MentionType": "NAM"},
    {"MentionType": "nam"},
    {"MentionType": True},
    {"Realis": "Actual"},
    {"Flag": True},
    {"Flag": 1},
    {"Said": "ok"},
    {"Said": "\ud800"},
    {"Said": ["x"]},
    {"nonsense": 1},
    {"ref:Wikidata": "Q1530"},
    {"ref:Wikidata": 5},
    [],
    {5: "x"},
]
NOTES = ["a note", "\ud800", 4]


def varied(draw: Any, fields: dict[str, tuple[Any, list[Any]]]) -> dict[str, Any]:
    """A value per field: the good one, but for up to three fields one of the others (so most
    records break one rule or two, and many break none)."""
    changed = draw(st.sets(st.sampled_from(sorted(fields)), max_size=3))
    return {
        name: draw(st.sampled_from(others)) if name in changed else good
        for name, (good, others) in fields.items()
    }


@st.composite
def spans(draw: Any) -> tuple[Span, Any]:
    f = varied(draw, {
        "uuid": ("s1", IDS), "annotator": (ME, NAMES), "layer": (ME, NAMES),
        "start": (14, [-1, 0, len(TEXT) - 1, len(TEXT), len(TEXT) + 1]), "length": (8, [-1, 0, 1]),
        "label": ("PER", LABELS), "covered": (True, [False]), "attributes": ({}, ATTRIBUTES),
        "note": ("", NOTES), "fragments": ((), [[], ((14, 16),), ((14, 16), (18, 22)), "x"]),
        "deleted": (False, [True]),
    })  # fmt: skip
    start, end = f["start"], f["start"] + f["length"]
    covered = TEXT[max(start, 0) : max(end, 0)] + ("" if f["covered"] else "x")
    span = Span(
        f["uuid"], 1, f["annotator"], start, end, f["label"], covered, f["attributes"], f["note"],
        f["fragments"], "", f["deleted"],
    )  # fmt: skip
    return span, f["layer"]


PER = Span("per", 1, ME, 14, 22, "PER", TEXT[14:22])
GPE = Span("gpe", 1, ME, 26, 31, "GPE", TEXT[26:31], {"MentionType": "NAM"})
ATTACK = Span("atk", 1, ME, 57, 63, "Conflict.Attack", TEXT[57:63])  # الهجوم
EVENT = Event("e0", 1, ME, "Conflict.Attack", "atk", {"Realis": "Actual"})


def _checker(schema: Any, annotator: str = ME) -> rules.LayerRules:
    """A checker that has answered for valid records like the generated ones first, so what
    it remembered is asked too."""
    check = rules.LayerRules(schema, TEXT, annotator, "doc")
    warm = rules.LayerRules(schema, TEXT, ME, "doc")
    assert warm.span(PER) is None and warm.span(GPE) is None
    assert warm.span(ATTACK) is None and warm.event(EVENT, ATTACK) is None
    for role, target in (("Place", GPE), ("Attacker", PER), ("Place", EVENT)):
        argument = Argument("a0", "e0", 1, ME, role, target.uuid)
        want = rules.argument_problem(schema, EVENT, argument, target)
        assert warm.argument(EVENT, argument, target) == want
    for kind in ("Located", "PHYS"):
        relation = Relation("r0", 1, ME, kind, "per", "gpe")
        want = rules.relation_problem(schema, relation, PER, GPE)
        assert warm.relation(relation, PER, GPE) == want
    return check


def _id_checked(value: object) -> bool:
    return rules.uuid_problem(value) is None


@settings(max_examples=1000, deadline=None)
@given(drawn=spans(), other=st.booleans())
def test_spans(drawn: tuple[Span, Any], other: bool) -> None:
    span, annotator = drawn
    schema = OTHER if other else SCHEMA
    want = rules.span_problem(schema, TEXT, span, "doc")
    tally(f"span accepted: {want is None}")
    for _ in range(2):
        check = _checker(schema, annotator)
        assert check.span(span) == want
        if _id_checked(span.uuid):
            assert check.span(span, id_checked=True) == want


@st.composite
def layers(draw: Any) -> tuple[Span, Span, Event, Argument, Relation]:
    f = varied(draw, {
        "per_label": ("PER", LABELS), "per_deleted": (False, [True]), "gpe_doc": (1, [2]),
        "gpe_layer": (ME, NAMES), "event_id": ("e1", IDS), "event_layer": (ME, NAMES),
        "event_type": ("Conflict.Attack", ["Nope", 1]), "trigger": ("per", ["", "a b"]),
        "event_attributes": ({}, ATTRIBUTES), "event_note": ("", NOTES),
        "event_deleted": (False, [True]), "argument_id": ("a1", IDS),
        "argument_event": ("e1", ["e b", ""]), "argument_layer": (ME, NAMES),
        "role": ("Place", ["Attacker", "Target", "Nobody", 2]), "argument_target": ("gpe", [""]),
        "argument_deleted": (False, [True]), "relation_id": ("r1", IDS),
        "relation_layer": (ME, NAMES), "relation_type": ("Located", ["PHYS", "Nope", 1]),
        "relation_source": ("per", ["x y"]), "relation_target": ("gpe", [""]),
        "relation_attributes": ({}, ATTRIBUTES), "relation_note": ("", NOTES),
        "relation_deleted": (False, [True]),
    })  # fmt: skip
    per = Span("per", 1, ME, 14, 22, f["per_label"], TEXT[14:22], {}, "", (), "",
               f["per_deleted"])  # fmt: skip
    gpe = Span("gpe", f["gpe_doc"], f["gpe_layer"], 26, 31, "GPE", TEXT[26:31])
    event = Event(
        f["event_id"], 1, f["event_layer"], f["event_type"], f["trigger"],
        f["event_attributes"], f["event_note"], "", f["event_deleted"],
    )  # fmt: skip
    argument = Argument(
        f["argument_id"], f["argument_event"], 1, f["argument_layer"], f["role"],
        f["argument_target"], "", f["argument_deleted"],
    )  # fmt: skip
    relation = Relation(
        f["relation_id"], 1, f["relation_layer"], f["relation_type"], f["relation_source"],
        f["relation_target"], f["relation_attributes"], f["relation_note"], "",
        f["relation_deleted"],
    )  # fmt: skip
    return per, gpe, event, argument, relation


@settings(max_examples=1000, deadline=None)
@given(layer=layers(), other=st.booleans(), missing=st.booleans())
def test_events_arguments_relations(
    layer: tuple[Span, Span, Event, Argument, Relation], other: bool, missing: bool
) -> None:
    per, gpe, event, argument, relation = layer
    schema = OTHER if other else SCHEMA
    trigger = None if missing else per
    want_event = rules.event_problem(schema, event, trigger)
    want_argument = rules.argument_problem(schema, None if missing else event, argument, gpe)
    want_on_event = rules.argument_problem(schema, event, argument, event)
    want_relation = rules.relation_problem(schema, relation, trigger, gpe)
    tally(f"accepted: argument {want_argument is None}, relation {want_relation is None}")
    for _ in range(2):
        for annotator in (ME, "badr"):
            check = _checker(schema, annotator)
            assert check.event(event, trigger) == want_event
            assert check.argument(None if missing else event, argument, gpe) == want_argument
            assert check.argument(event, argument, event) == want_on_event
            assert check.relation(relation, trigger, gpe) == want_relation
            if _id_checked(event.uuid):
                assert check.event(event, trigger, id_checked=True) == want_event
            if _id_checked(argument.uuid):
                got = check.argument(None if missing else event, argument, gpe, id_checked=True)
                assert got == want_argument
            if _id_checked(relation.uuid):
                assert check.relation(relation, trigger, gpe, id_checked=True) == want_relation

"""``validation.check_layer`` reads a layer's spans as fields and makes a record only for a
span its column tests cannot pass (issue 12): the problems it lists are exactly those of
judging every record with ``annotator.rules`` (the oracle below: the check as it was, record
by record), in the same order and words, for generated layers mixing good spans with every
kind of bad field, as tuples of records and as a lazily read layer."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator import rules
from annotator.model import (
    Argument,
    Document,
    DocumentAnnotations,
    Event,
    LazyRecords,
    Relation,
    Span,
    index_of,
)
from annotator.project import Project
from annotator.schema import Schema, default_schema
from annotator.validation import Issue, check_layer

TEXT = "اعتقلت الشرطة محمد علي في بغداد، وقالت وزارة الداخلية إن الهجوم بالصواريخ وقع أمس."
ME = "amal"
SCHEMA = default_schema()
WORDS = [(0, 6), (7, 13), (14, 18), (19, 22), (26, 31), (39, 44), (45, 54), (58, 64)]


def oracle(da: DocumentAnnotations, schema: Schema, annotator: str = "") -> list[Issue]:
    """``check_layer`` as it was before it read fields: every record judged by the rules."""
    doc = da.document
    out: list[Issue] = []

    def add(uuid: str, who: str, violation: rules.Violation | None) -> None:
        if violation is not None:
            out.append(Issue(doc.name, who or annotator, uuid, violation.kind, violation.message))

    spans = {s.uuid: s for s in da.spans if not s.deleted}
    events = {e.uuid: e for e in da.events if not e.deleted}
    for s in spans.values():
        add(s.uuid, s.annotator, rules.span_problem(schema, doc.text, s, doc.name))
    for e in events.values():
        add(e.uuid, e.annotator, rules.event_problem(schema, e, spans.get(e.trigger)))
        et = schema.event(e.type)
        args = [a for a in da.arguments if a.event == e.uuid and not a.deleted]
        for a in args:
            target: Span | Event | None = spans.get(a.target) or events.get(a.target)
            add(a.uuid, e.annotator, rules.argument_problem(schema, e, a, target))
        if et is None:
            continue
        per_role = Counter(a.role for a in args)
        for role in et.roles:
            lo, hi = role.bounds()
            n = per_role.get(role.name, 0)
            if n < lo:
                message = f"{e.type}: role {role.name} needs at least {lo}"
                add(e.uuid, e.annotator, rules.Violation("missing-role", message))
            if hi is not None and n > hi:
                message = f"{e.type}: role {role.name} takes at most {hi} ({n})"
                add(e.uuid, e.annotator, rules.Violation("too-many", message))
    for a in da.arguments:
        if not a.deleted and a.event not in events:
            add(a.uuid, a.annotator, rules.argument_problem(schema, None, a, None))
    for r in da.relations:
        if not r.deleted:
            add(
                r.uuid,
                r.annotator,
                rules.relation_problem(schema, r, spans.get(r.source), spans.get(r.target)),
            )
    return out


BAD: dict[str, Any] = {
    "uuid": ["", "a b", "x\ny", "\u202eid", "z" * 101, "ok\u200did", 5],
    "annotator": ["badr", "bad\nname", "", 3],
    "start": [-1, 3.0, True, 200],
    "end": [0, 500, "9"],
    "label": ["BOGUS", "A B", 7, "Conflict.Attack"],
    "text": ["x", "", None],
    "attributes": [{"MentionType": "NAM"}, {"MentionType": "nam"}, {"x": 1}, [], None],
    "note": ["a note", "\ud800", 4],
    "fragments": [((0, 3), (4, 6)), ((0, 6),), [], ((1, 2),)],
    "deleted": [True],
}


@st.composite
def layers(draw: st.DrawFn) -> DocumentAnnotations:
    doc = Document(1, "d", TEXT, "x")
    spans = []
    for k in range(draw(st.integers(0, 12))):
        a, b = draw(st.sampled_from(WORDS))
        label = draw(st.sampled_from(["PER", "GPE", "ORG", "Conflict.Attack"]))
        span = Span(f"s{k}", 1, ME, a, b, label, TEXT[a:b])
        if draw(st.integers(0, 3)) == 0:
            name = draw(st.sampled_from(sorted(BAD)))
            value = draw(st.sampled_from(BAD[name]))
            span = dataclasses.replace(span, **{name: value})
        if draw(st.booleans()) and spans:  # now and then a repeated id
            span = dataclasses.replace(span, uuid=spans[-1].uuid) if k % 5 == 4 else span
        spans.append(span)
    ids = [s.uuid for s in spans if isinstance(s.uuid, str)] or ["none"]
    events, arguments = [], []
    for k in range(draw(st.integers(0, 4))):
        ev = Event(f"e{k}", 1, ME, "Conflict.Attack", draw(st.sampled_from([*ids, "gone"])))
        events.append(ev)
        for j in range(draw(st.integers(0, 3))):
            role = draw(st.sampled_from(["Attacker", "Place", "Victim", "Nope"]))
            target = draw(st.sampled_from([*ids, "gone", ev.uuid]))
            arguments.append(Argument(f"a{k}-{j}", ev.uuid, 1, ME, role, target))
    if draw(st.booleans()):
        arguments.append(Argument("orphan", "e-gone", 1, ME, "Place", ids[0]))
    relations = [
        Relation(f"r{k}", 1, ME, "PART-WHOLE", draw(st.sampled_from(ids)),
                 draw(st.sampled_from([*ids, "gone"])))
        for k in range(draw(st.integers(0, 2)))
    ]  # fmt: skip
    return DocumentAnnotations(doc, tuple(spans), tuple(events), tuple(arguments),
                               tuple(relations))  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layer=layers(), annotator=st.sampled_from([ME, ""]))
def test_check_layer_lists_what_the_rules_find_record_by_record(
    layer: DocumentAnnotations, annotator: str
) -> None:
    want = oracle(layer, SCHEMA, annotator)
    assert check_layer(layer, SCHEMA, annotator) == want
    if len({s.uuid for s in layer.spans if isinstance(s.uuid, str)}) == len(layer.spans):
        by_uuid = index_of(layer.spans, "uuid")
        assert check_layer(layer, SCHEMA, annotator, by_uuid) == want


@pytest.mark.parametrize(
    "damage",
    [
        "",
        "UPDATE spans SET text = 'x' WHERE label = 'GPE'",
        "UPDATE spans SET label = 'BOGUS' WHERE label = 'PER'",
        "UPDATE spans SET \"end\" = 500 WHERE label = 'ORG'",
        "UPDATE spans SET note = 'n', attributes = '{\"MentionType\": \"nam\"}' "
        "WHERE label = 'GPE'",
    ],
)
def test_a_lazily_read_layer_is_checked_as_its_records(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="d")
        for (a, b), label in zip(WORDS, ["PER", "GPE", "ORG", "PER", "GPE", "ORG", "PER",
                                         "GPE"], strict=True):  # fmt: skip
            p.add_span(doc.id, a, b, label, annotator=ME)
    if damage:
        conn = sqlite3.connect(path)
        conn.execute(damage)
        conn.commit()
        conn.close()
    with Project.open(path, read_only=True) as p:
        lazy = p.layer(doc.id, ME, lazy=True)
        assert isinstance(lazy.spans, LazyRecords)
        fixed = dataclasses.replace(
            lazy, spans=lazy.spans.with_constants(doc_id=doc.id, annotator=ME, deleted=False)
        )
        want = oracle(p.layer(doc.id, ME), p.schema, ME)
        assert bool(want) == bool(damage)
        for layer in (lazy, fixed):
            assert check_layer(layer, p.schema, ME) == want
            assert check_layer(layer, p.schema, ME, layer.span_by_uuid()) == want

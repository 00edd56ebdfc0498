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
from annotator.schema.edit import with_label
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
    for k, first in rules.repeated_spans(da.spans):  # (every span as stored: ids may repeat)
        s = da.spans[k]
        add(s.uuid, s.annotator, rules.repeated_span_problem(s, (da.spans[first],)))
    for k in rules.eventless_triggers(schema, da.spans, events.values()):
        s = da.spans[k]
        add(s.uuid, s.annotator, rules.eventless_trigger_problem(s))
    for e in events.values():
        add(e.uuid, e.annotator, rules.event_problem(schema, e, spans.get(e.trigger)))
        et = schema.event(e.type)
        args = [a for a in da.arguments if a.event == e.uuid and not a.deleted]
        for a in args:
            target: Span | Event | None = spans.get(a.target) or events.get(a.target)
            add(a.uuid, e.annotator, rules.argument_problem(schema, e, a, target))
        for a, _first in rules.repeated_arguments(args):
            add(a.uuid, e.annotator, rules.repeated_argument_problem(e, a, args))
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
    "doc_id": [2, True],
    "start": [-1, 3.0, True, 200],
    "end": [0, 500, "9"],
    "label": ["BOGUS", "A B", 7, "Conflict.Attack", "TIME"],
    "text": ["x", "", None],
    "attributes": [{"MentionType": "NAM"}, {"MentionType": "nam"}, {"x": 1}, [], None],
    "note": ["a note", "\ud800", 4],
    "fragments": [((0, 3), (4, 6)), ((0, 6),), [], ((1, 2),)],
    "deleted": [True],
}
"""bad (or merely unusual) values of a span's fields"""
BAD_EVENT: dict[str, Any] = {
    "uuid": ["", "a b", 5, "e0", "s0"],
    "annotator": ["badr", "bad\nname", 3],
    "doc_id": [2, True, 1.0],
    "type": ["Nope", 7, "Conflict", "PER", "Contact.Meet"],
    "trigger": ["", "x y", 5, "gone", "e0"],
    "attributes": [{"Realis": "Actual"}, {"Realis": "nope"}, {"MentionType": "NAM"}, [], None],
    "note": ["a note", "\ud800", 4],
    "deleted": [True],
}
BAD_ARGUMENT: dict[str, Any] = {
    "uuid": ["", "a b", 5],
    "annotator": ["badr", 3],
    "doc_id": [2, True],
    "role": ["Nope", 7, "Entity", "Target"],
    "target": ["", 5, "gone", "e0"],
    "event": ["e-gone", "e0"],
    "deleted": [True],
}
BAD_RELATION: dict[str, Any] = {
    "uuid": ["", "a b", 5],
    "annotator": ["badr", 3],
    "doc_id": [2, True],
    "type": ["Nope", 7, "PHYS"],
    "source": ["", 5, "gone"],
    "target": ["x y", "gone"],
    "attributes": [{"MentionType": "NAM"}, {"x": 1}, []],
    "note": ["a note", "\ud800", 4],
    "deleted": [True],
}


def _damaged(draw: st.DrawFn, record: Any, bad: dict[str, Any]) -> Any:
    """``record``, now and then with one field of ``bad``."""
    if draw(st.integers(0, 3)) == 0:
        name = draw(st.sampled_from(sorted(bad)))
        record = dataclasses.replace(record, **{name: draw(st.sampled_from(bad[name]))})
    return record


@st.composite
def layers(draw: st.DrawFn) -> DocumentAnnotations:
    doc = Document(1, "d", TEXT, "x")
    spans: list[Span] = []
    for k in range(draw(st.integers(0, 12))):
        a, b = draw(st.sampled_from(WORDS))
        label = draw(st.sampled_from(["PER", "GPE", "ORG", "LOC", "Conflict.Attack"]))
        span = _damaged(draw, Span(f"s{k}", 1, ME, a, b, label, TEXT[a:b]), BAD)
        if draw(st.booleans()) and spans:  # now and then a repeated id
            span = dataclasses.replace(span, uuid=spans[-1].uuid) if k % 5 == 4 else span
        spans.append(span)
    ids = [s.uuid for s in spans if isinstance(s.uuid, str)] or ["none"]
    events, arguments = [], []
    for k in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["Conflict.Attack", "Conflict.Attack", "Contact.Meet"]))
        ev = Event(f"e{k}", 1, ME, kind, draw(st.sampled_from([*ids, *ids, "gone"])))
        events.append(_damaged(draw, ev, BAD_EVENT))
        for j in range(draw(st.integers(0, 3))):
            role = draw(st.sampled_from(["Attacker", "Place", "Place", "Victim", "Entity"]))
            target = draw(st.sampled_from([*ids, *ids, "gone", ev.uuid, "e0"]))
            argument = Argument(f"a{k}-{j}", ev.uuid, 1, ME, role, target)
            arguments.append(_damaged(draw, argument, BAD_ARGUMENT))
    if draw(st.booleans()):
        arguments.append(Argument("orphan", "e-gone", 1, ME, "Place", ids[0]))
    relations = []
    for k in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["PART-WHOLE", "PHYS"]))
        source, target = draw(st.sampled_from(ids)), draw(st.sampled_from([*ids, *ids, "gone"]))
        relations.append(_damaged(draw, Relation(f"r{k}", 1, ME, kind, source, target),
                                  BAD_RELATION))  # fmt: skip
    return DocumentAnnotations(doc, tuple(spans), tuple(events), tuple(arguments),
                               tuple(relations))  # fmt: skip


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layer=layers(), annotator=st.sampled_from([ME, ""]))
def test_check_layer_lists_what_the_rules_find_record_by_record(
    layer: DocumentAnnotations, annotator: str
) -> None:
    want = oracle(layer, SCHEMA, annotator)
    assert check_layer(layer, SCHEMA, annotator) == want
    if len({s.uuid for s in layer.spans if isinstance(s.uuid, str)}) == len(layer.spans):
        by_uuid = index_of(layer.spans, "uuid")
        assert check_layer(layer, SCHEMA, annotator, by_uuid) == want


LABELS = ["PER", "GPE", "ORG", "Conflict.Attack", "LOC", "Contact.Meet", "GPE", "ORG"]
"""the labels of the clean layer's spans s0 ... s7, on the words of ``WORDS``"""


def clean_layer() -> DocumentAnnotations:
    """A layer without a problem: two events with their arguments (an Attacker, a Place, a
    Target; an Entity and a Place) and two relations, each record passed by its column test."""
    spans = tuple(
        Span(f"s{k}", 1, ME, a, b, label, TEXT[a:b])
        for k, ((a, b), label) in enumerate(zip(WORDS, LABELS, strict=True))
    )
    events = (
        Event("e0", 1, ME, "Conflict.Attack", "s3"),
        Event("e1", 1, ME, "Contact.Meet", "s5", attributes={"Realis": "Actual"}, note="n"),
    )
    arguments = (
        Argument("a0", "e0", 1, ME, "Attacker", "s0"),
        Argument("a1", "e0", 1, ME, "Place", "s1"),
        Argument("a2", "e0", 1, ME, "Target", "s2"),
        Argument("a3", "e1", 1, ME, "Entity", "s7"),
        Argument("a4", "e1", 1, ME, "Place", "s4"),
    )
    relations = (
        Relation("r0", 1, ME, "PART-WHOLE", "s1", "s6"),
        Relation("r1", 1, ME, "PHYS", "s0", "s4", attributes={"ref:Wikidata": "Q1"}),
    )
    return DocumentAnnotations(Document(1, "d", TEXT, "x"), spans, events, arguments, relations)


def test_a_clean_layer_s_events_and_relations_pass_their_column_tests() -> None:
    layer = clean_layer()
    assert oracle(layer, SCHEMA, ME) == []
    by_uuid = index_of(layer.spans, "uuid")
    judge = rules.LayerRules(SCHEMA, TEXT, ME)
    events = {e.uuid: e for e in layer.events}
    quiet = rules.links_not_to_judge(
        judge, layer.spans, by_uuid, events, layer.arguments_by_event(), layer.relations
    )
    assert quiet == ({"e0", "e1"}, {0, 1})
    assert check_layer(layer, SCHEMA, ME) == []


PARTS = ("spans", "events", "arguments", "relations")


def _one_field_changed() -> list[tuple[str, DocumentAnnotations]]:
    """The clean layer with one field of one record changed, for every record and every value
    of the tables above, and the changes that make an argument or a role count wrong."""
    base = clean_layer()
    out: list[tuple[str, DocumentAnnotations]] = []
    for part, bad in (
        ("spans", BAD), ("events", BAD_EVENT), ("arguments", BAD_ARGUMENT),
        ("relations", BAD_RELATION),
    ):  # fmt: skip
        records = getattr(base, part)
        for k, record in enumerate(records):
            for name, values in bad.items():
                for value in values:
                    changed = dataclasses.replace(record, **{name: value})
                    replaced = (*records[:k], changed, *records[k + 1 :])
                    what = f"{part}[{k}].{name} = {value!r}"
                    parts = [replaced if p == part else getattr(base, p) for p in PARTS]
                    out.append((what, DocumentAnnotations(base.document, *parts)))
    more = {
        "a second Place": (*base.arguments, Argument("a5", "e0", 1, ME, "Place", "s6")),
        "an event as a target": (*base.arguments, Argument("a5", "e0", 1, ME, "Target", "e1")),
        "an event of another layer as a target": (
            *base.arguments,
            Argument("a5", "e0", 1, ME, "Target", "e9"),
        ),
        "a span that is not there": (*base.arguments, Argument("a5", "e0", 1, ME, "Target", "x")),
    }
    for what, arguments in more.items():
        out.append((what, dataclasses.replace(base, arguments=arguments)))
    for what, other in (
        ("an event of another annotator", Event("e9", 1, "badr", "Conflict.Attack", "s3")),
        ("an event of another document", Event("e9", 2, ME, "Conflict.Attack", "s3")),
    ):
        out.append((what, dataclasses.replace(
            base, events=(*base.events, other),
            arguments=more["an event of another layer as a target"],
        )))  # fmt: skip
    return out


@pytest.mark.parametrize("annotator", [ME, ""])
def test_each_field_a_column_test_reads_is_judged_as_its_rule_judges_it(annotator: str) -> None:
    """Every condition of the column tests of events, arguments and relations (and of the
    spans they point at) made to fail one at a time: the problems are the rules' own."""
    attack = SCHEMA.event("Conflict.Attack")
    assert attack is not None
    schemas = [SCHEMA]
    for name, change in (
        ("Instrument", {"cardinality": "+"}),  # a role required
        ("Attacker", {"cardinality": "+"}),  # a role required and filled
        ("Target", {"types": ("PER", "ORG", "<EVENT>")}),  # an event may fill it
    ):
        roles = tuple(dataclasses.replace(r, **change) if r.name == name else r
                      for r in attack.roles)  # fmt: skip
        schemas.append(with_label(SCHEMA, dataclasses.replace(attack, roles=roles)))
    found_some = 0
    for what, layer in _one_field_changed():
        for schema in schemas:
            want = oracle(layer, schema, annotator)
            found_some += bool(want)
            assert check_layer(layer, schema, annotator) == want, what
            if len({s.uuid for s in layer.spans if isinstance(s.uuid, str)}) == len(layer.spans):
                by_uuid = index_of(layer.spans, "uuid")
                assert check_layer(layer, schema, annotator, by_uuid) == want, what
    assert found_some > 300  # (most changes are problems)


NOTE_ON_EVENTS = "UPDATE events SET note = 'a note'"
"""a change that is no problem (the events then take the rules' path)"""


def _saved_layer(path: Path) -> int:
    """The clean layer written to a new project at ``path``; returns the document's id."""
    layer = clean_layer()
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="d")
        ids: dict[str, str] = {}
        for s in layer.spans:
            ids[s.uuid] = p.add_span(doc.id, s.start, s.end, s.label, annotator=ME).uuid
        for e in layer.events:
            ids[e.uuid] = p.add_event(ids[e.trigger], e.type, e.attributes).uuid
        for a in layer.arguments:
            p.add_argument(ids[a.event], a.role, ids[a.target])
        for r in layer.relations:
            p.add_relation(r.type, ids[r.source], ids[r.target])
    return doc.id


@pytest.mark.parametrize(
    "damage",
    [
        "",
        "UPDATE spans SET text = 'x' WHERE label = 'GPE'",
        "UPDATE spans SET label = 'BOGUS' WHERE label = 'PER'",
        "UPDATE spans SET \"end\" = 500 WHERE label = 'ORG'",
        "UPDATE spans SET note = 'n', attributes = '{\"MentionType\": \"nam\"}' "
        "WHERE label = 'GPE'",
        "UPDATE spans SET label = 'TIME' WHERE label = 'LOC'",
        "UPDATE spans SET deleted = 1 WHERE label = 'ORG'",
        "UPDATE spans SET annotator = 'badr' WHERE label = 'Contact.Meet'",
        "UPDATE events SET type = 'BOGUS' WHERE type = 'Contact.Meet'",
        NOTE_ON_EVENTS,
        "UPDATE arguments SET role = 'Nope' WHERE role = 'Attacker'",
        "UPDATE arguments SET target = 'gone' WHERE role = 'Entity'",
        "UPDATE relations SET type = 'PER-SOC' WHERE type = 'PART-WHOLE'",
    ],
)
def test_a_lazily_read_layer_is_checked_as_its_records(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "p.annotator"
    doc_id = _saved_layer(path)
    if damage:
        conn = sqlite3.connect(path)
        conn.execute(damage)
        conn.commit()
        conn.close()
    with Project.open(path, read_only=True) as p:
        lazy = p.layer(doc_id, ME, lazy=True)
        assert isinstance(lazy.spans, LazyRecords)
        fixed = dataclasses.replace(
            lazy, spans=lazy.spans.with_constants(doc_id=doc_id, annotator=ME, deleted=False)
        )
        want = oracle(p.layer(doc_id, ME), p.schema, ME)
        assert bool(want) == (damage not in ("", NOTE_ON_EVENTS))
        for layer in (lazy, fixed):
            assert check_layer(layer, p.schema, ME) == want
            assert check_layer(layer, p.schema, ME, layer.span_by_uuid()) == want
        # as the window holds it after an edit: a span spliced in, its index updated
        assert isinstance(fixed.spans, LazyRecords)
        new = Span("new", doc_id, ME, 66, 69, "PER", TEXT[66:69])
        by_uuid = index_of(fixed.spans, "uuid")
        by_uuid[new.uuid] = new
        edited = dataclasses.replace(fixed, spans=fixed.spans.spliced(len(fixed.spans), 0, (new,)))
        records = dataclasses.replace(edited, spans=tuple(edited.spans))
        assert check_layer(edited, p.schema, ME, by_uuid) == oracle(records, p.schema, ME)


def test_a_clean_lazily_read_layer_is_checked_without_making_a_span_record(
    tmp_path: Path,
) -> None:
    """The events' triggers and targets are read as fields: no span record is made."""
    path = tmp_path / "p.annotator"
    doc_id = _saved_layer(path)
    with Project.open(path, read_only=True) as p:
        lazy = p.layer(doc_id, ME, lazy=True)
        assert isinstance(lazy.spans, LazyRecords)
        layer = dataclasses.replace(
            lazy, spans=lazy.spans.with_constants(doc_id=doc_id, annotator=ME, deleted=False)
        )
        made = repr(layer.spans)
        assert "0 made" in made
        assert check_layer(layer, p.schema, ME, layer.span_by_uuid()) == []
        assert repr(layer.spans) == made

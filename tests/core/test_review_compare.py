"""The review comparison (``annotator.review.compare``) gives exactly what it gave before it
was made linear (issue 12): the scanning version, kept here as it was (commit 0ff0c1a), and the
indexed one are run on random layers of one document and must return equal lists, in order.

The layers are drawn on a small text so that spans collide often: same place, same boundaries
with other labels, overlaps of the same label, duplicates, deleted records, events on shared
triggers with arguments on spans or other events, relations; offsets include empty and
inverted spans (the comparison must not depend on the store's checks).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.model import Argument, Document, DocumentAnnotations, Event, Relation, Span
from annotator.review import Disagreement, Kind, SpanKey, _key, compare

LABELS = ("PER", "GPE", "ORG")
TYPES = ("Conflict.Attack", "Contact.Meet")
ROLES = ("Attacker", "Place", "Entity")
DOC = Document(1, "d", "x" * 40, "0" * 64)


# -- the scanning version, as it was ---------------------------------------------------------
def old_compare_spans(spans_a: list[Span], spans_b: list[Span]) -> list[Disagreement]:
    out: list[Disagreement] = []
    rest_b = list(spans_b)
    rest_a: list[Span] = []
    # exact matches first, then same boundaries, then overlaps: each pass pairs one-to-one
    for s in spans_a:
        m = next((t for t in rest_b if _key(t) == _key(s)), None)
        if m is None:
            rest_a.append(s)
        else:
            rest_b.remove(m)
            out.append(Disagreement(Kind.AGREEMENT, s.start, s.end, s, m))
    left: list[Span] = []
    for s in rest_a:
        m = next((t for t in rest_b if (t.start, t.end) == (s.start, s.end)), None)
        if m is None:
            left.append(s)
        else:
            rest_b.remove(m)
            out.append(Disagreement(Kind.LABEL, s.start, s.end, s, m, f"{s.label} / {m.label}"))
    for s in left:
        overlapping = [
            t for t in rest_b if t.label == s.label and t.start < s.end and s.start < t.end
        ]
        if not overlapping:
            out.append(Disagreement(Kind.ONLY_A, s.start, s.end, s, None, s.label))
            continue
        m = max(overlapping, key=lambda t: (min(s.end, t.end) - max(s.start, t.start), -t.start))
        rest_b.remove(m)
        detail = f"{s.start}-{s.end} / {m.start}-{m.end}"
        out.append(
            Disagreement(Kind.BOUNDARY, min(s.start, m.start), max(s.end, m.end), s, m, detail)
        )
    out += [Disagreement(Kind.ONLY_B, t.start, t.end, None, t, t.label) for t in rest_b]
    return out


def old_target_key(layer: DocumentAnnotations, uuid: str) -> tuple[object, ...]:
    spans = layer.span_by_uuid()
    if uuid in spans:
        return _key(spans[uuid])
    ev = next((e for e in layer.events if e.uuid == uuid), None)
    if ev is not None and ev.trigger in spans:
        return ("event", *_key(spans[ev.trigger]), ev.type)
    return ("missing", uuid)


def old_event_items(layer: DocumentAnnotations) -> list[tuple[SpanKey, str, Event]]:
    spans = layer.span_by_uuid()
    return [
        (_key(spans[e.trigger]), e.type, e)
        for e in layer.events
        if not e.deleted and e.trigger in spans
    ]


def old_argument_set(layer: DocumentAnnotations, ev: Event) -> list[tuple[str, tuple[object, ...]]]:
    return sorted(
        ((a.role, old_target_key(layer, a.target)) for a in layer.arguments_of(ev.uuid)), key=repr
    )


def old_compare_events(
    layer_a: DocumentAnnotations, layer_b: DocumentAnnotations, agreed: set[SpanKey]
) -> list[Disagreement]:
    out: list[Disagreement] = []
    rest_b = old_event_items(layer_b)
    for trig, etype, ev in old_event_items(layer_a):
        m = next((x for x in rest_b if (x[0], x[1]) == (trig, etype)), None)
        if m is None:
            # a trigger that differs is already reported by the spans; an event missing on an
            # agreed trigger is reported here
            if trig in agreed:
                out.append(Disagreement(Kind.ONLY_A, trig[0], trig[1], ev, None, etype))
            continue
        rest_b.remove(m)
        args_a, args_b = old_argument_set(layer_a, ev), old_argument_set(layer_b, m[2])
        if args_a == args_b:
            out.append(Disagreement(Kind.AGREEMENT, trig[0], trig[1], ev, m[2]))
        else:
            only_a = [r for r, _ in args_a if (r, _) not in args_b]
            only_b = [r for r, _ in args_b if (r, _) not in args_a]
            detail = f"{etype}: A {', '.join(only_a) or '-'} / B {', '.join(only_b) or '-'}"
            out.append(Disagreement(Kind.ARGUMENTS, trig[0], trig[1], ev, m[2], detail))
    out += [
        Disagreement(Kind.ONLY_B, trig[0], trig[1], None, ev, etype)
        for trig, etype, ev in rest_b
        if trig in agreed
    ]
    return out


def old_relation_items(layer: DocumentAnnotations) -> list[tuple[str, SpanKey, SpanKey, Relation]]:
    spans = layer.span_by_uuid()
    return [
        (r.type, _key(spans[r.source]), _key(spans[r.target]), r)
        for r in layer.relations
        if not r.deleted and r.source in spans and r.target in spans
    ]


def old_compare_relations(
    layer_a: DocumentAnnotations, layer_b: DocumentAnnotations
) -> list[Disagreement]:
    out: list[Disagreement] = []
    rest_b = old_relation_items(layer_b)
    for rtype, src, dst, rel in old_relation_items(layer_a):
        m = next((x for x in rest_b if x[:3] == (rtype, src, dst)), None)
        if m is None:
            out.append(Disagreement(Kind.ONLY_A, src[0], src[1], rel, None, rtype))
        else:
            rest_b.remove(m)
            out.append(Disagreement(Kind.AGREEMENT, src[0], src[1], rel, m[3]))
    out += [Disagreement(Kind.ONLY_B, x[1][0], x[1][1], None, x[3], x[0]) for x in rest_b]
    return out


def old_compare(layer_a: DocumentAnnotations, layer_b: DocumentAnnotations) -> list[Disagreement]:
    spans_a = [s for s in layer_a.spans if not s.deleted]
    spans_b = [s for s in layer_b.spans if not s.deleted]
    items = old_compare_spans(spans_a, spans_b)
    agreed = {_key(d.a) for d in items if d.is_agreement and isinstance(d.a, Span)}
    items += old_compare_events(layer_a, layer_b, agreed)
    items += old_compare_relations(layer_a, layer_b)
    order = list(Kind)
    uuid = lambda d: (d.a or d.b).uuid if (d.a or d.b) is not None else ""  # noqa: E731
    return sorted(items, key=lambda d: (d.start, d.end, order.index(d.kind), uuid(d)))


# -- random layers ----------------------------------------------------------------------------
@st.composite
def layers(draw: st.DrawFn, name: str) -> DocumentAnnotations:
    n = draw(st.integers(0, 30))
    spans = []
    for k in range(n):
        start = draw(st.integers(0, 12))
        end = start + draw(st.integers(-1, 6))
        spans.append(
            Span(f"{name}s{k}", 1, name, start, end, draw(st.sampled_from(LABELS)), "",
                 deleted=draw(st.booleans()) and draw(st.booleans()))
        )  # fmt: skip
    if spans and draw(st.booleans()):
        spans.append(spans[draw(st.integers(0, len(spans) - 1))])  # the same record twice
    uuids = [s.uuid for s in spans] or ["nothing"]
    events = [
        Event(f"{name}e{k}", 1, name, draw(st.sampled_from(TYPES)), draw(st.sampled_from(uuids)),
              deleted=draw(st.integers(0, 5)) == 0)
        for k in range(draw(st.integers(0, 8)))
    ]  # fmt: skip
    targets = uuids + [e.uuid for e in events] + ["dangling"]
    arguments = [
        Argument(f"{name}a{k}", draw(st.sampled_from([e.uuid for e in events] or ["none"])), 1,
                 name, draw(st.sampled_from(ROLES)), draw(st.sampled_from(targets)),
                 deleted=draw(st.integers(0, 5)) == 0)
        for k in range(draw(st.integers(0, 12)))
    ]  # fmt: skip
    relations = [
        Relation(f"{name}r{k}", 1, name, draw(st.sampled_from(("PHYS", "ART"))),
                 draw(st.sampled_from(uuids)), draw(st.sampled_from(uuids)),
                 deleted=draw(st.integers(0, 5)) == 0)
        for k in range(draw(st.integers(0, 8)))
    ]  # fmt: skip
    return DocumentAnnotations(DOC, tuple(spans), tuple(events), tuple(arguments), tuple(relations))


def same_layer_shifted(layer: DocumentAnnotations, name: str, shift: int) -> DocumentAnnotations:
    """B drawn from A: the same records under other uuids, every ``shift``-th span moved."""
    spans = tuple(
        Span(name + s.uuid, 1, name, s.start + (k % shift == 0), s.end, s.label, "")
        for k, s in enumerate(layer.spans)
    )
    return DocumentAnnotations(
        DOC,
        spans,
        tuple(Event(name + e.uuid, 1, name, e.type, name + e.trigger) for e in layer.events),
        tuple(Argument(name + a.uuid, name + a.event, 1, name, a.role, name + a.target)
              for a in layer.arguments),
        tuple(Relation(name + r.uuid, 1, name, r.type, name + r.source, name + r.target)
              for r in layer.relations),
    )  # fmt: skip


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layers("a"), layers("b"))
def test_compare_as_before_on_random_layers(a: DocumentAnnotations, b: DocumentAnnotations) -> None:
    assert compare(a, b) == old_compare(a, b)
    assert compare(b, a) == old_compare(b, a)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layers("a"), st.integers(1, 4))
def test_compare_as_before_on_similar_layers(a: DocumentAnnotations, shift: int) -> None:
    b = same_layer_shifted(a, "b", shift)
    assert compare(a, b) == old_compare(a, b)
    assert compare(b, a) == old_compare(b, a)


def test_compare_pairs_in_order_of_the_rules() -> None:
    """Exact matches first, then same boundaries, then the best overlap of the same label."""
    a = [Span("a1", 1, "a", 0, 5, "PER", ""), Span("a2", 1, "a", 0, 5, "GPE", ""),
         Span("a3", 1, "a", 10, 20, "ORG", "")]  # fmt: skip
    b = [Span("b1", 1, "b", 0, 5, "GPE", ""), Span("b2", 1, "b", 0, 5, "PER", ""),
         Span("b3", 1, "b", 8, 12, "ORG", ""), Span("b4", 1, "b", 12, 19, "ORG", "")]  # fmt: skip
    la, lb = DocumentAnnotations(DOC, tuple(a)), DocumentAnnotations(DOC, tuple(b))
    pairs = {
        (d.a.uuid if d.a else None, d.b.uuid if d.b else None): d.kind for d in compare(la, lb)
    }
    assert pairs == {
        ("a1", "b2"): Kind.AGREEMENT,
        ("a2", "b1"): Kind.AGREEMENT,
        ("a3", "b4"): Kind.BOUNDARY,
        (None, "b3"): Kind.ONLY_B,
    }
    assert compare(la, lb) == old_compare(la, lb)

"""Review of colleagues' layers: where two annotators differ, and adjudication into gold.

``compare`` pairs the live annotations of two layers of one document and gives each pair (or
single) a kind: agreement, label mismatch (same boundaries, other label), boundary mismatch
(overlapping, same label, other boundaries), only in A, only in B, argument mismatch (an
event on the same trigger with the same type but other arguments) and attributes differ (the
same span, event or relation with other attribute values: MentionType NAM / NOM; notes are
personal and never compared). Relations are compared by type and the positions of both ends.
More than two annotators are compared pairwise. "The same span" is the rules' one definition
(``rules.same_span``: offsets, fragments and label) and a span's boundaries are its offsets and
fragments: two discontinuous spans with the same outer offsets and other fragments, or one of
them and a continuous span, are a boundary mismatch (same label) or only in A and only in B.

Gold is compared too (``against_gold``, the one rule of stale gold): an agreement that gold
contradicts with a version neither compared layer holds (the adjudicator accepted B's GPE, then
B's bundle relabelled the span ORG as A had it; gold's event has an argument both dropped; gold
relates the agreed ends with another type) is an item of its own kind, ``Kind.GOLD``, to
adjudicate again; accepting the agreed version with ``replacing`` its gold records replaces
them (what pointed at a stale span points at the new version; a stale event's arguments become
the agreed ones), and marking the document adjudicated keeps gold as it is. A gold span at a
place where no compared layer has anything, and what stands on it, is a ``Kind.GOLD`` item
without sides (``Disagreement.only_in_gold``): kept the same way, or dropped from gold
(``commands.review.drop_from_gold``). Each is one undo step that restores gold exactly.

Adjudication copies chosen annotations into the gold layer (``model.GOLD``) through the
``Project`` API, so the schema rules hold in gold as anywhere: spans get new uuids, events are
copied with their arguments pointing at the gold copies of their targets, and an annotation
already present in gold (the same span: offsets, fragments and label) is reused, never
duplicated. A span copied because an event or relation needs it (a trigger, an argument's
filler, a relation's end) is first looked up as the adjudicator decided it: when gold holds
the span the review pairs it with in another layer (the other side of a label or boundary
mismatch), that gold span is used, so accepting an event never brings back the version of a
span the adjudicator rejected (reported in ``Accepted.reused``, so the window can say so). A
copy made next to a gold span it competes with (same place and
another label, or the same label overlapping) is reported in the result
(``Accepted.conflicts``), never made silently. Where a gold record came from is kept in the
change log (action ``accept``, the source version as "before"). Every call is one transaction
and returns what it wrote, so the GUI can undo it as one step with ``retract``.
"""

from __future__ import annotations

import bisect
import itertools
import operator
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Generic, TypeVar

from annotator.errors import Cancelled, Message, SchemaError, ValidationError
from annotator.model import (
    GOLD,
    Argument,
    DocumentAnnotations,
    Event,
    Record,
    Relation,
    Span,
    Status,
    record_kind,
)
from annotator.project import Project
from annotator.rules import SAME_SPAN, eventless_triggers, same_span, trigger_label_problem


class Kind(StrEnum):
    AGREEMENT = "agreement"
    LABEL = "label_mismatch"
    BOUNDARY = "boundary_mismatch"
    ONLY_A = "only_a"
    ONLY_B = "only_b"
    ARGUMENTS = "argument_mismatch"
    ATTRIBUTES = "attributes_differ"
    GOLD = "gold_differs"


@dataclass(frozen=True)
class Disagreement:
    """One compared item: ``a``/``b`` are the records of each layer (None when absent).

    ``start``/``end`` locate it in the text (a span, an event's trigger, a relation's Arg1)
    for navigation; ``detail`` says what differs in words (a ``Message``: the interface shows
    it in its language, labels, types and roles by their display names). ``gold``: of a
    ``Kind.GOLD`` item, the gold records (spans, or an event, or a relation) that contradict
    what both annotators agree on; of an item only in gold (``only_in_gold``: a
    ``Kind.GOLD`` item with neither ``a`` nor ``b``), the one gold record where no compared
    layer holds anything (``against_gold``).
    """

    kind: Kind
    start: int
    end: int
    a: Record | None
    b: Record | None
    detail: str = ""
    gold: tuple[Record, ...] = ()

    @property
    def is_agreement(self) -> bool:
        return self.kind is Kind.AGREEMENT

    @property
    def only_in_gold(self) -> bool:
        """A ``Kind.GOLD`` item of a gold record where no compared layer holds anything
        (nothing to accept: drop it, ``commands.review.drop_from_gold``, or keep it)."""
        return self.kind is Kind.GOLD and self.a is None and self.b is None


SpanKey = tuple[Any, ...]
"""a span's identity, ``rules.same_span``: its offsets (start and end first), its fragments and
its label; two layers' spans with equal keys are the same span"""
Place = tuple[Any, ...]
"""where a span is: its ``SAME_SPAN`` fields but the label (offsets and fragments), ``_place``"""
AttrKey = tuple[tuple[str, str], ...]


def _attrs(rec: Span | Event | Relation) -> AttrKey:
    """A record's attribute values, comparable and hashable (an empty value is no value)."""
    return tuple(sorted(
        (name, repr(value)) for name, value in rec.attributes.items()
        if value not in (None, "", [], ())
    ))  # fmt: skip


def _attrs_detail(a: Span | Event | Relation, b: Span | Event | Relation) -> str:
    """What differs in words: "MentionType: NAM / NOM" ("-" where a side has no value)."""
    va, vb = dict(_attrs(a)), dict(_attrs(b))
    parts: list[str] = []
    for name in sorted(va.keys() | vb.keys()):
        if va.get(name) != vb.get(name):
            x, y = a.attributes.get(name), b.attributes.get(name)
            parts.append(Message(
                "{name}: {a} / {b}", name=name,
                a=str(x) if name in va else "-", b=str(y) if name in vb else "-",
            ))  # fmt: skip
    return _joined(parts, semicolons=True)


def _joined(parts: Sequence[str], semicolons: bool = False) -> str:
    """``parts`` joined by commas (or ``semicolons``), as one ``Message`` (the interface joins
    them in its language); "" for none, the one part itself for one."""
    if not parts:
        return ""
    first, *rest = parts
    if not rest:
        return first
    if semicolons:
        return Message("{first}; {rest}", first=first, rest=_joined(rest, semicolons))
    return Message("{first}, {rest}", first=first, rest=_joined(rest))


def _label(name: str) -> Message:
    """A label (or an event's type) in a detail: the interface shows its display name."""
    return Message("{label}", label=name)


def _versions(a: str, b: str) -> Message:
    """A's and B's versions in a detail: "GPE / ORG" (the interface says them in its
    language)."""
    return Message("{a} / {b}", a=a, b=b)


def compare(
    layer_a: DocumentAnnotations,
    layer_b: DocumentAnnotations,
    gold: DocumentAnnotations | None = None,
) -> list[Disagreement]:
    """Every item of both layers, paired and classified, in text order; given the ``gold``
    layer, an agreement gold contradicts is a ``Kind.GOLD`` item (``against_gold``)."""
    rank = {kind: n for n, kind in enumerate(Kind)}
    return sorted(
        _items(layer_a, layer_b, gold), key=lambda d: (d.start, d.end, rank[d.kind], _uuid(d))
    )


def _items(
    layer_a: DocumentAnnotations,
    layer_b: DocumentAnnotations,
    gold: DocumentAnnotations | None = None,
    compared: Sequence[DocumentAnnotations] | None = None,
    only_gold: bool = True,
    known: _GoldFound | None = None,
) -> list[Disagreement]:
    """What ``compare`` gives, in no particular order (a count needs no sort); ``compared``:
    every layer under review (default: both layers), and ``only_gold``: whether to list what
    only gold holds, for ``against_gold`` (of several pairs, one lists it); ``known``: gold
    read against ``compared`` once for all pairs (``_GoldFound``)."""
    spans_a = [s for s in layer_a.spans if not s.deleted]
    spans_b = [s for s in layer_b.spans if not s.deleted]
    items = _compare_spans(spans_a, spans_b)
    same = (Kind.AGREEMENT, Kind.ATTRIBUTES)  # the same span (whatever its attributes)
    agreed = {_key(d.a) for d in items if d.kind in same and isinstance(d.a, Span)}
    items += _compare_events(layer_a, layer_b, agreed)
    items += _compare_relations(layer_a, layer_b)
    if gold is not None:
        layers = [layer_a, layer_b] if compared is None else compared
        items = against_gold(items, gold, layers, only_gold, known)
    return items


def against_gold(
    items: Iterable[Disagreement],
    gold: DocumentAnnotations,
    compared: Sequence[DocumentAnnotations],
    only_gold: bool = True,
    known: _GoldFound | None = None,
) -> list[Disagreement]:
    """``items`` with each agreement gold contradicts made a ``Kind.GOLD`` item, and (given
    ``only_gold``) a ``Kind.GOLD`` item without sides for each gold record where none of the
    ``compared`` layers holds anything (``known``: gold read against ``compared`` for another
    pair of the document, ``_GoldFound``). The one rule of stale gold: a version the adjudicator
    accepted that the annotators have since given up (a colleague's bundle relabelled the
    span to what the other had), or one the adjudicator wrote that overrules both, is listed
    to adjudicate again, whether or not gold also holds the agreed version; accepting the
    agreed version with the item's ``gold`` as ``replacing`` (or marking the document
    adjudicated) settles it. A gold version that some compared layer holds is another item's
    version, never stale.

    - a span: gold holds a span competing with the agreed one (``_Rivals.rivals``: at its
      place with another label, or with its label overlapping it with other boundaries);
    - an event: gold's event of the agreed type on the agreed trigger has other arguments
      (a role another layer's version fills, or one it leaves empty); an argument pointing
      at a stale gold span (listed by the span's item) counts as the agreed span's, since
      replacing that span moves the argument;
    - a relation: gold relates the agreed ends (either way round) with another type or in
      the other direction (its ends read as for arguments).

    Only in gold (``Disagreement.only_in_gold``: ``a`` and ``b`` None): a gold span at a
    place where no compared layer has anything (no live span the same as it or competing
    with it: the review pairs it with nothing; both annotators deleted theirs after it was
    adjudicated, or the adjudicator added one both missed), and each gold event it triggers
    and gold relation it is an end of. The adjudicator keeps it (mark the document
    adjudicated) or drops it from gold (``commands.review.drop_from_gold``: a span with what
    stands on it). A gold event or relation standing on spans the annotators hold is the
    adjudicator's decision there unless they agree on something else (stale, above): the
    layers read hold live records only, so "both deleted their relation" cannot be told from
    "neither ever had one"."""
    items = list(items)
    if not any(not s.deleted for s in gold.spans):
        return items
    found = _GoldFound(gold, compared) if known is None else known
    gold_spans, rivals, held = found.live, found.rivals, found.held
    standing: dict[str, SpanKey] = {}  # stale gold span -> the agreed span it is listed against
    out = []
    for d in items:
        if d.kind is Kind.AGREEMENT and isinstance(d.a, Span):
            stale = tuple(
                gold_spans[u] for u in rivals.rivals(d.a) if _key(gold_spans[u]) not in held
            )
            if stale:
                standing.update((g.uuid, _key(d.a)) for g in stale)
                detail = Message("gold: {versions}", versions=_joined(
                    [_label(g.label) if _place(g) == _place(d.a) else _bounds(g) for g in stale]
                ))  # fmt: skip
                d = Disagreement(Kind.GOLD, d.start, d.end, d.a, d.b, detail, stale)
        out.append(d)
    out = found.stale(out, standing)
    if only_gold:
        out += found.only_in_gold()
    return out


class _GoldFound:
    """The gold layer read against the ``compared`` layers of one document, once for all
    their pairs (``against_gold``): gold's live spans and where they are, the compared
    layers' span keys, and (when gold has events or relations) their events and relations
    keyed as the review compares them."""

    def __init__(self, gold: DocumentAnnotations, compared: Sequence[DocumentAnnotations]) -> None:
        self.gold = _Index(gold)
        self.live = {s.uuid: s for s in gold.spans if not s.deleted}
        self.rivals = _Rivals(self.live.values())
        self.spans = _live_spans(compared)
        self.held = set(map(_key, self.spans))
        self.indexes: dict[str, _Index] = {}  # a compared event's uuid -> its layer's index
        self.ends: dict[str, tuple[SpanKey, SpanKey]] = {}  # a compared relation's end keys
        self.events: set[tuple[SpanKey, str, str]] = set()
        self.relations: set[tuple[str, SpanKey, SpanKey]] = set()
        self.gold_events: dict[tuple[SpanKey, str], list[Event]] = defaultdict(list)
        for trig, etype, ev in _event_items(gold, self.gold.spans):
            self.gold_events[trig, etype].append(ev)
        self.gold_relations = _relation_items(gold, self.gold.spans)
        if not self.gold_events and not self.gold_relations:
            return  # nothing of gold's but spans to read against them
        for layer in compared:
            index = _Index(layer)
            for trig, etype, ev in _event_items(layer, index.spans):
                self.indexes[ev.uuid] = index
                self.events.add((trig, etype, repr(index.argument_set(ev))))
            for rtype, src, dst, rel in _relation_items(layer, index.spans):
                self.relations.add((rtype, src, dst))
                self.ends[rel.uuid] = (src, dst)

    def arguments(self, ev: Event, read: Callable[[str], tuple[object, ...]]) -> str:
        args = self.gold.arguments.get(ev.uuid, ())
        return repr(sorted(((a.role, read(a.target)) for a in args), key=repr))

    def stale(
        self, items: Iterable[Disagreement], standing: Mapping[str, SpanKey]
    ) -> list[Disagreement]:
        """``items`` with each agreed event or relation gold contradicts made a ``Kind.GOLD``
        item; ``standing``: the stale gold spans of this pair, each read as the agreed span it
        is listed against (replacing it moves what points at it)."""

        def target(uuid: str) -> tuple[object, ...]:
            found = standing.get(uuid)
            return found if found is not None else self.gold.target_key(uuid)

        # gold's relations by their ends as read here (either way round)
        joining: dict[frozenset[SpanKey], list[tuple[str, SpanKey, SpanKey, Relation]]] = (
            defaultdict(list)
        )
        for x in self.gold_relations:
            rel = x[3]
            ends = (standing.get(rel.source, x[1]), standing.get(rel.target, x[2]))
            joining[frozenset(ends)].append(x)
        out = []
        for d in items:
            if d.kind is Kind.AGREEMENT and isinstance(d.a, Event) and d.a.uuid in self.indexes:
                d = self._event(d, d.a, target)
            elif d.kind is Kind.AGREEMENT and isinstance(d.a, Relation) and d.a.uuid in self.ends:
                src, dst = self.ends[d.a.uuid]
                for gtype, gsrc, gdst, rel in joining.get(frozenset((src, dst)), ()):
                    ends = (standing.get(rel.source, gsrc), standing.get(rel.target, gdst))
                    if (gtype, *ends) == (d.a.type, src, dst) or (
                        gtype,
                        gsrc,
                        gdst,
                    ) in self.relations:
                        continue
                    detail = Message("gold: {versions}", versions=_type(gtype))
                    d = Disagreement(Kind.GOLD, d.start, d.end, d.a, d.b, detail, (rel,))
                    break
            out.append(d)
        return out

    def _event(
        self, d: Disagreement, ev: Event, target: Callable[[str], tuple[object, ...]]
    ) -> Disagreement:
        """``d``, an agreement on ``ev``, made a ``Kind.GOLD`` item if gold's event of its type
        on its trigger has other arguments (read through ``target``) and no compared layer
        holds gold's version."""
        index = self.indexes[ev.uuid]
        trig = _key(index.spans[ev.trigger])
        agreed = index.argument_set(ev)
        events = [
            g for g in self.gold_events.get((trig, ev.type), ())
            if self.arguments(g, target) != repr(agreed)
            and (trig, g.type, self.arguments(g, self.gold.target_key)) not in self.events
        ]  # fmt: skip
        if not events:
            return d
        g = events[0]
        ours = [(a.role, target(a.target)) for a in self.gold.arguments[g.uuid]]
        extra = [_role(r) for r, t in ours if (r, t) not in agreed]
        missing = [_role(r) for r, t in agreed if (r, t) not in ours]
        versions = _versions(_joined(extra) or "-", _joined(missing) or "-")
        detail = Message("gold: {versions}", versions=versions)
        return Disagreement(Kind.GOLD, d.start, d.end, d.a, d.b, detail, (g,))

    def only_in_gold(self) -> list[Disagreement]:
        """The items only in gold (``Kind.GOLD`` without sides): each gold span no compared
        live span is the same as or competes with, and each gold event it triggers and gold
        relation it is an end of."""
        out = []
        near = _Rivals(self.spans)
        alone: set[str] = set()
        for g in self.live.values():
            if _key(g) in self.held or near.rivals(g):
                continue
            alone.add(g.uuid)
            detail = Message("gold: {versions}", versions=_label(g.label))
            out.append(Disagreement(Kind.GOLD, g.start, g.end, None, None, detail, (g,)))
        for events in self.gold_events.values():
            for ev in events:
                if ev.trigger in alone:
                    trigger = self.gold.spans[ev.trigger]
                    detail = Message("gold: {versions}", versions=_label(ev.type))
                    out.append(Disagreement(
                        Kind.GOLD, trigger.start, trigger.end, None, None, detail, (ev,)
                    ))  # fmt: skip
        for rtype, _, _, rel in self.gold_relations:
            if rel.source in alone or rel.target in alone:
                src = self.gold.spans[rel.source]
                detail = Message("gold: {versions}", versions=_type(rtype))
                out.append(Disagreement(Kind.GOLD, src.start, src.end, None, None, detail, (rel,)))
        return out


def disagreements(
    layer_a: DocumentAnnotations,
    layer_b: DocumentAnnotations,
    gold: DocumentAnnotations | None = None,
) -> list[Disagreement]:
    """What ``compare`` finds, without the agreements."""
    return [d for d in compare(layer_a, layer_b, gold) if not d.is_agreement]


def _live_spans(layers: Iterable[DocumentAnnotations]) -> list[Span]:
    return [s for layer in layers for s in layer.spans if not s.deleted]


def compare_many(
    layers: Mapping[str, DocumentAnnotations], gold: DocumentAnnotations | None = None
) -> dict[tuple[str, str], list[Disagreement]]:
    """Disagreements of every pair of annotators (names sorted within each pair), against
    ``gold`` when given (``against_gold``: a gold version any of the ``layers`` holds is no
    stale version; what only gold holds is listed once, in the first pair)."""
    rank = {kind: n for n, kind in enumerate(Kind)}
    compared = list(layers.values())
    known = _GoldFound(gold, compared) if gold is not None else None
    return {
        (a, b): sorted(
            (
                d
                for d in _items(layers[a], layers[b], gold, compared, n == 0, known)
                if not d.is_agreement
            ),
            key=lambda d: (d.start, d.end, rank[d.kind], _uuid(d)),
        )
        for n, (a, b) in enumerate(itertools.combinations(sorted(layers), 2))
    }


_key: Callable[[Span], SpanKey] = same_span
"""the one rule of "the same span" (``rules.same_span``): a discontinuous span is another span
than a continuous one, or one of other fragments, with the same outer offsets"""
_place: Callable[[Span], Place] = operator.attrgetter(*(f for f in SAME_SPAN if f != "label"))
"""where a span is (``Place``): the same boundaries are the same offsets and fragments"""


def _bounds(s: Span) -> str:
    """A span's boundaries in words: "3-10", or its fragments "3-5,7-10"."""
    if s.fragments:
        return ",".join(f"{a}-{b}" for a, b in s.fragments)
    return f"{s.start}-{s.end}"


def _uuid(d: Disagreement) -> str:
    rec = d.a or d.b or (d.gold[0] if d.gold else None)
    return rec.uuid if rec is not None else ""


def _compare_spans(spans_a: list[Span], spans_b: list[Span]) -> list[Disagreement]:
    """Pair the spans of two layers one-to-one: exact matches first (the same span,
    ``_key``: an agreement, or attributes differ), then the same boundaries (``_place``:
    offsets and fragments), then for each span left
    the best overlap of the same label (the longest overlap, then the earliest start, then the
    first in B's order).

    Each pass takes spans of A in order and the first remaining span of B that fits, through
    indexes instead of a scan of B per span of A (that was quadratic: 20,000 spans per layer
    took minutes); the result, in order, is that of the scanning version."""
    out: list[Disagreement] = []
    taken = [False] * len(spans_b)
    agreement, label_mismatch, attributes = Kind.AGREEMENT, Kind.LABEL, Kind.ATTRIBUTES
    by_key = _Chains(list(map(_key, spans_b)))
    rest_a: list[Span] = []
    for s in spans_a:
        i = by_key.pop(_key(s))
        if i < 0:
            rest_a.append(s)
        else:
            taken[i] = True
            m = spans_b[i]
            if s.attributes != m.attributes and _attrs(s) != _attrs(m):
                out.append(Disagreement(attributes, s.start, s.end, s, m, _attrs_detail(s, m)))
            else:
                out.append(Disagreement(agreement, s.start, s.end, s, m))
    by_place = _Chains([None if taken[i] else _place(t) for i, t in enumerate(spans_b)])
    left: list[Span] = []
    for s in rest_a:
        i = by_place.pop(_place(s))
        if i < 0:
            left.append(s)
        else:
            taken[i] = True
            m = spans_b[i]
            detail = _versions(_label(s.label), _label(m.label))
            out.append(Disagreement(label_mismatch, s.start, s.end, s, m, detail))
    for s, candidates in zip(left, _overlap_candidates(left, spans_b, taken), strict=True):
        best = next((i for i in candidates if not taken[i]), None)
        if best is None:
            out.append(Disagreement(Kind.ONLY_A, s.start, s.end, s, None, _label(s.label)))
            continue
        taken[best] = True
        m = spans_b[best]
        detail = _versions(_bounds(s), _bounds(m))
        out.append(
            Disagreement(Kind.BOUNDARY, min(s.start, m.start), max(s.end, m.end), s, m, detail)
        )
    out += [
        Disagreement(Kind.ONLY_B, t.start, t.end, None, t, _label(t.label))
        for i, t in enumerate(spans_b)
        if not taken[i]
    ]
    return out


K = TypeVar("K", bound=Hashable)


class _Chains(Generic[K]):
    """Positions of a sequence by key, taken in order: ``pop(key)`` gives the first position
    with that key not taken yet (-1 when none), as a scan of what is left would find it. One
    dict entry per key and one int per position (no container per key)."""

    def __init__(self, keys: Sequence[K | None]) -> None:
        self.head: dict[K, int] = {}
        self.next = [-1] * len(keys)
        head, nxt = self.head, self.next
        for i in range(len(keys) - 1, -1, -1):
            key = keys[i]
            if key is not None:  # None: not offered
                nxt[i] = head.get(key, -1)
                head[key] = i

    def pop(self, key: K) -> int:
        i = self.head.get(key, -1)
        if i >= 0:
            self.head[key] = self.next[i]
        return i


def _overlap_candidates(
    left: list[Span], spans_b: list[Span], taken: list[bool]
) -> list[list[int]]:
    """For each span of ``left``: the indexes of the spans of B not ``taken`` that have its
    label and overlap it, best first (longest overlap, earliest start, first in B's order).

    Every overlapping pair has either B's start inside [s.start, s.end) or s.start inside
    (b.start, b.end): both halves are found by bisection on starts sorted per label, so the
    cost is that of sorting plus the pairs found."""
    out: list[list[int]] = [[] for _ in left]
    if not left:
        return out
    b_by_label: dict[str, list[tuple[int, int]]] = defaultdict(list)  # (start, index of B)
    for i, t in enumerate(spans_b):
        if not taken[i]:
            b_by_label[t.label].append((t.start, i))
    a_by_label: dict[str, list[tuple[int, int]]] = defaultdict(list)  # (start, index in left)
    for k, s in enumerate(left):
        a_by_label[s.label].append((s.start, k))
    for label, a_items in a_by_label.items():
        b_items = b_by_label.get(label)
        if not b_items:
            continue
        b_items.sort()
        a_items.sort()
        b_starts = [start for start, _ in b_items]
        a_starts = [start for start, _ in a_items]
        for _, k in a_items:  # B starting inside s
            s = left[k]
            lo = bisect.bisect_left(b_starts, s.start)
            hi = bisect.bisect_left(b_starts, s.end)
            out[k].extend(i for _, i in b_items[lo:hi])
        for _, i in b_items:  # s starting inside B, after B's start
            t = spans_b[i]
            lo = bisect.bisect_right(a_starts, t.start)
            hi = bisect.bisect_left(a_starts, t.end)
            for _, k in a_items[lo:hi]:
                out[k].append(i)
    for k, candidates in enumerate(out):
        s = left[k]
        kept = [
            i for i in candidates
            if spans_b[i].start < s.end and s.start < spans_b[i].end
        ]  # fmt: skip
        kept.sort(key=lambda i: (
            max(s.start, spans_b[i].start) - min(s.end, spans_b[i].end),
            spans_b[i].start,
            i,
        ))  # fmt: skip
        out[k] = kept
    return out


class _Index:
    """What the comparison looks up in one layer, built once: spans and events by uuid, the
    live arguments of each event (stored order)."""

    def __init__(self, layer: DocumentAnnotations) -> None:
        self.spans = layer.span_by_uuid()
        self.events: dict[str, Event] = {}
        for e in layer.events:
            self.events.setdefault(e.uuid, e)  # the first, as a scan would find it
        self.arguments: dict[str, list[Argument]] = defaultdict(list)
        for a in layer.arguments:
            if not a.deleted:
                self.arguments[a.event].append(a)

    def target_key(self, uuid: str) -> tuple[object, ...]:
        if uuid in self.spans:
            return _key(self.spans[uuid])
        ev = self.events.get(uuid)
        if ev is not None and ev.trigger in self.spans:
            return ("event", *_key(self.spans[ev.trigger]), ev.type)
        return ("missing", uuid)

    def argument_set(self, ev: Event) -> list[tuple[str, tuple[object, ...]]]:
        return sorted(
            ((a.role, self.target_key(a.target)) for a in self.arguments.get(ev.uuid, ())),
            key=repr,
        )


def _event_items(
    layer: DocumentAnnotations, spans: Mapping[str, Span] | None = None
) -> list[tuple[SpanKey, str, Event]]:
    """(trigger key, type, event) of the live events whose trigger is a span of the layer
    (``spans``: the layer's spans by uuid, when the caller has them)."""
    spans = layer.span_by_uuid() if spans is None else spans
    return [
        (_key(spans[e.trigger]), e.type, e)
        for e in layer.events
        if not e.deleted and e.trigger in spans
    ]


def _compare_events(
    layer_a: DocumentAnnotations, layer_b: DocumentAnnotations, agreed: set[SpanKey]
) -> list[Disagreement]:
    out: list[Disagreement] = []
    index_a, index_b = _Index(layer_a), _Index(layer_b)
    items_b = _event_items(layer_b, index_b.spans)
    taken = [False] * len(items_b)
    waiting = _Chains([(trig, etype) for trig, etype, _ in items_b])
    for trig, etype, ev in _event_items(layer_a, index_a.spans):
        i = waiting.pop((trig, etype))
        if i < 0:
            # a trigger that differs is already reported by the spans; an event missing on an
            # agreed trigger is reported here
            if trig in agreed:
                out.append(Disagreement(Kind.ONLY_A, trig[0], trig[1], ev, None, _label(etype)))
            continue
        taken[i] = True
        other = items_b[i][2]
        args_a, args_b = index_a.argument_set(ev), index_b.argument_set(other)
        attrs = _attrs_detail(ev, other) if (ev.attributes or other.attributes) else ""
        if args_a == args_b and not attrs:
            out.append(Disagreement(Kind.AGREEMENT, trig[0], trig[1], ev, other))
        elif args_a == args_b:
            out.append(Disagreement(Kind.ATTRIBUTES, trig[0], trig[1], ev, other, attrs))
        else:
            only_a = [_role(r) for r, _ in args_a if (r, _) not in args_b]
            only_b = [_role(r) for r, _ in args_b if (r, _) not in args_a]
            detail: str = Message(
                "{type}: A {a} / B {b}", type=etype, a=_joined(only_a) or "-",
                b=_joined(only_b) or "-",
            )  # fmt: skip
            detail = Message("{first}; {rest}", first=detail, rest=attrs) if attrs else detail
            out.append(Disagreement(Kind.ARGUMENTS, trig[0], trig[1], ev, other, detail))
    out += [
        Disagreement(Kind.ONLY_B, trig[0], trig[1], None, ev, _label(etype))
        for i, (trig, etype, ev) in enumerate(items_b)
        if not taken[i] and trig in agreed
    ]
    return out


def _role(name: str) -> Message:
    """An argument role in a detail: the interface shows it in its language."""
    return Message("{role}", role=name)


def _type(name: str) -> Message:
    """A relation type in a detail: the interface shows its display name."""
    return Message("{type}", type=name)


def _relation_items(
    layer: DocumentAnnotations, spans: Mapping[str, Span] | None = None
) -> list[tuple[str, SpanKey, SpanKey, Relation]]:
    spans = layer.span_by_uuid() if spans is None else spans
    return [
        (r.type, _key(spans[r.source]), _key(spans[r.target]), r)
        for r in layer.relations
        if not r.deleted and r.source in spans and r.target in spans
    ]


def _compare_relations(
    layer_a: DocumentAnnotations, layer_b: DocumentAnnotations
) -> list[Disagreement]:
    out: list[Disagreement] = []
    items_b = _relation_items(layer_b)
    taken = [False] * len(items_b)
    waiting = _Chains([x[:3] for x in items_b])
    for rtype, src, dst, rel in _relation_items(layer_a):
        i = waiting.pop((rtype, src, dst))
        if i < 0:
            out.append(Disagreement(Kind.ONLY_A, src[0], src[1], rel, None, _type(rtype)))
        else:
            taken[i] = True
            other = items_b[i][3]
            attrs = _attrs_detail(rel, other) if (rel.attributes or other.attributes) else ""
            kind = Kind.ATTRIBUTES if attrs else Kind.AGREEMENT
            out.append(Disagreement(kind, src[0], src[1], rel, other, attrs))
    out += [
        Disagreement(Kind.ONLY_B, x[1][0], x[1][1], None, x[3], _type(x[0]))
        for i, x in enumerate(items_b)
        if not taken[i]
    ]
    return out


# -- adjudication -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Conflict:
    """A gold span copied next to gold spans it competes with: ``existing`` (uuids) are at the
    same place with another label, or have its label and overlap it — what the review would
    pair it with. ``source`` is the colleague's span copied, ``copy`` the new gold span's
    uuid."""

    source: Span
    copy: str
    existing: tuple[str, ...]


@dataclass(frozen=True)
class Reused:
    """A span an accepted event or relation needed (a trigger, an argument's filler, a
    relation's end) that gold holds in the version the adjudicator chose earlier (the other
    side of its label or boundary mismatch): the accepted record points at ``gold`` (a gold
    span), not at a copy of ``source``, so gold never holds two versions of one mention; the
    window says so."""

    source: Span
    gold: Span


class Accepted(list[Record]):
    """The records an adjudication created (a list, in writing order) and the ``conflicts`` it
    made: spans copied next to a competing gold span (for the window to tell the
    adjudicator); ``left_out``: the agreed events ``accept_all_agreements`` did not offer
    (their trigger span is labelled otherwise than their type, ``rules.trigger_label_problem``,
    or they fill a role with such an event), from the first annotator's layer; ``reused``:
    the spans needed whose earlier adjudicated gold version was used (``Reused``);
    ``replaced``: (before, after) of the gold records an accept ``replacing`` stale gold
    spans changed (arguments pointed at the new version, relations and the stale spans
    deleted), in writing order; ``kept``: the agreed records ``accept_all_agreements`` left
    as gold has them (``_stale_gold``: gold holds another version there and the document is
    marked adjudicated, or the stale gold span triggers a gold event), from the first
    annotator's layer."""

    def __init__(
        self,
        written: Iterable[Record] = (),
        conflicts: Iterable[Conflict] = (),
        left_out: Iterable[Event] = (),
        reused: Iterable[Reused] = (),
        replaced: Iterable[tuple[Record, Record]] = (),
        kept: Iterable[Record] = (),
    ) -> None:
        super().__init__(written)
        self.conflicts = list(conflicts)
        self.left_out = list(left_out)
        self.reused = list(reused)
        self.replaced = list(replaced)
        self.kept = list(kept)


class _Adjudicator:
    """Copies records into one layer, reusing what that layer already holds.

    What the layer holds is read once per document and kept up to date with what is copied
    (the spans by key, the events by trigger and type, the relations by type and ends), so
    accepting n records costs n look-ups, not n reads of the layer (that was quadratic). The
    pairing of two layers' spans (``_compare_spans``) is made once per pair of layers, when a
    span an event or relation needs is not in gold under its own key."""

    def __init__(self, project: Project, into: str) -> None:
        self.p = project
        self.into = into
        self.copies: dict[str, str] = {}
        self.written: list[Record] = []
        self.copies_made: set[str] = set()  # the uuids of ``written``
        self.conflicts: list[Conflict] = []
        self.reused: list[Reused] = []
        self.replaced: list[tuple[Record, Record]] = []
        self._held: dict[int, _Held] = {}
        self._partners: dict[tuple[int, str, str], dict[str, Span]] = {}
        self._live: dict[tuple[int, str], list[Span]] = {}
        self._triggers: dict[tuple[int, str], dict[str, list[Event]]] = {}

    def held(self, doc_id: int) -> _Held:
        found = self._held.get(doc_id)
        if found is None:
            found = self._held[doc_id] = _Held(self.p, doc_id, self.into)
        return found

    def result(self) -> Accepted:
        return Accepted(self.written, self.conflicts, (), self.reused, self.replaced)

    def find(self, uuid: str) -> Record:
        rec = self.p.find(uuid)
        if rec is None:
            raise ValidationError(f"no live annotation {uuid}")
        return rec

    def accept(self, rec: Record, with_events: bool = True) -> str:
        """Copy ``rec`` (an event with its arguments). A trigger span comes ``with_events``
        it triggers and their arguments: gold never holds a trigger without its event
        (``check``: no-event), whether the review's span item or its event item is accepted.
        ``accept_all_agreements`` copies only the events agreed on, so it passes False."""
        if isinstance(rec, Span):
            copy = self.span(rec, chosen=True)
            for ev in self.triggered(rec) if with_events else ():
                self.event(ev, with_arguments=True)
            return copy
        if isinstance(rec, Event):
            return self.event(rec, with_arguments=True)
        if isinstance(rec, Argument):
            return self.argument(rec)
        return self.relation(rec)

    def triggered(self, s: Span) -> list[Event]:
        """The live events ``s`` triggers in its own layer (each layer read once)."""
        key = (s.doc_id, s.annotator)
        found = self._triggers.get(key)
        if found is None:
            found = self._triggers[key] = {}
            for ev in self.p.events(s.doc_id, s.annotator):
                if not ev.deleted:
                    found.setdefault(ev.trigger, []).append(ev)
        return found.get(s.uuid, [])

    def _note(self, source: Record, copy: Record) -> None:
        self.written.append(copy)
        self.copies_made.add(copy.uuid)
        self.copies[source.uuid] = copy.uuid
        self.p.log_origin(copy, source)

    def span(self, s: Span, chosen: bool = False) -> str:
        """The gold span for ``s``: gold's span with its key, else (``s`` is needed by an event
        or relation, not ``chosen`` itself) the gold span of a span the review pairs it with
        in another layer, else a new copy (reported when it competes with a gold span that
        was there before this adjudication)."""
        if s.uuid in self.copies:
            return self.copies[s.uuid]
        held = self.held(s.doc_id)
        same = held.spans.get(_key(s))
        if same is None and not chosen:
            same = self._adjudicated(s, held)
            if same is not None:
                self.reused.append(Reused(s, self.p.span(same)))
        if same is not None:
            self.copies[s.uuid] = same
            return same
        rivals = tuple(u for u in held.rivals(s) if u not in self.copies_made)
        copy = self.p.add_span(s.doc_id, s.start, s.end, s.label, self.into,
                               s.attributes, s.note, s.fragments)  # fmt: skip
        held.add(copy)
        self._note(s, copy)
        if rivals:
            self.conflicts.append(Conflict(s, copy.uuid, rivals))
        return copy.uuid

    def _adjudicated(self, s: Span, held: _Held) -> str | None:
        """The gold span of the span another layer's annotator marked for ``s`` (the other
        side of its label or boundary mismatch, as ``compare`` pairs them), if gold has it."""
        for other in self.p.annotators():
            if other in (s.annotator, self.into):
                continue
            partner = self.partners(s.doc_id, s.annotator, other).get(s.uuid)
            found = held.spans.get(_key(partner)) if partner is not None else None
            if found is not None:
                return found
        return None

    def partners(self, doc_id: int, a: str, b: str) -> dict[str, Span]:
        """Span uuid of layer ``a`` → the span of layer ``b`` the review pairs it with."""
        found = self._partners.get((doc_id, a, b))
        if found is None:
            items = _compare_spans(self.live(doc_id, a), self.live(doc_id, b))
            found = self._partners[doc_id, a, b] = {
                d.a.uuid: d.b for d in items if isinstance(d.a, Span) and isinstance(d.b, Span)
            }
        return found

    def live(self, doc_id: int, layer: str) -> list[Span]:
        found = self._live.get((doc_id, layer))
        if found is None:
            found = self._live[doc_id, layer] = [
                s for s in self.p.spans(doc_id, layer) if not s.deleted
            ]
        return found

    def event(self, ev: Event, with_arguments: bool) -> str:
        if ev.uuid not in self.copies:
            source = self.p.span(ev.trigger)
            # an older version's event on a span labelled otherwise (listed by check): refused
            # before its trigger is copied, naming the document and the trigger's text
            problem = self.p.trigger_label_problem(ev, source)
            if problem is not None:
                raise problem.error()
            trigger = self.span(source)
            held = self.held(ev.doc_id)
            same = held.events.get((trigger, ev.type))
            if same is not None:
                self.copies[ev.uuid] = same
            else:
                copy = self.p.add_event(trigger, ev.type, ev.attributes, ev.note)
                held.events[trigger, ev.type] = copy.uuid
                self._note(ev, copy)
        if with_arguments:
            for arg in self.p.arguments(ev.uuid):
                if not arg.deleted:
                    self.argument(arg)
        return self.copies[ev.uuid]

    def argument(self, arg: Argument) -> str:
        event = self.event(self.p.event(arg.event), with_arguments=False)
        target = self.find(arg.target)
        gold_target = self.span(target) if isinstance(target, Span) else (
            self.event(self.p.event(target.uuid), with_arguments=False)
        )  # fmt: skip
        for g in self.p.arguments(event):
            if not g.deleted and (g.role, g.target) == (arg.role, gold_target):
                self.copies[arg.uuid] = g.uuid
                return g.uuid
        with self._explained([(target, gold_target)]):
            copy = self.p.add_argument(event, arg.role, gold_target)
        self._note(arg, copy)
        return copy.uuid

    def relation(self, rel: Relation) -> str:
        source, target = self.p.span(rel.source), self.p.span(rel.target)
        src, dst = self.span(source), self.span(target)
        held = self.held(rel.doc_id)
        same = held.relations.get((rel.type, src, dst))
        if same is not None:
            return same
        with self._explained([(source, src), (target, dst)]):
            copy = self.p.add_relation(rel.type, src, dst, rel.attributes, rel.note)
        held.relations[rel.type, src, dst] = copy.uuid
        self._note(rel, copy)
        return copy.uuid

    def replace(self, stale: Sequence[str], first: Mapping[str, tuple[Record, str]]) -> None:
        """Put the accepted versions in the place of the ``stale`` gold records
        (``against_gold``; ``first``: by record kind, the first record accepted and its gold
        version): a stale span by the first accepted span (``_replace_span``), a stale event
        by the first accepted event (``_replace_event``); a stale relation is deleted. Every
        gold record changed is in ``replaced``, so undo restores gold exactly."""
        for uuid in stale:
            old = self.p.find(uuid)
            if old is None or old.deleted:
                continue
            if old.annotator != self.into:
                text = old.text if isinstance(old, Span) else record_kind(old)
                raise ValidationError(Message("{text} is not in {into}", text=text,
                                              into=self.into))  # fmt: skip
            if isinstance(old, Span):
                if "spans" not in first:
                    raise ValidationError(Message("only a span can replace gold spans"))
                self._replace_span(old, first["spans"][1])
            elif isinstance(old, Event):
                source, by = first.get("events", (None, ""))
                if not isinstance(source, Event):
                    raise ValidationError("only an event can replace a gold event")
                self._replace_event(old, source, by)
            elif isinstance(old, Relation):
                self.replaced.append((old, self.p.delete_relation(uuid)))
                held = self.held(old.doc_id)
                if held.relations.get((old.type, old.source, old.target)) == uuid:
                    del held.relations[old.type, old.source, old.target]
        self._settle_conflicts(stale)

    def _replace_event(self, old: Event, source: Event, by: str) -> None:
        """Make gold's event ``old`` the accepted ``source``'s version ``by``: when ``by`` is
        ``old`` itself (gold's event on the same trigger, reused), its arguments the accepted
        event has not are deleted; otherwise what ``old`` filled is filled by ``by`` and
        ``old`` goes with its arguments."""
        keep = {self.copies.get(a.uuid) for a in self.p.arguments(source.uuid)}
        if by != old.uuid:
            for ev in self.p.events(old.doc_id, self.into):
                for arg in self.p.arguments(ev.uuid):
                    if arg.target == old.uuid:
                        self.replaced.append((arg, self.p.update_argument(arg.uuid, target=by)))
        for arg in self.p.arguments(old.uuid):
            if by != old.uuid or arg.uuid not in keep:
                self.replaced.append((arg, self.p.delete_argument(arg.uuid)))
        if by != old.uuid:
            self.replaced.append((old, self.p.delete_event(old.uuid)))
            held = self.held(old.doc_id)
            if held.events.get((old.trigger, old.type)) == old.uuid:
                held.events[old.trigger, old.type] = by

    def _replace_span(self, old: Span, by: str) -> None:
        """Put the gold span ``by`` in the place of the stale gold span ``old``: the
        arguments filled by it are filled by ``by``, the relations from or to it go from or to
        ``by`` (each a new relation: a relation's ends never move), and it is deleted. A stale
        span that triggers an event is refused: the event would need another type, the
        adjudicator edits gold there."""
        uuid = old.uuid
        if uuid == by:
            return
        if any(e.trigger == uuid for e in self.p.events(old.doc_id, self.into)):
            raise ValidationError(Message(
                "“{text}” ({label}) triggers an event in {into}: edit {into} there to "
                "replace it", text=old.text, label=old.label, into=self.into,
            ))  # fmt: skip
        for ev in self.p.events(old.doc_id, self.into):
            for arg in self.p.arguments(ev.uuid):
                if not arg.deleted and arg.target == uuid:
                    self.replaced.append((arg, self.p.update_argument(arg.uuid, target=by)))
        held = self.held(old.doc_id)
        for rel in self.p.relations(old.doc_id, self.into):
            if rel.deleted or uuid not in (rel.source, rel.target):
                continue
            self.replaced.append((rel, self.p.delete_relation(rel.uuid)))
            ends = (by if rel.source == uuid else rel.source,
                    by if rel.target == uuid else rel.target)  # fmt: skip
            if (rel.type, *ends) not in held.relations:
                copy = self.p.add_relation(rel.type, *ends, rel.attributes, rel.note)
                held.relations[rel.type, *ends] = copy.uuid
                self.written.append(copy)
                self.copies_made.add(copy.uuid)
        self.replaced.append((old, self.p.delete_span(uuid)))
        held.remove(old)

    def _settle_conflicts(self, gone_spans: Iterable[str]) -> None:
        """The stale spans are gone: a copy next to them competes with nothing any more."""
        gone = set(gone_spans)
        self.conflicts = [
            Conflict(c.source, c.copy, kept)
            for c in self.conflicts
            if (kept := tuple(u for u in c.existing if u not in gone))
        ]

    @contextmanager
    def _explained(self, ends: Sequence[tuple[Record, str]]) -> Iterator[None]:
        """Say which adjudicated gold span a refused argument or relation would point at (the
        adjudicator chose another label there than the copied record's annotator)."""
        try:
            yield
        except (SchemaError, ValidationError) as exc:
            why = []
            for source, uuid in ends:
                g = self.p.find(uuid)
                if isinstance(source, Span) and isinstance(g, Span) and g.label != source.label:
                    why.append(f"gold holds “{g.text}” as {g.label}, not {source.label}")
            if not why:
                raise
            raise type(exc)(f"{exc} ({'; '.join(why)})") from exc


class _Rivals:
    """Where some spans are, to find those competing with a span (``rivals``)."""

    def __init__(self, spans: Iterable[Span] = ()) -> None:
        self.at: dict[Place, list[tuple[str, str]]] = defaultdict(list)
        self.places: dict[str, Place] = {}
        self.starts: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        self.longest: dict[str, int] = defaultdict(int)
        for s in spans:
            self.add(s)

    def add(self, s: Span) -> None:
        place = self.places[s.uuid] = _place(s)
        self.at[place].append((s.label, s.uuid))
        bisect.insort(self.starts[s.label], (s.start, s.end, s.uuid))
        self.longest[s.label] = max(self.longest[s.label], s.end - s.start)

    def remove(self, s: Span) -> None:
        place = self.places.pop(s.uuid, None)
        if place is None:
            return
        self.at[place].remove((s.label, s.uuid))
        self.starts[s.label].remove((s.start, s.end, s.uuid))

    def rivals(self, s: Span) -> list[str]:
        """The spans competing with ``s``: at its place (``_place``) with another label, or
        with its label overlapping it with other boundaries (other offsets or fragments)."""
        place = _place(s)
        out = [uuid for label, uuid in self.at.get(place, ()) if label != s.label]
        starts = self.starts.get(s.label, [])
        lo = bisect.bisect_right(starts, (s.start - self.longest[s.label], -1, ""))
        hi = bisect.bisect_left(starts, (s.end, -1, ""))
        out += [
            uuid for start, end, uuid in starts[lo:hi]
            if end > s.start and self.places[uuid] != place
        ]  # fmt: skip
        return out


class _Held(_Rivals):
    """What one layer holds in one document, by the keys adjudication reuses records by: the
    first live span per key (``_key``, the rules' same span) in reading order, the first live
    event per (trigger, type) and relation per (type, source, target) in creation order; and
    where its spans are (``rivals``)."""

    def __init__(self, project: Project, doc_id: int, layer: str) -> None:
        super().__init__()
        self.spans: dict[SpanKey, str] = {}
        self.events: dict[tuple[str, str], str] = {}
        self.relations: dict[tuple[str, str, str], str] = {}
        for s in project.spans(doc_id, layer):
            self.add(s)
        for e in project.events(doc_id, layer):
            self.events.setdefault((e.trigger, e.type), e.uuid)
        for r in project.relations(doc_id, layer):
            self.relations.setdefault((r.type, r.source, r.target), r.uuid)

    def add(self, s: Span) -> None:
        self.spans.setdefault(_key(s), s.uuid)
        super().add(s)

    def remove(self, s: Span) -> None:
        if self.spans.get(_key(s)) == s.uuid:
            del self.spans[_key(s)]
        super().remove(s)


def accept(
    project: Project, record_uuids: Iterable[str], into: str = GOLD, replacing: Iterable[str] = ()
) -> Accepted:
    """Copy the given annotations (spans, events with their arguments, single arguments,
    relations) into the ``into`` layer in one transaction; returns the records written and
    the conflicts made (``Accepted``).

    ``replacing``: stale gold records (a ``Kind.GOLD`` item's ``gold``, ``against_gold``)
    the accepted version replaces (``Accepted.replaced``, ``_Adjudicator.replace``): gold
    spans are replaced by the first accepted span's gold version (what pointed at them points
    at it), a gold event by the first accepted event's (its arguments made the accepted
    ones), a gold relation is deleted (the accepted one copied)."""
    adj = _Adjudicator(project, into)
    stale = list(replacing)
    with project.transaction():
        first: dict[str, tuple[Record, str]] = {}  # record kind -> the first accepted, its copy
        for uuid in record_uuids:
            rec = adj.find(uuid)
            first.setdefault(record_kind(rec), (rec, adj.accept(rec)))
        if stale:
            adj.replace(stale, first)
    return adj.result()


def accept_all_agreements(
    project: Project, doc_id: int, annotators: Sequence[str], into: str = GOLD
) -> Accepted:
    """Copy into gold every span, event (with equal arguments) and relation on which all
    ``annotators`` agree, attributes included, in one transaction; returns what was written
    (one undo step). An event or relation is left out while a span it needs is not agreed
    (its attributes differ) and not in gold yet: copying it would settle that span. An event
    whose trigger span is labelled otherwise than its type (an older version's data,
    ``rules.trigger_label_problem``: listed by ``check``, refused by ``accept``), or one filling
    a role with such an event, is no agreement to accept: it is left out, counted in the
    result's ``left_out``, and the rest is accepted. An agreed span of an event type on which
    no event is copied (the annotators' events on it differ, or neither made one) waits, with
    the events and relations needing it, until its event is accepted: gold never holds a
    trigger without an event (``check``: no-event).

    Gold read against the agreements by the one rule of stale gold (``_stale_gold``,
    ``against_gold``: the review's "gold differs" items): an agreed record gold holds another
    version of is accepted as accepting A or B does, ``replacing`` that stale version, unless
    the adjudicator kept gold there (the document is marked adjudicated: "Mark adjudicated"
    keeps gold as it is) or a stale span triggers a gold event (``accept`` refuses to replace
    it: the adjudicator edits gold there); those are left as gold has them (the result's
    ``kept``), with what needs them, never copied beside gold's version.

    Linear in the records of the document: each layer is indexed once (an index per event
    and a read of gold per copied record made 5,000 agreed spans take minutes)."""
    if not annotators:
        return Accepted()
    layers = [project.layer(doc_id, a) for a in annotators]
    first = layers[0]
    common_spans = set.intersection(*({_full(s) for s in lay.spans} for lay in layers))
    events = [_event_keys(lay) for lay in layers]
    common_events = set.intersection(*({key for key, _ in found} for found in events))
    common_relations = set.intersection(
        *({(*x[:3], _attrs(x[3])) for x in _relation_items(lay)} for lay in layers)
    )
    adj = _Adjudicator(project, into)
    held = adj.held(doc_id)
    spans = first.span_by_uuid()
    agreed = [ev for key, ev in events[0] if key in common_events]
    agreed_relations = [
        x[3] for x in _relation_items(first) if (*x[:3], _attrs(x[3])) in common_relations
    ]
    # gold's other versions of the agreements (the review's "gold differs" items): replaced
    # as accepting A or B replaces them, or kept where the adjudicator kept gold
    gold = project.layer(doc_id, into)
    stale = _stale_gold(
        [*(s for s in first.spans if _full(s) in common_spans), *agreed, *agreed_relations],
        gold,
        layers,
    )
    marked = project.status(doc_id, into) is Status.DONE
    kept = {
        uuid for uuid, versions in stale.items()
        if marked or _triggers_in(gold, versions)
    }  # fmt: skip

    waiting: set[str] = set()  # agreed trigger spans waiting for their event

    def settled(uuid: str) -> bool:  # agreed whole (and not waiting), or already adjudicated
        s = spans.get(uuid)
        if s is None or _key(s) in held.spans:
            return True
        return _full(s) in common_spans and uuid not in waiting and uuid not in kept

    left_out = _mislabelled(agreed, first, spans)
    while True:
        chosen_spans = [
            s for s in first.spans
            if _full(s) in common_spans and s.uuid not in waiting and s.uuid not in kept
        ]  # fmt: skip
        chosen_events = [
            ev for ev in agreed
            if ev.uuid not in left_out and ev.uuid not in kept and settled(ev.trigger)
            and all(settled(a.target) for a in first.arguments_of(ev.uuid))
        ]  # fmt: skip
        # an agreed span of an event type none of the chosen events has as trigger (the
        # annotators' events on it differ): gold would hold a trigger without an event
        # (``check``: no-event); it waits, with what needs it, until its event is accepted
        eventless = {
            chosen_spans[k].uuid
            for k in eventless_triggers(project.schema, chosen_spans, chosen_events)
            if _key(chosen_spans[k]) not in held.spans
        }
        if not eventless:
            break
        waiting |= eventless
    chosen_relations = [
        rel for rel in agreed_relations
        if rel.uuid not in kept and settled(rel.source) and settled(rel.target)
    ]  # fmt: skip
    with project.transaction():
        # spans, then events, then relations, each kind's stale gold versions replaced before
        # the next kind is copied (what pointed at a stale span then points at the agreed one,
        # so the agreed events and relations find it there)
        for group in (chosen_spans, chosen_events, chosen_relations):
            copies = [(rec, adj.accept(rec, with_events=False)) for rec in group]
            for rec, copy in copies:
                if rec.uuid in stale:
                    adj.replace([g.uuid for g in stale[rec.uuid]], {record_kind(rec): (rec, copy)})
    done = adj.result()
    done.left_out = [ev for ev in agreed if ev.uuid in left_out]
    records: list[Record] = [*first.spans, *agreed, *agreed_relations]
    done.kept = [rec for rec in records if rec.uuid in kept]
    return done


def _stale_gold(
    agreed: Iterable[Record], gold: DocumentAnnotations, compared: Sequence[DocumentAnnotations]
) -> dict[str, tuple[Record, ...]]:
    """Uuid of each ``agreed`` record (agreed by all the ``compared`` layers) gold holds
    another version of → those gold records: the one rule of stale gold, ``against_gold``,
    which makes the review's "gold differs" items that accepting A or B replaces."""
    items = [Disagreement(Kind.AGREEMENT, 0, 0, rec, rec) for rec in agreed]
    return {
        d.a.uuid: d.gold
        for d in against_gold(items, gold, compared, only_gold=False)
        if d.kind is Kind.GOLD and d.a is not None
    }


def _triggers_in(gold: DocumentAnnotations, records: Iterable[Record]) -> bool:
    """Whether one of ``records`` is a span triggering a live event of ``gold`` (replacing
    it is refused, ``_Adjudicator._replace_span``)."""
    uuids = {r.uuid for r in records if isinstance(r, Span)}
    return any(not e.deleted and e.trigger in uuids for e in gold.events)


def _mislabelled(
    events: Sequence[Event], layer: DocumentAnnotations, spans: Mapping[str, Span]
) -> set[str]:
    """The uuids of ``events`` (of ``layer``, whose spans by uuid are ``spans``) that cannot be
    copied: those whose trigger span is labelled otherwise than their type
    (``rules.trigger_label_problem``), and those filling a role with an event of the layer
    that is (copying the argument copies that event)."""
    bad = {
        e.uuid
        for e in layer.events
        if not e.deleted
        and (trigger := spans.get(e.trigger)) is not None
        and trigger_label_problem(e, trigger) is not None
    }
    return {
        e.uuid
        for e in events
        if e.uuid in bad or any(a.target in bad for a in layer.arguments_of(e.uuid))
    }


def _full(s: Span) -> tuple[SpanKey, AttrKey]:
    return _key(s), _attrs(s)


def _event_keys(
    layer: DocumentAnnotations,
) -> list[tuple[tuple[SpanKey, str, str, AttrKey], Event]]:
    """(trigger key, type, arguments as text, attributes) of each live event on a span of the
    layer."""
    index = _Index(layer)
    return [
        ((trig, etype, repr(index.argument_set(ev)), _attrs(ev)), ev)
        for trig, etype, ev in _event_items(layer, index.spans)
    ]


def retract(project: Project, written: Sequence[Record]) -> None:
    """Undo an ``accept``: tombstone what it wrote (one transaction)."""
    order = {"arguments": 0, "relations": 1, "events": 2, "spans": 3}
    with project.transaction():
        for rec in sorted(written, key=lambda r: order[record_kind(r)]):
            if project.find(rec.uuid, record_kind(rec)) is None:
                continue
            if isinstance(rec, Argument):
                project.delete_argument(rec.uuid)
            elif isinstance(rec, Relation):
                project.delete_relation(rec.uuid)
            elif isinstance(rec, Event):
                project.delete_event(rec.uuid)
            else:
                project.delete_span(rec.uuid)


# -- progress --------------------------------------------------------------------------------
@dataclass(frozen=True)
class GoldIndex:
    """Where the gold layer holds what: span boundaries, event triggers' boundaries and
    relations' end boundaries (live records only; boundaries are places, ``_place``: offsets
    and fragments)."""

    spans: frozenset[Place]
    triggers: frozenset[Place]
    relations: frozenset[tuple[Place, Place]]

    @classmethod
    def of(cls, gold: DocumentAnnotations) -> GoldIndex:
        spans = {s.uuid: _place(s) for s in gold.spans if not s.deleted}
        return cls(
            frozenset(spans.values()),
            frozenset(spans[e.trigger] for e in gold.events
                      if not e.deleted and e.trigger in spans),
            frozenset((spans[r.source], spans[r.target]) for r in gold.relations
                      if not r.deleted and r.source in spans and r.target in spans),
        )  # fmt: skip


Places = Mapping[str, Place]
"""span uuid → its place (``_place``: offsets and fragments) in the compared layers
(``span_places``)"""


def span_places(layers: Iterable[DocumentAnnotations]) -> dict[str, Place]:
    """Where the spans of the compared ``layers`` are, by uuid: what ``is_resolved`` looks
    events' triggers and relations' ends up in. Build it once per document, not per
    disagreement (per disagreement, 881 of them over 10,000 spans took half a minute)."""
    return {s.uuid: _place(s) for layer in layers for s in layer.spans}


def is_resolved(d: Disagreement, gold: GoldIndex, where: Places) -> bool:
    """Whether gold holds one side's version of ``d``: a span at exactly the boundaries
    (offsets and fragments) of side A or side B (its label may be the adjudicator's own
    choice), an event on a trigger at those boundaries, a relation between spans at those
    boundaries. A span of gold that
    merely overlaps (an ORG accepted around a FAC only one annotator marked) does not resolve
    it. ``where``: the compared layers' span places (``span_places``), to find the spans
    events and relations point at. A ``Kind.GOLD`` item (``against_gold``) is never resolved:
    it is there only while gold contradicts an agreement (or, only in gold, while gold holds
    what no annotator has: dropping it, or marking the document adjudicated, settles it).
    """
    if d.kind is Kind.GOLD:
        return False
    for rec in (d.a, d.b):
        if isinstance(rec, Span) and _place(rec) in gold.spans:
            return True
        if isinstance(rec, Event) and where.get(rec.trigger) in gold.triggers:
            return True
        if isinstance(rec, Relation):
            ends = (where.get(rec.source), where.get(rec.target))
            if ends in gold.relations:
                return True
    return False


def remaining(project: Project, doc_id: int, annotators: Sequence[str], into: str = GOLD) -> int:
    """Disagreements (over every pair of ``annotators``) of a document not yet resolved
    (``is_resolved``), or 0 once the gold layer's status of the document is ``done`` (the
    adjudicator explicitly rejected the rest)."""
    if project.status(doc_id, into) is Status.DONE:
        return 0
    layers = {a: project.layer(doc_id, a) for a in annotators}
    return _unresolved(layers, project.layer(doc_id, into))


def _unresolved(layers: Mapping[str, DocumentAnnotations], gold: DocumentAnnotations) -> int:
    """``remaining`` of one document whose layers are read."""
    index = GoldIndex.of(gold)
    where = span_places(layers.values())
    compared = list(layers.values())
    known = _GoldFound(gold, compared)
    agreement = Kind.AGREEMENT
    return sum(
        1
        for n, (a, b) in enumerate(itertools.combinations(sorted(layers), 2))
        for d in _items(layers[a], layers[b], gold, compared, n == 0, known)
        if d.kind is not agreement and not is_resolved(d, index, where)
    )


def project_remaining(
    project: Project,
    annotators: Sequence[str],
    into: str = GOLD,
    progress: Callable[[int, int], object] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> dict[int, int]:
    """``remaining`` of every document that still has some (sum the values for the total).

    The layers are streamed (``Project.iter_layers``: one query per record kind and layer for
    the whole project, not four per document; 5,000 documents of three layers took 13 s read
    document by document), documents where none of ``annotators`` has a record are never
    compared, nor those whose gold status is ``done``. ``progress(done, total)`` is told
    documents as they are passed; ``cancelled()`` true makes it raise ``Cancelled`` (a
    background count whose figure nobody wants any more)."""
    names = list(dict.fromkeys(annotators))
    if len(names) < 2:
        return {}  # no pair: nothing to disagree on
    done = {d for d, st in project.statuses(into).items() if st is Status.DONE}
    total = project.document_count() if progress is not None else 0
    out: dict[int, int] = {}
    seen = 0
    for found in project.iter_layers([*names, into]):
        if cancelled is not None and cancelled():
            raise Cancelled("counting the disagreements was cancelled")
        doc = next(iter(found.values())).document
        seen += 1
        if progress is not None and seen % 256 == 0:
            progress(seen, total)
        if doc.id in done or not any(a in found for a in names):
            continue
        empty = DocumentAnnotations(doc, (), (), (), ())
        layers = {a: found.get(a, empty) for a in names}
        n = _unresolved(layers, found.get(into, empty))
        if n:
            out[doc.id] = n
    if progress is not None:
        progress(total, total)
    return out

"""What the offset-based ("standoff") formats share: brat, doccano and Label Studio.

- ``RawOffsets`` maps offsets counted in a file's raw text (BOM kept, CRLF or CR line ends,
  optionally UTF-16 units) onto the stored text, which ``annotator.text.normalise`` made LF-only.
- ``live_view`` picks the records an export writes (no tombstones, only selected labels, no
  dangling references, no event whose trigger span is labelled otherwise: ``MISLABELLED``)
  in a stable order: by place and content, never by uuid or storage order, so a project
  re-imported from an export writes the same bytes. The stand-off writers (brat, JSONL,
  doccano, Label Studio, spaCy JSONL) and the events JSON use it; spaCy's DocBin applies
  ``MISLABELLED`` through ``mislabelled_events``.
- ``Account`` counts, per construct (``CONSTRUCTS``), what an export wrote and what it left
  out with the reason, so that ``report.exported + report.lost == held(doc)`` for every format
  that uses it.
- ``event_links`` carries events through formats that only know entities and relations
  (doccano, Label Studio, spaCy JSONL): the trigger becomes an entity and each argument a
  relation trigger→filler named after the role; the file also marks the events (``Marked``,
  read back by ``events_from_marks``, no guess). ``events_from_links`` guesses them with a
  schema for files that do not mark them (another tool's).
"""

from __future__ import annotations

import dataclasses
import json
import operator
from collections import Counter
from collections.abc import Callable, Container, Iterable, Iterator, Sized
from dataclasses import dataclass, field
from typing import Any, TypeVar

from annotator.errors import Cancelled, Message
from annotator.formats.common import (
    CONSTRUCT_NAMES,
    REPEATED_SPAN,
    ExportOptions,
    ExportReport,
    IsCancelled,
    Progress,
    quoted,
)
from annotator.imported import ImportedEvent, ImportedRelation, ImportedSpan
from annotator.model import Argument, DocumentAnnotations, Event, Relation, Span
from annotator.rules import (
    is_reference,
    repeated_arguments,
    repeated_spans,
    trigger_label_problem,
)
from annotator.schema import Schema
from annotator.text import OffsetMap, normalise, normalise_drops

DEFAULT_OPTIONS = ExportOptions()
"""The options an exporter uses when given none (a shared frozen value)."""


class RawOffsets:
    """Offsets into a raw text (as another tool counted them) → offsets into the stored text."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.text = normalise(raw).text
        self.changed = self.text != raw
        self._u16: OffsetMap | None = None
        self._to_stored: list[int] = []
        if self.changed:  # the characters normalising drops map to the next one kept
            drops, j, k = normalise_drops(raw), 0, 0
            for i in range(len(raw)):
                self._to_stored.append(j)
                if k < len(drops) and drops[k] == i:
                    k += 1
                    continue
                j += 1
            self._to_stored.append(j)

    def stored(self, raw_cp: int) -> int:
        """Stored-text offset of a raw code-point offset (0 <= raw_cp <= len(raw))."""
        return self._to_stored[raw_cp] if self.changed else raw_cp

    @property
    def offsets(self) -> OffsetMap:
        """Code points ↔ UTF-16 units of the raw text (built on first use)."""
        if self._u16 is None:
            self._u16 = OffsetMap(self.raw)
        return self._u16

    @property
    def length_u16(self) -> int:
        return self.offsets.length_u16

    def raw_span(self, start: object, end: object, units: str) -> tuple[int, int]:
        """Raw code-point offsets of a raw ``[start, end)`` counted in ``units`` (``utf16`` or
        ``codepoints``); ValueError says why the pair is unusable (not integers, empty,
        outside the text, or inside a surrogate pair: never snapped)."""
        if not (isinstance(start, int) and isinstance(end, int)) or bool in (
            type(start),
            type(end),
        ):
            raise ValueError(
                Message(
                    "offsets {start} {end} are not integers", start=quoted(start), end=quoted(end)
                )
            )
        limit = self.length_u16 if units == UTF16 else len(self.raw)
        if not 0 <= start < end <= limit:
            raise ValueError(
                Message(
                    "offsets {start} {end} are empty or outside the text ({limit})",
                    start=str(start),
                    end=str(end),
                    limit=str(limit),
                )
            )
        return from_units(self.offsets, start, units), from_units(self.offsets, end, units)

    def stored_span(self, start: int, end: int) -> tuple[int, int]:
        """Stored offsets of raw code-point offsets; ValueError when nothing stored is left."""
        a, b = self.stored(start), self.stored(end)
        if a >= b:
            raise ValueError(
                Message(
                    "offsets {start} {end} cover no stored character",
                    start=str(start),
                    end=str(end),
                )
            )
        return a, b

    def span(self, start: object, end: object, units: str) -> tuple[int, int]:
        """Stored offsets of a raw ``[start, end)`` counted in ``units``."""
        return self.stored_span(*self.raw_span(start, end, units))


UTF16 = "utf16"
CODEPOINTS = "codepoints"
UNITS = (UTF16, CODEPOINTS)


# The one conversion between a file's offset units and code points: writers use ``to_units``,
# readers ``from_units`` (exact: an offset inside a surrogate pair is refused, never snapped).


def to_units(offsets: OffsetMap, cp: int, units: str) -> int:
    """A code-point offset into ``offsets.text`` in the ``units`` a file counts."""
    return offsets.to_u16(cp) if units == UTF16 else cp


def from_units(offsets: OffsetMap, n: int, units: str) -> int:
    """The code-point offset into ``offsets.text`` of an offset ``n`` counted in ``units``;
    ValueError when it is outside the text or falls inside a surrogate pair."""
    if units == UTF16:
        return offsets.cp_of(n)
    if not 0 <= n <= len(offsets.text):
        raise ValueError(
            Message(
                "offset {n} is outside the text ({length} characters)",
                n=str(n),
                length=str(len(offsets.text)),
            )
        )
    return n


def each_document(
    docs: Iterable[DocumentAnnotations],
    progress: Progress,
    cancelled: IsCancelled,
    total: int | None,
) -> Iterator[DocumentAnnotations]:
    """Iterate the documents, reporting progress and raising Cancelled when asked to stop."""
    if total is None:
        total = len(docs) if isinstance(docs, Sized) else 0
    for done, doc in enumerate(docs, start=1):
        if cancelled():
            raise Cancelled(Message("export cancelled; nothing was written"))
        yield doc
        progress(done, max(total, done))
    if cancelled():
        raise Cancelled(Message("export cancelled; nothing was written"))


# -- what a document holds, and what an export wrote of it -------------------------------------

CONSTRUCTS = (
    "span",
    "event",
    "argument",
    "relation",
    "attribute",
    "normalisation",
    "note",
    "fragments",
)
"""What an export report counts: records, then the parts of a record (an attribute entry, a
normalisation reference, a note, the fragments of a discontinuous span)."""

PARTS = ("attribute", "normalisation", "note", "fragments")


def references(value: Any) -> list[tuple[str, str | None]]:
    """The normalisations one ``ref:<DB>`` attribute value holds, as (id, text or None).

    One line per reference: ``ID`` or ``ID<TAB>text`` (the text brat's N line carries when it is
    not the covered text); several ids on one line without a TAB (``Q90 Q91``) are several
    references without text."""
    if not isinstance(value, str):
        return [(str(value), None)]
    out: list[tuple[str, str | None]] = []
    for line in value.split("\n"):
        ident, tab, text = line.partition("\t")
        if tab:
            out.append((ident.strip(), text))
        else:
            out += [(x, None) for x in line.split()]
    return out


def parts_of(
    attributes: dict[str, Any], note: str, fragments: tuple[Any, ...] = ()
) -> Counter[str]:
    """The parts of one record, counted as in ``CONSTRUCTS``."""
    return Counter(dict(_part_counts(attributes, note, fragments)))


def _part_counts(
    attributes: dict[str, Any], note: str, fragments: tuple[Any, ...]
) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    if attributes:
        refs = plain = 0
        for name, value in attributes.items():
            if is_reference(name):
                refs += max(len(references(value)), 1)
            else:
                plain += 1
        out += [("attribute", plain)] if plain else []
        out += [("normalisation", refs)] if refs else []
    if note:
        out.append(("note", 1))
    if fragments:
        out.append(("fragments", 1))
    return out


Held = Span | Event | Argument | Relation


def arguments_by_event(doc: DocumentAnnotations) -> dict[str, list[Argument]]:
    """The live arguments of each event, in stored order (one pass, not one per event)."""
    out: dict[str, list[Argument]] = {}
    for a in doc.arguments:
        if not a.deleted:
            out.setdefault(a.event, []).append(a)
    return out


def held_records(doc: DocumentAnnotations) -> Iterator[tuple[str, Held]]:
    """(construct, record) for every live record of ``doc``: spans, events, the arguments of
    live events, relations."""
    for s in doc.spans:
        if not s.deleted:
            yield "span", s
    live_events = [e for e in doc.events if not e.deleted]
    for e in live_events:
        yield "event", e
    arguments = arguments_by_event(doc)
    for e in live_events:
        for a in arguments.get(e.uuid, ()):
            yield "argument", a
    for r in doc.relations:
        if not r.deleted:
            yield "relation", r


def _parts(rec: Held) -> Counter[str]:
    if isinstance(rec, Argument):
        return Counter()
    return parts_of(rec.attributes, rec.note, rec.fragments if isinstance(rec, Span) else ())


def held(doc: DocumentAnnotations) -> Counter[str]:
    """Everything ``doc`` holds, counted as in ``CONSTRUCTS``: what an export's
    ``report.exported + report.lost`` adds up to."""
    out: Counter[str] = Counter()
    for kind, rec in held_records(doc):
        out[kind] += 1
        out.update(_parts(rec))
    return out


class Account:
    """What an export wrote of one document and why it left the rest out; ``close`` puts the
    counts in the report, so ``exported + lost`` always equals ``held(doc)``.

    A writer calls ``wrote(uuid)`` for each record it writes and ``skip(uuid, reason)`` for one
    it cannot; a record it never mentions is counted as dropped too. The parts of a written
    record are exported when the format ``carries`` them, else dropped; ``lose`` drops one
    part that a carried construct could not hold here (a brat attribute value of two words).
    """

    def __init__(self, report: ExportReport, carries: Iterable[str], where: str) -> None:
        self.report = report
        self.carries = frozenset(carries)
        self.where = where
        self.written: set[str] = set()
        self.reasons: dict[str, str] = {}  # uuid → reason (a Message)
        self.partial: Counter[str] = Counter()

    def wrote(self, uuid: str) -> None:
        self.written.add(uuid)

    def wrote_all(self, records: Iterable[Held]) -> None:
        self.written.update(map(_UUID, records))

    def skip(self, uuid: str, reason: str) -> None:
        self.reasons.setdefault(uuid, reason)

    def lose(self, construct: str, reason: str, n: int = 1) -> None:
        self.report.drop(reason, n, construct)
        self.partial[construct] += n

    def close(self, doc: DocumentAnnotations) -> None:
        exported: Counter[str] = Counter()
        live_events = [e for e in doc.events if not e.deleted]
        arguments = arguments_by_event(doc)
        kinds: list[tuple[str, Iterable[Held]]] = [
            ("span", [s for s in doc.spans if not s.deleted]),
            ("event", live_events),
            ("argument", [a for e in live_events for a in arguments.get(e.uuid, ())]),
            ("relation", [r for r in doc.relations if not r.deleted]),
        ]
        written = self.written
        every = self.carries >= set(PARTS)  # jsonl, brat: count parts without a lookup
        n_attr = n_ref = n_note = n_frag = 0
        for kind, records in kinds:  # one loop per kind: this runs for every record
            n = 0
            for rec in records:
                wrote = rec.uuid in written
                if wrote:
                    n += 1
                else:
                    why = self.reasons.get(rec.uuid) or self._no_place(kind)
                    self.report.drop(why, 1, kind)
                if isinstance(rec, Argument):
                    continue
                fragments = rec.fragments if isinstance(rec, Span) else ()
                if not (rec.attributes or rec.note or fragments):
                    continue  # most records: nothing more to count
                if not (wrote and every):
                    self._parts(kind, rec, wrote, exported)
                    continue
                for name, value in rec.attributes.items():
                    if is_reference(name):
                        n_ref += max(len(references(value)), 1)
                    else:
                        n_attr += 1
                n_note += bool(rec.note)
                n_frag += bool(fragments)
            exported[kind] += n
        for part, count in zip(PARTS, (n_attr, n_ref, n_note, n_frag), strict=True):
            exported[part] += count
        self.report.spans_exported += exported["span"]
        exported.subtract(self.partial)
        self.report.exported.update(exported)
        self.written, self.reasons, self.partial = set(), {}, Counter()

    def _no_place(self, kind: str) -> Message:
        return record_no_place(kind, self.where)

    def _parts(self, kind: str, rec: Held, wrote: bool, exported: Counter[str]) -> None:
        for part, n, why in part_losses(kind, rec, wrote, self.carries, self.where):
            if why is None:
                exported[part] += n
            else:
                self.report.drop(why, n, part)


def record_no_place(kind: str, where: str) -> Message:
    """Why an export leaves out a record (span, event, argument, relation) of ``kind``: the
    format ``where`` has no place for it."""
    return Message(
        "{kind} ({format} has no place for it)", kind=CONSTRUCT_NAMES[kind], format=where
    )


def part_losses(
    kind: str, rec: Held, wrote: bool, carries: Container[str], where: str
) -> list[tuple[str, int, Message | None]]:
    """(part, count, why it is lost or None when exported) for the attributes,
    normalisations, note and fragments of record ``rec`` of ``kind``: every export's one rule
    (``Account``, ``conll.TokenReport.close``). A record not written loses its parts; a
    written one keeps those the format ``carries``."""
    if isinstance(rec, Argument):
        return []
    fragments = rec.fragments if isinstance(rec, Span) else ()
    out: list[tuple[str, int, Message | None]] = []
    for part, n in _part_counts(rec.attributes, rec.note, fragments):
        if not wrote:
            why: Message | None = Message(
                "{part} of an unexported {kind}",
                part=CONSTRUCT_NAMES[part],
                kind=CONSTRUCT_NAMES[kind],
            )
        elif part in carries:
            why = None
        else:
            why = no_place(part, where)
        out.append((part, n, why))
    return out


_NO_PLACE: dict[str, Callable[[str], Message]] = {
    "attribute": lambda where: Message("attribute (no place in {format})", format=where),
    "normalisation": lambda where: Message("normalisation (no place in {format})", format=where),
    "note": lambda where: Message("note (no place in {format})", format=where),
    "fragments": lambda where: Message(
        "discontinuous span written as its outer bounds ({format})", format=where
    ),
}


def no_place(part: str, where: str) -> Message:
    """Why a part of a written record is dropped: the format ``where`` has no place for it."""
    return _NO_PLACE[part](where)


# -- choosing what an export writes, in a stable order -----------------------------------------

MISLABELLED = Message("event whose trigger span is not labelled with its type")
"""Why an export leaves out an event whose trigger span carries another label
(``rules.trigger_label_problem``: data written before that rule); its arguments go with it,
the arguments and relations pointing at it are left out as pointing at a record not exported,
and its span is written by its own label."""

EVENT_LEFT_OUT = Message("argument of an event not exported")
FILLER_LEFT_OUT = Message("argument whose filler was not exported")
TRIGGER_LEFT_OUT = Message("event whose trigger span was not exported")


def mislabelled_events(events: Iterable[Event], spans: dict[str, Span]) -> set[str]:
    """The uuids of ``events`` whose trigger (looked up in ``spans``, by uuid) is not labelled
    with the event's type (``rules.trigger_label_problem``); an event whose trigger is not in
    ``spans`` is not among them (it is left out for that)."""
    return {
        e.uuid
        for e in events
        if (trigger := spans.get(e.trigger)) is not None
        and trigger_label_problem(e, trigger) is not None
    }


@dataclass
class LiveDoc:
    """The records of one document an export writes, in a stable order (by content, never by
    uuid or storage order, so that a project re-imported from the file writes the same file),
    with dangling references removed."""

    spans: list[Span] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    arguments: dict[str, list[Argument]] = field(default_factory=dict)
    """event uuid → its arguments"""
    relations: list[Relation] = field(default_factory=list)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def span_order(s: Span) -> tuple[Any, ...]:
    """The order spans are written in: by place, then label and content."""
    return (s.start, s.end, s.fragments, s.label, s.note, _json(s.attributes), s.uuid)


T = TypeVar("T")
_PLACE = operator.attrgetter("start", "end")
_UUID = operator.attrgetter("uuid")


def by_content(
    items: list[T], cheap: Callable[[T], Any], full: Callable[[T], tuple[Any, ...]]
) -> list[T]:
    """``items`` sorted by ``full``, computed only where ``cheap`` ties (most records differ
    in place, so a large export seldom encodes attributes to compare them)."""
    keys = [cheap(x) for x in items]
    order = sorted(range(len(items)), key=keys.__getitem__)
    if len(set(keys)) == len(keys):  # no ties: the usual case
        return [items[k] for k in order]
    out: list[T] = []
    i, n = 0, len(order)
    while i < n:
        j = i + 1
        while j < n and keys[order[j]] == keys[order[i]]:
            j += 1
        if j - i == 1:
            out.append(items[order[i]])
        else:
            out += sorted((items[k] for k in order[i:j]), key=full)
        i = j
    return out


def live_view(
    doc: DocumentAnnotations,
    options: ExportOptions,
    account: Account,
    schema: Schema | None = None,
) -> LiveDoc:
    """Live records of ``doc`` restricted to ``options.labels``, sorted; what is left out is
    given its reason in ``account``. ``schema`` orders the arguments of an event by its roles.

    A span repeating another of its layer (``rules.same_span``: the same place and label,
    written before the API refused it) is left out, the first in this order kept; the events,
    arguments and relations that point at it point at the kept one instead.

    An event whose trigger span is not labelled with its type (``MISLABELLED``) is left out
    with its arguments, as are the arguments and relations pointing at it; its span stays,
    written by its label."""
    live = LiveDoc()
    spans = [s for s in doc.spans if not s.deleted]
    if options.labels:
        for s in spans:
            if s.label not in options.labels:
                account.skip(s.uuid, Message("span label not selected for export"))
        spans = [s for s in spans if s.label in options.labels]
    live.spans = by_content(spans, _PLACE, span_order)
    kept: dict[str, str] = {}  # a repeating span's uuid -> the uuid of the span kept for it
    for k, first in repeated_spans(live.spans):
        kept[live.spans[k].uuid] = live.spans[first].uuid
    if kept:
        for uuid in kept:
            account.skip(uuid, REPEATED_SPAN)
        live.spans = [s for s in live.spans if s.uuid not in kept]
    span_rank = {s.uuid: n for n, s in enumerate(live.spans)}
    arguments = arguments_by_event(doc)
    events = [e for e in doc.events if not e.deleted]
    if kept:
        events = [
            dataclasses.replace(e, trigger=kept[e.trigger]) if e.trigger in kept else e
            for e in events
        ]
        arguments = {
            ev: [
                dataclasses.replace(a, target=kept[a.target]) if a.target in kept else a
                for a in args
            ]
            for ev, args in arguments.items()
        }
    mislabelled = mislabelled_events(events, {s.uuid: s for s in live.spans})
    for ev in events:
        if ev.trigger not in span_rank or ev.uuid in mislabelled:
            gone = ev.uuid in mislabelled
            account.skip(ev.uuid, MISLABELLED if gone else TRIGGER_LEFT_OUT)
            for a in arguments.get(ev.uuid, ()):
                account.skip(a.uuid, EVENT_LEFT_OUT)
    live.events = [e for e in events if e.trigger in span_rank and e.uuid not in mislabelled]
    live.events = by_content(
        live.events,
        lambda e: (span_rank[e.trigger], e.type),
        lambda e: (span_rank[e.trigger], e.type, e.note, _json(e.attributes), e.uuid),
    )
    event_rank = {e.uuid: n for n, e in enumerate(live.events)}

    def rank(uuid: str) -> tuple[int, int]:
        return (0, span_rank[uuid]) if uuid in span_rank else (1, event_rank[uuid])

    def known(uuid: str) -> bool:
        return uuid in span_rank or uuid in event_rank

    role_order: dict[str, dict[str, int]] = {}
    for ev in live.events:
        if ev.type not in role_order:
            et = schema.event(ev.type) if schema is not None else None
            role_order[ev.type] = {r.name: n for n, r in enumerate(et.roles if et else ())}
        roles = role_order[ev.type]
        args = []
        of_event = arguments.get(ev.uuid, ())
        repeats = {a.uuid for a, _first in repeated_arguments(of_event)}
        for a in of_event:
            if a.uuid in repeats:
                account.skip(
                    a.uuid, Message("argument repeating another of its event (role and filler)")
                )
            elif known(a.target):
                args.append(a)
            else:
                account.skip(a.uuid, FILLER_LEFT_OUT)
        args.sort(key=lambda a: (roles.get(a.role, len(roles)), a.role, rank(a.target), a.uuid))
        live.arguments[ev.uuid] = args
    for r in doc.relations:
        if r.deleted:
            continue
        if r.source in kept or r.target in kept:
            source, target = kept.get(r.source, r.source), kept.get(r.target, r.target)
            r = dataclasses.replace(r, source=source, target=target)
        if known(r.source) and known(r.target):
            live.relations.append(r)
            continue
        account.skip(r.uuid, Message("relation whose end was not exported"))
    live.relations = by_content(
        live.relations,
        lambda r: (rank(r.source), rank(r.target), r.type),
        lambda r: (rank(r.source), rank(r.target), r.type, r.note, _json(r.attributes), r.uuid),
    )
    return live


# -- events as entity + relations -----------------------------------------------------------------


def event_links(live: LiveDoc) -> list[tuple[Argument, str, str]]:
    """Each event argument as (argument, trigger span uuid, filler span uuid): a filler that is
    an event is written as that event's trigger."""
    trigger_of = {e.uuid: e.trigger for e in live.events}
    return [
        (a, ev.trigger, trigger_of.get(a.target, a.target))
        for ev in live.events
        for a in live.arguments[ev.uuid]
    ]


@dataclass
class Marked:
    """An event as a file marks it beside its trigger→filler relations: the key of its trigger
    span and its arguments as (role, key of a filler span or of another marked event, whether
    the filler is an event)."""

    key: str
    trigger: str
    arguments: list[tuple[str, str, bool]] = field(default_factory=list)
    line: int | None = None


def are_marks(value: Any) -> bool:
    """Whether a file's ``"events"`` value is our marks (a list of objects with a
    ``"trigger"``; empty: the file has no events) rather than another tool's data."""
    return isinstance(value, list) and all(isinstance(x, dict) and "trigger" in x for x in value)


def events_from_marks(
    spans: list[ImportedSpan], marks: list[Marked], relations: list[ImportedRelation]
) -> tuple[list[ImportedEvent], list[ImportedRelation]]:
    """Events from the marks a file carries (no guess, no schema needed), and the relations
    left once each argument has taken its trigger→filler relation (role as type).

    A mark whose trigger is not among ``spans`` is not this annotation's; an argument whose
    relation is not in the file (removed in the other tool) is not kept."""
    by_key = {s.key: s for s in spans}
    mine = {m.key: m for m in marks if m.trigger in by_key}
    events = {
        k: ImportedEvent(
            type=by_key[m.trigger].label, trigger=m.trigger, key=f"event:{k}", line=m.line
        )
        for k, m in mine.items()
    }
    pool = list(relations)
    for k, m in mine.items():
        for role, target, is_event in m.arguments:
            if is_event:
                if target not in mine:
                    continue
                end, ref = mine[target].trigger, events[target].key
            elif target in by_key:
                end = ref = target
            else:
                continue
            found = next(
                (
                    i
                    for i, r in enumerate(pool)
                    if (r.source, r.target, r.type) == (m.trigger, end, role)
                ),
                None,
            )
            if found is not None:
                del pool[found]
                events[k].arguments.append((role, ref))
    return list(events.values()), pool


def events_from_links(
    spans: list[ImportedSpan], relations: list[ImportedRelation], schema: Schema | None
) -> tuple[list[ImportedEvent], list[ImportedRelation]]:
    """Guess events from trigger entities and trigger→filler relations, for files that do not
    mark them (``events_from_marks``): the export of another tool.

    A span whose label is an event type of ``schema`` becomes the trigger of one event (keyed
    ``E:<span key>``); a relation leaving such a span becomes an argument when its type is a
    role of that event type (or the type declares no roles). A filler that is itself a trigger
    is taken to be its event. Without a schema nothing changes.
    """
    if schema is None:
        return [], relations
    events: dict[str, ImportedEvent] = {}
    for s in spans:
        if schema.event(s.label) is not None:
            events[s.key] = ImportedEvent(
                type=s.label, trigger=s.key, key=f"E:{s.key}", line=s.line
            )
    plain: list[ImportedRelation] = []
    for r in relations:
        ev = events.get(r.source)
        et = schema.event(ev.type) if ev else None
        if ev is None or et is None or (et.roles and et.role(r.type) is None):
            plain.append(r)
            continue
        target = events[r.target].key if r.target in events else r.target
        ev.arguments.append((r.type, target))
    return list(events.values()), plain

"""What the offset-based ("standoff") formats share: brat, doccano and Label Studio.

- ``RawOffsets`` maps offsets counted in a file's raw text (BOM kept, CRLF or CR line ends,
  optionally UTF-16 units) onto the stored text, which ``annotator.text.normalise`` made LF-only.
- ``live_view`` picks the records an export writes (no tombstones, only selected labels, no
  dangling references) and counts what it leaves out.
- ``event_links`` / ``events_from_links`` carry events through formats that only know entities
  and relations (doccano, Label Studio): the trigger becomes an entity and each argument a
  relation trigger→filler named after the role; a schema turns them back into events.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sized
from dataclasses import dataclass, field

from annotator.errors import Cancelled
from annotator.formats.common import ExportOptions, ExportReport, IsCancelled, Progress
from annotator.model import (
    Argument,
    DocumentAnnotations,
    Event,
    ImportedEvent,
    ImportedRelation,
    ImportedSpan,
    Relation,
    Span,
)
from annotator.schema import Schema
from annotator.text import BOM, OffsetMap, normalise

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
        if self.changed:
            # the stored text drops a leading BOM and the CR of each CRLF; a lone CR becomes LF
            j = 0
            for i, ch in enumerate(raw):
                self._to_stored.append(j)
                if (i == 0 and ch == BOM) or (ch == "\r" and raw[i + 1 : i + 2] == "\n"):
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
            raise ValueError(f"offsets {start!r} {end!r} are not integers")
        limit = self.length_u16 if units == UTF16 else len(self.raw)
        if not 0 <= start < end <= limit:
            raise ValueError(f"offsets {start} {end} are empty or outside the text ({limit})")
        return from_units(self.offsets, start, units), from_units(self.offsets, end, units)

    def stored_span(self, start: int, end: int) -> tuple[int, int]:
        """Stored offsets of raw code-point offsets; ValueError when nothing stored is left."""
        a, b = self.stored(start), self.stored(end)
        if a >= b:
            raise ValueError(f"offsets {start} {end} cover no stored character")
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
        raise ValueError(f"offset {n} is outside the text ({len(offsets.text)} characters)")
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
            raise Cancelled("export cancelled; nothing was written")
        yield doc
        progress(done, max(total, done))
    if cancelled():
        raise Cancelled("export cancelled; nothing was written")


# -- choosing what an export writes ------------------------------------------------------------


@dataclass
class LiveDoc:
    """The records of one document an export writes, with dangling references removed."""

    spans: list[Span] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    arguments: dict[str, list[Argument]] = field(default_factory=dict)
    """event uuid → its arguments"""
    relations: list[Relation] = field(default_factory=list)


def live_view(doc: DocumentAnnotations, options: ExportOptions, report: ExportReport) -> LiveDoc:
    """Live records of ``doc`` restricted to ``options.labels``; drops are counted in ``report``."""
    live = LiveDoc()
    for s in doc.spans:
        if s.deleted:
            continue
        if options.labels and s.label not in options.labels:
            report.drop("span label not selected for export")
            continue
        live.spans.append(s)
    span_ids = {s.uuid for s in live.spans}
    for ev in doc.events:
        if ev.deleted:
            continue
        if ev.trigger not in span_ids:
            report.drop("event whose trigger span was not exported")
            continue
        live.events.append(ev)
    event_ids = {e.uuid for e in live.events}
    for ev in live.events:
        args = []
        for a in doc.arguments_of(ev.uuid):
            if a.target in span_ids or a.target in event_ids:
                args.append(a)
            else:
                report.drop("argument whose filler was not exported")
        live.arguments[ev.uuid] = args
    for r in doc.relations:
        if r.deleted:
            continue
        if {r.source, r.target} <= span_ids | event_ids:
            live.relations.append(r)
        else:
            report.drop("relation whose end was not exported")
    return live


# -- events as entity + relations -----------------------------------------------------------------


def event_links(live: LiveDoc, report: ExportReport) -> list[tuple[str, str, str]]:
    """Each event argument as (trigger span uuid, role, filler span uuid).

    A filler that is an event is written as that event's trigger. What the encoding cannot hold
    (event attributes and notes, events without arguments are kept as their trigger span) is
    counted in ``report``.
    """
    trigger_of = {e.uuid: e.trigger for e in live.events}
    links: list[tuple[str, str, str]] = []
    for ev in live.events:
        if ev.attributes or ev.note:
            report.drop("event attributes/notes (no place in this format)")
        for a in live.arguments[ev.uuid]:
            links.append((ev.trigger, a.role, trigger_of.get(a.target, a.target)))
    return links


def events_from_links(
    spans: list[ImportedSpan], relations: list[ImportedRelation], schema: Schema | None
) -> tuple[list[ImportedEvent], list[ImportedRelation]]:
    """Rebuild events from trigger entities and trigger→filler relations (see ``event_links``).

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

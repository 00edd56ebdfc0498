"""Queries over annotations: spans by label, layer, status, attribute values and folded text;
the text no span covers; the entity list (mentions grouped by label and folded text).

Everything takes model records and texts as iterables, so the same functions run over a list in
a test and over ``Project.iter_records("spans")`` / ``Project.iter_documents()`` streams.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple

from annotator.model import Span, Status
from annotator.search.folding import fold_text
from annotator.search.matching import Hit, Query

_ANY = object()


@dataclass(frozen=True)
class SpanFilter:
    """Conditions a span must all meet; an empty condition accepts every span."""

    labels: frozenset[str] = frozenset()
    layers: frozenset[str] = frozenset()
    """annotators (``gold`` is a layer like any other)"""
    statuses: frozenset[Status] = frozenset()
    """the status of the span's layer on its document (no status recorded: ``new``)"""
    attributes: Mapping[str, Any] = field(default_factory=dict)
    """each attribute must have this value (``ANY_VALUE``: be present with any value)"""
    text: str = ""
    """the span's folded text must equal this folded text"""
    text_query: Query | None = None
    """or contain a hit of this query"""

    def accepts(self, span: Span, status: Status = Status.NEW) -> bool:
        if span.deleted:
            return False
        if self.labels and span.label not in self.labels:
            return False
        if self.layers and span.annotator not in self.layers:
            return False
        if self.statuses and status not in self.statuses:
            return False
        for key, value in self.attributes.items():
            have = span.attributes.get(key, _ANY)
            if have is _ANY or (value is not ANY_VALUE and have != value):
                return False
        if self.text and fold_text(span.text.strip()) != fold_text(self.text.strip()):
            return False
        if self.text_query is not None:
            folded = fold_text(span.text, self.text_query.fold)
            if next(self.text_query.matcher().spans(folded), None) is None:
                return False
        return True


ANY_VALUE: Any = object()
"""an attribute condition met by any value"""


def filter_spans(
    spans: Iterable[Span],
    where: SpanFilter,
    status_of: Mapping[tuple[int, str], Status] | None = None,
) -> Iterator[Span]:
    """The live spans ``where`` accepts; ``status_of[(doc_id, annotator)]`` gives statuses."""
    for span in spans:
        status = Status.NEW
        if status_of is not None:
            status = status_of.get((span.doc_id, span.annotator), Status.NEW)
        if where.accepts(span, status):
            yield span


def pieces(span: Span) -> tuple[tuple[int, int], ...]:
    """The stretches a span covers (its fragments, or start..end)."""
    return span.fragments or ((span.start, span.end),)


class Coverage:
    """The text covered by some spans of one document: merged, sorted ranges."""

    def __init__(self, spans: Iterable[Span] = ()) -> None:
        self._merge(p for s in spans if not s.deleted for p in pieces(s))

    @classmethod
    def of_ranges(cls, ranges: Iterable[tuple[int, int]]) -> Coverage:
        """The coverage of plain ``(start, end)`` ranges (read from the store as they are)."""
        cover = cls()
        cover._merge(ranges)
        return cover

    def _merge(self, pieces_: Iterable[tuple[int, int]]) -> None:
        ranges = sorted(pieces_)
        merged: list[list[int]] = []
        for a, b in ranges:
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self.starts = [a for a, _ in merged]
        self.ends = [b for _, b in merged]

    def add(self, start: int, end: int) -> None:
        """Cover ``[start, end)`` too (a suggestion just made, so the next cannot overlap)."""
        k = bisect.bisect_left(self.ends, start + 1)
        while k < len(self.starts) and self.starts[k] < end:
            start, end = min(start, self.starts[k]), max(end, self.ends[k])
            del self.starts[k], self.ends[k]
        self.starts.insert(k, start)
        self.ends.insert(k, end)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` shares a character with a covered range."""
        k = bisect.bisect_right(self.ends, start)
        return k < len(self.starts) and self.starts[k] < end

    def gaps(self, length: int) -> list[tuple[int, int]]:
        """The ranges of ``[0, length)`` no span covers."""
        out = []
        at = 0
        for a, b in zip(self.starts, self.ends, strict=True):
            if a > at:
                out.append((at, a))
            at = max(at, b)
        if at < length:
            out.append((at, length))
        return out


def coverage_by_document(spans: Iterable[Span]) -> dict[int, Coverage]:
    by_doc: dict[int, list[Span]] = defaultdict(list)
    for span in spans:
        if not span.deleted:
            by_doc[span.doc_id].append(span)
    return {doc_id: Coverage(group) for doc_id, group in by_doc.items()}


def uncovered(text: str, spans: Iterable[Span]) -> list[tuple[int, int]]:
    """The stretches of ``text`` no live span covers, white space trimmed off their edges."""
    out = []
    for a, b in Coverage(spans).gaps(len(text)):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
    return out


def outside(hits: Iterable[Hit], spans: Iterable[Span]) -> Iterator[Hit]:
    """The hits that overlap no live span ("text not yet covered by any span")."""
    covers = coverage_by_document(spans)
    empty = Coverage()
    for hit in hits:
        if not covers.get(hit.doc_id, empty).overlaps(hit.start, hit.end):
            yield hit


class Mention(NamedTuple):
    """One span of an entity group, where it is. A named tuple of strings and numbers: the
    garbage collector stops tracking such a tuple, so the mentions of 340,000 spans are not
    walked by each of its passes while the entity list is built (in the background; a pass
    holds the interpreter, and the window waited 140-310 ms)."""

    uuid: str
    doc_id: int
    start: int
    end: int
    annotator: str


@dataclass(frozen=True)
class EntityGroup:
    """Every mention with one label and one folded text."""

    label: str
    key: str
    """the folded text shared by the mentions"""
    text: str
    """the most frequent spelling as written"""
    mentions: tuple[Mention, ...]
    layers: Mapping[str, int]
    """mentions per layer"""

    @property
    def count(self) -> int:
        return len(self.mentions)

    @cached_property
    def documents(self) -> int:
        """How many documents the mentions are in (counted once: a sort asks it of every
        group, many times)."""
        return len({m.doc_id for m in self.mentions})

    def hits(self) -> list[Hit]:
        """The mentions as hits (for a concordance of the entity)."""
        return [Hit(m.doc_id, m.start, m.end) for m in self.mentions]


def entity_groups(spans: Iterable[Span]) -> list[EntityGroup]:
    """The live spans grouped by (label, folded text), most mentions first."""
    mentions: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    spellings: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for span in spans:
        if span.deleted:
            continue
        key = (span.label, " ".join(fold_text(span.text).split()))
        mentions[key].append(Mention(span.uuid, span.doc_id, span.start, span.end, span.annotator))
        spellings[key][span.text] += 1
    groups = [
        EntityGroup(
            label,
            folded,
            spellings[(label, folded)].most_common(1)[0][0],
            tuple(sorted(found, key=lambda m: (m.doc_id, m.start, m.uuid))),
            dict(sorted(Counter(m.annotator for m in found).items())),
        )
        for (label, folded), found in mentions.items()
    ]
    groups.sort(key=lambda g: (-g.count, g.label, g.key))
    return groups

"""Frozen records of the annotation model.

Every offset is a Python ``str`` index (a Unicode code point) into ``Document.text``, end
exclusive. The store takes and returns these records; nothing outside the store sees a row.

Annotation records (spans, events, arguments, relations, document statuses) share the fields
that merging needs: a ``uuid``, the author ``annotator`` (the layer), a hybrid-logical-clock
stamp ``clock`` and a ``deleted`` tombstone. Records are never hard-deleted.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from annotator.schema import Schema

GOLD = "gold"
"""Name of the adjudicated layer; an annotator like any other."""

JSON = dict[str, Any]


class Status(StrEnum):
    """Progress of one annotator on one document."""

    NEW = "new"
    IN_PROGRESS = "in_progress"
    DONE = "done"


_SCALARS = frozenset((str, int, float, bool, type(None)))
"""value types a JSON round trip gives back as they are"""


def freeze(mapping: Mapping[str, Any] | None) -> dict[str, Any]:
    """Copy a JSON-like mapping so records never share mutable state with callers."""
    if not mapping:
        return {}
    if type(mapping) is dict and all(
        type(k) is str and type(v) in _SCALARS for k, v in mapping.items()
    ):  # flat (the common case): the JSON round trip would give the same, keys sorted
        return dict(sorted(mapping.items()))
    return dict(json.loads(json.dumps(mapping, ensure_ascii=False, sort_keys=True)))


@dataclass(frozen=True)
class Document:
    """A text fixed at import; its identity across projects is ``sha256``."""

    id: int
    name: str
    text: str
    sha256: str
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    raw_sha256: str = ""
    created: str = ""


@dataclass(frozen=True)
class Span:
    """A labelled stretch ``text[start:end]`` of one document in one annotator's layer.

    ``fragments`` holds the pieces of a discontinuous span (brat ``;``), else it is empty;
    ``start``/``end`` then cover the first to the last fragment.
    """

    uuid: str
    doc_id: int
    annotator: str
    start: int
    end: int
    label: str
    text: str
    attributes: dict[str, Any] = field(default_factory=dict, hash=False)
    note: str = ""
    fragments: tuple[tuple[int, int], ...] = ()
    clock: str = ""
    deleted: bool = False


@dataclass(frozen=True)
class Event:
    """An event mention: a typed trigger span (``trigger`` is a span uuid)."""

    uuid: str
    doc_id: int
    annotator: str
    type: str
    trigger: str
    attributes: dict[str, Any] = field(default_factory=dict, hash=False)
    note: str = ""
    clock: str = ""
    deleted: bool = False


@dataclass(frozen=True)
class Argument:
    """A role filled in an event: ``target`` is a span uuid or another event's uuid."""

    uuid: str
    event: str
    doc_id: int
    annotator: str
    role: str
    target: str
    clock: str = ""
    deleted: bool = False


@dataclass(frozen=True)
class Relation:
    """A typed, directed link between two spans (``source`` is Arg1, ``target`` is Arg2)."""

    uuid: str
    doc_id: int
    annotator: str
    type: str
    source: str
    target: str
    attributes: dict[str, Any] = field(default_factory=dict, hash=False)
    note: str = ""
    clock: str = ""
    deleted: bool = False


@dataclass(frozen=True)
class DocStatus:
    """Status of ``doc_id`` for ``annotator``."""

    doc_id: int
    annotator: str
    status: Status
    clock: str = ""


@dataclass(frozen=True)
class Annotator:
    """A person (or ``gold``) writing one layer."""

    name: str
    display_name: str = ""


@dataclass(frozen=True)
class ChangeEntry:
    """One line of the change log: who did what to which record, with both versions."""

    id: int
    when: str
    annotator: str
    action: str
    kind: str
    uuid: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


Record = Span | Event | Argument | Relation


def record_kind(record: Record) -> str:
    """The table name of an annotation record."""
    if isinstance(record, Span):
        return "spans"
    if isinstance(record, Event):
        return "events"
    if isinstance(record, Argument):
        return "arguments"
    return "relations"


def record_to_json(record: Record) -> dict[str, Any]:
    """A JSON-ready dict of a record (tuples become lists)."""
    data = asdict(record)
    if isinstance(record, Span):
        data["fragments"] = [list(f) for f in record.fragments]
    return data


@dataclass(frozen=True)
class DocumentAnnotations:
    """Everything one layer (or several) holds on one document: the unit formats exchange."""

    document: Document
    spans: tuple[Span, ...] = ()
    events: tuple[Event, ...] = ()
    arguments: tuple[Argument, ...] = ()
    relations: tuple[Relation, ...] = ()

    def arguments_of(self, event_uuid: str) -> list[Argument]:
        """The live arguments of one event, in stored order."""
        return [a for a in self.arguments if a.event == event_uuid and not a.deleted]

    def span_by_uuid(self) -> dict[str, Span]:
        """Index of the spans by uuid."""
        return {s.uuid: s for s in self.spans}


# -- what importers produce -------------------------------------------------------------
# Importers are pure functions from files to these; the project validates and writes them in
# one transaction. ``key`` is the record's id inside the source file (brat T1, E1, a JSON id),
# used to resolve references; ``line`` is where it was read, for error messages.


@dataclass
class ImportedSpan:
    start: int
    end: int
    label: str
    key: str = ""
    attributes: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    fragments: tuple[tuple[int, int], ...] = ()
    line: int | None = None
    uuid: str = ""


@dataclass
class ImportedEvent:
    type: str
    trigger: str
    """key of the trigger span"""
    arguments: list[tuple[str, str]] = field(default_factory=list)
    """(role, key of a span or of another event)"""
    argument_uuids: list[str] = field(default_factory=list)
    """uuids to keep for the arguments, parallel to ``arguments`` (may be empty)"""
    key: str = ""
    attributes: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    line: int | None = None
    uuid: str = ""


@dataclass
class ImportedRelation:
    type: str
    source: str
    target: str
    key: str = ""
    attributes: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    line: int | None = None
    uuid: str = ""


@dataclass
class ImportedDocument:
    """One document read from a file, with the annotations that came with it."""

    text: str
    name: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    spans: list[ImportedSpan] = field(default_factory=list)
    events: list[ImportedEvent] = field(default_factory=list)
    relations: list[ImportedRelation] = field(default_factory=list)
    annotator: str = ""
    source: str = ""
    """file the document came from"""
    line: int | None = None
    """line (JSONL/CSV) or None for whole-file formats"""
    raw_sha256: str = ""
    status: str = ""
    schema: Schema | None = None
    """the label definitions the source file carries (jsonl's ``schema``, brat's
    annotation.conf): the importer adds those the project lacks"""


@dataclass
class Problem:
    """A malformed line skipped by a lenient import, or a span dropped by an export policy."""

    source: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.message}"

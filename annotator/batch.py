"""Bulk writes through a ``Project``: what an import needs to write thousands of rows at once.

``Project.batch()`` opens one write transaction and yields a ``Batch``; everything written
through it lands together or not at all, and the clock's last stamp is saved when the block
ends. Unlike the edit methods of ``Project``, a batch does not validate: the caller (the
importer, ``annotator.importing``) checks every record against ``annotator.rules`` first and
hands over rows ready to store, so they can go out with one ``executemany`` per table.

Example::

    with project.batch() as bulk:
        first = bulk.next_document_id()
        ids = bulk.add_documents(documents)
        bulk.add_annotators(["amal"])
        bulk.put([dataclasses.replace(span, clock=bulk.stamp())])
        bulk.log([("", "import", "documents", "news.jsonl", None, {"documents": shas})])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from annotator.model import DocStatus, Document, Record

if TYPE_CHECKING:
    from annotator.clock import HybridClock

LogEntry = tuple[str, str, str, str, dict[str, Any] | None, dict[str, Any] | None]
"""One change-log line: (annotator, action, kind, uuid or source, before, after)."""


@dataclass(frozen=True)
class BulkAccess:
    """The reads and writes a batch may make, each a callable ``Project.batch()`` hands over
    (the project's store stays private to ``annotator.project``; a batch never holds it)."""

    document_hashes: Callable[[], dict[str, int]]
    versions: Callable[[str, Sequence[str]], Mapping[str, Any]]
    """kind, uuids -> the stored ones among them (a mapping keyed by uuid)"""
    document_ids: Callable[[Sequence[str]], dict[str, int]]
    next_document_id: Callable[[], int]
    insert_documents: Callable[[Sequence[Document]], list[int]]
    ensure_annotators: Callable[[Iterable[str]], None]
    put_many: Callable[[Iterable[Record]], None]
    insert_new: Callable[[Iterable[Record]], None]
    set_statuses: Callable[[Iterable[DocStatus]], None]
    log_many: Callable[[Iterable[LogEntry]], None]


class Batch:
    """The writes of one bulk import, inside the transaction ``Project.batch()`` opened.

    Reads answer from the project as it is inside that transaction (nobody else writes
    meanwhile: the write lock is held)."""

    def __init__(self, access: BulkAccess, clock: HybridClock) -> None:
        self._access = access
        self._clock = clock

    # -- what the project holds ----------------------------------------------------------
    def document_hashes(self) -> dict[str, int]:
        """The sha256 of every stored document's text, with its id."""
        return self._access.document_hashes()

    def stored_uuids(self, kind: str, uuids: Sequence[str]) -> set[str]:
        """Those of ``uuids`` that a record of ``kind`` (spans, events, arguments,
        relations) already has in the project, tombstones included."""
        return set(self._access.versions(kind, uuids))

    def document_ids(self, hashes: Sequence[str]) -> dict[str, int]:
        """The stored documents among the sha256 ``hashes``, with their ids."""
        return self._access.document_ids(hashes)

    def next_document_id(self) -> int:
        """The id the first document given to ``add_documents`` will get (the next ones
        follow in order)."""
        return self._access.next_document_id()

    # -- writing -------------------------------------------------------------------------
    def stamp(self) -> str:
        """A fresh clock stamp for one record version or status (saved when the batch ends)."""
        return self._clock.tick()

    @property
    def stamper(self) -> Callable[[], str]:
        """``stamp`` itself, the clock's own method (an import takes one stamp per record)."""
        return self._clock.tick

    def add_documents(self, docs: Sequence[Document]) -> list[int]:
        """Store documents (their ``id`` is ignored); returns the ids given, in order."""
        return self._access.insert_documents(docs)

    def add_annotators(self, names: Iterable[str]) -> None:
        """Make sure each layer exists (records and statuses refer to it)."""
        self._access.ensure_annotators(names)

    def put(self, records: Iterable[Record]) -> None:
        """Store record versions (stamped by the caller with ``stamp``)."""
        self._access.put_many(records)

    def put_new(self, records: Iterable[Record]) -> None:
        """Store first versions of records whose uuids the project does not have (the caller
        looked them up with ``stored_uuids``): a plain INSERT, not an upsert; a uuid that is
        there after all fails the whole batch."""
        self._access.insert_new(records)

    def set_statuses(self, statuses: Iterable[DocStatus]) -> None:
        """Store document statuses (stamped by the caller with ``stamp``)."""
        self._access.set_statuses(statuses)

    def log(self, entries: Iterable[LogEntry]) -> None:
        """Append lines to the change log."""
        self._access.log_many(entries)

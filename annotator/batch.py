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

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from annotator.model import DocStatus, Document, Record

if TYPE_CHECKING:
    from annotator.clock import HybridClock
    from annotator.store import Store

LogEntry = tuple[str, str, str, str, dict[str, Any] | None, dict[str, Any] | None]
"""One change-log line: (annotator, action, kind, uuid or source, before, after)."""


class Batch:
    """The writes of one bulk import, inside the transaction ``Project.batch()`` opened.

    Reads answer from the project as it is inside that transaction (nobody else writes
    meanwhile: the write lock is held)."""

    def __init__(self, store: Store, clock: HybridClock) -> None:
        self._store = store
        self._clock = clock

    # -- what the project holds ----------------------------------------------------------
    def document_hashes(self) -> dict[str, int]:
        """The sha256 of every stored document's text, with its id."""
        return self._store.document_hashes()

    def stored_uuids(self, kind: str, uuids: Sequence[str]) -> set[str]:
        """Those of ``uuids`` that a record of ``kind`` (spans, events, arguments,
        relations) already has in the project, tombstones included."""
        return set(self._store.versions(kind, uuids))

    def document_ids(self, hashes: Sequence[str]) -> dict[str, int]:
        """The stored documents among the sha256 ``hashes``, with their ids."""
        return self._store.document_ids(hashes)

    def next_document_id(self) -> int:
        """The id the first document given to ``add_documents`` will get (the next ones
        follow in order)."""
        return self._store.next_document_id()

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
        return self._store.insert_documents(docs)

    def add_annotators(self, names: Iterable[str]) -> None:
        """Make sure each layer exists (records and statuses refer to it)."""
        self._store.ensure_annotators(names)

    def put(self, records: Iterable[Record]) -> None:
        """Store record versions (stamped by the caller with ``stamp``)."""
        self._store.put_many(records)

    def put_new(self, records: Iterable[Record]) -> None:
        """Store first versions of records whose uuids the project does not have (the caller
        looked them up with ``stored_uuids``): a plain INSERT, not an upsert; a uuid that is
        there after all fails the whole batch."""
        self._store.insert_new(records)

    def set_statuses(self, statuses: Iterable[DocStatus]) -> None:
        """Store document statuses (stamped by the caller with ``stamp``)."""
        self._store.set_statuses(statuses)

    def log(self, entries: Iterable[LogEntry]) -> None:
        """Append lines to the change log."""
        self._store.log_many(entries)

"""The Python API: ``Project`` opens a project file and edits it under the schema's rules.

Every public edit is one transaction, validated before it is written (offsets inside the
text, labels/roles/attributes in the schema, references to live records of the same document
and layer), stamped with the hybrid clock, logged in the change log, and returns the new
record version. Deletes are tombstones. The GUI, the CLI, the importers, exchange, review and
user scripts all go through here: the store is private to ``Project`` (``_store``), and what
bulk jobs need is a named method or a narrow object (``batch()`` for imports, ``merging()``
for merges, ``open_untrusted`` for another project file), never the store itself
(docs/adr/0006-project-is-the-only-way-in.md).

Example::

    from annotator import Project
    with Project.create("news.annotator") as p:
        doc = p.add_document("اعتقل محمد علي ببغداد.", name="example")
        per = p.add_span(doc.id, 6, 14, "PER", annotator="amal")
        gpe = p.add_span(doc.id, 16, 21, "GPE", annotator="amal")
        trg = p.add_span(doc.id, 0, 5, "Justice.Arrest-Jail", annotator="amal")
        ev = p.add_event(trg.uuid)
        p.add_argument(ev.uuid, "Person", per.uuid)
        p.add_argument(ev.uuid, "Place", gpe.uuid)
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import itertools
import json
import operator
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

from annotator.batch import Batch, BulkAccess
from annotator.clock import StampChange, repair_clock, stamp_change
from annotator.cycles import no_cycle_collection
from annotator.errors import Cancelled, Message, SchemaError, ValidationError
from annotator.model import (
    Argument,
    ChangeEntry,
    DocStatus,
    Document,
    DocumentAnnotations,
    Event,
    Record,
    Relation,
    Span,
    Status,
    freeze,
    record_kind,
    record_to_json,
)
from annotator.schema import Schema, default_schema
from annotator.store import (
    RECORD_TABLES,
    SQLITE_HEADER,
    Store,
    SuggestionBatch,
    SuggestionRow,
    batch_of,
    now_iso,
)
from annotator.store import creation_refusal as creation_refusal  # the window's sample asks it
from annotator.text import normalise, sha256_text
from annotator.uuids import new_uuid

if TYPE_CHECKING:  # imported where used: opening and reading a project needs none (issue 12)
    from annotator import rules
    from annotator.search.annotations import Coverage
    from annotator.search.matching import Hit, Query
    from annotator.search.suggestions import Suggestion, SuggestionKey

R = TypeVar("R", Span, Event, Argument, Relation)
T = TypeVar("T", Span, Event, Argument, Relation, tuple[Any, ...])
"""what ``DocumentGroups`` groups: records, or the plain rows of ``iter_outlines``"""

MODEL_KINDS = ("ner", "triggers")
"""What a stored model is for: entity mentions, or event triggers."""

SEARCH_INDEX_VERSION = "fold-2"
"""The folding the search index was built with: raise it whenever ``annotator.search.folding``
folds differently, and every project rebuilds its index on the next ``ensure_search_index``."""

RECORD_KINDS: tuple[str, ...] = RECORD_TABLES
"""The kinds of annotation record (spans, events, arguments, relations), as the API, the
change log and the importer name them."""


@dataclass(eq=False)  # identity: ``transaction`` removes its own journal from the list
class Written:
    """What one handle wrote inside a ``Project.transaction()``: every record version (in
    writing order, tombstones included), every document status, and the uuids of the records
    that did not exist before (their first version)."""

    records: list[Record] = field(default_factory=list)
    statuses: list[DocStatus] = field(default_factory=list)
    created: set[str] = field(default_factory=set)


LayerOutline = tuple[tuple[Any, ...], tuple[Any, ...], tuple[Any, ...]]
"""One layer of one document as ``Project.iter_outlines`` gives it: (spans, events,
arguments), each a tuple of plain rows."""
TextBlocks = Iterator[list[tuple[int, str, str]]]
"""documents' (id, name, text) rows in blocks (``Project.outline_blocks``)"""
RowBlocks = tuple[
    Iterator[list[tuple[Any, ...]]],
    Iterator[list[tuple[Any, ...]]],
    Iterator[list[tuple[Any, ...]]],
]
"""one layer's span, event and argument rows, each in blocks (``Project.outline_blocks``)"""
PackedBlocks = tuple[
    Iterator[list[tuple[Any, ...]]],
    Callable[[Sequence[int]], list[tuple[Any, ...]]],
    Iterator[list[tuple[Any, ...]]],
    Iterator[list[tuple[Any, ...]]],
]
"""one layer's spans packed a document a row, a reader of some documents' span rows, its
event rows and its argument rows (``Project.packed_outline_blocks``)"""
_SPAN_OUTLINE = ("uuid", "start", "end", "label")
_SPAN_PIECES = (*_SPAN_OUTLINE, "fragments")
"""what agreement reads of a span: where it lies, and the pieces of a discontinuous one"""
_EVENT_OUTLINE = ("uuid", "type", "trigger", "deleted")
_ARGUMENT_OUTLINE = ("event", "role", "target")


class LabelLinks(NamedTuple):
    """``Project.label_links``: what links to the records carrying one label."""

    spans: list[str]
    """the uuids of the live spans labelled it, in reading order"""
    arguments: list[Argument]
    relations: list[Relation]


class LabelShapes(NamedTuple):
    """``Project.label_shapes``: the distinct shapes of what links to the records carrying one
    label, and of their own attributes, no record read whole."""

    arguments: list[tuple[Any, ...]]
    """(event type, role, the filler's label when a live span, its type when a live event)"""
    relations: list[tuple[Any, ...]]
    """(type, attributes, the source's label, the target's label: None for an end missing or
    deleted, kept only for the relations of that type)"""
    span_attributes: list[tuple[dict[str, Any], int]]
    """the distinct attributes of the live spans labelled it, each with how many carry them"""
    event_attributes: list[tuple[dict[str, Any], int]]
    """the same, of the live events of that type"""
    relation_attributes: Sequence[tuple[dict[str, Any], int]] = ()
    """the same, of the live relations of that type"""
    triggerless_events: int = 0
    """how many live events of that type have their trigger span missing or deleted"""


class Labelled(NamedTuple):
    """``Project.labelled``: the uuids of the live records carrying one label."""

    spans: list[str]
    """in reading order"""
    events: list[str]
    relations: list[str]


class Project:
    """An open project file. Use as a context manager, or call ``close()``.

    Its store (``_store``) is private: no module but this one reaches it (a test checks)."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.path = store.path
        self._schema = self._stored_schema()
        mending = None if store.read_only else functools.partial(_mending, store)
        self.clock = repair_clock(store.setting("hlc"), mending)  # a poisoned clock: mended
        self._documents: dict[int, Document] = {}
        self._journals: list[Written] = []  # open transaction() blocks, outermost first

    # -- lifecycle -----------------------------------------------------------------------
    @classmethod
    def create(cls, path: str | Path, schema: Schema | None = None) -> Project:
        """Create a new project file (refuses to overwrite) with ``schema`` or the ACE default."""
        sch = schema if schema is not None else default_schema()
        problems = sch.problems()
        if problems:  # refused before the file exists
            raise SchemaError(Message("schema: {problem}", problem=problems[0]))
        store = Store.create(Path(path), {"site": new_uuid(), "created": now_iso()})
        project = cls(store)
        with store.write():
            project._set_schema(sch)
        return project

    @classmethod
    def open(
        cls,
        path: str | Path,
        read_only: bool = False,
        *,
        background_check: bool = False,
        checked: Callable[[BaseException | None], None] | None = None,
        checked_as: dict[str, int] | None = None,
    ) -> Project:
        """Open an existing project; a corrupt, foreign or newer file raises ProjectFileError.

        ``background_check`` (for writing; the window's open): a file that needs its thorough
        check (one this app did not close cleanly) opens for reading at once while the check
        runs in a worker thread; ``checking`` is true until ``finish_check`` has made the
        project writable. Every write waits for the check and raises its error when it failed
        (the project is closed then): a damaged file is never written. ``checked(error)`` is
        called in the worker thread when the check ends (None: passed). Without it (the CLI,
        scripts) the check runs before ``open`` returns, as always. A read-only open with
        ``background_check`` runs its quick_check so too: use what it read only once
        ``finish_check`` has returned.

        ``checked_as`` (read-only): another read-only handle's ``checked_state()``, for a
        helper reading the file for it (agreement's worker processes): the file, still in that
        state, is not checked again (see ``Store.open``)."""
        store = Store.open(
            Path(path),
            read_only=read_only,
            background_check=background_check,
            checked=checked,
            checked_as=checked_as,
        )
        try:
            return cls(store)
        except BaseException:
            store.close()
            raise

    @property
    def checking(self) -> bool:
        """Whether the thorough check of a project opened with ``background_check`` has not
        made it writable yet (it can be read; a write waits for the check)."""
        return self._store.checking

    @property
    def check_ended(self) -> bool:
        """Whether ``finish_check`` would return (or raise) without waiting."""
        return self._store.check_ended

    def finish_check(self) -> None:
        """Wait for the background check and make the project writable; when the file failed
        it, the project is closed and ProjectFileError (naming the file) raised."""
        self._store.finish_check()

    def checked_state(self) -> dict[str, int] | None:
        """The file's state as this read-only handle checked it (or is checking it), for
        ``open(..., checked_as=...)``; None when there is none to give (``Store``)."""
        return self._store.checked_state()

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- transactions --------------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[Written]:
        """One write transaction around several edits (nested blocks join the outer one):
        all of them are written, or none. Yields a ``Written`` that collects every record
        version and status this handle writes inside the block, so callers (the edit
        commands, and through them the GUI) know what changed without reading it back."""
        journal = Written()
        self._journals.append(journal)
        try:
            with self._store.write():
                yield journal
        finally:
            self._journals.remove(journal)

    @contextlib.contextmanager
    def batch(self) -> Iterator[Batch]:
        """One write transaction for a bulk import, yielding a ``Batch`` (see
        ``annotator.batch``): known documents and uuids, document ids, clock stamps, and
        bulk writes of documents, records, statuses and change-log lines, without the
        per-edit checks (the importer applies ``annotator.rules`` itself). All of it is
        written, or none; the clock's last stamp is saved at the end. Python's cycle
        collector is paused meanwhile (``no_cycle_collection``: a bulk relabel of 50,000 spans
        spent a tenth of its time in collections walking the records it made)."""
        with no_cycle_collection(), self._store.write():
            yield Batch(_bulk_access(self._store), self.clock)
            self._store.set_setting("hlc", self.clock.last)

    def trace_sql(self, callback: Callable[[str], None] | None) -> None:
        """Call ``callback`` with every SQL statement this handle runs (None: stop).

        For tests and profiling: how many statements an action costs."""
        self._store.set_trace(callback)

    # -- schema --------------------------------------------------------------------------
    @property
    def schema(self) -> Schema:
        return self._schema

    def reload_schema(self) -> Schema:
        """Re-read the schema from the file (another connection may have changed it)."""
        self._schema = self._stored_schema()
        return self._schema

    def refresh(self) -> None:
        """Catch up with what another connection wrote (a merge or import job on a worker
        thread): the schema as stored, and a clock that never issues stamps below theirs."""
        self._schema = self._stored_schema()
        self.clock.observe(self._store.setting("hlc") or "")

    def _stored_schema(self) -> Schema:
        # read leniently: a file whose schema breaks today's rules still opens, and
        # ``check`` lists what is wrong; every schema written from now on is checked
        data = self._store.schema_json()
        if not data:
            return Schema()
        return Schema.from_json(data, source=f"{self.path} (schema)", check=False)

    def update_schema(self, change: Callable[[Schema], Schema]) -> Schema:
        """Apply ``change`` to the schema as stored NOW, inside one write transaction, so two
        handles adding labels at the same time never write each other's work away."""
        with self._store.write():
            self._schema = self._stored_schema()
            new = change(self._schema)
            if new != self._schema:
                self._set_schema(new)
        return self._schema

    def set_schema(self, schema: Schema) -> None:
        """Replace the schema. Annotations are never touched (labels no longer in the schema
        are reported by ``check``)."""
        with self._store.write():
            self._set_schema(schema)

    def _set_schema(self, schema: Schema) -> None:
        problems = schema.problems()
        if problems:
            raise SchemaError(Message("schema: {problem}", problem=problems[0]))
        self._store.set_schema_json(schema.to_json())
        self._schema = schema

    # -- documents -----------------------------------------------------------------------
    def add_document(
        self, text: str | bytes, name: str = "", meta: dict[str, Any] | None = None
    ) -> Document:
        """Add a document (text normalised once: BOM, CRLF/CR). A text already present
        (same sha256) is not added again: the existing document is returned."""
        norm = normalise(text)
        sha = sha256_text(norm.text)
        existing = self._store.document_by("sha256", sha)
        if existing is not None:
            return existing
        doc = Document(0, name or sha[:12], norm.text, sha, freeze(meta), norm.raw_sha256)
        with self._store.write():
            # asked again under the write lock: another connection (an import) may have
            # stored the same text while this one waited for the lock
            existing = self._store.document_by("sha256", sha)
            if existing is not None:
                return existing
            (doc_id,) = self._store.insert_documents([doc])
            self._store.log("", "add", "documents", sha, None, {"name": doc.name})
        return dataclasses.replace(doc, id=doc_id)

    def documents(self, with_text: bool = False) -> list[Document]:
        """All documents in import order (texts omitted unless asked, to stay light; the
        listing may leave metadata out too: ``document(id)`` reads one in full)."""
        return self._store.documents(with_text=with_text)

    def document_names(self, limit: int | None = None) -> list[tuple[int, str]]:
        """``(id, name)`` of every document (or of the first ``limit``) in import order: what
        a list of the documents needs, without reading the rest of each one (``documents()``
        makes a ``Document`` per row: 0.6 s at 100,000 documents against 0.2 s)."""
        return self._store.document_names(-1 if limit is None else max(limit, 0))

    def document(self, doc_id: int) -> Document:
        # Documents never change once imported (and are never deleted), so the few recently
        # used ones are kept: every span edit validates against the text, and re-reading a
        # 1 MB text per keystroke was a third of the edit's time.
        doc = self._documents.get(doc_id)
        if doc is None:
            doc = self._store.document(doc_id)
            if doc is None:
                raise ValidationError(f"no document with id {doc_id}")
            if len(self._documents) >= 16:
                self._documents.pop(next(iter(self._documents)))
            self._documents[doc_id] = doc
        return doc

    def document_by_name(self, name: str) -> Document | None:
        """The document named ``name`` (None: no such document). Names need not be unique
        (two imports may give the same one): a name two documents share is a
        ``ValidationError`` naming their ids, never the first of them."""
        doc = self._store.document_by("name", name)
        if doc is None:
            return None
        ids = [d.id for d in self._store.documents(with_text=False) if d.name == name]
        if len(ids) > 1:
            shown = ", ".join(map(str, ids[:10])) + (" ..." if len(ids) > 10 else "")
            raise ValidationError(
                f"{len(ids)} documents are named {name!r} (ids {shown}): the name does not "
                "tell which one; give them distinct names (a CSV import: --name-column)"
            )
        return doc

    def document_by_sha(self, sha256: str) -> Document | None:
        return self._store.document_by("sha256", sha256)

    # -- annotators and status -----------------------------------------------------------
    def annotators(self) -> list[str]:
        return [name for name, _ in self._store.annotators()]

    def add_annotator(self, name: str, display_name: str = "") -> None:
        _check_name(name)
        with self._store.write():
            self._store.ensure_annotator(name, display_name)

    def status(self, doc_id: int, annotator: str) -> Status:
        st = self._store.status(doc_id, annotator)  # by key, not a read of the whole layer
        return Status.NEW if st is None else st.status

    def statuses(self, annotator: str) -> dict[int, Status]:
        return self._store.status_map(annotator)

    def unfinished(self, annotator: str, ids: Iterable[int] | None = None) -> set[int]:
        """The documents (of ``ids``; default every one) ``annotator`` has not marked done:
        the ones the window's next unfinished document (F8, Ctrl+Return, in list order or
        least confident first) may open."""
        statuses = self.statuses(annotator)
        chosen = ids if ids is not None else (d.id for d in self.documents())
        return {i for i in chosen if statuses.get(i, Status.NEW) != Status.DONE}

    def set_status(self, doc_id: int, annotator: str, status: Status | str) -> DocStatus:
        self.document(doc_id)
        _check_name(annotator)
        st = DocStatus(doc_id, annotator, Status(status), "")
        with self._store.write():
            self._store.ensure_annotator(annotator)
            st = dataclasses.replace(st, clock=self._tick())
            self._store.set_status(st)
            for journal in self._journals:
                journal.statuses.append(st)
            self._store.log(
                annotator, "status", "doc_status", str(doc_id), None, {"status": st.status.value}
            )
        return st

    # -- spans ---------------------------------------------------------------------------
    def add_span(
        self,
        doc_id: int,
        start: int,
        end: int,
        label: str,
        annotator: str,
        attributes: dict[str, Any] | None = None,
        note: str = "",
        fragments: Sequence[tuple[int, int]] = (),
        uuid: str | None = None,
    ) -> Span:
        """Label ``text[start:end]`` of a document in ``annotator``'s layer. A span the
        layer holds already (the same place and label, ``rules.same_span``) is refused
        (``rules.repeated_span_problem``; ``same_span`` finds the one held)."""
        from annotator import rules

        doc = self.document(doc_id)
        span = Span(
            uuid or new_uuid(),
            doc_id,
            annotator,
            start,
            end,
            label,
            "",
            freeze(attributes),
            note,
            tuple((int(a), int(b)) for a, b in fragments),
        )
        span = self._checked_span(doc, span)
        held = self.same_span(span)
        _raise(rules.repeated_span_problem(span, (held,) if held is not None else ()))
        return self._write("add", span)

    def same_span(self, span: Span) -> Span | None:
        """The live span of ``span``'s document layer that ``span`` repeats (the same place
        and label, ``rules.same_span``; not ``span`` itself), or None."""
        from annotator import rules

        key = rules.same_span(span)
        # the layer's spans at this very place with this label (the only ones it may repeat)
        here = self._store.spans.at(span.doc_id, span.annotator, span.start, span.end, span.label)
        return next((s for s in here if s.uuid != span.uuid and rules.same_span(s) == key), None)

    def update_span(
        self,
        uuid: str,
        *,
        start: int | None = None,
        end: int | None = None,
        label: str | None = None,
        attributes: dict[str, Any] | None = None,
        note: str | None = None,
    ) -> Span:
        """Move, relabel, re-attribute or annotate a live span; returns the new version. A move
        or relabel onto a place and label the layer holds already is refused, as ``add_span``
        refuses a repeat (a repeat written before that rule stays editable in place)."""
        from annotator import rules

        old = self.span(uuid)
        new = dataclasses.replace(
            old,
            start=old.start if start is None else start,
            end=old.end if end is None else end,
            label=old.label if label is None else label,
            attributes=old.attributes if attributes is None else freeze(attributes),
            note=old.note if note is None else note,
            fragments=old.fragments if start is None and end is None else (),
        )
        if rules.same_span(new) != rules.same_span(old):
            held = self.same_span(new)  # (its text is the text at the new place)
            moved = new if held is None else dataclasses.replace(new, text=held.text)
            _raise(rules.repeated_span_problem(moved, (held,) if held is not None else ()))
        if old.attributes and new.attributes:  # an older version's event attributes on it
            return self._lifted_trigger(new, old)
        new = self._checked_span(self.document(old.doc_id), new)
        return self._write("update", new, old)

    def _lifted_trigger(self, new: Span, old: Span) -> Span:
        """Write ``new``, a version of the trigger span ``old``, moving the event attributes
        ``old`` already held (what versions before they lived on the event only stored:
        ``rules.misplaced_attribute``) onto the live events it triggers, the event's value
        winning (``rules.lift_event_attributes``), each write logged, in one transaction. So
        such a span stays editable (note, label, offsets) and the change log carries the repair
        to merges and the hub. Kept on the span, never refused, when no event takes them;
        one the caller newly sets there is refused as always."""
        from annotator import rules

        had = rules.event_attributes_on_trigger(self._schema, new.label, new.attributes)
        legacy = {k: v for k, v in had.items() if k in old.attributes and old.attributes[k] == v}
        rest = {k: v for k, v in new.attributes.items() if k not in legacy}
        checked = self._checked_span(
            self.document(old.doc_id), dataclasses.replace(new, attributes=freeze(rest))
        )
        if not legacy:
            return self._write("update", checked, old)
        events = [
            e for e in self._store.events.where(new.doc_id, new.annotator) if e.trigger == new.uuid
        ]
        moved: set[str] = set()
        with self._store.write():
            for ev in events:
                lift = rules.lift_event_attributes(
                    self._schema, new.label, legacy, ev.type, ev.attributes
                )
                moved.update(lift.moved)
                if lift.event != ev.attributes:
                    self._write(
                        "update", dataclasses.replace(ev, attributes=freeze(lift.event)), ev
                    )
            if not moved and new is old:  # a repair with nothing to move: no new version
                return old
            kept = {k: v for k, v in new.attributes.items() if k not in moved}
            return self._write("update", dataclasses.replace(checked, attributes=freeze(kept)), old)

    def lift_event_attributes(self, uuids: Iterable[str]) -> int:
        """Move the event attributes that the live trigger spans ``uuids`` hold onto their
        events (``_lifted_trigger``: logged, the event's value winning); returns how many were
        taken off spans. A merge calls it for the spans it took in (a bundle or hub row of an
        older version)."""
        from annotator import rules

        n = 0
        with self._store.write():
            for uuid in uuids:
                old = self._store.spans.get(uuid)
                if old is None or old.deleted:
                    continue
                if not rules.event_attributes_on_trigger(self._schema, old.label, old.attributes):
                    continue
                try:
                    new = self._lifted_trigger(old, old)
                except (ValidationError, SchemaError):  # judged and kept by the merge as it is
                    continue
                n += len(old.attributes) - len(new.attributes)
        return n

    def delete_span(self, uuid: str) -> Span:
        """Tombstone a span. Events and relations pointing at it are left for ``check`` to
        report (the GUI asks the user what to do with them first)."""
        old = self.span(uuid)
        return self._write("delete", dataclasses.replace(old, deleted=True), old)

    def span(self, uuid: str) -> Span:
        rec = self._store.spans.get(uuid)
        if rec is None or rec.deleted:
            raise ValidationError(f"no span {uuid}")
        return rec

    def spans(
        self,
        doc_id: int | None = None,
        annotator: str | None = None,
        label: str | None = None,
        include_deleted: bool = False,
        *,
        start_before: int | None = None,
    ) -> list[Span]:
        """Spans in reading order (document, start, end), filtered as asked; ``start_before``
        keeps those starting before that offset (the GUI shows the first screen of a big
        document before reading the rest)."""
        return self._store.spans.where(
            doc_id, annotator, label=label, include_deleted=include_deleted,
            start_before=start_before,
        )  # fmt: skip

    def span_count(self, doc_id: int | None = None, annotator: str | None = None) -> int:
        """How many live spans a document (or the project) has, in one layer or all."""
        return self._store.count("spans", doc_id, annotator)

    def holds_spans(self, annotator: str) -> bool:
        """Whether ``annotator``'s layer holds a live span (cheap on a layer of any size)."""
        return self._store.holds_spans(annotator)

    def span_counts(self, annotator: str | None = None) -> dict[int, int]:
        """Live spans per document id, in one layer or all (documents without any absent)."""
        return self._store.span_counts(annotator)

    def record_counts(self, kind: str, annotator: str | None = None) -> dict[int, int]:
        """Live records of ``kind`` (one of ``RECORD_KINDS``) per document id, in one layer or
        all (documents without any absent)."""
        return self._store.doc_counts(kind, annotator)

    def label_counts(self) -> dict[str, int]:
        """Live spans per label, every layer (labels no longer in the schema included)."""
        return self._store.label_counts()

    def integrity(self) -> list[str]:
        """Problems the project file's own checks find (empty when sound)."""
        return self._store.integrity()

    def iter_documents(self) -> Iterator[Document]:
        """Every document with its text, streamed in id order (for exports)."""
        return self._store.iter_documents()

    def text_blocks(
        self, rows: int = 256, docs: tuple[int, int] | None = None, ids: Sequence[int] = ()
    ) -> TextBlocks:
        """Every document's ``(id, name, text)`` in id order, in blocks of up to ``rows``, no
        metadata read (``annotator search``); ``docs``: only the ids from ``docs[0]`` up to,
        not including, ``docs[1]``; ``ids`` (ascending): only those documents."""
        if ids:
            return self._store.text_blocks_of(ids, rows)
        return self._store.text_blocks(rows, docs)

    def iter_records(self, kind: str, annotator: str | None = None) -> Iterator[Record]:
        """Live records of ``kind`` (one of ``RECORD_KINDS``) of one layer (or all), streamed
        in document order (spans in reading order, the others by creation): one query each."""
        return self._store.table(kind).stream(annotator)

    def _checked_span(self, doc: Document, span: Span) -> Span:
        from annotator import rules

        if _int_pair(span.start, span.end) and 0 <= span.start < span.end <= len(doc.text):
            span = dataclasses.replace(span, text=doc.text[span.start : span.end])
        _raise(rules.span_problem(self._schema, doc.text, span, doc.name))
        return span

    # -- events and arguments ------------------------------------------------------------
    def add_event(
        self,
        trigger: str,
        type: str | None = None,
        attributes: dict[str, Any] | None = None,
        note: str = "",
        uuid: str | None = None,
    ) -> Event:
        """An event on trigger span ``trigger`` (type defaults to the trigger's label)."""
        span = self.span(trigger)
        ev = Event(
            uuid or new_uuid(),
            span.doc_id,
            span.annotator,
            type or span.label,
            trigger,
            freeze(attributes),
            note,
        )
        self._check_event(ev)
        return self._write("add", ev)

    def update_event(
        self,
        uuid: str,
        *,
        type: str | None = None,
        trigger: str | None = None,
        attributes: dict[str, Any] | None = None,
        note: str | None = None,
    ) -> Event:
        old = self.event(uuid)
        new = dataclasses.replace(
            old,
            type=old.type if type is None else type,
            trigger=old.trigger if trigger is None else trigger,
            attributes=old.attributes if attributes is None else freeze(attributes),
            note=old.note if note is None else note,
        )
        self._check_event(new, old)
        return self._write("update", new, old)

    def delete_event(self, uuid: str) -> Event:
        """Tombstone an event and its arguments (one transaction)."""
        old = self.event(uuid)
        with self._store.write():
            for arg in self.arguments(uuid):
                self._write("delete", dataclasses.replace(arg, deleted=True), arg)
            return self._write("delete", dataclasses.replace(old, deleted=True), old)

    def event(self, uuid: str) -> Event:
        rec = self._store.events.get(uuid)
        if rec is None or rec.deleted:
            raise ValidationError(f"no event {uuid}")
        return rec

    def events(
        self, doc_id: int | None = None, annotator: str | None = None, type: str | None = None
    ) -> list[Event]:
        return self._store.events.where(doc_id, annotator, label=type)

    def _check_event(self, ev: Event, old: Event | None = None) -> None:
        """Judge ``ev`` (``rules.event_problem``) before it is written; ``old``: the version an
        update replaces. An edit is refused only for a violation it introduces: an event whose
        trigger span was already labelled otherwise than its type (written before that rule,
        ``rules.trigger_label_problem``; listed by ``check``, left out by the exports) and
        keeps that trigger stays editable (its type renamed with the schema, its note or
        attributes changed), every other rule still judged. A refusal for the trigger's label
        names the document and the trigger's text (``trigger_label_problem``)."""
        from annotator import rules

        found = self._live("spans", ev.trigger)
        trigger = found if isinstance(found, Span) else None
        judged = trigger
        if (
            trigger is not None
            and old is not None
            and old.trigger == ev.trigger
            and rules.trigger_label_problem(old, trigger) is not None
        ):  # broken before this edit: judged as if its trigger carried the type
            judged = dataclasses.replace(trigger, label=ev.type)
        problem = rules.event_problem(self._schema, ev, judged)
        if problem is not None and trigger is not None and problem.kind == "trigger-label":
            problem = self.trigger_label_problem(ev, trigger)
        _raise(problem)

    def trigger_label_problem(self, event: Event, trigger: Span) -> rules.Violation | None:
        """``rules.trigger_label_problem`` of ``event`` on its ``trigger`` span, the message
        naming the event's document and the trigger's text (where a refusal is shown, in the
        API, the review's accept and the window, nothing else says which event it is)."""
        from annotator import rules

        problem = rules.trigger_label_problem(event, trigger)
        if problem is None:
            return None
        return rules.Violation(
            problem.kind,
            Message(
                "{problem} (document {document}, trigger “{text}”)",
                problem=problem.message,
                document=self.document(event.doc_id).name,
                text=trigger.text,
            ),
        )

    def add_argument(self, event: str, role: str, target: str, uuid: str | None = None) -> Argument:
        """Fill ``role`` of an event with a span (or another event) of the same layer.

        The role must exist for the event type and accept the target's label; cardinality is
        not enforced here (validation reports it, it never blocks saving)."""
        ev = self.event(event)
        arg = Argument(uuid or new_uuid(), event, ev.doc_id, ev.annotator, role, target)
        self._check_argument(ev, arg)
        return self._write("add", arg)

    def update_argument(
        self, uuid: str, *, role: str | None = None, target: str | None = None
    ) -> Argument:
        old = self.argument(uuid)
        new = dataclasses.replace(
            old,
            role=old.role if role is None else role,
            target=old.target if target is None else target,
        )
        self._check_argument(self.event(old.event), new)
        return self._write("update", new, old)

    def delete_argument(self, uuid: str) -> Argument:
        old = self.argument(uuid)
        return self._write("delete", dataclasses.replace(old, deleted=True), old)

    def argument(self, uuid: str) -> Argument:
        rec = self._store.arguments.get(uuid)
        if rec is None or rec.deleted:
            raise ValidationError(f"no argument {uuid}")
        return rec

    def arguments(self, event: str) -> list[Argument]:
        """The live arguments of an event (through the store's event index: this read every
        argument of the project, 0.45 s at 50,000, and one DeleteEvent took up to 2.9 s)."""
        return self._store.arguments.of_event(event)

    def _check_argument(self, ev: Event, arg: Argument) -> None:
        from annotator import rules

        target = self._live("spans", arg.target) or self._live("events", arg.target)
        assert target is None or isinstance(target, Span | Event)
        _raise(rules.argument_problem(self._schema, ev, arg, target))
        _raise(rules.repeated_argument_problem(ev, arg, self.arguments(ev.uuid)))

    # -- relations -----------------------------------------------------------------------
    def add_relation(
        self,
        type: str,
        source: str,
        target: str,
        attributes: dict[str, Any] | None = None,
        note: str = "",
        uuid: str | None = None,
    ) -> Relation:
        """A relation of ``type`` from span ``source`` (Arg1) to span ``target`` (Arg2)."""
        src = self.span(source)
        rel = Relation(
            uuid or new_uuid(),
            src.doc_id,
            src.annotator,
            type,
            source,
            target,
            freeze(attributes),
            note,
        )
        self._check_relation(rel)
        return self._write("add", rel)

    def update_relation(
        self,
        uuid: str,
        *,
        type: str | None = None,
        attributes: dict[str, Any] | None = None,
        note: str | None = None,
    ) -> Relation:
        old = self.relation(uuid)
        new = dataclasses.replace(
            old,
            type=old.type if type is None else type,
            attributes=old.attributes if attributes is None else freeze(attributes),
            note=old.note if note is None else note,
        )
        self._check_relation(new)
        return self._write("update", new, old)

    def delete_relation(self, uuid: str) -> Relation:
        old = self.relation(uuid)
        return self._write("delete", dataclasses.replace(old, deleted=True), old)

    def relation(self, uuid: str) -> Relation:
        rec = self._store.relations.get(uuid)
        if rec is None or rec.deleted:
            raise ValidationError(f"no relation {uuid}")
        return rec

    def relations(self, doc_id: int | None = None, annotator: str | None = None) -> list[Relation]:
        return self._store.relations.where(doc_id, annotator)

    def label_links(self, label: str) -> LabelLinks:
        """The uuids of the live spans labelled ``label`` and the live arguments and relations
        (every document and layer) linked to a live record carrying ``label``: arguments of
        events of type ``label`` or filled by such spans or events, relations of type
        ``label`` or linking such a span. What relabelling every record of a label judges,
        read without reading every span (a query each, through the store's label index)."""
        return LabelLinks(
            self._store.spans.uuids_labelled(label),
            self._store.arguments.linked_to_label(label),
            self._store.relations.linked_to_label(label),
        )

    def label_shapes(self, label: str) -> LabelShapes:
        """The distinct shapes of the live links ``label_links`` gives, with their ends'
        labels (arguments with an end missing or deleted left out, and relations of another
        type so; a relation of type ``label`` so kept, its end's label None), and of the
        attributes of the live spans labelled ``label`` and events and relations of that
        type, and how many of its events have lost their trigger span: what decides whether
        relabelling every record of a label can break anything, a few rows read through the
        store's indexes, no record decoded (``Store``'s ``link_shapes``, ``attribute_sets``,
        ``triggerless``)."""
        store = self._store
        return LabelShapes(
            store.arguments.link_shapes(label),
            store.relations.link_shapes(label),
            store.spans.attribute_sets(label),
            store.events.attribute_sets(label),
            store.relations.attribute_sets(label),
            store.events.triggerless(label),
        )

    def labelled(self, label: str) -> Labelled:
        """The uuids of the live spans labelled ``label`` (reading order), the live events and
        relations of type ``label``: nothing else of them read."""
        store = self._store
        return Labelled(
            store.spans.uuids_labelled(label),
            store.events.uuids_labelled(label),
            store.relations.uuids_labelled(label),
        )

    def spans_by_uuid(self, uuids: Sequence[str]) -> list[Span]:
        """The live spans among ``uuids`` (those gone or of another kind left out), a query
        per 5,000 through the store's uuid index, not one read each."""
        return [s for s in self._store.spans.by_uuid(uuids) if not s.deleted]

    def record_stamps(self, kind: str, uuids: Sequence[str]) -> dict[str, tuple[str, bool]]:
        """``uuid -> (clock, deleted)`` of the stored version of each of ``uuids`` of ``kind``
        (spans, events, arguments, relations) that exists, tombstones too, a query per 5,000
        and no record decoded: what an undo's check (``commands.edits.unchanged``) compares
        first."""
        return self._store.clocks(kind, uuids)

    def events_by_uuid(self, uuids: Sequence[str]) -> list[Event]:
        """The live events among ``uuids``, as ``spans_by_uuid``."""
        return [e for e in self._store.events.by_uuid(uuids) if not e.deleted]

    def _check_relation(self, rel: Relation) -> None:
        from annotator import rules

        src, dst = self._live("spans", rel.source), self._live("spans", rel.target)
        _raise(
            rules.relation_problem(
                self._schema,
                rel,
                src if isinstance(src, Span) else None,
                dst if isinstance(dst, Span) else None,
            )
        )

    def _live(self, kind: str, uuid: str) -> Record | None:
        rec = self._store.table(kind).get(uuid) if isinstance(uuid, str) else None
        return None if rec is None or rec.deleted else rec

    # -- whole layers --------------------------------------------------------------------
    def layer(
        self, doc_id: int, annotator: str | None = None, *, lazy: bool = False
    ) -> DocumentAnnotations:
        """A document with the live annotations of one layer (or of all layers). ``lazy``
        (one layer): its spans are ``LazyRecords``, each made from its row when first read
        (the window reads 20,000 and shows most through a few fields)."""
        doc = self.document(doc_id)
        store = self._store
        spans: Sequence[Span]
        if lazy and annotator is not None:
            spans = store.spans.of_layer_lazily(doc_id, annotator)
        else:
            spans = tuple(store.spans.of_document(doc_id, annotator))
        return DocumentAnnotations(
            doc,
            spans,
            tuple(store.events.of_document(doc_id, annotator)),
            tuple(store.arguments.of_document(doc_id, annotator)),
            tuple(store.relations.of_document(doc_id, annotator)),
        )

    def iter_layers(self, annotators: Sequence[str]) -> Iterator[dict[str, DocumentAnnotations]]:
        """Per document, in id order: the live annotations of each of ``annotators`` that has
        a live record there (documents where none has are skipped). One streamed query per
        record kind and layer, and one document (with its text) in memory at a time, so a
        whole-project measure (agreement) stays within the size of the largest document."""
        store = self._store
        layers = [
            (
                name,
                DocumentGroups(store.spans.stream(name)),
                DocumentGroups(store.events.stream(name)),
                DocumentGroups(store.arguments.stream(name)),
                DocumentGroups(store.relations.stream(name)),
            )
            for name in dict.fromkeys(annotators)
        ]
        for doc in self.iter_documents():
            out: dict[str, DocumentAnnotations] = {}
            for name, spans, events, arguments, relations in layers:
                parts = (spans.take(doc.id), events.take(doc.id), arguments.take(doc.id),
                         relations.take(doc.id))  # fmt: skip
                if any(parts):
                    out[name] = DocumentAnnotations(doc, *parts)
            if out:
                yield out

    def layer_records(self, keys: Iterable[tuple[int, str]]) -> dict[tuple[int, str], list[Record]]:
        """The live records of several document layers, ``(doc_id, annotator)`` each: per
        layer, its spans, events, arguments and relations in the order ``layer`` gives them.
        Four queries per annotator (and per chunk of 5,000 documents), whatever the number
        of documents: an import adding to stored documents reads their layers so."""
        wanted: dict[str, list[int]] = {}
        for doc_id, annotator in keys:
            wanted.setdefault(annotator, []).append(doc_id)
        out: dict[tuple[int, str], list[Record]] = {
            (doc_id, annotator): [] for annotator, ids in wanted.items() for doc_id in ids
        }
        store = self._store
        for annotator, ids in wanted.items():
            for table in (store.spans, store.events, store.arguments, store.relations):
                for rec in table.of_documents(ids, annotator):
                    out[rec.doc_id, annotator].append(rec)
        return out

    def iter_outlines(
        self, annotators: Sequence[str]
    ) -> Iterator[tuple[Document, dict[str, LayerOutline]]]:
        """``iter_layers`` for a reader that needs only where the spans and events are
        (agreement): per document, in id order, each of ``annotators`` with a live span or
        event there, as plain rows: spans ``(doc_id, uuid, start, end, label)``, events
        ``(doc_id, uuid, type, trigger, deleted)``, arguments ``(doc_id, event, role,
        target)``, live ones, in the order of ``iter_layers``. No record is built: one
        streamed query per kind and layer reads those columns only."""
        store = self._store
        key = operator.itemgetter(0)
        layers = [
            (
                name,
                DocumentGroups(store.spans.stream_fields(name, _SPAN_OUTLINE), key),
                DocumentGroups(store.events.stream_fields(name, _EVENT_OUTLINE), key),
                DocumentGroups(store.arguments.stream_fields(name, _ARGUMENT_OUTLINE), key),
            )
            for name in dict.fromkeys(annotators)
        ]
        for doc in self.iter_documents():
            out: dict[str, LayerOutline] = {}
            for name, spans, events, arguments in layers:
                here = (spans.take(doc.id), events.take(doc.id), arguments.take(doc.id))
                if here[0] or here[1]:
                    out[name] = here
            if out:
                yield doc, out

    def outline_blocks(
        self,
        annotators: Sequence[str],
        rows: int = 4096,
        texts: int = 64,
        docs: tuple[int, int] | None = None,
    ) -> tuple[TextBlocks, dict[str, RowBlocks]]:
        """What ``iter_outlines`` reads, not grouped by document (agreement groups whole
        blocks at once): every document's ``(id, name, text)`` in id order, and per layer its
        live spans (with a sixth field, the fragments as stored: JSON text), events and
        arguments as the same plain rows, in document order (in no
        order within a document). Each is a stream of row blocks, one query per table and
        layer, blocks of up to ``rows`` rows (``texts`` documents). ``docs``: only the
        documents whose id is from ``docs[0]`` up to, not including, ``docs[1]``."""
        store = self._store
        layers = {
            name: (
                store.spans.field_blocks(name, _SPAN_PIECES, rows, docs),
                store.events.field_blocks(name, _EVENT_OUTLINE, rows, docs),
                store.arguments.field_blocks(name, _ARGUMENT_OUTLINE, rows, docs),
            )
            for name in dict.fromkeys(annotators)
        }
        return store.text_blocks(texts, docs), layers

    def packed_outline_blocks(
        self,
        annotators: Sequence[str],
        rows: int = 4096,
        texts: int = 64,
        docs: tuple[int, int] | None = None,
    ) -> tuple[list[str], TextBlocks, dict[str, PackedBlocks]] | None:
        """What ``outline_blocks`` reads, in fewer Python objects (agreement over millions of
        spans): the label names of the codes; the documents' rows as there; per layer its
        spans a document a row (``Store`` ``packed_span_blocks``, blocks of ``rows // 256``
        documents), a reader of the plain span rows of given documents (``odd_spans``), and
        its events and arguments as ``outline_blocks`` gives them. None for a file without
        the index of labels this reads through, or with more than 255 labels: then
        ``outline_blocks`` reads it."""
        store = self._store
        labels = store.span_labels(255)
        if labels is None:
            return None
        spans = store.spans

        def odd(name: str) -> Callable[[Sequence[int]], list[tuple[Any, ...]]]:
            return lambda ids: spans.odd_spans(name, ids)

        layers = {
            name: (
                spans.packed_span_blocks(name, labels, max(rows // 256, 1), docs),
                odd(name),
                store.events.field_blocks(name, _EVENT_OUTLINE, rows, docs),
                store.arguments.field_blocks(name, _ARGUMENT_OUTLINE, rows, docs),
            )
            for name in dict.fromkeys(annotators)
        }
        return labels, store.text_blocks(texts, docs), layers

    def document_count(self) -> int:
        """How many documents the project has."""
        return self._store.document_count()

    def document_span(self) -> tuple[int, int]:
        """(how many documents, the greatest document id; 0 when there are none)."""
        return self._store.document_span()

    def restore(self, record: R, annotator_action: str = "restore") -> R:
        """Write an earlier version of a record back (undo), with a fresh clock stamp.

        Content is restored exactly; the stamp moves forward so merges see the undo as the
        newest version."""
        old = self._store.table(record_kind(record)).get(record.uuid)
        return self._write(annotator_action, record, old)

    def changes(self, uuid: str | None = None, limit: int = 1000) -> list[ChangeEntry]:
        return self._store.changes(uuid, limit)

    # -- exchange, review and maintenance -------------------------------------------------
    @property
    def read_only(self) -> bool:
        """Whether the project was opened read-only (every write raises ProjectFileError)."""
        return self._store.read_only

    def find(self, uuid: str, kind: str | None = None) -> Record | None:
        """The live record with ``uuid`` (of ``kind``, or of any kind), or None."""
        for k in (kind,) if kind is not None else RECORD_KINDS:
            rec = self._live(k, uuid)
            if rec is not None:
                return rec
        return None

    def versions(self, kind: str, annotator: str | None = None) -> list[Record]:
        """The stored version of every record of ``kind`` (one of ``RECORD_KINDS``) of one
        layer or all, tombstones included: what a bundle carries and a merge compares."""
        return self._store.table(kind).where(annotator=annotator, include_deleted=True)

    def record_count(
        self, kind: str, doc_id: int | None = None, annotator: str | None = None
    ) -> int:
        """How many live records of ``kind`` a document (or the project) has, in one layer
        or all."""
        return self._store.count(kind, doc_id, annotator)

    def doc_statuses(self, annotator: str | None = None) -> list[DocStatus]:
        """The stored document statuses (of one layer or all) with their clock stamps, by
        document and annotator."""
        return self._store.statuses(annotator)

    def document_hashes(self) -> dict[str, int]:
        """The sha256 of every document's text, with its id."""
        return self._store.document_hashes()

    def quarantined(self) -> list[dict[str, Any]]:
        """What merges set aside (``annotator.exchange.merge``), oldest first: ``at``,
        ``source``, ``doc_sha256``, ``kind``, ``uuid``, ``record`` (its JSON) and ``reason``."""
        return self._store.quarantined()

    def log_origin(self, copy: Record, source: Record, action: str = "accept") -> None:
        """Note in the change log that ``copy`` was made from ``source`` (adjudication keeps
        where each gold record came from: ``source`` is logged as the "before")."""
        with self._store.write():
            self._store.log(copy.annotator, action, record_kind(copy), copy.uuid,
                           record_to_json(source), record_to_json(copy))  # fmt: skip

    @contextlib.contextmanager
    def merging(self) -> Iterator[MergeSession]:
        """One write transaction for a merge (``annotator.exchange.merge``), with a large page
        cache, yielding a ``MergeSession``: the bulk reads and writes a merge needs and
        nothing else. All of it is written, or none."""
        with self._store.large_cache(), self._store.write():
            yield MergeSession(self)

    # -- suggestions (issues 13, 14; docs/design/search.md, "Suggestions: storage") ---------
    # Proposed spans that are not annotations: stored apart from every layer, never read by
    # exports, agreement, review, bundles or merges. Accepting one writes an ordinary span.
    def add_suggestions(
        self, items: Iterable[Suggestion], batch: SuggestionBatch | None = None
    ) -> int:
        """Store suggestions as pending. Skipped: one overlapping a live span of any layer or
        a pending suggestion (stored, or given earlier in ``items``), so suggestions never
        overlap annotations or each other; one with a stored key (pending, or a remembered
        rejection); and one a rejection of the same source family remembers (its document,
        offsets and label, rejected from any version of that source: ``source_family``).
        Returns how many were stored. Offsets are checked against the document text (a
        ValidationError names the first bad one). Left out too: one whose label the schema
        does not have (``suggestable_labels``), whatever its source: it could never be
        accepted (a model trained before the schema dropped a label still predicts it; the
        callers that read a file or a list refuse such a label first, naming where).

        With ``batch`` (``new_suggestion_batch``) they are stored under the batch's uuids
        instead of their own, in their order (``batch_suggestions`` reads them back), so one
        undoable store can be withdrawn and put back whole in one write
        (``withdraw_suggestion_batch``, ``restore_suggestion_batch``)."""
        from annotator import rules
        from annotator.search.suggestions import source_family

        items = list(items)
        for s in items:
            text = self.document(s.doc_id).text
            _raise(rules.offsets_problem(text, s.start, s.end, (), ""))
            if text[s.start : s.end] != s.text:
                raise ValidationError(
                    f"suggestion {s.uuid}: its text differs from the document's text there"
                )
        known = self.suggestable_labels()
        items = [s for s in items if s.label in known]
        rows: list[SuggestionRow] = []
        with self._store.write():
            docs = sorted({s.doc_id for s in items})
            covered = self._covers(docs, pending=True)
            rejected: dict[int, set[tuple[int, int, str, str]]] = {d: set() for d in docs}
            for d, a, b, label, src in self._store.rejected_keys_of(docs):
                rejected[d].add((a, b, label, source_family(src)))
            for s in items:
                cover = covered[s.doc_id]
                family = (s.start, s.end, s.label, source_family(s.source))
                if cover.overlaps(s.start, s.end) or family in rejected[s.doc_id]:
                    continue
                cover.add(s.start, s.end)
                row = _suggestion_row(s)
                rows.append(row if batch is None else (batch.uuid(), *row[1:]))
            return self._store.add_suggestions(rows)

    def new_suggestion_batch(self) -> SuggestionBatch:
        """A new batch for one undoable store of suggestions (``add_suggestions``): its id
        is no stored suggestion's."""
        return SuggestionBatch(self._store.new_batch())

    def batch_suggestions(self, batch: str) -> list[Suggestion]:
        """The pending suggestions of a batch (its id), in the order they were stored."""
        return _suggestions(self._store.batch_suggestions(batch))

    def suggestion_batch(self, items: Sequence[Suggestion]) -> str:
        """The id of the batch ``items`` are, when they are all of one batch and all of it
        (none other stored under it: one count of a range of the uuid index), else ""."""
        batch = batch_of(items[0].uuid) if items else ""
        if not batch or any(not s.uuid.startswith(batch) for s in items):
            return ""
        unique = len({s.uuid for s in items}) == len(items)
        return batch if unique and self._store.batch_size(batch) == len(items) else ""

    def withdraw_suggestion_batch(self, batch: str) -> None:
        """Withdraw the suggestions of a batch (the undo of its store) in one write, however
        many they are: none is read again (pending or rejected) until
        ``restore_suggestion_batch``; not remembered as rejections. Their rows go later
        (``purge_withdrawn_suggestions``)."""
        with self._store.write():
            self._store.withdraw_batch(batch)

    def restore_suggestion_batch(self, batch: str, items: Sequence[Suggestion]) -> None:
        """Put back the suggestions of a withdrawn batch (the redo of its store), ``items``
        being all of them: one write when none has gone since the withdrawal, else (rows
        purged, or one stored again meanwhile) every one of ``items`` written back as
        ``restore_suggestions`` does."""
        with self._store.write():
            if not self._store.unwithdraw_batch(batch):
                self._store.restore_suggestions([_suggestion_row(s) for s in items])

    def has_withdrawn_suggestions(self) -> bool:
        """Whether rows of withdrawn batches are stored (one read of a table of a few rows):
        whether ``purge_withdrawn_suggestions`` has anything to do."""
        return bool(self._store.withdrawn_batches())

    def purge_withdrawn_suggestions(self, limit: int | None = None) -> int:
        """Delete the rows of withdrawn batches, at most ``limit`` (None: all), in one
        transaction: for when no undo stack can put them back any more (a batch whose
        rows go before its redo is written back whole by that redo). Returns how many went
        (0, without writing, when no batch is withdrawn)."""
        if self._store.read_only or not self._store.withdrawn_batches():
            return 0
        with self._store.write():
            return self._store.purge_withdrawn(limit)

    def _covers(self, doc_ids: Sequence[int], pending: bool = False) -> dict[int, Coverage]:
        """What the live spans of every layer cover in each document (and, with
        ``pending``, its pending suggestions)."""
        from annotator.search.annotations import Coverage

        ranges = self._store.covered_ranges(doc_ids, pending)
        return {d: Coverage.of_ranges(r) for d, r in ranges.items()}

    def suggestable_labels(self) -> set[str]:
        """The labels a pending suggestion may carry: the schema's span labels
        (``annotator.search.suggestions.suggestable_labels``). One with another label (the
        schema dropped or renamed it after the suggestion was stored) is never stored, read
        as pending or accepted: it stays stored, and comes back if the schema has its label
        again (the undo of the schema edit)."""
        from annotator.search.suggestions import suggestable_labels

        return suggestable_labels(self._schema)

    def _uncovered(self, rows: list[SuggestionRow]) -> list[SuggestionRow]:
        """``rows`` without the suggestions whose label the schema does not have
        (``suggestable_labels``) and those a live span now overlaps (drawn after them): they
        stay stored, and come back when the schema has the label again, or when that span is
        undone or deleted. A few rows (at most
        ``NEAR_AT``) are checked against only the spans overlapping them (``covered_near``:
        an undo checking three suggestions among 143,000 read every span of the document)."""
        from annotator.search.annotations import Coverage

        known = self.suggestable_labels()
        rows = [row for row in rows if row[4] in known]
        if not rows:
            return []
        if len(rows) <= NEAR_AT:
            covers: dict[int, Coverage] = {}
            for d in sorted({row[1] for row in rows}):
                near = [(row[2], row[3]) for row in rows if row[1] == d]
                covers[d] = Coverage.of_ranges(self._store.covered_near(d, near))
        else:
            covers = self._covers(sorted({row[1] for row in rows}))
        return [row for row in rows if not covers[row[1]].overlaps(row[2], row[3])]

    def suggestions(
        self, doc_id: int | None, min_score: float = 0.0, source: str | None = None
    ) -> list[Suggestion]:
        """Pending suggestions of a document (``None``: every document), in reading order,
        scoring at least ``min_score``, of one ``source`` or all; none that a live span
        overlaps (``_uncovered``)."""
        rows = self._uncovered(self._store.suggestions(doc_id, min_score, source))
        return _suggestions(rows)

    def suggestions_and_covered(self, doc_id: int) -> tuple[list[Suggestion], list[Suggestion]]:
        """The pending suggestions of a document in reading order, split in two: those no
        live span overlaps (``suggestions(doc_id)``) and those one does (stored still: they
        come back when that span goes), and with them those whose label the schema does not
        have (``suggestable_labels``: they come back when it has it again). One read of the
        document's suggestions and spans."""
        rows = self._store.suggestions(doc_id)
        if not rows:
            return [], []
        cover = self._covers([doc_id])[doc_id]
        overlaps = cover.overlaps
        known = self.suggestable_labels()
        free = [r for r in rows if r[4] in known and not overlaps(r[2], r[3])]
        behind = (
            [r for r in rows if r[4] not in known or overlaps(r[2], r[3])]
            if len(free) < len(rows)
            else []
        )
        return _suggestions(free), _suggestions(behind)

    def suggestion_window(
        self, doc_id: int, after: tuple[int, int, str] | None = None, limit: int | None = None
    ) -> tuple[list[Suggestion], list[Suggestion]]:
        """A window of a document's pending suggestions in (start, end, uuid) order: those
        after ``after`` (None: from the first), at most ``limit`` (None: all), split as
        ``suggestions_and_covered`` splits them (those no live span overlaps, those one
        does). Their text is not read: it is the document's at their offsets. Only the spans
        near the window are read (``covered_near``): a window of 2,500 among 143,000
        suggestions costs a window's reading, so a view may show the first suggestions at
        once and read the others by windows. Those whose label the schema does not have
        (``suggestable_labels``) are among those a span overlaps: the window keeps its
        length, so a short one still means the last."""
        from annotator.search.annotations import Coverage
        from annotator.search.suggestions import Suggestion

        rows = self._store.suggestion_marks(doc_id, after, limit)
        if not rows:
            return [], []
        text = self.document(doc_id).text
        hull = (rows[0][1], max(r[2] for r in rows))
        overlaps = Coverage.of_ranges(self._store.covered_near(doc_id, [hull])).overlaps
        known = self.suggestable_labels()
        free: list[Suggestion] = []
        behind: list[Suggestion] = []
        for uuid, a, b, label, source, score, origin in rows:
            s = Suggestion(str(uuid), doc_id, a, b, str(label), text[a:b], str(source),
                           float(score), str(origin))  # fmt: skip
            (behind if label not in known or overlaps(a, b) else free).append(s)
        return free, behind

    def pending_count(self, doc_id: int) -> int:
        """How many pending suggestions a document has, those behind spans included (one
        indexed count)."""
        return self._store.pending_count(doc_id)

    def has_suggestions(self, doc_id: int) -> bool:
        """Whether a document has pending suggestions, those a live span overlaps included."""
        return self._store.has_suggestions(doc_id)

    def pending_suggestions(self, uuids: Sequence[str]) -> list[Suggestion]:
        """The pending suggestions among ``uuids`` that no live span overlaps and whose label
        the schema has (others left out: ``_uncovered``), in the order asked."""
        return _suggestions(self._uncovered(self._store.pending_suggestions(uuids)))

    def accept_suggestions(self, uuids: Sequence[str], annotator: str) -> list[Span]:
        """Make pending suggestions spans of ``annotator``'s layer (``accept_pending``);
        returns the spans written, in the order asked."""
        return [r for r in self.accept_pending(uuids, annotator)[1] if isinstance(r, Span)]

    def accept_pending(
        self, uuids: Sequence[str], annotator: str
    ) -> tuple[list[Suggestion], list[Span | Event]]:
        """Make pending suggestions spans of ``annotator``'s layer in ONE bulk write
        (``batch``): returns the pending ones among ``uuids`` (``pending_suggestions``), which
        all leave the pending set, and the records written: the spans in the order asked,
        then the events of those labelled with an event type.

        Every span is judged by ``annotator.rules.span_problem`` first, as ``add_span`` judges
        it (a violation writes nothing), carries its provenance in its note
        (``suggestion: {"origin", "score", "source"}``, exported by the lossless JSONL), gets
        its change-log line, and is never a duplicate of a span of that layer with the same
        offsets and label (that suggestion just leaves the pending set). A span labelled with
        an event type comes with its event (that type, no arguments yet), as a trigger drawn
        with the event type's key does: a span of an event type triggers an event
        (``rules.eventless_triggers``)."""
        from annotator import rules

        _check_name(annotator)
        with self.batch() as bulk:
            pending = self.pending_suggestions(uuids)
            have: dict[int, set[tuple[int, int, str]]] = {}
            spans: list[Span] = []
            for s in pending:
                doc = self.document(s.doc_id)
                seen = have.get(s.doc_id)
                if seen is None:
                    seen = have[s.doc_id] = {
                        (sp.start, sp.end, sp.label)
                        for sp in self._store.spans.of_document(s.doc_id, annotator)
                    }
                if (s.start, s.end, s.label) in seen:
                    continue
                seen.add((s.start, s.end, s.label))
                text = doc.text[s.start : s.end]
                note = provenance_note(s)
                span = Span(new_uuid(), s.doc_id, annotator, s.start, s.end, s.label, text,
                            freeze(None), note)  # fmt: skip
                _raise(rules.span_problem(self._schema, doc.text, span, doc.name))
                spans.append(dataclasses.replace(span, clock=bulk.stamp()))
            events: list[Event] = []
            for sp in spans:
                if self._schema.event(sp.label) is not None:
                    ev = Event(new_uuid(), sp.doc_id, annotator, sp.label, sp.uuid,
                               freeze(None), "", bulk.stamp())  # fmt: skip
                    _raise(rules.event_problem(self._schema, ev, sp))
                    events.append(ev)
            written: list[Span | Event] = [*spans, *events]
            if written:
                bulk.add_annotators([annotator])
                bulk.put_new(written)  # (new uuids: a plain INSERT)
                bulk.log(
                    (annotator, "add", record_kind(r), r.uuid, None, record_to_json(r))
                    for r in written
                )
            self._store.drop_suggestions([s.uuid for s in pending])
        return pending, written

    def reject_suggestions(self, uuids: Sequence[str]) -> None:
        """Reject pending suggestions: they leave the pending set and their key is
        remembered, so the same suggestion (document, offsets, label, source) never comes
        back."""
        with self._store.write():
            self._store.reject_suggestions(list(uuids))

    def restore_suggestions(self, items: Iterable[Suggestion]) -> list[Suggestion]:
        """Put suggestions back as pending as they were, even a remembered rejection (the
        undo of an accept, a reject or a withdrawal; the redo of a store), and return those
        put back, in order.

        Suggestions never overlap each other, after an undo or redo either: one that a
        pending suggestion stored since overlaps (another source's, stored while it was
        rejected or withdrawn) is not put back. The newer one, the one the analyst sees now,
        stays; the older stays as it is (rejected, or gone), as if it had lost to the newer
        one when that one was stored. One that only a live span overlaps is put back (it
        comes back when that span goes)."""
        items = list(items)
        if not items:
            return []
        with self._store.write():
            kept = self._not_overlapping_pending(items)
            self._store.restore_suggestions([_suggestion_row(s) for s in kept])
        return kept

    def _not_overlapping_pending(self, items: list[Suggestion]) -> list[Suggestion]:
        """``items`` without those overlapping a pending suggestion that is not one of them
        (nor an earlier one of them), whatever its label (spans do not count). The pending
        ranges are the ranges of spans and pending suggestions less those of the spans
        (``covered_ranges``: ranges alone, read from the indexes)."""
        from collections import Counter

        from annotator.search.annotations import Coverage

        docs = sorted({s.doc_id for s in items})
        both = self._store.covered_ranges(docs, pending=True)
        spans = self._store.covered_ranges(docs)
        own = Counter(
            (r[1], r[2], r[3]) for r in self._store.pending_suggestions([s.uuid for s in items])
        )
        covers: dict[int, Coverage] = {}
        for d in docs:
            ranges = Counter(both[d])
            ranges.subtract(spans[d])
            ranges.subtract({(a, b): n for (doc, a, b), n in own.items() if doc == d})
            covers[d] = Coverage.of_ranges(list((+ranges).elements()))
        kept: list[Suggestion] = []
        for s in items:
            cover = covers[s.doc_id]
            if cover.overlaps(s.start, s.end):
                continue
            cover.add(s.start, s.end)
            kept.append(s)
        return kept

    def relabel_suggestions(
        self, old: str, new: str, keep: frozenset[str] = frozenset()
    ) -> tuple[frozenset[int], frozenset[str]]:
        """Give every pending suggestion and every remembered rejection labelled ``old``
        (those of ``keep`` left out) the label ``new``, in place (same uuids), in one write: a
        label rename carries them over, and its undo back
        (``commands.schema.rename_label_command``); a rejection kept under the old name let a
        retrained model offer again under the new one what the analyst had rejected. Returns
        the documents whose pending suggestions changed and the uuids of the suggestions
        (pending or rejected) labelled ``new`` before (what the other way leaves alone)."""
        with self._store.write():
            rows = [r for r in self._store.suggestions(None) if r[4] in (old, new)]
            before = frozenset(str(r[0]) for r in rows if r[4] == new)
            moved = [r for r in rows if r[4] == old and r[0] not in keep]
            if moved:
                self._store.restore_suggestions([(*r[:4], new, *r[5:]) for r in moved])
            before |= self._store.relabel_rejections(old, new, keep)
        return frozenset(int(r[1]) for r in moved), before

    def withdraw_suggestions(self, uuids: Sequence[str]) -> None:
        """Remove suggestions without remembering a rejection (the redo of an accept)."""
        with self._store.write():
            self._store.drop_suggestions(list(uuids))

    def clear_suggestions(
        self, source: str | None = None, doc_id: int | None = None, *, family: bool = False
    ) -> int:
        """Remove the pending suggestions of one source (with ``family``: of every source of
        ``source``'s family, e.g. every version of a model) and/or document (or all);
        remembered rejections stay. Returns how many went."""
        from annotator.search.suggestions import source_family

        with self._store.write():
            if family and source is not None:
                stem = source_family(source)
                return sum(
                    self._store.clear_suggestions(src, doc_id)
                    for src in self._store.suggestion_sources(doc_id)
                    if source_family(src) == stem
                )
            return self._store.clear_suggestions(source, doc_id)

    def suggestion_counts(self) -> dict[int, int]:
        """Pending suggestions no live span overlaps, per document id (documents without any
        absent)."""
        counts: dict[int, int] = {}
        if self._store.suggestion_counts():
            for row in self._uncovered(self._store.suggestions(None)):
                counts[row[1]] = counts.get(row[1], 0) + 1
        return counts

    def rejected_suggestions(self, doc_id: int | None = None) -> set[SuggestionKey]:
        """The keys (doc_id, start, end, label, source) of remembered rejections."""
        return self._store.rejected_keys(doc_id)

    # -- models (issue 14) ----------------------------------------------------------------
    def save_model(self, kind: str, data: bytes, manifest: dict[str, Any]) -> int:
        """Store a trained model (``kind`` 'ner' or 'triggers'): its bytes (crfsuite's own
        format or JSON, never a pickle) and manifest (``name``, ``version``, ``layer`` are
        read from it). Returns the model's id; ``latest_model`` gives the newest back. The
        project keeps the newest ``store.MODELS_KEPT`` models of a kind: older rows of
        ``kind`` are deleted in the same transaction (``Store.add_model``)."""
        if kind not in MODEL_KINDS:
            raise ValidationError(f"model kind {kind!r} is not one of {', '.join(MODEL_KINDS)}")
        if not isinstance(data, bytes) or not isinstance(manifest, dict):
            raise ValidationError("a model is bytes with a manifest object")
        name = str(manifest.get("name", kind))
        version = str(manifest.get("version", ""))
        layer = str(manifest.get("layer", ""))
        with self._store.write():
            return self._store.add_model(kind, name, version, layer, manifest, data)

    def latest_model(self, kind: str) -> tuple[bytes, dict[str, Any]] | None:
        """The newest stored model of ``kind``: (bytes, manifest), or None when none is
        stored. Bytes that do not match the checksum stored with them raise
        ProjectFileError; the bytes themselves are for ``annotator.learn.Model.from_bytes``,
        which reads them without pickle and refuses anything malformed."""
        return self._store.latest_model(kind)

    def models(self) -> list[dict[str, Any]]:
        """Every stored model, oldest first: id, kind, name, version, layer, created,
        manifest, size (bytes not read)."""
        return self._store.models()

    # -- the search index (issue 13; docs/design/search.md, "The FTS5 index") -------------
    def search_index_fresh(self) -> bool:
        """Whether the search index covers every document, folded as the code folds now."""
        state = self._store.search_index_state()
        return state is not None and state == (SEARCH_INDEX_VERSION, *self._store.document_span())

    def ensure_search_index(self, progress: Callable[[int, int], object] | None = None) -> bool:
        """Build the search index, or bring it up to date: documents added since it was
        built are indexed; a missing index, one of another folding version, or one that
        does not add up is rebuilt from the documents. ``progress(done, total)`` is called
        every few hundred documents. A read-only project changes nothing and returns
        whether the index is usable (searches scan the documents when it is not)."""
        if self.search_index_fresh():
            return True
        if self.read_only:
            return False
        from annotator.search.folding import fold_text

        store = self._store
        with store.write():
            total, top = store.document_span()
            state = store.search_index_state()
            if state is None or state[0] != SEARCH_INDEX_VERSION or state[2] > top:
                store.reset_search_index()
                done, after = 0, 0
            else:
                done, after = state[1], state[2]
            counter = [done]

            def folded() -> Iterator[tuple[int, str]]:
                for doc_id, text in store.documents_after(after):
                    counter[0] += 1
                    if progress is not None and counter[0] % 200 == 0:
                        progress(counter[0], total)
                    yield doc_id, fold_text(text)

            store.index_folded(folded())
            if counter[0] != total:  # ids not in ascending order of arrival: start afresh
                store.reset_search_index()
                counter[0] = 0
                after = 0
                store.index_folded(folded())
            store.set_search_index_state(SEARCH_INDEX_VERSION, total, top)
            if progress is not None:
                progress(total, total)
        return True

    def search_candidates(self, query: Query) -> list[int] | None:
        """The ids of the documents ``query`` may match according to the index (ascending),
        or None when the index cannot narrow it (stale or missing index, a regular
        expression, ة folding, no word of three letters or more): every document then."""
        expression = fts_expression(query)
        if expression is None or not self.search_index_fresh():
            return None
        return self._store.search_index_match(expression)

    def search_index_search(
        self,
        query: Query,
        doc_ids: Iterable[int] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Iterator[Hit]:
        """Every hit of ``query`` in the project's documents (or those of ``doc_ids``), in
        document order, as code-point offsets of the stored text. The index narrows the
        documents; each one is folded and matched by ``annotator.search`` on its real text,
        so the index decides nothing about what a hit is. Without a fresh index (a read-only
        project nobody indexed) every document is scanned: same hits, slower."""
        from annotator.search.folding import FoldedText
        from annotator.search.matching import Hit

        matcher = query.matcher()
        candidates = self.search_candidates(query)
        wanted: list[int]
        if candidates is None and doc_ids is None:
            docs: Iterator[tuple[int, str]] = ((d.id, d.text) for d in self.iter_documents())
        else:
            wanted = sorted(set(doc_ids)) if doc_ids is not None else []
            if candidates is not None:
                wanted = candidates if doc_ids is None else sorted(set(wanted) & set(candidates))
            docs = self._store.document_texts(wanted)
        for n, (doc_id, text) in enumerate(docs):
            if cancelled is not None and n % 100 == 0 and cancelled():
                raise Cancelled("search cancelled")
            ft = FoldedText.of(text, query.fold)
            for s, e in matcher.spans(ft.folded):
                yield Hit(doc_id, *ft.span(s, e))

    # -- internals -----------------------------------------------------------------------
    def _tick(self) -> str:
        stamp = self.clock.tick()
        self._store.set_setting("hlc", stamp)
        return stamp

    def _write(self, action: str, record: R, before: Record | None = None) -> R:
        with self._store.write():
            self._store.ensure_annotator(record.annotator)
            rec = dataclasses.replace(record, clock=self._tick())
            if action == "add" and before is None:
                # a new record: an id given that a stored record (a tombstone too) has is
                # refused, never written over that record in whatever document and layer it
                # is (QA: add_span(..., uuid=X) replaced span X); the UNIQUE uuid answers
                if not self._store.insert_if_new(rec):
                    raise ValidationError(Message("id {uuid} is already used", uuid=rec.uuid))
            else:
                self._store.put(rec)
            self._store.log(
                rec.annotator,
                action,
                record_kind(rec),
                rec.uuid,
                None if before is None else record_to_json(before),
                record_to_json(rec),
            )
            for journal in self._journals:
                journal.records.append(rec)
                if before is None:
                    journal.created.add(rec.uuid)
        return rec


class MergeSession:
    """The reads and writes of one merge, inside the transaction ``Project.merging()`` opened.

    Records arrive with another project's document ids: the merge pairs each with its local
    document id, and they are written as they are (already judged by ``annotator.rules`` and
    stamped elsewhere; the project's clock only takes their stamps in, ``observe``)."""

    def __init__(self, project: Project) -> None:
        self._project = project
        self._store = project._store

    def document_hashes(self) -> dict[str, int]:
        """The sha256 of every stored document's text, with its id."""
        return self._store.document_hashes()

    def document_names(self) -> dict[int, str]:
        """Every document's name by id (texts not read)."""
        return {d.id: d.name for d in self._store.documents(with_text=False)}

    def document_text(self, doc_id: int) -> str:
        """The text of one document ("" when there is none with that id)."""
        doc = self._store.document(doc_id)
        return doc.text if doc is not None else ""

    def add_documents(self, docs: Sequence[Document]) -> list[int]:
        """Store documents (their ``id`` is ignored); returns the ids given, in order."""
        return self._store.insert_documents(docs)

    def stamps(self, kind: str, uuids: Sequence[str]) -> dict[str, tuple[str, str]]:
        """``uuid -> (clock, annotator)`` of the stored version of each of ``uuids`` that
        exists (tombstones too), without reading whole records."""
        return self._store.versions(kind, uuids)

    def stored(self, kind: str, uuids: Sequence[str]) -> list[Record]:
        """The stored versions (tombstones too) of those of ``uuids`` that exist."""
        return self._store.table(kind).by_uuid(uuids)

    def put(self, pairs: Sequence[tuple[Record, int]]) -> None:
        """Store record versions, each with the local document id paired with it."""
        for name in {r.annotator for r, _ in pairs}:
            self._store.ensure_annotator(name)
        self._store.put_merged(pairs)

    def statuses(self) -> list[DocStatus]:
        """Every stored document status."""
        return self._store.statuses()

    def set_status(self, status: DocStatus) -> None:
        """Store a document status as it is (stamp included)."""
        self._store.ensure_annotator(status.annotator)
        self._store.set_status(status)

    def quarantined(self) -> list[dict[str, Any]]:
        """What was set aside before (``Project.quarantined``)."""
        return self._store.quarantined()

    def quarantine(
        self, source: str, doc_sha256: str, kind: str, uuid: str, data: dict[str, Any], reason: str
    ) -> None:
        """Set a record (or status) of ``source`` aside with the reason."""
        self._store.quarantine(source, doc_sha256, kind, uuid, data, reason)

    def observe(self, stamp: str) -> None:
        """Take a stamp in: the project's clock never issues one below it (saved at once)."""
        clock = self._project.clock
        clock.observe(stamp)
        self._store.set_setting("hlc", clock.last)

    def lift_event_attributes(self, uuids: Iterable[str]) -> int:
        """``Project.lift_event_attributes`` inside the merge's transaction (after
        ``observe``: the new versions are stamped above what was taken in)."""
        return self._project.lift_event_attributes(uuids)

    def log(self, source: str, lines: list[str]) -> None:
        """One change-log line for the merge of ``source`` with its summary."""
        self._store.log("", "merge", "bundle", source, None, {"lines": lines})


class UntrustedProject:
    """Another project file opened read-only to be merged (``open_untrusted``): only the
    explicit columns of its ordinary tables are read, at most ``limit`` + 1 rows each."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def rows(self, table: str, columns: Sequence[str], limit: int) -> list[Any]:
        """At most ``limit`` + 1 rows of ``columns`` of ``table`` as stored (no view, virtual
        table or generated column is evaluated; an SQLite error is a ProjectFileError)."""
        return self._store.untrusted_rows(table, columns, limit)

    def chunks(self, table: str, columns: Sequence[str], size: int) -> Iterator[list[Any]]:
        """Every row of ``columns`` of ``table``, in lists of ``size`` rows, with the checks of
        ``rows``: a merge keeps one part of a table in memory at a time."""
        return self._store.untrusted_chunks(table, columns, size)


def is_project_file(path: Path) -> bool:
    """Whether ``path`` begins as a project file does (an SQLite database), as opposed to a
    bundle (a zip): which of the two a merge is given. OSError when it cannot be read."""
    with Path(path).open("rb") as fh:
        return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER


@contextlib.contextmanager
def open_untrusted(path: Path) -> Iterator[UntrustedProject]:
    """Open a copy of a colleague's project file read-only (header, application id, version
    and quick_check first) for ``annotator.exchange.merge`` to read; closed at the end."""
    store = Store.open(Path(path), read_only=True)
    try:
        yield UntrustedProject(store)
    finally:
        store.close()


def _bulk_access(store: Store) -> BulkAccess:
    """What a ``Batch`` may do with the store, as bound methods (it never holds the store)."""
    return BulkAccess(
        document_hashes=store.document_hashes,
        versions=store.versions,
        document_ids=store.document_ids,
        next_document_id=store.next_document_id,
        insert_documents=store.insert_documents,
        ensure_annotators=store.ensure_annotators,
        put_many=store.put_many,
        insert_new=store.insert_new,
        set_statuses=store.set_statuses,
        log_many=store.log_many,
    )


class _ClockMending:
    """``annotator.clock.Mending`` over a store, inside the write transaction ``_mending``
    opened: the stamps as stored, rows written again with fresh stamps, the hlc saved."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def stamps(self, limit: str) -> tuple[str, dict[str, list[Any]]]:
        return self._store.clock_stamps(limit)

    def restamp(self, kind: str, keys: list[Any], tick: Callable[[], str]) -> list[StampChange]:
        store = self._store
        changes: list[StampChange] = []
        if kind == "doc_status":
            wanted = {(int(k[0]), str(k[1])) for k in keys if isinstance(k, tuple)}
            for st in store.statuses():
                if (st.doc_id, st.annotator) in wanted:
                    new = dataclasses.replace(st, clock=tick())
                    store.set_status(new)
                    key = f"{st.doc_id}/{st.annotator}"
                    changes.append(stamp_change(st.annotator, kind, key, st.clock, new.clock))
            return changes
        for uuid in keys:
            rec = store.table(kind).get(str(uuid))
            if rec is None:
                continue
            fresh = dataclasses.replace(rec, clock=tick())
            store.put(fresh)
            changes.append(
                (rec.annotator, kind, rec.uuid, record_to_json(rec), record_to_json(fresh))
            )
        return changes

    def save(self, hlc: str, changes: list[StampChange]) -> None:
        self._store.set_setting("hlc", hlc)
        self._store.log_many((a, "repair-clock", k, u, b, af) for a, k, u, b, af in changes)


@contextlib.contextmanager
def _mending(store: Store) -> Iterator[_ClockMending]:
    with store.write():
        yield _ClockMending(store)


class DocumentGroups(Generic[T]):
    """A document-ordered record stream taken one document at a time (``key``: a record's
    document id)."""

    def __init__(
        self, records: Iterator[T], key: Callable[[T], int] = operator.attrgetter("doc_id")
    ) -> None:
        self._groups: Iterator[tuple[int, Iterator[T]]] = itertools.groupby(records, key=key)
        self._head: tuple[int, Iterator[T]] | None = next(self._groups, None)

    def take(self, doc_id: int) -> tuple[T, ...]:
        """The records of ``doc_id`` (asked in increasing order), () when it has none."""
        while self._head is not None and self._head[0] < doc_id:
            self._head = next(self._groups, None)
        if self._head is None or self._head[0] != doc_id:
            return ()
        out = tuple(self._head[1])
        self._head = next(self._groups, None)
        return out


def _check_name(name: str) -> None:
    from annotator import rules

    _raise(rules.annotator_problem(name))


def _raise(violation: rules.Violation | None) -> None:
    if violation is not None:
        raise violation.error()


def _int_pair(a: object, b: object) -> bool:
    return type(a) is int and type(b) is int


NEAR_AT = 64
"""``Project._uncovered`` checks at most this many suggestions against the spans overlapping
each (an indexed range query per layer and suggestion); more read the documents' spans once"""

PROVENANCE_PREFIX = "suggestion: "
"""how the first line of an accepted suggestion's note starts (``provenance_note``)"""


def provenance_note(s: Suggestion) -> str:
    """The note an accepted suggestion's span carries: where it came from, as one line of
    JSON after ``suggestion: `` (exported by the lossless JSONL with the span). An analyst's
    own note goes after it, on the lines below (``split_provenance``, ``join_provenance``)."""
    from annotator import rules

    data = {"source": s.source, "score": s.score, "origin": s.origin}
    note = PROVENANCE_PREFIX + json.dumps(data, ensure_ascii=False, sort_keys=True)
    return note if rules.text_problem(note, "note") is None else f"suggestion: {s.source}"


@dataclass(frozen=True)
class Provenance:
    """Where an accepted suggestion came from, as its span's note holds it."""

    line: str
    """the note's first line as stored (written back unchanged by ``join_provenance``)"""
    source: str
    """``annotate-all``, ``model:crf@abcd1234`` …"""
    score: float | None
    origin: str


def split_provenance(note: str) -> tuple[Provenance | None, str]:
    """A span's note as (its provenance line, read; the analyst's own text after it). A note
    whose first line is not ``provenance_note``'s JSON (``suggestion: `` and an object with a
    text ``source``) has no provenance: (None, the whole note). The one place that reads the
    line: ``join_provenance`` puts the two back together, the line unchanged."""
    first, _, rest = note.partition("\n")
    if not first.startswith(PROVENANCE_PREFIX):
        return None, note
    try:
        data = json.loads(first[len(PROVENANCE_PREFIX) :])
    except ValueError:
        return None, note
    if not isinstance(data, dict) or not isinstance(data.get("source"), str):
        return None, note
    score, origin = data.get("score"), data.get("origin")
    shown = float(score) if isinstance(score, int | float) and not isinstance(score, bool) else None
    return Provenance(first, data["source"], shown, origin if isinstance(origin, str) else ""), rest


def join_provenance(provenance: Provenance | None, rest: str) -> str:
    """The note holding ``provenance``'s line (unchanged) and, on the lines below, the
    analyst's text ``rest``: the inverse of ``split_provenance``."""
    if provenance is None:
        return rest
    return provenance.line + "\n" + rest if rest else provenance.line


def fts_expression(query: Query) -> str | None:
    """The FTS5 query (every trigram of every word of three letters or more, AND-ed: the
    index keeps no positions) that each document matching ``query`` satisfies, or None when
    the index cannot narrow ``query``."""
    from annotator.search.matching import Mode, index_words

    if query.mode is Mode.REGEX or query.fold.ta_marbuta:
        return None
    words = index_words(query)  # القدس also after ل (للقدس: لقدس); no bidi embeddings
    grams = dict.fromkeys(w[i : i + 3] for w in words if len(w) >= 3 for i in range(len(w) - 2))
    if not grams:
        return None
    return " AND ".join('"' + g.replace('"', '""') + '"' for g in grams)


def _suggestion_row(s: Suggestion) -> SuggestionRow:
    return (s.uuid, s.doc_id, s.start, s.end, s.label, s.text, s.source, float(s.score),
            s.origin)  # fmt: skip


def _suggestions(rows: Iterable[SuggestionRow]) -> list[Suggestion]:
    """A ``Suggestion`` of each stored row (the class looked up once, not once a row)."""
    from annotator.search.suggestions import Suggestion

    return list(itertools.starmap(Suggestion, rows))

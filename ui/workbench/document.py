"""The document model of the workbench: the current document, its layers and their loading.

``DocumentModel`` owns what the window shows: the open document, the current annotator's layer
of it (``layer``, always complete when read), the other layers shown read-only, the selected
record, and the lazy loading of big documents (``load_first`` reads the spans of the first
screen, the rest is read on the next turn of the event loop). It reads from the project and
applies edits from the records they wrote (``apply``: nothing is read back). The views update
from its signals:

- ``documentChanged(Document | None)``: another document (or none) is current;
- ``layerLoaded()``: the whole layer was (re)read;
- ``recordsChanged(LayerPatch)``: one edit was applied, with the records it wrote.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, MutableMapping, Sequence, Set
from dataclasses import dataclass, replace
from typing import TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from annotator.model import (
    Argument,
    Document,
    DocumentAnnotations,
    Event,
    LazyRecords,
    Record,
    Relation,
    Span,
    index_of,
    spliced,
)
from ui.session import Changes, Session
from ui.workbench import collector

R = TypeVar("R", Event, Argument, Relation)


def span_key(span: Span) -> tuple[int, int, str]:
    """A span's place in the store's reading order."""
    return (span.start, span.end, span.uuid)


def _empty() -> DocumentAnnotations:
    return DocumentAnnotations(Document(0, "", "", ""))


@dataclass(frozen=True)
class LayerPatch:
    """One edit applied to the layer: the change, the spans it wrote, whether events,
    arguments or relations changed (``refs``), and the trigger and referenced span uuids
    before it."""

    changes: Changes
    spans: tuple[Span, ...]
    refs: bool
    triggers_before: Set[str]
    referenced_before: Set[str]


class DocumentModel(QObject):
    """The current document and its layers, read from ``session``'s project."""

    documentChanged = Signal(object)
    """Document | None"""
    layerLoaded = Signal()
    """the whole layer was (re)read"""
    recordsChanged = Signal(object)
    """LayerPatch: one edit applied record by record"""

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.doc: Document | None = None
        self.other_layers: list[str] = []
        self.selected_uuid = ""
        self._layer = _empty()
        self._by_uuid: MutableMapping[str, Span] = {}
        self._referenced: set[str] = set()
        self._triggers: set[str] = set()
        # place of events, arguments, relations (see _ordered); None: those of the layer as
        # read, worked out by the first edit (a layer is read far more often than edited)
        self._order: dict[str, int] | None = None
        self._pending = False
        self.generation = 0
        """counts the session's changes: what was read before may differ when it moved on"""
        # (connected here, before the window's navigation follows the same signal)
        session.changed.connect(self._session_changed)
        self._load_timer = QTimer(self)
        self._load_timer.setSingleShot(True)
        self._load_timer.setInterval(0)
        self._load_timer.timeout.connect(self.finish_loading)

    def _session_changed(self, _changes: Changes) -> None:
        self.generation += 1

    # -- the document --------------------------------------------------------------------
    def set_document(self, doc: Document | None) -> None:
        """Make ``doc`` the current document (its layer is read by ``reload`` or
        ``load_first``)."""
        self.doc = doc
        self.documentChanged.emit(doc)

    # -- the layer -----------------------------------------------------------------------
    @property
    def layer(self) -> DocumentAnnotations:
        """The current document's annotations in the current layer (always complete)."""
        if self._pending:
            self.finish_loading()
        return self._layer

    def span_of(self, uuid: str) -> Span | None:
        """The span with this uuid in the current layer (None: not in it)."""
        if self._pending:
            self.finish_loading()
        return self._by_uuid.get(uuid)

    def spans_by_uuid(self) -> Mapping[str, Span]:
        """The current layer's spans by uuid (kept up to date; do not modify)."""
        if self._pending:
            self.finish_loading()
        return self._by_uuid

    def has_span(self, uuid: str) -> bool:
        """Whether ``uuid`` is a span of the layer as held (no loading)."""
        return uuid in self._by_uuid

    def is_trigger(self, uuid: str) -> bool:
        """Whether this span triggers an event of the layer as held."""
        return uuid in self._triggers

    def is_referenced(self, uuid: str) -> bool:
        """Whether an event, argument or relation of the layer as held refers to this span."""
        return uuid in self._referenced

    def triggers(self) -> Set[str]:
        """The trigger span uuids of the layer as held (do not modify)."""
        return self._triggers

    def event_of(self, uuid: str) -> str:
        """The uuid of the event this span triggers ("" when none)."""
        return next((e.uuid for e in self.layer.events if e.trigger == uuid), "")

    def is_loading(self) -> bool:
        """Whether the off-screen part of the document is still to be read."""
        return self._pending

    def own_only(self) -> bool:
        """Whether only the current annotator's layer is shown."""
        me = self.session.annotator
        return not any(o != me for o in self.other_layers)

    def _set_layer(
        self, value: DocumentAnnotations, spans: Sequence[Span] | None = None, refs: bool = True
    ) -> None:
        """Make ``value`` the layer; ``spans``: only these spans changed (cheap update);
        ``refs``: events, arguments or relations changed."""
        self._layer = value
        if spans is None:  # (a lazily read layer's spans stay rows until they are read)
            self._by_uuid = index_of(value.spans, "uuid")
            self._order = None
        else:
            for s in spans:
                if s.deleted:
                    self._by_uuid.pop(s.uuid, None)
                else:
                    self._by_uuid[s.uuid] = s
            if not refs:
                return
        self._triggers = {e.trigger for e in value.events}
        self._referenced = self._triggers | {a.target for a in value.arguments}
        self._referenced |= {r.source for r in value.relations}
        self._referenced |= {r.target for r in value.relations}

    def reload(self) -> None:
        """Re-read the current document's annotations in the current layer."""
        # no cyclic collection while 20,000 spans become records and then the views' rows:
        # all of it is kept (``collector``)
        with collector.paused():
            self._pending = False
            self._load_timer.stop()
            project = self.session.project
            if project is None or self.doc is None:
                self._set_layer(_empty())
            else:
                me = self.session.annotator or ""
                layer = project.layer(self.doc.id, me, lazy=True)
                if isinstance(layer.spans, LazyRecords):
                    # what the read fixed for every span (one document, this layer, live):
                    # a check reads them as fields, with no record made per span
                    spans = layer.spans.with_constants(
                        doc_id=self.doc.id, annotator=me, deleted=False
                    )
                    layer = replace(layer, spans=spans)
                self._set_layer(layer)
            self.layerLoaded.emit()

    def load_first(self, bound: int) -> list[Span]:
        """Read only the current annotator's spans that start before ``bound`` (returned),
        and the whole layer on the next turn of the event loop (or when it is asked for)."""
        project, doc = self.session.project, self.doc
        assert project is not None and doc is not None
        first = project.spans(doc.id, self.session.annotator, start_before=bound)
        self._set_layer(DocumentAnnotations(doc))
        self._pending = True
        self._load_timer.start()
        return first

    def finish_loading(self) -> None:
        """Read the rest of a document loaded by ``load_first``."""
        if self._pending:
            self.reload()

    # -- one edit ------------------------------------------------------------------------
    def apply(self, changes: Changes) -> LayerPatch | None:
        """Apply an edit of the current document's own layer from the record versions it
        wrote (nothing is read back) and emit ``recordsChanged``. None (nothing done) when
        the edit is of another kind: the caller then re-reads everything."""
        doc, me = self.doc, self.session.annotator
        if self.session.project is None or doc is None or not me or self._pending:
            return None
        if changes.doc_ids != {doc.id} or not self.own_only():
            return None
        records = changes.records
        if not records and not changes.status:
            return None
        if any(r.doc_id != doc.id or r.annotator != me for r in records):
            return None
        if self._order is None:  # (the layer is still the one read)
            read: list[Record] = [*self._layer.events, *self._layer.arguments,
                                  *self._layer.relations]  # fmt: skip
            self._order = {r.uuid: i for i, r in enumerate(read)}
        touched_spans = [r for r in records if isinstance(r, Span)]
        others = len(touched_spans) < len(records)
        refs_before, triggers_before = self._referenced, self._triggers
        if records:
            spans = self._layer.spans  # (copied by each splice: rows stay rows)
            for s in touched_spans:
                old = self._by_uuid.get(s.uuid)
                if old is not None:
                    at = bisect.bisect_left(spans, span_key(old), key=span_key)
                    spans = spliced(spans, at, 1, ())
                if not s.deleted:
                    at = bisect.bisect_left(spans, span_key(s), key=span_key)
                    spans = spliced(spans, at, 0, (s,))
            held = self._layer
            events: tuple[Event, ...] | None = held.events
            arguments: tuple[Argument, ...] | None = held.arguments
            relations: tuple[Relation, ...] | None = held.relations
            if others:
                created = changes.created
                events = self._ordered(
                    held.events, [r for r in records if isinstance(r, Event)], created
                )
                arguments = self._ordered(
                    held.arguments, [r for r in records if isinstance(r, Argument)], created
                )
                relations = self._ordered(
                    held.relations, [r for r in records if isinstance(r, Relation)], created
                )
                if events is None or arguments is None or relations is None:
                    return None  # where they belong in the stored order is not known here
                live = {s.uuid for s in spans}
                wanted = {a.target for a in arguments} - {e.uuid for e in events}
                wanted |= {e.trigger for e in events} | {r.source for r in relations}
                if not wanted | {r.target for r in relations} <= live:
                    return None  # they refer to a span written outside this window
            assert events is not None and arguments is not None and relations is not None
            new = DocumentAnnotations(doc, spans, events, arguments, relations)
            self._set_layer(new, touched_spans, refs=others)
        patch = LayerPatch(
            changes,
            tuple(touched_spans),
            others,
            triggers_before,
            refs_before,
        )
        self.recordsChanged.emit(patch)
        return patch

    def _ordered(
        self, held: tuple[R, ...], written: Sequence[R], created: frozenset[str]
    ) -> tuple[R, ...] | None:
        """``held`` with the ``written`` versions applied, in the store's order (by creation).

        A record keeps its place when it is updated, tombstoned or brought back; a record
        created by this edit goes last. None when the place is not known here: a record
        brought back that this window never held (deleted before the layer was read), or
        several records of one kind created at once (the store orders records created in
        the same millisecond by uuid)."""
        if not written:
            return held
        order = self._order
        assert order is not None  # (``apply`` worked it out)
        new = [r.uuid for r in written if r.uuid not in order]
        if len(new) > 1 or any(u not in created for u in new):
            return None
        for uuid in new:
            order[uuid] = len(order)
        by_uuid = {r.uuid: r for r in held}
        by_uuid.update((r.uuid, r) for r in written)
        live = [r for r in by_uuid.values() if not r.deleted]
        return tuple(sorted(live, key=lambda r: order[r.uuid]))

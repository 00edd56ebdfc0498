"""How the main window keeps the current layer on screen, cheaply for big documents.

A mixin over ``MainWindow``. Three ways in:

- ``refresh_layer`` re-reads the whole layer and feeds every panel (project or annotator
  switch, schema edits, anything not covered below);
- ``show_first_screen`` (from ``load_document``) shows a big document at once with only the
  spans that start on its first screen, and reads the rest on the next turn of the event loop
  (``finish_loading``); reading ``layer`` before that finishes the load first, so callers never
  see a partial layer;
- ``patch_layer`` applies one edit (``Changes`` carries the record versions it wrote): nothing
  is read back; the view, the annotation list and the document row are updated one record at
  a time; arcs and the events panel are rebuilt only when events, arguments, relations or
  spans they refer to changed.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QPoint, QTimer

from annotator.model import (
    Argument,
    Document,
    DocumentAnnotations,
    Event,
    Record,
    Relation,
    Span,
    Status,
)
from ui.docview.view import ViewSpan
from ui.workbench.panels import AnnotationRow

if TYPE_CHECKING:
    from annotator.project import Project
    from ui.docview.view import DocumentView
    from ui.session import Changes, Session
    from ui.workbench.details import DetailsPanel
    from ui.workbench.event_wiring import EventTools
    from ui.workbench.panels import AnnotationListPanel, DocumentListPanel

LAZY_SPANS = 2_000
"""a document with more spans than this shows its first screen before reading the rest"""
FIRST_SCREEN_MIN = 4_000
"""code points read for the first screen at least (more when the first paragraph is long)"""
R = TypeVar("R", Event, Argument, Relation)


def _span_key(span: Span) -> tuple[int, int, str]:
    return (span.start, span.end, span.uuid)  # the store's reading order


def _empty() -> DocumentAnnotations:
    return DocumentAnnotations(Document(0, "", "", ""))


class LayerMixin:
    """Needs ``session``, ``doc``, ``view``, ``other_layers``, ``selected_uuid``, the panels
    and ``select_span``."""

    if TYPE_CHECKING:
        session: Session
        doc: Document | None
        view: DocumentView
        other_layers: list[str]
        selected_uuid: str
        annotations: AnnotationListPanel
        documents: DocumentListPanel
        details: DetailsPanel
        event_tools: EventTools

        def select_span(self, uuid: str, scroll: bool = False) -> None: ...
        def tr(self, sourceText: str, disambiguation: str | None = None, n: int = -1) -> str: ...

    def init_layer(self) -> None:
        self._layer = _empty()
        self._by_uuid: dict[str, Span] = {}
        self._referenced: set[str] = set()
        self._triggers: set[str] = set()
        self._order: dict[str, int] = {}  # place of events, arguments, relations (see _ordered)
        self._pending = False
        self._load_timer = QTimer(self)  # type: ignore[arg-type]
        self._load_timer.setSingleShot(True)
        self._load_timer.setInterval(0)
        self._load_timer.timeout.connect(self.finish_loading)

    # -- the layer -----------------------------------------------------------------------
    @property
    def layer(self) -> DocumentAnnotations:
        """The current document's annotations in the current layer (always complete)."""
        if self._pending:
            self.finish_loading()
        return self._layer

    @layer.setter
    def layer(self, value: DocumentAnnotations) -> None:
        self._set_layer(value)

    def _set_layer(
        self, value: DocumentAnnotations, spans: list[Span] | None = None, refs: bool = True
    ) -> None:
        """Make ``value`` the layer; ``spans``: only these spans changed (cheap update);
        ``refs``: events, arguments or relations changed."""
        self._layer = value
        if spans is None:
            self._by_uuid = {s.uuid: s for s in value.spans}
            held: list[Record] = [*value.events, *value.arguments, *value.relations]
            self._order = {r.uuid: i for i, r in enumerate(held)}
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

    def span_of(self, uuid: str) -> Span | None:
        """The span with this uuid in the current layer (None: not in it)."""
        if self._pending:
            self.finish_loading()
        return self._by_uuid.get(uuid)

    def spans_by_uuid(self) -> dict[str, Span]:
        """The current layer's spans by uuid (kept up to date; do not modify)."""
        if self._pending:
            self.finish_loading()
        return self._by_uuid

    def is_loading(self) -> bool:
        """Whether the off-screen part of the document is still to be read."""
        return self._pending

    def _colors(self, project: Project) -> dict[str, str]:
        return {lab.name: lab.color for lab in project.schema.span_labels()}

    def _view_span(self, s: Span, color: dict[str, str], layer: str, ro: bool) -> ViewSpan:
        return ViewSpan(s.uuid, s.start, s.end, s.label, color.get(s.label, ""), layer, ro,
                        s.fragments)  # fmt: skip

    def _row(self, s: Span, color: dict[str, str]) -> AnnotationRow:
        detail = self.tr("event") if s.uuid in self._triggers else ""
        return AnnotationRow(s.uuid, s.start, s.end, s.label, s.text, color.get(s.label, ""),
                             detail)  # fmt: skip

    # -- whole layer ---------------------------------------------------------------------
    def refresh_layer(self) -> None:
        """Re-read the current document's annotations and show them everywhere."""
        self._pending = False
        self._load_timer.stop()
        project = self.session.project
        if project is None or self.doc is None:
            self._set_layer(_empty())
            self.view.set_spans([])
            self.annotations.set_rows([])
            self.select_span("")
            self.event_tools.refresh()
            return
        me = self.session.annotator
        self._set_layer(project.layer(self.doc.id, me) if me else project.layer(self.doc.id, ""))
        color = self._colors(project)
        view_spans = [self._view_span(s, color, s.annotator, False) for s in self._layer.spans]
        for other in self.other_layers:
            if other == me:
                continue
            view_spans += [
                self._view_span(s, color, other, True) for s in project.spans(self.doc.id, other)
            ]
        self.view.set_spans(view_spans)
        self.annotations.set_rows(
            [self._row(s, color) for s in self._layer.spans], self.selected_uuid
        )
        self.select_span(self.selected_uuid if self.selected_uuid in self._by_uuid else "")
        self.event_tools.refresh()

    def show_first_screen(self) -> bool:
        """Show only the spans of the first screen of a big document and read the rest on the
        next turn of the event loop. False (nothing done) when the document is small, the view
        is not on screen, a span is to be selected or other layers are shown."""
        project, doc, me = self.session.project, self.doc, self.session.annotator
        if project is None or doc is None or not me or not self.view.isVisible():
            return False
        if self.selected_uuid or any(o != me for o in self.other_layers):
            return False
        if project.span_count(doc.id, me) <= LAZY_SPANS:
            return False
        viewport = self.view.viewport()
        bottom = QPoint(viewport.width() // 2, viewport.height())
        bound = max(FIRST_SCREEN_MIN, self.view.paragraph_end_at(bottom) + 1)
        first = project.spans(doc.id, me, start_before=bound)
        color = self._colors(project)
        self._set_layer(DocumentAnnotations(doc))
        self._pending = True
        self.view.set_spans([self._view_span(s, color, me, False) for s in first])
        self.view.set_selected(None)
        self.annotations.set_rows([])
        self.event_tools.clear()
        self.details.show_span(None, project.schema)
        self._load_timer.start()
        return True

    def finish_loading(self) -> None:
        """Read the rest of a document shown by ``show_first_screen``."""
        if self._pending:
            self.refresh_layer()

    # -- one edit ------------------------------------------------------------------------
    def patch_layer(self, changes: Changes) -> bool:
        """Apply an edit of the current document's own layer record by record, from the
        versions the edit wrote (nothing is read back). False when the edit is of another
        kind (the caller then re-reads everything)."""
        project, doc, me = self.session.project, self.doc, self.session.annotator
        if project is None or doc is None or not me or self._pending:
            return False
        if changes.doc_ids != {doc.id} or any(o != me for o in self.other_layers):
            return False
        if not self.event_tools.schema_current():
            return False  # a schema edit (labels renamed, say): everything follows it
        if not changes.records:
            if not changes.status:
                return False
            self._document_row(changes)  # a status change: the layer is untouched
            self.select_span(self.selected_uuid if self.selected_uuid in self._by_uuid else "")
            return True
        records = changes.records
        if any(r.doc_id != doc.id or r.annotator != me for r in records):
            return False
        touched_spans = [r for r in records if isinstance(r, Span)]
        others = len(touched_spans) < len(records)
        refs_before, triggers_before = self._referenced, self._triggers
        spans = list(self._layer.spans)
        for s in touched_spans:
            old = self._by_uuid.get(s.uuid)
            if old is not None:
                del spans[bisect.bisect_left(spans, _span_key(old), key=_span_key)]
            if not s.deleted:
                spans.insert(bisect.bisect_left(spans, _span_key(s), key=_span_key), s)
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
                return False  # where they belong in the stored order is not known here
            live = {s.uuid for s in spans}
            wanted = {a.target for a in arguments} - {e.uuid for e in events}
            wanted |= {e.trigger for e in events} | {r.source for r in relations}
            if not wanted | {r.target for r in relations} <= live:
                return False  # they refer to a span written outside this window: re-read all
        assert events is not None and arguments is not None and relations is not None
        new = DocumentAnnotations(doc, tuple(spans), events, arguments, relations)
        self._set_layer(new, touched_spans, refs=others)

        color = self._colors(project)
        touched = {s.uuid for s in touched_spans}
        rows = set(touched)
        if others:  # rows whose "event" is shown or no longer
            rows |= triggers_before ^ self._triggers
        for uuid in rows:
            self.annotations.remove_row(uuid)
        for s in touched_spans:
            if s.deleted:
                self.view.remove_span(s.uuid)
            else:
                self.view.add_span(self._view_span(s, color, me, False))
        shown = [u for u in rows if u in self._by_uuid]
        for s in sorted((self._by_uuid[u] for u in shown), key=_span_key):
            index = bisect.bisect_left(spans, _span_key(s), key=_span_key)
            self.annotations.insert_row(index, self._row(s, color))
        self._document_row(changes)
        if not (changes.reason == "edit" and changes.select in self._by_uuid):
            # (an edit that selects a live record: the window selects it right after this)
            self.select_span(self.selected_uuid if self.selected_uuid in self._by_uuid else "")
        # (membership tests: a union of the two reference sets costs more than the edit)
        if others or any(u in refs_before or u in self._referenced for u in touched):
            self.event_tools.refresh()
        return True

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
        new = [r.uuid for r in written if r.uuid not in self._order]
        if len(new) > 1 or any(u not in created for u in new):
            return None
        for uuid in new:
            self._order[uuid] = len(self._order)
        by_uuid = {r.uuid: r for r in held}
        by_uuid.update((r.uuid, r) for r in written)
        live = [r for r in by_uuid.values() if not r.deleted]
        return tuple(sorted(live, key=lambda r: self._order[r.uuid]))

    def _document_row(self, changes: Changes) -> None:
        """The current document's row: its span count, and its status when the edit set
        it (otherwise the row keeps the status it shows)."""
        if self.doc is not None:
            me = self.session.annotator
            status: Status | None = None
            for st in changes.statuses:
                if (st.doc_id, st.annotator) == (self.doc.id, me):
                    status = st.status
            self.documents.update_row(self.doc.id, status, len(self._layer.spans))

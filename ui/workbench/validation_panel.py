"""The validation panel: problems of the current annotator's annotations, for the current
document or the whole project, from ``annotator.validation.check_layer``.

It only lists: nothing here blocks an edit or saving (every edit is already saved when it is
listed). It refreshes shortly after every ``Session.changed`` (coalesced with a zero-delay
timer, so a burst of changes costs one check), when the scope changes, and a moment after the
window shows another document (``document_shown``). Given the window's
layer (``layer_of``), the "this document" scope re-checks only the spans an edit touched when
no event, argument or relation is involved, all of them in one check: a document with 20,000
spans is not re-read and re-checked whole after every new span, and 10,000 spans accepted at
once are one check, not 10,000. Clicking a problem
emits ``issueChosen(doc_id, uuid)``; the window shows that record.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.model import DocumentAnnotations, Span
from annotator.validation import Issue, check_layer
from ui.i18n import core_text, plain_tooltip
from ui.session import Changes, Session
from ui.widgets import items

LayerOf = Callable[[], tuple[DocumentAnnotations, Mapping[str, Span]] | None]
"""the window's current layer and its spans by uuid (None: none shown)"""

SHOWN_CHECK_MS = 400
"""how long after a document is shown its problems are listed (a check of 20,000 spans takes
tens of milliseconds: not part of showing the document, done when the window is idle)"""

DOC_ROLE = Qt.ItemDataRole.UserRole
UUID_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Found:
    """An issue with the id of its document (``Issue`` carries only the name)."""

    doc_id: int
    issue: Issue


class ValidationPanel(QWidget):
    """Problems list with a scope chooser ("this document" / "all documents")."""

    issueChosen = Signal(int, str)
    """doc_id, uuid of the record with the problem"""
    countChanged = Signal(int)
    """the number of problems listed, after each check"""

    def __init__(
        self,
        session: Session,
        current_doc: Callable[[], int | None],
        parent: QWidget | None = None,
        layer_of: LayerOf | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.current_doc = current_doc
        self.layer_of = layer_of
        self._changes: list[Changes] = []
        self._cache: _Cache | None = None
        self.scope = QComboBox(self)
        self.scope.addItem(self.tr("This document"), "document")
        self.scope.addItem(self.tr("All documents"), "project")
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("Document"), self.tr("Problem"), self.tr("Details")])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        top = QHBoxLayout()
        top.addWidget(self.scope)
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.tree)
        self.found: list[Found] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)
        # the check of a document just shown, once the window is idle (``document_shown``)
        self._shown_timer = QTimer(self)
        self._shown_timer.setSingleShot(True)
        self._shown_timer.setInterval(SHOWN_CHECK_MS)
        self._shown_timer.timeout.connect(self.refresh)
        session.changed.connect(self._changed)
        self.scope.currentIndexChanged.connect(lambda _i: self.refresh())
        self.tree.itemClicked.connect(self._chosen)
        self.tree.itemActivated.connect(self._chosen)

    def _changed(self, changes: Changes) -> None:
        self._changes.append(changes)
        if self._shown_timer.isActive():
            # The document was just shown and its whole check is due in a moment: this change
            # is checked with it, not at once (the first edit after an open would otherwise
            # pay the whole layer's check in its own frame).
            return
        self._timer.start()

    def document_shown(self) -> None:
        """The window shows another document (or read its layer again): the "this document"
        scope lists its problems ``SHOWN_CHECK_MS`` later, off the open itself (an edit before
        then is checked with them, then)."""
        if self.scope.currentData() != "document":
            return
        self._cache = None  # what was checked is another document's layer
        self._shown_timer.start()

    def set_scope(self, scope: str) -> None:
        """``"document"`` or ``"project"``."""
        self.scope.setCurrentIndex(max(0, self.scope.findData(scope)))

    def check(self) -> list[Found]:
        """Run the checks for the current scope (the current annotator's layer)."""
        project = self.session.project
        if project is None:
            return []
        me = self.session.annotator or None
        current = self.current_doc()
        if self.scope.currentData() == "document":
            doc_ids = [current] if current is not None else []
        else:
            doc_ids = [d.id for d in project.documents()]
        out = []
        for doc_id in doc_ids:
            layer = project.layer(doc_id, me)
            out += [Found(doc_id, i) for i in check_layer(layer, project.schema, me or "")]
        return out

    def refresh(self) -> None:
        """Re-run the checks and show the result."""
        self._timer.stop()
        self._shown_timer.stop()
        changes, self._changes = self._changes, []
        found = self._recheck(changes)
        found = found if found is not None else self._check_all()
        if (
            found == self.found
            and self.summary.text()
            and self.tree.topLevelItemCount() == len(found)
        ):
            self.countChanged.emit(len(found))
            return  # most edits change no problem: keep the list (no rebuild, no repaint)
        self.found = found
        self.tree.clear()
        for f in self.found:
            item = QTreeWidgetItem([f.issue.doc, f.issue.kind, core_text(f.issue.message)])
            item.setData(0, DOC_ROLE, f.doc_id)
            item.setData(0, UUID_ROLE, f.issue.uuid)
            item.setToolTip(2, plain_tooltip(item.text(2)))
            self.tree.addTopLevelItem(item)
        for col in (0, 1):
            self.tree.resizeColumnToContents(col)
        n = len(self.found)
        self.summary.setText(
            self.tr("No problems") if n == 0 else self.tr("{0} problem(s)").format(n)
        )
        self.countChanged.emit(n)

    # -- one document, incrementally -----------------------------------------------------
    def _shown_layer(self) -> tuple[DocumentAnnotations, Mapping[str, Span]] | None:
        """The window's layer when it is what the "this document" scope checks."""
        if self.layer_of is None or self.scope.currentData() != "document":
            return None
        if not self.session.annotator or self.session.project is None:
            return None
        shown = self.layer_of()
        current = self.current_doc()
        if shown is None or current is None or shown[0].document.id != current:
            return None
        return shown

    def _check_all(self) -> list[Found]:
        shown = self._shown_layer()
        project = self.session.project
        if shown is None or project is None:
            self._cache = None
            return self.check()
        layer, spans = shown
        me = self.session.annotator
        issues = check_layer(layer, project.schema, me, spans)
        cache = _Cache(layer.document.id, me, project.schema)
        for issue in issues:
            if issue.uuid in spans:
                cache.by_span.setdefault(issue.uuid, []).append(issue)
            else:
                cache.rest.append(issue)
        self._cache = cache
        return cache.found(spans)

    def _recheck(self, changes: list[Changes]) -> list[Found] | None:
        """Re-check only the touched spans (None: the whole scope must be checked)."""
        shown, cache, project = self._shown_layer(), self._cache, self.session.project
        if shown is None or cache is None or project is None or not changes:
            return None
        layer, spans = shown
        doc = layer.document
        if (doc.id, self.session.annotator, project.schema) != (
            cache.doc_id,
            cache.annotator,
            cache.schema,
        ):
            return None
        touched: set[str] = set()
        for c in changes:
            if c.reason not in ("edit", "undo", "redo") or not c.doc_ids <= {doc.id}:
                return None
            for r in c.records:
                if not (
                    isinstance(r, Span) and r.doc_id == doc.id and r.annotator == cache.annotator
                ):
                    return None  # an event, argument or relation changed (or another layer)
                touched.add(r.uuid)
        # Only spans of this layer changed since the full check (each change since went
        # through here), so the events, arguments and relations, and the spans they refer
        # to, are still those the check saw: the layer's now.
        if cache.referenced is None:
            cache.referenced = _referenced(layer)
        if not touched.isdisjoint(cache.referenced):
            return None  # a span an event or relation refers to changed
        # the touched spans checked together (one pass: 10,000 accepted suggestions are one
        # check, not 10,000); a span's problems are its own, whatever spans it is checked with
        live = []
        for uuid in touched:
            cache.by_span.pop(uuid, None)
            span = spans.get(uuid)
            if span is not None:
                live.append(span)
        if live:
            live.sort(key=lambda s: (s.start, s.end, s.uuid))
            some = DocumentAnnotations(doc, tuple(live))
            by_uuid = {s.uuid: s for s in live}
            for issue in check_layer(some, project.schema, cache.annotator, by_uuid):
                cache.by_span.setdefault(issue.uuid, []).append(issue)
        return cache.found(spans)

    def kinds(self) -> list[str]:
        """The problem kinds listed, in order (for tests and the status line)."""
        return [str(it.text(1)) for it in items(self.tree)]

    def _chosen(self, item: QTreeWidgetItem) -> None:
        self.issueChosen.emit(int(item.data(0, DOC_ROLE)), str(item.data(0, UUID_ROLE)))


def _referenced(layer: DocumentAnnotations) -> set[str]:
    out = {e.trigger for e in layer.events} | {a.target for a in layer.arguments}
    return out | {r.source for r in layer.relations} | {r.target for r in layer.relations}


class _Cache:
    """The last full check of one document: span problems by span, the rest in order."""

    def __init__(self, doc_id: int, annotator: str, schema: object) -> None:
        self.doc_id, self.annotator, self.schema = doc_id, annotator, schema
        self.referenced: set[str] | None = None
        """the spans an event, argument or relation refers to (worked out at the first
        re-check: they do not change until a full check)"""
        self.by_span: dict[str, list[Issue]] = {}
        self.rest: list[Issue] = []

    def found(self, spans: Mapping[str, Span]) -> list[Found]:
        """All problems in ``check_layer``'s order: spans in reading order, then the rest."""

        def key(uuid: str) -> tuple[int, int, str]:
            s = spans[uuid]
            return (s.start, s.end, uuid)

        ordered = [i for u in sorted(self.by_span, key=key) for i in self.by_span[u]]
        return [Found(self.doc_id, i) for i in ordered + self.rest]

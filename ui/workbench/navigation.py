"""Which document the workbench shows, and moving through the project: opening a document,
the next or previous one, the next one not done, the next or previous annotation.

``NavigationController`` makes a document current in the ``DocumentModel`` (the views follow
its ``documentChanged`` signal) or selects another span through the ``SelectionController``;
it reads the document list and statuses from the project and writes nothing but a status,
through the ``EditingController``. It also follows the session (``follow``, on ``changed``):

- a project opened or refreshed, or another annotator: the current document again if the
  project still has it, else its first one (``show_project``);
- an undo or redo of an edit in another document: that document, with the record selected;
- an edit of the current document: the model applies the records it wrote
  (``LayerController.patch_layer``), or the layer is read again when it cannot; the span the
  edit selects is selected.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QStatusBar

from annotator.errors import AnnotatorError
from annotator.model import fields_of
from ui.session import Changes, Session
from ui.workbench.details import DetailsPanel
from ui.workbench.document import DocumentModel
from ui.workbench.editing import EditingController
from ui.workbench.layer_display import LayerController
from ui.workbench.panels import DocumentListPanel, LabelPalette
from ui.workbench.selection import SelectionController


class NavigationController(QObject):
    """Document and annotation navigation of one window."""

    def __init__(
        self,
        session: Session,
        model: DocumentModel,
        documents: DocumentListPanel,
        label_palette: LabelPalette,
        details: DetailsPanel,
        layers: LayerController,
        selection: SelectionController,
        editing: EditingController,
        status_bar: QStatusBar,
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.model = model
        self.label_palette = label_palette
        self.details = details
        self.layers = layers
        self.selection = selection
        self.editing = editing
        self.status_bar = status_bar
        self.documents = documents
        documents.documentActivated.connect(self.open_document)
        session.changed.connect(self.follow)

    # -- following the session -----------------------------------------------------------
    def show_project(self, keep_current: bool = True) -> None:
        """Show the session's project afresh: its labels, and the current document again when
        ``keep_current`` and the project still has it, else its first document."""
        project = self.session.project
        self.label_palette.set_labels(project.schema.span_labels() if project else [])
        doc = self.model.doc if keep_current else None
        if project is not None and doc is not None:
            try:
                doc = project.document(doc.id)
            except AnnotatorError:  # the document went away with the old project
                doc = None
        if project is not None and doc is None:
            first = project.document_names(limit=1)  # (not every document read for one)
            if first:
                doc = project.document(first[0][0])
        if project is None:
            doc = None
        self.model.set_document(doc)  # the views follow (LayerController)

    def follow(self, changes: Changes) -> None:
        """Show what a change of the session left: see the module's docstring."""
        model = self.model
        if changes.reason in ("project", "annotator"):
            if changes.reason == "project":
                model.selected_uuid = ""
            self.show_project()
            return
        current = model.doc.id if model.doc else None
        if (
            changes.reason in ("undo", "redo")
            and changes.doc_ids
            and current not in changes.doc_ids
        ):
            # Undo history spans documents: show the document the undone edit belongs to.
            self.details.flush_note()
            model.selected_uuid = changes.select
            project = self.session.project
            model.set_document(project.document(min(changes.doc_ids)) if project else None)
            return
        if changes.select or changes.reason != "edit":
            model.selected_uuid = changes.select
        if not self.layers.patch_layer(changes):  # one edit here: update what it touched
            self.layers.refresh_layer()
            self.layers.refresh_documents()
        if changes.select and changes.reason == "edit":
            self.selection.select_written(changes.select)

    # -- moving ----------------------------------------------------------------------------

    def open_document(self, doc_id: int) -> None:
        """Make document ``doc_id`` current (nothing selected); a pending note is saved
        first."""
        project, doc = self.session.project, self.model.doc
        if project is None or (doc is not None and doc.id == doc_id):
            return
        self.details.flush_note()
        self.model.selected_uuid = ""
        self.model.set_document(project.document(doc_id))

    def step_annotation(self, forward: bool) -> None:
        """Select the next (or previous) span in reading order, cycling."""
        uuids = fields_of(self.model.layer.spans, "uuid")  # (no record made per span)
        if not uuids:
            return
        selected = self.model.selected_uuid
        if selected in uuids:
            i = uuids.index(selected) + (1 if forward else -1)
        else:
            i = 0 if forward else len(uuids) - 1
        self.selection.go_to_span(uuids[i % len(uuids)])

    def _ids_and_here(self) -> tuple[list[int], int]:
        """The ids of the documents the list shows, in its order (its filters and sort:
        ``LayerController.listed_ids``; the project's documents when the list is not up to
        date), and the index of the current one (-1: none, or the list hides it)."""
        project, doc = self.session.project, self.model.doc
        ids = self.layers.listed_ids()  # the list's rows: nothing read again per keystroke
        if ids is None:
            ids = [doc_id for doc_id, _name in project.document_names()] if project else []
        return ids, ids.index(doc.id) if doc is not None and doc.id in ids else -1

    def _none_shown(self, ids: list[int]) -> bool:
        """Whether the list's filters hide every document (a message says so)."""
        if ids or not self.documents.rows:
            return False
        self.status_bar.showMessage(
            self.tr("The list shows no document: clear its filter to move through them."), 5000
        )
        return True

    def next_unfinished(self) -> None:
        """Open the next document (cycling) of the list, as it shows them (its filters and
        sort), the current annotator has not marked done; with the current document hidden
        by the filter, the first such row of the list."""
        project = self.session.project
        if project is None:
            return
        ids, here = self._ids_and_here()
        if self._none_shown(ids):
            return
        todo = project.unfinished(self.session.annotator, ids)
        doc = self.model.doc
        for doc_id in ids[here + 1 :] + ids[: here + 1]:
            if doc_id in todo and (doc is None or doc_id != doc.id):
                self.open_document(doc_id)
                return
        if len(ids) < len(self.documents.rows):
            message = self.tr("Every document the list shows is done.")
        else:
            message = self.tr("Every document is done.")
        self.status_bar.showMessage(message, 5000)

    def step_document(self, forward: bool) -> None:
        """Open the next (or previous) document of the list, cycling: the next row the list
        shows, in the order it shows them (its name, status and queue filters, its sort).
        When the filter hides the current document (or none is open), next opens the first
        row shown and previous the last; when it hides every document, nothing is opened and
        the status bar says so."""
        if self.session.project is None:
            return
        ids, here = self._ids_and_here()
        if self._none_shown(ids) or not ids:
            return
        if here < 0:
            self.open_document(ids[0] if forward else ids[-1])
        else:
            self.open_document(ids[(here + (1 if forward else -1)) % len(ids)])

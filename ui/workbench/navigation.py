"""Moving through the project: opening a document, the next or previous one, the next one not
done, and the next or previous annotation of the current document.

``NavigationController`` only makes another document current in the ``DocumentModel`` (the
views follow its ``documentChanged`` signal) or selects another span through the
``SelectionController``; it reads the document list and statuses from the project and writes
nothing but a status, through the ``EditingController``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QStatusBar

from annotator.model import Status
from ui.session import Session
from ui.workbench.details import DetailsPanel
from ui.workbench.document import DocumentModel
from ui.workbench.editing import EditingController
from ui.workbench.panels import DocumentListPanel
from ui.workbench.selection import SelectionController


class NavigationController(QObject):
    """Document and annotation navigation of one window."""

    def __init__(
        self,
        session: Session,
        model: DocumentModel,
        documents: DocumentListPanel,
        details: DetailsPanel,
        selection: SelectionController,
        editing: EditingController,
        status_bar: QStatusBar,
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.model = model
        self.details = details
        self.selection = selection
        self.editing = editing
        self.status_bar = status_bar
        documents.documentActivated.connect(self.open_document)

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
        uuids = [s.uuid for s in self.model.layer.spans]
        if not uuids:
            return
        selected = self.model.selected_uuid
        if selected in uuids:
            i = uuids.index(selected) + (1 if forward else -1)
        else:
            i = 0 if forward else len(uuids) - 1
        self.selection.go_to_span(uuids[i % len(uuids)])

    def _ids_and_here(self) -> tuple[list[int], int]:
        """The project's document ids and the index of the current one (-1: none)."""
        project, doc = self.session.project, self.model.doc
        ids = [d.id for d in project.documents()] if project is not None else []
        return ids, ids.index(doc.id) if doc is not None and doc.id in ids else -1

    def mark_done_and_next(self) -> None:
        self.editing.set_status(Status.DONE)
        self.next_unfinished()

    def next_unfinished(self) -> None:
        """Open the next document (cycling) the current annotator has not marked done."""
        project = self.session.project
        if project is None:
            return
        statuses = project.statuses(self.session.annotator)
        ids, here = self._ids_and_here()
        doc = self.model.doc
        for doc_id in ids[here + 1 :] + ids[: here + 1]:
            if statuses.get(doc_id, Status.NEW) != Status.DONE and (
                doc is None or doc_id != doc.id
            ):
                self.open_document(doc_id)
                return
        self.status_bar.showMessage(self.tr("Every document is done."), 5000)

    def step_document(self, forward: bool) -> None:
        """Open the next (or previous) document of the list, cycling."""
        if self.session.project is None:
            return
        ids, here = self._ids_and_here()
        if ids:
            self.open_document(ids[(here + (1 if forward else -1)) % len(ids)])

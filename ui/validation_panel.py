"""The validation panel: problems of the current annotator's annotations, for the current
document or the whole project, from ``annotator.validation.check_layer``.

It only lists: nothing here blocks an edit or saving (every edit is already saved when it is
listed). It refreshes shortly after every ``Session.changed`` (coalesced with a zero-delay
timer, so a burst of changes costs one check) and when the scope changes. Clicking a problem
emits ``issueChosen(doc_id, uuid)``; the window shows that record.
"""

from __future__ import annotations

from collections.abc import Callable
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

from annotator.validation import Issue, check_layer
from ui.panels import items, plain_tooltip
from ui.session import Session

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

    def __init__(
        self, session: Session, current_doc: Callable[[], int | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.current_doc = current_doc
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
        session.changed.connect(lambda _changes: self._timer.start())
        self.scope.currentIndexChanged.connect(lambda _i: self.refresh())
        self.tree.itemClicked.connect(self._chosen)
        self.tree.itemActivated.connect(self._chosen)

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
        self.found = self.check()
        self.tree.clear()
        for f in self.found:
            item = QTreeWidgetItem([f.issue.doc, f.issue.kind, f.issue.message])
            item.setData(0, DOC_ROLE, f.doc_id)
            item.setData(0, UUID_ROLE, f.issue.uuid)
            item.setToolTip(2, plain_tooltip(f.issue.message))
            self.tree.addTopLevelItem(item)
        for col in (0, 1):
            self.tree.resizeColumnToContents(col)
        n = len(self.found)
        self.summary.setText(
            self.tr("No problems") if n == 0 else self.tr("{0} problem(s)").format(n)
        )

    def kinds(self) -> list[str]:
        """The problem kinds listed, in order (for tests and the status line)."""
        return [str(it.text(1)) for it in items(self.tree)]

    def _chosen(self, item: QTreeWidgetItem) -> None:
        self.issueChosen.emit(int(item.data(0, DOC_ROLE)), str(item.data(0, UUID_ROLE)))

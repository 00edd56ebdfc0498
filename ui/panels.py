"""The dock panels around the document view: document list, label palette, annotation list.

Each panel is a plain widget fed with values (documents, labels, spans) by the main window; it
never reads the project itself and never writes: it emits signals. Item views show text as
plain text; tooltips go through ``plain_tooltip`` because Qt guesses rich text in tooltips.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtGui import Qt as GuiQt  # convertFromPlainText lives in QtGui's Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.model import Status
from annotator.schema import Label
from ui.colors import label_color

UUID_ROLE = Qt.ItemDataRole.UserRole
EXCERPT = 60


def plain_tooltip(text: str) -> str:
    """A tooltip string that Qt shows literally, whatever markup ``text`` contains."""
    return str(GuiQt.convertFromPlainText(text, GuiQt.WhiteSpaceMode.WhiteSpacePre))


def items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    """The top-level items of a flat tree widget."""
    found = (tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))
    return [it for it in found if it is not None]


def swatch(color: str, size: int = 14) -> QIcon:
    pix = QPixmap(size, size)
    pix.fill(label_color(color))
    return QIcon(pix)


def status_text(status: Status) -> str:
    return {Status.NEW: "new", Status.IN_PROGRESS: "in progress", Status.DONE: "done"}[status]


@dataclass(frozen=True)
class DocumentRow:
    doc_id: int
    name: str
    status: Status
    count: int


class DocumentListPanel(QWidget):
    """Documents with the current annotator's status and annotation count; filterable."""

    documentActivated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("Filter by name"))
        self.filter_edit.setClearButtonEnabled(True)
        self.status_filter = QComboBox(self)
        self.status_filter.addItem(self.tr("All"), "")
        for st in Status:
            self.status_filter.addItem(status_text(st), st.value)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("Name"), self.tr("Status"), self.tr("Spans")])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.status_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.tree)
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.status_filter.currentIndexChanged.connect(self._apply_filter)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        self.rows: list[DocumentRow] = []

    def set_rows(self, rows: Sequence[DocumentRow], current: int | None) -> None:
        self.rows = list(rows)
        self.tree.clear()
        for row in rows:
            item = QTreeWidgetItem([row.name, status_text(row.status), str(row.count)])
            item.setData(0, UUID_ROLE, row.doc_id)
            item.setData(1, UUID_ROLE, row.status.value)
            item.setToolTip(0, plain_tooltip(row.name))
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.tree.addTopLevelItem(item)
            if row.doc_id == current:
                self.tree.setCurrentItem(item)
        self.tree.resizeColumnToContents(1)
        self._apply_filter()

    def _apply_filter(self) -> None:
        needle = self.filter_edit.text().casefold()
        status = self.status_filter.currentData()
        for item in items(self.tree):
            hide = bool(needle) and needle not in item.text(0).casefold()
            hide = hide or (bool(status) and item.data(1, UUID_ROLE) != status)
            item.setHidden(hide)

    def visible_ids(self) -> list[int]:
        return [int(it.data(0, UUID_ROLE)) for it in items(self.tree) if not it.isHidden()]

    def _activated(self, item: QTreeWidgetItem) -> None:
        self.documentActivated.emit(int(item.data(0, UUID_ROLE)))


class LabelPalette(QWidget):
    """Span labels (entities, then event types) with colour, both names and hotkey."""

    labelChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setIconSize(QSize(14, 14))
        self.list.setUniformItemSizes(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.list)
        self.list.itemClicked.connect(lambda it: self.labelChosen.emit(it.data(UUID_ROLE)))
        self.list.itemActivated.connect(lambda it: self.labelChosen.emit(it.data(UUID_ROLE)))

    def set_labels(self, labels: Sequence[Label]) -> None:
        self.list.clear()
        for lab in labels:
            if not lab.annotatable:
                continue
            key = f"  [{lab.hotkey}]" if lab.hotkey else ""
            ar = f" · {lab.ar}" if lab.ar else ""
            item = QListWidgetItem(swatch(lab.color), f"{lab.en or lab.name}{ar}{key}")
            item.setData(UUID_ROLE, lab.name)
            item.setToolTip(plain_tooltip(f"{lab.name}\n{lab.en}\n{lab.ar}"))
            self.list.addItem(item)

    def set_current(self, label: str) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(UUID_ROLE) == label:
                self.list.setCurrentItem(item)
                return
        self.list.clearSelection()

    def item_for(self, label: str) -> QListWidgetItem | None:
        for i in range(self.list.count()):
            if self.list.item(i).data(UUID_ROLE) == label:
                return self.list.item(i)
        return None


@dataclass(frozen=True)
class AnnotationRow:
    uuid: str
    start: int
    end: int
    label: str
    text: str
    color: str
    detail: str = ""
    """e.g. "event" for triggers, or the roles it fills"""


class AnnotationListPanel(QWidget):
    """Annotations of the current document (own layer) in reading order."""

    annotationChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("Label"), self.tr("Text"), self.tr("Where")])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.tree)
        self.tree.itemClicked.connect(lambda it: self.annotationChosen.emit(it.data(0, UUID_ROLE)))
        self.tree.itemActivated.connect(
            lambda it: self.annotationChosen.emit(it.data(0, UUID_ROLE))
        )

    def set_rows(self, rows: Sequence[AnnotationRow], selected: str = "") -> None:
        self.tree.clear()
        for row in rows:
            excerpt = row.text if len(row.text) <= EXCERPT else row.text[: EXCERPT - 1] + "…"
            label = f"{row.label} ({row.detail})" if row.detail else row.label
            item = QTreeWidgetItem([label, excerpt.replace("\n", " "), f"{row.start}–{row.end}"])
            item.setData(0, UUID_ROLE, row.uuid)
            item.setIcon(0, swatch(row.color))
            item.setToolTip(1, plain_tooltip(row.text))
            item.setForeground(2, QColor(110, 110, 110))
            self.tree.addTopLevelItem(item)
        self.tree.resizeColumnToContents(0)
        self.set_selected(selected)

    def set_selected(self, uuid: str) -> None:
        for item in items(self.tree):
            if item.data(0, UUID_ROLE) == uuid:
                self.tree.setCurrentItem(item)
                self.tree.scrollToItem(item)
                return
        self.tree.clearSelection()

    def uuids(self) -> list[str]:
        return [str(it.data(0, UUID_ROLE)) for it in items(self.tree)]

"""The dock panels around the document view: document list, label palette, annotation list.

Each panel is a plain widget fed with values (documents, labels, spans) by the main window; it
never reads the project itself and never writes: it emits signals. Item views show text as
plain text; tooltips go through ``plain_tooltip`` because Qt guesses rich text in tooltips.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.model import Status
from annotator.schema import Label
from ui.i18n import is_rtl_text, label_display, status_text
from ui.widgets import EXCERPT, items, plain_tooltip, swatch

UUID_ROLE = Qt.ItemDataRole.UserRole


class DirectionalDelegate(QStyledItemDelegate):
    """Lays each cell's text out in its own direction (its first strong character), so a
    name too long for its column is elided at the end that reads last: the left end of an
    Arabic name, the right end of an English one, whatever the interface direction."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        text = option.text
        if text:
            rtl = is_rtl_text(text)
            option.direction = (
                Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
            )
            option.textElideMode = Qt.TextElideMode.ElideRight


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
        # names read from their start: elided at their end, never in the middle
        self.tree.setItemDelegate(DirectionalDelegate(self.tree))
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
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
        self._apply_filter()

    def update_row(self, doc_id: int, status: Status | None, count: int) -> None:
        """Refresh one document's status (None: keep the one shown) and annotation count
        (after an edit in it)."""
        for item in items(self.tree):
            if item.data(0, UUID_ROLE) == doc_id:
                if status is not None:
                    item.setText(1, status_text(status))
                    item.setData(1, UUID_ROLE, status.value)
                item.setText(2, str(count))
                self.rows = [
                    DocumentRow(r.doc_id, r.name, status or r.status, count)
                    if r.doc_id == doc_id
                    else r
                    for r in self.rows
                ]
                self._apply_filter()
                return

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
        self.list.setItemDelegate(DirectionalDelegate(self.list))
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
            # both names, the interface language's first (Arabic in Arabic)
            names = dict.fromkeys([label_display(lab), lab.en or lab.name, lab.ar])
            shown = " · ".join(n for n in names if n)
            item = QListWidgetItem(swatch(lab.color), f"{shown}{key}")
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


class _AnnotationItem(QTreeWidgetItem):
    """One annotation row; its tooltip is made when Qt asks for it (20,000 rows are common)."""

    def __init__(self, texts: list[str], covered: str) -> None:
        super().__init__(texts)
        self.covered = covered

    def data(self, column: int, role: int) -> Any:
        if column == 1 and role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self.covered)
        return super().data(column, role)


class AnnotationListPanel(QWidget):
    """Annotations of the current document (own layer) in reading order.

    Rows are built in one batch by ``set_rows`` and then kept up to date one at a time
    (``insert_row``/``remove_row``), so an edit in a document with 20,000 spans touches one row.
    """

    annotationChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("Label"), self.tr("Text"), self.tr("Where")])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setItemDelegate(DirectionalDelegate(self.tree))
        # the label column fits its labels, the text takes the rest, Where always shows
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(0, 120)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.tree)
        self.tree.itemClicked.connect(lambda it: self.annotationChosen.emit(it.data(0, UUID_ROLE)))
        self.tree.itemActivated.connect(
            lambda it: self.annotationChosen.emit(it.data(0, UUID_ROLE))
        )
        self._items: dict[str, QTreeWidgetItem] = {}
        self._icons: dict[str, QIcon] = {}
        self._grey = QColor(110, 110, 110)

    def _item(self, row: AnnotationRow) -> QTreeWidgetItem:
        excerpt = row.text if len(row.text) <= EXCERPT else row.text[: EXCERPT - 1] + "…"
        label = f"{row.label} ({row.detail})" if row.detail else row.label
        item = _AnnotationItem(
            [label, excerpt.replace("\n", " "), f"{row.start}–{row.end}"], row.text
        )
        item.setData(0, UUID_ROLE, row.uuid)
        icon = self._icons.get(row.color)
        if icon is None:
            icon = self._icons[row.color] = swatch(row.color)
        item.setIcon(0, icon)
        item.setForeground(2, self._grey)
        self._items[row.uuid] = item
        return item

    def set_rows(self, rows: Sequence[AnnotationRow], selected: str = "") -> None:
        self.tree.clear()
        self._items = {}
        self.tree.addTopLevelItems([self._item(row) for row in rows])
        self.tree.resizeColumnToContents(0)
        self.set_selected(selected)

    def insert_row(self, index: int, row: AnnotationRow) -> None:
        """Show one more row at ``index`` (reading order is the caller's)."""
        self.remove_row(row.uuid)
        self.tree.insertTopLevelItem(index, self._item(row))

    def remove_row(self, uuid: str) -> None:
        item = self._items.pop(uuid, None)
        if item is not None:
            self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(item))

    def set_selected(self, uuid: str) -> None:
        item = self._items.get(uuid) if uuid else None
        if item is not None:
            self.tree.setCurrentItem(item)
            self.tree.scrollToItem(item)
            return
        self.tree.clearSelection()

    def uuids(self) -> list[str]:
        return [str(it.data(0, UUID_ROLE)) for it in items(self.tree)]

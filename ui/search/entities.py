"""The entity list: every mention in the corpus grouped by label and folded text, with counts
and layers. Activating a group emits ``entityActivated(group)`` (the window shows its
concordance); the context menu asks for relabelling or deleting all of a group
(``relabelRequested(group, label)``, ``deleteRequested(group)``), which the window performs as
one undoable step.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.search import EntityGroup, fold_text
from annotator.text import visible_invisibles
from ui.i18n import label_tag, menu_text, plain_tooltip
from ui.modal import freed

if TYPE_CHECKING:
    from annotator.schema import Label

_Index = QModelIndex | QPersistentModelIndex
GROUP_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
FILTER_ROLE = Qt.ItemDataRole.UserRole + 3


class EntityModel(QAbstractTableModel):
    """Entity groups: label, text, mentions, documents, layers.

    The model sorts itself (``sort``: one key per group, Python's sort), and the proxy hands
    the view's sort to it: a ``QSortFilterProxyModel`` sorting on a role asks ``data`` twice
    per comparison (QA: 32,911 groups, 558,000 calls and 6 s per reset of the list)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.groups: list[EntityGroup] = []
        self._given: list[EntityGroup] = []
        """the groups in the order given (most mentions first): each sort starts from it, so
        equal keys keep that order whatever the sorts before"""
        self._filter_keys: list[str] | None = None
        self.shown: Mapping[str, str] = {}
        """label name → the name its tag in the text shows (``ui.i18n.label_tag``)"""
        self.sort_column = -1
        self.sort_order = Qt.SortOrder.AscendingOrder
        self._headers = (
            self.tr("Label"),
            self.tr("Text"),
            self.tr("Mentions"),
            self.tr("Documents"),
            self.tr("Layers"),
        )

    def set_groups(
        self, groups: Sequence[EntityGroup], shown: Mapping[str, str] | None = None
    ) -> None:
        """Show ``groups``, sorted as the list is; ``shown`` maps a label name to the name
        shown for it (a label missing there shows its own name)."""
        self.beginResetModel()
        old = self._given
        self._given = list(groups)
        self.shown = dict(shown or {})
        self.groups = self._sorted()
        self._filter_keys = None
        self.endResetModel()
        let_go(old)

    def sort_key(self, group: EntityGroup, column: int) -> str | int:
        """What column ``column`` sorts ``group`` by (the label as shown, the folded text,
        mentions, documents, layers)."""
        if column == 0:
            return self.label_shown(group)
        if column == 1:
            return group.key
        if column == 2:
            return group.count
        if column == 3:
            return group.documents
        return len(group.layers)

    def _sorted(self) -> list[EntityGroup]:
        column = self.sort_column
        if column < 0:
            return list(self._given)
        descending = self.sort_order == Qt.SortOrder.DescendingOrder
        return sorted(
            self._given, key=lambda g: self.sort_key(g, column), reverse=descending
        )  # (reverse keeps equal keys in the order given, as a stable sort does)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the groups by ``column``; selected rows stay selected."""
        self.sort_column, self.sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        held = [self.groups[i.row()] for i in old]
        self.groups = self._sorted()
        self._filter_keys = None
        row = {id(g): r for r, g in enumerate(self.groups)}
        self.changePersistentIndexList(
            old, [self.index(row[id(g)], i.column()) for g, i in zip(held, old, strict=True)]
        )
        self.layoutChanged.emit()

    def filter_key(self, row: int) -> str:
        """What the filter looks in for row ``row``: the folded label, as named and as
        shown, and the folded text (made once for every row, not per keystroke)."""
        if self._filter_keys is None:
            labels = {g.label for g in self._given}
            named = {
                lab: f"{fold_text(lab)} {fold_text(self.shown.get(lab, lab))}" for lab in labels
            }
            self._filter_keys = [f"{named[g.label]} {g.key}" for g in self.groups]
        return self._filter_keys[row]

    def label_shown(self, group: EntityGroup) -> str:
        """The name the Label column shows for the group's label."""
        return self.shown.get(group.label, group.label)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.groups)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        group = self.groups[index.row()]
        column = index.column()
        if role == GROUP_ROLE:
            return group
        if role == FILTER_ROLE:
            return self.filter_key(index.row())
        if role == SORT_ROLE:
            return self.sort_key(group, column)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(group, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            # Qt guesses rich text in tooltips: a label, text or layer holding markup stays literal
            return plain_tooltip(self._text(group, column))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (2, 3):
            return Qt.AlignmentFlag.AlignCenter
        return None

    def _text(self, group: EntityGroup, column: int) -> str:
        if column == 0:
            return self.label_shown(group)
        if column == 1:
            return visible_invisibles(group.text)
        if column == 2:
            return str(group.count)
        if column == 3:
            return str(group.documents)
        return ", ".join(f"{layer} ({n})" for layer, n in group.layers.items())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None


def let_go(items: list[EntityGroup]) -> None:
    """Free the groups of a big list on another thread, a slice at a time: freeing the
    mentions of 340,000 spans at once took the window's thread 140 ms when the list was read
    again (each slice holds the interpreter for a moment only)."""
    if len(items) < 1000:
        return

    def drop() -> None:
        while items:
            del items[-500:]
            time.sleep(0)

    threading.Thread(target=drop, name="entity-list-free", daemon=True).start()


class _Filter(QSortFilterProxyModel):
    """Keeps the groups whose label or folded text contains the folded filter text; the
    view's sort goes to the ``EntityModel`` (which sorts itself), never done here."""

    def __init__(self, parent: QWidget, model: EntityModel) -> None:
        super().__init__(parent)
        self.needle = ""
        self.entities = model
        self.setSourceModel(model)

    def set_needle(self, text: str) -> None:
        self.beginFilterChange()
        self.needle = fold_text(text.strip())
        self.endFilterChange()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.entities.sort(column, order)

    def filterAcceptsRow(self, row: int, parent: _Index) -> bool:
        return not self.needle or self.needle in self.entities.filter_key(row)


class EntityList(QWidget):
    """A filter box above the table of entity groups."""

    entityActivated = Signal(object)
    """the EntityGroup activated (double click, Enter)"""
    relabelRequested = Signal(object, str)
    deleteRequested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Filter by label or text"))
        self.filter.setClearButtonEnabled(True)
        self.model = EntityModel(self)
        self.proxy = _Filter(self, self.model)
        self.busy = QLabel(self.tr("Reading the annotations…"), self)
        self.busy.setTextFormat(Qt.TextFormat.PlainText)
        self.busy.hide()
        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((90, 200, 80, 90)):
            self.view.setColumnWidth(column, width)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        column_layout = QVBoxLayout(self)
        column_layout.setContentsMargins(4, 4, 4, 4)
        column_layout.addWidget(self.filter)
        column_layout.addWidget(self.busy)
        column_layout.addWidget(self.view, 1)
        self.labels: list[str] = []
        """the label names offered for relabelling"""
        self.shown: dict[str, str] = {}
        """label name → the name shown for it (``label_tag``, as the text's tags)"""
        self.filter.textChanged.connect(self.proxy.set_needle)
        self.view.activated.connect(self._activated)
        self.view.doubleClicked.connect(self._activated)
        self.view.customContextMenuRequested.connect(self._menu)

    def set_groups(self, groups: Sequence[EntityGroup], labels: Sequence[str | Label] = ()) -> None:
        """Show ``groups`` (from ``annotator.search.entity_groups``); ``labels`` are offered
        for relabelling. Given as the schema's labels (``schema.span_labels()``), each shows
        as its tags in the text do (``label_tag``: the Arabic form in Arabic) and only the
        annotatable ones are offered (a parent type such as Life is not); a bare name shows
        and is offered as it is."""
        self.shown = {
            lab if isinstance(lab, str) else lab.name: lab
            if isinstance(lab, str)
            else label_tag(lab)
            for lab in labels
        }
        self.labels = [
            lab if isinstance(lab, str) else lab.name
            for lab in labels
            if isinstance(lab, str) or lab.annotatable
        ]
        current = self.view.currentIndex()
        was = self.group_at(current.row()) if current.isValid() else None
        self.model.set_groups(groups, self.shown)
        if was is not None:  # the group shown before stays current (the list is read again
            # after every edit)
            for row, group in enumerate(self.model.groups):
                if (group.label, group.key) == (was.label, was.key):
                    self.view.setCurrentIndex(
                        self.proxy.mapFromSource(self.model.index(row, current.column()))
                    )
                    break

    def set_busy(self, busy: bool) -> None:
        """Say that the list is being read again (in the background), or no longer."""
        self.busy.setVisible(busy)

    def group_at(self, row: int) -> EntityGroup:
        """The group shown at ``row`` (after sorting and filtering)."""
        group = self.proxy.data(self.proxy.index(row, 0), GROUP_ROLE)
        assert isinstance(group, EntityGroup)
        return group

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.entityActivated.emit(self.group_at(index.row()))

    def menu_for(self, row: int) -> QMenu:
        """The context menu of one row (built apart, so tests can trigger its actions)."""
        group = self.group_at(row)
        menu = QMenu(self)
        menu.addAction(self.tr("Show concordance"), lambda: self.entityActivated.emit(group))
        relabel = menu.addMenu(self.tr("Relabel all as"))
        for label in self.labels:
            if label != group.label:
                relabel.addAction(
                    menu_text(self.shown.get(label, label)),
                    partial(self.relabelRequested.emit, group, label),
                )
        relabel.setEnabled(bool(relabel.actions()))
        menu.addAction(
            self.tr("Delete all {0} mentions").format(group.count),
            lambda: self.deleteRequested.emit(group),
        )
        return menu

    def _menu(self, point: QPoint) -> None:
        index = self.view.indexAt(point)
        if index.isValid():
            with freed(self.menu_for(index.row())) as menu:
                menu.exec(self.view.viewport().mapToGlobal(point))

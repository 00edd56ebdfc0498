"""The concordance table: keyword-in-context lines laid out for right-to-left reading.

The view runs right to left, so the model's columns in reading order (document, context
before, keyword, context after) appear from the right edge: the context that precedes the
keyword in reading order stands on its right. Each context cell is aligned against the keyword
(screen alignment from ``annotator.search.kwic.layout``), so the keyword column lines up and a
long context is cut on its far side. Cells are plain text with bidi controls and zero-width
characters shown as ⟦NAME⟧ markers (untrusted text never reorders the table); tooltips go
through ``plain_tooltip`` (Qt guesses rich text in tooltips).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from annotator.search import KwicLine, SortBy, layout, sort_lines
from annotator.text import visible_invisibles
from ui.i18n import plain_tooltip

_Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("document", "before", "keyword", "after")
_SORTS = {0: SortBy.DOCUMENT, 1: SortBy.BEFORE, 2: SortBy.KEYWORD, 3: SortBy.AFTER}
_ALIGN = {
    "left": Qt.AlignmentFlag.AlignLeft,
    "right": Qt.AlignmentFlag.AlignRight,
    "center": Qt.AlignmentFlag.AlignHCenter,
}


def _cell(text: str) -> str:
    return visible_invisibles(text)


class ConcordanceModel(QAbstractTableModel):
    """Concordance lines; rows are appended as results stream in; sortable by any column."""

    def __init__(self, parent: QWidget | None = None, rtl: bool = True) -> None:
        super().__init__(parent)
        self.lines: list[KwicLine] = []
        self.names: dict[int, str] = {}
        self._sort: tuple[int, Qt.SortOrder] | None = None
        screen = {c.field: c.align for c in layout(rtl)}
        # AlignAbsolute: left means the left of the screen, also in a right-to-left view
        self._align = {
            k: _ALIGN[screen[f]] | Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignAbsolute
            for k, f in enumerate(COLUMNS)
            if f in screen
        }
        self._align[0] = Qt.AlignmentFlag.AlignCenter
        self._headers = (self.tr("Document"), self.tr("Before"), self.tr("Hit"), self.tr("After"))

    # -- filling -------------------------------------------------------------------------
    def clear(self) -> None:
        self.beginResetModel()
        self.lines = []
        self.endResetModel()

    def append(self, lines: Sequence[KwicLine], names: dict[int, str] | None = None) -> None:
        """Add lines at the end (a streamed batch)."""
        if names:
            self.names.update(names)
        if not lines:
            return
        first = len(self.lines)
        self.beginInsertRows(QModelIndex(), first, first + len(lines) - 1)
        self.lines.extend(lines)
        self.endInsertRows()

    def set_lines(self, lines: Sequence[KwicLine], names: dict[int, str] | None = None) -> None:
        self.beginResetModel()
        self.lines = list(lines)
        self.names = dict(names or {})
        self.endResetModel()
        if self._sort is not None:
            self.sort(*self._sort)

    def line(self, row: int) -> KwicLine:
        return self.lines[row]

    # -- Qt model ------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                text = self.names.get(line.doc_id, str(line.doc_id))
            else:
                text = _cell((line.before, line.keyword, line.after)[column - 1])
            # Qt guesses rich text in tooltips: a name or context holding markup stays literal
            return plain_tooltip(text) if role == Qt.ItemDataRole.ToolTipRole else text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._align[column]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def apply_sort(self) -> None:
        """Sort the lines by the column asked for last, unless they are in its order already:
        lines stream in in document order, the table's first order (re-sorting 20,000 lines
        and resetting the table when a search ended took the window 40-80 ms)."""
        if self._sort is None:
            return
        column, order = self._sort
        if column == 0 and order == Qt.SortOrder.AscendingOrder:
            places = [(line.doc_id, line.start) for line in self.lines]
            if all(a <= b for a, b in pairwise(places)):
                return
        self.sort(column, order)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by the document, the words before (nearest first), the hit or the words after."""
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        descending = order == Qt.SortOrder.DescendingOrder
        self.lines = sort_lines(self.lines, _SORTS[column], descending)
        self.layoutChanged.emit()


class ConcordanceView(QTableView):
    """The table of a concordance, right to left; a click (or Enter) on a row emits
    ``hitActivated(doc_id, start, end)``."""

    hitActivated = Signal(int, int, int)

    def __init__(self, model: ConcordanceModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.concordance = model
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSortingEnabled(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)  # the alignment cuts the far side
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)  # the context after: aligned against the keyword
        header.setSortIndicatorShown(True)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        for column, width in enumerate((110, 330, 110, 330)):
            self.setColumnWidth(column, width)
        self.activated.connect(self._activated)
        self.clicked.connect(self._activated)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            line = self.concordance.line(index.row())
            self.hitActivated.emit(line.doc_id, line.start, line.end)

"""Small widget helpers every ui package shares: literal tooltips, colour swatches, tree items.

Tooltips go through ``plain_tooltip`` because Qt guesses rich text in tooltips.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QPointF, Qt
from PySide6.QtGui import (
    QColor,
    QIcon,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QStylePainter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from ui.docview.colors import label_color
from ui.docview.sides import own_side
from ui.i18n import is_rtl_text

EXCERPT = 60


def items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    """The top-level items of a flat tree widget."""
    found = (tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))
    return [it for it in found if it is not None]


def swatch(color: str, size: int = 14, *, event: bool = False) -> QIcon:
    """A square of a label's colour; with ``event``, a white diamond with a dark edge in it
    (the mark of an event's trigger in lists, where a word after the label would take the
    room of the text)."""
    pix = QPixmap(size, size)
    pix.fill(label_color(color))
    if event:
        painter = QPainter(pix)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(QColor(30, 30, 30), 1.2))
        painter.setBrush(QColor(255, 255, 255))
        c, r = size / 2, size * 0.36
        painter.drawPolygon(
            QPolygonF([QPointF(c, c - r), QPointF(c + r, c), QPointF(c, c + r), QPointF(c - r, c)])
        )
        painter.end()
    return QIcon(pix)


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


class DirectionalComboBox(QComboBox):
    """A combo box that lays each name out in its own direction, as the document list does
    (``DirectionalDelegate``): its list through that delegate, the chosen name by painting it
    in the name's direction. In the right-to-left interface ``000_3626081446f7037e`` would
    otherwise read ``3626081446f7037e_000``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(DirectionalDelegate(self))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)  # as QComboBox.paintEvent, but for the text direction
        painter.setPen(self.palette().color(QPalette.ColorRole.Text))
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        if self.currentIndex() < 0 and self.placeholderText():
            option.palette.setBrush(QPalette.ColorRole.ButtonText, option.palette.placeholderText())
            option.currentText = self.placeholderText()
        text = option.currentText  # the label's place follows the widget, its order the text
        rtl = (
            is_rtl_text(text) if text else self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        )
        painter.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        )
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)


def lines_in_their_direction(edit: QPlainTextEdit) -> None:
    """Lay each line (paragraph) of ``edit`` out from its own side: an Arabic line at the
    right edge, a Latin one at the left, in either interface. A plain text edit applies one
    text option to every paragraph and reads its default AlignLeft as absolute, so Arabic
    report lines hugged the left edge; ``ui.docview.sides.own_side`` sets each paragraph
    from its own side without justifying a line, as the document view does."""
    document = edit.document()
    document.setDefaultTextOption(own_side(document.defaultTextOption()))


class ListModel(QAbstractTableModel):
    """A three-column list with the panel's ``headers`` (translated in its context): what the
    document, annotation and suggestion lists share (each gives its rows and cells)."""

    headers: list[str]

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None


def list_table(table: QTableView, modes: tuple[QHeaderView.ResizeMode, ...]) -> None:
    """Make ``table`` one of the window's lists: rows selected whole, one at a time, not
    edited, one text line high with no grid and no row numbers; Tab leaves the list; cells
    laid out from their text's own side (``DirectionalDelegate``: names elided at their end);
    the header's columns sized by ``modes``."""
    table.setItemDelegate(DirectionalDelegate(table))
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    rows = table.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(table.fontMetrics().height() + 6)
    header = table.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
    header.setHighlightSections(False)
    header.setStretchLastSection(False)
    for column, mode in enumerate(modes):
        header.setSectionResizeMode(column, mode)

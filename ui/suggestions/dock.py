"""The suggestions dock: the confidence threshold slider, the open document's suggestions
(label, text, score, source; plain text in an item view), the accept/reject buttons and
"Withdraw these suggestions" (every pending suggestion of the selected one's source, not
remembered as rejected: a button, and the list's context menu).

The list is a table view on the controller's ``rows`` (an item model: no widget per row, only
the rows on screen are asked for), so a document with 143,000 suggestions opens at once and an
edit splices its rows in or out; the row of the suggestion selected in the text is selected.
The Score column is as wide as its header and the scores of ``SCORE_ROWS`` rows (the first
on screen): Qt's default measured 1,000 rows at every reset of the list, three times over, so
the redo of annotate-all styled ~3,000 rows off screen (QA: ~0.9 s on the window's thread).
The Label column (the user may widen it) starts as wide as the widest name a suggestion's label
may have (``SuggestionController.label_names``: the schema's labels, a few): in the Arabic
interface its default width elided "كيان جغرافي سياسي"."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QItemSelectionModel,
    QModelIndex,
    QSettings,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSlider,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.search.suggestions import Suggestion
from ui.suggestions.controller import SuggestionController
from ui.suggestions.rows import UUID_ROLE as UUID_ROLE
from ui.suggestions.rows import score_text
from ui.widgets import list_table

LABEL_CHARS = 24
"""the Label column's first width at most, in average characters of the list's font"""

BUTTON_ROWS = {
    "accept": (0, 0, 1),
    "reject": (0, 1, 1),
    "accept_all": (0, 2, 1),
    "reject_all": (1, 0, 1),
    "withdraw": (1, 1, 2),
}
"""where each button goes (row, column, columns taken): Accept, Reject and Accept all above,
Reject all and "Withdraw these suggestions" below, as many rows as the four buttons in a row
and Withdraw below them took, and ~60 px narrower"""

SETTINGS_THRESHOLD = "suggestions/threshold"
"""the threshold slider's value (hundredths), remembered as the model panel remembers
"Retrain after" (``model_panel.SETTINGS_RETRAIN_AFTER``: the application's settings)"""

SCORE_ROWS = 16
"""how many rows the Score column's width is measured on (``setResizeContentsPrecision``:
those on screen first; every score is written as "0.00", so a few rows tell): not 0, which
measures every row of a list not shown"""


def remembered_threshold() -> int | None:
    """The threshold last set (hundredths, 0..100), or None when none is remembered (or the
    setting is not a number)."""
    value = QSettings().value(SETTINGS_THRESHOLD)
    if value is None:
        return None
    try:
        number = int(str(value))
    except ValueError:
        return None
    return number if 0 <= number <= 100 else None


class SuggestionTable(QTableView):
    """The suggestion list: a table on ``SuggestionRows`` (a table, not a tree: a tree view
    lays out every row, asking the model about each, whenever a row comes or goes)."""

    moved = Signal(QModelIndex)
    """a key moved the highlighted row (the arrows, PgUp/PgDown, Home/End, a letter): the
    new current index. Not emitted when rows come, go or are reset under the highlight (a span
    drawn over the highlighted suggestion must not carry the text off to another one)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        before = self.currentIndex()
        super().keyPressEvent(event)
        after = self.currentIndex()
        if after.isValid() and after.row() != before.row():
            self.moved.emit(after)

    def topLevelItemCount(self) -> int:
        """The rows shown (as a tree widget counts its items)."""
        return self.model().rowCount()

    def topLevelItem(self, row: int) -> RowCells | None:
        """Row ``row``'s cells, read as a tree widget's item is read (None past the end)."""
        return RowCells(self.model(), row) if 0 <= row < self.model().rowCount() else None


class RowCells:
    """One row of the list, read as a ``QTreeWidgetItem`` is: ``text``, ``toolTip`` and
    ``data`` of a column (made when asked, from the model: no item is kept per row)."""

    def __init__(self, model: QAbstractItemModel, row: int) -> None:
        self.model, self.row = model, row

    def data(self, column: int, role: int) -> Any:
        return self.model.data(self.model.index(self.row, column), role)

    def text(self, column: int) -> str:
        return str(self.data(column, Qt.ItemDataRole.DisplayRole) or "")

    def toolTip(self, column: int) -> str:
        return str(self.data(column, Qt.ItemDataRole.ToolTipRole) or "")


class SuggestionsPanel(QWidget):
    """Threshold, list and buttons for a ``SuggestionController``."""

    def __init__(self, controller: SuggestionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setObjectName("suggestion_threshold")
        self.slider.setRange(0, 100)
        remembered = remembered_threshold()
        if remembered is not None:
            controller.set_threshold(remembered / 100)
        self.slider.setValue(round(controller.threshold * 100))
        self.slider.setToolTip(self.tr("Show only suggestions at least this confident"))
        self.value = QLabel(self)
        self.value.setTextFormat(Qt.TextFormat.PlainText)
        self.count = QLabel(self)
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.list = SuggestionTable(self)
        self.list.setObjectName("suggestion_list")
        rows = controller.rows
        rows.headers = [self.tr("Label"), self.tr("Text"), self.tr("Score")]
        self.list.setModel(rows)
        modes = QHeaderView.ResizeMode
        list_table(self.list, (modes.Interactive, modes.Stretch, modes.ResizeToContents))
        self.list.horizontalHeader().setResizeContentsPrecision(SCORE_ROWS)
        self._label_names: list[str] | None = None
        self.buttons: dict[str, QPushButton] = {}
        buttons = QGridLayout()
        for name, text, slot in (
            ("accept", self.tr("Accept"), controller.accept),
            ("reject", self.tr("Reject"), controller.reject),
            ("accept_all", self.tr("Accept all"), controller.accept_all),
            ("reject_all", self.tr("Reject all"), controller.reject_all),
            ("withdraw", self.tr("Withdraw these suggestions"), controller.withdraw_source),
        ):
            button = QPushButton(text, self)
            button.setObjectName(f"suggestion_{name}")
            button.clicked.connect(lambda _c=False, s=slot: s())
            self.buttons[name] = button
        # two rows (``BUTTON_ROWS``), not the four in one row and Withdraw below: that row
        # (~356 px) was the panel's minimum width, and so the width of the column of docks
        # beside the text (``MainWindow.size_docks`` asks for 300 px)
        for name, (at, column, span) in BUTTON_ROWS.items():
            buttons.addWidget(self.buttons[name], at, column, 1, span)
        self.buttons["withdraw"].setToolTip(
            self.tr(
                "Take back every pending suggestion from the selected suggestion's source, in "
                "every document, without remembering them as rejected (Undo brings them back)"
            )
        )
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        withdraw = QAction(self.tr("Withdraw these suggestions"), self.list)
        withdraw.setObjectName("suggestion_withdraw")
        withdraw.triggered.connect(lambda _c=False: controller.withdraw_source())
        self.list.addAction(withdraw)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Threshold"), self))
        top.addWidget(self.slider, 1)
        top.addWidget(self.value)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.count)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.slider.valueChanged.connect(self._threshold_changed)
        self.list.activated.connect(self._activated)
        self.list.clicked.connect(self._activated)
        # the row highlighted with the keys is the one Shift+Return and Shift+Delete act on
        # (``controller.target``: the suggestion outlined in the text), as a click's is
        self.list.moved.connect(self._activated)
        controller.changed.connect(self.refresh)
        controller.current.connect(self._follow_selection)
        self.refresh()

    def _threshold_changed(self, value: int) -> None:
        QSettings().setValue(SETTINGS_THRESHOLD, value)
        self.controller.set_threshold(value / 100)

    def refresh(self) -> None:
        c = self.controller
        self.value.setText(score_text(c.threshold))
        shown = len(c.rows.rows)
        self.count.setText(self.tr("{0} of {1} suggestions shown").format(shown, len(c.items)))
        for button in self.buttons.values():
            button.setEnabled(bool(shown))
        self._fit_labels()

    def _fit_labels(self) -> None:
        """Make the Label column as wide as its widest name, with a gap of two characters
        before the Text column's words, and its header (at most
        ``LABEL_CHARS``), when the names it may show changed (a project opened, its schema
        edited): a width the user dragged stays until then."""
        names = self.controller.label_names()
        if names == self._label_names:
            return
        self._label_names = names
        table, header = self.list, self.list.horizontalHeader()
        style, metrics = table.style(), table.fontMetrics()
        cell = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1)
        title = str(self.controller.rows.headerData(0, Qt.Orientation.Horizontal))
        pad = 2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        gap = 2 * metrics.averageCharWidth()  # (the text column's words start right after)
        widest = max(
            [metrics.horizontalAdvance(n) + cell + gap for n in names]
            + [header.fontMetrics().horizontalAdvance(title) + pad, header.defaultSectionSize()]
        )
        header.resizeSection(0, min(widest, metrics.averageCharWidth() * LABEL_CHARS))

    def _activated(self, index: QModelIndex) -> None:
        rows = self.controller.rows.rows
        if index.isValid() and index.row() < len(rows):
            found = self.controller.get(rows[index.row()].uuid)
            if found is not None:
                self.controller.select(found)

    def _follow_selection(self, suggestion: Suggestion | None) -> None:
        """Select (and show) the row of the suggestion selected in the text."""
        row = self.controller.rows.row_of(suggestion) if suggestion is not None else -1
        selection = self.list.selectionModel()
        if row < 0:
            selection.clearSelection()
            return
        index = self.controller.rows.index(row, 0)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        selection.setCurrentIndex(index, flags)
        self.list.scrollTo(index)

"""The dock panels around the document view: document list, label palette, annotation list.

Each panel is a plain widget fed with values (documents, labels, spans) by the main window; it
never reads the project itself and never writes: it emits signals. Item views show text as
plain text; tooltips go through ``plain_tooltip`` because Qt guesses rich text in tooltips.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from itertools import count
from operator import attrgetter
from typing import Any

from PySide6.QtCore import (
    QCollator,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.model import Span, Status, fields_of, spliced
from annotator.schema import Label
from annotator.search import fold_text
from ui.docview.looks import assign_looks
from ui.i18n import (
    LRM,
    RLM,
    current_language,
    is_rtl_text,
    label_display,
    plain_tooltip,
    range_text,
    status_text,
)
from ui.widgets import EXCERPT, ListModel, list_table, swatch
from ui.workbench.label_delegate import KEY_ROLE, NAMES_ROLE, LabelDelegate

UUID_ROLE = Qt.ItemDataRole.UserRole
QUEUE_ROLE = Qt.ItemDataRole.UserRole + 1
"""on a document row's name: whether the document is in the hub queue shown"""
QUEUE_COLOR = QColor(230, 126, 34)
"""the queue marker's colour: an amber that stays visible on a selected (highlighted) row"""


@dataclass(frozen=True)
class DocumentRow:
    doc_id: int
    name: str
    status: Status
    count: int | None
    """the annotation count; None: not counted yet (the list's counter counts it when the
    row is shown or asked for, see ``DocumentListPanel.set_rows``)"""


WORKFLOW = {st: i for i, st in enumerate(Status)}
"""a status's place in the workflow (``Status`` lists them in order), the Status column's sort"""


def queue_marker(color: QColor, size: int = 12) -> QIcon:
    """The hub queue's marker: a filled disc (rows outside the queue get a blank one of the
    same size, so that every name starts at the same place)."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    if color.isValid():
        painter = QPainter(pix)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawEllipse(2, 2, size - 4, size - 4)
        painter.end()
    return QIcon(pix)


def cell_width(view: QAbstractItemView, text: str) -> int:
    """The width a cell of ``view`` needs for ``text``: the text, the item margins and the
    focus frame (as QStyledItemDelegate lays it out). Columns are sized from this, never by
    measuring their rows (a resize-to-contents column asks every row)."""
    style = view.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    return view.fontMetrics().horizontalAdvance(text) + 2 * margin + 6


class DocumentListModel(ListModel):
    """The document list's rows: the ``DocumentRow`` values themselves (no item per row),
    their cells made when the view asks for them (only the rows on screen are asked).

    ``rows`` is every document, ``shown`` the positions in ``rows`` of those the filter lets
    through, in order (a ``range`` when nothing is filtered out: no list of 100,000 numbers).
    With a hub queue (``queue``), a row in it whose status is not done carries the queue
    marker and says why in its tooltip; every other row gets a blank icon of the same size.
    The panel gives the texts (``headers``, ``statuses``, ``queued_tip``) so that they are
    translated in its context. A row whose count is None is counted by ``counter`` when the
    view (or ``count``) first asks for it; ``widened`` says a count has more digits than
    ``digits``, the Spans column's width.

    Sorted (``sort``: a click on a column's title, a third click back to document order):
    ``shown`` holds the same positions in the column's order (``ordered``), Name by the
    interface language's collation (``QCollator``: Arabic letters in their order whatever
    their marks, numbers by value), Status in workflow order (new, in progress, done),
    Spans by count (every row is then counted); ties stay in document order. The order is
    kept when the filter or a row changes.
    """

    widened = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[DocumentRow] = []
        self.shown: Sequence[int] = range(0)
        self.headers: list[str] = ["", "", ""]
        self.statuses: dict[Status, str] = {}
        self.queue: frozenset[int] | None = None
        self.queued_tip = ""
        self.marker = QIcon()
        self.blank = QIcon()
        self.counter: Callable[[int], int] | None = None
        self.digits = 0
        self._right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        self.sort_column = -1
        """the column ``shown`` is ordered by (-1: document order)"""
        self.sort_order = Qt.SortOrder.AscendingOrder
        self._rows_of: dict[int, int] | None = None  # position -> view row, when sorted
        self._name_keys: dict[str, Any] = {}  # name -> its collation key
        self._collator: QCollator | None = None

    # -- what the view reads ---------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.shown)

    def queued(self, row: DocumentRow) -> bool:
        # the hub's queues hold what the current layer has not marked done (for gold: what
        # gold has not), so a row marked done here leaves the queue without asking the hub
        return self.queue is not None and row.doc_id in self.queue and row.status != Status.DONE

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        row = self.rows[self.shown[index.row()]]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return row.name
            if column == 1:
                return self.statuses.get(row.status) or status_text(row.status)
            count = row.count if row.count is not None else self.count(self.shown[index.row()])
            return "" if count is None else str(count)
        if column == 0:
            if role == UUID_ROLE:
                return row.doc_id
            if role == QUEUE_ROLE:
                return self.queued(row)
            if role == Qt.ItemDataRole.ToolTipRole:
                queued = self.queued(row)
                return plain_tooltip(f"{row.name}\n{self.queued_tip}" if queued else row.name)
            if role == Qt.ItemDataRole.DecorationRole and self.queue is not None:
                return self.marker if self.queued(row) else self.blank
        elif column == 1 and role == UUID_ROLE:
            return row.status.value
        elif column == 2 and role == Qt.ItemDataRole.TextAlignmentRole:
            return self._right
        return None

    def count(self, position: int) -> int | None:
        """The count of ``rows[position]``, counted now (and kept) if it was not yet."""
        row = self.rows[position]
        if row.count is not None or self.counter is None:
            return row.count
        count = self.counter(row.doc_id)
        self.rows[position] = DocumentRow(row.doc_id, row.name, row.status, count)
        if len(str(count)) > self.digits:
            self.widened.emit(count)
        return count

    # -- what the panel changes ------------------------------------------------------------
    def reset(self, rows: list[DocumentRow], shown: Sequence[int]) -> None:
        """Show the rows at positions ``shown`` (ascending) of ``rows`` (kept, not copied),
        in the sort's order."""
        if rows is not self.rows:
            self._name_keys = {}
        self.beginResetModel()
        self.rows = rows
        self.shown, self._rows_of = self.ordered(shown)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by ``column`` (-1: document order); the current row and the
        selection stay on their documents."""
        self.sort_column, self.sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        positions = [self.shown[i.row()] if i.isValid() else -1 for i in old]
        self.shown, self._rows_of = self.ordered(sorted(self.shown))
        new = [
            self.index(self.row_of(p), i.column()) if p >= 0 else QModelIndex()
            for p, i in zip(positions, old, strict=True)
        ]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def ordered(self, shown: Sequence[int]) -> tuple[Sequence[int], dict[int, int] | None]:
        """``shown`` (ascending) in the sort's order, with the view row of each position
        (None: document order, where a position's row is found by bisection)."""
        column = self.sort_column
        if column < 0 or len(shown) < 2:
            return shown, None
        rows = self.rows
        key: Callable[[int], Any]
        if column == 0:
            collator = self._collator_now()  # first: a new collator starts a new dict
            keys = self._name_keys
            for p in shown:
                name = rows[p].name
                if name not in keys:
                    keys[name] = collator.sortKey(name)
            key = lambda p: keys[rows[p].name]  # noqa: E731
        elif column == 1:
            workflow = WORKFLOW
            key = lambda p: workflow[rows[p].status]  # noqa: E731
        else:
            count = self.count
            key = lambda p: count(p) or 0  # noqa: E731
        descending = self.sort_order == Qt.SortOrder.DescendingOrder
        order = sorted(shown, key=key, reverse=descending)  # stable: ties in document order
        return order, {p: r for r, p in enumerate(order)}

    def _collator_now(self) -> QCollator:
        collator = self._collator
        locale = QLocale(current_language())
        if collator is None or collator.locale() != locale:
            collator = self._collator = QCollator(locale)
            collator.setNumericMode(True)  # doc2 before doc10
            collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            self._name_keys = {}
        return collator

    def row_of(self, position: int) -> int:
        """The view's row showing ``rows[position]`` (-1 when it is filtered out)."""
        shown = self.shown
        if self._rows_of is not None:
            return self._rows_of.get(position, -1)
        if isinstance(shown, range):
            return position if position in shown else -1
        at = bisect.bisect_left(shown, position)
        return at if at < len(shown) and shown[at] == position else -1

    def row_changed(self, position: int, resort: bool = False) -> None:
        """``rows[position]`` was replaced: its view row (if shown) is repainted, no other;
        with ``resort`` (its sorted column's value changed) the rows are ordered again."""
        if resort and self._rows_of is not None:
            self.sort(self.sort_column, self.sort_order)
            return
        row = self.row_of(position)
        if row >= 0:
            self.dataChanged.emit(self.index(row, 0), self.index(row, 2))

    def all_changed(self) -> None:
        """Every row's look changed (the queue came or went), not which rows are shown."""
        if self.shown:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.shown) - 1, 2))


class DocumentTable(QTableView):
    """The document list's view: a table whose Home and End go to the first and last
    document, as in a list (a table's go to the first and last column), and whose Return or
    Enter opens the highlighted document on every platform (Qt's views activate a row on
    Return except on macOS). The arrows, PgUp/PgDown, Home and End only move the highlight:
    a document opens on Return, a click or a double click."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        index = self.currentIndex()
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and mods == Qt.KeyboardModifier.NoModifier
            and index.isValid()
        ):
            self.activated.emit(index)
            event.accept()
            return
        super().keyPressEvent(event)

    def moveCursor(
        self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        action = QAbstractItemView.CursorAction
        rows = self.model().rowCount()
        if cursorAction in (action.MoveHome, action.MoveEnd) and rows:
            row = 0 if cursorAction == action.MoveHome else rows - 1
            return self.model().index(row, 0)
        return super().moveCursor(cursorAction, modifiers)


class DocumentListPanel(QWidget):
    """Documents with the current annotator's status and annotation count; filterable.

    A ``QTableView`` on a ``DocumentListModel``: ``set_rows`` hands it the rows (nothing is
    made per row; the view asks for the cells of the rows on screen) and ``update_row``
    replaces one row after an edit and repaints only it. The columns are sized from the font,
    never by measuring rows: Status fits the widest status name, Spans the widest count.

    With a team hub (issue 16), ``show_queue`` marks the documents of the current layer's
    queue (an analyst: assigned and not done; gold: the review queue, documents whose
    analysts are all done) with a disc before the name, and a toggle above the list shows only
    them. A queued row whose status (the current layer's) becomes done leaves the queue at
    once, as the hub's queue would count it; ``hide_queue`` (no hub, another project or layer)
    takes the marks and the toggle away.
    """

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
        self.queue_toggle = QToolButton(self)
        self.queue_toggle.setCheckable(True)
        self.queue_toggle.setAutoRaise(True)
        self.queue_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.queue_toggle.setObjectName("queue_toggle")
        self.queue_toggle.hide()  # no hub, no queue
        self.model = DocumentListModel(self)
        self.model.headers = [self.tr("Name"), self.tr("Status"), self.tr("Spans")]
        table = self.table = DocumentTable(self)
        table.setModel(self.model)
        fixed = QHeaderView.ResizeMode.Interactive
        list_table(table, (QHeaderView.ResizeMode.Stretch, fixed, fixed))
        header = table.horizontalHeader()
        header.setSortIndicatorClearable(True)  # a third click: document order again
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.status_filter)
        queue_row = QHBoxLayout()
        queue_row.addWidget(self.queue_toggle)
        queue_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addLayout(queue_row)
        layout.addWidget(self.table)
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.status_filter.currentIndexChanged.connect(self._apply_filter)
        self.queue_toggle.toggled.connect(self._apply_filter)
        self.table.activated.connect(self._activated)
        self.table.clicked.connect(self._activated)
        # (queued: a count is counted while its row is painted, not the time to resize)
        self.model.widened.connect(self._size_columns, Qt.ConnectionType.QueuedConnection)
        self.rows: list[DocumentRow] = []
        self._position: dict[int, int] = {}  # doc_id -> its place in ``rows``
        self._folded: list[str] | None = None  # the rows' names folded, made by the filter
        self._review = False
        self._waiting = 0
        self._open: int | None = None  # the open document, the last given to set_current
        self._size_columns(0)

    # -- the rows --------------------------------------------------------------------------
    def set_rows(
        self,
        rows: Sequence[DocumentRow],
        current: int | None,
        counter: Callable[[int], int] | None = None,
    ) -> None:
        """Show ``rows`` (kept in their order), ``current`` the current document. Rows whose
        count is None are counted by ``counter`` (a document id's annotation count) when they
        are shown or their count is asked for: only the rows on screen, not every document
        at every open."""
        self.rows = list(rows)
        self._folded = None
        self._position = dict(zip(map(attrgetter("doc_id"), self.rows), count(), strict=False))
        self.model.statuses = {st: status_text(st) for st in Status}
        self.model.counter = counter
        self.model.digits = 0
        counts = map(attrgetter("count"), self.rows)
        self._size_columns(max((c for c in counts if c is not None), default=0))
        self._queue_changed()  # (the filter shows the rows)
        self.set_current(current)

    def _size_columns(self, widest_count: int) -> None:
        """Status fits every status name, Spans counts up to ``widest_count`` (and both their
        titles)."""
        header, table = self.table.horizontalHeader(), self.table
        names = [status_text(st) for st in Status]
        width = max(cell_width(table, text) for text in names)
        header.resizeSection(1, max(width, header.sectionSizeHint(1)))
        digits = self.model.digits = max(len(str(widest_count)), self.model.digits, 3)
        width = cell_width(table, "8" * digits)
        header.resizeSection(2, max(width, header.sectionSizeHint(2)))

    def current_id(self) -> int | None:
        """The document of the current row (None: none)."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.rows[self.model.shown[index.row()]].doc_id

    def set_current(self, doc_id: int | None) -> None:
        """Mark the current document (the rows are unchanged). It is kept: a filter that
        hides its row and then shows it again makes the row current again."""
        self._open = doc_id
        position = self._position.get(doc_id) if doc_id is not None else None
        row = self.model.row_of(position) if position is not None else -1
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))
            return
        self.table.clearSelection()
        self.table.setCurrentIndex(QModelIndex())

    def count_of(self, doc_id: int) -> int | None:
        """The annotation count shown for ``doc_id`` (None: no such row)."""
        position = self._position.get(doc_id)
        return None if position is None else self.model.count(position)

    def update_row(self, doc_id: int, status: Status | None, count: int) -> None:
        """Refresh one document's status (None: keep the one shown) and annotation count
        (after an edit in it): that row is replaced and repainted, no other is looked at
        (unless its status changed while the list is filtered by status or by queue)."""
        position = self._position.get(doc_id)
        if position is None:
            return
        old = self.rows[position]
        new = DocumentRow(old.doc_id, old.name, status or old.status, count)
        if new == old:
            return
        self.rows[position] = new
        if len(str(count)) > self.model.digits:
            self._size_columns(count)
        if new.status != old.status and self.model.queue is not None:
            self._queue_title()
        filtered = bool(self.status_filter.currentData()) or self._only_queue()
        if new.status != old.status and filtered:
            self._apply_filter()  # the row may leave (or join) what is shown
        else:  # ordered again when the column the list is sorted by changed
            column = self.model.sort_column
            moved = (column == 1 and new.status != old.status) or (
                column == 2 and new.count != old.count
            )
            self.model.row_changed(position, resort=moved)

    # -- the hub queue ---------------------------------------------------------------------
    def show_queue(self, review: bool, doc_ids: Iterable[int], waiting: int = 0) -> None:
        """Mark the documents ``doc_ids`` of the current layer's hub queue (``review``: the
        review queue of gold) and offer the toggle showing only them; ``waiting`` queued
        documents are not in the project yet (a sync brings them)."""
        model = self.model
        model.queue = frozenset(doc_ids)
        self._review = review
        self._waiting = waiting
        model.queued_tip = self.tr("To review") if review else self.tr("In your queue")
        if model.marker.isNull():
            model.marker = queue_marker(QUEUE_COLOR)
            model.blank = queue_marker(QColor())
        model.all_changed()
        self.queue_toggle.setIcon(model.marker)
        self.queue_toggle.show()
        self._queue_changed()

    def hide_queue(self) -> None:
        """No queue (no hub, or another project or layer): no marks, no toggle."""
        if self.model.queue is None:
            return
        self.model.queue = None
        self.model.all_changed()
        self.queue_toggle.setChecked(False)
        self.queue_toggle.hide()
        self._apply_filter()

    @property
    def queue_shown(self) -> bool:
        return self.model.queue is not None

    def queued_ids(self) -> set[int]:
        """The documents marked as queued."""
        if self.model.queue is None:
            return set()
        return {r.doc_id for r in self.rows if self.model.queued(r)}

    def _only_queue(self) -> bool:
        return self.model.queue is not None and self.queue_toggle.isChecked()

    def _queue_title(self) -> None:
        n = len(self.queued_ids())
        title = self.tr("To review ({0})") if self._review else self.tr("My queue ({0})")
        self.queue_toggle.setText(title.format(n))

    def _queue_changed(self) -> None:
        if self.model.queue is not None:
            self._queue_title()
            tip = self.tr("Show only the documents of your queue")
            if self._waiting:
                tip += "\n" + self.tr(
                    "{0} more are on the hub but not in this project yet: sync to get them."
                ).format(self._waiting)
            self.queue_toggle.setToolTip(tip)
        self._apply_filter()

    # -- the filter ------------------------------------------------------------------------
    def _apply_filter(self) -> None:
        """Show the rows whose name holds the filter's text, both folded as the entity
        list's filter folds them (``fold_text``: case, hamza forms of alef, harakat), with
        the status and queue asked."""
        needle = fold_text(self.filter_edit.text().strip())
        status = self.status_filter.currentData()
        only_queue = self._only_queue()
        rows = self.rows
        shown: Sequence[int]
        if not (needle or status or only_queue):
            shown = range(len(rows))
        else:
            queued = self.model.queued
            if needle and self._folded is None:
                self._folded = [fold_text(r.name) for r in rows]
            folded = self._folded or []
            shown = [
                i
                for i, r in enumerate(rows)
                if not (needle and needle not in folded[i])
                and not (status and r.status.value != status)
                and not (only_queue and not queued(r))
            ]
        self.model.reset(rows, shown)
        # the open document's row, when shown (not the table's current row: none while the
        # filter hid it)
        self.set_current(self._open)

    def visible_ids(self) -> list[int]:
        """The ids of the rows shown (the filters applied), in the order shown (the sort)."""
        return [self.rows[p].doc_id for p in self.model.shown]

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.documentActivated.emit(self.model.rows[self.model.shown[index.row()]].doc_id)


class LabelPalette(QWidget):
    """Span labels (entities, then event types) with colour, both names and hotkey. A row
    whose names are wider than the list shows them on two lines (the first name and the key
    above, the other name below; "Geo-political entity · كيان جغرافي سياسي  [G]" was elided
    in the ~320 px column at 1024x700); the others keep one-line rows. ``LabelDelegate``
    paints the key at the row's end always, and elides a line still too wide with "…" at
    its logical end; the tooltip has the full names."""

    labelChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setIconSize(QSize(14, 14))
        self.list.setItemDelegate(LabelDelegate(self.list))
        # rows are elided to the list's width (LabelDelegate): it never scrolls sideways
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._texts: list[tuple[QListWidgetItem, str, str]] = []
        """each row's names on one line and on two"""
        self.list.viewport().installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.list)
        self.list.itemClicked.connect(lambda it: self.labelChosen.emit(it.data(UUID_ROLE)))
        self.list.itemActivated.connect(lambda it: self.labelChosen.emit(it.data(UUID_ROLE)))

    def set_labels(self, labels: Sequence[Label]) -> None:
        self.list.clear()
        self._texts = []
        # the swatch is the label's look in the document view (ui.docview.looks: grey schema
        # colours get distinct colour-blind-safe ones), worked out over the same labels
        looks = assign_looks([(lab.name, lab.color) for lab in labels])
        for lab in labels:
            if not lab.annotatable:
                continue
            # both names, the interface language's first (Arabic in Arabic)
            both = dict.fromkeys([label_display(lab), lab.en or lab.name, lab.ar])
            names = [n for n in both if n]
            # the key at the end of the first name's direction (after an Arabic second name,
            # "[1]" went with it, to the middle of an English row)
            mark = RLM if is_rtl_text(names[0]) else LRM
            key = f"  {mark}[{lab.hotkey}]" if lab.hotkey else ""
            line = " · ".join(names) + key
            lines = f"{names[0]}{key}\n{' · '.join(names[1:])}" if len(names) > 1 else line
            look = looks.get(lab.name)
            item = QListWidgetItem(swatch(look.color if look else lab.color), line)
            item.setData(UUID_ROLE, lab.name)
            item.setData(NAMES_ROLE, names)
            item.setData(KEY_ROLE, f"[{lab.hotkey}]" if lab.hotkey else "")
            full = dict.fromkeys(n for n in (lab.name, lab.en, lab.ar) if n)
            item.setToolTip(plain_tooltip("\n".join(full)))
            self.list.addItem(item)
            self._texts.append((item, line, lines))
        self._fit_names()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.list.viewport():
            self._fit_names()
        return super().eventFilter(watched, event)

    def _fit_names(self) -> None:
        """Each row's names on one line where they fit the list's width, else on two."""
        delegate = self.list.itemDelegate()
        assert isinstance(delegate, LabelDelegate)
        metrics = self.list.fontMetrics()
        option = QStyleOptionViewItem()
        option.initFrom(self.list.viewport())
        option.font = self.list.font()
        option.decorationSize = self.list.iconSize()
        option.widget = self.list
        for item, line, lines in self._texts:
            index = self.list.indexFromItem(item)
            option.rect = QRect(0, 0, self.list.viewport().width(), metrics.height())
            area = delegate.text_area(option, index)
            names, key = item.data(NAMES_ROLE), item.data(KEY_ROLE)
            text = line if delegate.fits_one_line(metrics, names, key, area) else lines
            if item.text() != text:
                item.setText(text)

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


class AnnotationModel(ListModel):
    """The annotation list's rows: the layer's spans themselves (no item per row, and the
    sequence is not copied: a lazily read layer's spans stay rows until a row is shown), their
    cells made when the view asks for them (only the rows on screen are asked). An edit
    splices the one span in or out (``annotator.model.spliced``).

    ``triggers`` are the uuids of the spans that trigger an event: their colour swatch carries
    a diamond and their tooltip says "(event)" after the label (a word in the cell itself would
    take the text column's room in a narrow dock).

    ``names``: label → the name the Label column shows (``ui.i18n.label_tag``: the Arabic
    form in Arabic, as the text's tags); the stored name is in the tooltip. A label it lacks
    shows as it is stored.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.spans: Sequence[Span] = ()
        self.uuids: list[str] = []
        self.triggers: set[str] = set()
        self.colors: Mapping[str, str] = {}
        self.names: Mapping[str, str] = {}
        self.headers = [self.tr("Label"), self.tr("Text"), self.tr("Where")]
        self.event_text = self.tr("event")
        self._icons: dict[tuple[str, bool], QIcon] = {}
        self._grey = QColor(110, 110, 110)
        self._last_row = -1  # the row ``data`` read last, and its span
        self._last_span: Span | None = None

    # -- what the view reads ---------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.spans)

    def label_text(self, uuid: str, label: str) -> str:
        """The label as its accessible name reads ("label (event)" for a trigger)."""
        return f"{label} ({self.event_text})" if uuid in self.triggers else label

    def shown_label(self, label: str) -> str:
        """The name the Label column shows for ``label``."""
        return self.names.get(label, label)

    def label_tooltip(self, uuid: str, label: str) -> str:
        """The Label cell's tooltip: the name shown and, when it differs, the stored name."""
        shown = self.shown_label(label)
        text = self.label_text(uuid, shown)
        return text if shown == label else f"{text}\n{label}"

    def icon(self, label: str, trigger: bool = False) -> QIcon:
        key = (self.colors.get(label, ""), trigger)
        icon = self._icons.get(key)
        if icon is None:
            icon = self._icons[key] = swatch(key[0], event=trigger)
        return icon

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        row = index.row()
        span = self._last_span  # (a cell is asked for several roles in a row)
        if row != self._last_row or span is None:
            span = self.spans[row]
            self._last_row, self._last_span = row, span
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return self.names.get(span.label, span.label)
            if column == 1:
                text = span.text
                excerpt = text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"
                return excerpt.replace("\n", " ")
            return range_text(str(span.start), str(span.end), "–")
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return self.icon(span.label, span.uuid in self.triggers)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return plain_tooltip(self.label_tooltip(span.uuid, span.label))
        if role == Qt.ItemDataRole.AccessibleTextRole and column == 0:
            return self.label_text(span.uuid, self.shown_label(span.label))
        if role == Qt.ItemDataRole.ToolTipRole and column == 1:
            return plain_tooltip(span.text)
        if role == Qt.ItemDataRole.ForegroundRole and column == 2:
            return self._grey
        if role == UUID_ROLE:
            return span.uuid
        return None

    # -- what the panel changes ------------------------------------------------------------
    def reset(self, spans: Sequence[Span], colors: Mapping[str, str], triggers: Set[str]) -> None:
        """Show ``spans`` (kept, not copied: a sequence of records is never changed)."""
        self.beginResetModel()
        self.spans = spans
        self._last_row, self._last_span = -1, None
        self.uuids = list(fields_of(spans, "uuid"))
        self.colors = colors
        self.triggers = set(triggers)
        self.endResetModel()

    def set_names(self, names: Mapping[str, str]) -> bool:
        """Show the labels by ``names`` (see the class); False when they are those shown."""
        if dict(names) == dict(self.names):
            return False
        self.names = dict(names)
        rows = len(self.spans)
        if rows:
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, 0))
        return True

    def insert(self, row: int, span: Span, trigger: bool) -> None:
        self.beginInsertRows(QModelIndex(), row, row)
        self.spans = spliced(self.spans, row, 0, (span,))
        self._last_row, self._last_span = -1, None
        self.uuids.insert(row, span.uuid)
        if trigger:
            self.triggers.add(span.uuid)
        else:
            self.triggers.discard(span.uuid)
        self.endInsertRows()

    def row_of(self, uuid: str) -> int:
        """The row showing ``uuid`` (-1 when none)."""
        try:
            return self.uuids.index(uuid)  # a scan in C: ~0.1 ms at 20,000 rows
        except ValueError:
            return -1

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        self.spans = spliced(self.spans, row, 1, ())
        self._last_row, self._last_span = -1, None
        del self.uuids[row]
        self.endRemoveRows()


class AnnotationListPanel(QWidget):
    """Annotations of the current document (own layer) in reading order.

    A ``QTableView`` on an ``AnnotationModel``: ``set_spans`` resets it with the layer's spans
    (nothing is made per row until it is shown), ``insert_span``/``remove_row`` keep it up to
    date one row at a time, so an edit in a document with 20,000 spans touches one row. The
    columns are sized once per document from the font (never by measuring rows): the label
    column fits the labels in use, Where the widest offsets the document can have, and the text
    takes the rest.
    """

    annotationChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AnnotationModel(self)
        # a table, not a tree: a tree view lays out every row (asking the model about each)
        # whenever a row comes or goes; a table's rows are sections of its vertical header
        table = self.table = QTableView(self)
        table.setModel(self.model)
        modes = QHeaderView.ResizeMode
        list_table(table, (modes.Interactive, modes.Stretch, modes.Interactive))
        table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.horizontalHeader().resizeSection(0, 120)
        self._size_where(1_000_000)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.table)
        self.table.clicked.connect(self._chosen)
        self.table.activated.connect(self._chosen)

    def _chosen(self, index: QModelIndex) -> None:
        if index.isValid():
            self.annotationChosen.emit(self.model.uuids[index.row()])

    def _text_width(self, text: str) -> int:
        return cell_width(self.table, text)

    def _size_where(self, extent: int) -> None:
        """Where fits the widest offsets of a text of ``extent`` code points (and its title)."""
        digits = "8" * len(str(max(extent, 1)))
        header = self.table.horizontalHeader()
        width = max(self._text_width(f"{digits}–{digits}"), header.sectionSizeHint(2))
        header.resizeSection(2, width)

    def _label_width(self, text: str) -> int:
        icon = self.table.iconSize().width()
        if icon <= 0:
            icon = self.table.style().pixelMetric(
                QStyle.PixelMetric.PM_SmallIconSize, None, self.table
            )
        return self._text_width(text) + icon + 4

    def _size_labels(self, labels: Set[str]) -> None:
        """The label column fits ``labels`` (each after its colour swatch, as shown) and its
        title."""
        header = self.table.horizontalHeader()
        shown = self.model.shown_label
        widest = max((self._label_width(shown(label)) for label in labels), default=0)
        header.resizeSection(0, max(widest, header.sectionSizeHint(0)))

    def set_spans(
        self,
        spans: Sequence[Span],
        colors: Mapping[str, str],
        triggers: Set[str],
        selected: str = "",
        extent: int = 0,
    ) -> None:
        """Show ``spans`` (in reading order; kept, never changed). ``triggers``: the uuids of
        the spans that trigger an event; ``extent``: the document's length (sizes Where)."""
        self.model.reset(spans, colors, triggers)
        self._size_labels(set(fields_of(spans, "label")))
        self._size_where(extent or max(fields_of(spans, "end"), default=0))
        self.table.doItemsLayout()  # now, not on a timer after a repaint (painted twice)
        self.set_selected(selected)

    def set_label_names(self, names: Mapping[str, str]) -> None:
        """The name the Label column shows for each label (``ui.i18n.label_tag``, as the
        text view's tags; the window gives them once per schema)."""
        if self.model.set_names(names) and self.model.rowCount():
            self._size_labels(set(fields_of(self.model.spans, "label")))

    def set_rows(self, spans: Sequence[Span], selected: str = "") -> None:
        """Show ``spans`` with no colours or triggers (an empty list clears the panel)."""
        self.set_spans(spans, {}, set(), selected)

    def insert_span(self, index: int, span: Span, trigger: bool) -> None:
        """Show one more row at ``index`` (reading order is the caller's)."""
        self.remove_row(span.uuid)
        self.model.insert(index, span, trigger)
        width = self._label_width(self.model.shown_label(span.label))
        if width > self.table.horizontalHeader().sectionSize(0):
            self._size_labels({span.label})  # a label wider than those shown so far

    def remove_row(self, uuid: str) -> None:
        row = self.model.row_of(uuid)
        if row >= 0:
            self.model.remove(row)

    def set_selected(self, uuid: str) -> None:
        row = self.model.row_of(uuid) if uuid else -1
        if row >= 0:
            index = self.model.index(row, 0)
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)
            return
        self.table.clearSelection()

    def uuids(self) -> list[str]:
        return list(self.model.uuids)

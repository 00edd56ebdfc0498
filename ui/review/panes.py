"""Widgets of the review window: the legend, the side-by-side views, the disagreement table.

Everything that shows names or text from the project is plain text: labels use
``Qt.PlainText`` and table cells are ``QTableWidgetItem`` (never interpreted as HTML).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.model import GOLD, DocumentAnnotations
from annotator.review import Kind
from annotator.schema import Schema
from ui.docview.arcs import ArcOverlay
from ui.docview.view import DocumentView
from ui.i18n import QT_TRANSLATE_NOOP, isolate, plain_tooltip
from ui.review.model import (
    KIND_COLORS,
    SIDE_LETTERS,
    ReviewItem,
    describe,
    detail_text,
    gold_text,
    item_kind_name,
    kind_name,
    side_letter,
)

COLUMNS = (
    QT_TRANSLATE_NOOP("DisagreementTable", "Kind"),
    SIDE_LETTERS[0],  # (translated as the panes' letters, ``side_letter``)
    QT_TRANSLATE_NOOP("DisagreementTable", "A's version"),
    SIDE_LETTERS[1],
    QT_TRANSLATE_NOOP("DisagreementTable", "B's version"),
    QT_TRANSLATE_NOOP("DisagreementTable", "Detail"),
    QT_TRANSLATE_NOOP("DisagreementTable", "Gold"),
)
PANE_MARGIN = 10
"""pixels between a review pane's frame and its text"""


def plain_label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names come from other people's files
    return label


def light(hex_color: str) -> QColor:
    """A kind colour made light enough for black text on it."""
    color = QColor(hex_color)
    color.setAlphaF(0.35)
    return color


def legend_row(parent: QWidget) -> QHBoxLayout:
    """A swatch and the name of every kind (so no kind is told by colour alone)."""
    tr = parent.tr
    row = QHBoxLayout()
    row.addWidget(plain_label(tr("Legend:"), parent))
    for kind in Kind:
        swatch = QLabel(parent)
        swatch.setFixedSize(14, 14)
        swatch.setStyleSheet(f"background: {KIND_COLORS[kind]}; border: 1px solid #333;")
        row.addWidget(swatch)
        name = plain_label(kind_name(kind), parent)
        name.setObjectName(f"legend-{kind.value}")
        row.addWidget(name)
        row.addSpacing(10)
    note = plain_label(
        tr("(tags read “label · kind”, an agreement the label alone; gold in grey)"), parent
    )
    # one line that gives way in a narrow window (shown whole in its tooltip) rather than
    # widen the window or, wrapped, take the panes' height
    note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    note.setToolTip(plain_tooltip(note.text()))
    row.addWidget(note, 1)
    return row


class ReviewColumns(QSplitter):
    """One read-only document view per annotator plus the gold layer, scrolled together;
    each view has an arc overlay (``arcs``) for its layer's relations."""

    spanClicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.views: dict[str, DocumentView] = {}
        self.arcs: dict[str, ArcOverlay] = {}
        self._syncing = False

    def set_names(self, names: Sequence[str]) -> None:
        """Show columns for ``names`` and gold (none for fewer than two names)."""
        wanted = [*names, GOLD] if len(names) >= 2 else []
        if list(self.views) == wanted:
            return
        for i in reversed(range(self.count())):
            widget = self.widget(i)
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        self.views = {}
        self.arcs = {}
        for k, name in enumerate(wanted):
            box = QWidget(self)
            lay = QVBoxLayout(box)
            lay.setContentsMargins(2, 2, 2, 2)
            title = (
                self.tr("Gold (adjudicated)")
                if name == GOLD
                else f"{side_letter(k)} — {isolate(name)}"
            )
            lay.addWidget(plain_label(title, box))
            view = DocumentView(box)
            view.document().setDocumentMargin(PANE_MARGIN)  # tags and brackets off the edge
            view.setObjectName(f"review-view-{k}")
            view.spanClicked.connect(self.spanClicked)
            view.verticalScrollBar().valueChanged.connect(self._sync_scroll)
            lay.addWidget(view, 1)
            self.addWidget(box)
            self.views[name] = view
            self.arcs[name] = ArcOverlay(view)

    def scroll_to(self, start: int) -> None:
        """Scroll every view to code point ``start``, each on its own layout (a view counts
        the lines of paragraphs it has not laid out yet as one, so equal scroll values line
        up only once the same paragraphs are laid out)."""
        self._syncing = True
        try:
            for view in self.views.values():
                view.scroll_to(start)
        finally:
            self._syncing = False

    def _sync_scroll(self, value: int) -> None:
        # the views show the same text in the same font, so equal scroll values line up
        if self._syncing:
            return
        self._syncing = True
        for view in self.views.values():
            view.verticalScrollBar().setValue(value)
        self._syncing = False


class DisagreementTable(QTableWidget):
    """One row per disagreement: kind, A, A's version, B, B's version, detail, gold state."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setObjectName("review-table")
        self.setHorizontalHeaderLabels(
            [
                side_letter(SIDE_LETTERS.index(c))
                if c in SIDE_LETTERS
                else QCoreApplication.translate("DisagreementTable", c) or c
                for c in COLUMNS
            ]
        )
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)

    def fill(
        self,
        items: Sequence[ReviewItem],
        layers: Mapping[str, DocumentAnnotations],
        schema: Schema | None = None,
    ) -> None:
        """One row per item; labels, types and roles by their display names in ``schema``."""
        self.setRowCount(len(items))
        for row, it in enumerate(items):
            cells = (  # names and the detail isolated: ann_2 or "Place / -" keep their order
                item_kind_name(it),
                isolate(it.a),
                describe(it.d.a, layers.get(it.a), schema),
                isolate(it.b),
                describe(it.d.b, layers.get(it.b), schema),
                # only in gold: the gold version (``layers``' gold), which no side has
                gold_text(it.d, layers.get(GOLD), schema)
                if it.d.only_in_gold
                else detail_text(it.d, schema),
                self.tr("resolved") if it.resolved else self.tr("open"),
            )
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if col == 0:
                    cell.setForeground(QColor("black"))
                    cell.setBackground(light(KIND_COLORS[it.kind]))
                self.setItem(row, col, cell)
        self.resizeColumnsToContents()

    def texts(self, row: int) -> list[str]:
        """The cell texts of one row (what the user reads)."""
        cells = (self.item(row, col) for col in range(self.columnCount()))
        return [c.text() if c is not None else "" for c in cells]

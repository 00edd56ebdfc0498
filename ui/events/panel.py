"""The events panel: each event of the current document with its roles and covered texts, then
the relations.

Like the other panels it is fed plain values and only emits signals: clicking an event row
asks for its trigger span, an argument row for the argument's span, a relation row for its
source span. The context menu removes an argument, an event or a relation (the window turns
that into one undoable command). Document text is shown as plain item text, tooltips through
``plain_tooltip`` (Qt guesses rich text in tooltips; docs/design/reliability.md).

A ``QTreeView`` on an ``EventsModel`` over the rows themselves: nothing is made per row (a
document with 1,000 events and 2,000 arguments was 3,000 ``QTreeWidgetItem``s, each with its
data, tooltip and icon set, at every refresh); the view asks for the cells it shows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QIcon
from PySide6.QtWidgets import QMenu, QStyle, QTreeView, QVBoxLayout, QWidget

from annotator.model import DocumentAnnotations, Span, placed_getter
from annotator.schema import Schema
from ui.i18n import plain_tooltip, relation_text, role_display, type_tag
from ui.modal import freed
from ui.widgets import EXCERPT, swatch

UUID_ROLE = Qt.ItemDataRole.UserRole
SPAN_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
HIGHLIGHT = QColor(255, 236, 160)
MISSING = QColor(180, 40, 40)


def excerpt(text: str) -> str:
    one_line = text.replace("\n", " ")
    return one_line if len(one_line) <= EXCERPT else one_line[: EXCERPT - 1] + "…"


class ArgumentRow(NamedTuple):
    uuid: str
    role: str
    target: str
    """span uuid ("" when the argument dangles)"""
    text: str


class EventRow(NamedTuple):
    uuid: str
    type: str
    trigger: str
    text: str
    color: str
    arguments: tuple[ArgumentRow, ...] = ()
    missing: tuple[str, ...] = ()
    """required roles still unfilled"""
    shown: str = ""
    """the type as the panel names it when that differs from ``type`` (``ui.i18n.type_tag``:
    the Arabic form in Arabic, as the text's tags); "": ``type`` itself"""


class RelationRow(NamedTuple):
    uuid: str
    type: str
    source: str
    source_text: str
    target: str
    target_text: str
    shown: str = ""
    """the type as the panel names it when that differs from ``type`` (as ``EventRow.shown``)"""


def rows_of(
    layer: DocumentAnnotations,
    schema: Schema,
    spans: Mapping[str, Span] | None = None,
    placed: Callable[[str], tuple[Any, ...] | None] | None = None,
) -> tuple[list[EventRow], list[RelationRow]]:
    """The panel's rows for one layer: events in trigger order, then relations. ``spans``:
    the layer's spans by uuid when the caller holds them (else they are indexed here). The
    spans are read through their offsets and covered text only (``placed_getter``: of a lazily
    read layer, from its columns, no record made); ``placed``: gives them for a span uuid (None: no
    such span) when the caller read them already, for every trigger and argument target."""
    if placed is None:
        placed = placed_getter(layer.span_by_uuid() if spans is None else spans,
                               layer.document.text)  # fmt: skip
    colors = {lab.name: lab.color for lab in schema.span_labels()}
    tags: dict[str, str] = {}  # per type: the name shown when it is not the type's own

    def shown(name: str) -> str:
        found = tags.get(name)
        if found is None:
            tag = type_tag(schema, name)
            found = tags[name] = "" if tag == name else tag
        return found

    required: dict[str, tuple[str, ...]] = {}  # per event type: roles to fill at least once

    def required_roles(event_type: str) -> tuple[str, ...]:
        found = required.get(event_type)
        if found is None:
            et = schema.event(event_type)
            roles = et.roles if et else ()
            found = required[event_type] = tuple(r.name for r in roles if r.bounds()[0] > 0)
        return found

    def text_of(uuid: str) -> str | None:
        found = placed(uuid)
        return None if found is None else found[2]

    nowhere = (1 << 62, 0, "")
    triggered = []
    for ev in layer.events:
        found = placed(ev.trigger)
        triggered.append((found is not None, found or nowhere, ev))
    triggered.sort(key=lambda t: (t[1][0], t[1][1]))  # stable: stored order among equals
    args_of = layer.arguments_by_event()
    events = []
    for known, (_start, _end, trigger_text), ev in triggered:
        args = []
        for arg in args_of.get(ev.uuid, ()):
            text = text_of(arg.target)
            args.append(
                ArgumentRow(arg.uuid, arg.role, arg.target, text)
                if text is not None
                else ArgumentRow(arg.uuid, arg.role, "", "")
            )
        need = required_roles(ev.type)
        if need:
            filled = {a.role for a in args}
            missing = tuple(r for r in need if r not in filled)
        else:
            missing = ()
        events.append(
            EventRow(
                ev.uuid,
                ev.type,
                ev.trigger,
                trigger_text if known else "",
                colors.get(ev.type, ""),
                tuple(args),
                missing,
                shown(ev.type),
            )
        )
    relations = []
    for rel in layer.relations:
        src, dst = text_of(rel.source), text_of(rel.target)
        relations.append(
            RelationRow(
                rel.uuid,
                rel.type,
                rel.source,
                src if src is not None else "",
                rel.target,
                dst if dst is not None else "",
                shown(rel.type),
            )
        )
    return events, relations


class EventsModel(QAbstractItemModel):
    """The panel's rows as a two-level tree, made of the rows themselves: at the top the events,
    then a "Relations" row when there are relations; under an event its arguments, then its
    required roles still unfilled; under the "Relations" row the relations. The cells are made
    when the view asks for them.

    An index's internal id is 0 at the top, else 1 + the row of its parent."""

    def __init__(self, texts: Mapping[str, str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.texts = texts
        """the panel's translated words: the headers, (deleted span), (missing), Relations"""
        self.events: Sequence[EventRow] = ()
        self.relations: Sequence[RelationRow] = ()
        self.highlighted = -1
        """the top-level row of the highlighted event (-1: none)"""
        self._row_of: dict[str, int] = {}
        self._icons: dict[str, QIcon] = {}
        self._highlight = QBrush(HIGHLIGHT)
        self._missing = QBrush(MISSING)
        self._bold = QFont()
        self._bold.setBold(True)

    def reset(self, events: Sequence[EventRow], relations: Sequence[RelationRow]) -> None:
        self.beginResetModel()
        self.events = events
        self.relations = relations
        self.highlighted = -1
        self._row_of = {ev.uuid: k for k, ev in enumerate(events)}
        self.endResetModel()

    def event_row(self, uuid: str) -> int:
        """The top-level row of event ``uuid`` (-1: not shown)."""
        return self._row_of.get(uuid, -1)

    def header_row(self) -> int:
        """The top-level row of "Relations" (-1: no relations)."""
        return len(self.events) if self.relations else -1

    def set_highlighted(self, row: int) -> None:
        """Highlight the event at top-level ``row`` and its rows (-1: none)."""
        old, self.highlighted = self.highlighted, row
        for changed in {old, row} - {-1}:
            top = self.index(changed, 0)
            self.dataChanged.emit(top, self.index(changed, 1))
            below = self.rowCount(top)
            if below:
                self.dataChanged.emit(self.index(0, 0, top), self.index(below - 1, 1, top))

    # -- what the view reads -------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self.events) + (1 if self.relations else 0)
        if parent.internalId() or parent.column():
            return 0
        row = parent.row()
        if row < len(self.events):
            ev = self.events[row]
            return len(ev.arguments) + len(ev.missing)
        return len(self.relations)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 2

    def hasChildren(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        # (asked of every top-level row when the view lays the tree out)
        if not parent.isValid():
            return bool(self.events or self.relations)
        if parent.internalId() or parent.column():
            return False
        row = parent.row()
        if row < len(self.events):
            ev = self.events[row]
            return bool(ev.arguments or ev.missing)
        return bool(self.relations)

    def index(
        self,
        row: int,
        column: int,
        parent: QModelIndex | QPersistentModelIndex = QModelIndex(),  # noqa: B008
    ) -> QModelIndex:
        if row < 0 or column < 0 or column > 1:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, id=0)
        if parent.internalId():  # two levels only
            return QModelIndex()
        return self.createIndex(row, column, id=parent.row() + 1)

    def parent(self, child: QModelIndex | QPersistentModelIndex | None = None) -> Any:
        if child is None:  # QObject.parent()
            return super().parent()
        up = child.internalId()
        return self.createIndex(up - 1, 0, id=0) if up else QModelIndex()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.texts["event_role"] if section == 0 else self.texts["text"]
        return None

    def record(self, index: QModelIndex | QPersistentModelIndex) -> tuple[str, object]:
        """(kind, row) behind ``index``: ("event", EventRow), ("argument", ArgumentRow),
        ("missing", role name), ("header", None) or ("relation", RelationRow)."""
        up = index.internalId()
        if not up:
            row = index.row()
            return ("event", self.events[row]) if row < len(self.events) else ("header", None)
        if up - 1 >= len(self.events):
            return "relation", self.relations[index.row()]
        ev = self.events[up - 1]
        row = index.row()
        if row < len(ev.arguments):
            return "argument", ev.arguments[row]
        return "missing", ev.missing[row - len(ev.arguments)]

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        kind, row = self.record(index)
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(kind, row, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            up = index.internalId()
            top = up - 1 if up else index.row()
            return self._highlight if top == self.highlighted >= 0 else None
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            # the stored type behind a shown (Arabic) name
            if isinstance(row, EventRow | RelationRow) and row.shown:
                return plain_tooltip(row.type)
            return None
        if role == Qt.ItemDataRole.ToolTipRole and column == 1:
            if isinstance(row, EventRow | ArgumentRow) and row.text:
                return plain_tooltip(row.text)
            if isinstance(row, RelationRow):
                return plain_tooltip(
                    relation_text(row.source_text, row.target_text, two_lines=True)
                )
            return None
        if role == Qt.ItemDataRole.DecorationRole and column == 0 and isinstance(row, EventRow):
            icon = self._icons.get(row.color)
            if icon is None:
                icon = self._icons[row.color] = swatch(row.color)
            return icon
        if role == Qt.ItemDataRole.ForegroundRole and column == 1 and kind == "missing":
            return self._missing
        if role == Qt.ItemDataRole.FontRole and column == 0 and kind == "header":
            return self._bold
        if role == UUID_ROLE:
            return row.uuid if isinstance(row, EventRow | ArgumentRow | RelationRow) else ""
        if role == SPAN_ROLE:
            if isinstance(row, EventRow):
                return row.trigger
            if isinstance(row, ArgumentRow):
                return row.target
            return row.source if isinstance(row, RelationRow) else ""
        if role == KIND_ROLE:
            return kind
        return None

    def _display(self, kind: str, row: object, column: int) -> str:
        if isinstance(row, EventRow):
            return (row.shown or row.type) if column == 0 else excerpt(row.text)
        if isinstance(row, ArgumentRow):
            if column == 0:
                return role_display(row.role)
            return excerpt(row.text) if row.target else self.texts["deleted"]
        if isinstance(row, RelationRow):
            if column == 0:
                return row.shown or row.type
            return relation_text(excerpt(row.source_text), excerpt(row.target_text))
        if kind == "missing":
            return role_display(str(row)) if column == 0 else self.texts["missing"]
        return self.texts["relations"] if column == 0 else ""


class EventsPanel(QWidget):
    """A tree: events (trigger text) with one row per argument, then relations (a
    ``QTreeView`` on an ``EventsModel``)."""

    spanChosen = Signal(str)
    """span uuid to select (trigger, argument or relation source)"""
    removeRequested = Signal(str, str)
    """kind ("argument", "event", "relation"), uuid"""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        texts = {
            "event_role": self.tr("Event / role"),
            "text": self.tr("Text"),
            "deleted": self.tr("(deleted span)"),
            "missing": self.tr("(missing)"),
            "relations": self.tr("Relations"),
        }
        self.model = EventsModel(texts, self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.tree)
        self.tree.clicked.connect(self._chosen)
        self.tree.activated.connect(self._chosen)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.selected_event = ""
        self._widths: tuple[frozenset[str], frozenset[str]] | None = None

    # -- content -------------------------------------------------------------------------
    def set_rows(
        self, events: Sequence[EventRow], relations: Sequence[RelationRow], selected: str = ""
    ) -> None:
        """Show these rows; ``selected`` is the uuid of the event to highlight ("" none)."""
        self.model.reset(events, relations)
        header = self.model.header_row()
        if header >= 0:
            self.tree.expand(self.model.index(header, 0))
        self._size_first_column()
        # laid out now, not on a timer after the window's repaint (which painted the tree
        # a second time once laid out)
        self.tree.doItemsLayout()
        self.set_selected_event(selected)

    def _size_first_column(self) -> None:
        """The first column as wide as its widest name (event types, roles, relation types),
        from the font, not by asking the model about every row; only when they changed."""
        model = self.model
        # (the names as shown: Arabic types and roles in Arabic)
        top = frozenset(ev.shown or ev.type for ev in model.events)
        below = {role_display(a.role) for ev in model.events for a in ev.arguments}
        below.update(role_display(r) for ev in model.events for r in ev.missing)
        below.update(rel.shown or rel.type for rel in model.relations)
        key = (top, frozenset(below))
        if key == self._widths:
            return
        self._widths = key
        tree = self.tree
        metrics = tree.fontMetrics()
        style = tree.style()
        margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, tree) + 1)
        icon = style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, tree) + 4
        indent = tree.indentation()
        bold = QFont(tree.font())
        bold.setBold(True)
        widths: list[float] = [indent + icon + metrics.horizontalAdvance(t) for t in top]
        widths += [2 * indent + metrics.horizontalAdvance(t) for t in below]
        if model.relations:
            widths.append(indent + QFontMetricsF(bold).horizontalAdvance(model.texts["relations"]))
        header = tree.header()
        widths.append(header.sectionSizeFromContents(0).width() - margin)
        tree.setColumnWidth(0, int(max(widths)) + margin + 4)

    def set_selected_event(self, uuid: str) -> None:
        """Highlight an event and its argument rows ("" clears)."""
        self.selected_event = uuid
        row = self.model.event_row(uuid) if uuid else -1
        self.model.set_highlighted(row)
        if row >= 0:
            index = self.model.index(row, 0)
            self.tree.expand(index)
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def event_uuids(self) -> list[str]:
        return [ev.uuid for ev in self.model.events]

    def row_count(self) -> int:
        """The rows at the top of the tree: the events, and "Relations" when there are any."""
        return self.model.rowCount()

    def item_for(self, uuid: str) -> QModelIndex | None:
        """The row (column 0) of an event, argument or relation by uuid."""
        model = self.model
        row = model.event_row(uuid)
        if row >= 0:
            return model.index(row, 0)
        for k, ev in enumerate(model.events):
            for j, arg in enumerate(ev.arguments):
                if arg.uuid == uuid:
                    return model.index(j, 0, model.index(k, 0))
        for j, rel in enumerate(model.relations):
            if rel.uuid == uuid:
                return model.index(j, 0, model.index(model.header_row(), 0))
        return None

    @staticmethod
    def texts(index: QModelIndex) -> tuple[str, str]:
        """The two cells of the row of ``index`` as shown."""
        return (
            str(index.siblingAtColumn(0).data()),
            str(index.siblingAtColumn(1).data()),
        )

    # -- user actions --------------------------------------------------------------------
    def _chosen(self, index: QModelIndex) -> None:
        span = index.data(SPAN_ROLE)
        if span:
            self.spanChosen.emit(str(span))

    def _context_menu(self, point: QPoint) -> None:
        index = self.tree.indexAt(point)
        kind = index.data(KIND_ROLE) if index.isValid() else None
        if kind not in ("event", "argument", "relation"):
            return
        text = {
            "event": self.tr("Delete this event (keep its trigger span)"),
            "argument": self.tr("Remove this argument"),
            "relation": self.tr("Delete this relation"),
        }[str(kind)]
        with freed(QMenu(self)) as menu:
            action = menu.addAction(text)
            chosen = menu.exec(self.tree.viewport().mapToGlobal(point)) is action
        if chosen:
            self.removeRequested.emit(str(kind), str(index.data(UUID_ROLE)))

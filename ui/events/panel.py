"""The events panel: each event of the current document with its roles and covered texts, then
the relations.

Like the other panels it is fed plain values and only emits signals: clicking an event row
asks for its trigger span, an argument row for the argument's span, a relation row for its
source span. The context menu removes an argument, an event or a relation (the window turns
that into one undoable command). Document text is shown as plain item text, tooltips through
``plain_tooltip`` (Qt guesses rich text in tooltips; docs/design/reliability.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QIcon
from PySide6.QtWidgets import QMenu, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from annotator.model import Argument, DocumentAnnotations, Event
from annotator.schema import Schema
from ui.widgets import EXCERPT, plain_tooltip, swatch

UUID_ROLE = Qt.ItemDataRole.UserRole
SPAN_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
HIGHLIGHT = QColor(255, 236, 160)


def excerpt(text: str) -> str:
    one_line = text.replace("\n", " ")
    return one_line if len(one_line) <= EXCERPT else one_line[: EXCERPT - 1] + "…"


@dataclass(frozen=True)
class ArgumentRow:
    uuid: str
    role: str
    target: str
    """span uuid ("" when the argument dangles)"""
    text: str


@dataclass(frozen=True)
class EventRow:
    uuid: str
    type: str
    trigger: str
    text: str
    color: str
    arguments: tuple[ArgumentRow, ...] = ()
    missing: tuple[str, ...] = field(default=())
    """required roles still unfilled"""


@dataclass(frozen=True)
class RelationRow:
    uuid: str
    type: str
    source: str
    source_text: str
    target: str
    target_text: str


def rows_of(layer: DocumentAnnotations, schema: Schema) -> tuple[list[EventRow], list[RelationRow]]:
    """The panel's rows for one layer: events in trigger order, then relations."""
    spans = layer.span_by_uuid()
    colors = {lab.name: lab.color for lab in schema.span_labels()}

    def order(ev: Event) -> tuple[int, int]:  # (no index of every span: 1,000 events)
        trigger = spans.get(ev.trigger)
        return (trigger.start, trigger.end) if trigger else (1 << 62, 0)

    args_of: dict[str, list[Argument]] = {}
    for a in layer.arguments:  # one pass, not one scan of every argument per event
        if not a.deleted:
            args_of.setdefault(a.event, []).append(a)
    events = []
    for ev in sorted(layer.events, key=order):
        trigger = spans.get(ev.trigger)
        args = []
        for arg in args_of.get(ev.uuid, []):
            target = spans.get(arg.target)
            args.append(
                ArgumentRow(arg.uuid, arg.role, target.uuid if target else "", target.text)
                if target
                else ArgumentRow(arg.uuid, arg.role, "", "")
            )
        et = schema.event(ev.type)
        filled = {a.role for a in args}
        missing = tuple(
            r.name for r in (et.roles if et else ()) if r.bounds()[0] > 0 and r.name not in filled
        )
        events.append(
            EventRow(
                ev.uuid,
                ev.type,
                ev.trigger,
                trigger.text if trigger else "",
                colors.get(ev.type, ""),
                tuple(args),
                missing,
            )
        )
    relations = []
    for rel in layer.relations:
        src, dst = spans.get(rel.source), spans.get(rel.target)
        relations.append(
            RelationRow(
                rel.uuid,
                rel.type,
                rel.source,
                src.text if src else "",
                rel.target,
                dst.text if dst else "",
            )
        )
    return events, relations


class EventsPanel(QWidget):
    """A tree: events (trigger text) with one child per argument, then relations."""

    spanChosen = Signal(str)
    """span uuid to select (trigger, argument or relation source)"""
    removeRequested = Signal(str, str)
    """kind ("argument", "event", "relation"), uuid"""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("Event / role"), self.tr("Text")])
        self.tree.setUniformRowHeights(True)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.tree)
        self.tree.itemClicked.connect(self._chosen)
        self.tree.itemActivated.connect(self._chosen)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.selected_event = ""
        self._events: dict[str, QTreeWidgetItem] = {}
        self._highlighted: QTreeWidgetItem | None = None

    # -- content -------------------------------------------------------------------------
    def set_rows(
        self, events: Sequence[EventRow], relations: Sequence[RelationRow], selected: str = ""
    ) -> None:
        """Show these rows; ``selected`` is the uuid of the event to highlight ("" none)."""
        self.tree.clear()
        self._events = {}
        self._highlighted = None
        icons: dict[str, QIcon] = {}
        top: list[QTreeWidgetItem] = []
        for ev in events:
            item = self._item([ev.type, excerpt(ev.text)], ev.uuid, ev.trigger, "event")
            self._events[ev.uuid] = item
            if ev.color not in icons:
                icons[ev.color] = swatch(ev.color)
            item.setIcon(0, icons[ev.color])
            item.setToolTip(1, plain_tooltip(ev.text))
            for arg in ev.arguments:
                shown = excerpt(arg.text) if arg.target else self.tr("(deleted span)")
                child = self._item([arg.role, shown], arg.uuid, arg.target, "argument")
                child.setToolTip(1, plain_tooltip(arg.text))
                item.addChild(child)
            for role in ev.missing:
                child = self._item([role, self.tr("(missing)")], "", "", "missing")
                child.setForeground(1, QBrush(QColor(180, 40, 40)))
                item.addChild(child)
            top.append(item)
        self.tree.addTopLevelItems(top)
        if relations:
            header = self._item([self.tr("Relations"), ""], "", "", "header")
            font = QFont(header.font(0))
            font.setBold(True)
            header.setFont(0, font)
            for rel in relations:
                text = f"{excerpt(rel.source_text)} → {excerpt(rel.target_text)}"
                child = self._item([rel.type, text], rel.uuid, rel.source, "relation")
                child.setToolTip(1, plain_tooltip(f"{rel.source_text}\n→ {rel.target_text}"))
                header.addChild(child)
            self.tree.addTopLevelItem(header)
            header.setExpanded(True)
        self.tree.resizeColumnToContents(0)
        self.set_selected_event(selected)

    def _item(self, texts: list[str], uuid: str, span: str, kind: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(texts)
        item.setData(0, UUID_ROLE, uuid)
        item.setData(0, SPAN_ROLE, span)
        item.setData(0, KIND_ROLE, kind)
        return item

    def set_selected_event(self, uuid: str) -> None:
        """Highlight an event and its argument rows ("" clears)."""
        self.selected_event = uuid
        item = self._events.get(uuid) if uuid else None
        if self._highlighted is not None and self._highlighted is not item:
            self._paint(self._highlighted, QBrush())
        self._highlighted = item
        if item is not None:
            self._paint(item, QBrush(HIGHLIGHT))
            item.setExpanded(True)
            self.tree.setCurrentItem(item)
            self.tree.scrollToItem(item)

    @staticmethod
    def _paint(item: QTreeWidgetItem, brush: QBrush) -> None:
        for col in (0, 1):
            item.setBackground(col, brush)
            for c in range(item.childCount()):
                child = item.child(c)
                if child is not None:
                    child.setBackground(col, brush)

    def event_uuids(self) -> list[str]:
        found = (self.tree.topLevelItem(k) for k in range(self.tree.topLevelItemCount()))
        return [
            str(it.data(0, UUID_ROLE)) for it in found if it and it.data(0, KIND_ROLE) == "event"
        ]

    def item_for(self, uuid: str) -> QTreeWidgetItem | None:
        """The row of an event, argument or relation by uuid."""
        stack = [self.tree.topLevelItem(k) for k in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            if item is None:
                continue
            if item.data(0, UUID_ROLE) == uuid:
                return item
            stack += [item.child(c) for c in range(item.childCount())]
        return None

    # -- user actions --------------------------------------------------------------------
    def _chosen(self, item: QTreeWidgetItem) -> None:
        span = item.data(0, SPAN_ROLE)
        if span:
            self.spanChosen.emit(str(span))

    def _context_menu(self, point: QPoint) -> None:
        item = self.tree.itemAt(point)
        kind = item.data(0, KIND_ROLE) if item is not None else None
        if item is None or kind not in ("event", "argument", "relation"):
            return
        text = {
            "event": self.tr("Delete this event (keep its trigger span)"),
            "argument": self.tr("Remove this argument"),
            "relation": self.tr("Delete this relation"),
        }[str(kind)]
        menu = QMenu(self)
        action = menu.addAction(text)
        if menu.exec(self.tree.viewport().mapToGlobal(point)) is action:
            self.removeRequested.emit(str(kind), str(item.data(0, UUID_ROLE)))

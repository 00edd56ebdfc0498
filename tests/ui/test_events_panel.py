"""The events panel on its model (issue 12): the rows it shows, what it highlights and what a
click or the context menu asks for, from plain rows; and ``rows_of`` from a layer."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from pytestqt.qtbot import QtBot

import ui.events.panel as panel_module
from annotator.model import Argument, Document, DocumentAnnotations, Event, Relation, Span
from annotator.schema import default_schema
from ui.events.panel import (
    KIND_ROLE,
    ArgumentRow,
    EventRow,
    EventsPanel,
    RelationRow,
    excerpt,
    rows_of,
)
from ui.i18n import plain_tooltip, relation_text

MARKUP = "<b>بغداد</b>"
EVENTS = [
    EventRow(
        "e1",
        "Conflict.Attack",
        "t1",
        "الغارات",
        "#aa0000",
        (ArgumentRow("a1", "Place", "s1", MARKUP), ArgumentRow("a2", "Attacker", "", "")),
        ("Target",),
    ),
    EventRow("e2", "Contact.Meet", "t2", "الاجتماع\nالثاني", "#00aa00"),
]
RELATIONS = [RelationRow("r1", "PART-WHOLE", "s1", "باريس", "s2", "فرنسا")]


@pytest.fixture
def panel(qtbot: QtBot) -> EventsPanel:
    widget = EventsPanel()
    qtbot.addWidget(widget)
    widget.resize(400, 400)
    widget.show()
    widget.set_rows(EVENTS, RELATIONS, selected="e1")
    return widget


def cell(index: QModelIndex | None, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
    assert index is not None
    return index.siblingAtColumn(column).data(role)


def test_rows_as_shown(panel: EventsPanel) -> None:
    model = panel.model
    assert panel.row_count() == 3 and panel.event_uuids() == ["e1", "e2"]
    e1, e2 = panel.item_for("e1"), panel.item_for("e2")
    assert e1 is not None and e2 is not None
    assert model.rowCount(e1) == 3 and model.rowCount(e2) == 0 and not model.hasChildren(e2)
    assert panel.texts(e2) == ("Contact.Meet", "الاجتماع الثاني")  # one line
    assert cell(e2, 1, Qt.ItemDataRole.ToolTipRole) == plain_tooltip("الاجتماع\nالثاني")
    assert not cell(e1, 0, Qt.ItemDataRole.DecorationRole).isNull()  # the label's colour
    place = panel.item_for("a1")
    assert panel.texts(place) == ("Place", excerpt(MARKUP))  # literally, markup and all
    assert cell(place, 1, Qt.ItemDataRole.ToolTipRole) == plain_tooltip(MARKUP)
    assert panel.texts(panel.item_for("a2")) == ("Attacker", "(deleted span)")
    missing = model.index(2, 0, e1)
    assert panel.texts(missing) == ("Target", "(missing)")
    assert cell(missing, 1, Qt.ItemDataRole.ForegroundRole).color() == QColor(180, 40, 40)
    header = model.index(2, 0)
    assert panel.texts(header) == ("Relations", "") and panel.tree.isExpanded(header)
    font = cell(header, 0, Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.bold()
    relation = panel.item_for("r1")
    assert relation is not None and relation.parent() == header
    assert panel.texts(relation) == ("PART-WHOLE", relation_text("باريس", "فرنسا"))
    assert cell(relation, 1, Qt.ItemDataRole.ToolTipRole) == plain_tooltip(
        relation_text("باريس", "فرنسا", two_lines=True)
    )
    assert [cell(panel.item_for(u), 0, KIND_ROLE) for u in ("e1", "a1", "r1")] == [
        "event",
        "argument",
        "relation",
    ]
    assert panel.item_for("nothing") is None
    assert panel.tree.columnWidth(0) >= panel.tree.fontMetrics().horizontalAdvance(
        "Conflict.Attack"
    )


def test_highlight_follows_the_selected_event(panel: EventsPanel) -> None:
    model = panel.model
    e1, e2 = panel.item_for("e1"), panel.item_for("e2")
    assert e1 is not None and e2 is not None

    def lit(index: QModelIndex) -> list[bool]:
        return [cell(index, c, Qt.ItemDataRole.BackgroundRole) is not None for c in (0, 1)]

    assert lit(e1) == [True, True] and lit(model.index(1, 0, e1)) == [True, True]
    assert panel.tree.isExpanded(e1) and panel.tree.currentIndex() == e1
    relation = panel.item_for("r1")
    assert relation is not None
    assert lit(e2) == [False, False] and lit(relation) == [False, False]
    panel.set_selected_event("e2")
    assert panel.selected_event == "e2" and lit(e2) == [True, True]
    assert lit(e1) == [False, False] and lit(model.index(0, 0, e1)) == [False, False]
    panel.set_selected_event("")
    assert lit(e2) == [False, False]


def test_clicks_ask_for_spans(panel: EventsPanel, qtbot: QtBot) -> None:
    chosen: list[str] = []
    panel.spanChosen.connect(chosen.append)
    for uuid in ("e1", "a1", "a2", "r1"):
        index = panel.item_for(uuid)
        assert index is not None
        panel.tree.clicked.emit(index.siblingAtColumn(1))
    panel.tree.activated.emit(panel.model.index(2, 0))  # "Relations" itself: nothing
    assert chosen == ["t1", "s1", "s1"]  # the trigger, the argument, the relation's source


def test_context_menu_removes_what_it_is_on(
    panel: EventsPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[str] = []

    class Menu:  # the first (only) entry chosen
        def __init__(self, _parent: object) -> None:
            self.chosen = object()

        def addAction(self, text: str) -> object:
            offered.append(text)
            return self.chosen

        def exec(self, _point: object) -> object:
            return self.chosen

        def deleteLater(self) -> None:  # (freed once answered: ui.modal.freed)
            pass

    monkeypatch.setattr(panel_module, "QMenu", Menu)
    removed: list[tuple[str, str]] = []
    panel.removeRequested.connect(lambda kind, uuid: removed.append((kind, uuid)))
    for uuid in ("a1", "e2", "r1"):
        index = panel.item_for(uuid)
        assert index is not None
        panel.tree.scrollTo(index)
        panel.tree.customContextMenuRequested.emit(panel.tree.visualRect(index).center())
    header = panel.model.index(2, 0)
    panel.tree.customContextMenuRequested.emit(panel.tree.visualRect(header).center())
    assert removed == [("argument", "a1"), ("event", "e2"), ("relation", "r1")]
    assert len(offered) == 3


def test_new_rows_replace_the_old(panel: EventsPanel) -> None:
    panel.set_rows(EVENTS[1:], [])
    assert panel.row_count() == 1 and panel.event_uuids() == ["e2"]
    assert panel.item_for("r1") is None and panel.selected_event == ""
    panel.set_rows([], [])
    assert panel.row_count() == 0


def test_rows_of_a_layer() -> None:
    doc = Document(1, "d", "اجتمع الوزراء في باريس ثم غادروا فرنسا.", "")

    def span(uuid: str, word: str, label: str) -> Span:
        start = doc.text.index(word)
        return Span(uuid, 1, "amal", start, start + len(word), label, word)

    meet = span("t1", "اجتمع", "Contact.Meet")
    paris, france = span("s1", "باريس", "GPE"), span("s2", "فرنسا", "GPE")
    leave = span("t2", "غادروا", "Movement.Transport")
    layer = DocumentAnnotations(
        doc,
        (meet, paris, leave, france),
        (
            Event("e2", 1, "amal", "Movement.Transport", "t2"),
            Event("e1", 1, "amal", "Contact.Meet", "t1"),
        ),
        (
            Argument("a1", "e1", 1, "amal", "Place", "s1"),
            Argument("a2", "e1", 1, "amal", "Entity", "gone"),
            Argument("a3", "e1", 1, "amal", "Place", "s2", deleted=True),
        ),
        (Relation("r1", 1, "amal", "PART-WHOLE", "s1", "s2"),),
    )
    schema = default_schema()
    events, relations = rows_of(layer, schema)
    assert (events, relations) == rows_of(layer, schema, layer.span_by_uuid())
    assert [e.uuid for e in events] == ["e1", "e2"]  # in trigger order
    first = events[0]
    assert (first.text, first.type) == ("اجتمع", "Contact.Meet")
    assert first.arguments == (
        ArgumentRow("a1", "Place", "s1", "باريس"),
        ArgumentRow("a2", "Entity", "", ""),
    )
    label = schema.label("Contact.Meet")
    assert label is not None and first.color == label.color
    et = schema.event("Contact.Meet")
    assert et is not None
    required = [r.name for r in et.roles if r.bounds()[0] > 0 and r.name not in ("Place", "Entity")]
    assert list(first.missing) == required
    assert relations == [RelationRow("r1", "PART-WHOLE", "s1", "باريس", "s2", "فرنسا")]


def test_the_model_keeps_qt_rules(panel: EventsPanel, qtmodeltester: Any) -> None:
    qtmodeltester.check(panel.model, force_py=True)
    panel.set_rows(EVENTS, [])
    qtmodeltester.check(panel.model, force_py=True)

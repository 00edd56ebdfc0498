"""Events, arguments, relations and arcs in the real main window, driven like an analyst."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from annotator.model import Span
from annotator.project import Project
from annotator.schema import Label, RelationType, Role
from ui.docview.arcs import ArcShape
from ui.events import relations
from ui.session import Session
from ui.workbench.mainwindow import MainWindow
from ui.workbench.menus import open_project

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

SEED = Path(__file__).parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"
TEXT = SEED.read_text(encoding="utf-8")
ME = "amal"


def at(word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


PARIS = (at("بباريس")[0] + 1, at("بباريس")[1])  # باريس inside بباريس


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_document(TEXT, name="seed")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    session = Session()
    w = MainWindow(session, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.quiet_errors = True
    qtbot.addWidget(w)
    assert open_project(w, path) and w.ensure_annotator()
    w.resize(1400, 900)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    w.view.setFocus()
    yield w
    session.close()


def keys(w: MainWindow, *seq: Any) -> None:
    for k in seq:
        QTest.keyClick(w.view, k)


def point(w: MainWindow, pos: int) -> QPoint:
    rect, nxt = w.view.cursor_rect(pos), w.view.cursor_rect(pos + 1)
    return QPoint((rect.center().x() + nxt.center().x()) // 2, rect.center().y())


def project(w: MainWindow) -> Project:
    assert w.session.project is not None
    return w.session.project


def span_at(w: MainWindow, start: int, end: int) -> Span:
    return next(s for s in project(w).spans(None, ME) if (s.start, s.end) == (start, end))


def records(w: MainWindow) -> tuple[set[Any], set[Any], set[Any]]:
    """Stored spans, events and arguments as comparable values (texts, not uuids)."""
    p = project(w)
    spans = {s.uuid: s for s in p.spans(None, ME)}
    events = p.events(None, ME)
    args = {(e.type, a.role, spans[a.target].text) for e in events for a in p.arguments(e.uuid)}
    return (
        {(s.start, s.end, s.label, s.text) for s in spans.values()},
        {(e.type, spans[e.trigger].text) for e in events},
        args,
    )


def word_rect(w: MainWindow, start: int, end: int) -> QRect:
    """A rectangle around a one-line word from caret rectangles (independent of the arcs)."""
    a, b = w.view.cursor_rect(start), w.view.cursor_rect(end)
    return QRect(
        QPoint(min(a.left(), b.left()), a.top()), QPoint(max(a.right(), b.right()), a.bottom())
    )


def test_meeting_in_paris_and_the_raids(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    w = window
    w.view.select(*at("الاجتماع"))
    keys(w, Qt.Key.Key_T, Qt.Key.Key_M)  # Contact.Meet
    trigger = w.model.selected_uuid
    (meet,) = project(w).events(None, ME)
    assert meet.trigger == trigger and meet.type == "Contact.Meet"

    offered_labels: list[list[str]] = []
    offered_roles: list[list[str]] = []

    def choose_label(labels: list[Label], covered: str) -> str:
        offered_labels.append([x.name for x in labels])
        assert covered == "باريس"
        return "GPE"

    def choose_role(roles: list[Role], covered: str) -> str:
        offered_roles.append([r.name for r in roles])
        return "Place"

    monkeypatch.setattr(w.event_tools.linker, "choose_label", choose_label)
    monkeypatch.setattr(w.event_tools.linker, "choose_role", choose_role)
    depth = w.session.undo_stack.count()
    w.view.select(*PARIS)
    keys(w, Qt.Key.Key_A)  # new argument span: label + role, one step
    assert offered_labels == [["PER", "ORG", "GPE", "LOC", "FAC", "TIME"]]
    assert offered_roles == [["Entity", "Place"]]
    assert w.session.undo_stack.count() == depth + 1
    paris = span_at(w, *PARIS)
    assert paris.text == "باريس" and paris.label == "GPE"
    assert [(a.role, a.target) for a in project(w).arguments(meet.uuid)] == [("Place", paris.uuid)]
    assert w.model.selected_uuid == trigger  # the event stays selected for the next argument

    w.view.select(*at("الغارات"))
    keys(w, Qt.Key.Key_C, Qt.Key.Key_A)  # Conflict.Attack (the chord wins over plain A)
    w.selection.select_span(paris.uuid)
    keys(w, Qt.Key.Key_L)  # relabel باريس as LOC (Place accepts LOC too)
    expected = (
        {
            (*at("الاجتماع"), "Contact.Meet", "الاجتماع"),
            (*PARIS, "LOC", "باريس"),
            (*at("الغارات"), "Conflict.Attack", "الغارات"),
        },
        {("Contact.Meet", "الاجتماع"), ("Conflict.Attack", "الغارات")},
        {("Contact.Meet", "Place", "باريس")},
    )
    assert records(w) == expected
    w.actions_by_name["undo"].trigger()
    assert span_at(w, *PARIS).label == "GPE"
    w.actions_by_name["redo"].trigger()
    assert records(w) == expected
    w.actions_by_name["undo"].trigger()
    w.actions_by_name["undo"].trigger()  # the raid event
    w.actions_by_name["undo"].trigger()  # باريس and its argument go together
    assert records(w)[2] == set() and len(records(w)[0]) == 1
    for _ in range(3):
        w.actions_by_name["redo"].trigger()
    assert records(w) == expected

    # The events panel lists each event with its roles and covered texts.
    assert w.event_tools.events.event_uuids() == [e.uuid for e in sorted(
        project(w).events(None, ME), key=lambda e: project(w).span(e.trigger).start)]  # fmt: skip
    row = w.event_tools.events.item_for(project(w).arguments(meet.uuid)[0].uuid)
    assert row is not None and w.event_tools.events.texts(row) == ("Place", "باريس")

    # Arcs: selecting the meeting emphasises its arc; screenshot for a person to look at.
    w.selection.select_span(trigger)
    w.view.scroll_to(0)
    shapes = w.event_tools.arcs.shapes()
    (place,) = [s for s in shapes if s.link.label == "Place"]
    assert place.emphasised and place.link.source == trigger and place.link.target == paris.uuid
    check_endpoints(w, place, at("الاجتماع"), PARIS)
    # Right to left: الاجتماع comes first in reading order, so it is to the RIGHT of باريس.
    assert place.start.x() > place.end.x()
    shots = Path("/tmp/annotator_shots")
    shots.mkdir(parents=True, exist_ok=True)
    with_arcs = grab(w)
    with_arcs.save(str(shots / "arcs.png"))
    w.grab().save(str(shots / "arcs_window.png"))
    w.actions_by_name["arcs"].setChecked(False)
    without = grab(w)
    w.actions_by_name["arcs"].setChecked(True)
    changed = differing(with_arcs, without)
    assert changed, "the arcs drew nothing"
    allowed = [s.path.boundingRect().adjusted(-4, -8, 4, 4) for s in shapes]
    allowed += [s.label_rect.adjusted(-2, -2, 2, 2) for s in shapes]
    allowed += [w.event_tools.arcs.span_rect(paris.uuid).adjusted(-4, -4, 4, 4)]  # type: ignore[union-attr]
    stray = [p for p in changed if not any(r.contains(p[0], p[1]) for r in allowed)]
    assert not stray, f"arc pixels outside the arcs' shapes: {stray[:5]}"
    label = place.label_rect.toRect()
    assert any(label.contains(x, y) for x, y in changed), "the role name is not drawn"


def grab(w: MainWindow) -> QImage:
    w.view.viewport().repaint()
    return w.view.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def differing(a: QImage, b: QImage) -> list[tuple[int, int]]:
    return [
        (x, y)
        for y in range(0, a.height(), 2)
        for x in range(0, a.width(), 2)
        if a.pixel(x, y) != b.pixel(x, y)
    ]


def check_endpoints(
    w: MainWindow, shape: ArcShape, source: tuple[int, int], target: tuple[int, int]
) -> None:
    """The arc starts on the source word's rectangle and ends on the target's."""
    for pt, (s, e) in ((shape.start, source), (shape.end, target)):
        rect = word_rect(w, s, e).adjusted(-2, -2, 2, 2)
        assert rect.left() <= pt.x() <= rect.right(), (pt, rect)
        assert rect.top() <= pt.y() <= rect.bottom() + w.view.fontMetrics().descent(), (pt, rect)


def test_arc_endpoints_follow_the_layout_when_scrolled(window: MainWindow) -> None:
    """An arc on a later line: endpoints at the spans' rectangles, at any scroll position."""
    w = window
    p = project(w)
    doc = w.model.doc
    assert doc is not None
    raid = p.add_span(doc.id, *at("الغارات", 1), "Conflict.Attack", ME)
    ev = p.add_event(raid.uuid)
    isis = p.add_span(doc.id, *at("داعش", 2), "ORG", ME)
    p.add_argument(ev.uuid, "Target", isis.uuid)
    w.layers.refresh_layer()
    w.resize(1000, 480)  # a short viewport, so the argument's line can be below it
    QApplication.processEvents()
    seen = set()
    bar = w.view.verticalScrollBar()
    # scroll line by line until the argument has been both on and off screen (the viewport
    # height depends on the window layout, so no fixed position is assumed)
    for scroll in range(bar.minimum(), bar.maximum() + 1):
        if seen == {"both", "one"}:
            break
        bar.setValue(scroll)
        if w.event_tools.arcs.span_rect(raid.uuid) is None:
            continue  # the trigger itself scrolled away
        (shape,) = w.event_tools.arcs.shapes()
        trig_rect = w.event_tools.arcs.span_rect(raid.uuid)
        assert trig_rect is not None and trig_rect.contains(shape.start.x(), trig_rect.center().y())
        if w.event_tools.arcs.span_rect(isis.uuid) is not None:  # argument on screen
            check_endpoints(w, shape, at("الغارات", 1), at("داعش", 2))
            seen.add("both")
        else:  # the arc leaves the viewport along the margin, toward the argument below
            assert shape.end.y() > w.view.viewport().height()
            seen.add("one")
    assert seen == {"both", "one"}


def test_role_offers_only_roles_accepting_the_label(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = window
    p = project(w)
    schema = p.schema
    doc = w.model.doc
    assert doc is not None
    words = {"ORG": at("داعش"), "TIME": at("2014"), "PER": at("لودريان"), "GPE": at("فرنسا")}
    spans = {label: p.add_span(doc.id, *span, label, ME) for label, span in words.items()}
    for event_type in ("Contact.Meet", "Conflict.Attack", "Life.Die"):
        trg = p.add_span(doc.id, *at("الاجتماع", 2), event_type, ME)
        p.add_event(trg.uuid)
        w.layers.refresh_layer()
        for label, span in spans.items():
            offered: list[list[str]] = []

            def choose(roles: list[Role], covered: str, into: list[list[str]] = offered) -> None:
                into.append([r.name for r in roles])

            monkeypatch.setattr(w.event_tools.linker, "choose_role", choose)
            w.selection.select_span(trg.uuid)
            w.editing.on_span_clicked(span.uuid)
            expected = [r.name for r in schema.roles_accepting(event_type, label)]
            assert offered == ([expected] if expected else [])
            for role in offered[0] if offered else []:
                assert schema.accepts(event_type, role, label)
            et = schema.event(event_type)
            assert et is not None
            refused = {r.name for r in et.roles} - set(expected)
            assert not refused & set(offered[0] if offered else [])
        p.delete_span(trg.uuid)


def test_deleting_an_argument_span_asks(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = window
    p = project(w)
    doc = w.model.doc
    assert doc is not None
    trg = p.add_span(doc.id, *at("الاجتماع"), "Contact.Meet", ME)
    ev = p.add_event(trg.uuid)
    paris = p.add_span(doc.id, *PARIS, "GPE", ME)
    p.add_argument(ev.uuid, "Place", paris.uuid)
    w.layers.refresh_layer()
    asked: list[str] = []
    answer = {"value": ""}

    def ask(parent: object, title: str, text: str, choices: list[tuple[str, str]]) -> str:
        asked.append(text)
        return answer["value"]

    monkeypatch.setattr(relations, "ask_choice", ask)
    before = records(w)
    w.selection.select_span(paris.uuid)
    keys(w, Qt.Key.Key_Delete)  # cancelled: nothing changes
    assert len(asked) == 1 and "باريس" in asked[0] and "Place" in asked[0]
    assert records(w) == before
    answer["value"] = "argument"
    keys(w, Qt.Key.Key_Delete)
    assert p.arguments(ev.uuid) == [] and p.event(ev.uuid).type == "Contact.Meet"
    assert paris.uuid not in {s.uuid for s in p.spans(None, ME)}
    w.session.undo()
    assert records(w) == before
    answer["value"] = "event"
    w.selection.select_span(paris.uuid)
    keys(w, Qt.Key.Key_Delete)
    assert p.events(None, ME) == [] and p.spans(None, ME) == []  # the trigger went too
    w.session.undo()
    assert records(w) == before
    asked.clear()
    answer["value"] = ""
    w.selection.select_span(trg.uuid)
    keys(w, Qt.Key.Key_Delete)  # a trigger asks too
    assert len(asked) == 1 and records(w) == before


def test_relation_by_key_r_and_click(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    w = window
    p = project(w)
    doc = w.model.doc
    assert doc is not None
    france = p.add_span(doc.id, *at("فرنسا"), "GPE", ME)
    paris = p.add_span(doc.id, *PARIS, "GPE", ME)
    per = p.add_span(doc.id, *at("لودريان"), "PER", ME)
    w.layers.refresh_layer()
    offered: list[list[str]] = []

    def choose(types: list[RelationType], src: Span, dst: Span) -> str:
        offered.append([t.name for t in types])
        return "PART-WHOLE"

    monkeypatch.setattr(w.event_tools.linker, "choose_relation", choose)
    w.selection.select_span(paris.uuid)
    keys(w, Qt.Key.Key_R)
    QTest.mouseClick(
        w.view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        point(w, at("فرنسا")[0] + 2),
    )
    expected = [r.name for r in p.schema.relations_accepting("GPE", "GPE")]
    assert offered == [expected] and "PER-SOC" not in expected
    (rel,) = p.relations(None, ME)
    assert (rel.type, rel.source, rel.target) == ("PART-WHOLE", paris.uuid, france.uuid)
    assert any(x.relation and x.uuid == rel.uuid for x in w.event_tools.arcs.links())
    item = w.event_tools.events.item_for(rel.uuid)
    assert item is not None and item.data() == "PART-WHOLE"
    # PER to PER-only relations: a GPE target is never offered PER-SOC
    offered.clear()
    w.selection.select_span(per.uuid)
    keys(w, Qt.Key.Key_R)
    w.editing.on_span_clicked(paris.uuid)
    assert all("PER-SOC" not in o for o in offered)


def test_events_panel_selection_highlights_arguments(window: MainWindow) -> None:
    w = window
    p = project(w)
    doc = w.model.doc
    assert doc is not None
    trg = p.add_span(doc.id, *at("الاجتماع"), "Contact.Meet", ME)
    ev = p.add_event(trg.uuid)
    paris = p.add_span(doc.id, *PARIS, "GPE", ME)
    arg = p.add_argument(ev.uuid, "Place", paris.uuid)
    w.layers.refresh_layer()
    panel = w.event_tools.events
    event_item = panel.item_for(ev.uuid)
    assert event_item is not None
    panel.tree.clicked.emit(event_item)
    assert w.model.selected_uuid == trg.uuid and panel.selected_event == ev.uuid
    arg_item = panel.item_for(arg.uuid)
    assert arg_item is not None
    for column in (0, 1):  # the event's rows are highlighted
        cell = arg_item.siblingAtColumn(column)
        assert cell.data(Qt.ItemDataRole.BackgroundRole).color() == QColor(255, 236, 160)
    assert all(s.emphasised for s in w.event_tools.arcs.shapes())
    panel.tree.clicked.emit(arg_item.siblingAtColumn(1))  # either cell of the row
    assert w.model.selected_uuid == paris.uuid
    assert not any(s.emphasised for s in w.event_tools.arcs.shapes())
    panel.removeRequested.emit("argument", arg.uuid)
    assert p.arguments(ev.uuid) == []
    w.session.undo()
    assert [a.uuid for a in p.arguments(ev.uuid)] == [arg.uuid]

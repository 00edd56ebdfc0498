"""Arcs take clicks (ui.docview.arcs.ArcOverlay.arc_at): a press on an arc's line or label
emits arcClicked(uuid) and does not reach the view; a right click asks for its menu
(arcContextMenu); a press elsewhere is the view's as before. Right to left, the arc and its
label stay between the two spans."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QAction, QContextMenuEvent
from PySide6.QtWidgets import QApplication, QInputDialog, QMenu, QWidget
from pytestqt.qtbot import QtBot

from annotator.project import Project
from ui.docview.arcs import ArcOverlay, Link
from ui.docview.view import DocumentView, ViewSpan
from ui.session import Session
from ui.workbench.mainwindow import MainWindow
from ui.workbench.menus import open_project

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TEXT = "The army attacked the town of Mosul on Monday.\nA second line follows here.\n"


def word(text: str, w: str) -> tuple[int, int]:
    start = text.index(w)
    return start, start + len(w)


def setup(view: DocumentView, text: str, words: tuple[str, str, str]) -> ArcOverlay:
    trigger, target, other = words
    view.set_text(text)
    spans = [
        ViewSpan("t", *word(text, trigger), "Conflict.Attack", "#D55E00"),
        ViewSpan("a", *word(text, target), "GPE", "#009E73"),
        ViewSpan("b", *word(text, other), "TIME", "#0072B2"),
    ]
    view.set_spans(spans)
    overlay = ArcOverlay(view)
    overlay.set_links(
        [
            Link("arg-place", "t", "a", "Place", "e1", "#D55E00"),
            Link("arg-time", "t", "b", "Time", "e1", "#D55E00"),
        ],
        {s.uuid: (s.start, s.end) for s in spans},
    )
    view.viewport().repaint()
    return overlay


def lane_point(overlay: ArcOverlay, uuid: str) -> QPointF:
    """A point on the arc's lane, away from its label."""
    (shape,) = [s for s in overlay.shapes() if s.link.uuid == uuid]
    path = shape.path
    (x0, y), (x1, _) = (path.elementAt(1).x, path.elementAt(1).y), (path.elementAt(2).x, 0)
    x = x0 + (x1 - x0) * 0.15
    assert not shape.label_rect.contains(QPointF(x, y))
    return QPointF(x, y)


def test_a_press_on_an_arc_line_or_label_selects_that_arc(view: DocumentView, qtbot: QtBot) -> None:
    overlay = setup(view, TEXT, ("attacked", "Mosul", "Monday"))
    clicked: list[str] = []
    spans: list[str] = []
    overlay.arcClicked.connect(clicked.append)
    view.spanClicked.connect(spans.append)
    point = lane_point(overlay, "arg-place")
    assert overlay.arc_at(point) == "arg-place"
    assert overlay.arc_at(point + QPointF(0, 2)) == "arg-place"  # within the tolerance
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point.toPoint())
    assert clicked == ["arg-place"] and spans == []  # the view did not take the press
    (time_arc,) = [s for s in overlay.shapes() if s.link.uuid == "arg-time"]
    label = time_arc.label_rect.center()
    assert overlay.arc_at(label) == "arg-time"
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=label.toPoint())
    assert clicked == ["arg-place", "arg-time"]


def test_a_press_off_the_arcs_is_the_views(view: DocumentView, qtbot: QtBot) -> None:
    overlay = setup(view, TEXT, ("attacked", "Mosul", "Monday"))
    clicked: list[str] = []
    spans: list[str] = []
    overlay.arcClicked.connect(clicked.append)
    view.spanClicked.connect(spans.append)
    anchor = overlay.anchors()["a"]
    inside = QPointF(anchor.cx, (anchor.top + anchor.bottom) / 2 + 3)  # in the word Mosul
    assert overlay.arc_at(inside) == ""
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=inside.toPoint())
    assert clicked == [] and spans == ["a"]
    overlay.set_shown(False)  # hidden arcs take nothing
    point = lane_point(overlay, "arg-place")
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point.toPoint())
    assert clicked == []


def test_a_right_click_on_an_arc_asks_for_its_menu(view: DocumentView, qtbot: QtBot) -> None:
    overlay = setup(view, TEXT, ("attacked", "Mosul", "Monday"))
    asked: list[tuple[str, QPoint]] = []
    overlay.arcContextMenu.connect(lambda uuid, pos: asked.append((uuid, pos)))
    point = lane_point(overlay, "arg-place").toPoint()
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, point, view.viewport().mapToGlobal(point)
    )
    QApplication.sendEvent(view.viewport(), event)
    assert asked == [("arg-place", view.viewport().mapToGlobal(point))]


def test_right_to_left_the_arc_and_its_role_stay_between_the_spans(
    view: DocumentView, qtbot: QtBot
) -> None:
    QApplication.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        text = "هاجم الجيش مدينة الموصل يوم الاثنين الماضي.\nسطر ثان.\n"
        overlay = setup(view, text, ("هاجم", "الموصل", "الاثنين"))
        (place,) = [s for s in overlay.shapes() if s.link.uuid == "arg-place"]
        # the trigger comes first in reading order: to the right of its argument
        assert place.start.x() > place.end.x()
        label = place.label_rect
        assert place.end.x() <= label.center().x() <= place.start.x()
        assert overlay.arc_at(lane_point(overlay, "arg-place")) == "arg-place"
    finally:
        QApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


# -- in the main window: select, change role or type, delete -------------------------------

SEED = Path(__file__).parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")
ME = "amal"


def seed_at(w: str) -> tuple[int, int]:
    start = SEED_TEXT.index(w)
    return start, start + len(w)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document(SEED_TEXT, name="seed")
        meet = p.add_span(doc.id, *seed_at("الاجتماع"), "Contact.Meet", ME)
        paris_start = seed_at("بباريس")[0] + 1
        paris = p.add_span(doc.id, paris_start, paris_start + 5, "GPE", ME)
        person = p.add_span(doc.id, *seed_at("جان إيف لودريان"), "PER", ME)
        event = p.add_event(meet.uuid)
        p.add_argument(event.uuid, "Place", paris.uuid)
        p.add_relation("PHYS", person.uuid, paris.uuid)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    session = Session()
    w = MainWindow(session, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.quiet_errors = True
    qtbot.addWidget(w)
    assert open_project(w, path) and w.ensure_annotator()
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    yield w
    session.close()


def arc(w: MainWindow, relation: bool) -> Link:
    (link,) = [x for x in w.event_tools.arcs.links() if x.relation == relation]
    return link


def choose(monkeypatch: pytest.MonkeyPatch, w: MainWindow, data: str | None) -> list[list[str]]:
    """Answer the arc menu with the action carrying ``data`` ("" = delete, None = dismiss);
    returns the offered choices of each menu shown."""
    shown: list[list[str]] = []

    def exec_menu(menu: QMenu, pos: QPoint, parent: QWidget) -> QAction | None:
        actions = [a for a in menu.actions() if not a.isSeparator()]
        sub = actions[0].menu()
        assert sub is not None
        shown.append([str(a.data()) for a in sub.actions()])
        if data is None:
            return None
        found = [a for a in [*sub.actions(), *actions] if a.data() == data]
        return found[0]

    monkeypatch.setattr(w.layers.arc_actions, "exec_menu", exec_menu)
    return shown


def test_arcs_are_selected_retyped_and_deleted_from_the_view(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = window
    project = w.session.project
    assert project is not None
    overlay = w.event_tools.arcs
    argument, relation = arc(w, False), arc(w, True)
    w.view.scroll_to(0)
    w.view.viewport().repaint()
    # a left click on the argument's arc selects its event's trigger
    point = lane_point(overlay, argument.uuid)
    qtbot.mouseClick(w.view.viewport(), Qt.MouseButton.LeftButton, pos=point.toPoint())
    assert w.model.selected_uuid == argument.source
    assert any(s.emphasised for s in overlay.shapes() if s.link.uuid == argument.uuid)

    # right click: the roles GPE may fill in Contact.Meet; Entity replaces Place, one step
    shown = choose(monkeypatch, w, "Entity")
    depth = w.session.undo_stack.count()
    where = lane_point(overlay, argument.uuid).toPoint()
    QApplication.sendEvent(
        w.view.viewport(),
        QContextMenuEvent(
            QContextMenuEvent.Reason.Mouse, where, w.view.viewport().mapToGlobal(where)
        ),
    )
    assert shown == [["Entity", "Place"]]
    (event,) = project.events(None, ME)
    assert [(a.uuid, a.role) for a in project.arguments(event.uuid)] == [
        (argument.uuid, "Entity")
    ]  # the same argument in its new role: a merge sees one update
    assert w.session.undo_stack.count() == depth + 1
    w.actions_by_name["undo"].trigger()
    assert [a.role for a in project.arguments(event.uuid)] == ["Place"]

    # the relation: another type, then deleted (each undoable)
    relation = arc(w, True)
    shown = choose(monkeypatch, w, "GEN-AFF")
    w.layers.arc_actions.menu(relation.uuid, QPoint(10, 10))
    assert shown == [["PHYS", "ORG-AFF", "GEN-AFF"]]
    assert [r.type for r in project.relations(None, ME)] == ["GEN-AFF"]
    relation = arc(w, True)
    choose(monkeypatch, w, "")
    w.layers.arc_actions.menu(relation.uuid, QPoint(10, 10))
    assert project.relations(None, ME) == []
    assert not [x for x in overlay.links() if x.relation]
    w.actions_by_name["undo"].trigger()
    assert [r.type for r in project.relations(None, ME)] == ["GEN-AFF"]
    choose(monkeypatch, w, None)  # dismissed: nothing changes
    w.layers.arc_actions.menu(arc(w, True).uuid, QPoint(10, 10))
    assert [r.type for r in project.relations(None, ME)] == ["GEN-AFF"]

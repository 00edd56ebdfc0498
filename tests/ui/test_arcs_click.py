"""Arcs take clicks (ui.docview.arcs.ArcOverlay.arc_at): a press on an arc's line or label
emits arcClicked(uuid) and does not reach the view; a right click asks for its menu
(arcContextMenu); a press elsewhere is the view's as before. Right to left, the arc and its
label stay between the two spans."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui.docview.arcs import ArcOverlay, Link
from ui.docview.view import DocumentView, ViewSpan

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

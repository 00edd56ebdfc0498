"""QA4 (a day in the Arabic interface): types named as the text's tags and the events panel
name them (not PART-WHOLE, Conflict.Attack, PER) on the arcs, in the details, in the delete
question and in the span tooltip; popups asked for from the keyboard open at the selected text,
not at the mouse pointer; the key shown beside a label in the new-argument menu picks it."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QMenu, QStyleOptionComboBox, QWidget
from pytestqt.qtbot import QtBot

from annotator.project import Project
from tests.ui.conftest import open_window
from ui import i18n
from ui.events import relations
from ui.screen import popup_position
from ui.workbench.mainwindow import MainWindow

# the offscreen platform cannot raise a popup or grab the keyboard for it (no real warning)
pytestmark = pytest.mark.qt_log_ignore(
    "propagateSizeHints", "does not support raise", "does not support grabbing the keyboard"
)

SEED = Path(__file__).parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"
TEXT = SEED.read_text(encoding="utf-8")
ME = "amal"
SHOTS = Path("/tmp/annotator_shots")
CODES = ("PART-WHOLE", "Conflict.Attack", "GPE")


@pytest.fixture
def arabic(qtbot: QtBot) -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert i18n.install_translator(app, "ar") == "ar"
    yield
    i18n.install_translator(app, "en")


def _project(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """ضربات triggers an attack with سورية as its place; a PART-WHOLE relation links العراق
    to سورية."""
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        d = p.add_document(TEXT, name="seed")
        t0 = TEXT.index("ضربات")
        trigger = p.add_span(d.id, t0, t0 + 5, "Conflict.Attack", annotator=ME)
        event = p.add_event(trigger.uuid)
        s0 = TEXT.index("سورية")
        place = p.add_span(d.id, s0, s0 + 5, "GPE", annotator=ME)
        p.add_argument(event.uuid, "Place", place.uuid)
        i0 = TEXT.index("العراق", s0)
        iraq = p.add_span(d.id, i0, i0 + 6, "GPE", annotator=ME)
        p.add_relation("PART-WHOLE", iraq.uuid, place.uuid)
    return path, {"trigger": trigger.uuid, "place": place.uuid, "iraq": iraq.uuid}


def _window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[
    MainWindow, dict[str, str]
]:  # fmt: skip
    path, uuids = _project(tmp_path)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    w = open_window(qtbot, tmp_path, path, size=(1366, 768))
    with qtbot.waitActive(w):  # the window's single-key shortcuts need it active
        w.activateWindow()
    return w, uuids


def _point(w: MainWindow, pos: int) -> QPoint:
    """The viewport point in the middle of the character at code point ``pos``."""
    a, b = w.view.cursor_rect(pos), w.view.cursor_rect(pos + 1)
    return QPoint((a.center().x() + b.center().x()) // 2, a.center().y())


def _on_popup(act: Callable[[QMenu], None], count: int) -> list[QMenu]:
    """Call ``act`` with each of the next ``count`` popup menus that open (while the test's
    key press waits)."""
    seen: list[QMenu] = []

    def look() -> None:
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu) and menu not in seen and menu.isVisible():
            seen.append(menu)
            act(menu)
        if len(seen) < count:
            QTimer.singleShot(50, look)

    QTimer.singleShot(50, look)
    return seen


def _pointer_on_documents_dock(w: MainWindow) -> QPoint:
    far = w.documents.mapToGlobal(QPoint(50, 200))
    QCursor.setPos(far)
    QApplication.processEvents()
    return far


def test_types_are_named_as_the_tags_name_them(
    arabic: None, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    w, uuids = _window(qtbot, tmp_path, monkeypatch)
    try:
        # the relation's arc says جزء من كل, as the events panel does
        w.selection.select_span(uuids["place"])
        w.view.scroll_to(TEXT.index("سورية"))
        qtbot.waitUntil(lambda: bool(w.details.linked))
        arcs = [s.link.label for s in w.event_tools.arcs.shapes()]
        assert "جزء من كل" in arcs and "PART-WHOLE" not in arcs
        # the details' relation title
        (relation,) = [e for e in w.details.linked if e.kind == "relation"]
        assert "جزء من كل" in relation.title() and "PART-WHOLE" not in relation.title()
        # the span tooltip names the label as its tag does
        tip = w.view.tooltip_html(_point(w, TEXT.index("سورية") + 2))
        assert "كيان جغرافي سياسي" in tip and "GPE" not in tip
        w.grab().save(str(_shots() / "qa4_relation_ar.png"))

        # the details of the trigger: its event heading and its label box say هجوم
        w.selection.select_span(uuids["trigger"])
        qtbot.waitUntil(lambda: any(e.kind == "event" for e in w.details.linked))
        (event,) = [e for e in w.details.linked if e.kind == "event"]
        assert event.title() == "حدث هجوم"
        option = QStyleOptionComboBox()
        w.details.label_box.initStyleOption(option)
        assert option.currentText == "هجوم"
        assert "Conflict.Attack" in w.details.label_box.currentText()  # the list: every name
        w.details.grab().save(str(_shots() / "qa4_details_ar.png"))

        # Delete on سورية: the question names the event هجوم (plain text)
        asked: list[str] = []

        def ask(parent: QWidget | None, title: str, text: str, choices: Sequence[object]) -> str:
            asked.append(text)
            return ""

        monkeypatch.setattr(relations, "ask_choice", ask)
        w.selection.select_span(uuids["place"])
        w.view.setFocus()
        QTest.keyClick(w.view, Qt.Key.Key_Delete)
        qtbot.waitUntil(lambda: bool(asked))
        assert "هجوم" in asked[0] and not any(code in asked[0] for code in CODES)
        assert i18n.isolate("سورية") in asked[0] and i18n.isolate("هجوم") in asked[0]
        # the trigger's question too
        w.selection.select_span(uuids["trigger"])
        QTest.keyClick(w.view, Qt.Key.Key_Delete)
        qtbot.waitUntil(lambda: len(asked) == 2)
        assert i18n.isolate("هجوم") in asked[1] and "Conflict.Attack" not in asked[1]
    finally:
        w.session.close()


def test_keyboard_popups_open_at_the_selection_and_the_shown_key_picks(
    arabic: None, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    w, uuids = _window(qtbot, tmp_path, monkeypatch)
    try:
        w.selection.select_span(uuids["trigger"])
        screen = w.screen().availableGeometry()
        # an العراق wholly on the (offscreen, 800 pixels wide) screen, on one line, with room
        # left of it for the menu: its place is then not moved to keep the menu on the screen
        start, span = TEXT.index("العراق"), QRect()
        while True:
            start = TEXT.index("العراق", start + 1)
            end = start + len("العراق")
            w.view.scroll_to(start)
            QApplication.processEvents()
            first, last = w.view.cursor_rect(start), w.view.cursor_rect(end)
            both = first.united(last)
            span = QRect(w.view.viewport().mapToGlobal(both.topLeft()), both.size())
            if first.center().y() == last.center().y() and 400 < span.right() < screen.right():
                break
        w.view.select(start, end)
        w.view.setFocus()
        QApplication.processEvents()
        pointer = _pointer_on_documents_dock(w)
        places: list[QRect] = []
        stuck: list[QRect] = []

        def act(menu: QMenu) -> None:
            places.append(menu.geometry())
            if len(places) == 1:
                texts = [a.text() for a in menu.actions()]
                assert any(t.startswith("كيان جغرافي سياسي") and t.endswith("\tG") for t in texts)
                shot = w.grab()
                from PySide6.QtGui import QPainter

                painter = QPainter(shot)
                painter.drawPixmap(w.mapFromGlobal(menu.geometry().topLeft()), menu.grab())
                painter.end()
                shot.save(str(_shots() / "qa4_menu_at_selection.png"))
                QTest.keyClick(menu, Qt.Key.Key_G)  # the key shown beside GPE
                if menu.isVisible():  # G did nothing
                    stuck.append(menu.geometry())
                    menu.close()
            else:  # GPE can attack or be the place: the role menu, at the selection too
                QTest.keyClick(menu, Qt.Key.Key_Down)
                QTest.keyClick(menu, Qt.Key.Key_Return)

        _on_popup(act, 2)
        QTest.keyClick(w.view, Qt.Key.Key_A)
        qtbot.waitUntil(lambda: bool(places))
        for place in places:
            assert not place.contains(pointer)
            assert place.top() == span.bottom() + 1  # just below the selected text
            assert abs(place.right() - span.right()) <= 1  # its right edge: the span's start
        assert not stuck, "G left the label menu open"
        qtbot.waitUntil(lambda: len(places) == 2)
        assert places[1].topRight() == places[0].topRight()  # the role menu: there too
        qtbot.waitUntil(
            lambda: any(s.label == "GPE" and s.start == start for s in w.model.layer.spans)
        )
        added = next(s for s in w.model.layer.spans if s.label == "GPE" and s.start == start)
        assert [a.role for a in w.model.layer.arguments if a.target == added.uuid] == ["Attacker"]
    finally:
        w.session.close()


def test_a_popup_a_click_asks_for_opens_at_the_pointer(
    arabic: None, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    w, _uuids = _window(qtbot, tmp_path, monkeypatch)
    try:
        pointer = _pointer_on_documents_dock(w)
        places: list[QRect] = []

        def act(menu: QMenu) -> None:
            places.append(menu.geometry())
            QTest.keyClick(menu, Qt.Key.Key_Escape)

        _on_popup(act, 1)
        schema = w.session.project.schema if w.session.project else None
        assert schema is not None
        event = schema.event("Conflict.Attack")
        assert event is not None
        assert w.event_tools.linker.choose_role(list(event.roles), "x") is None
        assert len(places) == 1
        grown = places[0].adjusted(-2, -2, 2, 2)
        assert grown.contains(pointer)
    finally:
        w.session.close()


def test_popup_position_below_above_and_by_direction() -> None:
    screen = QRect(0, 0, 1000, 800)
    span, size = QRect(600, 100, 80, 20), QSize(200, 150)
    assert popup_position(span, size, screen, rtl=True) == QPoint(480, 120)
    assert popup_position(span, size, screen, rtl=False) == QPoint(600, 120)
    low = QRect(600, 700, 80, 20)  # near the screen's bottom: above the span
    assert popup_position(low, size, screen, rtl=True) == QPoint(480, 550)
    edge = QRect(10, 100, 80, 20)  # the right-to-left place would leave the screen
    assert popup_position(edge, size, screen, rtl=True) == QPoint(0, 120)


def _shots() -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS


def test_the_arc_menu_ticks_the_stored_type_and_names_the_choices_in_arabic(
    arabic: None, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The arc's label is the shown name (جزء من كل), not the stored one (PART-WHOLE): its
    right-click menu ticks the relation's stored type, names every choice as the tags do, and
    choosing the current type again writes nothing."""
    w, _uuids = _window(qtbot, tmp_path, monkeypatch)
    try:
        project = w.session.project
        assert project is not None
        (relation,) = project.relations(None, ME)
        actions = w.layers.arc_actions
        seen: list[list[tuple[str, str, bool]]] = []

        def answer(menu: QMenu, pos: QPoint, parent: QWidget) -> QAction | None:
            sub = menu.actions()[0].menu()
            assert sub is not None
            seen.append([(a.text(), str(a.data()), a.isChecked()) for a in sub.actions()])
            return next(a for a in sub.actions() if a.isChecked())

        monkeypatch.setattr(actions, "exec_menu", answer)
        depth = w.session.undo_stack.count()
        actions.menu(relation.uuid, QPoint(5, 5))
        (choices,) = seen
        ticked = [(text, data) for text, data, checked in choices if checked]
        assert ticked == [("جزء من كل", "PART-WHOLE")]
        assert all(data not in text for text, data, _ in choices if data in CODES)
        assert w.session.undo_stack.count() == depth  # the same type again: nothing written
    finally:
        w.session.close()

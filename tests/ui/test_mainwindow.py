"""The main window driven like an analyst: mouse and keyboard selections, hotkeys, panels."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from annotator.model import Status
from annotator.project import Project
from annotator.schema import Role
from ui.session import Session
from ui.workbench.mainwindow import MainWindow
from ui.workbench.menus import open_project

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

SEED = Path(__file__).parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"
TEXT = SEED.read_text(encoding="utf-8")
ME = "amal"
PAYLOAD = '<img src="file:///etc/passwd"><a href="file:///etc">x</a><b>b</b><style>*{}</style>'


def at(word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_document(TEXT, name="seed")
        p.add_document("نص ثان عن بغداد.\nSecond line.", name="second")
        p.add_document(f"عنوان {PAYLOAD} نهاية", name=PAYLOAD)
    return path


@pytest.fixture
def window(
    qtbot: QtBot, tmp_path: Path, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    session = Session()
    w = MainWindow(session, settings)
    w.quiet_errors = True
    qtbot.addWidget(w)
    assert open_project(w, project_path)
    assert w.ensure_annotator()
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    w.view.setFocus()
    yield w
    session.close()


def point(w: MainWindow, pos: int) -> QPoint:
    """A viewport point inside the character at code point ``pos``."""
    rect = w.view.cursor_rect(pos)
    nxt = w.view.cursor_rect(pos + 1)
    return QPoint((rect.center().x() + nxt.center().x()) // 2, rect.center().y())


def keys(qtbot: QtBot, w: MainWindow, *seq: Any) -> None:
    for k in seq:
        if isinstance(k, tuple):
            QTest.keyClick(w.view, k[0], k[1])
        else:
            QTest.keyClick(w.view, k)


def spans(w: MainWindow) -> list[Any]:
    assert w.session.project is not None and w.model.doc is not None
    return w.session.project.spans(w.model.doc.id, ME)


def test_first_start_asks_the_name_and_shows_it(window: MainWindow) -> None:
    assert window.session.annotator == ME
    assert ME in window.status_annotator.text()
    assert "p.annotator" in window.status_project.text()


def test_double_click_trim_proclitic_and_hotkey(qtbot: QtBot, window: MainWindow) -> None:
    start, end = at("وهولندا")
    QTest.mouseDClick(
        window.view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        point(window, start + 3),
    )
    assert window.view.selection() == (start, end)
    keys(qtbot, window, Qt.Key.Key_BracketLeft, Qt.Key.Key_G)
    (span,) = spans(window)
    assert (span.start, span.end, span.label) == (start + 1, end, "GPE")
    assert span.text == TEXT[span.start : span.end] == "هولندا"
    assert window.view.selected() == span.uuid
    assert window.annotations.uuids() == [span.uuid]


def test_mouse_drag_snaps_to_the_word(qtbot: QtBot, window: MainWindow) -> None:
    start, end = at("بباريس")
    vp = window.view.viewport()
    QTest.mousePress(
        vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point(window, start + 1)
    )
    QTest.mouseMove(vp, point(window, start + 3))
    QTest.mouseMove(vp, point(window, end - 2))
    QTest.mouseRelease(
        vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point(window, end - 2)
    )
    assert window.view.selection() == (start, end)
    keys(qtbot, window, Qt.Key.Key_BracketLeft, Qt.Key.Key_L)
    (span,) = spans(window)
    assert (span.start, span.end, span.text) == (start + 1, end, "باريس")


def test_keyboard_selection_and_restore_proclitic(qtbot: QtBot, window: MainWindow) -> None:
    start, end = at("2014")
    window.view.select(start, start)
    shift = Qt.KeyboardModifier.ShiftModifier
    # RTL paragraph: Shift+Left extends the selection forward in reading order.
    keys(qtbot, window, *[(Qt.Key.Key_Left, shift)] * 4)
    assert window.view.selection() == (start, end)
    keys(qtbot, window, Qt.Key.Key_1)
    s0, e0 = at("داعش")
    window.view.select(s0, s0)
    keys(qtbot, window, (Qt.Key.Key_Left, shift | Qt.KeyboardModifier.ControlModifier))
    keys(qtbot, window, Qt.Key.Key_O)
    s1, e1 = at("وهولندا")
    window.view.select(s1 + 1, e1)
    keys(qtbot, window, Qt.Key.Key_BracketRight)
    assert window.view.selection() == (s1, e1)
    got = {(s.start, s.end, s.label) for s in spans(window)}
    assert got == {(start, end, "TIME"), (s0, e0, "ORG")}
    assert all(s.text == TEXT[s.start : s.end] for s in spans(window))


def test_event_hotkey_and_role_menu_offers_only_accepting_roles(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = window.session.project
    assert project is not None
    window.view.select(*at("الاجتماع"))
    keys(qtbot, window, Qt.Key.Key_T, Qt.Key.Key_M)  # chord "T, M" = Contact.Meet
    (event,) = project.events(window.model.doc.id if window.model.doc else 0, ME)
    assert event.type == "Contact.Meet"
    trigger = project.span(event.trigger)
    assert (trigger.start, trigger.end) == at("الاجتماع")
    s, e = at("بباريس")
    window.view.select(s + 1, e)
    keys(qtbot, window, Qt.Key.Key_G)
    paris = next(x for x in spans(window) if x.label == "GPE")
    window.selection.select_span(trigger.uuid)
    offered: list[list[str]] = []

    def choose(roles: list[Role], covered: str) -> str:
        offered.append([r.name for r in roles])
        return "Place"

    monkeypatch.setattr(window.event_tools.linker, "choose_role", choose)
    QTest.mouseClick(
        window.view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        point(window, s + 3),
    )
    assert offered == [["Entity", "Place"]]  # Time does not accept GPE
    (arg,) = project.arguments(event.uuid)
    assert (arg.role, arg.target) == ("Place", paris.uuid)
    assert window.model.selected_uuid == trigger.uuid
    shown = window.details.event_info.text().replace("\u2068", "").replace("\u2069", "")
    assert "Place: باريس" in shown  # each part a bidi isolate


def test_delete_move_edges_and_navigation(qtbot: QtBot, window: MainWindow) -> None:
    s, e = at("باريس")
    window.view.select(s, e)
    keys(qtbot, window, Qt.Key.Key_G)
    window.view.select(*at("داعش"))
    keys(qtbot, window, Qt.Key.Key_O)
    first = spans(window)[0]
    alt = Qt.KeyboardModifier.AltModifier
    window.selection.select_span(first.uuid)
    # RTL: the start edge is on the right; Alt+Right moves it right = one letter earlier.
    keys(qtbot, window, (Qt.Key.Key_Right, alt))
    assert window.session.project is not None
    assert window.session.project.span(first.uuid).start == s - 1
    keys(qtbot, window, (Qt.Key.Key_Left, alt | Qt.KeyboardModifier.ShiftModifier))
    assert window.session.project.span(first.uuid).end == e + 1
    keys(qtbot, window, (Qt.Key.Key_Left, alt | Qt.KeyboardModifier.ShiftModifier))
    keys(qtbot, window, (Qt.Key.Key_Right, alt), (Qt.Key.Key_Right, alt))  # grows to the word
    keys(qtbot, window, Qt.Key.Key_Tab)
    assert window.model.selected_uuid == spans(window)[1].uuid
    keys(qtbot, window, (Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier))
    assert window.model.selected_uuid == first.uuid
    keys(qtbot, window, Qt.Key.Key_Delete)
    assert [x.uuid for x in spans(window)] == [spans(window)[0].uuid]
    keys(qtbot, window, (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier))
    assert first.uuid in {x.uuid for x in spans(window)}


def test_palette_click_and_sticky_mode(qtbot: QtBot, window: MainWindow) -> None:
    window.view.select(*at("فرنسا"))
    item = window.label_palette.item_for("GPE")
    assert item is not None and "[G]" in item.text() and "كيان" in item.text()
    rect = window.label_palette.list.visualItemRect(item)
    QTest.mouseClick(
        window.label_palette.list.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        rect.center(),
    )
    assert [x.text for x in spans(window)] == ["فرنسا"]
    window.actions_by_name["sticky"].setChecked(True)
    for word in ("أستراليا", "بريطانيا"):
        s, _ = at(word)
        QTest.mouseDClick(
            window.view.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            point(window, s + 2),
        )
    assert sorted(x.text for x in spans(window)) == sorted(["فرنسا", "أستراليا", "بريطانيا"])
    assert {x.label for x in spans(window)} == {"GPE"}


def test_details_panel_edits_attributes_and_note(qtbot: QtBot, window: MainWindow) -> None:
    window.view.select(*at("ألمانيا"))
    keys(qtbot, window, Qt.Key.Key_G)
    (span,) = spans(window)
    combo = window.details.attr_widgets["MentionType"]
    from PySide6.QtWidgets import QComboBox

    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("NAM"))
    combo.activated.emit(combo.currentIndex())
    window.details.note.setPlainText(PAYLOAD)
    window.details.flush_note()
    assert window.session.project is not None
    stored = window.session.project.span(span.uuid)
    assert stored.attributes == {"MentionType": "NAM"} and stored.note == PAYLOAD
    assert window.details.text_view.toPlainText() == "ألمانيا"
    window.details.label_box.setCurrentIndex(window.details.label_box.findData("LOC"))
    window.details.label_box.activated.emit(window.details.label_box.currentIndex())
    assert window.session.project.span(span.uuid).label == "LOC"


def test_spans_of_one_label_shown_in_turn_keep_the_attribute_widgets(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Selecting one span after another of the same label shows each one's values in the same
    widgets, changing nothing stored; an edit then goes to the span shown."""
    from PySide6.QtWidgets import QComboBox

    assert window.session.project is not None
    window.view.select(*at("ألمانيا"))
    keys(qtbot, window, Qt.Key.Key_G)
    window.view.select(*at("فرنسا"))
    keys(qtbot, window, Qt.Key.Key_G)
    first, second = sorted(spans(window), key=lambda s: s.start)
    combo = window.details.attr_widgets["MentionType"]
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("NAM"))
    combo.activated.emit(combo.currentIndex())
    shown = window.details.uuid
    other = first if shown == second.uuid else second
    stored = window.session.project.span(shown).attributes
    assert stored == {"MentionType": "NAM"}
    window.selection.select_span(other.uuid)
    assert window.details.attr_widgets["MentionType"] is combo  # the same widget
    assert combo.currentData() is None  # the other span has no value
    window.selection.select_span(shown)
    assert combo.currentData() == "NAM"
    assert window.session.project.span(other.uuid).attributes == {}
    window.selection.select_span(other.uuid)
    combo.setCurrentIndex(combo.findData("NOM"))
    combo.activated.emit(combo.currentIndex())
    assert window.session.project.span(other.uuid).attributes == {"MentionType": "NOM"}
    assert window.session.project.span(shown).attributes == {"MentionType": "NAM"}
    window.view.select(*at("أستراليا"))
    keys(qtbot, window, Qt.Key.Key_1)  # a time expression: other attributes, other widgets
    assert "MentionType" not in window.details.attr_widgets
    window.selection.select_span(shown)
    again = window.details.attr_widgets["MentionType"]
    assert again is not combo and isinstance(again, QComboBox)
    assert again.currentData() == "NAM"


def test_rich_text_payload_is_shown_literally(qtbot: QtBot, window: MainWindow) -> None:
    project = window.session.project
    assert project is not None
    doc = project.document_by_name(PAYLOAD)
    assert doc is not None
    window.navigation.open_document(doc.id)
    model = window.documents.model
    name = next(i for r in range(model.rowCount()) if (i := model.index(r, 0)).data() == PAYLOAD)
    tip = name.data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;img" in tip and "<img" not in tip
    start = doc.text.index("<img")
    window.view.select(start, start + len(PAYLOAD))
    keys(qtbot, window, Qt.Key.Key_O)
    (span,) = spans(window)
    assert span.text == PAYLOAD
    assert window.details.text_view.toPlainText() == PAYLOAD
    cell = window.annotations.model.index(0, 1)
    assert cell.data() == PAYLOAD[:59] + "…"  # excerpt, literal
    assert "&lt;b&gt;" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert window.view.toPlainText() == doc.text
    assert window.view.document().resource_requests == []  # type: ignore[attr-defined]


def test_mark_done_goes_to_next_and_filters(qtbot: QtBot, window: MainWindow) -> None:
    assert window.model.doc is not None and window.model.doc.name == "seed"
    first = window.model.doc.id
    keys(qtbot, window, (Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier))
    assert window.session.project is not None
    assert window.session.project.status(first, ME) == Status.DONE
    assert window.model.doc.name == "second"
    panel = window.documents
    panel.status_filter.setCurrentIndex(panel.status_filter.findData("done"))
    assert panel.visible_ids() == [first]
    panel.status_filter.setCurrentIndex(0)
    panel.filter_edit.setText("SEC")
    assert panel.visible_ids() == [window.model.doc.id]


def test_other_layers_are_read_only_and_layout_is_remembered(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    project = window.session.project
    assert project is not None and window.model.doc is not None
    other = project.add_span(window.model.doc.id, *at("فرنسا"), "GPE", annotator="basma")
    window.model.other_layers = ["basma"]
    window.layers.refresh_layer()
    shown = {s.uuid: s for s in window.view.spans()}
    assert shown[other.uuid].read_only and shown[other.uuid].layer == "basma"
    assert other.uuid not in window.annotations.uuids()
    window.docks["details"].hide()
    window.close()
    again = MainWindow(Session(), window.settings)
    qtbot.addWidget(again)
    again.show()
    assert not again.docks["details"].isVisible()
    assert again.docks["documents"].isVisible()

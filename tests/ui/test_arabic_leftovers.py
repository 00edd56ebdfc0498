"""Leftovers of the QA walk through the Arabic interface (round 5): a recent project's path
read backwards, the entity list named labels by their codes and offered parent types, the
Export dialog's Labels list showed codes, the Import dialog's formats were bare codes, the
span-edge items had arrows pointing against their words, and menu shortcuts were half
translated and turned round (Alt+اليمين, ++Ctrl)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QApplication,
    QInputDialog,
    QMenu,
    QMessageBox,
    QStyleOptionMenuItem,
)
from pytestqt.qtbot import QtBot

from annotator.model import Span
from annotator.project import Project
from annotator.search import entity_groups
from tests.ui.conftest import open_window, x_of
from ui import i18n
from ui.dialogs.export_dialog import ExportDialog
from ui.dialogs.import_dialog import ImportDialog
from ui.keys import KeyMenu
from ui.review.window import ReviewWindow
from ui.search import EntityList
from ui.search.tools import SearchTools
from ui.session import Session
from ui.workbench.mainwindow import MainWindow
from ui.workbench.menus import fill_recent
from ui.workbench.palette import CommandPalette, KeysPage, action_text, key_text

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen plugin chatter
ARABIC = re.compile("[\u0600-\u06ff]")


@pytest.fixture(params=["ar", "en"])
def lang(request: pytest.FixtureRequest, qtbot: QtBot) -> Iterator[str]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert i18n.install_translator(app, request.param) == request.param
    yield request.param
    i18n.install_translator(app, "en")


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    w = MainWindow(Session(), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    return w


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    p = Project.create(tmp_path / "p.annotator")
    doc = p.add_document("وصل الوزير إلى باريس.", name="d")
    p.add_span(doc.id, 15, 20, "GPE", "amal")
    yield p
    p.close()


def item_text(menu: KeyMenu, name: str, window: MainWindow) -> tuple[str, str]:
    """The text and the shortcut text a menu item is drawn with."""
    option = QStyleOptionMenuItem()
    menu.initStyleOption(option, window.actions_by_name[name])
    text, _, keys = option.text.partition("\t")
    return text, keys


def test_a_recent_project_reads_left_to_right(
    arabic: QApplication, window: MainWindow, shots: Path
) -> None:
    path = "/tmp/qa5-arabic/run_x/s.annotator"
    window.remember_project(path)
    fill_recent(window)
    text = window.recent_menu.actions()[0].text()
    assert text == i18n.path_text(path)
    x = x_of(text, Qt.LayoutDirection.RightToLeft)
    # the leading "/" at the left, as written (cursor positions inside the isolate)
    assert x(2) < x(3) < x(len(text) - 2)
    # a path whose first folder is Arabic reads left to right too (a first-strong isolate
    # would turn it round: مشاريع/ at the right end)
    arabic_path = "مشاريع/run_x/s.annotator"
    window.remember_project(arabic_path)
    fill_recent(window)
    texts = [a.text() for a in window.recent_menu.actions()]
    assert i18n.path_text(arabic_path) in texts
    x = x_of(i18n.path_text(arabic_path), Qt.LayoutDirection.RightToLeft)
    assert x(3) < x(10)  # مشاريع left of run_x, as written
    window.recent_menu.grab().save(str(shots / "arabic_recent.png"))


def test_menu_shortcuts_are_portable_key_names_read_left_to_right(
    lang: str, window: MainWindow, shots: Path
) -> None:
    edge = window.actions_by_name["start_right"]
    menu = edge.parent()
    assert isinstance(menu, KeyMenu)
    assert item_text(menu, "start_right", window)[1] == i18n.isolate("Alt+Right")
    assert item_text(menu, "end_w_left", window)[1] == i18n.isolate("Ctrl+Alt+Shift+Left")
    zoom = window.actions_by_name["zoom_in"].parent()
    assert isinstance(zoom, KeyMenu)
    keys = item_text(zoom, "zoom_in", window)[1]
    assert keys == i18n.isolate("Ctrl++")
    x = x_of(keys, Qt.LayoutDirection.RightToLeft)
    assert x(2) < x(len(keys) - 2)  # "Ctrl" left of its "+", not "++Ctrl"
    menu.adjustSize()
    menu.grab().save(str(shots / f"annotate_menu_{lang}.png"))


def test_edge_items_say_where_the_edge_goes_without_a_contrary_arrow(
    lang: str, window: MainWindow
) -> None:
    right, left = ("يمين", "يسار") if lang == "ar" else ("right", "left")
    for name in ("start_right", "end_right", "start_w_right", "end_w_right"):
        text = window.actions_by_name[name].text()
        assert right in text and left not in text, text
        assert not {"→", "←"} & set(text)
    for name in ("start_left", "end_left", "start_w_left", "end_w_left"):
        text = window.actions_by_name[name].text()
        assert left in text and right not in text, text
        assert not {"→", "←"} & set(text)


def test_entity_list_shows_tags_and_offers_only_annotatable_labels(
    arabic: QApplication, qtbot: QtBot, project: Project, shots: Path
) -> None:
    widget = EntityList()
    qtbot.addWidget(widget)
    spans = [Span("s1", 1, "amal", 15, 20, "GPE", "باريس")]
    widget.set_groups(entity_groups(spans), project.schema.span_labels())
    assert widget.proxy.index(0, 0).data() == "كيان جغرافي سياسي"
    menu = widget.menu_for(0)
    relabel = next(m for a in menu.actions() if isinstance(m := a.menu(), QMenu))
    offered = [a.text() for a in relabel.actions()]
    assert "منظمة" in offered and "ولادة" in offered
    assert not {"ORG", "GPE", "Life.Be-Born", "حياة", "تنقل", "Life", "Movement"} & set(offered)
    assert "كيان جغرافي سياسي" not in offered  # the group's own label
    with qtbot.waitSignal(widget.relabelRequested) as blocker:
        next(a for a in relabel.actions() if a.text() == "منظمة").trigger()
    assert blocker.args is not None and blocker.args[1] == "ORG"
    widget.filter.setText("كيان")
    assert widget.proxy.rowCount() == 1
    widget.resize(500, 200)
    widget.show()
    widget.grab().save(str(shots / "arabic_entities.png"))


def test_export_labels_show_the_tags_and_filter_by_code(
    arabic: QApplication, qtbot: QtBot, project: Project, shots: Path
) -> None:
    dialog = ExportDialog(project)
    qtbot.addWidget(dialog)
    items = [dialog.labels.item(i) for i in range(dialog.labels.count())]
    gpe = next(it for it in items if it.data(Qt.ItemDataRole.UserRole) == "GPE")
    assert gpe.text() == "كيان جغرافي سياسي"
    assert gpe.toolTip() == i18n.plain_tooltip("GPE")
    for it in items:
        if it is not gpe:
            it.setCheckState(Qt.CheckState.Unchecked)
    assert dialog.chosen_labels() == ("GPE",)
    dialog.show()
    dialog.grab().save(str(shots / "arabic_export_labels.png"))


@pytest.mark.qt_log_ignore("propagateSizeHints", "grabbing the keyboard")  # the open popup
def test_import_formats_are_described_in_the_interface_language(
    arabic: QApplication, qtbot: QtBot, shots: Path
) -> None:
    dialog = ImportDialog(Session())
    qtbot.addWidget(dialog)
    for i in range(dialog.format.count()):
        fmt, text = dialog.format.itemData(i), dialog.format.itemText(i)
        assert ARABIC.search(text), text
        if fmt != "auto":
            assert text.startswith(f"{fmt} — "), text
    dialog.show()
    dialog.format.showPopup()
    dialog.format.view().window().grab().save(str(shots / "arabic_import_formats.png"))
    dialog.format.hidePopup()


def test_palette_and_keys_page_show_keys_as_the_menus_do(
    lang: str, qtbot: QtBot, window: MainWindow, shots: Path
) -> None:
    """The command palette and the keys page wrote Qt's native text (Alt+اليمين beside Tab and
    Return in Arabic, Ctrl++ turned round): they show ``shortcut_text``, as the menus do."""
    palette = CommandPalette(window.actions_by_name, window)
    qtbot.addWidget(palette)
    rows = {
        palette.table.item(r, 0).text(): palette.table.item(r, 1).text()  # type: ignore[union-attr]
        for r in range(palette.table.rowCount())
    }
    start_right = window.actions_by_name["start_right"]
    assert rows[action_text(start_right)] == i18n.isolate("Alt+Right")
    assert rows[action_text(window.actions_by_name["zoom_in"])] == i18n.isolate("Ctrl++")
    redo = window.actions_by_name["redo"]
    assert key_text(redo) == i18n.isolate("Ctrl+Shift+Z / Ctrl+Y")
    assert not any(ARABIC.search(keys) for keys in rows.values())
    page = KeysPage(window.actions_by_name, [("C, A", "Attack"), ("G", "GPE")], window)
    qtbot.addWidget(page)
    keys = [page.table.item(r, 1).text() for r in range(page.table.rowCount())]  # type: ignore[union-attr]
    assert keys[:2] == [i18n.isolate("C, A"), i18n.isolate("G")]
    assert i18n.isolate("Alt+Right") in keys and i18n.isolate("Esc") in keys
    assert not any(ARABIC.search(k) for k in keys if k.startswith(i18n.FSI))  # but Double click
    page.show()
    page.grab().save(str(shots / f"keys_page_{lang}.png"))


def test_the_review_window_menu_shows_keys_as_the_main_window_does(lang: str, qtbot: QtBot) -> None:
    review = ReviewWindow(Session())
    qtbot.addWidget(review)
    (menu,) = [a.menu() for a in review.menuBar().actions()]
    assert isinstance(menu, KeyMenu)
    option = QStyleOptionMenuItem()
    menu.initStyleOption(option, review.actions_by_name["accept_agreements"])
    assert option.text.partition("\t")[2] == i18n.isolate("Ctrl+Shift+A")


def first_strong(text: str) -> str:
    """The bidi class (L, R or AL) that gives a Qt label of ``text`` its direction: its first
    strong character, inside an isolate too (Qt does not skip isolates there, as rule P2 of
    the bidi algorithm would), "" when it has none."""
    for char in text:
        if (kind := unicodedata.bidirectional(char)) in ("L", "R", "AL"):
            return kind
    return ""


@pytest.fixture
def trigger_window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[MainWindow, str]]:
    """A window on a layer where الاجتماع triggers Contact.Meet with a Place argument."""
    text = "قال الوزير إن الاجتماع سيعقد في باريس."
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document(text, name="d")
        where = text.index("باريس")
        gpe = p.add_span(doc.id, where, where + 5, "GPE", "amal")
        meet = text.index("الاجتماع")
        trigger = p.add_span(doc.id, meet, meet + 8, "Contact.Meet", "amal")
        p.add_argument(p.add_event(trigger.uuid).uuid, "Place", gpe.uuid)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    w = open_window(qtbot, tmp_path, path, (900, 600))
    yield w, trigger.uuid
    w.session.close()


def test_relabel_questions_read_in_the_interface_direction(
    lang: str,
    trigger_window: tuple[MainWindow, str],
    monkeypatch: pytest.MonkeyPatch,
    shots: Path,
) -> None:
    """The question before a trigger loses its event started with the Arabic span text, so in
    the English interface the whole paragraph was laid out right to left; every question a
    relabel asks starts with a word of the interface language."""
    w, trigger = trigger_window
    shown: list[str] = []

    def look(box: QMessageBox) -> int:
        box.resize(box.sizeHint())
        box.show()
        QApplication.processEvents()
        box.grab().save(str(shots / f"trigger_relabel_{lang}_{len(shown)}.png"))
        shown.append(box.text())
        return 0  # closed: Cancel

    monkeypatch.setattr(QMessageBox, "exec", look)
    assert not w.event_tools.relabel(trigger, "GPE")
    assert w.event_tools.ask_relabel_triggers([trigger], "GPE", "الاجتماع") is None
    assert len(shown) == 2
    # the entity list's concordance title too ("الاجتماع (Contact.Meet): 1 mentions")
    project = w.session.project
    assert project is not None
    tools: SearchTools = getattr(w, "search_tools")  # noqa: B009
    tools.show_entity(entity_groups(project.spans())[0])
    shown.append(tools.search.status.text())
    want = ("R", "AL") if lang == "ar" else ("L",)
    for text in shown:
        assert first_strong(text) in want, text

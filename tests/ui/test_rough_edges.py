"""The workbench's rough edges of issue 15, each driven like an analyst would meet it."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QInputDialog,
    QMenu,
    QMessageBox,
    QStyleOptionViewItem,
)
from pytestqt.qtbot import QtBot

from annotator.model import GOLD
from annotator.project import Project
from ui.dialogs import paths, prompts
from ui.dialogs.export_dialog import ExportDialog, install_command
from ui.session import Session
from ui.widgets import DirectionalDelegate
from ui.workbench import menus
from ui.workbench.hotkeys import XKB_BY_CODE, physical_key
from ui.workbench.mainwindow import MainWindow
from ui.workbench.menus import open_project
from ui.workbench.palette import CommandPalette, KeysPage

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

SEED = Path(__file__).parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"
TEXT = SEED.read_text(encoding="utf-8")
ME = "amal"
G_KEYCODE = next(code for code, key in XKB_BY_CODE.items() if key == "G")


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_document(TEXT, name="seed")
        p.add_document("نص ثان عن بغداد.\nSecond line.", name="second")
    return path


def make_window(qtbot: QtBot, settings_file: Path, project: Path | None = None) -> MainWindow:
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    w = MainWindow(Session(), settings)
    w.quiet_errors = True
    qtbot.addWidget(w)
    if project is not None:
        assert open_project(w, project)
        assert w.ensure_annotator()
    w.show()
    qtbot.waitExposed(w)
    w.view.setFocus()
    return w


@pytest.fixture
def window(
    qtbot: QtBot, tmp_path: Path, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    w = make_window(qtbot, tmp_path / "settings.ini", project_path)
    yield w
    w.session.close()


def arabic_press(widget: object, keycode: int, text: str) -> None:
    """What X11 sends with the Arabic layout active: Qt's key is the Arabic letter, the native
    scan code the physical key."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        event = QKeyEvent(kind, ord(text), Qt.KeyboardModifier.NoModifier, keycode, 0, 0, text)
        QApplication.sendEvent(widget, event)  # type: ignore[arg-type]


def spans(w: MainWindow) -> list[tuple[str, str]]:
    return [(s.text, s.label) for s in w.layer.spans]


# -- hotkeys in an Arabic layout ------------------------------------------------------------
def test_a_key_typing_arabic_applies_the_label_of_its_physical_key(window: MainWindow) -> None:
    window.view.select(*at("فرنسا"))
    arabic_press(window.view, G_KEYCODE, "ل")  # the key marked G types ل in Arabic
    assert spans(window) == [("فرنسا", "GPE")]


def test_chords_in_the_arabic_layout_and_the_pending_chord_is_shown(
    window: MainWindow, qtbot: QtBot
) -> None:
    c_code = next(code for code, key in XKB_BY_CODE.items() if key == "C")
    a_code = next(code for code, key in XKB_BY_CODE.items() if key == "A")
    start, end = at("فرنسا")
    window.view.select(start, end)
    arabic_press(window.view, c_code, "ؤ")  # C in the Arabic layout
    pending = window.statusBar().currentMessage()
    assert "C" in pending and "A" in pending and "Attack" in pending  # completions listed
    assert spans(window) == []
    arabic_press(window.view, a_code, "ش")  # A: Conflict.Attack
    assert spans(window) == [("فرنسا", "Conflict.Attack")]
    assert window.statusBar().currentMessage() == ""
    # Escape cancels a pending chord; the next key is a fresh start
    window.view.select(*at("هولندا"))
    arabic_press(window.view, c_code, "ؤ")
    QApplication.sendEvent(
        window.view,
        QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    )
    assert window.editing.hotkeys.pending == ()
    arabic_press(window.view, G_KEYCODE, "ل")
    assert ("هولندا", "GPE") in spans(window)


def test_latin_keys_still_work_and_a_note_field_is_left_alone(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.view.select(*at("فرنسا"))
    QTest.keyClick(window.view, Qt.Key.Key_G)
    assert spans(window) == [("فرنسا", "GPE")]
    window.details.note.setFocus()
    arabic_press(window.details.note, G_KEYCODE, "ل")
    assert len(spans(window)) == 1


def test_physical_key_tables() -> None:
    event = QKeyEvent(QEvent.Type.KeyPress, 0x644, Qt.KeyboardModifier.NoModifier, 34, 0, 0, "ل")
    assert physical_key(event, "windows") == "G"
    event = QKeyEvent(QEvent.Type.KeyPress, 0x644, Qt.KeyboardModifier.NoModifier, 0, 5, 0, "ل")
    assert physical_key(event, "cocoa") == "G"
    event = QKeyEvent(QEvent.Type.KeyPress, 0x644, Qt.KeyboardModifier.NoModifier, 42, 0, 0, "ل")
    assert physical_key(event, "xcb") == "G"


# -- layout -----------------------------------------------------------------------------------
def test_problems_dock_only_with_problems(window: MainWindow, qtbot: QtBot) -> None:
    dock = window.docks["validation"]
    qtbot.waitUntil(lambda: window.event_tools.validation.summary.text() != "")
    assert not dock.isVisible()
    window.view.select(*at("فرنسا"))
    window.editing.apply_label("Conflict.Attack")  # an event with no argument: a problem?
    window.event_tools.validation.refresh()
    shown = bool(window.event_tools.validation.found)
    assert dock.isVisible() == shown


def test_annotation_list_where_column_visible_and_labels_not_elided(
    window: MainWindow, qtbot: QtBot
) -> None:
    for word in ("فرنسا", "هولندا"):
        window.view.select(*at(word))
        window.editing.apply_label("GPE")
    window.docks["annotations"].resize(260, 300)
    tree = window.annotations.table
    qtbot.waitUntil(lambda: window.annotations.model.rowCount() == 2)
    header = tree.horizontalHeader()
    right = header.sectionViewportPosition(2) + header.sectionSize(2)
    assert right <= tree.viewport().width() + 1  # Where ends inside the visible area
    assert header.sectionSize(2) >= header.sectionSizeHint(2) - 1
    fm = tree.fontMetrics()
    assert header.sectionSize(0) >= fm.horizontalAdvance("GPE") + tree.iconSize().width()


def test_annotation_list_marks_a_trigger_by_its_swatch_and_leaves_the_text_room(
    window: MainWindow, qtbot: QtBot
) -> None:
    """A trigger's row says "(event)" in its tooltip and accessible name and carries a marked
    swatch; its cell shows the label alone, so in a narrow dock the text column keeps room for
    a word (it had some 20 px beside "Conflict.Attack (event)")."""
    window.view.select(*at("فرنسا"))
    window.editing.apply_label("GPE")
    window.view.select(*at("هولندا"))
    window.editing.apply_label("Conflict.Attack")
    window.docks["annotations"].resize(300, 300)
    table = window.annotations.table
    model = window.annotations.model
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    rows = {model.index(r, 0).data(): r for r in range(2)}
    event, entity = rows["Conflict.Attack"], rows["GPE"]
    tip = model.index(event, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "Conflict.Attack\xa0(" in tip and "GPE" not in tip  # (plain_tooltip keeps spaces)
    assert model.index(event, 0).data(Qt.ItemDataRole.AccessibleTextRole).endswith(")")
    assert model.index(entity, 0).data(Qt.ItemDataRole.AccessibleTextRole) == "GPE"
    marked = model.index(event, 0).data(Qt.ItemDataRole.DecorationRole).pixmap(14, 14).toImage()
    plain = model.icon("Conflict.Attack").pixmap(14, 14).toImage()
    assert marked != plain  # the diamond
    assert marked.pixelColor(7, 7).lightness() > 200 and plain.pixelColor(
        7, 7
    ) != marked.pixelColor(7, 7)
    header = table.horizontalHeader()
    fm = table.fontMetrics()
    assert (
        header.sectionSize(0) >= fm.horizontalAdvance("Conflict.Attack") + table.iconSize().width()
    )
    assert header.sectionSize(1) >= fm.horizontalAdvance("هولندا")  # a word of text fits


def test_names_elide_at_the_end_that_reads_last(qtbot: QtBot) -> None:
    delegate = DirectionalDelegate()
    from PySide6.QtGui import QStandardItem, QStandardItemModel

    model = QStandardItemModel()
    model.appendRow([QStandardItem("كيان جغرافي سياسي"), QStandardItem("Geo-political entity")])
    for col, rtl in ((0, True), (1, False)):
        option = QStyleOptionViewItem()
        delegate.initStyleOption(option, model.index(0, col))
        want = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        assert option.direction == want
        # logical end elided: the Arabic name keeps its first word (shown at the right)
        assert option.textElideMode == Qt.TextElideMode.ElideRight
        elided = option.fontMetrics.elidedText(
            option.text,
            option.textElideMode,
            60,
        )
        assert elided.startswith(option.text.split()[0][:2])


def test_document_names_are_not_elided_in_the_middle(window: MainWindow) -> None:
    table = window.documents.table
    assert table.textElideMode() != Qt.TextElideMode.ElideMiddle
    assert isinstance(table.itemDelegate(), DirectionalDelegate)


# -- keys page, palette, annotator -------------------------------------------------------------
def _bare(text: str) -> str:
    """``text`` without the bidi isolate marks (LRI, RLI, FSI, PDI) around it."""
    return text.strip("\u2066\u2067\u2068\u2069")


def test_keys_page_is_a_table_with_label_keys_and_actions(window: MainWindow) -> None:
    page = menus.show_keys(window)
    assert isinstance(page, KeysPage)
    rows = {  # keys shown as one left-to-right isolate (ui.keys.shortcut_text): marks stripped
        page.table.item(r, 0).text(): _bare(page.table.item(r, 1).text())  # type: ignore[union-attr]
        for r in range(page.table.rowCount())
    }
    assert any("GPE" in what and key == "G" for what, key in rows.items())
    assert any("Attack" in what and key == "C, A" for what, key in rows.items())
    assert rows["Command palette…"] == "Ctrl+Shift+P"
    assert not any("<" in what or "``" in what for what in rows)  # no raw markup
    page.close()


def test_command_palette_finds_and_runs_an_action(window: MainWindow, qtbot: QtBot) -> None:
    window.actions_by_name["palette"].trigger()
    palette = window.findChild(CommandPalette, "command_palette")
    assert palette is not None and palette.isVisible()
    assert len(palette.visible_names()) == sum(
        1 for a in window.actions_by_name.values() if a.isEnabled() and a.text()
    )
    palette.activateWindow()
    qtbot.waitUntil(palette.isActiveWindow)
    QTest.keyClicks(palette.query, "next doc")
    assert "Next document" in palette.visible_names()
    row = palette.table.currentRow()  # the best match: the name starting with the query
    assert palette.table.item(row, 0).text() == "Next document"  # type: ignore[union-attr]
    assert _bare(palette.table.item(row, 1).text()) == "Ctrl+PgDown"  # type: ignore[union-attr]
    first = window.doc
    QTest.keyClick(palette.query, Qt.Key.Key_Return)
    assert window.doc is not None and first is not None and window.doc.id != first.id
    assert not palette.isVisible()


def test_switch_annotator_is_first_in_its_menu_and_the_status_bar_switches(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    annotate = window.actions_by_name["switch_annotator"].parent()
    assert isinstance(annotate, QMenu)
    first = next(a for a in annotate.actions() if not a.isSeparator())
    assert first is window.actions_by_name["switch_annotator"]
    assert window.status_annotator.text() == f"Annotator: {ME}"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("badr", True))
    QTest.mouseClick(window.status_annotator, Qt.MouseButton.LeftButton)
    assert window.session.annotator == "badr"
    assert window.status_annotator.text() == "Annotator: badr"


# -- restart where it was left -------------------------------------------------------------------
def test_restart_reopens_the_last_document_place_and_selection(
    qtbot: QtBot, tmp_path: Path, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    long_text = "\n".join(f"سطر رقم {i} عن فرنسا وهولندا." for i in range(400))
    with Project.open(project_path) as p:
        doc = p.add_document(long_text, name="long")
        far = long_text.index("سطر رقم 300")
        span = p.add_span(doc.id, far, far + 3, "GPE", ME)
    w = make_window(qtbot, tmp_path / "s.ini", project_path)
    w.open_document(doc.id)
    w.model.finish_loading()
    w.select_span(span.uuid, scroll=True)
    w.view.select(far + 4, far + 8)
    assert w.view.verticalScrollBar().value() > 0
    # where the analyst left the text: the line on top, and the selection on the screen (the
    # scroll bar's value is not it: it counts visual lines, a paragraph not laid out yet as
    # one, so where lines wrap the same lines on top have another value in a new window)
    top, shown = w.top_line(), w.view.cursor_rect(far + 4)
    w.close()
    w.session.close()

    again = make_window(qtbot, tmp_path / "s.ini", project_path)
    assert again.doc is not None and again.doc.id == doc.id
    assert again.selected_uuid == span.uuid
    assert again.view.selection() == (far + 4, far + 8)
    qtbot.waitUntil(lambda: again.top_line() == top)
    assert abs(again.view.cursor_rect(far + 4).top() - shown.top()) < shown.height() // 2
    again.session.close()


# -- files -----------------------------------------------------------------------------------------
def test_export_defaults_to_documents_then_remembers(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = tmp_path / "Documents"
    docs.mkdir()
    monkeypatch.setattr(paths, "documents_folder", lambda: docs)
    project = window.session.project
    assert project is not None
    dialog = ExportDialog(project, window)
    assert Path(dialog.output.text()).parent == docs
    chosen = tmp_path / "elsewhere"
    chosen.mkdir()
    paths.remember_folder(chosen / "out.conll")
    dialog.deleteLater()
    again = ExportDialog(project, window)
    assert Path(again.output.text()).parent == chosen
    assert paths.start_folder() == chosen
    again.deleteLater()


def test_formats_needing_a_missing_package_show_the_command(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name in ("spacy", "datasets") else real(name, *a),
    )
    project = window.session.project
    assert project is not None
    dialog = ExportDialog(project, window)
    dialog.show()
    index = dialog.format.findData("spacy")
    assert index >= 0 and "needs spacy" in dialog.format.itemText(index)
    dialog.format.setCurrentIndex(index)
    assert not dialog.run_button.isEnabled()
    assert dialog.install_hint.isVisible()
    assert install_command(["spacy"]) in dialog.install_hint.text()
    assert sys.executable in dialog.install_hint.text()
    dialog.format.setCurrentIndex(dialog.format.findData("conll"))
    assert not dialog.install_hint.isVisible()
    dialog.deleteLater()


def test_second_window_on_a_locked_project_opens_read_only(
    window: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    project_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []

    def offer(_parent: object, refusal: str) -> bool:
        asked.append(refusal)
        return True

    monkeypatch.setattr(prompts, "ask_read_only", offer)
    second = make_window(qtbot, tmp_path / "second.ini", project_path)
    assert asked and "already open for editing" in asked[0]
    assert second.session.read_only and second.doc is not None  # not an empty window
    assert "read-only" in second.windowTitle()
    second.view.select(*at("فرنسا"))
    second.editing.apply_label("GPE")
    assert spans(second) == []  # edits are refused
    second.session.close()


def test_read_only_prompt_offers_the_choice(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[QMessageBox] = []

    def exec_(box: QMessageBox) -> int:
        seen.append(box)
        button = next(b for b in box.buttons() if "read-only" in b.text())
        button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    assert prompts.ask_read_only(None, "busy")
    assert seen[0].textFormat() == Qt.TextFormat.PlainText


# -- review and agreement ------------------------------------------------------------------
def test_agreement_leaves_gold_unticked(window: MainWindow, qtbot: QtBot) -> None:
    from ui.review.agreement_window import AgreementWindow

    project = window.session.project
    assert project is not None and window.doc is not None
    project.add_span(window.doc.id, *at("فرنسا"), "GPE", GOLD)
    project.add_span(window.doc.id, *at("فرنسا"), "GPE", ME)
    agreement = AgreementWindow(window.session, window)
    states = {
        agreement.annotators.item(i).text(): agreement.annotators.item(i).checkState()
        for i in range(agreement.annotators.count())
    }
    assert states[GOLD] == Qt.CheckState.Unchecked
    assert states[ME] == Qt.CheckState.Checked
    agreement.deleteLater()

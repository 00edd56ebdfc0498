"""QA round 10 on the schema editor: the hotkey field records the physical key, so the key marked
W pressed with the Arabic layout (Qt reports ص) is W, clashing with WEA's W where it was stored
as ص and never fired; the core's colour names are QColor's."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from annotator.project import Project
from annotator.schema.color import COLOR_NAMES, is_color
from ui.events.schema_editor import SchemaEditor
from ui.session import Session
from ui.workbench.hotkeys import physical_key
from ui.workbench.mainwindow import MainWindow
from ui.workbench.menus import open_project

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

ME = "amal"
XKB_W, XKB_Q = 25, 24
"""the xkb keycodes of the keys marked W and Q (the offscreen platform reads xkb codes)"""


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_document("قال الوزير في باريس.", name="d")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (ME, True))
    session = Session()
    w = MainWindow(session, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.quiet_errors = True
    qtbot.addWidget(w)
    assert open_project(w, path) and w.ensure_annotator()
    w.show()
    yield w
    session.close()


@pytest.fixture
def editor(window: MainWindow, qtbot: QtBot) -> SchemaEditor:
    dialog = SchemaEditor(window.session, {"R": "Add relation"}, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.new_name.setText("CITY")
    dialog.add_label()
    dialog.select("CITY", "entities")
    return dialog


def press_arabic(editor: SchemaEditor, qtbot: QtBot, letter: str, code: int) -> None:
    """The key at xkb ``code`` pressed with the Arabic layout (Qt's key is the letter)."""
    field = editor.hotkey_edit
    field.setFocus()
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        event = QKeyEvent(kind, ord(letter), Qt.KeyboardModifier.NoModifier, code, 0, 0, letter)
        QApplication.sendEvent(field, event)
    # the field finishes a sequence a moment after the last key
    with qtbot.waitSignal(field.editingFinished, timeout=3000):
        pass


def city_hotkey(window: MainWindow) -> str:
    assert window.session.project is not None
    city = window.session.project.schema.entity("CITY")
    assert city is not None
    return city.hotkey


def test_the_key_marked_w_on_the_arabic_layout_clashes_with_weas_w(
    window: MainWindow, editor: SchemaEditor, qtbot: QtBot
) -> None:
    press_arabic(editor, qtbot, "ص", XKB_W)
    assert city_hotkey(window) == ""  # was "ص": stored, no warning, never fired
    assert "WEA" in editor.hotkey_error.text() and "CITY" in editor.hotkey_error.text()


def test_an_arabic_layout_key_is_stored_as_its_latin_key(
    window: MainWindow, editor: SchemaEditor, qtbot: QtBot
) -> None:
    press_arabic(editor, qtbot, "ض", XKB_Q)
    assert city_hotkey(window) == "Q"
    assert editor.hotkey_error.text() == ""
    assert editor.hotkey_edit.keySequence().toString() == "Q"


def test_a_press_with_no_native_code_is_read_by_its_arabic_letter(qtbot: QtBot) -> None:
    event = QKeyEvent(QEvent.Type.KeyPress, ord("ص"), Qt.KeyboardModifier.NoModifier, 0, 0, 0, "ص")
    assert physical_key(event, "xcb") == "W"


def test_the_cores_colour_names_are_qcolors() -> None:
    assert set(COLOR_NAMES) == set(QColor.colorNames())
    for text in ("#abc", "#AABBCC", "#80aabbcc", "darkGreen", "red; x", "notacolor", "", "#ab"):
        assert is_color(text) == QColor.isValidColorName(text), text

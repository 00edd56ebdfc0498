"""A label hotkey must be on a key the window reads as one (a letter or digit, with Ctrl,
Alt, Shift or Meta if any): ``set_hotkey`` refused nothing, so Esc, Backspace, F2 or Space
were stored (from the schema editor's Hotkey field) and never fired; Esc even clashed with
"Escape cancels". The core's ``HOTKEY_KEYS`` is also what the window's stroke reader takes."""

from __future__ import annotations

import pytest

from annotator.errors import SchemaError
from annotator.schema import Label, Schema
from annotator.schema.edit import HOTKEY_KEYS, hotkey_problem, set_hotkey


def schema() -> Schema:
    return Schema(entities=(Label("PER"), Label("ORG")))


@pytest.mark.parametrize("key", ["Esc", "Backspace", "F2", "Space", "Ctrl+Esc", "Tab", "Del"])
def test_keys_the_window_cannot_read_are_refused(key: str) -> None:
    with pytest.raises(SchemaError) as raised:
        set_hotkey(schema(), "PER", key)
    text = str(raised.value)
    assert text.startswith(f"PER: hotkey {key!r} uses ")
    assert "never reads as a label hotkey" in text
    assert repr(key.split("+")[-1]) in text  # the key is named


@pytest.mark.parametrize("key", ["P", "Ctrl+P", "Alt+Shift+7", "C, A", "ص", ""])
def test_letters_and_digits_are_taken(key: str) -> None:
    assert hotkey_problem(key, "PER") is None
    set_hotkey(schema(), "PER", key)


def test_the_window_reads_the_core_set() -> None:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent

    from ui.workbench import hotkeys

    def stroke(key: Qt.Key, text: str = "") -> str:
        event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, text)
        return hotkeys.stroke_of(event, "offscreen")

    assert stroke(Qt.Key.Key_G, "g") == "g"
    for key in (Qt.Key.Key_Escape, Qt.Key.Key_Backspace, Qt.Key.Key_F2, Qt.Key.Key_Space):
        assert stroke(key) == ""
    assert hotkeys.HOTKEY_KEYS is HOTKEY_KEYS

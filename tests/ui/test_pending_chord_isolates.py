"""The pending chord's text pairs each key with its own name in either direction: each option
is an isolate of the interface's direction holding the key (left to right, as
``ui.keys.shortcut_text`` shows keys) and the name, each isolated. Before, an Arabic name
ending in Latin (هجوم DDoS) ran into the next option's key: read "A هجوم D DDoS تظاهر"."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import plain, x_of
from ui.workbench import hotkeys
from ui.workbench.hotkeys import HotkeyDispatcher

NAMES = {"Conflict.Attack": "هجوم DDoS", "Conflict.Demonstrate": "تظاهر"}
EN = {"Conflict.Attack": "Attack", "Conflict.Demonstrate": "Demonstrate"}


def dispatcher(qtbot: QtBot, names: dict[str, str]) -> HotkeyDispatcher:
    window = QWidget()
    qtbot.addWidget(window)
    d = HotkeyDispatcher(window, lambda label: names[label])
    d.set_hotkeys({"C, A": "Conflict.Attack", "C, D": "Conflict.Demonstrate"})
    d.press("c")
    return d


def spans(text: str, direction: Qt.LayoutDirection) -> dict[str, tuple[float, float]]:
    x = x_of(text, direction)
    out = {}
    for piece in ("A", "D"):  # the keys: the first capital of their isolate
        i = text.index(f"\u2068{piece}\u2069") + 1
        out[piece] = sorted((x(i), x(i + 1)))
    return out


def test_arabic_each_key_beside_its_own_name(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hotkeys, "interface_rtl", lambda: True, raising=False)
    text = dispatcher(qtbot, NAMES).pending_text()
    assert "A هجوم DDoS" in plain(text)
    rtl = Qt.LayoutDirection.RightToLeft
    x = x_of(text, rtl)
    keys = spans(text, rtl)
    attack = text.index("هجوم")
    ddos = text.index("DDoS")
    demo = text.index("تظاهر")
    # right to left: A, هجوم DDoS, D, تظاهر
    assert keys["A"][0] > max(x(attack), x(attack + 4), x(ddos), x(ddos + 4))
    assert min(x(ddos), x(ddos + 4)) > keys["D"][1]
    assert keys["D"][0] > max(x(demo), x(demo + 5))


def test_english_reads_left_to_right(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hotkeys, "interface_rtl", lambda: False, raising=False)
    text = dispatcher(qtbot, EN).pending_text()
    assert plain(text).endswith("A Attack   D Demonstrate")
    ltr = Qt.LayoutDirection.LeftToRight
    x = x_of(text, ltr)
    keys = spans(text, ltr)
    attack = text.index("Attack")
    demo = text.index("Demonstrate")
    assert keys["A"][1] < x(attack) < x(attack + 6) < keys["D"][0] < x(demo)

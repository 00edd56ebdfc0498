"""Regression guard for PySide6 6.12.0, which drops a reference to None per void call.

On CPython 3.11 that aborts long sessions with "Fatal Python error: none_dealloc"
(docs/design/arabic.md, "Qt facts measured here").
"""

from __future__ import annotations

import sys

import PySide6
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

CALLS = 200_000


def test_installed_pyside_is_not_the_broken_release() -> None:
    version = tuple(int(part) for part in PySide6.__version__.split(".")[:3])
    assert version != (6, 12, 0)
    assert version < (6, 12) or version > (6, 12, 0)


def test_none_refcount_survives_many_void_calls(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for i in range(CALLS):
        label.setText("x" if i % 2 else "y")  # returns None every time
    after = sys.getrefcount(None)
    # unrelated code may take or drop a few references meanwhile; the bug loses one per call
    assert after > before - 1_000

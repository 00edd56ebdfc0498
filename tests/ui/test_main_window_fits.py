"""The main window fits its screen: 1400x900 at first start, or the saved size, at most the
screen's available geometry (a 1366x768 laptop showed neither its bottom nor its side)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSettings, QSize
from PySide6.QtGui import QScreen
from pytestqt.qtbot import QtBot

from ui.session import Session
from ui.workbench.mainwindow import SETTINGS_GEOMETRY, MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

LAPTOP = QRect(0, 0, 1366, 728)  # 1366x768 less a 40-pixel panel


@pytest.fixture
def screen_room(monkeypatch: pytest.MonkeyPatch) -> Callable[[QRect], None]:
    """Make every screen's available geometry ``room`` (the offscreen screen is 800x800)."""

    def set_room(room: QRect) -> None:
        monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(room))

    return set_room


def window(qtbot: QtBot, settings_file: Path) -> MainWindow:
    w = MainWindow(Session(), QSettings(str(settings_file), QSettings.Format.IniFormat))
    w.quiet_errors = True
    qtbot.addWidget(w)
    return w


def fits(w: MainWindow, room: QRect) -> bool:
    """Whether the window's frame, put at the room's corner, is inside the room."""
    w.move(room.topLeft())
    return room.contains(w.frameGeometry())


def save_size(qtbot: QtBot, settings_file: Path, size: QSize) -> None:
    """Settings holding the geometry of a window of ``size`` (as closing one saves it)."""
    w = window(qtbot, settings_file)
    w.resize(size)
    w.save_layout()


def test_first_start_fits_a_laptop_screen(
    qtbot: QtBot, tmp_path: Path, screen_room: Callable[[QRect], None]
) -> None:
    screen_room(LAPTOP)
    w = window(qtbot, tmp_path / "s.ini")
    w.show()
    qtbot.waitExposed(w)
    assert fits(w, LAPTOP)
    assert w.width() > 1200 and w.height() > 600  # as large as the screen allows


def test_first_start_on_a_large_screen_is_1400x900(
    qtbot: QtBot, tmp_path: Path, screen_room: Callable[[QRect], None]
) -> None:
    screen_room(QRect(0, 0, 2560, 1400))
    w = window(qtbot, tmp_path / "s.ini")
    assert w.size() == QSize(1400, 900)


def test_a_saved_size_that_fits_is_kept(
    qtbot: QtBot, tmp_path: Path, screen_room: Callable[[QRect], None]
) -> None:
    screen_room(LAPTOP)
    save_size(qtbot, tmp_path / "s.ini", QSize(700, 500))
    w = window(qtbot, tmp_path / "s.ini")
    assert w.settings.contains(SETTINGS_GEOMETRY)
    assert w.size() == QSize(700, 500)


def test_a_saved_size_larger_than_the_screen_is_clipped(
    qtbot: QtBot, tmp_path: Path, screen_room: Callable[[QRect], None]
) -> None:
    save_size(qtbot, tmp_path / "s.ini", QSize(760, 700))  # made on a larger screen
    small = QRect(0, 0, 700, 520)
    screen_room(small)
    w = window(qtbot, tmp_path / "s.ini")
    w.show()
    qtbot.waitExposed(w)
    assert fits(w, small)
    assert w.width() > 600 and w.height() > 400  # clipped, not the first-start size

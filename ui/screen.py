"""Where windows and popups go on their screen: sized to fit it, kept on it.

A module of its own, apart from ``ui.widgets``, because the workbench sizes its window before
its first paint: importing ``ui.widgets`` there loaded the Qt types of its delegates and
painters (QStyle's and QPalette's enums among them), about 10 ms of the start measured by
``tests/benchmarks/bench_startup.py``, for one function.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def popup_position(anchor: QRect, size: QSize, screen: QRect, rtl: bool) -> QPoint:
    """The top-left corner (global) of a popup of ``size`` for what is shown at ``anchor`` (a
    global rectangle, such as a selected span's): just below it, or just above it when below
    would leave ``screen``; with ``rtl`` (what it is about reads right to left: the span's
    text, or the interface where there is no text) its right edge under the anchor's right
    edge (where the span starts reading), else its left edge under the anchor's left edge;
    kept on ``screen``."""
    x = anchor.right() + 1 - size.width() if rtl else anchor.left()
    y = anchor.bottom() + 1
    if y + size.height() > screen.bottom() + 1:
        y = anchor.top() - size.height()
    x = max(screen.left(), min(x, screen.right() + 1 - size.width()))
    y = max(screen.top(), min(y, screen.bottom() + 1 - size.height()))
    return QPoint(x, y)


SCREEN_FRAME = QSize(16, 48)
"""room kept free of a window's contents on its screen: the window manager's frame and title"""


def fit_to_screen(widget: QWidget, wanted: QSize) -> None:
    """Resize the window ``widget`` to ``wanted``, or less where the available geometry of
    its screen (the screen its parent window is on, else the primary screen) is smaller, so
    a window meant for a large screen still opens whole on a 1366x768 laptop (where it
    goes is left to Qt and the window manager)."""
    parent = widget.parentWidget()
    screen = (parent.window() if parent is not None else widget).screen()
    screen = screen or QGuiApplication.primaryScreen()
    if screen is None:
        widget.resize(wanted)
        return
    room = screen.availableGeometry()
    width = min(wanted.width(), room.width() - SCREEN_FRAME.width())
    height = min(wanted.height(), room.height() - SCREEN_FRAME.height())
    widget.resize(max(width, 1), max(height, 1))

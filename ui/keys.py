"""Keys as the interface shows them: ``shortcut_text`` and the menus that use it (``KeyMenu``).

Apart from ``ui.i18n``, which the window loads before its first paint: the menus are built
after it (``MainWindow.finish_startup``), and importing QAction, QKeySequence and QMenu makes
PySide6 build their enums (about 3 ms of the start, ``tests/benchmarks/bench_startup.py``).
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QStyleOptionMenuItem

from ui.i18n import isolate


def shortcut_text(*keys: QKeySequence) -> str:
    """Key sequences as the interface shows them (menus, the command palette, the keys page):
    Qt's portable key names (Ctrl, Alt, Right, PgDown, Return), the Latin names keyboards are
    labelled with, in both languages, several joined by " / ", as one isolate ("" for none).

    Qt's native text translates a few key names through qtbase_ar (Alt+اليمين) and leaves the
    rest (Tab, Return, Ctrl+PgDown) in English; and in a right-to-left line a key ending in a
    neutral character turns round (Ctrl++ read ++Ctrl). Portable text inside an isolate reads
    the same, left to right, in either interface."""
    names = [k.toString(QKeySequence.SequenceFormat.PortableText) for k in keys if not k.isEmpty()]
    return isolate(" / ".join(names)) if names else ""


class KeyMenu(QMenu):
    """A menu whose items show their shortcut as ``shortcut_text`` (Qt writes an action's
    shortcut after a tab in the item's text; an action whose own text holds a tab keeps it).
    Every menu bar's menus are KeyMenus (the main window's, the review window's)."""

    def initStyleOption(self, option: QStyleOptionMenuItem, action: QAction) -> None:
        super().initStyleOption(option, action)
        text, tab, _ = option.text.partition("\t")
        keys = action.shortcut()
        if tab and not keys.isEmpty() and "\t" not in action.text():
            option.text = f"{text}\t{shortcut_text(keys)}"

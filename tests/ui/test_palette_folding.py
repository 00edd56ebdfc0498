"""The command palette finds Arabic command names as every list's filter does (fold_text:
hamza forms of alef, harakat, case): typing اضافة finds إضافة علاقة. It compared casefold()
only, so an Arabic analyst typing without hamza found nothing (QA round 10)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from ui.workbench.palette import CommandPalette


def test_the_palette_folds_arabic_names(qtbot: QtBot) -> None:
    names = {"relation": "إضافة &علاقة", "span": "حذف المقطع", "mark": "Mark &done"}
    actions = {key: QAction(text) for key, text in names.items()}
    palette = CommandPalette(actions)
    qtbot.addWidget(palette)
    palette.filter("اضافة")
    assert palette.visible_names() == ["إضافة علاقة"]
    palette.filter("حَذْف")  # with harakat
    assert palette.visible_names() == ["حذف المقطع"]
    palette.filter("MARK")
    assert palette.visible_names() == ["Mark done"]

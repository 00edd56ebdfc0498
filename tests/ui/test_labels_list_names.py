"""The Labels list (``ui.workbench.panels.LabelPalette``, in the side dock at 1024x700) shows
each label's names in full: "Geo-political entity · كيان جغرافي سياسي  [G]" was elided in the
~320 px column (closing note 10), its end readable in the tooltip only. A row too wide for the
list shows its names on two lines (the interface language's name and the key above, the other
name below); rows of short names stay one line high. The key stands at the end of its row's
first name ("[1]" after an Arabic second name went to the middle of an English row)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStyle, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from annotator.schema.model import default_schema
from tests.ui import test_small_screen_layout as layout
from tests.ui.test_small_screen_layout import SMALL, settings_in, settle, start
from ui.i18n import LRM, RLM, is_rtl_text
from ui.widgets import DirectionalDelegate
from ui.workbench.panels import UUID_ROLE, LabelPalette

project, screen, lang = layout.project, layout.screen, layout.lang


def text_room(view: QListWidget, item: QListWidgetItem) -> int:
    """The width the style gives an item's text (``QCommonStyle``: the item's text rect less
    the focus frame's margin on each side)."""
    index = view.indexFromItem(item)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = view.visualRect(index)
    delegate = view.itemDelegate()
    assert isinstance(delegate, DirectionalDelegate)
    delegate.initStyleOption(option, index)
    style = view.style()
    rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view)
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    return rect.width() - 2 * margin


def assert_names_in_full(view: QListWidget) -> None:
    metrics = view.fontMetrics()
    assert not view.horizontalScrollBar().isVisible()
    for row in range(view.count()):
        item = view.item(row)
        room = text_room(view, item)
        for line in item.text().split("\n"):
            assert metrics.horizontalAdvance(line) <= room, (line, room)


def row_heights(view: QListWidget) -> dict[str, int]:
    return {
        view.item(r).data(UUID_ROLE): view.visualItemRect(view.item(r)).height()
        for r in range(view.count())
    }


def test_a_name_too_wide_for_the_list_takes_two_lines(lang: str, qtbot: QtBot) -> None:
    palette = LabelPalette()
    qtbot.addWidget(palette)
    palette.set_labels(default_schema().span_labels())
    view = palette.list
    gpe = palette.item_for("GPE")
    assert gpe is not None
    metrics = view.fontMetrics()
    one_line = metrics.horizontalAdvance(gpe.text().replace("\n", " · "))
    palette.resize(one_line, 400)  # narrower than GPE's names on one line (and its swatch)
    palette.show()
    qtbot.waitExposed(palette)
    settle(qtbot)
    assert_names_in_full(view)
    first, second = ("كيان جغرافي سياسي", "Geo-political entity")
    if lang == "en":
        first, second = second, first
    mark = RLM if lang == "ar" else LRM
    assert gpe.text() == f"{first}  {mark}[G]\n{second}"
    heights = row_heights(view)
    single = heights["PER"]
    assert single < 1.6 * metrics.height()  # short names: one-line rows
    assert heights["GPE"] >= single + metrics.height() - 2  # two lines
    # wide enough again: one line
    palette.resize(one_line + 120, 400)
    settle(qtbot)
    assert "\n" not in gpe.text() and row_heights(view)["GPE"] == single
    assert_names_in_full(view)
    # each row in its first name's direction: Arabic reads right to left in Arabic
    assert is_rtl_text(gpe.text()) == (lang == "ar")


def test_the_labels_list_shows_every_name_in_full_at_1024x700(
    lang: str,
    qtbot: QtBot,
    tmp_path: Path,
    project: Path,
    screen: Callable[[QRect], None],
    shots: Path,
) -> None:
    screen(SMALL)
    w = start(qtbot, project, settings_in(tmp_path))
    try:
        dock = w.docks["labels"]
        dock.show()
        dock.raise_()
        settle(qtbot)
        view = w.label_palette.list
        assert view.count() > 10 and view.isVisible()
        assert_names_in_full(view)
        w.grab().save(str(shots / f"labels_list_{lang}.png"))
        view.grab().save(str(shots / f"labels_list_only_{lang}.png"))
    finally:
        w.session.close()

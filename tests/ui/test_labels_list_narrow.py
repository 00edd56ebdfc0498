"""The Labels list (``ui.workbench.panels.LabelPalette``) in a narrow dock, 140-220 px: every
row shows its swatch, its key whole inside the list (the key is what the analyst presses), and
each name line whole or elided with "…" at its logical end (an Arabic line keeps its first
letters); the list never scrolls sideways; the tooltip has the full names. Before, at 140 px
"Geo-political entity" was clipped mid-letter with no ellipsis and "[O]" went off the row's
end, the Arabic second line in the English interface lost its beginning ("ان جغرافي سياسي"),
and a long custom name made a horizontal scroll bar at every width."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QListWidget, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from annotator.schema import Label, Schema
from annotator.schema.edit import add_label
from annotator.schema.model import default_schema
from tests.ui import test_small_screen_layout as layout
from tests.ui.test_small_screen_layout import settle
from ui.i18n import is_rtl_text, plain_tooltip
from ui.workbench.label_delegate import LabelDelegate
from ui.workbench.panels import UUID_ROLE, LabelPalette

lang = layout.lang

LONG_EN = "An extremely long English label name that will not fit anywhere (really)"
LONG_AR = "اسم عربي طويل جدا لا يتسع في أي مكان على الإطلاق مهما كان"


def schema() -> Schema:
    s = add_label(default_schema(), Label("LONG", en=LONG_EN, ar=LONG_AR, hotkey="8"))
    return add_label(s, Label("ARONLY", ar="فقط عربي", hotkey="0"))


def palette_at(qtbot: QtBot, width: int) -> LabelPalette:
    palette = LabelPalette()
    qtbot.addWidget(palette)
    palette.set_labels(schema().span_labels())
    palette.resize(width, 700)
    palette.show()
    qtbot.waitExposed(palette)
    settle(qtbot)
    return palette


def option_for(view: QListWidget, index: QModelIndex) -> QStyleOptionViewItem:
    option = QStyleOptionViewItem()
    option.initFrom(view.viewport())
    option.font = view.font()
    option.decorationSize = view.iconSize()
    option.widget = view
    option.rect = view.visualRect(index)
    return option


@pytest.mark.parametrize("width", [140, 220])
def test_a_narrow_list_shows_every_key_and_elides_the_names(
    lang: str, width: int, qtbot: QtBot
) -> None:
    palette = palette_at(qtbot, width)
    view = palette.list
    bar = view.horizontalScrollBar()
    assert not bar.isVisible() and bar.maximum() == 0  # the list never scrolls sideways
    viewport = view.viewport().rect()
    metrics = view.fontMetrics()
    delegate = view.itemDelegate()
    assert isinstance(delegate, LabelDelegate)
    shot = QImage(view.viewport().grab().toImage())
    elided = 0
    for row in range(view.count()):
        item = view.item(row)
        index = view.indexFromItem(item)
        rect = view.visualRect(index)
        if not viewport.contains(rect):
            continue  # scrolled out of view, or partly
        row_layout = delegate.row_layout(option_for(view, index), index)
        key = row_layout.key
        assert key and row_layout.key_rect.width() >= metrics.horizontalAdvance(key)
        assert viewport.contains(row_layout.key_rect), (key, row_layout.key_rect, viewport)
        # the key is painted there (dark ink inside its rect)
        kr = row_layout.key_rect
        ink = [
            QColor(shot.pixel(x, y)).lightness()
            for x in range(kr.left(), kr.right() + 1)
            for y in range(kr.top(), kr.bottom() + 1)
        ]
        assert min(ink) < 128, (item.data(UUID_ROLE), key)
        names = item.data(UUID_ROLE)
        for full, shown, line_rect in row_layout.lines:
            assert viewport.contains(line_rect), (full, line_rect)
            assert metrics.horizontalAdvance(shown) <= line_rect.width(), (shown, line_rect)
            assert not line_rect.intersects(row_layout.key_rect), (names, full)
            if shown != full:
                elided += 1
                assert shown.endswith("…"), (full, shown)
                kept = shown.removesuffix("…").removesuffix("\u200d")
                assert kept and full.startswith(kept), (full, shown)
            if is_rtl_text(full):  # an Arabic line keeps its first letters
                assert shown[:2] == full[:2], (full, shown)
        # the key at the first line's end: its right end, the left end in an Arabic row
        first = row_layout.lines[0][2]
        if row_layout.rtl:
            assert kr.right() < first.left()
        else:
            assert kr.left() > first.right()
        assert row_layout.rtl == (lang == "ar")  # each row reads in the interface's direction
    assert elided  # LONG at least is elided
    # the long name's row: both lines elided with "…", the Arabic one from its end
    long = palette.item_for("LONG")
    assert long is not None
    index = view.indexFromItem(long)
    view.scrollTo(index)
    settle(qtbot)
    row_layout = delegate.row_layout(option_for(view, index), index)
    shown = [s for _, s, _ in row_layout.lines]
    assert len(shown) == 2 and all(s.endswith("…") for s in shown)
    arabic = next(s for s in shown if is_rtl_text(s))
    assert arabic.startswith("اسم عربي"), arabic
    assert long.toolTip() == plain_tooltip(f"LONG\n{LONG_EN}\n{LONG_AR}")


def test_a_long_name_makes_no_horizontal_scroll_bar_at_any_width(lang: str, qtbot: QtBot) -> None:
    palette = palette_at(qtbot, 700)
    bar = palette.list.horizontalScrollBar()
    for width in (140, 300, 420, 700):
        palette.resize(width, 700)
        settle(qtbot)
        assert not bar.isVisible() and bar.maximum() == 0, width


def test_short_names_stay_on_one_line_and_the_tooltip_has_the_full_names(
    lang: str, qtbot: QtBot
) -> None:
    palette = palette_at(qtbot, 300)
    view = palette.list
    per = palette.item_for("PER")
    gpe = palette.item_for("GPE")
    assert per is not None and gpe is not None
    assert "\n" not in per.text()
    assert view.visualItemRect(per).height() < 1.6 * view.fontMetrics().height()
    assert gpe.toolTip() == plain_tooltip("GPE\nGeo-political entity\nكيان جغرافي سياسي")
    only = palette.item_for("ARONLY")
    assert only is not None and only.toolTip() == plain_tooltip("ARONLY\nفقط عربي")  # no empty line

"""How the Labels list (``ui.workbench.panels.LabelPalette``) paints a row: the swatch, the
key at the row's end (the key is what the analyst presses: it is always shown), and the names
on one line or two, each line elided with "…" at its logical end when the list is too narrow
(an Arabic line loses its left end, never its beginning). The row asks for no width beyond its
swatch and key, so the list never scrolls sideways.

Before, a plain item text was drawn: at 140-220 px the names were clipped mid-letter and the
key went off the row's end, an Arabic second line in the English interface lost its
beginning, and a long custom name made a horizontal scroll bar at every width."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPalette, QTextOption
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem

from ui.i18n import is_rtl_text
from ui.widgets import DirectionalDelegate

NAMES_ROLE = Qt.ItemDataRole.UserRole + 2
"""a label row's names (a list of str, the interface language's first)"""
KEY_ROLE = Qt.ItemDataRole.UserRole + 3
"""a label row's key as shown ("[G]"), or "" """
ELLIPSIS = "\u2026"


@dataclass(frozen=True)
class RowLayout:
    """Where a row's key and name lines are painted, and the text each line shows."""

    key: str
    key_rect: QRect
    lines: tuple[tuple[str, str, QRect], ...]
    """each line: its full text, the text shown (whole or ending in "…"), its rect"""
    rtl: bool
    """the row's direction (its first name's): the key at its left end when right to left"""


class LabelDelegate(DirectionalDelegate):
    """Paints a Labels list row (``NAMES_ROLE``, ``KEY_ROLE``); the row's text (one line, or
    two where the names on one line are wider than the list) says how many lines it takes."""

    def text_area(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QRect:
        """The rect a row's names and key are painted in (the style's text rect, less the
        focus frame's margin on each side)."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        area = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        return area.adjusted(margin, 0, -margin, 0)

    @staticmethod
    def key_room(metrics: QFontMetrics, key: str) -> int:
        """The width a row's key takes on its first line, with the gap before it."""
        return metrics.horizontalAdvance(key) + metrics.horizontalAdvance("  ") if key else 0

    def fits_one_line(
        self, metrics: QFontMetrics, names: Sequence[str], key: str, area: QRect
    ) -> bool:
        """Whether a row's names and key fit ``area`` on one line, unelided."""
        return metrics.horizontalAdvance(" · ".join(names)) <= area.width() - self.key_room(
            metrics, key
        )

    def row_layout(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> RowLayout:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        names: Sequence[str] = index.data(NAMES_ROLE) or [opt.text]
        key: str = index.data(KEY_ROLE) or ""
        area = self.text_area(option, index)
        metrics = QFontMetrics(opt.font)
        rtl = is_rtl_text(names[0])
        two = "\n" in str(index.data(Qt.ItemDataRole.DisplayRole)) and len(names) > 1
        texts = [names[0], " · ".join(names[1:])] if two else [" · ".join(names)]
        height = metrics.height()
        top = area.top() + max(0, (area.height() - height * len(texts)) // 2)
        key_width = metrics.horizontalAdvance(key) if key else 0
        key_x = area.left() if rtl else area.right() + 1 - key_width
        key_rect = QRect(key_x, top, key_width, height)
        room = self.key_room(metrics, key)
        lines = []
        for i, text in enumerate(texts):
            rect = QRect(area.left(), top + i * height, area.width(), height)
            if i == 0 and key:  # the first line leaves the key its room
                rect.setWidth(max(0, area.width() - room))
                if rtl:
                    rect.moveLeft(area.left() + room)
            shown = text
            if metrics.horizontalAdvance(text) > rect.width():
                shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
            lines.append((text, shown, rect))
        return RowLayout(key, key_rect, tuple(lines), rtl)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if not index.data(NAMES_ROLE):
            super().paint(painter, option, index)
            return
        row = self.row_layout(option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # the style paints the background, selection, focus and swatch
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        group = (
            QPalette.ColorGroup.Normal
            if opt.state & QStyle.StateFlag.State_Enabled
            else QPalette.ColorGroup.Disabled
        )
        role = (
            QPalette.ColorRole.HighlightedText
            if opt.state & QStyle.StateFlag.State_Selected
            else QPalette.ColorRole.Text
        )
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(opt.palette.color(group, role))
        side = Qt.AlignmentFlag.AlignRight if row.rtl else Qt.AlignmentFlag.AlignLeft
        for _, shown, rect in row.lines:
            text_option = QTextOption(side | Qt.AlignmentFlag.AlignAbsolute)
            text_option.setWrapMode(QTextOption.WrapMode.NoWrap)
            text_option.setTextDirection(
                Qt.LayoutDirection.RightToLeft
                if is_rtl_text(shown)
                else Qt.LayoutDirection.LeftToRight
            )
            painter.drawText(QRectF(rect), shown, text_option)
        if row.key:
            text_option = QTextOption(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute)
            text_option.setTextDirection(Qt.LayoutDirection.LeftToRight)
            text_option.setWrapMode(QTextOption.WrapMode.NoWrap)  # "[I, E]" is one key
            painter.drawText(QRectF(row.key_rect), row.key, text_option)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        """The text's height (one line or two), and no more width than the swatch and the key
        need: the list gives each row its whole width, and never scrolls sideways."""
        size = super().sizeHint(option, index)
        if index.data(NAMES_ROLE):
            opt = QStyleOptionViewItem(option)
            self.initStyleOption(opt, index)
            metrics = QFontMetrics(opt.font)
            key = index.data(KEY_ROLE) or ""
            width = opt.decorationSize.width() + metrics.horizontalAdvance(f"{key}  ") + 16
            size.setWidth(min(size.width(), width))
        return size

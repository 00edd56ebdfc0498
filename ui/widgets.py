"""Small widget helpers every ui package shares: literal tooltips, colour swatches, tree items.

Tooltips go through ``plain_tooltip`` because Qt guesses rich text in tooltips.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap, QPolygonF
from PySide6.QtGui import Qt as GuiQt  # convertFromPlainText lives in QtGui's Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from ui.docview.colors import label_color

EXCERPT = 60


def plain_tooltip(text: str) -> str:
    """A tooltip string that Qt shows literally, whatever markup ``text`` contains."""
    return str(GuiQt.convertFromPlainText(text, GuiQt.WhiteSpaceMode.WhiteSpacePre))


def items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    """The top-level items of a flat tree widget."""
    found = (tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))
    return [it for it in found if it is not None]


def swatch(color: str, size: int = 14, *, event: bool = False) -> QIcon:
    """A square of a label's colour; with ``event``, a white diamond with a dark edge in it
    (the mark of an event's trigger in lists, where a word after the label would take the
    room of the text)."""
    pix = QPixmap(size, size)
    pix.fill(label_color(color))
    if event:
        painter = QPainter(pix)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(QColor(30, 30, 30), 1.2))
        painter.setBrush(QColor(255, 255, 255))
        c, r = size / 2, size * 0.36
        painter.drawPolygon(
            QPolygonF([QPointF(c, c - r), QPointF(c + r, c), QPointF(c, c + r), QPointF(c - r, c)])
        )
        painter.end()
    return QIcon(pix)

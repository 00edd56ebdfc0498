"""Small widget helpers every ui package shares: literal tooltips, colour swatches, tree items.

Tooltips go through ``plain_tooltip`` because Qt guesses rich text in tooltips.
"""

from __future__ import annotations

from PySide6.QtGui import QIcon, QPixmap
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


def swatch(color: str, size: int = 14) -> QIcon:
    pix = QPixmap(size, size)
    pix.fill(label_color(color))
    return QIcon(pix)

"""The in-document find bar (Ctrl+F): every hit highlighted apart from the annotations,
next/previous, and the count.

Hits are drawn as the view's extra selections (``QPlainTextEdit.setExtraSelections``): a light
amber background with a dotted underline, the current hit solid orange. Annotation tints are
painted under the text by the view itself, so both stay visible. Whoever draws hits another way
listens to ``hitsChanged(hits, current)`` (code-point ``(start, end)`` pairs).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, cast

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QKeyEvent,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTextEdit,
    QToolButton,
    QWidget,
)

from annotator.search import FoldedText, FoldOptions, Hit, Mode, Query, QueryError
from annotator.text import OffsetMap
from ui.i18n import QT_TRANSLATE_NOOP, core_text

HIT_BACKGROUND = QColor(255, 213, 79, 150)
CURRENT_BACKGROUND = QColor(255, 140, 0)
HIT_UNDERLINE = QColor(230, 81, 0)

MODES = (
    (Mode.WORD, QT_TRANSLATE_NOOP("FindBar", "Whole word")),
    (Mode.PREFIX, QT_TRANSLATE_NOOP("FindBar", "Word start")),
    (Mode.SUBSTRING, QT_TRANSLATE_NOOP("FindBar", "Anywhere")),
    (Mode.REGEX, QT_TRANSLATE_NOOP("FindBar", "Regular expression")),
)
"""the match modes, their names translated where the mode box shows them"""


class FindTarget(Protocol):
    """What the find bar needs of a text view (``ui.docview.DocumentView`` has it all)."""

    def text(self) -> str: ...
    def select(self, start: int, end: int) -> None: ...
    def scroll_to(self, start: int) -> None: ...
    def document(self) -> QTextDocument: ...
    def setExtraSelections(self, selections: Sequence[QTextEdit.ExtraSelection]) -> None: ...


def hit_selections(
    document: QTextDocument, text: str, hits: Sequence[tuple[int, int]], current: int
) -> list[QTextEdit.ExtraSelection]:
    """Extra selections drawing ``hits`` (code points into ``text``) on ``document``."""
    omap = OffsetMap(text)
    plain = QTextCharFormat()
    plain.setBackground(HIT_BACKGROUND)
    plain.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    plain.setUnderlineColor(HIT_UNDERLINE)
    strong = QTextCharFormat(plain)
    strong.setBackground(CURRENT_BACKGROUND)
    out = []
    for k, (start, end) in enumerate(hits):
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(document)
        cursor.setPosition(omap.to_u16(start))
        cursor.setPosition(omap.to_u16(end), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format = strong if k == current else plain
        out.append(selection)
    return out


class FindBar(QWidget):
    """A bar above (or below) a document view; hidden until ``open()`` (Ctrl+F)."""

    hitsChanged = Signal(list, int)
    """the hits as ``(start, end)`` code points, and the index of the current one (-1: none)"""

    def __init__(self, target: FindTarget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target = target
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("Find in document"))
        self.edit.setClearButtonEnabled(True)
        self.mode = QComboBox(self)
        for mode, name in MODES:
            self.mode.addItem(self.tr(name), mode)
        self.ta_marbuta = QCheckBox(self.tr("ة = ه"), self)
        self.ta_marbuta.setToolTip(self.tr("Match ة and ه as the same letter"))
        self.count = QLabel(self)
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.count.setMinimumWidth(90)
        self.previous_button = QToolButton(self)
        self.previous_button.setArrowType(Qt.ArrowType.UpArrow)
        self.previous_button.setToolTip(self.tr("Previous hit (Shift+F3)"))
        self.next_button = QToolButton(self)
        self.next_button.setArrowType(Qt.ArrowType.DownArrow)
        self.next_button.setToolTip(self.tr("Next hit (F3)"))
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setToolTip(self.tr("Close (Esc)"))
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        widgets: list[QWidget] = [self.edit, self.mode, self.ta_marbuta, self.count]
        widgets += [self.previous_button, self.next_button, self.close_button]
        for w in widgets:
            row.addWidget(w)
        row.setStretch(0, 1)
        self.hits: list[Hit] = []
        self.current = -1
        self._folded: FoldedText | None = None
        self._options = FoldOptions()
        self.edit.installEventFilter(self)
        self.edit.textChanged.connect(self.refresh)
        self.edit.returnPressed.connect(self.next)
        self.mode.currentIndexChanged.connect(self.refresh)
        self.ta_marbuta.toggled.connect(self.refresh)
        self.next_button.clicked.connect(self.next)
        self.previous_button.clicked.connect(self.previous)
        self.close_button.clicked.connect(self.close_bar)
        self.hide()

    # -- entry points --------------------------------------------------------------------
    def actions_for(self, parent: QWidget) -> list[QAction]:
        """Find (Ctrl+F), Find next (F3) and Find previous (Shift+F3), for a window's menu."""
        found = []
        for name, keys, slot in (
            (self.tr("&Find…"), QKeySequence.StandardKey.Find, self.open),
            (self.tr("Find &next"), QKeySequence.StandardKey.FindNext, self.next),
            (self.tr("Find &previous"), QKeySequence.StandardKey.FindPrevious, self.previous),
        ):
            action = QAction(name, parent)
            action.setShortcuts(keys)
            action.triggered.connect(slot)
            found.append(action)
        return found

    def open(self, initial: str = "") -> None:
        """Show the bar with ``initial`` (e.g. the selected text) and focus the query."""
        self.show()
        if initial:
            self.edit.setText(initial)
        self.edit.selectAll()
        self.edit.setFocus()
        self.refresh()

    def close_bar(self) -> None:
        """Hide the bar and its highlights."""
        self.hide()
        self._show([], -1)

    def text_changed(self) -> None:
        """The view shows another document: search it again."""
        self._folded = None
        if self.isVisible():
            self.refresh()

    # -- searching -----------------------------------------------------------------------
    def query(self) -> Query:
        mode = Mode(self.mode.currentData())
        return Query(self.edit.text(), mode, fold=FoldOptions(self.ta_marbuta.isChecked()))

    def refresh(self) -> None:
        """Search the view's text again and highlight every hit."""
        if not self.edit.text().strip():
            self._show([], -1)
            self.count.setText("")
            return
        query = self.query()
        text = self.target.text()
        if self._folded is None or self._folded.original is not text or self._options != query.fold:
            self._folded = FoldedText.of(text, query.fold)
            self._options = query.fold
        folded = self._folded
        try:
            hits = [Hit(0, *folded.span(s, e)) for s, e in query.matcher().spans(folded.folded)]
        except QueryError as exc:
            self._show([], -1)
            self.count.setText(core_text(exc))
            return
        self._show(hits, 0 if hits else -1)

    def next(self) -> None:
        if self.hits:
            self._go((self.current + 1) % len(self.hits))

    def previous(self) -> None:
        if self.hits:
            self._go((self.current - 1) % len(self.hits))

    def _go(self, k: int) -> None:
        self.current = k
        hit = self.hits[k]
        self.target.select(hit.start, hit.end)
        self.target.scroll_to(hit.start)
        self._paint()

    def _show(self, hits: list[Hit], current: int) -> None:
        self.hits = hits
        self.current = current
        if current >= 0:
            self._go(current)
        else:
            self._paint()

    def _paint(self) -> None:
        pairs = [(h.start, h.end) for h in self.hits]
        self.target.setExtraSelections(
            hit_selections(self.target.document(), self.target.text(), pairs, self.current)
        )
        if self.hits:
            self.count.setText(self.tr("{0} of {1}").format(self.current + 1, len(self.hits)))
        elif self.edit.text().strip():
            self.count.setText(self.tr("no hits"))
        self.hitsChanged.emit(pairs, self.current)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the query: Esc closes, Shift+Enter goes to the previous hit."""
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            key = cast(QKeyEvent, event)
            if key.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if key.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                key.modifiers() & Qt.KeyboardModifier.ShiftModifier
            ):
                self.previous()
                return True
        return super().eventFilter(watched, event)

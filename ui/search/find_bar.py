"""The in-document find bar (Ctrl+F): every hit highlighted apart from the annotations,
next/previous, and the count.

Hits are drawn as the view's extra selections (``QPlainTextEdit.setExtraSelections``): a light
amber background with a dotted underline, the current hit solid orange. Annotation tints are
painted under the text by the view itself, so both stay visible. Whoever draws hits another way
listens to ``hitsChanged(hits, current)`` (code-point ``(start, end)`` pairs).

A big document (``SEARCH_NOW_CHARS`` or more) is searched once typing pauses
(``SEARCH_DELAY_MS``), not at every keystroke; next and previous (F3, Shift+F3, Return) search
at once what was typed meanwhile. With more than ``DRAW_ALL_HITS`` hits only those around the
visible text (``DRAW_MARGIN`` code points either side) are the view's extra selections, drawn
again as it scrolls: Qt lays out and paints every extra selection of a paragraph, so 20,000 of
them cost seconds a search and a tenth of a second a step.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Protocol, cast

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
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
    QScrollBar,
    QTextEdit,
    QToolButton,
    QWidget,
)

from annotator.search import FoldedText, FoldOptions, Hit, Mode, Query, QueryError
from annotator.search.matching import RegexTooSlow
from annotator.text import OffsetMap
from ui.i18n import QT_TRANSLATE_NOOP, core_text

HIT_BACKGROUND = QColor(255, 213, 79, 150)
CURRENT_BACKGROUND = QColor(255, 140, 0)
HIT_UNDERLINE = QColor(230, 81, 0)
SEARCH_NOW_CHARS = 50_000
"""a document shorter than this (code points) is searched at every keystroke"""
SEARCH_DELAY_MS = 250
"""a longer one, this long after typing pauses"""
DRAW_ALL_HITS = 1_000
"""up to this many hits are all drawn; more: only those around the visible text"""
DRAW_MARGIN = 3_000
"""code points drawn either side of the visible text"""

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
    def viewport(self) -> QWidget: ...
    def verticalScrollBar(self) -> QScrollBar: ...
    def cursorForPosition(self, pos: QPoint) -> QTextCursor: ...


def hit_format(current: bool) -> QTextCharFormat:
    """How a hit is drawn: the current one solid orange, the others light amber; both with a
    dotted underline."""
    form = QTextCharFormat()
    form.setBackground(CURRENT_BACKGROUND if current else HIT_BACKGROUND)
    form.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    form.setUnderlineColor(HIT_UNDERLINE)
    return form


def hit_selections(
    document: QTextDocument, text: str, hits: Sequence[tuple[int, int]], current: int
) -> list[QTextEdit.ExtraSelection]:
    """Extra selections drawing ``hits`` (code points into ``text``) on ``document``."""
    omap = OffsetMap(text)
    plain, strong = hit_format(False), hit_format(True)
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

    hitsChanged = Signal(object, int)
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
        self._pairs: list[tuple[int, int]] = []
        self._drawn: tuple[int, int, int] | None = None
        """the hits drawn (first, past the last) and the current one"""
        self._made: dict[int, QTextEdit.ExtraSelection] = {}
        """the selections made for this search's hits, by index"""
        self._formats = (hit_format(False), hit_format(True))
        self._visible: tuple[object, tuple[int, int]] | None = None
        """(scroll position, viewport size, text) and the visible text's code points then"""
        self._screen: int | None = None
        """how many code points the view showed when last asked"""
        self._redraw = QTimer(self)  # (scrolling: the hits around the new visible text)
        self._redraw.setSingleShot(True)
        self._redraw.setInterval(0)
        self._redraw.timeout.connect(self._draw)
        target.verticalScrollBar().valueChanged.connect(self._scrolled)
        self._folded: FoldedText | None = None
        self._options = FoldOptions()
        self._too_slow: tuple[Query, str, str] | None = None
        """the query and text (and its message) a regular expression ran too long over: not
        run again on the same text (opening the bar searched twice, each time up to the
        limit, ``REGEX_SECONDS``)"""
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(SEARCH_DELAY_MS)
        self._typing.timeout.connect(self.refresh)
        self.edit.installEventFilter(self)
        self.edit.textChanged.connect(self._typed)
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
        self._typing.stop()
        self._redraw.stop()
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

    def _typed(self) -> None:
        """The query changed: search now in a short document, else once typing pauses."""
        if len(self.target.text()) < SEARCH_NOW_CHARS:
            self.refresh()
        else:
            self._typing.start()

    def refresh(self) -> None:
        """Search the view's text again and highlight every hit."""
        self._typing.stop()
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
        slow = self._too_slow
        if slow is not None and slow[0] == query and slow[1] is text:
            self._show([], -1)
            self.count.setText(slow[2])
            return
        try:
            hits = [Hit(0, *folded.span(s, e)) for s, e in query.matcher().spans(folded.folded)]
        except QueryError as exc:
            self._show([], -1)
            self.count.setText(core_text(exc))
            if isinstance(exc, RegexTooSlow):
                self._too_slow = (query, text, self.count.text())
            return
        self._show(hits, 0 if hits else -1)

    def _searched(self) -> bool:
        """Search now what was typed since the last search (True: it was, and its first hit
        is current)."""
        if not self._typing.isActive():
            return False
        self.refresh()
        return True

    def next(self) -> None:
        if not self._searched() and self.hits:
            self._go((self.current + 1) % len(self.hits))

    def previous(self) -> None:
        if not self._searched() and self.hits:
            self._go((self.current - 1) % len(self.hits))

    def _go(self, k: int) -> None:
        self.current = k
        hit = self.hits[k]
        self.target.select(hit.start, hit.end)
        self.target.scroll_to(hit.start)
        if len(self._pairs) > DRAW_ALL_HITS:
            self._shown_around(hit.start, hit.end)
        self._paint()

    def _show(self, hits: list[Hit], current: int) -> None:
        self.hits = hits
        self.current = current
        self._pairs = [(h.start, h.end) for h in hits]
        self._drawn = None
        self._made = {}
        if current >= 0:
            self._go(current)
        else:
            self._paint()

    def _paint(self) -> None:
        self._draw()
        if self.hits:
            self.count.setText(self.tr("{0} of {1}").format(self.current + 1, len(self.hits)))
        elif self.edit.text().strip():
            self.count.setText(self.tr("no hits"))
        self.hitsChanged.emit(self._pairs, self.current)

    def _scrolled(self) -> None:
        if len(self._pairs) > DRAW_ALL_HITS:
            self._redraw.start()

    def _draw(self) -> None:
        """Give the view the hits to draw: all of them, or those around the visible text."""
        self._redraw.stop()
        pairs = self._pairs
        first, past = 0, len(pairs)
        if past > DRAW_ALL_HITS:
            low, high = self._visible_text()
            first = bisect.bisect_left(pairs, (low - DRAW_MARGIN, 0))
            past = bisect.bisect_right(pairs, (high + DRAW_MARGIN, 0))
        if self._drawn == (first, past, self.current):
            return  # (scrolled within the same hits)
        self._drawn = (first, past, self.current)
        made = self._made
        missing = [k for k in range(first, past) if k not in made]
        if missing:  # each hit's selection is made once per search (a cursor costs)
            new = hit_selections(
                self.target.document(), self.target.text(), [pairs[k] for k in missing], -1
            )
            made.update(zip(missing, new, strict=True))
        plain, strong = self._formats
        drawn = []
        for k in range(first, past):
            selection = made[k]
            selection.format = strong if k == self.current else plain
            drawn.append(selection)
        self.target.setExtraSelections(drawn)

    def _view_key(self) -> tuple[int, tuple[int, int], int]:
        """What the visible text depends on: scroll position, viewport size, the text."""
        size = self.target.viewport().size()
        bar = self.target.verticalScrollBar()
        return (bar.value(), (size.width(), size.height()), id(self.target.text()))

    def _visible_text(self) -> tuple[int, int]:
        """About the code points of the first and last characters the view shows (those at
        the middle of its top and bottom lines: ``DRAW_MARGIN`` covers the rest of a line)."""
        key = self._view_key()
        if self._visible is None or self._visible[0] != key:
            rect = self.target.viewport().rect()
            x = rect.center().x()
            top = self.target.cursorForPosition(QPoint(x, rect.top())).position()
            bottom = self.target.cursorForPosition(QPoint(x, rect.bottom())).position()
            omap = OffsetMap(self.target.text())
            low, high = omap.to_cp(top), omap.to_cp(bottom)
            self._visible, self._screen = (key, (low, high)), high - low
        return self._visible[1]

    def _shown_around(self, start: int, end: int) -> None:
        """The view was just scrolled to show ``[start, end)``: the text it shows lies within
        a screenful either side (known without asking the view where its lines are, which
        costs in a long paragraph)."""
        if self._screen is not None:
            screen = self._screen
            self._visible = (self._view_key(), (start - screen, end + screen))

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

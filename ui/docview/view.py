"""The document view: the widget analysts read and select Arabic text in.

``DocumentView`` takes plain data (the text and ``ViewSpan`` records) and knows nothing of
projects or the database. Every offset in its API is a code point into the Python text (the
conversion to Qt positions lives in ``ui.docview.text_view``).

Arrow keys (docs/design/arabic.md item 11): plain Left/Right move the caret *visually*, the
way the arrow points on screen, also inside digit and Latin runs (Qt's VisualMoveStyle).
Shift+Left/Right extend the selection *logically*: in an RTL paragraph Shift+Left takes the
next character in reading order and Shift+Right gives it back, even inside a digit or Latin
run, so a selection always grows as one contiguous piece of text; Ctrl+Shift+Left/Right do the
same by whole words.
In an LTR paragraph the directions are mirrored.

Selections made with the mouse or keyboard snap to whole words when read (``selection()``) and,
for a drag, on release (the view then shows the snapped range), unless snapping is off or Alt
was held during the drag. ``select()``, double-click (one word) and the proclitic commands give
exact offsets, so هولندا in وهولندا is a double-click and one ``trim_proclitic``.

Clicking a span selects it (outline) and emits ``spanClicked(uuid)``; clicking the same place
again cycles through the spans overlapping there, innermost first; a click on no span emits
``spanClicked("")``. A click on a suggestion selects the suggestion, not a span, and emits
``suggestionClicked(uuid)`` (suggestions come first in the cycle of what lies under the click).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QWidget

import annotator.text as atext
from ui.docview.spans import ViewSpan
from ui.docview.text_view import Direction, SpanTextView

__all__ = ["Direction", "DocumentView", "ViewSpan"]

_KEEP = QTextCursor.MoveMode.KeepAnchor


class DocumentView(SpanTextView):
    """Read-only document view with word-snapping selection and span picking."""

    selectionChangedCp = Signal(int, int)
    spanClicked = Signal(str)  # uuid of the span a click selected, "" when it hit none
    suggestionClicked = Signal(str)  # uuid of the suggestion a click selected

    def __init__(
        self, parent: QWidget | None = None, point_size: int = SpanTextView.DEFAULT_POINT_SIZE
    ) -> None:
        super().__init__(parent, point_size)
        self._snap = True
        self._precise = False  # the current selection is exact: do not snap it
        self._press = QPoint()
        self._dragging = False
        self._alt_drag = False
        self._click_candidates: list[str] = []
        self._click_index = 0
        self._last_emitted: tuple[int, int] | None = None
        self.selectionChanged.connect(self._on_qt_selection_changed)

    def set_text(self, text: str) -> None:
        """Show ``text`` (LF line ends only). Clears spans and selection."""
        self._last_emitted = None
        self._click_candidates = []
        super().set_text(text)

    def set_snap(self, snap: bool) -> None:
        """Snap mouse and keyboard selections to whole words (on by default)."""
        self._snap = snap

    def snap(self) -> bool:
        return self._snap

    def selection(self) -> tuple[int, int]:
        """The selection in code points (start <= end), snapped to words unless exact."""
        cursor = self.textCursor()
        start, end = self._to_cp(cursor.selectionStart()), self._to_cp(cursor.selectionEnd())
        if start < end and self._snap and not self._precise:
            start, end = atext.snap_to_words(self._text, start, end)
        return start, end

    def select(self, start: int, end: int) -> None:
        """Select exactly ``[start, end)`` (code points); no snapping."""
        self._select_cp(start, end, precise=True)

    def trim_proclitic(self) -> tuple[int, int]:
        """Drop one proclitic (و ف ب ل ك or ال) from the start of the selection."""
        start, end = self.selection()
        if start < end:
            self._select_cp(atext.trim_proclitic(self._text, start, end), end, precise=True)
        return self.selection()

    def restore_proclitic(self) -> tuple[int, int]:
        """Give back a proclitic in front of the selection (undoes ``trim_proclitic``)."""
        start, end = self.selection()
        if start < end:
            self._select_cp(atext.restore_proclitic(self._text, start), end, precise=True)
        return self.selection()

    # ----- internals -----
    def _select_cp(self, start: int, end: int, *, precise: bool) -> None:
        cursor = QTextCursor(self._doc)
        cursor.setPosition(self._to_qt(start))
        cursor.setPosition(self._to_qt(end), _KEEP)
        self._precise = precise
        self.setTextCursor(cursor)
        self._emit_selection()

    def _emit_selection(self) -> None:
        current = self.selection()
        if current != self._last_emitted:
            self._last_emitted = current
            self.selectionChangedCp.emit(*current)

    def _on_qt_selection_changed(self) -> None:
        if not self._dragging:
            self._emit_selection()

    def _word_step(self, pos: int, forward: bool) -> int:
        text, word = self._text, atext.is_word_char
        if forward:
            while pos < len(text) and not word(text[pos]):
                pos += 1
            while pos < len(text) and word(text[pos]):
                pos += 1
        else:
            while pos > 0 and not word(text[pos - 1]):
                pos -= 1
            while pos > 0 and word(text[pos - 1]):
                pos -= 1
        return pos

    def _extend(self, left_key: bool, by_word: bool) -> None:
        """Shift(+Ctrl)+Left/Right: extend the selection in reading order (see module doc)."""
        cursor = self.textCursor()
        forward = left_key == self._block_rtl(cursor.block())
        if by_word:
            target = self._word_step(self._to_cp(cursor.position()), forward)
            cursor.setPosition(self._to_qt(target), _KEEP)
        else:
            op = QTextCursor.MoveOperation
            cursor.movePosition(op.NextCharacter if forward else op.PreviousCharacter, _KEEP)
        self._precise = False
        self.setTextCursor(cursor)

    def _click(self, point: QPoint) -> None:
        """A click without drag: select the span under it; clicking again cycles nested ones."""
        pos = self.char_at(point)
        candidates = self.suggestions_at(pos) + self.spans_at(pos) if pos is not None else []
        if not candidates:
            self.set_selected_suggestion(None)
            self._click_candidates = []
            self.set_selected(None)
            self.spanClicked.emit("")
            return
        if candidates == self._click_candidates:
            self._click_index = (self._click_index + 1) % len(candidates)
        else:
            self._click_candidates, self._click_index = candidates, 0
        uuid = candidates[self._click_index]
        if uuid in self._sugs:
            self.spanClicked.emit("")  # the span selection, if any, is dropped
            self.set_selected_suggestion(uuid)
            self.suggestionClicked.emit(uuid)
            return
        self.set_selected(uuid)
        self.spanClicked.emit(uuid)

    def _show_snapped(self) -> None:
        start, end = self.selection()
        cursor = self.textCursor()
        backwards = cursor.position() < cursor.anchor()
        anchor, position = (end, start) if backwards else (start, end)
        cursor.setPosition(self._to_qt(anchor))
        cursor.setPosition(self._to_qt(position), _KEEP)
        self.setTextCursor(cursor)

    # ----- Qt event handlers -----
    def mousePressEvent(self, e: QMouseEvent) -> None:
        if e.button() == Qt.MouseButton.LeftButton:
            self._press = e.position().toPoint()
            self._dragging = True
            self._alt_drag = bool(e.modifiers() & Qt.KeyboardModifier.AltModifier)
            self._precise = False
            cursor = self.textCursor()
            if cursor.hasSelection() and not e.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                # a press inside the selection would start dragging the text out; in an
                # annotation tool it starts a new selection instead
                cursor.clearSelection()
                self.setTextCursor(cursor)
        super().mousePressEvent(e)

    def mouseMoveEvent(self, e: QMouseEvent) -> None:
        if self._dragging and e.modifiers() & Qt.KeyboardModifier.AltModifier:
            self._alt_drag = True
        super().mouseMoveEvent(e)

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        super().mouseReleaseEvent(e)
        if e.button() != Qt.MouseButton.LeftButton or not self._dragging:
            return
        self._dragging = False
        moved = (e.position().toPoint() - self._press).manhattanLength()
        if moved < QApplication.startDragDistance() and not self.textCursor().hasSelection():
            self._click(e.position().toPoint())
            return
        self._precise = self._alt_drag or not self._snap
        if not self._precise:
            self._show_snapped()
        self._emit_selection()

    def mouseDoubleClickEvent(self, e: QMouseEvent) -> None:
        pos = self.char_at(e.position().toPoint())
        if e.button() != Qt.MouseButton.LeftButton or pos is None:
            super().mouseDoubleClickEvent(e)
            return
        self._dragging = False
        self._select_cp(*atext.word_at(self._text, pos), precise=True)
        e.accept()

    def keyPressEvent(self, e: QKeyEvent) -> None:
        key, mods = e.key(), e.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if ctrl and key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoomIn()
        elif ctrl and key == Qt.Key.Key_Minus:
            self.zoomOut()
        elif ctrl and key == Qt.Key.Key_0:
            self.set_zoom(self.DEFAULT_POINT_SIZE)
        elif (
            key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and mods & Qt.KeyboardModifier.ShiftModifier
        ):
            self._extend(key == Qt.Key.Key_Left, by_word=ctrl)
        else:
            self._precise = False
            super().keyPressEvent(e)
            return
        e.accept()

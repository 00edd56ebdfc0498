"""Display half of the document view: text, spans, geometry, painting, zoom and direction.

``SpanTextView`` shows plain text with span highlights and owns the one conversion between code
points (the public API) and Qt's UTF-16 positions: ``_to_qt``/``_to_cp`` over one
``annotator.text.OffsetMap``. ``ui.docview.view.DocumentView`` adds selection and input handling.

Text is set with ``setPlainText`` only (never HTML), and the document refuses every resource
request. Paragraph direction comes from each paragraph's first strong character unless the
document is forced RTL or LTR with ``set_direction``.

A strip the page's colour is kept above the viewport (``TOP_BAND``, ``top_band``): the arc
lanes of the line at the top of the view run there, as every other line's run in the gap
above it (``ui.docview.arcs``). It is always there, so no line moves when arcs come and go.

Suggestions (proposed spans, not annotations) live in an index of their own
(``set_suggestions``): they are painted in the same cached per-block pass as the spans (a
dashed outline, no fill, a lighter tag), never take part in the spans' nesting rows, and have a
selection of their own (``set_selected_suggestion``); one selection at a time, span or
suggestion.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, cast

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QTextCursor, QTextDocument, QTextOption
from PySide6.QtWidgets import QPlainTextDocumentLayout, QPlainTextEdit, QWidget

import annotator.text as atext
from ui.docview.fonts import document_font
from ui.docview.sides import own_side
from ui.docview.spans import LayerFields, SpanIndex, ViewSpan

if TYPE_CHECKING:
    # PySide6 makes a class's Python type (and its enums) when it is first touched: QUrl and
    # QHelpEvent ~1.5 ms each, QPainter 0.6 ms. The methods that use these import them, so
    # the window's first paint of a document without spans touches none (issue 12).
    from PySide6.QtCore import QPoint, QRect, QUrl
    from PySide6.QtGui import (
        QPainter,
        QPaintEvent,
        QPixmap,
        QResizeEvent,
        QTextBlock,
        QWheelEvent,
    )

    # ui.docview.paint is imported when spans are first laid out or painted
    from ui.docview.paint import BlockMarks, LineBox, MarkStyle, SpanGeometry, TagPixmaps

Direction = Literal["auto", "rtl", "ltr"]
_DIRECTIONS = {
    "auto": Qt.LayoutDirection.LayoutDirectionAuto,
    "rtl": Qt.LayoutDirection.RightToLeft,
    "ltr": Qt.LayoutDirection.LeftToRight,
}
_INVISIBLE_RE = re.compile("[" + "".join(re.escape(c) for c in atext.INVISIBLES) + "]")
_TOOLTIP_TEXT_MAX = 300
_CACHE_MAX_BLOCKS = 4096
TOP_BAND = 36
"""Height (pixels) of the strip kept above the viewport for the arc lanes of the line at the
top of the view (``ui.docview.arcs``: six lanes 6 pixels apart and the label on the highest)."""


def _BOX_Y(box: LineBox) -> float:
    return box.y


class _BlockCache:
    """The span geometry of some lines of one block, ``lines`` = (first, end) line numbers
    (all of them for ``_block_geometry``, a chunk of ``paint.CHUNK_LINES`` for a paint),
    covering the code points ``[first, last)``: valid for the spans ``shown`` (those meeting
    that text, in index order) while the block's layout holds; and the marks built from it
    (valid while ``marks_key`` holds: the nesting rows of its spans and the selection in
    it). ``spans`` is the generation of the view's spans it was checked against: after the
    spans are replaced, an entry whose lines show the very same spans is kept (a big
    document's whole layer replaces its first screen's spans: same spans there). ``boxes``
    are the whole block's lines (the geometry numbers lines in the block)."""

    __slots__ = (
        "boxes", "first", "geoms", "last", "lines", "marks", "marks_key", "shown", "spans",
    )  # fmt: skip

    def __init__(
        self,
        lines: tuple[int, int],
        span: tuple[int, int],
        boxes: list[LineBox],
        geoms: list[SpanGeometry],
        shown: list[ViewSpan],
        spans: int,
    ):
        self.lines = lines
        self.first, self.last = span
        self.boxes = boxes
        self.geoms = geoms
        self.shown = shown
        self.spans = spans
        self.marks: BlockMarks | None = None
        self.marks_key: tuple[object, ...] = ()


class _BlockLines:
    """One block's line boxes (valid while ``key`` holds: the view's layout epoch and the
    block's line count) and its chunks' geometry met so far, by chunk number."""

    __slots__ = ("boxes", "chunks", "key")

    def __init__(self, key: tuple[int, int], boxes: list[LineBox]) -> None:
        self.key = key
        self.boxes = boxes
        self.chunks: dict[int, _BlockCache] = {}


class PlainDocument(QTextDocument):
    """A document that never loads a resource (images, style sheets) and records any attempt."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.resource_requests: list[str] = []

    def loadResource(self, type: int, name: QUrl | str, /) -> Any:
        from PySide6.QtCore import QUrl

        self.resource_requests.append(name.toString() if isinstance(name, QUrl) else name)
        return None


_BAND_TAKES = frozenset(
    (
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.ContextMenu,
    )
)


class _TopBand(QWidget):
    """The strip between the view's frame and the top of its viewport (``TOP_BAND`` high),
    the page's colour: where the arcs of the line at the top of the view run, as every other
    line's run in the gap above it. A line's arc lanes sit above it; the document's first line
    has only the document margin above it, and a line scrolled to the top none, so without
    this strip their lanes would be cut off, or put under the line, over the next line's text.

    It is always there, arcs or none, so the text never moves when arcs come and go. The view
    scrolls by whole lines and lays its text out at the viewport's full width: the strip takes
    no width and moves no line. What it shows is painted by ``painter``
    (``SpanTextView.set_band_painter``) in viewport coordinates: the strip is their y
    -``TOP_BAND``..0."""

    def __init__(self, view: SpanTextView) -> None:
        super().__init__(view)
        self._view = view
        self.painter: Callable[[QPainter], None] | None = None
        self.setBackgroundRole(view.viewport().backgroundRole())
        self.setAutoFillBackground(True)

    def event(self, e: QEvent) -> bool:
        # Presses, releases, drags and context menus here are the band's (the arc overlay's
        # filter takes those on an arc first): ignored, they would reach the text edit, which
        # reads their points as the viewport's, some way off. The wheel scrolls and zooms as
        # over the text: handed to the view's handler (a scroll area ignores a wheel that does
        # not come from its viewport, so passing it up did nothing)
        if e.type() in _BAND_TAKES:
            e.accept()
            return True
        if e.type() == QEvent.Type.Wheel:
            self._view.wheelEvent(cast("QWheelEvent", e))
            return True
        return super().event(e)

    def paintEvent(self, e: QPaintEvent) -> None:
        paint = self.painter
        if paint is None:
            return
        from PySide6.QtGui import QPainter

        painter = QPainter(self)
        painter.translate(0, self.height())  # viewport coordinates
        paint(painter)
        painter.end()


class SpanTextView(QPlainTextEdit):
    """Read-only text with span highlights; offsets in code points."""

    zoomChanged = Signal(int)  # point size

    MIN_POINT_SIZE = 8
    MAX_POINT_SIZE = 72
    DEFAULT_POINT_SIZE = 14

    def __init__(self, parent: QWidget | None = None, point_size: int = DEFAULT_POINT_SIZE) -> None:
        super().__init__(parent)
        self._doc = PlainDocument(self)
        self._doc.setDocumentLayout(QPlainTextDocumentLayout(self._doc))
        self._doc.setUndoRedoEnabled(False)
        self._doc.setDefaultCursorMoveStyle(Qt.CursorMoveStyle.VisualMoveStyle)
        self.setDocument(self._doc)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self._text = ""
        self._map = atext.OffsetMap("")
        self._index = SpanIndex()
        self._selected: str | None = None
        self._sugs = SpanIndex()
        self._selected_sug: str | None = None
        self._direction: Direction = "auto"
        self._show_invisibles = False
        self._epoch = 0  # bumped whenever line layout may change (geometry cache key)
        self._marks = 0  # bumped whenever spans or suggestions (so tags) may move
        self._under_tags: Callable[[QPainter], None] | None = None
        self._patterns: dict[str, str] = {}
        self._tag_names: dict[str, str] = {}
        self._geom: dict[int, _BlockLines] = {}
        self._spans_generation = 0  # bumped when the spans are replaced (``_BlockCache``)
        self._tags: TagPixmaps | None = None
        self._wheel = 0
        self._point_size = self._clamp_size(point_size)
        self.setFont(document_font(self._point_size))
        self._mark_style: MarkStyle | None = None  # see _style
        self._apply_text_option()
        self._band = _TopBand(self)
        self.setViewportMargins(0, TOP_BAND, 0, 0)
        self._place_band()

    @property
    def _style(self) -> MarkStyle:
        """How marks are drawn at the current font, made when first needed: a document
        without spans is painted without ``ui.docview.paint`` (the window's first paint
        imports none of it, issue 12)."""
        if self._mark_style is None:
            from ui.docview.paint import MarkStyle

            self._mark_style = MarkStyle.for_font(self.font())
        return self._mark_style

    def document_resource_requests(self) -> list[str]:
        """Resources the document was asked to load (always refused; should stay empty)."""
        return list(self._doc.resource_requests)

    # ----- offsets: the only place where code points and Qt positions meet -----
    def _to_qt(self, cp: int) -> int:
        return self._map.to_u16(max(0, min(cp, len(self._text))))

    def _to_cp(self, pos: int) -> int:
        return self._map.to_cp(max(0, min(pos, self._map.length_u16)))

    # ----- content -----
    def set_text(self, text: str) -> None:
        """Show ``text`` (stored form: LF line ends only). Clears spans and selection."""
        if "\r" in text:
            raise ValueError("document text must use LF line ends only (see text.normalise)")
        self._text = text
        self._map = atext.OffsetMap(text)
        self._index = SpanIndex()
        self._selected = None
        self._sugs = SpanIndex()
        self._selected_sug = None
        self._invalidate_geometry()
        self.setPlainText(text)
        # Each paragraph keeps its shaped glyphs when laid out (QTextLayout.setCacheEnabled):
        # by default Qt drops them at the end of the layout and shapes the paragraph again for
        # the first glyph run a span asks for (``paint._boxes``), on every page not painted
        # before: a fifth of the cost of scrolling a page of spans. Some 40 bytes a
        # character for the paragraphs laid out (a megabyte of Arabic scrolled through: 20 MB)
        block = self._doc.begin()
        while block.isValid():
            block.layout().setCacheEnabled(True)
            block = block.next()

    def text(self) -> str:
        """The text exactly as given to ``set_text``."""
        return self._text

    def set_spans(self, spans: Sequence[ViewSpan]) -> None:
        """Replace all shown spans."""
        self._index.replace(spans)
        self._spans_replaced()

    def set_span_fields(self, fields: LayerFields) -> None:
        """Replace all shown spans by one layer's, given as fields (the lists are kept): a
        span is made when it is first painted or asked for (``SpanIndex.replace_fields``)."""
        self._index.replace_fields(fields)
        self._spans_replaced()

    def _spans_replaced(self) -> None:
        if self._selected not in self._index:
            self._selected = None
        self._marks += 1
        self._spans_generation += 1  # (each block's geometry is checked when next painted)
        self.viewport().update()

    def set_patterns(self, patterns: Mapping[str, str]) -> None:
        """Label → the pattern of its tag border and underline ("dashed", "dotted",
        "double"; ``ui.docview.looks``): what tells apart labels the colours could not."""
        if dict(patterns) == self._patterns:
            return
        self._patterns = dict(patterns)
        self._tags = None
        self._marks += 1
        self._geom.clear()
        self.viewport().update()

    def patterns(self) -> dict[str, str]:
        return dict(self._patterns)

    def set_tag_names(self, names: Mapping[str, str]) -> None:
        """Label → the text its tag shows (``ui.i18n.label_tag``: the Arabic form in Arabic);
        labels not named show themselves."""
        if dict(names) == self._tag_names:
            return
        self._tag_names = dict(names)
        self._tags = None
        self._marks += 1
        self._geom.clear()
        self.viewport().update()

    def tag_names(self) -> dict[str, str]:
        return dict(self._tag_names)

    def spans(self) -> list[ViewSpan]:
        """The shown spans, sorted by position."""
        return self._index.all()

    def add_span(self, span: ViewSpan) -> None:
        """Show one more span (or replace the one with the same uuid); cheap for big documents."""
        old = self._index.get(span.uuid)
        self._index.add(span)
        if old is not None:
            self._invalidate_range(old.start, old.end)
        self._invalidate_range(span.start, span.end)

    def update_span(self, span: ViewSpan) -> None:
        """Change a shown span (same uuid)."""
        self.add_span(span)

    def remove_span(self, uuid: str) -> None:
        """Stop showing a span."""
        old = self._index.remove(uuid)
        if old is not None:
            if self._selected == uuid:
                self._selected = None
            self._invalidate_range(old.start, old.end)

    def set_selected(self, uuid: str | None) -> None:
        """Outline this span (None: no span is selected). Selecting a span drops the
        selected suggestion."""
        old = self._index.get(self._selected) if self._selected else None
        self._selected = uuid if uuid in self._index else None
        if self._selected is not None and self._selected_sug is not None:
            self.set_selected_suggestion(None)
        for span in (old, self._index.get(uuid) if self._selected and uuid else None):
            if span is not None:  # only the old and the new outline are repainted
                self._update_range(span.start, span.end)

    # ----- suggestions -----
    def set_suggestions(self, suggestions: Sequence[ViewSpan]) -> None:
        """Replace the shown suggestions (``ViewSpan`` with ``suggestion=True``): for a new
        document or threshold; an edit gives only those that came and went
        (``add_suggestions``, ``remove_suggestions``)."""
        self._sugs.replace(self._marked(suggestions))
        if self._selected_sug not in self._sugs:
            self._selected_sug = None
        self._marks += 1
        self._spans_generation += 1  # (each chunk's geometry is checked when next painted)
        self.viewport().update()

    def add_suggestions(self, suggestions: Sequence[ViewSpan]) -> None:
        """Show these suggestions too (replacing those with the same uuids), repainting only
        their lines: cheap however many are shown."""
        for sug in self._marked(suggestions):
            old = self._sugs.get(sug.uuid)
            self._sugs.add(sug)
            if old is not None:
                self._invalidate_range(old.start, old.end)
            self._invalidate_range(sug.start, sug.end)

    def extend_suggestions(self, suggestions: Sequence[ViewSpan]) -> None:
        """Show these suggestions too, all after those shown and in order (the next window
        of a long document's suggestions as they are read): appended to the index in one pass
        (``SpanIndex.extend``), their stretch of the text repainted once."""
        if not suggestions:
            return
        marked = self._marked(suggestions)
        self._sugs.extend(marked)
        self._invalidate_range(marked[0].start, max(s.end for s in marked))

    def remove_suggestions(self, uuids: Sequence[str]) -> None:
        """Stop showing these suggestions (unknown uuids are ignored), repainting only their
        lines."""
        for uuid in uuids:
            old = self._sugs.remove(uuid)
            if old is not None:
                if self._selected_sug == uuid:
                    self._selected_sug = None
                self._invalidate_range(old.start, old.end)

    @staticmethod
    def _marked(suggestions: Sequence[ViewSpan]) -> list[ViewSpan]:
        """``suggestions`` marked ``suggestion=True``, copied only where they are not (the
        controller makes them marked: no copy of each of 143,000)."""
        return [s if s.suggestion else s._replace(suggestion=True) for s in suggestions]

    def suggestions(self) -> list[ViewSpan]:
        """The shown suggestions, sorted by position."""
        return self._sugs.all()

    def suggestions_at(self, pos: int) -> list[str]:
        """Uuids of the suggestions covering code point ``pos``, innermost first."""
        return [s.uuid for s in self._sugs.at(pos)]

    def set_selected_suggestion(self, uuid: str | None) -> None:
        """Outline this suggestion (None: none); drops the selected span."""
        old = self._sugs.get(self._selected_sug) if self._selected_sug else None
        self._selected_sug = uuid if uuid in self._sugs else None
        new = self._sugs.get(uuid) if self._selected_sug and uuid else None
        if new is not None and self._selected is not None:
            span = self._index.get(self._selected)
            self._selected = None
            if span is not None:
                self._update_range(span.start, span.end)
        for sug in (old, new):
            if sug is not None:
                self._update_range(sug.start, sug.end)

    def selected_suggestion(self) -> str | None:
        """The uuid of the outlined suggestion."""
        return self._selected_sug

    def selected(self) -> str | None:
        """The uuid of the outlined span."""
        return self._selected

    def spans_at(self, pos: int) -> list[str]:
        """Uuids of the spans covering code point ``pos``, innermost first."""
        return [s.uuid for s in self._index.at(pos)]

    def level_of(self, uuid: str) -> int:
        """Nesting level (underline row) of a span."""
        return self._index.level(uuid)

    # ----- display options -----
    def set_direction(self, mode: Direction) -> None:
        """Paragraph direction: "auto" (first strong character), "rtl" or "ltr"."""
        if mode not in _DIRECTIONS:
            raise ValueError(f"direction must be auto, rtl or ltr, not {mode!r}")
        self._direction = mode
        self._apply_text_option()

    def direction(self) -> Direction:
        return self._direction

    def set_show_invisibles(self, show: bool) -> None:
        """Mark bidi controls, ZWJ/ZWNJ and other invisible characters."""
        self._show_invisibles = show
        self._apply_text_option()

    def zoom(self) -> int:
        """The document font's point size."""
        return self._point_size

    def set_zoom(self, point_size: int) -> None:
        """Set the document font size (clamped to MIN_POINT_SIZE..MAX_POINT_SIZE)."""
        size = self._clamp_size(point_size)
        if size == self._point_size:
            return
        self._point_size = size
        self.setFont(document_font(size))
        self._mark_style = None
        self._tags = None
        self._invalidate_geometry()
        self.zoomChanged.emit(size)

    def zoomIn(self, range: int = 1) -> None:
        self.set_zoom(self._point_size + max(1, range))

    def zoomOut(self, range: int = 1) -> None:
        self.set_zoom(self._point_size - max(1, range))

    def scroll_to(self, start: int) -> None:
        """Scroll so the line holding code point ``start`` is in the upper third of the view."""
        pos = self._to_qt(start)
        block = self._doc.findBlock(pos)
        if not block.isValid():
            return
        self.blockBoundingRect(block)  # lays the block out
        line = block.layout().lineForTextPosition(pos - block.position())
        top = block.firstLineNumber() + (line.lineNumber() if line.isValid() else 0)
        step = max(1.0, line.height() if line.isValid() else self.fontMetrics().lineSpacing())
        height = self.viewport().height()
        bar = self.verticalScrollBar()
        bar.setValue(max(0, top - int(height // step) // 3))
        # The scroll value counts visual lines, and a paragraph not laid out yet counts as one:
        # laying out those above the target moves it. Correct by the distance seen on screen
        # until the line is in the upper third (a few rounds at most).
        cursor = QTextCursor(self._doc)
        cursor.setPosition(pos)
        for _ in range(6):
            rect = self.cursorRect(cursor)
            if rect.top() >= 0 and rect.bottom() <= height and rect.top() <= height // 2:
                break
            lines = round((rect.top() - height / 3) / step)
            value = max(
                0, min(bar.maximum(), bar.value() + (lines or (1 if rect.top() > 0 else -1)))
            )
            if value == bar.value():
                break
            bar.setValue(value)

    # ----- geometry helpers for the window (popups, tests) -----
    def cursor_rect(self, pos: int) -> QRect:
        """Viewport rectangle of the caret at code point ``pos``."""
        cursor = QTextCursor(self._doc)
        cursor.setPosition(self._to_qt(pos))
        return self.cursorRect(cursor)

    def span_anchor(self, start: int, end: int) -> tuple[QRect, bool]:
        """Where a popup about the text ``[start, end)`` (code points) is anchored: the
        viewport rectangle of its first line's drawn glyphs (where its highlight is drawn,
        ``paint.piece_geometry``; the line's whole height, its tags' row included), and
        whether it reads right to left (its paragraph's direction, so its start is the
        rectangle's right edge). Not from the caret (``cursor_rect``): beside a run of the
        other direction (a year or a Latin name in an Arabic line) Qt's caret x is the
        neighbouring character's, and a popup anchored there opened a letter or more off
        its span. An empty rectangle when nothing of the range is drawn (not laid out, or an
        empty range)."""
        from PySide6.QtCore import QRect

        from ui.docview.paint import piece_geometry

        start, end = max(0, start), min(len(self._text), end)
        block = self._doc.findBlock(self._to_qt(start))
        rtl = self._block_rtl(block) if block.isValid() else self._direction == "rtl"
        if start >= end or not block.isValid():
            return QRect(), rtl
        self.blockBoundingRect(block)  # lays the block out
        layout, pos = block.layout(), block.position()
        last = self._to_cp(pos + block.length() - 1)
        stop = max(start + 1, min(end, last))
        piece = ViewSpan("", start, stop, "", "")
        geom = piece_geometry(
            layout,
            piece,
            self._to_qt(start) - pos,
            self._to_qt(stop) - pos,
            starts=True,
            ends=stop == end,
            rtl=rtl,
            text=self._text[start:stop],
        )
        if geom.start is None or not geom.runs:
            return QRect(), rtl
        line = geom.start.line
        runs = [(x0, x1) for i, x0, x1 in geom.runs if i == line]
        left, right = min(r[0] for r in runs), max(r[1] for r in runs)
        if rtl:  # the start edge is the side the popup lines up with
            right = min(right, max(left, geom.start.x))
        else:
            left = max(left, min(right, geom.start.x))
        text_line = layout.lineAt(line)
        origin = self.blockBoundingGeometry(block).translated(self.contentOffset()).topLeft()
        x0, x1 = origin.x() + left, origin.x() + right
        top = origin.y() + text_line.y()
        bottom = top + text_line.height()  # the tag row under the text too
        rect = QRect(round(x0), round(top), max(1, round(x1) - round(x0)), round(bottom - top))
        return rect, rtl

    def paragraph_end_at(self, point: QPoint) -> int:
        """Code point just past the paragraph drawn at a viewport point (its paragraph
        separator included; 0 when there is no paragraph there)."""
        block = self.cursorForPosition(point).block()
        return self._to_cp(block.position() + block.length() if block.isValid() else 0)

    def char_at(self, point: QPoint) -> int | None:
        """Code point of the character drawn under a viewport point (None: no character):
        the one whose glyphs Qt draws there (``paint.char_under``)."""
        from ui.docview.paint import char_under

        block = self.cursorForPosition(point).block()
        if not block.isValid():
            return None
        origin = self.blockBoundingGeometry(block).translated(self.contentOffset()).topLeft()
        local = QPointF(point) - origin
        layout = block.layout()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            if not line.y() <= local.y() < line.y() + line.height():
                continue
            rect = line.naturalTextRect()
            if line.textLength() == 0 or not rect.left() <= local.x() <= rect.right():
                return None
            return self._to_cp(block.position() + char_under(layout, line, local.x()))
        return None

    def tag_tooltip(self, point: QPoint) -> str:
        """Tooltip for a viewport point on a label tag drawn shortened (a crowded line): the
        label in full, as its tag names it, as plain text ("" when no such tag is there).
        Looks at the marks of the lines at the point only."""
        from PySide6.QtCore import QRect

        if not len(self._index) and not len(self._sugs):
            return ""
        names = self._tag_names
        for origin, _block, entries in self._visible(QRect(point, point)):
            local = QPointF(point) - origin
            for entry in entries:
                for box, span in self._block_marks(entry).elided:
                    if box.contains(local):
                        from ui.i18n import plain_tooltip

                        return plain_tooltip(names.get(span.label, span.label))
        return ""

    def tooltip_html(self, point: QPoint) -> str:
        """Tooltip for a viewport point: labels and covered text, escaped ("" if no span)."""
        pos = self.char_at(point)
        if pos is None:
            return ""
        # labels named as their tags in the text name them (set_tag_names: Arabic in Arabic)
        names = self._tag_names
        lines = []
        for sug in self._sugs.at(pos):
            from annotator.search.suggestions import hundredths  # (on a hover only)

            covered = self._text[sug.start : sug.end][:_TOOLTIP_TEXT_MAX]
            name = names.get(sug.label, sug.label)
            # its score cut down as the Suggestions list and its threshold show it (0.496: 49%)
            lines.append(f"{name}? {hundredths(sug.score)}%: {covered}")  # no words to translate
        for span in self._index.at(pos):
            covered = " … ".join(self._text[a:b] for a, b in span.pieces())
            if len(covered) > _TOOLTIP_TEXT_MAX:
                covered = covered[:_TOOLTIP_TEXT_MAX] + "…"
            layer = f" ({span.layer})" if span.layer else ""
            lines.append(f"{names.get(span.label, span.label)}{layer}: {covered}")
        if not lines:
            return ""
        from PySide6.QtGui import Qt as GuiQt

        return GuiQt.convertFromPlainText("\n".join(lines), Qt.WhiteSpaceMode.WhiteSpaceNormal)

    # ----- internals -----
    def _clamp_size(self, size: int) -> int:
        return max(self.MIN_POINT_SIZE, min(self.MAX_POINT_SIZE, size))

    def _apply_text_option(self) -> None:
        option = self._doc.defaultTextOption()
        option.setTextDirection(_DIRECTIONS[self._direction])
        own_side(option)  # each paragraph from its own side, no line justified (sides.py)
        flag = QTextOption.Flag.ShowDefaultIgnorables
        flags = option.flags()
        option.setFlags(flags | flag if self._show_invisibles else flags & ~flag)
        self._doc.setDefaultTextOption(option)
        self._invalidate_geometry()

    def _invalidate_geometry(self) -> None:
        self._epoch += 1
        self._marks += 1
        self._geom.clear()
        self.viewport().update()

    def marks_generation(self) -> int:
        """A number that changes whenever a span, suggestion or the line layout changed, so
        a label tag may have moved (the arc overlay keys its cached routes on it)."""
        return self._marks

    def _invalidate_range(self, start: int, end: int) -> None:
        self._marks += 1
        first = self._doc.findBlock(self._to_qt(start)).blockNumber()
        last = self._doc.findBlock(self._to_qt(end)).blockNumber()
        if last < 0:
            last = self._doc.blockCount()
        for number in [n for n in self._geom if first <= n <= last]:
            chunks = self._geom[number].chunks
            for k in [k for k, c in chunks.items() if c.first <= end and c.last >= start]:
                del chunks[k]
        self._update_range(start, end)

    def _update_range(self, start: int, end: int) -> None:
        """Repaint the on-screen part of the blocks from ``start`` to ``end`` (an edit in a big
        document repaints a paragraph, not the whole viewport), widened to the spans overlapping
        them, whose nesting row may have changed, and by the depth of the underline rows, which
        may reach past a line's box into the next block."""
        from ui.docview.paint import MAX_LEVELS, screen_band

        for span in self._index.intersecting(start, end):
            start, end = min(start, span.start), max(end, span.end)
        for sug in self._sugs.intersecting(start, end):
            start, end = min(start, sug.start), max(end, sug.end)
        first = self._doc.findBlock(self._to_qt(start)).blockNumber()
        last = self._doc.findBlock(self._to_qt(end)).blockNumber()
        last = self._doc.blockCount() if last < 0 else last
        margin = int(self._style.step * (MAX_LEVELS + 1) + self._style.pen) + 2
        band = screen_band(self, first, last, margin)
        if band is not None:
            self.viewport().update(band)

    def _block_rtl(self, block: QTextBlock) -> bool:
        if self._direction != "auto":
            return self._direction == "rtl"
        return block.textDirection() == Qt.LayoutDirection.RightToLeft

    def _block_geometry(self, block: QTextBlock) -> _BlockCache:
        """The geometry of all the spans of a block, on all its lines, made afresh: what the
        chunks a paint uses (``_chunk_geometry``) add up to."""
        from ui.docview.paint import line_boxes

        layout = block.layout()
        return self._lines_geometry(block, line_boxes(layout), (0, layout.lineCount()))

    def _block_lines(self, block: QTextBlock) -> _BlockLines:
        from ui.docview.paint import line_boxes

        layout = block.layout()
        key = (self._epoch, layout.lineCount())
        number = block.blockNumber()
        lines = self._geom.get(number)
        if lines is None or lines.key != key:
            if len(self._geom) >= _CACHE_MAX_BLOCKS:
                self._geom.clear()
            lines = self._geom[number] = _BlockLines(key, line_boxes(layout))
        return lines

    def _chunk_geometry(self, block: QTextBlock, lines: _BlockLines, k: int) -> _BlockCache:
        """The geometry of chunk ``k`` (lines ``k * CHUNK_LINES`` on) of a block, cached."""
        from ui.docview.paint import CHUNK_LINES

        generation = self._spans_generation
        cached = lines.chunks.get(k)
        if cached is not None and cached.spans == generation:
            return cached
        count = len(lines.boxes)
        within = (k * CHUNK_LINES, min(count, (k + 1) * CHUNK_LINES))
        if cached is not None and cached.shown == self._shown(cached.first, cached.last):
            cached.spans = generation  # the spans were replaced, not those of these lines
            return cached
        entry = lines.chunks[k] = self._lines_geometry(block, lines.boxes, within)
        return entry

    def _shown(self, first: int, last: int) -> list[ViewSpan]:
        """The spans, then the suggestions, meeting the code points ``[first, last)``."""
        shown = self._index.intersecting(first, last)
        if len(self._sugs):
            shown += self._sugs.intersecting(first, last)
        return shown

    def _lines_geometry(
        self, block: QTextBlock, boxes: list[LineBox], within: tuple[int, int]
    ) -> _BlockCache:
        """The geometry of the spans on lines ``within`` (first, end) of a laid-out block:
        each piece measured as a whole (its ends, its run of one direction) on those lines
        only, so the lines come out as the whole block's computation gives them."""
        from ui.docview import paint

        piece_geometry = paint.piece_geometry  # (looked up when called: tests count calls)
        layout = block.layout()
        pos = block.position()
        first, last = self._to_cp(pos), self._to_cp(pos + block.length() - 1)
        lo, hi = within
        # the code points of these lines: from the first's start (the block's, for line 0)
        # to the next line's start (the block's end after the last line), so the chunks of a
        # block share out its text with nothing left over or met twice
        lo_cp = first if lo <= 0 else self._to_cp(pos + layout.lineAt(lo).textStart())
        hi_cp = (
            last if hi >= layout.lineCount() else self._to_cp(pos + layout.lineAt(hi).textStart())
        )
        shown = self._shown(lo_cp, hi_cp)
        rtl = self._block_rtl(block)
        table = paint.LineTable(layout, within)
        # a text with no character outside the BMP (most) has its UTF-16 positions at its
        # code points: no lookup per span
        to_qt = (lambda cp: cp) if self._map.length_u16 == len(self._text) else self._to_qt
        geoms = []
        for span in shown:
            for k, (a, b) in enumerate(span.pieces()):
                if a >= last or b <= first or a >= hi_cp or b <= lo_cp:
                    continue
                lo_piece, hi_piece = max(a, first), min(b, last)
                geom = piece_geometry(
                    layout,
                    span,
                    to_qt(lo_piece) - pos,
                    to_qt(hi_piece) - pos,
                    starts=a >= first,
                    ends=b <= last,
                    rtl=rtl,
                    text=self._text[lo_piece:hi_piece],
                    within=within,
                    table=table,
                )
                geom.first_piece = k == 0
                geoms.append(geom)
        return _BlockCache(within, (lo_cp, hi_cp), boxes, geoms, shown, self._spans_generation)

    def _block_marks(self, entry: _BlockCache) -> BlockMarks:
        """The marks of a block, rebuilt when a nesting row or the selection in it changed
        (adding a span can move the rows of others in its cluster)."""
        from ui.docview.paint import TagPixmaps, block_marks

        selected = self._selected or self._selected_sug
        known = self._index.levels_between(entry.first, entry.last) if entry.geoms else {}
        level = self._index.level  # (a suggestion's uuid: 0)
        levels = [
            lv if (lv := known.get(g.span.uuid)) is not None else level(g.span.uuid)
            for g in entry.geoms
        ]
        shown = selected if any(g.span.uuid == selected for g in entry.geoms) else None
        marks_key = (shown, *levels)
        if entry.marks is None or entry.marks_key != marks_key:
            ratio = self.viewport().devicePixelRatioF()
            if self._tags is None or self._tags.ratio != ratio:
                self._tags = TagPixmaps(self._style, ratio, self._patterns, self._tag_names)
            entry.marks = block_marks(
                entry.boxes, entry.geoms, levels, self._style, shown, self._tags
            )
            entry.marks_key = marks_key
        return entry.marks

    def _visible(self, rect: QRect) -> list[tuple[QPointF, QTextBlock, list[_BlockCache]]]:
        """The blocks meeting ``rect`` (viewport) with the geometry of their lines that do,
        widened by the depth of the underline rows and outlines (which reach past a line's
        box) and so by a line: a paint measures the spans of the lines it shows."""
        from ui.docview.paint import CHUNK_LINES, MAX_LEVELS

        found = []
        offset = self.contentOffset()
        margin = self._style.step * (MAX_LEVELS + 1) + self._style.pen + 4
        block = self.firstVisibleBlock()
        while block.isValid():
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > rect.bottom():
                break
            if block.isVisible() and geometry.bottom() >= rect.top():
                lines = self._block_lines(block)
                boxes = lines.boxes
                top = rect.top() - geometry.top() - margin
                bottom = rect.bottom() + 1 - geometry.top() + margin
                # the lines from the last starting above ``top`` to the last starting above
                # ``bottom`` (lines follow one another downwards)
                first = max(0, bisect.bisect_right(boxes, top, key=_BOX_Y) - 1)
                end = bisect.bisect_right(boxes, bottom, key=_BOX_Y)
                chunks = range(first // CHUNK_LINES, (max(first, end - 1)) // CHUNK_LINES + 1)
                entries = [self._chunk_geometry(block, lines, k) for k in chunks if boxes]
                if not boxes:  # a block not laid out: its spans have no lines to be on
                    entries = []
                found.append((geometry.topLeft(), block, entries))
            block = block.next()
        return found

    def set_under_tags(self, paint: Callable[[QPainter], None] | None) -> None:
        """Have ``paint`` draw on the viewport after the text and before the marks (the arc
        overlay's lines, so the label tags are drawn over them)."""
        self._under_tags = paint

    def set_band_painter(self, paint: Callable[[QPainter], None] | None) -> None:
        """Have ``paint`` draw the strip above the viewport (``_TopBand``): the painter is in
        viewport coordinates, so the strip is its y -``TOP_BAND``..0."""
        self._band.painter = paint
        self._band.update()

    def top_band(self) -> QWidget:
        """The strip above the viewport where the top line's arc lanes run (``_TopBand``):
        the arc overlay repaints it and takes the presses on its arcs."""
        return self._band

    def _place_band(self) -> None:
        viewport = self.viewport().geometry()
        self._band.setGeometry(viewport.x(), viewport.y() - TOP_BAND, viewport.width(), TOP_BAND)

    def visible_tags(self) -> list[tuple[QPointF, QPixmap]]:
        """The label tags painted in the visible blocks: (viewport position, pixmap)."""
        out: list[tuple[QPointF, QPixmap]] = []
        for origin, _block, entries in self._visible(self.viewport().rect()):
            for entry in entries:
                marks = self._block_marks(entry)
                out.extend((origin + point, pixmap) for point, pixmap in marks.tags)
        return out

    def _invisible_marks(
        self, block: QTextBlock, entries: Sequence[_BlockCache]
    ) -> list[tuple[int, str]]:
        """The invisible characters on the lines of ``entries`` (block-relative, u16)."""
        if not entries:
            return []
        pos = block.position()
        first = min(e.first for e in entries)
        last = max(e.last for e in entries)
        return [
            (self._to_qt(first + m.start()) - pos, atext.INVISIBLES[m.group()])
            for m in _INVISIBLE_RE.finditer(self._text, first, last)
        ]

    # ----- Qt event handlers -----
    def paintEvent(self, e: QPaintEvent) -> None:
        if not len(self._index) and not len(self._sugs) and not self._show_invisibles:
            super().paintEvent(e)
            if self._under_tags is not None:
                from PySide6.QtGui import QPainter

                painter = QPainter(self.viewport())
                self._under_tags(painter)
                painter.end()
            return
        from PySide6.QtGui import QPainter

        from ui.docview.paint import paint_invisibles, paint_marks, paint_tints

        visible = self._visible(e.rect())
        chunks = [
            (origin, self._block_marks(entry))
            for origin, _block, entries in visible
            for entry in entries
        ]
        painter = QPainter(self.viewport())
        for origin, marks in chunks:
            paint_tints(painter, origin, marks)
        painter.end()
        super().paintEvent(e)  # the text, drawn once over the tints
        painter = QPainter(self.viewport())
        if self._under_tags is not None:  # arc lines, under the tags so none cuts their text
            painter.save()
            self._under_tags(painter)
            painter.restore()
        for origin, marks in chunks:
            paint_marks(painter, origin, marks)
        if self._show_invisibles:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            for origin, block, entries in visible:
                if entries:
                    found = self._invisible_marks(block, entries)
                    boxes = entries[0].boxes
                    paint_invisibles(painter, origin, block.layout(), boxes, found, self._style)
        painter.end()

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        if e.oldSize().width() != e.size().width():
            self._invalidate_geometry()

    def wheelEvent(self, e: QWheelEvent) -> None:
        if not e.modifiers() & Qt.KeyboardModifier.ControlModifier:
            super().wheelEvent(e)
            return
        self._wheel += e.angleDelta().y()
        steps = int(self._wheel / 120)  # one notch = 120; touchpads send smaller steps
        if steps:
            self._wheel -= steps * 120
            self.set_zoom(self._point_size + steps)
        e.accept()

    def viewportEvent(self, e: QEvent) -> bool:
        kind = e.type()
        if kind in (QEvent.Type.Resize, QEvent.Type.Move):  # the scroll area placed it
            self._place_band()
        elif kind == QEvent.Type.ToolTip:
            from PySide6.QtGui import QHelpEvent
            from PySide6.QtWidgets import QToolTip

            help_event = cast(QHelpEvent, e)
            # a shortened tag names its label in full; elsewhere the spans under the point
            html = self.tag_tooltip(help_event.pos()) or self.tooltip_html(help_event.pos())
            if html:
                QToolTip.showText(help_event.globalPos(), html, self.viewport())
            else:
                QToolTip.hideText()
                e.ignore()
            return True
        return super().viewportEvent(e)

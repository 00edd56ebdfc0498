"""Geometry and painting of span highlights for the document view.

All x positions come from Qt's own layout of each line: where it draws the glyphs of a range
(``QTextLine.glyphRuns``), so right-to-left text, digits and Latin inside Arabic, and ligatures
are placed by Qt's bidi and shaping, never by hand. Not from ``QTextLine.cursorToX``: at the
edges of a run of the other direction than its paragraph (Latin or Western digits in an Arabic
line, Arabic in a Latin one) Qt 6.11 gives the x of the neighbouring character. Geometry is in
block-local coordinates and cached by the view per block, a few lines at a time (``CHUNK_LINES``):
a paint measures the spans on the lines it shows, so one paragraph of thousands of lines and
spans costs what its visible lines cost.

Painting happens in two passes around ``QPlainTextEdit.paintEvent``: translucent tints under the
text (the text is drawn once, on top, so glyphs and joining are untouched), then marks over it:
one underline row per nesting level, a thin bracket at each span edge (so a quote at the edge is
visibly inside or outside), a label tag under the start of each span, an outline around the
selected span, and markers for invisible characters on request. Suggestions (proposed spans,
not annotations) get none of the tint, underline or brackets: a dashed outline in the label's
colour around the text, and a lighter tag (white, dashed border, the name in the colour).
What a block paints is built once (``block_marks``, grouped by colour, tags as cached pixmaps)
and kept by the view while that block's layout, nesting rows and selection stay the same, so a
repaint of a page where every word is a span issues a few calls per colour instead of several
per span.
"""

from __future__ import annotations

import bisect
import math
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple, cast

from PySide6.QtCore import QLineF, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPen,
    QPixmap,
    QTextLayout,
    QTextLine,
)
from PySide6.QtWidgets import QPlainTextEdit

from ui.docview.colors import (
    READ_ONLY_TINT_ALPHA,
    TINT_ALPHA,
    label_color,
    mark_color,
    readable_text_color,
    tint,
)
from ui.docview.spans import ViewSpan

LEADING = QTextLine.Edge.Leading
TRAILING = QTextLine.Edge.Trailing
MAX_LEVELS = 4  # underline rows that fit under a line; deeper spans share the last row
CHUNK_LINES = 16
"""lines of a block whose span geometry and marks are made and kept together"""
INVISIBLE_COLOR = QColor("#c2185b")


class Edge(NamedTuple):
    """A span edge: the line it sits on, its x, and the direction (+1/-1) of the inside (a
    named tuple: a paint makes four for each span it measures)."""

    line: int
    x: float
    inward: float


@dataclass
class SpanGeometry:
    """Where one piece of a span is drawn inside one block (block-local coordinates)."""

    span: ViewSpan
    runs: list[tuple[int, float, float]] = field(default_factory=list)  # (line, x0, x1)
    start: Edge | None = None
    end: Edge | None = None
    first_piece: bool = False


@dataclass(frozen=True)
class LineBox:
    """Vertical metrics of one laid-out line (block-local)."""

    y: float
    ascent: float
    descent: float
    height: float
    x: float = 0.0
    width: float = 0.0
    """the line's horizontal extent (0 wide: unknown), which tags are kept within"""

    @property
    def baseline(self) -> float:
        return self.y + self.ascent

    @property
    def text_bottom(self) -> float:
        return self.y + self.ascent + self.descent


def line_boxes(layout: QTextLayout) -> list[LineBox]:
    """The vertical metrics of each line of a laid-out block."""
    boxes = []
    for i in range(layout.lineCount()):
        line = layout.lineAt(i)
        boxes.append(
            LineBox(line.y(), line.ascent(), line.descent(), line.height(), line.x(), line.width())
        )
    return boxes


def cursor_x(line: QTextLine, pos: int, edge: QTextLine.Edge = LEADING) -> float:
    """x of a cursor position's edge in a laid-out line (PySide returns ``(x, pos)``)."""
    result = cast(tuple[float, int], line.cursorToX(pos, edge))
    return result[0]


def _merge(intervals: list[tuple[float, float]]) -> list[tuple[float, float]]:
    intervals.sort()
    merged: list[tuple[float, float]] = []
    for x0, x1 in intervals:
        if merged and x0 <= merged[-1][1] + 0.5:
            merged[-1] = (merged[-1][0], max(merged[-1][1], x1))
        else:
            merged.append((x0, x1))
    return merged


@lru_cache(maxsize=8192)  # a page asks for the same words again and again
def one_run(text: str) -> int:
    """1 when ``text`` is one right-to-left run wherever it stands (strong Arabic or Hebrew
    letters with their combining marks), -1 when one left-to-right run (strong L letters and
    marks), 0 otherwise (digits, spaces, punctuation or controls, which take their direction
    from around them). Qt's bidi (UAX #9) lays such a run out as one visual stretch per line."""
    if not text:
        return 0
    kind = unicodedata.bidirectional
    first = kind(text[0])
    if first in ("R", "AL"):
        strong: tuple[str, ...] = ("R", "AL", "NSM")
        result = 1
    elif first == "L":
        strong, result = ("L", "NSM"), -1
    else:
        return 0
    for char in text[1:]:
        if kind(char) not in strong:
            return 0
    return result


def first_line_past(layout: QTextLayout, pos: int) -> int:
    """Number of the first line of a laid-out block that ends after the block-relative
    position ``pos`` (``lineCount()`` when none does): a bisection over the lines, which follow
    one another in text order, so a paragraph of thousands of lines costs a dozen lookups."""
    lo, hi = 0, layout.lineCount()
    while lo < hi:
        mid = (lo + hi) // 2
        line = layout.lineAt(mid)
        if line.textStart() + line.textLength() > pos:
            hi = mid
        else:
            lo = mid + 1
    return lo


def lines_over(layout: QTextLayout, a: int, b: int) -> Iterator[tuple[int, QTextLine]]:
    """The lines (number, line) of a laid-out block that the block-relative range ``[a, b)``
    may cover, in order: from the one holding ``a`` up to the last starting before ``b``.
    The cost is that of the lines the range covers, not of the whole block (one paragraph of
    a long document is thousands of lines and holds thousands of spans)."""
    count = layout.lineCount()
    i = first_line_past(layout, a)
    while i < count:
        line = layout.lineAt(i)
        if line.textStart() >= b:
            return
        yield i, line
        i += 1


_POSITIONS = QTextLayout.GlyphRunRetrievalFlag.RetrieveGlyphPositions
"""what ``_boxes`` has Qt fill in a glyph run: the positions alone (one per glyph, so a run
with no glyph is left out as with all of them); its bounding box comes however little is asked
for, and the glyph indexes Qt gives by default more than double the cost of a call"""


class LineTable:
    """The lines ``within`` (first, end) of a laid-out block, looked up once: each line and
    its block-relative text start and end, for the spans of a chunk to find theirs by a
    bisection over plain numbers (a paint measures some fifty spans on a dozen lines)."""

    __slots__ = ("ends", "first", "lines", "starts")

    def __init__(self, layout: QTextLayout, within: tuple[int, int]) -> None:
        self.first = within[0]
        self.lines = [layout.lineAt(i) for i in range(*within)]
        self.starts = [line.textStart() for line in self.lines]
        self.ends = [s + line.textLength() for s, line in zip(self.starts, self.lines, strict=True)]

    def over(self, a: int, b: int) -> Iterator[tuple[int, QTextLine, int, int]]:
        """(number, line, text start, text end) of the lines the block-relative range
        ``[a, b)`` may cover, in order: from the first ending after ``a`` up to the last
        starting before ``b`` (as ``lines_over``, among these lines only)."""
        starts, ends, lines = self.starts, self.ends, self.lines
        k = bisect.bisect_right(ends, a)
        while k < len(lines) and starts[k] < b:
            yield self.first + k, lines[k], starts[k], ends[k]
            k += 1


def _boxes(line: QTextLine, start: int, length: int) -> list[tuple[float, float, bool]]:
    """Where Qt draws the glyphs of the block-relative range ``[start, start + length)`` on
    ``line``: one ``(x0, x1, right_to_left)`` per glyph run (a run of one font and direction;
    its x extent is the advance of the range's part of it, as Qt's selection takes it)."""
    boxes = []
    for run in line.glyphRuns(start, length, _POSITIONS):
        rect = run.boundingRect()
        boxes.append((rect.left(), rect.right(), run.isRightToLeft()))
    return boxes


def _cluster_box(layout: QTextLayout, line: QTextLine, c: int) -> tuple[float, float, bool] | None:
    """The drawn extent and direction of the grapheme cluster at ``c`` (None: no glyph, as a
    tab, a control or the space where a line wraps)."""
    boxes = _boxes(line, c, max(layout.nextCursorPosition(c), c + 1) - c)
    if not boxes:
        return None
    return min(b[0] for b in boxes), max(b[1] for b in boxes), boxes[0][2]


def _start_edge(layout: QTextLayout, line: QTextLine, s: int, e: int, i: int) -> Edge | None:
    """The start edge of ``[s, e)`` on line ``i``: the start side, in its own direction, of
    the first cluster with a glyph (right of a right-to-left one, left of a left-to-right one)."""
    c = s
    while c < e:
        box = _cluster_box(layout, line, c)
        if box is not None:
            x0, x1, rtl = box
            return Edge(i, x1, -1.0) if rtl else Edge(i, x0, 1.0)
        c = max(layout.nextCursorPosition(c), c + 1)
    return None


def _end_edge(layout: QTextLayout, line: QTextLine, s: int, e: int, i: int) -> Edge | None:
    """The end edge of ``[s, e)`` on line ``i``: the end side, in its own direction, of the
    last cluster with a glyph."""
    c = e
    while c > s:
        c = max(s, min(layout.previousCursorPosition(c), c - 1))
        box = _cluster_box(layout, line, c)
        if box is not None:
            x0, x1, rtl = box
            return Edge(i, x0, 1.0) if rtl else Edge(i, x1, -1.0)
    return None


def _tabs(text: str, a: int) -> list[int]:
    """Block-relative UTF-16 positions of the tabs in ``text``, which starts at ``a``."""
    tabs, u16 = [], a
    for char in text:
        if char == "\t":
            tabs.append(u16)
        u16 += 2 if ord(char) > 0xFFFF else 1
    return tabs


def piece_geometry(
    layout: QTextLayout,
    span: ViewSpan,
    a: int,
    b: int,
    *,
    starts: bool,
    ends: bool,
    rtl: bool,
    text: str | None = None,
    within: tuple[int, int] | None = None,
    table: LineTable | None = None,
) -> SpanGeometry:
    """Runs and edges of the block-relative UTF-16 range ``[a, b)`` of ``span``.

    Every x is where Qt draws the glyphs (``QTextLine.glyphRuns``), never
    ``QTextLine.cursorToX``: at the edges of a run of the other direction (Latin or digits in
    an Arabic line, Arabic in a Latin one) Qt 6.11's cursor x is the neighbouring
    character's, and a highlight measured with it sat one letter off. Each edge is the start
    (end) side of the first (last) cluster drawn, in that cluster's own direction.

    ``text``, the characters of the range, lets the range be measured in one call per line
    (its glyph runs), and one that is one bidi run (``one_run``) have its edges at the two
    ends of that; without it, the range is measured one grapheme cluster at a time (the
    reference the tests hold the quick measurement to). ``within``, line numbers
    ``(first, end)``: only the runs and edges on those lines, each exactly as the whole range
    gives it (a paint measures the lines it shows, not the span's others; each line is
    measured on its own). ``table``, the ``LineTable`` of the lines ``within`` (all lines
    without it), spares looking each line up again for every span of a chunk."""
    geom = SpanGeometry(span)
    run = one_run(text) if text is not None else 0
    tabs = _tabs(text, a) if text is not None and "\t" in text else []
    if table is None:
        table = LineTable(layout, (0, layout.lineCount()) if within is None else within)
    for i, line, ls, le in table.over(a, b):
        s, e = max(a, ls), min(b, le)
        if s >= e:
            continue
        at_start, at_end = starts and s == a, ends and e >= b
        # whole grapheme clusters (a range from or to a mark inside one covers all of it:
        # its glyphs are drawn together, and Qt measures part of one wrongly)
        if not layout.isValidCursorPosition(s):
            s = max(ls, layout.previousCursorPosition(s))
        if not layout.isValidCursorPosition(e):
            e = min(le, layout.nextCursorPosition(e))
        if text is None:
            intervals = []
            c = s
            while c < e:
                box = _cluster_box(layout, line, c)
                if box is not None:
                    intervals.append((box[0], box[1]))
                c = max(layout.nextCursorPosition(c), c + 1)
        else:
            intervals = [(x0, x1) for x0, x1, _ in _boxes(line, s, e - s)]
            for tab in tabs:  # a tab has no glyph: its width is the cursor's step over it
                # (right beside text of the paragraph's direction; Qt's cursor x is off by
                # a letter beside a run of the other one)
                if s <= tab < e:
                    x_lead, x_next = cursor_x(line, tab, LEADING), cursor_x(line, tab + 1, LEADING)
                    intervals.append((min(x_lead, x_next), max(x_lead, x_next)))
        if not intervals:  # nothing drawn (a space where the line wraps, a control): the
            # cursor's place, that the span still shows (its brackets, its tag)
            x_lead = cursor_x(line, s, LEADING)
            x_trail = cursor_x(line, max(s, layout.previousCursorPosition(e)), TRAILING)
            geom.runs.append((i, min(x_lead, x_trail), max(x_lead, x_trail)))
            inward = -1.0 if rtl else 1.0
            if at_start:
                geom.start = Edge(i, x_lead, inward)
            if at_end:
                geom.end = Edge(i, x_trail, -inward)
            continue
        merged = intervals if len(intervals) == 1 else _merge(intervals)
        geom.runs.extend((i, x0, x1) for x0, x1 in merged)
        if run and len(merged) == 1:  # one stretch of one direction: its ends are the edges
            x0, x1 = merged[0]
            right, left = Edge(i, x1, -1.0), Edge(i, x0, 1.0)
            if at_start:
                geom.start = right if run > 0 else left
            if at_end:
                geom.end = left if run > 0 else right
            continue
        if at_start:
            geom.start = _start_edge(layout, line, s, e, i)
        if at_end:
            geom.end = _end_edge(layout, line, s, e, i)
    _edges_to_run_ends(geom, rtl)
    return geom


def char_under(layout: QTextLayout, line: QTextLine, x: float) -> int:
    """Block-relative position of the grapheme cluster drawn under the line-local ``x`` (one of
    the line's, the nearest when ``x`` is past its text). Qt's hit test
    (``QTextLine.xToCursor``) is checked against where the glyphs are drawn: beside a run of
    the other direction it can answer the neighbouring cluster (the space after a Latin word
    in an Arabic line gave the next Arabic letter)."""
    start, end = line.textStart(), line.textStart() + line.textLength()
    hit = line.xToCursor(x, QTextLine.CursorPosition.CursorOnCharacter)
    hit = max(start, min(hit, end - 1))
    if not layout.isValidCursorPosition(hit):
        hit = max(start, layout.previousCursorPosition(hit))
    before = max(start, layout.previousCursorPosition(hit))
    after = min(end - 1, layout.nextCursorPosition(hit))
    for c in dict.fromkeys((hit, before, after)):
        box = _cluster_box(layout, line, c)
        if box is not None and box[0] <= x < box[1]:
            return c
    return hit


def _run_of(geom: SpanGeometry, edge: Edge) -> tuple[int, float, float] | None:
    """The run (line, x0, x1) an edge sits on: the line is part of it, so two runs of one
    extent on two lines are never taken for one (nor, measuring some lines only, told apart
    differently from the whole span)."""
    for line, x0, x1 in geom.runs:
        if line == edge.line and x0 - 0.5 <= edge.x <= x1 + 0.5:
            return line, x0, x1
    return None


def _edges_to_run_ends(geom: SpanGeometry, rtl: bool) -> None:
    """Move edge brackets to the outer ends of the visual runs they belong to.

    A span's logical end can sit inside its drawn area: in "عام 2014" in an RTL line the
    trailing edge of the 4 is next to عام. Brackets mark the outside of what is drawn: when
    both edges fall in one run, the start takes the paragraph-start end (right in RTL) and the
    end the other; otherwise each takes the nearer end of its own run.
    """
    start_run = _run_of(geom, geom.start) if geom.start else None
    end_run = _run_of(geom, geom.end) if geom.end else None
    if geom.start and geom.end and start_run and start_run == end_run:
        _, x0, x1 = start_run
        first, last = (x1, x0) if rtl else (x0, x1)
        geom.start = Edge(geom.start.line, first, -1.0 if rtl else 1.0)
        geom.end = Edge(geom.end.line, last, 1.0 if rtl else -1.0)
        return
    for name, run in (("start", start_run), ("end", end_run)):
        edge = getattr(geom, name)
        if edge is None or run is None:
            continue
        _, x0, x1 = run
        near_left = abs(edge.x - x0) <= abs(edge.x - x1)
        setattr(geom, name, Edge(edge.line, x0 if near_left else x1, 1.0 if near_left else -1.0))


@dataclass(frozen=True)
class MarkStyle:
    """Sizes of the marks, derived from the document font so they scale with zoom."""

    underline_top: float  # below the baseline
    step: float
    pen: float
    tag_font: QFont
    tag_height: float

    @staticmethod
    def for_font(font: QFont) -> MarkStyle:
        fm = QFontMetricsF(font)
        em = fm.ascent() + fm.descent()
        step = max(2.5, em * 0.09)
        pen = max(1.2, em * 0.05)
        tag_font = QFont()  # the UI font: tags are interface text, not document text
        tag_height = max(10.0, fm.leading() * 0.8)
        tag_font.setPixelSize(max(8, round(tag_height * 0.78)))
        return MarkStyle(fm.descent() * 0.5, step, pen, tag_font, tag_height)


def _run_rect(box: LineBox, x0: float, x1: float, origin: QPointF) -> QRectF:
    return QRectF(origin.x() + x0, origin.y() + box.y, x1 - x0, box.ascent + box.descent)


_ZERO = QPointF()
OUTLINE_COLOR = QColor(20, 20, 20)


@dataclass
class BlockMarks:
    """Everything one block paints for its spans, in block-local coordinates, grouped so a
    paint issues one call per colour (``block_marks`` builds it; the view keeps it while the
    block's layout, its spans' nesting rows and the selection in it stay the same).

    Underlines and edge brackets of editable spans are axis-aligned bars on whole pixels,
    filled without antialiasing (sharp, and a fraction of the cost of antialiased strokes);
    read-only spans keep dashed strokes. Tags are pixmaps drawn once per label, colour and
    state (``TagPixmaps``)."""

    tints: list[tuple[QColor, list[QRectF]]] = field(default_factory=list)
    bars: list[tuple[QColor, list[QRect]]] = field(default_factory=list)
    dashes: list[tuple[QPen, list[QLineF]]] = field(default_factory=list)
    outline: list[QRectF] = field(default_factory=list)
    outline_pen: QPen = field(default_factory=QPen)
    suggested: list[tuple[QPen, list[QRectF]]] = field(default_factory=list)
    """dashed outlines of suggestions, one pen per colour"""
    tags: list[tuple[QPointF, QPixmap]] = field(default_factory=list)
    elided: list[tuple[QRectF, ViewSpan]] = field(default_factory=list)
    """the box (block-local) of each tag drawn shortened, and its span: hovering one shows
    the label in full (``SpanTextView.tag_tooltip``)"""


class TagPixmaps:
    """Label tags (rounded box, label name) drawn once per (label, colour, read-only,
    selected) at one style and device pixel ratio; a zoom makes a new cache."""

    def __init__(
        self,
        style: MarkStyle,
        ratio: float,
        patterns: Mapping[str, str] | None = None,
        names: Mapping[str, str] | None = None,
    ) -> None:
        self.style = style
        self.ratio = ratio
        self.patterns: Mapping[str, str] = patterns or {}
        """label → border pattern ("dashed", "dotted", "double"; ui.docview.looks)"""
        self.names: Mapping[str, str] = names or {}
        """label → the text its tag shows (the Arabic form in Arabic); the label itself when
        absent"""
        self._fm = QFontMetricsF(style.tag_font)
        self._cache: dict[tuple[str, str, bool, bool, bool, float], QPixmap] = {}
        self._widths: dict[str, float] = {}

    def width(self, label: str) -> float:
        """Width of a tag's box (the pixmap adds a pixel of border room on each side);
        measured once per label (a new cache comes with a zoom, names or patterns)."""
        width = self._widths.get(label)
        if width is None:
            width = self._widths[label] = (
                self._fm.horizontalAdvance(self.names.get(label, label)) + 6
            )
        return width

    def get(self, span: ViewSpan, selected: bool, width: float | None = None) -> QPixmap:
        """The tag of ``span``; ``width`` (narrower than the whole tag) shortens its name with
        an ellipsis to fit a box that wide (a line with no room for the whole tag)."""
        full = self.width(span.label)
        box = full if width is None or width >= full else float(math.floor(width))
        key = (span.label, span.color, span.read_only, selected, span.suggestion, box)
        pixmap = self._cache.get(key)
        if pixmap is None:
            pixmap = self._cache[key] = self._draw(span, selected, box)
        return pixmap

    def _draw(self, span: ViewSpan, selected: bool, width: float) -> QPixmap:
        height = self.style.tag_height
        pixmap = QPixmap(math.ceil((width + 2) * self.ratio), math.ceil((height + 2) * self.ratio))
        pixmap.setDevicePixelRatio(self.ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        rect = QRectF(1, 1, width, height)
        fill = label_color(span.color)
        border = QPen(mark_color(span.color), 1.0)
        text_color = readable_text_color(span.color)
        if span.read_only:
            fill.setAlphaF(0.45)
            border.setStyle(Qt.PenStyle.DashLine)
        if span.suggestion:  # lighter: white box, dashed border, the name in the colour
            fill = QColor(255, 255, 255, 230)
            border.setStyle(Qt.PenStyle.DashLine)
            text_color = mark_color(span.color)
        pattern = self.patterns.get(span.label, "")
        if pattern and not span.suggestion and not span.read_only:
            # the label's pattern, in the text colour so it shows against the fill
            border = QPen(text_color, 1.3, _PEN_STYLES.get(pattern, Qt.PenStyle.SolidLine))
        if selected:
            border = QPen(OUTLINE_COLOR, 1.5)
        painter.setPen(border)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 2.5, 2.5)
        if pattern == "double" and not selected and not span.suggestion and not span.read_only:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(2, 2, -2, -2), 1.5, 1.5)
        font = QFont(self.style.tag_font)
        font.setItalic(span.suggestion)
        painter.setFont(font)
        painter.setPen(text_color)
        name = self.names.get(span.label, span.label)
        if width < self.width(span.label):
            name = QFontMetricsF(font).elidedText(name, Qt.TextElideMode.ElideRight, width - 6)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, name)
        painter.end()
        return pixmap


_PEN_STYLES = {"dashed": Qt.PenStyle.DashLine, "dotted": Qt.PenStyle.DotLine}


@lru_cache(maxsize=1024)
def _tint_of(color: str, read_only: bool) -> QColor:
    """The tint of a span's colour, one ``QColor`` shared by every block's marks (which only
    paint with it, never change it)."""
    return tint(color, READ_ONLY_TINT_ALPHA if read_only else TINT_ALPHA)


@lru_cache(maxsize=1024)
def _mark_of(color: str) -> QColor:
    """The underline and bracket colour of a span's colour, shared as ``_tint_of``."""
    return mark_color(color)


def _frame(box: LineBox, half: float) -> tuple[int, int, int, int, int, int]:
    """The pixel rows (top, height) of an edge bracket's bar and of its top and bottom ticks
    on the line ``box``, as ``_bar`` rounds them."""
    top, bottom = box.y + 1, box.text_bottom - 1
    rows: list[int] = []
    for y0, y1 in ((top - half, bottom + half), (top - half, top + half)):
        a, b = round(min(y0, y1)), round(max(y0, y1))
        rows += [a, max(1, b - a)]
    a, b = round(bottom - half), round(bottom + half)
    rows += [a, max(1, b - a)]
    return rows[0], rows[1], rows[2], rows[3], rows[4], rows[5]


def _bar(x0: float, y0: float, x1: float, y1: float) -> QRect:
    """The whole-pixel rectangle covering ``[x0, x1] x [y0, y1]`` (at least one pixel)."""
    left, top = round(min(x0, x1)), round(min(y0, y1))
    right, bottom = round(max(x0, x1)), round(max(y0, y1))
    return QRect(left, top, max(1, right - left), max(1, bottom - top))


def _broken_bar(x0: float, x1: float, y: float, half: float, pattern: str) -> list[QRect]:
    """An underline from ``x0`` to ``x1`` as dashes (4 on, 3 off) or dots (2 on, 2 off)."""
    on, off = (4, 3) if pattern == "dashed" else (2, 2)
    lo, hi = round(min(x0, x1)), round(max(x0, x1))
    top, height = round(y - half), max(1, round(2 * half))
    return [QRect(x, top, min(on, hi - x), height) for x in range(lo, hi, on + off)]


def block_marks(
    boxes: Sequence[LineBox],
    geoms: Sequence[SpanGeometry],
    levels: Sequence[int],
    style: MarkStyle,
    selected: str | None,
    tags: TagPixmaps,
) -> BlockMarks:
    """The tints, underlines (one row per nesting level, ``levels[i]`` for ``geoms[i]``),
    edge brackets, tags and the selected span's outline of one block (block-local)."""
    marks = BlockMarks()
    tints: dict[str, list[QRectF]] = {}
    bars: dict[str, list[QRect]] = {}
    dashes: dict[str, list[QLineF]] = {}
    tint_colors: dict[str, QColor] = {}
    bar_colors: dict[str, QColor] = {}
    half = style.pen / 2
    suggested: dict[str, list[QRectF]] = {}
    tick_len = max(2.5, style.step)
    rows: dict[tuple[int, int], tuple[int, int]] = {}  # (line, row) -> underline top, height
    frames: dict[int, tuple[int, int, int, int, int, int]] = {}
    """line -> the pixel rows (top, height) of an edge bracket's bar, its top tick and its
    bottom tick on that line, as ``_bar`` rounds them"""
    # a suggestion's dashed outline is drawn half its pen inside its runs' ends, so the
    # stroke stays on the span's own text (QA 14: drawn a pixel outside, it half covered
    # the full stop right after والعراق.)
    inset = max(1.2, style.pen) / 2
    for g, level in zip(geoms, levels, strict=True):
        span = g.span
        if span.suggestion:
            rects = suggested.setdefault(span.color, [])
            for line, x0, x1 in g.runs:
                side = inset if x1 - x0 > 4 * inset else 0.0
                rects.append(_run_rect(boxes[line], x0, x1, _ZERO).adjusted(side, -1, -side, 1))
            if span.uuid == selected:
                for line, x0, x1 in g.runs:
                    marks.outline.append(
                        _run_rect(boxes[line], x0, x1, _ZERO).adjusted(-3, -3, 3, 3)
                    )
            continue
        key = f"{span.color}|{int(span.read_only)}"
        if key not in tint_colors:
            tint_colors[key] = _tint_of(span.color, span.read_only)
        rects = tints.setdefault(key, [])
        for line, x0, x1 in g.runs:
            rects.append(_run_rect(boxes[line], x0, x1, _ZERO))
        row = min(level, MAX_LEVELS - 1)
        edges = [e for e in (g.start, g.end) if e is not None]
        if span.read_only:
            lines = dashes.setdefault(span.color, [])
            for line, x0, x1 in g.runs:
                y = boxes[line].baseline + style.underline_top + row * style.step
                lines.append(QLineF(x0, y, x1, y))
            for edge in edges:
                box = boxes[edge.line]
                x, top, bottom = edge.x, box.y + 1, box.text_bottom - 1
                tick = edge.inward * max(2.5, style.step)
                lines.append(QLineF(x + tick, top, x, top))
                lines.append(QLineF(x, top, x, bottom))
                lines.append(QLineF(x, bottom, x + tick, bottom))
        else:
            # the bars exactly as ``_bar`` makes them, what depends on the line alone worked
            # out once per line (a page of spans makes several hundred bars)
            if span.color not in bar_colors:
                bar_colors[span.color] = _mark_of(span.color)
            filled = bars.setdefault(span.color, [])
            pattern = tags.patterns.get(span.label, "")
            for line, x0, x1 in g.runs:
                if pattern in _PEN_STYLES:  # broken into dashes or dots of the bar's height
                    y = boxes[line].baseline + style.underline_top + row * style.step
                    filled.extend(_broken_bar(x0, x1, y, half, pattern))
                elif pattern == "double":  # two thin lines
                    y = boxes[line].baseline + style.underline_top + row * style.step
                    filled.append(_bar(x0, y - half, x1, y - half / 3))
                    filled.append(_bar(x0, y + half / 3, x1, y + half))
                else:
                    under = rows.get((line, row))
                    if under is None:
                        y = boxes[line].baseline + style.underline_top + row * style.step
                        top_px = round(y - half)
                        under = rows[line, row] = (top_px, max(1, round(y + half) - top_px))
                    left, right = (round(x0), round(x1)) if x0 <= x1 else (round(x1), round(x0))
                    filled.append(QRect(left, under[0], max(1, right - left), under[1]))
            for edge in edges:
                frame = frames.get(edge.line)
                if frame is None:
                    frame = frames[edge.line] = _frame(boxes[edge.line], half)
                bar_top, bar_height, top_top, top_height, bottom_top, bottom_height = frame
                x = edge.x
                left, right = round(x - half), round(x + half)
                filled.append(QRect(left, bar_top, max(1, right - left), bar_height))
                end = x + edge.inward * tick_len
                left, right = (round(x), round(end)) if x <= end else (round(end), round(x))
                width = max(1, right - left)
                filled.append(QRect(left, top_top, width, top_height))
                filled.append(QRect(left, bottom_top, width, bottom_height))
        if span.uuid == selected:
            for line, x0, x1 in g.runs:
                marks.outline.append(_run_rect(boxes[line], x0, x1, _ZERO).adjusted(-1, -1, 1, 1))
    marks.tints = [(tint_colors[k], rects) for k, rects in tints.items()]
    marks.bars = [(bar_colors[c], rects) for c, rects in bars.items()]
    for color_name, lines in dashes.items():
        color = mark_color(color_name)
        color.setAlpha(170)
        pen = QPen(color, style.pen, Qt.PenStyle.DashLine)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        marks.dashes.append((pen, lines))
    for color_name, rects in suggested.items():
        pen = QPen(mark_color(color_name), max(1.2, style.pen), Qt.PenStyle.DashLine)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        marks.suggested.append((pen, rects))
    marks.outline_pen = QPen(OUTLINE_COLOR, max(1.5, style.pen * 1.2))
    marks.tags = _place_tags(boxes, geoms, style, selected, tags, marks.elided)
    return marks


def _place_tags(
    boxes: Sequence[LineBox],
    geoms: Sequence[SpanGeometry],
    style: MarkStyle,
    selected: str | None,
    tags: TagPixmaps,
    elided: list[tuple[QRectF, ViewSpan]] | None = None,
) -> list[tuple[QPointF, QPixmap]]:
    """Label tags under the start of each span, each kept under its own span.

    The tags of one line share it out: each span's tag may use its own run and half the gap
    to the next tagged run on either side (its share), plus what a neighbour's share has left
    over beyond the neighbour's whole tag, never the part of the neighbour's span its own tag
    needs (its whole span when its tag is wider). In that share a tag sits as near the start
    of its span as it fits; a tag wider than its share is shortened with an ellipsis (its own
    tooltip names the label in full), and one with less than ``MIN_TAG`` left is not
    drawn (the underline keeps the colour). So on a line of adjacent names whose label is
    wider than each word (an Arabic name, كيان جغرافي سياسي, under فرنسا، أستراليا، ...)
    every tag stays under its own word instead of the row of tags drifting along the line,
    the same in both directions.

    A span whose start has no measured run on its line (an extent unknown) keeps the older
    rule on that line: pushed inwards past the tags already placed, the other way when that
    would leave the line, shortened into the free stretch nearest its start when neither
    fits.

    ``elided``, when given, gets the box (block-local) and span of each shortened tag: its
    own tooltip names the label in full."""
    placed: list[tuple[QPointF, QPixmap]] = []
    lines: dict[int, list[tuple[float, float, SpanGeometry, Edge]]] = {}
    unknown: set[int] = set()
    """lines holding a start with no measured run (``_run_of``)"""
    for g in geoms:
        edge = g.start
        if edge is None or not g.first_piece:
            continue
        line, x = edge.line, edge.x
        run = _run_of(g, edge)
        if run is None:
            unknown.add(line)
            run = (line, x, x)
        wants = lines.get(line)
        if wants is None:
            wants = lines[line] = []
        wants.append((run[1], run[2], g, edge))
    for line, wants in lines.items():
        box = boxes[line]
        top = box.y + box.height - style.tag_height - 1
        if line in unknown:
            shared = _slide_line(box, [(g, e) for _, _, g, e in wants], tags)
        else:
            shared = _share_line(box, wants, tags)
        for g, x, shown in shared:
            pixmap = tags.get(g.span, g.span.uuid == selected, shown)
            placed.append((QPointF(x - 1, top - 1), pixmap))  # the pixmap's border room
            if shown is not None and elided is not None:
                box_width = math.floor(shown)  # as ``TagPixmaps.get`` draws it
                elided.append((QRectF(x, top, box_width, style.tag_height), g.span))
    return placed


def _centre(want: tuple[float, float, SpanGeometry, Edge]) -> tuple[float, float]:
    return want[0] + want[1], want[0]


def _share_line(
    box: LineBox, wants: list[tuple[float, float, SpanGeometry, Edge]], tags: TagPixmaps
) -> list[tuple[SpanGeometry, float, float | None]]:
    """(span, x, shortened width or None) of the tags of one line, ``wants`` (run's x0, x1,
    span, start edge) the spans starting on it, their runs known (``_place_tags``)."""
    if box.width > 0:
        lo, hi = box.x, box.x + box.width
    else:
        lo, hi = -math.inf, math.inf
    n = len(wants)
    if n == 1:  # alone on its line: at its start, within the line
        x0, x1, g, edge = wants[0]
        width = tags.width(g.span.label)
        shown: float | None = None
        if width > hi - lo:
            shown = width = hi - lo
            if shown < MIN_TAG:
                return []
        want = edge.x if edge.inward > 0 else edge.x - width
        return [(g, min(max(want, lo), hi - width), shown)]
    wants.sort(key=_centre)
    xs0, xs1, widths = [], [], []
    for x0, x1, g, _ in wants:
        xs0.append(x0)
        xs1.append(x1)
        widths.append(tags.width(g.span.label))
    cuts = [lo]  # the shares' boundaries, left to right
    for k in range(1, n):
        a0, b0, a1, b1 = xs0[k - 1], xs1[k - 1], xs0[k], xs1[k]
        cut = (b0 + a1) / 2 if b0 <= a1 else (a0 + b0 + a1 + b1) / 4
        cuts.append(min(max(cut, cuts[-1]), hi))
    cuts.append(hi)
    for _ in range(n):  # lend what a share has over to a neighbour short of room
        moved = False
        for k in range(1, n):
            cut = cuts[k]
            short_left = widths[k - 1] + 1 - (cut - cuts[k - 1])
            short_right = widths[k] + 1 - (cuts[k + 1] - cut)
            if short_left > 0 > short_right:
                a1, b1 = xs0[k], xs1[k]
                step = min(short_left, -short_right, b1 - min(b1 - a1, widths[k] + 1) - cut)
                if step > 0.01:
                    cuts[k] = cut + step
                    moved = True
            elif short_right > 0 > short_left:
                a0, b0 = xs0[k - 1], xs1[k - 1]
                step = min(short_right, -short_left, cut - a0 - min(b0 - a0, widths[k - 1] + 1))
                if step > 0.01:
                    cuts[k] = cut - step
                    moved = True
        if not moved:
            break
    out: list[tuple[SpanGeometry, float, float | None]] = []
    last = n - 1
    for k in range(n):
        left = cuts[k] if k == 0 else cuts[k] + 0.5
        right = cuts[k + 1] if k == last else cuts[k + 1] - 0.5
        width = widths[k]
        shown = None
        if width > right - left:
            shown = width = right - left
            if shown < MIN_TAG:
                continue
        edge = wants[k][3]
        want = edge.x if edge.inward > 0 else edge.x - width
        if want < left:
            want = left
        elif want > right - width:
            want = right - width
        out.append((wants[k][2], want, shown))
    return out


def _slide_line(
    box: LineBox, wants: Sequence[tuple[SpanGeometry, Edge]], tags: TagPixmaps
) -> list[tuple[SpanGeometry, float, float | None]]:
    """(span, x, shortened width or None) of the tags of a line where some span's extent is
    unknown (``_place_tags``): each pushed inwards past the tags placed before it."""
    out: list[tuple[SpanGeometry, float, float | None]] = []
    used: list[tuple[float, float]] = []
    for g, edge in wants:
        width = tags.width(g.span.label)
        x = edge.x if edge.inward > 0 else edge.x - width
        shown: float | None = None  # the shortened tag's width
        if box.width > 0:  # the line's extent is known: the tag stays within it
            lo, hi = box.x, box.x + box.width
            start = min(max(x, lo), hi - width)
            x = _past_tags(start, width, used, edge.inward)
            if not lo <= x <= hi - width:
                back = _past_tags(start, width, used, -edge.inward)
                if lo <= back <= hi - width:
                    x = back
                else:  # no room for the whole tag on the line: shortened, or left out
                    gap = _nearest_gap(lo, hi, used, edge.x)
                    if gap is None:
                        continue
                    shown = min(width, gap[1] - gap[0])
                    want = edge.x if edge.inward > 0 else edge.x - shown
                    x = min(max(want, gap[0]), gap[1] - shown)
        else:
            x = _past_tags(x, width, used, edge.inward)
        used.append((x, x + (width if shown is None else shown)))
        out.append((g, x, shown))
    return out


MIN_TAG = 24.0
"""the narrowest shortened tag drawn (a letter or two and the ellipsis)"""


def _nearest_gap(
    lo: float, hi: float, used: Sequence[tuple[float, float]], x: float
) -> tuple[float, float] | None:
    """The free stretch of the line ``lo``..``hi`` between the placed tags ``used`` (a pixel
    apart from each) at least ``MIN_TAG`` wide that is nearest ``x``."""
    gaps, left = [], lo
    for u0, u1 in sorted(used):
        if u0 - 1 - left >= MIN_TAG:
            gaps.append((left, u0 - 1))
        left = max(left, u1 + 1)
    if hi - left >= MIN_TAG:
        gaps.append((left, hi))
    if not gaps:
        return None
    return min(gaps, key=lambda g: 0.0 if g[0] <= x <= g[1] else min(abs(x - g[0]), abs(x - g[1])))


def _past_tags(x: float, width: float, used: Sequence[tuple[float, float]], way: float) -> float:
    """``x`` slid (rightwards when ``way`` > 0, else leftwards) past every placed tag it
    would overlap."""
    moved = True
    while moved:
        moved = False
        for u0, u1 in used:
            if x < u1 and x + width > u0:
                x = u1 + 1 if way > 0 else u0 - width - 1
                moved = True
    return x


def paint_tints(painter: QPainter, origin: QPointF, marks: BlockMarks) -> None:
    """Translucent backgrounds (under the text), outer spans' colours first."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.translate(origin)
    for color, rects in marks.tints:
        painter.setBrush(color)
        painter.drawRects(rects)
    painter.translate(-origin)


def paint_marks(painter: QPainter, origin: QPointF, marks: BlockMarks) -> None:
    """Underlines per nesting level, edge brackets, the selected span's outline and tags."""
    painter.translate(origin)
    painter.setPen(Qt.PenStyle.NoPen)
    for color, bars in marks.bars:
        painter.setBrush(color)
        painter.drawRects(bars)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for pen, lines in marks.dashes:
        painter.setPen(pen)
        painter.drawLines(lines)
    for pen, rects in marks.suggested:
        painter.setPen(pen)
        painter.drawRects(rects)
    if marks.outline:
        painter.setPen(marks.outline_pen)
        painter.drawRects(marks.outline)
    for point, pixmap in marks.tags:
        painter.drawPixmap(point, pixmap)
    painter.translate(-origin)


def paint_invisibles(
    painter: QPainter,
    origin: QPointF,
    layout: QTextLayout,
    boxes: Sequence[LineBox],
    marks: Sequence[tuple[int, str]],
    style: MarkStyle,
) -> None:
    """A dashed bar and the short name at each invisible character (block-relative u16)."""
    font = QFont(style.tag_font)
    font.setPixelSize(max(6, style.tag_font.pixelSize() - 2))
    painter.setFont(font)
    fm = QFontMetricsF(font)
    placed: list[QRectF] = []
    for pos, name in marks:
        line = layout.lineForTextPosition(pos)
        if not line.isValid():
            continue
        box = boxes[line.lineNumber()]
        x = origin.x() + cursor_x(line, pos)
        painter.setPen(QPen(INVISIBLE_COLOR, 1.2, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(x, origin.y() + box.y), QPointF(x, origin.y() + box.text_bottom))
        painter.setPen(INVISIBLE_COLOR)
        label = QRectF(x + 1, origin.y() + box.y, fm.horizontalAdvance(name) + 1, fm.height())
        while any(label.intersects(r) for r in placed):  # stack names of adjacent marks
            label.translate(0, fm.height())
        placed.append(label)
        painter.drawText(label, Qt.AlignmentFlag.AlignLeft, name)


def screen_band(view: QPlainTextEdit, first: int, last: int, margin: int) -> QRect | None:
    """The viewport band showing blocks ``first`` to ``last`` (block numbers), ``margin`` pixels
    taller each side; None when none of them is on screen. Walks the on-screen blocks only."""
    viewport, offset = view.viewport(), view.contentOffset()
    top: float | None = None
    bottom = 0.0
    block = view.firstVisibleBlock()
    while block.isValid() and block.blockNumber() <= last:
        geometry = view.blockBoundingGeometry(block).translated(offset)
        if geometry.top() > viewport.height():
            break
        if block.blockNumber() >= first:
            top = geometry.top() if top is None else top
            bottom = geometry.bottom()
        block = block.next()
    if top is None:
        return None
    return QRect(0, int(top) - margin, viewport.width(), int(bottom - top) + 2 * margin + 2)

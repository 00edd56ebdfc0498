"""Geometry and painting of span highlights for the document view.

All x positions come from Qt's own layout of each line (``QTextLine.cursorToX`` with leading
and trailing edges, one grapheme cluster at a time), so right-to-left text, digits and Latin
inside Arabic, and ligatures are placed by Qt's bidi and shaping, never by hand. Geometry is in
block-local coordinates and cached per block by the view.

Painting happens in two passes around ``QPlainTextEdit.paintEvent``: translucent tints under the
text (the text is drawn once, on top, so glyphs and joining are untouched), then marks over it:
one underline row per nesting level, a thin bracket at each span edge (so a quote at the edge is
visibly inside or outside), a label tag under the start of each span, an outline around the
selected span, and markers for invisible characters on request.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import cast

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QTextLayout, QTextLine
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
INVISIBLE_COLOR = QColor("#c2185b")


@dataclass(frozen=True)
class Edge:
    """A span edge: the line it sits on, its x, and the direction (+1/-1) of the inside."""

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
        boxes.append(LineBox(line.y(), line.ascent(), line.descent(), line.height()))
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


def _sign(value: float, fallback: float) -> float:
    if value > 0:
        return 1.0
    if value < 0:
        return -1.0
    return fallback


def piece_geometry(
    layout: QTextLayout, span: ViewSpan, a: int, b: int, *, starts: bool, ends: bool, rtl: bool
) -> SpanGeometry:
    """Runs and edges of the block-relative UTF-16 range ``[a, b)`` of ``span``."""
    geom = SpanGeometry(span)
    fallback = -1.0 if rtl else 1.0
    for i in range(layout.lineCount()):
        line = layout.lineAt(i)
        ls = line.textStart()
        s, e = max(a, ls), min(b, ls + line.textLength())
        if s >= e:
            continue
        intervals: list[tuple[float, float]] = []
        c = s
        while c < e:
            nxt = max(layout.nextCursorPosition(c), c + 1)
            x_lead = cursor_x(line, c, LEADING)
            x_trail = cursor_x(line, c, TRAILING)
            intervals.append((min(x_lead, x_trail), max(x_lead, x_trail)))
            if starts and c == a:
                geom.start = Edge(i, x_lead, _sign(x_trail - x_lead, fallback))
            if ends and nxt >= b:
                geom.end = Edge(i, x_trail, _sign(x_lead - x_trail, -fallback))
            c = nxt
        geom.runs.extend((i, x0, x1) for x0, x1 in _merge(intervals))
    _edges_to_run_ends(geom, rtl)
    return geom


def _run_of(geom: SpanGeometry, edge: Edge) -> tuple[float, float] | None:
    for line, x0, x1 in geom.runs:
        if line == edge.line and x0 - 0.5 <= edge.x <= x1 + 0.5:
            return x0, x1
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
        x0, x1 = start_run
        first, last = (x1, x0) if rtl else (x0, x1)
        geom.start = Edge(geom.start.line, first, -1.0 if rtl else 1.0)
        geom.end = Edge(geom.end.line, last, 1.0 if rtl else -1.0)
        return
    for name, run in (("start", start_run), ("end", end_run)):
        edge = getattr(geom, name)
        if edge is None or run is None:
            continue
        x0, x1 = run
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


def paint_tints(
    painter: QPainter,
    origin: QPointF,
    boxes: Sequence[LineBox],
    geoms: Sequence[SpanGeometry],
) -> None:
    """Translucent backgrounds, outer spans first so nested ones layer darker."""
    painter.setPen(Qt.PenStyle.NoPen)
    for g in geoms:
        alpha = READ_ONLY_TINT_ALPHA if g.span.read_only else TINT_ALPHA
        painter.setBrush(tint(g.span.color, alpha))
        for line, x0, x1 in g.runs:
            painter.drawRect(_run_rect(boxes[line], x0, x1, origin))


def paint_marks(
    painter: QPainter,
    origin: QPointF,
    boxes: Sequence[LineBox],
    geoms: Sequence[SpanGeometry],
    level_of: Callable[[str], int],
    style: MarkStyle,
    selected: str | None,
) -> None:
    """Underlines per nesting level, edge brackets, tags and the selected span's outline."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for g in geoms:
        color = mark_color(g.span.color)
        pen = QPen(color, style.pen)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        if g.span.read_only:
            color.setAlpha(170)
            pen = QPen(color, style.pen, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        row = min(level_of(g.span.uuid), MAX_LEVELS - 1)
        for line, x0, x1 in g.runs:
            box = boxes[line]
            y = origin.y() + box.baseline + style.underline_top + row * style.step
            painter.drawLine(QPointF(origin.x() + x0, y), QPointF(origin.x() + x1, y))
        for edge in (g.start, g.end):
            if edge is not None:
                _bracket(painter, origin, boxes[edge.line], edge, style)
        if g.span.uuid == selected:
            outline = QPen(QColor(20, 20, 20), max(1.5, style.pen * 1.2))
            painter.setPen(outline)
            for line, x0, x1 in g.runs:
                painter.drawRect(_run_rect(boxes[line], x0, x1, origin).adjusted(-1, -1, 1, 1))
    _paint_tags(painter, origin, boxes, geoms, style, selected)


def _bracket(
    painter: QPainter, origin: QPointF, box: LineBox, edge: Edge, style: MarkStyle
) -> None:
    """A thin ⌈⌊-like mark at a span edge; its ticks point into the span."""
    x = origin.x() + edge.x
    top = origin.y() + box.y + 1
    bottom = origin.y() + box.text_bottom - 1
    tick = edge.inward * max(2.5, style.step)
    painter.drawPolyline(
        [QPointF(x + tick, top), QPointF(x, top), QPointF(x, bottom), QPointF(x + tick, bottom)]
    )


def _paint_tags(
    painter: QPainter,
    origin: QPointF,
    boxes: Sequence[LineBox],
    geoms: Sequence[SpanGeometry],
    style: MarkStyle,
    selected: str | None,
) -> None:
    """Label tags under the start of each span, pushed inwards when they would overlap."""
    painter.setFont(style.tag_font)
    fm = QFontMetricsF(style.tag_font)
    taken: dict[int, list[tuple[float, float]]] = {}
    for g in geoms:
        if g.start is None or not g.first_piece:
            continue
        box = boxes[g.start.line]
        text = g.span.label
        width = fm.horizontalAdvance(text) + 6
        x = g.start.x if g.start.inward > 0 else g.start.x - width
        used = taken.setdefault(g.start.line, [])
        moved = True
        while moved:  # slide inwards past any tag already placed on this line
            moved = False
            for u0, u1 in used:
                if x < u1 and x + width > u0:
                    x = u1 + 1 if g.start.inward > 0 else u0 - width - 1
                    moved = True
        used.append((x, x + width))
        top = box.y + box.height - style.tag_height - 1
        rect = QRectF(origin.x() + x, origin.y() + top, width, style.tag_height)
        fill = label_color(g.span.color)
        border = QPen(mark_color(g.span.color), 1.0)
        if g.span.read_only:
            fill.setAlphaF(0.45)
            border.setStyle(Qt.PenStyle.DashLine)
        if g.span.uuid == selected:
            border = QPen(QColor(20, 20, 20), 1.5)
        painter.setPen(border)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 2.5, 2.5)
        painter.setPen(readable_text_color(g.span.color))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    painter.setBrush(Qt.BrushStyle.NoBrush)


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

"""Arcs between spans: event arguments (trigger → argument) and relations (Arg1 → Arg2).

``ArcOverlay`` is a transparent child of the document view's viewport. It never edits the
view; it reads span positions from the view's own text layout (where Qt draws the glyphs,
through ``ui.docview.paint.piece_geometry``), so every x comes from Qt's bidi and shaping. An arc is
drawn from the trigger toward the argument as they appear on screen: in a right-to-left line
an argument that follows its trigger lies to its left, and the arrow points left (brat#1132
drew such arcs in reversed order, docs/design/arabic.md item 9).

Layout: each arc rises from the top of its source span to a lane just above the line, runs
along the lane and comes down on the target span with an arrowhead; the role (or relation type)
is written on the lane. Lanes are stacked so nested arcs do not overlap (narrow arcs lowest),
in the gap between the line and the glyphs of the line above (measured on the layout, so at
every zoom): 6 pixels apart where it holds them, closer where it does not (down to 3), and the
lanes that still do not fit share the highest (``arcs_geometry.lane_ys``); the labels on them
keep within the gap too. At the default size the gap is some 17.7 pixels (the font's line gap,
``ui.docview.fonts.LINE_GAP_EM``): three lanes 6 apart, six 3 apart.
The line at the top of the view (the document's first line, or the line scrolled there) has its
lanes in the strip the view keeps above its viewport (``ui.docview.text_view.TOP_BAND``),
painted by ``_paint_band``, where presses on its arcs are taken too: they stay off the text
below as every other line's do. An arc between adjacent lines goes up to the lane of the source
line, along it to a vertical halfway between the two spans and along the target line's lane to
the target. An arc whose ends are further apart (lines of text between them, or an end scrolled
off screen) goes along the source line's lane out to the margin at the end side of the source's
paragraph (the left margin for right-to-left text, the right one for left-to-right), down or up
the margin and in again along the target line's lane: lanes lie between lines and the margin
beside them, so it crosses no text. The end side, not the start: every line of a paragraph
begins at its start edge, where the eye goes back at each line, while its end edge is ragged
and a paragraph's last line leaves room there. Only arcs whose text range meets the visible
text are computed and painted.

The arcs of the selected event (the view's outlined span is its trigger) and the relations of
the selected span are drawn emphasised, and the selected event's argument spans are outlined.
Every line is painted under the label tags (a lane runs through the tag row of the line
above, and a line over a tag cut its text); the emphasised arcs' labels and outlines are
painted over them, the outlines broken where another arc's label lies (it stays readable).

Labels: lanes are 3 to 6 pixels apart and a label some 12 tall, so the labels of nested arcs would
cover one another. The viewport's labels are placed together once its arcs are laid out
(``ui.docview.arcs_geometry.resolve_labels``): each on its own arc's lane run, slid along it or
moved a few pixels up or down (the lane still through it), off the tags, the selected event's
outlines and every other label; where its run has no room, beside the run along its lane;
where no label order leaves it a free place whole (a small zoom puts more arcs on a line),
shortened with an ellipsis to fit one on its own run.
"""

from __future__ import annotations

import bisect
import itertools
import operator
from collections.abc import Callable, Mapping, Sequence
from typing import cast

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QRegion,
    QTextBlock,
)
from PySide6.QtWidgets import QWidget

from annotator.text import OffsetMap
from ui.docview.arcs_geometry import (
    LABEL_PAD,
    LABEL_SLIDE,
    LANE_STEP,
    MAX_LANES,
    Anchor,
    ArcShape,
    Box,
    LabelSpot,
    Link,
    Plan,
    Route,
    Run,
    Segment,
    StartIndex,
    assign_lanes,
    distance_to_polyline,
    label_groups,
    label_rows,
    lane_ys,
    least_label_width,
    resolve_labels,
    route,
    shortened_label,
)
from ui.docview.colors import mark_color
from ui.docview.paint import piece_geometry
from ui.docview.spans import SpanIndex
from ui.docview.text_view import TOP_BAND
from ui.docview.view import DocumentView, ViewSpan

__all__ = ["LANE_STEP", "MAX_LANES", "Anchor", "ArcOverlay", "ArcShape", "Link"]

ARROW = 6.0
MARGIN = 3.0
LABEL_BG = QColor(255, 255, 255, 225)
HIT = 4.0
"""how near (pixels) a press must come to an arc's line to take it"""
ROUTES_KEPT = 20_000
"""routed arcs kept per layout (a few hundred per screen)"""
DIM = 0.4
"""how far the arcs of other events are faded toward white"""
OUTLINE = 3.0
"""how far an argument's dashed outline (and its pen) reaches out of the span's box"""

_SOURCE = operator.attrgetter("source")
_TARGET = operator.attrgetter("target")
_LABEL = operator.attrgetter("label")
_COLOR = operator.attrgetter("color")
_FIRST = operator.itemgetter(0)
_SECOND = operator.itemgetter(1)


def _shifted(shape: ArcShape, dy: float) -> ArcShape:
    """The same arc ``dy`` pixels lower (a scroll moved both its ends)."""
    return ArcShape(
        shape.link,
        shape.start + QPointF(0, dy),
        shape.end + QPointF(0, dy),
        shape.path.translated(0, dy),
        shape.label_rect.translated(0, dy),
        shape.emphasised,
        shape.arrow.translated(0, dy),
    )


class _Drawn:
    """Laid-out arcs, with their paths grouped by colour and style once (on first paint)."""

    __slots__ = ("_band", "_groups", "shapes")

    def __init__(self, shapes: list[ArcShape]) -> None:
        self.shapes = shapes
        self._groups: dict[tuple[str, bool, bool], tuple[QPainterPath, QPainterPath]] | None
        self._groups = None
        self._band: _Drawn | None = None

    def band(self) -> _Drawn:
        """The arcs reaching above the viewport (into the view's top band): the lanes of the
        line at the top of the view and the arcs coming down to it."""
        if self._band is None:
            self._band = _Drawn(
                [
                    s
                    for s in self.shapes
                    if s.path.boundingRect().top() < 0 or s.label_rect.top() < 0
                ]
            )
        return self._band

    def groups(self) -> dict[tuple[str, bool, bool], tuple[QPainterPath, QPainterPath]]:
        """(line paths, arrow paths) per (colour, emphasised, relation)."""
        if self._groups is None:
            groups: dict[tuple[str, bool, bool], tuple[QPainterPath, QPainterPath]] = {}
            for shape in self.shapes:
                key = (shape.link.color, shape.emphasised, shape.link.relation)
                if key not in groups:
                    groups[key] = (QPainterPath(), QPainterPath())
                lines, arrows = groups[key]
                lines.addPath(shape.path)
                if not shape.arrow.isEmpty():
                    arrows.addPath(shape.arrow)
            self._groups = groups
        return self._groups


class _Boxes:
    """Label tag boxes by row (the tags of a line share their top), each row sorted by left
    edge, for "which tags lie near here" lookups: a few bisections, not a scan of the page."""

    __slots__ = ("_rows", "_tops")

    def __init__(self, boxes: list[Box]) -> None:
        rows: dict[float, list[Box]] = {}
        for b in boxes:
            rows.setdefault(b[1], []).append(b)
        self._tops = sorted(rows)
        self._rows: list[tuple[float, float, list[float], list[Box]]] = []
        for top in self._tops:
            row = sorted(rows[top])
            widest = max(b[2] - b[0] for b in row)
            bottom = max(b[3] for b in row)
            self._rows.append((bottom, widest, [b[0] for b in row], row))

    def near(self, x0: float, x1: float, y0: float, y1: float) -> list[Box]:
        """The boxes meeting the band ``x0..x1`` × ``y0..y1`` (grown by 20 pixels)."""
        x0, x1, y0, y1 = x0 - 20, x1 + 20, y0 - 20, y1 + 20
        out: list[Box] = []
        for k in range(bisect.bisect_left(self._tops, y1)):
            bottom, widest, lefts, row = self._rows[k]
            if bottom <= y0:
                continue
            lo = bisect.bisect_left(lefts, x0 - widest)
            hi = bisect.bisect_right(lefts, x1)
            out.extend(b for b in row[lo:hi] if b[2] > x0 and b[1] < y1 and b[3] > y0)
        return out


class ArcOverlay(QWidget):
    """Transparent overlay over ``view``'s viewport that paints arcs for ``Link`` records.

    Mouse events go through to the view; the overlay watches the viewport's presses and
    context menu requests and takes those that land on an arc (within ``HIT`` pixels of its
    line, or on its label): ``arcClicked(uuid)`` for a left press, ``arcContextMenu(uuid,
    global position)`` for a context menu. Everywhere else the view gets them as before."""

    arcClicked = Signal(str)
    arcContextMenu = Signal(str, QPoint)

    def __init__(self, view: DocumentView) -> None:
        super().__init__(view.viewport())
        self.view = view
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._links: list[Link] = []
        self._spans: dict[str, tuple[int, int]] = {}
        self._index = SpanIndex()
        self._by_source: dict[str, list[Link]] = {}
        self._starts = StartIndex({})
        self._last_anchors: dict[str, Anchor] = {}
        self._map = OffsetMap("")
        self._map_text = ""
        self._anchors: dict[str, Anchor | None] = {}
        self._anchor_key: tuple[object, ...] = ()
        self._shown = True
        self._colors: dict[tuple[str, bool], QColor] = {}
        self._widths: dict[str, float] = {}
        self._least: dict[str, float] = {}  # least_label_width of each label
        self._cache: tuple[tuple[object, ...], _Drawn] | None = None
        self._version = 0
        self._labels: dict[tuple[str, str, bool, float], QPixmap] = {}
        self._boxes: _Boxes | None = None
        self._routes: dict[tuple[object, ...], tuple[ArcShape, LabelSpot | None, float]] = {}
        self._route_generation: tuple[object, ...] = ()
        self._placed: dict[tuple[object, ...], tuple[float, list[Box]]] = {}
        self._band_drawn: _Drawn | None = None
        self.font_ = QFont()
        self.font_.setPixelSize(10)
        self._fm = QFontMetricsF(self.font_)
        self._label_h = self._fm.height()
        view.set_under_tags(self._paint_under_tags)
        view.set_band_painter(self._paint_band)
        view.viewport().installEventFilter(self)
        view.top_band().installEventFilter(self)
        view.verticalScrollBar().valueChanged.connect(self._follow)
        view.horizontalScrollBar().valueChanged.connect(self._follow)
        self._follow()
        self.show()

    # -- data ----------------------------------------------------------------------------
    def set_links(self, links: Sequence[Link], spans: Mapping[str, tuple[int, int]]) -> None:
        """Show these arcs; ``spans`` gives each span uuid its (start, end) code points."""
        self._spans = placed = dict(spans)
        self._links = shown = [x for x in links if x.source in placed and x.target in placed]
        self._by_source = {}
        for link in shown:
            self._by_source.setdefault(link.source, []).append(link)
        # each arc's range: from the first start to the last end of its two spans (in a few
        # passes over the arcs, a thousand events' two thousand at a time)
        sources = list(map(placed.__getitem__, map(_SOURCE, shown)))
        targets = list(map(placed.__getitem__, map(_TARGET, shown)))
        starts = list(map(min, map(_FIRST, sources), map(_FIRST, targets)))
        ends = list(map(max, map(_SECOND, sources), map(_SECOND, targets)))
        self._index = SpanIndex(list(map(ViewSpan, map(str, range(len(shown))), starts, ends,
                                         map(_LABEL, shown), map(_COLOR, shown))))  # fmt: skip
        uuids = set(map(_SOURCE, shown)).union(map(_TARGET, shown))
        self._starts = StartIndex({u: placed[u][0] for u in uuids})
        self._anchors.clear()
        self._version += 1
        self._repaint()

    def links(self) -> list[Link]:
        return list(self._links)

    def set_shown(self, shown: bool) -> None:
        """Show or hide every arc (View menu)."""
        self._shown = shown
        self.setVisible(shown)
        self.view.top_band().update()

    # -- geometry ------------------------------------------------------------------------
    def _follow(self, *_: object) -> None:
        # QPlainTextEdit scrolls its viewport with QWidget.scroll, which moves child widgets
        # too: put the overlay back over the whole viewport and redraw.
        self.setGeometry(self.view.viewport().rect())
        self._repaint()

    def _repaint(self) -> None:
        # Through the viewport, never the overlay alone: most of the arcs are painted by the
        # viewport (under the tags), and the viewport's repaint paints this child in the same
        # pass. An update of the overlay itself (a transparent widget) makes Qt compose the
        # region from the window down, so when the viewport was dirty too (a new layer) the
        # viewport was painted twice in one repaint: once on its own, once under the overlay.
        self.view.viewport().update()
        self.view.top_band().update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        viewport, band = self.view.viewport(), self.view.top_band()
        if watched is not viewport and watched is not band:
            return False
        # a press in the band above the viewport: its point in viewport coordinates
        dy = 0.0 if watched is viewport else float(band.y() - viewport.y())
        kind = event.type()
        if kind == QEvent.Type.Resize and watched is viewport:
            self._follow()
        elif kind == QEvent.Type.MouseButtonPress and self._shown and self._links:
            press = cast(QMouseEvent, event)
            if press.button() == Qt.MouseButton.LeftButton:
                uuid = self.arc_at(press.position() + QPointF(0, dy))
                if uuid:
                    self.arcClicked.emit(uuid)
                    return True
        elif kind == QEvent.Type.ContextMenu and self._shown and self._links:
            menu = cast(QContextMenuEvent, event)
            uuid = self.arc_at(QPointF(menu.pos()) + QPointF(0, dy))
            if uuid:
                self.arcContextMenu.emit(uuid, menu.globalPos())
                return True
        elif kind == QEvent.Type.ToolTip and self._shown and self._links:
            from PySide6.QtGui import QHelpEvent
            from PySide6.QtWidgets import QToolTip

            help_event = cast(QHelpEvent, event)
            full = self.shortened_label_at(QPointF(help_event.pos()) + QPointF(0, dy))
            if full:
                from ui.i18n import plain_tooltip

                QToolTip.showText(help_event.globalPos(), plain_tooltip(full), watched)
                return True
        return False

    def shortened_label_at(self, point: QPointF) -> str:
        """The whole text of the arc label drawn shortened (with an ellipsis,
        ``resolve_labels``) under ``point`` (viewport coordinates); "" when there is none:
        its tooltip."""
        for shape in reversed(self._layout().shapes):
            rect = shape.label_rect
            label = shape.link.label
            if rect.contains(point) and self._shown_label(label, rect.width()) != label:
                return label
        return ""

    def arc_at(self, point: QPointF, tolerance: float = HIT) -> str:
        """The uuid of the arc under ``point`` (viewport coordinates): a label it lies on, else
        the line nearest to it within ``tolerance`` pixels; the selected event's arcs, drawn
        on top, win a tie. "" when no arc is there. Labels are asked in the reverse of their
        paint order (``_paint_labels``: the selected event's last, each tier in list order), so
        where one label lies over another the one seen is the one taken."""
        shapes = self._layout().shapes
        for shape in sorted(reversed(shapes), key=lambda s: not s.emphasised):
            if shape.label_rect.contains(point):
                return shape.link.uuid
        best, found = tolerance, ""
        xy = (point.x(), point.y())
        for shape in shapes:
            path = shape.path
            points = [
                (path.elementAt(i).x, path.elementAt(i).y) for i in range(path.elementCount())
            ]
            distance = distance_to_polyline(xy, points) - (0.5 if shape.emphasised else 0.0)
            if distance <= best:
                best, found = distance, shape.link.uuid
        return found

    def _layout_key(self) -> tuple[object, ...]:
        option = self.view.document().defaultTextOption()
        return (
            self.view.viewport().width(),
            self.view.font().pointSizeF(),
            option.textDirection(),
            option.flags(),
            self.view.document().revision(),
        )

    def _offsets(self) -> OffsetMap:
        text = self.view.text()
        if text is not self._map_text:
            self._map, self._map_text = OffsetMap(text), text
        return self._map

    def _visible_blocks(self) -> list[tuple[QTextBlock, QPointF]]:
        view, out = self.view, []
        offset = view.contentOffset()
        height = view.viewport().height()
        block = view.firstVisibleBlock()
        while block.isValid():
            geometry = view.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > height:
                break
            if block.isVisible():
                out.append((block, geometry.topLeft()))
            block = block.next()
        return out

    def _local_anchor(self, uuid: str, block: QTextBlock) -> Anchor | None:
        """Block-local anchor of a span starting in ``block`` (cached while the layout holds)."""
        if uuid in self._anchors:
            return self._anchors[uuid]
        start, end = self._spans[uuid]
        omap = self._offsets()
        pos = block.position()
        layout = block.layout()
        if layout.lineCount() == 0:
            return None
        a = omap.to_u16(start) - pos
        b = min(omap.to_u16(end), pos + block.length() - 1) - pos
        if b <= a:
            b = a + 1
        rtl = block.textDirection() == Qt.LayoutDirection.RightToLeft
        covered = self.view.text()[start : omap.to_cp(pos + b)]
        span = ViewSpan(uuid, start, end, "", "")
        geom = piece_geometry(layout, span, a, b, starts=True, ends=True, rtl=rtl, text=covered)
        if not geom.runs:
            return None
        first_line = min(line for line, _, _ in geom.runs)
        xs = [(x0, x1) for line, x0, x1 in geom.runs if line == first_line]
        line = layout.lineAt(first_line)
        x0, x1 = min(x0 for x0, _ in xs), max(x1 for _, x1 in xs)
        anchor = Anchor(
            block.blockNumber(),
            first_line,
            line.y(),
            x0,
            x1,
            line.y() + line.ascent() + line.descent(),
            (x0 + x1) / 2,
            self._room(block, first_line),
        )
        self._anchors[uuid] = anchor
        return anchor

    def _room(self, block: QTextBlock, k: int) -> float:
        """The height between the bottom of the glyphs of the line before line ``k`` of
        ``block`` (in the layout: the same block's, or the previous block's last) and the top
        of line ``k``: the gap its lanes run in. Infinite for the document's first line."""
        layout = block.layout()
        top = layout.lineAt(k).y()
        if k > 0:
            above = layout.lineAt(k - 1)
            return top - (above.y() + above.ascent() + above.descent())
        previous = block.previous()
        while previous.isValid() and (
            not previous.isVisible() or not previous.layout().lineCount()
        ):
            previous = previous.previous()
        if not previous.isValid():
            return float("inf")
        view = self.view
        here = view.blockBoundingGeometry(block).top()
        there = view.blockBoundingGeometry(previous).top()
        prev_layout = previous.layout()
        above = prev_layout.lineAt(prev_layout.lineCount() - 1)
        return here + top - (there + above.y() + above.ascent() + above.descent())

    @staticmethod
    def _ceiling(anchor: Anchor) -> float:
        """How high the lanes of ``anchor``'s line may rise (viewport y): to the bottom of the
        previous line's glyphs when that line shows in the viewport, else (the line at the
        top of the view) to the top of the view's band above the viewport. A line scrolled
        above the viewport keeps the gap the layout gives it."""
        below_text = anchor.top - anchor.room
        if below_text > 0 or anchor.top < 0:  # the line above shows, or this one does not
            return below_text
        return float(-TOP_BAND)

    def anchors(self) -> dict[str, Anchor]:
        """Viewport anchors of the spans (with arcs) that start in visible blocks."""
        key = self._layout_key()
        if key != self._anchor_key:
            self._anchors.clear()
            self._anchor_key = key
        omap = self._offsets()
        out: dict[str, Anchor] = {}
        for block, origin in self._visible_blocks():
            dx, dy = origin.x(), origin.y()
            first = omap.to_cp(block.position())
            last = omap.to_cp(block.position() + block.length())
            for uuid in self._starts.get_range(first, last):
                local = self._local_anchor(uuid, block)
                if local is not None:
                    out[uuid] = local.moved(dx, dy)
        return out

    def span_rect(self, uuid: str) -> QRectF | None:
        """Viewport rectangle of a span's first visual run (None when not visible)."""
        anchor = self.anchors().get(uuid)
        return anchor.rect() if anchor else None

    def _visible_range(self) -> tuple[int, int, int, int]:
        """(first cp, end cp, first block number, last block number) of the visible text."""
        blocks = self._visible_blocks()
        if not blocks:
            return 0, 0, 0, -1
        omap = self._offsets()
        first, last = blocks[0][0], blocks[-1][0]
        return (
            omap.to_cp(first.position()),
            omap.to_cp(last.position() + last.length()),
            first.blockNumber(),
            last.blockNumber(),
        )

    def shapes(self) -> list[ArcShape]:
        """The arcs that meet the visible text, laid out for painting (also used by tests).

        Reused while nothing they depend on changed (a blinking caret repaints often)."""
        return self._layout().shapes

    def _layout(self) -> _Drawn:
        key = (
            self._version,
            self._layout_key(),
            self.size(),
            self.view.contentOffset(),
            self.view.firstVisibleBlock().blockNumber(),
            self.view.selected(),
        )
        if self._cache is not None and self._cache[0] == key:
            return self._cache[1]
        drawn = _Drawn(self._compute_shapes())
        self._cache = (key, drawn)
        return drawn

    def _compute_shapes(self) -> list[ArcShape]:
        self._last_anchors = {}
        if not self._links:
            return []
        vs, ve, _, _ = self._visible_range()
        links = self._links
        visible = [links[int(v.uuid)] for v in self._index.intersecting(vs, max(ve, vs + 1))]
        if not visible:
            return []
        self._last_anchors = self.anchors()
        selected = self.view.selected() or ""
        owners = {x.owner for x in self._by_source.get(selected, []) if x.owner}

        def emphasised(link: Link) -> bool:
            return bool(selected) and (
                link.owner in owners or (link.relation and selected in (link.source, link.target))
            )

        return self._viewport_shapes(visible, vs, emphasised)

    def _viewport_shapes(
        self, visible: list[Link], vs: int, emphasised: Callable[[Link], bool]
    ) -> list[ArcShape]:
        """Plans, lanes and shapes of the visible arcs (viewport coordinates)."""
        anchors = self._last_anchors
        height = float(self.height())
        spans = self._spans
        segments: list[Segment] = []
        plans: list[Plan] = []
        for k, link in enumerate(visible):
            src, dst = anchors.get(link.source), anchors.get(link.target)
            if src and dst and src.block == dst.block and src.line == dst.line:
                segments.append(Segment(k, "src", (src.block, src.line), src.cx, dst.cx))
                plans.append(Plan(src, dst, True))
                continue
            # between adjacent lines the vertical runs halfway between the two ends; between
            # lines further apart (or to an end off screen) in the margin, beside the text
            if src and dst and self._adjacent(src, dst):
                side, margin = (src.cx + dst.cx) / 2, False
            else:
                side, margin = self._margin_x(spans[link.source][0]), True
            # an end off screen: from above the top band, or from under the viewport
            above = -TOP_BAND - 20.0
            ys = src.top if src else (above if spans[link.source][0] < vs else height + 20)
            yt = dst.top if dst else (above if spans[link.target][0] < vs else height + 20)
            if src:
                segments.append(Segment(k, "src", (src.block, src.line), src.cx, side))
            if dst:
                segments.append(Segment(k, "dst", (dst.block, dst.line), side, dst.cx))
            plans.append(Plan(src, dst, False, side, ys, yt, margin))
        lanes = assign_lanes(segments)
        # each line's lane heights, from the room above it (``lane_ys``)
        counts: dict[tuple[int, int], int] = {}
        for seg in segments:
            lane = lanes[(seg.shape_index, seg.end)] + 1
            if counts.get(seg.line_key, 0) < lane:
                counts[seg.line_key] = lane
        heights: dict[tuple[int, int], list[float]] = {}

        def lane_y(anchor: Anchor, lane: int) -> float:
            key = (anchor.block, anchor.line)
            ys = heights.get(key)
            if ys is None:
                ys = heights[key] = lane_ys(anchor.top, self._ceiling(anchor), counts[key])
            return ys[min(lane, len(ys) - 1)]

        self._boxes = None
        generation = (self._version, self._anchor_key, self.view.marks_generation(), self.width())
        if generation != self._route_generation or len(self._routes) > ROUTES_KEPT:
            self._routes.clear()
            self._placed.clear()
            self._route_generation = generation
        routes = self._routes
        out: list[ArcShape] = []
        spots: list[tuple[LabelSpot | None, float, tuple[object, ...] | None]] = []
        for k, link in enumerate(visible):
            plan, emph = plans[k], emphasised(link)
            src, dst = plan.src, plan.dst
            y_s = lane_y(src, lanes[(k, "src")]) if src else plan.ys
            if plan.same_line or dst is None:
                y_t = y_s if plan.same_line else plan.yt
            else:
                y_t = lane_y(dst, lanes[(k, "dst")])
            if src is None or dst is None:  # one end off screen: depends on the scroll
                shape, spot = self._build(link, emph, plan, y_s, y_t)
                out.append(shape)
                spots.append((spot, 0.0, None))
                continue
            # Both ends shown: the route is the same at every scroll position that shows them
            # with the same lanes, moved up or down; it is routed once per layout.
            key = (link.uuid, emph, round(y_s - src.top, 2), round(y_t - dst.top, 2),
                   round(dst.top - src.top, 2), round(src.x0, 2))  # fmt: skip
            hit = routes.get(key)
            dy = 0.0
            if hit is None:
                shape, spot = self._build(link, emph, plan, y_s, y_t)
                routes[key] = (shape, spot, src.top)
            else:
                shape, spot, top = hit
                if top != src.top:
                    dy = src.top - top
                    shape = _shifted(shape, dy)
            out.append(shape)
            spots.append((spot, dy, key))
        return self._placed_labels(out, spots)

    def _placed_labels(
        self,
        shapes: list[ArcShape],
        spots: list[tuple[LabelSpot | None, float, tuple[object, ...] | None]],
    ) -> list[ArcShape]:
        """The shapes with their labels placed together (``resolve_labels``): each on its own
        arc's lane run, off the tags, the selected event's outlines and one another; the
        shapes it moves are copies (the cached ones stay). ``spots`` holds each label's spot
        as routed, how far the scroll has moved it since, and its route's key (None when not
        cached: an end off screen).

        A label's place depends on its neighbours, so the viewport's labels are placed
        together, in groups that cannot meet (``label_groups``: the lanes of a line, or of
        lines so close that their lanes' labels could meet): a group made of the same labels
        the same distances apart (a line seen at another scroll position) takes its places
        from the last time, moved; only new groups are placed."""
        bounds = (1.0, self.width() - 1.0)
        rows = []
        for spot, dy, _key in spots:
            rows.append([(a + dy, b + dy) for a, b in label_rows(spot)] if spot else [])
        boxes: list[Box] = [(0.0, 0.0, 0.0, 0.0)] * len(spots)
        placed = self._placed
        if len(placed) > ROUTES_KEPT:
            placed.clear()
        for group in label_groups(rows):
            ref = rows[group[0]][0][0]
            key = tuple((self._spot_key(shapes[i], *spots[i]), round(rows[i][0][0] - ref, 2))
                        for i in group)  # fmt: skip
            hit = placed.get(key)
            if hit is None:
                shifted = []
                for i in group:
                    spot, dy, _key = spots[i]
                    shifted.append(spot.shifted(dy) if spot is not None and dy else spot)
                found = resolve_labels(shifted, bounds)
                placed[key] = (ref, found)
                for i, b in zip(group, found, strict=True):
                    boxes[i] = b
            else:
                was, found = hit
                d = ref - was
                for i, (x0, y0, x1, y1) in zip(group, found, strict=True):
                    boxes[i] = (x0, y0 + d, x1, y1 + d)
        out = []
        for shape, (x0, y0, x1, y1) in zip(shapes, boxes, strict=True):
            rect = shape.label_rect
            if rect.left() != x0 or rect.top() != y0 or rect.right() != x1:
                rect = QRectF(x0, y0, x1 - x0, y1 - y0) if x1 > x0 else QRectF()
                shape = ArcShape(shape.link, shape.start, shape.end, shape.path, rect,
                                 shape.emphasised, shape.arrow)  # fmt: skip
            out.append(shape)
        return out

    @staticmethod
    def _spot_key(
        shape: ArcShape, spot: LabelSpot | None, _dy: float, route: tuple[object, ...] | None
    ) -> object:
        """What a label's place among others depends on, but for where the scroll put it: its
        route's key, or for an arc with an end off screen (routed at each scroll, its run on
        the line that shows the same) the arc, its run and how many tags it keeps off."""
        if route is not None or spot is None:
            return route
        run = spot.runs[0]
        return (shape.link.uuid, spot.rank, round(run.x0, 2), round(run.x1, 2), len(spot.avoid))

    def _adjacent(self, a: Anchor, b: Anchor) -> bool:
        """Whether two anchors are on adjacent lines (no line of text between them)."""
        (ub, ul), (lb, ll) = sorted(((a.block, a.line), (b.block, b.line)))
        if ub == lb:
            return ll - ul == 1
        if lb != ub + 1 or ll != 0:
            return False
        return ul == self.view.document().findBlockByNumber(ub).layout().lineCount() - 1

    def _margin_x(self, cp: int) -> float:
        """The x of the margin an arc from a span starting at code point ``cp`` runs along
        between lines far apart: the middle of the document margin at the end side of the
        span's paragraph (left when it reads right to left), outside every line's text."""
        document = self.view.document()
        block = document.findBlock(self._offsets().to_u16(cp))
        half = document.documentMargin() / 2
        left = self.view.contentOffset().x()
        if block.textDirection() == Qt.LayoutDirection.RightToLeft:
            return left + half
        return left + self.view.viewport().width() - half

    def _tag_boxes(self) -> _Boxes:
        """The label tags painted in the visible blocks (viewport boxes, sorted by x), built
        when the first arc of a paint has to be routed."""
        if self._boxes is not None:
            return self._boxes
        boxes = []
        for point, pixmap in self.view.visible_tags():
            ratio = pixmap.devicePixelRatio() or 1.0
            x, y = point.x(), point.y()
            boxes.append((x, y, x + pixmap.width() / ratio, y + pixmap.height() / ratio))
        self._boxes = _Boxes(boxes)
        return self._boxes

    def _outlines(self, owner: str) -> list[Box]:
        """The boxes of the outlines drawn around the spans of the emphasised event ``owner``
        (its arguments' dashed outlines and its trigger's selection outline), which its role
        labels keep off."""
        anchors = self._last_anchors
        out: list[Box] = []
        for link in self._by_source.get(self.view.selected() or "", []):
            if link.owner != owner:
                continue
            for uuid in (link.source, link.target):
                anchor = anchors.get(uuid)
                if anchor is not None:
                    r = anchor.rect().adjusted(-OUTLINE, -OUTLINE, OUTLINE, OUTLINE)
                    out.append((r.left(), r.top(), r.right(), r.bottom()))
        return out

    def _build(
        self, link: Link, emphasised: bool, plan: Plan, y_s: float, y_t: float
    ) -> tuple[ArcShape, LabelSpot | None]:
        """The path, endpoints, arrow and label rectangle of one arc (``route``), and where its
        label may go (``resolve_labels`` places it among the others; the rectangle here is
        the middle of its run). ``y_s`` and ``y_t`` are the y of its lanes on the source's and
        the target's lines (``lane_ys``: just above each line, stacked upwards in the gap
        under the line above, or for the line at the top of the view in the view's top band,
        ``ui.docview.text_view.TOP_BAND``), or of its off-screen ends."""
        src, dst = plan.src, plan.dst
        text_width = self._widths.get(link.label)
        if text_width is None:
            text_width = self._widths[link.label] = self._fm.horizontalAdvance(link.label) + 6
        least = self._least.get(link.label)
        if least is None:
            least = self._least[link.label] = least_label_width(
                link.label, self._fm.horizontalAdvance
            )
        start = QPointF(src.cx, src.top + 1) if src else QPointF(plan.side, plan.ys)
        end = QPointF(dst.cx, dst.top + 1) if dst else QPointF(plan.side, plan.yt)
        lo, hi = min(y_s, y_t), max(y_s, y_t)
        tags = self._tag_boxes()
        sx, tx = start.x(), end.x()
        # on one line the arc runs along its lane and no vertical needs moving off a tag; in
        # the margin it is drawn under the tags that reach there and is never moved
        if y_s == y_t or plan.margin:
            near: list[Box] = []
        else:
            near = tags.near(min(sx, tx) - 40, max(sx, tx) + 40, lo, hi)
        way = route(
            (sx, start.y()), (tx, end.y()), y_s, y_t, near, plan.side if plan.margin else None
        )
        if not src and len(way.points) == 6:  # off screen: no run on the missing line
            way = Route(way.points[2:], way.label)
        if not dst and len(way.points) >= 4:
            way = Route(way.points[:-2], way.label)
        path = QPainterPath(QPointF(*way.points[0]))
        for x, y in way.points[1:]:
            path.lineTo(x, y)
        label_rect, spot = QRectF(), None
        if src or dst:
            if src and dst:
                cx, cy = way.label
            else:  # the middle of the run on the line that shows
                cx, cy = ((sx if src else tx) + plan.side) / 2, y_s if src else y_t
            tops = {}  # the top and ceiling of the line of each lane y the route runs along
            if dst:
                tops[y_t] = (dst.top, self._ceiling(dst))
            if src:
                tops[y_s] = (src.top, self._ceiling(src))
            spot = self._label_spot(link, emphasised, way.points, (cx, cy), tops, text_width)
            if spot is not None and least:
                spot = spot._replace(least=least)
            h = self._label_h
            label_rect = QRectF(cx - text_width / 2, cy - h / 2, text_width, h)
        arrow = QPainterPath()
        if dst:
            x, y = end.x(), end.y()  # pointing down: the arc comes from the lane above
            arrow.moveTo(end)
            arrow.lineTo(x - ARROW * 0.7, y - ARROW)
            arrow.lineTo(x + ARROW * 0.7, y - ARROW)
            arrow.closeSubpath()
        return ArcShape(link, start, end, path, label_rect, emphasised, arrow), spot

    def _label_spot(
        self,
        link: Link,
        emphasised: bool,
        points: Sequence[tuple[float, float]],
        label: tuple[float, float],
        tops: Mapping[float, tuple[float, float]],
        width: float,
    ) -> LabelSpot | None:
        """Where an arc's label may go: along the lane run of its route (``points``) that
        ``label`` (the route's label point: the longer run) lies on; off the tags near it
        and, for the selected event's arguments, off its outlines.

        Only that run, not the arc's run on its other line too, but for the selected arcs:
        a label that could go to either line joins the two lines' labels in one group
        (``label_groups``), and an annotated paragraph's lines in one, placed anew whenever
        the view scrolls; a few selected arcs join a few lines. The selected arcs' labels
        are drawn over the tags and outlines (``LabelSpot.on_top``)."""
        h = self._label_h
        reach = (MAX_LANES - 1) * LANE_STEP
        cx, cy = label
        runs: list[Run] = []
        for (x0, y0), (x1, y1) in itertools.pairwise(points):
            line = tops.get(y0)
            if y0 != y1 or line is None:
                continue
            top, ceiling = line
            lane0 = top - 1  # the line's lowest lane; its highest is ``reach`` above
            # a label reaches no higher than the highest lane's, nor into the line above (a
            # pixel off it: a label is drawn at a whole pixel); in a gap too small for a label
            # (a tiny zoom) its lowest lane's label still fits
            high = min(max(lane0 - reach - h / 2, ceiling + 1), lane0 - h / 2)
            # nor over the line's own text (the top edges of its highlights) where the gap
            # holds the label above it: the lowest lane then runs along the label's foot (in
            # a smaller gap, a small zoom, as before: on its lane, over the text's top)
            low = top if high + h <= top else lane0 + h / 2
            runs.append(Run(min(x0, x1), max(x0, x1), y0, high, low))
        # the label's own run first, then the longer
        runs.sort(key=lambda r: (not (r.y == cy and r.x0 <= cx <= r.x1), r.x0 - r.x1))
        if not emphasised:
            runs = runs[:1]
        if not runs:
            return None
        tags = self._tag_boxes()
        first, slide = runs[0], LABEL_SLIDE * width  # the first run's lane, for a slide past it
        avoid = tags.near(first.x0 - slide, first.x1 + slide, first.top, first.bottom)
        for run in runs[1:]:
            avoid += tags.near(run.x0 - width, run.x1 + width, run.top, run.bottom)
        if emphasised and not link.relation:  # nor under the outlines drawn over it
            avoid += self._outlines(link.owner)
        rank = 0 if emphasised else 1
        return LabelSpot(width, h, tuple(runs), tuple(avoid), rank, emphasised)

    # -- painting ------------------------------------------------------------------------
    def _paint_lines(self, painter: QPainter, drawn: _Drawn, emphasised: bool) -> None:
        # Every arc segment is horizontal or vertical: drawn without antialiasing they stay
        # sharp and cost a fraction of antialiased stroking. Arcs of one colour and style are
        # stroked as one path and labels are cached pixmaps: a viewport of a densely
        # annotated text holds a few hundred arcs.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for (color_name, emph, relation), (lines, arrows) in drawn.groups().items():
            if emph != emphasised:
                continue
            color = self._color(color_name, emph)
            style = Qt.PenStyle.DashLine if relation else Qt.PenStyle.SolidLine
            painter.setPen(QPen(color, 2 if emph else 1, style))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(lines)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawPath(arrows)

    def _paint_labels(self, painter: QPainter, drawn: _Drawn, emphasised: bool) -> None:
        for shape in drawn.shapes:
            if shape.emphasised == emphasised and not shape.label_rect.isEmpty():
                painter.drawPixmap(shape.label_rect.topLeft(), self._label_pixmap(shape))

    def _paint_under_tags(self, painter: QPainter) -> None:
        """Every arc's lines and the other arcs' labels, painted by the view between its text
        and its label tags, so the tags lie over the lines and no line cuts their text (a lane
        runs through the tag row of the line above)."""
        if not self._shown or not self._links:
            return
        drawn = self._layout()
        if drawn is not self._band_drawn:  # the arcs moved: the band shows them anew
            self.view.top_band().update()
        if drawn.shapes:
            self._paint_lines(painter, drawn, False)
            self._paint_labels(painter, drawn, False)
            self._paint_lines(painter, drawn, True)

    def _paint_band(self, painter: QPainter) -> None:
        """The arcs reaching into the view's top band, above the viewport (``painter`` is in
        viewport coordinates): the lanes of the line at the top of the view, their labels."""
        if not self._shown or not self._links:
            self._band_drawn = None
            return
        drawn = self._layout()
        self._band_drawn = drawn
        band = drawn.band()
        if band.shapes:
            self._paint_lines(painter, band, False)
            self._paint_labels(painter, band, False)
            self._paint_lines(painter, band, True)
            self._paint_labels(painter, band, True)

    def paintEvent(self, event: QPaintEvent) -> None:
        """The selected event's argument outlines and its arcs' labels (over the tags)."""
        if not self._shown or not self._links:
            return
        drawn = self._layout()
        if not drawn.shapes:
            return
        painter = QPainter(self)
        outline = QPen(QColor(20, 20, 20), 1.4, Qt.PenStyle.DashLine)
        painter.setPen(outline)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        anchors = self._last_anchors
        outlines = []
        for shape in drawn.shapes:
            target = anchors.get(shape.link.target) if shape.emphasised else None
            if target is not None and not shape.link.relation:
                outlines.append(target.rect().adjusted(-2, -2, 2, 2))
        if outlines:
            # the outlines stop at the other arcs' labels (painted under the tags, so under
            # this overlay): a dashed line across a role name made it hard to read
            reach = outlines[0]
            for rect in outlines[1:]:
                reach = reach.united(rect)
            reach = reach.adjusted(-2, -2, 2, 2)
            clip = QRegion(self.rect())
            for shape in drawn.shapes:
                label = shape.label_rect
                if not shape.emphasised and not label.isEmpty() and label.intersects(reach):
                    clip -= QRegion(label.toAlignedRect())
            painter.setClipRegion(clip)
            for rect in outlines:
                painter.drawRect(rect)
            painter.setClipping(False)
        self._paint_labels(painter, drawn, True)
        painter.end()

    def _color(self, name: str, emphasised: bool) -> QColor:
        key = (name, emphasised)
        color = self._colors.get(key)
        if color is None:
            color = mark_color(name)
            if not emphasised:
                # Lighter but opaque: Qt strokes translucent lines some 20x slower.
                color = QColor(
                    *(
                        round(c + (255 - c) * DIM)
                        for c in (color.red(), color.green(), color.blue())
                    )
                )
            self._colors[key] = color
        return color

    def _shown_label(self, label: str, width: float) -> str:
        """What a label's box ``width`` pixels wide shows of it: the label, or in a box
        narrower than it (``resolve_labels`` shortened it to fit) its ``shortened_label``
        (an Arabic label without its article, its start and an ellipsis; a Latin one cut at
        its end as ``elidedText`` cuts it)."""
        if width + 0.5 >= self._widths.get(label, 0.0):
            return label
        fm = self._fm
        return shortened_label(
            label,
            width - LABEL_PAD,
            fm.horizontalAdvance,
            lambda text, room: fm.elidedText(text, Qt.TextElideMode.ElideRight, room),
        )

    def _label_pixmap(self, shape: ArcShape) -> QPixmap:
        """The role name in its box, drawn once per (text, colour, emphasis, width): a box
        narrower than the name (``resolve_labels`` shortened it to fit) shows its
        ``_shown_label``."""
        rect = shape.label_rect
        key = (shape.link.label, shape.link.color, shape.emphasised, round(rect.width(), 1))
        pixmap = self._labels.get(key)
        if pixmap is not None:
            return pixmap
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(int(rect.width() * ratio) + 1, int(rect.height() * ratio) + 1)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        color = self._color(shape.link.color, shape.emphasised)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setFont(self.font_)
        box = QRectF(0.5, 0.5, rect.width() - 1, rect.height() - 1)
        painter.setPen(QPen(color, 1.0))
        painter.setBrush(LABEL_BG)
        painter.drawRoundedRect(box, 2.0, 2.0)
        painter.setPen(QColor(0, 0, 0) if shape.emphasised else color.darker(130))
        text = self._shown_label(shape.link.label, rect.width())
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        painter.end()
        if len(self._labels) > 512:
            self._labels.clear()
        self._labels[key] = pixmap
        return pixmap

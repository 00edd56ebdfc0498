"""Plain geometry records of the arc overlay (``ui.docview.arcs``) and its lane assignment.

Kept apart from the widget so the layout rules can be read (and tested) on their own: an arc
is planned from its two span anchors, then each line's arc segments get lanes, narrow first,
then it is routed (``route``): along lanes, which lie between lines, and down a vertical that
is halfway between the spans when they are on adjacent lines and in the text area's margin
when lines lie between them, so no arc runs through the text of another line.
"""

from __future__ import annotations

import bisect
import itertools
import operator
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath


class Link(NamedTuple):
    """One arc: an event argument or a relation between two spans of the view (a named
    tuple: the window makes one per argument and relation of a layer, thousands at a time,
    and a frozen dataclass took five times as long to make)."""

    uuid: str
    """the argument's (or relation's) uuid"""
    source: str
    """span uuid the arc starts at (the trigger, or the relation's Arg1)"""
    target: str
    """span uuid the arrow points at"""
    label: str
    """role name or relation type, written on the arc"""
    owner: str = ""
    """the event's uuid ("" for a relation)"""
    color: str = "#555555"
    relation: bool = False


class Anchor(NamedTuple):
    """Where a span's first visual run sits, in viewport coordinates (a named tuple: a
    repaint makes a few hundred)."""

    block: int
    line: int
    top: float
    """top of the line box"""
    x0: float
    x1: float
    bottom: float
    """bottom of the glyph area (ascent + descent)"""
    cx: float
    """the middle of the run, where arcs meet it: ``(x0 + x1) / 2``"""

    def moved(self, dx: float, dy: float) -> Anchor:
        """The same anchor ``dx``, ``dy`` further (block-local to viewport)."""
        return Anchor(
            self.block,
            self.line,
            self.top + dy,
            self.x0 + dx,
            self.x1 + dx,
            self.bottom + dy,
            self.cx + dx,
        )

    def rect(self) -> QRectF:
        return QRectF(self.x0, self.top, self.x1 - self.x0, self.bottom - self.top)


@dataclass
class ArcShape:
    """A computed arc: endpoints on the spans, its path and where its label goes."""

    link: Link
    start: QPointF
    end: QPointF
    path: QPainterPath
    label_rect: QRectF
    emphasised: bool = False
    arrow: QPainterPath = field(default_factory=QPainterPath)


class Segment(NamedTuple):
    """The part of an arc on one line (``end`` is "src" or "dst"); lanes are per line."""

    shape_index: int
    end: str
    line_key: tuple[int, int]
    x_from: float
    x_to: float


class Plan(NamedTuple):
    """An arc before lanes are known: its anchors (None when off screen), the x of its
    vertical when its ends are on different lines, and off-screen y positions."""

    src: Anchor | None
    dst: Anchor | None
    same_line: bool
    side: float = 0.0
    """the vertical's x: halfway between the spans (adjacent lines) or in the margin"""
    ys: float = 0.0
    yt: float = 0.0
    margin: bool = False
    """the vertical runs in the margin (``side``), not between the spans"""


class StartIndex:
    """Span uuids sorted by start, for "which spans start in this block" lookups."""

    def __init__(self, starts: Mapping[str, int]) -> None:
        pairs = sorted(zip(starts.values(), starts.keys(), strict=True))
        self._starts = list(map(operator.itemgetter(0), pairs))
        self._uuids = list(map(operator.itemgetter(1), pairs))

    def get_range(self, first: int, end: int) -> list[str]:
        lo = bisect.bisect_left(self._starts, first)
        hi = bisect.bisect_left(self._starts, end)
        return self._uuids[lo:hi]


def assign_lanes(segments: list[Segment]) -> dict[tuple[int, str], int]:
    """Lanes per line: narrow segments first, each in the lowest lane where it overlaps no
    other segment (closer than 4 pixels). Returns the lane of each (shape index, end)."""
    by_line: dict[tuple[int, int], list[Segment]] = {}
    for seg in segments:
        by_line.setdefault(seg.line_key, []).append(seg)
    out: dict[tuple[int, str], int] = {}
    for segs in by_line.values():
        order = sorted(  # by width; equal widths keep their order
            (abs(seg.x_to - seg.x_from), i, min(seg.x_from, seg.x_to), max(seg.x_from, seg.x_to))
            for i, seg in enumerate(segs)
        )
        taken: list[list[tuple[float, float]]] = []
        for _width, i, lo, hi in order:
            lo4, hi4 = lo - 4, hi + 4
            lane = 0
            for used in taken:
                for a, b in used:
                    if lo4 < b and hi4 > a:
                        break
                else:
                    break
                lane += 1
            if lane == len(taken):
                taken.append([])
            taken[lane].append((lo, hi))
            seg = segs[i]
            out[(seg.shape_index, seg.end)] = lane
    return out


Box = tuple[float, float, float, float]
"""a rectangle as (x0, y0, x1, y1), x0 <= x1 and y0 <= y1 (label tags, arc labels)"""


class Route(NamedTuple):
    """An arc's polyline (first point on the source span, last on the target span) and the
    centre of its label."""

    points: list[tuple[float, float]]
    label: tuple[float, float]


def _merged(intervals: Sequence[tuple[float, float]]) -> tuple[list[float], list[float]]:
    """The union of open intervals ``(a, b)`` as sorted starts and ends; two intervals that
    only touch stay apart (the point between them is outside both)."""
    starts: list[float] = []
    ends: list[float] = []
    for a, b in sorted(intervals):
        if starts and a < ends[-1]:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)
    return starts, ends


def _inside(x: float, starts: list[float], ends: list[float]) -> bool:
    """Whether ``x`` lies strictly inside one of the merged open intervals."""
    k = bisect.bisect_left(starts, x) - 1  # the last interval starting before x
    return k >= 0 and x < ends[k]


def clear_x(x: float, y0: float, y1: float, boxes: Sequence[Box], pad: float = 2.0) -> float:
    """The x nearest to ``x`` where a vertical from ``y0`` to ``y1`` touches none of ``boxes``
    (each kept ``pad`` away): candidates are ``x`` and the padded box edges, nearest first.

    The boxes the vertical's height meets are merged into a few sorted intervals once, so each
    candidate is one bisection (a page of tags is hundreds of boxes)."""
    lo, hi = min(y0, y1), max(y0, y1)
    band = [(b[0] - pad, b[2] + pad) for b in boxes if lo < b[3] and hi > b[1]]
    if not band:
        return x
    starts, ends = _merged(band)
    if not _inside(x, starts, ends):
        return x
    candidates = sorted({e for a, b in band for e in (a - 0.5, b + 0.5)}, key=lambda c: abs(c - x))
    for c in candidates:
        if not _inside(c, starts, ends):
            return c
    return x


def route(
    src: tuple[float, float],
    dst: tuple[float, float],
    src_lane: float,
    dst_lane: float,
    boxes: Sequence[Box] = (),
    margin: float | None = None,
) -> Route:
    """The path of an arc from the span at ``src`` (its centre x and the y where the arc meets
    it) to the span at ``dst``.

    On one line (``src_lane == dst_lane``) the arc rises to the lane, runs along it and comes
    down on the target; the label sits at the middle of the run. Between lines it rises to the
    source line's lane, runs to a vertical, goes along it to the target line's lane and in to
    the target; the label sits at the middle of the longer lane run. The vertical is at
    ``margin`` when one is given: the caller gives the x of the text area's margin for ends on
    lines far apart, so the vertical passes beside the lines between them and through none
    (lanes lie between lines, so the whole route keeps off the text). Without one (adjacent
    lines, nothing between them to cross) it is halfway between the two spans, moved sideways
    off any label tag it would cross (``clear_x``). Every coordinate is a fixed fraction of the
    span positions (and the margin), so the route keeps its shape when the text is zoomed or
    rewrapped at another width."""
    (sx, sy), (tx, ty) = src, dst
    if src_lane == dst_lane and margin is None:
        points = [(sx, sy), (sx, src_lane), (tx, src_lane), (tx, ty)]
        return Route(points, ((sx + tx) / 2, src_lane))
    vx = clear_x((sx + tx) / 2, src_lane, dst_lane, boxes) if margin is None else margin
    points = [(sx, sy), (sx, src_lane), (vx, src_lane), (vx, dst_lane), (tx, dst_lane), (tx, ty)]
    longer_first = abs(vx - sx) > abs(tx - vx) + 0.5  # a tie (no tag moved it) goes to dst
    return Route(points, ((sx + vx) / 2, src_lane) if longer_first else ((vx + tx) / 2, dst_lane))


def place_label(
    centre: tuple[float, float],
    size: tuple[float, float],
    boxes: Sequence[Box],
    bounds: tuple[float, float],
) -> Box:
    """The label box of ``size`` centred on ``centre``, slid along its lane (nearest first)
    off the ``boxes`` it would cover and kept within the horizontal ``bounds``."""
    (cx, cy), (w, h) = centre, size
    lo, hi = bounds
    top, bottom = cy - h / 2, cy + h / 2
    row = [o for o in boxes if o[1] < bottom and o[3] > top]  # the only ones it can meet

    def box_at(x0: float) -> Box:
        x0 = min(max(lo, x0), max(lo, hi - w))
        return (x0, top, x0 + w, bottom)

    first = box_at(cx - w / 2)
    if not row:
        return first
    # a box [x0, x0 + w] is free when no row box overlaps it: when x0 + w is not inside a
    # merged interval grown by w to the left, i.e. x0 is outside every (o0 - w, o2)
    starts, ends = _merged([(o[0] - w, o[2]) for o in row])
    if not _inside(first[0], starts, ends):
        return first
    # every left edge a box can take lies in [lo, max(lo, hi - w)]: when one merged interval
    # covers all of it, no candidate is free (a full row of tags), so none is tried
    k = bisect.bisect_left(starts, lo) - 1
    if k >= 0 and lo < ends[k] and ends[k] > max(lo, hi - w):
        return first
    candidates = sorted(
        {x for o in row for x in (o[0] - w - 1, o[2] + 1)}, key=lambda x: abs(x + w / 2 - cx)
    )
    for x0 in candidates:
        b = box_at(x0)
        if not _inside(b[0], starts, ends):
            return b
    return first


def polyline_hits(points: Sequence[tuple[float, float]], box: Box) -> bool:
    """Whether an axis-parallel polyline passes through the inside of ``box``."""
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        if x0 == x1:
            if box[0] < x0 < box[2] and min(y0, y1) < box[3] and max(y0, y1) > box[1]:
                return True
        elif box[1] < y0 < box[3] and min(x0, x1) < box[2] and max(x0, x1) > box[0]:
            return True
    return False


def distance_to_polyline(
    point: tuple[float, float], points: Sequence[tuple[float, float]]
) -> float:
    """Distance from ``point`` to the nearest segment of an axis-parallel polyline."""
    px, py = point
    best = float("inf")
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        cx = min(max(px, min(x0, x1)), max(x0, x1))
        cy = min(max(py, min(y0, y1)), max(y0, y1))
        best = min(best, ((px - cx) ** 2 + (py - cy) ** 2) ** 0.5)
    return best

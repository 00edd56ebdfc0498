"""Plain geometry records of the arc overlay (``ui.docview.arcs``) and its lane assignment.

Kept apart from the widget so the layout rules can be read (and tested) on their own: an arc
is planned from its two span anchors, then each line's arc segments get lanes, narrow first.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath


@dataclass(frozen=True)
class Link:
    """One arc: an event argument or a relation between two spans of the view."""

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
    line_bottom: float
    """bottom of the line box (under the underlines and tags)"""
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
            self.line_bottom + dy,
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
    """An arc before lanes are known: its anchors (None when off screen), the margin x it
    runs along when its ends are on different lines, and off-screen y positions."""

    src: Anchor | None
    dst: Anchor | None
    same_line: bool
    side: float = 0.0
    ys: float = 0.0
    yt: float = 0.0


class StartIndex:
    """Span uuids sorted by start, for "which spans start in this block" lookups."""

    def __init__(self, starts: Mapping[str, int]) -> None:
        pairs = sorted((s, u) for u, s in starts.items())
        self._starts = [s for s, _ in pairs]
        self._uuids = [u for _, u in pairs]

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

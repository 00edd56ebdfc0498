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
import math
import operator
import unicodedata
from collections.abc import Callable, Mapping, Sequence
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
    room: float = float("inf")
    """the height between the bottom of the previous line's glyphs and this line's top, where
    this line's lanes run (from the layout; infinite for the document's first line)"""

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
            self.room,
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


LANE_STEP = 6.0
"""pixels between two lanes of a line where the gap above it has room for them"""
MIN_LANE_STEP = 3.0
"""the least distance between two lanes: closer, two lines a pixel or two thick would merge
into one; lanes that do not fit at that distance share the highest lane"""
MAX_LANES = 6
"""lanes per line; an arc given a higher lane shares the highest"""
LANE_CLEAR = 1.5
"""pixels kept between the highest lane and the ceiling (the previous line's glyphs): the
selected arcs' pen is 2 pixels wide"""


def lane_ys(top: float, ceiling: float, count: int) -> list[float]:
    """The y of each of a line's ``count`` lanes, lowest first: from just above the line's
    top (``top - 1``), ``LANE_STEP`` apart where the gap below ``ceiling`` (the bottom of the
    previous line's glyphs, or the top of the view's band for the line at the top of the
    view) holds them, closer where it does not (evenly, down to ``MIN_LANE_STEP``), and the
    lanes that still do not fit share the highest that does: no lane reaches the text of the
    line above, at any zoom (QA: at the default size the gap holds three lanes 6 apart, and
    the fourth to sixth ran through the previous line's text)."""
    lowest = top - 1
    highest = min(lowest, ceiling + LANE_CLEAR)
    n = max(1, min(count, MAX_LANES))
    step = LANE_STEP
    if n > 1 and lowest - (n - 1) * step < highest:
        step = max(MIN_LANE_STEP, (lowest - highest) / (n - 1))
    room = lowest - highest  # infinite for the document's first line scrolled off the top
    fit = n if room >= (n - 1) * step else int(room / step + 1e-6) + 1  # the lanes that fit
    return [lowest - min(k, fit - 1) * step for k in range(n)]


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


class Run(NamedTuple):
    """A lane run of an arc (a horizontal stretch of its path), where its label may sit."""

    x0: float
    x1: float
    """its ends, ``x0 <= x1``"""
    y: float
    """the lane's y"""
    top: float
    bottom: float
    """how high and how low the label's box may reach when moved off the lane's middle: the
    extent of the labels of the line's lowest and highest lanes, so a label moved up or down
    meets no text the lanes' labels did not"""

    def shifted(self, dy: float) -> Run:
        return Run(self.x0, self.x1, self.y + dy, self.top + dy, self.bottom + dy)


class LabelSpot(NamedTuple):
    """What ``resolve_labels`` needs to place one arc's label: its size, its arc's lane runs
    (the one it is centred on first), the boxes it keeps off (the label tags near its lanes,
    the selected event's outlines) and its rank (0 is placed first: the selected arcs)."""

    width: float
    height: float
    runs: tuple[Run, ...]
    avoid: tuple[Box, ...]
    rank: int
    on_top: bool = False
    """the label is drawn over the boxes it avoids (the selected event's): on its own run
    over one of them rather than along the lane off its run"""
    least: float = 0.0
    """the narrowest box its shortened text still reads in (``least_label_width``: an Arabic
    label's first letter past its article and the ellipsis); ``LABEL_MIN_WIDTH`` when
    smaller"""

    def shifted(self, dy: float) -> LabelSpot:
        return LabelSpot(
            self.width,
            self.height,
            tuple(r.shifted(dy) for r in self.runs),
            tuple((b[0], b[1] + dy, b[2], b[3] + dy) for b in self.avoid),
            self.rank,
            self.on_top,
            self.least,
        )

    @property
    def floor(self) -> float:
        """The narrowest this label is shortened to (step 6 of ``resolve_labels``): its own
        ``least``, ``LABEL_MIN_WIDTH`` at least, never wider than the label."""
        return min(self.width, max(LABEL_MIN_WIDTH, self.least))


def label_rows(spot: LabelSpot) -> list[tuple[float, float]]:
    """The heights (top, bottom) a label's box can take, one per run: two labels whose rows
    do not overlap never meet (``label_groups``)."""
    h = spot.height / 2
    return [(min(r.top, r.y - h), max(r.bottom, r.y + h)) for r in spot.runs]


def label_groups(rows: Sequence[Sequence[tuple[float, float]]]) -> list[list[int]]:
    """The indices of labels grouped so that labels of different groups cannot meet: joined
    when a row of one overlaps a row of another (``label_rows``). ``resolve_labels`` places
    each group alone as it would among all, and a line's group comes back unchanged at
    another scroll position. Labels with no row are in no group."""
    parent = list(range(len(rows)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    spans = sorted((top, bottom, i) for i, r in enumerate(rows) for top, bottom in r)
    end, last = float("-inf"), -1
    for top, bottom, i in spans:
        if top < end:  # overlaps the run of rows so far: same group
            parent[root(i)] = root(last)
            end = max(end, bottom)
        else:
            end = bottom
        last = i
    groups: dict[int, list[int]] = {}
    for i, r in enumerate(rows):
        if r:
            groups.setdefault(root(i), []).append(i)
    return list(groups.values())


LABEL_GAP = 1.0
"""pixels kept between two arc labels side by side"""
LABEL_NUDGES = (0.0, -4.0, 4.0)
"""how far (pixels) a label may move up or down off its lane's middle, nearest first: lanes
are 6 pixels apart and a label some 12 tall, so two labels of adjacent lanes meet wherever
their x ranges do, and 4 pixels up and down part them while the lane still crosses each
(smaller moves part none: tried, one label in thousands took one)"""
LABEL_SLIDE = 3.0
"""how far (label widths past its run's ends) a label may slide along its lane when its run
has no room: the tags it keeps off are looked up that far"""
LABEL_TOUCH = 4.0
"""how far (pixels) a label moved off its run's middle still reaches over the run"""
NUDGE_COST = 4.0
"""a pixel up or down counts as this many along the lane when choosing where a label goes"""
LABEL_MIN_WIDTH = 20.0
"""the narrowest shortened label (a letter or two and the ellipsis, in its box)"""
LABEL_ELIDE_STEP = 4.0
"""how much narrower (pixels) each shortened width a label tries is than the last"""
LABEL_ELIDE_FACTOR = 0.8
"""how much narrower each round of shortening makes the widest labels of a crowded group"""
_CELL_W, _CELL_H = 64.0, 16.0


LABEL_PAD = 6.0
"""how much wider (pixels) a label's box is than its text: 3 on each side"""
LABEL_WHOLE_SLACK = 3.0
"""how much wider (pixels) than its box's room a label may be and still show whole, in the
box's padding: a shortened Arabic label saves little (an ellipsis is as wide as two or three
letters), so a label a couple of pixels too wide is not cut for it"""
ARABIC_ARTICLES = ("ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال")
"""the definite article and the proclitics before it (and ل, with لل for ل + ال), the
longest first: what ``shortened_label`` leaves out of a shortened Arabic label"""
ARTICLE_REST = 3
"""the letters a label must keep past an ``ARABIC_ARTICLES`` form for the form to be read as
one and left out (والد, بالغ keep theirs)"""
ELLIPSIS = "\u2026"
ZWJ = "\u200d"
NOT_JOINING_ON = frozenset("ءآأؤإاةدذرزوٱۀەۆۇۈۉۊۋۏژڈډڊڋڌڍڎڏڐڑڒړڔڕږڗڙ")
"""the Arabic letters that do not join the letter after them (right-joining or not joining):
the others, before a cut, are followed by a ZWJ to keep the form they have in the word"""


def _strong_rtl(text: str) -> bool:
    """Whether the first strong character of ``text`` reads right to left (bidi P2)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def _letters(text: str) -> int:
    return sum(unicodedata.category(ch).startswith("L") for ch in text)


def article_length(text: str) -> int:
    """How many characters of ``text`` its definite article takes, with the proclitics before
    it (``ARABIC_ARTICLES``: ال، وال، بال، لل ...), when at least ``ARTICLE_REST`` letters
    follow it; 0 when it has none."""
    for form in ARABIC_ARTICLES:
        if text.startswith(form) and _letters(text[len(form) :]) >= ARTICLE_REST:
            return len(form)
    return 0


def _first_letters(text: str, count: int) -> str:
    """The start of ``text`` up to its ``count``-th letter and the marks on it (harakat)."""
    seen = 0
    for i, ch in enumerate(text):
        if unicodedata.category(ch).startswith("L"):
            if seen == count:
                return text[:i]
            seen += 1
    return text


def _cut(text: str, keep: str) -> str:
    """``keep`` (a start of ``text``, ending with a letter and its marks) and an ellipsis, a
    ZWJ between them when the last letter kept joins the next one in ``text``: it keeps the
    form it has in the word (ف‍… of فاعل, not an isolated ف)."""
    rest = text[len(keep) :]
    last = next((ch for ch in reversed(keep) if unicodedata.category(ch).startswith("L")), "")
    joins = bool(
        last
        and rest
        and _strong_rtl(last)
        and last not in NOT_JOINING_ON
        and unicodedata.category(rest[0]).startswith("L")
        and _strong_rtl(rest[0])
        and rest[0] != "ء"
    )
    return f"{keep}{ZWJ if joins else ''}{ELLIPSIS}"


def least_label(text: str) -> str:
    """The shortest form ``shortened_label`` gives ``text``: an Arabic label's first letter
    past its article (its first letter, without one; its article and the letter after it,
    when too little follows it to leave the article out) and the ellipsis; a label of
    another script, its first letter and the ellipsis."""
    if not _strong_rtl(text):
        return _cut(text, _first_letters(text, 1))
    skip = article_length(text)
    return _cut(text[skip:], _first_letters(text[skip:], _least_letters(text, skip)))


def _least_letters(text: str, skip: int) -> int:
    """How many letters a shortened Arabic label shows at least (``least_label``): one past
    its article, left out (``skip`` characters) or kept when too little follows it."""
    if skip:
        return 1
    kept = next((f for f in ARABIC_ARTICLES if text.startswith(f) and len(text) > len(f)), "")
    return _letters(kept) + 1


def shortened_label(
    text: str,
    room: float,
    advance: Callable[[str], float],
    elide: Callable[[str, float], str],
) -> str:
    """An arc label as drawn in a box whose text has ``room`` pixels: ``advance`` measures a
    text, ``elide`` cuts a Latin one at its end to a width with an ellipsis (Qt's
    ``QFontMetricsF.elidedText``, ``ElideRight``, as before).

    What an analyst reading right to left needs of a shortened role or relation name is the
    part that tells it from the others, and the article tells none apart: a schema's Arabic
    roles mostly start with it (الفاعل، المكان، الزمان). Cut at its end as Latin is, every one
    of them came out as "ال…" at 10 pixels, the article alone. Keeping the article and a
    letter after it (الف…) would take the room of two more letters of the rest, which tell
    the labels apart; the article left out is the one a reader restores without thinking,
    and the tooltip names the label whole. So:

    - an Arabic label (its first strong letter right to left) at most
      ``LABEL_WHOLE_SLACK`` pixels wider than the room shows whole (in the box's padding):
      an ellipsis is as wide as two or three Arabic letters, and the cut would save a
      couple of pixels for most of the word;
    - a longer Arabic label leaves out its article with
      the proclitics before it (``ARABIC_ARTICLES``, when ``ARTICLE_REST`` letters follow
      it) and shows the start of the rest cut at its end (a letter at least cut off: the
      rest whole would read as another label), the ellipsis last (at the left, read last):
      فاع… for الفاعل, مك… for المكان. The letters kept join as in the word, the last one
      too: a ZWJ before the ellipsis keeps the form that joins the letter cut off (``_cut``).
      It always shows at least one letter past the article (``least_label``,
      even if that is wider than the room: ``LabelSpot.least`` gives the box room for it);
      an article with too little after it to be left out is kept, with a letter after it;
    - a label of another script is cut at its end as before (``elide``), unchanged.

    The whole name is the label's tooltip (``ArcOverlay.shortened_label_at``)."""
    if not _strong_rtl(text):
        return elide(text, room)
    if advance(text) <= room + LABEL_WHOLE_SLACK:
        return text
    skip = article_length(text)
    body = text[skip:]
    # the most letters that fit with the ellipsis, one at least cut off the rest ("مكان"
    # alone would read as another label), down to the least (one past the article)
    least = _least_letters(text, skip)
    for count in range(_letters(body) - 1, least, -1):
        shown = _cut(body, _first_letters(body, count))
        if advance(shown) <= room:
            return shown
    return _cut(body, _first_letters(body, least))


def least_label_width(text: str, advance: Callable[[str], float]) -> float:
    """The narrowest box (``LABEL_PAD`` included) that holds ``text`` shortened to its
    ``least_label`` (drawn up to ``LABEL_WHOLE_SLACK`` wider than its room) for an Arabic
    label, 0 for another (``LABEL_MIN_WIDTH`` holds its letter): ``LabelSpot.least``."""
    if not _strong_rtl(text):
        return 0.0
    return advance(least_label(text)) - LABEL_WHOLE_SLACK + LABEL_PAD


class _Grid:
    """Placed label boxes bucketed in cells of ``_CELL_W`` × ``_CELL_H``: "which labels lie
    near here" looks at a few cells, so placing a viewport's labels stays near linear."""

    __slots__ = ("_cells",)

    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], list[Box]] = {}

    def add(self, b: Box) -> None:
        cells = self._cells
        for i in range(int(b[0] // _CELL_W), int(b[2] // _CELL_W) + 1):
            for j in range(int(b[1] // _CELL_H), int(b[3] // _CELL_H) + 1):
                cell = cells.get((i, j))
                if cell is None:
                    cells[(i, j)] = [b]
                else:
                    cell.append(b)

    def remove(self, b: Box) -> None:
        cells = self._cells
        for i in range(int(b[0] // _CELL_W), int(b[2] // _CELL_W) + 1):
            for j in range(int(b[1] // _CELL_H), int(b[3] // _CELL_H) + 1):
                cells[(i, j)].remove(b)

    def near(self, x0: float, x1: float, y0: float, y1: float) -> list[Box]:
        """The boxes in the cells the band ``x0..x1`` × ``y0..y1`` meets (some twice)."""
        cells, out = self._cells, []
        for i in range(int(x0 // _CELL_W), int(x1 // _CELL_W) + 1):
            for j in range(int(y0 // _CELL_H), int(y1 // _CELL_H) + 1):
                cell = cells.get((i, j))
                if cell:
                    out.extend(cell)
        return out


def _label_tops(run: Run, h: float) -> list[tuple[float, float]]:
    """The tops a label ``h`` tall may take on ``run``, with how far each is off the lane's
    middle, nearest first: ``LABEL_NUDGES`` off the middle, each moved back inside the run's
    height (a lane squeezed under the line above: the label kept off that line's text) as long
    as the lane still crosses the label, half a pixel inside it (the highest lane of a
    squeezed line may run along its top edge)."""
    out: list[tuple[float, float]] = []
    middle = run.y - h / 2
    for dy in LABEL_NUDGES:
        y = middle + dy
        if y < run.top - 0.01 or y + h > run.bottom + 0.01:
            y = min(max(y, run.top), run.bottom - h)
            if not y + 0.5 <= run.y <= y + h - 0.5:
                continue
        if all(abs(y - seen) > 0.01 for seen, _ in out):
            out.append((y, y - middle))
    return sorted(out, key=lambda t: abs(t[1]))


def _free_x(
    ideal: float, lo: float, hi: float, width: float, top: float, bottom: float, boxes: list[Box]
) -> float | None:
    """The left edge in ``lo..hi`` nearest to ``ideal`` of a box ``width`` wide from ``top``
    to ``bottom`` that overlaps none of ``boxes`` (labels kept ``LABEL_GAP`` apart), or None."""
    x = min(max(lo, ideal), hi)
    # x is taken when a box's span (o0 - width - gap, o2 + gap) holds it
    gap = LABEL_GAP
    spans = [(o[0] - width - gap, o[2] + gap) for o in boxes if o[1] < bottom and o[3] > top]
    if not spans:
        return x
    starts, ends = _merged(spans)
    k = bisect.bisect_left(starts, x) - 1
    if k < 0 or x >= ends[k]:
        return x
    # inside the merged span k: its two edges are the nearest free places either side
    best: float | None = None
    for c in (starts[k], ends[k]):
        if lo <= c <= hi and (best is None or abs(c - x) < abs(best - x)):
            best = c
    return best


def _slide_top(run: Run, h: float) -> float:
    """The top of a label slid along ``run``'s lane past the run: on the lane's middle, moved
    inside the run's height (``_label_tops``) when the run is squeezed."""
    tops = _label_tops(run, h)
    return tops[0][0] if tops else min(max(run.y - h / 2, run.top), run.bottom - h)


def resolve_labels(spots: Sequence[LabelSpot | None], bounds: tuple[float, float]) -> list[Box]:
    """The boxes of the labels of a viewport's arcs, so that no two overlap and none covers a
    box it avoids, each kept on its own arc. ``bounds`` is the horizontal extent of the view;
    a None spot (an arc with no label shown) gets an empty box.

    Labels are placed one at a time, rank first, then those with the least room (their first
    run's length less their width: wide labels on short runs) first; each goes to the first
    of these that is free, the nearest place in each (a pixel up or down counting as
    ``NUDGE_COST`` along the lane):

    1. its middle on one of its arc's lane runs (the first where one is free), slid along
       it from the run's middle and moved up to ``LABEL_NUDGES`` off the lane's middle (the
       lane still crosses it);
    2. as 1, the label over the run by ``LABEL_TOUCH`` pixels, its middle past the end;
    3. further along its first run's lane, the nearest free place up to ``LABEL_SLIDE`` label
       widths past the run (as labels were slid off the tags before, within
       three widths of the middle of its run): the label may then seem to name another arc,
       but the tag it would cover reads (the other arcs' labels are drawn under the tags)
       and a press on it still takes its arc;
    4. as 1 to 3 over the boxes it avoids (kept off the other labels only);
    5. a lane so full that no place is free: first the labels placed that its place of
       least overlap (its middle on a run) covers are moved elsewhere on their own runs
       (steps 1 and 2, none of a lower rank moved: the selected event's stay), and if one
       cannot move, the label goes there, drawn over the least of the others;
    6. when no order of placing (below) leaves every label a free place, the labels are
       placed again, each no wider than its first run, and those with no free place then
       shortened further to the widest that is free on one of their own runs (steps 1 and
       2), before step 5 (an ellipsis: the box narrower than the label); while some label
       still has to cover another, again with the widest labels shortened by a fifth, down
       to ``LABEL_MIN_WIDTH``, or the label's own floor (``LabelSpot.least``: an Arabic
       label keeps a letter past its article, ``shortened_label``) (the narrower ones kept
       whole as long as can be). At a small
       zoom a line holds more arcs, over narrower words, while labels keep their size (QA:
       at zoom 10 the labels of neighbouring arcs overlapped where at the default zoom they
       did not).

    When a label still had to cover another, the labels are placed again, those that did
    first (each within its rank), then in the order of the shortest run, and the placement
    that covers the least area is kept: a greedy order that ran out of room where another
    had it (QA: two long relation labels over each other on a line with room for both).
    Deterministic; a group placed again only when it had to cover.

    A label drawn over the boxes it avoids (``LabelSpot.on_top``: the selected event's, over
    the tags and outlines) tries 1, 2 and 4's 1, 2 before 3: on its own run over a tag
    rather than away from its arc.

    Why slide along the lane rather than draw a label over another: two labels on top of
    one another read as neither, while a label moved along its lane (rarely past its run)
    reads, and a press on it still takes its arc (``ArcOverlay.arc_at``).
    """
    placed = [i for i, s in enumerate(spots) if s is not None]
    tight = sorted(placed, key=lambda i: _slack_key(spots, i))
    out, covered, late = _resolve_in(spots, tight, bounds)
    best = tight
    if covered:
        # some label had to cover another: try again with those placed first (each within
        # its rank) and in the order of the shortest run, keeping the least covered
        at = {i: k for k, i in enumerate(tight)}
        late_first = sorted(placed, key=lambda i: (_rank(spots, i), i not in late, at[i]))
        short = sorted(placed, key=lambda i: _run_key(spots, i))
        for order in (late_first, short):
            again, area, late = _resolve_in(spots, order, bounds)
            if area < covered:
                out, covered, best = again, area, order
            if not covered:
                break
    if covered:
        # no order has room for every label whole (a small zoom puts more arcs on a line,
        # and narrower words under them, while labels keep their size): shortened, the
        # widest first, until they all have a free place (step 6)
        cap = math.inf
        widest = max(s.width for s in spots if s is not None)
        while True:
            again, area, _ = _resolve_in(spots, best, bounds, elide=cap)
            if area < covered:
                out, covered = again, area
            if not covered or cap <= LABEL_MIN_WIDTH:
                break
            cap = max(LABEL_MIN_WIDTH, min(cap, widest) * LABEL_ELIDE_FACTOR)
    return out


def _rank(spots: Sequence[LabelSpot | None], i: int) -> int:
    spot = spots[i]
    assert spot is not None
    return spot.rank


def _slack_key(spots: Sequence[LabelSpot | None], i: int) -> tuple[int, float, int]:
    """Rank first, then the least room its first run leaves beside it (wide labels on
    short runs first)."""
    spot = spots[i]
    assert spot is not None
    return (spot.rank, spot.runs[0].x1 - spot.runs[0].x0 - spot.width, i)


def _run_key(spots: Sequence[LabelSpot | None], i: int) -> tuple[int, float, int]:
    """Rank first, then the shortest first run."""
    spot = spots[i]
    assert spot is not None
    return (spot.rank, spot.runs[0].x1 - spot.runs[0].x0, i)


def _resolve_in(
    spots: Sequence[LabelSpot | None],
    order: Sequence[int],
    bounds: tuple[float, float],
    elide: float | None = None,
) -> tuple[list[Box], float, set[int]]:
    """The labels placed one at a time in ``order`` (``resolve_labels``): their boxes, the
    area where one covers another and the labels that had to cover one (step 5).
    ``elide``, a width (step 6): each label is shortened to no wider than that nor than its
    first run (its ``LabelSpot.floor`` at least), and one with no free place then shortened
    further to fit one (``_place_elided``); its box is narrower than its width."""
    lo, hi = bounds
    out: list[Box] = [(0.0, 0.0, 0.0, 0.0)] * len(spots)
    grid = _Grid()
    owner: dict[Box, list[int]] = {}
    covered = 0.0
    late: set[int] = set()
    for i in order:
        spot = spots[i]
        assert spot is not None
        if elide is not None:  # no wider than its own run: it leaves its neighbours room
            limit = max(spot.floor, min(elide, spot.runs[0].x1 - spot.runs[0].x0))
            if spot.width > limit:
                spot = spot._replace(width=limit)
        box = _place(spot, grid, lo, hi)
        if box is None and elide is not None:
            box = _place_elided(spot, grid, lo, hi)
        if box is None:
            box = _least_overlap(spot, grid, lo, hi)
            if not _make_room(box, spot.rank, spots, out, owner, grid, lo, hi):
                near = grid.near(box[0], box[2], box[1], box[3])
                area = sum(_overlap(box, o) for o in set(near))
                if area > 0:
                    covered += area
                    late.add(i)
        out[i] = box
        grid.add(box)
        owner.setdefault(box, []).append(i)
    return out, covered, late


def _place_elided(spot: LabelSpot, grid: _Grid, lo: float, hi: float) -> Box | None:
    """Step 6 of ``resolve_labels``: the widest shortened label (``LABEL_ELIDE_STEP`` pixels
    narrower at a time, down to its ``LabelSpot.floor``) that has a free place on one of its
    own runs (steps 1 and 2, off the boxes it avoids); None when even the narrowest has none."""
    width, floor = spot.width - LABEL_ELIDE_STEP, spot.floor
    while width >= floor:
        box = _place(spot._replace(width=width), grid, lo, hi, on_run_only=True)
        if box is not None:
            return box
        width -= LABEL_ELIDE_STEP
    return None


def _overlap(a: Box, b: Box) -> float:
    """The area two boxes share."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def _least_overlap(spot: LabelSpot, grid: _Grid, lo: float, hi: float) -> Box:
    """Step 5 of ``resolve_labels``: the place with its middle on one of its runs that
    covers the least of the labels placed (by area), the nearest to its first run's middle
    (as step 1 counts) among equals."""
    w, h = spot.width, spot.height
    half = w / 2
    best: tuple[float, float, Box] | None = None
    for run in spot.runs:
        a, b = max(lo, run.x0 - half), min(hi - w, run.x1 - half)
        if a > b:
            continue
        centre = min(max(a, (run.x0 + run.x1) / 2 - half), b)
        for y, dy in _label_tops(run, h):
            labels = [o for o in grid.near(a, b + w, y, y + h) if o[1] < y + h and o[3] > y]
            xs = {centre, a, b}
            for o in labels:
                xs.add(min(max(a, o[0] - w - LABEL_GAP), b))
                xs.add(min(max(a, o[2] + LABEL_GAP), b))
            for x in sorted(xs):
                box = (x, y, x + w, y + h)
                area = sum(_overlap(box, o) for o in set(labels))
                cost = abs(x - centre) + NUDGE_COST * abs(dy)
                if best is None or (area, cost) < best[:2]:
                    best = (area, cost, box)
    if best is None:  # no run in view: centred on its first run, as before
        first = spot.runs[0]
        x = min(max(lo, (first.x0 + first.x1) / 2 - half), max(lo, hi - w))
        y = _slide_top(first, h)
        return (x, y, x + w, y + h)
    return best[2]


def _make_room(
    box: Box,
    rank: int,
    spots: Sequence[LabelSpot | None],
    out: list[Box],
    owner: dict[Box, list[int]],
    grid: _Grid,
    lo: float,
    hi: float,
) -> bool:
    """Try to move the placed labels ``box`` covers elsewhere on their own runs (step 1 or
    2, off what they avoid) so that ``box`` covers none: done and True, or nothing changed
    and False. The repair that lets a label placed early, in the middle of its run, give
    way to a later one that has nowhere else to go."""
    x0, y0, x1, y1 = box
    hit = sorted(
        {o for o in grid.near(x0, x1, y0, y1) if _overlap(box, o) > 0},
        key=lambda o: (o[0], o[1]),
    )
    moved: list[tuple[int, Box, Box]] = []
    for o in hit:
        for i in owner[o]:
            spot = spots[i]
            if spot is None or spot.rank < rank:
                return False  # a label placed first for its rank (the selected event's) stays
            moved.append((i, o, o))
    for _i, o, _new in moved:
        grid.remove(o)
    grid.add(box)
    ok = True
    for k, (i, o, _new) in enumerate(moved):
        spot = spots[i]
        assert spot is not None
        new = _place(spot, grid, lo, hi, on_run_only=True)
        if new is None:
            ok = False
            break
        grid.add(new)
        moved[k] = (i, o, new)
    if not ok:
        for _i, o, new in moved:
            if new is not o:
                grid.remove(new)
            grid.add(o)
        grid.remove(box)
        return False
    grid.remove(box)
    for i, o, new in moved:
        owner[o].remove(i)
        if not owner[o]:
            del owner[o]
        owner.setdefault(new, []).append(i)
        out[i] = new
    return True


def _place(
    spot: LabelSpot, grid: _Grid, lo: float, hi: float, on_run_only: bool = False
) -> Box | None:
    """Where one label goes (``resolve_labels``, steps 1 to 4), the labels in ``grid``
    already placed, or None when every place meets one (step 5 is left to the caller).
    ``on_run_only``: step 1 and 2 only, off the boxes it avoids."""
    w, h = spot.width, spot.height
    half = w / 2
    first = spot.runs[0]
    # per run: the left edges that keep the label's middle on the run, those that keep it
    # over the run, and the placed labels and avoided boxes those places can meet
    near: list[tuple[Run, tuple[float, float], tuple[float, float], list[Box], list[Box]]] = []
    for run in spot.runs:
        touch = min(LABEL_TOUCH, (run.x1 - run.x0) / 2)
        over = (max(lo, run.x0 + touch - w), min(hi - w, run.x1 - touch))
        if over[0] > over[1]:
            continue
        middle = (max(lo, run.x0 - half), min(hi - w, run.x1 - half))
        y0, y1 = min(run.top, run.y - h), max(run.bottom, run.y + h)
        x0, x1 = over[0] - LABEL_GAP, over[1] + w + LABEL_GAP
        labels = [o for o in grid.near(x0, x1, y0, y1) if o[1] < y1 and o[3] > y0 and o[2] > x0]
        avoid = [o for o in spot.avoid if o[1] < y1 and o[3] > y0 and o[2] > x0 and o[0] < x1]
        near.append((run, middle, over, labels, avoid))
    top = _slide_top(first, h)
    ideal = (first.x0 + first.x1) / 2 - half
    wide: list[Box] | None = None
    stages: tuple[tuple[bool, bool], ...] = (
        (True, True),
        (False, True),
        (True, False),
        (False, False),
    )
    if not spot.on_top:
        stages = ((True, True), (True, False), (False, True), (False, False))
    if on_run_only:
        stages = ((True, True),)
    for with_avoided, on_run in stages:
        for reach in (1, 2) if on_run else ():
            best: tuple[float, Box] | None = None
            for run, middle, over, labels, avoid in near:
                a, b = middle if reach == 1 else over
                if a > b:
                    continue
                boxes = labels + avoid if with_avoided else labels
                centre = (run.x0 + run.x1) / 2 - half
                for y, dy in _label_tops(run, h):
                    x = _free_x(centre, a, b, w, y, y + h, boxes)
                    if x is None:
                        continue
                    cost = abs(x - centre) + NUDGE_COST * abs(dy)
                    if best is None or cost < best[0]:
                        best = (cost, (x, y, x + w, y + h))
                    if x == centre:
                        break  # no nudge can come nearer
                if best is not None:
                    return best[1]
        if on_run:
            continue
        # past the end of its first run, along the lane, up to ``LABEL_SLIDE`` widths away
        far_lo = max(lo, first.x0 - LABEL_SLIDE * w)
        far_hi = min(hi, first.x1 + LABEL_SLIDE * w)
        if far_hi - w < far_lo:
            continue
        if wide is None:
            found = grid.near(far_lo, far_hi, top, top + h)
            wide = [o for o in found if o[1] < top + h and o[3] > top]
        boxes = wide + [o for o in spot.avoid if o[1] < top + h and o[3] > top]
        x = _free_x(ideal, far_lo, far_hi - w, w, top, top + h, boxes if with_avoided else wide)
        if x is not None:
            return (x, top, x + w, top + h)
    return None

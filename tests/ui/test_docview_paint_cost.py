"""What a page of the document view costs to paint, and that the shortcuts keep what it shows.

A scroll to a page not painted before measures and marks every span on it (the view's caches
hold only pages already painted): the nesting rows of a page's spans are found in one pass
(``SpanIndex.levels_between``), a tag's width is measured once per label, Qt is asked for the
glyph runs' positions only, and the bars of the underlines and brackets are made without
``_bar`` per bar. These tests hold each shortcut to what it replaces, and the caches to the
changes that must drop them (an edit of the spans, zoom, tag names).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QTextLayout

from ui.docview import paint
from ui.docview.spans import SpanIndex
from ui.docview.view import DocumentView, ViewSpan

COLORS = ["#e6194b", "#3cb44b", "#4363d8", "#f58231"]


def _spans(text: str) -> list[ViewSpan]:
    """A span on every word, some over two words and some nested (several rows)."""
    words = [m.span() for m in re.finditer(r"\w+", text)]
    spans = []
    for k, (start, end) in enumerate(words):
        spans.append(ViewSpan(f"w{k}", start, end, f"L{k % 3}", COLORS[k % 4]))
        if k % 5 == 0 and k + 1 < len(words):
            spans.append(ViewSpan(f"p{k}", start, words[k + 1][1], "PAIR", COLORS[2]))
    return spans


def test_levels_between_gives_each_span_its_level() -> None:
    """The rows found for a stretch in one pass are those ``level`` gives span by span, in
    a fresh index, and after spans are added and removed in the middle of clusters."""
    spans = [ViewSpan(f"s{k}", k * 3, k * 3 + 2 + (k % 4) * 2, "L", "#000") for k in range(200)]
    index, reference = SpanIndex(spans), SpanIndex(spans)
    for start, end in [(0, 50), (40, 41), (100, 400), (599, 700), (1000, 1100)]:
        got = index.levels_between(start, end)
        assert {s.uuid for s in reference.intersecting(start, end)} <= got.keys()
        assert got == {uuid: reference.level(uuid) for uuid in got}
    extra = ViewSpan("x", 30, 90, "L", "#000")
    index.add(extra)
    index.remove("s12")
    fresh = SpanIndex([s for s in spans if s.uuid != "s12"] + [extra])
    got = index.levels_between(0, 700)
    assert {s.uuid for s in fresh.intersecting(0, 700)} <= got.keys()
    assert got == {uuid: fresh.level(uuid) for uuid in got}


def test_a_page_levels_its_spans_once(
    seed_view: DocumentView, seed_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Painting a page of spans levels their clusters a chunk at a time, not span by span
    (each ``level`` placed its span by bisection and walked its cluster: a quarter of the
    time a new page took to paint)."""
    spans = _spans(seed_text)
    seed_view.set_spans(spans)
    calls: list[int] = []
    real = SpanIndex._relevel_around

    def counting(self: SpanIndex, index: int) -> None:
        calls.append(index)
        real(self, index)

    monkeypatch.setattr(SpanIndex, "_relevel_around", counting)
    seed_view.viewport().repaint()
    shown = {g.span.uuid for _o, _b, entries in seed_view._visible(seed_view.viewport().rect())
             for e in entries for g in e.geoms}  # fmt: skip
    assert len(shown) > 50
    assert len(calls) < 5
    for uuid in shown:  # the rows are those a fresh index gives
        assert seed_view.level_of(uuid) == SpanIndex(spans).level(uuid)


class _CountingMetrics:
    def __init__(self, real: Any) -> None:
        self.real, self.calls = real, 0

    def horizontalAdvance(self, text: str) -> float:
        self.calls += 1
        return float(self.real.horizontalAdvance(text))


def test_tag_widths_are_measured_once_per_label(seed_view: DocumentView) -> None:
    tags = paint.TagPixmaps(seed_view._style, 1.0, names={"ORG": "منظمة"})
    counting = tags._fm = _CountingMetrics(tags._fm)  # type: ignore[assignment]
    widths = {tags.width(label) for label in ["ORG", "ORG", "PER", "ORG", "PER"] * 20}
    assert counting.calls == 2
    assert widths == {
        counting.real.horizontalAdvance("منظمة") + 6,
        counting.real.horizontalAdvance("PER") + 6,
    }


def test_tag_widths_follow_names_and_zoom(seed_view: DocumentView) -> None:
    """The widths are kept by the view's tag cache, which names and zoom replace: the tags
    painted are as wide as the names they show at the size shown."""
    seed_view.set_spans([ViewSpan("a", 0, 5, "ORG", COLORS[0])])
    seed_view.viewport().repaint()

    def tag_width() -> int:
        tags = seed_view.visible_tags()
        assert len(tags) == 1
        pixmap = tags[0][1]
        return round(pixmap.width() / pixmap.devicePixelRatio())

    short = tag_width()
    seed_view.set_tag_names({"ORG": "منظمة غير حكومية دولية"})
    seed_view.viewport().repaint()
    named = tag_width()
    assert named > short + 20
    seed_view.set_zoom(seed_view.zoom() + 8)
    seed_view.viewport().repaint()
    assert tag_width() > named  # the tag font follows the document font
    seed_view.set_tag_names({})
    seed_view.viewport().repaint()
    assert tag_width() < named


class _Line:
    """A stand-in for a ``QTextLine`` that records what ``glyphRuns`` is asked."""

    def __init__(self, real: Any) -> None:
        self.real, self.asked = real, []

    def glyphRuns(self, *args: Any) -> Any:
        self.asked.append(args)
        return self.real.glyphRuns(*args)


def test_glyph_runs_are_asked_for_positions_only(seed_view: DocumentView) -> None:
    """Qt fills in the glyph indexes and positions of a run by default; the bounding box is
    all a highlight needs, and the same with the positions alone (a third of the cost)."""
    block = seed_view.document().firstBlock()
    line = _Line(block.layout().lineAt(0))
    boxes = paint._boxes(line, 0, 5)  # type: ignore[arg-type]
    flags = line.asked[0][2]
    assert flags == QTextLayout.GlyphRunRetrievalFlag.RetrieveGlyphPositions
    full = [
        (r.boundingRect().left(), r.boundingRect().right(), r.isRightToLeft())
        for r in line.real.glyphRuns(0, 5)
    ]
    assert boxes == full


def _reference_bars(
    boxes: Any, geoms: list[paint.SpanGeometry], levels: list[int], style: paint.MarkStyle
) -> list[QRect]:
    """The underlines and brackets as ``_bar`` makes them, one call per bar."""
    half, bars = style.pen / 2, []
    for g, level in zip(geoms, levels, strict=True):
        row = min(level, paint.MAX_LEVELS - 1)
        for line, x0, x1 in g.runs:
            y = boxes[line].baseline + style.underline_top + row * style.step
            bars.append(paint._bar(x0, y - half, x1, y + half))
        for edge in [e for e in (g.start, g.end) if e is not None]:
            box = boxes[edge.line]
            x, top, bottom = edge.x, box.y + 1, box.text_bottom - 1
            tick = edge.inward * max(2.5, style.step)
            bars.append(paint._bar(x - half, top - half, x + half, bottom + half))
            bars.append(paint._bar(x, top - half, x + tick, top + half))
            bars.append(paint._bar(x, bottom - half, x + tick, bottom + half))
    return bars


@pytest.mark.parametrize("zoom", [8, 14, 23, 40])
def test_bars_are_those_bar_makes(seed_view: DocumentView, seed_text: str, zoom: int) -> None:
    """Every bar of a page of spans (underlines on several rows, brackets) is the very
    rectangle ``_bar`` gives, at several sizes (the rounding of half-pixel pens)."""
    seed_view.set_zoom(zoom)
    seed_view.set_spans(_spans(seed_text))
    seed_view.viewport().repaint()
    checked = 0
    for _origin, _block, entries in seed_view._visible(seed_view.viewport().rect()):
        for entry in entries:
            marks = seed_view._block_marks(entry)
            levels = [seed_view.level_of(g.span.uuid) for g in entry.geoms]
            got = sorted((r.getRect() for _c, rects in marks.bars for r in rects))
            want = _reference_bars(entry.boxes, entry.geoms, levels, seed_view._style)
            assert got == sorted(r.getRect() for r in want)
            checked += len(want)
    assert checked > 100


def _page_geometry(view: DocumentView) -> list[tuple[str, list[tuple[int, float, float]]]]:
    view.viewport().repaint()
    return sorted(
        (g.span.uuid, [(line, round(x0, 2), round(x1, 2)) for line, x0, x1 in g.runs])
        for _o, _b, entries in view._visible(view.viewport().rect())
        for e in entries
        for g in e.geoms
    )


def test_paragraphs_keep_their_glyphs_and_stay_right(
    seed_view: DocumentView, seed_text: str, qtbot: Any
) -> None:
    """Every paragraph's layout keeps its shaped glyphs (Qt shaped each one again for the
    first glyph run a span asked for), through a zoom and a narrower pane too; and what the
    spans measure after those is what a fresh view at that size measures (no stale glyphs)."""
    spans = _spans(seed_text)
    seed_view.set_spans(spans)
    block = seed_view.document().begin()
    while block.isValid():
        assert block.layout().cacheEnabled()
        block = block.next()
    for zoom, width in [(20, 800), (11, 560)]:
        seed_view.set_zoom(zoom)
        seed_view.resize(width, 600)
        assert seed_view.document().firstBlock().layout().cacheEnabled()
        fresh = DocumentView()
        qtbot.addWidget(fresh)
        fresh.resize(width, 600)
        fresh.set_zoom(zoom)
        fresh.show()
        qtbot.waitExposed(fresh)
        fresh.set_text(seed_text)
        fresh.set_spans(spans)
        for shown in (seed_view, fresh):  # (the scroll bars settle: the text's width)
            shown.viewport().repaint()
            qtbot.wait(20)
        assert seed_view.viewport().width() == fresh.viewport().width()
        got, want = _page_geometry(seed_view), _page_geometry(fresh)
        assert len(want) > 20 and got == want

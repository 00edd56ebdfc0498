"""Each label tag stays under its own span on a crowded line, in both directions (QA: in the
Arabic interface the tags of فرنسا، أستراليا، بريطانيا، ألمانيا، إيطاليا وهولندا, each
كيان جغرافي سياسي and wider than its word, slid along the line one past the other, and the
LOC tag of هولندا sat some 250 px from it under empty space; in English each stayed under its
word). A tag with no room under its span is shortened (its span's tooltip names it), never
pushed away from its span."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui.docview.paint import Edge, LineBox, SpanGeometry, _place_tags
from ui.docview.view import DocumentView, ViewSpan

LINE = "الجوية ضد داعش، وهي الولايات المتحدة، فرنسا، أستراليا، بريطانيا، ألمانيا، إيطاليا وهولندا."
NAMES = {"GPE": "كيان جغرافي سياسي", "LOC": "موقع", "ORG": "منظمة"}
SLACK = 0.0
"""how far (px) a tag may sit from its span's run: it must overlap it"""


class Recorder:
    """Stands in for ``TagPixmaps``: the width of each label and the width each tag got."""

    def __init__(self, widths: dict[str, float]) -> None:
        self.widths = widths
        self.patterns: dict[str, str] = {}
        self.got: list[tuple[str, float]] = []

    def width(self, label: str) -> float:
        return self.widths[label]

    def get(self, span: Any, selected: bool, width: float | None = None) -> Any:
        self.got.append((span.uuid, self.widths[span.label] if width is None else width))
        return None


def _placed(
    boxes: list[LineBox], geoms: list[SpanGeometry], widths: dict[str, float]
) -> dict[str, tuple[int, float, float]]:
    """uuid -> (line, x0, x1) of each tag drawn."""
    tags = Recorder(widths)
    style = SimpleNamespace(tag_height=12)
    placed = _place_tags(boxes, geoms, cast(Any, style), None, cast(Any, tags))
    out = {}
    for (point, _), (uuid, width) in zip(placed, tags.got, strict=True):
        line = next(i for i, b in enumerate(boxes) if b.y <= point.y() + 1 < b.y + b.height)
        out[uuid] = (line, point.x() + 1, point.x() + 1 + width)
    return out


def _check(boxes: list[LineBox], geoms: list[SpanGeometry], placed: dict[str, Any]) -> None:
    by_line: dict[int, list[tuple[float, float]]] = {}
    for g in geoms:
        if g.start is None or not g.first_piece or g.span.uuid not in placed:
            continue
        line, x0, x1 = placed[g.span.uuid]
        run = next(r for r in g.runs if r[0] == g.start.line)
        assert line == g.start.line
        # overlaps its own span's run (or within SLACK of it)
        assert x0 < run[2] + SLACK and x1 > run[1] - SLACK, (g.span.uuid, (x0, x1), run)
        box = boxes[line]
        if box.width > 0:
            assert box.x - 0.01 <= x0 and x1 <= box.x + box.width + 0.01
        by_line.setdefault(line, []).append((x0, x1))
    for tags in by_line.values():
        tags.sort()
        for (_, a1), (b0, _) in itertools.pairwise(tags):
            assert a1 < b0, tags  # never over another


def _row(rtl: bool, n: int = 6) -> list[SpanGeometry]:
    """``n`` adjacent 50 px words 10 px apart on a 900 px line, the first at the line's start
    side, the last one a LOC."""
    geoms = []
    for k in range(n):
        a = 850 - 60 * k - 50 if rtl else 50 + 60 * k
        b = a + 50
        label = "LOC" if k == n - 1 else "GPE"
        span = SimpleNamespace(label=label, uuid=f"s{k}")
        start = Edge(0, b, -1.0) if rtl else Edge(0, a, 1.0)
        end = Edge(0, a, 1.0) if rtl else Edge(0, b, -1.0)
        geoms.append(
            SpanGeometry(cast(Any, span), runs=[(0, a, b)], start=start, end=end, first_piece=True)
        )
    return geoms


@pytest.mark.parametrize("rtl", [True, False], ids=["rtl", "ltr"])
def test_wide_tags_of_adjacent_words_stay_under_their_own_words(rtl: bool) -> None:
    boxes = [LineBox(0, 10, 4, 20, x=0, width=900)]
    geoms = _row(rtl)
    placed = _placed(boxes, geoms, {"GPE": 100.0, "LOC": 28.0})
    assert set(placed) == {g.span.uuid for g in geoms}  # none left out
    _check(boxes, geoms, placed)
    # the LOC tag is whole and under its word
    _, x0, x1 = placed["s5"]
    assert x1 - x0 == 28.0
    run = geoms[5].runs[0]
    assert run[1] - 1 <= x0 and x1 <= run[2] + 1


@pytest.mark.parametrize("rtl", [True, False], ids=["rtl", "ltr"])
def test_a_lone_wide_tag_is_whole_and_starts_at_its_span(rtl: bool) -> None:
    boxes = [LineBox(0, 10, 4, 20, x=0, width=900)]
    geoms = _row(rtl, n=1)
    geoms[0].span.label = "GPE"
    placed = _placed(boxes, geoms, {"GPE": 100.0})
    _, x0, x1 = placed["s0"]
    assert x1 - x0 == 100.0
    assert (x1 == 850) if rtl else (x0 == 50)


def _spans(text: str) -> list[ViewSpan]:
    words = {m.group(): m.span() for m in re.finditer(r"[^\s،.]+", text)}
    words["هولندا"] = (words["وهولندا"][0] + 1, words["وهولندا"][1])
    names = ("فرنسا", "أستراليا", "بريطانيا", "ألمانيا", "إيطاليا")
    spans = [ViewSpan(f"g{k}", *words[w], "GPE", "#1b9e77") for k, w in enumerate(names)]
    spans.append(ViewSpan("loc", *words["هولندا"], "LOC", "#e6d23c"))
    spans.append(ViewSpan("org", *words["داعش"], "ORG", "#4363d8"))
    return spans


def show_crowded_line(view: DocumentView, names: dict[str, str] | None = None) -> None:
    """``LINE`` in a 900 px right-to-left view with its spans, painted; the tags named by
    ``names`` when given."""
    view.resize(900, 300)
    view.set_text(LINE)
    view.set_direction("rtl")
    if names is not None:
        view.set_tag_names(names)
    view.set_spans(_spans(LINE))
    QApplication.processEvents()
    view.viewport().repaint()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_crowded_line_in_the_view_keeps_each_tag_under_its_span(
    view: DocumentView, qtbot: QtBot, shots: Path, lang: str
) -> None:
    show_crowded_line(view, NAMES if lang == "ar" else None)
    view.grab().save(str(shots / f"tag_placement_near_span_{lang}.png"))
    visible = view._visible(view.viewport().rect())
    assert visible
    seen = 0
    for _origin, _block, entries in visible:
        for entry in entries:
            tags = view._tags
            assert tags is not None
            recorder = Recorder({label: tags.width(label) for label in ("GPE", "LOC", "ORG")})
            style = SimpleNamespace(tag_height=12)
            placed = _place_tags(
                entry.boxes, entry.geoms, cast(Any, style), None, cast(Any, recorder)
            )
            got = {}
            for (point, _), (uuid, width) in zip(placed, recorder.got, strict=True):
                y = point.y() + 1
                line = next(i for i, b in enumerate(entry.boxes) if b.y <= y < b.y + b.height)
                got[uuid] = (line, point.x() + 1, point.x() + 1 + width)
            _check(list(entry.boxes), list(entry.geoms), got)
            seen += len(got)
    assert seen == 7  # every tag drawn

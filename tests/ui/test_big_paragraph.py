"""Span geometry in a paragraph of many lines (one QTextBlock) reads only the lines a range
covers (``lines_over``, a bisection to the first), and gives what walking every line of the
block gave: the same runs, edges and line numbers, for words, ranges across line wraps,
ranges of mixed direction, empty ranges and ranges reaching past the block's end.
(How long a 15,000-word paragraph takes is ``tests/benchmarks/bench_big_paragraph.py``.)
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

import pytest
from PySide6.QtGui import QTextLayout, QTextLine

from ui.docview import paint
from ui.docview.paint import first_line_past, lines_over, piece_geometry
from ui.docview.view import DocumentView, ViewSpan

TEXT = " ".join(
    ["قال الوزير إن الاجتماع في بباريس عام 2014 ضم Jean-Yves Le Drian ووزراء (داعش)."] * 12
)


def every_line(layout: QTextLayout, a: int, b: int) -> Iterator[tuple[int, QTextLine]]:
    """The walk ``piece_geometry`` made before: every line of the block, whatever the range."""
    for i in range(layout.lineCount()):
        yield i, layout.lineAt(i)


@pytest.fixture
def laid_out(view: DocumentView) -> QTextLayout:
    view.resize(320, 600)
    view.set_text(TEXT)
    block = view.document().firstBlock()
    assert view.document().blockCount() == 1
    view.blockBoundingRect(block)  # laid out
    layout = block.layout()
    assert layout.lineCount() >= 20
    return layout


def test_lines_over_are_the_lines_a_range_meets(laid_out: QTextLayout) -> None:
    layout = laid_out
    bounds = [(layout.lineAt(i).textStart(), layout.lineAt(i).textLength()) for i in range(20)]
    end = len(TEXT)
    points = sorted({0, 1, end - 1, end, end + 5} | {s + d for s, _ in bounds for d in (-1, 0, 1)})
    for a, b in itertools.combinations([p for p in points if p >= 0], 2):
        met = [i for i, (s, n) in enumerate(bounds) if max(a, s) < min(b, s + n)]
        got = [i for i, _line in lines_over(layout, a, b)]
        assert set(met) <= set(got), (a, b)  # every line it meets, and
        assert all(layout.lineAt(i).textStart() < b for i in got)  # none starting past it
        assert got == sorted(got) and (not got or got[0] == first_line_past(layout, a))
    assert first_line_past(layout, end + 5) == layout.lineCount()


def test_geometry_equals_the_walk_over_every_line(
    laid_out: QTextLayout, monkeypatch: pytest.MonkeyPatch
) -> None:
    layout = laid_out
    words = [m.span() for m in re.finditer(r"\w+", TEXT)]
    ranges = words + [(a, d) for (a, _b), (_c, d) in itertools.pairwise(words)]
    ranges += [(words[i][0], words[i + 15][1]) for i in range(0, len(words) - 15, 7)]
    ranges += [(0, len(TEXT)), (5, 5), (len(TEXT) - 3, len(TEXT) + 4)]
    ranges += [(layout.lineAt(i).textStart() - 2, layout.lineAt(i).textStart() + 2) for i in (3, 9)]
    spread = 0
    for (a, b), with_text in itertools.product(ranges, (True, False)):
        span = ViewSpan("s", a, b, "L", "#4363d8")
        text = TEXT[a:b] if with_text else None
        for starts, ends in ((True, True), (False, True), (True, False)):
            args = (layout, span, a, b)
            quick = piece_geometry(*args, starts=starts, ends=ends, rtl=True, text=text)
            with monkeypatch.context() as m:
                m.setattr(paint, "lines_over", every_line)
                reference = piece_geometry(*args, starts=starts, ends=ends, rtl=True, text=text)
            assert quick == reference, (a, b, TEXT[a:b])
        spread = max(spread, len({line for line, _x0, _x1 in quick.runs}))
    assert spread >= 3  # some ranges run over several lines

"""Span highlights sit on the glyphs of the span in every mix of directions.

Qt 6.11's ``QTextLine.cursorToX`` is one character off at the edges of a run of the other
direction than its paragraph (Latin or Western digits in an Arabic line, Arabic in a Latin
one): a highlight measured with it covered "pple" and the space after "Apple", and left the
"2" of "2014" outside its box in the sample article. These tests hold the highlight to where
Qt draws each grapheme cluster: the positions of its glyphs (``QGlyphRun.positions``) and
their advances (``QRawFont.advancesForGlyphIndexes``), never the cursor x. Every cluster of
the span lies inside the highlight, no cluster outside it is under it, each bracket is at an
outer end of the highlight, a click on a glyph finds its character, and the painted tint is
under the glyphs of the span and not beside them.
"""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QColor, QImage, QTextLayout, QTextLine
from PySide6.QtWidgets import QApplication

from ui.docview.paint import SpanGeometry, piece_geometry
from ui.docview.view import DocumentView, ViewSpan

NEWS = "أعلنت شركة Apple عن هاتف iPhone15 في 2024م"
TOLERANCE = 0.6  # pixels: Qt's advances are fractional, the checks are on glyph edges


def drawn(layout: QTextLayout, line: QTextLine) -> list[tuple[int, int, float, float]]:
    """``(start, end, x0, x1)`` of each grapheme cluster of ``line`` that Qt draws with some
    width: from the pen positions of its glyphs to the end of their advances."""
    out = []
    c, end = line.textStart(), line.textStart() + line.textLength()
    while c < end:
        nxt = layout.nextCursorPosition(c)
        xs: list[float] = []
        for run in line.glyphRuns(c, nxt - c):
            advances = run.rawFont().advancesForGlyphIndexes(run.glyphIndexes())
            for pos, adv in zip(run.positions(), advances, strict=True):
                xs += [pos.x(), pos.x() + adv.x()]
        if xs and max(xs) - min(xs) > TOLERANCE:
            out.append((c, nxt, min(xs), max(xs)))
        c = nxt
    return out


def laid_out(view: DocumentView, text: str, width: int = 900) -> QTextLayout:
    """``text`` shown in ``view`` (``width`` wide), its paragraph laid out."""
    view.resize(width, 400)
    view.set_text(text)
    block = view.document().firstBlock()
    view.blockBoundingRect(block)
    QApplication.processEvents()
    return block.layout()


def check_on_glyphs(view: DocumentView, text: str, a: int, b: int) -> SpanGeometry:
    """The span ``[a, b)`` of the (BMP-only, one paragraph) ``text`` shown in ``view``,
    measured both ways (with its text, as the view does, and cluster by cluster): its
    highlight covers every cluster of the span Qt draws, and none other; its brackets stand
    at outer ends of it."""
    block = view.document().firstBlock()
    layout = block.layout()
    rtl = block.textDirection().name == "RightToLeft"
    span = ViewSpan("s", a, b, "ORG", "#4363d8")
    geoms = [
        piece_geometry(layout, span, a, b, starts=True, ends=True, rtl=rtl, text=text[a:b]),
        piece_geometry(layout, span, a, b, starts=True, ends=True, rtl=rtl),
    ]
    for geom in geoms:
        assert geom.runs, text[a:b]
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            runs = [(x0, x1) for n, x0, x1 in geom.runs if n == i]
            for c, nxt, x0, x1 in drawn(layout, line):
                inside = any(r0 - TOLERANCE <= x0 and x1 <= r1 + TOLERANCE for r0, r1 in runs)
                under = sum(max(0.0, min(x1, r1) - max(x0, r0)) for r0, r1 in runs)
                if a <= c < b or a < nxt <= b:
                    assert inside, (text[a:b], text[c:nxt], (x0, x1), runs)
                else:
                    assert under <= TOLERANCE, (text[a:b], text[c:nxt], (x0, x1), runs)
        for edge in (geom.start, geom.end):
            assert edge is not None, text[a:b]
            ends = [(x0, x1) for n, x0, x1 in geom.runs if n == edge.line]
            at = [(x0, x1) for x0, x1 in ends if abs(edge.x - x0) < 0.01 or abs(edge.x - x1) < 0.01]
            assert at, (text[a:b], edge, ends)
            x0, x1 = at[0]
            assert edge.inward == (1.0 if abs(edge.x - x0) < 0.01 else -1.0), (text[a:b], edge)
    quick, slow = geoms
    assert len(quick.runs) == len(slow.runs), text[a:b]
    for (la, a0, a1), (lb, b0, b1) in zip(quick.runs, slow.runs, strict=True):
        assert la == lb and abs(a0 - b0) <= 0.5 and abs(a1 - b1) <= 0.5, text[a:b]
    return quick


def spans_of(text: str, *words: str) -> list[tuple[int, int]]:
    return [(text.index(w), text.index(w) + len(w)) for w in words]


def test_latin_in_an_arabic_line(view: DocumentView) -> None:
    """ "Apple" and "iPhone15" in an Arabic line: the box is on their letters (it was one
    letter to the right, over "pple" and the space after it)."""
    laid_out(view, NEWS)
    for a, b in spans_of(NEWS, "Apple", "iPhone15", "A", "e", "pp"):
        geom = check_on_glyphs(view, NEWS, a, b)
        assert len(geom.runs) == 1


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (NEWS, ("2024م", "2024", "4م")),
        ("قال إن عام 2014 كان صعبا", ("2014", "عام 2014", "2014 كان", "2")),
        ("قال إن عام ٢٠١٤ كان صعبا", ("٢٠١٤", "عام ٢٠١٤", "٢٠١٤ كان", "٢")),
        ("السعر 15$ أو ١٥ دولارا", ("15$", "١٥ دولارا", "15")),
    ],
)
def test_digits_in_an_arabic_line(view: DocumentView, text: str, words: tuple[str, ...]) -> None:
    """Western and Arabic-Indic digits, alone or with the Arabic around them."""
    laid_out(view, text)
    for a, b in spans_of(text, *words):
        check_on_glyphs(view, text, a, b)


def test_arabic_in_a_latin_line(view: DocumentView) -> None:
    text = "The word كتاب is Arabic, and مدينة 2014 too"
    laid_out(view, text)
    for a, b in spans_of(text, "كتاب", "word كتاب", "كتاب is", "تا", "مدينة 2014", "Arabic"):
        check_on_glyphs(view, text, a, b)


def test_a_span_across_a_run_boundary(view: DocumentView) -> None:
    """ "شركة Apple" is drawn in one stretch (the space joins the two runs); "كة Ap" in two
    places, Latin and Arabic apart: two rectangles, each on its own glyphs."""
    laid_out(view, NEWS)
    (a, b), (c, d) = spans_of(NEWS, "شركة Apple", "كة Ap")
    assert len(check_on_glyphs(view, NEWS, a, b).runs) == 1
    assert len(check_on_glyphs(view, NEWS, c, d).runs) == 2
    e, f = spans_of(NEWS, "هاتف iPhone15 في 2024م")[0]
    check_on_glyphs(view, NEWS, e, f)


def test_harakat_and_a_span_ending_inside_a_cluster(view: DocumentView) -> None:
    """Words with harakat, and a span ending before the tanween of its last letter (it is
    drawn with that letter: the box covers the whole cluster)."""
    text = "قال مُحَمَّدٌ إنّ Apple نشاطاً كبيرا"
    laid_out(view, text)
    for a, b in spans_of(text, "مُحَمَّدٌ", "إنّ Apple", "Apple نشاطاً", "نشاطاً"):
        check_on_glyphs(view, text, a, b)
    a = text.index("نشاطا")
    check_on_glyphs(view, text, a, a + len("نشاطا"))


def test_spans_across_a_line_wrap(view: DocumentView) -> None:
    """Mixed spans ending at a wrap and running over it: each line's part is on its glyphs."""
    text = (NEWS + " ") * 6
    layout = laid_out(view, text, width=420)
    assert layout.lineCount() >= 3
    for i in range(1, layout.lineCount()):
        wrap = layout.lineAt(i).textStart()
        before = text.rindex(" ", 0, wrap - 1) + 1
        after = text.index(" ", wrap)
        check_on_glyphs(view, text, before, wrap - 1)  # the last word of a line
        check_on_glyphs(view, text, before, after)  # the last word and the next line's first
        check_on_glyphs(view, text, before - 12, wrap + 12)


def glyph_centres(view: DocumentView) -> list[tuple[int, QPoint]]:
    """Viewport points at the middle of each drawn cluster of the first line, near the line's
    top (above the glyphs' ink, under the tint): (position, point)."""
    block = view.document().firstBlock()
    layout = block.layout()
    line = layout.lineAt(0)
    origin = view.blockBoundingGeometry(block).translated(view.contentOffset()).topLeft()
    out = []
    for c, _nxt, x0, x1 in drawn(layout, line):
        point = QPointF(origin.x() + (x0 + x1) / 2, origin.y() + line.y() + 2)
        out.append((c, point.toPoint()))
    return out


def tinted(image: QImage, point: QPoint) -> bool:
    """Whether the pixel shows the blue tint of "#4363d8" (not white, not grey ink)."""
    color = QColor(image.pixel(point))
    return color.blue() - color.red() > 12


def grab(view: DocumentView) -> QImage:
    view.viewport().repaint()
    QApplication.processEvents()
    return view.viewport().grab().toImage()


@pytest.mark.parametrize("word", ["Apple", "iPhone15", "2024م"])
def test_the_painted_tint_is_under_the_spans_glyphs(view: DocumentView, word: str) -> None:
    """In the picture: the tint is above every cluster of the span and none beside it."""
    laid_out(view, NEWS)
    a = NEWS.index(word)
    b = a + len(word)
    view.set_spans([ViewSpan("s", a, b, "ORG", "#4363d8")])
    image = grab(view)
    for c, point in glyph_centres(view):
        assert tinted(image, point) == (a <= c < b), (word, NEWS[c], point)


def test_the_sample_articles_2014(seed_view: DocumentView, seed_text: str) -> None:
    """The bundled article's "2014" (QA 13): the tint is over its four digits, from the "2"
    on, and not over the characters beside them; a click on each digit finds that digit."""
    a = seed_text.index("2014")
    seed_view.set_spans([ViewSpan("s", a, a + 4, "TIME", "#4363d8")])
    block = seed_view.document().findBlock(a)
    layout = block.layout()
    line = layout.lineForTextPosition(a - block.position())
    origin = seed_view.blockBoundingGeometry(block).translated(seed_view.contentOffset()).topLeft()
    image = grab(seed_view)
    rel = a - block.position()
    seen = 0
    for c, _nxt, x0, x1 in drawn(layout, line):
        if not rel - 2 <= c < rel + 6:
            continue
        point = QPointF(origin.x() + (x0 + x1) / 2, origin.y() + line.y() + 2).toPoint()
        inside = rel <= c < rel + 4
        assert tinted(image, point) == inside, (seed_text[block.position() + c], point)
        point.setY(int(origin.y() + line.y() + line.height() / 2))
        assert seed_view.char_at(point) == block.position() + c
        seen += 1
    assert seen == 8


def test_a_click_finds_the_character_drawn_there(view: DocumentView) -> None:
    """Every drawn cluster of lines mixing directions, clicked in its middle, is the one found
    (Qt's hit test gave the next Arabic letter for the space after "Apple")."""
    for text in (NEWS, "The word كتاب is 12 Arabic", "قال مُحَمَّدٌ إنّ Apple نشاطاً"):
        laid_out(view, text)
        block = view.document().firstBlock()
        line = block.layout().lineAt(0)
        origin = view.blockBoundingGeometry(block).translated(view.contentOffset()).topLeft()
        y = int(origin.y() + line.y() + line.height() / 2)
        for c, _nxt, x0, x1 in drawn(block.layout(), line):
            # every whole pixel whose middle is inside the cluster, a pixel in from its ends
            for x in range(math.ceil(origin.x() + x0 + 1), math.floor(origin.x() + x1 - 1)):
                assert view.char_at(QPoint(x, y)) == c, (text, text[c], x)

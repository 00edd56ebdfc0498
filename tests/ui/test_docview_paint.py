"""The document view's paint path: one-run measurement, cached marks, repaint of the same page.

``piece_geometry`` measures a span that is one bidi run (``one_run``) at its two ends on each
line; these tests hold it to the cluster-by-cluster measurement it replaces, on every word of
the seed article and across line wraps. The view keeps what a block paints (``BlockMarks``)
while its layout, nesting rows and selection hold; the tests check that a change of any of
them is painted.
"""

from __future__ import annotations

import itertools
import re

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from ui.docview.paint import SpanGeometry, one_run, piece_geometry
from ui.docview.spans import LayerFields
from ui.docview.view import DocumentView, ViewSpan


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("بغداد", 1),
        ("وزارةُ", 1),  # a combining mark inside an Arabic word
        ("שלום", 1),
        ("Paris", -1),
        ("café", -1),
        ("2014", 0),
        ("عام 2014", 0),
        ("بغداد.", 0),  # punctuation takes its direction from around it
        ("بغداد Paris", 0),
        ("\u064eبغداد", 0),  # a leading mark belongs to what stands before the span
        ("\u200fبغداد", 1),  # the right-to-left mark is a strong R character
        ("\u202bبغداد", 0),  # an embedding control
        ("", 0),
    ],
)
def test_one_run_only_for_strong_letters_of_one_direction(text: str, expected: int) -> None:
    assert one_run(text) == expected


def close(a: SpanGeometry, b: SpanGeometry) -> bool:
    def near(x: float, y: float) -> bool:
        return abs(x - y) <= 0.5

    if len(a.runs) != len(b.runs) or (a.start is None) != (b.start is None):
        return False
    if (a.end is None) != (b.end is None):
        return False
    for (la, a0, a1), (lb, b0, b1) in zip(a.runs, b.runs, strict=True):
        if la != lb or not near(a0, b0) or not near(a1, b1):
            return False
    for ea, eb in ((a.start, b.start), (a.end, b.end)):
        if (
            ea is not None
            and eb is not None
            and (ea.line != eb.line or not near(ea.x, eb.x) or ea.inward != eb.inward)
        ):
            return False
    return True


def test_one_run_measurement_matches_cluster_by_cluster(
    seed_view: DocumentView, seed_text: str
) -> None:
    """Every word of the seed article (Arabic, digits, Latin), and pairs of words, measured
    both ways: same runs (within half a pixel) and same edges."""
    doc = seed_view.document()
    checked = fast = 0
    words = [m.span() for m in re.finditer(r"\w+", seed_text)]
    ranges = words + [(a, d) for (a, _b), (_c, d) in itertools.pairwise(words)]
    for start, end in ranges:
        block = doc.findBlock(start)  # the seed is BMP-only: code points are Qt positions
        if block != doc.findBlock(end - 1):
            continue
        seed_view.blockBoundingRect(block)  # laid out
        layout, pos = block.layout(), block.position()
        rtl = block.textDirection().name == "RightToLeft"
        span = ViewSpan("s", start, end, "L", "#4363d8")
        args = (layout, span, start - pos, end - pos)
        slow = piece_geometry(*args, starts=True, ends=True, rtl=rtl)
        quick = piece_geometry(*args, starts=True, ends=True, rtl=rtl, text=seed_text[start:end])
        assert close(quick, slow), (seed_text[start:end], quick, slow)
        checked += 1
        fast += bool(one_run(seed_text[start:end]))
    assert checked > 500 and fast > 300  # the fast path was taken, on most words


def test_mixed_ranges_are_measured_cluster_by_cluster(view: DocumentView) -> None:
    """Ranges over Latin and Arabic in a right-to-left line ("def عربي" is drawn in two
    places, "abc" between them): measured with their text, the same as without it."""
    text = "قال الوزير abc def عربي 2014 هنا"
    view.set_text(text)
    block = view.document().firstBlock()
    view.blockBoundingRect(block)
    words = [m.span() for m in re.finditer(r"\w+", text)]
    ranges = [(a, d) for i, (a, _b) in enumerate(words) for (_c, d) in words[i:]]
    split = 0
    for start, end in ranges:
        span = ViewSpan("s", start, end, "L", "#4363d8")
        args = (block.layout(), span, start, end)
        slow = piece_geometry(*args, starts=True, ends=True, rtl=True)
        quick = piece_geometry(*args, starts=True, ends=True, rtl=True, text=text[start:end])
        assert close(quick, slow), text[start:end]
        split += len(slow.runs) > 1
    assert split  # some ranges are drawn in more than one piece


def test_one_run_across_a_line_wrap(view: DocumentView) -> None:
    """A long run of Arabic letters wrapped over several lines: one run per line, each the
    same as measured cluster by cluster."""
    word = "بغداد" * 60
    view.resize(300, 400)
    view.set_text(word)
    block = view.document().firstBlock()
    view.blockBoundingRect(block)
    layout = block.layout()
    assert layout.lineCount() >= 3
    span = ViewSpan("s", 3, len(word) - 3, "L", "#4363d8")
    args = (layout, span, 3, len(word) - 3)
    slow = piece_geometry(*args, starts=True, ends=True, rtl=True)
    quick = piece_geometry(*args, starts=True, ends=True, rtl=True, text=word[3:-3])
    assert len(quick.runs) == layout.lineCount()
    assert close(quick, slow)


def grab(view: DocumentView) -> QImage:
    view.viewport().repaint()
    QApplication.processEvents()
    return view.viewport().grab().toImage()


def differs(a: QImage, b: QImage) -> bool:
    return any(
        a.pixel(x, y) != b.pixel(x, y) for y in range(0, a.height(), 2) for x in range(a.width())
    )


def test_cached_marks_follow_nesting_selection_and_zoom(
    seed_view: DocumentView, seed_text: str
) -> None:
    """What a block paints is kept between paints, but a new nesting row, another selected
    span or a zoom is painted at once (and going back paints the first picture again)."""
    org = seed_text.index("وزارة الدفاع")
    seed_view.set_spans([ViewSpan("org", org, org + 12, "ORG", "#4363d8")])
    first = grab(seed_view)
    assert grab(seed_view) == first  # a repaint from the cache is the same picture
    inner = ViewSpan("def", org + 6, org + 12, "ORG", "#f58231")
    seed_view.add_span(inner)  # nested: a second underline row in the same block
    nested = grab(seed_view)
    assert differs(nested, first)
    seed_view.set_selected("org")
    selected = grab(seed_view)
    assert differs(selected, nested)
    x = seed_view.cursor_rect(org + 3).x()
    y = seed_view.cursor_rect(org + 3).top() - 1
    assert QColor(selected.pixel(QPoint(x, y))).lightness() < 100  # the outline's top edge
    seed_view.set_selected(None)
    assert grab(seed_view) == nested
    seed_view.remove_span("def")
    assert grab(seed_view) == first
    seed_view.set_zoom(seed_view.zoom() + 4)
    assert differs(grab(seed_view), first)


def test_replaced_spans_paint_as_a_fresh_view_does(seed_view: DocumentView, seed_text: str) -> None:
    """Replacing the spans (a big document's first screen, then its whole layer) keeps what a
    block painted only when the block shows the very same spans: a block whose spans changed
    (another colour, a span more or less) is painted anew, and the picture is always the one
    painted with nothing kept (after a zoom there and back, which drops every block's)."""
    org = seed_text.index("وزارة الدفاع")
    first = [ViewSpan("org", org, org + 5, "ORG", "#4363d8")]
    far = len(seed_text) - 10
    seed_view.set_spans(first)
    grab(seed_view)
    whole = [*first, ViewSpan("far", far, far + 4, "LOC", "#3cb44b")]  # off screen
    seed_view.set_span_fields(LayerFields.of(whole))
    kept = grab(seed_view)
    assert grab_afresh(seed_view) == kept
    recoloured = [ViewSpan("org", org, org + 5, "ORG", "#f58231"), whole[1]]
    seed_view.set_span_fields(LayerFields.of(recoloured))
    changed = grab(seed_view)
    assert differs(changed, kept)
    assert grab_afresh(seed_view) == changed
    seed_view.set_spans(whole[1:])
    assert grab(seed_view) == grab_afresh(seed_view)
    assert differs(grab(seed_view), changed)


def grab_afresh(view: DocumentView) -> QImage:
    """The picture painted with no block's geometry kept."""
    zoom = view.zoom()
    view.set_zoom(zoom + 1)
    grab(view)
    view.set_zoom(zoom)
    return grab(view)

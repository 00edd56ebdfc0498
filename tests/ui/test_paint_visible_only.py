"""A paint measures the spans of the lines it shows, not every span of the block: in one long
paragraph (one QTextBlock) the view makes span geometry a few lines at a time
(``paint.CHUNK_LINES``), for the lines meeting the painted rectangle only, and what those lines
get is what the whole block's computation (``SpanTextView._block_geometry``) gives them: the
same runs, edge brackets and label tags, for spans wholly or partly on screen, at the top,
middle and end of the paragraph, right to left with Latin and digits inside.
(How long such a paint takes is ``tests/benchmarks/bench_big_paragraph.py``.)
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui.docview import paint
from ui.docview.text_view import _BlockCache
from ui.docview.view import DocumentView, ViewSpan

SENTENCE = (
    "قال الوزير إن الاجتماع في باريس عام 2014 ضم Jean-Yves Le Drian ووزراء من 12 دولة "
    "وأكدت وكالة Reuters أن النمو بلغ 3.5 في المئة (داعش) في الربع الثاني."
)
COLORS = ("#4363d8", "#e6194b", "#3cb44b", "#f58231")


def _text() -> str:
    return " ".join([SENTENCE] * 80)  # ~2,000 words, one paragraph


def _spans(text: str) -> tuple[list[ViewSpan], list[ViewSpan]]:
    words = [m.span() for m in re.finditer(r"\S+", text)]
    spans: list[ViewSpan] = []
    for k in range(0, len(words) - 8, 3):
        a, b = words[k]
        color = COLORS[k % len(COLORS)]
        if k % 33 == 0:  # six words: wraps over lines now and then; a word nested in it
            spans.append(ViewSpan(f"long{k}", a, words[k + 5][1], "ORG", color))
            inner = words[k + 2]
            spans.append(ViewSpan(f"in{k}", inner[0], inner[1], "PER", color))
        elif k % 51 == 0:  # discontinuous: two words with one between
            c, d = words[k + 2]
            spans.append(ViewSpan(f"frag{k}", a, d, "LOC", color, fragments=((a, b), (c, d))))
        else:
            spans.append(ViewSpan(f"w{k}", a, b, "GPE", color))
    sugs = [
        ViewSpan(f"s{k}", *words[k], "FAC", COLORS[k % len(COLORS)])
        for k in range(1, len(words), 7)
    ]
    return spans, sugs


@pytest.fixture
def big(view: DocumentView, qtbot: QtBot) -> DocumentView:
    text = _text()
    view.resize(700, 420)
    view.set_text(text)
    view.set_direction("rtl")
    spans, sugs = _spans(text)
    view.set_spans(spans)
    view.set_suggestions(sugs)
    view.show()
    qtbot.waitExposed(view)
    assert view.document().blockCount() == 1
    return view


def _where(view: DocumentView, place: str) -> None:
    bar = view.verticalScrollBar()
    if place == "top":
        bar.setValue(0)
    elif place == "middle":
        middle = len(view.text()) // 2
        view.scroll_to(middle)
        view.set_selected(view.spans_at(view.spans()[len(view.spans()) // 2].start)[0])
    else:
        bar.setValue(bar.maximum())
    QApplication.processEvents()
    view.viewport().repaint()


# Qt's x of the trailing edge of a number in a justified right-to-left line ("3.5 في") can
# differ by one justified space (~4 px) depending on which lines of the paragraph Qt measured
# or drew just before (QTextEngine's justification state; the whole block measured twice in a
# row differs too): x values of pieces holding a digit are compared within this, the rest
# exactly.
DIGIT_SLACK = 6.0


def _geometry(entry: _BlockCache, lines: range) -> dict[tuple[object, ...], list[float]]:
    """(uuid, suggestion, what, line, inward) -> the x values of an entry's runs and edges on
    ``lines``, sorted."""
    out: dict[tuple[object, ...], list[float]] = {}
    for g in entry.geoms:
        key = (g.span.uuid, g.span.suggestion)
        for ln, x0, x1 in g.runs:
            if ln in lines:
                out.setdefault((*key, "run", ln, 0.0), []).extend((x0, x1))
        for name, edge in (("start", g.start), ("end", g.end)):
            if edge is not None and edge.line in lines:
                out.setdefault((*key, name, edge.line, edge.inward), []).append(edge.x)
    return {k: sorted(v) for k, v in out.items()}


def _tags(entry: _BlockCache, lines: range) -> dict[tuple[float, int], list[float]]:
    """(y, pixmap) -> the x values of the tags drawn on ``lines``, sorted."""
    boxes = entry.boxes
    top, bottom = boxes[lines[0]].y, boxes[lines[-1]].y + boxes[lines[-1]].height
    assert entry.marks is not None
    out: dict[tuple[float, int], list[float]] = {}
    for point, pixmap in entry.marks.tags:
        if top <= point.y() < bottom:
            out.setdefault((round(point.y(), 3), pixmap.cacheKey()), []).append(point.x())
    return {k: sorted(v) for k, v in out.items()}


def _close(got: list[float], want: list[float], slack: float) -> bool:
    return len(got) == len(want) and all(
        abs(a - b) <= slack for a, b in zip(got, want, strict=True)
    )


@pytest.mark.parametrize("place", ["top", "middle", "end"])
def test_painted_lines_equal_the_whole_block(big: DocumentView, place: str, shots: Path) -> None:
    view = big
    _where(view, place)
    view.grab().save(str(shots / f"paint_visible_only_{place}.png"))
    visible = view._visible(view.viewport().rect())
    assert len(visible) == 1
    origin, block, entries = visible[0]
    count = block.layout().lineCount()
    assert count > 100  # a paragraph of many lines: the paint reads a few of them
    reference = view._block_geometry(block)
    view._block_marks(reference)
    covered: set[int] = set()
    for entry in entries:
        view._block_marks(entry)
        lines = range(*entry.lines)
        covered.update(lines)
        assert entry.geoms  # every line holds spans
        got, want = _geometry(entry, lines), _geometry(reference, lines)
        assert got.keys() == want.keys(), (place, entry.lines)
        spans: dict[tuple[object, ...], ViewSpan] = {(s.uuid, s.suggestion): s for s in entry.shown}
        for key, xs in want.items():
            span = spans[key[:2]]
            digits = any(c.isdigit() for c in view.text()[span.start : span.end])
            assert _close(got[key], xs, DIGIT_SLACK if digits else 0.0), (place, key)
        got_tags, want_tags = _tags(entry, lines), _tags(reference, lines)
        assert got_tags.keys() == want_tags.keys(), (place, entry.lines)
        for key, xs in want_tags.items():
            assert _close(got_tags[key], xs, DIGIT_SLACK), (place, key)
    # every line on screen is among the lines measured, and few others are
    height = view.viewport().height()
    on_screen = {
        i
        for i, box in enumerate(reference.boxes)
        if origin.y() + box.y < height and origin.y() + box.y + box.height > 0
    }
    assert on_screen and on_screen <= covered
    assert len(covered) <= len(on_screen) + 2 * paint.CHUNK_LINES
    if place == "top":
        assert 0 in covered
    if place == "end":
        assert count - 1 in covered


def test_a_paint_in_the_middle_measures_only_the_lines_it_shows(
    big: DocumentView, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = big
    _where(view, "middle")
    measured: list[str] = []
    real = paint.piece_geometry

    def counting(*args: object, **kwargs: object) -> paint.SpanGeometry:
        geom = real(*args, **kwargs)  # type: ignore[arg-type]
        measured.append(geom.span.uuid)
        return geom

    monkeypatch.setattr(paint, "piece_geometry", counting)
    spans = len(view.spans()) + len(view.suggestions())
    view.add_span(ViewSpan("extra", 5, 9, "ORG", COLORS[0]))  # the block's spans changed
    view.set_selected_suggestion(view.suggestions()[len(view.suggestions()) // 2].uuid)
    view._invalidate_geometry()  # and its layout
    view.viewport().repaint()
    assert measured  # it did measure, but not every span of the paragraph
    assert len(measured) < spans / 5

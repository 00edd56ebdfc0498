"""A suggestion's dashed outline is stroked within its span's runs horizontally (QA 14: drawn
a pixel outside the run, the outline of the suggestion العراق half covered the full stop
right after it, "والعراق.")."""

from __future__ import annotations

import pytest

from ui.docview.view import DocumentView, ViewSpan

TEXT = "وتكثفت الضربات الجوية في سورية والعراق. وفي باريس قال الوزير."


@pytest.mark.parametrize("rtl", [True, False], ids=["rtl", "ltr"])
def test_a_suggestions_outline_stays_on_its_own_text(view: DocumentView, rtl: bool) -> None:
    view.set_text(TEXT)
    view.set_direction("rtl" if rtl else "ltr")
    start = TEXT.index("العراق")
    view.set_suggestions([ViewSpan("s1", start, start + len("العراق"), "GPE", "#1b9e77")])
    view.viewport().repaint()
    block = view.document().findBlock(0)
    entry = view._block_geometry(block)
    marks = view._block_marks(entry)
    (geom,) = [g for g in entry.geoms if g.span.uuid == "s1"]
    ((pen, rects),) = marks.suggested
    half = pen.widthF() / 2
    assert len(rects) == len(geom.runs) >= 1
    for rect, (_line, x0, x1) in zip(rects, geom.runs, strict=True):
        # the stroke's outer edges, left and right, within the run's ends
        assert rect.left() - half >= x0 - 0.01, (rect, x0, x1)
        assert rect.right() + half <= x1 + 0.01, (rect, x0, x1)

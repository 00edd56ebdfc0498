"""An arc's label sits above the line it names, not over the top edges of its spans'
highlights (QA 14: the Place label, "المكان"/"Place", of the arc from اعتداءات to باريس was
centred on the line's lowest lane, a pixel above the text, so its lower half covered the top
borders of both highlight boxes). Where the gap above the line holds the label, its foot
stays at the line's top, the lowest lane running along it."""

from __future__ import annotations

from pathlib import Path

import pytest

from ui.docview.arcs import ArcOverlay, Link
from ui.docview.view import DocumentView, ViewSpan

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.mark.parametrize("rtl", [True, False], ids=["rtl", "ltr"])
def test_a_place_label_stays_above_its_spans_highlights(
    view: DocumentView, seed_text: str, shots: Path, rtl: bool
) -> None:
    view.set_text(seed_text)
    view.set_direction("rtl" if rtl else "ltr")
    at = seed_text.index("اعتداءات باريس")
    attack = ViewSpan("ev", at, at + len("اعتداءات"), "Conflict.Attack", "#8B4513")
    paris_at = at + len("اعتداءات ")
    paris = ViewSpan("paris", paris_at, paris_at + len("باريس"), "GPE", "#1b9e77")
    view.set_spans([attack, paris])
    overlay = ArcOverlay(view)
    overlay.set_links(
        [Link("a1", "ev", "paris", "Place", "ev", "#8B4513")],
        {s.uuid: (s.start, s.end) for s in (attack, paris)},
    )
    view.scroll_to(at)
    view.viewport().repaint()
    shapes = [s for s in overlay.shapes() if not s.label_rect.isEmpty()]
    assert len(shapes) == 1
    view.grab().save(str(shots / f"arc_label_above_text_{'rtl' if rtl else 'ltr'}.png"))
    anchors = overlay.anchors()
    ev, pl = anchors["ev"], anchors["paris"]
    assert (ev.block, ev.line) == (pl.block, pl.line)
    label = shapes[0].label_rect
    assert label.bottom() <= ev.top + 0.01, (label, ev.top)
    assert ev.top - ev.room < label.top()  # and below the line above's glyphs

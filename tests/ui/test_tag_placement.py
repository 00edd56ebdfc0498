"""Label tags stay on their line: a tag pushed inwards past the line's end by the tags already
there goes the other way instead (QA: an Arabic tag, كيان جغرافي سياسي, wider than its word
slid past the start of the line and the pane's edge cut it)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

from ui.docview.paint import Edge, LineBox, SpanGeometry, _place_tags

WIDE = 120.0


class Tags:
    def width(self, label: str) -> float:
        return WIDE

    def get(self, span: Any, selected: bool) -> Any:
        return None


def _geom(uuid: str, x: float, inward: float) -> SpanGeometry:
    span = SimpleNamespace(label="GPE", uuid=uuid)
    return SpanGeometry(cast(Any, span), start=Edge(0, x, inward), first_piece=True)


def _xs(geoms: list[SpanGeometry], line: LineBox) -> list[float]:
    style = SimpleNamespace(tag_height=12)
    placed = _place_tags([line], geoms, cast(Any, style), None, cast(Any, Tags()))
    return [p.x() + 1 for p, _ in placed]


def test_a_tag_with_no_room_inwards_goes_the_other_way_and_stays_on_the_line() -> None:
    line = LineBox(0, 10, 4, 20, x=0, width=500)
    # right-to-left: each span starts at its right edge and its inside is to the left
    first, second = _geom("a", 200, -1), _geom("b", 150, -1)
    xs = _xs([first, second], line)
    assert xs[0] == 80  # under its word, leftwards from the start
    # inwards (leftwards) past the first tag it would end at -41: outside the line
    assert xs[1] == 201 and xs[1] + WIDE <= 500
    for x in xs:
        assert 0 <= x <= 500 - WIDE


def test_tags_still_slide_inwards_when_there_is_room() -> None:
    line = LineBox(0, 10, 4, 20, x=0, width=800)
    xs = _xs([_geom("a", 700, -1), _geom("b", 650, -1)], line)
    assert xs == [580, 580 - WIDE - 1]


def test_a_full_line_keeps_the_tag_on_it_even_over_another() -> None:
    line = LineBox(0, 10, 4, 20, x=0, width=200)
    xs = _xs([_geom("a", 130, -1), _geom("b", 120, -1)], line)
    assert all(0 <= x <= 200 - WIDE for x in xs)

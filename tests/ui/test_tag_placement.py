"""Label tags stay on their line: a tag pushed inwards past the line's end by the tags already
there goes the other way instead (QA: an Arabic tag, كيان جغرافي سياسي, wider than its word
slid past the start of the line and the pane's edge cut it). On a line with no room for the
whole tag (a narrow review pane) it is shortened into the free stretch nearest its span, never
drawn over another tag, or left out when no stretch is wide enough."""

from __future__ import annotations

import itertools
from types import SimpleNamespace
from typing import Any, cast

from ui.docview.paint import Edge, LineBox, SpanGeometry, _place_tags

WIDE = 120.0


class Tags:
    def __init__(self) -> None:
        self.widths: list[float] = []

    def width(self, label: str) -> float:
        return WIDE

    def get(self, span: Any, selected: bool, width: float | None = None) -> Any:
        self.widths.append(WIDE if width is None else width)
        return None


def _geom(uuid: str, x: float, inward: float) -> SpanGeometry:
    span = SimpleNamespace(label="GPE", uuid=uuid)
    return SpanGeometry(cast(Any, span), start=Edge(0, x, inward), first_piece=True)


def _placed(geoms: list[SpanGeometry], line: LineBox) -> list[tuple[float, float]]:
    """(x, width) of each tag drawn"""
    style = SimpleNamespace(tag_height=12)
    tags = Tags()
    placed = _place_tags([line], geoms, cast(Any, style), None, cast(Any, tags))
    return [(p.x() + 1, w) for (p, _), w in zip(placed, tags.widths, strict=True)]


def _xs(geoms: list[SpanGeometry], line: LineBox) -> list[float]:
    return [x for x, _ in _placed(geoms, line)]


def _apart(placed: list[tuple[float, float]]) -> bool:
    spans = sorted(placed)
    return all(x0 + w0 < x1 for (x0, w0), (x1, _) in itertools.pairwise(spans))


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


def test_a_full_line_shortens_the_tag_into_the_free_stretch_never_over_another() -> None:
    line = LineBox(0, 10, 4, 20, x=0, width=200)
    placed = _placed([_geom("a", 130, -1), _geom("b", 120, -1)], line)
    assert placed[0] == (10, WIDE)  # under its word
    # no room for a whole second tag: 0..9 is too narrow, 131..200 takes a shortened one
    assert placed[1] == (131, 69)
    assert _apart(placed)
    for x, w in placed:
        assert x >= 0 and x + w <= 200


def test_a_tag_with_no_stretch_wide_enough_is_left_out() -> None:
    line = LineBox(0, 10, 4, 20, x=0, width=130)
    placed = _placed([_geom("a", 125, -1), _geom("b", 100, -1)], line)
    assert placed == [(5, WIDE)]  # 0..4 and 126..130: no room for even a shortened tag


def test_a_tag_wider_than_its_line_is_shortened_to_the_line() -> None:
    line = LineBox(0, 10, 4, 20, x=0, width=90)
    assert _placed([_geom("a", 80, -1)], line) == [(0, 90)]

"""A hit ends on a letter boundary: a combining mark folding keeps (U+0301 of a decomposed
é, U+08F0) belongs to the letter before it, as ``[`` and the edge keys read it
(``annotator.text.is_letter_boundary``); "anywhere" mode left it outside the hit."""

from __future__ import annotations

import pytest

from annotator.search import FoldedText, Mode, Query, find
from annotator.search.matching import OriginalMatcher
from annotator.text import is_letter_boundary

CASES = [
    ("cafe\u0301 noir", "cafe", "cafe\u0301"),
    ("درس\u08f0 كتب", "درس", "درس\u08f0"),
    ("درس\u08f0 كتب", "رس", "رس\u08f0"),
    ("درسَ\u08f0 كتب", "درس", "درسَ\u08f0"),
    ("a\u0300bc", "bc", "bc"),
    ("ab\u0301\u0302c", "ab", "ab\u0301\u0302"),
]


@pytest.mark.parametrize(("text", "query", "hit"), CASES)
def test_an_anywhere_hit_takes_the_marks_of_its_last_letter(
    text: str, query: str, hit: str
) -> None:
    hits = find(text, Query(query, Mode.SUBSTRING))
    assert [text[h.start : h.end] for h in hits] == [hit]
    assert all(is_letter_boundary(text, h.end) for h in hits)
    original = OriginalMatcher.of(Query(query, Mode.SUBSTRING))
    if original is not None:  # the unfolded scan gives the same hits
        assert [(h.start, h.end) for h in hits] == list(original.spans(text))


def test_folded_span_ends_on_a_letter_boundary() -> None:
    ft = FoldedText.of("cafe\u0301 noir")
    assert ft.span(0, 4) == (0, 5)
    ft = FoldedText.of("كتبَ درس\u08f0")
    s = ft.folded.index("درس")
    assert ft.original[slice(*ft.span(s, s + 3))] == "درس\u08f0"
    assert ft.span(0, 3) == (0, 4)  # the dropped fatha, as before

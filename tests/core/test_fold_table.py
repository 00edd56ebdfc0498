"""``fold`` is one translation table (``annotator.text._FOLD``); ``fold_with_map`` folds
character by character and keeps the map back. The two must fold alike."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.text import HARAKAT, TATWEEL, fold, fold_with_map

ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)


@settings(max_examples=400, deadline=None)
@given(st.text(ARABIC | st.characters() | st.sampled_from("أإآٱى٠٩۰۹ـ\u200c"), max_size=30))
def test_fold_is_fold_with_map_without_the_map(text: str) -> None:
    folded, index = fold_with_map(text)
    assert fold(text) == folded
    assert len(index) == len(folded)


def test_fold_drops_every_haraka_and_tatweel() -> None:
    marks = "".join(chr(c) for c in range(0x0600, 0x0700) if HARAKAT.match(chr(c)))
    assert len(marks) == 11 + 21 + 1 + 24
    assert fold("ب" + marks + TATWEEL + "ت") == "بت"

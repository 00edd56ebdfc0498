"""One rule for the least a proclitic leaves (``annotator.text.MIN_STEM_LETTERS``): the ``[``
trim (``proclitic_length``) and search (``annotator.search.matching``: a query is found after
proclitics only when its first word has that many letters, QA 13) read the same constant.
``[`` trimmed ال off التي and الذي, و off ولن, ب off بها (two-letter rests: the relative
pronoun, a particle, a pronoun) while search no longer found تي in التي."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.search import Query, find, matching
from annotator.text import (
    MIN_STEM_LETTERS,
    letter_count,
    proclitic_length,
    restore_proclitic,
    trim_proclitic,
)


def trimmed(word: str, before: str = "قال ", after: str = " ثم") -> str:
    """What one ``[`` leaves of ``word`` written in a sentence."""
    text = before + word + after
    start, end = len(before), len(before) + len(word)
    return text[trim_proclitic(text, start, end) : end]


@pytest.mark.parametrize(
    "word",
    [
        "التي",  # the relative pronoun, not ال + تي
        "الذي",
        "الَّتِي",  # vowelled, shadda on the lam
        "الـتي",  # tatweel inside
        "ٱلَّذِي",  # alef wasla
        "الله",  # not ال + له
        "ولن",  # و + لن: "and will not", a particle
        "ولد",  # a boy, not و + لد
        "وَلَدٌ",
        "بها",  # ب + ها: a pronoun, no name
        "لله",
        "بين",
        "فيه",
        "كما",
        "لكن",
        "فـي",  # tatweel does not make a letter
        "ومي",
    ],
)
def test_a_two_letter_rest_is_not_a_stem(word: str) -> None:
    assert trimmed(word) == word
    text = "قال " + word
    assert proclitic_length(text, 4, len(text)) == 0


@pytest.mark.parametrize(
    ("word", "after"),
    [
        ("والتي", ["التي", "التي"]),  # و goes, the pronoun stays whole
        ("والذي", ["الذي", "الذي"]),
        ("وَالَّتِي", ["الَّتِي", "الَّتِي"]),
        ("وبها", ["بها", "بها"]),
        ("فلله", ["لله", "لله"]),
        ("والكتاب", ["الكتاب", "كتاب"]),
        ("بالقدس", ["القدس", "قدس"]),
        ("للقدس", ["لقدس", "قدس"]),  # ل + ال with its alef elided
        ("وللقدس", ["للقدس", "لقدس", "قدس"]),
        ("وبلد", ["بلد", "بلد"]),  # و + a three-letter stem
        ("ومـصر", ["مـصر", "مـصر"]),
        ("وَالْكِتَابُ", ["الْكِتَابُ", "كِتَابُ"]),
    ],
)
def test_trims_stop_before_a_two_letter_rest(word: str, after: list[str]) -> None:
    text = "قال " + word + "."
    start, end = 4, 4 + len(word)
    out = []
    for _ in after:
        start = trim_proclitic(text, start, end)
        out.append(text[start:end])
    assert out == after


def test_search_reads_the_same_constant() -> None:
    assert matching.MIN_CLITIC_STEM is MIN_STEM_LETTERS
    # a two-letter word is found alone only, a three-letter one after proclitics too
    text = "قال التي والتي تي وبها ها ثم بلد وبلد"
    assert [text[h.start : h.end] for h in find(text, Query("تي"))] == ["تي"]
    assert [text[h.start : h.end] for h in find(text, Query("ها"))] == ["ها"]
    assert [text[h.start : h.end] for h in find(text, Query("بلد"))] == ["بلد", "بلد"]
    # letters with marks count as letters in a query too: بَلَدٌ has three
    assert len(find(text, Query("بَلَدٌ"))) == 2


LETTERS = [chr(c) for c in range(0x0621, 0x063B)] + [chr(c) for c in range(0x0641, 0x064B)]
MARKS = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0670", "\u0640"]
PREFIXES = ["و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "لل", "وب", "فل", "ٱل"]


@st.composite
def clitic_words(draw: st.DrawFn) -> tuple[str, str]:
    """(proclitics, stem), each letter with up to two marks after it."""

    def vowelled(base: str) -> str:
        return "".join(
            ch + "".join(draw(st.lists(st.sampled_from(MARKS), max_size=2))) for ch in base
        )

    prefix = draw(st.sampled_from(PREFIXES))
    stem = "".join(draw(st.lists(st.sampled_from(LETTERS), min_size=1, max_size=5)))
    return vowelled(prefix), vowelled(stem)


@settings(max_examples=300, deadline=None)
@given(clitic_words())
def test_trim_and_search_agree_on_the_least_stem(parts: tuple[str, str]) -> None:
    prefix, stem = parts
    text = "قال " + prefix + stem + " ثم"
    start, end = 4, 4 + len(prefix) + len(stem)
    at_stem = start + len(prefix)
    # every trim leaves MIN_STEM_LETTERS letters or more, and restore undoes it
    pos = start
    while (new := trim_proclitic(text, pos, end)) != pos:
        assert letter_count(text, new, end) >= MIN_STEM_LETTERS
        assert restore_proclitic(text, new) == pos
        pos = new
    # search finds the stem inside the word only when it is long enough to be trimmed to
    hits = {(h.start, h.end) for h in find(text, Query(text[at_stem:end]))}
    if letter_count(text, at_stem, end) < MIN_STEM_LETTERS:
        assert (at_stem, end) not in hits
        assert pos < at_stem

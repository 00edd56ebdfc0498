"""Proclitics trimmed with their marks, and letter boundaries (annotator.text): a letter is a
character and the marks after it (harakat, shadda, sukun, tanween, superscript alef, tatweel,
ZWNJ/ZWJ); ``[`` never leaves a span starting with the vowel of the proclitic it took off
(QA 13: وَهُولَنْدَا gave 'َهُولَنْدَا', and the article of وَالْكِتَابُ could not be trimmed)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.learn.segment import proclitic_cuts
from annotator.search import Query, find
from annotator.text import (
    ALEFS,
    MIN_STEM_LETTERS,
    PROCLITIC_LETTERS,
    is_letter_boundary,
    is_mark,
    next_letter,
    previous_letter,
    proclitic_length,
    restore_proclitic,
    trim_proclitic,
    word_at,
)

SENTENCE = "زار الوفد وَهُولَنْدَا ثم وَالْكِتَابُ ثم بِبَارِيسَ ومـدريد.\nسطر ثان"


def trims(text: str, word: str, times: int) -> list[str]:
    start = text.index(word)
    end = start + len(word)
    out = []
    for _ in range(times):
        start = trim_proclitic(text, start, end)
        out.append(text[start:end])
    return out


@pytest.mark.parametrize(
    ("word", "after"),
    [
        ("وَهُولَنْدَا", ["هُولَنْدَا", "هُولَنْدَا"]),
        ("وَالْكِتَابُ", ["الْكِتَابُ", "كِتَابُ"]),
        ("بِبَارِيسَ", ["بَارِيسَ"]),
        ("ومـدريد", ["مـدريد"]),
    ],
)
def test_a_proclitic_goes_with_its_marks(word: str, after: list[str]) -> None:
    assert trims(SENTENCE, word, len(after)) == after


def test_the_article_goes_with_its_sukun_and_alef_wasla_counts() -> None:
    text = "قرأ ٱلْكِتَابَ وَٱلْقَلَمَ"
    assert trims(text, "ٱلْكِتَابَ", 1) == ["كِتَابَ"]
    assert trims(text, "وَٱلْقَلَمَ", 2) == ["ٱلْقَلَمَ", "قَلَمَ"]


def test_restore_gives_back_the_proclitic_with_its_marks() -> None:
    word = "وَالْكِتَابُ"
    start = SENTENCE.index(word)
    end = start + len(word)
    stem = trim_proclitic(SENTENCE, trim_proclitic(SENTENCE, start, end), end)
    assert SENTENCE[stem:end] == "كِتَابُ"
    once = restore_proclitic(SENTENCE, stem)
    assert SENTENCE[once:end] == "الْكِتَابُ"
    assert restore_proclitic(SENTENCE, once) == start
    assert restore_proclitic(SENTENCE, start) == start  # a space before: nothing to give back


def test_letters_with_marks_are_counted_as_letters() -> None:
    # وَبَلَدٌ: a proclitic letter and three letters after it, each with its mark: trimmed;
    # وَلَدٌ and وَلَّ keep fewer than MIN_STEM_LETTERS after the و, whatever their code
    # points: not (وَلَدٌ is a word, not و + لد)
    assert MIN_STEM_LETTERS == 3
    assert trims("هو وَبَلَدٌ", "وَبَلَدٌ", 1) == ["بَلَدٌ"]
    assert trims("هو وَلَدٌ", "وَلَدٌ", 1) == ["وَلَدٌ"]
    assert trims("هو وَلَّ", "وَلَّ", 1) == ["وَلَّ"]
    assert trims("هو الْبَلَدُ", "الْبَلَدُ", 1) == ["بَلَدُ"]
    assert trims("هو الْبَدُ", "الْبَدُ", 1) == ["الْبَدُ"]  # the article needs three after it


def test_a_start_left_inside_a_letter_is_mended_by_trim() -> None:
    # spans an older version stored start with the proclitic's vowel: [ takes it off too
    word = "وَالْكِتَابُ"
    start = SENTENCE.index(word) + 1
    end = SENTENCE.index(word) + len(word)
    assert SENTENCE[trim_proclitic(SENTENCE, start, end) : end] == "كِتَابُ"
    word = "وَهُولَنْدَا"
    start = SENTENCE.index(word) + 1
    end = SENTENCE.index(word) + len(word)
    assert SENTENCE[trim_proclitic(SENTENCE, start, end) : end] == "هُولَنْدَا"
    assert SENTENCE[restore_proclitic(SENTENCE, start) : end] == word


def test_letter_steps_take_the_marks() -> None:
    text = "قال مُحَمَّدٌ إنّ"
    s = text.index("مُحَمَّدٌ")
    e = s + len("مُحَمَّدٌ")
    assert text[s : next_letter(text, s)] == "مُ"
    assert text[previous_letter(text, e) : e] == "دٌ"
    assert text[previous_letter(text, e - 1) : e] == "دٌ"  # from inside a letter: its start
    assert text[s : next_letter(text, s + 1)] == "مُ"  # and its end
    assert [is_letter_boundary(text, i) for i in range(s, e + 1)] == [
        not is_mark(text[i]) if i < len(text) else True for i in range(s, e + 1)
    ]
    assert next_letter(text, len(text)) == len(text) and previous_letter(text, 0) == 0


def test_a_mark_after_a_space_or_at_the_start_is_its_own_letter() -> None:
    text = "\u064eب ِ"
    assert is_letter_boundary(text, 0) and is_letter_boundary(text, 3)
    assert next_letter(text, 0) == 1
    assert previous_letter(text, 4) == 3
    # joiners and tatweel go with the letter before, as in search's folding
    assert next_letter("و\u200dباريس", 0) == 2
    assert next_letter("بـــاريس", 0) == 4


def test_trim_agrees_with_search_hits_on_vowelled_words() -> None:
    # the hit of a stem in a word with a proclitic is what [ leaves (matching.py's promise)
    for word, stem in (("وَهُولَنْدَا", "هولندا"), ("بِبَارِيسَ", "باريس")):
        start = SENTENCE.index(word)
        end = start + len(word)
        trimmed = trim_proclitic(SENTENCE, start, end)
        assert (trimmed, end) in {(h.start, h.end) for h in find(SENTENCE, Query(stem))}


# -- properties on random vowelled Arabic words ------------------------------------------

LETTERS = [chr(c) for c in range(0x0621, 0x064B) if c != 0x0640]
MARKS = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0670", "\u0640"]
# words starting with a proclitic or the article more often than chance would
PREFIXES = ["", "", *PROCLITIC_LETTERS, "ال", "وال", "بال", "ٱل", "فب"]


@st.composite
def vowelled_words(draw: st.DrawFn) -> str:
    base = draw(st.sampled_from(PREFIXES)) + "".join(
        draw(st.lists(st.sampled_from(LETTERS), min_size=1, max_size=6))
    )
    return "".join(ch + "".join(draw(st.lists(st.sampled_from(MARKS), max_size=3))) for ch in base)


def letters_in(word: str) -> int:
    return sum(1 for i in range(len(word)) if is_letter_boundary(word, i))


@settings(max_examples=200, deadline=None)
@given(vowelled_words(), st.sampled_from(["", "قال ", "«"]), st.sampled_from(["", " ثم", "."]))
def test_trim_never_leaves_a_mark_first_and_restore_undoes_it(
    word: str, before: str, after: str
) -> None:
    text = before + word + after
    start, end = len(before), len(before) + len(word)
    assert word_at(text, start) == (start, end)
    new = trim_proclitic(text, start, end)
    assert start <= new < end
    assert is_letter_boundary(text, new) and not is_mark(text[new])
    if new != start:
        assert letters_in(text[new:end]) >= MIN_STEM_LETTERS
        assert text[start] in PROCLITIC_LETTERS + ALEFS
        assert restore_proclitic(text, new) == start
    assert proclitic_length(text, start, end) == new - start


@settings(max_examples=200, deadline=None)
@given(vowelled_words())
def test_trim_cuts_where_the_model_cuts_a_one_letter_proclitic(word: str) -> None:
    # annotator.learn.segment.proclitic_cuts gives a proclitic's marks to it too
    if word[0] in ALEFS:
        return  # the article: the model has no cut for it
    cuts = proclitic_cuts(word)
    assert trim_proclitic(word, 0, len(word)) == (cuts[0] if cuts else 0)


@settings(max_examples=200, deadline=None)
@given(st.lists(vowelled_words(), min_size=1, max_size=3), st.data())
def test_letter_steps_land_on_letter_boundaries_and_undo_each_other(
    words: list[str], data: st.DataObject
) -> None:
    text = " ".join(words)
    pos = data.draw(st.integers(0, len(text)))
    nxt, prev = next_letter(text, pos), previous_letter(text, pos)
    assert is_letter_boundary(text, nxt) and is_letter_boundary(text, prev)
    assert prev < pos < nxt or pos in (0, len(text))
    assert all(not is_letter_boundary(text, i) for i in range(prev + 1, pos))
    if is_letter_boundary(text, pos):
        assert all(not is_letter_boundary(text, i) for i in range(pos + 1, nxt))
        if pos < len(text):
            assert previous_letter(text, nxt) == pos

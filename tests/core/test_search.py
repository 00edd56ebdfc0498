"""Folding for matching, mapping hits back to code points, clitic-aware and the other modes
(annotator.search.folding, annotator.search.matching)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.search import (
    FoldedCorpus,
    FoldedText,
    FoldOptions,
    Hit,
    Mode,
    Query,
    QueryError,
    find,
)
from annotator.search.folding import fold_text
from annotator.search.matching import MIN_CLITIC_STEM, OriginalMatcher
from annotator.text import fold_with_map, trim_proclitic, word_at


def texts(hits: list[Hit], text: str) -> list[str]:
    return [text[h.start : h.end] for h in hits]


def test_folding_drops_harakat_tatweel_and_unifies_letters_digits_and_case() -> None:
    assert fold_text("مُحَمَّد") == "محمد"
    assert fold_text("الجـــزائر") == "الجزائر"
    assert fold_text("أإآٱ") == "اااا"
    assert fold_text("مصطفى") == "مصطفي"
    assert fold_text("٢٠١٥ ۱۲") == "2015 12"
    assert fold_text("Paris ÉTÉ") == "paris été"
    assert fold_text("مدينة") == "مدينة"
    assert fold_text("مدينة", FoldOptions(ta_marbuta=True)) == "مدينه"
    assert fold_text("Paris", FoldOptions(ignore_case=False)) == "Paris"


def test_folding_agrees_with_text_fold_with_map() -> None:
    text = "قَالَ الرَّئِيسُ إِنَّ ١٥ شخصًا قُتلوا في بـاريس"
    folded, index = fold_with_map(text)
    ft = FoldedText.of(text, FoldOptions(ignore_case=False))
    assert ft.folded == folded
    assert [ft.position(f) for f in range(len(folded))] == index


def test_search_finds_paris_inside_bbaris_and_in_attacks_of_paris(seed_text: str) -> None:
    hits = find(seed_text, Query("باريس"))
    found = {seed_text[h.start - 15 : h.end] for h in hits}
    assert any(f.endswith("بباريس") for f in found)
    assert any(f.endswith("اعتداءات باريس") for f in found)
    assert texts(hits, seed_text) == ["باريس"] * len(hits)
    inside = seed_text.index("بباريس")
    assert (inside + 1, inside + 6) in {(h.start, h.end) for h in hits}
    phrase = find(seed_text, Query("اعتداءات  باريس"))
    assert texts(phrase, seed_text) == ["اعتداءات باريس"]


def test_holland_in_wholland_covers_the_stem_only(seed_text: str) -> None:
    i = seed_text.index("وهولندا")
    assert [(h.start, h.end) for h in find(seed_text, Query("هولندا"))] == [(i + 1, i + 7)]
    # without clitics the whole-word mode refuses the word with a proclitic
    assert find(seed_text, Query("هولندا", clitics=False)) == []


def test_clitic_hits_cover_exactly_what_the_manual_trim_leaves(seed_text: str) -> None:
    checked = 0
    for m in re.finditer(r"\w+", seed_text):
        a, b = word_at(seed_text, m.start())  # harakat included (re's \w stops at them)
        stem = trim_proclitic(seed_text, a, b)
        if stem == a or not re.match("[\u0621-\u064a]+$", fold_text(seed_text[a:b])):
            continue
        if len(fold_text(seed_text[stem:b])) < MIN_CLITIC_STEM:
            continue  # a short stem is found as a whole word only (تي is not found in التي)
        hits = {(h.start, h.end) for h in find(seed_text, Query(seed_text[stem:b]))}
        assert (stem, b) in hits, seed_text[a:b]
        checked += 1
    assert checked > 50


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("وباريس", "باريس"),
        ("فباريس", "باريس"),
        ("بباريس", "باريس"),
        ("لباريس", "باريس"),
        ("كباريس", "باريس"),
        ("الباريسي", None),
        ("والمدينة", "مدينة"),
        ("بالمدينة", "مدينة"),
        ("وبالمدينة", "مدينة"),
        ("للمدينة", "مدينة"),
        ("مباريس", None),
        ("وبكباريس", None),
    ],
)
def test_proclitics_before_a_whole_word(word: str, stem: str | None) -> None:
    text = f"قال {word} اليوم"
    query = stem or "باريس"
    hits = find(text, Query(query))
    if stem is None:
        assert hits == []
    else:
        assert texts(hits, text) == [stem]
        assert hits[0].end == text.index(" اليوم")


def test_folded_query_matches_vocalised_text_and_hit_keeps_its_marks() -> None:
    text = "زار الرَّئِيسُ بَارِيسَ، ثم عاد إلى بـــاريس."
    hits = find(text, Query("باريس"))
    assert texts(hits, text) == ["بَارِيسَ", "بـــاريس"]
    assert texts(find(text, Query("الرئيس")), text) == ["الرَّئِيسُ"]
    assert texts(find(text, Query("رئيس")), text) == ["رَّئِيسُ"]  # after the article


def test_modes_word_prefix_substring_regex() -> None:
    text = "فلسطين والفلسطينيون Palestine palestinian"
    assert texts(find(text, Query("فلسطين")), text) == ["فلسطين"]
    assert texts(find(text, Query("فلسطين", Mode.PREFIX)), text) == ["فلسطين", "فلسطينيون"]
    assert texts(find(text, Query("لسطين", Mode.SUBSTRING)), text) == ["لسطين", "لسطين"]
    assert texts(find(text, Query("palestin", Mode.PREFIX)), text) == [
        "Palestine",
        "palestinian",
    ]
    assert texts(find(text, Query(r"\bPalestin\w*", Mode.REGEX)), text) == [
        "Palestine",
        "palestinian",
    ]
    assert texts(find(text, Query(r"\w+يون", Mode.REGEX)), text) == ["والفلسطينيون"]
    assert find(text, Query("PALESTINE", fold=FoldOptions(ignore_case=False))) == []


def test_ta_marbuta_is_optional() -> None:
    text = "في المدينه القديمة"
    assert find(text, Query("مدينة")) == []
    hits = find(text, Query("مدينة", fold=FoldOptions(ta_marbuta=True)))
    assert texts(hits, text) == ["مدينه"]


def test_bad_queries_say_why() -> None:
    with pytest.raises(QueryError, match="empty"):
        find("نص", Query("  "))
    with pytest.raises(QueryError, match="bad regular expression"):
        find("نص", Query("(باريس", Mode.REGEX))


def test_corpus_search_maps_hits_to_each_document() -> None:
    docs = [(7, "زار بَاريسَ."), (9, "لا شيء"), (12, "من باريس إلى وباريس")]
    corpus = FoldedCorpus(docs)
    hits = list(corpus.search(Query("باريس")))
    assert [(h.doc_id, corpus.text(h.doc_id)[h.start : h.end]) for h in hits] == [
        (7, "بَاريسَ"),
        (12, "باريس"),
        (12, "باريس"),
    ]
    assert [h.doc_id for h in corpus.search(Query("باريس"), doc_ids=[12])] == [12, 12]
    assert list(corpus.search(Query(r"\.\x00لا", Mode.REGEX))) == []  # never across documents


_MARKS = ["\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u0670"]
_ALPHABET = st.sampled_from(
    [
        *"بارسيهولندةأإآىـ ",
        *_MARKS,
        "😀",
        "🇫🇷",
        "\u200f",
        "\u202b",
        "\u202c",
        "\u2067",
        "\u2069",
        "\u200d",
        "A",
        "b",
        "٣",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join), st.integers(0, 40), st.integers(1, 6))
def test_hits_map_back_to_exact_code_points(text: str, at: int, length: int) -> None:
    ft = FoldedText.of(text)
    assert len(ft.folded) == len(text) - len(ft.dropped)
    assert ft.folded == fold_text(text)
    for f, ch in enumerate(ft.folded):  # every folded character comes from its position
        assert fold_text(text[ft.position(f)]) == ch
    needle = ft.folded[at : at + length].strip()
    if not needle or "\u0640" in needle:
        return
    hits = find(text, Query(needle, Mode.SUBSTRING))
    assert hits
    for hit in hits:
        piece = text[hit.start : hit.end]
        assert fold_text(piece) == fold_text(needle)
        assert fold_text(text[hit.start]) != ""  # never starts on a mark of the letter before
        assert hit.end == len(text) or fold_text(text[hit.end]) != ""  # marks stay with it


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join), st.booleans())
def test_folding_with_the_runs_at_once_is_folding_then_finding_them(
    text: str, ta_marbuta: bool
) -> None:
    options = FoldOptions(ta_marbuta=ta_marbuta)
    lazy, eager = FoldedText.of(text, options), FoldedText.with_runs(text, options)
    assert eager.folded == lazy.folded
    for f in range(len(lazy.folded) + 1):
        assert eager.position(f) == lazy.position(f)
        for e in range(f + 1, len(lazy.folded) + 1):
            assert eager.span(f, e) == lazy.span(f, e)


_ORIGINAL_ALPHABET = st.sampled_from(
    [*"وفبكلالسيرهندةأإآٱىـ ", " ", "\n", *_MARKS, "٣", "3", "۳", "A", "Σ", "İ", "😀", "\u200f",
     *"ءجش", "\u00a0", "\x00"]  # (rare letters, where a scan starts; other spaces; a NUL)
)  # fmt: skip


@settings(max_examples=2000, deadline=None)
@given(
    st.lists(_ORIGINAL_ALPHABET, max_size=50).map("".join),
    st.integers(0, 45),
    st.integers(1, 7),
    st.sampled_from([Mode.WORD, Mode.PREFIX, Mode.SUBSTRING]),
    st.sampled_from([None, False]),
    st.sampled_from(["", "و", "ال", "بال", "ـَ"]),
    st.booleans(),
)
def test_matching_the_original_text_equals_matching_the_folded_copy(
    text: str,
    at: int,
    length: int,
    mode: Mode,
    clitics: bool | None,
    before: str,
    folded: bool,
) -> None:
    """``OriginalMatcher`` (no folded copy) finds exactly the hits of ``Matcher`` on the
    folded copy mapped back by ``FoldedText.span``: queries taken from the text itself or
    its folded copy (so they hit), vocalised or with a proclitic attached, in every mode but
    the regex."""
    needle = before + (fold_text(text) if folded else text)[at : at + length]
    query = Query(needle, mode, clitics)
    try:
        matcher = query.matcher()
    except QueryError:
        return
    original = OriginalMatcher.of(query)
    if original is None:
        return
    ft = FoldedText.of(text)
    expected = [ft.span(s, e) for s, e in matcher.spans(ft.folded)]
    assert list(original.spans(text)) == expected


@pytest.mark.parametrize(
    ("text", "query", "mode"),
    [
        ("وزارةُ الدِّفاعِ والـدفاع، ودفاعات الدفاعي\nالدفاع", "الدفاع", Mode.WORD),
        ("اعتداءاتُ  \u00a0باريس؛ اعتداءات\nبباريس اعتداءاتباريس", "اعتداءات باريس", Mode.WORD),
        ("يوسف علي الحدادُ، ويوسف علي الحداد يوسفعلي الحداد", "يوسف علي الحداد", Mode.WORD),
        ("الجويةُ الجويات بالجوية الجويه", "الجوية", Mode.PREFIX),
        ("اعتداءاعتداءات ءات اءات", "اعتداءات", Mode.SUBSTRING),
    ],
)
def test_a_query_led_by_alef_or_a_common_letter_is_found_from_a_rarer_one(
    text: str, query: str, mode: Mode
) -> None:
    """The scan starts at the query's rarest letter and checks the letters before it
    backwards (harakat, tatweel, several spaces and line breaks between words): the same
    hits as the folded copy gives."""
    q = Query(query, mode)
    original = OriginalMatcher.of(q)
    assert original is not None and original.behind  # anchored after the first letter
    ft = FoldedText.of(text)
    expected = [ft.span(s, e) for s, e in q.matcher().spans(ft.folded)]
    assert expected and list(original.spans(text)) == expected


def test_only_plain_arabic_and_digit_queries_match_the_original() -> None:
    assert OriginalMatcher.of(Query("باريس")) is not None
    assert OriginalMatcher.of(Query("بَـاريس ٢٠١٥", Mode.PREFIX)) is not None
    assert OriginalMatcher.of(Query("Paris")) is None  # case: many characters lower to one
    assert OriginalMatcher.of(Query("باريس", Mode.REGEX)) is None
    assert OriginalMatcher.of(Query("مدينة", fold=FoldOptions(ta_marbuta=True))) is None
    assert OriginalMatcher.of(Query("باريس!")) is None

"""Search defects found by QA (round 3): a regular expression over the joined corpus, a
query starting with the article after the preposition ل (للقدس), invisible formatting
characters, and a query holding bytes that are not UTF-8 (annotator.search)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.cli import main
from annotator.model import Span
from annotator.project import Project
from annotator.search import FoldedCorpus, FoldedText, Mode, Query, QueryError, find
from annotator.search.clitics import article_form, lam_form
from annotator.search.corpus import search_documents
from annotator.search.folding import fold_text
from annotator.search.gazetteer import Entry, Gazetteer, GazetteerMatcher
from annotator.search.matching import OriginalMatcher, index_words
from annotator.search.suggestions import annotate_all
from annotator.text import trim_proclitic


def _key(hits: object) -> list[tuple[int, int, int]]:
    return [(h.doc_id, h.start, h.end) for h in hits]  # type: ignore[attr-defined]


# -- 1. a regular expression never runs from one document into the next --------------------
_REGEXES = [
    "باريس.*",
    "[^،]+باريس",
    r"باريس\W+\w+",
    "س.ب",
    "^في",
    "باريس$",
    r"\w+$",
    ".",
    r"(?s).+",
    r"\bب\w*",
    "[^ ]+",
    "ي.?",
]
_DOC_ALPHABET = st.sampled_from([*"باريسفيزأ،. ", "\n", "\u064e", "\u200f", "A", "😀"])


def test_qa_regexes_at_a_document_end_are_found_by_the_joined_search() -> None:
    docs = [(1, "زار باريس أمس"), (2, "باريس مدينة كبيرة"), (3, "في باريس")]
    corpus = FoldedCorpus(docs)
    q = Query("باريس.*", Mode.REGEX)
    assert _key(corpus.search(q)) == [(1, 4, 13), (2, 0, 17), (3, 3, 8)]
    q = Query("[^،]+باريس", Mode.REGEX)
    assert _key(corpus.search(q)) == [(1, 0, 9), (3, 0, 8)]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(_DOC_ALPHABET, max_size=25).map("".join), min_size=1, max_size=6),
    st.sampled_from(_REGEXES),
)
def test_joined_regex_search_equals_the_search_of_each_document(
    texts: list[str], pattern: str
) -> None:
    docs = list(enumerate(texts, start=10))
    corpus = FoldedCorpus(docs)
    query = Query(pattern, Mode.REGEX)
    per_document = [h for doc_id, text in docs for h in find(text, query, doc_id)]
    assert _key(corpus.search(query)) == _key(per_document)
    assert _key(corpus.search(query, doc_ids=[i for i, _ in docs])) == _key(per_document)


# -- 2. ال + stem after the preposition ل ---------------------------------------------------
def test_lam_form_is_one_rule_both_ways() -> None:
    assert lam_form("القدس") == "للقدس"
    assert article_form("للقدس") == "القدس"
    assert lam_form("الله") is None and article_form("لله") is None  # stem too short
    assert lam_form("باريس") is None and article_form("لبنان") is None


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("قال الأمين العام للأمم المتحدة إن", "الأمم المتحدة"),
        ("زيارة للقدس اليوم", "القدس"),
        ("زيارة وللقدس اليوم", "القدس"),
        ("زيارة فللقدس اليوم", "القدس"),
        ("زيارة لِلْقُدْسِ اليوم", "القدس"),
        ("ذهب للبنك.", "البنك"),
    ],
)
def test_a_query_with_the_article_finds_it_after_lam(text: str, query: str) -> None:
    """The hit covers the article's ل and the stem: what trimming the preposition ل (and the
    conjunction before it) with the manual trim leaves, as بباريس gives باريس."""
    for mode in (Mode.WORD, Mode.PREFIX):
        hits = find(text, Query(query, mode))
        assert len(hits) == 1
        h = hits[0]
        word_start = text.rfind(" ", 0, h.start) + 1
        stem = word_start
        for _ in range(2):  # the conjunction, then the preposition ل
            if stem < h.start:
                stem = trim_proclitic(text, stem, h.end)
            while fold_text(text[stem]) == "":  # the vowel of a trimmed proclitic
                stem += 1
        assert stem == h.start
        assert fold_text(text[h.start : h.end]) == fold_text(query)[1:]
        assert fold_text(text[: h.start]).endswith("ل")


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("بللقدس", "القدس"),  # no other preposition before لل
        ("كللقدس", "القدس"),
        ("اللقدس", "القدس"),
        ("وبللقدس", "القدس"),
        ("لقدس", "القدس"),  # no ل before the article's ل
        ("لله", "الله"),  # too short to be read as ل + ال
        ("للقدس", "القدس"),  # clitics off: the query as written only
    ],
)
def test_only_lam_and_a_conjunction_stand_before_the_article_lam(text: str, query: str) -> None:
    clitics = False if text == "للقدس" else None
    assert find(text, Query(query, clitics=clitics)) == []


def test_qa_corpus_search_and_annotate_all_find_lil(tmp_path: Path) -> None:
    text = "قال الأمين العام للأمم المتحدة إن الأمم المتحدة وبالأمم المتحدة تدعو."
    other = "زيارة للقدس و القدس."
    corpus = FoldedCorpus([(1, text), (2, other)])
    hits = list(corpus.search(Query("الأمم المتحدة")))
    assert [corpus.text(h.doc_id)[h.start : h.end] for h in hits] == [
        "لأمم المتحدة",
        "الأمم المتحدة",
        "الأمم المتحدة",
    ]
    at = other.index("القدس")
    span = Span("s1", 2, "amal", at, at + 5, "GPE", "القدس")
    found = list(annotate_all(span, corpus, [span]))
    assert [(s.doc_id, s.text) for s in found] == [(2, "لقدس")]
    assert found[0].start == other.index("للقدس") + 1


def test_a_gazetteer_name_with_the_article_is_found_after_lam() -> None:
    gazetteer = Gazetteer("g", "g.txt", (Entry("القدس الشريف", "LOC", 1), Entry("لبنان", "GPE", 2)))
    matcher = GazetteerMatcher(gazetteer)
    folded = fold_text("زار للقدس الشريف ولبنان ثم بللقدس الشريف")
    assert [(folded[s:e], entry.label) for s, e, entry in matcher.spans(folded)] == [
        ("لقدس الشريف", "LOC"),
        ("لبنان", "GPE"),
    ]


_LAM_ALPHABET = st.sampled_from([*"وفبكلالقدسي ", "\u064e", "\u0640", "\u200d", "أ"])


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(_LAM_ALPHABET, max_size=40).map("".join),
    st.sampled_from(["القدس", "الأمم", "القدس القدس", "السيد", "القسي"]),
    st.sampled_from([Mode.WORD, Mode.PREFIX]),
)
def test_lam_hits_are_the_same_on_the_original_text_and_the_folded_copy(
    text: str, query: str, mode: Mode
) -> None:
    q = Query(query, mode)
    original = OriginalMatcher.of(q)
    assert original is not None and original.lam is not None
    ft = FoldedText.of(text)
    expected = [ft.span(s, e) for s, e in q.matcher().spans(ft.folded)]
    assert list(original.spans(text)) == expected
    # every text holding a hit holds every trigram of the index's words
    if expected:
        for word in index_words(q):
            assert word in ft.folded


# -- 3. invisible formatting characters are folded away -------------------------------------
LRM, RLM, RLE, PDF, ZWJ, ZWNJ = "\u200e", "\u200f", "\u202b", "\u202c", "\u200d", "\u200c"
_MARKED = f"زار باريس ثم {RLE}باريس{PDF} ثم و{ZWJ}باريس ثم با{ZWNJ}ريس{LRM} ثم {RLM}باريس."


@pytest.mark.parametrize(
    "query", ["باريس", f"باريس{LRM}", f"{RLM}باريس", f"{RLE}باريس{PDF}", f"با{ZWJ}ريس"]
)
def test_invisible_formatting_is_ignored_in_query_and_text(query: str) -> None:
    hits = find(_MARKED, Query(query))
    assert len(hits) == 5
    for h in hits:
        assert fold_text(_MARKED[h.start : h.end]) == "باريس"
        assert fold_text(_MARKED[h.start]) == "ب"  # never starts on a formatting character
    starts = [h.start for h in hits]
    assert starts[2] == _MARKED.index(f"و{ZWJ}باريس") + 2  # after the conjunction and ZWJ
    assert _MARKED[starts[3] : starts[3] + 4] == f"با{ZWNJ}ر"
    q = Query(query)
    original = OriginalMatcher.of(q)
    assert original is not None
    assert [(h.start, h.end) for h in hits] == original.all_spans(_MARKED)


def test_formatting_marks_fold_one_by_one_and_embeddings_part_words() -> None:
    text = f"با{ZWNJ}ريس{LRM} \u061cx{ZWJ}y {RLE}باريس{PDF}\u2066z\u2069"
    ft = FoldedText.of(text)
    assert ft.folded == f"باريس xy {RLE}باريس{PDF}\u2066z\u2069"
    assert [ft.position(f) for f in range(8)] == [0, 1, 3, 4, 5, 7, 9, 11]
    assert fold_text("\u200b") == "\u200b"  # a zero-width space still parts words
    # an embedding or isolate is no part of a word: the hit stops before it
    hits = find(text, Query("باريس"))
    assert [text[h.start : h.end] for h in hits] == [f"با{ZWNJ}ريس{LRM}", "باريس"]
    assert [text[h.start : h.end] for h in find(text, Query("z"))] == ["z"]
    # in a word or word-start query they are dropped; anywhere, taken as written
    assert len(find(text, Query(f"\u2066{RLE}باريس{PDF}", Mode.PREFIX))) == 2
    assert len(find(text, Query(f"{RLE}باريس", Mode.SUBSTRING))) == 1


def test_the_cli_finds_words_with_formatting_characters(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.annotator") as p:
        p.add_document(_MARKED, name="marks")
        p.add_document("لا شيء", name="none")
        assert p.ensure_search_index()
        found = list(search_documents(p, Query(f"باريس{LRM}")))
    assert [len(f.spans) for f in found] == [5]


# -- 4. a query holding bytes that are not UTF-8 --------------------------------------------
def test_a_query_with_lone_surrogates_is_refused() -> None:
    raw = b"\xff\xfe\xd8\xa8".decode("utf-8", "surrogateescape")  # as a command line gives it
    with pytest.raises(QueryError, match="not valid text"):
        Query(raw).matcher()
    with pytest.raises(QueryError, match="not valid text"):
        Query(raw, Mode.REGEX).matcher()


def test_the_cli_says_one_line_for_a_query_of_bad_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_document("زار باريس", name="a")
        assert p.ensure_search_index()
    raw = b"\xff\xfe\xd8\xa8\xd8\xa7\xd8\xb1\xd9\x8a\xd8\xb3".decode("utf-8", "surrogateescape")
    for extra in ([], ["--mode", "any"], ["--regex"], ["--json"]):
        with pytest.raises(SystemExit) as usage:  # a text argument of bad bytes: usage error
            main(["search", str(path), raw, *extra])
        out, err = capsys.readouterr()
        assert usage.value.code == 2 and out == ""
        last = err.strip().splitlines()[-1]
        assert re.match(r"annotator(?: search)?: error: .*not valid text", last), err

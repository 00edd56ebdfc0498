"""Every corpus search path gives the same hits (annotator.search.corpus): the in-memory
corpus, the corpus narrowed to the index's candidates, and the documents the index picks for
a process without the corpus; a corpus rebuilt with ``reuse`` folds only new documents."""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.project import Project
from annotator.search import FoldedCorpus, Mode, Query, find
from annotator.search import folding as folding_module
from annotator.search.corpus import (
    RARE_SHARE,
    Found,
    narrowed,
    search_documents,
    texts_to_search,
)
from tests.core.test_search_index import QUERIES, TEXTS

MANY = TEXTS + [f"نص رقم {k} عن القاهرة ودمشق." for k in range(20)]


def _key(hits: object) -> list[tuple[int, int, int]]:
    return [(h.doc_id, h.start, h.end) for h in hits]  # type: ignore[attr-defined]


def _found(found: Iterable[Found]) -> list[tuple[int, int, int]]:
    """``_key`` of the hits ``search_documents`` gives (document by document)."""
    return [(f.doc_id, start, end) for f in found for start, end in f.spans]


@pytest.mark.parametrize("query", [*QUERIES, Query("دمشق"), Query("رقم", Mode.PREFIX)])
def test_every_path_gives_the_same_hits(tmp_path: Path, query: Query) -> None:
    with Project.create(tmp_path / "p.annotator") as p:
        for k, text in enumerate(MANY):
            p.add_document(text, name=f"d{k}")
        assert p.ensure_search_index()
        corpus = FoldedCorpus((d.id, d.text) for d in p.iter_documents())
        expected = _key(corpus.search(query))
        candidates = p.search_candidates(query)
        assert _key(narrowed(corpus, query, candidates)) == expected
        assert _key(narrowed(corpus, query, None)) == expected
        by_doc = [h for i, _, t in texts_to_search(p, query) for h in find(t, query, i)]
        assert _key(by_doc) == expected
        some = corpus.ids[::2]
        assert _key(narrowed(corpus, query, candidates, some)) == _key(
            corpus.search(query, doc_ids=some)
        )


def test_a_rare_name_is_searched_in_its_candidates_only(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.annotator") as p:
        for k, text in enumerate(MANY):
            p.add_document(text, name=f"d{k}")
        assert p.ensure_search_index()
        q = Query("هولندا")
        candidates = p.search_candidates(q)
        assert candidates is not None and len(candidates) == 1
        assert [name for _, name, _ in texts_to_search(p, q)] == ["d1"]


def test_reuse_folds_only_new_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    first = FoldedCorpus(enumerate(TEXTS))
    folded: list[str] = []
    real = folding_module.FoldedText.of

    def counting(text: str, options: object = folding_module.DEFAULT) -> object:
        folded.append(text)
        return real(text, options)  # type: ignore[arg-type]

    monkeypatch.setattr(folding_module.FoldedText, "of", staticmethod(counting))
    docs = [*enumerate(TEXTS), (99, "نص جديد عن باريس")]
    second = FoldedCorpus(docs, reuse=first)
    assert folded == ["نص جديد عن باريس"]
    assert _key(second.search(Query("باريس"))) == _key(FoldedCorpus(docs).search(Query("باريس")))
    # same id, another text (another project): folded again, never the old copy
    third = FoldedCorpus([(0, "نص آخر تماما")], reuse=first)
    assert third.text(0) == "نص آخر تماما" and folded[-1] == "نص آخر تماما"


@pytest.mark.parametrize("query", [*QUERIES, Query("دمشق"), Query("رقم", Mode.PREFIX)])
def test_the_command_lines_path_gives_the_same_hits(tmp_path: Path, query: Query) -> None:
    """``search_documents`` (``annotator search``): the index's candidates, read one by one
    or in one stream, each folded with the way back at once; with or without the index,
    and limited to some documents."""
    with Project.create(tmp_path / "p.annotator") as p:
        for k, text in enumerate(MANY):
            p.add_document(text, name=f"d{k}")
        corpus = FoldedCorpus((d.id, d.text) for d in p.iter_documents())
        expected = _key(corpus.search(query))
        assert _found(search_documents(p, query)) == expected
        assert p.ensure_search_index()
        found = list(search_documents(p, query))
        assert _found(found) == expected
        assert all(f.spans and f.name == p.document(f.doc_id).name for f in found)
        assert all(f.text == corpus.text(f.doc_id) for f in found)
        some = set(corpus.ids[::2])
        limited = _found(search_documents(p, query, some))
        assert limited == [k for k in expected if k[0] in some]


def test_candidates_are_read_in_blocks_never_one_by_one(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.annotator") as p:
        for k, text in enumerate(MANY):
            p.add_document(text, name=f"d{k}")
        assert p.ensure_search_index()
        p.document = None  # type: ignore[method-assign, assignment]  # not read one by one
        for q in (Query("رقم"), Query("هولندا")):
            candidates = p.search_candidates(q)
            assert candidates
            rows = list(texts_to_search(p, q))
            assert [doc_id for doc_id, _, _ in rows] == candidates
            assert all(text and name.startswith("d") for _, name, text in rows)


# -- narrowed == scanned over random queries (the dock's path with the index) ---------------
_STEMS = ["باريس", "هولندا", "القاهرة", "دمشق", "وزارة", "الدفاع", "سوريا", "طائرة", "مدينة",
          "أحمد", "إبراهيم", "مصطفى", "جزائري", "عسكري", "نشاط", "اعتداء", "بيروت", "تونس",
          "ليبيا", "عمان", "2015", "الخطيب", "حداد", "قاضي", "ساحل", "بحر", "جبل", "نهر",
          "سلام", "حرب"]  # fmt: skip
_CLITICS = ["", "", "و", "ب", "ف", "ل", "ك", "وب", "ال", "وال", "بال", "لل"]
_MARKS = ["\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u0640"]


def _decorated(word: str, pick: random.Random) -> str:
    """``word`` as news text may write it: harakat or tatweel after some letters, an alef
    with hamza, ى for a final ي."""
    out = []
    for ch in word:
        if ch == "ا" and pick.random() < 0.3:
            ch = pick.choice("أإآ")
        out.append(ch)
        if pick.random() < 0.25:
            out.append(pick.choice(_MARKS))
    text = "".join(out)
    return text[:-1] + "ى" if text.endswith("ي") and pick.random() < 0.5 else text


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Project, FoldedCorpus]]:
    """60 documents of filler words with three stems each (so a stem is in about one
    document in ten), behind proclitics, vocalised, with tatweel; the index built."""
    pick = random.Random(13)
    filler = ["في", "من", "إلى", "على", "عن", "قال", "كان", "هذا", "التي", "بعد"]
    path = tmp_path_factory.mktemp("narrowed") / "p.annotator"
    p = Project.create(path)
    for k in range(60):
        words = [pick.choice(filler) for _ in range(12)]
        for stem in pick.sample(_STEMS, 3):
            at = pick.randrange(len(words) + 1)
            words.insert(at, pick.choice(_CLITICS) + _decorated(stem, pick))
        p.add_document(" ".join(words) + ".", name=f"d{k}")
    assert p.ensure_search_index()
    corpus = FoldedCorpus((d.id, d.text) for d in p.iter_documents())
    yield p, corpus
    p.close()


@st.composite
def _queries(draw: st.DrawFn) -> Query:
    """A stem (or two, or a piece of one) as an analyst types it: bare, vocalised, with an
    alef form, or with a proclitic attached; any mode but the regular expression (which the
    index never narrows); clitic-aware or not."""
    words = draw(st.lists(st.sampled_from(_STEMS), min_size=1, max_size=2))
    seed = draw(st.integers(0, 2**16))
    pick = random.Random(seed)
    form = draw(st.sampled_from(["bare", "decorated", "clitic", "piece"]))
    if form == "decorated":
        words = [_decorated(w, pick) for w in words]
    elif form == "clitic":
        words[0] = pick.choice(_CLITICS[2:]) + words[0]
    elif form == "piece":
        w = words[0]
        a = pick.randrange(len(w))
        words = [w[a : a + pick.randint(2, 5)]]
    mode = draw(st.sampled_from([Mode.WORD, Mode.PREFIX, Mode.SUBSTRING]))
    clitics = draw(st.sampled_from([None, False]))
    return Query(" ".join(words), mode, clitics)


@settings(max_examples=200, deadline=None)
@given(query=_queries())
def test_narrowed_by_the_index_equals_the_scan(
    indexed: tuple[Project, FoldedCorpus], query: Query
) -> None:
    p, corpus = indexed
    candidates = p.search_candidates(query)
    scanned = _key(corpus.search(query))
    assert _key(narrowed(corpus, query, candidates)) == scanned
    assert _found(search_documents(p, query)) == scanned
    if candidates is not None:  # the index never leaves out a document with a hit
        assert {k[0] for k in scanned} <= set(candidates)


def test_rare_stems_are_narrowed(indexed: tuple[Project, FoldedCorpus]) -> None:
    p, corpus = indexed
    for stem in _STEMS:
        candidates = p.search_candidates(Query(stem))
        assert candidates is not None and len(candidates) <= RARE_SHARE * len(corpus), stem

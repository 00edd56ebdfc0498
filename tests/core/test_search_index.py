"""The FTS5 search index (issue 13): a cache that narrows documents, never decides a hit.

Hits through the index equal the in-memory search (annotator.search) on every query; the
index is built, brought up to date and rebuilt when missing or of another version; a
read-only project nobody indexed searches without it.
"""

from __future__ import annotations

import sqlite3  # white-box: the index dropped behind the project's back
from pathlib import Path

import pytest

from annotator import project as project_module
from annotator.project import Project, fts_expression
from annotator.search import FoldedCorpus, Mode, Query

TEXTS = [
    "زار محمد علي بباريس في اعتداءات باريس.",
    "وهولندا بلد، وذهب إلى هُولَنْدا مع أحمد.",
    "The Paris attacks; PARIS again. ٢٠١٥ and 2015.",
    "لا شيء هنا.",
    "عادَ إلى بـاريـس والقاهرة للمرة الثانية.",
]
QUERIES = [
    Query("باريس"), Query("هولندا"), Query("paris"), Query("2015"), Query("اعتداءات باريس"),
    Query("القاهرة"), Query("بار", Mode.PREFIX), Query("ري", Mode.SUBSTRING),
    Query("ب.ري", Mode.REGEX), Query("محمد"), Query("غائب"),
]  # fmt: skip


def _hits(p: Project, q: Query) -> list[tuple[int, int, int]]:
    return [(h.doc_id, h.start, h.end) for h in p.search_index_search(q)]


def _expected(p: Project, q: Query) -> list[tuple[int, int, int]]:
    corpus = FoldedCorpus((d.id, d.text) for d in p.iter_documents())
    return [(h.doc_id, h.start, h.end) for h in corpus.search(q)]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        for k, text in enumerate(TEXTS):
            p.add_document(text, name=f"d{k}")
    return path


def test_hits_through_the_index_equal_the_in_memory_search(path: Path) -> None:
    with Project.open(path) as p:
        assert not p.search_index_fresh()
        no_index = {q: _hits(p, q) for q in QUERIES}
        assert p.ensure_search_index()
        assert p.search_index_fresh()
        for q in QUERIES:
            assert _hits(p, q) == _expected(p, q) == no_index[q], q
        assert _hits(p, Query("باريس")) != []
        assert p.search_candidates(Query("هولندا")) == [2]  # narrowed (the harakat folded)
        assert p.search_candidates(Query("ب.ري", Mode.REGEX)) is None  # scans everything
        assert list(p.search_index_search(Query("باريس"), doc_ids=[5])) != []
        assert list(p.search_index_search(Query("باريس"), doc_ids=[4])) == []


def test_new_documents_are_indexed_and_a_missing_index_is_rebuilt(path: Path) -> None:
    with Project.open(path) as p:
        p.ensure_search_index()
        p.add_document("خبر جديد من أمستردام.", name="new")
        assert not p.search_index_fresh()
        assert p.search_candidates(Query("أمستردام")) is None  # stale: not trusted
        seen: list[tuple[int, int]] = []
        p.ensure_search_index(lambda done, total: seen.append((done, total)))
        assert seen[-1] == (6, 6)
        assert p.search_candidates(Query("امستردام")) == [6]
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE search_index")
    conn.commit()
    conn.close()
    with Project.open(path) as p:
        assert not p.search_index_fresh()
        assert _hits(p, Query("هولندا")) == _expected(p, Query("هولندا"))  # scanned
        assert p.ensure_search_index()
        assert p.search_candidates(Query("هولندا")) == [2]


def test_another_folding_version_rebuilds(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Project.open(path) as p:
        p.ensure_search_index()
        before = p.search_candidates(Query("باريس"))
        assert before is not None and 1 in before and 5 in before
    monkeypatch.setattr(project_module, "SEARCH_INDEX_VERSION", "fold-999")
    with Project.open(path) as p:
        assert not p.search_index_fresh()
        assert p.ensure_search_index()
        assert p.search_candidates(Query("باريس")) == before


def test_a_read_only_project_searches_without_the_index(path: Path) -> None:
    with Project.open(path, read_only=True) as p:
        assert p.ensure_search_index() is False
        for q in QUERIES:
            assert _hits(p, q) == _expected(p, q)


def test_fts_expression_is_every_trigram_anded() -> None:
    assert fts_expression(Query("أحمد")) == '"احم" AND "حمد"'
    assert fts_expression(Query("ab")) is None
    assert fts_expression(Query('a"bc')) == '"a""b" AND """bc"'

"""Which path answers a corpus search (docs/design/search.md, "Corpus search paths").

- A process that holds the folded corpus in memory (the workbench's search dock,
  ``FoldedCorpus``) scans it: one regular-expression pass over each of its few long strings
  (runs of whole documents, ``CHUNK_CHARS`` each), whatever the query.
  ``narrowed`` lets such a process use candidate documents from the FTS5 index when they are
  few (a rare name), and the whole corpus otherwise.
- A process without it (``annotator search``) asks the index for the candidate documents
  and reads and matches those only (``texts_to_search``, ``search_documents``); when the
  index cannot narrow (no fresh index, a regular expression, no word of three letters) every
  document is read.

The index only narrows: hits are always made by the ``Matcher`` on the folded text, or by
``OriginalMatcher``, which finds exactly its hits on the text itself, so every path gives the
same hits (tests/core/test_search_paths.py, tests/core/test_search.py).
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple, Protocol

from annotator.errors import ProjectFileError
from annotator.search.folding import FoldedText
from annotator.search.matching import FoldedCorpus, Hit, OriginalMatcher, Query

RARE_SHARE = 0.25
"""candidates up to this share of the corpus are searched one by one; more, the whole string"""


class Narrowing(Protocol):
    """What the paths need of a project (``annotator.project.Project`` fits)."""

    path: Path

    def search_candidates(self, query: Query) -> list[int] | None: ...

    def text_blocks(
        self, rows: int = ..., docs: tuple[int, int] | None = None, ids: Sequence[int] = ()
    ) -> Iterator[list[tuple[int, str, str]]]: ...


def narrowed(
    corpus: FoldedCorpus,
    query: Query,
    candidates: Sequence[int] | None,
    doc_ids: Iterable[int] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Iterator[Hit]:
    """``corpus.search`` over ``candidates`` when they are few, else over the whole corpus
    (or ``doc_ids``); same hits either way, in document order."""
    if candidates is not None and len(candidates) <= RARE_SHARE * max(1, len(corpus)):
        wanted = candidates if doc_ids is None else sorted(set(candidates) & set(doc_ids))
        return corpus.search(query, doc_ids=wanted, cancelled=cancelled)
    return corpus.search(query, doc_ids=doc_ids, cancelled=cancelled)


class Found(NamedTuple):
    """A document holding hits of a query, and the hits: ``text[start:end]`` (code points)."""

    doc_id: int
    name: str
    text: str
    spans: list[tuple[int, int]]


def texts_to_search(project: Narrowing, query: Query) -> Iterator[tuple[int, str, str]]:
    """``(id, name, text)`` of the documents ``query`` may match, in document order: the
    index's candidates, or every document when it cannot narrow, read by
    ``Project.text_blocks`` (a query per 500 candidates, no document's metadata: reading
    them one by one cost twice the time of a stream of every document for half of them). A
    name or text that is not text (a damaged file) is an error naming the file."""
    for block in _blocks_to_search(project, query):
        yield from block


def _blocks_to_search(project: Narrowing, query: Query) -> Iterator[list[tuple[int, str, str]]]:
    """``texts_to_search`` in blocks of rows, each row checked."""
    candidates = project.search_candidates(query)
    if candidates is None:
        blocks = project.text_blocks()
    elif not candidates:
        return
    else:
        blocks = project.text_blocks(rows=500, ids=candidates)
    for block in blocks:
        yield _checked(project, block)


def _checked(project: Narrowing, rows: list[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
    """``rows``, when every name and text in them is text; else a ``ProjectFileError``."""
    for doc_id, name, text in rows:
        if type(name) is not str or type(text) is not str:
            raise ProjectFileError(
                f"{project.path}: the project file is corrupt (document {doc_id} has a name "
                "or text that is not text)"
            )
    return rows


def search_documents(
    project: Narrowing, query: Query, doc_ids: Container[int] | None = None
) -> Iterator[Found]:
    """Each document of ``texts_to_search`` (only those of ``doc_ids`` when given) holding a
    hit of ``query``, with its hits in order: the path of a process that holds no folded
    corpus (``annotator search``). A document read here is searched once, so it is not
    folded when the query can be matched on its text (``OriginalMatcher``: Arabic letters
    and digits), else folded with the way back in one pass (``FoldedText.with_runs``)."""
    for block in search_blocks(project, query, doc_ids):
        yield from block


def search_blocks(
    project: Narrowing, query: Query, doc_ids: Container[int] | None = None
) -> Iterator[list[Found]]:
    """``search_documents`` a block of documents at a time (a caller printing thousands of
    them loops over lists)."""
    matcher = query.matcher()
    original = OriginalMatcher.of(query)
    for block in _blocks_to_search(project, query):
        if doc_ids is not None:
            block = [row for row in block if row[0] in doc_ids]
        texts = [text for _, _, text in block]
        if original is not None:
            found = original.spans_of(texts)
        else:
            found = []
            for text in texts:
                ft = FoldedText.with_runs(text, query.fold)
                found.append([ft.span(s, e) for s, e in matcher.spans(ft.folded)])
        yield [Found(*row, spans) for row, spans in zip(block, found, strict=True) if spans]

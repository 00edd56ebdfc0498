"""Which path answers a corpus search (docs/design/search.md, "Corpus search paths").

- A process that holds the folded corpus in memory (the workbench's search dock,
  ``FoldedCorpus``) scans it: one regular-expression pass over one string, whatever the query.
  ``narrowed`` lets such a process use candidate documents from the FTS5 index when they are
  few (a rare name), and the whole corpus otherwise.
- A process without it (``annotator search``) asks the index for the candidate documents
  and reads and folds those only (``documents_to_search``, ``search_documents``); when the
  index cannot narrow (no fresh index, a regular expression, no word of three letters) every
  document is read.

The index only narrows: hits are always made by the ``Matcher`` on the folded text, so every
path gives the same hits (tests/core/test_search_paths.py).
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from typing import Protocol

from annotator.model import Document
from annotator.search.folding import FoldedText
from annotator.search.matching import FoldedCorpus, Hit, OriginalMatcher, Query

RARE_SHARE = 0.25
"""candidates up to this share of the corpus are searched one by one; more, the whole string"""


class Narrowing(Protocol):
    """What the paths need of a project (``annotator.project.Project`` fits)."""

    def search_candidates(self, query: Query) -> list[int] | None: ...

    def iter_documents(self) -> Iterator[Document]: ...

    def document(self, doc_id: int) -> Document: ...


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


STREAM_SHARE = 0.5
"""candidates making up at least this share of the ids up to the last of them are read in one
stream of the documents (skipping the others); fewer, one by one"""


def documents_to_search(project: Narrowing, query: Query) -> Iterator[Document]:
    """The documents ``query`` may match, in document order: the index's candidates, or
    every document when it cannot narrow. Many candidates (a common word) are read in one
    stream rather than one query each (document ids are never reused, so the last
    candidate's id bounds the documents streamed)."""
    candidates = project.search_candidates(query)
    if candidates is None:
        yield from project.iter_documents()
        return
    if candidates and len(candidates) >= STREAM_SHARE * candidates[-1]:
        wanted, last = set(candidates), candidates[-1]
        for doc in project.iter_documents():
            if doc.id in wanted:
                yield doc
            if doc.id >= last:
                return
        return
    for doc_id in candidates:
        yield project.document(doc_id)


def search_documents(
    project: Narrowing, query: Query, doc_ids: Container[int] | None = None
) -> Iterator[tuple[Document, list[Hit]]]:
    """Each document of ``documents_to_search`` (only those of ``doc_ids`` when given)
    holding a hit of ``query``, with its hits in order: the path of a process that holds no
    folded corpus (``annotator search``). A document read here is searched once, so it is
    not folded when the query can be matched on its text (``OriginalMatcher``: Arabic
    letters and digits), else folded with the way back in one pass
    (``FoldedText.with_runs``)."""
    matcher = query.matcher()
    original = OriginalMatcher.of(query)
    for doc in documents_to_search(project, query):
        if doc_ids is not None and doc.id not in doc_ids:
            continue
        if original is not None:
            hits = [Hit(doc.id, s, e) for s, e in original.spans(doc.text)]
        else:
            ft = FoldedText.with_runs(doc.text, query.fold)
            hits = [Hit(doc.id, *ft.span(s, e)) for s, e in matcher.spans(ft.folded)]
        if hits:
            yield doc, hits

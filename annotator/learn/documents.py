"""Document-level facts of a word: names are bursty (docs/design/model.md, "Document features").

A name tends to recur in the one document that is about it and to be rare elsewhere, while a
common word is spread over many documents. Two counts describe that, both on stems
(``features.stem_of``): how many of the project's documents hold the stem (``Frequencies``,
learnt from every document of the project, labelled or not, kept in the model's manifest), and
how often the stem occurs in the document being read (counted there, at training and at
prediction alike). Beside them, from the document alone: whether the stem occurs there in more
than one written form (with and without a proclitic or the article: ``مدريد``, ``بمدريد``,
``ومدريد``), and whether it occurs in the document's first sentence (a Wikipedia article's
subject, a news story's lead).

Nothing here reads labels: the counts generalise to names no training document holds.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from annotator.learn.segment import Segmented, fold_word

MIN_DOCUMENTS = 3
"""a project of fewer documents gets no document frequencies (one in two is not rare)"""
MAX_STEMS = 200_000
"""at most this many stems (those in the most documents) are kept; others count as in one"""


@dataclass(frozen=True)
class Frequencies:
    """The number of the project's documents each stem occurs in (stems in two or more only;
    a stem not listed is in one document at most) and the number of documents counted."""

    documents: int = 0
    stems: dict[str, int] = field(default_factory=dict)

    def bucket(self, stem: str) -> str:
        """A coarse class of the stem's share of the documents: ``1`` (in one document
        only), ``rare`` (up to 5%), ``some`` (up to 25%), ``half`` (up to 50%), ``most``;
        '' when there are too few documents to say."""
        if self.documents < MIN_DOCUMENTS:
            return ""
        n = self.stems.get(stem, 1)
        if n <= 1:
            return "1"
        share = n / self.documents
        if share <= 0.05:
            return "rare"
        if share <= 0.25:
            return "some"
        return "half" if share <= 0.5 else "most"

    def to_json(self) -> dict[str, Any]:
        return {"documents": self.documents, "stems": self.stems}

    @classmethod
    def from_json(cls, data: Any) -> Frequencies:
        """Checked: ``{"documents": n, "stems": {stem: n}}``, each count a whole number from 2
        to ``documents``; else ValueError."""
        if not isinstance(data, dict) or set(data) != {"documents", "stems"}:
            raise ValueError("document frequencies: expected an object with documents and stems")
        documents, stems = data["documents"], data["stems"]
        if type(documents) is not int or documents < 0:
            raise ValueError("document frequencies: documents must be a whole number")
        if not isinstance(stems, dict):
            raise ValueError("document frequencies: stems must be an object")
        for stem, n in stems.items():
            if not (isinstance(stem, str) and type(n) is int and 2 <= n <= documents):
                raise ValueError(
                    f"document frequencies: {stem!r} must map to a count from 2 to {documents}"
                )
        return cls(documents, dict(stems))


def learn(documents: Iterable[Segmented]) -> Frequencies:
    """The document frequency of every stem of ``documents`` (every document of the project)."""
    from annotator.learn.features import stem_of

    counts: Counter[str] = Counter()
    n = 0
    for seg in documents:
        n += 1
        text = seg.text
        counts.update({stem_of(fold_word(text[s:e])) for s, e in seg.tokens})
    # by count, then by the stem: the same documents in any order keep the same stems
    kept = sorted((w for w, c in counts.items() if c >= 2), key=lambda w: (-counts[w], w))
    return Frequencies(n, {w: counts[w] for w in kept[:MAX_STEMS]})


def count_bucket(n: int) -> str:
    """A coarse class of how often a stem occurs in its document."""
    if n <= 1:
        return "1"
    if n <= 3:
        return "2-3"
    return "4-9" if n <= 9 else "10+"


@dataclass(frozen=True)
class InDocument:
    """Per word of one document: its stem's count class there, whether the stem is written in
    more than one form there, and whether it occurs in the document's first sentence."""

    counts: list[str]
    varied: list[bool]
    lead: list[bool]


def in_document(
    seg: Segmented, folded: Sequence[str], stems: Sequence[str], words: Sequence[bool]
) -> InDocument:
    """The in-document facts of each word of ``seg`` (``folded``: each word folded, ``stems``:
    its stem, ``words``: whether it is a word at all, not punctuation or a number; a
    non-word gets count class '' and neither flag)."""
    counts: Counter[str] = Counter()
    forms: dict[str, set[str]] = defaultdict(set)
    for f, st, ok in zip(folded, stems, words, strict=True):
        if ok:
            counts[st] += 1
            forms[st].add(f)
    first = {stems[i] for i in seg.sentences[0] if words[i]} if seg.sentences else set()
    return InDocument(
        [count_bucket(counts[st]) if ok else "" for st, ok in zip(stems, words, strict=True)],
        [ok and len(forms[st]) > 1 for st, ok in zip(stems, words, strict=True)],
        [ok and st in first for st, ok in zip(stems, words, strict=True)],
    )

"""Memorised mentions: the baseline the model is measured against, and a feature of the model.

Every training mention is remembered by its folded words (its first word from where it starts:
``باريس`` of بباريس). A text then gets, at each word, the longest remembered sequence starting
at the word or after one of its proclitics, with the label it had most often. As a feature
(``features.py``) the model sees which words such a match covers; in training the matches come
from the other folds of the training documents only, so the model also learns how far to trust
them on names it has not seen.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from annotator.learn.corpus import Example, Mention
from annotator.learn.segment import Segmented, fold_word, segment

Counts = dict[tuple[str, ...], Counter[str]]
"""mentions by their folded words → how often each label"""


class Memorise:
    """Training mentions by their folded words → their most frequent label."""

    def __init__(self, examples: Sequence[Example] = ()) -> None:
        counts: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
        for ex in examples:
            seg = segment(ex.text, ex.meta, [(s, e) for s, e, _ in ex.entities])
            _count(counts, seg, ex.entities)
        self.names = {k: c.most_common(1)[0][0] for k, c in counts.items()}
        self._index()

    @classmethod
    def of_counts(cls, parts: Iterable[Counts]) -> Memorise:
        """The mentions of several documents, each already counted (``counted``): the same
        as ``Memorise`` of those documents in that order (a label's first sighting, which
        breaks a tie, is kept), without cutting them into words again."""
        counts: Counts = defaultdict(Counter)
        for part in parts:
            for key, labels in part.items():
                counts[key].update(labels)
        out = cls()
        out.names = {k: c.most_common(1)[0][0] for k, c in counts.items()}
        out._index()
        return out

    @classmethod
    def of(cls, seg: Segmented, mentions: Sequence[Mention]) -> Memorise:
        """The mentions of one document already cut into words (the model's own predictions,
        proposed again where the same words recur in that document)."""
        counts: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
        _count(counts, seg, mentions)
        out = cls()
        out.names = {k: c.most_common(1)[0][0] for k, c in counts.items()}
        out._index()
        return out

    def _index(self) -> None:
        """The longest remembered name starting with each first word (a word no name starts
        with is passed over without building a key: half the prediction time otherwise)."""
        self.first: dict[str, int] = {}
        for k in self.names:
            self.first[k[0]] = max(self.first.get(k[0], 0), len(k))
        self.longest = max(self.first.values(), default=0)

    def __call__(self, ex: Example) -> list[Mention]:
        seg = segment(ex.text, ex.meta)
        return [(start, seg.tokens[j - 1][1], label) for i, j, start, label in self.matches(seg)]

    def matches(self, seg: Segmented) -> list[tuple[int, int, int, str]]:
        """Word ranges ``[i, j)``, start offset and label of each longest match, in order."""
        words = seg.folded
        out: list[tuple[int, int, int, str]] = []
        first, cuts = self.first, seg.cuts
        i = 0
        while i < len(words) and self.names:
            # a match starts at the word's start (its folded form a first word) or at a cut
            found = self._at(seg, words, i) if words[i] in first or cuts[i] else None
            if found is None:
                i += 1
                continue
            start, n, label = found
            out.append((i, i + n, start, label))
            i += n
        return out

    def tags(
        self, seg: Segmented, matches: list[tuple[int, int, int, str]] | None = None
    ) -> list[str]:
        """A BIO tag per word of the matches (the model's ``memo`` feature)."""
        tags = ["O"] * len(seg.tokens)
        for i, j, _, label in self.matches(seg) if matches is None else matches:
            tags[i] = f"B-{label}"
            tags[i + 1 : j] = [f"I-{label}"] * (j - i - 1)
        return tags

    def to_json(self) -> list[list[str]]:
        """``[[word, ..., label], ...]``, sorted."""
        return sorted([*k, v] for k, v in self.names.items())

    @classmethod
    def from_json(cls, data: Any) -> Memorise:
        if not isinstance(data, list):
            raise ValueError("memorised mentions: expected a list")
        out = cls()
        for row in data:
            if not (isinstance(row, list) and len(row) >= 2
                    and all(isinstance(x, str) for x in row)):  # fmt: skip
                raise ValueError("memorised mentions: each item is words then a label")
            out.names[tuple(row[:-1])] = row[-1]
        out._index()
        return out

    def _at(self, seg: Segmented, words: list[str], i: int) -> tuple[int, int, str] | None:
        begin, end = seg.tokens[i]
        for start in seg.starts(i):
            first = words[i] if start == begin else fold_word(seg.text[start:end])
            longest = self.first.get(first, 0)
            for n in range(min(longest, len(words) - i), 0, -1):
                label = self.names.get((first, *words[i + 1 : i + n]))
                if label is not None:
                    return start, n, label
        return None


def counted(seg: Segmented, mentions: Sequence[Mention]) -> Counts:
    """One document's mentions by their folded words, counted per label (for ``of_counts``)."""
    counts: Counts = defaultdict(Counter)
    _count(counts, seg, mentions)
    return counts


def _count(counts: Counts, seg: Segmented, mentions: Sequence[Mention]) -> None:
    for s, e, label in mentions:
        rng = seg.word_range(s, e)
        if rng is not None:
            i, j = rng
            words = [fold_word(seg.text[max(s, a) : min(e, b)]) for a, b in seg.tokens[i:j]]
            counts[tuple(words)][label] += 1

"""The tokens the model reads, and where a name may start inside one of them.

The model reads the export token layer (``annotator.formats.tokens``, imported tokens kept):
whole words, proclitics attached (``بباريس`` is one token). For each word it also knows the
places a one-letter proclitic could end (a conjunction و ف, then a preposition ب ل ك, at
least ``annotator.text.MIN_STEM_LETTERS`` letters left after each, the stem ``[`` leaves:
``بباريس`` → 1, ``وبالمدينة`` → 1 and 2, ``بها`` none). The CRF tags
words; where a predicted name starts inside its first word is decided by ``StartRule``, learnt
from where the layer's own spans start: ``باريس`` in ``بباريس`` under the usual guideline (name
without proclitics), the whole word in a corpus that tags whole tokens (AQMAR). A predicted span
therefore starts at a word start or at one of these places: the boundaries the export's
``split_at`` would cut at. Measured on AQMAR (docs/design/model.md): tagging words and placing
the start this way scores higher than tagging words cut after every proclitic.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from annotator.formats.tokens import Token, token_layer
from annotator.text import MIN_STEM_LETTERS, TATWEEL, fold, is_mark

CONJUNCTIONS = "وف"
PREPOSITIONS = "بلك"
_ARABIC_LETTER = range(0x0620, 0x064B)


@lru_cache(maxsize=1 << 16)
def fold_word(word: str) -> str:
    """``annotator.text.fold`` of a word, remembered (words repeat: a document's are folded
    by the features, the memorised mentions and the start rule alike)."""
    return fold(word)


def proclitic_cuts(word: str) -> list[int]:
    """Offsets inside ``word`` after each one-letter proclitic (at most و/ف then ب/ل/ك);
    a proclitic's marks stay with it (``annotator.text.is_mark``: the rule ``[`` trims by, so
    a predicted span starts where trimming the word would leave it)."""
    if not word or ord(word[0]) not in _ARABIC_LETTER:
        return []
    if word.isalpha() and TATWEEL not in word:
        # no mark (a combining mark, a joiner is never alphabetic; tatweel is): every
        # character is a letter, as ``is_mark`` would say one by one
        letters: Sequence[int] = range(len(word))
    else:
        letters = [i for i, ch in enumerate(word) if not is_mark(ch)]
    cuts: list[int] = []
    k = 0
    for group in (CONJUNCTIONS, PREPOSITIONS):
        # a cut leaves a stem after it (``MIN_STEM_LETTERS``: the rule ``[`` trims by)
        if k + MIN_STEM_LETTERS < len(letters) and word[letters[k]] in group:
            k += 1
            cuts.append(letters[k])
    return cuts


@dataclass(frozen=True)
class Segmented:
    """One document's words (export tokens), grouped into sentences, with the absolute
    offsets inside each word where a proclitic could end (``cuts``)."""

    text: str
    tokens: list[Token]
    sentences: list[list[int]]
    cuts: list[tuple[int, ...]]

    @cached_property
    def _ends(self) -> list[int]:
        """Each word's end offset, in order: worked out once per document (``word_range`` is
        called for every mention; rebuilding the list each time made training quadratic in a
        document's length)."""
        return [e for _, e in self.tokens]

    @cached_property
    def folded(self) -> list[str]:
        """Each word folded (``fold_word``), in order: read by the features, the memorised
        mentions and the vocabulary of one prediction alike."""
        return [fold_word(self.text[s:e]) for s, e in self.tokens]

    def word_range(self, start: int, end: int) -> tuple[int, int] | None:
        """Indices ``[i, j)`` of the words that ``[start, end)`` touches, or None."""
        i = bisect.bisect_right(self._ends, start)
        j = i
        while j < len(self.tokens) and self.tokens[j][0] < end:
            j += 1
        return (i, j) if j > i else None

    def starts(self, i: int) -> list[int]:
        """The places a name may start in word ``i``: its start, then each proclitic cut."""
        return [self.tokens[i][0], *self.cuts[i]]


def segment(
    text: str,
    meta: Mapping[str, Any] | None = None,
    spans: Sequence[tuple[int, int]] = (),
    tokenizer: str = "default",
) -> Segmented:
    """The words of ``text`` (no sentence break inside one of ``spans``)."""
    layer = token_layer(text, [], tokenizer, dict(meta or {}), spans)
    cuts = [tuple(s + c for c in proclitic_cuts(text[s:e])) for s, e in layer.tokens]
    return Segmented(text, layer.tokens, layer.sentences, cuts)


def proclitics_of(seg: Segmented, i: int) -> str:
    """The folded proclitic letters of word ``i`` (``وب`` for وبالمدينة), or ''."""
    s = seg.tokens[i][0]
    return fold_word(seg.text[s : seg.cuts[i][-1]]) if seg.cuts[i] else ""


class StartRule:
    """Where a name starts inside its first word, learnt from the layer's spans.

    ``inside``: folded rests of words that a span started inside (``باريس``); ``whole``:
    folded words a span started at the start of although a proclitic cut was possible
    (``بغداد``); ``counts``: per label and proclitic letters, how often a span started at
    each place (0 = the word's start, 1 = after the first cut, ...). A rest seen inside wins,
    then a word seen whole; a layer that never started a name of that label inside a word
    gets the word's start; else a rest that is a word of the document by itself, or begins
    with the article (بالقاهرة), is cut; else the most frequent place for that label and
    those letters.
    """

    def __init__(
        self,
        inside: set[str] | None = None,
        whole: set[str] | None = None,
        counts: dict[str, dict[str, list[int]]] | None = None,
    ) -> None:
        self.inside = inside or set()
        self.whole = whole or set()
        self.counts: dict[str, dict[str, list[int]]] = counts or {}

    def observe(self, seg: Segmented, start: int, label: str) -> None:
        """A span of ``label`` starting at ``start`` (a word start or inside a word)."""
        rng = seg.word_range(start, start + 1)
        if rng is None or not seg.cuts[rng[0]]:
            return
        i = rng[0]
        places = seg.starts(i)
        if start not in places:
            return
        k = places.index(start)
        end = seg.tokens[i][1]
        if k:
            self.inside.add(fold_word(seg.text[start:end]))
        else:
            self.whole.add(fold_word(seg.text[seg.tokens[i][0] : end]))
        row = self.counts.setdefault(label, {}).setdefault(proclitics_of(seg, i), [0, 0, 0])
        row[k] += 1

    def start(self, seg: Segmented, i: int, label: str, vocabulary: set[str]) -> int:
        """The start of a name of ``label`` whose first word is word ``i``; ``vocabulary``:
        the folded words of the document (a rest that stands alone elsewhere is a word)."""
        places = seg.starts(i)
        if len(places) == 1:
            return places[0]
        end = seg.tokens[i][1]
        rests = [fold_word(seg.text[p:end]) for p in places]
        for p, rest in zip(places[1:], rests[1:], strict=True):
            if rest in self.inside:
                return p
        if rests[0] in self.whole:
            return places[0]
        row = self.counts.get(label, {}).get(proclitics_of(seg, i))
        if row is None:
            merged: Counter[int] = Counter()
            for r in self.counts.get(label, {}).values():
                merged.update({k: n for k, n in enumerate(r)})
            row = [merged[k] for k in range(3)]
        if not any(row[1:]):
            return places[0]  # this layer keeps proclitics inside its names
        for p, rest in zip(places[1:], rests[1:], strict=True):
            # the rest stands alone in the document, or a preposition precedes the article
            if rest in vocabulary or rest.startswith("ال"):
                return p
        k = max(range(len(places)), key=lambda k: (row[k] if k < len(row) else 0, -k))
        return places[k]

    def to_json(self) -> dict[str, Any]:
        return {"inside": sorted(self.inside), "whole": sorted(self.whole), "counts": self.counts}

    @classmethod
    def from_json(cls, data: Any) -> StartRule:
        """Checked: ``{"inside": [str], "whole": [str], "counts": {label: {letters: [n]*3}}}``."""
        if not isinstance(data, dict) or set(data) != {"inside", "whole", "counts"}:
            raise ValueError("start rule: expected an object with inside, whole and counts")
        inside, whole, counts = data["inside"], data["whole"], data["counts"]
        if not all(isinstance(x, list) and all(isinstance(s, str) for s in x)
                   for x in (inside, whole)):  # fmt: skip
            raise ValueError("start rule: inside and whole must be lists of strings")
        if not isinstance(counts, dict):
            raise ValueError("start rule: counts must be an object")
        checked: dict[str, dict[str, list[int]]] = defaultdict(dict)
        for label, rows in counts.items():
            if not isinstance(rows, dict):
                raise ValueError("start rule: counts per label must be objects")
            for key, row in rows.items():
                if not (isinstance(row, list) and len(row) == 3
                        and all(type(n) is int and n >= 0 for n in row)):  # fmt: skip
                    raise ValueError("start rule: a count row must be three whole numbers")
                checked[label][key] = list(row)
        return cls(set(inside), set(whole), dict(checked))

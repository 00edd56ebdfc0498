"""Features of each word for the CRF: Arabic-aware, all computed on folded copies.

For a word: its folded form (``annotator.text.fold``), its stem (the folded word with its
proclitics و ف ب ل ك and the article ال removed), the proclitic letters, prefixes and
suffixes of the stem, its shape (Arabic, Latin, digits, punctuation, length), whether it is
inside a gazetteer phrase and of which kind (``B-loc``/``I-loc``: ``names.py``), the
tag a match of the memorised training mentions gives it (``memorise.py``),
its word clusters (``clusters.py``: learnt from all of the project's text, labelled or not),
whether it opens its sentence, and the same facts of its neighbours (two each side).
``FEATURE_VERSION`` names this set: a
model trained on another version is refused, not silently misread.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from annotator.learn.documents import Frequencies, in_document
from annotator.learn.names import Gazetteer, NameIndex
from annotator.learn.segment import (
    CONJUNCTIONS,
    PREPOSITIONS,
    Segmented,
    proclitics_of,
)
from annotator.text import ARTICLE

FEATURE_VERSION = 6

Features = list[str]
"""a word's features, each named once (crfsuite reads a list of names as weights of 1)"""


def stem_of(folded: str) -> str:
    """A folded word without its proclitics and article (``وبالمدينة`` → ``مدينة``)."""
    w = folded
    if len(w) > 3 and w[0] in CONJUNCTIONS:
        w = w[1:]
    if len(w) > 4 and w.startswith("لل"):  # ل + ال written لل (the alef dropped)
        return w[2:]
    if len(w) > 3 and w[0] in PREPOSITIONS:
        w = w[1:]
    if len(w) > 3 and w.startswith(ARTICLE):
        w = w[2:]
    return w


_ARABIC_BLOCK = re.compile("[\u0600-\u06ff]")


def shape(word: str) -> str:
    """A coarse class of a token: digits, Latin (capitalised or not), Arabic, punctuation."""
    if not word:
        return "empty"
    if word.isdigit():
        return "digits"
    if word.isalpha():  # no digit in it (a letter is never a digit): the common case, quickly
        if word.isascii():
            return "LatinCap" if word[0].isupper() else "latin"
        return "arabic" if _ARABIC_BLOCK.search(word) else "otheralpha"
    if any(c.isdigit() for c in word):
        return "hasdigit"
    if word.isascii() and word.isalpha():
        return "LatinCap" if word[0].isupper() else "latin"
    if any("\u0600" <= c <= "\u06ff" for c in word):
        return "arabic"
    if any(c.isalpha() for c in word):
        return "otheralpha"
    return "punct"


_NOT_WORDS = frozenset({"punct", "digits", "hasdigit", "empty"})
"""shapes whose tokens get no document features"""


class _Token:
    __slots__ = ("doc", "f", "length", "proc", "shape", "stem")

    def __init__(self, f: str, stem: str, shp: str, proc: str) -> None:
        self.f = f
        self.stem = stem
        self.shape = shp
        self.proc = proc
        self.length = min(len(stem), 8)
        self.doc: list[str] = []
        """the document features (``documents.py``), set by ``_document``"""


def _tokens(seg: Segmented) -> list[_Token]:
    text = seg.text
    out: list[_Token] = []
    for i, ((s, e), f) in enumerate(zip(seg.tokens, seg.folded, strict=True)):
        out.append(_Token(f, stem_of(f), shape(text[s:e]), proclitics_of(seg, i)))
    return out


def _document(seg: Segmented, toks: list[_Token], frequencies: Frequencies) -> None:
    """Set each word's document features: its stem's document frequency class in the project
    (``df``), its count class in this document (``dc``), both together (``df|dc``, also a
    feature of the neighbours ±1: ``doc[1]``), whether the stem is written in more than one
    form here (``varied``) and whether it is in the first sentence (``lead``)."""
    words = [t.shape not in _NOT_WORDS for t in toks]
    facts = in_document(seg, [t.f for t in toks], [t.stem for t in toks], words)
    for k, t in enumerate(toks):
        if not words[k]:
            continue
        df = frequencies.bucket(t.stem)
        dc = facts.counts[k]
        t.doc = ["dc=" + dc, f"df|dc={df}|{dc}"]
        if df:
            t.doc.append("df=" + df)
        if facts.varied[k]:
            t.doc.append("varied")
        if facts.lead[k]:
            t.doc.append("lead")


_NEIGHBOURS = tuple(
    (d, f"{d}:w=", f"{d}:stem=", f"{d}:shape=" if abs(d) == 1 else "", f"{d}:proc=",
     f"{d}:edge" if abs(d) == 1 else "")
    for d in (-2, -1, 1, 2)
)  # fmt: skip
"""per neighbour (offset): the names of its features, written once"""
_AFFIXES = tuple((j, f"p{j}=", f"s{j}=") for j in (1, 2, 3))


@lru_cache(maxsize=4096)
def _cluster_name(d: int, g: int, c: int) -> str:
    """The feature naming cluster ``c`` of clustering ``g`` at neighbour ``d``."""
    return f"{d}:c{g}={c}"


def _sentence(
    toks: list[_Token],
    sentence: list[int],
    index: NameIndex | None,
    memo: Sequence[str],
    clusters: Mapping[str, Sequence[int]],
) -> list[Features]:
    """One feature list per token of ``sentence`` (indices into ``toks``)."""
    items = [toks[i] for i in sentence]
    names = index.marks([t.f for t in items]) if index is not None else []
    groups = [clusters.get(t.stem, ()) for t in items] if clusters else []
    marks = [memo[i] for i in sentence] if memo else []
    n = len(items)
    out: list[Features] = []
    for k, t in enumerate(items):
        stem = t.stem
        feats: Features = [
            "bias",
            "w=" + t.f,
            "stem=" + stem,
            "shape=" + t.shape,
            "len=" + str(t.length),
        ]
        add = feats.append
        if t.proc:
            add("proc=" + t.proc)
        if not k:
            add("first")
        if groups:
            for d in (-1, 0, 1):
                if 0 <= k + d < n:
                    for g, c in enumerate(groups[k + d]):
                        add(_cluster_name(d, g, c))
        if marks:
            add("memo=" + marks[k])
            if k:
                add("-1:memo=" + marks[k - 1])
            if k + 1 < n:
                add("+1:memo=" + marks[k + 1])
        feats += t.doc
        if k and items[k - 1].doc:
            add("-1:" + items[k - 1].doc[1])
        if k + 1 < n and items[k + 1].doc:
            add("1:" + items[k + 1].doc[1])
        if t.f.startswith(ARTICLE):
            add("article")
        for j, p_, s_ in _AFFIXES:
            if len(stem) > j:
                add(p_ + stem[:j])
                add(s_ + stem[-j:])
        if names:
            if names[k]:
                add("gaz=" + names[k])
            if k and names[k - 1]:
                add("-1:gaz=" + names[k - 1])
            if k + 1 < n and names[k + 1]:
                add("+1:gaz=" + names[k + 1])
        for d, w_, stem_, shape_, proc_, edge in _NEIGHBOURS:
            j = k + d
            if 0 <= j < n:
                o = items[j]
                add(w_ + o.f)
                add(stem_ + o.stem)
                if shape_:
                    add(shape_ + o.shape)
                    if o.proc:
                        add(proc_ + o.proc)
            elif edge:
                add(edge)
        if k:
            add("-1|0=" + items[k - 1].stem + "|" + stem)
        if k + 1 < n:
            add("0|+1=" + stem + "|" + items[k + 1].stem)
        out.append(feats)
    return out


def document_features(
    seg: Segmented,
    gazetteer: Gazetteer | NameIndex | None = None,
    memo: Sequence[str] = (),
    clusters: Mapping[str, Sequence[int]] | None = None,
    frequencies: Frequencies | None = None,
) -> list[list[Features]]:
    """Feature dicts of every sentence of a document, in order; ``gazetteer``: folded
    phrases and their kinds (``names.as_gazetteer``), or their ``NameIndex``; ``memo``: a BIO
    tag per word from the memorised training mentions (``memorise.Memorise.tags``);
    ``clusters``: the cluster numbers of each stem (``clusters.learn``); ``frequencies``: the
    project's document frequencies (``documents.learn``), with which the document features
    are added (None: none)."""
    toks = _tokens(seg)
    if frequencies is not None:
        _document(seg, toks, frequencies)
    index: NameIndex | None = None
    if isinstance(gazetteer, NameIndex):
        index = gazetteer
    elif gazetteer:
        index = NameIndex(gazetteer)
    return [_sentence(toks, sent, index, memo, clusters or {}) for sent in seg.sentences]

"""Mention replacement: extra training sentences whose names are swapped for others.

Dai and Adel (2020), "An analysis of simple data augmentation for named entity recognition":
with few labelled documents a sequence labeller learns the names it has seen as words; copies
of the training sentences whose mentions are replaced by other mentions of the same label
make it lean on what is around a name (its context, proclitics, affixes and shape) instead.

``copies``: for each training document, one copy of every sentence holding a mention, each
mention's words replaced by the words of another mention of the same label in the training
layer (its distinct mentions, one chosen at random with ``random.Random`` seeded by the
document's hash and place: the same training data every time). A label named as the general
names' places (``loc``, any case) takes half of its replacements, at random, from CLDR's
Arabic territory and city names instead (``general_places``: Babel's data, the places
``names.general_names`` reads, as written). The copies of a document are
a document of their own (``Segmented``: the words joined by spaces, the sentences kept
apart), and the features read them as they read real text, with what is learnt from the real
documents only: the word clusters, the general names, and the memorised mentions of the other
folds (``memo=``), as for the document copied. They carry no document features
(``documents.py``: a copy is not a document of the project) and exist only while the model
trains: nothing of them is stored in the project or the model (the manifest's memorised
mentions, triggers and start rule are learnt from the real documents). On AQMAR by article
they raise the held-out F1 (docs/design/model.md, "Mention replacement").
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from functools import lru_cache

from annotator.learn.corpus import Example, entities_of
from annotator.learn.features import Features, document_features
from annotator.learn.memorise import Memorise
from annotator.learn.names import NameIndex, cldr_places
from annotator.learn.segment import Segmented, proclitic_cuts

Phrase = tuple[str, ...]
"""a mention's words, as written"""


def _words(seg: Segmented, indices: Sequence[int]) -> Phrase:
    return tuple(seg.text[seg.tokens[i][0] : seg.tokens[i][1]] for i in indices)


def mentions(segs: Sequence[Segmented], tags: Sequence[Sequence[str]]) -> dict[str, list[Phrase]]:
    """Each label's distinct mentions in the documents (their words as written), sorted."""
    pool: dict[str, set[Phrase]] = {}
    for seg, doc_tags in zip(segs, tags, strict=True):
        for sent in seg.sentences:
            for i, j, label in entities_of([doc_tags[k] for k in sent]):
                pool.setdefault(label, set()).add(_words(seg, sent[i:j]))
    return {label: sorted(found) for label, found in pool.items()}


PLACES = "loc"
"""the label (any case) whose replacements are half general places"""


@lru_cache(maxsize=1)
def general_places() -> tuple[Phrase, ...]:
    """CLDR's Arabic territory and city names (Babel's data), each as its words, sorted:
    names of Arabic letters and spaces only, as ``names.general_names`` keeps them."""
    names = cldr_places()
    return tuple(
        sorted(
            {
                tuple(name.split())
                for name in names
                if name.strip() and all(c == " " or "\u0621" <= c <= "\u064a" for c in name)
            }
        )
    )


def replaced(
    seg: Segmented,
    tags: Sequence[str],
    pool: Mapping[str, Sequence[Phrase]],
    key: str,
    places: Sequence[Phrase] = (),
) -> tuple[Segmented, list[str]] | None:
    """The copy of ``seg``'s sentences that hold a mention, each mention's words replaced by
    another mention of its label from ``pool`` (itself when the label has no other), as one
    document, and its BIO tags; None when no sentence holds a mention. ``key`` seeds the
    choices. A mention of the label ``PLACES`` (any case) is replaced by one of ``places``
    instead, at random half of the time, when ``places`` are given."""
    rng = random.Random(key)
    sentences: list[tuple[list[str], list[str]]] = []
    for sent in seg.sentences:
        own_tags = [tags[k] for k in sent]
        found = entities_of(own_tags)
        if not found:
            continue
        words: list[str] = []
        out: list[str] = []
        at = 0
        for i, j, label in found:
            words += _words(seg, sent[at:i])
            out += own_tags[at:i]
            choices = pool.get(label, ())
            if places and label.casefold() == PLACES and rng.random() < 0.5:
                choices = places
            new = _other(choices, _words(seg, sent[i:j]), rng)
            words += new
            out += ["B-" + label] + ["I-" + label] * (len(new) - 1)
            at = j
        words += _words(seg, sent[at:])
        out += own_tags[at:]
        sentences.append((words, out))
    return as_document(sentences) if sentences else None


def _other(choices: Sequence[Phrase], own: Phrase, rng: random.Random) -> Phrase:
    """One of ``choices`` (distinct) other than ``own``, at random; ``own`` when there is
    none."""
    if not choices or (len(choices) == 1 and choices[0] == own):
        return own
    while (pick := rng.choice(choices)) == own:
        pass
    return pick


def as_document(sentences: Sequence[tuple[list[str], list[str]]]) -> tuple[Segmented, list[str]]:
    """Sentences of words and their tags as one document: the words joined by single spaces,
    each sentence its own, each word's proclitic cuts as ``segment`` finds them."""
    text = ""
    tokens: list[tuple[int, int]] = []
    groups: list[list[int]] = []
    tags: list[str] = []
    for words, sent_tags in sentences:
        group = []
        for word in words:
            if text:
                text += " "
            tokens.append((len(text), len(text) + len(word)))
            group.append(len(tokens) - 1)
            text += word
        groups.append(group)
        tags += sent_tags
    cuts = [tuple(s + c for c in proclitic_cuts(text[s:e])) for s, e in tokens]
    return Segmented(text, tokens, groups, cuts), tags


def copies(
    examples: Sequence[Example],
    segs: Sequence[Segmented],
    tags: Sequence[Sequence[str]],
    memos: Sequence[Memorise],
    index: NameIndex | None,
    clusters: Mapping[str, Sequence[int]] | None,
) -> list[tuple[list[Features], list[str]]]:
    """(features, tags) of every sentence of every document's copy (``replaced``, with the
    general places), in the documents' order: ``memos[k]`` is what document ``k``'s own memo
    feature is read from, ``index`` and ``clusters`` what the real documents' features use."""
    pool = mentions(segs, tags)
    places = general_places() if any(label.casefold() == PLACES for label in pool) else ()
    out: list[tuple[list[Features], list[str]]] = []
    for k, (ex, seg, doc_tags) in enumerate(zip(examples, segs, tags, strict=True)):
        made = replaced(seg, doc_tags, pool, f"{ex.sha256}:{k}", places)
        if made is None:
            continue
        copy, copy_tags = made
        feature_lists = document_features(copy, index, memos[k].tags(copy), clusters)
        for sent, feats in zip(copy.sentences, feature_lists, strict=True):
            out.append((feats, [copy_tags[i] for i in sent]))
    return out

"""Word clusters learnt from the project's own text, labelled or not (semi-supervised features;
docs/design/model.md, "Word clusters").

Every document of a project is there when a model is trained, whether or not anyone labelled
it: words that appear in the same contexts there (``قال`` ... , ``مدينة`` ...) fall in the
same cluster, so a name the layer never labelled can still share a feature with names it did.
Each word (its stem: folded, proclitics and article off, ``features.stem_of``) is described by
the stems on its left and right (scikit-learn's ``DictVectorizer``, counts damped and weighted
by rarity with its ``TfidfTransformer``), reduced with its ``TruncatedSVD`` and grouped with
its ``KMeans`` at two sizes (coarse and fine). The result is plain data, ``{stem: [coarse,
fine]}``, kept in the model's manifest and checked when a model is read (``check``). Nothing
is downloaded: only the project's text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import chain, repeat
from typing import Any

from annotator.learn.features import stem_of
from annotator.learn.segment import Segmented, fold_word

MIN_COUNT = 2
"""a stem seen fewer times than this gets no cluster"""
CONTEXTS = 2000
"""the most frequent stems used as contexts"""
DIMENSIONS = 40
SIZES = (32, 128)
"""the clusters' numbers: a coarse and a fine grouping"""
MAX_WORDS = 50_000
"""at most this many stems (the most frequent) are clustered"""

Clusters = dict[str, list[int]]


def stems(seg: Segmented) -> list[list[str]]:
    """The stems of each sentence of a document."""
    text = seg.text
    words = [stem_of(fold_word(text[s:e])) for s, e in seg.tokens]
    return [[words[i] for i in sent] for sent in seg.sentences]


def learn(documents: Iterable[Segmented], seed: int = 0) -> Clusters:
    """Clusters of the stems of ``documents`` (every document of the project); {} when the
    text is too small to cluster."""
    sentences = [sent for seg in documents for sent in stems(seg)]
    freq = Counter(w for sent in sentences for w in sent)
    # by count, then by the stem itself: the same documents in any order give the same
    # clusters (Counter.most_common breaks ties by the order stems were first seen)
    ranked = sorted(freq, key=lambda w: (-freq[w], w))
    vocab = [w for w in ranked[:MAX_WORDS] if freq[w] >= MIN_COUNT]
    contexts = ranked[:CONTEXTS]
    if len(vocab) < 2 * SIZES[0]:
        return {}
    import numpy as np
    from sklearn.cluster import KMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import TfidfTransformer
    from sklearn.preprocessing import normalize

    row_of = {w: n for n, w in enumerate(vocab)}
    wanted = set(contexts)
    rows: list[Counter[str]] = [Counter() for _ in vocab]
    for sent in sentences:
        padded = ["<s>", *sent, "</s>"]
        for k in range(1, len(padded) - 1):
            r = row_of.get(padded[k])
            if r is None:
                continue
            for side, other in (("L", padded[k - 1]), ("R", padded[k + 1])):
                if other in wanted or other in ("<s>", "</s>"):
                    rows[r][f"{side}:{other}"] += 1
    # context counts, damped and weighted by rarity (a context every word has says nothing)
    counts = DictVectorizer().fit_transform(rows)
    weighted = TfidfTransformer(sublinear_tf=True).fit_transform(counts)
    dims = min(DIMENSIONS, min(weighted.shape) - 1)
    vectors = normalize(TruncatedSVD(dims, random_state=seed).fit_transform(weighted))
    # words of identical contexts are one point: never ask for more clusters than points
    distinct = len(np.unique(vectors.round(6), axis=0))
    groups = [
        KMeans(min(k, distinct), n_init=1, random_state=seed).fit_predict(vectors) for k in SIZES
    ]
    return {w: [int(g[n]) for g in groups] for n, w in enumerate(vocab)}


def check(data: Any) -> Clusters:
    """``data`` as clusters, or ValueError: an object of stems, each two whole numbers
    0 <= n < the size of its grouping."""
    if not isinstance(data, dict):
        raise ValueError("word clusters: expected an object")
    if _well_formed(data):
        return data
    # the stem at fault, named as the one-by-one check names it
    for word, ids in data.items():
        if not (
            isinstance(word, str)
            and isinstance(ids, list)
            and len(ids) == len(SIZES)
            and all(type(n) is int and 0 <= n < size for n, size in zip(ids, SIZES, strict=True))
        ):
            raise ValueError(f"word clusters: {word!r} must map to {len(SIZES)} cluster numbers")
    return data


def _well_formed(data: dict[Any, Any]) -> bool:
    """``check``'s rule for every stem at once, at C speed (a model's thousands of stems are
    checked each time it is loaded): every key a string, every value a list of ``len(SIZES)``
    whole numbers (not booleans), each column within its grouping's size."""
    ids = list(data.values())
    if not ids:
        return True
    if not (
        all(map(isinstance, data.keys(), repeat(str)))
        and all(map(isinstance, ids, repeat(list)))
        and set(map(len, ids)) <= {len(SIZES)}
        and {int}.issuperset(map(type, chain.from_iterable(ids)))
    ):
        return False
    columns = zip(*ids, strict=True)
    return all(
        min(column) >= 0 and max(column) < size for column, size in zip(columns, SIZES, strict=True)
    )

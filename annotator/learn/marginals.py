"""Every label's marginal probability at every word of a document, computed in numpy from the
crfsuite model's own bytes, all the document's sentences at once, to the same bits as
crfsuite's ``Tagger.marginal``.

A biased prediction (``crf.decode``) needs the whole table: through crfsuite that was a
``Tagger.set`` per sentence and a ``Tagger.marginal`` call per label per word (16 labels by
2,000 words: 32,000 calls from Python), a third of the prediction's time. Here the weights are
read once per model from the model's bytes (``Weights.read``, after ``crfcheck`` has checked
them) and the forward-backward pass runs over all the sentences together, one position at a
time, on (sentences x labels) arrays.

Same bits, not only close: every sum is made in crfsuite's order (``crf1dt_state_score``:
each word's attributes in their order, starting from 0; ``crf1dc_alpha_score``: the previous
labels in index order, then the sum over the labels in order; ``crf1dc_beta_score``: the dot
product in label order; ``crf1dc_marginal_point``: forward times backward divided by the scale)
with ``np.cumsum`` (strictly one element after another, where ``np.sum`` adds in pairs), and
``exp`` is the C library's (``math.exp``, as crfsuite built without SSE calls it; numpy's own
may differ in the last bit). So a suggestion's score is the one crfsuite's marginals gave.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import chain, repeat

import numpy as np

from annotator.learn.crfcheck import CHUNK, CQDB_HEADER, FEATURE, HEADER, _u32_at


class Weights:
    """A crfsuite model's state and transition weights, and its attributes' names."""

    def __init__(
        self,
        data: bytes,
        features: np.ndarray,
        attributes: dict[str, int],
        attribute_refs: np.ndarray,
        n_labels: int,
    ) -> None:
        self._raw = np.frombuffer(data, np.uint8)
        self._features = features
        self.attributes = attributes
        self._refs = attribute_refs
        self.n_labels = n_labels
        trans = np.zeros((n_labels, n_labels))
        edges = features[features["type"] == 1]
        # (crf1dt_transition_score: a later feature of the same pair overwrites an earlier)
        trans[edges["src"], edges["dst"]] = edges["weight"]
        self.exp_trans = _exp(trans)

    @classmethod
    def read(cls, data: bytes) -> Weights | None:
        """The weights of a crfsuite model already checked by ``crfcheck.check_crf1dm``, or
        None for a model whose scores could not be made here to the same bits (two attributes
        of one name, or two state features of one attribute and label: crfsuite would add
        them where they fall; never so in a model crfsuite trained)."""
        (_, _, _, _, _, n_labels, n_attrs, off_feat, _, off_attrs, _, off_arefs) = (
            HEADER.unpack_from(data, 0)
        )
        n_feat = CHUNK.unpack_from(data, off_feat)[2]
        features = np.frombuffer(data, FEATURE, n_feat, off_feat + CHUNK.size)
        state = features[features["type"] == 0]
        pairs = state["src"].astype(np.int64) * max(n_labels, 1) + state["dst"]
        if len(np.unique(pairs)) != len(pairs):
            return None
        names = _names(data, off_attrs, n_attrs)
        attributes = dict(zip(names, range(n_attrs), strict=True))
        if len(attributes) != n_attrs:
            return None
        refs = np.frombuffer(data, "<u4", n_attrs, off_arefs + CHUNK.size).astype(np.int64)
        return cls(data, features, attributes, refs, n_labels)

    def exp_states(self, words: Sequence[Sequence[str]]) -> np.ndarray:
        """exp of each word's state score for each label, (words x labels): the sum, in the
        word's order, of the weights of its attributes the model knows (each of value 1)."""
        sizes = np.fromiter(map(len, words), np.int64, len(words))
        flat = np.fromiter(
            map(self.attributes.get, chain.from_iterable(words), repeat(-1)),
            np.int64,
            int(sizes.sum()),
        )
        width = int(sizes.max(initial=0))
        firsts = np.cumsum(sizes) - sizes
        table = np.full((len(words), width), -1, dtype=np.int64)
        table[
            np.repeat(np.arange(len(words)), sizes), np.arange(len(flat)) - np.repeat(firsts, sizes)
        ] = flat
        # the attributes the document uses, in id order, and each one's row (row 0: the
        # attributes the model does not know, -1, all zeros); a mark per attribute of the
        # model, cheaper than sorting the document's
        marks = np.zeros(len(self._refs) + 1, dtype=bool)
        marks[flat + 1] = True
        marks[0] = True
        where = (np.cumsum(marks) - 1)[table + 1]
        known = np.flatnonzero(marks[1:])
        rows = np.zeros((len(known) + 1, self.n_labels))
        at = self._refs[known]
        counts = _u32_at(self._raw, at).astype(np.int64)
        firsts = np.cumsum(counts) - counts
        ids_at = np.repeat(at + 4 - 4 * firsts, counts) + 4 * np.arange(int(counts.sum()))
        feats = self._features[_u32_at(self._raw, ids_at)]
        row_of = np.repeat(np.arange(1, len(known) + 1), counts)
        rows[row_of, feats["dst"]] = feats["weight"]
        score = np.zeros((len(words), self.n_labels))
        for j in range(width):  # attribute by attribute, as crfsuite adds them (+0: unchanged)
            score += rows[where[:, j]]
        return _exp(score)


def _exp(x: np.ndarray) -> np.ndarray:
    """The C library's exp of each element (crfsuite's ``vecexp`` without SSE)."""
    return np.array(list(map(math.exp, x.ravel().tolist())), dtype=float).reshape(x.shape)


def _names(data: bytes, offset: int, n: int) -> list[str]:
    """The ``n`` strings of the CQDB string table at ``offset``, by id (as checked by
    ``crfcheck``: each record an int32 id, a uint32 size, then that many bytes ending in NUL),
    decoded as crfsuite's callers encode them (UTF-8; a byte that is not, kept apart by
    ``surrogateescape`` so that no other name can match it)."""
    if not n:
        return []
    _, _, _, _, _, bwd_offset = CQDB_HEADER.unpack_from(data, offset)
    raw = np.frombuffer(data, np.uint8)
    at = np.frombuffer(data, "<u4", n, offset + bwd_offset).astype(np.int64) + offset
    sizes = _u32_at(raw, at + 4).astype(np.int64)  # each with its NUL
    ends = at + 8 + sizes
    if np.array_equal(at[1:], ends[:-1]):  # one after another, in id order (crfsuite's)
        keep = np.ones(int(ends[-1] - at[0]), dtype=bool)
        keep[(at - at[0])[:, None] + np.arange(8)] = False  # not the id and size
        chars = raw[at[0] : ends[-1]][keep]
    else:
        firsts = np.cumsum(sizes) - sizes
        chars = raw[np.repeat(at + 8 - firsts, sizes) + np.arange(int(sizes.sum()))]
    return chars.tobytes().decode("utf-8", "surrogateescape").split("\0")[:-1]


def marginals(weights: Weights, sentences: Sequence[Sequence[Sequence[str]]]) -> list[np.ndarray]:
    """Per sentence, its (words x labels) table of marginals, as crfsuite's
    ``Tagger.set(sentence)`` then ``Tagger.marginal(label, word)`` give them, bit for bit.

    The forward and backward passes run over every sentence at once, position by position;
    the sentences are taken longest first, so at each position the ones still going are the
    first columns of (labels x sentences) arrays (the sums over labels then run over
    contiguous rows)."""
    n_labels = weights.n_labels
    lengths = np.array([len(s) for s in sentences], dtype=np.int64)
    if not len(lengths) or not lengths.max():
        return [np.zeros((int(n), n_labels)) for n in lengths]
    words = [w for s in sentences for w in s]
    exp_state = weights.exp_states(words)
    order = np.argsort(-lengths, kind="stable")
    longest = int(lengths[order[0]])
    starts = np.cumsum(lengths) - lengths
    # (positions x labels x sentences), sentences longest first; past a sentence's end: 1
    states = np.ones((longest, n_labels, len(order)))
    for b, s in enumerate(order.tolist()):
        states[: lengths[s], :, b] = exp_state[starts[s] : starts[s] + lengths[s]]
    # going[t]: how many sentences are longer than t (the first going[t] columns)
    going = [int(np.count_nonzero(lengths > t)) for t in range(longest + 1)]
    trans = weights.exp_trans[:, :, None]  # [i, j, 1]
    back = np.ascontiguousarray(weights.exp_trans.T)[:, :, None]  # [j, i, 1]
    alpha = np.zeros_like(states)
    beta = np.zeros_like(states)
    scale = np.zeros((longest, len(order)))
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        for t in range(longest):
            m = going[t]
            if t == 0:
                cur = states[0, :, :m].copy()
            else:
                # cur[j] = sum over i, in order, of prev[i] * trans[i][j]; then times state[j]
                cur = _in_order(trans * alpha[t - 1, :, None, :m]) * states[t, :, :m]
            total = np.add.accumulate(cur, axis=0)[-1]  # (one label after another)
            factor = np.where(total != 0.0, 1.0 / total, 1.0)
            scale[t, :m] = factor
            alpha[t, :, :m] = cur * factor
        for t in range(longest - 1, -1, -1):
            m, n = going[t], going[t + 1]
            # the sentences ending here (columns n to m): their scale (crfsuite's vecset)
            beta[t, :, n:m] = scale[t, n:m]
            if n:
                row = beta[t + 1, :, :n] * states[t + 1, :, :n]
                # cur[i] = sum over j, in order, of trans[i][j] * row[j], then scaled
                beta[t, :, :n] = _in_order(back * row[:, None, :]) * scale[t, :n]
        probs = alpha * beta / scale[:, None, :]
    out: list[np.ndarray] = [np.empty((0, n_labels))] * len(order)
    for b, s in enumerate(order.tolist()):
        out[s] = np.ascontiguousarray(probs[: lengths[s], :, b])
    return out


def _in_order(products: np.ndarray) -> np.ndarray:
    """The sum over the first axis of ``products``, one term after another from the first
    (as crfsuite's loops add; ``np.sum`` may add in pairs), each term a contiguous block."""
    total: np.ndarray = products[0].copy()
    for term in products[1:]:
        total += term
    return total

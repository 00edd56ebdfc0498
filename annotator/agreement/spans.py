"""Span agreement between two annotators: exact and overlap F1, boundary agreement, confusion.

Annotator A is the reference and B the response: P = TP/|B|, R = TP/|A| and F1 = 2TP/(|A|+|B|),
which is symmetric, so it serves as an agreement statistic (docs/design/formats.md C.3). Each
side is a *set* of ``SpanKey`` (doc, start, end, label): a span annotated twice by one annotator
counts once.

- exact: same document, start, end and label;
- overlap: a one-to-one maximum matching of same-label spans sharing at least one character
  (see ``match_overlapping``), so no span is credited twice and the result stays symmetric;
- boundary: the same two modes with labels ignored.

Counting is done on integer-coded NumPy arrays grouped by document: a million spans per side
take well under two seconds, where Python sets of tuples need several.
"""

from __future__ import annotations

import functools
import heapq
import itertools
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, Literal, NamedTuple

import numpy as np
import numpy.typing as npt

Mode = Literal["exact", "overlap"]
IntArray = npt.NDArray[np.int64]


class SpanKey(NamedTuple):
    """What span agreement compares: a labelled stretch ``[start, end)`` of one document."""

    doc: Hashable
    start: int
    end: int
    label: str


span_key: Callable[[tuple[Hashable, int, int, str]], SpanKey] = functools.partial(
    tuple.__new__, SpanKey
)
"""``SpanKey`` from a (doc, start, end, label) tuple, built in C: the class's own ``__new__``
is a Python function, a frame per key (hundreds of thousands in a project's agreement)."""


@dataclass(frozen=True, slots=True)  # one per document and pair: kept small
class PRF:
    """Match counts and the scores derived from them (A reference, B response).

    A score is None where it is undefined (nothing to divide by), never a made-up 0 or 1.
    """

    tp: int
    n_a: int
    n_b: int

    @property
    def precision(self) -> float | None:
        return self.tp / self.n_b if self.n_b else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.n_a if self.n_a else None

    @property
    def f1(self) -> float | None:
        total = self.n_a + self.n_b
        return 2 * self.tp / total if total else None

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.n_a + other.n_a, self.n_b + other.n_b)

    def to_json(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "n_a": self.n_a,
            "n_b": self.n_b,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(frozen=True)
class Scores:
    """Micro-averaged counts, the same per label, and label-agnostic boundary agreement."""

    micro: PRF
    per_label: dict[str, PRF] = field(default_factory=dict)
    boundary: PRF | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "micro": self.micro.to_json(),
            "per_label": {k: v.to_json() for k, v in sorted(self.per_label.items())},
            "boundary": self.boundary.to_json() if self.boundary else None,
        }


# -- overlap matching -------------------------------------------------------------------------


def _disjoint(intervals: Sequence[tuple[int, int]]) -> bool:
    """Whether start-sorted intervals share no character."""
    return all(intervals[i][1] <= intervals[i + 1][0] for i in range(len(intervals) - 1))


def match_overlapping(
    a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """A maximum one-to-one matching between intervals of ``a`` and ``b`` that share a character.

    Returns (index in a, index in b) pairs. Greedy is optimal here: the remaining interval x
    with the smallest end can always be matched to its overlapping partner with the smallest
    end (an exchange argument: any partner of that partner also overlaps x's partner). Ties
    are broken by (end, start, side, index), so the result is deterministic.
    """
    order_a = sorted((iv[0], iv[1], i) for i, iv in enumerate(a) if iv[0] < iv[1])
    order_b = sorted((iv[0], iv[1], j) for j, iv in enumerate(b) if iv[0] < iv[1])
    if not order_a or not order_b:
        return []
    pairs: list[tuple[int, int]] = []
    if _disjoint([(s, e) for s, e, _ in order_a]) and _disjoint([(s, e) for s, e, _ in order_b]):
        # Flat on both sides: the smallest remaining end is one of the two heads.
        i = j = 0
        while i < len(order_a) and j < len(order_b):
            sa, ea, ia = order_a[i]
            sb, eb, jb = order_b[j]
            if sa < eb and sb < ea:
                pairs.append((ia, jb))
                i += 1
                j += 1
            elif (ea, sa, 0) < (eb, sb, 1):
                i += 1
            else:
                j += 1
        return pairs
    sides = (order_a, order_b)
    queue = sorted(
        (e, s, side, k) for side, order in enumerate(sides) for k, (s, e, _) in enumerate(order)
    )
    done = ([False] * len(order_a), [False] * len(order_b))
    started: tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]] = ([], [])
    pointer = [0, 0]
    for end, _start, side, k in queue:
        if done[side][k]:
            continue
        other = 1 - side
        order = sides[other]
        # Every not-yet-done interval of the other side that starts before x ends overlaps x,
        # because none of them ends before x does.
        while pointer[other] < len(order) and order[pointer[other]][0] < end:
            s, e, _ = order[pointer[other]]
            heapq.heappush(started[other], (e, s, pointer[other]))
            pointer[other] += 1
        heap = started[other]
        while heap and done[other][heap[0][2]]:
            heapq.heappop(heap)
        done[side][k] = True
        if heap:
            partner = heapq.heappop(heap)[2]
            done[other][partner] = True
            ka, kb = (k, partner) if side == 0 else (partner, k)
            pairs.append((order_a[ka][2], order_b[kb][2]))
    return pairs


# -- integer coding ---------------------------------------------------------------------------


class _Coded(NamedTuple):
    """Both sides as deduplicated int64 keys ((doc·P + start)·P + end)·L + label."""

    docs: list[Hashable]
    labels: list[str]
    positions: int
    key_a: IntArray
    key_b: IntArray


def _codes(values: Iterable[Hashable], n: int, book: dict[Hashable, int]) -> IntArray:
    # setdefault with a running counter gives each new value a unique (not yet dense) code.
    counter = itertools.count(len(book) and max(book.values()) + 1)
    return np.fromiter(map(book.setdefault, values, counter), dtype=np.int64, count=n)


def _dense(raw: IntArray, book: dict[Hashable, int]) -> IntArray:
    table = np.zeros(max(book.values(), default=0) + 1, dtype=np.int64)
    table[np.fromiter(book.values(), dtype=np.int64, count=len(book))] = np.arange(len(book))
    return table[raw]


def unique_sorted(x: IntArray) -> IntArray:
    """Sorted distinct values: ``np.unique`` by sorting (without counts or indices it hashes
    on this NumPy, which is slower here, and its first call imports ``numpy.ma``: about
    20 ms in each process that counts)."""
    return _distinct_sorted(np.sort(x))


def intersect_sorted(x: IntArray, y: IntArray) -> IntArray:
    """Values of sorted distinct ``x`` also in sorted distinct ``y``."""
    if x.size == 0 or y.size == 0:
        return x[:0]
    idx = np.minimum(np.searchsorted(y, x), y.size - 1)
    found: IntArray = x[y[idx] == x]
    return found


def contains_sorted(haystack: IntArray, x: IntArray) -> npt.NDArray[np.bool_]:
    """Which values of ``x`` occur in the sorted array ``haystack``."""
    if haystack.size == 0:
        return np.zeros(x.shape, dtype=bool)
    idx = np.minimum(np.searchsorted(haystack, x), haystack.size - 1)
    found: npt.NDArray[np.bool_] = haystack[idx] == x
    return found


def _code(a: Sequence[SpanKey], b: Sequence[SpanKey]) -> _Coded:
    """Integer keys for both sides; offsets are replaced by their ranks if they would not fit."""
    docs: dict[Hashable, int] = {}
    labels: dict[Hashable, int] = {}
    cols = []
    for side in (a, b):
        n = len(side)
        d = _codes(map(itemgetter(0), side), n, docs)
        lab = _codes(map(itemgetter(3), side), n, labels)
        cols.append(
            (
                _dense(d, docs) if n else d,
                np.fromiter(map(itemgetter(1), side), dtype=np.int64, count=n),
                np.fromiter(map(itemgetter(2), side), dtype=np.int64, count=n),
                _dense(lab, labels) if n else lab,
            )
        )
    (da, sa, ea, la), (db, sb, eb, lb) = cols
    positions, key_a, key_b = _keys(
        (da, sa, ea, la), (db, sb, eb, lb), max(len(docs), 1), max(len(labels), 1)
    )
    return _Coded(list(docs), [str(x) for x in labels], positions, key_a, key_b)


Columns = tuple[IntArray, IntArray, IntArray, IntArray]
"""One side's spans as arrays: document code, start, end, label code."""


def _keys(a: Columns, b: Columns, n_docs: int, n_labels: int) -> tuple[int, IntArray, IntArray]:
    """(positions, sorted distinct keys of A, of B): ((doc·P + start)·P + end)·L + label, the
    offsets replaced by their ranks if they would not fit in 63 bits."""
    cols = [a, b]
    ends = [c[2] for c in cols if c[2].size] + [c[1] for c in cols if c[1].size]
    if any(int(c.min()) < 0 for c in ends):
        raise ValueError("span offsets must not be negative")
    positions = max((int(c.max()) for c in ends), default=0) + 1
    if n_docs * positions * positions * n_labels >= 2**63:
        # Only order and equality of offsets matter to matching, and ranks keep both.
        ranks = unique_sorted(np.concatenate([x for c in cols for x in c[1:3]]))
        cols = [
            (d, np.searchsorted(ranks, s), np.searchsorted(ranks, e), lab) for d, s, e, lab in cols
        ]
        positions = ranks.size
        if n_docs * positions * positions * n_labels >= 2**63:
            raise ValueError("too many distinct documents, offsets and labels to compare at once")
    keys = [
        unique_sorted(((d * positions + s) * positions + e) * n_labels + lab)
        for d, s, e, lab in cols
    ]
    return positions, keys[0], keys[1]


def _split(key: IntArray, coded: _Coded) -> tuple[IntArray, IntArray, IntArray, IntArray]:
    n_labels = max(len(coded.labels), 1)
    rest, label = np.divmod(key, n_labels)
    rest, end = np.divmod(rest, coded.positions)
    doc, start = np.divmod(rest, coded.positions)
    return doc, start, end, label


# -- counting ---------------------------------------------------------------------------------


class GroupCounts(NamedTuple):
    """|A|, |B| and TP per group (one group per document, or per document x label)."""

    n_a: IntArray
    n_b: IntArray
    tp: IntArray

    def prf(self) -> PRF:
        return PRF(int(self.tp.sum()), int(self.n_a.sum()), int(self.n_b.sum()))


def _overlap_tp(
    ga: IntArray, sa: IntArray, ea: IntArray, gb: IntArray, sb: IntArray, eb: IntArray, n: int
) -> IntArray:
    """Matched pairs per group under one-to-one overlap matching (inputs deduplicated).

    The spans of both sides are cut into clusters: maximal runs, in start order within a
    group, that chain by overlap. No span overlaps one in another cluster, so the matching
    splits by cluster. A cluster with spans of both sides but only one on some side yields
    exactly one match (that span overlaps a span of the other side, or it would not have joined
    the run). Only clusters with two or more spans on each side go through
    ``match_overlapping``; shifted boundaries make two-span clusters, which need no search.
    """
    tp = np.zeros(n, dtype=np.int64)
    keep_a, keep_b = sa < ea, sb < eb  # an empty span shares no character with anything
    g = np.concatenate([ga[keep_a], gb[keep_b]])
    s = np.concatenate([sa[keep_a], sb[keep_b]])
    e = np.concatenate([ea[keep_a], eb[keep_b]])
    side = np.concatenate(
        [np.zeros(int(keep_a.sum()), np.int64), np.ones(int(keep_b.sum()), np.int64)]
    )
    if g.size == 0:
        return tp
    width = int(e.max()) + 1
    # One int64 sort key; it fits because span_counts' keys, which also hold the label, do.
    order = np.argsort((g * width + s) * width + e, kind="stable")  # runs sorted already
    g, s, e, side = g[order], s[order], e[order], side[order]
    # Offsetting by group·width keeps groups apart in one running maximum of ends.
    reach = np.maximum.accumulate(g * width + e)
    new = np.empty(g.size, dtype=bool)
    new[0] = True
    np.greater_equal(g[1:] * width + s[1:], reach[:-1], out=new[1:])
    cluster = np.cumsum(new) - 1
    n_clusters = int(cluster[-1]) + 1
    count_a = np.bincount(cluster[side == 0], minlength=n_clusters)
    count_b = np.bincount(cluster[side == 1], minlength=n_clusters)
    one = np.minimum(count_a, count_b) == 1
    tp += np.bincount(g[new][one], minlength=n)
    several = (count_a > 1) & (count_b > 1)
    chosen = several[cluster]
    work: defaultdict[int, tuple[list[tuple[int, int]], list[tuple[int, int]]]]
    work = defaultdict(lambda: ([], []))
    rows = zip(cluster[chosen].tolist(), side[chosen].tolist(), s[chosen].tolist(),
               e[chosen].tolist(), strict=True)  # fmt: skip
    for ci, si, start, end in rows:
        work[ci][si].append((start, end))
    first_group = g[new]
    for ci, (left, right) in work.items():
        tp[first_group[ci]] += len(match_overlapping(left, right))
    return tp


def span_counts(
    a: Sequence[SpanKey], b: Sequence[SpanKey], mode: Mode = "exact"
) -> tuple[list[Hashable], list[str], GroupCounts, GroupCounts]:
    """(docs, labels, counts per doc x label, label-agnostic counts per doc).

    Group ``d * len(labels) + l`` of the first counts is document ``docs[d]``, label
    ``labels[l]``; group ``d`` of the boundary counts is ``docs[d]``.
    """
    if mode not in ("exact", "overlap"):
        raise ValueError(f"unknown matching mode {mode!r}")
    coded = _code(a, b)
    by_label, boundary = _counted(coded, max(len(coded.docs), 1), max(len(coded.labels), 1), mode)
    return coded.docs, coded.labels, by_label, boundary


def column_counts(
    a: Columns, b: Columns, n_docs: int, n_labels: int, mode: Mode = "exact"
) -> tuple[GroupCounts, GroupCounts]:
    """``span_counts`` of spans given as arrays (document codes below ``n_docs``, label codes
    below ``n_labels``, duplicates allowed): (counts per document x label, per document)."""
    if mode not in ("exact", "overlap"):
        raise ValueError(f"unknown matching mode {mode!r}")
    n_docs, n_labels = max(n_docs, 1), max(n_labels, 1)
    positions, key_a, key_b = _keys(a, b, n_docs, n_labels)
    coded = _Coded([None] * n_docs, [""] * n_labels, positions, key_a, key_b)
    return _counted(coded, n_docs, n_labels, mode)


def column_label_counts(
    a: Columns, b: Columns, n_docs: int, n_labels: int, mode: Mode = "exact"
) -> GroupCounts:
    """``column_counts``' counts per document x label alone (the label-agnostic counts, which
    overlap matching finds by a second matching, are not made)."""
    if mode not in ("exact", "overlap"):
        raise ValueError(f"unknown matching mode {mode!r}")
    n_docs, n_labels = max(n_docs, 1), max(n_labels, 1)
    positions, key_a, key_b = _keys(a, b, n_docs, n_labels)
    coded = _Coded([None] * n_docs, [""] * n_labels, positions, key_a, key_b)
    return _by_label(coded, n_docs, n_labels, mode, _split(key_a, coded), _split(key_b, coded))


def column_counts_both(
    a: Columns, b: Columns, n_docs: int, n_labels: int
) -> tuple[tuple[GroupCounts, GroupCounts], tuple[GroupCounts, GroupCounts]]:
    """``column_counts`` in both modes, (exact, overlap), the keys made once."""
    n_docs, n_labels = max(n_docs, 1), max(n_labels, 1)
    positions, key_a, key_b = _keys(a, b, n_docs, n_labels)
    coded = _Coded([None] * n_docs, [""] * n_labels, positions, key_a, key_b)
    parts = _parts(coded, n_labels)
    return (
        _counted(coded, n_docs, n_labels, "exact", parts),
        _counted(coded, n_docs, n_labels, "overlap", parts),
    )


def _parts(coded: _Coded, n_labels: int) -> tuple[Columns, Columns, IntArray, IntArray]:
    """Both sides' (doc, start, end, label) and label-agnostic keys."""
    return (
        _split(coded.key_a, coded),
        _split(coded.key_b, coded),
        _distinct_sorted(coded.key_a // n_labels),  # keys are sorted: so is this
        _distinct_sorted(coded.key_b // n_labels),
    )


def _distinct_sorted(s: IntArray) -> IntArray:
    """The distinct values of sorted ``s``."""
    if s.size == 0:
        return s
    keep = np.empty(s.size, dtype=bool)
    keep[0] = True
    np.not_equal(s[1:], s[:-1], out=keep[1:])
    found: IntArray = s[keep]
    return found


def _counted(
    coded: _Coded,
    n_docs: int,
    n_labels: int,
    mode: Mode,
    parts: tuple[Columns, Columns, IntArray, IntArray] | None = None,
) -> tuple[GroupCounts, GroupCounts]:
    side_a, side_b, ba, bb = parts or _parts(coded, n_labels)
    pp = coded.positions * coded.positions
    if mode == "exact":
        btp = np.bincount(intersect_sorted(ba, bb) // pp, minlength=n_docs)
    else:
        bda, bsa, bea = ba // pp, (ba // coded.positions) % coded.positions, ba % coded.positions
        bdb, bsb, beb = bb // pp, (bb // coded.positions) % coded.positions, bb % coded.positions
        btp = _overlap_tp(bda, bsa, bea, bdb, bsb, beb, n_docs)
    boundary = GroupCounts(
        np.bincount(ba // pp, minlength=n_docs), np.bincount(bb // pp, minlength=n_docs), btp
    )
    return _by_label(coded, n_docs, n_labels, mode, side_a, side_b), boundary


def _by_label(
    coded: _Coded, n_docs: int, n_labels: int, mode: Mode, side_a: Columns, side_b: Columns
) -> GroupCounts:
    """The counts per document x label of ``coded``, whose keys split into ``side_a`` and
    ``side_b``."""
    n_groups = n_docs * n_labels
    (da, sa, ea, la), (db, sb, eb, lb) = side_a, side_b
    if mode == "exact":
        pp = coded.positions * coded.positions
        tp_keys = intersect_sorted(coded.key_a, coded.key_b)
        tp = np.bincount(
            (tp_keys // n_labels) // pp * n_labels + tp_keys % n_labels, minlength=n_groups
        )
    else:
        tp = _overlap_tp(da * n_labels + la, sa, ea, db * n_labels + lb, sb, eb, n_groups)
    return GroupCounts(
        np.bincount(da * n_labels + la, minlength=n_groups),
        np.bincount(db * n_labels + lb, minlength=n_groups),
        tp,
    )


def scores_from_counts(
    labels: Sequence[str], by_label: GroupCounts, boundary: GroupCounts
) -> Scores:
    """Micro, per-label and boundary scores from ``span_counts`` output."""
    n_labels = max(len(labels), 1)
    per = [c.reshape(-1, n_labels).sum(axis=0) for c in by_label]
    per_label = {
        lab: PRF(int(per[2][i]), int(per[0][i]), int(per[1][i])) for i, lab in enumerate(labels)
    }
    return Scores(by_label.prf(), per_label, boundary.prf())


def span_f1(a: Sequence[SpanKey], b: Sequence[SpanKey], mode: Mode = "exact") -> Scores:
    """Span agreement of A (reference) and B (response), micro and per label, plus boundaries.

    ``mode`` is ``"exact"`` (same offsets and label) or ``"overlap"`` (one-to-one maximum
    matching of same-label spans sharing a character). Plain 4-tuples work as ``SpanKey``.
    """
    _docs, labels, by_label, boundary = span_counts(a, b, mode)
    return scores_from_counts(labels, by_label, boundary)

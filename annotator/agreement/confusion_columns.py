"""The overlap confusion of ``confusion.confusion_matrix`` over spans given as arrays, many
documents at once.

``confusion_matrix(a, b, "overlap")`` matches, per document, same-label spans first and then
what is left regardless of label, each time with ``match_overlapping``. That greedy matching
splits into clusters: maximal runs of spans (both sides, one group, in start order) chained by
overlap, since no span overlaps one in another cluster and the greedy never pairs across them.
A cluster with one span on each side is one match; a cluster with one side empty has none; only
the rest (nested or chained spans, rare) go through ``match_overlapping``, given the cluster's
spans in the order the per-document lists have them, so the pairs are the very same.
"""

from __future__ import annotations

import numpy as np

from annotator.agreement.coefficients import sort_order
from annotator.agreement.spans import Columns, IntArray, match_overlapping


def _matched(
    ga: IntArray,
    sa: IntArray,
    ea: IntArray,
    ta: IntArray,
    gb: IntArray,
    sb: IntArray,
    eb: IntArray,
    tb: IntArray,
) -> tuple[IntArray, IntArray]:
    """Indices of the spans of A and B that ``match_overlapping`` pairs within each group
    ``g``, each group's spans listed by (start, end, tie ``t``)."""
    ka, kb = np.flatnonzero(sa < ea), np.flatnonzero(sb < eb)
    empty = np.zeros(0, dtype=np.int64)
    if ka.size == 0 or kb.size == 0:
        return empty, empty
    index = np.concatenate((ka, kb))
    side = np.concatenate((np.zeros(ka.size, np.int64), np.ones(kb.size, np.int64)))
    g = np.concatenate((ga[ka], gb[kb]))
    s = np.concatenate((sa[ka], sb[kb]))
    e = np.concatenate((ea[ka], eb[kb]))
    t = np.concatenate((ta[ka], tb[kb]))
    order = sort_order(g, s, e, t)  # no two spans of a side tie; across sides ties are moot
    g, s, e, t, side, index = g[order], s[order], e[order], t[order], side[order], index[order]
    width = int(e.max()) + 1
    reach = np.maximum.accumulate(g * width + e)
    new = np.empty(g.size, dtype=bool)
    new[0] = True
    np.greater_equal(g[1:] * width + s[1:], reach[:-1], out=new[1:])
    cluster = np.cumsum(new) - 1
    n = int(cluster[-1]) + 1
    count_a = np.bincount(cluster[side == 0], minlength=n)
    count_b = np.bincount(cluster[side == 1], minlength=n)
    one = (count_a == 1) & (count_b == 1)
    in_one = one[cluster]
    pair_a = index[in_one & (side == 0)]
    pair_b = index[in_one & (side == 1)]
    several = (count_a > 0) & (count_b > 0) & ~one
    if not several.any():
        return pair_a, pair_b
    more_a: list[int] = []
    more_b: list[int] = []
    chosen = np.flatnonzero(several[cluster])
    rows = zip(
        cluster[chosen].tolist(),
        side[chosen].tolist(),
        s[chosen].tolist(),
        e[chosen].tolist(),
        index[chosen].tolist(),
        strict=True,
    )
    work: dict[int, tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]] = {}
    for c, si, start, end, i in rows:  # in (start, end, tie) order within each side
        work.setdefault(c, ([], []))[si].append((start, end, i))
    for left, right in work.values():
        for i, j in match_overlapping([x[:2] for x in left], [y[:2] for y in right]):
            more_a.append(left[i][2])
            more_b.append(right[j][2])
    return (
        np.concatenate((pair_a, np.array(more_a, dtype=np.int64))),
        np.concatenate((pair_b, np.array(more_b, dtype=np.int64))),
    )


def _distinct(side: Columns, ranks: IntArray) -> Columns:
    """The side's distinct (doc, start, end, label), by document, start, end, label name."""
    doc, start, end, label = side
    order = sort_order(doc, start, end, ranks[label])
    doc, start, end, label = doc[order], start[order], end[order], label[order]
    keep = np.ones(doc.size, dtype=bool)
    if doc.size:
        keep[1:] = (
            (doc[1:] != doc[:-1])
            | (start[1:] != start[:-1])
            | (end[1:] != end[:-1])
            | (label[1:] != label[:-1])
        )
    return doc[keep], start[keep], end[keep], label[keep]


def overlap_confusion(a: Columns, b: Columns, ranks: IntArray, n_labels: int) -> IntArray:
    """``confusion_matrix(a, b, "overlap")`` as counts: a (n_labels + 1)² matrix of label codes
    (rows A, columns B), the last row and column standing for ``NO_LABEL``; ``ranks`` orders
    label codes as their names sort."""
    da, sa, ea, la = _distinct(a, ranks)
    db, sb, eb, lb = _distinct(b, ranks)
    width = n_labels + 1
    counts = np.zeros(width * width, dtype=np.int64)
    zero_a, zero_b = np.zeros(da.size, np.int64), np.zeros(db.size, np.int64)
    # same-label matches first
    ia, ib = _matched(da * width + la, sa, ea, zero_a, db * width + lb, sb, eb, zero_b)
    counts += np.bincount(la[ia] * width + la[ia], minlength=width * width)
    rest_a = np.ones(da.size, dtype=bool)
    rest_a[ia] = False
    rest_b = np.ones(db.size, dtype=bool)
    rest_b[ib] = False
    ra, rb = np.flatnonzero(rest_a), np.flatnonzero(rest_b)
    # then what is left, regardless of label (ties in a document's list: label names)
    ja, jb = _matched(da[ra], sa[ra], ea[ra], ranks[la[ra]], db[rb], sb[rb], eb[rb], ranks[lb[rb]])
    counts += np.bincount(la[ra[ja]] * width + lb[rb[jb]], minlength=width * width)
    left_a = np.ones(ra.size, dtype=bool)
    left_a[ja] = False
    left_b = np.ones(rb.size, dtype=bool)
    left_b[jb] = False
    counts += np.bincount(la[ra[left_a]] * width + n_labels, minlength=width * width)
    counts += np.bincount(n_labels * width + lb[rb[left_b]], minlength=width * width)
    found: IntArray = counts.reshape(width, width)
    return found

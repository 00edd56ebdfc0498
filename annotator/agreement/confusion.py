"""Confusion of span labels between two annotators: which label B gave where A gave which.

Rows are A's labels, columns B's; the extra ``NO_LABEL`` row/column counts spans only one of
them has. Matching follows ``span_f1``, so the diagonal equals its true positives.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any

from annotator.agreement.spans import Mode, SpanKey, match_overlapping

NO_LABEL = "∅"
"""Row/column of the confusion matrix for a span the other annotator does not have."""


@dataclass(frozen=True)
class ConfusionMatrix:
    """Label pairs of matched spans; ``NO_LABEL`` stands for the side with no span there."""

    labels: tuple[str, ...]
    counts: dict[tuple[str, str], int]

    def rows(self) -> list[list[int]]:
        """Counts with A's labels down and B's across, in ``labels`` order."""
        return [[self.counts.get((x, y), 0) for y in self.labels] for x in self.labels]

    def to_json(self) -> dict[str, Any]:
        return {"labels": list(self.labels), "rows": self.rows()}


def _by_doc(spans: Iterable[SpanKey]) -> dict[Hashable, set[tuple[int, int, str]]]:
    out: defaultdict[Hashable, set[tuple[int, int, str]]] = defaultdict(set)
    for doc, start, end, label in spans:
        out[doc].add((start, end, label))
    return out


def _pair_up(
    left: list[tuple[int, int, str]], right: list[tuple[int, int, str]], same_label: bool
) -> tuple[list[tuple[str, str]], list[tuple[int, int, str]], list[tuple[int, int, str]]]:
    """Overlap-match ``left`` and ``right`` (within labels or across them)."""
    found: list[tuple[str, str]] = []
    used_l: set[int] = set()
    used_r: set[int] = set()
    if same_label:  # the indices of each label's spans, labels in sort order
        by_left: dict[str, list[int]] = {}
        for i, x in enumerate(left):
            by_left.setdefault(x[2], []).append(i)
        by_right: dict[str, list[int]] = {}
        for j, y in enumerate(right):
            by_right.setdefault(y[2], []).append(j)
        groups = [(by_left[key], by_right[key]) for key in sorted(by_left) if key in by_right]
    else:
        groups = [(list(range(len(left))), list(range(len(right))))]
    for li, ri in groups:
        ivs_l = [left[i][:2] for i in li]
        ivs_r = [right[j][:2] for j in ri]
        for i, j in match_overlapping(ivs_l, ivs_r):
            used_l.add(li[i])
            used_r.add(ri[j])
            found.append((left[li[i]][2], right[ri[j]][2]))
    rest_l = [x for i, x in enumerate(left) if i not in used_l]
    rest_r = [y for j, y in enumerate(right) if j not in used_r]
    return found, rest_l, rest_r


def confusion_matrix(
    a: Iterable[SpanKey], b: Iterable[SpanKey], mode: Mode = "exact"
) -> ConfusionMatrix:
    """Labels of A (rows) against B (columns) on matched spans, with unmatched ones against
    ``NO_LABEL``.

    Same-label matches are made first (as in ``span_f1``, so the diagonal holds its TP), then
    the remaining spans are matched regardless of label: by identical offsets (``exact``) or
    by one-to-one overlap (``overlap``). Spans left over are "only A" / "only B".
    """
    counts: defaultdict[tuple[str, str], int] = defaultdict(int)
    docs_a, docs_b = _by_doc(a), _by_doc(b)
    for doc in docs_a.keys() | docs_b.keys():
        left = sorted(docs_a.get(doc, set()))
        right = sorted(docs_b.get(doc, set()))
        if mode == "exact":
            same = set(left) & set(right)
            pairs = [(x[2], x[2]) for x in sorted(same)]
            rest_l: defaultdict[tuple[int, int], list[str]] = defaultdict(list)
            rest_r: defaultdict[tuple[int, int], list[str]] = defaultdict(list)
            for x in left:
                if x not in same:
                    rest_l[x[:2]].append(x[2])
            for y in right:
                if y not in same:
                    rest_r[y[:2]].append(y[2])
            only_l: list[str] = []
            only_r: list[str] = []
            for where in rest_l.keys() | rest_r.keys():
                xs, ys = rest_l.get(where, []), rest_r.get(where, [])
                pairs.extend(zip(xs, ys, strict=False))
                only_l.extend(xs[len(ys) :])
                only_r.extend(ys[len(xs) :])
        elif mode == "overlap":
            pairs, left, right = _pair_up(left, right, same_label=True)
            more, left, right = _pair_up(left, right, same_label=False)
            pairs += more
            only_l, only_r = [x[2] for x in left], [y[2] for y in right]
        else:
            raise ValueError(f"unknown matching mode {mode!r}")
        for pair in pairs:
            counts[pair] += 1
        for lab in only_l:
            counts[lab, NO_LABEL] += 1
        for lab in only_r:
            counts[NO_LABEL, lab] += 1
    labels = sorted({x for pair in counts for x in pair} - {NO_LABEL})
    return ConfusionMatrix((*labels, NO_LABEL), dict(counts))

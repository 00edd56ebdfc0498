"""Chance-corrected agreement coefficients: Cohen's kappa, Krippendorff's alpha and alpha-U.

Formulas and golden values: docs/design/formats.md C.2. A coefficient is None where it is
undefined (no data, or every value in one category: the expected disagreement is zero), as
DKPro Statistics refuses such data; it is never reported as perfect agreement.
"""

from __future__ import annotations

import bisect
import itertools
from array import array
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal, TypeVar

import numpy as np
import numpy.typing as npt

from annotator.text import is_word_char

OUTSIDE = "O"
H = TypeVar("H", bound=Hashable)
Scheme = Literal["IO", "IOB2"]


def tokenize(text: str, cuts: Iterable[int] = ()) -> list[tuple[int, int]]:
    """Word tokens ``(start, end)`` of ``text``, also cut at every offset in ``cuts``.

    Words are runs of letters, marks, digits, tatweel and joiners (``text.is_word_char``);
    every other non-space character is a token of its own. Cutting at span boundaries gives
    the clitic-segmented S layer of docs/design/formats.md B.1 for the spans at hand (ب|بغداد), so a
    boundary inside a word is seen by token-level coefficients.

    Each character is classed through a table indexed by code point (filled the first time
    a character is met), and token starts and ends are found over the whole text at once in
    NumPy: a loop over every character in Python was a third of a project's agreement, and
    a regular expression over the classes still a tenth."""
    n = len(text)
    if n == 0:
        return []
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    table = _classes()
    kind = table[codes]
    if not kind.all():  # characters met for the first time
        for cp in np.unique(codes[kind == 0]).tolist():
            ch = chr(cp)
            table[cp] = _SPACE if ch.isspace() else _WORD if is_word_char(ch) else _OTHER
        kind = table[codes]
    word = kind == _WORD
    other = kind == _OTHER
    forced = np.zeros(n, dtype=bool)  # a word character a cut makes begin a token
    at = [cut for cut in set(cuts) if 0 <= cut < n]
    if at:
        forced[at] = True
        forced &= word
    joined = np.zeros(n, dtype=bool)  # a word character continuing the token before it
    np.logical_and(word[1:], word[:-1], out=joined[1:])
    joined &= ~forced
    starts = np.flatnonzero(other | (word & ~joined))
    ends = np.flatnonzero(other | (word & ~np.append(joined[1:], False))) + 1
    return list(zip(starts.tolist(), ends.tolist(), strict=True))


_SPACE, _WORD, _OTHER = 1, 2, 3
_TABLE: list[npt.NDArray[np.uint8]] = []
"""code point -> 0 (not classed yet), ``_SPACE``, ``_WORD`` or ``_OTHER`` (made on first use)"""


def _classes() -> npt.NDArray[np.uint8]:
    if not _TABLE:
        _TABLE.append(np.zeros(0x110000, dtype=np.uint8))
    return _TABLE[0]


def token_labels(
    tokens: int | Sequence[tuple[int, int]],
    spans: Iterable[tuple[int, int, str]],
    scheme: Scheme = "IO",
) -> list[str]:
    """The label of each token: that of a span overlapping it, else ``"O"``.

    ``tokens`` is a list of ``(start, end)`` or a text length (then every code point is a
    token). A span labels every token it shares a character with (spaCy's ``expand``), so
    ``ببغداد`` is GPE when the span covers only ``بغداد``. Where spans nest or overlap, the
    outermost wins: the longest span, then the earliest, then the label first in sort order;
    the same choice as the exporters' default ``outermost`` overlap policy. ``IOB2`` prefixes
    B-/I- (a new B- where the winning span changes).
    """
    toks = [(i, i + 1) for i in range(tokens)] if isinstance(tokens, int) else list(tokens)
    starts = [t[0] for t in toks]
    n = len(toks)
    rank: list[tuple[int, int, str] | None] = [None] * n
    if scheme == "IO":  # the label of the best span so far, written as it wins
        labels = [OUTSIDE] * n
        for start, end, label in spans:
            if start >= end:
                continue
            this = (start - end, start, label)
            k = max(bisect.bisect_right(starts, start) - 1, 0)
            while k < n:
                ts, te = toks[k]
                if ts >= end:
                    break
                if te > start:
                    held = rank[k]
                    if held is None or this < held:
                        rank[k] = this
                        labels[k] = label
                k += 1
        return labels
    best: list[tuple[int, int, str] | None] = [None] * n
    for start, end, label in spans:
        if start >= end:
            continue
        this = (-(end - start), start, label)
        first = max(bisect.bisect_right(starts, start) - 1, 0)
        for k in range(first, len(toks)):
            ts, te = toks[k]
            if ts >= end:
                break
            if te > start and (rank[k] is None or this < rank[k]):  # type: ignore[operator]
                rank[k] = this
                best[k] = (start, end, label)
    out: list[str] = []
    for k, span in enumerate(best):
        if span is None:
            out.append(OUTSIDE)
        else:  # IOB2
            inside = k > 0 and best[k - 1] == span
            out.append(("I-" if inside else "B-") + span[2])
    return out


def cohen_kappa(labels_a: Sequence[Hashable], labels_b: Sequence[Hashable]) -> float | None:
    """Cohen's kappa of two equally long label sequences (as sklearn's ``cohen_kappa_score``).

    None when undefined: no items, or both annotators used a single, same label (p_e = 1).
    """
    if len(labels_a) != len(labels_b):
        raise ValueError("both annotators must label the same items")
    return kappa_from_pairs(Counter(zip(labels_a, labels_b, strict=True)))


def kappa_from_pairs(pairs: Mapping[tuple[H, H], int]) -> float | None:
    """``cohen_kappa`` from how often each (label of A, label of B) pair occurs: counts of
    several documents add up, so a corpus is measured one document at a time."""
    n = sum(pairs.values())
    if n == 0:
        return None
    agree = 0
    count_a: Counter[H] = Counter()
    count_b: Counter[H] = Counter()
    for (x, y), times in pairs.items():
        count_a[x] += times
        count_b[y] += times
        if x == y:
            agree += times
    p_e = sum(count_a[k] * count_b[k] for k in count_a) / (n * n)
    if p_e >= 1.0:
        return None
    return (agree / n - p_e) / (1.0 - p_e)


def krippendorff_alpha_nominal(units: Iterable[Sequence[Hashable | None]]) -> float | None:
    """Krippendorff's alpha, nominal level, over units x coders (None = missing value).

    Matches ``krippendorff.alpha(coders x units, level_of_measurement="nominal")``. Units with
    fewer than two values are not pairable and drop out. None when undefined: no pairable
    unit, or all pairable values in one category.
    """
    return alpha_nominal_from_units(Counter(tuple(unit) for unit in units))


def alpha_nominal_from_units(units: Mapping[tuple[H | None, ...], int]) -> float | None:
    """``krippendorff_alpha_nominal`` from how often each unit (its values, coder by coder)
    occurs: counts of several documents add up. The matching sum is kept exact (integers per
    number of values in a unit), so the result does not depend on the order of the units."""
    matching_by_m: Counter[int] = Counter()  # m -> sum of k(k-1) over units with m values
    totals: Counter[H] = Counter()  # n_c
    for unit, times in units.items():
        values = Counter(v for v in unit if v is not None)
        m = sum(values.values())
        if m < 2:
            continue
        matching_by_m[m] += times * sum(k * (k - 1) for k in values.values())
        for value, k in values.items():
            totals[value] += times * k
    n = sum(totals.values())
    if n < 2:
        return None
    d_e = (n * n - sum(k * k for k in totals.values())) / (n * (n - 1))
    if d_e == 0:
        return None
    matching = float(sum(Fraction(s, m - 1) for m, s in matching_by_m.items()))  # sum of o_cc
    d_o = (n - matching) / n
    return 1.0 - d_o / d_e


@dataclass(frozen=True)
class UnitizingResult:
    """Alpha-U overall and per category, with the disagreements it is made of."""

    alpha: float | None
    observed: float
    expected: float
    per_category: dict[str, tuple[float, float, float | None]] = field(default_factory=dict)
    """category -> (D_o, D_e, alpha)"""

    def to_json(self) -> dict[str, Any]:
        return {
            "alpha": self.alpha,
            "observed": self.observed,
            "expected": self.expected,
            "per_category": {
                c: {"observed": o, "expected": e, "alpha": a}
                for c, (o, e, a) in sorted(self.per_category.items())
            },
        }


def _segments(units: list[tuple[int, int]], begin: int, end: int) -> list[tuple[int, int, bool]]:
    """One rater's partition of [begin, end) into its units (True) and the gaps between."""
    out: list[tuple[int, int, bool]] = []
    pos = begin
    for s, e in units:
        if s > pos:
            out.append((pos, s, False))
        out.append((s, e, True))
        pos = e
    if pos < end:
        out.append((pos, end, False))
    return out


def _distance(x: tuple[int, int, bool], y: tuple[int, int, bool]) -> int:
    """Krippendorff's distance of two overlapping segments (DKPro ``measureDistance``)."""
    (s1, e1, u1), (s2, e2, u2) = x, y
    if s1 >= e2 or s2 >= e1:
        return 0
    if u1 and u2:
        return (s1 - s2) ** 2 + (e1 - e2) ** 2
    if u1 and not u2 and s1 >= s2 and e1 <= e2:
        return (e1 - s1) ** 2
    if u2 and not u1 and s2 >= s1 and e2 <= e1:
        return (e2 - s2) ** 2
    return 0


def _reduce(units: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """A rater's units of one category without overlaps: the earliest, then longest, is kept."""
    kept: list[tuple[int, int]] = []
    for s, e in sorted(units, key=lambda u: (u[0], -u[1])):
        if s < e and (not kept or s >= kept[-1][1]):
            kept.append((s, e))
    return kept


def krippendorff_alpha_unitizing(
    units: Iterable[tuple[Hashable, int, int, str]],
    begin: int,
    length: int,
    raters: Sequence[Hashable] | None = None,
) -> UnitizingResult:
    """Krippendorff's alpha-U on the continuum ``[begin, begin + length)`` of characters.

    ``units`` are ``(rater, start, end, category)`` with ``end`` exclusive. Port of DKPro
    Statistics' ``KrippendorffAlphaUnitizingAgreement``: for each category each rater's
    continuum is split into that rater's units and the gaps between them; D_o sums the distance
    of every overlapping pair of segments of two raters, D_e follows Krippendorff (1995).
    Overall alpha is 1 - mean(D_o) / mean(D_e) over the categories that occur.

    Absent units: a stretch a rater did not mark with category c is a gap, i.e. the judgement
    "no c here", not a missing value, and a rater with no units at all is one long gap (list
    such raters in ``raters``, else only raters with units count). Text nobody marked stays in
    the continuum and raises D_e. Overlapping units of one rater and category are reduced to
    the earliest-starting, then longest one (as INCEpTION does); empty units are ignored.
    """
    by_cat: defaultdict[str, defaultdict[Hashable, list[tuple[int, int]]]]
    by_cat = defaultdict(lambda: defaultdict(list))
    names = list(raters) if raters is not None else []
    for rater, start, end, category in units:
        if start < begin or end > begin + length:
            raise ValueError(f"unit [{start}, {end}) lies outside the continuum")
        by_cat[category][rater].append((start, end))
        if rater not in names:
            names.append(rater)
    r, total = len(names), length
    per_category: dict[str, tuple[float, float, float | None]] = {}
    for category, per_rater in sorted(by_cat.items()):
        cleaned = {name: _reduce(per_rater.get(name, [])) for name in names}
        segs = {name: _segments(cleaned[name], begin, begin + total) for name in names}
        observed = 0
        for x, y in itertools.combinations(names, 2):
            observed += _sweep(segs[x], segs[y])
        d_o = 2.0 * observed / (r * (r - 1) * total * total) if r > 1 and total else 0.0
        lengths = [e - s for us in cleaned.values() for s, e in us]
        gaps = sorted(e - s for sg in segs.values() for s, e, unit in sg if not unit)
        suffix = [*reversed([*itertools.accumulate(reversed(gaps))]), 0]
        n_c = len(lengths)
        expected = 0
        for ln in lengths:
            # (N_c-1)(2l³-3l²+l)/3 is an integer: 2l³-3l²+l = l(l-1)(2l-1) is divisible by 6.
            within = (n_c - 1) * (2 * ln**3 - 3 * ln**2 + ln) // 3
            k = bisect.bisect_left(gaps, ln)
            expected += within + ln * ln * (suffix[k] - (len(gaps) - k) * (ln - 1))
        denominator = r * total * (r * total - 1) - sum(ln * (ln - 1) for ln in lengths)
        d_e = 2.0 * expected / total / denominator if denominator and total else 0.0
        per_category[category] = (d_o, d_e, 1.0 - d_o / d_e if d_e else None)
    if not per_category:
        return UnitizingResult(None, 0.0, 0.0, {})
    mean_o = sum(v[0] for v in per_category.values()) / len(per_category)
    mean_e = sum(v[1] for v in per_category.values()) / len(per_category)
    return UnitizingResult(1.0 - mean_o / mean_e if mean_e else None, mean_o, mean_e, per_category)


def _sweep(x: list[tuple[int, int, bool]], y: list[tuple[int, int, bool]]) -> int:
    """Sum of distances over the overlapping segment pairs of two partitions."""
    # ``_distance`` inlined (a call per segment pair was most of the sweep)
    total = i = j = 0
    nx, ny = len(x), len(y)
    while i < nx and j < ny:
        s1, e1, u1 = x[i]
        s2, e2, u2 = y[j]
        if s1 < e2 and s2 < e1:
            if u1 and u2:
                total += (s1 - s2) ** 2 + (e1 - e2) ** 2
            elif u1 and not u2 and s1 >= s2 and e1 <= e2:
                total += (e1 - s1) ** 2
            elif u2 and not u1 and s2 >= s1 and e2 <= e1:
                total += (e2 - s2) ** 2
        if e1 <= e2:
            i += 1
        if e2 <= e1:
            j += 1
    return total


class UnitizingCounts:
    """Alpha-U of documents laid end to end, fed one document at a time (``add``).

    ``result`` equals ``krippendorff_alpha_unitizing`` of every unit added, shifted by the
    lengths of the documents before its own, the documents laid in the order of their
    ``key``, over the continuum of all of them, for the ``raters`` given. What it keeps is
    small: per category the sums of distances, the unit and inner gap lengths counted, and
    per document, category and rater the gaps before its first and after its last unit (a
    gap runs on across documents where the rater has no unit, so it is only known at the
    end); never the units themselves. A unit must lie inside its document."""

    def __init__(self, raters: Sequence[Hashable]) -> None:
        self.raters = list(raters)
        self._keys: list[Any] = []
        self._lengths = array("q")
        self._categories: set[str] = set()
        self._observed: Counter[str] = Counter()
        self._units: defaultdict[str, Counter[int]] = defaultdict(Counter)
        self._gaps: defaultdict[str, Counter[int]] = defaultdict(Counter)
        self._edges: dict[tuple[str, Hashable], array[int]] = {}  # (doc index, lead, trail)*

    def add(self, key: Any, length: int, units: Iterable[tuple[Hashable, int, int, str]]) -> None:
        """One document of ``length`` characters and its units (rater, start, end, category),
        offsets within the document."""
        index = len(self._keys)
        self._keys.append(key)
        self._lengths.append(length)
        by_cat: defaultdict[str, defaultdict[Hashable, list[tuple[int, int]]]]
        by_cat = defaultdict(lambda: defaultdict(list))
        known = set(self.raters)
        for rater, start, end, category in units:
            if start < 0 or end > length:
                raise ValueError(f"unit [{start}, {end}) lies outside its document")
            if rater not in known:
                raise ValueError(f"unit of {rater!r}, not one of the raters")
            by_cat[category][rater].append((start, end))
        for category, per_rater in by_cat.items():
            self._categories.add(category)
            cleaned = {name: _reduce(per_rater.get(name, [])) for name in self.raters}
            segs = {name: _segments(cleaned[name], 0, length) for name in self.raters}
            self._observed[category] += sum(
                _sweep(segs[x], segs[y]) for x, y in itertools.combinations(self.raters, 2)
            )
            lengths, gaps = self._units[category], self._gaps[category]
            for name, kept in cleaned.items():
                if not kept:
                    continue
                # (counted in place: Counter.update of a few values cost more than the counting)
                previous = kept[0][1]
                for s, e in kept:
                    lengths[e - s] += 1
                    if s > previous:  # the gap after the unit before
                        gaps[s - previous] += 1
                    previous = e
                edges = self._edges.setdefault((category, name), array("q"))
                edges.extend((index, kept[0][0], length - kept[-1][1]))

    def result(self) -> UnitizingResult:
        names, r = self.raters, len(self.raters)
        begins = [0] * len(self._keys)
        total = 0
        for i in sorted(range(len(self._keys)), key=self._keys.__getitem__):
            begins[i] = total
            total += self._lengths[i]
        per_category: dict[str, tuple[float, float, float | None]] = {}
        for category in sorted(self._categories):
            gaps = Counter(self._gaps[category])
            for name in names:
                prev = 0  # where the rater's last unit so far ends in the continuum
                edges = self._edges.get((category, name), array("q"))
                for j in sorted(range(0, len(edges), 3), key=lambda j: begins[edges[j]]):
                    i, lead, trail = edges[j], edges[j + 1], edges[j + 2]
                    if begins[i] + lead > prev:
                        gaps[begins[i] + lead - prev] += 1
                    prev = begins[i] + self._lengths[i] - trail
                if total > prev:
                    gaps[total - prev] += 1
            observed = self._observed[category]
            d_o = 2.0 * observed / (r * (r - 1) * total * total) if r > 1 and total else 0.0
            lengths = self._units[category]
            n_c = sum(lengths.values())
            values = sorted(gaps)
            suffix_sum = [
                *reversed([*itertools.accumulate(v * gaps[v] for v in reversed(values))]),
                0,
            ]
            suffix_count = [
                *reversed([*itertools.accumulate(gaps[v] for v in reversed(values))]),
                0,
            ]
            expected = 0
            for ln, times in lengths.items():
                within = (n_c - 1) * (2 * ln**3 - 3 * ln**2 + ln) // 3
                k = bisect.bisect_left(values, ln)
                expected += times * (
                    within + ln * ln * (suffix_sum[k] - suffix_count[k] * (ln - 1))
                )
            denominator = r * total * (r * total - 1) - sum(
                times * ln * (ln - 1) for ln, times in lengths.items()
            )
            d_e = 2.0 * expected / total / denominator if denominator and total else 0.0
            per_category[category] = (d_o, d_e, 1.0 - d_o / d_e if d_e else None)
        if not per_category:
            return UnitizingResult(None, 0.0, 0.0, {})
        mean_o = sum(v[0] for v in per_category.values()) / len(per_category)
        mean_e = sum(v[1] for v in per_category.values()) / len(per_category)
        return UnitizingResult(
            1.0 - mean_o / mean_e if mean_e else None, mean_o, mean_e, per_category
        )

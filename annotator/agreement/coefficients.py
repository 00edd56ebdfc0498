"""Chance-corrected agreement coefficients: Cohen's kappa, Krippendorff's alpha and alpha-U.

Formulas and golden values: docs/design/formats.md C.2. A coefficient is None where it is
undefined (no data, or every value in one category: the expected disagreement is zero), as
DKPro Statistics refuses such data; it is never reported as perfect agreement.
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal, NamedTuple, TypeVar

import numpy as np
import numpy.typing as npt

from annotator.agreement.spans import contains_sorted, unique_sorted
from annotator.text import is_word_char

OUTSIDE = "O"
IntArray = npt.NDArray[np.int64]


def sort_order(*keys: IntArray) -> IntArray:
    """``np.lexsort`` of ``keys`` given most significant first: one stable argsort of a single
    int64 key when the keys' ranges multiplied fit (a lexsort sorts once per key)."""
    n = keys[0].size
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    spans = []
    total = 1
    for key in keys:
        lo, hi = int(key.min()), int(key.max())
        spans.append((lo, hi - lo + 1))
        total *= hi - lo + 1
    if total >= 2**62:
        found: IntArray = np.lexsort(keys[::-1])
        return found
    combined = np.zeros(n, dtype=np.int64)
    for key, (lo, width) in zip(keys, spans, strict=True):
        combined *= width
        combined += key - lo
    order: IntArray = np.argsort(combined, kind="stable")
    return order


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
    kind = _classified(np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4"))
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


def token_starts(text: str, begins: IntArray, cuts: IntArray) -> IntArray:
    """Where the tokens of ``tokenize`` begin in ``text``: several documents laid end to end
    (``begins``: where each starts, ascending), each tokenized on its own with its own cuts
    (``cuts``: positions in ``text``, each inside its document). The tokens of a document are
    those that begin inside it, each running to the next start, space or end of its word."""
    n = len(text)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    kind = _classified(np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4"))
    word = kind == _WORD
    forced = np.zeros(n, dtype=bool)  # a cut, or the first character of a document
    forced[cuts] = True
    forced[begins[begins < n]] = True
    begins_token = np.empty(n, dtype=bool)  # a word character after one that is not
    begins_token[0] = True
    np.logical_not(word[:-1], out=begins_token[1:])
    begins_token |= forced
    begins_token &= word
    begins_token |= kind == _OTHER
    found: IntArray = np.flatnonzero(begins_token)
    return found


def _classified(codes: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint8]:
    """The class of each code point (``_SPACE``, ``_WORD`` or ``_OTHER``)."""
    table = _classes()
    kind = table[codes]
    if not kind.all():  # characters met for the first time
        for cp in unique_sorted(codes[kind == 0].astype(np.int64)).tolist():
            ch = chr(cp)
            table[cp] = _SPACE if ch.isspace() else _WORD if is_word_char(ch) else _OTHER
        kind = table[codes]
    return kind


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
    """Alpha-U of documents laid end to end, fed one document (``add``) or many (``add_many``)
    at a time.

    ``result`` equals ``krippendorff_alpha_unitizing`` of every unit added, shifted by the
    lengths of the documents before its own, the documents laid in the order of their
    ``key``, over the continuum of all of them, for the ``raters`` given. What it keeps is
    small: per category the sums of distances, the unit and inner gap lengths counted, and
    per document, category and rater the gaps before its first and after its last unit (a
    gap runs on across documents where the rater has no unit, so it is only known at the
    end); never the units themselves. A unit must lie inside its document.

    Within a document, category and rater, units are reduced as ``_reduce`` does and the
    distances of ``_sweep`` are summed in NumPy over all the documents given at once: two
    raters' units that overlap add (s1 - s2)² + (e1 - e2)², a unit no unit of the other rater
    overlaps lies inside one of its gaps and adds its length squared, and nothing else adds
    anything."""

    def __init__(self, raters: Sequence[Hashable]) -> None:
        self.raters = list(raters)
        self._keys: list[Any] = []
        self._lengths: list[IntArray] = []
        self._categories: set[str] = set()
        self._observed: Counter[str] = Counter()
        self._units: defaultdict[str, Counter[int]] = defaultdict(Counter)
        self._gaps: defaultdict[str, Counter[int]] = defaultdict(Counter)
        self._edges: defaultdict[tuple[str, int], list[IntArray]] = defaultdict(list)
        """(category, rater index) -> arrays of (document index, lead, trail) rows"""

    def add(self, key: Any, length: int, units: Iterable[tuple[Hashable, int, int, str]]) -> None:
        """One document of ``length`` characters and its units (rater, start, end, category),
        offsets within the document."""
        index = {name: i for i, name in enumerate(self.raters)}
        rows = list(units)
        categories: dict[str, int] = {}
        for rater, start, end, category in rows:
            if start < 0 or end > length:
                raise ValueError(f"unit [{start}, {end}) lies outside its document")
            if rater not in index:
                raise ValueError(f"unit of {rater!r}, not one of the raters")
            categories.setdefault(category, len(categories))
        n = len(rows)
        columns = UnitColumns(
            np.fromiter((index[r[0]] for r in rows), dtype=np.int64, count=n),
            np.zeros(n, dtype=np.int64),
            np.fromiter((r[1] for r in rows), dtype=np.int64, count=n),
            np.fromiter((r[2] for r in rows), dtype=np.int64, count=n),
            np.fromiter((categories[r[3]] for r in rows), dtype=np.int64, count=n),
        )
        self.add_many([key], np.array([length], dtype=np.int64), columns, list(categories))

    def add_many(
        self,
        keys: Sequence[Any],
        lengths: IntArray,
        units: UnitColumns,
        categories: Sequence[str],
    ) -> None:
        """Documents ``keys`` of ``lengths`` characters and their units: rater (index into
        ``raters``), document (index into ``keys``), start, end within the document, and
        category (index into ``categories``)."""
        base = len(self._keys)
        self._keys.extend(keys)
        self._lengths.append(np.asarray(lengths, dtype=np.int64))
        rater, doc, start, end, cat = units
        if rater.size == 0:
            return
        if int(start.min()) < 0 or bool((end > lengths[doc]).any()):
            bad = int(np.flatnonzero((start < 0) | (end > lengths[doc]))[0])
            raise ValueError(f"unit [{start[bad]}, {end[bad]}) lies outside its document")
        if int(rater.min()) < 0 or int(rater.max()) >= len(self.raters):
            raise ValueError("unit of a rater not one of the raters")
        for c in np.flatnonzero(np.bincount(cat)).tolist():
            self._categories.add(categories[c])
        r = len(self.raters)
        n_docs = len(keys)
        # reduce: per (category, document, rater) the earliest, then longest, of overlapping
        keep = start < end
        rater, doc, start, end, cat = rater[keep], doc[keep], start[keep], end[keep], cat[keep]
        if rater.size == 0:
            return
        group = (cat * n_docs + doc) * r + rater
        order = sort_order(group, start, -end)
        group, start, end = group[order], start[order], end[order]
        same = group[1:] == group[:-1]
        clash = same & (start[1:] < end[:-1])
        if clash.any():
            group, start, end = _reduced(group, start, end, clash)
            same = group[1:] == group[:-1]
        rater = group % r
        cell = group // r  # category x document
        cat, doc = cell // n_docs, cell % n_docs
        width = int(np.max(lengths)) + 1
        n_cats = len(categories)
        observed = np.zeros(n_cats, dtype=np.int64)
        sides = [np.flatnonzero(rater == i) for i in range(r)]
        for x, y in itertools.combinations(range(r), 2):
            _observed_into(observed, cell, cat, start, end, sides[x], sides[y], width)
        for c in np.flatnonzero(observed).tolist():
            self._observed[categories[c]] += int(observed[c])
        # unit lengths and the gaps between a rater's units within a document
        _count_into(self._units, categories, cat, end - start, width)
        inner = same & (start[1:] > end[:-1])
        _count_into(self._gaps, categories, cat[1:][inner], (start[1:] - end[:-1])[inner], width)
        # the gap before the first and after the last unit of each (category, document, rater)
        first = np.flatnonzero(np.concatenate(([True], ~same)))
        last = np.flatnonzero(np.concatenate((~same, [True])))
        lead, trail = start[first], lengths[doc[last]] - end[last]
        # kept per (category, rater): rows sorted by that (stably: by document within it)
        key = cat[first] * r + rater[first]
        order = np.argsort(key, kind="stable")
        key = key[order]
        rows = np.stack((doc[first] + base, lead, trail))[:, order]
        cuts = np.flatnonzero(key[1:] != key[:-1]) + 1
        heads = key[np.concatenate(([0], cuts))].tolist()
        for head, part in zip(heads, np.split(rows, cuts, axis=1), strict=True):
            self._edges[categories[head // r], head % r].append(part)

    def merge(self, other: UnitizingCounts) -> None:
        """Add ``other``'s documents (none of them added here) and what they count: the
        result is that of adding them all to one (``parallel``)."""
        if other.raters != self.raters:
            raise ValueError("alpha-U counts of other raters")
        base = len(self._keys)
        self._keys.extend(other._keys)
        self._lengths.extend(other._lengths)
        self._categories |= other._categories
        self._observed.update(other._observed)
        for category, counts in other._units.items():
            self._units[category].update(counts)
        for category, counts in other._gaps.items():
            self._gaps[category].update(counts)
        for key, found in other._edges.items():
            for rows in found:
                moved = rows.copy()
                moved[0] += base  # (document index, lead, trail): documents after these
                self._edges[key].append(moved)

    def result(self) -> UnitizingResult:
        r = len(self.raters)
        lengths = np.concatenate(self._lengths) if self._lengths else np.zeros(0, np.int64)
        begins = np.zeros(len(self._keys), dtype=np.int64)
        order = sorted(range(len(self._keys)), key=self._keys.__getitem__)
        laid = lengths[order]
        begins[order] = np.cumsum(laid) - laid
        total = int(laid.sum())
        per_category: dict[str, tuple[float, float, float | None]] = {}
        for category in sorted(self._categories):
            gaps = Counter(self._gaps[category])
            for i in range(r):
                found = self._edges.get((category, i))
                if not found:
                    if total > 0:
                        gaps[total] += 1
                    continue
                docs, lead, trail = np.concatenate(found, axis=1)
                at = begins[docs]
                order_at = np.argsort(at, kind="stable")
                first = (at + lead)[order_at]
                last = (at + lengths[docs] - trail)[order_at]
                between = first - np.concatenate(([0], last[:-1]))
                values, times = np.unique(between[between > 0], return_counts=True)
                for v, t in zip(values.tolist(), times.tolist(), strict=True):
                    gaps[v] += t
                if total > int(last[-1]):
                    gaps[total - int(last[-1])] += 1
            observed = self._observed[category]
            d_o = 2.0 * observed / (r * (r - 1) * total * total) if r > 1 and total else 0.0
            units = self._units[category]
            n_c = sum(units.values())
            values_sorted = sorted(gaps)
            suffix_sum = [
                *reversed([*itertools.accumulate(v * gaps[v] for v in reversed(values_sorted))]),
                0,
            ]
            suffix_count = [
                *reversed([*itertools.accumulate(gaps[v] for v in reversed(values_sorted))]),
                0,
            ]
            expected = 0
            for ln, times_ in units.items():
                within = (n_c - 1) * (2 * ln**3 - 3 * ln**2 + ln) // 3
                k = bisect.bisect_left(values_sorted, ln)
                expected += times_ * (
                    within + ln * ln * (suffix_sum[k] - suffix_count[k] * (ln - 1))
                )
            denominator = r * total * (r * total - 1) - sum(
                times_ * ln * (ln - 1) for ln, times_ in units.items()
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


class UnitColumns(NamedTuple):
    """Units as arrays: rater index, document index, start, end, category index."""

    rater: IntArray
    doc: IntArray
    start: IntArray
    end: IntArray
    category: IntArray


def _reduced(
    group: IntArray, start: IntArray, end: IntArray, clash: npt.NDArray[np.bool_]
) -> tuple[IntArray, IntArray, IntArray]:
    """``_reduce`` of the groups where units overlap (sorted by group, start, longest first);
    the other groups are kept whole."""
    bad = unique_sorted(group[1:][clash])
    mine = contains_sorted(bad, group)
    fixed: list[tuple[int, int, int]] = []
    rows = zip(group[mine].tolist(), start[mine].tolist(), end[mine].tolist(), strict=True)
    for g, items in itertools.groupby(rows, key=lambda row: row[0]):
        fixed += [(g, s, e) for s, e in _reduce((s, e) for _, s, e in items)]
    extra = np.array(fixed, dtype=np.int64).reshape(-1, 3)
    group = np.concatenate((group[~mine], extra[:, 0]))
    start = np.concatenate((start[~mine], extra[:, 1]))
    end = np.concatenate((end[~mine], extra[:, 2]))
    order = sort_order(group, start)
    return group[order], start[order], end[order]


def _observed_into(
    out: IntArray,
    cell: IntArray,
    cat: IntArray,
    start: IntArray,
    end: IntArray,
    x: IntArray,
    y: IntArray,
    width: int,
) -> None:
    """Add ``_sweep``'s distances of raters ``x`` and ``y`` (their units' indices, each
    sorted and disjoint within a cell) to ``out`` per category."""
    xs, xe = cell[x] * width + start[x], cell[x] * width + end[x]
    ys, ye = cell[y] * width + start[y], cell[y] * width + end[y]
    lo = np.searchsorted(ye, xs, side="right")  # y's first unit ending after x's start
    hi = np.searchsorted(ys, xe, side="left")  # y's first unit starting at or after x's end
    many = np.maximum(hi - lo, 0)
    alone_x = x[many == 0]
    np.add.at(out, cat[alone_x], (end[alone_x] - start[alone_x]) ** 2)
    back_lo = np.searchsorted(xe, ys, side="right")
    back_hi = np.searchsorted(xs, ye, side="left")
    alone_y = y[np.maximum(back_hi - back_lo, 0) == 0]
    np.add.at(out, cat[alone_y], (end[alone_y] - start[alone_y]) ** 2)
    total = int(many.sum())
    if total:
        which = np.repeat(np.arange(x.size), many)
        step = np.arange(total) - np.repeat(np.cumsum(many) - many, many)
        u, v = x[which], y[lo[which] + step]
        np.add.at(out, cat[u], (start[u] - start[v]) ** 2 + (end[u] - end[v]) ** 2)


def _count_into(
    into: defaultdict[str, Counter[int]],
    categories: Sequence[str],
    cat: IntArray,
    values: IntArray,
    width: int,
) -> None:
    """Count ``values`` (below ``width``) per category into ``into``."""
    if values.size == 0:
        return
    keys, times = distinct_counts(cat * width + values)
    for key, t in zip(keys.tolist(), times.tolist(), strict=True):
        into[categories[key // width]][key % width] += t


def distinct_counts(keys: IntArray) -> tuple[IntArray, IntArray]:
    """``np.unique(keys, return_counts=True)`` of non-negative keys, by counting when their
    range is small."""
    top = int(keys.max()) + 1 if keys.size else 0
    if top > 4 * keys.size + 65_536:
        found, times = np.unique(keys, return_counts=True)
        return found, times
    counts = np.bincount(keys, minlength=top)
    present: IntArray = np.flatnonzero(counts)
    return present, counts[present]

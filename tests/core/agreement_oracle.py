"""The agreement of issue 12 before it streamed: every layer in memory, measured pair by pair
(``annotator/agreement/measures.py``, the two coefficients and the tokenizer as they were at
d93a173). Kept as the oracle that the streamed measures must equal, figure for figure.
Since QA11: a pair's tokens are cut at its own two layers' span boundaries only, documents
come in document order (ids by value, not by their repr's text), and a pair's per-label
scores hold every label some layer used (counts 0 where neither of the two did)."""

# ruff: noqa
# mypy: ignore-errors
from __future__ import annotations

import bisect
import itertools
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from annotator.agreement.coefficients import (
    UnitizingResult,
    krippendorff_alpha_unitizing,
    token_labels,
)
from annotator.agreement.confusion import confusion_matrix
from annotator.agreement.events import EventKey, event_scores
from annotator.agreement.measures import AgreementResult, DocumentRow, PairResult
from annotator.agreement.spans import PRF, SpanKey, scores_from_counts, span_counts
from annotator.model import DocumentAnnotations
from annotator.text import is_word_char


def old_tokenize(text: str, cuts: Iterable[int] = ()) -> list[tuple[int, int]]:
    """``coefficients.tokenize`` as it was: a loop over every character."""
    bounds = sorted(set(cuts))
    tokens: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        j = i + 1
        if is_word_char(text[i]):
            while j < n and is_word_char(text[j]):
                j += 1
        k = bisect.bisect_right(bounds, i)
        while k < len(bounds) and bounds[k] < j:
            tokens.append((i, bounds[k]))
            i = bounds[k]
            k += 1
        tokens.append((i, j))
        i = j
    return tokens


def cohen_kappa(labels_a: Sequence[Hashable], labels_b: Sequence[Hashable]) -> float | None:
    n = len(labels_a)
    if n == 0:
        return None
    agree = sum(1 for x, y in zip(labels_a, labels_b, strict=True) if x == y)
    count_a, count_b = Counter(labels_a), Counter(labels_b)
    p_e = sum(count_a[k] * count_b[k] for k in count_a) / (n * n)
    if p_e >= 1.0:
        return None
    return (agree / n - p_e) / (1.0 - p_e)


def krippendorff_alpha_nominal(units: Iterable[Sequence[Hashable | None]]) -> float | None:
    matching = 0.0
    totals: Counter[Hashable] = Counter()
    for unit in units:
        values = Counter(v for v in unit if v is not None)
        m = sum(values.values())
        if m < 2:
            continue
        matching += sum(k * (k - 1) for k in values.values()) / (m - 1)
        totals.update(values)
    n = sum(totals.values())
    if n < 2:
        return None
    d_e = (n * n - sum(k * k for k in totals.values())) / (n * (n - 1))
    if d_e == 0:
        return None
    d_o = (n - matching) / n
    return 1.0 - d_o / d_e


@dataclass(frozen=True)
class _Layer:
    texts: dict[Hashable, tuple[str, str]]  # doc id -> (name, text)
    spans: dict[Hashable, list[SpanKey]]
    events: dict[Hashable, list[EventKey]]


def _layer(docs: Sequence[DocumentAnnotations], labels: set[str] | None) -> _Layer:
    texts: dict[Hashable, tuple[str, str]] = {}
    spans: dict[Hashable, list[SpanKey]] = {}
    events: dict[Hashable, list[EventKey]] = {}
    for da in docs:
        doc = da.document.id
        texts[doc] = (da.document.name, da.document.text)
        live = {s.uuid: s for s in da.spans if not s.deleted}
        spans[doc] = [
            SpanKey(doc, s.start, s.end, s.label)
            for s in live.values()
            if labels is None or s.label in labels
        ]
        triggers = {  # an event on a span of another label is left out, as exports do
            e.uuid: live[e.trigger]
            for e in da.events
            if e.trigger in live and live[e.trigger].label == e.type
        }
        found = []
        for e in da.events:
            if e.deleted or e.uuid not in triggers:
                continue
            args = set()
            for arg in da.arguments_of(e.uuid):
                target = live.get(arg.target) or triggers.get(arg.target)
                if target is not None:
                    args.add((target.start, target.end, arg.role))
            t = triggers[e.uuid]
            found.append(EventKey(doc, t.start, t.end, e.type, frozenset(args)))
        events[doc] = found
    return _Layer(texts, spans, events)


def _order(doc: Hashable) -> tuple:
    return (0, doc, "") if isinstance(doc, int) else (1, 0, repr(doc))


def _tokens(layers: Sequence[_Layer], doc: Hashable, text: str) -> list[tuple[int, int]]:
    cuts = {x for lay in layers for s in lay.spans.get(doc, ()) for x in (s.start, s.end)}
    return old_tokenize(text, cuts)


def _unitizing(layers: Mapping[str, _Layer], docs: Sequence[Hashable]) -> UnitizingResult:
    units: list[tuple[str, int, int, str]] = []
    offset = 0
    first = next(iter(layers.values()), None)
    for doc in docs:
        for name, lay in layers.items():
            units.extend((name, offset + s.start, offset + s.end, s.label) for s in lay.spans[doc])
        offset += len(first.texts[doc][1]) if first else 0
    return krippendorff_alpha_unitizing(units, 0, offset, list(layers))


def _pair(x: str, y: str, lx: _Layer, ly: _Layer, everyone: Sequence[_Layer]) -> PairResult:
    docs = sorted(lx.texts.keys() & ly.texts.keys(), key=_order)
    sa = [s for d in docs for s in lx.spans[d]]
    sb = [s for d in docs for s in ly.spans[d]]
    exact, overlap = span_counts(sa, sb, "exact"), span_counts(sa, sb, "overlap")
    per_doc: dict[Hashable, list[PRF]] = {}
    for _docs, labels, by_label, _boundary in (exact, overlap):
        width = max(len(labels), 1)
        sums = [c.reshape(-1, width).sum(axis=1) for c in by_label]
        for i, doc in enumerate(_docs):
            per_doc.setdefault(doc, []).append(
                PRF(int(sums[2][i]), int(sums[0][i]), int(sums[1][i]))
            )
    rows, all_a, all_b = [], [], []
    for doc in docs:
        name, text = lx.texts[doc]
        tokens = _tokens([lx, ly], doc, text)
        la = token_labels(tokens, [(s.start, s.end, s.label) for s in lx.spans[doc]])
        lb = token_labels(tokens, [(s.start, s.end, s.label) for s in ly.spans[doc]])
        all_a += la
        all_b += lb
        found = per_doc.get(doc, [PRF(0, 0, 0), PRF(0, 0, 0)])
        rows.append(DocumentRow(doc, name, found[0], found[1], cohen_kappa(la, lb)))
    events = event_scores(
        [e for d in docs for e in lx.events[d]], [e for d in docs for e in ly.events[d]]
    )
    return PairResult(
        x,
        y,
        scores_from_counts(exact[1], exact[2], exact[3]),
        scores_from_counts(overlap[1], overlap[2], overlap[3]),
        cohen_kappa(all_a, all_b),
        _unitizing({x: lx, y: ly}, docs),
        events,
        confusion_matrix(sa, sb, "overlap"),
        tuple(rows),
    )


def agreement(
    layers: Mapping[str, Sequence[DocumentAnnotations]],
    annotators: Sequence[str] | None = None,
    labels: Sequence[str] | None = None,
) -> AgreementResult:
    """Agreement of the annotators' layers (all of ``layers`` unless ``annotators`` is given).

    ``labels`` restricts the span measures to those labels (events are always all). Raises
    ``Cancelled`` when ``cancelled()`` turns true between pairs.
    """
    names = list(annotators) if annotators is not None else sorted(layers)
    wanted = set(labels) if labels is not None else None
    coded = {n: _layer(layers.get(n, ()), wanted) for n in names}
    pairs_todo = list(itertools.combinations(names, 2))
    total = len(pairs_todo) + 1
    everyone = list(coded.values())
    pairs = []
    for done, (x, y) in enumerate(pairs_todo):
        pairs.append(_pair(x, y, coded[x], coded[y], everyone))
    all_docs = sorted({d for lay in everyone for d in lay.texts}, key=_order)
    units: list[list[str | None]] = []
    for doc in all_docs:
        text = next(lay.texts[doc][1] for lay in everyone if doc in lay.texts)
        tokens = _tokens(everyone, doc, text)
        columns = [
            token_labels(tokens, [(s.start, s.end, s.label) for s in lay.spans[doc]])
            if doc in lay.texts
            else [None] * len(tokens)
            for lay in everyone
        ]
        units.extend(list(unit) for unit in zip(*columns, strict=True))
    shared = [d for d in all_docs if all(d in lay.texts for lay in everyone)]
    alpha_u = _unitizing(coded, shared)
    seen = {s.label for lay in everyone for spans in lay.spans.values() for s in spans}
    for pair in pairs:
        for scores in (pair.exact, pair.overlap):
            for label in seen:
                scores.per_label.setdefault(label, PRF(0, 0, 0))
    return AgreementResult(
        tuple(names),
        tuple(sorted(seen)),
        tuple(pairs),
        krippendorff_alpha_nominal(units),
        alpha_u,
        len(all_docs),
    )

"""Inter-annotator agreement over annotator layers: the report the CLI and GUI show.

``agreement`` compares every pair of annotators on the documents both have (pairwise span F1,
exact and overlap, per label and per document; token kappa; alpha-U; event scores; label
confusion) and all annotators together (token alpha with missing values, alpha-U). The
measures themselves live in ``spans``, ``coefficients``, ``events`` and ``confusion`` beside this
module, which work on plain tuples and need no project.

Which layers and documents take part is the caller's choice: pass, per annotator, the
``DocumentAnnotations`` they are to be judged on (e.g. only documents marked done).
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from annotator.agreement.coefficients import (
    UnitizingResult,
    cohen_kappa,
    krippendorff_alpha_nominal,
    krippendorff_alpha_unitizing,
    token_labels,
    tokenize,
)
from annotator.agreement.confusion import ConfusionMatrix, confusion_matrix
from annotator.agreement.events import EventKey, event_scores
from annotator.agreement.spans import (
    PRF,
    Scores,
    SpanKey,
    scores_from_counts,
    span_counts,
)
from annotator.errors import Cancelled
from annotator.formats.common import IsCancelled, Progress, never_cancelled, no_progress
from annotator.model import DocumentAnnotations
from annotator.terminal import visual as visual_order

if TYPE_CHECKING:
    from annotator.project import Project


NOTES = (
    "Span F1: annotator A is the reference, B the response; F1 is symmetric. Spans are sets: "
    "a duplicate in one layer counts once. Overlap = one-to-one maximum matching of same-label "
    "spans sharing a character.",
    "Token kappa/alpha: tokens are words cut at every span boundary of any compared annotator "
    "(S layer); a token takes the label of the outermost span over it, else O. A token no span "
    "covers is O for every annotator who has the document, and a missing value for alpha when "
    "the annotator does not have the document; kappa uses only documents both have.",
    "Alpha-U: characters of the compared documents concatenated in document order; text an "
    "annotator did not mark with a label is a gap (a judgement of 'not this label'), not a "
    "missing value. The all-annotator alpha-U uses only documents every annotator has.",
    "Events: ACE trigger/argument identification and classification; arguments are aligned by "
    "offsets, each side is a set.",
)


@dataclass(frozen=True)
class DocumentRow:
    """One document's agreement for one pair."""

    doc_id: Hashable
    name: str
    exact: PRF
    overlap: PRF
    kappa: float | None

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "name": self.name,
            "exact": self.exact.to_json(),
            "overlap": self.overlap.to_json(),
            "kappa": self.kappa,
        }


@dataclass(frozen=True)
class PairResult:
    """Everything measured between annotators ``a`` (reference) and ``b``."""

    a: str
    b: str
    exact: Scores
    overlap: Scores
    kappa: float | None
    alpha_u: UnitizingResult
    events: dict[str, Scores]
    confusion: ConfusionMatrix
    documents: tuple[DocumentRow, ...]

    @property
    def document_average_f1(self) -> float | None:
        """Mean of per-document exact F1 (INCEpTION-style averaging), documents with spans."""
        values = [d.exact.f1 for d in self.documents if d.exact.f1 is not None]
        return sum(values) / len(values) if values else None

    def to_json(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "exact": self.exact.to_json(),
            "overlap": self.overlap.to_json(),
            "kappa": self.kappa,
            "alpha_u": self.alpha_u.to_json(),
            "events": {k: v.to_json() for k, v in self.events.items()},
            "confusion": self.confusion.to_json(),
            "document_average_f1": self.document_average_f1,
            "documents": [d.to_json() for d in self.documents],
        }


@dataclass(frozen=True)
class AgreementResult:
    """Pairwise tables and all-annotator coefficients."""

    annotators: tuple[str, ...]
    labels: tuple[str, ...]
    pairs: tuple[PairResult, ...]
    alpha_nominal: float | None
    alpha_u: UnitizingResult
    documents: int
    notes: tuple[str, ...] = NOTES

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (None where a measure is undefined)."""
        return {
            "annotators": list(self.annotators),
            "labels": list(self.labels),
            "documents": self.documents,
            "alpha_nominal": self.alpha_nominal,
            "alpha_u": self.alpha_u.to_json(),
            "pairs": [p.to_json() for p in self.pairs],
            "notes": list(self.notes),
        }


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
        triggers = {e.uuid: live[e.trigger] for e in da.events if e.trigger in live}
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


def _tokens(layers: Sequence[_Layer], doc: Hashable, text: str) -> list[tuple[int, int]]:
    cuts = {x for lay in layers for s in lay.spans.get(doc, ()) for x in (s.start, s.end)}
    return tokenize(text, cuts)


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
    docs = sorted(lx.texts.keys() & ly.texts.keys(), key=repr)
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
        tokens = _tokens(everyone, doc, text)
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
    progress: Progress = no_progress,
    cancelled: IsCancelled = never_cancelled,
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
        if cancelled():
            raise Cancelled("agreement cancelled")
        progress(done, total)
        pairs.append(_pair(x, y, coded[x], coded[y], everyone))
    all_docs = sorted({d for lay in everyone for d in lay.texts}, key=repr)
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
    progress(total, total)
    seen = {s.label for lay in everyone for spans in lay.spans.values() for s in spans}
    return AgreementResult(
        tuple(names),
        tuple(sorted(seen)),
        tuple(pairs),
        krippendorff_alpha_nominal(units),
        alpha_u,
        len(all_docs),
    )


# -- text tables ------------------------------------------------------------------------------


def _width(text: str) -> int:
    """Terminal columns: combining marks and format characters take none, wide ones two."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def format_table(
    headers: Sequence[str], rows: Sequence[Sequence[object]], visual: bool = False
) -> str:
    """A plain-text table; ``visual`` shapes and reorders Arabic for non-bidi terminals.

    Without ``visual`` the cells stay in logical order (what a bidi-aware terminal wants and
    what must be used when the output is piped to a file). Floats get three decimals, None
    shows as ``-``.
    """
    cells = [[_cell(v) for v in row] for row in [list(headers), *rows]]
    if visual:
        cells = [[visual_order(c) for c in row] for row in cells]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        padded = [c + " " * (w - _width(c)) for c, w in zip(row, widths, strict=True)]
        return "  ".join(padded).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *(line(r) for r in cells[1:])])


def format_result(result: AgreementResult, visual: bool = False) -> str:
    """The CLI summary: pairwise table, per-label F1, events and the all-annotator alphas."""
    out = [
        f"annotators: {', '.join(result.annotators)}; documents: {result.documents}",
        f"alpha (nominal, tokens): {_cell(result.alpha_nominal)}; "
        f"alpha-U (characters): {_cell(result.alpha_u.alpha)}",
        "",
    ]
    rows = [
        [
            p.a,
            p.b,
            p.exact.micro.f1,
            p.overlap.micro.f1,
            p.exact.boundary and p.exact.boundary.f1,
            p.kappa,
            p.alpha_u.alpha,
        ]
        for p in result.pairs
    ]
    headers = ["A", "B", "F1 exact", "F1 overlap", "boundary", "kappa", "alpha-U"]
    out += [format_table(headers, rows, visual), ""]
    label_rows = []
    for p in result.pairs:
        for label in result.labels:
            ex, ov = p.exact.per_label.get(label), p.overlap.per_label.get(label)
            label_rows.append(
                [
                    p.a,
                    p.b,
                    label,
                    ex and ex.f1,
                    ov and ov.f1,
                    ex.n_a if ex else 0,
                    ex.n_b if ex else 0,
                ]
            )
    headers = ["A", "B", "label", "F1 exact", "F1 overlap", "n A", "n B"]
    out += [format_table(headers, label_rows, visual), ""]
    event_rows = [
        [p.a, p.b, measure, s.micro.precision, s.micro.recall, s.micro.f1]
        for p in result.pairs
        for measure, s in p.events.items()
    ]
    out.append(format_table(["A", "B", "measure", "P", "R", "F1"], event_rows, visual))
    return "\n".join(out)


def project_layers(
    project: Project, annotators: Sequence[str]
) -> dict[str, list[DocumentAnnotations]]:
    """Annotator → the documents of their layer that they touched: what ``agreement`` compares,
    for the command line and the Agreement window alike."""
    from annotator.exporting import layers

    return {
        name: [da for da, _, _ in layers(project, name) if da.spans or da.events]
        for name in annotators
    }

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
from collections import Counter
from collections.abc import Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from annotator.agreement.coefficients import (
    UnitizingCounts,
    UnitizingResult,
    alpha_nominal_from_units,
    kappa_from_pairs,
    token_labels,
    tokenize,
)
from annotator.agreement.confusion import NO_LABEL, ConfusionMatrix, confusion_matrix
from annotator.agreement.events import EventKey, event_scores
from annotator.agreement.spans import (
    PRF,
    Scores,
    SpanKey,
    scores_from_counts,
    span_counts,
    span_f1,
    span_key,
)
from annotator.errors import Cancelled
from annotator.formats.common import IsCancelled, Progress, never_cancelled, no_progress
from annotator.model import Document, DocumentAnnotations
from annotator.terminal import visual as visual_order

if TYPE_CHECKING:
    from annotator.project import LayerOutline, Project


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


@dataclass(frozen=True, slots=True)  # one per document and pair: kept small
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


# -- the measuring: one document at a time ----------------------------------------------------

CHUNK_SPANS = 20_000
"""Spans (both sides) a pair gathers before its span and event counts are computed: the
counting is vectorised over many documents at once, and memory stays bounded by this and by
the largest document."""


@dataclass(frozen=True)
class _Doc:
    """One annotator's layer of one document as the measures see it."""

    name: str
    text: str
    spans: list[SpanKey]
    events: list[EventKey]


def _coded(da: DocumentAnnotations, labels: set[str] | None) -> _Doc:
    return _code_layer(
        da.document.id,
        da.document.name,
        da.document.text,
        [(None, s.uuid, s.start, s.end, s.label) for s in da.spans if not s.deleted],
        [(None, e.uuid, e.type, e.trigger, e.deleted) for e in da.events],
        [(None, a.event, a.role, a.target) for a in da.arguments if not a.deleted],
        labels,
    )


def _code_layer(
    doc: Hashable,
    name: str,
    text: str,
    spans: Sequence[tuple[Any, str, int, int, str]],
    events: Sequence[tuple[Any, str, str, str, Any]],
    arguments: Sequence[tuple[Any, str, str, str]],
    labels: set[str] | None,
) -> _Doc:
    """One layer of one document as the measures see it, from plain rows (the first field of
    each is its document, unused here): live spans ``(uuid, start, end, label)``, events
    ``(uuid, type, trigger, deleted)``, live arguments ``(event, role, target)`` in stored
    order. A deleted event's trigger still resolves an argument pointing at that event."""
    live = {uuid: (start, end, label) for _, uuid, start, end, label in spans}
    keys = [
        span_key((doc, start, end, label))
        for start, end, label in live.values()
        if labels is None or label in labels
    ]
    triggers = {uuid: live[trigger] for _, uuid, _kind, trigger, _dead in events if trigger in live}
    by_event: dict[str, list[tuple[str, str]]] = {}
    for _, event, role, target in arguments:
        by_event.setdefault(event, []).append((role, target))
    found = []
    for _, uuid, kind, _trigger, deleted in events:
        if deleted or uuid not in triggers:
            continue
        args = set()
        for role, target in by_event.get(uuid, ()):
            where = live.get(target) or triggers.get(target)
            if where is not None:
                args.add((where[0], where[1], role))
        start, end, _label = triggers[uuid]
        found.append(EventKey(doc, start, end, kind, frozenset(args)))
    return _Doc(name, text, keys, found)


class _Document:
    """One document with the layers of the annotators who have it (in the order of the
    measured annotators); tokens and token labels are worked out once, when first asked."""

    def __init__(self, doc: Hashable, layers: dict[str, _Doc]) -> None:
        self.doc = doc
        self.layers = layers
        self.text = next(iter(layers.values())).text
        self._tokens: list[tuple[int, int]] | None = None
        self._labels: dict[str, list[str]] = {}

    def labels(self, name: str) -> list[str]:
        """The token label of each token for annotator ``name``."""
        found = self._labels.get(name)
        if found is None:
            if self._tokens is None:
                cuts = {x for lay in self.layers.values() for s in lay.spans for x in s[1:3]}
                self._tokens = tokenize(self.text, cuts)
            spans = [(s.start, s.end, s.label) for s in self.layers[name].spans]
            found = self._labels[name] = token_labels(self._tokens, spans)
        return found

    def token_count(self) -> int:
        if self._tokens is None:
            self.labels(next(iter(self.layers)))
        assert self._tokens is not None
        return len(self._tokens)


def _plus(x: Scores, y: Scores) -> Scores:
    per_label = dict(x.per_label)
    for label, prf in y.per_label.items():
        per_label[label] = per_label[label] + prf if label in per_label else prf
    boundary = x.boundary + y.boundary if x.boundary and y.boundary else x.boundary or y.boundary
    return Scores(x.micro + y.micro, per_label, boundary)


class _PairCounts:
    """What a pair's measures add up over the documents both annotators have."""

    def __init__(self, a: str, b: str) -> None:
        self.a, self.b = a, b
        self.exact = self.overlap = span_f1([], [])
        self.events = event_scores([], [])
        self.confusion: Counter[tuple[str, str]] = Counter()
        self.tokens: Counter[tuple[str, str]] = Counter()  # (label of A, of B) per token
        self.alpha_u = UnitizingCounts([a, b])
        self.rows: list[DocumentRow] = []
        self._spans: tuple[list[SpanKey], list[SpanKey]] = ([], [])
        self._events: tuple[list[EventKey], list[EventKey]] = ([], [])
        self._docs: list[tuple[Hashable, str, float | None]] = []  # rows waiting for counts

    def add(self, document: _Document) -> None:
        x, y = document.layers.get(self.a), document.layers.get(self.b)
        if x is None or y is None:
            return
        doc = document.doc
        pairs = Counter(zip(document.labels(self.a), document.labels(self.b), strict=True))
        self.tokens.update(pairs)
        self._docs.append((doc, x.name, kappa_from_pairs(pairs)))
        self._spans[0].extend(x.spans)
        self._spans[1].extend(y.spans)
        self._events[0].extend(x.events)
        self._events[1].extend(y.events)
        units = [(self.a, s.start, s.end, s.label) for s in x.spans]
        units += [(self.b, s.start, s.end, s.label) for s in y.spans]
        self.alpha_u.add(repr(doc), len(document.text), units)
        if len(self._spans[0]) + len(self._spans[1]) >= CHUNK_SPANS:
            self.flush()

    def flush(self) -> None:
        """Count the documents gathered so far (span, event and confusion counts add up
        document by document: every measure groups by document)."""
        if not self._docs:
            return
        sa, sb = self._spans
        exact, overlap = span_counts(sa, sb, "exact"), span_counts(sa, sb, "overlap")
        per_doc: dict[Hashable, list[PRF]] = {}
        for _docs, labels, by_label, _boundary in (exact, overlap):
            width = max(len(labels), 1)
            sums = [c.reshape(-1, width).sum(axis=1) for c in by_label]
            for i, doc in enumerate(_docs):
                per_doc.setdefault(doc, []).append(
                    PRF(int(sums[2][i]), int(sums[0][i]), int(sums[1][i]))
                )
        for doc, name, kappa in self._docs:
            found = per_doc.get(doc, [PRF(0, 0, 0), PRF(0, 0, 0)])
            self.rows.append(DocumentRow(doc, name, found[0], found[1], kappa))
        self.exact = _plus(self.exact, scores_from_counts(exact[1], exact[2], exact[3]))
        self.overlap = _plus(self.overlap, scores_from_counts(overlap[1], overlap[2], overlap[3]))
        for measure, scores in event_scores(*self._events).items():
            self.events[measure] = _plus(self.events[measure], scores)
        self.confusion.update(confusion_matrix(sa, sb, "overlap").counts)
        self._spans, self._events, self._docs = ([], []), ([], []), []

    def result(self) -> PairResult:
        self.flush()
        labels = sorted({x for pair in self.confusion for x in pair} - {NO_LABEL})
        return PairResult(
            self.a,
            self.b,
            self.exact,
            self.overlap,
            kappa_from_pairs(self.tokens),
            self.alpha_u.result(),
            self.events,
            ConfusionMatrix((*labels, NO_LABEL), dict(self.confusion)),
            tuple(sorted(self.rows, key=lambda row: repr(row.doc_id))),
        )


class _AllCounts:
    """What the all-annotator coefficients add up over every document."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = list(names)
        self.units: Counter[tuple[str | None, ...]] = Counter()
        # two annotators: the all-annotator alpha-U is the pair's (same raters, same documents)
        self.alpha_u = UnitizingCounts(self.names) if len(self.names) != 2 else None
        self.labels: set[str] = set()
        self.documents = 0

    def add(self, document: _Document) -> None:
        self.documents += 1
        n = document.token_count()
        columns = [
            document.labels(name) if name in document.layers else [None] * n for name in self.names
        ]
        self.units.update(zip(*columns, strict=True))
        for lay in document.layers.values():
            self.labels.update(s.label for s in lay.spans)
        if self.alpha_u is not None and len(document.layers) == len(self.names):
            units = [(name, s.start, s.end, s.label)
                     for name in self.names for s in document.layers[name].spans]  # fmt: skip
            self.alpha_u.add(repr(document.doc), len(document.text), units)


def agreement(
    layers: Mapping[str, Sequence[DocumentAnnotations]],
    annotators: Sequence[str] | None = None,
    labels: Sequence[str] | None = None,
    progress: Progress = no_progress,
    cancelled: IsCancelled = never_cancelled,
) -> AgreementResult:
    """Agreement of the annotators' layers (all of ``layers`` unless ``annotators`` is given).

    ``labels`` restricts the span measures to those labels (events are always all). Raises
    ``Cancelled`` when ``cancelled()`` turns true. The layers of a project
    (``project_layers``) are read one document at a time, so memory stays within the largest
    document (and a few hundred bytes per document for the per-document rows); other layers
    are measured pair by pair, documents in the order of ``repr`` of their ids. Either way
    every figure is the same: each measure adds up per document.
    """
    names = list(annotators) if annotators is not None else sorted(layers)
    wanted = set(labels) if labels is not None else None
    if isinstance(layers, ProjectLayers):
        return _streamed(layers, names, wanted, progress, cancelled)
    by_doc: dict[Hashable, dict[str, _Doc]] = {}
    for name in names:
        for da in layers.get(name, ()):
            by_doc.setdefault(da.document.id, {})[name] = _coded(da, wanted)
    docs = sorted(by_doc, key=repr)

    def documents() -> Iterator[_Document]:
        for doc in docs:
            here = by_doc[doc]
            yield _Document(doc, {name: here[name] for name in names if name in here})

    pairs_todo = list(itertools.combinations(names, 2))
    total = len(pairs_todo) + 1
    pairs = []
    for done, (x, y) in enumerate(pairs_todo):
        if cancelled():
            raise Cancelled("agreement cancelled")
        progress(done, total)
        counts = _PairCounts(x, y)
        for document in documents():
            counts.add(document)
        pairs.append(counts.result())
    together = _AllCounts(names)
    for document in documents():
        together.add(document)
    progress(total, total)
    return _result(names, pairs, together)


def _streamed(
    source: ProjectLayers,
    names: Sequence[str],
    wanted: set[str] | None,
    progress: Progress,
    cancelled: IsCancelled,
) -> AgreementResult:
    pairs = [_PairCounts(x, y) for x, y in itertools.combinations(names, 2)]
    together = _AllCounts(names)
    total = source.count(names)
    for done, (doc, here) in enumerate(source.outlines(names)):
        if done % 200 == 0:
            if cancelled():
                raise Cancelled("agreement cancelled")
            progress(done, total)
        document = _Document(
            doc.id,
            {n: _code_layer(doc.id, doc.name, doc.text, *here[n], wanted)
             for n in names if n in here},
        )  # fmt: skip
        for counts in pairs:
            counts.add(document)
        together.add(document)
    progress(total, total)
    return _result(names, [counts.result() for counts in pairs], together)


def _result(names: Sequence[str], pairs: list[PairResult], together: _AllCounts) -> AgreementResult:
    return AgreementResult(
        tuple(names),
        tuple(sorted(together.labels)),
        tuple(pairs),
        alpha_nominal_from_units(together.units),
        together.alpha_u.result() if together.alpha_u is not None else pairs[0].alpha_u,
        together.documents,
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


class ProjectLayers(Mapping[str, list[DocumentAnnotations]]):
    """The layers of some annotators of a project, read when they are measured: ``agreement``
    streams them one document at a time (``Project.iter_layers``). As a mapping, annotator →
    the documents of their layer holding spans or events, each layer read whole on access."""

    def __init__(self, project: Project, annotators: Sequence[str]) -> None:
        self.project = project
        self.annotators = list(dict.fromkeys(annotators))

    def __getitem__(self, name: str) -> list[DocumentAnnotations]:
        if name not in self.annotators:
            raise KeyError(name)
        return [here[name] for here in self.documents([name])]

    def __iter__(self) -> Iterator[str]:
        return iter(self.annotators)

    def __len__(self) -> int:
        return len(self.annotators)

    def documents(self, names: Sequence[str]) -> Iterator[dict[str, DocumentAnnotations]]:
        """Per document (id order), the layers of those of ``names`` holding spans or events
        there."""
        wanted = [n for n in names if n in self.annotators]
        for here in self.project.iter_layers(wanted):
            kept = {n: da for n, da in here.items() if da.spans or da.events}
            if kept:
                yield kept

    def outlines(self, names: Sequence[str]) -> Iterator[tuple[Document, dict[str, LayerOutline]]]:
        """What ``documents`` gives, as ``Project.iter_outlines`` rows (no record built)."""
        return self.project.iter_outlines([n for n in names if n in self.annotators])

    def count(self, names: Sequence[str]) -> int:
        """How many documents ``documents(names)`` yields (for progress), texts not read."""
        docs: set[int] = set()
        for name in (n for n in names if n in self.annotators):
            docs.update(self.project.record_counts("spans", name))
            docs.update(self.project.record_counts("events", name))
        return len(docs)


def project_layers(project: Project, annotators: Sequence[str]) -> ProjectLayers:
    """Annotator → the documents of their layer that they touched: what ``agreement`` compares,
    for the command line and the Agreement window alike (read one document at a time when
    measured)."""
    return ProjectLayers(project, annotators)

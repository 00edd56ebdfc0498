"""Inter-annotator agreement over annotator layers: the report the CLI and GUI show.

``agreement`` compares every pair of annotators on the documents both have (pairwise span F1,
exact and overlap, per label and per document; token kappa; alpha-U; event scores; label
confusion) and all annotators together (token alpha with missing values, alpha-U). The
measures themselves live in ``spans``, ``coefficients``, ``events`` and ``confusion`` beside this
module, which work on plain tuples and need no project. Of a project, an annotator has the
documents where their layer holds spans or events and those they marked done
(``ProjectLayers.documents``).

Which layers and documents take part is the caller's choice: pass, per annotator, the
``DocumentAnnotations`` they are to be judged on (an empty one: a document read, nothing found).
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import math
import unicodedata
from collections import Counter, deque
from collections.abc import Generator, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from annotator.agreement import parallel
from annotator.agreement.bulk import (
    EVENT_MEASURES,
    AllCounts,
    Book,
    Chunk,
    Fragments,
    Layer,
    PairCounts,
    chunked,
    count_chunks,
    document_order,
    fragments_of,
    memory_layer,
    outline_layer,
    packed_layer,
)
from annotator.agreement.coefficients import (
    OUTSIDE,
    UnitizingResult,
    alpha_nominal_from_units,
    kappa_from_pairs,
)
from annotator.agreement.confusion import NO_LABEL, ConfusionMatrix
from annotator.agreement.events import EventKey
from annotator.agreement.spans import PRF, Scores, SpanKey, span_key
from annotator.cycles import no_cycle_collection
from annotator.errors import Cancelled, Message, ValidationError
from annotator.formats.common import IsCancelled, Progress, never_cancelled, no_progress
from annotator.formats.standoff import mislabelled_events
from annotator.model import DocumentAnnotations, Status
from annotator.terminal import visual as visual_order

if TYPE_CHECKING:
    from annotator.project import Project


NOTES = (
    Message(
        "Span F1: annotator A is the reference, B the response; F1 is symmetric. Spans are sets: "
        "a duplicate in one layer counts once. Overlap = one-to-one maximum matching of same-label "
        "spans sharing a character."
    ),
    Message(
        "Token kappa/alpha: tokens are words cut at every span boundary of the compared "
        "annotators (of the pair's two for kappa, of all of them for alpha; S layer); a token "
        "takes the label of the outermost span over it, else O. A token no span covers is O for "
        "every annotator who has the document (spans or events there, or marked done), and a "
        "missing value for alpha when the annotator does not have the document; kappa uses only "
        "documents both have."
    ),
    Message(
        "Alpha-U: characters of the compared documents concatenated in document order; text an "
        "annotator did not mark with a label is a gap (a judgement of 'not this label'), not a "
        "missing value. The all-annotator alpha-U uses only documents every annotator has."
    ),
    Message(
        "Events: ACE trigger/argument identification and classification; arguments are aligned by "
        "offsets, each side is a set."
    ),
)
"""how each measure is taken, shown with the results: ``Message``s, so the GUI shows them in
its language (``ui.i18n.core_text``; the templates listed in ``ui/core_messages.py``) while the
CLI prints this English"""


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


# -- the measuring: a chunk of documents at a time --------------------------------------------

CHUNK_SPANS = 20_000
"""Spans (all layers) a chunk of documents gathers before it is counted: the counting is
vectorised over the documents of a chunk (``bulk``), and memory stays bounded by this and by
the largest document."""


@dataclass(frozen=True)
class _Doc:
    """One annotator's layer of one document as the measures see it."""

    name: str
    text: str
    spans: list[SpanKey]
    events: list[EventKey]
    pieces: list[tuple[str, Fragments]]
    """its discontinuous spans (label, fragments), not among ``spans``"""


def _coded(da: DocumentAnnotations, labels: set[str] | None) -> _Doc:
    """An event whose trigger span is labelled otherwise than its type (an older version's
    data, ``rules.trigger_label_problem``: listed by ``check``) is no event here, as in the
    exports (``standoff.mislabelled_events``): left out of the event measures with its
    arguments and the arguments it fills."""
    live = [s for s in da.spans if not s.deleted]
    mislabelled = mislabelled_events(da.events, {s.uuid: s for s in live})
    return _code_layer(
        da.document.id,
        da.document.name,
        da.document.text,
        [(None, s.uuid, s.start, s.end, s.label, s.fragments) for s in live],
        [
            (None, e.uuid, e.type, e.trigger, e.deleted)
            for e in da.events
            if e.uuid not in mislabelled
        ],
        [(None, a.event, a.role, a.target) for a in da.arguments if not a.deleted],
        labels,
    )


def _code_layer(
    doc: Hashable,
    name: str,
    text: str,
    spans: Sequence[tuple[Any, str, int, int, str, Any]],
    events: Sequence[tuple[Any, str, str, str, Any]],
    arguments: Sequence[tuple[Any, str, str, str]],
    labels: set[str] | None,
) -> _Doc:
    """One layer of one document as the measures see it, from plain rows (the first field of
    each is its document, unused here): live spans ``(uuid, start, end, label, fragments)``
    (a discontinuous one measured on its fragments; its events on start and end), events
    ``(uuid, type, trigger, deleted)``, live arguments ``(event, role, target)`` in stored
    order. A deleted event's trigger still resolves an argument pointing at that event."""
    rows = {uuid: (start, end, label, frags) for _, uuid, start, end, label, frags in spans}
    live = {uuid: (start, end, label) for uuid, (start, end, label, _f) in rows.items()}
    keys = []
    pieces = []
    for start, end, label, frags in rows.values():
        if labels is not None and label not in labels:
            continue
        cut = fragments_of(frags, start, end)
        if cut is None:
            keys.append(span_key((doc, start, end, label)))
        else:
            pieces.append((label, cut))
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
    return _Doc(name, text, keys, found, pieces)


def _memory_chunks(
    layers: Mapping[str, Sequence[DocumentAnnotations]],
    names: Sequence[str],
    wanted: set[str] | None,
    book: Book,
) -> tuple[int, Iterator[Chunk]]:
    """(documents, chunks) of layers held in memory, documents in ``document_order``."""
    by_doc: dict[Hashable, dict[str, _Doc]] = {}
    for name in names:
        for da in layers.get(name, ()):
            by_doc.setdefault(da.document.id, {})[name] = _coded(da, wanted)
    docs = sorted(by_doc, key=document_order)

    def weight(doc: Hashable) -> int:
        return 1 + sum(len(lay.spans) + len(lay.pieces) for lay in by_doc[doc].values())

    def chunks() -> Iterator[Chunk]:
        for run in chunked(docs, weight, CHUNK_SPANS):
            here = [by_doc[doc] for doc in run]
            first = [next(lay for n in names if (lay := h.get(n)) is not None) for h in here]
            doc_names = [f.name for f in first]
            built = {}
            for name in names:
                mine = [i for i, h in enumerate(here) if name in h]
                if not mine:
                    continue
                spans = [(i, s.start, s.end, s.label) for i in mine for s in here[i][name].spans]
                pieces = [(i, *p) for i in mine for p in here[i][name].pieces]
                events = [(i, e) for i in mine for e in here[i][name].events]
                own = [here[i][name].name if name in here[i] else "" for i in range(len(run))]
                differs = any(own[i] != doc_names[i] for i in mine)
                built[name] = memory_layer(
                    mine, spans, events, len(run), book, own if differs else None, pieces
                )
            yield Chunk(list(run), doc_names, [f.text for f in first], built)

    return len(docs), chunks()


class _Rows:
    """A stream of row blocks ordered by document (first field), taken up to a document."""

    def __init__(self, blocks: Iterator[list[tuple[Any, ...]]], weight: int | None = None) -> None:
        self._blocks = blocks
        self._rows: list[tuple[Any, ...]] = []
        self._at = 0
        self._done = False
        self._weight = weight  # a row's weight: this field (a count of spans)

    def _pull(self) -> None:
        block = next(self._blocks, None)
        if block is None:
            self._done = True
            return
        if self._at:
            del self._rows[: self._at]
            self._at = 0
        self._rows.extend(block)

    def doc_at(self, k: int) -> int | None:
        """The document of the ``k``-th row still to take (None: fewer rows are left); of a
        weighted stream, of the row where the rows' weights pass ``k``."""
        if self._weight is not None:
            return self._weighted_doc_at(k, self._weight)
        while len(self._rows) - self._at <= k and not self._done:
            self._pull()
        return self._rows[self._at + k][0] if len(self._rows) - self._at > k else None

    def _weighted_doc_at(self, k: int, weight: int) -> int | None:
        total, i = 0, self._at
        while True:
            # the running totals of the rows from ``i`` (summed in C)
            sums = list(itertools.accumulate(map(itemgetter(weight), self._rows[i:])))
            j = bisect.bisect_right(sums, k - total)
            if j < len(sums):
                return self._rows[i + j][0]  # type: ignore[no-any-return]
            if sums:
                total += sums[-1]
            if self._done:
                return None
            offset = len(self._rows) - self._at
            self._pull()  # (drops the rows taken before: offsets from ``_at`` stay)
            i = self._at + offset

    def take(self, limit: int | None) -> list[tuple[Any, ...]]:
        """The rows of documents up to ``limit`` (all that are left for None)."""
        while not self._done and (
            limit is None or len(self._rows) == self._at or self._rows[-1][0] <= limit
        ):
            self._pull()
        cut = (
            len(self._rows)
            if limit is None
            else bisect.bisect_right(self._rows, limit, lo=self._at, key=itemgetter(0))
        )
        out = self._rows[self._at : cut]
        self._at = cut
        return out


def project_chunks(
    source: ProjectLayers,
    names: Sequence[str],
    wanted: set[str] | None,
    book: Book,
    id_range: tuple[int, int] | None = None,
) -> Iterator[Chunk]:
    """Chunks of a project's layers (of the documents whose ids are in ``[id_range[0],
    id_range[1])``, or all): one streamed query per table and layer
    (``Project.packed_outline_blocks``: spans a document a row; ``outline_blocks`` for a file
    that cannot be read so), cut where some layer has gathered its share of ``CHUNK_SPANS``
    spans; documents none of the layers has (``ProjectLayers.documents``) are left out."""
    present = [n for n in dict.fromkeys(names) if n in source.annotators]
    share = max(CHUNK_SPANS // max(len(present), 1), 1)
    project = source.project
    packed = project.packed_outline_blocks(present, rows=min(share, 4096), docs=id_range)
    if packed is None:  # (a file without the indexes that reading goes through)
        texts, blocks = project.outline_blocks(present, rows=min(share, 4096), docs=id_range)
        streams = {n: [_Rows(b) for b in blocks[n]] for n in present}
    else:
        labels, texts, layers = packed
        odd = {n: layers[n][1] for n in present}
        streams = {
            n: [_Rows(layers[n][0], 1), _Rows(layers[n][2]), _Rows(layers[n][3])] for n in present
        }
    documents = _Rows(texts)
    done = {n: source.done(n) for n in present}

    def layer(n: str, ids: npt.NDArray[np.int64], rows: list[list[tuple[Any, ...]]]) -> Layer:
        if packed is None:
            return outline_layer(ids, rows[0], rows[1], rows[2], wanted, book)
        return packed_layer(ids, rows[0], odd[n], rows[1], rows[2], labels, wanted, book)

    while True:
        ends = [d for n in present if (d := streams[n][0].doc_at(share)) is not None]
        limit = min(ends) if ends else None
        rows = {n: [s.take(limit) for s in streams[n]] for n in present}
        docs = documents.take(limit)
        if not docs:
            return
        ids = np.fromiter((d[0] for d in docs), dtype=np.int64, count=len(docs))
        built = {n: layer(n, ids, rows[n]) for n in present}
        for n, lay in built.items():  # a document marked done is read, spans or none
            marked = done[n]
            lo, hi = np.searchsorted(marked, (ids[0], ids[-1] + 1))
            if hi > lo:
                lay.present |= np.isin(ids, marked[lo:hi])
        built = {n: lay for n, lay in built.items() if lay.present.any()}
        keep = np.zeros(ids.size, dtype=bool)
        for lay in built.values():
            keep |= lay.present
        if not keep.all():
            remap = np.cumsum(keep) - 1
            built = {n: lay.compressed(keep, remap) for n, lay in built.items()}
            docs = [d for d, k in zip(docs, keep.tolist(), strict=True) if k]
        if docs:
            yield Chunk([d[0] for d in docs], [d[1] for d in docs], [d[2] for d in docs], built)
        if limit is None:
            return


def count_project(
    source: ProjectLayers,
    names: Sequence[str],
    wanted: set[str] | None,
    docs: tuple[int, int] | None = None,
) -> parallel.Counted:
    """The counts of a project's documents (those of ``docs``, or all) with a book of their
    own: what a worker process gives back (``parallel``)."""
    book = Book()
    book.code(OUTSIDE)
    pairs = [PairCounts(x, y) for x, y in itertools.combinations(names, 2)]
    together = AllCounts(names)
    with no_cycle_collection():
        chunks = project_chunks(source, names, wanted, book, docs)
        last = deque(count_chunks(chunks, pairs, together, book), maxlen=1)
    return book.names, pairs, together, last[0] if last else 0


def _pair_result(counts: PairCounts, book: Book, measured: Sequence[str]) -> PairResult:
    """The pair's figures; its exact and overlap ``per_label`` hold every one of ``measured``
    (those some layer measured has spans of), a label neither of the two used with counts
    0 and undefined scores, as the tables show it: a row for each label in each pair."""
    names = book.names
    confusion = {
        (names[x] if x >= 0 else NO_LABEL, names[y] if y >= 0 else NO_LABEL): t
        for (x, y), t in counts.confusion.items()
    }
    labels = sorted({x for pair in confusion for x in pair} - {NO_LABEL})
    events = {
        m: Scores(counts.trigger_boundary)
        if m == "trigger_identification"
        else counts.events[m].scores(names, None)
        for m in EVENT_MEASURES
    }
    rows = sorted(
        (DocumentRow(*row) for row in counts.rows()), key=lambda row: document_order(row.doc_id)
    )
    tokens = {(names[x], names[y]): t for (x, y), t in counts.tokens.items()}
    exact = counts.exact.scores(names, counts.exact_boundary)
    overlap = counts.overlap.scores(names, counts.overlap_boundary)
    for scores in (exact, overlap):
        for label in measured:
            scores.per_label.setdefault(label, PRF(0, 0, 0))
    return PairResult(
        counts.a,
        counts.b,
        exact,
        overlap,
        kappa_from_pairs(tokens),
        counts.alpha_u.result(),
        events,
        ConfusionMatrix((*labels, NO_LABEL), confusion),
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
    ``Cancelled`` when ``cancelled()`` turns true. The layers of a project
    (``project_layers``) are read a chunk of documents at a time, so memory stays within a
    chunk and the largest document (and a few hundred bytes per document for the
    per-document rows). Every measure adds up per document, and a chunk's documents are
    counted together in array operations (``bulk``); the figures are those of measuring
    document by document.
    """
    names = list(annotators) if annotators is not None else sorted(layers)
    wanted = set(labels) if labels is not None else None
    book = Book()
    book.code(OUTSIDE)
    pairs = [PairCounts(x, y) for x, y in itertools.combinations(names, 2)]
    together = AllCounts(names)
    counting: Generator[int, None, None]
    if isinstance(layers, ProjectLayers):
        total = layers.project_documents()
        split = parallel.plan(layers, total)
        if split is not None:  # a range of documents per process
            state, ranges = split
            counting = parallel.count(layers, names, wanted, book, pairs, together, state, ranges)
        else:
            chunks = project_chunks(layers, names, wanted, book)
            counting = count_chunks(chunks, pairs, together, book)
    else:
        total, chunks = _memory_chunks(layers, names, wanted, book)
        counting = count_chunks(chunks, pairs, together, book)
    # progress: a project's in documents; layers in memory in steps, one per pair and one
    # for all annotators together, as when they were measured pair by pair
    steps = None if isinstance(layers, ProjectLayers) else len(pairs) + 1
    if cancelled():
        raise Cancelled("agreement cancelled")
    progress(0, steps or total)
    # no cyclic garbage is made while counting; collections would walk every young row
    with no_cycle_collection(), contextlib.closing(counting):  # (closing it stops any workers)
        for done in counting:
            if cancelled():
                raise Cancelled("agreement cancelled")
            if steps is None:
                progress(min(done, total), total)
            elif total:
                progress(done * (steps - 1) // total, steps)
    if isinstance(layers, ProjectLayers) and layers.project.read_only:
        # a read-only open whose check runs meanwhile: nothing is reported from a file
        # that fails it (``finish_check`` raises its error, naming the file)
        layers.project.finish_check()
    final = steps if steps is not None else together.documents
    progress(final, final)
    all_labels = sorted(book.names[c] for c in together.labels)
    pair_results = [_pair_result(counts, book, all_labels) for counts in pairs]
    units = Counter(
        {
            tuple(book.names[v] if v is not None else None for v in unit): t
            for unit, t in together.units.items()
        }
    )
    return AgreementResult(
        tuple(names),
        tuple(all_labels),
        tuple(pair_results),
        alpha_nominal_from_units(units),
        together.alpha_u.result() if together.alpha_u is not None else pair_results[0].alpha_u,
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


def figure(value: float) -> str:
    """A score or coefficient as every table shows it (the CLI's, the report's, the window's):
    three decimals, a tiny negative one as 0.000, never -0.000."""
    return f"{value:z.3f}"


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return figure(value)
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
    """The CLI summary: pairwise table, per-label F1, events and the all-annotator alphas.

    ``visual``: every name it prints (the summary line's annotators as the tables' cells) is
    reshaped and in display order for terminals without bidi (``annotator.terminal.visual``),
    each name on its own, so the list reads in the tables' order."""
    names = ", ".join(visual_order(a) if visual else a for a in result.annotators)
    out = [
        f"annotators: {names}; documents: {result.documents} "
        "(each pair is compared on the documents both annotators have: with spans or events "
        "there, or marked done)",
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
    reads them a chunk of documents at a time (``Project.packed_outline_blocks``). As a mapping,
    annotator → the documents they have (``documents``), each layer read whole on access."""

    def __init__(
        self,
        project: Project,
        annotators: Sequence[str],
        done: Mapping[str, npt.NDArray[np.int64]] | None = None,
    ) -> None:
        """``done``: what ``done`` gives, where known already (a worker's range)."""
        self.project = project
        self.annotators = list(dict.fromkeys(annotators))
        self._done: dict[str, npt.NDArray[np.int64]] = dict(done or {})

    def done(self, name: str) -> npt.NDArray[np.int64]:
        """The ids (ascending) of the documents ``name`` marked done: one query per layer
        (``Project.statuses``), kept."""
        marked = self._done.get(name)
        if marked is None:
            statuses = self.project.statuses(name)
            ids = [doc for doc, status in statuses.items() if status is Status.DONE]
            marked = np.sort(np.array(ids, dtype=np.int64))
            self._done[name] = marked
        return marked

    def __getitem__(self, name: str) -> list[DocumentAnnotations]:
        if name not in self.annotators:
            raise KeyError(name)
        return [here[name] for here in self.documents([name])]

    def __iter__(self) -> Iterator[str]:
        return iter(self.annotators)

    def __len__(self) -> int:
        return len(self.annotators)

    def documents(self, names: Sequence[str]) -> Iterator[dict[str, DocumentAnnotations]]:
        """Per document (id order), the layers of those of ``names`` who have it: whose layer
        holds spans or events there, or who marked it done (read, whatever it holds: with
        nothing, an empty layer, its tokens all O and its side of a pair empty)."""
        wanted = [n for n in names if n in self.annotators]
        done = {n: set(self.done(n).tolist()) for n in wanted}
        marked = sorted(set().union(*done.values()))  # (documents no record may bring)
        k = 0

        def only_marked(before: float) -> Iterator[dict[str, DocumentAnnotations]]:
            nonlocal k
            while k < len(marked) and marked[k] < before:
                doc_id, k = marked[k], k + 1
                try:
                    doc = self.project.document(doc_id)
                except ValidationError:  # (a status of no document)
                    continue
                yield {n: DocumentAnnotations(doc) for n in wanted if doc_id in done[n]}

        for here in self.project.iter_layers(wanted):
            doc = next(iter(here.values())).document
            yield from only_marked(doc.id)
            if k < len(marked) and marked[k] == doc.id:
                k += 1
            kept = {
                n: da
                for n in wanted
                if (da := here.get(n, DocumentAnnotations(doc))).spans
                or da.events
                or doc.id in done[n]
            }
            if kept:
                yield kept
        yield from only_marked(math.inf)

    def project_documents(self) -> int:
        """How many documents the project has (at most what ``documents`` yields)."""
        return self.project.document_count()


def project_layers(project: Project, annotators: Sequence[str]) -> ProjectLayers:
    """Annotator → the documents they have (their layer holds spans or events there, or they
    marked it done): what ``agreement`` compares,
    for the command line and the Agreement window alike (read a chunk of documents at a time
    when measured)."""
    return ProjectLayers(project, annotators)

"""Agreement counted over many documents at once: the layers of a run of documents as NumPy
arrays (a ``Chunk``), and what each measure adds up from them.

Every measure of ``agreement`` adds up per document (docs/design/formats.md C), so a corpus is
read a chunk of documents at a time and each chunk is counted with array operations over all
its documents together: no Python object per span, per token or per document but the row
each document has in the result. What is kept between chunks is integer counts (per label,
per label pair, per unit of tokens, alpha-U's sums and edge gaps); every coefficient is
worked out from them at the end with the formulas of the per-document code, so the figures
are the same to the last digit (tests/core/test_agreement_stream.py holds them to the
in-memory oracle, tests/core/test_agreement_bulk.py to the plain per-document measures).
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from collections.abc import Callable, Generator, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, NamedTuple, cast

import numpy as np
import numpy.typing as npt

from annotator.agreement.coefficients import (
    OUTSIDE,
    UnitColumns,
    UnitizingCounts,
    distinct_counts,
    kappa_from_pairs,
    sort_order,
    token_starts,
)
from annotator.agreement.confusion_columns import overlap_confusion
from annotator.agreement.events import ROLE_SEPARATOR, EventKey
from annotator.agreement.spans import (
    PRF,
    Columns,
    GroupCounts,
    IntArray,
    Scores,
    column_counts,
    column_counts_both,
    column_label_counts,
    contains_sorted,
)

BoolArray = npt.NDArray[np.bool_]
EMPTY = np.zeros(0, dtype=np.int64)


def document_order(doc_id: Hashable) -> tuple[int, int, str]:
    """Where a document comes in the results: ids that are whole numbers (a project's) by
    value, so d10 follows d9, then any other id by its ``repr``."""
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        return (0, doc_id, "")
    return (1, 0, repr(doc_id))


class Book:
    """Codes for names (labels, event types, ``type/role`` keys, roles): 0, 1, 2... in the
    order they are met; ``ranks`` orders the codes as the names sort."""

    def __init__(self) -> None:
        self.codes: dict[str, int] = _Codes()

    def code(self, name: str) -> int:
        return self.codes[name]

    def array(self, names: Iterable[str], n: int) -> IntArray:
        return np.fromiter(map(self.codes.__getitem__, names), dtype=np.int64, count=n)

    @property
    def names(self) -> list[str]:
        return list(self.codes)

    def ranks(self) -> IntArray:
        names = self.names
        ranks = np.zeros(len(names), dtype=np.int64)
        ranks[sorted(range(len(names)), key=names.__getitem__)] = np.arange(len(names))
        return ranks


class _Codes(dict[str, int]):
    """name -> code, a new name getting the next code (looked up in C when known)."""

    def __missing__(self, name: str) -> int:
        code = self[name] = len(self)
        return code


class Arguments(NamedTuple):
    """Resolved event arguments: document, trigger start and end, event type, ``type/role``
    key, argument start and end."""

    doc: IntArray
    trigger_start: IntArray
    trigger_end: IntArray
    type: IntArray
    role: IntArray
    start: IntArray
    end: IntArray


def _columns(n: int = 0) -> Columns:
    return (EMPTY[:n], EMPTY[:n], EMPTY[:n], EMPTY[:n])


Fragments = tuple[tuple[int, int], ...]
Piece = tuple[int, int, Fragments]
"""a discontinuous span: document index, label code, its fragments"""


def fragments_of(value: Any, start: int, end: int) -> Fragments | None:
    """The fragments of a span whose ``start`` and ``end`` cover them from the first to the
    last (``model.Span``), given as stored (JSON text) or as pairs; None for a continuous
    span: no fragments, one, or pieces that are not sorted, disjoint pairs of integers
    inside ``[start, end)`` (the span is then taken whole, from start to end)."""
    if isinstance(value, str):
        if value in ("", "[]"):
            return None
        try:
            value = json.loads(value)
        except ValueError:
            return None
    if not isinstance(value, list | tuple) or len(value) < 2:
        return None
    out: list[tuple[int, int]] = []
    at = start
    for piece in value:
        if not isinstance(piece, list | tuple) or len(piece) != 2:
            return None
        a, b = piece
        if type(a) is not int or type(b) is not int or not at <= a <= b <= end:
            return None
        out.append((a, b))
        at = b
    return tuple(out)


def _pieces_at(
    doc: IntArray,
    label: IntArray,
    values: Sequence[Any],
    start: IntArray,
    end: IntArray,
    first: int = 0,
) -> tuple[list[Piece], BoolArray | None]:
    """The discontinuous spans among the rows from ``first`` on, whose stored fragments are
    ``values`` (text '[]' for none), and a mask of the continuous rows (None: all are)."""
    at = [first + i for i, v in enumerate(values) if v not in ("[]", ())]
    found: list[Piece] = []
    keep: BoolArray | None = None
    for i in at:
        frags = fragments_of(values[i - first], int(start[i]), int(end[i]))
        if frags is None:
            continue
        if keep is None:
            keep = np.ones(doc.size, dtype=bool)
        keep[i] = False
        found.append((int(doc[i]), int(label[i]), frags))
    return found, keep


def unit_columns(spans: Columns, pieces: Sequence[Piece]) -> Columns:
    """The stretches of text a layer marks: its continuous spans and each fragment of its
    discontinuous ones (tokens and alpha-U count only the characters inside fragments)."""
    if not pieces:
        return spans
    rows = [(d, a, b, lab) for d, lab, frags in pieces for a, b in frags]
    more = np.array(rows, dtype=np.int64).reshape(-1, 4).T
    doc, start, end, label = spans
    return (
        np.concatenate((doc, more[0])),
        np.concatenate((start, more[1])),
        np.concatenate((end, more[2])),
        np.concatenate((label, more[3])),
    )


@dataclass
class Layer:
    """One annotator's layer over the documents of a chunk: which documents it has, its spans
    of the measured labels (document index, start, end, label code), its events' triggers
    (document, start, end, type code) and their arguments."""

    present: BoolArray
    spans: Columns
    triggers: Columns
    arguments: Arguments
    names: list[str] | None = None
    """the layer's own name of each document, where it differs from the chunk's"""
    pieces: list[Piece] = field(default_factory=list)
    """its discontinuous spans of the measured labels (rare), not in ``spans``"""

    def compressed(self, keep: BoolArray, remap: IntArray) -> Layer:
        """The layer over the documents ``keep`` marks (``remap``: old index -> new)."""

        def take(cols: Any) -> Any:
            mine = keep[cols[0]]
            return type(cols)((remap[cols[0][mine]], *(c[mine] for c in cols[1:])))

        names = (
            [x for x, k in zip(self.names, keep.tolist(), strict=True) if k] if self.names else None
        )
        return Layer(
            self.present[keep],
            take(self.spans),
            take(self.triggers),
            Arguments(*take(tuple(self.arguments))),
            names,
            _take_pieces(self.pieces, keep, remap),
        )


def _take_pieces(pieces: list[Piece], keep: BoolArray, remap: IntArray) -> list[Piece]:
    return [(int(remap[d]), lab, frags) for d, lab, frags in pieces if keep[d]]


@dataclass
class Chunk:
    """A run of documents: ids, names, texts, lengths and the layers of those who have them."""

    ids: list[Hashable]
    names: list[str]
    texts: list[str]
    layers: dict[str, Layer]
    lengths: IntArray = field(init=False)

    def __post_init__(self) -> None:
        self.lengths = np.fromiter(map(len, self.texts), dtype=np.int64, count=len(self.texts))


# -- building chunks --------------------------------------------------------------------------


def _arguments_of(rows: list[tuple[int, int, int, int, int, int, int]]) -> Arguments:
    if not rows:
        return Arguments(*(EMPTY,) * 7)
    cols = np.array(rows, dtype=np.int64).T
    return Arguments(*cols)


def memory_layer(
    docs: Sequence[int],
    spans: Sequence[tuple[int, int, int, str]],
    events: Sequence[tuple[int, EventKey]],
    n_docs: int,
    book: Book,
    names: list[str] | None = None,
    pieces: Sequence[tuple[int, str, Fragments]] = (),
) -> Layer:
    """A layer from plain rows: spans ``(doc index, start, end, label)`` of the measured
    labels, events ``(doc index, EventKey)``; ``docs`` are the indices of its documents;
    ``pieces`` its discontinuous spans of the measured labels ``(doc index, label,
    fragments)``, not among ``spans``."""
    present = np.zeros(n_docs, dtype=bool)
    present[list(docs)] = True
    n = len(spans)
    span_cols = (
        np.fromiter((s[0] for s in spans), dtype=np.int64, count=n),
        np.fromiter((s[1] for s in spans), dtype=np.int64, count=n),
        np.fromiter((s[2] for s in spans), dtype=np.int64, count=n),
        book.array((s[3] for s in spans), n),
    )
    triggers = [(d, e.trigger_start, e.trigger_end, book.code(e.type)) for d, e in events]
    args = [
        (d, e.trigger_start, e.trigger_end, book.code(e.type),
         book.code(f"{e.type}{ROLE_SEPARATOR}{role}"), start, end)
        for d, e in events
        for start, end, role in e.args
    ]  # fmt: skip
    trig = np.array(triggers, dtype=np.int64).reshape(-1, 4).T
    return Layer(
        present,
        span_cols,
        (trig[0], trig[1], trig[2], trig[3]),
        _arguments_of(args),
        names,
        [(d, book.code(label), frags) for d, label, frags in pieces],
    )


class _Index(dict[str, int]):
    """uuid -> row, -1 for a uuid not there."""

    def __missing__(self, key: str) -> int:
        return -1


def _known(ids: IntArray, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The rows whose document (first field) is one of ``ids`` (a row of a document missing
    from the documents table is left out, as ``Project.iter_outlines`` leaves it out)."""
    if not rows:
        return rows
    at = np.fromiter(map(itemgetter(0), rows), dtype=np.int64, count=len(rows))
    if ids.size == 0:
        return []
    ok = ids[np.minimum(np.searchsorted(ids, at), ids.size - 1)] == at
    return rows if ok.all() else [row for row, keep in zip(rows, ok.tolist(), strict=True) if keep]


def _known_columns(
    ids: IntArray, rows: list[tuple[Any, ...]], width: int
) -> tuple[IntArray, list[Sequence[Any]]]:
    """``_known``'s rows (of ``width`` fields) as columns: the index in ``ids`` of each row's
    document, and the other fields' columns (one transposition in C instead of a pass over
    the rows per field)."""
    if not rows or ids.size == 0:
        return EMPTY, [()] * (width - 1)
    doc_id, *fields = zip(*rows, strict=False)  # (rows of one query: strict is slow)
    columns: list[Sequence[Any]] = list(fields)
    at = np.array(doc_id, dtype=np.int64)
    doc = np.minimum(np.searchsorted(ids, at), ids.size - 1)
    ok = ids[doc] == at
    if ok.all():
        return doc, columns
    keep = np.flatnonzero(ok).tolist()
    return doc[ok], [[column[i] for i in keep] for column in columns]


class _Events(NamedTuple):
    """A chunk's event rows as columns: document index, uuid, type, trigger, deleted."""

    doc: IntArray
    uuid: Sequence[Any]
    type: Sequence[Any]
    trigger: Sequence[Any]
    deleted: BoolArray | None


class _Arguments(NamedTuple):
    """A chunk's argument rows as columns: document index, event, role, target."""

    doc: IntArray
    event: Sequence[Any]
    role: Sequence[Any]
    target: Sequence[Any]


def _event_columns(
    ids: IntArray, events: list[tuple[Any, ...]], arguments: list[tuple[Any, ...]]
) -> tuple[_Events, _Arguments]:
    """Event rows ``(doc_id, uuid, type, trigger, deleted)`` and argument rows ``(doc_id,
    event, role, target)`` of the documents ``ids`` as columns."""
    e_doc, (uuid, kind, trigger, deleted) = _known_columns(ids, events, 5)
    a_doc, (event, role, target) = _known_columns(ids, arguments, 4)
    gone = np.array(deleted, dtype=bool)
    return (
        _Events(e_doc, uuid, kind, trigger, gone if gone.any() else None),
        _Arguments(a_doc, event, role, target),
    )


def _lookup(index: dict[str, int], keys: Sequence[Any]) -> IntArray:
    """``index[key]`` of each of ``keys`` (``_Index``: -1 for a key not there)."""
    return np.fromiter(map(index.__getitem__, keys), dtype=np.int64, count=len(keys))


def outline_layer(
    ids: IntArray,
    spans: list[tuple[Any, ...]],
    events: list[tuple[Any, ...]],
    arguments: list[tuple[Any, ...]],
    wanted: set[str] | None,
    book: Book,
) -> Layer:
    """A layer from the rows ``Project.outline_blocks`` gives (spans ``(doc_id, uuid, start,
    end, label, fragments)``, events ``(doc_id, uuid, type, trigger, deleted)``, arguments
    ``(doc_id, event, role, target)``, all live, for the documents ``ids`` of the chunk), events and
    arguments resolved as ``measures._code_layer`` does: a trigger is a live span of the
    event's document, a target a live span of the argument's document, else the trigger of an
    event there."""
    n_docs = ids.size
    present = np.zeros(n_docs, dtype=bool)
    s_doc, (s_uuid, s_start, s_end, s_label, s_frags) = _known_columns(ids, spans, 6)
    n = s_doc.size
    start = np.array(s_start, dtype=np.int64) if n else EMPTY
    end = np.array(s_end, dtype=np.int64) if n else EMPTY
    label = book.array(s_label, n)
    present[s_doc] = True
    kept = None if wanted is None else np.fromiter((x in wanted for x in s_label), bool, count=n)
    span_cols, pieces = _continuous(s_doc, start, end, label, s_frags, kept)
    ev, args = _event_columns(ids, events, arguments)
    if not ev.doc.size:
        return Layer(present, span_cols, _columns(), Arguments(*(EMPTY,) * 7), None, pieces)
    span_at = _Index(zip(s_uuid, range(n), strict=True))
    trig, target = _lookup(span_at, ev.trigger), _lookup(span_at, args.target)
    layer = _with_events(
        present, span_cols, (s_doc, start, end, label), ev, trig, args, target, book
    )
    layer.pieces = pieces
    return layer


def _continuous(
    doc: IntArray,
    start: IntArray,
    end: IntArray,
    label: IntArray,
    fragments: Sequence[Any],
    kept: BoolArray | None,
    first: int = 0,
) -> tuple[Columns, list[Piece]]:
    """The measured spans (``kept``; None: all) as columns of the continuous ones and a
    list of the discontinuous ones (``fragments``: as stored, those of the rows from
    ``first`` on; the rows before are continuous)."""
    pieces, continuous = _pieces_at(doc, label, fragments, start, end, first)
    if continuous is not None:
        if kept is not None:
            pieces = [p for p, i in zip(pieces, _discontinuous(continuous), strict=True) if kept[i]]
            kept = kept & continuous
        else:
            kept = continuous
    if kept is None:
        return (doc, start, end, label), pieces
    return (doc[kept], start[kept], end[kept], label[kept]), pieces


def _discontinuous(continuous: BoolArray) -> list[int]:
    found: list[int] = np.flatnonzero(~continuous).tolist()
    return found


def _with_events(
    present: BoolArray,
    span_cols: Columns,
    spans: tuple[IntArray, IntArray, IntArray, IntArray],
    events: _Events,
    trig: IntArray,
    arguments: _Arguments,
    target: IntArray,
    book: Book,
) -> Layer:
    """The layer with its events resolved: ``spans`` (document index, start, end, label
    code) are all the live spans of the chunk's layer, ``events`` its events (at least one),
    ``trig`` the index in ``spans`` of each event's trigger (-1: none), ``arguments`` its
    arguments and ``target`` the index in ``spans`` of each argument's target (-1: none).
    An event whose trigger span is labelled otherwise than its type
    (``rules.trigger_label_problem``, compared here as codes of the same book) is no event,
    as in the exports (``standoff.mislabelled_events``) and ``measures._coded``: left out
    with its arguments and the arguments it fills."""
    s_doc, start, end, s_label = spans
    m = events.doc.size
    e_doc = events.doc
    present[e_doc] = True
    e_kind = book.array(events.type, m)
    mislabelled = np.zeros(m, dtype=bool)
    has = np.flatnonzero(trig >= 0)
    mislabelled[has] = s_label[trig[has]] != e_kind[has]
    found = (trig >= 0) & ~mislabelled
    if events.deleted is not None:
        found &= ~events.deleted
    found[found] = s_doc[trig[found]] == e_doc[found]
    triggers = (e_doc[found], start[trig[found]], end[trig[found]], e_kind[found])
    k = arguments.doc.size
    if not k:
        return Layer(present, span_cols, triggers, Arguments(*(EMPTY,) * 7))
    # a target may be the trigger of an event of the document, deleted or not
    resolved = (trig >= 0) & ~mislabelled  # (no live span in these documents: none resolves)
    resolved[resolved] = s_doc[trig[resolved]] == e_doc[resolved]
    event_at = _Index(zip(events.uuid, range(m), strict=True))
    a_doc, a_target = arguments.doc, arguments.target
    ev = _lookup(event_at, arguments.event)
    ok = ev >= 0
    ok[ok] = found[ev[ok]] & (e_doc[ev[ok]] == a_doc[ok])
    is_span = target >= 0
    is_span[is_span] = s_doc[target[is_span]] == a_doc[is_span]
    as_event = np.full(k, -1, dtype=np.int64)  # looked up where the target is no span there
    other = np.flatnonzero(~is_span).tolist()
    if other:
        as_event[other] = _lookup(event_at, [a_target[i] for i in other])
    is_event = ~is_span & (as_event >= 0)
    is_event[is_event] = resolved[as_event[is_event]] & (
        e_doc[as_event[is_event]] == a_doc[is_event]
    )
    ok &= is_span | is_event
    where = np.where(is_span, target, trig[np.maximum(as_event, 0)])[ok]
    ev = ev[ok]
    kinds = e_kind[ev]
    # one code per (type, role): that of the ``type/role`` key
    roles = _Codes()
    role = np.fromiter(map(roles.__getitem__, arguments.role), dtype=np.int64, count=k)[ok]
    width = max(len(roles), 1)
    pairs, inverse = np.unique(kinds * width + role, return_inverse=True)
    names, role_names = book.names, list(roles)
    keys = np.array(
        [
            book.code(f"{names[p // width]}{ROLE_SEPARATOR}{role_names[p % width]}")
            for p in pairs.tolist()
        ],
        dtype=np.int64,
    )
    role_keys = keys[inverse.reshape(-1)] if keys.size else EMPTY
    args = Arguments(
        e_doc[ev], start[trig[ev]], end[trig[ev]], kinds, role_keys, start[where], end[where]
    )
    return Layer(present, span_cols, triggers, args)


def _packed_spans(
    rows: list[tuple[Any, ...]], ids: IntArray, labels: Sequence[str], book: Book
) -> tuple[list[str], IntArray, IntArray, IntArray, IntArray, IntArray, list[int]]:
    """(uuids, document index, start, end, label code, code in ``labels``) of the packed
    spans of ``rows`` (``Store.packed_span_blocks``), and the documents whose row does not
    serve (an odd span; a uuid that is not text, is empty or holds a comma): their spans are
    read as rows."""
    if not rows:
        return [], EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, []
    d_id, count, uuids, packed = zip(*rows, strict=False)
    counts = np.array(count, dtype=np.int64)
    doc_ids = np.array(d_id, dtype=np.int64)
    val = np.fromstring(",".join(packed), dtype=np.int64, sep=",")
    total = int(counts.sum())
    if val.size != total:
        raise ValueError("packed span rows do not add up")
    # every document's uuids split into at least as many parts as it has spans, so all the
    # documents' parts add up to ``total`` only when each splits into its own count
    names = ",".join(uuids).split(",")
    odd: list[int] = []
    if len(names) != total or "" in names or (val < 0).any():
        parts = [u.split(",") for u in uuids]
        whole = np.fromiter(map(len, parts), dtype=np.int64, count=len(parts)) == counts
        whole &= np.fromiter(("" not in p for p in parts), dtype=bool, count=len(parts))
        odd_at = np.flatnonzero(val < 0)
        if odd_at.size:
            whole[np.searchsorted(np.cumsum(counts), odd_at, side="right")] = False
        odd = doc_ids[~whole].tolist()
        val = val[np.repeat(whole, counts)]
        parts = [p for p, w in zip(parts, whole.tolist(), strict=True) if w]
        counts, doc_ids = counts[whole], doc_ids[whole]
        names = list(itertools.chain.from_iterable(parts))
    code = val & 255
    table = np.zeros(len(labels), dtype=np.int64)
    seen = np.flatnonzero(np.bincount(code, minlength=len(labels))).tolist()
    new = [c for c in seen if labels[c] not in book.codes]
    if len(new) > 1:  # book codes in the order met, as the rows'
        new.sort(key=lambda c: int(np.argmax(code == c)))
    for c in new:
        book.code(labels[c])
    for c in seen:
        table[c] = book.codes[labels[c]]
    s_doc = np.repeat(np.searchsorted(ids, doc_ids), counts)
    return names, s_doc, val >> 32, (val >> 8) & 0xFFFFFF, table[code], code, odd


def packed_layer(
    ids: IntArray,
    spans: list[tuple[Any, ...]],
    odd: Callable[[Sequence[int]], list[tuple[Any, ...]]],
    events: list[tuple[Any, ...]],
    arguments: list[tuple[Any, ...]],
    labels: Sequence[str],
    wanted: set[str] | None,
    book: Book,
) -> Layer:
    """``outline_layer`` from the rows ``Project.packed_outline_blocks`` gives: spans packed
    a document a row (``Store.packed_span_blocks``; the spans of documents whose row does
    not serve read as rows through ``odd``), events and arguments as ``outline_layer`` takes
    them. The same layer: events resolved by ``outline_layer``'s rules, over the same spans
    in the same order."""
    n_docs = ids.size
    present = np.zeros(n_docs, dtype=bool)
    s_uuid, s_doc, start, end, label, code, strange = _packed_spans(
        _known(ids, spans), ids, labels, book
    )
    kept = None if wanted is None else np.array([x in wanted for x in labels], dtype=bool)[code]
    first, o_frags = s_doc.size, cast(Sequence[Any], ())
    if strange:
        o_doc, (o_uuid, o_start, o_end, o_label, o_frags) = _known_columns(ids, odd(strange), 6)
        n = o_doc.size
        s_uuid += o_uuid
        s_doc = np.concatenate((s_doc, o_doc))
        start = np.concatenate((start, np.array(o_start, dtype=np.int64)))
        end = np.concatenate((end, np.array(o_end, dtype=np.int64)))
        label = np.concatenate((label, book.array(o_label, n)))
        if wanted is not None and kept is not None:
            o_kept = np.fromiter((x in wanted for x in o_label), dtype=bool, count=n)
            kept = np.concatenate((kept, o_kept))
    present[s_doc] = True
    span_cols, pieces = _continuous(s_doc, start, end, label, o_frags, kept, first)
    ev, args = _event_columns(ids, events, arguments)
    if not ev.doc.size:
        return Layer(present, span_cols, _columns(), Arguments(*(EMPTY,) * 7), None, pieces)
    span_at = _Index(zip(s_uuid, range(len(s_uuid)), strict=True))
    trig, target = _lookup(span_at, ev.trigger), _lookup(span_at, args.target)
    layer = _with_events(
        present, span_cols, (s_doc, start, end, label), ev, trig, args, target, book
    )
    layer.pieces = pieces
    return layer


# -- tokens -----------------------------------------------------------------------------------


class Tokens(NamedTuple):
    """The tokens of a chunk's documents: how many each document has, and for the tokens some
    span covers, their document and each layer's label code (``OUTSIDE``'s where none of its
    spans covers the token)."""

    per_doc: IntArray
    doc: IntArray
    labels: dict[str, IntArray]


def chunk_tokens(
    chunk: Chunk, book: Book, ranks: IntArray, names: Sequence[str] | None = None
) -> Tokens:
    """``tokenize`` and ``token_labels`` of every document of the chunk at once: tokens cut
    at every span boundary of the layers ``names`` (all the chunk's when None), labelled by
    the outermost span (longest, then earliest, then the label first in sort order). A
    pair's tokens are cut at the two layers' boundaries only, so its figures do not depend
    on who else is measured (docs/design/formats.md C.3)."""
    lengths = chunk.lengths
    begins = np.cumsum(lengths) - lengths
    layers = (
        chunk.layers if names is None else {n: chunk.layers[n] for n in names if n in chunk.layers}
    )
    units = {name: unit_columns(lay.spans, lay.pieces) for name, lay in layers.items()}
    cuts = []
    for doc, start, end, _ in units.values():
        for x in (start, end):
            inside = (x >= 0) & (x < lengths[doc])
            cuts.append(begins[doc[inside]] + x[inside])
    starts = token_starts("".join(chunk.texts), begins, np.concatenate(cuts) if cuts else EMPTY)
    count = np.searchsorted(starts, begins + lengths) - np.searchsorted(starts, begins)
    best: dict[str, tuple[IntArray, IntArray]] = {}
    for name, (doc, start, end, label) in units.items():
        n = lengths[doc]
        lo = np.searchsorted(starts, begins[doc] + np.clip(start, 0, n))
        hi = np.searchsorted(starts, begins[doc] + np.clip(end, 0, n))
        many = np.maximum(hi - lo, 0)
        total = int(many.sum())
        which = np.repeat(np.arange(doc.size), many)
        token = lo[which] + (np.arange(total) - np.repeat(np.cumsum(many) - many, many))
        s, e, lab = start[which], end[which], label[which]
        order = sort_order(token, s - e, s, ranks[lab])
        token, lab = token[order], lab[order]
        first = np.ones(token.size, dtype=bool)
        first[1:] = token[1:] != token[:-1]
        best[name] = (token[first], lab[first])
    marked = np.zeros(starts.size, dtype=bool)
    for token, _ in best.values():
        marked[token] = True
    covered = np.flatnonzero(marked)
    outside = book.code(OUTSIDE)
    labels = {}
    for name, (token, lab) in best.items():
        column = np.full(covered.size, outside, dtype=np.int64)
        column[np.searchsorted(covered, token)] = lab
        labels[name] = column
    doc_of = np.searchsorted(begins, starts[covered], side="right") - 1
    return Tokens(count, doc_of, labels)


# -- counts -----------------------------------------------------------------------------------


class LabelCounts:
    """TP, |A| and |B| per label code, added up over chunks."""

    def __init__(self) -> None:
        self.counts = np.zeros((3, 0), dtype=np.int64)

    def add(self, by_label: GroupCounts, n_labels: int) -> None:
        found = np.stack([c.reshape(-1, n_labels).sum(axis=0) for c in by_label])
        if found.shape[1] > self.counts.shape[1]:
            grown = np.zeros((3, found.shape[1]), dtype=np.int64)
            grown[:, : self.counts.shape[1]] = self.counts
            self.counts = grown
        self.counts[:, : found.shape[1]] += found

    def merge(self, other: LabelCounts, code: IntArray) -> None:
        """Add ``other``'s counts, whose label ``i`` is this one's ``code[i]``."""
        width = other.counts.shape[1]
        if width == 0:
            return
        mine = code[:width]
        top = int(mine.max()) + 1
        if top > self.counts.shape[1]:
            grown = np.zeros((3, top), dtype=np.int64)
            grown[:, : self.counts.shape[1]] = self.counts
            self.counts = grown
        self.counts[:, mine] += other.counts  # (codes are distinct: no sum is lost)

    def scores(self, names: Sequence[str], boundary: PRF | None) -> Scores:
        n_a, n_b, tp = (c.tolist() for c in self.counts)
        per_label = {
            names[i]: PRF(tp[i], n_a[i], n_b[i])
            for i in sorted(range(len(tp)), key=names.__getitem__)
            if n_a[i] or n_b[i]
        }
        micro = PRF(sum(tp), sum(n_a), sum(n_b))
        return Scores(micro, per_label, boundary)


def _take(cols: Columns, mask: BoolArray, remap: IntArray) -> Columns:
    doc, start, end, label = cols
    keep = mask[doc]
    return remap[doc[keep]], start[keep], end[keep], label[keep]


def _kappas(
    n: IntArray, doc: IntArray, la: IntArray, lb: IntArray, outside: int, width: int
) -> list[float | None]:
    """``kappa_from_pairs`` of each document: ``n`` tokens, of which the listed ones (document,
    label of A, of B) are covered by some span and the rest are (O, O)."""
    docs = n.size
    rest = n - np.bincount(doc, minlength=docs)
    count_a = np.bincount(doc * width + la, minlength=docs * width).reshape(docs, width)
    count_b = np.bincount(doc * width + lb, minlength=docs * width).reshape(docs, width)
    count_a[:, outside] += rest
    count_b[:, outside] += rest
    agree = np.bincount(doc[la == lb], minlength=docs) + rest
    chance = (count_a * count_b).sum(axis=1)
    out: list[float | None] = []
    # as kappa_from_pairs: p_e = sum / n², p_o = agree / n, exact while n² < 2**53
    safe = n * n < 2**53
    with np.errstate(divide="ignore", invalid="ignore"):
        p_e = chance / (n * n)
        kappa = (agree / n - p_e) / (1.0 - p_e)
    for i, (m, pe, k, ok) in enumerate(
        zip(n.tolist(), p_e.tolist(), kappa.tolist(), safe.tolist(), strict=True)
    ):
        if m == 0:
            out.append(None)
        elif not ok:
            mine = doc == i
            pairs = Counter(zip(la[mine].tolist(), lb[mine].tolist(), strict=True))
            pairs[outside, outside] += int(rest[i])
            out.append(kappa_from_pairs(pairs))
        else:
            out.append(None if pe >= 1.0 else k)
    return out


EVENT_MEASURES = (
    "trigger_identification",
    "trigger_classification",
    "argument_identification",
    "argument_classification",
    "argument_identification_attached",
    "argument_classification_attached",
    "argument_identification_overlap",
    "argument_classification_overlap",
)


def _attached_groups(a: Arguments, b: Arguments) -> tuple[IntArray, IntArray]:
    """One code per (document, trigger start, trigger end) over both sides."""
    width = int(max([1, *(int(x.max()) + 1 for x in (a.trigger_end, b.trigger_end) if x.size)]))
    keys = np.concatenate(
        [(x.doc * width + x.trigger_start) * width + x.trigger_end for x in (a, b)]
    )
    _, inverse = np.unique(keys, return_inverse=True)
    inverse = inverse.reshape(-1)
    return inverse[: a.doc.size], inverse[a.doc.size :]


Shape = tuple[Fragments, int]
"""a span as the pair's matching sees it in a document with a discontinuous span: its
fragments (one for a continuous span) and label code"""


def _split_off(
    sa: Columns, sb: Columns, pa: list[Piece], pb: list[Piece]
) -> tuple[Columns, Columns, dict[int, tuple[list[Shape], list[Shape]]]]:
    """The spans of the documents where either side has a discontinuous span, taken out of
    ``sa`` and ``sb`` into shapes per document (each side a set, sorted)."""
    docs = sorted({d for d, _, _ in pa} | {d for d, _, _ in pb})
    at = np.array(docs, dtype=np.int64)
    odd: dict[int, tuple[list[Shape], list[Shape]]] = {}
    out = []
    for cols, pieces, side in ((sa, pa, 0), (sb, pb, 1)):
        doc, start, end, label = cols
        hit = contains_sorted(at, doc)
        found: dict[int, set[Shape]] = {d: set() for d in docs}
        for d, a, b, lab in zip(*(c[hit].tolist() for c in cols), strict=True):
            found[d].add((((a, b),), lab))
        for d, lab, frags in pieces:
            found[d].add((frags, lab))
        for d in docs:
            odd.setdefault(d, ([], []))[side].extend(sorted(found[d]))
        keep = ~hit
        out.append((doc[keep], start[keep], end[keep], label[keep]))
    return out[0], out[1], odd


def _share(x: Fragments, y: Fragments) -> bool:
    """Whether two spans' fragments share a character."""
    return any(a < d and c < b for a, b in x for c, d in y if a < b and c < d)


def _matching(left: Sequence[Fragments], right: Sequence[Fragments]) -> list[tuple[int, int]]:
    """A maximum one-to-one matching of ``left`` and ``right`` sharing a character (SciPy's
    ``maximum_bipartite_matching``: the few spans of a document with a discontinuous one)."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import maximum_bipartite_matching

    pairs = [(i, j) for i, x in enumerate(left) for j, y in enumerate(right) if _share(x, y)]
    if not pairs:
        return []
    rows, cols = zip(*pairs, strict=True)
    graph = csr_matrix(([1] * len(pairs), (rows, cols)), shape=(len(left), len(right)))
    mate = maximum_bipartite_matching(graph, perm_type="column")  # each left: its right, or -1
    return [(i, int(j)) for i, j in enumerate(mate) if j >= 0]


def _shape_counts(
    odd: dict[int, tuple[list[Shape], list[Shape]]],
    exact: GroupCounts,
    overlap: GroupCounts,
    width: int,
) -> tuple[PRF, PRF]:
    """Add the counts of the documents ``odd`` to ``exact`` and ``overlap`` (per document x
    label): a span equals only a span of the same fragments and label; two overlap when
    their fragments share a character. Returns the label-agnostic counts (exact, overlap)."""
    exact_boundary = overlap_boundary = PRF(0, 0, 0)
    for d, (left, right) in odd.items():
        for counts, mode in ((exact, "exact"), (overlap, "overlap")):
            n_a, n_b, tp = counts.n_a, counts.n_b, counts.tp
            for _, lab in left:
                n_a[d * width + lab] += 1
            for _, lab in right:
                n_b[d * width + lab] += 1
            for lab in {lab for _, lab in left} & {lab for _, lab in right}:
                xs = [f for f, k in left if k == lab]
                ys = [f for f, k in right if k == lab]
                tp[d * width + lab] += (
                    len(set(xs) & set(ys)) if mode == "exact" else len(_matching(xs, ys))
                )
        xs = sorted({f for f, _ in left})
        ys = sorted({f for f, _ in right})
        exact_boundary += PRF(len(set(xs) & set(ys)), len(xs), len(ys))
        overlap_boundary += PRF(len(_matching(xs, ys)), len(xs), len(ys))
    return exact_boundary, overlap_boundary


def _shape_confusion(left: list[Shape], right: list[Shape]) -> list[tuple[int, int]]:
    """The overlap confusion of one document's shapes (``confusion_matrix(..., "overlap")``):
    same-label matches first, then the rest matched regardless of label; left over against
    -1 (no span)."""
    found: list[tuple[int, int]] = []
    used_l: set[int] = set()
    used_r: set[int] = set()
    for lab in sorted({k for _, k in left} & {k for _, k in right}):
        li = [i for i, (_, k) in enumerate(left) if k == lab]
        ri = [j for j, (_, k) in enumerate(right) if k == lab]
        for i, j in _matching([left[i][0] for i in li], [right[j][0] for j in ri]):
            used_l.add(li[i])
            used_r.add(ri[j])
            found.append((lab, lab))
    li = [i for i in range(len(left)) if i not in used_l]
    ri = [j for j in range(len(right)) if j not in used_r]
    for i, j in _matching([left[i][0] for i in li], [right[j][0] for j in ri]):
        used_l.add(li[i])
        used_r.add(ri[j])
        found.append((left[li[i]][1], right[ri[j]][1]))
    found += [(left[i][1], -1) for i in range(len(left)) if i not in used_l]
    found += [(-1, right[j][1]) for j in range(len(right)) if j not in used_r]
    return found


class PairCounts:
    """What a pair's measures add up over the documents both annotators have."""

    def __init__(self, a: str, b: str) -> None:
        self.a, self.b = a, b
        self.exact, self.overlap = LabelCounts(), LabelCounts()
        self.exact_boundary = self.overlap_boundary = PRF(0, 0, 0)
        self.events = {m: LabelCounts() for m in EVENT_MEASURES}
        self.trigger_boundary = PRF(0, 0, 0)
        self.confusion: Counter[tuple[int, int]] = Counter()  # codes; -1: no span
        self.tokens: Counter[tuple[int, int]] = Counter()
        self.alpha_u = UnitizingCounts([a, b])
        self._rows: list[tuple[list[Hashable], list[str], IntArray, list[float | None]]] = []
        """per chunk: the shared documents' ids and names, their TP, |A| and |B| exact and
        overlapping (six rows), and their kappas"""

    def merge(self, other: PairCounts, code: IntArray) -> None:
        """Add the counts of the same pair over other documents, whose label ``i`` is this
        one's ``code[i]`` (``parallel``)."""
        self.exact.merge(other.exact, code)
        self.overlap.merge(other.overlap, code)
        self.exact_boundary += other.exact_boundary
        self.overlap_boundary += other.overlap_boundary
        for measure in EVENT_MEASURES:
            self.events[measure].merge(other.events[measure], code)
        self.trigger_boundary += other.trigger_boundary
        to = code.tolist()
        for (x, y), t in other.confusion.items():
            self.confusion[to[x] if x >= 0 else -1, to[y] if y >= 0 else -1] += t
        for (x, y), t in other.tokens.items():
            self.tokens[to[x], to[y]] += t
        self.alpha_u.merge(other.alpha_u)
        self._rows.extend(other._rows)

    def rows(self) -> Iterator[tuple[Hashable, str, PRF, PRF, float | None]]:
        """Per document both have, in the order counted: id, name, the exact and the
        overlapping span counts, token kappa."""
        for ids, names, counts, kappas in self._rows:
            et, ea, eb, ot, oa, ob = counts.tolist()
            exact, overlap = map(PRF, et, ea, eb), map(PRF, ot, oa, ob)
            yield from zip(ids, names, exact, overlap, kappas, strict=True)

    def add(self, chunk: Chunk, tokens: Tokens, book: Book, ranks: IntArray) -> None:
        x, y = chunk.layers.get(self.a), chunk.layers.get(self.b)
        if x is None or y is None:
            return
        both = x.present & y.present
        shared = np.flatnonzero(both)
        n = shared.size
        if n == 0:
            return
        remap = np.cumsum(both) - 1
        width = len(book.codes)
        sa, sb = _take(x.spans, both, remap), _take(y.spans, both, remap)
        pa, pb = _take_pieces(x.pieces, both, remap), _take_pieces(y.pieces, both, remap)
        units_a, units_b = unit_columns(sa, pa), unit_columns(sb, pb)
        odd: dict[int, tuple[list[Shape], list[Shape]]] = {}
        if pa or pb:  # documents with a discontinuous span: their spans matched here
            sa, sb, odd = _split_off(sa, sb, pa, pb)
        (exact, exact_boundary), (overlap, overlap_boundary) = column_counts_both(sa, sb, n, width)
        extra = _shape_counts(odd, exact, overlap, width) if odd else None
        self.exact.add(exact, width)
        self.overlap.add(overlap, width)
        self.exact_boundary += exact_boundary.prf()
        self.overlap_boundary += overlap_boundary.prf()
        if extra is not None:
            self.exact_boundary += extra[0]
            self.overlap_boundary += extra[1]
        per_doc = np.stack(
            [c.reshape(n, width).sum(axis=1) for by_label in (exact, overlap) for c in by_label]
        )[[2, 0, 1, 5, 3, 4]]  # (TP, |A|, |B| of each)
        # tokens: the covered ones of the shared documents, the rest (O, O)
        outside = book.code(OUTSIDE)
        width = len(book.codes)
        mine = both[tokens.doc]
        t_doc = remap[tokens.doc[mine]]
        la = tokens.labels[self.a][mine] if self.a in tokens.labels else EMPTY
        lb = tokens.labels[self.b][mine] if self.b in tokens.labels else EMPTY
        if la.size != t_doc.size:
            la = np.full(t_doc.size, outside, dtype=np.int64)
        if lb.size != t_doc.size:
            lb = np.full(t_doc.size, outside, dtype=np.int64)
        n_tokens = tokens.per_doc[shared]
        kappas = _kappas(n_tokens, t_doc, la, lb, outside, width)
        pairs = np.bincount(la * width + lb, minlength=width * width)
        pairs[outside * width + outside] += int(n_tokens.sum()) - t_doc.size
        for code in np.flatnonzero(pairs).tolist():
            self.tokens[code // width, code % width] += int(pairs[code])
        names = x.names or chunk.names
        docs = shared.tolist()
        doc_ids = [chunk.ids[d] for d in docs]
        self._rows.append((doc_ids, [names[d] for d in docs], per_doc, kappas))
        # alpha-U: the characters inside fragments
        ua, ub = units_a, units_b
        units = UnitColumns(
            np.concatenate((np.zeros(ua[0].size, np.int64), np.ones(ub[0].size, np.int64))),
            np.concatenate((ua[0], ub[0])),
            np.concatenate((ua[1], ub[1])),
            np.concatenate((ua[2], ub[2])),
            np.concatenate((ua[3], ub[3])),
        )
        keys = list(map(document_order, doc_ids))
        self.alpha_u.add_many(keys, chunk.lengths[shared], units, book.names)
        # label confusion
        matrix = overlap_confusion(sa, sb, ranks, width).reshape(-1)
        for code in np.flatnonzero(matrix).tolist():
            row, col = divmod(code, width + 1)
            self.confusion[row if row < width else -1, col if col < width else -1] += int(
                matrix[code]
            )
        for left, right in odd.values():
            for pair in _shape_confusion(left, right):
                self.confusion[pair] += 1
        self._events(x, y, both, remap, n, width)

    def _events(
        self, x: Layer, y: Layer, both: BoolArray, remap: IntArray, n: int, width: int
    ) -> None:
        ta, tb = _take(x.triggers, both, remap), _take(y.triggers, both, remap)
        by_label, boundary = column_counts(ta, tb, n, width, "exact")
        self.events["trigger_classification"].add(by_label, width)
        self.trigger_boundary += boundary.prf()
        aa, ab = (Arguments(*(c[both[z.arguments.doc]] for c in z.arguments)) for z in (x, y))
        aa, ab = aa._replace(doc=remap[aa.doc]), ab._replace(doc=remap[ab.doc])
        ga, gb = _attached_groups(aa, ab)
        groups = int(max([n, *(int(g.max()) + 1 for g in (ga, gb) if g.size)]))
        for suffix, attached, mode in (
            ("", False, "exact"),
            ("_attached", True, "exact"),
            ("_overlap", False, "overlap"),
        ):
            da, db = (ga, gb) if attached else (aa.doc, ab.doc)
            for measure, role in (
                ("argument_identification", False),
                ("argument_classification", True),
            ):
                left = (da, aa.start, aa.end, aa.role if role else aa.type)
                right = (db, ab.start, ab.end, ab.role if role else ab.type)
                by_label = column_label_counts(left, right, groups, width, mode)  # type: ignore[arg-type]
                self.events[measure + suffix].add(by_label, width)


class AllCounts:
    """What the all-annotator coefficients add up over every document."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = list(names)
        self.units: Counter[tuple[int | None, ...]] = Counter()
        self.alpha_u = UnitizingCounts(self.names) if len(self.names) != 2 else None
        self.labels: set[int] = set()
        self.documents = 0

    def merge(self, other: AllCounts, code: IntArray) -> None:
        """Add the counts of other documents, whose label ``i`` is this one's ``code[i]``."""
        to = code.tolist()
        for unit, t in other.units.items():
            self.units[tuple(None if v is None else to[v] for v in unit)] += t
        self.labels.update(to[c] for c in other.labels)
        self.documents += other.documents
        if self.alpha_u is not None and other.alpha_u is not None:
            self.alpha_u.merge(other.alpha_u)

    def add(self, chunk: Chunk, tokens: Tokens, book: Book) -> None:
        n_docs = len(chunk.ids)
        self.documents += n_docs
        outside = book.code(OUTSIDE)
        for lay in chunk.layers.values():
            self.labels.update(np.flatnonzero(np.bincount(lay.spans[3])).tolist())
            self.labels.update(lab for _, lab, _ in lay.pieces)
        present = np.zeros((n_docs, len(self.names)), dtype=bool)
        for i, name in enumerate(self.names):
            if name in chunk.layers:
                present[:, i] = chunk.layers[name].present
        # covered tokens: each annotator's label, None where they lack the document
        none = len(book.codes)
        columns = []
        for i, name in enumerate(self.names):
            column = tokens.labels.get(name)
            if column is None:
                column = np.full(tokens.doc.size, outside, dtype=np.int64)
            columns.append(np.where(present[tokens.doc, i], column, none))
        if columns and tokens.doc.size:
            base = none + 1
            if base ** len(columns) < 2**62:  # one code per unit: unique of one column
                code = np.zeros(tokens.doc.size, dtype=np.int64)
                for column in reversed(columns):
                    code = code * base + column
                codes, times = distinct_counts(code)
                rows = [[c // base**i % base for i in range(len(columns))] for c in codes.tolist()]
            else:
                table, times = np.unique(np.stack(columns, axis=1), axis=0, return_counts=True)
                rows = table.tolist()
            for row, t in zip(rows, times.tolist(), strict=True):
                self.units[tuple(None if v == none else v for v in row)] += t
        # the tokens no span covers: O for each annotator who has the document
        rest = tokens.per_doc - np.bincount(tokens.doc, minlength=n_docs)
        for pattern in {tuple(p) for p in present.tolist()}:
            t = int(rest[(present == pattern).all(axis=1)].sum())
            if t:
                self.units[tuple(outside if p else None for p in pattern)] += t
        if self.alpha_u is not None:
            every: BoolArray = np.asarray(present.all(axis=1), dtype=bool)
            docs = np.flatnonzero(every)
            if docs.size:
                remap = np.cumsum(every) - 1
                parts = [
                    (i, _take(unit_columns(lay.spans, lay.pieces), every, remap))
                    for i, lay in enumerate(chunk.layers[name] for name in self.names)
                ]
                units = UnitColumns(
                    np.concatenate([np.full(p[0].size, i, np.int64) for i, p in parts]),
                    *(np.concatenate([p[k] for _, p in parts]) for k in range(4)),
                )
                keys = [document_order(chunk.ids[d]) for d in docs.tolist()]
                self.alpha_u.add_many(keys, chunk.lengths[docs], units, book.names)


def count_chunks(
    chunks: Iterator[Chunk], pairs: Sequence[PairCounts], together: AllCounts, book: Book
) -> Generator[int, None, None]:
    """Count each chunk into ``pairs`` and ``together``; yields the documents counted so far."""
    done = 0
    for chunk in chunks:
        ranks = book.ranks()
        tokens = chunk_tokens(chunk, book, ranks)
        ranks = book.ranks()  # OUTSIDE may be new
        for counts in pairs:
            # a pair's tokens are cut at its own two layers' span boundaries only
            own = tokens
            if any(n not in (counts.a, counts.b) and (lay.spans[0].size or lay.pieces)
                   for n, lay in chunk.layers.items()):  # fmt: skip
                own = chunk_tokens(chunk, book, ranks, (counts.a, counts.b))
            counts.add(chunk, own, book, ranks)
        together.add(chunk, tokens, book)
        done += len(chunk.ids)
        yield done


def chunked(items: Iterable[Any], weight: Any, limit: int) -> Iterator[list[Any]]:
    """``items`` in runs whose ``weight`` adds up to at least ``limit`` (the last may be less)."""
    run: list[Any] = []
    total = 0
    for item in items:
        run.append(item)
        total += weight(item)
        if total >= limit:
            yield run
            run, total = [], 0
    if run:
        yield run

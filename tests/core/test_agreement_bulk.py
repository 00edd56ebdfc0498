"""Agreement counted a chunk of documents at a time in NumPy (``annotator.agreement.bulk``,
issue 12) gives the figures of the plain per-document computation, on random layers
(hypothesis):

* the whole report equals the oracle (``agreement_oracle``: every layer in memory, measured
  document by document with the plain functions), whatever the chunk size, with nested,
  overlapping, duplicated, relabelled and deleted spans, events whose arguments point at
  spans or at other events, documents only some annotators have, and a label restriction;
* the overlap confusion over arrays equals ``confusion_matrix(a, b, "overlap")``;
* the token starts of many documents laid end to end are those of ``tokenize`` per document.
"""

from __future__ import annotations

import contextlib
import dataclasses
import sqlite3
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.agreement import agreement, project_layers
from annotator.agreement import measures as measures_module
from annotator.agreement.bulk import Book
from annotator.agreement.coefficients import token_starts, tokenize
from annotator.agreement.confusion import NO_LABEL, confusion_matrix
from annotator.agreement.confusion_columns import overlap_confusion
from annotator.agreement.spans import Columns, SpanKey
from annotator.exporting import layers as export_layers
from annotator.model import Argument, Document, DocumentAnnotations, Event, Span
from annotator.project import Project
from annotator.store import RecordTable
from tests.core.agreement_oracle import agreement as oracle
from tests.core.test_agreement_stream import _corpus, _store

LABELS = ("PER", "GPE", "ORG", "O", "B/C")
ROLES = ("Agent", "Place", "C")
TYPES = ("Attack", "Meet", "B")
ALPHABET = "اب تـ.،\u064e\u200c 1x-"


@st.composite
def layer(draw: st.DrawFn, doc: Document, who: str) -> DocumentAnnotations:
    n = len(doc.text)
    spans = []
    for k in range(draw(st.integers(0, 8))):
        start = draw(st.integers(0, max(n - 1, 0)))
        end = draw(st.integers(start + 1, n)) if n else 0
        if n == 0:
            break
        spans.append(
            Span(f"{who}{doc.id}s{k}", doc.id, who, start, end, draw(st.sampled_from(LABELS)),
                 "", deleted=draw(st.booleans()) and draw(st.booleans()))
        )  # fmt: skip
    events: list[Event] = []
    args: list[Argument] = []
    for k in range(draw(st.integers(0, 3)) if spans else 0):
        trigger = draw(st.sampled_from(spans)).uuid
        ev = Event(f"{who}{doc.id}e{k}", doc.id, who, draw(st.sampled_from(TYPES)), trigger,
                   deleted=draw(st.booleans()) and draw(st.booleans()))  # fmt: skip
        events.append(ev)
        for j in range(draw(st.integers(0, 3))):
            target = draw(st.sampled_from([s.uuid for s in spans] + [e.uuid for e in events]))
            args.append(Argument(f"{ev.uuid}a{j}", ev.uuid, doc.id, who,
                                 draw(st.sampled_from(ROLES)), target,
                                 deleted=draw(st.booleans()) and draw(st.booleans())))  # fmt: skip
    return DocumentAnnotations(doc, tuple(spans), tuple(events), tuple(args))


@st.composite
def corpora(draw: st.DrawFn) -> dict[str, list[DocumentAnnotations]]:
    names = draw(st.sampled_from([("a", "b"), ("a", "b", "c")]))
    out: dict[str, list[DocumentAnnotations]] = {n: [] for n in names}
    for doc_id in range(1, draw(st.integers(1, 12)) + 1):
        text = draw(st.text(alphabet=ALPHABET, max_size=40))
        doc = Document(doc_id, f"d{doc_id}", text, f"sha{doc_id}")
        for name in names:
            if draw(st.integers(0, 9)) < 8:
                out[name].append(draw(layer(doc, name)))
    return out


@settings(max_examples=100, deadline=None)
@given(corpora(), st.sampled_from([3, 40, 20_000]), st.booleans())
def test_bulk_agreement_equals_the_per_document_oracle(
    corpus: dict[str, list[DocumentAnnotations]], chunk: int, restrict: bool
) -> None:
    labels = ["PER", "O", "B/C"] if restrict else None
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(measures_module, "CHUNK_SPANS", chunk)
        got = agreement(corpus, labels=labels)
    want = oracle(corpus, labels=labels)
    if len(corpus) > 2 and want.alpha_nominal is not None:
        # fractions of matching: the oracle adds floats in document order, the count is exact
        assert got.alpha_nominal == pytest.approx(want.alpha_nominal, rel=1e-12, abs=1e-12)
        got = dataclasses.replace(got, alpha_nominal=None)
        want = dataclasses.replace(want, alpha_nominal=None)
    assert got == want


def _keys(data: st.DataObject, docs: int) -> list[SpanKey]:
    draw = data.draw
    out = []
    for _ in range(draw(st.integers(0, 14))):
        doc, start = draw(st.integers(0, docs - 1)), draw(st.integers(0, 20))
        end, label = draw(st.integers(start, start + 8)), draw(st.sampled_from(LABELS))
        out.append(SpanKey(doc, start, end, label))
    return out


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_overlap_confusion_over_arrays_equals_confusion_matrix(data: st.DataObject) -> None:
    docs = data.draw(st.integers(1, 3))
    a, b = _keys(data, docs), _keys(data, docs)
    book = Book()
    columns: list[Columns] = []
    for side in (a, b):
        doc, start, end = (np.array([k[i] for k in side], dtype=np.int64) for i in range(3))
        columns.append((doc, start, end, book.array((k.label for k in side), len(side))))
    counts = overlap_confusion(columns[0], columns[1], book.ranks(), len(book.codes))
    names = [*book.names, NO_LABEL]
    got = {
        (names[i], names[j]): int(counts[i, j])
        for i in range(len(names))
        for j in range(len(names))
        if counts[i, j]
    }
    assert got == confusion_matrix(a, b, "overlap").counts


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet=ALPHABET, max_size=25), st.data()), max_size=6))
def test_token_starts_of_documents_laid_end_to_end(docs: list[tuple[str, st.DataObject]]) -> None:
    texts, cuts, want, at = [], [], [], 0
    for text, data in docs:
        mine = data.draw(st.lists(st.integers(0, max(len(text) - 1, 0)), max_size=5))
        mine = [c for c in mine if c < len(text)]
        texts.append(text)
        cuts += [at + c for c in mine]
        want += [at + s for s, _ in tokenize(text, mine)]
        at += len(text)
    lengths = np.array([len(t) for t in texts], dtype=np.int64)
    begins = np.cumsum(lengths) - lengths
    got = token_starts("".join(texts), begins, np.array(cuts, dtype=np.int64))
    assert got.tolist() == want


def test_rows_of_a_document_missing_from_the_project_are_left_out(tmp_path: Path) -> None:
    """A hostile file may hold a span of no document (SQLite checks foreign keys only when
    asked): it is left out, as reading the layers a document at a time leaves it out."""
    path = tmp_path / "orphan.annotator"
    names = ("a", "b")
    with Project.create(path) as p:
        _store(p, _corpus(3, names, 9))
        want = agreement(project_layers(p, names), names)
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        columns = [r[1] for r in conn.execute("PRAGMA table_info(spans)")]
        row = list(conn.execute("SELECT * FROM spans WHERE annotator = 'a' LIMIT 1").fetchone())
        row[columns.index("uuid")] = "00000000-0000-4000-8000-000000000001"
        row[columns.index("doc_id")] = 4  # between documents 3 and 5 of the chunk
        conn.execute("DELETE FROM documents WHERE id = 4")
        conn.execute(f"INSERT INTO spans VALUES ({', '.join('?' for _ in row)})", row)
    with Project.open(path, read_only=True) as p:
        read = {n: [da for da, _, _ in export_layers(p, n) if da.spans or da.events]
                for n in names}  # fmt: skip
        got = agreement(project_layers(p, names), names)
    assert got == oracle(read, names)
    assert got.documents == want.documents - 1


def test_events_of_documents_with_no_live_span_in_a_chunk(tmp_path: Path) -> None:
    """A chunk (or a range of documents, ``parallel``) whose documents hold events but no
    live span (the triggers deleted) resolves none of them, as the oracle does (it raised an
    IndexError)."""
    doc = Document(1, "d1", "كلمة كلمة", "sha1")
    a = DocumentAnnotations(
        doc,
        (Span("as", 1, "a", 0, 4, "PER", "", deleted=True),),
        (Event("ae", 1, "a", "Meet", "as"),),
        (Argument("aa", "ae", 1, "a", "Agent", "ae"),),
    )
    b = DocumentAnnotations(doc, (Span("bs", 1, "b", 5, 9, "GPE", ""),), (), ())
    corpus = {"a": [a], "b": [b]}
    with Project.create(tmp_path / "p.annotator") as p:
        _store(p, corpus)
        got = agreement(project_layers(p, ["a", "b"]), ["a", "b"])
    assert got == oracle(corpus, ["a", "b"])


@pytest.mark.parametrize("seed", range(3))
def test_spans_packed_a_document_a_row_give_the_plain_rows_figures(
    tmp_path: Path, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A project's spans are read a document a row, packed (``Store.packed_span_blocks``);
    a document holding a span that cannot be packed (a uuid with a comma, NULL or a blob, an
    offset that is a real: a damaged or hostile file) is read as plain rows. Either way the
    figures are those of reading every span as a plain row (``Project.outline_blocks``), and
    events still find the spans they point at by uuid."""
    names = ("a", "b", "c")
    path = tmp_path / "packed.annotator"
    with Project.create(path) as p:
        _store(p, _corpus(seed, names, 17))
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        rows = conn.execute("SELECT rowid, uuid FROM spans WHERE deleted = 0").fetchall()
        for k, (rowid, uuid) in enumerate(rows[::5]):
            new: object = (f"{uuid},x", None, uuid.encode())[k % 3]
            conn.execute("UPDATE spans SET uuid = ? WHERE rowid = ?", [new, rowid])
            if new is not None:  # (a NULL uuid is found by no event)
                conn.execute("UPDATE events SET trigger = ? WHERE trigger = ?", [new, uuid])
                conn.execute("UPDATE arguments SET target = ? WHERE target = ?", [new, uuid])
        conn.execute("UPDATE spans SET start = start + 0.5 WHERE rowid % 7 = 3")
    monkeypatch.setattr(measures_module, "CHUNK_SPANS", 40)
    odd: list[Any] = []
    read_odd = RecordTable.odd_spans

    def logged(table: RecordTable[Any], *args: Any) -> list[tuple[Any, ...]]:
        odd.append(args)
        return read_odd(table, *args)

    monkeypatch.setattr(RecordTable, "odd_spans", logged)
    for labels in (None, ["PER", "GPE"]):
        with Project.open(path, read_only=True) as p:
            got = agreement(project_layers(p, names), names, labels=labels)
            assert odd  # (the damaged documents were read as rows)
            with pytest.MonkeyPatch.context() as mp:
                mp.setattr(Project, "packed_outline_blocks", lambda *_a, **_k: None)
                want = agreement(project_layers(p, names), names, labels=labels)
        assert got == want
        assert got.to_json() == want.to_json()


def test_a_file_without_the_index_of_labels_is_read_as_plain_rows(tmp_path: Path) -> None:
    """The labels' codes come from the ``spans_label`` index; without it (a file made by
    another tool) the spans are read as plain rows, with the same figures."""
    names = ("a", "b")
    path = tmp_path / "plain.annotator"
    with Project.create(path) as p:
        _store(p, _corpus(1, names, 9))
        want = agreement(project_layers(p, names), names)
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("DROP INDEX spans_label")
    with Project.open(path, read_only=True) as p:
        assert p.packed_outline_blocks(names) is None
        assert agreement(project_layers(p, names), names) == want

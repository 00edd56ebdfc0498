"""A streamed import checks its documents against a snapshot of the project before the write
lock, and under the lock only confirms that the project still answers what the snapshot read
(ADR 0008).

Each part is turned into rows before the lock, against the project as it was then (its
stored texts, the record ids already taken, the layers a part adds to, the schema). Under the
lock the import re-reads exactly those answers: when they are unchanged it writes the rows
without checking the documents again; when another connection changed one of them meanwhile
(or a part repeats a text an earlier part adds) it checks that part and every later one again
under the lock, as before, so the outcome is the one the full check gives."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from annotator import importing
from annotator.errors import ImportFormatError
from annotator.formats.jsonl import read_jsonl
from annotator.importing import CHUNK_DOCUMENTS, ImportReport, import_documents, stream_files
from annotator.project import Project

DOCS = 2 * CHUNK_DOCUMENTS + 3
"""three parts"""
LATE = CHUNK_DOCUMENTS + 7
"""a document of the second part"""


def text_of(i: int) -> str:
    return f"وزير الدفاع جان في باريس رقم {i}"


def write_input(path: Path, docs: int = DOCS, repeat: dict[int, int] | None = None) -> Path:
    """``docs`` documents, each with a PER span on its first word (no id: a stored span at
    the same place and label is the same span); ``repeat``: document -> the earlier
    document whose text it repeats."""
    with path.open("w", encoding="utf-8") as fh:
        for i in range(docs):
            text = text_of((repeat or {}).get(i, i))
            row = {"text": text, "name": f"d{i}",
                   "spans": [{"start": 0, "end": 4, "label": "PER", "note": "file"}]}  # fmt: skip
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def make(path: Path) -> Path:
    with Project.create(path) as p:
        p.add_document("نص قديم", name="old")
    return path


def stored(p: Project) -> tuple[object, ...]:
    """What a project holds, ids aside (fresh ones differ from run to run)."""
    return (
        [(d.id, d.name, d.sha256) for d in p.documents()],
        sorted((s.doc_id, s.start, s.end, s.label, s.annotator, s.note) for s in p.spans()),
        p.schema,
    )


def counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the calls of ``importing._import_one`` (one per document checked)."""
    calls: list[int] = []
    real = importing._import_one

    def one(*args: Any, **kwargs: Any) -> None:
        calls.append(1)
        real(*args, **kwargs)

    monkeypatch.setattr(importing, "_import_one", one)
    return calls


def before_the_lock(monkeypatch: pytest.MonkeyPatch, write: Callable[[], None]) -> None:
    """Run ``write`` between the check ahead and the write transaction (when the import
    looks at its files' stamps)."""
    real = importing._unchanged_or_raise

    def then(files: Any) -> None:
        write()
        real(files)

    monkeypatch.setattr(importing, "_unchanged_or_raise", then)


def full_check(tmp_path: Path, src: Path, first: Callable[[Project], object]) -> tuple[Any, ...]:
    """What the import checked wholly under the lock gives (the list import: its records are
    checked inside its transaction only) on a project where ``first`` was done before."""
    path = make(tmp_path / "reference.annotator")
    with Project.open(path) as p:
        first(p)
        report = import_documents(p, read_jsonl(src), annotator="amal")
        return report.lines(), stored(p)


def imported(path: Path, src: Path) -> tuple[ImportReport, tuple[object, ...]]:
    with Project.open(path) as p:
        report = import_documents(p, stream_files([src]), annotator="amal")
        return report, stored(p)


def test_unchanged_project_each_document_is_checked_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = write_input(tmp_path / "in.jsonl")
    calls = counted(monkeypatch)
    path = make(tmp_path / "p.annotator")
    with Project.open(path) as p:
        sql: list[str] = []
        p.trace_sql(sql.append)
        report = import_documents(p, stream_files([src]), annotator="amal")
        p.trace_sql(None)
        got = report.lines(), stored(p)
    assert len(calls) == DOCS  # before the lock only, not again under it
    assert report.documents_added == DOCS and report.spans == DOCS
    # under the lock: the snapshot's answers read again, then the rows written
    locked = sql[sql.index("BEGIN IMMEDIATE") :]
    assert sum("FROM documents WHERE sha256 IN" in q for q in locked) == 3  # once a part
    assert got == full_check(tmp_path, src, lambda p: None)


def test_a_write_elsewhere_in_the_project_keeps_the_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another handle edits a document the import does not touch: nothing the snapshot read
    changed, so the rows are written as they were built."""
    src = write_input(tmp_path / "in.jsonl")
    path = make(tmp_path / "p.annotator")

    def elsewhere() -> None:
        with Project.open(path) as other:
            other.add_span(1, 0, 2, "PER", "amal")

    calls = counted(monkeypatch)
    before_the_lock(monkeypatch, elsewhere)
    report, got = imported(path, src)
    assert len(calls) == DOCS
    assert report.documents_added == DOCS
    assert got == full_check(tmp_path, src, lambda p: p.add_span(1, 0, 2, "PER", "amal"))[1]


def stores_a_text_of_the_input(p: Project) -> None:
    """Store the text of document ``LATE`` of the input with a span where the file has one,
    its note differing: the import must take the text as a repeat and report the conflict."""
    doc = p.add_document(text_of(LATE), name="theirs")
    p.add_span(doc.id, 0, 4, "PER", "amal", note="theirs")


def test_a_text_stored_meanwhile_falls_back_to_the_full_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = write_input(tmp_path / "in.jsonl")
    path = make(tmp_path / "p.annotator")

    def meanwhile() -> None:
        with Project.open(path) as other:
            stores_a_text_of_the_input(other)

    calls = counted(monkeypatch)
    before_the_lock(monkeypatch, meanwhile)
    report, got = imported(path, src)
    # the document stored meanwhile took the id the first part's rows gave its first
    # document: every part is checked again under the lock
    assert len(calls) == 2 * DOCS
    assert report.documents_added == DOCS - 1
    with Project.open(path) as p:
        theirs = next(s.uuid for s in p.spans() if s.note == "theirs")
    assert [str(c) for c in report.conflicts] == [
        f"{src}:{LATE + 1}: span span0 differs from the stored {theirs}"
    ]
    want_lines, want_stored = full_check(tmp_path, src, stores_a_text_of_the_input)
    assert got == want_stored
    assert [line.split(" differs")[0] for line in report.lines()] == [
        line.split(" differs")[0] for line in want_lines
    ]


def test_a_text_an_earlier_part_adds_is_decided_under_the_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The third part repeats a text of the first: the snapshot cannot know the first part's
    rows as stored, so that part is checked under the lock (one document, one span)."""
    src = write_input(tmp_path / "in.jsonl", repeat={DOCS - 1: 3})
    calls = counted(monkeypatch)
    report, got = imported(make(tmp_path / "p.annotator"), src)
    assert len(calls) == DOCS + (DOCS - 2 * CHUNK_DOCUMENTS)
    assert report.documents_added == DOCS - 1 and report.already_present == 1
    assert report.duplicates == []  # a text this import added: not "already in the project"
    assert (report.lines(), got) == full_check(tmp_path, src, lambda p: None)


def test_a_schema_changed_meanwhile_falls_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file defines a label; another handle changes the schema before the lock: the
    labels are taken as ``_labels`` takes them from the schema stored then."""
    path = make(tmp_path / "p.annotator")
    src = tmp_path / "in.jsonl"
    with Project.open(path) as p:
        theirs = p.schema.with_labels_added(["TRIBE"], "entity").to_json()
    rows: list[dict[str, Any]] = [
        {"text": text_of(i), "spans": [{"start": 0, "end": 4, "label": "TRIBE"}]}
        for i in range(CHUNK_DOCUMENTS + 5)
    ]
    rows[0]["schema"] = theirs
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")

    def meanwhile() -> None:
        with Project.open(path) as other:
            other.update_schema(lambda s: s.with_labels_added(["CLAN"], "entity"))

    calls = counted(monkeypatch)
    before_the_lock(monkeypatch, meanwhile)
    report, _ = imported(path, src)
    assert len(calls) == 2 * len(rows)
    assert report.labels_added == ["TRIBE"] and report.spans == len(rows)
    with Project.open(path) as p:
        assert p.schema.label("TRIBE") is not None and p.schema.label("CLAN") is not None


def test_bad_input_found_ahead_leaves_the_project_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = write_input(tmp_path / "in.jsonl")
    lines = src.read_text(encoding="utf-8").splitlines()
    bad = json.loads(lines[LATE])
    bad["spans"][0]["end"] = 10_000
    lines[LATE] = json.dumps(bad, ensure_ascii=False)
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path = make(tmp_path / "p.annotator")
    began: list[bool] = []
    monkeypatch.setattr(importing, "_write_checked", lambda *a, **k: began.append(True))
    with Project.open(path) as p:
        before = stored(p)
        with pytest.raises(ImportFormatError) as caught:
            import_documents(p, stream_files([src]), annotator="amal")
        assert f"{src}:{LATE + 1}" in str(caught.value)
        assert stored(p) == before and not began


def test_the_scratch_file_holds_parts_and_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Memory stays one part: the parts and their rows go to the spill as they are made."""
    src = write_input(tmp_path / "in.jsonl")
    held: list[int] = []
    real = importing._Spill.add_rows

    def add_rows(self: importing._Spill, rows: Any) -> None:
        held.append(len(rows.documents))
        real(self, rows)

    monkeypatch.setattr(importing._Spill, "add_rows", add_rows)
    imported(make(tmp_path / "p.annotator"), src)
    assert held == [CHUNK_DOCUMENTS, CHUNK_DOCUMENTS, 3]


@pytest.mark.parametrize("strict", [True, False])
def test_the_snapshot_writes_what_the_full_check_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, strict: bool
) -> None:
    """New labels added, a text the project holds (its span a conflict), a text repeated in
    a part and, lenient, a span outside its text skipped: the rows built ahead give the
    report and the project the check under the lock gives."""
    src = write_input(tmp_path / "in.jsonl", repeat={9: 8})
    lines = src.read_text(encoding="utf-8").splitlines()
    extra = json.loads(lines[LATE])
    extra["spans"].append({"start": 5, "end": 11, "label": "MINISTRY"})
    if not strict:
        extra["spans"].append({"start": 0, "end": 10_000, "label": "PER"})
    lines[LATE] = json.dumps(extra, ensure_ascii=False)
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def first(p: Project) -> None:
        stores_a_text_of_the_input(p)

    path = make(tmp_path / "p.annotator")
    with Project.open(path) as p:
        first(p)
    calls = counted(monkeypatch)
    with Project.open(path) as p:
        report = import_documents(
            p, stream_files([src], strict=strict), annotator="amal", new_labels="add",
            strict=strict,
        )  # fmt: skip
        got = [line.split(" differs")[0] for line in report.lines()], stored(p)
    assert len(calls) == DOCS
    ref = make(tmp_path / "reference.annotator")
    with Project.open(ref) as p:
        first(p)
        want = import_documents(
            p, read_jsonl(src, strict=strict), annotator="amal", new_labels="add",
            strict=strict,
        )  # fmt: skip
        assert got == ([line.split(" differs")[0] for line in want.lines()], stored(p))
    assert report.labels_added == ["MINISTRY"] and report.duplicates and report.conflicts
    assert strict or any("outside the text" in str(p) for p in report.problems)


def test_the_rows_come_back_from_the_scratch_file_as_they_were_spilled() -> None:
    """The spilled rows keep records as plain tuples (a third smaller than pickled
    dataclasses); read back they are the same records, of the same kinds."""
    import pickle

    from annotator.model import Argument, Event, Record, Relation, Span, freeze

    records: list[Record] = [
        Span("s1", 1, "amal", 0, 4, "PER", "محمد", freeze({"k": "v"}), "note", ((0, 2), (3, 4))),
        Span("s2", 1, "amal", 5, 9, "GPE", "بغداد"),
        Event("e1", 1, "amal", "Conflict.Attack", "s2", freeze({"Realis": "Actual"})),
        Argument("a1", "e1", 1, "amal", "Attacker", "s1"),
        Relation("r1", 1, "amal", "PHYS", "s1", "s2"),
    ]
    snap = importing._Snapshot(1, [], {}, {}, {}, {}, [], {"amal"}, records, [], {}, ImportReport())
    back = pickle.loads(pickle.dumps(snap, protocol=pickle.HIGHEST_PROTOCOL))
    stamps = iter(f"{n:05d}" for n in range(100))
    again, statuses = back.stamped(lambda: next(stamps))
    # the same records, of the same kinds, each stamped when it is written (in order)
    assert again == [dataclasses.replace(r, clock=f"{n:05d}") for n, r in enumerate(records)]
    assert [type(r) for r in again] == [type(r) for r in records]
    assert statuses == [] and back.annotators == {"amal"} and back.first_id == 1


def test_rows_built_before_the_lock_are_stamped_after_an_edit_made_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """QA (2026-11-30): the rows were stamped while the input was read, so an edit another
    connection committed before the import's commit was stamped after most of the import,
    and a hub sync made meanwhile never pushed those rows. Every version the import writes
    is now stamped under its write lock, after the edit."""
    src = write_input(tmp_path / "in.jsonl")
    path = make(tmp_path / "p.annotator")
    edits: list[str] = []

    def meanwhile() -> None:
        with Project.open(path) as other:
            edits.append(other.add_span(1, 0, 2, "PER", "badr").clock)

    before_the_lock(monkeypatch, meanwhile)
    calls = counted(monkeypatch)
    report, _ = imported(path, src)
    assert len(calls) == DOCS  # the snapshot held: rows built ahead were written
    with Project.open(path) as p:
        clocks = [s.clock for s in p.spans(annotator="amal")]
    assert report.spans == DOCS and len(clocks) == DOCS
    assert min(clocks) > edits[0]

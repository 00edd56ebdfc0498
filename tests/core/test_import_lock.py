"""An import holds the write lock only for its writing (ADR 0008).

It reads, parses and checks every file first, with no transaction open, and keeps what it
read in a private scratch file; only then does it take the write lock, for the writing. So
another writer of the same project (a script through the API, the window) is not refused
with "database is locked" while a big input is parsed, and the import's guarantees stay:
all or nothing, bad input named by file and line with the project left as it was, one part
in memory at a time, and files changed while they were read refused."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from annotator import Project
from annotator.errors import AnnotatorError, ImportFormatError
from annotator.imported import ImportedDocument
from annotator.importing import (
    CHUNK_DOCUMENTS,
    SCRATCH_PREFIX,
    DocumentStream,
    import_documents,
    stream_files,
)
from tests.benchmarks.corpus import Layout, write_jsonl


def snapshot(p: Project) -> tuple[object, ...]:
    return (
        [(d.sha256, d.name) for d in p.documents()],
        sorted((s.doc_id, s.start, s.end, s.label, s.annotator) for s in p.spans()),
        p.schema,
    )


def slowed(stream: DocumentStream, each: Iterator[None]) -> DocumentStream:
    """``stream`` with ``next(each)`` run before each document is handed on (a slow parse)."""
    inner = stream.documents

    def documents() -> Iterator[ImportedDocument]:
        for doc in inner:
            next(each, None)
            yield doc

    stream.documents = documents()
    return stream


@pytest.fixture
def made(tmp_path: Path) -> Path:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_document("وزير الدفاع جان في باريس", name="old")
    return path


def transactions(events: list[str]) -> Callable[[str], None]:
    """A ``trace_sql`` callback appending each BEGIN, COMMIT and ROLLBACK to ``events``."""

    def trace(sql: str) -> None:
        word = sql.strip().split(" ", 1)[0].upper()
        if word in ("BEGIN", "COMMIT", "ROLLBACK"):
            events.append(word)

    return trace


def is_open(events: list[str]) -> bool:
    """Whether a transaction is open after ``events`` (``transactions``')."""
    return events.count("BEGIN") > events.count("COMMIT") + events.count("ROLLBACK")


def test_another_writer_edits_while_the_import_reads(tmp_path: Path, made: Path) -> None:
    """In the middle of the reading, another handle of the same project writes a span: the
    import has no transaction open then (so the write waits for nothing: how long it takes is
    timed by ``tests/benchmarks/bench_import_lock.py``), and both are kept."""
    src = tmp_path / "in.jsonl"
    write_jsonl(src, 2 * CHUNK_DOCUMENTS + 3, Layout(spans=5))
    events: list[str] = []

    def edit() -> Iterator[None]:
        yield
        events.append("edit")
        with Project.open(made) as other:
            other.add_span(1, 0, 4, "PER", "amal")
        events.append("edited")
        while True:
            yield

    with Project.open(made) as p:
        p.trace_sql(transactions(events))
        report = import_documents(p, slowed(stream_files([src]), edit()), annotator="amal")
        assert report.documents_added == 2 * CHUNK_DOCUMENTS + 3
        assert [s.text for s in p.spans(1, "amal")] == ["وزير"]
    at = events.index("edit")
    assert events.count("edit") == 1 and events[at + 1] == "edited"
    assert not is_open(events[:at])  # the import held no transaction during the edit
    assert "BEGIN" in events[at:]  # it wrote afterwards


def test_the_write_lock_is_held_for_the_writing_only(tmp_path: Path, made: Path) -> None:
    """A parse in one thread that, halfway, waits until a second thread has written through
    another handle: the write goes through while the import parses (with no transaction
    open: the parse is over before the import's first BEGIN), and every write is kept. How
    long the writes wait during the import's writing: ``tests/benchmarks/bench_import_lock.py``."""
    src = tmp_path / "in.jsonl"
    write_jsonl(src, CHUNK_DOCUMENTS, Layout(spans=5))
    events: list[str] = []
    parsing, edited = threading.Event(), threading.Event()
    waited: list[bool] = []
    done: list[object] = []

    def steps() -> Iterator[None]:
        for n in range(CHUNK_DOCUMENTS):
            events.append("parse")
            if n == CHUNK_DOCUMENTS // 2:
                parsing.set()
                waited.append(edited.wait(30))
            yield

    def importing() -> None:
        try:
            with Project.open(made) as p:
                p.trace_sql(transactions(events))
                done.append(import_documents(p, slowed(stream_files([src]), steps())))
        except BaseException as exc:  # shown by the assertion below
            done.append(exc)

    worker = threading.Thread(target=importing)
    with Project.open(made) as other:
        worker.start()
        assert parsing.wait(30)
        open_then = is_open(events)
        other.add_span(1, 5, 11, "PER", "while-parsing")
        edited.set()
        worker.join()
        assert not isinstance(done[0], BaseException), done[0]
        after = [f"a{k}" for k in range(3)]
        for k, name in enumerate(after):
            other.add_span(1, 5 + k, 11, "PER", name)
        assert other.span_count() == 1 + len(after) + CHUNK_DOCUMENTS * 5
    assert waited == [True] and not open_then
    last_parse = len(events) - 1 - events[::-1].index("parse")
    assert events.index("BEGIN") > last_parse  # the writing began once the parse was over


def test_bad_input_is_refused_before_the_write_lock(tmp_path: Path, made: Path) -> None:
    src = tmp_path / "in.jsonl"
    write_jsonl(src, CHUNK_DOCUMENTS + 10, Layout(spans=5))
    line = json.dumps({"text": "نص", "spans": [{"start": 0, "end": 9, "label": "PER"}]})
    with src.open("a", encoding="utf-8") as fh:
        fh.write(line + "\n")
    statements: list[str] = []
    with Project.open(made) as p:
        before = snapshot(p)
        p.trace_sql(statements.append)
        with pytest.raises(ImportFormatError) as err:
            import_documents(p, stream_files([src]), annotator="amal")
        p.trace_sql(None)
        assert f"in.jsonl:{CHUNK_DOCUMENTS + 11}" in str(err.value)
        assert "outside the text" in str(err.value)
        assert not [s for s in statements if s.strip().upper().startswith("BEGIN")]
        assert snapshot(p) == before


def test_a_file_changed_while_it_was_read_is_refused(tmp_path: Path, made: Path) -> None:
    src = tmp_path / "in.jsonl"
    write_jsonl(src, 20, Layout(spans=5))

    def grow() -> Iterator[None]:
        yield
        with src.open("a", encoding="utf-8") as fh:  # someone still writing the file
            fh.write(json.dumps({"text": "نص جديد"}) + "\n")
        while True:
            yield

    with Project.open(made) as p:
        before = snapshot(p)
        with pytest.raises(AnnotatorError, match="changed while it was read"):
            import_documents(p, slowed(stream_files([src]), grow()), annotator="amal")
        assert snapshot(p) == before


def test_the_scratch_file_is_private_and_removed(
    tmp_path: Path, made: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    own = tmp_path / "tmp"  # this test's own temporary folder: other runs' imports stay out
    own.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(own))
    src = tmp_path / "in.jsonl"
    write_jsonl(src, 30, Layout(spans=5))
    seen: list[tuple[Path, int]] = []

    def look() -> Iterator[None]:
        while True:
            for folder in Path(tempfile.gettempdir()).glob(f"{SCRATCH_PREFIX}*"):
                seen.append((folder, folder.stat().st_mode & 0o777))
            yield

    with Project.open(made) as p:
        import_documents(p, slowed(stream_files([src]), look()), annotator="amal")
    assert seen and all(mode == 0o700 for _, mode in seen)
    assert not any(folder.exists() for folder, _ in seen)


def test_labels_a_file_defines_are_adopted_once_after_the_spill(tmp_path: Path, made: Path) -> None:
    src = tmp_path / "in.jsonl"
    with Project.open(made) as p:
        theirs = p.schema.with_labels_added(["TRIBE"], "entity").to_json()
        rows = [
            {"text": f"منظمة رقم {i}", "spans": [{"start": 0, "end": 5, "label": "TRIBE"}]}
            for i in range(CHUNK_DOCUMENTS + 5)
        ]
        rows[0]["schema"] = theirs
        src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        report = import_documents(p, stream_files([src]), annotator="amal")
        assert report.spans == CHUNK_DOCUMENTS + 5
        assert report.labels_added == ["TRIBE"]
        assert p.schema.label("TRIBE") is not None


def test_the_command_line_refuses_a_file_changed_while_it_was_read(
    tmp_path: Path, made: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from annotator import importing
    from annotator.cli import main

    src = tmp_path / "in.jsonl"
    write_jsonl(src, 20, Layout(spans=5))
    real = importing._check_ahead

    def checked_then_touched(*args: object, **kwargs: object) -> Iterator[list[ImportedDocument]]:
        yield from real(*args, **kwargs)  # type: ignore[arg-type]
        with src.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps({"text": "نص جديد"}) + "\n")

    monkeypatch.setattr(importing, "_check_ahead", checked_then_touched)
    with Project.open(made) as p:
        before = snapshot(p)
    assert main(["import", str(made), str(src)]) != 0
    assert "changed while it was read" in capsys.readouterr().err
    with Project.open(made) as p:
        assert snapshot(p) == before

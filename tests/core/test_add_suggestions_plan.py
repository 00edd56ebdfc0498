"""QA (annotate-all at scale): ``annotator annotate-all --to-layer`` grew quadratically with
the corpus (500 documents 4.4 s, 1000 48.7 s, 2000 4 min 40 s). ``Store.add_suggestions``
skips a row equal to a live span with a ``NOT EXISTS`` probe on spans; on a file with no
planner statistics for spans (a fresh import) SQLite answered it from ``spans_label``,
reading every span of the label for every row stored, and the spans each chunk accepted
made the next chunk's probes longer. The probe reads the document's spans (``spans_doc``)
now; what it stores is unchanged."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from annotator.commands.suggestions import annotate_all
from annotator.project import Project

WORDS = ["زار", "الوفد", "باريس", "ثم", "عاد", "من", "لندن", "و", "بباريس", "محمد"]
DOCS = 30


def text_of(n: int) -> str:
    return " ".join(WORDS[(i * 7 + n) % len(WORDS)] for i in range(40)) + f" {n}."


def traced_insert(conn: sqlite3.Connection, run: object) -> list[str]:
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        assert callable(run)
        run()
    finally:
        conn.set_trace_callback(None)
    return [s for s in statements if s.lstrip().startswith("INSERT OR IGNORE INTO suggestions")]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    p = tmp_path / "p.annotator"
    with Project.create(p) as project:
        for n in range(DOCS):
            project.add_document(text_of(n), name=f"d{n:02}")
        for n in range(1, DOCS + 1):
            text = project.document(n).text
            at = text.index("باريس")
            project.add_span(n, at, at + 5, "GPE", "amal")
    return p


def probe_plan(project: Project) -> list[str]:
    """The plan of the statement ``Store.add_suggestions`` runs for one row (its text as
    traced, values in it), the row stored in a transaction rolled back."""
    conn = project._store.conn
    text = project.document(1).text
    at = text.index("لندن")
    row = ("u-probe", 1, at, at + 4, "GPE", "لندن", "test", 1.0, "")
    conn.execute("SAVEPOINT probe")
    try:
        sql = traced_insert(conn, lambda: project._store.add_suggestions([row]))
    finally:
        conn.execute("ROLLBACK TO probe")
        conn.execute("RELEASE probe")
    assert sql, "add_suggestions ran no INSERT OR IGNORE INTO suggestions"
    return [r[3] for r in conn.execute(f"EXPLAIN QUERY PLAN {sql[0]}")]


def forget_statistics(conn: sqlite3.Connection, spans: list[tuple[str, str]]) -> None:
    """The spans table's statistics replaced by ``spans`` (none: as after a fresh import)."""
    conn.execute("ANALYZE sqlite_schema")  # (makes sqlite_stat1 if missing)
    conn.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'spans'")
    conn.executemany("INSERT INTO sqlite_stat1 VALUES ('spans', ?, ?)", spans)
    conn.execute("ANALYZE sqlite_schema")  # the planner reads them again


def spans_probe(plan: list[str]) -> list[str]:
    probe = [p for p in plan if " spans " in f"{p} " and "suggestions" not in p]
    assert probe, plan
    return probe


def test_the_probe_reads_the_documents_spans_on_a_file_without_statistics(path: Path) -> None:
    with Project.open(path) as project:
        forget_statistics(project._store.conn, [])
        plan = probe_plan(project)
    assert all("spans_doc (doc_id=?)" in p for p in spans_probe(plan)), plan


def test_the_probe_never_reads_a_label_however_selective_the_statistics_say(
    path: Path,
) -> None:
    stale = [
        ("spans_label", "100000 1"),
        ("spans_doc", "100000 100000 50000"),
        ("spans_order", "100000 100000 100000 2 1 1"),
        ("sqlite_autoindex_spans_1", "100000 1"),
    ]
    with Project.open(path) as project:
        forget_statistics(project._store.conn, stale)
        plan = probe_plan(project)
    probe = spans_probe(plan)
    assert not any("spans_label" in p for p in probe), plan
    assert all("doc_id=?" in p for p in probe), plan


def test_the_probe_works_on_a_file_without_the_document_index(path: Path) -> None:
    with Project.open(path) as project:
        project._store.conn.execute("DROP INDEX spans_doc")
        text = project.document(4).text
        at = text.index("لندن")
        rows = [("u-one", 4, at, at + 4, "GPE", "لندن", "test", 1.0, "")]
        with project._store.write():
            assert project._store.add_suggestions(rows) == 1


def test_the_probe_still_skips_a_row_equal_to_a_live_span_only(path: Path) -> None:
    with Project.open(path) as project:
        store = project._store
        text = project.document(2).text
        at = text.index("باريس")
        gone = project.add_span(2, text.index("لندن"), text.index("لندن") + 4, "LOC", "badr")
        project.delete_span(gone.uuid)
        rows = [
            ("u-same", 2, at, at + 5, "GPE", "باريس", "test", 1.0, ""),  # a live span
            ("u-other-label", 2, at, at + 5, "LOC", "باريس", "test", 1.0, ""),
            ("u-other-doc", 3, at, at + 5, "GPE", "x", "test", 1.0, ""),
            ("u-deleted", 2, gone.start, gone.end, "LOC", "لندن", "test", 1.0, ""),
        ]
        with store.write():
            stored = store.add_suggestions(rows)
        uuids = {r[0] for r in store.pending_suggestions([r[0] for r in rows])}
    assert stored == 3
    assert uuids == {"u-other-label", "u-other-doc", "u-deleted"}


def test_annotate_all_to_a_layer_accepts_what_it_would_leave_pending(
    path: Path, tmp_path: Path
) -> None:
    pending_copy = tmp_path / "pending.annotator"
    shutil.copy(path, pending_copy)
    with Project.open(pending_copy) as project:
        report = annotate_all(project, "amal")
        expected = sorted((s.doc_id, s.start, s.end, s.label) for s in project.suggestions(None))
    assert report.stored == len(expected) > DOCS
    with Project.open(path) as project:
        report = annotate_all(project, "amal", to_layer="copy")
        accepted = sorted((s.doc_id, s.start, s.end, s.label) for s in report.accepted)
        layer = sorted((s.doc_id, s.start, s.end, s.label) for s in project.spans(annotator="copy"))
        assert project.suggestions(None) == []
    assert report.stored == 0
    assert accepted == layer == expected

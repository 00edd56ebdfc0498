"""SQL statements issued by imports and edits, counted with sqlite3's trace callback on the
store's connection (issue 12).

An import writes each row once (executemany: the trace shows one INSERT per row) and issues a
fixed number of other statements whatever the number of records: no lookup by uuid, no
settings upsert per record. An edit never reads a whole record table: every statement an edit
command runs is planned (EXPLAIN QUERY PLAN) as an index search, not a scan.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from annotator import Project
from annotator import commands as C
from annotator.formats.jsonl import read_jsonl
from annotator.importing import import_documents
from tests.benchmarks.corpus import Layout, uid, write_jsonl

ROW_TABLES = ("documents", "spans", "events", "arguments", "relations", "doc_status")
SCANNED = re.compile(r"^SCAN (\w+)")


@contextmanager
def traced(p: Project) -> Iterator[list[str]]:
    statements: list[str] = []
    p.trace_sql(statements.append)
    try:
        yield statements
    finally:
        p.trace_sql(None)


def shape(sql: str) -> str:
    """``INSERT spans``, ``SELECT documents``…: the verb and the first table named."""
    words = sql.replace('"', " ").replace("(", " ").split()
    verb = words[0].upper() if words else ""
    for keyword in ("INTO", "FROM", "UPDATE"):
        upper = [w.upper() for w in words]
        if keyword in upper and upper.index(keyword) + 1 < len(words):
            return f"{verb} {words[upper.index(keyword) + 1]}"
    return verb


def import_shapes(folder: Path, docs: int, annotator: str = "bench") -> tuple[Counter[str], dict]:
    src = folder / f"corpus{docs}.jsonl"
    counts = write_jsonl(src, docs, Layout(spans=20))
    with Project.create(folder / f"p{docs}.annotator") as p, traced(p) as statements:
        import_documents(p, read_jsonl(src), annotator=annotator)
    return Counter(shape(s) for s in statements), counts


def test_import_issues_a_fixed_number_of_statements_besides_its_rows(tmp_path: Path) -> None:
    small, small_counts = import_shapes(tmp_path, 10)
    big, big_counts = import_shapes(tmp_path, 100)
    for shapes, counts in ((small, small_counts), (big, big_counts)):
        for kind in ("documents", "spans", "events", "arguments", "relations"):
            assert shapes.pop(f"INSERT {kind}") == counts[kind], kind
    assert small == big, "statements that grow with the number of records"
    per_record = sum(big.values()) / sum(big_counts.values())
    assert per_record < 0.01, big  # 15 statements for 2,800 records today


def test_import_into_stored_documents_issues_no_query_per_document(tmp_path: Path) -> None:
    src = tmp_path / "corpus.jsonl"
    write_jsonl(src, 40, Layout(spans=20))
    lines = [json.loads(line) for line in src.read_text(encoding="utf-8").splitlines()]
    with Project.create(tmp_path / "p.annotator") as p:
        import_documents(p, read_jsonl(src), annotator="amal")
        shapes = []
        for n in (10, 40):  # a second layer on n of the stored documents: spans without ids
            part = tmp_path / f"other{n}.jsonl"
            part.write_text(
                "".join(
                    json.dumps({"text": x["text"], "spans": [
                        {k: v for k, v in s.items() if k != "id"} for s in x["spans"]
                    ]}, ensure_ascii=False) + "\n"
                    for x in lines[:n]
                ),
                encoding="utf-8",
            )  # fmt: skip
            with traced(p) as statements:
                import_documents(p, read_jsonl(part), annotator=f"badr{n}")
            shapes.append(Counter(shape(s) for s in statements if not s.startswith("INSERT")))
    assert shapes[0] == shapes[1], shapes


# -- edits --------------------------------------------------------------------------------
def scans(p: Project, statements: list[str]) -> list[str]:
    """The statements among ``statements`` that SQLite plans as a scan of a row table."""
    out = []
    for sql in statements:
        if not sql.lstrip().upper().startswith(("SELECT", "UPDATE", "DELETE", "INSERT")):
            continue
        # white-box: SQLite's plan of the statements the project ran, on its connection
        for row in p._store.conn.execute(f"EXPLAIN QUERY PLAN {sql}"):
            m = SCANNED.match(row[3])
            if m and m.group(1) in ROW_TABLES:
                out.append(f"{row[3]}: {sql[:160]}")
    return out


@pytest.fixture
def layered(tmp_path: Path) -> Iterator[Project]:
    """Three documents of the benchmark corpus (20 spans, 2 events, 2 relations each)."""
    src = tmp_path / "corpus.jsonl"
    write_jsonl(src, 3, Layout(spans=20))
    with Project.create(tmp_path / "edit.annotator") as p:
        import_documents(p, read_jsonl(src), annotator="bench")
        yield p


def commands(p: Project) -> list[Callable[[], C.Command]]:
    """Edits of documents 1 and 2 of the corpus (ids as ``corpus.uid`` makes them), each
    built just before it runs."""
    doc = p.documents()[1]
    return [
        lambda: C.AddSpan(doc.id, 0, 4, "PER", "bench"),
        lambda: C.UpdateSpan(uid(1, 0, 0, 5), label="ORG"),
        lambda: C.DeleteSpan(uid(1, 0, 0, 7)),
        lambda: C.add_event_with_trigger(doc.id, 0, 4, "Conflict.Attack", "bench"),
        lambda: C.DeleteEvent(uid(1, 0, 1, 0)),
        lambda: C.AddArgument(uid(1, 0, 1, 1), "Attacker", uid(1, 0, 0, 3)),
        lambda: C.DeleteArgument(uid(1, 0, 2, 3)),
        lambda: C.AddRelation("PHYS", uid(1, 0, 0, 1), uid(1, 0, 0, 2)),
        lambda: C.DeleteRelation(uid(1, 0, 3, 1)),
        lambda: C.SetStatus(doc.id, "bench", "done"),
        lambda: C.delete_span_with_links(p, uid(2, 0, 0, 2)),
        # (the Attack's Attacker, a role Conflict.Demonstrate lacks, goes in the same step)
        lambda: C.relabel(p, uid(2, 0, 0, 10), "Conflict.Demonstrate", remove_arguments=True),
    ]


def test_edits_read_no_whole_table(layered: Project) -> None:
    p = layered
    found: dict[str, list[str]] = {}
    for make in commands(p):
        with traced(p) as statements:
            cmd = make()
            cmd.do(p)
            cmd.undo(p)
            cmd.do(p)
        bad = scans(p, statements)
        if bad:
            found[type(cmd).__name__ + " " + cmd.text] = bad
    third = p.documents()[2].id
    for lookup in (
        lambda: p.arguments(uid(1, 0, 1, 1)),
        lambda: p.status(third, "bench"),
        lambda: p.span(uid(2, 0, 0, 4)),
        lambda: p.event(uid(2, 0, 1, 0)),
    ):
        with traced(p) as statements:
            lookup()
        found.update({f"lookup {sql}": [sql] for sql in scans(p, statements)})
    assert not found, json.dumps(found, indent=1)

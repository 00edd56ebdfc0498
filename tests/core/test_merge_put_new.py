"""``Store.put_merged`` of a first merge (every uuid new) looks nothing up: the INSERT
skipping stored uuids wrote every row, so the query per 5,000 rows that sorted new from
stored ones (500,000 lookups in ``bench_merge``) is left out. When it skipped some, those
(stored before, by rowid, or given twice) are the upserts, as before."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path
from typing import Any

from annotator.model import Event, Record, Span
from annotator.project import Project


def _rows(path: Path) -> list[Any]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT rowid, * FROM spans ORDER BY rowid").fetchall()


def test_new_uuids_are_written_without_a_lookup(tmp_path: Path) -> None:
    """Fails before: every put_merged asked which uuids were stored first."""
    with Project.create(tmp_path / "p.annotator") as p:
        doc = p.add_document("abcdefghij", name="d")
        store = p._store
        with store.write():
            store.ensure_annotator("amal")
            store.put_many([Span("old", doc.id, "amal", 0, 1, "PER", "a", clock="c0")])
        pairs: list[tuple[Record, int]] = [
            (Span(f"n{i}", 0, "amal", i, i + 1, "PER", "abcdefghij"[i], clock="c1"), doc.id)
            for i in range(5)
        ]
        sql: list[str] = []
        store.conn.set_trace_callback(sql.append)
        try:
            with store.write():
                store.put_merged(pairs, "2021-01-01")
        finally:
            store.conn.set_trace_callback(None)
        assert not [s for s in sql if s.startswith("SELECT uuid FROM")]
    assert [r[1] for r in _rows(tmp_path / "p.annotator")] == ["old", "n0", "n1", "n2", "n3", "n4"]


def test_into_an_empty_table_a_uuid_given_twice_is_written_twice(tmp_path: Path) -> None:
    """No row stored before (no rowid to compare with): the second version of a uuid given
    twice is the upsert, as ``put_many`` writes it."""
    made = {}
    for name in ("fast", "slow"):
        path = tmp_path / f"{name}.annotator"
        with Project.create(path) as p:
            doc = p.add_document("abcdefghij", name="d")
            store = p._store
            pairs: list[tuple[Record, int]] = [
                (Span("a", 0, "amal", 0, 2, "PER", "ab", clock="c1"), doc.id),
                (Span("b", 0, "amal", 2, 4, "PER", "cd", clock="c1"), doc.id),
                (Span("a", 0, "amal", 0, 3, "LOC", "abc", clock="c2"), doc.id),
                (Event("e", 0, "amal", "PER", "a", clock="c1"), doc.id),
            ]
            with store.write():
                store.ensure_annotator("amal")
                if name == "fast":
                    store.put_merged(pairs, "2021-01-01")
                else:
                    store.put_many(
                        [dataclasses.replace(r, doc_id=d) for r, d in pairs], "2021-01-01"
                    )
            made[name] = path
    assert _rows(made["fast"]) == _rows(made["slow"])
    assert [(r[1], r[6]) for r in _rows(made["fast"])] == [("a", "LOC"), ("b", "PER")]

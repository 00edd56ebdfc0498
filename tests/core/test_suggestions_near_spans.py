"""Checking a few suggestions against the spans reads only the spans overlapping them.

An undo in a document with 143,000 pending suggestions asks ``Project.pending_suggestions``
about the few it may bring back; that read every live span of the document
(``covered_ranges``, ~75 ms in the QA project). Now a few suggestions are checked with an
indexed range query each (``Store.covered_near``), with the same answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.project import NEAR_AT, Project
from annotator.search.suggestions import Suggestion
from annotator.uuids import new_uuid

WORD = "كلمة "
N = 2_000
TEXT = WORD * N


def _project(tmp_path: Path) -> tuple[Project, int, list[Suggestion]]:
    p = Project.create(tmp_path / "p.annotator")
    doc = p.add_document(TEXT, name="long").id
    made = [
        Suggestion(new_uuid(), doc, k * 5, k * 5 + 4, "GPE", "كلمة", "annotate-all", 0.9)
        for k in range(N)
    ]
    assert p.add_suggestions(made) == N
    return p, doc, made


def test_a_few_suggestions_are_checked_against_the_spans_near_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    p, doc, made = _project(tmp_path)
    with p:
        # spans of two layers over every tenth word; one discontinuous span whose gap leaves
        # a suggestion free and whose fragments cover two others
        for k in range(0, N, 10):
            p.add_span(doc, k * 5, k * 5 + 4, "PER", "amal" if k % 20 else "omar")
        p.add_span(doc, 5 * 5 + 1, 7 * 5 + 3, "PER", "amal", fragments=[(26, 28), (36, 38)])
        asked = [made[k].uuid for k in (0, 1, 3, 5, 6, 7, 10, 11, 990, 1999)]
        expected = [s.uuid for s in p.pending_suggestions(asked)]
        assert expected == [made[k].uuid for k in (1, 3, 6, 11, 1999)]
        # the same answer without reading the document's spans: a statement's rows counted
        rows: list[int] = []  # statements reading spans
        conn = p._store.conn

        def whole(*a: object, **k: object) -> object:
            raise AssertionError("covered_ranges read the whole document")

        monkeypatch.setattr(p._store, "covered_ranges", whole)
        conn.set_trace_callback(lambda sql: rows.append(1) if "FROM spans" in sql else None)
        try:
            assert [s.uuid for s in p.pending_suggestions(asked)] == expected
        finally:
            conn.set_trace_callback(None)
        assert 0 < len(rows) <= 2 * len(asked) + 1  # per layer and suggestion, and the layers


def test_many_suggestions_still_read_the_spans_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    p, doc, made = _project(tmp_path)
    with p:
        p.add_span(doc, 0, 4, "PER", "amal")
        near = p._store.covered_near

        def refused(*a: object, **k: object) -> object:
            raise AssertionError("a range query per suggestion for many suggestions")

        monkeypatch.setattr(p._store, "covered_near", refused)
        asked = [s.uuid for s in made[: NEAR_AT + 1]]
        assert [s.uuid for s in p.pending_suggestions(asked)] == asked[1:]
        monkeypatch.setattr(p._store, "covered_near", near)
        assert [s.uuid for s in p.pending_suggestions(asked[:3])] == asked[1:3]

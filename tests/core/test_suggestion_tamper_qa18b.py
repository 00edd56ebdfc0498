"""Tampered suggestion rows QA 18 left passing ``check`` (QA 18 b).

- a ``withdrawn_suggestions`` row whose batch is no batch id is skipped by every reader
  (``Store.withdrawn_batches``) and never purged: ``check`` now lists it (exit 1); a batch id
  naming no suggestion is sound (an undone import that stored none) and a purge drops it;
- a suggestion whose label the schema lacks is kept pending by design (it comes back with
  the label): ``check`` says nothing, accepting it writes nothing and keeps it pending;
- a source longer than an import may name (``MAX_SOURCE``) is not a damaged row: a gazetteer
  given a long name stores one, so the store shows it and ``check`` is silent (the window
  cuts it short: tests/ui/test_suggestion_plain_text_qa18b.py);
- the same span suggested by two sources is by design (the key holds the source): accepting
  both makes one span, and neither comes back.
"""

from __future__ import annotations

import sqlite3  # white-box: a tampered file is made by writing its tables directly
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.commands.suggestions import AcceptSuggestions, gazetteer
from annotator.learn.external import MAX_SOURCE
from annotator.project import Project
from annotator.search.suggestions import Suggestion
from annotator.store import new_batch_id
from annotator.uuids import new_uuid

TEXT = "زار محمد بغداد امس وعاد محمد"
FIRST = "rowid = (SELECT min(rowid) FROM suggestions)"


def _project(path: Path, source: str = "file:s.jsonl") -> Path:
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="d")
        rows = [(4, 8, "PER", 0.9), (9, 14, "GPE", 0.5)]
        sugg = [
            Suggestion(new_uuid(), doc.id, a, b, label, TEXT[a:b], source, score, "")
            for a, b, label, score in rows
        ]
        assert p.add_suggestions(sugg) == 2
    return path


def _tamper(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    for sql in statements:
        conn.execute(sql)
    conn.commit()
    conn.close()


def _check(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    capsys.readouterr()
    code = main(["check", str(path)])
    return code, capsys.readouterr().out.splitlines()


@pytest.mark.parametrize(
    ("value", "shown"),
    [("nope", "'nope'"), ("ABCDEF01-0000-", None), ("abcdef01-0000-4", None), ("", "''")],
)  # (a batch not text refuses the file: withdrawn_suggestions is in _ROW_KINDS)
def test_check_lists_a_withdrawn_row_that_names_no_batch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str, shown: str | None
) -> None:
    path = _project(tmp_path / "p.annotator")
    _tamper(path, f"INSERT INTO withdrawn_suggestions (batch, intact) VALUES ('{value}', 0)")
    with Project.open(path) as p:  # skipped: it hides nothing, and no purge removes it
        assert p._store.withdrawn_batches() == []
        assert len(p.suggestions(None)) == 2
        assert p.purge_withdrawn_suggestions() == 0
    code, out = _check(path, capsys)
    assert code == 1  # was 0, nothing said
    shown = shown or repr(value)
    assert out == [
        f"{path} integrity: withdrawn_suggestions row 1: {shown} is not a batch id (left out "
        "wherever suggestions are read)",
        "1 problem(s)",
    ]


def test_a_withdrawn_batch_naming_no_suggestion_is_sound_and_purged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _project(tmp_path / "p.annotator")
    batch = new_batch_id()
    _tamper(path, f"INSERT INTO withdrawn_suggestions (batch, intact) VALUES ('{batch}', 1)")
    assert _check(path, capsys) == (0, ["0 problem(s)"])
    with Project.open(path) as p:
        assert p._store.withdrawn_batches() == [batch]
        assert len(p.suggestions(None)) == 2  # it hides none
        assert p.has_withdrawn_suggestions()
        assert p.purge_withdrawn_suggestions() == 0
        assert p._store.withdrawn_batches() == []  # the purge dropped it


@pytest.mark.parametrize("label", ["ZZZ", "NOPE\u202e"])
def test_a_suggestion_of_a_label_the_schema_lacks_is_kept_and_never_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], label: str
) -> None:
    path = _project(tmp_path / "p.annotator")
    _tamper(path, f"UPDATE suggestions SET label = '{label}' WHERE {FIRST}")
    with Project.open(path) as p:
        doc = p.document_by_name("d")
        assert doc is not None
        uuid = p._store.suggestions(doc.id)[0][0]
        assert [s.label for s in p.suggestions(doc.id)] == ["GPE"]  # never offered
        free, behind = p.suggestions_and_covered(doc.id)
        assert [s.label for s in free] == ["GPE"] and [s.label for s in behind] == [label]
        assert p.pending_count(doc.id) == 2
        assert p.accept_suggestions([uuid], "amal") == []  # nothing written, no error
        accept = AcceptSuggestions([uuid], "amal")
        accept.do(p)
        assert accept.spans == [] and p.spans(doc.id) == []
        assert [s.label for s in p.suggestions_and_covered(doc.id)[1]] == [label]  # kept
    assert _check(path, capsys) == (0, ["0 problem(s)"])  # by design: not damaged


def test_a_long_source_is_not_a_damaged_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.annotator"
    names = tmp_path / "g.txt"
    names.write_text("بغداد\n", encoding="utf-8")
    with Project.create(path) as p:
        p.add_document(TEXT, name="d")
        report = gazetteer(p, names, label="GPE", name="n" * 300)  # no length rule for it
        assert len(report.source) > MAX_SOURCE and report.stored == 1
    assert _check(path, capsys) == (0, ["0 problem(s)"])
    with Project.open(path) as p:
        assert [s.source for s in p.suggestions(None)] == [report.source]


def test_the_same_span_from_two_sources_is_accepted_once(tmp_path: Path) -> None:
    path = _project(tmp_path / "p.annotator")
    _tamper(  # tamper2's s_dup_overlap: every row again, from another source
        path,
        "INSERT INTO suggestions SELECT 'dup-' || uuid, doc_id, start, \"end\", label, text, "
        "source || 'x', score, origin, state, created FROM suggestions",
    )
    with Project.open(path) as p:
        doc = p.document_by_name("d")
        assert doc is not None
        both = p.suggestions(doc.id)
        assert len(both) == 4 and {s.source for s in both} == {"file:s.jsonl", "file:s.jsonlx"}
        accept = AcceptSuggestions([s.uuid for s in both], "amal")
        accept.do(p)
        assert sorted((s.start, s.end, s.label) for s in p.spans(doc.id)) == [
            (4, 8, "PER"),
            (9, 14, "GPE"),
        ]
        assert p.suggestions(doc.id) == []

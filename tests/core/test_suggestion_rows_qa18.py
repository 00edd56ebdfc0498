"""Damaged suggestion rows in a received project (QA 18, defects 1, 2, 3 and 7).

A suggestions row breaking the rule of a sound row (``annotator.store._SUGGESTION_KINDS``:
types, a score from 0 to 1, ``0 <= start < end``, a known state) is skipped wherever
suggestions are read, never decoded (a score of +inf or 'abc' raised inside the window and
after ``suggest``), never a reason to refuse the project; ``check`` lists each damaged row,
and those whose document is missing, that end past its text or whose text is not the
document's, naming the table, the row and the document, and exits 1. ``hundredths`` takes any
float. File-level problems print without empty brackets, foreign keys without a raw tuple.
"""

from __future__ import annotations

import math
import sqlite3  # white-box: a tampered file is made by writing its tables directly
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.project import Project
from annotator.search.suggestions import Suggestion, hundredths
from annotator.uuids import new_uuid

TEXT = "زار محمد بغداد امس وعاد محمد"
FIRST = "rowid = (SELECT min(rowid) FROM suggestions)"


def _project(path: Path) -> Path:
    """A project of one document named 'd' with two pending suggestions (rows 1 and 2)."""
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="d")
        rows = [(4, 8, "PER", 0.9), (9, 14, "GPE", 0.5)]
        sugg = [
            Suggestion(new_uuid(), doc.id, a, b, label, TEXT[a:b], "file:s.jsonl", score, "")
            for a, b, label, score in rows
        ]
        assert p.add_suggestions(sugg) == 2
    return path


def _tamper(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("PRAGMA foreign_keys = OFF")
    for sql in statements:
        conn.execute(sql)
    conn.commit()
    conn.close()


def test_hundredths_takes_any_float() -> None:
    assert hundredths(math.inf) == 100 and hundredths(1e308 * 10) == 100
    assert hundredths(-math.inf) == 0 and hundredths(math.nan) == 0
    assert hundredths(1.5) == 100 and hundredths(-0.25) == 0 and hundredths(-0.0) == 0
    assert hundredths(1.0) == 100 and hundredths(0.0) == 0  # the ends as before
    assert hundredths(0.496) == 49 and hundredths(0.29) == 29  # cut down, as before (QA 15)


BAD_ROWS = {
    "score +inf": [f"UPDATE suggestions SET score = 9e999 WHERE {FIRST}"],
    "score -inf": [f"UPDATE suggestions SET score = -9e999 WHERE {FIRST}"],
    "score above 1": [f"UPDATE suggestions SET score = 1.5 WHERE {FIRST}"],
    "score below 0": [f"UPDATE suggestions SET score = -0.5 WHERE {FIRST}"],
    "score text": [f"UPDATE suggestions SET score = 'abc' WHERE {FIRST}"],
    "score blob": [f"UPDATE suggestions SET score = x'00ff' WHERE {FIRST}"],
    "start text": [f"UPDATE suggestions SET start = 'abc' WHERE {FIRST}"],
    "start negative": [f"UPDATE suggestions SET start = -5 WHERE {FIRST}"],
    "start after end": [f'UPDATE suggestions SET start = 8, "end" = 4 WHERE {FIRST}'],
    "state": [f"UPDATE suggestions SET state = 'weird' WHERE {FIRST}"],
    "label blob": [f"UPDATE suggestions SET label = x'00ff' WHERE {FIRST}"],
}


@pytest.mark.parametrize("case", sorted(BAD_ROWS))
def test_a_damaged_row_is_skipped_when_read_and_listed_by_check(
    tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _project(tmp_path / "p.annotator")
    _tamper(path, *BAD_ROWS[case])
    with Project.open(path) as p:  # never refused for a prediction
        doc = p.document_by_name("d")
        assert doc is not None
        rows = p.suggestions(doc.id)  # the sound row only, never a ValueError
        assert [(s.start, s.end, s.label, s.score) for s in rows] == [(9, 14, "GPE", 0.5)]
        assert p.suggestions(None) == rows
        marks = p._store.suggestion_marks(doc.id, None, None)  # (the window's reading)
        assert [(m[1], m[2], m[5]) for m in marks] == [(9, 14, 0.5)]
        p.reject_suggestions([rows[0].uuid])
        assert p._store.rejected_keys(doc.id) == {(doc.id, 9, 14, "GPE", "file:s.jsonl")}
    capsys.readouterr()
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "1 problem(s)"
    assert "suggestions row 1, document 'd' (id 1): malformed" in out[0]
    assert "[]" not in out[0] and not out[0].endswith("()")


def test_a_text_score_no_longer_breaks_suggest_from_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _project(tmp_path / "p.annotator")
    _tamper(path, f"UPDATE suggestions SET score = 'abc' WHERE {FIRST}")
    lines = tmp_path / "s2.jsonl"
    at = TEXT.rindex("محمد")
    line = f'{{"document":"d","start":{at},"end":{at + 4},"label":"PER"}}\n'
    lines.write_text(line, encoding="utf-8")
    capsys.readouterr()
    assert main(["suggest", str(path), "--from", str(lines)]) == 0  # stored, no traceback
    assert "1 suggestion(s) pending" in capsys.readouterr().err
    with Project.open(path) as p:
        assert sorted((s.start, s.end) for s in p.suggestions(None)) == [(9, 14), (at, at + 4)]


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        (
            f'UPDATE suggestions SET "end" = 999 WHERE {FIRST}',
            "suggestions row 1, document 'd' (id 1): it ends at 999, past the end of the text "
            f"({len(TEXT)})",
        ),
        (
            f"UPDATE suggestions SET text = '<b>x</b>' WHERE {FIRST}",
            "suggestions row 1, document 'd' (id 1): its text '<b>x</b>' is not the document's "
            "text at 4-8 ('محمد')",
        ),
        (
            f"UPDATE suggestions SET doc_id = 999 WHERE {FIRST}",
            "suggestions row 1: its document (id 999) does not exist",
        ),
    ],
)
def test_check_lists_rows_that_do_not_fit_their_document(
    tmp_path: Path, statement: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _project(tmp_path / "p.annotator")
    _tamper(path, statement)
    capsys.readouterr()
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [f"{path} integrity: {expected}", "1 problem(s)"]  # no raw foreign-key tuple


def test_check_of_a_sound_project_still_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _project(tmp_path / "p.annotator")
    capsys.readouterr()
    assert main(["check", str(path)]) == 0
    assert capsys.readouterr().out.splitlines() == ["0 problem(s)"]


def test_check_words_foreign_keys_and_checksums_with_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="d")
        p.add_span(doc.id, 4, 8, "PER", "amal")
    _tamper(
        path,
        "UPDATE doc_status SET annotator = 'ghost'",
        "INSERT INTO doc_status (doc_id, annotator, status, clock) "
        "SELECT 1, 'ghost', 'in_progress', '' WHERE NOT EXISTS (SELECT 1 FROM doc_status)",
        "UPDATE documents SET text = text || 'x' WHERE id = 1",
    )
    capsys.readouterr()
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert (
        f"{path} integrity: doc_status row 1 refers to a row of annotators that does not exist"
        in out
    )
    assert f"{path} integrity: the text of document 'd' (id 1) does not match its sha256" in out
    assert not any("[]" in line or line.endswith("()") or "('" in line for line in out)

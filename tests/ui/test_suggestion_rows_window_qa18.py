"""The window on a received project with a damaged suggestions row (QA 18, defects 1, 2).

A score of +inf raised OverflowError in ``hundredths`` inside the suggestion list's item code
(a Qt virtual), and the window died of SIGSEGV (exit 139); a score of 'abc' or a blob raised
ValueError when the suggestions were read, and the panel stayed empty. The window now starts,
shows the document and its sound suggestions, and the damaged row is left out (``annotator
check`` lists it). Run in a child process: before the fix the failure is a segfault, which
would kill pytest rather than fail the test.
"""

from __future__ import annotations

import math
import os
import sqlite3  # white-box: a tampered file is made by writing its tables directly
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.project import Project
from annotator.search.suggestions import Suggestion
from annotator.uuids import new_uuid

ROOT = Path(__file__).resolve().parents[2]
TEXT = "زار محمد بغداد امس وعاد محمد"
FIRST = "rowid = (SELECT min(rowid) FROM suggestions)"

# the child: ``annotator gui P --document d --screenshot S``, then its exit status printed
CHILD = """
import sys
from ui.entry import main
code = main(["gui", sys.argv[1], "--document", "d", "--screenshot", sys.argv[2],
             "--size", "1000x700"])
print("exit", code)
"""


def _tampered(tmp_path: Path, score_sql: str) -> Path:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="d")
        rows = [(4, 8, "PER", 0.9), (9, 14, "GPE", 0.5)]
        sugg = [
            Suggestion(new_uuid(), doc.id, a, b, label, TEXT[a:b], "file:s.jsonl", score, "")
            for a, b, label, score in rows
        ]
        assert p.add_suggestions(sugg) == 2
    conn = sqlite3.connect(path)
    conn.execute(f"UPDATE suggestions SET score = {score_sql} WHERE {FIRST}")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize("score_sql", ["9e999", "-9e999", "'abc'", "x'00ff'"])
def test_the_window_opens_a_project_with_a_damaged_score(tmp_path: Path, score_sql: str) -> None:
    path = _tampered(tmp_path, score_sql)
    shot = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"))  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), str(shot)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])  # was -11 (SIGSEGV)
    assert "Traceback" not in done.stderr and "Error" not in done.stderr
    assert done.stdout.split()[-2:] == ["exit", "0"]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_list_shows_any_score_without_raising() -> None:
    from ui.suggestions.rows import score_text

    assert score_text(math.inf) == "1.00" and score_text(1e308 * 10) == "1.00"
    assert score_text(-math.inf) == "0.00" and score_text(math.nan) == "0.00"
    assert score_text(0.496) == "0.49"  # cut down, as before (QA 15)

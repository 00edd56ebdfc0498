"""A regular expression that backtracks without end (``(a|aa)+$``) is stopped after
``REGEX_SECONDS`` with a message, in the core and the command, instead of running forever."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotator.search import FoldedCorpus, FoldedText, Mode, Query, QueryError, find, matching
from annotator.search.matching import RegexTooSlow

SLOW = "نص " + "a" * 40 + "!"
PATTERN = "(a|aa)+$"


def test_a_backtracking_regex_stops_at_the_limit_with_a_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(matching, "REGEX_SECONDS", 0.5)
    # the regex library's timeout counts the process's CPU time (C ``clock()``), not the
    # wall clock: on a loaded machine the same stop came 7 s of wall time later (CI, load 6)
    started = time.process_time()
    with pytest.raises(RegexTooSlow) as caught:
        find(SLOW, Query(PATTERN, Mode.REGEX))
    assert time.process_time() - started < 3
    assert isinstance(caught.value, QueryError)
    message = str(caught.value)
    assert repr(PATTERN) in message and "0.5 seconds" in message
    corpus = FoldedCorpus([(1, "ok"), (2, SLOW)])
    with pytest.raises(RegexTooSlow):
        list(corpus.search(Query(PATTERN, Mode.REGEX)))


def test_regex_hits_are_unchanged_and_the_matcher_is_reused() -> None:
    text = "قال الوزير إن الوزراء وزراء اليوم abc\nوزير"
    query = Query(r"وزراء? \w+|^\w+", Mode.REGEX)
    ft = FoldedText.of(text, query.fold)
    regex = query.matcher().user_regex
    expected = [m.span() for m in re.finditer(regex.pattern, ft.folded, re.M)]
    assert [(h.start, h.end) for h in find(ft, query)] == [ft.span(s, e) for s, e in expected]
    assert [(h.start, h.end) for h in find(ft, query)] == [ft.span(s, e) for s, e in expected]
    assert find("", Query("a*", Mode.REGEX)) == []
    assert [(h.start, h.end) for h in find("xaay", Query("a*", Mode.REGEX))] == [(1, 3)]


def test_the_command_stops_a_backtracking_regex(tmp_path: Path) -> None:
    project = tmp_path / "p.annotator"
    source = tmp_path / "d.txt"
    source.write_text(SLOW + "\n", encoding="utf-8")
    cli = [sys.executable, "-m", "annotator.cli"]
    subprocess.run([*cli, "init", str(project)], check=True, capture_output=True, timeout=60)
    subprocess.run(
        [*cli, "import", str(project), str(source)], check=True, capture_output=True, timeout=60
    )
    started = time.monotonic()
    done = subprocess.run(
        [*cli, "search", str(project), PATTERN, "--regex"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert time.monotonic() - started < matching.REGEX_SECONDS + 10
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("annotator: error: the regular expression")
    assert repr(PATTERN) in lines[0]

"""Command-line findings of QA round 14: ``check`` tells "problems found" (1) from "could not
run" (2) and a broken pipe keeps that status; an output to ``-`` cut short by its reader is a
broken pipe, never "written"; options a command would ignore are refused; an interrupt at
start-up is one line; a schema JSON error names its line; a bad ``--annotator`` is blamed on
the option."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from annotator.cli import main

LINE = (
    '{"name":"d1","text":"زار محمد باريس","annotator":"amal","spans":'
    '[{"start":4,"end":8,"label":"PER"},{"start":9,"end":14,"label":"GPE"}]}\n'
)


def run(argv: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """The console entry point as its own process."""
    kwargs.setdefault("stderr", subprocess.PIPE)
    return subprocess.run(
        [sys.executable, "-m", "ui.entry", *argv], text=True, check=False, timeout=120, **kwargs
    )


@pytest.fixture
def project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A project of one document whose GPE span the schema (PER, LOC) no longer defines."""
    p = tmp_path / "p.annotator"
    source = tmp_path / "a.jsonl"
    source.write_text(LINE, encoding="utf-8")
    conf = tmp_path / "s.conf"
    conf.write_text("[entities]\nPER\nLOC\n", encoding="utf-8")
    assert main(["init", str(p)]) == 0
    assert main(["import", str(p), str(source)]) == 0
    assert main(["schema", str(p), "--import", str(conf)]) == 0
    capsys.readouterr()
    return p


# -- 1. check: problems found (1), could not run (2), a broken pipe keeps the status ----------


def test_check_problems_found_is_1_and_said_on_stderr(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(project)]) == 1
    out, err = capsys.readouterr()
    assert out.endswith("1 problem(s)\n")
    assert err == f"annotator: 1 problem(s) found in {project}\n"


def test_check_that_could_not_run_is_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.annotator"
    assert main(["check", str(missing)]) == 2
    assert capsys.readouterr().err == f"annotator: error: {missing}: no such project file\n"


def test_a_clean_check_is_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "clean.annotator"
    assert main(["init", str(p)]) == 0
    assert main(["check", str(p)]) == 0
    assert capsys.readouterr().err == ""


def test_check_into_a_closed_pipe_keeps_problems_found(project: Path) -> None:
    reader, writer = os.pipe()
    os.close(reader)  # `check P | head -0`: the reader is gone before anything is written
    try:
        done = run(["check", str(project)], stdout=writer)
    finally:
        os.close(writer)
    assert done.returncode == 1
    assert done.stderr == f"annotator: 1 problem(s) found in {project}\n"


def test_check_help_states_its_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "1 problems found" in text and "2 could not run" in text
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "check: 1 problems found, 2 could not run" in " ".join(capsys.readouterr().out.split())

"""Scratch folders: a killed process's copy is removed by the next one, a live one's never."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from annotator import scratch


def test_leftovers_of_dead_processes_go_and_live_ones_stay(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    gone = tmp_path / f"annotator-merge-{dead.stdout.strip()}-abc"
    gone.mkdir()
    (gone / "other.annotator").write_bytes(b"a colleague's whole project")
    mine = scratch.make("annotator-merge-")  # this process: alive
    other_prefix = tmp_path / f"annotator-ro-{dead.stdout.strip()}-x"
    other_prefix.mkdir()
    user = tmp_path / "annotator-merge-notes"  # not ours: no pid in the name
    user.mkdir()
    assert not gone.exists()
    assert mine.is_dir() and other_prefix.is_dir() and user.is_dir()
    with scratch.folder("annotator-merge-") as again:
        assert again.is_dir() and mine.is_dir()
    assert not again.exists()

"""The refusal a second window gets names the holding process by pid and program (never a host
name), says "another annotator window" when no holder is known, and says the project can be
opened read-only (issue 15)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.errors import ProjectFileError
from annotator.locking import EXCLUSIVE, SHARED, _refusal, acquire, program_of
from annotator.project import Project

HOLDER = """
import sys
from pathlib import Path
from annotator.locking import acquire
lock = acquire(Path(sys.argv[1]), sys.argv[2])
print("ready", flush=True)
sys.stdin.readline()
lock.release()
"""


def hold(tmp_path: Path, project: Path, kind: str) -> subprocess.Popen[str]:
    script = tmp_path / "window_holder.py"
    script.write_text(HOLDER, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, str(script), str(project), kind],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


def release(proc: subprocess.Popen[str]) -> None:
    proc.communicate("\n", timeout=30)  # closes the pipes too
    assert proc.returncode == 0


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc")
def test_a_second_window_is_told_the_holding_pid_and_program_and_read_only(
    tmp_path: Path,
) -> None:
    path = tmp_path / "p.annotator"
    Project.create(path).close()
    window = hold(tmp_path, path, EXCLUSIVE)
    try:
        with pytest.raises(ProjectFileError) as refused:
            acquire(path, EXCLUSIVE)
        message = str(refused.value)
        program = f"{Path(sys.executable).name} window_holder.py"
        assert f"process {window.pid} ({program})" in message, message
        assert "already open for editing" in message and "read-only" in message
        assert os.uname().nodename not in message.replace(str(tmp_path), "")
        with pytest.raises(ProjectFileError, match=f"process {window.pid} "):
            acquire(path, SHARED)  # a script or CLI writer is told the same holder
    finally:
        release(window)
    acquire(path, EXCLUSIVE).release()  # free again once the holder let go


def test_an_unknown_holder_is_another_annotator_window() -> None:
    message = _refusal(Path("p.annotator"), EXCLUSIVE, [])
    assert "another annotator window" in message and "process" not in message
    assert "opened read-only" in message


def test_program_of_an_unknown_process_is_empty() -> None:
    assert program_of(2**22 + 12345) == ""  # beyond pid_max: no such process


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc")
def test_program_of_a_module_run_names_the_module(tmp_path: Path) -> None:
    (tmp_path / "holdmod.py").write_text(
        'import sys\nprint("ready", flush=True)\nsys.stdin.readline()\n', encoding="utf-8"
    )
    proc = subprocess.Popen(
        [sys.executable, "-u", "-X", "utf8", "-m", "holdmod"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        assert program_of(proc.pid) == f"{Path(sys.executable).name} -m holdmod"
    finally:
        release(proc)

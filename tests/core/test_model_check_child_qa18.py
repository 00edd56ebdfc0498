"""The model check's child process ends quietly when no one reads its answer (QA 18, defect 9).

The window checks the stored model in a child process (``check_stored_model`` starts
``_check_child`` through ``isolated.run_isolated``), which answers through a pipe. When the
window closed or crashed before the answer, the child's ``send`` met a closed pipe and its
BrokenPipeError (twice: its error handler sent again) went to the standard error it shares
with the window, as a traceback (2 of about 20 ``annotator gui --screenshot`` runs). Now a
child that finds the reading end closed ends at once, quietly (``isolated.answer``), and a
child whose parent is gone ends without waiting to answer (``isolated.watch_parent``).
Qt-free: the child is the core's.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotator.commands.suggestions import _check_child
from annotator.project import Project

ROOT = Path(__file__).resolve().parents[2]

SLEEP_S = 60.0
"""how long ``_slow_child`` works before it answers"""


def _slow_child(conn: multiprocessing.connection.Connection, seconds: float) -> None:
    """A child that works ``seconds`` before it answers (a training, say)."""
    time.sleep(seconds)
    conn.send(("done", None))


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_document("زار محمد بغداد امس", name="d")
    return path


def _gone(pid: int) -> bool:
    """Whether process ``pid`` has ended (gone, or a zombie no one reaped)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] in {"Z", "X"}


def test_the_child_ends_quietly_when_its_reader_is_closed(
    project_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """Started as ``run_isolated`` starts it, its reading end closed before it answers (the
    window gone): it exits, with no traceback on its standard error (this test's, by fd)."""
    ctx = multiprocessing.get_context("spawn")
    reader, writer = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_check_child, args=(writer, str(project_path)), daemon=True)
    proc.start()
    writer.close()
    reader.close()  # before the child could answer: it is still starting
    proc.join(60)
    assert proc.exitcode == 0
    err = capfd.readouterr().err
    assert "Traceback" not in err and "BrokenPipeError" not in err, err


SCRIPT = """
import multiprocessing, os, sys, threading, time
from pathlib import Path
sys.path.insert(0, {root!r})
from annotator.commands.suggestions import check_stored_model
from annotator.learn.isolated import run_isolated
from tests.core.test_model_check_child_qa18 import _slow_child

if sys.argv[1] == "check":  # as the window's pool thread does
    job = lambda: check_stored_model(Path(sys.argv[2]))
else:
    job = lambda: run_isolated(_slow_child, ({sleep!r},), lambda *a: None)
threading.Thread(target=job, daemon=True).start()
while not multiprocessing.active_children():
    time.sleep(0.005)
print(multiprocessing.active_children()[0].pid, flush=True)
os._exit(0)  # the window's process gone (a crash) before the child answered
"""


def _crash(*argv: str) -> tuple[int, str, float]:
    """Run ``SCRIPT``: it starts the child on a thread and dies at once. Returns the
    child's pid, the standard error the script and its child shared, read to its end (the
    child holds it open until it exits), and how long that took."""
    script = SCRIPT.format(root=str(ROOT), sleep=SLEEP_S)
    start = time.monotonic()
    run = subprocess.run(
        [sys.executable, "-c", script, *argv],
        capture_output=True,
        text=True,
        timeout=SLEEP_S * 2,
        cwd=ROOT,
    )
    took = time.monotonic() - start
    assert run.returncode == 0, run.stderr
    return int(run.stdout.split()[0]), run.stderr, took


def test_the_check_child_of_a_crashed_window_ends_without_a_traceback(
    project_path: Path,
) -> None:
    pid, err, _ = _crash("check", str(project_path))
    assert "Traceback" not in err and "BrokenPipeError" not in err, err
    assert _gone(pid)


def test_a_child_whose_parent_is_gone_stops_working(tmp_path: Path) -> None:
    """The parent dies while its child works: the child ends then, not when its work is done
    and it finds no one to tell (it would have run ``SLEEP_S`` seconds for no one)."""
    pid, err, took = _crash("slow")
    assert took < SLEEP_S / 2, took
    assert _gone(pid)
    assert "Traceback" not in err, err


def test_answer_outside_a_broken_pipe_sends() -> None:
    """``answer`` is ``send`` while someone reads."""
    from annotator.learn.isolated import answer

    reader, writer = multiprocessing.Pipe(duplex=False)
    answer(writer, ("done", "x"))
    assert reader.recv() == ("done", "x")
    reader.close()
    writer.close()

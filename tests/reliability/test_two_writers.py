"""Two writers: one project lock in the core (``annotator.locking``) for the GUI and every writer.

An annotator window holds the project's lock exclusively; CLI write commands and scripts hold
it shared. So a CLI write while a window has the project open is refused in one line naming the
window's process, read commands still work, and a window cannot open a project while a CLI
import runs. Writers that are not windows coexist (two API handles in one process, a script and
the CLI). The lock dies with its process: a killed window blocks nobody.

The window and the long import run in child processes (the lock is per process by design: a
window's own worker threads write under its lock).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.errors import ProjectFileError
from annotator.locking import lock_path
from annotator.project import Project
from tests.conftest import SEED
from tests.reliability.cli_run import cli
from tests.reliability.conftest import Tally

TEXT = SEED.read_text(encoding="utf-8")
ROOT = Path(__file__).resolve().parents[2]

# A window: a real ui.session.Session holding the project, until told to close on stdin.
WINDOW = """
import sys
from PySide6.QtGui import QGuiApplication
from ui.session import Session
app = QGuiApplication([])
session = Session()
session.open_project(sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()
session.close()
print("closed", flush=True)
"""

# A CLI import paused after it opened the project for writing, until told to go on.
SLOW_IMPORT = """
import sys
import annotator.importing as importing
real = importing.import_documents
def paused(*args, **kwargs):
    print("ready", flush=True)
    sys.stdin.readline()
    return real(*args, **kwargs)
importing.import_documents = paused
from annotator.cli import main
sys.exit(main(["import", sys.argv[1], sys.argv[2]]))
"""

# A script holding a write handle, until told to close.
SCRIPT = """
import sys
from annotator.project import Project
p = Project.open(sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()
doc = p.add_document("نص من السكربت", name="script")
p.close()
print("closed", flush=True)
"""


@contextlib.contextmanager
def child(code: str, *args: str) -> Iterator[subprocess.Popen[str]]:
    """A child process running ``code``; it has printed "ready" when this yields."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().strip()
        if line != "ready":
            proc.kill()
            _, err = proc.communicate(timeout=30)
            raise AssertionError(f"child did not start: {line!r} {err}")
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate(timeout=30)


def go_on(proc: subprocess.Popen[str]) -> str:
    """Let the child continue; returns the rest of its output once it exited."""
    out, err = proc.communicate("go\n", timeout=60)
    assert proc.returncode == 0, err
    return out


def make_project(path: Path) -> None:
    with Project.create(path) as p:
        doc = p.add_document(TEXT, name="seed")
        for i in range(0, 100, 10):
            p.add_span(doc.id, i, i + 4, "PER", "amal")


def jsonl(folder: Path, name: str) -> Path:
    src = folder / f"{name}.jsonl"
    line = {"text": f"{TEXT}\n{name}", "name": name, "annotator": "badr",
            "spans": [{"start": 0, "end": 5, "label": "GPE"}]}  # fmt: skip
    src.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    return src


def names(path: Path) -> list[str]:
    with Project.open(path, read_only=True) as p:
        return [d.name for d in p.documents()]


def test_cli_writes_are_refused_while_a_window_holds_the_project(
    tmp_path: Path, tally: Tally
) -> None:
    path = tmp_path / "p.annotator"
    make_project(path)
    src = jsonl(tmp_path, "cli")
    other = tmp_path / "other.annotator"
    make_project(other)
    with child(WINDOW, str(path)) as window:
        before = path.read_bytes()
        row = tally("two writers: CLI write while a window holds the project")
        for args in (
            ("import", str(path), str(src)),
            ("merge", str(path), str(other)),
            ("schema", str(path), "--import", str(ROOT / "resources/schemas/ace2005.json")),
        ):
            row.tried += 1
            run = cli(*args)
            assert not run.traceback, run.traceback
            assert run.rc == 1 and run.one_line, run.err
            assert f"process {window.pid}" in run.err and "annotator window" in run.err, run.err
            row.clean_error += 1
        with pytest.raises(ProjectFileError, match=f"process {window.pid}"):
            Project.open(path)  # a script is refused the same way
        row = tally("two writers: CLI read while a window holds the project")
        for read in (("stats", str(path)), ("export", str(path), "-o", str(tmp_path / "e.jsonl"))):
            row.tried += 1
            assert cli(*read).rc == 0
            row.accepted += 1
        assert path.read_bytes() == before
        go_on(window)
    assert not lock_path(path).exists()
    assert cli("import", str(path), str(src)).rc == 0  # the window is gone: writes work
    assert names(path) == ["seed", "cli"]


def test_a_window_cannot_open_a_project_while_a_cli_import_runs(
    tmp_path: Path, qtbot: object, tally: Tally
) -> None:
    from ui.session import Session

    path = tmp_path / "p.annotator"
    make_project(path)
    src = jsonl(tmp_path, "slow")
    row = tally("two writers: window opened while a CLI import runs")
    with child(SLOW_IMPORT, str(path), str(src)) as importer:
        session = Session()
        row.tried += 1
        with pytest.raises(ProjectFileError) as caught:
            session.open_project(path)
        message = str(caught.value)
        assert f"process {importer.pid}" in message and "being written" in message, message
        assert "\n" not in message
        row.clean_error += 1
        project = session.open_project(path, read_only=True)  # read-only is fine meanwhile
        assert [d.name for d in project.documents()] == ["seed"]
        session.close()
        out = go_on(importer)
        assert "documents added: 1" in out
    session = Session()
    project = session.open_project(path)  # the import finished: the window opens it
    assert [d.name for d in project.documents()] == ["seed", "slow"]
    session.close()
    assert not lock_path(path).exists()


def test_writers_that_are_not_windows_coexist(tmp_path: Path, tally: Tally) -> None:
    path = tmp_path / "p.annotator"
    make_project(path)
    row = tally("two writers: API handles, a script and the CLI together")
    row.tried += 1
    with Project.open(path) as a, Project.open(path) as b:  # two handles in one process
        a.add_span(1, 100, 104, "GPE", "amal")
        b.add_span(1, 110, 114, "GPE", "badr")
        with child(SCRIPT, str(path)) as script:  # and a script in another process
            assert cli("import", str(path), str(jsonl(tmp_path, "cli"))).rc == 0
            go_on(script)
        assert len(a.spans()) == len(b.spans()) == 10 + 2 + 1  # seed, two handles, the CLI
    assert sorted(names(path)) == ["cli", "script", "seed"]
    assert not lock_path(path).exists()
    row.accepted += 1


def test_a_killed_window_blocks_nobody(tmp_path: Path, tally: Tally) -> None:
    path = tmp_path / "p.annotator"
    make_project(path)
    row = tally("two writers: window killed (-9), then the CLI writes")
    row.tried += 1
    with child(WINDOW, str(path)) as window:
        window.send_signal(signal.SIGKILL)
        window.wait(timeout=30)
    assert lock_path(path).exists()  # left behind, but nobody holds it
    assert cli("import", str(path), str(jsonl(tmp_path, "after"))).rc == 0
    assert names(path) == ["seed", "after"]
    assert not lock_path(path).exists()
    row.accepted += 1

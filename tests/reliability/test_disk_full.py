"""A full disk: one-line errors naming the cause, the project exactly as it was, still usable.

SQLite's "database or disk is full" is produced without root tricks by ``PRAGMA
max_page_count`` on the connection (the file may not grow past its current size); exports meet
ENOSPC from a patched ``open``. Where this process may mount file systems (root, as in the
development container) the same cases also run on a real, small, filled tmpfs; elsewhere those
variants are skipped and the simulated ones still run.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from annotator.errors import AnnotatorError, ProjectFileError, ValidationError
from annotator.project import Project
from annotator.store import Store
from tests.conftest import SEED
from tests.reliability.cli_run import cli
from tests.reliability.conftest import Tally

TEXT = SEED.read_text(encoding="utf-8")


def content(path: Path) -> str:
    """Every row of the project, read with SQLite alone (sees committed data in the log)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        h = hashlib.sha256()
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for name in sorted(names):
            for row in conn.execute(f'SELECT * FROM "{name}" ORDER BY rowid'):
                h.update(repr(row).encode())
        return h.hexdigest()
    finally:
        conn.close()


def make_project(path: Path, docs: int = 3) -> None:
    with Project.create(path) as p:
        for k in range(docs):
            doc = p.add_document(f"{TEXT}\n{k}", name=f"doc{k}")
            for i in range(0, 200, 10):
                p.add_span(doc.id, i, i + 4, "PER", "amal")


def incoming(folder: Path, n: int = 20) -> Path:
    src = folder / "incoming.jsonl"
    src.write_text(
        "".join(
            json.dumps(
                {"text": f"{TEXT}\nnew {k}", "name": f"new{k}", "annotator": "badr",
                 "spans": [{"start": 0, "end": 5, "label": "GPE"}]},
                ensure_ascii=False,
            ) + "\n"
            for k in range(n)
        ),
        encoding="utf-8",
    )  # fmt: skip
    return src


@pytest.fixture
def no_growth(monkeypatch: pytest.MonkeyPatch) -> Callable[[bool], None]:
    """``limit(True)``: every write connection opened from now on may not grow its file."""
    original = Store._configure
    state = {"on": False}

    def configure(path: Path, conn: Any, read_only: bool) -> None:
        original(path, conn, read_only)
        if not read_only and state["on"]:
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            conn.execute(f"PRAGMA max_page_count = {pages}")

    monkeypatch.setattr(Store, "_configure", staticmethod(configure))

    def limit(on: bool) -> None:
        state["on"] = on

    return limit


# -- SQLite: database or disk is full ------------------------------------------------------
def test_import_on_a_full_disk_is_one_line_and_changes_nothing(
    tmp_path: Path, no_growth: Callable[[bool], None], tally: Tally
) -> None:
    path = tmp_path / "p.annotator"
    make_project(path)
    src = incoming(tmp_path)
    before_bytes, before = path.read_bytes(), content(path)
    no_growth(True)
    row = tally("disk full (SQLITE_FULL): CLI import")
    for _ in range(3):
        row.tried += 1
        run = cli("import", str(path), str(src))
        assert not run.traceback, run.traceback
        assert run.rc == 1 and run.one_line, run.err
        assert "disk full" in run.err and "cannot rollback" not in run.err, run.err
        row.clean_error += 1
    assert content(path) == before
    assert path.read_bytes() == before_bytes
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0
    no_growth(False)
    assert cli("import", str(path), str(src)).rc == 0  # once there is room again it works


def test_api_edit_on_a_full_disk_raises_one_error_and_the_handle_still_works(
    tmp_path: Path, tally: Tally
) -> None:
    path = tmp_path / "p.annotator"
    make_project(path, docs=1)
    row = tally("disk full (SQLITE_FULL): API edits")
    with Project.open(path) as p:
        spans_before = len(p.spans())
        # white-box: the file's size limit is set on the project's own connection
        pages = p._store.conn.execute("PRAGMA page_count").fetchone()[0]
        p._store.conn.execute(f"PRAGMA max_page_count = {pages}")
        for attempt in range(5):
            row.tried += 1
            with pytest.raises(ProjectFileError) as caught:
                p.add_document(f"{TEXT * 4}\nbig {attempt}", name=f"big{attempt}")
            message = str(caught.value)
            assert "disk full" in message and "\n" not in message
            assert "cannot rollback" not in message
            row.clean_error += 1
        assert len(p.spans()) == spans_before  # still readable
        assert len(p.documents()) == 1
        p._store.conn.execute(f"PRAGMA max_page_count = {pages * 100}")
        doc = p.add_document(f"{TEXT}\nafter", name="after")  # and writable again
        p.add_span(doc.id, 0, 5, "GPE", "amal")
    with Project.open(path, read_only=True) as p:
        assert [d.name for d in p.documents()] == ["doc0", "after"]


def test_a_failing_rollback_does_not_hide_the_first_error(tmp_path: Path, tally: Tally) -> None:
    """The first error is the one raised; the connection is then closed (SQLite drops the
    uncommitted transaction) and the store says so on further use; the file is intact."""
    path = tmp_path / "p.annotator"
    make_project(path, docs=1)
    before = content(path)
    row = tally("disk full: ROLLBACK fails too")
    row.tried += 1
    p = Project.open(path)
    real = p._store.conn  # white-box: a connection whose ROLLBACK fails, under the store

    class RollbackFails:
        def __getattr__(self, name: str) -> Any:
            return getattr(real, name)

        def execute(self, sql: str, *args: Any) -> Any:
            if sql == "ROLLBACK":
                raise sqlite3.OperationalError("disk I/O error")
            return real.execute(sql, *args)

    p._store.conn = RollbackFails()  # type: ignore[assignment,unused-ignore]
    pages = real.execute("PRAGMA page_count").fetchone()[0]
    real.execute(f"PRAGMA max_page_count = {pages}")
    # SQLite rolls back by itself after most "disk full" errors: then nothing is left to undo
    with pytest.raises(ProjectFileError, match="disk full"):
        p.add_document(TEXT * 4, name="big")
    assert p.documents()
    # a transaction still open when its body fails: the ROLLBACK itself fails
    with pytest.raises(ValidationError, match="the first error"), p.transaction():
        p.set_status(p.documents()[0].id, "amal", "done")
        raise ValidationError("the first error")
    with pytest.raises(ProjectFileError, match="closed after a failed write"):
        p.spans()
    with pytest.raises(ProjectFileError, match="closed after a failed write"):
        p.add_span(1, 0, 5, "GPE", "amal")
    p.close()
    p.close()
    row.clean_error += 1
    assert content(path) == before
    with Project.open(path) as again:  # and the lock was released
        again.add_span(1, 0, 5, "GPE", "amal")


# -- exports: ENOSPC -----------------------------------------------------------------------
@contextlib.contextmanager
def enospc_under(folder: Path, at_open: bool) -> Iterator[None]:
    """Files opened for writing under ``folder`` fail with ENOSPC: at open, or at the first
    write (with no file name, as a real full disk does)."""
    real_open = io.open

    class Full:
        def __init__(self, fh: Any) -> None:
            self._fh = fh

        def write(self, data: Any) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self._fh.close()

        def __getattr__(self, name: str) -> Any:
            return getattr(self._fh, name)

    def fake_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        target = Path(os.fsdecode(file)) if isinstance(file, str | bytes | os.PathLike) else None
        writing = any(c in mode for c in "wax+")
        if target is not None and writing and folder in target.resolve().parents:
            if at_open:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))
            return Full(real_open(file, mode, *args, **kwargs))
        return real_open(file, mode, *args, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(io, "open", fake_open)
        mp.setattr("builtins.open", fake_open)
        yield


@pytest.mark.parametrize("fmt", ["jsonl", "conll", "brat", "doccano"])
@pytest.mark.parametrize("at_open", [True, False], ids=["at-open", "at-write"])
def test_export_to_a_full_disk_is_one_line(
    tmp_path: Path, fmt: str, at_open: bool, tally: Tally
) -> None:
    path = tmp_path / "p.annotator"
    make_project(path, docs=1)
    before = path.read_bytes()
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / f"export.{fmt}"
    row = tally("disk full (ENOSPC, simulated): CLI export")
    row.tried += 1
    with enospc_under(out_dir, at_open):
        run = cli("export", str(path), "--format", fmt, "--output", str(out))
    assert not run.traceback, run.traceback
    assert run.rc == 1 and run.one_line, run.err
    assert "no space left on device" in run.err and str(out_dir) in run.err, run.err
    row.clean_error += 1
    assert path.read_bytes() == before
    assert list(out_dir.iterdir()) == []  # nothing half-written left behind


# -- a real full disk (tmpfs) ----------------------------------------------------------------
@contextlib.contextmanager
def small_tmpfs(size_kib: int) -> Iterator[Path]:
    """A fresh tmpfs of ``size_kib``; skips the test where this process may not mount."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    where = Path(tempfile.mkdtemp(prefix="annotator-full-"))
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kib}k", "tmpfs", str(where)],
        capture_output=True,
    )
    if done.returncode != 0:
        where.rmdir()
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)
        with contextlib.suppress(OSError):
            where.rmdir()


def fill(folder: Path, leave: int = 0) -> Path:
    """Fill the file system of ``folder`` up to ``leave`` bytes."""
    filler = folder / "filler"
    with filler.open("wb") as fh:
        chunk = b"\0" * 4096
        with contextlib.suppress(OSError):
            while True:
                free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
                if free <= leave:
                    break
                fh.write(chunk[: max(1, min(len(chunk), free - leave))])
                fh.flush()
    return filler


def test_real_full_tmpfs(tmp_path: Path, tally: Tally) -> None:
    source = tmp_path / "p.annotator"
    make_project(source)
    src = incoming(tmp_path, n=40)
    size_kib = source.stat().st_size // 1024 + 512
    with small_tmpfs(size_kib) as disk:
        path = disk / "p.annotator"
        shutil.copyfile(source, path)
        before = content(path)
        before_bytes = path.read_bytes()
        filler = fill(disk)
        for name, args in {
            "CLI import": ("import", str(path), str(src)),
            "CLI export": ("export", str(path), "--format", "jsonl", "-o", str(disk / "o.jsonl")),
            "CLI schema export": ("schema", str(path), "--export", str(disk / "s.json")),
            "CLI init": ("init", str(disk / "new.annotator")),
        }.items():
            row = tally(f"disk full (real tmpfs): {name}")
            row.tried += 1
            run = cli(*args)
            assert not run.traceback, run.traceback
            assert run.rc == 1 and run.one_line, (name, run.err)
            assert "disk full" in run.err or "no space left on device" in run.err, run.err
            row.clean_error += 1
            assert content(path) == before
            assert path.read_bytes() == before_bytes
            left = set(os.listdir(disk)) - {"filler", "p.annotator", "p.annotator-shm"}
            assert left <= {"p.annotator-wal"}, (name, left)  # no .creating, .partial, lock...
            wal = disk / "p.annotator-wal"
            assert not wal.exists() or wal.stat().st_size == 0, name  # nothing half-written
        # the API on the full disk: one error per edit, the handle stays usable
        with Project.open(path) as p:
            row = tally("disk full (real tmpfs): API edits")
            for k in range(3):
                row.tried += 1
                with pytest.raises(AnnotatorError, match=r"disk full|no space"):
                    p.add_document(f"{TEXT * 3}\nfull {k}", name=f"full{k}")
                row.clean_error += 1
            assert len(p.documents()) == 3
            filler.unlink()  # room again: the same handle writes
            p.add_document(f"{TEXT}\nroom", name="room")
        with Project.open(path, read_only=True) as p:
            assert len(p.documents()) == 4


# -- the command line's last safety net ------------------------------------------------------
def test_the_cli_puts_any_os_or_database_error_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tally: Tally
) -> None:
    """Errors the store and the commands did not translate still end in one line."""
    import annotator.cli as cli_module

    path = tmp_path / "p.annotator"
    make_project(path, docs=1)
    row = tally("CLI safety net: untranslated OSError / database error")
    cases: list[tuple[BaseException, str]] = [
        (OSError(errno.ENOSPC, "No space left on device"), "no space left on device: "),
        (OSError(errno.EROFS, "Read-only file system", "/media/x"), "read-only file system: "),
        (PermissionError(errno.EACCES, "Permission denied", "/root/x"), "permission denied: "),
        (sqlite3.OperationalError("database or disk is full"), "database error: "),
        (sqlite3.DatabaseError("file is not a database\nsecond line"), "database error: "),
    ]
    for exc, expected in cases:

        def boom(args: Any, exc: BaseException = exc) -> int:
            raise exc

        monkeypatch.setattr(cli_module, "cmd_stats", boom)
        row.tried += 1
        run = cli("stats", str(path))
        assert not run.traceback, run.traceback
        assert run.rc == 1 and run.one_line and expected in run.err, run.err
        row.clean_error += 1

"""Read-only media: read commands work and leave nothing behind; write commands say "read-only".

Cases (``annotator.store`` docstring): a project on a read-only file system with no pending
write-ahead log (opened ``immutable``), with a pending log and its ``-shm`` (opened ``mode=ro``,
the log's committed data is read), with a pending log but no ``-shm`` (a private copy is read);
a folder or file this process may not write. The real read-only mount (a tmpfs remounted
read-only) needs root and ``mount``; where that is refused those variants are skipped, and the
same cases run with the writability check patched (``annotator.locking._access``) so CI always
exercises them.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator import locking
from annotator.errors import ProjectFileError
from annotator.project import Project
from tests.conftest import SEED
from tests.reliability.cli_run import cli
from tests.reliability.conftest import Tally

TEXT = SEED.read_text(encoding="utf-8")


def make_project(path: Path) -> None:
    with Project.create(path) as p:
        for k in range(2):
            doc = p.add_document(f"{TEXT}\n{k}", name=f"doc{k}")
            for who in ("amal", "badr"):
                for i in range(0, 120, 10):
                    p.add_span(doc.id, i, i + 4, "PER" if who == "amal" or i % 20 else "GPE", who)


def with_pending_log(src: Path, dest: Path, keep_shm: bool) -> None:
    """Copy ``src`` into ``dest`` as a writer that crashed leaves it: the last document exists
    only in the write-ahead log (with or without its ``-shm``)."""
    p = Project.open(src)
    try:
        p._store.conn.execute("PRAGMA wal_autocheckpoint = 0")  # white-box: keep the log
        p.add_document(f"{TEXT}\nonly in the log", name="logged")
        for suffix in ("", "-wal", "-shm") if keep_shm else ("", "-wal"):
            shutil.copyfile(f"{src}{suffix}", f"{dest}{suffix}")
    finally:
        p.close()
    assert Path(f"{dest}-wal").stat().st_size > 0


def reads(p: str, out: str) -> dict[str, tuple[str, ...]]:
    """The read commands (in annotator/cli.py) on project ``p``, writing outputs into ``out``."""
    return {
        "stats": ("stats", p, "--json"),
        "check": ("check", p),
        "docs": ("docs", p, "--json"),
        "export": ("export", p, "--format", "jsonl", "--output", f"{out}/e.jsonl"),
        "agreement": ("agreement", p, "--json", "--report", f"{out}/a.html"),
        "bundle": ("bundle", p, "--annotator", "amal", "--output", f"{out}/a.bundle"),
        "schema": ("schema", p, "--export", f"{out}/schema.json"),
    }


def writes(path: str, src: Path, other: Path) -> dict[str, tuple[str, ...]]:
    return {
        "import": ("import", path, str(src)),
        "merge": ("merge", path, str(other)),
        "schema import": ("schema", path, "--import", str(other.with_name("schema.json"))),
    }


def check_media(folder: Path, path: Path, out: Path, tally: Tally, label: str, docs: int) -> None:
    """Every read command works on ``path`` and creates nothing in ``folder``; every write
    command is refused in one line saying "read-only"; the file is unchanged."""
    listing = sorted(os.listdir(folder))
    kept = [name for name in listing if not name.endswith("-shm")]  # readers may mark -shm
    before = {name: (folder / name).read_bytes() for name in kept}
    row = tally(f"read-only ({label}): read commands")
    for name, args in reads(str(path), str(out)).items():
        row.tried += 1
        run = cli(*args)
        assert not run.traceback, run.traceback
        assert run.rc == 0, (name, run.err)
        row.accepted += 1
        if name == "stats":
            assert json.loads(run.out)["documents"] == docs
        assert sorted(os.listdir(folder)) == listing, name  # no -wal, -shm or lock left
    src = out / "in.jsonl"
    src.write_text(json.dumps({"text": "نص جديد", "name": "new"}, ensure_ascii=False) + "\n")
    other = out / "other.annotator"
    if not other.exists():
        make_project(other)
        assert cli("schema", str(other), "--export", str(out / "schema.json")).rc == 0
    row = tally(f"read-only ({label}): write commands")
    for name, args in writes(str(path), src, other).items():
        row.tried += 1
        run = cli(*args)
        assert not run.traceback, run.traceback
        assert run.rc == 1 and run.one_line, (name, run.err)
        assert "read-only" in run.err and "corrupt" not in run.err, (name, run.err)
        row.clean_error += 1
        assert sorted(os.listdir(folder)) == listing, name
    row.tried += 1
    run = cli("init", str(folder / "new.annotator"))
    assert run.rc == 1 and run.one_line and "read-only" in run.err, run.err
    row.clean_error += 1
    with pytest.raises(ProjectFileError, match="read-only"):
        Project.open(path)
    with Project.open(path, read_only=True) as p:
        assert len(p.documents()) == docs
    assert {name: (folder / name).read_bytes() for name in kept} == before


# -- a real read-only mount --------------------------------------------------------------------
@contextlib.contextmanager
def read_only_mount(files: dict[str, Path]) -> Iterator[Path]:
    """A tmpfs holding copies of ``files``, remounted read-only (skips where not permitted)."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting needs root")
    where = Path(tempfile.mkdtemp(prefix="test-ro-mount-"))  # not a name the app uses
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(where)], capture_output=True
    )
    if done.returncode != 0:
        where.rmdir()
        pytest.skip(f"cannot mount here: {done.stderr.decode(errors='replace').strip()}")
    try:
        for name, source in files.items():
            shutil.copyfile(source, where / name)
        ro = subprocess.run(["mount", "-o", "remount,ro", str(where)], capture_output=True)
        if ro.returncode != 0:
            pytest.skip("cannot remount read-only here")
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)
        with contextlib.suppress(OSError):
            where.rmdir()


@pytest.mark.parametrize("log", ["no log", "log and shm", "log without shm"])
def test_real_read_only_mount(tmp_path: Path, log: str, tally: Tally) -> None:
    src = tmp_path / "src.annotator"
    make_project(src)
    staged = tmp_path / "staged"
    staged.mkdir()
    files = {"p.annotator": src}
    docs = 2
    if log != "no log":
        with_pending_log(src, staged / "p.annotator", keep_shm=log == "log and shm")
        files = {f.name: f for f in staged.iterdir()}
        docs = 3
    out = tmp_path / "out"
    out.mkdir()
    with read_only_mount(files) as media:
        assert not os.access(media, os.W_OK)
        check_media(media, media / "p.annotator", out, tally, f"mount, {log}", docs)
    assert not list(Path(tempfile.gettempdir()).glob("annotator-ro-*/p.annotator"))


def test_real_read_only_mount_refuses_a_window(tmp_path: Path, qtbot: object) -> None:
    from ui.session import Session

    src = tmp_path / "src.annotator"
    make_project(src)
    with read_only_mount({"p.annotator": src}) as media:
        session = Session()
        with pytest.raises(ProjectFileError, match="read-only"):
            session.open_project(media / "p.annotator")
        project = session.open_project(media / "p.annotator", read_only=True)
        assert len(project.documents()) == 2
        session.close()
        assert os.listdir(media) == ["p.annotator"]


# -- the same, with the writability check patched (runs everywhere) ------------------------------
@pytest.fixture
def unwritable(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Paths listed here (files or folders) are reported unwritable by the access check."""
    blocked: list[Path] = []
    real = locking._access

    def access(path: Path) -> bool:
        resolved = Path(path).resolve()
        return resolved not in [b.resolve() for b in blocked] and real(path)

    monkeypatch.setattr(locking, "_access", access)
    return blocked


@pytest.mark.parametrize("log", ["no log", "log and shm", "log without shm"])
def test_unwritable_folder(tmp_path: Path, log: str, unwritable: list[Path], tally: Tally) -> None:
    src = tmp_path / "src.annotator"
    make_project(src)
    media = tmp_path / "media"
    media.mkdir()
    docs = 2
    if log == "no log":
        shutil.copyfile(src, media / "p.annotator")
    else:
        with_pending_log(src, media / "p.annotator", keep_shm=log == "log and shm")
        docs = 3
    out = tmp_path / "out"
    out.mkdir()
    unwritable.append(media)
    check_media(media, media / "p.annotator", out, tally, f"folder, {log}", docs)


def test_unwritable_file_in_a_writable_folder(
    tmp_path: Path, unwritable: list[Path], tally: Tally
) -> None:
    path = tmp_path / "p.annotator"
    make_project(path)
    unwritable.append(path)
    before = path.read_bytes()
    row = tally("read-only (file): write commands")
    row.tried += 1
    run = cli("import", str(path), str(SEED))
    assert run.rc == 1 and run.one_line and "the project file is read-only" in run.err, run.err
    row.clean_error += 1
    run = cli("stats", str(path))
    assert run.rc == 0, run.err
    assert path.read_bytes() == before

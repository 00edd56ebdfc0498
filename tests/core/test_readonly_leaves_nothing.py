"""A project file nobody may write (``chmod 444``) in a writable folder is read as a read-only
medium: reading it (the CLI's read commands, ``gui --screenshot``'s read-only open) leaves no
``-wal`` or ``-shm`` beside it, and a write-ahead log a crashed writer left is still read and
never removed or changed (``annotator.store``, "Read-only media")."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.project import Project
from tests.conftest import SEED

TEXT = SEED.read_text(encoding="utf-8")


def make(path: Path) -> None:
    with Project.create(path) as p:
        for k in range(2):
            p.add_document(f"{TEXT}\n{k}", name=f"doc{k}")


def with_pending_log(src: Path, dest: Path, keep_shm: bool) -> None:
    """``dest``: ``src`` as a writer that crashed leaves it, one document only in the log."""
    p = Project.open(src)
    try:
        p._store.conn.execute("PRAGMA wal_autocheckpoint = 0")  # white-box: keep the log
        p.add_document(f"{TEXT}\nonly in the log", name="logged")
        for suffix in ("", "-wal", "-shm") if keep_shm else ("", "-wal"):
            shutil.copyfile(f"{src}{suffix}", f"{dest}{suffix}")
    finally:
        p.close()
    assert Path(f"{dest}-wal").stat().st_size > 0


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    here = tmp_path / "media"
    here.mkdir()
    yield here
    for f in here.iterdir():
        f.chmod(0o644)


@pytest.mark.parametrize("log", ["no log", "log and shm", "log without shm"])
def test_reading_a_read_only_file_leaves_nothing_beside_it(
    tmp_path: Path, folder: Path, log: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = folder / "p.annotator"
    docs = 2
    if log == "no log":
        make(path)
    else:
        src = tmp_path / "src.annotator"
        make(src)
        with_pending_log(src, path, keep_shm=log == "log and shm")
        docs = 3
    path.chmod(0o444)
    listing = sorted(os.listdir(folder))
    kept = {n: (folder / n).read_bytes() for n in listing if not n.endswith("-shm")}
    with Project.open(path, read_only=True) as p:
        assert len(p.documents()) == docs  # a pending log's committed data is read
        names = [d.name for d in p.documents()]
        doc = p.document_by_name(names[-1])
        assert doc is not None and doc.text.startswith(TEXT[:20])
    assert sorted(os.listdir(folder)) == listing
    for argv in (["docs", str(path), "--json"], ["search", str(path), "باريس", "--limit", "1"]):
        assert main(argv) == 0, capsys.readouterr().err
        assert sorted(os.listdir(folder)) == listing, argv
    assert {n: (folder / n).read_bytes() for n in kept} == kept  # the user's log untouched

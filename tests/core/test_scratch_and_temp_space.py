"""Scratch folders and the temporary folder (``annotator.scratch``): a full temporary folder is
named as such, never as the project's disk (an import's spill, a read-only open's private copy,
the search index SQLite sorts there); a file changing inside an imported folder refuses the
import; a scratch folder belongs to whoever holds its lock, whatever its pid looks like."""

from __future__ import annotations

import argparse
import errno
import fcntl
import json
import os
import pickle
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator import scratch
from annotator.cli import _os_error, main
from annotator.errors import AnnotatorError, ProjectFileError
from annotator.importing import (
    SCRATCH_PREFIX,
    DocumentStream,
    import_documents,
    index_after_import,
    stream_files,
)
from annotator.project import Project
from tests.core.test_readonly_leaves_nothing import make as make_project
from tests.core.test_readonly_leaves_nothing import with_pending_log


@pytest.fixture
def temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small temporary folder of its own, as TMPDIR would give."""
    here = tmp_path / "tmp"
    here.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(here))
    monkeypatch.setenv("TMPDIR", str(here))
    monkeypatch.delenv("SQLITE_TMPDIR", raising=False)
    return here


def full(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # as a full file system: no name


def write_input(path: Path, docs: int = 30) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for k in range(docs):
            fh.write(json.dumps({"text": f"وثيقة رقم {k} عن باريس", "name": f"d{k}"}) + "\n")
    return path


def snapshot(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as conn:
        return list(conn.execute("SELECT name, text FROM documents ORDER BY name"))


# -- D1: an import's spill ------------------------------------------------------------------
def test_a_full_temporary_folder_is_named_not_the_project(
    tmp_path: Path, temp: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.annotator"
    make_project(path)
    before = snapshot(path)
    source = write_input(tmp_path / "in.jsonl")
    monkeypatch.setattr(pickle, "dump", full)  # the spill's write meets a full temp folder
    assert main(["import", str(path), str(source)]) == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err
    assert f"temporary folder {temp}" in err
    assert "about the size of its input" in err and "nothing was written" in err
    assert "TMPDIR" in err
    assert str(path) not in err and "p.annotator" not in err
    assert snapshot(path) == before
    assert not list(temp.iterdir())  # the scratch folder went


def test_the_import_api_raises_the_temp_space_error(
    tmp_path: Path, temp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write_input(tmp_path / "in.jsonl")
    monkeypatch.setattr(pickle, "dump", full)
    with Project.create(tmp_path / "p.annotator") as p:
        with pytest.raises(scratch.TempSpaceError) as caught:
            import_documents(p, stream_files([source]))
        assert caught.value.folder == temp
        assert p.documents() == []
    size = scratch.megabytes(source.stat().st_size)
    assert f"({size})" in str(caught.value)
    back = pickle.loads(pickle.dumps(caught.value))  # as a background job hands it over
    assert back.folder == temp and str(back) == str(caught.value)


def test_a_filename_less_full_disk_names_both_places(temp: Path) -> None:
    args = argparse.Namespace(project="p.annotator")
    line = _os_error(OSError(errno.ENOSPC, "No space left on device"), args)
    assert "p.annotator" in line and str(temp) in line and "TMPDIR" in line
    named = OSError(errno.ENOSPC, "No space left on device", "out.jsonl")
    assert _os_error(named, args) == "no space left on device: out.jsonl"


# -- D1: a read-only open's private copy ----------------------------------------------------
def test_a_read_only_copy_that_does_not_fit_names_the_temporary_folder(
    tmp_path: Path, temp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    media = tmp_path / "media"
    media.mkdir()
    src, path = tmp_path / "src.annotator", media / "p.annotator"
    make_project(src)
    with_pending_log(src, path, keep_shm=False)  # a log and no -shm: read from a copy
    path.chmod(0o444)
    try:
        monkeypatch.setattr("shutil.copyfile", full)
        with pytest.raises(scratch.TempSpaceError) as caught:
            Project.open(path, read_only=True)
    finally:
        path.chmod(0o644)
    message = str(caught.value)
    assert f"temporary folder {temp}" in message and "TMPDIR" in message
    assert "read-only open" in message and "cannot read" not in message
    assert not list(temp.iterdir())


# -- D1b: the search index after a committed import -----------------------------------------
def test_an_index_that_does_not_fit_in_temp_does_not_unsay_the_import(
    tmp_path: Path, temp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def sqlite_full(*args: object, **kwargs: object) -> bool:
        exc = sqlite3.OperationalError("database or disk is full")
        exc.sqlite_errorcode = sqlite3.SQLITE_FULL
        raise ProjectFileError(f"{path}: disk full ({exc}); nothing was written") from exc

    def room(folder: Path) -> int:
        return 10_000 if Path(folder) == temp else 10_000_000_000

    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_document("نص", name="d")
        monkeypatch.setattr(p, "ensure_search_index", sqlite_full)
        monkeypatch.setattr(scratch, "free_bytes", room)
        problem = index_after_import(p)
        assert problem is not None
        assert problem.startswith("import done; the search index was not updated")
        assert "searches scan" in problem
        assert f"temporary folder {temp}" in problem and "TMPDIR" in problem
        assert "nothing was written" not in problem
        monkeypatch.setattr(scratch, "free_bytes", lambda folder: 10_000)  # one disk, full
        problem = index_after_import(p)
        assert problem is not None and problem.endswith(f"{path}: disk full")
        assert "nothing was written" not in problem


# -- D2: a file changing inside an imported folder ------------------------------------------
def changing(stream: DocumentStream, victim: Path) -> DocumentStream:
    def docs() -> Iterator[object]:
        for k, d in enumerate(stream.documents):
            if k == 0:  # the import is still reading: the file changes on disk now
                victim.write_text("نص آخر تماما كتب أثناء القراءة\n", encoding="utf-8")
            yield d

    return DocumentStream(
        docs(),  # type: ignore[arg-type]
        stream.problems,
        stream.position,
        stream.reading,
        stream.files,
    )


@pytest.mark.parametrize("kind", ["text", "brat"])
def test_a_file_changing_inside_an_imported_folder_is_refused(
    tmp_path: Path, temp: Path, kind: str
) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    for k in range(3):
        where = folder / "sub" if k == 2 else folder
        (where / f"d{k}.txt").write_text(f"وثيقة رقم {k} للتجربة\n", encoding="utf-8")
        if kind == "brat":
            (where / f"d{k}.ann").write_text("", encoding="utf-8")
    victim = folder / "sub" / "d2.txt"  # read last, in a sub-folder: the folder's time stays
    with Project.create(tmp_path / "p.annotator") as p:
        stream = stream_files([folder], kind, True, refuse_empty=True)
        with pytest.raises(AnnotatorError, match="changed while it was read") as caught:
            import_documents(p, changing(stream, victim))
        assert str(victim) in str(caught.value)
        assert "nothing was written" in str(caught.value)
        assert p.documents() == []


def test_an_unchanged_folder_imports(tmp_path: Path, temp: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for k in range(2):
        (folder / f"d{k}.txt").write_text(f"وثيقة رقم {k}\n", encoding="utf-8")
    (folder / "notes.md").write_text("not read", encoding="utf-8")
    with Project.create(tmp_path / "p.annotator") as p:
        stream = stream_files([folder], "text", True)
        assert {s.path.name for s in stream.files} == {"in", "d0.txt", "d1.txt"}
        import_documents(p, stream)
        assert len(p.documents()) == 2


# -- D3: ownership by lock, not by pid ------------------------------------------------------
def dead_pid() -> int:
    out = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                         capture_output=True, text=True, check=True)  # fmt: skip
    return int(out.stdout)


def test_a_live_folder_whose_pid_looks_dead_stays(temp: Path) -> None:
    """Another PID namespace: the owner runs, its pid means nothing here. Its lock says so
    (here a second open file description of the lock, as another process holds it)."""
    theirs = temp / f"{SCRATCH_PREFIX}{dead_pid()}-abc"
    theirs.mkdir()
    (theirs / "documents.pickle").write_bytes(b"a running import's checked parts")
    fd = os.open(theirs / scratch.LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with scratch.folder(SCRATCH_PREFIX) as mine:
            assert mine.is_dir()
        assert (theirs / "documents.pickle").exists()
    finally:
        os.close(fd)  # the owner ends: the kernel releases its lock
    assert scratch.clean_leftovers(SCRATCH_PREFIX) == 1
    assert not theirs.exists()


def test_a_leftover_whose_pid_was_reused_goes(temp: Path) -> None:
    reused = temp / f"{SCRATCH_PREFIX}1-abc"  # pid 1 always runs: the old rule kept it forever
    reused.mkdir()
    (reused / scratch.LOCK).write_bytes(b"")
    assert scratch.clean_leftovers(SCRATCH_PREFIX) == 1
    assert not reused.exists()


def test_a_folder_another_process_holds_stays_until_it_exits(temp: Path) -> None:
    code = (
        "import sys, tempfile; tempfile.tempdir = sys.argv[1]\n"
        "from annotator import scratch\n"
        "print(scratch.make(sys.argv[2]), flush=True); sys.stdin.read()\n"
    )
    argv = [sys.executable, "-c", code, str(temp), SCRATCH_PREFIX]
    with subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) as child:
        assert child.stdout is not None and child.stdin is not None
        theirs = Path(child.stdout.readline().strip())
        try:
            assert theirs.is_dir() and (theirs / scratch.LOCK).exists()
            assert scratch.clean_leftovers(SCRATCH_PREFIX) == 0
            assert theirs.is_dir()
        finally:
            child.stdin.close()
            child.wait(timeout=30)
    assert scratch.clean_leftovers(SCRATCH_PREFIX) == 1  # exited without removing it
    assert not theirs.exists()


def test_this_process_keeps_its_own_folders_and_releases_removed_ones(temp: Path) -> None:
    a = scratch.make("annotator-ro-")
    assert scratch.clean_leftovers("annotator-ro-") == 0 and a.is_dir()
    assert not any(p.name.startswith(".") for p in temp.iterdir())  # renamed once locked
    import shutil

    shutil.rmtree(a)  # as a caller that does not use ``remove``
    b = scratch.make("annotator-ro-")
    assert a not in scratch._held and b in scratch._held
    scratch.remove(b)
    assert not b.exists() and b not in scratch._held

"""A read-only open leaves nothing beside the project (QA 13).

SQLite's read-only connections create NAME-wal (empty) and NAME-shm beside a write-ahead-logged
file in a writable folder and never remove them; `annotator export` or `agreement` left both,
and once the user had deleted or moved the project, `annotator init NAME` refused the name
("a leftover NAME-wal sits beside it"). ``annotator.store._sweep_reader_leftovers`` now lets
SQLite remove them as a read-write connection that writes nothing closes: only when it is the
file's last connection (SQLite's locks decide), only an empty log. Creating still refuses any
leftover (``tests/reliability/test_hostile_project_objects.py``).
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from annotator import Project
from annotator.cli import main
from annotator.errors import ProjectFileError
from tests.conftest import SEED


@pytest.fixture(autouse=True)
def state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "state"
    monkeypatch.setenv("ANNOTATOR_STATE_DIR", str(folder))
    return folder


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "work"
    folder.mkdir()
    path = folder / "news.annotator"
    with Project.create(path) as p:
        p.add_document(SEED.read_text(encoding="utf-8"), name="seed")
    assert names(folder) == {"news.annotator"}
    return path


def names(folder: Path) -> set[str]:
    return {f.name for f in folder.iterdir()}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_read_only_open_leaves_nothing_and_the_name_can_be_made_again(project: Path) -> None:
    before = project.stat()
    data = digest(project)
    with Project.open(project, read_only=True) as p:
        assert [d.name for d in p.documents()] == ["seed"]
        assert {"news.annotator-wal", "news.annotator-shm"} <= names(project.parent)
    assert names(project.parent) == {"news.annotator"}
    after = project.stat()
    assert digest(project) == data  # the file's bytes and times are as they were
    assert (after.st_mtime_ns, after.st_ctime_ns, after.st_ino) == (
        before.st_mtime_ns,
        before.st_ctime_ns,
        before.st_ino,
    )
    project.unlink()
    Project.create(project).close()


def test_read_only_commands_leave_nothing(project: Path) -> None:
    out = project.parent.parent / "out.jsonl"
    assert main(["export", str(project), "--format", "jsonl", "-o", str(out)]) == 0
    assert main(["agreement", str(project)]) in (0, 1)
    assert names(project.parent) == {"news.annotator"}
    project.unlink()
    assert main(["init", str(project)]) == 0


def test_the_log_stays_while_another_connection_uses_it(project: Path) -> None:
    other = sqlite3.connect(f"{project.as_uri()}?mode=ro", uri=True)
    other.execute("SELECT count(*) FROM documents").fetchone()
    with Project.open(project, read_only=True) as p:
        p.documents()
    assert {"news.annotator-wal", "news.annotator-shm"} <= names(project.parent)
    assert other.execute("SELECT count(*) FROM documents").fetchone() == (1,)
    other.close()
    with Project.open(project, read_only=True) as p:  # the last one: gone with it
        p.documents()
    assert names(project.parent) == {"news.annotator"}


def test_a_reader_beside_a_writer_takes_nothing_from_it(project: Path) -> None:
    with Project.open(project) as writer:
        with Project.open(project, read_only=True) as reader:
            assert len(reader.documents()) == 1
        assert (project.parent / "news.annotator-wal").exists()
        writer.add_document("نص ثان للمشروع.", name="second")
        with Project.open(project, read_only=True) as reader:
            assert len(reader.documents()) == 2
        assert len(writer.documents()) == 2
    assert names(project.parent) == {"news.annotator"}
    with Project.open(project, read_only=True) as p:
        assert [d.name for d in p.documents()] == ["seed", "second"]


def test_a_log_with_content_is_never_touched(project: Path, tmp_path: Path) -> None:
    """A crashed writer's log (committed data): read, left byte for byte as it was."""
    copy = tmp_path / "crashed.annotator"
    conn = sqlite3.connect(project)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("INSERT INTO settings (key, value) VALUES ('from_the_log', 'kept')")
    conn.commit()
    shutil.copy(project, copy)
    shutil.copy(f"{project}-wal", f"{copy}-wal")
    conn.close()
    log = Path(f"{copy}-wal")
    before = digest(log)
    assert log.stat().st_size > 0
    with Project.open(copy, read_only=True) as p:
        row = p._store.conn.execute("SELECT value FROM settings WHERE key = 'from_the_log'")
        assert row.fetchone() == ("kept",)
    assert log.exists() and digest(log) == before
    with pytest.raises(ProjectFileError, match=r"leftover crashed\.annotator-wal"):
        copy.unlink()
        Project.create(copy)
    assert digest(log) == before


def test_a_refused_foreign_file_is_left_as_it_was(tmp_path: Path) -> None:
    foreign = tmp_path / "other.annotator"
    conn = sqlite3.connect(foreign)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    data = digest(foreign)
    for read_only in (True, False):
        with pytest.raises(ProjectFileError):
            Project.open(foreign, read_only=read_only)
        assert names(tmp_path) - {"state"} <= {"other.annotator", "other.annotator.lock"}
    assert digest(foreign) == data

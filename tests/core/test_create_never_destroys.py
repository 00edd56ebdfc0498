"""Creating a project deletes or replaces nothing of the user's (QA round 8): a file named like
the old fixed scratch name (``NAME.creating`` and its -wal/-shm) stays, a symbolic link at the
path (even one pointing nowhere) is refused and stays a link, something made at the path while
the project is built is not replaced. A path longer than SQLite can open says so, and a failed
``init`` leaves no folder it made."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import pytest

from annotator import store as store_module
from annotator.cli import main
from annotator.errors import ProjectFileError
from annotator.project import Project
from annotator.store import SQLITE_PATH_LIMIT, Store

FOLDER = "مجلد_طويل_جدا"  # 13 letters, 25 bytes in UTF-8


def error_of(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


def test_init_keeps_a_file_named_like_the_scratch_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = {
        "news.annotator.creating": b"my notes\n",
        "news.annotator.creating-wal": b"wal notes\n",
        "news.annotator.creating-shm": b"shm notes\n",
        "news.annotator.partial": b"partial notes\n",
    }
    for name, data in mine.items():
        (tmp_path / name).write_bytes(data)
    assert main(["init", str(tmp_path / "news.annotator")]) == 0
    for name, data in mine.items():
        assert (tmp_path / name).read_bytes() == data, name
    assert set(os.listdir(tmp_path)) == set(mine) | {"news.annotator"}
    with Project.open(tmp_path / "news.annotator", read_only=True) as project:
        assert project.documents() == []


def test_init_refuses_a_dangling_link_and_keeps_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "elsewhere").mkdir()
    link = tmp_path / "link.annotator"
    link.symlink_to("elsewhere/proj.annotator")
    assert main(["init", str(link)]) == 1
    err = error_of(capsys)
    assert "already exists (a symbolic link to a missing file); nothing was created" in err
    assert link.is_symlink() and os.readlink(link) == "elsewhere/proj.annotator"
    assert os.listdir(tmp_path / "elsewhere") == []
    assert sorted(os.listdir(tmp_path)) == ["elsewhere", "link.annotator"]
    # the workbench creates a missing project through Project.create: the same refusal
    with pytest.raises(ProjectFileError, match="symbolic link to a missing file"):
        Project.create(link)
    assert link.is_symlink() and os.readlink(link) == "elsewhere/proj.annotator"


def test_init_refuses_a_link_to_a_file_and_keeps_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("mine\n", encoding="utf-8")
    link = tmp_path / "p.annotator"
    link.symlink_to(target)
    assert main(["init", str(link)]) == 1
    assert "already exists; open it instead" in error_of(capsys)
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "mine\n"
    assert sorted(os.listdir(tmp_path)) == ["notes.txt", "p.annotator"]


def test_a_file_made_at_the_path_meanwhile_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.annotator"
    claim = store_module._claim_scratch

    def claim_then_someone_writes(folder: Path) -> Path:
        tmp = claim(folder)
        path.write_text("theirs\n", encoding="utf-8")  # while the project is being built
        return tmp

    monkeypatch.setattr(store_module, "_claim_scratch", claim_then_someone_writes)
    with pytest.raises(ProjectFileError, match="already exists; open it instead"):
        Store.create(path, {})
    assert path.read_text(encoding="utf-8") == "theirs\n"
    assert os.listdir(tmp_path) == ["p.annotator"]  # the scratch file went, and only it


def test_without_hard_links_the_file_is_renamed_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(src: object, dst: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    Project.create(tmp_path / "p.annotator").close()
    assert os.listdir(tmp_path) == ["p.annotator"]
    with Project.open(tmp_path / "p.annotator", read_only=True) as project:
        assert project.documents() == []


def deep(base: Path, size: int) -> Path:
    """A folder under ``base`` whose resolved path has at least ``size`` bytes."""
    folder = Path(os.path.realpath(base))
    while len(os.fsencode(folder)) < size:
        folder /= FOLDER
    return folder


def exact(base: Path, size: int, name: str) -> Path:
    """A path under ``base`` (folders of ``FOLDER``, then one of ASCII to fit) of ``size`` bytes."""
    folder = Path(os.path.realpath(base))
    while len(os.fsencode(folder / FOLDER / name)) + 2 < size:
        folder /= FOLDER
    pad = size - len(os.fsencode(folder / name)) - 1
    assert 0 < pad < 200
    path = folder / ("x" * pad) / name
    assert len(os.fsencode(path)) == size
    return path


def test_a_path_too_long_for_sqlite_is_named_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = deep(tmp_path / "long", 520)
    folder.mkdir(parents=True)
    path = folder / "p.annotator"
    assert main(["init", str(path)]) == 1
    size = len(os.fsencode(path))
    # creating it takes a scratch name beside it longer than "p.annotator": a lower limit
    limit = SQLITE_PATH_LIMIT - (store_module._SCRATCH_NAME_BYTES - len("p.annotator"))
    err = error_of(capsys)
    assert f"path too long for SQLite ({size} bytes, limit {limit})" in err, err
    assert os.listdir(folder) == []
    # a project copied there: opening it says the same, for reading and for writing
    Project.create(tmp_path / "p.annotator").close()
    path.write_bytes((tmp_path / "p.annotator").read_bytes())
    assert main(["stats", str(path)]) == 1
    assert f"path too long for SQLite ({size} bytes, limit {SQLITE_PATH_LIMIT})" in error_of(capsys)
    for read_only in (True, False):
        with pytest.raises(ProjectFileError, match="path too long for SQLite"):
            Project.open(path, read_only=read_only)


def test_a_failed_init_leaves_no_folder_it_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "kept").mkdir()
    # too long: refused before any folder is made
    path = deep(tmp_path / "kept", 530) / "p.annotator"
    assert main(["init", str(path)]) == 1
    assert "path too long for SQLite" in error_of(capsys)
    assert os.listdir(tmp_path / "kept") == []

    # failing while the file is built: the scratch file and the new folders go, not "kept"
    def broken(self: Store) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(Store, "_migrate", broken)
    assert main(["init", str(tmp_path / "kept" / "a" / "b" / "p.annotator")]) == 1
    error_of(capsys)
    assert os.listdir(tmp_path) == ["kept"]
    assert os.listdir(tmp_path / "kept") == []


@pytest.mark.parametrize("name", ["p.annotator", "a_rather_long_project_name_for_news.annotator"])
def test_the_longest_path_sqlite_opens_works(tmp_path: Path, name: str) -> None:
    longer_by = max(0, store_module._SCRATCH_NAME_BYTES - len(name))
    path = exact(tmp_path, SQLITE_PATH_LIMIT - longer_by, name)
    with Project.create(path) as project:
        project.add_document("زار محمد باريس", name="خبر")
    with Project.open(path) as project:
        assert len(project.documents()) == 1
    with Project.open(path, read_only=True) as project:
        assert len(project.documents()) == 1
    assert not [n for n in os.listdir(path.parent) if n.startswith(".")]  # no scratch file
    # one byte more cannot be created
    longer = exact(tmp_path / "more", SQLITE_PATH_LIMIT - longer_by + 1, name)
    with pytest.raises(ProjectFileError, match="path too long for SQLite"):
        Project.create(longer)
    assert not (tmp_path / "more").exists()

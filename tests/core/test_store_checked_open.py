"""Opening a project this app closed cleanly skips the thorough checks; anything else does not.

A write open runs integrity_check, the stored-value check and the document checksums (a file
of 100,000 documents: 3.6 s). ``annotator.store`` records the file's identity and times when
it closes it after a checked open; the next open skips those checks only while the file is
byte for byte as recorded as far as the file system tells (device, inode, size, modification
and change times; no pending write-ahead log). Also here: the document listing, kept between
calls while the file is unchanged (issue 12).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from annotator import Project
from annotator import store as store_module
from annotator.errors import ProjectFileError
from annotator.store import Store, closed_cleanly
from tests.conftest import SEED


@pytest.fixture(autouse=True)
def state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "state"
    monkeypatch.setenv("ANNOTATOR_STATE_DIR", str(folder))
    return folder


@pytest.fixture
def sound(tmp_path: Path) -> Path:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_document(SEED.read_text(encoding="utf-8"), name="seed")
    return path


def checks_run(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The thorough checks a later open runs (the document checksums stand for them)."""
    seen: list[str] = []
    original = store_module._documents_not_matching

    def spy(conn: sqlite3.Connection) -> int | None:
        seen.append("checksums")
        return original(conn)

    monkeypatch.setattr(store_module, "_documents_not_matching", spy)
    return seen


def flip_text_byte(path: Path) -> None:
    """Change one byte of the stored document text in place, keeping size and mtime."""
    data = bytearray(path.read_bytes())
    needle = SEED.read_text(encoding="utf-8")[:40].encode("utf-8")
    at = data.index(needle) + 10
    data[at] ^= 0x01
    st = path.stat()
    with path.open("r+b") as fh:
        fh.write(data)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # mtime restored: ctime is not


def test_a_cleanly_closed_file_opens_without_the_thorough_checks(
    sound: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert closed_cleanly(sound)
    seen = checks_run(monkeypatch)
    with Project.open(sound) as p:
        assert [d.name for d in p.documents()] == ["seed"]
        p.add_span(1, 0, 4, "PER", annotator="amal")
    assert seen == []
    assert closed_cleanly(sound)  # recorded again after its own writes
    with Project.open(sound) as p:
        assert p.span_count() == 1
    assert seen == []


def test_a_change_in_place_with_its_mtime_restored_is_checked_and_refused(
    sound: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flip_text_byte(sound)
    assert not closed_cleanly(sound)
    seen = checks_run(monkeypatch)
    with pytest.raises(ProjectFileError, match="corrupt"):
        Project.open(sound)
    assert seen == ["checksums"]


def test_a_copy_is_checked_thoroughly(sound: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.annotator"
    shutil.copy2(sound, copy)  # same bytes and mtime, another inode and change time
    assert not closed_cleanly(copy)
    flip_text_byte(copy)
    with pytest.raises(ProjectFileError, match="corrupt"):
        Project.open(copy)
    Project.open(sound).close()  # the original, unchanged, opens


def test_a_pending_log_or_another_writer_means_a_thorough_check(sound: Path) -> None:
    conn = sqlite3.connect(sound)  # another program writes, leaving its log behind
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("UPDATE documents SET name = 'renamed'")
    conn.commit()
    try:
        assert not closed_cleanly(sound)
    finally:
        conn.close()
    assert not closed_cleanly(sound)  # the checkpoint changed the file itself


def test_a_failed_write_forgets_the_record(sound: Path) -> None:
    store = Store.open(sound)
    assert not store.read_only
    store._broken = ProjectFileError("test: broken")
    store.close()
    assert not closed_cleanly(sound)


def test_read_only_opens_record_nothing(sound: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.annotator"
    shutil.copy(sound, copy)
    with Project.open(copy, read_only=True):
        pass
    assert not closed_cleanly(copy)


# -- the document listing --------------------------------------------------------------------
def test_the_listing_follows_every_commit(sound: Path, tmp_path: Path) -> None:
    with Project.open(sound) as p:
        first = p.documents()
        assert [(d.id, d.name, d.text, d.meta) for d in first] == [(1, "seed", "", {})]
        assert first[0].sha256 == p.document(1).sha256 and first[0].created
        assert p.documents() == first and p.documents() is not p.documents()
        p.add_document("نص ثان", name="second")  # this connection
        assert [d.name for d in p.documents()] == ["seed", "second"]
        other = sqlite3.connect(sound)  # another connection (data_version moves)
        other.execute("UPDATE documents SET name = 'elsewhere' WHERE id = 2")
        other.commit()
        other.close()
        assert [d.name for d in p.documents()] == ["seed", "elsewhere"]
        with pytest.raises(RuntimeError), p.transaction():
            p.add_document("نص ثالث", name="third")
            assert [d.name for d in p.documents()][-1] == "third"  # inside: read afresh
            raise RuntimeError("rolled back")
        assert [d.name for d in p.documents()] == ["seed", "elsewhere"]


# -- rows of imported records -----------------------------------------------------------------
def test_remembered_attribute_json_is_the_json_of_each_value() -> None:
    values = [{"a": 1}, {"a": True}, {"a": 1.0}, {"a": "1"}, {"b": 2, "a": 1}, {"a": [1]}]
    for value in values * 2:
        assert store_module._attributes_json(value) == store_module._dumps(value), value

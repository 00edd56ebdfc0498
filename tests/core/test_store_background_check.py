"""A project opened for writing with its thorough check in the background (issue 12).

``Project.open(path, background_check=True)`` (the window's open) returns at once with a file
that needs the thorough check (one this app did not close cleanly), readable through a
read-only connection while the check runs in a worker thread; the first write waits for the
check. A file that fails it is never written: the write raises the check's error, naming the
file, the project is closed, and the file's bytes and log stay as they were. A sound file
becomes writable and is recorded as closed cleanly like any checked write handle. Without
``background_check`` (the CLI, scripts) nothing changes: the check runs before ``open``
returns (``test_store_checked_open.py``).
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import threading
from collections.abc import Iterator
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
    # every file is checked in the background here (by default only big ones are)
    monkeypatch.setattr(store_module, "BACKGROUND_CHECK_MIN_BYTES", 0)
    return folder


@pytest.fixture
def sound(tmp_path: Path) -> Path:
    """A copy of a sound project: not closed cleanly by this app as far as it can tell."""
    made = tmp_path / "made.annotator"
    with Project.create(made) as p:
        doc = p.add_document(SEED.read_text(encoding="utf-8"), name="seed")
        p.add_span(doc.id, 0, 4, "PER", annotator="amal")
    copy = tmp_path / "p.annotator"
    shutil.copy(made, copy)
    assert not closed_cleanly(copy)
    return copy


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Hold every background check until the test sets the event (the thorough check of a
    small file would end before the test could look): the check first runs an endless query
    on its connection, as a long check of a big file would, which the event ends, and which
    closing the store interrupts."""
    release = threading.Event()
    original = store_module._verify
    endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT max(x) FROM c"

    def held(path: Path, conn: sqlite3.Connection, thorough: bool, known: bool = False) -> None:
        if threading.current_thread() is not threading.main_thread():
            conn.set_progress_handler(lambda: int(release.is_set()), 10_000)
            try:
                conn.execute(endless).fetchone()
            except sqlite3.OperationalError:
                if not release.is_set():
                    raise  # interrupted: the store was closed
            finally:
                conn.set_progress_handler(None, 0)
        original(path, conn, thorough, known)

    monkeypatch.setattr(store_module, "_verify", held)
    yield release
    release.set()


def state(path: Path) -> tuple[str, int]:
    """The file's bytes (hash) and the size of its write-ahead log (0 when absent)."""
    wal = Path(f"{path}-wal")
    return hashlib.sha256(path.read_bytes()).hexdigest(), wal.stat().st_size if wal.exists() else 0


def flip_text_byte(path: Path) -> None:
    """Damage the stored document text (its sha256 no longer matches): only the document
    checksums of the thorough check find it."""
    data = bytearray(path.read_bytes())
    at = data.index(SEED.read_text(encoding="utf-8")[:40].encode("utf-8")) + 10
    data[at] ^= 0x01
    path.write_bytes(bytes(data))


def break_index(path: Path) -> None:
    """Overwrite the page header of an index's root page: structural damage the page check
    (integrity_check or quick_check) finds; the documents stay readable."""
    conn = sqlite3.connect(path)
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'spans_label'"
        ).fetchone()[0]
    finally:
        conn.close()
    with path.open("r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\xff" * 12)


@pytest.mark.parametrize("damage", [flip_text_byte, break_index], ids=["text", "index"])
def test_a_damaged_file_is_readable_meanwhile_never_written_and_refused_naming_it(
    sound: Path, gate: threading.Event, damage: object
) -> None:
    damage(sound)  # type: ignore[operator]
    before = state(sound)
    ended: list[BaseException | None] = []
    p = Project.open(sound, background_check=True, checked=ended.append)
    try:
        assert p.checking and not p.check_ended and not p.read_only
        assert [d.name for d in p.documents()] == ["seed"]  # readable at once
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            # white-box: what the project reads through cannot write, whatever calls it
            p._store.conn.execute("DELETE FROM documents")
        gate.set()
        with pytest.raises(ProjectFileError, match="corrupt") as refused:
            p.add_span(1, 6, 10, "GPE", annotator="amal")  # waits for the check
        assert str(sound) in str(refused.value)
        assert len(ended) == 1 and str(ended[0]) == str(refused.value)
        with pytest.raises(ProjectFileError, match="corrupt"):
            p.add_document("نص آخر", name="other")  # still refused, and no reading either
        with pytest.raises(ProjectFileError, match="corrupt"):
            p.documents()
    finally:
        p.close()
    assert state(sound) == before
    assert not closed_cleanly(sound)
    with pytest.raises(ProjectFileError, match="corrupt"):
        Project.open(sound)  # and the next (checked) open refuses it as always


def test_finish_check_raises_the_error_and_closes(sound: Path) -> None:
    flip_text_byte(sound)
    before = state(sound)
    with Project.open(sound, background_check=True) as p:
        with pytest.raises(ProjectFileError, match=f"{sound}.*sha256"):
            p.finish_check()
        assert not p.checking
        with pytest.raises(ProjectFileError, match="corrupt"):
            p.finish_check()
    assert state(sound) == before
    Store.open(sound, read_only=True).close()  # the lock was released: others may read it


def test_a_sound_file_becomes_writable(sound: Path, gate: threading.Event) -> None:
    ended: list[BaseException | None] = []
    with Project.open(sound, background_check=True, checked=ended.append) as p:
        assert p.checking
        assert p.span_count() == 1
        gate.set()
        p.finish_check()
        assert not p.checking and p.check_ended and ended == [None]
        p.add_span(1, 6, 10, "GPE", annotator="amal")
        assert p.span_count() == 2
    assert closed_cleanly(sound)  # checked and written cleanly: the next open checks nothing
    with Project.open(sound, background_check=True) as p:
        assert not p.checking and p.span_count() == 2


def test_a_write_waits_for_the_check(sound: Path) -> None:
    with Project.open(sound, background_check=True) as p:
        p.add_span(1, 6, 10, "GPE", annotator="amal")  # no finish_check: the write waits
        assert not p.checking
    with Project.open(sound, read_only=True) as p:
        assert p.span_count() == 2


def test_sql_traced_before_the_check_is_traced_after_it(sound: Path) -> None:
    seen: list[str] = []
    with Project.open(sound, background_check=True) as p:
        p.trace_sql(seen.append)
        p.add_span(1, 6, 10, "GPE", annotator="amal")
    assert any(s.startswith("INSERT") for s in seen)


def test_closing_before_the_check_ends_stops_it_and_records_nothing(
    sound: Path, gate: threading.Event
) -> None:
    before = state(sound)
    ended: list[BaseException | None] = []
    p = Project.open(sound, background_check=True, checked=ended.append)
    assert p.checking
    p.close()  # the check is stopped (its thread joined), no verdict is reported
    assert ended == []
    assert not closed_cleanly(sound)
    assert state(sound)[0] == before[0]
    assert not [t for t in threading.enumerate() if t.name.startswith("annotator check")]


def test_a_cleanly_closed_file_needs_no_check(sound: Path) -> None:
    Project.open(sound).close()  # checked now, recorded at close
    assert closed_cleanly(sound)
    with Project.open(sound, background_check=True) as p:
        assert not p.checking


def test_a_small_file_is_checked_before_open_returns(
    sound: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "BACKGROUND_CHECK_MIN_BYTES", sound.stat().st_size + 1)
    flip_text_byte(sound)
    with pytest.raises(ProjectFileError, match="sha256"):
        Project.open(sound, background_check=True)


def test_a_second_write_handle_does_not_count_an_unfinished_check(
    sound: Path, gate: threading.Event, monkeypatch: pytest.MonkeyPatch
) -> None:
    flip_text_byte(sound)
    with Project.open(sound, background_check=True) as first:
        assert first.checking
        # another handle of this process (an import job) checks the file itself, thoroughly:
        # the first handle's check has not passed
        with pytest.raises(ProjectFileError, match="sha256"):
            Store.open(sound)


def test_a_file_to_migrate_is_checked_before_open_returns(
    sound: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conn = sqlite3.connect(sound)
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    flip_text_byte(sound)
    with pytest.raises(ProjectFileError, match="sha256"):
        Project.open(sound, background_check=True)


def test_a_foreign_or_newer_file_is_refused_at_once(sound: Path) -> None:
    conn = sqlite3.connect(sound)
    conn.execute(f"PRAGMA user_version = {store_module.SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(ProjectFileError, match="newer"):
        Project.open(sound, background_check=True)

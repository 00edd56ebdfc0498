"""The project file: one SQLite database, reached through sqlite3 (sqlite-utils only migrates
it). The ONLY SQL module.

Every connection runs with WAL, synchronous=FULL, foreign keys on, a busy timeout and
trusted_schema off. Every write is one ``BEGIN IMMEDIATE`` transaction (``Store.write``),
committed before the caller reports it done. The store takes and returns the frozen records of
``annotator.model``; no row leaves it.

Nothing poisoned — what this module guarantees about hostile files and media:

* **Checked before use.** A file is checked (header, application_id, user_version) through a
  read-only connection before anything is written to it. Opening for writing runs the full
  ``PRAGMA integrity_check`` (b-trees, every index against its table, NOT NULL constraints),
  a check that every stored value can be read back as its field (types, JSON, status: SQLite
  checks none of it) and a comparison of every document text with its sha256, because
  ``quick_check`` misses damage inside rows and indexes: of 150 byte-flipped copies of a project
  file (tests/reliability/test_damaged_files.py, SOAK=1) it passed 25 structurally damaged ones
  and 24 whose document text had changed; these checks refuse all 49. (Damage elsewhere inside a
  value, 33 of the 150, leaves a well-formed file nothing can tell from a sound one without
  per-row checksums.) Measured on a 95 MiB project (1,000 documents, 200,000 spans, warm cache):
  quick_check 0.09 s, integrity_check 0.6 s, stored values 0.26 s, document checksums 0.04 s
  (a write open of it takes about 1 s in all, a read-only open 0.15 s). Above
  ``FULL_CHECK_MAX_BYTES`` (256 MiB, about 2.4 s) a write open falls back to quick_check plus
  the checksums; a second write handle of a process that already has the file open for writing
  (a window's import or merge job) runs quick_check only. Read-only opens run quick_check:
  reading never makes a file worse.
* **Only the app's own schema objects.** Before any table is read, every open (write,
  read-only, a merge's source, ``check``, a file closed cleanly too) compares the tables,
  indexes, triggers and views in ``sqlite_master`` with what the app's steps make
  (``schema_problems``: one read, about 0.5 ms; what the steps make is read once per process
  from an in-memory database they build) and refuses, naming them, any trigger or view, any
  table or index no step makes, a definition other than the step's (a dropped column: SQLite
  reads a double-quoted unknown column as a string) and a missing one. A trigger would run on
  the user's writes, a view in place of a table (an endless recursive query) hung every open.
* **Checked in the background for the window.** A write open with ``background_check`` (the
  window's; never the CLI's or a script's) of a file of ``BACKGROUND_CHECK_MIN_BYTES`` or
  more that needs the checks above checks its header, application id and version, then
  returns at once: the store reads through a read-only connection (SQLite refuses any write
  on it; ``cell_size_check`` on) while the same checks run in a worker thread on their own
  connection (``_Check``; the sqlite3 module releases the GIL while SQLite reads, and the
  thread runs at a lower priority so the window's reads come first). The first write waits
  for the check (``Store.finish_check``): when it passed, a write connection takes over; when
  it failed, the store is closed and the check's error raised (then and at every later use),
  nothing having been written. Closing before the check ends stops it and records nothing.
  A file to migrate is checked before ``open`` returns, as before. A project of 100,000
  documents (2.6 GiB) is readable in milliseconds instead of 3.5 s and writable once the
  check has passed (issue 12; figures in tests/benchmarks/bench_scale.py). A read-only open
  with ``background_check`` runs its quick_check so too; its caller uses what it read only once
  ``finish_check`` has returned (agreement does). A read-only handle hands the state it checked
  its file in (``checked_state``) to helper processes reading the file for it, whose
  ``open(..., checked_as=state)`` checks application id and version only while the file is
  exactly in that state (agreement's workers, annotator/agreement/parallel.py).
* **Checked once per change.** When a write handle that passed those checks (or that of
  another handle of the process, once passed) closes without a failed write, the file's
  device, inode, size, modification and change times are recorded outside it
  (``closed_cleanly``, in the user's state folder or ``ANNOTATOR_STATE_DIR``). An open that
  finds the file exactly so, with no write-ahead log pending, checks its application id and
  version only: a project of 100,000 documents opened in 4.96 s, 3.6 s of it quick_check and
  checksums. Any change by
  anything else moves the change time (``touch`` cannot set it back), a copy has another
  inode, a crash leaves the record of the state before, so each of those is checked in full
  as before. The record waits out one tick of the coarse clock file times are taken from,
  and file systems with times in whole milliseconds or coarser (FAT) are never recorded.
* **One kind of error.** Every ``sqlite3`` error, JSON or UTF-8 decoding error or malformed row
  raised inside a store method is turned into one ``AnnotatorError`` in one place
  (``Store._error``, applied to every public method by ``_guard_methods``): "the project file is
  corrupt (...)", "disk full", "read-only", "busy". A failed write is rolled back; if even the
  ROLLBACK fails the connection is closed, the first error is the one reported, and the store
  says so on further use.
* **Read-only media.** Read-only opens use ``mode=ro``; when the file or its folder cannot be
  written (``annotator.locking.write_refusal``: read-only medium, no permission, no write bit)
  and no write-ahead log is pending they add
  ``immutable=1``, so nothing needs ``-shm``/``-wal`` files and none are left behind. When a
  log with content is pending there, SQLite can use it only through an existing ``-shm``;
  without one the file and its log are copied to a private temporary folder and read from
  there (the committed data in the log is never ignored). In a writable folder SQLite itself
  coordinates readers with live writers; the empty ``-wal`` and the ``-shm`` a read-only
  connection leaves there (SQLite's readers never remove them, and ``Store.create`` would
  then refuse the name) are removed by SQLite as a read-write connection that writes nothing
  closes after it, only when it is the file's last connection and the log is empty
  (``_sweep_reader_leftovers``). Write opens of a read-only file or folder are refused with
  "read-only" (``annotator.locking.write_refusal``).
* **Two writers.** A write open takes the project lock shared (``annotator.locking``) and
  ``close()`` releases it: refused while an annotator window has the project open; a window
  cannot open it while a writer runs. Read-only opens take no lock.
* **Creating destroys nothing.** ``Store.create`` refuses anything at the path (a file, a
  folder, a symbolic link, even one pointing nowhere) or a leftover ``-wal``, ``-journal`` or
  ``-shm`` beside it (SQLite would replay another project's log into the new file and consume
  it; ``creation_refusal``, the sample project's rule too), builds the file under a new scratch name
  beside it (made with ``O_EXCL``) and links it in only while the name is still free; a failure
  removes only that scratch file and the folders it made. A path longer than SQLite can open
  (``SQLITE_PATH_LIMIT``) is refused, for creating and opening, with its length.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import itertools
import json
import math
import os
import re
import secrets
import shutil
import sqlite3
import sys
import threading
import time
import weakref
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from annotator import scratch
from annotator.cycles import no_cycle_collection
from annotator.errors import (
    AnnotatorError,
    Message,
    ProjectFileError,
    message_of,
    os_reason,
    shortened,
)
from annotator.locking import SHARED, SQLITE_COMPANIONS, ProjectLock, acquire, write_refusal
from annotator.model import (
    Argument,
    ChangeEntry,
    DocStatus,
    Document,
    Event,
    LazyRecords,
    Record,
    Relation,
    Span,
    Status,
    record_kind,
)
from annotator.scorecheck import trigger_scores_sound


def _import_sqlite_utils() -> tuple[Any, Any]:
    """``sqlite_utils.Database`` and ``sqlite_utils.migrations.Migrations``, imported without
    pandas and numpy when they are not loaded yet. Only migrating a file imports them (not
    opening, reading or writing one at the current version: that import, with click, pluggy,
    dateutil and sqlite_fts4, was 62 ms of CPU of the window's first paint, issue 12).

    sqlite-utils imports pandas and numpy whenever they are installed (``datasets`` brings
    pandas), only to map their scalar types to column types, which this store never passes:
    that was 0.6-0.8 s and about 90 MB at every start of the CLI and the window. Both are
    hidden from that one import (``sys.modules[name] = None`` makes ``import name`` fail
    with ImportError, which sqlite-utils expects) and shown again at once, so code that
    imports them later gets them as usual. Measured with ``python -X importtime``:
    ``import sqlite_utils`` 0.35 s of CPU with them, 0.05 s without (issue 12)."""
    hidden = [name for name in ("pandas", "numpy") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        from sqlite_utils import Database
        from sqlite_utils.migrations import Migrations
    finally:
        for name in hidden:
            if sys.modules.get(name, ...) is None:
                del sys.modules[name]
    return Database, Migrations


if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

APPLICATION_ID = 0x414E4E31  # "ANN1"
SCHEMA_VERSION = 4
SQLITE_HEADER = b"SQLite format 3\x00"

SQLITE_PATH_LIMIT = 504
"""The longest path (in bytes, symbolic links resolved, as SQLite resolves them) a project
file can have: SQLite's unix files take names of at most 512 bytes, the file's own name with
the longest suffix it adds (``-journal``) included; an Arabic letter takes 2 bytes. Longer,
SQLite can only say "unable to open database file"."""

RECORD_TABLES = ("spans", "events", "arguments", "relations")

SuggestionRow = tuple[str, int, int, int, str, str, str, float, str]
"""A suggestion as stored: uuid, doc_id, start, end, label, text, source, score, origin"""

BATCH_LENGTH = 14
"""how many leading characters of a suggestion's uuid name its batch (``SuggestionBatch``)"""
_BATCH_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-")


class SuggestionBatch:
    """The uuids of the suggestions one undoable store writes (a batch): they share their
    first 48 bits, the batch's id (``xxxxxxxx-xxxx-``, random, unused in the file:
    ``Store.new_batch``), and count up after it, so a batch is one range of the uuid index
    (``batch_range``) and its withdrawal and return are one row of ``withdrawn_suggestions``,
    whatever its size. Each uuid has the shape of a version-4 UUID."""

    def __init__(self, batch_id: str) -> None:
        self.id = batch_id
        self._next = 0

    def uuid(self) -> str:
        """The batch's next uuid."""
        digits = f"{self._next:018x}"
        self._next += 1
        return f"{self.id}4{digits[:3]}-8{digits[3:6]}-{digits[6:]}"


def new_batch_id() -> str:
    """A random batch id (``SuggestionBatch``), 48 bits."""
    digits = secrets.token_hex(6)
    return f"{digits[:8]}-{digits[8:]}-"


def batch_of(uuid: str) -> str:
    """The batch id ``uuid`` starts with, or "" when it cannot be one."""
    head = uuid[:BATCH_LENGTH]
    return head if _BATCH_ID.fullmatch(head) else ""


def batch_range(batch: str) -> list[str]:
    """[low, high): the uuids of a batch, as bounds of a range of the uuid index."""
    return [batch, f"{batch[:-1]}."]  # ('.' follows '-')


MIGRATION_FILES = (
    "0001_initial",
    "0002_span_order_index",
    "0003_suggestions_models",
    "0004_withdrawn_suggestions",
)
"""The schema steps, in order: ``annotator/store_migrations/<name>.sql`` (semicolon-separated
statements, read with importlib.resources). A new step is a new file named here, with
``SCHEMA_VERSION`` raised to match."""

MIGRATION_SET = "annotator"
"""The name sqlite-utils records the applied steps under (table ``_sqlite_migrations``)."""


def _migration_sql(name: str) -> str:
    # imported here: only creating or migrating a file, and the first open of a process
    # (``_schema_steps``), read them
    from importlib import resources

    return (resources.files("annotator") / "store_migrations" / f"{name}.sql").read_text("utf-8")


@functools.cache
def _migrations() -> Migrations:
    """The schema steps as a sqlite-utils ``Migrations`` set, built (and sqlite-utils
    imported) the first time a file needs migrating; also ``store.MIGRATIONS``."""
    _database, migrations_class = _import_sqlite_utils()
    steps: Migrations = migrations_class(MIGRATION_SET)
    for name in MIGRATION_FILES:
        _add_migration(steps, name)
    return steps


def _add_migration(steps: Migrations, name: str) -> None:
    def step(db: Database) -> None:
        for statement in _migration_sql(name).split(";"):
            if statement.strip():
                db.execute(statement)

    steps(name=name)(step)


def __getattr__(name: str) -> Any:
    if name == "MIGRATIONS":
        return _migrations()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _applied_steps(conn: sqlite3.Connection) -> set[str]:
    """The names of the applied schema steps, read as sqlite-utils' ``Migrations.applied``
    reads them (no ``_sqlite_migrations`` table: none), with sqlite3 alone."""
    table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
    ).fetchone()
    if table is None:
        return set()
    rows = conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
    )
    return {row[0] for row in rows}


def _current(conn: sqlite3.Connection) -> bool:
    """Whether the file on ``conn`` is at this app's version with every schema step applied
    (nothing to migrate)."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    return bool(version == SCHEMA_VERSION and set(MIGRATION_FILES) <= _applied_steps(conn))


# -- the schema objects a project may hold ------------------------------------------------------
_BOOKKEEPING_SQL = (
    'CREATE TABLE "_sqlite_migrations" ( "id" INTEGER PRIMARY KEY, "migration_set" TEXT, '
    '"name" TEXT, "applied_at" TEXT )',
    'CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name" ON "_sqlite_migrations" '
    '("migration_set", "name")',
)
"""the table (and its index) sqlite-utils' ``Migrations`` records the applied steps in"""

SEARCH_INDEX_SQL = (
    "CREATE VIRTUAL TABLE search_index USING fts5(folded, tokenize = 'trigram', "
    "detail = 'none', content = '')"
)
"""the search index (``Store.reset_search_index``): a cache, made on demand, not by a step"""

_SQLITE_TABLES = frozenset({"sqlite_stat1", "sqlite_stat4", "sqlite_sequence"})
"""tables SQLite itself makes (ANALYZE, ``PRAGMA optimize``): statistics for the planner"""

_Columns = tuple[tuple[str, int], ...]
"""a table's columns as ``PRAGMA table_xinfo`` lists them, in order: (name, hidden: 0 for a
stored column, 2 or 3 for a generated one). Declared types are not compared: a table rebuilt
untyped by another tool is read as the store reads any value (checked, not trusted)."""


@dataclass(frozen=True)
class _Made:
    """What one step (or the search index) makes: tables with their columns, indexes with
    their table, the SQL of virtual tables."""

    tables: dict[str, _Columns]
    indexes: dict[str, str]
    virtual: dict[str, str]


_OBJECTS_SQL = "SELECT type, name, tbl_name, sql FROM sqlite_master"
# every column of every ordinary table, in one statement (table_xinfo only parses the
# definition); a virtual table is left out: its module is not asked
_COLUMNS_SQL = (
    "SELECT m.name, x.name, x.hidden FROM sqlite_master AS m "
    "JOIN pragma_table_xinfo(m.name) AS x WHERE m.type = 'table' "
    "AND upper(substr(ltrim(m.sql), 1, 14)) != 'CREATE VIRTUAL' ORDER BY m.name, x.cid"
)
# each index: partial, and how many of its keys are expressions (not a stored column)
_INDEXES_SQL = (
    "SELECT m.name, l.partial, (SELECT count(*) FROM pragma_index_xinfo(m.name) AS x "
    "WHERE x.key AND x.cid = -2) FROM sqlite_master AS m "
    "JOIN pragma_index_list(m.tbl_name) AS l ON l.name = m.name WHERE m.type = 'index'"
)


def _normal_sql(sql: object) -> str:
    return re.sub(r"\s*([(),])\s*", r"\1", " ".join(str(sql).split()))


def _columns(conn: sqlite3.Connection) -> dict[str, _Columns]:
    out: dict[str, list[tuple[str, int]]] = {}
    for table, name, hidden in conn.execute(_COLUMNS_SQL):
        out.setdefault(_text(table), []).append((_text(name), hidden))
    return {table: tuple(columns) for table, columns in out.items()}


def _text(value: object) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _made(conn: sqlite3.Connection, before: _Made | None = None) -> _Made:
    columns = _columns(conn)
    tables, indexes, virtual = {}, {}, {}
    for kind, name, table, sql in conn.execute(_OBJECTS_SQL):
        if kind == "index":
            indexes[name] = table
        elif name in columns:
            tables[name] = columns[name]
        else:
            virtual[name] = _normal_sql(sql)
    if before is None:
        return _Made(tables, indexes, virtual)
    return _Made(
        {k: v for k, v in tables.items() if k not in before.tables},
        {k: v for k, v in indexes.items() if k not in before.indexes},
        {k: v for k, v in virtual.items() if k not in before.virtual},
    )


@functools.cache
def _schema_steps() -> tuple[tuple[_Made, ...], _Made]:
    """What this app's steps make, read from a fresh database they build in memory (the one
    source: the step files themselves): per file version 1..``SCHEMA_VERSION`` what the step
    up to it adds (step 1 with sqlite-utils' bookkeeping table), and the search index (made on
    demand, with its FTS5 tables). Built once per process (5 ms)."""
    conn = sqlite3.connect(":memory:")
    try:
        for statement in _BOOKKEEPING_SQL:
            conn.execute(statement)
        steps = []
        seen = _Made({}, {}, {})
        for name in MIGRATION_FILES:
            for statement in _migration_sql(name).split(";"):
                if statement.strip():
                    conn.execute(statement)
            steps.append(_made(conn, seen))
            seen = _made(conn)
        search = _Made({}, {}, {})
        with contextlib.suppress(sqlite3.OperationalError):  # (an SQLite without FTS5)
            conn.execute(SEARCH_INDEX_SQL)
            search = _made(conn, seen)
    finally:
        conn.close()
    return tuple(steps), search


def schema_problems(conn: sqlite3.Connection, version: int) -> list[str]:
    """What makes the schema on ``conn`` (a file of ``version``, at most ``SCHEMA_VERSION``)
    other than this app's steps make it ([] when nothing): THE rule for which tables, indexes,
    triggers and views a project may hold, read from ``sqlite_master`` and the definitions
    alone (three statements; no table read, nothing of the file's evaluated). Each line names
    objects: unexpected ones (any trigger or view, a table or index no step makes, a view in
    place of a table), altered ones (a table whose columns are not the step's, by name, order
    and kind: a dropped, added or generated column, a virtual table in its place; an index of
    another table, over an expression or partial) and missing tables (made by a step up to
    ``version``). Objects of later steps are allowed, the search index all or none, and
    SQLite's own statistics tables. Declared types, constraints and the columns an index
    covers are not compared: what a row holds is checked by the stored-value check and a
    merge's checks of every row, an index against its table by ``integrity_check``."""
    steps, search = _schema_steps()
    tables, indexes, virtual = dict(search.tables), dict(search.indexes), dict(search.virtual)
    required: set[str] = set()
    for number, made in enumerate(steps, start=1):
        tables.update(made.tables)
        indexes.update(made.indexes)
        virtual.update(made.virtual)
        if number <= version:
            required.update(made.tables)
    old = conn.text_factory
    conn.text_factory = bytes  # a damaged name is quoted, never fails to decode
    try:
        found = [tuple(_text(v) for v in row) for row in conn.execute(_OBJECTS_SQL)]
        columns = _columns(conn)
        odd_indexes = {
            _text(name) for name, partial, expressions in conn.execute(_INDEXES_SQL)
            if partial or expressions
        }  # fmt: skip
    finally:
        conn.text_factory = old
    unexpected, altered = [], []
    present: set[str] = set()
    for kind, name, table, sql in found:
        key = (kind, name)
        if kind == "table" and name in _SQLITE_TABLES:
            continue
        if kind == "index" and name in indexes:
            if indexes[name] != table or name in odd_indexes:
                altered.append(key)
        elif kind != "table" or (name not in tables and name not in virtual):
            unexpected.append(key)
        else:
            present.add(name)
            if name in virtual:
                same = _normal_sql(sql) == virtual[name] and name not in columns
            else:
                same = columns.get(name) == tables[name]
            if not same:
                altered.append(key)
    missing = [("table", name) for name in tables if name in required and name not in present]
    group = {*search.tables, *search.virtual}
    if present & group:
        missing += [("table", name) for name in sorted(group - present)]
    lines: list[str] = []
    if unexpected:
        lines.append(Message("unexpected {objects}", objects=_named(unexpected)))
    if altered:
        lines.append(Message("altered {objects}", objects=_named(altered)))
    if missing:
        lines.append(Message("missing {objects}", objects=_named(missing)))
    return lines


def _named(keys: list[tuple[str, str]]) -> str:
    return ", ".join(f"{shortened(kind, 20)} {shortened(repr(name), 60)}" for kind, name in keys)


def _schema_refusal(path: Path, problems: list[str]) -> Message:
    said = problems[-1]
    for earlier in reversed(problems[:-1]):
        said = Message("{first}; {rest}", first=earlier, rest=said)
    return Message(
        "{path}: not an annotator project, or a damaged one ({problems})",
        path=path,
        problems=said,
    )


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _encoder() -> Callable[[Any], str]:
    """``json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=False)``, the same
    text, with its encoder made once: ``json.dumps`` makes a ``JSONEncoder`` and a C encoder
    for every value, a third of the time of the 100,000 change-log cells of a bulk relabel.
    The C encoder keeps no state between values but the circular-reference markers, which it
    is given none of (stored values are trees), so threads may share it."""
    python = json.JSONEncoder(ensure_ascii=False, sort_keys=True, allow_nan=False)
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return python.encode
    native = make(
        None, python.default, json.encoder.encode_basestring, None, ": ", ", ", True, False, False
    )

    def encode(value: Any) -> str:
        return "".join(native(value, 0))

    return encode


_dumps = _encoder()
"""``json.dumps`` with the options of the project's JSON cells (``_encoder``)"""


DATABASE_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error,)
"""Database errors, for callers that may not import sqlite3 (the CLI's last safety net)."""

FULL_CHECK_MAX_BYTES = 256 * 2**20
"""Write opens of files up to this size run the full integrity_check (see the docstring)."""

BACKGROUND_CHECK_MIN_BYTES = 16 * 2**20
"""A write open asking for ``background_check`` runs the thorough check in the background
only for a file at least this big: a smaller one is checked in about 0.2 s at most, before
``open`` returns, so it never shows read-only for a moment."""


# -- errors: one translation for the whole store ---------------------------------------------
class _Undecodable(ValueError):
    """A stored value that cannot be turned back into a record (damaged row)."""


# what a damaged file (or a full, read-only, busy disk) raises while the store reads or writes
_DB_ERRORS = (sqlite3.Error, UnicodeDecodeError, json.JSONDecodeError, _Undecodable)

# primary SQLite result codes (https://sqlite.org/rescode.html)
_BUSY, _LOCKED, _NOMEM, _READONLY, _IOERR, _FULL, _CANTOPEN = 5, 6, 7, 8, 10, 13, 14


def _message(exc: BaseException) -> str:
    try:
        return str(exc)
    except UnicodeError:
        return type(exc).__name__


def disk_was_full(exc: BaseException) -> bool:
    """Whether the SQLite error behind ``exc`` (itself, or the cause ``translate`` kept) is
    SQLITE_FULL: the project's disk, or the temporary folder where SQLite sorts, was full."""
    for e in (exc, exc.__cause__):
        if ((getattr(e, "sqlite_errorcode", None) or 0) & 0xFF) == _FULL:
            return True
    return False


def sqlite_temp_folder() -> Path:
    """Where SQLite (unix) puts its temporary files: the first usable of SQLITE_TMPDIR, TMPDIR,
    /var/tmp, /usr/tmp, else /tmp."""
    names = (os.environ.get("SQLITE_TMPDIR"), os.environ.get("TMPDIR"), "/var/tmp", "/usr/tmp")
    usable = (n for n in names if n and os.path.isdir(n) and os.access(n, os.W_OK | os.X_OK))
    return Path(next(usable, "/tmp"))


def translate(path: Path, exc: BaseException, written: Path | None = None) -> BaseException:
    """The user-facing error for ``exc`` raised while using project ``path``; ``exc`` itself
    when it is a programming error. ``written``: the file being written, when not ``path``."""
    if isinstance(exc, AnnotatorError):
        return exc
    if isinstance(exc, sqlite3.ProgrammingError | sqlite3.InterfaceError | sqlite3.IntegrityError):
        return exc  # bugs (bad SQL, bindings, constraints), not the file's fault
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    what = _message(exc)
    if code == _FULL or (code == _IOERR and _no_room(written or path)):
        # SQLite reports ENOSPC met while growing -shm or syncing as an I/O error
        if written is not None:
            return ProjectFileError(Message("no space left on device: {path}", path=written))
        return ProjectFileError(
            Message("{path}: disk full ({what}); nothing was written", path=path, what=what)
        )
    if code == _READONLY:
        return ProjectFileError(
            Message("{path}: the project file is read-only ({what})", path=path, what=what)
        )
    if code in (_BUSY, _LOCKED):
        return ProjectFileError(
            Message("{path}: busy ({what}); is it open elsewhere?", path=path, what=what)
        )
    if code == _IOERR:
        return ProjectFileError(
            Message("{path}: cannot read or write the project file ({what})", path=path, what=what)
        )
    if code == _CANTOPEN:
        return ProjectFileError(Message("{path}: cannot open ({what})", path=path, what=what))
    if code == _NOMEM:
        return ProjectFileError(Message("{path}: out of memory ({what})", path=path, what=what))
    if isinstance(exc, _DB_ERRORS):
        return ProjectFileError(_corrupt(path, what))
    return exc


def _no_room(path: Path) -> bool:
    """Whether the file system holding ``path`` is (all but) full."""
    try:
        st = os.statvfs(path.parent)
    except OSError:
        return False
    return st.f_bavail * st.f_frsize < 64 * 1024


F = TypeVar("F", bound=Callable[..., Any])


def _guarded(fn: F) -> F:
    """``fn`` (a Store method) with every database/decoding error translated by
    ``Store._error``; iterators it returns are guarded while they are consumed."""

    @functools.wraps(fn)
    def wrapper(self: Store, *args: Any, **kwargs: Any) -> Any:
        try:
            result = fn(self, *args, **kwargs)
        except _DB_ERRORS as exc:
            err = self._error(exc)
            if err is exc:
                raise
            raise err from exc
        if isinstance(result, Iterator):
            return self._guard_iter(result)
        return result

    return wrapper  # type: ignore[return-value]


# -- opening -------------------------------------------------------------------------------
_LIVE: weakref.WeakSet[Store] = weakref.WeakSet()  # open stores of this process
_HERE = threading.Lock()


def _open_here(ident: tuple[int, int], writing: bool = False) -> bool:
    """Whether this process has the file ``ident`` open (for writing). An open store keeps its
    file open, so the (device, inode) pair cannot name another file meanwhile."""
    with _HERE:
        return any(
            s._ident == ident and not (writing and (s.read_only or s._check is not None))
            for s in _LIVE
        )


def _id_range(
    column: str, docs: tuple[int, int] | None, join: str = " WHERE"
) -> tuple[str, list[int]]:
    """The condition (and its arguments) of ``column`` in ``[docs[0], docs[1])``."""
    if docs is None:
        return "", []
    return f"{join} {column} >= ? AND {column} < ?", [int(docs[0]), int(docs[1])]


def _corrupt(path: Path, what: str) -> Message:
    return Message("{path}: the project file is corrupt ({what})", path=path, what=what)


def _unreadable(path: Path, exc: OSError) -> Message:
    return Message("{path}: cannot read: {why}", path=path, why=os_reason(exc))


def _too_long(path: Path, longer_by: int = 0) -> Message | None:
    """Why SQLite cannot open ``path``: its path, symbolic links resolved, is longer than
    ``SQLITE_PATH_LIMIT`` bytes (None: it is not). ``longer_by``: how many bytes longer than
    ``path``'s name the name of the file SQLite must open beside it is (``Store.create``'s
    scratch file), which lowers the limit for ``path`` by as much."""
    size = len(os.fsencode(os.path.realpath(path)))
    limit = SQLITE_PATH_LIMIT - max(0, longer_by)
    if size <= limit:
        return None
    return Message(
        "{path}: path too long for SQLite ({size} bytes, limit {limit})",
        path=path,
        size=size,
        limit=limit,
    )


def _in_the_way(path: Path) -> Message | None:
    """Why a project cannot be created at ``path``: something is there already (a file, a
    folder, a symbolic link, even one that points nowhere); None when nothing is."""
    if not os.path.lexists(path):
        return None
    if os.path.islink(path) and not os.path.exists(path):
        return Message(
            "{path}: already exists (a symbolic link to a missing file); nothing was created",
            path=path,
        )
    return _exists(path)


def _exists(path: Path) -> Message:
    return Message("{path}: already exists; open it instead", path=path)


_COMPANIONS = SQLITE_COMPANIONS
"""the suffixes of the files SQLite makes beside a database file"""


def creation_refusal(path: Path) -> Message | None:
    """Why no project can be created at ``path`` (None: one can): something is there already
    (``_in_the_way``), or a file SQLite makes beside a database (``-wal``, ``-journal``,
    ``-shm``) is left beside that name: SQLite would replay another project's log into the new
    file (its pages, its site id) and consume it. THE rule for every way of making a project
    (``Store.create``, the window's sample project); it deletes nothing."""
    refusal = _in_the_way(path)
    if refusal:
        return refusal
    for suffix in _COMPANIONS:
        leftover = Path(f"{path}{suffix}")
        if os.path.lexists(leftover):
            return Message(
                "{path}: a leftover {name} sits beside it: move it away first",
                path=path,
                name=leftover.name,
            )
    return None


_SCRATCH_NAME_BYTES = len(".creating-00000000")
"""the length of the name ``_claim_scratch`` gives (ASCII: one byte a character)"""

_NO_HARD_LINKS = frozenset({errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS})
"""what ``os.link`` fails with on a file system without hard links (FAT, some shares)"""


def _make_folders(folder: Path) -> list[Path]:
    """Make ``folder`` and its missing parents; return those this call made, outermost
    first (a folder someone else makes meanwhile is not counted)."""
    missing = []
    while not os.path.lexists(folder) and folder.parent != folder:
        missing.append(folder)
        folder = folder.parent
    made: list[Path] = []
    try:
        for each in reversed(missing):
            try:
                os.mkdir(each)
            except FileExistsError:
                continue
            made.append(each)
    except BaseException:
        _remove_folders(made)
        raise
    return made


def _remove_folders(made: list[Path]) -> None:
    """Remove the folders ``_make_folders`` made, innermost first, each only while empty."""
    for each in reversed(made):
        with contextlib.suppress(OSError):
            os.rmdir(each)


def _claim_scratch(folder: Path) -> Path:
    """A new empty file in ``folder`` under a name no one else's file can have: made by this
    call (``O_EXCL``: never an existing file or link), with none of SQLite's companion files
    beside it, so that removing it and them removes only what this process made."""
    for _ in range(100):
        tmp = folder / f".creating-{secrets.token_hex(4)}"
        try:
            fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)
        except FileExistsError:
            continue
        os.close(fd)
        if any(os.path.lexists(f"{tmp}{suffix}") for suffix in _COMPANIONS):
            os.unlink(tmp)  # (made just now by this call)
            continue
        return tmp
    raise FileExistsError(errno.EEXIST, "no free scratch name", str(folder))


def _put_in_place(tmp: Path, path: Path) -> None:
    """Give the finished file ``tmp`` the name ``path``, unless something has that name by
    now: a hard link, which never replaces anything, then ``tmp`` goes. Where the file system
    has no hard links, a rename once the name was seen free (a moment's window)."""
    try:
        os.link(tmp, path)
    except FileExistsError:  # (whatever is there now: the link failed on it)
        raise ProjectFileError(_in_the_way(path) or _exists(path)) from None
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
        if os.path.lexists(path):
            raise ProjectFileError(_in_the_way(path) or _exists(path)) from None
        os.rename(tmp, path)
        return
    os.unlink(tmp)


def _probe(path: Path) -> tuple[int, int]:
    """Refuse a missing file, a folder or a non-SQLite file; return the file's identity."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise ProjectFileError(Message("{path}: no such project file", path=path)) from None
    except OSError as exc:
        raise ProjectFileError(_unreadable(path, exc)) from exc
    ident = (st.st_dev, st.st_ino)
    if not os.path.isfile(path):
        raise ProjectFileError(Message("{path}: not an annotator project (not a file)", path=path))
    too_long = _too_long(path)
    if too_long:
        raise ProjectFileError(too_long)
    if _open_here(ident):
        # Already open in this process: checked then. Opening and closing the file here
        # would drop SQLite's POSIX locks on it for the whole process (a documented way to
        # corrupt a database), so the header is not read again.
        return ident
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise ProjectFileError(_unreadable(path, exc)) from exc
    if header != SQLITE_HEADER:
        raise ProjectFileError(
            Message("{path}: not an annotator project (not an SQLite file)", path=path)
        )
    return ident


def _connect_read_only(path: Path) -> tuple[sqlite3.Connection, Path | None]:
    """A read-only connection that creates nothing next to a file in an unwritable folder.

    Returns the connection and the private temporary folder it reads from (or None)."""
    uri = path.resolve().as_uri()
    if write_refusal(path) is None:
        # SQLite creates -shm/-wal when it needs them and coordinates with live writers; a
        # file or folder that cannot be written (locking's rule) is read as a read-only
        # medium below: a mode=ro open would leave -wal/-shm beside a read-only file
        return sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None), None
    wal = Path(str(path) + "-wal")
    shm = Path(str(path) + "-shm")
    pending = wal.exists() and wal.stat().st_size > 0
    if not pending:
        # nothing can write here (a writer needs a -wal next to the file): safe as immutable
        conn = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None)
        return conn, None
    if shm.exists():
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn, None
        except sqlite3.OperationalError:
            conn.close()  # the -shm cannot be used: fall through to the private copy
        except BaseException:
            conn.close()
            raise
    # a log with committed data but no usable -shm: read a private copy of file and log
    tmp = scratch.make("annotator-ro-")  # a killed reader's copy goes on the next one
    try:
        copy = tmp / path.name
        size = scratch.megabytes(path.stat().st_size + wal.stat().st_size)
        with scratch.room(f"a read-only open of {path} with a pending log reads a copy ({size})"):
            shutil.copyfile(path, copy)
            shutil.copyfile(wal, Path(str(copy) + "-wal"))
        conn = sqlite3.connect(f"{copy.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    except BaseException:
        scratch.remove(tmp)
        raise
    return conn, tmp


def _sweep_reader_leftovers(path: Path) -> None:
    """After a read-only connection to ``path`` has closed: let SQLite itself remove the empty
    ``-wal`` and the ``-shm`` such a reader leaves beside a write-ahead-logged file in a
    writable folder (SQLite's read-only connections never remove them; a read-write one
    that closes as the file's last connection does). A read-write connection that writes
    nothing (``query_only``) opens the log and closes: SQLite's own locks decide whether it is
    the last one (a connection of any process still open keeps both files), and its close
    checkpoints nothing from an empty log and leaves the file's bytes and times alone.
    Nothing is done unless the log is there and empty, no rollback journal is, and the file's
    header says write-ahead logging (no journal of another kind is rolled back); any failure
    leaves the files as they were. Deletes nothing by itself."""
    wal = Path(f"{path}-wal")
    try:
        if not wal.is_file() or wal.stat().st_size != 0:
            return
        if os.path.lexists(f"{path}-journal") or write_refusal(path) is not None:
            return
        with path.open("rb") as fh:
            header = fh.read(20)
    except OSError:
        return
    if header[: len(SQLITE_HEADER)] != SQLITE_HEADER or header[18:20] != b"\x02\x02":
        return
    with contextlib.suppress(sqlite3.Error, OSError):
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=rw", uri=True, isolation_level=None, timeout=0.1
        )
        try:
            conn.execute("PRAGMA query_only = ON")
            conn.execute("PRAGMA trusted_schema = OFF")
            conn.execute("PRAGMA schema_version").fetchone()  # opens the log
        finally:
            conn.close()  # the last connection removes the log and its index


# -- files this app closed cleanly --------------------------------------------------------------
def _settle_s() -> float:
    """How old a file's last change must be before its state is recorded: file times come
    from the kernel's coarse clock (4 ms ticks at HZ=250), and a later change within the same
    tick would leave them as they were. Twice that tick where it can be asked (Linux's
    CLOCK_REALTIME_COARSE, id 5), else 25 ms."""
    try:
        tick = time.clock_getres(5) if sys.platform.startswith("linux") else 0.0125
    except OSError:
        tick = 0.0125
    return min(max(2 * tick, 0.002), 0.025)


def _state_dir() -> Path:
    """Where the records of cleanly closed project files are kept (``ANNOTATOR_STATE_DIR``
    or the user's state folder)."""
    folder = os.environ.get("ANNOTATOR_STATE_DIR")
    if folder:
        return Path(folder)
    import platformdirs  # here: only opens and closes need it

    return Path(platformdirs.user_state_dir("annotator"))


def _record_path(path: Path) -> Path:
    key = hashlib.sha256(os.fsencode(path.resolve())).hexdigest()[:40]
    return _state_dir() / "checked" / f"{key}.json"


def _file_state(path: Path) -> dict[str, int] | None:
    """What identifies the bytes of ``path`` as this app left them: device, inode, size and
    modification and change times in nanoseconds (the change time cannot be set back by
    ``touch``); None when a write-ahead log with content is pending next to it."""
    try:
        st = path.stat()
        wal = Path(f"{path}-wal")
        if wal.exists() and wal.stat().st_size > 0:
            return None
    except OSError:
        return None
    return {"dev": st.st_dev, "ino": st.st_ino, "size": st.st_size,
            "mtime_ns": st.st_mtime_ns, "ctime_ns": st.st_ctime_ns}  # fmt: skip


def closed_cleanly(path: Path) -> bool:
    """Whether ``path`` is, byte for byte as far as the file system tells, the file this app
    recorded when it last closed it after a checked open and clean writes (``_remember``)."""
    state = _file_state(path)
    if state is None:
        return False
    try:
        recorded = json.loads(_record_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(recorded, dict) and recorded.get("state") == state


def _remember(path: Path) -> None:
    """Record the state of ``path`` just closed cleanly by this app (see ``closed_cleanly``);
    any failure only means the next open checks the file thoroughly again."""
    with contextlib.suppress(OSError, ValueError):
        state = _file_state(path)
        record = _record_path(path)
        if state is None:
            record.unlink(missing_ok=True)
            return
        if state["mtime_ns"] % 1_000_000 == 0 or state["ctime_ns"] % 1_000_000 == 0:
            record.unlink(missing_ok=True)  # a file system with coarse times (FAT: 2 s)
            return
        settle = _settle_s()
        age = time.time_ns() - max(state["mtime_ns"], state["ctime_ns"])
        if age < settle * 1e9:  # a change in the same clock tick must show
            time.sleep(settle - max(age, 0) / 1e9)
            if _file_state(path) != state:  # changed meanwhile: checked again next time
                record.unlink(missing_ok=True)
                return
        record.parent.mkdir(parents=True, exist_ok=True)
        tmp = record.with_name(f"{record.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"path": str(path.resolve()), "state": state}), "utf-8")
        os.replace(tmp, record)


def _forget(path: Path) -> None:
    with contextlib.suppress(OSError, ValueError):
        _record_path(path).unlink(missing_ok=True)


def _verify(path: Path, conn: sqlite3.Connection, thorough: bool, known: bool = False) -> None:
    """Refuse a foreign, newer or damaged file (raises ProjectFileError); reads only.

    ``known``: the file is as this app left it after a clean close (``closed_cleanly``): its
    application id and version are checked, not its schema objects (``schema_problems``),
    pages and rows again."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if app_id != APPLICATION_ID:
        raise ProjectFileError(
            Message(
                "{path}: not an annotator project (SQLite file of another application)", path=path
            )
        )
    if version > SCHEMA_VERSION:
        raise ProjectFileError(
            Message(
                "{path}: made by a newer annotator (file version {version}, this app reads up "
                "to {supported}); update annotator to open it",
                path=path,
                version=version,
                supported=SCHEMA_VERSION,
            )
        )
    if known:
        # as this app left it (its size, times and inode recorded at the close; any write
        # changes its ctime): its objects are the ones the app made, and the GUI's start
        # does not build the steps' schema in memory to compare (5 ms: 1.47x -> 1.55x of
        # bench_startup's floor)
        return
    # before anything is read from a table: a view or trigger of a hostile file would run
    problems = schema_problems(conn, version)
    if problems:
        raise ProjectFileError(_schema_refusal(path, problems))
    full = thorough and path.stat().st_size <= FULL_CHECK_MAX_BYTES
    old_factory = conn.text_factory
    conn.text_factory = bytes  # problem reports quote damaged names: never fail to decode them
    try:
        pragma = "integrity_check" if full else "quick_check"
        rows = conn.execute(f"PRAGMA {pragma}(3)").fetchall()
        problems = [" ".join(bytes(r[0]).decode("utf-8", "replace").split()) for r in rows]
        if problems != ["ok"]:
            raise ProjectFileError(_corrupt(path, "; ".join(problems)))
        if thorough and version >= 1:
            bad = _documents_not_matching(conn)
            if bad is not None:
                raise ProjectFileError(
                    Message(
                        "{path}: the project file is corrupt (the text of document {document} "
                        "does not match its sha256)",
                        path=path,
                        document=bad,
                    )
                )
            problem = _malformed_row(conn) if full else None
            if problem:
                raise ProjectFileError(_corrupt(path, problem))
    finally:
        conn.text_factory = old_factory


# What every stored value must be for the row to be read back (the decoders' expectations);
# SQLite itself checks none of it (columns have affinity, not types; integrity_check in 3.40
# checks no CHECK constraint). One scan per table, in SQL: 0.15 s for 200,000 spans.
_INT, _TEXT, _OBJECT, _PAIRS, _JSON, _STATUS = "int", "text", "object", "pairs", "json", "status"
_SCORE, _STATE = "score", "state"  # a number from 0 to 1; a suggestion's 'pending' or 'rejected'
_ROW_KINDS: dict[str, dict[str, str]] = {
    "documents": {"id": _INT, "name": _TEXT, "text": _TEXT, "sha256": _TEXT, "meta": _OBJECT},
    "annotators": {"name": _TEXT, "display_name": _TEXT},
    "spans": {
        "uuid": _TEXT, "doc_id": _INT, "annotator": _TEXT, "start": _INT, "end": _INT,
        "label": _TEXT, "text": _TEXT, "attributes": _OBJECT, "note": _TEXT, "fragments": _PAIRS,
        "clock": _TEXT, "deleted": _INT,
    },
    "events": {
        "uuid": _TEXT, "doc_id": _INT, "annotator": _TEXT, "type": _TEXT, "trigger": _TEXT,
        "attributes": _OBJECT, "note": _TEXT, "clock": _TEXT, "deleted": _INT,
    },
    "arguments": {
        "uuid": _TEXT, "event": _TEXT, "doc_id": _INT, "annotator": _TEXT, "role": _TEXT,
        "target": _TEXT, "clock": _TEXT, "deleted": _INT,
    },
    "relations": {
        "uuid": _TEXT, "doc_id": _INT, "annotator": _TEXT, "type": _TEXT, "source": _TEXT,
        "target": _TEXT, "attributes": _OBJECT, "note": _TEXT, "clock": _TEXT, "deleted": _INT,
    },
    "doc_status": {"doc_id": _INT, "annotator": _TEXT, "status": _STATUS, "clock": _TEXT},
    "schema": {"json": _OBJECT},
    "settings": {"key": _TEXT, "value": _TEXT},
    "changes": {"before": _JSON, "after": _JSON},
    "quarantine": {"record": _OBJECT},
    "withdrawn_suggestions": {"batch": _TEXT, "intact": _INT},
}  # fmt: skip
"""what every row must hold for the file to open; the models table is not among them: a model
is rebuilt from the layer, so a damaged one is reported (``integrity``, ``latest_model``) and
replaced by training again, never a reason to refuse the project. Nor is the suggestions table:
see ``_SUGGESTION_KINDS``."""

_SUGGESTION_KINDS: dict[str, str] = {
    "uuid": _TEXT, "doc_id": _INT, "start": _INT, "end": _INT, "label": _TEXT, "text": _TEXT,
    "source": _TEXT, "score": _SCORE, "origin": _TEXT, "state": _STATE,
}  # fmt: skip
"""THE rule for a sound suggestions row (QA 18), judged by ``_bad_value_sql`` as the rows of
``_ROW_KINDS`` are, plus its offsets (``0 <= start < end``, the table's CHECK, which SQLite
skips under ``ignore_check_constraints``): ``_UNSOUND_SUGGESTION``.

A row breaking it is **skipped, never a reason to refuse the project**: suggestions are
disposable predictions (never exported, merged or bundled), so one tampered or damaged
prediction must not keep an analyst out of a project whose annotations are sound. The reads
and writes of suggestions leave such a row alone, as they leave the rows of withdrawn batches
(``Store._visible`` adds the condition; only the counts of pending rows, which decode none,
count it), so no reader decodes it (the window never sees a score of +inf or 'abc', the
command line never a ValueError), and ``integrity`` (so ``annotator check``, which then exits
non-zero) lists each one, with the rows whose document is missing or whose offsets or text do
not fit their document (``_suggestion_problems``). Clearing suggestions
(``clear_suggestions``) leaves them too, and a new suggestion with the same key as one of them
is not stored (the key is unique in the table)."""


def _unsound_suggestion_sql() -> tuple[list[str], str]:
    tests = [_bad_value_sql(column, kind) for column, kind in _SUGGESTION_KINDS.items()]
    tests.append(
        "typeof(start) = 'integer' AND typeof(\"end\") = 'integer' AND "
        '(start < 0 OR start >= "end")'
    )
    return tests, " OR ".join(f"({t})" for t in tests)


MODELS_KEPT = 3
"""how many models of a kind a project keeps: storing one (``Store.add_model``) deletes, in the
same transaction, the rows of that kind older than the newest ``MODELS_KEPT - 1``. Each row holds
a whole model (0.4 MB on a 12-mention toy project, 3.8 MB on AQMAR's 7 documents) and the model
panel retrains after every 50 new annotations, so keeping every one grew the file by megabytes
a retrain, for nothing: only the newest is ever read (suggestions, the panel, ``check``), no
history of older ones is shown, and a stored suggestion names its model's version in its own
source. Three keep the file's model bytes bounded (about three models) while the one or two
before the newest stay in the file, whole and sound (``integrity`` passes them), for whoever
wants a previous model back by hand."""


def _damaged_models(conn: sqlite3.Connection) -> list[str]:
    """A line for each stored model whose bytes do not match their checksum or whose fields
    are not what ``add_model`` writes (the model is refused when read: train it again)."""
    out = []
    sql = (
        "SELECT id, typeof(kind) = 'text' AND typeof(name) = 'text' AND "
        "typeof(version) = 'text', CAST(data AS BLOB), sha256, manifest FROM models ORDER BY id"
    )
    for model_id, fields_ok, data, sha, manifest in conn.execute(sql):
        # ``integrity`` reads text as bytes (a damaged name never fails to decode)
        if isinstance(sha, bytes):
            sha = sha.decode("utf-8", "replace")
        if isinstance(manifest, bytes):
            manifest = manifest.decode("utf-8", "replace")
        if not fields_ok or _model_problem(data, sha, manifest):
            out.append(f"model {model_id} is damaged: train the model again")
    return out


_MODEL_TEXTS = ("name", "version", "layer", "source", "trained", "crf_sha256")
"""the fields of a stored model's manifest (``Model.summary``) that are text when present"""

_MODEL_COUNTS = ("documents", "mentions")
"""the fields of a stored model's manifest that are finite numbers when present"""


def _manifest_sound(meta: dict[Any, Any]) -> bool:
    """Whether each field a stored model's manifest has is of the kind training writes it
    (``Model.summary``): text, finite numbers (not true or false), labels a list of text,
    scores an object (its ``triggers`` section as ``scorecheck`` has it). The manifest column
    is not covered by the bytes' checksum: a hand-edited ``"trained": ["a"]`` crashed the
    model panel (QA 13)."""
    if any(key in meta and not isinstance(meta[key], str) for key in _MODEL_TEXTS):
        return False
    for key in _MODEL_COUNTS:
        if key in meta:
            value = meta[key]
            if isinstance(value, bool) or not isinstance(value, int | float):
                return False
            if isinstance(value, float) and not math.isfinite(value):
                return False
    labels = meta.get("labels", [])
    if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
        return False
    scores = meta.get("scores", {})
    # the trigger output's held-out scores: the one check the model's bytes get too (crf)
    return isinstance(scores, dict) and trigger_scores_sound(scores)


def _model_read(data: object, sha: object, manifest: object) -> tuple[str, dict[str, Any]]:
    """Why a models row cannot be read back ("" when it can), and its manifest parsed (empty
    when it cannot be read): THE rule for ``latest_model``, ``integrity`` (and so ``check``)
    and the command line. The manifest is parsed once, for the check and for the caller."""
    if not isinstance(data, bytes) or hashlib.sha256(data).hexdigest() != sha:
        return Message("its bytes do not match their checksum"), {}
    try:
        meta = json.loads(manifest) if isinstance(manifest, str) else None
    except ValueError:
        meta = None
    if not isinstance(meta, dict) or not _manifest_sound(meta):
        return Message("its manifest is damaged"), {}
    return "", meta


def _model_problem(data: object, sha: object, manifest: object) -> str:
    """Why a models row cannot be read back ("" when it can): ``_model_read``'s rule."""
    return _model_read(data, sha, manifest)[0]


def _bad_value_sql(column: str, kind: str) -> str:
    c = f'"{column}"'
    if kind == _INT:
        return f"typeof({c}) != 'integer'"
    if kind == _TEXT:
        return f"typeof({c}) != 'text'"
    if kind == _STATUS:
        return f"{c} NOT IN ({', '.join(repr(s.value) for s in Status)})"
    if kind == _STATE:
        return f"{c} IS NOT 'pending' AND {c} IS NOT 'rejected'"
    if kind == _SCORE:  # (SQLite stores no NaN: a NaN written is NULL)
        return f"typeof({c}) NOT IN ('real', 'integer') OR NOT ({c} >= 0 AND {c} <= 1)"
    if kind == _JSON:
        return (
            f"CASE WHEN {c} IS NULL THEN 0 WHEN typeof({c}) != 'text' THEN 1 "
            f"ELSE NOT json_valid({c}) END"
        )
    empty, want = ("{}", "object") if kind == _OBJECT else ("[]", "array")
    shape = f"json_type({c}) != '{want}'"
    if kind == _PAIRS:  # [[start, end], ...]
        shape = (
            f"CASE WHEN {shape} THEN 1 ELSE EXISTS (SELECT 1 FROM json_each({c}) AS f WHERE "
            "json_type(f.value) IS NOT 'array' OR json_array_length(f.value) != 2 OR "
            "json_type(f.value, '$[0]') IS NOT 'integer' OR "
            "json_type(f.value, '$[1]') IS NOT 'integer') END"
        )
    return (
        f"CASE WHEN {c} = '{empty}' THEN 0 WHEN typeof({c}) != 'text' THEN 1 "
        f"WHEN NOT json_valid({c}) THEN 1 ELSE {shape} END"
    )


def _malformed_row(conn: sqlite3.Connection) -> str | None:
    """The first stored value that could not be read back as its record field, or None."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table, kinds in _ROW_KINDS.items():
        if table.encode() not in tables and table not in tables:
            continue
        tests = [f"({_bad_value_sql(column, kind)})" for column, kind in kinds.items()]
        sql = f"SELECT rowid, {', '.join(tests)} FROM {table} WHERE {' OR '.join(tests)} LIMIT 1"
        row = conn.execute(sql).fetchone()
        if row is not None:
            columns = [c for c, flag in zip(kinds, row[1:], strict=True) if flag]
            return f"{table} row {row[0]}: malformed {', '.join(columns)}"
    return None


_SUGGESTION_TESTS, _UNSOUND_SUGGESTION = _unsound_suggestion_sql()
"""the condition true of a suggestions row breaking ``_SUGGESTION_KINDS``' rule (and each of
its parts, in the order of the columns, then the offsets)"""


def _document_named(name: object, doc_id: object) -> str:
    """A document in a problem report: its name quoted, then its id."""
    return f"{_printable(name)} (id {_printable(doc_id)})"


def _suggestion_problems(conn: sqlite3.Connection) -> list[str]:
    """A line for each suggestions row that breaks ``_SUGGESTION_KINDS``' rule (skipped
    wherever suggestions are read), or whose document is missing, or that ends past its
    document's text, or whose text is not the document's text at its offsets (harmless to the
    readers, who take the document's text, but not what was suggested), naming the table, the
    row and the document; then the withdrawn batches that are none (``_unsound_withdrawals``).
    Called with ``text_factory = bytes`` (``integrity``)."""
    out: list[str] = []
    names = [*_SUGGESTION_KINDS, "offsets"]
    tests = ", ".join(f"({t})" for t in _SUGGESTION_TESTS)
    sql = (
        "SELECT rowid, doc_id, (SELECT d.name FROM documents AS d WHERE d.id = doc_id), "
        f"{tests} FROM suggestions WHERE {_UNSOUND_SUGGESTION} ORDER BY rowid"
    )
    for rowid, doc_id, name, *flags in conn.execute(sql):
        columns = ", ".join(n for n, flag in zip(names, flags, strict=True) if flag)
        document = _document_named(name, doc_id) if name is not None else _printable(doc_id)
        out.append(
            Message(
                "suggestions row {row}, document {document}: malformed {columns} (left out "
                "wherever suggestions are read)",
                row=rowid,
                document=document,
                columns=columns,
            )
        )
    sql = (
        'SELECT rowid, doc_id, start, "end", text FROM suggestions '
        f"WHERE NOT ({_UNSOUND_SUGGESTION}) ORDER BY doc_id, rowid"
    )
    found: dict[int, tuple[object, str] | None] = {}
    for rowid, doc_id, start, end, covered in conn.execute(sql):
        if doc_id not in found:
            row = conn.execute("SELECT name, text FROM documents WHERE id = ?", [doc_id])
            doc = row.fetchone()
            text = doc[1] if doc is not None else None
            if isinstance(text, bytes):
                text = text.decode("utf-8", "replace")
            found[doc_id] = None if doc is None else (doc[0], str(text))
        known = found[doc_id]
        if known is None:
            out.append(
                Message(
                    "suggestions row {row}: its document (id {id}) does not exist",
                    row=rowid,
                    id=doc_id,
                )
            )
            continue
        document, text = _document_named(known[0], doc_id), known[1]
        if end > len(text):
            out.append(
                Message(
                    "suggestions row {row}, document {document}: it ends at {end}, past the "
                    "end of the text ({length})",
                    row=rowid,
                    document=document,
                    end=end,
                    length=len(text),
                )
            )
        elif bytes(covered).decode("utf-8", "replace") != text[start:end]:
            out.append(
                Message(
                    "suggestions row {row}, document {document}: its text {text} is not the "
                    "document's text at {start}-{end} ({expected})",
                    row=rowid,
                    document=document,
                    text=_printable(covered),
                    start=start,
                    end=end,
                    expected=_printable(text[start:end]),
                )
            )
    return out + _unsound_withdrawals(conn)


def _unsound_withdrawals(conn: sqlite3.Connection) -> list[str]:
    """A line for each ``withdrawn_suggestions`` row whose batch is no batch id (text of
    ``SuggestionBatch``'s shape, ``_BATCH_ID``): ``Store.withdrawn_batches`` skips it, so it
    hides nothing and no purge ever removes it. (A batch id naming no stored suggestion is
    sound: an undone import that stored none withdraws one, and the next purge drops it.)
    The table holds a row per undone import: read whole, judged by the readers' own rule.
    Called with ``text_factory = bytes`` (``integrity``)."""
    known = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'withdrawn_suggestions'"
    ).fetchone()
    if known is None:
        return []
    out: list[str] = []
    sql = "SELECT rowid, batch, typeof(batch) FROM withdrawn_suggestions ORDER BY rowid"
    for rowid, batch, kind in conn.execute(sql):
        shown = batch.decode("utf-8", "replace") if kind == b"text" else None
        if shown is None or not _BATCH_ID.fullmatch(shown):
            out.append(
                Message(
                    "withdrawn_suggestions row {row}: {batch} is not a batch id (left out "
                    "wherever suggestions are read)",
                    row=rowid,
                    batch=_printable(batch),
                )
            )
    return out


def _documents_not_matching(conn: sqlite3.Connection) -> int | None:
    """The id of the first document whose stored text does not hash to its sha256."""
    for doc_id, sha, text in conn.execute("SELECT id, sha256, text FROM documents"):
        # (a damaged row may hold any type: compare only bytes with bytes)
        if not (isinstance(text, bytes) and isinstance(sha, bytes)) or (
            hashlib.sha256(text).hexdigest().encode("ascii") != sha
        ):
            return doc_id if isinstance(doc_id, int) else -1
    return None


def check_file(path: Path) -> None:
    """Refuse, without writing a byte, a file that is not an annotator project we can read.

    Raises ProjectFileError: missing, not SQLite, foreign application_id, newer version, or
    failing quick_check."""
    Store.open(path, read_only=True).close()


class _Check:
    """The thorough check of a file opened for writing (``Store.open(...,
    background_check=True)``), run in a worker thread on its own read-only connection: the
    sqlite3 module releases the GIL while SQLite reads the pages, so the project is read
    meanwhile, and written only once the check has passed (``Store.finish_check``).

    ``done`` is called in the worker thread when the check ends: with None when the file
    passed, else with the error (a ``ProjectFileError`` naming the file); not when the check
    was cancelled (the store closed first)."""

    def __init__(
        self,
        path: Path,
        done: Callable[[BaseException | None], None] | None,
        thorough: bool = True,
    ) -> None:
        self.path = path
        self.thorough = thorough  # False: a read-only open's check (quick_check)
        self.error: BaseException | None = None
        self._done = done
        self._ended = threading.Event()
        self._guard = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._cancelled = False
        self._thread = threading.Thread(
            target=self._run, name=f"annotator check {path.name}", daemon=True
        )
        self._thread.start()

    @property
    def ended(self) -> bool:
        """Whether the check has ended (passed, failed or stopped)."""
        return self._ended.is_set()

    @property
    def passed(self) -> bool:
        return self._ended.is_set() and not self.stopped and self.error is None

    stopped = False
    """the check was stopped (``cancel``) before it could say anything about the file"""

    def _run(self) -> None:
        completed, error = False, None
        if sys.platform.startswith("linux"):  # (a thread's own nice value: Linux only)
            with contextlib.suppress(OSError):
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
        try:
            completed = self._check()
        except BaseException as exc:  # reported to the store's thread, never lost
            if isinstance(exc, _DB_ERRORS):
                error = translate(self.path, exc)
            elif isinstance(exc, OSError):
                error = ProjectFileError(_unreadable(self.path, exc))
            else:
                error = exc
        with self._guard:
            if self._cancelled and (error is not None or not completed):
                self.stopped = True  # interrupted: no verdict on the file
            else:
                self.error = error
        self._ended.set()
        if self._done is not None and not self.stopped:
            self._done(self.error)

    def _check(self) -> bool:
        conn, copy_dir = _connect_read_only(self.path)
        try:
            with self._guard:
                self._conn = conn
                if self._cancelled:
                    return False
            _verify(self.path, conn, thorough=self.thorough)
            return True
        finally:
            with self._guard:
                self._conn = None
            conn.close()
            if copy_dir is not None:
                scratch.remove(copy_dir)

    def wait(self) -> None:
        self._ended.wait()

    def cancel(self) -> None:
        """Stop the check and wait for its thread to end. SQLite's interrupt stops the
        statement running (quick_check included); one that starts later is not, so the
        interrupt is repeated until the thread has ended."""
        with self._guard:
            self._cancelled = True
        while self._thread.is_alive():
            with self._guard:
                if self._conn is not None:
                    self._conn.interrupt()
            self._thread.join(0.05)


class Store:
    """One open project file. Not thread-safe: use one Store per thread."""

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        read_only: bool,
        lock: ProjectLock | None = None,
        ident: tuple[int, int] | None = None,
        copy_dir: Path | None = None,
    ) -> None:
        self.path = path
        self.read_only = read_only
        self.conn = conn
        self._lock = lock
        self._ident = ident
        self._scratch = copy_dir  # private copy read instead of the file (see the docstring)
        self._broken: ProjectFileError | None = None
        self._closed = False
        # lazily read layers whose text and clock columns are not read yet (read at close)
        self._deferred_columns: weakref.WeakSet[_SpanColumns] = weakref.WeakSet()
        self._committed = False  # PRAGMA optimize only after a write of ours (never a refusal)
        self._listing: tuple[int, list[Document]] | None = None  # see ``documents``
        self._check: _Check | None = None  # the thorough check still to pass (see ``open``)
        self._checked_state: dict[str, int] | None = None  # see ``checked_state``
        self._trace: Callable[[str], None] | None = None
        if ident is not None:
            with _HERE:
                _LIVE.add(self)

    # -- errors --------------------------------------------------------------------------
    def _error(self, exc: BaseException, written: Path | None = None) -> BaseException:
        """THE translation of errors raised while using this store (see ``translate``)."""
        if self._broken is not None and isinstance(exc, sqlite3.ProgrammingError):
            return self._broken  # the connection was closed after a failed write
        if self._closed and isinstance(exc, sqlite3.ProgrammingError):
            return ProjectFileError(Message("{path}: the project is closed", path=self.path))
        return translate(self.path, exc, written)

    def _guard_iter(self, items: Iterator[Any]) -> Iterator[Any]:
        try:
            yield from items
        except _DB_ERRORS as exc:
            err = self._error(exc)
            if err is exc:
                raise
            raise err from exc

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def create(cls, path: Path, settings: dict[str, str]) -> Store:
        """Create a new project file. Refuses anything already at ``path`` (a file, a folder,
        a symbolic link, even one that points nowhere) or a leftover ``-wal``, ``-journal`` or
        ``-shm`` beside it (``creation_refusal``) and deletes or replaces nothing it did not
        make: the file is built under a new scratch name beside it (``_claim_scratch``)
        and given its name only while that is still free (``_put_in_place``). A failure
        removes the scratch file and the folders this call made."""
        path = Path(path)
        refusal = creation_refusal(path) or _too_long(
            path, _SCRATCH_NAME_BYTES - len(os.fsencode(path.name))
        )
        if refusal:
            raise ProjectFileError(refusal)
        made = _make_folders(path.parent)
        try:
            unwritable = write_refusal(path)
            if unwritable:
                raise ProjectFileError(unwritable)
            tmp = _claim_scratch(path.parent)
            try:
                conn = cls._connect(tmp, read_only=False)
                store = cls(tmp, conn, read_only=False)
                try:
                    store.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                    store._migrate()
                    with store.write():
                        for key, value in settings.items():
                            store.set_setting(key, value)
                    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                finally:
                    conn.close()
                _put_in_place(tmp, path)
            except BaseException:
                for leftover in (tmp, *(Path(f"{tmp}{suffix}") for suffix in _COMPANIONS)):
                    with contextlib.suppress(OSError):
                        leftover.unlink(missing_ok=True)
                raise
        except BaseException as exc:
            _remove_folders(made)
            if isinstance(exc, _DB_ERRORS):
                raise translate(path, exc) from exc
            if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
                raise ProjectFileError(
                    Message("no space left on device: {path}", path=path)
                ) from exc
            raise
        for suffix in _COMPANIONS:
            Path(f"{tmp}{suffix}").unlink(missing_ok=True)
        return cls.open(path)

    @classmethod
    def open(
        cls,
        path: Path,
        read_only: bool = False,
        *,
        background_check: bool = False,
        checked: Callable[[BaseException | None], None] | None = None,
        checked_as: dict[str, int] | None = None,
    ) -> Store:
        """Open a project file (see the module docstring for the checks and the lock).

        ``background_check`` (a write open): when the file needs the thorough check, return
        at once with the file open for reading and run the check in a worker thread
        (``_Check``); the first write waits for it (``finish_check``). ``checked`` is called
        in that thread when the check ends (see ``_Check``); it is not called when the file
        needed no check, or was checked before this returned. A read-only open with
        ``background_check`` runs its quick_check so, and ``finish_check`` waits for it
        (raising when it failed): what was read meanwhile is to be used only after that.

        ``checked_as`` (read-only opens only): the ``checked_state`` of another read-only
        handle of this file, which has checked it or is checking it (and will not use what
        this handle reads unless its check passes): when the file is still exactly in that
        state, its application id and version are checked, not its pages again (as for a
        file closed cleanly); otherwise it is checked as always."""
        path = Path(path)
        ident = _probe(path)
        if read_only:
            return cls._open_read_only(
                path, ident, background_check=background_check, checked=checked,
                checked_as=checked_as,
            )  # fmt: skip
        if checked_as is not None:
            raise ValueError("checked_as is for read-only opens")
        refusal = write_refusal(path)
        if refusal:
            raise ProjectFileError(refusal)
        lock = acquire(path, SHARED)
        try:
            checked_here = _open_here(ident, writing=True)
            known = closed_cleanly(path)
            check, copy_dir = _connect_read_only(path)
            try:
                later = background_check and not (checked_here or known)
                later = later and path.stat().st_size >= BACKGROUND_CHECK_MIN_BYTES
                _verify(path, check, thorough=not checked_here, known=known or later)
                if later and copy_dir is None and _current(check):
                    cls._configure(path, check, read_only=True)
                    check.execute("PRAGMA cell_size_check = ON")  # (see ``_check_later``)
                    return cls._check_later(path, check, lock, ident, checked)
                if later:  # to be migrated (or read from a copy): checked now, as before
                    _verify(path, check, thorough=True)
            except BaseException:
                check.close()
                raise
            finally:
                if copy_dir is not None:
                    scratch.remove(copy_dir)
            check.close()
            conn = cls._connect(path, read_only=False)
            store = cls(path, conn, False, lock, ident)
        except BaseException as exc:
            lock.release()
            _sweep_reader_leftovers(path)  # what the check's read-only connection left
            if isinstance(exc, _DB_ERRORS):
                raise translate(path, exc) from exc
            raise
        try:
            store._migrate()
        except BaseException as exc:
            store.close()
            if isinstance(exc, _DB_ERRORS):
                raise translate(path, exc) from exc
            raise
        return store

    @classmethod
    def _check_later(
        cls,
        path: Path,
        conn: sqlite3.Connection,
        lock: ProjectLock,
        ident: tuple[int, int],
        checked: Callable[[BaseException | None], None] | None,
    ) -> Store:
        """A write handle whose thorough check runs in the background: until it has passed,
        the store reads through ``conn``, a read-only connection (SQLite itself refuses any
        write on it), with ``cell_size_check`` on, as SQLite advises for a file not yet
        checked; application id and version are checked already."""
        store = cls(path, conn, False, lock, ident)
        store._check = _Check(path, checked)
        return store

    @property
    def checking(self) -> bool:
        """Whether the file awaits its thorough check (``open(..., background_check=True)``):
        it can be read, and the first write waits for the check (``finish_check``)."""
        return self._check is not None

    @property
    def check_ended(self) -> bool:
        """Whether no check is pending, or the pending one has ended (``finish_check`` then
        returns or raises at once)."""
        return self._check is None or self._check.ended

    def finish_check(self) -> None:
        """Wait for the thorough check of a file opened with ``background_check`` (nothing
        when none is pending). When it has passed, the store writes from now on (a write
        connection, as a checked open makes); when it failed, the store is closed and its
        error (``ProjectFileError``, naming the file) raised, now and by any later use."""
        check = self._check
        if check is None:
            if self._broken is not None:
                raise self._broken
            return
        check.wait()
        if check.error is not None:
            error = check.error
            self._check = None
            self._fail(error)
            raise error
        if self.read_only:
            self._check = None
            return
        try:
            conn = self._connect(self.path, read_only=False)
        except BaseException as exc:
            if isinstance(exc, _DB_ERRORS):
                raise translate(self.path, exc) from exc
            raise
        old, self.conn = self.conn, conn
        self._check = None
        self._listing = None  # (``data_version`` belongs to a connection)
        if self._trace is not None:
            conn.set_trace_callback(self._trace)
        with contextlib.suppress(sqlite3.Error):
            old.close()
        self._migrate()  # (nothing to do: a file to migrate is checked before ``open`` returns)

    def _fail(self, error: BaseException) -> None:
        """Close a store whose background check failed: nothing was written, nothing will."""
        self._broken = (
            error
            if isinstance(error, ProjectFileError)
            else ProjectFileError(
                Message(
                    "{path}: the project file could not be checked ({error})",
                    path=self.path,
                    error=message_of(error),
                )
            )
        )
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()
        self._let_go()
        _sweep_reader_leftovers(self.path)  # (a handle being checked reads, never copies)

    def set_trace(self, callback: Callable[[str], None] | None) -> None:
        """Call ``callback`` with every SQL statement this store runs (None: stop)."""
        self._trace = callback
        self.conn.set_trace_callback(callback)

    @classmethod
    def _open_read_only(
        cls,
        path: Path,
        ident: tuple[int, int],
        *,
        background_check: bool = False,
        checked: Callable[[BaseException | None], None] | None = None,
        checked_as: dict[str, int] | None = None,
    ) -> Store:
        state = _file_state(path)  # before the check: a change after it shows
        try:
            conn, copy_dir = _connect_read_only(path)
        except (sqlite3.Error, OSError) as exc:
            if isinstance(exc, OSError):
                raise ProjectFileError(_unreadable(path, exc)) from exc
            raise translate(path, exc) from exc
        try:
            handed = checked_as is not None and state is not None and checked_as == state
            known = copy_dir is None and (handed or closed_cleanly(path))
            later = background_check and copy_dir is None and not known
            later = later and path.stat().st_size >= BACKGROUND_CHECK_MIN_BYTES
            _verify(path, conn, thorough=False, known=known or later)
            cls._configure(path, conn, read_only=True)
            if handed or later:  # pages read before (or without) a check of this handle
                conn.execute("PRAGMA cell_size_check = ON")
        except BaseException as exc:
            conn.close()
            if copy_dir is not None:
                scratch.remove(copy_dir)
            else:
                _sweep_reader_leftovers(path)
            if isinstance(exc, _DB_ERRORS):
                raise translate(path, exc) from exc
            raise
        store = cls(path, conn, True, None, None if copy_dir else ident, copy_dir)
        store._checked_state = state if copy_dir is None else None
        if later:
            store._check = _Check(path, checked, thorough=False)
        return store

    def checked_state(self) -> dict[str, int] | None:
        """For a read-only handle, the state of its file (device, inode, size, modification
        and change times) when it was opened and checked, or is being checked
        (``background_check``), for ``open(..., checked_as=...)`` by a helper that reads the
        file for it; None for a write handle, a file read from a private copy, a failed
        check, or when a write-ahead log was pending."""
        if not self.read_only or self._closed or self._broken is not None:
            return None
        return dict(self._checked_state) if self._checked_state is not None else None

    @classmethod
    def _connect(cls, path: Path, read_only: bool) -> sqlite3.Connection:
        if read_only:
            conn, _ = _connect_read_only(path)
        else:
            conn = sqlite3.connect(str(path), isolation_level=None)
        try:
            cls._configure(path, conn, read_only)
        except BaseException:
            conn.close()
            raise
        return conn

    @staticmethod
    def _configure(path: Path, conn: sqlite3.Connection, read_only: bool) -> None:
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute("PRAGMA foreign_keys = ON")
        # as sqlite-utils' Database wrapper set it on every connection when the store kept one
        conn.execute("PRAGMA recursive_triggers = ON")
        if not read_only:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode != "wal":
                raise ProjectFileError(
                    Message("{path}: cannot use write-ahead logging ({mode})", path=path, mode=mode)
                )
            conn.execute("PRAGMA synchronous = FULL")

    def _migrate(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version >= SCHEMA_VERSION and set(MIGRATION_FILES) <= _applied_steps(self.conn):
            return
        # All pending steps, their records and user_version in ONE transaction: a crash
        # leaves the old or the new schema, never a mix.
        database, _migrations_class = _import_sqlite_utils()
        with self.write():
            _migrations().apply(database(self.conn, execute_plugins=False))
            self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def close(self) -> None:
        """Close the connection and release the lock (safe to call twice)."""
        if self._closed:
            return
        self._closed = True
        for columns in list(self._deferred_columns):  # a layer still shown stays readable
            with contextlib.suppress(ProjectFileError, *_DB_ERRORS):
                columns.load()
        check, self._check = self._check, None
        unchecked = False  # closed before its background check passed: nothing to record
        if check is not None:
            check.cancel()
            unchecked = not check.passed
            if check.error is not None and self._broken is None:
                self._broken = ProjectFileError(message_of(check.error))  # (the record goes)
        copied = self._scratch is not None  # read from a private copy: nothing beside the file
        try:
            if self._committed and self._broken is None:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("PRAGMA optimize")
            with contextlib.suppress(sqlite3.Error):
                self.conn.close()  # the last connection checkpoints and removes -wal/-shm
        finally:
            ident = self._ident
            self._let_go()
        if not copied:  # a read-only connection (a reading handle, a check) leaves them
            _sweep_reader_leftovers(self.path)
        if not self.read_only and self._broken is None and ident is not None and not unchecked:
            # a write handle checked the file when it opened (or a handle of this process
            # did) and wrote it through SQLite only: the next open need not check it again,
            # as long as nothing else has touched it by then
            if not _open_here(ident):
                _remember(self.path)
        elif self._broken is not None:
            _forget(self.path)

    def _let_go(self) -> None:
        with _HERE:
            self._ident = None
            _LIVE.discard(self)
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        if self._scratch is not None:
            scratch.remove(self._scratch)
            self._scratch = None

    # -- transactions --------------------------------------------------------------------
    @contextlib.contextmanager
    def write(self) -> Iterator[None]:
        """One write transaction (BEGIN IMMEDIATE); nested calls join the outer one.

        Any failure rolls the transaction back and is raised translated (disk full, read-only,
        corrupt...). If the ROLLBACK fails too, the connection is closed (SQLite discards the
        uncommitted transaction) and the first error is the one raised. A file opened with
        ``background_check`` is written only once its check has passed: the first write
        waits for it (``finish_check``), and raises its error if it failed."""
        if self._check is not None:
            self.finish_check()
        if self._broken is not None:
            raise self._broken
        if self.read_only:
            raise ProjectFileError(Message("{path}: opened read-only", path=self.path))
        if self.conn.in_transaction:
            yield
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except _DB_ERRORS as exc:
            raise self._error(exc) from exc
        self._listing = None  # documents may change
        try:
            yield
            self.conn.execute("COMMIT")
            self._committed = True
        except BaseException as exc:
            self._rollback(exc)
            if isinstance(exc, _DB_ERRORS):
                err = self._error(exc)
                if err is not exc:
                    raise err from exc
            raise

    def _rollback(self, cause: BaseException) -> None:
        if not self.conn.in_transaction:
            return  # SQLite rolled back itself (e.g. after SQLITE_FULL)
        try:
            self.conn.execute("ROLLBACK")
        except sqlite3.Error:
            first = self._error(cause)
            reason = _message(first) if isinstance(first, AnnotatorError) else _message(cause)
            self._broken = ProjectFileError(
                Message(
                    "{path}: closed after a failed write ({reason}); nothing of that write was "
                    "kept; open the project again",
                    path=self.path,
                    reason=reason,
                )
            )
            with contextlib.suppress(sqlite3.Error):
                self.conn.close()
            self._let_go()

    # -- settings and schema --------------------------------------------------------------
    def setting(self, key: str, default: str = "") -> str:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return str(row[0]) if row else default

    def set_setting(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )

    def schema_json(self) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT json FROM schema WHERE id = 1").fetchone()
        return _obj(row[0]) if row else None

    def set_schema_json(self, data: dict[str, Any]) -> None:
        self.conn.execute(
            "INSERT INTO schema (id, json, modified) VALUES (1, ?, ?) ON CONFLICT(id) DO "
            "UPDATE SET json = excluded.json, modified = excluded.modified",
            [_dumps(data), now_iso()],
        )

    # -- documents -----------------------------------------------------------------------
    _DOC_COLS = "id, name, text, sha256, raw_sha256, meta, created"

    @staticmethod
    def _doc(row: Sequence[Any]) -> Document:
        return Document(
            id=row[0],
            name=row[1],
            text=row[2],
            sha256=row[3],
            raw_sha256=row[4],
            meta=_obj(row[5]),
            created=row[6],
        )

    def insert_documents(self, docs: Sequence[Document]) -> list[int]:
        """Insert documents (``id`` ignored) in one statement; returns the new ids in order.

        Must run inside ``write()``: ids are allocated from max(id) under the write lock."""
        first = self.next_document_id()
        stamp = now_iso()
        ids = list(range(first, first + len(docs)))
        self.conn.executemany(
            "INSERT INTO documents (id, name, text, sha256, raw_sha256, meta, created) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (i, d.name, d.text, d.sha256, d.raw_sha256, _dumps(d.meta), d.created or stamp)
                for i, d in zip(ids, docs, strict=True)
            ],
        )
        return ids

    def next_document_id(self) -> int:
        return (
            int(self.conn.execute("SELECT coalesce(max(id), 0) FROM documents").fetchone()[0]) + 1
        )

    def documents(self, with_text: bool = True) -> list[Document]:
        """Every document in id order. ``with_text=False`` is the listing (the document list,
        a filter by name): id, name, sha256, raw_sha256 and created, with ``text`` empty and
        ``meta`` empty too (a CoNLL document's meta holds its tokens: parsing them for a
        list cost more than the rest). ``document(id)`` reads one in full."""
        if with_text:
            rows = self.conn.execute(f"SELECT {self._DOC_COLS} FROM documents ORDER BY id")
            return [self._doc(r) for r in rows]
        if self.conn.in_transaction:  # may be rolled back: neither served nor kept
            return self._listing_rows()
        # The listing is kept between calls while the file is unchanged: ``data_version``
        # moves when another connection commits, ``write`` drops it when this one does.
        # Reading 100,000 rows whose pages hold the texts and building their Documents took
        # 0.3 s (a filter typed into the list asks for it again and again).
        version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        if self._listing is None or self._listing[0] != version:
            self._listing = (version, self._listing_rows())
        return list(self._listing[1])

    def document_names(self, limit: int = -1) -> list[tuple[int, str]]:
        """``(id, name)`` of the first ``limit`` documents in id order (-1: every one): the
        document list's and the navigation's need, read in one query of those two columns,
        no ``Document`` made (``documents(with_text=False)`` makes 100,000 of them)."""
        sql = "SELECT id, name FROM documents ORDER BY id LIMIT ?"
        rows: list[tuple[int, str]] = self.conn.execute(sql, [limit]).fetchall()
        return rows

    def _listing_rows(self) -> list[Document]:
        sql = "SELECT id, name, sha256, raw_sha256, created FROM documents ORDER BY id"
        return list(map(_listed_document, self.conn.execute(sql)))

    def document(self, doc_id: int) -> Document | None:
        row = self.conn.execute(
            f"SELECT {self._DOC_COLS} FROM documents WHERE id = ?", [doc_id]
        ).fetchone()
        return self._doc(row) if row else None

    def document_by(self, column: str, value: str) -> Document | None:
        if column not in ("sha256", "name"):
            raise ValueError(column)
        row = self.conn.execute(
            f"SELECT {self._DOC_COLS} FROM documents WHERE {column} = ? ORDER BY id LIMIT 1",
            [value],
        ).fetchone()
        return self._doc(row) if row else None

    def document_hashes(self) -> dict[str, int]:
        return {r[0]: r[1] for r in self.conn.execute("SELECT sha256, id FROM documents")}

    def document_ids(self, hashes: Sequence[str]) -> dict[str, int]:
        """``sha256 -> id`` of the stored documents among ``hashes`` (through the sha256
        index, in chunks): what an import of a part of a big file needs, not every hash."""
        out: dict[str, int] = {}
        for i in range(0, len(hashes), self._CHUNK):
            chunk = hashes[i : i + self._CHUNK]
            marks = ", ".join("?" for _ in chunk)
            sql = f"SELECT sha256, id FROM documents WHERE sha256 IN ({marks})"
            out.update((r[0], r[1]) for r in self.conn.execute(sql, chunk))
        return out

    def set_document_meta(self, doc_id: int, meta: dict[str, Any]) -> None:
        self.conn.execute("UPDATE documents SET meta = ? WHERE id = ?", [_dumps(meta), doc_id])

    # -- annotators ----------------------------------------------------------------------
    def ensure_annotator(self, name: str, display_name: str = "") -> None:
        self.conn.execute(
            "INSERT OR IGNORE INTO annotators (name, display_name, created) VALUES (?, ?, ?)",
            [name, display_name or name, now_iso()],
        )

    def ensure_annotators(self, names: Iterable[str]) -> None:
        """``ensure_annotator`` of several names in one statement."""
        stamp = now_iso()
        self.conn.executemany(
            "INSERT OR IGNORE INTO annotators (name, display_name, created) VALUES (?, ?, ?)",
            [(name, name, stamp) for name in names],
        )

    def annotators(self) -> list[tuple[str, str]]:
        return [
            (r[0], r[1])
            for r in self.conn.execute("SELECT name, display_name FROM annotators ORDER BY name")
        ]

    # -- annotation records --------------------------------------------------------------
    def put(self, record: Record, when: str | None = None) -> None:
        """Insert or update one record version (upsert keeps the row; never a cascade)."""
        self.put_many([record], when)

    def put_many(self, records: Iterable[Record], when: str | None = None) -> None:
        stamp = when or now_iso()
        by_table: dict[str, list[Sequence[Any]]] = {}
        for r in records:
            if type(r) is Span:  # most records written in bulk: without the general _row
                by_table.setdefault("spans", []).append(_span_row(r, stamp))
            else:
                by_table.setdefault(record_kind(r), []).append(_row(r, stamp))
        for table, rows in by_table.items():
            cols = _COLUMNS[table]
            names = ", ".join(f'"{c}"' for c in cols)
            marks = ", ".join("?" for _ in cols)
            updates = ", ".join(f'"{c}" = excluded."{c}"' for c in cols if c not in _KEEP)
            self.conn.executemany(
                f"INSERT INTO {table} ({names}) VALUES ({marks}) "
                f"ON CONFLICT(uuid) DO UPDATE SET {updates}",
                rows,
            )

    def insert_new(self, records: Iterable[Record], when: str | None = None) -> None:
        """Insert records whose uuids no stored record has (the caller has checked: an
        importer that looked them up): a plain INSERT, which SQLite runs in less than half
        the time of ``put_many``'s upsert (1.15 s against 0.44 s for 84,000 records). A uuid
        that is there after all fails the statement (UNIQUE) and with it the transaction."""
        stamp = when or now_iso()
        by_table: dict[str, list[Sequence[Any]]] = {}
        for r in records:
            if type(r) is Span:  # most imported records: built without the general _row
                by_table.setdefault("spans", []).append(_span_row(r, stamp))
            else:
                by_table.setdefault(record_kind(r), []).append(_row(r, stamp))
        for table, rows in by_table.items():
            self.conn.executemany(_insert_sql(table), rows)

    def insert_if_new(self, record: Record, when: str | None = None) -> bool:
        """Insert one record unless a stored record of its kind (a tombstone too) has its
        uuid: False then, nothing written. The table's UNIQUE uuid answers, so the common
        case (a fresh uuid) costs no read."""
        try:
            self.insert_new([record], when)
        except sqlite3.IntegrityError as exc:
            if f"UNIQUE constraint failed: {record_kind(record)}.uuid" in str(exc):
                return False
            raise
        return True

    # -- one typed table per record kind (issue 11) --------------------------------------
    @property
    def spans(self) -> RecordTable[Span]:
        """The spans table: ``store.spans.get(uuid) -> Span | None`` and friends."""
        return RecordTable(self, "spans")

    @property
    def events(self) -> RecordTable[Event]:
        return RecordTable(self, "events")

    @property
    def arguments(self) -> ArgumentTable:
        return ArgumentTable(self, "arguments")

    @property
    def relations(self) -> RecordTable[Relation]:
        return RecordTable(self, "relations")

    def table(self, kind: str) -> RecordTable[Record]:
        """The table of ``kind`` (one of ``RECORD_TABLES``), for code that walks every kind;
        its records are typed ``Record`` (use the named tables where the kind is known)."""
        return RecordTable(self, _table(kind))

    def iter_documents(self) -> Iterator[Document]:
        """Every document with its text, streamed in id order."""
        cursor = self.conn.cursor()
        for row in cursor.execute(f"SELECT {self._DOC_COLS} FROM documents ORDER BY id"):
            yield self._doc(row)

    def text_blocks(
        self, rows: int = 1024, docs: tuple[int, int] | None = None
    ) -> Iterator[list[tuple[int, str, str]]]:
        """Every document's (id, name, text) in id order, in blocks of up to ``rows``;
        ``docs``: only the ids from ``docs[0]`` up to, not including, ``docs[1]``."""
        where, args = _id_range("id", docs)
        cursor = self.conn.execute(f"SELECT id, name, text FROM documents{where} ORDER BY id", args)
        return self._guard_iter(_blocks(cursor, rows))

    def document_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM documents").fetchone()[0])

    def count(self, kind: str, doc_id: int | None = None, annotator: str | None = None) -> int:
        table = _table(kind)
        where, args = _equal(doc_id=doc_id, annotator=annotator)
        where.insert(0, "deleted = 0")
        sql = f"SELECT count(*) FROM {table} WHERE {' AND '.join(where)}"
        return int(self.conn.execute(sql, args).fetchone()[0])

    def holds_spans(self, annotator: str) -> bool:
        """Whether ``annotator``'s layer holds a live span (one index probe, whatever its size)."""
        sql = "SELECT 1 FROM spans WHERE annotator = ? AND deleted = 0 LIMIT 1"
        return self.conn.execute(sql, [annotator]).fetchone() is not None

    def span_counts(self, annotator: str | None) -> dict[int, int]:
        """Live span count per document (for one annotator, or all)."""
        return self.doc_counts("spans", annotator)

    def doc_counts(self, kind: str, annotator: str | None) -> dict[int, int]:
        """Live record count per document of one kind (for one annotator, or all)."""
        sql = f"SELECT doc_id, count(*) FROM {_table(kind)} WHERE deleted = 0"
        args: list[Any] = []
        if annotator is not None:
            sql += " AND annotator = ?"
            args.append(annotator)
        return {r[0]: r[1] for r in self.conn.execute(sql + " GROUP BY doc_id", args)}

    def label_counts(self) -> dict[str, int]:
        sql = "SELECT label, count(*) FROM spans WHERE deleted = 0 GROUP BY label"
        return {r[0]: r[1] for r in self.conn.execute(sql)}

    # -- status --------------------------------------------------------------------------
    def set_status(self, status: DocStatus) -> None:
        self.conn.execute(
            "INSERT INTO doc_status (doc_id, annotator, status, clock) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(doc_id, annotator) DO UPDATE SET status = excluded.status, "
            "clock = excluded.clock",
            [status.doc_id, status.annotator, status.status.value, status.clock],
        )

    def set_statuses(self, statuses: Iterable[DocStatus]) -> None:
        """``set_status`` of several statuses in one statement."""
        self.conn.executemany(
            "INSERT INTO doc_status (doc_id, annotator, status, clock) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(doc_id, annotator) DO UPDATE SET status = excluded.status, "
            "clock = excluded.clock",
            [(st.doc_id, st.annotator, st.status.value, st.clock) for st in statuses],
        )

    def status(self, doc_id: int, annotator: str) -> DocStatus | None:
        """The stored status of one document in one layer (by the primary key), or None."""
        row = self.conn.execute(
            "SELECT doc_id, annotator, status, clock FROM doc_status "
            "WHERE doc_id = ? AND annotator = ?",
            [doc_id, annotator],
        ).fetchone()
        return DocStatus(row[0], row[1], _status(row[2]), row[3]) if row else None

    def status_map(self, annotator: str) -> dict[int, Status]:
        """``doc_id -> status`` of one layer, in document order, without a ``DocStatus`` per
        row: the document list's column (100,000 documents: 0.6 s as records, 0.17 s so)."""
        rows = self.conn.execute(
            "SELECT doc_id, status FROM doc_status WHERE annotator = ? ORDER BY doc_id",
            [annotator],
        ).fetchall()
        known = _STATUS_OF
        try:
            return {doc_id: known[status] for doc_id, status in rows}
        except (KeyError, TypeError):
            for _doc_id, status in rows:
                _status(status)  # raises for the first unknown one
            raise

    def statuses(self, annotator: str | None = None) -> list[DocStatus]:
        sql = "SELECT doc_id, annotator, status, clock FROM doc_status"
        args: list[Any] = []
        if annotator is not None:
            sql += " WHERE annotator = ?"
            args.append(annotator)
        return [
            DocStatus(r[0], r[1], _status(r[2]), r[3])
            for r in self.conn.execute(sql + " ORDER BY doc_id, annotator", args)
        ]

    # -- change log ----------------------------------------------------------------------
    def log(
        self,
        annotator: str,
        action: str,
        kind: str,
        uuid: str,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
        when: str | None = None,
    ) -> None:
        self.log_many([(annotator, action, kind, uuid, before, after)], when)

    def log_many(
        self,
        entries: Iterable[tuple[str, str, str, str, dict[str, Any] | None, dict[str, Any] | None]],
        when: str | None = None,
    ) -> None:
        """Append change-log lines: (annotator, action, kind, uuid, before, after)."""
        stamp = when or now_iso()
        self.conn.executemany(
            "INSERT INTO changes (at, annotator, action, kind, uuid, before, after) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    stamp,
                    a,
                    act,
                    k,
                    u,
                    None if b is None else _dumps(b),
                    None if aft is None else _dumps(aft),
                )
                for a, act, k, u, b, aft in entries
            ],
        )

    def changes(self, uuid: str | None = None, limit: int = 1000) -> list[ChangeEntry]:
        sql = "SELECT id, at, annotator, action, kind, uuid, before, after FROM changes"
        args: list[Any] = []
        if uuid is not None:
            sql += " WHERE uuid = ?"
            args.append(uuid)
        sql += " ORDER BY id DESC LIMIT ?"
        args.append(limit)
        return [
            ChangeEntry(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                r[5],
                None if r[6] is None else json.loads(r[6]),
                None if r[7] is None else json.loads(r[7]),
            )
            for r in self.conn.execute(sql, args)
        ]

    # -- quarantine ----------------------------------------------------------------------
    def quarantine(
        self,
        source: str,
        doc_sha256: str,
        kind: str,
        uuid: str,
        record: dict[str, Any],
        reason: str,
    ) -> None:
        self.conn.execute(
            "INSERT INTO quarantine (at, source, doc_sha256, kind, uuid, record, reason) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [now_iso(), source, doc_sha256, kind, uuid, _dumps(record), reason],
        )

    def quarantined(self) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT at, source, doc_sha256, kind, uuid, record, reason FROM quarantine ORDER BY id"
        )
        return [
            {
                "at": r[0],
                "source": r[1],
                "doc_sha256": r[2],
                "kind": r[3],
                "uuid": r[4],
                "record": json.loads(r[5]),
                "reason": r[6],
            }
            for r in rows
        ]

    # -- integrity -----------------------------------------------------------------------
    def integrity(self) -> list[str]:
        """Problems found by integrity_check, foreign_key_check (a row and the table it
        refers to, named), the document checksums (the document named), the rows that could
        not be read back (``_ROW_KINDS``), the suggestions rows breaking their rule or not
        fitting their document (``_suggestion_problems``: each row, with its document) and
        the damaged models; empty when sound."""
        self.conn.text_factory = bytes  # reports quote damaged names: never fail to decode
        try:
            out = [
                bytes(r[0]).decode("utf-8", "replace")
                for r in self.conn.execute("PRAGMA integrity_check")
            ]
            out = [p for p in out if p != "ok"]
            # (a suggestion's missing document: reported by _suggestion_problems, with the row)
            out += [
                Message(
                    "{table} row {row} refers to a row of {parent} that does not exist",
                    table=bytes(table).decode("utf-8", "replace"),
                    row=rowid,
                    parent=bytes(parent).decode("utf-8", "replace"),
                )
                for table, rowid, parent, _key in self.conn.execute("PRAGMA foreign_key_check")
                if table != b"suggestions"
            ]
            bad = _documents_not_matching(self.conn)
            if bad is not None:
                row = self.conn.execute("SELECT name FROM documents WHERE id = ?", [bad])
                found = row.fetchone()
                out.append(
                    Message(
                        "the text of document {document} does not match its sha256",
                        document=_document_named(found[0] if found else None, bad),
                    )
                )
            malformed = _malformed_row(self.conn)
            if malformed:
                out.append(malformed)
            out += _suggestion_problems(self.conn)
            out += _damaged_models(self.conn)
        finally:
            self.conn.text_factory = str
        return out

    # -- exchange ------------------------------------------------------------------------
    # Lookups the merge needs in bulk (annotator.exchange): versions of many uuids at once,
    # without building whole records, in chunks below SQLite's parameter limit.
    _CHUNK = 5000

    def versions(self, kind: str, uuids: Sequence[str]) -> dict[str, tuple[str, str]]:
        """``uuid -> (clock, annotator)`` of the stored version of each uuid that exists."""
        table = _table(kind)
        out: dict[str, tuple[str, str]] = {}
        for i in range(0, len(uuids), self._CHUNK):
            chunk = uuids[i : i + self._CHUNK]
            marks = ", ".join("?" for _ in chunk)
            sql = f"SELECT uuid, clock, annotator FROM {table} WHERE uuid IN ({marks})"
            for row in self.conn.execute(sql, chunk):
                out[row[0]] = (row[1], row[2])
        return out

    def clocks(self, kind: str, uuids: Sequence[str]) -> dict[str, tuple[str, bool]]:
        """``uuid -> (clock, deleted)`` of the stored version of each uuid that exists
        (tombstones too), a query per 5,000, no record decoded."""
        table = _table(kind)
        out: dict[str, tuple[str, bool]] = {}
        for i in range(0, len(uuids), self._CHUNK):
            chunk = uuids[i : i + self._CHUNK]
            marks = ", ".join("?" for _ in chunk)
            sql = f"SELECT uuid, clock, deleted FROM {table} WHERE uuid IN ({marks})"
            for uuid, clock, deleted in self.conn.execute(sql, chunk):
                out[uuid] = (clock, bool(deleted))
        return out

    def put_merged(self, pairs: Sequence[tuple[Record, int]], when: str | None = None) -> None:
        """``put_many`` of records read with another project's document ids: each record is
        written with the local ``doc_id`` paired with it (no copy of the record needed).

        The rows whose uuid no stored record of the kind has are written by a plain INSERT,
        the others by ``put_many``'s upsert: the same rows in the end (an upsert of a new uuid
        is an insert, and an update takes no rowid, so the new rows get theirs in the same
        order), but SQLite runs the upsert in about two and a half times the insert's time
        (8 s against 20 s for 500,000 spans into a project holding 500,000). The INSERT is
        tried on every row, skipping a stored uuid (``ON CONFLICT(uuid) DO NOTHING``): when
        it wrote them all (a first merge), no lookup is needed; else the rows it skipped (a
        uuid stored before it, by rowid, or given twice) are the upserts, as before."""
        stamp = when or now_iso()
        by_table: dict[str, list[Any]] = {}
        for record, doc_id in pairs:
            if type(record) is Span:  # most merged records: without the general _row
                by_table.setdefault("spans", []).append(_span_row(record, stamp, doc_id))
                continue
            table = record_kind(record)
            row = _row(record, stamp)
            row[_DOC_ID_AT[table]] = doc_id
            by_table.setdefault(table, []).append(row)
        for table, rows in by_table.items():
            at = _UUID_AT[table]
            top = self.conn.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0]
            written = self.conn.executemany(_insert_new_sql(table), rows).rowcount
            if written == len(rows):  # every uuid new
                continue
            # the rows an INSERT of the uuids new before it leaves out, in order: upserts
            stored = (
                set() if top is None else self._stored_uuids(table, [row[at] for row in rows], top)
            )
            known: list[Any] = []
            for row in rows:
                uuid = row[at]
                if uuid in stored:
                    known.append(row)
                else:  # a uuid given twice: the later rows are upserts after the insert
                    stored.add(uuid)
            if known:
                self.conn.executemany(_upsert_sql(table), known)

    def _stored_uuids(self, table: str, uuids: Sequence[str], top: int | None = None) -> set[str]:
        """Those of ``uuids`` a stored record of ``table`` has (tombstones too); with ``top``
        (a rowid), only rows at or below it: those stored before rows were added after it."""
        out: set[str] = set()
        below = "" if top is None else f" AND rowid <= {int(top)}"
        for i in range(0, len(uuids), self._CHUNK):
            chunk = uuids[i : i + self._CHUNK]
            marks = ", ".join("?" for _ in chunk)
            sql = f"SELECT uuid FROM {table} WHERE uuid IN ({marks}){below}"
            out.update(uuid for (uuid,) in self.conn.execute(sql, chunk))
        return out

    @contextlib.contextmanager
    def large_cache(self, mebibytes: int = 256) -> Iterator[None]:
        """A bigger page cache for one bulk job: index pages touched by inserts all over a
        large file stay in memory instead of being read again (a merge of 500,000 records
        into 500,000 spends most of its time there with the 2 MiB default)."""
        try:
            old = self.conn.execute("PRAGMA cache_size").fetchone()[0]
            self.conn.execute(f"PRAGMA cache_size = {-1024 * int(mebibytes)}")
        except _DB_ERRORS as exc:
            raise self._error(exc) from exc
        try:
            yield
        finally:
            with contextlib.suppress(sqlite3.Error):  # never mask the job's own error
                self.conn.execute(f"PRAGMA cache_size = {int(old)}")

    # -- added for annotator.clock and annotator.exchange (issue 9) ----------------------------
    def clock_stamps(self, limit: str) -> tuple[str, dict[str, list[Any]]]:
        """For ``annotator.clock.repair_clock``: the greatest well-formed stamp at or below
        ``limit`` in the record and status tables, and per table the keys (uuid, or
        (doc_id, annotator) for doc_status) of rows whose stamp is malformed or beyond it."""
        ok = "coalesce(typeof(clock) = 'text' AND clock GLOB ? AND clock <= ?, 0)"
        shape = "[0-9]" * 13 + "." + "[0-9]" * 6
        best, bad = "", {}
        for table in (*RECORD_TABLES, "doc_status"):
            key = "doc_id, annotator" if table == "doc_status" else "uuid"
            sql = f"SELECT max(CASE WHEN {ok} THEN clock END), sum(NOT {ok}) FROM {table}"
            top, n = self.conn.execute(sql, [shape, limit] * 2).fetchone()
            best = max(best, top or "")
            if n:
                rows = self.conn.execute(
                    f"SELECT {key} FROM {table} WHERE NOT {ok}", [shape, limit]
                )
                bad[table] = [r[0] if len(r) == 1 else tuple(r) for r in rows]
        return best, bad

    def untrusted_rows(self, table: str, columns: Sequence[str], limit: int) -> list[Any]:
        """For merging another project file (``annotator.exchange``), opened read-only: at most
        ``limit`` + 1 rows of ``columns`` as stored. ``table`` must be an ordinary table and each
        column an ordinary stored one, so no view, virtual table or generated column of a
        hostile file is evaluated; any SQLite error is a ProjectFileError."""
        try:
            sql = self._untrusted_select(table, columns)
            return self.conn.execute(f"{sql} LIMIT ?", [limit + 1]).fetchall()
        except sqlite3.Error as exc:
            raise ProjectFileError(f"{self.path}: cannot read {table}: {exc}") from exc

    def untrusted_chunks(
        self, table: str, columns: Sequence[str], size: int
    ) -> Iterator[list[Any]]:
        """``untrusted_rows`` as a stream, for a merge that keeps one part of a table in
        memory at a time: every row of ``columns`` of ``table``, in lists of ``size`` rows
        (the same checks; any SQLite error is a ProjectFileError)."""
        try:
            cursor = self.conn.execute(self._untrusted_select(table, columns))
            while chunk := cursor.fetchmany(size):
                yield chunk
        except sqlite3.Error as exc:
            raise ProjectFileError(f"{self.path}: cannot read {table}: {exc}") from exc

    def _untrusted_select(self, table: str, columns: Sequence[str]) -> str:
        names = (table, *columns)
        if not all(n.isascii() and n.replace("_", "a").isalnum() for n in names):
            raise ValueError(f"bad identifier in {names}")
        kinds = self.conn.execute(
            "SELECT type, sql FROM sqlite_master WHERE name = ? COLLATE NOCASE", [table]
        ).fetchall()
        virtual = bool(kinds) and str(kinds[0][1]).upper().split()[:2] == ["CREATE", "VIRTUAL"]
        if len(kinds) != 1 or kinds[0][0] != "table" or virtual:
            raise ProjectFileError(f"{self.path}: {table} is not an ordinary table")
        hidden = {r[1]: r[6] for r in self.conn.execute(f'PRAGMA table_xinfo("{table}")')}
        if any(hidden.get(c) != 0 for c in columns):
            raise ProjectFileError(f"{self.path}: table {table} lacks ordinary {columns}")
        cols = ", ".join(f'"{c}"' for c in columns)
        return f'SELECT {cols} FROM "{table}"'

    # -- suggestions (issues 13, 14) ----------------------------------------------------------
    # Proposed spans that are not annotations: plain value tuples in ``SUGGESTION_COLUMNS``
    # order (the record type, annotator.search.Suggestion, sits above the store). Pending rows
    # wait for an analyst; rejected rows are the memory that keeps a suggestion from coming
    # back (its key, (doc_id, start, end, label, source), is unique).
    #
    # Batches: the rows one undoable store writes share the first ``BATCH_LENGTH`` characters
    # of their uuids (``SuggestionBatch``), so a batch is one range of the uuid index. A batch
    # listed in ``withdrawn_suggestions`` (file version 4) is withdrawn: every read and write
    # below leaves its rows alone (``_visible``), except ``purge_withdrawn``, which deletes
    # them, and the writes of a suggestion with the same key or uuid as one of them
    # (``_unhide_conflicts``), which delete that one. Both mark the batch no longer
    # ``intact``, so its redo writes it back whole (``Project.restore_suggestion_batch``).
    _withdrawn_table = False
    """whether the file has the ``withdrawn_suggestions`` table (known once seen)"""

    def withdrawn_batches(self) -> list[str]:
        """The withdrawn batches, in the order withdrawn (none in a file older than version
        4: read-only, not migrated)."""
        if not self._withdrawn_table:
            found = self.conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                "name = 'withdrawn_suggestions'"
            ).fetchone()
            if found is None:
                return []
            self._withdrawn_table = True
        rows = self.conn.execute("SELECT batch FROM withdrawn_suggestions ORDER BY rowid")
        return [b for (b,) in rows if isinstance(b, str) and _BATCH_ID.fullmatch(b)]

    def _visible(self, sound: bool = True) -> tuple[str, list[str]]:
        """The condition (`` AND ...``) and its arguments that leave out the rows of withdrawn
        batches and (``sound``) the rows breaking the rule of a sound suggestion
        (``_SUGGESTION_KINDS``: skipped, listed by ``integrity``). Counts that decode no row
        (``pending_count``, ``has_suggestions``, ``suggestion_counts``) pass ``sound=False``
        and stay answered from the ``suggestions_state`` index alone: the condition reads
        the table's rows, and with the planner's statistics of a smaller table it made
        ``has_suggestions`` scan the whole table (26 ms -> 19.7 s for 2,000 look-ups among
        200,000 suggestions); a damaged row counted there does no harm."""
        hidden = self.withdrawn_batches()
        sound_sql = f" AND NOT ({_UNSOUND_SUGGESTION})" if sound else ""
        if not hidden:
            return sound_sql, []
        marks = ", ".join("?" for _ in hidden)
        return f"{sound_sql} AND substr(uuid, 1, {BATCH_LENGTH}) NOT IN ({marks})", list(hidden)

    def _unhide_conflicts(self, rows: Sequence[SuggestionRow], by_uuid: bool) -> None:
        """Delete the rows of withdrawn batches that ``rows`` are about to take the place of
        (the same key, or with ``by_uuid`` the same uuid), marking those batches no longer
        intact: a suggestion stored again after an undo is stored, not ignored as a
        duplicate of one nobody sees. Nothing to do while no batch is withdrawn."""
        hidden = self.withdrawn_batches()
        if not hidden or not rows:
            return
        marks = ", ".join("?" for _ in hidden)
        inside = f"substr(uuid, 1, {BATCH_LENGTH}) IN ({marks})"
        before = self.conn.total_changes
        self.conn.executemany(
            f'DELETE FROM suggestions WHERE doc_id = ? AND start = ? AND "end" = ? AND '
            f"label = ? AND source = ? AND {inside}",
            ([r[1], r[2], r[3], r[4], r[6], *hidden] for r in rows),
        )
        if by_uuid:
            self.conn.executemany(
                f"DELETE FROM suggestions WHERE uuid = ? AND {inside}",
                ([r[0], *hidden] for r in rows),
            )
        if self.conn.total_changes != before:
            self.conn.execute("UPDATE withdrawn_suggestions SET intact = 0 WHERE intact = 1")

    _ADD_SUGGESTION = (
        'INSERT OR IGNORE INTO suggestions (uuid, doc_id, start, "end", label, text, '
        "source, score, origin, state, created) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "'pending', ? WHERE NOT EXISTS (SELECT 1 FROM spans WHERE doc_id = ?2 AND "
        'start = ?3 AND "end" = ?4 AND +label = ?5 AND deleted = 0)'
    )
    """One suggestion stored unless its key is (``INSERT OR IGNORE``) or a live span equals
    it. The probe finds the spans through their document (``spans_doc``, or ``spans_order``
    when the statistics favour it), never through their label: ``+label`` keeps
    ``spans_label`` out of the plan. Through that index, on a file with no statistics for
    spans (a fresh import) SQLite read every span of the label per row stored, and an
    annotate-all --to-layer, whose accepted spans made each later chunk's probes longer,
    grew quadratically with the corpus (2,000 documents: 4 min 40 s). (No ``INDEXED BY``: a
    file made by another tool may lack the index, and the query would fail.)"""

    def add_suggestions(self, rows: Iterable[SuggestionRow]) -> int:
        """Store pending suggestions; a row whose key is stored already (pending or
        rejected) or that equals a live span (document, offsets, label) is skipped. Returns
        how many were stored."""
        rows = list(rows)
        self._unhide_conflicts(rows, by_uuid=False)
        stamp = now_iso()
        before = self.conn.total_changes
        self.conn.executemany(self._ADD_SUGGESTION, ((*row, stamp) for row in rows))
        return self.conn.total_changes - before

    def restore_suggestions(self, rows: Iterable[SuggestionRow]) -> None:
        """Put suggestions back as pending, as they were (undo of an accept or a reject),
        replacing a stored row with the same uuid or key."""
        sql = (
            'INSERT OR REPLACE INTO suggestions (uuid, doc_id, start, "end", label, text, '
            "source, score, origin, state, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "'pending', ?)"
        )
        rows = list(rows)
        self._unhide_conflicts(rows, by_uuid=True)
        stamp = now_iso()
        self.conn.executemany(sql, ((*row, stamp) for row in rows))

    def new_batch(self) -> str:
        """A batch id (``new_batch_id``) no stored suggestion's uuid starts with (one look-up
        in the uuid index)."""
        while True:
            batch = new_batch_id()
            sql = "SELECT 1 FROM suggestions WHERE uuid >= ? AND uuid < ? LIMIT 1"
            if self.conn.execute(sql, batch_range(batch)).fetchone() is None:
                return batch

    def batch_size(self, batch: str) -> int:
        """How many suggestions (any state, withdrawn too) the batch holds: a count of one
        range of the uuid index."""
        sql = "SELECT count(*) FROM suggestions WHERE uuid >= ? AND uuid < ?"
        return int(self.conn.execute(sql, batch_range(batch)).fetchone()[0])

    def batch_suggestions(self, batch: str) -> list[SuggestionRow]:
        """The pending suggestions of a batch, in the order they were stored (their uuids
        count up)."""
        # (+state: the range of the uuid index, never every pending row of suggestions_state)
        sql = f"{self._SUGGESTION_SELECT} WHERE uuid >= ? AND uuid < ? AND +state = 'pending'"
        extra, hidden = self._visible()
        rows = self.conn.execute(f"{sql}{extra} ORDER BY uuid", [*batch_range(batch), *hidden])
        return [_suggestion_row(r) for r in rows]

    def withdraw_batch(self, batch: str) -> None:
        """Withdraw a batch (the undo of its store): one row written, whatever its size. A
        batch withdrawn already stays as it is: marked intact again, rows it lost meanwhile
        (purged, or taken over) would not be written back by its redo."""
        self.conn.execute(
            "INSERT INTO withdrawn_suggestions (batch, intact) VALUES (?, 1) "
            "ON CONFLICT(batch) DO NOTHING",
            [batch],
        )

    def unwithdraw_batch(self, batch: str) -> bool:
        """Take a batch off the withdrawn list (its redo); whether it was there intact (none
        of its rows gone since: nothing else to write)."""
        sql = "SELECT intact FROM withdrawn_suggestions WHERE batch = ?"
        row = self.conn.execute(sql, [batch]).fetchone()
        self.conn.execute("DELETE FROM withdrawn_suggestions WHERE batch = ?", [batch])
        return row is not None and row[0] == 1

    def purge_withdrawn(self, limit: int | None = None) -> int:
        """Delete the suggestions of withdrawn batches, at most ``limit`` of them (None: all),
        batch by batch in the order they were withdrawn, each a range of the uuid index; a
        batch with none left leaves the list. Each batch touched is marked no longer intact
        first (in the same transaction). Returns how many were deleted."""
        deleted = 0
        for batch in self.withdrawn_batches():
            left = None if limit is None else limit - deleted
            if left is not None and left <= 0:
                break
            self.conn.execute(
                "UPDATE withdrawn_suggestions SET intact = 0 WHERE batch = ?", [batch]
            )
            span = batch_range(batch)
            if left is None:
                sql = "DELETE FROM suggestions WHERE uuid >= ? AND uuid < ?"
                cur = self.conn.execute(sql, span)
            else:
                sql = (
                    "DELETE FROM suggestions WHERE rowid IN (SELECT rowid FROM suggestions "
                    "WHERE uuid >= ? AND uuid < ? LIMIT ?)"
                )
                cur = self.conn.execute(sql, [*span, left])
            deleted += max(cur.rowcount, 0)
            sql = "SELECT 1 FROM suggestions WHERE uuid >= ? AND uuid < ? LIMIT 1"
            if self.conn.execute(sql, span).fetchone() is None:
                self.conn.execute("DELETE FROM withdrawn_suggestions WHERE batch = ?", [batch])
        return deleted

    _SUGGESTION_SELECT = (
        'SELECT uuid, doc_id, start, "end", label, text, source, score, origin FROM suggestions'
    )

    def suggestions(
        self, doc_id: int | None, min_score: float = 0.0, source: str | None = None
    ) -> list[SuggestionRow]:
        """Pending suggestions of a document (or all), in reading order."""
        where: list[str] = ["state = 'pending'", "score >= ?"]
        args: list[Any] = [min_score]
        if doc_id is not None:
            where.append("doc_id = ?")
            args.append(doc_id)
        if source is not None:
            where.append("source = ?")
            args.append(source)
        extra, hidden = self._visible()
        sql = (
            f"{self._SUGGESTION_SELECT} WHERE {' AND '.join(where)}{extra} "
            'ORDER BY doc_id, start, "end", label, source'
        )
        return [_suggestion_row(r) for r in self.conn.execute(sql, [*args, *hidden])]

    def suggestion_marks(
        self, doc_id: int, after: tuple[int, int, str] | None, limit: int | None
    ) -> list[tuple[Any, ...]]:
        """(uuid, start, end, label, source, score, origin) of a document's pending
        suggestions, without their text (the document's own, at their offsets), in
        (start, end, uuid) order: those after ``after`` (None: from the first), at most
        ``limit`` (None: all). A window of a document's suggestions, read from the
        ``suggestions_state`` index (state, doc_id, start)."""
        extra, hidden = self._visible()
        sql = (
            'SELECT uuid, start, "end", label, source, score, origin FROM suggestions '
            f"WHERE state = 'pending' AND doc_id = ?{extra}"
        )
        args: list[Any] = [doc_id, *hidden]
        if after is not None:
            sql += ' AND start >= ? AND (start, "end", uuid) > (?, ?, ?)'
            args += [after[0], *after]
        sql += ' ORDER BY start, "end", uuid'
        if limit is not None:
            sql += " LIMIT ?"
            args.append(limit)
        rows = self.conn.execute(sql, args).fetchall()
        for r in rows:
            if not (type(r[1]) is int and type(r[2]) is int):
                raise _Undecodable(f"suggestion {r[0]!r}: malformed offsets")
        return rows

    def pending_count(self, doc_id: int) -> int:
        """How many pending suggestions a document has (those behind spans included)."""
        extra, hidden = self._visible(sound=False)
        sql = f"SELECT count(*) FROM suggestions WHERE state = 'pending' AND doc_id = ?{extra}"
        return int(self.conn.execute(sql, [doc_id, *hidden]).fetchone()[0])

    def pending_suggestions(self, uuids: Sequence[str]) -> list[SuggestionRow]:
        """The pending suggestions among ``uuids``, in the order asked (unknown ones left out)."""
        found: dict[str, SuggestionRow] = {}
        extra, hidden = self._visible()
        for i in range(0, len(uuids), self._CHUNK):
            chunk = list(uuids[i : i + self._CHUNK])
            marks = ", ".join("?" for _ in chunk)
            sql = f"{self._SUGGESTION_SELECT} WHERE state = 'pending' AND uuid IN ({marks}){extra}"
            for r in self.conn.execute(sql, [*chunk, *hidden]):
                found[r[0]] = _suggestion_row(r)
        return [found[u] for u in dict.fromkeys(uuids) if u in found]

    def drop_suggestions(self, uuids: Sequence[str]) -> None:
        """Remove suggestions (accepted ones leave the table: the span is their trace)."""
        extra, hidden = self._visible()
        for i in range(0, len(uuids), self._CHUNK):
            chunk = list(uuids[i : i + self._CHUNK])
            marks = ", ".join("?" for _ in chunk)
            self.conn.execute(
                f"DELETE FROM suggestions WHERE uuid IN ({marks}){extra}", [*chunk, *hidden]
            )

    def reject_suggestions(self, uuids: Sequence[str]) -> None:
        """Mark pending suggestions rejected (remembered, never offered again)."""
        extra, hidden = self._visible()
        for i in range(0, len(uuids), self._CHUNK):
            chunk = list(uuids[i : i + self._CHUNK])
            marks = ", ".join("?" for _ in chunk)
            self.conn.execute(
                f"UPDATE suggestions SET state = 'rejected' WHERE state = 'pending' AND "
                f"uuid IN ({marks}){extra}",
                [*chunk, *hidden],
            )

    def relabel_rejections(self, old: str, new: str, keep: Collection[str]) -> frozenset[str]:
        """Give the remembered rejections labelled ``old`` (those whose uuid is in ``keep``
        left out) the label ``new``, in place: a label rename carries them, as it carries the
        pending suggestions, and its undo back. A rejection whose key, under the new label, is
        stored already stays as it was (the stored one remembers it). Rows of withdrawn
        batches are left alone. Returns the uuids of the rejections labelled ``new`` before
        (what the other way leaves alone)."""
        extra, hidden = self._visible()
        sql = (
            "SELECT uuid, label FROM suggestions WHERE state = 'rejected' AND "
            f"label IN (?, ?){extra}"
        )
        before: set[str] = set()
        moved: list[str] = []
        for uuid, label in self.conn.execute(sql, [old, new, *hidden]).fetchall():
            if label == new:
                before.add(str(uuid))
            elif uuid not in keep:
                moved.append(str(uuid))
        for i in range(0, len(moved), self._CHUNK):
            chunk = moved[i : i + self._CHUNK]
            marks = ", ".join("?" for _ in chunk)
            self.conn.execute(
                "UPDATE OR IGNORE suggestions SET label = ? WHERE state = 'rejected' AND "
                f"label = ? AND uuid IN ({marks})",
                [new, old, *chunk],
            )
        return frozenset(before)

    def clear_suggestions(self, source: str | None, doc_id: int | None) -> int:
        """Remove pending suggestions (of one source, of one document, or all); rejections
        stay remembered. Returns how many went."""
        where: list[str] = ["state = 'pending'"]
        args: list[Any] = []
        if source is not None:
            where.append("source = ?")
            args.append(source)
        if doc_id is not None:
            where.append("doc_id = ?")
            args.append(doc_id)
        extra, hidden = self._visible()
        cur = self.conn.execute(
            f"DELETE FROM suggestions WHERE {' AND '.join(where)}{extra}", [*args, *hidden]
        )
        return int(cur.rowcount)

    def covered_ranges(
        self, doc_ids: Sequence[int], pending: bool = False
    ) -> dict[int, list[tuple[int, int]]]:
        """The ranges the live spans of every layer cover in each of ``doc_ids`` (a
        discontinuous span's fragments), and with ``pending`` those of the pending
        suggestions: a few queries per ``_CHUNK`` documents, whatever their number."""
        out: dict[int, list[tuple[int, int]]] = {d: [] for d in doc_ids}
        ids = list(out)
        extra, hidden = self._visible() if pending else ("", [])
        for i in range(0, len(ids), self._CHUNK):
            chunk = ids[i : i + self._CHUNK]
            marks = ", ".join("?" for _ in chunk)
            sql = (
                f'SELECT doc_id, start, "end", fragments FROM spans WHERE deleted = 0 '
                f"AND doc_id IN ({marks})"
            )
            for doc_id, start, end, fragments in self.conn.execute(sql, chunk):
                if fragments and fragments != "[]":
                    out[doc_id].extend((int(a), int(b)) for a, b in json.loads(fragments))
                else:
                    out[doc_id].append((start, end))
            if pending:
                sql = (
                    'SELECT doc_id, start, "end" FROM suggestions WHERE state = '
                    f"'pending' AND doc_id IN ({marks}){extra}"
                )
                for doc_id, start, end in self.conn.execute(sql, [*chunk, *hidden]):
                    out[doc_id].append((start, end))
        return out

    def covered_near(self, doc_id: int, ranges: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        """The ranges the live spans of every layer cover in ``doc_id`` (a discontinuous span's
        fragments) among the spans overlapping one of ``ranges``: one statement joining the
        layers and the ranges to the spans, an indexed range scan for each layer and range
        (``spans_order``: annotator, doc_id, start), never the whole document's spans
        (``covered_ranges``). The number of statements does not grow with ``ranges``, so a
        bulk write that checks them stays a fixed number of statements."""
        out: list[tuple[int, int]] = []
        wanted = list(dict.fromkeys(ranges))
        if not wanted:
            return out
        values = ", ".join(["(?, ?)"] * len(wanted))
        sql = (
            f"WITH r(a, b) AS (VALUES {values}), "
            "l(annotator) AS (SELECT DISTINCT annotator FROM spans WHERE doc_id = ?) "
            'SELECT DISTINCT s.uuid, s.start, s."end", s.fragments FROM l CROSS JOIN r '
            "CROSS JOIN spans AS s ON s.annotator = l.annotator AND s.doc_id = ? "
            'AND s.start < r.b AND s."end" > r.a AND s.deleted = 0'
        )
        flat = [x for pair in wanted for x in pair]
        for _uuid, start, end, fragments in self.conn.execute(sql, [*flat, doc_id, doc_id]):
            if fragments and fragments != "[]":
                out.extend((int(x), int(y)) for x, y in json.loads(fragments))
            else:
                out.append((start, end))
        return out

    def has_suggestions(self, doc_id: int) -> bool:
        """Whether a document has pending suggestions (one indexed look-up)."""
        extra, hidden = self._visible(sound=False)
        sql = f"SELECT 1 FROM suggestions WHERE state = 'pending' AND doc_id = ?{extra} LIMIT 1"
        return self.conn.execute(sql, [doc_id, *hidden]).fetchone() is not None

    def suggestion_sources(self, doc_id: int | None = None) -> list[str]:
        """The sources of pending suggestions (of one document, or all)."""
        extra, hidden = self._visible()
        sql = f"SELECT DISTINCT source FROM suggestions WHERE state = 'pending'{extra}"
        args: list[Any] = list(hidden)
        if doc_id is not None:
            sql += " AND doc_id = ?"
            args.append(doc_id)
        return [str(r[0]) for r in self.conn.execute(sql + " ORDER BY source", args)]

    def suggestion_counts(self) -> dict[int, int]:
        """Pending suggestions per document (documents with none left out)."""
        extra, hidden = self._visible(sound=False)
        sql = (
            f"SELECT doc_id, count(*) FROM suggestions WHERE state = 'pending'{extra} "
            "GROUP BY doc_id"
        )
        return {int(d): int(n) for d, n in self.conn.execute(sql, hidden)}

    def rejected_keys_of(self, doc_ids: Sequence[int]) -> set[tuple[int, int, int, str, str]]:
        """The keys of remembered rejections in ``doc_ids`` (one query per ``_CHUNK``)."""
        out: set[tuple[int, int, int, str, str]] = set()
        ids = list(doc_ids)
        extra, hidden = self._visible()
        for i in range(0, len(ids), self._CHUNK):
            chunk = ids[i : i + self._CHUNK]
            marks = ", ".join("?" for _ in chunk)
            sql = (
                'SELECT doc_id, start, "end", label, source FROM suggestions '
                f"WHERE state = 'rejected' AND doc_id IN ({marks}){extra}"
            )
            out.update((int(a), int(b), int(c), str(d), str(e))
                       for a, b, c, d, e in self.conn.execute(sql, [*chunk, *hidden]))  # fmt: skip
        return out

    def rejected_keys(self, doc_id: int | None = None) -> set[tuple[int, int, int, str, str]]:
        """The keys of remembered rejections (of one document, or all)."""
        extra, hidden = self._visible()
        sql = f'SELECT doc_id, start, "end", label, source FROM suggestions WHERE state = ?{extra}'
        args: list[Any] = ["rejected", *hidden]
        if doc_id is not None:
            sql += " AND doc_id = ?"
            args.append(doc_id)
        return {(int(a), int(b), int(c), str(d), str(e)) for a, b, c, d, e in
                self.conn.execute(sql, args)}  # fmt: skip

    # -- models (issue 14) --------------------------------------------------------------------
    def add_model(
        self, kind: str, name: str, version: str, layer: str, manifest: dict[str, Any],
        data: bytes,
    ) -> int:  # fmt: skip
        """Store a trained model's bytes and manifest as the newest of ``kind``; returns its id.

        In the same write transaction the rows of that kind older than the newest
        ``MODELS_KEPT - 1`` are deleted first, so ``MODELS_KEPT`` remain with this one (other
        kinds untouched; a file from before, with every model it ever trained, is pruned by
        its next save). Deleting before inserting lets the new bytes reuse the pages freed:
        the file stops growing. A failure or a kill in between leaves the old rows."""
        with self.write():
            self.conn.execute(
                "DELETE FROM models WHERE kind = ? AND id NOT IN "
                "(SELECT id FROM models WHERE kind = ? ORDER BY id DESC LIMIT ?)",
                [kind, kind, MODELS_KEPT - 1],
            )
            cur = self.conn.execute(
                "INSERT INTO models (kind, name, version, layer, created, manifest, data, sha256) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [kind, name, version, layer, now_iso(), _dumps(manifest), sqlite3.Binary(data),
                 hashlib.sha256(data).hexdigest()],
            )  # fmt: skip
            return int(cur.lastrowid or 0)

    def latest_model(self, kind: str) -> tuple[bytes, dict[str, Any]] | None:
        """The newest model of ``kind``: its bytes (checked against the stored sha256) and
        manifest; ProjectFileError when either was damaged or tampered with."""
        row = self.conn.execute(
            # the bytes as a blob whatever was written there: text in it fails the checksum,
            # instead of the decoding
            "SELECT id, CAST(data AS BLOB), sha256, manifest FROM models WHERE kind = ? "
            "ORDER BY id DESC LIMIT 1",
            [kind],
        ).fetchone()
        if row is None:
            return None
        model_id, data, sha, manifest = row
        problem, meta = _model_read(data, sha, manifest)  # the manifest parsed once
        if problem:
            raise ProjectFileError(
                Message(
                    "{path}: the stored {kind} model {id} is damaged ({problem}); train it again",
                    path=str(self.path),
                    kind=kind,
                    id=model_id,
                    problem=problem,
                )
            )
        return bytes(data), meta

    def models(self) -> list[dict[str, Any]]:
        """Every stored model, oldest first, without its bytes."""
        rows = self.conn.execute(
            "SELECT id, kind, name, version, layer, created, manifest, length(data) "
            "FROM models ORDER BY id"
        )
        out = []
        for r in rows:
            try:
                manifest = json.loads(r[6]) if isinstance(r[6], str) else None
            except ValueError:  # damaged: listed without it (``integrity`` reports it)
                manifest = None
            out.append({
                "id": r[0], "kind": r[1], "name": r[2], "version": r[3], "layer": r[4],
                "created": r[5], "manifest": manifest if isinstance(manifest, dict) else {},
                "size": r[7],
            })  # fmt: skip
        return out

    # -- the search index (issue 13) ----------------------------------------------------------
    # A contentless FTS5 table of trigrams over each document's folded text (rowid = document
    # id). It narrows the documents a query can match; what a hit is, and where, is decided
    # on the document text by annotator.search. A cache: never the only copy of anything.
    def search_index_state(self) -> tuple[str, int, int] | None:
        """(version, documents, greatest document id) the index was built for, or None when
        it is missing (never built, or its table gone)."""
        exists = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'search_index' AND type = 'table'"
        ).fetchone()
        raw = self.setting("search_index")
        if exists is None or not raw:
            return None
        try:
            version, docs, top = json.loads(raw)
            return str(version), int(docs), int(top)
        except (ValueError, TypeError):
            return None

    def document_span(self) -> tuple[int, int]:
        """(how many documents, greatest id)."""
        n, top = self.conn.execute(
            "SELECT count(*), coalesce(max(id), 0) FROM documents"
        ).fetchone()
        return int(n), int(top)

    def span_labels(self, limit: int) -> list[str] | None:
        """The distinct labels of the spans table (every layer, deleted spans too), read
        through the ``spans_label`` index a label at a time: the codes of
        ``packed_span_blocks``. None when there are more than ``limit``, the index is missing
        (the table would be read once per label) or unusable, or the spans table does not
        declare its offsets integers and its uuid and label text (packing relies on their
        affinities: a file made by another tool)."""
        affinity = {
            r[0]: str(r[1]).upper()
            for r in self.conn.execute("SELECT name, type FROM pragma_table_info('spans')")
        }
        if not (
            all("INT" in affinity.get(c, "") for c in ("start", "end"))
            and all(
                "INT" not in affinity.get(c, "INT")
                and any(t in affinity.get(c, "") for t in ("CHAR", "CLOB", "TEXT"))
                for c in ("uuid", "label")
            )
            and self._has_index("spans", "spans_label", ("label",), unique=False)
        ):
            return None
        try:
            rows = self.conn.execute(
                "WITH RECURSIVE l(x) AS (SELECT min(label) FROM spans INDEXED BY spans_label "
                "UNION ALL SELECT (SELECT min(label) FROM spans INDEXED BY spans_label "
                "WHERE label > l.x) FROM l WHERE l.x IS NOT NULL LIMIT ?) "
                "SELECT x FROM l WHERE x IS NOT NULL",
                [limit + 2],
            ).fetchall()
        except sqlite3.OperationalError:  # (an index SQLite cannot use so: read as rows)
            return None
        if len(rows) > limit:
            return None
        return [r[0] for r in rows if type(r[0]) is str]

    def _has_index(self, table: str, name: str, columns: tuple[str, ...], unique: bool) -> bool:
        """Whether ``table`` has the index ``name`` over exactly ``columns`` (unique if asked;
        a partial index is not taken)."""
        for row in self.conn.execute("SELECT * FROM pragma_index_list(?)", [table]).fetchall():
            if row[1] != name or (unique and not row[2]) or row[4]:
                continue
            info = self.conn.execute("SELECT name FROM pragma_index_info(?)", [name])
            return tuple(r[0] for r in info) == columns
        return False

    def reset_search_index(self) -> None:
        """Drop the index and create it empty."""
        self.conn.execute("DROP TABLE IF EXISTS search_index")
        self.conn.execute(SEARCH_INDEX_SQL)
        self.conn.execute("DELETE FROM settings WHERE key = 'search_index'")

    def documents_after(self, doc_id: int) -> Iterator[tuple[int, str]]:
        """(id, text) of every document with an id above ``doc_id``, in id order."""
        rows = self.conn.execute(
            "SELECT id, text FROM documents WHERE id > ? ORDER BY id", [doc_id]
        )
        return self._guard_iter(iter(rows))

    def index_folded(self, pairs: Iterable[tuple[int, str]]) -> None:
        """Add (document id, folded text) pairs to the index."""
        self.conn.executemany("INSERT INTO search_index (rowid, folded) VALUES (?, ?)", pairs)

    def set_search_index_state(self, version: str, docs: int, top: int) -> None:
        self.set_setting("search_index", json.dumps([version, docs, top]))

    def search_index_match(self, expression: str) -> list[int]:
        """Ids of the documents whose folded text has every trigram of ``expression`` (an
        FTS5 query), ascending."""
        sql = "SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid"
        return [int(r[0]) for r in self.conn.execute(sql, [expression])]

    def text_blocks_of(
        self, doc_ids: Sequence[int], rows: int = 500
    ) -> Iterator[list[tuple[int, str, str]]]:
        """(id, name, text) of the documents of ``doc_ids`` (ascending), in blocks of up to
        ``rows`` (one query each)."""
        for i in range(0, len(doc_ids), rows):
            chunk = [int(d) for d in doc_ids[i : i + rows]]
            marks = ", ".join("?" for _ in chunk)
            sql = f"SELECT id, name, text FROM documents WHERE id IN ({marks}) ORDER BY id"
            with no_cycle_collection():
                block = self.conn.execute(sql, chunk).fetchall()
            yield block

    def document_texts(self, doc_ids: Sequence[int]) -> Iterator[tuple[int, str]]:
        """(id, text) of the documents of ``doc_ids`` (ascending), read in chunks."""
        for block in self.text_blocks_of(doc_ids):
            yield from ((int(a), str(c)) for a, _name, c in block)


def _suggestion_row(r: Sequence[Any]) -> SuggestionRow:
    uuid, doc_id, start, end, label, text, source, score, origin = r
    if not (type(doc_id) is int and type(start) is int and type(end) is int):
        raise _Undecodable(f"suggestion {uuid!r}: malformed offsets")
    return (str(uuid), doc_id, start, end, str(label), str(text), str(source), float(score),
            str(origin))  # fmt: skip


# -- row mapping ---------------------------------------------------------------------------
_COLUMNS: dict[str, tuple[str, ...]] = {
    "spans": (
        "uuid",
        "doc_id",
        "annotator",
        "start",
        "end",
        "label",
        "text",
        "attributes",
        "note",
        "fragments",
        "clock",
        "deleted",
        "created",
        "modified",
    ),
    "events": (
        "uuid",
        "doc_id",
        "annotator",
        "type",
        "trigger",
        "attributes",
        "note",
        "clock",
        "deleted",
        "created",
        "modified",
    ),
    "arguments": (
        "uuid",
        "event",
        "doc_id",
        "annotator",
        "role",
        "target",
        "clock",
        "deleted",
        "created",
        "modified",
    ),
    "relations": (
        "uuid",
        "doc_id",
        "annotator",
        "type",
        "source",
        "target",
        "attributes",
        "note",
        "clock",
        "deleted",
        "created",
        "modified",
    ),
}
_KEEP = {"uuid", "created"}


def _equal(**columns: Any) -> tuple[list[str], list[Any]]:
    """``column = ?`` conditions and their values for the given columns that are not None
    (column names come from the callers' keyword names, never from input)."""
    where = [f"{name} = ?" for name, value in columns.items() if value is not None]
    return where, [value for value in columns.values() if value is not None]


def _table(kind: str) -> str:
    if kind not in RECORD_TABLES:
        raise ValueError(f"unknown record kind {kind!r}")
    return kind


def _select(table: str, fixed: Iterable[str] = ()) -> str:
    """The columns read back as a record's fields, in their order; NULL for a ``fixed``
    column, whose value the query's condition gives (the decoder fills it in)."""
    return ", ".join(
        "NULL" if c in fixed else f'"{c}"'
        for c in _COLUMNS[table]
        if c not in ("created", "modified")
    )


def _lazy_span_reader(
    doc_id: int, annotator: str
) -> Callable[[Sequence[Sequence[Any]], int], Span]:
    """The span of row ``k`` of the columns ``RecordTable.of_layer_lazily`` reads
    (``_SpanColumns``: ``(uuid, start, end, label, text, clock, extra)``, ``extra`` NULL or the
    JSON array ``[attributes, note, fragments]`` of the stored texts; text and clock read when
    first needed)."""

    def read(columns: Sequence[Sequence[Any]], k: int) -> Span:
        assert isinstance(columns, _SpanColumns)
        uuids, starts, ends, labels, extras = columns.read_at_once
        text, clock = columns.deferred_cells(k)
        extra = extras[k]
        attrs: dict[str, Any] = {}
        frags: tuple[tuple[int, int], ...] = ()
        note = ""
        if extra is not None:
            try:
                a, note, f = json.loads(extra)
            except ValueError as exc:
                raise _Undecodable(f"bad span cells {_printable(extra)}") from exc
            attrs, frags = _obj(a), _fragments(f)
        span: Span = _NEW(Span)
        _SET(span, "__dict__", {
            "uuid": uuids[k], "doc_id": doc_id, "annotator": annotator, "start": starts[k],
            "end": ends[k], "label": labels[k], "text": text, "attributes": attrs,
            "note": note, "fragments": frags, "clock": clock, "deleted": False,
        })  # fmt: skip
        return span

    return read


class _SpanColumns(Sequence[Sequence[Any]]):
    """The seven columns of a lazily read layer (``RecordTable.of_layer_lazily``): uuid,
    start, end, label and the extra cell as read, the stored text and clock read when first
    needed. What the window shows of 20,000 spans (offsets, labels, uuids) needs neither; a
    text cell alone is a third of the query's cost.

    The first few records made read their two cells by uuid (the annotation list's rows on
    screen); the ``DEFERRED_ONE_BY_ONE``-th, or asking for a whole column, reads both columns in
    one query. The rows are live spans the window has not changed since (an edit splices its
    record in, so its row is no longer asked), and a span's text follows its offsets in a
    document whose text never changes; a row that a later write did change is read by uuid
    (tombstones too: spans are never removed), so the cells always belong to its uuid."""

    DEFERRED_ONE_BY_ONE = 64
    """records made by uuid before the deferred columns are read whole"""

    __slots__ = ("__weakref__", "_deferred", "_one_by_one", "_sql", "_store", "read_at_once")

    def __init__(self, store: Store, sql: str, args: list[Any], read: list[Sequence[Any]]):
        self._store = store
        self._sql = (sql, args)
        self.read_at_once = read  # uuid, start, end, label, extra
        self._deferred: tuple[Sequence[Any], Sequence[Any]] | None = None
        self._one_by_one = 0
        if read and read[0]:
            store._deferred_columns.add(self)

    def __len__(self) -> int:
        return 7

    @overload
    def __getitem__(self, i: int) -> Sequence[Any]: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Sequence[Any]]: ...
    def __getitem__(self, i: int | slice) -> Sequence[Any] | Sequence[Sequence[Any]]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(7))]
        if i < 0:
            i += 7
        if i in (4, 5):
            return self.load()[i - 4]
        return self.read_at_once[(0, 1, 2, 3, -1, -1, 4)[i]]

    def load(self) -> tuple[Sequence[Any], Sequence[Any]]:
        """The text and clock columns, read now if they were not."""
        if self._deferred is None:
            try:
                self._deferred = self._read_columns()
            except _DB_ERRORS as exc:
                err = self._store._error(exc)
                if err is exc:
                    raise
                raise err from exc
            self._store._deferred_columns.discard(self)
        return self._deferred

    def _read_columns(self) -> tuple[Sequence[Any], Sequence[Any]]:
        uuids = self.read_at_once[0]
        sql, args = self._sql
        conn = self._store.conn
        with no_cycle_collection():
            rows = conn.execute(f"SELECT uuid, text, clock {sql}", args).fetchall()
            if [r[0] for r in rows] == list(uuids):
                return [r[1] for r in rows], [r[2] for r in rows]
            # the layer changed since it was read (an edit the window spliced in): each row's
            # own cells by uuid, from the same rows, and the few spans deleted since (their
            # tombstones keep their cells) by uuid
            found: dict[str, tuple[str, str]] = {r[0]: (r[1], r[2]) for r in rows}
            gone = [u for u in uuids if u not in found]
            for k in range(0, len(gone), Store._CHUNK):
                chunk = gone[k : k + Store._CHUNK]
                marks = ", ".join("?" for _ in chunk)
                for uuid, text, clock in conn.execute(
                    f"SELECT uuid, text, clock FROM spans WHERE uuid IN ({marks})", chunk
                ):
                    found[uuid] = (text, clock)
        missing = [u for u in uuids if u not in found]
        if missing:
            raise _Undecodable(f"span {_printable(missing[0])} is no longer stored")
        return [found[u][0] for u in uuids], [found[u][1] for u in uuids]

    def deferred_cells(self, k: int) -> tuple[str, str]:
        """Row ``k``'s stored text and clock (by uuid for the first few rows asked)."""
        if self._deferred is None and self._one_by_one < self.DEFERRED_ONE_BY_ONE:
            self._one_by_one += 1
            uuid = self.read_at_once[0][k]
            try:
                row = self._store.conn.execute(
                    "SELECT text, clock FROM spans WHERE uuid = ?", [uuid]
                ).fetchone()
            except _DB_ERRORS as exc:
                err = self._store._error(exc)
                if err is exc:
                    raise
                raise err from exc
            if row is None:
                raise self._store._error(
                    _Undecodable(f"span {_printable(uuid)} is no longer stored")
                )
            return row[0], row[1]
        texts, clocks = self.load()
        return texts[k], clocks[k]


def _check_extra(extra: str) -> None:
    """Raise ``_Undecodable`` unless ``extra`` is a good ``[attributes, note, fragments]``
    cell of a lazily read span (what ``_lazy_span_reader`` decodes)."""
    try:
        a, note, f = json.loads(extra)
    except ValueError as exc:
        raise _Undecodable(f"bad span cells {_printable(extra)}") from exc
    _obj(a), _fragments(f)
    if not isinstance(note, str):
        raise _Undecodable(f"bad span cells {_printable(extra)}")


def _extra(k: int) -> Callable[[str | None], Any]:
    """The ``k``-th of a lazily read span's attributes, note and fragments from its ``extra``
    cell (``_lazy_span_reader``; its rows with an ``extra`` are made when read, so the
    cell is known to be good here)."""

    def field(extra: str | None) -> Any:
        if extra is None:
            return {} if k == 0 else "" if k == 1 else ()  # (a new dict only when asked)
        return (_obj, str, _fragments)[k](json.loads(extra)[k])

    return field


_LAZY_SPAN_FIELDS = {
    "uuid": (0, None), "start": (1, None), "end": (2, None), "label": (3, None),
    "text": (4, None), "clock": (5, None), "attributes": (6, _extra(0)),
    "note": (6, _extra(1)), "fragments": (6, _extra(2)),
}  # fmt: skip
"""the fields of a span that ``of_layer_lazily``'s columns hold (the others: from a record)"""


_CHUNK_ROWS = 256
"""rows a streamed read fetches and decodes at a time"""


# Bulk writes (imports, merges) build rows with one C-level attribute getter per table, not a
# deep copy per record; "created" and "modified" are the last two columns of every table.
_GETTERS = {table: attrgetter(*cols[:-2]) for table, cols in _COLUMNS.items()}
_JSON_CELLS = {
    table: [(i, "{}" if c == "attributes" else "[]") for i, c in enumerate(cols)
            if c in ("attributes", "fragments")]
    for table, cols in _COLUMNS.items()
}  # fmt: skip


_DOC_ID_AT = {table: cols.index("doc_id") for table, cols in _COLUMNS.items()}
_UUID_AT = {table: cols.index("uuid") for table, cols in _COLUMNS.items()}


@functools.cache
def _insert_sql(table: str) -> str:
    cols = _COLUMNS[table]
    names = ", ".join(f'"{c}"' for c in cols)
    return f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' for _ in cols)})"


def _insert_new_sql(table: str) -> str:
    """``_insert_sql`` leaving out a row whose uuid is stored (any other fault still raises)."""
    return f"{_insert_sql(table)} ON CONFLICT(uuid) DO NOTHING"


def _upsert_sql(table: str) -> str:
    cols = _COLUMNS[table]
    names = ", ".join(f'"{c}"' for c in cols)
    marks = ", ".join("?" for _ in cols)
    updates = ", ".join(f'"{c}" = excluded."{c}"' for c in cols if c not in _KEEP)
    return (
        f"INSERT INTO {table} ({names}) VALUES ({marks}) ON CONFLICT(uuid) DO UPDATE SET {updates}"
    )


def _row(r: Record, stamp: str) -> list[Any]:
    table = record_kind(r)
    row = [*_GETTERS[table](r), stamp, stamp]  # a bool "deleted" binds as the integer 0/1
    for i, empty in _JSON_CELLS[table]:
        row[i] = _attributes_json(row[i]) if row[i] else empty  # fragments: tuples as arrays
    return row


_ATTRIBUTES_JSON: dict[tuple[Any, ...], str] = {}
_SCALARS = (str, int)  # not bool: True == 1 as a key, and its JSON differs


def _attributes_json(value: Any) -> str:
    """``_dumps(value)``; the JSON of small flat objects (most attributes: a few of the same
    few names and values over and over) is remembered instead of encoded again."""
    if type(value) is dict and len(value) <= 4:
        try:
            key = tuple(value.items())
            found = _ATTRIBUTES_JSON.get(key)
        except TypeError:  # an unhashable value
            return _dumps(value)
        if found is not None and all(type(v) in _SCALARS for _, v in key):
            return found
        text = _dumps(value)
        if len(_ATTRIBUTES_JSON) < 4096 and all(type(v) in _SCALARS for _, v in key):
            _ATTRIBUTES_JSON[key] = text
        return text
    return _dumps(value)


def _span_row(r: Span, stamp: str, doc_id: int | None = None) -> tuple[Any, ...]:
    """``_row`` of a span (the column order of ``_COLUMNS["spans"]``); ``doc_id``, when
    given, in place of the span's."""
    attrs, frags = r.attributes, r.fragments
    return (
        r.uuid, r.doc_id if doc_id is None else doc_id, r.annotator, r.start, r.end, r.label,
        r.text,
        _attributes_json(attrs) if attrs else "{}", r.note, _dumps(frags) if frags else "[]",
        r.clock, r.deleted, stamp, stamp,
    )  # fmt: skip


_OBJECTS: dict[str, dict[str, Any]] = {}
"""attribute texts already decoded (most are a few flat objects met over and over), each
kept as a private dict of scalars; callers get a copy"""
_FLAT = frozenset((str, int, float, bool, type(None)))


def _obj(text: str) -> dict[str, Any]:
    # most records carry no attributes: skip the JSON parser for the empty object
    if text == "{}":
        return {}
    found = _OBJECTS.get(text) if type(text) is str else None
    if found is not None:
        return found.copy()  # values are scalars: a shallow copy shares nothing mutable
    value = json.loads(text)
    if not isinstance(value, dict):
        raise _Undecodable(f"a JSON object was expected, not {_printable(text)}")
    if (
        type(text) is str
        and len(_OBJECTS) < 4096
        and len(value) <= 8
        and all(type(v) in _FLAT for v in value.values())
    ):
        _OBJECTS[text] = value.copy()
    return value


def _fragments(text: str) -> tuple[tuple[int, int], ...]:
    if text == "[]":
        return ()
    try:
        return tuple((int(a), int(b)) for a, b in json.loads(text))
    except (TypeError, ValueError) as exc:
        raise _Undecodable(f"bad fragments {_printable(text)}") from exc


_STATUS_OF = {s.value: s for s in Status}


def _status(text: str) -> Status:
    try:
        return Status(text)
    except ValueError:
        raise _Undecodable(f"unknown status {_printable(text)}") from None


def _printable(value: object) -> str:
    """A stored value for an error message: short, and damaged bytes shown escaped."""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "backslashreplace")
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


_NEW = object.__new__
_SET = object.__setattr__


_PACKED_LABELS = 255
_PACKABLE = 'start BETWEEN 0 AND 16777215 AND "end" BETWEEN 0 AND 16777215'
"""a span whose offsets ``packed_span_blocks`` can pack: numbers in [0, 2**24) (text, blobs and
NULL are not; a real is cut to an integer as NumPy cuts it, towards zero)"""


def _label_case(labels: Sequence[str]) -> str:
    """A label's index in ``labels`` (bound in order as parameters), NULL for any other
    (compared byte for byte, whatever collation the column declares)."""
    if not labels:
        return "NULL"
    cases = " ".join(f"WHEN ? THEN {i}" for i in range(len(labels)))
    return f"(CASE label COLLATE BINARY {cases} END)"


def _blocks(cursor: sqlite3.Cursor, rows: int) -> Iterator[list[Any]]:
    """A cursor's rows in lists of up to ``rows`` (garbage collection paused while a list
    is fetched: every row is young and none is garbage)."""
    while True:
        with no_cycle_collection():
            block = cursor.fetchmany(rows)
        if not block:
            return
        yield block


# Decoders: one per record kind, from a row of the columns ``_select`` lists (the dataclass
# fields in order). Hot path (every record read): each fills the instance dict in one step
# instead of the generated __init__'s frozen __setattr__ per field; values are already typed
# but for the checked JSON columns and ``deleted``. The dict keys are the dataclass fields
# (tests/core/test_store_decoding.py holds every decoder to the dataclass constructor).
# ``doc``/``annotator``: the value every row has when the query fixed it (``_select`` then
# selects NULL there: nothing to convert per row, and one shared string per layer).
def _span_reader(doc: int | None = None, annotator: str | None = None) -> Callable[..., Span]:
    def read(row: Sequence[Any]) -> Span:
        u, d, a, st, en, lab, txt, attrs, note, frags, clock, deleted = row
        span: Span = _NEW(Span)
        _SET(span, "__dict__", {
            "uuid": u, "doc_id": doc if d is None else d,
            "annotator": annotator if a is None else a, "start": st, "end": en, "label": lab,
            "text": txt, "attributes": {} if attrs == "{}" else _obj(attrs), "note": note,
            "fragments": () if frags == "[]" else _fragments(frags), "clock": clock,
            "deleted": bool(deleted),
        })  # fmt: skip
        return span

    return read


def _event_reader(doc: int | None = None, annotator: str | None = None) -> Callable[..., Event]:
    def read(row: Sequence[Any]) -> Event:
        u, d, a, kind, trigger, attrs, note, clock, deleted = row
        event: Event = _NEW(Event)
        _SET(event, "__dict__", {
            "uuid": u, "doc_id": doc if d is None else d,
            "annotator": annotator if a is None else a, "type": kind, "trigger": trigger,
            "attributes": {} if attrs == "{}" else _obj(attrs), "note": note, "clock": clock,
            "deleted": bool(deleted),
        })  # fmt: skip
        return event

    return read


def _argument_reader(
    doc: int | None = None, annotator: str | None = None
) -> Callable[..., Argument]:
    def read(row: Sequence[Any]) -> Argument:
        u, event, d, a, role, target, clock, deleted = row
        arg: Argument = _NEW(Argument)
        _SET(arg, "__dict__", {
            "uuid": u, "event": event, "doc_id": doc if d is None else d,
            "annotator": annotator if a is None else a, "role": role, "target": target,
            "clock": clock, "deleted": bool(deleted),
        })  # fmt: skip
        return arg

    return read


def _relation_reader(
    doc: int | None = None, annotator: str | None = None
) -> Callable[..., Relation]:
    def read(row: Sequence[Any]) -> Relation:
        u, d, a, kind, source, target, attrs, note, clock, deleted = row
        rel: Relation = _NEW(Relation)
        _SET(rel, "__dict__", {
            "uuid": u, "doc_id": doc if d is None else d,
            "annotator": annotator if a is None else a, "type": kind, "source": source,
            "target": target, "attributes": {} if attrs == "{}" else _obj(attrs),
            "note": note, "clock": clock, "deleted": bool(deleted),
        })  # fmt: skip
        return rel

    return read


_READERS: dict[str, Callable[..., Callable[..., Any]]] = {
    "spans": _span_reader,
    "events": _event_reader,
    "arguments": _argument_reader,
    "relations": _relation_reader,
}
_span = _span_reader()


def _listed_document(row: Sequence[Any]) -> Document:
    # Once per document of the list (100,000 of them at scale): filling the instance dict
    # skips the generated __init__'s frozen __setattr__ per field (as ``_span`` does).
    i, name, sha, raw, created = row
    doc: Document = _NEW(Document)
    _SET(doc, "__dict__", {"id": i, "name": name, "text": "", "sha256": sha, "meta": {},
                           "raw_sha256": raw, "created": created})  # fmt: skip
    return doc


def _record(table: str, row: Sequence[Any]) -> Record:
    # selected columns follow the dataclass fields in order (_COLUMNS minus timestamps)
    return _PLAIN_READERS[table](row)  # type: ignore[no-any-return]


_PLAIN_READERS = {table: reader() for table, reader in _READERS.items()}


# -- the typed tables -------------------------------------------------------------------------
R_co = TypeVar("R_co", bound=Record, covariant=True)


class RecordTable(Generic[R_co]):
    """The records of one kind (``store.spans``, ``store.events``, ``store.arguments``,
    ``store.relations``), read as their frozen model class: no mixed ``Record`` list to filter.
    A table is a light view made on each access; it holds no state of its own and every
    database error it meets is translated by its store (``Store._error``)."""

    def __init__(self, store: Store, kind: str) -> None:
        self._store = store
        self.kind = kind

    def _error(self, exc: BaseException, written: Path | None = None) -> BaseException:
        return self._store._error(exc, written)

    def _guard_iter(self, items: Iterator[Any]) -> Iterator[Any]:
        return self._store._guard_iter(items)

    def _decode(self, row: Sequence[Any]) -> R_co:
        return _PLAIN_READERS[self.kind](row)  # type: ignore[no-any-return]

    def get(self, uuid: str) -> R_co | None:
        """The stored version of ``uuid`` (a tombstone too), or None."""
        table = self.kind
        row = self._store.conn.execute(
            f"SELECT {_select(table)} FROM {table} WHERE uuid = ?", [uuid]
        ).fetchone()
        return self._decode(row) if row else None

    def of_document(
        self,
        doc_id: int,
        annotator: str | None = None,
        *,
        label: str | None = None,
        include_deleted: bool = False,
        start_before: int | None = None,
    ) -> list[R_co]:
        """One document's records (one layer or all), spans in reading order, the others by
        creation; ``label`` is a span's label or an event's or relation's type."""
        return self.where(doc_id, annotator, label=label, include_deleted=include_deleted,
                          start_before=start_before)  # fmt: skip

    def where(
        self,
        doc_id: int | None = None,
        annotator: str | None = None,
        *,
        label: str | None = None,
        include_deleted: bool = False,
        uuids: Sequence[str] | None = None,
        start_before: int | None = None,
    ) -> list[R_co]:
        """Records filtered as asked (every filter optional); ``start_before`` keeps spans
        starting before that offset (the GUI reads the first screen of a big document first)."""
        return self._select(doc_id, annotator, label, include_deleted, uuids, start_before)

    def at(self, doc_id: int, annotator: str, start: int, end: int, label: str) -> list[R_co]:
        """The live spans of one layer at exactly ``start``-``end`` with ``label``: what a new
        span may repeat, found through the layer's (annotator, doc_id, start, end) index in
        time that does not grow with the layer."""
        return self._select(doc_id, annotator, label, at=(start, end))

    def of_layer_lazily(self, doc_id: int, annotator: str) -> LazyRecords[Span]:
        """The spans of ``of_document(doc_id, annotator)`` as ``LazyRecords``: read in one
        query, a record made from its row when first read (the window reads a layer of 20,000
        spans and shows most of them through a few fields). The query reads fewer cells than
        ``of_document`` (each costs as much as the next): the layer's document and annotator
        are known, a live span is not deleted, and the attributes, note and fragments, empty
        on most spans, come as one cell (NULL when all are empty). A span with any of them is
        decoded here, so damaged JSON fails this call as ``of_document`` does."""
        if self.kind != "spans":
            raise ValueError("only spans are read lazily")
        where = (
            "FROM spans WHERE doc_id = ? AND annotator = ? AND deleted = 0 "
            'ORDER BY doc_id, start, "end", uuid'
        )
        sql = (
            "SELECT uuid, start, \"end\", label, CASE WHEN attributes = '{}' AND note = '' "
            "AND fragments = '[]' THEN NULL ELSE json_array(attributes, note, fragments) END "
            + where
        )
        args: list[Any] = [doc_id, annotator]
        read = _lazy_span_reader(doc_id, annotator)
        columns = _SpanColumns(
            self._store,
            where,
            args,
            list(zip(*self._store.conn.execute(sql, args), strict=True)) or [()] * 5,
        )
        for extra in columns[6]:
            if extra is not None:  # decoded now: damaged JSON fails the read
                _check_extra(extra)
        return LazyRecords(columns, read, _LAZY_SPAN_FIELDS)

    def by_uuid(self, uuids: Sequence[str]) -> list[R_co]:
        """Every stored version (tombstones too) among ``uuids``, in chunks."""
        out: list[R_co] = []
        for i in range(0, len(uuids), Store._CHUNK):
            out += self.where(include_deleted=True, uuids=uuids[i : i + Store._CHUNK])
        return out

    def linked_to_label(self, label: str) -> list[R_co]:
        """The live arguments (of the arguments table) or relations (of the relations table)
        linked to a live record carrying ``label``: an argument of an event of type ``label``
        or filled by a span labelled ``label`` or by such an event, a relation of type
        ``label`` or whose source or target is a span labelled ``label``; in the order
        ``where`` gives (every document and layer). What relabelling every record of a label
        has to judge, in one query: the spans through the ``spans_label`` index, the events
        (no index on their type) and this table read once each (no index on an argument's
        target or a relation's ends)."""
        table = self.kind
        spans = "SELECT uuid FROM spans WHERE label = :label AND deleted = 0"
        events = "SELECT uuid FROM events WHERE type = :label AND deleted = 0"
        if table == "arguments":
            linked = f"event IN ({events}) OR target IN ({spans}) OR target IN ({events})"
        elif table == "relations":  # (each end looked up by its uuid: faster than IN here)
            linked = (
                "type = :label OR EXISTS (SELECT 1 FROM spans AS s WHERE s.uuid IN "
                "(relations.source, relations.target) AND s.label = :label AND s.deleted = 0)"
            )
        else:
            raise ValueError("only arguments and relations are linked to a label")
        sql = (
            f"SELECT {_select(table)} FROM {table} WHERE deleted = 0 AND ({linked}) "
            "ORDER BY doc_id, created, uuid"
        )
        read = _READERS[table](None, None)
        with no_cycle_collection():
            return list(map(read, self._store.conn.execute(sql, {"label": label})))

    def link_shapes(self, label: str) -> list[tuple[Any, ...]]:
        """The distinct shapes of the live links ``linked_to_label`` gives (every document and
        layer), each with its ends' labels as they are now, no link read whole: of the
        arguments table (event type, role, the filler's label when it is a live span, its
        type when it is a live event: None for the other), of the relations table (type,
        attributes, the source's label, the target's label: None for an end missing or
        deleted). An argument whose event or filler is missing or deleted is left out, as is a
        relation of another type with an end so (broken already whatever the labels, and not
        written by the relabel); a relation of type ``label`` with one is kept: retyping it
        writes it, and it is judged whole (``rules.relabel_breaks``).
        What a relabel changes of a valid link is its labels alone: judging one link of each
        shape tells whether any may break (``commands.schema._shapes_break``). One query,
        the ends looked up by their uuids, a few rows returned."""
        table = self.kind
        spans = "SELECT uuid FROM spans WHERE label = :label AND deleted = 0"
        events = "SELECT uuid FROM events WHERE type = :label AND deleted = 0"
        if table == "arguments":
            sql = (
                "SELECT DISTINCT e.type, a.role, s.label, f.type FROM arguments AS a "
                "JOIN events AS e ON e.uuid = a.event AND e.deleted = 0 "
                "LEFT JOIN spans AS s ON s.uuid = a.target AND s.deleted = 0 "
                "LEFT JOIN events AS f ON f.uuid = a.target AND f.deleted = 0 "
                f"WHERE a.deleted = 0 AND (a.event IN ({events}) OR a.target IN ({spans}) "
                f"OR a.target IN ({events})) AND (s.uuid IS NOT NULL OR f.uuid IS NOT NULL)"
            )
        elif table == "relations":
            sql = (
                "SELECT DISTINCT r.type, r.attributes, x.label, y.label FROM relations AS r "
                "LEFT JOIN spans AS x ON x.uuid = r.source AND x.deleted = 0 "
                "LEFT JOIN spans AS y ON y.uuid = r.target AND y.deleted = 0 "
                "WHERE r.deleted = 0 AND (r.type = :label OR x.label = :label "
                "OR y.label = :label) AND (r.type = :label OR (x.uuid IS NOT NULL "
                "AND y.uuid IS NOT NULL))"
            )
        else:
            raise ValueError("only arguments and relations are linked to a label")
        rows = self._store.conn.execute(sql, {"label": label}).fetchall()
        if table == "relations":
            return [(kind, _obj(attrs), *ends) for kind, attrs, *ends in rows]
        return [tuple(row) for row in rows]

    def attribute_sets(self, label: str) -> list[tuple[dict[str, Any], int]]:
        """The distinct attributes of the live spans labelled ``label`` (of the spans table),
        or of the live events or relations of type ``label``, each with how many carry it;
        those carrying none left out. What relabelling them judges of their own attributes
        (``rules.lost_attribute``: the same answer for the same label and attributes)."""
        table = self.kind
        column = {"spans": "label", "events": "type", "relations": "type"}.get(table)
        if column is None:
            raise ValueError("arguments carry no label")
        sql = (
            f"SELECT attributes, count(*) FROM {table} WHERE {column} = ? AND deleted = 0 "
            "AND attributes != '{}' GROUP BY attributes"
        )
        return [(_obj(attrs), count) for attrs, count in self._store.conn.execute(sql, [label])]

    def triggerless(self, label: str) -> int:
        """How many live events (of the events table) of type ``label`` have no live trigger
        span (missing or deleted): an update of one is refused whatever it changes
        (``rules.event_problem``), so retyping them cannot be written. One query, each
        trigger looked up by its uuid."""
        if self.kind != "events":
            raise ValueError("only events have a trigger")
        sql = (
            "SELECT count(*) FROM events AS e LEFT JOIN spans AS s ON s.uuid = e.trigger "
            "AND s.deleted = 0 WHERE e.type = ? AND e.deleted = 0 AND s.uuid IS NULL"
        )
        return int(self._store.conn.execute(sql, [label]).fetchone()[0])

    def uuids_labelled(self, label: str) -> list[str]:
        """The uuids of the live spans labelled ``label`` (of the spans table), or of the live
        events or relations of type ``label``, in the order ``where`` gives: nothing else of
        them read (the spans through the ``spans_label`` index)."""
        table = self.kind
        column = {"spans": "label", "events": "type", "relations": "type"}.get(table)
        if column is None:
            raise ValueError("arguments carry no label")
        order = {"spans": 'doc_id, start, "end", uuid'}.get(table, "doc_id, created, uuid")
        sql = f"SELECT uuid FROM {table} WHERE {column} = ? AND deleted = 0 ORDER BY {order}"
        return [row[0] for row in self._store.conn.execute(sql, [label])]

    def of_documents(self, doc_ids: Sequence[int], annotator: str) -> list[R_co]:
        """The live records of layer ``annotator`` on each of ``doc_ids``, in document order
        and, within a document, in the order ``of_document`` gives (spans in reading order,
        the others by creation): one query per chunk of ``Store._CHUNK`` documents, whatever
        their number (an import adding to stored documents reads their layers so)."""
        table = self.kind
        order = {"spans": 'doc_id, start, "end", uuid'}.get(table, "doc_id, created, uuid")
        read = _READERS[table](None, annotator)
        ids = sorted(set(doc_ids))
        out: list[R_co] = []
        for i in range(0, len(ids), Store._CHUNK):
            chunk = ids[i : i + Store._CHUNK]
            sql = (
                f"SELECT {_select(table, ('annotator',))} FROM {table} WHERE annotator = ? "
                f"AND deleted = 0 AND doc_id IN ({', '.join('?' for _ in chunk)}) "
                f"ORDER BY {order}"
            )
            with no_cycle_collection():
                out += map(read, self._store.conn.execute(sql, [annotator, *chunk]))
        return out

    def stream(self, annotator: str | None = None) -> Iterator[R_co]:
        """Live records (one layer or all) streamed in document and reading order: one query
        for a whole export instead of one per document (the spans_order index serves it
        without a sort when ``annotator`` is given). Rows are fetched and decoded a chunk
        at a time, so no Python generator stands between a record and its reader; errors
        are translated per chunk (this method is not wrapped per record by ``_guarded``)."""
        table = self.kind
        order = {"spans": 'doc_id, start, "end", uuid'}.get(table, "doc_id, created, uuid")
        layer = annotator if type(annotator) is str else None
        fixed = () if layer is None else ("annotator",)
        sql = f"SELECT {_select(table, fixed)} FROM {table} WHERE deleted = 0"
        args: list[Any] = []
        if annotator is not None:
            sql += " AND annotator = ?"
            args.append(annotator)
        read = _READERS[table](None, layer)
        chunks = self._store._guard_iter(self._chunks(f"{sql} ORDER BY {order}", args, read))
        return itertools.chain.from_iterable(chunks)

    def stream_fields(self, annotator: str, fields: Sequence[str]) -> Iterator[tuple[Any, ...]]:
        """``stream(annotator)`` as plain rows ``(doc_id, *fields)``, nothing decoded: for a
        reader that needs a few fields of many records (agreement: a span's uuid, offsets and
        label). ``fields`` are column names of this table (the caller's constants)."""
        table = self.kind
        unknown = [f for f in fields if f not in _COLUMNS[table]]
        if unknown:
            raise ValueError(f"no column {unknown[0]!r} in {table}")
        order = {"spans": 'doc_id, start, "end", uuid'}.get(table, "doc_id, created, uuid")
        names = ", ".join(f'"{c}"' for c in ("doc_id", *fields))
        sql = f"SELECT {names} FROM {table} WHERE deleted = 0 AND annotator = ? ORDER BY {order}"
        chunks = self._store._guard_iter(self._chunks(sql, [annotator], tuple))
        return itertools.chain.from_iterable(chunks)

    def field_blocks(
        self,
        annotator: str,
        fields: Sequence[str],
        rows: int = 8192,
        docs: tuple[int, int] | None = None,
    ) -> Iterator[list[tuple[Any, ...]]]:
        """``stream_fields`` in blocks of up to ``rows`` rows, ordered by document only (no
        order within a document): for a reader that works a block at a time (agreement).
        ``docs``: only the documents from ``docs[0]`` up to, not including, ``docs[1]``."""
        unknown = [f for f in fields if f not in _COLUMNS[self.kind]]
        if unknown:
            raise ValueError(f"no column {unknown[0]!r} in {self.kind}")
        names = ", ".join(f'"{c}"' for c in ("doc_id", *fields))
        where, args = _id_range("doc_id", docs, " AND")
        sql = (
            f"SELECT {names} FROM {self.kind} WHERE deleted = 0 AND annotator = ?{where} "
            "ORDER BY doc_id"
        )
        cursor = self._store.conn.execute(sql, [annotator, *args])
        return self._store._guard_iter(_blocks(cursor, rows))

    def packed_span_blocks(
        self,
        annotator: str,
        labels: Sequence[str],
        rows: int = 256,
        docs: tuple[int, int] | None = None,
    ) -> Iterator[list[tuple[Any, ...]]]:
        """The live spans of a layer one row per document (agreement reads millions of spans;
        a row per span cost a Python object per cell): ``(doc_id, n, uuids, packed)`` in
        document order, where ``uuids`` are the ``n`` spans' uuids joined by commas (a uuid
        that is not text as '': a reader takes a document whose uuids do not split into
        ``n`` non-empty ones as odd), and ``packed`` as many comma-separated integers, in the
        same order: ``(start << 24 | end) << 8 | code`` (``code``: the label's index in
        ``labels``, at most 255 of them), or -1 for an odd span, one whose offsets are not
        numbers in [0, 2**24) or whose label is not one of ``labels``, and a discontinuous
        one (its fragments are not '[]'), which agreement measures on its fragments
        (``odd_spans`` reads the spans of such documents as rows, fragments included).
        Blocks of up to ``rows`` documents; ``docs`` as in ``field_blocks``."""
        if self.kind != "spans" or len(labels) > _PACKED_LABELS:
            raise ValueError("packed rows are spans' with at most 255 labels")
        where, args = _id_range("doc_id", docs, " AND")
        sql = (
            "SELECT doc_id, count(*), group_concat(iif(typeof(uuid) = 'text', uuid, '')), "
            f"group_concat(coalesce(CASE WHEN {_PACKABLE} AND fragments = '[]' THEN "
            f'(start << 24 | "end") << 8 | {_label_case(labels)} END, -1)) '
            f"FROM spans WHERE deleted = 0 AND annotator = ?{where} "
            "GROUP BY doc_id ORDER BY doc_id"
        )
        cursor = self._store.conn.execute(sql, [*labels, annotator, *args])
        return self._store._guard_iter(_blocks(cursor, rows))

    def odd_spans(self, annotator: str, doc_ids: Sequence[int]) -> list[tuple[Any, ...]]:
        """The live spans of layer ``annotator`` on ``doc_ids`` as rows ``(doc_id, uuid,
        start, end, label, fragments)`` (fragments as stored: JSON text), in document order
        (and, within one, in the order of ``packed_span_blocks``): the documents whose
        packed row does not serve."""
        if self.kind != "spans":
            raise ValueError("odd_spans reads spans")
        out: list[tuple[Any, ...]] = []
        ids = sorted(set(doc_ids))
        for i in range(0, len(ids), Store._CHUNK):
            chunk = ids[i : i + Store._CHUNK]
            sql = (
                'SELECT doc_id, uuid, start, "end", label, fragments FROM spans WHERE '
                f"deleted = 0 AND annotator = ? AND doc_id IN ({', '.join('?' for _ in chunk)}) "
                'ORDER BY doc_id, start, "end", uuid'
            )
            out += self._store.conn.execute(sql, [annotator, *chunk])
        return out

    def _chunks(
        self, sql: str, args: Sequence[Any], read: Callable[..., Any]
    ) -> Iterator[list[Any]]:
        cursor = self._store.conn.cursor().execute(sql, args)
        while True:
            with no_cycle_collection():
                chunk = list(map(read, cursor.fetchmany(_CHUNK_ROWS)))
            if not chunk:
                return
            yield chunk

    def _select(
        self,
        doc_id: int | None = None,
        annotator: str | None = None,
        label: str | None = None,
        include_deleted: bool = False,
        uuids: Sequence[str] | None = None,
        start_before: int | None = None,
        event: str | None = None,
        at: tuple[int, int] | None = None,
    ) -> list[R_co]:
        table = self.kind
        where, args = _equal(event=event, doc_id=doc_id, annotator=annotator)
        if label is not None:
            where.append({"spans": "label", "events": "type", "relations": "type"}[table] + " = ?")
            args.append(label)
        if not include_deleted:
            where.append("deleted = 0")
        if uuids is not None:
            where.append(f"uuid IN ({', '.join('?' for _ in uuids)})")
            args.extend(uuids)
        if start_before is not None and table == "spans":
            where.append("start < ?")
            args.append(start_before)
        if at is not None and table == "spans":
            where.append('start = ? AND "end" = ?')
            args.extend(at)
        order = {"spans": 'doc_id, start, "end", uuid'}.get(table, "doc_id, created, uuid")
        # a column the condition fixes is not read per row (``doc_id = ?`` compares as the
        # integer given, ``annotator = ?`` as the same text: the row holds that very value)
        doc = doc_id if type(doc_id) is int else None
        layer = annotator if type(annotator) is str else None
        fixed = [c for c, v in (("doc_id", doc), ("annotator", layer)) if v is not None]
        sql = f"SELECT {_select(table, fixed)} FROM {table}"
        if where:
            sql += " WHERE " + " AND ".join(where)
        read = _READERS[table](doc, layer)
        with no_cycle_collection():
            return list(map(read, self._store.conn.execute(f"{sql} ORDER BY {order}", args)))


class ArgumentTable(RecordTable[Argument]):
    """The arguments table, which also answers by event."""

    def of_event(self, event: str) -> list[Argument]:
        """The live arguments of an event, through the ``arguments_event`` index (listing them
        read every argument of the project, 0.45 s at 50,000)."""
        return self._select(event=event)


# -- the error translation, applied to every public method -------------------------------------
def _guard_methods(cls: type[Any]) -> None:
    """Wrap every public method of ``cls`` with ``_guarded`` (one place for the translation,
    instead of a try/except in each). ``open``/``create`` translate their own errors and
    ``write``/``large_cache`` are context managers that do; ``stream`` and ``stream_fields``
    translate per chunk of records."""
    skip = {"open", "create", "write", "large_cache", "close", "stream", "stream_fields"}
    for name, value in list(vars(cls).items()):
        if name.startswith("_") or name in skip or not callable(value):
            continue
        if isinstance(value, staticmethod | classmethod):
            continue
        setattr(cls, name, _guarded(value))


_guard_methods(Store)
_guard_methods(RecordTable)
_guard_methods(ArgumentTable)

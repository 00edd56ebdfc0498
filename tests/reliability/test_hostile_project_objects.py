"""QA round 9, hostile project files: schema objects this app never makes, and leftover logs.

Before: opening checked the application id, the version, the pages and the stored values,
never ``sqlite_master``. A received project with extra triggers passed ``annotator check``
and the triggers ran on every write (an import renamed every document and deleted all spans
but one); a view in place of the settings table (an endless recursive query) hung every open;
a dropped column was read as its own name (SQLite takes a double-quoted unknown column for a
string), so every span was exported with the note "note". And creating a project next to a
leftover ``NAME-wal`` replayed another project's log into the new file (its pages, its site
id) and consumed it.

Now every open (write, read-only, a merge's source, ``check``) compares the file's schema
objects with what the app's own steps make (``annotator.store.schema_problems``) before
reading any table, and refuses, naming them, anything else; and every way of creating a
project refuses a leftover -wal, -journal or -shm beside the name
(``annotator.store.creation_refusal``), touching none.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotator import store
from annotator.cli import main
from annotator.errors import AnnotatorError, ProjectFileError
from annotator.exchange import merge_project_file
from annotator.project import Project
from annotator.store import Store, check_file
from ui import app as ui_app

TEXT = "اعتقلت الشرطة محمد علي في بغداد يوم الأحد."
ROOT = Path(__file__).parents[2]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def sound_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sound") / "sound.annotator"
    with Project.create(path) as p:
        p.add_annotator("amal")
        doc = p.add_document(TEXT, name="one")
        p.add_span(doc.id, 0, 6, "PER", "amal")
        p.add_span(doc.id, 14, 22, "PER", "amal")
        p.ensure_search_index()  # an index made on demand is part of a sound file
    return path


def _damaged(sound: Path, folder: Path, sql: str, name: str = "received.annotator") -> Path:
    """A copy of ``sound`` changed with ``sql`` straight on the file (as a hostile tool would)."""
    path = folder / name
    shutil.copy(sound, path)
    conn = sqlite3.connect(path)
    conn.executescript(sql)
    conn.commit()
    conn.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path


TRIGGERS = (
    "CREATE TRIGGER evil AFTER INSERT ON spans BEGIN UPDATE documents SET name = 'PWNED'; END;"
    "CREATE TRIGGER evil2 AFTER INSERT ON documents BEGIN DELETE FROM spans; END;"
)

HOSTILE = {
    "triggers": (TRIGGERS, "unexpected trigger 'evil', trigger 'evil2'"),
    "a view": ("CREATE VIEW v AS SELECT * FROM spans;", "unexpected view 'v'"),
    "a table of its own": ("CREATE TABLE extra (x);", "unexpected table 'extra'"),
    "an index over an expression": (
        "CREATE INDEX odd ON spans(length(text));",
        "unexpected index 'odd'",
    ),
    "a table replaced by a view": (
        "PRAGMA foreign_keys = OFF; DROP TABLE annotators;"
        "CREATE VIEW annotators AS SELECT 'x' AS name, '' AS display_name, '' AS created;",
        "unexpected view 'annotators'; missing table 'annotators'",
    ),
    "a dropped column": ("ALTER TABLE spans DROP COLUMN note;", "altered table 'spans'"),
    "an added column": ("ALTER TABLE documents ADD COLUMN x;", "altered table 'documents'"),
    "an index over an expression under an index's name": (
        "DROP INDEX spans_label; CREATE INDEX spans_label ON spans(lower(label));",
        "altered index 'spans_label'",
    ),
    "a partial index under an index's name": (
        "DROP INDEX spans_doc; CREATE INDEX spans_doc ON spans(doc_id, annotator) WHERE deleted;",
        "altered index 'spans_doc'",
    ),
    "an index of another table under an index's name": (
        "DROP INDEX spans_doc; CREATE INDEX spans_doc ON documents(name);",
        "altered index 'spans_doc'",
    ),
    "a generated column": (
        "ALTER TABLE documents ADD COLUMN y GENERATED ALWAYS AS (name || 'x') VIRTUAL;",
        "altered table 'documents'",
    ),
    "a virtual table in place of a table": (
        "DROP TABLE relations; CREATE VIRTUAL TABLE relations USING fts5(uuid, doc_id, "
        "annotator, type, source, target, attributes, note, clock, deleted, created, modified);",
        "unexpected table 'relations_data', table 'relations_idx', table 'relations_content', "
        "table 'relations_docsize', table 'relations_config'; altered table 'relations'",
    ),
    "a search index without its tables": (
        "DROP TABLE search_index; CREATE TABLE search_index_data(id INTEGER PRIMARY KEY, "
        "block BLOB);",
        "missing table 'search_index', table 'search_index_config', "
        "table 'search_index_docsize', table 'search_index_idx'",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_every_open_refuses_objects_the_app_does_not_make(
    sound_file: Path, tmp_path: Path, case: str
) -> None:
    sql, said = HOSTILE[case]
    path = _damaged(sound_file, tmp_path, sql)
    before = _digest(path)
    for open_it in (
        lambda: Project.open(path),
        lambda: Project.open(path, read_only=True),
        lambda: Project.open(path, background_check=True),
        lambda: Store.open(path, read_only=True, background_check=True),
        lambda: check_file(path),
    ):
        with pytest.raises(ProjectFileError) as caught:
            open_it()
        assert str(caught.value) == (
            f"{path}: not an annotator project, or a damaged one ({said})"
        ), case
    assert _digest(path) == before
    # a merge's source is opened the same way
    target = tmp_path / "mine.annotator"
    with Project.create(target) as mine:
        with pytest.raises(AnnotatorError, match="not an annotator project, or a damaged one"):
            merge_project_file(mine, path)
        assert mine.document_names() == []
    assert _digest(path) == before


def test_triggers_never_run_on_an_import(
    sound_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The QA's case: ``check`` said 0 problems, and an import exited 0 after renaming every
    document and deleting the spans."""
    path = _damaged(sound_file, tmp_path, TRIGGERS)
    before = _digest(path)
    assert main(["check", str(path)]) != 0
    err = capsys.readouterr().err
    assert "unexpected trigger 'evil', trigger 'evil2'" in err
    data = tmp_path / "new.jsonl"
    data.write_text(
        '{"text": "نص جديد", "spans": [{"start": 0, "end": 2, "label": "PER"}]}\n',
        encoding="utf-8",
    )
    assert main(["import", str(path), str(data), "--annotator", "gold"]) != 0
    assert _digest(path) == before
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    assert conn.execute("SELECT name FROM documents").fetchall() == [("one",)]
    assert conn.execute("SELECT count(*) FROM spans").fetchone() == (2,)
    conn.close()


def test_a_view_in_place_of_settings_is_refused_at_once(sound_file: Path, tmp_path: Path) -> None:
    """An endless recursive view in place of the settings table hung every open: refused
    before anything is read from it (in a child process: before, it never returned)."""
    path = _damaged(
        sound_file,
        tmp_path,
        "PRAGMA foreign_keys = OFF; DROP TABLE settings; CREATE VIEW settings AS "
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
        "SELECT 'k' || x AS key, 'v' AS value FROM c;",
    )
    code = (
        "import sys; from pathlib import Path; from annotator.project import Project\n"
        "from annotator.errors import ProjectFileError\n"
        "for ro in (False, True):\n"
        "    try:\n"
        "        Project.open(Path(sys.argv[1]), read_only=ro)\n"
        "    except ProjectFileError as exc:\n"
        "        print(exc)\n"
    )
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        check=True,
    )
    assert time.monotonic() - started < 30
    said = (
        f"{path}: not an annotator project, or a damaged one "
        "(unexpected view 'settings'; missing table 'settings')"
    )
    assert done.stdout.splitlines() == [said, said]


def test_a_dropped_column_is_never_read_as_its_name(
    sound_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _damaged(sound_file, tmp_path, "ALTER TABLE spans DROP COLUMN note;")
    out = tmp_path / "out.jsonl"
    assert main(["export", str(path), "--format", "jsonl", "-o", str(out)]) != 0
    assert "altered table 'spans'" in capsys.readouterr().err
    assert not out.exists()


def test_sound_files_of_every_version_pass(sound_file: Path, tmp_path: Path) -> None:
    """What the app makes (with or without the search index, and the older versions it
    migrates) is never refused."""
    for fixture in ("project_v1.annotator", "project_v2.annotator"):
        path = tmp_path / fixture
        shutil.copy(ROOT / "tests" / "core" / "fixtures" / fixture, path)
        with Project.open(path, read_only=True):
            pass
        with Project.open(path):
            pass
        conn = sqlite3.connect(path)
        assert store.schema_problems(conn, 3) == []
        conn.close()
    fresh = tmp_path / "fresh.annotator"
    Project.create(fresh).close()
    with Project.open(sound_file, read_only=True):
        pass
    with Project.open(fresh) as p:
        p.ensure_search_index()
        p._store.conn.execute("ANALYZE")  # SQLite's own statistics tables are allowed
    with Project.open(fresh, read_only=True):
        pass
    # an index missing, or over other columns, is a matter of speed, not of what is read
    # (integrity_check compares an index with its table before any write)
    fewer = _damaged(sound_file, tmp_path, "DROP INDEX spans_doc;", "fewer.annotator")
    with Project.open(fewer):
        pass


@pytest.mark.parametrize("suffix", ["-wal", "-journal", "-shm"])
def test_creating_refuses_a_leftover_log_beside_the_name(tmp_path: Path, suffix: str) -> None:
    """A stale NAME-wal beside a new name was replayed into the new project (the old
    project's pages and site id) and consumed."""
    leftover = tmp_path / f"new.annotator{suffix}"
    leftover.write_bytes(b"another project's log")
    target = tmp_path / "new.annotator"
    said = f"{target}: a leftover new.annotator{suffix} sits beside it: move it away first"
    with pytest.raises(ProjectFileError) as caught:
        Project.create(target)
    assert str(caught.value) == said
    with pytest.raises(ProjectFileError):
        Store.create(target, {})
    assert main(["init", str(target)]) != 0
    assert not target.exists()
    assert leftover.read_bytes() == b"another project's log"
    assert {f.name for f in tmp_path.iterdir()} == {leftover.name}


def test_a_real_stale_wal_is_neither_used_nor_destroyed(tmp_path: Path) -> None:
    old = tmp_path / "old.annotator"
    Project.create(old).close()
    conn = sqlite3.connect(old)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("INSERT INTO settings (key, value) VALUES ('from_old_wal', 'SURPRISE')")
    conn.commit()
    stale = tmp_path / "new.annotator-wal"
    shutil.copy(f"{old}-wal", stale)
    conn.close()
    before = _digest(stale)
    with pytest.raises(ProjectFileError, match=r"leftover new\.annotator-wal"):
        Project.create(tmp_path / "new.annotator")
    assert _digest(stale) == before
    assert not (tmp_path / "new.annotator").exists()


def test_the_sample_is_not_made_beside_a_leftover_log(tmp_path: Path) -> None:
    stale = tmp_path / f"{ui_app.SAMPLE_NAME}-wal"
    stale.write_bytes(b"another project's log")
    path = ui_app.sample_project_path(tmp_path)
    assert path == tmp_path / ui_app.SAMPLE_NAME
    assert not path.exists()
    assert stale.read_bytes() == b"another project's log"
    assert {f.name for f in tmp_path.iterdir()} - {"settings"} == {stale.name}

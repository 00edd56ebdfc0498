"""Damaged project files: byte-flipped copies are never written to, every failure is one line.

Each copy of a sound project gets random damage (single bytes XORed anywhere in the file, or a
run of 16 inverted bytes) and goes through the command line (``annotator.cli.main``): ``stats``
and ``check`` (read), ``export``, ``import`` and ``merge`` into it (write), and ``merge`` of the
damaged copy into a sound project. Every command runs on a fresh copy of the same damaged bytes.

What "damaged" means is measured on each copy, outside the application, with SQLite itself:

* **structural**: ``PRAGMA integrity_check`` fails or the file cannot be read as a database;
* **content**: the file is structurally sound but its logical content (every row, the
  application id and version) differs from the original: a flipped byte inside a stored value;
* **harmless**: the flip hit unused space; the content is identical.

Required: no traceback anywhere; every failure is one ``annotator: error:`` line; a structurally
damaged file, or one whose document texts no longer match their checksums, is refused by every
write command and its bytes stay as they were (no new ``-wal`` content either); no failed
command changes a file. Content damage elsewhere in a row (a label, a clock, an old change-log
entry) leaves a well-formed database that SQLite cannot tell from a sound one (there is no
per-row checksum); such writes are accepted and counted in their own tally row.
"""

from __future__ import annotations

import hashlib
import json
import random
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import SEED
from tests.reliability.cli_run import Run, cli
from tests.reliability.conftest import Outcome, Tally, size

COPIES = size(24, 150)


def one_line_error(run: Run) -> bool:
    return run.one_line


def state(path: Path) -> tuple[str, int]:
    """The file's bytes (hash) and the size of its write-ahead log (0 when absent)."""
    wal = Path(f"{path}-wal")
    return hashlib.sha256(path.read_bytes()).hexdigest(), wal.stat().st_size if wal.exists() else 0


def fingerprint(path: Path) -> str:
    """Logical content: application id, version and every row, read with SQLite alone."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    conn.text_factory = bytes
    try:
        h = hashlib.sha256()
        for pragma in ("application_id", "user_version"):
            h.update(repr(conn.execute(f"PRAGMA {pragma}").fetchall()).encode())
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for name in sorted(tables):
            h.update(bytes(name))
            quoted = bytes(name).decode("utf-8").replace('"', '""')
            # every row, in a fixed order: sorted here, since some tables (the search index's
            # FTS5 shadow tables) are WITHOUT ROWID
            for row in sorted(repr(r) for r in conn.execute(f'SELECT * FROM "{quoted}"')):
                h.update(row.encode())
        return h.hexdigest()
    finally:
        conn.close()


def classify(path: Path, original: str) -> str:
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        conn.text_factory = bytes
        try:
            result = conn.execute("PRAGMA integrity_check").fetchall()
        finally:
            conn.close()
        if result != [(b"ok",)]:
            return "structural"
        return "harmless" if fingerprint(path) == original else "content"
    except (sqlite3.Error, UnicodeError):
        return "structural"


def texts_match(path: Path) -> bool:
    """Whether every document text still hashes to its stored sha256."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    conn.text_factory = bytes
    try:
        rows = conn.execute("SELECT sha256, text FROM documents").fetchall()
    except sqlite3.Error:
        return False
    finally:
        conn.close()
    return all(
        isinstance(t, bytes) and hashlib.sha256(t).hexdigest().encode() == s for s, t in rows
    )


def damage(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    if rng.random() < 0.5:
        for _ in range(rng.randint(1, 8)):
            i = rng.randrange(len(out))
            out[i] ^= rng.randrange(1, 256)
    else:
        i = rng.randrange(len(out) - 16)
        for k in range(16):
            out[i + k] ^= 0xFF
    return bytes(out)


def jsonl_line(text: str, name: str, annotator: str, k: int) -> str:
    """One document layer with spans, an event with arguments, a relation and a status."""
    words: list[tuple[int, int]] = []
    pos = 0
    for w in text.split():
        i = text.index(w, pos)
        words.append((i, i + len(w)))
        pos = i + len(w)
    spans = [
        {"id": f"{annotator}-s{k}-{j}", "start": a, "end": b, "label": ("PER", "GPE", "ORG")[j % 3]}
        for j, (a, b) in enumerate(words[5 : 5 + 60 : 2])
    ]
    a, b = words[1]
    spans.append({"id": f"{annotator}-t{k}", "start": a, "end": b, "label": "Conflict.Attack"})
    events = [
        {
            "id": f"{annotator}-e{k}",
            "type": "Conflict.Attack",
            "trigger": f"{annotator}-t{k}",
            "arguments": [{"role": "Attacker", "target": f"{annotator}-s{k}-0"}],
        }
    ]
    relations = [
        {
            "id": f"{annotator}-r{k}",
            "type": "PHYS",
            "source": f"{annotator}-s{k}-0",
            "target": f"{annotator}-s{k}-1",
        }
    ]
    line = {
        "text": text,
        "name": name,
        "annotator": annotator,
        "status": "done",
        "spans": spans,
        "events": events,
        "relations": relations,
    }
    return json.dumps(line, ensure_ascii=False)


@dataclass
class Fixture:
    folder: Path
    project: Path
    data: bytes
    fingerprint: str
    incoming: Path  # a JSONL to import
    bundle: Path  # a colleague's bundle to merge
    sound: Path  # a sound project to merge damaged copies into
    work: Path = field(init=False)

    def __post_init__(self) -> None:
        self.work = self.folder / "work"
        self.work.mkdir()

    def fresh(self, name: str, data: bytes) -> Path:
        path = self.work / name
        for suffix in ("", "-wal", "-shm", ".lock"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.write_bytes(data)
        return path


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Fixture:
    folder = tmp_path_factory.mktemp("damaged")
    text = SEED.read_text(encoding="utf-8")
    src = folder / "layers.jsonl"
    src.write_text(
        "".join(
            jsonl_line(f"{text}\n{k}", f"doc{k}", who, k) + "\n"
            for k in range(4)
            for who in ("amal", "badr")
        ),
        encoding="utf-8",
    )
    project = folder / "base.annotator"
    assert cli("init", str(project)).rc == 0
    assert cli("import", str(project), str(src)).rc == 0
    incoming = folder / "incoming.jsonl"
    incoming.write_text(jsonl_line(f"{text}\nnew", "new", "carla", 9) + "\n", encoding="utf-8")
    colleague = folder / "colleague.annotator"
    assert cli("init", str(colleague)).rc == 0
    assert cli("import", str(colleague), str(incoming)).rc == 0
    bundle = folder / "carla.bundle"
    assert cli("bundle", str(colleague), "--annotator", "carla", "--output", str(bundle)).rc == 0
    sound = folder / "sound.annotator"
    assert cli("init", str(sound)).rc == 0
    data = project.read_bytes()
    assert not Path(f"{project}-wal").exists() or Path(f"{project}-wal").stat().st_size == 0
    return Fixture(folder, project, data, fingerprint(project), incoming, bundle, sound)


def commands(fx: Fixture, path: Path) -> dict[str, tuple[str, ...]]:
    out = fx.work / "export.jsonl"
    return {
        "stats": ("stats", str(path)),
        "check": ("check", str(path)),
        "export": ("export", str(path), "--format", "jsonl", "--output", str(out)),
        "import": ("import", str(path), str(fx.incoming)),
        "merge": ("merge", str(path), str(fx.bundle)),
    }


WRITES = {"import", "merge"}


def record(row: Outcome, run: Run, changed: bool) -> None:
    row.tried += 1
    if run.traceback or run.rc is None:
        row.traceback += 1
    elif run.rc == 0:
        row.accepted += 1
    else:
        row.clean_error += 1
        if changed:
            row.project_changed += 1


def test_byte_flipped_copies_are_never_written_and_fail_in_one_line(
    base: Fixture, tally: Tally
) -> None:
    rng = random.Random(9009)
    kinds: dict[str, int] = {}
    problems: list[str] = []
    for n in range(COPIES):
        data = damage(base.data, rng)
        probe = base.fresh("probe.annotator", data)
        kind = classify(probe, base.fingerprint)
        if kind == "content" and not texts_match(probe):
            kind = "document text"
        kinds[kind] = kinds.get(kind, 0) + 1
        for name, args in commands(base, base.work / "copy.annotator").items():
            path = base.fresh("copy.annotator", data)
            before = state(path)
            run = cli(*args)
            after = state(path)
            changed = after[0] != before[0] or after[1] > 0
            case = f"byte flip ({kind}): {name}"
            record(tally(case), run, changed)
            where = f"copy {n} ({kind}) {name}: rc={run.rc} {run.err.strip()[:200]}"
            if run.traceback:
                problems.append(f"{where}\n{run.traceback}")
            elif run.rc != 0 and not (
                one_line_error(run) or (name == "check" and "problem(s)" in run.out)
            ):
                problems.append(f"{where}: not a one-line error")
            if run.rc != 0 and changed:
                problems.append(f"{where}: failed but changed the file")
            if kind in ("structural", "document text") and name in WRITES and run.rc == 0:
                problems.append(f"{where}: a damaged file was written to")
        # the damaged copy as the source of a merge into a sound project
        path = base.fresh("copy.annotator", data)
        target = base.fresh("target.annotator", base.sound.read_bytes())
        before = state(target)
        run = cli("merge", str(target), str(path))
        changed = state(target)[0] != before[0] or state(target)[1] > 0
        record(tally(f"byte flip ({kind}): merge from it"), run, changed)
        if run.traceback:
            problems.append(f"copy {n} ({kind}) merge from it:\n{run.traceback}")
        elif run.rc != 0 and (changed or not one_line_error(run)):
            problems.append(f"copy {n} ({kind}) merge from it: {run.err.strip()[:200]}")
    print(f"{COPIES} damaged copies: {kinds}")
    assert not problems, "\n".join(problems[:10])
    assert kinds.get("structural", 0) >= COPIES // 4  # the damage is real


def test_integrity_check_catches_what_quick_check_misses(tmp_path: Path) -> None:
    """An index that disagrees with its table passes quick_check: a write open refuses it."""
    path = tmp_path / "p.annotator"
    assert cli("init", str(path)).rc == 0
    src = tmp_path / "in.jsonl"
    src.write_text(jsonl_line(SEED.read_text(encoding="utf-8"), "d", "amal", 1) + "\n", "utf-8")
    assert cli("import", str(path), str(src)).rc == 0
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA writable_schema = ON")  # the index now claims to index another column
    conn.execute(
        "UPDATE sqlite_master SET sql = 'CREATE INDEX spans_label ON spans(note)' "
        "WHERE name = 'spans_label'"
    )
    conn.commit()
    conn.close()
    check = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    assert check.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert check.execute("PRAGMA integrity_check").fetchone()[0] != "ok"
    check.close()
    before = state(path)
    run = cli("import", str(path), str(src))
    assert run.rc == 1 and one_line_error(run) and "corrupt" in run.err, run.err
    assert state(path) == before
    assert cli("stats", str(path)).rc == 0  # reading it is still allowed


@pytest.mark.parametrize(
    ("damage_sql", "read"),
    [
        ("UPDATE spans SET attributes = '{\"unclosed' WHERE rowid = 1", "spans"),
        ("UPDATE spans SET attributes = '[1, 2]' WHERE rowid = 1", "spans"),
        ("UPDATE spans SET fragments = '[[1]]' WHERE rowid = 1", "spans"),
        ("UPDATE spans SET text = CAST(x'c3ff41' AS TEXT) WHERE rowid = 1", "spans"),
        ("UPDATE doc_status SET status = 'bogus'", "statuses"),
        ("UPDATE documents SET meta = 'nope'", "documents"),
        ("UPDATE schema SET json = '{\"entities\": '", "open"),
    ],
)
def test_a_damaged_row_is_one_error_wherever_it_is_read(
    tmp_path: Path, damage_sql: str, read: str, tally: Tally
) -> None:
    """Values no byte-flip sampler is sure to hit, damaged on purpose: every read through the
    API or the CLI ends in one ProjectFileError "corrupt", never a traceback, and a write
    command refuses the file untouched."""
    path = tmp_path / "p.annotator"
    assert cli("init", str(path)).rc == 0
    src = tmp_path / "in.jsonl"
    src.write_text(jsonl_line(SEED.read_text(encoding="utf-8"), "d", "amal", 1) + "\n", "utf-8")
    assert cli("import", str(path), str(src)).rc == 0
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute(damage_sql)
    conn.commit()
    conn.close()
    row = tally("damaged row (on purpose): API read, CLI read and write")
    from annotator.errors import AnnotatorError, ProjectFileError
    from annotator.project import Project

    row.tried += 1
    with pytest.raises(AnnotatorError) as caught, Project.open(path, read_only=True) as p:
        getattr(p, read if read != "open" else "documents")(
            **({"annotator": "amal"} if read == "statuses" else {})
        )
        list(p.iter_records("spans"))
        list(p.iter_documents())
    assert "\n" not in str(caught.value)
    assert isinstance(caught.value, ProjectFileError) or read == "open", caught.value
    row.clean_error += 1
    before = state(path)
    for args in (
        ("export", str(path), "--format", "jsonl", "--output", str(tmp_path / "e.jsonl")),
        ("stats", str(path)),
        ("import", str(path), str(src)),
    ):
        row.tried += 1
        run = cli(*args)
        assert not run.traceback, run.traceback
        if run.rc == 0:
            assert args[0] == "stats"  # stats reads no damaged value of some of these
            row.accepted += 1
            continue
        assert one_line_error(run), run.err
        row.clean_error += 1
    assert state(path)[0] == before[0]

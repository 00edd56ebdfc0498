"""Issue 9, merge: another project file is as untrusted as a bundle, and gets the same rules.

Before: ``merge_project_file`` skipped the checks a bundle gets. A planted document whose
stored sha256 belonged to another text was accepted (the real article was later skipped as
"already present"), dangling trigger/argument references and names with newlines or U+202E
were accepted, and 8 of 23 hostile files ended in a traceback (KeyError, TypeError,
JSONDecodeError, sqlite3 errors such as "unsafe use of load_extension()").

Each case below starts from a sound colleague's file and damages it the way a hostile or
broken tool could (SQL straight on the file: rebuilt tables without constraints, views,
triggers, generated columns, virtual tables, wrong types...). Merging it must end in one of:

- refused: an ``AnnotatorError`` (one line naming the file), and the project exactly as it
  was (records, quarantine, schema, settings, change log);
- accepted: the project reopens and ``check_project`` finds nothing, except what the
  incoming data carries explicitly as the effect of its own tombstones.

Never a traceback. The outcomes go to the shared tally (``tests/reliability/conftest.py``).
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from annotator.clock import format_stamp, now_ms
from annotator.errors import AnnotatorError
from annotator.exchange import DEFAULT_LIMITS, merge_project_file
from annotator.exchange.bundle_read import Limits
from annotator.model import Status
from annotator.project import Project
from annotator.text import sha256_text
from annotator.validation import check_project
from tests.reliability.conftest import Tally, merge_snapshot

TEXT = "اعتقلت الشرطة محمد علي في بغداد يوم الأحد بعد اجتماع في الوزارة."
TEXT2 = "وصل الوفد إلى القاهرة صباح اليوم."
FAR = "9999999999999.999999"


def _at(text: str, word: str) -> tuple[int, int]:
    i = text.index(word)
    return i, i + len(word)


@dataclass
class Base:
    colleague: Path
    target: Path
    ids: dict[str, str] = field(default_factory=dict)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Base]:
    folder = tmp_path_factory.mktemp("hostile-project-files")
    out = Base(folder / "colleague.annotator", folder / "target.annotator")
    with Project.create(out.colleague) as p:
        doc = p.add_document(TEXT, name="arrest")
        other = p.add_document(TEXT2, name="delegation")
        per = p.add_span(doc.id, *_at(TEXT, "محمد علي"), "PER", "badr", {"MentionType": "NAM"})
        gpe = p.add_span(doc.id, *_at(TEXT, "بغداد"), "GPE", "badr")
        trg = p.add_span(doc.id, *_at(TEXT, "اعتقلت"), "Justice.Arrest-Jail", "badr")
        ev = p.add_event(trg.uuid)
        person = p.add_argument(ev.uuid, "Person", per.uuid)
        place = p.add_argument(ev.uuid, "Place", gpe.uuid)
        rel = p.add_relation("PHYS", per.uuid, gpe.uuid)
        p.delete_span(p.add_span(doc.id, *_at(TEXT, "الشرطة"), "ORG", "badr").uuid)
        p.add_span(other.id, *_at(TEXT2, "القاهرة"), "GPE", "badr")
        carla = p.add_span(doc.id, *_at(TEXT, "الوزارة"), "ORG", "carla")
        p.set_status(doc.id, "badr", Status.DONE)
        out.ids = {"per": per.uuid, "gpe": gpe.uuid, "trigger": trg.uuid, "event": ev.uuid,
                   "person": person.uuid, "place": place.uuid, "relation": rel.uuid,
                   "carla": carla.uuid}  # fmt: skip
    with Project.create(out.target) as p:
        doc = p.add_document(TEXT, name="arrest (mine)")
        mine = p.add_span(doc.id, *_at(TEXT, "بغداد"), "GPE", "amal")
        trg = p.add_span(doc.id, *_at(TEXT, "اجتماع"), "Contact.Meet", "amal")
        p.add_argument(p.add_event(trg.uuid).uuid, "Place", mine.uuid)
    yield out
    shutil.rmtree(folder, ignore_errors=True)


# -- damaging a file ------------------------------------------------------------------------------
Step = str | tuple[str, tuple[Any, ...]]


def _loosen(conn: sqlite3.Connection, table: str) -> None:
    """Rebuild ``table`` with untyped columns and no constraint (what a careless tool or a
    hostile one can write: NULLs, blobs, integers where text belongs, duplicate keys)."""
    cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
    names = ", ".join(f'"{c}"' for c in cols)
    conn.execute(f'CREATE TABLE "{table}_loose" ({names})')
    conn.execute(f'INSERT INTO "{table}_loose" SELECT {names} FROM "{table}"')
    conn.execute(f'DROP TABLE "{table}"')
    conn.execute(f'ALTER TABLE "{table}_loose" RENAME TO "{table}"')


def sql(*steps: Step, loosen: tuple[str, ...] = ()) -> Callable[[Path, Base], None]:
    def damage(path: Path, base: Base) -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            conn.execute("PRAGMA foreign_keys = OFF")
            conn.execute("PRAGMA ignore_check_constraints = ON")
            conn.execute("PRAGMA legacy_alter_table = ON")
            conn.execute("BEGIN")
            for table in loosen:
                _loosen(conn, table)
            for step in steps:
                statement, params = (step, ()) if isinstance(step, str) else step
                conn.execute(statement.format(**base.ids), params)
            conn.execute("COMMIT")
        finally:
            conn.close()

    return damage


def schema_json(edit: Callable[[dict[str, Any]], Any]) -> Callable[[Path, Base], None]:
    def damage(path: Path, base: Base) -> None:
        conn = sqlite3.connect(path)
        data = json.loads(conn.execute("SELECT json FROM schema").fetchone()[0])
        edit(data)
        conn.execute("UPDATE schema SET json = ?", [json.dumps(data, ensure_ascii=False)])
        conn.commit()
        conn.close()

    return damage


def both(*steps: Callable[[Path, Base], None]) -> Callable[[Path, Base], None]:
    def damage(path: Path, base: Base) -> None:
        for step in steps:
            step(path, base)

    return damage


def raw(make: Callable[[Path], None]) -> Callable[[Path, Base], None]:
    return lambda path, base: make(path)


def _header(path: Path, offset: int, data: bytes) -> None:
    with path.open("r+b") as fh:
        fh.seek(offset)
        fh.write(data)


def _add_label(data: dict[str, Any]) -> None:
    data["entities"].append({"name": "WEAPON-X", "en": "weapon x", "color": "#123456"})


def _label_with_space(data: dict[str, Any]) -> None:
    data["entities"][0]["name"] = "PER SON"


def _bad_version(data: dict[str, Any]) -> None:
    data["version"] = "x"


def _rtl_override_role(data: dict[str, Any]) -> None:
    event = next(e for e in data["events"] if e.get("roles"))
    event["roles"][0]["name"] = "Agent\u202e"


SPAN = "(SELECT uuid FROM spans WHERE label = 'PER' AND annotator = 'badr')"
# a new span row made from the PER span, with the columns given replaced
_SPAN_COLS = ("uuid", "doc_id", "annotator", "start", '"end"', "label", "text", "attributes",
              "note", "fragments", "clock", "deleted", "created", "modified")  # fmt: skip


def copy_span(**values: str) -> str:
    cols = ", ".join(_SPAN_COLS)
    picked = ", ".join(values.get(c.strip('"'), c) for c in _SPAN_COLS)
    return f"INSERT INTO spans ({cols}) SELECT {picked} FROM spans WHERE uuid = '{{per}}'"


@dataclass(frozen=True)
class Case:
    damage: Callable[[Path, Base], None]
    refused: str = ""
    """a regex the one-line error must match; empty when the merge is accepted"""
    quarantined: tuple[str, ...] = ()
    """substrings of quarantine reasons the accepted merge must report"""
    tombstone_effects: bool = False
    left: tuple[str, ...] = ()
    """the kinds of problem ``check`` then lists (what a quarantined record leaves behind)"""
    limits: Limits = DEFAULT_LIMITS


DAMAGED = r"not an annotator project, or a damaged one \(.*"
"""the refusal of a file whose SQL objects are not the migrations' own (``store.schema_problems``,
2a83086): checked when it is opened, before any table is read"""

CASES: dict[str, Case] = {
    # documents
    "planted text under another text's sha256": Case(
        sql(("UPDATE documents SET text = ? WHERE name = 'delegation'", ("نص مزروع",))),
        refused=r"documents:2: the text does not match its sha256",
    ),
    "the same text twice": Case(
        sql(
            "INSERT INTO documents SELECT 99, 'again', text, sha256, raw_sha256, meta, created "
            "FROM documents WHERE id = 1",
            loosen=("documents",),
        ),
        refused=r"document [0-9a-f]{64} twice",
    ),
    "text not normalised (CRLF), sha256 matching": Case(
        sql(
            (
                "UPDATE documents SET text = ?, sha256 = ? WHERE id = 2",
                (TEXT2 + "\r\n", sha256_text(TEXT2 + "\r\n")),
            )
        ),
        refused=r"not normalised",
    ),
    "document name with U+202E": Case(
        sql(("UPDATE documents SET name = ? WHERE id = 2", ("evil\u202etxt.exe",))),
        refused=r"document name .* U\+202E",
    ),
    "metadata not JSON": Case(
        sql("UPDATE documents SET meta = '{{oops' WHERE id = 1"),
        refused=r"documents:1: invalid JSON",
    ),
    "doc_id pointing at no document": Case(
        sql("UPDATE spans SET doc_id = 999 WHERE uuid = '{gpe}'"),
        refused=r"refers to document id 999",
    ),
    # names
    "annotator name with a newline": Case(
        sql("UPDATE spans SET annotator = 'ba\ndr' WHERE uuid = '{per}'"),
        refused=r"annotator name .* U\+000A",
    ),
    "label with U+202E": Case(
        sql(("UPDATE spans SET label = ? WHERE uuid = '{per}'", ("PER\u202e",))),
        refused=r"label .* U\+202E",
    ),
    "label with NUL": Case(
        sql(("UPDATE spans SET label = ? WHERE uuid = '{per}'", ("P\x00ER",))),
        refused=r"U\+0000",
    ),
    "label with a lone surrogate (raw bytes)": Case(
        sql("UPDATE spans SET label = CAST(X'50EDA080' AS TEXT) WHERE uuid = '{per}'"),
        refused=r"colleague-copy\.annotator: cannot read spans: Could not decode",
    ),
    "note with NUL": Case(
        sql(("UPDATE spans SET note = ? WHERE uuid = '{per}'", ("a\x00b",))),
        refused=r"NUL character in note",
    ),
    "attribute with a lone surrogate (JSON escape)": Case(
        sql(
            """UPDATE spans SET attributes = '{{"MentionType": "\\ud800"}}' WHERE uuid = '{per}'"""
        ),
        refused=r"lone surrogate",
    ),
    "record id with white space": Case(
        sql("UPDATE spans SET uuid = 'a b' WHERE uuid = '{gpe}'"),
        refused=r"bad record id 'a b'",
    ),
    "event role name with U+202E in the schema": Case(
        schema_json(_rtl_override_role), refused=r"role name .* U\+202E"
    ),
    # types and constraints
    "NULL in a NOT NULL column (rebuilt table)": Case(
        sql("UPDATE spans SET label = NULL WHERE uuid = '{per}'", loosen=("spans",)),
        refused=r"spans:\d+: field 'label' must be a str",
    ),
    "blob where text belongs": Case(
        sql("UPDATE spans SET label = X'504552' WHERE uuid = '{per}'", loosen=("spans",)),
        refused=r"field 'label' must be a str",
    ),
    "integer where text belongs": Case(
        sql("UPDATE spans SET note = 5 WHERE uuid = '{per}'", loosen=("spans",)),
        refused=r"field 'note' must be a str",
    ),
    "text offsets": Case(
        sql("UPDATE spans SET start = '7' WHERE uuid = '{per}'", loosen=("spans",)),
        refused=r"field 'start' must be a int",
    ),
    "float offsets": Case(
        sql("UPDATE spans SET \"end\" = 9.5 WHERE uuid = '{per}'", loosen=("spans",)),
        refused=r"field 'end' must be a int",
    ),
    "deleted neither 0 nor 1": Case(
        sql("UPDATE spans SET deleted = 2 WHERE uuid = '{per}'", loosen=("spans",)),
        refused=r"deleted must be 0 or 1",
    ),
    "attributes not JSON": Case(
        sql("UPDATE spans SET attributes = 'MentionType=NAM' WHERE uuid = '{per}'"),
        refused=r"spans:\d+: invalid JSON",
    ),
    "attributes a JSON list": Case(
        sql("UPDATE spans SET attributes = '[1, 2]' WHERE uuid = '{per}'"),
        refused=r"field 'attributes' must be a dict",
    ),
    "fragments not pairs": Case(
        sql("UPDATE spans SET fragments = '[[1, 2, 3]]' WHERE uuid = '{per}'"),
        refused=r"fragments must be \[start, end\] pairs",
    ),
    "the same uuid twice (rebuilt table)": Case(
        sql(copy_span(label="'GPE'"), loosen=("spans",)),
        refused=r"appears twice",
    ),
    # the file's own SQL objects
    "a view in place of a table, calling load_extension": Case(
        sql(
            "ALTER TABLE spans RENAME TO spans_data",
            "CREATE VIEW spans AS SELECT *, load_extension('/tmp/evil.so') AS x FROM spans_data",
        ),
        refused=DAMAGED + r"view 'spans'",
    ),
    "a trigger calling load_extension (never fires on read)": Case(
        sql(
            "CREATE TRIGGER evil AFTER INSERT ON spans "
            "BEGIN SELECT load_extension('/tmp/evil.so'); END"
        ),
        refused=DAMAGED + r"unexpected trigger 'evil'",  # it would fire on the next write
    ),
    "a generated column (computed on read)": Case(
        sql(
            "CREATE TABLE spans_gen (uuid TEXT, doc_id INTEGER, annotator TEXT, start INTEGER, "
            '"end" INTEGER, text TEXT, attributes TEXT, note TEXT, fragments TEXT, clock TEXT, '
            "deleted INTEGER, created TEXT, modified TEXT, "
            "label TEXT GENERATED ALWAYS AS ('PER' || char(10)) VIRTUAL)",
            "DROP TABLE spans",
            "ALTER TABLE spans_gen RENAME TO spans",
        ),
        refused=DAMAGED + r"altered table 'spans'",
    ),
    "a virtual table in place of a table": Case(
        sql(
            "DROP TABLE relations",
            "CREATE VIRTUAL TABLE relations USING fts5(uuid, doc_id, annotator, type, source, "
            "target, attributes, note, clock, deleted)",
        ),
        refused=DAMAGED + r"altered table 'relations'",
    ),
    "a table missing": Case(
        sql("DROP TABLE arguments"), refused=DAMAGED + r"missing table 'arguments'"
    ),
    "a column missing": Case(
        sql("ALTER TABLE relations DROP COLUMN note"),
        refused=DAMAGED + r"altered table 'relations'",
    ),
    "extra tables": Case(
        sql("CREATE TABLE payload (x)", "INSERT INTO payload VALUES (zeroblob(10000))"),
        refused=DAMAGED + r"unexpected table 'payload'",
    ),
    # the file itself
    "not an SQLite file": Case(
        raw(lambda p: p.write_bytes(b"PK\x03\x04 a zip, say")), refused=r"not an SQLite file"
    ),
    "another application's SQLite file": Case(
        raw(lambda p: _header(p, 68, b"\x00\x00\x00\x07")), refused=r"another application"
    ),
    "made by a newer version": Case(
        raw(lambda p: _header(p, 60, b"\x00\x00\x00\x63")), refused=r"newer annotator"
    ),
    "truncated file": Case(
        raw(lambda p: p.write_bytes(p.read_bytes()[:6000])), refused=r"corrupt|malformed|cannot"
    ),
    "larger than the limit": Case(
        sql(), refused=r"larger than 4096 bytes", limits=Limits(max_total_bytes=4096)
    ),
    "more records than the limit": Case(
        sql(*(copy_span(uuid=f"'copy-{i}'") for i in range(40))),
        refused=r"more rows than a merge takes",
        limits=Limits(max_records=30),
    ),
    # schema
    "schema JSON garbage": Case(
        sql("UPDATE schema SET json = '{{\"entities\": [1, 2'"), refused=r"schema:1: invalid JSON"
    ),
    "schema not an object": Case(
        sql("UPDATE schema SET json = '[]'"), refused=r"not an annotator schema"
    ),
    "schema with a label containing a space": Case(
        schema_json(_label_with_space), refused=r"'PER SON' contains white space"
    ),
    "schema version not a number": Case(
        schema_json(_bad_version), refused=r"schema: .*version must be a whole number"
    ),
    "schema row missing": Case(sql("DELETE FROM schema")),
    # clocks
    "bad clock shape": Case(
        sql("UPDATE spans SET clock = 'yesterday' WHERE uuid = '{per}'"),
        refused=r"bad clock stamp 'yesterday'",
    ),
    "14-digit clock": Case(
        sql("UPDATE events SET clock = '10000000000000.000000'"),
        refused=r"bad clock stamp '10000000000000\.000000'",
    ),
    "future clocks": Case(
        sql(
            f"UPDATE spans SET clock = '{FAR}' WHERE uuid = '{{gpe}}'",
            f"UPDATE doc_status SET clock = '{FAR}'",
        ),
        quarantined=("days ahead of this machine", "argument Place points at a deleted span"),
    ),
    # records judged by the rules against the merged state
    "negative offsets": Case(
        sql("UPDATE spans SET start = -3 WHERE uuid = '{gpe}'", loosen=("spans",)),
        quarantined=("is outside the text",),
    ),
    "offsets past the end": Case(
        sql("UPDATE spans SET start = 4000, \"end\" = 4005 WHERE uuid = '{gpe}'"),
        quarantined=("is outside the text",),
    ),
    "huge offsets": Case(
        sql(f"UPDATE spans SET start = {2**62}, \"end\" = {2**62 + 5} WHERE uuid = '{{gpe}}'"),
        quarantined=("is outside the text",),
    ),
    "covered text differs": Case(
        sql("UPDATE spans SET text = 'بغداذ' WHERE uuid = '{gpe}'"),
        quarantined=("!= document text",),
    ),
    "dangling trigger": Case(
        sql("UPDATE events SET trigger = 'no-such-span'"),
        quarantined=("its trigger span is missing", "its event is missing"),
        # the event held back, its trigger span came in without one (rules.eventless_triggers)
        left=("no-event",),
    ),
    "dangling argument target": Case(
        sql("UPDATE arguments SET target = 'no-such-span' WHERE uuid = '{place}'"),
        quarantined=("argument Place points at a deleted span",),
    ),
    "dangling argument event": Case(
        sql("UPDATE arguments SET event = 'no-such-event' WHERE uuid = '{person}'"),
        quarantined=("its event is missing",),
    ),
    "dangling relation": Case(
        sql("UPDATE relations SET target = 'no-such-span'"),
        quarantined=("points at a deleted span",),
    ),
    "argument filled from another layer": Case(
        sql("UPDATE arguments SET target = '{carla}' WHERE uuid = '{place}'"),
        quarantined=("is not a live record of this layer",),
    ),
    "argument of a type the role refuses": Case(
        sql("UPDATE arguments SET role = 'Person' WHERE uuid = '{place}'"),
        quarantined=("does not accept 'GPE'",),
    ),
    "label defined nowhere": Case(
        sql("UPDATE spans SET label = 'ALIEN' WHERE uuid = '{gpe}'"),
        quarantined=("label 'ALIEN' is not in the schema",),
    ),
    "attribute defined nowhere": Case(
        sql("""UPDATE spans SET attributes = '{{"Secret": true}}' WHERE uuid = '{per}'"""),
        quarantined=("attribute 'Secret' is not defined",),
    ),
    "label defined by the incoming schema": Case(
        both(
            schema_json(_add_label),
            sql("UPDATE spans SET label = 'WEAPON-X' WHERE text = 'القاهرة'"),
        ),
    ),
    # merged once as it was, then again after the colleague deleted the trigger of an event
    # (Project.delete_span leaves the event for check to report): check reports it here too
    "tombstone of a span the colleague's event still uses": Case(
        lambda path, b: sql(
            (
                "UPDATE spans SET deleted = 1, clock = ? WHERE uuid = '{trigger}'",
                (format_stamp(now_ms(), 0),),  # newer than the version merged before
            )
        )(path, b),
        tombstone_effects=True,
    ),
}


def test_there_are_enough_hostile_files() -> None:
    assert len(CASES) >= 23
    assert sum(1 for c in CASES.values() if c.refused) >= 23


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_hostile_project_file_is_refused_or_merged_clean(
    name: str, base: Base, tmp_path: Path, tally: Tally
) -> None:
    case = CASES[name]
    row = tally("hostile project file merged")
    other = tmp_path / "colleague-copy.annotator"
    shutil.copyfile(base.colleague, other)
    case.damage(other, base)
    target = tmp_path / "target.annotator"
    shutil.copyfile(base.target, target)
    if case.tombstone_effects:  # the colleague's work as it was, merged before
        with Project.open(target) as p:
            assert merge_project_file(p, base.colleague).quarantined == []
    row.tried += 1
    with Project.open(target) as p:
        before = merge_snapshot(p)
        try:
            report = merge_project_file(p, other, limits=case.limits)
        except AnnotatorError as exc:
            row.clean_error += 1
            message = str(exc)
            assert "\n" not in message and message.startswith(str(other)), message
            assert case.refused, f"refused: {message}"
            assert re.search(case.refused, message), message
            if merge_snapshot(p) != before:
                row.project_changed += 1
            assert merge_snapshot(p) == before
            return
        except Exception:
            row.traceback += 1
            raise
        row.accepted += 1
        assert not case.refused, f"accepted, expected refusal /{case.refused}/"
        reasons = [q.reason for q in report.quarantined]
        for wanted in case.quarantined:
            assert any(wanted in r for r in reasons), (wanted, reasons)
        if not case.quarantined:
            assert reasons == [], reasons
    with Project.open(target) as again:
        issues = check_project(again)
        if case.tombstone_effects:
            ids = base.ids
            assert {(i.kind, i.uuid) for i in issues} == {
                ("dangling", ids["event"]),
            }, issues
        else:
            assert sorted(i.kind for i in issues) == sorted(case.left), issues
        if name == "label defined by the incoming schema":
            assert report.labels_added == ["WEAPON-X"]
            assert "WEAPON-X" in {s.label for s in again.spans()}


def test_a_planted_document_no_longer_hides_the_real_article(base: Base, tmp_path: Path) -> None:
    """The planted copy used to be merged under the real article's hash; the real article
    was then skipped as "already present"."""
    planted = tmp_path / "planted.annotator"
    shutil.copyfile(base.colleague, planted)
    CASES["planted text under another text's sha256"].damage(planted, base)
    target = tmp_path / "target.annotator"
    shutil.copyfile(base.target, target)
    with Project.open(target) as p:
        with pytest.raises(AnnotatorError, match="does not match its sha256"):
            merge_project_file(p, planted)
        merge_project_file(p, base.colleague)
        real = p.document_by_sha(sha256_text(TEXT2))
        assert real is not None and real.text == TEXT2

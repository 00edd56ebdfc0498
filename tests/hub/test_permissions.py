"""Who may write what, enforced by the database: every forbidden write, through a raw
connection as each role, is refused (and changes nothing); the allowed twin of each succeeds."""

from __future__ import annotations

import json
from typing import Any

import psycopg
import pytest

from annotator.hub import HubError, add_member, sync
from annotator.project import Project
from annotator.text import sha256_text
from tests.hub.conftest import Hub, new_hub
from tests.hub.pgserver import Server

SHA = sha256_text("x")
OTHER_SHA = sha256_text("y")


def _record(annotator: str, uuid: str = "r-1") -> str:
    return json.dumps({"kind": "spans", "doc": SHA, "uuid": uuid, "annotator": annotator,
                       "clock": "1700000000000.000001", "deleted": False, "start": 0,
                       "end": 1, "label": "PER", "text": "x", "attributes": {}, "note": "",
                       "fragments": []})  # fmt: skip


def _status(annotator: str) -> str:
    return json.dumps({"doc": SHA, "annotator": annotator, "status": "done",
                       "clock": "1700000000000.000002"})  # fmt: skip


REC = "INSERT INTO annotator_hub.records (body, origin) VALUES (%s::jsonb, 'o')"
STA = "INSERT INTO annotator_hub.statuses (body, origin) VALUES (%s::jsonb, 'o')"
DOC = "INSERT INTO annotator_hub.documents (sha256, name, text) VALUES (%s, 'n', %s)"
ASSIGN = "INSERT INTO annotator_hub.assignments (doc_sha, layer) VALUES (%s, %s)"

# (statement, parameters) every non-owner role is refused
EVERYONE_REFUSED: list[tuple[str, tuple[Any, ...]]] = [
    ("UPDATE annotator_hub.records SET origin = 'z'", ()),
    ("UPDATE annotator_hub.records SET body = body", ()),
    ("DELETE FROM annotator_hub.records", ()),
    ("TRUNCATE annotator_hub.records", ()),
    ("UPDATE annotator_hub.statuses SET origin = 'z'", ()),
    ("DELETE FROM annotator_hub.statuses", ()),
    ("UPDATE annotator_hub.documents SET text = 'changed'", ()),
    ("DELETE FROM annotator_hub.documents", ()),
    ("INSERT INTO annotator_hub.members (role, kind, layer) VALUES ('x', 'analyst', 'x')", ()),
    ("UPDATE annotator_hub.members SET layer = 'gold2'", ()),
    ("DELETE FROM annotator_hub.members", ()),
    ("UPDATE annotator_hub.meta SET value = 'x'", ()),
    ("INSERT INTO annotator_hub.meta VALUES ('k', 'v')", ()),
    ("INSERT INTO annotator_hub.migrations (version, name) VALUES (99, 'x')", ()),
    ("DELETE FROM annotator_hub.migrations", ()),
    ("UPDATE annotator_hub.sync_log SET pushed = 0", ()),
    ("DELETE FROM annotator_hub.sync_log", ()),
    ("INSERT INTO annotator_hub.sync_log (role, layer, pushed, pulled, seq_to) "
     "VALUES ('amal', 'amal', 0, 0, 0)", ()),
    ("DROP TABLE annotator_hub.records", ()),
    ("ALTER TABLE annotator_hub.records DISABLE ROW LEVEL SECURITY", ()),
    ("DROP POLICY own_layer ON annotator_hub.records", ()),
    ("CREATE TABLE annotator_hub.mine (x int)", ()),
    ("GRANT annotator_coordinator TO CURRENT_USER", ()),
    ("INSERT INTO annotator_hub.records (body, origin, pushed_by) "
     "VALUES (%s::jsonb, 'o', 'badr')", (_record("amal", "r-9"),)),
]  # fmt: skip

ANALYST_REFUSED = [
    (REC, (_record("badr"),)),  # another analyst's layer
    (REC, (_record("gold"),)),
    (REC, (_record("judge"),)),
    (STA, (_status("badr"),)),
    (STA, (_status("gold"),)),
    (DOC, (OTHER_SHA, "y")),
    (ASSIGN, (SHA, "amal")),
    ("DELETE FROM annotator_hub.assignments", ()),
    ("INSERT INTO annotator_hub.schemas (body) VALUES ('{}')", ()),
]
ADJUDICATOR_REFUSED = [
    (REC, (_record("amal"),)),
    (REC, (_record("badr"),)),
    (STA, (_status("amal"),)),
    (DOC, (OTHER_SHA, "y")),
    (ASSIGN, (SHA, "judge")),
    ("DELETE FROM annotator_hub.assignments", ()),
    ("INSERT INTO annotator_hub.schemas (body) VALUES ('{}')", ()),
]
COORDINATOR_REFUSED = [
    (REC, (_record("amal"),)),
    (REC, (_record("gold"),)),
    (STA, (_status("amal"),)),
    (STA, (_status("gold"),)),
]
ALLOWED = {  # the twin of the refusals above that each role may do
    "amal": [(REC, (_record("amal", "ok-1"),)), (STA, (_status("amal"),))],
    "judge": [(REC, (_record("gold", "ok-2"),)), (REC, (_record("judge", "ok-3"),)),
              (STA, (_status("gold"),))],
    "coord": [(DOC, (OTHER_SHA, "y")), (ASSIGN, (SHA, "badr")),
              ("DELETE FROM annotator_hub.assignments WHERE layer = 'badr'", ()),
              ("INSERT INTO annotator_hub.schemas (body) VALUES ('{}')", ())],
}  # fmt: skip


@pytest.fixture(scope="module")
def guarded(pg_server: Server) -> Hub:
    hub = new_hub(pg_server)
    for role, kind, layer in (
        ("amal", "analyst", "amal"),
        ("badr", "analyst", "badr"),
        ("judge", "adjudicator", "judge"),
        ("coord", "coordinator", None),
    ):
        hub.member(role, kind, layer)  # fmt: skip
    if "stranger" not in pg_server.passwords:
        pg_server.create_role("stranger")
    with psycopg.connect(hub.url("coord")) as conn:
        conn.execute("INSERT INTO annotator_hub.documents (sha256, name, text) "
                     "VALUES (%s, 'd', 'x')", (SHA,))  # fmt: skip
        conn.execute(ASSIGN, (SHA, "amal"))
    with psycopg.connect(hub.url("amal")) as conn:
        conn.execute(REC, (_record("amal"),))
    return hub


def _counts(hub: Hub) -> dict[str, int]:
    with psycopg.connect(hub.owner) as conn:
        return {
            t: int(str(conn.execute(f"SELECT count(*) FROM annotator_hub.{t}").fetchone()[0]))  # type: ignore[index]
            for t in ("records", "statuses", "documents", "assignments", "members", "meta",
                      "schemas", "sync_log", "migrations")
        }  # fmt: skip


def _refused(hub: Hub, role: str, statement: str, params: tuple[Any, ...]) -> None:
    before = _counts(hub)
    with psycopg.connect(hub.url(role)) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(statement, params)
        conn.rollback()
    assert _counts(hub) == before


@pytest.mark.parametrize("role", ["amal", "judge", "coord", "stranger"])
@pytest.mark.parametrize("statement,params", EVERYONE_REFUSED)
def test_nobody_but_the_owner_changes_history_or_structure(
    guarded: Hub, role: str, statement: str, params: tuple[Any, ...]
):
    _refused(guarded, role, statement, params)


@pytest.mark.parametrize(
    "role,statement,params",
    [("amal", s, p) for s, p in ANALYST_REFUSED]
    + [("judge", s, p) for s, p in ADJUDICATOR_REFUSED]
    + [("coord", s, p) for s, p in COORDINATOR_REFUSED]
    + [("stranger", s, p) for s, p in [*ANALYST_REFUSED, (REC, (_record("stranger"),))]],
)
def test_each_role_writes_only_what_it_may(
    guarded: Hub, role: str, statement: str, params: tuple[Any, ...]
):
    _refused(guarded, role, statement, params)


@pytest.mark.parametrize("role", sorted(ALLOWED))
def test_the_allowed_twins_succeed(guarded: Hub, role: str):
    with psycopg.connect(guarded.url(role)) as conn:
        for statement, params in ALLOWED[role]:
            assert conn.execute(statement, params).rowcount == 1, statement


def test_strangers_read_nothing(guarded: Hub):
    with (
        psycopg.connect(guarded.url("stranger")) as conn,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        conn.execute("SELECT count(*) FROM annotator_hub.records")


def test_a_coordinator_elsewhere_is_an_analyst_here(pg_server: Server, guarded: Hub):
    """The group roles are the server's: a coordinator of another hub holds their grants
    here too, and this hub's members table (row-level security) still says no."""
    other = new_hub(pg_server)
    other.member("multi", "coordinator")
    guarded.member("multi", "analyst", "multi")
    _refused(guarded, "multi", DOC, (sha256_text("z"), "z"))
    _refused(guarded, "multi", ASSIGN, (SHA, "multi"))
    _refused(guarded, "multi", "INSERT INTO annotator_hub.schemas (body) VALUES ('{}')", ())
    with psycopg.connect(guarded.url("multi")) as conn:  # DELETE sees no row it may touch
        assert conn.execute("DELETE FROM annotator_hub.assignments").rowcount == 0
    assert _counts(guarded)["assignments"] >= 1


def test_only_the_owner_adds_members(guarded: Hub):
    with pytest.raises(HubError, match="refused"):
        add_member(guarded.url("coord"), "badr", "coordinator")


def test_a_document_must_be_its_text(guarded: Hub):
    with (
        psycopg.connect(guarded.url("coord")) as conn,
        pytest.raises(psycopg.errors.CheckViolation),
    ):
        conn.execute(DOC, (sha256_text("w"), "not w"))


def test_sync_pushes_only_the_roles_layers(guarded: Hub, tmp_path):
    """A project holding amal's and badr's layers, synced with amal's role, pushes amal's."""
    project = Project.create(tmp_path / "p.annotator")
    doc = project.add_document("x")
    project.add_span(doc.id, 0, 1, "PER", annotator="amal")
    project.add_span(doc.id, 0, 1, "PER", annotator="badr")
    report = sync(project, guarded.url("amal"))
    assert report.member.writes == ("amal",)
    assert (report.pushed, report.not_on_hub) == (1, 0)
    with psycopg.connect(guarded.owner) as conn:
        rows = conn.execute("SELECT annotator, pushed_by FROM annotator_hub.records "
                            "WHERE origin <> 'o'").fetchall()  # fmt: skip
    assert rows == [("amal", "amal")]

"""The hub's schema: versioned SQL migrations, applied in order, each once.

Like the project file's ``annotator/store_migrations/``, each step is one SQL file in
``annotator/hub/migrations/`` named ``NNNN_what.sql``; ``annotator_hub.migrations`` lists the
steps a hub has taken. ``init_hub`` takes every missing step in one transaction under a lock
(two coordinators running it at once cannot both apply a step), and refuses a hub made by a
newer annotator. The first step creates the three group roles, the tables, the grants and the
row-level security policies (see the file).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

import psycopg

from annotator.canonical import canonical_json
from annotator.hub.connection import SCHEMA, Connection, HubError, refused, session
from annotator.schema import Schema, default_schema
from annotator.uuids import new_uuid

_STEP = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def steps() -> list[tuple[int, str, str]]:
    """(version, file name, SQL) of every migration this annotator knows, in order."""
    folder = resources.files("annotator.hub") / "migrations"
    out = []
    for entry in folder.iterdir():
        m = _STEP.match(entry.name)
        if m:
            out.append((int(m.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    out.sort()
    if [v for v, _, _ in out] != list(range(1, len(out) + 1)):
        raise HubError("the hub migrations are not numbered 1, 2, 3 ... (broken install)")
    return out


LATEST = len(steps())


@dataclass(frozen=True)
class HubInit:
    hub_id: str
    version: int
    applied: tuple[str, ...]
    """the migration files this call applied (empty when the hub was up to date)"""


def init_hub(url: str, schema: Schema | None = None) -> HubInit:
    """Create the hub in the database ``url`` names, or bring it to the latest version.

    Run by the role that is to own the hub (it needs CREATEROLE the first time, to create the
    group roles ``annotator_analyst``, ``annotator_adjudicator`` and ``annotator_coordinator``).
    ``schema``: the team's label schema (the ACE default when None), set on creation only."""
    with session(url) as conn:
        try:
            return _init(conn, schema)
        except psycopg.Error as exc:
            raise refused(exc) from None


def _init(conn: Connection, schema: Schema | None) -> HubInit:
    conn.execute("SELECT pg_advisory_xact_lock(hashtext('annotator_hub.migrate'))")
    conn.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
    conn.execute(
        f"CREATE TABLE IF NOT EXISTS {SCHEMA}.migrations (version integer PRIMARY KEY, "
        "name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"
    )
    conn.execute(f"REVOKE ALL ON {SCHEMA}.migrations FROM PUBLIC")
    done = {int(str(v)) for (v,) in conn.execute(f"SELECT version FROM {SCHEMA}.migrations")}
    if done and max(done) > LATEST:
        raise HubError(f"the hub is at version {max(done)}, made by a newer annotator")
    applied = []
    for version, name, text in steps():
        if version in done:
            continue
        conn.execute(text.encode("utf-8"))  # no parameters: several statements at once
        conn.execute(
            f"INSERT INTO {SCHEMA}.migrations (version, name) VALUES (%s, %s)", (version, name)
        )
        applied.append(name)
    conn.execute(
        f"GRANT SELECT ON {SCHEMA}.migrations "
        "TO annotator_analyst, annotator_adjudicator, annotator_coordinator"
    )
    row = conn.execute(f"SELECT value FROM {SCHEMA}.meta WHERE key = 'hub_id'").fetchone()
    if row is None:
        hub_id = new_uuid()
        conn.execute(f"INSERT INTO {SCHEMA}.meta VALUES ('hub_id', %s)", (hub_id,))
    else:
        hub_id = str(row[0])
    if conn.execute(f"SELECT 1 FROM {SCHEMA}.schemas LIMIT 1").fetchone() is None:
        team = schema if schema is not None else default_schema()
        conn.execute(
            f"INSERT INTO {SCHEMA}.schemas (body) VALUES (%s::jsonb)",
            (canonical_json(team.to_json()),),
        )
    conn.commit()
    return HubInit(hub_id, LATEST, tuple(applied))


def hub_version(conn: Connection) -> int:
    """The version of the hub ``conn`` reaches; HubError when it is not a hub or newer."""
    try:
        row = conn.execute(f"SELECT max(version) FROM {SCHEMA}.migrations").fetchone()
    except psycopg.errors.UndefinedTable:
        conn.rollback()
        raise HubError("no annotator hub in this database (run `annotator hub init URL`)") from None
    except psycopg.errors.InsufficientPrivilege:
        conn.rollback()
        raise HubError("this role is not a member of the hub (ask the hub's owner)") from None
    version = int(str(row[0])) if row is not None and row[0] is not None else 0
    if version > LATEST:
        raise HubError(f"the hub is at version {version}, made by a newer annotator")
    if version < LATEST:
        raise HubError(f"the hub is at version {version}: run `annotator hub init URL` first")
    return version

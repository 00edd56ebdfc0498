"""A real PostgreSQL server for the whole session, and a fresh hub (database) per test.

No test here mocks the database: every hub is a database on a cluster started from the
PostgreSQL binaries (see ``pgserver``) and stopped at the end. Roles log in with passwords
read by libpq from ``PGPASSFILE``, set for the session (subprocesses inherit it).
"""

from __future__ import annotations

import itertools
import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from annotator.hub import add_member, init_hub
from tests.hub.pgserver import SUPERUSER, Server, find_bin_dir, running_server

_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Server]:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.skip(
            "no PostgreSQL server binaries (initdb, pg_ctl, postgres): install Debian's "
            "postgresql package (.ci/run does) or set PG_BIN_DIR"
        )
    saved = {k: os.environ.get(k) for k in ("PGPASSFILE", "PGPASSWORD", "PGSERVICEFILE")}
    with running_server(bin_dir) as server:
        os.environ["PGPASSFILE"] = str(server.passfile)
        os.environ.pop("PGPASSWORD", None)
        try:
            yield server
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v


@dataclass
class Hub:
    """One hub: a database on the session's server, initialised by its owner."""

    server: Server
    dbname: str

    def url(self, role: str = SUPERUSER) -> str:
        return self.server.url(role, self.dbname)

    @property
    def owner(self) -> str:
        return self.url(SUPERUSER)

    def member(self, role: str, kind: str, layer: str | None = None) -> str:
        """Make (or reuse) the login role ``role`` a member; returns its URL."""
        if role not in self.server.passwords:
            self.server.create_role(role)
        add_member(self.owner, role, kind, layer)
        return self.url(role)


def new_hub(server: Server) -> Hub:
    # (this module is imported twice, as pytest's conftest and by tests: no shared counter)
    name = f"hub{next(_numbers)}_{secrets.token_hex(4)}"
    server.create_database(name)
    hub = Hub(server, name)
    init_hub(hub.owner)
    return hub


@pytest.fixture
def hub(pg_server: Server) -> Hub:
    return new_hub(pg_server)


@pytest.fixture
def team(hub: Hub) -> dict[str, str]:
    """A coordinator, two analysts, an adjudicator: role name -> URL."""
    return {
        "coord": hub.member("coord", "coordinator"),
        "amal": hub.member("amal", "analyst", "amal"),
        "badr": hub.member("badr", "analyst", "badr"),
        "judge": hub.member("judge", "adjudicator", "judge"),
    }


@pytest.fixture
def tmp(tmp_path: Path) -> Path:
    return tmp_path

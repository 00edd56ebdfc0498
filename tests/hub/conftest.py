"""A fresh hub (database) per test on the session's PostgreSQL server (``pg_server``, defined
once in tests/conftest.py so that every test module of a worker shares one server and one
``PGPASSFILE``: a second definition started a second server whose password file replaced the
first one's for the whole process).

No test here mocks the database: every hub is a database on a cluster started from the
PostgreSQL binaries (see ``pgserver``) and stopped at the end. Roles log in with passwords
read by libpq from ``PGPASSFILE``, set for the session (subprocesses inherit it).
"""

from __future__ import annotations

import itertools
import secrets
from dataclasses import dataclass
from pathlib import Path

import pytest

from annotator.hub import add_member, init_hub
from tests.hub.pgserver import SUPERUSER, Server

_numbers = itertools.count(1)


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
def tmp(tmp_path: Path) -> Path:
    return tmp_path

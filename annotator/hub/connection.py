"""Connecting to a hub: a libpq URL or connection string, credentials only from libpq's places.

A hub is named by what libpq accepts (``postgresql://amal@db.example.org/team?sslmode=verify-full``
or ``service=team``). The password is never part of it: libpq finds it in ``PGPASSWORD``, the
password file (``~/.pgpass`` or ``PGPASSFILE``) or a service file (``PGSERVICEFILE``), and a URL
that carries one is refused before any connection, so it can be neither stored nor printed.
Every other setting (TLS modes and certificates, timeouts, options) passes through to libpq
unchanged. Only this package imports psycopg.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict

from annotator.errors import AnnotatorError, Message

SCHEMA = "annotator_hub"
"""the PostgreSQL schema (namespace) holding a hub's tables"""

Connection = psycopg.Connection[tuple[object, ...]]


class HubError(AnnotatorError):
    """The hub cannot be used: unreachable, refused, not a hub, newer, or a write refused."""


def _options(url: str) -> dict[str, Any]:
    try:
        return conninfo_to_dict(url)
    except psycopg.ProgrammingError as exc:
        raise HubError(
            Message("not a PostgreSQL URL or connection string: {problem}", problem=str(exc))
        ) from None


def check_url(url: str) -> None:
    """Refuse an empty URL (libpq reads it as the local default server, a connection nobody
    typed; ``postgresql://`` asks for that on purpose) and one holding a password (it belongs
    in libpq's password file or environment)."""
    if not url.strip():
        raise HubError(
            Message(
                "the hub URL is empty; give a PostgreSQL URL or connection string "
                "({example} for libpq's defaults and PG* environment variables)",
                example="'postgresql://'",
            )
        )
    if "password" in _options(url):
        raise HubError(
            Message(
                "the hub URL holds a password: remove it and put it in ~/.pgpass (or "
                "PGPASSFILE, PGPASSWORD, or a service file); it is never stored in a project "
                "or printed"
            )
        )


def describe(url: str) -> str:
    """The hub as a user reads it: user@host/database (never a password; no other options)."""
    opts = _options(url)
    if "service" in opts and "host" not in opts:
        return f"service {opts['service']}"
    user = f"{opts['user']}@" if "user" in opts else ""
    host = str(opts.get("host", "") or "localhost")
    port = f":{opts['port']}" if "port" in opts else ""
    return f"{user}{host}{port}/{opts.get('dbname', '')}"


CONNECT_TIMEOUT = 10
"""seconds to wait for a hub to answer a connection, unless the URL sets ``connect_timeout``"""

_KEEPALIVES = {"keepalives": "1", "keepalives_idle": "30", "keepalives_interval": "10",
               "keepalives_count": "3"}  # fmt: skip
"""TCP keepalives (unless the URL sets them): a hub gone silent mid-sync is noticed"""


def connect(url: str, autocommit: bool = False) -> Connection:
    """Open a connection to the hub's server; errors become one ``HubError`` line.

    A hub that accepts the connection and never answers is given up after ``CONNECT_TIMEOUT``
    seconds (libpq's ``connect_timeout``; the URL may set another)."""
    check_url(url)
    opts = _options(url)
    extra: dict[str, Any] = {k: v for k, v in _KEEPALIVES.items() if k not in opts}
    if "connect_timeout" not in opts:
        extra["connect_timeout"] = CONNECT_TIMEOUT
    try:
        conn = psycopg.connect(url, autocommit=autocommit, application_name="annotator", **extra)
    except psycopg.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if "timeout expired" in first:
            first = Message(
                "no answer within {seconds} seconds",
                seconds=opts.get("connect_timeout", CONNECT_TIMEOUT),
            )
        raise HubError(
            Message("cannot connect to the hub {hub}: {problem}", hub=describe(url), problem=first)
        ) from None
    return conn


def problem(exc: psycopg.Error) -> str:
    """A database error's own words, one line (the server's primary message when it sent
    one; never a password: libpq's messages name no password)."""
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return exc.diag.message_primary or first


def refused(exc: psycopg.Error) -> HubError:
    """A database error as one line: a lost connection (the server stopped or restarted, the
    network gone) says so; anything else is what the hub refused, named by its rule.

    For an error before a call's work is saved: each call's writes are one transaction
    (a sync's push, its merge), so nothing half-done is kept. An error after the work is
    saved is no failure of the call (a sync's log line: ``SyncReport.log_problem``)."""
    if isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError):
        return HubError(
            Message(
                "lost the connection to the hub: {problem} (nothing half-done is kept)",
                problem=problem(exc),
            )
        )
    return HubError(Message("the hub refused: {problem}", problem=problem(exc)))


@contextlib.contextmanager
def session(url: str, autocommit: bool = False) -> Iterator[Connection]:
    """A connection for one call of this package: every database error inside it, and one
    closing it (a rollback on a connection the server dropped), becomes one ``HubError``
    line; the connection is closed at the end (its transaction rolled back on an error)."""
    conn = connect(url, autocommit)
    try:
        with conn:
            yield conn
    except psycopg.Error as exc:
        raise refused(exc) from None

"""A real PostgreSQL server for the hub's tests: a throw-away cluster in a temporary folder.

The cluster is made by Debian's (or any) PostgreSQL binaries with ``initdb``, owned by and run
as a non-root user (PostgreSQL refuses to run as root: when the tests run as root, the
``postgres`` system user runs it through ``runuser``), listening on a unix socket inside that
folder (what the tests use) and on a free port of 127.0.0.1 (for the TLS pass-through test).
Every role logs in with a password (scram-sha-256) that libpq reads from a password file named
by ``PGPASSFILE``: the tests exercise the same credential path analysts use.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql

SUPERUSER = "hubadmin"


def find_bin_dir() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres (PG_BIN_DIR, Debian's, or the PATH)."""
    explicit = os.environ.get("PG_BIN_DIR")
    candidates = [explicit] if explicit else []
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    found = shutil.which("initdb")
    if found:
        candidates.append(str(Path(found).parent))
    for c in candidates:
        if c and all((Path(c) / b).is_file() for b in ("initdb", "pg_ctl", "postgres")):
            return Path(c)
    return None


@dataclass
class Server:
    """A running cluster: its folder, the socket folder, and the passwords file."""

    root: Path
    bin_dir: Path
    run_as: str | None
    port: int = 5432
    passwords: dict[str, str] = field(default_factory=dict)

    @property
    def socket_dir(self) -> Path:
        return self.root / "socket"

    @property
    def passfile(self) -> Path:
        return self.root / "pgpass"

    def url(self, role: str, dbname: str = "postgres", **options: str) -> str:
        """A libpq URL without any password (libpq finds it in PGPASSFILE)."""
        query = "&".join([f"host={self.socket_dir}", f"port={self.port}"] +
                         [f"{k}={v}" for k, v in options.items()])  # fmt: skip
        return f"postgresql://{role}@/{dbname}?{query}"

    def _cmd(self, *args: str) -> list[str]:
        if self.run_as is None:
            return list(args)
        return ["runuser", "-u", self.run_as, "--", *args]

    def write_passfile(self) -> None:
        lines = [f"*:*:*:{role}:{pw}" for role, pw in self.passwords.items()]
        tmp = self.passfile.with_suffix(".tmp")
        tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
        tmp.chmod(0o600)
        tmp.replace(self.passfile)

    def admin(self, dbname: str = "postgres") -> psycopg.Connection[tuple[object, ...]]:
        return psycopg.connect(
            self.url(SUPERUSER, dbname), autocommit=True, passfile=str(self.passfile)
        )

    def create_role(self, role: str, superuser: bool = False) -> None:
        """A login role with a random password (added to the passwords file)."""
        pw = secrets.token_hex(12)
        with self.admin() as conn:
            conn.execute(
                sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}{}").format(
                    sql.Identifier(role),
                    sql.Literal(pw),
                    sql.SQL(" SUPERUSER" if superuser else ""),
                )
            )
        self.passwords[role] = pw
        self.write_passfile()

    def create_database(self, name: str, owner: str = SUPERUSER) -> None:
        with self.admin() as conn:
            conn.execute(
                sql.SQL("CREATE DATABASE {} OWNER {}").format(
                    sql.Identifier(name), sql.Identifier(owner)
                )
            )

    def start(self) -> None:
        data = self.root / "data"
        pw = secrets.token_hex(16)
        self.passwords[SUPERUSER] = pw
        pwfile = self.root / "initpw"
        pwfile.write_text(pw + "\n", encoding="utf-8")
        self.socket_dir.mkdir()
        if self.run_as is not None:
            user = pwd.getpwnam(self.run_as)
            for p in (self.root, self.socket_dir, pwfile):
                os.chown(p, user.pw_uid, user.pw_gid)
        subprocess.run(
            self._cmd(
                str(self.bin_dir / "initdb"), "-D", str(data), "-U", SUPERUSER,
                "--pwfile", str(pwfile), "--auth", "scram-sha-256", "-E", "UTF8",
                "--locale", "C", "--no-sync",
            ),
            check=True, capture_output=True,
        )  # fmt: skip
        pwfile.unlink()
        self._launch()

    def restart(self) -> None:
        """Stop the server (fast: every session is ended) and start it again on the same
        data, port and passwords."""
        self.stop()
        self._launch()

    def _launch(self) -> None:
        data = self.root / "data"
        options = (
            f"-c listen_addresses='127.0.0.1' -c unix_socket_directories='{self.socket_dir}' "
            f"-p {self.port} -c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=200 -c shared_buffers=64MB"
        )
        subprocess.run(
            self._cmd(
                str(self.bin_dir / "pg_ctl"), "-D", str(data), "-l", str(self.root / "log"),
                "-o", options, "-w", "-t", "60", "start",
            ),
            check=True, capture_output=True,
        )  # fmt: skip
        self.write_passfile()
        deadline = time.monotonic() + 30
        while True:  # pg_ctl -w waited already; make sure a password login works too
            try:
                with self.admin():
                    break
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def stop(self) -> None:
        subprocess.run(
            self._cmd(str(self.bin_dir / "pg_ctl"), "-D", str(self.root / "data"), "-m", "fast",
                      "-w", "stop"),
            check=False, capture_output=True,
        )  # fmt: skip


@contextlib.contextmanager
def running_server(bin_dir: Path) -> Iterator[Server]:
    run_as: str | None = None
    if os.geteuid() == 0:
        run_as = "postgres"
        try:
            pwd.getpwnam(run_as)
        except KeyError:
            subprocess.run(["useradd", "--system", "--no-create-home", run_as], check=True)
    root = Path(tempfile.mkdtemp(prefix="annotator-hub-pg-"))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = Server(root, bin_dir, run_as, port)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)

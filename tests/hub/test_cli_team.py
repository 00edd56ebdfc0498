"""``annotator hub ...`` and ``annotator sync`` against the real server of ``conftest``, run in
process like the other command-line tests: a team set up in the documented few commands, two
analysts syncing, queues and status; refusals as one line and exit 1; no password printed."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.exchange import canonical_hash
from annotator.model import Status
from annotator.project import Project
from tests.hub.conftest import Hub
from tests.hub.helpers import doc_texts, make_project
from tests.hub.pgserver import Server


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def login(server: Server, role: str) -> None:
    if role not in server.passwords:
        server.create_role(role)


def secrets_of(server: Server) -> list[str]:
    return list(server.passwords.values())


def test_a_team_set_up_and_run_from_the_command_line(
    hub: Hub, tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server = hub.server
    # the owner: init (already done by the fixture: up to date), members
    code, out, _ = run(capsys, "hub", "init", hub.owner)
    assert code == 0 and "migrations applied: none (up to date)" in out
    for role, kind, layer in (("coord", "coordinator", None), ("amal", "analyst", "amal"),
                              ("badr", "analyst", "badr")):  # fmt: skip
        login(server, role)
        extra = ["--layer", layer] if layer else []
        code, out, err = run(capsys, "hub", "member", hub.owner, role, kind, *extra)
        assert code == 0, err
        assert f"{role} is a member of the hub" in out and kind in out
    coord, amal_url, badr_url = hub.url("coord"), hub.url("amal"), hub.url("badr")
    # a coordinator: documents and assignments
    texts = doc_texts(4)
    amal = make_project(tmp / "amal.annotator", texts)
    badr = make_project(tmp / "badr.annotator", texts)
    code, out, _ = run(capsys, "hub", "add-documents", coord, str(tmp / "amal.annotator"))
    assert code == 0 and out.startswith("4 documents added to the hub coord@")
    code, out, _ = run(capsys, "hub", "add-documents", coord, str(tmp / "badr.annotator"))
    assert code == 0 and "0 documents added" in out and "(4 already there)" in out
    code, out, _ = run(capsys, "hub", "assign", coord, "amal", "badr", "--overlap", "2")
    assert code == 0 and out.splitlines() == [
        "assigned 4 documents (8 assignments)", "  amal: 4", "  badr: 4"
    ]  # fmt: skip
    code, _, err = run(capsys, "hub", "assign", coord, "amal", "bdar", "--overlap", "1")
    assert code == 1 and "did you mean 'badr'?" in err
    # the analysts: edit, sync (as often as they like)
    doc = amal.documents()[0]
    amal.add_span(doc.id, 0, 6, "PER", annotator="amal")
    amal.set_status(doc.id, "amal", Status.DONE)
    badr.add_span(doc.id, 0, 6, "GPE", annotator="badr")
    badr.set_status(doc.id, "badr", Status.DONE)
    amal.close()
    badr.close()
    code, out, err = run(capsys, "sync", str(tmp / "amal.annotator"), amal_url)
    assert code == 0, err
    assert out.splitlines()[:3] == [
        f"hub amal@{server.socket_dir}:{server.port}/{hub.dbname} as amal (analyst, layer amal)",
        "pushed: 2 new, 0 already on the hub",
        "pulled: 0 versions, 0 documents",
    ]
    code, out, _ = run(capsys, "sync", str(tmp / "badr.annotator"), badr_url)
    assert code == 0 and "pushed: 2 new" in out and "pulled: 2 versions" in out
    code, out, _ = run(capsys, "sync", str(tmp / "amal.annotator"), amal_url)
    assert "pulled: 2 versions" in out
    code, out, _ = run(capsys, "sync", str(tmp / "amal.annotator"), amal_url, "--full")
    assert code == 0 and "pushed: 0 new, 2 already on the hub" in out
    assert canonical_hash_of(tmp / "amal.annotator") == canonical_hash_of(tmp / "badr.annotator")
    # queues
    code, out, _ = run(capsys, "hub", "queue", amal_url, str(tmp / "amal.annotator"), "amal",
                       "--json")  # fmt: skip
    rows = json.loads(out)
    assert code == 0 and len(rows) == 3 and doc.name not in {r["name"] for r in rows}
    code, out, _ = run(capsys, "hub", "queue", amal_url, str(tmp / "amal.annotator"), "amal")
    assert out.splitlines()[-1] == "3 document(s) to do"
    code, _, err = run(capsys, "hub", "queue", amal_url, str(tmp / "amal.annotator"), "amla")
    assert code == 1 and "did you mean 'amal'?" in err
    code, out, _ = run(capsys, "hub", "review-queue", coord, "--mirror", str(tmp / "m.annotator"),
                       "--json")  # fmt: skip
    assert code == 0
    assert [(r["name"], r["layers"]) for r in json.loads(out)] == [(doc.name, ["amal", "badr"])]
    code, out, _ = run(capsys, "hub", "review-queue", coord, str(tmp / "amal.annotator"))
    assert code == 0 and out.splitlines()[-1] == "1 document(s) to review"
    # progress and agreement so far
    code, out, _ = run(capsys, "hub", "status", coord, "--mirror", str(tmp / "m.annotator"),
                       "--json")  # fmt: skip
    status = json.loads(out)
    assert code == 0
    assert [(a["layer"], a["assigned"], a["done"], a["spans"]) for a in status["analysts"]] == [
        ("amal", 4, 1, 1), ("badr", 4, 1, 1)
    ]  # fmt: skip
    assert [(p["a"], p["b"]) for p in status["pairs"]] == [("amal", "badr")]
    code, out, _ = run(capsys, "hub", "status", coord, "--mirror", str(tmp / "m.annotator"))
    assert code == 0 and out.splitlines()[0].startswith("analyst\tassigned\tdone")
    assert any(line.startswith("amal\t4\t1\t0\t1\t") for line in out.splitlines())
    captured = out
    for pw in secrets_of(server):
        assert pw not in captured


def canonical_hash_of(path: Path) -> str:
    with Project.open(path, read_only=True) as p:
        return canonical_hash(p)


def test_refusals_are_one_line_exit_1_and_never_show_a_password(
    hub: Hub, team: dict[str, str], tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_project(tmp / "p.annotator", doc_texts(2)).close()
    p = str(tmp / "p.annotator")
    login(hub.server, "stranger")
    cases = [
        (["sync", p, hub.url("stranger")], "not a member"),
        (["hub", "add-documents", team["amal"], p], "the hub refused"),  # analysts add none
        (["hub", "member", team["coord"], "stranger", "analyst", "--layer", "x"], "refused"),
        (["hub", "member", hub.owner, "stranger", "analyst"], "writes a layer"),
        (["hub", "member", hub.owner, "coord", "coordinator", "--layer", "x"], "no layer"),
    ]
    for argv, message in cases:
        code, out, err = run(capsys, *argv)
        assert code == 1, argv
        assert err.startswith("annotator: error: ") and message in err, (argv, err)
        assert len(err.splitlines()) == 1, err
        for pw in secrets_of(hub.server):
            assert pw not in out + err


def test_init_creates_a_hub_in_an_empty_database(
    pg_server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    pg_server.create_database("fresh_cli_hub")
    url = pg_server.url("hubadmin", "fresh_cli_hub")
    code, out, _ = run(capsys, "hub", "init", url)
    assert code == 0 and "version 2" in out
    assert "migrations applied: 0001_hub.sql, 0002_record_owners.sql" in out


HOLD = """
import sys, time
from pathlib import Path
from annotator.locking import EXCLUSIVE, acquire
lock = acquire(Path(sys.argv[1]), EXCLUSIVE)
print("held", flush=True)
time.sleep(60)
"""


def test_sync_takes_the_project_lock_as_merge_does(
    hub: Hub, team: dict[str, str], tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp / "amal.annotator"
    make_project(path, doc_texts(1)).close()
    # a workbench window (another process) holds the project exclusively: sync is refused
    with subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE,
                          text=True) as holder:  # fmt: skip
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
            code, _, err = run(capsys, "sync", str(path), team["amal"])
            assert code == 1 and "annotator: error:" in err and len(err.splitlines()) == 1
            assert "held" in err or "lock" in err or "use" in err
        finally:
            holder.kill()
    time.sleep(0.05)
    code, _, err = run(capsys, "sync", str(path), team["amal"])
    assert code == 0, err

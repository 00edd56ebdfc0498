"""A database error after the version check is one ``HubError`` line, never a traceback: the
session's real server stopped and started again in the middle of a call (from the call's own
progress callback, so the moment is exact), and grants revoked from the group roles. The next
call after a restart completes (a sync resumes without loss)."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from annotator.exchange import canonical_hash
from annotator.hub import (
    HubError,
    Overlap,
    add_documents,
    add_project_documents,
    assign,
    assignments,
    members,
    queue,
    review_queue,
    status_report,
    sync,
    team_status,
)
from annotator.model import Document
from annotator.text import sha256_text
from tests.hub.conftest import Hub
from tests.hub.helpers import doc_texts, make_project
from tests.hub.pgserver import Server
from tests.hub.test_cli_team import run, secrets_of


class Restart:
    """A progress callback that stops and starts the server once, at the first call in
    ``phase`` (or any phase when None)."""

    def __init__(self, server: Server, phase: str | None = None) -> None:
        self.server, self.phase, self.done = server, phase, False

    def __call__(self, *args: object) -> None:
        if self.done or (self.phase is not None and args[0] != self.phase):
            return
        self.done = True
        self.server.restart()


def one_line_lost(exc: pytest.ExceptionInfo[HubError], server: Server) -> None:
    text = str(exc.value)
    assert len(text.splitlines()) == 1, text
    assert text.startswith("lost the connection to the hub: "), text
    for pw in secrets_of(server):
        assert pw not in text


@pytest.mark.parametrize("phase", ["read", "pull", "merge"])
def test_a_server_restart_in_the_middle_of_a_sync(
    hub: Hub, team: dict[str, str], tmp: Path, phase: str
) -> None:
    texts = doc_texts(3, "r")
    amal = make_project(tmp / "amal.annotator", texts)
    badr = make_project(tmp / "badr.annotator", texts)
    add_project_documents(team["coord"], amal)
    for doc in amal.documents():
        amal.add_span(doc.id, 0, 6, "PER", annotator="amal")
    sync(badr, team["badr"])  # badr holds a cursor; amal pushes next
    badr.add_span(badr.documents()[0].id, 7, 13, "GPE", annotator="badr")
    sync(amal, team["amal"])
    restart = Restart(hub.server, phase)
    if phase == "merge":  # the work is saved before the log line: the sync completes (7505bd8)
        report = sync(badr, team["badr"], progress=restart)
        assert restart.done and report.log_problem
    else:
        with pytest.raises(HubError) as exc:
            sync(badr, team["badr"], progress=restart)  # read: badr's push; pull: amal's
        assert restart.done
        one_line_lost(exc, hub.server)
    sync(badr, team["badr"])
    sync(amal, team["amal"])
    assert badr.record_count("spans", annotator="amal") == 3
    assert amal.record_count("spans", annotator="badr") == 1
    amal_hash, badr_hash = canonical_hash(amal), canonical_hash(badr)
    assert amal_hash == badr_hash
    amal.close()
    badr.close()


def test_a_server_restart_in_the_middle_of_team_calls(
    hub: Hub, team: dict[str, str], tmp: Path
) -> None:
    docs = [Document(0, f"d{i}", f"text {i}", sha256_text(f"text {i}")) for i in range(1001)]
    restart = Restart(hub.server)
    with pytest.raises(HubError) as exc:
        add_documents(team["coord"], docs, progress=restart)  # at the 1000th document
    one_line_lost(exc, hub.server)
    assert add_documents(team["coord"], docs) == 1001  # nothing half-added stayed behind
    assign(team["coord"], ["amal", "badr"], Overlap(each=2, share=0.0), [docs[0].sha256])
    restart = Restart(hub.server, "pull")
    with pytest.raises(HubError) as exc:
        status_report(team["coord"], tmp / "mirror.annotator", restart)
    one_line_lost(exc, hub.server)
    status = status_report(team["coord"], tmp / "mirror.annotator")
    assert [a.assigned for a in status.analysts] == [1, 1]


def test_grants_revoked_after_the_version_check(
    hub: Hub, team: dict[str, str], tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp / "p.annotator", doc_texts(2, "g"))
    add_project_documents(team["coord"], project)
    with psycopg.connect(hub.owner, autocommit=True) as conn:
        for table in ("members", "assignments", "documents"):
            conn.execute(
                f"REVOKE SELECT ON annotator_hub.{table} "
                "FROM annotator_analyst, annotator_adjudicator, annotator_coordinator"
            )
    calls = [
        lambda: members(team["coord"]),
        lambda: assignments(team["coord"]),
        lambda: assign(team["coord"], ["amal", "badr"], Overlap(each=2, share=0.0)),
        lambda: queue(team["amal"], project, "amal"),
        lambda: review_queue(team["judge"], project),
        lambda: team_status(team["coord"], project),
        lambda: status_report(team["coord"], tmp / "mirror.annotator"),
    ]
    for call in calls:
        with pytest.raises(HubError) as exc:
            call()
        text = str(exc.value)
        assert len(text.splitlines()) == 1 and text.startswith("the hub refused: "), text
        assert "permission denied for table" in text, text
    project.close()
    mirror = str(tmp / "cli-mirror.annotator")
    code, out, err = run(capsys, "hub", "status", team["coord"], "--mirror", mirror)
    assert code == 1 and err.startswith("annotator: error: the hub refused: "), err
    assert len(err.splitlines()) == 1 and "Traceback" not in out + err, err

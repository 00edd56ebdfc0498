"""An interrupted sync (kill -9 of the syncing process in the middle) then a sync again:
no duplicates on the hub, nothing lost in the project."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from annotator.exchange import canonical_hash, merge_bundle, read_bundle, write_bundle
from annotator.hub import add_project_documents, sync
from annotator.model import Status
from annotator.project import Project
from tests.hub.conftest import Hub
from tests.hub.helpers import LABELS, doc_texts, make_project, words

WORKER = Path(__file__).with_name("analyst_worker.py")


def _fill(project: Project, layer: str, n: int) -> None:
    with project.transaction():
        k = 0
        for doc in project.documents():
            text = project.document(doc.id).text
            for start, end in words(text):
                project.add_span(doc.id, start, end, LABELS[k % len(LABELS)], annotator=layer)
                k += 1
                if k >= n:
                    break
            project.set_status(doc.id, layer, Status.IN_PROGRESS)
            if k >= n:
                return


def _killed_in(phase: str, project: Path, url: str) -> None:
    proc = subprocess.Popen(
        [sys.executable, str(WORKER), "sync", str(project), url, phase],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert proc.stdout is not None
    lines = []
    for line in proc.stdout:
        lines.append(line)
        if line.startswith(f"paused {phase.partition(':')[0]}"):
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    assert lines and lines[-1].startswith(f"paused {phase.partition(':')[0]}"), lines


def _duplicates(hub: Hub) -> int:
    with psycopg.connect(hub.owner) as conn:
        row = conn.execute(
            "SELECT count(*) - count(DISTINCT (kind, uuid, annotator, clock, digest)) "
            "FROM annotator_hub.records"
        ).fetchone()
    assert row is not None
    return int(str(row[0]))


@pytest.mark.slow
def test_kill_9_in_every_phase_then_sync_again(tmp: Path, hub: Hub, team: dict[str, str]):
    texts = doc_texts(40)
    amal = make_project(tmp / "amal.annotator", texts)
    badr = make_project(tmp / "badr.annotator", texts)
    add_project_documents(team["coord"], amal)
    _fill(amal, "amal", 600)
    _fill(badr, "badr", 600)
    n = badr.span_count(annotator="badr")
    assert n == amal.span_count(annotator="amal") > 400
    sync(badr, team["badr"])
    amal.close()
    path = tmp / "amal.annotator"
    _killed_in("push", path, team["amal"])  # COPY under way: the hub transaction is undone
    with psycopg.connect(hub.owner) as conn:
        assert conn.execute("SELECT count(*) FROM annotator_hub.records "
                            "WHERE annotator = 'amal'").fetchone() == (0,)  # fmt: skip
    # pushed; killed inside the project's merge transaction (its first batch): undone
    _killed_in("merge:2", path, team["amal"])
    with Project.open(path) as p:
        assert p.span_count(annotator="badr") == 0
        assert p.integrity() == []
    _killed_in("pull:1", path, team["amal"])  # in the pull's snapshot: nothing kept
    _killed_in("merge:2", path, team["amal"])  # again: its pushes are on the hub already
    assert _duplicates(hub) == 0
    with Project.open(path) as p:
        report = sync(p, team["amal"])
        assert report.pushed == 0  # everything was there; nothing twice
        assert p.span_count(annotator="badr") == n, report.lines()
        final = canonical_hash(p)
    sync(badr, team["badr"])
    assert _duplicates(hub) == 0
    with psycopg.connect(hub.owner) as conn:
        assert conn.execute("SELECT count(*) FROM annotator_hub.records").fetchone() == (2 * n,)
    direct = make_project(tmp / "direct.annotator", texts)
    with Project.open(path) as p:
        write_bundle(p, "amal", tmp / "amal.bundle")
    write_bundle(badr, "badr", tmp / "badr.bundle")
    for name in ("amal", "badr"):
        merge_bundle(direct, read_bundle(tmp / f"{name}.bundle"))
    assert final == canonical_hash(badr) == canonical_hash(direct)

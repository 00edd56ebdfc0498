"""Simulated analysts, each a process with its own project, editing and syncing at the same
time against one hub: the final states are equal, nothing is lost, forbidden writes refused."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from annotator.exchange import canonical_hash, merge_bundle, read_bundle, write_bundle
from annotator.hub import add_project_documents, sync
from annotator.project import Project
from tests.hub.conftest import Hub
from tests.hub.helpers import doc_texts, make_project

WORKER = Path(__file__).with_name("analyst_worker.py")


def _team_run(tmp: Path, hub: Hub, n: int, rounds: int, edits: int) -> float:
    texts = doc_texts(4, "c")
    layers = [f"an{i:02d}" for i in range(n)]
    urls = {lay: hub.member(lay, "analyst", lay) for lay in layers}
    coord = hub.member("ccoord", "coordinator")
    paths = {}
    for lay in layers:
        paths[lay] = tmp / f"{lay}.annotator"
        make_project(paths[lay], texts).close()
    with Project.open(paths[layers[0]]) as p:
        add_project_documents(coord, p)
    started = time.monotonic()
    procs = []
    for i, lay in enumerate(layers):
        argv = [sys.executable, str(WORKER), "analyst", str(paths[lay]), urls[lay], lay, str(i),
                str(rounds), str(edits), layers[(i + 1) % n]]  # fmt: skip
        procs.append(subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      text=True))  # fmt: skip
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=240)
        assert proc.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    elapsed = time.monotonic() - started
    for r in results:  # every forged write (a colleague's layer, gold) refused by the hub
        assert r["refused"] == {layers[(layers.index(r["layer"]) + 1) % n]: True, "gold": True}
        assert len(r["edits"]) == rounds * edits
    with psycopg.connect(hub.owner) as conn:
        row = conn.execute(
            "SELECT count(*), count(DISTINCT (kind, uuid, annotator, clock, digest)), "
            "count(*) FILTER (WHERE uuid LIKE 'forged-%%') FROM annotator_hub.records"
        ).fetchone()
    assert row is not None and row[0] == row[1] and row[2] == 0  # no duplicate, no forgery
    # each analyst syncs once more (everyone has pushed): then all hold the same state
    direct = make_project(tmp / "direct.annotator", texts)
    hashes = []
    for lay in layers:
        with Project.open(paths[lay]) as p:
            sync(p, urls[lay])
    for lay in layers:
        with Project.open(paths[lay]) as p:
            sync(p, urls[lay])
            hashes.append(canonical_hash(p))
            write_bundle(p, lay, tmp / f"{lay}.bundle")
        merge_bundle(direct, read_bundle(tmp / f"{lay}.bundle"))
    # nothing lost: every layer as its author holds it, merged directly, is what all hold
    assert hashes == [canonical_hash(direct)] * n
    assert sum(len(direct.spans(annotator=lay, include_deleted=True)) for lay in layers) > 0
    direct.close()
    return elapsed


def test_two_analysts_at_once(tmp: Path, hub: Hub):
    _team_run(tmp, hub, n=2, rounds=4, edits=8)


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_twenty_analysts_at_once(tmp: Path, hub: Hub):
    elapsed = _team_run(tmp, hub, n=20, rounds=2, edits=6)
    print(f"20 analysts, 2 rounds of 6 edits and a sync each: {elapsed:.1f} s")

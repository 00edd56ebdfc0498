"""The hub's schema versions, and the team on it: assignment with overlap, queues, progress."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import psycopg
import pytest

from annotator.agreement import agreement, project_layers
from annotator.hub import (
    HubError,
    Overlap,
    add_documents,
    add_project_documents,
    assign,
    assignments,
    init_hub,
    queue,
    review_queue,
    status_report,
    sync,
    team_status,
    team_view,
)
from annotator.hub.migrate import LATEST
from annotator.model import Document, Status
from annotator.text import sha256_text
from tests.hub.conftest import Hub
from tests.hub.helpers import doc_texts, make_project


def test_init_is_versioned_and_idempotent(hub: Hub):
    again = init_hub(hub.owner)
    assert again.applied == () and again.version == LATEST
    with psycopg.connect(hub.owner) as conn:
        names = conn.execute("SELECT name FROM annotator_hub.migrations").fetchall()
        assert names == [("0001_hub.sql",), ("0002_record_owners.sql",)]
        conn.execute("INSERT INTO annotator_hub.migrations VALUES (99, '0099_future.sql')")
    with pytest.raises(HubError, match="newer annotator"):
        init_hub(hub.owner)
    with pytest.raises(HubError, match="newer annotator"):
        assignments(hub.owner)


def test_a_database_without_a_hub(pg_server, tmp_path: Path):
    pg_server.create_database("nohub")
    project = make_project(tmp_path / "p.annotator", doc_texts(1))
    with pytest.raises(HubError, match="no annotator hub"):
        sync(project, pg_server.url("hubadmin", "nohub"))


def _docs(n: int) -> list[Document]:
    return [Document(0, f"d{i}", t, sha256_text(t)) for i, t in enumerate(doc_texts(n, "t"))]


def test_assign_with_overlap(hub: Hub, team: dict[str, str]):
    layers = ["amal", "badr", "judge", "x1", "x2"]
    docs = _docs(100)
    assert add_documents(team["coord"], docs) == 100
    assert add_documents(team["coord"], docs) == 0  # by hash: once
    overlap = Overlap(each=2, more=3, share=0.1, seed="s")
    report = assign(team["coord"], layers, overlap)
    held = assignments(team["coord"])
    assert len(held) == 100 == report.documents
    sizes = Counter(len(v) for v in held.values())
    expected_three = sum(1 for d in docs if overlap.wanted(d.sha256) == 3)
    assert sizes == Counter({2: 100 - expected_three, 3: expected_three})
    assert 3 <= expected_three <= 20  # about 10 %
    load = Counter(lay for v in held.values() for lay in v)
    assert max(load.values()) - min(load.values()) <= 1  # balanced
    assert report.assignments == sum(load.values())
    assert assign(team["coord"], layers, overlap).assignments == 0  # kept, nothing added
    with pytest.raises(HubError, match="refused"):
        assign(team["amal"], layers, overlap)


def test_queues_follow_the_merged_statuses(tmp: Path, hub: Hub, team: dict[str, str]):
    docs = _docs(4)
    add_documents(team["coord"], docs)
    assign(team["coord"], ["amal", "badr"], Overlap(each=2, share=0.0))
    amal = make_project(tmp / "amal.annotator", [])
    badr = make_project(tmp / "badr.annotator", [])
    judge = make_project(tmp / "judge.annotator", [])
    before = queue(team["amal"], amal, "amal")
    assert [q.doc_id for q in before] == [None] * 4  # not synced yet
    report = sync(amal, team["amal"])
    assert report.documents_pulled == 4  # the assigned documents come with the sync
    mine = queue(team["amal"], amal, "amal")
    assert len(mine) == 4 and all(q.doc_id is not None for q in mine)
    first = mine[0]
    amal.set_status(first.doc_id, "amal", Status.DONE)  # type: ignore[arg-type]
    amal.set_status(mine[1].doc_id, "amal", Status.IN_PROGRESS)  # type: ignore[arg-type]
    sync(amal, team["amal"])
    assert [q.sha256 for q in queue(team["amal"], amal, "amal")] == [q.sha256 for q in mine[1:]]
    assert queue(team["amal"], amal, "amal")[0].status == Status.IN_PROGRESS
    sync(badr, team["badr"])
    doc = badr.document_by_sha(first.sha256)
    assert doc is not None
    sync(judge, team["judge"])
    assert review_queue(team["judge"], judge) == []  # badr is not done yet
    badr.set_status(doc.id, "badr", Status.DONE)
    sync(badr, team["badr"])
    sync(judge, team["judge"])
    ready = review_queue(team["judge"], judge)
    assert [(q.sha256, q.layers) for q in ready] == [(first.sha256, ("amal", "badr"))]
    # the workbench's team view: each member's own queue beside the team's figures
    for url, project, kind, expect in (
        (team["amal"], amal, "analyst", queue(team["amal"], amal, "amal")),
        (team["judge"], judge, "adjudicator", ready),
        (team["coord"], judge, "coordinator", []),
    ):
        view = team_view(url, project)
        assert view.member.kind == kind and list(view.queue) == expect
        assert [a.layer for a in view.status.analysts] == ["amal", "badr"]
    judge.set_status(ready[0].doc_id, "gold", Status.DONE)  # type: ignore[arg-type]
    assert review_queue(team["judge"], judge) == []
    assert sync(judge, team["judge"]).pushed == 1  # gold's status: an adjudicator's to push


def test_status_report(tmp: Path, hub: Hub, team: dict[str, str]):
    texts = doc_texts(2, "s")
    amal = make_project(tmp / "amal.annotator", texts)
    badr = make_project(tmp / "badr.annotator", texts)
    add_project_documents(team["coord"], amal)
    assign(team["coord"], ["amal", "badr"], Overlap(each=2, share=0.0))
    doc = amal.documents()[0]
    for p, layer, label in ((amal, "amal", "PER"), (badr, "badr", "GPE")):
        p.add_span(doc.id, 0, 6, "PER", annotator=layer)
        p.add_span(doc.id, 7, 13, label, annotator=layer)
    amal.set_status(doc.id, "amal", Status.DONE)
    badr.set_status(doc.id, "badr", Status.IN_PROGRESS)
    sync(amal, team["amal"])
    sync(badr, team["badr"])
    status = status_report(team["coord"], tmp / "mirror.annotator")
    rows = {a.layer: a for a in status.analysts}
    assert (rows["amal"].assigned, rows["amal"].done, rows["amal"].in_progress) == (2, 1, 0)
    assert (rows["badr"].done, rows["badr"].in_progress, rows["badr"].spans) == (0, 1, 2)
    assert rows["amal"].spans_per_hour == 2.0  # two spans within one clock hour
    (pair,) = status.pairs
    assert (pair.a, pair.b) == ("amal", "badr")
    sync(amal, team["amal"])
    direct = agreement(project_layers(amal, ["amal", "badr"]), ["amal", "badr"])
    assert pair.f1 == direct.pairs[0].exact.micro.f1 == 0.5
    assert pair.per_label["PER"] == direct.pairs[0].exact.per_label["PER"].f1
    assert status.sync is not None and status.sync.pulled > 0
    text = "\n".join(status.lines())
    assert "amal\t2\t1\t0\t2\t2.0" in text and "amal–badr\t0.500" in text
    again = team_status(team["coord"], amal)
    assert [a.spans for a in again.analysts] == [2, 2]

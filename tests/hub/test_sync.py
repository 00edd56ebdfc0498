"""Sync between projects through a hub: the bundle merge rules, idempotence, credentials."""

from __future__ import annotations

import dataclasses
import random
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from annotator.exchange import canonical_hash, merge_bundle, read_bundle, write_bundle
from annotator.hub import HubError, add_project_documents, sync
from annotator.hubstate import load_cursor, sidecar_path
from annotator.model import Status
from annotator.project import Project
from tests.hub.conftest import Hub
from tests.hub.helpers import doc_texts, make_project, random_edit


def _pair(tmp: Path, hub: Hub, team: dict[str, str]) -> tuple[Project, Project]:
    texts = doc_texts(3)
    amal = make_project(tmp / "amal.annotator", texts)
    badr = make_project(tmp / "badr.annotator", texts)
    add_project_documents(team["coord"], amal)
    return amal, badr


def test_two_analysts_exchange_layers_like_bundles(tmp: Path, hub: Hub, team: dict[str, str]):
    amal, badr = _pair(tmp, hub, team)
    doc = amal.documents()[0]
    text = amal.document(doc.id).text
    s1 = amal.add_span(doc.id, 0, 6, "PER", annotator="amal")
    s2 = amal.add_span(doc.id, 7, 13, "ORG", annotator="amal")
    amal.set_status(doc.id, "amal", Status.DONE)
    b1 = badr.add_span(doc.id, 0, 6, "GPE", annotator="badr")
    first = sync(amal, team["amal"])
    assert first.pushed == 3 and first.pulled == 0
    report = sync(badr, team["badr"])
    assert report.pushed == 1 and report.pulled == 3
    assert {s.uuid for s in badr.spans(doc.id, "amal")} == {s1.uuid, s2.uuid}
    assert badr.status(doc.id, "amal") == Status.DONE
    assert badr.span(s1.uuid).text == text[0:6]
    # a tombstone travels as a version; a relabel as a newer one
    amal.delete_span(s2.uuid)
    amal.update_span(s1.uuid, label="GPE")
    assert sync(amal, team["amal"]).pulled == 1  # badr's span
    assert amal.span(b1.uuid).label == "GPE"
    sync(badr, team["badr"])
    assert [s.label for s in badr.spans(doc.id, "amal")] == ["GPE"]
    assert badr.spans(doc.id, "amal", include_deleted=True)[1].deleted
    assert canonical_hash(amal) == canonical_hash(badr)
    # nothing new: nothing pushed, nothing pulled, nothing written to the hub
    again = sync(amal, team["amal"])
    assert (again.pushed, again.already_on_hub, again.pulled) == (0, 0, 0)


def test_same_result_as_merging_bundles(tmp: Path, hub: Hub, team: dict[str, str]):
    amal, badr = _pair(tmp, hub, team)
    rng = random.Random(7)
    for _ in range(40):
        random_edit(amal, "amal", rng)
        random_edit(badr, "badr", rng)
    direct = make_project(tmp / "direct.annotator", doc_texts(3))
    for p, layer in ((amal, "amal"), (badr, "badr")):
        write_bundle(p, layer, tmp / f"{layer}.bundle")
        merge_bundle(direct, read_bundle(tmp / f"{layer}.bundle"))
    for _ in range(2):
        sync(amal, team["amal"])
        sync(badr, team["badr"])
    assert canonical_hash(amal) == canonical_hash(badr) == canonical_hash(direct)


def test_resync_and_full_push_store_nothing_twice(tmp: Path, hub: Hub, team: dict[str, str]):
    amal, _ = _pair(tmp, hub, team)
    doc = amal.documents()[0]
    amal.add_span(doc.id, 0, 6, "PER", annotator="amal")
    assert sync(amal, team["amal"]).pushed == 1
    full = sync(amal, team["amal"], full=True)
    assert (full.pushed, full.already_on_hub) == (0, 1)
    sidecar_path(amal.path).unlink()  # cursors lost: the next sync is a full one
    lost = sync(amal, team["amal"])  # (a new origin: its own version comes back, unchanged)
    assert (lost.pushed, lost.already_on_hub, lost.pulled) == (0, 1, 1)
    assert lost.merge is not None and (lost.merge.added, lost.merge.kept) == (0, 1)
    with psycopg.connect(hub.owner) as conn:
        assert conn.execute("SELECT count(*) FROM annotator_hub.records").fetchone() == (1,)


def test_far_future_clock_is_quarantined_by_the_puller(tmp: Path, hub: Hub, team: dict[str, str]):
    amal, badr = _pair(tmp, hub, team)
    doc = amal.documents()[0]
    span = amal.add_span(doc.id, 0, 6, "PER", annotator="amal")
    sync(amal, team["amal"])
    sha = doc.sha256
    body = {"kind": "spans", "doc": sha, "uuid": "future-1", "annotator": "amal",
            "clock": "9999999999999.000000", "deleted": False, "start": 0, "end": 6,
            "label": "PER", "text": amal.document(doc.id).text[:6], "attributes": {},
            "note": "", "fragments": []}  # fmt: skip
    with psycopg.connect(team["amal"]) as conn:  # an analyst's own layer: allowed by the hub
        conn.execute(
            "INSERT INTO annotator_hub.records (body, origin) VALUES (%s::jsonb, 'x')",
            (__import__("json").dumps(body),),
        )
    report = sync(badr, team["badr"])
    assert [q.uuid for q in report.merge.quarantined] == ["future-1"] if report.merge else False
    assert "clock" in report.merge.quarantined[0].reason
    assert [s.uuid for s in badr.spans(doc.id, "amal")] == [span.uuid]


def test_a_row_the_screen_refuses_is_reported_and_skipped(
    tmp: Path, hub: Hub, team: dict[str, str]
):
    amal, badr = _pair(tmp, hub, team)
    doc = amal.documents()[0]
    amal.add_span(doc.id, 0, 6, "PER", annotator="amal")
    sync(amal, team["amal"])
    bad = {"kind": "spans", "doc": doc.sha256, "uuid": "bad-1", "annotator": "amal",
           "clock": "1700000000000.000000", "deleted": False, "start": "0", "end": 6,
           "label": "PER", "text": "x", "attributes": {}, "note": "", "fragments": []}  # fmt: skip
    with psycopg.connect(team["amal"]) as conn:
        conn.execute(
            "INSERT INTO annotator_hub.records (body, origin) VALUES (%s::jsonb, 'x')",
            (__import__("json").dumps(bad),),
        )
    report = sync(badr, team["badr"])
    assert len(report.refused) == 1 and "start" in report.refused[0]
    assert len(badr.spans(doc.id, "amal")) == 1


def test_records_of_documents_the_hub_lacks_wait(tmp: Path, hub: Hub, team: dict[str, str]):
    amal, badr = _pair(tmp, hub, team)
    extra = amal.add_document("نص لم يصل إلى المحور بعد.", name="late")
    amal.add_span(extra.id, 0, 2, "PER", annotator="amal")
    report = sync(amal, team["amal"])
    assert (report.pushed, report.not_on_hub) == (0, 1)
    assert any("documents the hub lacks" in line for line in report.lines())
    assert load_cursor(amal.path, _hub_id(hub)).pending  # type: ignore[union-attr]
    add_project_documents(team["coord"], amal)
    later = sync(amal, team["amal"])
    assert (later.pushed, later.not_on_hub) == (1, 0)
    sync(badr, team["badr"])
    assert badr.document_by_sha(extra.sha256) is not None
    assert len(badr.spans(annotator="amal")) == 1


def _hub_id(hub: Hub) -> str:
    with psycopg.connect(hub.owner) as conn:
        row = conn.execute("SELECT value FROM annotator_hub.meta WHERE key='hub_id'").fetchone()
    assert row is not None
    return str(row[0])


def test_members_only(tmp: Path, hub: Hub, team: dict[str, str]):
    amal, _ = _pair(tmp, hub, team)
    if "outsider" not in hub.server.passwords:  # roles are the server's, for the session
        hub.server.create_role("outsider")
    with pytest.raises(HubError, match="not a member"):
        sync(amal, hub.url("outsider"))


def test_password_never_stored_or_printed(tmp: Path, hub: Hub, team: dict[str, str]):
    amal, _ = _pair(tmp, hub, team)
    doc = amal.documents()[0]
    amal.add_span(doc.id, 0, 6, "PER", annotator="amal")
    amal.close()
    secret = hub.server.passwords["amal"]
    with pytest.raises(HubError, match="holds a password"):
        sync(Project.open(tmp / "amal.annotator"), team["amal"].replace("amal@", f"amal:{secret}@"))
    script = (
        "import sys; from annotator.hub import sync; from annotator.project import Project\n"
        "p = Project.open(sys.argv[1]); r = sync(p, sys.argv[2]); print(*r.lines(), sep='\\n')\n"
    )
    out = subprocess.run([sys.executable, "-c", script, str(tmp / "amal.annotator"), team["amal"]],
                         capture_output=True, text=True, check=True)  # fmt: skip
    assert "pushed: 1 new" in out.stdout
    assert secret not in out.stdout + out.stderr
    for path in tmp.iterdir():
        assert secret.encode() not in path.read_bytes(), path
        assert b"PGPASS" not in path.read_bytes() and b"host=" not in path.read_bytes()


def test_tls_settings_pass_through(tmp: Path, hub: Hub, team: dict[str, str]):
    """sslmode and friends reach libpq unchanged: over TCP to this server (which has no TLS)
    sslmode=require is refused by libpq itself, and sslmode=disable connects."""
    amal, _ = _pair(tmp, hub, team)
    tcp = team["amal"].replace(f"host={hub.server.socket_dir}", "host=127.0.0.1")
    with pytest.raises(HubError, match="server does not support SSL"):
        sync(amal, tcp + "&sslmode=require")
    assert sync(amal, tcp + "&sslmode=disable").member.layer == "amal"


def test_cursor_file_is_tiny_and_names_no_url(tmp: Path, hub: Hub, team: dict[str, str]):
    amal, _ = _pair(tmp, hub, team)
    sync(amal, team["amal"])
    text = sidecar_path(amal.path).read_text(encoding="utf-8")
    assert "postgresql" not in text and str(hub.server.socket_dir) not in text
    cursor = load_cursor(amal.path, _hub_id(hub))
    assert cursor is not None and dataclasses.asdict(cursor)["pulled_seq"] == 0


def test_a_sync_with_nothing_new_reads_no_annotations(tmp: Path, hub: Hub, team: dict[str, str]):
    amal, badr = _pair(tmp, hub, team)
    doc = amal.documents()[0]
    amal.add_span(doc.id, 0, 6, "PER", annotator="amal")
    sync(amal, team["amal"])
    sync(amal, team["amal"])
    statements: list[str] = []
    amal.trace_sql(statements.append)
    report = sync(amal, team["amal"])
    amal.trace_sql(None)
    assert (report.pushed, report.pulled) == (0, 0)
    assert not [s for s in statements if "spans" in s or "documents" in s or "INSERT" in s]
    badr.add_span(doc.id, 0, 6, "GPE", annotator="badr")  # something new: it is pulled
    sync(badr, team["badr"])
    assert sync(amal, team["amal"]).pulled == 1


def test_a_copied_project_gets_its_own_origin(tmp: Path, hub: Hub, team: dict[str, str]):
    """A copy of a project taken with its cursors (a laptop) must not skip the original's
    pushes as its own: the cursors belong to the file they were written for."""
    amal, _ = _pair(tmp, hub, team)
    doc = amal.documents()[0]
    sync(amal, team["amal"])
    amal.close()
    shutil.copyfile(tmp / "amal.annotator", tmp / "laptop.annotator")
    shutil.copyfile(sidecar_path(tmp / "amal.annotator"), sidecar_path(tmp / "laptop.annotator"))
    laptop = Project.open(tmp / "laptop.annotator")
    span = laptop.add_span(doc.id, 0, 6, "PER", annotator="amal")
    assert sync(laptop, team["amal"]).pushed == 1
    desk = Project.open(tmp / "amal.annotator")
    sync(desk, team["amal"])
    assert desk.span(span.uuid).label == "PER"

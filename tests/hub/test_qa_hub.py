"""Defects QA found in the hub: a colleague's record taken over through one's own layer, a
hub that never answers, a slow screen of bad rows, spoofed names in the queue, a project
restored in place that never got back what it lost, an unclear team schema message."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import importlib
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from annotator.exchange import bundle_read
from annotator.formats.fields import printable
from annotator.hub import (
    AnalystProgress,
    HubError,
    Overlap,
    PairAgreement,
    QueueItem,
    TeamStatus,
    TeamView,
    add_project_documents,
    assign,
    connect,
    connection,
    queue,
    sync,
)
from annotator.hubstate import Member
from annotator.model import Status
from annotator.project import Project
from annotator.text import sha256_text
from tests.hub.conftest import Hub
from tests.hub.helpers import doc_texts, make_project
from ui.dialogs.team_view import TeamViewDialog
from ui.i18n import install_translator
from ui.widgets import DirectionalDelegate

hub_sync = importlib.import_module("annotator.hub.sync")  # (the package exports a function sync)
REC = "INSERT INTO annotator_hub.records (body, origin) VALUES (%s::jsonb, 'evil')"


def _pair(tmp: Path, team: dict[str, str]) -> tuple[Project, Project]:
    texts = doc_texts(2)
    amal = make_project(tmp / "amal.annotator", texts)
    badr = make_project(tmp / "badr.annotator", texts)
    add_project_documents(team["coord"], amal)
    return amal, badr


def _badr_line(hub: Hub, uuid: str) -> dict[str, object]:
    with psycopg.connect(hub.owner) as conn:
        row = conn.execute(
            "SELECT body::text FROM annotator_hub.records WHERE uuid = %s ORDER BY seq LIMIT 1",
            (uuid,),
        ).fetchone()
    assert row is not None
    value = json.loads(str(row[0]))
    assert isinstance(value, dict)
    return value


# -- 1. a record belongs to the layer that first wrote it -------------------------------------
@pytest.mark.parametrize("mode", ["tombstone", "relabel"])
def test_a_colleagues_record_cannot_be_taken_through_ones_own_layer(
    tmp: Path, hub: Hub, team: dict[str, str], mode: str
) -> None:
    amal, badr = _pair(tmp, team)
    doc = badr.documents()[0]
    span = badr.add_span(doc.id, 0, 6, "PER", annotator="badr")
    sync(badr, team["badr"])
    copy = _badr_line(hub, span.uuid)
    copy["annotator"] = "amal"
    copy["clock"] = "1795990900000.000001"
    if mode == "tombstone":
        copy["deleted"] = True
    else:
        copy["label"] = "FAC"
    with (
        psycopg.connect(hub.url("amal")) as conn,
        pytest.raises(psycopg.errors.CheckViolation, match="belongs to the layer badr"),
    ):
        conn.execute(REC, (json.dumps(copy),))
    sync(amal, team["amal"])
    got = amal.span(span.uuid)
    assert (got.annotator, got.label, got.deleted) == ("badr", "PER", False)


def test_the_first_of_two_writers_owns_the_uuid(hub: Hub, team: dict[str, str], tmp: Path) -> None:
    """Two analysts pushing the same new uuid: one insert is refused, never both stored."""
    amal, _ = _pair(tmp, team)
    sha = next(iter(amal.document_hashes()))
    line = {"kind": "spans", "doc": sha, "uuid": "same-1", "annotator": "amal",
            "clock": "1700000000000.000001", "deleted": False, "start": 0, "end": 1,
            "label": "PER", "text": "x", "attributes": {}, "note": "", "fragments": []}  # fmt: skip
    first = psycopg.connect(hub.url("amal"))
    second = psycopg.connect(hub.url("badr"))
    try:
        first.execute(REC, (json.dumps(line),))  # not committed yet
        errors: list[BaseException] = []

        def other() -> None:
            try:
                second.execute(REC, (json.dumps({**line, "annotator": "badr"}),))
                second.commit()
            except psycopg.Error as exc:
                errors.append(exc)
                second.rollback()

        worker = threading.Thread(target=other)
        worker.start()
        time.sleep(0.5)
        first.commit()
        worker.join(30)
        assert len(errors) == 1 and "belongs to the layer amal" in str(errors[0])
    finally:
        first.close()
        second.close()
    with psycopg.connect(hub.owner) as conn:
        rows = conn.execute("SELECT annotator FROM annotator_hub.records "
                            "WHERE uuid = 'same-1'").fetchall()  # fmt: skip
    assert rows == [("amal",)]


def test_honest_flows_still_pass_the_owner_rule(tmp: Path, hub: Hub, team: dict[str, str]) -> None:
    amal, badr = _pair(tmp, team)
    doc = amal.documents()[0]
    a = amal.add_span(doc.id, 0, 6, "PER", annotator="amal")
    b = badr.add_span(doc.id, 7, 13, "ORG", annotator="badr")
    badr.set_status(doc.id, "badr", Status.DONE)
    for _ in range(2):
        sync(amal, team["amal"])
        sync(badr, team["badr"])
    amal.update_span(a.uuid, label="GPE")
    badr.delete_span(b.uuid)
    for _ in range(2):
        sync(amal, team["amal"])
        sync(badr, team["badr"])
    assert badr.span(a.uuid).label == "GPE"
    assert amal.spans(doc.id, "badr") == []
    again = sync(amal, team["amal"], full=True)  # every version pushed again: stored once
    assert again.pushed == 0 and again.already_on_hub >= 1


# -- 2. a hub that accepts and never answers ---------------------------------------------------
@pytest.fixture
def silent_hub() -> Iterator[int]:
    """A local port that accepts connections and never says a word (no network needed)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    worker = threading.Thread(target=accept, daemon=True)
    worker.start()
    try:
        yield int(listener.getsockname()[1])
    finally:
        stop.set()
        worker.join(5)
        for conn in held:
            conn.close()
        listener.close()


def test_a_silent_hub_is_given_up_with_one_line(
    silent_hub: int, tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(connection, "CONNECT_TIMEOUT", 1)
    project = Project.create(tmp / "p.annotator")
    url = f"postgresql://amal@127.0.0.1:{silent_hub}/team"
    start = time.monotonic()
    with pytest.raises(HubError) as caught:
        sync(project, url)
    assert time.monotonic() - start < 8
    message = str(caught.value)
    assert (
        message == f"cannot connect to the hub amal@127.0.0.1:{silent_hub}/team: "
        "no answer within 1 seconds"
    )


def test_the_urls_own_timeout_wins(silent_hub: int) -> None:
    start = time.monotonic()
    with pytest.raises(HubError, match="no answer within 2 seconds"):
        connect(f"postgresql://amal@127.0.0.1:{silent_hub}/team?connect_timeout=2")
    assert 1.5 < time.monotonic() - start < 8


# -- 3. refused rows cost about one screen ---------------------------------------------------
def test_bad_rows_cost_about_one_screen(
    tmp: Path, hub: Hub, team: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    amal, badr = _pair(tmp, team)
    doc = amal.documents()[0]
    good = 300
    size = len(amal.document(doc.id).text)  # 300 places: a layer takes one span per place
    places = [(a, b) for a in range(size) for b in range(a + 1, size + 1)][:good]
    assert len(places) == good
    for n, (a, b) in enumerate(places):
        amal.add_span(doc.id, a, b, "PER", annotator="amal", uuid=f"good-{n}")
    sync(amal, team["amal"])
    bad = 40
    with psycopg.connect(team["amal"]) as conn:
        for n in range(bad):
            line = {"kind": "spans", "doc": doc.sha256, "uuid": f"bad-{n}", "annotator": "amal",
                    "clock": "1700000000000.000000", "deleted": False, "start": "0", "end": 6,
                    "label": "PER", "text": "x", "attributes": {}, "note": "",
                    "fragments": []}  # fmt: skip
            conn.execute(REC, (json.dumps(line),))
    screened: list[int] = []
    real = bundle_read._record

    def counting(value: object, *args: object, **kwargs: object) -> object:
        screened.append(1)
        return real(value, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(bundle_read, "_record", counting)  # what the screen does per record
    report = sync(badr, team["badr"])
    assert len(report.refused) == bad and all("start" in r for r in report.refused)
    assert sorted(r.split(":")[0] for r in report.refused)[0].startswith("hub records row ")
    assert len(badr.spans(doc.id, "amal")) == good
    # each row read by the screen at most twice (before: every row once per refused row)
    assert len(screened) <= 2 * (good + bad)


# -- 5. a document name the sync refuses is never shown raw in a queue -----------------------
SPOOF = "evil\u202egnp.exe"  # reads "evilexe.png"


def _spoofed_hub(tmp: Path, hub: Hub, team: dict[str, str]) -> Project:
    amal = make_project(tmp / "amal.annotator", doc_texts(1))
    add_project_documents(team["coord"], amal)
    text = "نص وصل باسم مخادع."
    with psycopg.connect(hub.url("coord")) as conn:  # as any client could write it
        conn.execute(
            "INSERT INTO annotator_hub.documents (sha256, name, text) VALUES (%s, %s, %s)",
            (sha256_text(text), SPOOF, text),
        )
    assign(team["coord"], ["amal"], Overlap(each=1, share=0.0))
    return amal


def test_the_queue_escapes_a_name_the_sync_refuses(
    tmp: Path, hub: Hub, team: dict[str, str]
) -> None:
    amal = _spoofed_hub(tmp, hub, team)
    report = sync(amal, team["amal"])
    assert any(r.startswith("hub document") for r in report.refused)
    items = {q.sha256: q for q in queue(team["amal"], amal, "amal")}
    text = "نص وصل باسم مخادع."
    bad = items[sha256_text(text)]
    assert "\u202e" not in bad.name and "u202e" in bad.name and bad.doc_id is None
    assert "bidi" in bad.problem or "control" in bad.problem or "contains" in bad.problem
    good = [q for q in items.values() if q.sha256 != sha256_text(text)]
    assert [(q.name, q.problem) for q in good] == [("doc0", "")]
    assert all("\u202e" not in q.name for q in items.values())


# -- 4. names in the team view keep their own direction ---------------------------------------
def _view(queue_items: tuple[QueueItem, ...]) -> TeamView:
    analyst = AnalystProgress("000_3626081446f7037e", 3, 1, 1, 4, 2)
    pair = PairAgreement("000_3626081446f7037e", "بدر", 0.5, {"PER": 0.5}, 0.4)
    member = Member("amal", "analyst", "000_3626081446f7037e")
    return TeamView(member, TeamStatus((analyst,), (pair,), None), queue_items)


def test_the_team_view_lays_names_out_in_their_own_direction(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_translator(app, "ar")
    try:
        items = (
            QueueItem("a" * 64, 7, "000_3626081446f7037e", Status.IN_PROGRESS),
            QueueItem("b" * 64, None, printable(SPOOF), Status.NEW, problem="bidi override"),
        )
        dialog = TeamViewDialog("hub", _view(items), lambda _doc: None, None)
        qtbot.addWidget(dialog)
        dialog.show()
        for table, column in ((dialog.analysts, 0), (dialog.queue, 0), (dialog.agreement, 0)):
            delegate = table.itemDelegateForColumn(column)
            assert isinstance(delegate, DirectionalDelegate)
            option = QStyleOptionViewItem()
            delegate.initStyleOption(option, table.model().index(0, column))
            assert option.direction == Qt.LayoutDirection.LeftToRight, table
        refused = dialog.queue.item(1, 1)
        assert refused is not None and refused.toolTip()  # why the sync refuses it
        if os.environ.get("ANNOTATOR_SHOTS"):
            for n in range(3):
                dialog.tabs.setCurrentIndex(n)
                dialog.grab().save(os.path.join(os.environ["ANNOTATOR_SHOTS"], f"qa_team{n}.png"))
    finally:
        install_translator(app, "en")


# -- 6. a project restored in place gets back what it lost -----------------------------------
def test_a_project_restored_in_place_pulls_again(tmp: Path, hub: Hub, team: dict[str, str]) -> None:
    amal, badr = _pair(tmp, team)
    doc = badr.documents()[0]
    sync(amal, team["amal"])
    backup = amal.path.read_bytes()  # (nothing open writes while it is read: WAL checkpointed)
    for n in range(3):
        badr.add_span(doc.id, n, n + 4, "PER", annotator="badr")
    sync(badr, team["badr"])
    assert sync(amal, team["amal"]).pulled == 3
    path = amal.path
    inode = path.stat().st_ino
    amal.close()
    for extra in ("-wal", "-shm"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
    with open(path, "r+b") as fh:  # restored in place: the same file, the sidecar kept
        fh.truncate(0)
        fh.write(backup)
    assert path.stat().st_ino == inode
    with Project.open(path) as restored:
        assert restored.spans(doc.id, "badr") == []
        report = sync(restored, team["amal"])
        assert len(restored.spans(doc.id, "badr")) == 3, report.lines()
        again = sync(restored, team["amal"])  # and then back to incremental syncs
        assert again.pulled == 0


def test_a_full_sync_pulls_everything_again(tmp: Path, hub: Hub, team: dict[str, str]) -> None:
    amal, badr = _pair(tmp, team)
    doc = badr.documents()[0]
    badr.add_span(doc.id, 0, 4, "PER", annotator="badr")
    amal.add_span(doc.id, 5, 9, "ORG", annotator="amal")
    sync(badr, team["badr"])
    assert sync(amal, team["amal"]).pulled == 1
    full = sync(amal, team["amal"], full=True)
    assert full.pulled == 2 and full.pushed == 0  # badr's and its own, merged idempotently
    assert full.merge is not None and full.merge.added == 0


# -- 7. a bad team schema says who fixes it ---------------------------------------------------
def test_a_bad_team_schema_names_the_fix(tmp: Path, hub: Hub, team: dict[str, str]) -> None:
    amal, badr = _pair(tmp, team)
    badr.add_span(badr.documents()[0].id, 0, 4, "PER", annotator="badr")
    sync(badr, team["badr"])
    with psycopg.connect(hub.url("coord")) as conn:  # as any client could write it
        conn.execute("INSERT INTO annotator_hub.schemas (body) VALUES (%s::jsonb)",
                     (json.dumps({"format": "not-a-schema", "version": 1}),))  # fmt: skip
    with pytest.raises(HubError) as caught:
        sync(amal, team["amal"])
    message = str(caught.value)
    assert message.startswith("the hub's team schema is unusable: ")
    assert "a coordinator sets a valid one with `annotator hub schema`" in message
    assert len(message.splitlines()) == 1

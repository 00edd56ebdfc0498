"""File-menu exchange: export my layer as a bundle, merge it (or a project file) elsewhere."""

from __future__ import annotations

import dataclasses
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMenu
from pytestqt.qtbot import QtBot

from annotator.exchange import write_bundle
from annotator.project import Project
from annotator.schema import Label, default_schema
from ui.dialogs import exchange_actions
from ui.dialogs.exchange_actions import export_bundle_dialog, merge_dialog
from ui.jobs import BackgroundJob
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

SEED = Path(__file__).parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"
TEXT = SEED.read_text(encoding="utf-8")
ME = "amal"
PAYLOAD = '<img src="x.png"><b>b<style>*{}'  # no "/": it names a file here
LABEL = "ZZ<b>b<img_src=x.png>"  # schema names may not start with "<" nor hold white space


def at(word: str, skip: int = 0) -> tuple[int, int]:
    i = TEXT.index(word)
    return i + skip, i + len(word)


def fill(p: Project, text: str = TEXT) -> None:
    """A layer with spans, an event with an argument, a relation and a deleted span."""
    doc = p.add_document(text, name="seed")
    paris = p.add_span(doc.id, *at("بباريس", 1), "GPE", ME)
    meet = p.add_span(doc.id, *at("الاجتماع"), "Contact.Meet", ME)
    event = p.add_event(meet.uuid)
    p.add_argument(event.uuid, "Place", paris.uuid)
    fac = p.add_span(doc.id, *at("مقر وزارة الدفاع"), "FAC", ME)
    p.add_relation("PART-WHOLE", fac.uuid, paris.uuid)
    gone = p.add_span(doc.id, *at("داعش"), "ORG", ME)
    p.delete_span(gone.uuid)


def snapshot(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with Project.open(path, read_only=True) as p:
        return {
            "spans": sorted((s.uuid, s.start, s.end, s.label, s.text) for s in p.spans()),
            "events": sorted((e.uuid, e.trigger, e.type) for e in p.events()),
            "relations": sorted((r.uuid, r.type, r.source, r.target) for r in p.relations()),
        }


def wait(qtbot: QtBot, job: BackgroundJob | None) -> object:
    assert job is not None
    assert job.dialog.isVisible()
    with qtbot.waitSignal(job.done, timeout=30000) as blocker:
        pass
    assert blocker.args[0] == "finished", blocker.args
    assert not job.dialog.isVisible()
    return blocker.args[1]


def test_bundle_export_and_merge_give_the_same_layer(
    qtbot: QtBot,
    tmp_path: Path,
    make_window: Callable[[Path], MainWindow],
    reports: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    src, dst = tmp_path / "mine.annotator", tmp_path / "theirs.annotator"
    with Project.create(src) as p:
        fill(p)
    Project.create(dst).close()
    mine, theirs = make_window(src), make_window(dst)
    for name in ("export_bundle", "merge"):
        menu = mine.actions_by_name[name].parent()
        assert isinstance(menu, QMenu) and menu.title() == "&File"

    bundle = tmp_path / f"{PAYLOAD}.annbundle"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(bundle), ""))
    wait(qtbot, export_bundle_dialog(mine))
    assert bundle.exists() and "Bundle written" in mine.statusBar().currentMessage()

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bundle), ""))
    wait(qtbot, merge_dialog(theirs))
    assert snapshot(dst) == snapshot(src)
    (text,) = reports
    assert (
        text.splitlines()[0] == f"{bundle.name}: 7 added, 0 updated, 0 unchanged"
    )  # tombstone too
    assert "documents: 1 added, 0 matched" in text
    assert theirs.doc is not None and theirs.doc.text == TEXT  # the window reloaded
    # merging again changes nothing (idempotent), and says so
    wait(qtbot, merge_dialog(theirs))
    assert reports[1].splitlines()[0] == f"{bundle.name}: 0 added, 0 updated, 7 unchanged"
    # the window's clock saw the merged stamps: a new edit is newer than all of them
    project = theirs.session.project
    assert project is not None
    newest = max(s.clock for s in project.spans(include_deleted=True))
    span = project.add_span(theirs.doc.id, *at("2014"), "TIME", ME)
    assert span.clock > newest


def test_merge_a_project_file_with_quarantine_and_schema_differences(
    qtbot: QtBot,
    tmp_path: Path,
    make_window: Callable[[Path], MainWindow],
    reports: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    src, dst = tmp_path / "mine.annotator", tmp_path / "theirs.annotator"
    schema = default_schema()
    extra = Label(LABEL, color="#123456")
    with Project.create(src, dataclasses.replace(schema, entities=(*schema.entities, extra))) as p:
        fill(p)
    with Project.create(dst) as p:
        fill(p)  # the same text: documents match by hash
    theirs = make_window(dst)
    mine = make_window(src)  # the source project is open (and locked) elsewhere: still merges
    assert mine.session.project is not None
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(src), ""))
    wait(qtbot, merge_dialog(theirs))
    (text,) = reports
    assert "documents: 0 added, 1 matched" in text
    assert f"labels added from {src}: {LABEL}" in text  # literally, as plain text
    assert theirs.session.project is not None
    assert theirs.session.project.schema.label(LABEL) is not None  # the window sees it
    merged = snapshot(dst)["spans"]
    assert set(snapshot(src)["spans"]) <= set(merged)

    # a hashes-only bundle of a text one character off: its annotations are set aside
    odd = tmp_path / "odd.annotator"
    with Project.create(odd) as p:
        fill(p, TEXT.replace("داعش", "داعس", 1))
        out = tmp_path / "odd.annbundle"
        write_bundle(p, ME, out, include_text=False)
    before = snapshot(dst)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(out), ""))
    wait(qtbot, merge_dialog(theirs))
    assert snapshot(dst) == before  # nothing attached to other text
    lines = reports[1].splitlines()
    assert any(line.startswith("quarantined (") for line in lines)
    assert "Quarantined (set aside, not attached to any text):" in lines
    listed = [line for line in lines if line.startswith("  spans ")]
    assert len(listed) == 4  # the three live spans and the tombstone


def test_a_failed_merge_reports_and_writes_nothing(
    qtbot: QtBot,
    tmp_path: Path,
    make_window: Callable[[Path], MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dst = tmp_path / "theirs.annotator"
    with Project.create(dst) as p:
        fill(p)
    theirs = make_window(dst)
    before = snapshot(dst)
    bad = tmp_path / "bad.annbundle"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    errors: list[str] = []
    monkeypatch.setattr(theirs, "on_error", errors.append)
    job = exchange_actions.start_merge(theirs, bad)
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=30000) as blocker:
        pass
    assert blocker.args[0] == "failed"
    assert errors and errors[0].startswith("Nothing was merged: ")
    assert snapshot(dst) == before

"""End to end: the real main window imports in the background, cancels cleanly, and renders
the README screenshot."""

from __future__ import annotations

import os
import shutil

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QInputDialog, QPushButton
from pytestqt.qtbot import QtBot

from annotator import commands as cmds
from annotator import importing
from annotator.exporting import export
from annotator.project import Project
from ui.app import render_screenshot, sample_project_path
from ui.jobs import ImportJob, ImportWorker
from ui.session import Session
from ui.workbench.mainwindow import MainWindow
from ui.workbench.menus import open_project, start_import

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

SEED = Path(__file__).parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"
TEXT = SEED.read_text(encoding="utf-8")
SHOTS = Path("/tmp/annotator_shots")


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    path = tmp_path / "p.annotator"
    Project.create(path).close()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    session = Session()
    w = MainWindow(session, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.quiet_errors = True
    qtbot.addWidget(w)
    assert open_project(w, path) and w.ensure_annotator()
    w.show()
    yield w
    session.close()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(12):
        (src / f"doc{i:02}.txt").write_text(f"الخبر رقم {i}\n{TEXT[:200]}", encoding="utf-8")
    return src


def test_import_folder_and_files_in_background(
    qtbot: QtBot, window: MainWindow, folder: Path, tmp_path: Path
) -> None:
    jsonl = tmp_path / "more.jsonl"
    jsonl.write_text(
        json.dumps({"text": "وصل الوزير إلى بغداد.", "name": "j1"}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    csv = tmp_path / "more.csv"
    csv.write_text('name,text\nc1,"اجتمع الوزراء في باريس."\n', encoding="utf-8")
    job = start_import(window, [folder, jsonl, csv])
    assert job is not None and job.dialog.isVisible()
    with qtbot.waitSignal(job.done, timeout=20000) as blocker:
        pass
    assert blocker.args[0] == "finished"
    assert window.session.project is not None
    names = [d.name for d in window.session.project.documents()]
    # a CSV row is named by its file and line, as a plain `annotator import` names it
    # (c44e3ec); a JSONL record by its own name
    assert len(names) == 14 and "j1" in names and "more:2" in names
    assert window.documents.model.rowCount() == 14
    assert not job.dialog.isVisible()


def test_cancelled_import_leaves_the_project_unchanged(
    qtbot: QtBot, window: MainWindow, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = importing.import_documents

    def cancel_midway(project: Project, result: Any, **kw: Any) -> Any:
        worker = kw["cancelled"].__self__  # the worker's bound is_cancelled
        progress = kw["progress"]

        def progress_then_cancel(done: int, total: int) -> None:
            progress(done, total)
            if done == 3:
                worker.cancel()  # what the dialog's Cancel button does

        return real(project, result, **{**kw, "progress": progress_then_cancel})

    monkeypatch.setattr("annotator.importing.import_documents", cancel_midway)  # imported per job
    job = start_import(window, [folder])
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=20000) as blocker:
        pass
    assert blocker.args[0] == "cancelled"
    assert window.session.project is not None
    assert window.session.project.documents() == []


def test_dialog_cancel_button_stops_the_worker(window: MainWindow, folder: Path) -> None:
    assert window.session.path is not None
    worker = ImportWorker(window.session.path, [folder], "amal")
    job = ImportJob(window, worker)
    button = job.dialog.findChild(QPushButton)
    assert button is not None
    button.click()
    assert worker.is_cancelled()
    worker.run()  # runs synchronously here: nothing is written
    assert window.session.project is not None and window.session.project.documents() == []


def test_sample_project_and_readme_screenshot(qtbot: QtBot, tmp_path: Path) -> None:
    path = sample_project_path(tmp_path / "data")
    assert sample_project_path(tmp_path / "data") == path  # created once
    with Project.open(path) as project:
        (doc,) = project.documents()
        text = project.document(doc.id).text

        def at(word: str) -> tuple[int, int]:
            s = text.index(word)
            return s, s + len(word)

        me = "amal"
        s, e = at("وهولندا")
        cmds.AddSpan(doc.id, s + 1, e, "GPE", me).do(project)
        s, e = at("بباريس")
        paris = cmds.AddSpan(doc.id, s + 1, e, "GPE", me)
        paris.do(project)
        meet = cmds.add_event_with_trigger(doc.id, *at("الاجتماع"), "Contact.Meet", me)
        meet.do(project)
        cmds.AddArgument(meet.children[1].uuid, "Place", paris.uuid).do(project)
        cmds.AddSpan(doc.id, *at("داعش"), "ORG", me).do(project)
        cmds.AddSpan(doc.id, *at("2014"), "TIME", me).do(project)
        cmds.add_event_with_trigger(doc.id, *at("الغارات"), "Conflict.Attack", me).do(project)
        name = doc.name
    out = tmp_path / "workbench.png"
    render_screenshot(path, name, out, size=(1400, 900))
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(out, SHOTS / "workbench.png")  # for a person to look at
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1400, 900)
    docs_png = Path(__file__).parents[2] / "docs" / "screenshot.png"
    if os.environ.get("ANNOTATOR_WRITE_README_SHOT"):
        docs_png.parent.mkdir(exist_ok=True)
        render_screenshot(path, name, docs_png, size=(1400, 900))


def test_labels_an_import_adds_are_known_to_the_window_at_once(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """A jsonl export carries its labels; dropped on the window, they are usable at once."""
    src_project = tmp_path / "other.annotator"
    with Project.create(src_project) as other:
        other.update_schema(lambda s: s.with_labels_added(["SHIP"]))
        doc = other.add_document("أبحرت السفينة أمس.", name="ship")
        other.add_span(doc.id, 6, 13, "SHIP", "badr")
        export(other, "jsonl", tmp_path / "ship.jsonl")
    job = start_import(window, [tmp_path / "ship.jsonl"])
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=20000) as blocker:
        pass
    assert blocker.args[0] == "finished"
    project = window.session.project
    assert project is not None and project.schema.label("SHIP") is not None

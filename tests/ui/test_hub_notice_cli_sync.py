"""The hub notice (``ui.workbench.hub_notice``) for a project synced only from the command line,
without loading psycopg for a project never synced; and the box's first line naming the kind
of write that reached a layer the role does not push (an edit, a review's gold, an import or a
merge). English only: the Arabic of the new strings is added to the translations separately.

The command-line case runs ``annotator sync`` against a real PostgreSQL hub (skipped like
tests/hub without the server binaries); the wording cases write the sidecar a sync writes
(``save_cursor``) and need no server."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from annotator import commands as cmds
from annotator.model import GOLD
from tests.hub.helpers import doc_texts, make_project
from tests.ui.conftest import SHOTS
from ui.i18n import isolate
from ui.session import Session
from ui.workbench.hub_notice import write_kind
from ui.workbench.mainwindow import MainWindow
from ui.workbench.menus import open_project

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

ROOT = Path(__file__).resolve().parents[2]


class Boxes:
    """Every message box the window runs: its text kept, a screenshot saved, closed (OK)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, shot: str = "") -> None:
        self.texts: list[str] = []
        self.shot = shot
        monkeypatch.setattr(QMessageBox, "exec", lambda box: self.look(box))

    def look(self, box: QMessageBox) -> int:
        box.resize(box.sizeHint())
        box.show()
        QApplication.processEvents()
        if self.shot:
            SHOTS.mkdir(parents=True, exist_ok=True)
            box.grab().save(str(SHOTS / self.shot))
        self.texts.append(box.text())
        box.close()
        return int(QMessageBox.StandardButton.Ok)


def window_on(
    qtbot: QtBot, tmp_path: Path, path: Path, layer: str, monkeypatch: pytest.MonkeyPatch
) -> MainWindow:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (layer, True))
    w = MainWindow(Session(), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.quiet_errors = True
    qtbot.addWidget(w)
    assert open_project(w, path) and w.ensure_annotator()
    w.resize(1400, 900)
    w.show()
    return w


def add_span(w: MainWindow, start: int, end: int) -> None:
    doc = w.session.project.documents()[0]  # type: ignore[union-attr]
    assert w.session.execute(cmds.AddSpan(doc.id, start, end, "GPE", w.session.annotator))


def first_line(text: str) -> str:
    """A box's first line, without the direction mark ``set_plain_text`` starts it with."""
    return text.split("\n")[0].lstrip("\u200e\u200f")


def as_analyst(path: Path, role: str = "amal") -> Path:
    """A project joined to a hub as the analyst ``role`` (layer ``role``), as a sync leaves
    it: the sidecar with the cursors and the role (no server needed)."""
    from annotator.hubstate import Cursor, Member, save_cursor

    make_project(path, doc_texts(2)).close()
    save_cursor(path, "hub-1", Cursor(origin="o-1", member=Member(role, "analyst", role)))
    return path


# -- a project synced only from the command line ----------------------------------------------
def test_a_project_synced_only_from_the_command_line_is_warned(
    qtbot: QtBot, team: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``annotator sync`` (no window ever remembered a hub for the project): the window
    still knows the role the sync recorded, and warns for gold."""
    from annotator.hub import add_project_documents

    path = tmp_path / "amal.annotator"
    project = make_project(path, doc_texts(2))
    add_project_documents(team["coord"], project)
    project.close()
    cli = [sys.executable, "-c", "from ui.entry import main; raise SystemExit(main())"]
    done = subprocess.run(
        [*cli, "sync", str(path), team["amal"]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    assert QSettings().allKeys() == []  # no window remembered anything
    boxes = Boxes(monkeypatch)
    w = window_on(qtbot, tmp_path, path, "amal", monkeypatch)
    assert not w.hub_notice.indicator.isVisible()  # amal's role pushes amal
    w.session.set_annotator(GOLD)
    assert w.hub_notice.indicator.isVisible()
    assert w.hub_notice.indicator.text() == f"{isolate(GOLD)}: not pushed to the hub"
    add_span(w, 0, 6)
    qtbot.waitUntil(lambda: len(boxes.texts) == 1)
    assert f"You are editing the layer {isolate(GOLD)}." in boxes.texts[0]
    assert f"{isolate('amal')} (analyst), does not push this layer" in boxes.texts[0]
    w.close()
    w.session.close()


OPEN_AND_EDIT = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox
    folder, project, url = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, folder)
    app = QApplication([])
    from annotator import commands as cmds
    from annotator.model import GOLD
    from ui.dialogs.sync_dialog import remember_url
    from ui.session import Session
    from ui.workbench.mainwindow import MainWindow
    from ui.workbench.menus import open_project
    if url:
        remember_url(project, url)  # Team progress read the team once, say: no sync
    QInputDialog.getText = lambda *a, **k: (GOLD, True)
    boxes = []
    QMessageBox.exec = lambda box: boxes.append(box.text()) or 0
    w = MainWindow(Session(), QSettings(folder + "/w.ini", QSettings.Format.IniFormat))
    w.quiet_errors = True
    w.on_error = lambda message: sys.exit(message)
    assert open_project(w, project) and w.ensure_annotator()
    doc = w.session.project.documents()[0]
    assert w.session.execute(cmds.AddSpan(doc.id, 0, 6, "GPE", GOLD))
    app.processEvents()
    print(" ".join(sorted(m for m in ("psycopg", "annotator.hub") if m in sys.modules)))
    print(w.hub_notice.indicator.isVisibleTo(w), len(boxes))
    w.session.close()
    """
)


def loaded_after_opening(tmp_path: Path, project: Path, url: str = "") -> list[str]:
    """In a fresh interpreter: open ``project`` in a window, write gold; which of psycopg
    and annotator.hub are loaded then, whether the indicator shows, how many boxes came."""
    folder = tmp_path / "child-settings"
    folder.mkdir(exist_ok=True)
    done = subprocess.run(
        [sys.executable, "-c", OPEN_AND_EDIT, str(folder), str(project), url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_a_project_never_synced_loads_no_psycopg(tmp_path: Path) -> None:
    """A hub remembered for the project (Team progress, say) but no sync: nothing to warn
    about, and neither annotator.hub nor psycopg is imported to find that out; nor for a
    project a sync joined, whose role the notice reads (``annotator.hubstate``)."""
    remembered, alone = tmp_path / "remembered.annotator", tmp_path / "alone.annotator"
    for path in (remembered, alone):
        make_project(path, doc_texts(2)).close()
    url = "postgresql://amal@localhost/team"
    assert loaded_after_opening(tmp_path, remembered, url) == ["", "False 0"]
    assert loaded_after_opening(tmp_path, alone) == ["", "False 0"]
    # the same check, on a project a sync joined: the notice reads its role, and warns
    joined = as_analyst(tmp_path / "amal.annotator")
    assert loaded_after_opening(tmp_path, joined) == ["", "True 1"]


# -- the box says what wrote into the layer ----------------------------------------------------
def test_the_kind_of_write_is_chosen_per_reason_and_layer() -> None:
    assert write_kind("edit", "Amal", "Amal") == "edit"
    assert write_kind("undo", GOLD, GOLD) == "edit"  # the window writes gold itself
    assert write_kind("edit", GOLD, "amal") == "review"  # the review window, beside amal
    assert write_kind("redo", GOLD, "amal") == "review"
    assert write_kind("edit", "badr", "amal") == "edit"
    assert write_kind("project", "amal", "amal") == "bulk"
    assert write_kind("project", GOLD, "amal") == "bulk"


def test_an_edit_of_the_windows_layer_says_editing(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = as_analyst(tmp_path / "amal.annotator")
    boxes = Boxes(monkeypatch)
    w = window_on(qtbot, tmp_path, path, GOLD, monkeypatch)
    add_span(w, 0, 6)
    qtbot.waitUntil(lambda: len(boxes.texts) == 1)
    text = boxes.texts[0]
    assert first_line(text) == f"You are editing the layer {isolate(GOLD)}."
    assert "These edits stay in this project, on this machine" in text
    assert "first make it the window's layer" not in text  # it is already
    assert f"switch to your layer {isolate('amal')}" in text
    w.close()
    w.session.close()


def test_a_review_write_into_gold_says_review(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.review.window import open_review

    path = as_analyst(tmp_path / "amal.annotator")
    boxes = Boxes(monkeypatch, "hub_notice_review_box.png")
    w = window_on(qtbot, tmp_path, path, "amal", monkeypatch)
    doc = w.session.project.documents()[0]  # type: ignore[union-attr]
    w.open_document(doc.id)
    review = open_review(w)
    assert review.mark_done()  # gold's status of the document
    qtbot.waitUntil(lambda: len(boxes.texts) == 1)
    text = boxes.texts[0]
    assert first_line(text) == f"Your review wrote into the layer {isolate(GOLD)}."
    assert "You are editing" not in text and "These edits" not in text
    assert "What was written there stays in this project, on this machine" in text
    assert f"someone whose role pushes {isolate(GOLD)} takes it" in text
    assert f"To export the layer {isolate(GOLD)}, first make it the window's layer" in text
    assert "switch to your layer" not in text  # the window writes amal already
    review.close()
    w.close()
    w.session.close()


def test_an_import_says_import(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.workbench.menus import start_import

    path = as_analyst(tmp_path / "amal.annotator")
    boxes = Boxes(monkeypatch)
    w = window_on(qtbot, tmp_path, path, "Amal", monkeypatch)
    conll = tmp_path / "more.conll"
    conll.write_text("وصل\tO\nبغداد\tB-GPE\n", encoding="utf-8")
    job = start_import(w, [conll])  # into Amal, the window's layer
    assert job is not None
    with qtbot.waitSignal(job.done, timeout=20_000):
        pass
    qtbot.waitUntil(lambda: len(boxes.texts) == 1)
    text = boxes.texts[0]
    assert first_line(text) == f"An import wrote into the layer {isolate('Amal')}."
    assert "You are editing" not in text
    assert "What was written there stays in this project" in text
    assert "first make it the window's layer" not in text
    w.close()
    w.session.close()


def test_a_merge_says_merge(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bundle of badr's layer merged into amal's project: badr is not amal's to push."""
    from annotator.exchange.bundle_write import write_bundle
    from ui.dialogs.exchange_actions import start_merge

    path = as_analyst(tmp_path / "amal.annotator")
    other = make_project(tmp_path / "badr.annotator", doc_texts(2))
    other.add_span(other.documents()[0].id, 0, 6, "GPE", annotator="badr")
    bundle = tmp_path / "badr.annbundle"
    write_bundle(other, "badr", bundle)
    other.close()
    boxes = Boxes(monkeypatch, "hub_notice_merge_box.png")
    monkeypatch.setattr("ui.dialogs.exchange_actions.show_report", lambda *a, **k: None)
    w = window_on(qtbot, tmp_path, path, "amal", monkeypatch)
    job = start_merge(w, bundle)
    assert job is not None
    qtbot.waitUntil(lambda: len(boxes.texts) == 1, timeout=20_000)
    text = boxes.texts[0]
    assert first_line(text) == f"A merge wrote into the layer {isolate('badr')}."
    assert f"To export the layer {isolate('badr')}, first make it the window's layer" in text
    w.close()
    w.session.close()

"""The workbench warns before work piles up in a layer the project's hub role does not push
(``ui.workbench.hub_notice``): a status bar indicator while that layer is the one written, and
a message box at its first edit, once per project and layer; nothing for a layer the role
pushes, nor for a project never joined to a hub. Against a real PostgreSQL hub (skipped like
tests/hub without the server binaries)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from annotator import commands as cmds
from annotator.hub import add_project_documents, sync
from annotator.model import GOLD
from tests.hub.helpers import doc_texts, make_project
from tests.hub.pgserver import Server
from tests.ui.conftest import SHOTS
from ui.dialogs.sync_dialog import remember_url
from ui.i18n import isolate
from ui.session import Session
from ui.workbench.hub_notice import quiet_key
from ui.workbench.mainwindow import MainWindow
from ui.workbench.menus import open_project

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def joined(team: dict[str, str], path: Path, role: str) -> Path:
    """A project synced as ``role`` (File › Sync remembers the hub: so does this)."""
    project = make_project(path, doc_texts(2))
    add_project_documents(team["coord"], project)
    sync(project, team[role])
    project.close()
    remember_url(path, team[role])
    return path


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


class Boxes:
    """Every message box the window runs, looked at, saved and closed (OK)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, shot: str = "", tick: bool = False):
        self.texts: list[str] = []
        self.titles: list[str] = []
        self.shot = shot
        self.tick = tick
        monkeypatch.setattr(QMessageBox, "exec", lambda box: self.look(box))

    def look(self, box: QMessageBox) -> int:
        box.resize(box.sizeHint())
        box.show()
        QApplication.processEvents()
        if self.shot:
            SHOTS.mkdir(parents=True, exist_ok=True)
            box.grab().save(str(SHOTS / self.shot))
        self.texts.append(box.text())
        self.titles.append(box.windowTitle())
        check = box.checkBox()
        if self.tick and check is not None:
            check.setChecked(True)
        box.close()
        return int(QMessageBox.StandardButton.Ok)


def add_span(w: MainWindow, start: int, end: int) -> None:
    doc = w.session.project.documents()[0]  # type: ignore[union-attr]
    assert w.session.execute(cmds.AddSpan(doc.id, start, end, "GPE", w.session.annotator))


def settle(qtbot: QtBot) -> None:
    qtbot.wait(50)  # the warning comes right after the edit's signal (a zero timer)


@pytest.fixture
def amal(team: dict[str, str], tmp_path: Path) -> Iterator[Path]:
    yield joined(team, tmp_path / "amal.annotator", "amal")


def test_an_analyst_editing_gold_is_warned_once_at_the_first_edit(
    qtbot: QtBot, amal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    boxes = Boxes(monkeypatch, "hub_layer_notice_box.png")
    w = window_on(qtbot, tmp_path, amal, "amal", monkeypatch)
    assert not w.hub_notice.indicator.isVisible()  # amal's role pushes amal
    w.session.set_annotator(GOLD)  # as the review window does
    indicator = w.hub_notice.indicator
    assert indicator.isVisible()
    assert indicator.text() == f"{isolate(GOLD)}: not pushed to the hub"
    assert boxes.texts == []  # nothing until an edit
    add_span(w, 0, 6)
    qtbot.waitUntil(lambda: len(boxes.texts) == 1)
    text = boxes.texts[0]
    assert boxes.titles == ["Not sent to the team hub"]
    assert f"You are editing the layer {isolate(GOLD)}." in text
    assert f"{isolate('amal')} (analyst), does not push this layer: it pushes" in text
    assert "stay in this project, on this machine" in text
    assert f"someone whose role pushes {isolate(GOLD)} takes them" in text
    assert f"switch to your layer {isolate('amal')}" in text
    add_span(w, 7, 13)  # the second edit: no second box
    w.session.undo()
    settle(qtbot)
    assert len(boxes.texts) == 1
    assert indicator.isVisible()  # still the layer written
    w.grab().save(str(SHOTS / "hub_layer_notice_window.png"))
    w.session.set_annotator("amal")  # back to the layer the role pushes
    assert not indicator.isVisible()
    add_span(w, 0, 6)
    settle(qtbot)
    assert len(boxes.texts) == 1
    w.close()
    w.session.close()


def test_a_name_that_is_not_the_roles_layer_is_warned_too(
    qtbot: QtBot, amal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The analyst typed "Amal" as their name: a layer of its own, which the role (layer
    amal) does not push."""
    boxes = Boxes(monkeypatch)
    w = window_on(qtbot, tmp_path, amal, "Amal", monkeypatch)
    assert w.hub_notice.indicator.isVisible()
    add_span(w, 0, 6)
    qtbot.waitUntil(lambda: len(boxes.texts) == 1)
    assert f"You are editing the layer {isolate('Amal')}." in boxes.texts[0]
    w.close()
    w.session.close()


def test_no_warning_for_a_layer_the_role_pushes(
    qtbot: QtBot, team: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    boxes = Boxes(monkeypatch)
    path = joined(team, tmp_path / "judge.annotator", "judge")
    w = window_on(qtbot, tmp_path, path, "judge", monkeypatch)
    add_span(w, 0, 6)
    w.session.set_annotator(GOLD)  # an adjudicator pushes gold
    add_span(w, 7, 13)
    settle(qtbot)
    assert boxes.texts == [] and not w.hub_notice.indicator.isVisible()
    w.close()
    w.session.close()


def test_no_warning_for_a_project_not_joined(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    boxes = Boxes(monkeypatch)
    path = tmp_path / "alone.annotator"
    make_project(path, doc_texts(2)).close()
    w = window_on(qtbot, tmp_path, path, "amal", monkeypatch)
    w.session.set_annotator(GOLD)
    add_span(w, 0, 6)
    settle(qtbot)
    assert boxes.texts == [] and not w.hub_notice.indicator.isVisible()
    w.close()
    w.session.close()


def test_dont_show_again_is_kept_for_that_layer_of_that_project(
    qtbot: QtBot, amal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    boxes = Boxes(monkeypatch, tick=True)
    w = window_on(qtbot, tmp_path, amal, "Amal", monkeypatch)
    add_span(w, 0, 6)
    qtbot.waitUntil(lambda: len(boxes.texts) == 1)
    assert w.settings.value(quiet_key(amal, "Amal")) in (True, "true")
    w.close()
    w.session.close()
    # a new window on the same project: the indicator still shows, no box
    again = window_on(qtbot, tmp_path, amal, "Amal", monkeypatch)
    assert again.hub_notice.indicator.isVisible()
    add_span(again, 7, 13)
    settle(qtbot)
    assert len(boxes.texts) == 1
    # another layer of it still warns
    again.session.set_annotator(GOLD)
    add_span(again, 0, 6)
    qtbot.waitUntil(lambda: len(boxes.texts) == 2)
    again.close()
    again.session.close()


def test_the_warning_in_arabic(
    qtbot: QtBot,
    amal: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    arabic: QApplication,
) -> None:
    boxes = Boxes(monkeypatch, "hub_layer_notice_box_ar.png")
    w = window_on(qtbot, tmp_path, amal, GOLD, monkeypatch)
    assert w.hub_notice.indicator.isVisible()
    add_span(w, 0, 6)
    qtbot.waitUntil(lambda: len(boxes.texts) == 1)
    w.grab().save(str(SHOTS / "hub_layer_notice_window_ar.png"))
    w.close()
    w.session.close()


def test_the_first_sync_from_the_window_joins_the_project(
    qtbot: QtBot, team: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File › Sync records the role: the indicator shows as soon as the sync ends."""
    from ui.dialogs.sync_dialog import SyncReportDialog, start_sync

    boxes = Boxes(monkeypatch)
    path = tmp_path / "amal.annotator"
    project = make_project(path, doc_texts(2))
    add_project_documents(team["coord"], project)
    project.close()
    w = window_on(qtbot, tmp_path, path, GOLD, monkeypatch)
    assert not w.hub_notice.indicator.isVisible()  # not joined yet
    job = start_sync(w, team["amal"])
    assert job is not None
    qtbot.waitUntil(lambda: w.findChild(SyncReportDialog) is not None, timeout=30_000)
    assert w.hub_notice.indicator.isVisible()
    add_span(w, 0, 6)
    qtbot.waitUntil(lambda: len(boxes.texts) == 1)
    w.close()
    w.session.close()


def test_gold_written_from_the_review_window_is_warned(
    qtbot: QtBot, amal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The review window writes gold while the main window's layer stays the analyst's: the
    box follows the layers each edit writes; the indicator, the main window's layer."""
    from ui.review.window import open_review

    boxes = Boxes(monkeypatch)
    w = window_on(qtbot, tmp_path, amal, "amal", monkeypatch)
    add_span(w, 0, 6)  # amal's layer: pushed, nothing
    doc = w.session.project.documents()[0]  # type: ignore[union-attr]
    w.open_document(doc.id)
    review = open_review(w)
    settle(qtbot)
    assert boxes.texts == []
    assert review.mark_done()  # the gold status of the document
    qtbot.waitUntil(lambda: len(boxes.texts) == 1)
    assert f"Your review wrote into the layer {isolate(GOLD)}." in boxes.texts[0]
    assert w.session.annotator == "amal" and not w.hub_notice.indicator.isVisible()
    w.session.undo()
    w.session.redo()  # gold again: no second box
    settle(qtbot)
    assert len(boxes.texts) == 1
    review.close()
    w.close()
    w.session.close()


def test_an_import_into_a_layer_not_pushed_is_warned_and_a_sync_is_not(
    qtbot: QtBot,
    team: dict[str, str],
    amal: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A bulk write (an import, reason ``project``) into a layer the role does not push warns
    as an edit does, once; a sync that pulls the team's gold does not."""
    from ui.dialogs.sync_dialog import SyncReportDialog, start_sync
    from ui.workbench.menus import start_import

    judge = make_project(tmp_path / "judge.annotator", doc_texts(2))
    first = judge.documents()[0]
    judge.add_span(first.id, 0, 6, "GPE", annotator=GOLD)
    sync(judge, team["judge"])  # gold on the hub
    judge.close()
    boxes = Boxes(monkeypatch)
    w = window_on(qtbot, tmp_path, amal, "Amal", monkeypatch)
    assert w.hub_notice.indicator.isVisible()
    job = start_sync(w, team["amal"])  # pulls the judge's gold into this project
    assert job is not None
    qtbot.waitUntil(lambda: w.findChild(SyncReportDialog) is not None, timeout=30_000)
    settle(qtbot)
    assert w.session.project.record_count("spans", None, GOLD) == 1  # type: ignore[union-attr]
    assert boxes.texts == []  # the team's versions, not an edit of this project
    conll = tmp_path / "more.conll"
    conll.write_text("وصل\tO\nبغداد\tB-GPE\n", encoding="utf-8")
    imported = start_import(w, [conll])  # into Amal, the layer written
    assert imported is not None
    with qtbot.waitSignal(imported.done, timeout=20_000):
        pass
    qtbot.waitUntil(lambda: len(boxes.texts) == 1)
    assert f"An import wrote into the layer {isolate('Amal')}." in boxes.texts[0]
    add_span(w, 0, 3)  # the next edit in it: no second box
    settle(qtbot)
    assert len(boxes.texts) == 1
    w.close()
    w.session.close()


def test_the_role_of_the_hub_the_window_syncs_with_decides(
    qtbot: QtBot,
    team: dict[str, str],
    pg_server: Server,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Synced as an analyst with one hub, then from the window as an adjudicator with another:
    gold is pushed by the hub File › Sync uses now, though the sidecar keeps both roles."""
    from tests.hub.conftest import new_hub
    from ui.dialogs import sync_dialog
    from ui.dialogs.sync_dialog import SyncReportDialog, start_sync

    boxes = Boxes(monkeypatch)
    path = tmp_path / "two.annotator"
    project = make_project(path, doc_texts(2))
    add_project_documents(team["coord"], project)
    project.close()
    other = new_hub(pg_server)
    judge = other.member("amal", "adjudicator", "amal")
    with_other = make_project(tmp_path / "coord2.annotator", doc_texts(2))
    add_project_documents(other.member("coord", "coordinator"), with_other)
    with_other.close()
    w = window_on(qtbot, tmp_path, path, GOLD, monkeypatch)
    for url, shown in ((team["amal"], True), (judge, False)):
        dialogs = len(w.findChildren(SyncReportDialog))
        assert start_sync(w, url) is not None

        def reported(n: int = dialogs) -> bool:
            return len(w.findChildren(SyncReportDialog)) > n

        qtbot.waitUntil(reported, timeout=30_000)
        assert w.hub_notice.indicator.isVisible() is shown
    add_span(w, 0, 6)
    settle(qtbot)
    assert boxes.texts == []
    from annotator.hubstate import joined_hubs

    hubs = joined_hubs(path)
    assert sorted(m.kind for m in hubs.values()) == ["adjudicator", "analyst"]
    assert hubs[sync_dialog.project_hub_id(path)].kind == "adjudicator"
    # the first hub remembered again (Team progress, say), its id not: both roles are asked,
    # and one pushes gold
    remember_url(path, team["amal"])
    w.hub_notice.update()
    assert sync_dialog.project_hub_id(path) == ""
    assert not w.hub_notice.indicator.isVisible()
    w.close()
    w.session.close()


def test_a_tampered_role_kind_is_shown_isolated(
    qtbot: QtBot, amal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from annotator.hubstate import sidecar_path

    side = sidecar_path(amal)
    data = json.loads(side.read_text(encoding="utf-8"))
    for entry in data["hubs"].values():
        entry["member"]["kind"] = "owner\u202e"
    side.write_text(json.dumps(data), encoding="utf-8")
    boxes = Boxes(monkeypatch)
    w = window_on(qtbot, tmp_path, amal, GOLD, monkeypatch)
    add_span(w, 0, 6)
    qtbot.waitUntil(lambda: len(boxes.texts) == 1)
    kind = isolate("owner\u202e")
    assert f"({kind})" in boxes.texts[0]
    w.close()
    w.session.close()

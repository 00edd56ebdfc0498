"""Start-up shows the text first (issue 12): ``ui.app`` loads only what the first paint needs,
``ui.app.run`` paints the document before it builds the panels, docks and menus, and the
window it then completes is the window a direct construction gives."""

from __future__ import annotations

import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from annotator.project import Project
from ui import app as ui_app
from ui.session import Session
from ui.workbench.mainwindow import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "resources" / "samples" / "000_3626081446f7037e.txt"
TEXT = SEED.read_text(encoding="utf-8")
SECOND = "نص ثان عن بغداد.\nSecond line."
ME = "amal"


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_document(TEXT, name="seed")
        doc = p.add_document(SECOND, name="second")
        p.add_span(doc.id, 11, 16, "GPE", annotator=ME)
    return path


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    out = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    out.setValue("annotator", ME)
    return out


@pytest.fixture
def left_on_second(qtbot: QtBot, project_path: Path, settings: QSettings) -> Iterator[str]:
    """A first session left the project on its second document, its span selected; yields
    that span's uuid."""
    session = Session()
    w = MainWindow(session, settings)
    qtbot.addWidget(w)
    assert w.open_in_session(project_path) and w.ensure_annotator()
    project = session.project
    assert project is not None
    second = project.documents()[1].id
    w.navigation.open_document(second)
    (span,) = w.model.layer.spans
    w.selection.select_span(span.uuid)
    w.close()
    session.close()
    yield span.uuid


def test_ui_app_loads_no_panel_menu_or_dialog() -> None:
    code = "import sys, ui.entry, ui.app; print(' '.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    ours = [m for m in out if m.startswith("ui.")]
    assert "ui.workbench.mainwindow" in ours and "ui.docview.view" in ours
    later = ("menus", "panels", "details", "event_wiring", "editing", "navigation", "selection")
    assert not [m for m in ours if m.rsplit(".", 1)[-1] in later], ours
    assert not [m for m in ours if m.split(".")[1] in ("dialogs", "events", "review", "search")]
    assert not [m for m in ours if m.split(".")[1] in ("suggestions", "jobs")], ours
    # nor the edit commands (the first edit imports them) nor importlib.resources (~4 ms: the
    # fonts are found from the resources package's path)
    assert "annotator.commands" not in out and "importlib.resources" not in out
    # nor what only menus, delegates and importers use (1.53x -> 1.48x of the floor together,
    # tests/benchmarks/bench_startup.py): ui.widgets, ui.keys, annotator.imported
    assert not {"ui.widgets", "ui.keys", "annotator.imported"} & set(out), ours


def test_deferred_window_shows_the_text_then_completes(
    qtbot: QtBot, project_path: Path, settings: QSettings, left_on_second: str
) -> None:
    session = Session()
    w = MainWindow(session, settings, deferred=True)
    qtbot.addWidget(w)
    assert w.open_first(project_path)
    # the text of the document left, nothing else built yet
    assert w.view.text() == SECOND and not w.view.spans()
    assert not w.is_complete() and w.docks == {} and not hasattr(w, "navigation")
    assert session.annotator == ME and "p.annotator" in w.windowTitle()
    w.show()
    qtbot.waitExposed(w)
    w.close()  # closing now keeps the saved place and layout (nothing else was shown)
    again = MainWindow(session, settings, deferred=True)
    qtbot.addWidget(again)
    assert again.open_first(project_path) and again.view.text() == SECOND
    again.show()
    again.finish_startup()
    again.finish_startup()  # once
    assert again.is_complete()
    assert {"documents", "labels", "annotations", "details", "events"} <= set(again.docks)
    assert again.actions_by_name["undo"] is not None
    doc = again.model.doc
    assert doc is not None and doc.name == "second"
    assert [s.uuid for s in again.view.spans()] == [left_on_second]
    assert again.model.selected_uuid == left_on_second  # the place is restored
    assert again.annotations.uuids() == [left_on_second]
    project = session.project
    assert project is not None
    assert again.documents.visible_ids() == [d.id for d in project.documents()]
    assert again.recent_projects()[0] == str(project_path)
    assert again.ensure_annotator() and again.model.selected_uuid == left_on_second
    session.close()


def test_deferred_window_on_a_project_that_cannot_open(
    qtbot: QtBot, tmp_path: Path, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.dialogs import prompts

    shown: list[str] = []
    monkeypatch.setattr(prompts, "show_message", lambda _p, _t, text: shown.append(text))
    bad = tmp_path / "bad.annotator"
    bad.write_bytes(b"not a project")
    w = MainWindow(Session(), settings, deferred=True)
    qtbot.addWidget(w)
    assert not w.open_first(bad)
    assert shown and w.view.text() == ""
    w.finish_startup()
    assert w.is_complete() and w.model.doc is None


class PaintLog(QObject):
    """Notes, in order, the paints of a view's viewport showing text and the calls of
    ``finish_startup``."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        view = watched.parent()
        if event.type() == QEvent.Type.Paint and getattr(view, "text", lambda: "")():
            self.events.append("paint")
        return False


def test_run_paints_the_text_before_building_the_rest(
    qtbot: QtBot, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    QSettings().setValue("annotator", ME)  # (the tests' settings: a temporary INI file)
    log = PaintLog()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.installEventFilter(log)
    finish = MainWindow.finish_startup

    def finish_startup(self: MainWindow) -> None:
        log.events.append("finish")
        finish(self)

    monkeypatch.setattr(MainWindow, "finish_startup", finish_startup)
    windows: list[MainWindow] = []
    seen: list[tuple[str, str, bool, bool]] = []

    def when_complete() -> None:
        found = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]
        if found and all(w.is_complete() for w in found):
            windows.extend(found)
            for w in found:
                doc = w.model.doc
                name = doc.name if doc else ""
                seen.append((name, w.session.annotator, "documents" in w.docks, gc.isenabled()))
            app.exit(0)
        else:
            QTimer.singleShot(10, when_complete)

    QTimer.singleShot(0, when_complete)
    gc.disable()  # as ``annotator gui`` starts (ui.entry.main): on again after the first paint
    try:
        assert ui_app.run(["annotator", str(project_path)]) == 0
        assert gc.isenabled()
    finally:
        gc.enable()
        app.removeEventFilter(log)
    (w,) = windows
    try:
        assert log.events[0] == "paint" and log.events.count("finish") == 1
        assert seen == [("seed", ME, True, True)]  # the collector on once it is complete
    finally:
        w.close()
        w.deleteLater()


def test_gui_command_starts_with_the_collector_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """``annotator gui`` imports and starts the workbench with the cyclic collector off (what
    start-up makes is kept: issue 12); it is on again when the command returns, and other
    commands never turn it off."""
    from ui import entry

    during: list[bool] = []

    def run(argv: list[str], lang: str | None = None) -> int:
        during.append(gc.isenabled())
        return 0

    monkeypatch.setattr(ui_app, "run", run)
    assert gc.isenabled()
    assert entry.main(["gui", "x.annotator"]) == 0
    assert during == [False] and gc.isenabled()
    assert entry.main(["docs", "missing.annotator"]) == 1 and gc.isenabled()


def test_gui_command_loads_no_command_module() -> None:
    """Opening the workbench goes from the parser straight to the window: what the other
    commands do (``annotator.cli_commands``) is not loaded (issue 12)."""
    code = (
        "import sys, ui.app\nui.app.run = lambda argv, lang=None: 0\n"
        "from ui.entry import main\nassert main(['gui', 'x.annotator']) == 0\n"
        "print('annotator.cli_commands' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["False"]


def test_the_bold_face_is_registered_after_the_first_paint() -> None:
    # a fresh process: the font database is the process's
    code = (
        "from PySide6.QtGui import QFontDatabase\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from ui.docview import fonts\n"
        "app = QApplication([])\n"
        "family = fonts.register_fonts()\n"
        "before = QFontDatabase.styles(family)\n"
        "fonts.register_bold_face()\n"
        "fonts.register_bold_face()\n"
        "print(family, '|', ','.join(before), '|', ','.join(QFontDatabase.styles(family)))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    family, before, after = (part.strip() for part in out.split("|"))
    assert family == "Noto Naskh Arabic"
    assert "Bold" not in before.split(",") and "Bold" in after.split(","), out

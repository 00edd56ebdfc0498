"""Fixtures for widget tests: offscreen Qt, settings in a temp dir, the seed article, a view."""

from __future__ import annotations

import os
import re

# Before anything imports Qt: the offscreen platform needs no display and no xcb libraries.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFont, QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui import i18n
from ui.docview.view import DocumentView

if TYPE_CHECKING:
    from ui.review.window import ReviewWindow
    from ui.search.tools import SearchTools
    from ui.workbench.mainwindow import MainWindow

SEED = Path(__file__).resolve().parents[2] / "resources" / "samples" / "000_3626081446f7037e.txt"
SHOTS = Path("/tmp/annotator_shots")


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path) -> Iterator[Path]:
    """Point every QSettings (user and system scope) at an INI file under tmp_path."""
    folder = tmp_path / "settings"
    folder.mkdir()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))
    yield folder


@pytest.fixture
def arabic(qtbot: QtBot) -> Iterator[QApplication]:
    """The Arabic interface for one test (the translator installed, the layout right to
    left), the English one back after it."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert i18n.install_translator(app, "ar") == "ar"
    yield app
    i18n.install_translator(app, "en")


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def shots() -> Path:
    """Folder for screenshots a human (or the helper) looks at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS


@pytest.fixture
def view(qtbot: QtBot) -> DocumentView:
    """A shown, empty document view of a fixed size."""
    widget = DocumentView()
    qtbot.addWidget(widget)
    widget.resize(800, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def seed_view(view: DocumentView, seed_text: str, qtbot: QtBot) -> DocumentView:
    """The view showing the seed article, painted once."""
    view.set_text(seed_text)
    view.repaint()
    return view


def open_window(
    qtbot: QtBot, tmp_path: Path, path: Path, size: tuple[int, int] = (1400, 900)
) -> MainWindow:
    """The main window on the project ``path``, with its settings in ``tmp_path``, an
    annotator chosen (tests patch ``QInputDialog.getText`` for the name), errors quiet,
    shown at ``size``. The caller closes ``w.session``."""
    from ui.session import Session
    from ui.workbench.mainwindow import MainWindow
    from ui.workbench.menus import open_project

    w = MainWindow(Session(), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.quiet_errors = True
    qtbot.addWidget(w)
    assert open_project(w, path) and w.ensure_annotator()
    w.resize(*size)
    w.show()
    return w


def x_of(text: str, direction: Qt.LayoutDirection) -> Callable[[int], float]:
    """Where a cursor position of ``text`` lies on screen when ``text`` is one line laid out
    as Qt lays a label or a cell out in ``direction`` (QTextLayout): to check bidi order."""
    layout = QTextLayout(text, QFont())
    option = QTextOption()
    option.setTextDirection(direction)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(10_000)
    layout.endLayout()

    def x(pos: int) -> float:
        found = line.cursorToX(pos)  # a float, or (x, position) in some bindings
        value = found[0] if isinstance(found, tuple) else found
        assert isinstance(value, float | int)
        return float(value)

    x.layout = layout  # type: ignore[attr-defined]  # kept alive with the line
    return x


def plain(text: str) -> str:
    """``text`` without the directional isolates and marks the interface puts around names
    (``ui.i18n.isolate``, ``interface_isolate``): what a reader sees, to compare with."""
    return re.sub("[\u2066-\u2069\u200e\u200f]", "", text)


def review_main(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, build: Callable[[Any], None]
) -> Iterator[MainWindow]:
    """A main window on a project ``build`` fills (a ``Project``), the adjudicator "lead"
    its annotator; closed after the test (for a fixture to ``yield from``)."""
    from PySide6.QtWidgets import QInputDialog

    from annotator.project import Project

    path = tmp_path / "review.annotator"
    with Project.create(path) as p:
        build(p)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("lead", True))
    w = open_window(qtbot, tmp_path, path)
    yield w
    w.session.close()


def pair_review(main: MainWindow, qtbot: QtBot) -> ReviewWindow:
    """The review window of ``main`` comparing amal and badr, 1300x800, active."""
    from ui.review.window import open_review

    window = open_review(main)
    window.set_annotators(["amal", "badr"])
    window.resize(1300, 800)
    qtbot.waitUntil(window.isActiveWindow)
    return window


def asked_choices(monkeypatch: pytest.MonkeyPatch) -> tuple[list[tuple[str, str, Any]], list[str]]:
    """The questions the event tools ask (``event_wiring.ask_choice``: title, text, choices),
    recorded instead of shown, and the answer to give them (``answer[0]``; "" cancels)."""
    from ui.workbench import event_wiring

    asked: list[tuple[str, str, Any]] = []
    answer = [""]

    def ask(parent: Any, title: str, text: str, choices: Any) -> str:
        asked.append((title, text, choices))
        return answer[0]

    monkeypatch.setattr(event_wiring, "ask_choice", ask)
    return asked, answer


@pytest.fixture
def make_window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[Path], MainWindow]]:
    """Opens a shown main window on a project file, annotating as ``amal`` (the name the
    window asks for), with its own settings file; the sessions closed after the test. For
    the File menu's exchange tests (bundles, merges and their label and role maps)."""
    from PySide6.QtWidgets import QInputDialog

    from ui.session import Session
    from ui.workbench.mainwindow import MainWindow
    from ui.workbench.menus import open_project

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    sessions: list[Session] = []

    def make(path: Path) -> MainWindow:
        session = Session()
        sessions.append(session)
        settings = QSettings(str(tmp_path / f"s{len(sessions)}.ini"), QSettings.Format.IniFormat)
        w = MainWindow(session, settings)
        w.quiet_errors = True
        qtbot.addWidget(w)
        assert open_project(w, path)
        assert w.ensure_annotator()
        w.show()
        return w

    yield make
    for s in sessions:
        s.close()


@pytest.fixture
def reports(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts of the merge's report dialogs (modal in the app), which are not shown."""
    from ui.dialogs.exchange_actions import ReportDialog

    shown: list[str] = []

    def exec_(self: ReportDialog) -> int:
        shown.append(self.text.toPlainText())
        return 0

    monkeypatch.setattr(ReportDialog, "exec", exec_)
    return shown


def tools_of(w: MainWindow) -> SearchTools:
    """The window's search tools (find bar, annotate-all, gazetteers, outside predictions)."""
    from ui.search.tools import SearchTools

    tools = getattr(w, "search_tools", None)
    assert isinstance(tools, SearchTools)
    return tools

"""The first start divides a laptop's screen usefully (QA: at 1024x700 the Suggestions list
showed 2½ rows). Every dock was stacked: on the end side of the text Labels, Annotations,
Events and Suggestions each got a sliver, the text ~38% of the width, and opening the search
dock made the window taller than the screen (the docks' minimum heights summed). Now the
lists of the open document are one tabbed dock; a window too narrow for a column of docks on
each side keeps the text most of the width with one column of tabbed docks; a dock opened
below the text takes at most ``BELOW_SHARE`` of the height, and under the text alone when the
text is wide enough for it (the lists beside keep their height). A saved layout comes back as
the analyst left it.

The windows start as ``ui.app.run`` starts them (the text first, the docks after the first
paint), on a screen of the laptop's size (``QScreen.availableGeometry``)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSettings, QSize, Qt
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDockWidget
from pytestqt.qtbot import QtBot

from annotator.project import Project
from annotator.search.suggestions import Suggestion
from annotator.uuids import new_uuid
from tests.ui.conftest import SEED
from ui.session import Session
from ui.suggestions import Installed
from ui.workbench.mainwindow import BELOW_SHARE, MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

LABELS = ["PER", "ORG", "GPE", "LOC", "FAC", "TIME", "NUM"]
SMALL = QRect(0, 0, 1024, 700)  # a small laptop's screen less its panel
LAPTOP = QRect(0, 0, 1366, 768)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The seed article with 40 spans (8 of them triggers of events) and ~300 suggestions,
    and 30 more documents."""
    text = SEED.read_text(encoding="utf-8")
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        doc = p.add_document(text, name="seed")
        for n in range(30):
            p.add_document(text[n * 40 :] + text[: n * 40], name=f"article {n:03d}")
        for n, (start, end) in enumerate(words[::8][:40]):
            label = "Contact.Meet" if n % 5 == 0 else LABELS[n % len(LABELS)]
            span = p.add_span(doc.id, start, end, label, "amal")
            if label == "Contact.Meet":
                p.add_event(span.uuid)
        suggested = [
            Suggestion(new_uuid(), doc.id, s, e, LABELS[n % 7], text[s:e], "gazetteer:x", 0.6)
            for n, (s, e) in enumerate(words)
            if n % 8
        ]
        p.add_suggestions(suggested[:300])
    return path


@pytest.fixture
def screen(monkeypatch: pytest.MonkeyPatch) -> Callable[[QRect], None]:
    """Make every screen's available geometry ``room`` (the offscreen screen is 800x800)."""

    def set_room(room: QRect) -> None:
        monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(room))

    return set_room


@pytest.fixture(params=["en", "ar"])
def lang(request: pytest.FixtureRequest) -> Iterator[str]:
    """Both interfaces: the Arabic one mirrors the whole layout."""
    if request.param == "ar":
        request.getfixturevalue("arabic")
    yield request.param


def start(qtbot: QtBot, path: Path, settings: QSettings, size: QSize | None = None) -> MainWindow:
    """As ``ui.app.run``: the window (sized to its screen, or ``size``) shows the text, then
    builds the rest; returned once the layout has settled."""
    w = MainWindow(Session(), settings, deferred=True)
    w.quiet_errors = True
    qtbot.addWidget(w)
    assert w.open_first(path)
    if size is not None:
        w.resize(size)
    w.show()
    qtbot.waitExposed(w)
    w.finish_startup()
    settle(qtbot)
    return w


def settle(qtbot: QtBot) -> None:
    """Let the layout take the docks in (two turns of the event loop, and some paint)."""
    for _ in range(3):
        qtbot.wait(60)
        QApplication.processEvents()


def settings_in(tmp_path: Path) -> QSettings:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("annotator", "amal")
    return settings


def shown(dock: QDockWidget) -> bool:
    """Whether the dock is on screen (open, and in front of its tabs)."""
    return dock.isVisible() and not dock.visibleRegion().isEmpty()


def rows(view: QAbstractItemView) -> float:
    """How many rows the list shows."""
    return view.viewport().height() / max(1, view.sizeHintForRow(0))


def suggestion_list(w: MainWindow) -> QAbstractItemView:
    installed = getattr(w, "suggestions_installed", None)
    assert isinstance(installed, Installed)
    return installed.panel.list


def text_share(w: MainWindow) -> float:
    central = w.centralWidget()
    assert central is not None
    return central.width() / w.width()


def search_dock(w: MainWindow) -> QDockWidget:
    found = w.findChild(QDockWidget, "searchDock")
    assert found is not None
    return found


def nothing_clipped(w: MainWindow, room: QRect) -> None:
    """The window is inside its screen (no dock's minimum forced it larger), and each dock on
    screen holds its widget at least at the widget's minimum size."""
    assert w.width() <= room.width() and w.height() <= room.height(), w.size()
    for dock in w.findChildren(QDockWidget):
        widget = dock.widget()
        if widget is None or not shown(dock):
            continue
        least = widget.minimumSizeHint()
        assert widget.width() >= least.width(), dock.objectName()
        assert widget.height() >= least.height(), dock.objectName()


def test_a_small_screen_keeps_the_text_wide_and_shows_the_suggestions(
    lang: str,
    qtbot: QtBot,
    tmp_path: Path,
    project: Path,
    screen: Callable[[QRect], None],
    shots: Path,
) -> None:
    """1024x700: one column of tabbed docks; the text most of the width; the Suggestions list
    (opened because the document has suggestions) shows a useful number of rows."""
    screen(SMALL)
    w = start(qtbot, project, settings_in(tmp_path))
    try:
        suggestions = w.docks["suggestions"]
        assert shown(suggestions)
        assert text_share(w) > 0.6, text_share(w)  # (it was 0.38)
        assert rows(suggestion_list(w)) >= 10  # (it was 3.6)
        assert not suggestion_list(w).horizontalScrollBar().isVisible()
        assert shown(w.docks["details"])  # the selected span's editor, on top
        # one column, on the end side of the text (its start in Arabic: the left)
        central = w.centralWidget()
        assert central is not None
        for name in ("details", "suggestions"):
            dock = w.docks[name]
            assert (dock.geometry().center().x() < central.geometry().center().x()) == (
                lang == "ar"
            ), name
        # the lists of the document, and the rest, in tabs: one click away
        assert {w.docks[n] for n in ("annotations", "events")} <= set(
            w.tabifiedDockWidgets(suggestions)
        )
        assert {w.docks[n] for n in ("labels", "documents")} <= set(
            w.tabifiedDockWidgets(w.docks["details"])
        )
        nothing_clipped(w, SMALL)
        w.grab().save(str(shots / f"small_screen_first_{lang}.png"))

        # the search dock opens below, held to a share of the height: the window stays
        # on its screen and the lists keep some rows
        w.actions_by_name["search"].trigger()
        settle(qtbot)
        search = search_dock(w)
        assert shown(search)
        assert search.height() <= w.height() * BELOW_SHARE + 8
        assert text_share(w) > 0.6
        assert rows(suggestion_list(w)) >= 5  # (it was 2½ with the search closed)
        nothing_clipped(w, SMALL)
        w.grab().save(str(shots / f"small_screen_search_{lang}.png"))
    finally:
        w.session.close()


def test_a_laptop_screen_has_two_columns_and_search_under_the_text(
    lang: str,
    qtbot: QtBot,
    tmp_path: Path,
    project: Path,
    screen: Callable[[QRect], None],
    shots: Path,
) -> None:
    """1366x768: Documents and Details on the start side, Labels above the tabbed lists on
    the end side; the search dock opens under the text alone."""
    screen(LAPTOP)
    w = start(qtbot, project, settings_in(tmp_path))
    try:
        assert text_share(w) > 0.5
        for name in ("documents", "details", "labels", "suggestions"):
            assert shown(w.docks[name]), name
        documents, suggestions = w.docks["documents"], w.docks["suggestions"]
        assert w.dockWidgetArea(documents) != w.dockWidgetArea(suggestions)
        assert w.docks["annotations"] in w.tabifiedDockWidgets(suggestions)
        assert rows(suggestion_list(w)) >= 15  # (it was 6.6)
        w.actions_by_name["search"].trigger()
        settle(qtbot)
        search = search_dock(w)
        central = w.centralWidget()
        assert central is not None
        assert shown(search) and search.width() <= central.width() + 2  # under the text
        assert rows(suggestion_list(w)) >= 15  # the lists beside keep their height
        assert search.height() <= w.height() * BELOW_SHARE + 8
        nothing_clipped(w, LAPTOP)
        w.grab().save(str(shots / f"laptop_search_{lang}.png"))
    finally:
        w.session.close()


def test_a_saved_layout_comes_back_as_the_analyst_left_it(
    qtbot: QtBot, tmp_path: Path, project: Path, screen: Callable[[QRect], None]
) -> None:
    """Events taken out of the tabs, the search dock open and made taller, the document list
    wider: the next start shows them so (no first-start placing, no holding the search
    dock down; restored before the layout held the docks, the search dock came back taking
    nearly all of the text's height)."""
    screen(LAPTOP)
    settings = settings_in(tmp_path)
    w = start(qtbot, project, settings)
    events, annotations = w.docks["events"], w.docks["annotations"]
    w.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, events)  # below the tabs
    w.actions_by_name["search"].trigger()
    settle(qtbot)
    w.resizeDocks([search_dock(w)], [330], Qt.Orientation.Vertical)
    w.resizeDocks([w.docks["documents"]], [300], Qt.Orientation.Horizontal)
    settle(qtbot)
    left = {d.objectName(): d.geometry() for d in w.findChildren(QDockWidget) if d.isVisible()}
    assert events not in w.tabifiedDockWidgets(annotations)
    size = w.size()
    w.close()
    w.session.close()

    # (the saved geometry, restored offscreen, is clipped to the 800x800 screen)
    again = start(qtbot, project, settings, size)
    try:
        back = {
            d.objectName(): d.geometry() for d in again.findChildren(QDockWidget) if d.isVisible()
        }
        assert back.keys() == left.keys()
        for name, rect in left.items():
            got = back[name]
            assert abs(got.width() - rect.width()) <= 2, (name, got, rect)
            assert abs(got.height() - rect.height()) <= 2, (name, got, rect)
        assert again.docks["events"] not in again.tabifiedDockWidgets(again.docks["annotations"])
    finally:
        again.session.close()

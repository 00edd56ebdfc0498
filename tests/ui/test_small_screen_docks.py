"""The docks of the first start fit a laptop's screen (after the first-start layout of
``test_small_screen_layout``, three docks still did not):

- the Model tab, opened at 1024x700, made the window taller than the screen (its panel's
  ~460 px minimum height: 652 -> 684 px); the panel now scrolls up and down in its dock;
- the search dock's table, ~720 px wide, showed a horizontal scroll bar and cut off the
  context after the hit (its columns were fixed at 110, 330, 110 and 330 px); the columns now
  share the width. An empty line stood between the query and the table before a search;
- the Suggestions panel's four buttons in a row (~356 px) were the width of the column of
  docks beside the text; in two rows the column is ``SIDE_WIDTH`` and the text ~60 px wider.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QTabBar, QWidget
from pytestqt.qtbot import QtBot

from tests.ui import test_small_screen_layout as layout
from tests.ui.conftest import SEED
from tests.ui.test_small_screen_layout import (
    LAPTOP,
    SMALL,
    nothing_clipped,
    search_dock,
    settings_in,
    settle,
    shown,
    start,
)
from ui.docview.view import DocumentView
from ui.search import SearchDock
from ui.session import Session
from ui.suggestions import Installed, UpAndDown
from ui.suggestions.controller import SuggestionController
from ui.suggestions.dock import SuggestionsPanel
from ui.suggestions.model_panel import ModelPanel
from ui.workbench.mainwindow import SIDE_WIDTH, MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

# the fixtures of the first-start layout's tests: the seed project, the screen's size, and
# both interfaces
project, screen, lang = layout.project, layout.screen, layout.lang


def installed(w: MainWindow) -> Installed:
    found = getattr(w, "suggestions_installed", None)
    assert isinstance(found, Installed)
    return found


@pytest.mark.parametrize("room", [SMALL, LAPTOP], ids=["1024x700", "1366x768"])
def test_the_model_tab_keeps_the_window_on_its_screen(
    lang: str,
    room: QRect,
    qtbot: QtBot,
    tmp_path: Path,
    project: Path,
    screen: Callable[[QRect], None],
    shots: Path,
) -> None:
    """The Model tab opened (and the search dock with it): the window stays on its screen
    (it was 684 px high on a 700 px one) and the panel scrolls, never cut off sideways; the
    column of docks stays ``SIDE_WIDTH`` wide, the Model tab open or not."""
    screen(room)
    w = start(qtbot, project, settings_in(tmp_path))
    try:
        suggestions, model = w.docks["suggestions"], w.docks["model"]
        assert shown(suggestions)
        assert suggestions.width() <= SIDE_WIDTH[1] + 2  # (it was 356: the buttons' row)
        fitted = w.size()  # the screen less the window's frame (``fit_to_screen``)
        model.show()
        model.raise_()
        settle(qtbot)
        assert shown(model)
        nothing_clipped(w, room)
        assert w.size() == fitted  # (at 1024x700 the window grew from 652 to 684 px high)
        holder = model.widget()
        assert isinstance(holder, UpAndDown)
        panel = holder.widget()
        assert isinstance(panel, ModelPanel) and panel is installed(w).model_panel
        # up and down only: as wide as the panel's minimum at least, the scroll bar beside
        assert panel.width() >= panel.minimumSizeHint().width()
        assert panel.width() <= holder.viewport().width()
        assert model.width() <= SIDE_WIDTH[1] + 2  # the Model tab widens no column
        # the four tabs' titles whole (at 300 px "Annotati…", "Mo…" in English)
        (bar,) = [
            b
            for b in w.findChildren(QTabBar)
            if b.isVisible() and model.windowTitle() in [b.tabText(i) for i in range(b.count())]
        ]
        assert bar.count() == 4 and bar.sizeHint().width() <= bar.width(), (
            bar.sizeHint().width(),
            bar.width(),
        )
        # the Train button is reached by scrolling
        holder.ensureWidgetVisible(panel.train_button)
        settle(qtbot)
        assert not panel.train_button.visibleRegion().isEmpty()
        w.grab().save(str(shots / f"small_screen_model_{lang}_{room.width()}.png"))

        w.actions_by_name["search"].trigger()
        settle(qtbot)
        assert shown(search_dock(w))
        nothing_clipped(w, room)
        assert w.size() == fitted
    finally:
        w.session.close()


def corpus() -> list[tuple[int, str, str]]:
    """The seed article under typical names, and rotations of it under longer ones."""
    text = SEED.read_text(encoding="utf-8")
    docs = [(1, "seed", text)]
    for n in range(2, 12):
        at = n * 40
        docs.append((n, f"article {n:03d}", text[at:] + text[:at]))
    docs.append((20, "تقرير وزارة الدفاع ٢٠١٥", text))
    return docs


@pytest.mark.parametrize("width", [720, 1000])
def test_the_search_table_shares_its_width(
    lang: str, width: int, qtbot: QtBot, shots: Path
) -> None:
    """At ~720 px every column is on screen, no horizontal scroll bar: the contexts before
    and after the hit share what the document and hit columns leave, those two as wide as
    their text; no empty line between the query and the table before a search."""
    dock = SearchDock(corpus)
    qtbot.addWidget(dock)
    dock.resize(width, 300)
    dock.show()
    qtbot.waitExposed(dock)
    settle(qtbot)
    view = dock.view
    # before a search: the table right below the query row (an empty line was between)
    assert not dock.status.isVisible()
    assert view.geometry().top() - dock.edit.geometry().bottom() <= 12

    dock.edit.setText("الدفاع")
    with qtbot.waitSignal(dock.searchFinished, timeout=20_000) as blocker:
        dock.search()
    assert blocker.args is not None and blocker.args[0] == "finished"
    assert dock.model.rowCount() > 20
    settle(qtbot)
    assert dock.status.isVisible() and dock.status.text()
    assert not view.horizontalScrollBar().isVisible()  # (it was shown, "After" cut off)
    widths = [view.columnWidth(c) for c in range(4)]
    assert sum(widths) <= view.viewport().width() + 1, widths
    before, after = widths[1], widths[3]
    assert abs(before - after) <= 2  # the two contexts share the rest
    assert min(before, after) >= 200, widths
    metrics = view.fontMetrics()
    assert widths[0] >= metrics.horizontalAdvance("article 011")  # the names in full
    assert widths[0] <= metrics.averageCharWidth() * 30  # (a long name is cut, capped)
    assert widths[2] >= metrics.horizontalAdvance("الدفاع")
    dock.grab().save(str(shots / f"search_shares_width_{lang}_{width}.png"))


def test_the_suggestions_panel_is_narrow_and_shows_every_button(lang: str, qtbot: QtBot) -> None:
    """The buttons in two rows: the panel's minimum width under the column's ``SIDE_WIDTH``
    (it was ~356 px, the four buttons in a row), each button whole and on screen; the
    model panel scrolled in its dock no wider."""
    session = Session()
    host = QWidget()
    qtbot.addWidget(host)
    controller = SuggestionController(session, DocumentView(host), parent=host)
    panel = SuggestionsPanel(controller)  # a window of its own, shown at its minimum
    qtbot.addWidget(panel)
    least = panel.minimumSizeHint()
    assert least.width() <= SIDE_WIDTH[1] - 8, least  # (it was 356)
    panel.resize(least)
    panel.show()
    qtbot.waitExposed(panel)
    QApplication.processEvents()
    rows = set()
    for name, button in panel.buttons.items():
        assert button.isVisible() and not button.visibleRegion().isEmpty(), name
        assert button.width() >= button.sizeHint().width(), name  # its text whole
        assert panel.rect().contains(button.geometry()), name
        rows.add(button.geometry().top())
    assert len(rows) == 2  # as many rows as before (the list keeps its height)

    model = UpAndDown(ModelPanel(session, lambda: None, lambda _doc: None))
    qtbot.addWidget(model)
    assert model.minimumSizeHint().width() <= max(SIDE_WIDTH[1], least.width())
    assert model.minimumSizeHint().height() < 200  # it scrolls

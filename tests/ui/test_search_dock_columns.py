"""The search dock's columns fit its width at first and the analyst can drag them (closing
note 10: the columns shared the width in the Stretch and ResizeToContents modes, which no one
can drag). ``tests/ui/test_small_screen_docks.py::test_the_search_table_shares_its_width``
checks the fit (no horizontal scroll bar at 720 px)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QHeaderView
from pytestqt.qtbot import QtBot

from tests.ui.test_small_screen_docks import corpus
from ui.search import SearchDock


def settle(qtbot: QtBot) -> None:
    for _ in range(3):
        qtbot.wait(40)
        QApplication.processEvents()


def search(dock: SearchDock, qtbot: QtBot, text: str) -> None:
    dock.edit.setText(text)
    with qtbot.waitSignal(dock.searchFinished, timeout=20_000) as blocker:
        dock.search()
    assert blocker.args is not None and blocker.args[0] == "finished"
    assert dock.model.rowCount() > 0
    settle(qtbot)


def make_dock(qtbot: QtBot, width: int = 720) -> SearchDock:
    dock = SearchDock(corpus)
    qtbot.addWidget(dock)
    dock.resize(width, 300)
    dock.show()
    qtbot.waitExposed(dock)
    settle(qtbot)
    return dock


def test_every_column_can_be_dragged(qtbot: QtBot) -> None:
    dock = make_dock(qtbot)
    header = dock.view.horizontalHeader()
    modes = [header.sectionResizeMode(c) for c in range(4)]
    assert modes == [QHeaderView.ResizeMode.Interactive] * 4, modes
    assert header.stretchLastSection()  # the context after takes what is left


def test_a_column_resized_by_the_user_keeps_its_width_through_new_searches(
    qtbot: QtBot,
) -> None:
    dock = make_dock(qtbot)
    view = dock.view
    header = view.horizontalHeader()
    search(dock, qtbot, "الدفاع")
    fitted = [view.columnWidth(c) for c in range(4)]
    assert not view.horizontalScrollBar().isVisible(), fitted

    header.resizeSection(1, 150)  # as a drag of its edge does
    header.resizeSection(0, fitted[0] + 40)
    settle(qtbot)
    assert view.columnWidth(1) == 150 and view.columnWidth(0) == fitted[0] + 40
    for text in ("باريس", "وزارة"):
        search(dock, qtbot, text)
        assert view.columnWidth(1) == 150, text
        assert view.columnWidth(0) == fitted[0] + 40, text
    dock.resize(900, 300)  # a wider dock: the context after takes the room, the rest stay
    settle(qtbot)
    assert view.columnWidth(1) == 150 and view.columnWidth(0) == fitted[0] + 40
    widths = [view.columnWidth(c) for c in range(4)]
    assert sum(widths) >= view.viewport().width() - 1, widths


def test_until_a_drag_the_columns_follow_the_docks_width(qtbot: QtBot) -> None:
    dock = make_dock(qtbot)
    view = dock.view
    search(dock, qtbot, "الدفاع")
    for width in (1000, 720):
        dock.resize(width, 300)
        settle(qtbot)
        widths = [view.columnWidth(c) for c in range(4)]
        assert not view.horizontalScrollBar().isVisible(), (width, widths)
        assert abs(sum(widths) - view.viewport().width()) <= 2, (width, widths)
        assert abs(widths[1] - widths[3]) <= 2, (width, widths)  # the contexts share the rest

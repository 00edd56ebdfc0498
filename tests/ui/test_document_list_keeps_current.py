"""The document list keeps the open document (the last given to ``set_current``): a filter
that hides its row and is then cleared makes the row current again (QA 13, item 2: the
highlight was lost, the panel took the table's current row, none while it was hidden)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from annotator.model import Status
from ui.workbench.panels import DocumentListPanel, DocumentRow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

N, D = Status.NEW, Status.DONE
ROWS = [
    DocumentRow(1, "alpha", N, 1),
    DocumentRow(2, "Real one", D, 0),
    DocumentRow(3, "beta", N, 3),
    DocumentRow(4, "Real two", N, 2),
]


@pytest.fixture
def panel(qtbot: QtBot) -> DocumentListPanel:
    widget = DocumentListPanel()
    qtbot.addWidget(widget)
    widget.resize(360, 300)
    widget.set_rows(ROWS, 3)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_open_row_is_current_again_after_the_filter_is_cleared(
    panel: DocumentListPanel,
) -> None:
    assert panel.current_id() == 3
    panel.filter_edit.setText("Real")
    assert 3 not in panel.visible_ids()
    assert panel.current_id() is None
    panel.filter_edit.setText("")
    assert panel.current_id() == 3
    assert panel.table.selectionModel().isRowSelected(panel.table.currentIndex().row())


def test_the_status_filter_and_the_sort_keep_it_too(panel: DocumentListPanel) -> None:
    panel.status_filter.setCurrentIndex(panel.status_filter.findData(D.value))
    assert panel.current_id() is None
    panel.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    panel.status_filter.setCurrentIndex(0)
    assert panel.visible_ids()[0] == 3
    assert panel.current_id() == 3


def test_another_open_document_is_the_one_kept(panel: DocumentListPanel) -> None:
    panel.filter_edit.setText("Real")
    panel.set_current(4)  # opened while the filter is on
    panel.filter_edit.setText("")
    assert panel.current_id() == 4
    panel.set_current(None)  # no document open
    panel.filter_edit.setText("a")
    assert panel.current_id() is None

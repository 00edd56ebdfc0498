"""The document list's filter folds Arabic as the entity list's does, and its headers sort
(QA 2026-11-30, items 2 and 3: "اخبار" did not find "أخبار باريس", and a click on Name,
Status or Spans did nothing)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from typing import Any

import pytest
from PySide6.QtCore import QCollator, QPoint, Qt
from PySide6.QtTest import QSignalSpy, QTest
from pytestqt.qtbot import QtBot

from annotator.model import Status
from ui.workbench import panels
from ui.workbench.panels import DocumentListModel, DocumentListPanel, DocumentRow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

N, P, D = Status.NEW, Status.IN_PROGRESS, Status.DONE
ROWS = [
    DocumentRow(1, "أخبار باريس", D, 12),
    DocumentRow(2, "إعلان الحكومة", N, 3),
    DocumentRow(3, "مَدينة الرياض", P, 100),
    DocumentRow(4, "doc10", N, 0),
    DocumentRow(5, "Report-Zeta", P, 7),
    DocumentRow(6, "doc2", D, 25),
    DocumentRow(7, "بيان", N, 9),
]


@pytest.fixture
def panel(qtbot: QtBot) -> DocumentListPanel:
    widget = DocumentListPanel()
    qtbot.addWidget(widget)
    widget.resize(360, 300)
    widget.set_rows(ROWS, None)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def names(panel: DocumentListPanel) -> list[str]:
    model = panel.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def click_header(panel: DocumentListPanel, column: int) -> None:
    header = panel.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("اخبار", ["أخبار باريس"]),
        ("اعلان", ["إعلان الحكومة"]),
        ("مدينة", ["مَدينة الرياض"]),
        ("مَدينة", ["مَدينة الرياض"]),
        ("REPORT", ["Report-Zeta"]),
    ],
)
def test_the_filter_folds_arabic_as_the_entity_list_does(
    panel: DocumentListPanel, typed: str, found: list[str]
) -> None:
    panel.filter_edit.setText(typed)
    assert names(panel) == found


def test_the_headers_sort_name_status_and_spans(panel: DocumentListPanel) -> None:
    assert panel.table.isSortingEnabled()
    assert names(panel) == [r.name for r in ROWS]  # document order until a click
    click_header(panel, 0)
    shown = names(panel)
    # Arabic letters in their order, harakat and hamza forms aside; numbers by value
    assert shown.index("doc2") < shown.index("doc10")
    arabic = [n for n in shown if n[0] > "\u0600"]
    assert arabic == ["أخبار باريس", "إعلان الحكومة", "بيان", "مَدينة الرياض"]
    click_header(panel, 0)  # descending
    assert names(panel) == shown[::-1]
    click_header(panel, 1)  # status in workflow order, ties in document order
    model = panel.model
    assert [model.rows[p].doc_id for p in model.shown] == [2, 4, 7, 3, 5, 1, 6]
    click_header(panel, 2)
    assert [model.rows[p].count for p in model.shown] == [0, 3, 7, 9, 12, 25, 100]
    click_header(panel, 2)
    click_header(panel, 2)  # a third click: document order again
    assert names(panel) == [r.name for r in ROWS]


def test_a_sorted_list_keeps_the_filter_the_selection_and_return(
    panel: DocumentListPanel, qtbot: QtBot
) -> None:
    panel.set_current(3)
    click_header(panel, 2)  # by spans: doc 3 (100) is last
    assert panel.current_id() == 3
    assert panel.table.currentIndex().row() == len(ROWS) - 1
    panel.filter_edit.setText("ال")
    assert names(panel) == ["إعلان الحكومة", "مَدينة الرياض"]
    assert panel.current_id() == 3 and panel.table.currentIndex().row() == 1
    panel.filter_edit.clear()
    assert panel.model.rows[panel.model.shown[0]].count == 0
    assert panel.current_id() == 3  # still on its document
    panel.filter_edit.setText("doc")
    assert names(panel) == ["doc10", "doc2"]  # 0 then 25 spans
    panel.filter_edit.clear()
    panel.table.setFocus()
    QTest.keyClick(panel.table, Qt.Key.Key_Home)
    assert panel.current_id() == 4
    QTest.keyClick(panel.table, Qt.Key.Key_Down)
    assert panel.current_id() == 2
    spy = QSignalSpy(panel.documentActivated)
    QTest.keyClick(panel.table, Qt.Key.Key_Return)
    assert spy.count() == 1 and spy.at(0) == [2]
    # an edit that changes the sorted column moves the row, the highlight follows it
    panel.update_row(2, None, 1000)
    assert panel.model.rows[panel.model.shown[-1]].doc_id == 2
    assert panel.current_id() == 2


def test_sorting_twenty_thousand_documents_makes_one_key_per_row(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What keeps sorting and filtering 20,000 documents quick (timed by
    ``tests/benchmarks/bench_document_list.py``: under 2 s each, measured 0.02-0.2 s): a sort
    orders the rows by one key per row and asks the model for no cell (a proxy's sort asked
    ``data`` twice per comparison); a name's collation key is made once and kept, so sorting
    by name again makes none; the filter folds each name once and keeps the folded names for
    the next text typed."""
    asked = [0]
    data = DocumentListModel.data

    def counting(
        self: DocumentListModel, index: Any, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        asked[0] += 1
        return data(self, index, role)

    monkeypatch.setattr(DocumentListModel, "data", counting)
    widget = DocumentListPanel()
    qtbot.addWidget(widget)
    statuses = list(Status)
    rows = [
        DocumentRow(i, f"خبر {i} عن مدينة", statuses[i % 3], (i * 7919) % 500)
        for i in range(20_000)
    ]
    widget.set_rows(rows, 5)
    model = widget.model
    made = [0]
    # no collator yet: the first sort makes it (``ordered`` once took the keys' dict before
    # ``_collator_now`` started a new one, and the second sort by name made every key again)
    assert model._collator is None
    collator_now = model._collator_now

    class Counting:
        def __init__(self, collator: QCollator) -> None:
            self.collator = collator

        def sortKey(self, name: str) -> object:  # (QCollator's name)
            made[0] += 1
            return self.collator.sortKey(name)

    monkeypatch.setattr(model, "_collator_now", lambda: Counting(collator_now()))
    asked[0] = 0
    for column in (0, 1, 2):
        model.sort(column, Qt.SortOrder.AscendingOrder)
        assert made[0] == len(rows)  # one key per name, made at the first sort by name
    shown = [model.rows[p] for p in model.shown]
    assert [r.count for r in shown] == sorted(r.count for r in rows)
    assert [r.doc_id for r in shown if r.count == 0] == [i for i in range(0, 20_000, 500)]
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert made[0] == len(rows)  # kept: none made again
    assert [model.rows[p].doc_id for p in model.shown][:3] == [0, 1, 2]  # numeric order
    assert asked[0] < len(rows)  # no cell asked per comparison (n log n of them)
    folded: list[str] = []
    fold = panels.fold_text

    def folding(text: str) -> str:
        folded.append(text)
        return fold(text)

    monkeypatch.setattr(panels, "fold_text", folding)
    widget.filter_edit.setText("مدينه")  # ة typed as ه is not folded: no match
    assert model.rowCount() == 0 and len(folded) == len(rows) + 1  # every name, then kept
    widget.filter_edit.setText("خبر 19")
    assert len(folded) == len(rows) + 2  # only the text typed
    assert model.rowCount() == 1111  # 19, 190-199, 1900-1999, 19000-19999
    assert widget.current_id() is None or widget.current_id() == 5

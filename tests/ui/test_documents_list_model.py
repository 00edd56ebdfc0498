"""The document list is a model and a table view (QA 2026-11-29: a 20,000-document project
took 3 s to show, its list filled twice with an item per document; an edit re-measured every
row): nothing is made per document, an edit repaints one row, the window fills it once."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSettings, Qt
from PySide6.QtTest import QSignalSpy, QTest
from PySide6.QtWidgets import QHeaderView, QTableView
from pytestqt.qtbot import QtBot

from annotator.model import Status
from annotator.project import Project
from ui.i18n import plain_tooltip, status_text
from ui.session import Session
from ui.workbench.mainwindow import MainWindow
from ui.workbench.menus import open_project
from ui.workbench.panels import (
    QUEUE_ROLE,
    UUID_ROLE,
    DocumentListModel,
    DocumentListPanel,
    DocumentRow,
    cell_width,
)

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

NAMES = ["تقرير بغداد", "news <b>two</b>", "الخبر الثالث", "third"]
ME = "amal"


def rows_of(n: int) -> list[DocumentRow]:
    statuses = (Status.NEW, Status.IN_PROGRESS, Status.DONE)
    return [
        DocumentRow(i + 1, NAMES[i] if i < len(NAMES) else f"doc{i}", statuses[i % 3], i * 2)
        for i in range(n)
    ]


@pytest.fixture
def panel(qtbot: QtBot) -> DocumentListPanel:
    widget = DocumentListPanel()
    qtbot.addWidget(widget)
    widget.resize(360, 300)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def cell(panel: DocumentListPanel, row: int, column: int, role: int = 0) -> Any:
    return panel.model.index(row, column).data(role)


def test_no_item_per_document_and_only_rows_on_screen_are_read(
    panel: DocumentListPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: set[int] = set()
    real = DocumentListModel.data

    def counting(
        model: DocumentListModel,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        asked.add(index.row())
        return real(model, index, role)

    monkeypatch.setattr(DocumentListModel, "data", counting)
    panel.set_rows(rows_of(100_000), 1)
    panel.table.viewport().repaint()
    assert isinstance(panel.table, QTableView) and panel.table.model() is panel.model
    assert panel.model.rowCount() == 100_000
    assert 0 < len(asked) < 100  # the rows on screen, not 100,000
    assert panel.current_id() == 1


def test_counts_not_given_are_counted_for_the_rows_shown_only(
    qtbot: QtBot, panel: DocumentListPanel
) -> None:
    counted: list[int] = []

    def counter(doc_id: int) -> int:
        counted.append(doc_id)
        return 123_456 if doc_id == 2 else doc_id

    rows = [DocumentRow(i + 1, f"doc{i}", Status.NEW, None) for i in range(100_000)]
    panel.set_rows(rows, 1, counter)
    panel.table.viewport().repaint()
    assert 0 < len(counted) < 100 and 1 in counted and 99_999 not in counted
    assert cell(panel, 0, 2) == "1"
    assert panel.count_of(99_999) == 99_999  # asked for: counted then, once
    assert panel.count_of(99_999) == 99_999 and counted.count(99_999) == 1
    # a count wider than the column (counted while painting) widens it after the paint
    width = cell_width(panel.table, "123456")
    qtbot.waitUntil(lambda: panel.table.horizontalHeader().sectionSize(2) >= width)
    panel.update_row(5, Status.DONE, 7)
    assert cell(panel, 4, 2) == "7" and counted.count(5) == 1


def test_cells_status_counts_and_plain_tooltips(panel: DocumentListPanel) -> None:
    panel.set_rows(rows_of(4), 2)
    assert [cell(panel, r, 0) for r in range(4)] == NAMES
    assert cell(panel, 1, 1) == status_text(Status.IN_PROGRESS)
    assert cell(panel, 1, 1, UUID_ROLE) == Status.IN_PROGRESS.value
    assert [cell(panel, r, 2) for r in range(4)] == ["0", "2", "4", "6"]
    assert cell(panel, 3, 0, UUID_ROLE) == 4
    assert cell(panel, 1, 0, Qt.ItemDataRole.ToolTipRole) == plain_tooltip(NAMES[1])
    assert "&lt;b&gt;" in cell(panel, 1, 0, Qt.ItemDataRole.ToolTipRole)
    align = Qt.AlignmentFlag(cell(panel, 0, 2, Qt.ItemDataRole.TextAlignmentRole))
    assert align & Qt.AlignmentFlag.AlignRight
    assert cell(panel, 0, 0, Qt.ItemDataRole.DecorationRole) is None  # no queue, no marks
    assert panel.count_of(3) == 4 and panel.count_of(99) is None
    assert panel.current_id() == 2


def test_no_column_is_sized_by_measuring_its_rows(panel: DocumentListPanel) -> None:
    header = panel.table.horizontalHeader()
    modes = [header.sectionResizeMode(c) for c in range(3)]
    assert QHeaderView.ResizeMode.ResizeToContents not in modes
    panel.set_rows(rows_of(4), None)
    metrics = panel.table.fontMetrics()
    assert header.sectionSize(1) >= max(metrics.horizontalAdvance(status_text(st)) for st in Status)
    before = header.sectionSize(2)
    panel.update_row(2, None, 123_456_789)  # a count wider than the column: it grows
    assert header.sectionSize(2) > before
    assert header.sectionSize(2) >= metrics.horizontalAdvance("123456789")


def test_an_edit_repaints_its_row_only(panel: DocumentListPanel) -> None:
    panel.set_rows(rows_of(1_000), 500)
    changed = QSignalSpy(panel.model.dataChanged)
    reset = QSignalSpy(panel.model.modelReset)
    panel.update_row(500, None, 77)
    assert reset.count() == 0 and changed.count() == 1
    top, bottom = changed.at(0)[0], changed.at(0)[1]
    assert top.row() == bottom.row() == 499
    assert (top.column(), bottom.column()) == (0, 2)
    assert cell(panel, 499, 2) == "77" and panel.count_of(500) == 77
    assert panel.rows[499] == DocumentRow(500, "doc499", panel.rows[499].status, 77)
    panel.update_row(500, Status.DONE, 78)
    assert panel.rows[499].status == Status.DONE
    assert cell(panel, 499, 1) == status_text(Status.DONE)
    assert reset.count() == 0 and panel.current_id() == 500


def test_filters_by_name_status_and_keep_the_current_row(panel: DocumentListPanel) -> None:
    panel.set_rows(rows_of(4), 3)
    panel.filter_edit.setText("الخبر")
    assert panel.visible_ids() == [3] and panel.current_id() == 3
    panel.filter_edit.setText("NEWS")  # case-folded
    assert panel.visible_ids() == [2]
    assert panel.current_id() is None  # the current row is filtered out
    panel.filter_edit.clear()
    done = panel.status_filter.findData(Status.DONE.value)
    panel.status_filter.setCurrentIndex(done)
    assert panel.visible_ids() == [3]
    # a status change while filtered by status: the row leaves (or joins) the list
    panel.update_row(3, Status.IN_PROGRESS, 4)
    assert panel.visible_ids() == []
    panel.update_row(1, Status.DONE, 0)
    assert panel.visible_ids() == [1]
    panel.status_filter.setCurrentIndex(0)
    assert panel.visible_ids() == [1, 2, 3, 4]
    # an edit while filtered: the row shown is the one repainted
    panel.filter_edit.setText("third")
    spy = QSignalSpy(panel.model.dataChanged)
    panel.update_row(4, None, 9)
    assert spy.count() == 1 and spy.at(0)[0].row() == 0
    assert cell(panel, 0, 2) == "9"


def test_keyboard_and_mouse_open_documents(qtbot: QtBot, panel: DocumentListPanel) -> None:
    panel.set_rows(rows_of(50), 1)
    table = panel.table
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_Down)
    QTest.keyClick(table, Qt.Key.Key_Down)
    assert panel.current_id() == 3
    assert table.selectionModel().isRowSelected(2, QModelIndex())
    with qtbot.waitSignal(panel.documentActivated) as blocker:
        QTest.keyClick(table, Qt.Key.Key_Return)
    assert blocker.args == [3]
    QTest.keyClick(table, Qt.Key.Key_End)  # as in a list: the last row, then the first
    assert panel.current_id() == 50
    QTest.keyClick(table, Qt.Key.Key_Home)
    assert panel.current_id() == 1
    QTest.keyClick(table, Qt.Key.Key_End)
    rect = table.visualRect(panel.model.index(table.currentIndex().row() - 1, 0))
    with qtbot.waitSignal(panel.documentActivated) as blocker:
        QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [49]
    panel.set_current(10)
    assert panel.current_id() == 10
    panel.set_current(None)
    assert panel.current_id() is None and not table.selectionModel().hasSelection()


def test_the_hub_queue_marks_and_filters(panel: DocumentListPanel) -> None:
    panel.set_rows(rows_of(4), None)  # 1 new, 2 in progress, 3 done, 4 new
    panel.show_queue(False, [1, 2, 3], waiting=2)
    assert panel.queue_shown and panel.queued_ids() == {1, 2}  # 3 is done
    assert panel.queue_toggle.text() == "My queue (2)"
    assert [bool(cell(panel, r, 0, QUEUE_ROLE)) for r in range(4)] == [True, True, False, False]
    assert all(not cell(panel, r, 0, Qt.ItemDataRole.DecorationRole).isNull() for r in range(4))
    tip = cell(panel, 0, 0, Qt.ItemDataRole.ToolTipRole)
    assert tip == plain_tooltip(f"{NAMES[0]}\nIn your queue")
    assert "2 more" in panel.queue_toggle.toolTip()
    panel.queue_toggle.setChecked(True)
    assert panel.visible_ids() == [1, 2]
    panel.update_row(1, Status.DONE, 5)  # done: out of the queue at once
    assert panel.queued_ids() == {2} and panel.visible_ids() == [2]
    assert panel.queue_toggle.text() == "My queue (1)"
    panel.show_queue(True, [2, 4])
    assert cell(panel, 0, 0, Qt.ItemDataRole.ToolTipRole) == plain_tooltip(f"{NAMES[1]}\nTo review")
    assert panel.queue_toggle.text() == "To review (2)"
    panel.hide_queue()
    assert not panel.queue_shown and panel.queue_toggle.isHidden()
    assert panel.visible_ids() == [1, 2, 3, 4] and panel.queued_ids() == set()
    assert cell(panel, 0, 0, Qt.ItemDataRole.DecorationRole) is None


def test_arabic_names_read_right_to_left(qtbot: QtBot, shots: Path) -> None:
    panel = DocumentListPanel()
    panel.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    qtbot.addWidget(panel)
    panel.resize(380, 260)
    rows = [
        DocumentRow(1, "تقرير عن اجتماع الوزراء في بغداد حول الاقتصاد", Status.IN_PROGRESS, 12),
        DocumentRow(2, "الخبر الثاني", Status.DONE, 3),
        DocumentRow(3, "000_3626081446f7037e", Status.NEW, 0),
    ]
    panel.set_rows(rows, 2)
    panel.show_queue(False, [1])
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.grab().save(str(shots / "documents_list_rtl.png"))
    delegate = panel.table.itemDelegate()
    assert type(delegate).__name__ == "DirectionalDelegate"


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        first = p.add_document("اجتمع الوزراء في بغداد.", name="أول")
        p.add_document("وصل الوفد إلى باريس.", name="second")
        p.add_span(first.id, 0, 5, "PER", ME)
        p.add_span(first.id, 6, 13, "ORG", "badr")
        p.add_span(first.id, 17, 22, "GPE", "badr")
    return path


@pytest.fixture
def fills(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int | None, ...]]:
    calls: list[tuple[int | None, ...]] = []
    real = DocumentListPanel.set_rows

    def counting(
        panel: DocumentListPanel,
        rows: list[DocumentRow],
        current: int | None,
        counter: Callable[[int], int] | None = None,
    ) -> None:
        if rows:
            calls.append(tuple(r.count for r in rows))
        real(panel, rows, current, counter)

    monkeypatch.setattr(DocumentListPanel, "set_rows", counting)
    return calls


def test_opening_a_project_fills_the_list_once(
    qtbot: QtBot, tmp_path: Path, project_path: Path, fills: list[tuple[int | None, ...]]
) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("annotator", ME)  # the analyst's name remembered (every start but the first)
    w = MainWindow(Session(), settings)
    w.quiet_errors = True
    qtbot.addWidget(w)
    try:
        assert open_project(w, project_path) and w.ensure_annotator()
        w.show()
        qtbot.waitExposed(w)
        # once, no document counted to fill it: the rows on screen are counted when painted
        assert fills == [(None, None)]
        assert w.session.annotator == ME
        assert w.documents.visible_ids() == [1, 2] and w.documents.current_id() == 1
        # the counts shown are the analyst's (not every layer's 3)
        shown = [w.documents.model.index(row, 2).data() for row in (0, 1)]
        assert shown == ["1", "0"]
    finally:
        w.session.close()


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, project_path: Path) -> Iterator[MainWindow]:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("annotator", ME)
    w = MainWindow(Session(), settings)
    w.quiet_errors = True
    qtbot.addWidget(w)
    assert open_project(w, project_path) and w.ensure_annotator()
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.session.close()


def test_a_hotkey_updates_the_row_in_place(qtbot: QtBot, window: MainWindow) -> None:
    w = window
    qtbot.waitUntil(lambda: not w.session.read_only)
    changed = QSignalSpy(w.documents.model.dataChanged)
    reset = QSignalSpy(w.documents.model.modelReset)
    w.view.setFocus()
    w.view.select(6, 13)
    QTest.keyClick(w.view, Qt.Key.Key_O)
    assert w.documents.count_of(1) == 2
    assert reset.count() == 0 and changed.count() >= 1
    assert all(
        changed.at(i)[0].row() == changed.at(i)[1].row() == 0 for i in range(changed.count())
    )
    assert w.documents.model.index(0, 2).data() == "2"


def test_opening_and_moving_read_ids_and_names_not_documents_nor_every_count(
    qtbot: QtBot, tmp_path: Path, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # At 100,000 documents a Document per row (Project.documents) cost 0.6-2.7 s and every
    # document's count (Project.span_counts) 1-4 s of the first paint; the list needs ids and
    # names, and counts only for the rows on screen. Ctrl+PgDown and F8 step through the
    # list's rows, not the project's documents read again at each key.
    calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
    for name in ("documents", "span_counts", "document_names"):
        real = getattr(Project, name)

        def spy(self: Project, *a: Any, _real: Any = real, _name: str = name, **k: Any) -> Any:
            calls.append((_name, a, k))
            return _real(self, *a, **k)

        monkeypatch.setattr(Project, name, spy)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("annotator", ME)
    w = MainWindow(Session(), settings)
    w.quiet_errors = True
    qtbot.addWidget(w)
    try:
        assert open_project(w, project_path) and w.ensure_annotator()
        w.show()
        qtbot.waitExposed(w)
        assert [c[0] for c in calls if c[0] != "document_names"] == []
        every = [c for c in calls if c[0] == "document_names" and not c[2].get("limit")]
        assert len(every) == 1  # the list's fill (the first document: one row asked for)
        assert w.documents.visible_ids() == [1, 2] and w.doc is not None and w.doc.id == 1
        calls.clear()
        w.navigation.step_document(True)  # Ctrl+PgDown
        assert w.doc is not None and w.doc.id == 2 and w.documents.current_id() == 2
        w.navigation.step_document(True)  # cycling
        assert w.doc is not None and w.doc.id == 1
        w.navigation.step_document(False)  # Ctrl+PgUp
        assert w.doc is not None and w.doc.id == 2
        w.navigation.next_unfinished()  # F8: the first document is not done
        assert w.doc is not None and w.doc.id == 1 and w.documents.current_id() == 1
        assert calls == []
    finally:
        w.session.close()

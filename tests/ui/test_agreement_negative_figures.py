"""Negative figures in the Agreement window (QA round 13): in Arabic a coefficient below zero
read "0.055-", its minus sign right of the digits, in every table (pairs, per label, per
document) and in the summary line: with no letter of its own, a figure took the right-to-left
direction of its cell or line. Now a figure cell is laid out left to right
(``FigureDelegate``) while its text stays the figure as it is (what a copy gives) with its
value beside it (``VALUE_ROLE``), and the summary holds each figure as a left-to-right
isolate."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem, QTableWidget
from pytestqt.qtbot import QtBot

from annotator.agreement import AgreementResult, agreement, project_layers
from annotator.project import Project
from tests.ui.conftest import plain
from ui.review.agreement_window import VALUE_ROLE, AgreementWindow, fmt
from ui.session import Session

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

TEXT = "اعتقل محمد علي ببغداد أمس مساء. وزار باريس."
NAMES = ["أمل", "بدر"]


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    """Two annotators who mark different words: kappa, alpha and alpha-U below zero."""
    path = tmp_path / "neg.annotator"
    with Project.create(path) as p:
        for name in NAMES:
            p.add_annotator(name)
        doc = p.add_document(TEXT, name="وثيقة").id
        p.add_span(doc, 6, 14, "PER", NAMES[0])
        p.add_span(doc, 15, 21, "PER", NAMES[1])
        p.add_span(doc, 38, 43, "GPE", NAMES[0])
        p.add_span(doc, 26, 30, "GPE", NAMES[1])
    s = Session()
    s.open_project(path)
    yield s
    s.close()


def measured(session: Session) -> AgreementResult:
    project = session.project
    assert project is not None
    return agreement(project_layers(project, NAMES), NAMES)


def glyph_x(text: str, direction: Qt.LayoutDirection) -> dict[int, float]:
    """Where each character of ``text`` is drawn (the left edge of its glyph) when ``text`` is
    one line laid out as Qt lays a label or a cell out in ``direction``. (Cursor positions,
    ``x_of``, are ambiguous where a left-to-right run meets a right-to-left one, as at a
    figure's minus sign.)"""
    layout = QTextLayout(text, QFont())
    option = QTextOption()
    option.setTextDirection(direction)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(10_000)
    layout.endLayout()
    flags = QTextLayout.GlyphRunRetrievalFlag
    wanted = flags.RetrieveStringIndexes | flags.RetrieveGlyphPositions | flags.RetrieveGlyphIndexes
    out: dict[int, float] = {}
    for run in layout.glyphRuns(0, len(text), wanted):
        for i, pos in zip(run.stringIndexes(), run.positions(), strict=True):
            out[i] = pos.x()
    return out


def minus_on_the_left(text: str, direction: Qt.LayoutDirection) -> list[bool]:
    """For each "-" before a digit in ``text`` laid out in ``direction``: whether it shows
    left of that digit."""
    x = glyph_x(text, direction)
    return [
        x[i] < x[i + 1] for i in range(len(text) - 1) if text[i] == "-" and text[i + 1].isdigit()
    ]


def cell_option(table: QTableWidget, row: int, col: int) -> QStyleOptionViewItem:
    """The style option the table paints cell (``row``, ``col``) with: the view's, through
    the table's delegate."""
    option = QStyleOptionViewItem()
    table.initViewItemOption(option)
    index = table.model().index(row, col)
    delegate = table.itemDelegateForIndex(index)
    delegate.initStyleOption(option, index)  # type: ignore[attr-defined]
    return option


def negative_cells(window: AgreementWindow) -> dict[str, list[tuple[int, int, float]]]:
    found: dict[str, list[tuple[int, int, float]]] = {}
    for name, table in window.tables.items():
        for r in range(table.rowCount()):
            for c in range(table.columnCount()):
                item = table.item(r, c)
                value = item.data(VALUE_ROLE) if item is not None else None
                if isinstance(value, float) and fmt(value).startswith("-"):
                    found.setdefault(name, []).append((r, c, value))
    return found


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_negative_figure_reads_with_its_minus_on_the_left(
    qtbot: QtBot, session: Session, lang: str
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    from ui import i18n

    i18n.install_translator(app, lang)
    try:
        window = AgreementWindow(session)
        qtbot.addWidget(window)
        window.show()
        window.show_result(measured(session), session.project and session.project.schema)
        direction = window.layoutDirection()
        assert (direction == Qt.LayoutDirection.RightToLeft) == (lang == "ar")
        found = negative_cells(window)
        # every table with signed figures has some below zero here (the class, not one cell)
        assert {"pairs", "labels", "documents"} <= set(found)
        for name, cells in found.items():
            table = window.tables[name]
            for r, c, value in cells:
                option = cell_option(table, r, c)
                assert option.text == fmt(value)  # plain: a copy gives the figure as it is
                assert minus_on_the_left(option.text, option.direction) == [True], (name, r, c)
        summary = window.summary.text()
        signs = minus_on_the_left(summary, direction)
        assert signs and all(signs), plain(summary)
    finally:
        i18n.install_translator(app, "en")


def test_figure_cells_keep_their_place_and_names_their_direction(
    arabic: QApplication, qtbot: QtBot, session: Session
) -> None:
    """In the right-to-left window a figure still sits at its cell's end (the left side), as
    before; a name's cell is laid out as the interface lays it."""
    window = AgreementWindow(session)
    qtbot.addWidget(window)
    window.show_result(measured(session))
    table = window.tables["pairs"]
    kappa = cell_option(table, 0, 7)
    assert kappa.direction == Qt.LayoutDirection.LeftToRight
    align = kappa.displayAlignment
    assert align & Qt.AlignmentFlag.AlignLeft and align & Qt.AlignmentFlag.AlignAbsolute
    name = cell_option(table, 0, 0)
    assert name.text == NAMES[0]
    assert name.direction == Qt.LayoutDirection.RightToLeft
    value = table.item(0, 7)
    assert value is not None and isinstance(value.data(VALUE_ROLE), float)

"""QA findings on the search panels: a document's name and text, a label, an entity's text or
a layer name holding markup show literally in the concordance's and the entity list's
tooltips and in the dock's status line; the search dock's filter row keeps every control
readable (mode names, check box labels) at a 900-pixel-wide window, in Arabic and English."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import Qt as GuiQt  # mightBeRichText lives in QtGui's Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from annotator.search import EntityGroup, KwicLine
from annotator.search.annotations import Mention
from ui import i18n
from ui.search import SearchDock
from ui.search.concordance import ConcordanceModel
from ui.search.entities import EntityModel

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

NAME = "<b>bold</b><img src=x>"
TEXT = "رأي <b>x</b> و <img src=x> في باريس 2016 ABC"


def shown(tip: str) -> str:
    """The text a tooltip shows: Qt renders it as rich text when it might be rich text."""
    if not GuiQt.mightBeRichText(tip):
        return tip
    document = QTextDocument()
    document.setHtml(tip)
    return document.toPlainText()


def tips_are_literal(model: QAbstractItemModel) -> None:
    assert model.rowCount() > 0
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            display = index.data(Qt.ItemDataRole.DisplayRole)
            tip = index.data(Qt.ItemDataRole.ToolTipRole)
            assert isinstance(display, str) and isinstance(tip, str)
            assert shown(tip) == display, (row, column, tip)


def test_concordance_tooltips_show_names_and_contexts_literally(qtbot: QtBot) -> None:
    model = ConcordanceModel()
    start = TEXT.index("باريس")
    line = KwicLine(7, start, start + 5, TEXT[:start], "باريس", TEXT[start + 5 :])
    markup = KwicLine(7, 4, 12, "رأي ", "<b>x</b>", " و <img src=x>")
    model.set_lines([line, markup], {7: NAME})
    assert model.index(0, 0).data() == NAME
    tips_are_literal(model)
    assert "<b>" in shown(model.index(1, 2).data(Qt.ItemDataRole.ToolTipRole))


def test_entity_tooltips_show_labels_texts_and_layers_literally(qtbot: QtBot) -> None:
    model = EntityModel()
    mentions = (Mention("u1", 7, 4, 12, "<i>amal</i>"), Mention("u2", 8, 0, 8, "<i>amal</i>"))
    group = EntityGroup("<u>ORG</u>", "<b>x</b>", "<b>x</b>", mentions, {"<i>amal</i>": 2})
    model.set_groups([group])
    tips_are_literal(model)
    assert shown(model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)) == "<b>x</b>"


def test_the_status_line_shows_an_entity_title_literally(qtbot: QtBot) -> None:
    dock = SearchDock(lambda: iter([]))
    qtbot.addWidget(dock)
    dock.show_lines([], {}, "<b>x</b> (ORG): 2 mentions")
    assert dock.status.textFormat() == Qt.TextFormat.PlainText


@pytest.fixture(params=["ar", "en"])
def lang(request: pytest.FixtureRequest) -> Iterator[str]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    chosen = str(request.param)
    assert i18n.install_translator(app, chosen) == chosen
    yield chosen
    i18n.install_translator(app, "en")


def window_with_dock(qtbot: QtBot, width: int) -> tuple[QMainWindow, SearchDock]:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.setCentralWidget(QWidget(window))
    dock = SearchDock(lambda: iter([]), window)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    window.resize(width, 600)
    window.show()
    qtbot.waitExposed(window)
    return window, dock


def assert_readable(dock: SearchDock) -> None:
    mode = dock.mode
    texts = [mode.itemText(i) for i in range(mode.count())]
    assert all(texts), texts  # every mode has a name
    option = QStyleOptionComboBox()
    option.initFrom(mode)
    field = mode.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, mode
    )
    widest = max(mode.fontMetrics().horizontalAdvance(t) for t in texts)
    assert field.width() >= widest, (field.width(), widest, texts)
    for box in (dock.clitics, dock.ta_marbuta):
        assert box.text()
        option_b = QStyleOptionButton()
        option_b.initFrom(box)
        indicator = box.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, option_b, box)
        label = box.fontMetrics().horizontalAdvance(box.text())
        assert box.width() >= indicator + label, (box.text(), box.width(), indicator + label)
    assert dock.button.width() >= dock.button.sizeHint().width()
    assert dock.edit.width() >= dock.edit.fontMetrics().horizontalAdvance("x" * 16)
    placeholder = dock.documents.fontMetrics().horizontalAdvance(dock.documents.placeholderText())
    assert dock.documents.width() >= min(placeholder, dock.documents.maximumWidth() - 40)


def test_the_filter_row_stays_readable_at_900_pixels(
    lang: str, qtbot: QtBot, tmp_path: Path
) -> None:
    window, dock = window_with_dock(qtbot, 900)
    assert_readable(dock)
    if lang == "ar":
        assert dock.mode.itemText(0) == "كلمة كاملة"  # the find bar's translation
        assert dock.ta_marbuta.text() == "ة = ه"
    window.grab().save(str(tmp_path / f"search_dock_{lang}_900.png"))
    # squeezed: the window cannot be made so narrow that a control loses its text
    window.resize(300, 600)
    qtbot.wait(10)
    assert_readable(dock)

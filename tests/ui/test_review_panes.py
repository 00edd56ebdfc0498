"""The review panes (issue 15): the window opens scrolled to the selected disagreement, whose
line shows in every pane below the pane's top edge, and label tags at a pane's edge are not
clipped (the views keep a margin)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTranslator
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QInputDialog, QTableWidget
from pytestqt.qtbot import QtBot

from annotator.agreement import agreement, project_layers
from annotator.project import Project
from tests.ui.test_review_window import build_layers
from ui.i18n import install_translator
from ui.review.agreement_window import AgreementWindow, _pair_headers
from ui.review.panes import DisagreementTable
from ui.review.window import ReviewWindow, open_review
from ui.session import Session
from ui.workbench.mainwindow import MainWindow
from ui.workbench.menus import open_project

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")


@pytest.fixture
def main(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    path = tmp_path / "review.annotator"
    with Project.create(path) as p:
        build_layers(p)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("amal", True))
    session = Session()
    w = MainWindow(session, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.quiet_errors = True
    qtbot.addWidget(w)
    assert open_project(w, path)
    assert w.ensure_annotator()
    w.show()
    yield w
    session.close()


def shown_in_every_pane(window: ReviewWindow) -> list[tuple[int, int, int]]:
    """(top, bottom, pane height) of the current disagreement's caret rect in each pane."""
    item = window.item()
    assert item is not None
    out = []
    for view in window.columns.views.values():
        rect = view.cursor_rect(item.d.start)
        out.append((rect.top(), rect.bottom(), view.viewport().height()))
    return out


def test_the_review_opens_scrolled_to_the_selected_disagreement(
    main: MainWindow, qtbot: QtBot
) -> None:
    window = open_review(main)
    window.resize(1100, 420)  # short panes: a disagreement low in the text needs a scroll
    window.set_annotators(["amal", "badr"])
    qtbot.waitUntil(window.isActiveWindow)
    last = max(range(len(window.items)), key=lambda r: window.items[r].d.start)
    window.go_to(last)
    window.hide()
    window.show()  # opened again: scrolled to the same disagreement once the panes have height
    qtbot.waitExposed(window)
    for _ in range(3):
        QApplication.processEvents()
    assert window.current == last
    for view in window.columns.views.values():
        assert view.verticalScrollBar().value() > 0
    for top, bottom, height in shown_in_every_pane(window):
        assert top >= 0 and bottom <= height, (top, bottom, height)


def test_no_tag_is_cut_by_a_pane_edge(main: MainWindow, qtbot: QtBot) -> None:
    window = open_review(main)
    window.set_annotators(["amal", "badr"])
    qtbot.waitUntil(window.isActiveWindow)
    seen = 0
    for width in (900, 1000, 1100, 1250, 1400):  # lines wrap at other words at each width
        window.resize(width, 600)
        for _ in range(3):
            QApplication.processEvents()
        for row in range(len(window.items)):
            window.go_to(row)
            for view in window.columns.views.values():
                view.viewport().repaint()
                right = view.viewport().width()
                for point, pixmap in view.visible_tags():
                    wide = pixmap.width() / pixmap.devicePixelRatio()
                    assert point.x() >= 0 and point.x() + wide <= right + 0.5, (point, wide)
                    seen += 1
    assert seen > 50


class EmptyTranslations(QTranslator):
    """A translator whose every entry is empty, as an unfinished entry compiled into a .qm
    reads: Qt returns the empty text instead of the English."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return ""

    def isEmpty(self) -> bool:
        return False


def header_texts(table: QTableWidget) -> list[str]:
    items = [table.horizontalHeaderItem(c) for c in range(table.columnCount())]
    return [item.text() if item is not None else "" for item in items]


def header_ink(table: QTableWidget) -> int:
    """Dark pixels in the table's header: text drawn, not a blank bar."""
    image = table.horizontalHeader().grab().toImage()
    return sum(
        QColor(image.pixel(x, y)).lightness() < 100
        for y in range(image.height())
        for x in range(image.width())
    )


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_pairs_table_headers_are_never_blank(
    main: MainWindow, qtbot: QtBot, lang: str, tmp_path: Path
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    settings = QSettings(str(tmp_path / "lang.ini"), QSettings.Format.IniFormat)
    install_translator(app, lang, settings)
    try:
        window = AgreementWindow(main.session)
        qtbot.addWidget(window)
        window.resize(1100, 600)
        window.show()
        qtbot.waitExposed(window)
        project = main.session.project
        assert project is not None
        names = ["amal", "badr"]
        window.show_result(agreement(project_layers(project, names), names, None))
        pairs = window.tables["pairs"]
        want = [QCoreApplication.translate("Agreement", h) or h for h in _pair_headers()]
        assert header_texts(pairs) == want and all(want)
        if lang == "ar":  # the measures read in Arabic where the translations have them
            assert app.layoutDirection() == Qt.LayoutDirection.RightToLeft
        QApplication.processEvents()
        assert header_ink(pairs) > 100
        empty = EmptyTranslations()
        app.installTranslator(empty)
        try:
            window.show_result(agreement(project_layers(project, names), names, None))
            pairs = window.tables["pairs"]
            assert header_texts(pairs) == list(_pair_headers())  # the English, not blanks
            QApplication.processEvents()
            assert header_ink(pairs) > 100
            table = DisagreementTable()
            qtbot.addWidget(table)
            assert all(header_texts(table))
        finally:
            app.removeTranslator(empty)
    finally:
        install_translator(app, "en", settings)
